"""Study content added for issue #35: the context slides of digital health (what drives it, its fields, the needs it
serves, the health data it yields, solutions built to answer a need), the definition of an SMT in detail, the study's
qualitative findings on France's position (the ecosystem, the drug makers' teams, the barriers, why France lags, the
benchmark countries, adoption, the US insurers, the eHealth Hub), the jobs' context (the data value chain, why health
struggles to recruit, the profiles needed) and the activities of the job sheets.

Pure functions (no Streamlit), like ``study`` and ``study_context``: each takes a loaded table and a language and returns
the rows in the study's order, the text in that language (French as fallback), ``inferred`` and the row's ``note`` where
the table marks a reading of the dashboard team (``kind_basis`` = ``inferred``), and the provenance columns for the
source line."""

from __future__ import annotations

import pandas as pd

from smt_dashboard.memo import memoized
from smt_dashboard.schemas.blocks import (
    DIGITAL_CONTEXT_TOPICS,
    JOBS_CONTEXT_TOPICS,
    POSITION_TOPICS,
    SMT_COMPONENTS,
    SMT_DEFINITION_KINDS,
)
from smt_dashboard.study import text_frame

# The tables this module displays (pages load them by these names with ui.load / ui.load_section).
DATASETS = ("digital_health_context", "smt_definition", "position_findings", "jobs_context", "job_activities")


def _rank(rows: pd.DataFrame, topics: dict[str, list[str]]) -> pd.DataFrame:
    """Rows with the sort keys of a page: topic in its order, kind in the topic's order, then the printed order."""
    kinds = {(t, k): i for t, ks in topics.items() for i, k in enumerate(ks)}
    return rows.assign(_t=rows["topic"].map({t: i for i, t in enumerate(topics)}),
                       _k=[kinds.get((t, k), 99) for t, k in zip(rows["topic"], rows["kind"])])


def _select(table: pd.DataFrame, **wanted: str | None) -> pd.DataFrame:
    rows = table
    for column, value in wanted.items():
        if value is not None:
            rows = rows[rows[column] == value]
    return rows


