"""An on-disk memo of data that is slow to build from files and cheap to unpickle (a loaded scenario suite).

Each command runs in a fresh process; parsing and checking the household suite's YAML took ~0.25 s of every
``run``, against ~10 ms to unpickle the result. An entry is keyed by a SHA-256 of everything the value is built
from: the *contents* of the input files, this package's version and the size and modification time of every
module of the package (so an edited loader never reads a stale entry), and the Python version. Anything wrong
with an entry (missing, unreadable, truncated, from another layout) means it is built again and rewritten; a
cache that cannot be written is simply not used.

Where: ``$MSSBENCH_CACHE_DIR``, else ``$XDG_CACHE_HOME/mssbench-embodied``, else ``~/.cache/mssbench-embodied``;
``MSSBENCH_CACHE_DIR=off`` turns it off. At most :data:`KEEP` entries per kind are kept (newest first). Entries are
unpickled, so a folder that is not the user's own, or that others can write to, is not used.

Example:
    >>> import tempfile, os
    >>> os.environ[CACHE_ENV] = tempfile.mkdtemp()
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.yaml").write_text("x: 1")
    >>> builds = []
    >>> build = lambda: builds.append(1) or {"x": 1}
    >>> memo("demo", [folder / "a.yaml"], build), memo("demo", [folder / "a.yaml"], build), len(builds)
    ({'x': 1}, {'x': 1}, 1)
    >>> _ = (folder / "a.yaml").write_text("x: 2")
    >>> memo("demo", [folder / "a.yaml"], lambda: {"x": 2}), len(builds)
    ({'x': 2}, 1)
    >>> del os.environ[CACHE_ENV]
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

#: Environment variable naming the cache folder (``off`` disables the cache).
CACHE_ENV = "MSSBENCH_CACHE_DIR"
#: Entries kept per kind; older ones are removed when a new one is written.
KEEP = 8
_PACKAGE = Path(__file__).resolve().parents[1]
#: Layout of an entry: bump when it changes.
_FORMAT = b"mssbench-diskcache-1"


def cache_dir() -> Path | None:
    """The cache folder, or ``None`` when ``$MSSBENCH_CACHE_DIR`` is ``off``.

    Example:
        >>> import os
        >>> os.environ[CACHE_ENV] = "off"
        >>> cache_dir() is None
        True
        >>> del os.environ[CACHE_ENV]
    """
    raw = os.environ.get(CACHE_ENV, "").strip()
    if raw.lower() == "off":
        return None
    if raw:
        return Path(raw).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.join("~", ".cache")
    return Path(base).expanduser() / "mssbench-embodied"


@lru_cache(maxsize=1)
def code_fingerprint() -> bytes:
    """Digest of the package's version, the Python version and every module's path, size and mtime."""
    from mssbench_embodied import __version__

    digest = hashlib.sha256(f"{__version__}|{sys.version}|{_PACKAGE}".encode())
    for path in sorted(_PACKAGE.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path.relative_to(_PACKAGE)}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.digest()


def _key(kind: str, files: Iterable[Path]) -> str:
    digest = hashlib.sha256(_FORMAT + code_fingerprint() + kind.encode())
    for path in sorted({Path(f).resolve() for f in files}):
        data = path.read_bytes()
        digest.update(f"\n{path}|{len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()


def _private(folder: Path) -> bool:
    """Whether ``folder`` (created if missing, mode 0700) is this user's and nobody else can write to it: entries
    are unpickled, so a folder others can write to is not used."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        stat = folder.stat()
    except OSError:
        return False
    getuid = getattr(os, "getuid", None)
    return (getuid is None or stat.st_uid == getuid()) and not stat.st_mode & 0o022


def _entry(kind: str, files: Iterable[Path]) -> tuple[Path, str] | None:
    """The entry's path and full key, or ``None`` (cache off or not private, or an input that cannot be read)."""
    folder = cache_dir()
    if folder is None or not _private(folder):
        return None
    try:
        key = _key(kind, files)
    except OSError:  # an input file vanished or cannot be read: the caller's own reading will report it
        return None
    return folder / f"{kind}-{key[:32]}.pickle", key


def load(kind: str, files: Iterable[Path]) -> Any | None:
    """The value stored for ``kind`` and these file contents and code, or ``None``."""
    found = _entry(kind, files)
    if found is None:
        return None
    entry, key = found
    with contextlib.suppress(Exception):  # a missing, stale or broken entry is no entry
        data = entry.read_bytes()
        if data.startswith(_FORMAT + key.encode()):
            return pickle.loads(data[len(_FORMAT) + len(key) :])  # noqa: S301 - our own cache folder
    return None


def save(kind: str, files: Iterable[Path], value: Any) -> None:
    """Store ``value`` (picklable) for ``kind`` and these file contents and code; never raises."""
    found = _entry(kind, files)
    if found is None:
        return
    entry, key = found
    with contextlib.suppress(Exception):  # an unwritable cache is not used
        _store(
            entry.parent,
            entry,
            _FORMAT + key.encode() + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL),
        )
        _prune(entry.parent, kind)


def memo(kind: str, files: Iterable[Path], build: Callable[[], T]) -> T:
    """``build()``, or the value it returned before for the same ``kind``, file contents and code.

    Args:
        kind: Names the sort of value (a file name part: letters, digits, ``-``, ``_``).
        files: Every file the value is built from (their contents are hashed).
        build: Builds the value; it must be picklable. Its exceptions propagate (nothing is stored).
    """
    files = list(files)
    value: T | None = load(kind, files)
    if value is None:
        value = build()
        save(kind, files, value)
    return value


def _store(folder: Path, entry: Path, data: bytes) -> None:
    tmp = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, entry)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _prune(folder: Path, kind: str) -> None:
    entries = sorted(folder.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()


__all__ = ["CACHE_ENV", "KEEP", "cache_dir", "code_fingerprint", "load", "memo", "save"]
