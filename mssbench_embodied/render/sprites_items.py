"""Small household items: food, bottles and chemicals (with warning signs), cloth and paper, candles, toys.

Example:
    >>> from mssbench_embodied.render.spec import spec_for
    >>> spec_for("Bleach").name, spec_for("tea light").name
    ('bleach', 'candle')
"""

from __future__ import annotations

from . import effects as fx
from .palette import BRIGHT, OUTLINE, RGBA, WATER, liquid_colour, pick, shade, with_alpha
from .pen import Pen
from .spec import ObjView, sprite

FOODS: tuple[RGBA, ...] = ((215, 150, 80, 255), (200, 90, 60, 255), (230, 190, 90, 255), (150, 170, 70, 255))
FRUITS: tuple[RGBA, ...] = (
    (215, 40, 40, 255),
    (245, 150, 30, 255),
    (200, 60, 40, 255),
    (160, 120, 70, 255),
    (240, 210, 60, 255),
)
_SMALL = (0.3, 1.0, 0.3, 0.25)
WHITE_LABEL: RGBA = (250, 250, 245, 255)


def _hot(pen: Pen, v: ObjView) -> None:
    if v.hot:
        fx.steam(pen, 0.5, 0.0, 0.9, 0.25)


def _wet(pen: Pen, v: ObjView) -> None:
    if v.get("wet"):
        fx.drops(pen, [(0.25, 0.55), (0.7, 0.45), (0.5, 0.85)], 0.06)


@sprite("Food", (18, 10), aliases=("Leftovers", "Meal", "Pasta", "Soup", "Pizza", "Sandwich"), keywords=("food", "leftover", "meal"), pad=_SMALL)  # fmt: skip
def draw_food(pen: Pen, v: ObjView) -> None:
    colour = pick(v.tint, FOODS)
    pen.chord(0.0, 0.0, 1.0, 2.0, 180, 360, colour, OUTLINE)
    for i in range(4):
        pen.circle(0.2 + 0.2 * i, 0.45 + 0.15 * (i % 2), 0.06, fill=shade(colour, 0.75), outline=None)
    _hot(pen, v)


@sprite("Egg", (7, 9), aliases=("Eggs",), keywords=("egg",), pad=_SMALL)
def draw_egg(pen: Pen, v: ObjView) -> None:
    if v.get("broken"):
        pen.ellipse(-0.3, 0.6, 1.3, 1.0, fill=(250, 250, 240, 255), outline=OUTLINE)
        pen.ellipse(0.25, 0.65, 0.75, 0.95, fill=(250, 190, 40, 255), outline=None)
        return
    pen.ellipse(0.0, 0.0, 1.0, 1.0, fill=(245, 230, 205, 255), outline=OUTLINE)
    pen.ellipse(0.2, 0.15, 0.4, 0.4, fill=(255, 255, 255, 200), outline=None)
    _hot(pen, v)


@sprite("Bread", (14, 13), aliases=("Toast", "Loaf", "Bagel", "Bun"), keywords=("bread", "toast"), pad=_SMALL)
def draw_bread(pen: Pen, v: ObjView) -> None:
    crust = (185, 120, 55, 255) if not v.hot else (140, 80, 35, 255)
    pen.ellipse(0.0, 0.0, 0.55, 0.55, fill=crust, outline=OUTLINE)
    pen.ellipse(0.45, 0.0, 1.0, 0.55, fill=crust, outline=OUTLINE)
    pen.rect(0.0, 0.25, 1.0, 1.0, fill=crust, outline=OUTLINE, radius=2)
    pen.rect(0.1, 0.32, 0.9, 0.92, fill=(245, 220, 170, 255), outline=None, radius=2)
    _hot(pen, v)


@sprite("Fruit", (14, 10), aliases=("Apple", "Tomato", "Orange", "Potato", "Vegetables", "Vegetable"), keywords=("fruit", "apple", "tomato", "potato", "vegetable"), pad=_SMALL)  # fmt: skip
def draw_fruit(pen: Pen, v: ObjView) -> None:
    colour = pick(v.tint, FRUITS)
    for cx, cy in ((0.25, 0.55), (0.75, 0.55), (0.5, 0.35)):
        pen.ellipse(cx - 0.26, cy - 0.4, cx + 0.26, cy + 0.45, fill=colour, outline=OUTLINE)
        pen.circle(cx - 0.08, cy - 0.15, 0.05, fill=(255, 255, 255, 150), outline=None)
    pen.line([(0.5, 0.0), (0.55, -0.15)], (90, 140, 50, 255), 1.6)


