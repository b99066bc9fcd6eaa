"""The one owner of the view state: the global filters, language and mode, their widget keys, the page
parameters and the page address. ``app.py`` draws the widgets with these keys; pages and the map read the
state with :func:`current` and change it through :func:`set_regions` / :func:`set_areas` /
:func:`toggle_region` (from a widget callback, before the sidebar is drawn again), never through widget
keys of their own.

The URL is the durable copy: a new session is seeded from it, and a link that carries other filter values
(e.g. a "profile of this area" link) replaces the filters; every run writes the state back to it.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from smt_dashboard import config, i18n, navigation, st_internals
from smt_dashboard.filters import (
    MULTI_KEYS,
    RESERVED_KEYS,
    SINGLE_KEYS,
    FilterOptions,
    FilterState,
    ParseResult,
    parse_query,
    sanitize,
    share_url,
    to_query,
)

WIDGET_KEYS = {"regions": "flt_regions", "areas": "flt_areas", "models": "flt_models",
               "nationalities": "flt_nationalities"}
LANG_KEY = "lang"
MODE_KEY = "mode"
TOGGLE_KEY = "presentation_toggle"
STATE_KEY = "filter_state"
NOTICES_KEY = "url_notices"
SLIDE_KEY = "slide"  # the slide show's current view: session key and URL parameter (presentation mode only)
ROOM_KEY = "room"  # the room a presenter's screen drives and its followers follow (session key and URL parameter)
NATIONAL_KEY = "show_national"  # the show keeps the national context after the filtered views (URL: national=0 if not)
SINCE_KEY = "show_since"  # the show opens on what is new since this date or choice (URL: since=…)
SHOW_MODES = ("presentation", "presenter")
RETURN_KEY = "present_return"  # the page to open when the slide show is left
_SEEDED_KEY = "url_seeded"
_WRITTEN_KEY = "url_filters_written"  # the filter part of the address as last written by the app
_KEPT_KEY = "filters_kept_from_show"  # the show's filters, carried to the page it leaves to


def _url_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params.keys()}


def _url_filters(params: dict[str, list[str]]) -> dict[str, list[str]]:
    return {key: sorted(values) for key, values in params.items() if key in MULTI_KEYS and values}


def _seed_filters(parsed: ParseResult, skip: set[str] | frozenset[str] = frozenset()) -> None:
    for attr, widget_key in WIDGET_KEYS.items():
        if widget_key not in skip:
            st.session_state[widget_key] = list(getattr(parsed.state, attr))


def _widget_values_sent() -> set[str]:
    """The keys of the widgets whose values came with this run's request: none when a page is opened, those a
    browser shows when it reconnects to a new replica (widget ids end with their key)."""
    ids = st_internals.widget_values_sent()
    keys = [*WIDGET_KEYS.values(), LANG_KEY, TOGGLE_KEY]
    return {key for key in keys if any(widget_id.endswith("-" + key) for widget_id in ids)}


def init(options: FilterOptions) -> None:
    """Run first on every rerun, before any widget: seed a new session from the address (what cannot be
    used becomes a visible notice), or take the filters of a link that carries other filter values."""
    params = _url_params()
    if _SEEDED_KEY not in st.session_state:
        parsed = parse_query(params, options, extra_keys=navigation.page_query_keys() | {SLIDE_KEY, ROOM_KEY, "national"})
        st.session_state[MODE_KEY] = parsed.state.mode
        # A browser moved to this replica (its first one was lost) already shows a view, the same as its address,
        # and its first request carries the values of the widgets it shows, with the action just taken: those
        # values win (or that action would be undone); the others (e.g. filters hidden while presenting) come from
        # the address.
        sent = _widget_values_sent()
        _seed_filters(parsed, skip=sent)
        if LANG_KEY not in sent:
            st.session_state[LANG_KEY] = parsed.state.lang
        if TOGGLE_KEY not in sent:
            st.session_state[TOGGLE_KEY] = parsed.state.mode == "presentation"
        st.session_state[NOTICES_KEY] = list(parsed.notices)
        if params.get(SLIDE_KEY):
            st.session_state[SLIDE_KEY] = params[SLIDE_KEY][0]
        if params.get(ROOM_KEY):
            st.session_state[ROOM_KEY] = params[ROOM_KEY][0]
        st.session_state[NATIONAL_KEY] = (params.get("national") or ["1"])[0] != "0"
        if params.get("since") and parsed.state.mode in SHOW_MODES:
            st.session_state[SINCE_KEY] = params["since"][0]
        st.session_state[_SEEDED_KEY] = True
        return
    kept = st.session_state.pop(_KEPT_KEY, None)
    if kept is not None:  # just left the show: its filters, whatever the address of the page it left to says
        for widget_key, values in kept.items():
            st.session_state[widget_key] = values
        return
    # Page links without parameters clear the address (the filters then stay as they are); a link that
    # names filters means "this view".
    in_url = _url_filters(params)
    if in_url and in_url != st.session_state.get(_WRITTEN_KEY):
        filter_params = {k: v for k, v in params.items() if k in MULTI_KEYS}
        parsed = parse_query(filter_params, options)
        _seed_filters(parsed)
        st.session_state[NOTICES_KEY] = list(parsed.notices)


def compute(options: FilterOptions) -> FilterState:
    """The state from the widgets (values no longer allowed are dropped), stored for :func:`current`."""
    state = sanitize(FilterState(
        regions=tuple(st.session_state.get(WIDGET_KEYS["regions"]) or ()),
        areas=tuple(st.session_state.get(WIDGET_KEYS["areas"]) or ()),
        models=tuple(st.session_state.get(WIDGET_KEYS["models"]) or ()),
        nationalities=tuple(st.session_state.get(WIDGET_KEYS["nationalities"]) or ()),
        lang=i18n.normalize_lang(st.session_state.get(LANG_KEY)),
        mode=st.session_state.get(MODE_KEY, "normal"),
    ), options)
    st.session_state[STATE_KEY] = state
    return state


def current() -> FilterState:
    """The view's state (defaults when a page runs on its own, e.g. in tests)."""
    state = st.session_state.get(STATE_KEY)
    if isinstance(state, FilterState):
        return state
    return FilterState(lang=i18n.normalize_lang(st.session_state.get(LANG_KEY)))


