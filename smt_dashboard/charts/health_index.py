"""Charts of the digital-health index page: ranking, sub-index comparison, re-weighted ranking and
France's rank over the weight simplex."""

from __future__ import annotations

import altair as alt
import pandas as pd

from smt_dashboard.charts.common import FRANCE_COLOR, OTHER_COLOR, PALETTE, titled
from smt_dashboard.i18n import t
from smt_dashboard.memo import memoized

_FRANCE_OR_OTHER = alt.condition("datum.is_france", alt.value(FRANCE_COLOR), alt.value(OTHER_COLOR))


def _ranking_bars(data: pd.DataFrame, value: str, value_title: str, lang: str) -> alt.LayerChart:
    order = data["label"].tolist()
    y = alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=240, minExtent=170, labelOverlap=False))
    x = alt.X(f"{value}:Q", title=value_title, scale=alt.Scale(domain=[0, 100]),
              axis=alt.Axis(values=list(range(0, 101, 10))))
    tooltip = [alt.Tooltip("name:N", title=t("index.col_country", lang)),
               alt.Tooltip("rank:Q", title=t("index.col_rank", lang)),
               alt.Tooltip(f"{value}:Q", title=value_title, format=",.2f")]
    bars = alt.Chart(data).mark_bar().encode(x=x, y=y, color=_FRANCE_OR_OTHER, tooltip=tooltip)
    text = alt.Chart(data).mark_text(align="left", dx=4, fontSize=12).encode(
        x=f"{value}:Q", y=y, text=alt.Text(f"{value}:Q", format=",.2f"))
    return alt.layer(bars, text).properties(height=22 * len(data) + 90)


@memoized
def ranking_chart(data: pd.DataFrame, lang: str) -> alt.LayerChart:
    """The published index of every country, ranked, France in its colour and named on the axis."""
    chart = _ranking_bars(data, "index", t("index.axis_index", lang), lang)
    return titled(chart, t("index.ranking_title", lang, n=len(data)), t("index.ranking_subtitle", lang))


@memoized
def reweighted_chart(data: pd.DataFrame, weights_text: str, lang: str) -> alt.LayerChart:
    """The re-weighted score of the countries with sub-indices, ranked among themselves."""
    chart = _ranking_bars(data, "score", t("index.axis_score", lang), lang)
    return titled(chart, t("index.reweighted_title", lang, n=len(data)),
                  t("index.reweighted_subtitle", lang, weights=weights_text))


@memoized
def comparison_chart(data: pd.DataFrame, lang: str) -> alt.LayerChart:
    """Selected countries on the three sub-indices: one group of bars per sub-index, each bar named."""
    countries = data.drop_duplicates("country_code")
    others = [c for c in PALETTE if c != FRANCE_COLOR]
    domain, colors, i = [], [], 0
    for row in countries.itertuples():
        domain.append(row.country)
        if row.is_france:
            colors.append(FRANCE_COLOR)
        else:
            colors.append(others[i % len(others)])
            i += 1
    labels = data.drop_duplicates("subindex")["subindex_label"].tolist()
    y = alt.Y("subindex_label:N", sort=labels, title=None, axis=alt.Axis(labelLimit=260, minExtent=200))
    y_offset = alt.YOffset("country:N", sort=domain)
    x = alt.X("score:Q", title=t("index.axis_subindex", lang), scale=alt.Scale(domain=[0, 100]),
              axis=alt.Axis(values=list(range(0, 101, 10))))
    color = alt.Color("country:N", scale=alt.Scale(domain=domain, range=colors),
                      legend=alt.Legend(title=t("index.col_country", lang), orient="right", direction="vertical"))
    tooltip = [alt.Tooltip("country:N", title=t("index.col_country", lang)),
               alt.Tooltip("subindex_label:N", title=t("index.col_subindex", lang)),
               alt.Tooltip("score:Q", title=t("index.axis_subindex", lang), format=",.1f")]
    base = alt.Chart(data)
    bars = base.mark_bar().encode(x=x, y=y, yOffset=y_offset, color=color, tooltip=tooltip)
    # Each bar carries the country's name, so France is identified by its label and not by colour alone.
    text = base.transform_calculate(
        text="datum.country + ' ' + format(datum.score, ',.1f')"
    ).mark_text(align="left", dx=4, fontSize=11).encode(x="score:Q", y=y, yOffset=y_offset, text="text:N")
    chart = alt.layer(bars, text).properties(height=3 * 18 * len(domain) + 150)
    return titled(chart, t("index.compare_title", lang), t("index.compare_subtitle", lang))


