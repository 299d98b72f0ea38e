"""Run an evaluation: every episode of the chosen tasks through a policy and the one scorer.

:func:`run_evaluation` validates everything first (:func:`prepare_run`: options, output folder, data, judge and
policy specs, episode list) and raises :class:`~mssbench_embodied.runner.config.ConfigError` before any model is
called. It then runs the episodes that ``results.jsonl`` does not yet hold, ``concurrency`` at a time, appending
one record per finished episode, and returns the records of this configuration (the whole ledger's latest
ones). The runner never summarises or writes a report: the api layer (:mod:`mssbench_embodied.api`) does, so data
flows one way (runner below report).

Resume rules:

- An episode is skipped when the ledger already has a record with its resume key (episode, policy, setting,
  judge, prompt hash) and no error. Records that are errors are retried; the new record is appended and, being
  the latest for its key, replaces the old one in the summary.
- The summary covers the episodes of this configuration (ledger records of other episodes are kept, not counted).
- ``resume=False`` moves ``results.jsonl`` (and ``summary.json``) aside as ``*.bak-<timestamp>`` and starts over.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> out = Path(tempfile.mkdtemp())
    >>> outcome = run_evaluation_sync(RunConfig(task="embodied", limit=1, out=out, progress=False))
    >>> outcome.ran, outcome.exit_code, (out / "results.jsonl").exists(), len(outcome.records)
    (2, 0, True, 2)
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import signal
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mssbench_embodied.data.results import EpisodeResult
from mssbench_embodied.llm.retry import EndpointHalt
from mssbench_embodied.policies.base import Policy
from mssbench_embodied.runner.config import RUN_FILE, ConfigError, RunConfig
from mssbench_embodied.runner.episode import ask_policy, error_line, jsonable, run_episode, score_response
from mssbench_embodied.runner.folder import (
    RUN_FILE_NAMES,
    data_fingerprint,
    read_run_file,
    run_config_dict,
    write_run_file,
)
from mssbench_embodied.runner.interactive import is_interactive, run_interactive
from mssbench_embodied.runner.ledger import RESULTS_FILE, Ledger, read_ledger
from mssbench_embodied.runner.plan import PlannedEpisode, PreparedRun, Warn, prepare_run, stderr_warning
from mssbench_embodied.runner.prefetch import FramePrefetcher
from mssbench_embodied.runner.progress import Progress
from mssbench_embodied.safety.base import Judge


@dataclass
class RunOutcome:
    """What a run did.

    Attributes:
        out_dir: The output folder.
        summary: Empty from the runner; the api layer (:func:`mssbench_embodied.api.run_config`) fills it with the
            summary it writes to ``summary.json``.
        planned: Episodes in this configuration (after ``limit`` and ``shard``).
        skipped: Episodes already recorded before this invocation (not re-run).
        ran: Episodes run by this invocation.
        new_errors: Episodes of this invocation that ended in an error.
        errors: Episodes whose latest record is an error (what decides the exit code).
        n_requests: Policy model calls made by this invocation.
        prompt_tokens, completion_tokens: Tokens used by this invocation (0 when the backend reports none).
        wall_s: Wall time of this invocation, seconds.
        warnings: Warnings met on the way (also printed).
        records: The latest record of every planned episode that has one, in ledger order.
        run_info: What the summary's ``run`` block says about this run (policy, judge, source, wall time, ...).
    """

    out_dir: Path
    summary: dict[str, Any]
    planned: int
    skipped: int
    ran: int
    new_errors: int
    errors: int
    n_requests: int
    prompt_tokens: int
    completion_tokens: int
    wall_s: float
    warnings: list[str] = field(default_factory=list)
    records: list[EpisodeResult] = field(default_factory=list)
    run_info: dict[str, Any] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        """0 when every episode has a verdict, 1 when some ended in an error."""
        return 1 if self.errors else 0


def _run_info(prepared: PreparedRun, run_file: dict[str, Any]) -> dict[str, Any]:
    config = prepared.config
    info = {k: v for k, v in run_config_dict(config).items() if k in ("policy", "judge", "setting", "task")}
    info.update(
        source=getattr(prepared.source, "name", None),
        data=str(config.data) if config.data is not None else None,
        suite=run_file["config"]["suite"],
        renderer=config.renderer,
        labels=config.labels,
        limit=config.limit,
        seed=config.seed,
        shard=run_file["config"]["shard"],
        n_planned=len(prepared.planned),
    )
    worked = [i.get("wall_s") or 0.0 for i in run_file.get("invocations", []) if i.get("ran")]
    info["wall_s"] = round(sum(worked), 3)
    stats = getattr(prepared.judge, "stats", None)
    if callable(stats):  # a cascade judge: share escalated, LLM calls and tokens, offline-vs-LLM agreement
        info["judge_stats"] = stats()
    return info


def _start_run_file(prepared: PreparedRun) -> dict[str, Any]:
    from mssbench_embodied import __version__

    previous = read_run_file(prepared.out_dir) if prepared.config.resume else None
    invocations = list(previous.get("invocations", [])) if previous else []
    invocations.append(
        {
            "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "status": "running",
            "planned": len(prepared.planned),
            "to_run": len(prepared.todo),
        }
    )
    describe = getattr(prepared.source, "describe", None)
    data = {
        "version": __version__,
        "config": run_config_dict(prepared.config),
        "source": jsonable(describe()) if callable(describe) else None,
        "invocations": invocations,
        # What the data holds (resume and merge compare this, not the path it was given by).
        "data_fingerprint": data_fingerprint(prepared.config),
        # What this configuration covers: `merge` keeps only these records, as the summary does, so stale records
        # of an earlier configuration in a resumed folder (another --limit or --task) never reach a merged run.
        "planned_keys": [list(p.key) for p in prepared.planned],
    }
    write_run_file(prepared.out_dir, data)
    return data


class RunStopped(ConfigError):
    """The run stopped early because going on could not succeed (e.g. the endpoint refuses the API key).

    What ran is recorded (``outcome`` holds it, for the api layer to summarise); re-running the same command
    resumes once the cause is fixed.
    """

    outcome: RunOutcome | None = None


class RunTerminated(KeyboardInterrupt):
    """SIGTERM: handled like Ctrl-C (the run is marked interrupted, its records kept, the lock released)."""


#: Temporary files our atomic writers leave only when a write fails (removed after a failed write).
_TMP_FILES = tuple(f"{name}.tmp" for name in (*RUN_FILE_NAMES, RESULTS_FILE))


def _remove_temp_files(out: Path) -> None:
    for name in _TMP_FILES:
        with contextlib.suppress(OSError):
            (out / name).unlink(missing_ok=True)


#: Called with the outcome while the run still holds its folder's lock (the api layer writes the summary there).
Finish = Callable[[RunOutcome], None]


async def execute_run(prepared: PreparedRun, finish: Finish | None = None) -> RunOutcome:
    """Run the episodes still to do, append them to the ledger, then return the records of this configuration.

    The folder's lock (taken by :func:`prepare_run`) is released when this returns or raises, after ``finish``
    (if given) has seen the outcome, also the outcome of a stopped run.

    Raises:
        RunStopped: an endpoint halted the run (same refusal again and again, or unreachable); its ``outcome``
            holds the records, so the caller can still summarise them.
        ConfigError: the folder cannot be written (disk full, quota, read-only): one line; the records already
            written stay intact and no ``.tmp`` file is left.

    Example:
        >>> import asyncio, tempfile
        >>> cfg = RunConfig(task="chat", limit=1, out=Path(tempfile.mkdtemp()), progress=False)
        >>> asyncio.run(execute_run(prepare_run(cfg))).planned
        2
    """
    try:
        return await _execute(prepared, finish)
    except OSError as exc:
        _remove_temp_files(prepared.out_dir)
        where = exc.filename or prepared.out_dir
        hint = "free some space" if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG) else "fix that"
        raise ConfigError(
            f"--out {prepared.out_dir}: cannot write {where} ({exc.strerror or exc}); the records written so far "
            f"are kept: {hint} and re-run the same command to resume"
        ) from None
    finally:
        if prepared.lock is not None:
            prepared.lock.release()


async def _execute(prepared: PreparedRun, finish: Finish | None) -> RunOutcome:
    config = prepared.config
    run_file = _start_run_file(prepared)
    current = run_file["invocations"][-1]
    start = time.perf_counter()
    counts = {"ran": 0, "errors": 0, "requests": 0, "prompt": 0, "completion": 0}
    progress = Progress(
        len(prepared.planned), len(prepared.planned) - len(prepared.todo), enabled=config.progress
    )

    def finished(ledger: Ledger, record: EpisodeResult) -> None:
        ledger.append(record)
        counts["ran"] += 1
        counts["errors"] += record.error is not None
        counts["requests"] += record.calls
        counts["prompt"] += record.prompt_tokens or 0
        counts["completion"] += record.completion_tokens or 0
        progress.advance(error=record.error is not None)

    async def score(ledger: Ledger, planned: PlannedEpisode, record: EpisodeResult, response: Any) -> None:
        finished(ledger, await score_response(prepared, planned, record, response))

    async def worker(ledger: Ledger) -> None:
        # A reply is scored in its own task so that the worker's next request goes out first: replies arrive in
        # bursts, and scoring a burst inline kept every worker in it from sending until all were scored.
        scoring: set[asyncio.Future[None]] = set()
        try:
            for planned in pending:
                prefetcher.advance()
                record, response = await ask_policy(prepared, planned)
                if response is None:
                    finished(ledger, record)
                else:
                    scoring.add(asyncio.ensure_future(score(ledger, planned, record, response)))
                for done in [task for task in scoring if task.done()]:
                    scoring.discard(done)
                    done.result()  # a ledger write that failed stops the run now, not at the end
            await asyncio.gather(*scoring)
        except BaseException:
            for task in scoring:
                task.cancel()
            raise

    # Interactive episodes (--mode interactive) run step by step through their own executor.
    stepped = [p for p in prepared.todo if is_interactive(config, p.episode)]
    plain = [p for p in prepared.todo if not is_interactive(config, p.episode)]
    pending = iter(plain)
    # Frames of the next episodes are rendered and encoded while the ones in flight wait on the endpoint.
    prefetcher = FramePrefetcher(prepared.policy, [p.image for p in plain], window=2 * config.concurrency)
    n_plain = len(prepared.todo) - len(stepped)

    status = "interrupted"
    halt: EndpointHalt | None = None
    unwritten: OSError | None = None
    try:
        with Ledger(prepared.out_dir / RESULTS_FILE) as ledger, progress:
            if config.executor == "ray":
                # Plan-mode episodes go to Ray actors; their records stream back and are written here only.
                from mssbench_embodied.runner.ray_executor import run_on_ray

                on_ray = run_on_ray(prepared, list(pending), lambda r: finished(ledger, r))
                tasks = [asyncio.ensure_future(on_ray)]
            else:
                n_workers = min(config.concurrency, n_plain)
                tasks = [asyncio.ensure_future(worker(ledger)) for _ in range(n_workers)]
                tasks.append(asyncio.ensure_future(prefetcher.run()))
            if stepped:
                tasks.append(
                    asyncio.ensure_future(run_interactive(prepared, stepped, lambda r: finished(ledger, r)))
                )
            try:
                await asyncio.gather(*tasks)
            except BaseException:
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
                raise
        status = "finished"
    except EndpointHalt as exc:
        halt, status = exc, "stopped"
    finally:
        wall = time.perf_counter() - start
        current.update(
            status=status,
            finished_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            wall_s=round(wall, 3),
            ran=counts["ran"],
            errors=counts["errors"],
            n_requests=counts["requests"],
            prompt_tokens=counts["prompt"],
            completion_tokens=counts["completion"],
        )
        if halt is not None:
            current["stopped_because"] = str(halt)
        try:
            write_run_file(prepared.out_dir, run_file)
        except OSError as exc:  # never hide the error (or interrupt) already on its way out
            unwritten = exc
        await _close(prepared)
    if unwritten is not None:
        raise unwritten
    keys = {p.key for p in prepared.planned}
    latest: dict[tuple[str, ...], EpisodeResult] = {}
    for record in read_ledger(prepared.out_dir / RESULTS_FILE).records:
        if record.resume_key in keys:  # a retried episode: the latest record wins, at its latest place
            latest.pop(record.resume_key, None)
            latest[record.resume_key] = record
    records = list(latest.values())
    outcome = RunOutcome(
        out_dir=prepared.out_dir,
        summary={},
        planned=len(prepared.planned),
        skipped=len(prepared.planned) - len(prepared.todo),
        ran=counts["ran"],
        new_errors=counts["errors"],
        errors=sum(r.error is not None for r in records),
        n_requests=counts["requests"],
        prompt_tokens=counts["prompt"],
        completion_tokens=counts["completion"],
        wall_s=wall,
        warnings=list(prepared.warnings),
        records=records,
        run_info=_run_info(prepared, run_file),
    )
    if finish is not None:
        finish(outcome)
    if halt is not None:
        left = len(prepared.todo) - counts["ran"]
        stopped = RunStopped(
            f"stopped: {halt}. {counts['ran']} episode(s) ran ({counts['errors']} errors), {left} not run; "
            "fix that and re-run the same command to resume"
        )
        stopped.outcome = outcome
        raise stopped
    return outcome


async def _close(prepared: PreparedRun) -> None:
    for owner in (prepared.policy, prepared.judge):
        try:
            await owner.aclose()
        except Exception as exc:  # noqa: BLE001 - closing must not hide the run's outcome
            stderr_warning(f"closing {type(owner).__name__} failed: {error_line(exc)}")


async def run_evaluation(
    config: RunConfig,
    *,
    policy: Policy | None = None,
    judge: Judge | None = None,
    source: Any = None,
    warn: Warn = stderr_warning,
    finish: Finish | None = None,
) -> RunOutcome:
    """Validate, then run every episode of ``config`` not yet recorded in ``config.out``.

    Args:
        config: What to run (see :class:`~mssbench_embodied.runner.config.RunConfig`).
        policy, judge, source: Ready-made objects instead of building them from the specs in ``config``
            (records still name ``config.policy`` / ``config.judge``).
        warn: Receives one-line warnings (default: printed to stderr).
        finish: Called with the outcome before the folder's lock is released (see :func:`execute_run`).

    Raises:
        ConfigError: bad input or configuration, raised before any model call.

    Example:
        >>> import asyncio, tempfile
        >>> cfg = RunConfig(task="embodied", limit=2, policy="scripted:oracle", out=Path(tempfile.mkdtemp()),
        ...                 progress=False)
        >>> outcome = asyncio.run(run_evaluation(cfg))
        >>> all(r.correct for r in outcome.records), len(outcome.records)
        (True, 4)
    """
    prepared = prepare_run(config, policy=policy, judge=judge, source=source, warn=warn)
    return await execute_run(prepared, finish)


def run_evaluation_sync(config: RunConfig, **kwargs: Any) -> RunOutcome:
    """Blocking form of :func:`run_evaluation` (runs its own event loop).

    SIGTERM is handled like Ctrl-C: the run is cancelled cleanly (marked interrupted in ``run.json``, its records
    kept) and :class:`RunTerminated`, a ``KeyboardInterrupt``, is raised.

    Example:
        >>> import tempfile
        >>> cfg = RunConfig(task="chat", limit=1, out=Path(tempfile.mkdtemp()), progress=False)
        >>> len(run_evaluation_sync(cfg).records)
        2
    """
    return asyncio.run(_terminable(run_evaluation(config, **kwargs)))


async def _terminable(coro: Coroutine[Any, Any, RunOutcome]) -> RunOutcome:
    """Run ``coro``, turning SIGTERM into a clean cancellation followed by :class:`RunTerminated`."""
    loop = asyncio.get_running_loop()
    task = asyncio.current_task()
    terminated = []

    def on_term() -> None:
        terminated.append(True)
        if task is not None:
            task.cancel()

    try:
        loop.add_signal_handler(signal.SIGTERM, on_term)
    except (NotImplementedError, RuntimeError, ValueError):  # not the main thread, or Windows
        return await coro
    try:
        return await coro
    except asyncio.CancelledError:
        if terminated:
            raise RunTerminated() from None
        raise
    finally:
        loop.remove_signal_handler(signal.SIGTERM)


__all__ = [
    "RUN_FILE",
    "RunStopped",
    "RunTerminated",
    "PlannedEpisode",
    "PreparedRun",
    "RunOutcome",
    "error_line",
    "execute_run",
    "prepare_run",
    "run_episode",
    "run_evaluation",
    "run_evaluation_sync",
]
