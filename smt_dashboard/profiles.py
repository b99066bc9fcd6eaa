"""Region and therapy-area profiles: for the regions and areas chosen in the global filters, everything the
datasets say about them (companies and staff, their SMT and partners, funding, trainings nearby, catalogue,
digital therapeutics), each figure beside its national value. Pure functions: frames in, a Profile out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import pandas as pd

from smt_dashboard import filters, i18n, metrics
from smt_dashboard.filters import FilterOptions, FilterState, Judged

# The datasets a profile reads.
DATASETS = ("companies", "company_products", "funding_rounds", "cities", "training_ux_establishments",
            "training_ra_masters", "training_dus", "smt_catalogue", "smt_examples", "digital_therapeutics_areas")
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
NOUNS = {"companies": "company", "employees_subsidiaries": "company", "products": "smt", "funds": "round",
         "operations": "round", "ux_campuses": "campus", "ra_masters": "training", "dus": "training",
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

    # Companies and staff: figures of the metrics layer (the same values and labels on every surface).
    def figure_line(section: str, fig: metrics.Figure) -> None:
        lines.append(Line(section, fig.key, fig.label(lang), fig.display(lang), fig.national_display(lang),
                          fig.sources, fig.unjudged, fig.unjudged_by, _applies(section, state)))

    figures = {key: metrics.figure(key, frames, state) for key in
               ("companies", "employees_french", "employees_subsidiaries", "funds", "operations", "ux_campuses",
                "ra_masters", "dus", "smt", "dtx")}
    figure_line("companies", figures["companies"])
    figure_line("companies", figures["employees_french"])
    figure_line("companies", figures["employees_subsidiaries"])
    # Their SMT: products of the companies kept, judged by their own therapy area under an area filter.
    products = frames["company_products"]
    by_company = filters.judge_company_rows(products, france, replace(company_state, areas=()))
    product_judged = filters.judge_area(by_company.rows, company_state)
    add("companies", "products", _n(len(product_judged.rows), lang), _n(len(products), lang), product_judged.rows,
        product_judged)
    partners_here, all_partners = partners(rows), partners(france)
    add("companies", "partners", _n(len(partners_here), lang), _n(len(all_partners), lang), rows)

    # Funding, through the company.
    figure_line("funding", figures["funds"])
    figure_line("funding", figures["operations"])

    # Trainings in the region (through the city of each campus / university).
    for key in ("ux_campuses", "ra_masters", "dus"):
        figure_line("trainings", figures[key])

    # Catalogue of the 40 SMT and its named examples, by therapy area; digital therapeutics by the study's count per area.
    figure_line("catalogue", figures["smt"])
    examples = frames["smt_examples"]
    ex_judged = filters.judge_area(examples, _restricted(state, "catalogue"))
    add("catalogue", "examples", _n(len(ex_judged.rows), lang), _n(len(examples), lang), ex_judged.rows, ex_judged)
    figure_line("dtx", figures["dtx"])

    title = scope_name(state, options, lang)
    not_applicable = tuple(s for s in SECTIONS if not _applies(s, state))
    takeaway = _takeaway(figures, title, _t("none_companies", lang, where=filters.where(state, options, lang))
                         if figures["companies"].is_none else "", lang)
    return Profile(title, takeaway, tuple(lines), rows, judged, not_applicable)


def scope_name(state: FilterState, options: FilterOptions, lang: str) -> str:
    """The chosen regions and areas by name: "Auvergne-Rhône-Alpes · Diabétologie"."""
    names = [", ".join(filters.filter_values(state, attr, options, lang)) for attr in ("regions", "areas")
             if getattr(state, attr)]
    return " · ".join(names)


def _takeaway(figures: Mapping[str, metrics.Figure], title: str, none: str, lang: str) -> str:
    """The profile in one sentence, in the metrics' own words (the French companies' staff and the subsidiaries' staff
    in France are never added into one number); with no company, that in words, then what the place does have."""
    if none:
        campuses, masters = figures["ux_campuses"], figures["ra_masters"]
        if campuses.filtered and (campuses.value or masters.value):
            return none + " " + _t("takeaway_trainings", lang, campuses=campuses.display(lang),
                                   masters=masters.display(lang))
        return none
    funds = figures["funds"]
    share = 100 * funds.value / funds.national if funds.national else None
    companies = figures["companies"]
    return _t("takeaway", lang, scope=title, n=companies.display(lang), total=companies.national_display(lang),
              employees=figures["employees_french"].display(lang),
              subsidiaries=figures["employees_subsidiaries"].display(lang), share=i18n.fmt_pct(share, lang, 0))


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
