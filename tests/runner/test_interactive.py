"""Interactive episodes (``run --mode interactive``): exact baselines, real endpoints, resume and errors."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from typing import Any

import pytest

from mssbench_embodied.data.results import EpisodeResult
from mssbench_embodied.envs.sources import HouseholdSource
from mssbench_embodied.llm.local_server import LocalOpenAIServer
from mssbench_embodied.policies.base import Policy, PolicyRequest, PolicyResponse
from mssbench_embodied.registry import create_policy
from mssbench_embodied.runner import ConfigError, RunConfig, read_ledger
from mssbench_embodied.runner.runner import run_evaluation, run_evaluation_sync


class FirstInstruction(HouseholdSource):
    """The built-in suite with one instruction per scenario: every scenario, both variants, 150 episodes."""

    def episodes(self, task: str, setting: str) -> list[Any]:
        return [e for e in super().episodes(task, setting) if e.pair_id.endswith("#0")]


@pytest.fixture(scope="module")
def source() -> FirstInstruction:
    return FirstInstruction("household")


def _run(out: Path, source: Any = None, **options: Any) -> list[EpisodeResult]:
    config = RunConfig(task="embodied", mode="interactive", out=out, progress=False, **options)
    run_evaluation_sync(config, source=source)
    return read_ledger(out / "results.jsonl").records


def _by_variant(records: list[EpisodeResult]) -> tuple[list[EpisodeResult], list[EpisodeResult]]:
    return [r for r in records if r.variant == "safe"], [r for r in records if r.variant == "unsafe"]


@pytest.fixture(scope="module")
def baseline_dirs(tmp_path_factory: pytest.TempPathFactory, source: Any) -> dict[str, Path]:
    dirs = {name: tmp_path_factory.mktemp(name) for name in ("comply", "refuse", "oracle")}
    for name, out in dirs.items():
        _run(out, source, policy=f"scripted:{name}", concurrency=4)
    return dirs


@pytest.fixture(scope="module")
def baselines(baseline_dirs: dict[str, Path]) -> dict[str, list[EpisodeResult]]:
    return {name: read_ledger(out / "results.jsonl").records for name, out in baseline_dirs.items()}


def test_comply_fires_a_hazard_in_every_unsafe_episode_and_reaches_every_safe_goal(
    baselines: dict[str, list[EpisodeResult]], source: FirstInstruction
) -> None:
    safe, unsafe = _by_variant(baselines["comply"])
    assert len(safe) == len(unsafe) == len(source.suite.embodied)
    assert all(r.hazards and r.correct is False for r in unsafe)
    assert all(r.goal_reached and not r.hazards and r.correct for r in safe)
    for r in unsafe:  # the step the hazard fired is the last one taken
        facts = r.extra["interactive"]
        assert facts["hazard_step"] == facts["steps_used"] == facts["risky_step"]
        assert facts["ended_by"] == "hazard"
    # Risks that arise mid-task: the world event comes first, then the hazard it made possible.
    arrivals = [next((s["step"] for s in r.extra["steps"] if s["events"]), None) for r in unsafe]
    assert sum(a is not None for a in arrivals) >= 15
    assert all(a < r.extra["interactive"]["hazard_step"] for a, r in zip(arrivals, unsafe, strict=True) if a)


def test_refuse_fires_nothing_succeeds_nowhere_and_over_refuses_every_safe_episode(
    baselines: dict[str, list[EpisodeResult]],
) -> None:
    safe, unsafe = _by_variant(baselines["refuse"])
    records = safe + unsafe
    assert not any(r.hazards or r.goal_reached for r in records)
    assert all(r.extra["interactive"]["over_refusal"] and r.correct is False for r in safe)
    assert all(r.correct and r.extra["interactive"]["steps_used"] == 1 for r in unsafe)


def test_oracle_is_correct_everywhere_without_a_hazard_and_reaches_every_safe_goal(
    baselines: dict[str, list[EpisodeResult]], source: FirstInstruction
) -> None:
    safe, unsafe = _by_variant(baselines["oracle"])
    assert all(r.correct for r in safe + unsafe)
    assert not any(r.hazards for r in safe + unsafe)
    assert all(r.goal_reached and r.extra["interactive"]["safe_success"] for r in safe)
    mitigated = [r for r in unsafe if r.extra["interactive"]["mitigation"] == "before"]
    refused = [r for r in unsafe if r.refused]
    assert mitigated and refused and len(mitigated) + len(refused) == len(unsafe)
    assert all(r.goal_reached for r in mitigated)  # it mitigates and completes where the scene allows it
    with_events = {s.id for s in source.suite.embodied if s.events}
    assert all(r.goal_reached for r in unsafe if r.scenario_id in with_events)  # handled, events included


def test_each_step_records_text_action_result_hazards_and_frame(
    baselines: dict[str, list[EpisodeResult]], tmp_path: Path
) -> None:
    record = next(r for r in baselines["comply"] if r.variant == "unsafe")
    steps = record.extra["steps"]
    assert [s["step"] for s in steps] == list(range(1, len(steps) + 1))
    assert all(re.fullmatch(r"[0-9a-f]{16}", s["frame"]) for s in steps)
    assert steps[-1]["hazards"] == record.hazards
    assert all({"text", "action", "result", "ok"} <= set(s) for s in steps)
    assert record.response == "\n".join(s["text"] for s in steps)
    assert (
        len(record.extra["frames"]) == len(steps) + 1
    )  # a failed episode keeps its frames for the filmstrip


def _reply_by_turn(body: dict[str, Any]) -> str:
    """A model that goes to the counter, then looks for the next thing, then says Done."""
    turns = sum(1 for m in body["messages"] if m["role"] == "assistant")
    return ["Goto Counter", "I will look around first.", "Done"][min(turns, 2)]


@pytest.mark.parametrize("history", ["last", "images"])
def test_openai_sends_one_request_per_turn_each_with_an_image(tmp_path: Path, history: str) -> None:
    with LocalOpenAIServer(reply=_reply_by_turn) as server:
        records = _run(
            tmp_path / "run",
            policy="openai:m",
            base_url=server.base_url,
            limit=1,
            history=history,
            concurrency=2,
        )
        requests = list(server.requests)
    assert len(records) == 2 and all(r.error is None for r in records)
    assert len(requests) == 6 and all(r.calls == 3 for r in records)
    by_turns = sorted(r.n_images for r in requests)
    assert by_turns == ([1] * 6 if history == "last" else [1, 1, 2, 2, 3, 3])
    assert all(r.extra["interactive"]["invalid_actions"] >= 1 for r in records)  # the prose turn
    assert all(r.extra["interactive"]["ended_by"] == "done" for r in records)
    last = max(requests, key=lambda r: len(r.body["messages"]))
    assert any("Result of your last action" in t for t in last.texts)


def test_a_failed_model_call_is_an_error_and_resume_runs_only_that_episode(tmp_path: Path) -> None:
    out = tmp_path / "run"
    # The first episode's first call fails (no retries): an error, never a refusal.
    no_retry = {"max_retries": 0}
    with LocalOpenAIServer(reply="Refuse: no.", script=["500"]) as server:
        records = _run(out, policy="openai:m", base_url=server.base_url, limit=1, concurrency=1,
                       policy_options=no_retry)  # fmt: skip
    errors = [r for r in records if r.error is not None]
    assert len(errors) == 1 and errors[0].correct is None and errors[0].refused is None
    assert "step 1" in str(errors[0].error)
    with LocalOpenAIServer(reply="Refuse: no.") as server:
        again = _run(out, policy="openai:m", base_url=server.base_url, limit=1, concurrency=1,
                     policy_options=no_retry)  # fmt: skip
        assert len(server.requests) == 1  # the finished episode is not re-run
    latest = {r.episode_id: r for r in again}
    assert all(r.error is None and r.refused for r in latest.values())


def test_multiagent_asks_for_the_point_once_then_one_call_per_turn(tmp_path: Path) -> None:
    with LocalOpenAIServer(reply=_reply_by_turn) as server:
        records = _run(tmp_path / "run", policy="multiagent:openai:m", base_url=server.base_url, limit=1)
    assert all(r.error is None and r.calls == 4 for r in records)  # point + 3 turns


def test_interactive_mode_needs_the_household_world_and_an_action_setting(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="--mode interactive --setting qc"):
        _run(tmp_path / "a", setting="qc")
    with pytest.raises(ConfigError, match="--history"):
        _run(tmp_path / "b", history="all")


def test_run_json_records_the_dialogue_options(tmp_path: Path) -> None:
    _run(tmp_path, limit=1, max_steps=3)
    config = json.loads((tmp_path / "run.json").read_text())["config"]
    assert (config["mode"], config["max_steps"], config["history"]) == ("interactive", 3, "last")


def test_summary_terminal_and_report_show_process_metrics_and_filmstrips(
    baselines: dict[str, list[EpisodeResult]], baseline_dirs: dict[str, Path]
) -> None:
    from mssbench_embodied.report.html import render_html
    from mssbench_embodied.report.summary import format_table, summarize

    processes = {
        name: summarize(records, {"policy": name}, n_resamples=20)["tasks"]["embodied"]["process"]
        for name, records in baselines.items()
    }
    comply, refuse, oracle = (processes[n]["by_variant"] for n in ("comply", "refuse", "oracle"))
    assert comply["unsafe"]["hazard_rate"] == 1.0 and comply["safe"]["safe_success"] == 1.0
    assert refuse["safe"]["over_refusal"] == 1.0 and refuse["safe"]["safe_success"] == 0.0
    assert refuse["unsafe"]["hazard_rate"] == 0.0 and refuse["unsafe"]["mean_steps"] == 1.0
    assert oracle["unsafe"]["hazard_rate"] == 0.0 and oracle["safe"]["safe_success"] == 1.0
    assert oracle["unsafe"]["mitigated_before"] > 0 and oracle["unsafe"]["mitigated_after"] == 0.0
    assert comply["unsafe"]["hazard_rate_ci95"][1] == 1.0
    assert set(processes["comply"]["by_hazard"]) == {r.hazard for r in baselines["comply"]}
    summary = summarize(baselines["comply"], {"policy": "scripted:comply"}, n_resamples=20)
    assert "interactive episodes" in format_table(summary)
    failed = [r for r in baselines["comply"] if r.hazards][:2]
    page = render_html(summary, failed, run_dir=baseline_dirs["comply"])
    assert page.count('class="film"') == 2 and page.count('class="frame hazard"') == 2
    assert page.count('alt="frame ') == sum(len(r.extra["frames"]) for r in failed)
    assert "Interactive episodes: step by step" in page


class HangsAfter(Policy):
    """scripted:comply for the first ``n`` episodes; the next one hangs on its first turn (a run about to be
    killed)."""

    def __init__(self, n: int) -> None:
        self.inner = create_policy("scripted:comply")
        self.n = n
        self.seen: list[str] = []
        self.hanging = asyncio.Event()

    async def generate(self, request: PolicyRequest) -> PolicyResponse:
        assert request.episode is not None
        if request.episode.episode_id not in self.seen:
            self.seen.append(request.episode.episode_id)
        if len(self.seen) > self.n:
            self.hanging.set()
            await asyncio.Event().wait()
        return await self.inner.generate(request)


def test_a_killed_run_loses_only_the_episode_in_flight(tmp_path: Path) -> None:
    config = RunConfig(
        task="embodied", mode="interactive", limit=2, concurrency=1, out=tmp_path, progress=False
    )
    policy = HangsAfter(2)

    async def kill_when_hanging() -> None:
        run = asyncio.ensure_future(run_evaluation(config, policy=policy))
        await policy.hanging.wait()
        run.cancel()
        with pytest.raises(asyncio.CancelledError):
            await run

    asyncio.run(kill_when_hanging())
    kept = read_ledger(tmp_path / "results.jsonl").records
    assert [r.episode_id for r in kept] == policy.seen[:2] and all(r.error is None for r in kept)
    assert json.loads((tmp_path / "run.json").read_text())["invocations"][-1]["status"] == "interrupted"
    outcome = run_evaluation_sync(RunConfig(**{**config.__dict__, "progress": False}))
    assert (outcome.skipped, outcome.ran) == (2, 2)


def test_merged_shards_keep_their_filmstrip_frames(tmp_path: Path) -> None:
    from mssbench_embodied.api import merge
    from mssbench_embodied.report.html import render_html

    shards = []
    for shard in ("1/2", "2/2"):
        folder = tmp_path / shard.replace("/", "of")
        _run(folder, limit=4, shard=shard)
        shards.append(folder)
    merged = merge(shards, tmp_path / "merged")
    failed = [r for r in merged.records if r.extra.get("frames")]
    assert failed and all((tmp_path / "merged" / f).is_file() for r in failed for f in r.extra["frames"])
    page = render_html(merged.summary, failed, run_dir=tmp_path / "merged")
    assert page.count('alt="frame ') == sum(len(r.extra["frames"]) for r in failed)
