"""The reports opened in real headless Chromium (Debian ``chromium``): they render, and model text stays inert."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from mssbench_embodied.report.compare import cli_compare

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None, reason="Debian 'chromium' is not installed (apt-get install chromium)"
    ),
]


def chromium(url: Path, *args: str) -> str:
    """Run headless Chromium on a local file with a fresh profile; returns stdout (e.g. the dumped DOM)."""
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory() as profile:
        cmd = [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            *args,
            url.resolve().as_uri(),
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_report_renders_table_and_charts(mssbench_run: Path) -> None:
    dom = chromium(mssbench_run / "report.html", "--dump-dom")
    assert dom.count('<tr class="run">') == 1
    assert len(re.findall(r"<tbody class=\"published\">.*?</tbody>", dom, re.S)[0].split("<tr>")) == 9
    assert dom.count("<svg") >= 4 and dom.count("<rect") > 20
    assert "<title>MSSBench report: scripted:random" in dom
    # The page's own script ran (the CSP allows it by hash): the filter box is no longer hidden.
    assert re.search(r'<input id="q" type="search" placeholder="[^"]*">', dom)


def test_report_screenshot_is_not_blank(mssbench_run: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    chromium(mssbench_run / "report.html", f"--screenshot={shot}", "--window-size=1100,2400")
    image = np.asarray(Image.open(shot).convert("RGB"), dtype=np.int16)
    assert image.shape[:2] == (2400, 1100)
    assert image.std() > 20  # not a flat page
    colours = {tuple(c) for c in image[::7, ::7].reshape(-1, 3)}
    assert len(colours) > 50
    # The bar colours of the charts are on screen (safe blue #3b6ea8, unsafe red #c8553d).
    flat = image.reshape(-1, 3)
    for rgb in ((0x3B, 0x6E, 0xA8), (0xC8, 0x55, 0x3D)):
        assert (np.abs(flat - np.array(rgb)).sum(axis=1) < 12).sum() > 500


def test_injected_markup_does_not_run(hostile_run: Path) -> None:
    dom = chromium(hostile_run / "report.html", "--dump-dom")
    assert "pwned</title>" not in dom and "<title>MSSBench report: evil&lt;script&gt;" in dom
    assert "data-pwned" not in dom.split("<body", 1)[1].split(">", 1)[0]
    assert not re.search(r"<img[^>]*src=\"x\"", dom) and not re.search(r"<img[^>]*onerror", dom)
    assert dom.count("<script") == 1
    # The text is there, as text.
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom


def test_report_works_without_javascript(hostile_run: Path, tmp_path: Path) -> None:
    # JavaScript off means the page's script never runs: strip it and look at the DOM as Chromium builds it.
    page = (hostile_run / "report.html").read_text(encoding="utf-8")
    without = tmp_path / "nojs.html"
    without.write_text(re.sub(r"<script>.*?</script>", "", page, flags=re.S), encoding="utf-8")
    dom = chromium(without, "--dump-dom")
    assert re.search(r'<input id="q"[^>]*hidden', dom)  # the filter box stays hidden: nothing half-works
    assert dom.count('class="fail"') == 6 and dom.count("<svg") == 3 and "<details" in dom
    # And it paints. (Chromium's headless dump/screenshot need scripting on, so the script is removed instead.)
    shot = tmp_path / "nojs.png"
    chromium(without, f"--screenshot={shot}")
    assert np.asarray(Image.open(shot).convert("L"), dtype=float).std() > 20


def test_compare_page_renders_both_runs(mssbench_run: Path, hostile_run: Path, tmp_path: Path) -> None:
    assert cli_compare([mssbench_run, hostile_run], out=tmp_path) == 0
    dom = chromium(tmp_path / "compare.html", "--dump-dom")
    assert "run-random: scripted:random" in dom and "run-hostile: evil&lt;script&gt;" in dom
    assert dom.count("<tr") > 10 and "<title>Run comparison</title>" in dom
