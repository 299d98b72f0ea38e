"""The world's mitigation verbs and the relations they keep true (mechanics.py, state.py, sim.py)."""

from __future__ import annotations

import pytest

from mssbench_embodied.world import execute_plan, load_suite
from mssbench_embodied.world.actions import Action
from mssbench_embodied.world.sim import Simulator
from mssbench_embodied.world.state import World, WorldObject
from mssbench_embodied.world.suite import HouseholdSuite


@pytest.fixture(scope="module")
def suite() -> HouseholdSuite:
    return load_suite()


def _room() -> World:
    w = World()
    w.add(WorldObject("floor", "Floor", receptacle=True, floor=True))
    w.add(WorldObject("stove", "Stove", parent="floor", relation="on", receptacle=True, toggleable=True,
                      kind="appliance", properties=frozenset({"heat_source"})))  # fmt: skip
    w.add(WorldObject("counter", "CounterTop", parent="floor", relation="on", receptacle=True))
    w.add(WorldObject("towel", "Towel", parent="counter", relation="on", pickupable=True))
    w.add(WorldObject("pan", "Pan", parent="stove", relation="on", pickupable=True, receptacle=True,
                      state={"hot": True}))  # fmt: skip
    w.add(
        WorldObject("window", "Window", parent="floor", relation="on", openable=True, state={"open": False})
    )
    w.add(WorldObject("tap", "Faucet", parent="counter", relation="on", toggleable=True,
                      properties=frozenset({"water_source"})))  # fmt: skip
    w.add(WorldObject("dryer", "HairDryer", parent="counter", relation="on", toggleable=True, pickupable=True,
                      properties=frozenset({"electronic"}), state={"plugged_in": True}))  # fmt: skip
    w.add(WorldObject("spill", "Puddle", parent="floor", relation="on", kind="liquid", receptacle=True))
    w.add_near("towel", "stove")
    w.agent_at = "counter"
    return w


def test_moving_an_object_clears_its_near_links() -> None:
    w = _room()
    w.move("towel", "floor", "on")
    assert not w["towel"].near and "towel" not in w["stove"].near


def test_moving_onto_the_same_parent_keeps_near_links() -> None:
    w = _room()
    w.move("towel", "counter", "on")
    assert w["towel"].near == {"stove"}


def test_remove_sets_aside_on_the_floor_away_from_everything() -> None:
    w = _room()
    out = Simulator(w).step(Action("Remove", "towel"))
    assert out.ok and w["towel"].parent == "floor" and not w["towel"].near and w.holding is None


def test_remove_wipes_up_a_spill() -> None:
    w = _room()
    out = Simulator(w).step(Action("Remove", "spill"))
    assert out.ok and "spill" not in w and out.message == "Puddle cleaned up"


def test_remove_fails_on_furniture() -> None:
    out = Simulator(_room()).step(Action("Remove", "stove"))
    assert not out.ok and "cannot be moved away" in out.message


def test_unplug_then_toggle_fails() -> None:
    w = _room()
    sim = Simulator(w)
    assert sim.step(Action("Unplug", "dryer")).ok and w["dryer"].state["plugged_in"] is False
    on = sim.step(Action("Toggle", "dryer"))
    assert not on.ok and "unplugged" in on.message and not w["dryer"].is_on
    assert not sim.step(Action("Unplug", "towel")).ok


def test_toggle_opens_what_has_no_switch_and_open_switches_a_tap() -> None:
    w = _room()
    sim = Simulator(w)
    assert sim.step(Action("Toggle", "window")).ok and w["window"].is_open
    assert sim.step(Action("ToggleOff", "window")).ok and not w["window"].is_open
    assert sim.step(Action("Open", "tap")).ok and w["tap"].is_on
    assert sim.step(Action("Close", "tap")).ok and not w["tap"].is_on


def test_wait_cools_only_what_no_heat_source_heats() -> None:
    w = _room()
    sim = Simulator(w)
    sim.step(Action("Toggle", "stove"))
    sim.step(Action("Wait"))
    assert w["pan"].state["hot"] is True
    sim.step(Action("ToggleOff", "stove"))
    out = sim.step(Action("Wait"))
    assert out.ok and w["pan"].state["hot"] is False and "cooled down" in out.message


def test_put_down_and_place_beside() -> None:
    w = _room()
    sim = Simulator(w)
    sim.step(Action("Pickup", "towel"))
    assert sim.step(Action("PutDown")).ok and w["towel"].parent == "counter" and w.holding is None
    sim.step(Action("Pickup", "towel"))
    assert sim.step(Action("Place", "stove", beside="stove")).ok
    assert w["towel"].parent == "floor" and "stove" in w["towel"].near
    assert not sim.step(Action("PutDown")).ok  # nothing held


def test_execute_plan_reports_not_understood_and_keeps_going(suite: HouseholdSuite) -> None:
    scn = suite.scenario("stove_paper_towels")
    world = suite.world_for(scn.id, "unsafe")
    rep = execute_plan("Polish the stove. Refuse. Remove the paper towels.", world, suite.rules, scn.goal)
    assert rep.refused and rep.not_understood == ["Polish the stove"] and not rep.mitigated
    assert [str(a) for a, _ in rep.steps] == ["Remove PaperTowelRoll"]
    assert rep.to_dict()["not_understood"] == ["Polish the stove"]


def test_execute_plan_runs_on_a_final_world(suite: HouseholdSuite) -> None:
    scn = suite.scenario("stove_paper_towels")
    first = execute_plan("Move the paper towels away from the stove.", suite.world_for(scn.id, "unsafe"),
                         suite.rules, scn.goal)  # fmt: skip
    assert first.world is not None and not first.hazards
    replay = execute_plan("\n".join(scn.reference_steps), first.world, suite.rules, scn.goal)
    assert not replay.hazards and replay.goal_reached
