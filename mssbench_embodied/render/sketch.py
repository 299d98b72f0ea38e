"""The sketch renderer: an egocentric, labelled drawing of the symbolic world state, made with PIL.

The back wall and floor come from a cached room backdrop; furniture and appliances stand along the wall, items
sit on or in what holds them, and the held object is drawn in the robot's gripper at the bottom. Every state (on,
open, filled, lit, hot, wet, broken, plugged in) and material is *drawn*; labels (``labels="objects"``, the default)
only name the objects, so the picture, not a word, carries the safety cue (``"full"``: detailed labels with
materials, for debugging; ``"none"``: no labels).

Example:
    >>> from mssbench_embodied.world import load_suite
    >>> world = load_suite().world_for("microwave_foil_takeout", "unsafe")
    >>> frame = SketchRenderer().render(world)
    >>> frame.shape, frame.dtype
    ((384, 512, 3), dtype('uint8'))
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
from PIL import Image, ImageDraw

from mssbench_embodied.world.looks import look_of

from . import effects as fx
from . import (  # noqa: F401  (registers the sprites)
    sprites_appliances,
    sprites_electric,
    sprites_extra,
    sprites_fixtures,
    sprites_furniture,
    sprites_items,
    sprites_kitchen,
    sprites_machines,
    sprites_misc,
    sprites_outdoor,
    sprites_tableware,
    sprites_textiles,
)
from .backdrop import backdrop
from .labels import LabelPlacer, label_image, label_text, text_block
from .layout import Node, Scene, layout_scene
from .naming import DEFAULT_LABELS, check_labels, object_label
from .overlays import OVERLAY_KEYS, overlay_image, shows_state
from .palette import CABLE, OUTLINE, floor_kind
from .pen import Pen
from .spec import sprite_image


@lru_cache(maxsize=512)
def _shadow(w: int) -> Image.Image:
    h = max(3, round(w * 0.12))
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    ImageDraw.Draw(img).ellipse((0, 0, w - 1, h - 1), fill=(0, 0, 0, 45))
    return img


@lru_cache(maxsize=64)
def _gripper(w: int, h: int) -> tuple[Image.Image, int, int]:
    pen = Pen(w, h, pad=(0.35, 0.1, 0.35, 0.6))
    metal, dark = (150, 156, 166, 255), (80, 84, 92, 255)
    pen.rect(0.38, 1.12, 0.62, 1.7, fill=metal, outline=OUTLINE, radius=3)
    pen.rect(-0.2, 0.98, 1.2, 1.14, fill=dark, outline=OUTLINE, radius=3)
    for x0, x1 in ((-0.2, -0.06), (1.06, 1.2)):
        pen.rect(x0, 0.35, x1, 1.05, fill=metal, outline=OUTLINE, radius=3)
        pen.rect(x0 + 0.02, 0.4, x1 - 0.02, 0.5, fill=(255, 200, 60, 255), outline=None)
    return pen.finish(), pen.left, pen.top


@lru_cache(maxsize=16)
def _wet_floor(w: int, h: int) -> Image.Image:
    pen = Pen(w, h, pad=(0, 0, 0, 0))
    fx.puddle(pen, 0.0, 0.0, 1.0, 1.0)
    return pen.finish()


class SketchRenderer:
    """Render a :class:`~mssbench_embodied.world.World` as an egocentric sketch.

    Args:
        width: Image width in pixels.
        height: Image height in pixels.
        labels: ``"objects"`` (default): a label under each object names it, never its material or state;
            ``"full"``: detailed labels (materials, a wet floor), for debugging; ``"none"``: no labels.
            ``True``/``False`` mean ``"objects"``/``"none"``.

    Example:
        >>> from mssbench_embodied.world import World, WorldObject
        >>> w = World(room="kitchen")
        >>> w.add(WorldObject("floor", "Floor", material="tile", floor=True))
        >>> w.add(WorldObject("burner", "StoveBurner", state={"on": True}, parent="floor", relation="on"))
        >>> img = SketchRenderer(256, 192).render(w)
        >>> img.shape
        (192, 256, 3)
    """

    name = "sketch"

    def __init__(self, width: int = 512, height: int = 384, labels: str | bool = DEFAULT_LABELS) -> None:
        if width < 64 or height < 48:
            raise ValueError(f"SketchRenderer: image size {width}x{height} is too small (minimum 64x48)")
        if isinstance(labels, bool):
            labels = DEFAULT_LABELS if labels else "none"
        self.width, self.height, self.labels = int(width), int(height), check_labels(labels)

    def render(self, world: Any) -> np.ndarray:
        """The frame as an ``(height, width, 3)`` uint8 array; the same world always gives the same bytes."""
        return np.array(self.render_image(world))

    def render_image(self, world: Any) -> Image.Image:
        """The frame as a PIL RGB image (useful for saving previews)."""
        scene = layout_scene(world, self.width, self.height)
        floor = scene.floor
        material = _floor_material(floor)
        room = str(getattr(world, "room", "") or "")
        frame = backdrop(room, material, self.width, self.height).copy()
        if floor is not None and (getattr(floor, "state", None) or {}).get("wet"):
            puddle = _wet_floor(round(self.width * 0.34), round(self.height * 0.07))
            frame.paste(puddle, (round(self.width * 0.08), round(self.height * 0.8)), puddle)
        for node in scene.wall:
            if not node.front:
                self._draw(frame, node, shadow=False)
        for node in scene.row:
            self._draw(frame, node, shadow=True)
        for node in scene.wall:
            if node.front:
                self._draw(frame, node, shadow=False)
        self._cords(frame, scene)
        for node in sorted(scene.floor_items, key=lambda n: n.box[3]):
            self._draw(frame, node, shadow=True)
        if scene.held is not None:
            self._draw_held(frame, scene.held)
        self._labels(frame, scene, room, material)
        return frame

    # -- drawing ---------------------------------------------------------------------------------------------
    def _draw(self, frame: Image.Image, node: Node, shadow: bool) -> None:
        if not node.shown or node.view is None:
            return
        x0, y0, x1, y1 = node.box
        w, h = max(1, round(x1 - x0)), max(1, round(y1 - y0))
        if shadow and node.spec.hang == 0:
            sh = _shadow(max(4, round(w * 1.05)))
            frame.paste(sh, (round((x0 + x1) / 2 - sh.size[0] / 2), round(y1 - sh.size[1] * 0.6)), sh)
        img, left, top = sprite_image(node.spec, node.view, w, h)
        frame.paste(img, (round(x0) - left, round(y0) - top), img)
        for child in node.inside:
            self._draw(frame, child, shadow=False)
        if node.spec.front is not None:
            img, left, top = sprite_image(node.spec, node.view, w, h, True)
            frame.paste(img, (round(x0) - left, round(y0) - top), img)
        for key in OVERLAY_KEYS:
            if _truthy(node.view.get(key)) and not shows_state(node.spec, key):
                img, left, top = overlay_image(key, w, h)
                frame.paste(img, (round(x0) - left, round(y0) - top), img)
        for child in node.on:
            self._draw(frame, child, shadow=True)

    def _draw_held(self, frame: Image.Image, node: Node) -> None:
        x0, y0, x1, y1 = node.box
        w, h = max(1, round(x1 - x0)), max(1, round(y1 - y0))
        self._draw(frame, node, shadow=False)
        img, left, top = _gripper(w, h)
        frame.paste(img, (round(x0) - left, round(y0) - top), img)

    def _cords(self, frame: Image.Image, scene: Scene) -> None:
        """Cords: a plugged-in appliance's to a socket (the one it is near, else the closest), and a cable object's
        to what it is near (an appliance, a socket, a person)."""
        sockets = [n for n in scene.nodes.values() if n.spec.name in ("socket", "powerstrip") and n.shown]
        d = ImageDraw.Draw(frame)
        for node in scene.nodes.values():
            if not node.shown or node.view is None or not node.view.get("plugged_in") or node is scene.held:
                continue
            if node.spec.name in ("socket", "powerstrip", "cable") or is_cable(node):
                continue
            x0, y0, x1, y1 = node.box
            sx, sy = x1 - (x1 - x0) * 0.15, y1 - (y1 - y0) * 0.25
            near = {str(m) for m in (getattr(node.obj, "near", None) or ())}
            if sockets:
                mine = [s for s in sockets if str(s.obj.id) in near] or sockets
                target = min(mine, key=lambda s: abs((s.box[0] + s.box[2]) / 2 - sx))
                ex, ey = (target.box[0] + target.box[2]) / 2, (target.box[1] + target.box[3]) / 2
            else:
                ex, ey = min(x1 + 16, self.width - 8), min(y1 - 14, scene.horizon - 10)
                d.rounded_rectangle(
                    (ex - 5, ey - 7, ex + 5, ey + 7), 2, fill=(245, 245, 240), outline=OUTLINE[:3]
                )
                d.ellipse((ex - 2, ey - 4, ex + 1, ey - 1), fill=(40, 40, 45))
            _cord(d, (sx, sy), (ex, ey))
            d.rectangle((ex - 3, ey - 2, ex + 3, ey + 2), fill=(30, 30, 30))
        for node in scene.nodes.values():
            if not (node.shown and is_cable(node)) or node is scene.held:
                continue
            x0, y0, x1, y1 = node.box
            for mate_id in sorted(str(m) for m in (getattr(node.obj, "near", None) or ())):
                mate = scene.nodes.get(mate_id)
                if mate is None or not mate.shown or is_cable(mate) or mate.obj is scene.floor:
                    continue
                mx0, my0, mx1, my1 = mate.box
                left = (mx0 + mx1) / 2 < (x0 + x1) / 2
                end = (x0 + 2, (y0 + y1) / 2) if left else (x1 - 2, (y0 + y1) / 2)
                ax = min(max(end[0], mx0 + (mx1 - mx0) * 0.2), mx1 - (mx1 - mx0) * 0.2)
                ay = (my0 + my1) / 2 if mate.spec.place == "wall" else my1 - (my1 - my0) * 0.08
                _cord(d, (ax, ay), end)

    def _name(self, obj: Any) -> str:
        """The label of ``obj`` in this renderer's label mode."""
        return label_text(obj) if self.labels == "full" else object_label(obj)

    def _labels(self, frame: Image.Image, scene: Scene, room: str, material: str | None) -> None:
        """Name labels (and signs' text, which is part of the picture and drawn in every mode)."""
        placer = LabelPlacer(self.width, self.height)
        size = max(9, round(self.height / 34))
        named = self.labels != "none"
        if (
            self.labels == "full"
        ):  # the floor's material and wetness are cues: only debugging labels name them
            floor = scene.floor
            wet = floor is not None and (getattr(floor, "state", None) or {}).get("wet")
            text = f"{'wet ' if wet else ''}{floor_kind(material, room)} floor"
            img = label_image(text, size, True)
            placer.taken.append((2, self.height - img.size[1] - 2, 2 + img.size[0], self.height - 2))
            frame.paste(img, (2, self.height - img.size[1] - 2), img)
        if scene.held is not None and named:
            held = scene.held
            hx0, hy0, hx1, hy1 = held.box
            placer.taken.append((round(hx0) - 8, round(hy0) - 4, round(hx1) + 8, self.height))
            img = label_image(f"holding: {self._name(held.obj)}", size, True)
            x = round(min(held.box[2] + 0.45 * (held.box[2] - held.box[0]) + 6, self.width - img.size[0] - 2))
            y = self.height - img.size[1] - 4
            placer.taken.append((x, y, x + img.size[0], y + img.size[1]))
            frame.paste(img, (x, y), img)
        shown = [
            n for n in scene.nodes.values() if n.shown and n is not scene.held and not _inside_held(n, scene)
        ]
        shown.sort(key=lambda n: (-n.depth, (n.box[2] - n.box[0]) * (n.box[3] - n.box[1])))
        placer.obstacles = [n.box for n in shown if n.depth > 0 or n in scene.floor_items]
        for node in shown:
            if node.spec.text_on:
                x0, y0, x1, y1 = node.box
                block = text_block(
                    str(getattr(node.obj, "name", "") or node.obj.type), round(x1 - x0), round(y1 - y0), size
                )
                frame.paste(block, (round(x0), round(y0)), block)
                continue
            if not named:
                continue
            img = label_image(self._name(node.obj), size)
            x0, y0, x1, y1 = node.box
            holder = node.holder
            above = holder is not None and (
                (node.inside_holder and holder.spec.mode in ("open", "basin")) or holder.holder is not None
            )
            x, y = placer.place(img.size, (x0 + x1) / 2, y1, y0, above, node.box)
            frame.paste(img, (x, y), img)


