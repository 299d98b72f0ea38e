"""Room backdrops: back wall with room-typical decor and a floor in perspective showing its material.

Backdrops are drawn once per ``(room, floor material, width, height)`` and cached.

Example:
    >>> img = backdrop("kitchen", "tile", 128, 96)
    >>> img.size, img.mode
    ((128, 96), 'RGB')
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw

from .palette import FLOORS, RGBA, floor_kind, room_style, shade

#: Wall/floor boundary and the row where back-row objects stand, as fractions of the height.
HORIZON = 0.58
BASE = 0.655
SS = 2


def _lines_to_vp(
    d: ImageDraw.ImageDraw, w: int, h: int, top: float, n: int, colour: RGBA, width: int
) -> None:
    vx, vy = w / 2, top - h * 0.9
    for i in range(-n, 2 * n + 1):
        bx = w * i / n
        t = (top - vy) / (h - vy)
        tx = vx + (bx - vx) * t
        d.line([(tx, top), (bx, h)], fill=colour, width=width)


def _rows(h: int, top: float, n: int) -> list[float]:
    return [top + (h - top) * (i / n) ** 1.6 for i in range(1, n + 1)]


def _floor(img: Image.Image, kind: str, top: float) -> None:
    w, h = img.size
    d = ImageDraw.Draw(img, "RGBA")
    base, line = FLOORS[kind]
    d.rectangle((0, top, w, h), fill=base)
    lw = max(1, SS)
    if kind in ("tile", "ceramic", "marble", "stone", "vinyl"):
        n = 5 if kind == "stone" else 8
        _lines_to_vp(d, w, h, top, n, line, lw)
        for y in _rows(h, top, n - 1):
            d.line([(0, y), (w, y)], fill=line, width=lw)
        if kind in ("tile", "ceramic"):
            for y in _rows(h, top, 7):
                d.line([(0, y - 2 * SS), (w, y - 2 * SS)], fill=(255, 255, 255, 70), width=lw)
    elif kind in ("wood", "laminate"):
        _lines_to_vp(d, w, h, top, 14, line, lw)
        rows = _rows(h, top, 10)
        for j, y in enumerate(rows):
            for i in range(-14, 29):
                if (i + j) % 3:
                    continue
                t = (y - (top - h * 0.9)) / (h - (top - h * 0.9))
                x = w / 2 + (w * i / 14 - w / 2) * t
                d.line([(x, y), (x + w / 14 * t, y)], fill=line, width=lw)
    elif kind in ("carpet", "rug", "grass", "concrete"):
        rng = np.random.default_rng(12345)
        arr = np.asarray(img).copy()
        region = arr[int(top) :, :, :3].astype(np.int16)
        amp = {"carpet": 14, "rug": 14, "grass": 22, "concrete": 10}[kind]
        noise = rng.integers(-amp, amp + 1, size=region.shape[:2], dtype=np.int16)[..., None]
        arr[int(top) :, :, :3] = np.clip(region + noise, 0, 255).astype(np.uint8)
        img.paste(Image.fromarray(arr))
        d = ImageDraw.Draw(img, "RGBA")
        if kind == "grass":
            for i in range(260):
                x = (i * 97) % w
                y = top + ((i * 53) % 97) / 97 * (h - top)
                s = 3 + 6 * (y - top) / (h - top)
                d.line([(x, y), (x + (i % 3 - 1) * s * 0.4, y - s * SS)], fill=(70, 130, 50, 255), width=lw)
        elif kind == "concrete":
            for y in _rows(h, top, 3):
                d.line([(0, y), (w, y)], fill=line, width=lw)
            d.line(
                [(w * 0.62, top + 20), (w * 0.66, top + 60), (w * 0.61, h)], fill=shade(line, 0.8), width=lw
            )
    d.rectangle((0, top, w, top + 3 * SS), fill=(0, 0, 0, 40))


def _tiles(
    d: ImageDraw.ImageDraw, x0: float, y0: float, x1: float, y1: float, size: float, colour: RGBA, brick: bool
) -> None:
    rows = int((y1 - y0) / size) + 1
    for r in range(rows + 1):
        y = y0 + r * size
        d.line([(x0, y), (x1, y)], fill=colour, width=SS)
        off = size if (brick and r % 2) else 0
        step = size * (2 if brick else 1)
        x = x0 - off
        while x < x1:
            d.line([(x, y), (x, min(y + size, y1))], fill=colour, width=SS)
            x += step


def _window(
    d: ImageDraw.ImageDraw, x0: float, y0: float, x1: float, y1: float, curtains: RGBA | None, sky: RGBA
) -> None:
    frame = (250, 250, 248, 255)
    d.rectangle((x0, y0, x1, y1), fill=sky, outline=(120, 110, 100, 255), width=2 * SS)
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    d.line([(mx, y0), (mx, y1)], fill=frame, width=3 * SS)
    d.line([(x0, my), (x1, my)], fill=frame, width=3 * SS)
    d.line(
        [(x0 + (x1 - x0) * 0.15, y0 + (y1 - y0) * 0.35), (x0 + (x1 - x0) * 0.35, y0 + (y1 - y0) * 0.1)],
        fill=(255, 255, 255, 150),
        width=2 * SS,
    )
    if curtains:
        cw = (x1 - x0) * 0.22
        for cx in (x0 - cw * 0.5, x1 - cw * 0.5):
            d.rectangle(
                (cx, y0 - 4 * SS, cx + cw, y1 + 8 * SS), fill=curtains, outline=shade(curtains, 0.7), width=SS
            )
        d.line([(x0 - cw, y0 - 5 * SS), (x1 + cw, y0 - 5 * SS)], fill=(90, 70, 50, 255), width=2 * SS)


def _decor(img: Image.Image, decor: str, accent: RGBA, horizon: float) -> None:
    w, h = img.size
    d = ImageDraw.Draw(img, "RGBA")
    line = (0, 0, 0, 28)
    if decor == "kitchen":
        _tiles(d, 0, horizon * 0.42, w, horizon, 9 * SS, (255, 255, 255, 150), brick=True)
        d.rectangle((0, 0, w, horizon * 0.3), fill=(214, 204, 184, 255))
        n = 6
        for i in range(n):
            x0, x1 = w * i / n + 3 * SS, w * (i + 1) / n - 3 * SS
            d.rectangle(
                (x0, 4 * SS, x1, horizon * 0.3 - 4 * SS),
                fill=(236, 230, 214, 255),
                outline=(150, 135, 115, 255),
                width=SS,
            )
            hx = x1 - 8 * SS if i % 2 == 0 else x0 + 6 * SS
            d.rectangle((hx, horizon * 0.22, hx + 2 * SS, horizon * 0.27), fill=(160, 165, 172, 255))
        d.rectangle((0, horizon * 0.3, w, horizon * 0.3 + 3 * SS), fill=(0, 0, 0, 40))
    elif decor == "bathroom":
        _tiles(d, 0, horizon * 0.3, w, horizon, 14 * SS, (255, 255, 255, 170), brick=False)
        d.line([(0, horizon * 0.3), (w, horizon * 0.3)], fill=shade(accent, 0.9), width=3 * SS)
    elif decor in ("living", "bedroom"):
        for i in range(0, w, 16 * SS):
            d.line([(i, 0), (i, horizon)], fill=line, width=SS)
        _window(d, w * 0.07, h * 0.07, w * 0.27, h * 0.3, accent, (175, 215, 245, 255))
    elif decor == "office":
        _window(d, w * 0.7, h * 0.06, w * 0.92, h * 0.28, None, (175, 215, 245, 255))
        for y in range(int(h * 0.07), int(h * 0.28), 4 * SS):
            d.line([(w * 0.7, y), (w * 0.92, y)], fill=(235, 235, 230, 200), width=SS)
    elif decor == "laundry":
        _tiles(d, 0, horizon * 0.45, w, horizon, 12 * SS, (255, 255, 255, 150), brick=False)
        d.rectangle((w * 0.05, h * 0.12, w * 0.45, h * 0.14), fill=(160, 120, 80, 255))
    elif decor == "garage":
        _tiles(d, 0, 0, w, horizon, 12 * SS, (150, 150, 146, 255), brick=True)
        d.rectangle(
            (w * 0.62, h * 0.05, w * 0.95, h * 0.28),
            fill=(200, 170, 120, 255),
            outline=(120, 100, 70, 255),
            width=SS,
        )
        for i in range(12):
            for j in range(5):
                d.ellipse(
                    (
                        w * (0.64 + i * 0.026),
                        h * (0.075 + j * 0.045),
                        w * (0.64 + i * 0.026) + SS * 2,
                        h * (0.075 + j * 0.045) + SS * 2,
                    ),
                    fill=(120, 100, 70, 255),
                )
    elif decor == "nursery":
        for i in range(24):
            sx, sy = (i * 89) % w, (i * 47) % int(horizon * 0.9) + horizon * 0.05
            d.regular_polygon((sx, sy, 4 * SS), 5, fill=(250, 220, 120, 200))
        _window(d, w * 0.07, h * 0.07, w * 0.27, h * 0.3, accent, (175, 215, 245, 255))
    elif decor == "hallway":
        d.rectangle(
            (w * 0.78, h * 0.05, w * 0.95, horizon),
            fill=(245, 245, 240, 255),
            outline=(150, 140, 130, 255),
            width=2 * SS,
        )
        d.rectangle(
            (w * 0.8, h * 0.08, w * 0.93, horizon),
            fill=(170, 125, 85, 255),
            outline=(110, 80, 50, 255),
            width=SS,
        )
        d.ellipse((w * 0.905, horizon * 0.55, w * 0.915, horizon * 0.57), fill=(220, 190, 80, 255))
        d.line([(w * 0.05, h * 0.12), (w * 0.3, h * 0.12)], fill=(120, 90, 60, 255), width=3 * SS)
        for i in range(4):
            x = w * (0.08 + i * 0.065)
            d.line([(x, h * 0.12), (x, h * 0.15)], fill=(80, 80, 85, 255), width=2 * SS)
    elif decor in ("garden", "balcony"):
        for y in range(int(horizon)):
            t = y / max(horizon, 1)
            d.line([(0, y), (w, y)], fill=(int(120 + 90 * t), int(185 + 50 * t), int(240 + 10 * t), 255))
        for cx, cy in ((0.2, 0.1), (0.7, 0.16)):
            for dx, r in ((-0.04, 0.035), (0.0, 0.05), (0.045, 0.035)):
                d.ellipse(
                    (w * (cx + dx - r), h * (cy - r * 0.8), w * (cx + dx + r), h * (cy + r * 0.8)),
                    fill=(255, 255, 255, 230),
                )
        if decor == "balcony":
            rail = (90, 95, 105, 255)
            d.rectangle((0, horizon * 0.5, w, horizon * 0.54), fill=rail)
            for x in range(0, w, 10 * SS):
                d.line([(x, horizon * 0.52), (x, horizon)], fill=rail, width=2 * SS)
            return
        fence = (190, 150, 100, 255)
        d.rectangle((0, horizon * 0.6, w, horizon * 0.64), fill=fence)
        d.rectangle((0, horizon * 0.85, w, horizon * 0.89), fill=fence)
        for x in range(0, w, 14 * SS):
            d.polygon(
                [
                    (x + 2 * SS, horizon),
                    (x + 2 * SS, horizon * 0.5),
                    (x + 6 * SS, horizon * 0.46),
                    (x + 10 * SS, horizon * 0.5),
                    (x + 10 * SS, horizon),
                ],
                fill=shade(fence, 1.1),
                outline=(130, 100, 60, 255),
            )
    if decor != "garden":
        d.rectangle(
            (0, horizon - 5 * SS, w, horizon), fill=shade(accent, 1.4), outline=(0, 0, 0, 50), width=SS
        )


@lru_cache(maxsize=64)
def backdrop(room: str | None, floor_material: str | None, width: int, height: int) -> Image.Image:
    """The backdrop image (RGB) of ``room`` with a floor of ``floor_material``; treat it as read-only.

    Example:
        >>> backdrop("garden", None, 64, 48).getpixel((32, 47))[1] > 100
        True
    """
    style = room_style(room)
    kind = floor_kind(floor_material, room or "")
    w, h = width * SS, height * SS
    img = Image.new("RGB", (w, h), style.wall[:3])
    d = ImageDraw.Draw(img, "RGBA")
    horizon = h * HORIZON
    d.rectangle((0, horizon * 0.55, w, horizon), fill=style.wall_low)
    _decor(img, style.decor, style.accent, horizon)
    _floor(img, kind, horizon)
    return img.resize((width, height), Image.Resampling.BOX)
