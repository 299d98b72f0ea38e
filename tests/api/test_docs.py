"""The examples in the docstrings of the front doors (api, errors, registry, inspect tasks, export) and of the
runner modules the api stands on run and give what they show."""

from __future__ import annotations

import doctest
import importlib
import importlib.util

import pytest

MODULES = [
    "mssbench_embodied",
    "mssbench_embodied.api",
    "mssbench_embodied.api.evaluate",
    "mssbench_embodied.api.log",
    "mssbench_embodied.api.naming",
    "mssbench_embodied.data.errors",
    "mssbench_embodied.data.hub",
    "mssbench_embodied.registry",
    "mssbench_embodied.cli.export_cmd",
    "mssbench_embodied.cli.output",
    "mssbench_embodied.runner.runner",
    "mssbench_embodied.runner.merge",
]
NEEDS_INSPECT = [
    "mssbench_embodied.inspect_tasks",
    "mssbench_embodied.inspect_tasks.bank",
    "mssbench_embodied.inspect_tasks.scoring",
    "mssbench_embodied.inspect_tasks.tasks",
    "mssbench_embodied.report.inspect_export",
]
HAS_INSPECT = importlib.util.find_spec("inspect_ai") is not None


@pytest.mark.parametrize(
    "name",
    MODULES
    + [
        pytest.param(n, marks=pytest.mark.skipif(not HAS_INSPECT, reason="inspect-ai not installed"))
        for n in NEEDS_INSPECT
    ],
)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
