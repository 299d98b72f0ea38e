"""``mssbench-embodied judge`` end to end, in replies per second: a fresh interpreter, reading, labelling, writing.

Builds a JSONL file of ``--n`` replies from the judge's labelled sets (plans, chat answers, refusals, CoT replies,
several languages), then times ``python -m mssbench_embodied judge FILE`` (interpreter start-up and imports
included) on two inputs:

- **as in a run's results**: the labelled replies cycled, so replies repeat as they do across the episodes and
  baselines of real runs (an offline judge labels each distinct reply once);
- **all distinct**: every line made unique (an id appended to the reply), so every line is really labelled.

The command runs as an installed package does, its modules' bytecode cached (in a temporary
``PYTHONPYCACHEPREFIX``, filled by one untimed run first; ``--cold``: none written). With ``--repeat N`` each input
is timed N times, alternating, and the best is kept (the machine may be shared).

Prints both rates next to the goal (>= 20,000 replies/s). Usage::

    python bench/judge_cli_throughput.py              # 50,000 replies
    python bench/judge_cli_throughput.py --repeat 5   # best of 5
    python bench/judge_cli_throughput.py --n 200000
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "mssbench_embodied" / "scoring" / "labelled"
GOAL = 20_000.0


def replies() -> list[dict[str, str]]:
    """Every labelled reply with its task (the judge's own dev, train and blind sets)."""
    rows = []
    for path in sorted(LABELLED.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                obj = json.loads(line)
                if isinstance(obj.get("response"), str) and obj.get("task") in ("embodied", "chat"):
                    rows.append({"task": obj["task"], "response": obj["response"]})
    return rows


def write_input(path: Path, rows: list[dict[str, str]], n: int, distinct: bool) -> None:
    """``n`` judge input lines cycling ``rows``; with ``distinct`` each reply gets its line number appended."""
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            row = rows[i % len(rows)]
            response = f"{row['response']} (#{i})" if distinct else row["response"]
            fh.write(json.dumps({"id": i, "task": row["task"], "response": response}) + "\n")


def cli_env(tmp: Path, cold: bool) -> dict[str, str]:
    """Bytecode cached in ``tmp`` as an installed package has it, or (``cold``) none written."""
    env = dict(os.environ)
    if cold:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    return env


def time_cli(path: Path, n: int, env: dict[str, str], code: Path = ROOT) -> float:
    """Wall seconds of the judge CLI (the package in ``code``) on ``path`` (checks that every line got a label)."""
    env = {**env, "PYTHONPATH": os.pathsep.join(filter(None, [str(code), env.get("PYTHONPATH")]))}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mssbench_embodied", "judge", str(path)],
        cwd=code,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    wall = time.perf_counter() - start
    labelled = sum(1 for line in done.stdout.splitlines() if json.loads(line).get("label") is not None)
    if done.returncode != 0 or labelled != n:
        raise SystemExit(f"judge CLI: exit {done.returncode}, {labelled}/{n} labelled\n{done.stderr[-1500:]}")
    return wall


def main(argv: list[str] | None = None) -> int:
    """Run both measurements and print the rates; returns the exit code (1 with --check below the goal)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50_000, help="replies per input (default 50,000)")
    parser.add_argument("--check", action="store_true", help="exit 1 when the run-like rate misses the goal")
    parser.add_argument(
        "--repeat", type=int, default=1, help="time each input N times, alternating; keep the best"
    )
    parser.add_argument("--cold", action="store_true", help="no bytecode written (a first run)")
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="DIR",
        help="also time the judge of the checkout in DIR (e.g. `git worktree add DIR <commit>`), alternating",
    )
    args = parser.parse_args(argv)
    rows = replies()
    rates = {}
    inputs = (("as in a run's results", False), ("all distinct", True))
    best: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        env = cli_env(Path(tmp), args.cold)
        paths = {}
        for name, distinct in inputs:
            paths[name] = Path(tmp) / f"{'distinct' if distinct else 'run'}.jsonl"
            write_input(paths[name], rows, args.n, distinct)
        codes = {"": ROOT, **({"baseline ": args.baseline.resolve()} if args.baseline else {})}
        for code in codes.values():
            time_cli(paths[inputs[0][0]], args.n, env, code)  # untimed: writes the bytecode (not with --cold)
        for _ in range(max(1, args.repeat)):
            for name, _distinct in inputs:
                for which, code in codes.items():
                    wall = time_cli(paths[name], args.n, env, code)
                    best[which + name] = min(wall, best.get(which + name, float("inf")))
    if args.baseline:
        for name, _distinct in inputs:
            wall = best["baseline " + name]
            print(f"{name:>22}: baseline ({args.baseline}) {wall:.2f} s = {args.n / wall:,.0f} replies/s")
    for name, _distinct in inputs:
        wall = best[name]
        rates[name] = args.n / wall
        print(f"{name:>22}: {args.n:,} replies ({len(rows):,} labelled replies cycled) in {wall:.2f} s "
              f"= {rates[name]:,.0f} replies/s end to end (goal >= {GOAL:,.0f})")  # fmt: skip
    print(
        ("no bytecode written" if args.cold else "bytecode cached")
        + (f"; best of {args.repeat} alternating runs" if args.repeat > 1 else "")
    )
    missed = rates["as in a run's results"] < GOAL
    return 1 if (missed and args.check) else 0


if __name__ == "__main__":
    raise SystemExit(main())
