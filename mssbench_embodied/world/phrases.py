"""The verb lexicon: a clause that starts with a verb to an :class:`Intent` (a verb and the object phrases it
names), before any name is resolved against a world.

Canonical steps ("Toggle(Stove)", "Place: Microwave") and everyday English ("switch on the hob", "head to the
sink", "put it in the microwave", "set it down", "fire up the grill", "open the tap", "move the towel away from
the stove", "drop it next to the door", "wipe up the spill") are both read. Only the *start* of a clause is
matched, so "the open window" never opens anything.

Example:
    >>> read_intents("turn the hob off")
    [Intent(verb='ToggleOff', obj='the hob', dest=None, relation=None)]
    >>> read_intents("drop it next to the front door")
    [Intent(verb='Drop', obj='it', dest='the front door', relation='beside')]
    >>> read_intents("move the towel away from the stove")
    [Intent(verb='Remove', obj='the towel', dest='the stove', relation='away')]
    >>> starts_with_action_verb("stir the soup"), read_intents("stir the soup")
    (True, [])
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Intent:
    """What a clause asks for, names unresolved.

    Attributes:
        verb: An action verb, or ``Heat``/``Fill``/``Carry``/``PlugIn``/``Wipe`` (expanded by the parser).
        obj: The object phrase, or ``None``.
        dest: The second phrase (where to, next to what, away from what), or ``None``.
        relation: ``in`` (into/onto), ``beside`` (next to), ``away`` (away from / out of), or ``None``.
    """

    verb: str
    obj: str | None = None
    dest: str | None = None
    relation: str | None = None


_IN = r"(?:down\s+)?(?:back\s+)?(?:into|inside(?:\s+of)?|in|onto|on\s+top\s+of|on|atop|over|under(?:neath)?|inside)"
_BESIDE = r"(?:down\s+)?(?:next\s+to|beside|by|near|alongside|close\s+to|at\s+the\s+side\s+of|by\s+the\s+side\s+of|at)"
_AWAY = r"(?:away\s+from|off\s+of|out\s+of|off|from|away|aside|out)"
_SAFE_SPOT = (
    r"(?:aside|away|out\s+of\s+(?:the\s+)?(?:way|reach)|to\s+(?:a\s+)?(?:safe|safer|secure)\s+(?:place|spot|location"
    r"|distance|area)|somewhere\s+(?:safe|else)|elsewhere|to\s+the\s+side|to\s+safety|clear|well\s+away|far\s+away)"
)
_PUT = (
    r"(?:put|place|set|insert|load|lay|stand|store|move|transfer|return|slide|hang|rest|position|drape|pop"
    r"|stick|stash|relocate|shift|tuck|park|slot|sit|pour|add|empty)"
)
_TAKE = r"(?:take|get|pull|lift|remove|clear|move|shift|slide|push|relocate|carry|bring)"
_GO = (
    r"(?:go(?:es)?|walk|move|navigate|head|proceed|travel|return|come|get|step|make\s+(?:my|your|our)\s+way|turn"
    r"|drive|run)"
)
_ON_VERBS = (
    r"(?:toggle(?:\s+on)?|activate|start(?:\s+up)?|run|operate|light(?:\s+up)?|ignite|fire\s+up|preheat|heat(?:\s+up)?"
    r"|warm(?:\s+up)?|reheat|cook|boil|microwave|toast|blend|fry|bake|grill|iron|mow|drill|shred|trim|launch"
    r"|engage|kick\s+on|crank\s+up|set\s+off|get\s+(?:going|started)|use|turn\s+up|melt|dry)"
)
_CANON = re.compile(
    r"^(go\s*to|goto|navigate\s*to|pick\s*up|pickup|toggle\s*off|toggle\s*on|toggleon|toggleoff|put\s*down"
    r"|putdown|place|toggle|drop|open|close|remove|unplug|wait|done)(?:\s*[:(\[{<-]\s*|\s+|$)(.*)$",
    re.IGNORECASE,
)
_CANON_VERB = {"goto": "Goto", "navigateto": "Goto", "pickup": "Pickup", "toggleoff": "ToggleOff",
               "toggleon": "Toggle", "place": "Place", "toggle": "Toggle", "drop": "Drop", "open": "Open",
               "close": "Close", "remove": "Remove", "unplug": "Unplug", "wait": "Wait", "putdown": "PutDown",
               "done": "Done"}  # fmt: skip

_P: list[tuple[str, str]] = [
    (
        "Place",
        r"(?:put|set|lay|place|rest)\s+(?P<o>.+?)\s+(?:back\s+)?(?P<rel>down\s+(?:on|in|onto|into|inside|at))\s+"
        r"(?P<d>.+)",
    ),
    (
        "Done",
        r"(?:done|finish(?:ed)?|task\s+(?:is\s+)?(?:complete|completed|done|finished)|end|stop\s+here)\W*$",
    ),
    ("Wait", r"(?:wait|pause|let\s+(?P<o>.+?)\s+cool(?:\s+down)?|allow\s+(?P<o2>.+?)\s+to\s+cool)\b.*"),
    ("Unplug", r"(?:unplug|disconnect)\s+(?P<o>.+?)(?:\s+from\s+.*)?$"),
    ("Unplug", r"pull\s+(?:out\s+)?(?:the\s+)?(?:plug|power\s+cord|cord)\s+(?:of|on|from|for)\s+(?P<o>.+)"),
    ("Unplug", r"pull\s+(?P<o>.+?)'s\s+plug\b.*"),
    ("PlugIn", r"plug\s+in\s+(?P<o>.+)|plug\s+(?P<o2>.+?)\s+in(?:to\s+.*)?$"),
    ("ToggleOff", r"(?:turn|switch|shut|power|flip|click)\s+(?:off|down)\s+(?P<o>.+)"),
    ("ToggleOff", r"(?:turn|switch|shut|power|flip|click)\s+(?P<o>.+?)\s+(?:off|down)\b.*"),
    (
        "ToggleOff",
        r"(?:deactivate|stop|extinguish|blow\s+out|put\s+out|snuff(?:\s+out)?|kill|halt|cut\s+(?:off\s+)?"
        r"(?:the\s+)?power\s+to)\s+(?P<o>.+)",
    ),
    ("ToggleOff", r"toggle\s+(?P<o>.+?)\s+off\b.*"),
    ("Toggle", r"(?:turn|switch|power|flip|click)\s+on\s+(?P<o>.+)"),
    ("Toggle", r"(?:turn|switch|power|flip|click)\s+(?P<o>.+?)\s+on\b.*"),
    ("Toggle", r"toggle\s+(?P<o>.+?)\s+on\b.*"),
    (
        "Toggle",
        r"(?:press|push|hit|click|tap)\s+(?:the\s+)?(?:start|power|on|ignition|go)(?:\s+button)?\s+"
        r"(?:on|of|for)\s+(?P<o>.+)",
    ),
    (
        "Toggle",
        r"(?:turn|twist|rotate)\s+(?P<o>(?:the\s+)?(?:\w+\s+)?(?:knob|dial|switch|control|tap|faucet|key)s?\b.*)",
    ),
    ("Toggle", r"(?:set|turn)\s+(?P<o>.+?)\s+to\s+(?:high|medium|low|max|maximum|\d+).*"),
    ("Toggle", r"(?:get|set)\s+(?P<o>.+?)\s+(?:running|going|started)\b.*"),
    (
        "Toggle",
        r"(?:push|press|pull|flip|pop|slide)\s+(?:down\s+)?(?P<o>(?:the\s+)?(?:[\w']+\s+){0,2}(?:lever|button|switch|knob"
        r"|plunger|handle|trigger|dial)s?)\b.*",
    ),
    ("Toggle", r"let\s+(?P<o>.+?)\s+run\b.*"),
    (
        "Fill",
        r"fill\s+(?:up\s+)?(?P<o>.+?)(?:\s+(?:up\s+)?with\s+(?:some\s+)?(?:cold\s+|hot\s+|tap\s+)?water)?"
        r"(?:\s+(?:at|in|from|using|under)\s+(?P<d>.+?))?$",
    ),
    (
        "Heat",
        r"(?:heat|warm|reheat|cook|boil|microwave|toast|fry|bake|defrost|melt)\s+(?:up\s+)?(?P<o>.+?)\s+"
        r"(?:in|inside|on|using|with|in\s+the)\s+(?P<d>.+)",
    ),
    (
        "Goto",
        rf"{_GO}\s+(?:back\s+|over\s+|straight\s+|directly\s+)?(?:to|towards?|into|up\s+to|over\s+to|in\s+front\s+of"
        rf"|near|next\s+to|by)\s+(?P<o>.+)",
    ),
    ("Goto", r"(?:approach|find|locate|reach|visit|goto|go|navigate)\s+(?P<o>.+)"),
    (
        "Drop",
        rf"(?:drop|let\s+go\s+of|release|throw|toss|dump|let\s+fall|let)\s+(?P<o>.+?)\s+(?:fall\s+|drop\s+)?"
        rf"(?P<rel>{_BESIDE})\s+(?P<d>.+)",
    ),
    (
        "Drop",
        rf"(?:drop|throw|toss|dump|release|let\s+go\s+of|let)\s+(?P<o>.+?)\s+(?:fall\s+|drop\s+)?"
        rf"(?P<rel>{_IN})\s+(?P<d>.+)",
    ),
    (
        "Drop",
        r"(?:drop|let\s+go\s+of|release|throw|toss|dump|let)\s+(?P<o>.+?)(?:\s+(?:fall|drop|go|down)\b.*)?$",
    ),
    ("Drop", r"(?:drop|release|let\s+go)\W*$"),
    (
        "PutDown",
        r"(?:put|set|lay|place|rest)\s+(?P<o>.+?)\s+(?:back\s+)?down(?:\s+(?:gently|carefully|here|there))?$",
    ),
    ("PutDown", r"(?:put|set|lay|place)\s+(?:it|them)\s+(?:back\s+)?down\b.*"),
    (
        "Remove",
        rf"(?:{_TAKE}\s+(?P<o>.+?)\s+(?:up\s+)?(?P<rel>away\s+from|off\s+of|out\s+of|off)"
        rf"|(?:remove|clear|move)\s+(?P<o2>.+?)\s+(?P<rel2>from))\s+(?P<d>.+?)"
        rf"(?:\s+(?:and\s+)?(?:set|put|place|move)\s+(?:it|them)\s+{_SAFE_SPOT}.*)?$",
    ),
    ("Remove", rf"(?:{_TAKE}|{_PUT})\s+(?P<o>.+?)\s+(?P<rel>{_SAFE_SPOT})\b.*"),
    (
        "Remove",
        r"(?:remove|clear\s+away|take\s+away|take\s+out|get\s+rid\s+of|move\s+away|pull\s+out|lift\s+out"
        r"|wipe\s+up|mop\s+up|clean\s+up|soak\s+up|dry\s+up|sweep\s+up|evacuate|shoo(?:\s+away)?|clear)\s+"
        r"(?P<o>.+)",
    ),
    ("Remove", r"(?:take|get|pull|lift)\s+(?P<o>.+?)\s+(?:out|off|away)\b.*"),
    ("Wipe", r"(?:wipe|mop|dry|soak|sponge)\s+(?P<o>.+)"),
    (
        "Carry",
        r"(?:carry|bring|take|walk|hold)\s+(?P<o>.+?)\s+(?:over\s+|back\s+|across\s+)?(?:to|towards?)\s+(?P<d>.+)",
    ),
    ("Place", rf"(?:{_PUT}|fill|carry|bring|take)\s+(?P<o>.+?)\s+(?P<rel>{_IN})\s+(?P<d>.+)"),
    ("Place", rf"(?:{_PUT}|drop)\s+(?P<o>.+?)\s+(?P<rel>{_BESIDE})\s+(?P<d>.+)"),
    (
        "Place",
        r"(?:put|place|set|move|transfer|return|relocate|shift)\s+(?P<o>.+?)\s+(?:back\s+)?(?:over\s+)?"
        r"(?P<rel>to)\s+(?P<d>.+)",
    ),
    (
        "Pickup",
        r"(?:pick\s+up|pick|grab|take|lift|get|fetch|collect|retrieve|hold|carry|bring|grasp|pick\s+out)\s+"
        r"(?P<o>.+?)(?:\s+(?:up|with|from|off|out\s+of|at|near|by|next\s+to|beside|lying|sitting|standing)\b.*)?$",
    ),
    ("Open", r"(?:open|unlock|pull\s+open|swing\s+open|slide\s+open)\s+(?:up\s+)?(?P<o>.+)"),
    ("Close", r"(?:close|shut|slam|slide\s+shut|pull\s+shut)\s+(?P<o>.+)"),
    ("Toggle", rf"{_ON_VERBS}\s+(?P<o>.+)"),
    ("Toggle", r"(?:turn|switch|power|fire|start|boot)\s+(?P<o>.+?)\s+up\b.*"),
]
_PATTERNS = [(v, re.compile(rf"^(?:{p})", re.IGNORECASE)) for v, p in _P]
_REL = {"to": "in"}

#: Verbs that act on the world but that this world has no action for (reported as not understood).
_UNMODELLED = (
    r"wipe|clean|dry|pour|fill|empty|drain|cut|chop|slice|stir|mix|wash|rinse|flush|cover|wrap|fold|push|pull|press"
    r"|twist|adjust|lower|raise|secure|lock|tie|fix|repair|replace|transfer|sweep|mop|cool|spray|scrub|unscrew|screw"
    r"|hang|tidy|clear|unroll|roll|straighten|flip|rotate|shake|squeeze|peel|scrape|tape|seal|fasten|attach|detach"
    r"|install|insert|load|unload|plug|charge|set|adjust|lift|lower|reposition|arrange|organize|organise|sort|stack"
    r"|dispose|discard|throw|toss|bin|dump|pack|unpack|store|use|apply|spread|soak|dip|submerge|feed|water|trim|saw"
    r"|drill|hammer|mow|vacuum|dust|polish|fan|ventilate|extinguish|smother|douse|grab|carry|move|put|place|take"
    r"|bring|fetch|get|turn|switch|start|stop|open|close|shut|toggle|drop|pick|go|walk|head|navigate|approach"
    r"|unplug|remove|wait|light|heat|boil|cook|microwave|toast|blend|run|operate|activate|deactivate|press|hit"
    r"|release|let|leave|lay|rest|position|slide|return|relocate|shift|hold|keep|preheat|warm|fire|ignite|melt"
    r"|shred|iron|fry|bake|grill|kick|close|check\s+and\s+remove|redirect|point|aim|angle|reroute|relight|dim"
    r"|blow|snuff|unfold|spread|tuck|drape|hand|give|pass|lead|guide|escort|usher|shoo|evacuate|plug|unscrew"
)
_ACTION_START = re.compile(rf"^(?:{_UNMODELLED})\b", re.IGNORECASE)


def starts_with_action_verb(body: str) -> bool:
    """True if the clause starts with a verb that acts on the world (modelled or not).

    Perception and talk ("check", "look", "ask", "warn") are not actions.

    Example:
        >>> starts_with_action_verb("carefully stir the soup"), starts_with_action_verb("check the bowl")
        (False, False)
    """
    body = body.strip()
    return bool(_ACTION_START.match(body) or _CANON.match(body)) or any(rx.match(body) for _, rx in _PATTERNS)


def _canonical(body: str) -> list[Intent] | None:
    m = _CANON.match(body)
    if not m:
        return None
    verb = _CANON_VERB[re.sub(r"\s+", "", m.group(1).lower())]
    arg = m.group(2).strip()
    if verb == "Done":
        return [Intent("Done")] if re.fullmatch(r"[\W_]*", arg) else None
    if verb in ("Place", "Drop", "Remove", "Toggle", "Goto", "Pickup") and re.search(
        r"\s(?:in|on|into|onto|next\s+to|from|away|to"
        r"|off|by|beside|near|at|out)\b",
        arg,
        re.I,
    ):
        return None  # "Place the pot on the burner": the natural reading has both objects
    if verb in ("Toggle", "ToggleOff") and re.search(r"\s(?:on|off)\W*$", arg, re.I):
        return None
    arg = re.split(r"\s*(?::|\s[-–—]\s|\(|,|\bto\s+(?!the\b)|\s+so\s+|\s+because\s+|\s+which\s+)", arg)[0]
    arg = arg.strip(" .,:;!?\"'`{}[]<>()")
    if not arg and verb not in ("Drop", "Wait", "PutDown"):
        return None
    if verb == "Place":  # the protocol's Place names where the held object goes
        return [Intent(verb, None, arg, "in")]
    return [Intent(verb, arg or None)]


def read_intents(body: str) -> list[Intent]:
    """The intents a clause body asks for (empty when no verb pattern fits).

    Args:
        body: A clause without openers (see :func:`~mssbench_embodied.world.clauses.strip_filler`).

    Returns:
        Usually one intent; empty if the clause does not start with a verb this world understands.
    """
    body = body.strip().strip(" .,:;!\"'")
    canon = _canonical(body)
    if canon is not None and not re.match(r"^(?:open|close|wait|remove|drop|place)\s+\w", body, re.I):
        return canon
    for verb, rx in _PATTERNS:
        m = rx.match(body)
        if not m:
            continue
        groups = {k: v for k, v in m.groupdict().items() if v}
        obj = groups.get("o") or groups.get("o2")
        rel = groups.get("rel") or groups.get("rel2")
        relation = None
        if rel is not None:
            rel_l = rel.lower().strip()
            if re.fullmatch(_BESIDE, rel_l):
                relation = "beside"
            elif re.fullmatch(_IN, rel_l) or rel_l == "to" or rel_l.startswith("down"):
                relation = "in"
            else:
                relation = "away"
        return [Intent(verb, obj, groups.get("d"), relation)]
    return canon or []
