"""Model presets in models/: every one builds without loading weights; names resolve; bad files are reported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mssbench_embodied.policies.hf import HFPolicy
from mssbench_embodied.policies.multiagent import MultiAgentPolicy
from mssbench_embodied.policies.openai_api import OpenAIPolicy
from mssbench_embodied.policies.presets import PresetError, find_preset, list_presets, load_preset
from mssbench_embodied.registry import SpecError, create_policy

PAPER = {
    "gpt-4o",
    "claude-3.5-sonnet",
    "gemini-1.5-pro",
    "llava-1.6-vicuna-7b",
    "qwen-vl-chat",
    "deepseek-vl-7b-chat",
    "mplug-owl2",
}
CURRENT = {
    "qwen2.5-vl-7b",
    "qwen2.5-vl-72b",
    "llava-onevision-7b",
    "internvl3-8b",
    "gemma-3-12b",
    "llama-3.2-11b-vision",
    "smolvlm-instruct",
}


def test_every_preset_builds_without_loading_weights() -> None:
    presets = list_presets()
    names = {p.name for p in presets}
    assert names >= PAPER | CURRENT
    assert {p.name for p in presets if p.paper} == PAPER
    for preset in presets:
        policy = create_policy(preset.name)
        assert policy.name == preset.name
        expected = HFPolicy if preset.backend == "hf" else OpenAIPolicy
        assert isinstance(policy, expected), preset.name
        if isinstance(policy, HFPolicy):
            assert not policy.loaded and policy.model_id == preset.model
            assert policy.trust_remote_code is (preset.name == "qwen-vl-chat")
        else:
            assert policy.model == preset.model
        assert preset.notes, f"{preset.name}: say where the model comes from"


def test_presets_import_no_heavy_dependency() -> None:
    code = (
        "import sys, mssbench_embodied\n"
        "from mssbench_embodied.registry import create_policy\n"
        "from mssbench_embodied.policies.presets import list_presets\n"
        "[create_policy(p.name) for p in list_presets()]\n"
        "assert 'torch' not in sys.modules and 'transformers' not in sys.modules, 'heavy import'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])


def test_explicit_options_override_the_preset() -> None:
    policy = create_policy("gpt-4o", max_tokens=5, base_url="http://127.0.0.1:9/v1", seed=1)
    assert isinstance(policy, OpenAIPolicy)
    assert policy.max_tokens == 5 and policy.endpoint.base_url == "http://127.0.0.1:9/v1"
    claude = create_policy("claude-3.5-sonnet")
    assert claude.endpoint.api_key_env == "ANTHROPIC_API_KEY"
    llava = create_policy("llava-1.6-vicuna-7b", batch_size=32)
    assert isinstance(llava, HFPolicy) and llava.image_size == 224 and llava.batch_size == 32
    wrapped = create_policy("multiagent:qwen2.5-vl-7b")
    assert isinstance(wrapped, MultiAgentPolicy) and wrapped.name == "multiagent:qwen2.5-vl-7b"


def test_unknown_names_and_broken_files(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match="preset name from models/"):
        create_policy("no-such-model")
    assert find_preset("../gpt-4o") is None
    cases = {
        "a.yaml": ("backend: hf\nmodel: x\noptions: {dtype: bf16}\nlicence: mit\n", "unknown key 'licence'"),
        "b.yaml": ("backend: torch\nmodel: x\n", "field backend"),
        "c.yaml": ("backend: hf\nmodel: ''\n", "field model"),
        "d.yaml": ("name: other\nbackend: hf\nmodel: x\n", "field name"),
        "e.yaml": ("backend: openai\nmodel: x\noptions: {api_key: sk-123}\n", "credentials"),
        "f.yaml": ("backend: hf\nmodel: x\noptions: [1, 2]\n", "field options"),
        "g.yaml": ("backend: hf\n  model: [x\n", "cannot read preset"),
    }
    for filename, (text, message) in cases.items():
        path = tmp_path / filename
        path.write_text(text)
        with pytest.raises(PresetError, match=message) as info:
            load_preset(path)
        assert str(path) in str(info.value) and "\n" not in str(info.value)
    bad_option = tmp_path / "h.yaml"
    bad_option.write_text("backend: openai\nmodel: x\noptions: {temprature: 0}\n")
    preset = load_preset(bad_option)
    with pytest.raises(SpecError, match="unknown option 'temprature'"):
        create_policy(preset.spec, **preset.options)
