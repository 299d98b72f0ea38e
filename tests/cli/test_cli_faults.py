"""Endpoint faults end a run early with one line naming the cause; ``requests:`` counts HTTP requests."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from mssbench_embodied.llm.chat_client import HALT_STREAK
from mssbench_embodied.llm.local_server import LocalOpenAIServer
from tests.cli.helpers import cli_env, model_reply, run_cli
from tests.mssbench_fixture import make_mssbench

N_EPISODES = 44
CONCURRENCY = 4


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_mssbench(tmp_path_factory.mktemp("mssbench"))


class StatusServer:
    """Answers every chat request with one HTTP error status, as a provider does for an unknown model.

    ``message`` is the error text, or ``message(n)`` for the n-th request.
    """

    def __init__(self, status: int, message: str | Callable[[int], str]) -> None:
        self.n_requests = 0
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                return None

            def do_POST(self) -> None:  # noqa: N802
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                owner.n_requests += 1
                text = message if isinstance(message, str) else message(owner.n_requests)
                body = json.dumps({"error": {"message": text, "type": "invalid_request_error"}}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> StatusServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def run_against(data: Path, out: Path, base_url: str, key: str = "sk-wrong-key-123") -> Any:
    return run_cli(
        "run", "--data", str(data), "--out", str(out), "--policy", "openai:m", "--base-url", base_url,
        "--concurrency", str(CONCURRENCY), env=cli_env(OPENAI_API_KEY=key),
    )  # fmt: skip


def assert_stopped(done: Any, out: Path, *words: str) -> str:
    assert done.returncode == 2, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in done.stderr, lines
    assert all(word in lines[0] for word in words), lines[0]
    run = json.loads((out / "run.json").read_text())
    assert run["invocations"][-1]["status"] == "stopped"
    return lines[0]


def test_wrong_key_stops_after_a_short_streak_naming_authentication(data: Path, tmp_path: Path) -> None:
    with LocalOpenAIServer(reply=model_reply, expected_key="sk-right-key-456") as server:
        done = run_against(data, tmp_path / "run", server.base_url)
    line = assert_stopped(done, tmp_path / "run", "refused the API key", "OPENAI_API_KEY", "HTTP 401")
    assert "sk-wrong-key-123" not in line and "sk-right" not in line
    assert server.n_requests < HALT_STREAK + CONCURRENCY  # not one request per episode (44)
    invocation = json.loads((tmp_path / "run" / "run.json").read_text())["invocations"][-1]
    recorded = (tmp_path / "run" / "results.jsonl").read_text().splitlines()
    assert invocation["n_requests"] == len(recorded) > 0  # a refused call still counts the request it made


def test_unknown_model_stops_naming_the_model(data: Path, tmp_path: Path) -> None:
    with StatusServer(404, "The model `m` does not exist") as server:
        done = run_against(data, tmp_path / "run", server.base_url)
    assert_stopped(done, tmp_path / "run", "does not know model 'm'", "HTTP 404")
    assert server.n_requests < HALT_STREAK + CONCURRENCY


def test_different_bad_requests_do_not_stop_the_run(data: Path, tmp_path: Path) -> None:
    """Only a streak of *identical* refusals stops: a 400 that names each request differently is the request's."""
    with StatusServer(400, lambda n: f"prompt {n} is too long") as server:
        done = run_against(data, tmp_path / "run", server.base_url)
    assert done.returncode == 1, done.stderr  # every episode ran and is recorded as an error
    assert server.n_requests == N_EPISODES


def test_unreachable_endpoint_trips_the_circuit_breaker(data: Path, tmp_path: Path) -> None:
    with LocalOpenAIServer(fault_rate=1.0, fault_kinds=["drop"]) as server:
        done = run_against(data, tmp_path / "run", server.base_url, key="sk-any")
    assert_stopped(done, tmp_path / "run", "unreachable", "--base-url")
    # One call's retry budget (7 attempts) opens the breaker; calls in flight stop instead of backing off.
    assert server.n_requests <= 7 + CONCURRENCY  # before: 7 per episode, 308 for this data


def test_judge_command_stops_on_a_wrong_key(tmp_path: Path) -> None:
    lines = tmp_path / "in.jsonl"
    lines.write_text(
        "".join(json.dumps({"id": i, "response": "Sure.", "task": "chat"}) + "\n" for i in range(20))
    )
    with LocalOpenAIServer(reply="<answer>1</answer>", expected_key="sk-right-key-456") as server:
        done = run_cli(
            "judge", "--judge", "openai:j", "--base-url", server.base_url, "--concurrency", "2", str(lines),
            env=cli_env(OPENAI_API_KEY="sk-wrong-key-123"),
        )  # fmt: skip
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and "refused the API key" in lines[0] and "sk-wrong" not in lines[0], lines
    assert server.n_requests < HALT_STREAK + 2


def test_requests_line_counts_http_requests_with_retries(tmp_path: Path) -> None:
    with LocalOpenAIServer(reply=model_reply, script=["503", "503", "500"]) as server:
        done = run_cli(
            "run", "--task", "chat", "--limit", "2", "--out", str(tmp_path / "run"), "--policy", "openai:m",
            "--base-url", server.base_url, "--concurrency", "1", env=cli_env(OPENAI_API_KEY="sk-any"),
        )  # fmt: skip
    assert done.returncode == 0, done.stderr
    match = re.search(r"^requests: (\d+)", done.stdout, re.MULTILINE)
    assert match and int(match.group(1)) == server.n_requests == 4 + 3
    summary = json.loads((tmp_path / "run" / "summary.json").read_text())
    assert summary["run"]["n_requests"] == 7
