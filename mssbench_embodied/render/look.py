"""Drawings made from data: a catalogue type's ``look:`` (shape, colours, parts, size, state effects) as a sprite.

Types with a bundled Python drawing keep it; :func:`look_spec` turns any other type's
:class:`~mssbench_embodied.world.looks.Look` into a :class:`~mssbench_embodied.render.spec.SpriteSpec`: the
shape's body in the look's colour (or the object's material), its parts, then what its states show (a running
machine's belt spins, a lit one flames, an open appliance's door swings open, a full one shows its liquid).

Example:
    >>> from mssbench_embodied.world.looks import Look
    >>> spec = look_spec("Treadmill", Look(shape="machine", colour=(90, 90, 95), parts=("belt", "screen")))
    >>> spec.name, spec.size, spec.place
    ('treadmill', (80, 60), 'row')
    >>> from mssbench_embodied.render.spec import ObjView, sprite_image
    >>> off = sprite_image(spec, ObjView("Treadmill"), 80, 60)[0]
    >>> on = sprite_image(spec, ObjView("Treadmill", state=(("on", True),)), 80, 60)[0]
    >>> off.tobytes() != on.tobytes()
    True
"""

from __future__ import annotations

from collections.abc import Callable

from mssbench_embodied.world.looks import RGB, Look

from . import effects as fx
from .palette import BRIGHT, GLOW_ORANGE, OUTLINE, RGBA, SCREEN_OFF, SCREEN_ON, liquid_colour, pick, shade
from .pen import Pen
from .spec import ObjView, SpriteSpec, norm

#: Per shape: default size (cm), place, and layout options of its :class:`SpriteSpec`.
SHAPE_SPECS: dict[str, tuple[tuple[float, float], str, dict[str, object]]] = {
    "box": ((30, 24), "auto", {}),
    "cylinder": ((22, 34), "auto", {"mode": "open", "opening": (0.1, 0.0, 0.9, 0.3)}),
    "bowl": ((24, 12), "auto", {"mode": "open", "opening": (0.08, 0.0, 0.92, 0.5)}),
    "bottle": ((9, 24), "auto", {}),
    "appliance": ((50, 45), "auto", {"mode": "cavity", "opening": (0.08, 0.14, 0.7, 0.88)}),
    "machine": ((80, 60), "row", {"surface": (0.78, 0.08, 0.7)}),
    "tool": ((28, 14), "auto", {}),
    "panel": ((40, 50), "wall", {}),
    "plant": ((30, 50), "auto", {}),
    "person": ((56, 150), "row", {}),
    "child": ((42, 100), "row", {}),
    "animal": ((40, 30), "row", {}),
    "cloth": ((40, 12), "auto", {}),
    "puddle": ((60, 9), "floor", {"mode": "flat", "surface": (0.55, 0.15, 0.85)}),
    "cable": ((38, 10), "floor", {}),
}
_DEFAULT_COLOUR: dict[str, RGB] = {
    "box": (205, 200, 190), "cylinder": (190, 195, 200), "bowl": (240, 240, 235), "bottle": (120, 180, 120),
    "appliance": (225, 225, 230), "machine": (80, 84, 92), "tool": (230, 180, 40), "panel": (200, 200, 205),
    "plant": (70, 150, 70), "animal": (180, 140, 100), "cloth": (190, 80, 80), "puddle": (90, 160, 235),
    "cable": (40, 40, 45),
}  # fmt: skip
_PAD = (0.35, 1.0, 0.35, 0.3)


def rgba(colour: RGB | None, default: RGBA, alpha: int = 255) -> RGBA:
    """An RGB triple (or ``default`` for ``None``) with an alpha channel."""
    return default if colour is None else (colour[0], colour[1], colour[2], alpha)


def look_spec(type_name: str, look: Look) -> SpriteSpec:
    """The sprite spec that draws ``look`` (its ``shape`` must be set; ``like`` is resolved by the caller)."""
    shape = look.shape or "box"
    size, place, options = SHAPE_SPECS[shape]
    window = "window" in look.parts

    def draw(pen: Pen, v: ObjView) -> None:
        draw_look(pen, v, look)

    return SpriteSpec(
        name=norm(type_name), draw=draw, size=look.size or size, pad=_PAD,
        place=look.place if look.place != "auto" else place, window=window,
        **options,  # type: ignore[arg-type]
    )  # fmt: skip


