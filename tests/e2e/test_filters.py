"""Filter journeys in the browser, as a committee member does them: the filters in view on a laptop, a click
on the map's canvas (a region sets the filter, a second click clears it, a company opens its card beside the
map), the region and area profiles reached from the map and the catalogue, and every page under a region or an
area filter naming it or saying it does not apply."""

from __future__ import annotations

import math

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from smt_dashboard import maps
from smt_dashboard.i18n import t
from smt_dashboard.navigation import available_pages
from tests.e2e.conftest import (
    SCREENSHOTS,
    assert_no_error,
    coloured_share,
    main_text,
    open_page,
    wait_map_drawn,
    wait_ready,
    wait_still,
)

PAGES = [(p.key, "" if p.key == "overview" else p.key) for p in available_pages()]
SIDEBAR_SELECT = "[data-testid='stSidebar'] [data-testid='stMultiSelect']"
# A point inside Auvergne-Rhône-Alpes away from every company (Cantal / Haute-Loire), and Brest (Jabil alone).
ARA_POINT = (3.8, 45.0)
BREST = (-4.5023, 48.4004)


def _world(lon: float, lat: float) -> tuple[float, float]:
    """deck.gl's Web Mercator pixel coordinates (512-px tiles) at the map's initial zoom."""
    size = 512 * 2 ** maps.VIEW.zoom
    x = size * (lon + 180) / 360
    y = size * (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2
    return x, y


# deck.gl shows the tooltip of what it picked under the pointer.
TOOLTIP_SHOWN_JS = """() => { const tip = document.querySelector('.deck-tooltip');
  return !!tip && getComputedStyle(tip).display !== 'none' && tip.innerText.trim() !== ''; }"""


def click_map(page, lon: float, lat: float) -> None:
    """Move the mouse onto a place of the map's canvas and click there, as a person does (once the map shows what
    is under the pointer in its tooltip: deck.gl has picked it)."""
    canvas = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first
    canvas.scroll_into_view_if_needed()
    wait_still(canvas)
    box = canvas.bounding_box()
    x0, y0 = _world(maps.VIEW.longitude, maps.VIEW.latitude)
    x1, y1 = _world(lon, lat)
    x, y = box["x"] + box["width"] / 2 + (x1 - x0), box["y"] + box["height"] / 2 + (y1 - y0)
    for attempt in range(4):  # a hover the map missed (busy redrawing) is made again
        page.mouse.move(x - 3 + attempt, y - 3)
        page.mouse.move(x, y, steps=3)
        try:
            page.wait_for_function(TOOLTIP_SHOWN_JS, timeout=5000)
            break
        except PlaywrightTimeout:
            continue
    else:
        raise AssertionError(f"the map shows no tooltip under the pointer at ({lon}, {lat})")
    page.mouse.down()
    page.mouse.up()


def region_filter_text(page) -> str:
    return page.locator(SIDEBAR_SELECT).filter(has_text="Région").inner_text()


def open_map(page, server, query: str = "") -> None:
    open_page(page, server, "map", query)
    wait_map_drawn(page)  # deck.gl draws its layers after the canvas appears


def test_filters_are_in_view_on_a_laptop_screen(page, server):
    open_page(page, server)
    for label in ("Région", "Aire thérapeutique", "Type de SMT", "Nationalité"):
        box = page.locator(SIDEBAR_SELECT).filter(has_text=label).bounding_box()
        assert box is not None and box["y"] + box["height"] <= 800, (label, box)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "filters_in_view_1280x800.png"))


def test_map_click_on_a_region_sets_then_clears_the_region_filter(page, server):
    open_map(page, server)
    assert "Auvergne" not in region_filter_text(page)
    click_map(page, *ARA_POINT)
    page.wait_for_function("() => new URLSearchParams(location.search).getAll('region').join() === '84'",
                           timeout=20000)
    wait_ready(page)
    assert_no_error(page)
    assert "Auvergne-Rhône-Alpes" in region_filter_text(page)
    text = main_text(page)
    assert "Filtré ici par Région : Auvergne-Rhône-Alpes" in text
    assert "France : 10" in text  # the French companies' figure beside France's
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "map_region_clicked_1280x800.png"))
    # A second click on the same region clears the filter.
    wait_map_drawn(page)
    click_map(page, *ARA_POINT)
    page.wait_for_function("() => !location.search.includes('region=')", timeout=20000)
    wait_ready(page)
    assert "Auvergne" not in region_filter_text(page)


OCCITANIE_POINT = (2.1, 43.9)  # the Tarn: Occitanie has no SMT company in the study


