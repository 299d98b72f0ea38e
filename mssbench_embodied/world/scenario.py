"""Household scenarios: one YAML file each (``tasks/SCHEMA.md``), and the world of each variant.

Example:
    >>> from mssbench_embodied.resources import resource_dir
    >>> from mssbench_embodied.world.catalog import load_catalog
    >>> tasks = resource_dir("tasks")
    >>> cat = load_catalog(tasks / "objects.yaml")
    >>> scn, problems = load_scenario(tasks / "household/embodied/microwave_foil_takeout.yaml", cat)
    >>> problems, scn.hazard
    ([], 'fire')
    >>> build_world(scn, "unsafe", cat)["takeout"].material
    'aluminium'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from mssbench_embodied.world.catalog import PROPERTIES, STATE_KEYS, Catalog
from mssbench_embodied.world.goals import predicate_problems
from mssbench_embodied.world.scenario_shape import shape_problems
from mssbench_embodied.world.state import Relation, World, WorldObject
from mssbench_embodied.world.yamlio import read_yaml, yaml_error_line

EMBODIED_CATEGORIES = frozenset({"self_harm", "personal_property"})
CHAT_CATEGORIES = frozenset(
    {
        "self-harm", "other-harm", "public property", "personal property", "cultural belief violations",
        "disruptive behaviors", "religious belief infringements", "human-restricting", "property-restricting",
        "organism-restricting",
    }
)  # fmt: skip
ROOMS = frozenset(
    {"kitchen", "bathroom", "living_room", "bedroom", "nursery", "dining_room", "hallway", "laundry", "garage", "garden",
     "balcony", "office"}
)  # fmt: skip
_TOP_KEYS = frozenset(
    {
        "id", "task", "category", "hazard", "room", "instructions", "queries", "intent", "scene", "variants", "goal",
        "reference_steps", "thor", "expect_rule", "notes", "tags", "events",
    }
)  # fmt: skip
_OBJ_KEYS = frozenset(
    {"id", "type", "name", "material", "properties", "not_properties", "state", "on", "in", "near"}
)
_VARIANT_KEYS = frozenset({"caption", "objects", "remove", "agent"})
_ID_RE = re.compile(r"[a-z][a-z0-9_]*")


class ScenarioError(ValueError):
    """Scenario files are malformed; ``.problems`` lists one line per problem ("FILE: scenario ID: key: what")."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(
            "\n".join(problems[:20]) + (f"\n... and {len(problems) - 20} more" if len(problems) > 20 else "")
        )


@dataclass(frozen=True)
class Scenario:
    """One household scenario (see ``tasks/SCHEMA.md``).

    Attributes:
        id: Unique snake_case id (the case id of its episodes).
        task: ``"embodied"`` or ``"chat"``.
        category: Embodied: ``self_harm``/``personal_property``; chat: a protocol chat category.
        hazard: Hazard type of the unsafe variant (``"fire"``).
        room: Room name.
        instructions: Embodied instruction paraphrases (identical for both variants).
        queries: Chat queries.
        intent: Chat intent (IC settings).
        goal: Goal predicates (embodied).
        reference_steps: Steps doing the task while ignoring any hazard (embodied).
        captions: Ground-truth caption per variant.
        thor: Optional AI2-THOR mapping.
        expect_rule: Rule id the unsafe reference steps must fire, if given.
        scene: The raw shared scene (``objects``, ``agent``).
        variants: The raw variant specs.
        path: File it came from.
        events: World events during the task (:class:`~mssbench_embodied.world.events.WorldEvent`), if any.
    """

    id: str
    task: str
    category: str
    hazard: str
    room: str
    instructions: tuple[str, ...] = ()
    queries: tuple[str, ...] = ()
    intent: str = ""
    goal: tuple[dict[str, Any], ...] = ()
    reference_steps: tuple[str, ...] = ()
    captions: dict[str, str] = field(default_factory=dict)
    thor: dict[str, Any] | None = None
    expect_rule: str | None = None
    scene: dict[str, Any] = field(default_factory=dict, repr=False)
    variants: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)
    path: Path | None = None
    events: tuple[Any, ...] = ()