def draw_look(pen: Pen, v: ObjView, look: Look) -> None:
    """Draw ``look``'s shape, parts and state effects for the object ``v``."""
    shape = look.shape or "box"
    default = rgba(look.colour or _DEFAULT_COLOUR.get(shape), (205, 200, 190, 255))
    style = v.style(default)
    accent = rgba(look.accent, shade(style.fill, 0.6))
    opened = v.is_open and "open" in look.shows("open")
    SHAPES[shape](pen, v, style.fill, accent, look, opened)
    for part in look.parts:
        PARTS_DRAWN.get(part, _nothing)(pen, v, style.fill, accent, shape, opened)
    for key in ("filled", "wet", "broken", "hot", "on", "running", "lit", "open", "plugged_in"):
        value = v.filled if key == "filled" else v.get(key)
        if value:
            for effect in look.shows(key):
                _effect(pen, effect, shape, v, accent, value)


# -- shapes ------------------------------------------------------------------------------------------------------
ShapeFn = Callable[[Pen, ObjView, RGBA, RGBA, Look, bool], None]


def _box(pen: Pen, v: ObjView, fill: RGBA, accent: RGBA, look: Look, opened: bool) -> None:
    fx.body(pen, 0.0, 0.05, 1.0, 1.0, v.style(fill), radius=3)
    if opened:
        pen.polygon(
            [(0.0, 0.05), (1.0, 0.05), (0.9, -0.3), (0.1, -0.3)], fill=shade(fill, 0.85), outline=OUTLINE
        )


def _cylinder(pen: Pen, v: ObjView, fill: RGBA, accent: RGBA, look: Look, opened: bool) -> None:
    pen.rect(0.05, 0.1, 0.95, 0.95, fill=fill, outline=OUTLINE, radius=2)
    pen.ellipse(0.05, 0.88, 0.95, 1.0, fill=fill, outline=OUTLINE)
    pen.ellipse(0.05, 0.02, 0.95, 0.18, fill=shade(fill, 0.8) if opened or "lid" not in look.parts else fill,
                outline=OUTLINE)  # fmt: skip
    pen.rect(0.15, 0.22, 0.25, 0.85, fill=(255, 255, 255, 90), outline=None)


def _bowl(pen: Pen, v: ObjView, fill: RGBA, accent: RGBA, look: Look, opened: bool) -> None:
    pen.chord(0.0, -0.6, 1.0, 1.0, 0, 180, fill, OUTLINE)
    pen.ellipse(0.0, -0.05, 1.0, 0.25, fill=shade(fill, 0.8), outline=OUTLINE)


def _bottle(pen: Pen, v: ObjView, fill: RGBA, accent: RGBA, look: Look, opened: bool) -> None:
    pen.rect(0.0, 0.35, 1.0, 1.0, fill=fill, outline=OUTLINE, radius=3)
    pen.polygon([(0.0, 0.4), (0.3, 0.18), (0.7, 0.18), (1.0, 0.4)], fill=fill, outline=OUTLINE)
    pen.rect(0.3, 0.05, 0.7, 0.2, fill=fill, outline=OUTLINE)
    if not opened:
        pen.rect(0.25, -0.05, 0.75, 0.07, fill=accent, outline=OUTLINE, radius=1)


def _appliance(pen: Pen, v: ObjView, fill: RGBA, accent: RGBA, look: Look, opened: bool) -> None:
    fx.body(pen, 0.0, 0.0, 1.0, 1.0, v.style(fill), radius=4)
    pen.rect(0.76, 0.14, 0.94, 0.88, fill=shade(fill, 0.88), outline=OUTLINE, radius=2)
    if opened:  # the cavity shows, the door swings out to the left
        pen.rect(0.08, 0.14, 0.7, 0.88, fill=(60, 60, 68, 255), outline=OUTLINE, radius=2)
        pen.polygon(
            [(0.08, 0.14), (-0.25, 0.22), (-0.25, 0.98), (0.08, 0.88)], fill=shade(fill, 0.9), outline=OUTLINE
        )


def _machine(pen: Pen, v: ObjView, fill: RGBA, accent: RGBA, look: Look, opened: bool) -> None:
    pen.rect(0.0, 0.78, 1.0, 1.0, fill=fill, outline=OUTLINE, radius=4)
    pen.polygon([(0.72, 0.8), (0.82, 0.05), (0.9, 0.05), (0.84, 0.8)], fill=fill, outline=OUTLINE)
    pen.rect(0.7, 0.0, 1.0, 0.16, fill=shade(fill, 1.2), outline=OUTLINE, radius=3)


def _tool(pen: Pen, v: ObjView, fill: RGBA, accent: RGBA, look: Look, opened: bool) -> None:
    pen.rect(0.0, 0.25, 0.7, 0.75, fill=fill, outline=OUTLINE, radius=4)
    pen.rect(0.55, 0.35, 1.0, 0.65, fill=accent, outline=OUTLINE, radius=2)


