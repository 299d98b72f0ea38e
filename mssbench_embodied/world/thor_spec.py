"""The optional ``thor:`` block of a household scenario: how it is staged in AI2-THOR (iTHOR), and its checks.

The block names an iTHOR scene, maps our object ids to iTHOR ``objectType``s (``null``: the object has no
iTHOR counterpart and stays symbolic), lists set-up steps in iTHOR's own action names (shared, then per
variant), and places the egocentric camera. Nothing here talks to a simulator: :func:`parse_thor` turns the
YAML into a :class:`ThorMapping` and :func:`thor_problems` lists what is wrong with it, one line per problem
(``"thor: key: what"``; the scenario loader prefixes file and scenario id).

.. code-block:: yaml

    thor:
      scene: FloorPlan1                     # kitchens 1-30, living rooms 201-230, bedrooms 301-330, bathrooms 401-430
      objects:                              # our id -> iTHOR objectType (null: not in THOR, symbolic only)
        counter: CounterTop
        burner: {type: StoveBurner, toggle: StoveKnob}   # switched through the knob that controls it
        kettle: {type: Kettle, near: burner}              # the instance nearest to another mapped object
        cutting_board: null
      camera: {look_at: burner, horizon: 30}              # or {position: {x: .., y: .., z: ..}, rotation: 90, horizon: 30}
      setup:                                # both variants, after the scene reset
        - {action: PutObject, object: kettle, receptacle: burner}
      variants:
        unsafe:
          objects: {bowl: Pot}              # per-variant type overrides
          setup:
            - {action: FillObjectWithLiquid, object: bowl, liquid: water}

Example:
    >>> m = parse_thor({"scene": "FloorPlan1", "objects": {"mw": "Microwave", "bowl": "Bowl"},
    ...                 "camera": {"look_at": "mw"}, "variants": {"unsafe": {"objects": {"bowl": "Pot"}}}})
    >>> m.scene, m.room, m.plan("unsafe").objects["bowl"].type
    ('FloorPlan1', 'kitchen', 'Pot')
    >>> thor_problems({"scene": "FloorPlan99", "objects": {"mw": "Microwav"}}, {"mw"})
    ["thor: scene: 'FloorPlan99' is not an iTHOR scene (FloorPlan1-30, 201-230, 301-330, 401-430)", "thor: objects: mw: unknown iTHOR object type 'Microwav'", 'thor: camera: missing (give look_at, or position and rotation)']
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mssbench_embodied.world.thor_types import (
    ACTION_NEEDS,
    FIXED_TYPES,
    ITHOR_TYPES,
    RECEPTACLE_TYPES,
    TOGGLEABLE_TYPES,
)

#: iTHOR scene ranges: (first, last, room) — FloorPlan<n>.
SCENE_RANGES: tuple[tuple[int, int, str], ...] = (
    (1, 30, "kitchen"),
    (201, 230, "living_room"),
    (301, 330, "bedroom"),
    (401, 430, "bathroom"),
)
#: Liquids ``FillObjectWithLiquid`` accepts.
LIQUIDS: frozenset[str] = frozenset({"water", "coffee", "wine"})
#: Set-up actions (iTHOR names) -> (required keys, optional keys) besides ``action``.
SETUP_ACTIONS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "PutObject": (frozenset({"object", "receptacle"}), frozenset()),
    "PlaceObjectAtPoint": (frozenset({"object", "position"}), frozenset()),
    "PickupObject": (frozenset({"object"}), frozenset()),
    "DropHandObject": (frozenset(), frozenset()),
    "OpenObject": (frozenset({"object"}), frozenset({"openness"})),
    "FillObjectWithLiquid": (frozenset({"object"}), frozenset({"liquid"})),
    "SetObjectPoses": (frozenset({"objectPoses"}), frozenset()),
    **{
        name: (frozenset({"object"}), frozenset())
        for name in (
            "ToggleObjectOn", "ToggleObjectOff", "CloseObject", "EmptyLiquidFromObject", "BreakObject",
            "DirtyObject", "CleanObject", "SliceObject", "CookObject", "DisableObject",
        )
    },
}  # fmt: skip
_TOP_KEYS = frozenset({"scene", "objects", "camera", "setup", "variants", "notes"})
_OBJECT_KEYS = frozenset({"type", "toggle", "near"})
_CAMERA_KEYS = frozenset({"look_at", "position", "rotation", "horizon"})
_VARIANT_KEYS = frozenset({"objects", "setup"})
_SCENE_RE = re.compile(r"FloorPlan(\d+)")


class ThorMappingError(ValueError):
    """A ``thor:`` block is malformed; ``.problems`` holds one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems[:5]) + (" ..." if len(problems) > 5 else ""))


