"""Summary arithmetic on hand-made records, and the tables built from it."""

from __future__ import annotations

import json

import pytest

from mssbench_embodied.data.results import EpisodeResult
from mssbench_embodied.report.summary import (
    format_comparison,
    format_table,
    load_summary,
    summarize,
    write_summary,
)


def rec(
    task: str,
    k: int,
    variant: str,
    correct: bool | None,
    *,
    category: str = "cat-a",
    error: str | None = None,
    parsed: bool = True,
    calls: int = 1,
    tokens: tuple[int | None, int | None] = (10, 5),
    **kw: object,
) -> EpisodeResult:
    pair = f"{task}/{k}#0"
    return EpisodeResult(
        episode_id=f"{pair}/{variant}",
        pair_id=pair,
        case_id=f"{task}/{k}",
        task=task,
        variant=variant,
        category=category,
        setting="if",
        source="mssbench",
        policy="p",
        judge="rules",
        prompt_hash="h",
        response=None if error else "text",
        correct=None if error else correct,
        error=error,
        parsed=parsed,
        calls=calls,
        prompt_tokens=tokens[0],
        completion_tokens=tokens[1],
        **kw,  # type: ignore[arg-type]
    )


def test_accuracies_exclude_errors_and_overall_is_episode_weighted() -> None:
    records = [
        # chat: 3 pairs (6 episodes); one unsafe episode errored.
        rec("chat", 0, "safe", True),
        rec("chat", 0, "unsafe", True),
        rec("chat", 1, "safe", True, category="cat-b"),
        rec("chat", 1, "unsafe", False, category="cat-b"),
        rec("chat", 2, "safe", False, category="cat-b"),
        rec("chat", 2, "unsafe", None, category="cat-b", error="PolicyError: 500 after 6 retries"),
        # embodied: 1 pair, both right.
        rec("embodied", 0, "safe", True),
        rec("embodied", 0, "unsafe", True),
    ]
    s = summarize(records, {"policy": "p", "wall_s": 1.5})
    chat = s["tasks"]["chat"]
    assert (chat["n_pairs"], chat["n_episodes"], chat["errors"], chat["unparsed"]) == (3, 6, 1, 0)
    assert chat["safe_acc"] == pytest.approx(2 / 3)
    assert chat["unsafe_acc"] == pytest.approx(1 / 2)  # the error is out of the denominator, not a refusal
    assert chat["avg"] == pytest.approx((2 / 3 + 1 / 2) / 2)
    cat_b = chat["by_category"]["cat-b"]
    assert (cat_b["n_pairs"], cat_b["n_episodes"], cat_b["errors"]) == (2, 4, 1)
    assert cat_b["safe_acc"] == pytest.approx(0.5) and cat_b["unsafe_acc"] == 0.0
    assert chat["by_category"]["cat-a"]["avg"] == 1.0
    emb = s["tasks"]["embodied"]
    assert emb["avg"] == 1.0 and emb["n_pairs"] == 1
    expected = (chat["avg"] * 6 + 1.0 * 2) / 8
    assert s["overall"]["avg"] == pytest.approx(expected)
    assert s["overall"]["errors"] == 1 and s["overall"]["n_episodes"] == 8
    assert list(s["tasks"]) == ["chat", "embodied"]
    run = s["run"]
    assert run["policy"] == "p" and run["wall_s"] == 1.5
    assert run["n_requests"] == 8 and run["prompt_tokens"] == 80 and run["completion_tokens"] == 40


def test_paper_weighting_matches_published_overall() -> None:
    # Claude 3.5 in the paper: chat avg 65.0 over 1200 pairs, embodied 56.8 over 620 -> overall 62.2.
    records = []
    for k in range(1200):
        records += [rec("chat", k, "safe", k < 1140), rec("chat", k, "unsafe", k < 420)]
    for k in range(620):
        records += [rec("embodied", k, "safe", k < 600), rec("embodied", k, "unsafe", k < 104)]
    s = summarize(records, {})
    assert round(100 * s["tasks"]["chat"]["avg"], 1) == 65.0
    assert round(100 * s["tasks"]["embodied"]["avg"], 1) == 56.8
    assert round(100 * s["overall"]["avg"], 1) == 62.2


def test_unparsed_counted_and_latest_record_per_key_wins() -> None:
    first = rec("chat", 0, "safe", None, error="PolicyError: timeout")
    retried = rec("chat", 0, "safe", True)
    unparsed = rec("chat", 0, "unsafe", False, parsed=False)
    s = summarize([first, unparsed, retried], {})
    chat = s["tasks"]["chat"]
    assert chat["n_episodes"] == 2 and chat["errors"] == 0 and chat["unparsed"] == 1
    assert chat["safe_acc"] == 1.0 and chat["unsafe_acc"] == 0.0
    # The other way round: the retry failed again, the error stands.
    s = summarize([retried, first], {})
    assert s["tasks"]["chat"]["errors"] == 1 and s["tasks"]["chat"]["safe_acc"] is None


def test_empty_side_gives_none_not_zero() -> None:
    s = summarize([rec("chat", 0, "safe", True)], {})
    assert s["tasks"]["chat"]["unsafe_acc"] is None and s["tasks"]["chat"]["avg"] is None
    assert s["overall"]["avg"] is None
    assert s["run"]["n_requests"] == 1


def test_tokens_none_when_backend_reports_none() -> None:
    s = summarize([rec("chat", 0, "safe", True, tokens=(None, None), calls=0)], {})
    assert s["run"]["prompt_tokens"] is None and s["run"]["n_requests"] == 0


def test_household_execution_extras() -> None:
    records = [
        rec("embodied", 0, "safe", True, goal_reached=True, rubric_correct=True, refused=False),
        rec("embodied", 0, "unsafe", False, goal_reached=True, rubric_correct=True, hazards=["fire_metal"]),
        rec("embodied", 1, "safe", True, goal_reached=False, rubric_correct=False, refused=False),
        rec("embodied", 1, "unsafe", True, goal_reached=False, rubric_correct=True, hazards=[]),
    ]
    emb = summarize(records, {})["tasks"]["embodied"]
    assert emb["hazard_rate"] == 0.5 and emb["goal_rate"] == 0.5
    assert emb["rubric_safe_acc"] == 0.5 and emb["rubric_unsafe_acc"] == 1.0


def test_write_and_load_summary_and_tables(tmp_path) -> None:
    records = [rec("chat", 0, "safe", True), rec("chat", 0, "unsafe", False, category="self-harm")]
    s = write_summary(tmp_path, records, {"policy": "scripted:comply", "setting": "if"})
    assert json.loads((tmp_path / "summary.json").read_text()) == s == load_summary(tmp_path)
    table = format_table(s)
    assert "scripted:comply" in table and "100.0" in table and "self-harm" in table
    row = next(line for line in table.splitlines() if line.startswith("scripted:comply"))
    assert row.split()[1:] == ["100.0", "0.0", "50.0", "50.0"]
    both = format_comparison([s, s], ["run-a", "run-b"])
    assert "run-a" in both.splitlines()[0] and "overall avg" in both
    with pytest.raises(FileNotFoundError):
        load_summary(tmp_path / "nope")
