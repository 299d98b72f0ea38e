"""An MSSBench-size run: client CPU per episode and peak memory, against a 0.5 s endpoint in its own process.

Writes an MSSBench-layout folder of ``--pairs`` instruction pairs (default 1,960, as many as the benchmark) whose
images are distinct ~100 KB 800x600 JPEGs like the benchmark's photos, then:

1. **client CPU per episode**: ``run_evaluation_sync`` in this process (plan mode, setting ``if``, ``openai:``
   policy, rules judge, ``--concurrency 64``) on the first ``--cpu-pairs`` pairs of each task, after a one-episode
   warm-up; process CPU time (every thread) divided by episodes. The endpoint's CPU is not counted: it is another
   process. Goal: <= 5 ms.
2. **peak memory**: ``python -m mssbench_embodied run`` on the whole folder in a fresh interpreter; its peak
   resident set size (``ru_maxrss``). Goal: < 500 MB in plan mode (images are read when a request needs them,
   never held for the run).

Usage::

    python bench/mssbench_scale.py                      # 1,960 pairs (~2 minutes)
    python bench/mssbench_scale.py --pairs 400 --keep /tmp/mss400
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mssbench_embodied.llm.local_server import LocalServerProcess  # noqa: E402
from mssbench_embodied.runner import RunConfig, run_evaluation_sync  # noqa: E402
from tests.mssbench_fixture import make_mssbench  # noqa: E402

#: Runs the CLI, then prints its own peak RSS (kB) as the last line of stderr.
PEAK_RSS = (
    "import resource, sys\n"
    "from mssbench_embodied.cli.main import main\n"
    "code = main(sys.argv[1:])\n"
    "print('peak_rss_kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def photo(seed: int) -> Image.Image:
    """A distinct 800x600 photo-like image (~100 KB as a JPEG at quality 85)."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:600, 0:800]
    tint = rng.integers(0, 255, size=3)
    base = np.stack([(xx * (c + 1) / 4 + yy / 3 + tint[c]) % 256 for c in range(3)], axis=2)
    return Image.fromarray(np.clip(base + rng.normal(0, 10, base.shape), 0, 255).astype(np.uint8))


def make_folder(root: Path, pairs: int) -> Path:
    """An MSSBench folder with about ``pairs`` pairs (2/3 chat, 1/3 embodied) and ~100 KB JPEG images."""
    if (root / "combined.json").exists():
        return root
    n_chat = round(pairs * 0.643 / 2.333)
    n_embodied = round((pairs - n_chat * 7 / 3) / 2)
    make_mssbench(root, n_chat=n_chat, n_embodied=n_embodied)
    data = json.loads((root / "combined.json").read_text())
    files = [root / "chat" / c[k] for c in data["chat"] for k in ("safe_image_path", "unsafe_image_path")]
    files += [root / "embodied" / e[k] for e in data["embodied"] for k in ("safe", "unsafe")]
    for seed, path in enumerate(files):
        photo(seed).save(
            path, format="JPEG", quality=85
        )  # JPEG bytes whatever the suffix (PIL reads content)
    return root


def config(data: Path, url: str, out: Path, limit: int | None) -> RunConfig:
    """Plan mode, setting ``if``, both tasks, the ``openai:`` policy, rules judge, concurrency 64."""
    return RunConfig(data=data, task="all", setting="if", policy="openai:bench-vlm", base_url=url, judge="rules",
                     concurrency=64, limit=limit, out=out, progress=False)  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Build the folder, measure CPU per episode and the CLI's peak memory; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1960, help="instruction pairs (default 1,960)")
    parser.add_argument(
        "--cpu-pairs", type=int, default=150, help="pairs per task timed for CPU (default 150)"
    )
    parser.add_argument(
        "--latency", type=float, default=0.5, help="endpoint seconds per answer (default 0.5)"
    )
    parser.add_argument(
        "--keep", type=Path, help="build (or reuse) the folder here instead of a temporary one"
    )
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp, LocalServerProcess("1. Goto Sink", args.latency) as server:
        started = time.perf_counter()
        data = make_folder(args.keep or Path(tmp) / "mssbench", args.pairs)
        sizes = [p.stat().st_size for p in data.rglob("*") if p.suffix in (".jpg", ".png")]
        print(
            f"folder: {len(sizes)} images, mean {np.mean(sizes) / 1e3:.0f} KB ({time.perf_counter() - started:.0f} s)"
        )

        run_evaluation_sync(config(data, server.base_url, Path(tmp) / "warm", 1), warn=lambda _: None)
        cpu, wall = time.process_time(), time.perf_counter()
        outcome = run_evaluation_sync(config(data, server.base_url, Path(tmp) / "cpu", args.cpu_pairs),
                                      warn=lambda _: None)  # fmt: skip
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        per_episode = cpu / max(1, outcome.ran) * 1e3
        print(f"client CPU: {cpu:.2f} s for {outcome.ran} episodes = {per_episode:.2f} ms per episode "
              f"(wall {wall:.1f} s; goal <= 5 ms)")  # fmt: skip

        cli = [
            sys.executable, "-c", PEAK_RSS, "run", "--data", str(data), "--task", "all", "--setting", "if",
            "--policy", "openai:bench-vlm", "--base-url", server.base_url, "--judge", "rules",
            "--concurrency", "64", "--out", str(Path(tmp) / "whole"),
        ]  # fmt: skip
        wall = time.perf_counter()
        done = subprocess.run(cli, cwd=ROOT, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - wall
        peak = [line.split()[1] for line in done.stderr.splitlines() if line.startswith("peak_rss_kb")]
        if done.returncode != 0 or not peak:
            print(f"CLI run failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
            return 1
        n = len((Path(tmp) / "whole" / "results.jsonl").read_text().splitlines())
        print(f"whole folder through the CLI: {n} episodes in {wall:.1f} s, peak RSS {int(peak[0]) / 1024:.0f} MB "
              "(goal < 500 MB in plan mode)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
