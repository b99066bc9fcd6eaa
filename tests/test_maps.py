"""Pure pydeck builders: layers, per-region values under filters, nationality colours, offline deck, selection."""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET

import pytest
from shapely.geometry import Point, shape

from smt_dashboard import ecosystem, map_legend, maps
from smt_dashboard.charts.common import FRANCE_COLOR, PALETTE
from smt_dashboard.datasets import load_regions, region_names
from smt_dashboard.filters import FilterState
from tests.conftest import DATA


@pytest.fixture(scope="module")
def geo() -> dict:
    return load_regions(DATA)


def _spec(deck) -> dict:
    return json.loads(deck.to_json())


def _layer(spec: dict, layer_id: str) -> dict:
    return next(layer for layer in spec["layers"] if layer["id"] == layer_id)


def test_deck_has_the_three_layers_and_needs_no_network(companies, products, geo):
    rows = ecosystem.france_view(companies, FilterState())
    spec = _spec(maps.build_deck(geo, rows, products, "companies", "fr"))
    assert [(layer["@@type"], layer["id"]) for layer in spec["layers"]] == [
        ("GeoJsonLayer", "regions"), ("GeoJsonLayer", "region_outlines"), ("LineLayer", "leaders"),
        ("ScatterplotLayer", "companies"), ("TextLayer", "city_labels")]
    assert _layer(spec, "leaders")["pickable"] is False
    assert _layer(spec, "regions")["pickable"] and _layer(spec, "companies")["pickable"]
    # Streamlit's click selection misses a stroked GeoJsonLayer: the clickable fill has no stroke, the borders
    # are a separate layer that is not pickable.
    assert _layer(spec, "regions")["stroked"] is False
    assert _layer(spec, "region_outlines")["pickable"] is False and _layer(spec, "region_outlines")["stroked"]
    assert spec["views"][0]["controller"]["doubleClickZoom"] is False
    assert len(_layer(spec, "regions")["data"]) == 18
    assert len(_layer(spec, "companies")["data"]) == 17
    # No tile provider: Streamlit would add a CARTO basemap for a missing style; the sentinel means "none".
    assert "mapProvider" not in spec
    assert spec["mapStyle"] == "__MAP_STYLE__"
    assert "http" not in json.dumps(spec)
    # Units are constants, not accessor expressions.
    assert _layer(spec, "companies")["radiusUnits"] == "pixels"
    assert _layer(spec, "region_outlines")["lineWidthUnits"] == "pixels"
    assert spec["initialViewState"]["latitude"] == pytest.approx(46.55)


def test_tooltip_template_holds_no_data(companies, products, geo):
    deck = maps.build_deck(geo, ecosystem.france_view(companies, FilterState()), products, "companies", "fr")
    template = deck._tooltip["html"]
    assert set(re.findall(r"{(\w+)}", template)) == {"tt_shift", "tt_title", "tt_body"}
    assert "Voluntis" not in template


@pytest.mark.parametrize("metric", ["companies", "employees"])
def test_region_values_equal_the_filtered_data_for_every_region(companies, products, geo, metric):
    for code in region_names(geo):
        rows = ecosystem.france_view(companies, FilterState(regions=(code,)))
        summary = ecosystem.region_summary(rows, region_names(geo))
        features = {f["properties"]["region_code"]: f["properties"] for f in
                    maps.region_features(geo, summary, metric, "fr", selected=(code,))}
        expected = len(rows) if metric == "companies" else int(rows["employees"].sum())
        assert features[code]["value"] == expected, code
        assert sum(p["value"] for c, p in features.items() if c != code) == 0
        assert features[code]["line_width"] > max(p["line_width"] for c, p in features.items() if c != code)
        assert len(maps.company_points(rows, products, "fr")) == len(rows)


