"""Deterministic sharding: split a run's episodes across machines, keeping each safe/unsafe pair together.

A shard is written ``"I/N"``: shard ``I`` of ``N``, with ``I`` from 1 to ``N`` (``0/N`` is refused: with 0-based
numbering in mind, ``0/4`` .. ``3/4`` would silently skip shard 4, or run one shard twice). An episode
belongs to a shard by a stable hash of its ``pair_id`` (SHA-256, independent of Python's hash seed, machine and
episode order), so the shards of one configuration are disjoint and together are the unsharded run.

Example:
    >>> spec = parse_shard("2/3")
    >>> spec.index, spec.count, str(spec)
    (2, 3, '2/3')
    >>> parse_shard("0/4")
    Traceback (most recent call last):
    ...
    ValueError: --shard '0/4': need N >= 1 and 1 <= I <= N; shards are numbered from 1 (e.g. 1/4)
    >>> pairs = [f"chat/{i}#0" for i in range(30)]
    >>> shards = [ShardSpec(i, 3) for i in (1, 2, 3)]
    >>> sorted(p for s in shards for p in pairs if s.contains(p)) == sorted(pairs)
    True
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from mssbench_embodied.data.types import Episode

_SHARD_RE = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")

E = TypeVar("E", bound=Episode)


@dataclass(frozen=True)
class ShardSpec:
    """Shard ``index`` of ``count`` (1-based: ``1 <= index <= count``)."""

    index: int
    count: int

    def __post_init__(self) -> None:
        if self.count < 1 or not 1 <= self.index <= self.count:
            raise ValueError(f"bad shard {self.index}/{self.count}: use I/N with N >= 1 and 1 <= I <= N")

    @property
    def bucket(self) -> int:
        """The hash bucket this shard takes, in ``range(count)``."""
        return self.index % self.count

    def contains(self, pair_id: str) -> bool:
        """Whether the pair belongs to this shard."""
        return pair_bucket(pair_id, self.count) == self.bucket

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse_shard(text: str) -> ShardSpec:
    """Parse ``"I/N"``.

    Raises:
        ValueError: with a one-line message saying what a valid shard looks like.

    Example:
        >>> parse_shard("1/4")
        ShardSpec(index=1, count=4)
    """
    match = _SHARD_RE.match(text or "")
    if not match:
        raise ValueError(f"--shard {text!r}: write I/N, e.g. 1/4 for the first of four shards")
    index, count = int(match.group(1)), int(match.group(2))
    if count < 1 or not 1 <= index <= count:
        raise ValueError(
            f"--shard {text!r}: need N >= 1 and 1 <= I <= N; shards are numbered from 1 (e.g. 1/{max(count, 1)})"
        )
    return ShardSpec(index, count)


def pair_bucket(pair_id: str, count: int) -> int:
    """Stable bucket of a pair id in ``range(count)`` (SHA-256 based).

    Example:
        >>> pair_bucket("embodied/3#0", 1)
        0
    """
    digest = hashlib.sha256(pair_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count


def select_shard(episodes: Sequence[E], shard: ShardSpec | None) -> list[E]:
    """The episodes of one shard, in their original order (all of them when ``shard`` is ``None``)."""
    if shard is None:
        return list(episodes)
    return [ep for ep in episodes if shard.contains(ep.pair_id)]


def first_pairs(episodes: Iterable[E], limit: int | None) -> list[E]:
    """The episodes of the first ``limit`` distinct pairs, in order (all when ``limit`` is ``None``).

    Example:
        >>> from mssbench_embodied.data.types import Episode
        >>> eps = [Episode(f"c#{k}/{v}", f"c#{k}", "c", "chat", v, "x", "if", "q", "mssbench")
        ...        for k in range(3) for v in ("safe", "unsafe")]
        >>> [e.episode_id for e in first_pairs(eps, 1)]
        ['c#0/safe', 'c#0/unsafe']
    """
    episodes = list(episodes)
    if limit is None:
        return episodes
    kept: set[str] = set()
    out: list[E] = []
    for ep in episodes:
        if ep.pair_id not in kept:
            if len(kept) >= limit:
                continue
            kept.add(ep.pair_id)
        out.append(ep)
    return out
