"""Charts for the HTML report, as inline SVG: no script, no image files, readable printed.

Each chart carries a text title and labels, so a screen reader can say what it shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

_BAR = "#3d6f8e"
_TRACK = "#e6e3da"


def bar_chart(bars: Sequence[tuple[str, int]], maximum: int, label: str) -> str:
    """Return a horizontal bar chart of (name, value) pairs, scaled to `maximum`."""
    row, name_width, bar_width = 26, 260, 320
    height = row * len(bars) + 8
    parts = [
        f'<svg role="img" width="{name_width + bar_width + 60}" height="{height}" '
        f'viewBox="0 0 {name_width + bar_width + 60} {height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(label)}</title>'
    ]
    for index, (name, value) in enumerate(bars):
        y = index * row + 4
        width = round(bar_width * value / maximum) if maximum else 0
        parts.append(
            f'<text x="{name_width - 8}" y="{y + 16}" text-anchor="end" font-size="13">'
            f"{escape(name)}</text>"
            f'<rect x="{name_width}" y="{y + 3}" width="{bar_width}" height="16" '
            f'fill="{_TRACK}"/>'
            f'<rect x="{name_width}" y="{y + 3}" width="{width}" height="16" fill="{_BAR}"/>'
            f'<text x="{name_width + bar_width + 8}" y="{y + 16}" font-size="13">{value}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def meter(share: float, label: str) -> str:
    """Return a small horizontal meter filled to `share` (0 to 1)."""
    width = 160
    filled = round(width * min(max(share, 0.0), 1.0))
    return (
        f'<svg role="img" width="{width}" height="14" viewBox="0 0 {width} 14" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(label)}</title>'
        f'<rect width="{width}" height="14" fill="{_TRACK}"/>'
        f'<rect width="{filled}" height="14" fill="{_BAR}"/></svg>'
    )
