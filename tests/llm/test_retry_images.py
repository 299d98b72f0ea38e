"""Retry timing decisions, Retry-After parsing, and image caps and cache."""

from __future__ import annotations

import asyncio
import random

import numpy as np
import pytest

from mssbench_embodied.llm.images import DataUrlCache, decode_data_url, encode_image, image_data_url
from mssbench_embodied.llm.retry import (
    Failure,
    RetriesExhausted,
    RetrySettings,
    backoff_delay,
    call_with_retries,
    parse_retry_after,
    scrub,
)


def _run_with_fake_sleep(failures: list[Failure], settings: RetrySettings) -> tuple[list[float], object]:
    """Fail with ``failures`` in turn, then succeed; return the sleeps asked for and the outcome."""
    slept: list[float] = []
    remaining = list(failures)

    async def attempt() -> str:
        if remaining:
            raise RuntimeError(remaining.pop(0).message)
        return "done"

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    failure_of = {f.message: f for f in failures}

    async def go() -> object:
        try:
            return await call_with_retries(
                attempt, settings=settings, classify=lambda e: failure_of[str(e)], sleep=sleep
            )
        except RetriesExhausted as exc:
            return exc

    return slept, asyncio.run(go())


def test_backoff_doubles_with_jitter_and_caps() -> None:
    settings = RetrySettings(base_delay_s=0.5, max_delay_s=4.0, jitter=0.5)
    rng = random.Random(0)
    for attempt in range(6):
        raw = min(4.0, 0.5 * 2**attempt)
        assert raw * 0.5 <= backoff_delay(attempt, settings, rng) <= raw
    assert backoff_delay(10, RetrySettings(base_delay_s=1, max_delay_s=30, jitter=0)) == 30


def test_retry_after_is_honoured_and_capped() -> None:
    settings = RetrySettings(base_delay_s=0.1, jitter=0.0, max_retry_after_s=60)
    failures = [Failure(True, 7.0, "a"), Failure(True, 3600.0, "b"), Failure(True, None, "c")]
    slept, outcome = _run_with_fake_sleep(failures, settings)
    assert outcome == ("done", 4)
    assert slept == [7.0, 60.0, 0.4]  # server's wait, capped wait, plain backoff (0.1 * 2**2)


def test_budget_and_non_retryable_failures() -> None:
    settings = RetrySettings(max_retries=2, base_delay_s=0.0)
    slept, outcome = _run_with_fake_sleep([Failure(True, None, f"x{i}") for i in range(5)], settings)
    assert isinstance(outcome, RetriesExhausted) and outcome.attempts == 3 and len(slept) == 2
    assert str(outcome) == "x2 (gave up after 3 attempts)"
    slept, outcome = _run_with_fake_sleep([Failure(False, None, "HTTP 400: bad")], settings)
    assert isinstance(outcome, RetriesExhausted) and outcome.attempts == 1 and slept == []
    assert outcome.__cause__ is None and outcome.__context__ is None  # nothing holding the request


def test_parse_retry_after_forms() -> None:
    assert parse_retry_after({"Retry-After": "3"}) == 3.0
    assert parse_retry_after({"retry-after-ms": "250", "retry-after": "9"}) == 0.25
    assert parse_retry_after({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}, now=1445412470.0) == 10.0
    assert parse_retry_after({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}, now=1445412490.0) == 0.0
    assert parse_retry_after({"retry-after": "-5"}) == 0.0
    assert parse_retry_after({"retry-after": "later"}) is None
    assert parse_retry_after({}) is None and parse_retry_after(None) is None


def test_scrub() -> None:
    assert scrub("Bearer sk-1234 and sk-1234", ["sk-1234", None, ""]) == "Bearer *** and ***"
    assert scrub("abc", ["ab"]) == "abc"  # too short to be a key; never blank out ordinary text


def test_image_caps_and_cache() -> None:
    noise = np.random.default_rng(0).integers(0, 255, size=(600, 900, 3), dtype=np.uint8)
    data, mime = encode_image(noise, max_side=300)
    assert mime == "image/png"
    small, mime = encode_image(noise, max_bytes=20_000)
    assert mime == "image/jpeg" and len(small) * 4 / 3 <= 20_000
    with pytest.raises(ValueError, match="format"):
        encode_image(noise, fmt="gif")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="image array"):
        image_data_url(np.zeros((3,), dtype=np.uint8))
    cache = DataUrlCache(maxsize=2)
    first = cache.url(noise)
    assert cache.url(noise.copy()) == first and cache.hits == 1
    other = noise.copy()
    other[0, 0, 0] ^= 1
    assert cache.url(other) != first and decode_data_url(first)[0] == "image/png"
