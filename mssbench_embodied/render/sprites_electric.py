"""Electric and powered things: screens, lamps, heaters, hair tools, irons, cables and sockets, power tools,
garden machines, grills, generators and cars.

Screens light up when on, heating elements glow, cables fray and spark, engines smoke.

Example:
    >>> from mssbench_embodied.render.spec import spec_for
    >>> spec_for("hair dryer").name, spec_for("ExtensionCord").name
    ('hairdryer', 'cable')
"""

from __future__ import annotations

from . import effects as fx
from .palette import (
    BRIGHT,
    CABLE,
    DARK,
    GLOW_ORANGE,
    GLOW_RED,
    OUTLINE,
    SCREEN_OFF,
    SCREEN_ON,
    STEAM,
    pick,
    shade,
)
from .pen import Pen
from .spec import ObjView, sprite
from .sprites_appliances import indicator

_SMALL = (0.35, 1.0, 0.35, 0.25)


def screen(pen: Pen, x0: float, y0: float, x1: float, y1: float, on: bool, broken: bool = False) -> None:
    """A display: a bright picture when on, dark with a reflection when off, cracked when broken."""
    if on:
        pen.rect(x0, y0, x1, y1, fill=SCREEN_ON, outline=OUTLINE)
        w, h = x1 - x0, y1 - y0
        pen.polygon(
            [
                (x0, y1),
                (x0 + w * 0.35, y0 + h * 0.45),
                (x0 + w * 0.6, y0 + h * 0.7),
                (x0 + w * 0.8, y0 + h * 0.5),
                (x1, y1),
            ],
            fill=(90, 190, 110, 255),
            outline=None,
        )
        pen.circle(x0 + w * 0.78, y0 + h * 0.25, w * 0.07, fill=(255, 230, 90, 255), outline=None)
        fx.glow(pen, (x0 + x1) / 2, (y0 + y1) / 2, w * 0.65, h * 0.75, (150, 210, 255, 255), rings=2)
    else:
        pen.rect(x0, y0, x1, y1, fill=SCREEN_OFF, outline=OUTLINE)
        pen.line(
            [(x0 + (x1 - x0) * 0.15, y0 + (y1 - y0) * 0.7), (x0 + (x1 - x0) * 0.4, y0 + (y1 - y0) * 0.2)],
            (255, 255, 255, 60),
            2.0,
        )
    if broken:
        fx.cracks(pen, x0, y0, x1, y1, (240, 240, 240, 255))


def _wet(pen: Pen, v: ObjView) -> None:
    if v.get("wet"):
        fx.drops(pen, [(0.2, 0.3), (0.8, 0.5), (0.5, 0.9)], 0.05)


@sprite(
    "Laptop",
    (34, 22),
    aliases=("Notebook", "Computer", "Macbook"),
    keywords=("laptop", "computer"),
    pad=_SMALL,
)
def draw_laptop(pen: Pen, v: ObjView) -> None:
    body = v.style((120, 125, 135, 255)).fill
    if v.get("open") is False:
        pen.rect(0.0, 0.8, 1.0, 1.0, fill=body, outline=OUTLINE, radius=2)
        _wet(pen, v)
        return
    pen.rect(0.1, 0.0, 0.9, 0.78, fill=shade(body, 0.7), outline=OUTLINE, radius=2)
    screen(pen, 0.14, 0.05, 0.86, 0.72, v.active, bool(v.get("broken")))
    pen.polygon([(0.1, 0.78), (0.9, 0.78), (1.0, 1.0), (0.0, 1.0)], fill=body, outline=OUTLINE)
    pen.polygon([(0.2, 0.82), (0.8, 0.82), (0.84, 0.92), (0.16, 0.92)], fill=shade(body, 0.8), outline=None)
    _wet(pen, v)


@sprite("Phone", (9, 16), aliases=("Cellphone", "CellPhone", "MobilePhone", "Smartphone", "Iphone", "Mobile"), keywords=("phone",), pad=_SMALL)  # fmt: skip
def draw_phone(pen: Pen, v: ObjView) -> None:
    pen.rect(0.0, 0.0, 1.0, 1.0, fill=(30, 30, 35, 255), outline=OUTLINE, radius=3)
    screen(pen, 0.1, 0.08, 0.9, 0.88, v.active, bool(v.get("broken")))
    pen.circle(0.5, 0.94, 0.05, fill=(90, 90, 95, 255), outline=None)
    _wet(pen, v)


