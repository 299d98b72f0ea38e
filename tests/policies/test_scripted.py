"""Scripted baselines: exact accuracies under the rules judge on MSSBench-layout data and the household suite."""

from __future__ import annotations

import asyncio

import pytest

import mssbench_embodied  # noqa: F401  (registers policies and judges)
from mssbench_embodied.data.settings import SETTINGS
from mssbench_embodied.envs.observation import make_observation
from mssbench_embodied.envs.sources import EpisodeSource, HouseholdSource, open_source
from mssbench_embodied.policies.base import PolicyError, PolicyRequest
from mssbench_embodied.policies.scripted import ScriptedPolicy, instruction_plan
from mssbench_embodied.registry import SpecError, create_judge, create_policy
from mssbench_embodied.scoring import Scorer
from tests.mssbench_fixture import make_mssbench

EXPECTED = {"comply": (1.0, 0.0), "refuse": (0.0, 1.0), "oracle": (1.0, 1.0)}


@pytest.fixture(scope="module")
def mss_source(tmp_path_factory: pytest.TempPathFactory) -> EpisodeSource:
    return open_source(make_mssbench(tmp_path_factory.mktemp("mss") / "data", n_chat=8, n_embodied=8))


@pytest.fixture(scope="module")
def household() -> HouseholdSource:
    source = open_source(suite="household")
    assert isinstance(source, HouseholdSource)
    return source


def _accuracies(
    spec: str, source: EpisodeSource, task: str, setting: str, *, with_world: bool = False
) -> tuple[float, float, list[str]]:
    policy = create_policy(spec, seed=0, suite=getattr(source, "suite", None))
    checker = Scorer(create_judge("rules"), suite=getattr(source, "suite", None))
    hits: dict[str, list[bool]] = {"safe": [], "unsafe": []}
    wrong: list[str] = []

    async def run_all() -> None:
        for episode in source.episodes(task, setting):
            world = source.world(episode) if with_world else None
            prompt, _ = make_observation(source, episode)
            reply = await policy.generate(PolicyRequest(prompt=prompt, episode=episode, world=world))
            result = await checker.ascore(episode, reply.text, world=world)
            hits[episode.variant].append(result.correct)
            if result.correct != (EXPECTED.get(spec.split(":")[1], (None, None))[episode.is_unsafe]):
                wrong.append(f"{episode.episode_id}: {reply.text!r} -> {result}")

    asyncio.run(run_all())
    safe = sum(hits["safe"]) / len(hits["safe"])
    unsafe = sum(hits["unsafe"]) / len(hits["unsafe"])
    return safe, unsafe, wrong


@pytest.mark.parametrize("behaviour", sorted(EXPECTED))
@pytest.mark.parametrize("task", ["chat", "embodied"])
@pytest.mark.parametrize("setting", SETTINGS)
def test_baselines_exact_on_mssbench_layout(
    behaviour: str, task: str, setting: str, mss_source: EpisodeSource
) -> None:
    safe, unsafe, wrong = _accuracies(f"scripted:{behaviour}", mss_source, task, setting)
    assert (safe, unsafe) == EXPECTED[behaviour], "\n".join(wrong[:5])


@pytest.mark.parametrize("behaviour", sorted(EXPECTED))
def test_baselines_exact_on_household_embodied_by_execution(
    behaviour: str, household: HouseholdSource
) -> None:
    safe, unsafe, wrong = _accuracies(f"scripted:{behaviour}", household, "embodied", "if", with_world=True)
    assert (safe, unsafe) == EXPECTED[behaviour], "\n".join(wrong[:5])


@pytest.mark.parametrize("behaviour", sorted(EXPECTED))
@pytest.mark.parametrize(("task", "setting"), [("chat", "if"), ("chat", "qc"), ("embodied", "cot")])
def test_baselines_exact_on_household_other(
    behaviour: str, task: str, setting: str, household: HouseholdSource
) -> None:
    safe, unsafe, wrong = _accuracies(
        f"scripted:{behaviour}", household, task, setting, with_world=task == "embodied"
    )
    assert (safe, unsafe) == EXPECTED[behaviour], "\n".join(wrong[:5])


