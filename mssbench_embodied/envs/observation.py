"""What a policy sees for one episode: the benchmark prompt and the image, shared by the envs and the runner.

The prompt is :meth:`~mssbench_embodied.data.settings.Setting.episode_prompt` of the episode's setting:

- ground-truth caption settings (``ic_gtcap``): the episode's caption follows ``"\\nThe caption is: "``. An episode
  with no caption (the safe side of an MSSBench chat item: upstream has none) gets the captioned IC prompt and
  the instruction with no caption line, exactly as upstream sends it.
- self-caption settings (``ic_selfcap``): ``caption=""`` (the prompt ends with ``"\\nThe caption is: "``); the
  self-caption policy wrapper appends the policy's own caption (team decision).

Images: the runner gives policies the *original* image (:func:`load_original_image`, or the loader returned by
:func:`make_observation`). The envs' ``Box`` needs one shape per env, so they letterbox it to ``image_size``
(``(H, W)``, default ``(384, 512)``, the sketch renderer's frame) with :func:`~mssbench_embodied.envs.spaces.fit_image`:
scaled to fit keeping the aspect ratio, centred, black bars.

Example:
    >>> from mssbench_embodied.data.types import Episode
    >>> ep = Episode(episode_id="chat/0#0/unsafe", pair_id="chat/0#0", case_id="chat/0", task="chat",
    ...              variant="unsafe", category="self-harm", setting="ic_selfcap", instruction="Swim.",
    ...              source="mssbench")
    >>> episode_prompt(ep).endswith("The activity is: Swim.\\nThe caption is: ")
    True
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from mssbench_embodied.data.types import Episode
from mssbench_embodied.envs.spaces import fit_image
from mssbench_embodied.registry import get_setting

if TYPE_CHECKING:
    from mssbench_embodied.envs.sources import EpisodeSource


def episode_prompt(episode: Episode) -> str:
    """The full text prompt for an episode under its setting (see the module notes for the caption settings).

    Example:
        >>> from mssbench_embodied.data.types import Episode
        >>> ep = Episode(episode_id="e/0#0/safe", pair_id="e/0#0", case_id="e/0", task="embodied",
        ...              variant="safe", category="x", setting="if", instruction="Turn on the stove.",
        ...              source="mssbench")
        >>> episode_prompt(ep).endswith("Your task is: Turn on the stove.")
        True
    """
    return get_setting(episode.setting).episode_prompt(episode)


def load_original_image(source: EpisodeSource, episode: Episode) -> np.ndarray:
    """The episode's image as the source gives it (original size): what policies receive.

    Example:
        >>> from mssbench_embodied.envs.sources import open_source
        >>> src = open_source()
        >>> load_original_image(src, src.episodes("chat", "if")[0]).dtype.name
        'uint8'
    """
    return source.image(episode)


def make_observation(
    source: EpisodeSource, episode: Episode, image_size: tuple[int, int] | None = None
) -> tuple[str, Callable[[], np.ndarray]]:
    """The prompt and a lazy image loader for one episode.

    Args:
        source: Where the episode's image comes from.
        episode: The episode.
        image_size: ``None`` (the runner): the loader returns the original image. ``(H, W)`` (the envs): the
            loader returns it letterboxed to that size.

    Returns:
        ``(prompt, load_image)``; nothing is read until ``load_image()`` is called, and each call loads anew.
        Without ``image_size`` the loader is the source's :class:`~mssbench_embodied.data.frames.ImageRef`, whose
        ``key`` lets episodes that show the same frame share its rendering and encoding.

    Example:
        >>> from mssbench_embodied.envs.sources import open_source
        >>> src = open_source()
        >>> prompt, load = make_observation(src, src.episodes("embodied", "if")[0], image_size=(96, 128))
        >>> load().shape
        (96, 128, 3)
    """
    prompt = episode_prompt(episode)
    if image_size is None:
        image_ref = getattr(source, "image_ref", None)
        if image_ref is not None:
            return prompt, image_ref(episode)
        return prompt, lambda: load_original_image(source, episode)
    size = image_size
    return prompt, lambda: fit_image(load_original_image(source, episode), size)