@sprite("Nuts", (12, 6), aliases=("Peanuts", "Candy", "Popcorn"), keywords=("nut", "candy"), pad=_SMALL)
def draw_nuts(pen: Pen, v: ObjView) -> None:
    for i in range(7):
        cx, cy = 0.12 + 0.13 * i, 0.55 + 0.2 * (i % 2)
        pen.ellipse(
            cx - 0.1, cy - 0.3, cx + 0.1, cy + 0.3, fill=(200, 150, 90, 255), outline=OUTLINE, width=1.0
        )


def _pool(pen: Pen, colour: RGBA) -> None:
    """A liquid poured into a container: a wide, flat pool at the bottom of the box."""
    pen.ellipse(-0.28, 0.78, 1.28, 1.0, fill=with_alpha(colour, 235), outline=shade(colour, 0.7), width=1.0)
    pen.arc(-0.1, 0.8, 0.6, 0.95, 200, 300, (255, 255, 255, 200), 1.4)


def bottle(
    pen: Pen, v: ObjView, body: RGBA, cap: RGBA, sign: str | None = None, label: RGBA | None = WHITE_LABEL
) -> None:
    """A bottle: cap, neck, shoulders, body and label; ``sign`` adds a warning diamond on the label."""
    if v.get("broken"):
        fx.shards(pen, -0.3, 1.3, 1.0, body)
        fx.puddle(pen, -0.5, 0.85, 1.5, 1.05, liquid_colour(v.filled) if v.filled else WATER)
        return
    pen.rect(0.34, 0.0, 0.66, 0.1, fill=cap, outline=OUTLINE, width=1.0)
    pen.polygon(
        [
            (0.38, 0.1),
            (0.62, 0.1),
            (0.62, 0.2),
            (0.95, 0.34),
            (0.95, 1.0),
            (0.05, 1.0),
            (0.05, 0.34),
            (0.38, 0.2),
        ],
        fill=body,
        outline=OUTLINE,
    )
    if label is not None:
        pen.rect(0.05, 0.48, 0.95, 0.84, fill=label, outline=None)
    pen.rect(0.14, 0.36, 0.22, 0.95, fill=(255, 255, 255, 110), outline=None)
    if sign:
        fx.hazard_sign(pen, 0.5, 0.66, 0.26, sign)
    _wet(pen, v)


def _sign(v: ObjView, default: str | None) -> str | None:
    if "toxic" in v.props:
        return "toxic"
    if "flammable" in v.props and v.material not in ("plastic", "paper", "glass", "wood"):
        return "flammable"
    return default


@sprite("Bottle", (10, 28), aliases=("WaterBottle", "WineBottle", "BeerBottle", "Jug", "Carafe"), keywords=("bottle", "jug"), pad=_SMALL)  # fmt: skip
def draw_bottle(pen: Pen, v: ObjView) -> None:
    body = {"glass": (120, 180, 140, 200), "plastic": (150, 200, 240, 170)}.get(
        v.material or "", v.style((150, 200, 240, 200)).fill
    )
    bottle(pen, v, body, (60, 60, 70, 255), _sign(v, None))
    if v.filled:
        pen.rect(0.1, 0.86, 0.9, 0.97, fill=liquid_colour(v.filled), outline=None)


@sprite(
    "Oil",
    (10, 28),
    aliases=("CookingOil", "OliveOil", "VegetableOil"),
    keywords=("cookingoil", "oliveoil", "oilbottle"),
    pad=_SMALL,
)
def draw_oil(pen: Pen, v: ObjView) -> None:
    if "contained" in v.flags:
        _pool(pen, liquid_colour("oil"))
        return
    if v.get("spilled"):
        fx.puddle(pen, -0.5, 0.8, 1.5, 1.0, liquid_colour("oil"))
    bottle(pen, v, (225, 175, 40, 210), (40, 120, 40, 255), None, (240, 240, 200, 255))


@sprite("Alcohol", (10, 28), aliases=("Vodka", "Rum", "Whisky", "Spirits", "RubbingAlcohol"), keywords=("alcohol", "vodka", "whisky"), pad=_SMALL)  # fmt: skip
def draw_alcohol(pen: Pen, v: ObjView) -> None:
    if "contained" in v.flags:
        _pool(pen, (200, 225, 235, 200))
        return
    bottle(pen, v, (200, 225, 235, 170), (150, 40, 40, 255), "flammable")


