"""The production profile (deploy/profile.py) as the committee's IT runs it: under the path prefix /smt/, with
XSRF protection, no cross-origin access, no static serving, the viewer toolbar, and SMT_PUBLIC_URL. A person
opens a page, moves to another from the menus, downloads a table and copies the share link."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from deploy import cluster, profile
from smt_dashboard.i18n import t
from tests.e2e.conftest import free_port, main_text, open_export_menu, wait_ready

PUBLIC = "https://intranet.example.org/smt"


@pytest.fixture(scope="module")
def prod_server():
    port = free_port()
    proc = profile.start(port, "smt", env={"SMT_PUBLIC_URL": PUBLIC})
    try:
        cluster.wait_healthy(f"http://127.0.0.1:{port}/smt/_stcore/health")
        yield f"http://127.0.0.1:{port}/smt"
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def test_production_options_are_the_hardened_ones():
    command = " ".join(profile.streamlit_command(8501, "smt"))
    for option in ("--server.enableXsrfProtection true", "--server.enableCORS true",
                   "--server.enableStaticServing false", "--client.toolbarMode viewer", "--server.fileWatcherType none",
                   "--browser.gatherUsageStats false", "--server.baseUrlPath smt", "--runner.postScriptGC false"):
        assert option in command, option


def test_health_and_http_hardening_under_the_prefix(prod_server):
    with urllib.request.urlopen(prod_server + "/_stcore/health", timeout=5) as response:
        assert response.status == 200
    # No static file serving: /app/static/<file> answers the app's HTML shell, never a file of the server.
    with urllib.request.urlopen(prod_server + "/app/static/app.py", timeout=5) as response:
        body = response.read()
    assert response.headers.get_content_type() == "text/html" and b"set_page_config" not in body
    # No cross-origin access: no wildcard CORS header.
    request = urllib.request.Request(prod_server + "/_stcore/host-config", headers={"Origin": "https://evil.example"})
    with urllib.request.urlopen(request, timeout=5) as response:
        assert response.headers.get("Access-Control-Allow-Origin") != "*"


def test_a_person_uses_the_app_under_the_prefix(page, prod_server):
    page.goto(prod_server + "/map?region=84")
    wait_ready(page)
    assert page.url.startswith(prod_server + "/map")
    assert "Filtré ici par Région : Auvergne-Rhône-Alpes" in main_text(page)
    # XSRF protection: the session has its token cookie.
    assert any(c["name"] == "_streamlit_xsrf" for c in page.context.cookies())
    # Viewer toolbar: no developer options in the main menu.
    assert page.locator("[data-testid='stAppDeployButton']").count() == 0
    # To another page from the top menus: the prefix and the filters stay.
    page.locator("[data-testid='stTopNavSection']").filter(has_text="Écosystème").click()
    page.locator("[data-testid='stTopNavDropdownLink']").filter(has_text="Financements").click()
    page.wait_for_function("() => location.pathname === '/smt/funding'", timeout=20000)
    wait_ready(page, heading=t("nav.funding", "fr"))
    assert "region=84" in page.url and "Financements" in main_text(page)
    # A download works through the prefix.
    open_export_menu(page)
    with page.expect_download() as info:
        page.get_by_test_id("stDownloadButton").filter(has_text="CSV").first.click()
    assert open(info.value.path(), "rb").read().startswith(b"\xef\xbb\xbf")
    # The share link names the public address.
    page.locator("[data-testid='stSidebar']").get_by_text("Copier le lien de cette vue").click()
    code = page.locator("[data-testid='stSidebar'] [data-testid='stCode']").inner_text().strip()
    assert code.startswith(PUBLIC + "/funding?") and "region=84" in code


@pytest.fixture(scope="module")
def proxied():
    """Two replicas with the production profile behind nginx (deploy/cluster.py), as deployed."""
    proxy = cluster.start(2)
    try:
        yield proxy
    finally:
        proxy.stop()


def _headers(url: str, method: str = "GET", data: bytes | None = None) -> tuple[int, dict[str, str]]:
    request = urllib.request.Request(url, method=method, data=data)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}


@pytest.mark.slow
def test_the_proxy_sends_security_headers_and_hides_its_replicas(proxied, browser):
    for path in ("", "map?region=84", "_stcore/health", "no-such-page"):
        status, headers = _headers(proxied.url + path)
        assert status in (200, 404), (path, status)
        csp = headers["content-security-policy"]
        assert "frame-ancestors 'self'" in csp and "default-src 'self'" in csp and "connect-src 'self'" in csp
        assert "http:" not in csp and "https:" not in csp and "*" not in csp  # no outside origin
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
        assert "camera=()" in headers["permissions-policy"] and "geolocation=()" in headers["permissions-policy"]
        assert "x-replica" not in headers and headers.get("server") == "nginx"  # no version, no replica address
    # Request size limit: a large body is refused by the proxy before any replica sees it.
    status, _ = _headers(proxied.url + "_stcore/health", method="POST", data=b"x" * (2 * 1024 * 1024))
    assert status == 413
    # The app works under that policy: a person opens a page with a map (WebGL) and one with charts, downloads a table;
    # every page runs the sidebar's own component (a module the page loads from a blob:). The browser reports no
    # policy violation and no page error.
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR", accept_downloads=True)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(proxied.url + "map?region=84")
    wait_ready(page)
    page.wait_for_selector("[data-testid='stDeckGlJsonChart']", timeout=30000)
    page.goto(proxied.url + "funding")
    wait_ready(page)
    open_export_menu(page)
    with page.expect_download() as info:
        page.get_by_test_id("stDownloadButton").filter(has_text="CSV").first.click()
    assert open(info.value.path(), "rb").read().startswith(b"\xef\xbb\xbf")
    page.wait_for_timeout(1000)
    assert not problems, problems[:3]
    # Affinity: one replica served every request of this browser.
    affinity = next(c["value"] for c in context.cookies() if c["name"] == "smt_replica")
    assert len({line.split()[-2] for line in proxied.access_log() if line.endswith(" " + affinity)}) == 1
    context.close()
