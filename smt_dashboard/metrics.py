"""The figures that appear on more than one surface (overview cards, profiles, key messages, the map's figures, slides
and the deck), each computed by one function with one label per definition: filters in, the value under the filters
and France's value out, with the rows the filters could not judge and the rows behind it. Surfaces call these; none
recomputes. Pure functions."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from smt_dashboard import filters, i18n
from smt_dashboard.filters import FilterState, Judged
from smt_dashboard.memo import memoized

Frames = Mapping[str, pd.DataFrame]


@dataclass(frozen=True)
class Figure:
    """One figure: its value under the active filters, France's value by the same definition, whether a filter acts
    on it, the rows a filter could not judge ("non renseigné"), and the rows behind it (its sources)."""

    key: str
    value: float | None
    national: float | None
    filtered: bool
    rows: pd.DataFrame = field(repr=False, compare=False)
    unjudged: int = 0
    unjudged_by: tuple[str, ...] = ()
    unit: str = "count"  # count | meur (M€)
    whole: pd.DataFrame | None = field(default=None, repr=False, compare=False)  # the table France's value reads

    @property
    def sources(self) -> pd.DataFrame:
        """The rows whose sources back the figure: its own, or, for a zero, the table that shows there is none."""
        return self.rows if not self.rows.empty or self.whole is None else self.whole

    @property
    def is_none(self) -> bool:
        """A filter left nothing to count (say so in words rather than print a zero that reads like an error)."""
        return self.filtered and not self.value

    def label(self, lang: str) -> str:
        """The one label of this definition ("Salariés des entreprises françaises")."""
        return i18n.t(f"metrics.{self.key}", lang)

    def display(self, lang: str) -> str:
        return _fmt(self.value, self.unit, lang)

    def national_display(self, lang: str) -> str:
        return _fmt(self.national, self.unit, lang)

    def scope(self, lang: str) -> str:
        """The scope words every surface uses: "France : 635" under a filter, "France entière" when none acts on it."""
        if self.filtered:
            return i18n.t("metrics.scope_filtered", lang, value=self.national_display(lang))
        return i18n.t("metrics.scope_national", lang)


def _fmt(value: float | None, unit: str, lang: str) -> str:
    if value is None:
        return i18n.not_disclosed(lang)
    return i18n.fmt_meur(value, lang) if unit == "meur" else i18n.fmt_number(value, lang)


def _acts(state: FilterState, attrs: tuple[str, ...]) -> bool:
    return any(getattr(state, a) for a in attrs)


COMPANY_FILTERS = ("regions", "areas", "models", "nationalities")


@memoized
def _companies(companies: pd.DataFrame, state: FilterState) -> tuple[pd.DataFrame, Judged]:
    france = filters.france_companies(companies)
    return france, filters.judge_companies(france, state)


def _company_figure(key: str, frames: Frames, state: FilterState, scope: str | None, column: str | None) -> Figure:
    france, judged = _companies(frames["companies"], state)
    rows, whole = judged.rows, france
    if scope is not None:
        rows, whole = rows[rows["scope"] == scope], whole[whole["scope"] == scope]
    value = len(rows) if column is None else int(rows[column].sum())
    national = len(whole) if column is None else int(whole[column].sum())
    unjudged = judged.unjudged if scope is None else judged.unjudged[judged.unjudged["scope"] == scope]
    return Figure(key, value, national, _acts(state, COMPANY_FILTERS), rows, len(unjudged),
                  tuple(judged.unjudged_by) if len(unjudged) else (), whole=whole)


def companies(frames: Frames, state: FilterState) -> Figure:
    """Companies developing SMT in France: French companies and French subsidiaries of foreign ones."""
    return _company_figure("companies", frames, state, None, None)


def french_companies(frames: Frames, state: FilterState) -> Figure:
    return _company_figure("french_companies", frames, state, "french", None)


def subsidiaries(frames: Frames, state: FilterState) -> Figure:
    return _company_figure("subsidiaries", frames, state, "foreign_subsidiary", None)


def employees_french(frames: Frames, state: FilterState) -> Figure:
    """Staff of the French companies (the study: « ~635 personnes »)."""
    return _company_figure("employees_french", frames, state, "french", "employees")


def employees_subsidiaries(frames: Frames, state: FilterState) -> Figure:
    """Staff in France of the foreign companies' subsidiaries (never added to the French companies' staff)."""
    return _company_figure("employees_subsidiaries", frames, state, "foreign_subsidiary", "employees")


def smt(frames: Frames, state: FilterState) -> Figure:
    """SMT of the study's catalogue (the 40), in the chosen therapy areas."""
    catalogue = frames["smt_catalogue"]
    rows = filters.apply_area(catalogue, state)
    return Figure("smt", int(rows["smt_count"].sum()), int(catalogue["smt_count"].sum()), bool(state.areas), rows,
                  whole=catalogue)


@memoized
def _rounds(rounds: pd.DataFrame, companies_df: pd.DataFrame, state: FilterState) -> Judged:
    return filters.judge_company_rows(rounds, filters.france_companies(companies_df), state)


