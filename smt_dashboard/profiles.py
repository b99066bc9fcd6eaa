"""Region and therapy-area profiles: for the regions and areas chosen in the global filters, everything the
datasets say about them (companies and staff, their SMT and partners, funding, trainings nearby, catalogue,
digital therapeutics), each figure beside its national value. Pure functions: frames in, a Profile out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import pandas as pd

from smt_dashboard import filters, i18n
from smt_dashboard.filters import FilterOptions, FilterState, Judged

# The datasets a profile reads.
DATASETS = ("companies", "company_products", "funding_rounds", "cities", "training_ux_establishments",
            "training_ra_masters", "training_dus", "smt_catalogue", "smt_examples", "digital_therapeutics")
SECTIONS = ("companies", "funding", "trainings", "catalogue", "dtx", "reimbursement")
# Which filters each section can judge (the others do not act on it: the page says so).
SECTION_FILTERS = {
    "companies": ("regions", "areas", "models", "nationalities"),
    "funding": ("regions", "areas", "models", "nationalities"),
    "trainings": ("regions",),
    "catalogue": ("areas",),
    "dtx": ("areas",),
    "reimbursement": (),
}


# The noun (i18n plural key) of the rows behind each figure, for the "non renseigné" line.
NOUNS = {"companies": "company", "products": "smt", "funds": "round", "operations": "round",
         "training_ux_establishments": "campus", "training_ra_masters": "training", "training_dus": "training",
         "examples": "example", "dtx": "dtx"}


@dataclass(frozen=True)
class Line:
    """One figure of a profile: its section, label, value under the filters and national value (formatted),
    how many rows the filter could not judge, and the rows behind it (for the source line)."""

    section: str
    key: str
    label: str
    value: str
    national: str
    rows: pd.DataFrame
    unjudged: int = 0
    unjudged_by: tuple[str, ...] = ()
    filtered: bool = True

    def noun(self, lang: str) -> str:
        """What the rows behind this figure are, in the plural form for ``unjudged``."""
        return i18n.plural(f"common.noun.{NOUNS.get(self.key, 'row')}", self.unjudged, lang)


@dataclass(frozen=True)
class Profile:
    """A profile: its title (the chosen values), a one-sentence takeaway, its lines, the companies it
    counts, and the sections that the chosen filters cannot judge."""

    title: str
    takeaway: str
    lines: tuple[Line, ...]
    companies: pd.DataFrame
    judged_companies: Judged
    not_applicable: tuple[str, ...]

    def section(self, name: str) -> list[Line]:
        return [line for line in self.lines if line.section == name]


def is_profiled(state: FilterState) -> bool:
    """A profile needs a region or a therapy area."""
    return bool(state.regions or state.areas)


def _n(value: object, lang: str) -> str:
    return i18n.fmt_number(value, lang)


def _t(key: str, lang: str, **kwargs: object) -> str:
    return i18n.t(f"profile.{key}", lang, **kwargs)


def _applies(section: str, state: FilterState) -> bool:
    return any(getattr(state, attr) for attr in SECTION_FILTERS[section])


def _restricted(state: FilterState, section: str) -> FilterState:
    """The state with only the filters a section can judge."""
    keep = SECTION_FILTERS[section]
    return replace(state, **{attr: () for attr in ("regions", "areas", "models", "nationalities") if attr not in keep})


def partners(rows: pd.DataFrame) -> list[str]:
    """The partner drug makers of these companies, sorted, without repeats."""
    cells = rows["pharma_partners"].dropna().astype(str)
    return sorted({p.strip() for cell in cells for p in cell.split(";") if p.strip()})


def _raised(rounds: pd.DataFrame) -> pd.DataFrame:
    return rounds[rounds["round_type"] == "fundraising"]


def build(frames: Mapping[str, pd.DataFrame], state: FilterState, options: FilterOptions, lang: str) -> Profile:
    """The profile of the regions and areas chosen in ``state`` (model and nationality filters also act
    on the company figures), each figure beside France's."""
    lang = i18n.normalize_lang(lang)
    lines: list[Line] = []
    france = filters.france_companies(frames["companies"])
    company_state = _restricted(state, "companies")
    judged = filters.judge_companies(france, company_state)
    rows = judged.rows

    def add(section: str, key: str, value: str, national: str, source: pd.DataFrame,
            unjudged: Judged | None = None, count: int | None = None) -> None:
        n = (count if count is not None else unjudged.n_unjudged) if unjudged is not None else 0
        by = tuple(unjudged.unjudged_by) if unjudged is not None and n else ()
        lines.append(Line(section, key, _t(f"line.{key}", lang), value, national, source, n, by,
                          _applies(section, state)))

    # Companies and staff.
    add("companies", "companies", _n(len(rows), lang), _n(len(france), lang), rows, judged)
    for scope in ("french", "foreign_subsidiary"):
        part, whole = rows[rows["scope"] == scope], france[france["scope"] == scope]
        add("companies", f"employees_{scope}", _n(part["employees"].sum(), lang), _n(whole["employees"].sum(), lang),
            part)
    # Their SMT: products of the companies kept, judged by their own therapy area under an area filter.
    products = frames["company_products"]
    by_company = filters.judge_company_rows(products, france, replace(company_state, areas=()))
    product_judged = filters.judge_area(by_company.rows, company_state)
    add("companies", "products", _n(len(product_judged.rows), lang), _n(len(products), lang), product_judged.rows,
        product_judged)
    partners_here, all_partners = partners(rows), partners(france)
    add("companies", "partners", _n(len(partners_here), lang), _n(len(all_partners), lang), rows)

    # Funding, through the company.
    rounds = frames["funding_rounds"]
    funding = filters.judge_company_rows(rounds, france, company_state)
    raised, raised_all = _raised(funding.rows), _raised(rounds)
    add("funding", "funds", i18n.fmt_meur(raised["amount_meur"].sum(), lang),
        i18n.fmt_meur(raised_all["amount_meur"].sum(), lang), raised, funding, len(_raised(funding.unjudged)))
    add("funding", "operations", _n(len(funding.rows), lang), _n(len(rounds), lang), funding.rows, funding)

    # Trainings in the region (through the city of each campus / university).
    training_state = _restricted(state, "trainings")
    for name in ("training_ux_establishments", "training_ra_masters", "training_dus"):
        table = frames[name]
        t_judged = filters.judge_region(table, training_state, frames["cities"])
        add("trainings", name, _n(len(t_judged.rows), lang), _n(len(table), lang), t_judged.rows, t_judged)

    # Catalogue of the 40 SMT and its named examples, by therapy area.
    area_state = _restricted(state, "catalogue")
    catalogue = frames["smt_catalogue"]
    cat_rows = filters.apply_area(catalogue, area_state)
    add("catalogue", "smt", _n(cat_rows["smt_count"].sum(), lang), _n(catalogue["smt_count"].sum(), lang), cat_rows)
    examples = frames["smt_examples"]
    ex_judged = filters.judge_area(examples, area_state)
    add("catalogue", "examples", _n(len(ex_judged.rows), lang), _n(len(examples), lang), ex_judged.rows, ex_judged)
    dtx = frames["digital_therapeutics"]
    dtx_judged = filters.judge_area(dtx, area_state)
    add("dtx", "dtx", _n(len(dtx_judged.rows), lang), _n(len(dtx), lang), dtx_judged.rows, dtx_judged)

    title = scope_name(state, options, lang)
    not_applicable = tuple(s for s in SECTIONS if not _applies(s, state))
    takeaway = _takeaway(rows, france, raised, raised_all, title, lang)
    return Profile(title, takeaway, tuple(lines), rows, judged, not_applicable)


