"""mssbench-embodied: multimodal situational safety evaluation for embodied agents and chat assistants.

Importing the package registers the Gymnasium environments and the built-in policies and judges.
:func:`evaluate` runs an evaluation from Python and returns a typed :class:`EvalLog`; every error raised on
purpose derives from :class:`MSSBenchError` (bad input: :class:`ConfigError`).

Example:
    >>> import gymnasium as gym
    >>> import mssbench_embodied as mb
    >>> "MSSBench/EmbodiedPlan-v0" in gym.registry
    True
    >>> log = mb.evaluate(policy="scripted:oracle", task="embodied", limit=5)
    >>> log.summary.tasks["embodied"].avg, len(log.records), type(log.records[0]).__name__
    (1.0, 10, 'EpisodeResult')
"""

from __future__ import annotations

__version__ = "0.1.0"

import sys as _sys

try:
    from mssbench_embodied import policies as _policies  # noqa: F401  (registers policy kinds)
    from mssbench_embodied import safety as _safety  # noqa: F401  (registers judge kinds)
    from mssbench_embodied.data.errors import (
        ConfigError,
        DataError,
        JudgeError,
        MSSBenchError,
        PolicyError,
        SpecError,
    )
    from mssbench_embodied.envs.registration import register_envs as _register_envs

    _register_envs()
except KeyboardInterrupt:  # Ctrl-C while the package loads (the CLI's first ~0.3 s): one line, no traceback
    _sys.stderr.write("mssbench-embodied: interrupted while starting; nothing was run\n")
    raise SystemExit(130) from None

#: Names of the api layer, imported on first use (it pulls in the runner and the report).
_API = (
    "EvalLog",
    "MSSBenchWarning",
    "RunStats",
    "RunStopped",
    "Summary",
    "TaskSummary",
    "evaluate",
    "evaluate_async",
)


def __getattr__(name: str) -> object:
    if name in _API:
        from mssbench_embodied import api

        return getattr(api, name)
    raise AttributeError(f"module 'mssbench_embodied' has no attribute {name!r}")


__all__ = [
    "ConfigError",
    "DataError",
    "EvalLog",
    "JudgeError",
    "MSSBenchError",
    "MSSBenchWarning",
    "PolicyError",
    "RunStats",
    "RunStopped",
    "SpecError",
    "Summary",
    "TaskSummary",
    "__version__",
    "evaluate",
    "evaluate_async",
]
