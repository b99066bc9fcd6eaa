"""Chart of the recommendations page (unconfigured Altair; see charts.common)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from smt_dashboard.charts.common import PALETTE, titled
from smt_dashboard.charts.policy import label_extent
from smt_dashboard.memo import memoized


@memoized
def targets(counts: pd.DataFrame, title: str, subtitle: str, x_title: str) -> alt.Chart:
    """Number of actions aimed at each target actor, each bar labelled with its count."""
    order = list(counts["target_label"])
    base = alt.Chart(counts).encode(
        y=alt.Y("target_label:N", sort=order, title=None,
                axis=alt.Axis(labelLimit=440, labelFontSize=13, labelColor="#1B2733",
                              minExtent=label_extent(counts["target_label"], 7.5))),
        x=alt.X("actions:Q", title=x_title, axis=alt.Axis(tickMinStep=1, format="d"),
                scale=alt.Scale(domainMax=float(counts["actions"].max()) + 1)),
    )
    bars = base.mark_bar(color=PALETTE[0], height={"band": 0.7}).encode(
        tooltip=[alt.Tooltip("target_label:N", title=" "), alt.Tooltip("actions:Q", title=x_title)])
    text = base.mark_text(align="left", dx=4, fontSize=13, fontWeight="bold").encode(text="actions:Q")
    return titled((bars + text).properties(height=alt.Step(34)), title, subtitle)
