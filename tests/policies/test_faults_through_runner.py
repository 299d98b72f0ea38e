"""20% injected faults through the whole runner: every episode recorded, no error scored, the key nowhere."""

from __future__ import annotations

import json
import logging
import secrets
from pathlib import Path

import pytest

from tests.mssbench_fixture import make_mssbench

runner = pytest.importorskip("mssbench_embodied.runner")

from mssbench_embodied.llm.local_server import LocalOpenAIServer  # noqa: E402


def test_faulty_endpoint_every_episode_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    key = "sk-run-" + secrets.token_hex(10)
    monkeypatch.setenv("OPENAI_API_KEY", key)
    caplog.set_level(logging.DEBUG)
    data = make_mssbench(tmp_path / "mss")
    out = tmp_path / "run"
    kinds = ["429", "500", "hang", "malformed", "empty", "drop"]
    # The first 32 requests fail: with 16 episodes in flight and 2 attempts each, at least 8 episodes must run
    # out of budget (32 = episodes touched + episodes failed twice, and touched <= 16 + failed twice).
    with LocalOpenAIServer(
        reply="1. Goto Sink\n2. Toggle Faucet",
        script=["500"] * 32,
        fault_rate=0.2,
        fault_kinds=kinds,
        seed=3,
        hang_s=10,
        expected_key=key,
    ) as server:
        config = runner.RunConfig(
            data=data,
            policy="openai:fake-vlm",
            base_url=server.base_url,
            request_timeout=0.4,
            concurrency=16,
            out=out,
            progress=False,
            # One retry only, so that some episodes do run out of budget and must be recorded as errors.
            policy_options={"max_retries": 1, "retry_base_delay_s": 0.01},
        )
        outcome = runner.run_evaluation_sync(config, warn=lambda message: None)
    records = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert len(records) == outcome.planned == len({r["episode_id"] for r in records})
    faulted = [r for r in server.requests if r.fault]
    assert len(server.requests) > len(records) and len(faulted) >= 32  # faults happened and were retried
    answered = [r for r in records if r["error"] is None]
    errors = [r for r in records if r["error"] is not None]
    assert len(answered) == len(server.completions())
    for record in answered:
        assert record["response"] == "1. Goto Sink\n2. Toggle Faucet" and record["correct"] is not None
    for record in errors:
        assert record["response"] is None and record["correct"] is None and record["label"] is None
        assert "gave up after 2 attempts" in record["error"] and "\n" not in record["error"]
    assert outcome.errors == len(errors) >= 8 and answered
    written = "".join(p.read_text() for p in out.iterdir() if p.is_file())
    assert key not in written
    assert all(key not in r.getMessage() for r in caplog.records)
