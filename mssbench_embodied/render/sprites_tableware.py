"""Tableware and cookware sprites: bowls, plates, cups, glasses, pans, pots, trays, containers, utensils.

Containers are drawn in two layers: the inside (behind their contents) and the front wall (over them), so food
sits *in* a bowl and a fork sticks *out of* a cup. Material decides the look: metal is grey with a highlight,
glass translucent blue, ceramic white, paper off-white, plastic saturated.

Example:
    >>> from mssbench_embodied.render.spec import spec_for
    >>> spec_for("frying pan").name, spec_for("WineGlass").name
    ('pan', 'glass')
"""

from __future__ import annotations

from . import effects as fx
from .palette import DARK, OUTLINE, RGBA, liquid_colour, shade, with_alpha
from .pen import Pen
from .spec import ObjView, sprite

CERAMIC: RGBA = (246, 246, 240, 255)
METAL: RGBA = (178, 184, 192, 255)
CAST_IRON: RGBA = (70, 72, 78, 255)


def _hot(pen: Pen, v: ObjView, x0: float = 0.1, x1: float = 0.9, top: float = 0.0) -> None:
    if v.hot:
        fx.heat_lines(pen, x0, x1, top, 1.1)


def _broken(pen: Pen, v: ObjView, fill: RGBA) -> bool:
    if not v.get("broken"):
        return False
    fx.shards(pen, 0.0, 1.0, 1.0, fill)
    return True


def _liquid(pen: Pen, v: ObjView, x0: float, y0: float, x1: float, y1: float) -> None:
    if v.filled:
        pen.ellipse(x0, y0, x1, y1, fill=with_alpha(liquid_colour(v.filled), 255), outline=None)
        if v.hot or v.active:
            for i in range(3):
                cx = x0 + (x1 - x0) * (0.25 + 0.25 * i)
                pen.circle(cx, (y0 + y1) / 2, (x1 - x0) * 0.04, fill=None, outline=(255, 255, 255, 220))


def _bowl_back(pen: Pen, v: ObjView) -> None:
    style = v.style(CERAMIC)
    if v.get("broken"):
        return
    pen.ellipse(0.02, 0.0, 0.98, 0.4, fill=shade(style.fill, 0.82), outline=style.outline)
    _liquid(pen, v, 0.08, 0.06, 0.92, 0.34)


def _bowl_front(pen: Pen, v: ObjView) -> None:
    style = v.style(CERAMIC)
    if _broken(pen, v, style.fill):
        return
    pen.chord(0.02, -0.6, 0.98, 1.0, 0, 180, style.fill, style.outline)
    pen.rect(0.35, 0.92, 0.65, 1.0, fill=shade(style.fill, 0.9), outline=style.outline, width=1.0)
    if style.highlight:
        pen.arc(0.1, -0.4, 0.9, 0.85, 120, 160, style.highlight, 2.2)
    if v.get("wet"):
        fx.drops(pen, [(0.3, 0.7), (0.6, 0.8)], 0.05)
    _hot(pen, v, top=-0.2)


@sprite("Bowl", (24, 12), aliases=("MixingBowl", "SoupBowl", "Dish"), keywords=("bowl",), mode="open",
        opening=(0.12, 0.05, 0.88, 0.6), front=_bowl_front, pad=(0.25, 1.2, 0.25, 0.25))  # fmt: skip
def draw_bowl(pen: Pen, v: ObjView) -> None:
    _bowl_back(pen, v)


@sprite("Plate", (28, 5), aliases=("DinnerPlate", "Saucer", "Platter"), keywords=("plate", "saucer"), mode="flat",
        surface=(0.45, 0.15, 0.85), pad=(0.25, 2.0, 0.25, 0.6))  # fmt: skip
def draw_plate(pen: Pen, v: ObjView) -> None:
    style = v.style(CERAMIC)
    if _broken(pen, v, style.fill):
        return
    pen.ellipse(0.0, 0.0, 1.0, 1.0, fill=style.fill, outline=style.outline)
    pen.ellipse(
        0.15, 0.2, 0.85, 0.8, fill=shade(style.fill, 0.93), outline=with_alpha(style.outline, 120), width=1.0
    )
    _hot(pen, v, top=-1.0)


