"""World events: the world changes during a task (a toddler walks in, a phone slides into the sink).

A scenario's optional ``events:`` list (``tasks/SCHEMA.md``) says what changes and when::

    events:
      - id: phone_slides_in
        at_step: 2                      # after the agent's 2nd action ...
        when: {on: [phone, counter]}    # ... once this also holds (a goal predicate); either key alone works
        variants: [unsafe]              # default: unsafe
        message: The phone slides off the counter into the sink.
        move: [{id: phone, in: sink}]   # {id, on|in, near}; also: add (scene object specs), set ({id, state}),
                                        # remove (ids)

The simulator applies due events after every action (an :class:`EventSchedule` attached as
``Simulator.schedule``), in every mode: a whole plan runs through them as step-by-step play does. Each event
fires at most once. Hazard rules fire on the agent's actions, so a changed world is dangerous from the next
action on.

Example:
    >>> from mssbench_embodied.world.state import World, WorldObject
    >>> w = World(); w.add(WorldObject("sink", "Sink", receptacle=True, container=True))
    >>> w.add(WorldObject("phone", "Phone", pickupable=True))
    >>> event = WorldEvent("slide", "The phone slides into the sink.", at_step=1, move=({"id": "phone", "in": "sink"},))
    >>> schedule = EventSchedule([event], catalog=None)
    >>> [e.id for e in schedule.after_step(w)], w["phone"].parent
    (['slide'], 'sink')
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mssbench_embodied.world.goals import check_predicate, predicate_problems
from mssbench_embodied.world.state import Relation, World

EVENT_KEYS = frozenset({"id", "at_step", "when", "variants", "message", "add", "move", "set", "remove"})


@dataclass(frozen=True)
class WorldEvent:
    """One scheduled change of the world (see the module notes for the YAML keys)."""

    id: str
    message: str
    at_step: int | None = None
    when: dict[str, Any] | None = None
    variants: tuple[str, ...] = ("unsafe",)
    add: tuple[dict[str, Any], ...] = ()
    move: tuple[dict[str, Any], ...] = ()
    set: tuple[dict[str, Any], ...] = ()
    remove: tuple[str, ...] = ()

    def due(self, world: World, step: int) -> bool:
        """Whether the event's trigger holds after action ``step`` (1-based)."""
        if self.at_step is not None and step < self.at_step:
            return False
        return self.when is None or check_predicate(world, self.when)

    def apply(self, world: World, catalog: Any) -> None:
        """Change ``world`` in place: remove, add, move, then set."""
        for oid in self.remove:
            if oid in world:
                for gone in [oid, *(o.id for o in world.descendants(oid))]:
                    world.objects.pop(gone, None)
                if world.holding == oid:
                    world.holding = None
        for spec in self.add:
            from mssbench_embodied.world.scenario import _make_object

            world.add(_make_object(spec, catalog))
            for other in spec.get("near") or []:
                if other in world:
                    world.add_near(spec["id"], other)
        for spec in self.move:
            relation: Relation = "in" if "in" in spec else "on"
            if spec["id"] in world:
                if world.holding == spec["id"]:
                    world.holding = None
                if relation in spec:
                    world.move(spec["id"], spec[relation], relation)
                for other in spec.get("near") or []:
                    if other in world:
                        world.add_near(spec["id"], other)
        for spec in self.set:
            if spec["id"] in world:
                world[spec["id"]].state.update(spec.get("state") or {})


class EventSchedule:
    """The events of one episode, applied as actions are taken (attach as ``Simulator.schedule``).

    Args:
        events: The events that apply to the episode's variant.
        catalog: Object types (for ``add``).

    Attributes:
        steps: Actions counted so far. fired: Ids of the events applied so far, in order.
    """

    def __init__(self, events: Sequence[WorldEvent], catalog: Any) -> None:
        self.events = list(events)
        self.catalog = catalog
        self.steps = 0
        self.fired: list[str] = []

    def after_step(self, world: World) -> list[WorldEvent]:
        """Count one action and apply the events now due; returns them."""
        self.steps += 1
        due = [e for e in self.events if e.id not in self.fired and e.due(world, self.steps)]
        for event in due:
            event.apply(world, self.catalog)
            self.fired.append(event.id)
        return due

    def copy(self) -> EventSchedule:
        """An independent copy (the same events, steps and fired set), for look-ahead and replays."""
        twin = EventSchedule(self.events, self.catalog)
        twin.steps, twin.fired = self.steps, list(self.fired)
        return twin

    @property
    def pending(self) -> list[WorldEvent]:
        """Events not fired yet."""
        return [e for e in self.events if e.id not in self.fired]