def funds(frames: Frames, state: FilterState) -> Figure:
    """Money raised by the French companies in fundraisings (disclosed amounts, summed; M€)."""
    rounds = frames["funding_rounds"]
    judged = _rounds(rounds, frames["companies"], state)
    raised = judged.rows[judged.rows["round_type"] == "fundraising"]
    whole = rounds[rounds["round_type"] == "fundraising"]
    unjudged = judged.unjudged[judged.unjudged["round_type"] == "fundraising"]
    return Figure("funds", float(raised["amount_meur"].sum()), float(whole["amount_meur"].sum()),
                  _acts(state, COMPANY_FILTERS), raised, len(unjudged), tuple(judged.unjudged_by) if len(unjudged) else (),
                  unit="meur", whole=whole)


def operations(frames: Frames, state: FilterState) -> Figure:
    """Funding operations of every type (fundraisings, IPOs, capital increases, acquisitions…)."""
    rounds = frames["funding_rounds"]
    judged = _rounds(rounds, frames["companies"], state)
    return Figure("operations", len(judged.rows), len(rounds), _acts(state, COMPANY_FILTERS), judged.rows,
                  judged.n_unjudged, tuple(judged.unjudged_by), whole=rounds)


def company_funds(frames: Frames, company_id: str) -> Figure:
    """What one company raised in fundraisings, by the same definition as :func:`funds` (None when it raised but
    disclosed no amount: "non communiqué"); France's figure beside it."""
    rounds = frames["funding_rounds"]
    whole = rounds[rounds["round_type"] == "fundraising"]
    raised = whole[whole["company_id"].astype(str) == str(company_id)]
    value = None if len(raised) and raised["amount_meur"].isna().all() else float(raised["amount_meur"].sum())
    return Figure("company_funds", value, float(whole["amount_meur"].sum()), True, raised, unit="meur", whole=whole)


def company_operations(frames: Frames, company_id: str) -> Figure:
    """One company's funding operations of every type."""
    rounds = frames["funding_rounds"]
    own = rounds[rounds["company_id"].astype(str) == str(company_id)]
    return Figure("company_operations", len(own), len(rounds), True, own, whole=rounds)


def company_amount(frames: Frames, company_id: str) -> Figure:
    """The disclosed amounts of one company's operations of every type, summed (None when none is disclosed)."""
    rounds = frames["funding_rounds"]
    own = rounds[rounds["company_id"].astype(str) == str(company_id)]
    value = None if own["amount_meur"].isna().all() else float(own["amount_meur"].sum())
    return Figure("company_amount", value, float(rounds["amount_meur"].sum()), True, own, unit="meur", whole=rounds)


def dtx(frames: Frames, state: FilterState) -> Figure:
    """Digital therapeutics with a drug-maker partner, by the study's count per therapy area (the named list gives an
    area for few of them: it is never used to count by area)."""
    areas = frames["digital_therapeutics_areas"]
    rows = filters.apply_area(areas, state)
    return Figure("dtx", int(rows["dtx_count"].sum()), int(areas["dtx_count"].sum()), bool(state.areas), rows, whole=areas)


def _region_figure(key: str, frames: Frames, state: FilterState, table: str) -> Figure:
    whole = frames[table]
    judged = filters.judge_region(whole, state, frames["cities"])
    return Figure(key, len(judged.rows), len(whole), bool(state.regions), judged.rows, judged.n_unjudged,
                  tuple(judged.unjudged_by), whole=whole)


def ux_campuses(frames: Frames, state: FilterState) -> Figure:
    """Campuses offering an initial UX/UI design programme, in the chosen regions."""
    return _region_figure("ux_campuses", frames, state, "training_ux_establishments")


def ra_masters(frames: Frames, state: FilterState) -> Figure:
    return _region_figure("ra_masters", frames, state, "training_ra_masters")


def dus(frames: Frames, state: FilterState) -> Figure:
    return _region_figure("dus", frames, state, "training_dus")


@dataclass(frozen=True)
class Metric:
    key: str
    datasets: tuple[str, ...]
    compute: Callable[[Frames, FilterState], Figure]


METRICS: tuple[Metric, ...] = (
    Metric("companies", ("companies",), companies),
    Metric("french_companies", ("companies",), french_companies),
    Metric("subsidiaries", ("companies",), subsidiaries),
    Metric("employees_french", ("companies",), employees_french),
    Metric("employees_subsidiaries", ("companies",), employees_subsidiaries),
    Metric("smt", ("smt_catalogue",), smt),
    Metric("funds", ("funding_rounds", "companies"), funds),
    Metric("operations", ("funding_rounds", "companies"), operations),
    Metric("dtx", ("digital_therapeutics_areas",), dtx),
    Metric("ux_campuses", ("training_ux_establishments", "cities"), ux_campuses),
    Metric("ra_masters", ("training_ra_masters", "cities"), ra_masters),
    Metric("dus", ("training_dus", "cities"), dus),
)
METRICS_BY_KEY = {m.key: m for m in METRICS}


def figure(key: str, frames: Frames, state: FilterState) -> Figure:
    """The figure ``key`` under these filters."""
    return METRICS_BY_KEY[key].compute(frames, state)
