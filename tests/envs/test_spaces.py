"""Spaces: text spaces contain what the env shows, letterboxing keeps the content's aspect ratio."""

from __future__ import annotations

import string

import numpy as np
import pytest

from mssbench_embodied.envs.spaces import (
    action_space,
    fit_image,
    image_space,
    observation_space,
    text_space,
    validate_image_size,
)


def test_text_space_extends_charset_and_length() -> None:
    texts = ["plain text", "curly ’quote’ and café", "x" * 700]
    space = text_space(texts)
    assert all(space.contains(t) for t in texts)
    assert space.max_length == 768
    assert set(string.printable) <= set(space.character_set)
    assert space.contains("")  # min_length 0


def test_action_space_is_printable_and_allows_empty() -> None:
    space = action_space()
    assert space.contains("") and space.contains("Goto Sink\nToggle Faucet")
    assert not space.contains("naïve")  # outside the sampling charset, but the envs still accept it
    space.seed(0)
    assert all(c in string.printable for c in space.sample())


def test_observation_space_layout() -> None:
    space = observation_space((10, 20), ["a"], ["prompt a"])
    assert list(space.spaces) == ["image", "instruction", "prompt"]
    assert space["image"] == image_space((10, 20))
    assert space["image"].dtype == np.uint8 and space["image"].shape == (10, 20, 3)


@pytest.mark.parametrize("bad", [(0, 5), (-1, 4), (3,), "big", None])
def test_validate_image_size_rejects(bad: object) -> None:
    with pytest.raises(ValueError, match="image_size"):
        validate_image_size(bad)  # type: ignore[arg-type]


def test_fit_image_letterboxes_wide_image() -> None:
    wide = np.full((10, 40, 3), 200, np.uint8)
    out = fit_image(wide, (40, 40))
    assert out.shape == (40, 40, 3) and out.dtype == np.uint8
    assert out[0, 20].tolist() == [0, 0, 0]  # bar above
    assert out[20, 20].tolist() == [200, 200, 200]  # content in the middle
    assert out[:15].max() == 0 and out[25:].max() == 0


def test_fit_image_same_size_copies_and_converts() -> None:
    img = np.arange(2 * 3 * 3, dtype=np.uint8).reshape(2, 3, 3)
    out = fit_image(img, (2, 3))
    assert np.array_equal(out, img) and not np.shares_memory(out, img)
    grey = np.full((4, 4), 9, np.uint8)
    assert fit_image(grey, (4, 4)).shape == (4, 4, 3)
    rgba = np.zeros((4, 4, 4), np.uint8)
    assert fit_image(rgba, (2, 2)).shape == (2, 2, 3)
    with pytest.raises(ValueError, match="RGB"):
        fit_image(np.zeros((4, 4, 2), np.uint8), (2, 2))
