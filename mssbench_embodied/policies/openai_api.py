"""``openai:<model>``: any OpenAI-compatible chat endpoint (OpenAI, vLLM, SGLang, Gemini/Claude compat APIs).

The image goes in the user message as a base64 data URL after the text (as the MSSBench reference code sends
it), re-encoded smaller when it is over the size caps. Temperature is 0 unless set. Transient failures are
retried with backoff (see :mod:`~mssbench_embodied.llm.chat_client`); after the budget the call raises
:class:`~mssbench_embodied.policies.base.PolicyError`, which the runner records as an error, never as a refusal.

Serving a large open model with vLLM (one node, 4 GPUs) and evaluating it::

    vllm serve Qwen/Qwen2.5-VL-72B-Instruct --tensor-parallel-size 4 --max-model-len 8192 \\
        --limit-mm-per-prompt '{"image": 1}' --port 8000
    mssbench-embodied run --policy openai:Qwen/Qwen2.5-VL-72B-Instruct \\
        --base-url http://localhost:8000/v1 --concurrency 64

Example:
    >>> import asyncio
    >>> import numpy as np
    >>> from mssbench_embodied.policies.base import PolicyRequest
    >>> from mssbench_embodied.llm.local_server import LocalOpenAIServer
    >>> with LocalOpenAIServer(reply="1. Goto Sink") as server:
    ...     policy = OpenAIPolicy("my-vlm", base_url=server.base_url)
    ...     image = np.zeros((8, 8, 3), dtype=np.uint8)
    ...     out = asyncio.run(policy.generate(PolicyRequest(prompt="Wash the cup.", image=image)))
    >>> out.text, server.requests[0].n_images
    ('1. Goto Sink', 1)
"""

from __future__ import annotations

import asyncio
from typing import Any

from mssbench_embodied.data.frames import image_pool
from mssbench_embodied.llm.chat_client import ChatEndpoint
from mssbench_embodied.llm.images import DEFAULT_MAX_BYTES, DEFAULT_MAX_SIDE, DataUrlCache
from mssbench_embodied.llm.options import split_options
from mssbench_embodied.llm.retry import RetrySettings
from mssbench_embodied.policies.base import Policy, PolicyRequest, PolicyResponse
from mssbench_embodied.registry import register_policy


