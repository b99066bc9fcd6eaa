"""Study content added for issues #17 and #22: each loader and display function returns what the study says (values
read in the study text, e.g. 4 conditions, 13 experts, 205 CTI schools, the ANS's three missions, the health
professionals' 7 needs, the 7 added values), and the cross-checks catch broken rows."""

from __future__ import annotations

import pandas as pd
import pytest

from smt_dashboard import ecosystem, health_index, study, study_context
from smt_dashboard import jobs as jb
from smt_dashboard.datasets import load_dataset
from smt_dashboard.validation import validate_all
from tests.conftest import DATA, rewrite_cell


@pytest.fixture(scope="module")
def frames():
    names = study.DATASETS + study_context.DATASETS + (
        "digital_therapeutics", "companies", "digital_health_index", "job_families", "smt_reimbursement", "sources",
        "policy_timeline", "smt_examples", "company_products")
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
    path.write_text(path.read_text(encoding="utf-8").replace("cti_schools,engineering_schools,1,,,,205,",
                                                             "cti_schools,engineering_schools,1,,,,250,"), encoding="utf-8")
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


# --- issue #22, part A: the study, exactly ------------------------------------------------------------------------

def test_policy_rows_say_what_the_study_says(frames):
    events = frames["policy_timeline"].set_index("event_id")
    esante = events.loc["esante2020_2016", "detail_fr"]
    # Axis 4 is « Moderniser les outils de régulation … »; SMT assessment is one point under it.
    assert esante.startswith("Axe 4 « Moderniser les outils de régulation de notre système de santé »")
    assert "un des points de cet axe" in esante and "« Accélérer le développement de méthodes d'évaluation" in esante
    hub = events.loc["ehealth_hub_2018", "detail_fr"]
    assert "« L'objectif est d'intégrer plus de 700 PME dans ce programme »" in hub and "objectif de 700 PME" not in hub


def test_recommendations_cite_what_their_slides_print(frames):
    reco = load_dataset("recommendations", DATA)
    assert reco.loc[reco["group"] == "competitiveness", "cited_source_ids"].isna().all()  # the slides print no source
    assert (reco.loc[reco["group"] == "training", "cited_source_ids"] == "aec_analyses").all()
    assert "expert_interviews" not in set(reco["cited_source_ids"].dropna())
    src = frames["sources"].set_index("source_id")
    assert src.loc["aec_analyses", "title"] == "Analyses AEC Partners"
    assert "« Source : Analyses AEC Partners »" in src.loc["aec_analyses", "note"]


def test_digital_therapeutics_cite_their_own_websites(frames):
    devs = frames["dtx_developers"]
    assert (devs.loc[devs["country_code"] == "US", "cited_source_ids"] == "dtx_websites").all()
    assert (frames["digital_therapeutics"]["cited_source_ids"] == "dtx_websites").all()
    assert frames["sources"].set_index("source_id").loc["dtx_websites", "title"] == "Sites internet des thérapies numériques"


def test_job_skills_point_to_their_own_sheet():
    skills = load_dataset("job_skills", DATA)
    pm = skills[skills["family_id"] == "project_manager"]
    slide = pm[pm["skill_type_basis"] == "study"]
    assert len(slide) == 7 and slide["seed_ref"].str.startswith("Pour accompagner le développement des SMT").all()
    sheet = pm[pm["seed_ref"] == "Fiches Fonction – Manager de projet (2/2)"]
    # The sheet's 17 skills: 11 only it prints, 6 also on the slide (noted on the slide's rows).
    assert len(sheet) == 11 and (sheet["skill_type_basis"] == "inferred").all()
    assert {"Maîtriser la prise de parole en public", "Faire preuve d'intelligence collective",
            "Arbitrer les priorités à suivre"} <= set(sheet["text_fr"])
    assert slide["note_fr"].str.contains("Aussi sur la fiche Manager de projet").sum() == 6
    resilient = slide.set_index("text_fr").loc["Être résilient et persévérant", "note_fr"]
    assert "« Être capable de montrer beaucoup de résilience et de persévérance »" in resilient
    data = skills[skills["family_id"] == "data_jobs"]
    assert len(data) == 17 and set(data["seed_ref"]) == {"Fiches Famille de Métiers – Métiers de la donnée (2/2)"}
    assert "Traiter des données quantitatives et/ou qualitatives (bases de données, statistiques, etc.)" in set(data["text_fr"])
    assert (data["cited_source_ids"] == "opiiec;expert_interviews").all()
    dev = skills[skills["family_id"] == "software_developer"]
    assert len(dev) == 10 and set(dev["seed_ref"]) == {
        "Focus sur le Développeur Informatique (Ingénieur / Technicien en Informatique)"}
    assert "A en charge la maintenance évolutive" in set(dev["text_fr"])
    # No row left pointing at the traditional-jobs slide for a skill only a sheet prints.
    assert set(skills.loc[skills["skill_type_basis"] == "study", "family_id"]) == {
        "project_manager", "medical_affairs", "market_access", "regulatory_affairs", "marketing_sales"}


