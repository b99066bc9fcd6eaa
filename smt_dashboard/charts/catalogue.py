"""Charts of the SMT catalogue page (unconfigured Altair charts; see charts.common).

Heights include the title, axes and legend: Streamlit sizes charts with ``autosize: fit``, where the
height is the whole chart's, so each builder adds that overhead to its rows' height.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from smt_dashboard.charts.common import MUTED_COLOR, PALETTE, label_extent, titled
from smt_dashboard.memo import memoized

AUTHORITY_COLORS = {"ce_marked": PALETTE[0], "fda_approved": PALETTE[2]}



@memoized
def heatmap(cells: pd.DataFrame, title: str, subtitle: str, x_title: str, y_title: str, count_title: str) -> alt.Chart:
    """Category (columns) × therapy area (rows) grid of SMT counts, every count printed in its cell."""
    x_order = list(dict.fromkeys(cells["category_short"]))
    y_order = list(dict.fromkeys(cells["area_label"]))
    base = alt.Chart(cells).encode(
        # No axis titles: the chart title names both dimensions and the labels carry the totals.
        x=alt.X("category_short:N", sort=x_order, title=None,
                # Two lines ("Dispositif externe connecté" / "(30)"): on one line the middle label overlapped its
                # neighbours at 1280 px and Vega hid it.
                axis=alt.Axis(orient="top", labelAngle=0, labelLimit=240, labelAlign="center", domain=False, ticks=False,
                              labelOverlap=False,
                              labelExpr="split(replace(datum.label, ' (', '|('), '|')")),
        y=alt.Y("area_label:N", sort=y_order, title=None,
                axis=alt.Axis(domain=False, ticks=False, minExtent=label_extent(y_order))),
    )
    rect = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.when("datum.smt_count > 0")
        .then(alt.Color("smt_count:Q", scale=alt.Scale(scheme="blues", type="sqrt", domainMin=0), legend=None))
        .otherwise(alt.value("#F2F4F6")),
        tooltip=[alt.Tooltip("category_label:N", title=x_title), alt.Tooltip("area_label:N", title=y_title),
                 alt.Tooltip("smt_count:Q", title=count_title)],
    )
    text = base.mark_text(fontSize=14, fontWeight="bold").encode(
        text=alt.Text("smt_count:Q"),
        color=alt.when("datum.smt_count >= 6").then(alt.value("white"))
        .when("datum.smt_count == 0").then(alt.value(MUTED_COLOR))
        .otherwise(alt.value("#1B2733")),
    )
    height = 34 * max(len(y_order), 1) + 110
    return titled((rect + text).properties(height=height), title, subtitle)
