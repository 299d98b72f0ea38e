"""Registers the Gymnasium ids on ``import mssbench_embodied``."""

from __future__ import annotations

import gymnasium as gym

ENV_IDS: dict[str, str] = {
    "MSSBench/EmbodiedPlan-v0": "mssbench_embodied.envs.plan_env:EmbodiedPlanEnv",
    "MSSBench/EmbodiedStep-v0": "mssbench_embodied.envs.step_env:EmbodiedStepEnv",
    "MSSBench/Chat-v0": "mssbench_embodied.envs.chat_env:ChatEnv",
}


def register_envs() -> None:
    """Register every id once (idempotent)."""
    for env_id, entry_point in ENV_IDS.items():
        if env_id not in gym.registry:
            kwargs = {"max_episode_steps": 20} if env_id.endswith("EmbodiedStep-v0") else {}
            gym.register(id=env_id, entry_point=entry_point, **kwargs)
