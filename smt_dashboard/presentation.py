"""Presentation mode: a live slide show of the views of the registry, one per screen, in the deck's order (or
the views ticked on the briefing page), without the views that have no data under the filters. Keys: → /
PageDown / Space next, ← / PageUp previous, Home / End, F filters, N notes, G go to, ? or H the keys, Esc closes
an open panel or leaves (a clicker sends PageDown / PageUp); buttons at the top and the bottom for touch
screens. The address names the slide (``?mode=presentation&slide=deals``)."""

from __future__ import annotations

import html
import json
import time
from dataclasses import dataclass, replace

import streamlit as st

from smt_dashboard import deck, filters, provenance, rooms, slides, ui, ui_views, views
from smt_dashboard import presentation_style as style
from smt_dashboard import state as app_state
from smt_dashboard.datasets import DatasetError
from smt_dashboard.filters import FilterOptions, FilterState, describe

KEYS_WIDGET = "slide_keys"
_KEYS_JS = """
export default function(component) {
  const { setTriggerValue } = component;
  const actions = %s;
  const typing = (el) => !!el && (el.isContentEditable || ["TEXTAREA", "SELECT"].includes(el.tagName)
    || (el.tagName === "INPUT" && !["checkbox", "radio", "button", "submit", "range"].includes((el.type || "").toLowerCase())));
  const panel = () => document.querySelector("[data-testid='stPopoverBody']");
  // Entering the show (the sidebar's toggle, a link, the address): the focus leaves the control that started it,
  // so that the first key, or a clicker, already drives the show.
  const active = document.activeElement;
  if (active && active !== document.body && !typing(active) && !active.closest("[data-testid='stPopoverBody']")) {
    active.blur();
  }
  const focusPanelInput = (tries) => {
    const input = panel() && panel().querySelector("input:not([type=checkbox])");
    if (input) { input.focus(); return; }
    if (tries > 0) setTimeout(() => focusPanelInput(tries - 1), 100);
  };
  const onKey = (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (panel()) {
      // An open panel (filters, go to, keys) takes the keys; Esc closes it (a list open inside closes first).
      if (event.key === "Escape" && !document.querySelector("[role='listbox']")) {
        event.preventDefault();
        setTriggerValue("action", "close");
      }
      return;
    }
    if (typing(event.target)) return;
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
    setTriggerValue("action", action);
    if (action === "goto" || action === "filters") focusPanelInput(30);
  };
  document.addEventListener("keydown", onKey);
  return () => document.removeEventListener("keydown", onKey);
}
"""
# Registered once: a key listener on the page (Streamlit's components API, no polling), reporting each
# presenter key as a trigger that reruns the script.
_keys = st.components.v2.component("smt_slide_keys", js=_KEYS_JS % json.dumps(slides.KEY_ACTIONS))




SELECTION_KEY = "briefing_selection"  # the views ticked on the briefing page (set by that page)
SHOW_KEY = "slide_show"  # the show's view keys and their pages, as the last run laid them out
HANDLED_KEY = "slide_key_handled"  # the key press of this run was applied by the callback
NOTES_KEY = "slide_notes"  # the notes panel is open
FILTERS_PANEL, GOTO_PANEL, KEYS_PANEL = "smt_show_filters", "smt_show_goto", "smt_show_keys"  # popovers' keys
PANELS = (FILTERS_PANEL, GOTO_PANEL, KEYS_PANEL)
GOTO_WIDGET = "slide_goto"  # the go-to list's key prefix: a new key after each jump (see _goto_key)
GOTO_ROUND = "slide_goto_round"
_PANEL_OF = {"filters": FILTERS_PANEL, "goto": GOTO_PANEL, "keys": KEYS_PANEL}


NEWS_VIEW = "news"  # the first slide of a show opened with ?since=… (what is new since the last meeting or a date)


