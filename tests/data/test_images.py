"""load_image_array: every PIL mode becomes a fresh RGB uint8 (H, W, 3) array; bad files are one-line errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from mssbench_embodied.data import ChatCase, DataError, EmbodiedCase, load_image_array, load_mssbench
from tests.mssbench_fixture import write_image

W, H = 7, 5


def _save(tmp_path: Path, im: Image.Image, name: str, **kw: Any) -> Path:
    path = tmp_path / name
    im.save(path, **kw)
    return path


def _check(arr: np.ndarray) -> None:
    assert arr.shape == (H, W, 3) and arr.dtype == np.uint8
    assert arr.flags.writeable and arr.flags.c_contiguous


def test_rgb_png_is_exact(tmp_path: Path) -> None:
    pixels = np.arange(H * W * 3, dtype=np.uint8).reshape(H, W, 3)
    arr = load_image_array(_save(tmp_path, Image.fromarray(pixels, "RGB"), "a.png"))
    _check(arr)
    assert np.array_equal(arr, pixels)


def test_jpeg(tmp_path: Path) -> None:
    arr = load_image_array(_save(tmp_path, Image.new("RGB", (W, H), (200, 40, 90)), "a.jpg", quality=95))
    _check(arr)
    assert np.abs(arr.astype(int) - [200, 40, 90]).max() <= 4


def test_gray_l(tmp_path: Path) -> None:
    arr = load_image_array(_save(tmp_path, Image.new("L", (W, H), 77), "l.png"))
    _check(arr)
    assert (arr == 77).all()


def test_gray_with_alpha_la(tmp_path: Path) -> None:
    arr = load_image_array(_save(tmp_path, Image.new("LA", (W, H), (150, 10)), "la.png"))
    _check(arr)
    assert (arr == 150).all()


def test_rgba_drops_alpha(tmp_path: Path) -> None:
    arr = load_image_array(_save(tmp_path, Image.new("RGBA", (W, H), (1, 2, 3, 0)), "rgba.png"))
    _check(arr)
    assert arr[0, 0].tolist() == [1, 2, 3]


def test_palette_p(tmp_path: Path) -> None:
    im = Image.new("P", (W, H), 1)
    im.putpalette([0, 0, 0, 250, 100, 5] + [0] * (256 * 3 - 6))
    arr = load_image_array(_save(tmp_path, im, "p.png"))
    _check(arr)
    assert arr[2, 3].tolist() == [250, 100, 5]


def test_palette_with_transparency(tmp_path: Path) -> None:
    im = Image.new("P", (W, H), 0)
    im.putpalette([9, 8, 7] + [0] * 765)
    arr = load_image_array(_save(tmp_path, im, "pt.png", transparency=0))
    _check(arr)
    assert arr[0, 0].tolist() == [9, 8, 7]


def test_cmyk_jpeg(tmp_path: Path) -> None:
    im = Image.new("CMYK", (W, H), (0, 255, 255, 0))  # pure red in CMYK
    path = _save(tmp_path, im, "cmyk.jpg", quality=95)
    with Image.open(path) as reread:
        assert reread.mode == "CMYK"
        expected = np.array(reread.convert("RGB"))
    arr = load_image_array(path)
    _check(arr)
    assert np.array_equal(arr, expected)
    assert arr[0, 0, 0] > 200 and arr[0, 0, 1] < 60


def test_bilevel_1(tmp_path: Path) -> None:
    arr = load_image_array(_save(tmp_path, Image.new("1", (W, H), 1), "b.png"))
    _check(arr)
    assert (arr == 255).all()


def test_sixteen_bit_gray_is_scaled_not_clipped(tmp_path: Path) -> None:
    im = Image.fromarray(np.full((H, W), 32768, dtype=np.uint16))
    path = _save(tmp_path, im, "g16.png")
    with Image.open(path) as reread:
        assert reread.mode.startswith("I")
    arr = load_image_array(path)
    _check(arr)
    assert (arr == 128).all()


def test_each_call_returns_a_new_array(tmp_path: Path) -> None:
    path = write_image(tmp_path / "x.png", seed=1, size=(W, H))
    a, b = load_image_array(path), load_image_array(str(path))
    a[:] = 0
    assert b.any()


def test_fixture_images_load(mss_root: Path) -> None:
    data = load_mssbench(mss_root)
    cases: list[ChatCase | EmbodiedCase] = [*data.chat, *data.embodied]
    for case in cases:
        for path in (case.safe_image, case.unsafe_image):
            assert path is not None
            assert load_image_array(path).shape == (24, 32, 3)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="image file not found") as info:
        load_image_array(tmp_path / "gone.png")
    assert str(tmp_path / "gone.png") in str(info.value)


def test_garbage_bytes(tmp_path: Path) -> None:
    path = tmp_path / "bad.png"
    path.write_bytes(b"\x00garbage" * 20)
    with pytest.raises(DataError, match="not a readable image"):
        load_image_array(path)


def test_truncated_png_fails_when_pixels_are_read(tmp_path: Path) -> None:
    path = write_image(tmp_path / "t.png", seed=2, size=(64, 64))
    path.write_bytes(path.read_bytes()[:80])
    with pytest.raises(DataError, match="cannot decode image") as info:
        load_image_array(path)
    assert len(info.value.problems) == 1 and "\n" not in str(info.value)
