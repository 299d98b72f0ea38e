"""Validation building blocks for MSSBench folders: the error type, field checks and image checks.

Every problem is one line that names the file, the item and the field, so a user can fix the data without a
traceback, e.g. ``/data/mssbench/combined.json: chat item 3: field 'queries': expected a non-empty list of
strings, got int``. Checks collect problems instead of raising at the first one; the loader raises a single
:class:`DataError` carrying all of them.

Example:
    >>> err = DataError(["a.json: chat item 0: field 'intent': missing"])
    >>> str(err)
    "a.json: chat item 0: field 'intent': missing"
    >>> describe_type([1, 2]), describe_type(None)
    ('list', 'null')
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PIL import Image

from mssbench_embodied.data.errors import DataError  # noqa: F401  (re-exported: its historical home)

_DRIVE_RE = re.compile(r"^[A-Za-z]:")


def describe_type(value: Any) -> str:
    """JSON-ish name of a value's type, for messages (``null``, ``bool``, ``int``, ``str``, ``list``, ``dict``).

    Example:
        >>> describe_type({"a": 1}), describe_type(True), describe_type("x")
        ('dict', 'bool', 'str')
    """
    if value is None:
        return "null"
    return type(value).__name__


def problem(file: Path | str, where: str, field: str | None, what: str) -> str:
    """One problem line: ``"FILE: WHERE: field 'FIELD': WHAT"`` (parts left out when empty).

    Example:
        >>> problem("/d/combined.json", "chat item 3", "queries", "missing")
        "/d/combined.json: chat item 3: field 'queries': missing"
    """
    parts = [str(file)]
    if where:
        parts.append(where)
    if field is not None:
        parts.append(f"field {field!r}")
    parts.append(what)
    return ": ".join(parts)


def check_str(
    item: Mapping[str, Any], key: str, *, allow_empty: bool = False
) -> tuple[str | None, str | None]:
    """Check that ``item[key]`` is a string (non-blank unless ``allow_empty``).

    Returns:
        ``(value, None)`` when valid, else ``(None, what_is_wrong)``.

    Example:
        >>> check_str({"intent": 3}, "intent")
        (None, 'expected a non-empty string, got int')
    """
    expected = "a string" if allow_empty else "a non-empty string"
    if key not in item:
        return None, f"missing (expected {expected})"
    value = item[key]
    if not isinstance(value, str):
        return None, f"expected {expected}, got {describe_type(value)}"
    if not allow_empty and not value.strip():
        return None, "expected a non-empty string, got an empty string"
    return value, None


def check_str_list(item: Mapping[str, Any], key: str) -> tuple[tuple[str, ...] | None, str | None]:
    """Check that ``item[key]`` is a non-empty list of non-blank strings.

    Returns:
        ``(tuple_of_strings, None)`` when valid, else ``(None, what_is_wrong)``.

    Example:
        >>> check_str_list({"queries": ["a", 2]}, "queries")
        (None, 'expected a non-empty list of strings, element 1 is int')
    """
    expected = "a non-empty list of strings"
    if key not in item:
        return None, f"missing (expected {expected})"
    value = item[key]
    if not isinstance(value, list):
        return None, f"expected {expected}, got {describe_type(value)}"
    if not value:
        return None, f"expected {expected}, got an empty list"
    for i, element in enumerate(value):
        if not isinstance(element, str):
            return None, f"expected {expected}, element {i} is {describe_type(element)}"
        if not element.strip():
            return None, f"expected {expected}, element {i} is an empty string"
    return tuple(value), None


def _is_absolute(rel: str) -> bool:
    return rel.startswith(("/", "\\")) or bool(_DRIVE_RE.match(rel)) or os.path.isabs(rel)


def _within(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def hub_blobs_folder(folder: Path) -> Path | None:
    """The ``blobs/`` folder of the Hugging Face cache entry ``folder`` is in, when it is inside a snapshot
    (``.../datasets--OWNER--NAME/snapshots/<commit>/...``), else ``None``: a snapshot's files are links to it.

    Example:
        >>> hub_blobs_folder(Path("/c/hub/datasets--a--b/snapshots/0123/chat")), hub_blobs_folder(Path("/x/chat"))
        (PosixPath('/c/hub/datasets--a--b/blobs'), None)
    """
    for parent in folder.parents:
        if parent.name == "snapshots" and parent.parent.name.startswith("datasets--"):
            return parent.parent / "blobs"
    return None


class ImageChecker:
    """Checks image paths of one folder (``chat/`` or ``embodied/``), caching results per path.

    A path is valid when it is relative, has no ``..`` part, resolves (after following links) inside the
    folder (or, in a Hugging Face cache snapshot, inside that dataset's own ``blobs/``), names a regular file, and
    PIL can read the file's header. Pixels are never decoded.

    Example:
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> ImageChecker(folder).check("../secret.png")[1]
        "path leaves the folder ('..' is not allowed): ../secret.png"
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._real_folder = Path(os.path.realpath(folder))
        blobs = hub_blobs_folder(Path(os.path.abspath(folder)))
        self._real_blobs = Path(os.path.realpath(blobs)) if blobs is not None else None
        self._cache: dict[str, tuple[Path | None, str | None]] = {}

    def check(self, rel: str) -> tuple[Path | None, str | None]:
        """Validate one relative image path.

        Returns:
            ``(path, None)`` with ``path = folder / rel`` when valid, else ``(None, what_is_wrong)``.
        """
        if rel not in self._cache:
            self._cache[rel] = self._check(rel)
        return self._cache[rel]

    def _check(self, rel: str) -> tuple[Path | None, str | None]:
        if _is_absolute(rel):
            return None, f"absolute paths are not allowed (give a path relative to {self.folder}): {rel}"
        if ".." in re.split(r"[\\/]+", rel):
            return None, f"path leaves the folder ('..' is not allowed): {rel}"
        path = self.folder / rel
        real = Path(os.path.realpath(path))
        inside_blobs = self._real_blobs is not None and _within(real, self._real_blobs)
        if not _within(real, self._real_folder) and not inside_blobs:
            return None, f"path leaves the folder {self.folder} through a symbolic link (to {real}): {rel}"
        if not real.exists():
            return None, f"image file not found: {path}"
        if not real.is_file():
            return None, f"not a regular file: {path}"
        what = image_header_problem(real)
        if what is not None:
            return None, f"{what}: {path}"
        return path, None


def image_header_problem(path: Path) -> str | None:
    """Why PIL cannot read the header of an image file, or why it must not be decoded (over the pixel cap of
    :func:`mssbench_embodied.data.images.max_image_pixels`), or ``None`` when it is fine (pixels are not decoded).

    Example:
        >>> import tempfile
        >>> bad = Path(tempfile.mkdtemp()) / "x.png"
        >>> _ = bad.write_bytes(b"not an image")
        >>> image_header_problem(bad)
        'not a readable image (unknown or corrupt format)'
    """
    from mssbench_embodied.data.images import plan_decode  # images imports this module

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # the pixel cap below decides
            with Image.open(path) as im:
                width, height = im.size
                too_big = plan_decode(im) if width > 0 and height > 0 else None
    except DataError as exc:  # a bad MSSBENCH_MAX_IMAGE_PIXELS
        return str(exc)
    except Image.UnidentifiedImageError:
        return "not a readable image (unknown or corrupt format)"
    except Exception as exc:  # PIL raises OSError, SyntaxError, ValueError, DecompressionBombError, ...
        reason = " ".join(str(exc).split()) or type(exc).__name__
        return f"not a readable image ({reason})"
    if width <= 0 or height <= 0:
        return f"not a readable image (size {width}x{height})"
    return too_big
