"""The symbolic household state: typed objects, support/containment, the agent.

Every object has at most one placement: ``relation`` ``"on"`` or ``"in"`` its ``parent``. Objects with no
placement stand on a floor (scenario loading puts them there); the held object has no parent.

Example:
    >>> w = World(room="kitchen")
    >>> w.add(WorldObject("floor", "Floor", properties=frozenset({"hard"}), receptacle=True, floor=True))
    >>> w.add(WorldObject("bowl", "Bowl", parent="floor", relation="on", pickupable=True))
    >>> [o.id for o in w.children("floor")], w.floor_under("bowl")
    (['bowl'], 'floor')
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

Relation = Literal["on", "in"]


@dataclass
class WorldObject:
    """One object in the world.

    Attributes:
        id: Unique snake_case id within the world.
        type: Catalogue type name (``"Microwave"``).
        name: Display name (``"microwave"``).
        material: Material (``"metal"``) or ``None``.
        properties: Effective properties (type + material + extra - removed).
        state: Mutable state (``on``, ``open``, ``filled``, ``lit``, ``wet``, ``broken``, ...).
        parent: Id of what it is on/in, or ``None`` (held, or a root such as the floor).
        relation: ``"on"``, ``"in"`` or ``None``.
        near: Ids it is adjacent to (kept symmetric by :meth:`World.add_near`).
        kind: Catalogue kind.
        synonyms: Other names of its type (from the catalogue), for the plan parser.
        receptacle, container, openable, toggleable, pickupable, floor: Type flags.
    """

    id: str
    type: str
    name: str = ""
    material: str | None = None
    properties: frozenset[str] = frozenset()
    state: dict[str, Any] = field(default_factory=dict)
    parent: str | None = None
    relation: Relation | None = None
    near: set[str] = field(default_factory=set)
    kind: str = "item"
    synonyms: tuple[str, ...] = ()
    receptacle: bool = False
    container: bool = False
    openable: bool = False
    toggleable: bool = False
    pickupable: bool = False
    floor: bool = False

    def has(self, prop: str) -> bool:
        """True if the object has the property, or its state sets that key to a truthy value (``hot``, ``wet``).

        Example:
            >>> WorldObject("pan", "Pan", state={"hot": True}).has("hot")
            True
        """
        return prop in self.properties or bool(self.state.get(prop))

    @property
    def is_on(self) -> bool:
        """``state["on"]`` is true."""
        return bool(self.state.get("on"))

    @property
    def is_open(self) -> bool:
        """``state["open"]`` is true."""
        return bool(self.state.get("open"))


@dataclass
class World:
    """The world state: objects by id, where the agent is and what it holds.

    Attributes:
        objects: All objects by id, in scene order.
        agent_at: Id of the object the agent stands at, or ``None``.
        holding: Id of the held object, or ``None``.
        room: Room name (``"kitchen"``).
    """

    objects: dict[str, WorldObject] = field(default_factory=dict)
    agent_at: str | None = None
    holding: str | None = None
    room: str = "kitchen"

    def add(self, obj: WorldObject) -> None:
        """Add (or replace) an object."""
        self.objects[obj.id] = obj

    def __contains__(self, obj_id: object) -> bool:
        return obj_id in self.objects

    def __getitem__(self, obj_id: str) -> WorldObject:
        return self.objects[obj_id]

    def get(self, obj_id: str | None) -> WorldObject | None:
        """The object with this id, or ``None``."""
        return self.objects.get(obj_id) if obj_id is not None else None

    def children(self, obj_id: str) -> list[WorldObject]:
        """Objects directly on or in ``obj_id``, in scene order."""
        return [o for o in self.objects.values() if o.parent == obj_id]

    def descendants(self, obj_id: str) -> list[WorldObject]:
        """Everything on or in ``obj_id``, transitively (depth first, scene order)."""
        return self.descendants_of([obj_id])

    def descendants_of(self, obj_ids: Iterable[str]) -> list[WorldObject]:
        """Everything on or in any of ``obj_ids``, transitively, each once: one pass over the objects however many
        ids are asked about (so asking about every object of a large scene stays linear)."""
        under: dict[str | None, list[WorldObject]] = {}
        for o in self.objects.values():
            under.setdefault(o.parent, []).append(o)
        roots = list(obj_ids)
        seen = set(roots)
        out: list[WorldObject] = []
        for root in roots:
            stack = list(reversed(under.get(root, [])))
            while stack:
                o = stack.pop()
                if o.id in seen:  # already reached (or a malformed cycle)
                    continue
                seen.add(o.id)
                out.append(o)
                stack.extend(reversed(under.get(o.id, [])))
        return out

    def ancestors(self, obj_id: str) -> list[WorldObject]:
        """What ``obj_id`` stands on or in, nearest first, up to the root."""
        out: list[WorldObject] = []
        seen = {obj_id}
        cur = self.objects[obj_id].parent
        while cur is not None and cur in self.objects and cur not in seen:
            seen.add(cur)
            out.append(self.objects[cur])
            cur = self.objects[cur].parent
        return out

    def add_near(self, a: str, b: str) -> None:
        """Make ``a`` and ``b`` adjacent (symmetric)."""
        self.objects[a].near.add(b)
        self.objects[b].near.add(a)

    def floors(self) -> list[WorldObject]:
        """All floor objects (type flag ``floor``), in scene order."""
        return [o for o in self.objects.values() if o.floor]

    def floor_under(self, obj_id: str | None) -> str | None:
        """The floor below an object (itself if it is a floor), else the room's first floor.

        For the agent's position pass ``world.agent_at``; a held object is where the agent is.
        """
        if obj_id is not None and obj_id in self.objects:
            if obj_id == self.holding and self.agent_at not in (None, obj_id):
                return self.floor_under(self.agent_at)
            if self.objects[obj_id].floor:
                return obj_id
            for anc in self.ancestors(obj_id):
                if anc.floor:
                    return anc.id
        floors = self.floors()
        return floors[0].id if floors else None

    def anchor(self, obj_id: str) -> str:
        """The piece of furniture an object belongs to: its highest ancestor below a floor (or itself).

        The agent is "at" an object when it is at the same anchor.
        """
        if obj_id == self.holding:
            return self.anchor(self.agent_at) if self.agent_at and self.agent_at != obj_id else obj_id
        chain = [obj_id, *(a.id for a in self.ancestors(obj_id))]
        best = obj_id
        for oid in chain:
            if self.objects[oid].floor:
                break
            best = oid
        return best

    def agent_is_at(self, obj_id: str) -> bool:
        """True if the agent needs no navigation to reach ``obj_id``."""
        if obj_id == self.holding:
            return True
        if self.agent_at is None or self.agent_at not in self.objects:
            return False
        return self.anchor(self.agent_at) == self.anchor(obj_id)

    def move(self, obj_id: str, parent: str | None, relation: Relation | None) -> None:
        """Put ``obj_id`` on/in ``parent`` (``None`` detaches it); no precondition checks.

        Adjacency stays true: an object that leaves its place is no longer *near* what stood next to it (links
        inside the moved group are kept, so a pan still holds its lid). Moving onto the same parent keeps them.

        Example:
            >>> w = World()
            >>> for oid in ("stove", "towel", "counter"):
            ...     w.add(WorldObject(oid, oid.title()))
            >>> w.add_near("towel", "stove"); w.move("towel", "counter", "on")
            >>> w["towel"].near, w["stove"].near
            (set(), set())
        """
        obj = self.objects[obj_id]
        if obj.parent != parent or parent is None:
            group = {obj_id, *(d.id for d in self.descendants(obj_id))}
            for member in group:
                for other in list(self.objects[member].near - group):
                    self.objects[member].near.discard(other)
                    if other in self.objects:
                        self.objects[other].near.discard(member)
        obj.parent, obj.relation = parent, relation if parent is not None else None

    def label(self, obj_id: str) -> str:
        """How actions name an object: its type when unique in the world, else its id.

        Example:
            >>> w = World()
            >>> w.add(WorldObject("cup_1", "Cup")); w.add(WorldObject("bowl", "Bowl")); w.add(WorldObject("cup_2", "Cup"))
            >>> w.label("bowl"), w.label("cup_2")
            ('Bowl', 'cup_2')
        """
        obj = self.objects[obj_id]
        same = sum(1 for o in self.objects.values() if o.type == obj.type)
        return obj.type if same == 1 else obj.id

    def __iter__(self) -> Iterator[WorldObject]:
        return iter(self.objects.values())

    def copy(self) -> World:
        """A deep copy (objects, states and adjacency are independent).

        The same as ``copy.deepcopy`` (values shared within the world stay shared in the copy), ~10× faster: what
        cannot change (strings, numbers, frozensets of strings, tuples of strings) is shared with the original, and
        each object's ``state`` and ``near`` are copied without the general machinery.

        Example:
            >>> w = World(); w.add(WorldObject("pan", "Pan", state={"hot": False}, near={"stove"}))
            >>> c = w.copy(); c["pan"].state["hot"] = True; c["pan"].near.clear()
            >>> w["pan"].state, w["pan"].near, c["pan"] is w["pan"]
            ({'hot': False}, {'stove'}, False)
        """
        if type(self) is not World:
            return copy.deepcopy(self)
        memo: dict[int, Any] = {}
        twin = World.__new__(World)
        fields = {}
        for key, value in self.__dict__.items():
            if key == "objects" and type(value) is dict:
                objects = {}
                for oid, obj in value.items():
                    objects[oid] = _copy_object(obj, memo)
                memo[id(value)] = objects
                fields[key] = objects
            else:
                fields[key] = _copy_value(value, memo)
        twin.__dict__.update(fields)
        return twin

    def describe(self) -> str:
        """A short multi-line text description (for debugging and text-only policies).

        Example:
            >>> w = World(room="kitchen"); w.add(WorldObject("sink", "Sink", name="sink"))
            >>> print(w.describe())
            room: kitchen; agent at: -; holding: -
            sink (Sink)
        """
        lines = [f"room: {self.room}; agent at: {self.agent_at or '-'}; holding: {self.holding or '-'}"]
        for o in self.objects.values():
            bits = [f"{o.id} ({o.type}"]
            if o.material:
                bits.append(f", {o.material}")
            bits.append(")")
            if o.parent:
                bits.append(f" {o.relation} {o.parent}")
            if o.state:
                bits.append(" " + ", ".join(f"{k}={v}" for k, v in sorted(o.state.items())))
            if o.near:
                bits.append(" near " + ", ".join(sorted(o.near)))
            lines.append("".join(bits))
        return "\n".join(lines)


#: Types whose values never change: shared by :meth:`World.copy` (``copy.deepcopy`` returns them as they are).
_ATOMIC = frozenset({str, int, float, bool, type(None), bytes})


def _copy_value(value: Any, memo: dict[int, Any]) -> Any:
    """``copy.deepcopy(value, memo)``, without the general machinery for the values a world holds."""
    kind = type(value)
    if kind in _ATOMIC:
        return value
    if kind is frozenset or kind is tuple:
        for v in value:
            if type(v) is not str:
                return copy.deepcopy(value, memo)
        return value  # immutable all through
    found = memo.get(id(value))
    if found is not None:  # shared within the world: shared in the copy (the originals stay alive meanwhile)
        return found
    if kind is set:
        for v in value:
            if type(v) is not str:
                return copy.deepcopy(value, memo)
        found = memo[id(value)] = set(value)
        return found
    if kind is dict:
        found = memo[id(value)] = value.copy()
        for k, v in value.items():
            if type(k) not in _ATOMIC:
                del memo[id(value)]
                return copy.deepcopy(value, memo)
            if type(v) not in _ATOMIC:
                found[k] = _copy_value(v, memo)
        return found
    return copy.deepcopy(value, memo)


def _copy_object(obj: WorldObject, memo: dict[int, Any]) -> WorldObject:
    """A deep copy of one object (``memo`` as in ``copy.deepcopy``, shared across the world)."""
    found = memo.get(id(obj))
    if found is not None:
        return found  # type: ignore[no-any-return]
    if type(obj) is not WorldObject:
        return copy.deepcopy(obj, memo)  # type: ignore[no-any-return]
    twin = WorldObject.__new__(WorldObject)
    memo[id(obj)] = twin
    fields = obj.__dict__.copy()
    for key, value in fields.items():
        if type(value) not in _ATOMIC:
            fields[key] = _copy_value(value, memo)
    twin.__dict__.update(fields)
    return twin
