"""``mssbench-embodied export inspect RUN_DIR [-o FILE]``: a finished run as an inspect_ai log.

Example:
    >>> import tempfile
    >>> from mssbench_embodied.cli.main import main
    >>> main(["export", "inspect", tempfile.mkdtemp()])
    2
"""

from __future__ import annotations

import argparse
from pathlib import Path

from mssbench_embodied.data.errors import ConfigError


def cmd_export(args: argparse.Namespace) -> int:
    """Write the export named by ``args.format`` (``inspect``); exit 0, or 2 for a bad folder or missing extra."""
    try:
        from mssbench_embodied.report.inspect_export import export_inspect_log
    except ImportError as exc:
        if not str(getattr(exc, "name", "") or "").startswith("inspect_ai"):
            raise
        raise ConfigError(
            "export inspect needs inspect-ai, which is not installed: pip install 'mssbench-embodied[inspect]'"
        ) from None
    path = export_inspect_log(Path(args.run_dir), Path(args.output) if args.output else None)
    print(f"inspect log: {path}  (view it with: inspect view --log-dir {path.parent})")
    return 0
