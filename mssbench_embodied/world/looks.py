"""Declarative looks: how a catalogue type is drawn, given as data under its ``look:`` key in ``objects.yaml``.

The world layer only reads and checks a look (shape, colours, parts, size, how states show); the render layer
draws it. Types with a bundled Python drawing keep it; any other type is drawn from its look, and a type with
neither gets its kind's plain drawing (never another type's drawing picked by a word inside its name).

Example:
    >>> look, problems = parse_look(
    ...     {"shape": "machine", "size": [70, 120], "colour": "grey", "parts": ["belt", "screen"],
    ...      "states": {"on": ["spinning", "glow"]}}, "x.yaml: type T")
    >>> problems, look.shape, look.colour, look.shows("on")
    ([], 'machine', (150, 150, 155), ('spinning', 'glow'))
    >>> parse_look({"shape": "blob"}, "x.yaml: type T")[1]
    ["x.yaml: type T: look.shape: unknown shape 'blob' (known: animal, appliance, bottle, bowl, box, cable, \
child, cloth, cylinder, machine, panel, person, plant, puddle, tool)"]
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

RGB = tuple[int, int, int]

#: Shapes a look can take; each is a drawing in ``render/look.py``.
SHAPES: frozenset[str] = frozenset(
    {"box", "cylinder", "bowl", "bottle", "appliance", "machine", "tool", "panel", "plant", "person", "child",
     "animal", "cloth", "puddle", "cable"}
)  # fmt: skip
#: Parts drawn on top of a shape.
PARTS: frozenset[str] = frozenset(
    {"door", "window", "handle", "knobs", "screen", "vent", "lid", "legs", "wheels", "belt", "rails", "blade",
     "drum", "cord", "spout", "label", "stripes", "leaves", "flowers", "tail", "ears"}
)  # fmt: skip
#: What a state can show as.
EFFECTS: frozenset[str] = frozenset(
    {"glow", "steam", "spinning", "smoke", "flames", "sparks", "drips", "light", "open", "liquid", "cracks",
     "heat"}
)  # fmt: skip
#: Where an object of the type stands when nothing holds it.
PLACES: frozenset[str] = frozenset({"auto", "row", "floor", "wall"})
#: Default effects per state key (a shape draws these unless the look's ``states`` says otherwise).
DEFAULT_STATES: Mapping[str, tuple[str, ...]] = {
    "on": ("glow",), "running": ("spinning",), "lit": ("flames",), "open": ("open",), "filled": ("liquid",),
    "wet": ("drips",), "broken": ("cracks",), "hot": ("heat",), "plugged_in": (),
}  # fmt: skip
#: Colour names a look may use (or ``"#rrggbb"``).
COLOURS: Mapping[str, RGB] = {
    "red": (215, 50, 50), "orange": (240, 140, 40), "yellow": (240, 205, 50), "green": (70, 160, 80),
    "dark green": (40, 100, 50), "blue": (60, 110, 210), "light blue": (150, 195, 240), "navy": (40, 55, 110),
    "purple": (140, 80, 180), "pink": (240, 150, 190), "white": (245, 245, 242), "black": (45, 45, 50),
    "grey": (150, 150, 155), "gray": (150, 150, 155), "dark grey": (85, 88, 95), "silver": (195, 200, 208),
    "brown": (130, 85, 50), "dark brown": (85, 55, 30), "beige": (220, 200, 160), "cream": (240, 230, 200),
    "tan": (200, 165, 115), "gold": (215, 175, 60), "copper": (205, 120, 50), "skin": (235, 195, 160),
    "clear": (215, 235, 245),
}  # fmt: skip
LOOK_KEYS = frozenset({"shape", "like", "size", "colour", "accent", "parts", "states", "place"})


@dataclass(frozen=True)
class Look:
    """How one type is drawn.

    Attributes:
        shape: One of :data:`SHAPES` (``None`` when ``like`` borrows a drawing).
        like: Another catalogue type whose drawing this one uses, said explicitly (``like: Fan``).
        size: ``(width, height)`` in centimetres, or ``None`` for the shape's default.
        colour: Body colour (a liquid's or a spill's colour too), or ``None`` for the shape's default.
        accent: Colour of parts and stripes, or ``None``.
        parts: Parts drawn on the shape (:data:`PARTS`).
        states: State key -> effects (:data:`EFFECTS`); keys not given use :data:`DEFAULT_STATES`.
        place: ``auto``, ``row`` (along the back wall), ``floor`` (foreground) or ``wall`` (hung).
    """

    shape: str | None = None
    like: str | None = None
    size: tuple[float, float] | None = None
    colour: RGB | None = None
    accent: RGB | None = None
    parts: tuple[str, ...] = ()
    states: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    place: str = "auto"

    def shows(self, key: str) -> tuple[str, ...]:
        """The effects that show state ``key`` (the look's own, else the default)."""
        return tuple(self.states.get(key, DEFAULT_STATES.get(key, ())))

    def __hash__(self) -> int:
        return hash((self.shape, self.like, self.size, self.colour, self.accent, self.parts,
                     tuple(sorted(self.states.items())), self.place))  # fmt: skip


def parse_colour(value: Any) -> RGB | None:
    """``"grey"``, ``"dark green"`` or ``"#8a5a2b"`` as an RGB triple; ``None`` if it is neither.

    Example:
        >>> parse_colour("#ff8000"), parse_colour("Dark Green"), parse_colour("plaid")
        ((255, 128, 0), (40, 100, 50), None)
    """
    if not isinstance(value, str):
        return None
    text = " ".join(value.strip().lower().replace("_", " ").split())
    if re.fullmatch(r"#[0-9a-f]{6}", text):
        return (int(text[1:3], 16), int(text[3:5], 16), int(text[5:7], 16))
    return COLOURS.get(text)


def _names(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    return None


def parse_look(spec: Any, where: str) -> tuple[Look | None, list[str]]:
    """Check and build a :class:`Look` from a type's ``look:`` mapping; ``where`` prefixes each problem."""
    from mssbench_embodied.world.catalog import STATE_KEYS  # the catalogue imports this module

    if not isinstance(spec, dict):
        return None, [f"{where}: look: must be a mapping (shape, size, colour, accent, parts, states, place)"]
    bad: list[str] = [
        f"{where}: look.{k}: unknown key (known: {', '.join(sorted(LOOK_KEYS))})"
        for k in spec
        if k not in LOOK_KEYS
    ]
    shape, like = spec.get("shape"), spec.get("like")
    if shape is None and like is None:
        bad.append(f"{where}: look: give a shape ({', '.join(sorted(SHAPES))}) or like: <a catalogue type>")
    if shape is not None and shape not in SHAPES:
        bad.append(f"{where}: look.shape: unknown shape {shape!r} (known: {', '.join(sorted(SHAPES))})")
    if like is not None and not (isinstance(like, str) and re.fullmatch(r"[A-Z][A-Za-z0-9]*", like)):
        bad.append(f"{where}: look.like: must name a catalogue type (CamelCase)")
    size = spec.get("size")
    if size is not None and not (
        isinstance(size, list) and len(size) == 2
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) and 1 <= v <= 500 for v in size)
    ):  # fmt: skip
        bad.append(f"{where}: look.size: must be [width, height] in centimetres, each 1 to 500")
    colours: dict[str, RGB | None] = {}
    for key in ("colour", "accent"):
        colours[key] = parse_colour(spec.get(key))
        if spec.get(key) is not None and colours[key] is None:
            bad.append(
                f"{where}: look.{key}: {spec.get(key)!r} is not '#rrggbb' or one of {', '.join(COLOURS)}"
            )
    parts = _names(spec.get("parts") or [])
    if parts is None:
        bad.append(f"{where}: look.parts: must be a list of parts")
    else:
        bad += [f"{where}: look.parts: unknown part {p!r} (known: {', '.join(sorted(PARTS))})"
                for p in parts if p not in PARTS]  # fmt: skip
    states: dict[str, tuple[str, ...]] = {}
    raw_states = spec.get("states") or {}
    if not isinstance(raw_states, dict):
        bad.append(f"{where}: look.states: must map state keys to effects")
        raw_states = {}
    for key, effects in raw_states.items():
        names = _names(effects if effects is not None else [])
        if key not in STATE_KEYS:
            bad.append(
                f"{where}: look.states.{key}: unknown state key (known: {', '.join(sorted(STATE_KEYS))})"
            )
        elif names is None or any(e not in EFFECTS for e in names):
            bad.append(f"{where}: look.states.{key}: effects must be among {', '.join(sorted(EFFECTS))}")
        else:
            states[key] = tuple(names)
    place = spec.get("place", "auto")
    if place not in PLACES:
        bad.append(f"{where}: look.place: must be one of {', '.join(sorted(PLACES))}")
    if bad:
        return None, bad
    return Look(
        shape=shape, like=like, size=(float(size[0]), float(size[1])) if size else None,
        colour=colours["colour"], accent=colours["accent"], parts=tuple(parts or ()), states=states, place=place,
    ), []  # fmt: skip


_REGISTRY: dict[str, Look] = {}
_VERSION = [0]


def register_looks(looks: Mapping[str, Look]) -> None:
    """Make looks known to renderers by type name (a catalogue does this when it is loaded).

    A type name loaded again with another look takes the newer one.
    """
    changed = {name: look for name, look in looks.items() if _REGISTRY.get(name) != look}
    if changed:
        _REGISTRY.update(changed)
        _VERSION[0] += 1


def look_of(type_name: str) -> Look | None:
    """The registered look of a type, or ``None``.

    Example:
        >>> register_looks({"DoctestGadget": Look(shape="box", colour=(1, 2, 3))})
        >>> look_of("DoctestGadget").colour, look_of("NoSuchType")
        ((1, 2, 3), None)
    """
    return _REGISTRY.get(type_name)


def looks_version() -> int:
    """A number that changes whenever a registered look changes (for caches keyed on looks)."""
    return _VERSION[0]


__all__ = ["COLOURS", "EFFECTS", "PARTS", "SHAPES", "Look", "look_of", "parse_colour", "parse_look",
           "register_looks"]  # fmt: skip
