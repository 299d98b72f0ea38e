"""The examples in the data-layer docstrings run and give what they show."""

from __future__ import annotations

import doctest
from types import ModuleType

import pytest

from mssbench_embodied.data import episodes, images, mssbench, validation
from tests import mssbench_fixture


@pytest.mark.parametrize(
    "module", [validation, mssbench, episodes, images, mssbench_fixture], ids=lambda m: m.__name__
)
def test_docstring_examples(module: ModuleType) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
