"""The ``mssbench-embodied`` command (also ``python -m mssbench_embodied``).

Subcommands: ``run``, ``judge``, ``list``, ``validate``, ``render``, ``compare``, ``merge``, ``export`` (README.md;
the layers they stand on: docs/architecture.md).
Exit codes: 0 done; 2 bad input or configuration (one line per problem on stderr,
``mssbench-embodied: error: ...``, no traceback, nothing sent to any model); 1 the run finished but some
episodes ended in errors (they are recorded and summarised; re-running the same command retries them).

Example:
    >>> main(["run", "--task", "sideways"])
    2
"""

from __future__ import annotations

import argparse
import gc
import signal
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from mssbench_embodied.cli.output import PROG, print_error, print_warning  # noqa: F401  (print_warning re-exported)
from mssbench_embodied.data.errors import MSSBenchError
from mssbench_embodied.data.settings import SETTINGS
from mssbench_embodied.registry import renderer_names
from mssbench_embodied.runner.config import LABEL_CHOICES, RENDERERS, TASK_CHOICES, ConfigError


class UsageError(ConfigError):
    """A command line argparse could not read."""


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one-line :class:`UsageError` instead of usage text and exit."""

    def error(self, message: str) -> NoReturn:
        hint = f"; see '{self.prog} --help'"
        raise UsageError(" ".join(message.split()) + hint)


def _add_source_args(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--data",
        metavar="DIR",
        help="an MSSBench folder (combined.json, chat/, embodied/), or hf:kzhou35/mssbench[@REVISION] (the Hub "
        "dataset, downloaded into the Hugging Face cache; HF_HUB_OFFLINE=1 reads the cache only)",
    )
    group.add_argument(
        "--suite",
        metavar="NAME",
        help="household (the built-in suite, default without --data) or a folder laid out like tasks/",
    )


def _add_thor_executable(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--thor-executable",
        metavar="PATH",
        help="--renderer thor: a local AI2-THOR build executable (else ai2thor's build in ~/.ai2thor/releases)",
    )


def _add_labels(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--labels",
        default="objects",
        choices=LABEL_CHOICES,
        help="labels in sketch images: objects (default: names only, never a material or state), none, or full "
        "(detailed, for debugging)",
    )


def _add_run(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "run",
        help="evaluate a policy on MSSBench data or the household suite",
        description="Run every episode through the policy and the one scorer. Re-running into the same --out "
        "resumes: recorded episodes are skipped, errored ones retried.",
    )
    _add_source_args(p)
    p.add_argument("--task", default="all", choices=TASK_CHOICES, help="default: all")
    p.add_argument(
        "--setting",
        default="if",
        metavar="SETTING",
        help=f"prompt setting: {', '.join(SETTINGS)} or an installed plug-in's (default: if)",
    )
    p.add_argument(
        "--policy",
        default="scripted:comply",
        metavar="SPEC",
        help="scripted:comply|refuse|oracle|random, openai:<model>, hf:<model>, multiagent:<spec>, "
        "or a preset name from models/ (default: scripted:comply)",
    )
    p.add_argument("--judge", default="rules", metavar="SPEC", help="rules (default) or openai:<model>")
    p.add_argument(
        "--renderer",
        default="sketch",
        choices=renderer_names(),  # built in, and installed packages' mssbench_embodied.renderers entry points
        help="household images (default: sketch)",
    )
    _add_labels(p)
    _add_thor_executable(p)
    p.add_argument("--out", metavar="DIR", help="output folder (default: runs/<timestamp>)")
    p.add_argument("--concurrency", type=int, default=8, metavar="N", help="episodes in flight (default: 8)")
    p.add_argument("--limit", type=int, metavar="N", help="only the first N pairs of each task")
    p.add_argument("--seed", type=int, metavar="N", help="seed for scripted:random and sampling policies")
    p.add_argument("--request-timeout", type=float, metavar="S", help="seconds per model request")
    p.add_argument(
        "--base-url", metavar="URL", help="the policy's OpenAI-compatible endpoint (else OPENAI_BASE_URL)"
    )
    p.add_argument(
        "--judge-base-url",
        metavar="URL",
        help="endpoint of an openai: judge (else OPENAI_BASE_URL; not --base-url)",
    )
    p.add_argument("--batch-size", type=int, metavar="N", help="generation batch size (hf: policies)")
    p.add_argument(
        "--mode",
        default="plan",
        choices=("plan", "interactive"),
        help="plan: one reply per episode (default); interactive: household episodes act one step per turn",
    )
    p.add_argument(
        "--max-steps", type=int, default=20, metavar="N", help="interactive: steps per episode (20)"
    )
    p.add_argument(
        "--history",
        default="last",
        choices=("last", "images"),
        help="interactive: send only the newest image (last, default) or every turn's image (images)",
    )
    p.add_argument("--shard", metavar="I/N", help="run only shard I of N (pairs split by a stable hash)")
    p.add_argument(
        "--executor",
        default="local",
        choices=("local", "ray"),
        help="local (default) or ray: episodes on Ray actors, one policy replica each (pip install '.[ray]')",
    )
    p.add_argument(
        "--ray-address", metavar="ADDR", help="ray: the cluster (auto, ray://head:10001); default local"
    )
    p.add_argument(
        "--replicas", type=int, metavar="N", help="ray: policy replicas (default: GPUs, else nodes)"
    )
    p.add_argument(
        "--gpus-per-replica", type=float, metavar="G", help="ray: GPUs per replica (hf:), default 0"
    )
    p.add_argument("--skip-invalid", action="store_true", help="drop invalid dataset items with a warning")
    p.add_argument(
        "--no-resume",
        action="store_true",
        help="start over: move old results aside (results.jsonl.bak-<time>) instead of resuming",
    )
    p.set_defaults(func="run")


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser (every subcommand; README.md shows them in use).

    Example:
        >>> build_parser().parse_args(["merge", "a", "b", "--out", "c"]).shard_dirs
        ['a', 'b']
    """
    parser = _Parser(
        prog=PROG, description="Multimodal situational safety evaluation (MSSBench + household world)."
    )
    from mssbench_embodied import __version__

    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    _add_run(sub)

    p = sub.add_parser(
        "judge",
        help="label responses 0-3 with a rubric judge (JSONL in, JSONL out)",
        description='Input: one {"id", "response", "task"?} per line; output: one {"id", "label"} '
        "per line, in input order. A line's task overrides --task.",
    )
    p.add_argument("file", metavar="FILE.jsonl")
    p.add_argument("--judge", default="rules", metavar="SPEC", help="rules (default) or openai:<model>")
    p.add_argument("--task", choices=("embodied", "chat"), help="task of lines that do not name one")
    p.add_argument("--concurrency", type=int, default=8, metavar="N", help="labels in flight (LLM judges)")
    p.add_argument("--request-timeout", type=float, metavar="S", help="seconds per judge request")
    p.add_argument("--base-url", metavar="URL", help="OpenAI-compatible endpoint for openai: judges")
    p.set_defaults(func="judge")

    p = sub.add_parser("list", help="list the cases of a dataset or of the household suite")
    _add_source_args(p)
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(func="list")

    p = sub.add_parser("validate", help="check a scenario file/folder or an MSSBench folder")
    p.add_argument("path", metavar="PATH")
    p.set_defaults(func="validate")

    p = sub.add_parser("render", help="render a household scenario to a PNG")
    p.add_argument("scenario", metavar="SCENARIO_ID")
    p.add_argument("--variant", default="unsafe", choices=("safe", "unsafe"), help="default: unsafe")
    p.add_argument("--suite", metavar="NAME", help="household (default) or a folder laid out like tasks/")
    p.add_argument("--renderer", default="sketch", choices=RENDERERS, help="default: sketch")
    _add_labels(p)
    _add_thor_executable(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE.png")
    p.set_defaults(func="render")

    p = sub.add_parser(
        "compare",
        help="compare runs side by side: intervals, McNemar's test over shared episodes, the episodes that flipped",
    )
    p.add_argument("run_dirs", nargs="+", metavar="RUN_DIR")
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE.html",
        help="write the HTML comparison (with a chart) there; none without -o",
    )
    p.add_argument(
        "--format",
        default="text",
        choices=("text", "md", "csv", "latex"),
        help="what is printed: text (default), md, csv (fractions) or latex (booktabs tabular)",
    )
    p.set_defaults(func="compare")

    p = sub.add_parser("merge", help="combine the outputs of run --shard I/N into one run folder")
    p.add_argument("shard_dirs", nargs="+", metavar="SHARD_DIR")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument(
        "--allow-partial",
        action="store_true",
        help="exit 0 even when a shard is missing or unfinished (default: exit 1, the merged run is partial)",
    )
    p.set_defaults(func="merge")

    p = sub.add_parser(
        "export", help="write a finished run in another tool's format (inspect: an inspect_ai log)"
    )
    p.add_argument(
        "format", choices=("inspect",), help="inspect: an inspect_ai .eval log (inspect view shows it)"
    )
    p.add_argument("run_dir", metavar="RUN_DIR")
    p.add_argument("-o", "--output", metavar="FILE", help="default: RUN_DIR/inspect.eval (.json also works)")
    p.set_defaults(func="export")
    return parser


