"""Miscellaneous items: candles and matches, paper, toys, plants, bedding, tools, fuel, puddles.

Example:
    >>> from mssbench_embodied.render.spec import spec_for
    >>> spec_for("Puddle").place, spec_for("Candle").name
    ('floor', 'candle')
"""

from __future__ import annotations

from mssbench_embodied.world.catalog import split_camel
from mssbench_embodied.world.looks import look_of

from . import effects as fx
from .palette import BRIGHT, OUTLINE, RGBA, WATER, liquid_colour, pick, shade, with_alpha
from .pen import Pen
from .spec import ObjView, sprite

_SMALL = (0.3, 1.2, 0.3, 0.25)


def _burning(pen: Pen, v: ObjView, h: float = 1.2) -> None:
    if v.get("lit") or v.get("burning") or v.get("on"):
        fx.flames(pen, 0.05, 0.95, 0.35, h, 3)


@sprite("Candle", (8, 18), aliases=("Candles", "TeaLight", "Tealight", "ScentedCandle"), keywords=("candle",), pad=(0.8, 1.3, 0.8, 0.2))  # fmt: skip
def draw_candle(pen: Pen, v: ObjView) -> None:
    wax = v.style((245, 238, 215, 255)).fill if v.material == "wax" else (245, 238, 215, 255)
    pen.ellipse(-0.4, 0.88, 1.4, 1.05, fill=(200, 170, 80, 255), outline=OUTLINE)
    pen.rect(0.05, 0.15, 0.95, 0.95, fill=wax, outline=OUTLINE, radius=2)
    pen.ellipse(0.05, 0.1, 0.95, 0.22, fill=shade(wax, 0.92), outline=OUTLINE, width=1.0)
    pen.line([(0.5, 0.15), (0.5, 0.03)], OUTLINE, 1.4)
    if v.get("lit") or v.get("on"):
        fx.flame(pen, 0.5, 0.06, 1.0, 0.75)


@sprite(
    "Matches",
    (12, 7),
    aliases=("Matchbox", "Lighter", "Match"),
    keywords=("match", "lighter"),
    pad=(0.4, 2.0, 0.4, 0.3),
)
def draw_matches(pen: Pen, v: ObjView) -> None:
    pen.rect(0.0, 0.3, 1.0, 1.0, fill=(230, 70, 50, 255), outline=OUTLINE, radius=2)
    pen.rect(0.1, 0.45, 0.9, 0.85, fill=(250, 230, 90, 255), outline=None)
    for x in (0.25, 0.45, 0.65):
        pen.line([(x, 0.3), (x + 0.05, -0.1)], (200, 160, 100, 255), 1.6)
        pen.circle(x + 0.05, -0.12, 0.06, fill=(200, 30, 30, 255), outline=None)
    if v.get("lit") or v.get("on"):
        fx.flame(pen, 0.5, -0.15, 0.6, 1.2)


def _paper_flames(pen: Pen, v: ObjView) -> None:
    if v.get("lit") or v.get("burning"):
        fx.flames(pen, 0.05, 0.95, 0.3, 2.5, 3)


@sprite("Book", (22, 6), aliases=("Books", "Novel", "Textbook", "Magazine", "Cookbook"), keywords=("book", "magazine"), pad=(0.2, 2.4, 0.2, 0.4))  # fmt: skip
def draw_book(pen: Pen, v: ObjView) -> None:
    cover = pick(v.tint, BRIGHT)
    _paper_flames(pen, v)
    pen.rect(0.0, 0.0, 1.0, 1.0, fill=cover, outline=OUTLINE, radius=1)
    pen.rect(0.04, 0.3, 0.96, 0.75, fill=(250, 248, 238, 255), outline=None)
    for y in (0.42, 0.6):
        pen.line([(0.06, y), (0.94, y)], (200, 195, 185, 255), 0.8)
    _wet_paper(pen, v)


def _wet_paper(pen: Pen, v: ObjView) -> None:
    if v.get("wet"):
        fx.drops(pen, [(0.3, 0.3), (0.7, 0.4)], 0.04)


