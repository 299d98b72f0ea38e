"""Where the bundled data folders (``tasks/``, ``models/``, ``envs/``) live.

In a source checkout (or an editable install) they sit at the repository root; in a wheel they are copied
into ``mssbench_embodied/_bundled/``.

Example:
    >>> resource_dir("tasks").name
    'tasks'
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """Path of a bundled folder: ``"tasks"``, ``"models"`` or ``"envs"``.

    Raises:
        FileNotFoundError: if neither a checkout nor the wheel provides it (a broken install).
    """
    for candidate in (_PACKAGE_DIR / "_bundled" / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"bundled folder {name!r} not found next to {_PACKAGE_DIR}; reinstall mssbench-embodied"
    )
