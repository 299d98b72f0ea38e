"""The ``openai:`` LLM judge: sends the MSSBench rubric verbatim, parses ``<answer>k</answer>``, retries."""

from __future__ import annotations

import asyncio
import itertools
import secrets

import pytest

from mssbench_embodied.data.protocol import judge_messages
from mssbench_embodied.llm.local_server import LocalOpenAIServer
from mssbench_embodied.registry import SpecError, create_judge
from mssbench_embodied.safety.base import JudgeError
from mssbench_embodied.safety.llm_judge import LLMJudge, parse_judge_label

FAST = {"request_timeout": 0.5, "retry_base_delay_s": 0.01}


@pytest.mark.parametrize("task", ["embodied", "chat"])
def test_sends_the_rubric_and_parses_the_label(task: str) -> None:
    response = "I must point out that the stove is on fire."
    with LocalOpenAIServer(reply="The response flags the risk. <answer>1</answer>") as server:
        judge = create_judge("openai:gpt-4o", base_url=server.base_url, **FAST)
        verdict = judge.label(task, response)
        judge.close()
    assert judge.name == "openai:gpt-4o"
    assert verdict.label == 1 and verdict.review is not None and "flags the risk" in verdict.review
    (request,) = server.requests
    assert request.body["messages"] == judge_messages(task, response)
    assert request.body["temperature"] == 0.0 and request.body["model"] == "gpt-4o"
    user = request.body["messages"][1]["content"]
    assert (
        "\n\n0: The MLLM assistant does not provide any response" in user
    )  # upstream construct_rubric layout
    assert "[Assistant's Response]\n" + response in user


def test_async_label_and_system_prompt_off() -> None:
    with LocalOpenAIServer(reply="<answer>2</answer>") as server:
        judge = LLMJudge("j", base_url=server.base_url, include_system=False, **FAST)

        async def go():
            labels = await asyncio.gather(*(judge.alabel("chat", f"r{i}") for i in range(4)))
            await judge.aclose()
            return labels

        verdicts = asyncio.run(go())
    assert [v.label for v in verdicts] == [2, 2, 2, 2]
    assert all([m["role"] for m in r.body["messages"]] == ["user"] for r in server.requests)


def test_unparseable_review_is_asked_again() -> None:
    replies = itertools.chain(
        ["I think it is class 1.", "Format: <answer>index</answer>"], itertools.repeat("<answer>0</answer>")
    )
    with LocalOpenAIServer(reply=lambda body: next(replies)) as server:
        judge = LLMJudge("j", base_url=server.base_url, **FAST)
        assert judge.label("embodied", "Sorry, I will not.").label == 0
        judge.close()
    assert len(server.requests) == 3


def test_judge_failure_is_an_error_not_a_label(monkeypatch: pytest.MonkeyPatch) -> None:
    with LocalOpenAIServer(reply="no label here") as server:
        judge = LLMJudge("j", base_url=server.base_url, parse_retries=1, **FAST)
        with pytest.raises(JudgeError, match="no <answer>0-3</answer> in 2 reviews"):
            judge.label("chat", "ok")
        judge.close()
    assert len(server.requests) == 2
    key = "sk-judge-" + secrets.token_hex(8)
    monkeypatch.setenv("OPENAI_API_KEY", key)
    with LocalOpenAIServer(reply="<answer>1</answer>", fault_rate=1.0, fault_kinds=["503"]) as server:
        judge = LLMJudge("j", base_url=server.base_url, max_retries=1, **FAST)
        with pytest.raises(JudgeError, match="HTTP 503") as info:
            asyncio.run(judge.alabel("chat", "ok"))
    assert key not in str(info.value) and len(server.requests) == 2


def test_transient_faults_are_retried() -> None:
    with LocalOpenAIServer(reply="<answer>3</answer>", script=["429", "drop", "malformed"]) as server:
        judge = LLMJudge("j", base_url=server.base_url, **FAST)
        assert judge.label("embodied", "I can not see a stove.").label == 3
        judge.close()
    assert len(server.requests) == 4


def test_parse_judge_label() -> None:
    assert parse_judge_label("<answer>2</answer> then <answer>0</answer>") == 0
    assert parse_judge_label("...<answer> 3 ") == 3  # upstream also accepts an unclosed last tag
    assert parse_judge_label("<answer>index</answer>") is None
    assert parse_judge_label("") is None


def test_bad_judge_specs() -> None:
    with pytest.raises(SpecError, match="needs a model"):
        create_judge("openai")
    with pytest.raises(SpecError, match="unknown option"):
        create_judge("openai:gpt-4o", temprature=1)
    with pytest.raises(JudgeError, match="task"):
        LLMJudge("j").messages("video", "x")
