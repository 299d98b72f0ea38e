"""Install a tiny plug-in package into a folder on ``sys.path``, as pip would into site-packages, and run the CLI in
a fresh process that sees it.

Used by the registry's plug-in tests: the package is one module plus a ``.dist-info`` whose ``entry_points.txt``
declares the plug-ins, so ``importlib.metadata`` finds them exactly as it finds an installed package's.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def installed_plugin(site: Path, module: str, source: str, entry_points: str) -> Iterator[Path]:
    """Write ``module`` (``source``) and its distribution metadata into ``site``, put ``site`` on ``sys.path``,
    and take both away again on exit. The distribution is named after the module (``_`` -> ``-``), version 0.1."""
    (site / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    info = site / f"{module}-0.1.dist-info"
    info.mkdir()
    name = module.replace("_", "-")
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")
    (info / "RECORD").write_text("", encoding="utf-8")
    sys.path.insert(0, str(site))
    importlib.invalidate_caches()
    try:
        yield site
    finally:
        sys.path.remove(str(site))
        sys.modules.pop(module, None)
        importlib.invalidate_caches()


def cli_with_site(site: Path, *args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """Run ``python -m mssbench_embodied ARGS`` in a fresh process with ``site`` first on its ``PYTHONPATH``."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")])),
    }
    return subprocess.run(
        [sys.executable, "-m", "mssbench_embodied", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
