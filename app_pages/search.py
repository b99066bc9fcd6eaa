"""Rechercher: one search over everything the datasets name (companies, SMT and products, areas, regions,
recommendations, SWOT, policy, post-study developments, trainings, institutions, sources), accent- and
typo-tolerant, results grouped by kind, each leading to its page with the right filter; the query is in the
address (``?q=…``)."""

import streamlit as st

from smt_dashboard import address, i18n, navigation, search, ui, ui_search, ui_views
from smt_dashboard import state as app_state

lang = ui.lang()
tr = ui.tr
SHOWN = 6  # results per kind before "n more"
GO_KEY = "search_open"

st.title(tr("nav.search"))
with ui.section():
    ui.filter_scope((), "search.filters_reason")
notice = st.session_state.pop("search_notice", None)
if notice:  # an unknown company id in the address came here
    st.warning(ui.escape_md(notice), icon=":material/link_off:")


def notes() -> None:
    with ui.notes():
        st.markdown(tr("search.method"))


def _open(target: search.Target) -> None:
    """A result that sets the global filters (an area, a region): set them, then open its page."""
    if target.areas:
        app_state.set_areas(target.areas)
    if target.regions:
        app_state.set_regions(target.regions)
    st.session_state[GO_KEY] = target.page


QUERY = address.Binding(ui_search.SEARCH_QUERY, "text", "")


def _suggest(text: str) -> None:
    st.session_state[ui_search.SEARCH_QUERY] = text
    address.follow(QUERY)


going = st.session_state.pop(GO_KEY, None)
if going in navigation.PAGES_BY_KEY:
    st.switch_page(navigation.PAGES_BY_KEY[going].file)

# The address keeps the query (a search can be shared); Streamlit's own binding would stop a result from switching
# pages (it clears the address on a switch), the app's does not.
query = address.widget(st.text_input, tr("search.label"), QUERY, placeholder=tr("search.placeholder"),
                       icon=":material/search:", help=tr("search.help"), max_chars=address.MAX_TEXT)
query = (query or "").strip()
index = None
with ui.section():
    index = ui_views.search_index(lang)
if index is None or not (query or "").strip():
    ui.key_message(tr("search.intro"))
    notes()
    st.stop()

hits = search.search(index, query)
groups = search.grouped(hits)
if not hits:
    st.info(tr("search.none", query=ui.escape_md(query.strip())), icon=":material/search_off:")
    near = search.suggestions(index, query)
    if near:
        st.markdown(tr("search.suggest"))
        row = st.container(horizontal=True, gap="small")
        for i, name in enumerate(near):
            with row:
                st.button(name, key=f"suggest_{i}", on_click=_suggest, args=(name,), type="secondary")
    notes()
    st.stop()

summary = ", ".join(i18n.plural(f"search.kind.{kind}", len(items), lang, n=i18n.fmt_number(len(items), lang))
                    for kind, items in groups.items())
ui.key_message(tr("search.found", query=query.strip(), what=summary))


def _result(hit: search.Hit, number: int) -> None:
    entry, target = hit.entry, hit.entry.target
    with st.container(key=f"result_{entry.kind}_{number}"):
        if target.areas or target.regions:
            st.button(entry.title, key=f"open_{entry.kind}_{number}", on_click=_open, args=(target,), type="tertiary",
                      icon=navigation.PAGES_BY_KEY[target.page].icon)
        else:
            ui.page_link(target.page, label=entry.title, query_params=dict(target.params) or None)
        page = tr(f"nav.{target.page}")
        st.caption(ui.escape_md(f"{entry.context} · {page}" if entry.context else page))


for kind, items in groups.items():
    st.subheader(i18n.plural(f"search.kind.{kind}", len(items), lang, n=i18n.fmt_number(len(items), lang)))
    for number, hit in enumerate(items[:SHOWN]):
        _result(hit, number)
    if len(items) > SHOWN:
        with st.expander(i18n.plural("search.more", len(items) - SHOWN, lang, n=len(items) - SHOWN)):
            for number, hit in enumerate(items[SHOWN:], start=SHOWN):
                _result(hit, number)

notes()
