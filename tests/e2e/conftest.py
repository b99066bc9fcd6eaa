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


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR", accept_downloads=True)
    pg = context.new_page()
    external: list[str] = []
    pg.on("request", lambda r: external.append(r.url) if not r.url.startswith(
        ("http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "data:", "blob:", "about:")) else None)
    pg.external_requests = external  # type: ignore[attr-defined]
    yield pg
    context.close()


def wait_ready(pg, timeout: float = 30000) -> None:
    """Wait until the page is rendered and Streamlit has finished running the script."""
    pg.wait_for_selector("[data-testid='stMainBlockContainer'] h1", timeout=timeout)
    pg.wait_for_function(
        "() => !document.querySelector(\"[data-testid='stStatusWidget']\")"
        " && !document.querySelector('.stSkeleton, [data-testid=\"stSkeleton\"]')",
        timeout=timeout)
    pg.wait_for_timeout(600)


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


