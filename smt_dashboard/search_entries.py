"""What the search index holds: text in the form the index reads it (lower case, no accents) and one entry per row
the datasets name, kind by kind (companies, their products, areas and regions, the catalogue, digital therapeutics,
developments, the study's recommendations, SWOT and milestones, trainings, institutions, sources). Pure."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from smt_dashboard import i18n
from smt_dashboard.catalogue import translated

_SPLIT = re.compile(r"[^0-9a-z]+")


def normalize(text: object) -> str:
    """Lower case, accents removed, punctuation as spaces: ``"Diabétologie (FR)"`` → ``"diabetologie fr"``."""
    if i18n.is_missing(text):
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text).lower().replace("œ", "oe").replace("æ", "ae"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_SPLIT.split(plain)).strip()


def words(text: object) -> list[str]:
    """The normalized words of a text."""
    return [w for w in normalize(text).split(" ") if w]


@dataclass(frozen=True)
class Target:
    """Where a result leads: a page, its own address parameters, and the global filters the link sets."""

    page: str
    params: tuple[tuple[str, str], ...] = ()
    regions: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entry:
    """One thing the search can find: its kind, id, name, a one-line context (in the index's language) and where
    it leads."""

    kind: str
    entry_id: str
    title: str
    context: str
    target: Target


def text_of(*values: object) -> str:
    """The given values as one text (missing ones left out)."""
    return " ".join(str(v) for v in values if not i18n.is_missing(v))


def code_list(cell: object) -> list[str]:
    """The codes of a ";" list cell."""
    return [] if i18n.is_missing(cell) else [c for c in str(cell).split(";") if c]


def _both(kind: str, codes: Iterable[str]) -> str:
    """A code list's labels in both languages (so that either language's word finds it)."""
    return " ".join(i18n.label(kind, c, lang) for c in codes for lang in i18n.LANGS)


def _both_cols(row: Mapping, stem: str) -> str:
    return text_of(*(row.get(f"{stem}_{lang}") for lang in i18n.LANGS))


def _short(text: object, limit: int = 140) -> str:
    text = "" if i18n.is_missing(text) else " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


def _records(frames: Mapping[str, pd.DataFrame], name: str) -> list[dict]:
    df = frames.get(name)
    return [] if df is None else df.to_dict("records")


@dataclass(frozen=True)
class _Rows:
    """What several kinds of entry read: the tables as records, company names, which companies are in France (they
    have a page), the catalogue's examples by name and each company's products."""

    frames: Mapping[str, pd.DataFrame]
    lang: str
    companies: list[dict]
    company_names: dict[str, str]
    in_france: set[str]
    examples: dict[str, dict]
    products: list[dict]
    products_of: dict[str, list[dict]]

    @classmethod
    def of(cls, frames: Mapping[str, pd.DataFrame], lang: str) -> _Rows:
        companies = _records(frames, "companies")
        products = _records(frames, "company_products")
        products_of: dict[str, list[dict]] = {}
        for p in products:
            products_of.setdefault(p["company_id"], []).append(p)
        return cls(frames, lang, companies, {c["company_id"]: c["name"] for c in companies},
                   {c["company_id"] for c in companies if c["scope"] != "us"},
                   {normalize(e["name"]): e for e in _records(frames, "smt_examples")}, products, products_of)

    def t(self, key: str, **kw: object) -> str:
        return i18n.t(f"search.{key}", self.lang, **kw)

    def label(self, kind: str, code: object) -> str:
        return "" if i18n.is_missing(code) else i18n.label(kind, code, self.lang)

    def example_words(self, name: object) -> str:
        """A product's words from the catalogue example of the same name (its drug and description)."""
        e = self.examples.get(normalize(name))
        return "" if e is None else text_of(e.get("drug"), _both_cols(e, "description"))

    def company_target(self, company_id: str) -> Target:
        """A company in France has its page; a US company is on the map."""
        return Target("company", (("company", company_id),)) if company_id in self.in_france else Target("map")


Found = Iterable[tuple[Entry, str, str]]


def _joined(*parts: object) -> str:
    """A one-line context: the non-empty parts, separated by a middle dot."""
    return " · ".join(str(p) for p in parts if p)


