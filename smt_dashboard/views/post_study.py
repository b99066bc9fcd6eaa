"""Views of what happened after the study: the developments over time and the recommendations' follow-up. Both carry
the "hors étude" badge and their own public sources; neither adds anything to a study figure."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from smt_dashboard import developments as dv
from smt_dashboard import i18n
from smt_dashboard import indicators as ix
from smt_dashboard.chart_model import ChartModel, Rule, panel_from
from smt_dashboard.charts import developments as dev_charts
from smt_dashboard.charts.common import PALETTE
from smt_dashboard.charts.model import render
from smt_dashboard.filters import FilterState
from smt_dashboard.schemas.post_study import FOLLOWUP_STATUSES
from smt_dashboard.views.core import Built, Frames, Params, chart, empty, modelled, n, source_rows

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


# --- where France stands now: dated public figures beside the study's (never added to them) ------------------------

STUDY_DAY = "2020-09-01"  # the study's date (September 2020), marked on every time axis
ACCESS_SERIES = (("FR", "pecan_granted"), ("FR", "latm_generic_lines"), ("DE", "diga_listed_current"),
                 ("DE", "diga_permanent"), ("DE", "diga_provisional"), ("DE", "diga_removed"))
_ROUTE_COLORS = {"pecan_granted": "#D55E00", "latm_generic_lines": "#E69F00", "diga_listed_current": "#0072B2",
                 "diga_permanent": "#009E73", "diga_provisional": "#56B4E9", "diga_removed": "#5B7083"}


def _day(value: str) -> str:
    """The first day a partial date can mean, as the time axis places it."""
    from smt_dashboard.schemas.post_study import earliest

    return earliest(value).isoformat()


def _post_study(built: Built, rows: pd.DataFrame, lang: str) -> Built:
    """A post-study view: its own public sources and the badge, never the study's."""
    return replace(built, source=dv.source_line(rows, lang), badge=dv.badge(rows["read_on"], lang))


