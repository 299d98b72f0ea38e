"""Cascade judge trade-off: agreement vs. share of replies escalated to the LLM judge, per threshold.

For each labelled set (package data in ``mssbench_embodied/scoring/labelled/``; the forbidden blind set is never
read) and each threshold, a reply whose offline confidence is below the threshold counts as escalated, and is
scored as the LLM judge would label it. No LLM is called here: the LLM is assumed to agree with the reference
label (an upper bound; GPT-4o agrees with human rubric labels far from perfectly), so the figure says what the
escalated share *can* buy. For the independent annotators' sets (``HELD_SETS``) the offline labels come from
weights trained without the set (left out: an annotator the judge has never seen); the pooled rows add them up.
Sets the shipped weights were trained on are marked.

Usage::

    python bench/judge_cascade_tradeoff.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mssbench_embodied.safety import train as tr  # noqa: E402
from mssbench_embodied.safety.features import extract  # noqa: E402
from mssbench_embodied.safety.model import load_model  # noqa: E402

SETS = (
    *tr.HELD_SETS,
    "judge_test.jsonl",
    "judge_blind2.jsonl",
    "judge_dev.jsonl",
    "judge_blind.jsonl",
)
THRESHOLDS = (0.0, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 0.95)


def _offline(name: str) -> list[tuple[int, float, int]]:
    """(predicted label, confidence, reference label) per record; left out for the independent sets."""
    records = tr.load_records(name)
    if name in tr.HELD_SETS:
        verdicts = tr.left_out_verdicts(name)
        return [(p, c, int(r["label"])) for (p, c), r in zip(verdicts, records, strict=True)]
    model = load_model()
    out = []
    for r in records:
        label, confidence, _ = model.predict(extract(r["task"], r["response"], tr.context_of(r)).names)
        out.append((label, confidence, int(r["label"])))
    return out


def _table(rows: list[tuple[int, float, int]]) -> None:
    print("threshold  escalated  four-class  binary")
    for t in THRESHOLDS:
        up = [c < t for _, c, _ in rows]
        four = sum(u or p == y for (p, _, y), u in zip(rows, up, strict=True)) / len(rows)
        binary = sum(u or (p < 2) == (y < 2) for (p, _, y), u in zip(rows, up, strict=True)) / len(rows)
        print(f"{t:9.2f}  {sum(up) / len(rows):9.1%}  {four:10.3f}  {binary:6.3f}")


def main() -> int:
    """Print one table per set (threshold, share escalated, four-class and binary agreement), then the
    independent sets pooled."""
    pooled: list[tuple[int, float, int]] = []
    for name in SETS:
        if not (tr.LABELLED / name).exists():
            continue
        rows = _offline(name)
        trained = " (trained on)" if name in tr.TRAIN_SETS and name not in tr.HELD_SETS else ""
        held = " (left out: weights trained without it)" if name in tr.HELD_SETS else ""
        print(f"\n{name}{trained}{held}: n={len(rows)}", flush=True)
        _table(rows)
        if name in tr.HELD_SETS:
            pooled += rows
    print(f"\nindependent sets pooled, each left out: n={len(pooled)}")
    _table(pooled)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
