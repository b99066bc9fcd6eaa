"""The live slide show (presentation mode) as a presenter uses it: every view stepped through with the keyboard at
1920 × 1080 (no filter) and 1280 × 720 (a region), one screen each (the main area never scrolls), no empty slide,
chart text measured as displayed (≥ 24 px at 1920 wide, ≥ 16 px at 1280) and never cut, the visual taking the room;
the keys from the first moment after the sidebar's toggle; F for the filters in place, N for the notes, G to go to
a slide, ? for the keys; Esc closing a panel before it leaves; the buttons for touch screens."""

from __future__ import annotations

import base64
import re
import urllib.parse

import pytest

from smt_dashboard import slides, views
from smt_dashboard.i18n import t
from tests.e2e.conftest import SCREENSHOTS, assert_no_error, main_text, new_context, open_page, runs, wait_ready

SHOW = views.SHOW
# The scroll container of Streamlit's main area, and whether it overflows.
OVERFLOW_JS = """() => {
  const main = document.querySelector("[data-testid='stMain']");
  const doc = document.scrollingElement;
  return {main: main ? main.scrollHeight - main.clientHeight : 0, doc: doc.scrollHeight - doc.clientHeight};
}"""
# The slide's picture: its source and its size as displayed.
VISUAL_JS = """() => {
  const img = document.querySelector("[class*='st-key-smt_slide_visual_'] img");
  if (!img || !img.naturalWidth) return null;
  const box = img.getBoundingClientRect();
  return {src: img.currentSrc, width: box.width, height: box.height};
}"""
POPOVER = "[data-testid='stPopoverBody']"


def _frames() -> dict:
    from smt_dashboard.datasets import load_dataset, load_regions
    from tests.conftest import DATA

    frames = {n: load_dataset(n, DATA) for n in views.datasets_of(SHOW) if n != views.REGIONS}
    frames[views.REGIONS] = load_regions(DATA)
    return frames


def _walk(query_regions: tuple[str, ...]) -> list[tuple[str, str]]:
    """The slides of the show under these filters (views with data), and how each draws (svg, picture, html)."""
    from smt_dashboard.filters import FilterState

    frames = _frames()
    out = []
    state = FilterState(regions=query_regions)
    ordered, _ = slides.arrange(SHOW, state)  # the filtered views first, then the national context
    for view in ordered:
        built = views.build_projection(view, frames, state, "fr")
        if built.kind != "empty":
            out.append((view.key, slides.kind_of(built)))
    return out


WALKS = {"1920x1080": ((1920, 1080), "", ()), "1280x720": ((1280, 720), "region=84", ("84",))}


def _status(page) -> tuple[int, int]:
    match = re.search(r"Vue (\d+) / (\d+)", main_text(page))
    assert match, main_text(page)[:300]
    return int(match.group(1)), int(match.group(2))


def _wait_slide(page, number: int, key: str, total: int) -> None:
    """Until slide ``number`` is drawn: its status line, and its own visual (keyed by its view) alone."""
    page.wait_for_function(f"() => document.body.innerText.includes('Vue {number} / {total}')", timeout=30000)
    page.wait_for_function(
        "(key) => { const v = document.querySelectorAll(\"[class*='st-key-smt_slide_visual_']\");"
        " return v.length === 1 && v[0].className.includes('st-key-smt_slide_visual_' + key)"
        " && !document.querySelector(\"[data-testid='stMain'] [data-stale='true']\"); }", arg=key,
        timeout=30000)
    wait_ready(page)


def _wait_focus(page, label: str) -> None:
    """Until the panel's first choice has the keyboard (the show puts it there when the panel opens)."""
    page.wait_for_function("(label) => document.activeElement && document.activeElement.getAttribute('aria-label')"
                           " === label", arg=label, timeout=20000)


def _svg_text_facts(src: str) -> tuple[float, float, list[str]]:
    """The SVG picture's own width, its smallest font size and its texts."""
    header, payload = src.split(",", 1)
    svg = base64.b64decode(payload).decode() if ";base64" in header else urllib.parse.unquote(payload)
    # Text sizes are in the picture's own units: its viewBox's width when it has one (matplotlib's map), else its
    # width (Vega's charts).
    box = re.search(r'<svg[^>]*\sviewBox="[\d.]+ [\d.]+ ([\d.]+) [\d.]+"', svg)
    width = float(box.group(1)) if box else float(re.search(r'<svg[^>]*\swidth="([\d.]+)"', svg).group(1))
    sizes = [float(x) for x in re.findall(r'font-size[=:]\s*"?([\d.]+)', svg)]
    sizes += [float(x) for x in re.findall(r'font:[^;"]*?([\d.]+)px', svg)]
    texts = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return width, min(sizes), texts


