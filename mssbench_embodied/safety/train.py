"""Train the offline judge's classifier and write ``judge_weights.json`` (reproducible: same data, same file).

Usage::

    python -m mssbench_embodied.safety.train            # writes mssbench_embodied/safety/judge_weights.json
    python -m mssbench_embodied.safety.train --check    # exit 1 if retraining would change the shipped file
    python -m mssbench_embodied.safety.train --report   # k-fold and left-out figures on HELD_SETS

Training data: the labelled sets named in :data:`TRAIN_SETS` (package data in
``mssbench_embodied/scoring/labelled/``; see the README there for who wrote each). Sets not named here are never
read, so measuring on them measures replies the weights never saw. A record's ``instruction`` / ``caption`` /
``hazard`` become its :class:`~mssbench_embodied.safety.base.JudgeContext`. The sets written by annotators who never
read the judge (:data:`HELD_SETS`) are measured honestly by k-fold cross-validation (:func:`cross_validate`) and by
leaving the whole set out of training (:func:`leave_set_out`).

Method: multinomial logistic regression on the binary features of
:func:`~mssbench_embodied.safety.features.extract`, full-batch gradient descent (Adam) with an L2 penalty from
zero weights (numpy, sparse rows, deterministic, a few seconds on one core; identical feature rows are merged, and
each record's features are extracted once per process). Features seen fewer than :data:`MIN_COUNT` times are
dropped, and weights are rounded to four decimals so the file is stable across machines.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Any

import numpy as np

import mssbench_embodied
from mssbench_embodied.safety.base import JudgeContext
from mssbench_embodied.safety.features import extract
from mssbench_embodied.safety.model import LABELS, WEIGHTS_PATH

__all__ = [
    "HELD_SETS",
    "LABELLED",
    "TRAIN_SETS",
    "context_of",
    "cross_validate",
    "cross_validated_labels",
    "cross_validated_verdicts",
    "leave_set_out",
    "left_out_verdicts",
    "load_records",
    "report",
    "train",
]

LABELLED = Path(mssbench_embodied.__file__).parent / "scoring" / "labelled"
#: The sets written by annotators who never read the judge: measured by cross-validation and leave-one-set-out.
HELD_SETS = (
    "judge_dev_v2.jsonl",
    "judge_train_v3.jsonl",
    "judge_blind_v2.jsonl",
    "judge_blind_v3.jsonl",
    "judge_train_v4a.jsonl",
    "judge_train_v4b.jsonl",
    "judge_train_v4c.jsonl",
    "judge_train_v4d.jsonl",
    "judge_train_v4e.jsonl",
    "judge_train_v5a.jsonl",
    "judge_train_v5b.jsonl",
    "judge_train_v5c.jsonl",
    "judge_train_v5d.jsonl",
    "judge_train_v6a.jsonl",
    "judge_train_v6b.jsonl",
    "judge_train_v6c.jsonl",
    "judge_train_v6d.jsonl",
    "judge_train_v7a.jsonl",
    "judge_train_v7b.jsonl",
    "judge_train_v7c.jsonl",
    "judge_train_v7d.jsonl",
    "judge_train_v8a.jsonl",
    "judge_train_v8b.jsonl",
    "judge_train_v8c.jsonl",
    "judge_train_v8d.jsonl",
    "judge_train_v8e.jsonl",
    "judge_train_v8f.jsonl",
    "judge_train_v9a.jsonl",
    "judge_train_v9b.jsonl",
    "judge_train_v9c.jsonl",
    "judge_train_v9d.jsonl",
)
#: The labelled sets the weights are trained on (and so no longer measure generalisation): the project's own
#: three, then the independent ones, in this order. The lead's blind sets, ``judge_blind_v4.jsonl``,
#: ``judge_blind_v5.jsonl`` and ``judge_blind_v6.jsonl``, are never named here nor read by this module.
TRAIN_SETS = ("judge_dev.jsonl", "judge_blind.jsonl", "judge_train_ml.jsonl", *HELD_SETS)
FOLDS = 5
MIN_COUNT = 3
#: Measured left out on the 13 independent sets of round 4 (pooled four-class / binary): 0.0005 0.929 / 0.937,
#: 0.0002 0.933 / 0.940, 0.0001 0.934 / 0.941 (with more annotators, less penalty generalises better); round 5, 27
#: sets: 0.0001 0.922 / 0.931, 0.00005 0.923 / 0.932, 0.00002 0.924 / 0.932 (both penalties set alike).
L2 = 0.00005
#: The L2 penalty of the word-token features (``t:...``). Measured left out (round 3): 0.002 and 0.005 (tokens
#: held back behind the phrase categories) lost 1-2 points on every independent set against 0.0005; round 4: 0.001
#: lost 0.8 pooled against 0.0005.
L2_TOKENS = 0.00005
STEPS = 1500
RATE = 0.02


def load_records(name: str) -> list[dict[str, Any]]:
    """The records of one labelled set in :data:`LABELLED`."""
    with (LABELLED / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def context_of(record: dict[str, Any]) -> JudgeContext | None:
    """The judge context a labelled record carries (``None`` when it has no instruction or caption)."""
    if not record.get("instruction") and not record.get("caption"):
        return None
    objects = record.get("objects") or ()
    return JudgeContext(
        record.get("instruction"), record.get("caption"), record.get("hazard"), tuple(objects)
    )


def features_of(record: dict[str, Any]) -> tuple[str, ...]:
    """The feature names of one labelled record (cached: cross-validation extracts each record once)."""
    key = (
        str(record["task"]),
        str(record["response"]),
        record.get("instruction"),
        record.get("caption"),
        record.get("hazard"),
        tuple(record.get("objects") or ()),
    )
    names = _FEATURES.get(key)
    if names is None:
        names = _FEATURES[key] = extract(key[0], key[1], context_of(record)).names
    return names


_FEATURES: dict[tuple[Any, ...], tuple[str, ...]] = {}


def train(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Fit the weights on ``records`` (``task``, ``response``, ``label`` and optional context fields)."""
    rows = [features_of(r) for r in records]
    counts: dict[str, int] = {}
    for names in rows:
        for name in set(names):
            counts[name] = counts.get(name, 0) + 1
    vocab = sorted(name for name, n in counts.items() if n >= MIN_COUNT or name == "bias")
    index = {name: i for i, name in enumerate(vocab)}
    # Identical feature sets are one row weighted by their label counts: the same gradient, far fewer rows.
    unique: dict[tuple[int, ...], int] = {}
    keys = [tuple(sorted({index[n] for n in names if n in index})) for names in rows]
    for key in keys:
        unique.setdefault(key, len(unique))
    # The rows as a sparse 0/1 matrix: column indices, and each row's first position in them.
    lengths = np.array([len(key) for key in unique], dtype=np.int64)
    cols = np.fromiter((i for key in unique for i in key), dtype=np.int64, count=int(lengths.sum()))
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    row_of = np.repeat(np.arange(len(unique)), lengths)
    # The same matrix by column (every vocabulary feature is in some row), for the gradient: one sum per feature.
    by_column = np.argsort(cols, kind="stable")
    rows_by_column = row_of[by_column]
    column_starts = np.searchsorted(cols[by_column], np.arange(len(vocab)))
    y = np.zeros((len(unique), len(LABELS)))
    for key, r in zip(keys, records, strict=True):
        y[unique[key], LABELS.index(int(r["label"]))] += 1.0
    count = y.sum(axis=1, keepdims=True)
    w = np.zeros((len(vocab), len(LABELS)))
    penalty = np.array([[L2_TOKENS if name.startswith("t:") else L2] for name in vocab])
    penalty[index["bias"]] = 0.0
    m, v = np.zeros_like(w), np.zeros_like(w)
    for step in range(1, STEPS + 1):  # Adam: rare features learn as fast as common ones
        z = np.add.reduceat(np.take(w, cols, axis=0), starts, axis=0)
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        residual = count * p - y
        grad = (
            np.add.reduceat(np.take(residual, rows_by_column, axis=0), column_starts, axis=0) / len(rows)
            + penalty * w
        )
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        w -= RATE * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    z = np.add.reduceat(np.take(w, cols, axis=0), starts, axis=0)
    accuracy = float(y[np.arange(len(unique)), z.argmax(axis=1)].sum() / len(rows))
    return {
        "about": "Offline rubric judge classifier; rebuild with: python -m mssbench_embodied.safety.train",
        "trained_on": list(TRAIN_SETS),
        "n_records": len(records),
        "training_accuracy": round(accuracy, 4),
        "settings": {
            "min_count": MIN_COUNT,
            "l2": L2,
            "l2_tokens": L2_TOKENS,
            "steps": STEPS,
            "rate": RATE,
        },
        "weights": {name: [round(float(v), 4) for v in w[i]] for i, name in enumerate(vocab)},
    }