def test_traditional_jobs_slide_count_is_checked(data_copy):
    rewrite_cell(data_copy / "job_skills.csv", 2, "skill_type_basis", "inferred")
    assert any(e.column == "skill_type_basis" and "project_manager" in e.message
               for e in _errors(data_copy, "job_skills.csv"))


def test_readings_the_study_does_not_settle_are_marked(frames):
    routes = study.training_context(frames["training_context"], "fr", "ux_routes").dropna(subset=["level"])
    assert (routes["level_basis"] == "inferred").all() and routes["note"].str.contains("lecture de l'équipe").all()
    shown = study.platforms(frames["app_guidance_platforms"], "en").set_index("platform_id")
    assert shown.loc["medappcare", "country"] == "France" and shown.loc["medappcare", "country_basis"] == "inferred"
    assert shown.loc["mhealthbelgium", "country_basis"] == "study"
    assert shown.loc["iprescribe_imedicalapps", "description_basis"] == "inferred"
    assert shown.loc["appscript", "description_basis"] == "study"
    assert study.reading_label("en") == "reading of the dashboard team, not stated by the study"


def test_success_factors_carry_no_number_but_the_studys(frames):
    factors = study.pharma_statements(frames["pharma_smt_organisation"], "fr", "success_factor")
    assert factors["study_number"].notna().sum() == 1
    strategy = factors.set_index("item_id").loc["factor_strategy"]
    assert strategy["study_number"] == 2 and strategy["text"].startswith("Etablir de façon précoce la stratégie")
    assert not factors["item_id"].str.contains(r"\d").any()  # ids name the factors, they do not number them
    assert factors.drop(index=factors.index[factors["item_id"] == "factor_strategy"])["note"].str.contains(
        "pas la numérotation de l'étude").all()


def test_readings_and_numbers_are_checked(data_copy):
    rewrite_cell(data_copy / "pharma_smt_organisation.csv", 7, "study_number", "1")  # factor_needs
    rewrite_cell(data_copy / "training_context.csv", 4, "level_basis", "")  # ux_route_1 keeps its level
    rewrite_cell(data_copy / "app_guidance_platforms.csv", 4, "country_basis", "")  # Medappcare keeps FR
    assert any(e.column == "study_number" and "[1, 2]" in e.message
               for e in _errors(data_copy, "pharma_smt_organisation.csv"))
    assert any(e.row == 4 and e.column == "level_basis" for e in _errors(data_copy, "training_context.csv"))
    assert any(e.row == 4 and e.column == "country_basis" for e in _errors(data_copy, "app_guidance_platforms.csv"))


# --- issue #22: study content no table held -----------------------------------------------------------------------

def test_companies_needs_behind_the_training_analysis(frames):
    out = study_context.needs(frames["stakeholder_needs"], "fr", "company_need")
    assert out["text"].tolist()[0] == ("Difficulté à recruter dans les industries de santé certains nouveaux métiers comme le "
                                       "Designer UX / UI")
    assert out["text"].iloc[1].startswith("Besoin de chargés d'Affaires Réglementaires, sachant gérer des solutions "
                                          "multi-technologiques")
    assert out["text"].iloc[2].startswith("Besoin d'avoir des Ingénieurs")
    # Each need leads to the training the study analyses for it (« ces trois métiers »).
    assert out["objective"].tolist() == ["training_ux_data_dev", "training_ra", "training_engineers"]
    assert (out["cited_source_ids"] == "expert_interviews").all()


def test_health_professionals_seven_needs(frames):
    out = study_context.needs(frames["stakeholder_needs"], "fr", "professional_need")
    assert len(out) == 7 and (out["cited_source_ids"] == "pipame2015").all()
    assert out.iloc[0]["text"].startswith("Des outils qui s'intègrent dans les pratiques quotidiennes")
    assert out.iloc[5]["text"] == "Un mode de rémunération adapté (notamment pour la télésurveillance)"
    assert out.iloc[6]["text"] == "Un cadre juridique pour la délégation des tâches"
    en = study_context.needs(frames["stakeholder_needs"], "en", "professional_need")
    assert en.iloc[6]["text"] == "A legal framework for delegating tasks"
    assert en.iloc[0]["kind_label"] == "Health professionals' needs in digital health"


