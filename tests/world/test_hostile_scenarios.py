"""Hostile or careless scenario folders, met through the CLI: one line naming file and key, exit 2, no traceback.

Covers values of the wrong kind (``agent.at`` given a list), huge integers, duplicate YAML keys, YAML syntax
errors (line and column kept), a scenario id reused in a subfolder, and ``validate DIR`` accepting exactly the
folders ``run --suite DIR`` accepts.
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from mssbench_embodied.world.validate import validate_tasks
from mssbench_embodied.world.yamlio import read_yaml
from tests.cli.helpers import run_cli
from tests.world.helpers import EXAMPLES

SOURCE = EXAMPLES / "household" / "embodied" / "ex_microwave_metal_bowl.yaml"


def own_suite(root: Path, text: str | None = None, name: str = "mine") -> Path:
    """A suite folder with one scenario (the worked microwave example, id ``mine``), optionally rewritten."""
    source = SOURCE.read_text(encoding="utf-8").replace("id: ex_microwave_metal_bowl", f"id: {name}")
    path = root / "household" / "embodied" / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source if text is None else text, encoding="utf-8")
    return root


def assert_one_line_exit_2(result: subprocess.CompletedProcess[str], *needles: str) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert all(n in lines[0] for n in needles), lines[0]
    return lines[0]


@pytest.mark.parametrize(
    ("agent", "key", "kind"),
    [
        ("{at: [counter], holding: null}", "at", "a list"),
        ("{at: counter, holding: {id: bowl}}", "holding", "a mapping"),
    ],
)
def test_agent_at_or_holding_of_the_wrong_kind_is_one_line(
    tmp_path: Path, agent: str, key: str, kind: str
) -> None:
    text = own_suite(tmp_path / "s").joinpath("household/embodied/mine.yaml").read_text()
    suite = own_suite(tmp_path / "t", text.replace("agent: {at: counter, holding: null}", f"agent: {agent}"))
    for args in (["validate", str(suite)], ["run", "--suite", str(suite), "--out", str(tmp_path / "out")]):
        assert_one_line_exit_2(run_cli(*args), "mine.yaml: scenario mine: scene: agent:", key, kind)
    assert not (tmp_path / "out").exists()


def test_a_100k_digit_integer_is_one_line_with_its_line(tmp_path: Path) -> None:
    text = SOURCE.read_text().replace("id: ex_microwave_metal_bowl", "id: mine")
    text = text.replace("room: kitchen", "room: kitchen\nnotes: " + "9" * 100_000)
    suite = own_suite(tmp_path, text)
    line = assert_one_line_exit_2(run_cli("validate", str(suite), timeout=60), "mine.yaml", "too large")
    assert "line " in line and "column " in line and len(line) < 400


def test_a_duplicate_key_is_refused_with_file_line_and_key(tmp_path: Path) -> None:
    text = SOURCE.read_text().replace("id: ex_microwave_metal_bowl", "id: mine")
    text = text.replace("hazard: fire\n", "hazard: fire\nhazard: cut\n")
    line_no = text.splitlines().index("hazard: cut") + 1
    suite = own_suite(tmp_path, text)
    assert_one_line_exit_2(
        run_cli("validate", str(suite)), "mine.yaml", f"line {line_no}, column 1", "duplicate key 'hazard'"
    )


def test_a_yaml_syntax_error_keeps_pyyaml_line_and_column(tmp_path: Path) -> None:
    text = SOURCE.read_text().replace("id: ex_microwave_metal_bowl", "id: mine")
    text = text.replace("hazard: fire\n", "hazard: fire\nroom: 'kitchen\n", 1)  # an unclosed quote
    suite = own_suite(tmp_path, text)
    line = assert_one_line_exit_2(run_cli("validate", str(suite)), "mine.yaml", "file: cannot read: line ")
    assert ", column " in line and "while scanning a quoted scalar" in line


def test_a_duplicate_id_in_a_subfolder_is_refused_by_validate_and_run(tmp_path: Path) -> None:
    suite = own_suite(tmp_path / "s")
    (suite / "household/embodied/more").mkdir()
    shutil.copy(suite / "household/embodied/mine.yaml", suite / "household/embodied/more/mine.yaml")
    for args in (["validate", str(suite)], ["run", "--suite", str(suite), "--out", str(tmp_path / "out")]):
        assert_one_line_exit_2(run_cli(*args), "more/mine.yaml: scenario mine: id: same id as")


def _folders(root: Path) -> Iterator[tuple[str, Path]]:
    yield "suite", own_suite(root / "suite")
    yield "household subfolder", own_suite(root / "sub") / "household"
    yield "embodied subfolder", own_suite(root / "emb") / "household" / "embodied"
    empty = root / "empty" / "household"
    empty.mkdir(parents=True)
    yield "suite without scenarios", empty.parent
    only_catalog = root / "catalog_only"
    only_catalog.mkdir()
    shutil.copy(_bundled_objects(), only_catalog)
    yield "catalogue without household/", only_catalog
    stray = own_suite(root / "stray")
    shutil.copy(stray / "household/embodied/mine.yaml", stray / "household/mine2.yaml")
    yield "YAML file outside embodied/ and chat/", stray


def _bundled_objects() -> Path:
    from mssbench_embodied.resources import resource_dir

    return resource_dir("tasks") / "objects.yaml"


def test_validate_accepts_exactly_the_folders_run_suite_accepts(tmp_path: Path) -> None:
    outcomes = {}
    for what, folder in _folders(tmp_path):
        validated = run_cli("validate", str(folder))
        ran = run_cli(
            "run",
            "--suite",
            str(folder),
            "--task",
            "embodied",
            "--limit",
            "1",
            "--out",
            str(tmp_path / f"out_{what}"),
        )
        assert "Traceback" not in validated.stderr + ran.stderr, what
        assert validated.returncode in (0, 2) and ran.returncode in (0, 2), (what, ran.stderr)
        outcomes[what] = (validated.returncode, ran.returncode)
    assert all(v == r for v, r in outcomes.values()), outcomes
    assert outcomes["suite"] == (0, 0)
    assert sum(v == 2 for v, _ in outcomes.values()) == len(outcomes) - 1


BAD_VALUES: list[Any] = [["counter"], {"id": "x"}, 10**20, None, True, 1.5]


def _paths(obj: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if prefix:
        yield prefix
    children = obj.items() if isinstance(obj, dict) else enumerate(obj) if isinstance(obj, list) else ()
    for key, value in children:
        yield from _paths(value, (*prefix, key))


def _replaced(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    out = copy.deepcopy(data)
    node: Any = out
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return out


def test_any_value_of_the_wrong_kind_anywhere_is_a_problem_line_not_an_exception() -> None:
    """Every key of a real scenario, given a list, a mapping, a number, null, ...: problems, never a TypeError."""
    base = read_yaml(SOURCE)
    base["id"] = "mine"
    root = Path(tempfile.mkdtemp())
    target = own_suite(root) / "household" / "embodied" / "mine.yaml"
    tried = 0
    for path in list(_paths(base)):
        for value in BAD_VALUES:
            target.write_text(yaml.safe_dump(_replaced(base, path, value)), encoding="utf-8")
            problems = validate_tasks(root)  # raises on a crash
            assert all("\n" not in p for p in problems)
            tried += 1
    assert tried > 300
    shutil.rmtree(root)


@pytest.mark.timeout(60)
def test_structure_checks_and_world_construction_are_linear_in_objects(tmp_path: Path) -> None:
    """20k objects stacked one on another (the worst case for placement checks): was quadratic, minutes; now
    a second or two. Generous timeout, no timing assertion."""
    from mssbench_embodied.resources import resource_dir
    from mssbench_embodied.world.catalog import load_catalog
    from mssbench_embodied.world.scenario import build_world, load_scenario

    data = read_yaml(SOURCE)
    data["id"] = "tall"
    objects = data["scene"]["objects"]
    objects += [
        {"id": f"cup_{i}", "type": "Cup", "on": f"cup_{i - 1}" if i else "counter"} for i in range(20_000)
    ]
    data["variants"]["safe"]["remove"] = ["cup_0"]  # removing the bottom cup removes the whole stack
    path = tmp_path / "tall.yaml"
    path.write_text(json.dumps(data), encoding="utf-8")  # JSON is YAML, and far quicker to write
    catalog = load_catalog(resource_dir("tasks") / "objects.yaml")
    scenario, problems = load_scenario(path, catalog)
    assert scenario is not None and problems == []
    assert "cup_19999" not in build_world(scenario, "safe", catalog)
    assert build_world(scenario, "unsafe", catalog)["cup_19999"].parent == "cup_19998"