@sprite("Newspaper", (26, 5), upright=(20, 16), aliases=("Newspapers", "Paper", "Papers", "Documents", "Mail", "Letters", "Paperwork", "Flyer"),
        keywords=("newspaper", "paper", "document", "letter", "mail"), pad=(0.2, 3.0, 0.2, 0.5))  # fmt: skip
def draw_newspaper(pen: Pen, v: ObjView) -> None:
    _paper_flames(pen, v)
    if "upright" in v.flags:  # loose in a basket or bin: a crumpled sheet sticking out, not a flat stack
        crumple = [(0.05, 0.35), (0.3, 0.05), (0.55, 0.2), (0.8, 0.0), (1.0, 0.3), (0.92, 0.7), (1.0, 1.0),
                   (0.5, 0.9), (0.0, 1.0), (0.1, 0.65)]  # fmt: skip
        pen.polygon(crumple, fill=(240, 232, 205, 255), outline=OUTLINE, width=1.4)
        for line in (((0.3, 0.05), (0.45, 0.55), (0.92, 0.7)), ((0.1, 0.65), (0.45, 0.55), (0.5, 0.9))):
            pen.line(list(line), (150, 140, 115, 255), 1.0)
        _wet_paper(pen, v)
        return
    pen.polygon(
        [(0.02, 0.2), (0.98, 0.0), (1.0, 0.85), (0.0, 1.0)], fill=(238, 234, 218, 255), outline=OUTLINE
    )
    for i in range(3):
        y = 0.3 + i * 0.2
        pen.line([(0.08, y + 0.05), (0.45, y)], (110, 110, 110, 255), 1.0)
        pen.line([(0.55, y - 0.02), (0.92, y - 0.07)], (110, 110, 110, 255), 1.0)
    _wet_paper(pen, v)


@sprite("Toy", (18, 20), aliases=("Toys", "TeddyBear", "StuffedAnimal", "Doll", "ToyCar"), keywords=("toy", "teddy", "doll"), pad=_SMALL)  # fmt: skip
def draw_toy(pen: Pen, v: ObjView) -> None:
    fur = (170, 115, 70, 255)
    for cx in (0.22, 0.78):
        pen.circle(cx, 0.08, 0.13, fill=fur, outline=OUTLINE)
    pen.ellipse(0.15, 0.45, 0.85, 1.0, fill=fur, outline=OUTLINE)
    pen.ellipse(0.2, 0.0, 0.8, 0.52, fill=fur, outline=OUTLINE)
    pen.ellipse(0.38, 0.25, 0.62, 0.45, fill=(230, 200, 160, 255), outline=None)
    for cx in (0.38, 0.62):
        pen.circle(cx, 0.2, 0.04, fill=OUTLINE, outline=None)
    pen.rect(0.3, 0.55, 0.7, 0.62, fill=pick(v.tint, BRIGHT), outline=None)


@sprite("SmallToy", (12, 6), aliases=("Lego", "LegoBrick", "Marble", "Marbles", "SmallParts", "Beads"), keywords=("lego", "marble", "bead"), pad=_SMALL)  # fmt: skip
def draw_small_toy(pen: Pen, v: ObjView) -> None:
    for i, (x0, y0) in enumerate(((0.0, 0.4), (0.35, 0.5), (0.65, 0.35))):
        colour = BRIGHT[(v.tint + i) % len(BRIGHT)]
        pen.rect(x0, y0, x0 + 0.32, y0 + 0.5, fill=colour, outline=OUTLINE, width=1.0)
        pen.rect(x0 + 0.05, y0 - 0.12, x0 + 0.13, y0, fill=colour, outline=OUTLINE, width=0.8)
        pen.rect(x0 + 0.19, y0 - 0.12, x0 + 0.27, y0, fill=colour, outline=OUTLINE, width=0.8)


@sprite("Coin", (9, 4), aliases=("Coins", "Change", "Key", "Keys", "Earring", "Jewellery", "Jewelry"), keywords=("coin", "keys", "jewel"), pad=(0.4, 1.5, 0.4, 0.4))  # fmt: skip
def draw_coin(pen: Pen, v: ObjView) -> None:
    for i, cx in enumerate((0.25, 0.55, 0.8)):
        colour = (230, 190, 60, 255) if i % 2 == 0 else (200, 205, 210, 255)
        pen.ellipse(cx - 0.22, 0.1 + 0.2 * (i % 2), cx + 0.22, 0.9, fill=colour, outline=OUTLINE, width=1.0)


