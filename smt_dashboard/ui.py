"""The only Streamlit-aware module of the package: cached loading, error boxes, source lines,
figure cards and the current language / filter state. Pages call these and the pure modules."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import streamlit as st

from smt_dashboard import datasets, filters, i18n, navigation, provenance, state
from smt_dashboard.datasets import DatasetError
from smt_dashboard.filters import FilterOptions, FilterState

LANG_KEY = state.LANG_KEY


# --- language and state ---------------------------------------------------------------------------

def lang() -> str:
    """The current language (French unless the user chose English)."""
    return i18n.normalize_lang(st.session_state.get(LANG_KEY))


def tr(key: str, /, **kwargs: object) -> str:
    """Translate ``key`` into the current language."""
    return i18n.t(key, lang(), **kwargs)


def trp(key: str, n: float, /, **kwargs: object) -> str:
    """Translate ``key.one`` / ``key.other`` by the plural rule for ``n`` in the current language."""
    return i18n.plural(key, n, lang(), **kwargs)


def filter_state() -> FilterState:
    """The global filters set in the sidebar (defaults when a page runs on its own, e.g. in tests)."""
    return state.current()


def presenting() -> bool:
    """True in presentation mode (pages then hide their editing widgets)."""
    return filter_state().mode == "presentation"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape_md(text: object) -> str:
    """Text shown literally by Streamlit's Markdown (data and URL values are never markup)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


# --- cached loading ---------------------------------------------------------------------------

def _stamp(path: Path) -> tuple[int, int]:
    # Part of the cache key, so that an edited CSV is re-read without restarting the server.
    try:
        st_ = path.stat()
        return st_.st_mtime_ns, st_.st_size
    except FileNotFoundError:
        return 0, 0


# cache_resource keeps one validated frame per file version in memory, shared by sessions: cache_data
# would unpickle a fresh copy on every rerun, which cost more than the rest of a light page.
@st.cache_resource(show_spinner=False, max_entries=256)
def _load_cached(name: str, directory: str, stamp: tuple[int, int]) -> pd.DataFrame:
    return datasets.load_dataset(name, directory)


@st.cache_resource(show_spinner=False, max_entries=8)
def _regions_cached(directory: str, stamp: tuple[int, int]) -> dict:
    return datasets.load_regions(directory)


def load(name: str) -> pd.DataFrame:
    """A validated dataset (cached); raises DatasetError. The result is a shallow copy: with pandas'
    copy-on-write, changing it never changes the shared cached frame."""
    folder = datasets.data_dir()
    return _load_cached(name, str(folder), _stamp(folder / f"{name}.csv")).copy(deep=False)


def regions_geojson() -> dict:
    """The regions GeoJSON (cached and shared: treat it as read-only); raises DatasetError."""
    folder = datasets.data_dir()
    return _regions_cached(str(folder), _stamp(folder / "regions.geojson"))


def filter_options() -> tuple[FilterOptions, DatasetError | None]:
    """Allowed filter values; the region list is empty (with the error) if regions.geojson is broken."""
    try:
        names = datasets.region_names(regions_geojson())
        ordered = dict(sorted(names.items(), key=lambda kv: kv[1]))
        return FilterOptions(regions=ordered), None
    except DatasetError as exc:
        return FilterOptions(regions={}), exc


def show_dataset_error(exc: DatasetError) -> None:
    """A red box naming the file, and each problem's row and column."""
    lines = []
    for p in exc.problems[:12]:
        row, column, message = p.get("row"), p.get("column"), escape_md(p.get("message", ""))
        if row is not None and column:
            key = "errors.where_row_col"
        elif row is not None:
            key = "errors.where_row"
        elif column:
            key = "errors.where_col"
        else:
            key = "errors.where_none"
        lines.append("- " + tr(key, row=row, column=escape_md(column), message=message))
    if len(exc.problems) > 12:
        lines.append(f"- … (+{len(exc.problems) - 12})")
    st.error(tr("errors.dataset_title", file=escape_md(exc.file)) + "\n\n" + "\n".join(lines), icon=":material/error:")


