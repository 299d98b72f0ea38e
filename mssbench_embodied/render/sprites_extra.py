"""More sprites: stairs, water heater, ceiling fan, humidifier, shredder, garbage disposal, glue gun, exercise
weights, bicycle, and signs (whose text the renderer writes on the board).

Example:
    >>> from mssbench_embodied.render.spec import spec_for
    >>> spec_for("Sign").text_on, spec_for("water heater").name
    (True, 'waterheater')
"""

from __future__ import annotations

from . import effects as fx
from .palette import DARK, GLOW_ORANGE, GLOW_RED, OUTLINE, RGBA, shade
from .pen import Pen
from .spec import ObjView, sprite
from .sprites_appliances import STEEL, indicator

_SMALL = (0.35, 1.0, 0.35, 0.25)


@sprite("Stairs", (110, 100), aliases=("Staircase", "Stairway", "Steps", "Stair"), keywords=("stair",), surface=(0.62, 0.05, 0.6), place="row", pad=(0.05, 0.1, 0.05, 0.05))  # fmt: skip
def draw_stairs(pen: Pen, v: ObjView) -> None:
    wood = v.style((170, 125, 80, 255)).fill
    n = 5
    for i in range(n):
        x0 = i / n
        y0 = 1.0 - (i + 1) / n
        pen.rect(x0, y0, 1.0, y0 + 1 / n, fill=shade(wood, 1.0 + 0.04 * i), outline=OUTLINE)
        pen.rect(x0, y0, x0 + 0.6 / n, y0 + 0.25 / n, fill=shade(wood, 1.2), outline=None)
    pen.line([(0.05, 0.35), (0.95, -0.5)], DARK, 2.2)


@sprite("WaterHeater", (56, 150), aliases=("Boiler", "HotWaterTank", "ImmersionHeater"), keywords=("waterheater", "boiler"), place="row", pad=(0.1, 0.2, 0.1, 0.05))  # fmt: skip
def draw_water_heater(pen: Pen, v: ObjView) -> None:
    metal = v.style((225, 228, 232, 255)).fill
    pen.line([(0.3, 0.0), (0.3, -0.15)], STEEL, 3.0)
    pen.line([(0.7, 0.0), (0.7, -0.15)], (200, 90, 60, 255), 3.0)
    pen.rect(0.0, 0.02, 1.0, 0.98, fill=metal, outline=OUTLINE, radius=12)
    pen.rect(0.1, 0.06, 0.18, 0.9, fill=(255, 255, 255, 150), outline=None)
    pen.rect(0.35, 0.78, 0.65, 0.9, fill=(40, 35, 32, 255), outline=OUTLINE, radius=2)
    if v.active:
        fx.flames(pen, 0.38, 0.62, 0.89, 0.08, 3)
    indicator(pen, 0.5, 0.7, v.active)
    if v.get("broken") or v.get("leaking"):
        fx.puddle(pen, -0.1, 0.94, 1.1, 1.04)


@sprite("CeilingFan", (90, 26), aliases=("Ceilingfan",), keywords=("ceilingfan",), place="wall", surface=(0.55, 0.05, 0.95), pad=(0.1, 1.5, 0.1, 0.2))  # fmt: skip
def draw_ceiling_fan(pen: Pen, v: ObjView) -> None:
    pen.rect(0.47, -1.5, 0.53, 0.3, fill=DARK, outline=None)
    pen.ellipse(0.38, 0.25, 0.62, 0.75, fill=(235, 235, 230, 255), outline=OUTLINE)
    for x0, x1 in ((0.0, 0.4), (0.6, 1.0)):
        pen.polygon([(x0, 0.45), (x1, 0.4), (x1, 0.6), (x0, 0.7)], fill=(170, 125, 80, 255), outline=OUTLINE)
    if v.active:
        pen.arc(-0.05, 0.1, 1.05, 1.0, 200, 340, OUTLINE, 1.2)
        pen.arc(-0.05, 0.1, 1.05, 1.0, 20, 160, OUTLINE, 1.2)


