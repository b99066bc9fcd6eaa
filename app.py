"""Entry point: page config, navigation, language, global filters kept in the URL, presentation mode."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from smt_dashboard import i18n, navigation, ui
from smt_dashboard.filters import (
    MULTI_KEYS,
    RESERVED_KEYS,
    SINGLE_KEYS,
    FilterState,
    describe,
    parse_query,
    sanitize,
    share_url,
    to_query,
)

# The mode must be known before the page config (it decides whether the sidebar starts collapsed).
_presenting_at_start = st.session_state.get("mode", st.query_params.get("mode")) == "presentation"
st.set_page_config(page_title="SMT – France", page_icon=str(Path(__file__).parent / "assets" / "favicon.png"), layout="wide",
                   initial_sidebar_state="collapsed" if _presenting_at_start else "expanded")

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
    st.session_state["presentation_toggle"] = parsed.state.mode == "presentation"
    st.session_state["url_notices"] = list(parsed.notices)
    st.session_state["url_seeded"] = True


def _reset_filters() -> None:
    for widget_key in WIDGET_KEYS.values():
        st.session_state[widget_key] = []


def _dismiss_notices() -> None:
    st.session_state["url_notices"] = []


def _sync_mode() -> None:
    st.session_state["mode"] = "presentation" if st.session_state.get("presentation_toggle") else "normal"


def _leave_presentation() -> None:
    st.session_state["presentation_toggle"] = False
    st.session_state["mode"] = "normal"


presenting = st.session_state.get("mode") == "presentation"
lang = ui.lang()

with st.sidebar:
    st.radio(i18n.t("filters.language", lang), options=list(i18n.LANGS), key=ui.LANG_KEY, horizontal=True,
             format_func=lambda code: {"fr": "Français", "en": "English"}[code])
    lang = ui.lang()
    st.toggle(i18n.t("app.presentation", lang), key="presentation_toggle", on_change=_sync_mode,
              help=i18n.t("app.presentation_help", lang))
    if not presenting:
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
                       key=WIDGET_KEYS["nationalities"],
                       format_func=lambda code: i18n.label("nationality", code, lang),
                       placeholder=i18n.t("filters.placeholder", lang))
        st.button(i18n.t("filters.reset", lang), on_click=_reset_filters, icon=":material/filter_alt_off:")
        st.caption(i18n.t("filters.help_url", lang))
    else:
        # Keep the filter values alive while their widgets are hidden.
        for widget_key in WIDGET_KEYS.values():
            st.session_state[widget_key] = st.session_state.get(widget_key, [])

state = sanitize(FilterState(
    regions=tuple(st.session_state.get(WIDGET_KEYS["regions"]) or ()),
    areas=tuple(st.session_state.get(WIDGET_KEYS["areas"]) or ()),
    models=tuple(st.session_state.get(WIDGET_KEYS["models"]) or ()),
    nationalities=tuple(st.session_state.get(WIDGET_KEYS["nationalities"]) or ()),
    lang=lang,
    mode=st.session_state.get("mode", "normal"),
), options)
st.session_state[ui.FILTER_STATE_KEY] = state

specs = navigation.available_pages()
pages = {}
sections: dict[str, list] = {}
for spec in specs:
    page = st.Page(spec.file, title=i18n.t(spec.title_key, lang), icon=spec.icon, url_path=spec.key,
                   default=spec.key == "overview")
    pages[spec.key] = page
    sections.setdefault(i18n.t(f"nav.section.{spec.section}", lang), []).append(page)
# expanded: with 13 pages Streamlit would fold the last ones behind an untranslated "View 3 more" button.
current = st.navigation(sections, position="hidden" if presenting else "sidebar", expanded=True)
current_key = next((k for k, p in pages.items() if p.url_path == current.url_path), "overview")

# Keep the URL equal to the view so that a copied link reproduces it.
desired = to_query(state)
managed = set(MULTI_KEYS) | set(SINGLE_KEYS)
# Page-level keys survive only on their own page.
allowed = managed | RESERVED_KEYS | set(navigation.PAGES_BY_KEY[current_key].query_keys)
for key in list(st.query_params.keys()):
    if key not in allowed or (key in managed and key not in desired):
        del st.query_params[key]
for key, value in desired.items():
    values = value if isinstance(value, list) else [value]
    if st.query_params.get_all(key) != values:
        st.query_params[key] = value
with st.sidebar:
    with st.expander(i18n.t("app.share", lang), icon=":material/link:"):
        st.caption(i18n.t("app.share_help", lang))
        page_params = {k: st.query_params.get_all(k) for k in navigation.PAGES_BY_KEY[current_key].query_keys}
        st.code(share_url(st.context.url, "" if current_key == "overview" else current_key, state, page_params),
                language=None, wrap_lines=True)

notices = st.session_state.get("url_notices") or []
if notices:
    items = "\n".join(
        "- " + ui.escape_md(i18n.t(f"filters.notice.{n.reason}", lang, key=n.key, value=n.value)) for n in notices)
    st.warning(i18n.t("filters.notice_title", lang) + "\n\n" + items, icon=":material/link_off:")
    st.button(i18n.t("filters.notice_dismiss", lang), on_click=_dismiss_notices, key="dismiss_notices")

if presenting:
    # Static styling only (never data): larger type for projection.
    # Streamlit sizes text in rem: a larger root font scales the whole page for projection.
    # No editing widgets while projecting: the view keeps the values set before (and in the link).
    hidden = ", ".join(f".stMainBlockContainer [data-testid='{t}']" for t in (
        "stMultiSelect", "stSelectbox", "stSlider", "stButtonGroup", "stRadio", "stCheckbox", "stNumberInput",
        "stTextInput", "stDownloadButton", "stDateInput"))
    st.html("<style>html{font-size:20px}.stMainBlockContainer{max-width:none}" + hidden + "{display:none}</style>")
    keys = [s.key for s in specs]
    index = keys.index(current_key)
    bar = st.columns([2, 6, 2, 2], vertical_alignment="center")
    with bar[0]:
        st.caption(i18n.t("app.page_of", lang, n=index + 1, total=len(keys)))
    with bar[1]:
        st.caption(ui.escape_md(i18n.t("app.active_filters", lang, filters=describe(state, options, lang))))
    with bar[2]:
        if index > 0:
            st.page_link(pages[keys[index - 1]], label=i18n.t("app.previous", lang), icon=":material/arrow_back:")
    with bar[3]:
        if index < len(keys) - 1:
            st.page_link(pages[keys[index + 1]], label=i18n.t("app.next", lang), icon=":material/arrow_forward:")

current.run()
