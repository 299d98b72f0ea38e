"""Render speed of the sketch renderer on the household suite.

Renders every scenario variant of the suite ``--repeat`` times (after one warm-up pass that fills the caches,
as a long evaluation does) and prints the median and 95th-percentile milliseconds per frame, plus the cold
(first-render) numbers.

Usage:
    python bench/render_speed.py [--repeat 5] [--width 512] [--height 384] [--tasks PATH]

Example output:
    frames: 790 (79 scenarios x 2 variants x 5)  size 512x384
    warm: median 6.1 ms  p95 9.8 ms  max 14.0 ms
    cold: median 31.0 ms  p95 70.2 ms
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    idx = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[idx]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; returns the process exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--repeat", type=int, default=5, help="timed renders per scenario variant (default 5)"
    )
    parser.add_argument("--width", type=int, default=512)
    parser.add_argument("--height", type=int, default=384)
    parser.add_argument("--tasks", type=Path, default=None, help="tasks folder (default: the bundled suite)")
    args = parser.parse_args(argv)

    from mssbench_embodied.render import SketchRenderer
    from mssbench_embodied.world import load_suite

    suite = load_suite(args.tasks) if args.tasks else load_suite()
    renderer = SketchRenderer(args.width, args.height)
    worlds = [suite.world_for(s.id, v) for s in suite.scenarios for v in ("safe", "unsafe")]
    if not worlds:
        print("no scenarios found", file=sys.stderr)
        return 2
    cold: list[float] = []
    for world in worlds:
        t0 = time.perf_counter()
        renderer.render(world)
        cold.append((time.perf_counter() - t0) * 1000)
    warm: list[float] = []
    for _ in range(args.repeat):
        for world in worlds:
            t0 = time.perf_counter()
            renderer.render(world)
            warm.append((time.perf_counter() - t0) * 1000)
    n_scn = len(suite.scenarios)
    print(
        f"frames: {len(warm)} ({n_scn} scenarios x 2 variants x {args.repeat})  size {args.width}x{args.height}"
    )
    print(
        f"warm: median {statistics.median(warm):.1f} ms  p95 {_percentile(warm, 0.95):.1f} ms  max {max(warm):.1f} ms"
    )
    print(f"cold: median {statistics.median(cold):.1f} ms  p95 {_percentile(cold, 0.95):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
