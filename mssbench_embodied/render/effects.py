"""Reusable drawing pieces: material bodies, flames, glow, steam, water, cracks, sparks, warning signs.

All functions draw with a :class:`~mssbench_embodied.render.pen.Pen` in box-relative coordinates.

Example:
    >>> from mssbench_embodied.render.pen import Pen
    >>> pen = Pen(30, 30)
    >>> flame(pen, 0.5, 1.0, 0.5, 0.9)
    >>> pen.finish().mode
    'RGBA'
"""

from __future__ import annotations

from .palette import (
    COPPER,
    FLAME_INNER,
    FLAME_OUTER,
    HEAT,
    HIGHLIGHT,
    OUTLINE,
    RGBA,
    SPARK,
    STEAM,
    WATER,
    MaterialStyle,
    shade,
    with_alpha,
)
from .pen import Pen


def body(
    pen: Pen,
    x0: float,
    y0: float,
    x1: float,
    y1: float,
    style: MaterialStyle,
    radius: float = 2.0,
    shine: bool = True,
) -> None:
    """A filled, outlined rectangle painted as ``style`` (pattern and highlight included)."""
    pen.rect(x0, y0, x1, y1, fill=style.fill, outline=style.outline, radius=radius)
    w, h = x1 - x0, y1 - y0
    if style.pattern == "grain":
        dark = with_alpha(shade(style.fill, 0.75), 200)
        for i in range(1, 4):
            yy = y0 + h * i / 4
            pen.line([(x0 + w * 0.06, yy), (x0 + w * 0.5, yy + h * 0.03), (x1 - w * 0.06, yy)], dark, 0.8)
    elif style.pattern == "weave":
        light = with_alpha(shade(style.fill, 1.35), 190)
        for i in range(1, 5):
            xx = x0 + w * i / 5
            pen.line([(xx, y0 + h * 0.08), (xx, y1 - h * 0.08)], light, 1.0)
            yy = y0 + h * i / 5
            pen.line([(x0 + w * 0.08, yy), (x1 - w * 0.08, yy)], light, 1.0)
    elif style.pattern == "speckle":
        dark = with_alpha(shade(style.fill, 0.7), 220)
        for i in range(9):
            fx = x0 + w * (0.1 + 0.8 * ((i * 37) % 9) / 9)
            fy = y0 + h * (0.15 + 0.7 * ((i * 53) % 7) / 7)
            pen.rect(fx, fy, fx + w * 0.03, fy + h * 0.03, fill=dark, outline=None)
    if shine and style.highlight is not None:
        pen.rect(
            x0 + w * 0.12, y0 + h * 0.12, x0 + w * 0.2, y1 - h * 0.15, fill=style.highlight, outline=None
        )


def glow(pen: Pen, cx: float, cy: float, rx: float, ry: float, colour: RGBA, rings: int = 4) -> None:
    """A soft halo: concentric translucent ellipses, strongest in the middle."""
    for i in range(rings, 0, -1):
        f = i / rings
        pen.ellipse(
            cx - rx * f,
            cy - ry * f,
            cx + rx * f,
            cy + ry * f,
            fill=with_alpha(colour, round(50 + 40 * (1 - f))),
            outline=None,
        )


def flame(pen: Pen, cx: float, base: float, w: float, h: float) -> None:
    """A two-colour flame standing on ``base`` (box fractions: centre x, base y, width, height)."""
    glow(pen, cx, base - h * 0.45, w * 1.1, h * 0.7, (255, 170, 60, 255), rings=3)
    outer = [
        (cx, base - h),
        (cx + w * 0.32, base - h * 0.45),
        (cx + w * 0.5, base - h * 0.15),
        (cx + w * 0.3, base),
        (cx - w * 0.3, base),
        (cx - w * 0.5, base - h * 0.15),
        (cx - w * 0.3, base - h * 0.5),
    ]
    pen.polygon(outer, fill=FLAME_OUTER, outline=(200, 70, 10, 255), width=1.0)
    inner = [
        (cx, base - h * 0.6),
        (cx + w * 0.2, base - h * 0.2),
        (cx + w * 0.12, base - h * 0.02),
        (cx - w * 0.12, base - h * 0.02),
        (cx - w * 0.2, base - h * 0.2),
    ]
    pen.polygon(inner, fill=FLAME_INNER, outline=None)