def test_needs_counts_and_objectives_are_checked(data_copy):
    path = data_copy / "stakeholder_needs.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")  # drop the 7th professional need
    rewrite_cell(path, 3, "objective", "")
    errors = _errors(data_copy, "stakeholder_needs.csv")
    assert any("professional_need" in e.message and "7" in e.message for e in errors)
    assert any(e.row == 3 and e.column == "objective" for e in errors)


def test_seven_added_values_and_each_categorys_expected_value(frames):
    table = frames["smt_value_added"]
    values = study_context.value_added(table, "fr")
    assert values["text"].tolist() == ["Bénéfice thérapeutique", "Aide à la consultation et au suivi", "Bon usage",
                                       "Adaptation du traitement", "Amélioration de l'observance", "Aide à la prescription",
                                       "Autonomie du patient"]
    external = study_context.value_added(table, "fr", "category_value", "external_device")
    assert len(external) == 5 and external.iloc[1]["text"] == "Permet au médecin et/ou au patient d'adapter le traitement"
    assert not external["inferred"].any()
    internal = study_context.value_added(table, "en", "category_value", "internal_device")
    assert len(internal) == 3 and internal.iloc[0]["category_label"] == "Connected internal delivery device"
    # The app category prints two lists whose headings the extracted text loses: which is the added value is a reading.
    app = study_context.value_added(table, "fr", "category_value", "app_web")
    assert app["inferred"].all() and app.iloc[0]["text"].startswith("Accompagnement du patient dans la prise en charge")
    assert study_context.value_added(table, "fr", "category_description").iloc[0]["text"].startswith(
        "Application mobile pour le patient traité")


def test_value_counts_are_checked(data_copy):
    rewrite_cell(data_copy / "smt_value_added.csv", 19, "category", "internal_device")  # an external device's 5th value
    rewrite_cell(data_copy / "smt_value_added.csv", 2, "category", "app_web")  # a value of every SMT given a category
    errors = _errors(data_copy, "smt_value_added.csv")
    assert any("external_device" in e.message and "4" in e.message for e in errors)
    assert any("internal_device" in e.message for e in errors)
    assert any(e.row == 2 and e.column == "category" for e in errors)


def test_market_players_and_the_drug_makers_shift(frames):
    table = frames["market_players"]
    players = study_context.market_players(table, "fr", "player")
    assert players["text"].tolist() == ["Géants de la technologie (GAFAM / BATX)", "start-up / TPE-PME", "Dispositifs Médicaux",
                                        "Entreprises pharmaceutiques"]
    assert study_context.market_players(table, "fr", "other_player")["text"].tolist() == [
        "Opérateurs télécoms", "Assureurs", "Prestataires de services informatiques"]
    roles = study_context.market_players(table, "fr", "role").set_index("item_id")
    assert "(e.g. Google, Apple, Amazon)" in roles.loc["role_tech_giants", "text"]
    assert roles.loc["role_insurers", "text"].endswith("(notamment aux Etats-Unis).")
    assert (frames["market_players"].set_index("item_id").loc["role_tech_giants", "cited_source_ids"] == "market_reports")
    drivers = study_context.market_players(table, "fr", "pharma_driver")
    assert len(drivers) == 4 and drivers["inferred"].all()  # unheaded boxes, read as drivers
    assert drivers.iloc[2]["text"] == "Besoin de démonstration de bénéfices cliniques pour justifier la valeur ajoutée"
    today = study_context.market_players(table, "fr", "pharma_today").iloc[0]
    assert "innovations de santé à part entière" in today["text"] and today["cited_source_ids"] == "deloitte2018"


def test_roles_must_name_players(data_copy):
    rewrite_cell(data_copy / "market_players.csv", 8, "actors", "telecoms")  # « Assureurs » no longer names insurers
    errors = _errors(data_copy, "market_players.csv")
    assert any(e.row == 14 and e.column == "actors" for e in errors)


def test_what_drug_makers_and_smt_companies_bring(frames):
    out = study_context.collaboration(frames["smt_collaboration"], "fr")
    drug = out[out["actor"] == "drug_makers"]["text"].tolist()
    assert drug == ["Connaissance des pathologies et des parties prenantes en santé",
                    "Expertise sur les modalités d'accès au marché et commercialisation d'innovations de santé",
                    "Financement pour permettre le développement des solutions"]
    smt = out[out["actor"] == "smt_companies"]["text"].tolist()
    assert smt[1] == "L'agilité nécessaire au développement de solutions innovantes en santé"
    assert out.iloc[-1]["actor_label"] == "D'autres acteurs"
    assert "(ex: designer UX/UI, réglementaire, qualité)" in out.iloc[-1]["text"]


