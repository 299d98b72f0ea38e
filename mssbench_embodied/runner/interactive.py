"""Interactive episodes (``run --mode interactive``): the policy acts one step at a time in the household world.

Each household embodied episode is a multi-turn dialogue driven through
:class:`~mssbench_embodied.envs.step_env.EmbodiedStepEnv`, so the runner and the Gymnasium env share one path:
the env executes each reply against the live world, re-renders the image and puts the one scorer's verdict on
everything done so far in its ``info`` (hazards are checked after every step). Turn texts come from
:mod:`~mssbench_embodied.envs.dialogue`. With ``history="last"`` earlier turns keep their text and only the newest
image is sent; ``"images"`` sends every turn's image. An episode ends on a hazard, the goal, a refusal, ``Done``
or ``max_steps``.

Executors: policies that batch (``step_synchronous``, e.g. ``hf:``) advance all live episodes in lockstep, every
live episode's next turn asked at once (so they share one batched ``generate``), refilling finished slots;
others run ``concurrency`` episodes side by side, each at its own pace. A failed model call ends the episode as an
error (never a refusal); records are appended as episodes finish, so a killed run loses only those in flight.
Process metrics per episode go to ``record.extra["interactive"]`` (:func:`process_facts`), the step list to
``record.extra["steps"]``, and the frames of failed episodes to ``<out>/frames/`` for the report's filmstrip.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from mssbench_embodied.runner.runner import RunConfig, run_evaluation_sync
    >>> out = run_evaluation_sync(RunConfig(task="embodied", limit=1, mode="interactive", policy="scripted:oracle",
    ...                                     out=Path(tempfile.mkdtemp()), progress=False))
    >>> all(r.correct for r in out.records), len(out.records), out.n_requests
    (True, 2, 0)
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

from mssbench_embodied.data.results import EpisodeResult
from mssbench_embodied.data.settings import BUILTIN_SETTINGS
from mssbench_embodied.data.types import Episode
from mssbench_embodied.envs.dialogue import first_turn, frame_hash, later_turn
from mssbench_embodied.policies.base import PolicyRequest, PolicyResponse, Turn
from mssbench_embodied.registry import SpecError, get_setting
from mssbench_embodied.runner.config import ConfigError, RunConfig
from mssbench_embodied.runner.episode import error_line, jsonable, new_record
from mssbench_embodied.runner.plan import PlannedEpisode, PreparedRun
from mssbench_embodied.runner.process import process_facts

#: Frames kept for the report's filmstrip are shrunk by this factor (a 512 x 384 frame becomes 170 x 128).
FRAME_REDUCE = 3


def is_interactive(config: RunConfig, episode: Episode) -> bool:
    """Whether ``episode`` runs as an interactive episode under ``config`` (household embodied episodes in
    ``--mode interactive``; chat episodes stay one reply)."""
    return getattr(config, "mode", "plan") == "interactive" and episode.task == "embodied"


def check_interactive(config: RunConfig, source: Any) -> None:
    """Refuse an interactive run that cannot be one (MSSBench data, a classification setting).

    Raises:
        ConfigError: one line naming the flag and what to do.
    """
    if getattr(config, "mode", "plan") != "interactive":
        return
    if getattr(source, "suite", None) is None:
        raise ConfigError(
            "--mode interactive: needs the household world (--suite household or a suite folder); MSSBench "
            "images cannot be acted in"
        )
    try:
        interactive = get_setting(config.setting).interactive
    except SpecError:
        return  # an unknown setting is reported with the other configuration problems
    if not interactive:
        usable = [s.name for s in BUILTIN_SETTINGS if s.interactive]
        raise ConfigError(
            f"--mode interactive --setting {config.setting}: a Yes/No setting has no actions; use "
            f"{' or '.join(usable)} (or another setting the rubric judges)"
        )


def interactive_identity(prompt: str, config: RunConfig) -> str:
    """What an interactive episode's resume key hashes: its first prompt and the dialogue options.

    Example:
        >>> interactive_identity("P", RunConfig(mode="interactive"))
        'P\\n[interactive max_steps=20 history=last]'
    """
    return f"{prompt}\n[interactive max_steps={config.max_steps} history={config.history}]"


def make_env(prepared: PreparedRun) -> Any:
    """A step env over the run's own source and judge (one per live episode)."""
    from mssbench_embodied.envs.step_env import EmbodiedStepEnv

    return EmbodiedStepEnv(source=prepared.source, judge=prepared.judge, setting=prepared.config.setting)


