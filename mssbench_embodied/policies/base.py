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
class Turn:
    """One earlier message of a multi-turn dialogue (interactive episodes).

    Attributes:
        role: ``"user"`` (what the episode told the policy) or ``"assistant"`` (what the policy answered).
        text: The message text.
        image: The image sent with a user turn, or ``None`` (with history ``last`` only the newest turn keeps its
            image, so earlier turns carry text alone).

    Example:
        >>> Turn("assistant", "Goto Sink").image is None
        True
    """

    role: str
    text: str
    image: np.ndarray | None = None


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
        history: Earlier turns of a multi-turn dialogue, oldest first (empty for one-shot requests): the
            current turn is ``prompt`` + ``image``, the newest user message. Interactive episodes fill it.
        step: In an interactive episode, the 0-based index of the turn being asked for; ``None`` for one-shot
            requests. Policies that answer a whole plan at once ignore it.
        events: For household scenarios with world events, their schedule (what fired, what is still to come;
            scripted oracle reads it, read-only); else ``None``.

    Example:
        >>> req = PolicyRequest(prompt="Result: at Sink. What next?", history=[Turn("user", "Wash the cup."),
        ...                     Turn("assistant", "Goto Sink")], step=1)
        >>> [t.role for t in req.turns()]
        ['user', 'assistant', 'user']
    """

    prompt: str
    image: np.ndarray | Callable[[], np.ndarray] | None = None
    episode: Episode | None = None
    world: Any = None
    system: str | None = None
    max_new_tokens: int | None = None
    history: list[Turn] = field(default_factory=list)
    step: int | None = None
    events: Any = None

    @property
    def interactive(self) -> bool:
        """Whether this request is one turn of an interactive episode (answer one action)."""
        return self.step is not None

    def turns(self) -> list[Turn]:
        """The whole dialogue: ``history`` then the current user turn (``prompt`` with its image, loaded)."""
        return [*self.history, Turn("user", self.prompt, self.load_image())]

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
    #: Interactive episodes advance in lockstep: every live episode's next turn is asked at once, so a batching
    #: policy (``hf:``) answers them in one batch. API policies leave it off (each episode runs at its own pace).
    step_synchronous: bool = False

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
