"""Sign-in for the committee, end to end in Chromium against a mock OpenID Connect provider on loopback
(oidc-provider-mock, started here): with an [auth] secrets section nobody sees a figure before signing in; a person
on SMT_ALLOWED_EMAILS gets the app, and signs out from the sidebar; a person off the list is refused. Once with the
README's plain `streamlit run`, once with the production profile under /smt/ through nginx and two replicas (the
redirect address is the proxy's; the affinity cookie keeps a browser on its replica)."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import pytest

from deploy import cluster
from tests.e2e.conftest import free_port, start_server, wait_ready

ALLOWED = "alice@committee.example.org, @ministere.example.fr"
FIGURES = "[data-testid='stMetric'], [data-testid='stVegaLiteChart'], [data-testid='stDeckGlJsonChart']"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def provider():
    """The identity provider: any client id and secret; the person types who they are (``sub``, used as email)."""
    import warnings

    import authlib.deprecate  # noqa: F401 - first: on import it puts its own "always" filter for its warnings
    import werkzeug.serving

    with warnings.catch_warnings():  # the mock imports Authlib's older modules, which warn (the mock's concern)
        warnings.simplefilter("ignore")
        import oidc_provider_mock

    server = werkzeug.serving.make_server("127.0.0.1", free_port(), oidc_provider_mock.app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)


def secrets_file(folder: Path, provider: str, redirect_uri: str) -> Path:
    path = folder / "secrets.toml"
    path.write_text(f"""[auth]
redirect_uri = "{redirect_uri}"
cookie_secret = "a-long-random-string-shared-by-every-replica-0123456789"
client_id = "smt-dashboard"
client_secret = "not-checked-by-the-mock"
server_metadata_url = "{provider}/.well-known/openid-configuration"
""", encoding="utf-8")
    return path


def sign_in(page, base: str, email: str) -> None:
    """Open the app, see only the door, sign in at the provider as ``email``; back on the app."""
    page.goto(base + "/")
    wait_ready(page)
    assert page.get_by_role("heading", name="Tableau de bord SMT : accès réservé").count() == 1
    assert page.locator(FIGURES).count() == 0 and page.locator("[data-testid='stSidebar']").count() == 0
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_selector("input[name='sub']", timeout=20000)  # the provider's own page
    page.fill("input[name='sub']", email)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(base + "/**", timeout=20000)
    wait_ready(page)


def new_page(browser):
    return browser.new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR").new_page()


def check_refused(browser, base: str) -> None:
    page = new_page(browser)
    sign_in(page, base, "eve@elsewhere.example.com")
    assert page.get_by_role("heading", name="Accès refusé").count() == 1
    assert "eve@elsewhere.example.com" in page.inner_text("[data-testid='stMainBlockContainer']")
    # Nothing else: no figure, no menu, no sidebar, and the address of a page gives the door again.
    assert page.locator(FIGURES).count() == 0 and page.locator("[data-testid='stSidebar']").count() == 0
    page.goto(base + "/map?region=84")
    wait_ready(page)
    assert page.get_by_role("heading", name="Accès refusé").count() == 1 and page.locator(FIGURES).count() == 0
    page.context.close()


def test_plain_streamlit_run(browser, provider, tmp_path):
    port = free_port()
    secrets = secrets_file(tmp_path, provider, f"http://127.0.0.1:{port}/oauth2callback")
    proc = start_server(port, env={"SMT_ALLOWED_EMAILS": ALLOWED, "STREAMLIT_SECRETS_FILES": str(secrets)})
    base = f"http://127.0.0.1:{port}"
    try:
        page = new_page(browser)
        sign_in(page, base, "Alice@Committee.example.org")
        page.wait_for_selector(FIGURES, timeout=30000)
        sidebar = page.locator("[data-testid='stSidebar']")
        assert "Connecté : Alice@Committee.example.org" in sidebar.inner_text()
        # Sign out from the sidebar: through the provider's end of session, back to the door.
        sidebar.get_by_role("button", name="Se déconnecter").click()
        page.get_by_role("button", name="End session").click(timeout=20000)
        page.wait_for_url(base + "/**", timeout=20000)
        wait_ready(page)
        assert page.get_by_role("button", name="Se connecter").count() == 1 and page.locator(FIGURES).count() == 0
        page.context.close()
        check_refused(browser, base)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_production_profile_through_nginx_with_two_replicas(browser, provider, tmp_path):
    port = free_port()
    secrets = secrets_file(tmp_path, provider, f"http://127.0.0.1:{port}/smt/oauth2callback")
    proxy = cluster.start(2, port=port, env={"SMT_ALLOWED_EMAILS": ALLOWED}, extra={"secrets.files": str(secrets)})
    try:
        base = proxy.url.rstrip("/")
        # A ministry address (an @domain entry) comes in through the proxy's redirect address; the affinity cookie
        # kept every request of this browser, the sign-in redirects included, on one replica.
        page = new_page(browser)
        sign_in(page, base, "bob@ministere.example.fr")
        page.wait_for_selector(FIGURES, timeout=30000)
        assert page.url.startswith(base + "/")
        affinity = next(c["value"] for c in page.context.cookies() if c["name"] == "smt_replica")
        served_by = {line.split()[-2] for line in proxy.access_log() if line.endswith(" " + affinity)}
        assert len(served_by) == 1, served_by
        page.context.close()
        check_refused(browser, base)
    finally:
        proxy.stop()
