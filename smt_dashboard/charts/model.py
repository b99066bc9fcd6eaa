"""The Altair rendering of a chart model (``chart_model.ChartModel``): bars, columns or lines with the model's own
labels, colours, highlight, notes and reference marks. The slide's projection and the deck's native chart are
rendered from the same model; this module draws the page's version (and, through slides.py, the projected one)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from smt_dashboard.chart_model import ChartModel, Panel, labels_of, value_label
from smt_dashboard.charts.common import label_extent, titled
from smt_dashboard.memo import memoized

LABEL_COLOR = "#1F2A36"
NOTE_COLOR = "#44505C"


def frame(model: ChartModel, lang: str) -> pd.DataFrame:
    """The model as long rows: one per panel × category × series (``row == "bar"``, with the stacked extents
    computed here, so that the drawing needs no transform), and one per panel × category (``row == "total"``: the
    stack's total and the category's note)."""
    rows = []
    names = model.series_names
    for p_order, panel in enumerate(model.panels):
        ends = [0.0] * len(panel.categories)
        # A stacked segment shares its bar with others: its label goes inside it (alone, at its end as elsewhere).
        shared = [sum(s.values[i] is not None for s in panel.series) > 1 for i in range(len(panel.categories))]
        for series in panel.series:
            labels = labels_of(model, series, lang)
            for i, category in enumerate(panel.categories):
                value = series.values[i]
                start = ends[i] if model.stacked else 0.0
                end = start + value if value is not None else None
                if model.stacked and value is not None:
                    ends[i] = end
                rows.append({"row": "bar", "panel": panel.title, "panel_order": p_order, "category": category,
                             "series": series.name, "series_order": names.index(series.name), "value": value,
                             "start": start, "end": end,
                             "label": labels[i], "detail": series.details[i] if series.details else "",
                             "fill": model.highlight_color if i in panel.highlight else series.color,
                             "inside": bool(model.stacked and shared[i])})
        for i, (category, total) in enumerate(zip(panel.categories, model.stack_totals(panel))):
            rows.append({"row": "total", "panel": panel.title, "panel_order": p_order, "category": category,
                         "series": "", "series_order": -1, "value": total, "start": 0.0,
                         "end": total if total is not None else 0.0,
                         "label": value_label(model, total, lang) if model.totals else "",
                         "note": panel.notes[i] if panel.notes else "", "fill": "", "inside": False, "detail": ""})
    out = pd.DataFrame(rows)
    out["note"] = out["note"].fillna("") if "note" in out else ""
    return out


def _value_axis(model: ChartModel, data: pd.DataFrame) -> alt.Axis:
    if model.percent:  # a share's ticks stop at 100 even when the scale leaves room for labels beyond it
        return alt.Axis(values=[0, 25, 50, 75, 100], format="d")
    big = data["end"].notna().any() and data["end"].max() >= 10000
    extra = {"tickMinStep": 1} if model.decimals == 0 else {}
    return alt.Axis(format="~s" if big else f",.{model.decimals}~f", tickCount=6, **extra)


def _category_axis(model: ChartModel, categories: list[str], horizontal: bool) -> alt.Axis:
    wrapped = any("\n" in c for c in categories)
    extra = {"labelExpr": "split(datum.value, '\\n')"} if wrapped else {}
    if horizontal:
        return alt.Axis(labelLimit=460, labelOverlap=False, minExtent=label_extent(categories, 7.5), **extra)
    return alt.Axis(labelAngle=0, labelLimit=160, labelOverlap=False, **extra)


def _value_scale(model: ChartModel, data: pd.DataFrame) -> alt.Scale:
    if model.percent:
        return alt.Scale(domain=[0, model.value_max or 100])
    if model.value_max is not None:
        return alt.Scale(domain=[0, model.value_max], nice=False)
    if len(model.panels) > 1:  # each panel on its own scale, from its own values
        return alt.Scale(zero=True)
    top = data["end"].max() if data["end"].notna().any() else 1.0
    top = top if top == top else 1.0
    return alt.Scale(domain=[0, float(top) * 1.2 or 1.0], nice=False)


@memoized
def render(model: ChartModel, lang: str) -> alt.TopLevelMixin:
    """The page's chart for ``model`` (titled with its title and subtitle)."""
    data = frame(model, lang)
    if model.kind == "line":
        chart = _line(model, data, lang)
    else:
        chart = _bars(model, data, lang)
    return titled(chart, model.title, model.subtitle or None)


def _color(model: ChartModel) -> alt.Color:
    if not model.legend:  # one series: each bar its own fill (the highlighted categories in theirs)
        return alt.Color("fill:N", scale=None, legend=None)
    names = list(model.series_names)
    colors = {s.name: s.color for p in model.panels for s in p.series}
    return alt.Color("series:N", sort=names, scale=alt.Scale(domain=names, range=[colors[n] for n in names]),
                     legend=alt.Legend(title=model.legend_title or None, orient="bottom", direction="horizontal",
                                       columns=min(3, len(names)), columnPadding=30, labelLimit=320))


