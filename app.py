"""Entry point: page config, navigation, language, global filters kept in the URL, presentation mode."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from smt_dashboard import auth_ui, i18n, navigation, st_internals, state, ui, ui_search

# The mode must be known before the page config (it decides whether the sidebar starts collapsed).
_presenting_at_start = st.session_state.get(state.MODE_KEY, st.query_params.get("mode")) in state.SHOW_MODES
st.set_page_config(page_title="SMT – France", page_icon=str(Path(__file__).parent / "assets" / "favicon.png"), layout="wide",
                   initial_sidebar_state="collapsed" if _presenting_at_start else "expanded")

# The door, before anything else is drawn: with sign-in configured ([auth] in the secrets), a person not signed in,
# or not on SMT_ALLOWED_EMAILS, sees the sign-in page or a refusal and the run stops here. Without [auth]: open.
auth_ui.gate()

ui.begin_run()
# One small style sheet: labels wrap rather than being cut (the only page-wide style the app sets).
st.html(Path(__file__).parent / "assets" / "app.css")

options, regions_error = ui.filter_options()
state.init(options)

presenting = state.presenting()
lang = ui.lang()

with st.sidebar:
    # Filters first: with the navigation at the top, they are visible without scrolling on a laptop.
    if not presenting:
        ui_search.search_box()
        # In view on a laptop (1280 x 800) without scrolling: the switch to the slide show, then the filters.
        st.toggle(i18n.t("app.presentation", lang), key=state.TOGGLE_KEY, on_change=state.sync_mode,
                  help=i18n.t("app.presentation_help", lang))
        st.header(i18n.t("filters.title", lang))
        if regions_error is not None:
            st.caption(ui.escape_md(i18n.t("filters.regions_unavailable", lang, error=regions_error.describe())))
        ui.filter_widgets(options)
        st.button(i18n.t("filters.reset", lang), on_click=state.reset, icon=":material/filter_alt_off:")
        st.caption(i18n.t("filters.help_url", lang))
        st.divider()
    else:
        state.keep_hidden_filters()
    st.radio(i18n.t("filters.language", lang), options=list(i18n.LANGS), key=state.LANG_KEY, horizontal=True,
             format_func=lambda code: {"fr": "Français", "en": "English"}[code])
    lang = ui.lang()
    if presenting:
        st.toggle(i18n.t("app.presentation", lang), key=state.TOGGLE_KEY, on_change=state.sync_mode,
                  help=i18n.t("app.presentation_help", lang))
    auth_ui.sign_out_control(lang)

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
st_internals.say_page_not_found_in_the_apps_words()
current = st.navigation(sections, position="hidden" if presenting else "top")
if st.session_state.pop(st_internals.PAGE_NOT_FOUND, False):  # said in the reader's language, not Streamlit's
    st.warning(i18n.t("app.page_not_found", lang), icon=":material/link_off:")
current_key = next((k for k, p in pages.items() if p.url_path == current.url_path), "overview")

searched = ui_search.take_search()
if searched and current_key != "search" and "search" in pages:  # the sidebar's box: Enter opens the results
    st.switch_page(pages["search"], query_params={"q": searched})
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
    # The slide show replaces the page; the address keeps the page, to which Esc returns.
    from smt_dashboard import presentation

    presentation.render(current_key, view, options)
    state.sync_url(view, current_key)  # the slide the show opened on
else:
    back_to = state.take_return_page()
    if back_to and back_to != current_key and back_to in pages:
        # Leaving the show keeps its view: the page of the slide on screen, with the show's filters in the address.
        st.switch_page(pages[back_to], query_params=state.link_params(view))
    # The last guard: a failure no section of the page caught becomes one error box; the menus and filters stay.
    with ui.section():
        current.run()
