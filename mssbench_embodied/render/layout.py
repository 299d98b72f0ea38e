"""Where things go on screen: a tree of placed boxes built from the world's support/containment relations.

Large objects standing on the floor (furniture, appliances, fixtures) form a row along the back wall; what stands
*on* something sits on its top surface; what is *in* an open container sticks out of it, and what is in a box-like
appliance (microwave, oven, fridge) fits inside its cavity, visible when open or through a window. Small items on
the floor go in the foreground in front of what they are near; wall fixtures (outlets, windows) hang on the wall
where the furniture leaves room, next to what they are near. The held object is drawn in the gripper.

Example:
    >>> from types import SimpleNamespace as NS
    >>> obj = NS(id="box", type="Box", name="box", material=None, properties=frozenset(), state={},
    ...          parent=None, relation=None, near=set(), pickupable=False)
    >>> world = NS(objects={"box": obj}, holding=None, room="kitchen", agent_at=None)
    >>> scene = layout_scene(world, 512, 384)
    >>> [n.obj.id for n in scene.row]
    ['box']
"""

from __future__ import annotations

import math
from typing import Any

from .backdrop import BASE, HORIZON
from .nodes import GAP_CM, Node, Scene, make_view, measure, place, place_kind, shift
from .spec import root_variant, spec_for

FLOOR_SPECS = frozenset({"floor"})
#: Specs a faucet near them attaches to (drawn over the basin so its water falls in).
BASINS = frozenset({"sink", "bathtub", "sinkpedestal"})
#: The lowest the back row may stand (fraction of the height) when tall furniture needs a larger scale.
LOWEST_BASE = 0.72
#: The back-row scale (pixels per cm) is rounded down to a multiple of this, so that small layout changes
#: (an item picked up) keep most sprite sizes and hit the sprite cache.
SCALE_STEP = 0.05

__all__ = ["Node", "Scene", "build_tree", "layout_scene"]


def _near(obj: Any) -> list[str]:
    return sorted(str(x) for x in (getattr(obj, "near", None) or ()))


def _order(nodes: list[Node], related: dict[str, set[str]]) -> list[Node]:
    """Keep the world's order, but pull objects that are near each other next to each other (an object near
    something standing on a counter stands next to that counter)."""
    left = list(nodes)
    out: list[Node] = []
    ids = {id(n): {str(m.obj.id) for m in _subtree(n)} for n in nodes}
    while left:
        cur = left.pop(0)
        out.append(cur)
        while True:
            mates = set().union(*(related.get(i, set()) for i in ids[id(cur)]))
            if not mates:  # nothing near it: no scan of what is left (keeps large scenes linear)
                break
            nxt = next((n for n in left if ids[id(n)] & mates), None)
            if nxt is None:
                break
            left.remove(nxt)
            out.append(nxt)
            cur = nxt
    return out


def _row_gap(a: Node, b: Node, related: dict[str, set[str]]) -> float:
    """Gap (cm) between neighbours in the back row: objects near each other touch, others stand apart."""
    ids_a = {str(n.obj.id) for n in _subtree(a)}
    ids_b = {str(n.obj.id) for n in _subtree(b)}
    if any(related.get(i, set()) & ids_b for i in ids_a):
        return -0.06 * min(a.w, b.w)
    return GAP_CM * 2


def _finish_views(node: Node) -> None:
    node.view = make_view(node)
    for child in (*node.on, *node.inside):
        _finish_views(child)


