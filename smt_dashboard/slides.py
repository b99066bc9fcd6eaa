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
               "PageUp": "previous", "Home": "first", "End": "last", "Escape": "exit",
               "f": "filters", "F": "filters", "n": "notes", "N": "notes", "g": "goto", "G": "goto",
               "?": "keys", "h": "keys", "H": "keys"}
ACTIONS = ("next", "previous", "first", "last", "exit")  # the moves; the other actions open or close panels
# Projection sizes: every chart is drawn to fill a 1800 × 640 box (a slide's visual at 1920 × 1080, scaled down
# whole on smaller screens), and every text of it at MIN_FONT px or more: 26 px at 1920 wide reads ≥ 24 px on screen,
# and ≥ 16 px at 1280 wide. Labels are never cut ("…"): their limits are lifted.
CHART_W, CHART_H = 1800, 720
MIN_FONT = 26
TITLE_FONT = 30
VEGA_TEXT_SIZE = 11  # Vega's default size of a text mark
LINE_HEIGHT = MIN_FONT + 2  # px between the lines of a wrapped label
PROJECTION_CONFIG = {
    "axis": {"labelFontSize": MIN_FONT, "titleFontSize": MIN_FONT, "labelLimit": 0, "titleLimit": 0},
    # Legends above the plot, in a row: the plot keeps the slide's height.
    "legend": {"labelFontSize": MIN_FONT, "titleFontSize": MIN_FONT, "symbolSize": 300, "labelLimit": 0,
               "titleLimit": 0, "orient": "top", "direction": "horizontal", "titleOrient": "left", "columns": 3,
               "layout": {"top": {"anchor": "end"}}},
    # Vega's default is a tick every 40 px: on a 1800 px axis that is half-units and crowded labels.
    "axisQuantitative": {"tickCount": 8},
    "header": {"labelFontSize": MIN_FONT, "titleFontSize": MIN_FONT, "labelLimit": 0},
    "title": {"fontSize": TITLE_FONT, "subtitleFontSize": MIN_FONT},
    "text": {"fontSize": MIN_FONT, "limit": 0},
}
_FONT_KEYS = {"labelFontSize", "titleFontSize", "fontSize", "subtitleFontSize"}
_LIMIT_KEYS = {"labelLimit", "titleLimit", "limit"}
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
    """The chart as projected: its title moves to the slide's heading and it fills the slide's visual box (a faceted
    chart shares the box between its panels)."""
    out = chart.copy(deep=True)
    out.title = alt.Undefined
    if isinstance(out, alt.FacetChart):
        panels = max(1, len(set(out.data[out.facet.shorthand.split(":")[0]])) if isinstance(out.data, pd.DataFrame)
                     and isinstance(getattr(out.facet, "shorthand", None), str) else 2)
        out.spec.width = CHART_W - 500
        out.spec.height = max(120, (CHART_H - 60 * panels) // panels)
        return out
    if isinstance(out, alt.HConcatChart):  # panels side by side (France beside Germany): they share the box
        panels = len(out.hconcat)
        width = (CHART_W - panels * 240 - 60 * (panels - 1)) // panels
        out.hconcat = [panel.properties(width=width, height=CHART_H - 190) for panel in out.hconcat]
        return out
    if isinstance(out, (alt.VConcatChart, alt.ConcatChart)):
        return out
    return out.properties(width=CHART_W, height=CHART_H, autosize=alt.AutoSizeParams(type="fit", contains="padding"))


def _legible(spec: object, one_line: bool) -> None:
    """Every font of the spec at MIN_FONT or more, no label limit (a projected label is never cut), and, when
    ``one_line``, labels split for a narrow page on one line (the slide is wide; split lines would overlap)."""
    if isinstance(spec, dict):
        size = spec.get("fontSize", VEGA_TEXT_SIZE if spec.get("type") == "text" else None)
        if isinstance(size, (int, float)) and 0 < size < MIN_FONT:
            # A mark's offset was set for its small type: it grows with the type (a label above another stays
            # above it).
            for offset in ("dx", "dy"):
                if isinstance(spec.get(offset), (int, float)):
                    spec[offset] = round(spec[offset] * MIN_FONT / size)
        for key, value in list(spec.items()):
            if key == "legend" and isinstance(value, dict):  # a chart's own legend goes above the plot too
                value.update(orient="top", direction="horizontal", columns=3)  # a long legend wraps, never widens
            if key in _FONT_KEYS and isinstance(value, (int, float)):
                spec[key] = max(value, MIN_FONT)
            elif key in _LIMIT_KEYS and isinstance(value, (int, float)):
                spec[key] = 0
            elif key == "labelExpr" and isinstance(value, str) and value.startswith("split("):
                if one_line:
                    spec[key] = "replace(datum.label, /\\n/g, ' ')"
                else:
                    spec["labelLineHeight"] = LINE_HEIGHT
                    # Vega sets a label's first line at its tick: a two-line label moves up by half a line.
                    spec["labelOffset"] = {"condition": {"test": "indexof(datum.value, '\\n') >= 0",
                                                         "value": -LINE_HEIGHT // 2}, "value": 0}
            else:
                _legible(value, one_line)
    elif isinstance(spec, list):
        for item in spec:
            _legible(item, one_line)


def _fits_in_lines(spec: dict) -> bool:
    """Whether the chart's labels, as split for the page (one "\\n" per line break), fit the slide's height."""
    rows = (spec.get("datasets") or {}).get((spec.get("data") or {}).get("name"), [])
    texts = {v for r in rows for v in r.values() if isinstance(v, str) and "\n" in v}
    if not texts:
        return False  # split by an expression (a total in brackets): one line reads as well
    lines = max(t.count("\n") + 1 for t in texts)
    return len(rows) * lines * LINE_HEIGHT <= CHART_H - 110


def _panels_side_by_side(spec: dict) -> None:
    """A chart faceted in rows (countries above cities) set side by side: a 16:9 slide is wide, and panels stacked
    in 640 px would have to shrink their type. Each panel keeps its own scales and order."""
    facet = spec.get("facet")
    if not isinstance(facet, dict) or "row" not in facet or not isinstance(spec.get("spec"), dict):
        return
    rows = (spec.get("datasets") or {}).get((spec.get("data") or {}).get("name"), [])
    field = facet["row"].get("field")
    panels = max(1, len({r.get(field) for r in rows}))
    inner = spec["spec"]
    y_field = next((layer.get("encoding", {}).get("y", {}).get("field") for layer in inner.get("layer", [inner])
                    if layer.get("encoding", {}).get("y", {}).get("field")), None)
    longest = max((len(str(r.get(y_field, ""))) for r in rows), default=10)
    label_room = int(longest * MIN_FONT * 0.56) + 30  # Helvetica's mean advance is about 0.56 em
    spacing = 60
    spec["facet"] = {"column": facet["row"]}
    spec["spacing"] = spacing
    inner["width"] = max(200, (CHART_W - panels * label_room - spacing * (panels - 1) - 80) // panels)
    inner["height"] = CHART_H - 2 * MIN_FONT - 110  # the panel's header above, the axis and its title below


def projection_spec(view: View, chart: alt.TopLevelMixin, lang: str) -> dict:
    """The Vega-Lite spec of a chart view at projection size and type sizes."""
    from smt_dashboard import export

    spec = export.export_spec(projection_chart(view, chart), lang, None)
    spec["config"] = merge_config(spec.get("config", {}), PROJECTION_CONFIG)
    _panels_side_by_side(spec)
    _legible({k: v for k, v in spec.items() if k != "datasets"}, one_line=not _fits_in_lines(spec))
    return spec


def projection_svg(view: View, chart: alt.TopLevelMixin, lang: str) -> str:
    """SVG of a chart view at projection size and type sizes (rendered offline by vl-convert)."""
    import vl_convert as vlc

    return vlc.vegalite_to_svg(projection_spec(view, chart, lang))


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
            i18n.plural("briefing.deck_more_rows", len(df) - len(shown), lang,
                        n=i18n.fmt_number(len(df) - len(shown), lang))) + "</p>"
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


def status_line(number: int, total: int, filters_text: str, lang: str, left_out: int = 0) -> str:
    """"Vue 5 / 22 · Filtres : … · 2 vues sans données pour ces filtres" on one line (``left_out`` counts only views
    the active filters empty: without a filter nothing is left out)."""
    line = i18n.t("app.slide_of", lang, n=number, total=total) + " · " + i18n.t("app.active_filters", lang,
                                                                                filters=filters_text)
    if left_out:
        line += " · " + i18n.plural("app.slides_left_out", left_out, lang, n=i18n.fmt_number(left_out, lang))
    return line


def arrange(show: Sequence[View], state, national: bool = True) -> tuple[list[View], set[str]]:
    """A filtered show tells the truth: the views the active filters act on first, then the national context (views
    no active filter acts on), or without it when ``national`` is False. Returns the views and the national ones'
    keys (their slides say « France entière »). Without a filter: the show as it is, nothing national."""
    active = [a for a in ("regions", "areas", "models", "nationalities") if getattr(state, a)]
    if not active:
        return list(show), set()
    acting = [v for v in show if any(a in v.applies for a in active)]
    context = [v for v in show if v not in acting]
    return (acting + context if national else acting) or list(show[:1]), {v.key for v in context}


def with_data(show: Sequence[View], empty: set[str], current: str | None) -> list[View]:
    """The show without the views that have no rows under the filters, except the one on screen (it stays, and
    says what is empty, until the presenter moves on)."""
    return [v for v in show if v.key not in empty or v.key == current] or list(show[:1])


def kind_of(built: Built) -> str:
    """How the slide draws the view: svg (charts), picture (map), html (table, SWOT) or text (nothing to draw)."""
    return {"chart": "svg", "map": "picture", "table": "html", "swot": "html", "figure": "html"}.get(built.kind, "text")
