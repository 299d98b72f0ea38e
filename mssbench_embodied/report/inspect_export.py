"""Export a finished run as an inspect_ai log, so ``inspect view`` shows it beside inspect's own evals.

Each episode becomes a sample (id = episode id): the instruction as input, the policy's reply as the assistant
message and output, and one score from ``mssbench_scorer`` whose value is 1/0 (right for the variant), ``NOANSWER``
for an episode that ended in an error; the score's metadata holds the rubric label and the execution verdict, as the
inspect tasks' scorer does. The log's results carry the run's safe / unsafe accuracy and their average. Needs
``inspect-ai`` (``pip install 'mssbench-embodied[inspect]'``).

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> import mssbench_embodied as mb
    >>> run = Path(tempfile.mkdtemp()) / "run"
    >>> _ = mb.evaluate(policy="scripted:oracle", task="chat", limit=2, out=run)
    >>> path = export_inspect_log(run)
    >>> from inspect_ai.log import read_eval_log
    >>> log = read_eval_log(str(path))
    >>> log.status, len(log.samples), log.results.scores[0].metrics["mssbench_avg"].value
    ('success', 4, 1.0)
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from inspect_ai.log import (
    EvalConfig,
    EvalDataset,
    EvalLog,
    EvalMetric,
    EvalResults,
    EvalSample,
    EvalScore,
    EvalSpec,
    write_eval_log,
)
from inspect_ai.model import ChatMessageAssistant, ChatMessageUser, ModelOutput
from inspect_ai.scorer import NOANSWER, Score

from mssbench_embodied.data.errors import ConfigError
from mssbench_embodied.data.results import EpisodeResult
from mssbench_embodied.report.summary import load_summary

SCORER = "mssbench_scorer"


def _read_run(run_dir: Path) -> tuple[dict[str, Any], dict[str, Any], list[EpisodeResult]]:
    try:
        run = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
        summary = load_summary(run_dir)
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{run_dir}: not a finished run folder ({' '.join(str(exc).split())})") from None
    records: dict[tuple[str, ...], EpisodeResult] = {}
    planned = {tuple(k) for k in run.get("planned_keys") or []}
    with (run_dir / "results.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            try:
                record = EpisodeResult.from_dict(json.loads(line))
            except (ValueError, TypeError):
                continue  # a line cut by a kill: the summary does not count it either
            if not planned or record.resume_key in planned:
                records.pop(record.resume_key, None)
                records[record.resume_key] = record
    return run, summary, list(records.values())


def _score(record: EpisodeResult) -> Score:
    metadata = {
        "variant": record.variant,
        "label": record.label,
        "answer": record.answer,
        "correct": record.correct,
        "hazards": record.hazards,
        "goal_reached": record.goal_reached,
        "refused": record.refused,
        "mitigated": record.mitigated,
        "rubric_correct": record.rubric_correct,
        **{k: v for k, v in record.extra.items() if k in ("scored_by", "outcome", "partial")},
    }
    if record.error is not None:
        return Score(value=NOANSWER, answer=record.response, explanation=record.error, metadata=metadata)
    return Score(value=1 if record.correct else 0, answer=record.response, metadata=metadata)


def _sample(record: EpisodeResult, model: str) -> EvalSample:
    text = record.instruction or record.episode_id
    messages: list[Any] = [ChatMessageUser(content=text)]
    if record.response is not None:
        messages.append(ChatMessageAssistant(content=record.response, model=model))
    return EvalSample(
        id=record.episode_id,
        epoch=1,
        input=text,
        target="refuse or warn" if record.variant == "unsafe" else "comply",
        messages=messages,
        output=ModelOutput.from_content(model=model, content=record.response or ""),
        scores={SCORER: _score(record)},
        metadata={
            k: getattr(record, k) for k in ("pair_id", "case_id", "task", "variant", "category", "setting")
        },
        error=None,
    )


def _metrics(summary: dict[str, Any]) -> dict[str, EvalMetric]:
    tasks = summary.get("tasks") or {}
    safe = [b["safe_acc"] for b in tasks.values() if b.get("safe_acc") is not None]
    unsafe = [b["unsafe_acc"] for b in tasks.values() if b.get("unsafe_acc") is not None]
    values = {
        "mssbench_avg": (summary.get("overall") or {}).get("avg"),
        "safe_accuracy": sum(safe) / len(safe) if len(safe) == 1 else None,
        "unsafe_accuracy": sum(unsafe) / len(unsafe) if len(unsafe) == 1 else None,
    }
    for task, block in tasks.items():
        values[f"{task}_avg"] = block.get("avg")
    return {k: EvalMetric(name=k, value=float(v)) for k, v in values.items() if v is not None}


def export_inspect_log(run_dir: Path | str, output: Path | str | None = None) -> Path:
    """Write the inspect log of the run in ``run_dir``; returns its path.

    Args:
        run_dir: A finished run folder (``run.json``, ``results.jsonl``, ``summary.json``).
        output: Where to write (``.eval`` or ``.json``); default ``RUN_DIR/inspect.eval``.

    Raises:
        ConfigError: ``run_dir`` is not a finished run folder.
    """
    folder = Path(run_dir)
    run, summary, records = _read_run(folder)
    config = run.get("config") or {}
    model = f"mssbench/{config.get('policy', 'policy')}"
    task_name = f"{config.get('suite') or 'mssbench'}_{config.get('task', 'all')}"
    created = (run.get("invocations") or [{}])[0].get("started_at") or time.strftime("%Y-%m-%dT%H:%M:%S%z")
    spec = EvalSpec(
        created=created,
        task=f"mssbench_embodied/{task_name}",
        dataset=EvalDataset(name=config.get("suite") or config.get("data"), samples=len(records)),
        model=model,
        config=EvalConfig(),
        task_args={
            k: config.get(k) for k in ("setting", "judge", "data", "suite") if config.get(k) is not None
        },
        metadata={"run_dir": str(folder), "policy": config.get("policy")},
    )
    scored = [r for r in records if r.error is None]
    results = EvalResults(
        total_samples=len(records),
        completed_samples=len(scored),
        scores=[EvalScore(name=SCORER, scorer=SCORER, metrics=_metrics(summary))],
    )
    log = EvalLog(eval=spec, status="success", results=results, samples=[_sample(r, model) for r in records])
    path = Path(output) if output is not None else folder / "inspect.eval"
    write_eval_log(log, str(path))
    return path


__all__ = ["export_inspect_log"]
