"""Furniture and storage: tables, desks, shelves, seats, beds, cabinets, drawers, bins, baskets and boxes.

Surfaces stretch to hold what stands on them; storage shows its contents when open.

Example:
    >>> from mssbench_embodied.render.spec import spec_for
    >>> spec_for("Table").stretch, spec_for("Drawer").lid
    (True, True)
"""

from __future__ import annotations

from . import effects as fx
from .palette import DARK, OUTLINE, RGBA, liquid_colour, pick, shade, with_alpha
from .pen import Pen
from .spec import ObjView, sprite
from .sprites_appliances import STEEL, swung_door

WOOD: RGBA = (165, 115, 70, 255)
LIGHT_WOOD: RGBA = (200, 160, 110, 255)
PAINTED: RGBA = (236, 232, 222, 255)
_ROW = (0.05, 0.3, 0.05, 0.05)


def _table(pen: Pen, v: ObjView, default: RGBA, top_h: float = 0.1, apron: bool = True) -> None:
    style = v.style(default)
    leg = shade(style.fill, 0.8)
    for x0 in (0.04, 0.91):
        pen.rect(x0, top_h, x0 + 0.05, 1.0, fill=leg, outline=OUTLINE)
    if apron:
        pen.rect(0.03, top_h, 0.97, top_h + 0.1, fill=shade(style.fill, 0.9), outline=OUTLINE)
    fx.body(pen, 0.0, 0.0, 1.0, top_h, style, radius=1, shine=False)


@sprite("Table", (110, 75), aliases=("DiningTable", "KitchenTable", "SideTable", "GardenTable", "PatioTable"), keywords=("table",),
        stretch=True, surface=(0.05, 0.03, 0.97), place="row", pad=_ROW)  # fmt: skip
def draw_table(pen: Pen, v: ObjView) -> None:
    _table(pen, v, WOOD)


@sprite("CoffeeTable", (100, 42), aliases=("LowTable",), keywords=("coffeetable",), stretch=True, surface=(0.08, 0.03, 0.97), place="row", pad=_ROW)  # fmt: skip
def draw_coffee_table(pen: Pen, v: ObjView) -> None:
    _table(pen, v, LIGHT_WOOD, 0.16)


@sprite("Desk", (120, 76), aliases=("WorkDesk", "OfficeDesk", "WritingDesk"), keywords=("desk",), stretch=True, surface=(0.05, 0.03, 0.97), place="row", pad=_ROW)  # fmt: skip
def draw_desk(pen: Pen, v: ObjView) -> None:
    _table(pen, v, WOOD, apron=False)
    style = v.style(WOOD)
    pen.rect(0.66, 0.1, 0.97, 0.98, fill=shade(style.fill, 0.92), outline=OUTLINE)
    for y in (0.14, 0.42, 0.7):
        pen.rect(0.68, y, 0.95, y + 0.25, fill=style.fill, outline=OUTLINE, radius=1)
        pen.rect(0.78, y + 0.1, 0.85, y + 0.14, fill=STEEL, outline=None)


@sprite("Nightstand", (46, 56), aliases=("BedsideTable", "NightTable"), keywords=("nightstand", "bedside"), stretch=True, surface=(0.05, 0.04, 0.96), place="row", pad=_ROW)  # fmt: skip
def draw_nightstand(pen: Pen, v: ObjView) -> None:
    style = v.style(WOOD)
    pen.rect(0.04, 0.08, 0.96, 0.94, fill=shade(style.fill, 0.92), outline=OUTLINE)
    pen.rect(0.08, 0.15, 0.92, 0.45, fill=style.fill, outline=OUTLINE, radius=1)
    pen.circle(0.5, 0.3, 0.04, fill=STEEL, outline=OUTLINE)
    pen.rect(0.08, 0.5, 0.92, 0.9, fill=style.fill, outline=OUTLINE, radius=1)
    fx.body(pen, 0.0, 0.0, 1.0, 0.09, style, radius=1, shine=False)
    pen.rect(0.06, 0.94, 0.14, 1.0, fill=DARK, outline=None)
    pen.rect(0.86, 0.94, 0.94, 1.0, fill=DARK, outline=None)


@sprite("Shelf", (84, 150), aliases=("Shelves", "WallShelf", "Bookshelf", "Bookcase", "Shelving"), keywords=("shelf", "bookcase", "shelving"),
        stretch=True, surface=(0.47, 0.06, 0.94), place="row", pad=_ROW)  # fmt: skip
