"""How the simulator handles objects: reaching, picking up, setting aside, dropping, unplugging, waiting, and the
physics that runs after every action (heat sources heat what they hold, running water wets its basin).

:class:`Mechanics` is the base of :class:`~mssbench_embodied.world.sim.Simulator`; it is split out so each file
stays small. Every helper records the sub-actions it adds (``implicit``) and fires the hazard rules on the state
after each of them.

Example:
    >>> from mssbench_embodied.world.state import Relation, World, WorldObject
    >>> w = World()
    >>> w.add(WorldObject("floor", "Floor", receptacle=True, floor=True))
    >>> w.add(WorldObject("stove", "Stove", parent="floor", relation="on", receptacle=True))
    >>> w.add(WorldObject("towel", "Towel", parent="stove", relation="on", pickupable=True))
    >>> m = Mechanics(w, [])
    >>> m.set_aside("towel")
    'Towel set aside on Floor'
    >>> w["towel"].parent, w.holding, m.implicit
    ('floor', None, ['Goto Towel'])
"""

from __future__ import annotations

from collections.abc import Sequence

from mssbench_embodied.world.names import NameResolver
from mssbench_embodied.world.rules import HazardEvent, Matcher, Rule
from mssbench_embodied.world.state import Relation, World, WorldObject

#: Rule lists by the ids of their rules (the list kept, so that the ids stay theirs): the rules that may fire for a
#: verb on a type of object, in order.
_RULES_BY_VERB: dict[tuple[int, ...], tuple[list[Rule], dict[tuple[str, str | None], list[Rule]]]] = {}


def _never_applies(rule: Rule, verb: str, kind: str | None) -> bool:
    """Whether ``rule`` cannot fire for ``verb`` on an object of type ``kind`` (``None``: no object), whatever the
    state: :meth:`Rule.applies` checks the verb first, then the target matcher's types."""
    if type(rule) is not Rule:
        return False
    if verb not in rule.on:
        return True
    target = rule.target
    if target is None or type(target) is not Matcher:
        return False
    return kind is None or bool(target.types and kind not in target.types)


class ActionFailed(Exception):
    """An action's precondition does not hold (the message says which); the plan goes on."""


