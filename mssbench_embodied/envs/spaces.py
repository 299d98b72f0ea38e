"""Observation and action spaces shared by the MSSBench environments.

Every env observes ``Dict(image=Box(0, 255, (H, W, 3), uint8), instruction=Text, prompt=Text)`` and acts with
``Text(charset=string.printable)``. The text spaces are sized from the episodes the env can serve, so every
observation the env returns is inside its space (a prompt with a character outside ``string.printable``, e.g. a
curly quote in MSSBench data, extends that env's observation charset instead of being rewritten).

The action space only describes what ``sample()`` draws: the envs accept *any* string as an action (nonsense is
reported as a parse failure in ``info``, never raised).

Example:
    >>> space = observation_space((384, 512), ["Turn on the stove."], ["You are a robot. Turn on the stove."])
    >>> space["image"].shape
    (384, 512, 3)
    >>> action_space().contains("Goto Stove\\nToggle Stove")
    True
"""

from __future__ import annotations

import string
from collections.abc import Iterable

import numpy as np
from gymnasium import spaces
from gymnasium.vector.utils.shared_memory import create_shared_memory
from PIL import Image

#: Characters every text space allows.
BASE_CHARSET = string.printable
#: Default longest action string ``sample()`` draws (models' plans rarely exceed it; longer actions are still legal).
ACTION_MAX_LENGTH = 4096
#: Default image size (H, W) of the observation Box: the sketch renderer's frame.
DEFAULT_IMAGE_SIZE: tuple[int, int] = (384, 512)


class EpisodeText(spaces.Text):
    """The ``Text`` space of the MSSBench observations: a plain ``Text`` that refuses shared memory.

    gymnasium's ``AsyncVectorEnv`` with ``shared_memory=True`` (its default) would return padding for every text
    observation (it reads text out of shared memory only once, at construction); building one raises a
    ``TypeError`` that says to pass ``shared_memory=False`` instead.
    """


@create_shared_memory.register(EpisodeText)
def _refuse_shared_text(space: EpisodeText, n: int = 1, ctx: object = None) -> None:
    raise TypeError(
        "MSSBench observations hold text (instruction, prompt, history), which gymnasium's AsyncVectorEnv cannot "
        "pass through shared memory (every text would come back as padding): build it with "
        "gymnasium.vector.AsyncVectorEnv(env_fns, shared_memory=False), or use SyncVectorEnv"
    )


def text_space(texts: Iterable[str], *, min_max_length: int = 256) -> spaces.Text:
    """A ``Text`` space that contains every string in ``texts``.

    The charset is ``string.printable`` plus any other character found in ``texts``; ``max_length`` is the
    longest text rounded up to a multiple of 256 (at least ``min_max_length``).

    Example:
        >>> space = text_space(["café"])
        >>> space.contains("café"), space.max_length
        (True, 256)
    """
    extra: set[str] = set()
    longest = 0
    for text in texts:
        longest = max(longest, len(text))
        extra.update(c for c in text if c not in BASE_CHARSET)
    max_length = max(min_max_length, -(-longest // 256) * 256)
    charset = BASE_CHARSET + "".join(sorted(extra))
    return EpisodeText(max_length=max_length, min_length=0, charset=charset)


#: Longest action history (characters) a step env's observation carries; older lines are dropped first.
HISTORY_MAX_LENGTH = 4096


def history_space() -> spaces.Text:
    """The ``history`` observation of the step env: the actions taken so far, one numbered line each.

    Example:
        >>> history_space().contains("1. Goto Sink\\n2. Toggle Faucet")
        True
    """
    return EpisodeText(max_length=HISTORY_MAX_LENGTH, min_length=0, charset=BASE_CHARSET)


def history_text(lines: Iterable[str]) -> str:
    """Action lines as the ``history`` observation: numbered, printable, the newest kept within the length cap.

    Example:
        >>> history_text(["Goto Sink", "Toggle Faucet"])
        '1. Goto Sink\\n2. Toggle Faucet'
    """
    numbered = [
        "".join(c if c in BASE_CHARSET and c not in "\n\r\x0b\x0c" else " " for c in f"{i}. {line}")
        for i, line in enumerate(lines, 1)
    ]
    text = "\n".join(numbered)
    while len(text) > HISTORY_MAX_LENGTH and len(numbered) > 1:
        numbered.pop(0)
        text = "\n".join(numbered)
    return text[-HISTORY_MAX_LENGTH:]


def image_space(image_size: tuple[int, int]) -> spaces.Box:
    """``Box(0, 255, (H, W, 3), uint8)`` for an ``(H, W)`` image size.

    Raises:
        ValueError: if the size is not two positive integers.
    """
    height, width = validate_image_size(image_size)
    return spaces.Box(low=0, high=255, shape=(height, width, 3), dtype=np.uint8)


def observation_space(
    image_size: tuple[int, int], instructions: Iterable[str], prompts: Iterable[str]
) -> spaces.Dict:
    """The envs' observation space: image, instruction and prompt.

    Args:
        image_size: ``(H, W)`` of the image Box.
        instructions: Every instruction the env may show (sizes the ``instruction`` Text space).
        prompts: Every prompt the env may show (sizes the ``prompt`` Text space).
    """
    return spaces.Dict(
        {
            "image": image_space(image_size),
            "instruction": text_space(instructions),
            "prompt": text_space(prompts),
        }
    )


def action_space(max_length: int = ACTION_MAX_LENGTH) -> spaces.Text:
    """``Text(max_length, min_length=0, charset=string.printable)``: what random actions are drawn from."""
    return spaces.Text(max_length=max_length, min_length=0, charset=BASE_CHARSET)


def validate_image_size(image_size: tuple[int, int] | list[int]) -> tuple[int, int]:
    """``image_size`` as a checked ``(H, W)`` tuple.

    Raises:
        ValueError: naming the bad value and the expected form.
    """
    try:
        height, width = (int(v) for v in image_size)
    except (TypeError, ValueError):
        raise ValueError(f"image_size must be (height, width), got {image_size!r}") from None
    if height <= 0 or width <= 0:
        raise ValueError(f"image_size must be two positive integers (height, width), got {image_size!r}")
    return height, width


def fit_image(image: np.ndarray, image_size: tuple[int, int]) -> np.ndarray:
    """Letterbox an RGB image into ``(H, W)``: scale to fit keeping the aspect ratio, pad with black, centred.

    An image already of that size is returned as a copy, unchanged. Grey or RGBA inputs are converted to RGB.

    Example:
        >>> fit_image(np.full((10, 40, 3), 200, np.uint8), (20, 20)).shape
        (20, 20, 3)
    """
    height, width = validate_image_size(image_size)
    array = np.asarray(image)
    if array.ndim == 2:
        array = np.stack([array] * 3, axis=-1)
    if array.ndim != 3 or array.shape[2] not in (3, 4):
        raise ValueError(f"expected an (H, W, 3) RGB image, got shape {array.shape}")
    array = array[:, :, :3].astype(np.uint8, copy=False)
    if array.shape[:2] == (height, width):
        return array.copy()
    src_h, src_w = array.shape[:2]
    scale = min(height / src_h, width / src_w)
    new_h = max(1, min(height, round(src_h * scale)))
    new_w = max(1, min(width, round(src_w * scale)))
    resized = np.asarray(Image.fromarray(array).resize((new_w, new_h), Image.Resampling.BILINEAR))
    out = np.zeros((height, width, 3), dtype=np.uint8)
    top, left = (height - new_h) // 2, (width - new_w) // 2
    out[top : top + new_h, left : left + new_w] = resized
    return out