@sprite("Vinegar", (10, 26), keywords=("vinegar",), pad=_SMALL)
def draw_vinegar(pen: Pen, v: ObjView) -> None:
    bottle(pen, v, (230, 235, 215, 180), (200, 40, 40, 255), None)


@sprite(
    "Shampoo",
    (10, 22),
    aliases=("Conditioner", "BodyWash", "ShowerGel"),
    keywords=("shampoo", "gel"),
    pad=_SMALL,
)
def draw_shampoo(pen: Pen, v: ObjView) -> None:
    bottle(pen, v, pick(v.tint, BRIGHT), (240, 240, 240, 255), None)


@sprite("Bleach", (13, 26), aliases=("ChlorineBleach",), keywords=("bleach",), pad=_SMALL)
def draw_bleach(pen: Pen, v: ObjView) -> None:
    bottle(pen, v, (245, 245, 245, 255), (40, 90, 200, 255), "toxic", (60, 110, 210, 255))


@sprite("Detergent", (16, 22), aliases=("LaundryDetergent", "DishSoap", "WashingPowder"), keywords=("detergent", "dishsoap"), pad=_SMALL)  # fmt: skip
def draw_detergent(pen: Pen, v: ObjView) -> None:
    bottle(pen, v, (245, 140, 30, 255), (40, 40, 45, 255), _sign(v, None))


@sprite("DrainCleaner", (11, 24), keywords=("draincleaner", "lye", "causticsoda"), pad=_SMALL)
def draw_drain(pen: Pen, v: ObjView) -> None:
    bottle(pen, v, (40, 40, 45, 255), (240, 200, 30, 255), "toxic", (240, 200, 30, 255))


def _spray(pen: Pen, v: ObjView, body: RGBA, sign: str | None) -> None:
    pen.polygon(
        [(0.3, 0.05), (0.85, 0.05), (0.85, 0.18), (0.3, 0.22)],
        fill=(240, 240, 240, 255),
        outline=OUTLINE,
        width=1.0,
    )
    pen.polygon(
        [(0.3, 0.05), (0.0, 0.09), (0.0, 0.14), (0.3, 0.14)],
        fill=(240, 240, 240, 255),
        outline=OUTLINE,
        width=1.0,
    )
    pen.line([(0.55, 0.2), (0.5, 0.35)], OUTLINE, 1.6)
    pen.rect(0.1, 0.3, 0.9, 1.0, fill=body, outline=OUTLINE, radius=3)
    pen.rect(0.1, 0.5, 0.9, 0.85, fill=WHITE_LABEL, outline=None)
    if sign:
        fx.hazard_sign(pen, 0.5, 0.67, 0.26, sign)


@sprite("CleaningSpray", (11, 24), aliases=("Cleaner", "SprayCleaner", "GlassCleaner", "Disinfectant", "Ammonia"), keywords=("cleaner", "spray", "disinfectant"), pad=_SMALL)  # fmt: skip
def draw_cleaning_spray(pen: Pen, v: ObjView) -> None:
    _spray(pen, v, (90, 190, 230, 230), _sign(v, None))


@sprite("Pesticide", (11, 24), aliases=("Insecticide", "WeedKiller", "BugSpray", "RatPoison", "Fertilizer"), keywords=("pesticide", "insecticide", "poison", "killer"), pad=_SMALL)  # fmt: skip
def draw_pesticide(pen: Pen, v: ObjView) -> None:
    _spray(pen, v, (90, 160, 60, 255), "toxic")


@sprite("AerosolCan", (8, 20), aliases=("Aerosol", "Hairspray", "SprayCan", "AirFreshener", "Deodorant", "SprayPaint"), keywords=("aerosol", "hairspray"), pad=_SMALL)  # fmt: skip
def draw_aerosol(pen: Pen, v: ObjView) -> None:
    pen.rect(0.3, 0.0, 0.7, 0.12, fill=(240, 240, 240, 255), outline=OUTLINE, width=1.0)
    pen.rect(0.05, 0.1, 0.95, 1.0, fill=v.style((200, 60, 120, 255)).fill, outline=OUTLINE, radius=3)
    pen.rect(0.15, 0.2, 0.25, 0.9, fill=(255, 255, 255, 140), outline=None)
    fx.hazard_sign(pen, 0.55, 0.6, 0.3, "flammable")
    if v.hot:
        fx.heat_lines(pen, 0.1, 0.9, 0.0, 0.8)