@sprite(
    "Tablet",
    (20, 14),
    aliases=("Ipad", "EReader", "Kindle"),
    keywords=("tablet", "ipad", "kindle"),
    pad=_SMALL,
)
def draw_tablet(pen: Pen, v: ObjView) -> None:
    pen.rect(0.0, 0.0, 1.0, 1.0, fill=(30, 30, 35, 255), outline=OUTLINE, radius=3)
    screen(pen, 0.07, 0.1, 0.93, 0.9, v.active, bool(v.get("broken")))
    _wet(pen, v)


@sprite("TV", (90, 56), aliases=("Television", "TVSet", "Telly", "Monitor", "Screen"), keywords=("television", "monitor"), pad=(0.1, 0.2, 0.1, 0.2))  # fmt: skip
def draw_tv(pen: Pen, v: ObjView) -> None:
    if "root" in v.flags:
        pen.rect(0.42, 0.9, 0.58, 1.05, fill=DARK, outline=OUTLINE)
        pen.rect(0.3, 1.03, 0.7, 1.1, fill=DARK, outline=OUTLINE)
    pen.rect(0.0, 0.0, 1.0, 0.92, fill=(25, 25, 30, 255), outline=OUTLINE, radius=2)
    screen(pen, 0.03, 0.04, 0.97, 0.86, v.active, bool(v.get("broken")))
    _wet(pen, v)


@sprite(
    "Remote",
    (14, 5),
    aliases=("RemoteControl", "TVRemote", "Controller"),
    keywords=("remote", "controller"),
    pad=_SMALL,
)
def draw_remote(pen: Pen, v: ObjView) -> None:
    pen.rect(0.0, 0.1, 1.0, 0.9, fill=(40, 40, 45, 255), outline=OUTLINE, radius=3)
    for i in range(4):
        pen.circle(0.25 + 0.17 * i, 0.5, 0.05, fill=pick(i + 1, BRIGHT), outline=None)


@sprite(
    "Speaker",
    (14, 20),
    aliases=("Radio", "BluetoothSpeaker", "SmartSpeaker"),
    keywords=("speaker", "radio"),
    pad=_SMALL,
)
def draw_speaker(pen: Pen, v: ObjView) -> None:
    pen.rect(0.0, 0.0, 1.0, 1.0, fill=v.style((60, 60, 68, 255)).fill, outline=OUTLINE, radius=3)
    pen.circle(0.5, 0.35, 0.25, fill=(30, 30, 35, 255), outline=OUTLINE)
    pen.circle(0.5, 0.75, 0.15, fill=(30, 30, 35, 255), outline=OUTLINE)
    if v.active:
        for r in (0.3, 0.5):
            pen.arc(1.0 - r, 0.35 - r, 1.0 + r, 0.35 + r, 300, 60, OUTLINE, 1.4)
    _wet(pen, v)


@sprite("Camera", (14, 10), aliases=("DigitalCamera", "DSLR"), keywords=("camera",), pad=_SMALL)
def draw_camera(pen: Pen, v: ObjView) -> None:
    pen.rect(0.0, 0.15, 1.0, 1.0, fill=(40, 40, 45, 255), outline=OUTLINE, radius=2)
    pen.rect(0.3, 0.0, 0.6, 0.18, fill=(40, 40, 45, 255), outline=OUTLINE)
    pen.circle(0.55, 0.58, 0.25, fill=(90, 110, 140, 255), outline=OUTLINE)
    _wet(pen, v)


@sprite("GameConsole", (26, 8), aliases=("Console", "Playstation", "Xbox"), keywords=("console",), pad=_SMALL)
def draw_console(pen: Pen, v: ObjView) -> None:
    pen.rect(0.0, 0.0, 1.0, 1.0, fill=(30, 30, 35, 255), outline=OUTLINE, radius=2)
    indicator(pen, 0.9, 0.5, v.active)
    _wet(pen, v)


