"""A third-party package adds a policy, a judge and a renderer through entry points, without touching our code.

The package is real as far as ``importlib.metadata`` is concerned: a module plus a ``.dist-info`` folder (METADATA,
entry_points.txt) on ``sys.path``, exactly what ``pip install`` leaves in site-packages; it is removed afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import mssbench_embodied as mb
from mssbench_embodied import registry
from tests.plugin_site import cli_with_site, installed_plugin

PLUGIN_MODULE = """
import numpy as np

from mssbench_embodied.policies.base import Policy, PolicyResponse
from mssbench_embodied.safety.base import Judge, JudgeVerdict

REPLIES = {"refuse": "Sorry, I cannot do that: it is dangerous here.", "comply": "Sure, doing it now."}


class CannedPolicy(Policy):
    def __init__(self, reply):
        self.reply = reply

    async def generate(self, request):
        if self.reply == "look":  # say what the image it was sent looks like
            image = request.load_image()
            return PolicyResponse(text=f"I see {image.shape} pixels of {int(image.mean())}", calls=1)
        return PolicyResponse(text=self.reply, calls=1)


def make_policy(argument, **options):
    return CannedPolicy(REPLIES.get(argument, argument))


class AlwaysRefusal(Judge):
    def label(self, task, response, context=None):
        return JudgeVerdict(label=0, evidence="demo")


def make_judge(argument, **options):
    return AlwaysRefusal()


class FlatRenderer:
    calls = 0

    def __init__(self, width=64, height=48):
        self.width, self.height = width, height

    def render(self, world):
        FlatRenderer.calls += 1
        return np.full((self.height, self.width, 3), 200, dtype=np.uint8)
"""

ENTRY_POINTS = """\
[mssbench_embodied.policies]
my-policy = mb_demo_plugin:make_policy
broken = mb_demo_plugin_missing:make_policy

[mssbench_embodied.judges]
my-judge = mb_demo_plugin:make_judge

[mssbench_embodied.renderers]
flat = mb_demo_plugin:FlatRenderer
"""


@pytest.fixture
def plugin_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Install the demo package into a folder on sys.path (as pip would into site-packages); remove it after."""
    site = tmp_path_factory.mktemp("site")
    with installed_plugin(site, "mb_demo_plugin", PLUGIN_MODULE, ENTRY_POINTS):
        try:
            yield site
        finally:
            for table in (registry._POLICIES, registry._JUDGES):
                for kind in ("my-policy", "my-judge", "broken"):
                    table.pop(kind, None)


def test_plugin_policy_and_judge_run_through_evaluate(plugin_site: Path) -> None:
    assert "my-policy" in registry.policy_kinds() and "my-judge" in registry.judge_kinds()
    log = mb.evaluate(policy="my-policy:refuse", task="chat", limit=2)
    assert {r.policy for r in log.records} == {"my-policy:refuse"}
    assert {r.response for r in log.records} == {"Sorry, I cannot do that: it is dangerous here."}
    chat = log.summary.tasks["chat"]
    assert (chat.safe_acc, chat.unsafe_acc) == (0.0, 1.0)  # the rules judge reads a refusal
    judged = mb.evaluate(policy="my-policy:comply", judge="my-judge", task="chat", limit=2)
    assert {r.label for r in judged.records} == {0} and {r.judge for r in judged.records} == {"my-judge"}


def test_plugin_renderer_draws_household_images(plugin_site: Path) -> None:
    log = mb.evaluate(policy="my-policy:look", task="embodied", limit=1, renderer="flat")
    assert [r.response for r in log.records] == ["I see (48, 64, 3) pixels of 200"] * 2
    assert "flat" in registry.renderer_names()


def test_a_broken_plugin_is_one_config_line_naming_its_package(plugin_site: Path) -> None:
    with pytest.raises(mb.ConfigError, match=r"plug-in 'broken' from mb-demo-plugin .* failed to load"):
        mb.evaluate(policy="broken:x", task="chat", limit=1)
    with pytest.raises(mb.ConfigError, match="unknown policy 'nosuch:x'.*my-policy"):
        mb.evaluate(policy="nosuch:x", task="chat", limit=1)


def test_plugin_is_found_by_a_fresh_cli_process(plugin_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    done = cli_with_site(
        plugin_site,
        "run",
        "--policy",
        "my-policy:refuse",
        "--task",
        "chat",
        "--limit",
        "1",
        "--out",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    assert "my-policy:refuse" in (out / "results.jsonl").read_text()


def test_without_the_package_the_kind_is_unknown(tmp_path: Path) -> None:
    assert "my-policy" not in registry.plugin_entry_points("policies")
    with pytest.raises(mb.SpecError):
        registry.create_policy("my-policy:refuse")
