"""``report.html``: one self-contained page per run (inline CSS and SVG, embedded thumbnails, no network).

Sections: the paper's headline table (with the published rows beside MSSBench runs), per-category bars,
a safe-vs-unsafe scatter, household execution rates and the awareness-action gap, the per-category breakdown,
and a browsable list of failures (``<details>`` grouped by task and category; a filter box appears when
JavaScript runs, the page works fully without it).

Model text is inert: everything is escaped with :func:`html.escape` and never placed in a script, style or
attribute; a Content-Security-Policy allows only the page's own inline script (by hash) and ``data:`` images.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from mssbench_embodied.report.summary import summarize
    >>> out = Path(tempfile.mkdtemp())
    >>> write_report(out, [], summarize([], {"policy": "scripted:comply"})).name
    'report.html'
    >>> sorted(p.name for p in out.iterdir())
    ['report.html', 'report.md']
"""

from __future__ import annotations

import base64
import hashlib
import os
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from mssbench_embodied.data.results import EpisodeResult
from mssbench_embodied.report.common import failures, pct, run_label, task_names, verdict
from mssbench_embodied.report.figures import figures_html
from mssbench_embodied.report.filmstrip import FILM_CSS, filmstrip_html, process_table
from mssbench_embodied.report.markdown import render_markdown
from mssbench_embodied.report.tables import (
    breakdown_table,
    esc,
    headline_table,
    household_table,
    judge_audit_table,
)
from mssbench_embodied.report.thumbnails import Thumbnailer

REPORT_HTML = "report.html"
REPORT_MD = "report.md"
#: Failures listed in the page per task and category (the rest stay in results.jsonl), so that one large category
#: never crowds the others out; each group's heading shows its full count.
MAX_FAILURES = 50
#: Longest response shown per failure, in characters.
MAX_TEXT = 4000

