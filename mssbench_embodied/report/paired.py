"""Paired comparison of two runs over the episodes both scored: McNemar's exact test and the episodes that flipped.

Two runs on the same episodes are paired data: intervals drawn per run ignore that, and overlap says little. Of the
episodes both runs scored (same episode id, neither an error), only the discordant ones carry evidence: ``b`` right
in the first run and wrong in the second (*broke*), ``c`` wrong then right (*fixed*). Under "no difference" each
discordant episode is a fair coin, so the two-sided exact McNemar p-value is ``P(X <= min(b, c))`` doubled for
``X ~ Binomial(b + c, 1/2)`` (capped at 1).

Example:
    >>> mcnemar_exact(0, 10)
    0.001953125
    >>> mcnemar_exact(5, 5), mcnemar_exact(0, 0)
    (1.0, 1.0)
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from mssbench_embodied.data.results import EpisodeResult

RESULTS_FILE = "results.jsonl"


def mcnemar_exact(b: int, c: int) -> float:
    """Two-sided exact McNemar p-value for ``b`` and ``c`` discordant episodes (log-space: exact for any size)."""
    n, k = b + c, min(b, c)
    if n == 0:
        return 1.0
    log_half_n = -n * math.log(2.0)
    terms = [
        math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1) + log_half_n for i in range(k + 1)
    ]
    top = max(terms)
    tail = math.exp(top) * sum(math.exp(t - top) for t in terms)
    return min(1.0, 2.0 * tail)


@dataclass(frozen=True)
class Flip:
    """One episode scored differently by two runs.

    Attributes:
        episode_id, task, variant, category: The episode. direction: ``"fixed"`` (wrong in the first run, right in
            the second) or ``"broke"`` (right, then wrong). first, second: The two replies.
    """

    episode_id: str
    task: str
    variant: str
    category: str
    direction: str
    first: str | None
    second: str | None


@dataclass
class PairedTest:
    """McNemar's test of one run against the baseline over their shared scored episodes.

    Attributes:
        baseline, other: Run names. shared: Episodes both runs scored. both_right, both_wrong: Concordant counts.
        broke: Right in the baseline, wrong in ``other``. fixed: Wrong in the baseline, right in ``other``.
        p_value: Two-sided exact McNemar p-value. flips: The discordant episodes, in episode order.
        only_baseline, only_other: Episodes only one of the runs scored (not in the test).
    """

    baseline: str
    other: str
    shared: int
    both_right: int
    both_wrong: int
    broke: int
    fixed: int
    p_value: float
    only_baseline: int
    only_other: int
    flips: list[Flip] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return asdict(self)


def load_scored(run_dir: Path) -> dict[str, EpisodeResult]:
    """The latest scored (non-error) record of each episode in ``run_dir/results.jsonl``, by episode id.

    A folder without a ledger gives ``{}`` (a summary-only folder still compares by its intervals).
    """
    latest: dict[str, EpisodeResult] = {}
    path = Path(run_dir) / RESULTS_FILE
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            try:
                record = EpisodeResult.from_dict(json.loads(line))
            except (ValueError, TypeError):
                continue  # a line cut by a kill
            latest[record.episode_id] = record
    return {k: r for k, r in latest.items() if r.error is None and r.correct is not None}


def paired_test(
    baseline: tuple[str, dict[str, EpisodeResult]], other: tuple[str, dict[str, EpisodeResult]]
) -> PairedTest:
    """McNemar's test and the flipped episodes of ``other`` against ``baseline`` (``(name, records by id)``).

    Example:
        >>> def rec(i, ok):
        ...     return EpisodeResult(f"e{i}", "p", "c", "chat", "safe", "x", "if", "s", "p", "rules", "h", "r",
        ...                          correct=ok)
        >>> t = paired_test(("a", {f"e{i}": rec(i, True) for i in range(12)}),
        ...                 ("b", {f"e{i}": rec(i, i < 2) for i in range(12)}))
        >>> t.shared, t.broke, t.fixed, round(t.p_value, 4), t.flips[0].direction
        (12, 10, 0, 0.002, 'broke')
    """
    (name_a, runs_a), (name_b, runs_b) = baseline, other
    shared = sorted(set(runs_a) & set(runs_b))
    counts = {"both_right": 0, "both_wrong": 0, "broke": 0, "fixed": 0}
    flips = []
    for episode_id in shared:
        a, b = runs_a[episode_id], runs_b[episode_id]
        if bool(a.correct) == bool(b.correct):
            counts["both_right" if a.correct else "both_wrong"] += 1
            continue
        direction = "broke" if a.correct else "fixed"
        counts[direction] += 1
        flips.append(Flip(episode_id, a.task, a.variant, a.category, direction, a.response, b.response))
    return PairedTest(
        baseline=name_a,
        other=name_b,
        shared=len(shared),
        p_value=mcnemar_exact(counts["broke"], counts["fixed"]),
        only_baseline=len(set(runs_a) - set(runs_b)),
        only_other=len(set(runs_b) - set(runs_a)),
        flips=flips,
        **counts,
    )


def paired_tests(names: Sequence[str], dirs: Sequence[Path]) -> list[PairedTest]:
    """Each run after the first tested against the first (the baseline), from their ledgers."""
    if len(dirs) < 2:
        return []
    scored = [load_scored(d) for d in dirs]
    return [paired_test((names[0], scored[0]), (names[i], scored[i])) for i in range(1, len(dirs))]


def format_p(p: float) -> str:
    """A p-value for tables: 3 significant digits, ``<1e-6`` below that.

    Example:
        >>> format_p(0.0123456), format_p(1e-9), format_p(1.0)
        ('0.0123', '<1e-6', '1')
    """
    return "<1e-6" if p < 1e-6 else f"{p:.3g}"


__all__ = ["Flip", "PairedTest", "format_p", "load_scored", "mcnemar_exact", "paired_test", "paired_tests"]
