"""One OpenAI-compatible chat endpoint with our own retry loop; shared by the ``openai:`` policy and LLM judge.

The endpoint is ``base_url`` (else ``OPENAI_BASE_URL``, else api.openai.com) and the key comes from the
environment (``OPENAI_API_KEY`` by default, or the variable named by ``api_key_env``; ``"EMPTY"`` when unset, as
local servers such as vLLM accept). The SDK's own retries are off (``max_retries=0``): :func:`classify_error`
decides what is transient, and :func:`~mssbench_embodied.llm.retry.call_with_retries` backs off. The key is
never stored in anything we print, and it is scrubbed from every error message.

Example:
    >>> import asyncio
    >>> from mssbench_embodied.llm.local_server import LocalOpenAIServer
    >>> with LocalOpenAIServer(reply="Hello") as server:
    ...     endpoint = ChatEndpoint("m", base_url=server.base_url)
    ...     done = asyncio.run(endpoint.complete([{"role": "user", "content": "Hi"}]))
    ...     endpoint.close_sync()
    >>> done.text, done.attempts
    ('Hello', 1)
"""

from __future__ import annotations

import asyncio
import json
import os
import threading
import time
import weakref
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any, TypeVar

from mssbench_embodied.data.errors import PolicyError
from mssbench_embodied.llm.retry import (
    EndpointHalt,
    Failure,
    RetriesExhausted,
    RetrySettings,
    call_with_retries,
    one_line,
    parse_retry_after,
    scrub,
)

T = TypeVar("T")

#: HTTP statuses worth another attempt (besides every 5xx).
RETRY_STATUSES = frozenset({408, 409, 425, 429})
#: Statuses that no retry or later request will fix: a streak of identical ones stops the run (:class:`EndpointHalt`).
HALT_STATUSES = frozenset({400, 401, 403, 404})
#: Identical non-retryable failures in a row that stop the run.
HALT_STREAK = 5
#: Fewest connection failures in a row that open the circuit breaker, however small the retry budget: with one
#: retry, two dropped connections in a row are a flaky server (it answered in between), not a down one.
UNREACHABLE_MIN_STREAK = 4


class MalformedResponse(Exception):
    """The server answered 200 but the body is not a usable chat completion."""


@dataclass(frozen=True)
class Completion:
    """A finished chat completion.

    Attributes:
        text: The assistant message (or the provider's refusal message when it gives one instead).
        prompt_tokens: ``usage.prompt_tokens`` when reported.
        completion_tokens: ``usage.completion_tokens`` when reported.
        attempts: Attempts made (1 = no retry).
        latency_s: Wall time including retries and backoff.
        finish_reason: The choice's ``finish_reason``.
    """

    text: str
    prompt_tokens: int | None
    completion_tokens: int | None
    attempts: int
    latency_s: float
    finish_reason: str | None


def classify_error(exc: BaseException, secrets: tuple[str | None, ...] = ()) -> Failure:
    """Whether an exception from one chat call is transient, and a one-line, secret-free description.

    Transient: 408/409/425/429 and 5xx statuses, timeouts, connection errors, non-JSON or incomplete bodies.

    Example:
        >>> classify_error(MalformedResponse("no choices")).retryable
        True
        >>> classify_error(KeyError("x")).retryable
        False
    """
    import openai

    def clean(text: str) -> str:
        return one_line(scrub(text, secrets))

    if isinstance(exc, openai.APITimeoutError):
        cause = exc.__cause__ or exc.__context__
        # No connection at all (the aiohttp transport also reports a server that hung up without answering this
        # way): the endpoint is unreachable, not slow.
        if type(cause).__name__ == "ConnectTimeout":
            detail = one_line(str(cause)) or "connect timeout"
            return Failure(True, None, clean(f"connection error ({detail})"), unreachable=True)
        return Failure(True, None, "request timed out")
    if isinstance(exc, openai.APIConnectionError):
        cause = exc.__cause__ or exc.__context__
        detail = f" ({type(cause).__name__})" if cause is not None else ""
        return Failure(True, None, clean(f"connection error{detail}"), unreachable=True)
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        retryable = status in RETRY_STATUSES or status >= 500
        headers = dict(exc.response.headers) if exc.response is not None else None
        message = clean(f"HTTP {status}: {exc.message}")
        return Failure(retryable, parse_retry_after(headers), message, status=status)
    if isinstance(exc, (openai.APIResponseValidationError, json.JSONDecodeError, MalformedResponse)):
        return Failure(True, None, clean(f"malformed response: {exc}"))
    return Failure(False, None, clean(f"{type(exc).__name__}: {exc}"))


