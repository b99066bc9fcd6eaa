"""Search and company pages in the browser, as a person does: "/" from any page, a name, Enter, the first result,
the company's page; the company list and the export of its sheet as one slide."""

from __future__ import annotations

import io

from pptx import Presentation

from smt_dashboard.i18n import t
from tests.e2e.conftest import SCREENSHOTS, assert_no_error, main_text, open_page, wait_map_drawn, wait_ready


def test_slash_a_name_enter_and_the_first_result_opens_the_company_page(page, server):
    open_page(page, server, "deals")
    page.locator("[data-testid='stMainBlockContainer'] h1").click()  # focus on the page, not in a field
    page.keyboard.press("/")
    box = page.locator(".st-key-smt_search_box input")
    page.wait_for_function("() => document.activeElement === document.querySelector('.st-key-smt_search_box input')",
                           timeout=5000)
    page.keyboard.type("volontis")
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.pathname.endsWith('/search') && location.search.includes('q=volontis')",
                           timeout=20000)
    wait_ready(page, heading=t("nav.search", "fr"))
    assert_no_error(page)
    assert box.input_value() == ""
    text = main_text(page)
    assert "1 entreprise" in text and "Voluntis" in text
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "search_volontis_1280.png"), full_page=True)
    page.locator("[data-testid='stMainBlockContainer'] [data-testid='stPageLink'] a").first.click()
    page.wait_for_function("() => location.pathname.endsWith('/company') && location.search.includes('company=voluntis')",
                           timeout=20000)
    wait_ready(page, heading=t("nav.company", "fr"))
    page.get_by_text("Hors étude").first.wait_for(timeout=20000)
    assert_no_error(page)
    text = main_text(page)
    assert "Voluntis, entreprise française (Suresnes, Île-de-France)" in text
    assert "Diabeo" in text and "Hors étude" in text


def test_slash_opens_a_folded_sidebar(page, server):
    open_page(page, server, "swot")
    page.locator("[data-testid='stSidebar']").hover()
    page.get_by_test_id("stSidebarCollapseButton").locator("button").click()
    page.wait_for_selector("[data-testid='stSidebar'][data-collapsed='true']", state="attached", timeout=10000)
    page.locator("[data-testid='stMainBlockContainer'] h1").click()
    page.keyboard.press("/")
    page.wait_for_function("() => document.activeElement === document.querySelector('.st-key-smt_search_box input')",
                           timeout=5000)


def test_typing_slash_inside_a_field_types_it(page, server):
    open_page(page, server, "search")
    field = page.locator(".st-key-q input")
    field.click()
    page.keyboard.type("a/b")
    assert field.input_value() == "a/b"


def test_company_pages_render_and_export_one_slide(page, server):
    SCREENSHOTS.mkdir(exist_ok=True)
    for company_id in ("biocorp", "voluntis", "medtronic"):
        open_page(page, server, "company", f"company={company_id}")
        assert_no_error(page)
        wait_map_drawn(page)
        page.screenshot(path=str(SCREENSHOTS / f"company_{company_id}_1280.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("button", name="Fiche en une diapositive").click()
    prs = Presentation(io.BytesIO(download.value.path().read_bytes()))
    assert len(prs.slides) == 1
    assert "Medtronic : fiche entreprise" in " ".join(s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame)


def test_an_unknown_company_shows_the_notice_on_the_search(page, server):
    open_page(page, server, "company", "company=nobody")
    page.wait_for_function("() => location.pathname.endsWith('/search')", timeout=20000)
    wait_ready(page, heading=t("nav.search", "fr"))
    assert "Aucune entreprise de l'étude ne porte l'identifiant « nobody »" in main_text(page)