def draw_shelf(pen: Pen, v: ObjView) -> None:
    style = v.style(WOOD)
    pen.rect(0.0, 0.0, 1.0, 1.0, fill=style.fill, outline=OUTLINE)
    pen.rect(0.05, 0.03, 0.95, 0.97, fill=shade(style.fill, 0.6), outline=OUTLINE)
    for y in (0.22, 0.47, 0.72):
        pen.rect(0.03, y, 0.97, y + 0.025, fill=shade(style.fill, 1.1), outline=OUTLINE, width=1.0)
    for i in range(6):
        x = 0.1 + i * 0.06
        pen.rect(x, 0.1 + 0.02 * (i % 3), x + 0.05, 0.22, fill=pick(i + v.tint, ((200, 60, 60, 255), (60, 100, 180, 255), (80, 150, 80, 255), (220, 180, 60, 255))), outline=OUTLINE, width=0.8)  # fmt: skip
        pen.rect(0.55 + i * 0.06, 0.6 + 0.02 * (i % 2), 0.6 + i * 0.06, 0.72, fill=pick(i, ((150, 90, 160, 255), (60, 140, 170, 255), (200, 120, 60, 255))), outline=OUTLINE, width=0.8)  # fmt: skip


@sprite("Workbench", (130, 85), aliases=("WorkBench", "ToolBench"), keywords=("workbench",), stretch=True, surface=(0.05, 0.03, 0.97), place="row", pad=_ROW)  # fmt: skip
def draw_workbench(pen: Pen, v: ObjView) -> None:
    _table(pen, v, LIGHT_WOOD, 0.12, apron=False)
    pen.rect(0.06, 0.7, 0.94, 0.76, fill=shade(LIGHT_WOOD, 0.8), outline=OUTLINE)


@sprite("TVStand", (110, 48), aliases=("MediaConsole", "TVCabinet"), keywords=("tvstand", "mediaconsole"), stretch=True, surface=(0.06, 0.03, 0.97), place="row", pad=_ROW)  # fmt: skip
def draw_tv_stand(pen: Pen, v: ObjView) -> None:
    style = v.style((80, 70, 65, 255))
    pen.rect(0.0, 0.0, 1.0, 0.92, fill=style.fill, outline=OUTLINE, radius=2)
    for x0 in (0.04, 0.52):
        pen.rect(x0, 0.2, x0 + 0.44, 0.84, fill=shade(style.fill, 1.2), outline=OUTLINE, radius=2)
    pen.rect(0.05, 0.92, 0.1, 1.0, fill=DARK, outline=None)
    pen.rect(0.9, 0.92, 0.95, 1.0, fill=DARK, outline=None)


@sprite("Chair", (46, 90), aliases=("DiningChair", "KitchenChair", "OfficeChair"), keywords=("chair",), surface=(0.52, 0.1, 0.9), place="row", pad=_ROW)  # fmt: skip
def draw_chair(pen: Pen, v: ObjView) -> None:
    style = v.style(WOOD)
    pen.rect(0.12, 0.0, 0.88, 0.5, fill=style.fill, outline=OUTLINE, radius=3)
    pen.rect(0.2, 0.08, 0.8, 0.42, fill=shade(style.fill, 1.15), outline=None, radius=2)
    for x0 in (0.1, 0.82):
        pen.rect(x0, 0.55, x0 + 0.08, 1.0, fill=shade(style.fill, 0.8), outline=OUTLINE)
    fx.body(pen, 0.04, 0.5, 0.96, 0.6, style, radius=2, shine=False)


@sprite("Stool", (40, 60), aliases=("StepStool", "BarStool", "Footstool"), keywords=("stool",), surface=(0.02, 0.1, 0.9), place="row", pad=_ROW)  # fmt: skip
def draw_stool(pen: Pen, v: ObjView) -> None:
    style = v.style(LIGHT_WOOD)
    pen.line([(0.2, 0.1), (0.05, 1.0)], OUTLINE, 3.0)
    pen.line([(0.8, 0.1), (0.95, 1.0)], OUTLINE, 3.0)
    pen.rect(0.12, 0.6, 0.88, 0.66, fill=shade(style.fill, 0.8), outline=OUTLINE)
    fx.body(pen, 0.0, 0.0, 1.0, 0.14, style, radius=3, shine=False)