def test_choropleth_values_and_colours(companies, geo):
    rows = ecosystem.france_view(companies, FilterState())
    summary = ecosystem.region_summary(rows, region_names(geo))
    features = {f["properties"]["region_code"]: f["properties"]
                for f in maps.region_features(geo, summary, "employees", "fr")}
    assert features["11"]["value"] == 37 + 120 + 16 + 20 + 127 + 2785 + 776 + 353  # Île-de-France staff
    assert features["11"]["fill_color"][:3] == maps.hex_to_rgb(maps.RAMP_HIGH)[:3]
    assert features["24"]["fill_color"][:3] == maps.hex_to_rgb(maps.ZERO_FILL)[:3]
    assert "Aucune entreprise" in features["24"]["tt_body"]
    assert features["53"]["tt_body"].startswith("Entreprises : 1 (0 françaises, 1 filiales")


def test_ramp_is_monotonic():
    darkness = [sum(maps.ramp_color(v, 8)[:3]) for v in range(1, 9)]
    assert darkness == sorted(darkness, reverse=True)
    assert maps.ramp_color(0, 8)[:3] == maps.hex_to_rgb(maps.ZERO_FILL)[:3]
    assert maps.ramp_color(3, 0)[:3] == maps.hex_to_rgb(maps.ZERO_FILL)[:3]


def test_points_coloured_by_nationality_and_sized_by_staff(companies, products):
    points = maps.company_points(ecosystem.france_view(companies, FilterState()), products, "fr")
    by_id = {p["company_id"]: p for p in points}
    assert by_id["voluntis"]["fill_color"][:3] == maps.hex_to_rgb(FRANCE_COLOR)[:3]
    assert by_id["jabil"]["fill_color"][:3] == maps.hex_to_rgb(PALETTE[0])[:3]
    assert {tuple(p["fill_color"]) for p in points if p["scope"] == "french"} == {tuple(maps.hex_to_rgb(FRANCE_COLOR, 235))}
    # Area proportional to staff above the minimum radius; small firms keep the minimum.
    ratio = by_id["ge_healthcare"]["radius_px"] / by_id["abbott"]["radius_px"]
    assert ratio == pytest.approx(math.sqrt(2785 / 776), rel=0.01)
    assert by_id["diabilive"]["radius_px"] == maps.MIN_RADIUS_PX
    # Largest drawn first, so the small ones stay on top.
    assert points[0]["company_id"] == "ge_healthcare"
    assert [p["employees"] for p in points] == sorted((p["employees"] for p in points), reverse=True)


def test_tooltip_text_of_a_company(companies, products):
    points = {p["company_id"]: p for p in maps.company_points(ecosystem.france_view(companies, FilterState()), products, "fr")}
    body = points["ad_scientiam"]["tt_body"].split("\n")
    assert points["ad_scientiam"]["tt_title"] == "Ad Scientiam"
    assert body == ["Entreprise française – Paris (Île-de-France)", "Modèle : Logiciel – application mobile",
                    "SMT : MyHBP (disponible)", "Aires thérapeutiques : Oncologie", "Partenaires : Pfizer",
                    "Salariés en France : 37", "CA 2018 : non communiqué"]
    assert "CA 2018 : 4,5\u00a0M€" in points["voluntis"]["tt_body"]


def test_data_text_cannot_form_html(companies, products, geo):
    rows = ecosystem.france_view(companies, FilterState()).copy()
    rows.loc[rows["company_id"] == "voluntis", "name"] = "<img src=x onerror=alert(1)>"
    points = {p["company_id"]: p for p in maps.company_points(rows, products, "fr")}
    assert "<" not in points["voluntis"]["tt_title"] and ">" not in points["voluntis"]["tt_title"]
    assert "img src=x onerror=alert(1)" in points["voluntis"]["tt_title"]
    features = maps.region_features(geo, ecosystem.region_summary(rows, region_names(geo)), "companies", "fr")
    assert all("<" not in f["properties"]["tt_body"] for f in features)
    # Apostrophes stay as typed (Streamlit escapes interpolated values itself; no double escaping).
    assert points["kap_code"]["tt_body"].count("Connect'inh") == 1