@sprite(
    "Wallet",
    (14, 9),
    aliases=("Purse", "Handbag", "Passport"),
    keywords=("wallet", "purse", "passport"),
    pad=_SMALL,
)
def draw_wallet(pen: Pen, v: ObjView) -> None:
    pen.rect(0.0, 0.0, 1.0, 1.0, fill=v.style((120, 75, 45, 255)).fill, outline=OUTLINE, radius=3)
    pen.rect(0.55, 0.35, 1.0, 0.65, fill=(90, 55, 30, 255), outline=OUTLINE, radius=2)
    _wet_paper(pen, v)


@sprite("Battery", (6, 12), aliases=("Batteries", "ButtonBattery", "CoinBattery", "BatteryPack"), keywords=("battery",), pad=_SMALL)  # fmt: skip
def draw_battery(pen: Pen, v: ObjView) -> None:
    pen.rect(0.3, 0.0, 0.7, 0.1, fill=(200, 170, 60, 255), outline=OUTLINE, width=1.0)
    if v.get("broken"):  # swollen: the casing bulges out, split along the side, smoking
        pen.ellipse(-0.35, 0.06, 1.35, 1.02, fill=(40, 40, 45, 255), outline=OUTLINE)
        pen.pieslice(-0.35, 0.06, 1.35, 1.02, 180, 360, (210, 160, 40, 255), OUTLINE)
        fx.cracks(pen, -0.1, 0.45, 1.1, 0.9, (255, 120, 40, 255))
        fx.sparks(pen, 0.5, -0.2, 0.7)
        return
    pen.rect(0.0, 0.08, 1.0, 1.0, fill=(40, 40, 45, 255), outline=OUTLINE, radius=2)
    pen.rect(0.0, 0.08, 1.0, 0.35, fill=(210, 160, 40, 255), outline=OUTLINE, radius=2)
    pen.line([(0.5, 0.5), (0.5, 0.8)], (255, 255, 255, 255), 1.2)
    pen.line([(0.3, 0.65), (0.7, 0.65)], (255, 255, 255, 255), 1.2)
    if v.hot:
        fx.sparks(pen, 0.5, -0.2, 0.5)


@sprite("Charcoal", (28, 22), aliases=("CharcoalBag", "Coal", "Firewood", "Logs", "Kindling"), keywords=("charcoal", "firewood", "log", "coal"), pad=_SMALL)  # fmt: skip
def draw_charcoal(pen: Pen, v: ObjView) -> None:
    _burning(pen, v, 1.3)
    for i, (x0, y0) in enumerate(((0.0, 0.6), (0.35, 0.6), (0.68, 0.6), (0.17, 0.25), (0.5, 0.25))):
        pen.rect(
            x0,
            y0,
            x0 + 0.32,
            y0 + 0.38,
            fill=(120, 80, 45, 255) if i % 2 else (100, 65, 35, 255),
            outline=OUTLINE,
            radius=4,
        )
        pen.ellipse(
            x0 + 0.02, y0 + 0.04, x0 + 0.14, y0 + 0.34, fill=(200, 160, 110, 255), outline=OUTLINE, width=0.8
        )


@sprite("Plant", (24, 40), aliases=("Houseplant", "PottedPlant", "Flowers", "FlowerPot", "Cactus"), keywords=("plant", "flower", "cactus"), pad=_SMALL)  # fmt: skip
def draw_plant(pen: Pen, v: ObjView) -> None:
    leaf = (70, 150, 70, 255)
    for a, b in (
        ((0.5, 0.6), (0.1, 0.05)),
        ((0.5, 0.6), (0.9, 0.1)),
        ((0.5, 0.6), (0.5, 0.0)),
        ((0.5, 0.6), (0.2, 0.3)),
        ((0.5, 0.6), (0.82, 0.35)),
    ):
        pen.line([a, b], (60, 120, 50, 255), 1.6)
        pen.ellipse(b[0] - 0.14, b[1] - 0.05, b[0] + 0.14, b[1] + 0.1, fill=leaf, outline=OUTLINE, width=1.0)
    pen.polygon(
        [(0.15, 0.6), (0.85, 0.6), (0.75, 1.0), (0.25, 1.0)], fill=(200, 110, 70, 255), outline=OUTLINE
    )
    pen.rect(0.1, 0.58, 0.9, 0.68, fill=(210, 120, 80, 255), outline=OUTLINE)
    if v.get("broken"):
        fx.cracks(pen, 0.2, 0.6, 0.8, 1.0)


