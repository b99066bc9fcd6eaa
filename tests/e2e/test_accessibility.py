"""Accessibility: axe-core on every page (no serious/critical violation from the app's own content)
and keyboard-only use of the sidebar filters and the navigation."""

from __future__ import annotations

from pathlib import Path

import pytest

from smt_dashboard.navigation import available_pages
from tests.e2e.conftest import open_page, wait_ready

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
# Violations inside Streamlit's own widgets that the app cannot change; each is justified in
# docs/accessibility.md. A node counts as framework-caused only if it sits inside one of these.
# With the navigation at the top (sections as menus), none is needed: the sidebar's navigation list was the
# only one (list / listitem), and it is gone.
FRAMEWORK_CONTAINERS: dict[str, list[str]] = {}
PAGES = [(p.key, "" if p.key == "overview" else p.key) for p in available_pages()]
RESULTS: dict[str, list[str]] = {}


def _violations(pg) -> list[dict]:
    pg.add_script_tag(path=str(AXE))
    result = pg.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def _is_framework(pg, rule: str, target: list) -> bool:
    containers = FRAMEWORK_CONTAINERS.get(rule, [])
    if not containers or not target:
        return False
    selector = target[0] if isinstance(target[0], str) else target[0][0]
    return pg.evaluate(
        "([sel, containers]) => { const el = document.querySelector(sel);"
        " return !!el && containers.some(c => el.closest(c)); }", [selector, containers])


@pytest.mark.parametrize("key,path", PAGES, ids=[k for k, _ in PAGES])
def test_no_serious_axe_violation_from_app_content(page, server, key, path):
    open_page(page, server, path)
    own = []
    framework = []
    for violation in _violations(page):
        for node in violation["nodes"]:
            entry = f"{violation['id']}: {node['html'][:160]}"
            (framework if _is_framework(page, violation["id"], node["target"]) else own).append(entry)
    RESULTS[key] = [f"{len(own)} own", f"{len(framework)} framework"]
    assert own == [], "\n".join(own)


def test_sidebar_filters_and_navigation_work_with_the_keyboard(page, server):
    open_page(page, server)
    reached: list[str] = []
    for _ in range(60):
        page.keyboard.press("Tab")
        label = page.evaluate(
            "() => { const el = document.activeElement; if (!el) return '';"
            " const box = el.closest('[data-testid=\"stMultiSelect\"], [data-testid=\"stSidebarNavLink\"],"
            " [data-testid=\"stRadio\"]'); return box ? box.innerText.split('\\n')[0] : ''; }")
        if label:
            reached.append(label)
    assert any("Région" in r for r in reached), reached
    assert any("Aire thérapeutique" in r for r in reached), reached
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
    wait_ready(page)
    assert "region=53" in page.url
    assert "Profil : Bretagne" in page.inner_text("[data-testid='stMainBlockContainer']")


def test_every_page_is_two_clicks_away_in_the_top_menus(page, server):
    """Each page sits in one section menu: one click opens the menu, one click opens the page."""
    from smt_dashboard.i18n import t

    open_page(page, server)
    for spec in available_pages():
        page.locator("[data-testid='stTopNavSection']").filter(has_text=t(f"nav.section.{spec.section}", "fr")).click()
        page.locator("[data-testid='stTopNavDropdownLink']").filter(has_text=t(f"nav.{spec.key}", "fr")).click()
        page.wait_for_function(f"() => location.pathname.endsWith('/{'' if spec.key == 'overview' else spec.key}')",
                               timeout=15000)
        wait_ready(page)
        assert t(f"nav.{spec.key}", "fr") in page.locator("[data-testid='stMainBlockContainer'] h1").first.inner_text()