def _with_reading(out: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    out["inferred"] = [basis == "inferred" for basis in rows["kind_basis"]]
    return out


# --- the context slides of digital health (market page) -------------------------------------------------------------

@memoized
def context_items(table: pd.DataFrame, lang: str = "fr", topic: str | None = None, kind: str | None = None,
                  parent_id: str | None = None) -> pd.DataFrame:
    """Items of the context slides: ``drivers`` (the three boxes of « L'explosion des maladies chroniques… », among them
    « Priorité donnée par les autorités de santé au virage ambulatoire », and the slide's commentary), ``fields`` (« 6
    grands domaines d'application », whose names the extracted text loses), ``needs`` (the health professionals' and the
    patients' and families' needs, FDA/PQRI: ``audience`` → ``need_group`` → ``need`` by ``parent_id``), ``health_data``,
    ``need_driven`` (the three boxes of « Ces solutions sont développées pour répondre à un besoin… », each ``box_detail``
    under its box). Columns: item_id, topic, kind, parent_id, order, value, text, inferred, note + provenance."""
    rows = _rank(_select(table, topic=topic, kind=kind, parent_id=parent_id), DIGITAL_CONTEXT_TOPICS)
    rows = rows.sort_values(["_t", "_k", "order"])
    out = text_frame(rows, lang, {"text": "text", "note": "note"}, ["item_id", "topic", "kind", "parent_id", "order", "value"],
                     [])
    return _with_reading(out, rows)


def fields_count(table: pd.DataFrame) -> int:
    """The number of fields of application the study gives digital health (6)."""
    rows = table[(table["topic"] == "fields") & table["value"].notna()]
    if rows.empty:
        raise KeyError("fields")
    return int(rows.iloc[0]["value"])


# --- the definition of an SMT (about page) ---------------------------------------------------------------------------

@memoized
def definition_items(table: pd.DataFrame, lang: str = "fr", kind: str | None = None,
                     component: str | None = None) -> pd.DataFrame:
    """The definition and its details (``definition``; ``component_detail``: chemical or biological drug, brand or class;
    software that may or may not be a medical device; a medical technology, most often a device; ``value_scope``;
    ``naming``: the name is still being adopted) and the illustration (``association``; each ``component`` and what it
    does, ``component_role``). Columns: item_id, kind, component, order, text + provenance."""
    rows = _select(table, kind=kind, component=component)
    rows = rows.assign(_k=rows["kind"].map({k: i for i, k in enumerate(SMT_DEFINITION_KINDS)}),
                       _c=rows["component"].map({c: i for i, c in enumerate(SMT_COMPONENTS)}).fillna(-1))
    return text_frame(rows, lang, {"text": "text"}, ["item_id", "kind", "component", "order"], ["_k", "_c", "order"])


def component_roles(table: pd.DataFrame, lang: str = "fr") -> list[tuple[str, list[str]]]:
    """Each component of the illustration with what it does, in the illustration's order: ("Médicaments (chimiques ou
    biologiques)", ["Prévention", "Traitement"]), …"""
    heads = definition_items(table, lang, "component")
    roles = definition_items(table, lang, "component_role")
    return [(head["text"], roles.loc[roles["component"] == head["component"], "text"].tolist())
            for _, head in heads.iterrows()]


# --- the study's findings on France's position (map, policy, index and market pages) ---------------------------------

@memoized
def position_items(table: pd.DataFrame, lang: str = "fr", topic: str | None = None, kind: str | None = None,
                   ref_id: str | None = None) -> pd.DataFrame:
    """Findings of one topic: ``partnerships``, ``french_networks``, ``us_ecosystem``, ``pharma_units`` (the slide's
    commentary, and each team's points as printed: ``unit_point``, ``ref_id`` its ``pharma_digital_units`` row),
    ``barriers`` (the commentary of the barriers' slide, with the technology to design upstream with the molecule),
    ``index_lag``, ``israel_ecosystem`` (eHealth Ventures, MindUP: ``name``), ``uk_health_apps``, ``us_insurers`` (Clover
    Health, « Clinique Forward »), ``adoption`` (axis 4), ``ehealth_hub`` (its aim, 4 services, general points, history:
    ``ref_id`` a ``policy_timeline`` milestone). Columns: item_id, topic, kind, order, name, ref_id, text, inferred, note
    + provenance."""
    rows = _rank(_select(table, topic=topic, kind=kind, ref_id=ref_id), POSITION_TOPICS)
    rows = rows.sort_values(["_t", "_k", "order"])
    out = text_frame(rows, lang, {"text": "text", "note": "note"}, ["item_id", "topic", "kind", "order", "name", "ref_id"],
                     [])
    return _with_reading(out, rows)


def unit_points(table: pd.DataFrame, units: pd.DataFrame, lang: str = "fr") -> list[tuple[str, pd.DataFrame]]:
    """Each drug maker's digital team ("Sanofi – 39BIS") with its points as the study prints them, in the units' order."""
    points = position_items(table, lang, "pharma_units", "unit_point")
    return [(f"{u['company']} – {u['unit']}", points[points["ref_id"] == u["unit_id"]].reset_index(drop=True))
            for _, u in units.iterrows() if (points["ref_id"] == u["unit_id"]).any()]


# --- the jobs' context and the job sheets' activities (jobs page) ------------------------------------------------------

@memoized
def jobs_items(table: pd.DataFrame, lang: str = "fr", topic: str | None = None, kind: str | None = None) -> pd.DataFrame:
    """Items of one topic: ``data_value_chain`` (the intro, the 8 steps « Acquisition et Stockage » … « Prise de décision »,
    the 4 data jobs — which covers which steps is lost in the extracted text —, « une même personne peut être responsable
    de l'ensemble »), ``recruiting`` (why health struggles to recruit the new jobs), ``profiles`` (the conclusion on the
    profiles companies need). Columns: item_id, topic, kind, order, text, inferred, note + provenance."""
    rows = _rank(_select(table, topic=topic, kind=kind), JOBS_CONTEXT_TOPICS).sort_values(["_t", "_k", "order"])
    out = text_frame(rows, lang, {"text": "text", "note": "note"}, ["item_id", "topic", "kind", "order"], [])
    return _with_reading(out, rows)


@memoized
def activities(table: pd.DataFrame, family_id: str, lang: str = "fr") -> pd.DataFrame:
    """The « Activités et tâches » of one job sheet, in the sheet's order, with the sheet's sub-heading where it prints one
    (the UX / UI sheet: « Designer UI : … », « Designer UX : … »). Columns: family_id, order, group, text + provenance;
    empty for a family without a sheet listing activities."""
    rows = table[table["family_id"] == family_id]
    return text_frame(rows, lang, {"group": "group", "text": "text"}, ["family_id", "order"], ["order"])
