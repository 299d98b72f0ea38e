"""The on-disk memo of loaded suites: a hit only for the same file contents and code, anything broken is rebuilt,
``off`` writes nothing, and a run reading the suite from it records exactly what a run that parsed it records."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from mssbench_embodied.data import diskcache
from mssbench_embodied.data.diskcache import CACHE_ENV, memo
from mssbench_embodied.envs import sources
from mssbench_embodied.world import load_suite
from mssbench_embodied.world.scenario import ScenarioError
from tests.cli.helpers import cli_env, run_cli
from tests.world.helpers import EXAMPLES


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


def counting(value: Any) -> tuple[list[int], Any]:
    calls: list[int] = []

    def build() -> Any:
        calls.append(1)
        return value

    return calls, build


def test_hit_only_for_the_same_contents_and_code(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "a.yaml"
    src.write_text("x: 1\n")
    calls, build = counting({"x": 1})
    assert memo("t", [src], build) == memo("t", [src], build) == {"x": 1} and len(calls) == 1
    os.utime(src, ns=(1, 1))  # a touched file with the same bytes is the same input
    assert memo("t", [src], build) == {"x": 1} and len(calls) == 1
    src.write_text("x: 2\n")
    assert memo("t", [src], build) == {"x": 1} and len(calls) == 2  # built again: the contents changed
    assert memo("other", [src], build) and len(calls) == 3  # another kind, another entry
    monkeypatch.setattr(diskcache, "code_fingerprint", lambda: b"edited code")
    assert memo("t", [src], build) and len(calls) == 4  # the package's code changed


def test_broken_entries_are_rebuilt_and_off_writes_nothing(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "a.yaml"
    src.write_text("x: 1\n")
    calls, build = counting([1, 2, 3])
    memo("t", [src], build)
    (entry,) = cache.glob("t-*.pickle")
    entry.write_bytes(entry.read_bytes()[:-5])  # truncated
    assert memo("t", [src], build) == [1, 2, 3] and len(calls) == 2
    entry.write_bytes(b"something else entirely")
    assert memo("t", [src], build) == [1, 2, 3] and len(calls) == 3
    assert memo("t", [src], build) == [1, 2, 3] and len(calls) == 3  # rewritten whole
    with pytest.raises(FileNotFoundError):  # a missing input is the builder's to report
        memo("t", [tmp_path / "gone.yaml"], lambda: (tmp_path / "gone.yaml").read_text())
    monkeypatch.setenv(CACHE_ENV, "off")
    shutil.rmtree(cache)
    assert memo("t", [src], build) == [1, 2, 3] and len(calls) == 4 and not cache.exists()
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setenv(CACHE_ENV, str(blocked / "sub"))  # cannot be created: the cache is just not used
    assert memo("t", [src], build) == [1, 2, 3] and len(calls) == 5


def test_old_entries_are_pruned(cache: Path, tmp_path: Path) -> None:
    for i in range(diskcache.KEEP + 3):
        src = tmp_path / f"{i}.yaml"
        src.write_text(str(i))
        memo("t", [src], lambda i=i: i)
    assert len(list(cache.glob("t-*.pickle"))) == diskcache.KEEP


def test_a_suite_folder_is_read_again_when_a_file_is_added_or_edited(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "suite"
    shutil.copytree(EXAMPLES, folder)
    loads: list[Path] = []

    def counted(root: Path | None = None) -> Any:
        loads.append(Path(str(root)))
        return load_suite(root)

    monkeypatch.setattr("mssbench_embodied.world.load_suite", counted)
    first = sources.load_suite_cached(str(folder))
    sources._SUITE_CACHE.clear()  # a new process: only the disk cache is left
    again = sources.load_suite_cached(str(folder))
    assert len(loads) == 1 and [s.id for s in again.scenarios] == [s.id for s in first.scenarios]
    scenario = next((folder / "household" / "embodied").rglob("*.yaml"))
    scenario.write_text(scenario.read_text() + "\n# edited\n")
    sources._SUITE_CACHE.clear()
    sources.load_suite_cached(str(folder))
    assert len(loads) == 2
    (folder / "household" / "stray.yml").write_text(scenario.read_text())  # a file no loader reads: refused
    sources._SUITE_CACHE.clear()
    with pytest.raises(ScenarioError, match="stray.yml"):
        sources.load_suite_cached(str(folder))


def _records(out: Path) -> dict[str, dict[str, Any]]:
    rows = {}
    for line in (out / "results.jsonl").read_text().splitlines():
        row = json.loads(line)
        rows[row["episode_id"]] = {k: v for k, v in row.items() if k != "latency_s"}
    return rows


def test_a_run_from_the_cached_suite_records_the_same(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    args = ["run", "--policy", "scripted:random", "--seed", "5", "--limit", "12"]
    parsed = run_cli(*args, "--out", str(tmp_path / "off"), env=cli_env(**{CACHE_ENV: "off"}))
    stored = run_cli(*args, "--out", str(tmp_path / "store"), env=cli_env(**{CACHE_ENV: str(cache)}))
    read = run_cli(*args, "--out", str(tmp_path / "read"), env=cli_env(**{CACHE_ENV: str(cache)}))
    assert parsed.returncode == stored.returncode == read.returncode == 0, read.stderr
    assert len(list(cache.glob("suite-*.pickle"))) == 1
    assert _records(tmp_path / "off") == _records(tmp_path / "store") == _records(tmp_path / "read")


def test_a_folder_others_can_write_to_is_not_used(cache: Path, tmp_path: Path) -> None:
    """Entries are unpickled: a cache folder anyone else can write to is left alone (values are built)."""
    src = tmp_path / "a.yaml"
    src.write_text("x: 1\n")
    cache.mkdir()
    cache.chmod(0o777)
    calls, build = counting({"x": 1})
    assert memo("t", [src], build) == memo("t", [src], build) == {"x": 1}
    assert len(calls) == 2 and not list(cache.iterdir())
    cache.chmod(0o700)
    memo("t", [src], build)
    assert memo("t", [src], build) == {"x": 1} and len(calls) == 3
