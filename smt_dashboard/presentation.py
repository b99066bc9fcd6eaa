"""Presentation mode: a live slide show of the views of the registry, one per screen, in the deck's order (or
the views ticked on the briefing page). Keys: → / PageDown / Space next, ← / PageUp previous, Home / End,
Esc leaves (a clicker sends PageDown / PageUp); buttons at the top and the bottom for touch screens. The
address names the slide (``?mode=presentation&slide=deals``)."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from smt_dashboard import slides, ui, ui_views, views
from smt_dashboard import state as app_state
from smt_dashboard.filters import FilterOptions, FilterState, describe

KEYS_WIDGET = "slide_keys"
_KEYS_JS = """
export default function(component) {
  const { setTriggerValue } = component;
  const actions = %s;
  const onKey = (event) => {
    const target = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    setTriggerValue("action", action);
  };
  document.addEventListener("keydown", onKey);
  return () => document.removeEventListener("keydown", onKey);
}
"""
# Registered once: a key listener on the page (Streamlit's components API, no polling), reporting each
# presenter key as a trigger that reruns the script.
_keys = st.components.v2.component(
    "smt_slide_keys", js=_KEYS_JS % {k: v for k, v in slides.KEY_ACTIONS.items()}.__repr__().replace("'", '"'))

# Static styling only (never data). Type scales with the screen width (20 px at 1920, 14 px at 1280) and the
# visual takes the height that the heading, takeaway, source and buttons leave, so nothing scrolls.
_CSS = """<style>
html{font-size:clamp(14px,1.05vw,20px)}
[data-testid='stHeader']{display:none}
.stMainBlockContainer{max-width:none;padding:0.8rem 2.2rem 0.4rem 2.2rem}
.stMainBlockContainer [data-testid='stVerticalBlock']{gap:0.45rem}
.st-key-smt_slide h1{font-size:1.75rem;line-height:1.25;padding:0.2rem 0 0 0;margin:0}
.st-key-smt_slide [data-testid='stHeading']{margin:0 0 0.35rem 0}
.st-key-smt_slide [data-testid='stHeading'] > div{min-height:0}
.st-key-smt_slide_takeaway{margin-top:0.5rem}
/* Streamlit pulls a Markdown block up by its paragraph's margin; with the margin at 0 the visual overlapped it. */
.st-key-smt_slide_takeaway [data-testid='stMarkdownContainer']{margin-bottom:0}
.st-key-smt_slide_takeaway p{font-size:1.15rem;font-weight:600;margin:0;line-height:1.35}
[class*='st-key-smt_slide_visual_'] img{max-height:calc(100vh - 18.5rem);max-width:100%;width:auto;object-fit:contain}
[class*='st-key-smt_slide_visual_']{max-height:calc(100vh - 18rem);overflow:hidden}
.smt-slide-table{border-collapse:collapse;font-size:0.95rem;width:100%}
.smt-slide-table th{background:#1F2933;color:#fff;text-align:left;padding:0.25rem 0.5rem}
.smt-slide-table td{border-bottom:1px solid #D5DCE3;padding:0.2rem 0.5rem}
.smt-slide-table td.num{text-align:right}
.smt-swot{display:grid;grid-template-columns:1fr 1fr;gap:0.6rem}
.smt-swot-cell{background:#F2F5F8;padding:0.4rem 0.8rem;border-radius:6px}
.smt-swot-cell h3{font-size:1.1rem;margin:0;padding:0}
.smt-swot-cell ul{margin:0.2rem 0 0 1rem;padding:0;font-size:0.85rem}
.smt-more{font-size:0.85rem;color:#44505C;margin:0.2rem 0 0 0}
.smt-figure{padding:1rem 0}
.smt-figure-label{font-size:1.4rem;margin:0;color:#44505C}
.smt-figure-value{font-size:4.5rem;font-weight:700;margin:0;line-height:1.1}
.smt-figure-detail{font-size:1.2rem;margin:0.3rem 0 0 0}
</style>"""


SELECTION_KEY = "briefing_selection"  # the views ticked on the briefing page (set by that page)
SHOW_KEY = "slide_show"  # the show's view keys and their pages, as the last run laid them out
HANDLED_KEY = "slide_key_handled"  # the key press of this run was applied by the callback


def show_list(state: FilterState) -> list[views.View]:
    """The views of the show: those ticked on the briefing page, or all of them."""
    selected = st.session_state.get(SELECTION_KEY)
    return slides.ordered(selected if selected else None)


def _on_key() -> None:
    # The components API passes no arguments to its callbacks: the show's order comes from the session (the
    # callback is only known once a run has mounted the listener, and that run stored the order).
    st.session_state[HANDLED_KEY] = True
    action = (st.session_state.get(KEYS_WIDGET) or {}).get("action")
    views_keys, page_of = st.session_state[SHOW_KEY]
    _apply(action, views_keys, page_of)


def _apply(action: str | None, views_keys: tuple[str, ...], page_of: dict[str, str]) -> None:
    current = st.session_state.get(app_state.SLIDE_KEY)
    index = views_keys.index(current) if current in views_keys else 0
    if action == "exit":
        app_state.leave_presentation(page_of.get(views_keys[index]))
    elif action in slides.ACTIONS:
        app_state.set_slide(views_keys[slides.move(index, action, len(views_keys))])


def _buttons(where: str, index: int, total: int, views_keys: tuple[str, ...], page_of: dict[str, str],
             exit_button: bool) -> None:
    row = st.container(horizontal=True, gap="small", key=f"smt_slide_buttons_{where}")
    with row:
        st.button(ui.tr("app.previous"), icon=":material/arrow_back:", key=f"slide_prev_{where}", disabled=index == 0,
                  on_click=_apply, args=("previous", views_keys, page_of))
        st.button(ui.tr("app.next"), icon=":material/arrow_forward:", key=f"slide_next_{where}",
                  disabled=index == total - 1, on_click=_apply, args=("next", views_keys, page_of))
        if exit_button:
            st.button(ui.tr("app.exit_presentation"), icon=":material/close:", key=f"slide_exit_{where}",
                      on_click=_apply, args=("exit", views_keys, page_of))


def render(page_key: str, view_state: FilterState, options: FilterOptions) -> None:
    """The slide show, in place of the page (the address keeps the page: leaving returns to it)."""
    lang = view_state.lang
    views = show_list(view_state)
    keys = tuple(v.key for v in views)
    page_of = {v.key: v.page for v in views}
    requested = st.session_state.get(app_state.SLIDE_KEY)
    if requested not in keys:
        if requested:
            st.warning(ui.tr("app.slide_unknown", value=ui.escape_md(str(requested)[:40])), icon=":material/link_off:")
        app_state.set_slide(keys[slides.first_of_page(views, page_key)])
    index = keys.index(st.session_state[app_state.SLIDE_KEY])
    view = views[index]

    st.html(_CSS)
    st.session_state[SHOW_KEY] = (keys, page_of)
    pressed = _keys(key=KEYS_WIDGET, on_action_change=_on_key)
    if not st.session_state.pop(HANDLED_KEY, False) and getattr(pressed, "action", None):
        # A key pressed before this session knew the callback (the first request after a move to another
        # replica): apply it now and draw the slide it leads to.
        _apply(pressed.action, keys, page_of)
        st.rerun()
    with st.container(horizontal=True, vertical_alignment="center", key="smt_slide_top"):
        st.caption(ui.escape_md(slides.status_line(index + 1, len(views), describe(view_state, options, lang), lang)))
        _buttons("top", index, len(views), keys, page_of, exit_button=True)

    with st.container(key="smt_slide"):
        st.empty()  # keeps the slide's place when its view cannot be built
        with ui.section():
            try:
                built = ui_views.built_view(view, view_state)
            except Exception:
                st.title(view.label(lang), anchor=False)
                raise
            _slide(view, built, view_state)
    _buttons("bottom", index, len(views), keys, page_of, exit_button=False)


def _slide(view: views.View, built: views.Built, view_state: FilterState) -> None:
    lang = view_state.lang
    st.title(ui.escape_md(built.title), anchor=False)
    if built.badge:  # a post-study view: never read as the study's
        st.badge(built.badge, icon=":material/travel_explore:", color="orange")
    with st.container(key="smt_slide_takeaway"):
        st.markdown(ui.escape_md(built.takeaway))
    # Keyed by the view: the previous slide's picture never lingers under the next slide's title.
    with st.container(key=f"smt_slide_visual_{view.key}"):
        kind = slides.kind_of(built)
        stamps = ui_views.view_stamps(view)
        key_state = replace(view_state, mode="normal")
        params = view.resolve()
        if kind == "svg":
            st.image(ui_views.view_projection_svg(view.key, key_state, lang, params, stamps), caption=None)
        elif kind == "picture":
            st.image(ui_views.view_picture(view.key, key_state, lang, params, stamps))
        elif built.kind == "table":
            st.html(slides.table_html(built.content, lang))
        elif built.kind == "swot":
            st.html(slides.swot_html(built.content))
        elif built.kind == "figure":
            st.html(slides.figure_html(built.content))
        else:
            st.info(ui.tr("briefing.empty_slide"), icon=":material/info:")
    note = views.filter_note(view, view_state, lang)
    source = built.source or ui.source_text(built.rows, built.extra_source_ids)
    st.caption(ui.escape_md(source + (" — " + note if note else "")))
