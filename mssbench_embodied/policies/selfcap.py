"""Self-captioning wrapper for settings with ``caption="self"`` (``ic_selfcap``): the model captions its image first.

For such episodes the env/runner prompt ends with ``"\\nThe caption is: "`` (the captioned prompt with an empty
caption). :class:`SelfCaptionPolicy` asks the inner policy for a caption (the setting's ``self_caption_prompt``,
by default :data:`~mssbench_embodied.data.protocol.SELF_CAPTION_PROMPT`, + the image), appends it to that prompt,
and asks again with the image. Every other request passes through unchanged.

Example:
    >>> import asyncio
    >>> from mssbench_embodied.policies.base import Policy, PolicyRequest, PolicyResponse
    >>> class Parrot(Policy):
    ...     async def generate(self, request):
    ...         return PolicyResponse(text="A stove is on." if "Describe" in request.prompt else request.prompt)
    >>> out = asyncio.run(SelfCaptionPolicy(Parrot()).generate(
    ...     PolicyRequest(prompt="...\\nThe caption is: "), setting="ic_selfcap"))
    >>> out.text, out.calls
    ('...\\nThe caption is: A stove is on.', 2)
"""

from __future__ import annotations

import dataclasses
import time

from mssbench_embodied.policies.base import Policy, PolicyRequest, PolicyResponse
from mssbench_embodied.registry import get_setting


def _add(a: int | None, b: int | None) -> int | None:
    return None if a is None and b is None else (a or 0) + (b or 0)


def merge_usage(responses: list[PolicyResponse], text: str, latency_s: float, meta: dict) -> PolicyResponse:
    """One response standing for several inner calls: tokens and calls summed, ``text`` the final answer.

    Example:
        >>> merge_usage([PolicyResponse("a", prompt_tokens=3), PolicyResponse("b", prompt_tokens=4)], "b", 1.0, {})
        PolicyResponse(text='b', latency_s=1.0, prompt_tokens=7, completion_tokens=None, calls=2, meta={})
    """
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    for response in responses:
        prompt_tokens = _add(prompt_tokens, response.prompt_tokens)
        completion_tokens = _add(completion_tokens, response.completion_tokens)
    return PolicyResponse(
        text=text,
        latency_s=latency_s,
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
        calls=sum(r.calls for r in responses),
        meta=meta,
    )


class SelfCaptionPolicy(Policy):
    """Wraps a policy so that requests of a self-caption setting are answered with a self-made caption (2 calls).

    The setting is read from ``request.episode.setting`` (or, for direct use, the ``setting`` argument of
    :meth:`generate`); it self-captions when its ``caption`` is ``"self"``. The caption and the caption call's cost
    are kept in ``meta``.

    Args:
        inner: The policy that captions and answers.
        caption_prompt: Prompt of the caption call (default: the setting's ``self_caption_prompt``).
    """

    def __init__(self, inner: Policy, *, caption_prompt: str | None = None) -> None:
        self.inner = inner
        self.caption_prompt = caption_prompt
        self.name = inner.name

    async def generate(self, request: PolicyRequest, setting: str | None = None) -> PolicyResponse:
        """Caption then answer for a self-caption setting (``ic_selfcap``); pass through otherwise."""
        setting = setting or (request.episode.setting if request.episode is not None else None)
        found = get_setting(setting) if setting is not None else None
        if found is None or found.caption != "self":
            return await self.inner.generate(request)
        started = time.perf_counter()
        caption_request = PolicyRequest(
            prompt=self.caption_prompt or found.self_caption_prompt,
            image=request.image,
            episode=request.episode,
            world=request.world,
            system=request.system,
        )
        caption = await self.inner.generate(caption_request)
        caption_text = caption.text.strip()
        answer_request = dataclasses.replace(
            request, prompt=request.prompt + caption_text, image=caption_request.image
        )
        answer = await self.inner.generate(answer_request)
        meta = {**answer.meta, "self_caption": caption_text, "caption_meta": caption.meta}
        return merge_usage([caption, answer], answer.text, time.perf_counter() - started, meta)

    def preflight(self) -> None:
        """The inner policy's check."""
        self.inner.preflight()

    async def aclose(self) -> None:
        """Close the inner policy."""
        await self.inner.aclose()
