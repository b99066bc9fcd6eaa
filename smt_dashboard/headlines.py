"""Headline figures of the overview page, each computed from the datasets (never typed in)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from smt_dashboard import filters, health_index, i18n
from smt_dashboard.filters import FilterState
from smt_dashboard.memo import memoized
from smt_dashboard.projections import inputs_from_table, project_jobs


@dataclass(frozen=True)
class Headline:
    """One figure: its value, how it is shown, a detail line, the rows behind it and its page."""

    key: str
    value: float
    display: str
    detail: str
    rows: pd.DataFrame
    page: str
    filtered: bool
    national: str = ""  # under a filter: the national reference ("sur 17 en France")


@memoized
def smt_identified(catalogue: pd.DataFrame, state: FilterState, lang: str) -> Headline:
    rows = filters.apply_area(catalogue, state)
    total = int(rows["smt_count"].sum())
    external = int(rows.loc[rows["category"] == "external_device", "smt_count"].sum())
    detail = i18n.t("overview.smt_detail", lang, external=i18n.fmt_number(external, lang))
    national = _national(i18n.fmt_number(catalogue["smt_count"].sum(), lang), lang) if state.areas else ""
    return Headline("smt", total, i18n.fmt_number(total, lang), detail, rows, "catalogue", bool(state.areas), national)


def _national(value: str, lang: str) -> str:
    return i18n.t("overview.national_reference", lang, value=value)


@memoized
def companies(companies_df: pd.DataFrame, state: FilterState, lang: str) -> Headline:
    france = filters.france_companies(companies_df)
    rows = filters.apply_to_companies(france, state)
    n_fr = int((rows["scope"] == "french").sum())
    n_sub = int((rows["scope"] == "foreign_subsidiary").sum())
    if not state.is_filtered:
        display = f"{i18n.fmt_number(n_fr, lang)} + {i18n.fmt_number(n_sub, lang)}"
        return Headline("companies", n_fr + n_sub, display, i18n.t("overview.companies_detail", lang), rows, "map",
                        False)
    # Filtered: one number beside France's (a bare "4 + 0" beside national figures invites misquoting).
    display = i18n.t("overview.of_total", lang, n=i18n.fmt_number(n_fr + n_sub, lang),
                     total=i18n.fmt_number(len(france), lang))
    detail = i18n.t("overview.companies_detail_filtered", lang, french=i18n.fmt_number(n_fr, lang),
                    subsidiaries=i18n.fmt_number(n_sub, lang))
    return Headline("companies", n_fr + n_sub, display, detail, rows, "map", True,
                    _national(i18n.fmt_number(len(france), lang), lang))


@memoized
def employees(companies_df: pd.DataFrame, state: FilterState, lang: str) -> Headline:
    france = filters.france_companies(companies_df)
    rows = filters.apply_to_companies(france, state)
    french = int(rows.loc[rows["scope"] == "french", "employees"].sum())
    subs = int(rows.loc[rows["scope"] == "foreign_subsidiary", "employees"].sum())
    detail = i18n.t("overview.employees_detail", lang, subsidiaries=i18n.fmt_number(subs, lang))
    national = ""
    if state.is_filtered:
        all_french = int(france.loc[france["scope"] == "french", "employees"].sum())
        all_subs = int(france.loc[france["scope"] == "foreign_subsidiary", "employees"].sum())
        detail = i18n.t("overview.employees_detail_filtered", lang, subsidiaries=i18n.fmt_number(subs, lang),
                        all_subsidiaries=i18n.fmt_number(all_subs, lang))
        national = _national(i18n.fmt_number(all_french, lang), lang)
    return Headline("employees", french, i18n.fmt_number(french, lang), detail, rows, "map", state.is_filtered,
                    national)


@memoized
def funds_raised(rounds: pd.DataFrame, companies_df: pd.DataFrame, context: pd.DataFrame, state: FilterState,
                 lang: str) -> Headline:
    rows = filters.apply_to_company_rows(rounds, companies_df, state)
    raised = rows[rows["round_type"] == "fundraising"]
    total = float(raised["amount_meur"].sum())
    undisclosed = int(raised["amount_meur"].isna().sum())
    published = context.loc[context["item_id"] == "published_fundraising_total", "value_low"]
    detail = i18n.t("overview.funds_detail", lang, n=i18n.fmt_number(len(raised), lang),
                    undisclosed=i18n.fmt_number(undisclosed, lang))
    if not published.empty and not state.is_filtered:
        detail += " " + i18n.t("overview.funds_published", lang, published=i18n.fmt_meur(published.iloc[0], lang))
    national = ""
    if state.is_filtered:
        all_raised = rounds.loc[rounds["round_type"] == "fundraising", "amount_meur"].sum()
        national = _national(i18n.fmt_meur(all_raised, lang), lang)
    return Headline("funds", total, i18n.fmt_meur(total, lang), detail, raised, "funding", state.is_filtered, national)


@memoized
def deals_share(deals: pd.DataFrame, lang: str) -> Headline:
    world = deals.loc[deals["level"] == "world", "deals"].sum()
    france_rows = deals[deals["country_code"] == "FR"]
    france = france_rows["deals"].sum()
    share = 100 * france / world
    detail = i18n.t("overview.deals_detail", lang, france=i18n.fmt_number(france, lang),
                    world=i18n.fmt_number(world, lang))
    rows = pd.concat([france_rows, deals[deals["level"] == "world"]])
    return Headline("deals", share, i18n.fmt_pct(share, lang), detail, rows, "deals", False)


@memoized
def index_rank(index: pd.DataFrame, lang: str) -> Headline:
    ordered = index.sort_values("index", ascending=False).reset_index(drop=True)
    pos = ordered.index[ordered["country_code"] == "FR"]
    rank = int(pos[0]) + 1
    score = ordered.loc[pos[0], "index"]
    display = i18n.t("overview.rank_display", lang, rank=i18n.ordinal(rank, lang), n=len(ordered))
    detail = i18n.t("overview.index_detail", lang, score=i18n.fmt_number(score, lang, 2))
    try:  # the study's own chart shows fewer countries: France's rank there too
        chart_rank, chart_n = health_index.rank_in_study_chart(index)
        detail += " " + i18n.t("overview.index_study_chart", lang, rank=i18n.ordinal(chart_rank, lang), n=chart_n)
    except (KeyError, ValueError):
        pass
    return Headline("index", rank, display, detail, ordered[ordered["country_code"] == "FR"], "index", False)


@memoized
def jobs_2025(inputs_table: pd.DataFrame, lang: str) -> Headline:
    inputs = inputs_from_table(inputs_table)
    proj = project_jobs(inputs)
    last = proj.iloc[-1]
    total = float(last["jobs_total"])
    detail = i18n.t("overview.jobs_detail", lang, year=int(last["year"]),
                    new_companies=i18n.fmt_compact(last["new_companies"], lang),
                    types=i18n.fmt_number(inputs.job_types, lang))
    return Headline("jobs", total, i18n.fmt_number(total, lang), detail, inputs_table, "jobs", False)


@dataclass(frozen=True)
class Metric:
    """A figure shown on more than one surface: the datasets it reads and the one function that computes it."""

    key: str
    datasets: tuple[str, ...]
    compute: Callable[[Mapping[str, pd.DataFrame], FilterState, str], Headline]


# The overview's figures, in their order; the overview page, its slide and the deck all read them from here.
METRICS: tuple[Metric, ...] = (
    Metric("smt", ("smt_catalogue",), lambda f, s, lang: smt_identified(f["smt_catalogue"], s, lang)),
    Metric("companies", ("companies",), lambda f, s, lang: companies(f["companies"], s, lang)),
    Metric("employees", ("companies",), lambda f, s, lang: employees(f["companies"], s, lang)),
    Metric("funds", ("funding_rounds", "companies", "funding_context"),
           lambda f, s, lang: funds_raised(f["funding_rounds"], f["companies"], f["funding_context"], s, lang)),
    Metric("deals", ("deals_2018",), lambda f, s, lang: deals_share(f["deals_2018"], lang)),
    Metric("index", ("digital_health_index",), lambda f, s, lang: index_rank(f["digital_health_index"], lang)),
    Metric("jobs", ("jobs_projection_inputs",), lambda f, s, lang: jobs_2025(f["jobs_projection_inputs"], lang)),
)
METRICS_BY_KEY = {m.key: m for m in METRICS}
DATASETS = tuple(dict.fromkeys(name for m in METRICS for name in m.datasets))


def all_headlines(frames: Mapping[str, pd.DataFrame], state: FilterState, lang: str) -> tuple[Headline, ...]:
    """Every headline figure, in the overview's order."""
    return tuple(m.compute(frames, state, lang) for m in METRICS)