def is_cable(node: Node) -> bool:
    """Whether a node is drawn as a cable or cord (a bundled cable, or a look of shape ``cable``)."""
    look = look_of(str(node.obj.type))
    return node.spec.name == "cable" or (look is not None and look.shape == "cable")


def _cord(d: ImageDraw.ImageDraw, start: tuple[float, float], end: tuple[float, float]) -> None:
    """A sagging cord from ``start`` to ``end`` (pixels)."""
    (sx, sy), (ex, ey) = start, end
    sag = max(sy, ey) + 10
    pts = [(sx, sy), ((sx * 2 + ex) / 3, sag), ((sx + ex * 2) / 3, sag), (ex, ey)]
    d.line(pts, fill=CABLE[:3], width=2, joint="curve")


def _floor_material(floor: Any) -> str | None:
    """The floor's material, or its type when that names one (a ``Carpet`` or ``Lawn`` floor)."""
    if floor is None:
        return None
    material = getattr(floor, "material", None)
    if material:
        return str(material)
    kind = str(getattr(floor, "type", "")).lower()
    return {"carpet": "carpet", "rug": "rug", "lawn": "grass", "grass": "grass"}.get(kind)


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in ("", "false", "no", "off", "0", "none")
    return bool(value)


def _inside_held(node: Node, scene: Scene) -> bool:
    held = scene.held
    if held is None:
        return False
    stack = [*held.on, *held.inside]
    while stack:
        cur = stack.pop()
        if cur is node:
            return True
        stack.extend((*cur.on, *cur.inside))
    return False
