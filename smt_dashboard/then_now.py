"""Then → now: where a later public figure answers a question the study measured, the study's figure and the latest
one side by side — never added, never blended: each keeps its own source, date and (for the later one) the badge.
Pure: which pairs, the study's side computed from its rows, the later side from the indicators table."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from smt_dashboard import catalogue, developments, health_index, i18n, indicators, metrics
from smt_dashboard.filters import FilterState

Frames = Mapping[str, object]


@dataclass(frozen=True)
class Side:
    value: str
    detail: str
    date: str
    rows: pd.DataFrame  # the rows behind it (the study's sources, or the indicator rows)
    beside: str = ""  # a figure to read with it (the EU average at the same date, France's count beside Germany's)

    def text(self, lang: str) -> str:
        separator = "; " if lang == "en" else " ; "
        return f"{self.value} ({self.date}) — {self.detail}" + (separator + self.beside if self.beside else "")


@dataclass(frozen=True)
class Pair:
    key: str
    question: str
    then: Side
    now: Side
    now_source: str  # publisher, date, read on
    caveat: str  # why the two are not the same measure


def _t(key: str, lang: str, **kwargs) -> str:
    return i18n.t(f"since.then_now.{key}", lang, **kwargs)


def _now(frames: Frames, indicator_id: str, geography: str, lang: str, detail_key: str,
         compare: tuple[str, str] | None = None) -> Side | None:
    table = frames["indicators"]
    latest = indicators.latest(table, indicator_id, geography, lang)
    if latest is None:
        return None
    rows = indicators.series(table, indicator_id, geography)
    rows = rows[rows["date"] == latest.date]
    beside = ""
    if compare is not None:
        others = indicators.series(table, compare[0], compare[1])
        # The other figure at the same date when there is one (the EU average of the same year), else its latest.
        same = others[others["date"] == latest.date]
        other_rows = same if not same.empty else others.sort_values("date", kind="stable").tail(1)
        if not other_rows.empty:
            other = indicators.reading(other_rows.iloc[-1], lang)
            beside = i18n.plural(f"since.then_now.{detail_key}_compare", int(other.value), lang, value=other.display,
                                 date=indicators.date_label(other.date, lang))
            rows = pd.concat([rows, other_rows])
    return Side(latest.display, _t(detail_key, lang), indicators.date_label(latest.date, lang), rows, beside)


def _index(frames: Frames, lang: str) -> tuple[Side, Side | None]:
    index = frames["digital_health_index"]
    ranking = health_index.published_ranking(index, lang)
    fr = ranking[ranking["is_france"]].iloc[0]
    then = Side(i18n.t("index.rank_of", lang, rank=i18n.ordinal(int(fr["rank"]), lang), n=len(ranking)),
                _t("index_then", lang, score=i18n.fmt_number(fr["index"], lang, 2)), "2018", index)
    return then, _now(frames, "ehealth_index_dd", "FR", lang, "index_now", ("ehealth_index_dd", "EU"))


def _reimbursed(frames: Frames, lang: str) -> tuple[Side, Side | None]:
    table = frames["smt_reimbursement"]
    k, total = catalogue.financed_or_in_progress(table), int(table["smt_count"].sum())
    then = Side(f"{i18n.fmt_number(k, lang)} / {i18n.fmt_number(total, lang)}", _t("reimbursed_then", lang), "2020",
                table)
    return then, _now(frames, "diga_listed_current", "DE", lang, "reimbursed_now", ("pecan_granted", "FR"))


def _funding(frames: Frames, lang: str) -> tuple[Side, Side | None]:
    figure = metrics.figure("funds", frames, FilterState(lang=lang))
    then = Side(i18n.fmt_meur(figure.value, lang), _t("funding_then", lang), "2010–2019", figure.rows)
    return then, _now(frames, "esante_startup_funds_meur", "FR", lang, "funding_now")


def _records(frames: Frames, lang: str) -> tuple[Side, Side | None]:
    survey = frames["adoption_survey"]
    row = survey[survey["stat_id"] == "public_online_records"]
    then = Side(i18n.fmt_pct(float(row["value_pct"].iloc[0]), lang, 0), _t("records_then", lang), "2018", row)
    return then, _now(frames, "mes_accounts_activated", "FR", lang, "records_now")


PAIRS: tuple[tuple[str, Callable[[Frames, str], tuple[Side, Side | None]], tuple[str, ...]], ...] = (
    ("index", _index, ("digital_health_index", "indicators")),
    ("reimbursed", _reimbursed, ("smt_reimbursement", "indicators")),
    ("funding", _funding, ("funding_rounds", "companies", "indicators")),
    ("records", _records, ("adoption_survey", "indicators")),
)
DATASETS = tuple(dict.fromkeys(name for _, _, names in PAIRS for name in names))


def pairs(frames: Frames, lang: str) -> list[Pair]:
    """The then → now pairs whose later figure is in the indicators table (a pair without one is left out)."""
    out = []
    for key, build, _ in PAIRS:
        then, now = build(frames, lang)
        if now is None:
            continue
        source = developments.source_line(now.rows, lang)
        out.append(Pair(key, _t(f"{key}_question", lang), then, now, source, _t(f"{key}_caveat", lang)))
    return out