def _panel(pen: Pen, v: ObjView, fill: RGBA, accent: RGBA, look: Look, opened: bool) -> None:
    fx.body(pen, 0.0, 0.0, 1.0, 1.0, v.style(fill), radius=2, shine=False)
    pen.rect(0.1, 0.1, 0.9, 0.9, fill=shade(fill, 0.92), outline=OUTLINE, radius=1)
    if opened:
        pen.polygon(
            [(0.0, 0.0), (-0.4, 0.1), (-0.4, 0.9), (0.0, 1.0)], fill=shade(fill, 0.8), outline=OUTLINE
        )


def _plant(pen: Pen, v: ObjView, fill: RGBA, accent: RGBA, look: Look, opened: bool) -> None:
    pot = rgba(look.accent, (190, 100, 60, 255))
    for cx, top in ((0.3, 0.1), (0.5, 0.0), (0.7, 0.12), (0.4, 0.25), (0.62, 0.28)):
        pen.ellipse(cx - 0.16, top, cx + 0.16, top + 0.35, fill=fill, outline=shade(fill, 0.6))
    pen.line([(0.5, 0.3), (0.5, 0.65)], shade(fill, 0.6), 2.0)
    pen.polygon([(0.2, 0.62), (0.8, 0.62), (0.72, 1.0), (0.28, 1.0)], fill=pot, outline=OUTLINE)


def _figure(pen: Pen, v: ObjView, fill: RGBA, accent: RGBA, look: Look, opened: bool) -> None:
    head = 0.3 if look.shape == "child" else 0.2
    shirt = rgba(look.colour, pick(v.tint, BRIGHT))
    skin = rgba(look.accent, (235, 195, 160, 255))
    pen.rect(0.28, 0.62, 0.46, 1.0, fill=(60, 70, 100, 255), outline=OUTLINE, radius=3)
    pen.rect(0.54, 0.62, 0.72, 1.0, fill=(60, 70, 100, 255), outline=OUTLINE, radius=3)
    pen.rect(0.18, head, 0.82, 0.66, fill=shirt, outline=OUTLINE, radius=6)
    pen.circle(0.12, 0.6, 0.07, fill=skin, outline=OUTLINE)
    pen.circle(0.88, 0.6, 0.07, fill=skin, outline=OUTLINE)
    r = head * 0.5 * pen.h / pen.w
    pen.ellipse(0.5 - r, 0.0, 0.5 + r, head, fill=skin, outline=OUTLINE)
    for dx in (-0.3, 0.3):
        pen.circle(0.5 + dx * r, head * 0.55, 0.025, fill=OUTLINE, outline=None)


def _animal(pen: Pen, v: ObjView, fill: RGBA, accent: RGBA, look: Look, opened: bool) -> None:
    pen.ellipse(0.1, 0.35, 0.8, 0.8, fill=fill, outline=OUTLINE)
    for x in (0.18, 0.32, 0.58, 0.7):
        pen.rect(x, 0.7, x + 0.08, 1.0, fill=fill, outline=OUTLINE, radius=2)
    pen.ellipse(0.62, 0.12, 1.0, 0.55, fill=fill, outline=OUTLINE)
    pen.circle(0.86, 0.3, 0.025, fill=OUTLINE, outline=None)


def _cloth(pen: Pen, v: ObjView, fill: RGBA, accent: RGBA, look: Look, opened: bool) -> None:
    pts = [(0.0, 0.5), (0.2, 0.15), (0.45, 0.3), (0.7, 0.05), (1.0, 0.35), (0.95, 1.0), (0.05, 1.0)]
    pen.polygon(pts, fill=fill, outline=OUTLINE)
    for x in (0.3, 0.6):
        pen.line([(x, 0.35), (x + 0.05, 0.95)], shade(fill, 0.7), 1.2)


def _puddle(pen: Pen, v: ObjView, fill: RGBA, accent: RGBA, look: Look, opened: bool) -> None:
    fx.puddle(pen, 0.0, 0.0, 1.0, 1.0, rgba(look.colour, liquid_colour(v.filled or "water"), 200))


def _cable(pen: Pen, v: ObjView, fill: RGBA, accent: RGBA, look: Look, opened: bool) -> None:
    pen.line([(0.0, 0.6), (0.25, 0.9), (0.5, 0.5), (0.75, 0.85), (0.9, 0.6)], OUTLINE, 3.2)
    pen.line([(0.0, 0.6), (0.25, 0.9), (0.5, 0.5), (0.75, 0.85), (0.9, 0.6)], fill, 2.0)
    pen.rect(0.88, 0.45, 1.0, 0.75, fill=accent, outline=OUTLINE, radius=1)