def require(*names: str) -> list[pd.DataFrame]:
    """Load the datasets a page needs; on a broken file show the error box and stop this page only."""
    frames = []
    for name in names:
        try:
            frames.append(load(name))
        except DatasetError as exc:
            show_dataset_error(exc)
            st.stop()
    return frames


def load_section(*names: str) -> list[pd.DataFrame] | None:
    """A section's datasets, or the named error box and None (a broken file only blanks its own section)."""
    try:
        return [load(name) for name in names]
    except DatasetError as exc:
        show_dataset_error(exc)
        return None


def require_regions() -> dict:
    """The regions GeoJSON, or the error box and stop."""
    try:
        return regions_geojson()
    except DatasetError as exc:
        show_dataset_error(exc)
        st.stop()


# --- rendering helpers ------------------------------------------------------------------------

def source_caption(rows: pd.DataFrame, extra_ids: tuple[str, ...] = ()) -> str:
    """Print (and return) the source line of ``rows`` under a figure or chart."""
    try:
        sources = load("sources")
        text = provenance.source_line(rows, sources, lang(), extra_ids)
    except DatasetError:
        ids = provenance.source_ids(rows) + list(extra_ids)
        text = tr("common.source") + " " + ", ".join(ids)
    st.caption(escape_md(text))
    return text


def page_header(key: str) -> None:
    """The page title (its introduction is in the page's notes: the key message comes first)."""
    st.title(tr(f"nav.{key}"))


def filter_scope(applies: tuple[str, ...], reason_key: str | None = None) -> None:
    """Say which global filters act on this page, naming their values, and which do not (and why),
    instead of ignoring them silently."""
    current = filter_state()
    active = filters.active_filters(current)
    if not active:
        return
    options, _ = filter_options()
    used = [a for a in active if a in applies]
    ignored = [a for a in active if a not in applies]
    names = ", ".join(tr(filters.FILTER_TITLES[a]) for a in ignored)
    reason = (" " + tr(reason_key)) if reason_key else ""
    if used:
        st.info(tr("common.filters_apply", filters=escape_md(filters.describe(current, options, lang(), used))),
                icon=":material/filter_alt:")
        if ignored:
            st.caption(tr("common.filters_not_apply", filters=names) + reason)
    elif applies:
        st.info(tr("common.filters_not_apply_page", filters=names) + reason, icon=":material/filter_alt_off:")
    else:
        st.info(tr("common.filters_not_apply_all", filters=names) + reason, icon=":material/filter_alt_off:")


def unjudged_note(judged: filters.Judged, noun: str) -> None:
    """Under a filter, say how many rows it could not judge (a value they lack: "non renseigné") instead of
    dropping them silently. ``noun`` is an i18n plural key (``common.noun.company``…)."""
    unjudged_caption(judged.n_unjudged, tuple(judged.unjudged_by), i18n.plural(noun, judged.n_unjudged, lang()))


def unjudged_caption(n: int, by: tuple[str, ...], what: str) -> None:
    """"Non renseigné: n <what> have no value for <filters>…" (nothing when n is 0)."""
    if not n:
        return
    why = ", ".join(tr(filters.FILTER_TITLES[a]).lower() for a in by)
    st.caption(":material/help: " + i18n.plural("common.unjudged", n, lang(), n=i18n.fmt_number(n, lang()),
                                                what=escape_md(what), why=why))


def national_reference(n: int, total: int, noun: str) -> str:
    """A filtered count with its national reference: "4 of 17 companies in France"."""
    return tr("common.of_national", n=i18n.fmt_number(n, lang()), total=i18n.fmt_number(total, lang()),
              what=i18n.plural(noun, total, lang()))


def page_link(key: str, label: str | None = None, query_params: dict | None = None) -> None:
    """A link to another page (optionally opening it with page-level URL parameters), only if it exists.
    The global filters follow through the session, not through these parameters."""
    spec = navigation.PAGES_BY_KEY.get(key)
    if spec is None or not spec.exists():
        return
    st.page_link(spec.file, label=label or tr(f"nav.{key}"), icon=spec.icon, query_params=query_params)


