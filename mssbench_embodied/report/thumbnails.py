"""Small embedded thumbnails (``data:`` URIs) of the images episodes were shown, for the HTML report.

MSSBench episodes: the recorded image file. Household episodes: the scenario variant rendered with the sketch
renderer from the suite the run used (``run_info["suite"]``). Anything that cannot be loaded gives ``None``
(the report then shows a placeholder); thumbnails are cached per image, and household ones on disk too (keyed by the
suite's files, the size and the code: see :mod:`mssbench_embodied.data.diskcache`), so the next report of the same
suite does not draw them again.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from PIL import Image
    >>> path = Path(tempfile.mkdtemp()) / "a.png"
    >>> Image.new("RGB", (64, 48), (200, 30, 30)).save(path)
    >>> uri = image_data_uri(Image.open(path))
    >>> uri.startswith("data:image/jpeg;base64,")
    True
"""

from __future__ import annotations

import base64
import io
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from mssbench_embodied.data.results import EpisodeResult

#: Largest thumbnail edge in pixels (shown at half size on high-density screens).
THUMB_SIZE = (224, 168)


def image_data_uri(image: Image.Image | np.ndarray, size: tuple[int, int] = THUMB_SIZE) -> str:
    """A JPEG ``data:`` URI of ``image`` shrunk to fit ``size`` (aspect kept).

    Example:
        >>> import numpy as np
        >>> image_data_uri(np.zeros((10, 10, 3), dtype=np.uint8))[:23]
        'data:image/jpeg;base64,'
    """
    im = Image.fromarray(np.asarray(image, dtype=np.uint8)) if isinstance(image, np.ndarray) else image
    im = im.convert("RGB")
    im.thumbnail(size, Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    im.save(buf, format="JPEG", quality=80, optimize=True)
    return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


class Thumbnailer:
    """Thumbnails for the records of one run.

    Args:
        run_info: The summary's ``run`` block (``data`` and ``suite`` locate the images).
        size: Largest thumbnail size.
        renderer: Object with ``.render(world) -> array`` for household scenes (default: the sketch renderer).

    Example:
        >>> Thumbnailer({}).for_record(None) is None
        True
    """

    def __init__(
        self, run_info: dict[str, Any], size: tuple[int, int] = THUMB_SIZE, renderer: Any = None
    ) -> None:
        self.run_info = run_info
        self.size = size
        self._renderer: Any = renderer
        self._cache: dict[tuple[str, ...], str | None] = {}
        self._suite: Any = None
        #: Household thumbnails kept on disk (default renderer only): loaded on first use, written by :meth:`save`.
        self._stored: dict[tuple[str, str], str] | None = None
        self._stored_new = False
        self._keep_on_disk = renderer is None
        #: Distinct reasons (at most 3) why images could not be shown, and how many could not.
        self.problems: list[str] = []
        self.failed = 0

    def for_record(self, record: EpisodeResult | None) -> str | None:
        """The record's thumbnail URI, or ``None`` when its image is unavailable."""
        if record is None:
            return None
        if record.source == "household" and record.scenario_id:
            key: tuple[str, ...] = ("household", record.scenario_id, record.variant)
            loader = self._household
        elif record.image:
            key = ("file", record.image)
            loader = self._file
        else:
            return None
        if key not in self._cache:
            try:
                self._cache[key] = loader(record)
            except Exception as exc:  # noqa: BLE001 - a missing picture must not break the report
                self._cache[key] = None
                problem = " ".join(f"{type(exc).__name__}: {exc}".split())
                self.failed += 1
                if problem not in self.problems and len(self.problems) < 3:
                    self.problems.append(problem)
        return self._cache[key]

    def _file(self, record: EpisodeResult) -> str | None:
        path = Path(str(record.image))
        candidates = [path]
        data = self.run_info.get("data")
        if not path.is_absolute() and data:
            candidates += [Path(data) / path, Path(data) / record.task / path]
        for candidate in candidates:
            if candidate.is_file():
                with Image.open(candidate) as im:
                    im.draft("RGB", (self.size[0] * 2, self.size[1] * 2))  # fast JPEG downscale
                    return image_data_uri(im, self.size)
        raise FileNotFoundError(f"image file not found: {path}")

    def _household(self, record: EpisodeResult) -> str | None:
        if self._renderer is None:
            from mssbench_embodied.render import get_renderer

            self._renderer = get_renderer(
                "sketch", width=self.size[0], height=self.size[1]
            )  # no resize needed
        if self._suite is None:  # the run's own suite while its files are unchanged (suites are read-only)
            from mssbench_embodied.envs.sources import load_suite_cached

            self._suite = load_suite_cached(self.run_info.get("suite") or "household")
        stored = self._stored_thumbnails()
        key = (str(record.scenario_id), str(record.variant))
        uri = stored.get(key)
        if uri is None:
            world = self._suite.world_for(record.scenario_id, record.variant)
            uri = stored[key] = image_data_uri(np.asarray(self._renderer.render(world)), self.size)
            self._stored_new = True
        return uri

    def _disk_kind(self) -> tuple[str, list[Path]]:
        from mssbench_embodied.envs.sources import suite_inputs

        return f"thumbs-{self.size[0]}x{self.size[1]}", suite_inputs(
            self.run_info.get("suite") or "household"
        )

    def _stored_thumbnails(self) -> dict[tuple[str, str], str]:
        if self._stored is None:
            self._stored = {}
            if self._keep_on_disk:
                from mssbench_embodied.data import diskcache

                found = diskcache.load(*self._disk_kind())
                self._stored = dict(found) if isinstance(found, dict) else {}
        return self._stored

    def save(self) -> None:
        """Keep the household thumbnails drawn here on disk for the next report of the same suite."""
        if self._stored_new and self._stored is not None and self._keep_on_disk:
            from mssbench_embodied.data import diskcache

            diskcache.save(*self._disk_kind(), self._stored)
            self._stored_new = False


__all__ = ["THUMB_SIZE", "Thumbnailer", "image_data_uri"]
