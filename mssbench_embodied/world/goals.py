"""Goal predicates over a world state (``tasks/SCHEMA.md``, "Goal predicates").

A goal is a list of predicates that must all hold: ``{in: [x, y]}``, ``{on: [x, y]}``, ``{holding: x}``,
``{agent_at: x}``, ``{state: [x, key, value]}``, ``{not: <predicate>}``.

Example:
    >>> from mssbench_embodied.world.state import World, WorldObject
    >>> w = World(); w.add(WorldObject("mw", "Microwave", state={"on": True}))
    >>> w.add(WorldObject("bowl", "Bowl", parent="mw", relation="in"))
    >>> check_goal(w, [{"in": ["bowl", "mw"]}, {"state": ["mw", "on", True]}, {"not": {"holding": "bowl"}}])
    True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mssbench_embodied.world.catalog import STATE_KEYS
from mssbench_embodied.world.state import World

Predicate = dict[str, Any]
_KEYS = ("in", "on", "holding", "agent_at", "state", "not")


def check_predicate(world: World, pred: Predicate) -> bool:
    """Whether one predicate holds (``in``/``on`` transitively, see :func:`path_relations`)."""
    ((key, arg),) = pred.items()
    if key == "not":
        return not check_predicate(world, arg)
    if key in ("in", "on"):
        x, y = arg
        links = path_relations(world, x, y)
        if links is None:
            return False
        return "in" in links if key == "in" else links == ["on"]
    if key == "holding":
        return world.holding == arg
    if key == "agent_at":
        return world.agent_at is not None and (world.agent_at == arg or world.agent_is_at(arg))
    if key == "state":
        x, skey, value = arg
        obj = world.get(x)
        return obj is not None and obj.state.get(skey, False if isinstance(value, bool) else None) == value
    raise ValueError(f"unknown goal predicate {key!r}")


def path_relations(world: World, x: str, y: str) -> list[str] | None:
    """The relations on the way up from ``x`` to its ancestor ``y`` (``None`` if ``y`` is not an ancestor).

    ``x`` is *in* ``y`` when any link is ``in`` (a fork on a plate in the sink is in the sink); *on* ``y`` only when
    placed directly on it (else everything would be on the floor).
    """
    links: list[str] = []
    cur = world.get(x)
    seen: set[str] = set()
    while cur is not None and cur.parent is not None and cur.id not in seen:
        seen.add(cur.id)
        links.append(cur.relation or "on")
        if cur.parent == y:
            return links
        cur = world.get(cur.parent)
    return None


def check_goal(world: World, goal: Sequence[Predicate] | None) -> bool:
    """True when every predicate holds (an empty or missing goal is never reached)."""
    if not goal:
        return False
    return all(check_predicate(world, p) for p in goal)


def predicate_problems(pred: Any, ids: set[str]) -> list[str]:
    """What is wrong with one predicate (empty if fine), as short phrases.

    Example:
        >>> predicate_problems({"in": ["bowl", "oven"]}, {"bowl"})
        ["in: unknown object 'oven'"]
    """
    if not isinstance(pred, dict) or len(pred) != 1:
        return [f"{pred!r}: must be a mapping with one key among {', '.join(_KEYS)}"]
    ((key, arg),) = pred.items()
    if key not in _KEYS:
        return [f"{key}: unknown predicate (known: {', '.join(_KEYS)})"]
    if key == "not":
        return [f"not: {p}" for p in predicate_problems(arg, ids)]
    names: list[Any]
    if key in ("in", "on"):
        if not (isinstance(arg, list) and len(arg) == 2):
            return [f"{key}: must be [object, receptacle]"]
        names = arg
    elif key in ("holding", "agent_at"):
        names = [arg]
    else:
        if not (isinstance(arg, list) and len(arg) == 3):
            return ["state: must be [object, key, value]"]
        if arg[1] not in STATE_KEYS:
            return [f"state: unknown state key {arg[1]!r}"]
        names = [arg[0]]
    return [f"{key}: unknown object {n!r}" for n in names if n not in ids]
