"""The meeting, as a presenter runs it (Chromium): Esc from a filtered show (and after F) keeps the filters on the
page, a filtered show's national slides say so in large type, the status and source lines are legible from the back
of the room, the presenter's screen drives the room's screen (slide and filters), and « Depuis l'étude » reads whole
on a laptop."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import assert_no_error, main_text, open_page, wait_ready

POPOVER = "[data-testid='stPopoverBody']"
STATUS = re.compile(r"Vue (\d+) / (\d+)")
# Font size and contrast of an element, as displayed.
STYLE_JS = """(selector) => { const el = document.querySelector(selector); if (!el) return null;
  const s = getComputedStyle(el); return {size: parseFloat(s.fontSize), color: s.color}; }"""


def _status(page) -> tuple[int, int]:
    match = STATUS.search(main_text(page))
    assert match, main_text(page)[:300]
    return int(match.group(1)), int(match.group(2))


def _luminance(rgb: str) -> float:
    r, g, b = (int(x) / 255 for x in re.findall(r"\d+", rgb)[:3])
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast_on_white(rgb: str) -> float:
    return 1.05 / (_luminance(rgb) + 0.05)


def _scope_line(page) -> str:
    page.locator(".st-key-filter_scope").first.wait_for(timeout=30000)
    return page.locator(".st-key-filter_scope").first.inner_text()


def test_esc_from_a_filtered_show_keeps_its_filters_on_the_page(page, server):
    page.set_viewport_size({"width": 1280, "height": 800})
    open_page(page, server, "", "mode=presentation&region=84&area=diabetology")
    first, total = _status(page)
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"() => document.body.innerText.includes('Vue {first + 1} / {total}')", timeout=30000)
    wait_ready(page)
    slide = re.search(r"slide=(\w+)", page.url).group(1)
    page.keyboard.press("Escape")
    page.wait_for_function("() => !location.search.includes('mode=presentation')", timeout=30000)
    wait_ready(page)
    # The page of the slide on screen, with the show's filters: the address, the scope line and the sidebar agree.
    assert "region=84" in page.url and "area=diabetology" in page.url, page.url
    assert "Auvergne-Rhône-Alpes" in _scope_line(page) and "Diabétologie" in _scope_line(page)
    sidebar = page.inner_text("[data-testid='stSidebar']")
    assert "Auvergne-Rhône-Alpes" in sidebar and "Diabétologie" in sidebar
    assert slide and "slide=" not in page.url
    assert_no_error(page)


def test_esc_after_changing_the_filters_with_f_keeps_the_new_filters(page, server):
    page.set_viewport_size({"width": 1280, "height": 800})
    open_page(page, server, "map", "mode=presentation&slide=companies_by_model")
    page.keyboard.press("f")
    page.locator(POPOVER).wait_for(timeout=20000)
    page.wait_for_function("() => document.activeElement && document.activeElement.getAttribute('aria-label')"
                           " === 'Région'", timeout=20000)
    page.keyboard.type("Auvergne")
    page.locator("[role='option']", has_text="Auvergne-Rhône-Alpes").wait_for(timeout=20000)
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search.includes('region=84')", timeout=30000)
    wait_ready(page)
    if page.locator("[role='listbox']").count():  # a list still open closes first
        page.keyboard.press("Escape")
        page.wait_for_function("() => !document.querySelector(\"[role='listbox']\")", timeout=10000)
    page.keyboard.press("Escape")  # then the panel
    page.wait_for_function(f"() => !document.querySelector(\"{POPOVER}\")", timeout=30000)
    page.keyboard.press("Escape")  # leaves the show
    page.wait_for_function("() => !location.search.includes('mode=presentation')", timeout=30000)
    wait_ready(page)
    assert "region=84" in page.url
    scope = _scope_line(page)
    assert "Aucun filtre actif" not in scope and "Auvergne-Rhône-Alpes" in scope, scope
    assert "Auvergne-Rhône-Alpes" in page.inner_text("[data-testid='stSidebar']")


@pytest.mark.parametrize("size, status_px, marker_px", [((1920, 1080), 18, 20), ((1280, 720), 14, 14)])
def test_a_filtered_shows_national_slides_say_so_and_the_lines_read_from_the_back(browser, server, size, status_px,
                                                                                 marker_px):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="fr-FR")
    page = context.new_page()
    try:
        open_page(page, server, "", "mode=presentation&region=84&slide=deals")  # the deals: national context
        page.locator(".smt-national").wait_for(timeout=30000)
        marker = page.evaluate(STYLE_JS, ".smt-national")
        assert "France entière — ces filtres ne s'appliquent pas" in page.inner_text(".smt-national")
        assert marker["size"] >= marker_px, marker
        for selector in (".st-key-smt_slide_top [data-testid='stCaptionContainer'] p",
                         ".st-key-smt_slide [data-testid='stCaptionContainer'] p"):
            style = page.evaluate(STYLE_JS, selector)
            assert style and style["size"] >= status_px and _contrast_on_white(style["color"]) >= 4.5, (selector, style)
        # The filtered views come first: the deals slide (national) is after them.
        number, total = _status(page)
        assert number > 1
        assert_no_error(page)
    finally:
        context.close()


def test_the_presenters_screen_drives_the_rooms_screen(browser, server):
    context = browser.new_context(viewport={"width": 1600, "height": 900}, locale="fr-FR")
    presenter, room_screen = context.new_page(), context.new_page()
    try:
        open_page(presenter, server, "", "mode=presenter")
        presenter.wait_for_function("() => /room=salle-/.test(location.search)", timeout=30000)
        room = re.search(r"room=(salle-\w+)", presenter.url).group(1)
        assert "Notes" in main_text(presenter) and "Temps écoulé" in main_text(presenter)
        assert "Vue suivante" in main_text(presenter)
        open_page(room_screen, server, "", f"mode=presentation&room={room}")
        room_screen.wait_for_function("() => /Vue 1 \\/ \\d+/.test(document.body.innerText)", timeout=30000)
        assert not room_screen.locator(".st-key-smt_slide_notes").count()  # the room's screen shows no notes
        assert f"suit la salle {room}" in main_text(room_screen)
        # → on the presenter's screen moves the room's screen (within a second or two).
        presenter.bring_to_front()
        presenter.keyboard.press("ArrowRight")
        presenter.wait_for_function("() => /Vue 2 \\/ \\d+/.test(document.body.innerText)", timeout=30000)
        room_screen.wait_for_function("() => /Vue 2 \\/ \\d+/.test(document.body.innerText)", timeout=20000)
        # The filters too: F on the presenter's screen, a region; the room's screen takes it.
        presenter.keyboard.press("f")
        presenter.locator(POPOVER).wait_for(timeout=20000)
        presenter.wait_for_function("() => document.activeElement && document.activeElement.getAttribute("
                                    "'aria-label') === 'Région'", timeout=20000)
        presenter.keyboard.type("Auvergne")
        presenter.locator("[role='option']", has_text="Auvergne-Rhône-Alpes").wait_for(timeout=20000)
        presenter.keyboard.press("Enter")
        presenter.wait_for_function("() => location.search.includes('region=84')", timeout=30000)
        room_screen.wait_for_function("() => document.body.innerText.includes('Auvergne-Rhône-Alpes')", timeout=20000)
        # The presenter closes the filter panel (its list first), and the keys drive the show again.
        if presenter.locator("[role='listbox']").count():
            presenter.keyboard.press("Escape")
            presenter.wait_for_function("() => !document.querySelector(\"[role='listbox']\")", timeout=10000)
        presenter.keyboard.press("Escape")
        presenter.wait_for_function(f"() => !document.querySelector(\"{POPOVER}\")", timeout=30000)
        # Only the presenter drives: the room's screen has no buttons and ignores the keys.
        assert not room_screen.locator(".st-key-smt_slide_buttons_bottom").count()
        room_screen.bring_to_front()
        room_screen.keyboard.press("ArrowRight")  # ignored: the next change comes from the presenter alone
        presenter.bring_to_front()
        number, _ = _status(presenter)
        presenter.keyboard.press("ArrowRight")
        presenter.wait_for_function(f"() => document.body.innerText.includes('Vue {number + 1} / ')", timeout=30000)
        room_screen.wait_for_function(f"() => document.body.innerText.includes('Vue {number + 1} / ')",
                                      timeout=20000)
        assert _status(room_screen)[0] == _status(presenter)[0]
    finally:
        context.close()


def test_since_the_study_reads_whole_on_a_laptop(page, server):
    page.set_viewport_size({"width": 1280, "height": 800})
    open_page(page, server, "since")
    page.get_by_role("tab", name="Chronologie").click()
    page.locator("[data-testid='stExpander']", has_text="évolution").first.wait_for(timeout=30000)
    wait_ready(page)
    # Every development of the open year: its sentence whole (no "…" where the text was cut), inside the main area.
    cut = page.evaluate("""() => {
      const main = document.querySelector("[data-testid='stMainBlockContainer']").getBoundingClientRect();
      const out = [];
      for (const p of document.querySelectorAll("[data-testid='stExpanderDetails'] p")) {
        const r = p.getBoundingClientRect();
        if (r.width === 0) continue;
        if (r.right > main.right + 1 || p.scrollWidth > p.clientWidth + 1) out.push(p.innerText.slice(0, 60));
      }
      return out; }""")
    assert cut == []
    assert page.locator("[data-testid='stExpanderDetails'] p", has_text="Source publique").count() > 0
    assert_no_error(page)
