"""Who may enter when sign-in is on (pure: no Streamlit). The allow-list comes from ``SMT_ALLOWED_EMAILS``: addresses
and ``@domain`` entries, comma-separated (``alice@example.org, @interieur.gouv.fr``). Matching ignores case and the
spaces around entries; a domain entry admits that exact domain, not its sub-domains (list each one). An empty or
missing list admits nobody: sign-in without a list is a closed door, never an open one.

The identity comes from the OpenID Connect provider's claims (``st.user``): its ``email`` must be present and, when
the provider says whether it checked it (``email_verified``), checked."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

ALLOWED_EMAILS_ENV = "SMT_ALLOWED_EMAILS"


@dataclass(frozen=True)
class AllowList:
    """The parsed list: exact addresses, domains (without the ``@``), and the entries that were not understood."""

    emails: frozenset[str] = frozenset()
    domains: frozenset[str] = frozenset()
    rejected: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.emails and not self.domains


def _valid_domain(domain: str) -> bool:
    labels = domain.split(".")
    return len(labels) >= 2 and all(labels) and all(ch.isalnum() or ch in "-." for ch in domain)


def normalize_email(value: object) -> str | None:
    """``" Alice@Example.ORG "`` → ``"alice@example.org"``; None for anything that is not one address."""
    if not isinstance(value, str):
        return None
    text = value.strip().lower()
    local, sep, domain = text.partition("@")
    if not sep or not local or "@" in domain or any(ch.isspace() for ch in text) or not _valid_domain(domain):
        return None
    return text


def parse_allowed(text: str | None) -> AllowList:
    """Parse ``SMT_ALLOWED_EMAILS``: entries split on commas (and semicolons or line breaks, as copied from a mail
    client); ``@domain`` entries are domains, others must be one address each; the rest is kept as rejected."""
    emails: set[str] = set()
    domains: set[str] = set()
    rejected: list[str] = []
    for raw in (text or "").replace(";", ",").replace("\n", ",").split(","):
        entry = raw.strip()
        if not entry:
            continue
        if entry.startswith("@"):
            domain = entry[1:].lower()
            if _valid_domain(domain):
                domains.add(domain)
            else:
                rejected.append(entry)
            continue
        email = normalize_email(entry)
        if email is None:
            rejected.append(entry)
        else:
            emails.add(email)
    return AllowList(frozenset(emails), frozenset(domains), tuple(rejected))


def allowed_from_env(environ: Mapping[str, str] | None = None) -> AllowList:
    """The allow-list set for this process (``SMT_ALLOWED_EMAILS``)."""
    return parse_allowed((os.environ if environ is None else environ).get(ALLOWED_EMAILS_ENV))


def is_allowed(email: object, allow: AllowList) -> bool:
    """True when ``email`` is one address on the list, or in one of its domains (case-insensitive)."""
    normalized = normalize_email(email)
    if normalized is None:
        return False
    return normalized in allow.emails or normalized.rpartition("@")[2] in allow.domains


class Decision(Enum):
    OPEN = "open"  # no sign-in configured: the app is open, as without this module
    SIGN_IN = "sign_in"  # sign-in configured, nobody signed in yet
    ALLOWED = "allowed"
    NOT_ON_LIST = "not_on_list"
    NO_EMAIL = "no_email"  # the provider gave no usable address
    UNVERIFIED = "unverified"  # the provider says it did not check the address
    MISCONFIGURED = "misconfigured"  # the allow-list is set but sign-in is not configured (or unreadable)


def decide(auth_configured: bool | None, user: Mapping[str, object] | None, allow: AllowList) -> Decision:
    """What the person at the door gets.

    ``auth_configured``: True with an ``[auth]`` section, False without one, None when the secrets file exists but
    cannot be read (then nobody enters). ``user``: the identity claims (``is_logged_in``, ``email``,
    ``email_verified``), None or empty when nobody is signed in."""
    if auth_configured is None:
        return Decision.MISCONFIGURED
    if not auth_configured:
        # An allow-list without sign-in would be a promise nobody keeps: closed rather than silently open.
        return Decision.MISCONFIGURED if not allow.empty else Decision.OPEN
    if not user or not user.get("is_logged_in"):
        return Decision.SIGN_IN
    if normalize_email(user.get("email")) is None:
        return Decision.NO_EMAIL
    if user.get("email_verified") is False:
        return Decision.UNVERIFIED
    return Decision.ALLOWED if is_allowed(user.get("email"), allow) else Decision.NOT_ON_LIST


_PROVIDER_KEYS = {"client_id", "client_secret", "server_metadata_url"}


def provider_name(auth_section: Mapping[str, object] | None) -> str | None:
    """The provider ``st.login`` is called with: None for the one provider written directly under ``[auth]``
    (Streamlit's "default"), else the first ``[auth.<name>]`` sub-section (e.g. ``[auth.proconnect]``)."""
    if not auth_section:
        return None
    if _PROVIDER_KEYS & set(auth_section):
        return None
    for name, value in auth_section.items():
        if isinstance(value, Mapping) and _PROVIDER_KEYS & set(value):
            return str(name)
    return None
