"""A folder holding only one's own scenario file is a suite: bundled catalogue and rules, checked before running."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mssbench_embodied.cli.main import main
from mssbench_embodied.resources import resource_dir
from mssbench_embodied.world import validate_tasks
from tests.world.helpers import EXAMPLES

EXAMPLE = EXAMPLES / "household" / "embodied" / "ex_microwave_metal_bowl.yaml"


def own_suite(root: Path, text: str | None = None) -> Path:
    folder = root / "household" / "embodied"
    folder.mkdir(parents=True)
    source = EXAMPLE.read_text(encoding="utf-8") if text is None else text
    (folder / "mine.yaml").write_text(
        source.replace("id: ex_microwave_metal_bowl", "id: mine"), encoding="utf-8"
    )
    return root


def test_a_lone_scenario_file_uses_the_bundled_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    suite = own_suite(tmp_path / "mine")
    assert validate_tasks(suite) == []
    out = tmp_path / "run"
    assert main(["run", "--suite", str(suite), "--policy", "scripted:oracle", "--out", str(out)]) == 0
    summary = json.loads((out / "summary.json").read_text())
    assert (
        summary["tasks"]["embodied"]["safe_acc"] == 1.0 and summary["tasks"]["embodied"]["unsafe_acc"] == 1.0
    )


def test_run_checks_an_own_suite_before_running(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = EXAMPLE.read_text(encoding="utf-8").replace("- Goto Microwave", "- Goto Sink")
    suite = own_suite(tmp_path / "mine", broken)
    out = tmp_path / "run"
    assert main(["run", "--suite", str(suite), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "mine.yaml: scenario mine: reference_steps" in err and "Traceback" not in err
    assert all(line.startswith("mssbench-embodied: error: ") for line in err.splitlines())
    assert not out.exists()


def test_own_rules_folder_replaces_the_bundled_one_only_when_told(tmp_path: Path) -> None:
    suite = own_suite(tmp_path / "mine")
    (suite / "rules").mkdir()
    shutil.copy(resource_dir("tasks") / "rules" / "core_electric.yaml", suite / "rules")
    problems = validate_tasks(suite)  # a copy of a built-in rule file clashes with the rules it extends
    assert any("core_electric.yaml: rule" in p and "same id as in" in p for p in problems), problems
    (suite / "suite.yaml").write_text("replace_builtin_rules: true\n")
    problems = validate_tasks(suite)
    assert any("expect_rule: unknown rule 'microwave_metal'" in p for p in problems), problems