def _bars(model: ChartModel, data: pd.DataFrame, lang: str) -> alt.TopLevelMixin:
    horizontal = model.kind == "bar"
    categories = list(dict.fromkeys(data["category"]))
    # Every category keeps its place, those without a value included (a year without a disclosed amount); panels
    # each take theirs from their rows (Vega-Lite cannot give a faceted chart one explicit domain per panel).
    scale = alt.Scale(domain=categories) if len(model.panels) == 1 else alt.Undefined
    cat_enc = (alt.Y if horizontal else alt.X)("category:N", sort=categories, title=model.category_title or None,
                                               scale=scale, axis=_category_axis(model, categories, horizontal))
    value_channel, value2_channel = (alt.X, alt.X2) if horizontal else (alt.Y, alt.Y2)
    value_enc = value_channel("start:Q", title=model.value_title or None, scale=_value_scale(model, data),
                              axis=_value_axis(model, data))
    tooltip = [alt.Tooltip("category:N", title=model.category_title or " "),
               *([alt.Tooltip("series:N", title=model.legend_title or " ")] if model.legend else []),
               alt.Tooltip("label:N", title=model.value_title or " ")]
    if (data["detail"] != "").any():
        tooltip.append(alt.Tooltip("detail:N", title=" "))
    encoding = {("y" if horizontal else "x"): cat_enc, ("x" if horizontal else "y"): value_enc,
                ("x2" if horizontal else "y2"): value2_channel("end:Q"), "color": _color(model), "tooltip": tooltip}
    if model.legend and not model.stacked:
        encoding["yOffset" if horizontal else "xOffset"] = (alt.YOffset if horizontal else alt.XOffset)(
            "series:N", sort=list(model.series_names))
    base = alt.Chart()
    bars = base.transform_filter("datum.row == 'bar' && isValid(datum.end)").mark_bar().encode(**encoding)
    text_pos = {("y" if horizontal else "x"): alt.Y("category:N", sort=categories) if horizontal
                else alt.X("category:N", sort=categories)}
    if model.legend and not model.stacked:
        text_pos["yOffset" if horizontal else "xOffset"] = encoding["yOffset" if horizontal else "xOffset"]
    where = {"align": "left", "dx": 4, "baseline": "middle"} if horizontal else {"align": "center", "dy": -6,
                                                                                   "baseline": "bottom"}
    value_at = (alt.X if horizontal else alt.Y)("end:Q")
    zero_at = (alt.X if horizontal else alt.Y)("start:Q")
    layers = [bars]
    labelled = "datum.row == 'bar' && isValid(datum.end) && datum.label != ''"
    if not (model.stacked and model.totals):  # each bar's own label at its end; a stack's segments inside them
        layers.append(base.transform_filter(labelled + " && !datum.inside").mark_text(
            fontSize=12, color=LABEL_COLOR, **where).encode(text="label:N", **{"x" if horizontal else "y": value_at},
                                                           **text_pos))
        layers.append(base.transform_filter(labelled + " && datum.inside").transform_calculate(
            middle="(datum.start + datum.end) / 2").mark_text(
            fontSize=12, color="white", fontWeight="bold", align="center", baseline="middle").encode(
            text="label:N", **{"x" if horizontal else "y": (alt.X if horizontal else alt.Y)("middle:Q")},
            **text_pos))
    # A category without a value: its label ("n.c.") written at the axis, in italics; never a bar of 0.
    layers.append(base.transform_filter("datum.row == 'bar' && !isValid(datum.end) && datum.label != ''").mark_text(
        fontSize=12, fontStyle="italic", color=NOTE_COLOR, **where).encode(
        text="label:N", **{"x" if horizontal else "y": zero_at}, **text_pos))
    totals = base.transform_filter("datum.row == 'total'")
    cat_only = {k: v for k, v in text_pos.items() if "Offset" not in k}
    if model.stacked and model.totals:
        layers.append(totals.transform_filter("datum.label != ''").mark_text(
            fontSize=12, color=LABEL_COLOR, **where).encode(text="label:N", **{"x" if horizontal else "y": value_at},
                                                            **cat_only))
    # The note goes beyond the label: under it after a bar, above it over a column.
    note_where = ({"align": "left", "dx": 4, "dy": 15, "baseline": "middle"} if horizontal
                  else {"align": "center", "dy": -22, "baseline": "bottom"})
    layers.append(totals.transform_filter("datum.note != ''").mark_text(
        fontSize=11, fontStyle="italic", color=NOTE_COLOR, **note_where).encode(
        text="note:N", **{"x" if horizontal else "y": value_at}, **cat_only))
    layer = alt.layer(*layers)
    return _sized(model, layer, data, horizontal)


