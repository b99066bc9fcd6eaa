"""Charts of the market & adoption page (unconfigured Altair; see charts.common)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from smt_dashboard.charts.common import PALETTE, label_extent, titled
from smt_dashboard.market import AUDIENCES
from smt_dashboard.memo import memoized

AUDIENCE_COLORS = dict(zip(AUDIENCES, (PALETTE[0], PALETTE[2], PALETTE[3])))


@memoized
def size_ranges(rows: pd.DataFrame, title: str, subtitle: str, y_title: str) -> alt.Chart:
    """The market size each year as a bar from the low to the high estimate (a range, not a point), its
    ends marked and the range printed above it."""
    base = alt.Chart(rows).encode(
        x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0, labelFontSize=14)),
    )
    y_max = float(rows["value_high"].max()) * 1.15
    bar = base.mark_bar(size=70, color=PALETTE[0], opacity=0.8).encode(
        y=alt.Y("value_low:Q", title=y_title, scale=alt.Scale(domain=[0, y_max])),
        y2="value_high:Q",
        tooltip=[alt.Tooltip("year:O", title=" "), alt.Tooltip("range_label:N", title=y_title)],
    )
    ends = alt.layer(
        base.mark_tick(color="#1B2733", thickness=2, size=80).encode(y="value_low:Q"),
        base.mark_tick(color="#1B2733", thickness=2, size=80).encode(y="value_high:Q"),
    )
    label = base.mark_text(dy=-12, fontSize=15, fontWeight="bold", color="#1B2733").encode(
        y="value_high:Q", text="range_label:N")
    return titled(alt.layer(bar, ends, label).properties(height=320), title, subtitle)


@memoized
def adoption(rows: pd.DataFrame, title: str, subtitle: str, x_title: str, legend_title: str) -> alt.Chart:
    """Survey percentages as horizontal bars grouped by audience (the label says who: "des pharmaciens…"),
    each bar labelled with its value."""
    order = list(rows["wrapped_label"])
    present = [a for a in AUDIENCES if a in set(rows["audience"])]
    labels = dict(zip(rows["audience"], rows["audience_label"]))
    base = alt.Chart(rows).encode(
        y=alt.Y("wrapped_label:N", sort=order, title=None,
                axis=alt.Axis(labelExpr="split(datum.value, '\\n')", labelLimit=460, labelFontSize=13, labelColor="#1B2733",
                              labelOverlap=False, minExtent=label_extent(rows["wrapped_label"], 7.5), labelPadding=6,
                              domain=False, ticks=False)),
        x=alt.X("value_pct:Q", title=x_title, scale=alt.Scale(domain=[0, 100]),
                axis=alt.Axis(values=[0, 25, 50, 75, 100])),
    )
    bars = base.mark_bar(height={"band": 0.7}).encode(
        color=alt.Color("audience_label:N", title=legend_title,
                        scale=alt.Scale(domain=[labels[a] for a in present], range=[AUDIENCE_COLORS[a] for a in present]),
                        legend=alt.Legend(orient="bottom", direction="vertical", symbolOpacity=1)),
        tooltip=[alt.Tooltip("audience_label:N", title=legend_title), alt.Tooltip("label:N", title=" "),
                 alt.Tooltip("value_label:N", title=x_title)],
    )
    text = base.mark_text(align="left", dx=4, fontSize=13, fontWeight="bold", color="#1B2733").encode(
        text="value_label:N")
    return titled((bars + text).properties(height=alt.Step(48)), title, subtitle)
