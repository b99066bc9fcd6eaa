"""Study content added for issue #17: each loader and display function returns what the study says (values read
in the study text, e.g. 4 conditions, 13 experts, 205 CTI schools, the ANS's three missions), and the
cross-checks catch broken rows."""

from __future__ import annotations

import pandas as pd
import pytest

from smt_dashboard import ecosystem, health_index, study
from smt_dashboard import jobs as jb
from smt_dashboard.datasets import load_dataset
from smt_dashboard.validation import validate_all
from tests.conftest import DATA, rewrite_cell


@pytest.fixture(scope="module")
def frames():
    names = study.DATASETS + ("digital_therapeutics", "companies", "digital_health_index", "job_families",
                              "smt_reimbursement", "sources", "policy_timeline", "smt_examples", "company_products")
    return {n: load_dataset(n, DATA) for n in names}


def _errors(folder, file):
    return [e for e in validate_all(folder) if e.file == file]


# --- 1. challenges -------------------------------------------------------------------------------------------

def test_challenges_by_nature(frames):
    out = study.challenges(frames["smt_challenges"], "fr")
    assert out.groupby("nature", sort=False).size().to_dict() == {
        "technical": 6, "economic_regulatory": 3, "organisational": 3}
    assert out.iloc[0]["text"] == "Compréhension approfondie des utilisateurs finaux"
    assert out.iloc[-1]["text"].startswith("Adoption des solutions par les utilisateurs finaux")
    en = study.challenges(frames["smt_challenges"], "en", nature="technical")
    assert en.iloc[-1]["text"] == "Maintaining cybersecurity" and set(en["nature_label"]) == {"Technical challenges"}


# --- 2. conditions ------------------------------------------------------------------------------------------

def test_four_conditions_before_the_recommendations(frames):
    out = study.conditions(frames["reco_conditions"], "fr")
    assert len(out) == 4
    assert out.iloc[0]["text"].startswith("La collaboration entre l'ensemble des parties prenantes")
    assert "plusieurs réglementations" in out.iloc[3]["text"]
    assert (out["source_id"] == "aec2020").all() and out["seed_ref"].str.contains(r"\(1/3\)").all()


def test_condition_count_is_checked(data_copy):
    path = data_copy / "reco_conditions.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    assert any("conditions" in e.message for e in _errors(data_copy, "reco_conditions.csv"))


# --- 3. drug makers' organisation ---------------------------------------------------------------------------

def test_team_setups_and_what_they_learned(frames):
    setups = study.pharma_setups(frames["pharma_smt_organisation"], "fr")
    assert setups["level"].tolist() == ["global", "global", "subsidiary"]
    assert setups.iloc[0]["organisation"] == "BU à part avec son propre P&L"
    assert "45 personnes" in setups.iloc[0]["feedback"]
    assert "rapatriée dans les BU" in setups.iloc[2]["feedback"]
    conclusion = study.pharma_statements(frames["pharma_smt_organisation"], "fr", "conclusion")
    assert conclusion.iloc[0]["text"].startswith("Les SMT restent rares dans les industries du médicament")


def test_success_factors_and_strategic_questions(frames):
    org = frames["pharma_smt_organisation"]
    factors = study.pharma_statements(org, "fr", "success_factor")
    assert len(factors) == 4
    # The study numbers only the strategy factor (« … pour la SMT 2 »); the others' numbers are not legible.
    numbered = factors[factors["study_number"].notna()]
    assert numbered["study_number"].tolist() == [2] and numbered.iloc[0]["text"].startswith("Etablir de façon précoce")
    questions = study.strategic_questions(org, "fr")
    assert len(questions) == 5
    assert questions.iloc[2]["question"] == "Quel est le business model approprié ?"
    assert len(questions.iloc[3]["sub_questions"]) == 3
    assert questions.iloc[4]["sub_questions"][0].startswith("Quels sont les rôles et les responsabilités")


def test_setup_fields_and_question_parents_are_checked(data_copy):
    rewrite_cell(data_copy / "pharma_smt_organisation.csv", 2, "organisation_fr", "")
    rewrite_cell(data_copy / "pharma_smt_organisation.csv", 18, "parent_id", "nowhere")
    errors = _errors(data_copy, "pharma_smt_organisation.csv")
    assert any(e.row == 2 and e.column == "organisation_fr" for e in errors)
    assert any(e.row == 18 and e.column == "parent_id" and "nowhere" in e.message for e in errors)


