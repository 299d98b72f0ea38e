"""The policy's and the judge's endpoints are separate; household first frames are cached but not shared."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from mssbench_embodied.envs.sources import IMAGE_CACHE_SIZE, HouseholdSource
from mssbench_embodied.runner.config import ConfigError, RunConfig, check_config
from mssbench_embodied.runner.setup import build_judge


def test_judge_does_not_inherit_the_policy_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")  # the official endpoint needs a key (checked up front)
    config = RunConfig(judge="openai:gpt-4o", base_url="http://127.0.0.1:9/v1")
    assert build_judge(config).endpoint.base_url is None  # type: ignore[attr-defined]
    config = RunConfig(
        judge="openai:gpt-4o", base_url="http://127.0.0.1:9/v1", judge_base_url="http://127.0.0.1:7/v1"
    )
    assert build_judge(config).endpoint.base_url == "http://127.0.0.1:7/v1"  # type: ignore[attr-defined]


def test_bad_judge_base_url_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="--judge-base-url"):
        check_config(RunConfig(judge_base_url="ftp://x"))


def test_household_first_frames_are_cached_as_copies() -> None:
    source = HouseholdSource("household")
    episodes = source.episodes("embodied", "if")
    first, again = source.image(episodes[0]), source.image(episodes[0])
    assert np.array_equal(first, again) and first is not again
    first[:] = 0  # a caller scribbling on its frame must not change the next episode's
    assert source.image(episodes[0]).any()
    same_scenario = [e for e in episodes if e.scenario_id == episodes[0].scenario_id and e.variant == "safe"]
    assert np.array_equal(source.image(same_scenario[-1]), again)
    for episode in episodes[: 2 * IMAGE_CACHE_SIZE + 4]:
        source.image(episode)
    assert len(source._images) <= IMAGE_CACHE_SIZE


def test_resume_refuses_another_renderer_or_suite(tmp_path: Path) -> None:
    from mssbench_embodied.api import run_config
    from mssbench_embodied.runner.folder import check_resumable

    out = tmp_path / "run"
    run_config(RunConfig(task="chat", limit=1, out=out, progress=False))
    check_resumable(out, RunConfig(task="chat", limit=1, out=out))  # same run: fine
    with pytest.raises(ConfigError, match="renderer"):
        check_resumable(out, RunConfig(task="chat", limit=1, out=out, renderer="thor"))
    with pytest.raises(ConfigError, match="suite"):
        check_resumable(out, RunConfig(task="chat", limit=1, out=out, suite=str(tmp_path)))
