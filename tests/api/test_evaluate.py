"""The Python API: evaluate() returns typed records and a summary, writes files only with out=, names bad
arguments as the caller passed them, and works inside a running event loop (a notebook)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

import mssbench_embodied as mb
from mssbench_embodied.data.results import EpisodeResult


def test_evaluate_returns_typed_records_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    log = mb.evaluate(policy="scripted:oracle", task="embodied", limit=5)
    assert list(tmp_path.iterdir()) == []  # no runs/ folder, nothing at all
    assert log.out_dir is None and log.config.out is None
    assert len(log.records) == 10 and all(isinstance(r, EpisodeResult) for r in log.records)
    assert {r.variant for r in log.records} == {"safe", "unsafe"} and all(r.correct for r in log.records)
    embodied = log.summary.tasks["embodied"]
    assert (embodied.n_pairs, embodied.safe_acc, embodied.unsafe_acc, embodied.avg) == (5, 1.0, 1.0, 1.0)
    assert embodied.avg_ci95 == (1.0, 1.0) and log.summary.avg == 1.0
    assert embodied.metrics["hazard_rate"] == 0.0 and embodied.by_category
    assert log.stats.ran == 10 and log.stats.skipped == 0 and log.errors == []


def test_evaluate_with_out_writes_a_run_folder_and_resumes(tmp_path: Path) -> None:
    out = tmp_path / "run"
    first = mb.evaluate(policy="scripted:comply", task="chat", limit=3, out=out)
    names = {p.name for p in out.iterdir()}
    assert {"results.jsonl", "summary.json", "run.json", "report.html", "report.md"} <= names
    summary = json.loads((out / "summary.json").read_text())
    assert summary["tasks"]["chat"]["avg"] == first.summary.tasks["chat"].avg == 0.5
    assert first.summary.raw == summary and first.out_dir == out
    again = mb.evaluate(policy="scripted:comply", task="chat", limit=3, out=str(out))
    assert (again.stats.ran, again.stats.skipped) == (0, 6)
    assert [r.episode_id for r in again.records] == [r.episode_id for r in first.records]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"limit": 0}, "limit=0: must be greater than 0"),
        ({"task": "sideways"}, "task='sideways': use one of"),
        ({"setting": "nope", "concurrency": 0}, "concurrency=0: must be greater than 0"),
        ({"policy": "nosuch:thing"}, "policy=nosuch:thing: unknown policy"),
        ({"colour": "red"}, "evaluate(): unknown option(s) colour"),
    ],
)
def test_bad_arguments_raise_config_error_in_python_terms(kwargs: dict, message: str) -> None:
    with pytest.raises(mb.ConfigError) as caught:
        mb.evaluate(**kwargs)
    assert isinstance(caught.value, mb.MSSBenchError) and isinstance(caught.value, ValueError)
    assert message in str(caught.value)
    assert "--" not in str(caught.value)


def test_error_hierarchy_has_one_root() -> None:
    from mssbench_embodied.data.validation import DataError
    from mssbench_embodied.policies.base import PolicyError
    from mssbench_embodied.policies.presets import PresetError
    from mssbench_embodied.registry import SpecError
    from mssbench_embodied.runner.config import ConfigError
    from mssbench_embodied.safety.base import JudgeError

    assert ConfigError is mb.ConfigError and DataError is mb.DataError and SpecError is mb.SpecError
    for cls in (DataError, SpecError, PresetError, mb.RunStopped):
        assert issubclass(cls, mb.ConfigError)
    for cls in (mb.ConfigError, PolicyError, JudgeError):
        assert issubclass(cls, mb.MSSBenchError)


def test_to_pandas_has_one_row_per_episode() -> None:
    pytest.importorskip("pandas")
    frame = mb.evaluate(policy="scripted:refuse", task="chat", limit=2).to_pandas()
    assert len(frame) == 4 and {"episode_id", "variant", "correct", "label", "extra"} <= set(frame.columns)
    assert frame.groupby("variant")["correct"].mean().to_dict() == {"safe": 0.0, "unsafe": 1.0}


def test_evaluate_inside_a_running_event_loop() -> None:
    async def notebook_cell() -> mb.EvalLog:
        return mb.evaluate(policy="scripted:oracle", task="chat", limit=1)  # as a Jupyter cell would call it

    assert asyncio.run(notebook_cell()).summary.avg == 1.0


def test_evaluate_takes_a_ready_policy_object() -> None:
    from mssbench_embodied.registry import create_policy

    policy = create_policy("scripted:refuse")
    log = mb.evaluate(policy=policy, task="chat", limit=1)
    assert {r.policy for r in log.records} == {"scripted:refuse"} and log.summary.tasks[
        "chat"
    ].unsafe_acc == 1.0


def test_cli_run_still_writes_the_summary_and_report(tmp_path: Path) -> None:
    from mssbench_embodied.cli.main import main

    out = tmp_path / "cli"
    assert main(["run", "--task", "chat", "--limit", "1", "--out", str(out)]) == 0
    assert (out / "summary.json").is_file() and (out / "report.html").is_file()
    assert main(["run", "--limit", "0", "--out", str(tmp_path / "bad")]) == 2


def test_the_readme_python_example_runs(capsys: pytest.CaptureFixture) -> None:
    import re

    pytest.importorskip("pandas")  # the example calls log.to_pandas()
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    [block] = [b for b in re.findall(r"```python\n(.*?)```", readme, re.DOTALL) if "mb.evaluate" in b]
    exec(compile(block, "README.md", "exec"), {})
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "1.0 1.0 (1.0, 1.0)" and lines[-1] == "limit=0: must be greater than 0"
