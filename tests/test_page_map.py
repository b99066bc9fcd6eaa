"""AppTest of the ecosystem map page: figures, map layers for every region, empty result, broken data."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from smt_dashboard.datasets import load_regions, region_names
from tests.conftest import APP, DATA, metrics, page_with_broken_cell

PAGE = "app_pages/map.py"
# The study's map: Région parisienne 8, Lyon + Grenoble (2) + Cournon, Dijon + Besançon, Le Vaudreuil, Brest, Martillac.
STUDY_COUNTS = {"11": 8, "84": 4, "27": 2, "28": 1, "53": 1, "75": 1}


def open_map(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    return at.switch_page(PAGE).run()


def deck(at: AppTest) -> dict:
    charts = at.get("deck_gl_json_chart")
    assert len(charts) == 1
    return json.loads(charts[0].proto.json)


def layer(spec: dict, layer_id: str) -> dict | None:
    return next((x for x in spec["layers"] if x["id"] == layer_id), None)


def texts(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption] + [s.value for s in at.subheader])


def test_map_page_shows_the_ecosystem():
    at = open_map()
    assert not at.exception
    assert not at.error
    assert metrics(at) == {
        "Entreprises françaises": "10", "Filiales d'entreprises étrangères": "7",
        "Salariés des entreprises françaises": "635", "Salariés en France des filiales": "4\u202f587",
        "CA 2018 publié": "7 sur 17",
    }
    spec = deck(at)
    assert [x["id"] for x in spec["layers"]] == ["regions", "region_outlines", "leaders", "companies", "city_labels"]
    assert len(layer(spec, "companies")["data"]) == 17
    values = {f["properties"]["region_code"]: f["properties"]["value"] for f in layer(spec, "regions")["data"]}
    assert {c: v for c, v in values.items() if v} == STUDY_COUNTS
    assert "mapProvider" not in spec
    body = texts(at)
    assert "de 0\u00a0M€ à 19,3\u00a0M€ pour les entreprises où l'étude le donne. Non communiqué pour 10" in body
    assert "de 10 à 250 salariés pour les 10 entreprises françaises" in body
    assert "10 des 18 entreprises américaines dépassent 250 salariés" in body
    assert "**Bretagne** (1) : Jabil" in body  # the map in words
    assert "data\\-france" in body  # the regions' source is named in the map's source line
    tabs = [t.label for t in at.tabs]
    assert "Comparaison avec les États-Unis" in tabs and "Équipes santé digitale des laboratoires en France" in tabs
    tables = {len(df.value) for df in at.dataframe}
    assert {17, 18, 5} <= tables  # companies, regions, pharma units
    chart_titles = [json.loads(c.proto.spec)["title"]["text"] for c in at.get("vega_lite_chart")]
    assert chart_titles == ["Entreprises par type de SMT développé",
                            "Taille des entreprises développant des SMT : États-Unis et France"]


def test_every_region_renders_with_its_companies():
    at = open_map()
    for code in region_names(load_regions(DATA)):
        at.multiselect(key="flt_regions").set_value([code]).run()
        assert not at.exception, code
        assert not at.error, code
        spec = deck(at)
        regions = {f["properties"]["region_code"]: f["properties"] for f in layer(spec, "regions")["data"]}
        assert len(regions) == 18
        assert regions[code]["line_width"] > 1  # the filtered region is outlined
        expected = STUDY_COUNTS.get(code, 0)
        assert regions[code]["value"] == expected, code
        companies = layer(spec, "companies")
        if expected:
            assert len(companies["data"]) == expected, code
            french = metrics(at)["Entreprises françaises"]
            assert int(french) == {"11": 4, "84": 4, "27": 1, "75": 1}.get(code, 0), code
        else:
            # No company there: the national map stays readable (France's companies drawn, the region outlined) and
            # the page says once what is empty and why.
            assert len(companies["data"]) == sum(STUDY_COUNTS.values()), code
            assert any("La carte montre les entreprises de toute la France" in i.value for i in at.info), code
            assert any("L'étude ne cite aucune entreprise de SMT en" in m.value for m in at.markdown), code
        if code == "84":  # Biocorp 3,9, Eveon 2, Nemera 19,3, Diabeloop 1,8 M€: every revenue is published
            assert "de 1,8\u00a0M€ à 19,3\u00a0M€" in texts(at) and "Non communiqué pour" not in texts(at)


def test_empty_result_explains_and_keeps_the_regions():
    at = open_map({"region": ["53"], "nat": ["french"]})
    assert not at.exception and not at.error
    said = texts(at).replace("\\", "")
    assert said.count("L'étude ne cite aucune entreprise de SMT en Bretagne, parmi les entreprises françaises.") == 1
    assert "La carte montre les entreprises de toute la France" in " ".join(i.value for i in at.info)
    spec = deck(at)
    # France's French companies drawn (the nationality filter still acts), Brittany outlined.
    assert {x["id"] for x in spec["layers"]} >= {"regions", "region_outlines", "companies"}
    assert {p["scope"] for p in layer(spec, "companies")["data"]} == {"french"}
    assert "Entreprises françaises" not in metrics(at)


def test_metric_toggle_colours_regions_by_staff():
    at = open_map()
    at.button_group(key="map_metric").set_value("employees").run()
    assert not at.exception
    values = {f["properties"]["region_code"]: f["properties"]["value"] for f in layer(deck(at), "regions")["data"]}
    assert values["11"] == 4234  # Île-de-France: 37 + 120 + 16 + 20 + 127 + 2 785 + 776 + 353
    assert values["53"] == 73  # Jabil, Brest


def test_company_cards_follow_the_filters():
    at = open_map()
    at.multiselect(key="map_cards").set_value(["voluntis"]).run()
    assert not at.exception
    card = texts(at)
    assert "Diabeo \\(disponible\\)" in card and "Sanofi, AstraZeneca" in card
    at.multiselect(key="flt_regions").set_value(["84"]).run()
    assert not at.exception
    assert at.multiselect(key="map_cards").value == []


def test_english():
    at = open_map({"lang": "en"})
    assert not at.exception and not at.error
    values = metrics(at)
    assert values["French companies"] == "10"
    assert values["2018 revenue published"] == "7 of 17"
    assert "Comparison with the United States" in [t.label for t in at.tabs]


def test_filters_outside_the_us_panel_are_stated():
    at = open_map({"area": ["diabetology"]})
    assert not at.exception
    assert metrics(at)["Entreprises françaises"] == "7"  # Voluntis, Biocorp, Eveon, Nemera, Diabeloop, Diabilive, Diabnext
    body = texts(at)
    assert "seul le filtre « modèle » s'applique" in body
    assert "Les filtres globaux ne s'appliquent pas à cette liste." in body


@pytest.mark.parametrize("file, row, column", [("companies.csv", 3, "employees"), ("pharma_digital_units.csv", 2, "staff")])
def test_corrupted_dataset_shows_the_named_error_box(data_copy, file, row, column):
    at, message = page_with_broken_cell(open_map, data_copy, file, row, column, "beaucoup")
    assert column in message
    # Without the companies there is no map; a broken list of drug makers' units only blanks its own section.
    assert bool(at.get("deck_gl_json_chart")) is (file != "companies.csv")


def test_broken_regions_file_shows_the_named_error_box(data_copy):
    (data_copy / "regions.geojson").write_text("{}", encoding="utf-8")
    at = open_map()
    assert not at.exception
    assert any("regions" in e.value for e in at.error)
    assert not at.get("deck_gl_json_chart")