def keep_hidden_filters() -> None:
    """Keep the filter values alive while their widgets are not drawn (presentation mode)."""
    for widget_key in WIDGET_KEYS.values():
        st.session_state[widget_key] = st.session_state.get(widget_key, [])


def _set(attr: str, codes) -> None:
    st.session_state[WIDGET_KEYS[attr]] = list(dict.fromkeys(codes))
    state = current()
    st.session_state[STATE_KEY] = replace(state, **{attr: tuple(st.session_state[WIDGET_KEYS[attr]])})


def set_regions(codes) -> None:
    """Set the region filter (call from a widget callback)."""
    _set("regions", codes)


def set_areas(codes) -> None:
    """Set the therapy-area filter (call from a widget callback)."""
    _set("areas", codes)


def toggle_region(code: str) -> None:
    """A click on a region: that region alone, or no region when it was already the only one."""
    set_regions([] if list(current().regions) == [code] else [code])


def reset() -> None:
    """Clear every filter (call from a widget callback)."""
    for attr in WIDGET_KEYS:
        _set(attr, [])


def sync_mode() -> None:
    """The presentation toggle changed: the slide show starts at the first view of the current page."""
    st.session_state[MODE_KEY] = "presentation" if st.session_state.get(TOGGLE_KEY) else "normal"
    st.session_state.pop(SLIDE_KEY, None)


def presenting() -> bool:
    """The slide show (the room's screen) or the presenter's screen."""
    return st.session_state.get(MODE_KEY) in SHOW_MODES


def set_slide(view_key: str) -> None:
    """The slide show's current view (call from a callback)."""
    st.session_state[SLIDE_KEY] = view_key


def leave_presentation(return_page: str | None = None) -> None:
    """Back to normal mode, on ``return_page`` (the page of the last slide shown) when given."""
    st.session_state[TOGGLE_KEY] = False
    st.session_state[MODE_KEY] = "normal"
    for key in (SLIDE_KEY, ROOM_KEY, SINCE_KEY):
        st.session_state.pop(key, None)
    # The show's filters go back to the page with it: the sidebar's widgets are drawn again on the next run, and a
    # widget that was not drawn while presenting would start empty.
    st.session_state[_KEPT_KEY] = {key: list(st.session_state.get(key) or []) for key in WIDGET_KEYS.values()}
    if return_page:
        st.session_state[RETURN_KEY] = return_page


def take_return_page() -> str | None:
    """The page to open after leaving the slide show (once)."""
    return st.session_state.pop(RETURN_KEY, None)


def add_notice(notice) -> None:
    """A page-level address value that could not be used (shown with the others at the top of the page)."""
    st.session_state[NOTICES_KEY] = [*notices(), notice]


def dismiss_notices() -> None:
    st.session_state[NOTICES_KEY] = []


def notices() -> list:
    """What the address asked for and could not be used."""
    return list(st.session_state.get(NOTICES_KEY) or [])


def sync_url(state: FilterState, page_key: str) -> None:
    """Keep the address equal to the view, so that a copied link reproduces it; page-level keys survive
    only on their own page."""
    desired = to_query(state)
    managed = set(MULTI_KEYS) | set(SINGLE_KEYS) | {SLIDE_KEY, ROOM_KEY, "national"}
    if state.mode in SHOW_MODES:
        desired.update(show_query())  # a link opens the show at this slide, in this room, with these options
        managed.add("since")
    allowed = managed | RESERVED_KEYS | set(navigation.PAGES_BY_KEY[page_key].query_keys)
    for key in list(st.query_params.keys()):
        if key not in allowed or (key in managed and key not in desired):
            del st.query_params[key]
    for key, value in desired.items():
        values = value if isinstance(value, list) else [value]
        if st.query_params.get_all(key) != values:
            st.query_params[key] = value
    st.session_state[_WRITTEN_KEY] = {k: sorted(v) for k, v in desired.items() if k in MULTI_KEYS}


def show_query() -> dict[str, str]:
    """The show's own address values: its slide, its room, whether it leaves the national context out, and the date
    it counts what is new from."""
    out = {}
    for key, name in ((SLIDE_KEY, SLIDE_KEY), (ROOM_KEY, ROOM_KEY), (SINCE_KEY, "since")):
        if st.session_state.get(key):
            out[name] = str(st.session_state[key])
    if not st.session_state.get(NATIONAL_KEY, True):
        out["national"] = "0"
    return out


def link_params(state: FilterState, **changes) -> dict[str, list[str] | str]:
    """The address parameters of a link to another page with these filters changed, e.g.
    ``link_params(state, areas=("diabetology",))`` (the link then sets them)."""
    return to_query(replace(state, **changes))


def share_link(state: FilterState, page_key: str) -> str:
    """The link that reproduces the current view, page parameters included."""
    page_params = {k: st.query_params.get_all(k) for k in navigation.PAGES_BY_KEY[page_key].query_keys}
    return share_url(config.public_url() or st.context.url, "" if page_key == "overview" else page_key, state, page_params)
