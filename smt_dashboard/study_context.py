"""Study content added for issue #22: the needs behind the training analysis and the health professionals' needs, the
added value of an SMT, the market's players and the drug makers' shift, what drug makers and SMT companies each bring,
the FDA's and HAS's positions, the axis-1 quotes, the AP-HP Digital Medical Hub, digital therapeutics' forms and target
conditions, and the adoption findings (the service not paid for, the app platforms).

Pure functions (no Streamlit), like ``study``: each takes a loaded table and a language and returns the rows in the
study's order, the text in that language (French as fallback), labels where a page needs them, and the provenance
columns (``source_id``, ``cited_source_ids``, ``seed_ref``) for the source line. Where a table marks a reading of the
dashboard team (``*_basis`` = ``inferred``), the frame carries ``inferred`` and the row's ``note``; the caption's wording
is ``study.reading_label``."""

from __future__ import annotations

import pandas as pd

from smt_dashboard import i18n
from smt_dashboard.memo import memoized
from smt_dashboard.schemas.blocks import (
    ADOPTION_TOPICS,
    COLLABORATION_ACTORS,
    DMH_KINDS,
    DTX_CONTEXT_KINDS,
    MARKET_PLAYER_KINDS,
    REGULATOR_KINDS,
    SMT_CATEGORIES,
)
from smt_dashboard.study import text_frame

# The tables this module displays (pages load them by these names with ui.load / ui.load_section).
DATASETS = ("stakeholder_needs", "smt_value_added", "market_players", "smt_collaboration", "regulator_roles", "policy_quotes",
            "aphp_digital_medical_hub", "dtx_context", "adoption_findings")


def _t(key: str, lang: str) -> str:
    return i18n.t(f"study.{key}", lang)


def _only(table: pd.DataFrame, column: str, value: str | None) -> pd.DataFrame:
    return table if value is None else table[table[column] == value]


def _ranked(rows: pd.DataFrame, column: str, order: list[str]) -> pd.DataFrame:
    """Rows with a ``_rank`` column giving ``column``'s place in ``order`` (the order a page shows the kinds in)."""
    return rows.assign(_rank=rows[column].map({k: i for i, k in enumerate(order)}))


def _inferred(rows: pd.DataFrame, basis: str) -> list[bool]:
    return [value == "inferred" for value in rows[basis]]


# --- needs (trainings page: the companies'; market page: the health professionals') -------------------------------------

@memoized
def needs(table: pd.DataFrame, lang: str = "fr", kind: str = "company_need") -> pd.DataFrame:
    """The companies' three needs behind the training analysis (``company_need``, each with the training objective it
    leads to) or the health professionals' seven needs in digital health (``professional_need``, PIPAME).
    Columns: need_id, kind, kind_label, order, objective, text, note + provenance."""
    rows = _only(table, "kind", kind)
    out = text_frame(rows, lang, {"text": "text", "note": "note"}, ["need_id", "kind", "order", "objective"], ["order"])
    out.insert(2, "kind_label", [_t(f"need.{k}", lang) for k in out["kind"]])
    return out


# --- added value (catalogue page) ---------------------------------------------------------------------------------------

@memoized
def value_added(table: pd.DataFrame, lang: str = "fr", kind: str = "smt_value", category: str | None = None) -> pd.DataFrame:
    """The seven added values of an SMT (``smt_value``), or each category's « Valeur ajoutée attendue »
    (``category_value``) and the app category's « Description » (``category_description``), optionally for one
    category. Columns: item_id, kind, category, category_label, order, text, inferred, note + provenance."""
    rows = _ranked(_only(_only(table, "kind", kind), "category", category), "category", SMT_CATEGORIES)
    rows = rows.assign(_rank=rows["_rank"].fillna(-1)).sort_values(["_rank", "order"])
    out = text_frame(rows, lang, {"text": "text", "note": "note"}, ["item_id", "kind", "category", "order"], [])
    out.insert(3, "category_label", [None if i18n.is_missing(c) else i18n.label("category", c, lang) for c in out["category"]])
    out.insert(6, "inferred", _inferred(rows, "kind_basis"))
    return out


