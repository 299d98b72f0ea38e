"""Prepare the images of upcoming episodes while the policy waits on the ones in flight.

A run at high concurrency sends a burst of requests, then waits for the endpoint. Episodes whose frame is not yet
rendered and encoded would do that work on the critical path, after the previous reply arrived. The
:class:`FramePrefetcher` does it during the wait instead: it walks the episodes in run order, one frame at a time,
through the policy's ``prefetch_image`` (the ``openai:`` policy encodes the frame into its single-flight cache, so
the episode later finds it ready). It stays at most ``window`` episodes ahead of the workers, so frames are not
evicted from the caches before they are used.

Example:
    >>> import asyncio
    >>> class Policy:
    ...     seen = []
    ...     async def prefetch_image(self, image):
    ...         self.seen.append(image)
    >>> async def demo():
    ...     prefetcher = FramePrefetcher(Policy(), ["a", "b", "c"], window=2)
    ...     task = asyncio.ensure_future(prefetcher.run())
    ...     await asyncio.sleep(0.01)
    ...     ahead = list(Policy.seen)  # two episodes ahead of the workers, no further
    ...     prefetcher.advance()
    ...     await asyncio.wait_for(task, 5)
    ...     return ahead, Policy.seen
    >>> asyncio.run(demo())
    (['a', 'b'], ['a', 'b', 'c'])
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from typing import Any


class FramePrefetcher:
    """Prepares ``images[i]`` through ``policy.prefetch_image`` for ``i < started + window``.

    Args:
        policy: The run's policy; nothing is done when it has no ``prefetch_image`` coroutine method.
        images: The episodes' images in the order the workers take them.
        window: How many episodes ahead of the workers to prepare.
    """

    def __init__(self, policy: Any, images: Sequence[Any], window: int) -> None:
        self._prefetch = getattr(policy, "prefetch_image", None)
        self._images = images
        self._window = max(1, window)
        self._started = 0
        self._moved = asyncio.Event()

    def advance(self) -> None:
        """A worker took the next episode: the window moves on by one."""
        self._started += 1
        self._moved.set()

    async def run(self) -> None:
        """Prepare frames until every image is done; a failure is left for the episode itself to report."""
        if self._prefetch is None:
            return
        for index, image in enumerate(self._images):
            while index >= self._started + self._window:
                self._moved.clear()
                await self._moved.wait()
            with contextlib.suppress(Exception):
                await self._prefetch(image)
