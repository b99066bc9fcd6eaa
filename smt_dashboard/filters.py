"""Global filters (region, therapy area, company model, nationality), language and display mode.

Pure functions: parse a URL query into a :class:`FilterState` plus the notices to show for what
was dropped, serialise a state back to a query, and apply a state to the datasets.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

import pandas as pd

from smt_dashboard.i18n import DEFAULT_LANG, LANGS, label, plural, t
from smt_dashboard.memo import memoized
from smt_dashboard.schemas import MODELS, THERAPY_AREAS

NATIONALITIES = ("french", "foreign_subsidiary")
MODES = ("normal", "presentation", "presenter")
FRANCE_SCOPES = NATIONALITIES

# URL keys of the global state; multi-valued keys may repeat (?region=11&region=84).
MULTI_KEYS = {"region": "regions", "area": "areas", "model": "models", "nat": "nationalities"}
SINGLE_KEYS = {"lang": "lang", "mode": "mode"}
# Keys Streamlit itself may add to a URL.
RESERVED_KEYS = frozenset({"embed", "embed_options"})
MAX_VALUE_LENGTH = 80
MAX_VALUES = 40


@dataclass(frozen=True)
class FilterState:
    """The view's global state; empty tuples mean "all"."""

    regions: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    models: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    lang: str = DEFAULT_LANG
    mode: str = "normal"

    @property
    def is_filtered(self) -> bool:
        return bool(self.regions or self.areas or self.models or self.nationalities)


@dataclass(frozen=True)
class FilterOptions:
    """The allowed values of each filter (regions come from the regions GeoJSON)."""

    regions: Mapping[str, str]
    areas: tuple[str, ...] = tuple(THERAPY_AREAS)
    models: tuple[str, ...] = tuple(MODELS)
    nationalities: tuple[str, ...] = NATIONALITIES

    def allowed(self, attr: str) -> Iterable[str]:
        return self.regions.keys() if attr == "regions" else getattr(self, attr)


@dataclass(frozen=True)
class Notice:
    """Something dropped from the URL: the key, the (shortened) value and why."""

    key: str
    value: str
    reason: str  # unknown_key | unknown_value | too_long | repeated | too_many


@dataclass(frozen=True)
class ParseResult:
    state: FilterState
    notices: tuple[Notice, ...] = field(default_factory=tuple)


