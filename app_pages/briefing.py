"""Dossier de séance: the answer first (what the deck holds, its title and the download), then tabs: the views to
take into the meeting (charts, tables, the SWOT, the map) and what each slide will say. The deck is built under
the active filters and in the chosen language."""

from dataclasses import replace

import streamlit as st

from smt_dashboard import config, deck, filters, i18n, navigation, presentation, slides, ui, ui_since, ui_views
from smt_dashboard import views as registry

TITLE_KEY = "briefing_title"

lang = ui.lang()
state = ui.filter_state()
tr = ui.tr

ui.page_header("briefing")
# Every view can be taken; those the show plays by default are ticked at first.
groups = registry.views_by_page((spec.key for spec in navigation.available_pages()), show_only=False)

# A view that cannot be built (a broken file, a table too short) is named once and cannot be ticked.
built: dict[str, registry.Built] = {}
for _, page_views in groups:
    for view in page_views:
        with ui.section():
            built[view.key] = ui_views.built_view(view, state)
sources = None
with ui.section():
    sources = ui.load("sources")


def _available(view: registry.View) -> bool:
    return view.key in built


def _view_key(view: registry.View) -> str:
    return f"brief_view_{view.key}"


def _group_key(page: str) -> str:
    return f"brief_group_{page}"


def _select_group(page: str, views: list[registry.View]) -> None:
    for view in views:
        if _available(view):
            st.session_state[_view_key(view)] = st.session_state[_group_key(page)]


def _sync_group(page: str, views: list[registry.View]) -> None:
    st.session_state[_group_key(page)] = all(st.session_state.get(_view_key(v), False) for v in views if _available(v))


def _split(items: list, parts: int) -> list[list]:
    """Consecutive groups in ``parts`` columns of about as many views each (reading order top to bottom)."""
    total, out, size = sum(len(views) for _, views in items), [[] for _ in range(parts)], 0
    for item in items:
        column = min(parts - 1, int(size * parts / max(total, 1)))
        out[column].append(item)
        size += len(item[1])
    return out


# The choices live in the session (re-stated each run: hidden while presenting, they must not be dropped).
defaults = {i18n.t("briefing.default_title", code) for code in i18n.LANGS}
if st.session_state.get(TITLE_KEY) in defaults or not st.session_state.get(TITLE_KEY):
    st.session_state[TITLE_KEY] = tr("briefing.default_title")  # an untouched title follows the language
else:
    st.session_state[TITLE_KEY] = st.session_state[TITLE_KEY]
for page, views in groups:
    for view in views:
        # The show's views are ticked at first; a view that cannot be built cannot be.
        st.session_state[_view_key(view)] = bool(st.session_state.get(_view_key(view), view.in_show)) and _available(view)
    _sync_group(page, views)

options, _ = ui.filter_options()
presenting = ui.presenting()

title = str(st.session_state.get(TITLE_KEY) or "").strip() or tr("briefing.default_title")
selected = [v for _, views in groups for v in views if _available(v) and st.session_state.get(_view_key(v))]
# The slide show plays these views: kept under a key of its own (widget keys lapse while the page is not drawn).
st.session_state[presentation.SELECTION_KEY] = [v.key for v in selected]
n_available = sum(_available(v) for _, views in groups for v in views)
# The view is the same in both modes: the cache key leaves the mode out.
signature = replace(state, mode="normal")
stamps = {v.key: ui_views.view_stamps(v) for v in selected}
# A view without data under the filters makes no slide (and no key message): said once, under the answer.
left_out = [v for v in selected if built[v.key].kind == "empty"]
# As the show plays them: the views the filters act on first, then the national context, marked on its slides.
ordered, national = slides.arrange(selected, state)
entries = []
news_since = ui_since.deck_news_choice() if not presenting else None
if news_since is not None:  # the deck opens on what is new since the last meeting (or the chosen period)
    with ui.section():
        opening = ui_views.built_view(registry.VIEWS_BY_KEY["news"], state, {"since": news_since})
        if opening.kind != "empty":
            entries.append((registry.VIEWS_BY_KEY["news"], opening))
for view in ordered:
    if built[view.key].kind != "empty":
        with ui.section():  # as projected: a chart with too many marks for a slide has its projection version
            entries.append((view, ui_views.built_projection(view, state)))

