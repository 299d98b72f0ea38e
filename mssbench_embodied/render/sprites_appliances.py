"""Sprites of box-shaped appliances: stove and burners, oven, microwave, toaster, air fryer, fridge, dishwasher,
washing machine and dryer.

Every sprite shows its state: burners glow when on, doors swing open and reveal the cavity, windows show what is
inside, a running machine lights up.

Example:
    >>> from mssbench_embodied.render.spec import spec_for
    >>> spec_for("Microwave").window, spec_for("Fridge").window
    (True, False)
"""

from __future__ import annotations

from . import effects as fx
from .palette import (
    DARK,
    GLOW_ORANGE,
    GLOW_RED,
    INTERIOR,
    OUTLINE,
    RGBA,
    SCREEN_OFF,
    shade,
)
from .pen import Pen
from .spec import ObjView, sprite

APPLIANCE_WHITE: RGBA = (236, 236, 238, 255)
STEEL: RGBA = (190, 195, 202, 255)
LIT_INTERIOR: RGBA = (255, 226, 140, 255)
HOT_INTERIOR: RGBA = (255, 140, 50, 255)


def body_colour(v: ObjView, default: RGBA = APPLIANCE_WHITE) -> RGBA:
    """The appliance's body colour: its material's, else ``default``."""
    return v.style(default).fill


def indicator(pen: Pen, x: float, y: float, on: bool) -> None:
    """A small status light: red when on, dark grey when off."""
    r = 0.025
    if on:
        fx.glow(pen, x, y, r * 3, r * 3 * pen.w / pen.h, GLOW_RED, rings=2)
    pen.circle(x, y, r, fill=GLOW_RED if on else (90, 90, 95, 255), outline=None)


def burner(pen: Pen, cx: float, cy: float, rx: float, ry: float, on: bool) -> None:
    """One cooktop burner seen from above at a shallow angle; glowing red-orange when on."""
    if on:
        fx.glow(pen, cx, cy, rx * 1.7, ry * 3.2, GLOW_ORANGE, rings=4)
        pen.ellipse(cx - rx, cy - ry, cx + rx, cy + ry, fill=GLOW_RED, outline=(150, 30, 10, 255), width=1.2)
        pen.ellipse(
            cx - rx * 0.62,
            cy - ry * 0.62,
            cx + rx * 0.62,
            cy + ry * 0.62,
            fill=None,
            outline=GLOW_ORANGE,
            width=1.6,
        )
        pen.ellipse(
            cx - rx * 0.3, cy - ry * 0.3, cx + rx * 0.3, cy + ry * 0.3, fill=(255, 220, 90, 255), outline=None
        )
    else:
        pen.ellipse(
            cx - rx, cy - ry, cx + rx, cy + ry, fill=(55, 55, 60, 255), outline=(20, 20, 22, 255), width=1.2
        )
        pen.ellipse(
            cx - rx * 0.62,
            cy - ry * 0.62,
            cx + rx * 0.62,
            cy + ry * 0.62,
            fill=None,
            outline=(110, 110, 115, 255),
            width=1.2,
        )


def knob(pen: Pen, cx: float, cy: float, r: float, on: bool) -> None:
    """A control knob; its marker turns and a red ring shows when on."""
    pen.circle(cx, cy, r, fill=(235, 235, 235, 255), outline=OUTLINE)
    ry = r * pen.w / pen.h
    if on:
        pen.circle(cx, cy, r * 1.35, fill=None, outline=GLOW_RED)
        pen.line([(cx, cy), (cx + r * 0.8, cy + ry * 0.4)], OUTLINE, 1.4)
    else:
        pen.line([(cx, cy), (cx, cy - ry * 0.85)], OUTLINE, 1.4)