# --- the market's players and the drug makers' shift (market page) ------------------------------------------------------

@memoized
def market_players(table: pd.DataFrame, lang: str = "fr", kind: str | None = None) -> pd.DataFrame:
    """Digital health's players (the illustration's four, then « + Opérateurs télécoms, Assureurs, Prestataires… »), their
    roles, and the drug makers' shift from support solutions to health innovations in their own right (initial aims, the
    four boxes read as its drivers — ``inferred`` —, today). Columns: item_id, kind, kind_label, actors, order, text,
    inferred, note + provenance."""
    rows = _ranked(_only(table, "kind", kind), "kind", MARKET_PLAYER_KINDS).sort_values(["_rank", "order"])
    out = text_frame(rows, lang, {"text": "text", "note": "note"}, ["item_id", "kind", "actors", "order"], [])
    out.insert(2, "kind_label", [_t(f"market.{k}", lang) for k in out["kind"]])
    out.insert(6, "inferred", _inferred(rows, "kind_basis"))
    return out


# --- what each side brings (map page, drug makers' teams) ---------------------------------------------------------------

@memoized
def collaboration(table: pd.DataFrame, lang: str = "fr", actor: str | None = None) -> pd.DataFrame:
    """What drug makers, SMT companies and other players bring to an SMT (« mutualiser leurs compétences »).
    Columns: item_id, actor, actor_label, order, text + provenance."""
    rows = _ranked(_only(table, "actor", actor), "actor", COLLABORATION_ACTORS)
    out = text_frame(rows, lang, {"text": "text"}, ["item_id", "actor", "order"], ["_rank", "order"])
    out.insert(2, "actor_label", [_t(f"brings.{a}", lang) for a in out["actor"]])
    return out


# --- regulators: the FDA and HAS (policy page: assessing SMT, other countries) ----------------------------------------

@memoized
def regulator_items(table: pd.DataFrame, lang: str = "fr", kind: str = "ocp_role") -> pd.DataFrame:
    """The items of one kind: FDA ``us_step`` (the 4 steps, numbered as printed), ``ocp_role`` (the Office of Combination
    Products' 4 roles), ``action_plan_item``, ``precert_approach``, ``precert_element`` ((i)–(iv), in English as printed);
    HAS ``has_premise`` (assessing every digital solution is « ni envisageable, ni pertinente »).
    Columns: item_id, body, kind, kind_label, order, event_id, text + provenance."""
    if not any(kind in kinds for kinds in REGULATOR_KINDS.values()):
        raise KeyError(kind)
    out = text_frame(_only(table, "kind", kind), lang, {"text": "text"}, ["item_id", "body", "kind", "order", "event_id"],
                     ["order"])
    out.insert(3, "kind_label", [_t(f"regulator.{k}", lang) for k in out["kind"]])
    return out


# --- the axis-1 quotes (policy page: milestones) ------------------------------------------------------------------------

@memoized
def quotes(table: pd.DataFrame, lang: str = "fr", event_id: str | None = None) -> pd.DataFrame:
    """The quotes of the axis-1 timeline (Polton report, e-santé 2020, 7th CSIS, Alliance eHealth France), optionally for
    one ``policy_timeline`` event; ``context`` is the study's words before the quote. Columns: quote_id, event_id, order,
    context, text, inferred (the quote's attribution is a reading), note + provenance."""
    rows = _only(table, "event_id", event_id).sort_values("order")
    out = text_frame(rows, lang, {"context": "context", "text": "text", "note": "note"}, ["quote_id", "event_id", "order"], [])
    out.insert(5, "inferred", _inferred(rows, "event_basis"))
    return out


# --- the AP-HP Digital Medical Hub (policy page: assessing SMT) ---------------------------------------------------------

