"""The door in app.py (AppTest): with an [auth] secrets section nobody sees a figure before signing in, a person off
SMT_ALLOWED_EMAILS is refused, an allowed one gets the app and a sign-out button; without [auth] the app is open."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import APP

AUTH = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "s" * 32,
                 "client_id": "smt", "client_secret": "secret",
                 "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}}


def _run(user: dict | None = None, secrets: dict | None = None, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if secrets:
        at.secrets = secrets
    if user is not None:
        at.user = user
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def _figures(at: AppTest) -> int:
    return len(at.metric) + len(at.get("vega_lite_chart")) + len(at.dataframe) + len(at.get("deck_gl_json_chart"))


@pytest.fixture
def allow(monkeypatch):
    monkeypatch.setenv("SMT_ALLOWED_EMAILS", "alice@committee.example.org, @ministere.example.fr")


def test_without_auth_the_app_is_open():
    at = _run()
    assert not at.exception
    assert _figures(at) > 0
    assert not [b for b in at.button if b.label in ("Se connecter", "Se déconnecter")]


def test_not_signed_in_sees_only_the_sign_in(allow):
    at = _run(secrets=AUTH)
    assert not at.exception
    assert [t.value for t in at.title] == ["Tableau de bord SMT : accès réservé"]
    assert [b.label for b in at.button] == ["Se connecter"]
    assert _figures(at) == 0 and len(at.multiselect) == 0 and len(at.sidebar.children) == 0


def test_sign_in_page_in_english_from_the_address(allow):
    at = _run(secrets=AUTH, query={"lang": "en"})
    assert [t.value for t in at.title] == ["SMT dashboard: restricted access"]
    assert [b.label for b in at.button] == ["Sign in"]


def test_an_allowed_person_gets_the_app_and_a_sign_out(allow):
    at = _run(secrets=AUTH, user={"is_logged_in": True, "email": "Alice@Committee.example.org"})
    assert not at.exception
    assert _figures(at) > 0
    # (Markdown source: the address is escaped, so that it shows literally)
    captions = " ".join(c.value.replace("\\", "") for c in at.sidebar.caption)
    assert "Connecté : Alice@Committee.example.org" in captions
    assert [b.label for b in at.sidebar.button if b.label == "Se déconnecter"] == ["Se déconnecter"]
    at = _run(secrets=AUTH, user={"is_logged_in": True, "email": "bob@ministere.example.fr"})
    assert _figures(at) > 0


def test_a_person_off_the_list_is_refused_and_sees_no_figure(allow):
    at = _run(secrets=AUTH, user={"is_logged_in": True, "email": "eve@elsewhere.example.com"})
    assert not at.exception
    assert [t.value for t in at.title] == ["Accès refusé"]
    assert "eve@elsewhere.example.com" in at.warning[0].value.replace("\\", "")
    assert [b.label for b in at.button] == ["Se déconnecter"]
    assert _figures(at) == 0 and len(at.sidebar.children) == 0
    at = _run(secrets=AUTH, user={"is_logged_in": True, "email": "eve@elsewhere.example.com"}, query={"lang": "en"})
    assert [t.value for t in at.title] == ["Access refused"] and "is not on the list" in at.warning[0].value


def test_an_allow_list_without_sign_in_closes_the_door(allow):
    at = _run()
    assert [t.value for t in at.title] == ["Connexion indisponible"]
    assert _figures(at) == 0 and len(at.button) == 0
