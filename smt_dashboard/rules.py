"""The cross-table rules, as data: every reference resolves, and the curated rows reproduce what the study prints
(its totals, its counts, who hangs under what). ``rule_engine.run`` checks them; ``python -m smt_dashboard.validate``
prints what they find. To add a check, add a row here (``Custom`` only when no kind says it)."""

from __future__ import annotations

from smt_dashboard import rule_checks as fn
from smt_dashboard.rule_engine import (
    Count,
    Covers,
    Custom,
    EveryRow,
    Figure,
    FilledExactly,
    ForeignKey,
    Holds,
    Matches,
    MemberOf,
    RowsOf,
    Rule,
    Total,
)
from smt_dashboard.schemas import SPECS
from smt_dashboard.schemas.blocks import ADOPTION_TOPICS, FRAMEWORK_TOPICS, REGULATOR_KINDS, SOURCE_COLUMNS

# Tables a rule may read that are not CSV files: the regions of regions.geojson.
EXTRA_TABLES = {"regions": ("region_code", "region_name")}


def counts(table: str, column: str, want: dict[str, int], what: str, where: str | None = None) -> tuple[Count, ...]:
    """One Count per value of ``column`` (``what`` names the value with "{}", else after a colon)."""
    return tuple(Count(table, f"({column} == {value!r})" + (f" & ({where})" if where else ""), n,
                       what.format(value) if "{}" in what else f"{what}: {value}", column)
                 for value, n in want.items())


# --- every source reference names a row of sources.csv ---------------------------------------------------------

SOURCES: tuple[Rule, ...] = (
    ForeignKey("sources", "via", "sources", "source_id", "source_id", template="unknown source_id {value!r} in via",
               cite_row=False),
    *(ForeignKey(name, column, "sources", "source_id", "source_id", ids=True)
      for name, spec in SPECS.items() for column in SOURCE_COLUMNS if column in spec.schema.columns),
)

# --- foreign keys between the study's tables, places against regions.geojson and cities.csv -------------------

REFERENCES: tuple[Rule, ...] = (
    ForeignKey("funding_rounds", "company_id", "companies", "company_id", "company_id", required=True),
    ForeignKey("company_products", "company_id", "companies", "company_id", "company_id", required=True),
    ForeignKey("companies", "region_code", "regions", "region_code", "region code"),
    Matches("companies", "region_code", "regions", "region_code", (("region_name", "region_name"),), "region_name",
            "region name {value!r} does not match code {key} ({ref})"),
    ForeignKey("companies", "city", "cities", "city", "city", template="city {value!r} not in cities.csv"),
    Matches("companies", "city", "cities", "city", (("lat", "lat"), ("lon", "lon"), ("region_code", "region_code")),
            "lat", "coordinates/region of {key} differ from cities.csv", tol=1e-6),
    ForeignKey("cities", "region_code", "regions", "region_code", "region code", required=True),
    ForeignKey("job_family_phases", "family_id", "job_families", "family_id", "family_id", required=True),
    ForeignKey("job_skills", "family_id", "job_families", "family_id", "family_id", required=True),
    ForeignKey("recommendations", "answers_swot", "swot", "item_id", "SWOT item", ids=True),
    # Each gap is shown beside the training recommendations of its objective.
    ForeignKey("training_gaps", "objective", "recommendations", "objective", "objective", required=True,
               template="no recommendation for objective {value!r}"),
)

# --- the curated rows reproduce the totals the study prints ----------------------------------------------------