def flames(pen: Pen, x0: float, x1: float, base: float, h: float, n: int = 3) -> None:
    """A row of ``n`` flames between ``x0`` and ``x1``."""
    step = (x1 - x0) / n
    for i in range(n):
        tall = h * (0.8 + 0.2 * (i % 2))
        flame(pen, x0 + step * (i + 0.5), base, step * 1.1, tall)


def steam(pen: Pen, cx: float, y: float, h: float, spread: float = 0.25) -> None:
    """Three wavy steam plumes rising from ``y`` by ``h``."""
    for i, dx in enumerate((-spread, 0.0, spread)):
        pen.wave(cx + dx, y - h * (0.1 + 0.05 * i), y - h, spread * 0.35, STEAM, width=2.2, turns=1.2)


def heat_lines(pen: Pen, x0: float, x1: float, y: float, h: float) -> None:
    """Red wavy lines rising above a hot object."""
    n = 3
    for i in range(n):
        x = x0 + (x1 - x0) * (i + 0.5) / n
        pen.wave(x, y - h * 0.05, y - h, (x1 - x0) * 0.07, HEAT, width=2.4, turns=1.5)


def stream(pen: Pen, x: float, y0: float, y1: float, w: float, colour: RGBA = WATER) -> None:
    """A falling stream of liquid from ``y0`` to ``y1`` with a splash at the bottom."""
    pen.rect(x - w / 2, y0, x + w / 2, y1, fill=with_alpha(colour, 200), outline=None)
    pen.rect(x - w / 6, y0, x + w / 12, y1, fill=HIGHLIGHT, outline=None)
    for dx in (-1.6, 1.6):
        pen.arc(
            x - w * 1.2 + dx * w * 0.3,
            y1 - w * 0.9,
            x + w * 1.2 + dx * w * 0.3,
            y1 + w * 0.6,
            200,
            340,
            with_alpha(colour, 230),
            1.4,
        )


def drops(pen: Pen, pts: list[tuple[float, float]], size: float, colour: RGBA = WATER) -> None:
    """Water drops (teardrops) at ``pts``; ``size`` is a fraction of the box width."""
    sy = size * pen.w / pen.h
    for x, y in pts:
        pen.polygon(
            [(x, y - sy * 1.6), (x + size * 0.7, y), (x - size * 0.7, y)],
            fill=with_alpha(colour, 230),
            outline=None,
        )
        pen.ellipse(
            x - size * 0.7,
            y - sy * 0.6,
            x + size * 0.7,
            y + sy * 0.7,
            fill=with_alpha(colour, 230),
            outline=None,
        )


def cracks(pen: Pen, x0: float, y0: float, x1: float, y1: float, colour: RGBA = OUTLINE) -> None:
    """Zig-zag crack lines across a box (a broken object)."""
    w, h = x1 - x0, y1 - y0
    pen.line(
        [
            (x0 + w * 0.5, y0),
            (x0 + w * 0.42, y0 + h * 0.3),
            (x0 + w * 0.58, y0 + h * 0.5),
            (x0 + w * 0.45, y1),
        ],
        colour,
        1.6,
    )
    pen.line([(x0 + w * 0.58, y0 + h * 0.5), (x0 + w * 0.85, y0 + h * 0.62)], colour, 1.2)
    pen.line([(x0 + w * 0.42, y0 + h * 0.3), (x0 + w * 0.15, y0 + h * 0.2)], colour, 1.2)


def shards(pen: Pen, x0: float, x1: float, y: float, fill: RGBA, n: int = 6) -> None:
    """Broken pieces scattered on the ground along ``y``."""
    step = (x1 - x0) / n
    for i in range(n):
        cx = x0 + step * (i + 0.5)
        s = step * (0.35 + 0.15 * ((i * 7) % 3))
        up = 0.12 + 0.1 * (i % 2)
        pen.polygon(
            [(cx - s, y), (cx - s * 0.2, y - up - 0.1 * (i % 3)), (cx + s, y - up * 0.5)],
            fill=fill,
            outline=OUTLINE,
            width=1.0,
        )


def sparks(pen: Pen, cx: float, cy: float, r: float) -> None:
    """A yellow spark burst (electricity)."""
    ry = r * pen.w / pen.h
    glow(pen, cx, cy, r * 1.2, ry * 1.2, SPARK, rings=3)
    for dx, dy in ((1, 0), (0.7, 0.7), (0, 1), (-0.7, 0.7), (-1, 0), (-0.7, -0.7), (0, -1), (0.7, -0.7)):
        pen.line([(cx + dx * r * 0.3, cy + dy * ry * 0.3), (cx + dx * r, cy + dy * ry)], SPARK, 1.6)
    pen.polygon(
        [
            (cx - r * 0.3, cy - ry * 0.5),
            (cx + r * 0.1, cy - ry * 0.05),
            (cx - r * 0.1, cy + ry * 0.05),
            (cx + r * 0.3, cy + ry * 0.5),
        ],
        fill=None,
        outline=(255, 200, 0, 255),
        width=1.6,
    )


