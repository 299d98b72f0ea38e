"""Translucent shapes are composited over the part of the canvas they cover only: the same bytes as over it all."""

from __future__ import annotations

from PIL import Image, ImageDraw

from mssbench_embodied.render.naming import object_name
from mssbench_embodied.render.pen import Pen


class WholeCanvasPen(Pen):
    """The pen as it was: every translucent shape composited over the whole canvas."""

    def _paint(self, fill, outline, op):  # type: ignore[no-untyped-def]
        if (fill is not None and fill[3] < 255) or (outline is not None and outline[3] < 255):
            layer = Image.new("RGBA", self.img.size, (0, 0, 0, 0))
            op(ImageDraw.Draw(layer))
            self.img.alpha_composite(layer)
        else:
            op(self.draw)


def draw(pen: Pen) -> bytes:
    pen.rect(0.1, 0.2, 0.9, 0.8, fill=(200, 120, 40, 255), radius=4)
    pen.ellipse(0.3, 0.1, 1.2, 0.7, fill=(20, 90, 220, 120), outline=(0, 0, 0, 60))
    pen.polygon([(-0.2, 0.9), (0.5, -0.3), (1.1, 1.0)], fill=(250, 250, 250, 30))
    pen.line([(0.0, 0.0), (1.0, 1.0)], fill=(255, 0, 0, 200), width=3)
    pen.rect(2.0, 2.0, 2.5, 2.5, fill=(0, 0, 0, 100))  # off the canvas: nothing drawn
    pen.wave(0.5, -0.4, 0.0, 0.05, (240, 240, 255, 140))
    return pen.finish().tobytes()


def test_translucent_shapes_give_the_same_bytes() -> None:
    for w, h in ((40, 30), (7, 5), (120, 48), (64, 200)):
        assert draw(Pen(w, h)) == draw(WholeCanvasPen(w, h)), (w, h)


def test_object_name_is_memoised_and_unchanged() -> None:
    assert object_name("long metal spoon") == object_name("long metal spoon") == "long spoon"
    assert object_name.cache_info().hits >= 1
