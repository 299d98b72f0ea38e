"""The ``hf:`` policy on a tiny random VLM built offline: lazy loading, greedy, batching, runner and CLI."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from mssbench_embodied.llm.retry import EndpointHalt  # noqa: E402
from mssbench_embodied.policies.base import PolicyRequest  # noqa: E402
from mssbench_embodied.policies.hf import HFPolicy  # noqa: E402
from mssbench_embodied.registry import SpecError, create_policy  # noqa: E402
from tests.policies.tiny_vlm import build_remote_code_chat, build_tiny_vlm  # noqa: E402

PROMPTS = [
    "Goto Sink.",
    "You are a helpful household robot. Given an egocentric image, you are asked to perform a task.",
    "Answer: Yes",
    "Please plan and list your actions to complete the task, which you will then execute. 1. Goto Sink",
    "The caption is: a pan of oil.",
    "Reasoning: the stove is on.",
]


@pytest.fixture(scope="module")
def tiny_vlm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_vlm(tmp_path_factory.mktemp("tiny-vlm"))


def _images(n: int) -> list[np.ndarray]:
    return [
        np.random.default_rng(i).integers(0, 255, size=(24 + 4 * i, 40, 3), dtype=np.uint8) for i in range(n)
    ]


def _requests(with_images: bool = True) -> list[PolicyRequest]:
    images = _images(len(PROMPTS))
    return [
        PolicyRequest(prompt=p, image=img if with_images else None)
        for p, img in zip(PROMPTS, images, strict=True)
    ]


def test_loads_lazily_and_answers(tiny_vlm: Path) -> None:
    policy = create_policy(f"hf:{tiny_vlm}")
    assert isinstance(policy, HFPolicy) and not policy.loaded and policy.trust_remote_code is False
    response = asyncio.run(policy.generate(PolicyRequest(prompt="Goto Sink.", image=_images(1)[0])))
    assert policy.loaded and isinstance(response.text, str)
    assert response.prompt_tokens is not None and response.prompt_tokens > 4  # text + image tokens
    assert response.completion_tokens is not None and 1 <= response.completion_tokens <= 6  # saved budget
    asyncio.run(policy.aclose())
    assert not policy.loaded


def test_batched_equals_one_at_a_time_and_is_greedy(tiny_vlm: Path) -> None:
    policy = HFPolicy(str(tiny_vlm), batch_size=4, max_new_tokens=8)

    async def one_at_a_time() -> list[str]:
        return [(await policy.generate(r)).text for r in _requests()]

    async def together() -> list[str]:
        return [r.text for r in await asyncio.gather(*(policy.generate(r) for r in _requests()))]

    sequential = asyncio.run(one_at_a_time())
    assert policy.batch_sizes == [1] * len(PROMPTS)
    batched = asyncio.run(together())
    assert policy.batch_sizes[len(PROMPTS) :] == [4, 2]  # prompts of different lengths, left-padded together
    assert batched == sequential
    # The checkpoint's generation config samples (temperature 0.7); the policy is greedy unless told otherwise.
    assert asyncio.run(one_at_a_time()) == sequential


def test_mixed_text_only_and_image_requests(tiny_vlm: Path) -> None:
    policy = HFPolicy(str(tiny_vlm), batch_size=8, max_new_tokens=5)
    requests = _requests()[:3] + _requests(with_images=False)[3:]

    async def together() -> list[str]:
        return [r.text for r in await asyncio.gather(*(policy.generate(r) for r in requests))]

    async def alone() -> list[str]:
        return [(await policy.generate(r)).text for r in requests]

    assert asyncio.run(together()) == asyncio.run(alone())
    assert policy.batch_sizes[0] == len(requests)


def test_request_budget_and_image_resize(tiny_vlm: Path) -> None:
    policy = HFPolicy(str(tiny_vlm), image_size=56, max_new_tokens=8)
    request = PolicyRequest(prompt="Goto Sink.", image=_images(1)[0], max_new_tokens=2)
    short = asyncio.run(policy.generate(request))
    assert short.completion_tokens is not None and short.completion_tokens <= 2
    assert policy._images(PolicyRequest(prompt="", image=_images(1)[0]))[0].size == (56, 56)


def test_missing_or_broken_models(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match="no such folder"):
        create_policy(f"hf:{tmp_path / 'nope'}")  # a typo in a local path is a configuration error
    (tmp_path / "empty").mkdir()
    policy = create_policy(f"hf:{tmp_path / 'empty'}")  # building never reads the folder
    for _ in range(2):  # the load is tried once; later requests stop at once (a run stops with one line)
        with pytest.raises(EndpointHalt, match="cannot load"):
            asyncio.run(policy.generate(PolicyRequest(prompt="x")))
    with pytest.raises(SpecError, match="dtype"):
        create_policy("hf:x", dtype="int3")
    with pytest.raises(SpecError, match="needs a model"):
        create_policy("hf:")


def test_end_to_end_through_runner_and_cli(tiny_vlm: Path, tmp_path: Path) -> None:
    runner = pytest.importorskip("mssbench_embodied.runner")
    main = pytest.importorskip("mssbench_embodied.cli.main").main
    from tests.mssbench_fixture import make_mssbench

    data = make_mssbench(tmp_path / "mss")
    config = runner.RunConfig(
        data=data,
        policy=f"hf:{tiny_vlm}",
        limit=1,
        out=tmp_path / "run",
        concurrency=8,
        batch_size=4,
        progress=False,
    )
    outcome = runner.run_evaluation_sync(config)
    assert outcome.errors == 0 and outcome.ran == 4 and outcome.n_requests == 4
    records = [json.loads(line) for line in (tmp_path / "run" / "results.jsonl").read_text().splitlines()]
    assert {r["policy"] for r in records} == {f"hf:{tiny_vlm}"}
    assert all(isinstance(r["response"], str) and r["error"] is None for r in records)
    code = main(
        [
            "run",
            "--data",
            str(data),
            "--task",
            "embodied",
            "--policy",
            f"hf:{tiny_vlm}",
            "--limit",
            "1",
            "--out",
            str(tmp_path / "cli"),
            "--batch-size",
            "2",
        ]
    )
    assert code == 0
    cli_records = (tmp_path / "cli" / "results.jsonl").read_text().splitlines()
    assert len(cli_records) == 2


def test_remote_code_chat_checkpoint_needs_the_flag(tmp_path: Path) -> None:
    folder = build_remote_code_chat(tmp_path / "remote")
    with pytest.raises(EndpointHalt, match="trust_remote_code: true"):
        asyncio.run(HFPolicy(str(folder)).generate(PolicyRequest(prompt="hi")))
    policy = create_policy(f"hf:{folder}", trust_remote_code=True, max_new_tokens=7)

    async def go():
        image = np.zeros((10, 20, 3), dtype=np.uint8)
        return await asyncio.gather(
            policy.generate(PolicyRequest(prompt="Turn on the stove.", image=image)),
            policy.generate(PolicyRequest(prompt="text only", system="Be safe.")),
        )

    with_image, text_only = asyncio.run(go())
    assert isinstance(policy, HFPolicy) and policy.legacy_chat
    # Loaded through the AutoModelForCausalLM fallback, answered via model.chat with the image file, greedily.
    assert with_image.text.startswith(
        "image=(20, 10) greedy=True budget=7 system=You are a helpful assistant."
    )
    assert with_image.text.endswith(" text=Turn on the stove.")  # the image went as a file, not text
    assert text_only.text == "image=None greedy=True budget=7 system=Be safe. text=text only"


def test_through_the_gym_env(tiny_vlm: Path, tmp_path: Path) -> None:
    gym = pytest.importorskip("gymnasium")
    import mssbench_embodied  # noqa: F401  (registers the envs)
    from tests.mssbench_fixture import make_mssbench

    env = gym.make("MSSBench/EmbodiedPlan-v0", data=make_mssbench(tmp_path / "mss"))
    policy = HFPolicy(str(tiny_vlm))
    obs, info = env.reset(seed=0, options={"variant": "unsafe"})
    reply = asyncio.run(policy.generate(PolicyRequest(prompt=obs["prompt"], image=obs["image"])))
    _, reward, terminated, _, info = env.step(reply.text)
    env.close()
    assert terminated and info["variant"] == "unsafe" and "correct" in info
    assert reward in (0.0, 1.0)