@sprite("Lamp", (22, 40), aliases=("DeskLamp", "TableLamp", "FloorLamp", "ReadingLamp", "Light"), keywords=("lamp",), pad=(0.5, 0.4, 1.4, 0.25))  # fmt: skip
def draw_lamp(pen: Pen, v: ObjView) -> None:
    if v.active:
        fx.glow(pen, 0.5, 0.3, 1.1, 0.6, (255, 240, 150, 255), rings=4)
    pen.ellipse(0.15, 0.9, 0.85, 1.0, fill=DARK, outline=OUTLINE)
    pen.line([(0.5, 0.92), (0.5, 0.4)], OUTLINE, 2.2)
    shade_colour = (255, 235, 150, 255) if v.active else v.style((235, 225, 200, 255)).fill
    pen.polygon([(0.25, 0.0), (0.75, 0.0), (0.95, 0.42), (0.05, 0.42)], fill=shade_colour, outline=OUTLINE)
    if v.get("broken") or v.get("frayed"):
        pen.line([(0.85, 0.97), (1.1, 1.0), (1.35, 0.93)], CABLE, 2.0)
        fx.frayed_end(pen, 1.35, 0.93, 0.28)


@sprite("Fan", (34, 60), aliases=("ElectricFan", "DeskFan", "StandingFan"), keywords=("fan",), pad=_SMALL)
def draw_fan(pen: Pen, v: ObjView) -> None:
    pen.ellipse(0.2, 0.92, 0.8, 1.0, fill=DARK, outline=OUTLINE)
    pen.line([(0.5, 0.95), (0.5, 0.5)], OUTLINE, 2.4)
    pen.ellipse(0.0, 0.0, 1.0, 0.56, fill=(220, 225, 230, 255), outline=OUTLINE)
    for a in (0, 120, 240):
        pen.pieslice(0.12, 0.06, 0.88, 0.5, a, a + 50, (120, 170, 220, 255), OUTLINE)
    if v.active:
        pen.arc(-0.1, -0.05, 1.1, 0.61, 200, 340, OUTLINE, 1.2)


@sprite("Heater", (40, 50), aliases=("SpaceHeater", "ElectricHeater", "Radiator", "FanHeater", "PortableHeater", "OilHeater"), keywords=("heater", "radiator"), pad=(0.2, 0.8, 0.2, 0.15))  # fmt: skip
def draw_heater(pen: Pen, v: ObjView) -> None:
    on = v.active or v.hot
    if on:
        fx.glow(pen, 0.5, 0.45, 0.8, 0.6, GLOW_ORANGE, rings=3)
        fx.heat_lines(pen, 0.1, 0.9, 0.0, 0.7)
    pen.rect(0.0, 0.0, 1.0, 0.92, fill=v.style((225, 225, 225, 255)).fill, outline=OUTLINE, radius=4)
    pen.rect(0.1, 0.12, 0.9, 0.72, fill=(60, 60, 65, 255), outline=OUTLINE)
    for i in range(5):
        y = 0.18 + i * 0.12
        pen.line([(0.14, y), (0.86, y)], GLOW_RED if on else (120, 120, 125, 255), 2.2)
    indicator(pen, 0.85, 0.82, on)
    pen.rect(0.05, 0.92, 0.25, 1.0, fill=DARK, outline=None)
    pen.rect(0.75, 0.92, 0.95, 1.0, fill=DARK, outline=None)


@sprite("ElectricBlanket", (46, 14), aliases=("HeatedBlanket", "HeatingPad"), keywords=("electricblanket", "heatingpad"), pad=_SMALL)  # fmt: skip
def draw_electric_blanket(pen: Pen, v: ObjView) -> None:
    colour = v.style((230, 150, 150, 255)).fill
    pen.rect(0.0, 0.0, 1.0, 1.0, fill=colour, outline=OUTLINE, radius=6)
    for i in range(1, 6):
        pen.line(
            [(i / 6, 0.1), (i / 6 + 0.03, 0.5), (i / 6, 0.9)],
            GLOW_RED if v.active else shade(colour, 0.8),
            1.2,
        )
    pen.rect(0.85, 0.6, 1.05, 1.0, fill=(240, 240, 240, 255), outline=OUTLINE, radius=2)
    indicator(pen, 0.95, 0.8, v.active)
    if v.active or v.hot:
        fx.heat_lines(pen, 0.1, 0.9, 0.0, 1.4)
    if v.get("wet"):
        fx.drops(pen, [(0.3, 0.4), (0.6, 0.5)], 0.03)