@pytest.mark.parametrize("walk", list(WALKS))
def test_step_through_every_slide_read_from_the_back_of_the_room(browser, server, walk):
    (width, height), query, regions = WALKS[walk]
    expected = _walk(regions)
    total = len(expected)
    context = new_context(browser, viewport={"width": width, "height": height}, locale="fr-FR")
    page = context.new_page()
    min_px = 24 if width == 1920 else 16
    try:
        open_page(page, server, "", "&".join(filter(None, ["mode=presentation", query])))
        _wait_slide(page, 1, expected[0][0], total)
        if not regions:  # the profile has nothing to show without a filter: not a slide, and not "left out"
            assert "sans données pour ces filtres" not in main_text(page)
        seen, small = [], []
        for number, (key, kind) in enumerate(expected, start=1):
            if number > 1:
                page.keyboard.press("PageDown" if number % 2 else "ArrowRight")
                _wait_slide(page, number, key, total)
            assert_no_error(page)
            assert f"slide={key}" in page.url
            assert "Aucune donnée ne correspond" not in main_text(page), key  # never an empty slide
            overflow = page.evaluate(OVERFLOW_JS)
            assert overflow["main"] <= 1 and overflow["doc"] <= 1, (key, overflow)
            # Takeaway and source always on screen.
            for selector in (".st-key-smt_slide_takeaway", ".st-key-smt_slide [data-testid='stCaptionContainer']"):
                box = page.locator(selector).last.bounding_box()
                assert box is not None and box["y"] + box["height"] <= height, (key, selector, box)
            # The takeaway is read whole: its text is not covered by the visual under it.
            layout = page.evaluate("""() => {
              const t = document.querySelector('.st-key-smt_slide_takeaway p');
              const v = document.querySelector("[class*='st-key-smt_slide_visual_']");
              return t && v ? [t.getBoundingClientRect().bottom, v.getBoundingClientRect().top] : null; }""")
            assert layout is not None, key  # every slide has a takeaway and a visual
            assert layout[0] <= layout[1] + 1, (key, layout)
            title_px = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector("
                                     "'.st-key-smt_slide h1')).fontSize)")
            assert title_px >= (28 if width == 1920 else 18), (key, title_px)
            visual = page.evaluate(VISUAL_JS)
            if kind in ("svg", "picture"):  # a chart or the map: vector, its smallest text measured as displayed
                assert visual is not None and visual["src"].startswith("data:image/svg"), (key, visual)
                svg_width, smallest, texts = _svg_text_facts(visual["src"])
                shown_px = smallest * visual["width"] / svg_width
                if shown_px < min_px:
                    small.append((key, round(shown_px, 1)))
                assert not any(t.rstrip().endswith("…") for t in texts), key
                # The visual takes the room the slide has.
                assert visual["height"] >= 0.55 * height, (key, visual["height"], height)
            SCREENSHOTS.mkdir(exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"slide_{number:02d}_{key}_{width}x{height}.png"))
            seen.append(key)
        assert seen == [key for key, _ in expected]
        assert small == [], small
        # End, Home, then Space and ArrowLeft / PageUp.
        page.keyboard.press("Home")
        _wait_slide(page, 1, expected[0][0], total)
        page.keyboard.press("End")
        _wait_slide(page, total, expected[-1][0], total)
        page.keyboard.press("PageUp")
        _wait_slide(page, total - 1, expected[-2][0], total)
        page.keyboard.press("ArrowLeft")
        _wait_slide(page, total - 2, expected[-3][0], total)
        page.keyboard.press(" ")
        _wait_slide(page, total - 1, expected[-2][0], total)
    finally:
        context.close()


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 800)])
def test_keys_work_at_once_after_the_sidebar_toggle(page, server, size):
    """The toggle keeps the focus after a click: the show takes it, so the first key (a clicker's) moves."""
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_page(page, server, "deals")
    page.get_by_text("Mode présentation").click()
    page.wait_for_function("() => location.search.includes('mode=presentation')", timeout=30000)
    page.wait_for_function("() => /Vue \\d+ \\/ \\d+/.test(document.body.innerText)", timeout=30000)
    wait_ready(page)
    number, total = _status(page)
    assert SHOW[[v.key for v in SHOW].index("deals")].page == "deals" and "slide=deals" in page.url
    page.keyboard.press("ArrowRight")  # no click on the slide first
    page.wait_for_function(f"() => document.body.innerText.includes('Vue {number + 1} / {total}')", timeout=30000)
    wait_ready(page)
    assert "slide=deals" not in page.url
    page.keyboard.press("PageUp")
    page.wait_for_function(f"() => document.body.innerText.includes('Vue {number} / {total}')", timeout=30000)


