"""Charts of the training-offer page (unconfigured Altair charts; see charts.common).

Heights include the title and axis (Streamlit sizes charts with ``autosize: fit``).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from smt_dashboard.charts.common import PALETTE, titled
from smt_dashboard.memo import memoized


def _extent(labels, px_per_char: float = 7.2, cap: int = 360) -> int:
    """Room for the longest y label: Vega measures labels before the web font loads and clips them otherwise
    (a shared helper in charts.common would be better; see the report of issue 7)."""
    longest = max((len(str(x)) for x in labels), default=0)
    return min(cap, int(longest * px_per_char) + 12)


def _hbar(rows: pd.DataFrame, y: str, x: str, title: str, subtitle: str | None, x_title: str, color: str,
          tooltip_extra: list | None = None) -> alt.LayerChart:
    """Horizontal bars in the rows' order with the value label printed at the end of each bar."""
    order = list(rows[y])
    base = alt.Chart(rows).encode(
        y=alt.Y(f"{y}:N", sort=order, title=None, axis=alt.Axis(labelLimit=240, minExtent=_extent(order))),
        x=alt.X(f"{x}:Q", title=x_title, axis=alt.Axis(tickMinStep=1, format="d"),
                scale=alt.Scale(domainMax=float(rows[x].max()) * 1.3)),
    )
    bars = base.mark_bar(color=color).encode(
        tooltip=[alt.Tooltip(f"{y}:N", title=" "), alt.Tooltip("label:N", title=x_title), *(tooltip_extra or [])])
    text = base.mark_text(align="left", dx=4, fontSize=12).encode(text="label:N")
    return titled(alt.layer(bars, text).properties(height=32 * len(order) + (110 if subtitle else 90)), title, subtitle)


@memoized
def campuses_by_city(rows: pd.DataFrame, title: str, subtitle: str | None, x_title: str,
                     names_title: str) -> alt.LayerChart:
    """Campuses offering an initial UX/UI programme, per city."""
    return _hbar(rows, "city", "campuses", title, subtitle, x_title, PALETTE[0],
                 [alt.Tooltip("names:N", title=names_title)])


@memoized
def by_establishment_type(rows: pd.DataFrame, title: str, subtitle: str | None, x_title: str,
                          names_title: str) -> alt.LayerChart:
    """UX/UI establishments per type (count and share)."""
    return _hbar(rows, "type_label", "count", title, subtitle, x_title, PALETTE[2],
                 [alt.Tooltip("names:N", title=names_title)])


@memoized
def by_length(rows: pd.DataFrame, title: str, subtitle: str | None, x_title: str) -> alt.LayerChart:
    """Initial UX/UI programmes per length of study (count and share)."""
    return _hbar(rows, "length_label", "programmes", title, subtitle, x_title, PALETTE[5])