def test_tooltip_opens_towards_the_map_centre(companies, products, geo):
    points = {p["company_id"]: p for p in maps.company_points(ecosystem.france_view(companies, FilterState()), products, "fr")}
    assert points["jabil"]["tt_shift"] == "12px 12px"  # Brest, far west: to the right of the pointer
    assert points["sonceboz"]["tt_shift"].startswith("calc(-100%")  # Besançon, east: to the left
    features = {f["properties"]["region_code"]: f["properties"] for f in maps.region_features(
        geo, ecosystem.region_summary(ecosystem.france_view(companies, FilterState()), region_names(geo)), "companies", "fr")}
    assert features["53"]["tt_shift"] == "12px 12px" and features["44"]["tt_shift"].startswith("calc(-100%")


def test_points_lie_in_their_city_and_region(companies, products, geo):
    polygons = {f["properties"]["region_code"]: shape(f["geometry"]) for f in geo["features"]}
    rows = ecosystem.france_view(companies, FilterState()).set_index("company_id")
    points = maps.company_points(rows.reset_index(), products, "fr")
    for p in points:
        row = rows.loc[p["company_id"]]
        # Near its true place (on the Paris ring, at most the ring's radius away), which it keeps for the line.
        assert (p["true_lat"], p["true_lon"]) == (row["lat"], row["lon"])
        limit = maps.RING_MAX_DEG + 0.01 if p["ringed"] else 0.1
        assert abs(p["lat"] - row["lat"]) < limit and abs(p["lon"] - row["lon"]) < 2 * limit, p["company_id"]
        if not p["ringed"]:
            assert polygons[row["region_code"]].contains(Point(p["lon"], p["lat"])), p["company_id"]
    by_id = {p["company_id"]: p for p in points}
    assert polygons["53"].contains(Point(by_id["jabil"]["lon"], by_id["jabil"]["lat"]))  # Brest, Brittany
    assert polygons["27"].contains(Point(by_id["crossject"]["lon"], by_id["crossject"]["lat"]))  # Dijon, Burgundy
    # The four Paris companies are spread apart; a company alone in its city stays on it.
    paris = {(by_id[c]["lat"], by_id[c]["lon"]) for c in ("ad_scientiam", "kap_code", "diabnext", "capsule_technologies")}
    assert len(paris) == 4
    assert (by_id["jabil"]["lat"], by_id["jabil"]["lon"]) == (48.4004, -4.5023)


def test_paris_cluster_is_laid_out_on_a_ring_with_leader_lines(companies, products, geo):
    """The 8 companies of the Paris area (Paris, Suresnes, Buc, Rungis, Boulogne-Billancourt) on a ring, each
    point apart from the others at the national zoom and tied to its true place by a line."""
    points = maps.company_points(ecosystem.france_view(companies, FilterState()), products, "fr")
    ring = [p for p in points if p["ringed"]]
    assert {p["company_id"] for p in ring} == {"ad_scientiam", "kap_code", "diabnext", "capsule_technologies",
                                               "voluntis", "ge_healthcare", "abbott", "medtronic"}
    px_per_deg = 512 * 2 ** maps.VIEW.zoom / 360
    for i, a in enumerate(ring):
        for b in ring[i + 1:]:
            dx = (a["lon"] - b["lon"]) * px_per_deg
            dy = (a["lat"] - b["lat"]) * px_per_deg / math.cos(math.radians(48.8))
            assert math.hypot(dx, dy) >= 8, (a["company_id"], b["company_id"])  # clickable apart
    spec = _spec(maps.build_deck(geo, ecosystem.france_view(companies, FilterState()), products, "companies", "fr"))
    assert len(_layer(spec, "leaders")["data"]) == 8
    # The largest circle is translucent, so the points around it stay readable.
    by_id = {p["company_id"]: p for p in points}
    assert by_id["ge_healthcare"]["fill_color"][3] == maps.LARGE_ALPHA
    assert by_id["diabnext"]["fill_color"][3] == 235


