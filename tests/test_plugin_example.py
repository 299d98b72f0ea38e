"""The worked plug-in package in examples/plugin, installed for real by pip (into a folder of its own, not into this
environment), adds its policy kind to a fresh ``mssbench-embodied`` process through its entry point."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.plugin_site import cli_with_site

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "plugin"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    pytest.importorskip("setuptools")  # the example's build backend (no download: --no-build-isolation)
    source = tmp_path_factory.mktemp("src") / "plugin"
    shutil.copytree(EXAMPLE, source)  # setuptools builds in the source folder: keep the repository clean
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
         "--target", str(target), str(source)],
        capture_output=True, text=True, timeout=180, cwd=tmp_path_factory.mktemp("build"),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert any(p.name.startswith("mssbench_plugin_example-0.1.0") for p in target.glob("*.dist-info"))
    return target


def test_the_installed_example_policy_runs(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    done = cli_with_site(
        site, "run", "--policy", "cautious:stove,oven,burner", "--task", "embodied", "--limit", "4",
        "--out", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert len(records) == 8 and {r["policy"] for r in records} == {"cautious:stove,oven,burner"}
    assert {r["response"][:5] for r in records} <= {"Sorry", "Sure,"}
    summary = json.loads((out / "summary.json").read_text())["tasks"]["embodied"]
    assert summary["avg"] <= 0.5  # blind to the image: never better than chance on a pair


def test_the_installed_example_setting_runs(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    done = cli_with_site(
        site, "run", "--setting", "ask-unsafe", "--policy", "scripted:oracle", "--limit", "2",
        "--out", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert len(records) == 8 and {r["setting"] for r in records} == {"ask-unsafe"}
    assert all(r["answer"] == ("yes" if r["variant"] == "unsafe" else "no") for r in records)  # Yes = unsafe
    tasks = json.loads((out / "summary.json").read_text())["tasks"]
    assert tasks["chat"]["avg"] == tasks["embodied"]["avg"] == 1.0
