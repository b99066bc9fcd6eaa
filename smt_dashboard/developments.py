"""What happened after the study (September 2020 → today), from public sources opened and quoted: the developments
table prepared for display (dates at their precision, labels, the reader's language), selections by kind,
jurisdiction and the global filters, the developments tied to a company, a recommendation, a SWOT item or a policy
milestone, the recommendations' follow-up and the companies' search record. Pure functions; post-study rows are
never added to a study figure."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from smt_dashboard import filters, i18n
from smt_dashboard.filters import FilterState, Judged
from smt_dashboard.memo import memoized
from smt_dashboard.schemas.post_study import DEVELOPMENT_JURISDICTIONS, DEVELOPMENT_KINDS, FOLLOWUP_STATUSES, earliest

STATUS_ORDER = {s: i for i, s in enumerate(FOLLOWUP_STATUSES)}
# The global filters reach a development through the regions of its companies (or the regions it names) and the
# therapy areas it names; a national policy event has neither and is counted apart ("non renseigné").
FILTER_COLUMNS = {"regions": "region_codes_all", "areas": "therapy_areas"}


def ids(cell: object) -> tuple[str, ...]:
    """The ids of a ``;``-separated cell."""
    return () if i18n.is_missing(cell) else tuple(v for v in str(cell).split(";") if v)


def badge(read_on: Iterable[str], lang: str) -> str:
    """"Hors étude — source publique, lue le 4 déc. 2026" (the latest reading date of the rows shown)."""
    days = sorted({str(d) for d in read_on if not i18n.is_missing(d)})
    return i18n.t("since.badge", lang, date=i18n.fmt_month(days[-1], lang) if days else i18n.not_disclosed(lang))


@memoized
def prepare(developments: pd.DataFrame, companies: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The developments, newest last, with ``when`` (first day the date can mean), ``year``, ``date_label`` at the
    source's precision, ``kind_label``, ``jurisdiction_label``, ``text`` in ``lang``, ``companies`` (names) and
    ``region_codes_all`` (the regions it names and those of its companies)."""
    out = developments.copy()
    out["when"] = pd.to_datetime([earliest(d) for d in out["date"]])
    out["year"] = out["when"].dt.year
    out["date_label"] = [i18n.fmt_month(d, lang) for d in out["date"]]
    out["kind_label"] = [i18n.t(f"since.kind.{k}", lang) for k in out["kind"]]
    out["jurisdiction_label"] = [i18n.label("country", c, lang) for c in out["jurisdiction"]]
    out["text"] = [i18n.pick(r, "text", lang) for _, r in out.iterrows()]
    names = dict(zip(companies["company_id"], companies["name"]))
    regions = dict(zip(companies["company_id"], companies["region_code"]))
    out["companies"] = [", ".join(names.get(c, c) for c in ids(cell)) for cell in out["company_ids"]]
    out["region_codes_all"] = [
        ";".join(dict.fromkeys([*ids(named), *(regions[c] for c in ids(cell) if not i18n.is_missing(regions.get(c)))]))
        or None for named, cell in zip(out["region_codes"], out["company_ids"])]
    return out.sort_values(["when", "development_id"], kind="stable").reset_index(drop=True)


@memoized
def select(prepared: pd.DataFrame, state: FilterState, kinds: tuple[str, ...] = (),
           jurisdictions: tuple[str, ...] = ()) -> Judged:
    """The developments of the chosen kinds and jurisdictions (all when none), judged by the global region and
    area filters (those without a region or an area are counted, not dropped silently)."""
    rows = prepared
    if kinds:
        rows = rows[rows["kind"].isin(kinds)]
    if jurisdictions:
        rows = rows[rows["jurisdiction"].isin(jurisdictions)]
    return filters.judge(rows, state, FILTER_COLUMNS)


def tied_to(prepared: pd.DataFrame, column: str, value: str) -> pd.DataFrame:
    """The developments whose ``column`` (company_ids, reco_ids, swot_ids, policy_event_ids) names ``value``."""
    return prepared[[value in ids(cell) for cell in prepared[column]]]


def counts(rows: pd.DataFrame) -> dict[str, int]:
    """How many developments, distinct sources (addresses) and publishers the rows hold."""
    return {"developments": len(rows), "sources": int(rows["source_url"].nunique()),
            "publishers": int(rows["source_publisher"].nunique())}


def kinds_present(prepared: pd.DataFrame) -> list[str]:
    return [k for k in DEVELOPMENT_KINDS if k in set(prepared["kind"])]


