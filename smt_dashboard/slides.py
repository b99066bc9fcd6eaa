"""The live slide show of presentation mode, pure parts: which views it shows and in what order, where a key
press leads, and each view drawn at projection size (charts as SVG with projection type sizes, tables and the
SWOT as escaped HTML). The Streamlit shell is ``presentation.py``."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

import altair as alt
import pandas as pd

from smt_dashboard import deck, i18n
from smt_dashboard.charts.common import merge_config
from smt_dashboard.views import SHOW, VIEWS, Built, SwotGrid, View

# Keys a presenter (or a clicker: PageDown / PageUp) presses, and what they do.
KEY_ACTIONS = {"ArrowRight": "next", "PageDown": "next", " ": "next", "ArrowLeft": "previous",
               "PageUp": "previous", "Home": "first", "End": "last", "Escape": "exit"}
ACTIONS = ("next", "previous", "first", "last", "exit")
# Projection sizes: a chart drawn at about the size it is shown on a 1920 × 1080 screen, so that its type is
# read at these sizes there (smaller screens scale the whole picture down).
CHART_WIDTH = 1500
PLOT_HEIGHT = 430
FACET_WIDTH = 1350
AXIS_FONT = 20
TITLE_FONT = 30
PROJECTION_CONFIG = {
    "axis": {"labelFontSize": AXIS_FONT, "titleFontSize": AXIS_FONT, "labelLimit": 420},
    "legend": {"labelFontSize": AXIS_FONT, "titleFontSize": AXIS_FONT, "symbolSize": 220, "labelLimit": 520},
    "header": {"labelFontSize": AXIS_FONT, "titleFontSize": AXIS_FONT},
    "title": {"fontSize": TITLE_FONT, "subtitleFontSize": AXIS_FONT},
    "text": {"fontSize": AXIS_FONT - 2},
}
MAX_ROWS = 12


def ordered(selected: Iterable[str] | None = None) -> list[View]:
    """The show's views in the deck's order, or those ``selected`` (the briefing page's ticks), same order."""
    keys = None if selected is None else set(selected)
    views = [v for v in VIEWS if (v.in_show if keys is None else v.key in keys)]
    return views or list(SHOW)


def first_of_page(views: Sequence[View], page: str) -> int:
    """Where the show starts when presenting from a page: its first view (or the first slide)."""
    return next((i for i, v in enumerate(views) if v.page == page), 0)


def move(index: int, action: str, total: int) -> int:
    """The slide after ``action`` (bounded: no wrap-around mid-meeting)."""
    if action == "next":
        return min(index + 1, total - 1)
    if action == "previous":
        return max(index - 1, 0)
    if action == "first":
        return 0
    if action == "last":
        return total - 1
    return index


def projection_chart(view: View, chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """The chart as projected: its title moves to the slide's heading, a fixed size near the screen's."""
    facet = (FACET_WIDTH, view.facet_size[1] and max(view.facet_size[1], 34)) if view.facet_size else None
    out = deck.slide_chart(chart, CHART_WIDTH, facet, max_height=PLOT_HEIGHT)
    if not isinstance(out, alt.FacetChart) and isinstance(out.height, (int, float)) and out.height < 200:
        out = out.properties(height=min(PLOT_HEIGHT, 260))
    return out


def projection_svg(view: View, chart: alt.TopLevelMixin, lang: str) -> str:
    """SVG of a chart view at projection size and type sizes (rendered offline by vl-convert)."""
    import vl_convert as vlc

    from smt_dashboard import export

    spec = export.export_spec(projection_chart(view, chart), lang, None)
    spec["config"] = merge_config(spec.get("config", {}), PROJECTION_CONFIG)
    return vlc.vegalite_to_svg(spec)


def table_html(df: pd.DataFrame, lang: str) -> str:
    """A table as escaped HTML (data is never markup), at most MAX_ROWS rows plus a line saying how many more."""
    shown = df.head(MAX_ROWS)
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in shown.columns)
    numeric = [pd.api.types.is_numeric_dtype(df[c]) for c in df.columns]
    rows = "".join(
        "<tr>" + "".join(f"<td class='{'num' if numeric[j] else ''}'>{html.escape(deck.cell_text(v, lang))}</td>"
                         for j, v in enumerate(row)) + "</tr>"
        for row in shown.itertuples(index=False))
    more = ""
    if len(df) > len(shown):
        more = "<p class='smt-more'>" + html.escape(
            i18n.t("briefing.deck_more_rows", lang, n=i18n.fmt_number(len(df) - len(shown), lang))) + "</p>"
    return f"<table class='smt-slide-table'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>{more}"


def swot_html(grid: SwotGrid) -> str:
    """The SWOT's four quadrants as a 2 × 2 grid (escaped text)."""
    cells = []
    for code, label, items in grid.quadrants:
        color = deck.QUADRANT_COLORS.get(code, "#1F2933")
        lines = "".join(f"<li>{html.escape(text)}</li>" for text in items)
        cells.append(f"<div class='smt-swot-cell'><h3 style='color:{color}'>{html.escape(label)}</h3>"
                     f"<ul>{lines}</ul></div>")
    return "<div class='smt-swot'>" + "".join(cells) + "</div>"


def figure_html(figure) -> str:
    """One value on a slide: its label, the number large, and its detail (escaped text)."""
    detail = f"<p class='smt-figure-detail'>{html.escape(figure.detail)}</p>" if figure.detail else ""
    return (f"<div class='smt-figure'><p class='smt-figure-label'>{html.escape(figure.label)}</p>"
            f"<p class='smt-figure-value'>{html.escape(figure.value)}</p>{detail}</div>")


def status_line(number: int, total: int, filters_text: str, lang: str) -> str:
    """"Vue 5 / 22 · Filtres : …" on one line."""
    return i18n.t("app.slide_of", lang, n=number, total=total) + " · " + i18n.t("app.active_filters", lang,
                                                                               filters=filters_text)


def kind_of(built: Built) -> str:
    """How the slide draws the view: svg (charts), picture (map), html (table, SWOT) or text (nothing to draw)."""
    return {"chart": "svg", "map": "picture", "table": "html", "swot": "html", "figure": "html"}.get(built.kind, "text")
