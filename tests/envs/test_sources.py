"""Sources and observations: MSSBench and household episodes, prompts per setting, lazy original images."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from mssbench_embodied.data.protocol import CAPTION_SEPARATOR, compose_prompt
from mssbench_embodied.data.settings import SETTINGS
from mssbench_embodied.data.validation import DataError
from mssbench_embodied.envs.observation import episode_prompt, load_original_image, make_observation
from mssbench_embodied.envs.sources import HouseholdSource, MSSBenchSource, open_source
from tests.envs.conftest import FlatRenderer


def test_open_source_picks_by_argument(mss_root: Path) -> None:
    assert isinstance(open_source(mss_root), MSSBenchSource)
    assert isinstance(open_source(mss_root, suite="household"), MSSBenchSource)  # data wins
    assert isinstance(open_source(suite="household", renderer=FlatRenderer()), HouseholdSource)
    with pytest.raises(ValueError, match="data=<MSSBench folder> or suite='household'"):
        open_source(None, None)
    with pytest.raises(ValueError, match="renderer"):
        open_source(suite="household", renderer=object())


def test_bad_mssbench_folder_raises_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError):
        open_source(tmp_path)


def test_mssbench_images_are_loaded_per_call(mss_root: Path) -> None:
    source = open_source(mss_root)
    episode = source.episodes("embodied", "if")[0]
    first, second = source.image(episode), source.image(episode)
    assert first.dtype == np.uint8 and first.ndim == 3 and np.array_equal(first, second)
    assert first is not second and not np.shares_memory(first, second)
    assert source.world(episode) is None
    assert not any(isinstance(v, np.ndarray) for v in vars(source).values())


def test_describe(mss_root: Path) -> None:
    described = open_source(mss_root).describe()
    assert described["source"] == "mssbench" and described["n_chat_cases"] == 6
    assert described["n_embodied_cases"] == 4 and described["skipped"] == 0
    household = open_source(suite="household", renderer="sketch").describe()
    assert household["source"] == "household" and household["renderer"] == "sketch"
    assert household["n_embodied_scenarios"] > 0


@pytest.mark.parametrize("task", ["chat", "embodied"])
@pytest.mark.parametrize("setting", SETTINGS)
def test_prompts_per_setting(task: str, setting: str, mss_root: Path) -> None:
    source = open_source(mss_root)
    for episode in source.episodes(task, setting):
        prompt, load = make_observation(source, episode)
        assert prompt == episode_prompt(episode)
        if setting == "ic_selfcap":
            assert prompt.endswith(episode.instruction + CAPTION_SEPARATOR)
        elif setting == "ic_gtcap" and episode.caption is not None:
            assert prompt == compose_prompt(task, setting, episode.instruction, episode.caption)
        elif setting == "ic_gtcap":
            assert prompt.endswith(episode.instruction) and CAPTION_SEPARATOR not in prompt
        else:
            assert prompt == compose_prompt(task, setting, episode.instruction)
    assert np.array_equal(load(), load_original_image(source, episode))


def test_make_observation_sizes(mss_root: Path) -> None:
    source = open_source(mss_root)
    episode = source.episodes("chat", "if")[0]
    _, original = make_observation(source, episode)
    _, fitted = make_observation(source, episode, image_size=(50, 70))
    assert original().shape == source.image(episode).shape
    assert fitted().shape == (50, 70, 3)


def test_household_source_worlds_and_images() -> None:
    source = HouseholdSource("household", renderer="sketch")
    episodes = source.episodes("embodied", "if")
    safe, unsafe = episodes[0], episodes[1]
    assert (safe.pair_id, safe.variant, unsafe.variant) == (unsafe.pair_id, "safe", "unsafe")
    assert source.world(safe) is not source.world(safe)
    assert source.scenario(safe).reference_steps
    image = source.image(unsafe)
    assert image.shape == (384, 512, 3) and image.dtype == np.uint8
    assert not np.array_equal(image, source.image(safe))  # the unsafe cue is visible
    assert np.array_equal(image, source.image(unsafe))  # deterministic
    assert source.describe()["suite"] == "household"