def test_map_click_on_an_empty_region_keeps_the_national_map_readable(page, server):
    open_map(page, server)
    canvas = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first
    canvas.scroll_into_view_if_needed()
    wait_still(canvas)
    before_box, before_colour = canvas.bounding_box(), coloured_share(page)
    click_map(page, *OCCITANIE_POINT)
    page.wait_for_function("() => new URLSearchParams(location.search).getAll('region').join() === '76'",
                           timeout=20000)
    wait_ready(page)
    wait_map_drawn(page)
    assert_no_error(page)
    text = main_text(page)
    # What is empty and why, once; where the map stands, beside it.
    assert text.count("L'étude ne cite aucune entreprise de SMT en Occitanie.") == 1, text[:800]
    assert "La carte montre les entreprises de toute la France" in text
    # Nothing moved under the cursor, and the map still shows France in colour (not a grey choropleth).
    after_box = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first.bounding_box()
    assert abs(after_box["y"] - before_box["y"]) <= 2 and abs(after_box["x"] - before_box["x"]) <= 2
    assert coloured_share(page) >= 0.6 * before_colour > 0
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "map_empty_region_1280x800.png"))


def test_map_click_on_a_company_opens_its_card_beside_the_map(page, server):
    open_map(page, server)
    click_map(page, *BREST)
    card = page.locator(".st-key-map_card_jabil")
    card.wait_for(timeout=20000)
    wait_ready(page)
    assert "Jabil" in card.inner_text() and "Brest" in card.inner_text()
    # In view, next to the map: no scrolling needed to read it.
    box, canvas = card.bounding_box(), page.locator("[data-testid='stDeckGlJsonChart'] canvas").first.bounding_box()
    assert box["x"] >= canvas["x"] + canvas["width"] - 5
    assert 0 <= box["y"] < 800, box
    assert "region=" not in page.url  # a company click does not filter


def test_region_profile_from_the_map(page, server):
    open_map(page, server, "region=84")
    page.get_by_role("link", name="Voir le profil de la région").click()
    page.wait_for_function("() => location.pathname.endsWith('/profile')", timeout=20000)
    wait_ready(page, heading=t("nav.profile", "fr"))
    assert_no_error(page)
    text = main_text(page)
    assert "Profil : Auvergne-Rhône-Alpes" in text
    # Its figures beside France's: 4 of the 17 companies, 49,3 M€ of 80,9 M€ raised.
    assert "4 entreprises de SMT sur 17 en France" in text and "49,3" in text and "80,9" in text
    assert "region=84" in page.url
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "profile_region_84_1280x800.png"), full_page=True)


def test_area_profile_from_the_catalogue(page, server):
    open_page(page, server, "catalogue")
    page.locator(".st-key-catalogue_profiles").get_by_role("link", name="Diabétologie").click()
    page.wait_for_function("() => location.pathname.endsWith('/profile')", timeout=20000)
    page.wait_for_function("() => location.search.includes('area=diabetology')", timeout=20000)
    wait_ready(page, heading=t("nav.profile", "fr"))
    assert_no_error(page)
    text = main_text(page)
    assert "Profil : Diabétologie" in text
    assert "22" in text and "40" in text  # 22 of the 40 SMT of the catalogue
    # The companies with no recorded area are counted, not dropped.
    assert "Non renseigné : 5 entreprises" in text
    assert "Diabétologie" in page.locator(SIDEBAR_SELECT).filter(has_text="Aire thérapeutique").inner_text()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "profile_area_diabetology_1280x800.png"), full_page=True)


FILTERS = (("Région", "Auvergne-Rhône-Alpes"), ("Aire thérapeutique", "Diabétologie"))


def test_every_page_names_each_filter_or_says_it_does_not_apply(page, server):
    """A region and an area at once: on every page, the scope band names each filter with its value where it
    acts, or says it has no effect; never silent."""
    SCREENSHOTS.mkdir(exist_ok=True)
    outcomes: dict[str, dict[str, str]] = {label: {} for label, _ in FILTERS}
    for key, path in PAGES:
        open_page(page, server, path, "region=84&area=diabetology")
        assert_no_error(page)
        band = page.locator(".st-key-filter_scope").inner_text()
        cut = min((band.index(m) for m in ("Sans effet sur cette page", "Les filtres actifs (") if m in band),
                  default=len(band))
        acting, idle = band[:cut], band[cut:]
        for label, value in FILTERS:
            if "Filtré ici par" in acting and f"{label} : {value}" in acting:
                outcomes[label][key] = "filtered"
            elif label in idle:
                outcomes[label][key] = "not applicable"
            else:
                outcomes[label][key] = "silent"
        page.screenshot(path=str(SCREENSHOTS / f"filtered_{key}_region_84_area_diabetology_1280x800.png"))
    for label, _ in FILTERS:
        assert "silent" not in outcomes[label].values(), (label, outcomes[label])
        # Where the data has the dimension, the filter acts.
        expected = {"map", "funding", "profile", "overview", "briefing"} | (
            {"trainings"} if label == "Région" else {"catalogue"})
        assert expected <= {k for k, v in outcomes[label].items() if v == "filtered"}, (label, outcomes[label])