def _vase_front(pen: Pen, v: ObjView) -> None:
    style = v.style((175, 215, 240, 140))
    if v.get("broken"):
        fx.shards(pen, -0.2, 1.2, 1.0, with_alpha(style.fill, 230))
        return
    pen.polygon([(0.25, 0.0), (0.75, 0.0), (0.7, 0.15), (1.0, 0.55), (0.8, 1.0), (0.2, 1.0), (0.0, 0.55), (0.3, 0.15)],
                fill=with_alpha(style.fill, 150 if style.fill[3] < 255 else 255), outline=style.outline)  # fmt: skip
    pen.line([(0.25, 0.4), (0.3, 0.8)], (255, 255, 255, 200), 1.6)


@sprite("Vase", (12, 26), aliases=("FlowerVase", "Urn"), keywords=("vase", "urn"), mode="open", opening=(0.25, 0.0, 0.75, 0.5),
        front=_vase_front, pad=_SMALL)  # fmt: skip
def draw_vase(pen: Pen, v: ObjView) -> None:
    if v.filled:
        pen.polygon(
            [(0.1, 0.5), (0.9, 0.5), (0.8, 1.0), (0.2, 1.0)], fill=liquid_colour(v.filled), outline=None
        )
    for dx, colour in ((-0.3, (230, 60, 90, 255)), (0.0, (250, 200, 40, 255)), (0.3, (230, 60, 90, 255))):
        pen.line([(0.5, 0.3), (0.5 + dx, -0.35)], (60, 130, 50, 255), 1.4)
        pen.circle(0.5 + dx, -0.4, 0.16, fill=colour, outline=OUTLINE)


@sprite("PictureFrame", (22, 18), aliases=("PhotoFrame", "Photo", "Painting", "Picture"), keywords=("picture", "photo", "painting"), place="wall", pad=_SMALL)  # fmt: skip
def draw_picture(pen: Pen, v: ObjView) -> None:
    pen.rect(0.0, 0.0, 1.0, 1.0, fill=(150, 105, 60, 255), outline=OUTLINE)
    pen.rect(0.1, 0.12, 0.9, 0.88, fill=(175, 215, 245, 255), outline=OUTLINE, width=1.0)
    pen.polygon(
        [(0.1, 0.88), (0.4, 0.4), (0.6, 0.65), (0.72, 0.5), (0.9, 0.88)],
        fill=(90, 150, 90, 255),
        outline=None,
    )
    if v.get("broken"):
        fx.cracks(pen, 0.1, 0.12, 0.9, 0.88)


def _soft(pen: Pen, v: ObjView, default: RGBA, pattern: bool) -> None:
    style = v.style(default)
    _burning(pen, v)
    pen.rect(0.0, 0.0, 1.0, 1.0, fill=style.fill, outline=OUTLINE, radius=7)
    if pattern:
        for i in range(1, 5):
            pen.line([(i / 5, 0.08), (i / 5, 0.92)], shade(style.fill, 1.3), 1.4)
    if v.get("wet"):
        fx.drops(pen, [(0.3, 0.4), (0.7, 0.5)], 0.04)
    if v.hot:
        fx.heat_lines(pen, 0.1, 0.9, 0.0, 1.2)


@sprite(
    "Pillow",
    (34, 14),
    aliases=("Cushion", "Pillows", "ThrowPillow"),
    keywords=("pillow", "cushion"),
    pad=_SMALL,
)
def draw_pillow(pen: Pen, v: ObjView) -> None:
    _soft(pen, v, (235, 225, 205, 255), False)


