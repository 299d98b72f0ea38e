"""Charts as inline SVG strings (no plotting library, no fonts or scripts): bars, a scatter, rate bars.

Every label is escaped with :func:`html.escape`, so category names or model names cannot inject markup.
Values are fractions in [0, 1] (``None`` = not available, drawn as a gap); axes show percent.

Example:
    >>> svg = bar_chart([Bar("self-harm", 0.9, 0.2, (0.85, 0.95), (0.1, 0.3))], title="Accuracy")
    >>> svg.startswith("<svg") and "self-harm" in svg
    True
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

SAFE_COLOR = "#3b6ea8"
UNSAFE_COLOR = "#c8553d"
AVG_COLOR = "#222222"
PAPER_COLOR = "#9a9a9a"
GRID_COLOR = "#e3e3e3"
AXIS_COLOR = "#555555"
FONT = "font-family=\"'Helvetica Neue', Helvetica, Arial, sans-serif\""

Interval = tuple[float, float] | list[float] | None


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def _open(width: int, height: int, label: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{_esc(label)}" {FONT} font-size="12">',
        f"<title>{_esc(label)}</title>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]


def _pct_axis(parts: list[str], x0: float, x1: float, top: float, bottom: float) -> None:
    """Vertical grid lines and percent labels under a horizontal 0-100% axis."""
    for tick in range(0, 101, 20):
        x = x0 + (x1 - x0) * tick / 100
        parts.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" stroke="{GRID_COLOR}"/>')
        parts.append(
            f'<text x="{x:.1f}" y="{bottom + 15}" text-anchor="middle" fill="{AXIS_COLOR}">{tick}%</text>'
        )
    parts.append(f'<line x1="{x0}" y1="{bottom}" x2="{x1}" y2="{bottom}" stroke="{AXIS_COLOR}"/>')


def _legend(parts: list[str], x: float, y: float, items: Sequence[tuple[str, str]]) -> None:
    for label, color in items:
        parts.append(f'<rect x="{x:.1f}" y="{y - 9}" width="11" height="11" fill="{color}"/>')
        parts.append(f'<text x="{x + 16:.1f}" y="{y}">{_esc(label)}</text>')
        x += 22 + 7 * len(label)


@dataclass(frozen=True)
class Bar:
    """One row of :func:`bar_chart`: a label with safe and unsafe accuracy and their intervals."""

    label: str
    safe: float | None
    unsafe: float | None
    safe_ci: Interval = None
    unsafe_ci: Interval = None
    note: str = ""


def _fit(label: str, width_px: float, font: float = 12) -> str:
    """Shorten ``label`` with an ellipsis so it fits ``width_px`` (approximate glyph width)."""
    limit = max(4, int(width_px / (0.55 * font)))
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(rows: Sequence[Bar], *, title: str, width: int = 900, label_width: int = 230) -> str:
    """Horizontal paired bars (safe, unsafe) per row with 95% interval whiskers and an avg tick.

    Example:
        >>> "<line" in bar_chart([Bar("chat", 0.5, None)], title="t")
        True
    """
    x0, x1 = label_width, width - 24
    bar_h, gap, top = 11, 12, 42
    height = top + len(rows) * (2 * bar_h + gap) + 30
    parts = _open(width, height, title)
    parts.append(f'<text x="{x0}" y="16" font-weight="600" font-size="13">{_esc(title)}</text>')
    _legend(parts, x0, 34, [("safe variant", SAFE_COLOR), ("unsafe variant", UNSAFE_COLOR)])
    parts.append(
        f'<text x="{x1}" y="34" text-anchor="end" fill="{AXIS_COLOR}">| = avg, whiskers = 95% CI</text>'
    )
    bottom = height - 24
    _pct_axis(parts, x0, x1, top - 4, bottom)
    span = x1 - x0
    for i, row in enumerate(rows):
        y = top + i * (2 * bar_h + gap)
        note_w = 6 * len(row.note) + 6 if row.note else 0
        parts.append(
            f'<text x="{x0 - 8}" y="{y + bar_h + 4}" text-anchor="end"><title>{_esc(row.label)}</title>'
            f"{_esc(_fit(row.label, x0 - 14 - note_w))}"
            + (f'<tspan fill="{AXIS_COLOR}" font-size="10"> {_esc(row.note)}</tspan>' if row.note else "")
            + "</text>"
        )
        for k, (value, ci, color, name) in enumerate(
            ((row.safe, row.safe_ci, SAFE_COLOR, "safe"), (row.unsafe, row.unsafe_ci, UNSAFE_COLOR, "unsafe"))
        ):
            yy = y + k * bar_h
            if value is None:
                parts.append(f'<text x="{x0 + 4}" y="{yy + 9}" font-size="10" fill="{AXIS_COLOR}">n/a</text>')
                continue
            w = span * value
            tip = f"{row.label} {name}: {100 * value:.1f}%"
            if ci:
                tip += f" (95% CI {100 * ci[0]:.1f}-{100 * ci[1]:.1f})"
            parts.append(
                f'<rect x="{x0}" y="{yy}" width="{w:.1f}" height="{bar_h - 1}" fill="{color}">'
                f"<title>{_esc(tip)}</title></rect>"
            )
            if ci:
                a, b = x0 + span * ci[0], x0 + span * ci[1]
                ym = yy + (bar_h - 1) / 2
                parts.append(
                    f'<path d="M{a:.1f},{ym:.1f}H{b:.1f}M{a:.1f},{ym - 3:.1f}V{ym + 3:.1f}'
                    f'M{b:.1f},{ym - 3:.1f}V{ym + 3:.1f}" stroke="{AVG_COLOR}" stroke-width="1" fill="none"/>'
                )
        if row.safe is not None and row.unsafe is not None:
            xa = x0 + span * (row.safe + row.unsafe) / 2
            parts.append(
                f'<line x1="{xa:.1f}" y1="{y - 2}" x2="{xa:.1f}" y2="{y + 2 * bar_h + 1}" '
                f'stroke="{AVG_COLOR}" stroke-width="2"/>'
            )
    parts.append("</svg>")
    return "\n".join(parts)


@dataclass(frozen=True)
class Point:
    """One point of :func:`scatter`: safe accuracy (x) against unsafe accuracy (y)."""

    label: str
    safe: float
    unsafe: float
    safe_ci: Interval = None
    unsafe_ci: Interval = None
    kind: str = "run"  # "run" (this run's tasks), "category" (this run's categories), "paper"


def _boxes_overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def scatter(points: Sequence[Point], *, title: str, size: int = 440) -> str:
    """Safe accuracy (x) against unsafe accuracy (y), 0-100%, with dashed lines of equal avg.

    A perfect policy sits top right; the MSSBench models crowd the bottom right (they comply everywhere).
    Labels that would overlap an earlier label are left to the point's tooltip.

    Example:
        >>> "<circle" in scatter([Point("chat", 0.9, 0.3)], title="t")
        True
    """
    pad_l, pad_b, pad_t, pad_r = 52, 44, 30, 16
    plot = size - pad_l - pad_r
    width, height = size, pad_t + plot + pad_b
    parts = _open(width, height, title)
    parts.append(f'<text x="{pad_l}" y="18" font-weight="600" font-size="13">{_esc(title)}</text>')

    def px(v: float) -> float:
        return pad_l + plot * v

    def py(v: float) -> float:
        return pad_t + plot * (1 - v)

    for tick in range(0, 101, 20):
        t = tick / 100
        parts.append(
            f'<line x1="{px(t):.1f}" y1="{py(0)}" x2="{px(t):.1f}" y2="{py(1)}" stroke="{GRID_COLOR}"/>'
        )
        parts.append(
            f'<line x1="{px(0)}" y1="{py(t):.1f}" x2="{px(1)}" y2="{py(t):.1f}" stroke="{GRID_COLOR}"/>'
        )
        parts.append(
            f'<text x="{px(t):.1f}" y="{py(0) + 15}" text-anchor="middle" fill="{AXIS_COLOR}">{tick}</text>'
        )
        parts.append(
            f'<text x="{px(0) - 6}" y="{py(t) + 4:.1f}" text-anchor="end" fill="{AXIS_COLOR}">{tick}</text>'
        )
    for avg in (0.5, 0.75):  # safe + unsafe = 2 avg
        a, b = (2 * avg - 1, 1.0), (1.0, 2 * avg - 1)
        parts.append(
            f'<line x1="{px(a[0]):.1f}" y1="{py(a[1]):.1f}" x2="{px(b[0]):.1f}" y2="{py(b[1]):.1f}" '
            f'stroke="{AXIS_COLOR}" stroke-dasharray="4 3" stroke-width="0.8"/>'
        )
        parts.append(
            f'<text x="{px(a[0]) + 4:.1f}" y="{py(a[1]) + 12:.1f}" font-size="10" fill="{AXIS_COLOR}">'
            f"avg {int(avg * 100)}%</text>"
        )
    parts.append(
        f'<rect x="{px(0)}" y="{py(1)}" width="{plot}" height="{plot}" fill="none" stroke="{AXIS_COLOR}"/>'
    )
    parts.append(
        f'<text x="{px(0.5):.1f}" y="{height - 8}" text-anchor="middle">safe-variant accuracy (%)</text>'
    )
    parts.append(
        f'<text transform="translate(14 {py(0.5):.1f}) rotate(-90)" text-anchor="middle">'
        "unsafe-variant accuracy (%)</text>"
    )
    placed: list[tuple[float, float, float, float]] = []
    order = sorted(points, key=lambda p: {"run": 0, "category": 1, "paper": 2}.get(p.kind, 3))
    for p in order:
        x, y = px(p.safe), py(p.unsafe)
        placed.append((x - 4, y - 4, x + 4, y + 4))
    for p in order:
        x, y = px(p.safe), py(p.unsafe)
        tip = f"{p.label}: safe {100 * p.safe:.1f}%, unsafe {100 * p.unsafe:.1f}%"
        if p.kind == "run":
            for ci, horizontal in ((p.safe_ci, True), (p.unsafe_ci, False)):
                if ci:
                    if horizontal:
                        d = f"M{px(ci[0]):.1f},{y:.1f}H{px(ci[1]):.1f}"
                    else:
                        d = f"M{x:.1f},{py(ci[0]):.1f}V{py(ci[1]):.1f}"
                    parts.append(f'<path d="{d}" stroke="{AVG_COLOR}" stroke-width="1.2"/>')
            mark = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{AVG_COLOR}">'
        elif p.kind == "category":
            mark = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#ffffff" stroke="{SAFE_COLOR}" stroke-width="1.5">'
        else:
            mark = f'<rect x="{x - 3:.1f}" y="{y - 3:.1f}" width="6" height="6" fill="{PAPER_COLOR}">'
        tag = "circle" if p.kind in ("run", "category") else "rect"
        parts.append(f"{mark}<title>{_esc(tip)}</title></{tag}>")
        font = 11 if p.kind == "run" else 9.5
        w = 0.56 * font * len(p.label)
        for dx, dy, anchor in ((7, 4, "start"), (-7, 4, "end"), (7, -6, "start"), (7, 13, "start")):
            lx = x + dx if anchor == "start" else x + dx - w
            box = (lx, y + dy - font, lx + w, y + dy + 2)
            if box[0] < pad_l or box[2] > width - 2 or box[1] < pad_t or box[3] > py(0):
                continue
            if not any(_boxes_overlap(box, other) for other in placed):
                placed.append(box)
                color = AVG_COLOR if p.kind == "run" else (SAFE_COLOR if p.kind == "category" else "#6b6b6b")
                weight = ' font-weight="600"' if p.kind == "run" else ""
                parts.append(
                    f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}" font-size="{font}" '
                    f'fill="{color}"{weight}>{_esc(p.label)}</text>'
                )
                break
    parts.append("</svg>")
    return "\n".join(parts)


def rate_chart(
    rows: Sequence[tuple[str, float | None, str]], *, title: str, width: int = 900, label_width: int = 230
) -> str:
    """Horizontal bars of rates: ``(label, value, color)`` per row; ``None`` values show "n/a".

    Example:
        >>> "50.0%" in rate_chart([("hazard rate", 0.5, UNSAFE_COLOR)], title="t")
        True
    """
    x0, x1 = label_width, width - 56
    bar_h, gap, top = 16, 8, 30
    height = top + len(rows) * (bar_h + gap) + 30
    parts = _open(width, height, title)
    parts.append(f'<text x="{x0}" y="16" font-weight="600" font-size="13">{_esc(title)}</text>')
    bottom = height - 24
    _pct_axis(parts, x0, x1, top - 4, bottom)
    for i, (label, value, color) in enumerate(rows):
        y = top + i * (bar_h + gap)
        parts.append(
            f'<text x="{x0 - 8}" y="{y + 12}" text-anchor="end"><title>{_esc(label)}</title>'
            f"{_esc(_fit(label, x0 - 14))}</text>"
        )
        if value is None:
            parts.append(f'<text x="{x0 + 4}" y="{y + 12}" fill="{AXIS_COLOR}">n/a</text>')
            continue
        w = (x1 - x0) * value
        parts.append(f'<rect x="{x0}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{_esc(color)}"/>')
        parts.append(f'<text x="{x0 + w + 5:.1f}" y="{y + 12}">{100 * value:.1f}%</text>')
    parts.append("</svg>")
    return "\n".join(parts)


__all__ = [
    "AVG_COLOR",
    "PAPER_COLOR",
    "SAFE_COLOR",
    "UNSAFE_COLOR",
    "Bar",
    "Point",
    "bar_chart",
    "rate_chart",
    "scatter",
]
