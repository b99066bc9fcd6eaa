"""The overview's headline figures: each one a figure of the metrics layer (the same value, label and national
reference as on every other surface) with the detail line and the page behind it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from smt_dashboard import health_index, i18n, metrics
from smt_dashboard.filters import FilterState
from smt_dashboard.memo import memoized
from smt_dashboard.projections import inputs_from_table, project_jobs

Frames = Mapping[str, pd.DataFrame]


@dataclass(frozen=True)
class Headline:
    """One figure on the overview: its label and value as shown, a detail line, the rows behind it, its page, whether
    a filter acts on it, its national reference, and what the filters could not judge."""

    key: str
    label: str
    value: float
    display: str
    detail: str
    rows: pd.DataFrame
    page: str
    filtered: bool
    national: str = ""  # under a filter: the national reference ("France : 17")
    unjudged: int = 0
    unjudged_by: tuple[str, ...] = ()
    none: bool = False  # the filters left nothing to count: the card says so in words, not with a zero


def _from_figure(fig: metrics.Figure, page: str, detail: str, lang: str, display: str | None = None) -> Headline:
    if fig.is_none:  # the page's answer says what is empty and why
        return Headline(fig.key, fig.label(lang), fig.value, fig.display(lang), detail, fig.sources, page, True,
                        fig.scope(lang), fig.unjudged, fig.unjudged_by, none=True)
    return Headline(fig.key, fig.label(lang), fig.value, display or fig.display(lang), detail, fig.sources, page,
                    fig.filtered, fig.scope(lang) if fig.filtered else "", fig.unjudged, fig.unjudged_by)


@memoized
def smt_identified(frames: Frames, state: FilterState, lang: str) -> Headline:
    fig = metrics.smt(frames, state)
    external = int(fig.rows.loc[fig.rows["category"] == "external_device", "smt_count"].sum())
    detail = "" if fig.is_none else i18n.plural("overview.smt_detail", external, lang,
                                                        external=i18n.fmt_number(external, lang))
    return _from_figure(fig, "catalogue", detail, lang)


@memoized
def companies(frames: Frames, state: FilterState, lang: str) -> Headline:
    fig = metrics.companies(frames, state)
    french, subs = metrics.french_companies(frames, state), metrics.subsidiaries(frames, state)
    if not fig.filtered:
        display = f"{french.display(lang)} + {subs.display(lang)}"
        return _from_figure(fig, "map", i18n.t("overview.companies_detail", lang), lang, display)
    detail = "" if fig.is_none else i18n.t("overview.companies_detail_filtered", lang, french=french.display(lang),
                                           subsidiaries=subs.display(lang))
    return _from_figure(fig, "map", detail, lang)


@memoized
def employees(frames: Frames, state: FilterState, lang: str) -> Headline:
    """Staff of the French companies; the subsidiaries' staff in France is said beside it, under its own label."""
    fig = metrics.employees_french(frames, state)
    subs = metrics.employees_subsidiaries(frames, state)
    detail = "" if fig.is_none and subs.is_none else i18n.t(
        "overview.employees_detail", lang, range=staff_range(fig, lang),
        label=subs.label(lang)[0].lower() + subs.label(lang)[1:], subsidiaries=subs.display(lang))
    return _from_figure(fig, "map", detail, lang)


def _range(staff: pd.Series, lang: str, key: str = "employees_range") -> str:
    low, high = int(staff.min()), int(staff.max())
    if low == high:
        return i18n.t(f"overview.{key}_single", lang, n=i18n.fmt_number(low, lang))
    return i18n.t(f"overview.{key}", lang, low=i18n.fmt_number(low, lang), high=i18n.fmt_number(high, lang))


def staff_range(fig: metrics.Figure, lang: str) -> str:
    """The range of staff per company of the companies the figure counts (the study: « entre 10 à 250 employés par
    entreprise », the ten French companies): under a filter, the range of the companies in scope, with France's beside
    it (Auvergne-Rhône-Alpes: 25 to 250; France: 10 to 250); empty when no company with a known staff is in scope."""
    staff = fig.rows["employees"].dropna()
    if staff.empty:
        return ""
    here = _range(staff, lang)
    if not fig.filtered or fig.whole is None:
        return here
    return i18n.t("overview.employees_range_filtered", lang, range=here, national=_range(fig.whole["employees"].dropna(), lang,
                                                                                               "employees_range_short"))