# --- 4. shared skills and training context -----------------------------------------------------------------

def test_skills_shared_by_all_smt_jobs(frames):
    out = study.shared_skills(frames["smt_shared_skills"], "fr")
    assert out["skill"].tolist() == ["Être orienté « résultats »", "Être orienté processus de développement",
                                     "Être orienté utilisateurs finaux"]
    assert "exigences Qualité & Réglementaire" in out.iloc[1]["detail"]
    traditional = study.shared_skills(frames["smt_shared_skills"], "fr", "traditional_jobs")
    assert traditional.iloc[0]["skill"].startswith("Double connaissance des réglementations")


def test_training_context(frames):
    tc = frames["training_context"]
    assert study.cti_schools(tc) == 205
    routes = study.training_context(tc, "fr", "ux_routes")
    levelled = routes.dropna(subset=["level"])
    assert dict(zip(levelled["text"], levelled["level_label"]))["DUT informatique"] == "Bac +2"
    assert levelled["level"].value_counts().to_dict() == {"bac2": 2, "bac3": 2, "bac5": 3}
    objectives = study.training_context(tc, "fr", "engineering_master_objective", ref_id="bme_paris")
    assert len(objectives) == 2 and "décalage culturel" in objectives.iloc[1]["text"]
    assert "rallonger ses études" in study.training_context(tc, "fr", "du").iloc[0]["text"]


def test_training_context_references_are_checked(data_copy):
    rewrite_cell(data_copy / "training_context.csv", 15, "ref_id", "no_such_master")
    path = data_copy / "training_context.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("cti_schools,engineering_schools,1,,,205,",
                                                             "cti_schools,engineering_schools,1,,,250,"), encoding="utf-8")
    errors = _errors(data_copy, "training_context.csv")
    assert any(e.row == 15 and e.column == "ref_id" for e in errors)
    assert any("CTI" in e.message and "250" in e.message for e in errors)


# --- 5. reimbursement evidence ------------------------------------------------------------------------------

def test_reimbursed_products_origin_and_evidence(frames):
    out = study.reimbursed_products(frames["smt_reimbursed_products"], "fr").set_index("product")
    assert len(out) == 12 and out.loc["Diabeloop", "status"] == "in_progress"
    assert out.loc["Diabeo", "evidence_patients"] == 700 and "Telesage" in out.loc["Diabeo", "evidence"]
    assert out.loc["Freestyle Libre", "origin"] == "medical_device"
    assert "monde des dispositifs médicaux" in out.loc["Freestyle Libre", "origin_quote"]
    # Where the study says nothing, the origin stays empty (not "drug side").
    assert out.loc["Ellipta", "origin_label"] == "non précisé par l'étude"


def test_reimbursed_products_must_match_the_status_table(data_copy):
    rewrite_cell(data_copy / "smt_reimbursed_products.csv", 3, "product", "Inventé")
    rewrite_cell(data_copy / "smt_reimbursed_products.csv", 13, "status", "reimbursed")
    errors = _errors(data_copy, "smt_reimbursed_products.csv")
    assert any(e.row == 3 and e.column == "product" for e in errors)
    assert any(e.row == 13 and e.column == "status" for e in errors)


# --- 6. HAS / EMA / NICE, platforms -------------------------------------------------------------------------

def test_has_axes_difficulties_matrix_and_ema_topics(frames):
    ev = frames["evaluation_framework"]
    axes = study.evaluation_items(ev, "fr", "has_axis")
    assert len(axes) == 4
    assert axes.iloc[2]["text"] == "Organiser l'évaluation des solutions numériques pour développer la confiance"
    assert study.evaluation_items(ev, "fr", "has_difficulty").iloc[0]["text"] == "La randomisation peut ne pas être possible"
    assert study.evaluation_items(ev, "fr", "has_matrix").iloc[0]["text"].startswith("Une classification des solutions")
    ema = study.evaluation_items(ev, "en", "ema_topic")
    assert len(ema) == 8 and (ema["cited_source_ids"] == "ema2019").all()


def test_framework_topic_must_belong_to_its_body(data_copy):
    rewrite_cell(data_copy / "evaluation_framework.csv", 2, "body", "ema")
    assert any(e.row == 2 and e.column == "topic" for e in _errors(data_copy, "evaluation_framework.csv"))


