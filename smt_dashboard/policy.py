"""Policy & regulatory environment: milestone dates at the precision the study gives, the timeline rows,
the barriers by level and the country benchmark cards. Pure functions (no Streamlit)."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date

import pandas as pd
from babel.dates import format_date

from smt_dashboard import i18n, schemas

# ISO 3166-1 alpha-2 (GB = United Kingdom), GB-ENG (ISO 3166-2) where a milestone is England only (NICE), EU.
JURISDICTIONS = tuple(schemas.JURISDICTIONS)
LEVELS = ("system", "ecosystem", "company")
# The benchmark's United Kingdom card compares with the index's England (NHS) row: the index scores England only.
INDEX_CODE = {"GB": "GB-ENG"}
_BABEL = {"fr": "fr_FR", "en": "en_GB"}


def parse_date(text: str) -> tuple[date, str]:
    """``"2018-09"`` → (2018-09-01, "month"); ``"2016"`` → (2016-01-01, "year"); ``"2019-12-21"`` → day."""
    parts = [int(p) for p in str(text).split("-")]
    precision = {1: "year", 2: "month", 3: "day"}[len(parts)]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1), precision


def format_partial_date(text: object, lang: str = "fr") -> str:
    """A date as precise as the source gives it: "2016", "septembre 2018", "21 décembre 2019"."""
    if i18n.is_missing(text) or not str(text).strip():
        return i18n.t("policy.undated", lang)
    start, precision = parse_date(str(text))
    if precision == "year":
        return str(start.year)
    pattern = "MMMM y" if precision == "month" else "d MMMM y"
    return format_date(start, pattern, locale=_BABEL[i18n.normalize_lang(lang)])


def event_span(text: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day the date can mean: a whole year, a whole month, or one day."""
    start, precision = parse_date(text)
    begin = pd.Timestamp(start)
    if precision == "year":
        end = pd.Timestamp(year=start.year, month=12, day=31)
    elif precision == "month":
        end = begin + pd.offsets.MonthEnd(0)
    else:
        end = begin
    return begin, end


def jurisdiction_label(code: str, lang: str = "fr") -> str:
    """Display name of a jurisdiction / country code (FR → France, GB → Royaume-Uni, GB-ENG → Angleterre…), from
    the ``codes.country.*`` labels shared by every table that holds a country code."""
    return i18n.label("country", code, lang)


def wrap(text: str, width: int = 56) -> str:
    """Text broken into lines of at most ``width`` characters (joined by a newline) for chart labels."""
    # French quotes keep their inner space: a line never starts with "»" nor ends with "«".
    text = str(text).replace("« ", "«\u00a0").replace(" »", "\u00a0»")
    return "\n".join(textwrap.wrap(text, width=width)) or text


def dated(events: pd.DataFrame) -> pd.DataFrame:
    """Milestones the study dates (date_precision other than "none")."""
    return events[(events["date_precision"] != "none") & events["date"].notna()]


def undated(events: pd.DataFrame, jurisdictions: tuple[str, ...] = ()) -> pd.DataFrame:
    """Milestones the study gives no date for, optionally limited to some jurisdictions."""
    rows = events[(events["date_precision"] == "none") | events["date"].isna()]
    if jurisdictions:
        rows = rows[rows["jurisdiction"].isin(jurisdictions)]
    return rows.sort_values(["jurisdiction", "event_id"])


def year_bounds(events: pd.DataFrame) -> tuple[int, int]:
    """First and last year among the dated milestones."""
    years = [parse_date(d)[0].year for d in dated(events)["date"]]
    return min(years), max(years)


