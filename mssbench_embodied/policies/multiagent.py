"""``multiagent:<inner spec>``: the MSSBench paper's multi-agent pipeline, with the inner policy as every agent.

Chat (3 calls):
  1. intent agent: ``PROMPT_CHAT_INTENT_AGENT + query`` (with the image, as the reference code sends it);
     the intent is the text after ``Potential intent activity:``;
  2. safety-judge agent: ``PROMPT_CHAT_JUDGE_AGENT + intent``, with the image; its ``Answer: Yes/No`` is parsed;
  3. answer agent: ``PROMPT_QA_AGENT_YES`` (safe) / ``PROMPT_QA_AGENT_NO`` (unsafe) + query, or, when the verdict
     cannot be parsed, ``PROMPT_QA_AGENT_ELSE + query`` followed by the judge's evaluation; with the image.

Embodied (2 calls):
  1. important-point agent: ``PROMPT_IMPORTANT_POINT_AGENT + instruction`` with the episode's image; the point
     is the text after ``Important environment state:``;
  2. response agent: ``PROMPT_RESPONSE_AGENT + instruction + " A point to consider is: " + point``, same image.

Interactive episodes (``run --mode interactive``): on the first turn the important-point agent runs as above and
the point is appended to the turn's own prompt (which asks for one action); every later turn goes to the inner
policy with the dialogue so far, the first turn still carrying the point (1 + 1 calls, then 1 per turn).

This fixes the reference code (``utils/infer_on_multiagent.py``), which does not run, sends the raw query (not
the intent) to the judge, never passes the verdict's prompt to the answering call, and gives the unsafe
instruction's point agent the safe image. The pipeline replaces the setting's prompt, so it runs in settings whose
replies the rubric judges (``if``, ``cot``, a plug-in's with ``scoring="rubric"``); classification settings are
refused with an error.

Example:
    >>> import asyncio
    >>> from mssbench_embodied.data.types import Episode
    >>> from mssbench_embodied.policies.base import Policy, PolicyRequest, PolicyResponse
    >>> class Stub(Policy):
    ...     async def generate(self, request):
    ...         return PolicyResponse(text="Important environment state: a fork in the microwave")
    >>> ep = Episode("e/0#0/unsafe", "e/0#0", "e/0", "embodied", "unsafe", "fire", "if", "Heat the food.", "mssbench")
    >>> out = asyncio.run(MultiAgentPolicy(Stub()).generate(PolicyRequest(prompt="", episode=ep)))
    >>> out.calls, out.meta["important_point"]
    (2, 'a fork in the microwave')
"""

from __future__ import annotations

import re
import time
from typing import Any

from mssbench_embodied.data.protocol import parse_yes_no, policy_prompt
from mssbench_embodied.policies.base import Policy, PolicyError, PolicyRequest, PolicyResponse
from mssbench_embodied.policies.selfcap import merge_usage
from mssbench_embodied.registry import SpecError, create_policy, get_setting, register_policy

#: Joins the important point to the instruction, as in the reference code (its correct, safe-image branch).
POINT_SEPARATOR = " A point to consider is: "
#: Ours: how the judge's evaluation follows the query when its Yes/No could not be parsed (the ELSE prompt
#: says the agent "is provided with a safety evaluation", which the reference code never supplies).
EVALUATION_SEPARATOR = "\nThe safety evaluation from another agent is: "

_INTENT_RE = re.compile(r"potential\s+intent\s+activity\s*:", re.IGNORECASE)
_POINT_MARKER = "Important environment state:"


def extract_after(text: str, marker: str | re.Pattern[str]) -> str:
    """The text after the last ``marker`` (stripped), or all of it when the marker is missing.

    Example:
        >>> extract_after("Reasoning: r Potential intent activity: swim", _INTENT_RE)
        'swim'
        >>> extract_after("no marker here", "X:")
        'no marker here'
    """
    if isinstance(marker, str):
        return text.split(marker)[-1].strip()
    parts = marker.split(text)
    return parts[-1].strip()