@sprite("Sofa", (170, 80), aliases=("Couch", "Settee", "Armchair", "Loveseat"), keywords=("sofa", "couch", "armchair"), stretch=True,
        surface=(0.5, 0.14, 0.86), place="row", pad=_ROW)  # fmt: skip
def draw_sofa(pen: Pen, v: ObjView) -> None:
    style = v.style((110, 130, 170, 255))
    fill = style.fill
    pen.rect(0.06, 0.0, 0.94, 0.55, fill=shade(fill, 0.9), outline=OUTLINE, radius=8)
    pen.rect(0.1, 0.45, 0.9, 0.72, fill=fill, outline=OUTLINE, radius=6)
    pen.line([(0.5, 0.48), (0.5, 0.7)], shade(fill, 0.75), 1.2)
    for x0 in (0.0, 0.86):
        pen.rect(x0, 0.3, x0 + 0.14, 0.92, fill=shade(fill, 0.95), outline=OUTLINE, radius=6)
    pen.rect(0.08, 0.7, 0.92, 0.92, fill=shade(fill, 0.85), outline=OUTLINE, radius=3)
    if v.get("lit") or v.get("burning"):
        fx.flames(pen, 0.2, 0.8, 0.45, 0.5, 4)


@sprite("Bed", (190, 60), aliases=("Mattress", "DoubleBed", "SingleBed"), keywords=("bed", "mattress"), stretch=True,
        surface=(0.32, 0.06, 0.94), place="row", pad=(0.05, 0.8, 0.05, 0.05))  # fmt: skip
def draw_bed(pen: Pen, v: ObjView) -> None:
    frame = v.style(WOOD).fill
    pen.rect(0.03, -0.55, 0.97, 0.4, fill=frame, outline=OUTLINE, radius=6)
    for x0 in (0.1, 0.55):
        pen.rect(x0, -0.1, x0 + 0.35, 0.25, fill=(250, 250, 245, 255), outline=OUTLINE, radius=6)
    pen.rect(0.0, 0.22, 1.0, 0.65, fill=(245, 245, 240, 255), outline=OUTLINE, radius=6)
    pen.rect(0.0, 0.38, 1.0, 0.7, fill=(120, 150, 200, 255), outline=OUTLINE, radius=6)
    pen.rect(0.0, 0.66, 1.0, 0.9, fill=frame, outline=OUTLINE, radius=2)
    for x0 in (0.02, 0.94):
        pen.rect(x0, 0.88, x0 + 0.04, 1.0, fill=DARK, outline=None)
    if v.get("lit") or v.get("burning"):
        fx.flames(pen, 0.2, 0.8, 0.35, 0.6, 4)


@sprite("IroningBoard", (110, 88), aliases=("IroningTable",), keywords=("ironingboard",), surface=(0.0, 0.12, 0.85), place="row", pad=_ROW)  # fmt: skip
def draw_ironing_board(pen: Pen, v: ObjView) -> None:
    pen.line([(0.25, 0.08), (0.75, 1.0)], OUTLINE, 2.4)
    pen.line([(0.75, 0.08), (0.25, 1.0)], OUTLINE, 2.4)
    pen.polygon(
        [(0.0, 0.04), (0.12, 0.0), (1.0, 0.0), (1.0, 0.09), (0.12, 0.09)],
        fill=(150, 180, 220, 255),
        outline=OUTLINE,
    )
    for i in range(1, 8):
        pen.circle(0.1 + i * 0.11, 0.045, 0.01, fill=(255, 255, 255, 200), outline=None)


@sprite(
    "HighChair",
    (50, 100),
    aliases=("BabyChair",),
    keywords=("highchair",),
    surface=(0.42, 0.1, 0.9),
    place="row",
    pad=_ROW,
)
def draw_high_chair(pen: Pen, v: ObjView) -> None:
    style = v.style((245, 245, 240, 255))
    pen.line([(0.25, 0.45), (0.05, 1.0)], OUTLINE, 2.6)
    pen.line([(0.75, 0.45), (0.95, 1.0)], OUTLINE, 2.6)
    pen.rect(0.2, 0.0, 0.8, 0.45, fill=style.fill, outline=OUTLINE, radius=6)
    pen.rect(0.0, 0.4, 1.0, 0.5, fill=shade(style.fill, 0.9), outline=OUTLINE, radius=3)


