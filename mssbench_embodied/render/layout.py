"""Where things go on screen: a tree of placed boxes built from the world's support/containment relations.

Large objects standing on the floor (furniture, appliances, fixtures) form a row along the back wall; what stands
*on* something sits on its top surface; what is *in* an open container sticks out of it, and what is in a box-like
appliance (microwave, oven, fridge) fits inside its cavity, visible when open or through a window. Small items on
the floor go in the foreground in front of what they are near; wall fixtures (outlets, windows) hang on the wall
next to what they are near. The held object is left out here and drawn in the gripper.

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

from dataclasses import dataclass, field
from typing import Any

from .palette import seed_of
from .spec import ObjView, SpriteSpec, root_variant, spec_for

GAP_CM = 8.0
#: Portable items are drawn this much larger than life so that small cues stay readable.
ITEM_SCALE = 1.35
FLOOR_SPECS = frozenset({"floor"})
WALL_SPECS = frozenset({"wall"})
#: Specs a faucet near them attaches to (drawn over the basin so its water falls in).
BASINS = frozenset({"sink", "bathtub", "_sinkpedestal"})


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
    )


def _hashable(value: Any) -> Any:
    if isinstance(value, (list, tuple, set, frozenset)):
        return tuple(sorted(map(str, value)))
    if isinstance(value, dict):
        return tuple(sorted((str(k), str(v)) for k, v in value.items()))
    return value


def _near(obj: Any) -> list[str]:
    return sorted(str(x) for x in (getattr(obj, "near", None) or ()))


def _place_kind(node: Node) -> str:
    if node.spec.place != "auto":
        return node.spec.place
    pickup = getattr(node.obj, "pickupable", None)
    if pickup is None:
        return "floor" if node.spec.size[1] < 50 else "row"
    return "floor" if pickup else "row"


def _order(nodes: list[Node], related: dict[str, set[str]]) -> list[Node]:
    """Keep the world's order, but pull objects that are near each other next to each other."""
    left = list(nodes)
    out: list[Node] = []
    while left:
        cur = left.pop(0)
        out.append(cur)
        while True:
            mates = related.get(str(cur.obj.id), set())
            nxt = next((n for n in left if str(n.obj.id) in mates), None)
            if nxt is None:
                break
            left.remove(nxt)
            out.append(nxt)
            cur = nxt
    return out


def _subtree_ids(node: Node) -> set[str]:
    ids = {str(node.obj.id)}
    for child in (*node.on, *node.inside):
        ids |= _subtree_ids(child)
    return ids


def _measure(node: Node) -> float:
    """Set ``w``/``h`` (cm) bottom-up; return the stack height above the support line (cm)."""
    node.w, node.h = node.spec.upright if ("upright" in node.flags and node.spec.upright) else node.spec.size
    if getattr(node.obj, "pickupable", False) and _place_kind(node) != "row":
        node.w, node.h = node.w * ITEM_SCALE, node.h * ITEM_SCALE
    child_stacks = [_measure(c) for c in node.on]
    inner = [(c, _measure(c)) for c in node.inside]
    if node.spec.stretch and node.on:
        span = node.spec.surface[2] - node.spec.surface[1]
        need = sum(c.w for c in node.on) + GAP_CM * (len(node.on) + 1)
        node.w = max(node.w, need / max(span, 0.1))
    top = node.h * (1 - node.spec.hang)
    surface = top - node.spec.surface[0] * node.h
    tops = [top, *(surface + s for s in child_stacks)]
    opening = node.spec.opening
    if opening is not None and node.spec.mode in ("open", "basin"):
        for child, stack in inner:  # what sticks out of an open container
            sink = opening[3] * node.h if node.spec.mode == "basin" else min(opening[3] * node.h, opening[1] * node.h + 0.55 * child.h)
            tops.append(top - sink + stack)
    return max(tops)