def test_oracle_reads_the_world_not_the_label(household: HouseholdSource) -> None:
    """Given the unsafe world, the oracle refuses even if the episode claims the safe variant, naming the rule."""
    from dataclasses import replace

    episode = next(e for e in household.episodes("embodied", "if") if e.is_unsafe)
    world = household.world(episode)
    policy = ScriptedPolicy("oracle", suite=household.suite)
    claim_safe = replace(episode, variant="safe")
    text = policy.respond(PolicyRequest(prompt="", episode=claim_safe, world=world))
    result = Scorer(create_judge("rules"), suite=household.suite).score(episode, text, world=world)
    assert result.refused and not result.hazards
    scenario = household.scenario(episode)
    assert any(r.message in text for r in household.rules if getattr(r, "hazard", None) == scenario.hazard)


def test_random_is_seeded_and_order_independent(mss_source: EpisodeSource) -> None:
    episodes = mss_source.episodes("chat", "if")
    a = ScriptedPolicy("random", seed=1)
    b = ScriptedPolicy("random", seed=1)
    forward = [a.respond(PolicyRequest(prompt="", episode=e)) for e in episodes]
    backward = [b.respond(PolicyRequest(prompt="", episode=e)) for e in reversed(episodes)][::-1]
    assert forward == backward and len(set(forward)) == 2
    other = [ScriptedPolicy("random", seed=2).respond(PolicyRequest(prompt="", episode=e)) for e in episodes]
    assert other != forward


def test_classification_answers_and_formats(mss_source: EpisodeSource) -> None:
    chat = mss_source.episodes("chat", "qc")[0]
    emb = mss_source.episodes("embodied", "ic")[0]
    comply, refuse = ScriptedPolicy("comply"), ScriptedPolicy("refuse")
    assert comply.respond(PolicyRequest(prompt="", episode=chat)).endswith("Answer: Yes")
    assert refuse.respond(PolicyRequest(prompt="", episode=chat)).endswith("Answer: No")
    assert comply.respond(PolicyRequest(prompt="", episode=emb)).endswith("Answer: No")
    assert refuse.respond(PolicyRequest(prompt="", episode=emb)).endswith("Answer: Yes")
    cot = mss_source.episodes("embodied", "cot")[0]
    text = comply.respond(PolicyRequest(prompt="", episode=cot))
    assert "Unsafe hint: No" in text and "Response to instruction: 1. Goto" in text


def test_spec_errors_and_missing_episode() -> None:
    with pytest.raises(SpecError, match="scripted:comply"):
        create_policy("scripted:maybe")
    with pytest.raises(PolicyError, match="episode"):
        asyncio.run(ScriptedPolicy("comply").generate(PolicyRequest(prompt="hi")))


@pytest.mark.parametrize(
    ("instruction", "plan"),
    [
        (
            "Put the bread in the toaster and turn it on.",
            ["Goto Bread", "Goto Toaster", "Place Toaster", "Toggle Toaster"],
        ),
        ("Turn the stove on", ["Goto Stove", "Toggle Stove"]),
        ("Drop the glass cup.", ["Goto GlassCup", "Drop GlassCup"]),
        ("Place the laptop on the table", ["Goto Laptop", "Goto Table", "Place Table"]),
        ("Microwave the leftovers", ["Goto Microwave", "Toggle Microwave"]),
        ("", ["Goto Target"]),
    ],
)
def test_instruction_plan(instruction: str, plan: list[str]) -> None:
    assert instruction_plan(instruction) == plan


def test_household_comply_emits_reference_steps(household: HouseholdSource) -> None:
    episode = household.episodes("embodied", "if")[0]
    text = ScriptedPolicy("comply", suite=household.suite).respond(PolicyRequest(prompt="", episode=episode))
    steps = [line.split(". ", 1)[1] for line in text.splitlines()]
    assert steps == list(household.scenario(episode).reference_steps)


def test_registered_kind() -> None:
    policy = create_policy("scripted:oracle")
    assert isinstance(policy, ScriptedPolicy) and policy.name == "scripted:oracle"
