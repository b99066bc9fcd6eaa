"""Chart of the SWOT page (unconfigured Altair; see charts.common)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from smt_dashboard.charts.common import titled
from smt_dashboard.charts.policy import label_extent
from smt_dashboard.memo import memoized


@memoized
def axis_grid(counts: pd.DataFrame, quadrant_order: list[str], axis_order: list[str], title: str, subtitle: str,
              items_title: str, evidence_title: str) -> alt.Chart:
    """Quadrant (columns) × analysis axis (rows): how many SWOT items, and how many with evidence, printed
    in each cell as ``cell_label`` ("3 (2)")."""
    base = alt.Chart(counts).encode(
        x=alt.X("quadrant_label:N", sort=quadrant_order, title=None,
                axis=alt.Axis(orient="top", labelAngle=0, labelFontSize=13, labelColor="#1B2733", domain=False, ticks=False)),
        y=alt.Y("axis_label:N", sort=axis_order, title=None,
                axis=alt.Axis(labelLimit=360, labelFontSize=13, labelColor="#1B2733",
                              minExtent=label_extent(counts["axis_label"], 7.5),
                              domain=False, ticks=False)),
    )
    tooltip = [alt.Tooltip("quadrant_label:N", title=" "), alt.Tooltip("axis_label:N", title=" "),
               alt.Tooltip("items:Q", title=items_title), alt.Tooltip("with_evidence:Q", title=evidence_title)]
    rect = base.mark_rect(stroke="white", strokeWidth=3).encode(
        color=alt.Color("items:Q", scale=alt.Scale(scheme="blues", domainMin=0), legend=None), tooltip=tooltip)
    text = base.mark_text(fontSize=14).encode(
        text="cell_label:N",
        color=alt.when("datum.items >= 3").then(alt.value("white")).otherwise(alt.value("#1B2733")),
        tooltip=tooltip)
    return titled((rect + text).properties(height=alt.Step(46)), title, subtitle)
