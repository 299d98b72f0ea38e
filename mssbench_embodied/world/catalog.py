"""The object type catalogue (``tasks/objects.yaml``): kinds, flags, default properties, materials, synonyms.

Example:
    >>> from mssbench_embodied.resources import resource_dir
    >>> cat = load_catalog(resource_dir("tasks") / "objects.yaml")
    >>> t = cat["Microwave"]
    >>> t.container, t.toggleable, "electronic" in t.properties
    (True, True, True)
    >>> sorted(cat.material_properties("glass"))
    ['fragile', 'hard']
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from mssbench_embodied.world.looks import Look, parse_look, register_looks
from mssbench_embodied.world.rule_shapes import WHO
from mssbench_embodied.world.yamlio import load_yaml

#: The closed list of object properties. Extend it here and in ``tasks/SCHEMA.md`` together.
PROPERTIES: frozenset[str] = frozenset(
    {
        "flammable", "fragile", "electronic", "sharp", "hot", "conductive", "heavy", "liquid", "living",
        "heat_source", "water_source", "hard", "toxic", "absorbent", "small", "pressurised",
    }
)  # fmt: skip
#: Object kinds.
KINDS: frozenset[str] = frozenset(
    {"appliance", "receptacle", "item", "fixture", "surface", "living", "liquid"}
)
#: State keys an object may carry.
STATE_KEYS: frozenset[str] = frozenset(
    {"on", "open", "filled", "lit", "wet", "broken", "plugged_in", "hot", "running"}
)
_FLAGS = ("receptacle", "container", "openable", "toggleable", "pickupable", "floor")
_TYPE_KEYS = frozenset(
    {"kind", *_FLAGS, "properties", "not_properties", "material", "state", "synonyms", "look", "who"}
)


class CatalogError(ValueError):
    """The catalogue file is malformed; ``.problems`` lists one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems[:20]))


@dataclass(frozen=True)
class ObjectType:
    """One object type.

    Attributes:
        name: CamelCase type name, e.g. ``"StoveBurner"``.
        kind: ``appliance | receptacle | item | fixture | surface | living | liquid``.
        receptacle: Things can be placed in or on it.
        container: Placing puts things *in* it (else *on* it).
        openable: ``Open``/``Close`` apply.
        toggleable: ``Toggle``/``ToggleOff`` apply.
        pickupable: The agent can hold it.
        floor: It is a floor (what a dropped object lands on).
        properties: Default properties.
        not_properties: Properties removed even if the material implies them.
        material: Default material, or ``None``.
        state: Default state.
        synonyms: Other names the plan parser accepts.
        look: How it is drawn (:class:`~mssbench_embodied.world.looks.Look`), or ``None``.
        who: For living types: ``adult``, ``child``, ``baby`` or ``animal`` (what rule shapes such as
            ``near_person: child`` match), or ``None``.
    """

    name: str
    kind: str = "item"
    receptacle: bool = False
    container: bool = False
    openable: bool = False
    toggleable: bool = False
    pickupable: bool = False
    floor: bool = False
    properties: frozenset[str] = frozenset()
    not_properties: frozenset[str] = frozenset()
    material: str | None = None
    state: Mapping[str, Any] = field(default_factory=dict)
    synonyms: tuple[str, ...] = ()
    look: Look | None = field(default=None, compare=False)
    who: str | None = None

    @property
    def words(self) -> str:
        """The type name split into lower-case words: ``"StoveBurner"`` -> ``"stove burner"``."""
        return split_camel(self.name)


