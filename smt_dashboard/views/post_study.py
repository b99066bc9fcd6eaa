"""Views of what happened after the study: the developments over time and the recommendations' follow-up. Both carry
the "hors étude" badge and their own public sources; neither adds anything to a study figure."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from smt_dashboard import developments as dv
from smt_dashboard import i18n
from smt_dashboard.chart_model import ChartModel, panel_from
from smt_dashboard.charts import developments as dev_charts
from smt_dashboard.charts.common import PALETTE
from smt_dashboard.charts.model import render
from smt_dashboard.filters import FilterState
from smt_dashboard.schemas.post_study import FOLLOWUP_STATUSES
from smt_dashboard.views.core import Built, Frames, Params, chart, empty, modelled, n

DEVELOPMENT_PARAMS = (("kinds", ()), ("jurisdictions", ()))


def _prepared(frames: Frames, lang: str) -> pd.DataFrame:
    return dv.prepare(frames["developments"], frames["companies"], lang)


def developments_timeline(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """The developments since the study, by kind over time, for the chosen kinds and jurisdictions (all when none)
    and the global region / area filters."""
    prepared = _prepared(frames, lang)
    judged = dv.select(prepared, state, tuple(p["kinds"]), tuple(p["jurisdictions"]))
    rows = judged.rows
    title = i18n.t("since.timeline_title", lang)
    badge = dv.badge(prepared["read_on"], lang)
    if rows.empty:
        return Built(title, "empty", None, i18n.t("since.empty", lang), rows, source=dv.source_line(prepared, lang),
                     badge=badge)
    first, last = rows.iloc[0], rows.iloc[-1]
    c = dv.counts(rows)
    content = dev_charts.timeline(
        rows, i18n.t("since.timeline_title", lang), badge, i18n.t("since.legend", lang),
        {"date": i18n.t("since.col.date", lang), "text": i18n.t("since.col.text", lang),
         "companies": i18n.t("since.col.companies", lang), "source": i18n.t("since.col.source", lang)})
    top = rows["kind_label"].value_counts()
    takeaway = i18n.plural("since.take", c["developments"], lang, n=n(c["developments"], lang),
                           sources=n(c["sources"], lang), first=first["date_label"], last=last["date_label"],
                           kind=top.index[0], k=n(top.iloc[0], lang),
                           latest=i18n.t("since.latest", lang, kind=last["kind_label"].lower(),
                                         place=last["jurisdiction_label"], date=last["date_label"]))
    table = rows[["date_label", "kind_label", "jurisdiction_label", "text", "companies", "source_publisher",
                  "source_url", "quote", "read_on"]]
    return replace(chart(content, takeaway, rows, table), source=dv.source_line(rows, lang), badge=badge)


def developments_by_kind_projection(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """The developments for a projector: how many of each kind, one bar each (the timeline has a mark per
    development); the list stays in the notes' export."""
    built = developments_timeline(frames, state, lang, p)
    if built.kind != "chart":
        return built
    counts = (built.rows.groupby("kind_label", sort=False).size().rename("developments").reset_index()
              .sort_values(["developments", "kind_label"], ascending=[False, True], kind="stable"))
    axis = i18n.t("since.count_axis", lang)
    model = ChartModel("bar", (panel_from(counts, "kind_label", "developments", name=axis, colors=PALETTE[0]),),
                       built.title, value_title=axis)
    return replace(built, content=render(model, lang), model=model)


def recommendation_followup(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """The study's recommendations by follow-up status (done, under way, no public evidence found)."""
    prepared = _prepared(frames, lang)
    table = dv.followup(frames["recommendation_followup"], frames["recommendations"], prepared, lang)
    counts = dv.followup_counts(table, lang)
    title = i18n.t("since.followup_title", lang)
    badge = dv.badge(frames["recommendation_followup"]["assessed_on"], lang)
    if table.empty:
        return empty(title, frames["recommendations"], lang)
    by_status = table["status"].value_counts()
    status_labels = [i18n.t(f"since.status.{s}", lang) for s in FOLLOWUP_STATUSES]
    model = ChartModel("bar", (panel_from(counts[counts["recommendations"] > 0], "group_label", "recommendations",
                                          series="status_label", series_order=status_labels,
                                          categories=list(dict.fromkeys(counts["group_label"])),
                                          colors=dict(zip(status_labels, (dev_charts.STATUS_COLORS[s]
                                                                          for s in FOLLOWUP_STATUSES)))),),
                       title, badge, i18n.t("since.axis_recommendations", lang),
                       legend_title=i18n.t("since.legend_status", lang), stacked=True, size={"step": 56})
    takeaway = i18n.t("since.followup_take", lang, n=n(len(table), lang), done=n(by_status.get("done", 0), lang),
                      under_way=n(by_status.get("under_way", 0), lang),
                      none=n(by_status.get("no_evidence", 0), lang))
    backing = prepared[prepared["development_id"].isin({d for ids in table["development_ids"] for d in ids})]
    data = table[["recommendation", "status_label", "note"]].assign(
        evidence=[" · ".join(e) for e in table["evidence"]])
    source = dv.source_line(backing, lang) if not backing.empty else i18n.t("since.source_none", lang)
    return replace(modelled(model, takeaway, backing, lang, data), source=source, badge=badge)
