"""Fixtures and living beings: bathtub, shower, toilet, mirror, window, door, curtain, fireplace, pool, aquarium,
rugs; people, children, babies, hands and pets; plus the generic fallbacks for catalogue kinds.

Example:
    >>> from mssbench_embodied.render.spec import spec_for
    >>> spec_for("Bathtub").mode, spec_for("Toddler").name, spec_for("Gizmo", "appliance").name
    ('basin', 'child', 'genericappliance')
"""

from __future__ import annotations

from . import effects as fx
from .palette import BRIGHT, DARK, OUTLINE, RGBA, liquid_colour, pick, shade, with_alpha
from .pen import Pen
from .spec import ObjView, sprite
from .sprites_appliances import STEEL, indicator

ENAMEL: RGBA = (248, 248, 250, 255)
SKIN: tuple[RGBA, ...] = (
    (240, 200, 165, 255),
    (200, 150, 110, 255),
    (140, 95, 65, 255),
    (250, 215, 185, 255),
)


def _tap(pen: Pen, x: float, top: float, active: bool, bottom: float) -> None:
    pen.rect(x - 0.012, top, x + 0.012, top + 0.14, fill=STEEL, outline=OUTLINE, width=1.0)
    pen.rect(x - 0.012, top, x + 0.06, top + 0.04, fill=STEEL, outline=OUTLINE, width=1.0)
    if active:
        fx.stream(pen, x + 0.055, top + 0.04, bottom, 0.02)


def _bath_front(pen: Pen, v: ObjView) -> None:
    liquid = v.filled
    if liquid:
        level = 0.02 if v.get("overflowing") else 0.16
        pen.rect(0.035, level, 0.965, 0.46, fill=with_alpha(liquid_colour(liquid), 150), outline=None)
        pen.line([(0.035, level), (0.965, level)], (255, 255, 255, 220), 1.6)
        for i in range(9):
            pen.circle(0.1 + i * 0.1, level + 0.01, 0.012, fill=(255, 255, 255, 230), outline=None)
        if v.get("overflowing"):
            for x in (0.15, 0.5, 0.85):
                fx.stream(pen, x, 0.0, 1.05, 0.02)
            fx.puddle(pen, -0.1, 0.95, 1.1, 1.15)
    style = v.style(ENAMEL)
    pen.rect(0.0, 0.42, 1.0, 0.92, fill=style.fill, outline=OUTLINE, radius=10)
    pen.line([(0.05, 0.5), (0.95, 0.5)], shade(style.fill, 0.9), 1.4)


@sprite("Bathtub", (150, 56), aliases=("Bath", "Tub", "BathTub"), keywords=("bathtub",), mode="basin", opening=(0.05, 0.05, 0.95, 0.46),
        surface=(0.02, 0.08, 0.92), front=_bath_front, place="row", pad=(0.1, 0.5, 0.1, 0.25))  # fmt: skip
def draw_bathtub(pen: Pen, v: ObjView) -> None:
    style = v.style(ENAMEL)
    pen.rect(0.08, 0.88, 0.14, 1.0, fill=(200, 180, 90, 255), outline=OUTLINE)
    pen.rect(0.86, 0.88, 0.92, 1.0, fill=(200, 180, 90, 255), outline=OUTLINE)
    pen.rect(0.0, 0.0, 1.0, 0.6, fill=style.fill, outline=OUTLINE, radius=10)
    pen.rect(0.035, 0.04, 0.965, 0.46, fill=(215, 228, 236, 255), outline=OUTLINE, radius=6)
    if "child:faucet" not in v.flags:
        _tap(pen, 0.08, -0.12, v.active, 0.45)
    if v.active and (v.hot or v.filled and "hot" in str(v.filled)):
        fx.steam(pen, 0.5, 0.2, 0.7, 0.3)


@sprite("Shower", (90, 190), aliases=("ShowerHead", "Showerhead", "ShowerCubicle", "ShowerStall"), keywords=("shower",), mode="cavity", window=True,
        opening=(0.08, 0.15, 0.92, 0.95), front=lambda pen, v: _shower_front(pen, v), place="row", pad=(0.05, 0.1, 0.05, 0.05))  # fmt: skip
