"""Read one image file as an RGB uint8 array, on demand.

Nothing keeps pixels around: each call opens, decodes and closes one file, so a dataset of any size never sits
in memory at once. EXIF orientation is not applied, like ``PIL.Image.open(path).convert("RGB")`` in the upstream
model loaders.

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

from pathlib import Path

import numpy as np
from PIL import Image

from mssbench_embodied.data.validation import DataError

_SIXTEEN_BIT_MODES = frozenset({"I;16", "I;16L", "I;16B", "I;16N"})


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

    Raises:
        DataError: when the file is missing or cannot be decoded (one line naming the file).

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
        with Image.open(path) as im:
            im.load()
            arr = _to_rgb(im)
    except FileNotFoundError:
        raise DataError([f"{path}: image file not found"]) from None
    except Image.UnidentifiedImageError:
        raise DataError([f"{path}: not a readable image (unknown or corrupt format)"]) from None
    except Exception as exc:  # truncated data, decoder errors, decompression bombs, ...
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise DataError([f"{path}: cannot decode image ({reason})"]) from None
    if arr.ndim != 3 or arr.shape[2] != 3:  # pragma: no cover - convert("RGB") guarantees this
        raise DataError([f"{path}: decoded to shape {arr.shape}, expected (H, W, 3)"])
    return arr
