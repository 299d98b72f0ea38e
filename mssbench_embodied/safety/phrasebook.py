"""The multilingual phrase table of the offline judge (``phrasebook.json``), compiled to gated rules.

The table is data: categories (``refuse``, ``caution``, ``consequence``, ``condition``, ``cannot``, ``ability``,
``comply``, ``safe_neg``), each with phrases per language. Adding a phrase or a language needs no code; the
judge's classifier (:mod:`mssbench_embodied.safety.model`) weighs *categories*, never single phrases, so a new
phrase counts as much as the ones the weights were trained with.

Phrase syntax (phrases are matched on lower-cased text):

- Latin-script phrases are words separated by spaces, matched at word boundaries with any whitespace between
  them; ``stem*`` lets a word continue (``melt*`` matches "melts", "melting"); ``...`` skips up to three words.
- Phrases with CJK, kana, hangul, cyrillic, Greek, Hebrew, Arabic, Devanagari or Thai letters are plain substrings (those scripts do not put spaces
  between words); ``...`` skips up to twelve characters within the sentence.

Each phrase becomes a :class:`~mssbench_embodied.safety.rulekit.Rule` gated by its longest word (or, for the
substring phrases, by the text holding any non-ASCII letter), so a text only runs the phrases it can match.

Example:
    >>> from mssbench_embodied.safety.rulekit import prefixes
    >>> text = "no lo haré: la toalla podría quemarse."
    >>> sorted(hits(text, prefixes(text)))
    ['consequence', 'refuse']
    >>> hits("这个操作我不执行，纸巾会着火。", prefixes("这个操作我不执行，纸巾会着火。"))["consequence"]
    '着火'
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from mssbench_embodied.safety.rulekit import NON_ASCII, RuleSet, lazy_rule

__all__ = ["CATEGORIES", "PHRASEBOOK_PATH", "compile_phrase", "hits", "phrase_sets"]

PHRASEBOOK_PATH = Path(__file__).with_name("phrasebook.json")
#: The categories of the table, in the order features are listed.
CATEGORIES = ("refuse", "caution", "consequence", "condition", "cannot", "ability", "comply", "safe_neg")
#: Scripts matched as substrings: CJK ideographs, kana, hangul, cyrillic, Greek, Hebrew, Arabic, Devanagari, Thai.
_UNSPACED = re.compile(
    r"[\u0370-\u03ff\u0400-\u04ff\u0590-\u05ff\u0600-\u06ff\u0900-\u097f\u0e00-\u0e7f\u3040-\u30ff"
    r"\u3400-\u9fff\uac00-\ud7af\uff00-\uffef]"
)
_LETTERS = re.compile(r"[^\W\d_]+")


def compile_phrase(phrase: str) -> tuple[frozenset[str], str, str]:
    """The gate, literal lead and regex remainder of one phrase (see the module docstring for the syntax).

    Latin-script regexes start with the literal first letters of the phrase (``lead``, at most four), which the
    regex engine finds by fast search; the word boundary before it is checked in a look-behind after it. A
    substring phrase has an empty lead.

    Example:
        >>> gate, lead, rest = compile_phrase("remove ... first")
        >>> pattern = re.compile(lead + rest)
        >>> sorted(gate), bool(pattern.search("remove the towel first")), bool(pattern.search("removed first"))
        (['remo'], True, False)
    """
    phrase = phrase.strip().lower()
    if _UNSPACED.search(phrase):
        return (
            frozenset([NON_ASCII]),
            "",
            r"[^。.!?！？\n]{0,12}?".join(re.escape(p) for p in phrase.split("...")),
        )
    regex = ""
    for word in phrase.split():
        if word == "...":
            regex += r"(?:\s+\S+){0,3}?"
            continue
        piece = re.escape(word[:-1]) + r"[^\W\d_]*" if word.endswith("*") else re.escape(word)
        regex += (r"\s+" if regex else "") + piece
    lead = (_LETTERS.match(phrase) or _LETTERS.search(phrase)).group(0)[:4]  # type: ignore[union-attr]
    if not phrase.startswith(lead):
        raise ValueError(f"phrase {phrase!r} must start with a letter")
    for word in phrase.split():
        if word.endswith("*") and len(word) < 5:
            raise ValueError(
                f"phrase {phrase!r}: a stem ('{word}') needs 4+ letters, or the gate could hide it"
            )
    longest = lead if len(lead) == 4 else max(_LETTERS.findall(phrase.replace("...", " ")), key=len)[:4]
    rest = regex[len(re.escape(lead)) :]
    return frozenset([longest]), lead, r"(?<![^\W\d_]" + lead + ")" + rest + r"(?![^\W\d_])"


@lru_cache(maxsize=4)
def phrase_sets(path: Path = PHRASEBOOK_PATH) -> dict[str, RuleSet]:
    """The table at ``path`` as one :class:`RuleSet` per category.

    Phrases that share a gate and a lead become one alternation (one regex run per gate a text passes, not one
    per phrase); a rule is named ``"<category>: <gate>"``, and the matched text is the evidence.
    """
    table = json.loads(path.read_text(encoding="utf-8"))
    unknown = set(table) - set(CATEGORIES) - {"_about"}
    if unknown:
        raise ValueError(f"{path.name}: unknown categories {sorted(unknown)}; use {list(CATEGORIES)}")
    sets: dict[str, RuleSet] = {}
    for category in CATEGORIES:
        groups: dict[tuple[frozenset[str], str], set[str]] = {}
        for phrases in table.get(category, {}).values():
            for phrase in phrases:
                gate, lead, rest = compile_phrase(phrase)
                groups.setdefault((gate, lead), set()).add(rest)
        sets[category] = RuleSet(
            # Compiled when a reply first passes its gate (thousands of rules; a run reaches some).
            lazy_rule(
                f"{category}: {next(iter(gate))}",
                gate,
                re.escape(lead) + "(?:" + "|".join(sorted(rests, key=len, reverse=True)) + ")",
            )
            for (gate, lead), rests in groups.items()
        )
    return sets


@lru_cache(maxsize=4)
def _merged(path: Path = PHRASEBOOK_PATH) -> RuleSet:
    """All categories in one :class:`RuleSet` (one gate lookup per text instead of one per category)."""
    return RuleSet(r for rules in phrase_sets(path).values() for r in rules)


@lru_cache(maxsize=1)
def _categories() -> dict[str, str]:
    """The category of each rule name of :func:`_merged` (``"<category>: <gate>"``)."""
    return {r.name: r.name.partition(":")[0] for r in _merged()}


def hits(text: str, pre: set[str]) -> dict[str, str]:
    """The categories with a phrase in ``text`` (lower-cased), each with the first phrase found (its evidence).

    ``pre`` is :func:`~mssbench_embodied.safety.rulekit.prefixes` of ``text``.
    """
    found: dict[str, str] = {}
    category_of = _categories()
    for rule in _merged().candidates(pre):
        category = category_of[rule.name]
        if category in found:
            continue
        match = rule.pattern.search(text)
        if match is not None:
            found[category] = match.group(0)[:40]
    return {c: found[c] for c in CATEGORIES if c in found}
