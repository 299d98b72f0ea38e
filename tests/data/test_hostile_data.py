"""Hostile or careless MSSBench folders, met through the CLI: exit 2, one line naming file, item and field.

Memory bombs (a small PNG that decodes to gigabytes), JSON nested 100k deep, a 100k-digit integer, and the same
item twice.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from mssbench_embodied.data import load_image_array
from mssbench_embodied.data.images import DECODE_MAX_SIDE, MAX_PIXELS_ENV
from tests.cli.helpers import cli_env, run_cli
from tests.mssbench_fixture import make_mssbench


def one_error_line(result: subprocess.CompletedProcess[str], *needles: str) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert all(n in lines[0] for n in needles), lines[0]
    return lines[0]


def _items(root: Path) -> dict[str, list[dict[str, object]]]:
    return json.loads((root / "combined.json").read_text())


def _bomb(path: Path, side: int = 12_000) -> Path:
    """A PNG of a few hundred KB that decodes to ``side``² pixels (432 MB as RGB for 12000)."""
    Image.new("1", (side, side), 0).save(path)
    return path


def test_validate_refuses_a_png_bomb_with_one_line_naming_item_and_field(tmp_path: Path) -> None:
    root = make_mssbench(tmp_path / "mss", n_chat=2, n_embodied=1)
    item = _items(root)["chat"][1]
    _bomb(root / "chat" / str(item["unsafe_image_path"]))
    line = one_error_line(
        run_cli("validate", str(root)), "combined.json: chat item 1: field 'unsafe_image_path'", "megapixels"
    )
    assert MAX_PIXELS_ENV in line and "12000x12000" in line
    # the cap is configurable: raised above the image, the folder is accepted
    ok = run_cli("validate", str(root), env=cli_env(**{MAX_PIXELS_ENV: str(200_000_000)}))
    assert ok.returncode == 0, ok.stderr
    bad = run_cli("validate", str(root), env=cli_env(**{MAX_PIXELS_ENV: "lots"}))
    one_error_line(bad, MAX_PIXELS_ENV, "positive whole number")


def test_run_refuses_the_bomb_before_any_episode(tmp_path: Path) -> None:
    root = make_mssbench(tmp_path / "mss", n_chat=1, n_embodied=1)
    _bomb(root / "embodied" / str(_items(root)["embodied"][0]["safe"]), side=9_000)
    out = tmp_path / "run"
    one_error_line(run_cli("run", "--data", str(root), "--out", str(out)), "embodied item 0: field 'safe'")
    assert not (out / "results.jsonl").exists()


def test_a_large_jpeg_is_decoded_small_in_bounded_memory(tmp_path: Path) -> None:
    """10000x8000 is over the cap at full size, but a JPEG decodes at 1/4 scale: accepted, never 240 MB."""
    path = tmp_path / "big.jpg"
    Image.new("RGB", (10_000, 8_000), (200, 30, 40)).save(path, quality=50)
    code = (
        "from mssbench_embodied.data.images import load_image_array;"
        f"a = load_image_array({str(path)!r});"
        # VmHWM is this process's own peak; ru_maxrss would carry the parent's peak across fork + exec
        "hwm = [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0];"
        "print(a.shape[0], a.shape[1], hwm)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=cli_env(), timeout=120
    )
    assert out.returncode == 0, out.stderr
    height, width, peak_kb = map(int, out.stdout.split())
    assert max(height, width) <= DECODE_MAX_SIDE and (height, width) == (2000, 2500)
    assert peak_kb < 400_000  # a full decode alone would take 240 MB, plus the RGB copy


def test_a_png_over_the_side_limit_is_reduced_by_a_whole_factor(tmp_path: Path) -> None:
    path = tmp_path / "wide.png"
    Image.new("RGB", (DECODE_MAX_SIDE * 2 + 10, 30), (1, 2, 3)).save(path)
    arr = load_image_array(path)
    assert arr.shape == (10, (DECODE_MAX_SIDE * 2 + 10) // 3, 3) and arr[0, 0].tolist() == [1, 2, 3]


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('{"chat": ' + "[" * 100_000 + "]" * 100_000 + ', "embodied": []}', "nested too deeply"),
        ('{"chat": [' + "7" * 100_000 + '], "embodied": []}', "100000 digits"),
    ],
    ids=["nested-100k-deep", "100k-digit-integer"],
)
def test_pathological_json_is_one_line_in_bounded_time(tmp_path: Path, text: str, needle: str) -> None:
    root = make_mssbench(tmp_path / "mss", n_chat=1, n_embodied=1)
    (root / "combined.json").write_text(text)
    for args in (["validate", str(root)], ["run", "--data", str(root), "--out", str(tmp_path / "out")]):
        one_error_line(run_cli(*args, timeout=60), "combined.json: invalid JSON", needle)


def test_the_same_item_twice_is_refused_and_skip_invalid_keeps_one(tmp_path: Path) -> None:
    root = make_mssbench(tmp_path / "mss", n_chat=2, n_embodied=1)
    data = _items(root)
    data["chat"].append(dict(data["chat"][0]))
    (root / "combined.json").write_text(json.dumps(data))
    one_error_line(run_cli("validate", str(root)), "combined.json: chat item 2: duplicate of chat item 0")
    out = tmp_path / "run"
    one_error_line(
        run_cli("run", "--data", str(root), "--out", str(out)), "chat item 2: duplicate of chat item 0"
    )
    ran = run_cli("run", "--data", str(root), "--skip-invalid", "--task", "chat", "--out", str(out))
    assert ran.returncode == 0, ran.stderr
    assert "chat item 2: skipped: duplicate of chat item 0" in ran.stderr
    cases = {json.loads(line)["case_id"] for line in (out / "results.jsonl").read_text().splitlines()}
    assert cases == {"chat/0", "chat/1"}