def stove_body(pen: Pen, v: ObjView, burners_on: bool, own_burners: bool) -> None:
    """A freestanding range: cooktop with two burners, a knob strip and an oven door with a window."""
    colour = body_colour(v)
    fx.body(pen, 0.0, 0.04, 1.0, 1.0, v.style(colour), radius=2, shine=False)
    pen.rect(-0.01, 0.0, 1.01, 0.13, fill=(45, 45, 50, 255), outline=OUTLINE, radius=2)
    if own_burners:
        burner(pen, 0.28, 0.065, 0.16, 0.045, burners_on)
        burner(pen, 0.72, 0.065, 0.16, 0.045, burners_on and "dual" in v.flags)
    pen.rect(0.0, 0.14, 1.0, 0.26, fill=shade(colour, 0.92), outline=OUTLINE)
    for i, kx in enumerate((0.15, 0.32, 0.68, 0.85)):
        knob(pen, kx, 0.2, 0.045, burners_on and i == 0)
    indicator(pen, 0.5, 0.2, burners_on)
    pen.rect(0.06, 0.3, 0.94, 0.94, fill=shade(colour, 0.96), outline=OUTLINE, radius=2)
    pen.rect(0.1, 0.32, 0.9, 0.37, fill=STEEL, outline=OUTLINE, radius=2)
    oven_on = bool(v.get("oven_on"))
    pen.rect(0.16, 0.44, 0.84, 0.84, fill=HOT_INTERIOR if oven_on else INTERIOR, outline=OUTLINE, radius=3)
    pen.line([(0.22, 0.5), (0.4, 0.48)], (255, 255, 255, 110), 1.6)


@sprite(
    "Stove",
    (76, 92),
    aliases=("Range", "Cooktop", "Cooker", "Hob", "Stovetop"),
    keywords=("stove", "cooktop"),
    surface=(0.06, 0.1, 0.9),
    slots=(0.28, 0.72),
    place="row",
    pad=(0.1, 0.5, 0.1, 0.1),
)
def draw_stove(pen: Pen, v: ObjView) -> None:
    stove_body(pen, v, v.active, "child:stoveburner" not in v.flags)


@sprite(
    "StoveBurner",
    (30, 6),
    aliases=("Burner", "HotPlate", "Hotplate"),
    keywords=("burner",),
    surface=(0.2, 0.05, 0.95),
    root="_stoveburner_range",
    pad=(0.4, 1.5, 0.4, 1.0),
)
def draw_burner(pen: Pen, v: ObjView) -> None:
    burner(pen, 0.5, 0.5, 0.5, 0.5, v.active)


@sprite(
    "_StoveBurner_Range", (76, 92), surface=(0.06, 0.1, 0.9), slots=(0.28, 0.72), pad=(0.1, 0.5, 0.1, 0.1)
)
def draw_burner_range(pen: Pen, v: ObjView) -> None:
    stove_body(pen, v, v.active, True)


def _cavity(pen: Pen, x0: float, y0: float, x1: float, y1: float, v: ObjView, lit: RGBA) -> None:
    fill = lit if v.active else INTERIOR
    if v.active:
        pen.rect(x0, y0, x1, y1, fill=fill, outline=OUTLINE, radius=2)
    else:
        pen.rect(x0, y0, x1, y1, fill=fill, outline=OUTLINE, radius=2)
        pen.rect(
            x0 + (x1 - x0) * 0.04,
            y0 + (y1 - y0) * 0.06,
            x1 - (x1 - x0) * 0.04,
            y0 + (y1 - y0) * 0.2,
            fill=shade(INTERIOR, 1.15),
            outline=None,
        )


def _glass(pen: Pen, x0: float, y0: float, x1: float, y1: float, tint: RGBA) -> None:
    pen.rect(x0, y0, x1, y1, fill=tint, outline=OUTLINE, radius=2)
    w, h = x1 - x0, y1 - y0
    pen.line([(x0 + w * 0.1, y0 + h * 0.35), (x0 + w * 0.3, y0 + h * 0.1)], (255, 255, 255, 150), 1.8)
    pen.line([(x0 + w * 0.12, y0 + h * 0.6), (x0 + w * 0.45, y0 + h * 0.15)], (255, 255, 255, 110), 1.4)


