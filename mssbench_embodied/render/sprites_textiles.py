"""Textiles, paper goods and wraps: towels, cloths, clothes, oven mitts, paper towels, bags, foil, cling film.

All of them can burn (flames when ``lit``/``burning``) and get wet.

Example:
    >>> from mssbench_embodied.render.spec import spec_for
    >>> spec_for("tea towel").name, spec_for("tin foil").name
    ('towel', 'aluminiumfoil')
"""

from __future__ import annotations

from . import effects as fx
from .palette import BRIGHT, OUTLINE, RGBA, pick, shade, with_alpha
from .pen import Pen
from .spec import ObjView, sprite

_SMALL = (0.3, 1.0, 0.3, 0.25)


def _wet(pen: Pen, v: ObjView) -> None:
    if v.get("wet"):
        fx.drops(pen, [(0.25, 0.55), (0.7, 0.45), (0.5, 0.85)], 0.06)


def _cloth(pen: Pen, v: ObjView, default: RGBA, stripes: bool = True) -> None:
    style = v.style(default)
    colour = style.fill
    if v.get("lit") or v.get("burning"):
        fx.flames(pen, 0.1, 0.9, 0.3, 1.2, 3)
    pen.rect(0.0, 0.0, 1.0, 1.0, fill=colour, outline=OUTLINE, radius=4)
    pen.line([(0.03, 0.5), (0.97, 0.5)], shade(colour, 0.8), 1.2)
    if stripes:
        for x in (0.12, 0.18, 0.82, 0.88):
            pen.line([(x, 0.05), (x, 0.95)], shade(colour, 1.4), 1.4)
    _wet(pen, v)
    if v.hot:
        fx.heat_lines(pen, 0.1, 0.9, 0.0, 1.2)


@sprite("Towel", (30, 12), aliases=("TeaTowel", "DishTowel", "HandTowel", "BathTowel", "KitchenTowel"), keywords=("towel",), pad=(0.2, 1.4, 0.2, 0.25))  # fmt: skip
def draw_towel(pen: Pen, v: ObjView) -> None:
    _cloth(pen, v, (90, 150, 210, 255))


@sprite("Cloth", (22, 6), aliases=("Rag", "Dishcloth", "Washcloth", "Duster"), keywords=("cloth", "rag"), pad=(0.2, 2.0, 0.2, 0.4))  # fmt: skip
def draw_cloth(pen: Pen, v: ObjView) -> None:
    _cloth(pen, v, (230, 120, 100, 255), stripes=False)


@sprite("Clothes", (30, 14), aliases=("Clothing", "Shirt", "TShirt", "Sweater", "Jumper", "Laundry", "Jeans", "Dress", "Socks", "Jacket", "Garment"),
        keywords=("clothes", "shirt", "sweater", "garment", "jacket"), pad=(0.2, 1.4, 0.2, 0.25))  # fmt: skip
def draw_clothes(pen: Pen, v: ObjView) -> None:
    style = v.style(pick(v.tint, BRIGHT))
    if v.get("lit") or v.get("burning"):
        fx.flames(pen, 0.1, 0.9, 0.3, 1.2, 3)
    pen.polygon(
        [(0.0, 0.3), (0.2, 0.0), (0.8, 0.0), (1.0, 0.3), (1.0, 1.0), (0.0, 1.0)],
        fill=style.fill,
        outline=OUTLINE,
    )
    pen.arc(0.35, -0.2, 0.65, 0.25, 0, 180, OUTLINE, 1.2)
    pen.line([(0.05, 0.62), (0.95, 0.62)], shade(style.fill, 0.8), 1.2)
    _wet(pen, v)
    if v.hot:
        fx.heat_lines(pen, 0.1, 0.9, 0.0, 1.2)


@sprite(
    "OvenMitt",
    (14, 20),
    aliases=("OvenGlove", "PotHolder", "Potholder"),
    keywords=("mitt", "potholder"),
    pad=_SMALL,
)
def draw_mitt(pen: Pen, v: ObjView) -> None:
    colour = v.style((220, 70, 60, 255)).fill
    if v.get("lit") or v.get("burning"):
        fx.flames(pen, 0.0, 1.0, 0.3, 1.0, 2)
    pen.ellipse(0.0, 0.2, 0.45, 0.6, fill=colour, outline=OUTLINE)
    pen.rect(0.2, 0.0, 1.0, 1.0, fill=colour, outline=OUTLINE, radius=8)
    pen.rect(0.2, 0.82, 1.0, 1.0, fill=(245, 245, 245, 255), outline=OUTLINE, radius=2)