def test_city_labels(companies):
    labels = {label["city"]: label for label in maps.city_labels(ecosystem.france_view(companies, FilterState()))}
    # The Paris-area cities collapse into "Paris" (4 companies); the study's other cities are all named.
    assert set(labels) == {"Paris", "Lyon", "Grenoble", "Cournon-d'Auvergne", "Dijon", "Besançon", "Martillac",
                           "Le Vaudreuil", "Brest"}
    assert labels["Cournon-d'Auvergne"]["text_anchor"] == "end"  # Lyon is just east of it
    assert labels["Lyon"]["text_anchor"] == "start"


def test_empty_result_keeps_the_regions(companies, products, geo):
    rows = ecosystem.france_view(companies, FilterState(regions=("53",), nationalities=("french",)))
    spec = _spec(maps.build_deck(geo, rows, products, "companies", "fr"))
    assert [layer["id"] for layer in spec["layers"]] == ["regions", "region_outlines"]
    assert all(f["properties"]["value"] == 0 for f in _layer(spec, "regions")["data"])


def test_unknown_metric_is_refused(companies, geo):
    summary = ecosystem.region_summary(ecosystem.france_view(companies, FilterState()), region_names(geo))
    with pytest.raises(ValueError):
        maps.region_features(geo, summary, "revenue", "fr")


def test_selection_action():
    known = {"53", "84"}
    region = {"indices": {"regions": [12]}, "objects": {"regions": [{"type": "Feature", "properties": {"region_code": "53"}}]}}
    assert maps.selection_action(region, known) == maps.MapAction("region", ("53",))
    company = {"indices": {"companies": [3]}, "objects": {"companies": [{"company_id": "voluntis", "name": "Voluntis"}]}}
    assert maps.selection_action(company, known) == maps.MapAction("companies", ("voluntis",))
    unknown = {"indices": {"regions": [0]}, "objects": {"regions": [{"properties": {"region_code": "99"}}]}}
    assert maps.selection_action(unknown, known).kind == "none"
    assert maps.selection_action({"indices": {}, "objects": {}}, known).kind == "none"
    assert maps.selection_action(None, known).kind == "none"
    assert maps.selection_action({"objects": {"regions": ["junk"]}}, known).kind == "none"


def test_region_click_sets_then_clears_the_filter():
    assert maps.regions_after_click((), "53") == ["53"]
    assert maps.regions_after_click(("53",), "53") == []
    assert maps.regions_after_click(("53",), "84") == ["84"]
    assert maps.regions_after_click(("53", "84"), "84") == ["84"]


def test_legend_is_valid_svg_with_escaped_text():
    svg = map_legend.legend_svg("employees", 4234, 10, 2785, "fr")
    root = ET.fromstring(svg)  # well-formed (escaped text, no duplicate attributes)
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "Entreprise française" in texts and "Filiale d'entreprise étrangère" in texts
    assert "4\u202f234" in texts and "2\u202f785" in texts
    assert "Régions : salariés en France" in texts
    assert FRANCE_COLOR in svg and PALETTE[0] in svg
    assert ET.fromstring(map_legend.legend_svg("companies", 0, None, None, "en")) is not None


def test_legend_text_states_the_legend_in_words():
    text = map_legend.legend_text("companies", 8, 10, 2785, "fr")
    assert text == ("Légende de la carte : orange = Entreprise française, bleu = Filiale d'entreprise étrangère ; aire des "
                    "points proportionnelle aux salariés en France (de 10 à 2\u202f785) ; régions colorées selon : "
                    "nombre d'entreprises, de 0 à 8 (échelle racine carrée).")