@sprite(
    "Vacuum",
    (30, 40),
    aliases=("VacuumCleaner", "Hoover", "RobotVacuum"),
    keywords=("vacuum", "hoover"),
    pad=_SMALL,
)
def draw_vacuum(pen: Pen, v: ObjView) -> None:
    pen.line([(0.75, 0.0), (0.55, 0.75)], DARK, 2.6)
    pen.rect(0.1, 0.5, 0.9, 1.0, fill=v.style((200, 60, 70, 255)).fill, outline=OUTLINE, radius=8)
    pen.circle(0.3, 0.92, 0.1, fill=DARK, outline=OUTLINE)
    indicator(pen, 0.7, 0.65, v.active)


@sprite("Cable", (38, 10), aliases=("Cord", "PowerCord", "ChargingCable", "ExtensionCord", "Wire", "Lead", "PowerCable", "UsbCable"), keywords=("cable", "cord", "wire"), pad=(0.3, 1.0, 0.3, 0.4))  # fmt: skip
def draw_cable(pen: Pen, v: ObjView) -> None:
    colour = v.style(CABLE).fill
    pts = [(0.0, 0.6), (0.15, 0.2), (0.3, 0.85), (0.45, 0.25), (0.6, 0.8), (0.75, 0.3), (0.88, 0.55)]
    pen.line(pts, OUTLINE, 3.2)
    pen.line(pts, colour, 2.0)
    if v.get("broken") or v.get("frayed") or v.get("damaged"):
        fx.frayed_end(pen, 0.88, 0.55, 0.1)
    else:
        pen.rect(0.86, 0.35, 1.0, 0.75, fill=(240, 240, 240, 255), outline=OUTLINE, radius=1)
        pen.line([(1.0, 0.45), (1.06, 0.45)], (200, 180, 80, 255), 1.4)
        pen.line([(1.0, 0.65), (1.06, 0.65)], (200, 180, 80, 255), 1.4)
    if v.get("wet"):
        fx.drops(pen, [(0.2, 0.2), (0.55, 0.3)], 0.025)


@sprite("Charger", (9, 10), aliases=("PhoneCharger", "LaptopCharger", "ChargingBrick", "Adapter"), keywords=("charger", "adapter"), pad=(0.6, 1.0, 0.6, 0.4))  # fmt: skip
def draw_charger(pen: Pen, v: ObjView) -> None:
    pen.line([(0.5, 1.0), (0.3, 1.2), (-0.4, 1.1)], CABLE, 1.6)
    pen.rect(0.0, 0.0, 1.0, 1.0, fill=(245, 245, 245, 255), outline=OUTLINE, radius=2)
    if v.get("broken") or v.hot:
        fx.sparks(pen, 0.5, 0.0, 0.6)


@sprite("HairDryer", (24, 20), aliases=("Hairdryer", "BlowDryer", "HairDrier"), keywords=("hairdryer", "blowdryer", "dryer"), pad=(0.6, 0.6, 0.3, 0.3))  # fmt: skip
def draw_hair_dryer(pen: Pen, v: ObjView) -> None:
    colour = v.style((220, 70, 120, 255)).fill
    if v.active:
        for y in (0.15, 0.3, 0.45):
            pen.wave(-0.15, y - 0.02, y + 0.02, 0.0, STEAM, 1.0)
            pen.line([(-0.45, y), (-0.05, y)], (150, 190, 230, 255), 1.4)
    pen.polygon([(0.55, 0.45), (0.8, 0.45), (0.75, 1.0), (0.55, 1.0)], fill=colour, outline=OUTLINE)
    pen.rect(0.0, 0.12, 0.3, 0.5, fill=shade(colour, 0.8), outline=OUTLINE, radius=2)
    pen.ellipse(0.2, 0.0, 1.0, 0.6, fill=colour, outline=OUTLINE)
    pen.circle(0.75, 0.3, 0.1, fill=shade(colour, 0.7), outline=OUTLINE)
    indicator(pen, 0.65, 0.62, v.active)
    if v.get("wet"):
        fx.drops(pen, [(0.4, 0.2), (0.85, 0.7)], 0.05)


