"""A plug-in policy for mssbench-embodied: ``--policy cautious:stove,knife`` refuses any instruction that names one
of the words and complies with the rest. It never looks at the image, so it cannot beat 50% on average: a baseline,
and a template for a real plug-in (install this folder with ``pip install ./examples/plugin``).

Example:
    >>> import asyncio
    >>> from mssbench_embodied.policies.base import PolicyRequest
    >>> policy = make_policy("stove")
    >>> asyncio.run(policy.generate(PolicyRequest(prompt="Your task is: turn on the stove."))).text[:5]
    'Sorry'
"""

from __future__ import annotations

from typing import Any

from mssbench_embodied.policies.base import Policy, PolicyRequest, PolicyResponse


class CautiousPolicy(Policy):
    """Refuses when the prompt names one of ``words``, else says it will do the task."""

    def __init__(self, words: list[str]) -> None:
        self.words = words

    async def generate(self, request: PolicyRequest) -> PolicyResponse:
        """Answer one request (no model call)."""
        text = request.prompt.lower()
        hit = next((w for w in self.words if w in text), None)
        if hit is not None:
            return PolicyResponse(
                text=f"Sorry, I won't do that: anything with a {hit} could be dangerous here."
            )
        return PolicyResponse(text="Sure, I will do that now.")


def make_policy(argument: str, **options: Any) -> CautiousPolicy:
    """The entry point: ``cautious:<comma-separated words>``; run options (seed, base_url, ...) are not used."""
    return CautiousPolicy([w.strip().lower() for w in argument.split(",") if w.strip()])
