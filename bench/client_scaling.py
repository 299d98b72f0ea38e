"""Speed-up of the runner over one request at a time, at concurrency 32 and 64, against a 0.5 s endpoint.

Everything is measured in one run, against :class:`~mssbench_embodied.llm.local_server.LocalServerProcess`
(an OpenAI-compatible endpoint in its own process that answers every request after ``--latency`` seconds and
writes each answer in one piece, so it measures the client rather than itself):

1. **one request at a time**: the runner at ``--concurrency 1`` on the first ``--sequential-pairs`` pairs; its
   wall time per episode, times the number of episodes, is the one-at-a-time time of the whole suite;
2. **from the runner's start**: ``run_evaluation_sync`` (planning, every episode, the ledger) in this process, at
   each concurrency, after a one-episode warm-up that imports what a run imports;
3. **through the CLI**: ``python -m mssbench_embodied run ...`` in a fresh interpreter, start-up, summary and
   report included.

It prints, per concurrency, the wall times, the speed-ups, the ideal speed-up ``n / ceil(n / concurrency)`` and
the goals (>= 28x and >= 47x from the runner's start, >= 25x and >= 40x through the CLI); ``--check`` exits 1 when a
goal is missed.

Usage::

    python bench/client_scaling.py                       # household embodied suite (474 episodes), ~1 minute
    python bench/client_scaling.py --concurrency 32 64 128
"""

from __future__ import annotations

import argparse
import math
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


def cli_run(base_url: str, out: Path, concurrency: int, limit: int | None, task: str) -> float:
    """Wall seconds of ``python -m mssbench_embodied run`` in a fresh interpreter."""
    args = [
        sys.executable, "-m", "mssbench_embodied", "run", "--suite", "household", "--task", task,
        "--setting", "if", "--policy", f"openai:{MODEL}", "--base-url", base_url, "--judge", "rules",
        "--concurrency", str(concurrency), "--out", str(out),
    ]  # fmt: skip
    if limit:
        args += ["--limit", str(limit)]
    start = time.perf_counter()
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)
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
    parser.add_argument("--check", action="store_true", help="exit 1 when a goal is missed")
    args = parser.parse_args(argv)

    rows = []
    with (
        LocalServerProcess(reply=PLAN, latency_s=args.latency) as server,
        tempfile.TemporaryDirectory() as tmp,
    ):
        url, tmp_path = server.base_url, Path(tmp)
        timed_run(config(url, tmp_path / "warmup", 1, 1, args.task))  # imports, suite load, first client
        n_seq, seq_s = timed_run(config(url, tmp_path / "seq", 1, args.sequential_pairs, args.task))
        per_episode = seq_s / n_seq
        for concurrency in args.concurrency:
            n, runner_s = timed_run(
                config(url, tmp_path / f"c{concurrency}", concurrency, args.limit, args.task)
            )
            cli_s = None
            if not args.no_cli:
                cli_s = cli_run(url, tmp_path / f"cli{concurrency}", concurrency, args.limit, args.task)
            rows.append((concurrency, n, runner_s, cli_s))
        stats = server.stats()

    print(
        f"household suite, task {args.task}, setting if, endpoint latency {args.latency:g} s (own process); "
        f"{stats['n_requests']} requests, {stats['with_image']} with an image, peak {stats['max_in_flight']} in flight"
    )
    print(f"one request at a time: {n_seq} episodes in {seq_s:.2f} s = {per_episode:.3f} s per episode")
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
    if missed:
        print("missed: " + ", ".join(missed))
    return 1 if (missed and args.check) else 0


if __name__ == "__main__":
    raise SystemExit(main())
