"""What the command line prints besides results: its name, one-line errors and warnings on stderr.

Every subcommand module imports these from here, and ``cli.main`` imports the subcommand modules, so no module of
the CLI imports ``cli.main`` back (no import cycle).

Example:
    >>> import contextlib, io
    >>> err = io.StringIO()
    >>> with contextlib.redirect_stderr(err):
    ...     print_warning("one item skipped")
    >>> err.getvalue()
    'mssbench-embodied: warning: one item skipped\\n'
"""

from __future__ import annotations

import sys

PROG = "mssbench-embodied"


def print_error(message: str) -> None:
    """Print ``mssbench-embodied: error: <line>`` for each line of ``message`` on stderr."""
    for line in str(message).splitlines() or [""]:
        print(f"{PROG}: error: {line}", file=sys.stderr)


def print_warning(message: str) -> None:
    """Print ``mssbench-embodied: warning: <message>`` on stderr."""
    print(f"{PROG}: warning: {message}", file=sys.stderr, flush=True)


__all__ = ["PROG", "print_error", "print_warning"]
