"""EmbodiedStep-v0 on THOR: actions run in the simulator (real Controller, stand-in build), states read back,
and the same YAML hazard rules judge the outcome."""

from __future__ import annotations

import math
import warnings
from typing import Any

import gymnasium as gym
import numpy as np
import pytest

import mssbench_embodied  # noqa: F401  (registers the envs)
from mssbench_embodied.envs.sources import HouseholdSource
from mssbench_embodied.world import Simulator
from mssbench_embodied.world.thor_exec import ThorSimulator
from tests.thor.conftest import frame_sha1
from tests.thor.fake_thor_scenes import reachable_positions
from tests.world.helpers import EXAMPLES

pytestmark = pytest.mark.thor


def _env(renderer: Any, suite: str = "household") -> Any:
    return gym.make("MSSBench/EmbodiedStep-v0", renderer=renderer, image_size=(48, 64), suite=suite).unwrapped


def _meta(renderer: Any, thor_id: str) -> dict[str, Any]:
    return next(o for o in renderer.controller.last_event.metadata["objects"] if o["objectId"] == thor_id)


def test_reference_plan_runs_in_thor_and_the_rules_judge_the_read_back_state(renderer, log) -> None:
    env = _env(renderer)
    obs, info = env.reset(seed=0, options={"case_id": "faucet_phone_in_sink", "variant": "unsafe"})
    sim = env._sim
    assert isinstance(sim, ThorSimulator)
    ids = sim.binding.ids
    log.mark()
    frames = [obs["image"]]
    for line in info["reference_steps"]:
        obs, reward, terminated, truncated, info = env.step(line)
        frames.append(obs["image"])
    sent = log.actions()
    # navigation: a teleport to a reachable spot facing each target, then the object actions
    teleports = [a for a in sent if a["action"] == "TeleportFull"]
    assert teleports and all(t["position"] in reachable_positions() for t in teleports)
    assert [a["objectId"] for a in sent if a["action"] == "PickupObject"] == [ids["pot"]]
    assert [a["objectId"] for a in sent if a["action"] == "PutObject"] == [ids["sink"]]
    assert [a["objectId"] for a in sent if a["action"] == "ToggleObjectOn"] == [ids["faucet"]]
    # what THOR reports is what our world now says: pot in the sink, tap on, and (a THOR side effect) the pot
    # filled with water by the running faucet
    world = env._world
    assert world["pot"].parent == "sink" and world["faucet"].state["on"] is True
    assert world["pot"].state.get("filled") == "water" and "pot: filled=water" in sim.changes
    assert _meta(renderer, ids["pot"])["parentReceptacles"] == [ids["sink"]]
    # the same YAML rule fires as in the symbolic world
    assert "faucet_over_electronics" in info["hazards"] and reward == -1.0 and terminated
    assert info["thor_failures"] == []
    # frames come from THOR and change as the scene does
    assert frame_sha1(env.household.renderer.controller.last_event.frame) == log.since()[-1]["frame_sha1"]
    assert len({f.tobytes() for f in frames}) == len(frames)
    env.close()


def test_goto_faces_the_target_from_the_nearest_reachable_position(renderer, log) -> None:
    env = _env(renderer, str(EXAMPLES))
    env.reset(seed=0, options={"case_id": "ex_microwave_metal_bowl", "variant": "safe"})
    log.mark()
    env.step("Goto Microwave")
    (tele,) = log.actions("TeleportFull")
    mw = _meta(renderer, env._sim.binding.ids["microwave"])["position"]
    best = min(reachable_positions(), key=lambda p: math.hypot(p["x"] - mw["x"], p["z"] - mw["z"]))
    assert tele["position"] == best
    yaw = math.degrees(math.atan2(mw["x"] - best["x"], mw["z"] - best["z"])) % 360
    assert abs(yaw - tele["rotation"]["y"]) < 0.1
    assert env._world.agent_at == "microwave"


