"""Short pages that answer first, as a committee member sees them on a laptop (1280×800): every page, with each of
its tabs open, fits in three screens; its key message comes before anything else; no internal file or column
name, no "(s)" plural, no raw "2019-12" date is on screen; one export menu per view opens and exports."""

from __future__ import annotations

import re

import pytest

from smt_dashboard.navigation import available_pages
from tests.e2e.conftest import assert_no_error, main_text, open_export_menu, open_page, open_tab, page_tabs

MAX_HEIGHT = 2400  # three screens at 1280×800
PAGES = [(p.key, "" if p.key == "overview" else p.key) for p in available_pages()]
# Text a reader should never meet: file names, "(s)" plurals, dates as the data stores them.
INTERNAL = re.compile(r"data/\S+\.csv|\b\w+\.csv\b|\w\(s\)|\b(19|20)\d\d-(0[1-9]|1[0-2])\b")


def _height(pg) -> int:
    return pg.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")


def check_page(page, key: str, lang: str) -> str:
    """Open each tab of the page in turn and check what a reader meets: the key message first, three screens at
    most, no internal names; one folded notes section. Returns the text of all the tabs."""
    blocks = page.locator("[data-testid='stMainBlockContainer'] [data-testid='stVerticalBlock'] > div").all_inner_texts()
    message = page.locator(".st-key-key_message")
    if key != "profile":  # without a region or an area, the profile page asks for one
        assert message.count() == 1, f"{key}: no key message"
        first = next(t for t in blocks if t.strip())
        assert first.strip().startswith(page.locator("h1").first.inner_text().strip()), first[:200]
        assert message.inner_text().strip(), key
    tabs = page_tabs(page)
    texts = []
    for i in range(max(tabs.count(), 1)):
        if tabs.count():
            open_tab(page, i)  # only the open tab runs: its content arrives with the rerun the click starts
            assert_no_error(page)
        height = _height(page)
        assert height <= MAX_HEIGHT, f"{key} ({lang}), tab {i}: {height} px"
        text = main_text(page)
        found = INTERNAL.search(text)
        assert not found, f"{key} ({lang}), tab {i}: {found.group(0)!r} on screen"
        texts.append(text)
    if tabs.count():
        open_tab(page, 0)
    notes = page.get_by_test_id("stExpander").filter(has_text="Notes et méthode" if lang == "fr" else "Notes and method")
    assert notes.count() == 1, key
    return "\n".join(texts)


# French is checked page by page by test_browser.test_every_page_renders_its_key_content (through check_page);
# here: the pages whose tabs come closest to three screens in English (its texts run about as long as the French
# ones), and the profile page with a region in both languages.
LONGEST = ("overview", "policy", "market", "trainings")  # the tallest in English (2,058 to 2,166 px, measured)
CASES = [(k, p, "en") for k, p in PAGES if k in LONGEST] + [("profile_region", "profile", "fr"),
                                                             ("profile_region", "profile", "en")]


@pytest.mark.parametrize("key,path,lang", CASES, ids=[f"{k}-{lang}" for k, _, lang in CASES])
def test_page_is_short_answers_first_and_speaks_plainly(page, server, key, path, lang):
    query = "&".join(q for q in ("region=84" if key == "profile_region" else "", f"lang={lang}") if q)
    open_page(page, server, path, query)
    assert_no_error(page)
    check_page(page, key, lang)


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
    body = page.get_by_test_id("stPopoverBody")
    body.locator("td").first.wait_for(state="attached", timeout=20000)
    cells = body.locator("td").all_inner_texts()
    assert "2025" in cells and "531" in cells, cells
    with page.expect_download() as info:
        page.get_by_test_id("stDownloadButton").filter(has_text="PNG").first.click()
    assert open(info.value.path(), "rb").read().startswith(b"\x89PNG")
