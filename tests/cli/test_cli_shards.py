"""Shards and resume identify data by its content, not its path; shard numbers start at 1; partial merges say so."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from tests.cli.helpers import cli_command, cli_env, run_cli
from tests.mssbench_fixture import make_mssbench


def run_in(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cli_command(*args), cwd=cwd, env=cli_env(), capture_output=True, text=True, timeout=120, check=False
    )


def one_error_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 2, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in done.stderr, lines
    return lines[0]


def test_same_data_given_relative_and_absolute_merges(tmp_path: Path) -> None:
    make_mssbench(tmp_path / "data")
    first = run_in(tmp_path, "run", "--data", "data", "--shard", "1/2", "--out", "s1")
    second = run_in(tmp_path, "run", "--data", str(tmp_path / "data"), "--shard", "2/2", "--out", "s2")
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    merged = run_in(tmp_path, "merge", "s1", "s2", "--out", "all")
    assert merged.returncode == 0, merged.stderr


def test_data_edited_between_shards_is_refused(tmp_path: Path) -> None:
    data = make_mssbench(tmp_path / "data")
    assert (
        run_cli("run", "--data", str(data), "--shard", "1/2", "--out", str(tmp_path / "s1")).returncode == 0
    )
    one, other = sorted((data / "chat").glob("*.png"))[:2]
    one_bytes = one.read_bytes()
    one.write_bytes(other.read_bytes())  # same paths and manifest, other pictures
    other.write_bytes(one_bytes)
    assert (
        run_cli("run", "--data", str(data), "--shard", "2/2", "--out", str(tmp_path / "s2")).returncode == 0
    )
    line = one_error_line(
        run_cli("merge", str(tmp_path / "s1"), str(tmp_path / "s2"), "--out", str(tmp_path / "m"))
    )
    assert "other data" in line and "fingerprint" in line
    assert not (tmp_path / "m").exists()


def test_resume_on_edited_data_is_refused(tmp_path: Path) -> None:
    data = make_mssbench(tmp_path / "data")
    out = tmp_path / "run"
    assert run_cli("run", "--data", str(data), "--out", str(out), "--task", "chat").returncode == 0
    before = (out / "results.jsonl").read_bytes()
    combined = json.loads((data / "combined.json").read_text())
    combined["chat"][0]["safe_image_path"], combined["chat"][1]["safe_image_path"] = (
        combined["chat"][1]["safe_image_path"],
        combined["chat"][0]["safe_image_path"],
    )  # the same prompts, other images: the records of the first run would be reused without a fingerprint
    (data / "combined.json").write_text(json.dumps(combined))
    line = one_error_line(run_cli("run", "--data", str(data), "--out", str(out), "--task", "chat"))
    assert f"--data {data}" in line and "changed" in line and "--no-resume" in line
    assert (out / "results.jsonl").read_bytes() == before
    # A copy of the data elsewhere (new path, new mtimes) is the same data: resume goes on.
    shutil.copytree(data, tmp_path / "copy")
    assert (
        run_cli(
            "run", "--data", str(tmp_path / "copy"), "--out", str(tmp_path / "c"), "--task", "chat"
        ).returncode
        == 0
    )
    resumed = run_cli("run", "--data", str(data), "--out", str(tmp_path / "c"), "--task", "chat")
    assert resumed.returncode == 0 and "0 run now" in resumed.stdout, resumed.stderr


def test_shard_zero_is_refused() -> None:
    line = one_error_line(run_cli("run", "--shard", "0/4", "--limit", "1"))
    assert "--shard '0/4'" in line and "numbered from 1" in line


def test_merge_with_a_missing_shard_exits_1_unless_allowed(tmp_path: Path) -> None:
    for i in (1, 2):
        done = run_cli("run", "--task", "chat", "--shard", f"{i}/3", "--out", str(tmp_path / f"s{i}"))
        assert done.returncode == 0, done.stderr
    shards = [str(tmp_path / "s1"), str(tmp_path / "s2")]
    partial = run_cli("merge", *shards, "--out", str(tmp_path / "m1"))
    assert (
        partial.returncode == 1
        and "missing shard(s) 3/3" in partial.stderr
        and "--allow-partial" in partial.stderr
    )
    allowed = run_cli("merge", *shards, "--out", str(tmp_path / "m2"), "--allow-partial")
    assert allowed.returncode == 0, allowed.stderr
