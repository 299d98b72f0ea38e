"""The ``thor:`` mappings of the suite and their validation (no simulator needed)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from mssbench_embodied.cli.main import main
from mssbench_embodied.world import validate_tasks
from mssbench_embodied.world.thor_spec import (
    ITHOR_TYPES,
    ThorMappingError,
    parse_thor,
    scene_room,
    thor_mapping,
    thor_problems,
)
from tests.world.helpers import EXAMPLES

pytestmark = pytest.mark.thor

ROOM_SCENES = {
    "kitchen": "kitchen",
    "bathroom": "bathroom",
    "bedroom": "bedroom",
    "living_room": "living_room",
}


def test_at_least_80_percent_of_embodied_scenarios_have_a_thor_scene(suite) -> None:
    # AI2-THOR does not mirror world events, so scenarios with events are drawn by the sketch renderer only
    static = [s for s in suite.embodied if not s.events]
    assert all(s.thor is None for s in suite.embodied if s.events)
    mapped = [s for s in static if s.thor is not None]
    assert len(mapped) / len(static) >= 0.8, f"{len(mapped)}/{len(static)}"
    unmapped_rooms = {s.room for s in static if s.thor is None}
    assert unmapped_rooms <= {"garage", "garden"}


def test_every_mapping_parses_and_names_real_ithor_types(suite) -> None:
    for scn in suite.embodied:
        mapping = thor_mapping(scn)
        if mapping is None:
            continue
        assert scene_room(mapping.scene) is not None, scn.id
        for variant in ("safe", "unsafe"):
            plan = mapping.plan(variant)
            ids = {o.id for o in suite.world_for(scn.id, variant)}
            assert all(o.type is None or o.type in ITHOR_TYPES for o in plan.objects.values())
            look = str(plan.camera.look_at)
            assert look in ids, (scn.id, variant)
            assert plan.objects[look].type is not None


def test_scenes_match_the_room_where_ithor_has_that_room(suite) -> None:
    for scn in suite.embodied:
        if scn.thor is not None and scn.room in ROOM_SCENES:
            assert scene_room(scn.thor["scene"]) == ROOM_SCENES[scn.room], scn.id


def test_a_real_share_of_mappings_stage_the_two_variants_differently(suite) -> None:
    mapped = [thor_mapping(s) for s in suite.embodied if s.thor is not None]
    differing = [m for m in mapped if m is not None and m.differs()]
    assert len(differing) >= 25  # the rest say why in their notes (a cue iTHOR cannot show)
    for scn in suite.embodied:
        m = thor_mapping(scn)
        if m is not None and not m.differs():
            assert "look alike" in str(scn.thor.get("notes", "")), scn.id


def test_list_json_shows_thor_scene(capsys: pytest.CaptureFixture[str], suite) -> None:
    assert main(["list", "--json"]) == 0
    rows = {r["id"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    for scn in suite.embodied:
        assert rows[scn.id]["thor_scene"] == (scn.thor or {}).get("scene")
    assert main(["list", "--suite", str(EXAMPLES), "--json"]) == 0
    examples = {r["id"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    assert examples["ex_microwave_metal_bowl"]["thor_scene"] == "FloorPlan13"


def test_thor_problems_name_the_key() -> None:
    block = {
        "scene": "FloorPlan501",
        "objects": {"mw": "Microwav", "lamp": "DeskLamp", "scarf": "Cloth", "ghost": "Apple"},
        "camera": {"look_at": "lamp", "horizon": 120},
        "setup": [
            {"action": "PutObject", "object": "scarf", "receptacle": "lamp"},
            {"action": "ToggleObjectOn", "object": "scarf"},
            {"action": "FillObjectWithLiquid", "object": "scarf", "liquid": "milk"},
            {"action": "Teleport", "object": "scarf"},
        ],
        "variants": {"risky": {}},
    }
    problems = thor_problems(block, {"mw", "lamp", "scarf"})
    expect = [
        "thor: scene: 'FloorPlan501' is not an iTHOR scene",
        "thor: objects: mw: unknown iTHOR object type 'Microwav'",
        "thor: camera: horizon:",
        "thor: setup[2]: FillObjectWithLiquid: liquid: 'milk' is not one of coffee, water, wine",
        "thor: setup[3]: Teleport: unsupported action",
        "thor: variants: risky: unknown variant",
        "thor: objects: ghost: no such object in the scenario",
        "thor: setup: PutObject: receptacle: iTHOR DeskLamp is not a receptacle (lamp)",
        "thor: setup: ToggleObjectOn: object: iTHOR Cloth is not toggleable (scarf)",
        "thor: setup: FillObjectWithLiquid: object: iTHOR Cloth is not fillable (scarf)",
    ]
    for line in expect:
        assert any(p.startswith(line) for p in problems), (line, problems)
    with pytest.raises(ThorMappingError):
        parse_thor(block)


def test_a_knob_makes_a_burner_toggleable_and_variant_only_objects_are_checked() -> None:
    block: dict[str, Any] = {
        "scene": "FloorPlan1",
        "objects": {
            "burner": {"type": "StoveBurner", "toggle": "StoveKnob"},
            "phone": "CellPhone",
            "sink": "SinkBasin",
        },
        "camera": {"look_at": "burner"},
        "setup": [
            {"action": "ToggleObjectOn", "object": "burner"},
            {"action": "PutObject", "object": "phone", "receptacle": "sink"},
        ],
    }
    ids = {"safe": {"burner", "sink"}, "unsafe": {"burner", "sink", "phone"}}
    assert thor_problems(block, ids) == [
        "thor: setup: PutObject: object: no object 'phone' in the safe variant"
    ]
    block["variants"] = {"unsafe": {"setup": block.pop("setup")[1:]}}
    assert thor_problems(block, ids) == []


def test_validate_reports_a_bad_thor_block_on_one_line_with_file_scenario_and_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = EXAMPLES / "household" / "embodied" / "ex_microwave_metal_bowl.yaml"
    folder = tmp_path / "embodied"
    folder.mkdir()
    bad = folder / src.name
    shutil.copy(src, bad)
    text = (
        bad.read_text()
        .replace("scene: FloorPlan13", "scene: FloorPlan13b")
        .replace("bowl: Bowl", "bowl: Bowel")
    )
    bad.write_text(text)
    problems = validate_tasks(bad)
    assert (
        f"{bad}: scenario ex_microwave_metal_bowl: thor: scene: 'FloorPlan13b' is not an iTHOR scene"
        in "\n".join(problems)
    )
    assert any(p.endswith("thor: objects: bowl: unknown iTHOR object type 'Bowel'") for p in problems)
    assert main(["validate", str(bad)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert any("ex_microwave_metal_bowl: thor: scene:" in line and str(bad) in line for line in err)
