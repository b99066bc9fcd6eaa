"""Charts of the digital-health index page: ranking, sub-index comparison, re-weighted ranking and
France's rank over the weight simplex."""

from __future__ import annotations

import altair as alt
import pandas as pd

from smt_dashboard.charts.common import FRANCE_COLOR, OTHER_COLOR, titled
from smt_dashboard.i18n import t
from smt_dashboard.memo import memoized

_FRANCE_OR_OTHER = alt.condition("datum.is_france", alt.value(FRANCE_COLOR), alt.value(OTHER_COLOR))


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
