"""The docstring examples of the judge modules run and hold."""

from __future__ import annotations

import doctest

import pytest

from mssbench_embodied.safety import (
    cascade,
    context,
    crosslingual,
    extract,
    features,
    language,
    lexicon,
    model,
    phrasebook,
    risk_lexicon,
    rulekit,
    rules,
)


@pytest.mark.parametrize(
    "module",
    [
        cascade,
        context,
        crosslingual,
        extract,
        features,
        language,
        lexicon,
        model,
        phrasebook,
        risk_lexicon,
        rulekit,
        rules,
    ],
    ids=lambda m: m.__name__,
)
def test_docstring_examples(module) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