def test_a_burner_is_switched_by_its_own_knob_and_thor_heat_reaches_our_world(renderer, log) -> None:
    env = _env(renderer, str(EXAMPLES))
    env.reset(seed=0, options={"case_id": "ex_burner_towel_beside", "variant": "safe"})
    sim = env._sim
    burner, knob = sim.binding.ids["burner_front"], sim.binding.knobs["burner_front"]
    assert burner in _meta(renderer, knob)["controlledObjects"]  # the linked knob, not the first one listed
    log.mark()
    for line in ["Goto Counter", "Pickup Pot", "Goto Stove", "Place Front Burner", "Toggle Front Burner"]:
        obs, reward, terminated, truncated, info = env.step(line)
    assert [a["objectId"] for a in log.actions("ToggleObjectOn")] == [knob]
    assert env._world["burner_front"].state["on"] is True
    assert env._world["pot"].state.get("hot") is True  # THOR's temperature read back
    assert info["goal_reached"] and not info["hazards"] and reward == 1.0


def test_an_action_thor_refuses_is_undone_in_our_world(renderer, log) -> None:
    env = _env(renderer, str(EXAMPLES))
    env.reset(seed=0, options={"case_id": "ex_microwave_metal_bowl", "variant": "unsafe"})
    sim = env._sim
    # make THOR refuse the Place: our microwave now stands for the scene's window, which holds nothing
    objects = renderer.controller.last_event.metadata["objects"]
    sim.binding.ids["microwave"] = next(o["objectId"] for o in objects if o["objectType"] == "Window")
    env.step("Pickup Bowl")
    log.mark()
    obs, reward, terminated, truncated, info = env.step("Place Microwave")
    assert [a["action"] for a in log.actions()][-1] == "PutObject"
    assert not log.since()[-1]["success"]
    assert env._world.holding == "bowl" and env._world["bowl"].parent is None  # THOR still holds it
    assert any(f.startswith("PutObject") and "not a receptacle" in f for f in info["thor_failures"])


def test_unmapped_scenarios_use_the_symbolic_simulator_and_the_sketch(renderer, log, suite) -> None:
    scn = next(s for s in suite.embodied if s.thor is None)
    env = _env(renderer)
    with warnings.catch_warnings():  # warned once per scenario (the renderer tests check the warning)
        warnings.simplefilter("ignore")
        obs, info = env.reset(seed=0, options={"case_id": scn.id, "variant": "unsafe"})
    assert type(env._sim) is Simulator
    log.mark()
    env.step(info["reference_steps"][0])
    assert log.actions() == [] and obs["image"].shape == (48, 64, 3)


def test_runner_images_come_from_staged_scenes(renderer, log) -> None:
    source = HouseholdSource("household", renderer=renderer)
    eps = [e for e in source.episodes("embodied", "if") if e.case_id == "stove_paper_towels"]
    images = {e.episode_id: source.image(e) for e in eps}
    safe = [v for k, v in images.items() if k.endswith("/safe")]
    unsafe = [v for k, v in images.items() if k.endswith("/unsafe")]
    assert all(np.array_equal(safe[0], s) for s in safe) and all(np.array_equal(unsafe[0], u) for u in unsafe)
    assert not np.array_equal(safe[0], unsafe[0])  # the paper towels on the burner show
    # first frames are rendered once per scenario and variant (the source keeps them), so THOR stages each once
    assert len(log.actions("Reset")) == 2


def test_env_kwarg_thor_executable_points_at_a_local_build(thor_home) -> None:
    env: Any = gym.make(
        "MSSBench/EmbodiedStep-v0",
        renderer="thor",
        thor_executable=str(thor_home["exe"]),
        image_size=(48, 64),
    ).unwrapped
    obs, info = env.reset(seed=0, options={"case_id": "toaster_knife_stuck", "variant": "unsafe"})
    renderer = env.household.renderer
    assert renderer.config.executable == str(thor_home["exe"]) and renderer.running
    assert obs["image"].shape == (48, 64, 3) and isinstance(env._sim, ThorSimulator)
    renderer.close()
    with pytest.raises(ValueError, match="only used with renderer='thor'"):
        gym.make("MSSBench/EmbodiedStep-v0", thor_executable=str(thor_home["exe"]))
