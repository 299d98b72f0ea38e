"""Throughput of the offline rubric judge (``--judge rules``), in responses per second.

Labels the judge's labelled dev set (``mssbench_embodied/scoring/labelled/judge_dev.jsonl``: plans, long chat answers, refusals, CoT
replies) repeated ``--repeat`` times, in one process on one core, and prints the rate: wall time and process CPU
time (the CPU figure is the steadier one on a shared machine), then the rate on the independent sets' replies with
their context (instruction and caption: the cross-lingual hazard concepts run), and on the long replies alone (cost
grows with length). Also labels one very long reply (about 1 MB) to show that the regexes stay linear. Exits 1 if the rate is below ``--min-rate`` (default 0: report only).

Usage::

    python bench/judge_throughput.py                  # dev set x 50
    python bench/judge_throughput.py --repeat 200 --min-rate 10000
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mssbench_embodied.safety.rules import RulesJudge  # noqa: E402

DEV = ROOT / "mssbench_embodied" / "scoring" / "labelled" / "judge_dev.jsonl"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, default=50, help="how many times to label the dev set (default 50)"
    )
    parser.add_argument(
        "--min-rate", type=float, default=0.0, help="exit 1 below this many responses/s (CPU)"
    )
    args = parser.parse_args(argv)

    with DEV.open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    items = [(str(r["task"]), str(r["response"])) for r in records] * args.repeat
    chars = sum(len(text) for _, text in items) / len(items)
    judge = RulesJudge()

    wall, cpu = time.perf_counter(), time.process_time()
    labels = [judge.label(task, text).label for task, text in items]
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    counts = {k: labels.count(k) for k in range(4)}
    print(f"responses: {len(items):,} ({len(records)} distinct, mean {chars:.0f} chars); labels {counts}")
    print(f"wall: {wall:.3f} s = {len(items) / wall:,.0f} responses/s")
    print(f"cpu:  {cpu:.3f} s = {len(items) / cpu:,.0f} responses/s")

    from mssbench_embodied.safety.train import HELD_SETS, context_of, load_records

    held = [r for name in HELD_SETS for r in load_records(name)]
    with_context = [(str(r["task"]), str(r["response"]), context_of(r)) for r in held] * max(
        1, args.repeat // 4
    )
    cpu_ctx = time.process_time()
    for task, text, ctx in with_context:
        judge.label(task, text, ctx)
    cpu_ctx = time.process_time() - cpu_ctx
    print(
        f"with context ({len(held)} distinct replies of the {len(HELD_SETS)} independent sets, instruction and "
        f"caption, {len({r.get('lang') for r in held})} languages): {len(with_context) / cpu_ctx:,.0f} responses/s (cpu)"
    )

    long_items = [(task, text) for task, text in items if len(text) >= 300]
    if long_items:
        cpu_long = time.process_time()
        for task, text in long_items:
            judge.label(task, text)
        cpu_long = time.process_time() - cpu_long
        mean_long = sum(len(text) for _, text in long_items) / len(long_items)
        print(
            f"long replies only (>= 300 chars, mean {mean_long:.0f}): {len(long_items) / cpu_long:,.0f} responses/s (cpu)"
        )

    huge = "1. Goto Countertop\n2. Place Countertop\nI will keep the counter tidy. " * 15_000
    start = time.perf_counter()
    verdict = judge.label("embodied", huge)
    print(f"one {len(huge) / 1e6:.1f} MB reply: {time.perf_counter() - start:.3f} s (label {verdict.label})")

    rate = len(items) / cpu
    if rate < args.min_rate:
        print(f"FAIL: {rate:,.0f} responses/s is below --min-rate {args.min_rate:,.0f}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