def _spread(children: list[Node], x0: float, x1: float, s: float) -> list[tuple[Node, float, float]]:
    """Centre ``children`` in equal slots of ``[x0, x1]``; shrink them if they do not fit. Returns (node, cx, k)."""
    if not children:
        return []
    total = sum(c.w * s for c in children)
    gap = GAP_CM * s * 0.5
    room = x1 - x0
    k = min(1.0, (room - gap * (len(children) - 1)) / total) if total > 0 else 1.0
    k = max(k, 0.2)
    widths = [c.w * s * k for c in children]
    used = sum(widths) + gap * (len(children) - 1)
    if used < room and len(children) > 1:
        gap = (room - sum(widths)) / (len(children) + 1)
        x = x0 + gap
    else:
        x = x0 + (room - used) / 2
    out = []
    for c, w in zip(children, widths, strict=True):
        out.append((c, x + w / 2, k))
        x += w + gap
    return out


def _place(node: Node, cx: float, base: float, s: float, depth: int, nodes: dict[str, Node]) -> None:
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
            _place(child, x0 + fx * w, y0 + sy * h, s * k, depth + 1, nodes)
    else:
        for child, ccx, k in _spread(node.on, x0 + sx0 * w, x0 + sx1 * w, s):
            _place(child, ccx, y0 + sy * h, s * k, depth + 1, nodes)
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
        placed = _spread(node.inside, ox0, ox1, s * k_h)
        for child, ccx, k in placed:
            _place(child, ccx, oy1 - (oy1 - oy0) * 0.04, s * k_h * k, depth + 1, nodes)
    else:
        for child, ccx, k in _spread(node.inside, ox0, ox1, s):
            ch = child.h * s * k
            rest = oy1 if mode in ("flat", "basin") else min(oy1, oy0 + 0.55 * ch)
            _place(child, ccx, rest, s * k, depth + 1, nodes)
    if not visible:
        for child in node.inside:
            _hide(child)


def _hide(node: Node) -> None:
    node.shown = False
    for child in (*node.on, *node.inside):
        _hide(child)


def _finish_views(node: Node) -> None:
    node.view = make_view(node)
    for child in (*node.on, *node.inside):
        _finish_views(child)


