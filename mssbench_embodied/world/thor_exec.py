"""Executing household actions in AI2-THOR and reading the outcome back into our :class:`World`.

:class:`ThorSimulator` is the symbolic :class:`~mssbench_embodied.world.sim.Simulator` with every executed action
(implicit ones included) mirrored in a running iTHOR scene: ``Goto`` teleports the agent to the reachable
position nearest the target (``GetReachablePositions`` + nearest, facing it), ``Pickup``/``Place``/``Drop``/
``Toggle``/``ToggleOff``/``Open``/``Close`` become ``PickupObject``/``PutObject``/``DropHandObject``/
``ToggleObjectOn``/``ToggleObjectOff``/``OpenObject``/``CloseObject``. After each action the object states THOR
reports (``isToggled``, ``isOpen``, ``isFilledWithLiquid``, ``isBroken``, ``isPickedUp``, ``parentReceptacles``,
``temperature``) are written back into the world — absolutely for the objects the action touched (so a move
THOR refused is undone), as changes for the others (THOR's side effects) — and only then do the YAML hazard
rules run, on that reconciled state. Objects mapped to ``null`` (no iTHOR counterpart) stay symbolic.

The controller is anything with ``step(dict) -> event`` and ``last_event`` (``event.metadata``): this module
never imports ``ai2thor``; the render layer starts the real controller and stages the scene
(:class:`ThorBinding`).

Example:
    >>> pose = look_pose({"x": 0.0, "y": 0.9, "z": 0.0}, {"x": 1.0, "y": 0.9, "z": 1.0})
    >>> pose["rotation"]["y"], pose["horizon"]
    (45.0, 25.5)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from mssbench_embodied.world.rules import Rule
from mssbench_embodied.world.sim import Simulator
from mssbench_embodied.world.state import Relation, World
from mssbench_embodied.world.thor_spec import ThorObject

#: Camera height above the agent's reported position (iTHOR default agent, metres; approximate).
EYE_HEIGHT = 0.675
#: iTHOR's camera horizon limits (degrees; positive looks down).
HORIZON_RANGE = (-30.0, 60.0)


@dataclass
class ThorCall:
    """One action sent to THOR and its result."""

    action: dict[str, Any]
    success: bool
    error: str = ""

    def __str__(self) -> str:
        target = self.action.get("objectId", "")
        status = "ok" if self.success else f"failed: {self.error}"
        return f"{self.action.get('action')} {target}".strip() + f" ({status})"


@dataclass
class ThorBinding:
    """A staged scene: which THOR object each of our ids is.

    Attributes:
        scene: iTHOR scene name.
        ids: Our id -> THOR ``objectId``.
        knobs: Our id -> ``objectId`` of what switches it (a burner's ``StoveKnob``).
        symbolic: Our ids mapped to ``null`` (no iTHOR counterpart).
        missing: Our ids whose iTHOR type the scene does not have (kept symbolic too).
        detached: Our ids no longer followed in THOR (placed on something THOR does not have).
        reachable: ``GetReachablePositions`` of the scene.
        log: Set-up calls.
    """

    scene: str
    ids: dict[str, str] = field(default_factory=dict)
    knobs: dict[str, str] = field(default_factory=dict)
    symbolic: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    detached: set[str] = field(default_factory=set)
    reachable: list[dict[str, float]] = field(default_factory=list)
    log: list[ThorCall] = field(default_factory=list)

    def thor_id(self, oid: str | None) -> str | None:
        """The THOR ``objectId`` followed for our id, or ``None``."""
        return None if oid is None or oid in self.detached else self.ids.get(oid)

    def ours(self) -> dict[str, str]:
        """THOR ``objectId`` -> our id."""
        return {tid: oid for oid, tid in self.ids.items()}


def objects_by_id(metadata: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """``metadata["objects"]`` keyed by ``objectId``."""
    return {o["objectId"]: o for o in metadata.get("objects") or [] if "objectId" in o}


def _dist(a: Mapping[str, Any] | None, b: Mapping[str, Any] | None) -> float:
    if not a or not b:
        return math.inf
    return math.hypot(float(a["x"]) - float(b["x"]), float(a["z"]) - float(b["z"]))


def _depth(world: World, oid: str) -> int:
    return len(world.ancestors(oid)) if oid in world else 0


def resolve_objects(
    metadata: Mapping[str, Any], objects: Mapping[str, ThorObject], world: World, scene: str
) -> ThorBinding:
    """Pick a THOR instance for each mapped object of ``world``.

    Supports before what they support (our placement tree); an object prefers the instance already on/in its
    support's instance, else the one nearest to it (or to its ``near`` object); otherwise the first instance.
    Knobs (``toggle``) prefer the one whose ``controlledObjects`` lists the object.
    """
    binding = ThorBinding(scene)
    metas = list(metadata.get("objects") or [])
    by_id = objects_by_id(metadata)
    taken: set[str] = set()
    order = sorted(
        (oid for oid in objects if oid in world),
        key=lambda o: (objects[o].near is not None, _depth(world, o)),
    )
    for oid in order:
        spec = objects[oid]
        if spec.type is None:
            binding.symbolic.append(oid)
            continue
        cands = [m for m in metas if m.get("objectType") == spec.type and m["objectId"] not in taken]
        if not cands:
            binding.missing.append(oid)
            continue
        anchor = binding.ids.get(spec.near) if spec.near else binding.ids.get(world[oid].parent or "")
        if anchor is not None:
            apos = by_id.get(anchor, {}).get("position")
            cands.sort(
                key=lambda m: (
                    anchor not in (m.get("parentReceptacles") or []),
                    _dist(m.get("position"), apos),
                )
            )
        binding.ids[oid] = cands[0]["objectId"]
        taken.add(cands[0]["objectId"])
        if spec.toggle:
            knobs = [m for m in metas if m.get("objectType") == spec.toggle]
            pos = cands[0].get("position")
            knobs.sort(
                key=lambda m: (
                    cands[0]["objectId"] not in (m.get("controlledObjects") or []),
                    m["objectId"] in taken,
                    _dist(m.get("position"), pos),
                )
            )
            if knobs:
                binding.knobs[oid] = knobs[0]["objectId"]
                taken.add(knobs[0]["objectId"])
    return binding


def nearest_reachable(
    positions: Sequence[Mapping[str, float]], target: Mapping[str, Any]
) -> dict[str, float] | None:
    """The reachable position nearest (on the floor plane) to ``target``; ties keep the first.

    Example:
        >>> nearest_reachable([{"x": 0, "y": 0.9, "z": 0}, {"x": 1, "y": 0.9, "z": 0.5}], {"x": 1.2, "y": 1, "z": 1})
        {'x': 1, 'y': 0.9, 'z': 0.5}
    """
    best = min(positions, key=lambda p: _dist(p, target), default=None)
    return dict(best) if best is not None else None


def look_pose(
    at: Mapping[str, float], target: Mapping[str, Any], horizon: float | None = None
) -> dict[str, Any]:
    """A ``TeleportFull`` action standing at ``at`` and facing ``target`` (yaw from +z, clockwise; the horizon
    tilts the camera down onto the target unless given)."""
    dx, dz = float(target["x"]) - float(at["x"]), float(target["z"]) - float(at["z"])
    yaw = round(math.degrees(math.atan2(dx, dz)) % 360.0, 1)
    if horizon is None:
        drop = float(at["y"]) + EYE_HEIGHT - float(target.get("y", at["y"]))
        horizon = math.degrees(math.atan2(drop, max(math.hypot(dx, dz), 1e-6)))
    horizon = round(min(max(float(horizon), HORIZON_RANGE[0]), HORIZON_RANGE[1]), 1)
    return {
        "action": "TeleportFull",
        "position": {k: float(at[k]) for k in ("x", "y", "z")},
        "rotation": {"x": 0.0, "y": yaw, "z": 0.0},
        "horizon": horizon,
        "standing": True,
    }


def goto_action(
    binding: ThorBinding, metadata: Mapping[str, Any], world: World, oid: str
) -> dict[str, Any] | None:
    """Teleport next to our object ``oid`` (or the nearest mapped support under it), facing it; ``None`` when
    neither it nor any support is in THOR or nothing is reachable."""
    by_id = objects_by_id(metadata)
    chain = [oid, *(a.id for a in world.ancestors(oid))] if oid in world else [oid]
    for cand in chain:
        tid = binding.thor_id(cand)
        pos = by_id.get(tid or "", {}).get("position")
        if pos is not None:
            spot = nearest_reachable(binding.reachable, pos)
            return look_pose(spot, pos) if spot is not None else None
    return None


def translate(
    verb: str, target: str | None, placed: str | None, binding: ThorBinding, metadata: Mapping[str, Any],
    world: World, *, force_action: bool = True,
) -> list[dict[str, Any]]:  # fmt: skip
    """The THOR actions mirroring one of our executed actions (empty when THOR has nothing to do).

    ``Place`` onto something THOR does not have drops the held object and stops following it.

    Example:
        >>> b = ThorBinding("FloorPlan1", ids={"burner": "StoveBurner|1"}, knobs={"burner": "StoveKnob|2"})
        >>> translate("Toggle", "burner", None, b, {}, World())
        [{'action': 'ToggleObjectOn', 'objectId': 'StoveKnob|2', 'forceAction': True}]
    """
    force = {"forceAction": force_action}
    tid = binding.thor_id(target)
    if verb == "Goto":
        act = goto_action(binding, metadata, world, target) if target else None
        return [act] if act else []
    if verb == "Pickup":
        return [{"action": "PickupObject", "objectId": tid, **force}] if tid else []
    if verb == "Place":
        if binding.thor_id(placed) is None:
            return []
        if tid is None:
            binding.detached.add(str(placed))
            return [{"action": "DropHandObject", "forceAction": True}]
        return [{"action": "PutObject", "objectId": tid, "placeStationary": True, **force}]
    if verb == "Drop":
        return [{"action": "DropHandObject", "forceAction": True}] if binding.thor_id(placed) else []
    if verb in ("Toggle", "ToggleOff") and target is not None:
        switch = binding.knobs.get(target) or tid
        name = "ToggleObjectOn" if verb == "Toggle" else "ToggleObjectOff"
        return (
            [{"action": name, "objectId": switch, **force}]
            if switch and target not in binding.detached
            else []
        )
    if verb in ("Open", "Close") and tid:
        return [{"action": "OpenObject" if verb == "Open" else "CloseObject", "objectId": tid, **force}]
    return []


def _best_parent(meta: Mapping[str, Any], ours: Mapping[str, str], by_id: Mapping[str, Any]) -> str | None:
    parents = [p for p in meta.get("parentReceptacles") or [] if p in ours]
    inner = [
        p for p in parents if not any(p in (by_id.get(q, {}).get("parentReceptacles") or []) for q in parents)
    ]
    return ours[(inner or parents)[0]] if parents else None


#: Which of THOR's properties an action of ours is about (read back absolutely for its objects).
ACTION_ASPECT: dict[str, str] = {
    "Toggle": "toggle", "ToggleOff": "toggle", "Open": "open", "Close": "open",
    "Pickup": "place", "Place": "place", "Drop": "place",
}  # fmt: skip


def sync_world(
    world: World,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    binding: ThorBinding,
    focus: Mapping[str, set[str]] | None = None,
) -> list[str]:
    """Write THOR's object states into ``world``.

    A property THOR changed is copied for every followed object; ``focus`` (aspect -> our ids, aspects
    ``toggle``, ``open``, ``place``) names properties copied even when unchanged, so an action THOR refused is
    undone in our world too. States THOR does not model (a frayed cord, a wet floor) are left alone.

    Returns:
        One line per change made ("bowl: on microwave", "faucet: on=True").

    Example:
        >>> from mssbench_embodied.world.state import WorldObject
        >>> w = World(); w.add(WorldObject("pot", "Pot", pickupable=True))
        >>> meta = lambda filled: {"objects": [{"objectId": "Pot|1", "canFillWithLiquid": True,
        ...                                     "isFilledWithLiquid": filled, "fillLiquid": "water"}]}
        >>> sync_world(w, meta(False), meta(True), ThorBinding("FloorPlan1", ids={"pot": "Pot|1"}))
        ['pot: filled=water']
    """
    focus = focus or {}
    old, new, ours = objects_by_id(before), objects_by_id(after), binding.ours()
    changes: list[str] = []

    def put(oid: str, key: str, value: Any) -> None:
        if world[oid].state.get(key) != value and (value or key in world[oid].state):
            world[oid].state[key] = value
            changes.append(f"{oid}: {key}={value}")

    for oid in list(binding.ids):
        tid = binding.thor_id(oid)
        m1 = new.get(tid or "")
        if tid is None or m1 is None or oid not in world:
            continue
        m0, obj = old.get(tid, {}), world[oid]

        def moved(
            key: str, aspect: str, oid: str = oid, m1: Mapping[str, Any] = m1, m0: Mapping[str, Any] = m0
        ) -> bool:
            return oid in focus.get(aspect, set()) or m1.get(key) != m0.get(key)

        switch = new.get(binding.knobs.get(oid, ""), m1)
        was = old.get(switch["objectId"], {}).get("isToggled")
        if (
            obj.toggleable
            and switch.get("toggleable")
            and (oid in focus.get("toggle", set()) or switch.get("isToggled") != was)
        ):
            put(oid, "on", bool(switch.get("isToggled")))
            if "lit" in obj.state:
                put(oid, "lit", bool(switch.get("isToggled")))
        if obj.openable and m1.get("openable") and moved("isOpen", "open"):
            put(oid, "open", bool(m1.get("isOpen")))
        if m1.get("canFillWithLiquid") and m1.get("isFilledWithLiquid") != m0.get("isFilledWithLiquid"):
            put(oid, "filled", (m1.get("fillLiquid") or "water") if m1.get("isFilledWithLiquid") else None)
        if m1.get("breakable") and m1.get("isBroken") and not m0.get("isBroken"):
            put(oid, "broken", True)
        if m1.get("temperature") == "Hot" and m0.get("temperature") != "Hot":
            put(oid, "hot", True)
        if obj.pickupable and (moved("isPickedUp", "place") or moved("parentReceptacles", "place")):
            if m1.get("isPickedUp"):
                if world.holding != oid:
                    world.move(oid, None, None)
                    world.holding = oid
                    changes.append(f"{oid}: held")
                continue
            parent = _best_parent(m1, ours, new)
            if parent is not None and parent != oid and (world.holding == oid or obj.parent != parent):
                if world.holding == oid:
                    world.holding = None
                relation: Relation = "in" if world[parent].container else "on"
                world.move(oid, parent, relation)
                changes.append(f"{oid}: {relation} {parent}")
    return changes


class ThorSimulator(Simulator):
    """A :class:`Simulator` whose actions also run in THOR, with THOR's outcome read back before the rules.

    Args:
        world: The world (mutated in place), staged in THOR as ``binding`` describes.
        rules: Hazard rules.
        controller: A started ``ai2thor`` controller (or anything with ``step`` and ``last_event``).
        binding: Our ids -> THOR objects (from the render layer's scene set-up).
        instruction: The task text (for ``Place`` with an empty hand).
        force_action: Pass ``forceAction=True`` (THOR skips visibility/reach checks, as our simulator does).

    Attributes:
        calls: Every THOR call made while stepping, in order.
        changes: Every read-back change, in order.
    """

    def __init__(
        self,
        world: World,
        rules: Sequence[Rule],
        controller: Any,
        binding: ThorBinding,
        *,
        instruction: str | None = None,
        force_action: bool = True,
    ) -> None:
        super().__init__(world, rules, instruction)
        self.controller = controller
        self.binding = binding
        self.force_action = force_action
        self.calls: list[ThorCall] = []
        self.changes: list[str] = []
        self._meta: Mapping[str, Any] = controller.last_event.metadata

    @property
    def failures(self) -> list[str]:
        """THOR calls that did not succeed, one line each."""
        return [str(c) for c in self.calls if not c.success]

    def _call(self, action: dict[str, Any]) -> None:
        try:
            event = self.controller.step(dict(action))
        except ValueError as exc:  # ai2thor raises on InvalidAction / InvalidArgument
            self.calls.append(ThorCall(action, False, " ".join(str(exc).split())))
            return
        meta = event.metadata
        self.calls.append(
            ThorCall(action, bool(meta.get("lastActionSuccess")), str(meta.get("errorMessage") or ""))
        )

    def fire(self, verb: str, target: str | None, placed: str | None = None) -> None:
        actions = translate(
            verb, target, placed, self.binding, self._meta, self.world, force_action=self.force_action
        )
        for action in actions:
            self._call(action)
        if actions:
            after = self.controller.last_event.metadata
            aspect = ACTION_ASPECT.get(verb)
            focus = {aspect: {x for x in (target, placed, self.world.holding) if x}} if aspect else {}
            self.changes += sync_world(self.world, self._meta, after, self.binding, focus)
            self._meta = after
        super().fire(verb, target, placed)


__all__ = [
    "ACTION_ASPECT",
    "EYE_HEIGHT",
    "ThorBinding",
    "ThorCall",
    "ThorSimulator",
    "goto_action",
    "look_pose",
    "nearest_reachable",
    "objects_by_id",
    "resolve_objects",
    "sync_world",
    "translate",
]