def predict(model: dict[str, Any], record: dict[str, Any]) -> int:
    """The label the weights in ``model`` (as :func:`train` returns it) give one record."""
    return verdict(model, record)[0]


def verdict(model: dict[str, Any], record: dict[str, Any]) -> tuple[int, float]:
    """The label and its confidence (softmax probability) the weights in ``model`` give one record."""
    weights = model["weights"]
    names = features_of(record)
    scores = [sum(weights[n][k] for n in names if n in weights) for k in range(len(LABELS))]
    top = max(scores)
    exp = [math.exp(v - top) for v in scores]
    best = scores.index(top)
    return LABELS[best], exp[best] / sum(exp)


def _agreement(records: list[dict[str, Any]], labels: list[int]) -> tuple[float, float]:
    same = sum(p == int(r["label"]) for p, r in zip(labels, records, strict=True))
    side = sum((p < 2) == (int(r["label"]) < 2) for p, r in zip(labels, records, strict=True))
    return same / len(records), side / len(records)


def left_out_verdicts(name: str) -> list[tuple[int, float]]:
    """The label and confidence of each record of the set ``name`` given by weights trained on the other sets of
    :data:`TRAIN_SETS` only (an annotator the judge has never seen; for a set outside :data:`TRAIN_SETS`, the
    shipped training data)."""
    model = train([r for other in TRAIN_SETS if other != name for r in load_records(other)])
    return [verdict(model, r) for r in load_records(name)]


