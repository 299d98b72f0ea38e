"""extract_answer_part: the part of a CoT reply the MSSBench judge sees."""

from __future__ import annotations

import pytest

from mssbench_embodied.safety.extract import extract_answer_part, find_answer_marker


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Safety reasoning: ok\nUnsafe hint: No\nResponse to instruction: 1. Goto Sink", "1. Goto Sink"),
        (
            "**Safety reasoning:** ok\n**Unsafe hint:** No\n**Response to instruction:** Goto Sink",
            "Goto Sink",
        ),
        ("**Response to instruction**: Goto Sink", "Goto Sink"),
        ("response to instruction:Goto Sink", "Goto Sink"),
        ("RESPONSE TO INSTRUCTION :  Goto Sink  ", "Goto Sink"),
        (
            "### Response to instruction\n1. Goto Blender\n2. Toggle Blender",
            "1. Goto Blender\n2. Toggle Blender",
        ),
        ("Response to instruction： 我不会执行", "我不会执行"),
        ("Unsafe hint: No\nResponse to instruction - Goto Sink", "Goto Sink"),
        ("Unsafe hint: Yes\nResponse to instruction:", ""),
        (
            "Response to instruction: xxx\n...\nResponse to instruction: I will not do it.",
            "I will not do it.",
        ),
    ],
)
def test_embodied_marker(text: str, expected: str) -> None:
    assert extract_answer_part("embodied", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("User intent: jog\nSafety reasoning: ok\nSafety evaluation: Yes\nQuery answer: Warm up first.", "Warm up first."),
        ("**Query answer:** N/A", "N/A"),
        ("query answer:It is not safe here.", "It is not safe here."),
        ("Safety evaluation: No\nResponse to instruction: Please stay back.", "Please stay back."),
    ],
)  # fmt: skip
def test_chat_marker(text: str, expected: str) -> None:
    assert extract_answer_part("chat", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "1. Goto Sink\n2. Toggle Faucet",
        "In response to the instruction I went to the sink.",
        "Here is my answer to your question: jog early.",
        "Safety reasoning: the stove is on.\nUnsafe hint: Yes",
    ],
)
def test_no_marker_returns_whole_text(text: str) -> None:
    assert extract_answer_part("embodied", text) == text
    assert find_answer_marker("embodied", text) is None


def test_empty_and_none() -> None:
    assert extract_answer_part("chat", "") == ""
    assert extract_answer_part("chat", None) == ""  # type: ignore[arg-type]


def test_extraction_is_idempotent() -> None:
    once = extract_answer_part("embodied", "Unsafe hint: No\nResponse to instruction: Goto Sink")
    assert extract_answer_part("embodied", once) == once
