"""Charts of the ecosystem page: companies by product model, and company sizes against the US companies."""

from __future__ import annotations

import altair as alt
import pandas as pd

from smt_dashboard import i18n
from smt_dashboard.charts.common import FONT, FRANCE_COLOR, OTHER_COLOR, PALETTE, titled
from smt_dashboard.memo import memoized

NATIONALITY_ORDER = ("french", "foreign_subsidiary")
NATIONALITY_COLORS = {"french": FRANCE_COLOR, "foreign_subsidiary": PALETTE[0]}
GROUP_COLORS = {"us": OTHER_COLOR, "french": FRANCE_COLOR, "foreign_subsidiary": PALETTE[0]}
LABEL_FONT = FONT
_AXIS_FONT = {"labelFont": LABEL_FONT, "titleFont": LABEL_FONT}


@memoized
def model_breakdown_chart(data: pd.DataFrame, lang: str) -> alt.Chart:
    """Horizontal stacked bars: companies per product model, split French / foreign subsidiary."""
    scopes = [s for s in NATIONALITY_ORDER if s in set(data["scope"])]
    domain = [i18n.label("nationality", s, lang) for s in scopes]
    # Most frequent type first (ties in the study's order).
    totals = data.groupby(["model_order", "model_label"], as_index=False)["companies"].sum()
    models = totals.sort_values(["companies", "model_order"], ascending=[False, True])["model_label"].tolist()
    # Stacked in the legend's order (French companies first), not in the codes' alphabetical order.
    base = alt.Chart(data.assign(scope_rank=data["scope"].map({s: i for i, s in enumerate(NATIONALITY_ORDER)})))
    bars = base.mark_bar().encode(
        y=alt.Y("model_label:N", sort=models, title=None, axis=alt.Axis(labelLimit=220, **_AXIS_FONT)),
        x=alt.X("sum(companies):Q", title=i18n.t("map.chart.companies_axis", lang),
                axis=alt.Axis(format="d", tickMinStep=1, **_AXIS_FONT)),
        color=alt.Color("nationality_label:N", scale=alt.Scale(domain=domain, range=[NATIONALITY_COLORS[s] for s in scopes]),
                        legend=alt.Legend(title=None, orient="bottom", direction="vertical", labelFont=LABEL_FONT)),
        order=alt.Order("scope_rank:Q"),
        tooltip=[alt.Tooltip("model_label:N", title=i18n.t("map.col.model", lang)),
                 alt.Tooltip("nationality_label:N", title=i18n.t("map.col.nationality", lang)),
                 alt.Tooltip("companies:Q", title=i18n.t("map.col.companies", lang))],
    )
    totals = base.mark_text(align="left", dx=4, fontSize=12, color="#262730", font=LABEL_FONT).encode(
        y=alt.Y("model_label:N", sort=models),
        x=alt.X("sum(companies):Q"),
        text=alt.Text("sum(companies):Q", format="d"),
    )
    chart = alt.layer(bars, totals).properties(height=alt.Step(34))
    return titled(chart, i18n.t("map.chart.models.title", lang), i18n.t("map.chart.models.subtitle", lang))


@memoized
def size_band_chart(data: pd.DataFrame, lang: str) -> alt.Chart:
    """Grouped bars: number of companies per size band, US companies beside French companies and subsidiaries."""
    groups = [g for g in GROUP_COLORS if g in set(data["group"])]
    domain = [i18n.t(f"map.group.{g}", lang) for g in groups]
    bands = data.sort_values("band_order")["band_label"].drop_duplicates().tolist()
    top = int(data["companies"].max()) + 1  # room for the count printed above the tallest bar
    base = alt.Chart(data).encode(
        x=alt.X("band_label:N", sort=bands, title=i18n.t("map.chart.sizes.x", lang),
                axis=alt.Axis(labelAngle=0, labelLimit=120, **_AXIS_FONT)),
        xOffset=alt.XOffset("group_label:N", sort=domain),
    )
    bars = base.mark_bar().encode(
        y=alt.Y("companies:Q", title=i18n.t("map.chart.companies_axis", lang),
                scale=alt.Scale(domain=[0, top]), axis=alt.Axis(format="d", tickMinStep=1, **_AXIS_FONT)),
        color=alt.Color("group_label:N", scale=alt.Scale(domain=domain, range=[GROUP_COLORS[g] for g in groups]),
                        legend=alt.Legend(title=None, orient="bottom", direction="vertical", labelFont=LABEL_FONT)),
        tooltip=[alt.Tooltip("group_label:N", title=i18n.t("map.col.group_set", lang)),
                 alt.Tooltip("band_label:N", title=i18n.t("map.chart.sizes.x", lang)),
                 alt.Tooltip("companies:Q", title=i18n.t("map.col.companies", lang))],
    )
    labels = base.mark_text(dy=-6, fontSize=11, color="#262730", font=LABEL_FONT).encode(
        y=alt.Y("companies:Q", scale=alt.Scale(domain=[0, top])), text=alt.Text("companies:Q", format="d"),
    )
    # Streamlit fits the whole chart (title, axes, legend) into the height: leave the bars about 250 px.
    chart = alt.layer(bars, labels).properties(height=440)
    return titled(chart, i18n.t("map.chart.sizes.title", lang), i18n.t("map.chart.sizes.subtitle", lang))