TOTALS: tuple[Rule, ...] = (
    Count("companies", "scope == 'french'", 10, "French companies", "scope"),
    Count("companies", "scope == 'foreign_subsidiary'", 7, "foreign subsidiaries", "scope"),
    Count("companies", "scope == 'us'", 18, "US companies", "scope"),
    Total("companies", "employees", 635, "French companies' staff (~635)", "scope == 'french'"),
    Total("companies", "employees", 4587, "subsidiaries' staff in France", "scope == 'foreign_subsidiary'"),
    Total("smt_catalogue", "smt_count", 40, "SMT identified", "category.notna()"),  # by category, as the study counts
    *(Total("smt_catalogue", "smt_count", n, f"SMT in {category}", f"category == {category!r}")
      for category, n in {"app_web": 6, "external_device": 30, "internal_device": 4}.items()),
    Total("smt_approvals", "available_count", 33, "available SMT"),
    Total("smt_approvals", "ce_marked", 21, "CE-marked SMT"),
    Total("smt_approvals", "fda_approved", 22, "FDA-approved SMT"),
    Total("smt_reimbursement", "smt_count", 33, "SMT by reimbursement status"),
    EveryRow("smt_reimbursement", "products.isna() | (products.str.count(';') + 1 == smt_count)", "products",
             "number of named products differs from smt_count"),
    Figure("deals_2018", "deals[geo_id == 'world'].sum()", 500, "deals worldwide", "deals"),
    Figure("deals_2018", "round(100 * deals[country_code == 'FR'].sum() / deals[geo_id == 'world'].sum(), 1)", 1.4,
           "France's share of deals (%)", "deals"),
    *counts("swot", "quadrant", {"strength": 4, "weakness": 6, "opportunity": 5, "threat": 5}, "SWOT {} items"),
    Custom("France's rank in the index", ("digital_health_index",), fn.france_rank,
           (("digital_health_index", "index"), ("digital_health_index", "country_code"))),
    Count("digital_health_index", None, 17, "countries", "index"),
    Total("digital_therapeutics_areas", "dtx_count", RowsOf("digital_therapeutics"),
          "digital therapeutics by area vs listed"),
    Total("training_ux_lengths", "programmes", 15, "initial UX/UI programmes"),
    Count("training_ux_establishments", None, 14, "UX/UI establishments", "establishment", distinct="establishment"),
    Count("training_ux_establishments", "establishment_type == 'private_school'", 10, "private UX/UI schools (71 %)",
          "establishment_type", distinct="establishment"),
    Total("training_ux_continuing", "programmes", 17, "continuing UX/UI programmes"),
    Count("training_ra_masters", "dm_module.notna()", 4, "masters with a DM module", "dm_module"),
    Count("training_ra_masters", "digital_module.notna()", 1, "masters with a digital-health module", "digital_module"),
    Count("job_families", "(kind != 'function') & parent_family_id.isna()", 8,
          "job families (without the project manager function)", "kind"),
    Figure("company_creation_history", "companies[year == 2020].sum()", 10, "companies in 2020", "companies"),
)

PROJECTION: tuple[Rule, ...] = (
    Custom("jobs model vs published projection", ("jobs_projection_inputs", "jobs_projection_published"), fn.projection),
)

# --- SWOT evidence and company groups ---------------------------------------------------------------------------

SWOT_EVIDENCE: tuple[Rule, ...] = (
    ForeignKey("swot_evidence", "item_id", "swot", "item_id", "SWOT item", required=True),
    Custom("SWOT evidence rows", ("swot_evidence",), fn.swot_evidence_rows),
)

COMPANY_GROUPS: tuple[Rule, ...] = (
    Custom("company groups", ("companies",), fn.company_groups,
           (("companies", "group_id"), ("companies", "scope"), ("companies", "name"))),
)

# --- study content (issue #17): the counts the study states, internal links, foreign keys -------------------------

_SETUP = "kind == 'setup'"
_REFS = {"engineering_master_objective": ("training_engineering_masters", "master_id"),
         "du_objective": ("training_dus", "du_id")}

