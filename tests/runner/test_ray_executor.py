"""``--executor ray`` on a real local Ray cluster (CPU only): the same records as the local executor, and an actor
killed mid-run loses nothing. One cluster serves every test of this module."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ray = pytest.importorskip("ray")

from mssbench_embodied.data.results import EpisodeResult  # noqa: E402
from mssbench_embodied.llm.local_server import LocalOpenAIServer  # noqa: E402
from mssbench_embodied.runner import ConfigError, RunConfig, run_evaluation_sync  # noqa: E402
from mssbench_embodied.runner.ray_executor import replica_configs  # noqa: E402

#: Differ between any two runs (timing), so never compared.
VOLATILE = ("latency_s",)


@pytest.fixture(scope="module")
def cluster() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, logging_level="ERROR", log_to_driver=False)
    try:
        yield
    finally:
        ray.shutdown()


def comparable(records: list[EpisodeResult]) -> dict[str, dict[str, Any]]:
    rows = {}
    for record in records:
        row = dataclasses.asdict(record)
        for name in VOLATILE:
            row.pop(name, None)
        rows[record.episode_id] = row
    return rows


def run(tmp_path: Path, name: str, **options: Any) -> list[EpisodeResult]:
    config = RunConfig(
        **{"task": "embodied", "limit": 3, "out": tmp_path / name, "progress": False, **options}
    )
    outcome = run_evaluation_sync(config, warn=lambda _: None)
    assert outcome.errors == 0 and outcome.ran == len(outcome.records) > 0
    return outcome.records


def test_scripted_records_equal_the_local_executor(cluster: None, tmp_path: Path) -> None:
    local = run(tmp_path, "local", policy="scripted:oracle")
    on_ray = run(tmp_path, "ray", policy="scripted:oracle", executor="ray", replicas=2, concurrency=4)
    assert comparable(on_ray) == comparable(local)
    ledger = (tmp_path / "ray" / "results.jsonl").read_text().splitlines()
    assert len(ledger) == len(local)  # the driver wrote each record once
    again = run_evaluation_sync(
        RunConfig(
            task="embodied",
            limit=3,
            out=tmp_path / "ray",
            progress=False,
            policy="scripted:oracle",
            executor="ray",
            replicas=2,
        ),  # fmt: skip
        warn=lambda _: None,
    )
    assert again.ran == 0 and again.skipped == len(local)  # resume works as for a local run


def test_tiny_hf_records_equal_the_local_executor(cluster: None, tmp_path: Path) -> None:
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from tests.policies.tiny_vlm import build_tiny_vlm

    spec = f"hf:{build_tiny_vlm(tmp_path / 'tiny-vlm')}"
    local = run(tmp_path, "local", policy=spec, concurrency=1)
    on_ray = run(tmp_path, "ray", policy=spec, executor="ray", replicas=1, concurrency=1)
    assert comparable(on_ray) == comparable(local)
    assert all(isinstance(r.response, str) for r in on_ray)


def _kill_one_worker_after(ledger: Path, n_lines: int, killed: list[int]) -> None:
    """Once ``ledger`` holds ``n_lines`` records, SIGKILL one live EpisodeWorker actor process."""
    from ray._private import state

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if ledger.exists() and len(ledger.read_text().splitlines()) >= n_lines:
            for actor in state.actors().values():
                if actor.get("ActorClassName") == "EpisodeWorker" and actor.get("State") == "ALIVE":
                    os.kill(int(actor["Pid"]), signal.SIGKILL)
                    killed.append(int(actor["Pid"]))
                    return
        time.sleep(0.02)


def test_an_actor_killed_mid_run_loses_nothing(cluster: None, tmp_path: Path) -> None:
    killed: list[int] = []
    out = tmp_path / "killed"
    with LocalOpenAIServer(reply="1. Goto Sink", latency_s=0.25) as server:
        killer = threading.Thread(target=_kill_one_worker_after, args=(out / "results.jsonl", 2, killed))
        killer.start()
        records = run(
            tmp_path, "killed", policy="openai:m", base_url=server.base_url, executor="ray", replicas=2,
            concurrency=2, limit=5,
        )  # fmt: skip
        killer.join()
        n_requests = server.n_requests
    lines = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert killed, "no actor was killed: the run ended before the second record"
    assert len(records) == len(lines) == 10 and len({r["episode_id"] for r in lines}) == 10
    assert all(r["error"] is None for r in lines) and n_requests >= 10


def test_replica_configs_and_option_checks() -> None:
    urls = [c.base_url for c in replica_configs(RunConfig(base_url="http://a/v1, http://b/v1"), 3)]
    assert urls == ["http://a/v1", "http://b/v1", "http://a/v1"]
    with pytest.raises(ConfigError, match="only used with --executor ray"):
        run_evaluation_sync(RunConfig(replicas=2, progress=False))
    with pytest.raises(ConfigError, match="need --executor ray"):
        run_evaluation_sync(RunConfig(base_url="http://a/v1,http://b/v1", progress=False))
    with pytest.raises(ConfigError, match="--executor 'spark'"):
        run_evaluation_sync(RunConfig(executor="spark", progress=False))
