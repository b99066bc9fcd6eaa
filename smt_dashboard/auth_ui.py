"""The door (Streamlit side of ``access``): with an ``[auth]`` section in the secrets, nobody sees a figure before
signing in with the committee's OpenID Connect provider (``st.login``), and a signed-in person off the allow-list
(``SMT_ALLOWED_EMAILS``) gets a refusal and nothing else. Without ``[auth]`` (and without an allow-list) the app is
open, as it always was. ``app.py`` calls :func:`gate` before anything is drawn."""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from smt_dashboard import access, i18n

_log = logging.getLogger("smt_dashboard.access")
_GATE_LANG_KEY = "gate_lang"


def auth_section() -> dict | None:
    """The ``[auth]`` section of the secrets as a dict, {} when there is none (or no secrets file at all), None when
    a secrets file exists but cannot be read (a broken file must close the door, not open it)."""
    try:
        section = st.secrets.get("auth")
    except FileNotFoundError:  # Streamlit's "no secrets found" (also raised for a file it cannot parse)
        files = st.get_option("secrets.files") or []
        return None if any(Path(f).is_file() for f in files) else {}
    return section.to_dict() if hasattr(section, "to_dict") else dict(section or {})


def _escape_md(text: str) -> str:
    """An address shown literally by Markdown (``_`` and ``*`` are common in addresses)."""
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+-.!|<>~$:" else ch for ch in text)


def _user() -> dict:
    try:
        return dict(st.user.to_dict())
    except Exception:  # noqa: BLE001 - no identity is "not signed in"
        return {}


def _lang() -> str:
    chosen = st.session_state.get(_GATE_LANG_KEY) or st.session_state.get("lang") or st.query_params.get("lang")
    return i18n.normalize_lang(chosen)


def gate() -> access.Decision:
    """Let the person in (returns ALLOWED or OPEN), or draw the door and stop the run."""
    section = auth_section()
    configured = None if section is None else bool(section)
    user = _user() if configured else {}
    decision = access.decide(configured, user, access.allowed_from_env())
    if decision in (access.Decision.OPEN, access.Decision.ALLOWED):
        return decision
    email = user.get("email")
    if decision is access.Decision.MISCONFIGURED:
        _log.error("sign-in misconfigured (%s without an [auth] secrets section, or a secrets file that cannot be "
                   "read): access closed", access.ALLOWED_EMAILS_ENV)
    elif decision is not access.Decision.SIGN_IN:
        _log.warning("access refused (%s) for %s", decision.value, email or user.get("sub") or "unknown")
    _door(decision, section or {}, str(email or ""))
    st.stop()
    return decision  # not reached: st.stop() ends the run


def _door(decision: access.Decision, section: dict, email: str) -> None:
    st.radio(i18n.t("auth.language", _lang()), options=list(i18n.LANGS), key=_GATE_LANG_KEY, horizontal=True,
             index=list(i18n.LANGS).index(_lang()), format_func=lambda code: {"fr": "Français", "en": "English"}[code])
    lang = _lang()
    shown = _escape_md(email)
    if decision is access.Decision.SIGN_IN:
        st.title(i18n.t("auth.sign_in_title", lang))
        st.write(i18n.t("auth.sign_in_text", lang))
        st.button(i18n.t("auth.sign_in_button", lang), type="primary", icon=":material/login:",
                  on_click=st.login, args=(access.provider_name(section),), key="sign_in")
        return
    if decision is access.Decision.MISCONFIGURED:
        st.title(i18n.t("auth.misconfigured_title", lang))
        st.warning(i18n.t("auth.misconfigured_text", lang), icon=":material/lock:")
        return
    st.title(i18n.t("auth.refused_title", lang))
    text = {access.Decision.NOT_ON_LIST: "auth.refused_text", access.Decision.NO_EMAIL: "auth.no_email_text",
            access.Decision.UNVERIFIED: "auth.unverified_text"}[decision]
    st.warning(i18n.t(text, lang, email=shown), icon=":material/block:")
    st.button(i18n.t("auth.sign_out", lang), icon=":material/logout:", on_click=st.logout, key="sign_out_refused")


def sign_out_control(lang: str) -> None:
    """In the sidebar of a signed-in person: who is signed in, and the sign-out button (nothing when the app is
    open)."""
    user = _user()
    if not user.get("is_logged_in"):
        return
    if user.get("email"):
        st.caption(i18n.t("auth.signed_in_as", lang, email=_escape_md(str(user["email"]))))
    st.button(i18n.t("auth.sign_out", lang), icon=":material/logout:", on_click=st.logout, key="sign_out")
