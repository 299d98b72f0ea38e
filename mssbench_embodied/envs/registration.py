"""Registers the Gymnasium ids on ``import mssbench_embodied``, from the presets in ``envs/*.yaml``.

Each preset names one id, its entry point, its mode, the ``max_episode_steps`` limit and default keyword
arguments (source, setting, renderer, judge, image size); ``gym.make(id, key=value)`` overrides the defaults.
Without the bundled folder (a broken install) the ids are still registered from :data:`ENV_IDS` with no defaults.

Example:
    >>> presets = load_presets()
    >>> presets["MSSBench/EmbodiedStep-v0"].max_episode_steps
    20
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import gymnasium as gym
import yaml

ENV_IDS: dict[str, str] = {
    "MSSBench/EmbodiedPlan-v0": "mssbench_embodied.envs.plan_env:EmbodiedPlanEnv",
    "MSSBench/EmbodiedStep-v0": "mssbench_embodied.envs.step_env:EmbodiedStepEnv",
    "MSSBench/Chat-v0": "mssbench_embodied.envs.chat_env:ChatEnv",
}
#: Default time limits when no preset is found.
_DEFAULT_LIMITS: dict[str, int | None] = {"MSSBench/EmbodiedStep-v0": 20}
_MODES = ("plan", "step", "chat")


@dataclass(frozen=True)
class EnvPreset:
    """One ``envs/*.yaml`` preset.

    Attributes:
        id: The Gymnasium id.
        entry_point: ``"module:Class"``.
        mode: ``"plan"``, ``"step"`` or ``"chat"``.
        task: ``"embodied"`` or ``"chat"``.
        max_episode_steps: Truncation limit, or ``None``.
        kwargs: Default constructor arguments.
        path: The file it came from.
    """

    id: str
    entry_point: str
    mode: str
    task: str
    max_episode_steps: int | None = None
    kwargs: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None


def read_preset(path: Path) -> EnvPreset:
    """Read and check one preset file.

    Raises:
        ValueError: one line naming the file and the key that is wrong.
    """
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: not valid YAML ({' '.join(str(exc).split())})") from None
    if not isinstance(raw, dict):
        raise ValueError(f"{path}: expected a mapping with id, entry_point, mode, task, kwargs")
    for key in ("id", "entry_point", "mode", "task"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise ValueError(f"{path}: key {key!r}: missing or not a string")
    if raw["mode"] not in _MODES:
        raise ValueError(f"{path}: key 'mode': {raw['mode']!r} is not one of {list(_MODES)}")
    if raw["task"] not in ("embodied", "chat"):
        raise ValueError(f"{path}: key 'task': {raw['task']!r} is not 'embodied' or 'chat'")
    limit = raw.get("max_episode_steps")
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 1):
        raise ValueError(
            f"{path}: key 'max_episode_steps': expected a positive integer or null, got {limit!r}"
        )
    kwargs = raw.get("kwargs") or {}
    if not isinstance(kwargs, dict):
        raise ValueError(f"{path}: key 'kwargs': expected a mapping, got {type(kwargs).__name__}")
    return EnvPreset(
        id=raw["id"],
        entry_point=raw["entry_point"],
        mode=raw["mode"],
        task=raw["task"],
        max_episode_steps=limit,
        kwargs=dict(kwargs),
        path=path,
    )


def load_presets(folder: Path | None = None) -> dict[str, EnvPreset]:
    """All presets in ``folder`` (default: the bundled ``envs/``), by id; empty if the folder is missing.

    Raises:
        ValueError: a malformed preset or two presets for the same id.
    """
    if folder is None:
        from mssbench_embodied.resources import resource_dir

        try:
            folder = resource_dir("envs")
        except FileNotFoundError:
            return {}
    presets: dict[str, EnvPreset] = {}
    for path in sorted(folder.glob("*.yaml")):
        preset = read_preset(path)
        if preset.id in presets:
            raise ValueError(f"{path}: key 'id': {preset.id!r} already defined in {presets[preset.id].path}")
        presets[preset.id] = preset
    return presets


def register_envs() -> None:
    """Register every preset's id and every id of :data:`ENV_IDS` once (idempotent).

    A preset added to ``envs/`` (say ``MSSBench/EmbodiedPlan-CoT-v0`` with ``setting: cot``) is registered too.
    """
    presets = load_presets()
    for env_id in [*ENV_IDS, *(i for i in presets if i not in ENV_IDS)]:
        if env_id in gym.registry:
            continue
        preset = presets.get(env_id)
        if preset is None:
            gym.register(
                id=env_id, entry_point=ENV_IDS[env_id], max_episode_steps=_DEFAULT_LIMITS.get(env_id)
            )
        else:
            gym.register(
                id=env_id,
                entry_point=preset.entry_point,
                max_episode_steps=preset.max_episode_steps,
                kwargs=dict(preset.kwargs),
            )
