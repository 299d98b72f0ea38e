"""`mssbench-embodied run` end to end in a subprocess: a real SIGKILL mid-run, resume, errors, no key leaks."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from pathlib import Path

import pytest

from mssbench_embodied.api import run_config
from mssbench_embodied.cli.main import build_parser
from mssbench_embodied.cli.run_cmd import config_from_args
from mssbench_embodied.data.results import prompt_hash
from mssbench_embodied.llm.local_server import LocalOpenAIServer
from mssbench_embodied.runner import read_ledger
from tests.cli.helpers import cli_command, cli_env, load_jsonl, model_reply, run_cli
from tests.mssbench_fixture import make_mssbench

N_EPISODES = 44  # the default fixture: 14 chat pairs + 8 embodied pairs


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_mssbench(tmp_path_factory.mktemp("mssbench"))


def comparable(record: dict) -> dict:
    return {k: v for k, v in record.items() if k not in ("latency_s",)}


def by_id(records: list[dict]) -> dict[str, dict]:
    return {r["episode_id"]: comparable(r) for r in records}


def test_resume_after_sigkill_equals_uninterrupted_run(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    killed, whole = tmp_path / "killed", tmp_path / "whole"
    env = cli_env(OPENAI_API_KEY="sk-test-secret-123")

    def args(server: LocalOpenAIServer, out: Path) -> list[str]:
        return [
            "run",
            "--data",
            str(data),
            "--policy",
            "openai:fake-vlm",
            "--base-url",
            server.base_url,
            "--out",
            str(out),
        ]

    # The killed run talks to its own server, so requests still in its sockets cannot blur the counts below.
    with LocalOpenAIServer(reply=model_reply, latency_s=0.05) as first:
        proc = subprocess.Popen(
            cli_command(*args(first, killed), "--concurrency", "2"),
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
        )
        ledger = killed / "results.jsonl"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            if ledger.exists() and ledger.read_bytes().count(b"\n") >= 10:
                break
            time.sleep(0.01)
        assert proc.poll() is None, "the run finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    # Whole records only: a line cut by the kill (if the kill hit a write) is skipped and redone.
    before = [r.to_dict() for r in read_ledger(ledger).records]
    assert 10 <= len(before) < N_EPISODES

    with LocalOpenAIServer(reply=model_reply) as server:
        resumed = run_cli(*args(server, killed), env=env)
        assert resumed.returncode == 0, resumed.stderr
        assert "Traceback" not in resumed.stderr
        # Only the episodes not recorded before the kill were asked again.
        assert server.n_requests == N_EPISODES - len(before)
        asked = sorted(prompt_hash(r.texts[0]) for r in server.requests)
        recorded = {r["episode_id"] for r in before}
        missing = [r.to_dict() for r in read_ledger(ledger).records if r.episode_id not in recorded]
        assert asked == sorted(r["prompt_hash"] for r in missing)  # exactly the missing episodes' prompts

        # The reference: the same configuration run without interruption (in-process, same code path as `run`).
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test-secret-123")
        config = config_from_args(build_parser().parse_args([*args(server, whole), "--concurrency", "8"]))
        assert run_config(config, warn=lambda m: None).exit_code == 0
        n_after_both = server.n_requests
        assert n_after_both == 2 * N_EPISODES - len(before)

        after = [r.to_dict() for r in read_ledger(ledger).records]
        ids = [r["episode_id"] for r in after]
        assert len(ids) == len(set(ids)) == N_EPISODES  # none duplicated, none missing
        assert after[: len(before)] == before  # the ledger was only appended to
        assert by_id(after) == by_id(load_jsonl(whole / "results.jsonl"))  # identical modulo latency
        summary = json.loads((killed / "summary.json").read_text())
        reference = json.loads((whole / "summary.json").read_text())
        assert summary["tasks"] == reference["tasks"] and summary["overall"] == reference["overall"]
        assert summary["run"]["n_requests"] == reference["run"]["n_requests"] == N_EPISODES

        # A re-run does no new work and leaves the summary as it was.
        again = run_cli(*args(server, killed), env=env)
        assert again.returncode == 0 and server.n_requests == n_after_both
        assert "requests: 0" in again.stdout
        assert json.loads((killed / "summary.json").read_text()) == summary
    # The API key is in no file the run wrote, and the progress bar stayed quiet (stderr is not a terminal).
    for path in [*killed.iterdir(), *whole.iterdir()]:
        assert "sk-test-secret-123" not in path.read_text()
    assert "episodes:" in resumed.stdout and "%|" not in resumed.stderr + again.stderr


def test_policy_errors_exit_1_then_retry_clears_them(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with LocalOpenAIServer(reply=model_reply, expected_key="sk-right") as server:
        args = ["run", "--data", str(data), "--policy", "openai:fake-vlm", "--base-url", server.base_url]
        args += ["--out", str(out), "--limit", "1", "--task", "chat"]
        wrong = run_cli(*args, env=cli_env(OPENAI_API_KEY="wrong-test-key-456"))
        assert wrong.returncode == 1, wrong.stderr
        assert "Traceback" not in wrong.stderr and "ended in errors" in wrong.stderr
        records = load_jsonl(out / "results.jsonl")
        assert len(records) == 2
        for record in records:
            assert record["error"] and "\n" not in record["error"] and record["correct"] is None
            assert record["label"] is None and record["response"] is None
        assert "wrong-test-key-456" not in "".join(p.read_text() for p in out.iterdir())
        assert "wrong-test-key-456" not in wrong.stdout + wrong.stderr
        summary = json.loads((out / "summary.json").read_text())
        assert summary["tasks"]["chat"]["errors"] == 2 and summary["tasks"]["chat"]["safe_acc"] is None

        right = run_cli(*args, env=cli_env(OPENAI_API_KEY="sk-right"))
        assert right.returncode == 0, right.stderr
        assert len(server.completions()) == 2
        summary = json.loads((out / "summary.json").read_text())
        assert summary["tasks"]["chat"]["errors"] == 0 and summary["overall"]["avg"] is not None


def test_ic_selfcap_asks_for_a_caption_first(data: Path, tmp_path: Path) -> None:
    with LocalOpenAIServer(reply="A kitchen. Answer: No") as server:
        result = run_cli(
            "run",
            "--data",
            str(data),
            "--policy",
            "openai:fake-vlm",
            "--base-url",
            server.base_url,
            "--setting",
            "ic_selfcap",
            "--task",
            "embodied",
            "--limit",
            "1",
            "--out",
            str(tmp_path / "o"),
        )
        assert result.returncode == 0, result.stderr
        assert server.n_requests == 4  # two episodes, each a caption call then the answer call
        assert all(r.n_images == 1 for r in server.requests[:1])
    records = load_jsonl(tmp_path / "o" / "results.jsonl")
    assert [r["calls"] for r in records] == [2, 2]
    assert json.loads((tmp_path / "o" / "summary.json").read_text())["run"]["n_requests"] == 4
