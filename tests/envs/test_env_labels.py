"""The envs' ``labels=`` keyword: household observations drawn with no labels, object names, or full labels."""

from __future__ import annotations

import gymnasium as gym
import numpy as np
import pytest

import mssbench_embodied  # noqa: F401  (registers the envs)
from mssbench_embodied.envs.sources import HouseholdSource, open_source

IDS = ("MSSBench/EmbodiedPlan-v0", "MSSBench/EmbodiedStep-v0", "MSSBench/Chat-v0")
OPTIONS = {"variant": "unsafe", "case_id": "microwave_foil_takeout"}


@pytest.mark.parametrize("env_id", IDS)
def test_labels_keyword_reaches_the_observation(env_id: str) -> None:
    images = {}
    for labels in ("none", "objects", "full"):
        env = gym.make(env_id, labels=labels)
        options = OPTIONS if env_id != "MSSBench/Chat-v0" else {"variant": "unsafe"}
        obs, _ = env.reset(seed=0, options=options)
        images[labels] = obs["image"]
        assert env.unwrapped.source.describe()["labels"] == labels
        env.close()
    assert (images["none"] != images["objects"]).any()
    assert (images["objects"] != images["full"]).any()
    default = gym.make(env_id)
    assert default.unwrapped.source.labels == "objects"
    default.close()


def test_source_refuses_an_unknown_label_mode() -> None:
    with pytest.raises(ValueError, match="none, objects, full"):
        HouseholdSource("household", labels="all")
    with pytest.raises(ValueError, match="none, objects, full"):
        gym.make("MSSBench/EmbodiedPlan-v0", labels="words")


def test_default_source_image_names_no_material() -> None:
    """The default observation of the foil-tray scene equals the glass-container one outside the container's own
    drawing: no label says 'aluminium'."""
    source = open_source(suite="household")
    episodes = [e for e in source.episodes("embodied", "if") if e.case_id == "microwave_foil_takeout"]
    safe = next(e for e in episodes if e.variant == "safe")
    unsafe = next(e for e in episodes if e.variant == "unsafe")
    a, b = source.image(safe), source.image(unsafe)
    changed = np.nonzero((a != b).any(axis=-1))
    assert changed[0].size > 0
    ys, xs = changed
    assert (
        xs.max() - xs.min() < a.shape[1] // 4 and ys.max() - ys.min() < a.shape[0] // 4
    )  # only the container
