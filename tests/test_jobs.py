"""Jobs & skills: the 8 families, the phases their fiches name, and the simulator reproducing the study's
published projection (new companies 0.7 … 4.0; new jobs 68 / 137 / 216 / 294 / 377)."""

from __future__ import annotations

import pytest

from smt_dashboard import jobs as jb
from smt_dashboard.charts import jobs as charts
from smt_dashboard.datasets import load_dataset
from smt_dashboard.projections import ProjectionInputs, inputs_from_table
from tests.conftest import DATA


@pytest.fixture(scope="module")
def frames():
    names = ("job_families", "job_family_phases", "job_skills", "jobs_projection_inputs",
             "jobs_projection_published", "company_creation_history")
    return {n: load_dataset(n, DATA) for n in names}


@pytest.fixture(scope="module")
def defaults(frames):
    return inputs_from_table(frames["jobs_projection_inputs"])


def test_eight_families_exclude_the_function_and_the_developer(frames):
    eight = jb.eight_families(frames["job_families"])
    assert len(eight) == 8
    assert "project_manager" not in set(eight["family_id"]) and "software_developer" not in set(eight["family_id"])
    rows = jb.matrix_families(frames["job_families"])
    assert rows.iloc[0]["family_id"] == "project_manager" and len(rows) == 9


def test_hard_to_recruit_are_ux_data_and_developers(frames):
    hard = jb.hard_to_recruit(frames["job_families"])
    assert set(hard["family_id"]) == {"ux_ui_designer", "data_jobs", "software_developer"}
    table = jb.family_overview(frames["job_families"], "fr")
    dev = table[table["Métier / famille de métiers"].str.startswith("Développeur")].iloc[0]
    assert dev["Métier / famille de métiers"] == "Développeur informatique (au sein de : Métiers techniques)"
    assert dev["Difficile à recruter"] == "oui"
    assert table["Difficile à recruter"].tolist().count("oui") == 3
    assert "3 ans" in hard.set_index("family_id").loc["software_developer", "hard_to_recruit_reason_fr"]


def test_phase_matrix_marks_only_phases_the_text_names(frames):
    m = jb.phase_matrix(frames["job_families"], frames["job_family_phases"], "fr")
    assert len(m) == 9 * 5
    pm = m[m["family_id"] == "project_manager"]
    assert pm["cited"].all()  # "de la conception à la commercialisation"
    ux = m[m["family_id"] == "ux_ui_designer"].set_index("phase")
    assert ux.loc["conception", "cited"] and not ux.loc["evaluation", "cited"]
    assert ux.loc["evaluation", "status_label"] == "non précisé dans le texte"
    assert "concevoir la solution" in ux.loc["conception", "evidence"]
    assert m["cited"].sum() == len(frames["job_family_phases"]) == 15
    counts = jb.phase_counts(m)
    assert counts.to_dict() == {"conception": 4, "realisation": 3, "evaluation": 2, "financing": 3,
                                "commercialisation": 3}
    table = jb.phase_matrix_table(jb.phase_matrix(frames["job_families"], frames["job_family_phases"], "en"), "en")
    assert list(table.columns) == ["Job / job family", "Design", "Build", "Evaluation", "Funding", "Commercialisation"]
    assert table.iloc[0].tolist() == ["Project manager"] + ["named in the sheet"] * 5
    ux = table[table["Job / job family"] == "UX / UI designer"].iloc[0]
    assert ux["Design"] == "named in the sheet" and ux["Funding"] == "not stated in the text"


def test_skills_per_family_in_both_languages(frames):
    fr = jb.skills_for(frames["job_skills"], "regulatory_affairs", "fr")
    en = jb.skills_for(frames["job_skills"], "regulatory_affairs", "en")
    # The traditional-jobs slide's 3 « Savoir faire » and 2 « Savoir être », plus the 7 skills only the sheet prints.
    assert len(fr["know_how"]) == 10 and len(fr["soft_skill"]) == 2
    assert "Maitriser les lois de protection des données (RGPD) et cybersécurité" in fr["know_how"]  # as printed
    assert "Former et informer sur les droits de la santé digitale" in fr["know_how"]  # a legal skill of the sheet
    assert "Master data-protection law (GDPR) and cybersecurity" in en["know_how"]
    assert jb.skills_for(frames["job_skills"], "quality", "fr")["soft_skill"] == []


def test_history_cagr_is_the_studys_rounded_7_percent(frames):
    cagr = jb.history_cagr(frames["company_creation_history"])
    assert cagr == pytest.approx((10 / 5) ** (1 / 11) - 1)
    assert round(cagr * 100) == 7  # "CAGR09-20 : +7 %"


def test_round_half_up():
    assert jb.round_half_up(67.5) == 68
    assert jb.round_half_up(136.764) == 137
    assert jb.round_half_up(2.5) == 3