def test_fda_office_pre_cert_and_has_premise(frames):
    table = frames["regulator_roles"]
    roles = study_context.regulator_items(table, "fr", "ocp_role")
    assert len(roles) == 4 and roles.iloc[1]["text"] == "Elabore des directives et des réglementations"
    assert set(roles["event_id"]) == {"fda_combination_office_2018"}
    assert study_context.regulator_items(table, "en", "precert_element")["text"].tolist() == [
        "excellence appraisal", "review determination", "streamlined review", "real-world performance"]
    approach = study_context.regulator_items(table, "fr", "precert_approach").iloc[0]["text"]
    assert approach.endswith("plutôt que le produit / dispositif médical")
    premise = study_context.regulator_items(table, "fr", "has_premise")
    assert premise.iloc[0]["text"].endswith("n'est ni envisageable, ni pertinente")
    assert (premise["cited_source_ids"] == "has_prospective2019").all()
    with pytest.raises(KeyError):
        study_context.regulator_items(table, "fr", "no_such_kind")


def test_regulator_kinds_and_events_are_checked(data_copy):
    rewrite_cell(data_copy / "regulator_roles.csv", 18, "body", "fda")  # HAS's premise filed under the FDA
    rewrite_cell(data_copy / "regulator_roles.csv", 6, "event_id", "fda_office_2017")
    errors = _errors(data_copy, "regulator_roles.csv")
    assert any(e.row == 18 and e.column == "kind" for e in errors)
    assert any(e.row == 6 and e.column == "event_id" for e in errors)


def test_axis_one_quotes(frames):
    out = study_context.quotes(frames["policy_quotes"], "fr")
    polton = out.set_index("quote_id").loc["polton"]
    assert polton["text"].startswith("« Les futures solutions de santé seront de plus en plus multi-technologiques")
    assert polton["event_id"] == "polton_2015" and polton["cited_source_ids"] == "polton2015"
    alliance = study_context.quotes(frames["policy_quotes"], "fr", "alliance_ehealth_2017").set_index("quote_id")
    assert alliance.loc["alliance_method", "text"] == "« changement de méthode sur l'évaluation des SMT »"
    assert "toquer aux portes de 2, voire 3 autorités" in alliance.loc["alliance_doors", "text"]
    assert alliance.loc["alliance_doors", "inferred"] and not alliance.loc["alliance_method", "inferred"]


def test_quote_events_are_checked(data_copy):
    rewrite_cell(data_copy / "policy_quotes.csv", 2, "event_id", "polton_2016")
    rewrite_cell(data_copy / "policy_quotes.csv", 6, "text_fr", "Prendre en compte l'impact sur l'organisation des soins")
    errors = _errors(data_copy, "policy_quotes.csv")
    assert any(e.row == 2 and e.column == "event_id" for e in errors)
    assert any(e.row == 6 and e.column == "text_fr" for e in errors)


def test_aphp_digital_medical_hub(frames):
    out = study_context.digital_medical_hub(frames["aphp_digital_medical_hub"], "fr")
    fields = out[out["kind"] == "field_of_action"]["text"].tolist()
    assert len(fields) == 4
    assert fields[0] == "Evaluation et validation clinique des objets connectés en santé et leurs applications mobiles"
    assert fields[3] == "Enseignement et formation (en santé numérique) des générations actuelles et futures"
    first = out.set_index("kind").loc["first_study"]
    assert first["name"] == "EOLE-VAL" and "transplantés pulmonaires" in first["text"]
    assert "DOCAPOST" in out.set_index("kind").loc["first_study_partners", "text"]
    assert "janvier 2018" in out.set_index("kind").loc["founding", "text"]


def test_hub_fields_and_date_are_checked(data_copy):
    path = data_copy / "aphp_digital_medical_hub.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:8] + lines[9:]) + "\n", encoding="utf-8")  # drop the 4th field of action
    rewrite_cell(data_copy / "policy_timeline.csv", 8, "date", "2018-02")
    assert any("fields of action" in e.message for e in _errors(data_copy, "aphp_digital_medical_hub.csv"))
    assert any("janvier 2018" in e.message for e in _errors(data_copy, "policy_timeline.csv"))


def test_digital_therapeutics_forms_and_target_conditions(frames):
    table = frames["dtx_context"]
    assert study_context.dtx_items(table, "fr", "form")["text"].tolist() == [
        "Jeu vidéo / Jeu numérique", "Application mobile / Plateforme web", "Masque de réalité augmenté",
        "Capteur lié à un logiciel"]
    conditions = study_context.dtx_conditions(table, "fr")
    assert conditions[0].startswith("Psychiatrie : Addiction, TDAH, Autisme, Dépression")
    assert "Neurologie : SEP, AVC" in conditions and conditions[-1] == "Douleur"
    assert "Neurology: MS, stroke" in study_context.dtx_conditions(table, "en")
    benefits = study_context.dtx_items(table, "fr", "benefit")
    assert benefits["inferred"].all() and benefits.iloc[-1]["text"].startswith("(A démontrer")
    assert study_context.dtx_items(table, "fr", "scope").iloc[0]["text"] == "Hors du périmètre des SMT"
    assert "réglementation des Dispositifs médicaux" in study_context.dtx_items(table, "fr", "definition").iloc[0]["text"]
    finding = study_context.dtx_items(table, "fr", "finding")
    assert "Les Etats-Unis semblent en avance" in finding.iloc[1]["text"]
    assert (finding["cited_source_ids"] == "dtx_websites").all()