def _company_entries(rows: _Rows) -> Found:
    for c in rows.companies:
        own = rows.products_of.get(c["company_id"], [])
        partners = "" if i18n.is_missing(c.get("pharma_partners")) else c["pharma_partners"].replace(";", " ")
        model = "" if i18n.is_missing(c.get("model")) else _both("model", [c["model"]])
        other = text_of(_both_cols(c, "description"), c.get("city"), c.get("region_name"),
                      _both("area", code_list(c.get("therapy_areas"))), partners, model,
                      " ".join(text_of(p["product"], rows.example_words(p["product"])) for p in own))
        context = _joined(i18n.label("nationality", c["scope"], rows.lang), text_of(c.get("city")))
        yield Entry("company", c["company_id"], c["name"], context, rows.company_target(c["company_id"])), c["name"], other


def _product_entries(rows: _Rows) -> Found:
    for p in rows.products:
        company = rows.company_names.get(p["company_id"], p["company_id"])
        context = _joined(rows.t("of_company", company=company), i18n.label("status", p["status"], rows.lang),
                          rows.label("area", p.get("therapy_area")))
        other = text_of(company, _both("area", code_list(p.get("therapy_area"))), _both_cols(p, "note"),
                      rows.example_words(p["product"]))
        entry = Entry("product", f"{p['company_id']}:{p['product']}", p["product"], context,
                      rows.company_target(p["company_id"]))
        yield entry, p["product"], other


def _place_entries(rows: _Rows, region_names: Mapping[str, str], areas: Sequence[str]) -> Found:
    """Therapy areas and regions: each opens the profile with its filter set."""
    for code in areas:
        title = i18n.label("area", code, rows.lang)
        # The words a reader types for the area, in both languages (« diabète », "diabetes" → Diabétologie).
        terms = " ".join(i18n.catalog(lang).get(f"search.area_terms.{code}", "") for lang in i18n.LANGS)
        yield (Entry("area", code, title, rows.t("area_context"), Target("profile", areas=(code,))),
               text_of(_both("area", [code]), terms), code)
    for code, name in region_names.items():
        yield Entry("region", code, name, rows.t("region_context"), Target("profile", regions=(code,))), name, ""


def _smt_entries(rows: _Rows) -> Found:
    for e in _records(rows.frames, "smt_examples"):
        # Device types and drugs the study names in French read in English too (« Inhalateur » → "Inhaler").
        name, drug = translated(e, "name", rows.lang), translated(e, "drug", rows.lang)
        context = _joined(i18n.label("category", e["category"], rows.lang), text_of(drug),
                          rows.label("area", e.get("therapy_area")))
        other = text_of(e.get("drug"), e.get("drug_en"), e["name"], e.get("name_en"), _both_cols(e, "description"),
                        _both("category", [e["category"]]), _both("area", code_list(e.get("therapy_area"))))
        # Its name in both languages counts as its name ("inhaler" finds « Inhalateur » first).
        yield Entry("smt", e["example_id"], name, context, Target("catalogue")), text_of(e["name"], e.get("name_en")), other


def _dtx_entries(rows: _Rows) -> Found:
    """Digital therapeutics, then their developers (but the French one, whose company has its page)."""
    developers = {d["developer_id"]: d for d in _records(rows.frames, "dtx_developers")}
    for d in _records(rows.frames, "digital_therapeutics"):
        dev = developers.get(d.get("developer_id")) or {}
        context = _joined(rows.t("dtx_context"), text_of(dev.get("name")), text_of(d.get("pharma_partner")))
        other = text_of(dev.get("name"), d.get("pharma_partner"), _both("area", code_list(d.get("therapy_area"))),
                      _both_cols(d, "note"))
        yield Entry("dtx", d["dtx_id"], d["name"], context, Target("catalogue")), d["name"], other
    for d in developers.values():
        if not i18n.is_missing(d.get("company_id")) and d["company_id"] in rows.in_france:
            continue  # the French developer is its company's page
        context = _joined(rows.t("developer_context"), text_of(d.get("city")))
        yield Entry("dtx", d["developer_id"], d["name"], context, Target("catalogue")), d["name"], text_of(d.get("city"))