@sprite("PaperTowelRoll", (12, 22), aliases=("PaperTowels", "PaperTowel", "KitchenRoll", "Tissues", "Napkins"), keywords=("papertowel", "tissue", "napkin", "kitchenroll"), pad=_SMALL)  # fmt: skip
def draw_paper_towel(pen: Pen, v: ObjView) -> None:
    if v.get("lit") or v.get("burning"):
        fx.flames(pen, 0.0, 1.0, 0.2, 0.9, 2)
    paper = v.style((250, 248, 240, 255)).fill
    pen.rect(0.0, 0.05, 1.0, 0.95, fill=paper, outline=OUTLINE, radius=2)
    pen.ellipse(0.0, -0.05, 1.0, 0.15, fill=shade(paper, 0.95), outline=OUTLINE)
    pen.ellipse(0.35, 0.0, 0.65, 0.1, fill=(190, 160, 120, 255), outline=None)
    for y in (0.35, 0.65):
        pen.line([(0.05, y), (0.95, y)], (200, 200, 195, 255), 1.0)
    _wet(pen, v)


@sprite("PaperBag", (22, 26), aliases=("BrownBag",), keywords=("paperbag",), pad=_SMALL)
def draw_paper_bag(pen: Pen, v: ObjView) -> None:
    colour = v.style((200, 160, 110, 255)).fill
    pen.polygon([(0.0, 0.1), (1.0, 0.1), (0.95, 1.0), (0.05, 1.0)], fill=colour, outline=OUTLINE)
    pen.polygon(
        [(0.0, 0.1), (0.2, 0.0), (0.4, 0.1), (0.6, 0.0), (0.8, 0.1), (1.0, 0.0), (1.0, 0.1)],
        fill=shade(colour, 0.9),
        outline=OUTLINE,
        width=1.0,
    )


@sprite(
    "PlasticBag",
    (24, 24),
    aliases=("ShoppingBag", "CarrierBag", "BinBag", "Bag"),
    keywords=("bag",),
    pad=_SMALL,
)
def draw_plastic_bag(pen: Pen, v: ObjView) -> None:
    colour = with_alpha(v.style(pick(v.tint, BRIGHT)).fill, 190)
    pen.arc(0.1, -0.15, 0.45, 0.4, 180, 360, OUTLINE, 2.2)
    pen.arc(0.55, -0.15, 0.9, 0.4, 180, 360, OUTLINE, 2.2)
    pen.polygon([(0.05, 0.12), (0.95, 0.12), (1.0, 0.95), (0.0, 0.95)], fill=colour, outline=OUTLINE)
    pen.line([(0.3, 0.3), (0.4, 0.8)], (255, 255, 255, 160), 1.4)
    if v.hot:
        fx.heat_lines(pen, 0.1, 0.9, 0.0, 0.6)


def _roll_box(pen: Pen, v: ObjView, sheet: RGBA, box: RGBA) -> None:
    pen.rect(0.0, 0.1, 1.0, 1.0, fill=box, outline=OUTLINE, radius=2)
    pen.rect(0.05, 0.0, 0.95, 0.25, fill=sheet, outline=OUTLINE, radius=2)
    pen.line([(0.1, 0.12), (0.9, 0.12)], (255, 255, 255, 200), 1.2)


@sprite("AluminiumFoil", (26, 8), aliases=("AluminumFoil", "TinFoil", "Foil", "KitchenFoil", "FoilTray"), keywords=("foil",), pad=(0.2, 1.6, 0.2, 0.4))  # fmt: skip
def draw_foil(pen: Pen, v: ObjView) -> None:
    pts = [
        (0.0, 0.5),
        (0.15, 0.1),
        (0.35, 0.3),
        (0.5, 0.0),
        (0.7, 0.25),
        (0.9, 0.05),
        (1.0, 0.5),
        (0.9, 1.0),
        (0.1, 1.0),
    ]
    pen.polygon(pts, fill=(205, 210, 216, 255), outline=OUTLINE)
    for a, b in (((0.2, 0.3), (0.4, 0.8)), ((0.55, 0.2), (0.5, 0.9)), ((0.75, 0.3), (0.85, 0.8))):
        pen.line([a, b], (255, 255, 255, 230), 1.2)


@sprite("PlasticWrap", (30, 7), aliases=("ClingFilm", "ClingWrap", "SaranWrap"), keywords=("wrap", "clingfilm"), pad=(0.2, 1.6, 0.2, 0.4))  # fmt: skip
def draw_wrap(pen: Pen, v: ObjView) -> None:
    _roll_box(pen, v, (220, 235, 245, 200), (60, 130, 200, 255))
