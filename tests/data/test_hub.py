"""--data hf:OWNER/NAME[@REV] read offline (HF_HUB_OFFLINE=1) from a cache laid out the way huggingface_hub lays
it out (blobs, refs, snapshots of symlinks), validated as a local folder, with the resolved commit in run.json."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("huggingface_hub")

import mssbench_embodied as mb  # noqa: E402
from mssbench_embodied.data.hub import parse_hub_spec, resolve_hub_data  # noqa: E402
from tests.mssbench_fixture import make_mssbench  # noqa: E402

REPO = "kzhou35/mssbench"
MAIN = "a" * 40
V1 = "b" * 40


def add_snapshot(cache: Path, repo: str, commit: str, refs: list[str], source: Path) -> None:
    """Put ``source``'s files into the cache as huggingface_hub does: content-addressed blobs, and a snapshot
    folder for ``commit`` of relative symlinks to them; each ref (branch or tag) names the commit."""
    storage = cache / f"datasets--{repo.replace('/', '--')}"
    for ref in refs:
        (storage / "refs").mkdir(parents=True, exist_ok=True)
        (storage / "refs" / ref).write_text(commit)  # no newline, as huggingface_hub writes it
    for file in sorted(p for p in source.rglob("*") if p.is_file()):
        data = file.read_bytes()
        blob = storage / "blobs" / hashlib.sha256(data).hexdigest()
        blob.parent.mkdir(parents=True, exist_ok=True)
        blob.write_bytes(data)
        link = storage / "snapshots" / commit / file.relative_to(source)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(os.path.relpath(blob, link.parent))


@pytest.fixture
def hub_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "hf" / "hub"
    add_snapshot(cache, REPO, MAIN, ["main"], make_mssbench(tmp_path / "main", n_chat=4, n_embodied=2))
    add_snapshot(cache, REPO, V1, ["v1"], make_mssbench(tmp_path / "v1", n_chat=2, n_embodied=1))
    monkeypatch.setenv("HF_HUB_CACHE", str(cache))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return cache


def test_offline_cache_runs_and_records_the_revision(hub_cache: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    log = mb.evaluate(data=f"hf:{REPO}", task="chat", policy="scripted:oracle", out=out)
    assert log.data_revision == MAIN and log.summary.tasks["chat"].avg == 1.0
    assert log.summary.tasks["chat"].n_pairs == 9  # 4 chat items, 2-3 queries each
    config = json.loads((out / "run.json").read_text())["config"]
    assert (config["data_spec"], config["data_revision"]) == (f"hf:{REPO}", MAIN)
    assert (
        Path(config["data"]).is_relative_to(hub_cache) and (Path(config["data"]) / "combined.json").is_file()
    )


def test_a_tag_resolves_to_its_commit(hub_cache: Path) -> None:
    hub = resolve_hub_data(f"hf:{REPO}@v1")
    assert (hub.repo_id, hub.requested, hub.revision) == (REPO, "v1", V1)
    assert resolve_hub_data(f"hf:{REPO}@{V1}").path == hub.path  # a commit is looked up directly


def test_cli_run_from_the_cache_in_a_fresh_process(hub_cache: Path, tmp_path: Path) -> None:
    out = tmp_path / "cli"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mssbench_embodied",
            "run",
            "--data",
            f"hf:{REPO}@v1",
            "--task",
            "embodied",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ},
    )
    assert done.returncode == 0, done.stderr
    assert json.loads((out / "run.json").read_text())["config"]["data_revision"] == V1


def test_offline_and_not_cached_is_one_line_saying_how_to_get_it(hub_cache: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mssbench_embodied",
            "run",
            "--data",
            "hf:someone/other@v9",
            "--out",
            str(tmp_path / "x"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ},
    )
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "huggingface-cli download someone/other --repo-type dataset --revision v9" in done.stderr
    assert "HF_HUB_OFFLINE" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "x").exists()


def test_a_snapshot_that_is_not_mssbench_is_refused(hub_cache: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "README.md").write_text("not it")
    add_snapshot(hub_cache, "someone/readme-only", "c" * 40, ["main"], other)
    with pytest.raises(mb.ConfigError, match="holds no combined.json"):
        mb.evaluate(data="hf:someone/readme-only", task="chat")


@pytest.mark.parametrize("spec", ["hf:nope", "hf:a/b@", "hf:/x"])
def test_malformed_specs(spec: str) -> None:
    with pytest.raises(mb.ConfigError, match="hf:OWNER/NAME"):
        parse_hub_spec(spec)


def test_validate_and_list_read_the_same_snapshot(hub_cache: Path, capsys: pytest.CaptureFixture) -> None:
    from mssbench_embodied.cli.main import main

    assert main(["validate", f"hf:{REPO}@v1"]) == 0
    assert "MSSBench folder, 2 chat and 1 embodied items" in capsys.readouterr().out
    assert main(["list", "--data", f"hf:{REPO}", "--json"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 4 + 2  # 4 chat and 2 embodied cases of main