# --- charts and tables: every page renders through these two, so exports live in one place ---

def chart_title(chart) -> str:
    """The text of a chart's title ("" when it has none)."""
    title = getattr(chart, "title", None)
    text = getattr(title, "text", title)
    if isinstance(text, (list, tuple)):
        text = " ".join(str(t) for t in text)
    return text if isinstance(text, str) else ""


def source_text(rows: pd.DataFrame | None, extra_ids: tuple[str, ...] = ()) -> str | None:
    """The source line of ``rows`` (the bare source ids when the sources file is broken)."""
    if rows is None:
        return None
    try:
        return provenance.source_line(rows, load("sources"), lang(), extra_ids)
    except DatasetError:
        return tr("common.source") + " " + ", ".join(provenance.source_ids(rows) + list(extra_ids))


def show_chart(chart, data: pd.DataFrame, key: str, source_rows: pd.DataFrame | None = None,
               alt_text: str | None = None, height: int | str = "content", on_select=None, selection_mode=None,
               extra_ids: tuple[str, ...] = ()):
    """Render an Altair chart with its source line and one export menu (PNG/SVG with title and source inside
    the image, CSV/XLSX and a view of exactly the rows it draws: ``data``).
    Returns the selection state when ``on_select`` is given."""
    from smt_dashboard.charts.common import to_spec

    title = chart_title(chart)
    kwargs = {"width": "stretch", "height": height, "key": f"chart_{key}", "alt": alt_text or title or None}
    if on_select is not None:
        kwargs["on_select"] = on_select
        if selection_mode is not None:
            kwargs["selection_mode"] = selection_mode
    event = st.vega_lite_chart(spec=to_spec(chart, lang(), arrow=True), **kwargs)
    source = source_text(source_rows, extra_ids)
    if source_rows is not None:
        st.caption(escape_md(source))
    export_menu(key, data, title=title, source=source, chart=chart)
    return event


def show_table(df: pd.DataFrame, key: str, source_rows: pd.DataFrame | None = None,
               column_config: dict | None = None, hide_index: bool = True, title: str | None = None,
               source: str | None = None, height: int | str = "auto") -> None:
    """A sortable table, its source line and its export menu (CSV in UTF-8 with BOM for Excel, XLSX; both
    formula-safe)."""
    st.dataframe(df, hide_index=hide_index, column_config=column_config, key=f"table_{key}", height=height)
    if source_rows is not None:
        source = source_text(source_rows)
        st.caption(escape_md(source))
    export_menu(key, df, title=title, source=source)


def export_menu(key: str, data: pd.DataFrame, title: str | None = None, source: str | None = None,
                chart=None) -> None:
    """One "Exporter" menu per view. Its content is built only when it is opened (``on_change="rerun"``):
    a page draws one button per view instead of four buttons and a data table."""
    from smt_dashboard import export

    menu = st.popover(tr("common.export"), icon=":material/download:", key=f"export_{key}", on_change="rerun",
                      help=tr("common.export_help"), type="tertiary")
    if not menu.open:
        return
    data = display_frame(data)
    current = lang()
    name = export.safe_filename(title or key)
    with menu:
        row = st.container(horizontal=True, gap="small")
        if chart is not None:
            with row:
                st.download_button("PNG", data=lambda: export.chart_png(chart, current, source),
                                   file_name=f"{name}.png", mime="image/png", key=f"dl_png_{key}", on_click="ignore",
                                   icon=":material/image:", help=tr("common.download_png_help"))
            with row:
                st.download_button("SVG", data=lambda: export.chart_svg(chart, current, source),
                                   file_name=f"{name}.svg", mime="image/svg+xml", key=f"dl_svg_{key}",
                                   on_click="ignore", icon=":material/polyline:", help=tr("common.download_svg_help"))
        with row:
            st.download_button("CSV", data=lambda: export.table_csv(data), file_name=f"{name}.csv", mime="text/csv",
                               key=f"dl_csv_{key}", on_click="ignore", icon=":material/download:",
                               help=tr("common.download_csv"))
        with row:
            st.download_button("XLSX", data=lambda: export.table_xlsx(data, sheet_name=title or "data", source=source),
                               file_name=f"{name}.xlsx",
                               mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                               key=f"dl_xlsx_{key}", on_click="ignore", icon=":material/table_view:",
                               help=tr("common.download_xlsx"))
        if chart is not None:
            st.caption(tr("common.show_data"))
            st.dataframe(data, hide_index=True, key=f"table_{key}_data", height=min(36 + 35 * len(data), 320))


