"""YAML reading for the world's data files, with YAML 1.2 booleans and no silently dropped keys.

PyYAML follows YAML 1.1, where the bare words ``on``, ``off``, ``yes``, ``no`` are booleans; the scenario
format uses ``on:`` as a key (``{id: bowl, on: counter}``, ``state: {on: false}``), so only ``true``/``false``
are booleans here. Read scenario, rule and catalogue files with :func:`load_yaml`, not ``yaml.safe_load``.

A key given twice in one mapping is an error (PyYAML keeps the last one without a word), and every error is a
:class:`WorldYAMLError` whose message is one line that keeps PyYAML's line and column.

Example:
    >>> load_yaml("{id: bowl, on: counter, state: {on: false}}")
    {'id': 'bowl', 'on': 'counter', 'state': {'on': False}}
    >>> try:
    ...     load_yaml("id: a\\ntask: chat\\nid: b\\n")
    ... except WorldYAMLError as err:
    ...     print(err)
    line 3, column 1: duplicate key 'id' (first given on line 1)
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when libyaml is available
_MERGE_TAG = "tag:yaml.org,2002:merge"


class WorldYAMLError(yaml.YAMLError):
    """A YAML file cannot be read; ``str()`` is one line, ``"line L, column C: what"`` when the place is known."""


class WorldLoader(_Base):  # type: ignore[misc, valid-type]
    """``yaml.SafeLoader`` (libyaml-backed when available): booleans are only ``true``/``false``, keys are unique."""

    def construct_mapping(self, node: yaml.Node, deep: bool = False) -> dict[Any, Any]:
        """Refuse a key given twice in one mapping (merge keys ``<<`` may still be overridden)."""
        if isinstance(node, yaml.MappingNode):
            first: dict[Any, yaml.Node] = {}
            for key_node, _ in node.value:
                if key_node.tag == _MERGE_TAG or not isinstance(key_node, yaml.ScalarNode):
                    continue
                key = self.construct_object(key_node)
                try:
                    earlier = first.setdefault(key, key_node)
                except TypeError:  # an unhashable key: the base constructor reports it
                    continue
                if earlier is not key_node:
                    raise ConstructorError(
                        None,
                        None,
                        f"duplicate key {key!r} (first given on line {earlier.start_mark.line + 1})",
                        key_node.start_mark,
                    )
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]

    def construct_yaml_int(self, node: yaml.Node) -> int:
        """An integer, or an error naming its line when Python refuses to convert it (thousands of digits)."""
        try:
            return super().construct_yaml_int(node)  # type: ignore[no-any-return]
        except ValueError:
            digits = sum(ch.isdigit() for ch in str(node.value))
            raise ConstructorError(
                None, None, f"integer with {digits} digits is too large", node.start_mark
            ) from None


WorldLoader.add_constructor("tag:yaml.org,2002:int", WorldLoader.construct_yaml_int)
WorldLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
WorldLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def yaml_error_line(exc: BaseException) -> str:
    """One line for a YAML error, keeping PyYAML's line and column (1-based) when it knows them.

    Example:
        >>> try:
        ...     yaml.safe_load("a: [1, 2\\nb: 3")
        ... except yaml.YAMLError as exc:
        ...     print(yaml_error_line(exc))
        line 2, column 2: expected ',' or ']', but got ':' (while parsing a flow sequence, line 1)
    """
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        context_mark = exc.context_mark
        if exc.problem and exc.context:
            where = f", line {context_mark.line + 1}" if context_mark is not None else ""
            what += f" ({' '.join(exc.context.split())}{where})"
        if mark is not None:
            return f"line {mark.line + 1}, column {mark.column + 1}: {what}"
        return what
    return " ".join(str(exc).split()) or type(exc).__name__


def load_yaml(text: str) -> Any:
    """Parse YAML text with YAML 1.2 booleans and unique keys.

    Raises:
        WorldYAMLError: bad YAML, a duplicate key, an integer too large, nesting too deep (one line).
    """
    try:
        return yaml.load(text, Loader=WorldLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise WorldYAMLError(yaml_error_line(exc)) from None
    except RecursionError:
        raise WorldYAMLError("nested too deeply") from None


@lru_cache(maxsize=1024)
def _read_cached(path: str, mtime_ns: int, size: int) -> Any:
    return load_yaml(Path(path).read_text(encoding="utf-8"))


def read_yaml(path: Path) -> Any:
    """Read and parse a YAML file with :func:`load_yaml` (cached per file version; returns a fresh copy).

    Raises:
        WorldYAMLError: as :func:`load_yaml`. OSError, UnicodeDecodeError: the file cannot be read as UTF-8.
    """
    st = Path(path).stat()
    return copy.deepcopy(_read_cached(str(path), st.st_mtime_ns, st.st_size))
