"""Rendered frames' URLs outlive the count-bounded memo: a frame asked for again is not drawn and encoded again."""

from __future__ import annotations

import numpy as np

from mssbench_embodied.data.frames import ImageRef
from mssbench_embodied.llm import images
from mssbench_embodied.llm.images import DataUrlCache


def frame(seed: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, (24, 32, 3), dtype=np.uint8)


def test_rendered_frame_urls_are_kept_beyond_maxsize() -> None:
    loads: list[int] = []
    refs = [ImageRef(("h", i), lambda i=i: loads.append(i) or frame(i)) for i in range(5)]
    cache = DataUrlCache(maxsize=2)
    first = [cache.url(ref) for ref in refs]
    again = [cache.url(ref) for ref in refs]  # each was pushed out of the memo by the ones after it
    assert again == first and loads == [0, 1, 2, 3, 4]
    assert first == [DataUrlCache().url(ref) for ref in refs]  # the same bytes as a fresh cache's


def test_kept_bytes_are_bounded_and_files_are_not_kept(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    loads: list[int] = []
    refs = [ImageRef(("h", i), lambda i=i: loads.append(i) or frame(i)) for i in range(3)]
    size = len(DataUrlCache().url(refs[0]))
    loads.clear()
    monkeypatch.setattr(images, "KEEP_RENDERED_BYTES", size + size // 2)  # room for one URL
    cache = DataUrlCache(maxsize=1)
    for ref in refs + refs:
        cache.url(ref)
    assert loads == [0, 1, 2, 1, 2]  # the first is kept, the others drawn again

    path = tmp_path / "a.png"
    from PIL import Image

    Image.fromarray(frame(9)).save(path)
    opened: list[int] = []
    ref = ImageRef(("file", str(path)), lambda: opened.append(1) or frame(9), path=path)
    cache = DataUrlCache(maxsize=1, fmt="png")
    for _ in range(2):
        cache.url(ref)
        cache.url(ImageRef(("h", 7), lambda: frame(7)))
    assert opened == [1, 1]  # file frames stay bounded by maxsize only