def test_f_opens_the_filters_a_region_redraws_the_slide_and_the_address_and_esc_closes_them(page, server):
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, server, "map", "mode=presentation&slide=companies_by_model")
    assert "Entreprises implantées en France" in main_text(page) or "Type de SMT" in main_text(page)
    page.keyboard.press("f")
    page.locator(POPOVER).wait_for(timeout=20000)
    _wait_focus(page, "Région")
    # The region choice has the focus: typing picks a region, as in the sidebar.
    page.keyboard.type("Auvergne")
    page.locator("[role='option']", has_text="Auvergne-Rhône-Alpes").wait_for(timeout=20000)
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search.includes('region=84')", timeout=30000)
    wait_ready(page)
    page.get_by_text("Région : Auvergne-Rhône-Alpes").first.wait_for(timeout=30000)
    assert "mode=presentation" in page.url and "slide=companies_by_model" in page.url  # the show goes on
    assert "entreprises : 3 sur 4" in main_text(page)
    listing = page.locator("[role='listbox']").count() > 0  # the list of regions, still open after the choice
    before = runs(page)
    page.keyboard.press("Escape")  # the list of regions closes first when it is open, then the panel
    if listing:
        page.wait_for_function("() => !document.querySelector(\"[role='listbox']\")", timeout=30000)
        if page.locator(POPOVER).count():
            page.keyboard.press("Escape")
    page.wait_for_function(f"() => !document.querySelector(\"{POPOVER}\")", timeout=30000)
    wait_ready(page, since_run=before)  # the run the panel's closing starts
    assert "mode=presentation" in page.url
    assert_no_error(page)
    # A region with no company empties this view: the slide says so instead of drawing nothing silently.
    page.keyboard.press("F")
    page.locator(POPOVER).wait_for(timeout=20000)
    _wait_focus(page, "Région")
    page.keyboard.press("Backspace")  # Auvergne-Rhône-Alpes leaves the choice
    page.wait_for_function("() => !location.search.includes('region=84')", timeout=30000)
    wait_ready(page)
    _wait_focus(page, "Région")
    page.keyboard.type("Occitanie")
    page.locator("[role='option']", has_text="Occitanie").first.click()
    page.wait_for_function("() => location.search.includes('region=76')", timeout=30000)
    wait_ready(page)
    # The address changes as the choice is made; the slide follows when the rerun lands (slower under load).
    page.get_by_text("L'étude ne cite aucune entreprise de SMT en Occitanie.").first.wait_for(timeout=30000)
    assert "Région : Occitanie" in main_text(page)


def test_n_shows_the_notes_g_goes_to_a_slide_and_the_keys_legend(page, server):
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_page(page, server, "jobs", "mode=presentation&slide=jobs_projection")
    page.keyboard.press("n")
    notes = page.locator(".st-key-smt_slide_notes")
    notes.wait_for(timeout=20000)
    text = notes.inner_text()
    assert text.startswith("Notes") and "Source : AEC Partners (2020)" in text and "Précautions" in text
    box = notes.bounding_box()
    assert box and box["y"] + box["height"] <= 1080 and box["x"] >= 0 and box["x"] + box["width"] <= 1920
    page.keyboard.press("N")
    page.wait_for_function("() => !document.querySelector('.st-key-smt_slide_notes')", timeout=30000)
    # G: the list of slides, searched by title; Enter goes there.
    page.keyboard.press("g")
    page.locator(POPOVER).wait_for(timeout=20000)
    _wait_focus(page, "Aller à la vue")
    page.keyboard.type("Nombre de deals")
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search.includes('slide=deals')", timeout=30000)
    wait_ready(page)
    assert "Nombre de deals en santé digitale en 2018" in main_text(page)
    page.wait_for_function(f"() => !document.querySelector(\"{POPOVER}\")", timeout=30000)
    # ?: the keys, in French.
    page.keyboard.press("?")
    page.locator(POPOVER).wait_for(timeout=20000)
    legend = page.locator(POPOVER).inner_text()
    for words in ("Touches du diaporama", "Vue suivante", "Filtres", "Notes", "Aller à une vue", "Échap"):
        assert words in legend, words
    page.keyboard.press("Escape")
    page.wait_for_function(f"() => !document.querySelector(\"{POPOVER}\")", timeout=30000)
    assert "mode=presentation" in page.url