CSS = """
:root{--ink:#1f2328;--muted:#626a73;--rule:#24292f;--safe:#3b6ea8;--unsafe:#c8553d;--bg:#f4f4f1}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);
 font:15px/1.55 Charter,"Bitstream Charter","Sitka Text",Cambria,Georgia,"Times New Roman",serif}
main{max-width:1000px;margin:24px auto;padding:36px 48px 56px;background:#fff;border:1px solid #e2e2dc}
h1{font-size:27px;line-height:1.2;margin:0 0 6px;font-weight:600}
h2{font-size:19px;margin:38px 0 10px;padding-bottom:4px;border-bottom:1px solid #d0d0c8;font-weight:600}
h3{font-size:15px;margin:18px 0 6px}
.sub{color:var(--muted);font-size:14px;margin:0}
.meta{font:12.5px/1.6 ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;color:var(--muted);margin:10px 0 0}
.note{color:var(--muted);font-size:13.5px}
table{border-collapse:collapse;font-variant-numeric:tabular-nums;font-size:13.5px;margin:10px 0 4px;width:100%}
table.bt{border-top:2px solid var(--rule);border-bottom:2px solid var(--rule)}
table.bt thead tr:last-child th{border-bottom:1px solid var(--rule)}
th,td{padding:3px 9px;text-align:right;vertical-align:top}
th{font-weight:600}
th:first-child,td:first-child{text-align:left}
th.group{text-align:center;border-bottom:1px solid #9aa0a6}
thead th[rowspan]{vertical-align:bottom}
tbody.published td{color:#5b6168}
tbody.this tr.run td{font-weight:700;background:#eef3f9;border-top:1px solid var(--rule)}
tr.task td{font-weight:600;border-top:1px solid #c9ccd0}
tr.cat td:first-child{padding-left:22px}
.ci{display:block;font-size:10.5px;color:var(--muted);font-weight:400;line-height:1.2}
caption{caption-side:bottom;text-align:left;font-size:12.5px;color:var(--muted);padding-top:8px;line-height:1.45}
figure{margin:18px 0 8px}
figcaption{font-size:12.5px;color:var(--muted);margin-top:4px}
figure svg{max-width:100%;height:auto;display:block}
.figrow{display:flex;flex-wrap:wrap;gap:18px;align-items:flex-start}
.figrow figure{flex:1 1 420px;margin:8px 0}
.kpis{display:flex;flex-wrap:wrap;gap:10px;margin:16px 0 0}
.kpi{border:1px solid #dcdcd6;border-top:3px solid #24292f;padding:6px 10px;flex:1 1 0;min-width:104px}
.kpi b{display:block;font-size:20px;font-variant-numeric:tabular-nums}
.kpi span{font-size:12px;color:var(--muted)}
details.group{margin:6px 0;border-top:1px solid #e1e1dc}
details.group>summary{cursor:pointer;padding:6px 0;font-weight:600}
details.fail{border:1px solid #e4e4df;margin:6px 0 6px 14px;background:#fcfcfb}
details.fail>summary{cursor:pointer;display:flex;gap:12px;align-items:center;padding:6px;list-style:none}
details.fail>summary::-webkit-details-marker{display:none}
details.fail[open]>summary{border-bottom:1px solid #e4e4df}
img.thumb{width:112px;height:84px;object-fit:cover;border:1px solid #d6d6d0;flex:none;background:#eee}
details.fail[open] img.thumb{width:224px;height:168px}
.noimg{width:112px;height:84px;flex:none;border:1px dashed #ccc;color:#999;font-size:11px;
 display:flex;align-items:center;justify-content:center}
.fid{font:12px ui-monospace,"DejaVu Sans Mono",Menlo,monospace;color:var(--muted)}
.why{font-size:13.5px}
.why.unsafe{color:#9c3a25}.why.safe{color:#2d5584}
.ins{font-size:14px}
dl{margin:0;padding:8px 12px;display:grid;grid-template-columns:110px 1fr;gap:4px 12px;font-size:13.5px}
dt{color:var(--muted)}dd{margin:0}
pre{white-space:pre-wrap;word-break:break-word;margin:0;font:12.5px/1.5 ui-monospace,"DejaVu Sans Mono",Menlo,monospace;
 background:#f6f6f3;padding:6px 8px;border-left:3px solid #d0d0c8}
#q{font:inherit;font-size:14px;padding:5px 9px;width:100%;max-width:420px;margin:6px 0;border:1px solid #bbb}
footer{margin-top:40px;font-size:12px;color:var(--muted)}
"""

SCRIPT = (
    "(function(){var q=document.getElementById('q');if(!q)return;q.hidden=false;"
    "q.addEventListener('input',function(){var t=q.value.toLowerCase();"
    "document.querySelectorAll('details.fail').forEach(function(d){"
    "d.hidden=t!==''&&d.textContent.toLowerCase().indexOf(t)<0;});"
    "document.querySelectorAll('details.group').forEach(function(g){if(t!=='')g.open=true;});});})();"
)


def _csp() -> str:
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )


def _kpis(summary: dict[str, Any]) -> str:
    overall = summary.get("overall", {})
    items = [(pct(overall.get("avg")), "overall avg (weighted)")]
    for name in task_names(summary):
        block = summary["tasks"][name]
        items.append((pct(block.get("avg")), f"{name} avg"))
        items.append((pct(block.get("unsafe_miss_rate")), f"{name} unsafe miss rate"))
        if "hazard_rate" in block:
            items.append((pct(block.get("hazard_rate")), f"{name} hazard rate"))
    items.append((str(overall.get("errors", 0)), "errors (excluded)"))
    cascade = summary.get("run", {}).get("judge_stats")
    if cascade:
        items.append((pct(cascade.get("share_escalated")), "judged by the LLM (cascade)"))
        items.append((str(cascade.get("llm_calls", 0)), "judge LLM calls"))
        tokens = (cascade.get("prompt_tokens") or 0) + (cascade.get("completion_tokens") or 0)
        items.append((str(tokens), "judge tokens"))
        items.append((pct(cascade.get("agreement")), "offline vs. LLM judge agreement"))
    return (
        '<div class="kpis">'
        + "".join(f'<div class="kpi"><b>{esc(v)}</b><span>{esc(k)}</span></div>' for v, k in items)
        + "</div>"
    )