@memoized
def simplex_chart(grid: pd.DataFrame, current: tuple[float, float, float], lang: str) -> alt.LayerChart:
    """France's rank for every weight triple of the grid (x: policy weight, y: readiness weight, the rest
    on data use), with the current weights marked."""
    ranks = sorted(grid["rank"].unique().tolist())
    cell = 5
    cells = alt.Chart(grid).transform_calculate(
        x1=f"datum.policy_pct - {cell / 2}", x2=f"datum.policy_pct + {cell / 2}",
        y1=f"datum.readiness_pct - {cell / 2}", y2=f"datum.readiness_pct + {cell / 2}",
    ).mark_rect(stroke="white", strokeWidth=0.5).encode(
        x=alt.X("x1:Q", title=t("index.axis_w_policy", lang), scale=alt.Scale(domain=[-2.5, 102.5], nice=False),
                axis=alt.Axis(values=list(range(0, 101, 10)))),
        x2="x2:Q",
        y=alt.Y("y1:Q", title=t("index.axis_w_readiness", lang), scale=alt.Scale(domain=[-2.5, 102.5], nice=False),
                axis=alt.Axis(values=list(range(0, 101, 10)))),
        y2="y2:Q",
        color=alt.Color("rank:O", title=t("index.legend_rank", lang),
                        # Best rank darkest; the ends of the scheme are trimmed so every cell stays visible.
                        scale=alt.Scale(domain=ranks, scheme={"name": "yellowgreenblue", "extent": [0.2, 0.95]},
                                        reverse=True),
                        legend=alt.Legend(orient="bottom", direction="horizontal")),
        tooltip=[alt.Tooltip("policy_pct:Q", title=t("index.w_policy", lang)),
                 alt.Tooltip("readiness_pct:Q", title=t("index.w_readiness", lang)),
                 alt.Tooltip("use_pct:Q", title=t("index.w_use", lang)),
                 alt.Tooltip("rank:Q", title=t("index.legend_rank", lang))],
    )
    labels = alt.Chart(grid).mark_text(fontSize=9).encode(
        x="policy_pct:Q", y="readiness_pct:Q", text="rank:Q",
        color=alt.condition(f"datum.rank <= {ranks[len(ranks) // 2] if ranks else 0}", alt.value("white"),
                            alt.value("#1F2A36")))
    here = pd.DataFrame({"policy_pct": [100 * current[0]], "readiness_pct": [100 * current[1]],
                         "use_pct": [100 * current[2]]})
    # A white halo under a black ring keeps the marker visible on dark and light cells alike.
    halo = alt.Chart(here).mark_point(shape="circle", size=420, filled=False, strokeWidth=6, color="white").encode(
        x="policy_pct:Q", y="readiness_pct:Q")
    marker = alt.Chart(here).mark_point(shape="circle", size=420, filled=False, strokeWidth=2.5, color="black").encode(
        x="policy_pct:Q", y="readiness_pct:Q",
        tooltip=[alt.Tooltip("policy_pct:Q", title=t("index.w_policy", lang), format=".0f"),
                 alt.Tooltip("readiness_pct:Q", title=t("index.w_readiness", lang), format=".0f"),
                 alt.Tooltip("use_pct:Q", title=t("index.w_use", lang), format=".0f")])
    chart = alt.layer(cells, labels, halo, marker).properties(height=560)
    return titled(chart, t("index.simplex_title", lang),
                  t("index.simplex_subtitle", lang, n=len(grid)))


@memoized
def rank_range_bars(dist: pd.DataFrame, equal_rank: int, title: str, x_title: str, lang: str) -> alt.LayerChart:
    """The projection version of the weighting grid: how many of the weightings give France each rank (one bar per
    rank, labelled with its count and share; the rank under equal weights marked)."""
    data = dist.assign(label=[t("index.rank_label", lang, rank=r) for r in dist["rank"]],
                       value_label=[f"{w} ({s:.0f} %)" if lang == "fr" else f"{w} ({s:.0f}%)"
                                    for w, s in zip(dist["weights"], dist["share_pct"])],
                       is_france=dist["rank"] == equal_rank)
    order = list(data["label"])
    top = float(data["weights"].max()) * 1.25
    base = alt.Chart(data).encode(y=alt.Y("label:N", sort=order, title=None),
                                  x=alt.X("weights:Q", title=x_title, scale=alt.Scale(domainMax=top), axis=alt.Axis(tickCount=5)))
    bars = base.mark_bar(height={"band": 0.7}).encode(
        color=alt.condition("datum.is_france", alt.value(FRANCE_COLOR), alt.value(OTHER_COLOR)))
    text = base.mark_text(align="left", dx=8).encode(text="value_label:N")
    return titled(alt.layer(bars, text), title)