class MultiAgentPolicy(Policy):
    """The paper's multi-agent pipeline over one inner policy (see the module docstring).

    Args:
        inner: The policy that plays every agent.
        intent_image: Send the image to the intent agent too (default ``True``, as the reference code does).
        name: Spec recorded in results (default ``"multiagent:<inner name>"``).
    """

    def __init__(self, inner: Policy, *, intent_image: bool = True, name: str | None = None) -> None:
        self.inner = inner
        self.intent_image = intent_image
        self.name = name or f"multiagent:{inner.name}"
        self._points: dict[str, str] = {}  # interactive episodes: episode id -> the important point

    @property
    def step_synchronous(self) -> bool:  # type: ignore[override]
        """As the inner policy (a batched local model keeps interactive episodes in lockstep)."""
        return bool(getattr(self.inner, "step_synchronous", False))

    async def _ask(self, request: PolicyRequest, prompt: str, image: Any, log: list[PolicyResponse]) -> str:
        sub = PolicyRequest(
            prompt=prompt, image=image, episode=request.episode, world=request.world, system=request.system
        )
        response = await self.inner.generate(sub)
        log.append(response)
        return response.text

    async def generate(self, request: PolicyRequest) -> PolicyResponse:
        """Run the pipeline for the request's episode (its task picks chat or embodied).

        Raises:
            PolicyError: no episode on the request, or a classification setting.
        """
        episode = request.episode
        if episode is None:
            raise PolicyError("multiagent needs the episode (its task and instruction) on the request")
        if get_setting(episode.setting).scoring != "rubric":
            raise PolicyError(
                "multiagent runs the paper's pipeline in settings the rubric judges (like 'if' and 'cot'), "
                f"not {episode.setting!r} (a Yes/No classification setting)"
            )
        if request.interactive and episode.task == "embodied":
            return await self._turn(request, episode.episode_id, episode.instruction)
        started = time.perf_counter()
        image = request.load_image()  # load once, share with every agent
        log: list[PolicyResponse] = []
        instruction = episode.instruction
        meta: dict[str, Any] = {}
        if episode.task == "chat":
            intent_out = await self._ask(
                request,
                policy_prompt("PROMPT_CHAT_INTENT_AGENT") + instruction,
                image if self.intent_image else None,
                log,
            )
            intent = extract_after(intent_out, _INTENT_RE)
            judge_out = await self._ask(
                request, policy_prompt("PROMPT_CHAT_JUDGE_AGENT") + intent, image, log
            )
            verdict = parse_yes_no(judge_out)
            if verdict == "yes":
                answer_prompt = policy_prompt("PROMPT_QA_AGENT_YES") + instruction
            elif verdict == "no":
                answer_prompt = policy_prompt("PROMPT_QA_AGENT_NO") + instruction
            else:
                answer_prompt = (
                    policy_prompt("PROMPT_QA_AGENT_ELSE") + instruction + EVALUATION_SEPARATOR + judge_out
                )
            text = await self._ask(request, answer_prompt, image, log)
            meta.update(intent_output=intent_out, intent=intent, judge_output=judge_out, verdict=verdict)
        else:
            point_out = await self._ask(
                request, policy_prompt("PROMPT_IMPORTANT_POINT_AGENT") + instruction, image, log
            )
            point = extract_after(point_out, _POINT_MARKER)
            response_prompt = policy_prompt("PROMPT_RESPONSE_AGENT") + instruction + POINT_SEPARATOR + point
            text = await self._ask(request, response_prompt, image, log)
            meta.update(important_point_output=point_out, important_point=point)
        meta["agent_calls"] = len(log)
        return merge_usage(log, text, time.perf_counter() - started, meta)

    async def _turn(self, request: PolicyRequest, episode_id: str, instruction: str) -> PolicyResponse:
        """One turn of an interactive episode (see the module notes)."""
        started = time.perf_counter()
        log: list[PolicyResponse] = []
        meta: dict[str, Any] = {}
        if not request.history:
            point_out = await self._ask(
                request,
                policy_prompt("PROMPT_IMPORTANT_POINT_AGENT") + instruction,
                request.load_image(),
                log,
            )
            self._points[episode_id] = extract_after(point_out, _POINT_MARKER)
            meta.update(important_point_output=point_out, important_point=self._points[episode_id])
        point = self._points.get(episode_id, "")
        history = list(request.history)
        if history and point:
            first = history[0]
            history[0] = type(first)(first.role, first.text + POINT_SEPARATOR + point, first.image)
        prompt = request.prompt + POINT_SEPARATOR + point if not request.history and point else request.prompt
        sub = PolicyRequest(
            prompt=prompt, image=request.image, episode=request.episode, world=request.world,
            system=request.system, max_new_tokens=request.max_new_tokens, history=history, step=request.step,
        )  # fmt: skip
        response = await self.inner.generate(sub)
        log.append(response)
        meta["agent_calls"] = len(log)
        return merge_usage(log, response.text, time.perf_counter() - started, meta)

    def preflight(self) -> None:
        """The inner policy's check."""
        self.inner.preflight()

    async def aclose(self) -> None:
        """Close the inner policy."""
        await self.inner.aclose()


@register_policy("multiagent")
def make_multiagent_policy(inner_spec: str, **options: Any) -> MultiAgentPolicy:
    """Factory for ``multiagent:<inner spec>``; other options go to the inner policy.

    Raises:
        SpecError: no inner spec, or nested ``multiagent:``.
    """
    if not inner_spec:
        raise SpecError(
            "multiagent needs an inner policy: 'multiagent:<spec>', e.g. 'multiagent:openai:gpt-4o'"
        )
    if inner_spec.startswith("multiagent:"):
        raise SpecError("multiagent cannot wrap another multiagent policy")
    intent_image = options.pop("intent_image", True)
    options.pop("name", None)
    inner = create_policy(inner_spec, **options)
    return MultiAgentPolicy(inner, intent_image=bool(intent_image))
