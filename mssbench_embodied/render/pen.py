"""A small drawing helper: shapes in object-box coordinates on a supersampled RGBA canvas.

A sprite is drawn in coordinates where ``(0, 0)`` is the top-left and ``(1, 1)`` the bottom-right corner of the
object's box; the canvas has a margin around the box (for flames, steam, open doors), so coordinates slightly
outside ``[0, 1]`` are fine. Drawing happens at ``ss`` times the final size and is downsampled once, which
anti-aliases every edge.

Example:
    >>> pen = Pen(40, 30)
    >>> pen.rect(0, 0, 1, 1, fill=(200, 0, 0, 255))
    >>> pen.finish().size
    (60, 48)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PIL import Image, ImageDraw

from .palette import OUTLINE, RGBA

Pad = tuple[float, float, float, float]
DEFAULT_PAD: Pad = (0.25, 0.45, 0.25, 0.15)
Point = tuple[float, float]


def _rounded_rectangle(
    draw: ImageDraw.ImageDraw,
    box: tuple[float, float, float, float],
    r: float,
    fill: RGBA | None,
    outline: RGBA | None,
    width: int,
) -> None:
    """``draw.rounded_rectangle``, with a smaller radius where Pillow cannot draw it: a box only a few pixels wide
    whose corners join on one axis but not the other (tiny thumbnails) raises ``x1 must be greater than or equal
    to x0`` there. Boxes Pillow draws are drawn exactly as before."""
    try:
        draw.rounded_rectangle(box, r, fill=fill, outline=outline, width=width)
    except ValueError:
        side = min(box[2] - box[0], box[3] - box[1])
        r = max(0.0, min(r, (side - 3) // 2))
        if r >= 1:
            draw.rounded_rectangle(box, r, fill=fill, outline=outline, width=width)
        else:
            draw.rectangle(box, fill=fill, outline=outline, width=width)


class Pen:
    """Draw shapes in box-relative coordinates.

    Args:
        w: Width of the object's box in output pixels.
        h: Height of the object's box in output pixels.
        pad: Margin (left, top, right, bottom) as fractions of the box size.
        ss: Supersampling factor.

    Example:
        >>> pen = Pen(20, 20, pad=(0, 0, 0, 0))
        >>> pen.ellipse(0, 0, 1, 1, fill=(0, 0, 255, 255))
        >>> pen.finish().getpixel((10, 10))
        (0, 0, 255, 255)
    """

    def __init__(self, w: int, h: int, pad: Pad = DEFAULT_PAD, ss: int = 2) -> None:
        self.w, self.h, self.ss = max(1, w), max(1, h), ss
        self.left = max(3, round(pad[0] * self.w))
        self.top = max(3, round(pad[1] * self.h))
        right = max(3, round(pad[2] * self.w))
        bottom = max(3, round(pad[3] * self.h))
        self.size = (self.left + self.w + right, self.top + self.h + bottom)
        self.img = Image.new("RGBA", (self.size[0] * ss, self.size[1] * ss), (0, 0, 0, 0))
        self.draw = ImageDraw.Draw(self.img)

    # -- coordinates ---------------------------------------------------------------------------------------
    def x(self, fx: float) -> float:
        """Canvas x of box fraction ``fx``."""
        return (self.left + fx * self.w) * self.ss

    def y(self, fy: float) -> float:
        """Canvas y of box fraction ``fy``."""
        return (self.top + fy * self.h) * self.ss

    def px(self, n: float) -> int:
        """``n`` output pixels in canvas pixels (for stroke widths)."""
        return max(1, round(n * self.ss))

    def _box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        ax, bx = sorted((self.x(x0), self.x(x1)))
        ay, by = sorted((self.y(y0), self.y(y1)))
        return (ax, ay, max(ax + 1, bx), max(ay + 1, by))

    def _pts(self, pts: Sequence[Point]) -> list[tuple[float, float]]:
        return [(self.x(a), self.y(b)) for a, b in pts]

    def _paint(
        self, fill: RGBA | None, outline: RGBA | None, op: Callable[[ImageDraw.ImageDraw], None]
    ) -> None:
        """Run ``op``; translucent colours go through a separate layer so they blend instead of replacing."""
        if (fill is not None and fill[3] < 255) or (outline is not None and outline[3] < 255):
            layer = Image.new("RGBA", self.img.size, (0, 0, 0, 0))
            op(ImageDraw.Draw(layer))
            # Composited over the part drawn on only: a pixel of alpha 0 leaves the one under it as it was.
            drawn = layer.getchannel("A").getbbox()
            if drawn is not None:
                self.img.alpha_composite(layer, dest=drawn[:2], source=drawn)
        else:
            op(self.draw)

    # -- shapes --------------------------------------------------------------------------------------------
    def rect(
        self,
        x0: float,
        y0: float,
        x1: float,
        y1: float,
        fill: RGBA | None = None,
        outline: RGBA | None = OUTLINE,
        width: float = 1.4,
        radius: float = 0.0,
    ) -> None:
        """Rectangle; ``radius`` rounds the corners (output pixels)."""
        box = self._box(x0, y0, x1, y1)
        w = self.px(width) if outline else 0
        if radius > 0:
            r = min(radius * self.ss, (box[2] - box[0]) / 2, (box[3] - box[1]) / 2)
            self._paint(fill, outline, lambda d: _rounded_rectangle(d, box, r, fill, outline, w))
        else:
            self._paint(fill, outline, lambda d: d.rectangle(box, fill=fill, outline=outline, width=w))

    def ellipse(
        self,
        x0: float,
        y0: float,
        x1: float,
        y1: float,
        fill: RGBA | None = None,
        outline: RGBA | None = OUTLINE,
        width: float = 1.4,
    ) -> None:
        """Ellipse inside the box ``(x0, y0)``–``(x1, y1)``."""
        box, w = self._box(x0, y0, x1, y1), self.px(width)
        self._paint(fill, outline, lambda d: d.ellipse(box, fill=fill, outline=outline, width=w))

    def circle(
        self, cx: float, cy: float, r: float, fill: RGBA | None = None, outline: RGBA | None = OUTLINE
    ) -> None:
        """Circle of radius ``r`` given as a fraction of the box width."""
        ry = r * self.w / self.h
        self.ellipse(cx - r, cy - ry, cx + r, cy + ry, fill, outline)

    def polygon(
        self,
        pts: Sequence[Point],
        fill: RGBA | None = None,
        outline: RGBA | None = OUTLINE,
        width: float = 1.4,
    ) -> None:
        """Closed polygon."""
        xy, w = self._pts(pts), self.px(width) if outline else 0
        self._paint(fill, outline, lambda d: d.polygon(xy, fill=fill, outline=outline, width=w))

    def line(self, pts: Sequence[Point], fill: RGBA = OUTLINE, width: float = 1.4) -> None:
        """Polyline with rounded joints."""
        xy, w = self._pts(pts), self.px(width)
        self._paint(fill, None, lambda d: d.line(xy, fill=fill, width=w, joint="curve"))

    def pieslice(
        self,
        x0: float,
        y0: float,
        x1: float,
        y1: float,
        start: float,
        end: float,
        fill: RGBA,
        outline: RGBA | None,
    ) -> None:
        """Pie slice of the ellipse in the box, angles in degrees clockwise from 3 o'clock."""
        box, w = self._box(x0, y0, x1, y1), self.px(1.2)
        self._paint(fill, outline, lambda d: d.pieslice(box, start, end, fill=fill, outline=outline, width=w))

    def chord(
        self,
        x0: float,
        y0: float,
        x1: float,
        y1: float,
        start: float,
        end: float,
        fill: RGBA,
        outline: RGBA | None,
    ) -> None:
        """Chord (segment) of the ellipse in the box."""
        box, w = self._box(x0, y0, x1, y1), self.px(1.2)
        self._paint(fill, outline, lambda d: d.chord(box, start, end, fill=fill, outline=outline, width=w))

    def arc(
        self,
        x0: float,
        y0: float,
        x1: float,
        y1: float,
        start: float,
        end: float,
        fill: RGBA,
        width: float = 1.4,
    ) -> None:
        """Arc of the ellipse in the box."""
        box, w = self._box(x0, y0, x1, y1), self.px(width)
        self._paint(fill, None, lambda d: d.arc(box, start, end, fill=fill, width=w))

    def wave(
        self, x: float, y0: float, y1: float, amp: float, fill: RGBA, width: float = 1.4, turns: float = 1.5
    ) -> None:
        """A vertical wavy line from ``y0`` to ``y1`` around ``x`` (heat, steam, smell)."""
        n = 12
        pts = [
            (x + amp * math.sin(turns * 2 * math.pi * i / n), y0 + (y1 - y0) * i / n) for i in range(n + 1)
        ]
        self.line(pts, fill, width)

    def layer(self) -> Pen:
        """A transparent pen of the same geometry, for translucent shapes; merge it back with :meth:`merge`."""
        other = Pen.__new__(Pen)
        other.w, other.h, other.ss, other.left, other.top, other.size = (
            self.w,
            self.h,
            self.ss,
            self.left,
            self.top,
            self.size,
        )
        other.img = Image.new("RGBA", self.img.size, (0, 0, 0, 0))
        other.draw = ImageDraw.Draw(other.img)
        return other

    def merge(self, other: Pen, alpha: float = 1.0) -> None:
        """Composite a pen made by :meth:`layer` over this one, its opacity scaled by ``alpha``."""
        if alpha < 1.0:
            other.img.putalpha(other.img.getchannel("A").point(lambda v: round(v * alpha)))
        self.img.alpha_composite(other.img)

    def finish(self) -> Image.Image:
        """The downsampled RGBA image (size ``(left + w + right, top + h + bottom)``)."""
        if self.ss == 1:
            return self.img
        return self.img.resize(self.size, Image.Resampling.BOX)
