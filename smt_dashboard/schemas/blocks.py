"""Schema building blocks: the vocabularies (allowed codes) and the column types every table's schema is made of,
and the spec that ties a file to its schema, key and minimum row count."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import pandera.pandas as pa

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
# Whether the study settles a reading (a level, a country, which description goes with which logo, a skill's type)
# or the dashboard team made it from a layout the extracted text lost; the row's note says how. The UI shows
# "inferred" as a reading of the dashboard team, not stated by the study.
READING_BASIS = ["study", "inferred"]
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
                    "ema": ["ema_topic"], "nice": ["nice_aim", "nice_audience", "nice_element"]}
PLATFORM_KINDS = ["government_listing", "rating", "certification", "recommendation"]
INSTITUTION_LEVELS = ["national", "regional", "industry"]
INSTITUTION_KINDS = ["public_body", "consultative", "industry_alliance", "association"]
COALITION_KINDS = ["objective", "call_objective", "first_project", "initiator", "participant", "supporter", "member",
                   "finding"]
METHOD_KINDS = ["edec_context", "edec_axis", "objective", "approach", "approach_task", "interview_note",
                "search_approach", "search_result", "reference_source", "keyword", "analysis_axis", "analysis_axis_detail",
                "screened_company"]
PROJECTION_SCOPE_KINDS = ["scenario", "in_scope", "out_of_scope", "reason", "assumption", "caveat", "conclusion"]
# Issue #22 study content. Each list of kinds is in the order a page shows them.
TRAINING_OBJECTIVES = ["training_ra", "training_ux_data_dev", "training_engineers"]
NEED_KINDS = ["company_need", "professional_need"]
VALUE_KINDS = ["smt_value", "category_value", "category_description"]
MARKET_PLAYER_KINDS = ["finding", "player", "other_player", "role", "pharma_statement", "pharma_initial_aim", "pharma_driver",
                       "pharma_today"]
MARKET_ACTORS = ["tech_giants", "startups", "medtech", "pharma", "telecoms", "insurers", "it_services"]
COLLABORATION_ACTORS = ["drug_makers", "smt_companies", "other_actors"]
REGULATOR_KINDS = {"fda": ["us_step", "ocp_role", "action_plan_item", "precert_approach", "precert_element"],
                   "has": ["has_premise"]}
DMH_KINDS = ["context", "founding", "ambition", "audience", "field_of_action", "first_study", "first_study_partners"]
DTX_CONTEXT_KINDS = ["scope", "definition", "form", "benefit", "condition_intro", "condition", "finding", "example"]
ADOPTION_TOPICS = {"practice_change": ["funding_gap", "implementation_need", "incentive", "reimbursement_gap", "conclusion"],
                   "app_platforms": ["platform_finding"], "smt_market_access": ["access_finding", "ce_marking"]}
# Issue #35 study content. Each topic's kinds, in the order a page shows them (topics in the order of their pages).
DIGITAL_CONTEXT_TOPICS = {"drivers": ["box", "finding"], "fields": ["finding", "footnote"],
                          "needs": ["audience", "need_group", "need", "finding"], "health_data": ["finding"],
                          "need_driven": ["box", "box_detail", "conclusion", "finding"]}
SMT_DEFINITION_KINDS = ["definition", "component_detail", "value_scope", "naming", "association", "component",
                        "component_role"]
SMT_COMPONENTS = ["drug", "medical_technology", "expert_software"]
POSITION_TOPICS = {"partnerships": ["finding"], "french_networks": ["finding"], "us_ecosystem": ["finding"],
                   "pharma_units": ["finding", "unit_point"], "barriers": ["finding"], "index_lag": ["finding"],
                   "israel_ecosystem": ["finding", "partnership", "research_centre", "incubator"],
                   "uk_health_apps": ["finding", "footnote"], "us_insurers": ["finding", "insurer_example", "conclusion"],
                   "adoption": ["finding"], "ehealth_hub": ["aim", "service", "general", "history"]}
JOBS_CONTEXT_TOPICS = {"data_value_chain": ["intro", "step", "role", "finding"], "recruiting": ["finding"],
                       "profiles": ["finding", "profile_need", "conclusion", "footnote"]}

ID = r"^[a-z0-9_\-]+$"
LIST_OF_IDS = r"^[a-z0-9_\-]+(;[a-z0-9_\-]+)*$"


def text(nullable: bool = False, isin: list[str] | None = None, regex: str | None = None) -> pa.Column:
    checks = []
    if isin is not None:
        checks.append(pa.Check.isin(isin))
    if regex is not None:
        checks.append(pa.Check.str_matches(regex))
    if not nullable:
        checks.append(pa.Check(lambda s: s.str.strip().str.len() > 0, element_wise=False,
                               error="empty text"))
    return pa.Column(str, checks=checks, nullable=nullable, coerce=True)


def codes(allowed: list[str], nullable: bool = True) -> pa.Column:
    """A ';'-separated list of codes, each in ``allowed``."""
    check = pa.Check(lambda s: s.str.split(";").map(lambda parts: all(p in allowed for p in parts)),
                     error=f"every code must be one of {allowed}")
    return pa.Column(str, checks=[check], nullable=nullable, coerce=True)


def num(nullable: bool = False, ge: float | None = 0, le: float | None = None, integer: bool = False) -> pa.Column:
    checks = []
    if ge is not None:
        checks.append(pa.Check.ge(ge))
    if le is not None:
        checks.append(pa.Check.le(le))
    dtype = "Int64" if integer else float
    return pa.Column(dtype, checks=checks, nullable=nullable, coerce=True)


def boolean() -> pa.Column:
    # Validated as the literal text True/False, converted after validation (astype(bool) would
    # turn "False" into True).
    return pa.Column(str, checks=[pa.Check.isin(["True", "False"])], nullable=False, coerce=True,
                     metadata={"bool": True})


def tribool() -> pa.Column:
    """A three-valued fact: True / False, or empty when the study does not say. Loaded as an object column holding
    True, False or None (None is falsy, so ``if row[col]`` keeps reading "not stated" as "not flagged")."""
    return pa.Column(str, checks=[pa.Check.isin(["True", "False"])], nullable=True, coerce=True,
                     metadata={"tribool": True})


def sourced(**extra: pa.Column) -> dict[str, pa.Column]:
    cols = {
        "source_id": text(regex=ID),
        "cited_source_ids": text(nullable=True, regex=LIST_OF_IDS),
        "seed_ref": text(nullable=True),
    }
    cols.update(extra)
    return cols


DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
TEXT_FR_EN = {"text_fr": text(), "text_en": text()}


@dataclass(frozen=True)
class DatasetSpec:
    """A curated table: its file, schema, primary key (checked for duplicates, naming the repeated row) and the
    fewest rows it can have (a file cut to its header, or to a line, is refused rather than drawn as a blank)."""

    name: str
    schema: pa.DataFrameSchema
    key: tuple[str, ...]
    description: str
    min_rows: int = 2

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"


def spec(name: str, key: tuple[str, ...], description: str, columns: dict[str, pa.Column],
         min_rows: int = 2) -> DatasetSpec:
    """A table's spec from its columns (strict: a column the schema does not know is refused)."""
    schema = pa.DataFrameSchema(columns, strict=True, ordered=False, name=name)
    return DatasetSpec(name, schema, key, description, min_rows)
