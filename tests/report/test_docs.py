"""The examples in the report-layer docstrings run and give what they show."""

from __future__ import annotations

import doctest
import importlib
from types import ModuleType

import pytest

MODULES = [
    importlib.import_module(f"mssbench_embodied.report.{name}")
    for name in (
        "summary",
        "metrics",
        "paper",
        "common",
        "charts",
        "tables",
        "figures",
        "thumbnails",
        "html",
        "markdown",
        "compare",
        "compare_formats",
        "paired",
    )
]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_docstring_examples(module: ModuleType) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
