"""Kitchen sprites: counter, sink and faucet, kettle, blender, coffee machine, rice cooker.

Example:
    >>> from mssbench_embodied.render.spec import spec_for
    >>> spec_for("Sink").mode, spec_for("kitchen counter").stretch
    ('basin', True)
"""

from __future__ import annotations

from . import effects as fx
from .palette import DARK, OUTLINE, RGBA, liquid_colour, material_style, shade, with_alpha
from .pen import Pen
from .spec import ObjView, sprite
from .sprites_appliances import STEEL, indicator, knob

CABINET: RGBA = (226, 220, 204, 255)
GLASS_TINT: RGBA = (185, 220, 240, 90)


@sprite(
    "CounterTop",
    (130, 82),
    aliases=("Counter", "KitchenCounter", "Worktop", "KitchenIsland"),
    keywords=("counter", "worktop"),
    stretch=True,
    surface=(0.07, 0.02, 0.98),
    place="row",
    pad=(0.02, 0.05, 0.02, 0.05),
)
def draw_counter(pen: Pen, v: ObjView) -> None:
    top = material_style(v.material, (214, 208, 196, 255), v.tint)
    pen.rect(0.01, 0.1, 0.99, 0.94, fill=CABINET, outline=OUTLINE)
    doors = max(1, round(pen.w / pen.h * 1.3))
    for i in range(doors):
        x0, x1 = 0.02 + 0.96 * i / doors, 0.02 + 0.96 * (i + 1) / doors
        pen.rect(x0 + 0.01, 0.2, x1 - 0.01, 0.9, fill=shade(CABINET, 1.1), outline=OUTLINE, radius=2)
        hx = x1 - 0.035 if i % 2 == 0 else x0 + 0.025
        pen.rect(hx, 0.3, hx + 0.012, 0.45, fill=STEEL, outline=OUTLINE, width=0.8)
    pen.rect(0.03, 0.94, 0.97, 1.0, fill=(80, 70, 60, 255), outline=None)
    fx.body(pen, 0.0, 0.0, 1.0, 0.1, top, radius=1, shine=False)
    pen.rect(0.0, 0.1, 1.0, 0.14, fill=shade(top.fill, 0.8), outline=OUTLINE)


def _basin(pen: Pen, v: ObjView, top: float, height: float) -> None:
    """The sink basin seen from above-front, occupying ``[top, top + height]`` of the box."""

    def y(f: float) -> float:
        return top + f * height

    metal = v.style(STEEL).fill
    pen.polygon(
        [(0.03, y(0.3)), (0.97, y(0.3)), (0.86, y(1.0)), (0.14, y(1.0))],
        fill=shade(metal, 0.85),
        outline=OUTLINE,
    )
    pen.ellipse(0.0, y(0.0), 1.0, y(0.62), fill=metal, outline=OUTLINE)
    pen.ellipse(0.08, y(0.06), 0.92, y(0.56), fill=shade(metal, 0.72), outline=OUTLINE, width=1.0)
    pen.ellipse(0.12, y(0.08), 0.88, y(0.4), fill=shade(metal, 0.8), outline=None)
    pen.ellipse(0.46, y(0.4), 0.54, y(0.48), fill=DARK, outline=None)
    if "child:faucet" not in v.flags:
        tap = (200, 205, 212, 255)
        pen.rect(0.56, y(0.0) - height * 0.62, 0.62, y(0.06), fill=tap, outline=OUTLINE, width=1.0)
        pen.arc(0.44, y(0.0) - height * 0.75, 0.62, y(0.0) - height * 0.35, 180, 360, OUTLINE, 4.4)
        pen.arc(0.44, y(0.0) - height * 0.75, 0.62, y(0.0) - height * 0.35, 180, 360, tap, 2.6)
        pen.rect(
            0.6, y(0.0) - height * 0.5, 0.72, y(0.0) - height * 0.42, fill=tap, outline=OUTLINE, width=1.0
        )
        if v.active:
            fx.stream(pen, 0.45, y(0.0) - height * 0.55, y(0.45), 0.05)


def _basin_front(pen: Pen, v: ObjView, top: float, height: float) -> None:
    def y(f: float) -> float:
        return top + f * height

    liquid = v.filled
    if liquid:
        fx.liquid_surface(pen, 0.09, y(0.12), 0.91, y(0.55), liquid_colour(liquid))
    metal = v.style(STEEL).fill
    pen.arc(0.0, y(0.0), 1.0, y(0.62), 15, 165, OUTLINE, 4.0)
    pen.arc(0.01, y(0.01), 0.99, y(0.61), 15, 165, metal, 2.4)
    if v.get("wet") or v.get("overflowing"):
        fx.drops(pen, [(0.2, y(0.8)), (0.8, y(0.85))], 0.03)


@sprite(
    "Sink",
    (60, 28),
    aliases=("SinkBasin", "Basin", "WashBasin", "KitchenSink"),
    keywords=("sink", "washbasin"),
    mode="basin",
    opening=(0.12, 0.08, 0.88, 0.5),
    surface=(0.05, 0.4, 0.6),
    front=lambda pen, v: _basin_front(pen, v, 0.0, 1.0),
    root="_SinkPedestal",
    pad=(0.1, 1.0, 0.1, 0.15),
)
def draw_sink(pen: Pen, v: ObjView) -> None:
    _basin(pen, v, 0.0, 1.0)


