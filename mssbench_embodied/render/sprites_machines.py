"""Laundry and dish machines: washing machine, tumble dryer, dishwasher.

Their round or full-height doors open to show what is inside; a running washer shows water, a running dryer glows.

Example:
    >>> from mssbench_embodied.render.spec import spec_for
    >>> spec_for("Washer").window, spec_for("Dishwasher").mode
    (True, 'cavity')
"""

from __future__ import annotations

from . import effects as fx
from .palette import INTERIOR, OUTLINE, RGBA, SCREEN_OFF, WHITE, shade, with_alpha
from .pen import Pen
from .spec import ObjView, sprite
from .sprites_appliances import APPLIANCE_WHITE, STEEL, body_colour, indicator, knob


def _dishwasher_front(pen: Pen, v: ObjView) -> None:
    colour = body_colour(v, STEEL)
    if v.is_open:
        pen.polygon(
            [(0.03, 0.98), (0.97, 0.98), (1.07, 1.3), (-0.07, 1.3)], fill=shade(colour, 1.1), outline=OUTLINE
        )
        return
    pen.rect(0.03, 0.15, 0.97, 0.98, fill=colour, outline=OUTLINE, radius=2)
    pen.rect(0.3, 0.2, 0.7, 0.25, fill=shade(colour, 0.8), outline=OUTLINE, radius=2)


@sprite(
    "Dishwasher",
    (60, 85),
    aliases=("DishWasher",),
    keywords=("dishwasher",),
    mode="cavity",
    opening=(0.08, 0.2, 0.92, 0.92),
    surface=(0.0, 0.05, 0.95),
    front=_dishwasher_front,
    pad=(0.12, 0.45, 0.12, 0.35),
)
def draw_dishwasher(pen: Pen, v: ObjView) -> None:
    colour = body_colour(v, STEEL)
    fx.body(pen, 0.0, 0.0, 1.0, 1.0, v.style(colour), radius=2, shine=False)
    pen.rect(0.03, 0.02, 0.97, 0.13, fill=shade(colour, 0.85), outline=OUTLINE)
    indicator(pen, 0.85, 0.075, v.active)
    pen.rect(0.06, 0.17, 0.94, 0.95, fill=INTERIOR, outline=OUTLINE)
    for y in (0.45, 0.75):
        pen.line([(0.08, y), (0.92, y)], (170, 170, 180, 255), 1.6)
        for i in range(1, 9):
            pen.line([(0.08 + 0.84 * i / 9, y), (0.08 + 0.84 * i / 9, y - 0.08)], (150, 150, 160, 255), 0.8)
    if v.active:
        fx.steam(pen, 0.5, 0.0, 0.35, 0.3)


def _washer_front(pen: Pen, v: ObjView) -> None:
    ring = (200, 204, 210, 255)
    if v.is_open:
        pen.ellipse(-0.5, 0.35, -0.02, 0.85, fill=(80, 90, 105, 160), outline=ring, width=4.0)
        pen.ellipse(0.2, 0.35, 0.8, 0.85, fill=None, outline=(150, 155, 160, 255), width=2.0)
        return
    tint = (255, 150, 60, 70) if (v.active and "dryer" in v.flags) else (40, 60, 90, 90)
    pen.ellipse(0.22, 0.37, 0.78, 0.83, fill=tint, outline=ring, width=4.5)
    pen.arc(0.3, 0.43, 0.7, 0.77, 200, 250, (255, 255, 255, 200), 2.0)


def _washer_body(pen: Pen, v: ObjView, panel: RGBA, dryer: bool) -> None:
    colour = body_colour(v, APPLIANCE_WHITE)
    fx.body(pen, 0.0, 0.0, 1.0, 1.0, v.style(colour), radius=3, shine=False)
    pen.rect(0.03, 0.03, 0.97, 0.2, fill=panel, outline=OUTLINE, radius=2)
    knob(pen, 0.2, 0.115, 0.07, v.active)
    pen.rect(0.5, 0.07, 0.85, 0.16, fill=SCREEN_OFF, outline=OUTLINE)
    if v.active:
        pen.rect(0.53, 0.09, 0.7, 0.14, fill=(90, 255, 120, 255), outline=None)
    pen.ellipse(0.22, 0.37, 0.78, 0.83, fill=(60, 62, 68, 255), outline=OUTLINE)
    if v.active and not dryer:
        pen.chord(0.24, 0.39, 0.76, 0.81, 0, 180, with_alpha((90, 160, 235, 255), 220), None)
        pen.arc(0.3, 0.45, 0.7, 0.75, 30, 300, WHITE, 1.6)
    elif v.active:
        pen.ellipse(0.24, 0.39, 0.76, 0.81, fill=(255, 150, 60, 200), outline=None)
        pen.arc(0.3, 0.45, 0.7, 0.75, 30, 300, WHITE, 1.6)
        fx.heat_lines(pen, 0.2, 0.8, 0.0, 0.4)


@sprite(
    "WashingMachine",
    (65, 85),
    aliases=("Washer", "LaundryMachine"),
    keywords=("washingmachine", "washer"),
    mode="cavity",
    window=True,
    opening=(0.27, 0.42, 0.73, 0.8),
    surface=(0.0, 0.05, 0.95),
    front=_washer_front,
    place="row",
    pad=(0.55, 0.45, 0.1, 0.1),
)
def draw_washer(pen: Pen, v: ObjView) -> None:
    _washer_body(pen, v, (210, 225, 240, 255), dryer=False)


@sprite(
    "Dryer",
    (65, 85),
    aliases=("TumbleDryer", "ClothesDryer"),
    keywords=("tumbledryer", "clothesdryer"),
    mode="cavity",
    window=True,
    opening=(0.27, 0.42, 0.73, 0.8),
    surface=(0.0, 0.05, 0.95),
    front=lambda pen, v: _washer_front(
        pen, ObjView(v.type, v.material, v.state, v.props, v.tint, v.flags | {"dryer"})
    ),
    place="row",
    pad=(0.55, 0.45, 0.1, 0.1),
)
def draw_dryer(pen: Pen, v: ObjView) -> None:
    _washer_body(pen, v, (240, 228, 205, 255), dryer=True)
