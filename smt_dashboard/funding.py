"""Funding of the French SMT companies: round dates, totals by type, the published-total check,
timeline and yearly aggregates, investors. Pure functions on the ``funding_rounds`` table."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from smt_dashboard import filters
from smt_dashboard.filters import FilterState
from smt_dashboard.i18n import fmt_compact, fmt_meur, fmt_month, label, normalize_lang, not_disclosed, t
from smt_dashboard.memo import memoized
from smt_dashboard.schemas import ROUND_TYPES

# Above this many rounds the timeline draws one mark per company × year × type × disclosed, not per round.
AGGREGATE_ABOVE = 500
# Amounts are printed to 0.1 M€, so each one may be off by up to half of that.
AMOUNT_PRECISION_MEUR = 0.1
# Types whose totals the page shows side by side (acquisitions and LBOs are read together).
TOTAL_GROUPS: dict[str, tuple[str, ...]] = {
    "fundraising": ("fundraising",),
    "ipo": ("ipo",),
    "capital_increase": ("capital_increase",),
    "acquisition_lbo": ("acquisition", "lbo"),
}


def parse_dates(dates: pd.Series) -> pd.DataFrame:
    """Year, a plotting date and the precision of ``YYYY-MM`` / ``YYYY`` / empty dates.

    A month is placed on its 15th and a bare year on 1 July, so that neither reads as a precise day."""
    text = dates.astype("string")
    year = pd.to_numeric(text.str.slice(0, 4), errors="coerce").astype("Int64")
    month = pd.to_numeric(text.str.slice(5, 7), errors="coerce").astype("Int64")
    precision = np.where(month.notna(), "month", np.where(year.notna(), "year", "none"))
    when = pd.Series(pd.NA, index=dates.index, dtype="string")
    has_month = month.notna().to_numpy()
    has_year_only = (year.notna() & month.isna()).to_numpy()
    when[has_month] = text[has_month].str.slice(0, 7) + "-15"
    when[has_year_only] = text[has_year_only].str.slice(0, 4) + "-07-01"
    return pd.DataFrame({"year": year, "when": when, "date_precision": precision}, index=dates.index)


@memoized
def prepare(rounds: pd.DataFrame, companies: pd.DataFrame) -> pd.DataFrame:
    """Rounds with the company name, year, plotting date and a ``disclosed`` flag (amount given)."""
    names = companies.set_index("company_id")["name"]
    out = rounds.copy()
    out["company"] = out["company_id"].map(names).fillna(out["company_id"])
    out[["year", "when", "date_precision"]] = parse_dates(out["date"])
    out["disclosed"] = out["amount_meur"].notna()
    return out


@memoized
def filter_rounds(rounds: pd.DataFrame, company_ids: tuple[str, ...] = (), types: tuple[str, ...] = (),
                  years: tuple[int, int] | None = None) -> pd.DataFrame:
    """Prepared rounds of the chosen companies and types (empty = all) dated within ``years``.

    Rounds without a date cannot fall in a period: the period keeps them only when it is ``None``."""
    mask = pd.Series(True, index=rounds.index)
    if company_ids:
        mask &= rounds["company_id"].isin(company_ids)
    if types:
        mask &= rounds["round_type"].isin(types)
    if years is not None:
        lo, hi = years
        mask &= rounds["year"].between(lo, hi).fillna(False).astype(bool)
    return rounds[mask]


def select(rounds: pd.DataFrame, companies: pd.DataFrame, state: FilterState, names: tuple[str, ...] = (),
           types: tuple[str, ...] = (), period: tuple[int, int] | None = None) -> pd.DataFrame:
    """The funding page's selection: rounds of the companies that pass the global filters, prepared, then of the
    named companies and types (empty = all) within ``period`` (None = every round, undated ones included)."""
    scoped = prepare(filters.apply_to_company_rows(rounds, companies, state), companies)
    ids = tuple(scoped.loc[scoped["company"].isin(names), "company_id"].unique()) if names else ()
    if names and not ids:
        return scoped.iloc[0:0]
    return filter_rounds(scoped, ids, tuple(types), tuple(period) if period else None)


def split_dated(rounds: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(rounds with a date, rounds without: e.g. a round under way or own funds), listed apart."""
    dated = rounds["year"].notna()
    return rounds[dated], rounds[~dated]


