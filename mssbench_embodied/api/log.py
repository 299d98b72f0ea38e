"""What :func:`~mssbench_embodied.api.evaluate` returns: a typed :class:`EvalLog` of one evaluation.

An :class:`EvalLog` holds the configuration, one :class:`~mssbench_embodied.data.results.EpisodeResult` per episode
(the records of ``results.jsonl``, as dataclasses) and a :class:`Summary` (the numbers of ``summary.json``, typed,
with their 95% bootstrap intervals). ``to_pandas()`` gives one row per episode when pandas is installed.

Example:
    >>> summary = Summary.from_dict({"run": {"policy": "p"}, "intervals": {},
    ...     "overall": {"avg": 0.5, "avg_ci95": [0.25, 0.75], "n_episodes": 4, "errors": 0},
    ...     "tasks": {"chat": {"n_pairs": 2, "n_episodes": 4, "errors": 0, "safe_acc": 1.0, "unsafe_acc": 0.0,
    ...                        "avg": 0.5, "avg_ci95": [0.25, 0.75], "by_category": {}}}})
    >>> summary.avg, summary.tasks["chat"].avg_ci95, summary.tasks["chat"].n_pairs
    (0.5, (0.25, 0.75), 2)
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mssbench_embodied.data.results import EpisodeResult

if TYPE_CHECKING:
    import pandas as pd

    from mssbench_embodied.runner.config import RunConfig

Interval = tuple[float, float]

#: Keys of a task block that :class:`TaskSummary` types; the rest go to ``TaskSummary.metrics``.
_TASK_KEYS = ("n_pairs", "n_episodes", "errors", "unparsed", "safe_acc", "unsafe_acc", "avg")
_CI_KEYS = ("safe_acc_ci95", "unsafe_acc_ci95", "avg_ci95")


def _interval(value: Any) -> Interval | None:
    if (
        isinstance(value, (list, tuple))
        and len(value) == 2
        and all(isinstance(v, (int, float)) for v in value)
    ):
        return (float(value[0]), float(value[1]))
    return None


@dataclass(frozen=True)
class TaskSummary:
    """The scores of one task (or of one category within a task). Accuracies are fractions in [0, 1].

    Attributes:
        n_pairs, n_episodes: Pairs and episodes counted. errors: Episodes with no verdict (left out of accuracies).
        unparsed: Classification answers with no ``Answer: Yes/No`` (scored wrong).
        safe_acc, unsafe_acc, avg: Accuracy on safe / unsafe variants and their mean (``None`` without data).
        safe_acc_ci95, unsafe_acc_ci95, avg_ci95: 95% bootstrap intervals over pairs (``None`` without data).
        by_category: The same block per category (empty within a category).
        metrics: Every other number of the block (hazard_rate, judge_audit, unsafe_miss_rate, ...).
    """

    n_pairs: int
    n_episodes: int
    errors: int
    unparsed: int
    safe_acc: float | None
    unsafe_acc: float | None
    avg: float | None
    safe_acc_ci95: Interval | None = None
    unsafe_acc_ci95: Interval | None = None
    avg_ci95: Interval | None = None
    by_category: dict[str, TaskSummary] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, block: dict[str, Any]) -> TaskSummary:
        """A task block of ``summary.json`` (see :func:`mssbench_embodied.report.summary.summarize`)."""
        known = set(_TASK_KEYS) | set(_CI_KEYS) | {"by_category"}
        return cls(
            n_pairs=int(block.get("n_pairs", 0)),
            n_episodes=int(block.get("n_episodes", 0)),
            errors=int(block.get("errors", 0)),
            unparsed=int(block.get("unparsed", 0)),
            safe_acc=block.get("safe_acc"),
            unsafe_acc=block.get("unsafe_acc"),
            avg=block.get("avg"),
            safe_acc_ci95=_interval(block.get("safe_acc_ci95")),
            unsafe_acc_ci95=_interval(block.get("unsafe_acc_ci95")),
            avg_ci95=_interval(block.get("avg_ci95")),
            by_category={k: cls.from_dict(v) for k, v in (block.get("by_category") or {}).items()},
            metrics={k: v for k, v in block.items() if k not in known},
        )


@dataclass(frozen=True)
class Summary:
    """The scores of a run: per task, and overall (sample-weighted across tasks, as in the MSSBench paper).

    Attributes:
        tasks: ``{"chat"|"embodied": TaskSummary}`` in the paper's order.
        avg, avg_ci95: Overall average and its 95% interval. macro_avg: Plain mean of the task averages.
        n_episodes, errors: Episodes counted, and those that ended in an error.
        run: What was run (policy, judge, setting, source, costs); ``summary.json``'s ``run`` block.
        intervals: How the intervals were drawn (method, level, resamples, seed).
        raw: The whole ``summary.json`` dict, for anything not typed here.
    """

    tasks: dict[str, TaskSummary]
    avg: float | None
    avg_ci95: Interval | None
    macro_avg: float | None
    n_episodes: int
    errors: int
    run: dict[str, Any]
    intervals: dict[str, Any]
    raw: dict[str, Any] = field(repr=False, default_factory=dict)

    @classmethod
    def from_dict(cls, summary: dict[str, Any]) -> Summary:
        """Type a ``summary.json`` dict."""
        overall = summary.get("overall") or {}
        return cls(
            tasks={k: TaskSummary.from_dict(v) for k, v in (summary.get("tasks") or {}).items()},
            avg=overall.get("avg"),
            avg_ci95=_interval(overall.get("avg_ci95")),
            macro_avg=overall.get("macro_avg"),
            n_episodes=int(overall.get("n_episodes", 0)),
            errors=int(overall.get("errors", 0)),
            run=dict(summary.get("run") or {}),
            intervals=dict(summary.get("intervals") or {}),
            raw=summary,
        )

    def table(self) -> str:
        """The paper's table (safe / unsafe / avg per task, percent) as the terminal shows it."""
        from mssbench_embodied.report.summary import format_table

        return format_table(self.raw)


