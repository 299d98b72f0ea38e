"""The examples in the scoring layer's docstrings run."""

from __future__ import annotations

import doctest

import pytest

from mssbench_embodied.scoring import corpus, household, scorer, verdict


@pytest.mark.parametrize("module", [corpus, household, scorer, verdict], ids=lambda m: m.__name__)
def test_docstring_examples(module) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
