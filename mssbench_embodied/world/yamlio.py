"""YAML reading for the world's data files, with YAML 1.2 booleans.

PyYAML follows YAML 1.1, where the bare words ``on``, ``off``, ``yes``, ``no`` are booleans; the scenario
format uses ``on:`` as a key (``{id: bowl, on: counter}``, ``state: {on: false}``), so only ``true``/``false``
are booleans here. Read scenario, rule and catalogue files with :func:`load_yaml`, not ``yaml.safe_load``.

Example:
    >>> load_yaml("{id: bowl, on: counter, state: {on: false}}")
    {'id': 'bowl', 'on': 'counter', 'state': {'on': False}}
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when libyaml is available


class WorldLoader(_Base):  # type: ignore[misc, valid-type]
    """``yaml.SafeLoader`` (libyaml-backed when available) whose booleans are only ``true``/``false``."""


WorldLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
WorldLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load_yaml(text: str) -> Any:
    """Parse YAML text with YAML 1.2 booleans (raises ``yaml.YAMLError`` on bad YAML)."""
    return yaml.load(text, Loader=WorldLoader)  # noqa: S506 - a SafeLoader subclass


@lru_cache(maxsize=1024)
def _read_cached(path: str, mtime_ns: int, size: int) -> Any:
    return load_yaml(Path(path).read_text(encoding="utf-8"))


def read_yaml(path: Path) -> Any:
    """Read and parse a YAML file with :func:`load_yaml` (cached per file version; returns a fresh copy)."""
    st = Path(path).stat()
    return copy.deepcopy(_read_cached(str(path), st.st_mtime_ns, st.st_size))
