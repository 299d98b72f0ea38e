"""Combine the output folders of ``run --shard I/N`` into one run folder.

The merged folder holds every shard's records (the latest per resume key) and a ``run.json`` naming the shards;
:func:`merge_runs` returns those records, and the api layer (:func:`mssbench_embodied.api.merge`, what ``merge``
stands on) writes ``summary.json`` and ``report.html`` from them exactly as an unsharded run does, so its tasks,
categories and overall figures equal those of the same configuration run in one go. ``run`` over the merged folder
(same options, no ``--shard``) then finds nothing left to do. The runner never imports the report layer.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from mssbench_embodied.runner.config import RunConfig
    >>> from mssbench_embodied.runner.runner import run_evaluation_sync
    >>> root = Path(tempfile.mkdtemp())
    >>> for i in (1, 2):
    ...     _ = run_evaluation_sync(RunConfig(task="embodied", limit=3, shard=f"{i}/2", out=root / f"s{i}",
    ...                                       progress=False))
    >>> merged = merge_runs([root / "s1", root / "s2"], root / "all", warn=lambda m: None)
    >>> len(merged.records), merged.run_info["n_planned"]
    (6, 6)
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mssbench_embodied.data.results import EpisodeResult
from mssbench_embodied.runner.config import SUMMARY_FILE, ConfigError
from mssbench_embodied.runner.folder import check_out_dir, make_out_dir, read_run_file, write_run_file
from mssbench_embodied.runner.ledger import RESULTS_FILE, latest_by_key, read_ledger, write_records
from mssbench_embodied.runner.lock import RunLock
from mssbench_embodied.runner.shard import parse_shard

#: Config keys every shard of one run shares.
SHARED_KEYS: tuple[str, ...] = (
    "suite",
    "task",
    "setting",
    "policy",
    "judge",
    "renderer",
    "labels",
    "limit",
    "seed",
)


@dataclass
class MergeOutcome:
    """What :func:`merge_runs` wrote.

    Attributes:
        out_dir: The merged folder.
        summary: Its summary: empty from the runner, filled by the api layer's ``finish`` (which writes it).
        n_records: Records written to its ``results.jsonl``.
        shards: The shard of each input folder (``None`` for an unsharded one), in input order.
        warnings: Warnings (missing or repeated shards, unfinished shards, unreadable lines).
        partial: One line per gap (a missing shard, a shard not run to the end): the merged run is not whole.
        records: The merged records (the latest per resume key).
        run_info: What the summary's ``run`` block says about the merged run.
    """

    out_dir: Path
    summary: dict[str, Any]
    n_records: int
    shards: list[str | None]
    warnings: list[str] = field(default_factory=list)
    partial: list[str] = field(default_factory=list)
    records: list[EpisodeResult] = field(default_factory=list)
    run_info: dict[str, Any] = field(default_factory=dict)


def _read_shard(folder: Path) -> dict[str, Any]:
    run = read_run_file(folder)
    if run is None or not isinstance(run.get("config"), dict):
        raise ConfigError(
            f"{folder}: not a run folder (no readable run.json); pass the --out folders of `run --shard`"
        )
    return run


def _check_same(runs: Sequence[dict[str, Any]], folders: Sequence[Path]) -> None:
    first = runs[0]["config"]
    for run, folder in zip(runs[1:], folders[1:], strict=False):
        # The data is identified by its content fingerprint, not by the path it was given by (relative and
        # absolute spellings, or copies on other machines, are one dataset; data edited in place is not).
        mine, theirs = run.get("data_fingerprint"), runs[0].get("data_fingerprint")
        if mine is not None and theirs is not None:
            if mine != theirs:
                raise ConfigError(
                    f"{folder}: ran on other data than {folders[0]} (content fingerprint {mine} vs {theirs}; "
                    "was the data edited between the shards?); re-run the shards on the same data"
                )
        elif run["config"].get("data") != first.get("data"):  # runs from before fingerprints
            raise ConfigError(
                f"{folder}: data {run['config'].get('data')!r} differs from {folders[0]} ({first.get('data')!r}); "
                "merge only the shards of one run"
            )
        for key in SHARED_KEYS:
            if run["config"].get(key) != first.get(key):
                raise ConfigError(
                    f"{folder}: {key} {run['config'].get(key)!r} differs from {folders[0]} ({first.get(key)!r}); "
                    "merge only the shards of one run"
                )


def _shard_warnings(shards: list[str | None]) -> tuple[list[str], list[str]]:
    """(warnings, gaps): repeated shards are a warning, missing ones a gap that makes the merge partial."""
    specs = [parse_shard(s) for s in shards if s]
    if not specs:
        return [], []
    counts = {s.count for s in specs}
    if len(counts) > 1 or len(specs) != len(shards):
        raise ConfigError(f"shards {shards}: all folders must come from one --shard I/N split (same N)")
    count = counts.pop()
    buckets = [s.bucket for s in specs]
    out = []
    repeated = sorted({str(s) for s in specs if buckets.count(s.bucket) > 1})
    if repeated:
        out.append(
            f"shard(s) {', '.join(repeated)} given more than once; the latest record of each episode is kept"
        )
    missing = [f"{b or count}/{count}" for b in range(count) if b not in buckets]
    gaps = []
    if missing:
        gaps.append(f"missing shard(s) {', '.join(missing)}: the merged summary covers only part of the run")
    return out, gaps


def _planned(folder: Path) -> int | None:
    try:
        summary = json.loads((folder / SUMMARY_FILE).read_text(encoding="utf-8"))
        return int(summary["run"]["n_planned"])
    except (OSError, ValueError, KeyError, TypeError):
        keys = (read_run_file(folder) or {}).get("planned_keys")  # a shard whose summary was never written
        return len(keys) if isinstance(keys, list) else None


#: Called with the merged outcome while ``out`` is still locked (the api layer writes summary and report there).
Finish = Callable[[MergeOutcome], None]


def merge_runs(
    shard_dirs: Sequence[Path],
    out: Path,
    *,
    warn: Callable[[str], None] | None = None,
    finish: Finish | None = None,
) -> MergeOutcome:
    """Merge shard folders into ``out`` (a new or empty folder).

    Args:
        shard_dirs: The ``--out`` folders of ``run --shard I/N`` (same configuration, any order).
        out: Where to write the merged ``results.jsonl`` and ``run.json`` (``finish`` may add more).
        warn: Receives one-line warnings (default: ignored; the CLI prints them).
        finish: Called with the outcome before ``out``'s lock is released.

    Raises:
        ConfigError: a folder is not a run, the shards come from different configurations or splits, or ``out``
            already holds results or is one of the shards.
    """
    warnings: list[str] = []

    def note(message: str) -> None:
        warnings.append(message)
        if warn is not None:
            warn(message)

    folders = [Path(d) for d in shard_dirs]
    if not folders:
        raise ConfigError("merge: give at least one shard folder")
    out = Path(out)
    for folder in folders:
        if not folder.is_dir():
            raise ConfigError(f"{folder}: no such folder; pass the --out folders of `run --shard`")
        if folder.resolve() == out.resolve():
            raise ConfigError(f"--out {out}: is one of the shard folders; merge into a new folder")
    # Shared locks: a shard still being written by a live run is refused, and none starts while we read.
    locks = [RunLock.read(folder, flag="SHARD_DIR") for folder in folders]
    try:
        return _merge_locked(folders, out, note, warnings, finish)
    finally:
        for lock in locks:
            if lock is not None:
                lock.release()


def _merge_locked(
    folders: list[Path], out: Path, note: Callable[[str], None], warnings: list[str], finish: Finish | None
) -> MergeOutcome:
    runs = [_read_shard(folder) for folder in folders]
    _check_same(runs, folders)
    shards = [run["config"].get("shard") for run in runs]
    repeated, partial = _shard_warnings(shards)
    for line in repeated + partial:
        note(line)
    if (out / RESULTS_FILE).exists() and (out / RESULTS_FILE).stat().st_size > 0:
        raise ConfigError(f"--out {out}: already holds results.jsonl; merge into a new or empty folder")
    check_out_dir(out)
    make_out_dir(out)
    with RunLock.acquire(out):
        outcome = _write_merged(folders, runs, out, note, warnings, shards, partial)
        if finish is not None:
            finish(outcome)
        return outcome


def _write_merged(
    folders: list[Path],
    runs: list[dict[str, Any]],
    out: Path,
    note: Callable[[str], None],
    warnings: list[str],
    shards: list[str | None],
    partial: list[str],
) -> MergeOutcome:
    records = []
    invocations: list[dict[str, Any]] = []
    n_planned = 0
    for folder, run in zip(folders, runs, strict=False):
        contents = read_ledger(folder / RESULTS_FILE)
        for line in contents.warnings:
            note(line)
        shard_records = contents.records
        planned_keys = run.get("planned_keys")
        if planned_keys is None:
            note(
                f"{folder}: run.json lists no planned episodes (an older run); all of its records are merged"
            )
        else:
            wanted = {tuple(key) for key in planned_keys}
            shard_records = [r for r in shard_records if r.resume_key in wanted]
        latest = latest_by_key(shard_records)
        records += shard_records
        last = (run.get("invocations") or [{}])[-1]
        planned = _planned(folder)
        n_planned += planned or 0
        ok = sum(r.error is None for r in latest.values())
        if last.get("status") != "finished" or (planned is not None and ok < planned):
            gap = f"{folder}: shard not complete ({ok} of {planned or '?'} episodes scored); re-run it to finish"
            note(gap)
            if last.get("status") != "finished":  # episodes never run (errors are counted in the summary)
                partial.append(gap)
        invocations += [{**inv, "shard": run["config"].get("shard")} for inv in run.get("invocations", [])]
    merged = list(latest_by_key(records).values())
    n_records = write_records(out / RESULTS_FILE, merged)
    from mssbench_embodied.runner.interactive import copy_frames

    # Interactive episodes' filmstrip frames live beside their shard's ledger: bring them along.
    copy_frames(folders, out, merged)

    config = {**runs[0]["config"], "shard": None, "out": str(out)}
    run_file = {
        **runs[0],
        "config": config,
        "merged_from": [str(f) for f in folders],
        "invocations": invocations,
        "planned_keys": [list(r.resume_key) for r in merged],
    }
    write_run_file(out, run_file)
    info = {k: config.get(k) for k in ("policy", "judge", "setting", "task")}
    info.update(
        source=_source_name(folders),
        data=config.get("data"),
        suite=config.get("suite"),
        renderer=config.get("renderer"),
        labels=config.get("labels"),
        limit=config.get("limit"),
        seed=config.get("seed"),
        shard=None,
        n_planned=n_planned,
        wall_s=round(sum(i.get("wall_s") or 0.0 for i in invocations if i.get("ran")), 3),
    )
    return MergeOutcome(out, {}, n_records, shards, warnings, partial, merged, info)


def _source_name(folders: Sequence[Path]) -> str | None:
    for folder in folders:
        try:
            name = json.loads((folder / SUMMARY_FILE).read_text(encoding="utf-8"))["run"]["source"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        return str(name) if name is not None else None
    return None