def _cup_back(pen: Pen, v: ObjView, default: RGBA) -> None:
    style = v.style(default)
    if v.get("broken"):
        return
    pen.ellipse(0.05, 0.0, 0.85, 0.22, fill=shade(style.fill, 0.7), outline=style.outline, width=1.0)
    _liquid(pen, v, 0.1, 0.03, 0.8, 0.19)


def _cup_front(pen: Pen, v: ObjView, default: RGBA) -> None:
    style = v.style(default)
    if _broken(pen, v, style.fill):
        return
    pen.arc(0.62, 0.25, 1.02, 0.7, 270, 90, style.outline, 3.6)
    pen.arc(0.62, 0.25, 1.02, 0.7, 270, 90, style.fill, 2.0)
    pen.polygon(
        [(0.05, 0.11), (0.85, 0.11), (0.78, 1.0), (0.12, 1.0)], fill=style.fill, outline=style.outline
    )
    if v.material in ("paper", "cardboard"):
        pen.rect(0.09, 0.45, 0.81, 0.7, fill=(170, 120, 70, 255), outline=None)
    if style.highlight:
        pen.rect(0.2, 0.2, 0.28, 0.85, fill=style.highlight, outline=None)
    if v.hot and v.filled:
        fx.steam(pen, 0.45, -0.05, 0.9, 0.15)
    elif v.hot:
        _hot(pen, v, top=-0.1)


@sprite("Cup", (12, 13), aliases=("TeaCup", "PaperCup", "PlasticCup"), keywords=("cup",), mode="open",
        opening=(0.12, 0.05, 0.78, 0.4), front=lambda p, v: _cup_front(p, v, (230, 90, 80, 255)), pad=(0.3, 1.0, 0.4, 0.2))  # fmt: skip
def draw_cup(pen: Pen, v: ObjView) -> None:
    _cup_back(pen, v, (230, 90, 80, 255))


@sprite("Mug", (13, 14), aliases=("CoffeeMug", "TeaMug"), keywords=("mug",), mode="open",
        opening=(0.12, 0.05, 0.78, 0.4), front=lambda p, v: _cup_front(p, v, CERAMIC), pad=(0.3, 1.0, 0.4, 0.2))  # fmt: skip
def draw_mug(pen: Pen, v: ObjView) -> None:
    _cup_back(pen, v, CERAMIC)


def _glass_front(pen: Pen, v: ObjView) -> None:
    style = v.style((175, 215, 240, 140))
    if _broken(pen, v, (190, 225, 245, 230)):
        return
    pen.polygon(
        [(0.0, 0.0), (1.0, 0.0), (0.85, 1.0), (0.15, 1.0)],
        fill=with_alpha(style.fill, 90),
        outline=style.outline,
    )
    pen.ellipse(0.0, -0.06, 1.0, 0.08, fill=None, outline=style.outline, width=1.0)
    pen.line([(0.2, 0.15), (0.3, 0.85)], (255, 255, 255, 200), 1.8)
    _hot(pen, v, top=-0.1)


@sprite("Glass", (10, 16), aliases=("DrinkingGlass", "WineGlass", "Tumbler", "WaterGlass"), keywords=("glass", "tumbler"),
        mode="open", opening=(0.15, 0.05, 0.85, 0.5), front=_glass_front, pad=(0.3, 1.0, 0.3, 0.2))  # fmt: skip
def draw_glass(pen: Pen, v: ObjView) -> None:
    if v.filled and not v.get("broken"):
        pen.polygon(
            [(0.06, 0.35), (0.94, 0.35), (0.85, 1.0), (0.15, 1.0)], fill=liquid_colour(v.filled), outline=None
        )


@sprite("Teapot", (26, 22), aliases=("TeaPot",), keywords=("teapot",), mode="open", opening=(0.3, 0.1, 0.7, 0.3),
        lid=True, pad=(0.35, 0.8, 0.35, 0.15))  # fmt: skip
