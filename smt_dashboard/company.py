"""One company of the study, everything the datasets hold about it: who it is, its SMT and products (with their
reimbursement where the study names it), its drug-maker partners, its funding, where the study's tables cite it.
Its figures come from the metrics layer; its post-study events stay in their own table (developments.py). Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from smt_dashboard import catalogue, ecosystem, filters, i18n, metrics
from smt_dashboard.search import normalize

DATASETS = ("companies", "company_products", "funding_rounds", "smt_examples", "digital_therapeutics",
            "dtx_developers", "smt_reimbursed_products")


class UnknownCompany(KeyError):
    """The address names a company the study does not have a page for."""


def ids(companies: pd.DataFrame) -> list[str]:
    """Companies with a page: the study's companies in France (French companies and subsidiaries), by name."""
    france = filters.france_companies(companies).sort_values("name")
    return france["company_id"].astype(str).tolist()


def names(companies: pd.DataFrame) -> dict[str, str]:
    france = filters.france_companies(companies)
    return dict(zip(france["company_id"].astype(str), france["name"]))


def row(companies: pd.DataFrame, company_id: str) -> pd.Series:
    """The company's row; raises UnknownCompany for an id without a page (unknown, or a US company)."""
    found = filters.france_companies(companies)
    found = found[found["company_id"].astype(str) == str(company_id)]
    if found.empty:
        raise UnknownCompany(company_id)
    return found.iloc[0]


def cited_by_name(companies: pd.DataFrame, products: pd.DataFrame, cited_names) -> pd.DataFrame:
    """The companies in France whose name or one of whose products is among ``cited_names`` (a table's entries)."""
    wanted = {normalize(n) for n in cited_names}
    france = filters.france_companies(companies)
    by_product = set(products.loc[products["product"].map(normalize).isin(wanted), "company_id"])
    hit = france["company_id"].isin(by_product) | france["name"].map(normalize).isin(wanted)
    return france.loc[hit, ["company_id", "name"]]


def funds(frames: Mapping[str, pd.DataFrame], company_id: str) -> metrics.Figure:
    """What the company raised in fundraisings (the metrics layer's definition, for one company)."""
    return metrics.company_funds(frames, company_id)


def products(frames: Mapping[str, pd.DataFrame], company_id: str, lang: str) -> pd.DataFrame:
    """Its SMT and products: name, status, therapy area, and the study's reimbursement status where it names the
    product ("non communiqué" elsewhere), with the rows' sources."""
    own = frames["company_products"][frames["company_products"]["company_id"] == company_id]
    reimbursed = {normalize(p): s for p, s in zip(frames["smt_reimbursed_products"]["product"],
                                                  frames["smt_reimbursed_products"]["status"])}
    company_name = normalize(row(frames["companies"], company_id)["name"])
    records = []
    for _, p in own.iterrows():
        status = reimbursed.get(normalize(p["product"]))
        if status is None and len(own) == 1:  # the study names some products by their maker ("Diabeloop")
            status = reimbursed.get(company_name)
        records.append({
            "product": p["product"],
            "status": i18n.label("status", p["status"], lang),
            "therapy_area": "" if i18n.is_missing(p["therapy_area"]) else i18n.label("area", p["therapy_area"], lang),
            "reimbursement": i18n.t(f"company.reimbursement.{status}", lang) if status else i18n.not_disclosed(lang),
            "note": i18n.pick(p, "note", lang) or "",
            "source_id": p["source_id"], "cited_source_ids": p["cited_source_ids"],
        })
    return pd.DataFrame.from_records(records, columns=["product", "status", "therapy_area", "reimbursement", "note",
                                                      "source_id", "cited_source_ids"])