@sprite("Medicine", (9, 12), aliases=("Pills", "Medication", "Tablets", "PillBottle", "Painkillers", "Vitamins"), keywords=("medicine", "pill", "tablet", "vitamin"), pad=_SMALL)  # fmt: skip
def draw_medicine(pen: Pen, v: ObjView) -> None:
    pen.rect(0.0, 0.0, 1.0, 0.22, fill=(250, 250, 250, 255), outline=OUTLINE, radius=2)
    pen.rect(0.05, 0.2, 0.95, 1.0, fill=(240, 140, 40, 210), outline=OUTLINE, radius=2)
    pen.rect(0.05, 0.45, 0.95, 0.8, fill=WHITE_LABEL, outline=None)
    pen.rect(0.42, 0.5, 0.58, 0.75, fill=(220, 40, 40, 255), outline=None)
    pen.rect(0.3, 0.56, 0.7, 0.69, fill=(220, 40, 40, 255), outline=None)
    for cx in (-0.35, 1.3, 1.6):
        pen.ellipse(cx - 0.15, 0.85, cx + 0.15, 1.0, fill=(255, 255, 255, 255), outline=OUTLINE, width=0.8)


@sprite("Soap", (12, 6), aliases=("BarOfSoap", "HandSoap"), keywords=("soap",), pad=_SMALL)
def draw_soap(pen: Pen, v: ObjView) -> None:
    pen.rect(0.0, 0.1, 1.0, 1.0, fill=(240, 200, 220, 255), outline=OUTLINE, radius=4)
    pen.rect(0.15, 0.25, 0.6, 0.4, fill=(255, 255, 255, 150), outline=None, radius=2)
    _wet(pen, v)


@sprite("Sponge", (12, 6), aliases=("Scrubber", "ScouringPad"), keywords=("sponge",), pad=_SMALL)
def draw_sponge(pen: Pen, v: ObjView) -> None:
    pen.rect(0.0, 0.35, 1.0, 1.0, fill=(245, 215, 80, 255), outline=OUTLINE, radius=2)
    pen.rect(0.0, 0.0, 1.0, 0.38, fill=(70, 150, 70, 255), outline=OUTLINE, radius=2)
    _wet(pen, v)


@sprite(
    "Can",
    (8, 12),
    aliases=("TinCan", "SodaCan", "DrinkCan", "Tin"),
    keywords=("sodacan", "tincan"),
    pad=_SMALL,
)
def draw_can(pen: Pen, v: ObjView) -> None:
    colour = pick(v.tint, BRIGHT)
    pen.rect(0.0, 0.05, 1.0, 0.95, fill=colour, outline=OUTLINE, radius=2)
    pen.ellipse(0.0, 0.0, 1.0, 0.12, fill=(205, 210, 216, 255), outline=OUTLINE, width=1.0)
    pen.rect(0.15, 0.15, 0.28, 0.9, fill=(255, 255, 255, 140), outline=None)


@sprite("Jar", (12, 16), aliases=("GlassJar", "MasonJar", "JamJar"), keywords=("jar",), mode="open", opening=(0.1, 0.15, 0.9, 0.55),
        front=lambda pen, v: _jar_front(pen, v), pad=_SMALL)  # fmt: skip
def draw_jar(pen: Pen, v: ObjView) -> None:
    if v.filled:
        pen.rect(0.05, 0.4, 0.95, 1.0, fill=liquid_colour(v.filled), outline=None, radius=2)


def _jar_front(pen: Pen, v: ObjView) -> None:
    style = v.style((175, 215, 240, 140))
    if v.get("broken"):
        fx.shards(pen, -0.2, 1.2, 1.0, (190, 225, 245, 230))
        return
    pen.rect(0.0, 0.12, 1.0, 1.0, fill=with_alpha(style.fill, 90), outline=style.outline, radius=3)
    pen.line([(0.2, 0.25), (0.25, 0.85)], (255, 255, 255, 200), 1.6)
    if not v.is_open:
        pen.rect(0.05, 0.0, 0.95, 0.14, fill=(200, 170, 60, 255), outline=OUTLINE, radius=2)
