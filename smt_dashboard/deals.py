"""Digital-health deals of 2018 by geography: France's share, average deal size, rankings kept within a
geography level (countries and cities are never ranked together). Pure functions on ``deals_2018``."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from smt_dashboard.i18n import fmt_compact, fmt_musd, fmt_number, fmt_pct, normalize_lang, ordinal, t
from smt_dashboard.memo import memoized

METRICS = ("deals", "amount_musd", "avg_deal_musd")
SORTS = ("desc", "asc", "name")
LEVELS = ("country", "city")
FRANCE = "FR"




def world_deals(deals: pd.DataFrame) -> int:
    """Deals worldwide (the ``world`` row)."""
    return int(deals.loc[deals["level"] == "world", "deals"].sum())


@dataclass(frozen=True)
class FranceShare:
    """France's deals against the world's, and the rows behind it."""

    deals: int
    world: int
    amount_musd: float | None
    share_pct: float
    rows: pd.DataFrame


def france_share(deals: pd.DataFrame) -> FranceShare:
    """France's share of the world's deals (the study counts Paris's deals as France's)."""
    fr = deals[deals["country_code"] == FRANCE]
    world = world_deals(deals)
    n = int(fr["deals"].sum())
    amount = fr["amount_musd"].sum(min_count=1)
    rows = pd.concat([fr, deals[deals["level"] == "world"]])
    return FranceShare(n, world, None if pd.isna(amount) else float(amount), 100 * n / world if world else np.nan, rows)


def geographies(deals: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Countries and cities with their name, share of the world's deals and average deal size (M$ per
    deal, only where the amount is known)."""
    lang = normalize_lang(lang)
    world = world_deals(deals)
    geo = deals[deals["level"].isin(LEVELS)].copy()
    geo["name"] = geo[f"geography_{lang}"].fillna(geo["geography_fr"])
    geo["share_pct"] = 100 * geo["deals"].astype(float) / world if world else np.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        avg = geo["amount_musd"] / geo["deals"].astype(float)
    geo["avg_deal_musd"] = avg.where(geo["deals"] > 0)
    geo["is_france"] = geo["country_code"] == FRANCE
    return geo.reset_index(drop=True)


def rank_within_level(geo: pd.DataFrame, metric: str) -> pd.Series:
    """Rank (1 = largest) of each geography among those of the same level; missing values get no rank."""
    ranks = geo.groupby("level")[metric].rank(ascending=False, method="min")
    return ranks.astype("Int64")


def ordered(geo: pd.DataFrame, metric: str, sort: str = "desc") -> pd.DataFrame:
    """Geographies sorted within each level (countries first), missing values last, with ``rank``."""
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}")
    out = geo.assign(rank=rank_within_level(geo, metric), level_order=geo["level"].map(LEVELS.index),
                     missing=geo[metric].isna())
    if sort == "name":
        keys, ascending = ["level_order", "name"], [True, True]
    else:
        keys, ascending = ["level_order", "missing", metric, "name"], [True, True, sort == "asc", True]
    return out.sort_values(keys, ascending=ascending).drop(columns=["level_order", "missing"]).reset_index(drop=True)


@memoized
def chart_rows(geo: pd.DataFrame, metric: str, lang: str) -> pd.DataFrame:
    """What the bar chart draws: one row per geography with the metric, its printed value and labels."""
    fmt = {"deals": lambda v: fmt_number(v, lang), "amount_musd": lambda v: fmt_musd(v, lang),
           "avg_deal_musd": lambda v: fmt_musd(v, lang, 1)}[metric]
    return pd.DataFrame({
        "geography": geo["name"] + np.where(geo["is_france"], " (" + t("deals.france_tag", lang) + ")", ""),
        "level": geo["level"].map(lambda lv: t(f"deals.level.{lv}", lang)),
        "value": geo[metric].astype(float),
        "value_text": geo[metric].map(fmt),
        "rank": geo["rank"],
        "is_france": geo["is_france"],
    })


@dataclass(frozen=True)
class AverageComparison:
    """France's average deal size against the other geographies of its level whose amount is known."""

    name: str
    level: str
    france_avg: float
    rank: int
    known: int
    others: pd.DataFrame  # name, avg_deal_musd, sorted descending


def france_average_position(geo: pd.DataFrame) -> AverageComparison | None:
    """Where France's average deal size stands among the geographies of the same level (amount known)."""
    fr = geo[geo["is_france"] & geo["avg_deal_musd"].notna()]
    if fr.empty:
        return None
    level = fr.iloc[0]["level"]
    peers = geo[(geo["level"] == level) & geo["avg_deal_musd"].notna()].sort_values("avg_deal_musd", ascending=False)
    avg = float(fr.iloc[0]["avg_deal_musd"])
    rank = int((peers["avg_deal_musd"] > avg).sum()) + 1
    others = peers[~peers["is_france"]][["name", "avg_deal_musd"]].reset_index(drop=True)
    return AverageComparison(str(fr.iloc[0]["name"]), str(level), avg, rank, len(peers), others)


@memoized
def display_table(geo: pd.DataFrame, metric: str, lang: str) -> pd.DataFrame:
    """The sorted geographies for display and CSV: level shown on every row, rank within the level."""
    return pd.DataFrame({
        t("deals.col_geography", lang): geo["name"],
        t("deals.col_level", lang): geo["level"].map(lambda lv: t(f"deals.level.{lv}", lang)),
        t("deals.col_country", lang): geo["country_code"],
        t("deals.col_deals", lang): geo["deals"].astype(int),
        t("deals.col_share", lang): geo["share_pct"].map(lambda v: fmt_pct(v, lang)),
        t("deals.col_amount", lang): geo["amount_musd"].map(lambda v: fmt_musd(v, lang)),
        t("deals.col_avg", lang): geo["avg_deal_musd"].map(lambda v: fmt_compact(v, lang, 1)),
        t("deals.col_rank", lang, metric=t(f"deals.metric.{metric}", lang)):
            geo["rank"].map(lambda r: "–" if pd.isna(r) else ordinal(int(r), lang)),
        t("deals.col_note", lang): geo[f"note_{normalize_lang(lang)}"].fillna(geo["note_fr"]).fillna(""),
    })
