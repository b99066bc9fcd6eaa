"""Entry point: page config, navigation, language and the global filters kept in the URL."""

from __future__ import annotations

import streamlit as st

from smt_dashboard import i18n, navigation, ui
from smt_dashboard.filters import MULTI_KEYS, RESERVED_KEYS, SINGLE_KEYS, FilterState, parse_query, sanitize, to_query

st.set_page_config(page_title="SMT – France", page_icon=":material/health_and_safety:", layout="wide",
                   initial_sidebar_state="expanded")

WIDGET_KEYS = {"regions": "flt_regions", "areas": "flt_areas", "models": "flt_models",
               "nationalities": "flt_nationalities"}

options, regions_error = ui.filter_options()

# First run of a session: the URL seeds the widgets; what cannot be used becomes a visible notice.
if "url_seeded" not in st.session_state:
    raw = {key: st.query_params.get_all(key) for key in st.query_params.keys()}
    parsed = parse_query(raw, options, extra_keys=navigation.page_query_keys())
    for attr, widget_key in WIDGET_KEYS.items():
        st.session_state[widget_key] = list(getattr(parsed.state, attr))
    st.session_state[ui.LANG_KEY] = parsed.state.lang
    st.session_state["mode"] = parsed.state.mode
    st.session_state["url_notices"] = list(parsed.notices)
    st.session_state["url_seeded"] = True


def _reset_filters() -> None:
    for widget_key in WIDGET_KEYS.values():
        st.session_state[widget_key] = []


def _dismiss_notices() -> None:
    st.session_state["url_notices"] = []


lang = ui.lang()

with st.sidebar:
    st.radio(i18n.t("filters.language", lang), options=list(i18n.LANGS), key=ui.LANG_KEY, horizontal=True,
             format_func=lambda code: {"fr": "Français", "en": "English"}[code])
    lang = ui.lang()
    st.header(i18n.t("filters.title", lang))
    if regions_error is not None:
        st.caption(ui.escape_md(i18n.t("filters.regions_unavailable", lang, error=regions_error.describe())))
    st.multiselect(i18n.t("filters.region", lang), options=list(options.regions), key=WIDGET_KEYS["regions"],
                   format_func=lambda code: options.regions.get(code, code),
                   placeholder=i18n.t("filters.placeholder", lang))
    st.multiselect(i18n.t("filters.area", lang), options=list(options.areas), key=WIDGET_KEYS["areas"],
                   format_func=lambda code: i18n.label("area", code, lang),
                   placeholder=i18n.t("filters.placeholder", lang))
    st.multiselect(i18n.t("filters.model", lang), options=list(options.models), key=WIDGET_KEYS["models"],
                   format_func=lambda code: i18n.label("model", code, lang),
                   placeholder=i18n.t("filters.placeholder", lang))
    st.multiselect(i18n.t("filters.nationality", lang), options=list(options.nationalities),
                   key=WIDGET_KEYS["nationalities"], format_func=lambda code: i18n.label("nationality", code, lang),
                   placeholder=i18n.t("filters.placeholder", lang))
    st.button(i18n.t("filters.reset", lang), on_click=_reset_filters, icon=":material/filter_alt_off:")
    st.caption(i18n.t("filters.help_url", lang))

state = sanitize(FilterState(
    regions=tuple(st.session_state.get(WIDGET_KEYS["regions"]) or ()),
    areas=tuple(st.session_state.get(WIDGET_KEYS["areas"]) or ()),
    models=tuple(st.session_state.get(WIDGET_KEYS["models"]) or ()),
    nationalities=tuple(st.session_state.get(WIDGET_KEYS["nationalities"]) or ()),
    lang=lang,
    mode=st.session_state.get("mode", "normal"),
), options)
st.session_state[ui.FILTER_STATE_KEY] = state

# Keep the URL equal to the view so that a copied link reproduces it.
desired = to_query(state)
managed = set(MULTI_KEYS) | set(SINGLE_KEYS)
allowed = managed | RESERVED_KEYS | navigation.page_query_keys()
for key in list(st.query_params.keys()):
    if key not in allowed or (key in managed and key not in desired):
        del st.query_params[key]
for key, value in desired.items():
    values = value if isinstance(value, list) else [value]
    if st.query_params.get_all(key) != values:
        st.query_params[key] = value

notices = st.session_state.get("url_notices") or []
if notices:
    items = "\n".join(
        "- " + ui.escape_md(i18n.t(f"filters.notice.{n.reason}", lang, key=n.key, value=n.value)) for n in notices)
    st.warning(i18n.t("filters.notice_title", lang) + "\n\n" + items, icon=":material/link_off:")
    st.button(i18n.t("filters.notice_dismiss", lang), on_click=_dismiss_notices, key="dismiss_notices")

sections: dict[str, list] = {}
for spec in navigation.available_pages():
    page = st.Page(spec.file, title=i18n.t(spec.title_key, lang), icon=spec.icon, url_path=spec.key,
                   default=spec.key == "overview")
    sections.setdefault(i18n.t(f"nav.section.{spec.section}", lang), []).append(page)

st.navigation(sections).run()
