"""The progress bar: drawn with counts and errors when enabled, silent otherwise."""

from __future__ import annotations

import io

import pytest

from mssbench_embodied.runner.progress import Progress, stderr_is_terminal


def test_enabled_bar_shows_counts_and_errors(capsys: pytest.CaptureFixture[str]) -> None:
    with Progress(total=5, done=2, enabled=True) as bar:
        bar.advance(error=False)
        bar.advance(error=True)
    err = capsys.readouterr().err
    assert "4/5" in err and "errors=1" in err
    assert (bar.finished, bar.errors) == (4, 1)


def test_disabled_bar_is_silent(capsys: pytest.CaptureFixture[str]) -> None:
    with Progress(total=3, enabled=None) as bar:  # captured stderr is not a terminal
        bar.advance(error=True)
    assert capsys.readouterr().err == "" and bar.errors == 1


def test_terminal_detection() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert stderr_is_terminal(Tty()) and not stderr_is_terminal(io.StringIO())
