"""The run folder is ours alone: foreign folders are refused, a live run's folder is locked, faults end cleanly."""

from __future__ import annotations

import json
import resource
import signal
import subprocess
import threading
from pathlib import Path
from typing import Any

import pytest

from mssbench_embodied.llm.local_server import LocalOpenAIServer
from tests.cli.helpers import cli_command, cli_env, load_jsonl, model_reply, run_cli
from tests.mssbench_fixture import make_mssbench

N_EPISODES = 44  # the default fixture: 14 chat pairs + 8 embodied pairs


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_mssbench(tmp_path_factory.mktemp("mssbench"))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


class Gate:
    """A fake model whose answers wait until :meth:`open` (so a run is surely live while we poke at it)."""

    def __init__(self) -> None:
        self.event = threading.Event()

    def reply(self, body: dict[str, Any]) -> str:
        self.event.wait(60)
        return model_reply(body)

    def open(self) -> None:
        self.event.set()


def wait_for_request(server: LocalOpenAIServer, proc: subprocess.Popen[str]) -> None:
    """Block until the run has sent a request (it then holds its folder), or fail if it exited first."""
    for _ in range(600):
        if server.n_requests:
            return
        try:
            proc.wait(0.1)
        except subprocess.TimeoutExpired:
            continue
        raise AssertionError(
            f"the run exited before its first request: {proc.stderr.read() if proc.stderr else ''}"
        )
    raise AssertionError("no request within 60 s")


# --- item 2: --out must be empty, absent or one of our runs ---------------------------------------------------


def test_out_folder_holding_foreign_files_is_refused_untouched(tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "report.html").write_text("<p>my own report</p>")
    (out / "summary.json").write_text('{"mine": true}')
    (out / "results.jsonl").write_text('{"user": "data"}\n')
    (out / "notes.txt").write_text("keep me")
    before = snapshot(out)
    for extra in ([], ["--no-resume"]):
        done = run_cli("run", "--task", "chat", "--limit", "1", "--out", str(out), *extra)
        assert done.returncode == 2, done.stderr
        lines = error_lines(done.stderr)
        assert len(lines) == 1 and str(out) in lines[0] and "not a mssbench-embodied run" in lines[0]
        assert "Traceback" not in done.stderr
        assert snapshot(out) == before  # nothing overwritten, appended, moved or added (not even a lock file)


def test_no_resume_moves_only_our_files(tmp_path: Path) -> None:
    out = tmp_path / "run"
    assert run_cli("run", "--task", "chat", "--limit", "1", "--out", str(out)).returncode == 0
    (out / "notes.txt").write_text("my notes about this run")
    (out / "results.jsonl.mine").write_text("not ours either")
    done = run_cli("run", "--task", "chat", "--limit", "1", "--out", str(out), "--no-resume")
    assert done.returncode == 0, done.stderr
    assert (out / "notes.txt").read_text() == "my notes about this run"
    assert (out / "results.jsonl.mine").read_text() == "not ours either"
    moved = sorted(p.name for p in out.iterdir() if ".bak-" in p.name)
    assert [m.split(".bak-")[0] for m in moved] == ["results.jsonl", "summary.json"]
    assert len(load_jsonl(out / "results.jsonl")) == 2


# --- item 3: an exclusive lock on the run folder ----------------------------------------------------------------


def test_second_run_no_resume_and_merge_are_refused_while_a_run_is_live(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "live"
    env = cli_env(OPENAI_API_KEY="sk-test")
    gate = Gate()
    with LocalOpenAIServer(reply=gate.reply) as server:
        args = ["run", "--data", str(data), "--policy", "openai:m", "--base-url", server.base_url]
        live = subprocess.Popen(
            cli_command(*args, "--out", str(out), "--concurrency", "2"),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            wait_for_request(server, live)
            for extra in ([], ["--no-resume"]):
                second = run_cli(*args, "--out", str(out), *extra, env=env)
                assert second.returncode == 2, second.stderr
                lines = error_lines(second.stderr)
                assert len(lines) == 1 and f"pid {live.pid}" in lines[0], lines
            assert not [p for p in out.iterdir() if ".bak-" in p.name]  # --no-resume moved nothing
            merged = run_cli("merge", str(out), "--out", str(tmp_path / "merged"))
            assert merged.returncode == 2 and f"pid {live.pid}" in merged.stderr
        finally:
            gate.open()
            stdout, stderr = live.communicate(timeout=120)
        assert live.returncode == 0, stderr
        assert server.n_requests == N_EPISODES  # the refused runs sent nothing
    records = load_jsonl(out / "results.jsonl")
    assert len(records) == N_EPISODES == len({r["episode_id"] for r in records})
    assert len(json.loads((out / "run.json").read_text())["invocations"]) == 1
    assert run_cli(*args, "--out", str(out), env=env).returncode == 0  # the lock died with its run


# --- item 6: SIGTERM is Ctrl-C; a full disk is one line and exit 2 ------------------------------------------------


def test_sigterm_marks_the_run_interrupted_and_resumes(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "term"
    env = cli_env(OPENAI_API_KEY="sk-test")
    gate = Gate()
    with LocalOpenAIServer(reply=gate.reply) as server:
        args = [
            "run",
            "--data",
            str(data),
            "--policy",
            "openai:m",
            "--base-url",
            server.base_url,
            "--out",
            str(out),
        ]
        proc = subprocess.Popen(
            cli_command(*args), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        try:
            wait_for_request(server, proc)
            proc.send_signal(signal.SIGTERM)
            _, stderr = proc.communicate(timeout=60)
        finally:
            gate.open()
        assert proc.returncode == 143
        assert error_lines(stderr) == [
            "mssbench-embodied: terminated (SIGTERM); re-run the same command to resume"
        ]
        run = json.loads((out / "run.json").read_text())
        assert run["invocations"][-1]["status"] == "interrupted"
        resumed = run_cli(*args, env=env)
    assert resumed.returncode == 0, resumed.stderr
    assert len({r["episode_id"] for r in load_jsonl(out / "results.jsonl")}) == N_EPISODES


@pytest.mark.parametrize("limit_bytes", [4_000, 20_000, 55_000])
def test_full_disk_is_one_line_exit_2_and_records_stay_intact(
    data: Path, tmp_path: Path, limit_bytes: int
) -> None:
    """RLIMIT_FSIZE makes every write past the limit fail as a full disk does (EFBIG instead of ENOSPC): the
    limits hit run.json at the start, the ledger mid-run, and the report written at the end."""
    out = tmp_path / "full"
    args = ["run", "--data", str(data), "--out", str(out), "--concurrency", "1"]

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    env = cli_env(PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run(
        cli_command(*args),
        env=env,
        capture_output=True,
        text=True,
        preexec_fn=small_disk,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    lines = error_lines(done.stderr)
    assert len(lines) == 1 and "File too large" in lines[0] and "re-run the same command" in lines[0], lines
    assert not list(out.glob("*.tmp"))
    ledger = out / "results.jsonl"
    text = ledger.read_text() if ledger.exists() else ""
    assert not text or text.endswith("\n")  # no partial record left behind
    assert all(json.loads(line)["episode_id"] for line in text.splitlines())
    resumed = run_cli(*args)
    assert resumed.returncode == 0, resumed.stderr
    records = load_jsonl(out / "results.jsonl")
    assert len({r["episode_id"] for r in records}) == N_EPISODES