def jurisdictions_present(prepared: pd.DataFrame) -> list[str]:
    return [j for j in DEVELOPMENT_JURISDICTIONS if j in set(prepared["jurisdiction"])]


def source_line(rows: pd.DataFrame, lang: str) -> str:
    """"Sources publiques (hors étude), lues le 4 déc. 2026 : Légifrance, HAS, … (n sources)"."""
    publishers = list(dict.fromkeys(rows["source_publisher"]))
    shown = ", ".join(publishers[:8]) + (" …" if len(publishers) > 8 else "")
    return i18n.plural("since.source_line", len(rows["source_url"].unique()), lang,
                       date=i18n.fmt_month(max(rows["read_on"]), lang) if len(rows) else "",
                       publishers=shown, n=i18n.fmt_number(rows["source_url"].nunique(), lang))


@memoized
def followup(follow: pd.DataFrame, recommendations: pd.DataFrame, prepared: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Each recommendation, in the study's order, with its follow-up status (``status``, ``status_label``), why
    (``note``), when it was assessed, and the developments that back it (``evidence``: "date — text" lines)."""
    by_id = prepared.set_index("development_id")
    recos = recommendations  # in the study's order
    status = follow.set_index("reco_id")
    rows = []
    for _, reco in recos.iterrows():
        entry = status.loc[reco["reco_id"]] if reco["reco_id"] in status.index else None
        code = entry["status"] if entry is not None else "no_evidence"
        backing = [d for d in ids(entry["development_ids"]) if d in by_id.index] if entry is not None else []
        rows.append({
            "reco_id": reco["reco_id"], "group": reco["group"], "objective": reco["objective"],
            "recommendation": i18n.pick(reco, "text", lang), "status": code,
            "status_label": i18n.t(f"since.status.{code}", lang),
            "note": i18n.pick(entry, "note", lang) if entry is not None else i18n.t("since.status_missing", lang),
            "assessed_on": entry["assessed_on"] if entry is not None else None,
            "development_ids": tuple(backing),
            "evidence": tuple(f"{by_id.loc[d, 'date_label']} — {by_id.loc[d, 'text']}" for d in backing),
        })
    return pd.DataFrame(rows)


@memoized
def followup_counts(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Recommendations per group of the study × follow-up status (what the follow-up chart draws)."""
    grid = pd.MultiIndex.from_product([["competitiveness", "training"], FOLLOWUP_STATUSES],
                                      names=["group", "status"]).to_frame(index=False)
    counted = table.groupby(["group", "status"]).size().rename("recommendations").reset_index()
    out = grid.merge(counted, on=["group", "status"], how="left").fillna({"recommendations": 0})
    out["recommendations"] = out["recommendations"].astype(int)
    out["group_label"] = [i18n.t(f"recommendations.group.{g}", lang) for g in out["group"]]
    out["status_label"] = [i18n.t(f"since.status.{s}", lang) for s in out["status"]]
    return out


@memoized
def coverage(searches: pd.DataFrame, companies: pd.DataFrame, prepared: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The companies in France with how many post-study developments name them and when they were searched for."""
    france = filters.france_companies(companies)
    found = pd.Series([c for cell in prepared["company_ids"] for c in ids(cell)]).value_counts()
    searched = dict(zip(searches["company_id"], searches["searched_on"]))
    out = pd.DataFrame({
        "company_id": france["company_id"], "name": france["name"], "scope": france["scope"],
        "developments": [int(found.get(c, 0)) for c in france["company_id"]],
        "searched_on": [searched.get(c) for c in france["company_id"]],
    })
    out["searched_label"] = [i18n.fmt_month(d, lang) if d else i18n.not_disclosed(lang) for d in out["searched_on"]]
    return out.sort_values(["developments", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)


def company_events(prepared: pd.DataFrame, searches: pd.DataFrame, company_id: str, lang: str) -> tuple[pd.DataFrame, str]:
    """A company's post-study developments, newest first, and the line to show when there are none ("no public
    event found since the study (searched on …)")."""
    rows = tied_to(prepared, "company_ids", company_id).iloc[::-1]
    day = searches.loc[searches["company_id"] == company_id, "searched_on"]
    empty = i18n.t("since.company_none", lang, date=i18n.fmt_month(day.iloc[0], lang) if not day.empty
                   else i18n.not_disclosed(lang))
    return rows, empty