def show_list(state: FilterState) -> list[views.View]:
    """The views of the show: those ticked on the briefing page, or all of them; what is new first when asked."""
    selected = st.session_state.get(SELECTION_KEY)
    ordered = slides.ordered(selected if selected else None)
    if st.session_state.get(app_state.SINCE_KEY):
        ordered = [views.VIEWS_BY_KEY[NEWS_VIEW], *[v for v in ordered if v.key != NEWS_VIEW]]
    return ordered


def params_of(view: views.View) -> dict | None:
    """A slide's own parameters (the news slide counts from the show's date)."""
    if view.key == NEWS_VIEW:
        return {"since": st.session_state.get(app_state.SINCE_KEY)}
    return None


def _title_and_emptiness(view: views.View, state: FilterState) -> tuple[str, bool]:
    """The slide's title (what the go-to list shows and searches) and whether the view has no data."""
    try:
        built = ui_views.built_projection(view, state, params_of(view))
    except Exception:  # noqa: BLE001 - a view that cannot be built keeps its slide, where its error box says why
        return view.label(state.lang), False
    return built.title, built.kind == "empty"


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
    elif action == "notes":
        st.session_state[NOTES_KEY] = not st.session_state.get(NOTES_KEY, False)
    elif action in _PANEL_OF:
        for panel in PANELS:
            st.session_state[panel] = panel == _PANEL_OF[action]
    elif action == "close":
        for panel in PANELS:
            st.session_state[panel] = False


def _goto_key() -> str:
    # The list never holds the current slide: a browser keeps the last value a widget showed and sends it back with
    # every later action, so a list left on slide X would take the show back to X at each key press (the presenter
    # was stuck on X + 1). Each jump retires the list's key; the next panel draws a fresh, empty list.
    return f"{GOTO_WIDGET}_{st.session_state.get(GOTO_ROUND, 0)}"


def _go_to(widget_key: str) -> None:
    chosen = st.session_state.get(widget_key)
    st.session_state[GOTO_ROUND] = st.session_state.get(GOTO_ROUND, 0) + 1
    st.session_state[GOTO_PANEL] = False
    if chosen:
        app_state.set_slide(chosen)


def _buttons(where: str, index: int, total: int, views_keys: tuple[str, ...], page_of: dict[str, str]) -> None:
    st.button(ui.tr("app.previous"), icon=":material/arrow_back:", key=f"slide_prev_{where}", disabled=index == 0,
              on_click=_apply, args=("previous", views_keys, page_of))
    st.button(ui.tr("app.next"), icon=":material/arrow_forward:", key=f"slide_next_{where}",
              disabled=index == total - 1, on_click=_apply, args=("next", views_keys, page_of))


def _panels(options: FilterOptions, shown: list[views.View], labels: dict[str, str], views_keys: tuple[str, ...],
            page_of: dict[str, str]) -> None:
    """The top line's panels: the filters (the sidebar's own widgets), go to a slide, notes, the keys, leave."""
    with st.popover(ui.tr("app.filters_button"), icon=":material/filter_alt:", key=FILTERS_PANEL, on_change="rerun"):
        st.caption(ui.tr("app.filters_help"))
        ui.filter_widgets(options, ("regions", "areas"))
        # A filtered show plays the views the filters act on, then the national context, unless left out here.
        st.toggle(ui.tr("app.national_toggle"), key=app_state.NATIONAL_KEY, help=ui.tr("app.national_toggle_help"))
    goto = st.popover(ui.tr("app.goto_button"), icon=":material/format_list_numbered:", key=GOTO_PANEL,
                      on_change="rerun")
    with goto:
        if goto.open:
            widget_key = _goto_key()
            st.selectbox(ui.tr("app.goto_label"), options=[v.key for v in shown], index=None, key=widget_key,
                         on_change=_go_to, args=(widget_key,), format_func=lambda key: labels[key],
                         placeholder=ui.tr("app.goto_label"))
    st.button(ui.tr("app.notes_button"), icon=":material/speaker_notes:", key="slide_notes_button",
              type="primary" if st.session_state.get(NOTES_KEY) else "secondary",
              on_click=_apply, args=("notes", views_keys, page_of))
    with st.popover(ui.tr("app.keys_button"), icon=":material/keyboard:", key=KEYS_PANEL, on_change="rerun"):
        st.markdown("**" + ui.tr("app.keys_title") + "**")
        st.markdown(ui.tr("app.keys_lines"))
    st.button(ui.tr("app.exit_presentation"), icon=":material/close:", key="slide_exit_top",
              on_click=_apply, args=("exit", views_keys, page_of))


