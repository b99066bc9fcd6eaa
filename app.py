"""Entry point: page config, navigation, language, global filters kept in the URL, presentation mode."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from smt_dashboard import i18n, navigation, state, ui
from smt_dashboard.filters import describe

# The mode must be known before the page config (it decides whether the sidebar starts collapsed).
_presenting_at_start = st.session_state.get(state.MODE_KEY, st.query_params.get("mode")) == "presentation"
st.set_page_config(page_title="SMT – France", page_icon=str(Path(__file__).parent / "assets" / "favicon.png"), layout="wide",
                   initial_sidebar_state="collapsed" if _presenting_at_start else "expanded")

options, regions_error = ui.filter_options()
state.init(options)

presenting = st.session_state.get(state.MODE_KEY) == "presentation"
lang = ui.lang()

with st.sidebar:
    # Filters first: with the navigation at the top, they are visible without scrolling on a laptop.
    if not presenting:
        st.header(i18n.t("filters.title", lang))
        if regions_error is not None:
            st.caption(ui.escape_md(i18n.t("filters.regions_unavailable", lang, error=regions_error.describe())))
        st.multiselect(i18n.t("filters.region", lang), options=list(options.regions),
                       key=state.WIDGET_KEYS["regions"], format_func=lambda code: options.regions.get(code, code),
                       placeholder=i18n.t("filters.placeholder", lang))
        st.multiselect(i18n.t("filters.area", lang), options=list(options.areas), key=state.WIDGET_KEYS["areas"],
                       format_func=lambda code: i18n.label("area", code, lang),
                       placeholder=i18n.t("filters.placeholder", lang))
        st.multiselect(i18n.t("filters.model", lang), options=list(options.models), key=state.WIDGET_KEYS["models"],
                       format_func=lambda code: i18n.label("model", code, lang),
                       placeholder=i18n.t("filters.placeholder", lang))
        st.multiselect(i18n.t("filters.nationality", lang), options=list(options.nationalities),
                       key=state.WIDGET_KEYS["nationalities"],
                       format_func=lambda code: i18n.label("nationality", code, lang),
                       placeholder=i18n.t("filters.placeholder", lang))
        st.button(i18n.t("filters.reset", lang), on_click=state.reset, icon=":material/filter_alt_off:")
        st.caption(i18n.t("filters.help_url", lang))
        st.divider()
    else:
        state.keep_hidden_filters()
    st.radio(i18n.t("filters.language", lang), options=list(i18n.LANGS), key=state.LANG_KEY, horizontal=True,
             format_func=lambda code: {"fr": "Français", "en": "English"}[code])
    lang = ui.lang()
    st.toggle(i18n.t("app.presentation", lang), key=state.TOGGLE_KEY, on_change=state.sync_mode,
              help=i18n.t("app.presentation_help", lang))

view = state.compute(options)

specs = navigation.available_pages()
pages = {}
sections: dict[str, list] = {}
for spec in specs:
    page = st.Page(spec.file, title=i18n.t(spec.title_key, lang), icon=spec.icon, url_path=spec.key,
                   default=spec.key == "overview")
    pages[spec.key] = page
    sections.setdefault(i18n.t(f"nav.section.{spec.section}", lang), []).append(page)
# At the top, each section is a menu: every page is two clicks away and the sidebar keeps the filters.
current = st.navigation(sections, position="hidden" if presenting else "top")
current_key = next((k for k, p in pages.items() if p.url_path == current.url_path), "overview")

state.sync_url(view, current_key)
with st.sidebar:
    with st.expander(i18n.t("app.share", lang), icon=":material/link:"):
        st.caption(i18n.t("app.share_help", lang))
        st.code(state.share_link(view, current_key), language=None, wrap_lines=True)

notices = state.notices()
if notices:
    items = "\n".join(
        "- " + ui.escape_md(i18n.t(f"filters.notice.{n.reason}", lang, key=n.key, value=n.value)) for n in notices)
    st.warning(i18n.t("filters.notice_title", lang) + "\n\n" + items, icon=":material/link_off:")
    st.button(i18n.t("filters.notice_dismiss", lang), on_click=state.dismiss_notices, key="dismiss_notices")

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
        st.caption(ui.escape_md(i18n.t("app.active_filters", lang, filters=describe(view, options, lang))))
    with bar[2]:
        if index > 0:
            st.page_link(pages[keys[index - 1]], label=i18n.t("app.previous", lang), icon=":material/arrow_back:")
    with bar[3]:
        if index < len(keys) - 1:
            st.page_link(pages[keys[index + 1]], label=i18n.t("app.next", lang), icon=":material/arrow_forward:")

current.run()
