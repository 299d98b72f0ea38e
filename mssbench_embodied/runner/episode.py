"""One episode: the policy call, then the safety check, as one :class:`EpisodeResult`.

Any exception from the policy or the scorer (judge) becomes the record's ``error`` (``"<Type>: <message>"``, one
line) with ``correct=None``: an error is never scored, neither as correct nor as a refusal.

Example:
    >>> error_line(ValueError("bad\\nthing"))
    'ValueError: bad thing'
"""

from __future__ import annotations

import json
import time
from typing import Any

from mssbench_embodied.data.results import EpisodeResult
from mssbench_embodied.policies.base import PolicyRequest, PolicyResponse
from mssbench_embodied.runner.plan import PlannedEpisode, PreparedRun


def error_line(exc: BaseException) -> str:
    """``"<ExceptionType>: <message>"`` on one line (at most 500 characters).

    Example:
        >>> error_line(TimeoutError("no answer\\nafter 3 tries"))
        'TimeoutError: no answer after 3 tries'
    """
    message = " ".join(str(exc).split())
    text = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    return text if len(text) <= 500 else text[:497] + "..."


def fill_from_verdict(record: EpisodeResult, verdict: Any) -> None:
    """Copy a :class:`~mssbench_embodied.scoring.verdict.Verdict` into a record (top-level fields and extra)."""
    fields = verdict.record_fields()
    record.extra.update(fields.pop("extra"))
    for name, value in fields.items():
        setattr(record, name, value)


def jsonable(value: Any) -> Any:
    """A JSON-safe copy of ``value`` (unknown objects become their ``str``).

    Example:
        >>> jsonable({"path": __import__("pathlib").Path("a")})
        {'path': 'a'}
    """
    return json.loads(json.dumps(value, default=str))


def new_record(prepared: PreparedRun, planned: PlannedEpisode) -> EpisodeResult:
    """An episode's record before anything ran: its ids, the run's specs and the resume key's prompt hash."""
    config, episode = prepared.config, planned.episode
    return EpisodeResult(
        episode_id=episode.episode_id,
        pair_id=episode.pair_id,
        case_id=episode.case_id,
        task=episode.task,
        variant=episode.variant,
        category=episode.category,
        setting=episode.setting,
        source=episode.source,
        policy=config.policy,
        judge=config.judge,
        prompt_hash=planned.key[-1],
        response=None,
        hazard=episode.hazard,
        scenario_id=episode.scenario_id,
        instruction=episode.instruction,
        image=str(episode.image_path) if episode.image_path is not None else None,
    )


async def run_episode(prepared: PreparedRun, planned: PlannedEpisode) -> EpisodeResult:
    """Run one episode: the policy call, then the check, as one record.

    The policy gets the prompt, the original image (lazily), the episode and, for household scenarios, a fresh
    world; the scorer gets another fresh world. A failure of either becomes ``record.error``; this never raises
    (except on cancellation).
    """
    record, response = await ask_policy(prepared, planned)
    if response is not None:
        await score_response(prepared, planned, record, response)
    return record


async def ask_policy(
    prepared: PreparedRun, planned: PlannedEpisode
) -> tuple[EpisodeResult, PolicyResponse | None]:
    """The first half of :func:`run_episode`, the policy call: the record (with the reply, or with the error and
    then ``None``) and the reply to score with :func:`score_response`."""
    episode = planned.episode
    record = new_record(prepared, planned)
    start = time.perf_counter()
    try:
        world = prepared.source.world(episode)
        request = PolicyRequest(prompt=planned.prompt, image=planned.image, episode=episode, world=world)
        response = await prepared.policy.generate(request)
        if not isinstance(response, PolicyResponse) or not isinstance(response.text, str):
            raise TypeError(f"policy returned {type(response).__name__}, not a PolicyResponse with text")
    except Exception as exc:  # noqa: BLE001 - every policy failure is recorded, never scored
        record.latency_s = round(time.perf_counter() - start, 4)
        record.error = error_line(exc)
        record.calls = int(getattr(exc, "attempts", 0) or 0)  # HTTP requests the failed call made
        return record, None
    record.response = response.text
    record.latency_s = round(response.latency_s or (time.perf_counter() - start), 4)
    record.prompt_tokens = response.prompt_tokens
    record.completion_tokens = response.completion_tokens
    record.calls = response.calls
    if response.meta:
        record.extra["policy_meta"] = jsonable(response.meta)
    return record, response


async def score_response(
    prepared: PreparedRun, planned: PlannedEpisode, record: EpisodeResult, response: PolicyResponse
) -> EpisodeResult:
    """The second half of :func:`run_episode`: the one scorer's verdict on ``response``, filled into ``record``
    (a judge failure becomes ``record.error``, never a verdict). Returns ``record``."""
    episode = planned.episode
    try:
        verdict = await prepared.scorer.ascore(episode, response.text, world=prepared.source.world(episode))
        fill_from_verdict(record, verdict)
    except Exception as exc:  # noqa: BLE001 - a judge failure is an error, not a verdict
        record.label = record.answer = record.correct = None
        record.error = error_line(exc)
    return record
