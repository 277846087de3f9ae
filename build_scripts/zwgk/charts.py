"""Static SVG charts, inlined into pages: no script, no request, readable without colour.

Every bar carries its label and value as text; the <title>/<desc> pair gives screen readers the same
figures. Used by the task pages (status counts) and reusable by the audit report.
"""

from __future__ import annotations

import html

ROW = 34  # px per bar
LABEL_WIDTH = 120
VALUE_WIDTH = 70
PALETTE = ("#1f6f43", "#2c5d9e", "#8a5a00", "#9b2c2c", "#5b4b8a", "#4a5560")


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def bar_chart(
    chart_id: str,
    title: str,
    data: list[tuple[str, int]],
    *,
    unit: str = "",
    width: int = 560,
    classes: list[str] | None = None,
) -> str:
    """A horizontal bar chart as an inline <figure><svg>; `chart_id` must be unique on the page.

    `classes` (one per bar) adds CSS modifier classes, e.g. zwgk-chart__bar--done, to restyle bars.
    """
    total = sum(v for _, v in data)
    peak = max((v for _, v in data), default=0) or 1
    plot = width - LABEL_WIDTH - VALUE_WIDTH
    height = ROW * max(len(data), 1) + 8
    summary = "，".join(f"{label} {value}{unit}" for label, value in data) or "无数据"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="zwgk-chart__svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{_e(chart_id)}-t {_e(chart_id)}-d">',
        f'<title id="{_e(chart_id)}-t">{_e(title)}</title>',
        f'<desc id="{_e(chart_id)}-d">共 {total}{_e(unit)}：{_e(summary)}</desc>',
    ]
    for n, (label, value) in enumerate(data):
        y = 4 + n * ROW
        bar = round(plot * value / peak) if value else 0
        extra = f" {_e(classes[n])}" if classes and n < len(classes) else ""
        parts.append(
            f'<g class="zwgk-chart__row">'
            f'<text x="{LABEL_WIDTH - 8}" y="{y + ROW / 2 + 5}" text-anchor="end" font-size="14" '
            f'fill="currentColor">{_e(label)}</text>'
            f'<rect class="zwgk-chart__bar{extra}" x="{LABEL_WIDTH}" y="{y + 5}" width="{max(bar, 2)}" '
            f'height="{ROW - 10}" fill="{PALETTE[n % len(PALETTE)]}"/>'
            f'<text x="{LABEL_WIDTH + max(bar, 2) + 6}" y="{y + ROW / 2 + 5}" font-size="14" '
            f'fill="currentColor">{value}{_e(unit)}</text></g>'
        )
    parts.append("</svg>")
    return (
        f'<figure class="zwgk-chart" id="{_e(chart_id)}">{"".join(parts)}'
        f"<figcaption>{_e(title)}（共 {total}{_e(unit)}）</figcaption></figure>"
    )