@memoized
def totals_by_type(rounds: pd.DataFrame) -> pd.DataFrame:
    """Per round type: rounds, disclosed and undisclosed counts, and the sum of the disclosed amounts
    (missing, not 0, when no amount of that type is disclosed)."""
    grouped = rounds.groupby("round_type", observed=True)
    out = pd.DataFrame({
        "rounds": grouped.size(),
        "disclosed": grouped["amount_meur"].count(),
        "total_meur": grouped["amount_meur"].sum(min_count=1),
    })
    out["undisclosed"] = out["rounds"] - out["disclosed"]
    order = [t for t in ROUND_TYPES if t in out.index] + [t for t in out.index if t not in ROUND_TYPES]
    out = out.loc[order].rename_axis("round_type").reset_index()
    return out[["round_type", "rounds", "disclosed", "undisclosed", "total_meur"]]


@dataclass(frozen=True)
class GroupTotal:
    """Total of a group of round types: rounds, undisclosed rounds and the disclosed sum (None if none)."""

    key: str
    rounds: int
    undisclosed: int
    total_meur: float | None


def group_totals(totals: pd.DataFrame, groups: dict[str, tuple[str, ...]] = TOTAL_GROUPS) -> list[GroupTotal]:
    """Combine :func:`totals_by_type` rows into the page's groups (e.g. acquisitions + LBOs)."""
    out = []
    for key, types in groups.items():
        rows = totals[totals["round_type"].isin(types)]
        total = rows["total_meur"].sum(min_count=1)
        out.append(GroupTotal(key, int(rows["rounds"].sum()), int(rows["undisclosed"].sum()),
                              None if pd.isna(total) else float(total)))
    return out


@dataclass(frozen=True)
class PublishedCheck:
    """The sum of the table's fundraising rounds against the figure the study prints."""

    computed_meur: float
    published_meur: float | None
    disclosed_rounds: int
    gap_meur: float | None
    tolerance_meur: float

    @property
    def within_rounding(self) -> bool:
        """True when the gap can come from each amount being rounded to 0.1 M€."""
        return self.gap_meur is not None and abs(self.gap_meur) <= self.tolerance_meur + 1e-9


def published_check(rounds: pd.DataFrame, context: pd.DataFrame) -> PublishedCheck:
    """Compare the fundraising sum of ``rounds`` with ``published_fundraising_total`` of the context table."""
    raised = rounds.loc[rounds["round_type"] == "fundraising", "amount_meur"].dropna()
    computed = round(float(raised.sum()), 6)
    published_rows = context.loc[context["item_id"] == "published_fundraising_total", "value_low"]
    published = float(published_rows.iloc[0]) if not published_rows.empty else None
    gap = None if published is None else round(computed - published, 6)
    return PublishedCheck(computed, published, len(raised), gap, len(raised) * AMOUNT_PRECISION_MEUR / 2)


def rounds_above(rounds: pd.DataFrame, threshold_meur: float, types: tuple[str, ...] = ("fundraising",)) -> pd.DataFrame:
    """Disclosed rounds of ``types`` strictly above ``threshold_meur``, largest first."""
    rows = rounds[rounds["round_type"].isin(types) & (rounds["amount_meur"] > threshold_meur).fillna(False)]
    return rows.sort_values("amount_meur", ascending=False)


def context_value(context: pd.DataFrame, item_id: str) -> pd.Series | None:
    """One row of the funding context table, or None when it is absent."""
    rows = context[context["item_id"] == item_id]
    return None if rows.empty else rows.iloc[0]


@memoized
def timeline_data(rounds: pd.DataFrame, lang: str, max_rows: int = AGGREGATE_ABOVE) -> tuple[pd.DataFrame, bool]:
    """The marks of the timeline and whether they are aggregated.

    Up to ``max_rows`` dated rounds: one mark per round. Beyond: one mark per company × year × type ×
    disclosed (amounts summed, rounds counted), so the chart never receives more rows than it draws."""
    dated, _ = split_dated(rounds)
    aggregated = len(dated) > max_rows
    if not aggregated:
        out = dated[["company", "when", "date", "round_type", "amount_meur", "disclosed"]].copy()
        out["rounds"] = 1
        out["period"] = [fmt_month(d, lang) for d in out["date"]]
    else:
        keys = ["company", "year", "round_type", "disclosed"]
        out = (dated.groupby(keys, observed=True)
               .agg(amount_meur=("amount_meur", lambda s: s.sum(min_count=1)), rounds=("round_id", "size"))
               .reset_index())
        out["when"] = out["year"].astype("string") + "-07-01"
        out["period"] = out["year"].astype("string")
    out["type_label"] = out["round_type"].map(lambda code: label("round", code, lang))
    out.loc[~out["disclosed"], "amount_meur"] = np.nan
    cols = ["company", "period", "when", "round_type", "type_label", "amount_meur", "rounds", "disclosed"]
    return out[cols].sort_values(["company", "when"]).reset_index(drop=True), aggregated


