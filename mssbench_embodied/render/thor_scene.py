"""Staging one scenario variant in a running iTHOR scene, following its ``thor:`` mapping.

:func:`stage` resets the scene, finds a THOR instance for each mapped object
(:func:`~mssbench_embodied.world.thor_exec.resolve_objects`), runs the set-up steps (iTHOR actions on our ids,
with ``forceAction`` so placements do not depend on where the agent stands), hands the agent what our world
says it holds, and places the egocentric camera: facing ``look_at`` from the nearest reachable position, or
at an explicit pose. Steps naming an object the scene lacks are skipped and recorded.

Example:
    >>> compile_step(ThorStep("FillObjectWithLiquid", "mug", args={"liquid": "coffee"}), {"mug": "Mug|1"}, {})
    [{'action': 'FillObjectWithLiquid', 'objectId': 'Mug|1', 'fillLiquid': 'coffee', 'forceAction': True}]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mssbench_embodied.world.state import World
from mssbench_embodied.world.thor_exec import (
    ThorBinding,
    ThorCall,
    look_pose,
    nearest_reachable,
    objects_by_id,
    resolve_objects,
)
from mssbench_embodied.world.thor_spec import ThorCamera, ThorPlan, ThorStep

_FORCE = {"forceAction": True}


def compile_step(
    step: ThorStep, ids: Mapping[str, str], objects: Mapping[str, Any], knobs: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """The iTHOR actions of one set-up step, given our id -> ``objectId``, THOR's objects by id and our id ->
    the ``objectId`` that switches it (``StoveKnob``).

    ``PutObject`` picks the object up first and opens (then re-closes) a closed receptacle; toggling an object
    with a knob toggles the knob. Returns ``[]`` when a named object is not in the scene.
    """
    oid = ids.get(step.object) if step.object else None
    if step.object and oid is None:
        return []
    act = step.action
    if act == "PutObject":
        rid = ids.get(step.receptacle or "")
        if rid is None:
            return []
        closed = bool(objects.get(rid, {}).get("openable")) and not objects.get(rid, {}).get("isOpen")
        out = [{"action": "PickupObject", "objectId": oid, **_FORCE}]
        out += [{"action": "OpenObject", "objectId": rid, **_FORCE}] if closed else []
        out.append({"action": "PutObject", "objectId": rid, "placeStationary": True, **_FORCE})
        out += [{"action": "CloseObject", "objectId": rid, **_FORCE}] if closed else []
        return out
    if act == "PlaceObjectAtPoint":
        return [{"action": act, "objectId": oid, "position": dict(step.args["position"])}]
    if act == "SetObjectPoses":
        return [{"action": act, "objectPoses": list(step.args["objectPoses"])}]
    if act == "DropHandObject":
        return [{"action": act, **_FORCE}]
    if act == "DisableObject":
        return [{"action": act, "objectId": oid}]
    extra: dict[str, Any] = {}
    switch = (knobs or {}).get(step.object or "")
    if act in ("ToggleObjectOn", "ToggleObjectOff") and switch is not None:
        oid = switch
    if act == "FillObjectWithLiquid":
        extra["fillLiquid"] = step.args.get("liquid", "water")
    if act == "OpenObject" and "openness" in step.args:
        extra["openness"] = step.args["openness"]
    return [{"action": act, "objectId": oid, **extra, **_FORCE}]


def _step(controller: Any, action: dict[str, Any], log: list[ThorCall]) -> None:
    try:
        meta = controller.step(dict(action)).metadata
        log.append(ThorCall(action, bool(meta.get("lastActionSuccess")), str(meta.get("errorMessage") or "")))
    except ValueError as exc:  # ai2thor raises on InvalidAction / InvalidArgument
        log.append(ThorCall(action, False, " ".join(str(exc).split())))


def camera_action(
    camera: ThorCamera, binding: ThorBinding, metadata: Mapping[str, Any]
) -> dict[str, Any] | None:
    """The ``TeleportFull`` placing the egocentric camera, or ``None`` when its target is not in the scene."""
    if camera.position is not None:
        pos = dict(camera.position)
        if "y" not in pos:
            spot = nearest_reachable(binding.reachable, pos)
            pos["y"] = spot["y"] if spot else 0.9
        return {
            "action": "TeleportFull",
            "position": {k: float(pos[k]) for k in ("x", "y", "z")},
            "rotation": {"x": 0.0, "y": float(camera.rotation or 0.0), "z": 0.0},
            "horizon": camera.horizon,
            "standing": True,
        }
    target = objects_by_id(metadata).get(binding.ids.get(camera.look_at or "", ""), {}).get("position")
    spot = nearest_reachable(binding.reachable, target) if target else None
    return look_pose(spot, target, camera.horizon) if spot and target else None


def stage(controller: Any, plan: ThorPlan, world: World) -> ThorBinding:
    """Reset ``plan.scene`` and set it up for ``world`` (the variant's world, unchanged).

    Returns:
        The binding (our ids -> THOR objects, what is missing, the set-up log, reachable positions).
    """
    controller.reset(scene=plan.scene)
    binding = resolve_objects(controller.last_event.metadata, plan.objects, world, plan.scene)
    for step in plan.steps:
        objects = objects_by_id(controller.last_event.metadata)
        actions = compile_step(step, binding.ids, objects, binding.knobs)
        if not actions:
            binding.log.append(
                ThorCall({"action": step.action, "object": step.object}, False, "not in the scene")
            )
        for action in actions:
            _step(controller, action, binding.log)
    held = binding.ids.get(world.holding or "")
    if held is not None:
        _step(controller, {"action": "PickupObject", "objectId": held, **_FORCE}, binding.log)
    event = controller.step({"action": "GetReachablePositions"})
    binding.reachable = [dict(p) for p in (event.metadata.get("actionReturn") or [])]
    pose = camera_action(plan.camera, binding, controller.last_event.metadata)
    if pose is not None:
        _step(controller, pose, binding.log)
    else:
        binding.log.append(ThorCall({"action": "TeleportFull"}, False, "camera target not in the scene"))
    return binding


__all__ = ["camera_action", "compile_step", "stage"]
