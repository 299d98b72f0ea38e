"""``python -m mssbench_embodied`` runs the command-line interface."""

from mssbench_embodied.cli.main import main

raise SystemExit(main())
