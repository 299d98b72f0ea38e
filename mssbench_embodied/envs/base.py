"""Shared machinery of the MSSBench envs: episode selection, observations, info, rendering.

Subclasses fix the task (``"embodied"`` or ``"chat"``) and implement ``step``. Observations are
``{"image", "instruction", "prompt"}`` (see :mod:`mssbench_embodied.envs.spaces`); images are loaded for the one
episode being played, never for the whole dataset.

Example:
    >>> import gymnasium as gym
    >>> import mssbench_embodied  # noqa: F401
    >>> env = gym.make("MSSBench/Chat-v0")
    >>> obs, info = env.reset(seed=0, options={"variant": "unsafe"})
    >>> info["variant"], obs["image"].shape
    ('unsafe', (384, 512, 3))
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

import gymnasium as gym
import numpy as np

from mssbench_embodied.data.settings import Setting
from mssbench_embodied.data.types import VARIANTS, Episode
from mssbench_embodied.envs.observation import episode_prompt, load_original_image
from mssbench_embodied.envs.sources import EpisodeSource, HouseholdSource, open_source
from mssbench_embodied.envs.spaces import (
    DEFAULT_IMAGE_SIZE,
    action_space,
    fit_image,
    observation_space,
    validate_image_size,
)
from mssbench_embodied.registry import get_setting, setting_name

#: Keys ``reset(options=...)`` understands.
RESET_OPTIONS: frozenset[str] = frozenset({"variant", "case_id", "pair_id", "episode_id", "episode_index"})


def coerce_action(action: Any) -> str:
    """The action as ``str``: strings pass, bytes are decoded (invalid bytes replaced).

    Raises:
        TypeError: for anything that is not text (the envs' actions are strings).

    Example:
        >>> coerce_action(b"Goto Sink")
        'Goto Sink'
    """
    if isinstance(action, str):
        return str(action)
    if isinstance(action, (bytes, bytearray)):
        return bytes(action).decode("utf-8", errors="replace")
    raise TypeError(
        f"action must be a string (a plan, an action line or a reply), got {type(action).__name__}"
    )


class EpisodeEnv(gym.Env[dict[str, Any], str]):
    """Base class of the MSSBench envs (not registered itself).

    Args:
        data: An MSSBench folder; when given, episodes come from it.
        suite: ``"household"`` (default), a scenario folder or a loaded suite, used when ``data`` is ``None``.
        setting: Prompt setting: ``if``, ``qc``, ``ic``, ``ic_selfcap``, ``ic_gtcap``, ``cot``, or the name of a
            setting registered with :func:`~mssbench_embodied.registry.register_setting` or an entry point, or a
            :class:`~mssbench_embodied.data.settings.Setting` (registered under its name).
        renderer: Household renderer name or object (``"sketch"`` default).
        labels: Labels in household images: ``"objects"`` (default; they name objects, never the hazard
            attribute), ``"none"`` or ``"full"`` (detailed, for debugging).
        image_size: ``(H, W)`` of the observation image (default ``(384, 512)``); images are letterboxed to it.
        render_mode: ``None`` or ``"rgb_array"`` (``render()`` returns the current image).
        skip_invalid: MSSBench only: drop invalid items instead of raising.
        source: A ready :class:`~mssbench_embodied.envs.sources.EpisodeSource` (overrides ``data``/``suite``).
        thor_executable: With ``renderer="thor"``: a local AI2-THOR build executable.
    """

    metadata: dict[str, Any] = {"render_modes": ["rgb_array"], "render_fps": 1}
    #: The benchmark task this env serves.
    task: str = "embodied"

    def __init__(
        self,
        data: Path | str | None = None,
        suite: Any = "household",
        *,
        setting: str | Setting = "if",
        renderer: Any = "sketch",
        image_size: tuple[int, int] | list[int] | None = None,
        render_mode: str | None = None,
        skip_invalid: bool = False,
        source: EpisodeSource | None = None,
        thor_executable: str | Path | None = None,
        labels: str = "objects",
    ) -> None:
        if thor_executable is not None:
            if renderer != "thor":
                raise ValueError("thor_executable= is only used with renderer='thor'")
            from mssbench_embodied.render import get_renderer

            renderer = get_renderer("thor", thor_executable=thor_executable)
        if render_mode is not None and render_mode not in self.metadata["render_modes"]:
            raise ValueError(f"render_mode must be None or 'rgb_array', got {render_mode!r}")
        setting = setting_name(setting)  # a Setting object is registered under its name
        get_setting(setting)  # an unknown name raises SpecError (a ValueError) naming the known ones
        self.render_mode = render_mode
        self.setting = setting
        self.source = (
            source
            if source is not None
            else open_source(data, suite, renderer=renderer, skip_invalid=skip_invalid, labels=labels)
        )
        self.episodes: list[Episode] = self.source.episodes(self.task, setting)
        if not self.episodes:
            raise ValueError(f"{self.source.name} source has no {self.task} episodes for setting {setting!r}")
        self.image_size = validate_image_size(image_size if image_size is not None else DEFAULT_IMAGE_SIZE)
        self.observation_space = observation_space(
            self.image_size,
            (e.instruction for e in self.episodes),
            (episode_prompt(e) for e in self.episodes),
        )
        self.action_space = action_space()
        self.episode: Episode | None = None
        self._prompt = ""
        self._image: np.ndarray | None = None

    # --- episode selection ------------------------------------------------------------------------------------

    def select_episode(self, options: dict[str, Any] | None) -> Episode:
        """The episode ``reset`` plays: filtered by ``options``, then drawn with ``self.np_random`` (or, with
        ``episode_index=i``, the ``i``-th of them in the env's fixed order, modulo their number: ``i = 0, 1, ...``
        walks the suite deterministically).

        Raises:
            ValueError: unknown option keys, a bad variant, or no episode matching the filters.
        """
        opts = dict(options or {})
        unknown = sorted(set(opts) - RESET_OPTIONS)
        if unknown:
            raise ValueError(f"unknown reset option(s) {unknown}: use {sorted(RESET_OPTIONS)}")
        variant = opts.get("variant")
        if variant is not None and variant not in VARIANTS:
            raise ValueError(f"reset option 'variant' must be 'safe' or 'unsafe', got {variant!r}")
        candidates = self.episodes
        for key in ("episode_id", "pair_id", "case_id", "variant"):
            if opts.get(key) is not None:
                candidates = [e for e in candidates if getattr(e, key) == opts[key]]
        index = opts.get("episode_index")
        if index is not None:  # walk the (filtered) episodes in their fixed order, wrapping around
            if isinstance(index, bool) or not isinstance(index, (int, np.integer)) or index < 0:
                raise ValueError(f"reset option 'episode_index' must be a whole number >= 0, got {index!r}")
            if candidates:
                return candidates[int(index) % len(candidates)]
        if not candidates:
            wanted = ", ".join(f"{k}={v!r}" for k, v in opts.items() if v is not None)
            examples = sorted({e.case_id for e in self.episodes})[:5]
            raise ValueError(f"no {self.task} episode with {wanted}; case ids look like {examples}")
        return candidates[int(self.np_random.integers(len(candidates)))]

    def begin(self, seed: int | None, options: dict[str, Any] | None) -> Episode:
        """Seed, pick the episode, load its prompt (subclasses then set the image)."""
        super().reset(seed=seed)
        self.episode = self.select_episode(options)
        self._prompt = episode_prompt(self.episode)
        return self.episode

    # --- observations and info --------------------------------------------------------------------------------

    def load_image(self, episode: Episode) -> np.ndarray:
        """The episode's image letterboxed to ``image_size``."""
        return fit_image(load_original_image(self.source, episode), self.image_size)

    def observation(self) -> dict[str, Any]:
        """A new observation dict for the current episode (the image is copied)."""
        assert self.episode is not None and self._image is not None
        return {"image": self._image.copy(), "instruction": self.episode.instruction, "prompt": self._prompt}

    def reference_steps(self, episode: Episode) -> list[str]:
        """Household scenario's reference steps (a new list), else an empty list."""
        if isinstance(self.source, HouseholdSource) and episode.scenario_id:
            return [str(s) for s in (self.source.scenario(episode).reference_steps or [])]
        return []

    def episode_info(self) -> dict[str, Any]:
        """``info`` keys describing the current episode, with the verdict keys not yet set."""
        ep = self.episode
        assert ep is not None
        return {
            "case_id": ep.case_id,
            "pair_id": ep.pair_id,
            "episode_id": ep.episode_id,
            "variant": ep.variant,
            "category": ep.category,
            "task": ep.task,
            "setting": ep.setting,
            "source": ep.source,
            "scenario_id": ep.scenario_id,
            "hazard": ep.hazard,
            "reference_steps": self.reference_steps(ep),
            "correct": None,
            "label": None,
            "hazards": [],
            "goal_reached": None,
        }

    def render(self) -> np.ndarray | None:  # type: ignore[override]
        """The current image (``render_mode="rgb_array"``), or ``None`` without a render mode."""
        if self.render_mode != "rgb_array" or self._image is None:
            return None
        return self._image.copy()


class OneStepEnv(EpisodeEnv):
    """An env whose single action is the whole answer (a plan or a reply), scored by the one scorer.

    Reward is 1.0 when the answer is right for the variant under the protocol, else 0.0; the episode always
    terminates after the step. Household embodied plans are executed on a copy of the episode's world.

    Args:
        judge: Judge spec (``"rules"``, ``"openai:<model>"``) or a :class:`~mssbench_embodied.safety.base.Judge`.
        **kwargs: See :class:`EpisodeEnv`.
    """

    def __init__(
        self, data: Path | str | None = None, suite: Any = "household", *, judge: Any = "rules", **kwargs: Any
    ):
        super().__init__(data, suite, **kwargs)
        from mssbench_embodied.registry import create_judge
        from mssbench_embodied.safety.base import Judge
        from mssbench_embodied.scoring import Scorer

        self.judge = judge if isinstance(judge, Judge) else create_judge(str(judge))
        self.scorer = Scorer(self.judge, suite=getattr(self.source, "suite", None))
        self._world: Any = None
        self._done = False

    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """Start an episode; ``options`` may fix ``variant``, ``case_id``, ``pair_id`` or ``episode_id``."""
        episode = self.begin(seed, options)
        self._world = self.source.world(episode)
        self._image = (
            fit_image(self.source.render(self._world, episode), self.image_size)
            if self._world is not None and isinstance(self.source, HouseholdSource)
            else self.load_image(episode)
        )
        self._done = False
        return self.observation(), self.episode_info()

    def step(self, action: Any) -> tuple[dict[str, Any], float, bool, bool, dict[str, Any]]:
        """Score the answer; any string is legal (an unreadable plan shows up in ``info["unparsed"]``).

        Raises:
            RuntimeError: stepping before ``reset`` or after the episode ended.
            Exception: whatever the judge raises (no verdict is never scored).
        """
        if self.episode is None or self._done:
            raise RuntimeError("the episode is over (one step per episode): call reset() first")
        text = coerce_action(action)
        verdict = self.scorer.score(self.episode, text, world=self._world)
        self._done = True
        info = self.episode_info()
        info.update(asdict(verdict))
        return self.observation(), 1.0 if verdict.correct else 0.0, True, False, info