@dataclass(frozen=True)
class RunStats:
    """What one call did and cost.

    Attributes:
        planned: Episodes in the configuration (after ``limit`` and ``shard``). skipped: Already recorded in
            ``out`` before this call (resume). ran: Run by this call. new_errors: Of those, ended in an error.
        errors: Episodes whose latest record is an error.
        n_requests, prompt_tokens, completion_tokens: Model calls and tokens of this call (0: none reported).
        wall_s: Wall time of this call, seconds.
    """

    planned: int
    skipped: int
    ran: int
    new_errors: int
    errors: int
    n_requests: int
    prompt_tokens: int
    completion_tokens: int
    wall_s: float


@dataclass
class EvalLog:
    """The outcome of :func:`~mssbench_embodied.api.evaluate`: configuration, typed records and summary.

    Attributes:
        config: The run's configuration (``config.out`` is ``None`` when no files were written).
        records: One :class:`~mssbench_embodied.data.results.EpisodeResult` per planned episode.
        summary: The scores, typed (:class:`Summary`); ``summary.raw`` is the ``summary.json`` dict.
        stats: Counts and costs of this call (:class:`RunStats`).
        out_dir: The run folder when ``out`` was given, else ``None``.
        warnings: One-line warnings met on the way.
        data_revision: For ``data="hf:..."``, the dataset revision (commit) that was evaluated.
    """

    config: RunConfig
    records: list[EpisodeResult]
    summary: Summary
    stats: RunStats
    out_dir: Path | None = None
    warnings: list[str] = field(default_factory=list)
    data_revision: str | None = None

    @property
    def errors(self) -> list[EpisodeResult]:
        """Records that ended in an error (no answer or no verdict): recorded, excluded from accuracies."""
        return [r for r in self.records if r.error is not None]

    def to_pandas(self) -> pd.DataFrame:
        """One row per episode, a column per :class:`EpisodeResult` field (``extra`` kept as a dict column).

        Raises:
            ImportError: pandas is not installed (``pip install pandas``).

        Example:
            >>> import mssbench_embodied as mb
            >>> frame = mb.evaluate(policy="scripted:oracle", task="chat", limit=1).to_pandas()  # doctest: +SKIP
            >>> frame[["variant", "correct"]].values.tolist()  # doctest: +SKIP
            [['safe', True], ['unsafe', True]]
        """
        try:
            import pandas as pd
        except ImportError as exc:
            raise ImportError("EvalLog.to_pandas() needs pandas: pip install pandas") from exc
        columns = [f.name for f in dataclasses.fields(EpisodeResult)]
        return pd.DataFrame([r.to_dict() for r in self.records], columns=columns)


__all__ = ["EvalLog", "Interval", "RunStats", "Summary", "TaskSummary"]