def draw_shower(pen: Pen, v: ObjView) -> None:
    pen.rect(0.0, 0.0, 1.0, 1.0, fill=(225, 235, 240, 255), outline=OUTLINE)
    pen.rect(0.0, 0.95, 1.0, 1.0, fill=ENAMEL, outline=OUTLINE)
    pen.line([(0.5, 0.0), (0.5, 0.08), (0.42, 0.1)], STEEL, 2.4)
    pen.ellipse(0.32, 0.08, 0.52, 0.13, fill=STEEL, outline=OUTLINE)
    if v.active:
        for i in range(7):
            x = 0.34 + i * 0.03
            pen.line([(x, 0.13), (x - 0.1 + i * 0.03, 0.93)], (90, 160, 235, 200), 1.2)


def _shower_front(pen: Pen, v: ObjView) -> None:
    pen.rect(0.02, 0.05, 0.98, 0.94, fill=(190, 225, 240, 60), outline=(120, 150, 170, 255))
    pen.line([(0.1, 0.5), (0.3, 0.2)], (255, 255, 255, 170), 2.0)


def _toilet_front(pen: Pen, v: ObjView) -> None:
    style = v.style(ENAMEL)
    pen.polygon(
        [(0.1, 0.56), (0.9, 0.56), (0.75, 0.85), (0.65, 1.0), (0.35, 1.0), (0.25, 0.85)],
        fill=style.fill,
        outline=OUTLINE,
    )
    if not v.is_open:
        pen.ellipse(0.08, 0.42, 0.92, 0.64, fill=shade(style.fill, 0.97), outline=OUTLINE)


@sprite("Toilet", (44, 76), aliases=("Loo", "WC", "ToiletBowl", "Lavatory"), keywords=("toilet", "lavatory"), mode="open", lid=True,
        opening=(0.2, 0.45, 0.8, 0.6), front=_toilet_front, place="row", pad=(0.1, 0.3, 0.1, 0.05))  # fmt: skip
def draw_toilet(pen: Pen, v: ObjView) -> None:
    style = v.style(ENAMEL)
    pen.rect(0.15, 0.0, 0.85, 0.4, fill=style.fill, outline=OUTLINE, radius=4)
    pen.rect(0.62, 0.08, 0.75, 0.12, fill=STEEL, outline=OUTLINE, width=0.8)
    if v.is_open:
        pen.ellipse(0.12, 0.05, 0.88, 0.48, fill=shade(style.fill, 0.97), outline=OUTLINE)
    pen.ellipse(0.08, 0.42, 0.92, 0.64, fill=style.fill, outline=OUTLINE)
    pen.ellipse(
        0.18,
        0.46,
        0.82,
        0.6,
        fill=with_alpha(liquid_colour(v.filled or "water"), 255),
        outline=OUTLINE,
        width=1.0,
    )


@sprite("Mirror", (50, 66), aliases=("BathroomMirror", "WallMirror", "LookingGlass"), keywords=("mirror",), place="wall", pad=(0.1, 0.1, 0.1, 0.1))  # fmt: skip
def draw_mirror(pen: Pen, v: ObjView) -> None:
    pen.rect(0.0, 0.0, 1.0, 1.0, fill=(160, 130, 90, 255), outline=OUTLINE, radius=4)
    pen.rect(0.06, 0.05, 0.94, 0.95, fill=(205, 228, 238, 255), outline=OUTLINE, radius=3)
    pen.line([(0.2, 0.5), (0.5, 0.15)], (255, 255, 255, 220), 2.4)
    pen.line([(0.3, 0.7), (0.7, 0.25)], (255, 255, 255, 160), 1.6)
    if v.get("broken"):
        fx.cracks(pen, 0.06, 0.05, 0.94, 0.95)


@sprite("Window", (76, 66), aliases=("Windowsill", "WindowSill", "WindowLedge"), keywords=("window",), place="wall", surface=(1.0, 0.05, 0.95), pad=(0.1, 0.1, 0.1, 0.1))  # fmt: skip
def draw_window(pen: Pen, v: ObjView) -> None:
    pen.rect(0.0, 0.0, 1.0, 1.0, fill=(250, 250, 248, 255), outline=OUTLINE)
    pen.rect(0.05, 0.05, 0.95, 0.95, fill=(175, 215, 245, 255), outline=OUTLINE)
    if v.is_open:
        pen.rect(0.05, 0.05, 0.95, 0.3, fill=(250, 250, 248, 255), outline=OUTLINE)
        pen.rect(0.1, 0.08, 0.9, 0.27, fill=(190, 222, 246, 255), outline=OUTLINE, width=1.0)
    else:
        pen.line([(0.05, 0.5), (0.95, 0.5)], (250, 250, 248, 255), 3.0)
    pen.line([(0.5, 0.05), (0.5, 0.95)], (250, 250, 248, 255), 3.0)
    pen.rect(-0.05, 0.95, 1.05, 1.02, fill=(235, 235, 230, 255), outline=OUTLINE)
    if v.get("broken"):
        fx.cracks(pen, 0.05, 0.05, 0.5, 0.5)
    if v.get("wet"):
        for x in (0.15, 0.3, 0.62, 0.8):
            pen.line([(x, 0.1), (x - 0.04, 0.45)], (90, 160, 235, 230), 1.4)
        fx.drops(pen, [(0.2, 0.7), (0.45, 0.62), (0.75, 0.8)], 0.03)
        fx.puddle(pen, 0.1, 0.93, 0.9, 1.08)


