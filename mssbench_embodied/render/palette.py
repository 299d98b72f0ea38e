"""Colours of the sketch renderer: materials, liquids, rooms and floors.

Everything here is a plain constant or a pure function of its arguments, so renders stay deterministic.

Example:
    >>> material_style("metal").fill
    (178, 184, 192, 255)
    >>> liquid_colour("water")[:3]
    (90, 160, 235)
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

RGBA = tuple[int, int, int, int]

OUTLINE: RGBA = (45, 45, 55, 255)
SHADOW: RGBA = (0, 0, 0, 60)
WHITE: RGBA = (255, 255, 255, 255)
BLACK: RGBA = (20, 20, 24, 255)
HIGHLIGHT: RGBA = (255, 255, 255, 170)
DARK: RGBA = (60, 62, 70, 255)
INTERIOR: RGBA = (70, 70, 78, 255)
SCREEN_OFF: RGBA = (35, 38, 45, 255)
SCREEN_ON: RGBA = (110, 190, 255, 255)
GLOW_RED: RGBA = (255, 70, 30, 255)
GLOW_ORANGE: RGBA = (255, 150, 40, 255)
FLAME_OUTER: RGBA = (255, 120, 20, 255)
FLAME_INNER: RGBA = (255, 225, 90, 255)
WATER: RGBA = (90, 160, 235, 150)
WATER_SOLID: RGBA = (90, 160, 235, 255)
STEAM: RGBA = (235, 235, 240, 190)
HEAT: RGBA = (240, 80, 40, 220)
COPPER: RGBA = (205, 120, 50, 255)
SPARK: RGBA = (255, 235, 60, 255)
CABLE: RGBA = (40, 40, 45, 255)

#: Saturated colours picked per object (by a hash of its id) for plastic and generic items.
BRIGHT: tuple[RGBA, ...] = (
    (220, 60, 60, 255),
    (50, 120, 220, 255),
    (60, 170, 90, 255),
    (240, 190, 40, 255),
    (240, 130, 40, 255),
    (150, 80, 190, 255),
)


@dataclass(frozen=True)
class MaterialStyle:
    """How a material is painted.

    Attributes:
        fill: Body colour.
        outline: Outline colour.
        highlight: Colour of a specular stripe, or ``None`` for matte materials.
        pattern: ``""``, ``"grain"`` (wood), ``"weave"`` (cloth) or ``"speckle"`` (stone).
    """

    fill: RGBA
    outline: RGBA = OUTLINE
    highlight: RGBA | None = None
    pattern: str = ""


_MATERIALS: dict[str, MaterialStyle] = {
    "metal": MaterialStyle((178, 184, 192, 255), highlight=(250, 252, 255, 230)),
    "steel": MaterialStyle((178, 184, 192, 255), highlight=(250, 252, 255, 230)),
    "aluminum": MaterialStyle((196, 200, 206, 255), highlight=(255, 255, 255, 230)),
    "aluminium": MaterialStyle((196, 200, 206, 255), highlight=(255, 255, 255, 230)),
    "iron": MaterialStyle((90, 92, 98, 255), highlight=(170, 172, 180, 200)),
    "cast_iron": MaterialStyle((70, 72, 78, 255), highlight=(150, 152, 160, 200)),
    "glass": MaterialStyle((175, 215, 240, 140), (70, 120, 160, 255), highlight=(255, 255, 255, 220)),
    "ceramic": MaterialStyle((246, 246, 240, 255), highlight=(255, 255, 255, 255)),
    "porcelain": MaterialStyle((250, 250, 252, 255), highlight=(255, 255, 255, 255)),
    "paper": MaterialStyle((240, 234, 214, 255)),
    "cardboard": MaterialStyle((196, 160, 110, 255)),
    "plastic": MaterialStyle((50, 120, 220, 255), highlight=(255, 255, 255, 120)),
    "rubber": MaterialStyle((60, 60, 66, 255)),
    "wood": MaterialStyle((160, 110, 65, 255), pattern="grain"),
    "cloth": MaterialStyle((200, 90, 90, 255), pattern="weave"),
    "fabric": MaterialStyle((200, 90, 90, 255), pattern="weave"),
    "cotton": MaterialStyle((230, 225, 215, 255), pattern="weave"),
    "wool": MaterialStyle((170, 140, 110, 255), pattern="weave"),
    "leather": MaterialStyle((120, 75, 45, 255)),
    "stone": MaterialStyle((150, 150, 145, 255), pattern="speckle"),
    "marble": MaterialStyle((235, 235, 232, 255), pattern="speckle"),
    "granite": MaterialStyle((120, 118, 115, 255), pattern="speckle"),
    "concrete": MaterialStyle((165, 165, 160, 255), pattern="speckle"),
    "food": MaterialStyle((215, 150, 80, 255)),
    "wax": MaterialStyle((245, 238, 215, 255)),
}

#: Materials that get one of :data:`BRIGHT` per object instead of a fixed fill.
VARIED_MATERIALS = frozenset({"plastic", "cloth", "fabric"})


def material_style(
    material: str | None, default: RGBA = (200, 200, 205, 255), seed: int = 0
) -> MaterialStyle:
    """The style of ``material``; ``default`` fill for unknown or missing materials.

    Example:
        >>> material_style(None, (1, 2, 3, 255)).fill
        (1, 2, 3, 255)
    """
    if not material:
        return MaterialStyle(default)
    key = material.lower().replace(" ", "_").replace("-", "_")
    style = _MATERIALS.get(key)
    if style is None:
        return MaterialStyle(default)
    if key in VARIED_MATERIALS:
        return MaterialStyle(pick(seed, BRIGHT), style.outline, style.highlight, style.pattern)
    return style


_LIQUIDS: dict[str, RGBA] = {
    "water": (90, 160, 235, 160),
    "oil": (225, 175, 40, 190),
    "grease": (215, 165, 40, 190),
    "milk": (250, 250, 245, 235),
    "coffee": (95, 55, 30, 230),
    "tea": (170, 100, 40, 200),
    "juice": (250, 160, 40, 220),
    "wine": (140, 20, 50, 220),
    "soup": (220, 120, 50, 230),
    "gasoline": (220, 225, 120, 170),
    "bleach": (235, 245, 200, 190),
    "soap": (170, 230, 200, 200),
    "chemical": (150, 230, 90, 200),
    "paint": (60, 140, 200, 240),
}


def liquid_colour(name: object) -> RGBA:
    """Colour of a liquid named in a ``filled`` state; ``True`` or unknown names mean water.

    Example:
        >>> liquid_colour("hot oil") == liquid_colour("oil")
        True
    """
    text = str(name).lower() if isinstance(name, str) else "water"
    for key, colour in _LIQUIDS.items():
        if key in text:
            return colour
    return _LIQUIDS["water"]


COLOUR_WORDS: dict[str, RGBA] = {
    "red": (215, 50, 50, 255),
    "orange": (240, 140, 40, 255),
    "yellow": (240, 205, 50, 255),
    "green": (70, 160, 80, 255),
    "blue": (60, 110, 210, 255),
    "purple": (140, 80, 180, 255),
    "pink": (240, 150, 190, 255),
    "white": (245, 245, 242, 255),
    "black": (45, 45, 50, 255),
    "grey": (150, 150, 155, 255),
    "gray": (150, 150, 155, 255),
    "brown": (130, 85, 50, 255),
    "beige": (220, 200, 160, 255),
    "cream": (240, 230, 200, 255),
}


def colour_in_name(name: str) -> RGBA | None:
    """The colour a display name starts with describing (``"grey sofa"``), or ``None``; names that describe
    contents (``"glass of red wine"``) give ``None``.

    Example:
        >>> colour_in_name("grey sofa"), colour_in_name("glass of red wine")
        ((150, 150, 155, 255), None)
    """
    words = name.lower().replace("-", " ").split()
    if "of" in words:
        return None
    for word in words[:-1]:
        if word in COLOUR_WORDS:
            return COLOUR_WORDS[word]
    return None


def seed_of(text: str) -> int:
    """A stable non-negative hash of ``text`` (CRC32; Python's ``hash`` is salted per process).

    Example:
        >>> seed_of("bowl") == seed_of("bowl")
        True
    """
    return zlib.crc32(text.encode("utf-8"))


def pick(seed: int, options: tuple[RGBA, ...]) -> RGBA:
    """Choose one of ``options`` by ``seed``."""
    return options[seed % len(options)]


def shade(colour: RGBA, factor: float) -> RGBA:
    """Darken (``factor < 1``) or lighten (``factor > 1``) a colour, keeping alpha.

    Example:
        >>> shade((100, 100, 100, 255), 0.5)
        (50, 50, 50, 255)
    """
    if factor <= 1:
        r, g, b = (round(c * factor) for c in colour[:3])
    else:
        r, g, b = (round(c + (255 - c) * (factor - 1)) for c in colour[:3])
    return (min(255, r), min(255, g), min(255, b), colour[3])


def with_alpha(colour: RGBA, alpha: int) -> RGBA:
    """``colour`` with its alpha replaced."""
    return (colour[0], colour[1], colour[2], alpha)


@dataclass(frozen=True)
class RoomStyle:
    """Backdrop colours of one room type."""

    wall: RGBA
    wall_low: RGBA
    accent: RGBA
    decor: str
    default_floor: str


ROOMS: dict[str, RoomStyle] = {
    "kitchen": RoomStyle((236, 228, 205, 255), (226, 232, 236, 255), (120, 150, 170, 255), "kitchen", "tile"),
    "bathroom": RoomStyle(
        (210, 232, 240, 255), (232, 242, 246, 255), (120, 170, 190, 255), "bathroom", "tile"
    ),
    "living_room": RoomStyle(
        (226, 214, 190, 255), (210, 196, 170, 255), (150, 110, 80, 255), "living", "wood"
    ),
    "bedroom": RoomStyle(
        (214, 206, 228, 255), (204, 196, 220, 255), (130, 110, 160, 255), "bedroom", "carpet"
    ),
    "laundry": RoomStyle((222, 236, 228, 255), (206, 224, 214, 255), (110, 150, 130, 255), "laundry", "tile"),
    "garage": RoomStyle(
        (190, 190, 186, 255), (176, 176, 172, 255), (120, 110, 100, 255), "garage", "concrete"
    ),
    "garden": RoomStyle((170, 215, 245, 255), (190, 225, 248, 255), (120, 90, 60, 255), "garden", "grass"),
    "office": RoomStyle((228, 226, 218, 255), (214, 212, 204, 255), (90, 110, 140, 255), "office", "carpet"),
    "dining_room": RoomStyle(
        (232, 220, 200, 255), (200, 170, 140, 255), (140, 90, 70, 255), "living", "wood"
    ),
    "hallway": RoomStyle((232, 230, 222, 255), (220, 216, 206, 255), (120, 120, 130, 255), "hallway", "wood"),
    "nursery": RoomStyle(
        (236, 222, 236, 255), (214, 232, 240, 255), (160, 130, 180, 255), "nursery", "carpet"
    ),
    "balcony": RoomStyle(
        (170, 215, 245, 255), (190, 225, 248, 255), (110, 110, 120, 255), "balcony", "concrete"
    ),
}

FLOORS: dict[str, tuple[RGBA, RGBA]] = {
    "tile": ((226, 226, 222, 255), (175, 175, 172, 255)),
    "ceramic": ((226, 226, 222, 255), (175, 175, 172, 255)),
    "stone": ((196, 190, 180, 255), (150, 146, 138, 255)),
    "marble": ((238, 236, 232, 255), (200, 198, 195, 255)),
    "wood": ((186, 136, 86, 255), (140, 96, 56, 255)),
    "laminate": ((196, 150, 100, 255), (150, 108, 70, 255)),
    "carpet": ((150, 120, 150, 255), (130, 102, 130, 255)),
    "rug": ((170, 90, 80, 255), (140, 70, 62, 255)),
    "concrete": ((170, 170, 166, 255), (145, 145, 140, 255)),
    "grass": ((110, 175, 80, 255), (85, 145, 60, 255)),
    "vinyl": ((215, 205, 185, 255), (180, 170, 150, 255)),
}


def floor_kind(material: str | None, room: str) -> str:
    """Normalise a floor material to a key of :data:`FLOORS` (the room's default when unknown).

    Example:
        >>> floor_kind(None, "garage")
        'concrete'
    """
    if material:
        key = material.lower().replace(" ", "_")
        if key in FLOORS:
            return key
        for name in FLOORS:
            if name in key:
                return name
    return room_style(room).default_floor


def room_style(room: str | None) -> RoomStyle:
    """The style of ``room``; unknown rooms look like a plain living room."""
    key = (room or "").lower().replace(" ", "_").replace("-", "_")
    if key in ROOMS:
        return ROOMS[key]
    for name in ROOMS:
        if name.split("_")[0] in key:
            return ROOMS[name]
    return ROOMS["living_room"]
