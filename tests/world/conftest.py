"""Shared helpers for the world tests: the bundled catalogue, the core rules, and tiny worlds built from dicts."""

from __future__ import annotations

import pytest

from mssbench_embodied.world.catalog import Catalog, load_catalog
from mssbench_embodied.world.rules import Rule, load_rules
from tests.world.helpers import TASKS


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(TASKS / "objects.yaml")


@pytest.fixture(scope="session")
def core_rules(catalog: Catalog) -> list[Rule]:
    return load_rules(sorted(TASKS.glob("rules/core_*.yaml")), catalog)