@dataclass(frozen=True)
class ThorObject:
    """How one of our objects appears in THOR.

    Attributes:
        id: Our object id.
        type: iTHOR ``objectType``, or ``None`` when it has no counterpart (symbolic only, not rendered).
        toggle: iTHOR type that switches it (``StoveKnob`` for a ``StoveBurner``), else ``None``.
        near: Our id of another mapped object: pick the instance nearest to it.
    """

    id: str
    type: str | None
    toggle: str | None = None
    near: str | None = None


@dataclass(frozen=True)
class ThorStep:
    """One set-up step: an iTHOR action on our ids (``object``, ``receptacle``) plus its other arguments."""

    action: str
    object: str | None = None
    receptacle: str | None = None
    args: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ThorCamera:
    """The egocentric camera: facing ``look_at`` from the nearest reachable spot, or an explicit pose."""

    look_at: str | None = None
    position: Mapping[str, float] | None = None
    rotation: float | None = None
    horizon: float = 30.0


@dataclass(frozen=True)
class ThorPlan:
    """What one variant needs: effective object map and the set-up steps in order (shared, then variant)."""

    scene: str
    objects: Mapping[str, ThorObject]
    steps: tuple[ThorStep, ...]
    camera: ThorCamera


@dataclass(frozen=True)
class ThorMapping:
    """A parsed ``thor:`` block (see the module docs)."""

    scene: str
    objects: Mapping[str, ThorObject]
    camera: ThorCamera
    setup: tuple[ThorStep, ...] = ()
    variant_objects: Mapping[str, Mapping[str, ThorObject]] = field(default_factory=dict)
    variant_setup: Mapping[str, tuple[ThorStep, ...]] = field(default_factory=dict)

    @property
    def room(self) -> str:
        """The room type of the scene (``kitchen``, ``living_room``, ``bedroom``, ``bathroom``)."""
        return scene_room(self.scene) or ""

    def plan(self, variant: str) -> ThorPlan:
        """Objects and steps for ``variant`` (``safe``/``unsafe``)."""
        objects = {**self.objects, **self.variant_objects.get(variant, {})}
        steps = (*self.setup, *self.variant_setup.get(variant, ()))
        return ThorPlan(self.scene, objects, steps, self.camera)

    def differs(self) -> bool:
        """True when the two variants are staged differently (so THOR can show the safety cue)."""
        return any(self.variant_objects.get(v) or self.variant_setup.get(v) for v in ("safe", "unsafe"))


def scene_room(scene: str) -> str | None:
    """The room type of an iTHOR scene name, or ``None`` if it is not one.

    Example:
        >>> scene_room("FloorPlan301"), scene_room("FloorPlan31")
        ('bedroom', None)
    """
    m = _SCENE_RE.fullmatch(str(scene))
    if not m:
        return None
    n = int(m.group(1))
    return next((room for lo, hi, room in SCENE_RANGES if lo <= n <= hi), None)


def _object(oid: str, value: Any, out: list[str], where: str) -> ThorObject:
    if value is None:
        return ThorObject(oid, None)
    if isinstance(value, str):
        if value not in ITHOR_TYPES:
            out.append(f"{where}{oid}: unknown iTHOR object type {value!r}")
        return ThorObject(oid, value)
    if not isinstance(value, dict):
        out.append(f"{where}{oid}: give an iTHOR type, null, or {{type, toggle, near}}")
        return ThorObject(oid, None)
    out += [f"{where}{oid}: {k}: unknown key" for k in value if k not in _OBJECT_KEYS]
    typ, toggle, near = value.get("type"), value.get("toggle"), value.get("near")
    for key, val in (("type", typ), ("toggle", toggle)):
        if val is not None and val not in ITHOR_TYPES:
            out.append(f"{where}{oid}: {key}: unknown iTHOR object type {val!r}")
    if near is not None and not isinstance(near, str):
        out.append(f"{where}{oid}: near: must be one of our object ids")
    return ThorObject(oid, typ, toggle, near if isinstance(near, str) else None)


def _objects(value: Any, out: list[str], where: str) -> dict[str, ThorObject]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        out.append(f"{where.rstrip(': ')}: must map our object ids to iTHOR types")
        return {}
    return {str(k): _object(str(k), v, out, where) for k, v in value.items()}


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _point(value: Any, need_y: bool = True) -> bool:
    axes = ("x", "y", "z") if need_y else ("x", "z")
    return isinstance(value, dict) and all(_number(value.get(a)) for a in axes)


