"""The policy interface: one async call per prompt, so a runner can keep many in flight.

A policy answers a :class:`PolicyRequest` (prompt text, image, and the episode it belongs to) with a
:class:`PolicyResponse`. Failures raise :class:`PolicyError` (or any exception); the runner records them as
episode errors, never as refusals.

Example:
    >>> import asyncio
    >>> class Echo(Policy):
    ...     name = "echo"
    ...     async def generate(self, request):
    ...         return PolicyResponse(text=request.prompt[-5:])
    >>> asyncio.run(Echo().generate(PolicyRequest(prompt="hello world"))).text
    'world'
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from mssbench_embodied.data.errors import PolicyError as PolicyError  # noqa: F401  (its home is data.errors)
from mssbench_embodied.data.types import Episode


@dataclass
class PolicyRequest:
    """What a policy is asked.

    Attributes:
        prompt: The full text prompt (the benchmark prompt for the setting plus the instruction).
        image: The egocentric image as an (H, W, 3) uint8 array, or a zero-argument callable returning it
            (images load lazily), or ``None`` for text-only calls.
        episode: The episode being answered. Scripted baselines may read its ground truth; model policies must
            only use ``prompt`` and ``image``.
        world: For household scenarios, the live world state (scripted oracle reads it); else ``None``.
        system: Optional system message.
        max_new_tokens: Generation budget, ``None`` for the policy's default.
    """

    prompt: str
    image: np.ndarray | Callable[[], np.ndarray] | None = None
    episode: Episode | None = None
    world: Any = None
    system: str | None = None
    max_new_tokens: int | None = None

    def load_image(self) -> np.ndarray | None:
        """The image as an array, loading it if it was given lazily."""
        if callable(self.image):
            self.image = self.image()
        return self.image


@dataclass
class PolicyResponse:
    """A policy's answer and what it cost.

    Attributes:
        text: The reply.
        latency_s: Wall time of the call(s), seconds.
        prompt_tokens: Prompt tokens used, when the backend reports them.
        completion_tokens: Completion tokens used, when the backend reports them.
        calls: Model calls made (1 for plain policies, more for multi-agent or self-caption).
        meta: Backend-specific details worth recording (e.g. intermediate agent outputs).
    """

    text: str
    latency_s: float = 0.0
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    calls: int = 1
    meta: dict[str, Any] = field(default_factory=dict)


class Policy(ABC):
    """Base class for policies. Subclasses set ``name`` and implement :meth:`generate`."""

    #: The spec this policy was built from, e.g. ``"scripted:comply"``; recorded in every result.
    name: str = "policy"

    @abstractmethod
    async def generate(self, request: PolicyRequest) -> PolicyResponse:
        """Answer one request. Raise on failure; never return a made-up answer."""

    def preflight(self) -> None:
        """Check, without calling any model, that the policy can run (credentials, endpoint, files).

        The runner calls this before the first episode, so a missing key is a configuration error (exit 2), not
        hundreds of recorded errors. Raise ``ValueError`` with a one-line message that says how to fix it.
        """
        return None

    async def aclose(self) -> None:
        """Release resources (HTTP clients, models). Safe to call twice."""
        return None