def swung_door(
    pen: Pen, hinge: float, y0: float, y1: float, width: float, colour: RGBA, window: bool = False
) -> None:
    """A door swung open towards the viewer: ``width`` < 0 opens to the left of ``hinge``, > 0 to the right."""
    far = hinge + width
    pts = [(hinge, y0), (far, y0 - 0.06), (far, y1 + 0.06), (hinge, y1)]
    pen.polygon(pts, fill=colour, outline=OUTLINE)
    if window:
        a, b = hinge + width * 0.2, hinge + width * 0.8
        pen.polygon(
            [(a, y0 + 0.1), (b, y0 + 0.06), (b, y1 - 0.06), (a, y1 - 0.1)],
            fill=(60, 65, 75, 200),
            outline=OUTLINE,
            width=1.0,
        )


def _microwave_front(pen: Pen, v: ObjView) -> None:
    if v.is_open:
        swung_door(pen, 0.02, 0.06, 0.94, -0.34, body_colour(v, (225, 225, 228, 255)), window=True)
        return
    tint = (255, 215, 110, 70) if v.active else (35, 40, 50, 120)
    _glass(pen, 0.07, 0.14, 0.66, 0.88, tint)
    pen.rect(0.03, 0.07, 0.7, 0.93, fill=None, outline=OUTLINE, radius=2)
    pen.rect(0.665, 0.2, 0.69, 0.8, fill=shade(body_colour(v, (225, 225, 228, 255)), 0.8), outline=None)


@sprite(
    "Microwave",
    (52, 30),
    aliases=("MicrowaveOven",),
    keywords=("microwave",),
    mode="cavity",
    window=True,
    opening=(0.07, 0.14, 0.66, 0.88),
    surface=(0.0, 0.08, 0.92),
    front=_microwave_front,
    pad=(0.4, 0.6, 0.12, 0.12),
)
def draw_microwave(pen: Pen, v: ObjView) -> None:
    colour = body_colour(v, (225, 225, 228, 255))
    fx.body(pen, 0.0, 0.0, 1.0, 1.0, v.style(colour), radius=3, shine=False)
    _cavity(pen, 0.07, 0.14, 0.66, 0.88, v, LIT_INTERIOR)
    pen.ellipse(0.12, 0.76, 0.61, 0.86, fill=(200, 200, 205, 150), outline=None)
    pen.rect(0.73, 0.1, 0.95, 0.9, fill=shade(colour, 0.9), outline=OUTLINE, radius=2)
    pen.rect(0.76, 0.15, 0.92, 0.3, fill=SCREEN_OFF, outline=OUTLINE)
    if v.active:
        for i in range(3):
            pen.rect(0.78 + i * 0.045, 0.18, 0.81 + i * 0.045, 0.27, fill=(90, 255, 120, 255), outline=None)
    for row in range(3):
        for col in range(2):
            pen.circle(0.8 + col * 0.08, 0.42 + row * 0.13, 0.022, fill=(250, 250, 250, 255), outline=OUTLINE)
    indicator(pen, 0.84, 0.82, v.active)


def _oven_front(pen: Pen, v: ObjView) -> None:
    colour = body_colour(v, (60, 62, 68, 255))
    if v.is_open:
        pen.polygon(
            [(0.04, 0.96), (0.96, 0.96), (1.06, 1.3), (-0.06, 1.3)], fill=shade(colour, 1.2), outline=OUTLINE
        )
        pen.polygon(
            [(0.16, 1.0), (0.84, 1.0), (0.9, 1.24), (0.1, 1.24)],
            fill=(70, 75, 85, 220),
            outline=OUTLINE,
            width=1.0,
        )
        return
    tint = (255, 140, 40, 80) if v.active else (25, 25, 30, 120)
    _glass(pen, 0.14, 0.32, 0.86, 0.84, tint)
    pen.rect(0.1, 0.23, 0.9, 0.28, fill=STEEL, outline=OUTLINE, radius=2)


