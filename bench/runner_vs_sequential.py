"""Runner vs. a one-request-at-a-time loop, against a local OpenAI-compatible endpoint with fixed latency.

Starts :class:`~mssbench_embodied.llm.local_server.LocalServerProcess` (a loopback endpoint) on 127.0.0.1 (default 0.5 s per
answer) in a child process — a real endpoint is another process, and an in-process server would take the GIL from
the runner it is measuring — then, in one run:

1. runs ``mssbench-embodied run`` (household suite, embodied task, ``--concurrency 32``) against it and times it;
2. times a loop like the MSSBench reference code: for each of the same episodes, load the image, base64 it, and
   call the API synchronously, one request at a time;
3. re-runs step 1 into the same output folder and counts the requests it sends (resume: should be 0).

It prints both wall times, the ratio, and the ideal ratio ``n*latency / (ceil(n/concurrency)*latency)``, checks
that every request carried an image, and exits 1 if the ratio is below ``--min-ratio`` (20) or a check fails.

Usage::

    python bench/runner_vs_sequential.py                 # the whole embodied suite (a few minutes: the loop is slow)
    python bench/runner_vs_sequential.py --limit 48      # the first 48 pairs only
    python bench/runner_vs_sequential.py --data DIR      # an MSSBench folder instead of the household suite
"""

from __future__ import annotations

import argparse
import contextlib
import io
import math
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import openai

from mssbench_embodied.cli.main import main as cli_main
from mssbench_embodied.envs.observation import make_observation
from mssbench_embodied.envs.sources import open_source
from mssbench_embodied.llm.images import image_data_url
from mssbench_embodied.llm.local_server import LocalServerProcess

PLAN = "1. Goto CounterTop\n2. Toggle Microwave"
MODEL = "bench-vlm"


def run_cli(args: list[str]) -> tuple[int, float, str]:
    """Run the CLI in-process, quietly; returns (exit code, wall seconds, captured output)."""
    out, err = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli_main(args)
    return code, time.perf_counter() - started, out.getvalue() + err.getvalue()


def sequential_loop(
    base_url: str, data: Path | None, task: str, setting: str, limit: int | None
) -> tuple[int, float]:
    """The reference code's way: one synchronous request per episode, image as a data URL. (n, seconds)."""
    started = time.perf_counter()
    source = open_source(data=data, suite=None if data else "household")
    episodes = source.episodes(task, setting)
    if limit is not None:
        keep = list(dict.fromkeys(e.pair_id for e in episodes))[:limit]
        episodes = [e for e in episodes if e.pair_id in set(keep)]
    client = openai.OpenAI(base_url=base_url, api_key="EMPTY", max_retries=0, timeout=60)
    for episode in episodes:
        prompt, load_image = make_observation(source, episode)
        content: list[dict[str, Any]] = [
            {"type": "text", "text": prompt},
            {"type": "image_url", "image_url": {"url": image_data_url(load_image())}},
        ]
        messages: Any = [{"role": "user", "content": content}]
        response = client.chat.completions.create(model=MODEL, messages=messages, max_tokens=2000)
        assert response.choices[0].message.content
    client.close()
    return len(episodes), time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.5, help="seconds per answer (default 0.5)")
    parser.add_argument("--concurrency", type=int, default=32, help="runner concurrency (default 32)")
    parser.add_argument("--limit", type=int, help="first N pairs only (default: all)")
    parser.add_argument("--data", type=Path, help="an MSSBench folder instead of the household suite")
    parser.add_argument("--task", default="embodied", choices=("embodied", "chat"))
    parser.add_argument("--min-ratio", type=float, default=20.0, help="fail below this speed-up (default 20)")
    args = parser.parse_args(argv)

    with (
        LocalServerProcess(reply=PLAN, latency_s=args.latency) as server,
        tempfile.TemporaryDirectory() as tmp,
    ):
        out = Path(tmp) / "run"
        source_args = ["--data", str(args.data)] if args.data else ["--suite", "household"]
        run_args = [
            "run", *source_args, "--task", args.task, "--setting", "if", "--policy", f"openai:{MODEL}",
            "--base-url", server.base_url, "--concurrency", str(args.concurrency), "--out", str(out),
            "--judge", "rules",
        ]  # fmt: skip
        if args.limit:
            run_args += ["--limit", str(args.limit)]
        code, runner_s, log = run_cli(run_args)
        if code != 0:
            print(f"runner failed (exit {code}):\n{log}", file=sys.stderr)
            return 1
        stats = server.stats()
        n, with_image = stats["n_requests"], stats["with_image"]

        n_seq, sequential_s = sequential_loop(server.base_url, args.data, args.task, "if", args.limit)

        before = server.stats()["n_requests"]
        code2, rerun_s, log2 = run_cli(run_args)
        final = server.stats()
        rerun_requests = final["n_requests"] - before

    ratio = sequential_s / runner_s
    rounds = math.ceil(n / args.concurrency)
    ideal = (n * args.latency) / (rounds * args.latency) if n else float("nan")
    checks = {
        f"speed-up >= {args.min_ratio:g}x": ratio >= args.min_ratio,
        "same episodes in both": n == n_seq,
        "every request carried an image": n > 0 and with_image == n,
        "re-run sent no request": code2 == 0 and rerun_requests == 0,
        "server saw <= concurrency in flight": final["max_in_flight"] <= args.concurrency,
    }
    source_name = str(args.data) if args.data else "household suite"
    print(f"{source_name}, task {args.task}, setting if: {n} episodes, endpoint latency {args.latency:g} s")
    print(
        f"runner (mssbench-embodied run --concurrency {args.concurrency}): {runner_s:8.2f} s  ({n} requests)"
    )
    print(f"sequential loop (reference style):        {sequential_s:8.2f} s  ({n_seq} requests)")
    print(
        f"speed-up: {ratio:.1f}x   ideal: {ideal:.1f}x = {n}*{args.latency:g}s / ({rounds}*{args.latency:g}s)"
    )
    print(f"requests with an image: {with_image}/{n}   peak in flight: {final['max_in_flight']}")
    print(f"re-run into the same folder: {rerun_requests} requests, {rerun_s:.2f} s")
    for name, ok in checks.items():
        print(f"  [{'ok' if ok else 'FAIL'}] {name}")
    passed = all(checks.values())
    print("PASS" if passed else "FAIL")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
