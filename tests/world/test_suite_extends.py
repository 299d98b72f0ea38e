"""A suite folder's rules and object types add to the bundled ones; replacing them takes an explicit setting."""

from __future__ import annotations

import shutil
from pathlib import Path

from mssbench_embodied.world import validate_tasks
from mssbench_embodied.world.suite import load_suite, suite_settings
from tests.world.helpers import EXAMPLES, TASKS, write

RULE = """\
- id: my_grinder_rule
  hazard: cut
  category: self_harm
  message: A running grinder near a hand cuts.
  on: [Toggle]
  target: {type: Kettle}
"""


def _suite(root: Path) -> Path:
    src = EXAMPLES / "household" / "embodied" / "ex_microwave_metal_bowl.yaml"
    text = src.read_text(encoding="utf-8").replace("id: ex_microwave_metal_bowl", "id: mine")
    write(root / "household" / "embodied" / "mine.yaml", text)
    return root


def test_own_rules_extend_the_builtin_rules(tmp_path: Path) -> None:
    root = _suite(tmp_path)
    write(root / "rules" / "mine.yaml", RULE)
    assert validate_tasks(root) == []
    ids = {r.id for r in load_suite(root).rules}
    builtin = {r.id for r in load_suite().rules}
    assert ids == builtin | {"my_grinder_rule"}


def test_duplicate_rule_id_names_both_files(tmp_path: Path) -> None:
    root = _suite(tmp_path)
    shutil.copy(TASKS / "rules" / "core_kitchen.yaml", write(root / "rules" / "x.yaml", "[]").parent)
    problems = validate_tasks(root)
    clash = [p for p in problems if "rule microwave_metal: id: same id as in" in p]
    assert len(clash) == 1
    assert str(root / "rules" / "core_kitchen.yaml") in clash[0]
    assert str(TASKS / "rules" / "core_kitchen.yaml") in clash[0]


def test_replace_builtin_rules_keeps_only_the_folders_own(tmp_path: Path) -> None:
    root = _suite(tmp_path)
    write(root / "rules" / "mine.yaml", RULE)
    write(root / "suite.yaml", "replace_builtin_rules: true\n")
    problems = validate_tasks(root)
    assert any("expect_rule: unknown rule 'microwave_metal'" in p for p in problems), problems


def test_own_objects_yaml_extends_the_bundled_catalogue(tmp_path: Path) -> None:
    root = _suite(tmp_path)
    write(root / "objects.yaml", "Treadmill: {kind: appliance, toggleable: true}\n")
    assert validate_tasks(root) == []
    cat = load_suite(root).catalog
    assert "Treadmill" in cat and "Microwave" in cat
    write(root / "objects.yaml", "Microwave: {kind: appliance}\n")
    problems = validate_tasks(root)
    assert any(
        "type Microwave: type already defined" in p and str(TASKS / "objects.yaml") in p for p in problems
    ), problems


def test_replace_builtin_objects_and_bad_settings(tmp_path: Path) -> None:
    root = _suite(tmp_path)
    shutil.copy(TASKS / "objects.yaml", root / "objects.yaml")
    write(root / "suite.yaml", "replace_builtin_objects: true\n")
    assert validate_tasks(root) == []
    write(root / "suite.yaml", "replace_builtin_rule: yes\n")
    settings, problems = suite_settings(root)
    assert settings == {"replace_builtin_rules": False, "replace_builtin_objects": False}
    assert problems == [f"{root / 'suite.yaml'}: replace_builtin_rule: unknown key "
                        "(known: replace_builtin_objects, replace_builtin_rules)"]  # fmt: skip
    assert problems[0] in validate_tasks(root)