def test_defaults_reproduce_the_published_projection(frames, defaults):
    proj = jb.simulate(defaults)
    assert proj["new_companies"].tolist() == [0.7, 1.4, 2.3, 3.1, 4.0]
    assert [jb.round_half_up(v) for v in proj["jobs_total"]] == [68, 137, 216, 294, 377]
    pub = frames["jobs_projection_published"]
    for col in ("jobs_new_companies", "jobs_headcount_growth"):
        gaps = (proj[col] - pub[col]).abs()
        assert (gaps <= 1).all(), col
    summary = jb.scenario_summary(proj, defaults.job_types)
    assert summary == {"year": 2025, "jobs_total": 377, "jobs_new_companies": 168, "jobs_headcount_growth": 209,
                       "new_companies": 4.0, "companies": 14.0, "per_type": 25}


def test_scenario_inputs_from_slider_values(defaults):
    same = jb.scenario_inputs(defaults, 7.0, 42, 30, 2025)
    assert same == defaults
    custom = jb.scenario_inputs(defaults, 10.0, 50, 40, 2030, base_headcount=700, job_types=20)
    assert custom == ProjectionInputs(companies_cagr=0.10, employees_per_company=50, headcount_growth=0.40,
                                      horizon_year=2030, base_headcount=700, job_types=20)


def test_sliders_move_the_scenario(defaults):
    base = jb.scenario_summary(jb.simulate(defaults), 15)["jobs_total"]
    no_growth = jb.simulate(jb.scenario_inputs(defaults, 7.0, 42, 0, 2025))
    assert jb.round_half_up(no_growth.iloc[-1]["jobs_total"]) == 168  # only the new companies' 42 × 4.0
    no_new = jb.simulate(jb.scenario_inputs(defaults, 0.0, 42, 30, 2025))
    assert no_new.iloc[-1]["jobs_new_companies"] == 0
    assert jb.round_half_up(no_new.iloc[-1]["jobs_total"]) == jb.round_half_up(0.30 * 635)  # 191
    longer = jb.simulate(jb.scenario_inputs(defaults, 7.0, 42, 30, 2030))
    assert longer["year"].tolist()[-1] == 2030
    # Extending the horizon keeps the first five years identical to the study.
    assert [jb.round_half_up(v) for v in longer["jobs_total"][:5]] == [68, 137, 216, 294, 377]
    assert jb.round_half_up(longer.iloc[-1]["jobs_total"]) > base


def test_cagr_options_include_the_study_value():
    options = jb.cagr_options(7.0)
    assert options[0] == 0.0 and options[-1] == 20.0 and 7.0 in options and 6.5 in options
    assert 7.3 in jb.cagr_options(7.3)


def test_scenario_chart_data_and_comparison_table(frames, defaults):
    proj = jb.simulate(defaults)
    data = jb.scenario_chart_data(proj, frames["jobs_projection_published"], "fr")
    assert len(data) == 5 * 3 + 5  # two components + total per year, and the study's 5 points
    pub = data[data["series"] == "published_total"]
    assert pub["jobs_rounded"].tolist() == [68, 137, 216, 294, 377]
    scen = data[data["series"] == "scenario_total"]
    assert scen["jobs_label"].tolist() == ["68", "137", "216", "294", "377"]
    table = jb.comparison_table(proj, frames["jobs_projection_published"], 15, "fr")
    assert list(table.columns)[:3] == ["Année", "Emplois (scénario)", "Emplois (étude)"]
    assert table["Emplois (scénario)"].tolist() == [68, 137, 216, 294, 377]
    assert table["Emplois (étude)"].tolist() == ["68", "137", "216", "294", "377"]
    assert table["Nouvelles entreprises"].tolist() == ["0,7", "1,4", "2,3", "3,1", "4,0"]
    assert table["dont nouvelles entreprises"].tolist() == [29, 59, 97, 130, 168]
    longer = jb.simulate(jb.scenario_inputs(defaults, 7.0, 42, 30, 2027))
    table = jb.comparison_table(longer, frames["jobs_projection_published"], 15, "fr")
    assert table["Emplois (étude)"].tolist()[-1] == "non communiqué"


def test_scenario_chart_spec(frames, defaults):
    data = jb.scenario_chart_data(jb.simulate(defaults), frames["jobs_projection_published"], "fr")
    spec = charts.scenario(data, "Nouveaux emplois", "s", "Année", "Emplois", "Série").to_dict()
    assert spec["title"]["text"] == "Nouveaux emplois"
    bars, line, points, totals = spec["layer"]
    assert bars["mark"]["type"] == "bar" and bars["encoding"]["y"]["stack"] == "zero"
    assert line["mark"]["type"] == "line" and points["mark"]["shape"] == "diamond"
    assert totals["encoding"]["text"]["field"] == "jobs_label"
    domain = bars["encoding"]["color"]["scale"]["domain"]
    assert domain[-1] == "Étude : total publié" and len(domain) == 3


def test_phase_matrix_chart(frames):
    m = jb.phase_matrix(frames["job_families"], frames["job_family_phases"], "fr")
    spec = charts.phase_matrix(m, "Phases", ["a", "b"], "Famille", "Phase", "Statut", "Citation").to_dict()
    rect, text = spec["layer"]
    assert rect["encoding"]["color"]["scale"]["domain"] == ["cité dans la fiche", "non précisé dans le texte"]
    assert text["encoding"]["text"]["field"] == "mark"
    assert [t["field"] for t in rect["encoding"]["tooltip"]][-1] == "evidence"