def _cabinet_front(pen: Pen, v: ObjView) -> None:
    style = v.style(PAINTED)
    if v.is_open:
        swung_door(pen, 0.02, 0.04, 0.96, -0.3, shade(style.fill, 0.95))
        swung_door(pen, 0.98, 0.04, 0.96, 0.3, shade(style.fill, 0.95))
        return
    for x0 in (0.04, 0.51):
        pen.rect(x0, 0.04, x0 + 0.45, 0.96, fill=style.fill, outline=OUTLINE, radius=2)
    for hx in (0.44, 0.54):
        pen.rect(hx, 0.4, hx + 0.025, 0.6, fill=STEEL, outline=OUTLINE, width=0.8)


@sprite("Cabinet", (70, 90), aliases=("Cupboard", "KitchenCabinet", "Pantry", "Closet", "Wardrobe"), keywords=("cabinet", "cupboard", "wardrobe", "closet"),
        mode="cavity", opening=(0.08, 0.08, 0.92, 0.92), surface=(0.0, 0.05, 0.95), front=_cabinet_front, place="row", pad=(0.35, 0.3, 0.35, 0.05))  # fmt: skip
def draw_cabinet(pen: Pen, v: ObjView) -> None:
    style = v.style(PAINTED)
    pen.rect(0.0, 0.0, 1.0, 1.0, fill=style.fill, outline=OUTLINE, radius=2)
    pen.rect(0.05, 0.05, 0.95, 0.95, fill=shade(style.fill, 0.55), outline=OUTLINE)
    pen.rect(0.05, 0.48, 0.95, 0.51, fill=shade(style.fill, 0.85), outline=OUTLINE, width=0.8)


def _drawer_box(pen: Pen, v: ObjView, y0: float, y1: float) -> None:
    style = v.style(WOOD)
    if v.is_open:
        pen.rect(0.0, y0 - 0.06, 1.0, y0 + 0.1, fill=shade(style.fill, 0.55), outline=OUTLINE)


def _drawer_front(pen: Pen, v: ObjView, y0: float, y1: float) -> None:
    style = v.style(WOOD)
    shift = (y1 - y0) * 0.35 if v.is_open else 0.0
    pen.rect(
        -0.03 if v.is_open else 0.02,
        y0 + shift,
        1.03 if v.is_open else 0.98,
        y1 + shift,
        fill=style.fill,
        outline=OUTLINE,
        radius=2,
    )
    pen.rect(
        0.42,
        (y0 + y1) / 2 + shift - 0.02,
        0.58,
        (y0 + y1) / 2 + shift + 0.02,
        fill=STEEL,
        outline=OUTLINE,
        width=0.8,
    )


@sprite("Drawer", (50, 18), aliases=("KitchenDrawer", "CutleryDrawer"), keywords=("drawer",), mode="open", lid=True, opening=(0.05, 0.0, 0.95, 0.5),
        front=lambda pen, v: _drawer_front(pen, v, 0.1, 0.95), root="_DrawerChest", pad=(0.1, 1.0, 0.1, 0.6))  # fmt: skip
def draw_drawer(pen: Pen, v: ObjView) -> None:
    _drawer_box(pen, v, 0.1, 0.95)


def _chest_front(pen: Pen, v: ObjView) -> None:
    style = v.style(WOOD)
    for y in (0.42, 0.69):
        pen.rect(0.04, y, 0.96, y + 0.25, fill=style.fill, outline=OUTLINE, radius=2)
        pen.rect(0.42, y + 0.11, 0.58, y + 0.14, fill=STEEL, outline=None)
    _drawer_front(pen, v, 0.14, 0.39)


def _chest(pen: Pen, v: ObjView) -> None:
    style = v.style(WOOD)
    pen.rect(0.0, 0.05, 1.0, 0.97, fill=shade(style.fill, 0.85), outline=OUTLINE, radius=2)
    fx.body(pen, -0.02, 0.0, 1.02, 0.07, style, radius=1, shine=False)
    _drawer_box(pen, v, 0.14, 0.39)
    pen.rect(0.05, 0.97, 0.12, 1.0, fill=DARK, outline=None)
    pen.rect(0.88, 0.97, 0.95, 1.0, fill=DARK, outline=None)


@sprite("_DrawerChest", (60, 80), mode="open", lid=True, opening=(0.05, 0.08, 0.95, 0.25), surface=(0.03, 0.05, 0.95), front=_chest_front, pad=(0.1, 0.3, 0.1, 0.05))  # fmt: skip
def draw_drawer_chest(pen: Pen, v: ObjView) -> None:
    _chest(pen, v)