def _sized(model: ChartModel, layer: alt.LayerChart, data: pd.DataFrame, horizontal: bool) -> alt.TopLevelMixin:
    step = model.size.get("step", 34 if horizontal else None)
    height = model.size.get("height")
    if len(model.panels) == 1:
        sized = layer.properties(height=alt.Step(step) if horizontal and not height else (height or 420))
        if model.size.get("width"):
            sized = sized.properties(width=model.size["width"])
        return _with_data(sized, data)
    panel_titles = [p.title for p in model.panels]
    inner = layer.properties(width=model.size.get("width", 480),
                             height=alt.Step(step) if horizontal and not height else (height or 300))
    return inner.facet(
        data=data,
        row=alt.Row("panel:N", sort=panel_titles, title=None,
                    header=alt.Header(labelAngle=0, labelOrient="top", labelAnchor="start", labelFontSize=14,
                                      labelFontWeight="bold")),
        spacing=18,
    ).resolve_scale(y="independent", x="independent")


def _with_data(chart: alt.LayerChart, data: pd.DataFrame) -> alt.LayerChart:  # noqa: D103
    chart = chart.copy()
    chart.data = data
    return chart


def _line(model: ChartModel, data: pd.DataFrame, lang: str) -> alt.TopLevelMixin:
    """Lines (or steps) per series; several panels side by side, each on its own value scale (France beside
    Germany), with their reference marks (a law's date, the study's date)."""
    data = data[data["row"] == "bar"]
    charts = [_line_panel(model, panel, data[data["panel"] == panel.title]) for panel in model.panels]
    if len(charts) == 1:
        return charts[0]
    return alt.hconcat(*charts, spacing=40).resolve_scale(color="shared")


def _line_panel(model: ChartModel, panel: Panel, data: pd.DataFrame) -> alt.TopLevelMixin:
    categories = list(panel.categories)
    if model.time_axis:
        x = alt.X("category:T", title=model.category_title or None,
                  axis=alt.Axis(format="%Y", tickCount="year", labelAngle=0))
    else:
        x = alt.X("category:N", sort=categories, title=model.category_title or None,
                  axis=_category_axis(model, categories, False))
    y = alt.Y("value:Q", title=model.value_title or None, scale=alt.Scale(zero=True),
              axis=_value_axis(model, data.assign(end=data["value"])))
    tooltip = [alt.Tooltip("category:T" if model.time_axis else "category:N", title=model.category_title or " ",
                           format="%d/%m/%Y" if model.time_axis else alt.Undefined),
               alt.Tooltip("series:N", title=model.legend_title or " "), alt.Tooltip("label:N", title=" ")]
    names = list(model.series_names)
    colors = {s.name: s.color for p in model.panels for s in p.series}
    color = alt.Color("series:N", sort=names, scale=alt.Scale(domain=names, range=[colors[n] for n in names]),
                      legend=alt.Legend(title=model.legend_title or None, orient="bottom", direction="vertical",
                                        columns=2 if len(names) > 3 else 1, labelLimit=380))
    base = alt.Chart(data)
    valid = base.transform_filter("isValid(datum.value)")
    layers = [valid.mark_line(strokeWidth=3, interpolate="step-after" if model.step else "linear").encode(
                  x=x, y=y, color=color),
              valid.mark_point(filled=True, size=70).encode(x=x, y=y, color=color, tooltip=tooltip),
              valid.transform_filter("datum.label != ''").mark_text(dy=-10, fontSize=12, color=LABEL_COLOR).encode(
                  x=x, y=y, text="label:N")]
    marks = [r for r in model.rules if r.on == "category" and r.panel in ("", panel.title)]
    rx = alt.X("at:T" if model.time_axis else "at:N")
    span = ((pd.Timestamp(min(categories)), pd.Timestamp(max(categories))) if model.time_axis and categories
            else None)
    for row, mark in enumerate(marks):
        at = pd.DataFrame({"at": [mark.at], "text": [mark.label]})
        layers.append(alt.Chart(at).mark_rule(strokeDash=[6, 4], color=NOTE_COLOR, strokeWidth=1.5).encode(x=rx))
        # Labels stacked from the top, a line each, so that two close dates never write over each other; a mark
        # in the last third of the axis writes to its left (its label stays inside the frame).
        late = span is not None and span[1] > span[0] and \
            (pd.Timestamp(mark.at) - span[0]) / (span[1] - span[0]) > 0.6
        # (dy, not a fixed y: a projected chart's larger type moves its lines apart in proportion)
        layers.append(alt.Chart(at).mark_text(align="right" if late else "left", dx=-4 if late else 4,
                                              dy=2 + 15 * row, baseline="top", fontSize=11, color=NOTE_COLOR).encode(
            x=rx, y=alt.value(0), text="text:N"))
    chart = alt.layer(*layers).properties(height=model.size.get("height", 340), width=model.size.get("width", 460))
    if panel.title:
        chart = chart.properties(title=alt.TitleParams(panel.title, anchor="start", fontSize=14))
    return chart


def panel_of(model: ChartModel, title: str) -> Panel:
    """The panel with ``title`` (a test helper for views with several panels)."""
    return next(p for p in model.panels if p.title == title)