def _step(value: Any, out: list[str], where: str) -> ThorStep | None:
    if not isinstance(value, dict) or not isinstance(value.get("action"), str):
        out.append(f"{where}: each step is a mapping with an iTHOR action name")
        return None
    action = value["action"]
    if action not in SETUP_ACTIONS:
        out.append(f"{where}: {action}: unsupported action (use one of {', '.join(sorted(SETUP_ACTIONS))})")
        return None
    required, optional = SETUP_ACTIONS[action]
    keys = set(value) - {"action"}
    out += [f"{where}: {action}: {k}: missing" for k in sorted(required - keys)]
    out += [f"{where}: {action}: {k}: unknown key" for k in sorted(keys - required - optional)]
    if "position" in value and not _point(value["position"]):
        out.append(f"{where}: {action}: position: needs numbers x, y and z")
    if "liquid" in value and value["liquid"] not in LIQUIDS:
        out.append(
            f"{where}: {action}: liquid: {value['liquid']!r} is not one of {', '.join(sorted(LIQUIDS))}"
        )
    if "openness" in value and not (_number(value["openness"]) and 0 <= value["openness"] <= 1):
        out.append(f"{where}: {action}: openness: a number from 0 to 1")
    if "objectPoses" in value and not (
        isinstance(value["objectPoses"], list)
        and all(
            isinstance(p, dict) and {"objectName", "position", "rotation"} <= set(p)
            for p in value["objectPoses"]
        )
    ):
        out.append(f"{where}: {action}: objectPoses: a list of {{objectName, position, rotation}}")
    args = {k: v for k, v in value.items() if k not in ("action", "object", "receptacle")}
    obj, rec = value.get("object"), value.get("receptacle")
    return ThorStep(
        action, obj if isinstance(obj, str) else None, rec if isinstance(rec, str) else None, args
    )


