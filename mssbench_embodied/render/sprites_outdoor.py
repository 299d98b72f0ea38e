"""Garage and garden machines: power tools, lawnmower, grill, hose, generator, car.

Example:
    >>> from mssbench_embodied.render.spec import spec_for
    >>> spec_for("chainsaw").name, spec_for("BBQ").name
    ('powersaw', 'grill')
"""

from __future__ import annotations

from . import effects as fx
from .palette import BRIGHT, DARK, OUTLINE, pick, shade
from .pen import Pen
from .spec import ObjView, sprite
from .sprites_appliances import indicator

_SMALL = (0.35, 1.0, 0.35, 0.25)


@sprite("PowerDrill", (22, 18), aliases=("Drill", "CordlessDrill", "ElectricDrill", "ElectricScrewdriver"), keywords=("drill", "screwdriver"), pad=_SMALL)  # fmt: skip
def draw_drill(pen: Pen, v: ObjView) -> None:
    colour = v.style((240, 170, 30, 255)).fill
    pen.rect(-0.25, 0.2, 0.05, 0.3, fill=(170, 175, 180, 255), outline=OUTLINE, width=1.0)
    pen.rect(0.0, 0.0, 1.0, 0.5, fill=colour, outline=OUTLINE, radius=4)
    pen.polygon([(0.5, 0.45), (0.8, 0.45), (0.85, 1.0), (0.55, 1.0)], fill=DARK, outline=OUTLINE)
    if v.active:
        pen.arc(-0.45, 0.0, -0.05, 0.5, 120, 240, OUTLINE, 1.2)


@sprite("PowerSaw", (32, 20), aliases=("CircularSaw", "Chainsaw", "ChainSaw", "Jigsaw", "Saw", "HedgeTrimmer"), keywords=("saw", "trimmer"), pad=_SMALL)  # fmt: skip
def draw_saw(pen: Pen, v: ObjView) -> None:
    pen.circle(0.3, 0.55, 0.28, fill=(200, 205, 212, 255), outline=OUTLINE)
    for i in range(8):
        pen.circle(
            0.3 + 0.28 * [1, 0.7, 0, -0.7, -1, -0.7, 0, 0.7][i],
            0.55 + 0.44 * [0, 0.7, 1, 0.7, 0, -0.7, -1, -0.7][i],
            0.03,
            fill=OUTLINE,
            outline=None,
        )
    pen.rect(0.3, 0.1, 1.0, 0.6, fill=v.style((230, 80, 40, 255)).fill, outline=OUTLINE, radius=4)
    if v.active:
        pen.arc(0.0, 0.25, 0.6, 0.85, 90, 270, OUTLINE, 1.4)


@sprite("Lawnmower", (70, 45), aliases=("LawnMower", "Mower", "GrassCutter"), keywords=("mower",), place="row", pad=(0.1, 0.4, 0.1, 0.1))  # fmt: skip
def draw_mower(pen: Pen, v: ObjView) -> None:
    pen.line([(0.55, 0.55), (0.95, 0.0)], OUTLINE, 2.6)
    pen.line([(0.9, 0.05), (1.0, 0.05)], OUTLINE, 3.0)
    pen.rect(0.0, 0.5, 0.75, 0.85, fill=v.style((60, 160, 70, 255)).fill, outline=OUTLINE, radius=6)
    pen.rect(0.15, 0.35, 0.5, 0.52, fill=DARK, outline=OUTLINE, radius=3)
    for cx in (0.12, 0.63):
        pen.circle(cx, 0.88, 0.09, fill=DARK, outline=OUTLINE)
    if v.active:
        fx.steam(pen, 0.3, 0.35, 0.9, 0.1)


@sprite("Grill", (60, 90), aliases=("Barbecue", "BBQ", "Barbeque", "GasGrill", "CharcoalGrill", "FirePit", "Firepit"), keywords=("grill", "bbq", "barbecue"),
        surface=(0.22, 0.1, 0.9), place="row", pad=(0.1, 0.5, 0.1, 0.1))  # fmt: skip
