"""``hf:`` checkpoints that cannot load, met the way a user meets them: through ``mssbench-embodied run``.

Tiny checkpoints are built offline. A missing torchvision / num2words / flash-attn is the real one (these tests
skip where the package happens to be installed): transformers' own processor classes raise the ImportError.
"""

from __future__ import annotations

import json
from importlib.util import find_spec
from pathlib import Path

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from mssbench_embodied.policies.hf import HFPolicy  # noqa: E402
from mssbench_embodied.policies.hf_loading import LoadFailed, load_processor  # noqa: E402
from mssbench_embodied.policies.hf_requirements import explain_load_failure, torchvision_install_hint  # noqa: E402
from mssbench_embodied.registry import create_policy  # noqa: E402
from tests.cli.helpers import load_jsonl, run_cli  # noqa: E402
from tests.mssbench_fixture import make_mssbench  # noqa: E402
from tests.policies.tiny_vlm import build_hub_processor_layout, build_tiny_paligemma, build_tiny_vlm  # noqa: E402

needs_no_torchvision = pytest.mark.skipif(
    find_spec("torchvision") is not None, reason="torchvision is installed: its absence cannot be seen"
)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_vlm(tmp_path_factory.mktemp("tiny") / "llava")


@pytest.fixture(scope="module")
def mss(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_mssbench(tmp_path_factory.mktemp("mss"), n_chat=2, n_embodied=2)


def _run(mss: Path, out: Path, policy: str, *extra: str):  # type: ignore[no-untyped-def]
    return run_cli(
        "run",
        "--data",
        str(mss),
        "--task",
        "embodied",
        "--limit",
        "1",
        "--policy",
        policy,
        "--out",
        str(out),
        *extra,
    )


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("mssbench-embodied: error:")]


@needs_no_torchvision
def test_processor_needing_torchvision_is_named_before_the_first_episode(
    tiny: Path, mss: Path, tmp_path: Path
) -> None:
    # Laid out like Qwen/Qwen2.5-VL-7B-Instruct; its processor class builds a video processor needing torchvision.
    folder = build_hub_processor_layout(
        tiny, tmp_path / "qwen", "Qwen2_5_VLProcessor", "Qwen2VLImageProcessor"
    )
    done = _run(mss, tmp_path / "run", f"hf:{folder}")
    assert done.returncode == 2, done.stderr
    (line,) = _error_lines(done.stderr)
    assert "needs torchvision" in line and torchvision_install_hint() in line
    assert "trust_remote_code" not in line and "Traceback" not in done.stderr
    assert not (tmp_path / "run" / "results.jsonl").exists() or not load_jsonl(
        tmp_path / "run" / "results.jsonl"
    )


@needs_no_torchvision
def test_torchvision_import_error_from_transformers_is_explained(tiny: Path, tmp_path: Path) -> None:
    # A processor class we keep no table for: transformers' own ImportError is read and explained.
    folder = build_hub_processor_layout(tiny, tmp_path / "qwen3", "Qwen3VLProcessor", "Qwen2VLImageProcessor")
    with pytest.raises(LoadFailed) as caught:
        load_processor(str(folder))
    message = str(caught.value)
    assert "processor needs torchvision" in message and "pip install 'torch==" in message
    assert "trust_remote_code" not in message
    policy = create_policy("qwen2.5-vl-7b")  # the preset says what it needs: no download to find out
    assert isinstance(policy, HFPolicy)
    with pytest.raises(ValueError, match="needs torchvision"):
        policy.preflight()
    assert not policy.loaded and policy.processor is None


@pytest.mark.skipif(
    find_spec("torchvision") is not None and find_spec("num2words") is not None, reason="both installed"
)
def test_smolvlm2_preset_names_num2words_and_torchvision(mss: Path, tmp_path: Path) -> None:
    done = _run(mss, tmp_path / "run", "smolvlm2-2.2b")
    assert done.returncode == 2, done.stderr
    (line,) = _error_lines(done.stderr)
    assert line.startswith("mssbench-embodied: error: --policy smolvlm2-2.2b: needs ")
    for package in ("torchvision", "num2words"):
        assert (package in line) == (find_spec(package) is None), line
    if find_spec("num2words") is None:
        assert "pip install num2words" in line


def test_a_model_that_cannot_load_stops_the_run_once_with_one_line(
    tiny: Path, mss: Path, tmp_path: Path
) -> None:
    # The processor loads (the preflight passes); building the model then fails inside transformers with a
    # KeyError (an activation this transformers does not know), neither OSError nor ValueError.
    import shutil

    folder = tmp_path / "broken"
    shutil.copytree(tiny, folder)
    config = json.loads((folder / "config.json").read_text())
    config["text_config"]["hidden_act"] = "gelu_from_the_future"
    (folder / "config.json").write_text(json.dumps(config))
    out = tmp_path / "run"
    done = _run(mss, out, f"hf:{folder}", "--batch-size", "1", "--concurrency", "4")
    assert done.returncode == 2, done.stderr
    (line,) = _error_lines(done.stderr)
    assert "stopped: hf:" in line and "cannot load the model: KeyError: 'gelu_from_the_future'" in line
    assert "generation failed" not in done.stderr and "Traceback" not in done.stderr
    records = load_jsonl(out / "results.jsonl") if (out / "results.jsonl").exists() else []
    assert records == []  # no episode is blamed on the model: the run stopped instead
    invocation = json.loads((out / "run.json").read_text())["invocations"][-1]
    assert invocation["status"] == "stopped" and "gelu_from_the_future" in invocation["stopped_because"]


def test_load_failure_is_remembered_and_explained(tiny: Path, tmp_path: Path) -> None:
    import asyncio

    from mssbench_embodied.llm.retry import EndpointHalt
    from mssbench_embodied.policies.base import PolicyRequest

    policy = HFPolicy(str(tmp_path / "gone"))
    for _ in range(2):  # tried once: the second request stops at once with the same line
        with pytest.raises(EndpointHalt, match="cannot load the processor"):
            asyncio.run(policy.generate(PolicyRequest(prompt="x")))
    oom = explain_load_failure(
        "big", "model", RuntimeError("CUDA out of memory. Tried to allocate 2 GiB"), trust_remote_code=False
    )
    assert oom.startswith("hf:big: the model: out of GPU memory") and "device_map" in oom
    if find_spec("flash_attn") is None:
        with pytest.raises(ValueError, match="needs flash_attn.*pip install flash-attn"):
            HFPolicy(str(tiny), attn_implementation="flash_attention_2").preflight()


def test_checkpoint_without_chat_template_runs_in_the_processors_format(mss: Path, tmp_path: Path) -> None:
    folder = build_tiny_paligemma(tmp_path / "paligemma")
    assert not (folder / "chat_template.jinja").exists()
    out = tmp_path / "run"
    done = _run(mss, out, f"hf:{folder}", "--batch-size", "2")
    assert done.returncode == 0, done.stderr
    records = load_jsonl(out / "results.jsonl")
    assert len(records) == 2 and all(r["error"] is None and isinstance(r["response"], str) for r in records)
    policy = HFPolicy(str(folder))
    policy.load()
    assert policy.prompt_format == "plain"
