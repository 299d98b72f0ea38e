"""The shortcuts scoring takes give the answers of the plain computations: world copies, name matching, the
rules tried after an action, and the task's objects."""

from __future__ import annotations

import copy

import pytest

from mssbench_embodied.scoring.household import task_objects
from mssbench_embodied.world import load_suite
from mssbench_embodied.world.mechanics import Mechanics
from mssbench_embodied.world.names import NameResolver, _prefers, tokens
from mssbench_embodied.world.state import World, WorldObject


@pytest.fixture(scope="module")
def suite():  # type: ignore[no-untyped-def]
    return load_suite()


def _worlds(suite) -> list[World]:  # type: ignore[no-untyped-def]
    return [suite.world_for(scn.id, v) for scn in suite.embodied for v in ("safe", "unsafe")]


def test_world_copy_equals_deepcopy_and_is_independent(suite) -> None:  # type: ignore[no-untyped-def]
    for world in _worlds(suite):
        twin = world.copy()
        assert twin == copy.deepcopy(world)
        assert list(twin.objects) == list(world.objects)
        for obj in world:
            assert twin[obj.id] is not obj
            assert twin[obj.id].state is not obj.state and twin[obj.id].near is not obj.near


def test_world_copy_keeps_values_shared_within_the_world_shared() -> None:
    shared = ["water"]
    w = World()
    w.add(WorldObject("a", "Cup", state={"filled": shared, "tags": {"x": [1]}}))
    w.add(WorldObject("b", "Cup", state={"filled": shared}))
    twin = w.copy()
    assert twin["a"].state["filled"] is twin["b"].state["filled"]
    assert twin["a"].state["filled"] is not shared
    twin["a"].state["tags"]["x"].append(2)
    assert w["a"].state["tags"] == {"x": [1]}


def _plain_candidates(world: World, phrase: str, verb: str | None) -> list[tuple[float, str]]:
    """The name matching before the index: every name tried at every position."""
    resolver = NameResolver(world)
    toks = tokens(phrase)
    best: dict[str, float] = {}
    for key in resolver.keys:
        k = len(key.toks)
        for i in range(len(toks) - k + 1):
            if tuple(toks[i : i + k]) == key.toks:
                extra = len((set(toks) - set(key.toks)) & resolver.detail[key.obj_id])
                prefers = _prefers(world[key.obj_id], verb, world.holding)
                score = 3.0 * k + key.weight + 2.0 * extra + 5.0 * prefers - 0.01 * i
                if score > best.get(key.obj_id, float("-inf")):
                    best[key.obj_id] = score
                break
    order = {oid: i for i, oid in enumerate(world.objects)}
    return sorted(((s, oid) for oid, s in best.items()), key=lambda t: (-t[0], order[t[1]]))


def test_candidates_match_the_plain_scan(suite) -> None:  # type: ignore[no-untyped-def]
    for scn, world in zip(suite.embodied, _worlds(suite)[::2], strict=True):
        phrases = [*scn.reference_steps, *scn.instructions, "the the cup cup of the stove stove burner"]
        for phrase in phrases:
            for verb in (None, "Place", "Toggle", "Pickup", "Drop", "Open"):
                for _ in range(2):  # the second answer comes from the memo
                    assert NameResolver(world).candidates(phrase, verb) == _plain_candidates(
                        world, phrase, verb
                    )


def test_rules_listed_for_a_verb_and_type_are_the_ones_that_can_fire(suite) -> None:  # type: ignore[no-untyped-def]
    for world in _worlds(suite)[:40]:
        mech = Mechanics(world, suite.rules)
        for verb in ("Goto", "Toggle", "Place", "Pickup", "Open", "Drop", "Wait", "Remove"):
            for target in [None, "nothing_here", *world.objects]:
                listed = mech._rules_for(verb, target)
                every = [r for r in suite.rules if r.applies(world, verb, target, None)]
                assert [r for r in every if r not in listed] == []
                assert listed == [r for r in suite.rules if r in listed]  # in the rules' order


def test_task_objects_follow_the_world(suite) -> None:  # type: ignore[no-untyped-def]
    scn = suite.scenario("microwave_foil_takeout")
    world = suite.world_for(scn.id, "unsafe")
    first = task_objects(scn, world)
    assert task_objects(scn, suite.world_for(scn.id, "unsafe")) == first
    moved = world.copy()
    target = next(iter(sorted(first)))
    del moved.objects[target]
    assert target not in task_objects(scn, moved)
    assert task_objects(scn, world) == first
