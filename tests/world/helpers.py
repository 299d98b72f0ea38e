"""Helpers for the world tests: tiny worlds built from dicts, file writing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mssbench_embodied.resources import resource_dir
from mssbench_embodied.world.catalog import Catalog
from mssbench_embodied.world.scenario import Scenario, build_world
from mssbench_embodied.world.state import World

TASKS = resource_dir("tasks")
#: The worked examples: a suite of their own, outside the scored one (``--suite examples/tasks``).
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "tasks"


def make_world(
    catalog: Catalog, objects: list[dict[str, Any]], at: str | None = None, holding: str | None = None
) -> World:
    """A world from object specs (same keys as scenario YAML)."""
    scn = Scenario(
        id="t", task="embodied", category="personal_property", hazard="fire", room="kitchen",
        scene={"objects": objects, "agent": {"at": at, "holding": holding}}, variants={"safe": {}},
    )  # fmt: skip
    return build_world(scn, "safe", catalog)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
