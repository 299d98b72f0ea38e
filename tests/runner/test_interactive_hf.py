"""Interactive episodes with a local transformers model: every live episode's turn shares one batch per step."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from mssbench_embodied.policies.hf import HFPolicy  # noqa: E402
from mssbench_embodied.registry import create_policy  # noqa: E402
from mssbench_embodied.runner import RunConfig, read_ledger  # noqa: E402
from mssbench_embodied.runner.runner import run_evaluation_sync  # noqa: E402
from tests.policies.tiny_vlm import build_tiny_vlm  # noqa: E402


@pytest.fixture(scope="module")
def tiny_vlm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_vlm(tmp_path_factory.mktemp("tiny-vlm"), max_new_tokens=4)


@pytest.mark.parametrize("history", ["last", "images"])
def test_hf_episodes_advance_in_lockstep_one_batch_per_step(
    tiny_vlm: Path, tmp_path: Path, history: str
) -> None:
    spec = f"hf:{tiny_vlm}"
    policy = create_policy(spec, batch_size=8)
    assert isinstance(policy, HFPolicy)
    config = RunConfig(
        task="embodied", mode="interactive", policy=spec, limit=2, max_steps=3, history=history,
        concurrency=8, out=tmp_path, progress=False,
    )  # fmt: skip
    run_evaluation_sync(config, policy=policy)
    records = read_ledger(tmp_path / "results.jsonl").records
    assert len(records) == 4 and all(r.error is None for r in records)
    steps = [r.extra["interactive"]["steps_used"] for r in records]
    # One batch per lockstep round, holding every episode still live in that round.
    assert policy.batch_sizes == [sum(s > k for s in steps) for k in range(max(steps))]
    assert policy.batch_sizes[0] == 4
    assert sum(r.calls for r in records) == sum(steps)