# --- the answer: what the deck will hold, and the button that builds it ---------------------------------------
ui.key_message(ui.trp("briefing.key", len(entries), n=i18n.fmt_number(len(entries), lang),
                      slides=i18n.fmt_number(len(entries) + 2, lang),
                      filters=filters.describe(state, options, lang)))
if left_out:
    st.caption(ui.escape_md(ui.trp("briefing.left_out", len(left_out),
                                   views=" ; ".join(v.label(lang) for v in left_out))))
if not presenting:
    app_url = st.context.url

    def _deck() -> bytes:
        """Built when the button is clicked (Streamlit runs this outside the page script)."""
        return deck.build_deck(entries, title=title, state=state, options=options, sources=sources, lang=lang,
                               app_url=app_url, national=national,
                               picture=lambda v, _: ui_views.view_picture(v.key, registry.scoped(v, signature), lang,
                                                                          v.resolve(),
                                                                          stamps[v.key]))

    left, right = st.columns([3, 2], vertical_alignment="bottom")
    left.text_input(tr("briefing.title_label"), key=TITLE_KEY, max_chars=120)
    right.download_button(tr("briefing.download"), data=_deck, file_name=deck.file_name(title, state=state, options=options),
                          mime=deck.MIME,
                          on_click="ignore", type="primary", icon=":material/slideshow:",
                          disabled=not entries or sources is None,
                          help=tr("briefing.download_help"), key="briefing_download")
    if not selected:
        st.info(tr("briefing.none_selected"), icon=":material/checklist:")
    # The same count of views as the answer above: the views that make a slide, out of those ticked.
    st.caption(ui.trp("briefing.selected_count", len(selected), n=i18n.fmt_number(len(selected), lang),
                      total=i18n.fmt_number(n_available, lang), slides=i18n.fmt_number(len(entries) + 2, lang),
                      kept=i18n.fmt_number(len(entries), lang))
               + " " + tr("briefing.filters_help"))

tab_views, tab_preview = ui.tabs(
    "briefing", [tr("briefing.views_heading"),
     tr("briefing.preview_heading")])

# --- the views to take (not while projecting: only the key messages are shown then) ------------------------
if tab_views.open:
    with tab_views:
        if not presenting:
            for column, chunk in zip(st.columns(3, gap="medium"), _split(groups, 3)):
                for page, views in chunk:
                    with column, st.container(border=True):
                        page_name = tr(f"nav.{page}")
                        ticked = sum(bool(st.session_state.get(_view_key(v))) for v in views if _available(v))
                        of = sum(_available(v) for v in views)
                        # A page box is ticked when all its views are; "2 / 4" says when some are.
                        st.checkbox(f"**{ui.escape_md(page_name)}** · {ticked} / {of}", key=_group_key(page),
                                    on_change=_select_group,
                                    args=(page, views), help=tr("briefing.select_all", page=page_name),
                                    disabled=not any(_available(v) for v in views))
                        for view in views:
                            label = view.label(lang) + ("" if _available(view) else f" ({tr('briefing.unavailable')})")
                            st.checkbox(label, key=_view_key(view), on_change=_sync_group, args=(page, views),
                                        disabled=not _available(view))

# --- what each slide will say ------------------------------------------------------------------------------
if tab_preview.open:
    with tab_preview:
        if entries:
            st.caption(tr("briefing.preview_intro"))
            st.markdown("\n".join(f"- **{ui.escape_md(built.title)}** — {ui.escape_md(built.takeaway)}"
                                  for _, built in entries))
            ui.source_caption(registry.source_rows(*(built.rows for _, built in entries)))
        else:
            st.info(tr("briefing.none_selected"), icon=":material/checklist:")

with ui.notes():
    st.markdown(tr("briefing.intro"))
    st.markdown(tr("briefing.language_line", language=tr(f"briefing.language_name.{lang}")))
    if config.public_url():
        st.markdown(tr("briefing.links_public", url=ui.escape_md(config.public_url())))
    else:
        st.markdown(tr("briefing.links_browser", url=ui.escape_md(filters.share_url(st.context.url, "",
                                                                                      filters.FilterState()))))
    st.caption(tr("common.study"))
