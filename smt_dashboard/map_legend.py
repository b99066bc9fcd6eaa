"""The map's legend (deck.gl draws none): nationality colours, point sizes for staff, the regions' colour ramp, as an
SVG picture beside the map and in words for its alternative text."""

from __future__ import annotations

from html import escape

from smt_dashboard import i18n
from smt_dashboard.maps import NATIONALITY_COLORS, ZERO_FILL, _mix, _rgb_css, point_radius


def _text_width(text: str, size: float = 12.5) -> float:
    return 0.53 * size * len(text)  # rough width of a sans-serif string, enough to lay out the legend


def _svg_text(x: float, y: float, text: str, fill: str = "#262730", anchor: str = "start") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-family="Source Sans Pro, Helvetica, Arial, sans-serif" '
            f'font-size="12.5" fill="{fill}" text-anchor="{anchor}">{escape(text)}</text>')


def legend_text(metric: str, max_value: int, staff_min: int | None, staff_max: int | None, lang: str) -> str:
    """The legend in words (the image's alternative text)."""
    sizes = (i18n.t("map.legend_sizes", lang, low=i18n.fmt_number(staff_min, lang), high=i18n.fmt_number(staff_max, lang))
             if staff_min is not None and staff_max is not None else i18n.not_disclosed(lang))
    return i18n.t("map.legend_alt", lang, french=i18n.label("nationality", "french", lang),
                  foreign=i18n.label("nationality", "foreign_subsidiary", lang), sizes=sizes,
                  metric=i18n.t(f"map.metric.{metric}", lang).lower(), max=i18n.fmt_number(max_value, lang))


def legend_svg(metric: str, max_value: int, staff_min: int | None, staff_max: int | None, lang: str) -> str:
    """The map legend as a standalone SVG (nationality colours, point sizes, choropleth ramp); text is escaped."""
    parts: list[str] = []
    widths: list[float] = []
    # Row 1: nationality colours.
    x = 4.0
    for scope in ("french", "foreign_subsidiary"):
        parts.append(f'<circle cx="{x + 7:.1f}" cy="14" r="6.5" fill="{NATIONALITY_COLORS[scope]}" stroke="#FFFFFF"/>')
        label = i18n.label("nationality", scope, lang)
        parts.append(_svg_text(x + 18, 18.5, label))
        x += 18 + _text_width(label) + 22
    widths.append(x)
    y = 32.0
    # Row 2: circle sizes, bottom-aligned.
    if staff_min is not None and staff_max is not None:
        sizes = list(dict.fromkeys([staff_min, staff_max]))
        r_max = max(point_radius(s) for s in sizes)
        base = y + 2 * r_max
        title = i18n.t("map.legend.size", lang)
        parts.append(_svg_text(4, base - 2, title))
        x = 4 + _text_width(title) + 10
        for staff in sizes:
            r = point_radius(staff)
            parts.append(f'<circle cx="{x + r:.1f}" cy="{base - r:.1f}" r="{r}" fill="none" stroke="#44505C" '
                         'stroke-width="1.2"/>')
            label = i18n.fmt_number(staff, lang)
            parts.append(_svg_text(x + 2 * r + 5, base - 2, label))
            x += 2 * r + 5 + _text_width(label) + 16
        widths.append(x)
        y = base + 14
    # Row 3: choropleth ramp, then its scale note.
    mid = y + 8
    title = i18n.t(f"map.legend.metric.{metric}", lang)
    parts.append(_svg_text(4, mid + 4.5, title))
    x = 4 + _text_width(title) + 10
    parts.append(f'<rect x="{x:.1f}" y="{mid - 8}" width="22" height="16" fill="{ZERO_FILL}" stroke="#C5CCD3"/>')
    zero = i18n.fmt_number(0, lang)
    parts.append(_svg_text(x + 28, mid + 4.5, zero))
    x += 28 + _text_width(zero) + 14
    ramp_x, ramp_w = x, 130
    stops = "".join(f'<stop offset="{k / 4:.2f}" stop-color="{_rgb_css(_mix(k / 4))}"/>' for k in range(5))
    parts.append(f'<defs><linearGradient id="ramp">{stops}</linearGradient></defs>')
    parts.append(f'<rect x="{x:.1f}" y="{mid - 8}" width="{ramp_w}" height="16" fill="url(#ramp)" stroke="#C5CCD3"/>')
    x += ramp_w
    if max_value > 0:
        high = i18n.fmt_number(max_value, lang)
        parts.append(_svg_text(x + 6, mid + 4.5, high))
        x += 6 + _text_width(high)
    widths.append(x)
    note = i18n.t("map.legend.sqrt", lang)
    parts.append(_svg_text(ramp_x, mid + 24, note, fill="#5B6570"))
    widths.append(ramp_x + _text_width(note))
    width, height = max(widths) + 8, mid + 32
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" role="img">' + "".join(parts) + "</svg>")
