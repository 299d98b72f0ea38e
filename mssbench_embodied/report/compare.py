"""Compare runs side by side: headline metrics with intervals, a paired test, and the episodes that flipped.

Each run is compared with the **first** run given (the baseline): a value whose 95% interval does not overlap
the baseline's is marked ``▲`` (higher) or ``▼`` (lower). Overlapping intervals are no evidence of equality,
and non-overlap is a conservative test of a difference; both are stated in the output. Where the runs' ledgers
(``results.jsonl``) share scored episodes, McNemar's exact test over those pairs says whether a difference is
real (:mod:`mssbench_embodied.report.paired`), and the episodes that flipped are listed. Columns are named by run
(the folder's name). ``--format md|csv|latex`` prints the table for a paper or a spreadsheet
(:mod:`mssbench_embodied.report.compare_formats`); an HTML page (with a chart) is written only where ``-o`` says.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from mssbench_embodied.report.summary import write_summary
    >>> a, b = Path(tempfile.mkdtemp()) / "run-a", Path(tempfile.mkdtemp()) / "run-b"
    >>> for d in (a, b):
    ...     d.mkdir()
    ...     _ = write_summary(d, [], {"policy": "scripted:comply", "judge": "rules", "setting": "if"})
    >>> [run["name"] for run in compare_runs([a, b])["runs"]]
    ['run-a', 'run-b']
"""

from __future__ import annotations

import html as _html
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mssbench_embodied.report.charts import Bar, bar_chart
from mssbench_embodied.report.common import ci_text, run_label, run_source, task_names
from mssbench_embodied.report.compare_formats import cell_text, paired_lines, to_csv, to_latex, to_markdown
from mssbench_embodied.report.paired import format_p, paired_tests
from mssbench_embodied.report.summary import load_summary

COMPARE_HTML = "compare.html"
HIGHER, LOWER = "▲", "▼"


class CompareError(ValueError):
    """A run folder that cannot be compared (missing, no ``summary.json``, unreadable); one line."""


def _names(dirs: Sequence[Path]) -> list[str]:
    names = [d.resolve().name or str(d) for d in dirs]
    return names if len(set(names)) == len(names) else [str(d) for d in dirs]


def _row_specs(summaries: Sequence[dict[str, Any]]) -> list[tuple[str, str | None, str, str]]:
    """``(task, category, key, label)`` for every metric any run has, headline first."""
    specs: list[tuple[str, str | None, str, str]] = [("", None, "avg", "overall avg (weighted)")]
    specs.append(("", None, "macro_avg", "overall macro avg"))
    tasks: list[str] = []
    for s in summaries:
        tasks += [t for t in task_names(s) if t not in tasks]
    keys = [
        ("safe_acc", "safe"),
        ("unsafe_acc", "unsafe"),
        ("avg", "avg"),
        ("unsafe_miss_rate", "unsafe miss rate"),
        ("safe_false_alarm_rate", "safe false alarm rate"),
        ("hazard_rate", "hazard rate"),
        ("refusal_rate", "refusal rate (unsafe)"),
        ("goal_rate", "goal rate (safe)"),
        ("awareness_action_gap_rate", "awareness-action gap"),
        ("errors", "errors"),
    ]
    for task in tasks:
        blocks = [s["tasks"][task] for s in summaries if task in s.get("tasks", {})]
        specs += [(task, None, k, f"{task} {label}") for k, label in keys if any(k in b for b in blocks)]
        cats: list[str] = []
        for b in blocks:
            cats += [c for c in b.get("by_category", {}) if c not in cats]
        specs += [(task, c, "avg", f"{task} / {c} avg") for c in sorted(cats)]
    return specs


def _lookup(summary: dict[str, Any], task: str, category: str | None, key: str) -> dict[str, Any] | None:
    block = summary.get("overall", {}) if not task else summary.get("tasks", {}).get(task)
    if block is not None and category is not None:
        block = block.get("by_category", {}).get(category)
    if block is None or key not in block:
        return None
    return {"value": block[key], "ci": block.get(f"{key}_ci95")}


def _mark(value: dict[str, Any] | None, base: dict[str, Any] | None) -> str:
    if not value or not base or not value.get("ci") or not base.get("ci"):
        return ""
    (lo, hi), (blo, bhi) = value["ci"], base["ci"]
    if lo > bhi:
        return HIGHER
    if hi < blo:
        return LOWER
    return ""


