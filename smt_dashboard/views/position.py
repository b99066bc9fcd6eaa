"""Views of France's position: the overview's headline figures, the SWOT, the policy timelines, the market and the
recommendations."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from smt_dashboard import headlines, i18n, market, policy, recommendations, swot
from smt_dashboard.chart_model import ChartModel, panel_from
from smt_dashboard.charts import market as market_charts
from smt_dashboard.charts import policy as policy_charts
from smt_dashboard.charts import swot as swot_charts
from smt_dashboard.charts.common import PALETTE
from smt_dashboard.filters import FilterState
from smt_dashboard.projections import inputs_from_table
from smt_dashboard.schemas import AXES, SWOT_QUADRANTS
from smt_dashboard.views.core import (
    Built,
    Frames,
    Params,
    SwotGrid,
    chart,
    compact,
    crossed,
    empty,
    modelled,
    n,
    nothing,
    reader_table,
    source_rows,
    t,
)


def overview_headlines(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """The overview's headline figures (``figures``: one card each on the page; a table on a slide)."""
    hs = headlines.all_headlines(frames, state, lang)
    by_key = {h.key: h for h in hs}
    filtered = " (" + i18n.t("common.filtered", lang) + ")"
    # Under a filter, the figures it cannot reach say so: never filtered and national figures side by side unmarked.
    national = " (" + i18n.t("common.national", lang) + ")" if state.is_filtered else ""
    table = pd.DataFrame({
        t("col.indicator", lang): [h.label + (filtered if h.filtered else national) for h in hs],
        t("col.value", lang): [h.display for h in hs],
        t("col.detail", lang): [h.detail + (" · " + h.national if h.national else "") for h in hs],
    })
    horizon = inputs_from_table(frames["jobs_projection_inputs"]).horizon_year
    smt = i18n.plural("briefing.smt_count", int(by_key["smt"].value or 0), lang, n=by_key["smt"].display)
    if by_key["companies"].none:  # no company under these filters: said in words, once
        takeaway = t("take.overview_no_company", lang, smt=smt,
                     nothing=nothing("companies", frames, state, lang), deals=by_key["deals"].display,
                     jobs=by_key["jobs"].display, year=horizon)
    else:
        takeaway = i18n.plural("briefing.take.overview", int(by_key["companies"].value), lang, smt=smt,
                               companies=by_key["companies"].display, deals=by_key["deals"].display,
                               jobs=by_key["jobs"].display, year=horizon)
    return Built(t("title.overview", lang), "table", table, takeaway, source_rows(*(h.rows for h in hs)),
                 figures=tuple(hs))