@sprite("Dresser", (90, 85), aliases=("ChestOfDrawers", "Bureau"), keywords=("dresser", "bureau"), mode="open", lid=True, opening=(0.05, 0.08, 0.95, 0.25),
        surface=(0.03, 0.05, 0.95), front=_chest_front, place="row", stretch=True, pad=(0.1, 0.3, 0.1, 0.05))  # fmt: skip
def draw_dresser(pen: Pen, v: ObjView) -> None:
    _chest(pen, v)


def _medicine_front(pen: Pen, v: ObjView) -> None:
    if v.is_open:
        swung_door(pen, 0.98, 0.04, 0.96, 0.5, (200, 225, 240, 255))
        return
    pen.rect(0.04, 0.04, 0.96, 0.96, fill=(200, 225, 240, 255), outline=OUTLINE, radius=2)
    pen.line([(0.2, 0.7), (0.5, 0.2)], (255, 255, 255, 200), 2.0)


@sprite("MedicineCabinet", (46, 56), aliases=("BathroomCabinet",), keywords=("medicinecabinet",), mode="cavity", opening=(0.08, 0.1, 0.92, 0.9),
        front=_medicine_front, place="wall", pad=(0.15, 0.2, 0.6, 0.1))  # fmt: skip
def draw_medicine_cabinet(pen: Pen, v: ObjView) -> None:
    pen.rect(0.0, 0.0, 1.0, 1.0, fill=PAINTED, outline=OUTLINE, radius=2)
    pen.rect(0.05, 0.05, 0.95, 0.95, fill=(220, 220, 215, 255), outline=OUTLINE)
    pen.line([(0.05, 0.5), (0.95, 0.5)], OUTLINE, 1.2)


def _crib_front(pen: Pen, v: ObjView) -> None:
    style = v.style((240, 240, 235, 255))
    pen.rect(0.0, 0.25, 1.0, 0.31, fill=style.fill, outline=OUTLINE)
    for i in range(1, 16):
        pen.line([(i / 16, 0.3), (i / 16, 0.8)], shade(style.fill, 0.75), 1.6)
    pen.rect(0.0, 0.78, 1.0, 0.86, fill=style.fill, outline=OUTLINE)


@sprite("Crib", (120, 90), aliases=("Cot", "BabyBed", "Playpen", "Bassinet"), keywords=("crib", "playpen", "bassinet"), mode="basin",
        opening=(0.05, 0.3, 0.95, 0.78), front=_crib_front, place="row", pad=_ROW)  # fmt: skip
def draw_crib(pen: Pen, v: ObjView) -> None:
    style = v.style((240, 240, 235, 255))
    for x0 in (0.0, 0.95):
        pen.rect(x0, 0.0, x0 + 0.05, 1.0, fill=style.fill, outline=OUTLINE)
    pen.rect(0.05, 0.62, 0.95, 0.78, fill=(250, 250, 250, 255), outline=OUTLINE)


def _bin(pen: Pen, v: ObjView, default: RGBA, weave: bool = False) -> None:
    style = v.style(default)
    pen.polygon([(0.0, 0.05), (1.0, 0.05), (0.9, 1.0), (0.1, 1.0)], fill=style.fill, outline=style.outline)
    if weave:
        for i in range(1, 5):
            pen.line([(0.05, i / 5), (0.95, i / 5)], shade(style.fill, 0.75), 1.2)
    pen.rect(-0.02, 0.0, 1.02, 0.1, fill=shade(style.fill, 0.85), outline=OUTLINE, radius=2)
    if v.get("lit") or v.get("burning"):
        fx.flames(pen, 0.1, 0.9, 0.05, 0.9, 3)


def _bin_back(pen: Pen, v: ObjView, default: RGBA) -> None:
    style = v.style(default)
    pen.ellipse(0.0, -0.05, 1.0, 0.15, fill=shade(style.fill, 0.5), outline=OUTLINE)
    if v.filled:
        pen.ellipse(0.05, -0.02, 0.95, 0.12, fill=with_alpha(liquid_colour(v.filled), 255), outline=None)


@sprite("TrashCan", (36, 52), aliases=("Bin", "Trash", "GarbageCan", "WasteBasket", "Wastebasket", "RubbishBin", "TrashBin"), keywords=("trash", "garbage", "rubbish", "waste"),
        mode="open", opening=(0.1, 0.0, 0.9, 0.4), front=lambda pen, v: _bin(pen, v, (120, 130, 140, 255)), pad=(0.2, 0.6, 0.2, 0.1))  # fmt: skip
