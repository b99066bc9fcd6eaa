"""The static map for the briefing deck: a PNG at slide resolution, drawn offline, that follows the filters."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from smt_dashboard import ecosystem, maps, maps_static
from smt_dashboard.datasets import load_dataset, load_regions
from smt_dashboard.export import png_size
from smt_dashboard.filters import FilterState
from tests.conftest import DATA


@pytest.fixture(scope="module")
def data():
    return load_regions(DATA), load_dataset("companies", DATA), load_dataset("company_products", DATA)


def _pixels(png: bytes) -> dict[tuple[int, int, int], int]:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return {color: n for n, color in image.getcolors(maxcolors=1 << 20)}


@pytest.fixture(scope="module")
def everything(data) -> bytes:
    geo, companies, products = data
    return maps_static.map_png(geo, ecosystem.france_view(companies, FilterState()), "fr", products=products)


@pytest.fixture(scope="module")
def nobody(data) -> bytes:
    geo, companies, _ = data
    rows = ecosystem.france_view(companies, FilterState(regions=("53",), nationalities=("french",)))
    assert rows.empty
    return maps_static.map_png(geo, rows, "en")


def test_png_at_slide_resolution(everything):
    assert everything[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = png_size(everything)
    # The slide show's visual box (1800 × 640): shown at about its own size on a 1920 px screen, its 13 pt text
    # reads at 24 px or more.
    assert width >= 1600 and (width, height) == (1800, 640)


def test_regions_and_points_use_the_map_page_colours(everything, nobody):
    colors, legend_only = _pixels(everything), _pixels(nobody)
    # Nationality colours of the points (as on the map page) and Île-de-France, the region with most companies,
    # in the darkest shade of the choropleth.
    french = tuple(maps.hex_to_rgb(maps.NATIONALITY_COLORS["french"])[:3])
    foreign = tuple(maps.hex_to_rgb(maps.NATIONALITY_COLORS["foreign_subsidiary"])[:3])
    darkest = tuple(maps.ramp_color(8, 8)[:3])
    assert colors[french] > 2 * legend_only[french] and colors[foreign] > 2 * legend_only[foreign]
    assert colors.get(darkest, 0) > 1000


def test_filtering_to_one_region_changes_the_image(data, everything):
    geo, companies, products = data
    brittany = maps_static.map_png(geo, ecosystem.france_view(companies, FilterState(regions=("53",))), "fr",
                                   selected_regions=("53",), products=products)
    assert brittany != everything
    zero = tuple(maps.hex_to_rgb(maps.ZERO_FILL)[:3])
    # Only Brittany keeps a colour: far more of France is drawn in the "no company" grey.
    assert _pixels(brittany)[zero] > 1.5 * _pixels(everything)[zero]
    # The French companies' points are gone (Brittany has only Jabil, a foreign subsidiary): their colour is
    # left in the legend only.
    french = tuple(maps.hex_to_rgb(maps.NATIONALITY_COLORS["french"])[:3])
    assert _pixels(brittany)[french] < 0.5 * _pixels(everything)[french]


def test_no_company_still_draws_the_regions(nobody):
    assert png_size(nobody) == (1800, 640)
    colors = _pixels(nobody)
    assert colors[tuple(maps.hex_to_rgb(maps.ZERO_FILL)[:3])] > 50_000
    assert tuple(maps.ramp_color(1, 1)[:3]) not in colors


def test_metropolitan_frame_leaves_out_the_overseas_regions(data):
    geo, _, _ = data
    frame = maps_static.metropolitan(geo)
    assert not set(frame["region_code"]) & set(ecosystem.OVERSEAS_REGIONS)
    assert {"11", "53", "84", "94"} <= set(frame["region_code"])
    west, south, east, north = frame.total_bounds
    assert -6 < west < -4 and 41 < south < 42 and 9 < east < 10 and 51 < north < 52


def test_legend_steps():
    assert maps_static._legend_steps(0) == [0]
    assert maps_static._legend_steps(2) == [0, 1, 2]
    assert maps_static._legend_steps(8) == [0, 1, 3, 8]


def test_svg_for_the_slide_show_keeps_its_text_as_text_and_projection_sizes(data):
    import re

    geo, companies, products = data
    svg = maps_static.map_svg(geo, ecosystem.france_view(companies, FilterState()), "fr", products=products)
    assert re.search(r'<svg[^>]*width="1800" height="640"', svg)
    box_width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
    sizes = [float(x) for x in re.findall(r'font-size:\s*([\d.]+)px', svg)]
    # Text, not paths: the region names, the legend and the cities can be read and measured.
    assert "Île-de-France : 8" in svg and "Entreprise française" in svg and "Grenoble" in svg
    # Every text at 26 px or more at the picture's own size (1800 px wide): ≥ 24 px on a 1920 px screen.
    assert sizes and min(sizes) * 1800 / box_width >= 26