def compare_runs(dirs: Sequence[Path | str]) -> dict[str, Any]:
    """Load the runs' summaries and line up their headline metrics.

    Args:
        dirs: Run folders (each holding ``summary.json``); the first is the baseline.

    Returns:
        ``{"runs": [{"name", "dir", "label", "policy", "judge", "setting", "source"}], "rows": [{"metric",
        "task", "category", "key", "values": [{"value", "ci"} | None per run], "marks": ["", "▲", "▼" per
        run]}], "paired": [PairedTest.to_dict() per run after the first]}``; ``marks[0]`` is always ``""``.

    Raises:
        CompareError: a folder is missing or holds no readable ``summary.json`` (one line naming it).

    Example:
        >>> compare_runs([])["rows"]
        []
    """
    paths = [Path(d) for d in dirs]
    summaries = []
    for path in paths:
        if not path.is_dir():
            raise CompareError(
                f"{path}: not a folder; give run folders (the --out of 'mssbench-embodied run')"
            )
        try:
            summaries.append(load_summary(path))
        except (FileNotFoundError, ValueError) as exc:
            raise CompareError(" ".join(str(exc).split())) from None
    runs = []
    for path, name, s in zip(paths, _names(paths), summaries, strict=True):
        info = s.get("run", {})
        runs.append(
            {
                "name": name,
                "dir": str(path),
                "label": run_label(s, name),
                "policy": info.get("policy"),
                "judge": info.get("judge"),
                "setting": info.get("setting"),
                "source": run_source(s) or None,
            }
        )
    rows = []
    if summaries:
        for task, cat, key, label in _row_specs(summaries):
            values = [_lookup(s, task, cat, key) for s in summaries]
            rows.append(
                {
                    "metric": label,
                    "task": task or None,
                    "category": cat,
                    "key": key,
                    "values": values,
                    "marks": [""] + [_mark(v, values[0]) for v in values[1:]],
                }
            )
    names = [run["name"] for run in runs]
    paired = [test.to_dict() for test in paired_tests(names, paths)]
    return {"runs": runs, "rows": rows, "paired": paired}


_value_text = cell_text


def format_compare(comparison: dict[str, Any]) -> str:
    """The comparison as a terminal table (percent; ``[lo-hi]`` = 95% interval; marks vs the first run).

    Example:
        >>> print(format_compare({"runs": [], "rows": []}))
        no runs to compare
    """
    runs, rows = comparison["runs"], comparison["rows"]
    if not runs:
        return "no runs to compare"
    lines = ["runs (percent; [lo-hi] = 95% bootstrap interval over pairs):"]
    lines += [f"  {run['label']}" for run in runs]
    head = [run["name"] for run in runs]
    cells = [
        [
            _value_text(v, r["key"]) + (f" {m}" if m else "")
            for v, m in zip(r["values"], r["marks"], strict=True)
        ]
        for r in rows
    ]
    width = max([len("metric")] + [len(r["metric"]) for r in rows])
    cols = [max([len(h), 6] + [len(c[i]) for c in cells]) for i, h in enumerate(head)]
    lines.append("")
    lines.append(f"{'metric':<{width}}  " + "  ".join(f"{h:>{w}}" for h, w in zip(head, cols, strict=True)))
    for row, cell in zip(rows, cells, strict=True):
        lines.append(
            f"{row['metric']:<{width}}  " + "  ".join(f"{c:>{w}}" for c, w in zip(cell, cols, strict=True))
        )
    if len(runs) > 1:
        n = sum(bool(m) for r in rows for m in r["marks"])
        lines.append("")
        lines.append(
            f"{HIGHER}/{LOWER}: interval does not overlap {runs[0]['name']}'s (higher/lower); {n} such "
            "difference(s). Overlapping intervals do not show the runs are equal."
        )
    paired = paired_lines(comparison, max_flips=10)
    if paired:
        lines += ["", *paired]
    return "\n".join(lines).rstrip()


_CSS = """body{margin:0;background:#f4f4f1;color:#1f2328;font:15px/1.5 Charter,"Bitstream Charter",Cambria,Georgia,serif}
main{max-width:1100px;margin:24px auto;padding:32px 44px;background:#fff;border:1px solid #e2e2dc}
h1{font-size:25px;margin:0 0 12px;font-weight:600}ol{padding-left:22px;font-size:14px}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums;font-size:13.5px;
border-top:2px solid #24292f;border-bottom:2px solid #24292f;margin-top:10px}
th,td{padding:4px 10px;text-align:right;vertical-align:top}th:first-child,td:first-child{text-align:left}
thead th{border-bottom:1px solid #24292f}tr.task td{border-top:1px solid #c9ccd0;font-weight:600}
tr.cat td:first-child{padding-left:22px}.ci{display:block;font-size:10.5px;color:#626a73}
.up{background:#e6f2e8}.down{background:#f8e7e3}.m{font-weight:700}p.note{color:#626a73;font-size:13px}"""


def _chart(comparison: dict[str, Any]) -> str:
    """Safe and unsafe accuracy of every run, per task, as paired bars with intervals."""
    bars = []
    for row in comparison["rows"]:
        if row["key"] != "safe_acc" or row["category"]:
            continue
        unsafe = next(
            (
                r
                for r in comparison["rows"]
                if r["task"] == row["task"] and r["key"] == "unsafe_acc" and not r["category"]
            ),
            None,
        )
        for i, run in enumerate(comparison["runs"]):
            s, u = row["values"][i] or {}, (unsafe["values"][i] if unsafe else None) or {}
            bars.append(
                Bar(
                    f"{run['name']} · {row['task']}", s.get("value"), u.get("value"), s.get("ci"), u.get("ci")
                )
            )
    return (
        f"<figure>{bar_chart(bars, title='Safe and unsafe accuracy per run and task')}</figure>"
        if bars
        else ""
    )


