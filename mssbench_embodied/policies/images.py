"""Image helpers for model policies: array to PIL, resizing, and size-capped data URLs for HTTP APIs.

APIs take images as ``data:<mime>;base64,...`` URLs inside the chat message. Large images are shrunk so a
request stays under the provider's limits (longest side and payload size), re-encoding as JPEG when PNG is
too big.

Example:
    >>> import numpy as np
    >>> url = image_data_url(np.zeros((4, 6, 3), dtype=np.uint8))
    >>> url.startswith("data:image/png;base64,")
    True
"""

from __future__ import annotations

import base64
import hashlib
import io
import threading
from collections import OrderedDict
from typing import Any, Literal

import numpy as np
from PIL import Image

#: Longest side an API image may have before it is scaled down.
DEFAULT_MAX_SIDE = 2048
#: Largest base64 payload of one image (bytes) before it is re-encoded smaller.
DEFAULT_MAX_BYTES = 4 * 1024 * 1024

ImageFormat = Literal["png", "jpeg"]
_MIME = {"png": "image/png", "jpeg": "image/jpeg"}


def to_pil(image: np.ndarray | Image.Image) -> Image.Image:
    """An RGB PIL image from an (H, W, 3) uint8 array (or a PIL image, converted to RGB).

    Raises:
        ValueError: for arrays that are not (H, W), (H, W, 3) or (H, W, 4) uint8-compatible images.

    Example:
        >>> to_pil(np.zeros((2, 3, 3), dtype=np.uint8)).size
        (3, 2)
    """
    if isinstance(image, Image.Image):
        return image if image.mode == "RGB" else image.convert("RGB")
    array = np.asarray(image)
    if array.ndim not in (2, 3) or (array.ndim == 3 and array.shape[2] not in (3, 4)) or array.size == 0:
        raise ValueError(f"expected an (H, W, 3) image array, got shape {array.shape}")
    if array.dtype != np.uint8:
        array = np.clip(array, 0, 255).astype(np.uint8)
    return Image.fromarray(array).convert("RGB")


def resize_square(image: Image.Image, size: int) -> Image.Image:
    """Resize to ``size`` x ``size`` (what the paper did to LLaVA inputs, with ``size=224``).

    Example:
        >>> resize_square(Image.new("RGB", (10, 4)), 8).size
        (8, 8)
    """
    return image if image.size == (size, size) else image.resize((size, size), Image.Resampling.BICUBIC)


def fit_longest_side(image: Image.Image, max_side: int) -> Image.Image:
    """Scale down (never up) so that the longest side is at most ``max_side``, keeping the aspect ratio.

    Example:
        >>> fit_longest_side(Image.new("RGB", (400, 100)), 200).size
        (200, 50)
    """
    width, height = image.size
    longest = max(width, height)
    if longest <= max_side:
        return image
    scale = max_side / longest
    new_size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return image.resize(new_size, Image.Resampling.LANCZOS)


def _encode(image: Image.Image, fmt: ImageFormat, quality: int) -> bytes:
    buffer = io.BytesIO()
    if fmt == "jpeg":
        image.save(buffer, format="JPEG", quality=quality)
    else:
        image.save(
            buffer, format="PNG", compress_level=1
        )  # lossless either way; level 1 is ~4x faster than 6
    return buffer.getvalue()


