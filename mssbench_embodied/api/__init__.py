"""The api layer: :func:`evaluate` (Python front door) and :func:`run_config` (what ``mssbench-embodied run``
stands on), returning typed logs; summary and report files are written here, never by the runner.

Example:
    >>> from mssbench_embodied.api import evaluate
    >>> evaluate(policy="scripted:oracle", task="chat", limit=1).summary.avg
    1.0
"""

from mssbench_embodied.api.evaluate import (
    MSSBenchWarning,
    RunStopped,
    eval_log,
    evaluate,
    evaluate_async,
    merge,
    run_config,
)
from mssbench_embodied.api.log import EvalLog, RunStats, Summary, TaskSummary

__all__ = [
    "EvalLog",
    "MSSBenchWarning",
    "RunStats",
    "RunStopped",
    "Summary",
    "TaskSummary",
    "eval_log",
    "evaluate",
    "evaluate_async",
    "merge",
    "run_config",
]
