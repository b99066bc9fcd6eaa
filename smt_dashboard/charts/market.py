"""Charts of the market & adoption page (unconfigured Altair; see charts.common)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from smt_dashboard.charts.common import PALETTE, titled
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