@sprite(
    "_SinkPedestal",
    (60, 90),
    mode="basin",
    opening=(0.12, 0.025, 0.88, 0.155),
    surface=(0.015, 0.4, 0.6),
    front=lambda pen, v: _basin_front(pen, v, 0.0, 0.31),
    pad=(0.1, 0.3, 0.1, 0.08),
)
def draw_sink_pedestal(pen: Pen, v: ObjView) -> None:
    pen.rect(0.08, 0.25, 0.92, 0.97, fill=CABINET, outline=OUTLINE, radius=2)
    pen.rect(0.12, 0.32, 0.48, 0.93, fill=shade(CABINET, 1.1), outline=OUTLINE, radius=2)
    pen.rect(0.52, 0.32, 0.88, 0.93, fill=shade(CABINET, 1.1), outline=OUTLINE, radius=2)
    _basin(pen, v, 0.0, 0.31)


@sprite(
    "Faucet",
    (12, 30),
    aliases=("Tap", "WaterTap", "MixerTap", "Spigot"),
    keywords=("faucet", "tap"),
    hang=0.5,
    place="wall",
    pad=(1.2, 0.15, 1.2, 0.2),
)
def draw_faucet(pen: Pen, v: ObjView) -> None:
    metal = v.style(STEEL).fill
    pen.rect(0.25, 0.46, 0.75, 0.52, fill=shade(metal, 0.8), outline=OUTLINE, width=1.0)
    pen.rect(0.4, 0.08, 0.6, 0.48, fill=metal, outline=OUTLINE, width=1.0)
    pen.arc(-0.05, 0.02, 0.6, 0.3, 180, 360, OUTLINE, 4.6)
    pen.arc(-0.05, 0.02, 0.6, 0.3, 180, 360, metal, 2.8)
    pen.rect(-0.05, 0.14, 0.1, 0.2, fill=metal, outline=OUTLINE, width=1.0)
    pen.rect(0.55, 0.2, 0.95, 0.25, fill=metal, outline=OUTLINE, width=1.0)
    if v.hot:
        pen.circle(0.85, 0.13, 0.13, fill=(220, 40, 40, 255), outline=OUTLINE)
    if v.active:
        fx.stream(pen, 0.025, 0.2, 1.0, 0.22)
        if v.hot:
            fx.steam(pen, 0.025, 0.9, 0.55, 0.6)


def _kettle(pen: Pen, v: ObjView, body: RGBA) -> None:
    pen.arc(0.25, -0.12, 0.75, 0.4, 180, 360, OUTLINE, 4.0)
    pen.arc(0.25, -0.12, 0.75, 0.4, 180, 360, shade(body, 0.7), 2.4)
    pen.polygon(
        [(0.2, 0.5), (-0.12, 0.18), (-0.06, 0.14), (0.24, 0.36)], fill=body, outline=OUTLINE, width=1.0
    )
    pen.polygon([(0.2, 0.18), (0.8, 0.18), (0.9, 0.9), (0.1, 0.9)], fill=body, outline=OUTLINE)
    pen.ellipse(0.22, 0.1, 0.78, 0.24, fill=shade(body, 0.9), outline=OUTLINE, width=1.0)
    pen.rect(0.06, 0.86, 0.94, 1.0, fill=DARK, outline=OUTLINE, radius=2)


@sprite(
    "Kettle",
    (22, 26),
    aliases=("ElectricKettle", "TeaKettle", "WaterKettle"),
    keywords=("kettle",),
    mode="open",
    opening=(0.25, 0.12, 0.75, 0.4),
    pad=(0.4, 0.9, 0.25, 0.12),
)
def draw_kettle(pen: Pen, v: ObjView) -> None:
    style = v.style((200, 205, 212, 255))
    _kettle(pen, v, style.fill)
    if style.highlight:
        pen.rect(0.3, 0.3, 0.36, 0.8, fill=style.highlight, outline=None)
    pen.rect(0.66, 0.3, 0.76, 0.82, fill=(235, 240, 245, 255), outline=OUTLINE, width=0.8)
    if v.filled:
        pen.rect(
            0.66, 0.45, 0.76, 0.82, fill=with_alpha(liquid_colour(v.filled), 255), outline=OUTLINE, width=0.8
        )
    indicator(pen, 0.5, 0.93, v.active)
    if v.active or v.hot:
        fx.steam(pen, -0.08, 0.1, 0.75, 0.12)


