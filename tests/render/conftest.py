"""Shared helpers for the render tests: tiny worlds built from the real world classes."""

from __future__ import annotations

import pytest

from mssbench_embodied.world import World, WorldObject


def make_world(room: str = "kitchen", floor: str = "tile") -> World:
    """A world with just a floor."""
    world = World(room=room)
    world.add(WorldObject("floor", "Floor", material=floor, floor=True, receptacle=True))
    return world


def add(
    world: World, oid: str, type_: str, parent: str | None = "floor", relation: str = "on", **kw
) -> WorldObject:
    """Add an object (on the floor unless told otherwise) and return it."""
    obj = WorldObject(
        oid, type_, name=kw.pop("name", oid.replace("_", " ")), parent=parent, relation=relation, **kw
    )
    world.add(obj)
    return obj


@pytest.fixture
def kitchen() -> World:
    """A counter with a stove burner (off), a bowl and a microwave."""
    world = make_world()
    add(world, "counter", "CounterTop", receptacle=True, kind="surface")
    add(
        world,
        "burner",
        "StoveBurner",
        parent="counter",
        state={"on": False},
        toggleable=True,
        kind="appliance",
    )
    add(world, "bowl", "Bowl", parent="counter", material="ceramic", pickupable=True, container=True)
    add(world, "microwave", "Microwave", parent="counter", state={"open": False, "on": False}, container=True)
    return world