def _development_entries(rows: _Rows) -> Found:
    for d in _records(rows.frames, "developments"):
        text = i18n.pick(d, "text", rows.lang) or ""
        companies_here = " ".join(rows.company_names.get(c, c) for c in code_list(d.get("company_ids")))
        other = text_of(_both_cols(d, "text"), d.get("source_publisher"), d.get("quote"), companies_here,
                      _both("area", code_list(d.get("therapy_areas"))))
        context = _joined(i18n.fmt_month(d.get("date"), rows.lang) or text_of(d.get("date")),
                          text_of(d.get("source_publisher")), rows.t("post_study"))
        yield (Entry("development", d["development_id"], _short(text, 110), context, Target("since")),
               _both_cols(d, "text"), other)


def _study_entries(rows: _Rows) -> Found:
    """Recommendations, SWOT items and policy milestones."""
    for r in _records(rows.frames, "recommendations"):
        title = _short(i18n.pick(r, "text", rows.lang), 120)
        yield (Entry("recommendation", r["reco_id"], title, i18n.t("search.reco_context", rows.lang),
                     Target("recommendations")), _both_cols(r, "text"), "")
    for s in _records(rows.frames, "swot"):
        title = _short(i18n.pick(s, "text", rows.lang), 120)
        context = i18n.label("quadrant", s["quadrant"], rows.lang)
        yield (Entry("swot", s["item_id"], title, context, Target("swot", (("swot_item", s["item_id"]),))),
               _both_cols(s, "text"), "")
    for p in _records(rows.frames, "policy_timeline"):
        title = i18n.pick(p, "title", rows.lang) or ""
        context = _joined(text_of(p.get("date"))[:10], i18n.label("country", p["jurisdiction"], rows.lang))
        yield (Entry("policy", p["event_id"], title, context, Target("policy")), _both_cols(p, "title"),
               _both_cols(p, "detail"))


# Training tables: (table, id column, name column, columns of the context line).
TRAININGS = (
    ("training_dus", "du_id", "name", ("university", "city")),
    ("training_ra_masters", "master_id", "master_name", ("university", "city")),
    ("training_engineering_masters", "master_id", "name", ("partners",)),
    ("training_ux_establishments", "establishment", "establishment", ("city",)),
)


def _training_entries(rows: _Rows) -> Found:
    for table, id_col, name_col, context_cols in TRAININGS:
        for row in _records(rows.frames, table):
            context = " · ".join(text_of(row.get(c)).replace(";", ", ") for c in context_cols if text_of(row.get(c)))
            yield (Entry("training", f"{table}:{row[id_col]}", str(row[name_col]), context, Target("trainings")),
                   text_of(row[name_col]), context)


def _reference_entries(rows: _Rows) -> Found:
    """Institutions and sources."""
    for i in _records(rows.frames, "institutions"):
        name = i18n.pick(i, "name", rows.lang) or ""
        title = f"{i['acronym']} – {name}" if not i18n.is_missing(i.get("acronym")) else name
        yield (Entry("institution", i["institution_id"], title, _short(i18n.pick(i, "mission", rows.lang), 120),
                     Target("policy")), text_of(i.get("acronym"), _both_cols(i, "name")), _both_cols(i, "mission"))
    for s in _records(rows.frames, "sources"):
        title = text_of(i18n.pick(s, "citation", rows.lang))
        yield (Entry("source", s["source_id"], title, _short(s.get("title"), 120), Target("about")),
               text_of(_both_cols(s, "citation"), s.get("publisher")), text_of(s.get("title")))


def entries(frames: Mapping[str, pd.DataFrame], region_names: Mapping[str, str], areas: Sequence[str],
             lang: str) -> Found:
    """(entry, title words, other words) for every row the datasets name, kind by kind."""
    rows = _Rows.of(frames, lang)
    yield from _company_entries(rows)
    yield from _product_entries(rows)
    yield from _place_entries(rows, region_names, areas)
    yield from _smt_entries(rows)
    yield from _dtx_entries(rows)
    yield from _development_entries(rows)
    yield from _study_entries(rows)
    yield from _training_entries(rows)
    yield from _reference_entries(rows)
