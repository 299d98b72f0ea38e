"""What a label says: the three label modes and object names with their hazard attributes taken out.

A benchmark image must carry its safety cue in the drawing, not in a word: a label that reads "metal bowl" lets a
model pass by reading. So the default mode, ``objects``, names the object only ("bowl"): materials (metal, glass,
plastic ...) and states (lit, hot, wet, full, frayed, open, on ...) are dropped from its display name. ``full``
keeps today's detailed labels for debugging, and ``none`` draws no labels at all (text written *on* an object, a
sign, is part of the picture and stays).

Example:
    >>> object_name("stainless-steel frying pan"), object_name("glass of water"), object_name("lit candle")
    ('frying pan', 'glass of water', 'candle')
    >>> object_name("egg in shell"), object_name("nearly empty wine bottle")
    ('egg', 'wine bottle')
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

#: The label modes, most hidden first.
LABEL_MODES: tuple[str, ...] = ("none", "objects", "full")
#: The default: objects are named, their hazard attributes are not.
DEFAULT_LABELS = "objects"

#: Material words (and their adjective forms) that a label never shows in ``objects`` mode.
MATERIAL_WORDS = frozenset(
    {"metal", "metallic", "steel", "stainless", "stainless-steel", "aluminium", "aluminum", "cast-iron", "iron",
     "tin", "copper", "chrome", "foil", "glass", "crystal", "ceramic", "porcelain", "stoneware", "earthenware",
     "plastic", "paper", "cardboard", "wood", "wooden", "cloth", "fabric", "wool", "woollen", "woolen", "cotton",
     "silk", "nylon", "polyester", "canvas", "leather", "cashmere", "rubber", "styrofoam", "silicone", "marble",
     "stone", "concrete", "tile", "tiled", "carpet", "carpeted", "laminate", "granite", "wicker", "bamboo"}
)  # fmt: skip
#: State words (hazard states and other conditions) that a label never shows in ``objects`` mode ("on" and "off"
#: are prepositions in names, "dress on a hanger"; "switched-on" is caught as a hyphenated word).
STATE_WORDS = frozenset(
    {"lit", "unlit", "burning", "smouldering", "hot", "warm", "cold", "boiling", "steaming", "heated", "wet",
     "damp", "soaked", "soggy", "dry", "full", "filled", "empty", "half-empty", "half-full", "overflowing", "open",
     "opened", "closed", "shut", "switched-on", "running", "plugged", "unplugged", "plugged-in", "broken",
     "cracked", "chipped", "shattered", "frayed", "damaged", "worn", "exposed", "swollen", "bulging", "burst",
     "leaking", "leaky", "spilled", "spilt", "whisked", "raw", "frozen", "sleeping", "asleep", "awake",
     "crumpled", "loose", "muddy", "dirty", "clean", "greasy", "oily", "live", "charged", "charging", "switched"}
)  # fmt: skip
#: Words dropped together with an attribute word that follows them ("nearly empty", "cast iron").
_DEGREE = frozenset({"nearly", "almost", "half", "very", "still", "freshly", "cast", "partly", "brand"})
#: Object names that merely contain an attribute word ("hot tap" is the hot-water tap, not a hot one).
PROTECTED = (
    "paper towel", "wood finish", "rubber duck", "hot tap", "hot water", "glass cleaner", "steam iron",
    "tin opener", "sleeping pills", "sleeping bag", "ironing board", "dry pasta", "toilet paper", "wrapping paper", "cold tap",
)  # fmt: skip
#: Trailing phrases that describe a state or what an object shows rather than the object.
_TAIL = re.compile(r"\s+(?:showing|displaying|reading)\s.*$|\s+in\s+(?:its\s+|the\s+)?shell$", re.IGNORECASE)


def _tokens(name: str) -> list[str]:
    return [t for t in re.split(r"\s+", name.strip()) if t]


def _is_attribute(word: str) -> bool:
    key = word.lower().strip(",.;")
    if key in MATERIAL_WORDS or key in STATE_WORDS:
        return True
    parts = key.split("-")
    return len(parts) > 1 and any(p in MATERIAL_WORDS or p in STATE_WORDS for p in parts)


@lru_cache(maxsize=4096)
def object_name(name: str) -> str:
    """``name`` without material and state words: what the object *is*, not what makes it risky.

    Memoised (a pure function of the text): every frame labels its objects, ~1,100 labels a household run, and
    each runs a regex per protected phrase.

    The head noun is kept even when it is a material word ("water glass", "glass of lemonade", "parchment
    paper"); phrases listed in :data:`PROTECTED` are names in their own right ("hot tap", "paper towel roll").

    Example:
        >>> object_name("long metal spoon"), object_name("water glass"), object_name("hot tap")
        ('long spoon', 'water glass', 'hot tap')
        >>> object_name("baby monitor showing a sleeping baby"), object_name("wet canvas trainers")
        ('baby monitor', 'trainers')
    """
    text = _TAIL.sub("", name.strip())
    if ":" in text:  # written words ("sign: keep out") are what the object shows
        return text
    words = _tokens(text)
    lowered = " ".join(words).lower()
    keep: set[int] = set()
    for phrase in PROTECTED:
        for match in re.finditer(rf"\b{re.escape(phrase)}\b", lowered):
            start = len(lowered[: match.start()].split())
            keep.update(range(start, start + len(phrase.split())))
    drop = [False] * len(words)
    for i, word in enumerate(words):
        nxt = words[i + 1].lower() if i + 1 < len(words) else None
        head = nxt is None or nxt in ("of", "with", "for", "on", "in", "from", "and")
        drop[i] = i not in keep and not head and _is_attribute(word)
    for i in range(len(words) - 2, -1, -1):  # "nearly empty", "cast iron": the degree goes with its word
        if drop[i + 1] and words[i].lower() in _DEGREE and i not in keep:
            drop[i] = True
    cleaned = [w for w, d in zip(words, drop, strict=True) if not d]
    return " ".join(cleaned) if cleaned else (words[-1] if words else name)


def object_label(obj: Any) -> str:
    """The ``objects``-mode label of a world object: its display name (else its type in words) without
    hazard attributes.

    Example:
        >>> from types import SimpleNamespace as NS
        >>> object_label(NS(name="cast-iron skillet", type="Pan", material="metal"))
        'skillet'
    """
    name = str(getattr(obj, "name", "") or "") or re.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(obj.type)).lower()
    return object_name(name)


def check_labels(mode: str) -> str:
    """``mode`` if it is a label mode, else ``ValueError`` naming the choices.

    Example:
        >>> check_labels("none")
        'none'
    """
    if mode not in LABEL_MODES:
        raise ValueError(f"labels must be one of {', '.join(LABEL_MODES)}, got {mode!r}")
    return mode