@memoized
def digital_medical_hub(table: pd.DataFrame, lang: str = "fr", kind: str | None = None) -> pd.DataFrame:
    """The AP-HP Digital Medical Hub: context, founding (January 2018), ambition, audience, its 4 fields of action, its
    first study (EOLE-VAL) and who it was run with. Columns: item_id, kind, kind_label, order, name, text + provenance."""
    rows = _ranked(_only(table, "kind", kind), "kind", DMH_KINDS)
    out = text_frame(rows, lang, {"text": "text"}, ["item_id", "kind", "order", "name"], ["_rank", "order"])
    out.insert(2, "kind_label", [_t(f"dmh.{k}", lang) for k in out["kind"]])
    return out


# --- digital therapeutics (catalogue page: digital therapeutics) --------------------------------------------------------

@memoized
def dtx_items(table: pd.DataFrame, lang: str = "fr", kind: str = "form") -> pd.DataFrame:
    """Digital therapeutics' items of one kind: ``scope`` (outside the SMT scope), ``definition``, ``form`` (the 4 types),
    ``benefit`` (an unheaded list, read as what they bring: ``inferred``), ``condition_intro``, ``condition`` (field as
    ``label``, conditions as ``text``), ``finding``, ``example`` (the example the slide describes without its name,
    attached to reSET: ``inferred``, ``dtx_id`` its row of ``digital_therapeutics``). Columns: item_id, kind, kind_label,
    order, dtx_id, label, text, inferred, note + provenance."""
    if kind not in DTX_CONTEXT_KINDS:
        raise KeyError(kind)
    rows = _only(table, "kind", kind).sort_values("order")
    out = text_frame(rows, lang, {"label": "label", "text": "text", "note": "note"}, ["item_id", "kind", "order", "dtx_id"],
                     [])
    out.insert(2, "kind_label", [_t(f"dtx.{k}", lang) for k in out["kind"]])
    out.insert(7, "inferred", _inferred(rows, "kind_basis"))
    return out


def dtx_examples(table: pd.DataFrame, in_scope: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """The examples the slide describes, only those of a digital therapeutic in ``in_scope`` (the list's rows the area
    filter keeps): under Diabétologie, the substance-use example (reSET, psychiatry) is not shown. Columns as
    ``dtx_items``."""
    rows = dtx_items(table, lang, "example")
    return rows[rows["dtx_id"].isin(set(in_scope["dtx_id"]))].reset_index(drop=True)


def dtx_conditions(table: pd.DataFrame, lang: str = "fr") -> list[str]:
    """The target conditions as one line each, field first ("Neurologie : SEP, AVC"; "Douleur")."""
    colon = " : " if lang == "fr" else ": "
    return [row["text"] if i18n.is_missing(row["label"]) else f"{row['label']}{colon}{row['text']}"
            for _, row in dtx_items(table, lang, "condition").iterrows()]


# --- adoption (market page; the app platforms beside the policy page's platforms) -------------------------------------

@memoized
def adoption_findings(table: pd.DataFrame, lang: str = "fr", topic: str | None = None) -> pd.DataFrame:
    """Adoption findings by topic: ``practice_change`` (research on adoption unfunded, system and habits to change,
    incentives, « la technologie est parfois remboursée mais pas le service… », the conclusion), ``app_platforms`` (« non
    liées à un médicament », « peu visibles »), ``smt_market_access`` (access routes vary; some SMT are free).
    Columns: item_id, topic, topic_label, kind, order, text + provenance."""
    rows = _ranked(_only(table, "topic", topic), "topic", list(ADOPTION_TOPICS))
    kinds = [k for ks in ADOPTION_TOPICS.values() for k in ks]
    rows = rows.assign(_kind=rows["kind"].map({k: i for i, k in enumerate(kinds)}))
    out = text_frame(rows, lang, {"text": "text"}, ["item_id", "topic", "kind", "order"], ["_rank", "_kind", "order"])
    out.insert(2, "topic_label", [_t(f"adoption.{t}", lang) for t in out["topic"]])
    return out


def service_not_paid(table: pd.DataFrame, lang: str = "fr") -> str:
    """The study's remark that the technology is sometimes reimbursed but not the remote-monitoring service."""
    rows = table[table["kind"] == "reimbursement_gap"]
    if rows.empty:
        raise KeyError("reimbursement_gap")
    return i18n.pick(rows.iloc[0], "text", lang)