@dataclass(frozen=True)
class Deck:
    """The show as laid out for these filters: its slides, their titles, the national ones, those left out."""

    shown: list[views.View]
    keys: tuple[str, ...]
    page_of: dict[str, str]
    titles: dict[str, str]
    national: frozenset[str]
    left_out: int


def arrange(view_state: FilterState, requested: str | None) -> Deck:
    """The show's slides: what is new first when asked, the views the filters act on, then the national context
    (unless the presenter left it out), without the views the filters leave empty (the one on screen stays)."""
    every = show_list(view_state)
    facts = {v.key: _title_and_emptiness(v, view_state) for v in every}
    empty = {key for key, (_, is_empty) in facts.items() if is_empty}
    ordered, national = slides.arrange(every, view_state, st.session_state.get(app_state.NATIONAL_KEY, True))
    news = [v for v in ordered if v.key == NEWS_VIEW]
    ordered = news + [v for v in ordered if v.key != NEWS_VIEW]
    shown = slides.with_data(ordered, empty, requested)
    keys = tuple(v.key for v in shown)
    # Without a filter nothing is "left out for these filters" (the profile, which needs one, is simply not a slide).
    left_out = len([k for k in empty if k not in keys]) if view_state.is_filtered else 0
    return Deck(shown, keys, {v.key: v.page for v in shown}, {k: t for k, (t, _) in facts.items()},
                frozenset(national), left_out)


def render(page_key: str, view_state: FilterState, options: FilterOptions) -> None:
    """The slide show (or the presenter's screen), in place of the page (the address keeps the page: leaving returns
    to it). A show opened with ``room=`` follows that room's presenter."""
    lang = view_state.lang
    presenter = view_state.mode == "presenter"
    room = st.session_state.get(app_state.ROOM_KEY)
    if presenter and not rooms.valid(room):
        room = st.session_state[app_state.ROOM_KEY] = rooms.new_name()
    following = not presenter and rooms.valid(room)
    if following:
        _follow(room, initial=True)
    requested = st.session_state.get(app_state.SLIDE_KEY)
    show = arrange(view_state, requested)
    keys, shown, page_of = show.keys, show.shown, show.page_of
    if requested not in keys:
        if requested and requested not in {v.key for v in show_list(view_state)}:
            st.warning(ui.tr("app.slide_unknown", value=ui.escape_md(str(requested)[:40])), icon=":material/link_off:")
        app_state.set_slide(keys[slides.first_of_page(shown, page_key)])
    index = keys.index(st.session_state[app_state.SLIDE_KEY])
    view = shown[index]
    if presenter:
        rooms.publish(room, view.key, {**filters.to_query(replace(view_state, mode="presentation")),
                                       **{k: v for k, v in app_state.show_query().items() if k != "room"}})

    st.html(style.SLIDE + (style.PRESENTER if presenter else ""))
    st.session_state[SHOW_KEY] = (keys, page_of)
    if not following:  # only the presenter's screen (or a show of one's own) drives
        pressed = _keys(key=KEYS_WIDGET, on_action_change=_on_key)
        if not st.session_state.pop(HANDLED_KEY, False) and getattr(pressed, "action", None):
            # A key pressed before this session knew the callback (the first request after a move to another
            # replica): apply it now and draw the slide it leads to.
            _apply(pressed.action, keys, page_of)
            st.rerun()
    labels = {v.key: f"{n} · {show.titles[v.key]}" for n, v in enumerate(shown, start=1)}
    with st.container(horizontal=True, vertical_alignment="center", key="smt_slide_top"):
        status = slides.status_line(index + 1, len(shown), describe(view_state, options, lang), lang, show.left_out)
        if following:
            status += " · " + ui.tr("app.following", room=room)
        st.caption(ui.escape_md(status))
        if not following:
            with st.container(horizontal=True, gap="small", width="content", key="smt_slide_buttons_top"):
                _panels(options, shown, labels, keys, page_of)
    if presenter:
        _presenter(view, shown, index, view_state, show, room)
        return
    built = _slide_block(view, view_state, view.key in show.national)
    if not following:
        with st.container(horizontal=True, gap="small", key="smt_slide_buttons_bottom"):
            _buttons("bottom", index, len(shown), keys, page_of)
        if st.session_state.get(NOTES_KEY) and built is not None:
            _notes(view, built, view_state)
    else:
        _follow_every_second(room)


