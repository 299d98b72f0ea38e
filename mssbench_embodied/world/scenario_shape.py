"""The shape of a scenario file: every key holds the kind of value the schema says, before anything uses it.

A list where a name is expected (``agent: {at: [counter]}``), a mapping where a string is expected, or an
object list that is a number would otherwise surface deep in the loader as a ``TypeError``. These checks run
first; a scenario with shape problems is reported and not checked further. Each problem is ``"key: what"``
(the loader prefixes file and scenario id).

Example:
    >>> shape_problems({"scene": {"agent": {"at": ["counter"]}, "objects": [{"id": "cup", "type": "Cup"}]}})
    ['scene: agent: at: must be an object id (a string), got a list']
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_SCALARS = (str, int, float, bool, type(None))
_STR_KEYS = ("id", "task", "category", "hazard", "room")
_OPTIONAL_STR_KEYS = ("intent", "expect_rule", "notes")


def describe(value: Any) -> str:
    """A short name of a value's kind for messages (``a list``, ``a mapping``, ``a number``, ...).

    Example:
        >>> describe([1]), describe({}), describe(3), describe(None)
        ('a list', 'a mapping', 'a number', 'null')
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a mapping"
    return type(value).__name__


def _need_str(where: str, value: Any, what: str = "a string") -> list[str]:
    return [] if isinstance(value, str) else [f"{where}: must be {what}, got {describe(value)}"]


def _need_str_list(where: str, value: Any, what: str = "a list of strings") -> list[str]:
    if not isinstance(value, list):
        return [f"{where}: must be {what}, got {describe(value)}"]
    return [f"{where}: element {i}: must be a string, got {describe(v)}" for i, v in enumerate(value)
            if not isinstance(v, str)]  # fmt: skip


def _object(where: str, spec: Any) -> list[str]:
    if not isinstance(spec, Mapping):
        return [f"{where}: each object must be a mapping with id and type, got {describe(spec)}"]
    out = _need_str(f"{where}: id", spec.get("id"), "an id (a string)")
    name = spec["id"] if isinstance(spec.get("id"), str) else "?"
    for key in ("type", "name", "material", "on", "in"):
        if key in spec:
            out += _need_str(f"{where}: {name}: {key}", spec[key])
    for key in ("properties", "not_properties", "near"):
        if spec.get(key) is not None:
            out += _need_str_list(f"{where}: {name}: {key}", spec[key])
    state = spec.get("state")
    if state is not None:
        if not isinstance(state, Mapping):
            out.append(f"{where}: {name}: state: must be a mapping, got {describe(state)}")
        else:
            out += [f"{where}: {name}: state: {k}: must be a plain value, got {describe(v)}"
                    for k, v in state.items() if not isinstance(v, _SCALARS)]  # fmt: skip
    return out


def _objects(where: str, value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        return [f"{where}: must be a list of objects, got {describe(value)}"]
    return [p for spec in value for p in _object(where, spec)]


def _agent(where: str, value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, Mapping):
        return [f"{where}: must be a mapping (at, holding), got {describe(value)}"]
    return [f"{where}: {key}: must be an object id (a string), got {describe(value[key])}"
            for key in ("at", "holding") if value.get(key) is not None and not isinstance(value[key], str)]  # fmt: skip


def _predicate(where: str, pred: Any) -> list[str]:
    """Goal predicates hold names and plain values only (their meaning is checked by the goals module)."""
    if not isinstance(pred, Mapping):
        return [f"{where}: each predicate must be a mapping, got {describe(pred)}"]
    out: list[str] = []
    for key, arg in pred.items():
        if key == "not":
            out += _predicate(f"{where}: not", arg)
        elif isinstance(arg, list):
            out += [f"{where}: {key}: element {i}: must be a plain value, got {describe(v)}"
                    for i, v in enumerate(arg) if not isinstance(v, _SCALARS)]  # fmt: skip
        elif not isinstance(arg, _SCALARS):
            out.append(f"{where}: {key}: must be a name or a list, got {describe(arg)}")
    return out


def shape_problems(data: Mapping[str, Any]) -> list[str]:
    """What is of the wrong kind in a parsed scenario mapping (empty when every key has the right kind).

    Example:
        >>> shape_problems({"variants": {"safe": {"remove": "bowl"}, "unsafe": []}})
        ['variants: safe: remove: must be a list of object ids, got a string', 'variants: unsafe: must be a mapping (caption, objects, remove, agent), got a list']
    """
    out: list[str] = []
    for key in _STR_KEYS:
        if key in data:
            out += _need_str(key, data[key])
    for key in _OPTIONAL_STR_KEYS:
        if data.get(key) is not None:
            out += _need_str(key, data[key])
    if data.get("tags") is not None:
        out += _need_str_list("tags", data["tags"])
    scene = data.get("scene")
    if isinstance(scene, Mapping):
        out += _objects("scene: objects", scene.get("objects"))
        out += _agent("scene: agent", scene.get("agent"))
    variants = data.get("variants")
    if isinstance(variants, Mapping):
        for name, spec in variants.items():
            where = f"variants: {name}"
            if not isinstance(spec, Mapping):
                out.append(
                    f"{where}: must be a mapping (caption, objects, remove, agent), got {describe(spec)}"
                )
                continue
            if "caption" in spec:
                out += _need_str(f"{where}: caption", spec["caption"])
            out += _objects(f"{where}: objects", spec.get("objects"))
            if spec.get("remove") is not None:
                out += _need_str_list(f"{where}: remove", spec["remove"], "a list of object ids")
            out += _agent(f"{where}: agent", spec.get("agent"))
    goal = data.get("goal")
    if isinstance(goal, list):
        for i, pred in enumerate(goal):
            out += _predicate(f"goal: {i}", pred)
    return out


__all__ = ["describe", "shape_problems"]
