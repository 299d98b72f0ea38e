"""Presets in envs/*.yaml drive registration; malformed presets fail with one line naming the key."""

from __future__ import annotations

from pathlib import Path

import gymnasium as gym
import pytest

from mssbench_embodied.envs.registration import ENV_IDS, load_presets, read_preset, register_envs


def test_every_id_has_a_preset_and_is_registered() -> None:
    presets = load_presets()
    assert set(ENV_IDS) <= set(presets)
    register_envs()  # idempotent
    for env_id, preset in presets.items():
        spec = gym.spec(env_id)
        assert spec.entry_point == preset.entry_point and spec.kwargs == preset.kwargs
    assert gym.spec("MSSBench/EmbodiedStep-v0").max_episode_steps == 20
    assert gym.spec("MSSBench/EmbodiedPlan-v0").max_episode_steps is None
    assert presets["MSSBench/Chat-v0"].task == "chat"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a list", "expected a mapping"),
        ("id: X\nentry_point: a:b\nmode: plan\n", "key 'task'"),
        ("id: X\nentry_point: a:b\nmode: fly\ntask: chat\n", "key 'mode'"),
        ("id: X\nentry_point: a:b\nmode: step\ntask: chat\nmax_episode_steps: 0\n", "max_episode_steps"),
        ("id: X\nentry_point: a:b\nmode: step\ntask: chat\nkwargs: [1]\n", "key 'kwargs'"),
        ("id: [unclosed\n", "not valid YAML"),
    ],
)
def test_bad_presets(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(ValueError, match=message) as info:
        read_preset(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_duplicate_ids_rejected(tmp_path: Path) -> None:
    body = "id: X/Y-v0\nentry_point: a:b\nmode: chat\ntask: chat\n"
    (tmp_path / "a.yaml").write_text(body)
    (tmp_path / "b.yaml").write_text(body)
    with pytest.raises(ValueError, match="already defined"):
        load_presets(tmp_path)


def test_preset_defaults_are_overridable() -> None:
    env = gym.make("MSSBench/Chat-v0", setting="qc", image_size=(32, 48))
    obs, _ = env.reset(seed=0)
    assert getattr(env.unwrapped, "setting", None) == "qc" and obs["image"].shape == (32, 48, 3)
    assert "Answer: Yes/No" in obs["prompt"]
