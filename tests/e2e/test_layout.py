"""Short pages that answer first, as a committee member sees them on a laptop (1280×800): every page, with each of
its tabs open, fits in three screens; its key message comes before anything else; no internal file or column
name, no "(s)" plural, no raw "2019-12" date is on screen; one export menu per view opens and exports."""

from __future__ import annotations

import re

import pytest

from smt_dashboard.navigation import available_pages
from tests.e2e.conftest import assert_no_error, main_text, open_export_menu, open_page, page_tabs

MAX_HEIGHT = 2400  # three screens at 1280×800
PAGES = [(p.key, "" if p.key == "overview" else p.key) for p in available_pages()]
# Text a reader should never meet: file names, "(s)" plurals, dates as the data stores them.
INTERNAL = re.compile(r"data/\S+\.csv|\b\w+\.csv\b|\w\(s\)|\b(19|20)\d\d-(0[1-9]|1[0-2])\b")


def _height(pg) -> int:
    return pg.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("key,path", PAGES + [("profile_region", "profile")], ids=[k for k, _ in PAGES] + ["profile_region"])
def test_page_is_short_answers_first_and_speaks_plainly(page, server, key, path, lang):
    query = "&".join(q for q in ("region=84" if key == "profile_region" else "", f"lang={lang}") if q)
    open_page(page, server, path, query)
    assert_no_error(page)
    # The answer first: the key message is the first block under the title.
    blocks = page.locator("[data-testid='stMainBlockContainer'] [data-testid='stVerticalBlock'] > div").all_inner_texts()
    message = page.locator(".st-key-key_message")
    if key != "profile":  # without a region or an area, the profile page asks for one
        assert message.count() == 1, f"{key}: no key message"
        first = next(t for t in blocks if t.strip())
        assert first.strip().startswith(page.locator("h1").first.inner_text().strip()), first[:200]
        assert message.inner_text().strip(), key
    tabs = page_tabs(page)
    for i in range(max(tabs.count(), 1)):
        if tabs.count():
            tabs.nth(i).click()
            page.wait_for_timeout(400)
        height = _height(page)
        assert height <= MAX_HEIGHT, f"{key} ({lang}), tab {i}: {height} px"
        found = INTERNAL.findall(main_text(page)) and INTERNAL.search(main_text(page)).group(0)
        assert not found, f"{key} ({lang}), tab {i}: {found!r} on screen"
    # One "Notes et méthode" section per page, folded.
    notes = page.get_by_test_id("stExpander").filter(has_text="Notes et méthode" if lang == "fr" else "Notes and method")
    assert notes.count() == 1, key


def test_export_menu_holds_every_format_and_the_data(page, server):
    """One menu per view: opened, it offers PNG, SVG, CSV and XLSX and shows the rows the chart draws."""
    open_page(page, server, "market")
    before = page.get_by_test_id("stDownloadButton").count()
    assert before == 0  # nothing is built until a menu is opened
    open_export_menu(page)
    labels = page.get_by_test_id("stDownloadButton").all_inner_texts()
    for fmt in ("PNG", "SVG", "CSV", "XLSX"):
        assert any(fmt in label for label in labels), labels
    # The grid is drawn on a canvas; its accessible table holds the rows it draws.
    cells = page.get_by_test_id("stPopoverBody").locator("td").all_inner_texts()
    assert "2025" in cells and "531" in cells, cells
    with page.expect_download() as info:
        page.get_by_test_id("stDownloadButton").filter(has_text="PNG").first.click()
    assert open(info.value.path(), "rb").read().startswith(b"\x89PNG")