def _steps(value: Any, out: list[str], where: str) -> tuple[ThorStep, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        out.append(f"{where}: must be a list of steps")
        return ()
    steps = [_step(v, out, f"{where}[{i}]") for i, v in enumerate(value)]
    return tuple(s for s in steps if s is not None)


def _camera(value: Any, out: list[str]) -> ThorCamera:
    if not isinstance(value, dict) or not ({"look_at", "position"} & set(value)):
        out.append("thor: camera: missing (give look_at, or position and rotation)")
        return ThorCamera()
    out += [f"thor: camera: {k}: unknown key" for k in value if k not in _CAMERA_KEYS]
    pos, rot, hor = value.get("position"), value.get("rotation"), value.get("horizon", 30.0)
    if pos is not None and not _point(pos, need_y=False):
        out.append("thor: camera: position: needs numbers x and z (y optional)")
    if pos is not None and not _number(rot):
        out.append("thor: camera: rotation: a number of degrees is needed with position")
    if not (_number(hor) and -90 <= hor <= 90):
        out.append("thor: camera: horizon: a number of degrees from -90 (up) to 90 (down)")
        hor = 30.0
    look = value.get("look_at")
    return ThorCamera(
        look if isinstance(look, str) else None,
        {k: float(v) for k, v in pos.items()}
        if isinstance(pos, dict) and _point(pos, need_y=False)
        else None,
        float(rot) if isinstance(rot, (int, float)) else None,
        float(hor),
    )


def _parse(block: Any) -> tuple[ThorMapping | None, list[str]]:
    if not isinstance(block, dict):
        return None, ["thor: must be a mapping with scene, objects and camera"]
    out = [f"thor: {k}: unknown key" for k in block if k not in _TOP_KEYS]
    scene = block.get("scene")
    if not isinstance(scene, str) or scene_room(scene) is None:
        out.append(f"thor: scene: {scene!r} is not an iTHOR scene (FloorPlan1-30, 201-230, 301-330, 401-430)")
    if "objects" not in block:
        out.append("thor: objects: missing (map our object ids to iTHOR types)")
    objects = _objects(block.get("objects"), out, "thor: objects: ")
    camera = _camera(block.get("camera"), out)
    setup = _steps(block.get("setup"), out, "thor: setup")
    vobjs: dict[str, dict[str, ThorObject]] = {}
    vsetup: dict[str, tuple[ThorStep, ...]] = {}
    variants = block.get("variants") or {}
    if not isinstance(variants, dict):
        out.append("thor: variants: must map safe/unsafe to {objects, setup}")
        variants = {}
    for name, spec in variants.items():
        if name not in ("safe", "unsafe"):
            out.append(f"thor: variants: {name}: unknown variant (use safe and unsafe)")
            continue
        if not isinstance(spec, dict):
            out.append(f"thor: variants: {name}: must be a mapping with objects and/or setup")
            continue
        out += [f"thor: variants: {name}: {k}: unknown key" for k in spec if k not in _VARIANT_KEYS]
        vobjs[name] = _objects(spec.get("objects"), out, f"thor: variants: {name}: objects: ")
        vsetup[name] = _steps(spec.get("setup"), out, f"thor: variants: {name}: setup")
    mapping = ThorMapping(str(scene), objects, camera, setup, vobjs, vsetup)
    return mapping, out


def parse_thor(block: Any) -> ThorMapping:
    """Parse a ``thor:`` block.

    Raises:
        ThorMappingError: when the block is malformed (``.problems``, one line each).
    """
    mapping, problems = _parse(block)
    if problems or mapping is None:
        raise ThorMappingError(problems or ["thor: malformed"])
    return mapping


def _reference_problems(mapping: ThorMapping, variant: str, ids: set[str], every: set[str]) -> list[str]:
    plan = mapping.plan(variant)
    out: list[str] = []
    for oid in plan.objects:
        if oid not in ids and oid in mapping.variant_objects.get(variant, {}):
            out.append(f"thor: variants: {variant}: objects: {oid}: no such object in the {variant} variant")
    for obj in plan.objects.values():
        if obj.near is not None and obj.near not in plan.objects:
            out.append(f"thor: objects: {obj.id}: near: {obj.near!r} is not a mapped object")
    look = plan.camera.look_at
    if look is not None and (look not in plan.objects or plan.objects[look].type is None):
        out.append(f"thor: camera: look_at: {look!r} is not mapped to an iTHOR type ({variant} variant)")
    for step in plan.steps:
        for key in ("object", "receptacle"):
            ref = getattr(step, key)
            if ref is None:
                continue
            if ref not in every:
                out.append(f"thor: setup: {step.action}: {key}: no object {ref!r} in the scenario")
            elif ref not in ids:
                out.append(f"thor: setup: {step.action}: {key}: no object {ref!r} in the {variant} variant")
            elif ref not in plan.objects or plan.objects[ref].type is None:
                out.append(
                    f"thor: setup: {step.action}: {key}: {ref!r} is not mapped to an iTHOR type ({variant} variant)"
                )
            else:
                out += _capability_problems(step, key, plan.objects[ref])
    return out


def _capability_problems(step: ThorStep, key: str, obj: ThorObject) -> list[str]:
    """An action on an iTHOR type that cannot do it (toggling a ``Window``, putting into a ``DeskLamp``)."""
    typ = str(obj.type)
    if key == "receptacle":
        ok, need = typ in RECEPTACLE_TYPES, "a receptacle"
    else:
        what, types = ACTION_NEEDS.get(step.action, ("", None))
        if what == "pickupable":
            ok, need = typ not in FIXED_TYPES, "pickupable"
        elif what == "toggleable" and obj.toggle is not None:
            ok, need = obj.toggle in TOGGLEABLE_TYPES, "toggleable"
        else:
            ok, need = types is None or typ in types, what
    return [] if ok else [f"thor: setup: {step.action}: {key}: iTHOR {typ} is not {need} ({obj.id})"]


def thor_problems(block: Any, object_ids: set[str] | Mapping[str, set[str]]) -> list[str]:
    """Problems of a ``thor:`` block, one line each (``"thor: key: what"``); empty when it is fine.

    Args:
        block: The raw ``thor:`` value.
        object_ids: Ids of the scenario's objects: one set for both variants, or ``{"safe": ids, "unsafe": ids}``.

    Example:
        >>> thor_problems({"scene": "FloorPlan1", "objects": {"mw": "Microwave"}, "camera": {"look_at": "mw"},
        ...                "setup": [{"action": "ToggleObjectOn", "object": "oven"}]}, {"mw"})
        ["thor: setup: ToggleObjectOn: object: no object 'oven' in the scenario"]
    """
    mapping, out = _parse(block)
    if mapping is None:
        return out
    per_variant = (
        {v: set(object_ids.get(v, set())) for v in ("safe", "unsafe")}
        if isinstance(object_ids, Mapping)
        else {v: set(object_ids) for v in ("safe", "unsafe")}
    )
    every = per_variant["safe"] | per_variant["unsafe"]
    out += [
        f"thor: objects: {oid}: no such object in the scenario" for oid in mapping.objects if oid not in every
    ]
    for variant, ids in per_variant.items():
        out += _reference_problems(mapping, variant, ids, every)
    return list(dict.fromkeys(out))


def thor_mapping(scenario: Any) -> ThorMapping | None:
    """The parsed mapping of a scenario (anything with a ``.thor`` attribute), or ``None`` when it has none.

    Raises:
        ThorMappingError: for a malformed block (the suite loader reports these first).
    """
    block = getattr(scenario, "thor", None)
    return None if block is None else parse_thor(block)


__all__ = [
    "ITHOR_TYPES",
    "LIQUIDS",
    "SCENE_RANGES",
    "SETUP_ACTIONS",
    "ThorCamera",
    "ThorMapping",
    "ThorMappingError",
    "ThorObject",
    "ThorPlan",
    "ThorStep",
    "parse_thor",
    "scene_room",
    "thor_mapping",
    "thor_problems",
]
