"""`run --shard I/N` outputs merged back equal an unsharded run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mssbench_embodied.api import merge, run_config
from mssbench_embodied.runner import ConfigError, RunConfig, read_ledger
from tests.mssbench_fixture import make_mssbench


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_mssbench(tmp_path_factory.mktemp("mssbench"), n_chat=9, n_embodied=6)


def run(data: Path, out: Path, **kw: Any) -> None:
    run_config(RunConfig(data=data, out=out, policy="scripted:random", seed=3, progress=False, **kw))


def ids(folder: Path) -> list[str]:
    return sorted(r.episode_id for r in read_ledger(folder / "results.jsonl").records)


@pytest.mark.parametrize("n", [2, 3])
def test_merged_shards_equal_unsharded(data: Path, tmp_path: Path, n: int) -> None:
    run(data, tmp_path / "whole")
    shard_dirs = [tmp_path / f"shard{i}" for i in range(1, n + 1)]
    for i, folder in enumerate(shard_dirs, start=1):
        run(data, folder, shard=f"{i}/{n}")
    parts = [set(ids(d)) for d in shard_dirs]
    assert all(parts) and sum(map(len, parts)) == len(set().union(*parts))  # disjoint, none empty
    warnings: list[str] = []
    merged = merge(list(reversed(shard_dirs)), tmp_path / "merged", warn=warnings.append)
    assert warnings == []
    whole = json.loads((tmp_path / "whole" / "summary.json").read_text())
    written = json.loads((tmp_path / "merged" / "summary.json").read_text())
    assert written == merged.summary
    assert written["tasks"] == whole["tasks"] and written["overall"] == whole["overall"]
    for key in ("policy", "judge", "setting", "task", "source", "limit", "seed", "n_planned", "n_requests"):
        assert written["run"][key] == whole["run"][key], key
    assert ids(tmp_path / "merged") == ids(tmp_path / "whole")
    assert (tmp_path / "merged" / "report.html").is_file()
    # `run` over the merged folder with the unsharded options finds nothing to do.
    outcome = run_config(
        RunConfig(data=data, out=tmp_path / "merged", policy="scripted:random", seed=3, progress=False)
    )
    assert outcome.ran == 0 and outcome.summary["tasks"] == whole["tasks"]


def test_merge_warns_on_missing_shard_and_refuses_mixed_runs(data: Path, tmp_path: Path) -> None:
    run(data, tmp_path / "a", shard="1/3", limit=4)
    run(data, tmp_path / "b", shard="2/3", limit=4)
    warnings: list[str] = []
    merge([tmp_path / "a", tmp_path / "b"], tmp_path / "m", warn=warnings.append)
    assert any("missing shard(s) 3/3" in w for w in warnings)
    with pytest.raises(ConfigError, match="already holds results"):
        merge([tmp_path / "a", tmp_path / "b"], tmp_path / "m")
    run(data, tmp_path / "c", shard="3/3", limit=5)
    with pytest.raises(ConfigError, match="limit 5 differs"):
        merge([tmp_path / "a", tmp_path / "c"], tmp_path / "m2")
    with pytest.raises(ConfigError, match="not a run folder"):
        merge([tmp_path / "a", data], tmp_path / "m3")
    with pytest.raises(ConfigError, match="is one of the shard folders"):
        merge([tmp_path / "a"], tmp_path / "a")


def test_merge_ignores_records_of_an_earlier_configuration(tmp_path: Path) -> None:
    """A shard folder resumed with another --limit keeps old records; merge counts only the planned ones."""
    common: dict[str, Any] = {"progress": False, "policy": "scripted:comply", "task": "embodied"}
    run_config(RunConfig(limit=20, shard="1/2", out=tmp_path / "s1", **common))
    run_config(RunConfig(limit=3, shard="1/2", out=tmp_path / "s1", **common))
    run_config(RunConfig(limit=3, shard="2/2", out=tmp_path / "s2", **common))
    unsharded = run_config(RunConfig(limit=3, out=tmp_path / "u", **common))
    merged = merge([tmp_path / "s1", tmp_path / "s2"], tmp_path / "m", warn=lambda line: None)
    assert merged.summary["tasks"] == unsharded.summary["tasks"]
    assert sorted(ids(tmp_path / "m")) == sorted(ids(tmp_path / "u"))