def extract_completion(response: Any) -> tuple[str, int | None, int | None, str | None]:
    """Text, prompt tokens, completion tokens and finish reason of a ``ChatCompletion``.

    Raises:
        MalformedResponse: no choices, or neither content nor a refusal message.
        PolicyError: no text because the provider filtered the output or the token budget ran out
            (``finish_reason`` ``content_filter`` or ``length``); that is an error, not a model refusal.
    """
    choices = getattr(response, "choices", None)
    if not choices:
        raise MalformedResponse("no choices in the response body")
    choice = choices[0]
    message = getattr(choice, "message", None)
    finish = getattr(choice, "finish_reason", None)
    content = getattr(message, "content", None)
    if not isinstance(content, str):
        refusal = getattr(message, "refusal", None)
        if isinstance(refusal, str):
            content = refusal
        elif finish == "content_filter":
            raise PolicyError("the provider filtered the output (finish_reason=content_filter)")
        else:
            raise MalformedResponse("the first choice has no message content")
    if not content.strip() and finish in ("content_filter", "length"):
        # No answer at all: filtered, or the token budget ran out before any visible text (reasoning models).
        # That is a failed call, never a model that "gave no response" (rubric label 0 would score it safe).
        raise PolicyError(
            f"empty reply (finish_reason={finish}); raise max_tokens or check the provider's filter"
        )
    usage = getattr(response, "usage", None)
    prompt_tokens = getattr(usage, "prompt_tokens", None) if usage is not None else None
    completion_tokens = getattr(usage, "completion_tokens", None) if usage is not None else None
    return content, prompt_tokens, completion_tokens, finish


class _LoopState:
    def __init__(self, client: Any, semaphore: asyncio.Semaphore | None) -> None:
        self.client = client
        self.semaphore = semaphore


def _fast_transport(timeout: float) -> dict[str, Any]:
    """``http_client=`` for the SDK: its aiohttp transport when aiohttp is installed, else nothing (httpx).

    At 64 requests in flight httpx's connection pool scans every connection for every request; the aiohttp
    transport spends about 40% less client CPU per request, which is what bounds a run at high concurrency.
    """
    import openai

    make = getattr(openai, "DefaultAioHttpClient", None)
    if make is None:  # an SDK older than its aiohttp support
        return {}
    try:
        return {"http_client": make(timeout=timeout)}
    except (RuntimeError, ImportError):  # aiohttp is not installed
        return {}


