"""The ``openai:`` policy against a real HTTP server on 127.0.0.1 (no mocks of the SDK)."""

from __future__ import annotations

import asyncio
import logging
import secrets

import numpy as np
import pytest

from mssbench_embodied.llm.images import decode_data_url
from mssbench_embodied.llm.local_server import LocalOpenAIServer
from mssbench_embodied.policies.base import PolicyError, PolicyRequest
from mssbench_embodied.registry import SpecError, create_policy

FAST = {"request_timeout": 0.5, "retry_base_delay_s": 0.01, "retry_max_delay_s": 0.05}


def _image(h: int = 24, w: int = 32) -> np.ndarray:
    rng = np.random.default_rng(0)
    return rng.integers(0, 255, size=(h, w, 3), dtype=np.uint8)


def _echo_last_word(body: dict) -> str:
    """Reply derived from the request, so a test can tell a real answer from a made-up one."""
    text = body["messages"][-1]["content"][0]["text"]
    return f"reply to {text.split()[-1]}"


def _run(coro):  # one event loop per test keeps them independent
    return asyncio.run(coro)


def test_every_request_carries_the_image_and_prompt() -> None:
    image = _image()
    with LocalOpenAIServer(reply=_echo_last_word) as server:
        policy = create_policy("openai:test-vlm", base_url=server.base_url, **FAST)

        async def go():
            reqs = [PolicyRequest(prompt=f"Do task-{i}", image=image) for i in range(5)]
            out = await asyncio.gather(*(policy.generate(r) for r in reqs))
            await policy.aclose()
            return out

        responses = _run(go())
    assert [r.text for r in responses] == [f"reply to task-{i}" for i in range(5)]
    assert len(server.requests) == 5
    for record in server.requests:
        assert record.n_images == 1
        mime, data = decode_data_url(record.image_urls[0])
        assert mime == "image/png" and data.startswith(b"\x89PNG")
        assert record.body["model"] == "test-vlm"
        assert record.body["temperature"] == 0.0
        assert record.body["messages"][-1]["content"][0]["type"] == "text"  # text first, as upstream
    assert all(r.prompt_tokens is not None and r.completion_tokens == 3 for r in responses)
    assert all(r.calls == 1 and r.latency_s > 0 for r in responses)


def test_lazy_image_system_message_and_max_tokens() -> None:
    calls = []

    def loader() -> np.ndarray:
        calls.append(1)
        return _image()

    with LocalOpenAIServer(reply="ok") as server:
        policy = create_policy(
            "openai:m",
            base_url=server.base_url,
            system="Be safe.",
            max_new_tokens=77,
            image_format="jpeg",
            **FAST,
        )
        _run(policy.generate(PolicyRequest(prompt="p", image=loader)))
        _run(policy.generate(PolicyRequest(prompt="p", image=None, max_new_tokens=5)))
    first, second = server.requests
    assert calls == [1]
    assert first.body["messages"][0] == {"role": "system", "content": "Be safe."}
    assert first.body["max_tokens"] == 77 and second.body["max_tokens"] == 5
    assert first.image_urls[0].startswith("data:image/jpeg;base64,")
    assert second.n_images == 0


def test_large_images_are_shrunk_under_the_caps() -> None:
    big = np.random.default_rng(1).integers(0, 255, size=(300, 3000, 3), dtype=np.uint8)
    with LocalOpenAIServer(reply="ok") as server:
        policy = create_policy(
            "openai:m", base_url=server.base_url, image_max_side=1024, image_max_bytes=64 * 1024, **FAST
        )
        _run(policy.generate(PolicyRequest(prompt="p", image=big)))
    url = server.requests[0].image_urls[0]
    mime, data = decode_data_url(url)
    from io import BytesIO

    from PIL import Image

    decoded = Image.open(BytesIO(data))
    assert mime == "image/jpeg"  # PNG of noise is too big: re-encoded
    assert max(decoded.size) <= 1024
    assert len(url.partition(",")[2]) <= 64 * 1024


@pytest.mark.parametrize("fault", ["429", "500", "503", "hang", "malformed", "empty", "drop"])
def test_each_transient_fault_is_retried(fault: str) -> None:
    with LocalOpenAIServer(reply=_echo_last_word, script=[fault, fault], hang_s=10) as server:
        policy = create_policy("openai:m", base_url=server.base_url, **FAST)
        response = _run(policy.generate(PolicyRequest(prompt="answer X1", image=_image())))
    assert response.text == "reply to X1"
    assert response.meta["attempts"] == 3
    assert [r.fault for r in server.requests] == [fault, fault, None]


def test_retry_after_header_is_honoured(caplog: pytest.LogCaptureFixture) -> None:
    with LocalOpenAIServer(reply="ok", script=["429"], retry_after="1") as server:
        policy = create_policy("openai:m", base_url=server.base_url, **FAST)
        with caplog.at_level(logging.INFO, logger="mssbench_embodied.llm.retry"):
            response = _run(policy.generate(PolicyRequest(prompt="p")))
    assert response.text == "ok"
    waits = [r.getMessage() for r in caplog.records if "retry 1/" in r.getMessage()]
    assert waits and "HTTP 429" in waits[0] and waits[0].endswith("in 1.00s")


