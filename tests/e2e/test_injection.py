"""Data strings with HTML, JavaScript or Markdown render as inert text in the real browser."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import DATA, rewrite_cell
from tests.e2e.conftest import assert_no_error, free_port, start_server, wait_map_drawn, wait_ready

PAYLOAD = '<img src="x" onerror="window.__pwned=1">**Jabil** [lien](javascript:window.__pwned=2)'


@pytest.fixture(scope="module")
def injected_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("injected") / "data"
    shutil.copytree(DATA, folder)
    rewrite_cell(folder / "companies.csv", 15, "name", PAYLOAD)  # Jabil (line 15)
    rewrite_cell(folder / "swot.csv", 2, "text_fr", PAYLOAD)
    rewrite_cell(folder / "funding_rounds.csv", 2, "investors", "=HYPERLINK(\"http://evil\");" + PAYLOAD)
    port = free_port()
    proc = start_server(port, env={"SMT_DATA_DIR": str(folder)})
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)


@pytest.mark.parametrize("path", ["map", "swot", "funding"])
def test_injected_strings_are_inert(browser, injected_server, path):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{injected_server}/{path}")
    wait_ready(page)
    if path == "map":
        wait_map_drawn(page)  # its tooltips and labels drawn from the data
    # Every image has loaded or failed (an injected one's onerror would have run by then).
    page.wait_for_function("() => document.readyState === 'complete'"
                           " && Array.from(document.images).every((img) => img.complete)", timeout=20000)
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    assert dialogs == []
    assert_no_error(page)  # inert because shown as text, not because the page failed
    if path == "swot":
        assert "<img" in page.inner_text("[data-testid='stMainBlockContainer']")  # shown as text
    context.close()