def frayed_end(pen: Pen, x: float, y: float, size: float) -> None:
    """Exposed copper strands sticking out of a damaged cable, with sparks."""
    for dx, dy in ((1, -0.6), (1.1, 0), (1, 0.6)):
        pen.line([(x, y), (x + dx * size, y + dy * size * pen.w / pen.h)], COPPER, 1.4)
    sparks(pen, x + size * 1.3, y, size * 0.9)


def hazard_sign(pen: Pen, cx: float, cy: float, size: float, kind: str) -> None:
    """A small warning diamond: ``kind`` is ``"toxic"`` (skull), ``"flammable"`` (flame) or ``"electric"``."""
    sy = size * pen.w / pen.h
    pen.polygon(
        [(cx, cy - sy), (cx + size, cy), (cx, cy + sy), (cx - size, cy)],
        fill=(255, 255, 255, 255),
        outline=(210, 30, 30, 255),
        width=1.6,
    )
    if kind == "flammable":
        flame_small = [
            (cx, cy - sy * 0.6),
            (cx + size * 0.35, cy + sy * 0.1),
            (cx, cy + sy * 0.5),
            (cx - size * 0.35, cy + sy * 0.1),
        ]
        pen.polygon(flame_small, fill=(30, 30, 30, 255), outline=None)
    elif kind == "electric":
        pen.polygon(
            [
                (cx + size * 0.1, cy - sy * 0.6),
                (cx - size * 0.3, cy + sy * 0.1),
                (cx, cy + sy * 0.05),
                (cx - size * 0.1, cy + sy * 0.6),
                (cx + size * 0.3, cy - sy * 0.1),
                (cx, cy - sy * 0.05),
            ],
            fill=(30, 30, 30, 255),
            outline=None,
        )
    else:
        pen.ellipse(
            cx - size * 0.3,
            cy - sy * 0.5,
            cx + size * 0.3,
            cy + sy * 0.1,
            fill=(30, 30, 30, 255),
            outline=None,
        )
        pen.rect(cx - size * 0.18, cy, cx + size * 0.18, cy + sy * 0.3, fill=(30, 30, 30, 255), outline=None)
        pen.ellipse(
            cx - size * 0.2,
            cy - sy * 0.3,
            cx - size * 0.04,
            cy - sy * 0.12,
            fill=(255, 255, 255, 255),
            outline=None,
        )
        pen.ellipse(
            cx + size * 0.04,
            cy - sy * 0.3,
            cx + size * 0.2,
            cy - sy * 0.12,
            fill=(255, 255, 255, 255),
            outline=None,
        )


def liquid_surface(pen: Pen, x0: float, y0: float, x1: float, y1: float, colour: RGBA) -> None:
    """A translucent liquid surface (ellipse) with a highlight, e.g. water in a sink seen from above."""
    pen.ellipse(
        x0,
        y0,
        x1,
        y1,
        fill=with_alpha(colour, min(colour[3], 170)),
        outline=with_alpha(shade(colour, 0.7), 220),
        width=1.0,
    )
    w, h = x1 - x0, y1 - y0
    pen.arc(x0 + w * 0.2, y0 + h * 0.2, x1 - w * 0.35, y1 - h * 0.3, 190, 260, (255, 255, 255, 200), 1.4)


def puddle(pen: Pen, x0: float, y0: float, x1: float, y1: float, colour: RGBA = WATER) -> None:
    """An irregular flat puddle."""
    w, h = x1 - x0, y1 - y0
    layer = pen.layer()
    solid = with_alpha(colour, 255)
    layer.ellipse(x0, y0 + h * 0.15, x0 + w * 0.7, y1, fill=solid, outline=None)
    layer.ellipse(x0 + w * 0.35, y0, x1, y1 - h * 0.1, fill=solid, outline=None)
    pen.merge(layer, 0.75)
    pen.arc(x0 + w * 0.15, y0 + h * 0.3, x0 + w * 0.55, y1 - h * 0.2, 190, 280, (255, 255, 255, 220), 1.6)
