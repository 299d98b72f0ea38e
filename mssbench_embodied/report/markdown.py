"""``report.md``: the report for terminals and code review (tables in GitHub Markdown, no images).

Model text is reduced to one line per cell with ``|``, backticks and angle brackets neutralised, so a response
cannot break the table or inject markup when the file is rendered.

Example:
    >>> from mssbench_embodied.report.summary import summarize
    >>> print(render_markdown(summarize([], {"policy": "p"}), []).splitlines()[0])
    # Multimodal situational safety report
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mssbench_embodied.data.results import EpisodeResult
from mssbench_embodied.report.common import ci_text, failures, pct, run_label, run_source, task_names, verdict
from mssbench_embodied.report.paper import PUBLISHED_CAPTION, PUBLISHED_IF
from mssbench_embodied.report.tables import HOUSEHOLD_COLUMNS, household_blocks

#: Failures listed in report.md.
MAX_MD_FAILURES = 30


def md_cell(text: object, limit: int = 120) -> str:
    """One table cell: a single line, ``|`` escaped, markup characters made literal, at most ``limit`` chars.

    Example:
        >>> md_cell("a|b\\n<script>")
        'a\\\\|b &lt;script&gt;'
    """
    flat = " ".join(str(text).split())
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return (
        flat.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("|", "\\|")
        .replace("`", "'")
    )


def _with_ci(value: float | None, ci: list[float] | None) -> str:
    return pct(value) + (f" ({ci_text(ci)})" if ci else "")


def _headline(summary: dict[str, Any]) -> list[str]:
    names = task_names(summary)
    tasks = summary["tasks"]
    head = "| model | " + " | ".join(f"{n} safe | {n} unsafe | {n} avg" for n in names) + " | overall |"
    sep = "|---|" + "---:|" * (3 * len(names) + 1)
    lines = [head, sep]
    both = {"chat", "embodied"} <= set(names)
    if run_source(summary) == "mssbench":
        for row in PUBLISHED_IF:
            cells = []
            for n in names:
                score = row.task(n)
                cells += [f"{v:.1f}" for v in (score.safe, score.unsafe, score.avg)] if score else ["-"] * 3
            lines.append(
                f"| {row.model} (paper) | " + " | ".join(cells) + f" | {row.overall if both else '-'} |"
            )
    label = md_cell(summary.get("run", {}).get("policy") or "this run")
    cells = [
        _with_ci(tasks[n].get(k), tasks[n].get(f"{k}_ci95"))
        for n in names
        for k in ("safe_acc", "unsafe_acc", "avg")
    ]
    overall = summary.get("overall", {})
    lines.append(
        f"| **{label}** | "
        + " | ".join(cells)
        + f" | {_with_ci(overall.get('avg'), overall.get('avg_ci95'))} |"
    )
    return lines


def _breakdown(summary: dict[str, Any]) -> list[str]:
    lines = [
        "| task / category | pairs | safe | unsafe | avg | miss | false alarm | errors | unparsed |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]

    def row(label: str, b: dict[str, Any]) -> str:
        return (
            f"| {md_cell(label)} | {b.get('n_pairs', 0)} | {_with_ci(b.get('safe_acc'), b.get('safe_acc_ci95'))} | "
            f"{_with_ci(b.get('unsafe_acc'), b.get('unsafe_acc_ci95'))} | {_with_ci(b.get('avg'), b.get('avg_ci95'))} | "
            f"{pct(b.get('unsafe_miss_rate'))} | {pct(b.get('safe_false_alarm_rate'))} | {b.get('errors', 0)} | "
            f"{b.get('unparsed', 0)} |"
        )

    for name in task_names(summary):
        block = summary["tasks"][name]
        lines.append(row(f"**{name}**", block))
        lines += [row(f"{name} / {cat}", b) for cat, b in block.get("by_category", {}).items()]
    return lines


def render_markdown(summary: dict[str, Any], results: Iterable[EpisodeResult]) -> str:
    """The report as Markdown text.

    Example:
        >>> from mssbench_embodied.report.summary import summarize
        >>> "| model |" in render_markdown(summarize([], {}), [])
        True
    """
    records = list(results)
    overall = summary.get("overall", {})
    lines = [
        "# Multimodal situational safety report",
        "",
        f"Run: {md_cell(run_label(summary), 300)}",
        "",
        f"Overall avg (weighted by episodes, as the paper): **{_with_ci(overall.get('avg'), overall.get('avg_ci95'))}**"
        f" · macro avg over tasks: {_with_ci(overall.get('macro_avg'), overall.get('macro_avg_ci95'))}"
        f" · errors (excluded): {overall.get('errors', 0)}",
        "",
        "## Results in the paper's layout (percent, 95% bootstrap interval over pairs)",
        "",
        *_headline(summary),
        "",
    ]
    if run_source(summary) == "mssbench":
        lines += [f"Rows marked (paper): {PUBLISHED_CAPTION}.", ""]
    lines += [
        "## Breakdown by category",
        "",
        "miss = unsafe episodes handled as safe; false alarm = safe episodes refused or flagged (MMSafeAware).",
        "",
        *_breakdown(summary),
        "",
    ]
    house = household_blocks(summary)
    if house:
        lines += ["## Household: what the plans did", ""]
        lines.append("| task / category | " + " | ".join(t for _, t, _ in HOUSEHOLD_COLUMNS) + " | gap (n) |")
        lines.append("|---|" + "---:|" * (len(HOUSEHOLD_COLUMNS) + 1))
        for label, b in house:
            cells = " | ".join(pct(b.get(k)) for k, _, _ in HOUSEHOLD_COLUMNS)
            lines.append(f"| {md_cell(label.strip())} | {cells} | {b.get('awareness_action_gap', 0)} |")
        lines += ["", "; ".join(f"{t} = {tip}" for _, t, tip in HOUSEHOLD_COLUMNS) + ".", ""]
        lines += _judge_audit(summary)
    wrong = failures(records)
    lines += [f"## Failures ({len(wrong)}; first {min(len(wrong), MAX_MD_FAILURES)} listed)", ""]
    if wrong:
        lines += ["| episode | verdict | instruction | response |", "|---|---|---|---|"]
        for r in wrong[:MAX_MD_FAILURES]:
            lines.append(
                f"| {md_cell(r.episode_id)} | {md_cell(verdict(r))} | {md_cell(r.instruction or '', 80)} | "
                f"{md_cell(r.response or '', 100)} |"
            )
        lines.append("")
    lines.append("See report.html for figures, intervals per category and the full failure list.")
    return "\n".join(lines) + "\n"


__all__ = ["MAX_MD_FAILURES", "md_cell", "render_markdown"]


def _judge_audit(summary: dict[str, Any]) -> list[str]:
    """The rubric ("said") against the execution verdict ("did"), per task and variant."""
    rows = []
    for name, block in summary.get("tasks", {}).items():
        for variant, a in (block.get("judge_audit") or {}).items():
            if a and a.get("n"):
                kappa = "-" if a.get("kappa") is None else f"{a['kappa']:.2f}"
                rows.append(
                    f"| {md_cell(name)} | {variant} | {a['n']} | {a['both_correct']} | {a['rubric_only']} | "
                    f"{a['execution_only']} | {a['neither']} | {pct(a.get('agreement'))} | {kappa} |"
                )
    if not rows:
        return []
    return [
        "## Judge audit: said vs. did",
        "",
        "| task | variant | n | both right | rubric only | execution only | neither | agreement | κ |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
        *rows,
        "",
    ]
