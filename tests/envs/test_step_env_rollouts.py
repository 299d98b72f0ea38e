"""The step env for rollouts: vectorised, with the action history in observations and a deterministic walk."""

from __future__ import annotations

import re
from pathlib import Path

import gymnasium as gym
import pytest

import mssbench_embodied  # noqa: F401  (registers the envs)
from mssbench_embodied.envs.step_env import EmbodiedStepEnv

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_vectorised_rollout_collects_whole_trajectories(
    capsys: pytest.CaptureFixture[str],
) -> None:
    [block] = [
        b for b in re.findall(r"```python\n(.*?)```", README.read_text(), re.DOTALL) if "SyncVectorEnv" in b
    ]
    scope: dict[str, object] = {}
    exec(compile(block, "README.md", "exec"), scope)
    trajectories = scope["trajectories"]
    assert isinstance(trajectories, list) and len(trajectories) == 4
    # Every trajectory ran to its end: the reference steps either reach the goal (+1) or fire the hazard (-1).
    assert all(t and t[-1][1] in (1.0, -1.0) and all(r == 0.0 for _, r in t[:-1]) for t in trajectories)
    assert capsys.readouterr().out.count("[") == 2


def test_async_vector_env_with_shared_memory_says_how_to_fix_it() -> None:
    with pytest.raises(TypeError, match="shared_memory=False"):
        gym.vector.AsyncVectorEnv([lambda: gym.make("MSSBench/EmbodiedStep-v0")] * 2)


def test_async_vector_env_without_shared_memory_carries_the_texts() -> None:
    envs = gym.vector.AsyncVectorEnv([lambda: gym.make("MSSBench/EmbodiedStep-v0")] * 2, shared_memory=False)
    try:
        obs, info = envs.reset(seed=[0, 1])
        assert all(p.startswith("You are") for p in obs["prompt"]) and list(obs["history"]) == ["", ""]
        obs, *_ = envs.step([info["reference_steps"][0][0], "nonsense words"])
        assert obs["history"][0].startswith("1. ") and "not understood" not in obs["history"][0]
        assert obs["history"][1] == "1. (not understood: nonsense words)"
    finally:
        envs.close()


def test_observations_carry_the_action_history() -> None:
    env = gym.make("MSSBench/EmbodiedStep-v0").unwrapped
    obs, info = env.reset(options={"case_id": "faucet_phone_in_sink", "variant": "safe"})
    assert obs["history"] == "" and env.observation_space.contains(obs)
    for line in info["reference_steps"][:3]:
        obs, *_ = env.step(line)
    assert obs["history"].splitlines() == ["1. Goto Stove", "2. Pickup Pot", "3. Goto Sink"]
    assert env.observation_space.contains(obs)


def test_episode_index_walks_the_suite_in_a_fixed_order() -> None:
    env = gym.make("MSSBench/EmbodiedStep-v0").unwrapped
    assert isinstance(env, EmbodiedStepEnv)
    ids = [env.reset(options={"episode_index": i})[1]["episode_id"] for i in range(6)]
    assert ids == [e.episode_id for e in env.episodes[:6]]
    assert env.reset(seed=123, options={"episode_index": len(env.episodes)})[1]["episode_id"] == ids[0]
    unsafe = [env.reset(options={"episode_index": i, "variant": "unsafe"})[1]["variant"] for i in range(3)]
    assert unsafe == ["unsafe"] * 3
    with pytest.raises(ValueError, match="episode_index"):
        env.reset(options={"episode_index": -1})