def _blender_front(pen: Pen, v: ObjView) -> None:
    pen.polygon([(0.14, 0.05), (0.86, 0.05), (0.76, 0.72), (0.24, 0.72)], fill=GLASS_TINT, outline=OUTLINE)
    pen.line([(0.22, 0.15), (0.3, 0.6)], (255, 255, 255, 170), 1.6)
    for i in range(3):
        pen.line([(0.7, 0.25 + i * 0.12), (0.78, 0.25 + i * 0.12)], OUTLINE, 0.8)
    pen.rect(0.12, 0.0, 0.88, 0.07, fill=DARK, outline=OUTLINE, radius=2)
    if v.active:
        for side in (-1, 1):
            cx = 0.5 + side * 0.5
            pen.arc(
                cx - 0.12,
                0.25,
                cx + 0.12,
                0.6,
                300 if side > 0 else 120,
                60 if side > 0 else 240,
                OUTLINE,
                1.4,
            )


@sprite(
    "Blender",
    (18, 40),
    aliases=("FoodProcessor", "SmoothieMaker", "Liquidiser"),
    keywords=("blender", "foodprocessor"),
    mode="open",
    opening=(0.2, 0.08, 0.8, 0.7),
    front=_blender_front,
    pad=(0.4, 0.5, 0.4, 0.12),
)
def draw_blender(pen: Pen, v: ObjView) -> None:
    pen.polygon(
        [(0.14, 0.05), (0.86, 0.05), (0.76, 0.72), (0.24, 0.72)], fill=(235, 242, 248, 120), outline=None
    )
    if v.filled:
        pen.polygon(
            [(0.2, 0.4), (0.8, 0.4), (0.76, 0.72), (0.24, 0.72)], fill=liquid_colour(v.filled), outline=None
        )
    pen.line([(0.36, 0.66), (0.64, 0.7)], STEEL, 2.0)
    pen.line([(0.36, 0.7), (0.64, 0.66)], STEEL, 2.0)
    body = v.style((60, 62, 70, 255)).fill if v.material != "glass" else (60, 62, 70, 255)
    pen.polygon([(0.18, 0.72), (0.82, 0.72), (0.9, 1.0), (0.1, 1.0)], fill=body, outline=OUTLINE)
    knob(pen, 0.5, 0.86, 0.1, v.active)


def _carafe(pen: Pen, v: ObjView) -> None:
    pen.polygon([(0.22, 0.6), (0.78, 0.6), (0.82, 0.94), (0.18, 0.94)], fill=GLASS_TINT, outline=OUTLINE)
    pen.rect(0.8, 0.66, 0.9, 0.86, fill=None, outline=OUTLINE, width=1.4)


@sprite(
    "CoffeeMachine",
    (28, 36),
    aliases=("CoffeeMaker", "EspressoMachine"),
    keywords=("coffee", "espresso"),
    mode="cavity",
    window=True,
    opening=(0.22, 0.6, 0.78, 0.94),
    front=_carafe,
    pad=(0.2, 0.7, 0.2, 0.1),
)
def draw_coffee(pen: Pen, v: ObjView) -> None:
    body = v.style((55, 55, 62, 255)).fill
    pen.rect(0.05, 0.0, 0.95, 0.3, fill=body, outline=OUTLINE, radius=3)
    pen.rect(0.05, 0.0, 0.25, 1.0, fill=body, outline=OUTLINE, radius=3)
    pen.rect(0.05, 0.95, 0.95, 1.0, fill=body, outline=OUTLINE)
    pen.rect(0.4, 0.3, 0.6, 0.38, fill=DARK, outline=OUTLINE)
    if v.filled or v.active:
        pen.rect(0.2, 0.74, 0.8, 0.94, fill=liquid_colour(v.filled or "coffee"), outline=None)
    indicator(pen, 0.15, 0.2, v.active)
    if v.active:
        fx.steam(pen, 0.5, 0.0, 0.55, 0.15)


def _rice_front(pen: Pen, v: ObjView) -> None:
    body = v.style((240, 240, 236, 255)).fill
    pen.rect(0.05, 0.32, 0.95, 1.0, fill=body, outline=OUTLINE, radius=6)
    pen.rect(0.35, 0.6, 0.65, 0.75, fill=(60, 65, 75, 255), outline=OUTLINE, radius=2)
    indicator(pen, 0.5, 0.85, v.active)
    if v.is_open:
        pen.ellipse(0.05, -0.55, 0.95, -0.05, fill=shade(body, 0.95), outline=OUTLINE)
    else:
        pen.chord(0.03, 0.02, 0.97, 0.62, 180, 360, shade(body, 0.95), OUTLINE)
        if v.active:
            fx.steam(pen, 0.5, 0.05, 0.6, 0.15)


@sprite(
    "RiceCooker",
    (30, 26),
    aliases=("SlowCooker", "PressureCooker", "CrockPot"),
    keywords=("cooker",),
    mode="open",
    opening=(0.15, 0.2, 0.85, 0.42),
    lid=True,
    front=_rice_front,
    pad=(0.2, 0.9, 0.2, 0.1),
)
def draw_rice(pen: Pen, v: ObjView) -> None:
    body = v.style((240, 240, 236, 255)).fill
    pen.ellipse(0.05, 0.2, 0.95, 0.45, fill=shade(body, 0.7), outline=OUTLINE)
    if v.filled:
        pen.ellipse(0.1, 0.24, 0.9, 0.42, fill=liquid_colour(v.filled), outline=None)