def build_tree(world: Any) -> tuple[list[Node], Any, Node | None, dict[str, set[str]]]:
    """Nodes of ``world`` linked by support/containment.

    Returns:
        ``(roots, floor object or None, held node or None, symmetric near-relation by id)``.

    Example:
        >>> from types import SimpleNamespace as NS
        >>> roots, floor, held, related = build_tree(NS(objects={}, holding=None))
        >>> roots, floor, held
        ([], None, None)
    """
    objects: dict[str, Any] = {str(k): v for k, v in world.objects.items()}
    nodes = {
        oid: Node(obj, spec_for(str(obj.type), getattr(obj, "kind", None))) for oid, obj in objects.items()
    }
    floors = [oid for oid, n in nodes.items() if getattr(n.obj, "floor", False) or n.spec.name in FLOOR_SPECS]
    main = next(
        (oid for oid in floors if getattr(objects[oid], "parent", None) is None),
        floors[0] if floors else None,
    )
    held_id = str(world.holding) if getattr(world, "holding", None) is not None else None
    # the main floor is the backdrop; other floors (a rug) are drawn lying on it, their contents on them
    ground = {oid for oid in floors if oid == main or nodes[oid].spec.name in FLOOR_SPECS}
    related: dict[str, set[str]] = {oid: set(_near(obj)) for oid, obj in objects.items()}
    for oid, mates in list(related.items()):
        for m in mates:
            related.setdefault(m, set()).add(oid)

    parent_of: dict[str, tuple[str, str] | None] = {}
    for oid, obj in objects.items():
        parent = getattr(obj, "parent", None)
        rel = getattr(obj, "relation", None) or "on"
        parent_of[oid] = (str(parent), rel) if parent is not None and str(parent) in objects else None
    for oid, node in nodes.items():  # faucets attach to the basin they are near
        if node.spec.name == "faucet" and oid != held_id:
            basins = (m for m in sorted(related.get(oid, ())) if m in nodes and nodes[m].spec.name in BASINS)
            basin = next(basins, None)
            if basin is not None:
                parent_of[oid] = (basin, "on")
    for oid in objects:  # break cycles: anything whose ancestry loops becomes a root
        seen, cur = {oid}, parent_of[oid]
        while cur is not None:
            if cur[0] in seen:
                parent_of[oid] = None
                break
            seen.add(cur[0])
            cur = parent_of.get(cur[0])

    roots: list[Node] = []
    for oid, node in nodes.items():
        link = parent_of[oid]
        if oid in ground or oid == held_id:
            continue
        if link is None or link[0] in ground:
            roots.append(node)
            continue
        parent = nodes[link[0]]
        node.holder = parent
        if link[1] == "in" and parent.spec.opening is not None:
            parent.inside.append(node)
            node.inside_holder = True
            node.flags.add("contained")
            if parent.spec.mode == "open" and node.spec.upright:
                node.flags.add("upright")
        else:
            parent.on.append(node)
    for node in nodes.values():
        node.flags.update(f"child:{c.spec.name}" for c in (*node.on, *node.inside))
        node.on, node.inside = _order(node.on, related), _order(node.inside, related)
    held = nodes.get(held_id) if held_id is not None else None
    if held is not None:
        held.flags.add("held")
    return roots, objects[main] if main is not None else None, held, related


def layout_scene(world: Any, width: int, height: int) -> Scene:
    """Build and place the node tree of ``world`` for a ``width`` x ``height`` view.

    Example:
        >>> from types import SimpleNamespace as NS
        >>> world = NS(objects={}, holding=None, room="garden", agent_at=None)
        >>> layout_scene(world, 512, 384).row
        []
    """
    roots, floor, held, related = build_tree(world)
    kinds = {id(n): place_kind(n) for n in roots}
    row = _order([n for n in roots if kinds[id(n)] == "row"], related)
    _face_neighbours(row, related)
    wall = [n for n in roots if kinds[id(n)] == "wall"]
    low = [n for n in roots if kinds[id(n)] == "floor"]
    for n in row:
        n.flags.add("root")
        n.spec = root_variant(n.spec)
    stacks = [measure(n) for n in row]
    for n in (*wall, *low):
        measure(n)
    if held is not None:
        measure(held)

    horizon, base_y, top = height * HORIZON, height * BASE, height * 0.09
    margin = width * 0.03
    gaps = [_row_gap(a, b, related) for a, b in zip(row, row[1:], strict=False)]
    total_w = sum(n.w for n in row) + sum(gaps)
    s = cap = 2.5 * width / 512
    if row:
        tallest = max(max(stacks), 1.0)
        s = min(cap, (width - 2 * margin) / max(total_w, 1.0), (height * LOWEST_BASE - top) / tallest)
        s = max(0.2, math.floor(s / SCALE_STEP) * SCALE_STEP)  # similar scenes share cached sprite sizes
        base_y = min(max(base_y, top + tallest * s), height * LOWEST_BASE)
    placed: dict[str, Node] = {}
    x = (width - total_w * s) / 2
    for n, gap in zip(row, [*gaps, 0.0][: len(row)], strict=True):
        place(n, x + n.w * s / 2, base_y, s, 0, placed)
        x += (n.w + gap) * s

    _place_wall(wall, related, placed, row, width, horizon, s)
    _place_floor(low, related, placed, width, height, s, held is not None)
    if held is not None:
        hs = min(0.27 * height / max(held.h, 1.0), 0.33 * width / max(held.w, 1.0), 4.0 * width / 512)
        place(held, width / 2, height * 0.93, hs, 0, placed)
    for n in (*row, *wall, *low, *([held] if held else [])):
        _finish_views(n)
    return Scene(row, low, wall, floor, held, placed, base_y, horizon, s)


def _face_neighbours(row: list[Node], related: dict[str, set[str]]) -> None:
    """On each piece of furniture, move what is near the furniture to its left (right) to its left (right) end."""
    for i, root in enumerate(row):
        left = {str(n.obj.id) for n in _subtree(row[i - 1])} if i > 0 else set()
        right = {str(n.obj.id) for n in _subtree(row[i + 1])} if i + 1 < len(row) else set()

        def side(child: Node, left: set[str] = left, right: set[str] = right) -> int:
            mates = set().union(*(related.get(str(n.obj.id), set()) for n in _subtree(child)))
            return (
                -1 if mates & left and not mates & right else 1 if mates & right and not mates & left else 0
            )

        root.on.sort(key=side)  # stable: the rest keep their order


