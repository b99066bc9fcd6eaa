"""Chart of the policy & regulatory page: the milestones the study cites (unconfigured Altair; see charts.common)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from smt_dashboard.charts.common import PALETTE, label_extent, titled
from smt_dashboard.memo import memoized
from smt_dashboard.policy import JURISDICTIONS

# Shapes double the colours so that a jurisdiction is never told by colour alone.
SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down", "triangle-right", "triangle-left",
          "wedge"]
# England (GB-ENG, NICE) takes the United Kingdom's colour, told apart by its shape.
_COLOUR_OF = {"GB-ENG": "GB"}
ROW_STEP = 36  # px per milestone: room for two-line labels


def jurisdiction_scales(rows: pd.DataFrame) -> tuple[list[str], list[str], list[str]]:
    """Legend domain (labels of the jurisdictions drawn, in a fixed order), their colours and shapes: a
    jurisdiction keeps its colour whatever the filter."""
    present = [c for c in JURISDICTIONS if c in set(rows["jurisdiction"])]
    labels = dict(zip(rows["jurisdiction"], rows["jurisdiction_label"]))
    return ([labels[c] for c in present], [PALETTE[JURISDICTIONS.index(_COLOUR_OF.get(c, c))] for c in present],
            [SHAPES[JURISDICTIONS.index(c)] for c in present])



@memoized
def timeline(rows: pd.DataFrame, title: str, subtitle: str, legend_title: str, tooltip_titles: dict[str, str]) -> alt.Chart:
    """One line per milestone, in date order: a bar over the period its date covers (a whole year when the
    study gives only the year), a mark coloured and shaped by jurisdiction, and the date as printed (to the
    left of the mark in the later half of the axis, to its right in the earlier half)."""
    domain, colors, shapes = jurisdiction_scales(rows)
    order = list(rows["label"])
    first = pd.Timestamp(year=rows["start"].min().year, month=1, day=1)
    last = pd.Timestamp(year=rows["end"].max().year, month=12, day=31)
    # Only what the layers use (no source columns): the chart carries its rows to the browser.
    data = rows[["event_id", "jurisdiction", "jurisdiction_label", "title", "detail", "date_label", "label", "start",
                 "end", "mid"]].assign(text_left=rows["mid"] > first + (last - first) / 2)
    color = alt.Color("jurisdiction_label:N", title=legend_title, scale=alt.Scale(domain=domain, range=colors),
                      legend=alt.Legend(orient="top", direction="horizontal", columns=min(3, len(domain)),
                                        symbolSize=140, symbolOpacity=1, columnPadding=24))
    tooltip = [alt.Tooltip("title:N", title=tooltip_titles["title"]),
               alt.Tooltip("jurisdiction_label:N", title=legend_title),
               alt.Tooltip("date_label:N", title=tooltip_titles["date"]),
               alt.Tooltip("detail:N", title=tooltip_titles["detail"])]
    base = alt.Chart(data).encode(
        y=alt.Y("label:N", sort=order, title=None,
                axis=alt.Axis(labelExpr="split(datum.value, '\\n')", labelLimit=460, labelFontSize=13, labelColor="#1B2733",
                              labelOverlap=False, minExtent=label_extent(rows["label"], 7.5), domain=False, ticks=False,
                              labelPadding=8)),
    )
    x_scale = alt.Scale(domain=[first.isoformat(), last.isoformat()])
    span = base.mark_bar(height=8, opacity=0.35, cornerRadius=3).encode(
        x=alt.X("start:T", scale=x_scale, title=None,
                axis=alt.Axis(format="%Y", tickCount="year", grid=True, orient="top", labelAngle=0)),
        x2="end:T", color=color, tooltip=tooltip)
    point = base.mark_point(filled=True, size=130, opacity=1).encode(
        x="mid:T", color=color,
        shape=alt.Shape("jurisdiction_label:N", scale=alt.Scale(domain=domain, range=shapes), title=legend_title),
        tooltip=tooltip)
    text_left = base.mark_text(align="right", dx=-12, fontSize=12, color="#1B2733").encode(
        x="start:T", text="date_label:N", tooltip=tooltip).transform_filter("datum.text_left")
    text_right = base.mark_text(align="left", dx=12, fontSize=12, color="#1B2733").encode(
        x="end:T", text="date_label:N", tooltip=tooltip).transform_filter("!datum.text_left")
    chart = alt.layer(span, point, text_left, text_right).properties(height=alt.Step(ROW_STEP))
    return titled(chart, title, subtitle)
