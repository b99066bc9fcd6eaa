"""The allow-list (SMT_ALLOWED_EMAILS) and the door's decision, pure."""

from __future__ import annotations

import pytest

from smt_dashboard.access import (
    AllowList,
    Decision,
    allowed_from_env,
    decide,
    is_allowed,
    normalize_email,
    parse_allowed,
    provider_name,
)


def test_entries_are_addresses_and_domains_case_and_spaces_ignored():
    allow = parse_allowed(" Alice@Example.org ,@Interieur.Gouv.FR;bob@sante.gouv.fr\n, ")
    assert allow.emails == {"alice@example.org", "bob@sante.gouv.fr"}
    assert allow.domains == {"interieur.gouv.fr"}
    assert allow.rejected == ()


def test_entries_not_understood_are_kept_aside_never_widened():
    allow = parse_allowed("alice, @, @localhost, a@b@c.org, carol @x.org, @x..org, dave@example.org")
    assert allow.emails == {"dave@example.org"}
    assert allow.domains == frozenset()
    assert allow.rejected == ("alice", "@", "@localhost", "a@b@c.org", "carol @x.org", "@x..org")


@pytest.mark.parametrize("email, expected", [
    ("alice@example.org", True),
    ("ALICE@EXAMPLE.ORG", True),
    ("  alice@example.org ", True),
    ("eve@example.org", False),  # an address entry admits that address only
    ("anyone@interieur.gouv.fr", True),
    ("Anyone@INTERIEUR.gouv.fr", True),
    ("x@sub.interieur.gouv.fr", False),  # a domain entry is that exact domain
    ("x@evil-interieur.gouv.fr", False),
    ("x@interieur.gouv.fr.evil.org", False),
    ("interieur.gouv.fr", False),
    ("@interieur.gouv.fr", False),
    ("alice@example.org@interieur.gouv.fr", False),
    ("", False),
    (None, False),
    (42, False),
])
def test_matching(email, expected):
    allow = parse_allowed("alice@example.org, @interieur.gouv.fr")
    assert is_allowed(email, allow) is expected


def test_an_empty_list_admits_nobody():
    assert parse_allowed("").empty and parse_allowed(None).empty and parse_allowed(" , ;").empty
    assert not is_allowed("alice@example.org", parse_allowed(""))


def test_list_from_the_environment():
    assert allowed_from_env({"SMT_ALLOWED_EMAILS": "@example.org"}).domains == {"example.org"}
    assert allowed_from_env({}).empty


def test_normalize_email():
    assert normalize_email(" A.B@Example.ORG ") == "a.b@example.org"
    assert normalize_email("a b@example.org") is None
    assert normalize_email("a@example") is None


ALLOW = parse_allowed("alice@example.org, @committee.example.org")


@pytest.mark.parametrize("configured, user, allow, expected", [
    (False, None, AllowList(), Decision.OPEN),  # no [auth], no list: open as before
    (False, {"is_logged_in": False}, AllowList(), Decision.OPEN),
    (False, None, ALLOW, Decision.MISCONFIGURED),  # a list but no sign-in: closed
    (None, None, AllowList(), Decision.MISCONFIGURED),  # secrets file unreadable: closed
    (True, None, ALLOW, Decision.SIGN_IN),
    (True, {}, ALLOW, Decision.SIGN_IN),
    (True, {"is_logged_in": False, "email": "alice@example.org"}, ALLOW, Decision.SIGN_IN),
    (True, {"is_logged_in": True, "email": "alice@example.org"}, ALLOW, Decision.ALLOWED),
    (True, {"is_logged_in": True, "email": "Bob@Committee.example.org", "email_verified": True}, ALLOW,
     Decision.ALLOWED),
    (True, {"is_logged_in": True, "email": "eve@example.org"}, ALLOW, Decision.NOT_ON_LIST),
    (True, {"is_logged_in": True, "email": "alice@example.org"}, AllowList(), Decision.NOT_ON_LIST),
    (True, {"is_logged_in": True, "email": "alice@example.org", "email_verified": False}, ALLOW, Decision.UNVERIFIED),
    (True, {"is_logged_in": True, "sub": "123"}, ALLOW, Decision.NO_EMAIL),
    (True, {"is_logged_in": True, "email": "not an address"}, ALLOW, Decision.NO_EMAIL),
])
def test_decision(configured, user, allow, expected):
    assert decide(configured, user, allow) is expected


def test_provider_for_st_login():
    assert provider_name(None) is None
    assert provider_name({"redirect_uri": "x", "cookie_secret": "y", "client_id": "c",
                          "server_metadata_url": "u"}) is None  # the default provider, directly under [auth]
    assert provider_name({"redirect_uri": "x", "proconnect": {"client_id": "c", "server_metadata_url": "u"}}) == (
        "proconnect")