def test_dtx_labels_and_counts_are_checked(data_copy):
    rewrite_cell(data_copy / "dtx_context.csv", 6, "kind", "benefit")  # a form counted as a benefit
    rewrite_cell(data_copy / "dtx_context.csv", 10, "label_fr", "Psychiatrie")
    errors = _errors(data_copy, "dtx_context.csv")
    assert any("form" in e.message and "3" in e.message for e in errors)
    assert any(e.row == 10 and e.column == "label_fr" for e in errors)


def test_technology_paid_but_not_the_service(frames):
    table = frames["adoption_findings"]
    assert study_context.service_not_paid(table, "fr") == (
        "Aujourd'hui, la technologie est parfois remboursée mais pas le service pour vérifier à distance les données et soutenir "
        "le patient à distance")
    practice = study_context.adoption_findings(table, "fr", "practice_change")
    assert practice["kind"].tolist() == ["funding_gap", "implementation_need", "implementation_need", "incentive",
                                         "reimbursement_gap", "conclusion"]
    assert (practice["cited_source_ids"] == "mhealth_adoption").all()
    platforms = study_context.adoption_findings(table, "fr", "app_platforms")
    assert platforms.iloc[0]["text"].endswith("non liées à un médicament")
    assert "ces plateformes sont elles mêmes peu visibles" in platforms.iloc[1]["text"]
    access = study_context.adoption_findings(table, "fr", "smt_market_access")
    assert "gratuitement" in access.iloc[1]["text"]


def test_adoption_kinds_are_checked(data_copy):
    rewrite_cell(data_copy / "adoption_findings.csv", 6, "topic", "app_platforms")
    errors = _errors(data_copy, "adoption_findings.csv")
    assert any(e.row == 6 and e.column == "kind" for e in errors)


# --- issue #35: errata (each value against the study's own wording) -------------------------------------------------

def test_creation_history_cites_what_its_slide_prints():
    # « Sources : Entretiens d'experts - Analyses AEC Partners » under « Estimation de la volumétrie … (1/2) ».
    history = load_dataset("company_creation_history", DATA)
    assert (history["cited_source_ids"] == "expert_interviews").all()


def test_funding_context_cites_the_funding_slide():
    # « Sources : Sites internet des entreprises développant des SMT; Communiqués de presse » on the slide of the 80,8 M€.
    context = load_dataset("funding_context", DATA).set_index("item_id")
    assert context.loc["series_ab_range", "cited_source_ids"] == "smt_websites"
    title = load_dataset("sources", DATA).set_index("source_id").loc["smt_websites", "title"]
    assert "entreprises développant des SMT" in title and "communiqués de presse" in title


def test_funding_rounds_as_printed():
    rounds = load_dataset("funding_rounds", DATA).set_index("round_id")
    # The study prints « Ideb, Rubis Capital, Gemmes Venture, Snpe, EdR, Investment Partners ».
    assert rounds.loc["crossject_2012_07", "investors"].split(";")[-3:] == ["Snpe", "EdR", "Investment Partners"]
    # « Levée de fonds en cours », no year.
    assert rounds.loc["diabilive_in_progress", "note_fr"] == "Levée de fonds en cours"
    assert "2020" not in rounds.loc["diabilive_in_progress", "note_en"]


def test_dns_quote_keeps_the_studys_typo(frames):
    detail = frames["policy_timeline"].set_index("event_id").loc["dns_2019", "detail_fr"]
    assert "« renfoncer [sic] la gouvernance en santé »" in detail and "renforcer" not in detail
    mission = frames["institutions"].set_index("institution_id").loc["dns", "mission_fr"]
    assert "« renfoncer [sic] la gouvernance en santé »" in mission


def test_hub_field_valorisation_is_not_development(frames):
    field = frames["aphp_digital_medical_hub"].set_index("item_id").loc["field_of_action_3"]
    assert field["text_fr"].startswith("Valorisation et transfert")
    assert "Development" not in field["text_en"] and "Valorisation" in field["text_en"]


