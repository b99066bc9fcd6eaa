"""End-to-end: the real app in headless Chromium — every page, filters in the URL, languages,
downloads, shared links, presentation mode, no outside requests, screenshots at projector sizes."""

from __future__ import annotations

import csv
import io
import re

import pytest

from smt_dashboard.i18n import t
from smt_dashboard.navigation import available_pages
from tests.e2e.conftest import (
    SCREENSHOTS,
    assert_no_error,
    main_text,
    open_export_menu,
    open_page,
    wait_layout_settled,
    wait_ready,
)
from tests.e2e.test_layout import check_page

# A figure or phrase of the study that each page must show (French, default view).
KEY_CONTENT = {
    "overview": ["Vue d'ensemble", "40", "4\u202f587", "1,4\u202f%"],
    "since": ["Hors étude — source publique, lue le", "{since_sources} sources publiques", "Biocorp", "Novo Nordisk"],
    "briefing": ["Dossier de séance"],
    "swot": ["Forces", "Faiblesses", "Financement limité des entreprises innovantes"],
    "about": ["13 experts", "Sanofi", "connected device"],
    "policy": ["Ma Santé 2022", "264"],
    "market": ["504", "531", "28"],
    "recommendations": ["Alliance eHealth", "Autorités de santé"],
    "map": ["Jabil", "GE Healthcare", "Diabeloop"],
    "profile": ["Profils région / aire", "Choisissez une région ou une aire thérapeutique"],
    "catalogue": ["40", "Diabétologie"],
    "funding": ["80,8", "Diabeloop"],
    "deals": ["1,4\u202f%", "Paris", "500"],
    "index": ["France", "15"],
    "jobs": ["377", "Designer UX / UI"],
    "trainings": ["71", "Strasbourg"],
    "search": ["Rechercher", "PECAN"],
    "company": ["17 entreprises", "10 entreprises françaises", "Voluntis", "Medtronic"],
}
PAGES = [(p.key, "" if p.key == "overview" else p.key) for p in available_pages()]


def _since_sources() -> int:
    """How many public sources the developments cite (the table grows with each review of the sources)."""
    from smt_dashboard.datasets import load_dataset
    from tests.conftest import DATA

    return load_dataset("developments", DATA)["source_url"].nunique()


@pytest.mark.parametrize("key,path", PAGES, ids=[k for k, _ in PAGES])
def test_every_page_renders_its_key_content(page, server, key, path):
    open_page(page, server, path)
    assert_no_error(page)
    text = check_page(page, key, "fr")  # each tab opened: key message first, ≤ 3 screens, no internal names
    assert t(f"nav.{key}", "fr") in text
    for expected in KEY_CONTENT[key]:
        expected = expected.format(since_sources=_since_sources()) if "{" in expected else expected
        assert expected in text, f"{key}: {expected!r} missing"
    assert page.external_requests == [], page.external_requests
    # The page as a laptop shows it, whole, to look at (the slide show has its own at projector sizes).
    wait_layout_settled(page, 1280)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{key}_1280x800.png"), full_page=True)


def _companies_value(page) -> str:
    metric = page.locator("[data-testid='stMetric']").filter(has_text="Entreprises en France")
    return metric.locator("[data-testid='stMetricValue']").inner_text()


def test_global_filter_changes_url_and_content_and_survives_reload(page, browser, server):
    open_page(page, server)
    assert _companies_value(page) == "10 + 7"
    region = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(has_text="Région")
    region.locator("input").click()
    page.keyboard.type("Bretagne")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('region=53')", timeout=15000)
    wait_ready(page)
    assert _companies_value(page) == "1"
    url = page.url
    # The same link in a new browser context brings back the same view.
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    other = context.new_page()
    other.goto(url)
    wait_ready(other)
    assert _companies_value(other) == "1"
    assert "Bretagne" in other.inner_text("[data-testid='stSidebar']")
    context.close()


def test_therapy_area_filter_from_url(page, server):
    open_page(page, server, "", "area=diabetology")
    text = main_text(page)
    assert "22" in text  # 22 of the 40 SMT are in diabetology
    assert "area=diabetology" in page.url


