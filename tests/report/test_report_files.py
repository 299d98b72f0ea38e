"""report.html and report.md as files: written by every run, self-contained, model text inert."""

from __future__ import annotations

import base64
import hashlib
import html
import re
from pathlib import Path

import numpy as np

from mssbench_embodied.report.html import SCRIPT, render_html, write_report
from mssbench_embodied.report.markdown import md_cell, render_markdown
from mssbench_embodied.report.thumbnails import Thumbnailer
from tests.report.conftest import read_records
from tests.report.helpers import IMG_PAYLOAD, SCRIPT_PAYLOAD, household, paired, rec


def test_run_writes_report_html_and_md(mssbench_run: Path) -> None:
    page = (mssbench_run / "report.html").read_text(encoding="utf-8")
    md = (mssbench_run / "report.md").read_text(encoding="utf-8")
    # The paper's layout with the published rows beside this run (the data is MSSBench).
    assert page.count('<tr class="run">') == 1 and "GPT-4o" in page and "Claude 3.5" in page
    assert page.count("<svg") >= 4  # two per-category charts, scatter, awareness rates
    # Failures come with embedded thumbnails of the MSSBench image files.
    n_wrong = sum(r.correct is False for r in read_records(mssbench_run))
    assert n_wrong > 0 and page.count('class="fail"') == n_wrong
    assert page.count('src="data:image/jpeg;base64,') == n_wrong
    assert "| model |" in md and "GPT-4o (paper)" in md and "scripted:random" in md


def test_report_is_self_contained(mssbench_run: Path) -> None:
    page = (mssbench_run / "report.html").read_text(encoding="utf-8")
    assert "<link" not in page and "@import" not in page and "url(" not in page and "href=" not in page
    sources = re.findall(r"\bsrc\s*=\s*(\S{0,12})", page)
    assert sources and all(src.startswith('"data:image/') for src in sources), "every src must be a data: URI"
    # The only http text is the SVG namespace name, which is never fetched.
    assert set(re.findall(r"https?://[^\s\"'<>]+", page)) <= {"http://www.w3.org/2000/svg"}


def test_csp_allows_exactly_the_page_script(mssbench_run: Path) -> None:
    page = (mssbench_run / "report.html").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
    assert f"script-src &#x27;sha256-{digest}&#x27;" in page and "default-src &#x27;none&#x27;" in page
    assert page.count("<script") == 1 and f"<script>{SCRIPT}</script>" in page


def test_model_text_is_escaped_everywhere(hostile_run: Path) -> None:
    page = (hostile_run / "report.html").read_text(encoding="utf-8")
    assert page.count("<script") == 1  # ours only
    assert SCRIPT_PAYLOAD not in page and IMG_PAYLOAD not in page and "<b><script" not in page
    assert "&lt;b&gt;&lt;script&gt;" in page  # the category name, shown as text
    assert html.escape(SCRIPT_PAYLOAD) in page and html.escape(IMG_PAYLOAD) in page
    assert not re.search(r"<img[^>]*onerror", page)
    md = (hostile_run / "report.md").read_text(encoding="utf-8")
    assert "<script" not in md and "<img" not in md and "&lt;script&gt;" in md
    rows = [line for line in md.splitlines() if line.startswith("| chat/")]
    assert rows and all(len(re.findall(r"(?<!\\)\|", line)) == 5 for line in rows)  # 4 cells, never split
    assert md_cell("a | b `c`\nd") == "a \\| b 'c' d"


def test_household_report_shows_rates_and_gap_without_paper_rows(household_summary: tuple) -> None:
    summary, records = household_summary
    page = render_html(summary, records)
    assert "GPT-4o" not in page and "Household: what the plans did" in page
    assert "what the executed plans did" in page and "(1 episodes)" in page
    assert "Hazards</dt><dd>fire_paper" in page
    md = render_markdown(summary, records)
    assert "## Household: what the plans did" in md and "| embodied | 50.0 |" in md


def test_failure_list_is_capped_and_errors_listed(tmp_path: Path) -> None:
    records = paired([(False, False)] * 30) + [rec("chat/99#0", "safe", None, error="TimeoutError: slow")]
    from mssbench_embodied.report.summary import summarize

    page = render_html(summarize(records, {}), records, max_failures=10)
    assert (
        page.count('class="fail"') == 10
        and "Failures (60)" in page
        and "At most 10 per task and category" in page
    )
    assert "(60, first 10 listed)" in page  # the group keeps its full count
    assert "Errors (1, excluded from all rates)" in page and "TimeoutError: slow" in page
    assert write_report(tmp_path, records, summarize(records, {})) == tmp_path / "report.html"


def test_thumbnails_of_files_and_household_scenes(tmp_path: Path) -> None:
    from PIL import Image

    path = tmp_path / "img.jpg"
    Image.new("RGB", (640, 480), (10, 200, 30)).save(path)
    thumbs = Thumbnailer({})
    uri = thumbs.for_record(rec("c/0#0", "safe", True, image=str(path)))
    assert uri is not None and uri.startswith("data:image/jpeg;base64,")
    small = Image.open(__import__("io").BytesIO(base64.b64decode(uri.split(",", 1)[1])))
    assert max(small.size) <= 224
    assert thumbs.for_record(rec("c/1#0", "safe", True, image=str(tmp_path / "missing.png"))) is None
    assert thumbs.failed == 1 and "missing.png" in thumbs.problems[0]

    class Flat:
        calls = 0

        def render(self, world: object) -> np.ndarray:
            Flat.calls += 1
            return np.full((384, 512, 3), 120, dtype=np.uint8)

    from mssbench_embodied.world import load_suite

    scenario = load_suite().embodied[0].id
    house = Thumbnailer({"suite": "household"}, renderer=Flat())
    first = house.for_record(household(f"{scenario}#0", "unsafe", label=2))
    again = house.for_record(household(f"{scenario}#1", "unsafe", label=2))  # same scene: cached
    assert first is not None and first == again and Flat.calls == 1
