"""Server-rendered SVG bar charts (no JavaScript, no front-end build). Colours come from classes in
dashboard.css (the Content-Security-Policy forbids inline styles); every label is escaped."""
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH = 720
BAR_ROW = 26  # height of one horizontal bar row
LABEL_WIDTH = 160


def _n(value: float) -> str:
    """A coordinate, formatted before format_html (which escapes its arguments into strings)."""
    return f"{value:.1f}"


def _nice_max(value: int) -> int:
    return max(value, 1)


def column_chart(*, title: str, labels: list[str], series: list[tuple[str, str, list[int]]],
                 height: int = 220) -> SafeString:
    """Grouped columns: one group per label (e.g. a day), one column per series (name, css class, values)."""
    top = _nice_max(max((v for _n, _c, values in series for v in values), default=0))
    plot_top, plot_bottom, left = 24, height - 30, 40
    group = (WIDTH - left - 8) / max(len(labels), 1)
    bar = max(group * 0.8 / max(len(series), 1), 1)
    parts = [format_html('<text x="{}" y="14" class="chart-axis">{}</text>', left, f"max {top:,}"),
             format_html('<line x1="{}" y1="{}" x2="{}" y2="{}" class="chart-base"/>', left, plot_bottom, WIDTH - 8,
                         plot_bottom)]
    for index, label in enumerate(labels):
        x0 = left + index * group + group * 0.1
        for position, (name, css, values) in enumerate(series):
            value = values[index]
            h = (plot_bottom - plot_top) * value / top
            parts.append(format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" class="{}"><title>{}: {} {}</title></rect>',
                _n(x0 + position * bar), _n(plot_bottom - h), _n(bar), _n(h), css, label, f"{value:,}", name))
        if len(labels) <= 14 or index % max(len(labels) // 7, 1) == 0:
            parts.append(format_html('<text x="{}" y="{}" class="chart-label">{}</text>', _n(x0), height - 12, label))
    legend = [format_html('<rect x="{}" y="{}" width="10" height="10" class="{}"/><text x="{}" y="{}" '
                          'class="chart-label">{}</text>', WIDTH - 150, 4 + 14 * i, css, WIDTH - 136, 13 + 14 * i, name)
              for i, (name, css, _values) in enumerate(series)]
    return _svg(title=title, height=height, body=parts + legend)


def bar_chart(*, title: str, rows: list[tuple[str, int]], css: str = "chart-bar") -> SafeString:
    """Horizontal bars: one row per (label, value)."""
    top = _nice_max(max((value for _label, value in rows), default=0))
    span = WIDTH - LABEL_WIDTH - 80
    parts = []
    for index, (label, value) in enumerate(rows):
        y = 4 + index * BAR_ROW
        width = span * value / top
        short = label if len(label) <= 24 else label[:23] + "…"
        parts.append(format_html(
            '<text x="0" y="{}" class="chart-label">{}</text><rect x="{}" y="{}" width="{}" height="{}" class="{}">'
            '<title>{}: {}</title></rect><text x="{}" y="{}" class="chart-value">{}</text>',
            y + 15, short, LABEL_WIDTH, y, _n(width), BAR_ROW - 8, css, label, f"{value:,}", _n(LABEL_WIDTH + width + 6),
            y + 15, f"{value:,}"))
    return _svg(title=title, height=max(len(rows), 1) * BAR_ROW + 8, body=parts)


def _svg(*, title: str, height: int, body: list[str]) -> SafeString:
    return mark_safe(
        f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
        + "".join(body) + "</svg>")
