"""A reply's language class: the coarse grouping the offline judge crosses its cues with.

The same cue weighs differently by language: "no" opening an English reply refuses, while a negation inside a Turkish
or Hindi tip is grammar; repeating none of an English instruction's words says something only about an English
reply. Telling languages apart exactly is not needed (nor cheap); five classes that separate the scripts and English
from the other Latin-script languages are enough for the classifier to learn per-class weights.

Example:
    >>> [language_class(t) for t in ("is it on?", "nein, danke.", "不要。", "нет.", "לא עכשיו", "")]
    ['en', 'latin', 'unspaced', 'cyrillic', 'script', 'latin']
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["CLASSES", "ENGLISH", "ENGLISH_GATE", "instruction_class", "language_class"]

CLASSES = ("en", "latin", "unspaced", "cyrillic", "script")
#: English function words: a lower-cased text with one is taken for English.
ENGLISH = re.compile(r"\b(?:the|is|are|it|you|this|that|will|would|there|and)\b")
#: The 4-letter word prefixes (:func:`~mssbench_embodied.safety.rulekit.prefixes`) of :data:`ENGLISH`'s words.
ENGLISH_GATE = frozenset({"the", "is", "are", "it", "you", "this", "that", "will", "woul", "ther", "and"})
#: Scripts written without spaces between words: CJK, kana, hangul.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_CYRILLIC_GREEK = re.compile(r"[\u0370-\u04ff]")
#: Hebrew, Arabic, the Indic scripts, Thai, Lao, Tibetan, Burmese, Georgian, Ethiopic, Khmer and their neighbours.
_OTHER_SCRIPT = re.compile(r"[\u0590-\u1dff]")


def language_class(text: str, pre: set[str] | None = None) -> str:
    """The class (one of :data:`CLASSES`) of lower-cased ``text``: ``en`` (English function words), ``latin`` (another
    Latin-script language, or no letters), ``unspaced``, ``cyrillic`` (and Greek) or ``script`` (the others).

    ``pre``, when given, holds (at least) the word prefixes of ``text``: without an English one the regex is skipped.
    """
    if (pre is None or not ENGLISH_GATE.isdisjoint(pre)) and ENGLISH.search(text):
        return "en"
    if text.isascii():
        return "latin"
    if _UNSPACED.search(text):
        return "unspaced"
    if _CYRILLIC_GREEK.search(text):
        return "cyrillic"
    return "script" if _OTHER_SCRIPT.search(text) else "latin"


@lru_cache(maxsize=4096)
def instruction_class(instruction: str) -> str:
    """:func:`language_class` of an instruction (any case; cached: a run has few distinct instructions)."""
    return language_class(instruction.lower())
