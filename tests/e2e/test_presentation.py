"""The live slide show (presentation mode) as a presenter uses it: every view stepped through with the
keyboard at 1920 × 1080 and 1280 × 720, one screen each (the main area never scrolls), projection type sizes
at 1920 wide, the address naming the slide, Esc leaving, and the buttons for touch screens."""

from __future__ import annotations

import re

import pytest

from smt_dashboard import slides, views
from tests.e2e.conftest import SCREENSHOTS, assert_no_error, main_text, open_page, wait_ready

SHOW = views.SHOW
N_VIEWS = len(SHOW)
# The scroll container of Streamlit's main area, and whether it overflows.
OVERFLOW_JS = """() => {
  const main = document.querySelector("[data-testid='stMain']");
  const doc = document.scrollingElement;
  return {main: main ? main.scrollHeight - main.clientHeight : 0, doc: doc.scrollHeight - doc.clientHeight};
}"""
# The chart picture's displayed scale: (displayed width / natural width).
SCALE_JS = """() => {
  const img = document.querySelector("[class*='st-key-smt_slide_visual_'] img");
  if (!img || !img.naturalWidth) return null;
  return {scale: img.getBoundingClientRect().width / img.naturalWidth, src: img.currentSrc.slice(0, 30)};
}"""


def _kinds() -> dict[str, str]:
    """How each slide of the show draws its view under the walk's filter (svg, picture, html or text)."""
    from smt_dashboard.datasets import load_dataset, load_regions
    from smt_dashboard.filters import FilterState
    from tests.conftest import DATA

    frames = {n: load_dataset(n, DATA) for n in views.datasets_of(SHOW) if n != views.REGIONS}
    frames[views.REGIONS] = load_regions(DATA)
    return {v.key: slides.kind_of(views.build(v, frames, FilterState(regions=("84",)), "fr")) for v in SHOW}


KINDS = _kinds()


def _slide_number(page) -> int:
    match = re.search(r"Vue (\d+) / (\d+)", main_text(page))
    assert match, main_text(page)[:300]
    assert int(match.group(2)) == N_VIEWS
    return int(match.group(1))


def _wait_slide(page, number: int) -> None:
    """Until slide ``number`` is drawn: its status line, and its own visual (keyed by its view) alone."""
    key = SHOW[number - 1].key
    page.wait_for_function(f"() => document.body.innerText.includes('Vue {number} / {N_VIEWS}')", timeout=30000)
    page.wait_for_function(
        "(key) => { const v = document.querySelectorAll(\"[class*='st-key-smt_slide_visual_']\");"
        " return v.length === 1 && v[0].className.includes('st-key-smt_slide_visual_' + key)"
        " && !document.querySelector(\"[data-testid='stMain'] [data-stale='true']\"); }", arg=key,
        timeout=30000)
    wait_ready(page)


@pytest.mark.parametrize("width,height", [(1920, 1080), (1280, 720)], ids=["1920x1080", "1280x720"])
def test_step_through_every_view_with_the_keyboard_without_scrolling(browser, server, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="fr-FR")
    page = context.new_page()
    try:
        open_page(page, server, "", "mode=presentation&region=84")
        _wait_slide(page, 1)
        seen, small = [], []
        for number in range(1, N_VIEWS + 1):
            if number > 1:
                page.keyboard.press("PageDown" if number % 2 else "ArrowRight")
                _wait_slide(page, number)
            assert_no_error(page)
            key = SHOW[number - 1].key
            assert f"slide={key}" in page.url
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
            scale = page.evaluate(SCALE_JS)
            if KINDS[key] == "svg":  # a chart slide shows its chart as an SVG picture
                assert scale is not None and scale["src"].startswith("data:image/svg"), (key, scale)
            if width == 1920:
                assert title_px >= 28, (key, title_px)
                if KINDS[key] == "svg":
                    # Axis labels and legends are drawn at AXIS_FONT px in the picture, shown at this scale.
                    if slides.AXIS_FONT * scale["scale"] < 18:
                        small.append((key, round(slides.AXIS_FONT * scale["scale"], 1)))
                SCREENSHOTS.mkdir(exist_ok=True)
                page.screenshot(path=str(SCREENSHOTS / f"slide_{number:02d}_{key}_{width}x{height}.png"))
            seen.append(key)
        assert seen == [v.key for v in SHOW]
        assert small == [], small
        # End, Home, then Space and ArrowLeft / PageUp.
        page.keyboard.press("Home")
        _wait_slide(page, 1)
        page.keyboard.press("End")
        _wait_slide(page, N_VIEWS)
        page.keyboard.press("PageUp")
        _wait_slide(page, N_VIEWS - 1)
        page.keyboard.press("ArrowLeft")
        _wait_slide(page, N_VIEWS - 2)
        page.keyboard.press(" ")
        _wait_slide(page, N_VIEWS - 1)
    finally:
        context.close()


def test_a_link_opens_the_show_at_its_slide_and_esc_leaves_to_its_page(page, server):
    open_page(page, server, "", "mode=presentation&slide=deals")
    number = _slide_number(page)
    assert SHOW[number - 1].key == "deals"
    assert "Nombre de deals en santé digitale en 2018" in main_text(page)  # the deals view's own title
    page.keyboard.press("Escape")
    page.wait_for_function("() => !location.search.includes('mode=presentation')", timeout=30000)
    page.wait_for_function("() => location.pathname.endsWith('/deals')", timeout=30000)
    wait_ready(page)
    assert "Benchmark international des deals" in main_text(page)
    assert "slide=" not in page.url


def test_buttons_move_too_at_the_bottom(page, server):
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, server, "funding", "mode=presentation")
    start = _slide_number(page)
    assert SHOW[start - 1].page == "funding"  # the show opens at the page's first view
    page.locator(".st-key-smt_slide_buttons_bottom").get_by_role("button", name="Suivant").click()
    _wait_slide(page, start + 1)
    page.locator(".st-key-smt_slide_buttons_bottom").get_by_role("button", name="Précédent").click()
    _wait_slide(page, start)
    page.locator(".st-key-smt_slide_buttons_top").get_by_role("button", name="Quitter le mode présentation").click()
    page.wait_for_function("() => !location.search.includes('mode=presentation')", timeout=30000)
    wait_ready(page)
    assert "Financements" in main_text(page)