@sprite("Blanket", (46, 14), aliases=("Throw", "Duvet", "Quilt", "Bedspread", "Comforter", "BedSheet", "Sheet"), keywords=("blanket", "duvet", "quilt"), pad=_SMALL)  # fmt: skip
def draw_blanket(pen: Pen, v: ObjView) -> None:
    _soft(pen, v, (120, 150, 200, 255), True)


@sprite("Razor", (14, 5), upright=(5, 14), aliases=("RazorBlade", "Blade", "SafetyRazor"), keywords=("razor", "blade"), pad=_SMALL)  # fmt: skip
def draw_razor(pen: Pen, v: ObjView) -> None:
    if "upright" in v.flags:
        pen.rect(0.35, 0.25, 0.65, 1.0, fill=pick(v.tint, BRIGHT), outline=OUTLINE, radius=2)
        pen.rect(0.0, 0.0, 1.0, 0.25, fill=(200, 205, 212, 255), outline=OUTLINE)
        return
    pen.rect(0.25, 0.35, 1.0, 0.65, fill=pick(v.tint, BRIGHT), outline=OUTLINE, radius=2)
    pen.rect(0.0, 0.0, 0.25, 1.0, fill=(200, 205, 212, 255), outline=OUTLINE)


@sprite(
    "Toothbrush",
    (18, 4),
    upright=(4, 18),
    aliases=("Hairbrush",),
    keywords=("toothbrush", "brush"),
    pad=_SMALL,
)
def draw_toothbrush(pen: Pen, v: ObjView) -> None:
    colour = pick(v.tint, BRIGHT)
    if "upright" in v.flags:
        pen.rect(0.3, 0.25, 0.7, 1.0, fill=colour, outline=OUTLINE, radius=2)
        pen.rect(0.1, 0.0, 0.9, 0.25, fill=(250, 250, 250, 255), outline=OUTLINE)
        return
    pen.rect(0.25, 0.3, 1.0, 0.7, fill=colour, outline=OUTLINE, radius=2)
    pen.rect(0.0, 0.0, 0.25, 0.6, fill=(250, 250, 250, 255), outline=OUTLINE)


@sprite(
    "Mop",
    (22, 110),
    aliases=("FloorMop", "Broom"),
    keywords=("mop", "broom"),
    place="row",
    pad=(0.2, 0.1, 0.2, 0.1),
)
def draw_mop(pen: Pen, v: ObjView) -> None:
    pen.line([(0.7, 0.0), (0.45, 0.82)], (170, 120, 70, 255), 2.6)
    pen.polygon([(0.1, 0.8), (0.8, 0.8), (1.0, 1.0), (0.0, 1.0)], fill=(225, 225, 215, 255), outline=OUTLINE)
    if v.get("wet"):
        fx.puddle(pen, -0.2, 0.95, 1.2, 1.05)


@sprite("Ladder", (45, 160), aliases=("Stepladder", "StepLadder", "ExtensionLadder"), keywords=("ladder",), place="row", surface=(0.03, 0.3, 0.7), pad=(0.1, 0.1, 0.1, 0.1))  # fmt: skip
def draw_ladder(pen: Pen, v: ObjView) -> None:
    metal = v.style((190, 195, 202, 255)).fill
    pen.line([(0.35, 0.0), (0.05, 1.0)], OUTLINE, 3.4)
    pen.line([(0.35, 0.0), (0.05, 1.0)], metal, 2.0)
    pen.line([(0.65, 0.0), (0.95, 1.0)], OUTLINE, 3.4)
    pen.line([(0.65, 0.0), (0.95, 1.0)], metal, 2.0)
    for i in range(1, 6):
        t = i / 6
        pen.line([(0.35 - 0.3 * t, t), (0.65 + 0.3 * t, t)], OUTLINE, 2.2)
    pen.rect(0.3, -0.02, 0.7, 0.04, fill=(220, 60, 50, 255), outline=OUTLINE)
    if v.get("broken"):
        fx.cracks(pen, 0.1, 0.4, 0.5, 0.7, (200, 30, 30, 255))


