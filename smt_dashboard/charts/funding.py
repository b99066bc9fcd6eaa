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


@memoized
def yearly_chart(data: pd.DataFrame, lang: str) -> alt.LayerChart:
    """Disclosed amounts per year stacked by round type, with the number of undisclosed rounds written
    above the year (they add to the count, not to the bar)."""
    colors, _ = _type_scales(lang)
    years = list(range(int(data["year"].min()), int(data["year"].max()) + 1)) if not data.empty else []
    x = alt.X("year:O", title=t("funding.axis_year", lang), scale=alt.Scale(domain=years), axis=alt.Axis(labelAngle=0))
    per_year_max = data.groupby("year")["total_meur"].sum() if not data.empty else pd.Series(dtype=float)
    ymax = float(per_year_max.max()) if not per_year_max.empty else 0.0
    base = alt.Chart(_ranked(data))
    bars = base.transform_filter("isValid(datum.total_meur)").mark_bar().encode(
        x=x,
        # Room above the tallest bar for its total and its "+n n.c." line, inside the frame.
        y=alt.Y("sum(total_meur):Q", title=t("funding.axis_amount", lang), stack="zero",
                scale=alt.Scale(domainMax=ymax * 1.25 if ymax else 1)),
        color=alt.Color("type_label:N", scale=colors,
                        legend=_type_legend(data[data["total_meur"].notna()], lang, orient="bottom")),
        order=alt.Order("type_rank:Q"),
        tooltip=[alt.Tooltip("year:O", title=t("funding.axis_year", lang)),
                 alt.Tooltip("type_label:N", title=t("funding.col_type", lang)),
                 alt.Tooltip("total_meur:Q", title=t("funding.col_amount", lang), format=",.1~f"),
                 alt.Tooltip("rounds:Q", title=t("funding.col_rounds", lang)),
                 alt.Tooltip("undisclosed:Q", title=t("funding.col_undisclosed", lang))],
    )
    per_year = base.transform_aggregate(
        total="sum(total_meur)", undisclosed="sum(undisclosed)", groupby=["year"],
    ).transform_calculate(total_or_zero="isValid(datum.total) ? datum.total : 0")
    totals = per_year.transform_filter("datum.total > 0").mark_text(dy=-6, fontSize=12, color="#1F2A36").encode(
        x=x, y=alt.Y("total_or_zero:Q"), text=alt.Text("total:Q", format=",.1~f"))
    nc = per_year.transform_filter("datum.undisclosed > 0").transform_calculate(
        nc_text=f"'+' + datum.undisclosed + ' {t('funding.nc_short', lang)}'"
    ).mark_text(dy=-22, fontSize=11, color="#44505C", fontStyle="italic").encode(
        x=x, y=alt.Y("total_or_zero:Q"), text="nc_text:N")
    # With Streamlit's "fit" sizing the height includes the title and axes.
    chart = alt.layer(bars, totals, nc).properties(height=460)
    return titled(chart, t("funding.yearly_title", lang), t("funding.yearly_subtitle", lang))


@memoized
def investors_chart(data: pd.DataFrame, lang: str, shown: int, total: int) -> alt.LayerChart:
    """Investors by number of rounds they appear in (bars), companies funded in the tooltip."""
    order = data["investor"].tolist()
    y = alt.Y("investor:N", sort=order, title=None, axis=alt.Axis(labelOverlap=False, labelLimit=240, minExtent=250))
    base = alt.Chart(data)
    bars = base.mark_bar(color=PALETTE[0]).encode(
        # Room to the right of the longest bar for the names of the companies funded.
        x=alt.X("rounds:Q", title=t("funding.axis_rounds", lang), axis=alt.Axis(tickMinStep=1, format="d"),
                scale=alt.Scale(domain=[0, float(data["rounds"].max()) * 1.6 if not data.empty else 1], nice=False)),
        y=y,
        tooltip=[alt.Tooltip("investor:N", title=t("funding.col_investor", lang)),
                 alt.Tooltip("rounds:Q", title=t("funding.col_rounds", lang)),
                 alt.Tooltip("company_names:N", title=t("funding.col_companies", lang))],
    )
    text = base.mark_text(align="left", dx=4, fontSize=11, color="#1F2A36").encode(
        x="rounds:Q", y=y, text="company_names:N")
    subtitle = t("funding.investors_subtitle", lang, shown=shown, total=total)
    chart = alt.layer(bars, text).properties(height=max(160, 22 * len(data) + 110))
    return titled(chart, t("funding.investors_title", lang), subtitle)


@memoized
def yearly_counts_chart(data: pd.DataFrame, title: str, lang: str) -> alt.LayerChart:
    """The projection version of the funding timeline: operations per year, stacked by type, each year's count
    written above its bar (one bar a year instead of one mark per operation)."""
    colors, _ = _type_scales(lang)
    years = list(range(int(data["year"].min()), int(data["year"].max()) + 1)) if not data.empty else []
    x = alt.X("year:O", title=t("funding.axis_year", lang), scale=alt.Scale(domain=years), axis=alt.Axis(labelAngle=0))
    top = float(data.groupby("year")["rounds"].sum().max()) if not data.empty else 1.0
    bars = alt.Chart(_ranked(data)).mark_bar().encode(
        x=x, y=alt.Y("sum(rounds):Q", title=t("funding.col_rounds", lang), stack="zero",
                     scale=alt.Scale(domainMax=top * 1.25), axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("type_label:N", scale=colors, legend=_type_legend(data, lang, orient="bottom")),
        order=alt.Order("type_rank:Q"))
    totals = alt.Chart(data).transform_aggregate(n="sum(rounds)", groupby=["year"]).mark_text(dy=-8).encode(
        x=x, y=alt.Y("n:Q"), text=alt.Text("n:Q", format="d"))
    return titled(alt.layer(bars, totals), title)
