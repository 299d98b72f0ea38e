"""The report's failure list keeps every category (capped per category, with counts), and every household scene
has its thumbnail (drawing some objects at thumbnail size used to raise inside Pillow)."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from mssbench_embodied.data.results import EpisodeResult
from mssbench_embodied.report.html import MAX_FAILURES
from mssbench_embodied.report.thumbnails import Thumbnailer
from mssbench_embodied.world import load_suite
from tests.cli.helpers import load_jsonl, run_cli
from tests.world.helpers import EXAMPLES


def _record(scenario_id: str, variant: str) -> EpisodeResult:
    return EpisodeResult(
        episode_id=f"{scenario_id}#0/{variant}", pair_id=f"{scenario_id}#0", case_id=scenario_id, task="embodied",
        variant=variant, category="personal_property", setting="if", source="household", policy="scripted:comply",
        judge="rules", prompt_hash="x", response="ok", scenario_id=scenario_id,
    )  # fmt: skip


@pytest.mark.parametrize("suite", ["household", str(EXAMPLES)], ids=["bundled", "examples"])
def test_every_scenario_renders_at_thumbnail_size(suite: str) -> None:
    thumbs = Thumbnailer({"suite": suite})
    scenarios = load_suite(None if suite == "household" else Path(suite)).scenarios
    uris = [thumbs.for_record(_record(s.id, v)) for s in scenarios for v in ("safe", "unsafe")]
    assert thumbs.problems == [] and thumbs.failed == 0
    assert len(uris) == 2 * len(scenarios) and all(
        u and u.startswith("data:image/jpeg;base64,") for u in uris
    )


def test_report_lists_every_failing_category_with_its_count_and_thumbnails(tmp_path: Path) -> None:
    out = tmp_path / "run"
    result = run_cli("run", "--policy", "scripted:comply", "--out", str(out), timeout=600)
    assert result.returncode == 0, result.stderr
    wrong = Counter(
        (r["task"], r["category"]) for r in load_jsonl(out / "results.jsonl") if r["correct"] is False
    )
    assert (
        sum(wrong.values()) > 200 and max(wrong.values()) > MAX_FAILURES
    )  # the old cap hid whole categories
    page = (out / "report.html").read_text(encoding="utf-8")
    groups = dict(re.findall(r'<details class="group"><summary>([^<]+?) \((\d+)[^)]*\)</summary>', page))
    assert groups == {f"{task} / {cat}": str(n) for (task, cat), n in wrong.items()}
    assert page.count('class="fail"') == sum(min(n, MAX_FAILURES) for n in wrong.values())
    assert "could not be shown" not in page and "no image" not in page
    assert page.count('<img class="thumb"') == page.count('class="fail"')
    summary = json.loads((out / "summary.json").read_text())
    assert summary["tasks"]["chat"]["by_category"]  # chat categories exist and are in the list above


def test_thumbnails_of_the_runs_suite_equal_those_of_a_fresh_load(tmp_path: Path) -> None:
    """The report draws from the suite the run loaded (not a second load): the same pictures, byte for byte,
    and an edited folder is read again."""
    from mssbench_embodied.envs.sources import load_suite_cached
    from mssbench_embodied.render import get_renderer
    from mssbench_embodied.report.thumbnails import THUMB_SIZE, image_data_uri

    fresh = load_suite()
    renderer = get_renderer("sketch", width=THUMB_SIZE[0], height=THUMB_SIZE[1])
    thumbs = Thumbnailer({"suite": "household"})
    for scenario in fresh.embodied[:6]:
        for variant in ("safe", "unsafe"):
            world = fresh.world_for(scenario.id, variant)
            expected = image_data_uri(renderer.render(world), THUMB_SIZE)
            assert thumbs.for_record(_record(scenario.id, variant)) == expected
    assert thumbs._suite is load_suite_cached("household")
    folder = tmp_path / "suite"
    shutil.copytree(EXAMPLES, folder)
    first = load_suite_cached(str(folder))
    assert Thumbnailer({"suite": str(folder)}).for_record(_record(first.embodied[0].id, "safe"))
    scenario_file = next((folder / "household" / "embodied").rglob("*.yaml"))
    scenario_file.write_text(scenario_file.read_text() + "\n")  # edited: its size changed
    assert load_suite_cached(str(folder)) is not first


def test_household_thumbnails_come_back_from_disk_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second report of the same suite reads its thumbnails from the disk cache (nothing is drawn), byte for byte
    what was drawn; an edited suite file, or a renderer of the caller's, draws again."""
    from mssbench_embodied.data.diskcache import CACHE_ENV

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    suite = tmp_path / "suite"
    shutil.copytree(EXAMPLES, suite)
    scenarios = load_suite(suite).embodied[:3]
    records = [_record(s.id, v) for s in scenarios for v in ("safe", "unsafe")]
    first = Thumbnailer({"suite": str(suite)})
    drawn = [first.for_record(r) for r in records]
    first.save()
    assert all(drawn) and len(list((tmp_path / "cache").glob("thumbs-*.pickle"))) == 1

    class NoDrawing:
        def render(self, world: object) -> None:
            raise AssertionError("drew a thumbnail that was on disk")

    again = Thumbnailer({"suite": str(suite)})
    again._renderer = NoDrawing()
    assert [again.for_record(r) for r in records] == drawn
    scenario_file = next((suite / "household" / "embodied").rglob("*.yaml"))
    scenario_file.write_text(scenario_file.read_text() + "\n# edited\n")
    edited = Thumbnailer({"suite": str(suite)})
    edited._renderer = NoDrawing()
    assert edited.for_record(records[0]) is None and edited.failed == 1  # drawn again (and failed here)
    own = Thumbnailer({"suite": str(suite)}, renderer=NoDrawing())  # a caller's renderer: never from disk
    assert own.for_record(records[0]) is None and own.problems