@sprite("Door", (80, 170), aliases=("FrontDoor", "GarageDoor", "BackDoor", "BedroomDoor"), keywords=("door",), place="row", surface=(0.4, 0.12, 0.88), pad=(0.1, 0.05, 0.4, 0.05))  # fmt: skip
def draw_door(pen: Pen, v: ObjView) -> None:
    style = v.style((180, 130, 85, 255))
    pen.rect(-0.04, -0.02, 1.04, 1.0, fill=(245, 245, 240, 255), outline=OUTLINE)
    if v.is_open:
        pen.rect(0.0, 0.0, 1.0, 1.0, fill=(40, 40, 48, 255), outline=OUTLINE)
        pen.polygon([(1.0, 0.0), (1.35, -0.03), (1.35, 1.03), (1.0, 1.0)], fill=style.fill, outline=OUTLINE)
        return
    pen.rect(0.0, 0.0, 1.0, 1.0, fill=style.fill, outline=OUTLINE)
    for y0, y1 in ((0.06, 0.45), (0.52, 0.94)):
        pen.rect(0.12, y0, 0.88, y1, fill=shade(style.fill, 1.08), outline=OUTLINE, width=1.0)
    pen.circle(0.85, 0.5, 0.04, fill=(220, 190, 80, 255), outline=OUTLINE)


@sprite("Curtain", (50, 120), aliases=("Curtains", "Drapes", "Drape", "WindowCurtain", "Blinds"), keywords=("curtain", "drape", "blind"), place="wall", pad=(0.2, 0.3, 0.2, 0.1))  # fmt: skip
def draw_curtain(pen: Pen, v: ObjView) -> None:
    colour = v.style((190, 80, 90, 255)).fill
    pen.rect(-0.1, -0.03, 1.1, 0.02, fill=(110, 80, 50, 255), outline=OUTLINE)
    pen.polygon([(0.0, 0.0), (1.0, 0.0), (0.9, 1.0), (0.05, 1.0)], fill=colour, outline=OUTLINE)
    for x in (0.25, 0.5, 0.75):
        pen.line([(x, 0.02), (x - 0.03, 0.98)], shade(colour, 0.75), 1.4)
    if v.get("lit") or v.get("burning"):
        fx.flames(pen, 0.0, 1.0, 1.0, 0.5, 3)


@sprite("Fireplace", (110, 100), aliases=("Hearth", "WoodStove", "LogBurner", "Fire"), keywords=("fireplace", "hearth", "logburner", "woodstove"), mode="cavity",
        window=True, opening=(0.22, 0.42, 0.78, 0.95), surface=(0.02, 0.05, 0.95), place="row", pad=(0.05, 0.3, 0.05, 0.05))  # fmt: skip
def draw_fireplace(pen: Pen, v: ObjView) -> None:
    style = v.style((170, 160, 150, 255))
    fx.body(pen, 0.05, 0.08, 0.95, 1.0, style, radius=2, shine=False)
    pen.rect(0.0, 0.0, 1.0, 0.1, fill=(120, 85, 55, 255), outline=OUTLINE)
    pen.rect(0.2, 0.38, 0.8, 0.97, fill=(40, 35, 32, 255), outline=OUTLINE, radius=2)
    lit = v.get("lit") or v.get("on")
    if lit:
        fx.glow(pen, 0.5, 0.75, 0.45, 0.35, (255, 140, 40, 255), rings=4)
        fx.flames(pen, 0.27, 0.73, 0.9, 0.4, 3)
    pen.rect(0.28, 0.88, 0.72, 0.93, fill=(110, 70, 40, 255), outline=OUTLINE, width=1.0)


