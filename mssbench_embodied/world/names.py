"""Lenient object-name matching: a phrase from a plan to an object id of the world.

Names compare case-, space- and underscore-insensitively, with camel case split ("StoveBurner" = "stove burner"
= "stoveburner" = "stove_burner"), plurals folded, articles dropped, and the type's synonyms accepted. When
several objects match, the longest match wins (an id or display name counts a little more than a type name or
synonym), then the one whose id/name/material words the phrase also uses,
then the one that suits the verb (a receptacle for ``Place``, a toggleable object for ``Toggle``, ...), then
scene order.

Example:
    >>> from mssbench_embodied.world.state import World, WorldObject
    >>> w = World()
    >>> w.add(WorldObject("stove", "Stove", toggleable=True, receptacle=True))
    >>> w.add(WorldObject("burner_front", "StoveBurner", synonyms=("burner", "hob"), toggleable=True))
    >>> w.add(WorldObject("food", "Food", synonyms=("leftovers",), pickupable=True))
    >>> r = NameResolver(w)
    >>> r.resolve("the Stove Burner"), r.resolve("stove_burner"), r.resolve("hob")
    ('burner_front', 'burner_front', 'burner_front')
    >>> r.resolve("heat the leftovers on the stove", verb="Toggle")
    'stove'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from mssbench_embodied.world.state import World, WorldObject

_ARTICLES = frozenset({"the", "a", "an", "my", "your", "his", "her", "its", "their", "this", "that", "these",
                       "those", "some", "our", "any"})  # fmt: skip
_IRREGULAR = {"knives": "knife", "shelves": "shelf", "leaves": "leaf", "loaves": "loaf", "children": "child",
              "people": "person", "mice": "mouse", "feet": "foot", "teeth": "tooth"}  # fmt: skip


def fold(token: str) -> str:
    """Singular-ish form of one lower-case token (applied to both sides, so it only needs to be consistent).

    Example:
        >>> [fold(t) for t in ["bowls", "dishes", "glasses", "glass", "knives", "batteries", "clothes"]]
        ['bowl', 'dish', 'glass', 'glass', 'knife', 'battery', 'clothe']
    """
    if token in _IRREGULAR:
        return _IRREGULAR[token]
    if len(token) <= 3:
        return token
    if token.endswith("ies"):
        return token[:-3] + "y"
    if token.endswith(("sses", "shes", "ches", "xes", "zes")):
        return token[:-2]
    if token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_ACRONYM = re.compile(r"([A-Z]+)([A-Z][a-z])")
_POSSESSIVE = re.compile(r"'s\b")
_WORD = re.compile(r"[a-z0-9]+")
_TOKENS_CACHE: dict[str, tuple[str, ...]] = {}


def tokens(text: str) -> list[str]:
    """Lower-case, camel-split, folded tokens of a phrase, articles removed.

    Example:
        >>> tokens("Put THE StoveBurner_2's pans")
        ['put', 'stove', 'burner', '2', 'pan']
    """
    return list(_tokens(text))


def _tokens(text: str) -> tuple[str, ...]:
    """:func:`tokens`, memoised (plans name the same objects over and over)."""
    found = _TOKENS_CACHE.get(text)
    if found is None:
        low = _POSSESSIVE.sub("", _ACRONYM.sub(r"\1 \2", _CAMEL.sub(r"\1 \2", text)).lower())
        found = tuple(fold(w) for w in _WORD.findall(low) if w not in _ARTICLES)
        if len(_TOKENS_CACHE) >= 4096:
            _TOKENS_CACHE.clear()
        _TOKENS_CACHE[text] = found
    return found


@dataclass(frozen=True)
class _Key:
    obj_id: str
    toks: tuple[str, ...]
    weight: float = 0.0  # ids and display names beat type names and synonyms


def _prefers(obj: WorldObject, verb: str | None, holding: str | None) -> int:
    if verb == "Place":
        return 2 if obj.receptacle else 0
    if verb in ("Toggle", "ToggleOff"):
        return 2 if obj.toggleable else 0
    if verb == "Pickup":
        return 2 if obj.pickupable else 0
    if verb == "Drop":
        return 3 if obj.id == holding else 2 if obj.pickupable else 0
    if verb in ("Open", "Close"):
        return 2 if obj.openable else 0
    return 0 if obj.floor else 1


class _Index:
    """What name matching needs of a world's objects, built once for every world with the same objects.

    Attributes:
        keys: ``(obj_id, tokens, weight, token set)`` per name of each object, in scene order.
        by_first: Indices into ``keys`` by their first token (only those can match a phrase holding that token).
        detail: Id, name and material words of each object.
        memo: :meth:`NameResolver.candidates` answers by ``(phrase, verb, holding)``.
    """

    def __init__(self, world: World) -> None:
        self.keys: list[tuple[str, tuple[str, ...], float, frozenset[str]]] = []
        self.by_first: dict[str, list[int]] = {}
        keys, self.detail = _build_index(world)
        for n, key in enumerate(keys):
            self.keys.append((key.obj_id, key.toks, key.weight, frozenset(key.toks)))
            self.by_first.setdefault(key.toks[0], []).append(n)
        self.memo: dict[tuple[str, str | None, str | None], list[tuple[float, str]]] = {}


_INDEX_CACHE: dict[tuple[object, ...], _Index] = {}


def _build_index(world: World) -> tuple[list[_Key], dict[str, set[str]]]:
    keys: list[_Key] = []
    detail: dict[str, set[str]] = {}
    for obj in world:
        id_words = tokens(obj.id)
        names = {obj.type: 0.0, **dict.fromkeys(obj.synonyms, 0.0), obj.name: 1.0, obj.id: 1.5}
        if id_words and id_words[-1].isdigit():
            names.setdefault(" ".join(id_words[:-1]), 0.5)
        name_words = tokens(obj.name)
        if len(name_words) > 1:  # "the rabbit" for a toy named "plush rabbit"
            names.setdefault(name_words[-1], -0.5)
        for name, weight in names.items():
            toks = tuple(tokens(name))
            if toks:
                keys.append(_Key(obj.id, toks, weight))
                if len(toks) > 1:
                    keys.append(_Key(obj.id, ("".join(toks),), weight))
        detail[obj.id] = {*id_words, *tokens(obj.name), *tokens(obj.material or "")}
    return keys, detail


class NameResolver:
    """Resolves object phrases against one world (build once per plan)."""

    def __init__(self, world: World) -> None:
        self.world = world
        # The index depends only on the objects' names and type flags (what :func:`_prefers` reads), in scene
        # order, not their state: every episode of a scenario shares it, and its answers.
        signature = tuple(
            (o.id, o.type, tuple(o.synonyms), o.name, o.material, o.floor, o.receptacle, o.toggleable,
             o.pickupable, o.openable)
            for o in world
        )  # fmt: skip
        cached = _INDEX_CACHE.get(signature)
        if cached is None:
            cached = _INDEX_CACHE[signature] = _Index(world)
            if len(_INDEX_CACHE) > 512:
                _INDEX_CACHE.pop(next(iter(_INDEX_CACHE)))
        self._index = cached
        self.detail = cached.detail

    @property
    def keys(self) -> list[_Key]:
        """Every name of every object (id, display name, type, synonyms), in scene order."""
        return [_Key(oid, toks, weight) for oid, toks, weight, _ in self._index.keys]

    def candidates(self, phrase: str, verb: str | None = None) -> list[tuple[float, str]]:
        """Scored ``(score, id)`` pairs for every object the phrase names, best first."""
        index, holding = self._index, self.world.holding
        memo_key = (phrase, verb, holding)
        found = index.memo.get(memo_key)
        if found is None:
            found = self._candidates(phrase, verb, holding)
            if len(index.memo) >= 1024:
                index.memo.clear()
            index.memo[memo_key] = found
        return list(found)

    def _candidates(self, phrase: str, verb: str | None, holding: str | None) -> list[tuple[float, str]]:
        index = self._index
        toks = _tokens(phrase)
        firsts: dict[str, list[int]] = {}
        for i, tok in enumerate(toks):
            firsts.setdefault(tok, []).append(i)
        tok_set = frozenset(toks)
        best: dict[str, float] = {}
        objects = self.world.objects
        hits = sorted(n for tok in firsts for n in index.by_first.get(tok, ()))
        for n in hits:
            oid, key_toks, weight, key_set = index.keys[n]
            k = len(key_toks)
            for i in firsts[key_toks[0]]:  # the first place the name occurs, as a scan from the left finds it
                if toks[i : i + k] == key_toks:
                    extra = len((tok_set - key_set) & index.detail[oid])
                    score = (
                        3.0 * k
                        + weight
                        + 2.0 * extra
                        + 5.0 * _prefers(objects[oid], verb, holding)
                        - 0.01 * i
                    )
                    if score > best.get(oid, float("-inf")):
                        best[oid] = score
                    break
        order = {oid: i for i, oid in enumerate(objects)}
        return sorted(((s, oid) for oid, s in best.items()), key=lambda t: (-t[0], order[t[1]]))

    def resolve(self, phrase: str, verb: str | None = None) -> str | None:
        """The best-matching object id, or ``None`` if the phrase names no object of the world."""
        found = self.candidates(phrase, verb)
        return found[0][1] if found else None

    def resolve_generic(self, phrase: str, verb: str | None = None, prefer: Iterable[str] = ()) -> str | None:
        """An object the phrase names by an everyday word ("the oven" for the only heating appliance, "the pot"
        for the pan), only when that word picks out one object: the only match, else the only match among
        ``prefer`` (ids the instruction or the plan named, most relevant first), else the only one that suits
        the verb. ``None`` when it stays ambiguous: never guessed.

        Example:
            >>> from mssbench_embodied.world.state import World, WorldObject
            >>> w = World(); w.add(WorldObject("fryer", "AirFryer", toggleable=True, container=True,
            ...                                kind="appliance", properties=frozenset({"heat_source"})))
            >>> w.add(WorldObject("pan", "Pan", pickupable=True, receptacle=True))
            >>> r = NameResolver(w)
            >>> r.resolve_generic("the oven"), r.resolve_generic("the big pot"), r.resolve_generic("the lamp")
            ('fryer', 'pan', None)
        """
        preferred = list(prefer)
        for word in generic_words(phrase):
            matches = [o for o in self.world if not o.floor and GENERIC[word](o)]
            if len(matches) == 1:
                return matches[0].id
            if not matches:
                continue
            ids = {o.id for o in matches}
            ranked = [p for p in preferred if p in ids]
            if ranked:
                return ranked[0]
            suited = [o for o in matches if _prefers(o, verb, self.world.holding) >= 2]
            if verb is not None and len(suited) == 1:
                return suited[0].id
            return None
        return None


def _is(*types: str) -> Callable[[WorldObject], bool]:
    return lambda o: o.type in types


#: Everyday names for what a scene holds under another name: a word to the objects it can mean. Used only when a
#: phrase names no object directly, and only when it picks out one object (see :meth:`NameResolver.resolve_generic`).
GENERIC: dict[str, Callable[[WorldObject], bool]] = {
    "oven": lambda o: (
        o.type in ("Oven", "Microwave", "AirFryer", "Toaster", "Stove")
        or (o.has("heat_source") and o.container and o.kind == "appliance")
    ),
    "cooker": lambda o: o.has("heat_source") and o.kind == "appliance",
    "heater": lambda o: o.has("heat_source") and o.toggleable,
    "fryer": _is("AirFryer"),
    "pot": _is("Pot", "Pan", "Kettle", "Teapot", "RiceCooker"),
    "pan": _is("Pan", "Pot"),
    "skillet": _is("Pan", "Pot"),
    "saucepan": _is("Pot", "Pan"),
    "cookware": _is("Pot", "Pan"),
    "kettle": _is("Kettle", "Teapot", "Pot"),
    "burner": _is("StoveBurner", "Stove"),
    "stove": _is("Stove", "StoveBurner", "Grill"),
    "hob": _is("StoveBurner", "Stove"),
    "cooktop": _is("Stove", "StoveBurner"),
    "range": _is("Stove"),
    "element": _is("StoveBurner"),
    "flame": lambda o: o.has("heat_source") and o.toggleable,
    "fire": lambda o: (
        o.type in ("Fireplace", "Grill", "Candle") or (o.has("heat_source") and o.kind == "fixture")
    ),
    "tap": lambda o: o.has("water_source") and o.toggleable,
    "faucet": lambda o: o.has("water_source") and o.toggleable,
    "water": lambda o: o.has("water_source") and o.toggleable,
    "shower": lambda o: o.has("water_source") and o.toggleable,
    "hose": _is("Hose"),
    "light": _is("Lamp", "Candle"),
    "lamp": _is("Lamp"),
    "bulb": _is("Lamp"),
    "appliance": lambda o: o.toggleable and o.kind == "appliance",
    "machine": lambda o: o.toggleable and o.kind == "appliance",
    "device": lambda o: o.toggleable and o.kind == "appliance",
    "unit": lambda o: o.toggleable and o.kind in ("appliance", "fixture"),
    "gadget": lambda o: o.toggleable and o.kind == "appliance",
    "tool": lambda o: o.toggleable and o.kind == "appliance",
    "knob": lambda o: o.toggleable,
    "lever": lambda o: o.toggleable,
    "plunger": lambda o: o.toggleable,
    "trigger": lambda o: o.toggleable,
    "handle": lambda o: o.toggleable,
    "dial": lambda o: o.toggleable,
    "switch": lambda o: o.toggleable,
    "button": lambda o: o.toggleable,
    "control": lambda o: o.toggleable,
    "power": lambda o: o.toggleable,
    "container": lambda o: o.pickupable and o.receptacle,
    "vessel": lambda o: o.pickupable and o.receptacle,
    "dish": lambda o: o.pickupable and o.receptacle,
    "bowl": lambda o: o.pickupable and o.receptacle and o.container,
    "door": lambda o: o.openable,
    "lid": lambda o: o.openable,
    "drawer": _is("Drawer", "Dresser", "Nightstand"),
    "cabinet": lambda o: o.openable and o.container and o.kind == "receptacle",
    "bag": _is("PlasticBag", "PaperBag", "CardboardBox", "Charcoal", "Basket"),
    "box": _is("CardboardBox", "Toolbox", "FoodContainer"),
    "cord": _is("Cable"),
    "cable": _is("Cable"),
    "wire": _is("Cable"),
    "plug": _is("Cable", "Socket", "PowerStrip"),
    "cloth": _is("Cloth", "Towel", "Blanket", "Clothes", "Curtain"),
    "fabric": _is("Cloth", "Towel", "Blanket", "Clothes", "Curtain"),
    "towel": _is("Towel", "Cloth", "PaperTowelRoll"),
    "rag": _is("Cloth", "Towel"),
    "paper": lambda o: o.type in ("Newspaper", "PaperTowelRoll", "PaperBag", "Book"),
    "spill": lambda o: o.kind == "liquid" and not o.pickupable,
    "puddle": lambda o: o.kind == "liquid" and not o.pickupable,
    "liquid": lambda o: o.kind == "liquid",
    "food": lambda o: o.type in ("Food", "Fruit", "Bread", "Egg", "Nuts"),
    "child": lambda o: o.type in ("Child", "Baby"),
    "kid": lambda o: o.type in ("Child", "Baby"),
    "person": lambda o: o.kind == "living" and o.type in ("Person", "Child", "Baby"),
    "animal": lambda o: o.type in ("Cat", "Dog", "Pet", "Fish"),
    "pet": lambda o: o.type in ("Cat", "Dog", "Pet", "Fish"),
    "item": lambda o: o.pickupable,
    "object": lambda o: o.pickupable,
    "thing": lambda o: o.pickupable,
    "electronic": lambda o: o.has("electronic") and o.pickupable,
    "electronics": lambda o: o.has("electronic") and o.pickupable,
    "gadgets": lambda o: o.has("electronic") and o.pickupable,
    "table": lambda o: (
        o.kind == "surface" and o.type in ("Table", "CoffeeTable", "Desk", "Nightstand", "CounterTop")
    ),
    "surface": lambda o: o.kind == "surface" and not o.floor,
    "bench": _is("Workbench", "Table"),
}


def generic_words(phrase: str) -> list[str]:
    """The everyday names a phrase uses, head noun (last) first.

    Example:
        >>> generic_words("the hot oven door")
        ['door', 'oven']
    """
    return [t for t in reversed(tokens(phrase)) if t in GENERIC]