def draw_teapot(pen: Pen, v: ObjView) -> None:
    style = v.style(CERAMIC)
    if _broken(pen, v, style.fill):
        return
    pen.polygon(
        [(0.15, 0.55), (-0.15, 0.2), (-0.08, 0.16), (0.22, 0.4)], fill=style.fill, outline=style.outline
    )
    pen.arc(0.7, 0.3, 1.12, 0.8, 270, 90, style.outline, 3.6)
    pen.ellipse(0.08, 0.18, 0.92, 1.0, fill=style.fill, outline=style.outline)
    pen.ellipse(0.3, 0.08, 0.7, 0.26, fill=shade(style.fill, 0.92), outline=style.outline)
    pen.circle(0.5, 0.06, 0.06, fill=style.fill, outline=style.outline)
    if v.hot:
        fx.steam(pen, -0.12, 0.12, 0.7, 0.1)


def _pan_front(pen: Pen, v: ObjView) -> None:
    style = v.style(METAL)
    pen.polygon([(0.6, 0.24), (1.0, 0.14), (1.0, 0.34), (0.62, 0.42)], fill=DARK, outline=OUTLINE)
    pen.polygon([(0.0, 0.3), (0.66, 0.3), (0.6, 1.0), (0.06, 1.0)], fill=style.fill, outline=style.outline)
    if style.highlight:
        pen.rect(0.1, 0.45, 0.5, 0.55, fill=with_alpha(style.highlight, 140), outline=None)
    _hot(pen, v, 0.0, 0.66, -0.3)


@sprite("Pan", (40, 10), aliases=("FryingPan", "Skillet", "Wok", "Griddle", "SautePan"), keywords=("pan", "skillet", "wok"),
        mode="open", opening=(0.06, 0.0, 0.6, 0.5), surface=(0.2, 0.05, 0.6), front=_pan_front, pad=(0.2, 2.5, 0.2, 0.4))  # fmt: skip
def draw_pan(pen: Pen, v: ObjView) -> None:
    style = v.style(METAL)
    pen.ellipse(0.0, 0.0, 0.66, 0.6, fill=shade(style.fill, 0.6), outline=style.outline)
    if v.filled:
        pen.ellipse(0.06, 0.08, 0.6, 0.52, fill=with_alpha(liquid_colour(v.filled), 255), outline=None)
        if v.hot:
            fx.steam(pen, 0.33, 0.0, 2.2, 0.12)


def _pot_front(pen: Pen, v: ObjView) -> None:
    style = v.style(METAL)
    for x0, x1 in ((-0.1, 0.08), (0.92, 1.1)):
        pen.rect(x0, 0.22, x1, 0.34, fill=DARK, outline=OUTLINE, radius=2)
    pen.rect(0.04, 0.12, 0.96, 1.0, fill=style.fill, outline=style.outline, radius=3)
    if style.highlight:
        pen.rect(0.14, 0.2, 0.22, 0.9, fill=style.highlight, outline=None)
    if v.filled and v.hot:
        fx.steam(pen, 0.5, -0.02, 0.9, 0.25)
    else:
        _hot(pen, v, top=-0.05)


@sprite("Pot", (30, 24), aliases=("Saucepan", "CookingPot", "Stockpot", "DutchOven", "CasseroleDish"), keywords=("pot", "saucepan"),
        mode="open", opening=(0.1, 0.03, 0.9, 0.45), front=_pot_front, pad=(0.25, 1.0, 0.25, 0.15))  # fmt: skip
def draw_pot(pen: Pen, v: ObjView) -> None:
    style = v.style(METAL)
    pen.ellipse(0.04, 0.0, 0.96, 0.24, fill=shade(style.fill, 0.55), outline=style.outline)
    _liquid(pen, v, 0.08, 0.03, 0.92, 0.21)


