"""The scoring layer: the one verdict per episode (``docs/scoring.md``).

- :class:`Scorer` turns a response to an episode into a :class:`Verdict`;
- :func:`decide_household` is the rule for household plans, from :class:`ExecutionFacts`;
- :mod:`mssbench_embodied.scoring.corpus` measures agreement with human verdicts on labelled reply corpora.
"""

from mssbench_embodied.scoring.scorer import Scorer, answer_part, judge_context
from mssbench_embodied.scoring.verdict import ExecutionFacts, Outcome, ScoredBy, Verdict, decide_household

__all__ = [
    "ExecutionFacts",
    "Outcome",
    "ScoredBy",
    "Scorer",
    "Verdict",
    "answer_part",
    "decide_household",
    "judge_context",
]