@sprite("Pool", (190, 36), aliases=("SwimmingPool", "PaddlingPool", "Pond", "HotTub"), keywords=("pool", "pond", "hottub"), mode="basin",
        opening=(0.03, 0.12, 0.97, 0.85), front=lambda pen, v: _pool_front(pen, v), place="row", pad=(0.05, 0.6, 0.05, 0.1))  # fmt: skip
def draw_pool(pen: Pen, v: ObjView) -> None:
    pen.rect(0.0, 0.0, 1.0, 1.0, fill=(230, 225, 215, 255), outline=OUTLINE, radius=6)
    pen.rect(0.03, 0.12, 0.97, 0.88, fill=(120, 190, 220, 255), outline=OUTLINE, radius=4)


def _pool_front(pen: Pen, v: ObjView) -> None:
    pen.rect(
        0.03,
        0.3,
        0.97,
        0.88,
        fill=with_alpha(liquid_colour(v.filled or "water"), 160),
        outline=None,
        radius=4,
    )
    pen.line([(0.1, 0.45), (0.3, 0.42), (0.5, 0.46), (0.7, 0.42), (0.9, 0.45)], (255, 255, 255, 200), 1.4)
    pen.rect(0.0, 0.85, 1.0, 1.0, fill=(230, 225, 215, 255), outline=OUTLINE)


def _aquarium_front(pen: Pen, v: ObjView) -> None:
    if v.filled:
        pen.rect(0.02, 0.15, 0.98, 0.98, fill=with_alpha(liquid_colour(v.filled), 110), outline=None)
    pen.rect(0.0, 0.0, 1.0, 1.0, fill=(200, 230, 245, 40), outline=(80, 110, 130, 255))
    pen.rect(-0.02, -0.03, 1.02, 0.06, fill=DARK, outline=OUTLINE)


@sprite("Aquarium", (60, 40), aliases=("FishTank", "Fishbowl", "FishBowl", "Tank"), keywords=("aquarium", "fishtank"), mode="cavity", window=True,
        opening=(0.05, 0.2, 0.95, 0.95), front=_aquarium_front, pad=(0.1, 0.3, 0.1, 0.1))  # fmt: skip
def draw_aquarium(pen: Pen, v: ObjView) -> None:
    pen.rect(0.02, 0.85, 0.98, 0.98, fill=(220, 200, 150, 255), outline=None)
    for x in (0.15, 0.8):
        pen.line([(x, 0.95), (x + 0.03, 0.5), (x - 0.02, 0.3)], (60, 150, 70, 255), 2.0)


def _rug(pen: Pen, v: ObjView) -> None:
    colour = v.style((170, 90, 80, 255)).fill
    pen.polygon([(0.06, 0.0), (0.94, 0.0), (1.0, 1.0), (0.0, 1.0)], fill=colour, outline=OUTLINE)
    pen.polygon(
        [(0.12, 0.2), (0.88, 0.2), (0.92, 0.8), (0.08, 0.8)], fill=None, outline=shade(colour, 1.4), width=1.6
    )
    if v.get("wet"):
        fx.drops(pen, [(0.3, 0.5), (0.7, 0.5)], 0.02)


@sprite("Rug", (90, 10), aliases=("AreaRug", "Mat", "BathMat", "Doormat", "Carpet", "Floor"), keywords=("carpet", "doormat", "bathmat"),
        mode="flat", surface=(0.5, 0.1, 0.9), place="floor", pad=(0.05, 3.0, 0.05, 0.2))  # fmt: skip
def draw_rug(pen: Pen, v: ObjView) -> None:
    _rug(pen, v)


@sprite("Lawn", (110, 10), aliases=("Grass", "GrassPatch", "Turf"), mode="flat", surface=(0.5, 0.1, 0.9), place="floor", pad=(0.05, 3.0, 0.05, 0.2))  # fmt: skip
def draw_lawn(pen: Pen, v: ObjView) -> None:
    """A patch of grass (a second floor lying on the main one): green, with blades standing up at its edge."""
    green = (90, 160, 70, 255)
    pen.polygon([(0.04, 0.0), (0.96, 0.0), (1.0, 1.0), (0.0, 1.0)], fill=green, outline=shade(green, 0.6))
    for i in range(12):
        x = 0.05 + i * 0.08
        pen.line([(x, 0.1), (x + 0.015, -0.6 - 0.3 * (i % 3))], shade(green, 0.75), 1.2)
    if v.get("wet"):
        fx.drops(pen, [(0.3, 0.5), (0.7, 0.5)], 0.02)


