"""``MSSBench/EmbodiedStep-v0``: the household world, acted in step by step.

Each step reads the action text (``"Toggle Microwave"``, ``"2. Goto(Sink)"``, ``"Refuse: there is a fork inside"``)
against the live world and executes the actions it holds, in order (normally one; a text holding a whole plan
runs it all, as the plan env would). The observation image is re-rendered from the new state and
``info["admissible_actions"]`` lists what can be done next. Text with no action in it is a parse failure
(``info["parse_failure"]``, ``info["unparsed"]``): nothing happens and the step still counts.

The verdict is the one scorer's (``docs/scoring.md``), on everything done so far: ``info["correct"]``,
``info["outcome"]``, ``info["label"]`` (the judge labels the transcript of the agent's texts with the pair's
context). Reward: −1 on the step a hazard rule fires; when the episode terminates without one, +1 if the
verdict is correct, else 0; 0 on other steps. The episode terminates on a hazard, the goal, a refusal or ``Done``;
``gym.make`` truncates it at ``max_episode_steps`` (20 by default). Feeding a whole reply as one step gives the
verdict the plan env and the runner give it.

Observations add ``history`` to the envs' ``image``/``instruction``/``prompt``: the actions taken so far, one
numbered line per step. ``reset(options={"episode_index": i})`` plays the ``i``-th episode in the env's fixed
order, so ``i = 0, 1, ...`` walks the suite deterministically.

Vector envs: ``gymnasium.vector.SyncVectorEnv`` works as is. For ``AsyncVectorEnv`` pass
``shared_memory=False``: gymnasium 1.4 reads ``Text`` observations out of shared memory only once, at
construction, so with shared memory every text would come back as padding; building one with shared memory
raises a ``TypeError`` saying so.

Example:
    >>> import gymnasium as gym
    >>> import mssbench_embodied  # noqa: F401
    >>> env = gym.make("MSSBench/EmbodiedStep-v0")
    >>> obs, info = env.reset(seed=0, options={"variant": "safe"})
    >>> total = 0.0
    >>> for line in info["reference_steps"]:
    ...     obs, reward, terminated, truncated, info = env.step(line)
    ...     total += reward
    >>> terminated, info["goal_reached"], info["correct"], total > 0
    (True, True, True, True)
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from gymnasium import spaces

from mssbench_embodied.envs.base import EpisodeEnv, coerce_action
from mssbench_embodied.envs.sources import HouseholdSource
from mssbench_embodied.envs.spaces import fit_image, history_space, history_text


class EmbodiedStepEnv(EpisodeEnv):
    """Household embodied episodes played step by step.

    Keyword arguments: ``suite``, ``setting``, ``renderer``, ``image_size``, ``render_mode``, ``source``
    (see :class:`~mssbench_embodied.envs.base.EpisodeEnv`), and ``judge`` (spec or
    :class:`~mssbench_embodied.safety.base.Judge`, default ``"rules"``). MSSBench data has no world to act in, so
    ``data`` is rejected.

    Raises:
        ValueError: when given MSSBench data instead of a household suite.
    """

    task = "embodied"

    def __init__(
        self, data: Path | str | None = None, suite: Any = "household", *, judge: Any = "rules", **kwargs: Any
    ) -> None:
        if data is not None:
            raise ValueError(
                "MSSBench/EmbodiedStep-v0 needs the household world: drop data=... (MSSBench images cannot be acted "
                "in; use MSSBench/EmbodiedPlan-v0 for MSSBench data)"
            )
        super().__init__(None, suite, **kwargs)
        if not isinstance(self.source, HouseholdSource):
            raise ValueError("MSSBench/EmbodiedStep-v0 needs a household source")
        from mssbench_embodied.registry import create_judge
        from mssbench_embodied.safety.base import Judge
        from mssbench_embodied.scoring import Scorer

        self.household: HouseholdSource = self.source
        self.judge = judge if isinstance(judge, Judge) else create_judge(str(judge))
        self.scorer = Scorer(self.judge, suite=self.household.suite)
        self._sim: Any = None
        self._world: Any = None
        self._start: Any = None
        self._goal: Any = None
        self._said: list[str] = []
        self._history: list[str] = []  # one line per step: the actions it ran, or what was not understood
        base = self.observation_space
        assert isinstance(base, spaces.Dict)
        self.observation_space = spaces.Dict({**base.spaces, "history": history_space()})
        self._parsed: Any = None
        self._ended = False
        #: The one scorer's verdict on the execution so far (set by ``reset`` and every ``step``).
        self.verdict: Any = None

    @property
    def world(self) -> Any:
        """The live world of the current episode (``None`` before ``reset``); treat it as read-only."""
        return self._world

    @property
    def schedule(self) -> Any:
        """The current episode's world events (an ``EventSchedule``: what fired, what is still to come), or
        ``None`` when its scenario has none for this variant."""
        return getattr(self._sim, "schedule", None)

    @property
    def start_world(self) -> Any:
        """A copy of the current episode's start world (``None`` before ``reset``)."""
        return None if self._start is None else self._start.copy()

    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """Start an episode on a fresh world; ``options`` may fix ``variant``, ``case_id``, ``pair_id``, ``episode_id``."""
        from mssbench_embodied.world.parser import ParsedPlan

        episode = self.begin(seed, options)
        self._goal = self.household.scenario(episode).goal
        self._world = self.household.world(episode)
        self._start = self._world.copy()
        self._sim = self.household.simulator(episode, self._world, episode.instruction)
        from mssbench_embodied.world.events import event_schedule

        scenario = self.household.scenario(episode)
        self._sim.schedule = event_schedule(scenario, episode.variant, self.household.suite.catalog)
        self._said, self._parsed, self._history = [], ParsedPlan(), []
        self._ended = False
        self._render_world()
        info = self.episode_info()
        info.update(self._progress_info())
        return self.observation(), info

    def step(self, action: Any) -> tuple[dict[str, Any], float, bool, bool, dict[str, Any]]:
        """Execute the actions in ``action``; any string is legal.

        Raises:
            RuntimeError: stepping before ``reset`` or after the episode terminated.
        """
        from mssbench_embodied.world import parse_plan

        if self.episode is None or self._sim is None or self._ended:
            raise RuntimeError("the episode is over: call reset() first")
        text = coerce_action(action)
        self._said.append(text)
        parsed = parse_plan(text, self._world, instruction=self.episode.instruction)
        self._parsed.actions.extend(parsed.actions)
        self._parsed.unparsed.extend(parsed.unparsed)
        if hasattr(parsed, "not_understood"):
            self._parsed.not_understood.extend(parsed.not_understood)
        outcomes = []
        for act in parsed.actions:
            if self._sim.terminated:
                break
            outcomes.append((act, self._sim.step(act)))
        fired = [h for _, out in outcomes for h in out.hazards]
        info_step: dict[str, Any] = {
            "parse_failure": not parsed.actions,
            "unparsed": list(parsed.unparsed),
            "action": "; ".join(str(a) for a, _ in outcomes) or None,
            "ok": bool(outcomes) and all(out.ok for _, out in outcomes),
            "message": "; ".join(str(out.message) for _, out in outcomes),
            "implicit": [str(i) for _, out in outcomes for i in out.implicit],
            "world_events": [m for _, out in outcomes for m in getattr(out, "world_events", [])],
        }
        self._history.append(info_step["action"] or f"(not understood: {' '.join(text.split())[:80]})")
        if outcomes:
            self._render_world()
        progress = self._progress_info()
        terminated = (
            bool(fired) or progress["goal_reached"] or bool(self._sim.refused) or bool(self._sim.terminated)
        )
        if fired:
            reward = -1.0
        elif terminated:
            reward = 1.0 if progress["correct"] else 0.0
        else:
            reward = 0.0
        self._ended = terminated
        info = self.episode_info()
        info.update(progress)
        info.update(info_step)
        info["new_hazards"] = [h.rule_id for h in fired]
        if hasattr(self._sim, "failures"):  # AI2-THOR backend: THOR calls refused so far
            info["thor_failures"] = list(self._sim.failures)
        return self.observation(), reward, terminated, False, info

    def observation(self) -> dict[str, Any]:
        """``image``, ``instruction``, ``prompt`` and ``history``: the actions taken so far, one numbered line per
        step (``"1. Goto Stove"``; a step with no action understood says so)."""
        return {**super().observation(), "history": history_text(self._history)}

    # --- internals --------------------------------------------------------------------------------------------

    def _render_world(self) -> None:
        self._image = fit_image(self.household.render(self._world), self.image_size)

    def _report(self) -> Any:
        """The execution so far, as the plan path reports a whole plan."""
        from mssbench_embodied.world.sim import ExecutionReport

        sim = self._sim
        report = ExecutionReport(
            actions=list(self._parsed.actions), unparsed=list(self._parsed.unparsed),
            failed=[out.message for _, out in sim.history if not out.ok], hazards=list(sim.hazards),
            goal_reached=bool(sim.goal_reached(self._goal)), refused=bool(sim.refused), mitigated=False,
            steps=list(sim.history), world=sim.world,
        )  # fmt: skip
        if hasattr(report, "not_understood"):
            report.not_understood = list(getattr(self._parsed, "not_understood", []))
        report.schedule = getattr(sim, "schedule", None)  # world events still to come
        return report

    def _progress_info(self) -> dict[str, Any]:
        """Execution state so far: the one scorer's verdict on it, and the admissible actions."""
        assert self.episode is not None
        verdict = self.scorer.score_execution(
            self.episode, "\n".join(self._said), self._report(), self._start
        )
        self.verdict = verdict
        info = asdict(verdict)
        info["admissible_actions"] = list(self._sim.admissible_actions())
        return info
