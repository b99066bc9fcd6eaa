"""Chart of the deal benchmark: one panel per geography level, so a city is never ranked against a country."""

from __future__ import annotations

import altair as alt
import pandas as pd

from smt_dashboard.charts.common import FRANCE_COLOR, OTHER_COLOR, titled
from smt_dashboard.i18n import t
from smt_dashboard.memo import memoized

CHART_WIDTH = 480
BAR_STEP = 26


@memoized
def deals_bars(data: pd.DataFrame, metric: str, lang: str) -> alt.FacetChart:
    """Horizontal bars of ``metric`` per geography, one panel per level (countries, cities) with its own
    order and scale; France in its colour and named "(France)"; a missing amount is written, not drawn."""
    order = data["geography"].tolist()
    y = alt.Y("geography:N", sort=order, title=None, axis=alt.Axis(labelLimit=220, minExtent=150))
    color = alt.condition("datum.is_france", alt.value(FRANCE_COLOR), alt.value(OTHER_COLOR))
    x = alt.X("value:Q", title=t(f"deals.metric.{metric}", lang), axis=alt.Axis(tickCount=5, format=",.0f"))
    tooltip = [alt.Tooltip("geography:N", title=t("deals.col_geography", lang)),
               alt.Tooltip("level:N", title=t("deals.col_level", lang)),
               alt.Tooltip("value_text:N", title=t(f"deals.metric.{metric}", lang)),
               alt.Tooltip("rank:Q", title=t("deals.col_rank_short", lang))]
    base = alt.Chart()
    bars = base.transform_filter("isValid(datum.value)").mark_bar().encode(x=x, y=y, color=color, tooltip=tooltip)
    values = base.transform_filter("isValid(datum.value)").mark_text(align="left", dx=4, fontSize=12).encode(
        x="value:Q", y=y, text="value_text:N")
    missing = base.transform_filter("!isValid(datum.value)").mark_text(
        align="left", dx=4, fontSize=12, fontStyle="italic", color="#44505C").encode(
        x=alt.datum(0), y=y, text="value_text:N", tooltip=tooltip)
    layer = alt.layer(bars, values, missing).properties(width=CHART_WIDTH, height=alt.Step(BAR_STEP))
    chart = layer.facet(
        data=data,
        row=alt.Row("level:N", sort=data["level"].drop_duplicates().tolist(), title=None,
                    header=alt.Header(labelAngle=0, labelOrient="top", labelAnchor="start", labelFontSize=14,
                                      labelFontWeight="bold")),
        spacing=18,
    ).resolve_scale(y="independent", x="independent")
    return titled(chart, t(f"deals.chart_title.{metric}", lang), t("deals.chart_subtitle", lang))
