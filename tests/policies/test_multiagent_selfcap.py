"""Multi-agent pipeline and self-captioning, with an ``openai:`` inner policy over real HTTP."""

from __future__ import annotations

import asyncio
from typing import Any

import numpy as np
import pytest

from mssbench_embodied.data.protocol import SELF_CAPTION_PROMPT, compose_prompt, policy_prompt
from mssbench_embodied.data.types import Episode
from mssbench_embodied.llm.local_server import LocalOpenAIServer
from mssbench_embodied.policies.base import PolicyError, PolicyRequest
from mssbench_embodied.policies.multiagent import MultiAgentPolicy
from mssbench_embodied.policies.selfcap import SelfCaptionPolicy
from mssbench_embodied.registry import SpecError, create_policy

IMAGE = np.arange(12 * 16 * 3, dtype=np.uint8).reshape(12, 16, 3)


def _episode(task: str, instruction: str, setting: str = "if") -> Episode:
    case = f"{task}/0"
    return Episode(
        f"{case}#0/unsafe", f"{case}#0", case, task, "unsafe", "self_harm", setting, instruction, "mssbench"
    )  # type: ignore[arg-type]


def _agent_reply(verdict: str) -> Any:
    def reply(body: dict) -> str:
        text = body["messages"][-1]["content"][0]["text"]
        if text.startswith(policy_prompt("PROMPT_CHAT_INTENT_AGENT")):
            return "Reasoning: they want to skate. Potential intent activity: ice skating on the lake"
        if text.startswith(policy_prompt("PROMPT_CHAT_JUDGE_AGENT")):
            return f"Reasoning: the ice looks thin. {verdict}"
        if text.startswith(policy_prompt("PROMPT_IMPORTANT_POINT_AGENT")):
            return "Important environment state: a metal fork is inside the microwave"
        return "final answer"

    return reply


def _run(policy, request):
    async def go():
        try:
            return await policy.generate(request)
        finally:
            await policy.aclose()

    return asyncio.run(go())


@pytest.mark.parametrize(
    ("verdict", "qa_key"),
    [
        ("Answer: No", "PROMPT_QA_AGENT_NO"),
        ("Answer: Yes", "PROMPT_QA_AGENT_YES"),
        ("Unclear.", "PROMPT_QA_AGENT_ELSE"),
    ],
)
def test_chat_pipeline_passes_intent_and_verdict(verdict: str, qa_key: str) -> None:
    query = "Any tips for skating here?"
    with LocalOpenAIServer(reply=_agent_reply(verdict)) as server:
        policy = create_policy("multiagent:openai:m", base_url=server.base_url)
        out = _run(policy, PolicyRequest(prompt="ignored", image=IMAGE, episode=_episode("chat", query)))
    assert policy.name == "multiagent:openai:m"
    intent_req, judge_req, answer_req = server.requests
    assert intent_req.texts == [policy_prompt("PROMPT_CHAT_INTENT_AGENT") + query]
    assert judge_req.texts == [policy_prompt("PROMPT_CHAT_JUDGE_AGENT") + "ice skating on the lake"]
    expected = policy_prompt(qa_key) + query
    if qa_key == "PROMPT_QA_AGENT_ELSE":
        expected += "\nThe safety evaluation from another agent is: Reasoning: the ice looks thin. Unclear."
    assert answer_req.texts == [expected]
    assert all(r.n_images == 1 for r in server.requests)
    assert len({r.image_urls[0] for r in server.requests}) == 1
    assert out.text == "final answer" and out.calls == 3
    assert out.meta["intent"] == "ice skating on the lake"
    assert out.meta["verdict"] == {"Answer: No": "no", "Answer: Yes": "yes"}.get(verdict)
    assert out.prompt_tokens is not None and out.prompt_tokens > 0


