"""Charts of the funding page: rounds over time by company, yearly amounts by type, investors."""

from __future__ import annotations

import altair as alt
import pandas as pd

from smt_dashboard.charts.common import MUTED_COLOR, PALETTE, titled
from smt_dashboard.i18n import label, t
from smt_dashboard.memo import memoized
from smt_dashboard.schemas import ROUND_TYPES

# One colour and one shape per round type, so that a type never depends on colour alone.
_TYPE_SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down", "wedge"]
TIMELINE_WIDTH = 660
LANE_HEIGHT = 56


def _type_scales(lang: str) -> tuple[alt.Scale, alt.Scale]:
    # The domain lists every type so that a type keeps its colour whatever the selection.
    domain = [label("round", code, lang) for code in ROUND_TYPES]
    colors = alt.Scale(domain=domain, range=PALETTE[: len(domain)])
    shapes = alt.Scale(domain=domain, range=_TYPE_SHAPES[: len(domain)])
    return colors, shapes


def _ranked(data: pd.DataFrame) -> pd.DataFrame:
    """The rows with their type's place in the legend: stacks start with the legend's first type."""
    return data.assign(type_rank=data["round_type"].map({code: i for i, code in enumerate(ROUND_TYPES)}))


def _type_legend(data: pd.DataFrame, lang: str, orient: str = "top") -> alt.Legend:
    """A legend listing only the types present in ``data``, in three columns; the wide column padding
    absorbs the browser rendering labels a little wider than Vega measures them (else they overlap)."""
    present = [label("round", code, lang) for code in ROUND_TYPES if code in set(data["round_type"])]
    return alt.Legend(title=t("funding.legend_type", lang), values=present, orient=orient, direction="horizontal",
                      columns=3, columnPadding=40, labelLimit=260)


def _year_domain(data: pd.DataFrame) -> list[str]:
    years = pd.to_numeric(data["when"].str.slice(0, 4), errors="coerce").dropna()
    lo, hi = (int(years.min()), int(years.max())) if not years.empty else (2010, 2019)
    # Half a year of margin on the right: the amount printed beside a December round stays inside the frame.
    return [f"{lo}-01-01", f"{hi + 1}-07-01"]


@memoized
def timeline_chart(data: pd.DataFrame, lang: str, aggregated: bool = False) -> alt.FacetChart:
    """Every dated round (or company × year × type aggregate) in one lane per company: amount on the
    y axis, colour and shape by type; an undisclosed amount is a dashed rule with a hollow mark, not 0."""
    colors, shapes = _type_scales(lang)
    when_title = t("funding.axis_year", lang) if aggregated else t("funding.axis_date", lang)
    x = alt.X("when:T", title=when_title, scale=alt.Scale(domain=_year_domain(data)),
              axis=alt.Axis(format="%Y", tickCount="year", grid=True))
    ymax = float(data["amount_meur"].max()) if data["amount_meur"].notna().any() else 1.0
    # The unit is in the subtitle: one axis title per lane would crowd the lanes.
    y = alt.Y("amount_meur:Q", title=None,
              scale=alt.Scale(domain=[0, ymax * 1.25], nice=False), axis=alt.Axis(tickCount=2, format="~s"))
    tooltip = [
        alt.Tooltip("company:N", title=t("funding.col_company", lang)),
        alt.Tooltip("period:N", title=t("funding.col_date", lang)),
        alt.Tooltip("type_label:N", title=t("funding.col_type", lang)),
        alt.Tooltip("amount_meur:Q", title=t("funding.col_amount", lang), format=",.1~f"),
        alt.Tooltip("rounds:Q", title=t("funding.col_rounds", lang)),
    ]
    legend = _type_legend(data, lang)
    color = alt.Color("type_label:N", scale=colors, legend=legend)
    shape = alt.Shape("type_label:N", scale=shapes, legend=legend)
    base = alt.Chart()
    disclosed = base.transform_filter("datum.disclosed")
    undisclosed = base.transform_filter("!datum.disclosed")
    rule = undisclosed.mark_rule(strokeDash=[4, 3], color=MUTED_COLOR).encode(x=x)
    hollow = undisclosed.mark_point(filled=False, size=90, strokeWidth=2).encode(
        x=x, y=alt.value(10), color=color, shape=shape, tooltip=tooltip)
    nc_label = undisclosed.mark_text(align="left", dx=8, fontSize=11, color="#44505C").encode(
        x=x, y=alt.value(10), text=alt.value(t("funding.nc_short", lang)))
    points = disclosed.mark_point(filled=True, size=110, opacity=1).encode(
        x=x, y=y, color=color, shape=shape, tooltip=tooltip)
    values = disclosed.mark_text(align="left", dx=8, fontSize=11, color="#1F2A36").encode(
        x=x, y=y, text=alt.Text("amount_meur:Q", format=",.1~f"))
    layer = alt.layer(rule, hollow, nc_label, points, values).properties(width=TIMELINE_WIDTH, height=LANE_HEIGHT)
    order = data.sort_values("when")["company"].drop_duplicates().tolist()
    chart = layer.facet(
        data=data,
        row=alt.Row("company:N", sort=order, title=None,
                    header=alt.Header(labelAngle=0, labelAlign="left", labelOrient="top", labelAnchor="start",
                                      labelFontSize=13, labelFontWeight="bold", labelPadding=2)),
        spacing=14,
    )
    subtitle = t("funding.timeline_subtitle_agg" if aggregated else "funding.timeline_subtitle", lang)
    return titled(chart, t("funding.timeline_title", lang), subtitle)
