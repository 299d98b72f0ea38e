"""The results ledger (append, tolerant read, move aside) and deterministic sharding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mssbench_embodied.data.results import EpisodeResult
from mssbench_embodied.data.types import Episode
from mssbench_embodied.runner.ledger import Ledger, latest_by_key, move_aside, read_ledger, write_records
from mssbench_embodied.runner.shard import ShardSpec, first_pairs, pair_bucket, parse_shard, select_shard


def record(i: int, **kw: object) -> EpisodeResult:
    return EpisodeResult(
        f"chat/{i}#0/safe",
        f"chat/{i}#0",
        f"chat/{i}",
        "chat",
        "safe",
        "x",
        "if",
        "mssbench",
        "scripted:comply",
        "rules",
        "h",
        f"reply {i} ✓",
        label=2,
        correct=True,
        **kw,  # type: ignore[arg-type]
    )


def test_append_then_read_roundtrip(tmp_path: Path) -> None:
    path = tmp_path / "results.jsonl"
    with Ledger(path) as ledger:
        for i in range(3):
            ledger.append(record(i))
    lines = path.read_text().splitlines()
    assert len(lines) == 3 and all(json.loads(line)["episode_id"] for line in lines)
    contents = read_ledger(path)
    assert contents.records == [record(i) for i in range(3)] and contents.warnings == []
    assert contents.ends_cleanly


def test_truncated_last_line_is_ignored_and_next_append_starts_a_new_line(tmp_path: Path) -> None:
    path = tmp_path / "results.jsonl"
    with Ledger(path) as ledger:
        ledger.append(record(0))
        ledger.append(record(1))
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) - 40])  # cut the second record mid-line, as a kill would
    contents = read_ledger(path)
    assert [r.episode_id for r in contents.records] == ["chat/0#0/safe"]
    assert not contents.ends_cleanly
    assert len(contents.warnings) == 1 and "results.jsonl:2" in contents.warnings[0]
    with Ledger(path) as ledger:
        ledger.append(record(2))
    contents = read_ledger(path)
    assert [r.episode_id for r in contents.records] == ["chat/0#0/safe", "chat/2#0/safe"]
    assert contents.ends_cleanly and len(contents.warnings) == 1


def test_garbled_and_foreign_lines_are_skipped_with_warnings(tmp_path: Path) -> None:
    path = tmp_path / "results.jsonl"
    good = json.dumps(record(0).to_dict())
    path.write_text("\n".join([good, "not json", "[1, 2]", '{"episode_id": "x"}', "", good]) + "\n")
    contents = read_ledger(path)
    assert len(contents.records) == 2
    assert [w.split(":")[1] for w in contents.warnings] == ["2", "3", "4"]


def test_unknown_fields_survive_in_extra(tmp_path: Path) -> None:
    path = tmp_path / "results.jsonl"
    path.write_text(json.dumps({**record(0).to_dict(), "future_field": 7}) + "\n")
    assert read_ledger(path).records[0].extra == {"future_field": 7}


def test_latest_by_key_and_move_aside(tmp_path: Path) -> None:
    old = record(0, error="PolicyError: boom")
    old.correct = None
    new = record(0)
    assert latest_by_key([old, new])[new.resume_key] is new
    path = tmp_path / "results.jsonl"
    assert move_aside(path) is None
    write_records(path, [old, new])
    first = move_aside(path)
    write_records(path, [new])
    second = move_aside(path)
    assert first and second and first != second and not path.exists()
    assert first.name.startswith("results.jsonl.bak-") and len(read_ledger(first).records) == 2


def test_parse_shard_and_errors() -> None:
    assert parse_shard("3/4") == ShardSpec(3, 4) and parse_shard(" 1 / 1 ").bucket == 0
    for bad in ("", "1", "a/b", "5/4", "1/0", "-1/2", "1/2/3", "0/4", "0/1"):
        with pytest.raises(ValueError, match="--shard"):
            parse_shard(bad)


def _episodes(n_pairs: int) -> list[Episode]:
    return [
        Episode(f"chat/{k}#{j}/{v}", f"chat/{k}#{j}", f"chat/{k}", "chat", v, "x", "if", "q", "mssbench")
        for k in range(n_pairs)
        for j in range(2)
        for v in ("safe", "unsafe")
    ]


@pytest.mark.parametrize("n", [1, 2, 3, 7])
def test_shards_partition_episodes_and_keep_pairs_together(n: int) -> None:
    episodes = _episodes(40)
    shards = [select_shard(episodes, ShardSpec(i, n)) for i in range(1, n + 1)]
    ids = [e.episode_id for shard in shards for e in shard]
    assert sorted(ids) == sorted(e.episode_id for e in episodes)  # every episode exactly once
    for shard in shards:
        pairs = {e.pair_id for e in shard}
        assert len(shard) == 2 * len(pairs)  # both variants of each pair
        assert shard == [e for e in episodes if e.pair_id in pairs]  # original order kept
    with pytest.raises(ValueError):  # 0-based numbering is refused: 0/N .. N-1/N would skip shard N
        ShardSpec(0, n)


def test_bucket_is_stable_across_processes() -> None:
    # SHA-256 based: fixed values, independent of PYTHONHASHSEED and machine.
    assert [pair_bucket(f"embodied/{k}#0", 4) for k in range(8)] == [3, 0, 3, 0, 2, 3, 2, 1]
    assert (
        pair_bucket("chat/0#0", 1000)
        == int.from_bytes(__import__("hashlib").sha256(b"chat/0#0").digest()[:8], "big") % 1000
    )


def test_first_pairs_keeps_whole_pairs() -> None:
    episodes = _episodes(3)
    assert [e.pair_id for e in first_pairs(episodes, 3)] == ["chat/0#0"] * 2 + ["chat/0#1"] * 2 + [
        "chat/1#0"
    ] * 2
    assert first_pairs(episodes, None) == episodes