@sprite(
    "Oven",
    (70, 80),
    aliases=("WallOven", "BakingOven"),
    keywords=("oven",),
    mode="cavity",
    window=True,
    opening=(0.14, 0.32, 0.86, 0.84),
    surface=(0.0, 0.05, 0.95),
    front=_oven_front,
    pad=(0.12, 0.5, 0.12, 0.35),
)
def draw_oven(pen: Pen, v: ObjView) -> None:
    colour = body_colour(v, (60, 62, 68, 255))
    fx.body(pen, 0.0, 0.0, 1.0, 1.0, v.style(colour), radius=2, shine=False)
    pen.rect(0.02, 0.02, 0.98, 0.18, fill=shade(colour, 1.3), outline=OUTLINE)
    for kx in (0.15, 0.3, 0.7, 0.85):
        knob(pen, kx, 0.1, 0.04, v.active and kx == 0.15)
    pen.rect(0.42, 0.05, 0.58, 0.15, fill=SCREEN_OFF, outline=OUTLINE)
    if v.active:
        pen.rect(0.44, 0.07, 0.56, 0.13, fill=(255, 140, 40, 255), outline=None)
    pen.rect(0.04, 0.2, 0.96, 0.96, fill=None, outline=OUTLINE, radius=2)
    pen.rect(0.14, 0.32, 0.86, 0.84, fill=HOT_INTERIOR if v.active else INTERIOR, outline=OUTLINE, radius=2)
    element = GLOW_RED if v.active else (110, 110, 115, 255)
    pen.line(
        [(0.18, 0.36), (0.3, 0.38), (0.42, 0.36), (0.54, 0.38), (0.66, 0.36), (0.82, 0.38)], element, 1.8
    )
    pen.line([(0.17, 0.66), (0.83, 0.66)], (150, 150, 155, 255), 1.2)


def _toaster_front(pen: Pen, v: ObjView) -> None:
    colour = body_colour(v, STEEL)
    fx.body(pen, 0.0, 0.12, 1.0, 1.0, v.style(colour), radius=5)
    lever_y = 0.75 if v.active else 0.3
    pen.rect(1.0, 0.25, 1.04, 0.9, fill=DARK, outline=None)
    pen.rect(0.98, lever_y, 1.14, lever_y + 0.12, fill=(40, 40, 45, 255), outline=OUTLINE, radius=2)
    indicator(pen, 0.5, 0.78, v.active)
    if v.active:
        fx.heat_lines(pen, 0.15, 0.85, -0.05, 0.6)


@sprite(
    "Toaster",
    (28, 20),
    aliases=("BreadToaster",),
    keywords=("toaster",),
    mode="open",
    opening=(0.12, 0.02, 0.88, 0.42),
    surface=(0.02, 0.1, 0.9),
    front=_toaster_front,
    pad=(0.2, 1.2, 0.25, 0.12),
)
def draw_toaster(pen: Pen, v: ObjView) -> None:
    colour = body_colour(v, STEEL)
    pen.rect(0.0, 0.0, 1.0, 0.24, fill=shade(colour, 1.15), outline=OUTLINE, radius=4)
    slot = GLOW_ORANGE if v.active else (40, 40, 45, 255)
    if v.active:
        fx.glow(pen, 0.5, 0.08, 0.5, 0.25, GLOW_ORANGE, rings=3)
    pen.rect(0.14, 0.05, 0.86, 0.1, fill=slot, outline=None, radius=1)
    pen.rect(0.14, 0.14, 0.86, 0.19, fill=slot, outline=None, radius=1)