def timeline_rows(events: pd.DataFrame, lang: str = "fr", jurisdictions: tuple[str, ...] = (),
                  years: tuple[int, int] | None = None) -> pd.DataFrame:
    """One row per dated milestone to draw (filtered by jurisdiction and by year), in date order, with its
    span (a year-only date spans the whole year), its display date, wrapped label and budget if any."""
    rows = dated(events)
    if jurisdictions:
        rows = rows[rows["jurisdiction"].isin(jurisdictions)]
    out = rows.copy()
    spans = [event_span(d) for d in out["date"]]
    out["start"] = [s for s, _ in spans]
    out["end"] = [e for _, e in spans]
    out["mid"] = out["start"] + (out["end"] - out["start"]) / 2
    out["year"] = [s.year for s, _ in spans]
    if years is not None:
        out = out[(out["year"] >= years[0]) & (out["year"] <= years[1])]
    out = out.sort_values(["start", "end", "event_id"])
    out["jurisdiction_label"] = [jurisdiction_label(c, lang) for c in out["jurisdiction"]]
    out["title"] = [i18n.pick(r, "title", lang) for _, r in out.iterrows()]
    out["detail"] = [i18n.pick(r, "detail", lang) or "" for _, r in out.iterrows()]
    out["date_label"] = [format_partial_date(d, lang) for d in out["date"]]
    out["budget"] = [budget_label(r, lang) for _, r in out.iterrows()]
    out["label"] = [wrap(t + (f" ({b})" if b else "")) for t, b in zip(out["title"], out["budget"])]
    return out.reset_index(drop=True)


def split_isolated(rows: pd.DataFrame, gap_years: int = 5) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the milestones to draw, the early ones left off the axis): a milestone alone more than ``gap_years`` before
    all the others (FDA 2002 before 2015…) would squeeze them into a corner of the timeline."""
    years = sorted(rows["year"].unique())
    cut = 0
    while len(years) - cut > 2 and years[cut + 1] - years[cut] >= gap_years:
        cut += 1
    if not cut:
        return rows, rows.iloc[0:0]
    early = rows["year"] <= years[cut - 1]
    return rows[~early], rows[early]


def budget_label(row: pd.Series, lang: str = "fr") -> str:
    """The milestone's budget as shown ("264 M$"), or "" when the study gives none."""
    amount, unit = row.get("amount"), row.get("amount_unit")
    if i18n.is_missing(amount):
        return ""
    if unit == "M$":
        return i18n.fmt_musd(amount, lang)
    if unit == "M€":
        return i18n.fmt_meur(amount, lang)
    return f"{i18n.fmt_compact(amount, lang)} {unit}"


def budgets(events: pd.DataFrame) -> pd.DataFrame:
    """Milestones that come with a budget (Israel's 2018 plan)."""
    return events[events["amount"].notna()]


@dataclass(frozen=True)
class BarrierGroup:
    """The barriers of one level, who faces them, and the rows."""

    level: str
    actors: tuple[str, ...]
    rows: pd.DataFrame


def barrier_groups(barriers: pd.DataFrame) -> list[BarrierGroup]:
    """Barriers by level (system, ecosystem, company), each in the study's order."""
    groups = []
    for level in LEVELS:
        rows = barriers[barriers["level"] == level].sort_values("order")
        if not rows.empty:
            groups.append(BarrierGroup(level, tuple(dict.fromkeys(rows["actor"])), rows))
    return groups


@dataclass(frozen=True)
class BenchmarkCard:
    """One country of the benchmark: its points, and its digital health index score when the index has it."""

    country_code: str
    name: str
    points: tuple[str, ...]
    index_score: float | None
    index_name: str | None
    rows: pd.DataFrame
    index_rows: pd.DataFrame


def benchmark_cards(benchmarks: pd.DataFrame, index: pd.DataFrame | None, lang: str = "fr") -> list[BenchmarkCard]:
    """The country cards in the study's order, each with the Bertelsmann index score of that country (or of
    England for the United Kingdom) when the index covers it."""
    cards = []
    for code in dict.fromkeys(benchmarks["country_code"]):
        rows = benchmarks[benchmarks["country_code"] == code].sort_values("order")
        score, index_name, index_rows = None, None, pd.DataFrame()
        if index is not None:
            index_rows = index[index["country_code"] == INDEX_CODE.get(code, code)]
            if not index_rows.empty:
                score = float(index_rows.iloc[0]["index"])
                index_name = i18n.pick(index_rows.iloc[0], "country", lang)
        cards.append(BenchmarkCard(code, i18n.pick(rows.iloc[0], "country", lang) or code,
                                   tuple(i18n.pick(r, "point", lang) or "" for _, r in rows.iterrows()),
                                   score, index_name, rows, index_rows))
    return cards


def france_index(index: pd.DataFrame) -> pd.DataFrame:
    """France's row of the digital health index (for comparison on the cards)."""
    return index[index["country_code"] == "FR"]
