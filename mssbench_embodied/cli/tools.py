"""``list``, ``validate`` and ``render``: the subcommands that read data and do not run a policy.

Example:
    >>> from mssbench_embodied.cli.main import main
    >>> main(["validate", "/nonexistent/folder"])
    2
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from mssbench_embodied.runner.config import (
    DEFAULT_SUITE,
    SUITE_HINT,
    ConfigError,
    is_suite,
    problem_lines,
)

# --- list --------------------------------------------------------------------------------------------------------


def _mssbench_rows(data: Any) -> list[dict[str, Any]]:
    rows = []
    for case in data.chat:
        rows.append(
            {
                "id": case.case_id,
                "task": "chat",
                "category": case.category,
                "hazard": None,
                "n_instructions": len(case.queries),
                "same_instruction": True,
                "n_pairs": len(case.queries),
            }
        )
    for case in data.embodied:
        pairs = list(zip(case.safe_instructions, case.unsafe_instructions, strict=False))
        rows.append(
            {
                "id": case.case_id,
                "task": "embodied",
                "category": case.category,
                "hazard": None,
                "n_instructions": len(pairs),
                "same_instruction": all(s == u for s, u in pairs),
                "n_pairs": len(pairs),
            }
        )
    return rows


def _household_rows(suite: Any) -> list[dict[str, Any]]:
    rows = []
    for scenario in [*suite.embodied, *suite.chat]:
        texts = tuple(getattr(scenario, "instructions", ()) or ()) or tuple(
            getattr(scenario, "queries", ()) or ()
        )
        rows.append(
            {
                "id": scenario.id,
                "task": scenario.task,
                "category": scenario.category,
                "hazard": scenario.hazard,
                "n_instructions": len(texts),
                "same_instruction": True,
                "thor_scene": scenario.thor.get("scene") if isinstance(scenario.thor, dict) else None,
            }
        )
    return rows


def _load_mssbench(path: Path) -> Any:
    from mssbench_embodied.data.mssbench import load_mssbench
    from mssbench_embodied.data.validation import DataError

    try:
        return load_mssbench(path)
    except DataError as exc:
        raise ConfigError(problem_lines(exc)) from None


def _load_suite(name: str | None) -> Any:
    from mssbench_embodied.world import load_suite

    if not is_suite(name):
        raise ConfigError(f"--suite {name!r}: {SUITE_HINT}")
    try:
        return load_suite(None if name in (None, DEFAULT_SUITE) else Path(str(name)))
    except ValueError as exc:
        raise ConfigError(problem_lines(exc)) from None


def data_path(value: str) -> Path:
    """A folder named on the command line; ``hf:OWNER/NAME[@REV]`` is the Hub dataset's cached (or downloaded)
    snapshot, so ``validate`` and ``list`` check exactly what ``run --data`` would use."""
    from mssbench_embodied.data.hub import is_hub_spec, resolve_hub_data

    return resolve_hub_data(value).path if is_hub_spec(value) else Path(value)


def cmd_list(args: argparse.Namespace) -> int:
    """``mssbench-embodied list``: one row per case (``--json``: one JSON object per line)."""
    rows = (
        _mssbench_rows(_load_mssbench(data_path(args.data)))
        if args.data
        else _household_rows(_load_suite(args.suite))
    )
    if args.json:
        for row in rows:
            print(json.dumps(row))
        return 0
    columns = ["id", "task", "category", "hazard", "n_instructions", "same_instruction"]
    if rows and "n_pairs" in rows[0]:
        columns.append("n_pairs")
    cells = [[("-" if row.get(c) is None else str(row.get(c))) for c in columns] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=False)).rstrip())
    for r in cells:
        print("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=False)).rstrip())
    return 0


# --- validate and render ---------------------------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    """``mssbench-embodied validate PATH``: an MSSBench folder or a scenario file/folder. Exit 0 or 2."""
    from mssbench_embodied.data.mssbench import DATA_FILENAMES

    path = data_path(args.path)
    if not path.exists():
        raise ConfigError(f"{path}: no such file or folder")
    if path.is_dir() and any((path / name).is_file() for name in DATA_FILENAMES):
        data = _load_mssbench(path)
        print(f"ok: {path}: MSSBench folder, {len(data.chat)} chat and {len(data.embodied)} embodied items")
        return 0
    from mssbench_embodied.world import validate_tasks

    problems = list(validate_tasks(path))
    if problems:
        raise ConfigError(problems)
    from mssbench_embodied.cli.output import print_warning
    from mssbench_embodied.render.checks import picture_warnings

    for line in picture_warnings(path):  # the scenarios run; their pictures may not show what the YAML says
        print_warning(line)
    n_files = (
        1 if path.is_file() else sum(1 for _ in path.rglob("*.yaml")) + sum(1 for _ in path.rglob("*.yml"))
    )
    print(f"ok: {path}: {n_files} YAML file(s), no problems")
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    """``mssbench-embodied render SCENARIO_ID [--variant] [--labels none|objects|full] -o FILE.png``. Exit 0 or 2."""
    from PIL import Image

    from mssbench_embodied.render import get_renderer

    suite = _load_suite(args.suite)
    try:
        suite.scenario(args.scenario)
    except KeyError:
        raise ConfigError(
            f"SCENARIO_ID {args.scenario!r}: no such household scenario; `mssbench-embodied list` shows the ids"
        ) from None
    out = Path(args.output)
    if not out.parent.is_dir():
        raise ConfigError(f"-o {out}: folder {out.parent} does not exist")
    world = suite.world_for(args.scenario, args.variant)
    if args.renderer == "thor":
        from mssbench_embodied.cli.run_cmd import use_thor_executable

        use_thor_executable(args)
        try:
            renderer = get_renderer("thor", fallback=None)
        except ValueError as exc:
            raise ConfigError(f"--renderer thor: {' '.join(str(exc).split())}") from None
        try:
            image = renderer.render_scenario(suite.scenario(args.scenario), args.variant, world)
        except (ValueError, RuntimeError) as exc:
            raise ConfigError(f"--renderer thor: {' '.join(str(exc).split())}") from None
        finally:
            renderer.close()
    else:
        image = get_renderer("sketch", labels=args.labels).render(world)
    try:
        Image.fromarray(image).save(out, format="PNG")
    except OSError as exc:
        raise ConfigError(f"-o {out}: cannot write it ({exc})") from None
    labels = f", labels {args.labels}" if args.renderer != "thor" else ""
    print(f"wrote {out} ({args.scenario}, {args.variant}{labels}, {image.shape[1]}x{image.shape[0]})")
    return 0
