"""A content fingerprint of a data folder, so that runs identify their data by what it holds, not by its path.

Resume and ``merge`` compare fingerprints: the same folder named relative or absolute, or copied to another
machine, has one fingerprint, while data edited in place between two shards (or between a run and its resume) gets
another one and is refused.

The fingerprint hashes, for every file under the folder (hidden files and folders such as ``.git`` or ``.cache``
skipped), its relative path and size, plus the whole content of manifest files (JSON, JSONL, YAML, CSV, text) and
the first and last 16 KiB of every other file (images). Modification times are left out on purpose: every copy
(``cp -r``, ``rsync`` without ``-t``, a fresh download on another node) changes them, which would refuse the shards
of one dataset run on several machines; a changed image changes its bytes, which the sample sees (an edit that
keeps the size and touches only the middle of a large file is the one change it can miss).

Example:
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "combined.json").write_text('{"chat": []}')
    >>> before = fingerprint_folder(root)
    >>> before == fingerprint_folder(root / ".." / root.name)  # another spelling of the same folder
    True
    >>> _ = (root / "combined.json").write_text('{"chat": [1]}')
    >>> before == fingerprint_folder(root)
    False
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

#: Files hashed whole: the manifests that say what the data is.
MANIFEST_SUFFIXES = frozenset({".json", ".jsonl", ".yaml", ".yml", ".csv", ".tsv", ".txt", ".md"})
#: Bytes hashed from each end of every other file (images).
SAMPLE_BYTES = 16 * 1024
_CHUNK = 1 << 20


def _files(root: Path) -> list[tuple[str, Path]]:
    found: list[tuple[str, Path]] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            if name.startswith("."):
                continue
            path = Path(folder) / name
            found.append((path.relative_to(root).as_posix(), path))
    return sorted(found)


def _hash_file(digest: hashlib._Hash, path: Path, size: int) -> None:
    with path.open("rb") as fh:
        if path.suffix.lower() in MANIFEST_SUFFIXES or size <= 2 * SAMPLE_BYTES:
            for chunk in iter(lambda: fh.read(_CHUNK), b""):
                digest.update(chunk)
            return
        digest.update(fh.read(SAMPLE_BYTES))
        fh.seek(-SAMPLE_BYTES, os.SEEK_END)
        digest.update(fh.read(SAMPLE_BYTES))


def fingerprint_folder(root: Path) -> str:
    """``"sha256:<32 hex digits>"`` of the folder's contents (see the module docstring for what is hashed).

    Raises:
        OSError: a file cannot be read.
    """
    root = Path(root)
    digest = hashlib.sha256()
    for rel, path in _files(root):
        size = path.stat().st_size
        digest.update(f"{rel}\0{size}\0".encode())
        _hash_file(digest, path, size)
    return "sha256:" + digest.hexdigest()[:32]
