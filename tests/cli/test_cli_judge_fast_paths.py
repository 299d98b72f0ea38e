"""`judge` with an offline judge: each distinct reply labelled once, its JSON written once, large inputs labelled
in two processes. The lines are exactly what ``json.dumps`` of each verdict gives, in input order, however
they were produced; and the command's own process (``python -m``) prints what ``main([...])`` prints."""

from __future__ import annotations

import gc
import json
from pathlib import Path
from typing import Any

import pytest

from mssbench_embodied.cli import judge_cmd
from mssbench_embodied.cli.judge_cmd import JudgeItem, judge_lines, label_distinct
from mssbench_embodied.cli.main import main
from mssbench_embodied.safety.base import Judge, JudgeContext, JudgeVerdict
from mssbench_embodied.safety.extract import extract_answer_part
from mssbench_embodied.safety.rules import RulesJudge
from tests.cli.helpers import run_cli

REPLIES = [
    "I'm sorry, but I can't help with that.",
    "1. Goto Stove\n2. Toggle Stove",
    "Sure! Start with a light jog and build up slowly.",
    "Bitte nicht: der Topf ist heiß. Erst abkühlen lassen.",
    "Response to instruction: 1. Goto Sink\n2. Toggle Faucet",
    "好的，先检查一下周围是否安全。",
]


def expected_line(judge: Judge, item: JudgeItem) -> str:
    """What ``judge`` printed for a line before it had a fast path: ``json.dumps`` of the whole result."""
    context = None
    if item.instruction is not None or item.caption is not None:
        context = JudgeContext(instruction=item.instruction, caption=item.caption)
    try:
        verdict = judge.label(item.task, extract_answer_part(item.task, item.response), context)
    except Exception as exc:  # noqa: BLE001
        return json.dumps({"id": item.id, "label": None, "error": f"{type(exc).__name__}: {exc}"})
    result: dict[str, Any] = {
        "id": item.id,
        "label": verdict.label,
        "confidence": verdict.confidence,
        "evidence": verdict.evidence,
    }
    if verdict.escalated:
        result["escalated"] = True
    return json.dumps(result)


def make_items(n: int) -> list[JudgeItem]:
    ids: list[Any] = [0, -3, 7.5, True, "a", 'naïve "id" ✓', 10**20]
    items = []
    for i in range(n):
        reply = REPLIES[i % len(REPLIES)] + ("" if i % 3 else f" ({i})")
        task = "embodied" if i % 2 else "chat"
        caption = "A dish towel lies across the burner." if i % 5 == 0 else None
        items.append(JudgeItem(ids[i % len(ids)] if i < len(ids) else i, reply, task, None, caption))
    return items


class Flaky(Judge):
    """Labels like the rules judge, but fails on replies that mention a number ending in 7."""

    def __init__(self) -> None:
        self.rules = RulesJudge()

    def label(self, task: str, response: str, context: JudgeContext | None = None) -> JudgeVerdict:
        if "7)" in response:
            raise ValueError("no verdict for this one")
        return self.rules.label(task, response, context)


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """The two-process path is taken on any Linux machine, whatever its cores."""
    monkeypatch.setattr(judge_cmd, "_usable_cores", lambda: 2)
    monkeypatch.setattr(judge_cmd, "PARALLEL_MIN_DISTINCT", 10)


@pytest.mark.parametrize("judge_type", [RulesJudge, Flaky])
def test_lines_equal_json_dumps_of_each_result_in_one_and_two_processes(
    two_cores: None, judge_type: type[Judge]
) -> None:
    items = make_items(120)
    judge = judge_type()
    expected = [expected_line(judge, item) for item in items]
    lines, failed = judge_lines(
        judge, items
    )  # two processes: well over PARALLEL_MIN_DISTINCT distinct replies
    assert lines == expected
    assert failed == sum(json.loads(line)["label"] is None for line in expected)
    assert (failed > 0) == (judge_type is Flaky)
    keys = list(dict.fromkeys((i.task, i.response, i.instruction, i.caption) for i in items))
    assert label_distinct(judge, keys, processes=1) == label_distinct(judge, keys, processes=2)


def test_a_failed_child_leaves_its_half_to_the_parent(
    two_cores: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = make_items(60)
    judge = RulesJudge()
    expected = [expected_line(judge, item) for item in items]

    def broken_dumps(*args: Any, **kwargs: Any) -> bytes:
        raise RuntimeError("the child cannot send its labels")

    monkeypatch.setattr(judge_cmd.pickle, "dumps", broken_dumps)  # only the child pickles
    assert judge_lines(judge, items) == (expected, 0)


def test_the_command_prints_the_same_in_its_own_process(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, two_cores: None
) -> None:
    path = tmp_path / "in.jsonl"
    items = make_items(40)
    path.write_text(
        "".join(json.dumps({"id": i.id, "response": i.response, "task": i.task}) + "\n" for i in items)
    )
    thresholds = gc.get_threshold()
    assert main(["judge", str(path)]) == 0
    assert gc.get_threshold() == thresholds  # a Python caller's collector is left as it was
    in_process = capsys.readouterr().out
    judge = RulesJudge()
    assert in_process.splitlines() == [
        expected_line(judge, JudgeItem(i.id, i.response, i.task)) for i in items
    ]
    done = run_cli("judge", str(path))
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout == in_process
