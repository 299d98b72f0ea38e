"""An advisory lock on a run folder (``run.lock``), so that two processes never write one run at once.

A run holds the folder's lock **exclusively** from the moment it first touches the folder (before ``--no-resume``
moves anything aside) until its summary and report are written: a second ``run`` into the same ``--out`` (resuming
or starting over) is refused with the holder's pid instead of doubling the requests and the records. Readers that
need a consistent snapshot of a finished run (``merge``) take the lock **shared**: they wait for no one, and are
refused while a run is still writing the folder.

The lock is ``flock(2)`` on POSIX (``msvcrt.locking`` on Windows), so it dies with its process: a run killed with
``kill -9`` leaves no stale lock behind. The lock file itself holds the holder's pid, for the message.

Example:
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with RunLock.acquire(folder) as lock:
    ...     try:
    ...         RunLock.acquire(folder)
    ...     except ConfigError as err:
    ...         print(str(err).split(":")[1].strip().startswith("another run"))
    True
    >>> RunLock.acquire(folder).release()  # free again
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType
from typing import IO

from mssbench_embodied.runner.config import ConfigError

LOCK_FILE = "run.lock"


def lock_holder(folder: Path) -> int | None:
    """The pid written in ``folder/run.lock`` (the last holder's), or ``None``.

    Example:
        >>> lock_holder(Path("/nonexistent")) is None
        True
    """
    try:
        text = (Path(folder) / LOCK_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def _try_lock(fh: IO[str], shared: bool) -> bool:
    """Take the lock without waiting; False when another process holds it."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fh.fileno(), (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
    except (BlockingIOError, PermissionError):
        return False
    return True


def _busy(folder: Path, flag: str, what: str) -> ConfigError:
    pid = lock_holder(folder)
    holder = f"pid {pid}" if pid is not None else "another process"
    return ConfigError(
        f"{flag} {folder}: another run ({holder}) is writing this folder; {what}, or choose another folder"
    )


class RunLock:
    """A held lock on a run folder; release it with :meth:`release` or a ``with`` block.

    Attributes:
        folder: The locked folder.
        shared: Whether this is a reader's (shared) lock.
    """

    def __init__(self, folder: Path, fh: IO[str], shared: bool) -> None:
        self.folder = folder
        self.shared = shared
        self._fh: IO[str] | None = fh

    @classmethod
    def acquire(cls, folder: Path, *, flag: str = "--out") -> RunLock:
        """Lock an existing folder exclusively for a writer, and write our pid in the lock file.

        Raises:
            ConfigError: another process holds the lock (the message names its pid and ``flag``), or the lock file
                cannot be created.
        """
        folder = Path(folder)
        try:
            fh = (folder / LOCK_FILE).open("a+", encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"{flag} {folder}: cannot create {LOCK_FILE} ({exc.strerror or exc})") from None
        if not _try_lock(fh, shared=False):
            fh.close()
            raise _busy(folder, flag, "wait for it to finish (or stop it)")
        fh.seek(0)
        fh.truncate()
        fh.write(f"{os.getpid()}\n")
        fh.flush()
        return cls(folder, fh, shared=False)

    @classmethod
    def read(cls, folder: Path, *, flag: str = "--out") -> RunLock | None:
        """Lock a folder shared, for reading a consistent snapshot; ``None`` when it has no lock file.

        A folder without ``run.lock`` was never written by a run that locks, so there is nothing to wait for.

        Raises:
            ConfigError: a run holds the folder (it is still being written).
        """
        folder = Path(folder)
        try:
            fh = (folder / LOCK_FILE).open("r", encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise ConfigError(f"{flag} {folder}: cannot open {LOCK_FILE} ({exc.strerror or exc})") from None
        if not _try_lock(fh, shared=True):
            fh.close()
            raise _busy(folder, flag, "merge it once that run has finished")
        return cls(folder, fh, shared=True)

    @staticmethod
    def check_free(folder: Path, *, flag: str = "--out") -> None:
        """Raise :class:`ConfigError` when a run holds ``folder`` now (a quick check before long validation).

        Nothing is created: a folder without a lock file is free.
        """
        lock = RunLock.read(folder, flag=flag) if Path(folder).is_dir() else None
        if lock is not None:
            lock.release()

    @property
    def held(self) -> bool:
        """Whether this object still holds the lock."""
        return self._fh is not None

    def release(self) -> None:
        """Give the lock up (safe to call twice). The lock file stays: it is how the next run finds the lock."""
        fh, self._fh = self._fh, None
        if fh is not None:
            fh.close()  # closing the descriptor drops flock/msvcrt locks

    def __enter__(self) -> RunLock:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()

    def __del__(self) -> None:
        self.release()