def test_team_work_skills_are_soft_skills_by_the_tables_rule():
    # The rule (data/README.md): under « Transverses », team work → soft skill.
    skills = load_dataset("job_skills", DATA)
    for start in ("Travailler en transverse avec les partenaires externes",
                  "Participer à des projets en transversalité"):
        row = skills[skills["text_fr"].str.startswith(start)]
        assert len(row) == 1 and row.iloc[0]["skill_type"] == "soft_skill", start
        assert row.iloc[0]["skill_type_basis"] == "inferred"


# --- issue #35: the reSET example, as the slide prints it -------------------------------------------------------------

def test_reset_example_as_printed(frames):
    examples = study_context.dtx_items(frames["dtx_context"], "fr", "example")
    assert examples["text"].tolist() == [
        "Thérapie numérique sur prescription de 90 jours pour troubles dus à la consommation de substances psychotropes",
        "Améliore l'abstinence des substances illicites et l'observance des traitements",
        "Génère un tableau de bord pour les professionnels de santé : information sur l'utilisation, leçons apprises, "
        "consommation de substances déclarée, déclencheurs signalés par le patient, …",
        "En partenariat avec Sandoz"]
    # Printed without its name: attaching it to reSET is the team's reading, said as such.
    assert examples["inferred"].all() and examples["note"].str.contains("sans son nom").all()
    assert set(examples["dtx_id"]) == {"reset"} and (examples["cited_source_ids"] == "smt_websites").all()
    # Every example names a digital therapeutic of the list.
    context = frames["dtx_context"]
    assert set(context["dtx_id"].dropna()) <= set(frames["digital_therapeutics"]["dtx_id"])
    # Shown only when its therapy is in scope.
    dtx = frames["digital_therapeutics"]
    assert study_context.dtx_examples(context, dtx[dtx["therapy_area"] == "diabetology"], "fr").empty
    assert len(study_context.dtx_examples(context, dtx[dtx["therapy_area"] == "psychiatry"], "fr")) == 4


def test_device_types_and_drugs_have_their_english():
    from smt_dashboard import catalogue as cat

    examples = load_dataset("smt_examples", DATA).set_index("example_id")
    devices = examples[examples["kind"] == "device_type"]
    assert devices["name_en"].notna().all()  # every device type is named in French by the study
    assert cat.translated(examples.loc["inhaler"], "name", "en") == "Inhaler"
    assert cat.translated(examples.loc["inhaler"], "name", "fr") == "Inhalateur"
    assert cat.translated(examples.loc["diabeo"], "drug", "en") == "Insulin"
    assert cat.translated(examples.loc["microchip_implant"], "drug", "en") == "Teriparatide"
    assert cat.translated(examples.loc["abilify_mycite"], "drug", "en") == "Abilify"  # a brand reads the same


# --- issue #35: study content no table held — each table returns what the study prints ------------------------------

@pytest.fixture(scope="module")
def more():
    from smt_dashboard import study_findings as sf

    names = sf.DATASETS + ("pharma_digital_units", "policy_timeline", "job_families", "sources", "evaluation_framework",
                           "study_method", "adoption_findings")
    return {n: load_dataset(n, DATA) for n in names}


def test_context_slides_of_digital_health(more):
    from smt_dashboard import study_findings as sf

    table = more["digital_health_context"]
    boxes = sf.context_items(table, "fr", "drivers", "box")["text"].tolist()
    assert boxes == ["Explosion des maladies chroniques & vieillissement de la population", "Innovations technologiques",
                     "Priorité donnée par les autorités de santé au virage ambulatoire"]
    drivers = sf.context_items(table, "fr", "drivers", "finding")
    assert any("La prise en charge ambulatoire se développe" in t for t in drivers["text"])
    assert (drivers["cited_source_ids"] == "drees2017;lesechos2018;dge2016").all()
    # « 6 grands domaines d'application », their source; their names are not in the extracted text, said so.
    assert sf.fields_count(table) == 6
    fields = sf.context_items(table, "fr", "fields")
    assert (fields["cited_source_ids"] == "pipame2015;dta2018").all() and "ne figurent pas" in fields.iloc[0]["note"]
    # The needs of the FDA / PQRI slide: two audiences, their headings, 6 + 7 needs.
    needs = sf.context_items(table, "fr", "needs")
    assert needs.loc[needs["kind"] == "audience", "text"].tolist() == ["Professionnels de santé", "Patients & entourage"]
    groups = needs[needs["kind"] == "need_group"].set_index("item_id")
    assert groups["parent_id"].to_dict() == {"needs_quality": "needs_professionals", "needs_information": "needs_patients",
                                             "needs_empowerment": "needs_patients"}
    per_group = needs[needs["kind"] == "need"].groupby("parent_id").size().to_dict()
    assert per_group == {"needs_quality": 6, "needs_information": 3, "needs_empowerment": 4}
    assert needs[needs["inferred"]]["text"].tolist() == ["Optimisation des soins", "Bénéfice thérapeutique"]
    assert (needs["cited_source_ids"] == "fda_pqri2019").all()
    data = sf.context_items(table, "fr", "health_data")
    assert len(data) == 3 and "cercle vertueux d'innovation" in data.iloc[2]["text"]
    driven = sf.context_items(table, "fr", "need_driven")
    details = driven[driven["kind"] == "box_detail"]
    assert len(driven[driven["kind"] == "box"]) == 3 and details["inferred"].all()
    assert set(details["parent_id"]) == set(driven.loc[driven["kind"] == "box", "item_id"])
    assert sf.context_items(table, "en", "need_driven", "conclusion").iloc[0]["text"].startswith("These SMT must be designed")