def test_keys_legend_in_english(page, server):
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, server, "", "mode=presentation&lang=en")
    page.keyboard.press("h")
    page.locator(POPOVER).wait_for(timeout=20000)
    legend = page.locator(POPOVER).inner_text()
    for words in ("Slide show keys", "Next view", "Filters", "notes", "Go to a view", "Esc"):
        assert words in legend, words


def test_a_link_opens_the_show_at_its_slide_and_esc_leaves_to_its_page(page, server):
    open_page(page, server, "", "mode=presentation&slide=deals")
    number, _ = _status(page)
    assert "Nombre de deals en santé digitale en 2018" in main_text(page)  # the deals view's own title
    page.keyboard.press("Escape")
    page.wait_for_function("() => !location.search.includes('mode=presentation')", timeout=30000)
    page.wait_for_function("() => location.pathname.endsWith('/deals')", timeout=30000)
    wait_ready(page, heading=t("nav.deals", "fr"))
    assert "Benchmark international des deals" in main_text(page)
    assert "slide=" not in page.url


def test_buttons_move_too_at_the_bottom(page, server):
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, server, "funding", "mode=presentation")
    start, total = _status(page)
    assert [v for v in SHOW if v.page == "funding"][0].key in page.url  # the show opens at the page's first view
    page.locator(".st-key-smt_slide_buttons_bottom").get_by_role("button", name="Suivant").click()
    page.wait_for_function(f"() => document.body.innerText.includes('Vue {start + 1} / {total}')", timeout=30000)
    page.locator(".st-key-smt_slide_buttons_bottom").get_by_role("button", name="Précédent").click()
    page.wait_for_function(f"() => document.body.innerText.includes('Vue {start} / {total}')", timeout=30000)
    page.get_by_role("button", name="Quitter le mode présentation").click()
    page.wait_for_function("() => !location.search.includes('mode=presentation')", timeout=30000)
    wait_ready(page, heading=t("nav.funding", "fr"))
    assert "Financements" in main_text(page)


def _shown_order(regions: tuple[str, ...] = ()) -> list[str]:
    return [key for key, _ in _walk(regions)]


def _go_to_by_list(page, title: str, by_mouse: bool) -> None:
    if by_mouse:
        page.get_by_role("button", name="Aller à").click()
    else:
        page.keyboard.press("g")
    page.locator(POPOVER).wait_for(timeout=20000)
    if by_mouse:
        page.locator(POPOVER).get_by_label("Aller à la vue").click()
        page.locator("[role='option']", has_text=title).first.click()
        return
    _wait_focus(page, "Aller à la vue")
    page.keyboard.type(title)
    page.keyboard.press("Enter")


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
def test_after_go_to_every_next_moves_from_the_slide_on_screen(browser, server, size):
    """G once, by keyboard then by mouse: each Next (→, PageDown, the button) moves on from the slide shown, and
    Home then → leads to the second slide, never back to the slide chosen in the list."""
    order = _shown_order()
    total = len(order)
    context = new_context(browser, viewport={"width": size[0], "height": size[1]}, locale="fr-FR")
    page = context.new_page()
    try:
        open_page(page, server, "jobs", "mode=presentation&slide=jobs_projection")
        for by_mouse in (False, True):
            _go_to_by_list(page, "Nombre de deals", by_mouse)
            start = order.index("deals")
            _wait_slide(page, start + 1, "deals", total)
            page.wait_for_function(f"() => !document.querySelector(\"{POPOVER}\")", timeout=30000)
            nexts = ["ArrowRight", "PageDown", "button"] if not by_mouse else ["button", "button", "ArrowRight"]
            for step, how in enumerate(nexts, start=1):
                if how == "button":
                    page.locator(".st-key-smt_slide_buttons_bottom").get_by_role("button", name="Suivant").click()
                else:
                    page.keyboard.press(how)
                number = min(start + 1 + step, total)
                _wait_slide(page, number, order[number - 1], total)
                assert f"slide={order[number - 1]}" in page.url
            page.keyboard.press("Home")
            _wait_slide(page, 1, order[0], total)
            page.keyboard.press("ArrowRight")
            _wait_slide(page, 2, order[1], total)
        assert_no_error(page)
    finally:
        context.close()