def draw_trash(pen: Pen, v: ObjView) -> None:
    _bin_back(pen, v, (120, 130, 140, 255))


@sprite("LaundryBasket", (50, 34), aliases=("LaundryHamper", "Hamper", "ClothesBasket"), keywords=("hamper", "laundrybasket"),
        mode="open", opening=(0.08, 0.0, 0.92, 0.45), front=lambda pen, v: _bin(pen, v, (235, 235, 240, 255), True), pad=(0.15, 0.8, 0.15, 0.1))  # fmt: skip
def draw_laundry_basket(pen: Pen, v: ObjView) -> None:
    _bin_back(pen, v, (235, 235, 240, 255))


@sprite("Basket", (34, 20), aliases=("WickerBasket", "FruitBasket"), keywords=("basket",), mode="open", opening=(0.08, 0.0, 0.92, 0.5),
        front=lambda pen, v: _bin(pen, v, (190, 140, 80, 255), True), pad=(0.15, 1.0, 0.15, 0.1))  # fmt: skip
def draw_basket(pen: Pen, v: ObjView) -> None:
    _bin_back(pen, v, (190, 140, 80, 255))


@sprite("Bucket", (28, 28), aliases=("Pail", "MopBucket"), keywords=("bucket", "pail"), mode="open", opening=(0.1, 0.0, 0.9, 0.45),
        front=lambda pen, v: _bin(pen, v, (90, 140, 220, 255)), pad=(0.2, 0.8, 0.2, 0.1))  # fmt: skip
def draw_bucket(pen: Pen, v: ObjView) -> None:
    pen.arc(0.05, -0.5, 0.95, 0.5, 180, 360, OUTLINE, 1.6)
    _bin_back(pen, v, (90, 140, 220, 255))


def _box_front(pen: Pen, v: ObjView, default: RGBA, toolbox: bool) -> None:
    style = v.style(default)
    pen.rect(0.0, 0.2, 1.0, 1.0, fill=style.fill, outline=OUTLINE, radius=1)
    if toolbox:
        pen.rect(0.35, 0.5, 0.65, 0.6, fill=DARK, outline=None)
    else:
        pen.rect(0.42, 0.2, 0.58, 1.0, fill=(215, 190, 140, 200), outline=None)
    if v.is_open:
        pen.polygon(
            [(0.0, 0.2), (-0.2, -0.05), (0.25, -0.05), (0.45, 0.2)],
            fill=shade(style.fill, 0.9),
            outline=OUTLINE,
            width=1.0,
        )
        pen.polygon(
            [(1.0, 0.2), (1.2, -0.05), (0.75, -0.05), (0.55, 0.2)],
            fill=shade(style.fill, 0.9),
            outline=OUTLINE,
            width=1.0,
        )
    else:
        pen.rect(-0.02, 0.1, 1.02, 0.24, fill=shade(style.fill, 1.08), outline=OUTLINE, radius=1)
        if toolbox:
            pen.arc(0.3, -0.15, 0.7, 0.25, 180, 360, OUTLINE, 2.2)
    if v.get("lit") or v.get("burning"):
        fx.flames(pen, 0.1, 0.9, 0.15, 0.9, 3)
    if v.get("wet"):
        fx.drops(pen, [(0.3, 0.5), (0.7, 0.6)], 0.04)


@sprite("CardboardBox", (40, 30), aliases=("Box", "Carton", "Parcel", "Package", "PizzaBox"), keywords=("box", "carton", "parcel", "package"),
        mode="open", lid=True, opening=(0.05, 0.15, 0.95, 0.6), front=lambda pen, v: _box_front(pen, v, (196, 160, 110, 255), False), pad=(0.3, 0.6, 0.3, 0.1))  # fmt: skip
def draw_box(pen: Pen, v: ObjView) -> None:
    pen.rect(0.02, 0.12, 0.98, 0.3, fill=(140, 110, 70, 255), outline=None)


@sprite("Toolbox", (40, 22), aliases=("ToolKit",), keywords=("toolbox", "toolkit"), mode="open", lid=True, opening=(0.05, 0.15, 0.95, 0.6),
        front=lambda pen, v: _box_front(pen, v, (210, 50, 40, 255), True), pad=(0.3, 0.8, 0.3, 0.1))  # fmt: skip
def draw_toolbox(pen: Pen, v: ObjView) -> None:
    pen.rect(0.02, 0.12, 0.98, 0.3, fill=(60, 60, 65, 255), outline=None)