def _subtree(node: Node) -> list[Node]:
    out = [node]
    for child in (*node.on, *node.inside):
        out.extend(_subtree(child))
    return out


def _free_top(x0: float, x1: float, blockers: list[Node], floor_y: float) -> float:
    """The highest pixel row taken by ``blockers`` between ``x0`` and ``x1`` (``floor_y`` if none)."""
    top = floor_y
    for n in blockers:
        if n.shown and n.box[2] > x0 and n.box[0] < x1:
            top = min(top, n.box[1])
    return top


def _place_wall(
    wall: list[Node],
    related: dict[str, set[str]],
    placed: dict[str, Node],
    row: list[Node],
    width: int,
    horizon: float,
    s: float,
) -> None:
    """Hang wall fixtures next to what they are near, in wall space the furniture leaves free where possible."""
    blockers = [n for r in row for n in _subtree(r)]
    margin = horizon * 0.04
    on_wall = {str(n.obj.id) for w in wall for n in _subtree(w)}
    for node in sorted(wall, key=lambda n: bool(related.get(str(n.obj.id), set()) & on_wall)):
        k = min(1.0, 0.5 * horizon / max(node.h * s, 1.0), 0.4 * width / max(node.w * s, 1.0))
        ns = s * k
        w, h = node.w * ns, node.h * ns
        mate = next((placed[m] for m in sorted(related.get(str(node.obj.id), ())) if m in placed), None)
        if mate is not None and h < horizon * 0.25:  # a socket or switch: right beside its partner
            cx = mate.box[2] + w * 0.8 if mate.box[2] + w * 1.3 < width else mate.box[0] - w * 0.8
            base = mate.box[3] - (mate.box[3] - mate.box[1]) * 0.3 if mate.depth > 0 else horizon * 0.92
            place(node, cx, base, ns, 0, placed)
            node.front = True
            blockers.extend(_subtree(node))
            continue
        if mate is not None:
            candidates = [mate.box[2] + w * 0.55, mate.box[0] - w * 0.55, (mate.box[0] + mate.box[2]) / 2]
        else:
            candidates = [width * (0.1 + 0.8 * i / 8) for i in range(9)]
        candidates = [min(max(c, w / 2 + 2), width - w / 2 - 2) for c in candidates]
        best = max(
            candidates,
            key=lambda c: (_free_top(c - w / 2, c + w / 2, blockers, horizon), -candidates.index(c)),
        )
        free = _free_top(best - w / 2, best + w / 2, blockers, horizon) - 4
        room = free - margin
        if room >= h:
            base = free if mate is not None else margin + h + (room - h) * 0.5
        elif room >= h * 0.45:
            ns *= room / h
            base = free
        else:
            base, node.front = min(horizon * 0.9, margin + h), True
        place(node, best, base, ns, 0, placed)
        blockers.extend(_subtree(node))


def _anchor_x(node: Node, related: dict[str, set[str]], placed: dict[str, Node]) -> float | None:
    for mate in sorted(related.get(str(node.obj.id), ())):
        if mate in placed and placed[mate].shown:
            box = placed[mate].box
            return (box[0] + box[2]) / 2
    return None


def _place_floor(
    low: list[Node],
    related: dict[str, set[str]],
    placed: dict[str, Node],
    width: int,
    height: int,
    s: float,
    holding: bool,
) -> None:
    """Lay floor items in the foreground, each in front of what it is near, without overlapping each other."""
    fs = s * 1.25
    base = height * 0.86
    want: list[tuple[float, Node]] = []
    free = [width * f for f in (0.15, 0.85, 0.3, 0.7, 0.05, 0.95)]
    wanted: dict[str, float] = {}
    anchors = {str(n.obj.id): _anchor_x(n, related, placed) for n in low}
    for i, node in enumerate(sorted(low, key=lambda n: anchors[str(n.obj.id)] is None)):
        oid = str(node.obj.id)
        x = anchors[oid]
        if x is None:  # near another floor item: beside it
            x = next((wanted[m] + 1.0 for m in sorted(related.get(oid, ())) if m in wanted), None)
        wanted[oid] = x if x is not None else free[i % len(free)]
        want.append((wanted[oid], node))
    want.sort(key=lambda t: t[0])
    ends: list[float] = []
    for cx, node in want:
        w = node.w * fs
        if holding and abs(cx - width / 2) < width * 0.17:
            cx = width / 2 + (width * 0.17 + w / 2) * (1 if cx >= width / 2 else -1)
        lo = ends[-1] if ends else 0.0
        cx = max(cx, lo + w / 2 + 4, w / 2 + 2)
        ends.append(cx + w / 2)
        place(node, cx, base, fs, 0, placed)
    overflow = (ends[-1] - width) if ends else 0.0
    if overflow > 0:
        for node in low:
            shift(node, -overflow - 4)
