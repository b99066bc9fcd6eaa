"""The French SMT ecosystem: counts, per-region totals, model mix, size bands against the US companies,
display tables of the companies and of the pharma digital units. Pure functions (pandas in, pandas out)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from smt_dashboard import filters, i18n
from smt_dashboard.filters import FilterState
from smt_dashboard.memo import memoized
from smt_dashboard.schemas import MODELS

# The study's US size chart ("Répartition des entreprises en fonction du nombre d'employés"):
# code, lowest and highest headcount of the band (None = no upper bound).
SIZE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("lt20", 0, 19),
    ("20_49", 20, 49),
    ("50_100", 50, 100),
    ("101_500", 101, 500),
    ("501_1000", 501, 1000),
    ("1001_10000", 1001, 10000),
    ("gt10000", 10001, None),
)
BAND_CODES = tuple(code for code, _, _ in SIZE_BANDS)
SIZE_GROUPS = ("us", "french", "foreign_subsidiary")  # drawing order of the comparison chart
OVERSEAS_REGIONS = ("01", "02", "03", "04", "06")  # INSEE codes of the overseas regions


@memoized
def france_view(companies: pd.DataFrame, state: FilterState) -> pd.DataFrame:
    """French companies and French subsidiaries of foreign companies that pass the global filters."""
    return filters.apply_to_companies(filters.france_companies(companies), state)


@memoized
def us_view(companies: pd.DataFrame, state: FilterState) -> pd.DataFrame:
    """The study's US companies; only the model filter applies (they have no region, area or French nationality)."""
    rows = companies[companies["scope"] == "us"]
    if state.models:
        rows = rows[rows["model"].isin(state.models)]
    return rows


@dataclass(frozen=True)
class EcosystemCounts:
    """Headline counts of a set of companies located in France."""

    french: int
    foreign: int
    employees_french: int
    employees_foreign: int
    revenue_known: int
    revenue_unknown: int
    revenue_min: float | None
    revenue_max: float | None

    @property
    def companies(self) -> int:
        return self.french + self.foreign


@memoized
def counts(rows: pd.DataFrame) -> EcosystemCounts:
    """Companies by nationality, staff in France, and how many have a published 2018 revenue."""
    french = rows["scope"] == "french"
    revenue = rows["revenue_2018_meur"].dropna()
    return EcosystemCounts(
        french=int(french.sum()),
        foreign=int((rows["scope"] == "foreign_subsidiary").sum()),
        employees_french=int(rows.loc[french, "employees"].sum()),
        employees_foreign=int(rows.loc[rows["scope"] == "foreign_subsidiary", "employees"].sum()),
        revenue_known=int(len(revenue)),
        revenue_unknown=int(rows["revenue_2018_meur"].isna().sum()),
        revenue_min=float(revenue.min()) if len(revenue) else None,
        revenue_max=float(revenue.max()) if len(revenue) else None,
    )


@memoized
def distinct_groups(rows: pd.DataFrame) -> int:
    """Number of distinct groups among the company rows: a group present both as a French subsidiary and as a US
    company (Aptar Pharma, Capsule Technologies, GE Healthcare, Jabil, Abbott, Medtronic) counts once."""
    return int(rows["group_id"].nunique())


def same_group_rows(companies: pd.DataFrame) -> pd.DataFrame:
    """The rows whose group also appears under another scope (subsidiary in France and US company), by group."""
    counts = companies["group_id"].map(companies["group_id"].value_counts())
    return companies[counts > 1].sort_values(["group_id", "scope"])


@memoized
def region_summary(rows: pd.DataFrame, region_names: dict[str, str]) -> pd.DataFrame:
    """One row per region of the GeoJSON (in its order): companies, French, foreign subsidiaries, staff in France."""
    base = pd.DataFrame({"region_code": list(region_names), "region_name": list(region_names.values())})
    grouped = rows.groupby("region_code").agg(
        companies=("company_id", "size"),
        french=("scope", lambda s: int((s == "french").sum())),
        foreign=("scope", lambda s: int((s == "foreign_subsidiary").sum())),
        employees=("employees", "sum"),
    ).reset_index()
    out = base.merge(grouped, on="region_code", how="left")
    for col in ("companies", "french", "foreign", "employees"):
        out[col] = out[col].fillna(0).astype(int)
    return out


@memoized
def companies_by_region(rows: pd.DataFrame) -> list[tuple[str, list[str]]]:
    """Company names per region (most companies first): the map in words, for screen readers and print."""
    located = rows.dropna(subset=["region_name"])
    groups = [(str(region), sorted(group["name"].astype(str))) for region, group in located.groupby("region_name")]
    return sorted(groups, key=lambda g: (-len(g[1]), g[0]))


