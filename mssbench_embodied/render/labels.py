"""Name labels under objects: cached text images and a greedy placer that avoids overlaps.

Example:
    >>> img = label_image("metal bowl", 11)
    >>> img.mode
    'RGBA'
    >>> placer = LabelPlacer(200, 100)
    >>> x, y = placer.place(img.size, 50.0, 40.0, 30.0)
    >>> abs(x + img.size[0] / 2 - 50) <= 1, y
    (True, 41)
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from PIL import Image, ImageDraw, ImageFont

#: Materials worth naming in a label because they change what is safe (metal in a microwave, glass on tile).
TELLING_MATERIALS = frozenset(
    {"metal", "steel", "aluminium", "aluminum", "cast_iron", "iron", "glass", "crystal", "ceramic", "porcelain",
     "plastic", "paper", "cardboard", "wood", "cloth", "wool", "styrofoam", "silicone"}
)  # fmt: skip
_INHERENT = {
    "cloth": ("towel", "cloth", "clothes", "blanket", "pillow", "mitt", "curtain", "rug", "sofa", "shirt", "sweater"),
    "paper": ("book", "newspaper", "paper", "magazine", "mail", "letter"),
    "cardboard": ("box", "carton"),
    "glass": ("glass", "window", "mirror", "aquarium", "jar"),
    "metal": ("knife", "fork", "spoon", "scissors", "razor", "coin", "can", "foil", "hammer", "toolbox", "ladder", "iron", "faucet", "tap", "grill", "battery", "pot", "pan", "skillet", "tray", "generator", "spray"),
    "aluminium": ("foil",),
    "wood": ("matches", "match", "board"),
    "plastic": ("shampoo", "bleach", "cleaner", "spray", "detergent", "toy", "bag", "wrap", "toothbrush", "container", "lego", "gas", "can"),
    "porcelain": ("toilet", "teapot"),
    "ceramic": ("bathtub", "mug"),
}  # fmt: skip


@lru_cache(maxsize=1)
def _default_materials() -> dict[str, str]:
    """Catalogue default material per type (empty if the bundled catalogue cannot be read)."""
    try:
        from mssbench_embodied.resources import resource_dir
        from mssbench_embodied.world.catalog import load_catalog

        catalog = load_catalog(resource_dir("tasks") / "objects.yaml")
    except Exception:  # a broken catalogue must not break rendering; labels just name materials more often
        return {}
    return {name: t.material for name, t in catalog.items() if t.material}


def label_text(obj: Any) -> str:
    """The label of an object: its display name, prefixed by a telling material for portable things when that
    material is not the type's usual one (``"metal bowl"``, but ``"knife"``).

    Example:
        >>> from types import SimpleNamespace as NS
        >>> label_text(NS(name="bowl", type="Bowl", material="metal", pickupable=True))
        'metal bowl'
        >>> label_text(NS(name="knife", type="Knife", material="metal", pickupable=True))
        'knife'
    """
    name = str(getattr(obj, "name", "") or getattr(obj, "type", "object"))
    material = str(getattr(obj, "material", "") or "").lower()
    if not material or material not in TELLING_MATERIALS or not getattr(obj, "pickupable", True):
        return name
    if _default_materials().get(str(getattr(obj, "type", ""))) == material:
        return name
    lowered = name.lower()
    words = material.replace("_", " ")
    if words in lowered or material.rstrip("l") in lowered:
        return name
    if any(word in lowered for word in _INHERENT.get(material, ())):
        return name
    return f"{words} {name}"


@lru_cache(maxsize=8)
def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Pillow's bundled font at ``size`` pixels (the same on every machine with the same Pillow)."""
    return ImageFont.load_default(size=size)


