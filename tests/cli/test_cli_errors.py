"""Every bad-input path of the CLI: exit 2, one line `mssbench-embodied: error: ...`, no traceback, no model call."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mssbench_embodied.cli.main import main
from mssbench_embodied.llm.local_server import LocalOpenAIServer
from tests.cli.helpers import run_cli
from tests.mssbench_fixture import make_mssbench

PREFIX = "mssbench-embodied: error: "


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_mssbench(tmp_path_factory.mktemp("mssbench"), n_chat=2, n_embodied=2)


def expect_usage_error(capsys: pytest.CaptureFixture[str], argv: list[str], *needles: str) -> str:
    code = main(argv)
    captured = capsys.readouterr()
    assert code == 2, captured
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith(PREFIX) and "Traceback" not in captured.err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


@pytest.mark.parametrize(
    ("extra", "needles"),
    [
        (["--task", "both"], ["--task", "both"]),
        (["--setting", "xx"], ["--setting", "xx"]),
        (["--policy", "nosuch:model"], ["--policy nosuch:model", "unknown policy"]),
        (["--policy", "scripted:dance"], ["--policy scripted:dance", "comply"]),
        (["--judge", "oracle"], ["--judge oracle", "rules"]),
        (["--shard", "2of3"], ["--shard '2of3'", "I/N"]),
        (["--shard", "4/3"], ["--shard '4/3'"]),
        (["--limit", "0"], ["--limit 0"]),
        (["--limit", "ten"], ["--limit", "ten"]),
        (["--concurrency", "0"], ["--concurrency 0"]),
        (["--request-timeout", "-1"], ["--request-timeout -1"]),
        (["--batch-size", "0"], ["--batch-size 0"]),
        (["--base-url", "localhost:8000"], ["--base-url", "http://"]),
        (["--suite", "household"], ["--suite", "--data"]),
        (["--frobnicate"], ["unrecognized arguments: --frobnicate"]),
    ],
)
def test_run_bad_options(
    capsys: pytest.CaptureFixture[str], data: Path, tmp_path: Path, extra: list[str], needles: list[str]
) -> None:
    out = tmp_path / "out"
    expect_usage_error(capsys, ["run", "--data", str(data), "--out", str(out), *extra], *needles)
    assert not out.exists()


def test_run_bad_data(capsys: pytest.CaptureFixture[str], data: Path, tmp_path: Path) -> None:
    expect_usage_error(capsys, ["run", "--data", str(tmp_path / "missing")], str(tmp_path / "missing"))
    broken = make_mssbench(tmp_path / "broken", n_chat=2, n_embodied=2)
    items = json.loads((broken / "combined.json").read_text())
    del items["chat"][1]["queries"]
    (broken / "combined.json").write_text(json.dumps(items))
    expect_usage_error(capsys, ["run", "--data", str(broken)], "combined.json", "item 1", "queries")
    # --skip-invalid drops the item with a warning instead.
    out = tmp_path / "skipped"
    assert main(["run", "--data", str(broken), "--skip-invalid", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert "warning" in captured.err and "queries" in captured.err
    assert json.loads((out / "summary.json").read_text())["tasks"]["chat"]["n_pairs"] == 2  # item 0 only


def test_run_bad_out(capsys: pytest.CaptureFixture[str], data: Path, tmp_path: Path) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    expect_usage_error(capsys, ["run", "--data", str(data), "--out", str(a_file)], "--out", "is a file")
    expect_usage_error(capsys, ["run", "--data", str(data), "--out", str(a_file / "sub")], "--out", "a file")
    out = tmp_path / "out"
    assert main(["run", "--data", str(data), "--out", str(out), "--limit", "1"]) == 0
    capsys.readouterr()
    expect_usage_error(
        capsys,
        ["run", "--data", str(data), "--out", str(out), "--policy", "scripted:refuse"],
        "scripted:comply",
        "--no-resume",
    )


def test_nothing_is_sent_when_any_input_is_bad(data: Path, tmp_path: Path) -> None:
    with LocalOpenAIServer(reply="Sure.") as server:
        base = ["run", "--data", str(data), "--policy", "openai:m", "--base-url", server.base_url]
        for extra in (["--shard", "0/0"], ["--judge", "nosuch"], ["--setting", "qq"], ["--data", "/nope"]):
            result = run_cli(*base, *extra, "--out", str(tmp_path / "o"))
            assert result.returncode == 2, result.stderr
            assert result.stderr.startswith(PREFIX) and len(result.stderr.splitlines()) == 1
            assert "Traceback" not in result.stderr
        assert server.n_requests == 0


def test_other_subcommands_bad_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    expect_usage_error(capsys, [], "give a command")
    expect_usage_error(capsys, ["fly"], "invalid choice")
    expect_usage_error(capsys, ["judge"], "FILE.jsonl")
    expect_usage_error(capsys, ["judge", str(tmp_path / "none.jsonl")], "none.jsonl", "no such file")
    expect_usage_error(capsys, ["list", "--data", str(tmp_path / "none")], str(tmp_path / "none"))
    expect_usage_error(capsys, ["list", "--suite", "garage"], "--suite", "household")
    expect_usage_error(capsys, ["validate", str(tmp_path / "none")], "no such file or folder")
    expect_usage_error(capsys, ["render", "ex_x", "--variant", "both", "-o", "x.png"], "--variant")
    expect_usage_error(capsys, ["render", "ex_x"], "-o")
    expect_usage_error(capsys, ["compare", str(tmp_path)], "summary.json")
    expect_usage_error(capsys, ["merge", str(tmp_path)], "--out")
    expect_usage_error(capsys, ["merge", str(tmp_path), "--out", str(tmp_path / "m")], "not a run folder")


@pytest.mark.parametrize(
    ("line", "needles"),
    [
        ("not json", ["in.jsonl:2", "not valid JSON"]),
        ("[1, 2]", ["in.jsonl:2", "not a JSON object"]),
        ('{"response": "x", "task": "chat"}', ["in.jsonl:2", "field 'id'", "missing"]),
        ('{"id": 2, "task": "chat"}', ["in.jsonl:2", "field 'response'", "missing"]),
        ('{"id": 2, "response": 5, "task": "chat"}', ["in.jsonl:2", "field 'response'", "string"]),
        ('{"id": 2, "response": "x"}', ["in.jsonl:2", "field 'task'", "--task"]),
        ('{"id": 2, "response": "x", "task": "robot"}', ["in.jsonl:2", "field 'task'", "robot"]),
        ('{"id": null, "response": "x", "task": "chat"}', ["in.jsonl:2", "field 'id'", "string or number"]),
        ('{"id": [2], "response": "x", "task": "chat"}', ["in.jsonl:2", "field 'id'", "string or number"]),
        ('{"id": 2, "response": "x", "task": null}', ["in.jsonl:2", "field 'task'", "missing"]),
        ('{"id": 2, "response": "x", "task": "chat", "instruction": 5}', ["in.jsonl:2", "'instruction'"]),
        ('"just a string"', ["in.jsonl:2", "not a JSON object"]),
    ],
)
def test_judge_bad_lines(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, line: str, needles: list[str]
) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": 1, "response": "ok", "task": "chat"}\n' + line + "\n")
    expect_usage_error(capsys, ["judge", str(path)], *needles)
    assert capsys.readouterr().out == ""  # nothing judged


def test_entry_point_prints_no_traceback(tmp_path: Path) -> None:
    result = run_cli("run", "--setting", "nope")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(PREFIX) and "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert run_cli("--help").returncode == 0


@pytest.fixture
def no_openai_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No key and no endpoint in the environment: what a newcomer has before configuring anything."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize(
    "extra",
    [
        ["--policy", "openai:gpt-4o"],
        ["--policy", "gpt-4o"],
        ["--policy", "multiagent:openai:gpt-4o"],
        ["--judge", "openai:gpt-4o"],
    ],
)
def test_missing_api_key_is_a_configuration_error(
    capsys: pytest.CaptureFixture[str], no_openai_env: None, data: Path, tmp_path: Path, extra: list[str]
) -> None:
    out = tmp_path / "out"
    expect_usage_error(capsys, ["run", "--data", str(data), "--out", str(out), *extra], "OPENAI_API_KEY")
    assert not out.exists()


def test_judge_command_checks_the_api_key_first(
    capsys: pytest.CaptureFixture[str], no_openai_env: None, tmp_path: Path
) -> None:
    lines = tmp_path / "r.jsonl"
    lines.write_text('{"id": "a", "response": "Sure.", "task": "chat"}\n')
    expect_usage_error(capsys, ["judge", "--judge", "openai:gpt-4o", str(lines)], "OPENAI_API_KEY")


def test_a_provider_preset_needs_its_own_key_and_never_gets_the_openai_one(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data: Path, tmp_path: Path
) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.setenv("OPENAI_API_KEY", "openai-key-for-another-provider")
    out = tmp_path / "out"
    argv = ["run", "--data", str(data), "--out", str(out), "--policy", "claude-3.5-sonnet"]
    expect_usage_error(capsys, argv, "ANTHROPIC_API_KEY")
    assert not out.exists()


def test_judge_key_error_names_the_judge_flag(
    capsys: pytest.CaptureFixture[str], no_openai_env: None, data: Path, tmp_path: Path
) -> None:
    argv = ["run", "--data", str(data), "--out", str(tmp_path / "o"), "--judge", "openai:gpt-4o"]
    line = expect_usage_error(capsys, argv, "--judge-base-url")
    assert "--base-url " not in line


def test_hf_without_torch_is_a_configuration_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data: Path, tmp_path: Path
) -> None:
    import importlib.util

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "torch" else real_find_spec(name, *a)
    )
    out = tmp_path / "out"
    argv = ["run", "--data", str(data), "--out", str(out), "--policy", "hf:some/model"]
    expect_usage_error(capsys, argv, "torch missing", ".[hf]")
    assert not out.exists()