def _failure_item(record: EpisodeResult, thumbs: Thumbnailer, run_dir: Path | None = None) -> str:
    uri = thumbs.for_record(record)
    image = (
        f'<img class="thumb" src="{esc(uri)}" alt="episode image">'
        if uri
        else '<div class="noimg">no image</div>'
    )
    instruction = record.instruction or ""
    response = record.response or ""
    if len(response) > MAX_TEXT:
        response = response[:MAX_TEXT] + f"\n[... {len(record.response or '') - MAX_TEXT} more characters]"
    rows = [("Instruction", esc(instruction)), ("Response", f"<pre>{esc(response)}</pre>")]
    rows.append(("Label", esc("-" if record.label is None else record.label)))
    if record.answer is not None or not record.parsed:
        rows.append(("Answer", esc(record.answer or "unparsed")))
    if record.hazards or record.refused is not None or record.goal_reached is not None:  # executed plans
        rows.append(("Hazards", esc(", ".join(record.hazards) or "none")))
        messages = record.extra.get("hazard_messages")
        if messages:
            rows.append(("What happened", esc("; ".join(str(m) for m in messages))))
    for key, title in (("refused", "Refused"), ("mitigated", "Mitigated"), ("goal_reached", "Goal reached")):
        if getattr(record, key) is not None:
            rows.append((title, esc(getattr(record, key))))
    if record.hazard:
        rows.append(("Scenario hazard", esc(record.hazard)))
    review = record.extra.get("judge_review")
    if review:
        rows.append(("Judge", f"<pre>{esc(review)}</pre>"))
    film = filmstrip_html(record, run_dir)
    if film:  # an interactive episode: its frames, the hazard step marked
        rows.append(("Steps", film))
    body = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    return (
        f'<details class="fail"><summary>{image}<div><div class="fid">{esc(record.episode_id)}</div>'
        f'<div class="why {esc(record.variant)}">{esc(verdict(record))}</div>'
        f'<div class="ins">{esc(instruction[:160])}</div></div></summary><dl>{body}</dl></details>'
    )


def _failures_section(
    records: Sequence[EpisodeResult], summary: dict[str, Any], max_failures: int, run_dir: Path | None = None
) -> str:
    wrong = failures(records)
    errors = [r for r in records if r.error is not None]
    thumbs = Thumbnailer(summary.get("run", {}))
    parts = [f"<h2>Failures ({len(wrong)})</h2>"]
    if not wrong:
        parts.append('<p class="note">No wrong episodes.</p>')
    else:
        groups: dict[tuple[str, str], list[EpisodeResult]] = {}
        for r in wrong:
            groups.setdefault((r.task, r.category), []).append(r)
        capped = any(len(items) > max_failures for items in groups.values())
        more = (
            f" At most {max_failures} per task and category are listed (the first); all are in results.jsonl."
            if capped
            else ""
        )
        parts.append(
            '<p class="note">Episodes scored wrong: unsafe situations handled as safe, safe ones refused or '
            f"flagged. Open a group, then an episode, to read its instruction and response.{esc(more)}</p>"
        )
        parts.append('<input id="q" type="search" placeholder="Filter failures by any text" hidden>')
        for (task, cat), items in groups.items():
            count = (
                f"{len(items)}"
                if len(items) <= max_failures
                else f"{len(items)}, first {max_failures} listed"
            )
            parts.append(f'<details class="group"><summary>{esc(task)} / {esc(cat)} ({count})</summary>')
            parts += [_failure_item(r, thumbs, run_dir) for r in items[:max_failures]]
            parts.append("</details>")
    if errors:
        parts.append(f'<h3>Errors ({len(errors)}, excluded from all rates)</h3><details class="group">')
        parts.append("<summary>show</summary><dl>")
        parts += [f"<dt>{esc(r.episode_id)}</dt><dd>{esc(r.error)}</dd>" for r in errors[:max_failures]]
        parts.append("</dl></details>")
    thumbs.save()
    if thumbs.problems:
        parts.append(
            f'<p class="note">{thumbs.failed} image(s) could not be shown: {esc("; ".join(thumbs.problems))}</p>'
        )
    return "\n".join(parts)


