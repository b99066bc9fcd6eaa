"""The catalogue of the 40 SMT: category × therapy-area counts, approvals, reimbursement and the
digital therapeutics outside the SMT scope. Pure functions on the curated tables."""

from __future__ import annotations

import math

import pandas as pd

from smt_dashboard import i18n
from smt_dashboard.filters import FilterState, apply_area, judge_area
from smt_dashboard.memo import memoized
from smt_dashboard.schemas import SMT_CATEGORIES

REIMBURSEMENT_ORDER = ("reimbursed", "in_progress", "free", "not_reimbursed")
AUTHORITIES = ("ce_marked", "fda_approved")


def _share(part: float, whole: float) -> float | None:
    return None if not whole else 100 * part / whole


def pct_whole(value: float | None, lang: str) -> str:
    """A share as a whole percentage rounded half up, as the study prints it (2.5 → "3 %"; Babel rounds half to even)."""
    if i18n.is_missing(value):
        return i18n.not_disclosed(lang)
    return i18n.fmt_pct(math.floor(float(value) + 0.5 + 1e-9), lang, 0)


@memoized
def category_totals(catalogue: pd.DataFrame, total: float | None = None) -> pd.DataFrame:
    """SMT per category, in the study's order, with the share of ``total`` (default: the rows' sum;
    6 / 30 / 4 of 40)."""
    counts = catalogue.groupby("category")["smt_count"].sum()
    total = counts.sum() if total is None else total
    out = pd.DataFrame({"category": list(SMT_CATEGORIES)})
    out["smt_count"] = out["category"].map(counts).fillna(0).astype(int)
    out["share_pct"] = [_share(n, total) for n in out["smt_count"]]
    return out


@memoized
def area_totals(catalogue: pd.DataFrame, total: float | None = None) -> pd.DataFrame:
    """SMT per therapy area, most first, with the share of ``total`` (default: the rows' sum;
    diabetology 22 = 55 %)."""
    counts = catalogue.groupby("therapy_area")["smt_count"].sum()
    total = counts.sum() if total is None else total
    out = counts.rename("smt_count").reset_index()
    out["share_pct"] = [_share(n, total) for n in out["smt_count"]]
    # Ties keep the study's data order (stable sort), so the axis is deterministic.
    order = {a: i for i, a in enumerate(dict.fromkeys(catalogue["therapy_area"]))}
    out["_order"] = out["therapy_area"].map(order)
    out = out.sort_values(["smt_count", "_order"], ascending=[False, True], kind="stable").drop(columns="_order")
    return out.reset_index(drop=True)


@memoized
def filtered_catalogue(catalogue: pd.DataFrame, state: FilterState) -> pd.DataFrame:
    """Catalogue rows of the selected therapy areas (the only global filter the catalogue has)."""
    return apply_area(catalogue, state)


@memoized
def heatmap_cells(catalogue: pd.DataFrame, lang: str, total: float | None = None) -> pd.DataFrame:
    """One row per category × therapy area drawn: the complete grid of the areas present, with 0 where
    the catalogue has no SMT (its rows add up to the 40, so an absent pair is a true zero). Area shares
    are of ``total`` (the whole catalogue when a filter narrows the rows)."""
    if catalogue.empty:
        return pd.DataFrame(columns=["category", "therapy_area", "smt_count", "category_label", "category_short",
                                     "area_label", "category_total", "area_total", "area_share_pct"])
    areas = area_totals(catalogue, total)
    cats = category_totals(catalogue, total)
    cats = cats[cats["smt_count"] > 0]
    grid = pd.MultiIndex.from_product([cats["category"], areas["therapy_area"]], names=["category", "therapy_area"])
    counts = catalogue.set_index(["category", "therapy_area"])["smt_count"]
    out = grid.to_frame(index=False)
    out["smt_count"] = [int(counts.get(key, 0)) for key in grid]
    out["category_total"] = out["category"].map(cats.set_index("category")["smt_count"])
    out["area_total"] = out["therapy_area"].map(areas.set_index("therapy_area")["smt_count"])
    out["area_share_pct"] = out["therapy_area"].map(areas.set_index("therapy_area")["share_pct"])
    out["category_label"] = [
        f"{i18n.label('category', c, lang)} ({i18n.fmt_number(n, lang)})"
        for c, n in zip(out["category"], out["category_total"])]
    out["category_short"] = [
        i18n.t("catalogue.category_total", lang, category=i18n.t(f"catalogue.category_short.{c}", lang),
               n=i18n.fmt_number(n, lang))
        for c, n in zip(out["category"], out["category_total"])]
    out["area_label"] = [
        f"{i18n.label('area', a, lang)} ({pct_whole(s, lang)})"
        for a, s in zip(out["therapy_area"], out["area_share_pct"])]
    return out