# Columns that only steer a chart (a flag, a plotting date, a code beside its label): not for a reader.
_TECHNICAL_COLUMNS = {"is_france", "disclosed", "when", "round_type", "country_code", "label_code"}


def display_frame(data: pd.DataFrame) -> pd.DataFrame:
    """The rows of a view as a reader gets them: chart-only columns dropped, data names translated."""
    # A code beside its label ("subindex" and "subindex_label"): the reader gets the label.
    keep = [c for c in data.columns if c not in _TECHNICAL_COLUMNS and f"{c}_label" not in data.columns]
    names = i18n.catalog(lang())
    shown = data[keep].rename(columns={c: names.get(f"columns.{c}", c) for c in keep})
    # Two data names with one reading would make a table Streamlit cannot draw: keep the first.
    return shown.loc[:, ~shown.columns.duplicated()]


def bullets(rows: pd.DataFrame, heading: str | None = None, field: str = "text", lead: str | None = None,
            source: bool = True) -> None:
    """A short list of the study's statements (``field`` of each row), under an optional bold heading, with the
    rows' source line. ``lead`` names a column printed in bold before each statement."""
    if rows.empty:
        return
    if heading:
        st.markdown(f"**{escape_md(heading)}**")
    leads = rows[lead] if lead else [None] * len(rows)
    st.markdown("\n".join("- " + ("" if i18n.is_missing(head) else f"**{escape_md(head)}** — ") + escape_md(text)
                          for head, text in zip(leads, rows[field])))
    if source:
        source_caption(rows)


class Tab:
    """One tab of a page: enter it with ``with``; ``open`` says whether its content should run now."""

    def __init__(self, container, is_open: bool):
        self.container, self.open = container, is_open

    def __enter__(self):
        return self.container.__enter__()

    def __exit__(self, *exc):
        return self.container.__exit__(*exc)


def tabs(key: str, labels: list[str]) -> list[Tab]:
    """The page's tabs. Only the open tab's content runs (``on_change="rerun"``): a page costs what its open tab
    costs, on the server and in the browser. The tab chosen is kept per language (labels are translated).
    ``SMT_ALL_TABS=1`` (the AppTest suite) runs every tab, so that a test reads a whole page in one run."""
    import os

    if os.environ.get("SMT_ALL_TABS") == "1":
        return [Tab(t, True) for t in st.tabs(labels)]
    return [Tab(t, bool(t.open)) for t in st.tabs(labels, key=f"tabs_{key}_{lang()}", on_change="rerun")]


def key_message(*texts: str) -> None:
    """The page's answer, first and in words (one or two sentences computed from the data)."""
    text = " ".join(t for t in texts if t)
    if text:
        with st.container(border=True, key="key_message"):
            st.markdown(f":material/lightbulb: **{escape_md(text)}**")


def view_takeaway(view_key: str) -> str:
    """The one-sentence takeaway of a registry view under the current filters ("" when a file is broken)."""
    from smt_dashboard import views

    try:
        return built_view(views.VIEWS_BY_KEY[view_key], filter_state()).takeaway
    except DatasetError:
        return ""


def notes():
    """The page's one folded "Notes et méthode" section: method, rounding and caveats that do not change how a
    figure reads (those stay beside the figure, short)."""
    return st.expander(tr("common.notes_title"), icon=":material/menu_book:")


# --- page-level URL state as codes (language-independent links) ---------------------------------------

