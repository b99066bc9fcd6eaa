"""Charts of the jobs & skills page (unconfigured Altair charts; see charts.common).

Heights include the title, axes and legend (Streamlit sizes charts with ``autosize: fit``).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from smt_dashboard.charts.common import MUTED_COLOR, PALETTE, label_extent, titled
from smt_dashboard.memo import memoized

SERIES_COLORS = {"jobs_new_companies": PALETTE[0], "jobs_headcount_growth": PALETTE[4], "published_total": PALETTE[6]}



@memoized
def phase_matrix(matrix: pd.DataFrame, title: str, subtitle: str | list[str], family_title: str,
                 phase_title: str, status_title: str, quote_title: str) -> alt.Chart:
    """Families × development phases: a filled, marked cell where the fiche names the phase, a pale
    dashed one where the text does not say (the mark, not only the colour, tells them apart)."""
    y_order = list(dict.fromkeys(matrix["family_label"]))
    x_order = list(dict.fromkeys(matrix["phase_label"]))
    base = alt.Chart(matrix).encode(
        x=alt.X("phase_label:N", sort=x_order, title=phase_title,
                axis=alt.Axis(orient="top", labelAngle=0, domain=False, ticks=False)),
        y=alt.Y("family_label:N", sort=y_order, title=None,
                axis=alt.Axis(domain=False, ticks=False, minExtent=label_extent(y_order))),
        tooltip=[alt.Tooltip("family_label:N", title=family_title), alt.Tooltip("phase_label:N", title=phase_title),
                 alt.Tooltip("status_label:N", title=status_title), alt.Tooltip("evidence:N", title=quote_title)],
    )
    rect = base.mark_rect(stroke="white", strokeWidth=3).encode(
        color=alt.Color("status_label:N", title=status_title,
                        scale=alt.Scale(domain=list(dict.fromkeys(matrix.sort_values("cited", ascending=False)
                                                                  ["status_label"])),
                                        range=[PALETTE[0], "#EEF1F4"])),
    )
    text = base.mark_text(fontSize=13, fontWeight="bold").encode(
        text="mark:N",
        color=alt.when("datum.cited").then(alt.value("white")).otherwise(alt.value(MUTED_COLOR)),
    )
    return titled((rect + text).properties(height=36 * len(y_order) + 160), title, subtitle)


@memoized
def scenario(data: pd.DataFrame, title: str, subtitle: str | list[str], x_title: str, y_title: str,
             legend_title: str) -> alt.LayerChart:
    """New jobs per year: the scenario's two components stacked, its total printed on top, and the
    study's published total as a dark line with points."""
    stacked = data[data["series"].isin(["jobs_new_companies", "jobs_headcount_growth"])]
    labels = list(dict.fromkeys(stacked["series_label"])) + list(
        dict.fromkeys(data.loc[data["series"] == "published_total", "series_label"]))
    codes = list(dict.fromkeys(stacked["series"])) + ["published_total"]
    color = alt.Color("series_label:N", title=legend_title,
                      scale=alt.Scale(domain=labels, range=[SERIES_COLORS[c] for c in codes[:len(labels)]]),
                      sort=labels, legend=alt.Legend(columns=1, symbolType="square"))
    base = alt.Chart(data).encode(x=alt.X("year:O", title=x_title, axis=alt.Axis(labelAngle=0)))
    tooltip = [alt.Tooltip("year:O", title=x_title), alt.Tooltip("series_label:N", title=legend_title),
               alt.Tooltip("jobs_label:N", title=y_title)]
    bars = base.transform_filter(
        alt.FieldOneOfPredicate(field="series", oneOf=["jobs_new_companies", "jobs_headcount_growth"])
    ).mark_bar(size=34).encode(
        y=alt.Y("jobs:Q", title=y_title, stack="zero"),
        color=color,
        order=alt.Order("series:N", sort="descending"),
        tooltip=tooltip,
    )
    totals = base.transform_filter(alt.datum.series == "scenario_total").mark_text(
        dy=-10, fontSize=13, fontWeight="bold").encode(y="jobs:Q", text="jobs_label:N", tooltip=tooltip)
    published = base.transform_filter(alt.datum.series == "published_total")
    line = published.mark_line(strokeWidth=2.5, strokeDash=[6, 3]).encode(y="jobs:Q", color=color, tooltip=tooltip)
    points = published.mark_point(filled=True, size=70, shape="diamond").encode(y="jobs:Q", color=color,
                                                                                  tooltip=tooltip)
    return titled(alt.layer(bars, line, points, totals).properties(height=500), title, subtitle)
