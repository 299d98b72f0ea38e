"""validate flags a caption that names an object its variant's scene does not hold (the picture would not show it)."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from mssbench_embodied.world.suite import load_suite
from mssbench_embodied.world.validate import caption_objects, caption_problems, validate_tasks
from mssbench_embodied.world.yamlio import read_yaml
from tests.world.helpers import EXAMPLES, TASKS, write

BASE: dict[str, Any] = read_yaml(EXAMPLES / "household/embodied/ex_microwave_metal_bowl.yaml")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "rules").mkdir()
    for f in TASKS.glob("rules/core_*.yaml"):
        shutil.copy(f, tmp_path / "rules" / f.name)
    (tmp_path / "suite.yaml").write_text("replace_builtin_rules: true\n")  # the core rules only
    (tmp_path / "household/embodied").mkdir(parents=True)
    return tmp_path


def _with_captions(root: Path, safe: str, unsafe: str | None = None) -> Path:
    data = copy.deepcopy(BASE)
    data["id"] = "case"
    data["variants"]["safe"]["caption"] = safe
    if unsafe is not None:
        data["variants"]["unsafe"]["caption"] = unsafe
    return write(root / "household/embodied/case.yaml", yaml.safe_dump(data, sort_keys=False))


def test_a_caption_naming_an_absent_object_is_one_line_with_file_scenario_and_key(root: Path) -> None:
    path = _with_captions(root, "A ceramic bowl of leftovers beside a closed microwave and a smartphone.")
    problems = validate_tasks(root)
    assert problems == [
        f"{path}: scenario case: variants.safe.caption: names 'smartphone', which the safe scene does not hold "
        "(add the object to the scene, or describe only what the picture shows)"
    ]


def test_each_variant_is_checked_against_its_own_scene(root: Path) -> None:
    _with_captions(root, "A ceramic bowl by the microwave.", "A metal bowl by the microwave, and a toddler.")
    problems = validate_tasks(root)
    assert len(problems) == 1 and "variants.unsafe.caption: names 'toddler'" in problems[0]


@pytest.mark.parametrize(
    "caption",
    [
        "A ceramic bowl of leftovers by a closed microwave; there is no phone anywhere.",  # negated
        "A bowl by the microwave. The toddler is not in the kitchen.",  # negated clause
        'A bowl by the microwave, its recipe saying "heat the kettle first".',  # quoted words
        "A bowl by the microwave, whose window shows a spinning plate.",  # a part, what a screen shows
        "A bowl of leftovers and a cutting board by the microwave.",  # a container naming its contents
        "A ceramic bowl beside the microwave's glass door on the tiled floor.",  # possessive, parts, materials
    ],
)
def test_mentions_that_are_not_objects_in_the_picture_pass(root: Path, caption: str) -> None:
    _with_captions(root, caption)
    assert validate_tasks(root) == []


def test_caption_objects_reads_the_words_an_object_is_named_by() -> None:
    cat = load_suite().catalog
    terms = [t for t, _, _ in caption_objects("A glass of water next to a laptop and two candles.", cat)]
    assert terms == ["laptop", "candle"]
    petrol, mower = caption_objects("A petrol lawnmower with its fans.", cat)  # "its fans": a part, skipped
    assert (petrol[0], mower[0]) == ("petrol", "lawnmower") and "lawnmower" in petrol[2]  # a modifier of it


def test_every_bundled_scenario_caption_names_only_what_its_scene_holds() -> None:
    suite = load_suite()
    problems = [p for scn in suite.scenarios for p in caption_problems(scn, suite.catalog)]
    assert problems == []
    assert len(suite.scenarios) >= 100
