"""The sketch renderer: frame format, determinism, visible states and cues, robustness."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from types import SimpleNamespace

import numpy as np
import pytest

from mssbench_embodied.render import RENDERERS, SketchRenderer, get_renderer
from mssbench_embodied.render.backdrop import backdrop
from mssbench_embodied.render.labels import label_image
from mssbench_embodied.render.layout import layout_scene
from mssbench_embodied.render.overlays import overlay_image, shows_state
from mssbench_embodied.render.spec import sprite_image
from mssbench_embodied.world import World, load_suite
from tests.render.conftest import add, make_world
from tests.world.helpers import EXAMPLES

W, H = 512, 384


def _clear_caches() -> None:
    for fn in (sprite_image, backdrop, label_image, overlay_image, shows_state):
        fn.cache_clear()


def _box_diff(a: np.ndarray, b: np.ndarray, box: tuple[float, float, float, float], pad: int = 6) -> float:
    """Fraction of pixels inside ``box`` (grown by ``pad``) that changed noticeably between two frames."""
    x0, y0 = max(0, int(box[0]) - pad), max(0, int(box[1]) - pad)
    x1, y1 = min(a.shape[1], int(box[2]) + pad), min(a.shape[0], int(box[3]) + pad)
    region = np.abs(a[y0:y1, x0:x1].astype(int) - b[y0:y1, x0:x1].astype(int)).sum(axis=-1)
    return float((region > 40).mean()) if region.size else 0.0


def test_frame_shape_dtype_and_default_size(kitchen: World) -> None:
    frame = SketchRenderer().render(kitchen)
    assert frame.shape == (H, W, 3)
    assert frame.dtype == np.uint8
    assert frame.flags.writeable
    assert SketchRenderer(200, 150).render(kitchen).shape == (150, 200, 3)


def test_same_world_gives_identical_bytes_warm_and_cold(kitchen: World) -> None:
    renderer = SketchRenderer()
    first = renderer.render(kitchen)
    assert renderer.render(kitchen).tobytes() == first.tobytes()
    assert SketchRenderer().render(kitchen.copy()).tobytes() == first.tobytes()
    _clear_caches()
    assert renderer.render(kitchen).tobytes() == first.tobytes()


def test_identical_bytes_across_processes_with_different_hash_seeds() -> None:
    code = (
        "import hashlib;from mssbench_embodied.world import load_suite;"
        "from mssbench_embodied.render import SketchRenderer;"
        f"w=load_suite({str(EXAMPLES)!r}).world_for('ex_microwave_metal_bowl','unsafe');"
        "print(hashlib.sha256(SketchRenderer().render(w).tobytes()).hexdigest())"
    )
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        digests.add(out.stdout.strip())
    world = load_suite(EXAMPLES).world_for("ex_microwave_metal_bowl", "unsafe")
    digests.add(hashlib.sha256(SketchRenderer().render(world).tobytes()).hexdigest())
    assert len(digests) == 1


def test_toggling_a_burner_changes_pixels_where_it_is(kitchen: World) -> None:
    renderer = SketchRenderer()
    off = renderer.render(kitchen)
    on_world = kitchen.copy()
    on_world["burner"].state["on"] = True
    on = renderer.render(on_world)
    box = layout_scene(on_world, W, H).nodes["burner"].box
    assert _box_diff(off, on, box) > 0.2
    red = on[int(box[1]) : int(box[3]) + 1, int(box[0]) : int(box[2]) + 1].reshape(-1, 3).astype(int)
    assert ((red[:, 0] > 200) & (red[:, 1] < 120)).any(), "a burner that is on glows red"


@pytest.mark.parametrize(
    ("oid", "change"),
    [
        ("microwave", {"open": True}),
        ("microwave", {"on": True}),
        ("bowl", {"broken": True}),
        ("bowl", {"hot": True}),
        ("bowl", {"wet": True}),
        ("bowl", {"filled": "water"}),
    ],
)
def test_each_state_change_is_visible(kitchen: World, oid: str, change: dict) -> None:
    renderer = SketchRenderer()
    before = renderer.render(kitchen)
    changed = kitchen.copy()
    changed[oid].state.update(change)
    after = renderer.render(changed)
    x0, y0, x1, y1 = layout_scene(changed, W, H).nodes[oid].box
    around = (x0, y0 - (y1 - y0), x1, y1)  # effects such as heat lines and steam rise above the object
    region = np.abs(before.astype(int) - after.astype(int)).sum(axis=-1)[
        max(0, int(around[1]) - 10) : int(around[3]) + 10, max(0, int(around[0]) - 10) : int(around[2]) + 10
    ]
    assert (region > 40).sum() > 80, f"{oid} {change} not visible"


def test_unknown_type_renders_as_labelled_box() -> None:
    world = make_world("spaceship", floor="metal")
    add(
        world,
        "gizmo",
        "FluxCapacitor",
        name="flux capacitor",
        state={"on": True, "weird": [1, 2]},
        kind="widget",
    )
    add(world, "thing", "Thing", parent="nowhere")
    frame = SketchRenderer().render(world)
    scene = layout_scene(world, W, H)
    assert scene.nodes["gizmo"].spec.name == "generic"
    empty = SketchRenderer().render(make_world("spaceship", floor="metal"))
    assert _box_diff(empty, frame, scene.nodes["gizmo"].box) > 0.3


def test_held_object_is_drawn_in_the_gripper(kitchen: World) -> None:
    renderer = SketchRenderer()
    holding = kitchen.copy()
    holding.holding = "bowl"
    holding.move("bowl", None, None)
    scene = layout_scene(holding, W, H)
    assert scene.held is not None and scene.held.obj.id == "bowl"
    x0, y0, x1, y1 = scene.held.box
    assert y1 > H * 0.8 and x0 < W / 2 < x1, "the held object sits at the bottom centre"
    assert "bowl" not in {n.obj.id for n in scene.row}
    before, after = renderer.render(kitchen), renderer.render(holding)
    assert _box_diff(before, after, scene.held.box) > 0.3


def test_every_suite_scenario_renders_in_both_variants() -> None:
    suite = load_suite()
    renderer = SketchRenderer()
    assert suite.scenarios, "the bundled suite has scenarios"
    for scenario in suite.scenarios:
        for variant in ("safe", "unsafe"):
            frame = renderer.render(suite.world_for(scenario.id, variant))
            assert frame.shape == (H, W, 3), scenario.id
            assert frame.std() > 10, f"{scenario.id}/{variant} is blank"


def _changed_ids(safe: World, unsafe: World) -> set[str]:
    def sig(o: object) -> tuple:
        return (o.type, o.material, sorted(o.state.items(), key=str), o.parent, o.relation, sorted(o.near))

    ids = set(safe.objects) ^ set(unsafe.objects)
    ids |= {i for i in set(safe.objects) & set(unsafe.objects) if sig(safe[i]) != sig(unsafe[i])}
    return ids


def test_example_scenarios_show_the_unsafe_cue_where_it_is() -> None:
    suite = load_suite(EXAMPLES)
    examples = [s for s in suite.embodied if s.id.startswith("ex_")]
    assert examples, "WORLD's worked examples exist"
    renderer = SketchRenderer()
    for scenario in examples:
        safe, unsafe = suite.world_for(scenario.id, "safe"), suite.world_for(scenario.id, "unsafe")
        a, b = renderer.render(safe), renderer.render(unsafe)
        changed = _changed_ids(safe, unsafe)
        assert changed, scenario.id
        boxes = []
        for world in (safe, unsafe):
            scene = layout_scene(world, W, H)
            boxes += [scene.nodes[i].box for i in changed if i in scene.nodes]
            if scene.floor is not None and scene.floor.id in changed:  # the floor itself: its whole band
                boxes.append((0.0, scene.horizon, float(W), float(H)))
        assert boxes, f"{scenario.id}: the changed objects are drawn"
        best = max(_box_diff(a, b, box) for box in boxes)
        assert best > 0.05, f"{scenario.id}: the cue barely changes the image ({best:.3f})"


def test_every_embodied_scenario_looks_different_in_its_unsafe_variant() -> None:
    suite = load_suite()
    renderer = SketchRenderer()
    same = []
    for scenario in suite.embodied:
        a = renderer.render(suite.world_for(scenario.id, "safe")).astype(int)
        b = renderer.render(suite.world_for(scenario.id, "unsafe")).astype(int)
        if (np.abs(a - b).sum(axis=-1) > 40).sum() < 60:
            same.append(scenario.id)
    assert not same, f"unsafe cue not visible: {same}"


def test_duck_typed_worlds_and_odd_relations_do_not_crash() -> None:
    def obj(oid: str, type_: str, **kw: object) -> SimpleNamespace:
        base = {
            "id": oid,
            "type": type_,
            "name": oid,
            "material": None,
            "properties": frozenset(),
            "state": {},
        }
        base.update({"parent": None, "relation": None, "near": set()})
        base.update(kw)
        return SimpleNamespace(**base)

    objects = {
        "a": obj("a", "Bowl", parent="b", relation="in"),
        "b": obj("b", "Bowl", parent="a", relation="in"),  # a containment cycle
        "c": obj("c", "Knife", parent="ghost", relation="on", near={"a", "missing"}),
        "d": obj("d", "Pot", state={"filled": True, "on": "yes"}, relation="in"),
    }
    world = SimpleNamespace(objects=objects, holding="c", room=None, agent_at=None)
    frame = SketchRenderer().render(world)
    assert frame.shape == (H, W, 3)


def test_get_renderer() -> None:
    renderer = get_renderer("sketch", width=320, height=240)
    assert isinstance(renderer, SketchRenderer) and (renderer.width, renderer.height) == (320, 240)
    assert get_renderer(" Sketch ").width == W
    with pytest.raises(ValueError, match="known renderers"):
        get_renderer("povray")
    assert "thor" in RENDERERS
    with pytest.raises(ValueError, match="too small"):
        SketchRenderer(10, 10)
