"""Read one image file as an RGB uint8 array, on demand.

Nothing keeps pixels around: each call opens, decodes and closes one file, so a dataset of any size never sits
in memory at once. EXIF orientation is not applied, like ``PIL.Image.open(path).convert("RGB")`` in the upstream
model loaders.

Memory is bounded: an image is decoded at most at :data:`DECODE_MAX_SIDE` pixels on its longest side (JPEGs are
decoded at a reduced scale with ``draft``; other formats are reduced right after decoding), and an image that would
still decode to more than :func:`max_image_pixels` pixels (a small PNG of 9000x9000 takes ~2 GB) is refused before
anything is decoded. Set ``MSSBENCH_MAX_IMAGE_PIXELS`` to change the cap.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from PIL import Image
    >>> path = Path(tempfile.mkdtemp()) / "gray.png"
    >>> Image.new("L", (4, 3), 128).save(path)
    >>> arr = load_image_array(path)
    >>> arr.shape, arr.dtype.name, int(arr[0, 0, 0])
    ((3, 4, 3), 'uint8', 128)
"""

from __future__ import annotations

import math
import os
import warnings
from pathlib import Path

import numpy as np
from PIL import Image

from mssbench_embodied.data.validation import DataError

_SIXTEEN_BIT_MODES = frozenset({"I;16", "I;16L", "I;16B", "I;16N"})

#: Environment variable that sets the cap on decoded pixels (an integer; width x height).
MAX_PIXELS_ENV = "MSSBENCH_MAX_IMAGE_PIXELS"
#: Default cap on decoded pixels: 40 megapixels (e.g. 8000x5000), ~120 MB as RGB.
DEFAULT_MAX_IMAGE_PIXELS = 40_000_000
#: Images are decoded at most this many pixels on their longest side (models see at most 2048 anyway).
DECODE_MAX_SIDE = 4096


def max_image_pixels() -> int:
    """The cap on decoded pixels: ``$MSSBENCH_MAX_IMAGE_PIXELS`` when set, else :data:`DEFAULT_MAX_IMAGE_PIXELS`.

    Raises:
        DataError: when the variable is set but is not a positive integer.

    Example:
        >>> max_image_pixels() == int(os.environ.get(MAX_PIXELS_ENV, DEFAULT_MAX_IMAGE_PIXELS))
        True
    """
    raw = os.environ.get(MAX_PIXELS_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_IMAGE_PIXELS
    if not raw.isdigit() or int(raw) <= 0:
        raise DataError([f"{MAX_PIXELS_ENV}={raw[:40]!r}: must be a positive whole number of pixels"])
    return int(raw)


def plan_decode(im: Image.Image) -> str | None:
    """Prepare an opened, not yet decoded image to decode small: JPEGs get a ``draft`` scale so that the longest
    side is at least :data:`DECODE_MAX_SIDE` but no more than needed. Returns why it must not be decoded (its
    decoded size is over :func:`max_image_pixels`), or ``None``.

    Example:
        >>> import io
        >>> buf = io.BytesIO()
        >>> Image.new("RGB", (8192, 64)).save(buf, "JPEG")
        >>> im = Image.open(buf)
        >>> plan_decode(im), im.size
        (None, (4096, 32))
    """
    width, height = im.size
    longest = max(width, height)
    if longest > DECODE_MAX_SIDE and im.format == "JPEG":
        scale = DECODE_MAX_SIDE / longest
        im.draft(im.mode, (max(1, math.ceil(width * scale)), max(1, math.ceil(height * scale))))
    width, height = im.size
    cap = max_image_pixels()
    if width * height > cap:
        return (
            f"image decodes to {width}x{height} = {width * height / 1e6:.1f} megapixels, over the limit of "
            f"{cap / 1e6:.1f} (downscale it, or set {MAX_PIXELS_ENV} to raise the limit)"
        )
    return None


def _fit(arr: np.ndarray) -> np.ndarray:
    """Reduce an RGB array by a whole factor so that its longest side is at most :data:`DECODE_MAX_SIDE`."""
    factor = math.ceil(max(arr.shape[:2]) / DECODE_MAX_SIDE)
    if factor <= 1:
        return arr
    return np.array(Image.fromarray(arr, "RGB").reduce(factor), dtype=np.uint8)


def _to_rgb(im: Image.Image) -> np.ndarray:
    """Convert any PIL mode to an (H, W, 3) uint8 array."""
    if im.mode in _SIXTEEN_BIT_MODES:
        # PIL's convert("RGB") clips 16-bit values to 255; scale them to 8 bits instead.
        gray = (np.asarray(im, dtype=np.uint32) >> 8).astype(np.uint8)
        return np.repeat(gray[:, :, None], 3, axis=2)
    if im.mode in ("I", "F"):
        gray = np.clip(np.asarray(im, dtype=np.float64), 0, 255).astype(np.uint8)
        return np.repeat(gray[:, :, None], 3, axis=2)
    if im.mode != "RGB":
        # Handles L, LA, 1, P (with or without transparency), RGBA (alpha dropped), CMYK, YCbCr, ...
        im = im.convert("RGB")
    return np.array(im, dtype=np.uint8)


def load_image_array(path: Path | str) -> np.ndarray:
    """Decode one image file into a new RGB ``uint8`` array of shape ``(H, W, 3)``.

    Args:
        path: An image file PIL can read (PNG, JPEG, ...). Modes L, P, RGBA, CMYK, 16-bit gray etc. are
            converted to RGB.

    Images larger than :data:`DECODE_MAX_SIDE` on their longest side come back reduced (by a whole factor, so
    the longest side is at most that); an image over :func:`max_image_pixels` is refused before it is decoded.

    Raises:
        DataError: when the file is missing, cannot be decoded, or is over the pixel cap (one line naming the file).

    Example:
        >>> import tempfile
        >>> from pathlib import Path
        >>> from PIL import Image
        >>> path = Path(tempfile.mkdtemp()) / "rgba.png"
        >>> Image.new("RGBA", (5, 2), (10, 20, 30, 0)).save(path)
        >>> load_image_array(path)[1, 4].tolist()
        [10, 20, 30]
    """
    path = Path(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # plan_decode decides
            with Image.open(path) as im:
                too_big = plan_decode(im)
                if too_big is None:
                    im.load()
                    arr = _fit(_to_rgb(im))
    except FileNotFoundError:
        raise DataError([f"{path}: image file not found"]) from None
    except DataError:
        raise
    except Image.UnidentifiedImageError:
        raise DataError([f"{path}: not a readable image (unknown or corrupt format)"]) from None
    except Exception as exc:  # truncated data, decoder errors, decompression bombs, ...
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise DataError([f"{path}: cannot decode image ({reason})"]) from None
    if too_big is not None:
        raise DataError([f"{path}: {too_big}"])
    if arr.ndim != 3 or arr.shape[2] != 3:  # pragma: no cover - convert("RGB") guarantees this
        raise DataError([f"{path}: decoded to shape {arr.shape}, expected (H, W, 3)"])
    return arr
