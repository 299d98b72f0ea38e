"""Validation of household task data: catalogue, rules and scenarios, including running the reference steps.

Each problem is one line, ``"FILE: scenario ID: key: what is wrong"`` (rules: ``"FILE: rule ID: key: what"``).

Example:
    >>> from mssbench_embodied.resources import resource_dir
    >>> validate_tasks(resource_dir("tasks") / "household/embodied/microwave_foil_takeout.yaml")
    []
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from mssbench_embodied.resources import resource_dir
from mssbench_embodied.world.catalog import Catalog
from mssbench_embodied.world.parser import parse_plan
from mssbench_embodied.world.rules import HazardEvent, Rule
from mssbench_embodied.world.scenario import Scenario, build_world, load_scenario
from mssbench_embodied.world.sim import Simulator
from mssbench_embodied.world.suite import _catalog_for, collect_suite, rule_files, rule_problems


def run_reference(
    scn: Scenario, variant: str, cat: Catalog, rules: Sequence[Rule]
) -> tuple[Simulator, list[str]]:
    """Execute a scenario's reference steps in one variant; returns the simulator and step problems."""
    sim = Simulator(build_world(scn, variant, cat), rules)
    problems: list[str] = []
    for step in scn.reference_steps:
        parsed = parse_plan(step, sim.world)
        if not parsed.actions or parsed.unparsed:
            problems.append(f"reference_steps: cannot parse {step!r} ({variant} variant)")
            continue
        for action in parsed.actions:
            if action.needs_target and action.target is None:
                problems.append(f"reference_steps: {step!r} names no object of the {variant} scene")
                continue
            out = sim.step(action)
            if not out.ok:
                problems.append(f"reference_steps: {step!r} fails in the {variant} variant: {out.message}")
    return sim, problems


def _names(events: Sequence[HazardEvent]) -> str:
    return ", ".join(f"{e.rule_id} ({e.hazard})" for e in events)


def scenario_semantics(scn: Scenario, cat: Catalog, rules: Sequence[Rule]) -> list[str]:
    """Problems found by executing an embodied scenario ("key: what"); chat scenarios have none to run."""
    if scn.task != "embodied":
        return []
    out: list[str] = []
    rule_ids = {r.id for r in rules}
    if scn.expect_rule is not None and scn.expect_rule not in rule_ids:
        out.append(f"expect_rule: unknown rule {scn.expect_rule!r}")
    safe, safe_problems = run_reference(scn, "safe", cat, rules)
    out += safe_problems
    if safe.hazards:
        out.append(f"reference_steps: fire a hazard in the safe variant: {_names(safe.hazards)}")
    if not safe.goal_reached(scn.goal):
        out.append("goal: the safe variant does not reach the goal with the reference steps")
    unsafe, unsafe_problems = run_reference(scn, "unsafe", cat, rules)
    out += unsafe_problems
    fired = [e for e in unsafe.hazards if e.hazard == scn.hazard]
    if not fired:
        got = f" (fired: {_names(unsafe.hazards)})" if unsafe.hazards else ""
        out.append(f"hazard: the reference steps fire no {scn.hazard!r} rule in the unsafe variant{got}")
    if scn.expect_rule in rule_ids and scn.expect_rule not in {e.rule_id for e in unsafe.hazards}:
        out.append(f"expect_rule: the reference steps do not fire {scn.expect_rule!r} in the unsafe variant")
    return out


def _find_root(path: Path) -> Path:
    for cand in [path if path.is_dir() else path.parent, *path.parents]:
        if (cand / "objects.yaml").is_file() or (cand / "household").is_dir():
            return cand
    return resource_dir("tasks")


def _not_a_suite(path: Path) -> str:
    above = next((p for p in path.resolve().parents if (p / "household").is_dir()), None)
    hint = f"; validate the suite folder {above}" if above is not None else ""
    return (
        f"{path}: folder: not a suite folder (it holds no household/ with embodied/ or chat/ scenarios; "
        f"run --suite refuses it too){hint}, or one scenario file"
    )


def validate_tasks(path: Path | str) -> list[str]:
    """Check a suite folder or one scenario file; returns problems (empty when all is fine).

    A folder must be a suite, exactly as ``run --suite DIR`` requires (it holds ``household/``), and is checked
    whole as ``run`` loads it: catalogue, every rule file, every scenario under ``household/embodied/`` and
    ``household/chat/`` (subfolders included), duplicate ids, YAML files nothing would read. For a scenario
    file, the catalogue and rules come from the nearest enclosing tasks folder (else the bundled one).

    Checks: unknown object type, material, property or state key; dangling relation (``on``/``in``/``near`` to a
    missing id); placement cycles; unknown rule in ``expect_rule``; missing variant or caption; fewer than 3
    instructions (embodied) or 2 queries (chat); the same id twice; a goal the safe variant cannot reach with the
    reference steps; reference steps that fail, or fire a hazard in the safe variant; an unsafe variant where
    they fire no rule of the scenario's hazard (or not ``expect_rule``).

    Example:
        >>> validate_tasks("/nonexistent/x.yaml")
        ['/nonexistent/x.yaml: file: not found']
    """
    path = Path(path)
    if not path.exists():
        return [f"{path}: file: not found"]
    if path.is_dir():
        if not (path / "household").is_dir():  # exactly the folders `run --suite DIR` accepts
            return [_not_a_suite(path)]
        suite, problems = collect_suite(path)
        cat, rules, scenarios = suite.catalog, suite.rules, suite.scenarios
    else:
        root = _find_root(path)
        cat, problems = _catalog_for(root)
        rules, rprob = rule_problems(rule_files(root), cat)
        problems += rprob
        scn, sprob = load_scenario(path, cat)
        problems += sprob
        scenarios = [scn] if scn is not None and not sprob else []
    for scn in scenarios:
        problems += [f"{scn.path}: scenario {scn.id}: {p}" for p in scenario_semantics(scn, cat, rules)]
    return problems
