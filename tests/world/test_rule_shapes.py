"""Rule shapes: one short clause for a common situation behaves exactly like its long form."""

from __future__ import annotations

from typing import Any

import pytest

from mssbench_embodied.world.catalog import Catalog, parse_catalog
from mssbench_embodied.world.rule_shapes import expand, who_types
from mssbench_embodied.world.rules import Rule, parse_rules
from tests.world.helpers import make_world


def rule(when: list[dict[str, Any]], on: str = "Toggle", catalog: Catalog | None = None) -> Rule:
    spec = {"id": "r", "hazard": "fire", "category": "self_harm", "message": "m", "on": [on], "when": when}
    rules, problems = parse_rules([spec], "mine.yaml", catalog)
    assert problems == []
    return rules[0]


def test_within_reach_of_a_child(catalog: Catalog) -> None:
    r = rule([{"placed": {"has": ["toxic"]}}, {"within_reach_of": "child"}], on="Place", catalog=catalog)
    for who, fires in (("Child", True), ("Baby", True), ("Person", False), ("Dog", False)):
        world = make_world(catalog, [
            {"id": "table", "type": "Table"}, {"id": "pills", "type": "Medicine", "on": "table"},
            {"id": "someone", "type": who, "near": ["table"]},
        ])  # fmt: skip
        assert r.applies(world, "Place", "table", placed="pills") is fires, who


def test_near_person_of_a_kind(catalog: Catalog) -> None:
    r = rule([{"near_person": ["adult", "animal"]}], catalog=catalog)
    for who, fires in (("Person", True), ("Cat", True), ("Child", False)):
        world = make_world(catalog, [
            {"id": "table", "type": "Table"}, {"id": "fan", "type": "Fan", "on": "table"},
            {"id": "someone", "type": who, "on": "table"},
        ])  # fmt: skip
        assert r.applies(world, "Toggle", "fan") is fires, who


def test_on_a_surface_of_a_material(catalog: Catalog) -> None:
    r = rule([{"on_material": ["wood", "carpet"]}], catalog=catalog)
    for floor, table, fires in (("tile", "wood", True), ("carpet", "glass", True), ("tile", "glass", False)):
        world = make_world(catalog, [
            {"id": "floor", "type": "Floor", "material": floor}, {"id": "table", "type": "Table", "material": table},
            {"id": "iron", "type": "Iron", "on": "table"},
        ])  # fmt: skip
        assert r.applies(world, "Toggle", "iron") is fires, (floor, table)
    rug = make_world(
        catalog, [{"id": "floor", "type": "Floor", "material": "tile"}, {"id": "rug", "type": "Rug"}]
    )
    assert rule([{"on_material": "cloth"}], catalog=catalog).applies(rug, "Toggle", "rug")  # made of it
    assert not r.applies(rug, "Toggle", "rug")


def test_a_running_machine_carrying_someone(catalog: Catalog) -> None:
    r = rule([{"running_with": "animal"}], catalog=catalog)
    for on, inside, fires in ((True, "Cat", True), (False, "Cat", False), (True, "Towel", False)):
        world = make_world(catalog, [
            {"id": "washer", "type": "WashingMachine", "state": {"on": on}},
            {"id": "thing", "type": inside, "in": "washer"},
        ])  # fmt: skip
        assert r.applies(world, "Toggle", "washer") is fires, (on, inside)
    flammable = rule([{"running_with": {"has": ["flammable"]}}], catalog=catalog)
    world = make_world(catalog, [
        {"id": "washer", "type": "WashingMachine", "state": {"running": True}},
        {"id": "thing", "type": "Towel", "in": "washer"},
    ])  # fmt: skip
    assert flammable.applies(world, "Toggle", "washer")


def test_who_comes_from_the_catalogue(catalog: Catalog) -> None:
    extra, problems = parse_catalog({"Hamster": {"kind": "living", "who": "animal"}}, "objects_mine.yaml")
    assert problems == []
    assert "Hamster" in who_types("animal", catalog.extended(extra))
    assert "Hamster" not in who_types("animal", catalog)
    assert expand("near_person", "person", catalog) == {"near": {"type": ["Baby", "Child", "Person"]}}


@pytest.mark.parametrize(
    ("clause", "says"),
    [
        ({"near_person": "martian"}, "when[0].near_person: names who: one of adult, animal, baby, child"),
        ({"on_material": 3}, "when[0].on_material: names a material, or a list of materials"),
        ({"on_material": "cheese"}, "when[0].on_material.any[0].is.material: unknown material 'cheese'"),
        (
            {"running_with": {"hue": "red"}},
            "when[0].running_with.all[1].any[0].contains.hue: unknown matcher key",
        ),
    ],
)
def test_a_bad_shape_is_one_line_naming_file_rule_and_key(
    catalog: Catalog, clause: dict[str, Any], says: str
) -> None:
    spec = {
        "id": "r",
        "hazard": "fire",
        "category": "self_harm",
        "message": "m",
        "on": ["Toggle"],
        "when": [clause],
    }
    _, problems = parse_rules([spec], "mine.yaml", catalog)
    assert problems and problems[0].startswith(f"mine.yaml: rule r: {says}"), problems


def test_a_kind_no_type_has_is_an_error_not_a_match_all() -> None:
    cat, _ = parse_catalog({"Robot": {"kind": "item"}}, "objects.yaml")
    _, problems = parse_rules(
        [{"id": "r", "hazard": "fire", "category": "c", "message": "m", "on": ["Toggle"],
          "when": [{"near_person": "child"}]}], "mine.yaml", cat,
    )  # fmt: skip
    assert problems == [
        "mine.yaml: rule r: when[0].near_person: no catalogue type is baby or child (give a living type who: baby)"
    ]
    _, problems = parse_catalog({"Alien": {"kind": "living", "who": "martian"}}, "objects.yaml")
    assert problems == ["objects.yaml: type Alien: who: must be one of adult, animal, baby, child"]
