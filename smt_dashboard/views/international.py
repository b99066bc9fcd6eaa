"""Views of France abroad: the 2018 deal benchmark and the digital health index (ranking, countries compared,
re-weighting, France's rank over every weighting)."""

from __future__ import annotations

import pandas as pd

from smt_dashboard import deals as dl
from smt_dashboard import health_index as hx
from smt_dashboard import i18n
from smt_dashboard.chart_model import ChartModel, panel_from
from smt_dashboard.charts import health_index as index_charts
from smt_dashboard.charts.common import FRANCE_COLOR, OTHER_COLOR, PALETTE
from smt_dashboard.filters import FilterState
from smt_dashboard.views.core import Built, Frames, Params, chart, empty, modelled, n, t


def deals(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """2018 digital-health deals by country and by city (each level on its own scale), and France's share."""
    table = frames["deals_2018"]
    share = dl.france_share(table)
    ranked = dl.ordered(dl.geographies(table, lang), p["metric"], p["sort"])
    rows = dl.chart_rows(ranked, p["metric"], lang)
    takeaway = t("take.deals", lang, france=n(share.deals, lang), world=n(share.world, lang),
                 share=i18n.fmt_pct(share.share_pct, lang))
    axis = i18n.t(f"deals.metric.{p['metric']}", lang)
    # One panel per level (a city is never ranked against a country), each on its own scale; France in its colour
    # and named; a missing amount written, not drawn.
    model = ChartModel("bar", tuple(panel_from(group, "geography", "value", name=axis, colors=OTHER_COLOR,
                                               label="value_text", highlight="is_france", title=level)
                                    for level, group in rows.groupby("level", sort=False)),
                       i18n.t(f"deals.chart_title.{p['metric']}", lang), i18n.t("deals.chart_subtitle", lang), axis,
                       decimals=1 if p["metric"] == "avg_deal_musd" else 0, size={"step": 26, "width": 480})
    return modelled(model, takeaway, pd.concat([ranked, share.rows]), lang, rows)


def index_ranking(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """The published digital health index ranking and France's place in it."""
    index = frames["digital_health_index"]
    published = hx.published_ranking(index, lang)
    france, leader = published[published["is_france"]], published.iloc[0]
    content = _ranking_model(published, "index", i18n.t("index.axis_index", lang),
                             i18n.t("index.ranking_title", lang, n=len(published)),
                             i18n.t("index.ranking_subtitle", lang), lang)
    if france.empty:
        takeaway = t("take.index_no_france", lang, leader=leader["name"], score=i18n.fmt_number(leader["index"], lang, 2))
    else:
        fr = france.iloc[0]
        takeaway = t("take.index", lang, rank=i18n.ordinal(int(fr["rank"]), lang), n=n(len(published), lang),
                     score=i18n.fmt_number(fr["index"], lang, 2), leader=leader["name"],
                     leader_score=i18n.fmt_number(leader["index"], lang, 2))
        try:  # the study's own chart shows fewer countries: say France's rank there too
            chart_rank, chart_n = hx.rank_in_study_chart(index)
            takeaway += " " + t("take.index_study_chart", lang, rank=i18n.ordinal(chart_rank, lang), n=n(chart_n, lang))
        except KeyError:
            pass
    return modelled(content, takeaway, index, lang, published[["label", "name", "index", "rank", "is_france"]])


def _ranking_model(data: pd.DataFrame, value: str, axis: str, title: str, subtitle: str, lang: str) -> ChartModel:
    """Countries ranked on a 0–100 score, France in its colour and named on the axis, each score printed."""
    rows = data.assign(score_label=[i18n.fmt_number(v, lang, 2) for v in data[value]])
    return ChartModel("bar", (panel_from(rows, "label", value, name=axis, colors=OTHER_COLOR, label="score_label",
                                         highlight="is_france"),),
                      title, subtitle, axis, decimals=2, value_max=100, size={"step": 22})


def index_compare(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """The chosen countries on the three sub-indices."""
    index = frames["digital_health_index"]
    codes = tuple(c for c in p["countries"] if c in set(index["country_code"]))
    labels = {code: i18n.t(f"index.sub.{code}", lang) for code in hx.SUBINDICES}
    long = hx.comparison_rows(index, codes, labels, lang) if codes else pd.DataFrame()
    title = i18n.t("index.compare_heading", lang)
    if long.empty:
        return empty(title, index, lang, i18n.t("index.compare_empty", lang))
    best = long.loc[long["score"].idxmax()]
    takeaway = t("take.index_compare", lang, n=n(long["country_code"].nunique(), lang), name=best["country"],
                 sub=best["subindex_label"], value=i18n.fmt_number(best["score"], lang, 1))
    countries = long.drop_duplicates("country_code")
    others = iter([c for c in PALETTE if c != FRANCE_COLOR] * 3)
    colors = {row.country: FRANCE_COLOR if row.is_france else next(others) for row in countries.itertuples()}
    # Each bar carries the country's name, so France is identified by its label and not by colour alone.
    rows = long.assign(bar_label=[f"{c} {i18n.fmt_number(v, lang, 1)}" for c, v in zip(long["country"], long["score"])])
    model = ChartModel("bar", (panel_from(rows, "subindex_label", "score", series="country",
                                          series_order=list(colors), colors=colors, label="bar_label"),),
                       i18n.t("index.compare_title", lang), i18n.t("index.compare_subtitle", lang),
                       i18n.t("index.axis_subindex", lang), legend_title=i18n.t("index.col_country", lang),
                       decimals=1, value_max=100, size={"step": 18})
    return modelled(model, takeaway, index[index["country_code"].isin(codes)], lang, long)


def index_reweighted(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """The countries ranked under the chosen weights of the three sub-indices, France's rank first."""
    index = frames["digital_health_index"]
    complete, _ = hx.split_complete(index)
    title = i18n.t("index.reweight_heading", lang)
    if complete.empty:
        return empty(title, index, lang, i18n.t("index.no_subindices", lang))
    weights = tuple(p["weights"])
    current = hx.reweighted(index, weights, lang)
    fr = current[current["is_france"]]
    text = hx.weights_text(weights, lang)
    if fr.empty:
        takeaway = t("take.index_reweighted_no_france", lang, weights=text)
    else:
        takeaway = t("take.index_reweighted", lang, rank=i18n.ordinal(int(fr.iloc[0]["rank"]), lang),
                     n=n(len(current), lang), weights=text, score=i18n.fmt_number(fr.iloc[0]["score"], lang, 2))
    model = _ranking_model(current, "score", i18n.t("index.axis_score", lang),
                           i18n.t("index.reweighted_title", lang, n=len(current)),
                           i18n.t("index.reweighted_subtitle", lang, weights=text), lang)
    return modelled(model, takeaway, complete, lang,
                    current[["label", "name", "score", "rank", "published_rank", "is_france"]])


def index_rank_range(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """France's rank for every weighting of the three sub-indices (the chosen weighting marked)."""
    index = frames["digital_health_index"]
    complete, _ = hx.split_complete(index)
    if hx.FRANCE not in set(complete["country_code"]):
        return empty(i18n.t("index.simplex_title", lang), index, lang, i18n.t("index.no_france_sub", lang))
    robust = hx.rank_over_simplex(index)
    content = index_charts.simplex_chart(robust.grid, tuple(p["weights"]), lang)
    takeaway = t("take.index_range", lang, best=i18n.ordinal(robust.min_rank, lang),
                 worst=i18n.ordinal(robust.max_rank, lang), n=n(robust.countries, lang))
    return chart(content, takeaway, complete, robust.grid[["policy_pct", "readiness_pct", "use_pct", "rank"]])


def index_rank_range_projection(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """France's rank over the weightings for a projector: one bar per rank (how many weightings give it), not 231
    cells."""
    built = index_rank_range(frames, state, lang, p)
    if built.kind != "chart":
        return built
    index = frames["digital_health_index"]
    robust = hx.rank_over_simplex(index)
    dist = hx.rank_distribution(robust)
    equal = hx.reweighted(index, hx.EQUAL, lang)
    equal_rank = int(equal.loc[equal["is_france"], "rank"].iloc[0]) if equal["is_france"].any() else 0
    axis = i18n.t("index.col_weights", lang)
    rows = dist.assign(label=[i18n.t("index.rank_label", lang, rank=r) for r in dist["rank"]],
                       value_label=[f"{i18n.fmt_number(w, lang)} ({i18n.fmt_pct(s, lang, 0)})"
                                    for w, s in zip(dist["weights"], dist["share_pct"])],
                       is_equal=dist["rank"] == equal_rank)
    published = hx.published_ranking(index, lang)
    france = published[published["is_france"]]
    subtitle = t("take.index_range_equal", lang, rank=i18n.ordinal(equal_rank, lang), n=n(robust.countries, lang),
                 published=i18n.ordinal(int(france["rank"].iloc[0]), lang) if not france.empty else "?",
                 total=n(len(published), lang)) if equal_rank else ""
    model = ChartModel("bar", (panel_from(rows, "label", "weights", name=axis, colors=OTHER_COLOR, label="value_label",
                                          highlight="is_equal"),),
                       i18n.t("index.simplex_title", lang), subtitle, value_title=axis,
                       value_max=float(dist["weights"].max()) * 1.25)
    return modelled(model, built.takeaway, built.rows, lang, dist)
