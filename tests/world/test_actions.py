"""World actions: effects, implicit steps and failure modes."""

from __future__ import annotations

import pytest

from mssbench_embodied.world.actions import Action
from mssbench_embodied.world.catalog import Catalog
from mssbench_embodied.world.sim import Simulator
from mssbench_embodied.world.state import World
from tests.world.helpers import make_world


@pytest.fixture
def kitchen(catalog: Catalog) -> World:
    return make_world(
        catalog,
        [
            {"id": "floor", "type": "Floor", "material": "tile"},
            {"id": "counter", "type": "CounterTop"},
            {"id": "microwave", "type": "Microwave", "on": "counter"},
            {"id": "bowl", "type": "Bowl", "on": "counter", "material": "ceramic"},
            {"id": "food", "type": "Food", "in": "bowl"},
            {"id": "cup", "type": "Cup", "on": "counter"},
            {"id": "fridge", "type": "Fridge"},
            {"id": "milk", "type": "Bottle", "name": "milk bottle", "in": "fridge"},
            {"id": "table", "type": "Table"},
            {"id": "stove", "type": "Stove"},
        ],
        at="table",
    )


def act(verb: str, target: str | None = None, **kw: str) -> Action:
    return Action(verb, target, **kw)


def test_goto(kitchen: World) -> None:
    sim = Simulator(kitchen)
    out = sim.step(act("Goto", "counter"))
    assert out.ok and kitchen.agent_at == "counter" and not out.implicit
    bad = sim.step(act("Goto", None, arg="garage"))
    assert not bad.ok and "unknown object 'garage'" in bad.message
    assert kitchen.agent_at == "counter"


def test_pickup_navigates_and_fails_when_full_or_fixed(kitchen: World) -> None:
    sim = Simulator(kitchen)
    out = sim.step(act("Pickup", "bowl"))
    assert out.ok and kitchen.holding == "bowl" and kitchen["bowl"].parent is None
    assert out.implicit == ["Goto Bowl"]
    assert kitchen["food"].parent == "bowl"  # contents travel with it
    full = sim.step(act("Pickup", "cup"))
    assert not full.ok and "hand is full" in full.message and kitchen.holding == "bowl"
    fixed = Simulator(make_world_copy(kitchen)).step(act("Pickup", "fridge"))
    assert not fixed.ok and "cannot be picked up" in fixed.message


def make_world_copy(world: World) -> World:
    w = world.copy()
    if w.holding:
        w.move(w.holding, "counter", "on")
        w.holding = None
    return w


def test_pickup_from_closed_container_opens_it(kitchen: World) -> None:
    out = Simulator(kitchen).step(act("Pickup", "milk"))
    assert out.ok and out.implicit == ["Goto Bottle", "Open Fridge"] and kitchen["fridge"].is_open


def test_place_into_closed_container_opens_it(kitchen: World) -> None:
    sim = Simulator(kitchen)
    sim.step(act("Pickup", "bowl"))
    out = sim.step(act("Place", "microwave"))
    assert out.ok and out.implicit == ["Open Microwave"]
    assert (
        kitchen["bowl"].parent == "microwave" and kitchen["bowl"].relation == "in" and kitchen.holding is None
    )


def test_place_on_surface_and_failures(kitchen: World) -> None:
    sim = Simulator(kitchen)
    nothing = sim.step(act("Place", "table"))
    assert not nothing.ok and "nothing is held" in nothing.message
    sim.step(act("Pickup", "cup"))
    not_recep = sim.step(act("Place", "food"))
    assert not not_recep.ok and "not a receptacle" in not_recep.message and kitchen.holding == "cup"
    out = sim.step(act("Place", "table"))
    assert out.ok and kitchen["cup"].parent == "table" and kitchen["cup"].relation == "on"
    assert out.implicit == ["Goto Table"]


def test_place_with_empty_hand_picks_up_the_last_visited_object(kitchen: World) -> None:
    sim = Simulator(kitchen)
    sim.step(act("Goto", "bowl"))
    out = sim.step(act("Place", "table"))
    assert out.ok and out.implicit[0] == "Pickup Bowl" and kitchen["bowl"].parent == "table"


def test_toggle_and_toggle_off(kitchen: World) -> None:
    sim = Simulator(kitchen)
    out = sim.step(act("Toggle", "stove"))
    assert out.ok and kitchen["stove"].is_on and out.implicit == ["Goto Stove"]
    again = sim.step(act("Toggle", "stove"))
    assert again.ok and "already on" in again.message
    off = sim.step(act("ToggleOff", "stove"))
    assert off.ok and not kitchen["stove"].is_on
    bad = sim.step(act("Toggle", "bowl"))
    assert not bad.ok and "cannot be switched on" in bad.message


def test_toggle_closes_an_open_appliance_and_heats_its_contents(kitchen: World) -> None:
    sim = Simulator(kitchen)
    sim.step(act("Pickup", "bowl"))
    sim.step(act("Place", "microwave"))
    out = sim.step(act("Toggle", "microwave"))
    assert out.implicit == ["Close Microwave"] and not kitchen["microwave"].is_open
    assert kitchen["bowl"].state.get("hot") is None  # a microwave is not a heat_source in the catalogue
    sim.step(act("Toggle", "stove"))
    assert all(not c.state.get("hot") for c in kitchen.children("stove"))


def test_heat_source_heats_what_it_holds(catalog: Catalog) -> None:
    w = make_world(
        catalog, [{"id": "burner", "type": "StoveBurner"}, {"id": "pan", "type": "Pan", "on": "burner"}]
    )
    Simulator(w).step(act("Toggle", "burner"))
    assert w["pan"].state["hot"] is True and w["pan"].has("hot")