def test_platforms_beyond_mhealthbelgium(frames):
    out = study.platforms(frames["app_guidance_platforms"], "fr").set_index("platform_id")
    assert out.loc["mhealthbelgium", "country"] == "Belgique"
    assert "COFRAC" in out.loc["medappcare", "description"]
    assert pd.isna(out.loc["appscript", "country"])  # the study does not say


# --- 7. institutions and the coalition ------------------------------------------------------------------------

def test_institutions_and_missions(frames):
    out = study.institutions(frames["institutions"], "fr").set_index("institution_id")
    assert list(out.index[:3]) == ["dns", "ans", "cns"]
    assert out.loc["dns", "created_label"] == "21 décembre 2019"
    # The study does not date the ANS and CNS: they are not dated with the DNS.
    assert out.loc["ans", "created_label"] == "non datée par l'étude"
    assert "réguler la e-santé" in out.loc["ans", "mission"] and "trois grandes missions" in out.loc["ans", "mission"]
    assert "tous les semestres" in out.loc["cns", "mission"]
    assert "Dossier Médical Partagé" in out.loc["ars", "mission"]
    assert "LESISS" in out.loc["alliance_ehealth", "mission"]
    assert "talents et de capitaux" in out.loc["france_digital_health", "mission"]


def test_institution_dates_are_cross_checked(data_copy):
    rewrite_cell(data_copy / "institutions.csv", 2, "created", "2019-12-20")
    rewrite_cell(data_copy / "institutions.csv", 3, "created", "2019")
    errors = _errors(data_copy, "institutions.csv")
    assert any(e.column == "created" and "dns_2019" in e.message for e in errors)
    assert any(e.row == 3 and e.column == "date_precision" for e in errors)


def test_coalition_objectives_and_first_projects(frames):
    co = frames["coalition_innovation_sante"]
    projects = study.coalition(co, "fr", "first_project")
    assert projects["name"].tolist() == ["Biosency", "Domicalis", "Apitrak"]
    assert "Ambulis" in projects.iloc[1]["text"]
    assert study.coalition(co, "fr", "initiator")["name"].tolist() == [
        "France Biotech", "France Digitale", "MedTech in France", "AstraZeneca"]
    assert study.coalition(co, "fr", "objective").iloc[0]["text"].startswith("Désengorger le système de soins")


# --- 8. digital-therapeutics developers -----------------------------------------------------------------------

def test_where_digital_therapeutics_developers_are_based(frames):
    devs = frames["dtx_developers"]
    assert study.developers_by_city(devs) == {"San Francisco": ["Omada Health", "Pear Therapeutics"],
                                               "Columbia": ["WellDoc"],
                                               "New York": ["Click Therapeutics", "Happify Health"]}
    out = study.dtx_locations(frames["digital_therapeutics"], devs, "fr").set_index("developer_id")
    assert out.loc["pear_therapeutics", "therapies"] == "Pear Therapeutics, reSET, reSET-O"
    assert out.loc["welldoc", "therapies"] == "BlueStar" and out.loc["welldoc", "inferred"]
    assert "élimination" in out.loc["welldoc", "note"]
    assert out.loc["voluntis", "country"] == "France" and pd.isna(out.loc["voluntis", "city"])


def test_developer_references_are_checked(data_copy):
    rewrite_cell(data_copy / "digital_therapeutics.csv", 2, "developer_id", "nobody")
    rewrite_cell(data_copy / "dtx_developers.csv", 2, "country_code", "CA")
    errors = validate_all(data_copy)
    assert any(e.file == "digital_therapeutics.csv" and e.row == 2 and e.column == "developer_id" for e in errors)
    assert any(e.file == "dtx_developers.csv" and "5 entreprises américaines" in e.message for e in errors)


# --- 9. the study's method ---------------------------------------------------------------------------------------

def test_study_method(frames):
    sm = frames["study_method"]
    assert study.experts_interviewed(sm) == 13
    assert len(study.method_items(sm, "fr", "objective")) == 3
    assert len(study.method_items(sm, "fr", "search_approach")) == 5
    assert len(study.method_items(sm, "fr", "approach_task", parent_id="approach_2")) == 5
    companies = study.screened_companies(sm)
    assert len(companies) == 59 == len(set(companies))  # the annex repeats some names; 59 distinct
    assert {"Sanofi", "Servier", "Zoetis", "Boehringer Ingelheim Animal Health"} <= set(companies)
    assert "smart pen" in study.method_items(sm, "en", "keyword")["text"].tolist()


