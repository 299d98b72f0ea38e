"""Ctrl-C while the package is still loading is one line and exit 130, never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

from tests.cli.helpers import cli_env, run_cli


def test_ctrl_c_while_the_package_loads_is_one_line(tmp_path: Path) -> None:
    # A real KeyboardInterrupt raised inside the package's own imports, where a user's Ctrl-C lands at start-up:
    # the first module the package imports is replaced by one that is "interrupted" while loading.
    fake = tmp_path / "yaml"
    fake.mkdir()
    (fake / "__init__.py").write_text("raise KeyboardInterrupt\n")
    env = cli_env()
    env["PYTHONPATH"] = os.pathsep.join([str(tmp_path), env["PYTHONPATH"]])
    done = run_cli("list", env=env)
    assert done.returncode == 130
    assert done.stderr.strip().splitlines() == [
        "mssbench-embodied: interrupted while starting; nothing was run"
    ]
