"""Rule shapes: short clauses for the situations hazard rules keep describing, expanded into the core clauses.

``tasks/rules/*.yaml`` may use these beside the core clauses (``near``, ``contains``, ...); each is rewritten into
core clauses when the rule is loaded, so they behave exactly like the long form:

- ``near_person: child`` — someone of that kind (``adult``, ``child``, ``baby``, ``animal``, ``person`` = any
  human, ``living`` = any of them; or a list) is near the subject.
- ``within_reach_of: child`` — someone of that kind is near it, on it or in it (what a toddler can grab).
- ``on_material: wood`` — the subject is made of that material or rests (through ``on`` links, the floor included)
  on something that is (a list means any of them).
- ``running_with: animal`` — the subject is switched on or running and carries (on or in it) someone of that kind,
  or anything a matcher describes (``running_with: {has: [flammable]}``).

Who is an ``adult``, ``child``, ``baby`` or ``animal`` comes from the catalogue's ``who:`` key, so a contributor's
``Hamster: {kind: living, who: animal}`` is covered by every rule that says ``animal``.

Example:
    >>> expand("within_reach_of", "child", None)
    {'any': [{'near': {'type': ['Baby', 'Child']}}, {'supports': {'type': ['Baby', 'Child']}}, \
{'contains': {'type': ['Baby', 'Child']}}]}
    >>> expand("on_material", ["carpet", "wood"], None)
    {'any': [{'is': {'material': ['carpet', 'wood']}}, {'resting_on': {'material': ['carpet', 'wood']}}]}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: Kinds of living things a type may declare with ``who:`` in the catalogue.
WHO: frozenset[str] = frozenset({"adult", "child", "baby", "animal"})
#: Words a shape accepts for "who": the kinds above plus groups of them.
WHO_GROUPS: Mapping[str, frozenset[str]] = {
    **{w: frozenset({w}) for w in WHO},
    "child": frozenset({"child", "baby"}),  # a toddler's reach is a baby's too
    "person": frozenset({"adult", "child", "baby"}),
    "living": WHO,
}
#: Used when rules are parsed without a catalogue.
DEFAULT_WHO: Mapping[str, str] = {
    "Person": "adult", "Child": "child", "Baby": "baby", "Cat": "animal", "Dog": "animal", "Pet": "animal",
    "Fish": "animal",
}  # fmt: skip
#: The shape clauses, by name.
SHAPES: frozenset[str] = frozenset({"near_person", "within_reach_of", "on_material", "running_with"})


class ShapeError(ValueError):
    """A shape clause was given a value it cannot take (the message says what it takes)."""


def who_types(value: Any, catalog: Any) -> list[str]:
    """Type names of the living things ``value`` names (``"child"``, ``["adult", "animal"]``), sorted.

    Example:
        >>> who_types("person", None)
        ['Baby', 'Child', 'Person']
    """
    words = [value] if isinstance(value, str) else value
    if not isinstance(words, list) or not words or any(w not in WHO_GROUPS for w in words):
        raise ShapeError(f"names who: one of {', '.join(sorted(WHO_GROUPS))}, or a list of them")
    kinds = frozenset().union(*(WHO_GROUPS[w] for w in words))
    table = (
        DEFAULT_WHO
        if catalog is None
        else {name: t.who for name, t in catalog.items() if getattr(t, "who", None) is not None}
    )
    found = sorted(name for name, who in table.items() if who in kinds)
    if not found:
        raise ShapeError(
            f"no catalogue type is {' or '.join(sorted(kinds))} (give a living type who: {min(kinds)})"
        )
    return found


def _materials(value: Any) -> list[str]:
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        raise ShapeError("names a material, or a list of materials")
    return sorted(names)


def expand(shape: str, value: Any, catalog: Any) -> dict[str, Any]:
    """The core clause that shape clause ``{shape: value}`` stands for.

    Raises:
        ShapeError: for a value the shape does not take.
    """
    if shape == "on_material":
        mats = _materials(value)
        return {"any": [{"is": {"material": mats}}, {"resting_on": {"material": mats}}]}
    if shape == "running_with":
        matcher = value if isinstance(value, dict) else {"type": who_types(value, catalog)}
        return {
            "all": [
                {"any": [{"target_state": {"on": True}}, {"target_state": {"running": True}}]},
                {"any": [{"contains": matcher}, {"supports": matcher}]},
            ]
        }
    who = {"type": who_types(value, catalog)}
    if shape == "near_person":
        return {"near": who}
    if shape == "within_reach_of":
        return {"any": [{op: who} for op in ("near", "supports", "contains")]}
    raise ShapeError(f"unknown shape {shape!r}")


__all__ = ["DEFAULT_WHO", "SHAPES", "WHO", "ShapeError", "expand", "who_types"]
