"""A count's round as a bar chart, drawn as SVG (standard library only).

One horizontal bar per candidate, as long as their tally in the round against the
largest tally of the whole count (so that rounds compare at a glance), a mark at the
quota where the method has one. Bars of those elected in the round are solid and
labelled so, those excluded are hatched; each bar carries its exact figure as text,
since the chart repeats the table beside it and must not be read from colour alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from html import escape

ELECTED = "#2e7d32"
EXCLUDED = "#c62828"
CONTINUING = "#1565c0"


def exact(value: str | int) -> Fraction:
    """A tally as the count's result writes it: an int, or the text ``p/q``."""
    return Fraction(value)


def shown(value: str | int) -> str:
    """A tally for people: exact where a decimal is (counts that truncate to five
    places, as Scottish STV does, stay exact), else to two places marked ``≈``."""
    f = exact(value)
    if f.denominator == 1:
        return str(f.numerator)
    for places in range(1, 7):
        scaled = f * 10**places
        if scaled.denominator == 1:
            whole, part = divmod(abs(scaled.numerator), 10**places)
            sign = "-" if f < 0 else ""
            return f"{sign}{whole}.{part:0{places}d}"
    return f"≈{float(f):.2f}"


def round_svg(
    tallies: Mapping[str, str | int],
    *,
    elected: Sequence[str],
    excluded: Sequence[str],
    scale: Fraction,
    quota: str | int | None,
    title: str,
    names: Mapping[str, str] | None = None,
    width: int = 560,
    ident: str = "round",
) -> str:
    """One round's bars; ``scale`` is the largest tally of the count; ``ident`` keeps
    the chart's pattern id unique on a page showing several rounds."""
    names = names or {}
    rows = list(tallies.items())
    bar_h, gap, label_w, figure_w = 18, 6, 130, 110
    room = width - label_w - figure_w
    height = len(rows) * (bar_h + gap) + gap
    top = Fraction(scale) if scale > 0 else Fraction(1)
    hatch = f"hatch-{escape(ident)}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="round-chart" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        f"<title>{escape(title)}</title>",
        f'<defs><pattern id="{hatch}" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="3" height="6" fill="{EXCLUDED}"/>'
        "</pattern></defs>",
    ]
    for i, (who, value) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        length = float(exact(value) / top) * room
        state = "elected" if who in elected else "excluded" if who in excluded else ""
        fill = {"elected": ELECTED, "excluded": f"url(#{hatch})"}.get(state, CONTINUING)
        label = escape(names.get(who, who))
        figure = escape(shown(value) + (f" {state}" if state else ""))
        parts.append(
            f'<text x="{label_w - 6}" y="{y + bar_h - 4}" text-anchor="end" font-size="12" '
            f'font-family="sans-serif">{label}</text>'
            f'<rect x="{label_w}" y="{y}" width="{length:.1f}" height="{bar_h}" fill="{fill}" '
            f'stroke="#212121" stroke-width="0.5"><title>{label}: {figure}</title></rect>'
            f'<text x="{label_w + length + 4:.1f}" y="{y + bar_h - 4}" font-size="12" '
            f'font-family="sans-serif">{figure}</text>'
        )
    if quota is not None:
        x = label_w + float(exact(quota) / top) * room
        parts.append(
            f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height}" stroke="#212121" '
            f'stroke-dasharray="4 3"><title>quota {escape(shown(quota))}</title></line>'
        )
    parts.append("</svg>")
    return "".join(parts)
