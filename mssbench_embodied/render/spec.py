"""Sprite specifications: how each object type is drawn and where its contents go, plus the sprite cache.

A sprite module registers draw functions with :func:`sprite`; :func:`spec_for` maps any object type (exact name or
alias, the catalogue's ``look:``, the last words of its name, its catalogue kind) to a :class:`SpriteSpec`, falling
back to a generic box, so unknown types never fail. :func:`sprite_image` draws a sprite once per (spec, view, size, layer) and caches it.

Example:
    >>> spec = spec_for("NoSuchThing")
    >>> spec.name
    'generic'
    >>> img, left, top = sprite_image(spec, ObjView("NoSuchThing"), 30, 20)
    >>> img.mode
    'RGBA'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from PIL import Image

from mssbench_embodied.world.looks import Look, look_of, looks_version

from .palette import RGBA, VARIED_MATERIALS, MaterialStyle, material_style
from .pen import DEFAULT_PAD, Pad, Pen

State = tuple[tuple[str, Any], ...]
_PAINTABLE = frozenset(
    {"paper", "cardboard", "wool", "leather", "cotton", "wood", "ceramic", "metal", "rubber"}
)


@dataclass(frozen=True)
class ObjView:
    """The hashable part of an object that decides its look (the sprite cache key).

    Attributes:
        type: Object type, e.g. ``"Microwave"``.
        material: Material name or ``None``.
        state: Sorted ``(key, value)`` pairs of the object's state.
        props: Properties (``"toxic"``, ``"sharp"`` ...).
        tint: Small per-object number (a hash of the id) for colour variation.
        flags: Layout facts the sprite may use: ``"root"`` (stands on the floor), ``"faucet"`` (a separate
            faucet object is attached), ``"held"``.
        colour: A colour named in the object's display name (``"grey sofa"``), used for soft materials.

    Example:
        >>> v = ObjView("StoveBurner", state=(("on", True),))
        >>> v.active
        True
    """

    type: str
    material: str | None = None
    state: State = ()
    props: frozenset[str] = frozenset()
    tint: int = 0
    flags: frozenset[str] = frozenset()
    colour: RGBA | None = None

    def get(self, key: str, default: Any = None) -> Any:
        """The state value under ``key``."""
        for k, value in self.state:
            if k == key:
                return value
        return default

    @property
    def active(self) -> bool:
        """Switched on, running or lit."""
        return bool(self.get("on") or self.get("running") or self.get("lit"))

    @property
    def is_open(self) -> bool:
        """``state.open`` is true."""
        return bool(self.get("open"))

    @property
    def filled(self) -> str | None:
        """The liquid it holds (``"water"`` for ``filled: true``), or ``None``."""
        value = self.get("filled")
        if value is None or value is False or value == "":
            return None
        return value if isinstance(value, str) else "water"

    @property
    def hot(self) -> bool:
        """``state.hot`` or the ``hot`` property."""
        return bool(self.get("hot")) or "hot" in self.props

    def style(self, default: RGBA) -> MaterialStyle:
        """The material style, ``default`` colour when no material is given; a colour named in the object's
        name wins for materials without a colour of their own (cloth, plastic, paper, none)."""
        style = material_style(self.material, default, self.tint)
        if self.colour is not None and (self.material or "plastic") in VARIED_MATERIALS | _PAINTABLE:
            return MaterialStyle(self.colour, style.outline, style.highlight, style.pattern)
        return style


DrawFn = Callable[[Pen, ObjView], None]


@dataclass(frozen=True)
class SpriteSpec:
    """How one family of object types is drawn and laid out.

    Attributes:
        name: Registry name.
        draw: Draws the object (behind anything inside it).
        size: Nominal ``(width, height)`` in scene centimetres (small items are drawn larger than life).
        front: Optional overlay drawn after the objects inside (a sink's front rim, a microwave's window).
        surface: ``(y, x0, x1)``: box fractions of the line where objects placed *on* it stand.
        opening: ``(x0, y0, x1, y1)`` box fractions of the region where objects *in* it are drawn, or ``None``.
        mode: ``"open"`` (contents stick out of the top, lower part hidden), ``"basin"`` (contents stand on the
            bottom of a wide opening: sink, bathtub), ``"cavity"`` (contents fit inside, visible when open or
            through a window) or ``"flat"`` (contents lie on it, like a plate).
        window: Contents of a closed cavity show through a window.
        place: ``"auto"`` (decided by the object's flags), ``"row"`` (along the back wall), ``"floor"``
            (foreground), ``"wall"`` (hung on the wall).
        stretch: The width grows to hold what stands on it (counters, tables).
        root: Name of the spec used when it stands on the floor instead of on a support (a sink on a pedestal).
        slots: Preferred x positions (box fractions) of what stands on it, used when there are few enough.
        pad: Canvas margin around the box (fractions), for flames, steam and open doors.
        hang: Fraction of the height that hangs below the support line (a faucet's stream).
        lid: Contents are hidden while it is closed (a box, a rice cooker).
        text_on: Its name is written on it (a sign) instead of in a label underneath.
        upright: Size used when it stands in an open container (a knife in a toaster); the sprite sees the
            ``"upright"`` flag.
    """

    name: str
    draw: DrawFn
    size: tuple[float, float]
    front: DrawFn | None = None
    surface: tuple[float, float, float] = (0.0, 0.05, 0.95)
    opening: tuple[float, float, float, float] | None = None
    mode: str = "open"
    window: bool = False
    place: str = "auto"
    stretch: bool = False
    root: str | None = None
    slots: tuple[float, ...] = ()
    pad: Pad = DEFAULT_PAD
    hang: float = 0.0
    upright: tuple[float, float] | None = None
    lid: bool = False
    text_on: bool = False
    aliases: tuple[str, ...] = field(default=(), compare=False)


_SPECS: dict[str, SpriteSpec] = {}
_KEYWORDS: list[tuple[str, str]] = []


def norm(name: str) -> str:
    """Lower-case letters and digits only: ``"Stove Burner"`` and ``"stove_burner"`` become ``"stoveburner"``.

    Example:
        >>> norm("Stove_Burner")
        'stoveburner'
    """
    return re.sub(r"[^a-z0-9]", "", name.lower())


def sprite(
    name: str,
    size: tuple[float, float],
    *,
    aliases: tuple[str, ...] = (),
    keywords: tuple[str, ...] = (),
    **options: Any,
) -> Callable[[DrawFn], DrawFn]:
    """Register the decorated draw function as the sprite for type ``name`` (and ``aliases``).

    ``keywords`` match types whose name *ends* with them (``"lamp"`` catches ``DeskLamp``, never ``LampOil``).
    Other keyword arguments are :class:`SpriteSpec` fields.

    Example:
        >>> @sprite("Doctest_Widget", (10, 10))
        ... def _draw_widget(pen, v):
        ...     pen.rect(0, 0, 1, 1)
        >>> spec_for("DoctestWidget").size
        (10, 10)
    """

    def register(fn: DrawFn) -> DrawFn:
        spec = SpriteSpec(name=norm(name), draw=fn, size=size, aliases=aliases, **options)
        for key in (name, *aliases):
            _SPECS[norm(key)] = spec
        for word in keywords:
            _KEYWORDS.append((norm(word), spec.name))
        _KEYWORDS.sort(key=lambda kv: -len(kv[0]))
        return fn

    return register


def _generic(pen: Pen, v: ObjView) -> None:
    style = v.style((205, 200, 190, 255))
    pen.rect(0.02, 0.02, 0.98, 0.98, fill=style.fill, outline=style.outline, radius=3)
    pen.rect(0.12, 0.15, 0.88, 0.3, fill=(255, 255, 255, 120), outline=None, radius=2)


GENERIC = SpriteSpec(name="generic", draw=_generic, size=(30, 24))
_KIND_FALLBACK = {
    "appliance": "genericappliance",
    "receptacle": "table",
    "surface": "table",
    "fixture": "genericappliance",
    "living": "genericcreature",
    "liquid": "puddle",
}


def spec_for(type_name: str, kind: str | None = None) -> SpriteSpec:
    """The sprite spec of an object type.

    In order: a bundled drawing of that exact name or alias; the type's ``look:`` from the catalogue (drawn from
    data, or ``like:`` another type's drawing, said explicitly); a bundled drawing named by the type's last words
    (a ``BatteryCharger`` is a charger, a ``DeskLamp`` a lamp); the plain drawing of its catalogue kind; a generic
    box. A word elsewhere in the name never picks a drawing: a ``PetMess`` is not drawn as a pet.

    Example:
        >>> spec_for("Unknown Gadget").name, spec_for("BatteryCharger").name, spec_for("PetMess", "liquid").name
        ('generic', 'charger', 'puddle')
    """
    return _lookup(str(type_name), norm(kind or ""), looks_version())


def head_words(type_name: str) -> list[str]:
    """Normalised endings of a type name, longest first: ``"PortableWaterHeater"`` ->
    ``["portablewaterheater", "waterheater", "heater"]``.

    Example:
        >>> head_words("stove_burner"), head_words("TVStand")
        (['stoveburner', 'burner'], ['tvstand', 'stand'])
    """
    words = [w.lower() for w in re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+", type_name)]
    return ["".join(words[i:]) for i in range(len(words))]


@lru_cache(maxsize=1024)
def _lookup(type_name: str, kind: str, version: int) -> SpriteSpec:
    key = norm(type_name)
    if key in _SPECS:
        return _SPECS[key]
    look = look_of(type_name)
    if look is not None:
        return _look_spec(type_name, look, kind)
    keywords = dict(_KEYWORDS)
    for ending in head_words(type_name)[1:]:
        if ending in _SPECS:
            return _SPECS[ending]
        if ending in keywords:
            return _SPECS[keywords[ending]]
    fallback = _KIND_FALLBACK.get(kind)
    if fallback and fallback in _SPECS:
        return _SPECS[fallback]
    return GENERIC


def _look_spec(type_name: str, look: Look, kind: str) -> SpriteSpec:
    if look.like is None:
        from .look import look_spec  # the drawing module imports this one

        return look_spec(type_name, look)
    seen, base, nxt = {type_name}, look.like, look_of(look.like)
    while nxt is not None and nxt.like is not None:  # follow like: chains, refusing a loop
        if base in seen:
            return GENERIC
        seen.add(base)
        base, nxt = nxt.like, look_of(nxt.like)
    spec = _lookup(base, kind, looks_version()) if base not in seen else GENERIC
    return replace(spec, size=look.size) if look.size else spec


def root_variant(spec: SpriteSpec) -> SpriteSpec:
    """The spec to use when ``spec``'s object stands on the floor (itself unless it names a ``root`` spec)."""
    return _SPECS.get(norm(spec.root), spec) if spec.root else spec


def registered() -> Mapping[str, SpriteSpec]:
    """All registered specs by normalised type name (aliases included)."""
    return dict(_SPECS)


def pad_px(spec: SpriteSpec, w: int, h: int) -> tuple[int, int]:
    """Left and top canvas margin (pixels) of a sprite drawn at box size ``(w, h)``."""
    pen_w, pen_h = max(1, w), max(1, h)
    return max(3, round(spec.pad[0] * pen_w)), max(3, round(spec.pad[1] * pen_h))


@lru_cache(maxsize=3072)
def sprite_image(
    spec: SpriteSpec, view: ObjView, w: int, h: int, front: bool = False
) -> tuple[Image.Image, int, int]:
    """Draw (or fetch from the cache) one layer of a sprite.

    Returns:
        ``(image, left, top)``: the RGBA image and the offset of the object's box inside it.

    Example:
        >>> img, left, top = sprite_image(GENERIC, ObjView("Box"), 40, 20)
        >>> (left, top) == pad_px(GENERIC, 40, 20)
        True
    """
    pen = Pen(w, h, spec.pad)
    fn = spec.front if front else spec.draw
    if fn is not None:
        fn(pen, view)
    return pen.finish(), pen.left, pen.top
