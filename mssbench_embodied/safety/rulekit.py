"""Gated regex rules: the machinery that keeps the offline judge fast (tens of thousands of replies a second).

A :class:`Rule` is a named regex with a *gate*: the 4-letter prefixes of words one of which every match holds.
:func:`prefixes` computes a text's word prefixes once; a :class:`RuleSet` indexes its rules by gate prefix, so a
text only ever runs the few rules whose words it holds. Patterns are written literal-first where possible
(:func:`any_of`, :func:`word_rules`): the regex starts with a literal word, which the engine finds by fast search,
and checks the word boundary after it with a fixed-width look-behind. The text is lower-cased beforehand, so no
pattern uses IGNORECASE (which would turn that fast search off).

Example:
    >>> rules = RuleSet(any_of("refusal", r"\\bi\\s+refuse\\b", r"\\bsorry\\b"))
    >>> text = "sorry, i refuse."
    >>> rules.first(text, prefixes(text))[1].group(0)
    'refuse'
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter
from typing import Any, cast

#: Word tokens (any script, no digits or underscores).
WORD = re.compile(r"[^\W\d_]+")
#: The first four letters of each word (for non-ASCII text; ASCII text is split instead).
WORD_PREFIX = re.compile(r"\b[^\W\d_]{1,4}")
#: Every byte but a-z, mapped to a space (lower-case ASCII text, encoded, then splits into its words).
_NON_LETTER_BYTES = bytes(c if 97 <= c <= 122 else 32 for c in range(256))
#: A word's first four letters, sliced in C (``map`` over a reply's words instead of a comprehension).
_FIRST4 = itemgetter(slice(4))
#: Marks a text with non-ASCII letters, so rules with non-English phrases are not gated away.
NON_ASCII = "*"
#: How far :attr:`Rule.before` looks back.
BEFORE_CHARS = 75
#: What may follow a literal word shorter than a gate prefix (4 letters): anything that cannot extend the word,
#: or the word's gate prefix would not be the one the text holds ("no" + "t?" is the word "not").
_WORD_END = ("\\s", "\\b", "(?!\\w)", "\\W", "[,", "[-", ":", "-", "(?:-|\\s)")


def gate(words: str) -> frozenset[str]:
    """The gate of a rule: the first four letters of each whitespace-separated word."""
    return frozenset(w[:4] for w in words.lower().split())


def ascii_words(text: str) -> list[str]:
    """The words (runs of a-z) of lower-case ASCII ``text``, in order.

    Example:
        >>> ascii_words("don't stop-2go")
        ['don', 't', 'stop', 'go']
    """
    # bytes.translate is a plain table lookup, several times faster than str.translate.
    return text.encode("ascii").translate(_NON_LETTER_BYTES).decode("ascii").split()


def word_prefixes(words: Iterable[str]) -> set[str]:
    """The 4-letter prefixes of ``words``: :func:`prefixes` of an ASCII text from its :func:`ascii_words`."""
    return set(map(_FIRST4, words))


def prefixes(text: str) -> set[str]:
    """The 4-letter prefixes of the words of ``text`` (plus :data:`NON_ASCII` if a word has non-ASCII letters)."""
    if text.isascii():
        return word_prefixes(ascii_words(text))
    pre = set(WORD_PREFIX.findall(text))
    if not "".join(pre).isascii():
        pre.add(NON_ASCII)
    return pre


@dataclass(frozen=True, slots=True)
class Rule:
    """A named regex that only runs when the text has a word starting like one in ``gate`` (and, when ``also``
    is not empty, one starting like a word in ``also``).

    With ``before`` set, a match only counts when ``before`` matches within the :data:`BEFORE_CHARS` characters
    that precede it ("could ... catch fire": the hazard is found first, then the modal in front of it).
    """

    name: str
    gate: frozenset[str]
    pattern: re.Pattern[str]
    also: frozenset[str] = frozenset()
    before: re.Pattern[str] | None = None

    def matches(self, text: str) -> Iterator[tuple[int, re.Match[str]]]:
        """Every match, with the start of the ``before`` match in front of it (the match's own start if none)."""
        for m in self.pattern.finditer(text):
            if self.before is None:
                yield m.start(), m
            else:
                b = self.before.search(text, max(0, m.start() - BEFORE_CHARS), m.start())
                if b is not None:
                    yield b.start(), m

    def search(self, text: str, pre: set[str]) -> re.Match[str] | None:
        """The first match in ``text``, or ``None``; ``pre`` is :func:`prefixes` of ``text``."""
        if self.gate.isdisjoint(pre) or (self.also and self.also.isdisjoint(pre)):
            return None
        if self.before is None:
            return self.pattern.search(text)
        return next((m for _, m in self.matches(text)), None)

    def blank(self, text: str) -> str:
        """``text`` with every match (and its ``before`` part) replaced by a space."""
        if self.before is None:
            return self.pattern.sub(" ", text)
        spans = [(start, m.end()) for start, m in self.matches(text)]
        for start, end in reversed(spans):
            text = text[:start] + " " + text[end:]
        return text


class RuleSet:
    """Rules indexed by gate prefix; :meth:`first` tries, in order, only the rules a text's words can trigger.

    Example:
        >>> rs = RuleSet([rule("a", "fire", r"\\bfire\\b"), rule("b", "smoke", r"\\bsmoke\\b")])
        >>> rs.first("smoke and fire", prefixes("smoke and fire"))[0].name
        'a'
    """

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules: tuple[Rule, ...] = tuple(rules)
        index: dict[str, list[int]] = {}
        for i, r in enumerate(self.rules):
            for p in r.gate:
                index.setdefault(p, []).append(i)
        self._index = {p: tuple(ids) for p, ids in index.items()}
        #: The prefixes of all its rules' gates: a text with none of them passes no rule's gate.
        self.keys = frozenset(index)
        # Most texts pass one gate of a set: its rules, in order, are ready.
        self._single = {p: tuple(self.rules[i] for i in ids) for p, ids in index.items()}
        self._has_also = any(r.also for r in self.rules)
        self._ids = frozenset(map(id, self.rules))

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __contains__(self, rule: object) -> bool:
        """Whether ``rule`` is one of this set's rules (by identity: a rule's ``==`` compares all its fields)."""
        return id(rule) in self._ids

    def __len__(self) -> int:
        return len(self.rules)

    def _gated(self, pre: set[str]) -> Sequence[Rule]:
        """The rules whose first gate ``pre`` passes (``also`` not checked), in their order."""
        keys = self.keys.intersection(pre)
        if not keys:
            return ()
        if len(keys) == 1:
            (key,) = keys
            return self._single[key]
        # The union of the keys' rules in their order, built in C (no Python loop over keys or ids).
        ids = sorted(set(chain.from_iterable(map(self._index.__getitem__, keys))))
        return list(map(self.rules.__getitem__, ids))

    def candidates(self, pre: set[str]) -> Sequence[Rule]:
        """The rules whose gates ``pre`` passes, in their order."""
        found = self._gated(pre)
        if not self._has_also or not found:
            return found
        return [r for r in found if not r.also or not r.also.isdisjoint(pre)]

    def first(self, text: str, pre: set[str]) -> tuple[Rule, re.Match[str]] | None:
        """The first rule that matches ``text``, with its match; ``pre`` is :func:`prefixes` of ``text``."""
        # The ``also`` gates are checked here, for the rules tried before the first match only.
        for r in self._gated(pre):
            if r.also and r.also.isdisjoint(pre):
                continue
            m = r.pattern.search(text) if r.before is None else next((m for _, m in r.matches(text)), None)
            if m is not None:
                return r, m
        return None

    def blank(self, text: str, pre: set[str]) -> str:
        """``text`` with the matches of every rule whose gates pass replaced by spaces, rule by rule."""
        for r in self.candidates(pre):
            text = r.blank(text)
        return text


#: The ``re.Pattern`` methods a :class:`LazyPattern` provides.
_PATTERN_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub")


class LazyPattern:
    """A regex compiled on its first use, standing in for the ``re.Pattern`` of a :class:`Rule` (see
    :func:`lazy_rule`).

    A phrase table holds thousands of rules and compiling them all took ~0.2 s of every process's first label,
    while the gates let a run's replies reach only some of them. On first use the compiled pattern takes this
    object's place in its rule, so later calls cost exactly what a compiled pattern's do.

    Example:
        >>> lazy = LazyPattern(r"\\bfire\\b")
        >>> lazy.search("on fire").group(0), lazy.pattern
        ('fire', '\\\\bfire\\\\b')
    """

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.rule: Rule | None = None

    def _compile(self) -> re.Pattern[str]:
        compiled = re.compile(self.pattern)
        if self.rule is not None:
            object.__setattr__(
                self.rule, "pattern", compiled
            )  # the rule is frozen; this is its one late field
        for method in _PATTERN_METHODS:
            # For callers that kept this object: instance attributes shadow the methods below.
            setattr(self, method, getattr(compiled, method))
        return compiled

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self._compile().search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self._compile().match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self._compile().fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self._compile().finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self._compile().findall(string, pos, endpos)

    def sub(self, repl: str, string: str, count: int = 0) -> str:
        return self._compile().sub(repl, string, count)


def lazy_rule(name: str, gate: frozenset[str], pattern: str) -> Rule:
    """A :class:`Rule` whose regex is compiled the first time a text passes its gate.

    Example:
        >>> r = lazy_rule("fire", frozenset({"fire"}), r"fire")
        >>> isinstance(r.pattern, LazyPattern), r.search("fire!", {"fire"}).group(0), isinstance(r.pattern, re.Pattern)
        (True, 'fire', True)
    """
    lazy = LazyPattern(pattern)
    made = Rule(name, gate, cast(re.Pattern[str], lazy))
    lazy.rule = made
    return made


def rule(name: str, words: str, pattern: str, also: str = "", before: str | None = None) -> Rule:
    """A :class:`Rule` from a name, its gate words and a regex; optionally a second set of gate words of which
    the text must also hold one, and a regex that must precede a match."""
    return Rule(name, gate(words), re.compile(pattern), gate(also), re.compile(before) if before else None)


def _lead(fragment: str) -> str:
    """The leading literal letters of a regex fragment (the last one dropped when it is optional).

    Raises:
        ValueError: no literal start, or a start shorter than 4 letters that the regex may extend.
    """
    lead = re.match(r"[a-z]*", fragment).group(0)  # type: ignore[union-attr]
    if len(fragment) > len(lead) and fragment[len(lead)] in "?*{":
        lead = lead[:-1]
    rest = fragment[len(lead) :]
    if not lead or (len(lead) < 4 and rest and not rest.startswith(_WORD_END)):
        raise ValueError(
            f"fragment {fragment!r} must start with a literal word of 4+ letters or a whole word"
        )
    return lead


def word_rules(name: str, fragments: str, also: str = "", before: str | None = None) -> tuple[Rule, ...]:
    """Rules for an alternation of words: one literal-first rule per gate prefix, so only the words present run.

    ``fragments`` are whitespace-separated regex fragments, each starting with a literal word
    (``"fire sparks? electrocut\\\\w* hit\\\\s+by"``); a match must start and end at word boundaries.
    """
    groups: dict[str, list[str]] = {}
    for fragment in fragments.split():
        groups.setdefault(_lead(fragment)[:4], []).append(fragment)
    return tuple(
        Rule(
            name,
            frozenset([lead]),
            re.compile(
                lead + r"(?<![^\W\d_]" + lead + r")(?:" + "|".join(a[len(lead) :] for a in alts) + r")(?!\w)"
            ),
            gate(also),
            re.compile(before) if before else None,
        )
        for lead, alts in groups.items()
    )


def literal_first(alternative: str) -> tuple[str, str]:
    """Rewrite ``\\\\bword...`` to start with the literal word, checking the boundary in a look-behind after it.

    ``\\\\bi\\\\s+word...`` (first person) starts with ``word`` instead: "i" is too common a letter to search for.
    Returns ``(gate prefix, regex)``.
    """
    if not alternative.startswith("\\b"):
        raise ValueError(f"alternative {alternative!r} must start with \\b and a literal word")
    body = alternative[2:]
    if body.startswith("i\\s+") and re.match(r"[a-z]{2}", body[4:]):
        word = _lead(body[4:])
        return word[:4], word + r"(?<=\bi\s" + word + ")" + body[4 + len(word) :]
    run = _lead(body)
    return run[:4], run + r"(?<![^\W\d_]" + run + ")" + body[len(run) :]


def any_of(name: str, *alternatives: str, also: str = "", before: str | None = None) -> tuple[Rule, ...]:
    """One literal-first rule per alternative (each ``\\bword...``), gated by its first word; ``also`` and
    ``before`` as in :class:`Rule`."""
    also_gate, before_re = gate(also), re.compile(before) if before else None
    return tuple(
        Rule(name, frozenset([lead]), re.compile(regex), also_gate, before_re)
        for lead, regex in map(literal_first, alternatives)
    )
