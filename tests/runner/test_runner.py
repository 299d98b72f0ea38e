"""The runner in-process: scoring, resume, error recording, concurrency, --no-resume, validation."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from mssbench_embodied.api import run_config
from mssbench_embodied.data.results import EpisodeResult
from mssbench_embodied.policies.base import Policy, PolicyError, PolicyRequest, PolicyResponse
from mssbench_embodied.registry import create_judge, create_policy
from mssbench_embodied.runner import ConfigError, RunConfig, read_ledger, run_evaluation
from mssbench_embodied.safety.base import Judge, JudgeContext, JudgeError, JudgeVerdict
from tests.mssbench_fixture import make_mssbench

# The fixture: 6 chat items (2, 2, 3, 2, 2, 3 queries) and 4 embodied items (2 pairs each) -> 14 + 8 pairs.
N_EPISODES = 2 * (14 + 8)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_mssbench(tmp_path_factory.mktemp("mssbench"))


class Counting(Policy):
    """Wraps a scripted policy; counts calls, can fail chosen episodes, tracks how many calls overlap."""

    def __init__(
        self, spec: str = "scripted:comply", fail: set[str] | None = None, delay: float = 0.0
    ) -> None:
        self.inner = create_policy(spec)
        self.fail = fail or set()
        self.delay = delay
        self.calls = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self.closed = False

    async def generate(self, request: PolicyRequest) -> PolicyResponse:
        assert request.episode is not None
        self.calls += 1
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self.delay)
            image = request.load_image()
            assert image is not None and image.dtype.name == "uint8" and image.ndim == 3
            if request.episode.episode_id in self.fail:
                raise PolicyError("HTTP 500 after 6 retries\n(server said: oops)")
            reply = await self.inner.generate(request)
            return PolicyResponse(
                text=reply.text, latency_s=0.01, prompt_tokens=7, completion_tokens=3, calls=1
            )
        finally:
            self.in_flight -= 1

    async def aclose(self) -> None:
        self.closed = True


def cfg(data: Path, out: Path, **kw: Any) -> RunConfig:
    return RunConfig(**{"data": data, "out": out, "progress": False, **kw})


def cfg_with(data: Path, out: Path, changes: dict[str, Any]) -> RunConfig:
    return cfg(changes.pop("data", data), out, **changes)


def records(out: Path) -> list[EpisodeResult]:
    return read_ledger(out / "results.jsonl").records


def comparable(r: EpisodeResult) -> dict[str, Any]:
    d = r.to_dict()
    d.pop("latency_s")
    return d


@pytest.mark.parametrize(
    ("spec", "safe", "unsafe"),
    [("scripted:comply", 1.0, 0.0), ("scripted:refuse", 0.0, 1.0), ("scripted:oracle", 1.0, 1.0)],
)
def test_scripted_baselines_exact(data: Path, tmp_path: Path, spec: str, safe: float, unsafe: float) -> None:
    outcome = run_config(cfg(data, tmp_path, policy=spec))
    assert outcome.exit_code == 0 and outcome.ran == N_EPISODES
    for task, n_pairs in (("chat", 14), ("embodied", 8)):
        block = outcome.summary["tasks"][task]
        assert (block["n_pairs"], block["safe_acc"], block["unsafe_acc"]) == (n_pairs, safe, unsafe)
        for category in block["by_category"].values():
            assert (category["safe_acc"], category["unsafe_acc"]) == (safe, unsafe)
    lines = (tmp_path / "results.jsonl").read_text().splitlines()
    assert len(lines) == N_EPISODES and all(json.loads(line)["policy"] == spec for line in lines)
    run = json.loads((tmp_path / "run.json").read_text())
    assert run["config"]["policy"] == spec and run["invocations"][-1]["status"] == "finished"


def test_rerun_does_no_work_and_keeps_summary(data: Path, tmp_path: Path) -> None:
    first = Counting()
    outcome = run_config(cfg(data, tmp_path, limit=2), policy=first)
    assert first.calls == outcome.ran == outcome.planned == 8  # 2 pairs of each task
    assert first.closed
    summary_before = (tmp_path / "summary.json").read_text()
    again = Counting()
    outcome2 = run_config(cfg(data, tmp_path, limit=2), policy=again)
    assert again.calls == 0 and outcome2.ran == 0 and outcome2.skipped == outcome.planned
    assert outcome2.n_requests == 0
    assert (tmp_path / "summary.json").read_text() == summary_before
    assert len(records(tmp_path)) == outcome.planned  # nothing appended
    # A larger --limit only runs the new pairs.
    more = Counting()
    outcome3 = run_config(cfg(data, tmp_path, limit=3), policy=more)
    assert more.calls == outcome3.ran == outcome3.planned - outcome.planned > 0


def test_errors_are_recorded_exit_1_and_retried_on_resume(data: Path, tmp_path: Path) -> None:
    failing = {"chat/0#0/unsafe", "embodied/1#0/safe"}
    outcome = run_config(
        cfg(data, tmp_path, policy="scripted:refuse"), policy=Counting("scripted:refuse", failing)
    )
    assert outcome.exit_code == 1 and outcome.errors == outcome.new_errors == 2
    errored = [r for r in records(tmp_path) if r.error]
    assert {r.episode_id for r in errored} == failing
    for r in errored:
        assert r.error == "PolicyError: HTTP 500 after 6 retries (server said: oops)"
        assert r.correct is None and r.response is None and r.label is None
    chat = outcome.summary["tasks"]["chat"]
    # The errored unsafe episode is neither correct nor a refusal: excluded, and refuse stays exactly 1.0.
    assert chat["errors"] == 1 and chat["unsafe_acc"] == 1.0 and chat["safe_acc"] == 0.0
    assert outcome.summary["overall"]["errors"] == 2

    retry = Counting("scripted:refuse")
    outcome2 = run_config(cfg(data, tmp_path, policy="scripted:refuse"), policy=retry)
    assert retry.calls == 2 and outcome2.ran == 2 and outcome2.exit_code == 0
    assert outcome2.summary["overall"]["errors"] == 0
    assert len(records(tmp_path)) == N_EPISODES + 2  # old error lines stay; the latest record wins
    assert outcome2.summary["tasks"]["chat"]["n_episodes"] == 28


def test_judge_failure_is_an_error_with_the_response_kept(data: Path, tmp_path: Path) -> None:
    class Flaky(Judge):
        name = "rules"

        def label(self, task: str, response: str, context: JudgeContext | None = None) -> JudgeVerdict:
            if task == "embodied":
                raise JudgeError("no <answer> tag after 3 tries")
            return create_judge("rules").label(task, response)

    outcome = run_config(cfg(data, tmp_path, limit=1), judge=Flaky())
    assert outcome.exit_code == 1 and outcome.summary["tasks"]["embodied"]["errors"] == 2
    bad = [r for r in records(tmp_path) if r.task == "embodied"]
    assert all(r.error == "JudgeError: no <answer> tag after 3 tries" and r.response for r in bad)
    assert all(r.correct is None and r.label is None for r in bad)
    assert outcome.summary["tasks"]["chat"]["errors"] == 0


def test_concurrency_bound_and_results_independent_of_it(data: Path, tmp_path: Path) -> None:
    serial, parallel = Counting(delay=0.002), Counting(delay=0.002)
    run_config(cfg(data, tmp_path / "c1", concurrency=1), policy=serial)
    run_config(cfg(data, tmp_path / "c3", concurrency=3), policy=parallel)
    assert serial.max_in_flight == 1 and parallel.max_in_flight == 3
    one = sorted((comparable(r) for r in records(tmp_path / "c1")), key=lambda d: d["episode_id"])
    three = sorted((comparable(r) for r in records(tmp_path / "c3")), key=lambda d: d["episode_id"])
    assert one == three and len(one) == N_EPISODES
    s1 = json.loads((tmp_path / "c1" / "summary.json").read_text())
    s3 = json.loads((tmp_path / "c3" / "summary.json").read_text())
    assert s1["tasks"] == s3["tasks"] and s1["overall"] == s3["overall"]
    assert s3["run"]["n_requests"] == N_EPISODES and s3["run"]["prompt_tokens"] == 7 * N_EPISODES


def test_truncated_last_line_is_rerun(data: Path, tmp_path: Path) -> None:
    run_config(cfg(data, tmp_path, limit=2))
    summary = json.loads((tmp_path / "summary.json").read_text())
    path = tmp_path / "results.jsonl"
    raw = path.read_bytes()
    cut = raw[: raw.rstrip(b"\n").rfind(b"\n") + 1 + 25]  # keep 25 bytes of the last record
    lost = json.loads(raw.splitlines()[-1])["episode_id"]
    path.write_bytes(cut)
    warnings: list[str] = []
    policy = Counting()
    outcome = run_config(cfg(data, tmp_path, limit=2), policy=policy, warn=warnings.append)
    assert policy.calls == 1 and outcome.ran == 1
    assert any("results.jsonl:" in w and "re-run" in w for w in warnings)
    contents = read_ledger(path)
    assert len(contents.warnings) == 1 and contents.ends_cleanly
    assert [r.episode_id for r in contents.records].count(lost) == 1
    assert outcome.summary["tasks"] == summary["tasks"]


def test_no_resume_moves_old_results_aside(data: Path, tmp_path: Path) -> None:
    run_config(cfg(data, tmp_path, limit=1))
    policy = Counting()
    warnings: list[str] = []
    outcome = run_config(cfg(data, tmp_path, limit=1, resume=False), policy=policy, warn=warnings.append)
    assert policy.calls == outcome.planned == outcome.ran
    backups = sorted(tmp_path.glob("results.jsonl.bak-*"))
    assert len(backups) == 1 and len(read_ledger(backups[0]).records) == outcome.planned
    assert any("moved to" in w for w in warnings)
    assert len(json.loads((tmp_path / "run.json").read_text())["invocations"]) == 1


def test_resume_refuses_a_folder_of_another_policy(data: Path, tmp_path: Path) -> None:
    run_config(cfg(data, tmp_path, limit=1))
    before = (tmp_path / "results.jsonl").read_bytes()
    with pytest.raises(ConfigError, match="scripted:comply.*--no-resume"):
        run_config(cfg(data, tmp_path, limit=1, policy="scripted:refuse"))
    assert (tmp_path / "results.jsonl").read_bytes() == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"setting": "xx"}, "--setting 'xx'"),
        ({"task": "both"}, "--task 'both'"),
        ({"shard": "3/2"}, "--shard '3/2'"),
        ({"limit": 0}, "--limit 0"),
        ({"concurrency": -1}, "--concurrency -1"),
        ({"judge": "nosuch"}, "--judge nosuch"),
        ({"data": Path("/nonexistent/mssbench")}, "/nonexistent/mssbench"),
        ({"base_url": "ftp://x"}, "--base-url"),
    ],
)
def test_bad_config_raises_before_any_call_or_file(
    data: Path, tmp_path: Path, changes: dict[str, Any], message: str
) -> None:
    policy = Counting()
    out = tmp_path / "out"
    with pytest.raises(ConfigError) as err:
        asyncio.run(run_evaluation(cfg_with(data, out, dict(changes)), policy=policy))
    assert message in str(err.value) and "\n" not in str(err.value)
    assert policy.calls == 0 and not out.exists()


def test_out_that_is_a_file(data: Path, tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(ConfigError, match="is a file"):
        run_config(cfg(data, target))


def test_unknown_policy_spec(data: Path, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="--policy nosuch:thing: unknown policy"):
        run_config(cfg(data, tmp_path / "out", policy="nosuch:thing"))
    assert not (tmp_path / "out").exists()
