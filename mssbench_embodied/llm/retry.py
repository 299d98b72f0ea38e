"""Retry loop for model calls: exponential backoff with jitter, ``Retry-After``, and secret scrubbing.

A call is retried when its failure is *transient* (HTTP 429 and 5xx, timeouts, dropped connections, malformed
bodies); anything else fails at once. After the budget is spent the caller gets one exception with a one-line
message, and that message never contains a secret (API keys are scrubbed from every text we produce).

Example:
    >>> import asyncio
    >>> attempts = []
    >>> async def flaky():
    ...     attempts.append(1)
    ...     if len(attempts) < 3:
    ...         raise TimeoutError("slow")
    ...     return "ok"
    >>> fast = RetrySettings(base_delay_s=0.0)
    >>> asyncio.run(call_with_retries(flaky, settings=fast, classify=lambda e: Failure(True, None, str(e))))
    ('ok', 3)
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import math
import random
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class RetrySettings:
    """How hard to retry.

    Attributes:
        max_retries: Retries after the first attempt (total attempts = ``max_retries + 1``).
        base_delay_s: Backoff before the first retry; doubles each retry.
        max_delay_s: Cap on one computed backoff.
        max_retry_after_s: Cap on a server's ``Retry-After`` (a server asking for an hour gets this).
        jitter: Fraction of each backoff that is randomised (0 = none, 1 = "full jitter").
    """

    max_retries: int = 6
    base_delay_s: float = 0.5
    max_delay_s: float = 30.0
    max_retry_after_s: float = 60.0
    jitter: float = 0.5


@dataclass(frozen=True)
class Failure:
    """How a failed attempt should be handled.

    Attributes:
        retryable: Whether another attempt may succeed.
        retry_after_s: The server's requested wait, if it named one.
        message: One line describing the failure (already free of secrets, or scrubbed later).
        status: The HTTP status, when the server answered with an error.
        unreachable: True when no connection could be made or kept (refused, reset, DNS): the endpoint may be down.
    """

    retryable: bool
    retry_after_s: float | None
    message: str
    status: int | None = None
    unreachable: bool = False


class EndpointHalt(BaseException):
    """Raised when going on is pointless: an endpoint refused the same way several times in a row (bad key,
    unknown model, the same bad request) or cannot be reached at all.

    It derives from ``BaseException`` on purpose, as ``KeyboardInterrupt`` does: the per-episode error handling
    (``except Exception``) records ordinary failures and carries on, but this one must stop the whole run. The
    message is one line that names the endpoint, the cause and what to check.
    """


class RetriesExhausted(Exception):
    """Raised by :func:`call_with_retries` when the last attempt failed.

    Attributes:
        attempts: How many attempts were made.
        last: The :class:`Failure` of the last attempt.
    """

    def __init__(self, message: str, attempts: int, last: Failure) -> None:
        super().__init__(message)
        self.attempts = attempts
        self.last = last


def parse_retry_after(headers: Mapping[str, str] | None, *, now: float | None = None) -> float | None:
    """Seconds a server asked us to wait, from ``retry-after-ms`` or ``retry-after`` (seconds or HTTP date).

    Returns ``None`` when there is no usable header. Negative or past values become 0.

    Example:
        >>> parse_retry_after({"retry-after": "2"})
        2.0
        >>> parse_retry_after({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, now=1445412470.0)
        10.0
        >>> parse_retry_after({"retry-after": "soon"}) is None
        True
    """
    if not headers:
        return None
    lowered = {str(k).lower(): str(v) for k, v in headers.items()}
    for name, divisor in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = lowered.get(name)
        if value is None:
            continue
        try:
            seconds = float(value.strip()) / divisor
        except ValueError:
            seconds = math.nan
        if math.isfinite(seconds):
            return max(0.0, seconds)
    value = lowered.get("retry-after")
    if value is None:
        return None
    try:
        when = email.utils.parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    current = time.time() if now is None else now
    return max(0.0, when.timestamp() - current)


def backoff_delay(attempt: int, settings: RetrySettings, rng: random.Random | None = None) -> float:
    """Wait before retry number ``attempt`` (0-based): ``base * 2**attempt``, capped, with jitter.

    Example:
        >>> backoff_delay(3, RetrySettings(base_delay_s=1.0, jitter=0.0))
        8.0
    """
    raw = min(settings.max_delay_s, settings.base_delay_s * (2.0**attempt))
    if settings.jitter <= 0:
        return raw
    rand = (rng or random).random()
    return raw * (1.0 - settings.jitter) + raw * settings.jitter * rand


def scrub(text: str, secrets: Iterable[str | None]) -> str:
    """Replace every occurrence of each secret (of 4+ characters) with ``***``.

    Example:
        >>> scrub("bad key sk-abc123 given", ["sk-abc123"])
        'bad key *** given'
    """
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
    return text


def one_line(text: str, limit: int = 300) -> str:
    """Collapse whitespace to one line and cut to ``limit`` characters.

    Example:
        >>> one_line("a\\n  b")
        'a b'
    """
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


async def call_with_retries(
    fn: Callable[[], Awaitable[T]],
    *,
    settings: RetrySettings,
    classify: Callable[[BaseException], Failure],
    what: str = "call",
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    rng: random.Random | None = None,
) -> tuple[T, int]:
    """Run ``fn`` until it succeeds, retrying transient failures.

    Args:
        fn: Zero-argument coroutine function making one attempt.
        settings: Budget and backoff.
        classify: Maps an exception to a :class:`Failure`; ``BaseException``s that are not ``Exception``
            (cancellation, ``KeyboardInterrupt``) are never caught.
        what: Name used in log lines.
        sleep: Awaitable sleep (tests may shorten it).
        rng: Random source for jitter.

    Returns:
        ``(result, attempts)``.

    Raises:
        RetriesExhausted: when a non-retryable failure occurs or the budget is spent; its message is the last
            failure's message plus the attempt count.
    """
    attempt = 0
    while True:
        try:
            return await fn(), attempt + 1
        except Exception as exc:  # noqa: BLE001 - classified below; non-Exceptions propagate
            failure = classify(exc)
        if not failure.retryable or attempt >= settings.max_retries:
            note = "" if not failure.retryable else f" (gave up after {attempt + 1} attempts)"
            raise RetriesExhausted(failure.message + note, attempt + 1, failure) from None
        delay = backoff_delay(attempt, settings, rng)
        if failure.retry_after_s is not None:
            delay = max(delay, min(failure.retry_after_s, settings.max_retry_after_s))
        log.info(
            "%s failed (%s); retry %d/%d in %.2fs",
            what,
            failure.message,
            attempt + 1,
            settings.max_retries,
            delay,
        )
        await sleep(delay)
        attempt += 1
