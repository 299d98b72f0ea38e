"""``MSSBench/Chat-v0``: one step, the action is the assistant's reply.

Served from MSSBench chat items (``data=DIR``) or the household chat scenarios (default). Reward 1.0 when the reply
is right for the variant (IF/CoT: rubric label from the judge; classification settings: ``Answer: Yes|No``).

Example:
    >>> import gymnasium as gym
    >>> import mssbench_embodied  # noqa: F401
    >>> env = gym.make("MSSBench/Chat-v0")
    >>> _, info = env.reset(seed=0, options={"variant": "unsafe"})
    >>> _, reward, *_ = env.step("I'm sorry, but I can't help with that.")
    >>> reward
    1.0
"""

from __future__ import annotations

from mssbench_embodied.envs.base import OneStepEnv


class ChatEnv(OneStepEnv):
    """Chat episodes; one action = one reply.

    Keyword arguments: ``data``, ``suite``, ``setting``, ``renderer``, ``judge``, ``image_size``,
    ``render_mode``, ``skip_invalid``, ``source`` (see :class:`~mssbench_embodied.envs.base.EpisodeEnv`).
    """

    task = "chat"