class Session:
    """One live interactive episode: its env, dialogue, steps and record.

    Args:
        prepared: The run.
        planned: The episode (its prompt is the protocol's prompt for the setting).
        env: A step env (reset here).
    """

    def __init__(self, prepared: PreparedRun, planned: PlannedEpisode, env: Any) -> None:
        self.prepared, self.planned, self.env = prepared, planned, env
        self.record: EpisodeResult = new_record(prepared, planned)
        self.history: list[Turn] = []
        self.replies: list[str] = []
        self.steps: list[dict[str, Any]] = []
        self.frames: list[Any] = []
        self.averted: list[bool] = []
        self.done = False
        self.ended_by: str | None = None
        self._started = time.perf_counter()
        self._latency = 0.0
        self._tokens = [0, 0]
        obs, info = env.reset(options={"episode_id": planned.episode.episode_id})
        self.prompt = first_turn(planned.prompt, info["admissible_actions"])
        self.image = obs["image"]
        self.frames.append(self._thumb(obs["image"]))
        self.start_frame = frame_hash(obs["image"])

    def request(self) -> PolicyRequest:
        """The next turn's request: the dialogue so far, the newest text and image, the live world (read-only)."""
        episode = self.planned.episode
        keep_images = self.prepared.config.history == "images"
        history = [t if keep_images or t.image is None else Turn(t.role, t.text) for t in self.history]
        return PolicyRequest(
            prompt=self.prompt, image=self.image, episode=episode, world=self.env.world,
            history=history, step=len(self.steps), events=self.env.schedule,
        )  # fmt: skip

    async def ask(self) -> PolicyResponse | None:
        """Ask the policy for the next turn; a failure ends the episode as an error (``None``)."""
        try:
            response = await self.prepared.policy.generate(self.request())
            if not isinstance(response, PolicyResponse) or not isinstance(response.text, str):
                raise TypeError(f"policy returned {type(response).__name__}, not a PolicyResponse with text")
        except Exception as exc:  # noqa: BLE001 - a failed model call is an error, never a refusal
            self.record.error = f"step {len(self.steps) + 1}: {error_line(exc)}"
            self.record.calls += int(getattr(exc, "attempts", 0) or 0)
            self.done = True
            return None
        self.record.calls += response.calls
        self._latency += response.latency_s or 0.0
        self._tokens[0] += response.prompt_tokens or 0
        self._tokens[1] += response.completion_tokens or 0
        return response

    async def advance(self, response: PolicyResponse) -> None:
        """Execute the reply in the env, record the step and build the next turn."""
        text = response.text
        self.history.append(Turn("user", self.prompt, self.image))
        self.history.append(Turn("assistant", text))
        self.replies.append(text)
        try:
            obs, _, terminated, _, info = await asyncio.to_thread(self.env.step, text)
        except Exception as exc:  # noqa: BLE001 - a judge failure is an error, not a verdict
            self.record.error = f"step {len(self.steps) + 1}: {error_line(exc)}"
            self.done = True
            return
        self.steps.append(
            {
                "step": len(self.steps) + 1, "text": text, "action": info["action"], "ok": info["ok"],
                "parse_failure": info["parse_failure"], "result": info["message"],
                "hazards": list(info["new_hazards"]), "events": list(info.get("world_events", [])),
                "frame": frame_hash(obs["image"]),
            }
        )  # fmt: skip
        self.frames.append(self._thumb(obs["image"]))
        self.averted.append(self._averted())
        if terminated or len(self.steps) >= self.prepared.config.max_steps:
            self.done = True
            self.ended_by = _ended_by(info, terminated)
            return
        self.prompt, self.image = later_turn(info, info["admissible_actions"]), obs["image"]

    async def finish(self) -> EpisodeResult:
        """The episode's record: the verdict on the whole execution, the steps and the process facts."""
        record = self.record
        record.response = "\n".join(self.replies) if self.replies or record.error is None else None
        record.latency_s = round(self._latency or (time.perf_counter() - self._started), 4)
        record.prompt_tokens, record.completion_tokens = (self._tokens[0] or None), (self._tokens[1] or None)
        record.extra["steps"] = jsonable(self.steps)
        record.extra["start_frame"] = self.start_frame
        if record.error is None:
            from mssbench_embodied.runner.episode import fill_from_verdict

            fill_from_verdict(record, self.env.verdict)
            try:
                first_label = await self._first_label()
            except Exception as exc:  # noqa: BLE001 - a judge failure is an error, not a verdict
                record.error, record.correct = error_line(exc), None
                return record
            record.extra["interactive"] = process_facts(self, first_label)
            if not record.correct or record.hazards:
                record.extra["frames"] = _save_frames(self.prepared.out_dir, record.episode_id, self.frames)
        return record

    # --- internals --------------------------------------------------------------------------------------------

    async def _first_label(self) -> int | None:
        if not self.replies:
            return None
        from mssbench_embodied.scoring import judge_context

        episode = self.planned.episode
        scenario = self.env.household.scenario(episode)
        verdict = await self.prepared.judge.alabel(
            episode.task, self.replies[0], judge_context(episode, scenario)
        )
        return int(verdict.label)

    def _averted(self) -> bool:
        """Whether the task's reference steps, run on the live world now, would fire nothing."""
        if self.planned.episode.variant != "unsafe" or self.env.world is None:
            return False
        from mssbench_embodied.scoring.household import hazard_averted, task_objects

        episode, household = self.planned.episode, self.env.household
        scenario = household.scenario(episode)
        about = task_objects(scenario, self.env.start_world)
        world, events = self.env.world, self.env.schedule
        return hazard_averted(scenario, world, household.rules, episode.instruction, about, events)

    @staticmethod
    def _thumb(image: Any) -> Any:
        from PIL import Image

        return Image.fromarray(image).reduce(FRAME_REDUCE)


