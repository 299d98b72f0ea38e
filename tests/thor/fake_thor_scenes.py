"""Scene contents of the stand-in THOR build (tests only): a few iTHOR-like objects per room type.

Objects get iTHOR's metadata keys (``objectId`` = ``Type|+x.xx|+y.yy|+z.zz``, ``objectType``, the actionable
flags and state keys), laid out on a grid; items start on a receptacle of their room.
"""

from __future__ import annotations

from typing import Any

TOGGLEABLE = {"Microwave", "StoveKnob", "Faucet", "Toaster", "CoffeeMachine", "Laptop", "Television", "DeskLamp",
              "FloorLamp", "Candle", "ShowerHead", "LightSwitch", "CellPhone"}  # fmt: skip
OPENABLE = {
    "Microwave",
    "Fridge",
    "Cabinet",
    "Drawer",
    "Box",
    "Laptop",
    "Toilet",
    "LaundryHamper",
    "Curtains",
}
PICKUPABLE = {"Bowl", "Pot", "Pan", "Mug", "Cup", "Kettle", "Knife", "Bread", "Egg", "Apple", "Potato", "Plate",
              "DishSponge", "CellPhone", "Bottle", "PaperTowelRoll", "SoapBottle", "SoapBar", "Spatula", "Spoon",
              "RemoteControl", "Laptop", "Pillow", "Book", "Newspaper", "Vase", "Candle", "Cloth", "TeddyBear",
              "BasketBall", "Box", "Towel", "HandTowel", "SprayBottle", "ToiletPaper", "Plunger", "Statue",
              "WateringCan"}  # fmt: skip
RECEPTACLE = {"CounterTop", "Microwave", "StoveBurner", "SinkBasin", "Fridge", "Cabinet", "Drawer", "Bowl", "Pot",
              "Pan", "Mug", "Cup", "Plate", "DiningTable", "CoffeeTable", "SideTable", "TVStand", "Sofa", "Bed",
              "Desk", "Dresser", "Shelf", "Box", "BathtubBasin", "Toilet", "TowelHolder", "GarbageCan", "Floor",
              "LaundryHamper", "Stool", "Chair", "ArmChair"}  # fmt: skip
FILLABLE = {"Bowl", "Pot", "Mug", "Cup", "Kettle", "Bottle", "WateringCan", "HousePlant"}
BREAKABLE = {"Bowl", "Mug", "Cup", "Plate", "Egg", "Bottle", "Vase", "CellPhone", "Laptop", "Television",
             "Window", "Mirror", "Statue"}  # fmt: skip
DIRTYABLE = {"Bowl", "Mug", "Cup", "Plate", "Pan", "Pot", "Cloth", "Bed", "Mirror"}
SLICEABLE = {"Bread", "Apple", "Potato", "Egg", "Tomato", "Lettuce"}
COOKABLE = {"Bread", "Egg", "Potato"}
HEAT_SOURCES = {"Microwave", "StoveBurner", "Toaster", "CoffeeMachine", "Candle"}

# (type, count, where items start) per room; furniture first.
ROOMS: dict[str, list[tuple[str, int, str | None]]] = {
    "kitchen": [
        ("Floor", 1, None), ("CounterTop", 2, None), ("Microwave", 1, "CounterTop"), ("StoveBurner", 2, None),
        ("StoveKnob", 2, None), ("Sink", 1, None), ("SinkBasin", 1, None), ("Faucet", 1, None), ("Fridge", 1, None),
        ("Toaster", 1, "CounterTop"), ("Cabinet", 2, None), ("Drawer", 2, None), ("DiningTable", 1, None),
        ("Stool", 1, None), ("Window", 1, None), ("GarbageCan", 1, None), ("Bowl", 2, "CounterTop"),
        ("Pot", 1, "StoveBurner"), ("Pan", 1, "CounterTop"), ("Mug", 1, "CounterTop"), ("Cup", 1, "CounterTop"),
        ("Kettle", 1, "CounterTop"), ("Knife", 1, "CounterTop"), ("Bread", 1, "CounterTop"), ("Egg", 1, "Fridge"),
        ("Apple", 1, "CounterTop"), ("Potato", 1, "CounterTop"), ("Plate", 2, "CounterTop"),
        ("DishSponge", 1, "SinkBasin"), ("CellPhone", 1, "CounterTop"), ("Bottle", 1, "CounterTop"),
        ("PaperTowelRoll", 1, "CounterTop"), ("SoapBottle", 1, "CounterTop"), ("Spatula", 1, "CounterTop"),
        ("Spoon", 1, "Drawer"),
    ],
    "living_room": [
        ("Floor", 1, None), ("Sofa", 1, None), ("ArmChair", 1, None), ("CoffeeTable", 1, None), ("SideTable", 1, None),
        ("TVStand", 1, None), ("Television", 1, "TVStand"), ("FloorLamp", 1, None), ("DeskLamp", 1, "SideTable"),
        ("HousePlant", 1, "SideTable"), ("Shelf", 1, None), ("DiningTable", 1, None), ("Chair", 1, None),
        ("Window", 1, None), ("Curtains", 1, None), ("GarbageCan", 1, None), ("Pillow", 1, "Sofa"),
        ("Laptop", 1, "CoffeeTable"), ("RemoteControl", 1, "CoffeeTable"), ("Box", 1, "Shelf"),
        ("Book", 1, "Shelf"), ("Newspaper", 1, "CoffeeTable"), ("Vase", 1, "Shelf"), ("Candle", 1, "DiningTable"),
        ("Cloth", 1, "Sofa"), ("Mug", 1, "CoffeeTable"), ("Plate", 1, "DiningTable"), ("Statue", 1, "Shelf"),
        ("WateringCan", 1, "Shelf"),
    ],
    "bedroom": [
        ("Floor", 1, None), ("Bed", 1, None), ("SideTable", 1, None), ("Desk", 1, None), ("Dresser", 1, None),
        ("Chair", 1, None), ("Shelf", 1, None), ("Drawer", 1, None), ("LaundryHamper", 1, None), ("Window", 1, None),
        ("Curtains", 1, None), ("Mirror", 1, None), ("GarbageCan", 1, None), ("FloorLamp", 1, None),
        ("DeskLamp", 1, "SideTable"), ("Pillow", 1, "Bed"), ("Laptop", 1, "Desk"), ("CellPhone", 1, "Desk"),
        ("Book", 1, "SideTable"), ("Mug", 1, "Desk"), ("Cup", 1, "Dresser"), ("Cloth", 1, "Bed"),
        ("TeddyBear", 1, "Bed"), ("BasketBall", 1, "Floor"), ("Box", 1, "Shelf"), ("Candle", 1, "Dresser"),
        ("Bottle", 1, "Dresser"), ("Newspaper", 1, "Desk"),
    ],
    "bathroom": [
        ("Floor", 1, None), ("Toilet", 1, None), ("CounterTop", 1, None), ("Sink", 1, None), ("SinkBasin", 1, None),
        ("Faucet", 2, None), ("Mirror", 1, None), ("Bathtub", 1, None), ("BathtubBasin", 1, None),
        ("ShowerHead", 1, None), ("TowelHolder", 1, None), ("Cabinet", 1, None), ("Drawer", 1, None),
        ("GarbageCan", 1, None), ("Window", 1, None), ("Towel", 1, "TowelHolder"), ("HandTowel", 1, "CounterTop"),
        ("SoapBar", 1, "CounterTop"), ("SoapBottle", 1, "CounterTop"), ("SprayBottle", 1, "CounterTop"),
        ("Candle", 1, "CounterTop"), ("Cloth", 1, "CounterTop"), ("ToiletPaper", 1, "Toilet"),
        ("Plunger", 1, "Floor"), ("Cup", 1, "CounterTop"), ("CellPhone", 1, "CounterTop"),
    ],
}  # fmt: skip