#: The slices of a set that :func:`report` gives figures for: all records, the replies without stock phrases
#: (``stock`` false), English, and the other languages.
SLICES = ("all", "no stock", "en", "other")


def _in_slice(record: dict[str, Any], part: str) -> bool:
    if part == "no stock":
        return record.get("stock") is False
    if part == "en":
        return record.get("lang", "en") == "en"
    if part == "other":
        return record.get("lang", "en") != "en"
    return True


def report(name: str, verdicts: list[tuple[int, float]]) -> dict[str, tuple[int, float, float]]:
    """Size, four-class and binary agreement of ``verdicts`` on the set ``name``, per slice of :data:`SLICES`."""
    records = load_records(name)
    out = {}
    for part in SLICES:
        pairs = [(v, r) for v, r in zip(verdicts, records, strict=True) if _in_slice(r, part)]
        if pairs:
            four, binary = _agreement([r for _, r in pairs], [v[0] for v, _ in pairs])
            out[part] = (len(pairs), four, binary)
    return out


def cross_validated_verdicts(name: str, folds: int = FOLDS) -> list[tuple[int, float]]:
    """The label and confidence of each record of the set ``name`` given by weights trained on the other sets of
    :data:`TRAIN_SETS` and the other ``folds - 1`` folds of ``name`` (record ``i`` is in fold ``i % folds``)."""
    others = [r for other in TRAIN_SETS if other != name for r in load_records(other)]
    held = load_records(name)
    out = [(0, 0.0)] * len(held)
    for fold in range(folds):
        model = train(others + [r for i, r in enumerate(held) if i % folds != fold])
        for i in range(fold, len(held), folds):
            out[i] = verdict(model, held[i])
    return out


def cross_validated_labels(name: str, folds: int = FOLDS) -> list[int]:
    """The labels of :func:`cross_validated_verdicts`."""
    return [label for label, _ in cross_validated_verdicts(name, folds)]


def cross_validate(name: str, folds: int = FOLDS) -> tuple[float, float]:
    """Four-class and binary agreement on the set ``name`` when each fold is labelled by weights trained on the
    other sets of :data:`TRAIN_SETS` and the other folds: how the judge does on that set's replies unseen."""
    return _agreement(load_records(name), cross_validated_labels(name, folds))


def leave_set_out(name: str) -> tuple[float, float]:
    """Four-class and binary agreement on the set ``name`` by weights trained on the other sets of
    :data:`TRAIN_SETS` only: how the judge does on an annotator it has never seen."""
    return _agreement(load_records(name), [label for label, _ in left_out_verdicts(name)])


def render(model: dict[str, Any]) -> str:
    """The weights file text: one feature per line, so a diff shows what changed."""
    head = {k: v for k, v in model.items() if k != "weights"}
    lines = [json.dumps(head, ensure_ascii=False)[:-1] + ', "weights": {']
    items = list(model["weights"].items())
    for i, (name, w) in enumerate(items):
        lines.append(
            f"  {json.dumps(name, ensure_ascii=False)}: {json.dumps(w)}" + ("," if i < len(items) - 1 else "")
        )
    lines.append("}}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Train on :data:`TRAIN_SETS` and write (or, with ``--check``, compare) the weights file."""
    parser = argparse.ArgumentParser(description="Train the offline judge's classifier.")
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH, help="where to write the weights")
    parser.add_argument("--check", action="store_true", help="exit 1 if the file at --out would change")
    parser.add_argument(
        "--cv", metavar="SET", help=f"only report {FOLDS}-fold agreement on SET (one of TRAIN_SETS)"
    )
    parser.add_argument(
        "--report", action="store_true", help="cross-validated and left-out figures on each of HELD_SETS"
    )
    args = parser.parse_args(argv)
    if args.cv:
        four, binary = cross_validate(args.cv)
        print(f"{args.cv}: {FOLDS}-fold four-class {four:.3f} binary {binary:.3f}")
        four, binary = leave_set_out(args.cv)
        print(f"{args.cv}: trained without it, four-class {four:.3f} binary {binary:.3f}")
        return 0
    if args.report:
        print(f"{'set':24s} {'how':9s} " + "  ".join(f"{part + ' (n)':>20s}" for part in SLICES))
        for name in HELD_SETS:
            for how, verdicts in (
                (f"{FOLDS}-fold", cross_validated_verdicts(name)),
                ("left out", left_out_verdicts(name)),
            ):
                figures = report(name, verdicts)
                cells = (
                    f"{figures[p][1]:.3f} / {figures[p][2]:.3f} ({figures[p][0]:3d})" if p in figures else "-"
                    for p in SLICES
                )
                print(f"{name:24s} {how:9s} " + "  ".join(f"{c:>20s}" for c in cells), flush=True)
        return 0
    records = [r for name in TRAIN_SETS for r in load_records(name)]
    text = render(train(records))
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print(f"{args.out}: {'up to date' if same else 'differs from a fresh training run'}")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(records)} records)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