def _slide_block(view: views.View, view_state: FilterState, national: bool) -> views.Built | None:
    built = None
    with st.container(key="smt_slide"):
        st.empty()  # keeps the slide's place when its view cannot be built
        with ui.section():
            try:
                built = ui_views.built_projection(view, view_state, params_of(view))
            except Exception:
                st.title(view.label(view_state.lang), anchor=False)
                raise
            _slide(view, built, view_state, national and view_state.is_filtered)
    return built


# --- the presenter's screen and the screens that follow it ----------------------------------------------------




def _presenter(view: views.View, shown: list[views.View], index: int, view_state: FilterState, show: Deck,
               room: str) -> None:
    """The presenter's screen: the slide on the room's screen, the next one, the notes in large type, the time since
    the room opened, and the address the room's screen opens."""
    lang = view_state.lang
    left, right = st.columns([3, 2], gap="large")
    with left, st.container(key="smt_presenter_slide"):
        built = _slide_block(view, view_state, view.key in show.national)
        with st.container(horizontal=True, gap="small", key="smt_slide_buttons_bottom"):
            _buttons("bottom", index, len(shown), show.keys, show.page_of)
    with right, st.container(key="smt_presenter_side"):
        _elapsed(room)
        with st.container(key="smt_presenter_next"):
            following = shown[index + 1] if index + 1 < len(shown) else None
            st.markdown("**" + ui.tr("app.next_slide") + "** " + ui.escape_md(
                show.titles.get(following.key, following.label(lang)) if following else ui.tr("app.last_slide")))
        if built is not None:
            with st.container(key="smt_presenter_notes", border=True):
                st.markdown("**" + ui.tr("app.notes_title") + "**")
                lines = deck.speaker_notes(built, _source(built), views.filter_note(view, view_state, lang), None, lang)
                st.markdown("\n".join("- " + ui.escape_md(line) for line in lines))
        url = filters.share_url(st.context.url, page_of_url(show.page_of.get(view.key)), replace(view_state, mode="presentation"),
                                {"room": [room]})
        st.caption(ui.tr("app.room_help"))
        st.link_button(ui.tr("app.room_open"), url, icon=":material/cast:", type="primary")
        st.code(url, language=None, wrap_lines=True)


def page_of_url(page: str | None) -> str:
    return "" if not page or page == "overview" else page


@st.fragment(run_every=1.0)
def _elapsed(room: str) -> None:
    opened = rooms.get(room)
    seconds = int(time.time() - opened.started) if opened else 0
    st.metric(ui.tr("app.elapsed"), f"{seconds // 3600:d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}")