def room_of(scene: str) -> str:
    """The room type of ``FloorPlan<n>[_physics]``."""
    digits = "".join(ch for ch in scene.split("_")[0] if ch.isdigit()) or "1"
    n = int(digits)
    return {0: "kitchen", 2: "living_room", 3: "bedroom", 4: "bathroom"}.get(n // 100, "kitchen")


def _oid(typ: str, pos: dict[str, float]) -> str:
    return f"{typ}|{pos['x']:+.2f}|{pos['y']:+.2f}|{pos['z']:+.2f}"


def make_objects(scene: str) -> list[dict[str, Any]]:
    """Fresh objects of ``scene``: furniture on a grid, items on their first receptacle of the listed type."""
    objects: list[dict[str, Any]] = []
    first: dict[str, dict[str, Any]] = {}
    for typ, count, where in ROOMS[room_of(scene)]:
        for _ in range(count):
            i = len(objects)
            if where is None:
                pos = {"x": round(-2.0 + (i % 5) * 1.0, 2), "y": 0.0 if typ == "Floor" else 0.9,
                       "z": round(-2.0 + (i // 5) * 1.0, 2)}  # fmt: skip
            else:
                base = first[where]["position"]
                pos = {
                    "x": round(base["x"] + 0.05 * (i % 4), 2),
                    "y": 1.0,
                    "z": round(base["z"] + 0.05 * (i % 3), 2),
                }
            obj: dict[str, Any] = {
                "objectId": _oid(typ, pos), "objectType": typ, "name": f"{typ}_{i}", "position": pos,
                "rotation": {"x": 0.0, "y": 0.0, "z": 0.0}, "visible": True, "distance": 0.0,
                "toggleable": typ in TOGGLEABLE, "isToggled": False, "openable": typ in OPENABLE, "isOpen": False,
                "openness": 0.0, "pickupable": typ in PICKUPABLE, "isPickedUp": False, "moveable": False,
                "receptacle": typ in RECEPTACLE, "receptacleObjectIds": [] if typ in RECEPTACLE else None,
                "parentReceptacles": None, "canFillWithLiquid": typ in FILLABLE, "isFilledWithLiquid": False,
                "fillLiquid": None, "breakable": typ in BREAKABLE, "isBroken": False, "dirtyable": typ in DIRTYABLE,
                "isDirty": False, "sliceable": typ in SLICEABLE, "isSliced": False, "cookable": typ in COOKABLE,
                "isCooked": False, "isHeatSource": typ in HEAT_SOURCES, "temperature": "RoomTemp",
                "controlledObjects": None,
            }  # fmt: skip
            if where is not None:
                parent = first[where]
                obj["parentReceptacles"] = [parent["objectId"]]
                parent["receptacleObjectIds"].append(obj["objectId"])
            first.setdefault(typ, obj)
            objects.append(obj)
    burners = [o for o in objects if o["objectType"] == "StoveBurner"]
    knobs = [o for o in objects if o["objectType"] == "StoveKnob"]
    for burner, knob in zip(
        burners, reversed(knobs), strict=False
    ):  # not in list order: resolution must use the link
        knob["controlledObjects"] = [burner["objectId"]]
    return objects


def reachable_positions() -> list[dict[str, float]]:
    """Grid points every 0.5 m, between the furniture (all at y=0.9)."""
    return [{"x": -2.25 + 0.5 * i, "y": 0.9, "z": -2.25 + 0.5 * j} for i in range(10) for j in range(10)]
