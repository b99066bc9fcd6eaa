"""AppTest of the SMT catalogue page: counts, charts with titles and sources, area filter, broken data."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from smt_dashboard import st_internals
from tests.conftest import chart_specs, metrics, open_app_page, open_export, page_with_broken_cell, scope_lines

PAGE = "app_pages/catalogue.py"


def open_page(query: dict | None = None) -> AppTest:
    return open_app_page(PAGE, query)


def chart_data(at: AppTest, title_start: str):
    """The rows Streamlit sent with the chart whose title starts with ``title_start`` (Arrow dataset)."""
    for element in at.get("vega_lite_chart"):
        if json.loads(element.proto.spec)["title"]["text"].startswith(title_start):
            return st_internals.frame_from_arrow_bytes(element.proto.datasets[0].data.data)
    raise AssertionError(f"no chart titled {title_start!r}")


def chart_titles(at: AppTest) -> list[str]:
    return [s.get("title", {}).get("text", "") for s in chart_specs(at)]


def test_catalogue_shows_the_40_smt_and_every_section():
    at = open_page()
    assert not at.exception and not at.error
    m = metrics(at)
    assert m["SMT identifiées"] == "40"
    assert m["Application mobile / web"] == "6"
    assert m["Dispositif externe connecté"] == "30"
    assert m["Dispositif interne connecté"] == "4"
    captions = [c.value for c in at.caption]
    assert "75\u202f% des 40 SMT" in captions and "15\u202f% des 40 SMT" in captions
    assert m["Marquage CE"] == "21 / 33" and m["Approbation FDA"] == "22 / 33"
    assert m["Taux moyen d'approbation"] == "65\u202f%"
    assert m["Financées et/ou remboursées, ou en cours"] == "12 / 33"
    assert m["Thérapies numériques (avec un partenaire pharmaceutique)"] == "8"
    assert m["dont marquage CE"] == "0" and m["dont approbation FDA"] == "3"
    titles = chart_titles(at)
    assert "Nombre de SMT par catégorie et aire thérapeutique (40 SMT)" in titles
    assert any(t.startswith("Marquage CE et approbation FDA par catégorie (33 SMT") for t in titles)
    assert "Statut de financement / remboursement en France (33 SMT)" in titles
    assert "Thérapies numériques par aire thérapeutique" in titles
    text = " ".join(md.value for md in at.markdown)
    assert "Abilify MyCite" in text and "Freestyle Libre" in text and "Diabeloop" in text
    assert "pas les mêmes SMT" in text
    assert "au moins 1 SMT" in text  # internal devices: 2 FDA for 1 CE
    sources = [c.value for c in at.caption if c.value.startswith("Source") and "hors étude" not in c.value]
    assert len(sources) >= 5 and all("AEC Partners" in s for s in sources)
    assert "Hors périmètre des SMT" in text  # the badge (rendered as Markdown)


def test_heatmap_counts_add_up_to_the_category_totals():
    at = open_page()
    rows = chart_data(at, "Nombre de SMT")
    by_cat = rows.groupby("category")["smt_count"].sum().to_dict()
    assert by_cat == {"app_web": 6, "external_device": 30, "internal_device": 4}
    assert sum(by_cat.values()) == 40
    assert len(rows) == 27  # 3 categories × 9 areas: no more rows than cells drawn
    # The export menu's data table holds the same cells.
    open_export(at, "catalogue_heatmap")
    table = next(d.value for d in at.dataframe if "Nombre de SMT" in d.value.columns)
    assert table["Nombre de SMT"].sum() == 40 and len(table) == 27


def test_area_filter_narrows_the_grid_and_says_what_it_does_not_filter():
    at = open_page({"area": ["respiratory"], "region": ["84"]})
    assert not at.exception and not at.error
    m = metrics(at)
    assert m["SMT identifiées"] == "6"
    assert m["Dispositif externe connecté"] == "6"
    assert "15\u202f% des 40 SMT" in [c.value for c in at.caption]
    assert m["Marquage CE"] == "21 / 33"  # not broken down by area in the study
    captions = " ".join(c.value for c in at.caption)
    scope = " ".join(i.value.replace("\\", "") for i in scope_lines(at))
    assert "Filtré ici par Aire thérapeutique : Maladies respiratoires. Sans effet sur cette page : Région" in scope
    assert "sans effet sur cette section" in captions


def test_area_without_smt_shows_a_clear_message():
    at = open_page({"area": ["gastroenterology"]})
    assert not at.exception and not at.error
    assert metrics(at)["SMT identifiées"] == "0"
    # Said once, in the answer, with why (not again as a box under it).
    said = [m.value.replace("\\", "") for m in at.markdown if "Aucune des 40 SMT" in m.value]
    assert len(said) == 1 and "Aucune des 40 SMT de l'étude ne relève d'une aire sélectionnée (en gastro-entérologie)" in said[0]
    assert not any("Aucune des 40 SMT" in i.value for i in at.info)
    assert "Nombre de SMT par catégorie et aire thérapeutique (0 SMT)" not in chart_titles(at)
    # The digital therapeutics do include one in gastroenterology: one value, a figure rather than a one-bar chart.
    assert "Thérapies numériques par aire thérapeutique" not in chart_titles(at)
    assert metrics(at)["Gastro-entérologie"] == "1"


def test_english():
    at = open_page({"lang": "en"})
    assert not at.exception and not at.error
    m = metrics(at)
    assert m["SMT identified"] == "40"
    assert m["Mean approval rate"] == "65%"
    assert "Number of SMT by category and therapy area (40 SMT)" in chart_titles(at)


def _body(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [e.label for e in at.expander]
    return " ".join(parts).replace("\\", "")


def test_digital_therapeutics_under_an_area_follow_it_or_say_they_are_national():
    # Under Diabétologie: « Thérapies numériques 2 » follows the filter (France: 8); the marketed / CE / FDA counts cannot
    # (the study does not say which are marketed) and say « France entière »; the substance-use example (reSET,
    # psychiatry) is not shown.
    at = open_page({"area": ["diabetology"]})
    assert not at.exception and not at.error
    m = metrics(at)
    assert m["Thérapies numériques (avec un partenaire pharmaceutique)"] == "2"
    assert m["Commercialisées"] == "3" and m["dont approbation FDA"] == "3"
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert "France : 8" in captions and captions.count("France entière") >= 3
    body = _body(at)
    assert "l'étude ne dit pas lesquelles des 8 sont commercialisées" in body
    assert "substances" not in body and "reSET : exemple décrit par l'étude" not in body
    # Psychiatry in scope: the example shows, as printed, marked as the team's reading of its name.
    body = _body(open_page({"area": ["psychiatry"]}))
    assert "reSET : exemple décrit par l'étude *" in body
    assert ("Thérapie numérique sur prescription de 90 jours pour troubles dus à la consommation de substances "
            "psychotropes") in body
    # No filter: the example shows and no « France entière » is needed.
    at = open_page()
    assert "reSET : exemple décrit par l'étude *" in _body(at)
    assert "France entière" not in [c.value for c in at.caption]


def test_english_device_types_and_drugs():
    at = open_page({"lang": "en"})
    body = _body(at)
    for english in ("Inhaler", "Dropper", "Pen / auto-injector", "Infusion system", "Blood glucose meter",
                    "Diabeo (Insulin · Diabetology)", "Microchip-Based Implant (Teriparatide · Rheumatology)",
                    "Proteus Digital Health (chemotherapy)"):
        assert english in body, english
    for french in ("Inhalateur", "Compte-goutte", "Stylo / Auto-injecteur", "Système de perfusion", "Insuline",
                   "Tériparatide", "chimiothérapie"):
        assert french not in body, french
    # The French page keeps the study's words.
    body = _body(open_page())
    assert "Inhalateur" in body and "Diabeo (Insuline · Diabétologie)" in body


def test_broken_reimbursement_file_blanks_only_its_section(data_copy):
    at, _ = page_with_broken_cell(open_page, data_copy, "smt_reimbursement.csv", 3, "smt_count", "beaucoup")
    m = metrics(at)
    assert m["SMT identifiées"] == "40" and m["Marquage CE"] == "21 / 33"
    assert "Financées et/ou remboursées, ou en cours" not in m