def _follow(room: str, initial: bool = False) -> bool:
    """A follower takes the room's slide and filters (True when something changed)."""
    current = rooms.get(room)
    if current is None or st.session_state.get(_FOLLOWED) == current.version:
        return False
    st.session_state[_FOLLOWED] = current.version
    query = dict(current.query)
    for attr, widget_key in app_state.WIDGET_KEYS.items():
        url_key = next(k for k, a in filters.MULTI_KEYS.items() if a == attr)
        st.session_state[widget_key] = list(query.get(url_key, ()))
    st.session_state[app_state.NATIONAL_KEY] = query.get("national", ("1",))[0] != "0"
    since = query.get("since", ("",))[0]
    if since:
        st.session_state[app_state.SINCE_KEY] = since
    else:
        st.session_state.pop(app_state.SINCE_KEY, None)
    changed = st.session_state.get(app_state.SLIDE_KEY) != current.slide or not initial
    st.session_state[app_state.SLIDE_KEY] = current.slide
    if initial and st.session_state.get(_APPLIED) != current.version:
        st.session_state[_APPLIED] = current.version
        st.rerun()
    return changed


_FOLLOWED, _APPLIED = "room_followed_version", "room_applied_version"


@st.fragment(run_every=1.0)
def _follow_every_second(room: str) -> None:
    current = rooms.get(room)
    if current is not None and st.session_state.get(_FOLLOWED) != current.version:
        st.rerun(scope="app")


def _source(built: views.Built) -> str:
    if built.source:
        return built.source
    try:
        return provenance.source_line(built.rows, ui.load("sources"), ui.lang(), built.extra_source_ids)
    except DatasetError:
        return ui.source_text(built.rows, built.extra_source_ids) or ""


def _notes(view: views.View, built: views.Built, view_state: FilterState) -> None:
    """The view's speaker notes (the deck's own), over the bottom of the slide."""
    lang = view_state.lang
    lines = deck.speaker_notes(built, _source(built), views.filter_note(view, view_state, lang), None, lang)
    with st.container(key="smt_slide_notes"):
        st.markdown("### " + ui.tr("app.notes_title"))
        st.markdown("\n".join("- " + ui.escape_md(line) for line in lines))


def _slide(view: views.View, built: views.Built, view_state: FilterState, national: bool = False) -> None:
    lang = view_state.lang
    st.title(ui.escape_md(built.title), anchor=False)
    # A filtered show's national context says so on the slide itself; a post-study view carries its badge (never
    # read as the study's); both on one line, so the visual keeps its height.
    if national or built.badge:
        with st.container(horizontal=True, vertical_alignment="center", gap="small", key="smt_slide_marks"):
            if national:
                st.html("<p class='smt-national'>" + html.escape(ui.tr("app.national_slide")) + "</p>",
                        width="content")
            if built.badge:
                st.badge(built.badge, icon=":material/travel_explore:", color="orange")
    with st.container(key="smt_slide_takeaway"):
        st.markdown(ui.escape_md(built.takeaway))
    # Keyed by the view: the previous slide's picture never lingers under the next slide's title. A view left
    # empty by the filters says so in its takeaway: nothing is drawn under it.
    if built.kind != "empty":
        with st.container(key=f"smt_slide_visual_{view.key}"):
            kind = slides.kind_of(built)
            stamps = ui_views.view_stamps(view)
            key_state = views.scoped(view, view_state)  # the picture cached by the filters the view uses
            params = view.resolve(params_of(view))
            if kind == "svg":
                st.image(ui_views.view_projection_svg(view.key, key_state, lang, params, stamps), caption=None)
            elif kind == "picture":  # the map, vector too
                st.image(ui_views.view_map_svg(view.key, key_state, lang, params, stamps))
            elif built.kind == "table":
                st.html(slides.table_html(built.content, lang))
            elif built.kind == "swot":
                st.html(slides.swot_html(built.content))
            elif built.kind == "figure":
                st.html(slides.figure_html(built.content))
    note = views.filter_note(view, view_state, lang)
    source = built.source or ui.source_text(built.rows, built.extra_source_ids)
    # One line (the full list of sources is in the notes), what the filters leave aside first: a long list of
    # sources never pushes the buttons off screen.
    with st.container(key="smt_slide_source"):
        st.caption(ui.escape_md((note + " — " if note else "") + source))