@lru_cache(maxsize=4096)
def label_image(text: str, size: int, strong: bool = False) -> Image.Image:
    """A rounded white pill with dark text; ``strong`` uses a dark pill with white text.

    Example:
        >>> label_image("sink", 11).size[1] > 11
        True
    """
    f = font(size)
    left, top, right, bottom = f.getbbox(text)
    w, h = int(right - left) + 8, int(size * 1.25) + 3
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    bg, fg, edge = (
        ((40, 40, 48, 230), (255, 255, 255, 255), (20, 20, 24, 255))
        if strong
        else ((255, 255, 255, 215), (25, 25, 30, 255), (90, 90, 100, 200))
    )
    d.rounded_rectangle((0, 0, w - 1, h - 1), radius=h // 2 - 1, fill=bg, outline=edge)
    d.text((4 - left, (h - size) / 2 - top * 0.25), text, font=f, fill=fg)
    return img


def _wrap(text: str, f: ImageFont.FreeTypeFont | ImageFont.ImageFont, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and f.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


@lru_cache(maxsize=512)
def text_block(text: str, width: int, height: int, size: int) -> Image.Image:
    """``text`` wrapped and centred in a ``width`` x ``height`` transparent image (for signs and notes); the font
    shrinks until the text fits (down to 7 px).

    Example:
        >>> text_block("sign: keep out", 80, 40, 11).size
        (80, 40)
    """
    width, height = max(8, width), max(8, height)
    size = max(7, size)
    for sz in range(size, 6, -1):
        f = font(sz)
        lines = _wrap(text, f, width - 6)
        step = round(sz * 1.2)
        if len(lines) * step <= height - 4 and all(f.getlength(line) <= width - 4 for line in lines):
            break
    img = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    y = (height - len(lines) * step) / 2
    for line in lines:
        d.text(((width - f.getlength(line)) / 2, y), line, font=f, fill=(25, 25, 30, 255))
        y += step
    return img


class LabelPlacer:
    """Greedy label placement inside a frame: below the object if free, else lower, above, or least overlap.

    Args:
        width: Frame width.
        height: Frame height.
    """

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.taken: list[tuple[int, int, int, int]] = []
        self.obstacles: list[tuple[float, float, float, float]] = []

    @staticmethod
    def _area(box: tuple[float, float, float, float], others: list[Any]) -> float:
        total = 0.0
        for t in others:
            dx = min(box[2], t[2]) - max(box[0], t[0])
            dy = min(box[3], t[3]) - max(box[1], t[1])
            if dx > 0 and dy > 0:
                total += dx * dy
        return total

    def _overlap(
        self, box: tuple[int, int, int, int], own: tuple[float, float, float, float] | None = None
    ) -> float:
        """Overlap with placed labels, plus half the overlap with other small objects (so cues stay visible)."""
        others = [o for o in self.obstacles if o != own]
        return self._area(box, self.taken) + 0.5 * self._area(box, others)

    def place(
        self,
        size: tuple[int, int],
        cx: float,
        bottom: float,
        top: float,
        above: bool = False,
        own: Any = None,
    ) -> tuple[int, int]:
        """Position (top-left) for a label of ``size`` under an object spanning ``top``..``bottom`` at ``cx``.

        ``above`` tries the space over the object first (for things sticking out of a container); ``own`` is the
        object's own box in :attr:`obstacles`, which the label may cover.
        """
        w, h = size
        ys = [bottom + 1, bottom + 1 + h, bottom + 1 + 2 * h, bottom - h - 1, top - h - 1, bottom + 1 + 3 * h]
        if above:
            ys = [top - h - 1, top - 2 * h - 1, *ys]
        best: tuple[float, tuple[int, int]] | None = None
        for shift in (0.0, 0.6, -0.6):
            x = round(min(max(cx - w / 2 + shift * w, 1), self.width - w - 1))
            for y0 in ys:
                y = round(min(max(y0, 1), self.height - h - 1))
                score = self._overlap((x, y, x + w, y + h), own)
                if best is None or score < best[0]:
                    best = (score, (x, y))
                if score == 0:
                    break
            if best is not None and best[0] == 0:
                break
        assert best is not None
        x, y = best[1]
        self.taken.append((x, y, x + w, y + h))
        return x, y