STUDY_CONTENT: tuple[Rule, ...] = (
    *counts("smt_challenges", "nature", {"technical": 6, "economic_regulatory": 3, "organisational": 3},
            "{} challenges listed"),
    Count("reco_conditions", None, 4, "conditions before the recommendations", "condition_id"),
    Count("pharma_smt_organisation", _SETUP, 3, "team set-ups", "kind"),
    Count("pharma_smt_organisation", "kind == 'success_factor'", 4, "success factors (« Quatre éléments »)", "kind"),
    Custom("the strategy factor's number", ("pharma_smt_organisation",), fn.success_factor_numbers,
           (("pharma_smt_organisation", "kind"), ("pharma_smt_organisation", "study_number"))),
    Holds("pharma_smt_organisation",
          "study_number.notna().sum() == (study_number.notna() & (kind == 'success_factor')).sum()", "study_number",
          "study_number is for the success factors only"),
    Count("pharma_smt_organisation", "kind == 'question'", 5, "strategic questions (« Cinq grandes questions »)", "kind"),
    *(FilledExactly("pharma_smt_organisation", column, _SETUP, "for set-ups", extra=f"{column} is for set-ups only",
                    missing=f"a set-up needs {column}") for column in ("level", "objective_fr", "organisation_fr")),
    Custom("questions under success factors", ("pharma_smt_organisation",), fn.organisation_tree,
           (("pharma_smt_organisation", "item_id"), ("pharma_smt_organisation", "kind"),
            ("pharma_smt_organisation", "parent_id"))),
    Count("smt_shared_skills", "scope == 'all_jobs'", 3, "skills shared by all SMT jobs", "scope"),
    *(ForeignKey("training_context", "ref_id", table, key, key, where=f"topic == {topic!r}", required=True,
                 template="unknown {what} {value!r} in ref_id") for topic, (table, key) in _REFS.items()),
    EveryRow("training_context", f"ref_id.isna() | topic.isin({sorted(_REFS)})", "ref_id",
             f"ref_id is only for {sorted(_REFS)}"),
    Holds("training_context", "(item_id == 'cti_schools').any()", "item_id",
          "missing item cti_schools (205 schools accredited by the CTI)"),
    Figure("training_context", "value[item_id == 'cti_schools'].sum()", 205, "engineering schools accredited by the CTI",
           "value"),
    Figure("training_context", "value[item_id == 'eng_partnerships'].sum()", RowsOf("training_engineering_masters"),
           "engineering-school partnerships vs the masters listed", "value"),
    FilledExactly("training_context", "level_basis", "level.notna()", "when level is"),
    FilledExactly("app_guidance_platforms", "country_basis", "country_code.notna()", "when country_code is"),
    Custom("skills of the traditional-jobs slide", ("job_skills",), fn.slide_skills,
           (("job_skills", "skill_type_basis"), ("job_skills", "family_id"))),
    Count("smt_reimbursed_products", None, 12, "SMT funded / reimbursed or under way", "product"),
    ForeignKey("smt_reimbursed_products", "product", "smt_reimbursement", "products", "product", ref_ids=True,
               required=True, template="{value!r} is not named in smt_reimbursement.csv"),
    Matches("smt_reimbursed_products", "product", "smt_reimbursement", "products", (("status", "status"),), "status",
            "status {value!r} differs from smt_reimbursement.csv ({ref!r})", ref_ids=True),
    MemberOf("evaluation_framework", "body", "topic", FRAMEWORK_TOPICS),
    Count("evaluation_framework", "topic == 'has_axis'", 4, "axes of the HAS proposals", "topic"),
    Count("institutions", "level == 'national'", 3, "national bodies created (« Trois instances nationales »)", "level"),
    EveryRow("institutions", "created.isna() == (date_precision == 'none')", "date_precision",
             "date_precision must be 'none' exactly when created is empty"),
    Custom("DNS creation date", ("institutions", "policy_timeline"), fn.dns_creation,
           (("institutions", "institution_id"), ("institutions", "created"), ("policy_timeline", "event_id"),
            ("policy_timeline", "date"))),
    Count("coalition_innovation_sante", "kind == 'first_project'", 3, "first projects selected", "kind"),
    EveryRow("coalition_innovation_sante",
             "~kind.isin(['first_project', 'initiator', 'participant', 'supporter', 'member']) | name.notna()", "name",
             "a {kind} needs a name"),
    Count("dtx_developers", "country_code == 'US'", 5, "US digital-therapeutics developers (« 5 entreprises américaines »)",
          "country_code"),
    ForeignKey("dtx_developers", "company_id", "companies", "company_id", "company_id"),
    ForeignKey("digital_therapeutics", "developer_id", "dtx_developers", "developer_id", "developer_id"),
    ForeignKey("study_method", "parent_id", "study_method", "item_id", "parent_id"),
    Figure("study_method", "value[item_id == 'approach_2'].sum()", 13, "experts interviewed", "value"),
    *counts("study_method", "kind", {"objective": 3, "approach": 3, "search_approach": 5, "analysis_axis": 4,
                                     "edec_axis": 4}, "{} items"),
    Holds("jobs_projection_scope", "((kind == 'scenario') & text_fr.str.contains('optimiste')).any()", "kind",
          "the study's « scenario optimiste » is missing"),
    Holds("jobs_projection_scope", "((kind == 'out_of_scope') & (actor == 'drug_makers')).any()", "actor",
          "the drug makers' jobs left out (stable) are missing"),
)

# --- study content (issue #22): lists as long as the study prints them, kinds in their body, references ----------

