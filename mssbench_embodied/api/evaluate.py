"""The Python front door: :func:`evaluate` runs an evaluation and returns a typed :class:`EvalLog`.

:func:`run_config` is the layer the command line's ``run`` stands on: it runs a
:class:`~mssbench_embodied.runner.config.RunConfig` through the runner and then, while the run still holds its
folder's lock, summarises the records and writes ``summary.json``, ``report.html`` and ``report.md`` (the runner
never imports the report layer). :func:`evaluate` builds the configuration from keyword arguments, names bad ones
as the caller spelled them (``limit=0``, not ``--limit 0``), and writes files only when ``out`` is given.

Example:
    >>> import mssbench_embodied as mb
    >>> log = mb.evaluate(policy="scripted:oracle", task="embodied", limit=2)
    >>> log.summary.tasks["embodied"].avg, len(log.records), log.out_dir is None
    (1.0, 4, True)
    >>> sorted({r.variant for r in log.records})
    ['safe', 'unsafe']
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import tempfile
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from mssbench_embodied.api.log import EvalLog, RunStats, Summary
from mssbench_embodied.api.naming import for_python, python_message
from mssbench_embodied.data.errors import ConfigError
from mssbench_embodied.data.settings import Setting
from mssbench_embodied.policies.base import Policy
from mssbench_embodied.registry import setting_name
from mssbench_embodied.report.html import write_report
from mssbench_embodied.report.summary import summarize, write_summary
from mssbench_embodied.runner.config import RunConfig
from mssbench_embodied.runner.merge import MergeOutcome, merge_runs
from mssbench_embodied.runner.runner import RunOutcome, RunStopped, run_evaluation, run_evaluation_sync
from mssbench_embodied.safety.base import Judge


class MSSBenchWarning(UserWarning):
    """A warning from an evaluation (a skipped item, a batch size above the concurrency, ...)."""


def _finisher(write_files: bool) -> Callable[[RunOutcome], None]:
    def finish(outcome: RunOutcome) -> None:
        if write_files:
            outcome.summary = write_summary(outcome.out_dir, outcome.records, outcome.run_info)
            write_report(outcome.out_dir, outcome.records, outcome.summary)
        else:
            outcome.summary = summarize(outcome.records, outcome.run_info)

    return finish


def run_config(config: RunConfig, *, write_files: bool = True, **kwargs: Any) -> RunOutcome:
    """Run ``config`` (blocking) and summarise it: the runner's outcome with ``summary`` filled in.

    With ``write_files`` (the default) the summary and the report are written into ``config.out`` before the run
    lets go of the folder. Keyword arguments (``policy``, ``judge``, ``source``, ``warn``) go to the runner.

    Raises:
        ConfigError: bad input or configuration (before any model call); a stopped run's
            :class:`~mssbench_embodied.runner.runner.RunStopped` after its summary is written.

    Example:
        >>> import tempfile
        >>> out = Path(tempfile.mkdtemp())
        >>> outcome = run_config(RunConfig(task="chat", limit=1, out=out, progress=False))
        >>> outcome.summary["tasks"]["chat"]["n_pairs"], (out / "summary.json").is_file()
        (1, True)
    """
    return run_evaluation_sync(config, finish=_finisher(write_files), **kwargs)


def merge(
    shard_dirs: Sequence[Path | str], out: Path | str, *, warn: Callable[[str], None] | None = None
) -> MergeOutcome:
    """Merge the folders of ``run --shard I/N`` into ``out`` and write its summary and report (what ``merge``
    stands on); the outcome's ``summary`` equals that of the same configuration run unsharded.

    Raises:
        ConfigError: folders of different runs or splits, or an ``out`` that holds results.

    Example:
        >>> import tempfile
        >>> root = Path(tempfile.mkdtemp())
        >>> for i in (1, 2):
        ...     _ = run_config(RunConfig(task="chat", limit=2, shard=f"{i}/2", out=root / f"s{i}", progress=False))
        >>> merge([root / "s1", root / "s2"], root / "all").summary["tasks"]["chat"]["n_pairs"]
        2
    """

    def finish(outcome: MergeOutcome) -> None:
        outcome.summary = write_summary(outcome.out_dir, outcome.records, outcome.run_info)
        write_report(outcome.out_dir, outcome.records, outcome.summary)

    return merge_runs([Path(d) for d in shard_dirs], Path(out), warn=warn, finish=finish)


def _stats(outcome: RunOutcome) -> RunStats:
    return RunStats(
        planned=outcome.planned,
        skipped=outcome.skipped,
        ran=outcome.ran,
        new_errors=outcome.new_errors,
        errors=outcome.errors,
        n_requests=outcome.n_requests,
        prompt_tokens=outcome.prompt_tokens,
        completion_tokens=outcome.completion_tokens,
        wall_s=outcome.wall_s,
    )


def eval_log(config: RunConfig, outcome: RunOutcome, out: Path | None) -> EvalLog:
    """The :class:`EvalLog` of a finished (summarised) run; ``out`` is ``None`` when no files were kept."""
    kept = dataclasses.replace(config, out=out)
    revision = config.data_revision
    return EvalLog(
        config=kept,
        records=list(outcome.records),
        summary=Summary.from_dict(outcome.summary),
        stats=_stats(outcome),
        out_dir=out,
        warnings=list(outcome.warnings),
        data_revision=revision if isinstance(revision, str) else None,
    )


def _python_warning(message: str) -> None:
    warnings.warn(python_message(message), MSSBenchWarning, stacklevel=2)


def _make_config(
    options: dict[str, Any], policy: str | Policy, judge: str | Judge
) -> tuple[RunConfig, dict[str, Any]]:
    fields = {f.name for f in dataclasses.fields(RunConfig)}
    unknown = sorted(set(options) - fields)
    if unknown:
        allowed = ", ".join(sorted(fields - {"policy_options", "judge_options"}))
        raise ConfigError(f"evaluate(): unknown option(s) {', '.join(unknown)}; use one of {allowed}")
    ready: dict[str, Any] = {}
    if isinstance(policy, Policy):
        ready["policy"], options["policy"] = policy, policy.name
    elif isinstance(policy, str):
        options["policy"] = policy
    else:
        raise ConfigError(f"policy={policy!r}: give a spec such as 'scripted:comply' or a Policy object")
    if isinstance(judge, Judge):
        ready["judge"], options["judge"] = judge, getattr(judge, "name", type(judge).__name__)
    elif isinstance(judge, str):
        options["judge"] = judge
    else:
        raise ConfigError(f"judge={judge!r}: give a spec such as 'rules' or a Judge object")
    return RunConfig(**options), ready


async def evaluate_async(
    policy: str | Policy = "scripted:comply",
    task: str = "all",
    setting: str | Setting = "if",
    judge: str | Judge = "rules",
    data: str | Path | None = None,
    suite: str | Path | None = None,
    mode: str = "plan",
    limit: int | None = None,
    out: str | Path | None = None,
    **options: Any,
) -> EvalLog:
    """The awaitable form of :func:`evaluate` (same arguments), for code already inside an event loop.

    Example:
        >>> import asyncio
        >>> log = asyncio.run(evaluate_async(policy="scripted:refuse", task="chat", limit=1))
        >>> log.summary.tasks["chat"].safe_acc, log.summary.tasks["chat"].unsafe_acc
        (0.0, 1.0)
    """
    try:
        setting = setting_name(setting)
    except ConfigError as exc:
        raise for_python(exc) from None
    options.update(task=task, setting=setting, mode=mode, limit=limit)
    options.setdefault("progress", False)
    if data is not None:
        options["data"] = Path(data) if not str(data).startswith("hf:") else data
    if suite is not None:
        options["suite"] = str(suite)
    try:
        config, ready = _make_config(options, policy, judge)
        with tempfile.TemporaryDirectory(prefix="mssbench-eval-") as scratch:
            # Without out=, the runner's ledger and lock live in a scratch folder removed before returning.
            config.out = Path(out) if out is not None else Path(scratch) / "run"
            outcome = await run_evaluation(
                config, warn=_python_warning, finish=_finisher(out is not None), **ready
            )
    except ConfigError as exc:
        raise for_python(exc) from None
    return eval_log(config, outcome, Path(out) if out is not None else None)


def evaluate(
    policy: str | Policy = "scripted:comply",
    task: str = "all",
    setting: str | Setting = "if",
    judge: str | Judge = "rules",
    data: str | Path | None = None,
    suite: str | Path | None = None,
    mode: str = "plan",
    limit: int | None = None,
    out: str | Path | None = None,
    **options: Any,
) -> EvalLog:
    """Evaluate a policy on MSSBench data or the household suite; returns an :class:`EvalLog`.

    Works in scripts and in notebooks (inside a running event loop it runs on a worker thread).

    Args:
        policy: A spec (``"scripted:oracle"``, ``"openai:gpt-4o"``, ``"hf:<model>"``, a preset name, or a plug-in
            kind) or a ready :class:`~mssbench_embodied.policies.base.Policy`.
        task: ``"embodied"``, ``"chat"`` or ``"all"``.
        setting: ``if``, ``qc``, ``ic``, ``ic_selfcap``, ``ic_gtcap``, ``cot``, the name of a setting from an
            installed plug-in or :func:`~mssbench_embodied.registry.register_setting`, or a
            :class:`~mssbench_embodied.data.settings.Setting` (registered under its name for this process).
        judge: ``"rules"``, ``"openai:<model>"``, ``"rules+openai:<model>"`` or a ready judge.
        data: An MSSBench folder, or ``"hf:<repo>[@revision]"``; ``None`` runs the household suite.
        suite: ``"household"`` (built in) or a folder laid out like ``tasks/`` (when ``data`` is ``None``).
        mode: ``"plan"`` (one reply per episode) or ``"interactive"`` (where this version supports it).
        limit: The first ``limit`` pairs of each task.
        out: A run folder to write (``results.jsonl``, ``summary.json``, ``report.html``, ``run.json``), or
            ``None`` to write nothing. An existing run folder of the same configuration is resumed.
        **options: Any other :class:`~mssbench_embodied.runner.config.RunConfig` field (``concurrency``,
            ``seed``, ``base_url``, ``request_timeout``, ``renderer``, ``labels``, ``shard``, ...).

    Returns:
        The typed log: ``.records`` (one :class:`~mssbench_embodied.data.results.EpisodeResult` per episode),
        ``.summary`` (accuracies with 95% intervals), ``.stats``, ``.to_pandas()``.

    Raises:
        ConfigError: bad input or configuration, named as passed here (``limit=0: ...``); nothing was run.
        RunStopped: an endpoint halted the run (e.g. it refuses the API key); what ran is in ``out``.

    Example:
        >>> import mssbench_embodied as mb
        >>> log = mb.evaluate(policy="scripted:comply", task="chat", limit=3)
        >>> chat = log.summary.tasks["chat"]
        >>> chat.safe_acc, chat.unsafe_acc, chat.avg_ci95
        (1.0, 0.0, (0.5, 0.5))
        >>> try:
        ...     mb.evaluate(limit=0)
        ... except mb.ConfigError as err:
        ...     print(err)
        limit=0: must be greater than 0
    """
    coro = evaluate_async(policy, task, setting, judge, data, suite, mode, limit, out, **options)
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:  # a notebook's loop is running here
        return pool.submit(asyncio.run, coro).result()


__all__ = ["MSSBenchWarning", "RunStopped", "eval_log", "evaluate", "evaluate_async", "merge", "run_config"]