def swot_grid(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """The SWOT's four quadrants (a 2 × 2 grid on the slide) and how many items the data backs."""
    items, evidence = frames["swot"], frames["swot_evidence"]
    quadrants = swot.by_quadrant(items)
    grid = SwotGrid(tuple((q, i18n.label("quadrant", q, lang),
                           tuple(i18n.pick(r, "text", lang) or "" for _, r in rows.iterrows()))
                          for q, rows in quadrants.items()))
    n_with, total = swot.coverage(items, evidence)
    counts = {q: n(len(rows), lang) for q, rows in quadrants.items()}
    takeaway = t("take.swot", lang, strengths=counts["strength"], weaknesses=counts["weakness"],
                 opportunities=counts["opportunity"], threats=counts["threat"], backed=n(n_with, lang), total=n(total, lang))
    return Built(t("title.swot", lang), "swot", grid, takeaway, items)


def swot_axes(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """The SWOT items per quadrant × analysis axis, and how many of them the data backs."""
    items, evidence = frames["swot"], frames["swot_evidence"]
    counts = swot.axis_counts(items, evidence, lang)
    content = swot_charts.axis_grid(
        counts, [i18n.label("quadrant", q, lang) for q in SWOT_QUADRANTS], [i18n.label("axis", a, lang) for a in AXES],
        i18n.t("swot.chart_title", lang), i18n.t("swot.chart_subtitle", lang), i18n.t("swot.chart_items", lang),
        i18n.t("swot.chart_evidence", lang))
    per_axis = counts.groupby("axis_label", sort=False)["items"].sum()
    takeaway = t("take.swot_axes", lang, axis=per_axis.idxmax(), k=n(per_axis.max(), lang), total=n(len(items), lang))
    table = reader_table(counts, ["axis_label", "quadrant_label", "items"], lang)
    return replace(chart(content, takeaway, items, counts[["quadrant_label", "axis_label", "items", "with_evidence"]]),
                   table=crossed(table, *table.columns))


def policy_timeline(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """Policy and regulatory milestones on a timeline, for the chosen jurisdictions (all when none) and period."""
    events = frames["policy_timeline"]
    jurisdictions = tuple(p["jurisdictions"])
    france_only = jurisdictions == ("FR",)
    abroad = tuple(c for c in policy.JURISDICTIONS if c != "FR")
    period = tuple(p["period"]) if p["period"] else policy.year_bounds(events)
    rows = policy.timeline_rows(events, lang, jurisdictions, period)
    if rows.empty:
        key = "view.policy_france" if france_only else "view.policy_international" if jurisdictions == abroad else None
        title = t(key, lang) if key else i18n.t("policy.timeline_title", lang, start=period[0], end=period[1])
        return empty(title, events, lang, i18n.t("policy.no_events", lang))
    drawn, early = policy.split_isolated(rows)
    # The United Kingdom and England on one lane (a lane with one hairline mark reads as empty), each milestone's
    # title saying which; the words below count the milestones the axis draws.
    uk = {"GB", "GB-ENG"}
    if uk <= set(drawn["jurisdiction"]):
        lane = policy.jurisdiction_label("GB", lang) + " / " + policy.jurisdiction_label("GB-ENG", lang)
        drawn = drawn.assign(jurisdiction_label=[lane if c in uk else label
                                                 for c, label in zip(drawn["jurisdiction"], drawn["jurisdiction_label"])])
    start, end = int(drawn["year"].min()), int(drawn["year"].max())
    subtitle = i18n.t("policy.timeline_subtitle", lang)
    if not early.empty:  # said in the subtitle, not drawn on an axis it would stretch
        subtitle = [subtitle, i18n.t("policy.off_axis", lang, events=" ; ".join(
            f"{t} ({d})" for t, d in zip(early["title"], early["date_label"])))]
    axis_start = int(drawn["year"].min())  # the title names the years the axis shows
    if france_only:
        title = t("title.policy_fr", lang, start=axis_start, end=end)
    elif jurisdictions == abroad:
        title = t("title.policy_intl", lang, start=axis_start, end=end)
    else:
        title = i18n.t("policy.timeline_title", lang, start=max(period[0], axis_start), end=period[1])
    content = policy_charts.timeline(
        drawn, title, subtitle, i18n.t("policy.legend", lang),
        {"title": i18n.t("policy.tooltip_title", lang), "date": i18n.t("policy.tooltip_date", lang),
         "detail": i18n.t("policy.tooltip_detail", lang)})
    if france_only:
        latest = drawn.iloc[-1]
        takeaway = t("take.policy_fr", lang, n=n(len(drawn), lang), start=start, end=end, date=latest["date_label"],
                     title=latest["title"])
    else:
        counts = drawn["jurisdiction_label"].value_counts()
        key = "take.policy_intl" if jurisdictions == abroad else "take.policy_all"
        takeaway = t(key, lang, n=n(len(drawn), lang), start=start, end=end, top=counts.index[0],
                     k=n(counts.iloc[0], lang))
    if not early.empty:  # the milestones left off the axis are counted apart, as the subtitle names them
        takeaway += " " + i18n.plural("briefing.take.policy_off_axis", len(early), lang, n=n(len(early), lang))
    shown = ["date_label", "title"] if france_only else ["date_label", "jurisdiction_label", "title"]
    return replace(chart(content, takeaway, rows, rows[["jurisdiction_label", "date_label", "title", "budget", "detail"]]),
                   table=reader_table(rows, shown, lang))


def market_size(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """The digital-health market as ranges, 2018 → 2025, with the published growth rate."""
    size = frames["market_size"]
    ranges = market.size_ranges(size, lang)
    rate = market.growth(size)
    content = market_charts.size_ranges(ranges, i18n.t("market.size_title", lang), i18n.t("market.size_subtitle", lang),
                                        i18n.t("market.y_title", lang))
    first, last = ranges.iloc[0], ranges.iloc[-1]
    takeaway = t("take.market", lang, start=int(first["year"]), start_range=first["range_label"], end=int(last["year"]),
                 end_range=last["range_label"], cagr=market.fmt_pct_range(rate.published_low, rate.published_high, lang))
    return replace(chart(content, takeaway, size, ranges[["year", "value_low", "value_high", "unit", "range_label"]]),
                   table=reader_table(ranges.assign(year=ranges["year"].astype(int).astype(str)), ["year", "range_label"],
                                      lang))


def adoption(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """The adoption survey figures by audience, and the highest of them."""
    rows = market.adoption_rows(frames["adoption_survey"], lang)
    audiences = [a for a in market.AUDIENCES if a in set(rows["audience"])]
    labels = dict(zip(rows["audience"], rows["audience_label"]))
    # One bar per statement, coloured by who answered (the legend says who); its percentage at its end.
    model = ChartModel("bar", (panel_from(rows, "wrapped_label", "value_pct", series="audience_label",
                                          series_order=[labels[a] for a in audiences],
                                          colors={labels[a]: market_charts.AUDIENCE_COLORS[a] for a in audiences},
                                          label="value_label"),),
                       i18n.t("market.adoption_title", lang), i18n.t("market.adoption_subtitle", lang),
                       i18n.t("market.x_title", lang), legend_title=i18n.t("market.legend", lang), stacked=True,
                       percent=True, size={"step": 48})
    top = rows.loc[rows["value_pct"].idxmax()]
    takeaway = t("take.adoption", lang, value=top["value_label"], label=top["label"], n=n(len(rows), lang))
    return modelled(model, takeaway, rows, lang, rows[["audience_label", "label", "value_label"]])


def recommendation_targets(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """Recommended actions per target player (those aimed at the chosen players, all when none), most solicited
    first."""
    recos = frames["recommendations"]
    shown = recommendations.filter_by_targets(recos, tuple(p["targets"]))
    title = i18n.t("recommendations.chart_title", lang)
    if shown.empty:
        return empty(title, recos, lang, i18n.t("recommendations.no_match", lang))
    counts = recommendations.target_counts(shown, lang)
    if len(counts) == 1:
        one = counts.iloc[0]
        takeaway = i18n.plural("briefing.take.reco_one", int(one["actions"]), lang, n=n(one["actions"], lang),
                               target=one["target_label"])
        return compact(title, one["target_label"], n(one["actions"], lang), "", takeaway, shown,
                       counts[["target_label", "actions"]])
    model = ChartModel("bar", (panel_from(counts, "target_label", "actions", name=i18n.t("recommendations.x_title", lang),
                                          colors=PALETTE[0]),),
                       title, i18n.t("recommendations.chart_subtitle", lang), i18n.t("recommendations.x_title", lang),
                       value_max=float(counts["actions"].max()) + 1, size={"step": 34})
    top = counts.iloc[0]
    takeaway = t("take.reco", lang, n=n(len(shown), lang), target=top["target_label"], k=n(top["actions"], lang))
    return modelled(model, takeaway, shown, lang, counts[["target_label", "actions"]])
