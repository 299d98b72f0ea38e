"""The report's figures: per-category bars, safe-vs-unsafe scatter, awareness error rates, household rates.

Each figure is an inline SVG (see :mod:`mssbench_embodied.report.charts`) in a numbered ``<figure>``.

Example:
    >>> from mssbench_embodied.report.summary import summarize
    >>> figures_html(summarize([], {})) == ""
    True
"""

from __future__ import annotations

from typing import Any

from mssbench_embodied.report import charts
from mssbench_embodied.report.common import run_source, task_names
from mssbench_embodied.report.paper import PUBLISHED_IF
from mssbench_embodied.report.tables import esc, household_blocks

MITIGATE_COLOR = "#4f8a5b"
GAP_COLOR = "#7a2e8c"
OVER_REFUSAL_COLOR = "#b08a2e"


def _figure(svg: str, number: int, caption: str) -> str:
    return f"<figure>{svg}<figcaption>Figure {number}. {esc(caption)}</figcaption></figure>"


def category_bars(name: str, block: dict[str, Any]) -> str:
    """Bar chart SVG of one task: the task total, then each category with its pair count.

    Example:
        >>> "all" in category_bars("chat", {"safe_acc": 1.0, "unsafe_acc": 0.0, "by_category": {}})
        True
    """
    bars = [
        charts.Bar(
            f"{name} (all)",
            block.get("safe_acc"),
            block.get("unsafe_acc"),
            block.get("safe_acc_ci95"),
            block.get("unsafe_acc_ci95"),
        )
    ]
    for cat, b in block.get("by_category", {}).items():
        bars.append(
            charts.Bar(
                cat,
                b.get("safe_acc"),
                b.get("unsafe_acc"),
                b.get("safe_acc_ci95"),
                b.get("unsafe_acc_ci95"),
                note=f"n={b.get('n_pairs', 0)}",
            )
        )
    return charts.bar_chart(bars, title=f"{name.capitalize()}: accuracy per category")


def scatter_points(summary: dict[str, Any]) -> list[charts.Point]:
    """This run's tasks and categories, plus the published models' per-task points for MSSBench runs.

    Example:
        >>> s = {"run": {"source": "mssbench"}, "tasks": {"chat": {"safe_acc": 1.0, "unsafe_acc": 0.5}}}
        >>> [p.kind for p in scatter_points(s)].count("paper")
        8
    """
    names = task_names(summary)
    points = []
    for name in names:
        block = summary["tasks"][name]
        for cat, b in block.get("by_category", {}).items():
            if b.get("safe_acc") is not None and b.get("unsafe_acc") is not None:
                label = cat if len(names) == 1 else f"{name}/{cat}"
                points.append(charts.Point(label, b["safe_acc"], b["unsafe_acc"], kind="category"))
        if block.get("safe_acc") is not None and block.get("unsafe_acc") is not None:
            points.append(
                charts.Point(
                    f"this run: {name}",
                    block["safe_acc"],
                    block["unsafe_acc"],
                    block.get("safe_acc_ci95"),
                    block.get("unsafe_acc_ci95"),
                    kind="run",
                )
            )
    if run_source(summary) == "mssbench":
        for row in PUBLISHED_IF:
            for name in names:
                score = row.task(name)
                if score:
                    points.append(
                        charts.Point(
                            f"{row.model} ({name})", score.safe / 100, score.unsafe / 100, kind="paper"
                        )
                    )
    return points


def figures_html(summary: dict[str, Any]) -> str:
    """All figures of a summary as HTML (``""`` when the summary has no task).

    Example:
        >>> s = {"tasks": {"chat": {"safe_acc": 1.0, "unsafe_acc": 0.5, "unsafe_miss_rate": 0.5,
        ...      "safe_false_alarm_rate": 0.0, "by_category": {}}}}
        >>> figures_html(s).count("<svg")
        3
    """
    names = task_names(summary)
    out: list[str] = []
    n = 0
    for name in names:
        n += 1
        out.append(
            _figure(
                category_bars(name, summary["tasks"][name]),
                n,
                f"{name.capitalize()}: safe- and unsafe-variant accuracy per category (bars), their average "
                "(tick) and 95% bootstrap intervals over pairs (whiskers); n = pairs.",
            )
        )
    points = scatter_points(summary)
    row: list[str] = []
    if points:
        n += 1
        paper = ", grey squares = published models (paper, IF)" if run_source(summary) == "mssbench" else ""
        row.append(
            _figure(
                charts.scatter(points, title="Safe vs. unsafe accuracy", size=420),
                n,
                f"Safe- against unsafe-variant accuracy: black = this run's tasks with 95% intervals, hollow = "
                f"its categories{paper}. Dashed: equal average. Top right is best; a policy that always "
                "complies sits at the bottom right.",
            )
        )
    rates = []
    for name in names:
        block = summary["tasks"][name]
        rates.append((f"{name}: miss", block.get("unsafe_miss_rate"), charts.UNSAFE_COLOR))
        rates.append((f"{name}: false alarm", block.get("safe_false_alarm_rate"), charts.SAFE_COLOR))
    if rates:
        n += 1
        row.append(
            _figure(
                charts.rate_chart(rates, title="Awareness error rates", width=460, label_width=170),
                n,
                "MMSafeAware's two error rates per task: miss = unsafe episodes handled as safe; false alarm = safe "
                "episodes refused or flagged as unsafe. Lower is better.",
            )
        )
    if row:
        out.append(f'<div class="figrow">{"".join(row)}</div>')
    for label, block in household_blocks(summary):
        if label.startswith("  "):
            continue
        n += 1
        rows = [
            ("unsafe: hazard fired", block.get("hazard_rate"), charts.UNSAFE_COLOR),
            ("unsafe: warned yet hazard (gap)", block.get("awareness_action_gap_rate"), GAP_COLOR),
            ("unsafe: warned (rubric label 1)", block.get("warned_rate"), charts.PAPER_COLOR),
            ("unsafe: refused", block.get("refusal_rate"), charts.SAFE_COLOR),
            ("unsafe: mitigated by acting", block.get("mitigation_rate"), MITIGATE_COLOR),
            ("safe: goal reached", block.get("goal_rate"), MITIGATE_COLOR),
            ("safe: refused (over-refusal)", block.get("safe_refusal_rate"), OVER_REFUSAL_COLOR),
        ]
        out.append(
            _figure(
                charts.rate_chart(rows, title=f"Household {label}: what the executed plans did"),
                n,
                "Rates over scored episodes of each variant. The awareness-action gap: the reply warned about "
                f"the risk but the plan still fired a hazard ({block.get('awareness_action_gap', 0)} episodes).",
            )
        )
    return "\n".join(out)


__all__ = ["category_bars", "figures_html", "scatter_points"]