def then_now(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """The study's figure and the latest public one, side by side, for the questions both answer."""
    from smt_dashboard import then_now as tn

    pairs = tn.pairs(frames, lang)
    title = i18n.t("since.then_now.title", lang)
    if not pairs:
        return empty(title, frames["indicators"], lang)
    head = {k: i18n.t(f"since.then_now.col.{k}", lang) for k in ("question", "then", "now", "caveat")}
    table = pd.DataFrame({
        head["question"]: [x.question for x in pairs],
        head["then"]: [x.then.text(lang) for x in pairs],
        head["now"]: [x.now.text(lang) for x in pairs],
        head["caveat"]: [x.caveat for x in pairs],
    })
    first = pairs[0]
    takeaway = i18n.t("since.then_now.take", lang, then=first.then.value, now=first.now.value, date=first.now.date)
    rows = pd.concat([x.now.rows for x in pairs], ignore_index=True)
    study_rows = source_rows(*(x.then.rows for x in pairs))
    built = Built(title, "table", table, takeaway, rows,
                  caveats=tuple(f"{x.question} : {x.caveat}" if lang == "fr" else f"{x.question}: {x.caveat}"
                                for x in pairs), figures=tuple(pairs))
    built = _post_study(built, rows, lang)
    # The study's side keeps its own sources, named after the public ones.
    study_line = i18n.t("since.then_now.study_sources", lang, sources=", ".join(
        sorted({str(s) for s in study_rows.get("source_id", pd.Series(dtype=str)).dropna()})))
    return replace(built, source=built.source + " · " + study_line)


def ehealth_trend(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """The EU's eHealth indicator (access to electronic health records) for France, the EU average and Germany."""
    table = frames["indicators"]
    rows = ix.series(table, "ehealth_index_dd")
    rows = rows[rows["geography"].isin(("FR", "EU", "DE"))]
    title = i18n.t("since.ehealth.title", lang)
    if rows.empty:
        return empty(title, table, lang)
    names = {g: i18n.label("country", g, lang) if g != "EU" else i18n.t("since.eu_average", lang)
             for g in ("FR", "EU", "DE")}
    days = sorted({_day(d) for d in rows["date"]} | {STUDY_DAY})
    # France's points labelled, the others at their last point only: labels of close values never overlap.
    last = rows.groupby("geography")["date"].transform("max")
    long = rows.assign(day=[_day(d) for d in rows["date"]], name=[names[g] for g in rows["geography"]],
                       label=[i18n.fmt_compact(v, lang) if g == "FR" or d == m else ""
                              for v, g, d, m in zip(rows["value"], rows["geography"], rows["date"], last)])
    present = [names[g] for g in ("FR", "EU", "DE") if g in set(rows["geography"])]
    model = ChartModel("line", (panel_from(long, "day", "value", series="name", series_order=present, categories=days,
                                          colors={names["FR"]: "#D55E00", names["EU"]: "#5B7083",
                                                  names["DE"]: "#0072B2"}, label="label"),),
                       title, i18n.t("since.ehealth.subtitle", lang), i18n.t("since.ehealth.axis", lang),
                       time_axis=True, value_max=100,
                       rules=(Rule(STUDY_DAY, i18n.t("since.study_mark", lang)),), size={"height": 320, "width": 760})
    fr, eu = ix.latest(table, "ehealth_index_dd", "FR", lang), ix.latest(table, "ehealth_index_dd", "EU", lang)
    takeaway = i18n.t("since.ehealth.take", lang, fr=fr.display, date=ix.date_label(fr.date, lang),
                      eu=eu.display if eu else i18n.not_disclosed(lang)) if fr else title
    return _post_study(modelled(model, takeaway, rows, lang, _readable(rows, lang)), rows, lang)


def access_route(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """France's route to reimbursement (PECAN, LATM) beside Germany's DiGA directory, counts over time, the laws
    that opened each step and the study's date marked."""
    table, laws = frames["indicators"], frames["access_route"]
    title = i18n.t("since.route.title", lang)
    rows = ix.shown(table)
    rows = rows[[(g, i) in ACCESS_SERIES for g, i in zip(rows["geography"], rows["indicator_id"])]]
    if rows.empty:
        return empty(title, table, lang)
    panels, rules = [], [Rule(STUDY_DAY, i18n.t("since.study_mark", lang))]
    for country in ("FR", "DE"):
        mine = rows[rows["geography"] == country]
        if mine.empty:
            continue
        panel_title = i18n.label("country", country, lang)
        days = sorted({_day(d) for d in mine["date"]} | {STUDY_DAY})
        long = mine.assign(day=[_day(d) for d in mine["date"]], name=mine[f"label_{lang}"],
                           label=[ix.display(v, u, lang) for v, u in zip(mine["value"], mine["unit"])])
        order = [i for g, i in ACCESS_SERIES if g == country and i in set(mine["indicator_id"])]
        labels = dict(zip(mine["indicator_id"], mine[f"label_{lang}"]))
        panels.append(panel_from(long, "day", "value", series="name", series_order=[labels[i] for i in order],
                                 categories=days, colors={labels[i]: _ROUTE_COLORS[i] for i in order},
                                 label="label", title=panel_title))
        marked = laws[(laws["country"] == country) & (laws["on_chart"] == "yes")]
        rules += [Rule(_day(d), s, panel=panel_title)
                  for d, s in zip(marked["date"], marked[f"short_{lang}"])]
    model = ChartModel("line", tuple(panels), title, i18n.t("since.route.subtitle", lang),
                       i18n.t("since.route.axis", lang), time_axis=True, step=True, rules=tuple(rules),
                       size={"height": 300, "width": 330})
    diga = ix.latest(table, "diga_listed_current", "DE", lang)
    pecan = ix.latest(table, "pecan_granted", "FR", lang)
    takeaway = i18n.t("since.route.take", lang, diga=diga.display if diga else "?",
                      diga_date=ix.date_label(diga.date, lang) if diga else "",
                      pecan=i18n.plural("since.route.pecan", int(pecan.value), lang, n=pecan.display)
                      if pecan else i18n.not_disclosed(lang),
                      pecan_date=ix.date_label(pecan.date, lang) if pecan else "")
    steps = laws.sort_values("date", kind="stable")
    step_table = pd.DataFrame({i18n.t("since.route.col.date", lang): [ix.date_label(d, lang) for d in steps["date"]],
                               i18n.t("since.route.col.country", lang): [i18n.label("country", c, lang)
                                                                        for c in steps["country"]],
                               i18n.t("since.route.col.step", lang): steps[f"step_{lang}"],
                               i18n.t("since.route.col.law", lang): steps[f"law_{lang}"]})
    sources = pd.concat([rows, laws], ignore_index=True)
    built = modelled(model, takeaway, sources, lang, _readable(rows, lang))
    return _post_study(replace(built, table=step_table), sources, lang)


def _readable(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Indicator rows as a reader exports them: what, where, when, the value in its unit, who published it, where."""
    names = {k: i18n.t(f"since.indicators.col.{k}", lang) for k in ("indicator", "geography", "date", "value",
                                                                     "publisher", "url", "quote", "read_on")}
    return pd.DataFrame({
        names["indicator"]: rows[f"label_{lang}"].tolist(),
        names["geography"]: [i18n.label("country", g, lang) if g not in ("EU", "WORLD") else i18n.t(f"since.geo.{g}", lang)
                             for g in rows["geography"]],
        names["date"]: [ix.date_label(d, lang) for d in rows["date"]],
        names["value"]: [ix.display(v, u, lang) for v, u in zip(rows["value"], rows["unit"])],
        names["publisher"]: rows["source_publisher"].tolist(), names["url"]: rows["source_url"].tolist(),
        names["quote"]: rows["quote"].tolist(), names["read_on"]: rows["read_on"].tolist()})


def indicators_table(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """Every indicator since the study: its first and latest value, with dates and sources."""
    table = frames["indicators"]
    rows = ix.shown(table)
    title = i18n.t("since.indicators.title", lang)
    if rows.empty:
        return empty(title, table, lang)
    out = []
    for (_, geography), group in rows.groupby(["indicator_id", "geography"], sort=False):
        group = group.sort_values("date", kind="stable")
        first, last = group.iloc[0], group.iloc[-1]
        out.append({"indicator": last[f"label_{lang}"], "geography": i18n.label("country", geography, lang)
                    if geography not in ("EU", "WORLD") else i18n.t(f"since.geo.{geography}", lang),
                    "first": f"{ix.display(first['value'], first['unit'], lang)} ({ix.date_label(first['date'], lang)})",
                    "latest": f"{ix.display(last['value'], last['unit'], lang)} ({ix.date_label(last['date'], lang)})",
                    "publisher": last["source_publisher"]})
    frame = pd.DataFrame(out).rename(columns={k: i18n.t(f"since.indicators.col.{k}", lang) for k in out[0]})
    takeaway = i18n.t("since.indicators.take", lang, n=n(rows["indicator_id"].nunique(), lang),
                      values=n(len(rows), lang), first=ix.date_label(min(rows["date"]), lang),
                      last=ix.date_label(max(rows["date"]), lang))
    return _post_study(Built(title, "table", frame, takeaway, rows), rows, lang)


NEWS_PARAMS = (("since", None), ("today", None))


def news(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """What was added to the data or changed since a date: the last meeting (when the secretariat entered one), a
    quick choice (3 or 12 months, since the study) or a date."""
    from datetime import date

    from smt_dashboard import news as nw

    today = date.fromisoformat(p["today"]) if p["today"] else date.today()
    since = nw.resolve(p["since"], frames["meetings"], today)
    table = nw.changes(frames["developments"], frames["indicators"], frames["followup_history"], since.day, lang)
    heading = i18n.t(f"since.news.heading.{since.how}", lang, date=i18n.fmt_month(since.day.isoformat(), lang))
    if table.empty:
        return empty(heading, frames["developments"], lang, i18n.t("since.news.none", lang, heading=heading))
    count = nw.counts(table)
    parts = [i18n.plural(f"since.news.count.{k}", v, lang, n=n(v, lang)) for k, v in count.items() if v]
    takeaway = heading + " : " + ", ".join(parts) + "." if lang == "fr" else heading + ": " + ", ".join(parts) + "."
    names = {c: i18n.t(f"since.news.col.{c}", lang) for c in ("on", "kind", "what", "about", "source_publisher")}
    shown = table.assign(kind=[i18n.t(f"since.news.kind.{k}", lang) for k in table["kind"]],
                         on=[i18n.fmt_month(d, lang) for d in table["on"]],
                         about=[ix.date_label(d, lang) for d in table["about"]])[list(names)].rename(columns=names)
    sourced = table[table["source_url"] != ""]
    built = Built(heading, "table", shown, takeaway, sourced if not sourced.empty else table, data=table)
    return replace(built, source=dv.source_line(sourced, lang) if not sourced.empty else "",
                   badge=dv.badge(table["read_on"], lang))
