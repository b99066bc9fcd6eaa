"""Study content that no other table held before issue #17: the development challenges, the conditions set before
the recommendations, how drug makers organise for SMT, the skills all SMT jobs share, the training context, the
reimbursed SMT and their evidence, HAS / EMA / NICE assessment, the app-guidance platforms, the French institutions,
the Coalition Innovation Santé, where the digital-therapeutics developers are based, the study's method and the
scope of its jobs projection.

Pure functions (no Streamlit): each takes the loaded table(s) and a language and returns a display-ready frame,
in the study's order, with the text in that language (French as fallback) and the provenance columns
(``source_id``, ``cited_source_ids``, ``seed_ref``) kept so that a page can print the source line."""

from __future__ import annotations

import pandas as pd

from smt_dashboard import i18n
from smt_dashboard.memo import memoized
from smt_dashboard.policy import format_partial_date, jurisdiction_label

# The tables this module displays (pages that show them load them by these names with ui.load / ui.load_section).
DATASETS = ("smt_challenges", "reco_conditions", "pharma_smt_organisation", "smt_shared_skills", "training_context",
            "smt_reimbursed_products", "evaluation_framework", "app_guidance_platforms", "institutions",
            "coalition_innovation_sante", "dtx_developers", "study_method", "jobs_projection_scope")
PROVENANCE = ["source_id", "cited_source_ids", "seed_ref"]


def _t(key: str, lang: str, **kwargs: object) -> str:
    return i18n.t(f"study.{key}", lang, **kwargs)


def _or_none(value: object) -> object:
    return None if i18n.is_missing(value) else value


def reading_label(lang: str = "fr") -> str:
    """What a basis ``inferred`` means, for a caption: "reading of the dashboard team, not stated by the study"."""
    return _t("reading", lang)


def text_frame(rows: pd.DataFrame, lang: str, texts: dict[str, str], keep: list[str], sort: list[str]) -> pd.DataFrame:
    """``keep`` columns as they are, each ``texts`` output column from the bilingual field, plus provenance (shared with
    ``study_context``)."""
    rows = rows.sort_values(sort) if sort else rows
    out = rows[keep].copy()
    for name, field in texts.items():
        out[name] = [i18n.pick(r, field, lang) for _, r in rows.iterrows()]
    for col in PROVENANCE:
        out[col] = rows[col]
    return out.reset_index(drop=True)


# --- 1. development challenges (market / policy page) --------------------------------------------------------

@memoized
def challenges(table: pd.DataFrame, lang: str = "fr", nature: str | None = None) -> pd.DataFrame:
    """The challenges SMT developers face, by nature (technical, economic & regulatory, organisational).
    Columns: challenge_id, nature, nature_label, order, text + provenance."""
    rows = table if nature is None else table[table["nature"] == nature]
    order = {n: i for i, n in enumerate(("technical", "economic_regulatory", "organisational"))}
    rows = rows.assign(_n=rows["nature"].map(order))
    out = text_frame(rows, lang, {"text": "text"}, ["challenge_id", "nature", "order"], ["_n", "order"])
    out.insert(2, "nature_label", [_t(f"nature.{n}", lang) for n in out["nature"]])
    return out


# --- 2. conditions before the recommendations (recommendations page) -------------------------------------------

