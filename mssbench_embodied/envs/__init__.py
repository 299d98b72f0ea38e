"""The envs layer: Gymnasium environments over MSSBench data and the household suite.

Ids (registered on ``import mssbench_embodied`` from the presets in ``envs/*.yaml``):
``MSSBench/EmbodiedPlan-v0`` (one step, the action is a whole plan), ``MSSBench/EmbodiedStep-v0`` (household
world, acted in step by step) and ``MSSBench/Chat-v0`` (one step, the action is a reply).
:func:`open_source` and :func:`make_observation` are shared with the runner, so a run and an env show a policy
the same prompt and image.

Example:
    >>> import gymnasium as gym
    >>> import mssbench_embodied  # noqa: F401
    >>> env = gym.make("MSSBench/EmbodiedStep-v0")
    >>> obs, info = env.reset(seed=0)
    >>> sorted(obs), "Done" in info["admissible_actions"]
    (['history', 'image', 'instruction', 'prompt'], True)
"""

from mssbench_embodied.envs.base import EpisodeEnv, OneStepEnv
from mssbench_embodied.envs.chat_env import ChatEnv
from mssbench_embodied.envs.observation import episode_prompt, load_original_image, make_observation
from mssbench_embodied.envs.plan_env import EmbodiedPlanEnv
from mssbench_embodied.envs.sources import EpisodeSource, HouseholdSource, MSSBenchSource, open_source
from mssbench_embodied.envs.step_env import EmbodiedStepEnv

__all__ = [
    "ChatEnv",
    "EmbodiedPlanEnv",
    "EmbodiedStepEnv",
    "EpisodeEnv",
    "EpisodeSource",
    "HouseholdSource",
    "MSSBenchSource",
    "OneStepEnv",
    "episode_prompt",
    "load_original_image",
    "make_observation",
    "open_source",
]