def test_invalid_url_value_shows_notice_and_defaults(page, server):
    open_page(page, server, "", "region=99&area=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    text = main_text(page)
    assert "ignorés" in text and "99" in text
    assert "<script>alert(1)</script>" in text  # shown as inert text
    assert _companies_value(page) == "10 + 7"
    assert "region=" not in page.url


def test_switch_language_and_back(page, server):
    open_page(page, server)
    page.locator("[data-testid='stSidebar']").get_by_text("English", exact=True).click()
    page.wait_for_function("() => location.search.includes('lang=en')", timeout=15000)
    wait_ready(page, heading=t("nav.overview", "en"))
    text = main_text(page)
    assert "Overview" in text and "4,587" in text
    page.locator("[data-testid='stSidebar']").get_by_text("Français", exact=True).click()
    page.wait_for_function("() => !location.search.includes('lang=en')", timeout=15000)
    wait_ready(page, heading=t("nav.overview", "fr"))
    text = main_text(page)
    assert "Vue d'ensemble" in text and "4\u202f587" in text


def test_presentation_mode_from_the_sidebar_toggle(page, server):
    """The sidebar toggle starts the slide show at the first view of the current page (the show itself is
    tested in test_presentation.py)."""
    open_page(page, server, "index", "region=84")
    page.locator("[data-testid='stSidebar'] [data-testid='stCheckbox']").filter(has_text="Mode présentation").click()
    page.wait_for_function("() => location.search.includes('mode=presentation')", timeout=15000)
    page.wait_for_function("() => location.search.includes('slide=index_ranking')", timeout=15000)
    wait_ready(page)
    text = main_text(page)
    assert re.search(r"Vue \d+ / \d+ · Filtres : Région : Auvergne-Rhône-Alpes", text)
    assert page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").count() == 0


def test_share_link_reproduces_the_view(page, browser, server):
    open_page(page, server, "", "region=11&lang=en")
    page.locator("[data-testid='stSidebar']").get_by_text("Copy the link to this view").click()
    code = page.locator("[data-testid='stSidebar'] [data-testid='stCode']").inner_text().strip()
    assert "region=11" in code and "lang=en" in code
    context = browser.new_context()
    other = context.new_page()
    other.goto(code.replace("localhost", "127.0.0.1"))
    wait_ready(other)
    assert "Overview" in main_text(other)
    assert "Île-de-France" in other.inner_text("[data-testid='stSidebar']")
    context.close()


def test_table_download_is_excel_ready(page, server):
    """Click a real CSV download and check the file: UTF-8 BOM, French accents, no formula cells."""
    paths = [p.key for p in available_pages()]
    target = "funding" if "funding" in paths else None
    if target is None:
        pytest.fail("the funding page is needed for the download test")
    open_page(page, server, target)
    open_export_menu(page)
    button = page.get_by_test_id("stDownloadButton").filter(has_text="CSV").first
    with page.expect_download() as info:
        button.click()
    raw = open(info.value.path(), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) > 1
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)


def test_briefing_deck_download(page, server):
    """Download the meeting pack from the browser and open it with python-pptx."""
    from pptx import Presentation

    open_page(page, server, "briefing", "region=84")
    button = page.get_by_test_id("stDownloadButton").filter(has_text="Télécharger le dossier")
    with page.expect_download(timeout=120000) as info:
        button.click()
    deck = Presentation(info.value.path())
    slides = list(deck.slides)
    assert len(slides) >= 10
    first = " ".join(shape.text_frame.text for shape in slides[0].shapes if shape.has_text_frame)
    assert "Dossier de séance" in first and "Auvergne-Rhône-Alpes" in first
    last = " ".join(shape.text_frame.text for shape in slides[-1].shapes if shape.has_text_frame)
    assert "AEC Partners" in last
    assert any(shape.shape_type == 13 for slide in slides[1:-1] for shape in slide.shapes)  # pictures


def test_home_says_what_this_is_without_opening_anything(page, server):
    """At 1280 × 800, before any figure: what an SMT is, the study, how to use the app."""
    open_page(page, server)
    intro = page.locator(".st-key-home_intro")
    box = intro.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 800, box
    text = intro.inner_text()
    assert "associe un médicament à un logiciel expert" in text and "stylo à insuline connecté" in text
    assert "AEC Partners (2020)" in text and "EDEC Industries de santé" in text
    assert "menus en haut" in text and "filtres" in text and "mode présentation" in text


def test_a_one_city_result_is_a_figure_not_a_hairline_bar(page, server):
    """Auvergne-Rhône-Alpes trains UX / UI designers in one city: the page shows Lyon's figure, no one-bar chart."""
    open_page(page, server, "trainings", "region=84")
    assert_no_error(page)
    figure = page.locator(".st-key-figure_trainings_by_city")
    figure.wait_for(timeout=20000)
    assert "Lyon" in figure.inner_text() and "4" in figure.inner_text()
    titles = page.locator("[data-testid='stVegaLiteChart']").all_inner_texts()
    assert not any("par ville" in t for t in titles)
    assert page.locator(".st-key-figure_trainings_types").count() == 1  # one type of school there too
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "trainings_one_city_1280x800.png"), full_page=True)
