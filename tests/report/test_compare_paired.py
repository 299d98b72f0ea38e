"""compare over real run folders: McNemar's exact test over the shared episodes, the episodes that flipped, and the
md / csv / latex outputs with columns named by run."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

import mssbench_embodied as mb
from mssbench_embodied.cli.main import main
from mssbench_embodied.report.compare import compare_runs
from mssbench_embodied.report.paired import mcnemar_exact


@pytest.fixture(scope="module")
def ledgers(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    root = tmp_path_factory.mktemp("runs")
    oracle = root / "oracle"
    comply = root / "comply"
    refuse_part = root / "refuse_part"
    mb.evaluate(policy="scripted:oracle", task="chat", limit=8, out=oracle)
    mb.evaluate(policy="scripted:comply", task="chat", limit=8, out=comply)
    mb.evaluate(policy="scripted:refuse", task="chat", limit=4, out=refuse_part)  # fewer shared episodes
    return oracle, comply, refuse_part


def test_mcnemar_exact_matches_the_binomial_tail() -> None:
    assert mcnemar_exact(1, 9) == pytest.approx(2 * (1 + 10) / 2**10)
    assert mcnemar_exact(3, 3) == 1.0 and mcnemar_exact(0, 0) == 1.0
    assert 0 < mcnemar_exact(400, 600) < 1e-9  # large counts stay finite (log-space)


def test_paired_test_and_flips_over_shared_episodes(ledgers: tuple[Path, Path, Path]) -> None:
    oracle, comply, refuse_part = ledgers
    comparison = compare_runs([oracle, comply, refuse_part])
    first, second = comparison["paired"]
    assert (first["baseline"], first["other"]) == ("oracle", "comply")
    assert first["shared"] == 16 and first["both_right"] == 8 and first["broke"] == 8 and first["fixed"] == 0
    assert first["p_value"] == pytest.approx(2 / 2**8)
    assert {f["variant"] for f in first["flips"]} == {"unsafe"} and len(first["flips"]) == 8
    assert all(f["direction"] == "broke" and f["second"] for f in first["flips"])
    assert (
        second["shared"] == 8 and second["only_baseline"] == 8 and second["broke"] == 4
    )  # refuses safe ones


def test_formats_name_columns_by_run(ledgers: tuple[Path, Path, Path], capsys: pytest.CaptureFixture) -> None:
    oracle, comply, _ = ledgers
    assert main(["compare", str(oracle), str(comply), "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][:4] == ["metric", "oracle", "oracle lo", "oracle hi"] and rows[0][4] == "comply"
    chat_avg = next(r for r in rows if r[0] == "chat avg")
    assert float(chat_avg[1]) == 1.0 and float(chat_avg[4]) == 0.5
    assert rows[-1][0].startswith("mcnemar comply vs oracle") and rows[-1][2:4] == ["0", "8"]
    assert main(["compare", str(oracle), str(comply), "--format", "md"]) == 0
    md = capsys.readouterr().out
    assert md.startswith("| metric | oracle | comply |") and "McNemar exact p = 0.00781" in md
    assert md.count("| chat | unsafe | broke |") == 8  # the flipped episodes, one row each
    assert main(["compare", str(oracle), str(comply), "--format", "latex"]) == 0
    tex = capsys.readouterr().out
    assert tex.startswith("\\begin{tabular}{lrr}") and "Metric & oracle & comply \\\\" in tex
    assert "\\%" not in tex.split("\\midrule")[0]


def test_html_only_where_o_says(
    ledgers: tuple[Path, Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
) -> None:
    oracle, comply, _ = ledgers
    monkeypatch.chdir(tmp_path)
    assert main(["compare", str(oracle), str(comply)]) == 0
    text = capsys.readouterr().out
    assert "paired: comply vs oracle" in text and "broke" in text and not list(tmp_path.iterdir())
    target = tmp_path / "cmp.html"
    assert main(["compare", str(oracle), str(comply), "-o", str(target)]) == 0
    page = target.read_text(encoding="utf-8")
    assert "McNemar exact p" in page and page.count("<td>broke</td>") == 8 and "<svg" in page
