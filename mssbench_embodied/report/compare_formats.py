r"""A comparison (:func:`mssbench_embodied.report.compare.compare_runs`) as Markdown, CSV or LaTeX, columns named by run.

- ``md``: the metric table (percent, 95% intervals), the paired McNemar test of each run against the first over
  their shared episodes, and the episodes that flipped (first 50 per run; all of them are in the HTML page).
- ``csv``: one row per metric, for each run its value and interval bounds as fractions (``<run>``, ``<run> lo``,
  ``<run> hi``), then one row per paired test (``metric`` = ``mcnemar <run> vs <baseline>``).
- ``latex``: a ``tabular`` (booktabs) of the metric table, ready for ``\input``; run names escaped.

Example:
    >>> comparison = {"runs": [{"name": "gpt_4o"}, {"name": "oracle"}], "paired": [],
    ...     "rows": [{"metric": "chat avg", "key": "avg", "marks": ["", ""],
    ...               "values": [{"value": 0.5, "ci": [0.4, 0.6]}, {"value": 1.0, "ci": [1.0, 1.0]}]}]}
    >>> print(to_csv(comparison).splitlines()[0])
    metric,gpt_4o,gpt_4o lo,gpt_4o hi,oracle,oracle lo,oracle hi
    >>> "gpt\\_4o" in to_latex(comparison)
    True
"""

from __future__ import annotations

import csv
import io
from typing import Any

from mssbench_embodied.report.common import ci_text, pct
from mssbench_embodied.report.markdown import md_cell
from mssbench_embodied.report.paired import format_p

FORMATS: tuple[str, ...] = ("text", "md", "csv", "latex")
MAX_FLIPS_SHOWN = 50


def cell_text(value: dict[str, Any] | None, key: str, with_ci: bool = True) -> str:
    """A metric value in percent with its ``[lo-hi]`` interval (``errors`` as a count; empty when missing)."""
    if value is None or value.get("value") is None:
        return "" if value is None else "n/a"
    if key == "errors":
        return str(value["value"])
    text = pct(value["value"])
    return f"{text} [{ci_text(value['ci'])}]" if with_ci and value.get("ci") else text


def paired_lines(
    comparison: dict[str, Any], max_flips: int = MAX_FLIPS_SHOWN, markdown: bool = False
) -> list[str]:
    """The paired tests and the episodes that flipped, as lines (plain text or Markdown)."""
    lines: list[str] = []
    for test in comparison.get("paired") or []:
        head = f"{test['other']} vs {test['baseline']}"
        lines.append(("### " if markdown else "") + f"paired: {head}")
        lines.append(
            f"{test['shared']} shared scored episodes: {test['both_right']} both right, {test['both_wrong']} both "
            f"wrong, {test['fixed']} fixed (wrong -> right), {test['broke']} broke (right -> wrong); "
            f"McNemar exact p = {format_p(test['p_value'])}"
            + (
                f"; not in the test: {test['only_baseline']} only in {test['baseline']}, "
                f"{test['only_other']} only in {test['other']}"
                if test["only_baseline"] or test["only_other"]
                else ""
            )
        )
        flips = test.get("flips") or []
        if flips:
            lines.append("")
            if markdown:
                lines += [
                    "| episode | task | variant | flip | "
                    + " | ".join(md_cell(n) for n in (test["baseline"], test["other"]))
                    + " |",
                    "|---|---|---|---|---|---|",
                ]
            for flip in flips[:max_flips]:
                if markdown:
                    lines.append(
                        f"| {md_cell(flip['episode_id'])} | {flip['task']} | {flip['variant']} | {flip['direction']} "
                        f"| {md_cell(flip['first'] or '', 80)} | {md_cell(flip['second'] or '', 80)} |"
                    )
                else:
                    lines.append(
                        f"  {flip['direction']:<5} {flip['episode_id']} ({flip['task']}, {flip['variant']})"
                    )
            if len(flips) > max_flips:
                lines.append(
                    f"... and {len(flips) - max_flips} more flipped episode(s) (all in the HTML page)"
                )
        lines.append("")
    return lines


def to_markdown(comparison: dict[str, Any]) -> str:
    """The comparison as Markdown: metric table, then paired tests and flips."""
    names = [run["name"] for run in comparison["runs"]]
    lines = ["| metric | " + " | ".join(md_cell(n) for n in names) + " |", "|---" * (len(names) + 1) + "|"]
    for row in comparison["rows"]:
        cells = [
            cell_text(v, row["key"]) + (f" {m}" if m else "")
            for v, m in zip(row["values"], row["marks"], strict=True)
        ]
        lines.append(f"| {md_cell(row['metric'])} | " + " | ".join(md_cell(c) for c in cells) + " |")
    lines += [
        "",
        "Percent; [lo-hi] = 95% bootstrap interval over pairs; ▲/▼ = interval does not overlap the first run's.",
        "",
    ]
    return "\n".join(lines + paired_lines(comparison, markdown=True)).rstrip() + "\n"


def to_csv(comparison: dict[str, Any]) -> str:
    """The comparison as CSV (fractions, not percent), then one row per paired test."""
    names = [run["name"] for run in comparison["runs"]]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["metric", *[c for n in names for c in (n, f"{n} lo", f"{n} hi")]])
    for row in comparison["rows"]:
        cells: list[Any] = []
        for value in row["values"]:
            ci = (value or {}).get("ci") or [None, None]
            cells += [(value or {}).get("value"), ci[0], ci[1]]
        writer.writerow([row["metric"], *["" if c is None else c for c in cells]])
    for test in comparison.get("paired") or []:
        writer.writerow(
            [
                f"mcnemar {test['other']} vs {test['baseline']}: shared, fixed, broke, p",
                test["shared"],
                test["fixed"],
                test["broke"],
                test["p_value"],
            ]
        )
    return buffer.getvalue()


_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def latex_escape(text: str) -> str:
    r"""Escape LaTeX's special characters.

    Example:
        >>> latex_escape("50% of a_b")
        '50\\% of a\\_b'
    """
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in str(text))


def to_latex(comparison: dict[str, Any]) -> str:
    """The metric table as a booktabs ``tabular`` (percent; intervals in brackets)."""
    names = [run["name"] for run in comparison["runs"]]
    lines = [
        r"\begin{tabular}{l" + "r" * len(names) + "}",
        r"\toprule",
        "Metric & " + " & ".join(latex_escape(n) for n in names) + r" \\",
        r"\midrule",
    ]
    for row in comparison["rows"]:
        cells = [
            latex_escape(cell_text(v, row["key"]).replace("▲", "").replace("▼", "")) for v in row["values"]
        ]
        lines.append(latex_escape(row["metric"]) + " & " + " & ".join(cells) + r" \\")
    lines += [r"\bottomrule", r"\end{tabular}"]
    for test in comparison.get("paired") or []:
        lines.append(
            f"% McNemar {latex_escape(test['other'])} vs {latex_escape(test['baseline'])}: "
            f"{test['shared']} shared, {test['fixed']} fixed, {test['broke']} broke, p = {format_p(test['p_value'])}"
        )
    return "\n".join(lines) + "\n"


__all__ = ["FORMATS", "cell_text", "latex_escape", "paired_lines", "to_csv", "to_latex", "to_markdown"]
