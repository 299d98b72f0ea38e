"""Plan and chat envs on MSSBench data and on the household suite: API, options, determinism, info, reward."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env

from tests.envs.conftest import FailingJudge, KeywordJudge

ONE_STEP_IDS = ("MSSBench/EmbodiedPlan-v0", "MSSBench/Chat-v0")
INFO_KEYS = {
    "case_id",
    "pair_id",
    "episode_id",
    "variant",
    "category",
    "hazard",
    "correct",
    "label",
    "hazards",
    "goal_reached",
    "reference_steps",
}


def _make(env_id: str, **kw: Any) -> gym.Env:
    return gym.make(env_id, **kw)


@pytest.mark.parametrize("env_id", ONE_STEP_IDS)
@pytest.mark.parametrize("setting", ["if", "qc", "ic_gtcap", "cot"])
def test_check_env_mssbench_warnings_as_errors(env_id: str, setting: str, mss_root: Path) -> None:
    env = _make(env_id, data=mss_root, setting=setting, judge=KeywordJudge())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_env(env.unwrapped)
    env.close()


@pytest.mark.parametrize("env_id", ONE_STEP_IDS)
def test_check_env_household_rules_judge(env_id: str) -> None:
    env = _make(env_id)  # the presets: household suite, sketch renderer, rules judge
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_env(env.unwrapped)
    env.close()


@pytest.mark.parametrize("env_id", ONE_STEP_IDS)
def test_reset_options_and_info(env_id: str, mss_root: Path) -> None:
    env = _make(env_id, data=mss_root, judge=KeywordJudge())
    obs, info = env.reset(seed=3, options={"variant": "unsafe"})
    assert info["variant"] == "unsafe" and set(info) >= INFO_KEYS
    assert obs["instruction"] in obs["prompt"] and obs["prompt"].endswith(obs["instruction"])
    case = info["case_id"]
    for variant in ("safe", "unsafe"):
        _, info2 = env.reset(options={"case_id": case, "variant": variant})
        assert (info2["case_id"], info2["variant"]) == (case, variant)
    _, info3 = env.reset(options={"episode_id": info["episode_id"]})
    assert info3["episode_id"] == info["episode_id"]
    with pytest.raises(ValueError, match="no .* episode with case_id"):
        env.reset(options={"case_id": "nope/99"})
    with pytest.raises(ValueError, match="variant"):
        env.reset(options={"variant": "maybe"})
    with pytest.raises(ValueError, match="unknown reset option"):
        env.reset(options={"colour": "red"})


@pytest.mark.parametrize("env_id", ONE_STEP_IDS)
def test_seeded_resets_are_deterministic_and_cover_episodes(env_id: str, mss_root: Path) -> None:
    env = _make(env_id, data=mss_root, judge=KeywordJudge())
    first = [env.reset(seed=s)[1]["episode_id"] for s in range(12)]
    again = [env.reset(seed=s)[1]["episode_id"] for s in range(12)]
    assert first == again and len(set(first)) > 3
    env.reset(seed=7)
    chain = [env.reset()[1]["episode_id"] for _ in range(5)]
    env.reset(seed=7)
    assert chain == [env.reset()[1]["episode_id"] for _ in range(5)]


@pytest.mark.parametrize("env_id", ONE_STEP_IDS)
def test_gibberish_and_unusual_actions_never_raise(env_id: str, mss_root: Path) -> None:
    env = _make(env_id, data=mss_root, judge=KeywordJudge())
    env.action_space.seed(0)
    actions = [
        "",
        "\x00\x01",
        "naïve ünïcode ✓",
        "x" * 20000,
        b"bytes plan",
        *(env.action_space.sample() for _ in range(5)),
    ]
    for action in actions:
        env.reset(seed=1)
        obs, reward, terminated, truncated, info = env.step(action)
        assert terminated and not truncated and reward in (0.0, 1.0)
        assert obs in env.observation_space and isinstance(info["correct"], bool)
    with pytest.raises(TypeError, match="string"):
        env.reset(seed=1)
        env.step(42)


def test_one_step_then_reset_needed(mss_root: Path) -> None:
    env = _make("MSSBench/Chat-v0", data=mss_root, judge=KeywordJudge()).unwrapped
    env.reset(seed=0)
    env.step("ok")
    with pytest.raises(RuntimeError, match="reset"):
        env.step("again")


def test_reward_follows_the_checker(mss_root: Path) -> None:
    env = _make("MSSBench/Chat-v0", data=mss_root, judge=KeywordJudge())
    env.reset(seed=0, options={"variant": "unsafe"})
    _, reward, _, _, info = env.step("I'm sorry, I can't help with that.")
    assert (reward, info["correct"], info["label"]) == (1.0, True, 0)
    env.reset(seed=0, options={"variant": "safe"})
    _, reward, _, _, info = env.step("I'm sorry, I can't help with that.")
    assert (reward, info["correct"], info["label"]) == (0.0, False, 0)
    env = _make("MSSBench/EmbodiedPlan-v0", data=mss_root, setting="qc", judge=FailingJudge())
    env.reset(seed=0, options={"variant": "unsafe"})
    _, reward, _, _, info = env.step("gibberish")
    assert reward == 0.0 and info["parsed"] is False and info["answer"] is None


def test_judge_failure_propagates(mss_root: Path) -> None:
    env = _make("MSSBench/Chat-v0", data=mss_root, judge=FailingJudge())
    env.reset(seed=0)
    with pytest.raises(Exception, match="unreachable"):
        env.step("I'm sorry.")


def test_images_letterboxed_to_image_size(mss_root: Path) -> None:
    env = _make(
        "MSSBench/Chat-v0", data=mss_root, judge=KeywordJudge(), image_size=(64, 64), render_mode="rgb_array"
    )
    obs, _ = env.reset(seed=0)
    assert obs["image"].shape == (64, 64, 3)
    frame = env.render()
    assert isinstance(frame, np.ndarray) and np.array_equal(frame, obs["image"])
    assert not np.shares_memory(frame, obs["image"])


def test_household_plan_env_executes_the_plan() -> None:
    env = _make("MSSBench/EmbodiedPlan-v0")
    _, info = env.reset(seed=0, options={"variant": "unsafe"})
    plan = "\n".join(info["reference_steps"])
    _, reward, _, _, info = env.step(plan)
    assert reward == 0.0 and info["hazards"] and info["scored_by"] == "execution"
    case = info["case_id"]
    _, info = env.reset(options={"case_id": case, "variant": "safe"})
    _, reward, _, _, info = env.step(plan)
    assert reward == 1.0 and info["goal_reached"] is True and info["hazards"] == []
    _, info = env.reset(options={"case_id": case, "variant": "unsafe"})
    _, reward, _, _, info = env.step("Refuse: this is not safe.")
    assert reward == 1.0 and info["refused"] is True and info["hazard"]
