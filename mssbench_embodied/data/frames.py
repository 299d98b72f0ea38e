"""Frames shared across episodes: lazy image references, a single-flight cache and the image worker pool.

Many episodes show the same picture (every instruction of a scenario variant, both sides of a chat item that
reuse a file). Work on a picture (rendering, decoding, encoding for an API) is done once per distinct frame:

- :class:`ImageRef` names a frame (``key``) and loads it on demand; a dataset file also keeps its ``path`` so an
  API policy can send the file's own bytes instead of decoding and re-encoding it.
- :class:`SingleFlight` is a small thread-safe LRU memo in which concurrent requests for the same key wait for
  one computation instead of each doing it.
- :func:`image_pool` is the bounded thread pool image work runs on, so it never starves the event loop's default
  executor (or the loop itself) and never takes more cores than the machine has.

Example:
    >>> import numpy as np
    >>> calls = []
    >>> ref = ImageRef(("demo", 1), lambda: calls.append(1) or np.zeros((2, 2, 3), np.uint8))
    >>> memo = SingleFlight(maxsize=4)
    >>> [memo.get(ref.key, ref.load).shape for _ in range(3)], len(calls)
    ([(2, 2, 3), (2, 2, 3), (2, 2, 3)], 1)
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Generic, TypeVar

import numpy as np

T = TypeVar("T")


class ImageRef:
    """A lazily loaded frame with a stable identity.

    Calling it (or :meth:`load`) returns a new ``(H, W, 3)`` uint8 array, so it can stand wherever a zero-argument
    image loader is accepted (``PolicyRequest.image``).

    Args:
        key: Identifies the frame across episodes: equal keys mean identical pixels (e.g. ``("file", path)``,
            or the scenario, variant, renderer and label mode of a rendered household frame).
        loader: Returns the frame's pixels.
        path: The image file the frame comes from, if any (its original bytes may be sent as they are).

    Example:
        >>> ref = ImageRef(("file", "a.jpg"), lambda: np.zeros((1, 1, 3), np.uint8), path="a.jpg")
        >>> ref().shape, ref.path.name
        ((1, 1, 3), 'a.jpg')
    """

    __slots__ = ("key", "loader", "path")

    def __init__(
        self, key: Hashable, loader: Callable[[], np.ndarray], path: Path | str | None = None
    ) -> None:
        self.key = key
        self.loader = loader
        self.path = Path(path) if path is not None else None

    def load(self) -> np.ndarray:
        """The frame's pixels (a new array)."""
        return self.loader()

    def __call__(self) -> np.ndarray:
        return self.loader()

    def __repr__(self) -> str:
        return f"ImageRef({self.key!r})"


class _Flight:
    __slots__ = ("done", "value", "error")

    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: object = None
        self.error: BaseException | None = None


class SingleFlight(Generic[T]):
    """A thread-safe LRU memo: each key is computed once, however many threads ask for it at the same time.

    The first caller of a missing key computes it in its own thread; callers that arrive meanwhile wait for that
    result (or its exception, which is not cached: the next caller tries again).

    Args:
        maxsize: Most values kept (least recently used go first).

    Attributes:
        computed: How many values were computed (misses that did the work).
        hits: How many calls were answered from the memo or by waiting for another caller's computation.

    Example:
        >>> memo = SingleFlight(maxsize=1)
        >>> memo.get("a", lambda: 1), memo.get("a", lambda: 2), memo.get("b", lambda: 3), memo.get("a", lambda: 4)
        (1, 1, 3, 4)
        >>> memo.computed, memo.hits
        (3, 1)
    """

    def __init__(self, maxsize: int = 64) -> None:
        if maxsize < 1:
            raise ValueError(f"maxsize must be >= 1, got {maxsize}")
        self.maxsize = maxsize
        self.computed = 0
        self.hits = 0
        self._values: OrderedDict[Hashable, T] = OrderedDict()
        self._flights: dict[Hashable, _Flight] = {}
        self._lock = threading.Lock()

    def peek(self, key: Hashable) -> T | None:
        """The memoised value of ``key`` (counted as a hit), or ``None`` when it is not there yet."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                self.hits += 1
                return self._values[key]
        return None

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value of ``key``, computing it with ``compute()`` only if nobody has (or is doing so now).

        Raises:
            Exception: whatever ``compute`` raised (every caller waiting on that computation gets it).
        """
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                self.hits += 1
                return self._values[key]
            flight = self._flights.get(key)
            owner = flight is None
            if flight is None:
                flight = self._flights[key] = _Flight()
            else:
                self.hits += 1
        if not owner:
            flight.done.wait()
            if flight.error is not None:
                raise flight.error
            return flight.value  # type: ignore[return-value]
        try:
            value = compute()
        except BaseException as exc:
            flight.error = exc
            with self._lock:
                del self._flights[key]
            flight.done.set()
            raise
        flight.value = value
        with self._lock:
            self.computed += 1
            self._values[key] = value
            while len(self._values) > self.maxsize:
                self._values.popitem(last=False)
            del self._flights[key]
        flight.done.set()
        return value

    def __len__(self) -> int:
        with self._lock:
            return len(self._values)


#: Environment variable that sets the number of image worker threads.
IMAGE_WORKERS_ENV = "MSSBENCH_IMAGE_WORKERS"

_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _forget_pool() -> None:
    """A forked child has none of the parent's threads: it starts its own pool on first use."""
    global _pool, _pool_lock
    _pool, _pool_lock = None, threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_pool)


def image_workers() -> int:
    """Threads of the image pool: ``$MSSBENCH_IMAGE_WORKERS`` when set, else the usable cores, from 2 to 8.

    Example:
        >>> 1 <= image_workers() <= max(8, int(os.environ.get(IMAGE_WORKERS_ENV, "0") or 0))
        True
    """
    raw = os.environ.get(IMAGE_WORKERS_ENV, "").strip()
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 2
    return max(2, min(8, cores))


def image_pool() -> ThreadPoolExecutor:
    """The process-wide bounded pool for image work (decode, render, resize, encode); created on first use.

    PIL and zlib release the GIL while they work, so a few threads use the cores without starving the event
    loop, and the bound keeps a burst of requests from starting hundreds of renders at once.

    Example:
        >>> image_pool() is image_pool()
        True
    """
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=image_workers(), thread_name_prefix="mssbench-image")
        return _pool
