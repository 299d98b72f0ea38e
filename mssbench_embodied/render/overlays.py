"""Generic state overlays for sprites that do not draw a state themselves.

Every state must be visible, whatever the object type: if a sprite looks the same with and without a state key
(``wet``, ``broken``, ``hot``, ``lit``, ``on`` ...), the renderer draws a generic cue over it instead (drops and
a puddle, cracks, heat lines, flames, a glowing power light). Whether a sprite shows a key is found out once per
spec by rendering it both ways.

Example:
    >>> from mssbench_embodied.render.spec import spec_for
    >>> shows_state(spec_for("Candle"), "lit"), shows_state(spec_for("NoSuchThing"), "broken")
    (True, False)
    >>> overlay_image("wet", 40, 30)[0].mode
    'RGBA'
"""

from __future__ import annotations

from functools import lru_cache

from PIL import Image

from . import effects as fx
from .palette import GLOW_ORANGE
from .pen import Pen
from .spec import ObjView, SpriteSpec, sprite_image

#: State keys with a generic overlay, in drawing order.
OVERLAY_KEYS: tuple[str, ...] = ("wet", "leaking", "broken", "hot", "lit", "burning", "on", "running")
#: Keys whose overlay is drawn even when the sprite shows the state itself (a sprite's own drops are small).
ALWAYS: frozenset[str] = frozenset({"wet", "leaking"})
_PAD = (0.3, 0.9, 0.3, 0.3)


@lru_cache(maxsize=2048)
def shows_state(spec: SpriteSpec, key: str) -> bool:
    """True if ``spec``'s sprite looks different when ``key`` is set (so it needs no overlay)."""
    if key in ALWAYS:
        return False
    plain, with_key = ObjView(spec.name), ObjView(spec.name, state=((key, True),))
    for front in (False, True) if spec.front is not None else (False,):
        a = sprite_image(spec, plain, 40, 40, front)[0]
        b = sprite_image(spec, with_key, 40, 40, front)[0]
        if a.tobytes() != b.tobytes():
            return True
    return False


@lru_cache(maxsize=512)
def overlay_image(key: str, w: int, h: int) -> tuple[Image.Image, int, int]:
    """The overlay for state ``key`` on a ``w`` x ``h`` box: ``(image, left, top)`` like a sprite."""
    pen = Pen(w, h, _PAD)
    if key in ("wet", "leaking"):
        if key == "wet":
            fx.drops(
                pen,
                [(0.15, 0.35), (0.5, 0.12), (0.85, 0.4), (0.35, 0.7)],
                0.08 * min(1.0, 1.4 * h / max(w, 1)),
            )
        fx.puddle(pen, -0.2, 0.92, 1.2, 1.15)
    elif key == "broken":
        fx.cracks(pen, 0.1, 0.05, 0.9, 0.95, (30, 30, 30, 255))
        fx.cracks(pen, 0.3, 0.3, 0.7, 0.9, (250, 250, 250, 220))
    elif key == "hot":
        fx.heat_lines(pen, 0.15, 0.85, 0.0, 0.8)
    elif key in ("lit", "burning"):
        fx.flames(pen, 0.1, 0.9, 0.15, 0.8, 3)
    else:
        fx.glow(pen, 0.88, 0.12, 0.14, 0.14 * pen.w / pen.h, GLOW_ORANGE, rings=2)
        pen.circle(0.88, 0.12, 0.06, fill=(120, 230, 90, 255), outline=(30, 90, 30, 255))
    return pen.finish(), pen.left, pen.top
