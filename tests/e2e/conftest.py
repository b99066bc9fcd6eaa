"""Browser fixtures: a real `streamlit run` server on a free loopback port and Debian's Chromium
driven by Playwright, with every non-loopback host unresolvable (the tests pass offline)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = ROOT / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-background-networking", "--no-first-run", "--disable-component-update",
    "--disable-sync", "--disable-quic",
    # Offline: any host but the loopback server fails to resolve.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every browser test is in the slow tier (a server and Chromium: seconds each)."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.slow)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, env: dict | None = None, script: Path | None = None) -> subprocess.Popen:
    """Start the app (or another script) and wait for its health endpoint (raises if it does not come up)."""
    cmd = [sys.executable, "-m", "streamlit", "run", str(script or ROOT / "app.py"), "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]
    # A real server runs only the open tab of a page, as in production (SMT_ALL_TABS is the AppTest suite's).
    server_env = {k: v for k, v in os.environ.items() if k != "SMT_ALL_TABS"}
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**server_env, **(env or {})}, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("streamlit exited: " + proc.stdout.read().decode(errors="replace"))
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return proc
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("streamlit did not become healthy within 60 s")


@pytest.fixture(scope="session")
def server() -> str:
    port = free_port()
    proc = start_server(port)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium (see README)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


# The slide show hears the keys through a component whose script runs once the page is drawn: count its live key
# listener (its source calls setTriggerValue), so that a test presses a key when the show can hear it; and count the
# script runs, so that a test can wait for the run its action starts (runs, wait_ready's since_run).
SHOW_KEYS_JS = """(() => {
  const add = EventTarget.prototype.addEventListener, remove = EventTarget.prototype.removeEventListener;
  const isShow = (type, fn) => type === 'keydown' && typeof fn === 'function' && String(fn).includes('setTriggerValue');
  window.__smtShowKeys = 0;
  EventTarget.prototype.addEventListener = function (type, fn, options) {
    if (this === document && isShow(type, fn)) window.__smtShowKeys += 1;
    return add.call(this, type, fn, options);
  };
  EventTarget.prototype.removeEventListener = function (type, fn, options) {
    if (this === document && isShow(type, fn)) window.__smtShowKeys -= 1;
    return remove.call(this, type, fn, options);
  };
  // Script runs started, counted from the app root's run state: a test waits for the run its action starts.
  window.__smtRuns = 0;
  new MutationObserver((records) => {
    for (const r of records) if (r.target.getAttribute('data-test-script-state') === 'running') window.__smtRuns += 1;
  }).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-test-script-state']});
})();"""


def new_context(browser, **options):
    """A browser context whose pages report when the slide show hears the keys (see wait_ready)."""
    context = browser.new_context(**options)
    context.add_init_script(SHOW_KEYS_JS)
    return context


@pytest.fixture
def page(browser):
    context = new_context(browser, viewport={"width": 1280, "height": 800}, locale="fr-FR", accept_downloads=True)
    pg = context.new_page()
    external: list[str] = []
    pg.on("request", lambda r: external.append(r.url) if not r.url.startswith(
        ("http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "data:", "blob:", "about:")) else None)
    pg.external_requests = external  # type: ignore[attr-defined]
    yield pg
    context.close()


# Streamlit's own state, as its app root reports it: connected, the script run finished, nothing left from the
# previous run (elements are marked stale while a run replaces them), no placeholder, and a page title drawn; in the
# slide show, its key listener attached (in the contexts that watch it: new_context).
READY_JS = """(heading) => {
  const app = document.querySelector("[data-testid='stApp']");
  const title = document.querySelector("[data-testid='stMainBlockContainer'] h1");
  return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
    && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && !document.querySelector("[data-stale='true']")
    && !document.querySelector('.stSkeleton, [data-testid="stSkeleton"]')
    && !!title && (heading === null || title.innerText.includes(heading))
    && (new URLSearchParams(location.search).get('mode') !== 'presentation' || window.__smtShowKeys === undefined
        || window.__smtShowKeys > 0);
}"""


def runs(pg) -> int:
    """Script runs started so far in this page (contexts from new_context)."""
    return pg.evaluate("() => window.__smtRuns")


def wait_ready(pg, timeout: float = 30000, heading: str | None = None, since_run: int | None = None) -> None:
    """Wait until Streamlit has finished running the script and the page is drawn. After a move to another page,
    ``heading`` is the new page's title: wait for it, not for any title (the previous page's is still on screen).
    ``since_run`` (a count from runs()): wait for a run started after it, the one an action started."""
    if since_run is not None:
        pg.wait_for_function("(n) => window.__smtRuns > n", arg=since_run, timeout=timeout)
    pg.wait_for_function(READY_JS, arg=heading, timeout=timeout)


def wait_still(locator, timeout: float = 10000) -> None:
    """Wait until an element has stopped moving (the same box on two animation frames running), e.g. after a
    scroll or a resize."""
    locator.evaluate("""(el, frames) => new Promise((resolve, reject) => {
      let last = null, same = 0, seen = 0;
      const step = () => {
        const box = JSON.stringify(el.getBoundingClientRect());
        same = box === last ? same + 1 : 0;
        last = box;
        seen += 1;
        if (same >= 2) resolve();
        else if (seen > frames) reject(new Error('still moving: ' + box));
        else requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    })""", int(timeout / 16), timeout=timeout)


def wait_layout_settled(pg, width: int, timeout: float = 10000) -> None:
    """After a resize: the window has its new width and the page's height no longer changes (charts redrawn)."""
    pg.wait_for_function("(w) => window.innerWidth === w", arg=width, timeout=timeout)
    wait_still(pg.locator("[data-testid='stMainBlockContainer']"), timeout)


def coloured_share(pg, selector: str = "[data-testid='stDeckGlJsonChart'] canvas") -> float:
    """The share of a canvas's pixels in colour (the regions' blue ramp, the companies), not grey or white."""
    import io

    from PIL import Image

    canvas = pg.locator(selector).first
    image = Image.open(io.BytesIO(canvas.screenshot())).convert("RGB")
    pixels = list(image.getdata())
    return sum(1 for r, g, b in pixels if max(r, g, b) - min(r, g, b) > 40) / len(pixels)


def wait_map_drawn(pg, timeout: float = 30) -> float:
    """Wait until the map's canvas shows its layers (deck.gl draws them after the canvas appears): colour on it, the
    same on two readings in a row. Returns that share of coloured pixels."""
    pg.wait_for_selector("[data-testid='stDeckGlJsonChart'] canvas", timeout=timeout * 1000)
    deadline = time.time() + timeout
    last = -1.0
    while time.time() < deadline:
        share = coloured_share(pg)  # a screenshot: each reading takes a frame or more
        if share > 0 and abs(share - last) < 1e-4:
            return share
        last = share
    raise AssertionError(f"the map shows no stable colour after {timeout} s (last share {last:.4f})")


def open_page(pg, base: str, path: str = "", query: str = "") -> None:
    pg.goto(f"{base}/{path}" + (f"?{query}" if query else ""))
    wait_ready(pg)


def main_text(pg) -> str:
    return pg.inner_text("[data-testid='stMainBlockContainer']")


def assert_no_error(pg) -> None:
    assert pg.locator("[data-testid='stException']").count() == 0, main_text(pg)[:2000]
    assert pg.locator("[data-testid='stAlertContentError']").count() == 0, main_text(pg)[:2000]


def open_export_menu(pg, nth: int = 0) -> None:
    """Open a view's "Exporter" menu as a person does (its buttons are built when it opens)."""
    pg.get_by_test_id("stPopover").filter(has_text="Exporter").nth(nth).locator("button").first.click()
    pg.get_by_test_id("stDownloadButton").filter(has_text="CSV").first.wait_for(timeout=20000)


def page_tabs(pg):
    """The page's own tabs (not Streamlit's menus)."""
    return pg.locator("[data-testid='stMainBlockContainer'] [role='tab']")


# The page's n-th tab is the open one and its panel holds content (only the open tab runs: a tab's content is
# drawn by the rerun its click starts, and is gone from the other panels).
OPEN_TAB_JS = """(n) => {
  const tab = document.querySelectorAll("[data-testid='stMainBlockContainer'] [role='tab']")[n];
  const panel = tab && document.getElementById(tab.getAttribute('aria-controls'));
  return !!panel && tab.getAttribute('aria-selected') === 'true'
    && !!panel.querySelector("[data-testid='stElementContainer']:not([data-stale='true'])");
}"""


def open_tab(pg, n: int, timeout: float = 30000) -> None:
    """Click the page's n-th tab and wait for its content (its own run finished, not the previous tab's)."""
    page_tabs(pg).nth(n).click()
    pg.wait_for_function(OPEN_TAB_JS, arg=n, timeout=timeout)
    wait_ready(pg, timeout)


