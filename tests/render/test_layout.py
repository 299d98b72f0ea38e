"""Layout: supports, containers, adjacency, the held object and floor items."""

from __future__ import annotations

import numpy as np

from mssbench_embodied.render.labels import LabelPlacer, label_text
from mssbench_embodied.render.layout import layout_scene
from mssbench_embodied.world import World
from tests.render.conftest import add, make_world

W, H = 512, 384


def _cx(box: tuple[float, float, float, float]) -> float:
    return (box[0] + box[2]) / 2


def test_items_stand_on_their_support_surface(kitchen: World) -> None:
    scene = layout_scene(kitchen, W, H)
    counter, bowl = scene.nodes["counter"], scene.nodes["bowl"]
    surface_y = counter.box[1] + counter.spec.surface[0] * (counter.box[3] - counter.box[1])
    assert abs(bowl.box[3] - surface_y) < 1.0
    assert counter.box[0] <= bowl.box[0] and bowl.box[2] <= counter.box[2]
    assert [n.obj.id for n in scene.row] == ["counter"]


def test_closed_fridge_hides_contents_but_microwave_window_shows_them() -> None:
    world = make_world()
    add(world, "fridge", "Fridge", state={"open": False}, container=True)
    add(world, "milk", "Bottle", parent="fridge", relation="in", pickupable=True)
    add(world, "counter", "CounterTop")
    add(world, "microwave", "Microwave", parent="counter", state={"open": False}, container=True)
    add(world, "bowl", "Bowl", parent="microwave", relation="in", material="metal", pickupable=True)
    scene = layout_scene(world, W, H)
    assert not scene.nodes["milk"].shown
    assert scene.nodes["bowl"].shown
    mw, bowl = scene.nodes["microwave"].box, scene.nodes["bowl"].box
    assert mw[0] <= bowl[0] and bowl[2] <= mw[2] and mw[1] <= bowl[1] and bowl[3] <= mw[3], (
        "fits in the cavity"
    )
    world["fridge"].state["open"] = True
    assert layout_scene(world, W, H).nodes["milk"].shown


def test_contents_of_an_open_container_stick_out_of_it() -> None:
    world = make_world()
    add(world, "counter", "CounterTop")
    add(world, "toaster", "Toaster", parent="counter", container=True)
    add(world, "knife", "Knife", parent="toaster", relation="in", material="metal", pickupable=True)
    scene = layout_scene(world, W, H)
    toaster, knife = scene.nodes["toaster"], scene.nodes["knife"]
    assert "upright" in knife.flags and knife.box[3] - knife.box[1] > knife.box[2] - knife.box[0]
    assert knife.box[1] < toaster.box[1], "the knife pokes out above the toaster"


def test_near_objects_are_neighbours_and_touch() -> None:
    world = make_world()
    add(world, "stove", "Stove")
    add(world, "fridge", "Fridge")
    add(world, "cabinet", "Cabinet", near={"stove"})
    world["stove"].near.add("cabinet")
    scene = layout_scene(world, W, H)
    order = [n.obj.id for n in scene.row]
    assert abs(order.index("stove") - order.index("cabinet")) == 1
    a, b = sorted((scene.nodes["stove"].box, scene.nodes["cabinet"].box))
    assert b[0] <= a[2] + 0.5, "near objects touch"
    gap = scene.nodes["fridge"].box[0] - scene.nodes["cabinet"].box[2]
    assert gap > 2, "unrelated neighbours stand apart"


def test_faucet_near_a_sink_is_drawn_over_the_basin() -> None:
    world = make_world()
    add(world, "counter", "CounterTop")
    add(world, "sink", "Sink", parent="counter", relation="in", container=True)
    add(world, "faucet", "Faucet", near={"sink"}, state={"on": True}, toggleable=True)
    world["sink"].near.add("faucet")
    scene = layout_scene(world, W, H)
    sink, faucet = scene.nodes["sink"], scene.nodes["faucet"]
    assert faucet.holder is sink and "child:faucet" in sink.flags
    assert sink.box[0] < _cx(faucet.box) < sink.box[2]


def test_floor_items_lie_in_front_of_what_they_are_near() -> None:
    world = make_world()
    add(world, "table", "Table")
    add(world, "washer", "WashingMachine", container=True)
    add(world, "puddle", "Puddle", near={"washer"})
    world["washer"].near.add("puddle")
    scene = layout_scene(world, W, H)
    puddle, washer = scene.nodes["puddle"], scene.nodes["washer"]
    assert puddle in scene.floor_items
    assert puddle.box[3] > washer.box[3], "in the foreground"
    assert abs(_cx(puddle.box) - _cx(washer.box)) < 20


def test_wall_fixtures_hang_above_the_floor() -> None:
    world = make_world("bathroom")
    add(world, "tub", "Bathtub", container=True)
    add(world, "mirror", "Mirror")
    add(world, "socket", "Socket", near={"tub"})
    world["tub"].near.add("socket")
    scene = layout_scene(world, W, H)
    for oid in ("mirror", "socket"):
        assert scene.nodes[oid] in scene.wall
        assert scene.nodes[oid].box[3] <= scene.horizon + 1


def test_label_text_names_unusual_materials_only() -> None:
    world = make_world()
    bowl = add(world, "bowl", "Bowl", material="metal", pickupable=True)
    knife = add(world, "knife", "Knife", material="metal", pickupable=True)
    glass = add(world, "cup", "Glass", name="wine glass", material="glass", pickupable=True)
    counter = add(world, "counter", "CounterTop", name="counter", material="granite")
    assert label_text(bowl) == "metal bowl"
    assert label_text(knife) == "knife"
    assert label_text(glass) == "wine glass"
    assert label_text(counter) == "counter"


def test_label_placer_avoids_overlaps() -> None:
    placer = LabelPlacer(200, 100)
    first = placer.place((40, 12), 100, 50, 30)
    second = placer.place((40, 12), 100, 50, 30)
    assert first != second
    a = (*first, first[0] + 40, first[1] + 12)
    b = (*second, second[0] + 40, second[1] + 12)
    assert min(a[2], b[2]) - max(a[0], b[0]) <= 0 or min(a[3], b[3]) - max(a[1], b[1]) <= 0


def test_a_colour_named_in_the_name_paints_soft_materials() -> None:
    from mssbench_embodied.render import SketchRenderer

    world = make_world("living_room", floor="wood")
    add(world, "sofa", "Sofa", name="grey sofa", material="cloth")
    frame = SketchRenderer().render(world)
    x0, y0, x1, y1 = (round(v) for v in layout_scene(world, W, H).nodes["sofa"].box)
    patch = frame[y0:y1, x0:x1].reshape(-1, 3).astype(int)
    greyish = (np.abs(patch[:, 0] - patch[:, 2]) < 12) & (patch[:, 0] > 100) & (patch[:, 0] < 200)
    assert greyish.mean() > 0.3
