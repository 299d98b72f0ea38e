"""Image helpers for model policies: array to PIL, resizing, and size-capped data URLs for HTTP APIs.

APIs take images as ``data:<mime>;base64,...`` URLs inside the chat message. Large images are shrunk so a
request stays under the provider's limits (longest side and payload size), re-encoding as JPEG when PNG is
too big. Dataset files within the limits are sent as their own bytes (:func:`original_data_url`), and
:class:`DataUrlCache` encodes each distinct frame once for all the requests that show it.

Example:
    >>> import numpy as np
    >>> url = image_data_url(np.zeros((4, 6, 3), dtype=np.uint8))
    >>> url.startswith("data:image/png;base64,")
    True
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import io
import threading
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, Literal

import numpy as np
from PIL import Image

from mssbench_embodied.data.frames import ImageRef, SingleFlight, image_pool

#: Longest side an API image may have before it is scaled down.
DEFAULT_MAX_SIDE = 2048
#: Largest base64 payload of one image (bytes) before it is re-encoded smaller.
DEFAULT_MAX_BYTES = 4 * 1024 * 1024

#: Bytes of rendered frames' URLs a :class:`DataUrlCache` keeps beyond its ``maxsize`` (a household run asks for a
#: frame again after ~64 others: it was drawn and encoded again, ~90 of ~180 frames).
KEEP_RENDERED_BYTES = 64 * 1024 * 1024

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


#: Image formats sent as their original bytes (providers accept these; others are re-encoded).
ORIGINAL_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
_EXIF_ORIENTATION = 0x0112


def original_data_url(
    path: Path | str, *, max_side: int = DEFAULT_MAX_SIDE, max_bytes: int = DEFAULT_MAX_BYTES
) -> str | None:
    """A ``data:`` URL of an image file's own bytes, or ``None`` when the file must be re-encoded instead.

    The bytes are sent as they are when the file is a JPEG, PNG or WebP in RGB or grayscale (what the pixels
    loaded for a local model show), without an EXIF rotation (local loaders ignore it, a provider might not), no
    longer than ``max_side`` on its longest side and within ``max_bytes`` as base64. Only the header is parsed.

    Example:
        >>> import tempfile
        >>> path = Path(tempfile.mkdtemp()) / "a.jpg"
        >>> Image.new("RGB", (8, 8)).save(path)
        >>> original_data_url(path)[:23], original_data_url(path, max_side=4)
        ('data:image/jpeg;base64,', None)
    """
    data = Path(path).read_bytes()
    if _b64_len(len(data)) > max_bytes:
        return None
    try:
        with Image.open(io.BytesIO(data)) as im:
            mime = ORIGINAL_FORMATS.get(im.format or "")
            if mime is None or im.mode not in ("RGB", "L") or max(im.size) > max_side:
                return None
            if im.getexif().get(_EXIF_ORIENTATION, 1) not in (0, 1):
                return None
    except Exception:  # noqa: BLE001 - unreadable here: the loader decodes it and reports the problem
        return None
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


class DataUrlCache:
    """Data URLs of images, each distinct frame encoded once however many requests ask for it at the same time.

    Benchmarks ask several questions about one picture (instructions share a scene; multi-agent calls share an
    image). An :class:`~mssbench_embodied.data.frames.ImageRef` is keyed by its ``key`` (nothing is loaded on a
    hit); other images by their content. Concurrent requests for one frame wait for a single encoding
    (:class:`~mssbench_embodied.data.frames.SingleFlight`), and :meth:`aurl` does the work on the bounded
    :func:`~mssbench_embodied.data.frames.image_pool`, never on the event loop.

    With ``fmt="auto"`` (the default) an image file within the caps is sent as its original bytes
    (:func:`original_data_url`); any other frame referenced by an ``ImageRef`` (one that is not, a rendered
    household frame) is encoded once as JPEG (quality 90: about 1 ms against 7 ms for PNG), and bare arrays (the
    turns of an interactive dialogue) as PNG. ``fmt="png"`` or ``"jpeg"`` encodes everything in that format.

    Args:
        maxsize: Most URLs kept.
        **options: Encoding options, as for :func:`encode_image` (``fmt`` may also be ``"auto"``).

    Example:
        >>> cache = DataUrlCache(maxsize=2)
        >>> a = cache.url(np.zeros((4, 4, 3), dtype=np.uint8))
        >>> a == cache.url(np.zeros((4, 4, 3), dtype=np.uint8)), cache.hits
        (True, 1)
    """

    def __init__(self, maxsize: int = 64, **options: Any) -> None:
        self.maxsize = maxsize
        self.fmt: str = str(options.pop("fmt", "auto"))
        if self.fmt not in ("auto", *_MIME):
            raise ValueError(f"image format must be 'auto', 'png' or 'jpeg', got {self.fmt!r}")
        self.options = options
        self._memo: SingleFlight[str] = SingleFlight(maxsize)
        # Rendered frames' URLs (tens of kB each) stay beyond the memo's ``maxsize``, within KEEP_RENDERED_BYTES.
        self._kept_lock = threading.Lock()
        self._kept: dict[Hashable, str] = {}
        self._kept_bytes = 0

    @property
    def hits(self) -> int:
        """Requests answered without encoding (from the cache, or by waiting for another request's encoding)."""
        return self._memo.hits

    @property
    def encoded(self) -> int:
        """Distinct frames encoded so far."""
        return self._memo.computed

    def _encode_array(self, image: np.ndarray | Image.Image, fmt: str) -> str:
        return image_data_url(image, fmt=fmt, **self.options)

    def _ref_url(self, ref: ImageRef) -> str:
        if ref.path is not None:
            return self._encode_ref(ref)
        with self._kept_lock:
            url = self._kept.get(ref.key)
        if url is None:
            url = self._encode_ref(ref)
            with self._kept_lock:
                if ref.key not in self._kept and self._kept_bytes + len(url) <= KEEP_RENDERED_BYTES:
                    self._kept[ref.key] = url
                    self._kept_bytes += len(url)
        return url

    def _encode_ref(self, ref: ImageRef) -> str:
        if ref.path is not None:
            if self.fmt == "auto":
                caps = {k: v for k, v in self.options.items() if k in ("max_side", "max_bytes")}
                url = original_data_url(ref.path, **caps)
                if url is not None:
                    return url
            return self._encode_array(ref.load(), "jpeg" if self.fmt == "auto" else self.fmt)
        return self._encode_array(ref.load(), "jpeg" if self.fmt == "auto" else self.fmt)

    def url(self, image: np.ndarray | Image.Image | ImageRef | Callable[[], np.ndarray]) -> str:
        """The data URL of ``image`` (encoded once per distinct frame); blocking: call it off the event loop."""
        if isinstance(image, ImageRef):
            ref = image
            return self._memo.get(("ref", ref.key), lambda: self._ref_url(ref))
        if callable(image):
            image = image()
        array = np.ascontiguousarray(np.asarray(image))
        digest = hashlib.blake2b(array.data, digest_size=16)
        digest.update(repr((array.shape, array.dtype.str)).encode())
        fmt = "png" if self.fmt == "auto" else self.fmt
        return self._memo.get(("content", digest.digest()), lambda: self._encode_array(array, fmt))

    async def aurl(self, image: np.ndarray | Image.Image | ImageRef | Callable[[], np.ndarray]) -> str:
        """:meth:`url` for async callers: a known frame is answered at once, anything else on the image pool.

        Example:
            >>> import asyncio
            >>> ref = ImageRef(("demo", 2), lambda: np.zeros((4, 4, 3), dtype=np.uint8))
            >>> cache = DataUrlCache()
            >>> async def eight():
            ...     return await asyncio.gather(*(cache.aurl(ref) for _ in range(8)))
            >>> urls = asyncio.run(eight())
            >>> len(set(urls)), cache.encoded
            (1, 1)
        """
        if isinstance(image, ImageRef):
            known = self._memo.peek(("ref", image.key))
            if known is not None:
                return known
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(image_pool(), self.url, image)
