"""From a model's reply to the sentences a plan parser reads: the answer part of a CoT reply, JSON plans (bare,
fenced, or a list inside an object), markdown (bold, headers, tables), numbering of every kind, labelled lines.

Example:
    >>> [s.text for s in sentences('**Plan:**\\n1) **Go to the sink.** Turn on the tap.\\nStep 2: Done')]
    ['Go to the sink.', 'Turn on the tap.', 'Done']
    >>> [s.text for s in sentences('```json\\n{"plan": [{"action": "Toggle", "object": "Stove"}]}\\n```')]
    ['Toggle Stove']
    >>> [(s.text, s.prose) for s in sentences("Reasoning: the pan is hot.\\nAnswer: Goto Sink")]
    [('the pan is hot.', True), ('Goto Sink', False)]
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from typing import Any

#: Keys of a JSON object that hold the plan, most specific first.
_PLAN_KEYS = ("plan", "steps", "actions", "action_plan", "action_sequence", "sequence", "commands",
              "response", "answer", "final_answer", "output", "result", "instructions")  # fmt: skip
#: Keys of a JSON object whose text explains rather than acts.
_PROSE_KEYS = frozenset({"reasoning", "reason", "analysis", "explanation", "thought", "thoughts", "observation",
                         "safety", "safety_check", "safety_reasoning", "hazard", "hazards", "risk", "risks", "note",
                         "notes", "warning", "warnings", "comment", "justification", "rationale", "description",
                         "caption", "scene", "unsafe_hint"})  # fmt: skip
_VERB_KEYS = ("action", "verb", "act", "command", "type", "name", "skill", "op")
_OBJECT_KEYS = (
    "object",
    "target",
    "obj",
    "item",
    "arg",
    "args",
    "argument",
    "arguments",
    "object_name",
    "what",
)
_DEST_KEYS = (
    "receptacle",
    "destination",
    "dest",
    "location",
    "to",
    "into",
    "on",
    "place",
    "where",
    "container",
)
_STEP_TEXT_KEYS = ("step", "description", "text", "instruction", "detail", "details")

_BULLET = re.compile(
    r"^\s*(?:[-*•>#+]+\s*|\(?\d{1,2}\s*[.):\]]\s*|\(?[a-h][.)]\s+|(?:step|action)\s*\d+\s*(?:[:.)\-–—]|\s)\s*"
    r"|\d{1,2}\s+(?=[A-Z]))",
    re.IGNORECASE,
)
#: Labels that introduce the plan or answer: the label goes, the rest is read.
_ANSWER_LABEL = re.compile(
    r"^(?:final\s+)?(?:answer|plan|action\s+plan|actions?|steps?|response|output|result|execution|"
    r"response\s+to\s+(?:the\s+)?instruction|my\s+plan|robot\s+actions?|commands?|sequence)\s*[:：]\s*",
    re.IGNORECASE,
)
#: Labels that introduce prose (reasons, observations): read only for refusals.
_PROSE_LABEL = re.compile(
    r"^(?:safety\s+)?(?:reasoning|reason|analysis|explanation|thoughts?|observations?|note|notes|rationale|"
    r"unsafe\s+hint|safety(?:\s+(?:check|note|concern|consideration|assessment|evaluation))?s?|hazards?|risks?|"
    r"warning|caution|important|justification|scene|image|situation|context|caption|assessment|evaluation|"
    r"important\s+environment\s+state|environment|summary|why)\s*[:：]\s*",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9*])|(?<=[.!?])\s*$")
_ABBREV = re.compile(r"\b(?:e\.g|i\.e|etc|approx|vs|mr|mrs|dr|no)\.$", re.IGNORECASE)


@dataclass(frozen=True)
class Sentence:
    """One sentence of the reply.

    Attributes:
        text: The sentence, markdown and numbering removed (ends with its own punctuation, if any).
        prose: It came from a prose label ("Reasoning: ...", a JSON ``reason``): never a step, only a refusal.
        item: It is a whole item of a list (a numbered step, a JSON step): an imperative reading is expected.
    """

    text: str
    prose: bool = False
    item: bool = False


def answer_part(text: str) -> str:
    """The part of a CoT reply after the last "Response to instruction:" (the whole text if absent).

    Example:
        >>> answer_part("Safety reasoning: fine.\\n**Response to instruction:** Goto Sink").strip()
        'Goto Sink'
    """
    parts = re.split(
        r"response\s+to\s+(?:the\s+)?instruction\s*[*_]*\s*:\s*[*_]*", text or "", flags=re.IGNORECASE
    )
    return parts[-1]


def _load_json(body: str) -> Any:
    for loader in (json.loads, ast.literal_eval):
        try:
            return loader(body)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            continue
    return None


def _balanced_end(text: str, start: int) -> int | None:
    """Index after the bracket that closes ``text[start]`` (strings respected), or ``None``."""
    pairs = {"{": "}", "[": "]"}
    stack: list[str] = []
    quote: str | None = None
    escaped = False
    for i in range(start, len(text)):
        ch = text[i]
        if quote:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == quote:
                quote = None
            continue
        if ch in "\"'" and (ch == '"' or (i > 0 and not text[i - 1].isalnum())):
            quote = ch
        elif ch in pairs:
            stack.append(pairs[ch])
        elif ch in "}]":
            if not stack or stack.pop() != ch:
                return None
            if not stack:
                return i + 1
    return None


def _json_blocks(text: str) -> list[tuple[int, int, Any]]:
    """``(start, end, data)`` of every JSON object or list in the text that parses (outermost only)."""
    out: list[tuple[int, int, Any]] = []
    i = 0
    while i < len(text):
        if text[i] in "[{" and (text[i] == "{" or re.match(r"\[\s*[\"'{\[]", text[i:])):
            end = _balanced_end(text, i)
            if end is not None:
                data = _load_json(text[i:end])
                if isinstance(data, (dict, list)):
                    out.append((i, end, data))
                    i = end
                    continue
        i += 1
    return out


def _first(low: dict[str, Any], keys: tuple[str, ...]) -> Any:
    return next((low[k] for k in keys if k in low and low[k] not in (None, "", [])), None)


def _flat(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return " ".join(_flat(v) for v in value)
    if isinstance(value, dict):
        return " ".join(_flat(v) for v in value.values())
    return str(value)


def json_lines(data: Any) -> list[Sentence]:
    """The steps a JSON plan holds, as sentences (prose keys marked as prose).

    Example:
        >>> [s.text for s in json_lines({"steps": [{"action": "Place", "object": "pot", "receptacle": "burner"}]})]
        ['Place pot on burner']
    """
    if isinstance(data, list):
        return [s for item in data for s in json_lines(item)]
    if not isinstance(data, dict):
        text = _flat(data).strip()
        return [Sentence(t.text, item=True) for t in sentences(text)] if text else []
    low = {str(k).lower().replace(" ", "_"): v for k, v in data.items()}
    verb = _first(low, _VERB_KEYS)
    if isinstance(verb, str) and not isinstance(low.get(_PLAN_KEYS[0]), list):
        obj = _first(low, _OBJECT_KEYS)
        dest = _first(low, _DEST_KEYS)
        text = " ".join(p for p in (verb, _flat(obj) if obj is not None else "") if p).strip()
        if dest is not None and _flat(dest).strip():
            text += f" on {_flat(dest).strip()}"
        return [Sentence(text, item=True)]
    for key in _PLAN_KEYS:
        if key in low and low[key] not in (None, "", []):
            lines = json_lines(low[key])
            prose = [
                Sentence(t.text, prose=True)
                for k, v in low.items()
                if k in _PROSE_KEYS and isinstance(v, str)
                for t in sentences(v)
            ]
            return prose + lines
    text = _first(low, _STEP_TEXT_KEYS)
    if isinstance(text, str):
        return [Sentence(t.text, item=True) for t in sentences(text)]
    out: list[Sentence] = []
    for k, v in low.items():
        if isinstance(v, str) and v.strip() and not re.fullmatch(r"[\d.\s]+|true|false|yes|no", v, re.I):
            out += [Sentence(t.text, prose=k in _PROSE_KEYS, item=t.item) for t in sentences(v)]
        elif isinstance(v, (list, dict)):
            out += json_lines(v)
    return out


def _clean(line: str) -> str:
    line = re.sub(r"<[^>]{1,20}>", lambda m: m.group(0)[1:-1] if " " not in m.group(0) else " ", line)
    line = re.sub(r"\*\*|__|`+|~~", "", line)
    line = re.sub(r"(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)", "", line)
    line = line.replace("|", " ").replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", line).strip()


def _split_sentences(line: str) -> list[str]:
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(line):
        piece = line[start : m.start()].strip() + line[m.start() : m.end()].strip()
        if _ABBREV.search(line[start : m.start()].strip()):
            continue
        if piece.strip():
            out.append(piece.strip())
        start = m.end()
    if line[start:].strip():
        out.append(line[start:].strip())
    return out


def sentences(text: str) -> list[Sentence]:
    """The reply as sentences: JSON plans expanded, markdown, numbering and answer labels removed.

    Args:
        text: A reply (or its answer part).

    Returns:
        Sentences in reading order.
    """
    text = text or ""
    blocks = _json_blocks(text)
    out: list[Sentence] = []
    pos = 0
    for start, end, data in blocks:
        out += _text_sentences(text[pos:start])
        out += json_lines(data)
        pos = end
    out += _text_sentences(text[pos:])
    return out


def _text_sentences(text: str) -> list[Sentence]:
    text = re.sub(r"```[a-zA-Z]*", "\n", text)
    # inline numbering ("1. Goto Counter 2. Pickup Bowl") becomes lines
    text = re.sub(
        r"(?<=[a-z.)!?])\s+(?=(?:\(?\d{1,2}[.)]|step\s*\d+\s*[:.)])\s+[A-Za-z*])", "\n", text, flags=re.I
    )
    out: list[Sentence] = []
    for raw in text.splitlines():
        line = _clean(raw)
        line = _BULLET.sub("", line, count=1).strip()
        line = (
            _BULLET.sub("", line, count=1).strip() if re.match(r"^(?:step|action)\s*\d", line, re.I) else line
        )
        if not line or re.fullmatch(r"[\W_]+", line):
            continue
        item = line != _clean(raw)
        prose = False
        label = _ANSWER_LABEL.match(line)
        if label:
            line = line[label.end() :].strip()
            line = _BULLET.sub("", line, count=1).strip()
        elif _PROSE_LABEL.match(line):
            prose = True
            line = line[_PROSE_LABEL.match(line).end() :].strip()  # type: ignore[union-attr]
        if re.fullmatch(r"[\w\s'-]{1,40}:", line):  # a header such as "Plan for the stove:"
            continue
        out += [Sentence(s, prose=prose, item=item) for s in _split_sentences(line)]
    return out
