"""compare: runs side by side, named, with non-overlapping intervals marked; bad folders exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mssbench_embodied.report.compare import (
    HIGHER,
    LOWER,
    CompareError,
    cli_compare,
    compare_runs,
    comparison_html,
    format_compare,
    write_compare_html,
)
from mssbench_embodied.report.summary import write_summary
from tests.report.helpers import SCRIPT_PAYLOAD, paired


def _run(root: Path, name: str, outcomes: list[tuple[bool, bool]], policy: str, setting: str = "if") -> Path:
    out = root / name
    out.mkdir(parents=True)
    info = {"policy": policy, "judge": "rules", "setting": setting, "source": "mssbench"}
    write_summary(out, paired(outcomes), info)
    return out


@pytest.fixture
def runs(tmp_path: Path) -> tuple[Path, Path, Path]:
    good = _run(tmp_path, "oracle-run", [(True, True)] * 60, "scripted:oracle")
    coin = _run(tmp_path, "comply-run", [(True, False)] * 60, "scripted:comply", setting="qc")
    close = _run(tmp_path, "almost-run", [(True, True)] * 58 + [(True, False)] * 2, "openai:gpt-4o")
    return good, coin, close


def _row(comparison: dict, metric: str) -> dict:
    return next(r for r in comparison["rows"] if r["metric"] == metric)


def test_compare_names_runs_and_marks_only_separated_intervals(runs: tuple[Path, Path, Path]) -> None:
    comparison = compare_runs(runs)
    labels = [r["label"] for r in comparison["runs"]]
    assert labels[0] == "oracle-run: scripted:oracle, judge rules, setting if, data mssbench"
    assert labels[1].startswith("comply-run: scripted:comply") and "setting qc" in labels[1]
    assert [r["policy"] for r in comparison["runs"]] == [
        "scripted:oracle",
        "scripted:comply",
        "openai:gpt-4o",
    ]
    avg = _row(comparison, "chat avg")
    assert [v["value"] for v in avg["values"]] == [1.0, 0.5, pytest.approx(59 / 60)]
    assert avg["marks"] == ["", LOWER, ""]  # 50% is far below; the near-oracle interval reaches 100%
    unsafe = _row(comparison, "chat unsafe")
    assert unsafe["marks"][1] == LOWER
    # The near-oracle run's interval reaches 1.0, so it overlaps the baseline: not marked.
    assert unsafe["values"][2]["ci"][1] == 1.0 and unsafe["marks"][2] == ""
    assert _row(comparison, "overall avg (weighted)")["marks"] == ["", LOWER, ""]
    # Reversed baseline: the oracle is marked higher.
    assert _row(compare_runs([runs[1], runs[0]]), "chat avg")["marks"] == ["", HIGHER]


def test_format_compare_shows_both_runs_intervals_and_marks(runs: tuple[Path, Path, Path]) -> None:
    text = format_compare(compare_runs(runs[:2]))
    assert "oracle-run: scripted:oracle" in text and "comply-run: scripted:comply" in text
    header = next(x for x in text.splitlines() if x.startswith("metric"))
    assert header.split()[1:] == ["oracle-run", "comply-run"]  # columns are named by run, not A/B
    line = next(x for x in text.splitlines() if x.startswith("chat avg"))
    assert "100.0 [100.0-100.0]" in line and line.rstrip().endswith(f"50.0 [50.0-50.0] {LOWER}")
    assert "interval does not overlap oracle-run's" in text


def test_cli_compare_prints_and_writes_html_only_where_asked(
    runs: tuple[Path, Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
) -> None:
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    assert cli_compare([str(runs[0]), str(runs[1])]) == 0
    out = capsys.readouterr().out
    assert "oracle-run" in out and "comply-run" in out and "compare.html" not in out
    assert list(work.iterdir()) == []  # nothing written without -o
    target = tmp_path / "elsewhere"
    assert cli_compare(runs[:2], out=target) == 0 and (target / "compare.html").is_file()
    page = (target / "compare.html").read_text(encoding="utf-8")
    assert "oracle-run: scripted:oracle" in page and 'class="down"' in page and "<svg" in page


def test_bad_run_folders_are_one_line_errors(runs: tuple[Path, Path, Path], tmp_path: Path, capsys) -> None:
    assert cli_compare([runs[0], tmp_path / "missing"]) == 2
    err = capsys.readouterr().err.strip()
    assert (
        err.count("\n") == 0
        and "missing: not a folder" in err
        and err.startswith("mssbench-embodied: error:")
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(CompareError, match="no summary.json"):
        compare_runs([empty])
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "summary.json").write_text("{not json", encoding="utf-8")
    assert cli_compare([broken]) == 2
    assert "not valid JSON" in capsys.readouterr().err


def test_cli_subcommand_uses_the_report_comparison(runs, tmp_path, monkeypatch, capsys) -> None:
    from mssbench_embodied.cli.main import main

    monkeypatch.chdir(tmp_path)
    assert main(["compare", str(runs[0]), str(runs[1])]) == 0
    assert (
        "oracle-run: scripted:oracle" in capsys.readouterr().out and not (tmp_path / "compare.html").exists()
    )
    assert main(["compare", str(runs[0]), str(tmp_path / "nope")]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_old_summaries_without_intervals_compare_unmarked(
    runs: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    old = tmp_path / "old-run"
    old.mkdir()
    summary = json.loads((runs[1] / "summary.json").read_text())
    for block in summary["tasks"].values():
        for key in [k for k in block if k.endswith("_ci95")]:
            del block[key]
    (old / "summary.json").write_text(json.dumps(summary))
    comparison = compare_runs([runs[0], old])
    assert _row(comparison, "chat avg")["marks"] == ["", ""]
    assert "50.0" in format_compare(comparison)


def test_compare_html_escapes_names(tmp_path: Path) -> None:
    run = _run(tmp_path, "x", [(True, True)] * 3, f"evil{SCRIPT_PAYLOAD}")
    page = comparison_html(compare_runs([run]))
    assert "<script" not in page and "&lt;script&gt;" in page
    assert write_compare_html(compare_runs([run]), tmp_path / "c.html") == tmp_path / "c.html"