def scope_name(state: FilterState, options: FilterOptions, lang: str) -> str:
    """The chosen regions and areas by name: "Auvergne-Rhône-Alpes · Diabétologie"."""
    names = [", ".join(filters.filter_values(state, attr, options, lang)) for attr in ("regions", "areas")
             if getattr(state, attr)]
    return " · ".join(names)


def _takeaway(rows: pd.DataFrame, france: pd.DataFrame, raised: pd.DataFrame, raised_all: pd.DataFrame, title: str,
              lang: str) -> str:
    total = raised_all["amount_meur"].sum()
    share = 100 * raised["amount_meur"].sum() / total if total else None
    return _t("takeaway", lang, scope=title, n=_n(len(rows), lang), total=_n(len(france), lang),
              employees=_n(rows["employees"].sum(), lang), share=i18n.fmt_pct(share, lang, 0))


def lines_table(profile: Profile, lang: str) -> pd.DataFrame:
    """The figures the chosen filters can judge as one table (topic, figure, selection, France), for
    display, export and the deck."""
    shown = [line for line in profile.lines if line.filtered]
    return pd.DataFrame({
        _t("col.section", lang): [_t(f"section.{line.section}", lang) for line in shown],
        _t("col.figure", lang): [line.label for line in shown],
        _t("col.selection", lang): [line.value for line in shown],
        _t("col.france", lang): [line.national for line in shown],
    })


def source_rows(profile: Profile) -> pd.DataFrame:
    """The source columns of every row behind the profile's figures."""
    frames = [line.rows[[c for c in ("source_id", "cited_source_ids") if c in line.rows.columns]]
              for line in profile.lines if not line.rows.empty]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame({"source_id": []})
