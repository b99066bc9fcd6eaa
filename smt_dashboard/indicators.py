"""Indicators since the study (2020 → today): dated public figures, each as its source prints it, kept apart from the
study's figures. Pure: the latest value of an indicator, its series, the checks a row must pass (the quote prints the
figure, one unit per indicator, one preferred value per date), and how a value reads."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from smt_dashboard import i18n
from smt_dashboard.checks import problem
from smt_dashboard.datasets import DatasetError

# Number words a quote may print instead of digits (« deux autorisations », « la cinquième ligne », « drei »).
_WORDS = {
    0: ("aucun", "aucune", "zero", "zéro", "no", "none", "kein", "keine", "null"),
    1: ("un", "une", "one", "first", "premier", "première", "ein", "eine", "erste"),
    2: ("deux", "two", "zwei", "second", "deuxième"), 3: ("trois", "three", "drei", "troisième"),
    4: ("quatre", "four", "vier", "quatrième"), 5: ("cinq", "five", "fünf", "cinquième", "fifth"),
    6: ("six", "sechs", "sixième"), 7: ("sept", "seven", "sieben"), 8: ("huit", "eight", "acht"),
    9: ("neuf", "nine", "neun"), 10: ("dix", "ten", "zehn"), 11: ("onze", "eleven", "elf"),
    12: ("douze", "twelve", "zwölf"),
}
_SPACES = "\u00a0\u202f\u2009 "


@dataclass(frozen=True)
class Reading:
    """One indicator value as a page shows it: the figure in the reader's format, its date, source and badge."""

    indicator_id: str
    label: str
    geography: str
    date: str
    value: float
    display: str
    counted: str
    publisher: str
    url: str
    read_on: str
    quote: str


def _digits(value: float) -> set[str]:
    """The ways a number can be printed: 1890 → 1890, 1 890, 1.890, 1,890; 7.2 → 7,2 / 7.2; 0.5 → 0,5."""
    out = set()
    for number in (value, value / 1000, value / 1_000_000, value * 1000):
        if number <= 0 and value != 0:
            continue
        for decimals in range(0, 3):
            if abs(round(number, decimals) - number) > 1e-9:
                continue
            whole, _, frac = f"{number:.{decimals}f}".partition(".")
            groups = [whole[max(0, i - 3):i] for i in range(len(whole), 0, -3)][::-1]
            for sep in ("", ",", ".", *_SPACES):
                grouped = sep.join(groups)
                out.add(grouped + ("," + frac if frac else ""))
                out.add(grouped + ("." + frac if frac else ""))
    return out


def quote_prints(value: float, quote: str) -> bool:
    """Whether ``quote`` prints ``value`` (digits in a French, English or German format, possibly in thousands or
    millions as "2,3 milliards", or a number word for a small whole number)."""
    text = str(quote)
    for form in _digits(float(value)):
        if re.search(r"(?<![\d.,])" + re.escape(form) + r"(?![\d]|[.,]\d)", text):
            return True
    if float(value).is_integer() and int(value) in _WORDS:
        words = re.findall(r"\w+", text.lower())
        return any(w in words for w in _WORDS[int(value)])
    return False


def check(indicators: pd.DataFrame) -> list[DatasetError]:
    """Cross-row rules: each quote prints its value, one unit and one label per indicator, at most one preferred
    value per indicator, geography and date."""
    out: list[DatasetError] = []
    for pos, row in enumerate(indicators.itertuples(index=False), start=2):
        if not quote_prints(row.value, row.quote):
            out.append(problem("indicators.csv", f"the quote does not print the value {row.value:g}", pos, "quote"))
    for column in ("unit", "label_fr", "label_en"):
        many = indicators.groupby("indicator_id")[column].nunique()
        for indicator in many[many > 1].index:
            out.append(problem("indicators.csv", f"{indicator!r} has more than one {column}", column=column))
    preferred = indicators[indicators["preferred"] == "yes"]
    twice = preferred.groupby(["indicator_id", "geography", "date"]).size()
    for key in twice[twice > 1].index:
        out.append(problem("indicators.csv", f"two preferred values for {key}: mark one 'no' and say why",
                           column="preferred"))
    return out


def shown(indicators: pd.DataFrame) -> pd.DataFrame:
    """The rows a page shows: the preferred value of each indicator × geography × date, in date order."""
    rows = indicators[indicators["preferred"] == "yes"]
    return rows.sort_values(["indicator_id", "geography", "date"], kind="stable").reset_index(drop=True)


def series(indicators: pd.DataFrame, indicator_id: str, geography: str | None = None) -> pd.DataFrame:
    rows = shown(indicators)
    rows = rows[rows["indicator_id"] == indicator_id]
    return rows if geography is None else rows[rows["geography"] == geography]


def display(value: float, unit: str, lang: str) -> str:
    """A value in its unit, as a reader reads it: "24 millions", "654,3 M€", "84 / 100", "1 890"."""
    if unit == "MEUR":
        return i18n.fmt_meur(value, lang)
    if unit == "EUR":
        return i18n.fmt_number(value, lang) + ("\u00a0€" if lang == "fr" else " €")
    if unit == "BUSD":
        return (i18n.fmt_compact(value, lang) + "\u00a0Md$") if lang == "fr" else f"${i18n.fmt_compact(value, lang)}bn"
    if unit == "score_0_100":
        return i18n.fmt_compact(value, lang) + " / 100"
    if unit == "percent":
        return i18n.fmt_pct(value, lang, 0 if float(value).is_integer() else 1)
    if unit in ("million_accounts", "million_documents"):
        return i18n.t("since.million", lang, n=i18n.fmt_compact(value, lang))
    return i18n.fmt_number(value, lang)


def date_label(value: str, lang: str) -> str:
    """"2024-10" → "oct. 2024"; "2024" → "2024"; "2024-01-18" → "18 janv. 2024"."""
    from smt_dashboard import policy

    return policy.format_partial_date(value, lang)


def latest(indicators: pd.DataFrame, indicator_id: str, geography: str, lang: str) -> Reading | None:
    """The most recent preferred value of an indicator for a geography (None when there is none)."""
    rows = series(indicators, indicator_id, geography)
    if rows.empty:
        return None
    row = rows.sort_values("date", kind="stable").iloc[-1]
    return reading(row, lang)


def reading(row: pd.Series, lang: str) -> Reading:
    return Reading(str(row["indicator_id"]), str(row[f"label_{lang}"]), str(row["geography"]), str(row["date"]),
                   float(row["value"]), display(float(row["value"]), str(row["unit"]), lang),
                   str(row[f"counted_{lang}"]), str(row["source_publisher"]), str(row["source_url"]),
                   str(row["read_on"]), str(row["quote"]))
