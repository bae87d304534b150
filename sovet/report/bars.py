"""A vote as a bar, drawn as SVG (standard library only).

The bar is as long as the voters present; it is split into votes for, against and
abstaining, and the rest (present, not voting); a mark shows how many votes for the
majority rule needed. No numbers are drawn: the caller shows them beside the bar,
each with its source.
"""

from __future__ import annotations

from html import escape

COLOURS = {"for": "#2e7d32", "against": "#c62828", "abstain": "#9e9e9e", "silent": "#eeeeee"}


def vote_bar_svg(
    for_: int,
    against: int,
    abstain: int,
    voters: int,
    needed: int,
    *,
    width: int = 420,
    estimated: bool = False,
) -> str:
    """The bar of one poll. Rule: widths are proportional to ``max(voters, counted)``;
    the mark stands at ``needed`` votes from the left, so a poll is adopted exactly
    when the green part reaches it. An estimate is hatched (drawn at half opacity)."""
    counted = for_ + against + abstain
    scale = width / max(voters, counted, 1)
    silent = max(voters - counted, 0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="vote-bar" role="img" viewBox="0 0 '
        f'{width} 22" width="{width}" height="22"><title>votes for, against, abstaining'
        f"{' (an estimate)' if estimated else ''}</title>"
    ]
    x = 0.0
    opacity = ' fill-opacity="0.55"' if estimated else ""
    for name, n in (("for", for_), ("against", against), ("abstain", abstain), ("silent", silent)):
        w = n * scale
        if w > 0:
            parts.append(
                f'<rect x="{x:.2f}" y="3" width="{w:.2f}" height="16" '
                f'fill="{COLOURS[name]}"{opacity} class="{escape(name)}"><title>{escape(name)}'
                "</title></rect>"
            )
        x += w
    mark = min(needed * scale, width - 1)
    parts.append(
        f'<line x1="{mark:.2f}" x2="{mark:.2f}" y1="0" y2="22" stroke="#000" '
        'stroke-width="2" class="needed"><title>needed for a majority</title></line></svg>'
    )
    return "".join(parts)
