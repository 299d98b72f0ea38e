"""``run``, ``merge`` and ``compare``: the subcommands that produce or read run folders.

Example:
    >>> import tempfile
    >>> from mssbench_embodied.cli.main import main
    >>> out = tempfile.mkdtemp()
    >>> main(["run", "--task", "embodied", "--limit", "1", "--out", out]) == 0  # doctest: +ELLIPSIS
    episodes: ...
    True
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path
from typing import Any

from mssbench_embodied.report.summary import format_comparison, format_table, load_summary
from mssbench_embodied.runner.config import ConfigError, RunConfig
from mssbench_embodied.runner.runner import RunOutcome


def config_from_args(args: argparse.Namespace) -> RunConfig:
    """A :class:`RunConfig` from parsed ``run`` arguments.

    Example:
        >>> from mssbench_embodied.cli.main import build_parser
        >>> cfg = config_from_args(build_parser().parse_args(["run", "--setting", "qc", "--limit", "3"]))
        >>> cfg.setting, cfg.limit, cfg.policy, cfg.resume
        ('qc', 3, 'scripted:comply', True)
    """
    use_thor_executable(args)
    return RunConfig(
        data=Path(args.data) if args.data else None,
        suite=args.suite,
        task=args.task,
        setting=args.setting,
        policy=args.policy,
        judge=args.judge,
        renderer=args.renderer,
        labels=args.labels,
        out=Path(args.out) if args.out else None,
        concurrency=args.concurrency,
        limit=args.limit,
        seed=args.seed,
        request_timeout=args.request_timeout,
        base_url=args.base_url,
        judge_base_url=args.judge_base_url,
        batch_size=args.batch_size,
        shard=args.shard,
        executor=getattr(args, "executor", "local"),
        ray_address=getattr(args, "ray_address", None),
        replicas=getattr(args, "replicas", None),
        gpus_per_replica=getattr(args, "gpus_per_replica", None),
        skip_invalid=args.skip_invalid,
        resume=not args.no_resume,
        mode=getattr(args, "mode", "plan"),
        max_steps=getattr(args, "max_steps", 20),
        history=getattr(args, "history", "last"),
    )


def use_thor_executable(args: argparse.Namespace) -> None:
    """``--thor-executable PATH``: check it and hand it to the thor renderer (``$MSSBENCH_THOR_EXECUTABLE``, which
    worker processes inherit).

    Raises:
        ConfigError: PATH is given without ``--renderer thor``, or is not an executable file.
    """
    path = getattr(args, "thor_executable", None)
    if not path:
        return
    if getattr(args, "renderer", None) != "thor":
        raise ConfigError("--thor-executable: only used with --renderer thor")
    exe = Path(path).expanduser()
    if not exe.is_file() or not os.access(exe, os.X_OK):
        raise ConfigError(
            f"--thor-executable {path}: {'not an executable file' if exe.exists() else 'no such file'}"
        )
    os.environ["MSSBENCH_THOR_EXECUTABLE"] = str(exe.resolve())


def _tokens(value: int | None) -> str:
    return "n/a" if not value else f"{value:,}"


def print_outcome(outcome: RunOutcome) -> None:
    """Print the cost lines and the summary table to stdout; a note on errors to stderr."""
    run = outcome.summary.get("run", {})
    print(
        f"episodes: {outcome.planned} planned, {outcome.skipped} already recorded, {outcome.ran} run now "
        f"({outcome.new_errors} errors)"
    )
    print(
        f"requests: {outcome.n_requests}  tokens: prompt {_tokens(outcome.prompt_tokens)}, "
        f"completion {_tokens(outcome.completion_tokens)}  wall time: {outcome.wall_s:.1f} s"
    )
    if outcome.skipped:
        print(
            f"whole run: requests {run.get('n_requests')}, tokens prompt {_tokens(run.get('prompt_tokens'))}, "
            f"completion {_tokens(run.get('completion_tokens'))}, wall time {run.get('wall_s') or 0:.1f} s"
        )
    print(f"results: {outcome.out_dir / 'results.jsonl'}  summary: {outcome.out_dir / 'summary.json'}")
    if (outcome.out_dir / "report.html").is_file():
        print(f"report: {outcome.out_dir / 'report.html'}")
    print()
    print(format_table(outcome.summary))
    if outcome.errors:
        print(
            f"mssbench-embodied: {outcome.errors} episode(s) ended in errors (see 'error' in results.jsonl); "
            "they are excluded from the accuracies; re-run the same command to retry them",
            file=sys.stderr,
        )


def cmd_run(args: argparse.Namespace) -> int:
    """``mssbench-embodied run``: validate everything, run, print the summary. Exit 0, 1 (errors) or 2."""
    from mssbench_embodied.api import run_config  # the api layer runs, summarises and writes the report
    from mssbench_embodied.cli.output import print_warning

    outcome = run_config(config_from_args(args), warn=print_warning)
    print_outcome(outcome)
    return outcome.exit_code


def cmd_merge(args: argparse.Namespace) -> int:
    """``mssbench-embodied merge SHARD_DIR... --out DIR``. Exit 0, 1 (some episodes are errors, or a shard is
    missing or unfinished without ``--allow-partial``) or 2."""
    from mssbench_embodied.api import merge  # the api layer merges, then writes the summary and report
    from mssbench_embodied.cli.output import print_warning

    merged = merge([Path(d) for d in args.shard_dirs], Path(args.out), warn=print_warning)
    shards = ", ".join(s or "unsharded" for s in merged.shards)
    print(f"merged {len(merged.shards)} folder(s) ({shards}): {merged.n_records} records -> {merged.out_dir}")
    print()
    print(format_table(merged.summary))
    if merged.partial and not args.allow_partial:
        print(
            f"mssbench-embodied: the merged run is partial ({merged.partial[0]}); merge every shard, or pass "
            "--allow-partial to accept it",
            file=sys.stderr,
        )
        return 1
    return 1 if merged.summary["overall"]["errors"] else 0


def _load_summaries(run_dirs: list[Path]) -> list[dict[str, Any]]:
    summaries = []
    for run_dir in run_dirs:
        try:
            summaries.append(load_summary(run_dir))
        except (FileNotFoundError, ValueError) as exc:
            raise ConfigError(str(exc)) from None
    return summaries


def _names(run_dirs: list[Path]) -> list[str]:
    names = [d.name or str(d) for d in run_dirs]
    return names if len(set(names)) == len(names) else [str(d) for d in run_dirs]


def cmd_compare(args: argparse.Namespace) -> int:
    """``mssbench-embodied compare RUN_DIR... [-o FILE.html]``: the report layer's comparison
    (``report.compare.cli_compare``: table with intervals, plus an HTML page) when present, else a plain
    side-by-side table of the summaries."""
    run_dirs = [Path(d) for d in args.run_dirs]
    try:
        rich_compare = importlib.import_module("mssbench_embodied.report.compare")
    except ImportError:
        rich_compare = None
    if rich_compare is not None and hasattr(rich_compare, "cli_compare"):
        code: int = rich_compare.cli_compare(run_dirs, args.output, getattr(args, "format", "text"))
        return code
    summaries = _load_summaries(run_dirs)
    print(format_comparison(summaries, _names(run_dirs)))
    return 0
