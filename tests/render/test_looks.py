"""Declarative looks: a type described in ``objects.yaml`` is drawn from that description, never as another type
picked by a word inside its name; its states show; liquids take their colour from their type."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from mssbench_embodied.render import SketchRenderer
from mssbench_embodied.render.look import SHAPE_SPECS
from mssbench_embodied.render.spec import GENERIC, ObjView, spec_for, sprite_image
from mssbench_embodied.world.catalog import parse_catalog
from mssbench_embodied.world.looks import COLOURS, EFFECTS, PARTS, SHAPES, Look, parse_look, register_looks
from tests.render.conftest import add, make_world

CATALOG = {
    "LookTestTreadmill": {
        "kind": "appliance", "toggleable": True,
        "look": {"shape": "machine", "size": [80, 110], "colour": "dark grey", "accent": "red",
                 "parts": ["belt", "rails", "screen"], "states": {"on": ["spinning", "glow"]}},
    },
    "LookTestMess": {"kind": "liquid", "look": {"shape": "puddle", "colour": "#7a4a1e"}},
    "LookTestPetMess": {"kind": "liquid"},
    "LookTestSteamer": {"kind": "appliance", "toggleable": True, "openable": True,
                        "look": {"shape": "appliance", "parts": ["door", "knobs"], "states": {"on": ["steam"]}}},
    "LookTestFanCopy": {"kind": "appliance", "look": {"like": "Fan", "size": [20, 30]}},
}  # fmt: skip


@pytest.fixture(scope="module", autouse=True)
def catalog() -> None:
    _, problems = parse_catalog(CATALOG, "objects_test.yaml")
    assert problems == []


def _pixels(spec_type: str, state: tuple[tuple[str, object], ...] = (), w: int = 60, h: int = 50) -> bytes:
    return sprite_image(spec_for(spec_type, "appliance"), ObjView(spec_type, state=state), w, h)[0].tobytes()


def test_a_look_is_drawn_from_its_data_not_as_the_generic_box() -> None:
    spec = spec_for("LookTestTreadmill", "appliance")
    assert spec.name == "looktesttreadmill" and spec.size == (80, 110) and spec.place == "row"
    generic = sprite_image(GENERIC, ObjView("LookTestTreadmill"), 60, 50)[0].tobytes()
    assert _pixels("LookTestTreadmill") != generic


def test_states_show_as_the_look_says() -> None:
    assert _pixels("LookTestTreadmill", (("on", True),)) != _pixels("LookTestTreadmill")
    assert _pixels("LookTestSteamer", (("open", True),)) != _pixels("LookTestSteamer")
    assert _pixels("LookTestSteamer", (("on", True),)) != _pixels("LookTestSteamer")


def test_no_drawing_is_borrowed_by_a_word_inside_the_name() -> None:
    assert spec_for("LookTestPetMess", "liquid").name == "puddle"  # its kind's drawing, not a pet
    assert spec_for("PetBowlOfDoom", "item").name == "generic"
    assert spec_for("BatteryCharger", "appliance").name == "charger"  # a charger by its last word
    assert spec_for("LookTestFanCopy", "appliance").name == "fan"  # borrowed, said explicitly
    assert spec_for("LookTestFanCopy", "appliance").size == (20, 30)


def _mean_colour_of_drawn(img: np.ndarray) -> np.ndarray:
    mask = img[..., 3] > 100
    return np.asarray(img[mask][:, :3].mean(axis=0))


def test_liquids_take_their_colour_from_their_type() -> None:
    brown = np.array(sprite_image(spec_for("LookTestMess", "liquid"), ObjView("LookTestMess"), 60, 12)[0])
    water = np.array(sprite_image(spec_for("Puddle"), ObjView("Puddle"), 60, 12)[0])
    oil = np.array(sprite_image(spec_for("OilSpill"), ObjView("OilSpill"), 60, 12)[0])
    r, g, b = _mean_colour_of_drawn(brown)
    assert r > b + 20, (r, g, b)
    r, g, b = _mean_colour_of_drawn(water)
    assert b > r + 40
    assert not np.array_equal(water, oil)


def test_a_world_with_the_new_type_renders_it_differently_from_a_box() -> None:
    frames = []
    for type_ in ("LookTestTreadmill", "LookTestGenericThing"):
        world = make_world("bedroom", "wood")
        add(world, "machine", type_, state={"on": True}, kind="appliance", toggleable=True)
        frames.append(SketchRenderer(256, 192, labels="none").render(world))
    assert int((frames[0] != frames[1]).any(axis=2).sum()) > 500


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_every_shape_part_and_effect_draws(shape: str) -> None:
    assert set(SHAPE_SPECS) == SHAPES
    states = {"on": sorted(EFFECTS)[:6], "lit": sorted(EFFECTS)[6:], "open": ["open"]}
    look = Look(shape=shape, parts=tuple(sorted(PARTS)), states=states)
    register_looks({f"LookTestShape{shape.title()}": look})
    spec = spec_for(f"LookTestShape{shape.title()}")
    for state, flags in itertools.product(
        ((), (("on", True), ("lit", True), ("open", True), ("filled", "oil"), ("wet", True))), ((), ("held",))
    ):
        img, left, top = sprite_image(spec, ObjView("x", state=state, flags=frozenset(flags)), 33, 21)
        assert img.getbbox() is not None and left >= 0 and top >= 0


def test_look_problems_name_the_file_type_and_key() -> None:
    _, problems = parse_catalog(
        {"Gizmo": {"look": {"shape": "box", "colour": "plaid", "states": {"on": ["twinkle"]}, "sizes": 3}}},
        "mine/objects.yaml",
    )
    assert problems == [
        "mine/objects.yaml: type Gizmo: look.sizes: unknown key "
        "(known: accent, colour, like, parts, place, shape, size, states)",
        "mine/objects.yaml: type Gizmo: look.colour: 'plaid' is not '#rrggbb' or one of "
        + ", ".join(COLOURS),
        "mine/objects.yaml: type Gizmo: look.states.on: effects must be among " + ", ".join(sorted(EFFECTS)),
    ]
    assert parse_look({}, "f: type T")[1] == [
        "f: type T: look: give a shape (" + ", ".join(sorted(SHAPES)) + ") or like: <a catalogue type>"
    ]
