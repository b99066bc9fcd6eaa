"""Source lines: turn a row's source ids into the citation printed under a figure or chart."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from smt_dashboard.i18n import t
from smt_dashboard.memo import memoized


def _split(ids: Iterable[str] | str | None) -> list[str]:
    if ids is None or (isinstance(ids, float) and pd.isna(ids)):
        return []
    if isinstance(ids, str):
        return [i for i in ids.split(";") if i]
    out: list[str] = []
    for item in ids:
        out += _split(item)
    return out


def _unique(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def _column_ids(rows: pd.DataFrame, column: str) -> list[str]:
    # Distinct cells first (in order of appearance): a column repeats a handful of ids over all its rows.
    return _split(rows[column].dropna().unique().tolist()) if column in rows.columns else []


def short_citation(source_id: str, sources: pd.DataFrame, lang: str = "fr") -> str:
    """The short citation of one source, e.g. ``StartUp Health (2018)``."""
    row = sources.loc[sources["source_id"] == source_id]
    if row.empty:
        return source_id
    return str(row.iloc[0]["citation_en" if lang == "en" else "citation_fr"])


@memoized
def source_line(rows: pd.DataFrame, sources: pd.DataFrame, lang: str,
                extra_ids: Iterable[str] = ()) -> str:
    """"Source : AEC Partners (2020), d'après Microsoft (2017), PIPAME (2015)" for the given rows."""
    main: list[str] = []
    cited: list[str] = []
    for col in ("source_id", "subindex_source_id"):
        main += _column_ids(rows, col)
    cited += _column_ids(rows, "cited_source_ids")
    main = _unique(main + _split(list(extra_ids)))
    cited = [c for c in _unique(cited) if c not in main]
    if not main:
        return t("common.source_missing", lang)
    column = "citation_en" if lang == "en" else "citation_fr"
    citations = dict(zip(sources["source_id"], sources[column]))
    main_text = _unique([str(citations.get(s, s)) for s in main])
    cited_text = [c for c in _unique([str(citations.get(s, s)) for s in cited]) if c not in main_text]
    text = t("common.source", lang) + " " + ", ".join(main_text)
    if cited_text:
        text += ", " + t("common.after", lang) + " " + ", ".join(cited_text)
    return text


def source_ids(rows: pd.DataFrame) -> list[str]:
    """Every source id referenced by ``rows`` (main and cited), in order of appearance."""
    ids: list[str] = []
    for col in ("source_id", "subindex_source_id", "cited_source_ids"):
        ids += _column_ids(rows, col)
    return _unique(ids)
