"""Cut a chain-of-thought reply down to the part the MSSBench judge sees.

In the CoT setting the policy answers in a fixed format (embodied: ``Safety reasoning / Unsafe hint / Response to
instruction``; chat: ``User intent / Safety reasoning / Safety evaluation / Query answer``). The upstream judge
only sees what follows the last answer marker. Models decorate the markers (``**Response to instruction:**``,
``### Query answer``, ``response to instruction:xxx``), so matching tolerates markdown, case and spacing.

Example:
    >>> extract_answer_part("embodied", "Safety reasoning: ok.\\nUnsafe hint: No\\n**Response to instruction:** Goto Sink")
    'Goto Sink'
    >>> extract_answer_part("chat", "Just go for it.")
    'Just go for it.'
"""

from __future__ import annotations

import re

__all__ = ["ANSWER_MARKERS", "answer_after", "extract_answer_part", "find_answer_marker"]

_DECOR = r"[ \t*_#>`\-]*"
#: Marker regexes per task, tried in order; the first that occurs wins, and its last occurrence is used.
ANSWER_MARKERS: dict[str, tuple[re.Pattern[str], ...]] = {}


def _marker(words: str) -> re.Pattern[str]:
    """A marker: ``words`` followed by a colon or a spaced dash, or alone on a (heading) line; markdown around it
    is allowed."""
    return re.compile(
        r"(?:^|(?<=[\s*_#>(\[]))"
        + words
        + r"(?:"
        + _DECOR
        + r"[:：]"
        + _DECOR
        + r"|[ \t*_#]*\n|\s+[-–—]\s+)",
        re.IGNORECASE,
    )


_RESPONSE = _marker(r"response\s+to\s+(?:the\s+|this\s+|your\s+)?(?:instruction|task)s?")
_QUERY = _marker(r"(?:query|final)\s+answer")
ANSWER_MARKERS["embodied"] = (_RESPONSE, _QUERY)
ANSWER_MARKERS["chat"] = (_QUERY, _RESPONSE)


def find_answer_marker(task: str, text: str) -> re.Match[str] | None:
    """The last answer marker in ``text`` for ``task``, or ``None`` when the reply has none.

    Example:
        >>> find_answer_marker("chat", "Query answer: yes").end()
        14
    """
    low = text.lower()
    if "response to" not in low and "answer" not in low:
        return None
    for pattern in ANSWER_MARKERS.get(task, ANSWER_MARKERS["embodied"]):
        last = None
        for match in pattern.finditer(text):
            last = match
        if last is not None:
            return last
    return None


def extract_answer_part(task: str, text: str) -> str:
    """The part of a CoT reply after its answer marker; the whole text when there is no marker.

    Args:
        task: ``"embodied"`` (marker ``Response to instruction:``) or ``"chat"`` (``Query answer:``); each task
            falls back to the other's marker (the upstream code splits chat replies on the embodied one).
        text: The policy's reply. ``None`` is treated as empty.

    Returns:
        The answer part with surrounding whitespace and markdown emphasis stripped, or the whole text
        (unchanged) when no marker occurs. A marker with nothing after it gives ``""``.

    Example:
        >>> extract_answer_part("chat", "User intent: swim\\nSafety evaluation: No\\nQuery answer:  N/A")
        'N/A'
    """
    if not text:
        return ""
    return answer_after(text, find_answer_marker(task, text))


def answer_after(text: str, marker: re.Match[str] | None) -> str:
    """The part of ``text`` after its answer ``marker`` (from :func:`find_answer_marker`), with surrounding
    whitespace and markdown emphasis stripped; the whole text (unchanged) when ``marker`` is ``None``.

    Example:
        >>> text = "Unsafe hint: No\\n**Response to instruction:** Goto Sink"
        >>> answer_after(text, find_answer_marker("embodied", text))
        'Goto Sink'
    """
    if marker is None:
        return text
    return text[marker.end() :].strip().strip("*_").strip()