SHAPES: dict[str, ShapeFn] = {
    "box": _box, "cylinder": _cylinder, "bowl": _bowl, "bottle": _bottle, "appliance": _appliance,
    "machine": _machine, "tool": _tool, "panel": _panel, "plant": _plant, "person": _figure, "child": _figure,
    "animal": _animal, "cloth": _cloth, "puddle": _puddle, "cable": _cable,
}  # fmt: skip


# -- parts -------------------------------------------------------------------------------------------------------
PartFn = Callable[[Pen, ObjView, RGBA, RGBA, str, bool], None]


def _nothing(pen: Pen, v: ObjView, fill: RGBA, accent: RGBA, shape: str, opened: bool) -> None:
    return None


def _part_belt(pen: Pen, v: ObjView, fill: RGBA, accent: RGBA, shape: str, opened: bool) -> None:
    pen.rect(0.02, 0.74, 0.74, 0.84, fill=(35, 35, 40, 255), outline=OUTLINE, radius=3)
    for i in range(6):
        x = 0.08 + i * 0.11
        pen.line([(x, 0.76), (x + 0.04, 0.82)], (90, 90, 96, 255), 1.0)


def _part_screen(pen: Pen, v: ObjView, fill: RGBA, accent: RGBA, shape: str, opened: bool) -> None:
    y0, y1 = (0.02, 0.13) if shape == "machine" else (0.06, 0.2)
    x0, x1 = (0.74, 0.96) if shape == "machine" else (0.3, 0.7)
    pen.rect(x0, y0, x1, y1, fill=SCREEN_ON if v.active else SCREEN_OFF, outline=OUTLINE, radius=1)


def _part_door(pen: Pen, v: ObjView, fill: RGBA, accent: RGBA, shape: str, opened: bool) -> None:
    if not opened:
        pen.rect(0.06, 0.12, 0.72, 0.9, fill=shade(fill, 0.95), outline=OUTLINE, radius=3)
        pen.rect(0.62, 0.4, 0.67, 0.62, fill=accent, outline=OUTLINE, radius=1)


def _part_window(pen: Pen, v: ObjView, fill: RGBA, accent: RGBA, shape: str, opened: bool) -> None:
    if not opened:
        pen.rect(0.14, 0.22, 0.58, 0.78, fill=(40, 45, 55, 110), outline=OUTLINE, radius=2)


def _part_simple(kind: str) -> PartFn:
    def draw(pen: Pen, v: ObjView, fill: RGBA, accent: RGBA, shape: str, opened: bool) -> None:
        if kind == "handle":
            pen.rect(0.35, -0.12, 0.65, 0.02, fill=accent, outline=OUTLINE, radius=2)
        elif kind == "knobs":
            for x in (0.8, 0.88):
                pen.circle(x, 0.08, 0.035, fill=accent, outline=OUTLINE)
        elif kind == "vent":
            for i in range(4):
                pen.line([(0.15, 0.3 + i * 0.1), (0.45, 0.3 + i * 0.1)], shade(fill, 0.55), 1.2)
        elif kind == "lid" and not opened:
            pen.rect(-0.03, -0.04, 1.03, 0.1, fill=accent, outline=OUTLINE, radius=2)
        elif kind == "legs":
            for x in (0.08, 0.82):
                pen.rect(x, 0.92, x + 0.1, 1.12, fill=accent, outline=OUTLINE)
        elif kind == "wheels":
            for x in (0.18, 0.82):
                pen.circle(x, 0.96, 0.07, fill=(40, 40, 45, 255), outline=OUTLINE)
        elif kind == "rails":
            for y in (0.34, 0.4):  # handrails reaching back from the upright at waist height
                pen.line([(0.8, y), (0.5, y)], OUTLINE, 3.0)
                pen.line([(0.8, y), (0.5, y)], accent, 1.8)
        elif kind in ("blade", "drum"):
            cx, cy = (0.85, 0.5) if shape == "tool" else (0.4, 0.5)
            r = 0.14 if shape == "tool" else 0.2
            pen.circle(cx, cy, r, fill=(200, 204, 210, 255), outline=OUTLINE)
            pen.circle(cx, cy, r * 0.3, fill=accent, outline=OUTLINE)
        elif kind == "cord":
            pen.line([(0.98, 0.85), (1.15, 0.95), (1.3, 0.9)], OUTLINE, 1.6)
        elif kind == "spout":
            pen.polygon([(0.95, 0.4), (1.25, 0.2), (1.25, 0.3), (0.95, 0.55)], fill=fill, outline=OUTLINE)
        elif kind == "label":
            pen.rect(0.15, 0.45, 0.85, 0.75, fill=(250, 250, 245, 255), outline=OUTLINE)
            pen.line([(0.25, 0.6), (0.75, 0.6)], accent, 1.6)
        elif kind == "stripes":
            for y in (0.35, 0.6, 0.85):
                pen.rect(0.02, y, 0.98, y + 0.07, fill=accent, outline=None)
        elif kind == "leaves":
            for cx in (0.25, 0.75):
                pen.ellipse(cx - 0.15, -0.2, cx + 0.15, 0.1, fill=(70, 150, 70, 255), outline=OUTLINE)
        elif kind == "flowers":
            for cx in (0.3, 0.5, 0.7):
                pen.circle(cx, 0.05, 0.06, fill=pick(round(cx * 10), BRIGHT), outline=OUTLINE)
        elif kind == "tail":
            pen.line([(0.12, 0.5), (-0.05, 0.3)], fill, 3.0)
        elif kind == "ears":
            pen.polygon([(0.68, 0.2), (0.72, 0.0), (0.8, 0.16)], fill=fill, outline=OUTLINE)

    return draw