def overseas_companies(summary: pd.DataFrame) -> int:
    """Companies located in the overseas regions (outside the metropolitan map frame)."""
    return int(summary.loc[summary["region_code"].isin(OVERSEAS_REGIONS), "companies"].sum())


@memoized
def model_breakdown(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Number of companies per product model and nationality (only the combinations that exist)."""
    grouped = rows.groupby(["model", "scope"]).size().reset_index(name="companies")
    grouped["model_order"] = grouped["model"].map(MODELS.index)
    grouped["model_label"] = grouped["model"].map(lambda c: i18n.label("model", c, lang))
    grouped["nationality_label"] = grouped["scope"].map(lambda c: i18n.label("nationality", c, lang))
    return grouped.sort_values(["model_order", "scope"]).reset_index(drop=True)


def size_band(employees: int) -> str:
    """The study's size band of a headcount, e.g. ``size_band(250) == "101_500"``."""
    for code, low, high in SIZE_BANDS:
        if employees >= low and (high is None or employees <= high):
            return code
    raise ValueError(f"negative headcount {employees}")


def band_label(code: str, lang: str) -> str:
    """Label of a size band from its bounds: "Moins de 20", "101 à 500", "Plus de 10 000"."""
    _, low, high = next(b for b in SIZE_BANDS if b[0] == code)
    if low == 0:
        return i18n.t("map.band.below", lang, n=i18n.fmt_number(high + 1, lang))
    if high is None:
        return i18n.t("map.band.above", lang, n=i18n.fmt_number(low - 1, lang))
    return i18n.t("map.band.between", lang, low=i18n.fmt_number(low, lang), high=i18n.fmt_number(high, lang))


@memoized
def size_band_comparison(france_rows: pd.DataFrame, us_rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Companies per size band for the US companies (worldwide staff), the French companies and the
    foreign subsidiaries (staff in France); every band of a group that has companies, zeros included."""
    rows = pd.concat([us_rows, france_rows])
    frames = []
    for group in SIZE_GROUPS:
        members = rows[rows["scope"] == group]
        if members.empty:
            continue
        bands = members["employees"].map(size_band).value_counts()
        frames.append(pd.DataFrame({
            "group": group,
            "band": list(BAND_CODES),
            "band_order": range(len(BAND_CODES)),
            "companies": [int(bands.get(code, 0)) for code in BAND_CODES],
        }))
    if not frames:
        return pd.DataFrame(columns=["group", "band", "band_order", "companies", "band_label", "group_label"])
    out = pd.concat(frames, ignore_index=True)
    out["band_label"] = out["band"].map(lambda c: band_label(c, lang))
    out["group_label"] = out["group"].map(lambda c: i18n.t(f"map.group.{c}", lang))
    return out


@dataclass(frozen=True)
class SizeRange:
    """Smallest and largest headcount of a set of companies."""

    n: int
    smallest: int | None
    largest: int | None


@memoized
def size_range(rows: pd.DataFrame) -> SizeRange:
    """Headcount range of ``rows`` (the study: French companies have "10 à 250" staff)."""
    staff = rows["employees"].dropna()
    if staff.empty:
        return SizeRange(0, None, None)
    return SizeRange(int(len(staff)), int(staff.min()), int(staff.max()))


def count_larger_than(rows: pd.DataFrame, threshold: int) -> int:
    """How many companies of ``rows`` have more staff than ``threshold``."""
    return int((rows["employees"] > threshold).sum())


# --- display texts ---------------------------------------------------------------------------------

def _split(cell: object) -> list[str]:
    return [] if i18n.is_missing(cell) else [p for p in str(cell).split(";") if p]


def products_text(products: pd.DataFrame, company_id: str, lang: str) -> str | None:
    """The company's SMT with their status, e.g. "Diabeo (disponible) ; eCO (en développement)"; None if none listed."""
    own = products[products["company_id"] == company_id]
    if own.empty:
        return None
    items = [f"{row['product']} ({i18n.label('status', row['status'], lang)})" for _, row in own.iterrows()]
    notes = [n for n in (i18n.pick(row, "note", lang) for _, row in own.iterrows()) if n]
    sep = " ; " if lang == "fr" else "; "
    return sep.join(items) + (" – " + sep.join(notes) if notes else "")


def areas_text(cell: object, lang: str) -> str | None:
    """Therapy-area codes as labels ("Diabétologie, Oncologie"); None when the study gives none."""
    codes = _split(cell)
    return ", ".join(i18n.label("area", c, lang) for c in codes) if codes else None


def partners_text(row: pd.Series, lang: str) -> str:
    """Pharma partners; French companies without one are shown as "aucun" (the study's "/"), the
    subsidiaries' partners are not given by the study."""
    names = _split(row["pharma_partners"])
    if names:
        return ", ".join(names)
    return i18n.t("map.no_partner", lang) if row["scope"] == "french" else i18n.not_disclosed(lang)


def or_missing(text: str | None, lang: str) -> str:
    """``text``, or "non communiqué" when the source gives nothing."""
    return text if text else i18n.not_disclosed(lang)


@memoized
def company_table(rows: pd.DataFrame, products: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The companies as shown in the page's table (headers translated; staff kept numeric for sorting)."""
    t = lambda key: i18n.t(f"map.col.{key}", lang)  # noqa: E731
    records = []
    ordered = rows.assign(_sub=rows["scope"] != "french").sort_values(["_sub", "name"])  # French companies first
    for _, row in ordered.iterrows():
        records.append({
            t("name"): row["name"],
            t("nationality"): i18n.label("nationality", row["scope"], lang),
            t("city"): row["city"],
            t("region"): row["region_name"],
            t("model"): i18n.label("model", row["model"], lang),
            t("products"): or_missing(products_text(products, row["company_id"], lang), lang),
            t("areas"): or_missing(areas_text(row["therapy_areas"], lang), lang),
            t("partners"): partners_text(row, lang),
            t("smt_share"): i18n.fmt_pct(row["smt_share_pct"], lang, decimals=0),
            t("employees"): int(row["employees"]),
            t("revenue"): i18n.fmt_meur(row["revenue_2018_meur"], lang),
        })
    return pd.DataFrame.from_records(records, columns=[t(k) for k in (
        "name", "nationality", "city", "region", "model", "products", "areas", "partners", "smt_share",
        "employees", "revenue")])


def company_table_shown(lang: str) -> list[str]:
    """The company table's columns that fit a 1280-px screen without scrolling sideways (the export has them all;
    share of SMT, partners and revenue are on each company's card)."""
    return [i18n.t(f"map.col.{k}", lang) for k in ("name", "nationality", "model", "areas", "products", "employees")]


@memoized
def region_table(summary: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The choropleth's numbers per region, as a table (regions with the most companies first)."""
    t = lambda key: i18n.t(f"map.col.{key}", lang)  # noqa: E731
    summary = summary.sort_values(["companies", "employees", "region_name"], ascending=[False, False, True])
    return pd.DataFrame({
        t("region"): summary["region_name"],
        t("companies"): summary["companies"],
        t("french_short"): summary["french"],
        t("foreign_short"): summary["foreign"],
        t("employees"): summary["employees"],
    })


@memoized
def pharma_units_table(units: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The pharma groups' digital-health teams in France: staff and project counts with the study's wording."""
    t = lambda key: i18n.t(f"map.col.{key}", lang)  # noqa: E731
    records = []
    for _, row in units.iterrows():
        records.append({
            t("group"): row["company"],
            t("unit"): row["unit"],
            t("city"): or_missing(None if i18n.is_missing(row["city"]) else row["city"], lang),
            t("since"): or_missing(i18n.fmt_month(row["since"], lang), lang),
            t("staff"): i18n.fmt_number(row["staff"], lang),
            t("staff_note"): i18n.pick(row, "staff_note", lang) or "",
            t("projects"): i18n.fmt_number(row["projects"], lang),
            t("projects_note"): i18n.pick(row, "projects_note", lang) or "",
            t("investment"): i18n.fmt_meur(row["investment_meur"], lang),
            t("description"): i18n.pick(row, "description", lang) or "",
        })
    return pd.DataFrame.from_records(records)


@dataclass(frozen=True)
class CompanyCard:
    """What the detail card of one company shows (all values already formatted)."""

    company_id: str
    name: str
    subtitle: str
    description: str | None
    fields: tuple[tuple[str, str], ...]


def company_card(row: pd.Series, products: pd.DataFrame, lang: str) -> CompanyCard:
    """The detail card of a company: nationality and model, description, then labelled fields."""
    t = lambda key: i18n.t(f"map.col.{key}", lang)  # noqa: E731
    subtitle = " · ".join([i18n.label("nationality", row["scope"], lang), i18n.label("model", row["model"], lang)])
    fields = (
        (t("city"), f"{row['city']} ({row['region_name']})"),
        (t("products"), or_missing(products_text(products, row["company_id"], lang), lang)),
        (t("areas"), or_missing(areas_text(row["therapy_areas"], lang), lang)),
        (t("partners"), partners_text(row, lang)),
        (t("smt_share"), i18n.fmt_pct(row["smt_share_pct"], lang, decimals=0)),
        (t("employees"), i18n.fmt_number(row["employees"], lang)),
        (t("revenue"), i18n.fmt_meur(row["revenue_2018_meur"], lang)),
    )
    return CompanyCard(str(row["company_id"]), str(row["name"]), subtitle, i18n.pick(row, "description", lang), fields)