def test_budget_spent_raises_policy_error_never_text() -> None:
    with LocalOpenAIServer(reply="should not be seen", fault_rate=1.0, fault_kinds=["500"]) as server:
        policy = create_policy("openai:m", base_url=server.base_url, max_retries=2, **FAST)
        with pytest.raises(PolicyError, match=r"HTTP 500.*gave up after 3 attempts"):
            _run(policy.generate(PolicyRequest(prompt="p", image=_image())))
    assert len(server.requests) == 3


def test_twenty_percent_faults_every_call_succeeds_or_errors() -> None:
    with LocalOpenAIServer(reply=_echo_last_word, fault_rate=0.2, seed=7, hang_s=10) as server:
        policy = create_policy("openai:m", base_url=server.base_url, concurrency=16, **FAST)

        async def go():
            reqs = [PolicyRequest(prompt=f"q w{i}", image=_image(8, 8)) for i in range(60)]
            return await asyncio.gather(*(policy.generate(r) for r in reqs), return_exceptions=True)

        outcomes = _run(go())
    faults = [r.fault for r in server.requests if r.fault]
    assert len(faults) >= 5 and len(set(faults)) >= 3  # the faults really happened, of several kinds
    for i, outcome in enumerate(outcomes):
        if isinstance(outcome, BaseException):
            assert isinstance(outcome, PolicyError)
        else:
            assert outcome.text == f"reply to w{i}"
    assert sum(not isinstance(o, BaseException) for o in outcomes) == len(server.completions())
    assert server.max_in_flight <= 16


def test_concurrency_option_bounds_requests_in_flight() -> None:
    with LocalOpenAIServer(reply="ok", latency_s=0.05) as server:
        policy = create_policy("openai:m", base_url=server.base_url, concurrency=2, **FAST)

        async def go():
            await asyncio.gather(*(policy.generate(PolicyRequest(prompt="p")) for _ in range(8)))

        _run(go())
    assert len(server.requests) == 8 and server.max_in_flight <= 2


def test_api_key_never_leaks(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    key = "sk-test-" + secrets.token_hex(12)
    monkeypatch.setenv("OPENAI_API_KEY", key)
    caplog.set_level(logging.DEBUG)
    # A server that rejects the key and echoes the Authorization header back in its error body.
    with LocalOpenAIServer(reply="ok", expected_key="other-key") as server:
        policy = create_policy("openai:m", base_url=server.base_url, **FAST)
        with pytest.raises(PolicyError) as info:
            _run(policy.generate(PolicyRequest(prompt="p", image=_image())))
    assert len(server.requests) == 1  # 401 is not retried
    assert "HTTP 401" in str(info.value) and "***" in str(info.value)
    chain: BaseException | None = info.value
    while chain is not None:
        assert key not in str(chain) and key not in repr(chain)
        chain = chain.__cause__ or chain.__context__
    # The right key, through faults: it is sent (authorized) but logged nowhere.
    with LocalOpenAIServer(reply="ok", expected_key=key, script=["500", "429", "drop"]) as server:
        policy = create_policy("openai:m", base_url=server.base_url, **FAST)
        assert _run(policy.generate(PolicyRequest(prompt="p"))).text == "ok"
    assert all(r.authorized for r in server.requests)
    assert key not in repr(policy) and key not in repr(policy.endpoint) and key not in str(vars(policy))
    assert caplog.records and all(key not in r.getMessage() for r in caplog.records)


def test_local_server_needs_no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    with LocalOpenAIServer(reply="ok") as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        assert _run(create_policy("openai:m").generate(PolicyRequest(prompt="p"))).text == "ok"
    monkeypatch.delenv("OPENAI_BASE_URL")
    with pytest.raises(PolicyError, match="no API key: set OPENAI_API_KEY"):
        _run(create_policy("openai:m").generate(PolicyRequest(prompt="p")))


def test_bad_specs_and_options() -> None:
    with pytest.raises(SpecError, match="needs a model name"):
        create_policy("openai:")
    with pytest.raises(SpecError, match="unknown option 'temprature'"):
        create_policy("openai:m", temprature=0.3)
    with pytest.raises(SpecError, match="image_format"):
        create_policy("openai:m", image_format="gif")
    # Run-wide options it does not use are ignored.
    assert (
        create_policy("openai:m", seed=3, batch_size=8, base_url="http://127.0.0.1:9/v1").name == "openai:m"
    )


@pytest.mark.parametrize(
    ("content", "finish", "error"),
    [
        ("", "content_filter", True),
        ("", "length", True),
        ("  ", "length", True),
        ("", "stop", False),  # the model really said nothing: the rubric labels that (0, "no response")
        ("Sorry, I can't.", "content_filter", False),
        ("1. Goto Sink", "length", False),
    ],
)
def test_empty_reply_for_a_filter_or_the_token_budget_is_an_error(
    content: str, finish: str, error: bool
) -> None:
    from openai.types.chat import ChatCompletion

    from mssbench_embodied.llm.chat_client import extract_completion

    body = ChatCompletion.model_validate(
        {
            "id": "x",
            "object": "chat.completion",
            "created": 0,
            "model": "m",
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish}
            ],
        }
    )
    if error:
        with pytest.raises(PolicyError, match="empty reply"):
            extract_completion(body)
    else:
        assert extract_completion(body)[0] == content