def test_every_context_parent_resolves_to_the_right_kind(more):
    table = more["digital_health_context"]
    kinds = dict(zip(table["item_id"], table["kind"]))
    want = {"need_group": "audience", "need": "need_group", "box_detail": "box"}
    for _, row in table.iterrows():
        assert pd.isna(row["parent_id"]) == (row["kind"] not in want), row["item_id"]
        if row["kind"] in want:
            assert kinds.get(row["parent_id"]) == want[row["kind"]], row["item_id"]


def test_definition_details_and_illustration(more):
    from smt_dashboard import study_findings as sf

    table = more["smt_definition"]
    details = sf.definition_items(table, "fr", "component_detail").set_index("component")["text"]
    assert "chimique ou biologique" in details["drug"] and "(marque)" in details["drug"] and "(ex: insuline)" in details["drug"]
    assert "(pouvant avoir un statut réglementaire de Dispositifs médicaux ou non)" in details["expert_software"]
    assert "la plupart du temps un statut réglementaire de dispositif médical" in details["medical_technology"]
    assert "est en cours d'adoption" in sf.definition_items(table, "fr", "naming").iloc[0]["text"]
    roles = dict(sf.component_roles(table, "fr"))
    assert roles["Médicaments (chimiques ou biologiques)"] == ["Prévention", "Traitement"]
    assert len(roles["Technologie médicale"]) == 6 and "Diagnostic in vitro" in roles["Technologie médicale"]
    assert len(roles["Logiciel expert (incluant les thérapies numériques)"]) == 7
    assert (table["cited_source_ids"] == "aec_analyses").all()
    english = dict(sf.component_roles(table, "en"))
    assert english["Drugs (chemical or biological)"] == ["Prevention", "Treatment"]


def test_ecosystem_findings_as_printed(more):
    from smt_dashboard import study_findings as sf

    table = more["position_findings"]
    text = lambda topic: " ".join(sf.position_items(table, "fr", topic)["text"])  # noqa: E731
    assert "sans partenariat proposent des innovations sur des classes thérapeutiques ou des produits libres de droit" \
        in text("partnerships")
    assert "doivent se constituer leur propre réseau" in text("french_networks")
    assert "ils sont disséminés sur le territoire" in text("french_networks")
    assert "hubs structurées d'innovation en santé digitale" in text("us_ecosystem")
    assert "connus sur l'insuline : Sanofi, Novo Nordisk, Roche" in text("us_ecosystem")
    assert "intégrée en amont dans le développement de la molécule" in text("barriers")
    assert "retard pris dans le déploiement de la prescription digitale et du dossier médical partagé" in text("index_lag")
    israel = sf.position_items(table, "fr", "israel_ecosystem", "incubator")
    assert israel["name"].tolist() == ["eHealth Ventures", "MindUP"] and "40 entreprises" in israel.iloc[0]["text"]
    uk = sf.position_items(table, "fr", "uk_health_apps")
    assert uk.set_index("item_id").loc["uk_early_recognition", "cited_source_ids"] == "bertelsmann_shs_summary;emishealth2018"
    insurers = sf.position_items(table, "fr", "us_insurers", "insurer_example")
    assert insurers["name"].tolist() == ["Clover Health", "Clinique Forward"]  # as printed


def test_each_drug_makers_team_as_printed(more):
    from smt_dashboard import study_findings as sf

    teams = dict(sf.unit_points(more["position_findings"], more["pharma_digital_units"], "fr"))
    assert {name: len(points) for name, points in teams.items()} == {
        "Sanofi – 39BIS": 3, "Servier – WeHealth Digital Medicine": 3, "Novartis – Biome Paris": 3,
        "Biogen – Biogen Healthcare Solutions": 2, "Pfizer – Pfizer Healthcare Hub France": 2}
    assert "situé sur son campus à Gentilly" in teams["Sanofi – 39BIS"].iloc[0]["text"]
    assert "13 workshops" in teams["Pfizer – Pfizer Healthcare Hub France"].iloc[1]["text"]