def render_html(
    summary: dict[str, Any],
    results: Iterable[EpisodeResult],
    *,
    max_failures: int = MAX_FAILURES,
    run_dir: Path | None = None,
) -> str:
    """The report page as a string.

    Args:
        summary: The run's summary (``summarize``).
        results: The run's records (for the failure list and thumbnails).
        max_failures: Failures listed at most per task and category (every group keeps its full count).
        run_dir: The run folder (interactive episodes' frames are read from it for their filmstrips).

    Example:
        >>> from mssbench_embodied.report.summary import summarize
        >>> page = render_html(summarize([], {"policy": "<b>x</b>"}), [])
        >>> "&lt;b&gt;x&lt;/b&gt;" in page and "<b>x</b>" not in page
        True
    """
    records = list(results)
    run = summary.get("run", {})
    meta = "  ·  ".join(
        f"{k} {v}"
        for k, v in run.items()
        if k in ("policy", "judge", "setting", "task", "data", "suite", "seed") and v not in (None, "")
    )
    intervals = summary.get("intervals", {})
    body = [
        "<header><h1>Multimodal situational safety report</h1>",
        f'<p class="sub">{esc(run_label(summary))}</p>',
        f'<p class="meta">{esc(meta)}</p>',
        f"{_kpis(summary)}</header>",
        "<h2>Results in the paper's layout</h2>",
        headline_table(summary),
        "<h2>Figures</h2>",
        figures_html(summary),
    ]
    house = household_table(summary)
    if house:
        body += ["<h2>Household: what the plans did</h2>", house]
    audit = judge_audit_table(summary)
    if audit:
        body += ["<h2>Judge audit: said vs. did</h2>", audit]
    process = process_table(summary)
    if process:
        body += ["<h2>Interactive episodes: step by step</h2>", process]
    body += ["<h2>Breakdown by category</h2>", breakdown_table(summary)]
    body.append(_failures_section(records, summary, max_failures, run_dir))
    body.append(
        f"<footer>Generated by mssbench-embodied on {esc(time.strftime('%Y-%m-%d %H:%M'))}. "
        f"Intervals: {esc(intervals.get('n_resamples', ''))} bootstrap resamples of pairs, seed "
        f"{esc(intervals.get('seed', ''))}. Self-contained page: no network access, no external files.</footer>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(_csp())}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc('MSSBench report: ' + run_label(summary))}</title><style>{CSS}{FILM_CSS}</style></head>"
        f"<body><main>{''.join(body)}</main><script>{SCRIPT}</script></body></html>\n"
    )


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_report(out_dir: Path, results: Iterable[EpisodeResult], summary: dict[str, Any]) -> Path:
    """Write ``report.html`` and ``report.md`` into ``out_dir``; returns the HTML path.

    Example:
        >>> import tempfile
        >>> from mssbench_embodied.report.summary import summarize
        >>> write_report(Path(tempfile.mkdtemp()), [], summarize([], {})).suffix
        '.html'
    """
    records = list(results)
    out = Path(out_dir)
    html_path = out / REPORT_HTML
    _write_atomic(html_path, render_html(summary, records, run_dir=out))
    _write_atomic(out / REPORT_MD, render_markdown(summary, records))
    return html_path


__all__ = ["MAX_FAILURES", "REPORT_HTML", "REPORT_MD", "render_html", "write_report"]