def _person(pen: Pen, v: ObjView, head: float, shirt: RGBA) -> None:
    skin = pick(v.tint, SKIN)
    pen.rect(0.3, 0.62, 0.47, 1.0, fill=(60, 70, 110, 255), outline=OUTLINE, radius=3)
    pen.rect(0.53, 0.62, 0.7, 1.0, fill=(60, 70, 110, 255), outline=OUTLINE, radius=3)
    pen.rect(0.05, head + 0.02, 0.2, 0.58, fill=shirt, outline=OUTLINE, radius=4)
    pen.rect(0.8, head + 0.02, 0.95, 0.58, fill=shirt, outline=OUTLINE, radius=4)
    pen.rect(0.18, head, 0.82, 0.66, fill=shirt, outline=OUTLINE, radius=6)
    pen.circle(0.12, 0.6, 0.07, fill=skin, outline=OUTLINE)
    pen.circle(0.88, 0.6, 0.07, fill=skin, outline=OUTLINE)
    r = head * 0.5 * pen.h / pen.w
    pen.ellipse(0.5 - r, 0.0, 0.5 + r, head, fill=skin, outline=OUTLINE)
    pen.chord(
        0.5 - r,
        -0.01,
        0.5 + r,
        head * 0.8,
        180,
        360,
        pick(v.tint + 2, ((70, 50, 35, 255), (30, 25, 25, 255), (200, 160, 90, 255))),
        OUTLINE,
    )
    for dx in (-0.3, 0.3):
        pen.circle(0.5 + dx * r, head * 0.55, 0.025, fill=OUTLINE, outline=None)
    pen.arc(0.5 - r * 0.35, head * 0.55, 0.5 + r * 0.35, head * 0.82, 20, 160, OUTLINE, 1.2)


@sprite("Person", (56, 150), aliases=("Man", "Woman", "Adult", "User", "Owner", "Grandmother", "Grandfather", "Cook", "Someone"), keywords=("person", "woman", "adult", "grand"),
        place="row", pad=(0.15, 0.1, 0.15, 0.05))  # fmt: skip
def draw_person(pen: Pen, v: ObjView) -> None:
    _person(pen, v, 0.2, pick(v.tint, BRIGHT))


@sprite("Child", (42, 100), aliases=("Kid", "Toddler", "Boy", "Girl", "Children"), keywords=("child", "kid", "toddler", "boy", "girl"), place="row", pad=(0.15, 0.1, 0.15, 0.05))  # fmt: skip
def draw_child(pen: Pen, v: ObjView) -> None:
    _person(pen, v, 0.3, pick(v.tint + 1, BRIGHT))


@sprite(
    "Baby",
    (36, 36),
    aliases=("Infant", "Newborn"),
    keywords=("baby", "infant"),
    place="row",
    pad=(0.15, 0.2, 0.15, 0.05),
)
def draw_baby(pen: Pen, v: ObjView) -> None:
    skin = pick(v.tint, SKIN)
    pen.ellipse(0.1, 0.45, 0.9, 1.0, fill=(250, 220, 230, 255), outline=OUTLINE)
    pen.circle(0.15, 0.7, 0.1, fill=skin, outline=OUTLINE)
    pen.circle(0.85, 0.7, 0.1, fill=skin, outline=OUTLINE)
    pen.ellipse(0.22, 0.0, 0.78, 0.55, fill=skin, outline=OUTLINE)
    for x in (0.4, 0.6):
        pen.circle(x, 0.27, 0.03, fill=OUTLINE, outline=None)
    pen.arc(0.42, 0.3, 0.58, 0.42, 20, 160, OUTLINE, 1.2)


@sprite("Hand", (12, 24), upright=(12, 24), aliases=("Fingers", "Finger", "HumanHand", "Arm"), keywords=("hand", "finger"), pad=(0.3, 3.0, 0.3, 0.1))  # fmt: skip
def draw_hand(pen: Pen, v: ObjView) -> None:
    skin = pick(v.tint, SKIN)
    pen.rect(0.2, -2.8, 0.8, 0.3, fill=pick(v.tint, BRIGHT), outline=OUTLINE, radius=4)
    pen.rect(0.15, 0.25, 0.85, 0.65, fill=skin, outline=OUTLINE, radius=4)
    for i in range(4):
        x = 0.2 + i * 0.16
        pen.rect(x, 0.55, x + 0.14, 1.0, fill=skin, outline=OUTLINE, radius=3)
    pen.rect(-0.05, 0.35, 0.18, 0.62, fill=skin, outline=OUTLINE, radius=3)


