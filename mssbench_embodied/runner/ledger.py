"""The append-only results ledger (``results.jsonl``): one :class:`EpisodeResult` per line.

Each finished episode is written as one JSON line straight to the file (unbuffered), so a killed run loses at
most the episodes that were in flight, and a write that fails (disk full) is cut back to the last whole line; the
file is also fsync'd at most once a second and on close. Reading is tolerant: a line that does not parse
(typically the last one, cut by a kill) is skipped with a warning, and the next append starts on a fresh line. When one resume key appears more than once (an episode that errored and was
retried on resume), the **latest** record wins (:func:`latest_by_key`).

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from mssbench_embodied.data.results import EpisodeResult
    >>> path = Path(tempfile.mkdtemp()) / "results.jsonl"
    >>> rec = EpisodeResult("chat/0#0/safe", "chat/0#0", "chat/0", "chat", "safe", "x", "if", "mssbench",
    ...                     "scripted:comply", "rules", "ab12", "Sure.", label=2, correct=True)
    >>> with Ledger(path) as ledger:
    ...     ledger.append(rec)
    >>> read_ledger(path).records == [rec]
    True
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from mssbench_embodied.data.results import EpisodeResult

RESULTS_FILE = "results.jsonl"
#: Minimum seconds between two fsyncs while appending (flush happens on every record).
FSYNC_INTERVAL_S = 1.0


@dataclass
class LedgerContents:
    """What :func:`read_ledger` found.

    Attributes:
        records: Every readable record, in file order (duplicates kept; see :func:`latest_by_key`).
        warnings: One line per skipped line, ``"FILE:LINE: ..."``.
        ends_cleanly: False when the file's last byte is not a newline (a cut line).
    """

    records: list[EpisodeResult] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    ends_cleanly: bool = True


def _parse_line(line: str) -> EpisodeResult:
    data: Any = json.loads(line)
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    try:
        return EpisodeResult.from_dict(data)
    except TypeError as exc:  # missing required fields
        raise ValueError(str(exc).replace("__init__() ", "")) from None


def read_ledger(path: Path) -> LedgerContents:
    """Read a results file, skipping unreadable lines with a warning. A missing file reads as empty.

    Example:
        >>> read_ledger(Path("/nonexistent/results.jsonl")).records
        []
    """
    contents = LedgerContents()
    if not path.exists():
        return contents
    raw = path.read_bytes()
    contents.ends_cleanly = not raw or raw.endswith(b"\n")
    for number, line_bytes in enumerate(raw.split(b"\n"), start=1):
        if not line_bytes.strip():
            continue
        try:
            contents.records.append(_parse_line(line_bytes.decode("utf-8")))
        except (ValueError, UnicodeDecodeError) as exc:
            what = "cut off (the run was probably killed)" if not line_bytes.endswith(b"}") else str(exc)
            contents.warnings.append(f"{path}:{number}: unreadable record ignored, it will be re-run: {what}")
    return contents


def latest_by_key(records: Iterable[EpisodeResult]) -> dict[tuple[str, ...], EpisodeResult]:
    """Map each resume key to its latest record (later records replace earlier ones, e.g. retried errors).

    Example:
        >>> from mssbench_embodied.data.results import EpisodeResult
        >>> a = EpisodeResult("e", "p", "c", "chat", "safe", "x", "if", "mssbench", "pol", "rules", "h", None,
        ...                   error="PolicyError: timeout")
        >>> b = EpisodeResult("e", "p", "c", "chat", "safe", "x", "if", "mssbench", "pol", "rules", "h", "ok",
        ...                   label=2, correct=True)
        >>> latest_by_key([a, b])[b.resume_key].correct
        True
    """
    latest: dict[tuple[str, ...], EpisodeResult] = {}
    for record in records:
        latest.pop(record.resume_key, None)  # keep insertion order = order of the latest write
        latest[record.resume_key] = record
    return latest


def move_aside(path: Path) -> Path | None:
    """Rename ``path`` to ``<name>.bak-<timestamp>`` (never overwriting) and return the new path.

    Returns ``None`` when there is nothing to move.
    """
    if not path.exists():
        return None
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.bak-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.bak-{stamp}-{n}")
    path.rename(target)
    return target


class Ledger:
    """Appends records to a results file; use as a context manager.

    Args:
        path: The ``results.jsonl`` file (created if missing; its folder must exist).
        fsync_interval_s: Minimum seconds between fsyncs (each record is flushed regardless).
    """

    def __init__(self, path: Path, *, fsync_interval_s: float = FSYNC_INTERVAL_S) -> None:
        self.path = path
        self.fsync_interval_s = fsync_interval_s
        self._fh: IO[bytes] | None = None
        self._good_size = 0
        self._last_sync = 0.0
        self.written = 0

    def open(self) -> Ledger:
        """Open for appending (unbuffered: nothing waits in memory); if the file ends in a cut line, start on a
        fresh line."""
        needs_newline = (
            self.path.exists() and self.path.stat().st_size > 0 and not _ends_with_newline(self.path)
        )
        self._fh = self.path.open("ab", buffering=0)
        self._good_size = self.path.stat().st_size
        if needs_newline:
            self._write(b"\n")
        self._last_sync = time.monotonic()
        return self

    def _write(self, data: bytes) -> None:
        """Append ``data`` whole, or not at all: after a failed write (disk full) the file is cut back to its last
        complete line, so no partial record is left behind."""
        assert self._fh is not None
        view = memoryview(data)
        try:
            while view:
                n = self._fh.write(view)
                view = view[n or 0 :]
        except OSError:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fh.fileno(), self._good_size)
            raise
        self._good_size += len(data)

    def append(self, record: EpisodeResult) -> None:
        """Write one record as one line (unbuffered, so it is in the file at once; fsync at most every
        ``fsync_interval_s``)."""
        if self._fh is None:
            raise RuntimeError("Ledger.append() before open()")
        line = json.dumps(record.to_dict(), separators=(",", ":"))
        self._write(line.encode("utf-8") + b"\n")
        self.written += 1
        now = time.monotonic()
        if now - self._last_sync >= self.fsync_interval_s:
            os.fsync(self._fh.fileno())
            self._last_sync = now

    def close(self) -> None:
        """Fsync and close (safe to call twice; the file is closed even when the fsync fails)."""
        fh, self._fh = self._fh, None
        if fh is None:
            return
        try:
            os.fsync(fh.fileno())
        finally:
            fh.close()

    def __enter__(self) -> Ledger:
        return self.open()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is None:
            self.close()
            return
        with contextlib.suppress(
            OSError
        ):  # the error already on its way out (e.g. disk full) is the one to report
            self.close()


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as fh:
        fh.seek(-1, os.SEEK_END)
        return fh.read(1) == b"\n"


def write_records(path: Path, records: Iterable[EpisodeResult]) -> int:
    """Write a whole results file at once (used by ``merge``); returns the number of records."""
    n = 0
    tmp = path.with_name(path.name + ".tmp")
    try:
        with tmp.open("w", encoding="utf-8") as fh:
            for record in records:
                fh.write(json.dumps(record.to_dict(), separators=(",", ":")) + "\n")
                n += 1
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)  # a failed write (disk full) leaves the old file and no .tmp behind
        raise
    return n