PARTS_DRAWN: dict[str, PartFn] = {
    "belt": _part_belt, "screen": _part_screen, "door": _part_door, "window": _part_window,
    **{k: _part_simple(k) for k in ("handle", "knobs", "vent", "lid", "legs", "wheels", "rails", "blade", "drum",
                                    "cord", "spout", "label", "stripes", "leaves", "flowers", "tail", "ears")},
}  # fmt: skip


# -- state effects ------------------------------------------------------------------------------------------------
def _effect(pen: Pen, effect: str, shape: str, v: ObjView, accent: RGBA, value: object) -> None:
    if effect == "glow":
        fx.glow(pen, 0.88, 0.1, 0.14, 0.14 * pen.w / pen.h, GLOW_ORANGE, rings=2)
        pen.circle(0.88, 0.1, 0.05, fill=(120, 230, 90, 255), outline=(30, 90, 30, 255))
    elif effect == "steam":
        fx.steam(pen, 0.5, 0.0, 0.8)
    elif effect == "spinning":
        cx, cy = (0.38, 0.79) if shape == "machine" else (0.5, 0.5)
        for dx in (-0.3, 0.3):
            pen.arc(cx + dx - 0.12, cy - 0.2, cx + dx + 0.12, cy + 0.2, 200, 340, (230, 60, 40, 255), 1.8)
        pen.line([(cx - 0.35, cy - 0.12), (cx + 0.35, cy - 0.12)], (230, 60, 40, 255), 1.4)
        pen.polygon([(cx + 0.35, cy - 0.17), (cx + 0.42, cy - 0.12), (cx + 0.35, cy - 0.07)],
                    fill=(230, 60, 40, 255), outline=None)  # fmt: skip
    elif effect == "smoke":
        for i, dx in enumerate((-0.15, 0.05, 0.2)):
            pen.circle(0.5 + dx, -0.15 - 0.12 * i, 0.09 + 0.02 * i, fill=(110, 110, 115, 170), outline=None)
    elif effect == "flames":
        fx.flames(pen, 0.15, 0.85, 0.08, 0.7, 3)
    elif effect == "sparks":
        fx.sparks(pen, 0.85, 0.3, 0.14)
    elif effect == "drips":
        fx.drops(pen, [(0.2, 0.3), (0.55, 0.15), (0.8, 0.45)], 0.07)
        fx.puddle(pen, -0.1, 0.95, 1.1, 1.12)
    elif effect == "light":
        fx.glow(pen, 0.5, 0.3, 0.6, 0.6, (255, 240, 150, 255), rings=3)
    elif effect == "liquid":
        colour = liquid_colour(value)
        if shape in ("bowl", "cylinder"):
            fx.liquid_surface(pen, 0.08, 0.02, 0.92, 0.2, colour)
        else:
            pen.rect(0.1, 0.55, 0.9, 0.9, fill=colour, outline=None, radius=2)
    elif effect == "cracks":
        fx.cracks(pen, 0.1, 0.05, 0.9, 0.95, (30, 30, 30, 255))
    elif effect == "heat":
        fx.heat_lines(pen, 0.15, 0.85, 0.0, 0.8)
    elif effect == "open" and shape not in ("appliance", "box", "panel", "bottle"):
        pen.rect(0.05, -0.25, 0.95, -0.05, fill=accent, outline=OUTLINE, radius=2)


__all__ = ["SHAPE_SPECS", "draw_look", "look_spec"]
