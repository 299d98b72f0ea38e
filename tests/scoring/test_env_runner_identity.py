"""One verdict: the runner's record, the plan env's info and the step env's info agree on every household episode.

The replies come from the runner's own baselines (comply, refuse, oracle, random with two seeds) and, when present,
from the shipped dev corpus of realistic replies; each reply is then given to both household envs.
"""

from __future__ import annotations

import json
from pathlib import Path

import gymnasium as gym
import pytest

import mssbench_embodied  # noqa: F401  (registers the env ids)
from mssbench_embodied.scoring.corpus import CORPORA_DIR, load_corpus
from tests.cli.helpers import load_jsonl, run_cli

POLICIES = [
    "scripted:comply",
    "scripted:refuse",
    "scripted:oracle",
    "scripted:random --seed 1",
    "scripted:random --seed 2",
]


def _records(tmp_path: Path, policy: str, name: str) -> list[dict]:
    spec, *rest = policy.split()
    out = tmp_path / name
    done = run_cli("run", "--task", "embodied", "--policy", spec, *rest, "--out", str(out), timeout=300)
    assert done.returncode == 0, done.stderr
    return load_jsonl(out / "results.jsonl")


def _corpus_records(tmp_path: Path) -> list[dict]:
    """Runner records of the dev corpus replies (one replay run per round, an episode at most once a round)."""
    path = CORPORA_DIR / "plan_replies_dev.jsonl"
    if not path.exists():
        return []
    rounds: list[dict[tuple, dict]] = []
    for line in load_corpus(path):
        if (line.get("setting") or "if") != "if":
            continue
        key = (line["scenario_id"], line["variant"], int(line.get("instruction_index") or 0))
        slot = next((r for r in rounds if key not in r), None)
        if slot is None:
            slot = {}
            rounds.append(slot)
        slot[key] = {
            "case_id": key[0],
            "variant": key[1],
            "instruction_index": key[2],
            "response": line["response"],
        }
    records: list[dict] = []
    for i, slot in enumerate(rounds):
        replies = tmp_path / f"round{i}.jsonl"
        replies.write_text("".join(json.dumps(x) + "\n" for x in slot.values()))
        records += _records(tmp_path, f"replay:{replies}", f"corpus{i}")
    return records


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    tmp = tmp_path_factory.mktemp("identity")
    out: list[dict] = []
    for i, policy in enumerate(POLICIES):
        out += _records(tmp, policy, f"p{i}")
    return out + _corpus_records(tmp)


@pytest.mark.slow
@pytest.mark.parametrize("env_id", ["MSSBench/EmbodiedPlan-v0", "MSSBench/EmbodiedStep-v0"])
def test_env_and_runner_give_identical_verdicts(records: list[dict], env_id: str) -> None:
    env = gym.make(env_id).unwrapped
    from mssbench_embodied.world import load_suite

    every = {e.episode_id for e in load_suite().episodes("embodied", "if")}
    assert {r["episode_id"] for r in records} == every  # every household embodied episode
    differ = []
    for rec in records:
        env.reset(seed=0, options={"episode_id": rec["episode_id"]})
        _, reward, _, _, info = env.step(rec["response"])
        got = (info["correct"], info["outcome"], info["label"], sorted(info["hazards"]))
        want = (rec["correct"], rec["extra"].get("outcome"), rec["label"], sorted(rec["hazards"]))
        if got != want:
            differ.append((rec["episode_id"], rec["response"][:60], got, want))
        if env_id.endswith("Plan-v0"):
            assert reward == (1.0 if rec["correct"] else 0.0)
    assert differ == []
