"""The "Depuis l'étude" page as a reader uses it: the kind and country pills filter the timeline and the list, the
address keeps the choice (a shared link reopens it), and every development shown carries its badge."""

from __future__ import annotations

import re

from smt_dashboard import developments as dv
from smt_dashboard.datasets import load_dataset
from tests.conftest import DATA
from tests.e2e.conftest import SCREENSHOTS, assert_no_error, main_text, open_page, wait_ready


def _shown(page) -> tuple[int, int]:
    match = re.search(r"Évolutions affichées : (\d+) sur (\d+)", main_text(page))
    assert match, main_text(page)[:500]
    return int(match.group(1)), int(match.group(2))


def test_kind_and_country_pills_filter_the_timeline(page, server):
    prepared = dv.prepare(load_dataset("developments", DATA), load_dataset("companies", DATA), "fr")
    open_page(page, server, "since")
    assert_no_error(page)
    page.get_by_role("tab", name="Chronologie").click()  # the first tab says where France stands now
    page.get_by_text("Évolutions affichées").first.wait_for(timeout=30000)
    assert _shown(page) == (len(prepared), len(prepared))
    assert "Hors étude — source publique, lue le" in main_text(page)
    page.get_by_test_id("stElementContainer").filter(has_text="Catégories").get_by_role("button", name="Entreprises").click()
    page.wait_for_function("() => location.search.includes('since_kind=company')", timeout=15000)
    wait_ready(page)
    companies = int((prepared["kind"] == "company").sum())
    assert _shown(page) == (companies, len(prepared))
    page.get_by_test_id("stElementContainer").filter(has_text="Pays ou zones").get_by_role("button", name="France").click()
    page.wait_for_function("() => location.search.includes('since_jur=FR')", timeout=15000)
    wait_ready(page)
    french = int(((prepared["kind"] == "company") & (prepared["jurisdiction"] == "FR")).sum())
    assert _shown(page) == (french, len(prepared))
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "since_filtered_1280x800.png"), full_page=True)
    # The address reopens the same choice.
    url = page.url
    page.goto(url)
    wait_ready(page)
    page.get_by_role("tab", name="Chronologie").click()
    page.get_by_text("Évolutions affichées").first.wait_for(timeout=30000)
    assert _shown(page) == (french, len(prepared))
    assert_no_error(page)