ISSUE22: tuple[Rule, ...] = (
    *counts("stakeholder_needs", "kind", {"company_need": 3, "professional_need": 7}, "needs listed"),
    FilledExactly("stakeholder_needs", "objective", "kind == 'company_need'", "for the companies' needs"),
    ForeignKey("stakeholder_needs", "objective", "recommendations", "objective", "objective"),
    Count("smt_value_added", "kind == 'smt_value'", 7, "added values of an SMT", "kind"),
    FilledExactly("smt_value_added", "category", "kind != 'smt_value'", "for a category's items"),
    *counts("smt_value_added", "category", {"app_web": 3, "external_device": 5, "internal_device": 3},
            "« Valeur ajoutée attendue » items", where="kind == 'category_value'"),
    *counts("market_players", "kind", {"player": 4, "other_player": 3, "pharma_initial_aim": 2, "pharma_driver": 4},
            "market players' items"),
    Custom("players and their roles", ("market_players",), fn.player_actors,
           (("market_players", "kind"), ("market_players", "actors"))),
    *counts("smt_collaboration", "actor", {"drug_makers": 3, "smt_companies": 2}, "what each side brings"),
    MemberOf("regulator_roles", "body", "kind", REGULATOR_KINDS),
    *counts("regulator_roles", "kind", {"us_step": 4, "ocp_role": 4, "action_plan_item": 3, "precert_element": 4},
            "FDA items"),
    ForeignKey("regulator_roles", "event_id", "policy_timeline", "event_id", "event_id"),
    ForeignKey("policy_quotes", "event_id", "policy_timeline", "event_id", "event_id"),
    EveryRow("policy_quotes", "text_fr.str.contains('«') & text_fr.str.contains('»')", "text_fr",
             "a quote keeps the study's « »"),
    Count("aphp_digital_medical_hub", "kind == 'field_of_action'", 4, "fields of action of the Digital Medical Hub",
          "kind"),
    Holds("aphp_digital_medical_hub", "name[kind == 'first_study'].tolist() == ['EOLE-VAL']", "name",
          "the first study is EOLE-VAL"),
    Holds("policy_timeline", "date[event_id == 'aphp_dmh_2018'].tolist() == ['2018-01']", "date",
          "aphp_dmh_2018: the study dates the hub « janvier 2018 »"),
    *counts("dtx_context", "kind", {"form": 4, "condition": 6, "benefit": 4}, "digital-therapeutics items"),
    EveryRow("dtx_context", "label_fr.isna() | (kind == 'condition')", "label_fr", "label_fr is for conditions only"),
    MemberOf("adoption_findings", "topic", "kind", ADOPTION_TOPICS),
    *counts("adoption_findings", "kind", {"reimbursement_gap": 1, "implementation_need": 2}, "adoption findings"),
)

STUDY_CHART: tuple[Rule, ...] = (
    Custom("the study's chart of the index", ("digital_health_index",), fn.study_chart,
           (("digital_health_index", "in_study_chart"), ("digital_health_index", "country_code"))),
)

# --- post-study tables against the study's -----------------------------------------------------------------------

POST_STUDY: tuple[Rule, ...] = (
    Custom("development dates", ("developments",), fn.development_dates,
           (("developments", "date"), ("developments", "date_precision"))),
    ForeignKey("developments", "company_ids", "companies", "company_id", "company", ids=True),
    ForeignKey("developments", "reco_ids", "recommendations", "reco_id", "recommendation", ids=True),
    ForeignKey("developments", "swot_ids", "swot", "item_id", "SWOT item", ids=True),
    ForeignKey("developments", "policy_event_ids", "policy_timeline", "event_id", "policy milestone", ids=True),
    ForeignKey("recommendation_followup", "reco_id", "recommendations", "reco_id", "recommendation"),
    Covers("recommendation_followup", "reco_id", "recommendations", "reco_id",
           "recommendation {value!r} has no follow-up status"),
    EveryRow("recommendation_followup", "(status == 'no_evidence') == development_ids.isna()", "development_ids",
             "status {status!r} needs developments only when there is evidence"),
    ForeignKey("recommendation_followup", "development_ids", "developments", "development_id", "development", ids=True),
    ForeignKey("development_searches", "company_id", "companies", "company_id", "company"),
    Covers("development_searches", "company_id", "companies", "company_id", "company {value!r} in France has no search record",
           ref_where="scope.isin(['french', 'foreign_subsidiary'])"),
    Custom("events found per company", ("development_searches", "developments"), fn.events_found,
           (("development_searches", "company_id"), ("development_searches", "events_found"),
            ("developments", "company_ids"))),
)

# --- indicators since the study, the access route's texts, the follow-up's history -------------------------------

INDICATORS: tuple[Rule, ...] = (
    Custom("indicator dates", ("indicators",), fn.indicator_dates,
           (("indicators", "date"), ("indicators", "date_precision"))),
    Custom("indicator quotes, units and preferred values", ("indicators",), fn.indicator_rows,
           (("indicators", "quote"), ("indicators", "value"), ("indicators", "unit"), ("indicators", "preferred"))),
    Custom("access route dates", ("access_route",), fn.access_route_dates,
           (("access_route", "date"), ("access_route", "date_precision"))),
    ForeignKey("followup_history", "reco_id", "recommendation_followup", "reco_id", "recommendation"),
    Custom("the follow-up's latest status", ("followup_history", "recommendation_followup"), fn.latest_status,
           (("followup_history", "since"), ("followup_history", "status"), ("recommendation_followup", "status"))),
)

# validate_all's order: sources, references, totals, the projection, SWOT evidence, groups, study content, post-study.
RULES: tuple[Rule, ...] = (SOURCES + REFERENCES + TOTALS + PROJECTION + SWOT_EVIDENCE + COMPANY_GROUPS + STUDY_CONTENT
                           + ISSUE22 + STUDY_CHART + POST_STUDY + INDICATORS)