def event_schedule(scenario: Any, variant: str, catalog: Any) -> EventSchedule | None:
    """The schedule of a scenario's events for one variant, or ``None`` when none applies.

    Example:
        >>> from mssbench_embodied.world import load_suite
        >>> suite = load_suite()
        >>> event_schedule(suite.scenario("faucet_phone_in_sink"), "unsafe", suite.catalog) is None
        True
    """
    events = [e for e in getattr(scenario, "events", ()) or () if variant in e.variants]
    return EventSchedule(events, catalog) if events else None


def parse_events(data: Any) -> tuple[tuple[WorldEvent, ...], list[str]]:
    """Events from a scenario's ``events:`` value, plus problems ("events: ...: what").

    Example:
        >>> events, problems = parse_events([{"id": "e", "message": "m", "at_step": 0, "remove": ["cat"]}])
        >>> problems
        ['events: e: at_step: must be a whole number >= 1']
    """
    if data is None:
        return (), []
    if not isinstance(data, list):
        return (), ["events: must be a list of events"]
    out: list[WorldEvent] = []
    problems: list[str] = []
    for i, spec in enumerate(data):
        if not isinstance(spec, dict) or not isinstance(spec.get("id"), str):
            problems.append(f"events: item {i + 1}: must be a mapping with an id")
            continue
        eid = spec["id"]
        where = f"events: {eid}"
        problems += [
            f"{where}: {k}: unknown key (use {', '.join(sorted(EVENT_KEYS))})"
            for k in spec
            if k not in EVENT_KEYS
        ]
        at_step = spec.get("at_step")
        if at_step is not None and (isinstance(at_step, bool) or not isinstance(at_step, int) or at_step < 1):
            problems.append(f"{where}: at_step: must be a whole number >= 1")
            at_step = None
        when = spec.get("when")
        if when is not None and not isinstance(when, dict):
            problems.append(f"{where}: when: must be a goal predicate such as {{on: [cat, counter]}}")
            when = None
        if spec.get("at_step") is None and spec.get("when") is None:
            problems.append(f"{where}: give at_step, when, or both (when the event happens)")
        variants = spec.get("variants", ["unsafe"])
        if (
            not isinstance(variants, list)
            or not variants
            or any(v not in ("safe", "unsafe") for v in variants)
        ):
            problems.append(f"{where}: variants: must list safe and/or unsafe")
            variants = ["unsafe"]
        lists: dict[str, tuple[Any, ...]] = {}
        for key, kind in (("add", dict), ("move", dict), ("set", dict), ("remove", str)):
            value = spec.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, kind) for v in value):
                problems.append(f"{where}: {key}: must be a list of {'ids' if kind is str else 'mappings'}")
                value = []
            lists[key] = tuple(copy.deepcopy(value))
        if not any(lists.values()):
            problems.append(f"{where}: changes nothing: give add, move, set or remove")
        out.append(WorldEvent(eid, str(spec.get("message") or ""), at_step, when, tuple(variants), lists["add"],
                              lists["move"], lists["set"], lists["remove"]))  # fmt: skip
    ids = [e.id for e in out]
    problems += [f"events: {i}: same id twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    return tuple(out), problems


def event_problems(events: Sequence[WorldEvent], ids_by_variant: dict[str, set[str]], cat: Any) -> list[str]:
    """Objects an event names that its variant's scene (with earlier events' additions) does not hold, and
    added objects of unknown types or without a placement."""
    out: list[str] = []
    for variant, ids in ids_by_variant.items():
        known = set(ids)
        for event in events:
            if variant not in event.variants:
                continue
            where = f"events: {event.id}"
            for spec in event.add:
                if spec.get("type") not in cat:
                    out.append(f"{where}: add: unknown type {spec.get('type')!r}")
                if not any(k in spec for k in ("on", "in")) or spec.get("on", spec.get("in")) not in known:
                    out.append(f"{where}: add: {spec.get('id')}: needs on: or in: an object of the scene")
                known.add(str(spec.get("id")))
            named = [s.get("id") for s in (*event.move, *event.set)] + list(event.remove)
            named += [s.get("on", s.get("in")) for s in event.move if "on" in s or "in" in s]
            named += [n for s in (*event.move, *event.add) for n in s.get("near") or []]
            out += [f"{where}: unknown object {n!r} ({variant} variant)" for n in named if n not in known]
            if event.when is not None:
                out += [
                    f"{where}: when: {p} ({variant} variant)" for p in predicate_problems(event.when, known)
                ]
    return list(dict.fromkeys(out))