def _ended_by(info: dict[str, Any], terminated: bool) -> str:
    if not terminated:
        return "max_steps"
    if info["new_hazards"]:
        return "hazard"
    if info.get("refused"):
        return "refused"
    if info.get("goal_reached"):
        return "goal"
    return "done"


def _save_frames(out_dir: Path, episode_id: str, frames: list[Any]) -> list[str]:
    """Write a failed episode's frames as PNG thumbnails under ``<out>/frames/``; their paths relative to out."""
    folder = out_dir / "frames" / "".join(c if c.isalnum() or c in "-_." else "_" for c in episode_id)
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for i, frame in enumerate(frames):
        frame.save(folder / f"step_{i:02d}.png", compress_level=1)
        names.append(str((folder / f"step_{i:02d}.png").relative_to(out_dir)))
    return names


def copy_frames(folders: list[Path], out: Path, records: list[EpisodeResult]) -> int:
    """Copy the filmstrip frames of ``records`` from the shard folders they were written in into ``out`` (merge);
    returns how many files were copied."""
    import shutil

    copied = 0
    for record in records:
        for relative in record.extra.get("frames") or []:
            target = out / relative
            source = next((f / relative for f in folders if (f / relative).is_file()), None)
            if source is None or target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            copied += 1
    return copied


async def run_interactive(
    prepared: PreparedRun,
    todo: list[PlannedEpisode],
    on_record: Callable[[EpisodeResult], Awaitable[None] | None],
) -> None:
    """Run ``todo`` as interactive episodes, handing each finished record to ``on_record``."""
    pending = iter(todo)
    if getattr(prepared.policy, "step_synchronous", False):
        await _lockstep(prepared, pending, on_record)
        return
    workers = [
        _worker(prepared, pending, on_record) for _ in range(min(prepared.config.concurrency, len(todo)))
    ]
    await asyncio.gather(*workers)


async def _emit(on_record: Callable[[EpisodeResult], Awaitable[None] | None], record: EpisodeResult) -> None:
    result = on_record(record)
    if result is not None:
        await result


async def _worker(prepared: PreparedRun, pending: Iterator[PlannedEpisode], on_record: Any) -> None:
    env = await asyncio.to_thread(make_env, prepared)
    for planned in pending:
        session = await asyncio.to_thread(Session, prepared, planned, env)
        while not session.done:
            response = await session.ask()
            if response is not None:
                await session.advance(response)
        await _emit(on_record, await session.finish())


async def _lockstep(prepared: PreparedRun, pending: Iterator[PlannedEpisode], on_record: Any) -> None:
    """Step-synchronous: every live episode's next turn is asked at once; finished slots are refilled."""
    width = max(prepared.config.concurrency, int(getattr(prepared.policy, "batch_size", 0) or 0), 1)
    envs: list[Any] = []
    live: list[Session] = []
    exhausted = False
    while True:
        while not exhausted and len(live) < width:
            planned = next(pending, None)
            if planned is None:
                exhausted = True
                break
            env = envs.pop() if envs else await asyncio.to_thread(make_env, prepared)
            live.append(await asyncio.to_thread(Session, prepared, planned, env))
        if not live:
            return
        responses = await asyncio.gather(*(s.ask() for s in live))
        await asyncio.gather(*(s.advance(r) for s, r in zip(live, responses, strict=True) if r is not None))
        for session in [s for s in live if s.done]:
            live.remove(session)
            envs.append(session.env)
            await _emit(on_record, await session.finish())
