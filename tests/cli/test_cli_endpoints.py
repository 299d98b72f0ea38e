"""Every flag that names an endpoint reaches the client that uses it (two loopback servers each, real HTTP)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mssbench_embodied.llm.local_server import LocalOpenAIServer
from tests.cli.helpers import cli_env, model_reply, run_cli

JUDGE_REVIEW = "It names the hazard. <answer>1</answer>"


def reply(body: dict[str, Any]) -> str:
    """Judges (model name starting 'judge') get a rubric review, policies a fake VLM answer."""
    return JUDGE_REVIEW if str(body.get("model", "")).startswith("judge") else model_reply(body)


def models(server: LocalOpenAIServer) -> set[str]:
    return {str(r.body.get("model")) for r in server.requests}


def test_judge_base_url_beats_openai_base_url(tmp_path: Path) -> None:
    lines = tmp_path / "in.jsonl"
    lines.write_text(
        "".join(json.dumps({"id": i, "response": "Sure.", "task": "chat"}) + "\n" for i in range(3))
    )
    with (
        LocalOpenAIServer(reply=reply) as env_server,
        LocalOpenAIServer(reply=reply, expected_key="sk-judge-key-1") as flag_server,
    ):
        env = cli_env(OPENAI_BASE_URL=env_server.base_url, OPENAI_API_KEY="sk-judge-key-1")
        done = run_cli(
            "judge", "--judge", "openai:judge-m", "--base-url", flag_server.base_url, str(lines), env=env
        )
        assert done.returncode == 0, done.stderr
        assert [json.loads(line)["label"] for line in done.stdout.splitlines()] == [1, 1, 1]
        assert env_server.n_requests == 0  # neither the request nor the key went to OPENAI_BASE_URL
        assert flag_server.n_requests == 3 and all(r.authorized for r in flag_server.requests)


def test_judge_base_url_must_be_http(tmp_path: Path) -> None:
    lines = tmp_path / "in.jsonl"
    lines.write_text(json.dumps({"id": 1, "response": "Sure.", "task": "chat"}) + "\n")
    done = run_cli("judge", "--judge", "openai:judge-m", "--base-url", "ftp://x", str(lines))
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "mssbench-embodied: error: --base-url 'ftp://x': must start with http:// or https://"
    ]


def test_run_policy_and_judge_endpoints_reach_their_own_servers(tmp_path: Path) -> None:
    with (
        LocalOpenAIServer(reply=reply) as policy_server,
        LocalOpenAIServer(reply=reply) as judge_server,
    ):
        # OPENAI_BASE_URL points at the policy's server: a judge that ignored --judge-base-url would land there.
        env = cli_env(OPENAI_BASE_URL=policy_server.base_url, OPENAI_API_KEY="sk-test-key-2")
        done = run_cli(
            "run", "--task", "chat", "--limit", "2", "--out", str(tmp_path / "run"),
            "--policy", "openai:vlm", "--base-url", policy_server.base_url,
            "--judge", "openai:judge-m", "--judge-base-url", judge_server.base_url,
            env=env,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert models(policy_server) == {"vlm"} and policy_server.n_requests == 4
        assert models(judge_server) == {"judge-m"} and judge_server.n_requests >= 1


def test_policy_base_url_reaches_wrapped_and_preset_policies(tmp_path: Path) -> None:
    with LocalOpenAIServer(reply=reply) as env_server, LocalOpenAIServer(reply=reply) as flag_server:
        env = cli_env(
            OPENAI_BASE_URL=env_server.base_url, OPENAI_API_KEY="sk-a", ANTHROPIC_API_KEY="sk-ant-test"
        )
        for n, (policy, setting) in enumerate(
            (("multiagent:openai:vlm", "if"), ("claude-3.5-sonnet", "ic_selfcap"))
        ):
            done = run_cli(
                "run", "--task", "chat", "--limit", "1", "--setting", setting,
                "--out", str(tmp_path / f"run{n}"), "--policy", policy, "--base-url", flag_server.base_url,
                env=env,
            )  # fmt: skip
            assert done.returncode == 0, (policy, done.stderr)
        # The preset's own base_url (Anthropic) and OPENAI_BASE_URL both lose to --base-url.
        assert env_server.n_requests == 0
        assert models(flag_server) == {"vlm", "claude-3-5-sonnet-20240620"}
