"""Interactive episodes per second: an API policy at several concurrencies, and hf lockstep batching.

Measured in one run:

1. **openai at 0.5 s per request**: ``run --mode interactive`` against
   :class:`~mssbench_embodied.llm.local_server.LocalServerProcess` (its own process) answering every turn
   with ``--reply`` after ``--latency`` seconds, ``--max-steps`` turns per episode, at each ``--concurrency``.
   The ideal is ``concurrency`` episodes every ``max_steps * latency`` seconds (``n / ceil(n / c)`` of them); the
   ratio is measured episodes per second over that ideal (1.0: the client costs nothing).
2. **hf lockstep vs one episode at a time**: a tiny transformers VLM built offline (``tests/policies/tiny_vlm.py``,
   ``--hf-tokens`` new tokens per turn, so generation rather than the world dominates as with a real model; or
   ``--hf-model`` for a real checkpoint) playing the same episodes with ``--concurrency 8 --batch-size 8`` (every
   live episode's turn in one ``generate`` per step) and with ``--concurrency 1``; the ratio is the time one at a
   time over the lockstep time.

Usage::

    python bench/interactive_throughput.py                          # ~2 minutes on 2 cores
    python bench/interactive_throughput.py --concurrency 8 32 64 --episodes 128
    python bench/interactive_throughput.py --hf-model ~/models/llava-1.5-7b-hf --hf-episodes 32
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mssbench_embodied.envs.sources import HouseholdSource  # noqa: E402
from mssbench_embodied.llm.local_server import LocalServerProcess  # noqa: E402
from mssbench_embodied.runner import RunConfig, read_ledger  # noqa: E402
from mssbench_embodied.runner.runner import run_evaluation_sync  # noqa: E402


class FirstEpisodes(HouseholdSource):
    """The built-in suite's first ``n`` embodied episodes (the same ones for every measurement)."""

    def __init__(self, n: int) -> None:
        super().__init__("household")
        self.n = n

    def episodes(self, task: str, setting: str) -> list[Any]:
        return super().episodes(task, setting)[: self.n]


def timed_run(source: Any, ready: Any = None, **options: Any) -> tuple[float, int, int]:
    """Wall time, episodes and policy calls of one interactive run into a fresh folder (``ready``: a ready
    policy object, so a loaded model is not loaded again)."""
    out = Path(tempfile.mkdtemp(prefix="bench-interactive-"))
    config = RunConfig(task="embodied", mode="interactive", out=out, progress=False, **options)
    start = time.perf_counter()
    run_evaluation_sync(config, source=source, policy=ready, warn=lambda _: None)
    wall = time.perf_counter() - start
    records = read_ledger(out / "results.jsonl").records
    errors = [r.error for r in records if r.error]
    if errors:
        raise SystemExit(f"the measured run had {len(errors)} errors, e.g. {errors[0]}")
    return wall, len(records), sum(r.calls for r in records)


def bench_openai(args: argparse.Namespace) -> None:
    source = FirstEpisodes(args.episodes)
    print(
        f"openai: {args.episodes} interactive episodes x {args.max_steps} turns, endpoint latency "
        f"{args.latency} s, reply {args.reply!r}"
    )
    with LocalServerProcess(reply=args.reply, latency_s=args.latency) as server:
        common = {"policy": "openai:bench-vlm", "base_url": server.base_url, "max_steps": args.max_steps}
        timed_run(FirstEpisodes(2), concurrency=2, **common)  # warm-up: imports, renderer, client
        print(
            f"{'concurrency':>11}  {'wall s':>7}  {'episodes/s':>10}  {'ideal/s':>8}  {'ratio':>6}  requests"
        )
        for concurrency in args.concurrency:
            wall, n, calls = timed_run(source, concurrency=concurrency, **common)
            rounds = math.ceil(n / concurrency)
            ideal = n / (rounds * args.max_steps * args.latency)
            rate = n / wall
            print(
                f"{concurrency:>11}  {wall:>7.2f}  {rate:>10.2f}  {ideal:>8.2f}  {rate / ideal:>6.2f}  {calls}"
            )


def bench_hf(args: argparse.Namespace) -> None:
    try:
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError:
        print("hf: torch/transformers not installed; skipped")
        return
    model = args.hf_model
    if model is None:
        from tests.policies.tiny_vlm import build_tiny_vlm

        model = str(build_tiny_vlm(Path(tempfile.mkdtemp(prefix="tiny-vlm-")), max_new_tokens=args.hf_tokens))
    from mssbench_embodied.registry import create_policy

    source = FirstEpisodes(args.hf_episodes)
    spec = f"hf:{model}"
    policy = create_policy(spec, batch_size=8)
    common = {"policy": spec, "max_steps": args.max_steps, "batch_size": 8}
    timed_run(FirstEpisodes(2), policy, concurrency=8, **common)  # warm-up: loads the model once
    lockstep, n, calls = timed_run(source, policy, concurrency=8, **common)
    single, _, _ = timed_run(source, policy, concurrency=1, **common)
    print(
        f"hf ({'tiny offline VLM' if args.hf_model is None else model}): {n} episodes, {calls} turns; "
        f"lockstep batch 8: {lockstep:.2f} s ({n / lockstep:.2f} episodes/s), one at a time: {single:.2f} s "
        f"({n / single:.2f} episodes/s); ratio {single / lockstep:.2f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--concurrency", type=int, nargs="+", default=[8, 32, 64])
    parser.add_argument("--episodes", type=int, default=128, help="episodes per openai measurement")
    parser.add_argument("--latency", type=float, default=0.5, help="endpoint seconds per request")
    parser.add_argument(
        "--max-steps", type=int, default=3, help="turns per episode (the reply never ends one)"
    )
    parser.add_argument("--reply", default="Goto Counter", help="what the endpoint answers every turn")
    parser.add_argument("--hf-model", help="a local hf checkpoint instead of the tiny offline VLM")
    parser.add_argument("--hf-episodes", type=int, default=32)
    parser.add_argument(
        "--hf-tokens", type=int, default=48, help="tokens per turn of the tiny VLM (its budget)"
    )
    parser.add_argument("--skip-hf", action="store_true")
    args = parser.parse_args()
    bench_openai(args)
    if not args.skip_hf:
        bench_hf(args)


if __name__ == "__main__":
    main()