def _short(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[:limit] + "…"


def _values(raw: str | list[str] | tuple[str, ...]) -> list[str]:
    return [raw] if isinstance(raw, str) else [str(v) for v in raw]


def parse_query(params: Mapping[str, str | list[str]], options: FilterOptions,
                extra_keys: Iterable[str] = ()) -> ParseResult:
    """Turn URL query params into a state; every unusable part becomes a Notice, never an error."""
    notices: list[Notice] = []
    found: dict[str, object] = {}
    known = set(MULTI_KEYS) | set(SINGLE_KEYS) | RESERVED_KEYS | set(extra_keys)
    for key, raw in params.items():
        key = str(key)
        values = _values(raw)
        if key not in known:
            notices.append(Notice(_short(key), _short(", ".join(values)), "unknown_key"))
            continue
        if key in MULTI_KEYS:
            attr = MULTI_KEYS[key]
            allowed = set(options.allowed(attr))
            kept: list[str] = []
            for value in values:
                if len(kept) >= MAX_VALUES:
                    notices.append(Notice(key, _short(value), "too_many"))
                elif len(value) > MAX_VALUE_LENGTH:
                    notices.append(Notice(key, _short(value), "too_long"))
                elif value not in allowed:
                    if value != "":
                        notices.append(Notice(key, _short(value), "unknown_value"))
                elif value not in kept:
                    kept.append(value)
            found[attr] = tuple(kept)
        elif key in SINGLE_KEYS:
            attr = SINGLE_KEYS[key]
            allowed_single = LANGS if attr == "lang" else MODES
            valid = [v for v in values if v in allowed_single]
            for value in values:
                if value not in allowed_single:
                    notices.append(Notice(key, _short(value), "unknown_value"))
            if len(set(valid)) > 1:
                notices.append(Notice(key, _short(", ".join(valid)), "repeated"))
            if valid:
                found[attr] = valid[0]
    return ParseResult(FilterState(**found), tuple(notices))  # type: ignore[arg-type]


def to_query(state: FilterState) -> dict[str, list[str] | str]:
    """The URL query for a state, without default values (so a plain URL means the default view)."""
    query: dict[str, list[str] | str] = {}
    for key, attr in MULTI_KEYS.items():
        values = getattr(state, attr)
        if values:
            query[key] = list(values)
    if state.lang != DEFAULT_LANG:
        query["lang"] = state.lang
    if state.mode != "normal":
        query["mode"] = state.mode
    return query


def sanitize(state: FilterState, options: FilterOptions) -> FilterState:
    """Drop values that are not allowed (e.g. a region that left the GeoJSON)."""
    kept = {attr: tuple(v for v in getattr(state, attr) if v in set(options.allowed(attr)))
            for attr in MULTI_KEYS.values()}
    return replace(state, **kept)


def france_companies(companies: pd.DataFrame) -> pd.DataFrame:
    """French companies and French subsidiaries of foreign companies (not the US comparison set)."""
    return companies[companies["scope"].isin(FRANCE_SCOPES)]


# Which column of a company row each global filter reads; therapy areas hold several codes ("a;b").
COMPANY_COLUMNS = {"regions": "region_code", "areas": "therapy_areas", "models": "model",
                   "nationalities": "scope"}
MULTI_VALUED = frozenset({"therapy_areas", "region_codes_all"})


@dataclass(frozen=True)
class Judged:
    """Rows that pass the active filters, and rows the filters could not judge (a value they read is
    missing: "non renseigné"), with how many of those each filter could not judge."""

    rows: pd.DataFrame
    unjudged: pd.DataFrame
    unjudged_by: Mapping[str, int] = field(default_factory=dict)

    @property
    def n_unjudged(self) -> int:
        return len(self.unjudged)


def _missing(column: pd.Series) -> pd.Series:
    return column.isna() | (column.astype("string").str.strip().fillna("") == "")


def _matches(column: pd.Series, wanted: tuple[str, ...], multi: bool) -> pd.Series:
    if not multi:
        return isin(column, wanted)
    wanted_set = set(wanted)
    return column.fillna("").astype(str).str.split(";").map(lambda codes: bool(wanted_set.intersection(codes)))


@memoized
def judge(rows: pd.DataFrame, state: FilterState, columns: Mapping[str, str]) -> Judged:
    """Split ``rows`` by the active filters that ``columns`` maps to a column: rows that match every one,
    and rows that match every filter they can be judged on but lack a value for another (never a silent
    drop: callers say how many). Filters with no column here do not act on these rows."""
    passing = pd.Series(True, index=rows.index)
    unknown = pd.Series(False, index=rows.index)
    unknown_by: dict[str, pd.Series] = {}
    for attr, column in columns.items():
        wanted = getattr(state, attr)
        if not wanted or column not in rows.columns:
            continue
        missing = _missing(rows[column])
        unknown_by[attr] = missing
        unknown |= missing
        passing &= missing | _matches(rows[column], wanted, column in MULTI_VALUED)
    unjudged_mask = passing & unknown
    counts = {attr: int((mask & unjudged_mask).sum()) for attr, mask in unknown_by.items()}
    return Judged(rows[passing & ~unknown], rows[unjudged_mask], {a: n for a, n in counts.items() if n})


def isin(column: pd.Series, values) -> pd.Series:
    """``column.isin(values)`` for long value lists: pandas' Arrow-string ``isin`` turns each value into a
    pyarrow scalar (0.1 s for 17,000 values); the object path hashes them (4 ms)."""
    values = list(values)
    if len(values) > 100 and pd.api.types.is_string_dtype(column.dtype):
        return column.astype(object).isin(values)
    return column.isin(values)


@memoized
def judge_companies(companies: pd.DataFrame, state: FilterState) -> Judged:
    """Companies matching every active filter, and those an active filter cannot judge (e.g. no known
    therapy area under an area filter)."""
    return judge(companies, state, COMPANY_COLUMNS)


def apply_to_companies(companies: pd.DataFrame, state: FilterState) -> pd.DataFrame:
    """Companies matching every active filter (see :func:`judge_companies` for those it cannot judge)."""
    return judge_companies(companies, state).rows


@memoized
def judge_company_rows(rows: pd.DataFrame, companies: pd.DataFrame, state: FilterState,
                       key: str = "company_id") -> Judged:
    """Rows of a company-linked table (funding rounds, products), judged through their company."""
    judged = judge_companies(companies, state)
    kept = rows[isin(rows[key], judged.rows[key])]
    unjudged = rows[isin(rows[key], judged.unjudged[key])]
    by_company = {attr: int(isin(unjudged[key], judged.unjudged.loc[_missing(judged.unjudged[col]), key]).sum())
                  for attr, col in COMPANY_COLUMNS.items() if attr in judged.unjudged_by}
    return Judged(kept, unjudged, {a: n for a, n in by_company.items() if n})


def apply_to_company_rows(rows: pd.DataFrame, companies: pd.DataFrame, state: FilterState,
                          key: str = "company_id") -> pd.DataFrame:
    """Rows of a company-linked table (funding rounds, products) whose company passes the filters."""
    return judge_company_rows(rows, companies, state, key).rows


@memoized
def judge_area(rows: pd.DataFrame, state: FilterState, column: str = "therapy_area") -> Judged:
    """Rows of a table with a therapy-area column, judged by the area filter."""
    return judge(rows, state, {"areas": column})


def apply_area(rows: pd.DataFrame, state: FilterState, column: str = "therapy_area") -> pd.DataFrame:
    """Rows whose therapy area is selected (all rows when no area filter is set)."""
    return judge_area(rows, state, column).rows


def with_region(rows: pd.DataFrame, cities: pd.DataFrame, city_column: str = "city") -> pd.DataFrame:
    """``rows`` with the ``region_code`` of their city (empty where the city is missing or not listed)."""
    lookup = dict(zip(cities["city"], cities["region_code"]))
    out = rows.copy()
    out["region_code"] = out[city_column].map(lambda c: lookup.get(c) if isinstance(c, str) else None)
    return out


@memoized
def judge_region(rows: pd.DataFrame, state: FilterState, cities: pd.DataFrame,
                 city_column: str = "city") -> Judged:
    """Rows located by a city column, judged by the region filter through the city's region."""
    return judge(with_region(rows, cities, city_column), state, {"regions": "region_code"})


def active_filters(state: FilterState) -> tuple[str, ...]:
    """The attributes of the filters that are set, in display order."""
    return tuple(attr for attr in MULTI_KEYS.values() if getattr(state, attr))


# The i18n key of each filter's name ("Région", "Aire thérapeutique"…).
FILTER_TITLES = {"regions": "filters.region", "areas": "filters.area", "models": "filters.model",
                 "nationalities": "filters.nationality"}


def filter_values(state: FilterState, attr: str, options: FilterOptions, lang: str) -> list[str]:
    """The selected values of one filter, as names ("Auvergne-Rhône-Alpes", "Diabétologie")."""
    codes = getattr(state, attr)
    if attr == "regions":
        return [options.regions.get(c, c) for c in codes]
    kind = {"areas": "area", "models": "model", "nationalities": "nationality"}[attr]
    return [label(kind, c, lang) for c in codes]


@memoized
def option_counts(companies: pd.DataFrame, catalogue: pd.DataFrame) -> dict[str, dict[str, tuple[int, int]]]:
    """What each filter option holds, so that nobody is surprised by an empty page: per region, its companies in
    France; per therapy area, its SMT in the catalogue and its companies in France. {attr: {code: (smt, companies)}}"""
    france = france_companies(companies)
    regions = france["region_code"].value_counts()
    areas = pd.Series([a for cell in france["therapy_areas"].dropna() for a in str(cell).split(";")]).value_counts()
    smt = catalogue.groupby("therapy_area")["smt_count"].sum()
    return {"regions": {code: (0, int(n)) for code, n in regions.items()},
            "areas": {code: (int(smt.get(code, 0)), int(areas.get(code, 0))) for code in THERAPY_AREAS}}


def option_label(attr: str, code: str, name: str, counts: Mapping[str, Mapping[str, tuple[int, int]]], lang: str) -> str:
    """"Gastro-entérologie — 1 SMT, 0 entreprise" / "Occitanie — 0 entreprise" (the name alone without counts)."""
    if attr not in counts:
        return name
    smt, companies = counts[attr].get(code, (0, 0))
    parts = ([plural("filters.count_smt", smt, lang, n=smt)] if attr == "areas" else []) + [
        plural("filters.count_companies", companies, lang, n=companies)]
    return f"{name} — {', '.join(parts)}"


def where(state: FilterState, options: FilterOptions, lang: str, only: Iterable[str] | None = None) -> str:
    """The active filters as the end of a sentence: "en Occitanie", "en gastro-entérologie", "in Occitanie, in
    gastroenterology, among software companies" ("" when none is active)."""
    wanted = set(only) if only is not None else set(FILTER_TITLES)
    parts = []
    for attr in FILTER_TITLES:
        if attr not in wanted or not getattr(state, attr):
            continue
        names = filter_values(state, attr, options, lang)
        if attr == "areas":
            names = [n[0].lower() + n[1:] for n in names]
        if attr == "nationalities":  # "among the French companies", not a label in the singular
            parts.append(t("filters.or", lang).join(t(f"filters.where.nationality.{c}", lang) for c in state.nationalities))
            continue
        parts.append(t(f"filters.where.{attr}", lang, names=t("filters.or", lang).join(names)))
    return ", ".join(parts)


def describe(state: FilterState, options: FilterOptions, lang: str, only: Iterable[str] | None = None) -> str:
    """The active filters in words, e.g. "Région : Bretagne · Aire thérapeutique : Diabétologie"
    (only those in ``only`` when given)."""
    wanted = set(only) if only is not None else set(FILTER_TITLES)
    colon = " : " if lang == "fr" else ": "
    parts = [t(FILTER_TITLES[attr], lang) + colon + ", ".join(filter_values(state, attr, options, lang))
             for attr in FILTER_TITLES if attr in wanted and getattr(state, attr)]
    return " · ".join(parts) if parts else t("filters.none", lang)


def share_url(app_url: str | None, page_path: str, state: FilterState,
              page_params: Mapping[str, list[str]] | None = None) -> str:
    """The link that reproduces a view: the app's origin and path prefix (``app_url`` is the app's root or any
    of its pages), the page path, the state's query and the page's own parameters (e.g. the simulator's)."""
    from urllib.parse import urlencode, urlsplit

    from smt_dashboard.navigation import PAGES_BY_KEY

    parts = urlsplit(app_url or "http://localhost:8501/")
    origin = f"{parts.scheme or 'http'}://{parts.netloc or 'localhost:8501'}"
    # Keep a path prefix (the app served under /smt/ behind a proxy): the address's path less a page's own.
    base = parts.path.rstrip("/")
    if base.rsplit("/", 1)[-1] in PAGES_BY_KEY:
        base = base.rsplit("/", 1)[0]
    params = dict(to_query(state))
    params.update({k: v for k, v in (page_params or {}).items() if v})
    query = urlencode(params, doseq=True)
    path = "/" + page_path.strip("/") if page_path else "/"
    return origin + base + path + (f"?{query}" if query else "")
