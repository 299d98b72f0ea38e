"""Fixtures for the AI2-THOR backend tests: the real ``ai2thor`` Controller driving a stand-in build.

``fake_thor.py`` speaks ai2thor's FIFO protocol; a small launcher script (``#!<this python>``) is what the
controller runs as ``local_executable_path``. ``HOME`` points into a temporary folder so nothing is written to
``~/.ai2thor`` and no real build is ever found.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent


def write_launcher(folder: Path) -> Path:
    """An executable Python script that runs the stand-in build (what ``--thor-executable`` points at)."""
    exe = folder / "thor-fake"
    exe.write_text(
        f"#!{sys.executable}\nimport runpy, sys\nsys.path.insert(0, {str(HERE)!r})\n"
        f"runpy.run_path({str(HERE / 'fake_thor.py')!r}, run_name='__main__')\n"
    )
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return exe


class ThorLog:
    """The stand-in's action log (JSON list); ``mark()`` then ``since()`` gives the actions of one test step."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._mark = 0

    def entries(self) -> list[dict[str, Any]]:
        return json.loads(self.path.read_text()) if self.path.exists() else []

    def mark(self) -> None:
        self._mark = len(self.entries())

    def since(self) -> list[dict[str, Any]]:
        return self.entries()[self._mark :]

    def actions(self, name: str | None = None) -> list[dict[str, Any]]:
        acts = [e["action"] for e in self.since() if e["action"] is not None]
        return [a for a in acts if name is None or a["action"] == name]


def frame_sha1(frame: np.ndarray) -> str:
    """The digest the stand-in logs for a frame (it sends rows bottom-up; ai2thor flips them back)."""
    return hashlib.sha1(np.ascontiguousarray(np.flipud(frame)).tobytes()).hexdigest()


@pytest.fixture(scope="session")
def thor_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A session-wide environment: HOME in a temp folder, the launcher, and the stand-in's log file."""
    root = tmp_path_factory.mktemp("thor")
    saved = {
        k: os.environ.get(k) for k in ("HOME", "FAKE_THOR_LOG", "FAKE_THOR_MODE", "MSSBENCH_THOR_EXECUTABLE")
    }
    os.environ["HOME"] = str(root / "home")
    (root / "home").mkdir()
    os.environ["FAKE_THOR_LOG"] = str(root / "actions-{pid}.json")  # one log per stand-in process
    os.environ.pop("FAKE_THOR_MODE", None)
    os.environ.pop("MSSBENCH_THOR_EXECUTABLE", None)
    yield {"root": root, "exe": write_launcher(root)}
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def renderer(thor_home: dict[str, Any]) -> Iterator[Any]:
    """One ThorRenderer (64x48) on the stand-in, shared by the session (one controller per process)."""
    from mssbench_embodied.render.thor import ThorRenderer

    r = ThorRenderer(64, 48, thor_executable=thor_home["exe"], x_display=":0", start_timeout=30.0)
    yield r
    r.close()


@pytest.fixture(scope="session")
def session_log(thor_home: dict[str, Any], renderer: Any) -> ThorLog:
    """The log of the session renderer's stand-in process (started here if it is not running yet)."""
    pid = renderer.controller.server.unity_proc.pid
    return ThorLog(Path(os.environ["FAKE_THOR_LOG"].format(pid=pid)))


@pytest.fixture
def log(session_log: ThorLog) -> ThorLog:
    """The session stand-in's log, marked at the start of the test."""
    session_log.mark()
    return session_log


@pytest.fixture(scope="session")
def suite() -> Any:
    from mssbench_embodied.world import load_suite

    return load_suite()
