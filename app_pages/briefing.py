"""Dossier de séance: tick the views to take into the meeting (charts, tables, the SWOT, the map) and download
them as one PowerPoint deck, built under the active filters and in the chosen language."""

from dataclasses import replace

import streamlit as st

from smt_dashboard import briefing, datasets, deck, filters, i18n, navigation, ui
from smt_dashboard.datasets import DatasetError
from smt_dashboard.filters import FilterState

TITLE_KEY = "briefing_title"

lang = ui.lang()
state = ui.filter_state()
tr = ui.tr

ui.page_header("briefing", "briefing.intro")
ui.filter_scope(applies=briefing.ALL_FILTERS)
(sources,) = ui.require("sources")

groups = briefing.views_by_page(spec.key for spec in navigation.available_pages())

# A broken file only disables the views that read it (its named error box is shown once).
frames: dict = {}
broken: set[str] = set()
for name in briefing.datasets_of(v for _, views in groups for v in views):
    try:
        frames[name] = ui.regions_geojson() if name == briefing.REGIONS else ui.load(name)
    except DatasetError as exc:
        ui.show_dataset_error(exc)
        broken.add(name)


def _available(view: briefing.View) -> bool:
    return not broken.intersection(view.datasets)


def _stamp(name: str) -> tuple[str, int, int]:
    # Part of the picture cache key, so that an edited file gives a new picture.
    path = datasets.data_dir() / ("regions.geojson" if name == briefing.REGIONS else f"{name}.csv")
    try:
        info = path.stat()
        return name, info.st_mtime_ns, info.st_size
    except FileNotFoundError:
        return name, 0, 0


@st.cache_resource(show_spinner=False, max_entries=512)
def _built(view_key: str, view_state: FilterState, lang_code: str, stamps: tuple, _frames: dict) -> briefing.Built:
    """One view built under this state, shared by reruns and sessions (keyed by the files' versions):
    the page builds every ticked view on each rerun to preview the slides."""
    return briefing.build(briefing.VIEWS_BY_KEY[view_key], _frames, view_state, lang_code)


def _build(view: briefing.View, frames: dict, view_state: FilterState, lang_code: str, stamps: tuple) -> briefing.Built:
    built = _built(view.key, view_state, lang_code, stamps, frames)
    # The cached view is shared: hand out its own shallow copy of the rows (copy-on-write).
    return replace(built, rows=built.rows.copy(deep=False))


@st.cache_data(show_spinner=False, max_entries=256)
def _picture(view_key: str, view_state: FilterState, lang_code: str, stamps: tuple) -> bytes:
    """The PNG of one chart or map view under these filters (rendering is the slow part of the deck)."""
    view = briefing.VIEWS_BY_KEY[view_key]
    view_frames = {n: ui.regions_geojson() if n == briefing.REGIONS else ui.load(n) for n in view.datasets}
    return deck.render_picture(view, _build(view, view_frames, view_state, lang_code, stamps), lang_code)


def _view_key(view: briefing.View) -> str:
    return f"brief_view_{view.key}"


def _group_key(page: str) -> str:
    return f"brief_group_{page}"


def _select_group(page: str, views: list[briefing.View]) -> None:
    for view in views:
        if _available(view):
            st.session_state[_view_key(view)] = st.session_state[_group_key(page)]


def _sync_group(page: str, views: list[briefing.View]) -> None:
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
        # Every view is ticked at first; a view whose data is broken cannot be.
        st.session_state[_view_key(view)] = bool(st.session_state.get(_view_key(view), True)) and _available(view)
    _sync_group(page, views)

options, _ = ui.filter_options()
presenting = ui.presenting()

# --- settings and views (not while projecting: only the key messages are shown then) ---------------------
if not presenting:
    st.subheader(tr("briefing.settings_heading"))
    st.text_input(tr("briefing.title_label"), key=TITLE_KEY, max_chars=120)
    st.markdown(tr("briefing.active_filters", filters=ui.escape_md(filters.describe(state, options, lang))))
    st.caption(tr("briefing.filters_help"))
    st.markdown(tr("briefing.language_line", language=tr(f"briefing.language_name.{lang}")))

    st.subheader(tr("briefing.views_heading"))
    for column, chunk in zip(st.columns(3, gap="medium"), _split(groups, 3)):
        for page, views in chunk:
            with column, st.container(border=True):
                page_name = tr(f"nav.{page}")
                st.checkbox(f"**{ui.escape_md(page_name)}**", key=_group_key(page), on_change=_select_group,
                            args=(page, views), help=tr("briefing.select_all", page=page_name),
                            disabled=not any(_available(v) for v in views))
                for view in views:
                    label = view.label(lang) + ("" if _available(view) else f" ({tr('briefing.unavailable')})")
                    st.checkbox(label, key=_view_key(view), on_change=_sync_group, args=(page, views),
                                disabled=not _available(view))

title = str(st.session_state.get(TITLE_KEY) or "").strip() or tr("briefing.default_title")
selected = [v for _, views in groups for v in views if _available(v) and st.session_state.get(_view_key(v))]
n_available = sum(_available(v) for _, views in groups for v in views)
# The view is the same in both modes: the cache key leaves the mode out.
signature = replace(state, mode="normal")
stamps = {v.key: tuple(_stamp(n) for n in v.datasets) for v in selected}
entries = [(view, _build(view, frames, signature, lang, stamps[view.key])) for view in selected]

# --- download ---------------------------------------------------------------------------------------------
if not presenting:
    st.caption(tr("briefing.selected_count", n=i18n.fmt_number(len(selected), lang),
                  total=i18n.fmt_number(n_available, lang), slides=i18n.fmt_number(len(selected) + 2, lang)))
    app_url = st.context.url

    def _deck() -> bytes:
        """Built when the button is clicked (Streamlit runs this outside the page script)."""
        return deck.build_deck(entries, title=title, state=state, options=options, sources=sources, lang=lang,
                               app_url=app_url, picture=lambda v, _: _picture(v.key, signature, lang, stamps[v.key]))

    if not selected:
        st.info(tr("briefing.none_selected"), icon=":material/checklist:")
    st.download_button(tr("briefing.download"), data=_deck, file_name=deck.file_name(title), mime=deck.MIME,
                       on_click="ignore", type="primary", icon=":material/slideshow:", disabled=not selected,
                       help=tr("briefing.download_help"), key="briefing_download")

# --- what each slide will say ------------------------------------------------------------------------------
if entries:
    st.subheader(tr("briefing.preview_heading"))
    st.caption(tr("briefing.preview_intro"))
    st.markdown("\n".join(f"- **{ui.escape_md(built.title)}** — {ui.escape_md(built.takeaway)}" for _, built in entries))
    ui.source_caption(briefing.source_rows(*(built.rows for _, built in entries)))