@memoized
def yearly_totals(rounds: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Per year and round type: disclosed sum (M€), rounds and undisclosed rounds (dated rounds only)."""
    dated, _ = split_dated(rounds)
    grouped = dated.groupby(["year", "round_type"], observed=True)
    out = pd.DataFrame({
        "total_meur": grouped["amount_meur"].sum(min_count=1),
        "rounds": grouped.size(),
        "undisclosed": grouped["amount_meur"].apply(lambda s: int(s.isna().sum())),
    }).reset_index()
    out["year"] = out["year"].astype(int)
    out["type_label"] = out["round_type"].map(lambda code: label("round", code, lang))
    return out[["year", "round_type", "type_label", "total_meur", "rounds", "undisclosed"]]


@memoized
def investor_rounds(rounds: pd.DataFrame) -> pd.DataFrame:
    """One row per investor × round (the ``;``-list of investors exploded); rounds without investors drop out."""
    cols = ["round_id", "company", "date", "round_type", "amount_meur"]
    named = rounds[rounds["investors"].notna()]
    out = named[cols].assign(investor=named["investors"].str.split(";")).explode("investor")
    out["investor"] = out["investor"].str.strip()
    return out[out["investor"].str.len() > 0][["investor", *cols]].reset_index(drop=True)


@memoized
def investor_counts(rounds: pd.DataFrame, top: int | None = None) -> pd.DataFrame:
    """Investors by number of rounds (then companies, then name), with the companies they funded."""
    pairs = investor_rounds(rounds)
    grouped = pairs.groupby("investor")
    out = pd.DataFrame({
        "rounds": grouped["round_id"].nunique(),
        "companies": grouped["company"].nunique(),
        "company_names": grouped["company"].agg(lambda s: ", ".join(sorted(set(s)))),
    }).reset_index()
    out = out.sort_values(["rounds", "companies", "investor"], ascending=[False, False, True]).reset_index(drop=True)
    return out if top is None else out.head(top)


# --- display tables (translated headers, "non communiqué" for missing amounts) ----------------------------

def format_context_value(row: pd.Series, lang: str) -> str:
    """A context figure as printed: ``230 M€``, ``200 à 250 M€``, ``6 Md€``, ``≈ 10``."""
    low, high, unit = row["value_low"], row["value_high"], row["unit"]
    if unit != "M€":
        return t("funding.about", lang, value=fmt_compact(low, lang))
    if low >= 1000:
        # Billions read better than "6 000 M€" for the 6 Md€ agreement.
        return t("funding.bn_eur", lang, value=fmt_compact(low / 1000, lang))
    if low == high:
        return fmt_meur(low, lang)
    return t("funding.range_meur", lang, low=fmt_compact(low, lang), high=fmt_compact(high, lang))


@memoized
def totals_table(totals: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Totals by round type for display."""
    return pd.DataFrame({
        t("funding.col_type", lang): totals["round_type"].map(lambda c: label("round", c, lang)),
        t("funding.col_rounds", lang): totals["rounds"].astype(int),
        t("funding.col_disclosed", lang): totals["disclosed"].astype(int),
        t("funding.col_undisclosed", lang): totals["undisclosed"].astype(int),
        t("funding.col_total", lang): totals["total_meur"].map(lambda v: fmt_meur(v, lang)),
    })


@memoized
def rounds_table(rounds: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rounds for display: company, date, type, amount, investors, note."""
    lang = normalize_lang(lang)
    return pd.DataFrame({
        t("funding.col_company", lang): rounds["company"],
        t("funding.col_date", lang): [fmt_month(d, lang) or t("funding.no_date", lang) for d in rounds["date"]],
        t("funding.col_type", lang): rounds["round_type"].map(lambda c: label("round", c, lang)),
        t("funding.col_amount", lang): rounds["amount_meur"].map(lambda v: fmt_meur(v, lang)),
        t("funding.col_investors", lang): rounds["investors"].fillna(not_disclosed(lang)).str.replace(";", ", "),
        t("funding.col_note", lang): rounds[f"note_{lang}"].fillna(rounds["note_fr"]).fillna(""),
    }).reset_index(drop=True)


@memoized
def investors_table(pairs: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Investor × round pairs for display, sorted by investor then date."""
    ordered = pairs.sort_values(["investor", "date"])
    return pd.DataFrame({
        t("funding.col_investor", lang): ordered["investor"],
        t("funding.col_company", lang): ordered["company"],
        t("funding.col_date", lang): [fmt_month(d, lang) or t("funding.no_date", lang) for d in ordered["date"]],
        t("funding.col_type", lang): ordered["round_type"].map(lambda c: label("round", c, lang)),
        t("funding.col_amount", lang): ordered["amount_meur"].map(lambda v: fmt_meur(v, lang)),
    }).reset_index(drop=True)