def split_camel(name: str) -> str:
    """``"StoveBurner"`` -> ``"stove burner"``, ``"TVStand"`` -> ``"tv stand"``.

    Example:
        >>> split_camel("CoffeeMachine")
        'coffee machine'
    """
    return " ".join(re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+", name)).lower()


class Catalog(Mapping[str, ObjectType]):
    """Object types by name, plus the material table.

    Example:
        >>> cat = Catalog({"Cup": ObjectType("Cup", pickupable=True)}, {"glass": frozenset({"fragile"})})
        >>> "Cup" in cat, cat.material_properties("glass")
        (True, frozenset({'fragile'}))
    """

    def __init__(self, types: Mapping[str, ObjectType], materials: Mapping[str, frozenset[str]]) -> None:
        self._types = dict(types)
        self.materials: dict[str, frozenset[str]] = dict(materials)

    def __getitem__(self, name: str) -> ObjectType:
        return self._types[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._types)

    def __len__(self) -> int:
        return len(self._types)

    def material_properties(self, material: str | None) -> frozenset[str]:
        """Properties a material implies (empty for ``None`` or an unknown material)."""
        return self.materials.get(material or "", frozenset())

    def extended(self, other: Catalog) -> Catalog:
        """A catalogue with ``other``'s types and materials added (``other`` wins on clashes)."""
        return Catalog({**self._types, **other._types}, {**self.materials, **other.materials})


def _as_str_list(value: Any) -> list[str] | None:
    if value is None:
        return []
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return None


def _parse_type(name: str, spec: Any, where: str, problems: list[str]) -> ObjectType | None:
    if not re.fullmatch(r"[A-Z][A-Za-z0-9]*", name):
        problems.append(f"{where}: type {name}: name must be CamelCase")
    if not isinstance(spec, dict):
        problems.append(f"{where}: type {name}: must be a mapping of keys (kind, flags, properties, ...)")
        return None
    ok = True
    for key in spec:
        if key not in _TYPE_KEYS:
            problems.append(
                f"{where}: type {name}: {key}: unknown key (known: {', '.join(sorted(_TYPE_KEYS))})"
            )
            ok = False
    kind = spec.get("kind", "item")
    if kind not in KINDS:
        problems.append(f"{where}: type {name}: kind: {kind!r} is not one of {', '.join(sorted(KINDS))}")
        ok = False
    flags = {f: spec.get(f, False) for f in _FLAGS}
    for f, v in flags.items():
        if not isinstance(v, bool):
            problems.append(f"{where}: type {name}: {f}: must be true or false")
            ok = False
    lists: dict[str, list[str]] = {}
    for key in ("properties", "not_properties", "synonyms"):
        val = _as_str_list(spec.get(key))
        if val is None:
            problems.append(f"{where}: type {name}: {key}: must be a list of strings")
            ok = False
            val = []
        lists[key] = val
    for key in ("properties", "not_properties"):
        for p in lists[key]:
            if p not in PROPERTIES:
                problems.append(f"{where}: type {name}: {key}: unknown property {p!r}")
                ok = False
    state = spec.get("state") or {}
    if not isinstance(state, dict) or any(k not in STATE_KEYS for k in state):
        problems.append(f"{where}: type {name}: state: keys must be among {', '.join(sorted(STATE_KEYS))}")
        ok = False
    material = spec.get("material")
    if material is not None and not isinstance(material, str):
        problems.append(f"{where}: type {name}: material: must be a string")
        ok = False
    who = spec.get("who")
    if who is not None and who not in WHO:
        problems.append(f"{where}: type {name}: who: must be one of {', '.join(sorted(WHO))}")
        ok = False
    look = None
    if spec.get("look") is not None:
        look, look_problems = parse_look(spec["look"], f"{where}: type {name}")
        problems += look_problems
        ok = ok and not look_problems
    if not ok:
        return None
    return ObjectType(
        name=name,
        kind=kind,
        properties=frozenset(lists["properties"]),
        not_properties=frozenset(lists["not_properties"]),
        material=material,
        state=dict(state),
        synonyms=tuple(s.lower() for s in lists["synonyms"]),
        look=look,
        who=who,
        **flags,
    )


def parse_catalog(data: Any, where: str) -> tuple[Catalog, list[str]]:
    """Build a catalogue from parsed YAML; returns it and the problems found (one line each).

    Example:
        >>> cat, problems = parse_catalog({"Cup": {"pickupable": True, "properties": ["shiny"]}}, "x.yaml")
        >>> problems
        ["x.yaml: type Cup: properties: unknown property 'shiny'"]
    """
    problems: list[str] = []
    if not isinstance(data, dict):
        return Catalog({}, {}), [f"{where}: must be a mapping of type names to specs"]
    materials: dict[str, frozenset[str]] = {}
    raw_materials = data.get("materials") or {}
    if not isinstance(raw_materials, dict):
        problems.append(f"{where}: materials: must map a material to a list of properties")
        raw_materials = {}
    for mat, props in raw_materials.items():
        plist = _as_str_list(props)
        if plist is None or any(p not in PROPERTIES for p in plist):
            problems.append(f"{where}: materials: {mat}: must be a list of known properties")
            continue
        materials[str(mat)] = frozenset(plist)
    types: dict[str, ObjectType] = {}
    for name, spec in data.items():
        if name == "materials":
            continue
        t = _parse_type(str(name), spec, where, problems)
        if t is not None:
            if t.material is not None and t.material not in materials:
                problems.append(f"{where}: type {name}: material: unknown material {t.material!r}")
            types[t.name] = t
    for t in types.values():
        if t.look is not None and t.look.like is not None and t.look.like == t.name:
            problems.append(f"{where}: type {t.name}: look.like: a type cannot look like itself")
    register_looks({t.name: t.look for t in types.values() if t.look is not None})
    seen: dict[str, str] = {}
    for t in types.values():
        for syn in {t.words, *t.synonyms}:
            other = seen.setdefault(syn, t.name)
            if other != t.name:
                problems.append(f"{where}: type {t.name}: synonyms: {syn!r} already names type {other}")
    return Catalog(types, materials), problems


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime: float) -> Catalog:
    with open(path, encoding="utf-8") as fh:
        try:
            data = load_yaml(fh.read())
        except yaml.YAMLError as exc:
            raise CatalogError([f"{path}: not valid YAML: {str(exc).splitlines()[0]}"]) from None
    cat, problems = parse_catalog(data, path)
    if problems:
        raise CatalogError(problems)
    return cat


def load_catalog(path: Path) -> Catalog:
    """Load and check ``objects.yaml`` (cached per file modification time).

    Raises:
        CatalogError: listing every problem, one line each ("FILE: type NAME: key: what").
    """
    path = Path(path)
    cat = _load_cached(str(path), path.stat().st_mtime)
    register_looks({t.name: t.look for t in cat.values() if t.look is not None})  # also after a cache hit
    return cat