def codes_from_url(key: str, options: list[str]) -> None:
    """Seed a selection widget's state from ``?key=code&key=code`` before the widget is drawn.

    Streamlit's own ``bind="query-params"`` writes the *displayed* (translated) labels into the URL,
    so a link copied in French would not work in English; this keeps codes in the URL instead.
    Unknown codes are ignored."""
    if key not in st.session_state:
        st.session_state[key] = [v for v in dict.fromkeys(st.query_params.get_all(key)) if v in options]


def codes_to_url(key: str, values) -> None:
    """Write the selected codes back to the URL (removing the key when nothing is selected)."""
    values = list(values or [])
    if values:
        if st.query_params.get_all(key) != values:
            st.query_params[key] = values
    elif key in st.query_params:
        del st.query_params[key]


# --- views of the registry (shared by the briefing page and the slide show) ------------------------------

def view_frames(view) -> dict:
    """The datasets a view reads (cached loads; the regions GeoJSON under its registry name); raises
    DatasetError naming the broken file."""
    from smt_dashboard import views

    return {name: regions_geojson() if name == views.REGIONS else load(name) for name in view.datasets}


def _file_stamp(name: str) -> tuple[str, int, int]:
    from smt_dashboard import views

    return (name,) + _stamp(datasets.data_dir() / ("regions.geojson" if name == views.REGIONS else f"{name}.csv"))


@st.cache_resource(show_spinner=False, max_entries=512)
def _built_cached(view_key: str, view_state: FilterState, lang_code: str, stamps: tuple, _frames: dict):
    from smt_dashboard import views

    return views.build(views.VIEWS_BY_KEY[view_key], _frames, view_state, lang_code)


def built_view(view, view_state: FilterState, frames: dict | None = None):
    """One view built under this state, shared by reruns and sessions (keyed by the files' versions, and
    without the display mode: a view is the same on its page, in the briefing and in the slide show).
    Raises DatasetError when a file it reads is broken."""
    from dataclasses import replace

    frames = frames if frames is not None else view_frames(view)
    key_state = replace(view_state, mode="normal")
    built = _built_cached(view.key, key_state, key_state.lang, view_stamps(view), frames)
    # The cached view is shared: hand out its own shallow copy of the rows (copy-on-write).
    return replace(built, rows=built.rows.copy(deep=False))


def show_view(view_key: str, data: pd.DataFrame | None = None, chart_key: str | None = None):
    """A view of the registry on its page: the very chart its slide and its deck slide show, under the same
    filters, with its source line and exports (``data`` is its "see the data" table). Returns the built view,
    or None when a file it reads is broken (the named error box is shown)."""
    from smt_dashboard import views

    try:
        built = built_view(views.VIEWS_BY_KEY[view_key], filter_state())
    except DatasetError as exc:
        show_dataset_error(exc)
        return None
    if built.kind == "chart":
        show_chart(built.content, data=data if data is not None else built.rows, key=chart_key or view_key,
                   source_rows=built.rows, extra_ids=built.extra_source_ids)
    elif built.kind == "empty":
        st.info(built.takeaway, icon=":material/search_off:")
    return built


def view_stamps(view) -> tuple:
    """The versions of the files a view reads (part of the picture caches' keys)."""
    return tuple(_file_stamp(n) for n in view.datasets)


@st.cache_data(show_spinner=False, max_entries=256)
def view_picture(view_key: str, view_state: FilterState, lang_code: str, stamps: tuple) -> bytes:
    """The PNG of one chart or map view under these filters, at slide size (rendering is the slow part)."""
    from smt_dashboard import deck, views

    view = views.VIEWS_BY_KEY[view_key]
    return deck.render_picture(view, built_view(view, view_state), lang_code)


@st.cache_data(show_spinner=False, max_entries=256)
def view_projection_svg(view_key: str, view_state: FilterState, lang_code: str, stamps: tuple) -> str:
    """The SVG of one chart view at projection size (the slide show)."""
    from smt_dashboard import slides, views

    view = views.VIEWS_BY_KEY[view_key]
    return slides.projection_svg(view, built_view(view, view_state).content, lang_code)