def _puddle(pen: Pen, v: ObjView) -> None:
    """A spill in its liquid's colour: the one it is filled with, else its type's look colour, else the liquid
    its type names (``OilSpill``), else water."""
    look = look_of(v.type)
    if v.filled or v.get("liquid"):
        colour = liquid_colour(v.filled or v.get("liquid"))
    elif look is not None and look.colour is not None:
        colour = (*look.colour, 200)
    else:
        colour = liquid_colour(split_camel(v.type))
    fx.puddle(pen, 0.0, 0.0, 1.0, 1.0, colour)


@sprite("Puddle", (60, 9), aliases=("Spill", "WaterSpill", "SpilledWater", "WetSpot", "WetFloor", "OilSpill"), keywords=("puddle", "spill"),
        mode="flat", surface=(0.55, 0.15, 0.85), place="floor", pad=(0.1, 3.0, 0.1, 0.3))  # fmt: skip
def draw_puddle(pen: Pen, v: ObjView) -> None:
    _puddle(pen, v)


@sprite("Water", (30, 6), aliases=("TapWater", "WaterPool"), mode="flat", surface=(0.5, 0.15, 0.85), place="floor", pad=(0.1, 3.0, 0.1, 0.3))  # fmt: skip
def draw_water(pen: Pen, v: ObjView) -> None:
    fx.puddle(pen, 0.0, 0.0, 1.0, 1.0, WATER)


@sprite("Hammer", (22, 10), aliases=("Mallet", "Wrench", "Spanner"), keywords=("hammer", "wrench", "spanner", "mallet"), pad=_SMALL)  # fmt: skip
def draw_hammer(pen: Pen, v: ObjView) -> None:
    pen.rect(0.25, 0.35, 1.0, 0.65, fill=(170, 120, 70, 255), outline=OUTLINE, radius=2)
    pen.rect(0.0, 0.0, 0.3, 1.0, fill=(90, 92, 98, 255), outline=OUTLINE, radius=1)


def _fuel_can(pen: Pen, v: ObjView, colour: RGBA) -> None:
    if v.get("broken") or v.get("leaking"):
        fx.puddle(pen, -0.3, 0.85, 1.3, 1.05, liquid_colour("gasoline"))
    pen.rect(0.0, 0.15, 1.0, 1.0, fill=colour, outline=OUTLINE, radius=4)
    pen.polygon(
        [(0.7, 0.18), (0.85, -0.05), (0.97, 0.0), (0.85, 0.2)],
        fill=(40, 40, 45, 255),
        outline=OUTLINE,
        width=1.0,
    )
    pen.rect(0.15, 0.0, 0.55, 0.15, fill=shade(colour, 0.8), outline=OUTLINE, radius=2)
    fx.hazard_sign(pen, 0.5, 0.6, 0.22, "flammable")


@sprite("GasCan", (24, 26), aliases=("PetrolCan", "Gasoline", "GasolineCan", "FuelCan", "JerryCan", "Petrol", "PropaneTank", "LighterFluid"),
        keywords=("gasoline", "petrol", "fuel", "jerrycan", "propane", "gascan"), pad=_SMALL)  # fmt: skip
def draw_gas_can(pen: Pen, v: ObjView) -> None:
    _fuel_can(pen, v, (210, 40, 40, 255))


@sprite("PaintCan", (18, 18), aliases=("Paint", "PaintThinner", "Turpentine", "Solvent", "Varnish"), keywords=("paint", "thinner", "solvent", "turpentine"), pad=_SMALL)  # fmt: skip
def draw_paint_can(pen: Pen, v: ObjView) -> None:
    pen.arc(0.1, -0.3, 0.9, 0.4, 180, 360, OUTLINE, 1.6)
    pen.rect(0.0, 0.08, 1.0, 1.0, fill=(195, 200, 206, 255), outline=OUTLINE, radius=2)
    pen.ellipse(0.0, 0.0, 1.0, 0.16, fill=(160, 165, 170, 255), outline=OUTLINE)
    pen.polygon(
        [(0.1, 0.08), (0.3, 0.08), (0.27, 0.4), (0.2, 0.45), (0.14, 0.35)],
        fill=pick(v.tint, BRIGHT),
        outline=None,
    )
    fx.hazard_sign(pen, 0.55, 0.6, 0.24, "flammable" if "flammable" in v.props else "toxic")