def test_embodied_pipeline_uses_the_same_image_and_the_point() -> None:
    instruction = "Heat up the leftovers."
    with LocalOpenAIServer(reply=_agent_reply("")) as server:
        out = _run(
            create_policy("multiagent:openai:m", base_url=server.base_url),
            PolicyRequest(prompt="ignored", image=lambda: IMAGE, episode=_episode("embodied", instruction)),
        )
        # What a plain call sends for this image, to compare the agents' images with.
        _run(create_policy("openai:m", base_url=server.base_url), PolicyRequest(prompt="x", image=IMAGE))
    point_req, response_req, plain = server.requests
    assert point_req.texts == [policy_prompt("PROMPT_IMPORTANT_POINT_AGENT") + instruction]
    assert response_req.texts == [
        policy_prompt("PROMPT_RESPONSE_AGENT")
        + instruction
        + " A point to consider is: a metal fork is inside the microwave"
    ]
    assert point_req.image_urls == response_req.image_urls == plain.image_urls
    assert out.calls == 2 and out.meta["important_point"] == "a metal fork is inside the microwave"


def test_intent_agent_can_be_text_only() -> None:
    with LocalOpenAIServer(reply=_agent_reply("Answer: No")) as server:
        policy = create_policy("multiagent:openai:m", base_url=server.base_url, intent_image=False)
        _run(policy, PolicyRequest(prompt="", image=IMAGE, episode=_episode("chat", "q?")))
    assert [r.n_images for r in server.requests] == [0, 1, 1]


def test_multiagent_refuses_what_it_cannot_run() -> None:
    with LocalOpenAIServer(reply="x") as server:
        policy = create_policy("multiagent:openai:m", base_url=server.base_url)
        with pytest.raises(PolicyError, match="settings"):
            _run(policy, PolicyRequest(prompt="", image=IMAGE, episode=_episode("chat", "q", setting="qc")))
        with pytest.raises(PolicyError, match="episode"):
            _run(policy, PolicyRequest(prompt="", image=IMAGE))
    assert server.requests == []
    with pytest.raises(SpecError):
        create_policy("multiagent:")
    assert isinstance(create_policy("multiagent:openai:m"), MultiAgentPolicy)


def test_inner_failure_propagates_as_policy_error() -> None:
    with LocalOpenAIServer(reply="x", script=[None, "500", "500"]) as server:
        policy = create_policy(
            "multiagent:openai:m", base_url=server.base_url, max_retries=1, retry_base_delay_s=0.01
        )
        with pytest.raises(PolicyError, match="HTTP 500"):
            _run(policy, PolicyRequest(prompt="", image=IMAGE, episode=_episode("embodied", "Do it.")))


def test_self_caption_two_calls_then_the_answer() -> None:
    instruction = "Turn on the stove."
    prompt = compose_prompt("embodied", "ic_selfcap", instruction, caption="")

    def reply(body: dict) -> str:
        text = body["messages"][-1]["content"][0]["text"]
        return "A pan of oil on a lit burner." if text == SELF_CAPTION_PROMPT else "Answer: Yes"

    episode = _episode("embodied", instruction, setting="ic_selfcap")
    with LocalOpenAIServer(reply=reply) as server:
        policy = SelfCaptionPolicy(create_policy("openai:m", base_url=server.base_url))
        out = _run(policy, PolicyRequest(prompt=prompt, image=IMAGE, episode=episode))
        plain = _run(
            policy, PolicyRequest(prompt="plain", image=IMAGE, episode=_episode("embodied", "x", "ic"))
        )
    caption_req, answer_req, plain_req = server.requests
    assert caption_req.texts == [SELF_CAPTION_PROMPT] and caption_req.n_images == 1
    assert answer_req.texts == [prompt + "A pan of oil on a lit burner."]
    assert answer_req.texts[0].endswith("\nThe caption is: A pan of oil on a lit burner.")
    assert answer_req.n_images == 1 and plain_req.texts == ["plain"]
    assert out.text == "Answer: Yes" and out.calls == 2
    assert out.meta["self_caption"] == "A pan of oil on a lit burner."
    assert plain.calls == 1 and policy.name == "openai:m"
