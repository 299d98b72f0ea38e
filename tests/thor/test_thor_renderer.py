"""ThorRenderer through the real ai2thor Controller and the stand-in build: start-up, scene set-up, frames, errors."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from mssbench_embodied.render import get_renderer
from mssbench_embodied.render.thor import ThorRenderer, ThorSetupError
from mssbench_embodied.render.thor_controller import ThorStartError, ThorUnavailableError
from tests.thor.conftest import frame_sha1
from tests.thor.fake_thor_scenes import reachable_positions
from tests.world.helpers import EXAMPLES

pytestmark = pytest.mark.thor


def _ids(log_entries: list[dict[str, Any]], kind: str) -> list[str]:
    return [a["objectId"] for a in log_entries if a["action"] == kind]


def test_renderer_stages_the_variant_with_the_mapped_actions(renderer, log) -> None:
    from mssbench_embodied.world import load_suite

    suite = load_suite(EXAMPLES)
    scn = suite.scenario("ex_microwave_metal_bowl")
    world = suite.world_for(scn.id, "unsafe")
    frame = renderer.render_scenario(scn, "unsafe", world)
    acts = log.actions()
    start = max(
        i for i, a in enumerate(acts) if a["action"] == "Reset"
    )  # after the controller's own start-up
    acts = acts[start:]
    assert [a["action"] for a in acts[:2]] == ["Reset", "Initialize"]
    assert acts[0]["sceneName"] == "FloorPlan13_physics"
    binding = renderer._staged.binding
    # the unsafe bowl is a metal Pot; the leftovers (Bread) go into it, it goes onto the counter
    assert binding.ids["bowl"].startswith("Pot|") and binding.ids["leftovers"].startswith("Bread|")
    puts = [(a["objectId"]) for a in acts if a["action"] == "PutObject"]
    assert puts == [binding.ids["counter"], binding.ids["bowl"]]
    assert _ids(acts, "PickupObject") == [binding.ids["bowl"], binding.ids["leftovers"]]
    assert all(a.get("forceAction") for a in acts if a["action"] in ("PickupObject", "PutObject"))
    assert binding.symbolic == ["cutting_board"] and binding.missing == []
    # the camera: a reachable position, facing the bowl
    tele = acts[-1]
    assert tele["action"] == "TeleportFull" and tele["standing"] is True
    assert tele["position"] in reachable_positions()
    objects = renderer.controller.last_event.metadata["objects"]
    bowl = next(o for o in objects if o["objectId"] == binding.ids["bowl"])
    dx, dz = bowl["position"]["x"] - tele["position"]["x"], bowl["position"]["z"] - tele["position"]["z"]
    assert abs((math.degrees(math.atan2(dx, dz)) % 360) - tele["rotation"]["y"]) < 0.1
    # the frame is the stand-in's last frame, at the requested size
    assert frame.shape == (48, 64, 3) and frame.dtype == np.uint8
    assert frame_sha1(frame) == log.since()[-1]["frame_sha1"]
    assert all(e["success"] for e in log.since()), [e for e in log.since() if not e["success"]]


def test_variants_render_differently_when_the_mapping_stages_them_differently(renderer, log, suite) -> None:
    scn = suite.scenario("faucet_phone_in_sink")
    safe = renderer.render_scenario(scn, "safe", suite.world_for(scn.id, "safe"))
    unsafe = renderer.render_scenario(scn, "unsafe", suite.world_for(scn.id, "unsafe"))
    assert not np.array_equal(safe, unsafe)
    phone_puts = [a for a in log.actions("PutObject") if a["objectId"].startswith("SinkBasin|")]
    assert len(phone_puts) == 1  # only the unsafe variant puts the phone into the sink basin
    again = renderer.render_scenario(scn, "unsafe", suite.world_for(scn.id, "unsafe"))
    assert np.array_equal(again, unsafe)
    assert len(log.actions("Reset")) == 2  # an untouched staging is reused, not reset again


def test_render_of_an_unstaged_world_says_what_to_do(renderer, suite) -> None:
    with pytest.raises(ThorSetupError, match="prepare"):
        renderer.render(suite.world_for("microwave_foil_takeout", "safe"))


def test_unmapped_scenarios_fall_back_to_the_sketch_with_a_warning(renderer, log, suite) -> None:
    scn = next(s for s in suite.embodied if s.thor is None)
    with pytest.warns(UserWarning, match="no thor: mapping"):
        image = renderer.render_scenario(scn, "unsafe", suite.world_for(scn.id, "unsafe"))
    assert image.shape == (48, 64, 3) and log.actions() == []
    strict = ThorRenderer(64, 48, thor_executable=renderer.config.executable, x_display=":0", fallback=None)
    with pytest.raises(ThorSetupError, match="no thor: mapping"):
        strict.render_scenario(scn, "safe", suite.world_for(scn.id, "safe"))


def test_controller_starts_lazily_is_shared_per_process_and_closes_idempotently(thor_home, suite) -> None:
    kw = {"thor_executable": thor_home["exe"], "x_display": ":0", "start_timeout": 30.0}
    a = ThorRenderer(80, 60, **kw)
    b = get_renderer("thor", width=80, height=60, **kw)
    assert not a.running and not b.running  # constructing checks, never starts
    scn = suite.scenario("toaster_knife_stuck")
    frame = a.render_scenario(scn, "safe", suite.world_for(scn.id, "safe"))
    assert frame.shape == (60, 80, 3) and a.running and b.running and a.controller is b.controller
    proc = a.controller.server.unity_proc
    a.close()
    a.close()
    b.close()
    assert not b.running and proc.wait(timeout=10) is not None


#: No network for ai2thor's build look-up, even where the test machine has some (a closed local port as proxy).
OFFLINE = {
    "HTTP_PROXY": "http://127.0.0.1:9",
    "HTTPS_PROXY": "http://127.0.0.1:9",
    "NO_PROXY": "",
    "no_proxy": "",
}


def test_offline_without_a_build_fails_at_once_with_a_one_line_hint(thor_home, monkeypatch) -> None:
    for key, value in OFFLINE.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(ThorUnavailableError) as err:
        ThorRenderer()  # no executable, no ~/.ai2thor/releases, no network
    msg = str(err.value)
    assert "\n" not in msg and "--thor-executable" in msg and "~/.ai2thor/releases" in msg
    assert "thor_executable=" in msg and "no build exists" not in msg


def test_cli_run_with_thor_and_no_build_exits_2_before_any_model_call(thor_home, tmp_path: Path) -> None:
    out = tmp_path / "run"
    env = {k: v for k, v in __import__("os").environ.items() if k != "MSSBENCH_THOR_EXECUTABLE"}
    proc = subprocess.run(
        [sys.executable, "-m", "mssbench_embodied", "run", "--renderer", "thor", "--task", "embodied",
         "--policy", "openai:gpt-4o", "--base-url", "http://127.0.0.1:9/v1", "--limit", "1", "--out", str(out)],
        capture_output=True, text=True, timeout=120, env={**env, **OFFLINE, "OPENAI_API_KEY": "x"},
    )  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "--renderer thor:" in lines[0] and "--thor-executable PATH" in lines[0]
    assert "Traceback" not in proc.stderr and not (out / "results.jsonl").exists()


def test_cli_render_with_the_stand_in_writes_the_thor_frame(thor_home, tmp_path: Path) -> None:
    png = tmp_path / "frame.png"
    proc = subprocess.run(
        [sys.executable, "-m", "mssbench_embodied", "render", "stove_paper_towels", "--renderer", "thor",
         "--thor-executable", str(thor_home["exe"]), "-o", str(png)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert png.stat().st_size > 0 and "512x384" in proc.stdout


def test_a_crashing_or_silent_build_is_a_one_line_start_error(thor_home, suite, monkeypatch) -> None:
    scn = suite.scenario("toaster_knife_stuck")
    for mode, match in (
        ("crash", "exited while starting \\(returncode 3\\)"),
        ("hang", "did not answer within 0.5 s"),
    ):
        monkeypatch.setenv("FAKE_THOR_MODE", mode)
        r = ThorRenderer(32, 24, thor_executable=thor_home["exe"], x_display=":0", start_timeout=0.5)
        with pytest.raises(ThorStartError, match=match) as err:
            r.render_scenario(scn, "safe", suite.world_for(scn.id, "safe"))
        assert "\n" not in str(err.value)
        r.close()


def test_a_missing_executable_is_unavailable_not_a_crash(tmp_path: Path) -> None:
    not_exe = tmp_path / "thor-build"
    not_exe.write_text("not a program")
    with pytest.raises(ThorUnavailableError, match="not an executable file"):
        ThorRenderer(thor_executable=not_exe)
