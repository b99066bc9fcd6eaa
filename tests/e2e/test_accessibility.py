"""Accessibility: axe-core on every page (no serious/critical violation from the app's own content)
and keyboard-only use of the sidebar filters and the navigation."""

from __future__ import annotations

from pathlib import Path

import pytest

from smt_dashboard.i18n import t
from smt_dashboard.navigation import available_pages
from tests.e2e.conftest import open_page, wait_ready

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
# No violation is tolerated: with the navigation at the top, Streamlit's own widgets raise none (docs/accessibility.md).
PAGES = [(p.key, "" if p.key == "overview" else p.key) for p in available_pages()]


def _violations(pg) -> list[dict]:
    pg.add_script_tag(path=str(AXE))
    result = pg.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("key,path", PAGES, ids=[k for k, _ in PAGES])
def test_no_serious_axe_violation_from_app_content(page, server, key, path):
    open_page(page, server, path)
    found = [f"{violation['id']}: {node['html'][:160]}" for violation in _violations(page) for node in violation["nodes"]]
    assert found == [], "\n".join(found)


def test_sidebar_filters_and_navigation_work_with_the_keyboard(page, server):
    open_page(page, server)
    reached: list[str] = []
    for _ in range(60):
        page.keyboard.press("Tab")
        label = page.evaluate(
            "() => { const el = document.activeElement; if (!el) return '';"
            " const box = el.closest('[data-testid=\"stMultiSelect\"], [data-testid=\"stTopNavSection\"],"
            " [data-testid=\"stRadio\"]'); return box ? box.innerText.split('\\n')[0] : ''; }")
        if label:
            reached.append(label)
    assert any("Région" in r for r in reached), reached
    assert any("Aire thérapeutique" in r for r in reached), reached
    assert any("Écosystème" in r for r in reached), reached  # the top menus are reached by Tab too
    # Choose a region with the keyboard only.
    page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(has_text="Région") \
        .locator("input").focus()
    page.keyboard.type("Bretagne")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('region=53')", timeout=15000)
    wait_ready(page)
    # Open a navigation menu at the top and follow its second page with the keyboard only.
    page.locator("[data-testid='stTopNavSection']").filter(has_text="Écosystème").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-testid='stTopNavPopover']", timeout=5000)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.pathname.endsWith('/profile')", timeout=15000)
    wait_ready(page, heading=t("nav.profile", "fr"))
    assert "region=53" in page.url
    assert "Profil : Bretagne" in page.inner_text("[data-testid='stMainBlockContainer']")


def test_every_page_is_two_clicks_away_in_the_top_menus(page, server):
    """Each page sits in one section menu: one click opens the menu, one click opens the page."""
    open_page(page, server)
    for spec in available_pages():
        page.locator("[data-testid='stTopNavSection']").filter(has_text=t(f"nav.section.{spec.section}", "fr")).click()
        page.locator("[data-testid='stTopNavDropdownLink']").filter(has_text=t(f"nav.{spec.key}", "fr")).click()
        page.wait_for_function(f"() => location.pathname.endsWith('/{'' if spec.key == 'overview' else spec.key}')",
                               timeout=15000)
        wait_ready(page, heading=t(f"nav.{spec.key}", "fr"))
        assert t(f"nav.{spec.key}", "fr") in page.locator("[data-testid='stMainBlockContainer'] h1").first.inner_text()