def test_expert_count_is_checked(data_copy):
    rewrite_cell(data_copy / "study_method.csv", 12, "value", "12")  # approach_2: 13 experts
    assert any("experts" in e.message for e in _errors(data_copy, "study_method.csv"))


# --- jobs projection scope, three-valued recruiting, index scope, company groups, sources ------------------------

def test_projection_is_an_optimistic_scenario_without_drug_makers(frames):
    ps = frames["jobs_projection_scope"]
    assert study.is_optimistic_scenario(ps) and study.drug_makers_left_out(ps)
    out = study.projection_scope(ps, "fr").set_index("item_id")
    assert out.loc["scenario", "text"] == "Hypothèses retenues (scenario optimiste)"
    assert out.loc["pharma_stable", "text"].endswith("devrait rester stable")


def test_hard_to_recruit_is_three_valued(frames):
    fam = frames["job_families"].set_index("family_id")
    assert fam.loc["ux_ui_designer", "hard_to_recruit"] is True
    assert fam.loc["technical_jobs", "hard_to_recruit"] is False  # « ne pose pas de problème particulier »
    assert fam.loc["quality", "hard_to_recruit"] is None  # the study does not say
    assert set(jb.recruiting_not_stated(frames["job_families"])["family_id"]) == {
        "project_manager", "medical_affairs", "regulatory_affairs", "quality", "market_access", "marketing_sales"}
    assert jb.not_hard_to_recruit(frames["job_families"])["family_id"].tolist() == ["technical_jobs"]
    table = jb.family_overview(frames["job_families"], "en")
    assert table["Hard to recruit"].value_counts().to_dict()["not stated in the text"] == 6


def test_france_is_12th_of_the_14_countries_of_the_study_chart(frames):
    index = frames["digital_health_index"]
    assert health_index.rank_in_study_chart(index) == (12, 14)
    assert not set(health_index.study_chart(index)["country_code"]) & {"ES", "SE", "PT"}


def test_study_chart_scope_is_checked(data_copy):
    rewrite_cell(data_copy / "digital_health_index.csv", 6, "in_study_chart", "True")  # Spain
    errors = _errors(data_copy, "digital_health_index.csv")
    assert any("14" in e.message for e in errors) and any("rank" in e.message for e in errors)


def test_groups_present_twice_are_linked(frames):
    companies = frames["companies"]
    assert ecosystem.distinct_groups(companies) == 29  # 35 rows, 6 groups both subsidiary and US company
    pairs = ecosystem.same_group_rows(companies)
    assert sorted(pairs["group_id"].unique()) == ["abbott", "aptar_pharma", "capsule_technologies", "ge_healthcare",
                                                  "jabil", "medtronic"]


def test_unlinked_group_is_reported(data_copy):
    rewrite_cell(data_copy / "companies.csv", 24, "group_id", "us_ge_healthcare")  # the US GE Healthcare row
    errors = _errors(data_copy, "companies.csv")
    assert any(e.column == "group_id" and "GE Healthcare" in e.message for e in errors)


def test_years_the_study_does_not_print_stay_empty(frames):
    src = frames["sources"].set_index("source_id")
    assert src.loc["has_prospective2019", "year"] == 2019 and src.loc["has_prospective2019", "year_basis"] == "study"
    for sid in ("startuphealth2018", "innobio2", "market_reports", "mhealthbelgium", "org_websites"):
        assert pd.isna(src.loc[sid, "year"]) and pd.isna(src.loc[sid, "year_basis"]), sid
    assert src.loc["fda_pdurs2018", "year"] == 2018  # the notice the study cites, dated 2018 in its citation


def test_inferred_areas_say_so(frames):
    examples = frames["smt_examples"].set_index("example_id")
    assert examples.loc["abilify_mycite", "drug"] == "Abilify"  # no molecule name the study does not give
    assert examples.loc["zyrtec_allergycast", "therapy_area_basis"] == "inferred"
    assert examples["therapy_area_basis"].notna().eq(examples["therapy_area"].notna()).all()
    products = frames["company_products"].set_index("product")
    assert products.loc["Insulia", "therapy_area_basis"] == "inferred"
    assert products.loc["Zeneo", "therapy_area_basis"] == "study"