@sprite("CurlingIron", (32, 7), aliases=("HairStraightener", "Straightener", "FlatIron", "CurlingTongs"), keywords=("straightener", "curling", "flatiron"), pad=(0.2, 2.2, 0.2, 0.5))  # fmt: skip
def draw_curling_iron(pen: Pen, v: ObjView) -> None:
    hot = v.active or v.hot
    if hot:
        fx.glow(pen, 0.3, 0.5, 0.35, 1.4, GLOW_ORANGE, rings=3)
        fx.heat_lines(pen, 0.05, 0.55, 0.0, 2.0)
    plate = GLOW_RED if hot else (160, 165, 172, 255)
    pen.rect(0.0, 0.1, 0.6, 0.9, fill=plate, outline=OUTLINE, radius=3)
    pen.rect(0.55, 0.0, 1.0, 1.0, fill=(40, 40, 45, 255), outline=OUTLINE, radius=3)
    indicator(pen, 0.78, 0.5, v.active)


@sprite(
    "ElectricRazor",
    (7, 16),
    aliases=("ElectricShaver", "Shaver", "ElectricToothbrush"),
    keywords=("shaver",),
    pad=_SMALL,
)
def draw_shaver(pen: Pen, v: ObjView) -> None:
    pen.rect(0.0, 0.2, 1.0, 1.0, fill=(50, 50, 56, 255), outline=OUTLINE, radius=4)
    pen.rect(-0.1, 0.0, 1.1, 0.22, fill=(190, 195, 202, 255), outline=OUTLINE, radius=2)
    indicator(pen, 0.5, 0.6, v.active)
    _wet(pen, v)


@sprite("Iron", (26, 16), aliases=("ClothesIron", "SteamIron"), keywords=("iron",), pad=(0.3, 1.2, 0.3, 0.2))
def draw_iron(pen: Pen, v: ObjView) -> None:
    hot = v.active or v.hot
    if hot:
        fx.glow(pen, 0.5, 0.9, 0.6, 0.3, GLOW_ORANGE, rings=3)
        fx.steam(pen, 0.3, 0.1, 1.0, 0.2)
    body = v.style((80, 140, 210, 255)).fill if v.material != "metal" else (80, 140, 210, 255)
    pen.polygon([(0.0, 1.0), (0.25, 0.45), (0.95, 0.45), (1.0, 1.0)], fill=body, outline=OUTLINE)
    pen.arc(0.35, 0.0, 0.95, 0.9, 180, 360, OUTLINE, 4.0)
    pen.arc(0.35, 0.0, 0.95, 0.9, 180, 360, shade(body, 0.8), 2.4)
    pen.rect(0.0, 0.88, 1.0, 1.0, fill=GLOW_RED if hot else (190, 195, 202, 255), outline=OUTLINE)
    indicator(pen, 0.6, 0.65, hot)


@sprite("PowerStrip", (30, 7), aliases=("ExtensionLead", "PowerBar", "MultiPlug", "SurgeProtector", "ExtensionSocket"), keywords=("powerstrip", "extension", "surge"), pad=(0.2, 1.5, 0.2, 0.4))  # fmt: skip
def draw_power_strip(pen: Pen, v: ObjView) -> None:
    pen.rect(0.0, 0.0, 1.0, 1.0, fill=(245, 245, 240, 255), outline=OUTLINE, radius=3)
    for i in range(4):
        cx = 0.15 + 0.2 * i
        pen.rect(cx - 0.06, 0.25, cx + 0.06, 0.75, fill=(60, 60, 65, 255), outline=None, radius=1)
    indicator(pen, 0.93, 0.5, bool(v.get("on") or v.get("plugged_in")))
    if v.get("broken") or v.get("wet") or v.hot:
        fx.sparks(pen, 0.5, -0.2, 0.15)


@sprite("Socket", (9, 13), aliases=("Outlet", "WallSocket", "PowerOutlet", "ElectricalOutlet", "WallOutlet", "PlugSocket"), keywords=("socket", "outlet"), place="wall", pad=(0.5, 0.5, 0.5, 0.5))  # fmt: skip
def draw_socket(pen: Pen, v: ObjView) -> None:
    pen.rect(0.0, 0.0, 1.0, 1.0, fill=(248, 248, 244, 255), outline=OUTLINE, radius=2)
    for cy in (0.3, 0.7):
        pen.rect(0.3, cy - 0.08, 0.42, cy + 0.08, fill=DARK, outline=None)
        pen.rect(0.58, cy - 0.08, 0.7, cy + 0.08, fill=DARK, outline=None)
    if v.get("broken") or v.get("wet") or v.hot:
        fx.sparks(pen, 0.5, 0.5, 0.6)