def test_adoption_statements_insurers_and_ehealth_hub(more):
    from smt_dashboard import study_findings as sf

    table = more["position_findings"]
    adoption = sf.position_items(table, "fr", "adoption")
    assert len(adoption) == 10 and adoption.iloc[0]["text"].startswith("L'adoption par les professionnels de santé")
    assert "la « prescription » d'une innovation de santé digitale passera par le clinicien" in " ".join(adoption["text"])
    hub = sf.position_items(table, "fr", "ehealth_hub")
    assert hub.loc[hub["kind"] == "service", "text"].tolist() == [
        "Affiner le modèle d'entreprise", "Sécuriser les investissements", "Accélérer la commercialisation",
        "Obtenir des orientations juridiques et réglementaires"]
    # Which lines go under « Généralités » or « Gouvernance / tutelle » is the team's reading, said so.
    assert hub.loc[hub["kind"] == "general", "inferred"].all() and not hub.loc[hub["kind"] == "service", "inferred"].any()


def test_position_references_resolve(more):
    table = more["position_findings"]
    units = set(more["pharma_digital_units"]["unit_id"])
    events = set(more["policy_timeline"]["event_id"])
    for _, row in table[table["ref_id"].notna()].iterrows():
        assert row["ref_id"] in (units if row["topic"] == "pharma_units" else events), row["item_id"]
    assert table.loc[table["kind"] == "unit_point", "ref_id"].notna().all()
    from smt_dashboard.schemas.blocks import POSITION_TOPICS

    for _, row in table.iterrows():
        assert row["kind"] in POSITION_TOPICS[row["topic"]], row["item_id"]


def test_jobs_context_and_sheet_activities(more):
    from smt_dashboard import study_findings as sf

    chain = sf.jobs_items(more["jobs_context"], "fr", "data_value_chain")
    assert chain.loc[chain["kind"] == "step", "text"].tolist() == [
        "Acquisition et Stockage", "Mise à l'échelle", "Nettoyage", "Choix des données pertinentes", "Modélisation",
        "Analyse", "Transmission", "Prise de décision"]
    assert chain.loc[chain["kind"] == "role", "text"].tolist() == ["Data Engineer", "Data Scientist", "Data Analyst",
                                                                   "Data Architect"]
    assert "une même personne peut être responsable de l'ensemble" in chain.loc[chain["kind"] == "finding", "text"].iloc[0]
    assert (chain["cited_source_ids"] == "datascientest").all()
    recruiting = " ".join(sf.jobs_items(more["jobs_context"], "fr", "recruiting")["text"])
    assert "davantage de règlementation que d'autres secteurs" in recruiting
    profiles = sf.jobs_items(more["jobs_context"], "fr", "profiles", "profile_need")["text"].tolist()
    assert profiles[0] == "L'interface médicament / dispositif médical"
    activities = more["job_activities"]
    assert activities.groupby("family_id").size().to_dict() == {
        "project_manager": 5, "ux_ui_designer": 3, "medical_affairs": 4, "regulatory_affairs": 6, "quality": 4,
        "market_access": 3, "marketing_sales": 5}
    assert set(activities["family_id"]) <= set(more["job_families"]["family_id"])
    ux = sf.activities(activities, "ux_ui_designer", "fr")
    assert ux["group"].tolist()[0] == "Designer UI : s'occupe du lien entre la machine et l'homme"
    assert sf.activities(activities, "project_manager", "fr")["text"].tolist()[2] == "Fait de la veille concurrentielle"


def test_extended_tables_nice_axes_and_ce_marking(more):
    nice = study.evaluation_items(more["evaluation_framework"], "fr", "nice_aim")
    assert len(nice) == 3 and "« Cadre normatif de preuves pour les technologies numériques de santé »" in nice.iloc[0]["text"]
    details = study.method_items(more["study_method"], "fr", "analysis_axis_detail")
    assert details["parent_id"].tolist() == [f"analysis_axis_{k}" for k in range(1, 5)]
    assert details.iloc[3]["text"].startswith("Enfin, le quatrième axe vise à comprendre")
    ce = study_context.adoption_findings(more["adoption_findings"], "fr", "smt_market_access")
    assert "exigences essentielles de performance et de sécurité" in ce.loc[ce["kind"] == "ce_marking", "text"].iloc[0]
    sources = more["sources"].set_index("source_id")
    assert sources.loc["fda_pqri2019", "year"] == 2019 and "PQRI" in sources.loc["fda_pqri2019", "url"]
    assert sources.loc["dta2018", "year"] == 2018 and pd.isna(sources.loc["datascientest", "year"])
