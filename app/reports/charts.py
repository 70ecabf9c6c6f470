"""Charts drawn as SVG on the server: no script, no CDN, readable in print and by screen readers.

Each chart is an ``<svg role="img">`` with a title and a one-line description; the page puts
the same figures in a table next to it, which is what assistive technology and exports read.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import count

from markupsafe import Markup, escape

_ids = count(1)
WIDTH = 640
LABEL_WIDTH = 230
ROW = 26
BAR = 16


@dataclass(frozen=True)
class Series:
    """One set of bars: its name (for the legend) and its CSS class (its colour)."""

    name: str
    css: str = "chart-bar"


def _number(value: float) -> str:
    return f"{value:,.0f}".replace(",", ".")


def _scale(maximum: float) -> float:
    return maximum if maximum > 0 else 1


def bar_chart(
    title: str,
    rows: Sequence[tuple[str, Sequence[float]]],
    series: Sequence[Series] = (Series(""),),
    *,
    description: str = "",
) -> Markup:
    """Horizontal bars: one row per label, one bar per series (e.g. median and 90th percentile)."""
    chart_id = f"chart-{next(_ids)}"
    maximum = _scale(max((v for _label, values in rows for v in values), default=0))
    per_row = ROW + (len(series) - 1) * (BAR + 2)
    legend = 22 if len(series) > 1 else 0
    height = legend + max(1, len(rows)) * per_row + 6
    plot = WIDTH - LABEL_WIDTH - 70
    parts = [
        f'<svg class="chart" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" viewBox="0 0 {WIDTH} {height}"'
        f' width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(description)}</desc>',
    ]
    if legend:
        x = LABEL_WIDTH
        for s in series:
            parts.append(f'<rect class="{s.css}" x="{x}" y="4" width="12" height="12"/>')
            parts.append(f'<text class="chart-text" x="{x + 16}" y="15">{escape(s.name)}</text>')
            x += 28 + 8 * len(s.name)
    for index, (label, values) in enumerate(rows):
        top = legend + index * per_row
        short = label if len(label) <= 32 else label[:31] + "…"
        parts.append(
            f'<text class="chart-text" x="{LABEL_WIDTH - 8}" y="{top + BAR - 2}" text-anchor="end">'
            f"<title>{escape(label)}</title>{escape(short)}</text>"
        )
        for offset, (s, value) in enumerate(zip(series, values, strict=True)):
            y = top + offset * (BAR + 2)
            width = 0 if value <= 0 else max(1.0, plot * value / maximum)
            parts.append(f'<rect class="{s.css}" x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR}"/>')
            parts.append(
                f'<text class="chart-value" x="{LABEL_WIDTH + width + 4:.1f}" y="{y + BAR - 3}">{_number(value)}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text above is escaped


def column_chart(title: str, columns: Sequence[tuple[str, float]], *, description: str = "") -> Markup:
    """Vertical columns along a time axis (e.g. cases filed per month), every third label shown."""
    chart_id = f"chart-{next(_ids)}"
    height, bottom, left = 220, 40, 44
    maximum = _scale(max((v for _l, v in columns), default=0))
    step = (WIDTH - left - 8) / max(1, len(columns))
    every = max(1, -(-len(columns) // 6))  # at most six labels: they must not overlap
    plot = height - bottom - 16
    parts = [
        f'<svg class="chart" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" viewBox="0 0 {WIDTH} {height}"'
        f' width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(description)}</desc>',
        f'<line class="chart-axis" x1="{left}" y1="{height - bottom}" x2="{WIDTH - 4}" y2="{height - bottom}"/>',
        f'<text class="chart-text" x="{left - 6}" y="20" text-anchor="end">{_number(maximum)}</text>',
        f'<text class="chart-text" x="{left - 6}" y="{height - bottom}" text-anchor="end">0</text>',
    ]
    for index, (label, value) in enumerate(columns):
        x = left + index * step + step * 0.15
        bar = 0 if value <= 0 else max(1.0, plot * value / maximum)
        parts.append(
            f'<rect class="chart-bar" x="{x:.1f}" y="{height - bottom - bar:.1f}" width="{step * 0.7:.1f}"'
            f' height="{bar:.1f}"><title>{escape(label)}: {_number(value)}</title></rect>'
        )
        if index % every == 0:
            parts.append(
                f'<text class="chart-text" x="{x + step * 0.35:.1f}" y="{height - bottom + 16}"'
                f' text-anchor="middle">{escape(label)}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text above is escaped