@memoized
def conditions(table: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """What "the growth and adoption of innovative SMT will require". Columns: condition_id, order, text + provenance."""
    return text_frame(table, lang, {"text": "text"}, ["condition_id", "order"], ["order"])


# --- 3. how drug makers organise for SMT (ecosystem / recommendations) -----------------------------------------

@memoized
def pharma_setups(table: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """The three anonymised team set-ups and what each learned. Columns: item_id, level, level_label, order,
    objective, organisation, feedback + provenance."""
    rows = table[table["kind"] == "setup"]
    out = text_frame(rows, lang, {"objective": "objective", "organisation": "organisation", "feedback": "text"},
                 ["item_id", "level", "order"], ["order"])
    out.insert(2, "level_label", [_t(f"level.{v}", lang) for v in out["level"]])
    return out


@memoized
def pharma_statements(table: pd.DataFrame, lang: str = "fr", kind: str = "conclusion") -> pd.DataFrame:
    """Statements of one kind: ``conclusion``, ``quote``, ``success_factor`` (the 4 elements of success; only the strategy
    one can be matched to the study's numbering, 2: ``order`` is the extracted text's, not a number to print), ``practice``.
    Columns: item_id, order, study_number, text, note + provenance."""
    rows = table[table["kind"] == kind]
    return text_frame(rows, lang, {"text": "text", "note": "note"}, ["item_id", "order", "study_number"], ["order"])


@memoized
def strategic_questions(table: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """The five questions to answer to set the strategy early, each with its sub-questions.
    Columns: question_id, order, question, sub_questions (tuple of str) + provenance."""
    main = table[table["kind"] == "question"].sort_values("order")
    subs = table[table["kind"] == "sub_question"]
    out = text_frame(main, lang, {"question": "text"}, ["item_id", "order"], ["order"]).rename(
        columns={"item_id": "question_id"})
    out.insert(3, "sub_questions", [
        tuple(i18n.pick(r, "text", lang) for _, r in subs[subs["parent_id"] == qid].sort_values("order").iterrows())
        for qid in out["question_id"]])
    return out


# --- 4. shared skills and training context (jobs / trainings pages) --------------------------------------------

@memoized
def shared_skills(table: pd.DataFrame, lang: str = "fr", scope: str = "all_jobs") -> pd.DataFrame:
    """Skills all SMT jobs need (``all_jobs``: results, process, end users) or that the traditional jobs need
    (``traditional_jobs``). Columns: skill_id, order, skill, detail + provenance."""
    rows = table[table["scope"] == scope]
    return text_frame(rows, lang, {"skill": "text", "detail": "detail"}, ["skill_id", "order"], ["order"])


@memoized
def training_context(table: pd.DataFrame, lang: str = "fr", topic: str | None = None,
                     ref_id: str | None = None) -> pd.DataFrame:
    """Training context items of one topic (``ux_routes``, ``ux_on_the_job``, ``ux_continuing``,
    ``engineering_schools``, ``engineering_master_objective``, ``ra_masters``, ``du``, ``du_objective``),
    optionally for one master / DU (``ref_id``). Columns: item_id, topic, order, level, level_label, level_basis
    (``inferred``: the entry routes' levels are the team's reading, see ``reading_label``), ref_id, value, unit, text, note
    + provenance."""
    rows = table
    if topic is not None:
        rows = rows[rows["topic"] == topic]
    if ref_id is not None:
        rows = rows[rows["ref_id"] == ref_id]
    out = text_frame(rows, lang, {"text": "text", "note": "note"},
                 ["item_id", "topic", "order", "level", "level_basis", "ref_id", "value", "unit"], ["topic", "order"])
    out.insert(4, "level_label", [None if i18n.is_missing(v) else _t(f"diploma.{v}", lang) for v in out["level"]])
    return out


def cti_schools(table: pd.DataFrame) -> int:
    """Number of engineering schools accredited by the CTI, as the study states it (205)."""
    row = table[table["item_id"] == "cti_schools"]
    if row.empty or i18n.is_missing(row.iloc[0]["value"]):
        raise KeyError("cti_schools")
    return int(row.iloc[0]["value"])


# --- 5. reimbursement evidence (catalogue page) -----------------------------------------------------------------

@memoized
def reimbursed_products(table: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """The 12 SMT funded / reimbursed or under way in France, where they come from when the study says (the
    medical-device side: FreeStyle Libre) and the evidence it names (Diabeo: Telesage, 700 patients).
    Columns: product, status, status_label, origin, origin_label, origin_quote, evidence, evidence_patients
    + provenance. Empty origin / evidence = not stated by the study."""
    order = {"reimbursed": 0, "in_progress": 1}
    rows = table.assign(_s=table["status"].map(order))
    out = text_frame(rows, lang, {"origin_quote": "origin_quote", "evidence": "evidence"},
                 ["product", "status", "origin", "evidence_patients"], ["_s"])
    out.insert(2, "status_label", [_t(f"status.{s}", lang) for s in out["status"]])
    out.insert(4, "origin_label", [_t(f"origin.{o}", lang) if not i18n.is_missing(o) else _t("not_stated", lang)
                                   for o in out["origin"]])
    return out


# --- 6. HAS / EMA / NICE and the app platforms (policy page) -----------------------------------------------------

@memoized
def evaluation_items(table: pd.DataFrame, lang: str = "fr", topic: str = "has_axis") -> pd.DataFrame:
    """The items of one assessment topic: ``has_axis`` (the 4 axes of the HAS's 29 proposals), ``has_finding``,
    ``has_difficulty``, ``has_question``, ``has_matrix``, ``ema_topic``, ``nice_audience``, ``nice_element``.
    Columns: item_id, body, topic, order, text + provenance."""
    rows = table[table["topic"] == topic]
    return text_frame(rows, lang, {"text": "text"}, ["item_id", "body", "topic", "order"], ["order"])


@memoized
def platforms(table: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """The app-guidance / certification platforms the study cites. Columns: platform_id, name, country_code,
    country (label, None when not stated), country_basis, kind, kind_label, description, description_basis, note
    + provenance. A basis ``inferred`` (Medappcare's country, the unnamed description) is the team's reading."""
    out = text_frame(table, lang, {"description": "description", "note": "note"},
                 ["platform_id", "name", "country_code", "country_basis", "kind", "order", "description_basis"], ["order"])
    out.insert(3, "country", [None if i18n.is_missing(c) else jurisdiction_label(c, lang) for c in out["country_code"]])
    out.insert(6, "kind_label", [_t(f"platform.{k}", lang) for k in out["kind"]])
    return out


# --- 7. institutions and the Coalition Innovation Santé (policy page) -------------------------------------------

@memoized
def institutions(table: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """French digital-health institutions and their missions, national bodies first. Columns: institution_id,
    acronym, name, level, level_label, created, created_label ("non daté par l'étude" when empty), mission, note
    + provenance."""
    order = {"national": 0, "regional": 1, "industry": 2}
    rows = table.assign(_l=table["level"].map(order), _i=range(len(table)))
    out = text_frame(rows, lang, {"name": "name", "mission": "mission", "note": "note"},
                 ["institution_id", "acronym", "level", "created"], ["_l", "_i"])
    out.insert(4, "level_label", [_t(f"inst_level.{v}", lang) for v in out["level"]])
    out.insert(6, "created_label", [_t("undated", lang) if i18n.is_missing(d) else format_partial_date(d, lang)
                                    for d in out["created"]])
    return out


@memoized
def coalition(table: pd.DataFrame, lang: str = "fr", kind: str | None = None) -> pd.DataFrame:
    """The Coalition Innovation Santé Crise Sanitaire: its objective, the call's objectives, the 3 first projects,
    who initiated, supported and joined it. Columns: item_id, kind, kind_label, order, name, text + provenance."""
    rows = table if kind is None else table[table["kind"] == kind]
    kinds = {k: i for i, k in enumerate(dict.fromkeys(table["kind"]))}
    rows = rows.assign(_k=rows["kind"].map(kinds))
    out = text_frame(rows, lang, {"text": "text"}, ["item_id", "kind", "order", "name"], ["_k", "order"])
    out.insert(2, "kind_label", [_t(f"coalition.{k}", lang) for k in out["kind"]])
    return out


# --- 8. where the digital-therapeutics developers are based (catalogue page) -------------------------------------

@memoized
def dtx_locations(therapeutics: pd.DataFrame, developers: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """One row per developer: country, city as the study's map places it (None when not placed), the digital
    therapeutics of the list it develops, and whether that link is inferred. Columns: developer_id, name,
    country_code, country, city, therapies, inferred, note + provenance."""
    rows = []
    for _, dev in developers.iterrows():
        mine = therapeutics[therapeutics["developer_id"] == dev["developer_id"]]
        rows.append({
            "developer_id": dev["developer_id"], "name": dev["name"], "country_code": dev["country_code"],
            "country": jurisdiction_label(dev["country_code"], lang), "city": _or_none(dev["city"]),
            "therapies": ", ".join(mine["name"]), "inferred": bool((mine["developer_basis"] == "inferred").any()),
            "note": i18n.pick(dev, "note", lang) or next((i18n.pick(r, "basis_note", lang) for _, r in mine.iterrows()
                                                           if r["developer_basis"] == "inferred"), None),
            **{c: dev[c] for c in PROVENANCE},
        })
    return pd.DataFrame(rows)


def developers_by_city(developers: pd.DataFrame, country: str = "US") -> dict[str, list[str]]:
    """City → developer names for one country, as on the study's map (San Francisco, Columbia, New York)."""
    rows = developers[(developers["country_code"] == country) & developers["city"].notna()]
    return {city: list(group["name"]) for city, group in rows.groupby("city", sort=False)}


# --- 9. the study's method ("about the study") ----------------------------------------------------------------

@memoized
def method_items(table: pd.DataFrame, lang: str = "fr", kind: str = "approach",
                 parent_id: str | None = None) -> pd.DataFrame:
    """The method items of one kind (``edec_context``, ``edec_axis``, ``objective``, ``approach``,
    ``approach_task``, ``interview_note``, ``search_approach``, ``search_result``, ``reference_source``,
    ``keyword``, ``analysis_axis``, ``screened_company``), optionally under one parent (the tasks of an approach).
    Columns: item_id, parent_id, order, value, text + provenance."""
    rows = table[table["kind"] == kind]
    if parent_id is not None:
        rows = rows[rows["parent_id"] == parent_id]
    return text_frame(rows, lang, {"text": "text"}, ["item_id", "parent_id", "order", "value"], ["order"])


def experts_interviewed(table: pd.DataFrame) -> int:
    """Number of experts interviewed (13)."""
    row = table[table["item_id"] == "approach_2"]
    if row.empty or i18n.is_missing(row.iloc[0]["value"]):
        raise KeyError("approach_2")
    return int(row.iloc[0]["value"])


def screened_companies(table: pd.DataFrame) -> list[str]:
    """The drug makers whose websites (HQ & France) were searched for SMT, as listed in the study's annex
    (59 distinct names; the extracted text repeats some of them)."""
    return list(table[table["kind"] == "screened_company"].sort_values("order")["text_fr"])


# --- jobs projection scope (jobs page) -------------------------------------------------------------------------

@memoized
def projection_scope(table: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """What the jobs projection covers and assumes: an optimistic scenario, SMT companies only, drug makers' SMT
    jobs left out (assumed stable) and why. Columns: item_id, kind, kind_label, actor, order, text + provenance."""
    kinds = ("scenario", "in_scope", "out_of_scope", "reason", "assumption", "caveat", "conclusion")
    rows = table.assign(_k=table["kind"].map({k: i for i, k in enumerate(kinds)}))
    out = text_frame(rows, lang, {"text": "text"}, ["item_id", "kind", "actor", "order"], ["_k", "order"])
    out.insert(2, "kind_label", [_t(f"scope.{k}", lang) for k in out["kind"]])
    return out


def is_optimistic_scenario(table: pd.DataFrame) -> bool:
    """True when the study calls its projection an optimistic scenario (it does: « scenario optimiste »)."""
    rows = table[table["kind"] == "scenario"]
    return bool(rows["text_fr"].str.contains("optimiste").any())


def drug_makers_left_out(table: pd.DataFrame) -> bool:
    """True when the projection leaves the drug makers' SMT jobs out as stable."""
    rows = table[(table["kind"] == "out_of_scope") & (table["actor"] == "drug_makers")]
    return bool(rows["text_fr"].str.contains("stable").any())
