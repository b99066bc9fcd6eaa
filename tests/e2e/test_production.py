"""The production profile (deploy/profile.py) as the committee's IT runs it: under the path prefix /smt/, with
XSRF protection, no cross-origin access, no static serving, the viewer toolbar, and SMT_PUBLIC_URL. A person
opens a page, moves to another from the menus, downloads a table and copies the share link."""

from __future__ import annotations

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
                   "--browser.gatherUsageStats false", "--server.baseUrlPath smt"):
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