def _airfryer_front(pen: Pen, v: ObjView) -> None:
    colour = body_colour(v, (45, 45, 50, 255))
    if v.is_open:
        pen.rect(0.06, 0.92, 0.94, 1.12, fill=shade(colour, 1.2), outline=OUTLINE, radius=3)
        pen.rect(0.4, 0.98, 0.6, 1.06, fill=DARK, outline=OUTLINE, radius=2)
    else:
        pen.rect(0.06, 0.46, 0.94, 0.94, fill=shade(colour, 1.15), outline=OUTLINE, radius=4)
        pen.rect(0.35, 0.6, 0.65, 0.68, fill=DARK, outline=OUTLINE, radius=2)


@sprite(
    "AirFryer",
    (28, 32),
    aliases=("DeepFryer",),
    keywords=("fryer",),
    mode="cavity",
    opening=(0.1, 0.5, 0.9, 0.9),
    surface=(0.0, 0.1, 0.9),
    front=_airfryer_front,
    pad=(0.2, 0.8, 0.2, 0.4),
)
def draw_airfryer(pen: Pen, v: ObjView) -> None:
    colour = body_colour(v, (45, 45, 50, 255))
    fx.body(pen, 0.0, 0.0, 1.0, 1.0, v.style(colour), radius=8, shine=False)
    pen.rect(0.25, 0.1, 0.75, 0.3, fill=SCREEN_OFF, outline=OUTLINE, radius=3)
    if v.active:
        pen.rect(0.3, 0.14, 0.7, 0.26, fill=GLOW_ORANGE, outline=None, radius=2)
        fx.heat_lines(pen, 0.2, 0.8, -0.02, 0.5)
    pen.rect(0.1, 0.5, 0.9, 0.9, fill=(70, 70, 75, 255), outline=OUTLINE, radius=3)
    for i in range(1, 6):
        pen.line([(0.1 + 0.8 * i / 6, 0.52), (0.1 + 0.8 * i / 6, 0.88)], (110, 110, 115, 255), 0.8)


def _fridge_front(pen: Pen, v: ObjView) -> None:
    colour = body_colour(v, APPLIANCE_WHITE)
    if v.is_open:
        swung_door(pen, 0.98, 0.35, 0.98, 0.4, shade(colour, 0.95))
        for y in (0.5, 0.68, 0.86):
            pen.line([(1.05, y), (1.3, y + 0.02)], (170, 170, 175, 255), 1.4)
        return
    pen.rect(0.03, 0.35, 0.97, 0.98, fill=colour, outline=OUTLINE, radius=3)
    pen.rect(0.85, 0.42, 0.9, 0.62, fill=STEEL, outline=OUTLINE, radius=2)


@sprite(
    "Fridge",
    (72, 175),
    aliases=("Refrigerator", "Freezer", "FridgeFreezer"),
    keywords=("fridge", "refrigerator", "freezer"),
    mode="cavity",
    opening=(0.08, 0.4, 0.92, 0.94),
    surface=(0.0, 0.05, 0.95),
    front=_fridge_front,
    place="row",
    pad=(0.1, 0.2, 0.45, 0.08),
)
def draw_fridge(pen: Pen, v: ObjView) -> None:
    colour = body_colour(v, APPLIANCE_WHITE)
    fx.body(pen, 0.0, 0.0, 1.0, 1.0, v.style(colour), radius=4, shine=False)
    pen.rect(0.03, 0.02, 0.97, 0.33, fill=colour, outline=OUTLINE, radius=3)
    pen.rect(0.85, 0.2, 0.9, 0.3, fill=STEEL, outline=OUTLINE, radius=2)
    pen.rect(0.05, 0.36, 0.95, 0.97, fill=(232, 244, 250, 255), outline=OUTLINE, radius=2)
    fx.glow(pen, 0.5, 0.4, 0.3, 0.05, (255, 255, 220, 255), rings=2)
    for y in (0.55, 0.75):
        pen.line([(0.07, y), (0.93, y)], (170, 190, 200, 255), 1.6)