def _tray(pen: Pen, v: ObjView, default: RGBA) -> None:
    style = v.style(default)
    pen.polygon([(0.0, 0.0), (1.0, 0.0), (0.95, 1.0), (0.05, 1.0)], fill=style.fill, outline=style.outline)
    pen.rect(0.06, 0.15, 0.94, 0.5, fill=shade(style.fill, 0.85), outline=None)
    if v.material in ("aluminium", "aluminum"):
        for i in range(5):
            pen.line([(0.1 + i * 0.18, 0.1), (0.16 + i * 0.18, 0.9)], (255, 255, 255, 170), 1.0)
    _hot(pen, v, top=-1.5)


@sprite("BakingTray", (40, 5), aliases=("BakingSheet", "OvenTray", "RoastingTin", "CookieSheet", "OvenRack"), keywords=("tray", "bakingsheet"),
        mode="flat", surface=(0.3, 0.05, 0.95), pad=(0.15, 2.5, 0.15, 0.6))  # fmt: skip
def draw_baking_tray(pen: Pen, v: ObjView) -> None:
    _tray(pen, v, METAL)


@sprite(
    "Tray",
    (40, 5),
    aliases=("ServingTray", "TeaTray"),
    mode="flat",
    surface=(0.3, 0.05, 0.95),
    pad=(0.15, 2.5, 0.15, 0.6),
)
def draw_tray(pen: Pen, v: ObjView) -> None:
    _tray(pen, v, (160, 110, 65, 255))


def _container_front(pen: Pen, v: ObjView) -> None:
    style = v.style((120, 170, 230, 255))
    see_through = v.material in ("glass", "plastic")
    fill = with_alpha(style.fill, 110) if see_through else style.fill
    pen.rect(0.0, 0.25, 1.0, 1.0, fill=fill, outline=style.outline, radius=3)
    if v.material in ("aluminium", "aluminum", "metal", "steel"):
        for i in range(6):
            pen.line(
                [(0.08 + i * 0.16, 0.3), (0.14 + i * 0.16, 0.62), (0.08 + i * 0.16, 0.95)],
                (255, 255, 255, 200),
                1.2,
            )
    if not v.is_open:
        lid = (235, 235, 240, 200) if see_through else shade(style.fill, 1.15)
        pen.rect(-0.03, 0.1, 1.03, 0.3, fill=lid, outline=OUTLINE, radius=3)
    _hot(pen, v, top=-0.2)


@sprite("FoodContainer", (26, 14), aliases=("Tupperware", "Lunchbox", "TakeoutContainer", "PlasticContainer"),
        keywords=("container", "lunchbox", "takeout", "takeaway"), mode="open", opening=(0.08, 0.2, 0.92, 0.6),
        front=_container_front, pad=(0.2, 1.0, 0.2, 0.2))  # fmt: skip
def draw_container(pen: Pen, v: ObjView) -> None:
    style = v.style((120, 170, 230, 255))
    pen.rect(0.0, 0.25, 1.0, 0.45, fill=shade(style.fill, 0.7), outline=None, radius=2)


@sprite("CuttingBoard", (40, 4), aliases=("ChoppingBoard",), keywords=("cuttingboard", "choppingboard"), mode="flat",
        surface=(0.3, 0.05, 0.95), pad=(0.15, 2.5, 0.25, 0.6))  # fmt: skip
def draw_board(pen: Pen, v: ObjView) -> None:
    style = v.style((190, 140, 85, 255))
    pen.rect(0.0, 0.0, 1.0, 1.0, fill=style.fill, outline=style.outline, radius=3)
    pen.rect(0.88, 0.25, 0.95, 0.75, fill=shade(style.fill, 0.6), outline=None, radius=2)