def layout_scene(world: Any, width: int, height: int) -> Scene:
    """Build and place the node tree of ``world`` for a ``width`` x ``height`` view.

    Example:
        >>> from types import SimpleNamespace as NS
        >>> world = NS(objects={}, holding=None, room="garden", agent_at=None)
        >>> layout_scene(world, 512, 384).row
        []
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
    floor = objects[main] if main is not None else None
    held_id = str(world.holding) if getattr(world, "holding", None) is not None else None
    walls = {oid for oid, n in nodes.items() if n.spec.name in WALL_SPECS}
    # the main floor is the backdrop; other floors (a rug) are drawn lying on it, their contents on them
    ground = {oid for oid in floors if oid == main or nodes[oid].spec.name in FLOOR_SPECS} | walls
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
        if node.spec.name == "faucet":
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
        if oid in ground:
            continue
        link = parent_of[oid]
        if oid == held_id:
            continue
        if link is None or link[0] in ground:
            roots.append(node)
            continue
        parent = nodes[link[0]]
        node.holder = parent
        if link[1] == "in" and parent.spec.opening is not None:
            parent.inside.append(node)
            node.inside_holder = True
            if parent.spec.mode == "open" and node.spec.upright:
                node.flags.add("upright")
        else:
            parent.on.append(node)
    for node in nodes.values():
        node.flags.update(f"child:{c.spec.name}" for c in (*node.on, *node.inside))
    held = nodes.get(held_id) if held_id is not None else None
    if held is not None:
        held.flags.add("held")

    kinds = {id(n): _place_kind(n) for n in roots}
    row = _order([n for n in roots if kinds[id(n)] == "row"], related)
    wall = [n for n in roots if kinds[id(n)] == "wall"]
    low = [n for n in roots if kinds[id(n)] == "floor"]
    for n in row:
        n.flags.add("root")
        n.spec = root_variant(n.spec)
    stacks = [_measure(n) for n in row]
    for n in (*wall, *low):
        _measure(n)
    if held is not None:
        _measure(held)

    horizon, base_y = height * 0.58, height * 0.655
    margin = width * 0.03
    total_w = sum(n.w for n in row) + GAP_CM * max(0, len(row) - 1)
    cap = 2.5 * width / 512
    s = cap
    if row:
        s = min(
            cap, (width - 2 * margin) / max(total_w, 1.0), (base_y - height * 0.07) / max(max(stacks), 1.0)
        )
    placed: dict[str, Node] = {}
    x = (width - total_w * s) / 2
    for n in row:
        _place(n, x + n.w * s / 2, base_y, s, 0, placed)
        x += (n.w + GAP_CM) * s

    _place_wall(wall, related, placed, width, horizon, s)
    _place_floor(low, related, placed, width, height, s, held is not None)
    if held is not None:
        hs = min(
            1.6 * height / max(held.h, 1.0) * 0.17, 1.3 * width / max(held.w, 1.0) * 0.25, 4.0 * width / 512
        )
        _place(held, width / 2, height * 0.93, hs, 0, placed)
    for n in (*row, *wall, *low, *([held] if held else [])):
        _finish_views(n)
    return Scene(row, low, wall, floor, held, placed, base_y, horizon, s)


def _anchor_x(node: Node, related: dict[str, set[str]], placed: dict[str, Node]) -> float | None:
    for mate in sorted(related.get(str(node.obj.id), ())):
        if mate in placed and placed[mate].shown:
            box = placed[mate].box
            return (box[0] + box[2]) / 2
    return None


def _place_wall(
    wall: list[Node],
    related: dict[str, set[str]],
    placed: dict[str, Node],
    width: int,
    horizon: float,
    s: float,
) -> None:
    free_x = width * 0.85
    for node in wall:
        mate = next((placed[m] for m in sorted(related.get(str(node.obj.id), ())) if m in placed), None)
        w = node.w * s
        if mate is not None:
            cx = mate.box[2] + w * 0.8
            if cx + w / 2 > width:
                cx = mate.box[0] - w * 0.8
            base = mate.box[3] - (mate.box[3] - mate.box[1]) * 0.3 if mate.depth > 0 else horizon * 0.92
        else:
            cx, base = free_x, horizon * (0.5 if node.h * s < horizon * 0.4 else 0.8)
            free_x -= w + GAP_CM * s
        _place(node, cx, base, s, 0, placed)


def _place_floor(
    low: list[Node],
    related: dict[str, set[str]],
    placed: dict[str, Node],
    width: int,
    height: int,
    s: float,
    holding: bool,
) -> None:
    fs = s * 1.25
    base = height * 0.86
    want: list[tuple[float, Node]] = []
    free = [width * f for f in (0.15, 0.85, 0.3, 0.7, 0.05, 0.95)]
    for i, node in enumerate(low):
        x = _anchor_x(node, related, placed)
        want.append((x if x is not None else free[i % len(free)], node))
    want.sort(key=lambda t: t[0])
    xs: list[float] = []
    for cx, node in want:
        w = node.w * fs
        if holding and abs(cx - width / 2) < width * 0.17:
            cx = width / 2 + (width * 0.17 + w / 2) * (1 if cx >= width / 2 else -1)
        lo = xs[-1] if xs else 0.0
        cx = max(cx, lo + w / 2 + 4)
        xs.append(cx + w / 2)
        _place(node, cx, base, fs, 0, placed)
    overflow = (xs[-1] - width) if xs else 0.0
    if overflow > 0:
        for node in low:
            _shift(node, -overflow - 4)


def _shift(node: Node, dx: float) -> None:
    x0, y0, x1, y1 = node.box
    node.box = (x0 + dx, y0, x1 + dx, y1)
    for child in (*node.on, *node.inside):
        _shift(child, dx)
