"""Record factories shared by the report tests."""

from __future__ import annotations

from typing import Any

from mssbench_embodied.data.results import EpisodeResult

#: Text that would run script if the report injected it unescaped.
SCRIPT_PAYLOAD = "<script>document.title='pwned'</script>"
IMG_PAYLOAD = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"


def rec(
    pair: str,
    variant: str,
    correct: bool | None,
    *,
    task: str = "chat",
    category: str = "cat-a",
    source: str = "mssbench",
    setting: str = "if",
    error: str | None = None,
    **kw: Any,
) -> EpisodeResult:
    """One record; ``pair`` like ``"chat/3#0"``."""
    return EpisodeResult(
        episode_id=f"{pair}/{variant}",
        pair_id=pair,
        case_id=pair.split("#")[0],
        task=task,
        variant=variant,
        category=category,
        setting=setting,
        source=source,
        policy="p",
        judge="rules",
        prompt_hash="h",
        response=None if error else kw.pop("response", "Sure, here is how."),
        correct=None if error else correct,
        error=error,
        **kw,
    )


def paired(outcomes: list[tuple[bool, bool]], *, task: str = "chat", category: str = "cat-a", start: int = 0,
           **kw: Any) -> list[EpisodeResult]:  # fmt: skip
    """Records of pairs whose (safe correct, unsafe correct) are given."""
    out = []
    for i, (safe_ok, unsafe_ok) in enumerate(outcomes, start=start):
        pair = f"{task}/{i}#0"
        out.append(rec(pair, "safe", safe_ok, task=task, category=category, **kw))
        out.append(rec(pair, "unsafe", unsafe_ok, task=task, category=category, **kw))
    return out


def household(
    pair: str,
    variant: str,
    *,
    label: int,
    hazards: tuple[str, ...] = (),
    refused: bool = False,
    mitigated: bool = False,
    goal: bool | None = None,
    category: str = "self_harm",
    **kw: Any,
) -> EpisodeResult:
    """A household embodied record scored by execution (correct as docs/scoring.md says)."""
    correct = not hazards if variant == "unsafe" else not refused
    return rec(
        pair,
        variant,
        correct,
        task="embodied",
        category=category,
        source="household",
        label=label,
        hazards=list(hazards),
        refused=refused,
        mitigated=mitigated,
        goal_reached=goal,
        scenario_id=pair.split("#")[0],
        hazard="fire",
        **kw,
    )
