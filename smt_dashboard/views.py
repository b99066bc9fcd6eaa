"""The view registry: each view (what a slide shows: key, title, a one-sentence takeaway computed from the data,
the chart / table / map / SWOT, the rows behind it for its source line, its caveats, and the global filters it
honours) is built once here by a pure function. Pages render these views (adding their interactive widgets
around them), presentation mode shows them as a slide show, and the deck exports them. Pure: no Streamlit,
no rendering (see deck.py and slides.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import altair as alt
import pandas as pd

from smt_dashboard import catalogue as cat
from smt_dashboard import deals as dl
from smt_dashboard import ecosystem, filters, headlines, i18n, market, policy, profiles, recommendations, study, swot
from smt_dashboard import funding as fd
from smt_dashboard import health_index as hx
from smt_dashboard import jobs as jb
from smt_dashboard import trainings as trn
from smt_dashboard.charts import catalogue as catalogue_charts
from smt_dashboard.charts import deals as deals_charts
from smt_dashboard.charts import ecosystem as eco_charts
from smt_dashboard.charts import funding as funding_charts
from smt_dashboard.charts import health_index as index_charts
from smt_dashboard.charts import jobs as jobs_charts
from smt_dashboard.charts import market as market_charts
from smt_dashboard.charts import policy as policy_charts
from smt_dashboard.charts import trainings as training_charts
from smt_dashboard.datasets import region_names
from smt_dashboard.filters import FilterState
from smt_dashboard.projections import inputs_from_table

# Datasets by name, plus the regions GeoJSON (a dict) under REGIONS for the map.
Frames = Mapping[str, Any]
REGIONS = "regions"
ALL_FILTERS = ("regions", "areas", "models", "nationalities")
KINDS = ("chart", "table", "map", "swot", "empty")
_SOURCE_COLUMNS = ("source_id", "subindex_source_id", "cited_source_ids")


@dataclass(frozen=True)
class MapImage:
    """What the static map draws (rendered by maps_static when the deck is built)."""

    geo: dict
    rows: pd.DataFrame
    products: pd.DataFrame
    selected: tuple[str, ...]


@dataclass(frozen=True)
class SwotGrid:
    """The four SWOT quadrants: (code, label, item texts) in the study's order."""

    quadrants: tuple[tuple[str, str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Built:
    """A view ready for a slide: title, what to draw (``kind`` says which: an Altair chart, a table, a map,
    the SWOT grid, or nothing under these filters), the takeaway and the rows behind it."""

    title: str
    kind: str
    content: Any
    takeaway: str
    rows: pd.DataFrame
    subtitle: str = ""
    extra_source_ids: tuple[str, ...] = ()
    caveats: tuple[str, ...] = ()  # what changes how the figure reads (speaker notes, the slide show)


@dataclass(frozen=True)
class View:
    """One view of the registry: its page, the datasets it reads, its builder and the global filters it
    applies (the same as its page)."""

    key: str
    page: str
    datasets: tuple[str, ...]
    build: Callable[[Frames, FilterState, str], Built]
    applies: tuple[str, ...] = ()
    chart_width: int = 1000  # px given to charts without their own width, for a 16:9 slide
    facet_size: tuple[int, int | None] | None = None  # panel width (and height) of a faceted chart on a slide

    def label(self, lang: str) -> str:
        """The view's name in the selection list."""
        return i18n.t(f"briefing.view.{self.key}", lang)


def _t(key: str, lang: str, **kwargs: object) -> str:
    return i18n.t(f"briefing.{key}", lang, **kwargs)


def chart_titles(chart: object) -> tuple[str, str]:
    """(title, subtitle) of a chart made with charts.common.titled ("" when absent)."""
    params = getattr(chart, "title", None)

    def text(value: object) -> str:
        if isinstance(value, (list, tuple)):
            return " ".join(str(v) for v in value)
        return value if isinstance(value, str) else ""

    return text(getattr(params, "text", params)), text(getattr(params, "subtitle", ""))


def _chart(chart: alt.TopLevelMixin, takeaway: str, rows: pd.DataFrame, extra: tuple[str, ...] = ()) -> Built:
    title, subtitle = chart_titles(chart)
    return Built(title, "chart", chart, takeaway, rows, subtitle, extra)


def _empty(title: str, rows: pd.DataFrame, lang: str) -> Built:
    """No data under the active filters: the slide says so rather than drawing an empty chart."""
    return Built(title, "empty", None, _t("empty", lang), rows)


def source_rows(*frames: pd.DataFrame) -> pd.DataFrame:
    """The source columns of several tables stacked (for one source line over different tables)."""
    # Plain lists: selecting and concatenating a score of small frames cost ~30 ms per briefing rerun.
    frames = tuple(f for f in frames if not f.empty)
    present = [c for c in _SOURCE_COLUMNS if any(c in f.columns for f in frames)]
    if not present:
        return pd.DataFrame({"source_id": []})
    values: dict[str, list] = {c: [] for c in present}
    for f in frames:
        for c in present:
            values[c] += f[c].tolist() if c in f.columns else [None] * len(f)
    return pd.DataFrame(values)


def _n(value: object, lang: str) -> str:
    return i18n.fmt_number(value, lang)


# --- overview and position -----------------------------------------------------------------------------

def overview_headlines(frames: Frames, state: FilterState, lang: str) -> Built:
    """The overview's headline figures as a table (filtered where the overview filters them)."""
    hs = [
        headlines.smt_identified(frames["smt_catalogue"], state, lang),
        headlines.companies(frames["companies"], state, lang),
        headlines.employees(frames["companies"], state, lang),
        headlines.funds_raised(frames["funding_rounds"], frames["companies"], frames["funding_context"], state, lang),
        headlines.deals_share(frames["deals_2018"], lang),
        headlines.index_rank(frames["digital_health_index"], lang),
        headlines.jobs_2025(frames["jobs_projection_inputs"], lang),
    ]
    by_key = {h.key: h for h in hs}
    filtered = " (" + i18n.t("common.filtered", lang) + ")"
    # Under a filter, the figures it cannot reach say so: never filtered and national figures side by side unmarked.
    national = " (" + i18n.t("common.national", lang) + ")" if state.is_filtered else ""
    table = pd.DataFrame({
        _t("col.indicator", lang): [i18n.t(f"overview.label.{h.key}", lang) + (filtered if h.filtered else national)
                                    for h in hs],
        _t("col.value", lang): [h.display for h in hs],
        _t("col.detail", lang): [h.detail + (" · " + h.national if h.national else "") for h in hs],
    })
    horizon = inputs_from_table(frames["jobs_projection_inputs"]).horizon_year
    takeaway = _t("take.overview", lang, smt=by_key["smt"].display, companies=by_key["companies"].display,
                  deals=by_key["deals"].display, jobs=by_key["jobs"].display, year=horizon)
    return Built(_t("title.overview", lang), "table", table, takeaway, source_rows(*(h.rows for h in hs)))


def swot_grid(frames: Frames, state: FilterState, lang: str) -> Built:
    """The SWOT's four quadrants (a 2 × 2 grid on the slide) and how many items the data backs."""
    items, evidence = frames["swot"], frames["swot_evidence"]
    quadrants = swot.by_quadrant(items)
    grid = SwotGrid(tuple((q, i18n.label("quadrant", q, lang),
                           tuple(i18n.pick(r, "text", lang) or "" for _, r in rows.iterrows()))
                          for q, rows in quadrants.items()))
    n_with, total = swot.coverage(items, evidence)
    counts = {q: _n(len(rows), lang) for q, rows in quadrants.items()}
    takeaway = _t("take.swot", lang, strengths=counts["strength"], weaknesses=counts["weakness"],
                  opportunities=counts["opportunity"], threats=counts["threat"], backed=_n(n_with, lang), total=_n(total, lang))
    return Built(_t("title.swot", lang), "swot", grid, takeaway, items)


def _policy_timeline(frames: Frames, lang: str, france: bool) -> Built:
    events = frames["policy_timeline"]
    others = tuple(c for c in policy.JURISDICTIONS if c != "FR")
    rows = policy.timeline_rows(events, lang, ("FR",) if france else others)
    if rows.empty:
        return _empty(_t("view.policy_france" if france else "view.policy_international", lang), events, lang)
    start, end = int(rows["year"].min()), int(rows["year"].max())
    title = _t("title.policy_fr" if france else "title.policy_intl", lang, start=start, end=end)
    chart = policy_charts.timeline(
        rows, title, i18n.t("policy.timeline_subtitle", lang), i18n.t("policy.legend", lang),
        {"title": i18n.t("policy.tooltip_title", lang), "date": i18n.t("policy.tooltip_date", lang),
         "detail": i18n.t("policy.tooltip_detail", lang)})
    if france:
        latest = rows.iloc[-1]
        takeaway = _t("take.policy_fr", lang, n=_n(len(rows), lang), start=start, end=end, date=latest["date_label"],
                      title=latest["title"])
    else:
        counts = rows["jurisdiction_label"].value_counts()
        takeaway = _t("take.policy_intl", lang, n=_n(len(rows), lang), start=start, end=end,
                      top=counts.index[0], k=_n(counts.iloc[0], lang))
    return _chart(chart, takeaway, rows)


def policy_france(frames: Frames, state: FilterState, lang: str) -> Built:
    """The French policy and regulatory milestones on a timeline."""
    return _policy_timeline(frames, lang, france=True)


def policy_international(frames: Frames, state: FilterState, lang: str) -> Built:
    """The milestones of the other jurisdictions the study benchmarks (EU, US, UK, Israel…)."""
    return _policy_timeline(frames, lang, france=False)


def market_size(frames: Frames, state: FilterState, lang: str) -> Built:
    """The digital-health market as ranges, 2018 → 2025, with the published growth rate."""
    size = frames["market_size"]
    ranges = market.size_ranges(size, lang)
    rate = market.growth(size)
    chart = market_charts.size_ranges(ranges, i18n.t("market.size_title", lang), i18n.t("market.size_subtitle", lang),
                                      i18n.t("market.y_title", lang))
    first, last = ranges.iloc[0], ranges.iloc[-1]
    takeaway = _t("take.market", lang, start=int(first["year"]), start_range=first["range_label"], end=int(last["year"]),
                  end_range=last["range_label"], cagr=market.fmt_pct_range(rate.published_low, rate.published_high, lang))
    return _chart(chart, takeaway, size)


def adoption(frames: Frames, state: FilterState, lang: str) -> Built:
    """The adoption survey figures by audience, and the highest of them."""
    rows = market.adoption_rows(frames["adoption_survey"], lang)
    chart = market_charts.adoption(rows, i18n.t("market.adoption_title", lang), i18n.t("market.adoption_subtitle", lang),
                                   i18n.t("market.x_title", lang), i18n.t("market.legend", lang))
    top = rows.loc[rows["value_pct"].idxmax()]
    takeaway = _t("take.adoption", lang, value=top["value_label"], label=top["label"], n=_n(len(rows), lang))
    return _chart(chart, takeaway, rows)


def recommendation_targets(frames: Frames, state: FilterState, lang: str) -> Built:
    """Recommended actions per target player (competitiveness and training actions), as a table."""
    recos = frames["recommendations"]
    counts = recommendations.target_counts(recos, lang)
    per_group = {group: [int((recommendations.filter_by_targets(recos, (code,))["group"] == group).sum())
                         for code in counts["target"]] for group in ("competitiveness", "training")}
    table = pd.DataFrame({
        _t("col.target", lang): counts["target_label"],
        _t("col.actions", lang): counts["actions"].astype(int),
        i18n.t("recommendations.group.competitiveness", lang): per_group["competitiveness"],
        i18n.t("recommendations.group.training", lang): per_group["training"],
    })
    top = counts.sort_values("actions", ascending=False, kind="stable").iloc[0]
    takeaway = _t("take.reco", lang, n=_n(len(recos), lang), target=top["target_label"], k=_n(top["actions"], lang))
    return Built(_t("title.reco", lang), "table", table, takeaway, recos)


# --- ecosystem ---------------------------------------------------------------------------------------------

def ecosystem_map(frames: Frames, state: FilterState, lang: str) -> Built:
    """The map of the companies in France (static image), with the leading region."""
    geo = frames[REGIONS]
    rows = ecosystem.france_view(frames["companies"], state)
    products = frames["company_products"]
    summary = ecosystem.region_summary(rows, region_names(geo))
    image = MapImage(geo, rows, products[products["company_id"].isin(rows["company_id"])], state.regions)
    title = _t("title.map", lang)
    if rows.empty:
        takeaway = _t("empty", lang)
    else:
        c = ecosystem.counts(rows)
        top = summary.sort_values(["companies", "employees"], ascending=False).iloc[0]
        takeaway = _t("take.map", lang, n=_n(c.companies, lang), french=_n(c.french, lang), foreign=_n(c.foreign, lang),
                      regions=_n(int((summary["companies"] > 0).sum()), lang), top=top["region_name"],
                      k=_n(top["companies"], lang))
    rows_behind = rows if not rows.empty else filters.france_companies(frames["companies"])
    return Built(title, "map", image, takeaway, rows_behind, extra_source_ids=("datafrance",))


def companies_by_model(frames: Frames, state: FilterState, lang: str) -> Built:
    """Companies per product model and nationality, and the most common model."""
    rows = ecosystem.france_view(frames["companies"], state)
    if rows.empty:
        return _empty(i18n.t("map.chart.models.title", lang), filters.france_companies(frames["companies"]), lang)
    models = ecosystem.model_breakdown(rows, lang)
    per_model = models.groupby("model_label", sort=False)["companies"].sum()
    takeaway = _t("take.models", lang, model=per_model.idxmax(), n=_n(per_model.max(), lang), total=_n(len(rows), lang))
    return _chart(eco_charts.model_breakdown_chart(models, lang), takeaway, rows)


def us_comparison(frames: Frames, state: FilterState, lang: str) -> Built:
    """Company sizes in France against the study's US companies (the map page's comparison)."""
    companies = frames["companies"]
    rows, us_rows = ecosystem.france_view(companies, state), ecosystem.us_view(companies, state)
    sizes = ecosystem.size_band_comparison(rows, us_rows, lang)
    if sizes.empty:
        return _empty(i18n.t("map.chart.sizes.title", lang), companies, lang)
    french = ecosystem.size_range(rows[rows["scope"] == "french"])
    if french.n:
        takeaway = i18n.t("map.us.observation", lang, smallest=_n(french.smallest, lang), largest=_n(french.largest, lang),
                          n=_n(french.n, lang), larger=_n(ecosystem.count_larger_than(us_rows, french.largest), lang),
                          us=_n(len(us_rows), lang))
    else:
        takeaway = i18n.t("map.us.observation_no_french", lang)
    return _chart(eco_charts.size_band_chart(sizes, lang), takeaway, pd.concat([us_rows, rows]))


def profile(frames: Frames, state: FilterState, lang: str) -> Built:
    """The region / therapy-area profile as a table: each figure beside France's."""
    title = i18n.t("nav.profile", lang)
    if not profiles.is_profiled(state):
        return Built(title, "empty", None, i18n.t("profile.choose", lang), source_rows(frames["companies"]))
    options = filters.FilterOptions(regions=region_names(frames[REGIONS]))
    built = profiles.build(frames, state, options, lang)
    return Built(i18n.t("profile.title", lang, scope=built.title), "table", profiles.lines_table(built, lang),
                 built.takeaway, profiles.source_rows(built))


def catalogue_heatmap(frames: Frames, state: FilterState, lang: str) -> Built:
    """The SMT by category × therapy area (therapy-area filter applied), leading category and area."""
    catalogue = frames["smt_catalogue"]
    rows = cat.filtered_catalogue(catalogue, state)
    grand_total = int(catalogue["smt_count"].sum())
    if rows.empty:
        return _empty(i18n.t("catalogue.heatmap_title", lang, n=0), catalogue, lang)
    totals = cat.category_totals(rows, grand_total)
    n = int(totals["smt_count"].sum())
    chart = catalogue_charts.heatmap(
        cat.heatmap_cells(rows, lang, grand_total), i18n.t("catalogue.heatmap_title", lang, n=_n(n, lang)),
        i18n.t("catalogue.heatmap_subtitle", lang, total=_n(grand_total, lang)), i18n.t("catalogue.axis_category", lang),
        i18n.t("catalogue.axis_area", lang), i18n.t("catalogue.axis_count", lang))
    top_category = totals.sort_values("smt_count", ascending=False, kind="stable").iloc[0]
    top_area = cat.area_totals(rows, grand_total).iloc[0]
    takeaway = _t("take.catalogue", lang, n=_n(n, lang), category=i18n.label("category", top_category["category"], lang),
                  k=_n(top_category["smt_count"], lang), area=i18n.label("area", top_area["therapy_area"], lang),
                  a=_n(top_area["smt_count"], lang), share=cat.pct_whole(top_area["share_pct"], lang))
    return _chart(chart, takeaway, rows)


def approvals(frames: Frames, state: FilterState, lang: str) -> Built:
    """CE marking and FDA approval of the available SMT, per category."""
    table = frames["smt_approvals"]
    totals = cat.approval_totals(table)
    chart = catalogue_charts.approvals(
        cat.approvals_long(table, lang), i18n.t("catalogue.approvals_title", lang, n=_n(totals["available"], lang)),
        i18n.t("catalogue.approvals_subtitle", lang), i18n.t("catalogue.axis_share", lang),
        i18n.t("catalogue.authority_legend", lang))
    takeaway = _t("take.approvals", lang, n=_n(totals["available"], lang), ce=_n(totals["ce_marked"], lang),
                  ce_pct=cat.pct_whole(totals["ce_pct"], lang), fda=_n(totals["fda_approved"], lang),
                  fda_pct=cat.pct_whole(totals["fda_pct"], lang))
    return _chart(chart, takeaway, table)


def reimbursement(frames: Frames, state: FilterState, lang: str) -> Built:
    """French reimbursement status of the available SMT."""
    table = frames["smt_reimbursement"]
    total = int(table["smt_count"].sum())
    chart = catalogue_charts.reimbursement(
        cat.reimbursement_rows(table, lang), i18n.t("catalogue.reimbursement_title", lang, n=_n(total, lang)),
        i18n.t("catalogue.reimbursement_subtitle", lang), i18n.t("catalogue.axis_count", lang))
    n = cat.financed_or_in_progress(table)
    takeaway = _t("take.reimbursement", lang, n=_n(n, lang), total=_n(total, lang),
                  share=cat.pct_whole(100 * n / total if total else None, lang))
    return _chart(chart, takeaway, table)


def _rounds(frames: Frames, state: FilterState) -> pd.DataFrame:
    """Funding rounds of the companies that pass the filters, prepared as on the funding page."""
    companies = frames["companies"]
    return fd.prepare(filters.apply_to_company_rows(frames["funding_rounds"], companies, state), companies)


def funding_totals(frames: Frames, state: FilterState, lang: str) -> Built:
    """Funding of the French SMT companies by type of operation, as a table."""
    rounds = _rounds(frames, state)
    title = _t("title.funding_totals", lang)
    if rounds.empty:
        return _empty(title, frames["funding_rounds"], lang)
    totals = fd.totals_by_type(rounds)
    raised = totals[totals["round_type"] == "fundraising"]
    if raised.empty:
        takeaway = _t("take.funding_no_raise", lang, n=_n(len(rounds), lang))
    else:
        r = raised.iloc[0]
        takeaway = _t("take.funding_totals", lang, total=i18n.fmt_meur(r["total_meur"], lang), n=_n(r["rounds"], lang),
                      nc=_n(r["undisclosed"], lang))
        check = fd.published_check(rounds, frames["funding_context"])
        if not state.is_filtered and check.published_meur is not None:
            takeaway += " " + _t("take.funding_published", lang, published=i18n.fmt_meur(check.published_meur, lang))
    return Built(title, "table", fd.totals_table(totals, lang), takeaway, rounds)


def funding_timeline(frames: Frames, state: FilterState, lang: str) -> Built:
    """Every dated funding operation, one lane per company, and the largest one."""
    dated, _ = fd.split_dated(_rounds(frames, state))
    if dated.empty:
        return _empty(i18n.t("funding.timeline_title", lang), frames["funding_rounds"], lang)
    marks, aggregated = fd.timeline_data(dated, lang)
    chart = funding_charts.timeline_chart(marks, lang, aggregated)
    known = dated.dropna(subset=["amount_meur"]).sort_values("amount_meur", ascending=False)
    span = {"n": _n(len(dated), lang), "first": int(dated["year"].min()), "last": int(dated["year"].max())}
    if known.empty:
        takeaway = _t("take.funding_timeline_nc", lang, **span)
    else:
        top = known.iloc[0]
        takeaway = _t("take.funding_timeline", lang, company=top["company"], amount=i18n.fmt_meur(top["amount_meur"], lang),
                      date=policy.format_partial_date(top["date"], lang),
                      type=i18n.label("round", top["round_type"], lang).lower(), **span)
    return _chart(chart, takeaway, dated)


def funding_yearly(frames: Frames, state: FilterState, lang: str) -> Built:
    """Disclosed amounts per year and type, and the year that raised the most."""
    dated, _ = fd.split_dated(_rounds(frames, state))
    if dated.empty:
        return _empty(i18n.t("funding.yearly_title", lang), frames["funding_rounds"], lang)
    yearly = fd.yearly_totals(dated, lang)
    per_year = yearly.groupby("year")["total_meur"].sum(min_count=1).dropna()
    if per_year.empty:
        takeaway = _t("take.funding_timeline_nc", lang, n=_n(len(dated), lang), first=int(dated["year"].min()),
                      last=int(dated["year"].max()))
    else:
        takeaway = _t("take.funding_yearly", lang, year=int(per_year.idxmax()), amount=i18n.fmt_meur(per_year.max(), lang),
                      total=i18n.fmt_meur(per_year.sum(), lang))
    return _chart(funding_charts.yearly_chart(yearly, lang), takeaway, dated)


# --- international and skills --------------------------------------------------------------------------------

def deals(frames: Frames, state: FilterState, lang: str) -> Built:
    """2018 digital-health deals by country and by city, and France's share."""
    table = frames["deals_2018"]
    share = dl.france_share(table)
    ranked = dl.ordered(dl.geographies(table, lang), "deals", "desc")
    chart = deals_charts.deals_bars(dl.chart_rows(ranked, "deals", lang), "deals", lang)
    takeaway = _t("take.deals", lang, france=_n(share.deals, lang), world=_n(share.world, lang),
                  share=i18n.fmt_pct(share.share_pct, lang))
    return _chart(chart, takeaway, pd.concat([ranked, share.rows]))


def index_ranking(frames: Frames, state: FilterState, lang: str) -> Built:
    """The published digital health index ranking and France's place in it."""
    index = frames["digital_health_index"]
    published = hx.published_ranking(index, lang)
    france, leader = published[published["is_france"]], published.iloc[0]
    chart = index_charts.ranking_chart(published, lang)
    if france.empty:
        takeaway = _t("take.index_no_france", lang, leader=leader["name"], score=i18n.fmt_number(leader["index"], lang, 2))
    else:
        fr = france.iloc[0]
        takeaway = _t("take.index", lang, rank=i18n.ordinal(int(fr["rank"]), lang), n=_n(len(published), lang),
                      score=i18n.fmt_number(fr["index"], lang, 2), leader=leader["name"],
                      leader_score=i18n.fmt_number(leader["index"], lang, 2))
        try:  # the study's own chart shows fewer countries: say France's rank there too
            chart_rank, chart_n = hx.rank_in_study_chart(index)
            takeaway += " " + _t("take.index_study_chart", lang, rank=i18n.ordinal(chart_rank, lang), n=_n(chart_n, lang))
        except KeyError:
            pass
    return _chart(chart, takeaway, index)


def index_rank_range(frames: Frames, state: FilterState, lang: str) -> Built:
    """France's rank for every weighting of the three sub-indices (equal weights marked)."""
    index = frames["digital_health_index"]
    complete, _ = hx.split_complete(index)
    if hx.FRANCE not in set(complete["country_code"]):
        return _empty(i18n.t("index.simplex_title", lang), index, lang)
    robust = hx.rank_over_simplex(index)
    chart = index_charts.simplex_chart(robust.grid, hx.EQUAL, lang)
    takeaway = _t("take.index_range", lang, best=i18n.ordinal(robust.min_rank, lang),
                  worst=i18n.ordinal(robust.max_rank, lang), n=_n(robust.countries, lang))
    return _chart(chart, takeaway, complete)


def jobs_projection(frames: Frames, state: FilterState, lang: str) -> Built:
    """The study's jobs model against its published figures."""
    inputs_df, published = frames["jobs_projection_inputs"], frames["jobs_projection_published"]
    inputs = inputs_from_table(inputs_df)
    projection = jb.simulate(inputs)
    summary = jb.scenario_summary(projection, inputs.job_types)
    chart = jobs_charts.scenario(
        jb.scenario_chart_data(projection, published, lang),
        i18n.t("jobs.sim_chart_title", lang, start=inputs.start_year, year=summary["year"]),
        i18n.t("jobs.sim_chart_subtitle", lang, cagr=i18n.fmt_pct(inputs.companies_cagr * 100, lang, 1),
               employees=_n(inputs.employees_per_company, lang), growth=i18n.fmt_pct(inputs.headcount_growth * 100, lang, 0),
               base=_n(inputs.base_headcount, lang)),
        i18n.t("jobs.axis_year", lang), i18n.t("jobs.axis_jobs", lang), i18n.t("jobs.legend_series", lang))
    published_total = published.set_index("year")["jobs_total"].get(summary["year"])
    takeaway = _t("take.jobs", lang, jobs=_n(summary["jobs_total"], lang), year=summary["year"],
                  published=_n(published_total, lang), per_type=_n(summary["per_type"], lang), types=_n(inputs.job_types, lang))
    # The study's own scope, said wherever the figure goes (slide show, deck notes): an optimistic scenario that
    # leaves the drug makers' SMT jobs out.
    scope = frames["jobs_projection_scope"]
    stated = study.is_optimistic_scenario(scope) and study.drug_makers_left_out(scope)
    caveats = (i18n.t("jobs.scope_line", lang),) if stated else ()
    return replace(_chart(chart, takeaway, source_rows(inputs_df, published, scope)), caveats=caveats)


def trainings_by_city(frames: Frames, state: FilterState, lang: str) -> Built:
    """Campuses offering an initial UX/UI design programme, per city (in the selected regions)."""
    campuses = filters.judge_region(frames["training_ux_establishments"], state, frames["cities"]).rows
    if campuses.empty:
        return _empty(i18n.t("trainings.city_title", lang), frames["training_ux_establishments"], lang)
    rows = trn.campuses_by_city(campuses, lang)
    chart = training_charts.campuses_by_city(rows, i18n.t("trainings.city_title", lang),
                                             i18n.t("trainings.city_subtitle", lang), i18n.t("trainings.axis_campuses", lang),
                                             i18n.t("trainings.col.establishments", lang))
    top = rows.iloc[0]
    takeaway = _t("take.trainings", lang, campuses=_n(rows["campuses"].sum(), lang), cities=_n(len(rows), lang),
                  city=top["city"], k=_n(top["campuses"], lang))
    return _chart(chart, takeaway, campuses)


# --- the registry ----------------------------------------------------------------------------------------------

_FUNDING = ("funding_rounds", "companies", "funding_context")

# In the order of the navigation (= the deck's order).
VIEWS: tuple[View, ...] = (
    View("overview_headlines", "overview",
         ("smt_catalogue", "companies", "funding_rounds", "funding_context", "deals_2018", "digital_health_index",
          "jobs_projection_inputs"), overview_headlines, ALL_FILTERS),
    View("swot", "swot", ("swot", "swot_evidence"), swot_grid),
    View("policy_france", "policy", ("policy_timeline",), policy_france),
    View("policy_international", "policy", ("policy_timeline",), policy_international),
    View("market_size", "market", ("market_size",), market_size, chart_width=800),
    View("adoption", "market", ("adoption_survey",), adoption, chart_width=700),
    View("recommendation_targets", "recommendations", ("recommendations",), recommendation_targets),
    View("map", "map", ("companies", "company_products", REGIONS), ecosystem_map, ALL_FILTERS),
    View("companies_by_model", "map", ("companies",), companies_by_model, ALL_FILTERS),
    View("us_comparison", "map", ("companies",), us_comparison, ALL_FILTERS),
    View("profile", "profile", profiles.DATASETS + (REGIONS,), profile, ("regions", "areas", "models", "nationalities")),
    View("catalogue_heatmap", "catalogue", ("smt_catalogue",), catalogue_heatmap, ("areas",), chart_width=900),
    View("approvals", "catalogue", ("smt_approvals",), approvals),
    View("reimbursement", "catalogue", ("smt_reimbursement",), reimbursement),
    View("funding_totals", "funding", _FUNDING, funding_totals, ALL_FILTERS),
    View("funding_timeline", "funding", _FUNDING, funding_timeline, ALL_FILTERS, facet_size=(1100, 24)),
    View("funding_yearly", "funding", _FUNDING, funding_yearly, ALL_FILTERS),
    View("deals", "deals", ("deals_2018",), deals, facet_size=(900, None)),
    View("index_ranking", "index", ("digital_health_index",), index_ranking),
    View("index_rank_range", "index", ("digital_health_index",), index_rank_range, chart_width=620),
    View("jobs_projection", "jobs", ("jobs_projection_inputs", "jobs_projection_published", "jobs_projection_scope"),
         jobs_projection,
         chart_width=900),
    View("trainings_by_city", "trainings", ("training_ux_establishments", "cities"), trainings_by_city, ("regions",)),
)
VIEWS_BY_KEY = {v.key: v for v in VIEWS}


def views_by_page(pages: Iterable[str] | None = None) -> list[tuple[str, list[View]]]:
    """The views grouped by page, in the order of ``pages`` (default: the order of the registry)."""
    order = list(dict.fromkeys(pages if pages is not None else (v.page for v in VIEWS)))
    return [(page, [v for v in VIEWS if v.page == page]) for page in order if any(v.page == page for v in VIEWS)]


def datasets_of(views: Iterable[View]) -> tuple[str, ...]:
    """Every dataset the views read (REGIONS included when the map is among them), without repeats."""
    return tuple(dict.fromkeys(name for v in views for name in v.datasets))


def build(view: View, frames: Frames, state: FilterState, lang: str) -> Built:
    """Build one view under the global filters (each view applies only those its page applies)."""
    return view.build(frames, state, i18n.normalize_lang(lang))


def filter_note(view: View, state: FilterState, lang: str) -> str | None:
    """Which active global filters have no effect on this view (None when all apply or none is active)."""
    ignored = [i18n.t(filters.FILTER_TITLES[attr], lang) for attr in ALL_FILTERS
               if getattr(state, attr) and attr not in view.applies]
    return _t("filters_not_apply", lang, filters=", ".join(ignored)) if ignored else None


def link(view: View, state: FilterState, app_url: str | None) -> str:
    """The address of the live view with the same filters and language (opened in normal mode)."""
    return filters.share_url(app_url, "" if view.page == "overview" else view.page, replace(state, mode="normal"))
