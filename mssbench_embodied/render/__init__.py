"""The render layer: turns a household world state into the image a policy sees.

``get_renderer("sketch")`` gives the default :class:`SketchRenderer` (PIL, deterministic, offline). Other names
(``"thor"``) are looked up lazily so optional dependencies are imported only when asked for.

Example:
    >>> from mssbench_embodied.render import get_renderer
    >>> from mssbench_embodied.world import load_suite
    >>> renderer = get_renderer("sketch", width=256, height=192)
    >>> renderer.render(load_suite().world_for("microwave_foil_takeout", "safe")).shape
    (192, 256, 3)
"""

from __future__ import annotations

import importlib
import inspect
from typing import Any

from mssbench_embodied.registry import load_plugin, renderer_names
from mssbench_embodied.render.naming import DEFAULT_LABELS, LABEL_MODES
from mssbench_embodied.render.sketch import SketchRenderer

#: Renderer name -> "module:attribute" of its class (imported on first use).
RENDERERS: dict[str, str] = {
    "sketch": "mssbench_embodied.render.sketch:SketchRenderer",
    "thor": "mssbench_embodied.render.thor:ThorRenderer",
}


def _renderer_class(name: str, key: str) -> Any:
    if key not in RENDERERS:
        plugin = load_plugin("renderers", key)  # another package's [project.entry-points] renderer
        if plugin is None:
            raise ValueError(f"unknown renderer {name!r}; known renderers: {', '.join(renderer_names())}")
        return plugin
    module_name, attr = RENDERERS[key].split(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        raise ValueError(
            f"renderer {name!r} is not available in this installation ({module_name} missing)"
        ) from exc
    return getattr(module, attr)


def get_renderer(name: str, **kw: Any) -> Any:
    """Create a renderer by name (built in, or an installed package's ``mssbench_embodied.renderers`` entry
    point); keyword arguments go to its constructor.

    ``labels=`` (``"none"``, ``"objects"``, ``"full"``) is checked, then dropped for renderers that draw no
    labels (``thor``'s frames have none).

    Raises:
        ValueError: for an unknown name (the message lists the known ones), or a renderer whose module is not
            installed in this checkout.

    Example:
        >>> get_renderer("sketch").width
        512
    """
    key = (name or "").strip().lower()
    cls = _renderer_class(name, key)
    if "labels" in kw:
        labels = kw.pop("labels")
        if labels not in LABEL_MODES:
            raise ValueError(f"unknown labels {labels!r}; use one of {', '.join(LABEL_MODES)}")
        if "labels" in inspect.signature(cls).parameters:
            kw["labels"] = labels
    return cls(**kw)


__all__ = ["DEFAULT_LABELS", "LABEL_MODES", "RENDERERS", "SketchRenderer", "get_renderer"]
