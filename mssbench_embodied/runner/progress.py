"""Progress display for a run: a tqdm bar with counts, errors and ETA on a terminal, silence elsewhere.

Example:
    >>> with Progress(total=4, done=1, enabled=False) as bar:
    ...     bar.advance(error=False)
    ...     bar.advance(error=True)
    >>> bar.finished, bar.errors
    (3, 1)
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any, TextIO


def stderr_is_terminal(stream: TextIO | None = None) -> bool:
    """Whether ``stream`` (default ``sys.stderr``) is an interactive terminal."""
    stream = sys.stderr if stream is None else stream
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


class Progress:
    """Counts finished episodes and errors; draws a bar when ``enabled``.

    Args:
        total: Episodes planned in this run (including ones already recorded).
        done: Episodes already recorded before this invocation (the bar starts there).
        enabled: Draw a bar; ``None`` means only when stderr is a terminal.
        desc: Bar label.
    """

    def __init__(
        self, total: int, done: int = 0, *, enabled: bool | None = None, desc: str = "episodes"
    ) -> None:
        self.total = total
        self.finished = done
        self.errors = 0
        self.enabled = stderr_is_terminal() if enabled is None else enabled
        self._bar: Any = None
        if self.enabled:
            from tqdm.auto import tqdm

            self._bar = tqdm(
                total=total, initial=done, desc=desc, unit="ep", file=sys.stderr, dynamic_ncols=True
            )
            self._bar.set_postfix(errors=0, refresh=False)

    def advance(self, *, error: bool) -> None:
        """Count one finished episode."""
        self.finished += 1
        if error:
            self.errors += 1
        if self._bar is not None:
            if error:
                self._bar.set_postfix(errors=self.errors, refresh=False)
            self._bar.update(1)

    def close(self) -> None:
        """Remove the bar (safe to call twice)."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
