"""AppTest of the jobs & skills page: the 8 families and the phase matrix, the simulator reproducing the
published projection (68 / 137 / 216 / 294 / 377) and reacting to its sliders and URL, broken data."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from tests.conftest import metrics, open_app_page, page_with_broken_cell, scope_lines

PAGE = "app_pages/jobs.py"
JOBS_2025 = "Emplois d'ici 2025"


def open_page(query: dict | None = None) -> AppTest:
    return open_app_page(PAGE, query)


def chart_titles(at: AppTest) -> list[str]:
    return [json.loads(c.proto.spec).get("title", {}).get("text", "") for c in at.get("vega_lite_chart")]


def projection_table(at: AppTest):
    return next(d.value for d in at.dataframe if "Emplois (scénario)" in d.value.columns)


def test_defaults_reproduce_the_published_figures_on_the_page():
    at = open_page()
    assert not at.exception and not at.error
    m = metrics(at)
    assert m[JOBS_2025] == "377"
    assert m["dont créations"] == "168"
    assert m["dont croissance"] == "209"
    assert m["Nouvelles entreprises"] == "4,0"
    assert m["Par type de métier"] == "≈ 25"
    table = projection_table(at)
    assert table["Emplois (scénario)"].tolist() == [68, 137, 216, 294, 377]
    assert table["Emplois (étude)"].tolist() == ["68", "137", "216", "294", "377"]
    assert table["Nouvelles entreprises"].tolist() == ["0,7", "1,4", "2,3", "3,1", "4,0"]
    assert any("reproduit ses chiffres publiés" in s.value for s in at.success)
    captions = [c.value for c in at.caption]
    assert "nouveaux emplois ; publié par l'étude : 377" in captions
    assert "nouveaux emplois pour chacun des 15 types" in captions


def test_families_matrix_and_history_render_with_sources():
    at = open_page()
    m = metrics(at)
    assert m["Familles de métiers indispensables"] == "8"
    assert m["Métiers difficiles à recruter"] == "3"
    titles = chart_titles(at)
    assert any(t.startswith("Phases de développement citées dans les fiches des 8 familles") for t in titles)
    assert any(t.startswith("Nouveaux emplois créés par rapport à 2020") for t in titles)
    assert "Entreprises françaises développant des SMT existant chaque année, 2009-2020" in titles
    captions_text = " ".join(c.value for c in at.caption)
    assert "« non cité », pas « absent »" in captions_text  # the matrix caveat, beside the matrix
    notes = " ".join(md.value for md in at.markdown)
    assert "non précisé dans le texte" in notes and "Biais potentiel" in notes  # in "Notes et méthode"
    text = " ".join(md.value for md in at.markdown)
    assert "Savoir-faire" in text and "Savoir-être" in text
    sources = [c.value for c in at.caption if c.value.startswith("Source")]
    assert len(sources) >= 6


def test_family_picker_shows_that_familys_skills():
    at = open_page()
    at.selectbox(key="jobs_family").set_value("regulatory_affairs").run()
    assert not at.exception
    text = " ".join(md.value for md in at.markdown)
    assert "RGPD" in text and "juristes en santé digitale" in text


def test_sliders_change_the_scenario_and_the_url():
    at = open_page()
    at.slider(key="sim_growth").set_value(0).run()
    assert not at.exception
    m = metrics(at)
    assert m[JOBS_2025] == "168"  # only the new companies' jobs remain
    assert m["dont croissance"] == "0"
    assert any("Scénario personnalisé" in i.value for i in at.info)
    assert projection_table(at)["Emplois (étude)"].tolist()[-1] == "377"  # the study's line stays
    at.select_slider(key="sim_cagr").set_value(0.0).run()
    assert metrics(at)[JOBS_2025] == "0"
    at.button(key="sim_reset").click().run()
    assert metrics(at)[JOBS_2025] == "377"


def test_scenario_from_the_url_with_a_longer_horizon():
    at = open_page({"sim_horizon": "2030", "sim_employees": "84"})
    assert not at.exception and not at.error
    m = metrics(at)
    assert "Emplois d'ici 2030" in m and JOBS_2025 not in m
    table = projection_table(at)
    assert table["Année"].tolist()[-1] == "2030"
    assert table["Emplois (étude)"].tolist()[-1] == "non communiqué"
    assert "nouveaux emplois ; l'étude s'arrête en 2025" in [c.value for c in at.caption]
    # Doubling the jobs per new company doubles that component: 84 × 4.0 = 336 in 2025.
    assert table["dont nouvelles entreprises"].tolist()[4] == 336


def test_english():
    at = open_page({"lang": "en"})
    assert not at.exception and not at.error
    m = metrics(at)
    assert m["Jobs by 2025"] == "377"
    assert m["New companies"] == "4.0"
    assert any("Skills: the study's French wording" in c.value for c in at.caption)


def test_global_filters_do_not_apply_and_say_so():
    at = open_page({"area": ["diabetology"]})
    assert not at.exception
    assert any("ne s'appliquent pas" in i.value for i in scope_lines(at))
    assert metrics(at)[JOBS_2025] == "377"


def test_broken_projection_inputs_show_the_named_error(data_copy):
    at, _ = page_with_broken_cell(open_page, data_copy, "jobs_projection_inputs.csv", 4, "value", "quarante-deux")
    m = metrics(at)
    assert JOBS_2025 not in m
    assert m["Familles de métiers indispensables"] == "8"  # the other sections still render
