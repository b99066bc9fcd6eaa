"""Charts of what happened after the study (unconfigured Altair; see charts.common): the developments by kind over
time, and the recommendations' follow-up by status."""

from __future__ import annotations

import altair as alt
import pandas as pd

from smt_dashboard.charts.common import MUTED_COLOR, PALETTE, label_extent, titled
from smt_dashboard.charts.policy import SHAPES
from smt_dashboard.memo import memoized
from smt_dashboard.schemas.post_study import DEVELOPMENT_JURISDICTIONS

STATUS_COLORS = {"done": "#009E73", "under_way": "#E69F00", "no_evidence": MUTED_COLOR}


@memoized
def timeline(rows: pd.DataFrame, title: str, subtitle: str, legend_title: str, tooltip_titles: dict[str, str]) -> alt.Chart:
    """One lane per kind of development, one mark per development at its date (coloured and shaped by
    jurisdiction, never by colour alone), the text and the source in the tooltip."""
    present = [j for j in DEVELOPMENT_JURISDICTIONS if j in set(rows["jurisdiction"])]
    labels = dict(zip(rows["jurisdiction"], rows["jurisdiction_label"]))
    domain = [labels[j] for j in present]
    colors = [PALETTE[DEVELOPMENT_JURISDICTIONS.index(j) % len(PALETTE)] for j in present]
    shapes = [SHAPES[DEVELOPMENT_JURISDICTIONS.index(j) % len(SHAPES)] for j in present]
    lanes = list(dict.fromkeys(rows.sort_values("kind")["kind_label"]))
    data = rows[["development_id", "when", "date_label", "kind_label", "jurisdiction_label", "text", "companies",
                 "source_publisher"]]
    first = pd.Timestamp(year=int(rows["when"].min().year), month=1, day=1)
    last = pd.Timestamp(year=int(rows["when"].max().year), month=12, day=31)
    tooltip = [alt.Tooltip("date_label:N", title=tooltip_titles["date"]),
               alt.Tooltip("jurisdiction_label:N", title=legend_title),
               alt.Tooltip("text:N", title=tooltip_titles["text"]),
               alt.Tooltip("companies:N", title=tooltip_titles["companies"]),
               alt.Tooltip("source_publisher:N", title=tooltip_titles["source"])]
    chart = alt.Chart(data).mark_point(filled=True, size=150, opacity=0.85).encode(
        x=alt.X("when:T", title=None, scale=alt.Scale(domain=[first.isoformat(), last.isoformat()]),
                axis=alt.Axis(format="%Y", tickCount="year", grid=True, labelAngle=0)),
        y=alt.Y("kind_label:N", sort=lanes, title=None,
                axis=alt.Axis(labelLimit=320, minExtent=label_extent(lanes, 7.5), labelFontSize=13)),
        yOffset=alt.YOffset("jurisdiction_label:N", scale=alt.Scale(domain=domain)),
        color=alt.Color("jurisdiction_label:N", title=legend_title, scale=alt.Scale(domain=domain, range=colors),
                        legend=alt.Legend(orient="top", direction="horizontal", columns=min(4, len(domain)))),
        shape=alt.Shape("jurisdiction_label:N", scale=alt.Scale(domain=domain, range=shapes), title=legend_title),
        tooltip=tooltip,
    ).properties(height=60 * len(lanes))  # a fixed height: the jurisdictions share each lane
    return titled(chart, title, subtitle)
