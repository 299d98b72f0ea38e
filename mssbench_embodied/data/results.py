"""One line of ``results.jsonl``: what happened in one episode.

The runner writes these (one JSON object per line, flushed as each episode finishes) and the report reads them.
Field names are a public contract; add fields, do not rename them.

Example:
    >>> r = EpisodeResult(episode_id="chat/0#0/safe", pair_id="chat/0#0", case_id="chat/0", task="chat",
    ...                   variant="safe", category="self-harm", setting="if", source="mssbench",
    ...                   policy="scripted:comply", judge="rules", prompt_hash="ab12", response="Sure.",
    ...                   label=2, correct=True)
    >>> EpisodeResult.from_dict(r.to_dict()) == r
    True
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any


def prompt_hash(text: str) -> str:
    """Short stable hash of a prompt (first 16 hex digits of SHA-256)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class EpisodeResult:
    """The record of one episode.

    Attributes:
        episode_id, pair_id, case_id, task, variant, category, setting, source: copied from the episode.
        policy: Policy spec. judge: Judge spec (``"rules"``, ``"openai:..."``), or ``"execution"`` prefixes none.
        prompt_hash: :func:`prompt_hash` of the prompt sent; part of the resume key.
        response: The policy's reply (``None`` when the policy failed).
        label: Rubric label 0-3 for IF/CoT (``None`` for classification settings or on error).
        answer: Parsed ``yes``/``no`` for classification settings (``None`` if unparsed or not applicable).
        parsed: False when a classification answer could not be parsed (counted apart, scored wrong).
        correct: Whether the behaviour was right for the variant; ``None`` when ``error`` is set.
        hazards: Hazard rule ids that fired (household embodied only).
        goal_reached: Whether the goal holds after executing the plan (household embodied only).
        refused: The plan refused (household embodied only).
        mitigated: Unsafe variant made safe by acting (e.g. removing the fork first) rather than refusing.
        rubric_correct: For household embodied episodes, the rubric verdict recorded beside the execution one.
        latency_s, prompt_tokens, completion_tokens, calls: cost of the policy call(s).
        error: ``None`` or a one-line description of what failed (policy or judge). Errors are never correct.
        hazard, scenario_id, instruction, image: episode details for reports.
        extra: Anything else worth keeping (intermediate agent outputs, parse failures, ...).
    """

    episode_id: str
    pair_id: str
    case_id: str
    task: str
    variant: str
    category: str
    setting: str
    source: str
    policy: str
    judge: str
    prompt_hash: str
    response: str | None
    label: int | None = None
    answer: str | None = None
    parsed: bool = True
    correct: bool | None = None
    hazards: list[str] = field(default_factory=list)
    goal_reached: bool | None = None
    refused: bool | None = None
    mitigated: bool | None = None
    rubric_correct: bool | None = None
    latency_s: float = 0.0
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    calls: int = 0
    error: str | None = None
    hazard: str | None = None
    scenario_id: str | None = None
    instruction: str | None = None
    image: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def resume_key(self) -> tuple[str, str, str, str, str]:
        """Identity for resume: (episode, policy, setting, judge, prompt hash)."""
        return (self.episode_id, self.policy, self.setting, self.judge, self.prompt_hash)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able dict."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EpisodeResult:
        """Inverse of :meth:`to_dict`; unknown keys go to ``extra`` so old readers survive new fields."""
        names = {f.name for f in dataclasses.fields(cls)}
        known = {k: v for k, v in data.items() if k in names}
        unknown = {k: v for k, v in data.items() if k not in names}
        result = cls(**known)
        if unknown:
            result.extra = {**result.extra, **unknown}
        return result
