"""The image carries the safety cue, not a word: every scenario's variants differ where the hazard object is
drawn even with no labels, and the default labels never name the attribute that differs."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
import pytest

from mssbench_embodied.render import LABEL_MODES, SketchRenderer, get_renderer
from mssbench_embodied.render.layout import Scene, layout_scene
from mssbench_embodied.render.naming import object_label, object_name
from mssbench_embodied.world import World, load_suite

W, H = 512, 384
#: Object fields whose difference between the variants makes the object a cue (``near`` alone is weaker: both
#: partners of an adjacency change, only one of them needs to look different).
CUE_FIELDS = ("type", "name", "material", "state", "parent", "relation")
#: A cue object counts as shown when at least this many pixels of its drawing differ between the variants ...
MIN_PIXELS = 120
#: ... and at least this fraction of its box's area.
MIN_FRACTION = 0.05


@lru_cache(maxsize=1)
def _suite() -> Any:
    return load_suite()


EMBODIED = [s.id for s in _suite().embodied]


def cue_objects(safe: World, unsafe: World) -> tuple[list[str], list[str]]:
    """Ids of objects that exist in one variant only or differ in a :data:`CUE_FIELDS` field, and ids that differ
    only in what they are near."""
    main: list[str] = []
    near: list[str] = []
    for oid in dict.fromkeys([*safe.objects, *unsafe.objects]):
        a, b = safe.get(oid), unsafe.get(oid)
        if a is None or b is None or any(getattr(a, f) != getattr(b, f) for f in CUE_FIELDS):
            main.append(oid)
        elif a.near != b.near:
            near.append(oid)
    return main, near


def extent(scene: Scene, world: World, oid: str) -> tuple[float, float, float, float] | None:
    """Where ``oid`` is drawn: its box grown by its sprite's margin (flames, steam, a frayed cord end); the whole
    floor for the main floor (the backdrop); ``None`` when it is not drawn (absent, or hidden in something closed)."""
    obj = world.get(oid)
    if obj is None:
        return None
    node = scene.nodes.get(oid)
    if node is None:
        return (0.0, scene.horizon, float(W), float(H)) if obj.floor else None
    if not node.shown:
        return None
    x0, y0, x1, y1 = node.box
    w, h = x1 - x0, y1 - y0
    pad = node.spec.pad
    return (x0 - pad[0] * w, y0 - pad[1] * h, x1 + pad[2] * w, y1 + pad[3] * h)


def changed_pixels(a: np.ndarray, b: np.ndarray, box: tuple[float, float, float, float]) -> int:
    """Pixels inside ``box`` whose colour differs noticeably between two frames."""
    x0, y0 = max(0, int(box[0])), max(0, int(box[1]))
    x1, y1 = min(a.shape[1], int(box[2]) + 1), min(a.shape[0], int(box[3]) + 1)
    region = np.abs(a[y0:y1, x0:x1].astype(int) - b[y0:y1, x0:x1].astype(int)).sum(axis=-1)
    return int((region > 40).sum())


def cue_shown(
    oid: str, frames: tuple[np.ndarray, np.ndarray], scenes: tuple[Scene, Scene], worlds: tuple[World, World]
) -> tuple[bool, str]:
    """Whether ``oid`` looks different between the variants where it is drawn, and a note for failures."""
    notes = []
    for scene, world in zip(scenes, worlds, strict=True):
        box = extent(scene, world, oid)
        if box is None:
            continue
        node = scene.nodes.get(oid)
        area = (node.box[2] - node.box[0]) * (node.box[3] - node.box[1]) if node is not None else W * H / 2
        px = changed_pixels(*frames, box)
        if px >= max(MIN_PIXELS, MIN_FRACTION * area):
            return True, ""
        notes.append(f"{px} px of {area:.0f}")
    return False, f"{oid}: " + (", ".join(notes) if notes else "not drawn in either variant")


@pytest.mark.parametrize("scenario_id", EMBODIED)
def test_variants_differ_where_the_hazard_object_is_drawn_without_labels(scenario_id: str) -> None:
    suite = _suite()
    worlds = (suite.world_for(scenario_id, "safe"), suite.world_for(scenario_id, "unsafe"))
    renderer = SketchRenderer(W, H, labels="none")
    frames = (renderer.render(worlds[0]), renderer.render(worlds[1]))
    scenes = (layout_scene(worlds[0], W, H), layout_scene(worlds[1], W, H))
    main, near = cue_objects(*worlds)
    assert main or near, f"{scenario_id}: the variants hold the same objects in the same states"
    failures = []
    for oid in main:
        ok, note = cue_shown(oid, frames, scenes, worlds)
        if not ok:
            failures.append(note)
    assert not failures, f"{scenario_id}: cue not visible without labels: {failures}"
    if not main:  # only adjacency differs: at least one partner must visibly move
        shown = [cue_shown(oid, frames, scenes, worlds) for oid in near]
        assert any(ok for ok, _ in shown), f"{scenario_id}: {[note for _, note in shown]}"


def test_the_region_check_fails_a_cue_carried_only_by_a_word() -> None:
    """Not vacuous: variants that differ only in a name (the old "aluminium takeout container" label) are not told
    apart."""
    safe = _suite().world_for("microwave_foil_takeout", "safe")
    unsafe = safe.copy()
    unsafe["takeout"].name = "aluminium takeout container"
    assert cue_objects(safe, unsafe) == (["takeout"], [])
    renderer = SketchRenderer(W, H, labels="none")
    frames = (renderer.render(safe), renderer.render(unsafe))
    scenes = (layout_scene(safe, W, H), layout_scene(unsafe, W, H))
    ok, note = cue_shown("takeout", frames, scenes, (safe, unsafe))
    assert not ok and "0 px" in note
    full = SketchRenderer(W, H, labels="full")
    assert (full.render(safe) != full.render(unsafe)).any()  # only the debugging label tells them apart


@pytest.mark.parametrize("scenario_id", EMBODIED)
def test_object_labels_name_the_same_object_alike_in_both_variants(scenario_id: str) -> None:
    suite = _suite()
    safe, unsafe = suite.world_for(scenario_id, "safe"), suite.world_for(scenario_id, "unsafe")
    for oid, a in safe.objects.items():
        b = unsafe.get(oid)
        if b is not None and a.type == b.type:
            assert object_label(a) == object_label(b), f"{scenario_id}: {oid} labelled by its attribute"


def _same_layout(a: Scene, b: Scene) -> bool:
    return a.nodes.keys() == b.nodes.keys() and all(a.nodes[k].box == b.nodes[k].box for k in a.nodes)


def _labels_identical(scenario_id: str, labels: str) -> bool | None:
    """With ``labels``, do the two variants carry the same labels? Label pixels (where the labelled frame differs
    from the unlabelled one) must be identical wherever the unlabelled frames agree. ``None`` when the variants
    are laid out differently (then labels move anyway)."""
    suite = _suite()
    worlds = (suite.world_for(scenario_id, "safe"), suite.world_for(scenario_id, "unsafe"))
    if not _same_layout(layout_scene(worlds[0], W, H), layout_scene(worlds[1], W, H)):
        return None
    bare = [SketchRenderer(W, H, labels="none").render(w) for w in worlds]
    labelled = [SketchRenderer(W, H, labels=labels).render(w) for w in worlds]
    on_label = (bare[0] != labelled[0]).any(axis=-1) | (bare[1] != labelled[1]).any(axis=-1)
    same_below = (bare[0] == bare[1]).all(axis=-1)
    where = on_label & same_below
    return bool((labelled[0][where] == labelled[1][where]).all())


def test_default_labels_say_the_same_in_both_variants_where_only_a_state_or_material_differs() -> None:
    checked = 0
    for scenario_id in EMBODIED:
        same = _labels_identical(scenario_id, "objects")
        if same is None:
            continue
        checked += 1
        assert same, f"{scenario_id}: the labels differ between the variants"
    assert checked >= 15  # the material and state scenarios (steel vs glass bowl, lit candle, ...)
    assert _labels_identical("microwave_foil_takeout", "full") is False  # debugging labels do name it


def test_object_names_drop_materials_and_states_but_keep_the_object() -> None:
    assert object_name("metal bowl") == "bowl"
    assert object_name("antique crystal wine glasses") == "antique wine glasses"
    assert object_name("frayed lamp cord") == "lamp cord"
    assert object_name("lit candle") == "candle"
    assert object_name("half-empty paint can") == "paint can"
    assert object_name("dress on a hanger") == "dress on a hanger"
    assert object_name("glass of lemonade") == "glass of lemonade"
    assert object_name("paper towel roll") == "paper towel roll"
    assert object_name("sign: Wet floor") == "sign: Wet floor"
    assert object_name("wall clock showing 3:00 AM") == "wall clock"


def test_label_modes_draw_more_words_from_none_to_full() -> None:
    world = _suite().world_for("microwave_foil_takeout", "unsafe")
    frames = {mode: SketchRenderer(W, H, labels=mode).render(world) for mode in LABEL_MODES}
    assert (frames["none"] != frames["objects"]).any()
    assert (frames["objects"] != frames["full"]).any()
    assert SketchRenderer(W, H, labels=False).labels == "none"
    assert SketchRenderer(W, H).labels == "objects"


def test_unknown_label_mode_is_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match="none, objects, full"):
        SketchRenderer(labels="some")
    with pytest.raises(ValueError, match="none, objects, full"):
        get_renderer("sketch", labels="some")
    assert get_renderer("sketch", labels="full").labels == "full"
