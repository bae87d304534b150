"""A body's seats as a hemicycle, drawn as SVG (standard library only).

The seats are laid on concentric half rings, each ring holding seats in proportion
to its length, and given to the groups from left to right in the order the caller
lists them (the left of the hall first). A seat whose holder is present is filled
with its group's colour; an empty one (withdrawn, absent) is drawn as a ring of that
colour, so that a walkout shows as a hollowed part of the hall. No numbers are drawn:
a caller labels the figures beside the drawing, each with its source.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class SeatGroup:
    """``seats`` of one group (a faction), ``present`` of them filled."""

    label: str
    seats: int
    color: str
    present: int | None = None  # None: all present

    @property
    def filled(self) -> int:
        return self.seats if self.present is None else min(self.present, self.seats)


@dataclass(frozen=True)
class Seat:
    x: float
    y: float
    r: float
    group: int  # index into the groups
    filled: bool


def rows_for(seats: int) -> int:
    """How many rings: enough that seats stay round and large (about 1 ring per
    25 seats for small bodies, growing with the square root for large ones)."""
    if seats <= 0:
        return 0
    return max(1, min(seats, round(math.sqrt(seats / 3.2))))


def layout(groups: Sequence[SeatGroup], *, inner: float = 0.38) -> list[Seat]:
    """Seat positions in a unit half disc (centre at the origin, y up), in order from
    the left end of the hall to the right, each assigned to its group.

    Rule: ``n`` rings at radii evenly spaced from ``inner`` to 1; ring ``i`` holds
    seats in proportion to its radius (the largest remainders take the rounding);
    seats are ordered by angle from the left (ties by radius, outer first) and the
    groups fill them in turn, each group's present holders first.
    """
    total = sum(max(0, g.seats) for g in groups)
    n = rows_for(total)
    if n == 0:
        return []
    radii = [inner + (1 - inner) * (i / (n - 1) if n > 1 else 1) for i in range(n)]
    counts = _per_ring(total, radii)
    spacing = (1 - inner) / max(n - 1, 1) if n > 1 else 1 - inner
    places: list[tuple[float, float, float]] = []
    for radius, k in zip(radii, counts, strict=True):
        for j in range(k):
            angle = math.pi / 2 if k == 1 else math.pi * (1 - j / (k - 1))
            places.append((angle, radius, radius))
    places.sort(key=lambda p: (-round(p[0], 9), -p[1]))
    arc = min(
        (math.pi * r / max(k - 1, 1) for r, k in zip(radii, counts, strict=True) if k), default=1
    )
    size = 0.42 * min(spacing if n > 1 else 0.5, arc)
    out: list[Seat] = []
    at = 0
    for gi, g in enumerate(groups):
        for s in range(max(0, g.seats)):
            angle, radius, _ = places[at]
            at += 1
            out.append(
                Seat(radius * math.cos(angle), radius * math.sin(angle), size, gi, s < g.filled)
            )
    return out


def _per_ring(total: int, radii: Sequence[float]) -> list[int]:
    whole = sum(radii)
    exact = [total * r / whole for r in radii]
    counts = [math.floor(e) for e in exact]
    order = sorted(range(len(radii)), key=lambda i: (-(exact[i] - counts[i]), -radii[i]))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def hemicycle_svg(
    groups: Sequence[SeatGroup], *, title: str, width: int = 360, label: str = ""
) -> str:
    """The hemicycle as a self-contained ``<svg>`` element (no script, no fonts).

    ``title`` names it for assistive technology; each seat carries its group's
    label as a tooltip; ``label`` (if any) is printed under the centre and must not
    contain figures (the caller shows those beside the drawing, with sources).
    """
    seats = layout(groups)
    # a margin of one seat's radius all round, so that the seats at the ends of the
    # outer ring (large ones, in a small hall) stay inside the drawing
    pad = max((s.r for s in seats), default=0.0)
    scale = (width / 2 - 4) / (1 + pad)
    cx, cy = width / 2, 4 + scale * (1 + pad)
    h = cy + scale * pad + 12
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="hemicycle" role="img" '
        f'viewBox="0 0 {width} {h:.0f}" width="{width}" height="{h:.0f}">',
        f"<title>{escape(title)}</title>",
    ]
    for s in seats:
        g = groups[s.group]
        x, y, r = cx + s.x * scale, cy - s.y * scale, s.r * scale
        colour = escape(g.color, quote=True)
        paint = (
            f'fill="{colour}"'
            if s.filled
            else f'fill="#ffffff" stroke="{colour}" stroke-width="{max(r * 0.35, 0.6):.2f}"'
        )
        state = "present" if s.filled else "empty"
        parts.append(
            f'<circle cx="{x:.2f}" cy="{y:.2f}" r="{r * (0.82 if not s.filled else 1):.2f}" '
            f'{paint} class="seat {state}"><title>{escape(g.label)}</title></circle>'
        )
    if label:
        parts.append(
            f'<text x="{cx:.0f}" y="{cy - 6:.0f}" text-anchor="middle" font-size="12" '
            f'font-family="sans-serif">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