@memoized
def funds_raised(frames: Frames, state: FilterState, lang: str) -> Headline:
    fig = metrics.funds(frames, state)
    context = frames["funding_context"]
    n = len(fig.rows)
    undisclosed = int(fig.rows["amount_meur"].isna().sum())
    if fig.is_none:
        return _from_figure(fig, "funding", "", lang)
    detail = i18n.plural("overview.funds_detail", n, lang, n=i18n.fmt_number(n, lang),
                         undisclosed=i18n.fmt_number(undisclosed, lang))
    published = context.loc[context["item_id"] == "published_fundraising_total", "value_low"]
    if not published.empty and not fig.filtered:  # the study's own total reads against France's figure only
        detail += " " + i18n.t("overview.funds_published", lang, published=i18n.fmt_meur(published.iloc[0], lang))
    return _from_figure(fig, "funding", detail, lang)


@memoized
def deals_share(frames: Frames, state: FilterState, lang: str) -> Headline:
    deals = frames["deals_2018"]
    world = deals.loc[deals["level"] == "world", "deals"].sum()
    france_rows = deals[deals["country_code"] == "FR"]
    france = france_rows["deals"].sum()
    share = 100 * france / world
    detail = i18n.t("overview.deals_detail", lang, france=i18n.fmt_number(france, lang), world=i18n.fmt_number(world, lang))
    rows = pd.concat([france_rows, deals[deals["level"] == "world"]])
    return Headline("deals", i18n.t("overview.label.deals", lang), share, i18n.fmt_pct(share, lang), detail, rows,
                    "deals", False)


@memoized
def index_rank(frames: Frames, state: FilterState, lang: str) -> Headline:
    index = frames["digital_health_index"]
    ordered = index.sort_values("index", ascending=False).reset_index(drop=True)
    pos = ordered.index[ordered["country_code"] == "FR"]
    rank = int(pos[0]) + 1
    score = ordered.loc[pos[0], "index"]
    display = i18n.t("overview.rank_display", lang, rank=i18n.ordinal(rank, lang), n=len(ordered))
    # Two ranks, each named: Bertelsmann's (the 17 countries it ranks) and the study's own chart's (14 countries).
    detail = i18n.t("overview.index_detail", lang, n=len(ordered), score=i18n.fmt_number(score, lang, 2))
    try:
        chart_rank, chart_n = health_index.rank_in_study_chart(index)
        detail += " ; " if lang == "fr" else "; "
        detail += i18n.t("overview.index_study_chart", lang, rank=i18n.ordinal(chart_rank, lang), n=chart_n)
    except KeyError:  # France (or the study's chart) not in the data
        pass
    return Headline("index", i18n.t("overview.label.index", lang), rank, display, detail,
                    ordered[ordered["country_code"] == "FR"], "index", False)


@memoized
def jobs_2025(frames: Frames, state: FilterState, lang: str) -> Headline:
    inputs_table = frames["jobs_projection_inputs"]
    inputs = inputs_from_table(inputs_table)
    proj = project_jobs(inputs)
    last = proj.iloc[-1]
    total = float(last["jobs_total"])
    detail = i18n.t("overview.jobs_detail", lang, year=int(last["year"]),
                    new_companies=i18n.fmt_compact(last["new_companies"], lang), types=i18n.fmt_number(inputs.job_types, lang))
    return Headline("jobs", i18n.t("overview.label.jobs", lang, year=int(last["year"])), total,
                    i18n.fmt_number(total, lang), detail, inputs_table, "jobs", False)


@dataclass(frozen=True)
class Metric:
    """A headline of the overview: the datasets it reads and the one function that computes it."""

    key: str
    datasets: tuple[str, ...]
    compute: Callable[[Frames, FilterState, str], Headline]


# The overview's figures, in their order; the overview page, its slide and the deck all read them from here.
METRICS: tuple[Metric, ...] = (
    Metric("smt", ("smt_catalogue",), smt_identified),
    Metric("companies", ("companies",), companies),
    Metric("employees", ("companies",), employees),
    Metric("funds", ("funding_rounds", "companies", "funding_context"), funds_raised),
    Metric("deals", ("deals_2018",), deals_share),
    Metric("index", ("digital_health_index",), index_rank),
    Metric("jobs", ("jobs_projection_inputs",), jobs_2025),
)
METRICS_BY_KEY = {m.key: m for m in METRICS}
DATASETS = tuple(dict.fromkeys(name for m in METRICS for name in m.datasets))


def all_headlines(frames: Frames, state: FilterState, lang: str) -> tuple[Headline, ...]:
    """Every headline figure, in the overview's order."""
    return tuple(m.compute(frames, state, lang) for m in METRICS)