def draw_grill(pen: Pen, v: ObjView) -> None:
    body = v.style((50, 52, 58, 255)).fill
    for x0, x1 in ((0.12, 0.17), (0.83, 0.88)):
        pen.rect(x0, 0.45, x1, 1.0, fill=DARK, outline=OUTLINE)
    pen.rect(0.05, 0.8, 0.95, 0.85, fill=DARK, outline=OUTLINE)
    pen.chord(0.0, -0.1, 1.0, 0.5, 0, 180, body, OUTLINE)
    if v.active or v.hot:
        fx.flames(pen, 0.1, 0.9, 0.24, 0.28, 5)
        fx.steam(pen, 0.5, -0.1, 0.4, 0.3)
    pen.rect(0.0, 0.18, 1.0, 0.24, fill=(150, 150, 155, 255), outline=OUTLINE)
    for i in range(1, 10):
        pen.line([(i / 10, 0.18), (i / 10, 0.24)], OUTLINE, 1.0)


@sprite("Hose", (32, 14), aliases=("GardenHose", "Hosepipe", "Sprinkler", "PressureWasher"), keywords=("hose", "sprinkler"), pad=(0.6, 1.0, 0.3, 0.3))  # fmt: skip
def draw_hose(pen: Pen, v: ObjView) -> None:
    colour = v.style((60, 160, 70, 255)).fill if v.material != "rubber" else (60, 160, 70, 255)
    for r in (0.0, 0.12, 0.24):
        pen.ellipse(0.2 + r, 0.1 + r * 0.5, 1.0 - r, 1.0 - r * 0.3, fill=None, outline=colour, width=2.6)
    pen.line([(0.25, 0.5), (0.0, 0.4)], colour, 2.6)
    pen.rect(-0.12, 0.32, 0.02, 0.48, fill=(240, 180, 40, 255), outline=OUTLINE, width=1.0)
    if v.active:
        for dy in (-0.3, 0.0, 0.3):
            pen.line([(-0.12, 0.4), (-0.6, 0.4 + dy)], (90, 160, 235, 220), 1.6)
    if v.get("broken") or v.get("leaking"):
        fx.puddle(pen, 0.0, 0.85, 1.2, 1.25)
        for dx in (-0.15, 0.0, 0.15):
            pen.line([(0.6, 0.3), (0.6 + dx, -0.5)], (90, 160, 235, 230), 1.6)
        fx.drops(pen, [(0.4, -0.3), (0.8, -0.2)], 0.05)


@sprite("Generator", (50, 42), aliases=("PetrolGenerator", "PortableGenerator", "Engine"), keywords=("generator", "engine"), place="row", pad=(0.2, 0.9, 0.2, 0.1))  # fmt: skip
def draw_generator(pen: Pen, v: ObjView) -> None:
    pen.rect(0.0, 0.0, 1.0, 1.0, fill=None, outline=OUTLINE, width=2.6)
    pen.rect(0.08, 0.2, 0.92, 0.9, fill=v.style((220, 60, 50, 255)).fill, outline=OUTLINE, radius=4)
    pen.rect(0.15, 0.3, 0.5, 0.6, fill=DARK, outline=OUTLINE)
    indicator(pen, 0.8, 0.35, v.active)
    if v.active:
        for i, (cx, cy) in enumerate(((0.95, -0.1), (1.05, -0.3), (1.15, -0.55))):
            pen.circle(cx, cy, 0.08 + 0.03 * i, fill=(120, 120, 125, 170), outline=None)


@sprite("Car", (160, 60), aliases=("Vehicle", "CarEngine", "Motorbike"), keywords=("vehicle",), place="row", pad=(0.1, 0.4, 0.15, 0.1))  # fmt: skip
def draw_car(pen: Pen, v: ObjView) -> None:
    colour = v.style(pick(v.tint, BRIGHT)).fill
    pen.polygon(
        [(0.2, 0.45), (0.32, 0.05), (0.7, 0.05), (0.82, 0.45)], fill=shade(colour, 0.9), outline=OUTLINE
    )
    pen.polygon(
        [(0.35, 0.4), (0.4, 0.12), (0.5, 0.12), (0.5, 0.4)],
        fill=(175, 215, 240, 255),
        outline=OUTLINE,
        width=1.0,
    )
    pen.polygon(
        [(0.54, 0.4), (0.54, 0.12), (0.66, 0.12), (0.72, 0.4)],
        fill=(175, 215, 240, 255),
        outline=OUTLINE,
        width=1.0,
    )
    pen.rect(0.0, 0.4, 1.0, 0.85, fill=colour, outline=OUTLINE, radius=8)
    for cx in (0.2, 0.8):
        pen.circle(cx, 0.85, 0.07, fill=DARK, outline=OUTLINE)
    if v.active:
        for i, cx in enumerate((1.04, 1.1, 1.16)):
            pen.circle(cx, 0.75 - 0.12 * i, 0.025 + 0.01 * i, fill=(120, 120, 125, 170), outline=None)