def study_places(frames: Mapping[str, pd.DataFrame], company_id: str, lang: str) -> pd.DataFrame:
    """Where the study's other tables cite the company or its products: the catalogue's examples, the digital
    therapeutics, the reimbursed products (one line each, with its sources)."""
    company = row(frames["companies"], company_id)
    own = {normalize(p) for p in frames["company_products"].loc[
        frames["company_products"]["company_id"] == company_id, "product"]} | {normalize(company["name"])}
    t = lambda key, **kw: i18n.t(f"company.place.{key}", lang, **kw)  # noqa: E731
    records = []
    for _, e in frames["smt_examples"].iterrows():
        if normalize(e["name"]) in own:
            records.append({"table": t("catalogue"), "entry": e["name"],
                            "detail": " · ".join(x for x in (i18n.label("category", e["category"], lang),
                                                             catalogue.translated(e, "drug", lang) or "",
                                                             i18n.pick(e, "description", lang) or "") if x),
                            "source_id": e["source_id"], "cited_source_ids": e["cited_source_ids"]})
    developers = frames["dtx_developers"]
    mine = developers[developers["company_id"].astype(str) == company_id]
    for _, d in mine.iterrows():
        dtx = frames["digital_therapeutics"]
        named = dtx[dtx["developer_id"] == d["developer_id"]]
        detail = ", ".join(f"{x['name']} ({x['pharma_partner']})" if not i18n.is_missing(x["pharma_partner"])
                           else str(x["name"]) for _, x in named.iterrows())
        records.append({"table": t("dtx"), "entry": d["name"], "detail": detail or t("dtx_none"),
                        "source_id": d["source_id"], "cited_source_ids": d["cited_source_ids"]})
    for _, r in frames["smt_reimbursed_products"].iterrows():
        if normalize(r["product"]) in own:
            records.append({"table": t("reimbursed"), "entry": r["product"],
                            "detail": i18n.t(f"company.reimbursement.{r['status']}", lang)
                            + (" – " + i18n.pick(r, "evidence", lang) if i18n.pick(r, "evidence", lang) else ""),
                            "source_id": r["source_id"], "cited_source_ids": r["cited_source_ids"]})
    return pd.DataFrame.from_records(records, columns=["table", "entry", "detail", "source_id", "cited_source_ids"])


@dataclass(frozen=True)
class Sheet:
    """The company's identity sheet: name, subtitle, description, labelled facts, the sentence that sums it up and
    the rows behind it."""

    company_id: str
    name: str
    subtitle: str
    description: str | None
    facts: pd.DataFrame  # label, value
    takeaway: str
    rows: pd.DataFrame


def sheet(frames: Mapping[str, pd.DataFrame], company_id: str, lang: str) -> Sheet:
    """Who the company is, in labelled facts (the map card's fields, then its funding from the metrics layer)."""
    company = row(frames["companies"], company_id)
    card = ecosystem.company_card(company, frames["company_products"], lang)
    money = funds(frames, company_id)
    operations = metrics.company_operations(frames, company_id)
    facts = [(i18n.t("company.fact.nationality", lang), card.subtitle), *card.fields]
    amount = metrics.company_amount(frames, company_id)
    if company["scope"] == "french":
        facts.append((operations.label(lang), i18n.fmt_number(operations.value, lang) if operations.value
                      else i18n.t("company.no_rounds", lang)))
        if operations.value:
            facts.append((amount.label(lang), amount.display(lang)))
            facts.append((money.label(lang), money.display(lang) if len(money.rows) else i18n.t("company.no_raise", lang)))
    table = pd.DataFrame(facts, columns=["label", "value"])
    own = frames["company_products"][frames["company_products"]["company_id"] == company_id]
    t = lambda key, **kw: i18n.t(f"company.{key}", lang, **kw)  # noqa: E731
    parts = [t("take.who", name=company["name"], nationality=i18n.t(f"company.in_sentence.{company['scope']}", lang),
               city=company["city"], region=company["region_name"])]
    if not i18n.is_missing(company["employees"]):
        parts.append(i18n.plural(f"company.take.staff_{company['scope']}", company["employees"], lang,
                                 n=i18n.fmt_number(company["employees"], lang)))
    if len(own):
        parts.append(i18n.plural("company.take.products", len(own), lang, n=i18n.fmt_number(len(own), lang),
                                 names=", ".join(own["product"])))
    if company["scope"] == "french" and operations.value:
        parts.append(i18n.plural("company.take.funding", operations.value, lang, n=i18n.fmt_number(operations.value, lang),
                                 total=amount.display(lang)))
    takeaway = ("; " if lang == "en" else " ; ").join(parts) + "."
    rows = pd.concat([company.to_frame().T[["source_id", "cited_source_ids"]],
                      own[["source_id", "cited_source_ids"]], money.rows[["source_id", "cited_source_ids"]]],
                     ignore_index=True)
    return Sheet(str(company_id), str(company["name"]), card.subtitle, card.description, table, takeaway, rows)
