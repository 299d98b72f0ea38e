"""Speed-up of the runner over one request at a time, at concurrency 32 and 64, against a 0.5 s endpoint.

Everything is measured in one run, against :class:`~mssbench_embodied.llm.local_server.LocalServerProcess`
(an OpenAI-compatible endpoint in its own process that answers every request after ``--latency`` seconds and
writes each answer in one piece, so it measures the client rather than itself):

1. **one request at a time**: the runner at ``--concurrency 1`` on the first ``--sequential-pairs`` pairs; its
   wall time per episode, times the number of episodes, is the one-at-a-time time of the whole suite;
2. **from the runner's start**: ``run_evaluation_sync`` (planning, every episode, the ledger) in this process, at
   each concurrency, after a one-episode warm-up that imports what a run imports;
3. **through the CLI**: ``python -m mssbench_embodied run ...`` in a fresh interpreter, start-up, summary and
   report included. It runs as an installed package does: its modules' bytecode cached (``pip install`` compiles
   it; here it goes to a temporary ``PYTHONPYCACHEPREFIX``, even under ``PYTHONDONTWRITEBYTECODE``), the loaded
   suite and the report's household thumbnails in their cache (a temporary ``MSSBENCH_CACHE_DIR``), filled by one
   untimed CLI run first and by the timed runs before. ``--cold`` measures a first run instead: no bytecode
   written, no cache.

With ``--repeat N`` every measurement is taken N times, alternating (one request at a time, then per concurrency
the runner and the CLI), and the best of each is kept: the machine may be shared, and the best run is the one
least disturbed (the best one-at-a-time time only makes the speed-ups smaller).

It prints, per concurrency, the wall times, the speed-ups, the ideal speed-up ``n / ceil(n / concurrency)`` and
the goals (>= 28x and >= 47x from the runner's start, >= 25x and >= 40x through the CLI); ``--check`` exits 1 when a
goal is missed.

Usage::

    python bench/client_scaling.py                       # household embodied suite (546 episodes), ~1 minute
    python bench/client_scaling.py --repeat 5            # best of 5 alternating runs, ~5 minutes
    python bench/client_scaling.py --concurrency 32 64 128
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mssbench_embodied.llm.local_server import LocalServerProcess  # noqa: E402
from mssbench_embodied.runner import RunConfig, run_evaluation_sync  # noqa: E402

PLAN = "1. Goto CounterTop\n2. Toggle Microwave"
MODEL = "bench-vlm"
#: Goals from the runner's start and through the CLI, by concurrency.
GOALS = {32: (28.0, 25.0), 64: (47.0, 40.0)}


def config(base_url: str, out: Path, concurrency: int, limit: int | None, task: str) -> RunConfig:
    """The measured run: household suite, one task, setting ``if``, the ``openai:`` policy, rules judge."""
    return RunConfig(
        task=task,
        setting="if",
        policy=f"openai:{MODEL}",
        base_url=base_url,
        judge="rules",
        concurrency=concurrency,
        limit=limit,
        out=out,
        progress=False,
    )


def timed_run(cfg: RunConfig) -> tuple[int, float]:
    """(episodes run, wall seconds) of one in-process run."""
    start = time.perf_counter()
    outcome = run_evaluation_sync(cfg, warn=lambda _: None)
    wall = time.perf_counter() - start
    if outcome.errors:
        raise SystemExit(f"run into {cfg.out} ended with {outcome.errors} errors")
    return outcome.ran, wall


def cli_env(tmp: Path, cold: bool) -> dict[str, str]:
    """The CLI's environment: bytecode, loaded suites and thumbnails cached in ``tmp`` as an installed package has
    them, or (``cold``) no bytecode written and no cache."""
    env = dict(os.environ)
    if cold:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env["MSSBENCH_CACHE_DIR"] = "off"
    else:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        env["MSSBENCH_CACHE_DIR"] = str(tmp / "cache")
    return env


def cli_run(
    base_url: str,
    out: Path,
    concurrency: int,
    limit: int | None,
    task: str,
    env: dict[str, str],
    code: Path = ROOT,
) -> float:
    """Wall seconds of ``python -m mssbench_embodied run`` in a fresh interpreter, with the package in ``code``."""
    args = [
        sys.executable, "-m", "mssbench_embodied", "run", "--suite", "household", "--task", task,
        "--setting", "if", "--policy", f"openai:{MODEL}", "--base-url", base_url, "--judge", "rules",
        "--concurrency", str(concurrency), "--out", str(out),
    ]  # fmt: skip
    if limit:
        args += ["--limit", str(limit)]
    start = time.perf_counter()
    env = {**env, "PYTHONPATH": os.pathsep.join(filter(None, [str(code), env.get("PYTHONPATH")]))}
    done = subprocess.run(args, cwd=code, capture_output=True, text=True, check=False, env=env)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"CLI run failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
    return wall


def main(argv: list[str] | None = None) -> int:
    """Run the measurements and print the table; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--latency", type=float, default=0.5, help="endpoint seconds per answer (default 0.5)"
    )
    parser.add_argument("--concurrency", type=int, nargs="+", default=[32, 64], help="default: 32 64")
    parser.add_argument("--limit", type=int, help="first N pairs only (default: the whole task)")
    parser.add_argument("--task", default="embodied", choices=("embodied", "chat"))
    parser.add_argument(
        "--sequential-pairs", type=int, default=12, help="pairs run one at a time (default 12)"
    )
    parser.add_argument("--no-cli", action="store_true", help="skip the runs through the CLI")
    parser.add_argument(
        "--repeat", type=int, default=1, help="take every measurement N times, alternating; keep the best"
    )
    parser.add_argument(
        "--cold", action="store_true", help="CLI as a first run: no bytecode written, no cache"
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="DIR",
        help="also time the CLI of the checkout in DIR (e.g. `git worktree add DIR <commit>`), alternating",
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when a goal is missed")
    args = parser.parse_args(argv)

    best: dict[str, float] = {}

    def keep(name: str, seconds: float) -> None:
        best[name] = min(seconds, best.get(name, math.inf))

    counts: dict[int, int] = {}
    with (
        LocalServerProcess(reply=PLAN, latency_s=args.latency) as server,
        tempfile.TemporaryDirectory() as tmp,
    ):
        url, tmp_path = server.base_url, Path(tmp)
        env = cli_env(tmp_path, args.cold)
        timed_run(config(url, tmp_path / "warmup", 1, 1, args.task))  # imports, suite load, first client
        codes = [] if args.no_cli else [ROOT, *([args.baseline.resolve()] if args.baseline else [])]
        for i, code in enumerate(codes):  # untimed: bytecode and caches, as installed (not with --cold)
            cli_run(url, tmp_path / f"cli-warmup-{i}", 1, 1, args.task, env, code)
        for attempt in range(max(1, args.repeat)):
            n_seq, seq_s = timed_run(
                config(url, tmp_path / f"seq{attempt}", 1, args.sequential_pairs, args.task)
            )
            keep("seq", seq_s / n_seq)
            for concurrency in args.concurrency:
                n, runner_s = timed_run(
                    config(url, tmp_path / f"c{concurrency}-{attempt}", concurrency, args.limit, args.task)
                )
                counts[concurrency] = n
                keep(f"runner{concurrency}", runner_s)
                for which, code in zip(("cli", "baseline"), codes, strict=False):
                    out = tmp_path / f"{which}{concurrency}-{attempt}"
                    wall = cli_run(url, out, concurrency, args.limit, args.task, env, code)
                    keep(f"{which}{concurrency}", wall)
        stats = server.stats()
    per_episode = best["seq"]
    rows = [(c, counts[c], best[f"runner{c}"], best.get(f"cli{c}")) for c in args.concurrency]

    print(
        f"household suite, task {args.task}, setting if, endpoint latency {args.latency:g} s (own process); "
        f"{stats['n_requests']} requests, {stats['with_image']} with an image, peak {stats['max_in_flight']} in flight"
    )
    print(f"one request at a time: {n_seq} episodes, best {per_episode:.3f} s per episode")
    if args.repeat > 1:
        print(f"best of {args.repeat} alternating runs of each measurement")
    if not args.no_cli:
        cold = "first run (no bytecode written, no cache)"
        print("CLI: " + (cold if args.cold else "bytecode, suite and thumbnails cached"))
    print(f"{'conc':>5} {'episodes':>8} {'runner s':>9} {'speed-up':>9} {'ideal':>7} {'of ideal':>8}"
          f" {'CLI s':>7} {'CLI speed-up':>12}  goals (runner / CLI)")  # fmt: skip
    missed = []
    for concurrency, n, runner_s, cli_s in rows:
        sequential = per_episode * n
        ratio = sequential / runner_s
        ideal = n / math.ceil(n / concurrency)
        cli_ratio = sequential / cli_s if cli_s else float("nan")
        goal = GOALS.get(concurrency)
        goal_text = ""
        if goal is not None:
            ok_runner, ok_cli = ratio >= goal[0], cli_s is None or cli_ratio >= goal[1]
            goal_text = f">= {goal[0]:g}x {'ok' if ok_runner else 'MISSED'} / >= {goal[1]:g}x {'ok' if ok_cli else 'MISSED'}"
            missed += [f"runner c{concurrency}"] * (not ok_runner) + [f"CLI c{concurrency}"] * (not ok_cli)
        cli_text = f"{cli_s:7.2f} {cli_ratio:11.1f}x" if cli_s else f"{'-':>7} {'-':>12}"
        print(
            f"{concurrency:>5} {n:>8} {runner_s:9.2f} {ratio:8.1f}x {ideal:6.1f}x {ratio / ideal:8.0%} {cli_text}  {goal_text}"
        )
    if len(codes) > 1:  # the baseline's figures: the same kind of run, taken in turn with the current ones
        print(f"baseline CLI ({args.baseline}), same runs, alternating:")
        for concurrency, n, _, cli_s in rows:
            base_s = best[f"baseline{concurrency}"]
            print(
                f"{concurrency:>5} {n:>8}  CLI {base_s:.2f} s = {per_episode * n / base_s:.1f}x -> "
                f"{cli_s:.2f} s = {per_episode * n / cli_s:.1f}x"
            )
    if missed:
        print("missed: " + ", ".join(missed))
    return 1 if (missed and args.check) else 0


if __name__ == "__main__":
    raise SystemExit(main())