@sprite("Humidifier", (22, 30), aliases=("Diffuser", "Mister", "AirHumidifier"), keywords=("humidifier", "diffuser"), pad=(0.5, 1.4, 0.5, 0.2))  # fmt: skip
def draw_humidifier(pen: Pen, v: ObjView) -> None:
    body = v.style((245, 245, 245, 255)).fill
    if v.active:
        for dx in (-0.15, 0.05, 0.22):
            pen.wave(0.5 + dx, 0.0, -1.2, 0.08, (220, 235, 245, 220), width=3.0, turns=1.0)
    pen.polygon([(0.15, 0.1), (0.85, 0.1), (0.95, 1.0), (0.05, 1.0)], fill=body, outline=OUTLINE)
    pen.rect(0.2, 0.3, 0.8, 0.7, fill=(170, 215, 240, 220), outline=OUTLINE, radius=3)
    pen.ellipse(0.35, 0.0, 0.65, 0.14, fill=shade(body, 0.9), outline=OUTLINE)
    indicator(pen, 0.5, 0.85, v.active)
    if v.get("wet") or v.get("leaking"):
        fx.puddle(pen, -0.4, 0.9, 1.4, 1.15)


def _shredder_front(pen: Pen, v: ObjView) -> None:
    body = v.style((60, 62, 68, 255)).fill
    pen.rect(0.0, 0.08, 1.0, 0.3, fill=body, outline=OUTLINE, radius=3)
    indicator(pen, 0.88, 0.19, v.active)
    pen.rect(0.05, 0.3, 0.95, 1.0, fill=(200, 205, 212, 200), outline=OUTLINE)
    for i in range(1, 8):
        pen.line([(0.05 + i * 0.1125, 0.35), (0.05 + i * 0.1125, 0.95)], (150, 155, 160, 255), 1.0)
    if v.active:
        for i in range(5):
            x = 0.2 + i * 0.15
            pen.line([(x, 0.3), (x + 0.02, 0.6)], (250, 250, 245, 255), 1.6)


@sprite("Shredder", (36, 40), aliases=("PaperShredder", "DocumentShredder"), keywords=("shredder",), mode="open", opening=(0.15, 0.0, 0.85, 0.14),
        front=_shredder_front, pad=(0.2, 1.0, 0.2, 0.1))  # fmt: skip
def draw_shredder(pen: Pen, v: ObjView) -> None:
    pen.rect(0.12, 0.02, 0.88, 0.1, fill=(20, 20, 22, 255), outline=None)


def _disposal_front(pen: Pen, v: ObjView) -> None:
    pen.arc(0.0, 0.0, 1.0, 1.0, 10, 170, STEEL, 3.0)


@sprite("GarbageDisposal", (16, 7), aliases=("WasteDisposal", "DisposalUnit", "FoodDisposer"), keywords=("disposal",), mode="open", opening=(0.15, 0.1, 0.85, 0.6),
        front=_disposal_front, pad=(0.3, 2.5, 0.3, 0.3))  # fmt: skip
def draw_disposal(pen: Pen, v: ObjView) -> None:
    pen.ellipse(0.0, 0.0, 1.0, 1.0, fill=(30, 30, 34, 255), outline=STEEL, width=2.0)
    for i in range(6):
        pen.line(
            [
                (0.5, 0.5),
                (0.5 + 0.4 * [1, 0.5, -0.5, -1, -0.5, 0.5][i], 0.5 + 0.4 * [0, 0.8, 0.8, 0, -0.8, -0.8][i]),
            ],
            (70, 70, 75, 255),
            1.0,
        )
    if v.active:
        pen.arc(-0.3, -0.6, 1.3, 1.6, 200, 340, OUTLINE, 1.4)


