"""A stand-in THOR build for the tests: a Python program that speaks ai2thor's FIFO protocol.

The real ``ai2thor.controller.Controller`` starts it as its ``local_executable_path``: it finds the two FIFOs
in ``$AI2THOR_FIFO_SERVER_PIPE_PATH`` (it writes there) and ``$AI2THOR_FIFO_CLIENT_PIPE_PATH`` (it reads there),
sends one message (msgpack metadata + a raw RGB frame + end-of-message) when it comes up and one per JSON
action it reads. Objects behave like iTHOR's for the actions the backend uses (toggle, open, pick up, put,
drop, fill, break, dirty, slice, cook, teleport, reachable positions); a running faucet fills fillable things in
the sink basin, a switched-on microwave or burner heats what it holds, breakable things break when dropped.

Every action is appended to the JSON file ``$FAKE_THOR_LOG`` (``{pid}`` replaced by the process id; a list of ``{"action", "success", "error",
"frame_sha1"}``; the first entry, action ``null``, is the start-up message). Frames are a deterministic pattern
of the requested size whose colours depend on the scene and every state-changing action since its reset, so frames change as the scene
does. ``$FAKE_THOR_MODE``: ``crash`` exits at once (returncode 3), ``hang`` says nothing for 20 s.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import struct
import sys
import time
import zlib
from pathlib import Path
from typing import Any

import msgpack
import numpy as np
from fake_thor_scenes import make_objects, reachable_positions

HEADER = struct.Struct("!BI")
METADATA, ACTION, RGB_IMAGE, EOM = 1, 2, 4, 255
SCENES = [
    f"FloorPlan{n}_physics"
    for lo, hi in ((1, 30), (201, 230), (301, 330), (401, 430))
    for n in range(lo, hi + 1)
]
OBJECT_ACTIONS = {"ToggleObjectOn", "ToggleObjectOff", "OpenObject", "CloseObject", "PickupObject", "PutObject",
                  "FillObjectWithLiquid", "EmptyLiquidFromObject", "BreakObject", "DirtyObject", "CleanObject",
                  "SliceObject", "CookObject", "DisableObject", "PlaceObjectAtPoint"}  # fmt: skip


class Fail(Exception):
    """The action failed (lastActionSuccess False, errorMessage = the text)."""


class FakeThor:
    def __init__(self, width: int, height: int, log_path: str | None) -> None:
        self.width, self.height = width, height
        self.log_path = log_path
        self.log: list[dict[str, Any]] = []
        self.history: list[str] = []
        self.scene = "FloorPlan1_physics"
        self.objects: list[dict[str, Any]] = make_objects(self.scene)
        self.agent = {"position": {"x": 0.25, "y": 0.9, "z": 0.25}, "rotation": {"x": 0.0, "y": 0.0, "z": 0.0},
                      "cameraHorizon": 0.0, "isStanding": True}  # fmt: skip
        self.held: str | None = None

    # --- state helpers ---------------------------------------------------------------------------------------
    def obj(self, oid: Any) -> dict[str, Any]:
        for o in self.objects:
            if o["objectId"] == oid:
                return o
        raise Fail(f"object {oid!r} not found in the scene")

    def _detach(self, o: dict[str, Any]) -> None:
        for pid in o["parentReceptacles"] or []:
            self.obj(pid)["receptacleObjectIds"].remove(o["objectId"])
        o["parentReceptacles"] = None

    def _attach(self, o: dict[str, Any], parent: dict[str, Any]) -> None:
        o["parentReceptacles"] = [parent["objectId"]]
        parent["receptacleObjectIds"].append(o["objectId"])
        o["position"] = {**parent["position"], "y": parent["position"]["y"] + 0.1}

    def _reach(self, o: dict[str, Any], force: bool) -> None:
        here: dict[str, float] = self.agent["position"]  # type: ignore[assignment]
        d = math.hypot(o["position"]["x"] - here["x"], o["position"]["z"] - here["z"])
        if not force and d > 1.5:
            raise Fail(f"{o['objectId']} is not interactable (distance {d:.2f} > 1.5)")

    def _physics(self) -> None:
        on = {o["objectId"] for o in self.objects if o["isToggled"]}
        for knob in self.objects:
            if knob["objectType"] == "StoveKnob" and knob["isToggled"]:
                on.update(knob["controlledObjects"] or [])
        for o in self.objects:
            closed = o["openable"] and not o["isOpen"]
            if (
                o["objectId"] in on
                and o["isHeatSource"]
                and o["receptacle"]
                and (closed or not o["openable"])
            ):
                for item in (self.obj(i) for i in o["receptacleObjectIds"]):
                    item["temperature"] = "Hot"
        if any(o["objectType"] == "Faucet" and o["isToggled"] for o in self.objects):
            for basin in (b for b in self.objects if b["objectType"] == "SinkBasin"):
                for item in (self.obj(i) for i in basin["receptacleObjectIds"]):
                    if item["canFillWithLiquid"] and not item["isFilledWithLiquid"]:
                        item["isFilledWithLiquid"], item["fillLiquid"] = True, "water"

    # --- actions ---------------------------------------------------------------------------------------------
    def act(self, a: dict[str, Any]) -> Any:
        name = a.get("action")
        force = bool(a.get("forceAction"))
        if name == "GetScenesInBuild":
            return SCENES
        if name == "Reset":
            if a.get("sceneName") not in SCENES:
                raise Fail(f"no scene {a.get('sceneName')!r}")
            self.scene, self.objects, self.held = a["sceneName"], make_objects(a["sceneName"]), None
            self.history = [a["sceneName"]]
            return None
        if name in ("Initialize", "Pass", "Done"):
            return None
        if name == "ChangeResolution":
            self.width, self.height = int(a["x"]), int(a["y"])
            return None
        if name == "GetReachablePositions":
            return reachable_positions()
        if name in ("TeleportFull", "Teleport"):
            p = a["position"]
            if not any(
                abs(p["x"] - q["x"]) < 1e-3 and abs(p["z"] - q["z"]) < 1e-3 for q in reachable_positions()
            ):
                raise Fail(f"position {p} is not reachable")
            if name == "TeleportFull" and not {"rotation", "horizon", "standing"} <= set(a):
                raise Fail("TeleportFull needs position, rotation, horizon and standing")
            rot = a.get("rotation", self.agent["rotation"])
            rot = rot if isinstance(rot, dict) else {"x": 0.0, "y": float(rot), "z": 0.0}
            self.agent.update(position={**p}, rotation=rot, cameraHorizon=float(a.get("horizon", 0.0)))
            return None
        if name == "DropHandObject":
            if self.held is None:
                raise Fail("nothing in hand to drop")
            o, self.held = self.obj(self.held), None
            o["isPickedUp"] = False
            self._attach(o, next(f for f in self.objects if f["objectType"] == "Floor"))
            if o["breakable"]:
                o["isBroken"] = True
            return None
        if name not in OBJECT_ACTIONS:
            raise KeyError(name)
        o = self.obj(a.get("objectId"))
        self._reach(o, force)
        if name in ("ToggleObjectOn", "ToggleObjectOff"):
            if not o["toggleable"]:
                raise Fail(f"{o['objectId']} is not toggleable")
            want = name == "ToggleObjectOn"
            if o["isToggled"] == want:
                raise Fail(f"{o['objectId']} is already toggled {'on' if want else 'off'}")
            o["isToggled"] = want
        elif name in ("OpenObject", "CloseObject"):
            if not o["openable"]:
                raise Fail(f"{o['objectId']} is not openable")
            o["isOpen"] = name == "OpenObject"
            o["openness"] = float(a.get("openness", 1.0)) if o["isOpen"] else 0.0
        elif name == "PickupObject":
            if not o["pickupable"]:
                raise Fail(f"{o['objectId']} is not pickupable")
            if self.held is not None:
                raise Fail(f"hand already holds {self.held}")
            self._detach(o)
            o["isPickedUp"], self.held = True, o["objectId"]
        elif name == "PutObject":
            if self.held is None:
                raise Fail("nothing in hand to put")
            if not o["receptacle"]:
                raise Fail(f"{o['objectId']} is not a receptacle")
            if o["openable"] and not o["isOpen"]:
                raise Fail(f"{o['objectId']} is closed")
            held, self.held = self.obj(self.held), None
            held["isPickedUp"] = False
            self._attach(held, o)
        elif name == "PlaceObjectAtPoint":
            self._detach(o)
            floor = next(f for f in self.objects if f["objectType"] == "Floor")
            self._attach(o, floor)
            o["position"] = {k: float(a["position"][k]) for k in ("x", "y", "z")}
        elif name == "DisableObject":
            self._detach(o)
            self.objects.remove(o)
        else:
            flag, value, cap = {
                "FillObjectWithLiquid": ("isFilledWithLiquid", True, "canFillWithLiquid"),
                "EmptyLiquidFromObject": ("isFilledWithLiquid", False, "canFillWithLiquid"),
                "BreakObject": ("isBroken", True, "breakable"), "DirtyObject": ("isDirty", True, "dirtyable"),
                "CleanObject": ("isDirty", False, "dirtyable"), "SliceObject": ("isSliced", True, "sliceable"),
                "CookObject": ("isCooked", True, "cookable"),
            }[name]  # fmt: skip
            if not o[cap]:
                raise Fail(f"{o['objectId']} cannot do {name}")
            o[flag] = value
            if name == "FillObjectWithLiquid":
                o["fillLiquid"] = a.get("fillLiquid", "water")
            if name == "EmptyLiquidFromObject":
                o["fillLiquid"] = None
        self._physics()
        return None

    # --- protocol --------------------------------------------------------------------------------------------
    def frame(self) -> bytes:
        h = zlib.crc32("\n".join(self.history).encode())
        ys, xs = np.mgrid[0 : self.height, 0 : self.width]
        img = np.stack([(xs * 3 + h) % 256, (ys * 5 + (h >> 8)) % 256, (xs + ys + (h >> 16)) % 256], axis=-1)
        return np.ascontiguousarray(img.astype(np.uint8)).tobytes()

    def message(self, seq: int, action: dict[str, Any] | None) -> bytes:
        name = action.get("action") if action else None
        success, error, code, ret = True, "", "", None
        if action is not None:
            try:
                ret = self.act(action)
                if name not in (
                    "Reset",
                    "GetScenesInBuild",
                    "GetReachablePositions",
                    "Initialize",
                    "Pass",
                    "Done",
                ):
                    self.history.append(
                        json.dumps({k: v for k, v in action.items() if k != "sequenceId"}, sort_keys=True)
                    )
            except Fail as exc:
                success, error = False, str(exc)
            except KeyError:
                success, error, code = False, f"Invalid action: {name}", "InvalidAction"
        frame = self.frame()
        agent_meta = {
            "screenWidth": self.width, "screenHeight": self.height, "sceneName": self.scene, "lastAction": name,
            "lastActionSuccess": success, "errorMessage": error, "errorCode": code, "actionReturn": ret,
            "agent": self.agent, "objects": self.objects, "thirdPartyCameras": [], "fov": 90.0,
            "inventoryObjects": [{"objectId": self.held, "objectType": self.held.split("|")[0]}] if self.held else [],
        }  # fmt: skip
        meta = {"agents": [agent_meta], "sequenceId": seq, "activeAgentId": 0, "thirdPartyCameras": []}
        body = msgpack.dumps(meta)
        self.log.append({"action": action, "success": success, "error": error,
                         "frame_sha1": hashlib.sha1(frame).hexdigest()})  # fmt: skip
        if self.log_path:
            tmp = Path(self.log_path + ".tmp")
            tmp.write_text(json.dumps(self.log))
            os.replace(tmp, self.log_path)
        return (
            HEADER.pack(METADATA, len(body))
            + body
            + HEADER.pack(RGB_IMAGE, len(frame))
            + frame
            + HEADER.pack(EOM, 0)
        )


def _read(pipe: Any, n: int) -> bytes:
    data = b""
    while len(data) < n:
        part = pipe.read(n - len(data))
        if not part:
            raise EOFError
        data += part
    return data


def _arg(argv: list[str], flag: str, default: int) -> int:
    return int(argv[argv.index(flag) + 1]) if flag in argv else default


def main(argv: list[str]) -> int:
    mode = os.environ.get("FAKE_THOR_MODE", "")
    if mode == "crash":
        return 3
    if mode == "hang":
        time.sleep(20)
        return 0
    log = os.environ.get("FAKE_THOR_LOG")
    log = log.format(pid=os.getpid()) if log else None
    fake = FakeThor(_arg(argv, "-screen-width", 300), _arg(argv, "-screen-height", 300), log)
    with open(os.environ["AI2THOR_FIFO_SERVER_PIPE_PATH"], "wb") as out:
        out.write(fake.message(0, None))
        out.flush()
        with open(os.environ["AI2THOR_FIFO_CLIENT_PIPE_PATH"], "rb") as inp:
            while True:
                try:
                    kind, length = HEADER.unpack(_read(inp, HEADER.size))
                    body = _read(inp, length)
                    end, _ = HEADER.unpack(_read(inp, HEADER.size))
                except EOFError:
                    return 0
                if kind != ACTION or end != EOM:
                    return 4
                action = json.loads(body)
                out.write(fake.message(int(action.get("sequenceId", 0)), action))
                out.flush()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
