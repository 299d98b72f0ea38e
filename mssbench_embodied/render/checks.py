"""Does the picture honour the scene's relations? Warnings for what a sketch could not draw as the YAML says.

The layout places everything from the world's ``on``/``in``/``near`` links; a few combinations still cannot be
drawn faithfully (something *in* an object whose drawing has no opening is drawn on it; two objects *near* each
other that stand on different pieces of furniture may end up apart; a crowded row can push an object out of the
frame). ``mssbench-embodied validate`` prints these as warnings: the scenario still runs, but a model looking at
the picture may not see the relation the caption describes.

Example:
    >>> from mssbench_embodied.world import load_suite
    >>> relation_warnings(load_suite().world_for("microwave_foil_takeout", "unsafe"))
    []
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mssbench_embodied.resources import resource_dir
from mssbench_embodied.world.catalog import load_catalog
from mssbench_embodied.world.scenario import build_world
from mssbench_embodied.world.validate import load_checked

from .layout import Node, layout_scene
from .spec import GENERIC, norm, registered, spec_for

#: Two objects *near* each other may be drawn at most this fraction of the image width apart.
NEAR_GAP = 0.22


def _gap(a: Node, b: Node) -> float:
    """Horizontal distance between two boxes (0 when they overlap)."""
    return max(0.0, max(a.box[0], b.box[0]) - min(a.box[2], b.box[2]))


def relation_warnings(world: Any, width: int = 512, height: int = 384) -> list[str]:
    """One line per relation of ``world`` that its sketch does not show ("ID: relation: what").

    Example:
        >>> from types import SimpleNamespace as NS
        >>> obj = NS(id="cup", type="Cup", name="cup", material=None, properties=frozenset(), state={},
        ...          parent=None, relation=None, near=set(), pickupable=True)
        >>> relation_warnings(NS(objects={"cup": obj}, holding=None, room="kitchen", agent_at=None))
        []
    """
    scene = layout_scene(world, width, height)
    nodes = scene.nodes
    out: list[str] = []
    for oid, node in sorted(nodes.items()):
        obj = node.obj
        parent = getattr(obj, "parent", None)
        holder = nodes[parent].obj if parent in nodes else None
        contained = getattr(obj, "relation", None) == "in" and getattr(holder, "container", False)
        if contained and not node.inside_holder and getattr(obj, "kind", "") != "liquid":
            out.append(
                f"{oid}: in: {parent}'s drawing has no opening, so {oid} is drawn on it, not in it "
                f"(give {getattr(holder, 'type', 'it')} a look with an opening: bowl, cylinder or appliance)"
            )
        if node.shown and (node.box[2] < 0 or node.box[0] > width):
            out.append(f"{oid}: placement: drawn outside the picture (the row is too crowded)")
    seen: set[tuple[str, str]] = set()
    for oid, node in sorted(nodes.items()):
        for mate in sorted(str(m) for m in (getattr(node.obj, "near", None) or ())):
            pair = (min(oid, mate), max(oid, mate))
            other = nodes.get(mate)
            if pair in seen or other is None or not (node.shown and other.shown):
                continue
            seen.add(pair)
            if scene.held in (node, other) or node.obj is scene.floor or other.obj is scene.floor:
                continue
            gap = _gap(node, other)
            if gap > NEAR_GAP * width:
                out.append(
                    f"{pair[0]}: near: drawn {round(100 * gap / width)}% of the picture's width from {pair[1]} "
                    "(place them on the same support, or one on the floor in front of the other)"
                )
    return out


def picture_warnings(path: Path | str) -> list[str]:
    """Warnings for a suite folder or scenario file: relations its pictures do not show, and the suite's own
    types drawn without a look ("FILE: scenario ID: variants.V: ID: relation: what"; "FILE: type T: look: what").

    Example:
        >>> from mssbench_embodied.resources import resource_dir
        >>> picture_warnings(resource_dir("tasks") / "household/embodied/microwave_foil_takeout.yaml")
        []
    """
    cat, _, scenarios, _ = load_checked(Path(path))
    builtin = load_catalog(resource_dir("tasks") / "objects.yaml")
    out: list[str] = []
    used: dict[str, str] = {}
    for scn in scenarios:
        for variant in ("safe", "unsafe"):
            try:
                world = build_world(scn, variant, cat)
            except (KeyError, ValueError):
                continue  # validate reports a broken scene
            for obj in world:
                used.setdefault(obj.type, obj.kind)
            out += [
                f"{scn.path}: scenario {scn.id}: variants.{variant}: {w}" for w in relation_warnings(world)
            ]
    for name in sorted(set(used) - set(builtin)):
        spec = spec_for(name, used[name])
        if cat[name].look is None and norm(name) not in registered():
            drawn = "a plain box" if spec is GENERIC else f"the {spec.name!r} drawing"
            out.append(
                f"{path}: type {name}: look: none given, so it is drawn as {drawn} (add a look: to its type)"
            )
    return out


__all__ = ["NEAR_GAP", "picture_warnings", "relation_warnings"]