def _animal(pen: Pen, v: ObjView, fur: RGBA, ears: str) -> None:
    pen.line([(0.9, 0.55), (1.05, 0.2)], OUTLINE, 3.0)
    pen.line([(0.9, 0.55), (1.05, 0.2)], fur, 1.8)
    for x in (0.3, 0.42, 0.68, 0.8):
        pen.rect(x, 0.7, x + 0.08, 1.0, fill=shade(fur, 0.85), outline=OUTLINE, radius=2)
    pen.ellipse(0.25, 0.4, 0.95, 0.8, fill=fur, outline=OUTLINE)
    if ears == "dog":
        pen.ellipse(0.0, 0.15, 0.4, 0.6, fill=fur, outline=OUTLINE)
        pen.ellipse(0.02, 0.12, 0.14, 0.45, fill=shade(fur, 0.7), outline=OUTLINE)
        pen.ellipse(-0.08, 0.35, 0.08, 0.5, fill=shade(fur, 0.8), outline=OUTLINE)
        pen.circle(-0.06, 0.4, 0.03, fill=OUTLINE, outline=None)
    else:
        pen.polygon([(0.04, 0.2), (0.08, 0.0), (0.16, 0.18)], fill=fur, outline=OUTLINE)
        pen.polygon([(0.22, 0.18), (0.32, 0.0), (0.34, 0.22)], fill=fur, outline=OUTLINE)
        pen.ellipse(0.0, 0.12, 0.38, 0.55, fill=fur, outline=OUTLINE)
    pen.circle(0.12, 0.3, 0.025, fill=OUTLINE, outline=None)
    pen.circle(0.25, 0.3, 0.025, fill=OUTLINE, outline=None)


@sprite(
    "Dog", (60, 44), aliases=("Puppy", "Doggy"), keywords=("puppy",), place="row", pad=(0.2, 0.3, 0.2, 0.05)
)
def draw_dog(pen: Pen, v: ObjView) -> None:
    _animal(pen, v, pick(v.tint, ((190, 140, 80, 255), (90, 70, 55, 255), (230, 210, 170, 255))), "dog")


@sprite(
    "Cat", (40, 30), aliases=("Kitten", "Kitty"), keywords=("kitten",), place="row", pad=(0.2, 0.3, 0.2, 0.05)
)
def draw_cat(pen: Pen, v: ObjView) -> None:
    _animal(pen, v, pick(v.tint, ((240, 160, 70, 255), (80, 80, 85, 255), (235, 235, 230, 255))), "cat")


@sprite("Pet", (30, 24), aliases=("Hamster", "Rabbit", "Bird", "Parrot", "GuineaPig", "Animal"), keywords=("hamster", "rabbit", "animal"), pad=(0.2, 0.3, 0.2, 0.05))  # fmt: skip
def draw_pet(pen: Pen, v: ObjView) -> None:
    _animal(pen, v, (200, 170, 140, 255), "cat")


@sprite("Fish", (14, 8), aliases=("Goldfish", "Fishes"), keywords=("fish",), pad=(0.3, 0.5, 0.3, 0.3))
def draw_fish(pen: Pen, v: ObjView) -> None:
    pen.polygon([(0.7, 0.5), (1.0, 0.1), (1.0, 0.9)], fill=(245, 140, 40, 255), outline=OUTLINE)
    pen.ellipse(0.0, 0.1, 0.8, 0.9, fill=(245, 150, 40, 255), outline=OUTLINE)
    pen.circle(0.2, 0.4, 0.05, fill=OUTLINE, outline=None)


@sprite("GenericAppliance", (40, 36), pad=(0.2, 0.6, 0.2, 0.1))
def draw_generic_appliance(pen: Pen, v: ObjView) -> None:
    style = v.style((215, 215, 220, 255))
    fx.body(pen, 0.0, 0.0, 1.0, 1.0, style, radius=4)
    pen.rect(0.12, 0.15, 0.6, 0.55, fill=shade(style.fill, 0.75), outline=OUTLINE, radius=2)
    indicator(pen, 0.8, 0.25, v.active)
    if v.active or v.hot:
        fx.heat_lines(pen, 0.2, 0.8, 0.0, 0.5)
    if v.get("broken") or v.get("wet"):
        fx.sparks(pen, 0.8, 0.7, 0.12)


@sprite("GenericCreature", (36, 30), pad=(0.2, 0.3, 0.2, 0.05))
def draw_generic_creature(pen: Pen, v: ObjView) -> None:
    _animal(pen, v, (180, 150, 120, 255), "cat")
