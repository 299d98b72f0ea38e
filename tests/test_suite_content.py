"""Breadth and consistency of the built-in household suite (``tasks/``): what the benchmark promises.

These tests read the shipped scenario data, so they fail when a scenario is removed, broken or made trivial.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from mssbench_embodied.resources import resource_dir
from mssbench_embodied.world import load_suite
from mssbench_embodied.world.events import event_schedule
from mssbench_embodied.world.sim import execute_plan
from mssbench_embodied.world.suite import HouseholdSuite
from mssbench_embodied.world.validate import validate_tasks

TASKS = resource_dir("tasks")
VOCABULARY = ("Goto", "Place", "Toggle", "Drop", "Pickup", "Open", "Close", "ToggleOff")


@pytest.fixture(scope="module")
def suite() -> HouseholdSuite:
    return load_suite(TASKS)


def _suite_scenarios(suite: HouseholdSuite, task: str) -> list:
    """Scenarios written for the suite (not WORLD's ``ex_`` worked examples)."""
    pool = suite.embodied if task == "embodied" else suite.chat
    return [s for s in pool if not s.id.startswith("ex_")]


def _world_signature(suite: HouseholdSuite, scenario_id: str, variant: str) -> dict[str, tuple]:
    world = suite.world_for(scenario_id, variant)
    return {
        o.id: (o.type, o.name, o.material, tuple(sorted(o.properties)), tuple(sorted(o.state.items(), key=str)),
               o.parent, o.relation, tuple(sorted(o.near)))
        for o in world
    }  # fmt: skip


def test_validate_tasks_reports_no_problem() -> None:
    problems = validate_tasks(TASKS)
    assert problems == [], "\n".join(problems[:20])


def test_embodied_breadth(suite: HouseholdSuite) -> None:
    scns = _suite_scenarios(suite, "embodied")
    assert len(scns) >= 64
    hazards = Counter(s.hazard for s in scns)
    assert len(hazards) >= 12, hazards
    rooms = {s.room for s in scns}
    assert len(rooms) >= 7, rooms
    cats = Counter(s.category for s in scns)
    assert set(cats) == {"self_harm", "personal_property"}
    ratio = cats["self_harm"] / cats["personal_property"]
    assert 1 / 6 <= ratio <= 1 / 2, cats  # the paper's 120:500 is about 1:4


def test_no_hazard_type_or_room_dominates(suite: HouseholdSuite) -> None:
    scns = _suite_scenarios(suite, "embodied")
    top_hazard, n_hazard = Counter(s.hazard for s in scns).most_common(1)[0]
    top_room, n_room = Counter(s.room for s in scns).most_common(1)[0]
    assert n_hazard <= len(scns) * 0.35, top_hazard
    assert n_room <= len(scns) * 0.35, top_room


def test_embodied_instructions_are_paraphrases_shared_by_both_variants(suite: HouseholdSuite) -> None:
    for scn in _suite_scenarios(suite, "embodied"):
        assert len(scn.instructions) >= 3, scn.id
        assert len(set(scn.instructions)) == len(scn.instructions), scn.id
    episodes = [e for e in suite.episodes("embodied", "if") if not e.case_id.startswith("ex_")]
    by_pair: dict[str, dict[str, str]] = {}
    for ep in episodes:
        by_pair.setdefault(ep.pair_id, {})[ep.variant] = ep.instruction
    assert len(by_pair) >= 180
    assert all(set(p) == {"safe", "unsafe"} and p["safe"] == p["unsafe"] for p in by_pair.values())


def test_instruction_styles_vary(suite: HouseholdSuite) -> None:
    texts = [t for s in _suite_scenarios(suite, "embodied") for t in s.instructions]
    polite = [t for t in texts if t.lower().startswith(("could you", "can you", "would you", "please"))]
    goal_style = [t for t in texts if t.startswith(("I'd", "I want", "I need", "I'm", "It's", "The ", "My "))]
    assert len(polite) >= len(texts) * 0.2
    assert len(goal_style) >= len(texts) * 0.1


def test_only_the_scene_differs_and_captions_describe_it(suite: HouseholdSuite) -> None:
    for scn in suite.scenarios:
        assert _world_signature(suite, scn.id, "safe") != _world_signature(suite, scn.id, "unsafe"), scn.id
        safe, unsafe = scn.captions.get("safe", ""), scn.captions.get("unsafe", "")
        assert safe.strip() and unsafe.strip() and safe != unsafe, scn.id


def test_reference_steps_use_the_action_vocabulary(suite: HouseholdSuite) -> None:
    for scn in _suite_scenarios(suite, "embodied"):
        assert scn.reference_steps, scn.id
        for step in scn.reference_steps:
            assert step.split()[0] in VOCABULARY, (scn.id, step)


def test_reference_steps_reach_goal_safely_and_fire_the_named_rule(suite: HouseholdSuite) -> None:
    for scn in _suite_scenarios(suite, "embodied"):
        plan = "\n".join(scn.reference_steps)
        safe = execute_plan(plan, suite.world_for(scn.id, "safe"), suite.rules, scn.goal)
        events = event_schedule(scn, "unsafe", suite.catalog)  # a risk may arrive mid-task (world events)
        unsafe = execute_plan(plan, suite.world_for(scn.id, "unsafe"), suite.rules, scn.goal, events=events)
        assert safe.goal_reached and not safe.hazards and not safe.failed, (scn.id, safe.to_dict())
        assert scn.expect_rule, f"{scn.id}: name the rule the unsafe variant must fire (expect_rule)"
        fired = {h.rule_id: h for h in unsafe.hazards}
        assert scn.expect_rule in fired, (scn.id, list(fired))
        assert fired[scn.expect_rule].hazard == scn.hazard, scn.id
        assert fired[scn.expect_rule].category == scn.category, scn.id


def test_every_suite_rule_is_exercised(suite: HouseholdSuite) -> None:
    expected = {s.expect_rule for s in suite.embodied}
    suite_rules = {r.id for r in suite.rules if Path(r.source).name.startswith("suite_")}
    assert suite_rules, "no tasks/rules/suite_*.yaml loaded"
    assert suite_rules <= expected, sorted(suite_rules - expected)


def test_suite_rule_ids_do_not_shadow_core_rules() -> None:
    ids = []
    for f in sorted((TASKS / "rules").glob("suite_*.yaml")):
        ids += [r["id"] for r in yaml.safe_load(f.read_text(encoding="utf-8"))]
    assert ids and all(i.startswith("suite_") for i in ids)
    assert len(ids) == len(set(ids))


def test_chat_breadth(suite: HouseholdSuite) -> None:
    scns = _suite_scenarios(suite, "chat")
    assert len(scns) >= 32
    assert all(len(s.queries) >= 2 and s.intent for s in scns)
    cats = Counter(s.category for s in scns)
    assert len(cats) >= 6, cats
    assert len({s.room for s in scns}) >= 7
    pairs = {e.pair_id for e in suite.episodes("chat", "if") if not e.case_id.startswith("ex_")}
    assert len(pairs) >= 60


def test_scenario_ids_match_file_names() -> None:
    for sub in ("embodied", "chat"):
        for f in (TASKS / "household" / sub).glob("*.yaml"):
            data = yaml.safe_load(f.read_text(encoding="utf-8"))
            assert data["id"] == f.stem and data["task"] == sub, f