class Mechanics:
    """Object handling shared by the simulator's verbs (``world`` is mutated in place).

    Attributes:
        world: The world acted on.
        rules: Hazard rules evaluated after every (also implicit) action.
        instruction: The task instruction, used to guess what an empty-handed ``Place`` means.
        hazards: Every rule that fired, in order.
        implicit: Sub-actions added during the current action.
        events: Rules that fired during the current action.
        step_index: Index of the current action (for :class:`HazardEvent.step`).
    """

    def __init__(self, world: World, rules: Sequence[Rule] = (), instruction: str | None = None) -> None:
        self.world = world
        self.rules = list(rules)
        self.instruction = instruction
        self.hazards: list[HazardEvent] = []
        self.implicit: list[str] = []
        self.events: list[HazardEvent] = []
        self.step_index = 0
        self.focus: str | None = None
        self._fired: set[str] = set()
        self._by_verb: tuple[list[Rule], dict[tuple[str, str | None], list[Rule]]] | None = None

    def label(self, oid: str) -> str:
        """How actions print an object."""
        return self.world.label(oid)

    # ------------------------------------------------------------------ rules and physics
    def fire(self, verb: str, target: str | None, placed: str | None = None) -> None:
        """Run physics, then every rule not yet fired that applies to ``verb`` on ``target``."""
        self.physics()
        shown = f"{verb} {self.label(target)}" if target else verb
        if verb == "Drop" and placed:
            shown = f"Drop {self.label(placed)}"
        for rule in self._rules_for(verb, target):
            if rule.id not in self._fired and rule.applies(self.world, verb, target, placed):
                self._fired.add(rule.id)
                event = rule.event(shown, self.step_index, target)
                self.hazards.append(event)
                self.events.append(event)

    def _rules_for(self, verb: str, target: str | None) -> list[Rule]:
        """The rules that may apply to ``verb`` on ``target``, in order: a :class:`Rule` whose ``on`` lacks the verb
        never does, nor one whose target matcher names types and not the target's (nor any, with no target)."""
        rules = self.rules
        if self._by_verb is None or self._by_verb[0] is not rules:
            key = tuple(map(id, rules))
            entry = _RULES_BY_VERB.get(key)  # the same rule objects (kept alive by the entry)
            if entry is None:
                entry = _RULES_BY_VERB[key] = (list(rules), {})
                if len(_RULES_BY_VERB) > 64:
                    _RULES_BY_VERB.pop(next(iter(_RULES_BY_VERB)))
            self._by_verb = (rules, entry[1])
        by_verb = self._by_verb[1]
        obj = self.world.get(target)
        kind = obj.type if obj is not None else None
        found = by_verb.get((verb, kind))
        if found is None:
            found = by_verb[(verb, kind)] = [r for r in rules if not _never_applies(r, verb, kind)]
        return found

    def physics(self) -> None:
        """Switched-on heat sources heat what they hold; running water wets what is in its basin."""
        w = self.world
        for o in w:
            if o.is_on and o.has("heat_source"):
                for d in w.descendants(o.id):
                    d.state["hot"] = True
            if o.is_on and o.has("water_source"):
                basin = self.basin(o.id)
                if basin is not None:
                    basin.state["running"] = True
                    for d in w.descendants(basin.id):
                        d.state["wet"] = True

    def basin(self, oid: str) -> WorldObject | None:
        """Where a water source's water goes: itself (a shower), what it is on/in, or an adjacent fixture."""
        w = self.world
        cands = [w[oid], w.get(w[oid].parent), *(w.get(n) for n in sorted(w[oid].near))]
        return next((c for c in cands if c is not None and c.container and c.kind == "fixture"), None)

    def cool_down(self) -> list[str]:
        """Hot objects that no running heat source heats any more cool down; returns their ids."""
        w = self.world
        heated = {d.id for o in w if o.is_on and o.has("heat_source") for d in [o, *w.descendants(o.id)]}
        cooled = [o.id for o in w if o.state.get("hot") and o.id not in heated]
        for oid in cooled:
            w[oid].state["hot"] = False
        return cooled

    # ------------------------------------------------------------------ moving about and holding
    def reach(self, oid: str) -> None:
        """Walk to ``oid`` unless already there (recorded as an implicit ``Goto``)."""
        if not self.world.agent_is_at(oid):
            self.implicit.append(f"Goto {self.label(oid)}")
            self.world.agent_at = oid
            self.fire("Goto", oid)

    def open_for(self, oid: str) -> None:
        """Open ``oid`` and what encloses it, where closed, so something can go in or come out."""
        for holder in [self.world[oid], *self.world.ancestors(oid)]:
            if holder.openable and holder.container and not holder.is_open:
                self.implicit.append(f"Open {self.label(holder.id)}")
                holder.state["open"] = True
                self.fire("Open", holder.id)

    def pickup(self, oid: str, *, living: bool = False) -> None:
        """Take ``oid`` in hand (``living``: a person or animal may be led away too)."""
        w = self.world
        obj = w[oid]
        if w.holding == oid:
            return
        if not (obj.pickupable or (living and obj.kind == "living")):
            raise ActionFailed(f"{self.label(oid)} cannot be picked up")
        if w.holding is not None:
            raise ActionFailed(f"hand is full (holding {self.label(w.holding)})")
        self.reach(oid)
        if obj.parent is not None and obj.relation == "in":
            self.open_for(obj.parent)
        if w.agent_at == oid or w.agent_at in {d.id for d in w.descendants(oid)}:
            spot = w.anchor(oid)  # stand where the object stood
            w.agent_at = spot if spot != oid else w.floor_under(oid)
        w.move(oid, None, None)
        w.holding = oid
        self.focus = None

    def implicit_pickup(self, dest: str) -> None:
        """An empty-handed ``Place``: pick up what the agent last went to, the only thing where it stands, or
        the object the instruction names."""
        w = self.world
        cand = self.focus if self.focus in w and self.focus != dest else None
        if cand is None and w.agent_at is not None and w.agent_at in w:
            here = [c.id for c in w.children(w.agent_at) if c.pickupable and c.id != dest]
            cand = here[0] if len(here) == 1 else None
        if cand is None and self.instruction:
            cand = self.named_in_instruction(dest)
        if cand is None or cand == dest or any(a.id == cand for a in w.ancestors(dest)):
            raise ActionFailed("nothing is held")
        self.pickup(cand)
        self.implicit.append(f"Pickup {self.label(cand)}")
        self.fire("Pickup", cand)

    def named_in_instruction(self, dest: str) -> str | None:
        """The object the task is about: the best pickupable match in the instruction (food or a liquid in a
        pickupable vessel means the vessel), excluding the destination and what holds it."""
        w = self.world
        excluded = {dest, *(a.id for a in w.ancestors(dest))}
        for _, oid in NameResolver(w).candidates(self.instruction or "", "Pickup"):
            obj = w[oid]
            vessel = w.get(obj.parent)
            if (obj.material == "food" or obj.kind == "liquid") and vessel is not None and vessel.pickupable:
                obj = vessel
            if obj.pickupable and obj.id not in excluded and obj.id != w.holding:
                return obj.id
        return None

    def ensure_held(self, oid: str) -> None:
        """Hold ``oid``, picking it up first (an implicit ``Pickup``) when the hand is empty."""
        w = self.world
        if w.holding == oid:
            return
        if w.holding is not None:
            raise ActionFailed(f"not holding {self.label(oid)} (holding {self.label(w.holding)})")
        if not w[oid].pickupable:
            raise ActionFailed(f"{self.label(oid)} is not held and cannot be picked up")
        self.pickup(oid)
        self.implicit.append(f"Pickup {self.label(oid)}")
        self.fire("Pickup", oid)

    def place_beside(self, held: str, beside: str) -> str:
        """Where "next to ``beside``" is: its support when that can hold things, else the floor below it."""
        w = self.world
        parent = w.get(w[beside].parent)
        if parent is not None and parent.receptacle and parent.id != held:
            return parent.id
        floor = w.floor_under(beside)
        if floor is None:
            raise ActionFailed("there is no floor to put it on")
        return floor

    # ------------------------------------------------------------------ mitigation verbs
    def set_aside(self, oid: str) -> str:
        """Take ``oid`` away from where it is and set it down on the floor, away from everything (a spill is
        wiped up instead)."""
        w = self.world
        obj = w[oid]
        if obj.kind == "liquid" and not obj.pickupable and w.holding != oid:
            return self.clean_up(oid)
        if obj.floor or not (obj.pickupable or obj.kind == "living"):
            raise ActionFailed(f"{self.label(oid)} cannot be moved away")
        if w.holding is not None and w.holding != oid:
            raise ActionFailed(f"hand is full (holding {self.label(w.holding)})")
        if w.holding != oid:
            self.pickup(oid, living=True)
            self.fire("Pickup", oid)
        floor = w.floor_under(w.agent_at)
        if floor is None:
            raise ActionFailed("there is no floor to set it on")
        w.move(oid, floor, "on")
        w.holding = None
        self.focus = oid
        self.fire("Remove", oid)
        return f"{self.label(oid)} set aside on {self.label(floor)}"

    def clean_up(self, oid: str) -> str:
        """Wipe up a spill: the liquid leaves the world, and what it wetted is dry."""
        w = self.world
        self.reach(oid)
        label = self.label(oid)
        touched = set(w[oid].near) | {c.id for c in w.children(oid)}
        parent = w[oid].parent
        for child in w.children(oid):
            w.move(child.id, parent, "on")
        w.move(oid, None, None)
        for other in w:
            other.near.discard(oid)
            if other.id in touched and other.state.get("wet"):
                other.state["wet"] = False
        del w.objects[oid]
        self.fire("Remove", None)
        return f"{label} cleaned up"

    def unplug(self, oid: str) -> str:
        """Pull the plug of an electric object (it is off and stays off until plugged in)."""
        obj = self.world[oid]
        if not (obj.has("electronic") or "plugged_in" in obj.state):
            raise ActionFailed(f"{self.label(oid)} has no plug")
        self.reach(oid)
        obj.state["plugged_in"] = False
        if obj.toggleable:
            obj.state["on"] = False
        self.fire("Unplug", oid)
        return f"{self.label(oid)} unplugged"

    def put_down(self, beside: str | None = None) -> str:
        """Set the held object down gently where the agent stands (on its furniture, else on the floor)."""
        w = self.world
        held = w.holding
        if held is None:
            raise ActionFailed("nothing is held")
        if beside is not None:
            self.reach(beside)
            dest = self.place_beside(held, beside)
        else:
            spot = w.get(w.anchor(w.agent_at)) if w.agent_at and w.agent_at != held else None
            dest = spot.id if spot is not None and spot.receptacle else w.floor_under(w.agent_at) or ""
            if not dest:
                raise ActionFailed("there is nowhere to put it down")
        relation: Relation = "in" if w[dest].container else "on"
        w.move(held, dest, relation)
        w.holding = None
        if beside is not None:
            w.add_near(held, beside)
        self.fire("Place", dest, held)
        return f"{self.label(held)} put down {relation} {self.label(dest)}"

    def drop(self, oid: str | None, beside: str | None = None) -> str:
        """Let ``oid`` (or whatever is held) fall to the floor, next to ``beside`` if given."""
        w = self.world
        if oid is None:
            oid = w.holding
            if oid is None:
                raise ActionFailed("nothing is held")
        self.ensure_held(oid)
        if beside is not None:
            self.reach(beside)
        floor = w.floor_under(beside if beside is not None else w.agent_at)
        if floor is None:
            raise ActionFailed("there is no floor to drop onto")
        w.move(oid, floor, "on")
        w.holding = None
        if beside is not None and not w[beside].floor:
            w.add_near(oid, beside)
        self.fire("Drop", floor, oid)
        return f"{self.label(oid)} dropped on {self.label(floor)}"
