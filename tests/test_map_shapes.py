"""The lighter map shapes sent to the browser (a third of the JSON, every region kept)."""

from __future__ import annotations

import json

import pytest
from shapely.geometry import shape

from smt_dashboard import datasets, maps
from tests.conftest import DATA


@pytest.fixture(scope="module")
def geo():
    return datasets.load_regions(DATA)


def test_map_shapes_are_lighter_and_keep_each_region(geo):
    drawn = maps.drawn_geometries(geo)
    assert len(drawn) == len(geo["features"])
    assert len(json.dumps(drawn)) < 0.4 * len(json.dumps([f["geometry"] for f in geo["features"]]))
    for feature, simple in zip(geo["features"], drawn):
        original, light = shape(feature["geometry"]), shape(simple)
        assert light.is_valid, feature["properties"]["region_name"]
        # Within 2 % of the region's area, and no vertex further than ~1.5 km (0.015°) from the true border.
        assert abs(light.area - original.area) <= 0.02 * original.area, feature["properties"]["region_name"]
        assert light.hausdorff_distance(original) <= 0.015, feature["properties"]["region_name"]
    assert maps.drawn_geometries(geo) is drawn  # computed once per GeoJSON


def test_the_interactive_map_draws_the_light_shapes(geo, companies, products):
    deck = maps.build_deck(geo, companies[companies["scope"] != "us"], products, "companies", "fr")
    spec = json.loads(deck.to_json())
    regions = next(layer for layer in spec["layers"] if layer["id"] == maps.REGIONS_LAYER)
    assert [f["geometry"] for f in regions["data"]] == maps.drawn_geometries(geo)