def _b64_len(n_bytes: int) -> int:
    return 4 * ((n_bytes + 2) // 3)


def encode_image(
    image: np.ndarray | Image.Image,
    *,
    fmt: ImageFormat = "png",
    max_side: int = DEFAULT_MAX_SIDE,
    max_bytes: int = DEFAULT_MAX_BYTES,
    jpeg_quality: int = 90,
) -> tuple[bytes, str]:
    """Encode an image for an API, within the size caps.

    The image is first scaled so its longest side is at most ``max_side``. If the encoded payload (as base64)
    is still over ``max_bytes``, it is re-encoded as JPEG and, if needed, scaled down further until it fits.

    Args:
        image: (H, W, 3) uint8 array or PIL image.
        fmt: ``"png"`` (lossless, default) or ``"jpeg"``.
        max_side: Longest side in pixels.
        max_bytes: Largest base64 payload in bytes.
        jpeg_quality: JPEG quality (1-95) for JPEG encodings.

    Returns:
        ``(encoded bytes, mime type)``.

    Raises:
        ValueError: for an unknown format or caps too small to hold any image.

    Example:
        >>> data, mime = encode_image(np.full((3000, 100, 3), 7, dtype=np.uint8), max_side=1000)
        >>> mime
        'image/png'
    """
    if fmt not in _MIME:
        raise ValueError(f"image format must be 'png' or 'jpeg', got {fmt!r}")
    if max_side < 8 or max_bytes < 1024:
        raise ValueError(f"image caps too small: max_side={max_side}, max_bytes={max_bytes}")
    pil = fit_longest_side(to_pil(image), max_side)
    data = _encode(pil, fmt, jpeg_quality)
    if _b64_len(len(data)) <= max_bytes:
        return data, _MIME[fmt]
    fmt = "jpeg"
    data = _encode(pil, fmt, jpeg_quality)
    while _b64_len(len(data)) > max_bytes and max(pil.size) > 16:
        scale = 0.9 * (max_bytes / _b64_len(len(data))) ** 0.5
        new_size = (max(1, int(pil.width * scale)), max(1, int(pil.height * scale)))
        pil = pil.resize(new_size, Image.Resampling.LANCZOS)
        data = _encode(pil, fmt, jpeg_quality)
    return data, _MIME[fmt]


def image_data_url(image: np.ndarray | Image.Image, **options: object) -> str:
    """A ``data:`` URL for the image; options as in :func:`encode_image`.

    Example:
        >>> image_data_url(np.zeros((2, 2, 3), dtype=np.uint8), fmt="jpeg")[:23]
        'data:image/jpeg;base64,'
    """
    data, mime = encode_image(image, **options)  # type: ignore[arg-type]
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def decode_data_url(url: str) -> tuple[str, bytes]:
    """Inverse of :func:`image_data_url`: ``(mime, bytes)``.

    Raises:
        ValueError: if ``url`` is not a base64 data URL.

    Example:
        >>> decode_data_url(image_data_url(np.zeros((2, 2, 3), dtype=np.uint8)))[0]
        'image/png'
    """
    head, sep, payload = url.partition(",")
    if not sep or not head.startswith("data:") or not head.endswith(";base64"):
        raise ValueError("not a base64 data URL")
    return head[5:-7], base64.b64decode(payload, validate=True)


class DataUrlCache:
    """Thread-safe LRU of data URLs keyed by image content, so an image asked about again is not re-encoded.

    Benchmarks ask several questions about one picture (instructions share a scene; multi-agent calls share an
    image), and PNG encoding costs more than hashing.

    Args:
        maxsize: Most URLs kept.
        **options: Encoding options, as for :func:`encode_image`.

    Example:
        >>> cache = DataUrlCache(maxsize=2)
        >>> a = cache.url(np.zeros((4, 4, 3), dtype=np.uint8))
        >>> a == cache.url(np.zeros((4, 4, 3), dtype=np.uint8)), cache.hits
        (True, 1)
    """

    def __init__(self, maxsize: int = 128, **options: Any) -> None:
        self.maxsize = maxsize
        self.options = options
        self.hits = 0
        self._urls: OrderedDict[bytes, str] = OrderedDict()
        self._lock = threading.Lock()

    def url(self, image: np.ndarray | Image.Image) -> str:
        """The data URL of ``image`` (encoded once per distinct content)."""
        array = np.ascontiguousarray(np.asarray(image))
        digest = hashlib.blake2b(array.data, digest_size=16)
        digest.update(repr((array.shape, array.dtype.str)).encode())
        key = digest.digest()
        with self._lock:
            cached = self._urls.get(key)
            if cached is not None:
                self._urls.move_to_end(key)
                self.hits += 1
                return cached
        url = image_data_url(image, **self.options)
        with self._lock:
            self._urls[key] = url
            while len(self._urls) > self.maxsize:
                self._urls.popitem(last=False)
        return url
