"""iTHOR object types and what each can do, as listed in AI2-THOR's object-type table (5.x).

Used to check ``thor:`` mappings without a simulator: a type name must exist, and a set-up action must suit the
type (only receptacles take ``PutObject``, only toggleable types ``ToggleObjectOn``, ...).

Example:
    >>> "StoveKnob" in TOGGLEABLE_TYPES, "StoveBurner" in TOGGLEABLE_TYPES, "SinkBasin" in RECEPTACLE_TYPES
    (True, False, True)
"""

from __future__ import annotations

#: iTHOR object types (AI2-THOR 5.x), including the ones that only appear after an interaction (``*Sliced``).
ITHOR_TYPES: frozenset[str] = frozenset(
    {
        "AlarmClock", "AluminumFoil", "Apple", "AppleSliced", "ArmChair", "BaseballBat", "BasketBall",
        "Bathtub", "BathtubBasin", "Bed", "Blinds", "Book", "Boots", "Bottle", "Bowl", "Box", "Bread",
        "BreadSliced", "ButterKnife", "CD", "Cabinet", "Candle", "CellPhone", "Chair", "Cloth", "CoffeeMachine",
        "CoffeeTable", "CounterTop", "CreditCard", "Cup", "Curtains", "Desk", "DeskLamp", "Desktop",
        "DiningTable", "DishSponge", "DogBed", "Drawer", "Dresser", "Dumbbell", "Egg", "EggCracked", "Faucet",
        "Floor", "FloorLamp", "Footstool", "Fork", "Fridge", "GarbageBag", "GarbageCan", "HandTowel",
        "HandTowelHolder", "HousePlant", "Kettle", "KeyChain", "Knife", "Ladle", "Laptop", "LaundryHamper",
        "Lettuce", "LettuceSliced", "LightSwitch", "Microwave", "Mirror", "Mug", "Newspaper", "Ottoman",
        "Painting", "Pan", "PaperTowelRoll", "Pen", "Pencil", "PepperShaker", "Pillow", "Plate", "Plunger",
        "Poster", "Pot", "Potato", "PotatoSliced", "RemoteControl", "RoomDecor", "Safe", "SaltShaker",
        "ScrubBrush", "Shelf", "ShelvingUnit", "ShowerCurtain", "ShowerDoor", "ShowerGlass", "ShowerHead",
        "SideTable", "Sink", "SinkBasin", "SoapBar", "SoapBottle", "Sofa", "Spatula", "Spoon", "SprayBottle",
        "Statue", "Stool", "StoveBurner", "StoveKnob", "TVStand", "TableTopDecor", "TeddyBear", "Television",
        "TennisRacket", "TissueBox", "Toaster", "Toilet", "ToiletPaper", "ToiletPaperHanger", "Tomato",
        "TomatoSliced", "Towel", "TowelHolder", "VacuumCleaner", "Vase", "Watch", "WateringCan", "Window",
        "WineBottle",
    }
)  # fmt: skip
#: What iTHOR objects of a type can do (the actionable properties of iTHOR's object-type table).
RECEPTACLE_TYPES: frozenset[str] = frozenset(
    {
        "ArmChair", "Bathtub", "BathtubBasin", "Bed", "Bowl", "Box", "Cabinet", "Chair", "CoffeeMachine",
        "CoffeeTable", "CounterTop", "Cup", "Desk", "DiningTable", "DogBed", "Drawer", "Dresser", "Floor",
        "Footstool", "Fridge", "GarbageCan", "HandTowelHolder", "LaundryHamper", "Microwave", "Mug", "Ottoman",
        "Pan", "Plate", "Pot", "Safe", "Shelf", "ShelvingUnit", "SideTable", "Sink", "SinkBasin", "Sofa", "Stool",
        "StoveBurner", "TVStand", "Toaster", "Toilet", "ToiletPaperHanger", "TowelHolder",
    }
)  # fmt: skip
#: Types the agent cannot pick up (furniture, fixtures, appliances).
FIXED_TYPES: frozenset[str] = frozenset(
    {
        "ArmChair", "Bathtub", "BathtubBasin", "Bed", "Blinds", "Cabinet", "Chair", "CoffeeMachine", "CoffeeTable",
        "CounterTop", "Curtains", "Desk", "DeskLamp", "Desktop", "DiningTable", "DogBed", "Drawer", "Dresser",
        "Faucet", "Floor", "FloorLamp", "Footstool", "Fridge", "GarbageBag", "GarbageCan", "HandTowelHolder",
        "HousePlant", "LaundryHamper", "LightSwitch", "Microwave", "Mirror", "Ottoman", "Painting", "Poster",
        "RoomDecor", "Safe", "Shelf", "ShelvingUnit", "ShowerCurtain", "ShowerDoor", "ShowerGlass", "ShowerHead",
        "SideTable", "Sink", "SinkBasin", "Sofa", "Stool", "StoveBurner", "StoveKnob", "TVStand", "TableTopDecor",
        "Television", "Toaster", "Toilet", "ToiletPaperHanger", "TowelHolder", "VacuumCleaner", "Window",
    }
)  # fmt: skip
TOGGLEABLE_TYPES: frozenset[str] = frozenset(
    {"Candle", "CellPhone", "CoffeeMachine", "DeskLamp", "Desktop", "Faucet", "FloorLamp", "Laptop", "LightSwitch",
     "Microwave", "ShowerHead", "StoveKnob", "Television", "Toaster"}
)  # fmt: skip
OPENABLE_TYPES: frozenset[str] = frozenset(
    {"Blinds", "Book", "Box", "Cabinet", "Curtains", "Drawer", "Fridge", "Laptop", "LaundryHamper", "Microwave",
     "Safe", "ShowerCurtain", "ShowerDoor", "Toilet"}
)  # fmt: skip
FILLABLE_TYPES: frozenset[str] = frozenset(
    {"Bottle", "Bowl", "Cup", "HousePlant", "Kettle", "Mug", "Pot", "WateringCan", "WineBottle"}
)
BREAKABLE_TYPES: frozenset[str] = frozenset(
    {"Bottle", "Bowl", "CellPhone", "Cup", "Egg", "Laptop", "Mirror", "Mug", "Plate", "ShowerDoor", "Statue",
     "Television", "Vase", "Window", "WineBottle"}
)  # fmt: skip
DIRTYABLE_TYPES: frozenset[str] = frozenset(
    {"Bed", "Bowl", "Cloth", "Cup", "Mirror", "Mug", "Pan", "Plate", "Pot"}
)
SLICEABLE_TYPES: frozenset[str] = frozenset({"Apple", "Bread", "Egg", "Lettuce", "Potato", "Tomato"})
COOKABLE_TYPES: frozenset[str] = frozenset({"BreadSliced", "EggCracked", "PotatoSliced"})
#: Set-up action -> (capability, the types that have it; ``None``: decided by ``FIXED_TYPES``).
ACTION_NEEDS: dict[str, tuple[str, frozenset[str] | None]] = {
    "ToggleObjectOn": ("toggleable", TOGGLEABLE_TYPES), "ToggleObjectOff": ("toggleable", TOGGLEABLE_TYPES),
    "OpenObject": ("openable", OPENABLE_TYPES), "CloseObject": ("openable", OPENABLE_TYPES),
    "FillObjectWithLiquid": ("fillable", FILLABLE_TYPES), "EmptyLiquidFromObject": ("fillable", FILLABLE_TYPES),
    "BreakObject": ("breakable", BREAKABLE_TYPES), "DirtyObject": ("dirtyable", DIRTYABLE_TYPES),
    "CleanObject": ("dirtyable", DIRTYABLE_TYPES), "SliceObject": ("sliceable", SLICEABLE_TYPES),
    "CookObject": ("cookable", COOKABLE_TYPES), "PickupObject": ("pickupable", None),
    "PutObject": ("pickupable", None), "PlaceObjectAtPoint": ("pickupable", None),
}  # fmt: skip

__all__ = [
    "ACTION_NEEDS",
    "BREAKABLE_TYPES",
    "COOKABLE_TYPES",
    "DIRTYABLE_TYPES",
    "FILLABLE_TYPES",
    "FIXED_TYPES",
    "ITHOR_TYPES",
    "OPENABLE_TYPES",
    "RECEPTACLE_TYPES",
    "SLICEABLE_TYPES",
    "TOGGLEABLE_TYPES",
]