def _dispatch(args: argparse.Namespace) -> int:
    if args.func == "run":
        from mssbench_embodied.cli.run_cmd import cmd_run

        return cmd_run(args)
    if args.func == "merge":
        from mssbench_embodied.cli.run_cmd import cmd_merge

        return cmd_merge(args)
    if args.func == "export":
        from mssbench_embodied.cli.export_cmd import cmd_export

        return cmd_export(args)
    if args.func == "compare":
        from mssbench_embodied.cli.run_cmd import cmd_compare

        return cmd_compare(args)
    if args.func == "judge":
        from mssbench_embodied.cli.judge_cmd import cmd_judge

        return cmd_judge(args)
    from mssbench_embodied.cli import tools

    handler = {
        "list": tools.cmd_list,
        "validate": tools.cmd_validate,
        "render": tools.cmd_render,
    }[args.func]
    return handler(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 some episodes errored, 2 bad input).

    Example:
        >>> main(["validate", "/nonexistent/folder"])
        2
    """
    program = argv is None  # the process's own command line (console script, python -m), not a Python caller
    if program:
        _short_lived_gc()
    previous_term = _handle_sigterm()
    try:
        parser = build_parser()
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
        if not getattr(args, "func", None):
            raise UsageError(
                f"give a command: run, judge, list, validate, render, compare, merge or export; see '{PROG} --help'"
            )
        return _dispatch(args)
    except ConfigError as exc:
        print_error(str(exc))
        return 2
    except MSSBenchError as exc:  # a policy or judge failure outside any episode: one line, no traceback
        print_error(" ".join(str(exc).split()) or type(exc).__name__)
        return 1
    except SystemExit as exc:  # --help / --version
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM (handled the same way)
        terminated = type(exc).__name__ == "RunTerminated"
        what = "terminated (SIGTERM)" if terminated else "interrupted"
        print(f"{PROG}: {what}; re-run the same command to resume", file=sys.stderr)
        return 143 if terminated else 130
    except BrokenPipeError:  # e.g. `... | head`
        sys.stderr.close()
        return 0
    finally:
        if previous_term is not None:
            signal.signal(signal.SIGTERM, previous_term)
        if program:
            gc.freeze()  # the process ends now: its teardown need not search every live object for cycles


#: Collector thresholds of a command's process (CPython's default is (700, 10, 10)).
PROGRAM_GC_THRESHOLDS = (10_000, 20, 10)


def _short_lived_gc() -> None:
    """Tune the cyclic garbage collector for one command in its own short-lived process.

    What start-up imported (modules, classes, registries) lives until the process ends, so it is moved out of the
    collector's sight (``gc.freeze``), and collections are rarer: with the defaults, a household run at
    concurrency 64 spent ~0.8 s collecting, mostly full collections walking the judge's and the suite's long-lived
    tables, and the interpreter's teardown another ~0.8 s. Garbage is still collected; no output changes. Only
    :func:`main` called without ``argv`` (the process's own command) does this, never a Python caller of it.
    """
    gc.freeze()
    gc.set_threshold(*PROGRAM_GC_THRESHOLDS)


def _handle_sigterm() -> Any:
    """Make SIGTERM raise :class:`~mssbench_embodied.runner.runner.RunTerminated` (a ``KeyboardInterrupt``), so
    that it is handled like Ctrl-C wherever it lands; returns the previous handler (``None`` if unchanged)."""
    from mssbench_embodied.runner.runner import RunTerminated

    def terminate(signum: int, frame: Any) -> None:
        raise RunTerminated()

    try:
        return signal.signal(signal.SIGTERM, terminate)
    except (ValueError, OSError):  # not the main thread
        return None