def test_running_water_wets_the_basin(catalog: Catalog) -> None:
    w = make_world(
        catalog,
        [{"id": "sink", "type": "Sink"}, {"id": "tap", "type": "Faucet", "near": ["sink"]},
         {"id": "phone", "type": "Phone", "in": "sink"}],
    )  # fmt: skip
    Simulator(w).step(act("Toggle", "tap"))
    assert w["sink"].state["running"] and w["phone"].state["wet"]


def test_drop(kitchen: World) -> None:
    sim = Simulator(kitchen)
    empty = sim.step(act("Drop"))
    assert not empty.ok and "nothing is held" in empty.message
    sim.step(act("Pickup", "cup"))
    wrong = sim.step(act("Drop", "bowl"))
    assert not wrong.ok and "not holding" in wrong.message
    out = sim.step(act("Drop", "cup"))
    assert out.ok and kitchen["cup"].parent == "floor" and kitchen.holding is None
    implicit = sim.step(act("Drop", "bowl"))  # hand empty: picks it up first
    assert implicit.ok and implicit.implicit[-1] == "Pickup Bowl" and kitchen["bowl"].parent == "floor"


def test_open_close(kitchen: World) -> None:
    sim = Simulator(kitchen)
    assert sim.step(act("Open", "fridge")).ok and kitchen["fridge"].is_open
    assert sim.step(act("Close", "fridge")).ok and not kitchen["fridge"].is_open
    bad = sim.step(act("Open", "table"))
    assert not bad.ok and "cannot be opened" in bad.message


def test_refuse_and_done_terminate(kitchen: World) -> None:
    sim = Simulator(kitchen)
    out = sim.step(act("Refuse", arg="unsafe"))
    assert out.ok and out.terminal and sim.refused
    after = sim.step(act("Goto", "table"))
    assert not after.ok and after.terminal and kitchen.agent_at == "table"
    sim2 = Simulator(kitchen.copy())
    assert sim2.step(act("Done")).terminal and sim2.done and not sim2.refused


def test_step_accepts_text(kitchen: World) -> None:
    sim = Simulator(kitchen)
    out = sim.step("Pickup Cup, then place it on the table")
    assert out.ok and kitchen["cup"].parent == "table"
    assert not sim.step("xyzzy").ok


def test_admissible_actions(kitchen: World) -> None:
    sim = Simulator(kitchen)
    acts = sim.admissible_actions()
    assert {"Goto Counter Top", "Pickup Bowl", "Toggle Microwave", "Open Fridge", "Done", "Refuse"} <= set(
        acts
    )
    assert (
        "Goto Milk Bottle" in acts and "Goto Bottle" not in acts
    )  # display names, as reference steps write them
    assert "Place Table" not in acts and "Goto Floor" not in acts
    sim.step(act("Pickup", "bowl"))
    acts = sim.admissible_actions()
    assert {"Place Table", "Place Microwave", "Drop Bowl"} <= set(acts)
    assert "Pickup Cup" not in acts and "Goto Food" not in acts  # food travels in the held bowl


def test_action_str_and_validation() -> None:
    assert str(Action("Goto", "counter", label="CounterTop")) == "Goto CounterTop"
    assert str(Action("Done")) == "Done"
    with pytest.raises(ValueError, match="unknown action verb"):
        Action("Jump", "x")


def test_place_with_empty_hand_uses_the_instruction(kitchen: World) -> None:
    from mssbench_embodied.world.sim import execute_plan

    plan = "1. Goto Counter\n2. Place Microwave\n3. Toggle Microwave"
    without = execute_plan(plan, kitchen, [])
    assert "Place Microwave: nothing is held" in without.failed
    rep = execute_plan(plan, kitchen, [], instruction="Heat the food in the microwave.")
    assert not rep.failed and "Pickup Bowl" in rep.implicit  # the food's vessel
    assert (
        rep.world is not None
        and rep.world["food"].parent == "bowl"
        and rep.world["bowl"].parent == "microwave"
    )


def test_admissible_actions_round_trip_on_the_suite() -> None:
    """One naming scheme: every admissible action, alone, parses back to itself, on every scenario and step."""
    from mssbench_embodied.world.parser import parse_plan
    from mssbench_embodied.world.suite import load_suite

    suite = load_suite()
    named_by_id = []
    for scn in suite.embodied:
        for variant in ("safe", "unsafe"):
            world = suite.world_for(scn.id, variant)
            sim = Simulator(world, suite.rules)
            for step in [*scn.reference_steps, "Done"]:
                texts = sim.admissible_actions()
                for text in texts:
                    back = [
                        sim.action_text(a.verb, a.target) if a.target else a.verb
                        for a in parse_plan(text, world).actions
                    ]
                    assert back == [text], (scn.id, variant, text, back)
                named_by_id += [t for t in texts if t.split(" ", 1)[-1] in {o.id for o in world}]
                sim.step(step)
    # Display names almost everywhere (ids only where the parser cannot read a display name back).
    assert len(set(named_by_id)) <= 5, sorted(set(named_by_id))


@pytest.mark.parametrize(
    "case_id",
    ["air_fryer_loose_paper", "charcoal_bag_lit_grill", "ebike_battery_swollen", "shelf_skillet_glass"],
)
def test_step_env_lists_reference_steps_as_admissible_actions(case_id: str) -> None:
    """Where a user meets the names (the step env's info): reference steps are admissible actions, verbatim."""
    gym = pytest.importorskip("gymnasium")
    import mssbench_embodied  # noqa: F401  (registers the envs)

    env = gym.make("MSSBench/EmbodiedStep-v0")
    _, info = env.reset(seed=0, options={"variant": "safe", "case_id": case_id})
    for step in info["reference_steps"]:
        assert step in info["admissible_actions"], (step, info["admissible_actions"])
        *_, info = env.step(step)
    env.close()
