"""Placed nodes: the geometry shared by the layout (sizes in scene centimetres, boxes in pixels).

A :class:`Node` wraps one world object with its sprite spec; :func:`measure` sizes a subtree bottom-up and
:func:`place` puts it on screen top-down: objects *on* a support stand on its surface line, objects *in* an open
container stick out of its opening, objects in a cavity (microwave, fridge) are shrunk to fit inside it and hidden
while it is closed (unless it has a window).

Example:
    >>> from types import SimpleNamespace as NS
    >>> from mssbench_embodied.render.spec import spec_for
    >>> node = Node(NS(id="b", type="Box", pickupable=False), spec_for("Box"))
    >>> measure(node) > 0
    True
    >>> place(node, 100.0, 200.0, 2.0, 0, {})
    >>> node.box[3]
    200.0
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .palette import colour_in_name, seed_of
from .spec import ObjView, SpriteSpec

GAP_CM = 8.0
#: Portable items are drawn this much larger than life so that small cues stay readable.
ITEM_SCALE = 1.35
#: Contents of open containers and of small supports shrink at most to this factor; beyond that they overlap.
MIN_SHRINK = 0.7


@dataclass
class Node:
    """One object placed on screen.

    Attributes:
        obj: The world object.
        spec: Its sprite spec.
        on: Objects standing on it.
        inside: Objects in it.
        w: Width in scene centimetres (after stretching to hold what stands on it).
        h: Height in scene centimetres.
        box: ``(x0, y0, x1, y1)`` in pixels once placed.
        shown: Drawn (False when hidden in a closed container).
        view: The cache key of its look (set when placed).
        depth: Nesting depth below its root.
        flags: Layout facts passed to the sprite (see :class:`~mssbench_embodied.render.spec.ObjView`).
        holder: The node it stands on or lies in, if any.
        inside_holder: It is *in* ``holder`` (not on it).
        front: Drawn after the back row (a wall fixture that could not avoid the furniture).
    """

    obj: Any
    spec: SpriteSpec
    on: list[Node] = field(default_factory=list)
    inside: list[Node] = field(default_factory=list)
    w: float = 0.0
    h: float = 0.0
    box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    shown: bool = True
    view: ObjView | None = None
    depth: int = 0
    flags: set[str] = field(default_factory=set)
    holder: Node | None = None
    inside_holder: bool = False
    front: bool = False


@dataclass
class Scene:
    """The placed scene.

    Attributes:
        row: Objects standing along the back wall, left to right.
        floor_items: Objects lying in the foreground.
        wall: Objects hung on the wall.
        floor: The floor object (material, wet state), if the world has one.
        held: The held object's node (placed at the bottom of the view), if any.
        nodes: Every node by object id.
        base_y: Pixel row where the back-row objects stand.
        horizon: Pixel row where the wall meets the floor.
        scale: Pixels per scene centimetre of the back row.
    """

    row: list[Node]
    floor_items: list[Node]
    wall: list[Node]
    floor: Any
    held: Node | None
    nodes: dict[str, Node]
    base_y: float
    horizon: float
    scale: float


def make_view(node: Node) -> ObjView:
    """The :class:`ObjView` of a node (its look's cache key)."""
    obj = node.obj
    state = getattr(obj, "state", None) or {}
    items = tuple(sorted((str(k), _hashable(v)) for k, v in state.items()))
    props = frozenset(getattr(obj, "properties", None) or ())
    return ObjView(
        type=str(obj.type),
        material=getattr(obj, "material", None),
        state=items,
        props=props,
        tint=seed_of(str(obj.id)) % 6,
        flags=frozenset(node.flags),
        colour=colour_in_name(str(getattr(obj, "name", "") or "")),
    )


def _hashable(value: Any) -> Any:
    if isinstance(value, (list, tuple, set, frozenset)):
        return tuple(sorted(map(str, value)))
    if isinstance(value, dict):
        return tuple(sorted((str(k), str(v)) for k, v in value.items()))
    return value


def place_kind(node: Node) -> str:
    """Where a root object goes: ``"row"`` (back wall), ``"floor"`` (foreground) or ``"wall"``."""
    if node.spec.place != "auto":
        return node.spec.place
    pickup = getattr(node.obj, "pickupable", None)
    if pickup is None:
        return "floor" if node.spec.size[1] < 50 else "row"
    return "floor" if pickup else "row"


def measure(node: Node) -> float:
    """Set ``w``/``h`` (cm) of a subtree bottom-up; return its stack height above its support line (cm)."""
    node.w, node.h = node.spec.upright if ("upright" in node.flags and node.spec.upright) else node.spec.size
    if getattr(node.obj, "pickupable", False) and place_kind(node) != "row":
        node.w, node.h = node.w * ITEM_SCALE, node.h * ITEM_SCALE
    child_stacks = [measure(c) for c in node.on]
    inner = [(c, measure(c)) for c in node.inside]
    if node.spec.stretch and node.on:
        span = node.spec.surface[2] - node.spec.surface[1]
        need = sum(c.w for c in node.on) + GAP_CM * (len(node.on) + 1)
        node.w = max(node.w, need / max(span, 0.1))
    top = node.h * (1 - node.spec.hang)
    surface = top - node.spec.surface[0] * node.h
    tops = [top, *(surface + s for s in child_stacks)]
    state = getattr(node.obj, "state", None) or {}
    if state.get("lit") is True or state.get("burning") is True:  # leave room for the flames
        tops.append(top + 0.6 * node.h)
    opening = node.spec.opening
    if opening is not None and node.spec.mode in ("open", "basin"):
        for child, stack in inner:  # what sticks out of an open container
            sink = (
                opening[3] * node.h
                if node.spec.mode == "basin"
                else min(opening[3] * node.h, opening[1] * node.h + 0.55 * child.h)
            )
            tops.append(top - sink + stack)
    return max(tops)


def spread(
    children: list[Node], x0: float, x1: float, s: float, min_k: float = 0.2
) -> list[tuple[Node, float, float]]:
    """Centre ``children`` in equal slots of ``[x0, x1]``, shrinking them to fit but not below ``min_k``
    (beyond that they overlap). Returns ``(node, centre x, shrink factor)`` triples."""
    if not children:
        return []
    total = sum(c.w * s for c in children)
    gap = GAP_CM * s * 0.5
    room = x1 - x0
    k = min(1.0, (room - gap * (len(children) - 1)) / total) if total > 0 else 1.0
    k = max(k, min_k)
    widths = [c.w * s * k for c in children]
    used = sum(widths) + gap * (len(children) - 1)
    if used > room:  # overlap: centres evenly spaced
        step = room / len(children)
        return [(c, x0 + step * (i + 0.5), k) for i, c in enumerate(children)]
    if len(children) > 1:
        gap = (room - sum(widths)) / (len(children) + 1)
        x = x0 + gap
    else:
        x = x0 + (room - used) / 2
    out = []
    for c, w in zip(children, widths, strict=True):
        out.append((c, x + w / 2, k))
        x += w + gap
    return out


def place(node: Node, cx: float, base: float, s: float, depth: int, nodes: dict[str, Node]) -> None:
    """Place ``node`` centred at ``cx`` standing on pixel row ``base`` with ``s`` pixels per cm, then its children."""
    w, h = node.w * s, node.h * s
    bottom = base + node.spec.hang * h
    node.box = (cx - w / 2, bottom - h, cx + w / 2, bottom)
    node.depth = depth
    nodes[str(node.obj.id)] = node
    x0, y0 = node.box[0], node.box[1]
    sy, sx0, sx1 = node.spec.surface
    slots = node.spec.slots
    if node.on and len(node.on) <= len(slots):
        for child, fx in zip(node.on, slots, strict=False):
            k = min(1.0, w * (sx1 - sx0) / len(node.on) / max(child.w * s, 1e-6))
            place(child, x0 + fx * w, y0 + sy * h, s * k, depth + 1, nodes)
    else:
        min_k = 0.2 if node.spec.stretch else MIN_SHRINK
        for child, ccx, k in spread(node.on, x0 + sx0 * w, x0 + sx1 * w, s, min_k):
            place(child, ccx, y0 + sy * h, s * k, depth + 1, nodes)
    if not node.inside:
        return
    opening = node.spec.opening or (0.1, 0.1, 0.9, 0.9)
    ox0, oy0, ox1, oy1 = (x0 + opening[0] * w, y0 + opening[1] * h, x0 + opening[2] * w, y0 + opening[3] * h)
    mode = node.spec.mode
    view_open = bool((getattr(node.obj, "state", None) or {}).get("open"))
    see_through = node.spec.window or getattr(node.obj, "material", None) == "glass"
    closed = not view_open and (mode == "cavity" or node.spec.lid)
    visible = node.spec.opening is not None and (not closed or see_through)
    if mode == "cavity":
        tallest = max(c.h for c in node.inside) * s
        k_h = min(1.0, 0.92 * (oy1 - oy0) / tallest) if tallest else 1.0
        placed = spread(node.inside, ox0, ox1, s * k_h)
        for child, ccx, k in placed:
            place(child, ccx, oy1 - (oy1 - oy0) * 0.04, s * k_h * k, depth + 1, nodes)
    else:
        for child, ccx, k in spread(node.inside, ox0, ox1, s, MIN_SHRINK):
            ch = child.h * s * k
            rest = oy1 if mode in ("flat", "basin") else min(oy1, oy0 + 0.55 * ch)
            place(child, ccx, rest, s * k, depth + 1, nodes)
    if not visible:
        for child in node.inside:
            hide(child)


def hide(node: Node) -> None:
    """Mark a subtree as not drawn (it is inside something closed)."""
    node.shown = False
    for child in (*node.on, *node.inside):
        hide(child)


def shift(node: Node, dx: float) -> None:
    """Move a placed subtree ``dx`` pixels sideways."""
    x0, y0, x1, y1 = node.box
    node.box = (x0 + dx, y0, x1 + dx, y1)
    for child in (*node.on, *node.inside):
        shift(child, dx)