@memoized
def examples_for(examples: pd.DataFrame, category: str, state: FilterState) -> tuple[pd.DataFrame, int]:
    """Named SMT and device types cited for one category; with an area filter, only the examples of
    those areas, plus how many were hidden because the study gives them no area."""
    judged = judge_area(examples[examples["category"] == category], state)
    return judged.rows, judged.n_unjudged


@memoized
def approvals_long(approvals: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Per category and authority (CE, FDA): approved count, available count and share, in study order."""
    rows = []
    for category in SMT_CATEGORIES:
        match = approvals[approvals["category"] == category]
        if match.empty:
            continue
        row = match.iloc[0]
        for authority in AUTHORITIES:
            approved, available = int(row[authority]), int(row["available_count"])
            share = _share(approved, available)
            rows.append({
                "category": category, "authority": authority, "approved": approved, "available": available,
                "share_pct": share,
                "category_label": i18n.label("category", category, lang),
                "authority_label": i18n.t(f"catalogue.authority.{authority}", lang),
                "bar_label": i18n.t("catalogue.approval_label", lang,
                                    authority=i18n.t(f"catalogue.authority_short.{authority}", lang),
                                    approved=i18n.fmt_number(approved, lang),
                                    available=i18n.fmt_number(available, lang), share=pct_whole(share, lang)),
            })
    return pd.DataFrame(rows)


@memoized
def approval_totals(approvals: pd.DataFrame) -> dict[str, float]:
    """Totals over the available SMT: 33 available, 21 CE, 22 FDA, and the mean approval rate (65 %)."""
    available = float(approvals["available_count"].sum())
    ce = float(approvals["ce_marked"].sum())
    fda = float(approvals["fda_approved"].sum())
    return {
        "available": available, "ce_marked": ce, "fda_approved": fda,
        "ce_pct": _share(ce, available), "fda_pct": _share(fda, available),
        # The study's "en moyenne 65 %" is the mean of the CE and FDA rates.
        "mean_pct": _share(ce + fda, 2 * available),
    }


@memoized
def approval_gaps(approvals: pd.DataFrame) -> pd.DataFrame:
    """Categories where CE and FDA counts differ: proof that some SMT are approved in one geography only
    (at least |FDA − CE| of them)."""
    diff = approvals.assign(at_least=(approvals["fda_approved"] - approvals["ce_marked"]).abs())
    return diff[diff["at_least"] > 0].reset_index(drop=True)


@memoized
def reimbursement_rows(reimbursement: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The four French reimbursement statuses in a fixed order, with share of the 33 and named products."""
    total = reimbursement["smt_count"].sum()
    out = reimbursement.set_index("status").reindex(
        [s for s in REIMBURSEMENT_ORDER if s in set(reimbursement["status"])]).reset_index()
    out["share_pct"] = [_share(n, total) for n in out["smt_count"]]
    out["status_label"] = [i18n.t(f"catalogue.status.{s}", lang) for s in out["status"]]
    out["products_list"] = [[] if i18n.is_missing(p) else [x.strip() for x in str(p).split(";")] for p in out["products"]]
    out["label"] = [f"{i18n.fmt_number(n, lang)} ({pct_whole(s, lang)})"
                    for n, s in zip(out["smt_count"], out["share_pct"])]
    return out


def financed_or_in_progress(reimbursement: pd.DataFrame) -> int:
    """SMT financed/reimbursed or in the process of reimbursement (the study's 12 of 33)."""
    return int(reimbursement.loc[reimbursement["status"].isin(["reimbursed", "in_progress"]), "smt_count"].sum())


@memoized
def dtx_table(dtx: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The digital therapeutics as displayed: name, pharma partner, therapy area (when the study gives it)."""
    return pd.DataFrame({
        i18n.t("catalogue.col.dtx_name", lang): dtx["name"],
        i18n.t("catalogue.col.partner", lang): dtx["pharma_partner"],
        i18n.t("catalogue.col.area", lang): [
            i18n.not_disclosed(lang) if i18n.is_missing(a) else i18n.label("area", a, lang) for a in dtx["therapy_area"]],
    })


def dtx_notes(dtx: pd.DataFrame, lang: str) -> list[tuple[str, str]]:
    """(name, note) of the digital therapeutics that carry a note (shown under the table, too long for a cell)."""
    return [(str(r["name"]), i18n.pick(r, "note", lang)) for _, r in dtx.iterrows() if i18n.pick(r, "note", lang)]


@memoized
def dtx_areas(areas: pd.DataFrame, state: FilterState, lang: str) -> pd.DataFrame:
    """Digital therapeutics per therapy area (area filter applied), most first, with labels and notes."""
    rows = apply_area(areas, state).sort_values("dtx_count", ascending=False, kind="stable").reset_index(drop=True)
    rows["area_label"] = [i18n.label("area", a, lang) + (" *" if not i18n.is_missing(n) else "")
                          for a, n in zip(rows["therapy_area"], rows["note_fr"])]
    return rows


def translated(row: pd.Series, field: str, lang: str) -> str | None:
    """An example's ``name`` or ``drug`` in the reader's language: the study's French words, or their English in
    ``<field>_en`` (a device type, a drug named in French: « Inhalateur » → "Inhaler", « Insuline » → "Insulin");
    a proper name has no English column and reads the same. None when the study names no drug."""
    value = row.get(f"{field}_en") if i18n.normalize_lang(lang) == "en" else None
    if i18n.is_missing(value):
        value = row.get(field)
    return None if i18n.is_missing(value) else str(value)


def example_line(row: pd.Series, lang: str) -> str:
    """One cited example as plain text: name (drug · therapy area) — description, parts the study omits left out."""
    drug = translated(row, "drug", lang)
    details = [drug] if drug else []
    if not i18n.is_missing(row["therapy_area"]):
        details.append(i18n.label("area", row["therapy_area"], lang))
    text = translated(row, "name", lang) + (f" ({' · '.join(details)})" if details else "")
    description = i18n.pick(row, "description", lang)
    return text + (f" — {description}" if description else "")


@memoized
def heatmap_table(cells: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The heatmap's cells as a readable table (what "afficher les données" shows)."""
    return pd.DataFrame({
        i18n.t("catalogue.axis_category", lang): [i18n.label("category", c, lang) for c in cells["category"]],
        i18n.t("catalogue.axis_area", lang): [i18n.label("area", a, lang) for a in cells["therapy_area"]],
        i18n.t("catalogue.axis_count", lang): cells["smt_count"].astype(int).tolist(),
    })


@memoized
def approvals_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The approvals chart's bars as a table: category, authority, approved, available, share."""
    return pd.DataFrame({
        i18n.t("catalogue.axis_category", lang): rows["category_label"].tolist(),
        i18n.t("catalogue.authority_legend", lang): rows["authority_label"].tolist(),
        i18n.t("catalogue.col.approved", lang): rows["approved"].tolist(),
        i18n.t("catalogue.col.available", lang): rows["available"].tolist(),
        i18n.t("catalogue.col.share", lang): [pct_whole(s, lang) for s in rows["share_pct"]],
    })


@memoized
def reimbursement_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The reimbursement chart's bars as a table, with the products the study names."""
    return pd.DataFrame({
        i18n.t("catalogue.col.status", lang): rows["status_label"].tolist(),
        i18n.t("catalogue.axis_count", lang): rows["smt_count"].astype(int).tolist(),
        i18n.t("catalogue.col.share", lang): [pct_whole(s, lang) for s in rows["share_pct"]],
        i18n.t("catalogue.col.products", lang): [", ".join(p) for p in rows["products_list"]],
    })


@memoized
def dtx_areas_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The digital-therapeutics-by-area bars as a table, with the derivation note where there is one."""
    return pd.DataFrame({
        i18n.t("catalogue.col.area", lang): [i18n.label("area", a, lang) for a in rows["therapy_area"]],
        i18n.t("catalogue.axis_dtx", lang): rows["dtx_count"].astype(int).tolist(),
        i18n.t("catalogue.col.note", lang): [i18n.pick(r, "note", lang) or "" for _, r in rows.iterrows()],
    })
