"""Agreement of the one scorer with human verdicts on the shipped reply corpora (scoring/corpora/README.md).

The dev corpus was used while fixing the plan reader, so its figure is a regression guard, not a measure of
generalisation; the blind corpus was measured once, at the end of the change that introduced the scorer, and its
threshold holds that figure (0.965 when measured; it is never tuned on).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mssbench_embodied.registry import create_judge
from mssbench_embodied.scoring.corpus import CORPORA_DIR, load_corpus, score_corpus
from mssbench_embodied.world import load_suite

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "tasks"


@pytest.fixture(scope="module")
def suites():
    return [load_suite(), load_suite(EXAMPLES)]


@pytest.mark.parametrize(
    ("name", "minimum"), [("plan_replies_dev.jsonl", 0.98), ("plan_replies_blind.jsonl", 0.95)]
)
def test_scorer_agrees_with_human_verdicts(suites, name: str, minimum: float) -> None:
    scored = score_corpus(load_corpus(CORPORA_DIR / name), create_judge("rules"), suites)
    assert len(scored.rows) >= 300
    print(f"{name}: agreement {scored.agreement:.3f} by variant {scored.by('variant')}")
    assert scored.agreement >= minimum