def _paired_html(comparison: dict[str, Any]) -> str:
    """McNemar's test of each run against the first, and every episode that flipped."""
    esc = _html.escape
    parts = []
    for test in comparison.get("paired") or []:
        parts.append(
            f"<h2>{esc(test['other'])} vs {esc(test['baseline'])}</h2><p>{test['shared']} shared scored episodes: "
            f"{test['both_right']} both right, {test['both_wrong']} both wrong, <b>{test['fixed']} fixed</b> (wrong "
            f"→ right), <b>{test['broke']} broke</b> (right → wrong); McNemar exact p = {format_p(test['p_value'])}."
            "</p>"
        )
        if test["flips"]:
            rows = "".join(
                f"<tr><td>{esc(f['episode_id'])}</td><td>{esc(f['variant'])}</td><td>{esc(f['direction'])}</td>"
                f"<td>{esc((f['first'] or '')[:300])}</td><td>{esc((f['second'] or '')[:300])}</td></tr>"
                for f in test["flips"]
            )
            parts.append(
                f"<table><thead><tr><th>Episode</th><th>Variant</th><th>Flip</th><th>{esc(test['baseline'])}</th>"
                f"<th>{esc(test['other'])}</th></tr></thead><tbody>{rows}</tbody></table>"
            )
    return "".join(parts)


def comparison_html(comparison: dict[str, Any]) -> str:
    """The comparison as a self-contained HTML page (no script; all names escaped).

    Example:
        >>> "<table" in comparison_html({"runs": [], "rows": []})
        True
    """
    esc = _html.escape
    runs, rows = comparison["runs"], comparison["rows"]
    items = "".join(f"<li>{esc(run['label'])}<br><small>{esc(run['dir'])}</small></li>" for run in runs)
    head = "<tr><th>Metric</th>" + "".join(f"<th>{esc(run['name'])}</th>" for run in runs) + "</tr>"
    body = []
    for row in rows:
        cls = "cat" if row["category"] else "task"
        tds = []
        for value, mark in zip(row["values"], row["marks"], strict=True):
            text = esc(_value_text(value, row["key"], with_ci=False))
            ci = value.get("ci") if value else None
            sub = f'<span class="ci">{esc(ci_text(ci))}</span>' if ci else ""
            css = {HIGHER: ' class="up"', LOWER: ' class="down"'}.get(mark, "")
            flag = f' <span class="m">{esc(mark)}</span>' if mark else ""
            tds.append(f"<td{css}>{text}{flag}{sub}</td>")
        body.append(f'<tr class="{cls}"><td>{esc(row["metric"])}</td>{"".join(tds)}</tr>')
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>Run comparison</title><style>{_CSS}</style></head><body><main>"
        f"<h1>Run comparison</h1><ul>{items}</ul>{_chart(comparison)}"
        f"<table><thead>{head}</thead><tbody>{''.join(body)}</tbody></table>"
        '<p class="note">Percent; small numbers: 95% bootstrap interval over pairs. ▲/▼ (shaded): the interval '
        f"does not overlap {esc(runs[0]['name']) if runs else 'the first run'}'s. Overlapping intervals do not "
        f"show that runs are equal.</p>{_paired_html(comparison)}"
        "</main></body></html>\n"
    )


def write_compare_html(comparison: dict[str, Any], path: Path | str) -> Path:
    """Write :func:`comparison_html` to ``path`` (a file, or a folder that gets ``compare.html``).

    Example:
        >>> import tempfile
        >>> write_compare_html({"runs": [], "rows": []}, tempfile.mkdtemp()).name
        'compare.html'
    """
    target = Path(path)
    if target.is_dir() or not target.suffix:
        target.mkdir(parents=True, exist_ok=True)
        target = target / COMPARE_HTML
    target.write_text(comparison_html(comparison), encoding="utf-8")
    return target


def cli_compare(run_dirs: Sequence[Path | str], out: Path | str | None = None, fmt: str = "text") -> int:
    """``mssbench-embodied compare``: print the comparison (``fmt``: ``text``, ``md``, ``csv``, ``latex``) and
    write the HTML page only when ``out`` is given.

    Returns 0, or 2 after one line on stderr when a folder cannot be compared.

    Example:
        >>> cli_compare(["/nonexistent-run"])
        2
    """
    try:
        comparison = compare_runs(run_dirs)
        if not comparison["runs"]:
            raise CompareError("give at least one run folder")
        render = {"text": format_compare, "md": to_markdown, "csv": to_csv, "latex": to_latex}.get(fmt)
        if render is None:
            raise CompareError(f"--format {fmt}: use one of text, md, csv, latex")
        text = render(comparison)
        path = write_compare_html(comparison, out) if out is not None else None
    except (CompareError, OSError) as exc:
        print(f"mssbench-embodied: error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    print(text, end="" if text.endswith("\n") else "\n")
    if path is not None:
        print(f"wrote {path}", file=sys.stderr if fmt != "text" else sys.stdout)
    return 0


__all__ = ["COMPARE_HTML", "CompareError", "cli_compare", "compare_runs", "comparison_html", "format_compare"]
