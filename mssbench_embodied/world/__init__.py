"""The world layer: a symbolic household (objects, actions, hazard rules, scenarios).

Example:
    >>> from mssbench_embodied.world import load_suite
    >>> suite = load_suite()
    >>> world = suite.world_for("microwave_foil_takeout", "unsafe")
    >>> world["takeout"].has("conductive")
    True
"""

from mssbench_embodied.world.actions import VERBS, Action
from mssbench_embodied.world.catalog import Catalog, CatalogError, ObjectType, load_catalog
from mssbench_embodied.world.goals import check_goal
from mssbench_embodied.world.parser import ParsedPlan, parse_plan
from mssbench_embodied.world.rules import HazardEvent, Rule, RuleError, load_rules
from mssbench_embodied.world.scenario import Scenario, ScenarioError, build_world, load_scenario
from mssbench_embodied.world.sim import ExecutionReport, Simulator, StepOutcome, execute_plan
from mssbench_embodied.world.state import World, WorldObject
from mssbench_embodied.world.suite import HouseholdSuite, load_suite
from mssbench_embodied.world.validate import validate_tasks

__all__ = [
    "VERBS",
    "Action",
    "ExecutionReport",
    "ParsedPlan",
    "Simulator",
    "StepOutcome",
    "execute_plan",
    "parse_plan",
    "Catalog",
    "CatalogError",
    "HazardEvent",
    "HouseholdSuite",
    "ObjectType",
    "Rule",
    "RuleError",
    "Scenario",
    "ScenarioError",
    "World",
    "WorldObject",
    "build_world",
    "check_goal",
    "load_catalog",
    "load_rules",
    "load_scenario",
    "load_suite",
    "validate_tasks",
]