@sprite("GlueGun", (22, 16), aliases=("HotGlueGun", "SolderingIron"), keywords=("gluegun", "soldering"), pad=(0.6, 1.2, 0.3, 0.3))  # fmt: skip
def draw_glue_gun(pen: Pen, v: ObjView) -> None:
    hot = v.active or v.hot
    if hot:
        fx.glow(pen, -0.05, 0.25, 0.25, 0.3, GLOW_ORANGE, rings=3)
        fx.heat_lines(pen, -0.3, 0.3, 0.0, 1.0)
    colour = v.style((80, 140, 210, 255)).fill
    pen.polygon([(0.55, 0.45), (0.8, 0.45), (0.85, 1.0), (0.6, 1.0)], fill=colour, outline=OUTLINE)
    pen.rect(0.1, 0.05, 1.0, 0.5, fill=colour, outline=OUTLINE, radius=4)
    pen.polygon([(0.1, 0.18), (-0.12, 0.25), (0.1, 0.35)], fill=GLOW_RED if hot else STEEL, outline=OUTLINE)
    pen.rect(0.95, 0.2, 1.2, 0.32, fill=(250, 250, 240, 230), outline=OUTLINE, width=0.8)
    indicator(pen, 0.45, 0.28, hot)


@sprite("Dumbbell", (26, 10), aliases=("Weights", "Weight", "Kettlebell", "Barbell", "Dumbbells"), keywords=("dumbbell", "kettlebell", "barbell"), pad=_SMALL)  # fmt: skip
def draw_dumbbell(pen: Pen, v: ObjView) -> None:
    pen.rect(0.2, 0.4, 0.8, 0.6, fill=STEEL, outline=OUTLINE)
    for x0 in (0.0, 0.78):
        pen.rect(x0, 0.0, x0 + 0.22, 1.0, fill=(50, 52, 58, 255), outline=OUTLINE, radius=3)


@sprite("Bicycle", (150, 90), aliases=("Bike", "Scooter", "EBike"), keywords=("bicycle", "bike", "scooter"), place="row", surface=(0.35, 0.6, 0.85), pad=(0.05, 0.2, 0.05, 0.05))  # fmt: skip
def draw_bicycle(pen: Pen, v: ObjView) -> None:
    frame = v.style((200, 50, 50, 255)).fill if v.material not in ("metal", None) else (200, 50, 50, 255)
    for cx in (0.2, 0.8):
        pen.circle(cx, 0.65, 0.18, fill=None, outline=DARK)
        pen.circle(cx, 0.65, 0.02, fill=DARK, outline=None)
    pts = [(0.2, 0.65), (0.45, 0.65), (0.35, 0.3), (0.7, 0.3), (0.8, 0.65)]
    pen.line(pts, frame, 3.0)
    pen.line([(0.45, 0.65), (0.7, 0.3)], frame, 3.0)
    pen.line([(0.35, 0.3), (0.33, 0.18)], DARK, 2.0)
    pen.rect(0.27, 0.14, 0.4, 0.19, fill=DARK, outline=None, radius=2)
    pen.line([(0.7, 0.3), (0.68, 0.12), (0.75, 0.1)], DARK, 2.0)


SIGN_BOARD: RGBA = (255, 252, 235, 255)


@sprite("Sign", (64, 40), aliases=("Notice", "WarningSign", "Note", "Card", "Banner", "Poster"), keywords=("sign", "notice", "poster", "banner"),
        place="wall", text_on=True, pad=(0.05, 0.1, 0.05, 0.1))  # fmt: skip
def draw_sign(pen: Pen, v: ObjView) -> None:
    pen.rect(0.0, 0.0, 1.0, 1.0, fill=SIGN_BOARD, outline=OUTLINE, radius=3)
    pen.rect(0.03, 0.05, 0.97, 0.95, fill=None, outline=(200, 60, 50, 255), width=1.2, radius=2)
    pen.circle(0.5, 0.04, 0.02, fill=DARK, outline=None)
