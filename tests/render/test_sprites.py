"""Sprites: every catalogue type has a real drawing, and every sprite survives every state."""

from __future__ import annotations

import itertools

import pytest

from mssbench_embodied.render import sketch  # noqa: F401  (registers all sprites)
from mssbench_embodied.render.overlays import OVERLAY_KEYS, overlay_image, shows_state
from mssbench_embodied.render.pen import Pen
from mssbench_embodied.render.spec import ObjView, registered, spec_for, sprite_image
from mssbench_embodied.resources import resource_dir
from mssbench_embodied.world.catalog import load_catalog

STATES = [
    (),
    (("on", True),),
    (("open", True),),
    (("open", False), ("on", True)),
    (("filled", "water"),),
    (("filled", True), ("hot", True)),
    (("lit", True),),
    (("wet", True),),
    (("broken", True),),
    (("plugged_in", True), ("running", True)),
]


def test_catalogue_types_have_their_own_sprites() -> None:
    # New types can be added as YAML alone (they then get their kind's fallback or a labelled box), so this
    # asks for near-complete coverage rather than all of it.
    catalog = load_catalog(resource_dir("tasks") / "objects.yaml")
    generic = sorted(name for name, t in catalog.items() if spec_for(name, t.kind).name.startswith("generic"))
    assert len(generic) <= 0.05 * len(catalog), f"types drawn as a plain box: {generic}"


def test_catalogue_synonyms_mostly_find_a_sprite() -> None:
    catalog = load_catalog(resource_dir("tasks") / "objects.yaml")
    words = [syn for t in catalog.values() for syn in t.synonyms]
    found = sum(spec_for(w).name != "generic" for w in words)
    assert found / len(words) > 0.6


@pytest.mark.parametrize("spec_name", sorted({s.name for s in registered().values()}))
def test_sprite_draws_in_every_state_and_flag(spec_name: str) -> None:
    spec = registered()[spec_name]
    for state, flags in itertools.product(STATES, (frozenset(), frozenset({"root", "upright", "held"}))):
        view = ObjView(spec_name, material="metal", state=state, props=frozenset({"toxic"}), flags=flags)
        for front in (False, True):
            img, left, top = sprite_image(spec, view, 37, 23, front)
            assert img.mode == "RGBA" and img.size[0] >= 37 and left >= 0 and top >= 0


def test_states_are_visible_for_every_sprite_directly_or_by_overlay() -> None:
    for spec in {s.name: s for s in registered().values()}.values():
        for key in OVERLAY_KEYS:
            if not shows_state(spec, key):
                img, _, _ = overlay_image(key, 40, 40)
                assert img.getbbox() is not None, (spec.name, key)


def test_pen_clamps_tiny_boxes() -> None:
    pen = Pen(0, 0)
    pen.rect(0, 0, 1, 1, fill=(1, 2, 3, 255))
    pen.ellipse(0.2, 0.2, 0.1, 0.1, fill=(1, 2, 3, 128))
    assert pen.finish().size[0] > 0