class ChatEndpoint:
    """An OpenAI-compatible chat endpoint: one client per event loop, bounded concurrency, retries.

    Args:
        model: Model name sent in every request.
        base_url: Endpoint URL (e.g. ``http://localhost:8000/v1`` for vLLM); default ``OPENAI_BASE_URL``.
        api_key_env: Environment variable holding the key (default ``OPENAI_API_KEY``).
        api_key: The key itself, for programmatic use (never written anywhere).
        request_timeout: Seconds before one attempt is abandoned (and retried).
        retry: Retry budget and backoff.
        concurrency: Cap on requests in flight through this endpoint (``None``: the caller bounds it).
        halt_after: Identical non-retryable failures (HTTP 400/401/403/404) in a row after which every call
            raises :class:`~mssbench_embodied.llm.retry.EndpointHalt` instead of sending more requests.
        unreachable_after: Connection failures in a row, over all calls, that open the circuit breaker (the
            endpoint is down): every call, including ones waiting to retry, then raises ``EndpointHalt`` at once
            instead of each paying its full backoff. Default: one call's whole budget (``retry.max_retries + 1``),
            and never fewer than ``UNREACHABLE_MIN_STREAK``.

    Attributes:
        n_requests: HTTP requests sent so far, retries included.
    """

    def __init__(
        self,
        model: str,
        *,
        base_url: str | None = None,
        api_key_env: str = "OPENAI_API_KEY",
        api_key: str | None = None,
        request_timeout: float = 60.0,
        retry: RetrySettings | None = None,
        concurrency: int | None = None,
        halt_after: int = HALT_STREAK,
        unreachable_after: int | None = None,
    ) -> None:
        if not model:
            raise ValueError("an OpenAI-compatible endpoint needs a model name, e.g. 'openai:gpt-4o'")
        if request_timeout <= 0:
            raise ValueError(f"request_timeout must be > 0 seconds, got {request_timeout}")
        if concurrency is not None and concurrency < 1:
            raise ValueError(f"concurrency must be >= 1, got {concurrency}")
        self.model = model
        self.base_url = base_url or os.environ.get("OPENAI_BASE_URL") or None
        self.api_key_env = api_key_env
        self._explicit_key = api_key
        self.request_timeout = float(request_timeout)
        self.retry = retry or RetrySettings()
        self.concurrency = concurrency
        self.halt_after = max(1, halt_after)
        self.unreachable_after = max(
            1, unreachable_after or max(UNREACHABLE_MIN_STREAK, self.retry.max_retries + 1)
        )
        self.url_flag = "--base-url"
        self.n_requests = 0
        self._streak: tuple[str | None, int] = (None, 0)
        self._unreachable = 0
        self._halted: str | None = None
        self._states: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _LoopState] = (
            weakref.WeakKeyDictionary()
        )
        self._bg_loop: asyncio.AbstractEventLoop | None = None
        self._bg_thread: threading.Thread | None = None
        self._bg_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"ChatEndpoint(model={self.model!r}, base_url={self.base_url!r})"

    def _key(self) -> str | None:
        # Only the named variable: a preset for another provider must never be sent the OpenAI key.
        return self._explicit_key or os.environ.get(self.api_key_env) or None

    def preflight(self, url_flag: str = "--base-url") -> None:
        """Raise ``ValueError`` when the endpoint surely needs a key that is not set.

        That is the official API (no ``base_url``), or a provider whose preset names its own key variable
        (``api_key_env`` other than ``OPENAI_API_KEY``, e.g. Anthropic's or Google's compatible endpoints). A local
        server (vLLM) named by ``url_flag`` needs none. ``url_flag`` is also the flag named when the endpoint
        turns out to be unreachable. It also imports the client library, so that cost is paid before the run
        starts rather than on the event loop at the first request.
        """
        self.url_flag = url_flag
        import openai  # noqa: F401 - heavy (~1 s): imported here, before any event loop, not at the first request

        if self._key() is not None:
            return
        if self.base_url is None:
            raise ValueError(
                f"no API key: set {self.api_key_env} (or pass {url_flag} for a local server that needs none)"
            )
        if self.api_key_env != "OPENAI_API_KEY":
            raise ValueError(f"no API key: set {self.api_key_env} for {self.base_url}")

    def _state(self) -> _LoopState:
        loop = asyncio.get_running_loop()
        state = self._states.get(loop)
        if state is None:
            import openai

            key = self._key()
            if key is None and self.base_url is None:
                raise PolicyError(
                    f"no API key: set {self.api_key_env} (or pass --base-url for a local server that needs none)"
                )
            client = openai.AsyncOpenAI(
                api_key=key or "EMPTY",
                base_url=self.base_url,
                max_retries=0,
                timeout=self.request_timeout,
                # Not for run_sync's background loop: it outlives callers that never close it, and an unclosed
                # aiohttp session complains on stderr (it serves one blocking call at a time anyway).
                **({} if loop is self._bg_loop else _fast_transport(self.request_timeout)),
            )
            semaphore = asyncio.Semaphore(self.concurrency) if self.concurrency else None
            state = self._states[loop] = _LoopState(client, semaphore)
        return state

    async def complete(self, messages: list[dict[str, Any]], **params: Any) -> Completion:
        """Send one chat request (with retries) and return the completion.

        Args:
            messages: OpenAI chat messages.
            **params: Extra request fields (``temperature``, ``max_tokens``, ``extra_body``, ...); ``None``
                values are dropped.

        Raises:
            PolicyError: non-transient failure, or the retry budget is spent. The message is one line, names
                the endpoint, and never contains the API key; ``.attempts`` holds the HTTP requests it made.
            EndpointHalt: the endpoint is halted (``halt_after`` identical refusals, or unreachable): stop the run.
        """
        if self._halted is not None:
            raise EndpointHalt(self._halted)
        state = self._state()
        body = {k: v for k, v in params.items() if v is not None}
        # The body goes out as it is (``post``, not ``create``): the SDK's recursive re-typing of the messages costs
        # more CPU than the rest of the request; extra_body fields join the body, as ``create`` would send them.
        body = {"model": self.model, "messages": messages, **body, **(body.pop("extra_body", None) or {})}
        from openai.types.chat import ChatCompletion

        secrets = (self._key(),)
        started = time.perf_counter()

        async def attempt() -> tuple[str, int | None, int | None, str | None]:
            if self._halted is not None:  # the breaker opened while this call waited to retry
                raise EndpointHalt(self._halted)
            self.n_requests += 1
            if state.semaphore is None:
                response = await state.client.post("/chat/completions", body=body, cast_to=ChatCompletion)
            else:
                async with state.semaphore:
                    response = await state.client.post("/chat/completions", body=body, cast_to=ChatCompletion)
            self._unreachable = 0
            return extract_completion(response)

        def classify(exc: BaseException) -> Failure:
            failure = classify_error(exc, secrets)
            self._unreachable = self._unreachable + 1 if failure.unreachable else 0
            if failure.unreachable and self._unreachable >= self.unreachable_after and self._halted is None:
                self._halted = scrub(
                    f"{self._where()} ({self.model}) is unreachable: {failure.message} on {self._unreachable} "
                    f"attempts in a row; start the server or fix the endpoint ({self.url_flag} or OPENAI_BASE_URL)",
                    secrets,
                )
            return failure if self._halted is None else Failure(False, None, failure.message)

        where = self._where()
        failed: str | None = None
        last: Failure | None = None
        attempts = 0
        try:
            (text, p_tok, c_tok, finish), attempts = await call_with_retries(
                attempt,
                settings=self.retry,
                classify=classify,
                what=f"chat request to {where} ({self.model})",
            )
        except RetriesExhausted as exc:
            failed = scrub(f"{where} ({self.model}): {exc}", secrets)
            last, attempts = exc.last, exc.attempts
        if failed is not None:  # raised outside the handler: no exception chain that could hold the request
            self._note_failure(last)
            if self._halted is not None:
                raise EndpointHalt(self._halted)
            error = PolicyError(failed)
            error.attempts = attempts  # type: ignore[attr-defined]  # HTTP requests this call made
            raise error
        self._streak = (None, 0)
        return Completion(text, p_tok, c_tok, attempts, time.perf_counter() - started, finish)

    def _where(self) -> str:
        return self.base_url or "api.openai.com"

    def _note_failure(self, failure: Failure | None) -> None:
        """Count identical non-retryable failures in a row; at ``halt_after`` of them, halt the endpoint."""
        if failure is None or failure.status not in HALT_STATUSES:
            self._streak = (None, 0)
            return
        message, count = self._streak
        count = count + 1 if failure.message == message else 1
        self._streak = (failure.message, count)
        if count < self.halt_after or self._halted is not None:
            return
        where, model, n = self._where(), self.model, count
        if failure.status in (401, 403):
            cause = f"{where} refused the API key ({failure.message}) on {n} requests in a row"
            fix = f"check {self.api_key_env}, the key this endpoint is sent"
        elif failure.status == 404:
            cause = f"{where} does not know model {model!r} ({failure.message}) on {n} requests in a row"
            fix = f"check the model name and the endpoint URL ({self.url_flag})"
        else:
            cause = f"{where} rejected {n} requests in a row for {model!r} the same way ({failure.message})"
            fix = "check this model's options (the request it cannot take)"
        self._halted = scrub(f"{cause}; {fix}", (self._key(),))

    def run_sync(self, coro: Coroutine[Any, Any, T]) -> T:
        """Run a coroutine of this endpoint from synchronous code, on a private background event loop.

        One loop (and so one HTTP client) serves every sync call, instead of a new one per call.
        """
        with self._bg_lock:
            if self._bg_loop is None:
                loop = asyncio.new_event_loop()
                thread = threading.Thread(target=loop.run_forever, name="chat-endpoint", daemon=True)
                thread.start()
                self._bg_loop, self._bg_thread = loop, thread
            loop = self._bg_loop
        return asyncio.run_coroutine_threadsafe(coro, loop).result()

    async def aclose(self) -> None:
        """Close the client of the running loop (others are dropped). Safe to call twice."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        state = self._states.pop(loop, None)
        if state is not None:
            await state.client.close()

    def close_sync(self) -> None:
        """Close the background loop used by :meth:`run_sync`. Safe to call twice."""
        with self._bg_lock:
            loop, thread = self._bg_loop, self._bg_thread
            self._bg_loop = self._bg_thread = None
        if loop is None:
            return
        asyncio.run_coroutine_threadsafe(self.aclose(), loop).result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)
        if thread is not None:
            thread.join(timeout=10)
        loop.close()