class OpenAIPolicy(Policy):
    """A vision-language model behind an OpenAI-compatible ``/chat/completions`` endpoint.

    Args:
        model: Model name the endpoint serves (``gpt-4o``, ``Qwen/Qwen2.5-VL-7B-Instruct``, ...).
        base_url: Endpoint, e.g. ``http://localhost:8000/v1``; default ``OPENAI_BASE_URL`` or api.openai.com.
        api_key_env: Environment variable with the key (default ``OPENAI_API_KEY``; unset = ``"EMPTY"``).
        temperature: Sampling temperature (0 = greedy, the default).
        max_tokens: Completion budget; a request's ``max_new_tokens`` overrides it.
        request_timeout: Seconds per attempt before it is abandoned and retried.
        max_retries: Retries after the first attempt.
        retry_base_delay_s: First backoff; doubles per retry (with jitter), capped at ``retry_max_delay_s``.
        retry_max_delay_s: Cap on one backoff.
        concurrency: Cap on this policy's requests in flight (the runner also bounds it).
        system: Default system message (a request's own ``system`` wins).
        image_format: ``"auto"`` (default: image files within the caps go as their own bytes; other files and
            rendered frames are encoded once as JPEG), ``"png"`` (lossless) or ``"jpeg"``.
        image_max_side: Longest image side before downscaling.
        image_max_bytes: Largest base64 image payload before re-encoding smaller.
        image_first: Put the image before the text (default: after, like the reference code).
        extra_body: Extra JSON fields for the request (e.g. vLLM's ``{"top_k": 1}``).
        api_key: The key itself, for programmatic use only; never written anywhere.
        name: Spec recorded in results (default ``"openai:<model>"``).
    """

    def __init__(
        self,
        model: str,
        *,
        base_url: str | None = None,
        api_key_env: str = "OPENAI_API_KEY",
        temperature: float = 0.0,
        max_tokens: int | None = None,
        request_timeout: float = 60.0,
        max_retries: int = 6,
        retry_base_delay_s: float = 0.5,
        retry_max_delay_s: float = 30.0,
        concurrency: int | None = None,
        system: str | None = None,
        image_format: str = "auto",
        image_max_side: int = DEFAULT_MAX_SIDE,
        image_max_bytes: int = DEFAULT_MAX_BYTES,
        image_first: bool = False,
        extra_body: dict[str, Any] | None = None,
        api_key: str | None = None,
        name: str | None = None,
    ) -> None:
        if image_format not in ("auto", "png", "jpeg"):
            raise ValueError(f"image_format must be 'auto', 'png' or 'jpeg', got {image_format!r}")
        if max_retries < 0:
            raise ValueError(f"max_retries must be >= 0, got {max_retries}")
        retry = RetrySettings(
            max_retries=max_retries, base_delay_s=retry_base_delay_s, max_delay_s=retry_max_delay_s
        )
        self.endpoint = ChatEndpoint(
            model,
            base_url=base_url,
            api_key_env=api_key_env,
            api_key=api_key,
            request_timeout=request_timeout,
            retry=retry,
            concurrency=concurrency,
        )
        self.model = model
        self.name = name or f"openai:{model}"
        self.temperature = temperature
        self.max_tokens = max_tokens
        self.system = system
        self.image_urls = DataUrlCache(fmt=image_format, max_side=image_max_side, max_bytes=image_max_bytes)
        self.image_first = image_first
        self.extra_body = dict(extra_body) if extra_body else None

    def preflight(self) -> None:
        """Fail fast (``ValueError``) when neither an API key nor a local endpoint is configured."""
        self.endpoint.preflight()

    def __repr__(self) -> str:
        return f"OpenAIPolicy(model={self.model!r}, base_url={self.endpoint.base_url!r})"

    def _user_content(self, text: str, url: str | None) -> list[dict[str, Any]]:
        content: list[dict[str, Any]] = [{"type": "text", "text": text}]
        if url is not None:
            part = {"type": "image_url", "image_url": {"url": url}}
            content.insert(0 if self.image_first else 1, part)
        return content

    def _messages(self, request: PolicyRequest, current_url: str | None) -> list[dict[str, Any]]:
        """The chat messages: system, then every turn of the dialogue (one user turn for one-shot requests).

        ``current_url`` is the data URL of the current turn's image (``request.image``), encoded beforehand.
        """
        messages: list[dict[str, Any]] = []
        system = request.system if request.system is not None else self.system
        if system:
            messages.append({"role": "system", "content": system})
        for turn in request.history:
            if turn.role == "assistant":
                messages.append({"role": "assistant", "content": turn.text})
            else:
                url = self.image_urls.url(turn.image) if turn.image is not None else None
                messages.append({"role": "user", "content": self._user_content(turn.text, url)})
        messages.append({"role": "user", "content": self._user_content(request.prompt, current_url)})
        return messages

    async def generate(self, request: PolicyRequest) -> PolicyResponse:
        """Ask the endpoint; the image (if any) travels as a data URL.

        Raises:
            PolicyError: after the retry budget, or at once on a non-transient failure (e.g. HTTP 400/401).
        """
        # Each distinct frame is loaded and encoded once, on the image pool (never on the event loop).
        url = await self.image_urls.aurl(request.image) if request.image is not None else None
        if any(turn.image is not None for turn in request.history):
            loop = asyncio.get_running_loop()
            messages = await loop.run_in_executor(image_pool(), self._messages, request, url)
        else:
            messages = self._messages(request, url)
        done = await self.endpoint.complete(
            messages,
            temperature=self.temperature,
            max_tokens=request.max_new_tokens or self.max_tokens,
            extra_body=self.extra_body,
        )
        return PolicyResponse(
            text=done.text,
            latency_s=done.latency_s,
            prompt_tokens=done.prompt_tokens,
            completion_tokens=done.completion_tokens,
            calls=done.attempts,  # HTTP requests, retries included (what the endpoint bills)
            meta={"attempts": done.attempts, "finish_reason": done.finish_reason},
        )

    async def prefetch_image(self, image: Any) -> None:
        """Encode ``image`` into the frame cache ahead of its request (the runner calls this while it waits)."""
        await self.image_urls.aurl(image)

    async def aclose(self) -> None:
        """Close the HTTP client. Safe to call twice."""
        await self.endpoint.aclose()


@register_policy("openai")
def make_openai_policy(model: str, **options: Any) -> OpenAIPolicy:
    """Factory for ``openai:<model>`` specs; runner-wide options it has no use for are ignored.

    ``max_new_tokens`` is accepted as another name for ``max_tokens``.

    Raises:
        SpecError: no model name, or an option this policy does not know.
    """
    from mssbench_embodied.registry import SpecError

    if not model:
        raise SpecError("openai policy needs a model name: 'openai:<model>', e.g. 'openai:gpt-4o'")
    if options.get("max_new_tokens") is not None and options.get("max_tokens") is None:
        options["max_tokens"] = options["max_new_tokens"]
    options.pop("max_new_tokens", None)
    kwargs = split_options("openai", OpenAIPolicy, options)
    try:
        return OpenAIPolicy(model, **kwargs)
    except ValueError as exc:
        raise SpecError(f"openai:{model}: {exc}") from None