def _utensil(pen: Pen, v: ObjView, head: str) -> None:
    """A utensil lying flat (handle right) or standing upright (handle down) when the ``upright`` flag is set."""
    metal = v.style(METAL)
    handle = (40, 40, 45, 255) if head == "knife" else metal.fill
    if "upright" in v.flags:

        def p(a: float, b: float) -> tuple[float, float]:
            return (0.5 + (b - 0.5) * 1.0, a)

    else:

        def p(a: float, b: float) -> tuple[float, float]:
            return (a, b)

    pen.polygon(
        [p(0.55, 0.3), p(1.0, 0.32), p(1.0, 0.68), p(0.55, 0.7)], fill=handle, outline=OUTLINE, width=1.0
    )
    if head == "knife":
        pen.polygon(
            [p(0.0, 0.55), p(0.08, 0.05), p(0.57, 0.05), p(0.57, 0.75)],
            fill=metal.fill,
            outline=OUTLINE,
            width=1.0,
        )
        pen.line([p(0.1, 0.2), p(0.5, 0.2)], (255, 255, 255, 220), 1.2)
    elif head == "fork":
        pen.polygon(
            [p(0.2, 0.2), p(0.57, 0.35), p(0.57, 0.65), p(0.2, 0.8)],
            fill=metal.fill,
            outline=OUTLINE,
            width=1.0,
        )
        for b in (0.25, 0.5, 0.75):
            pen.line([p(0.0, b), p(0.22, b)], OUTLINE, 1.8)
            pen.line([p(0.0, b), p(0.22, b)], metal.fill, 1.0)
    elif head == "spoon":
        pen.polygon(
            [p(0.25, 0.42), p(0.57, 0.4), p(0.57, 0.6), p(0.25, 0.58)],
            fill=metal.fill,
            outline=OUTLINE,
            width=1.0,
        )
        a0, b0 = p(0.0, 0.0)
        a1, b1 = p(0.3, 1.0)
        pen.ellipse(a0, b0, a1, b1, fill=metal.fill, outline=OUTLINE, width=1.0)
    else:
        a0, b0 = p(0.0, 0.05)
        a1, b1 = p(0.3, 0.95)
        pen.rect(a0, b0, a1, b1, fill=v.style((60, 60, 66, 255)).fill, outline=OUTLINE, radius=2)
        pen.polygon(
            [p(0.28, 0.4), p(0.57, 0.4), p(0.57, 0.6), p(0.28, 0.6)],
            fill=metal.fill,
            outline=OUTLINE,
            width=1.0,
        )
    if v.hot:
        fx.heat_lines(pen, 0.1, 0.9, 0.0, 1.0)


_UTENSIL_PAD = (0.15, 1.0, 0.15, 0.3)


@sprite("Knife", (30, 6), upright=(7, 28), aliases=("KitchenKnife", "ChefKnife", "BreadKnife", "ButterKnife"), keywords=("knife",), pad=_UTENSIL_PAD)  # fmt: skip
def draw_knife(pen: Pen, v: ObjView) -> None:
    _utensil(pen, v, "knife")


@sprite("Fork", (22, 5), upright=(5, 22), keywords=("fork",), pad=_UTENSIL_PAD)
def draw_fork(pen: Pen, v: ObjView) -> None:
    _utensil(pen, v, "fork")


@sprite(
    "Spoon",
    (22, 5),
    upright=(5, 22),
    aliases=("Teaspoon", "Tablespoon"),
    keywords=("spoon",),
    pad=_UTENSIL_PAD,
)
def draw_spoon(pen: Pen, v: ObjView) -> None:
    _utensil(pen, v, "spoon")


@sprite("Spatula", (26, 6), upright=(6, 26), aliases=("Turner", "Ladle", "Whisk", "Tongs"), keywords=("spatula", "ladle", "whisk"), pad=_UTENSIL_PAD)  # fmt: skip
def draw_spatula(pen: Pen, v: ObjView) -> None:
    _utensil(pen, v, "spatula")


@sprite("Scissors", (18, 10), aliases=("Shears",), keywords=("scissors", "shears"), pad=(0.2, 0.6, 0.2, 0.3))
def draw_scissors(pen: Pen, v: ObjView) -> None:
    metal = v.style(METAL).fill
    pen.polygon([(0.0, 0.35), (0.6, 0.5), (0.0, 0.5)], fill=metal, outline=OUTLINE, width=1.0)
    pen.polygon([(0.0, 0.65), (0.6, 0.5), (0.0, 0.55)], fill=metal, outline=OUTLINE, width=1.0)
    for cy in (0.25, 0.75):
        pen.ellipse(0.6, cy - 0.22, 0.98, cy + 0.22, fill=None, outline=(220, 60, 60, 255), width=2.4)