def _str_list(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(v.strip() for v in value)
    return None


def merged_objects(scn: Scenario, variant: str) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The object specs and agent spec of one variant: scene + overrides by id, minus ``remove`` (and what was
    on/in a removed object). An override naming ``on`` or ``in`` replaces the scene's placement."""
    objs: dict[str, dict[str, Any]] = {}
    for spec in scn.scene.get("objects") or []:
        if isinstance(spec, dict) and isinstance(spec.get("id"), str):
            objs[spec["id"]] = dict(spec)
    vspec = scn.variants.get(variant) or {}
    for spec in vspec.get("objects") or []:
        if not (isinstance(spec, dict) and isinstance(spec.get("id"), str)):
            continue
        base = objs.get(spec["id"])
        if base is None:
            objs[spec["id"]] = dict(spec)
            continue
        if "on" in spec or "in" in spec:
            base.pop("on", None)
            base.pop("in", None)
        for key, val in spec.items():
            if key == "state" and isinstance(val, dict) and isinstance(base.get("state"), dict):
                base["state"] = {**base["state"], **val}
            else:
                base[key] = val
    removed = {r for r in (vspec.get("remove") or []) if isinstance(r, str)}
    children: dict[str, list[str]] = {}
    for oid, spec in objs.items():
        for rel in ("on", "in"):
            if isinstance(spec.get(rel), str):
                children.setdefault(spec[rel], []).append(oid)
    todo = list(removed)
    while todo:  # what stood on or in a removed object goes too (each object visited once)
        for child in children.get(todo.pop(), ()):
            if child not in removed:
                removed.add(child)
                todo.append(child)
    agent = {**(scn.scene.get("agent") or {}), **(vspec.get("agent") or {})}
    return [s for oid, s in objs.items() if oid not in removed], agent


def _make_object(spec: dict[str, Any], cat: Catalog) -> WorldObject:
    t = cat[spec["type"]]
    material = spec.get("material", t.material)
    props = (set(t.properties) | cat.material_properties(material)) - t.not_properties
    props = (props | set(spec.get("properties") or [])) - set(spec.get("not_properties") or [])
    state: dict[str, Any] = {}
    if t.openable:
        state["open"] = False
    if t.toggleable:
        state["on"] = False
    state.update(t.state)
    state.update(spec.get("state") or {})
    relation: Relation | None = "in" if "in" in spec else "on" if "on" in spec else None
    return WorldObject(
        id=spec["id"], type=t.name, name=spec.get("name") or t.words, material=material,
        properties=frozenset(props), state=state, parent=spec.get(relation) if relation else None,
        relation=relation, kind=t.kind, synonyms=t.synonyms, receptacle=t.receptacle, container=t.container, openable=t.openable,
        toggleable=t.toggleable, pickupable=t.pickupable, floor=t.floor,
    )  # fmt: skip


def build_world(scn: Scenario, variant: str, cat: Catalog) -> World:
    """A fresh world for one variant of a scenario (call :func:`scenario_problems` first for bad input).

    Objects without a placement stand on the first floor (a ``floor`` of type ``Floor`` is added if the scene
    has none); the held object has no placement.
    """
    specs, agent = merged_objects(scn, variant)
    world = World(room=scn.room)
    for spec in specs:
        world.add(_make_object(spec, cat))
    floors = sorted(world.floors(), key=lambda o: o.type != "Floor")
    if not floors and "Floor" in cat:
        world.objects = {"floor": _make_object({"id": "floor", "type": "Floor"}, cat), **world.objects}
        floors = world.floors()
    holding = agent.get("holding")
    for obj in world:
        if obj.id == holding:
            obj.parent, obj.relation = None, None
        elif obj.parent is None and not obj.floor and floors:
            obj.parent, obj.relation = floors[0].id, "on"
    for spec in specs:
        for other in spec.get("near") or []:
            if other in world:
                world.add_near(spec["id"], other)
    world.holding = holding
    world.agent_at = agent.get("at")
    return world


def _object_problems(spec: Any, cat: Catalog) -> list[str]:
    if not isinstance(spec, dict):
        return ["objects: each object must be a mapping with id and type"]
    oid = spec.get("id")
    out = [f"objects: {oid}: {k}: unknown key" for k in spec if k not in _OBJ_KEYS]
    if not isinstance(oid, str) or not _ID_RE.fullmatch(oid):
        out.append(f"objects: {oid!r}: id: must be snake_case")
    if spec.get("type") not in cat:
        out.append(f"objects: {oid}: type: unknown object type {spec.get('type')!r}")
    if "on" in spec and "in" in spec:
        out.append(f"objects: {oid}: on/in: at most one placement")
    mat = spec.get("material")
    if mat is not None and mat not in cat.materials:
        out.append(f"objects: {oid}: material: unknown material {mat!r}")
    for key in ("properties", "not_properties"):
        for p in spec.get(key) or []:
            if p not in PROPERTIES:
                out.append(f"objects: {oid}: {key}: unknown property {p!r}")
    state = spec.get("state") or {}
    if not isinstance(state, dict):
        out.append(f"objects: {oid}: state: must be a mapping")
    else:
        out += [f"objects: {oid}: state: unknown state key {k!r}" for k in state if k not in STATE_KEYS]
    if not isinstance(spec.get("near") or [], list):
        out.append(f"objects: {oid}: near: must be a list of ids")
    return out


def _cycle_problems(parent: dict[str, str]) -> list[str]:
    """One problem per placement cycle, in time linear in the number of objects (each is walked once)."""
    out: list[str] = []
    done: dict[str, bool] = {}  # False while on the walk in progress, True once finished
    for start in parent:
        walk: list[str] = []
        cur = start
        while cur in parent and cur not in done:
            done[cur] = False
            walk.append(cur)
            cur = parent[cur]
        if done.get(cur) is False:  # the walk came back onto itself
            out.append(f"{start}: on/in: placement cycle through {cur!r}")
        for oid in walk:
            done[oid] = True
    return out


def _variant_problems(scn: Scenario, variant: str, cat: Catalog) -> list[str]:
    out: list[str] = []
    vspec = scn.variants.get(variant)
    if not isinstance(vspec, dict):
        return [f"variants: {variant}: missing variant"]
    out += [f"variants: {variant}: {k}: unknown key" for k in vspec if k not in _VARIANT_KEYS]
    if not isinstance(vspec.get("caption"), str) or not vspec["caption"].strip():
        out.append(f"variants: {variant}: caption: missing caption")
    scene_ids = {s.get("id") for s in scn.scene.get("objects") or [] if isinstance(s, dict)}
    for spec in vspec.get("objects") or []:
        if isinstance(spec, dict) and spec.get("id") not in scene_ids:
            out += [f"variants: {variant}: {p}" for p in _object_problems(spec, cat)]
        elif isinstance(spec, dict):
            full = {"type": "Floor", **spec} if "type" not in spec else spec
            out += [f"variants: {variant}: {p}" for p in _object_problems(full, cat) if ": type:" not in p]
    for r in vspec.get("remove") or []:
        if r not in scene_ids:
            out.append(f"variants: {variant}: remove: unknown object {r!r}")
    specs, agent = merged_objects(scn, variant)
    ids = {s["id"] for s in specs}
    parent: dict[str, str] = {}
    for s in specs:
        for rel in ("on", "in"):
            if rel in s:
                if s[rel] not in ids:
                    out.append(f"variants: {variant}: {s['id']}: {rel}: dangling relation to {s[rel]!r}")
                else:
                    parent[s["id"]] = s[rel]
        for n in s.get("near") or []:
            if n not in ids:
                out.append(f"variants: {variant}: {s['id']}: near: dangling relation to {n!r}")
    out += [f"variants: {variant}: {p}" for p in _cycle_problems(parent)]
    for key in ("at", "holding"):
        if agent.get(key) is not None and agent[key] not in ids:
            out.append(f"variants: {variant}: agent: {key}: unknown object {agent[key]!r}")
    held = next((s for s in specs if s["id"] == agent.get("holding")), None)
    if held is not None and held.get("type") in cat and not cat[held["type"]].pickupable:
        out.append(f"variants: {variant}: agent: holding: {held['id']!r} is not pickupable")
    if scn.task == "embodied":
        for pred in scn.goal:
            out += [f"goal: {p} ({variant} variant)" for p in predicate_problems(pred, ids)]
    return out


def scenario_problems(scn: Scenario, cat: Catalog) -> list[str]:
    """Structural problems of a scenario ("key: what"), without the file/scenario prefix."""
    out: list[str] = []
    if scn.task == "embodied":
        if scn.category not in EMBODIED_CATEGORIES:
            out.append(f"category: {scn.category!r} is not one of {', '.join(sorted(EMBODIED_CATEGORIES))}")
        if len(scn.instructions) < 3:
            out.append(f"instructions: need >= 3 paraphrases, got {len(scn.instructions)}")
        if not scn.goal:
            out.append("goal: missing goal")
        if not scn.reference_steps:
            out.append("reference_steps: missing reference steps")
    else:
        if scn.category not in CHAT_CATEGORIES:
            out.append(f"category: {scn.category!r} is not a protocol chat category")
        if len(scn.queries) < 2:
            out.append(f"queries: need >= 2 queries, got {len(scn.queries)}")
        if not scn.intent:
            out.append("intent: missing intent")
    if scn.room not in ROOMS:
        out.append(f"room: {scn.room!r} is not one of {', '.join(sorted(ROOMS))}")
    if not scn.hazard:
        out.append("hazard: missing hazard")
    objects = scn.scene.get("objects")
    if not isinstance(objects, list) or not objects:
        return [*out, "scene: objects: missing object list"]
    seen: set[Any] = set()
    for spec in objects:
        out += [f"scene: {p}" for p in _object_problems(spec, cat)]
        if isinstance(spec, dict) and spec.get("id") in seen:
            out.append(f"scene: objects: {spec['id']}: id: same id twice")
        if isinstance(spec, dict):
            seen.add(spec.get("id"))
    for variant in ("safe", "unsafe"):
        out += _variant_problems(scn, variant, cat)
    out += [
        f"variants: {v}: unknown variant (use safe and unsafe)"
        for v in scn.variants
        if v not in ("safe", "unsafe")
    ]
    if scn.events:
        from mssbench_embodied.world.events import event_problems

        ids = {v: {str(s["id"]) for s in merged_objects(scn, v)[0]} for v in ("safe", "unsafe")}
        out += event_problems(scn.events, ids, cat)
    if scn.thor is not None:
        from mssbench_embodied.world.thor_spec import thor_problems

        ids = {v: {s["id"] for s in merged_objects(scn, v)[0]} for v in ("safe", "unsafe")}
        out += thor_problems(scn.thor, ids)
    return list(dict.fromkeys(out))


def parse_scenario(data: Any, path: Path) -> tuple[Scenario | None, list[str]]:
    """A :class:`Scenario` from parsed YAML, plus top-level problems ("key: what")."""
    if not isinstance(data, dict):
        return None, ["file: must be a mapping"]
    out = [f"{k}: unknown key" for k in data if k not in _TOP_KEYS]
    for key in ("id", "task", "category", "hazard", "room", "scene", "variants"):
        if key not in data:
            out.append(f"{key}: missing key")
    shape = shape_problems(data)
    if shape:  # values of the wrong kind: report them and check nothing that would use them
        return None, [*out, *shape]
    task = data.get("task")
    if task not in ("embodied", "chat"):
        out.append(f"task: {task!r} is not embodied or chat")
        return None, out
    sid = str(data.get("id", path.stem))
    if not _ID_RE.fullmatch(sid):
        out.append("id: must be snake_case")
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("instructions", "queries", "reference_steps"):
        val = _str_list(data.get(key, []))
        if val is None:
            out.append(f"{key}: must be a list of non-empty strings")
        lists[key] = val or ()
    goal = data.get("goal") or []
    if not isinstance(goal, list):
        out.append("goal: must be a list of predicates")
        goal = []
    scene: dict[str, Any] = data["scene"] if isinstance(data.get("scene"), dict) else {}
    variants: dict[str, Any] = data["variants"] if isinstance(data.get("variants"), dict) else {}
    if "scene" in data and not scene:
        out.append("scene: must be a mapping with objects")
    if "variants" in data and not variants:
        out.append("variants: must map safe and unsafe to their specs")
    captions = {v: str(s.get("caption", "")) for v, s in variants.items() if isinstance(s, dict)}
    from mssbench_embodied.world.events import parse_events

    events, event_problems = parse_events(data.get("events"))
    out += event_problems
    scn = Scenario(
        id=sid, task=task, category=str(data.get("category", "")), hazard=str(data.get("hazard", "")),
        room=str(data.get("room", "")), instructions=lists["instructions"], queries=lists["queries"],
        intent=str(data.get("intent") or ""), goal=tuple(goal), reference_steps=lists["reference_steps"],
        captions=captions, thor=data.get("thor"), expect_rule=data.get("expect_rule"), scene=scene,
        variants=variants, path=path, events=events,
    )  # fmt: skip
    return scn, out


def load_scenario(path: Path, cat: Catalog) -> tuple[Scenario | None, list[str]]:
    """Read and structurally check one scenario file; problems are full lines ("FILE: scenario ID: key: what")."""
    path = Path(path)
    try:
        data = read_yaml(path)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        return None, [f"{path}: scenario {path.stem}: file: cannot read: {yaml_error_line(exc)}"]
    scn, problems = parse_scenario(data, path)
    sid = scn.id if scn is not None else (data.get("id") if isinstance(data, dict) else None) or path.stem
    if scn is not None:
        problems += scenario_problems(scn, cat)
        if scn.id != path.stem:
            problems.append(f"id: file name must be {scn.id}.yaml")
    return scn, [f"{path}: scenario {sid}: {p}" for p in problems]
