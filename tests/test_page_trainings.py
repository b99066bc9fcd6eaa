"""AppTest of the training-offer page: UX/UI offer (15 programmes, 14 establishments, 71 % private, 17 continuing),
regulatory-affairs masters (DM module 4/8, digital 1/8), DUs, engineering masters, gaps and recommendations."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, metrics, open_app_page, page_with_broken_cell, scope_lines

PAGE = "app_pages/trainings.py"


def open_page(query: dict | None = None) -> AppTest:
    return open_app_page(PAGE, query)


def chart_titles(at: AppTest) -> list[str]:
    return [json.loads(c.proto.spec).get("title", {}).get("text", "") for c in at.get("vega_lite_chart")]


def test_trainings_page_figures_charts_and_tables():
    at = open_page()
    assert not at.exception and not at.error
    m = metrics(at)
    assert m["Formations initiales"] == "15"
    assert m["Établissements"] == "14"
    assert m["Part des écoles privées"] == "71\u202f%"
    assert m["Formations continues"] == "17"
    assert m["avec un module dispositifs médicaux"] == "4 / 8"
    assert m["avec un module santé digitale"] == "1 / 8"
    assert any("Aucune n'intègre la santé" in w.value for w in at.warning)
    titles = chart_titles(at)
    assert "Campus proposant une formation initiale de designer UX / UI, par ville" in titles
    assert "Les 14 établissements, par type" in titles
    assert "Durée des 15 formations initiales" in titles
    masters = next(d.value for d in at.dataframe if "Module santé digitale" in d.value.columns)
    assert len(masters) == 8
    assert masters["Module dispositifs médicaux"].tolist().count("oui") == 4
    assert masters.loc[masters["Module santé digitale"] == "oui", "Université"].tolist() == ["Université de Strasbourg"]
    text = " ".join(md.value for md in at.markdown)
    assert "Master « Numérique et Santé »" in text and "BME Paris" in text
    assert "DU Affaires réglementaires des dispositifs médicaux" in text
    assert "PYRAMYD NTCV" in text
    assert "**9 formations**" in text and "n'en nomme que 8" in text
    assert "santé et production dans l'industrie pharmaceutique" in text  # Strasbourg's digital module
    sources = [c.value for c in at.caption if c.value.startswith("Source")]
    assert len(sources) >= 6


def test_gaps_and_training_recommendations_with_link():
    at = open_page()
    text = " ".join(md.value for md in at.markdown)
    assert "Ce que constate l'étude" in text and "Ce qu'elle recommande" in text
    assert "Data Analyst" in text  # tr_eng2
    assert "Avancée" in text  # the engineering partnerships the study welcomes
    links = at.get("page_link")
    recommendations_exists = (ROOT / "app_pages" / "recommendations.py").is_file()
    assert any("recommendations" in link.proto.page for link in links) == recommendations_exists


def test_english_notes_french_titles():
    at = open_page({"lang": "en"})
    assert not at.exception and not at.error
    m = metrics(at)
    assert m["Share of private schools"] == "71%"
    assert any("No programme covers health" in w.value for w in at.warning)
    assert any("in French" in c.value for c in at.caption)


def test_region_filter_keeps_the_trainings_of_the_region_and_says_what_it_cannot_place():
    at = open_page({"region": ["84"]})
    assert not at.exception
    assert any("Filtré ici par Région : Auvergne-Rhône-Alpes" in i.value.replace("\\", "") for i in scope_lines(at))
    m = metrics(at)
    assert m["Formations initiales"] == "15"  # no city in the study: national, and said so
    assert m["Établissements"] == "4"  # the four Lyon campuses
    assert m["Master 2 analysés"] == "1"  # Lyon
    captions = " ".join(c.value for c in at.caption)
    assert "Campus : 4 · France : 26" in captions
    assert "Filtre « région » sans effet sur cette section" in captions
    assert any("Aucune formation de cette section dans la région choisie" in i.value for i in at.info)  # no DU


def test_area_filter_does_not_apply_and_says_so():
    at = open_page({"area": ["diabetology"]})
    assert not at.exception
    assert any("Sans effet sur cette page : Aire thérapeutique" in i.value for i in scope_lines(at))
    assert metrics(at)["Établissements"] == "14"


def test_broken_ra_masters_file_shows_the_named_error(data_copy):
    at, _ = page_with_broken_cell(open_page, data_copy, "training_ra_masters.csv", 2, "master_id", "")
    m = metrics(at)
    assert "avec un module santé digitale" not in m
    assert m["Formations initiales"] == "15"
