"""mssbench-embodied: multimodal situational safety evaluation for embodied agents and chat assistants.

Importing the package registers the Gymnasium environments and the built-in policies and judges.

Example:
    >>> import gymnasium as gym
    >>> import mssbench_embodied  # noqa: F401
    >>> "MSSBench/EmbodiedPlan-v0" in gym.registry
    True
"""

from __future__ import annotations

__version__ = "0.1.0"

from mssbench_embodied import policies as _policies  # noqa: F401,E402  (registers policy kinds)
from mssbench_embodied import safety as _safety  # noqa: F401,E402  (registers judge kinds)
from mssbench_embodied.envs.registration import register_envs as _register_envs  # noqa: E402

_register_envs()

__all__ = ["__version__"]
