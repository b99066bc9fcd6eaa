"""Views on a page: a view of the registry built once per filters, parameters and file versions (shared by the
page, the briefing page and the slide show), drawn with its source line and its one export menu; tables the same
way. The only place charts reach Streamlit."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import pandas as pd
import streamlit as st

from smt_dashboard import datasets, i18n, views
from smt_dashboard.filters import FilterState
from smt_dashboard.ui import (
    _stamp,
    already_said,
    escape_md,
    filter_state,
    lang,
    load,
    regions_geojson,
    section,
    source_text,
    tr,
)
from smt_dashboard.ui import (
    key_message as _say,
)


def view_frames(view: views.View) -> dict:
    """The datasets a view reads (cached loads; the regions GeoJSON under its registry name); raises
    DatasetError naming the broken file."""
    return {name: regions_geojson() if name == views.REGIONS else load(name) for name in view.datasets}


def _file_stamp(name: str) -> tuple[str, int, int]:
    return (name,) + _stamp(datasets.data_dir() / ("regions.geojson" if name == views.REGIONS else f"{name}.csv"))


def view_stamps(view: views.View) -> tuple:
    """The versions of the files a view reads (part of the caches' keys)."""
    return tuple(_file_stamp(n) for n in view.datasets)


@st.cache_resource(show_spinner=False, max_entries=512)
def _built_cached(view_key: str, view_state: FilterState, lang_code: str, params: tuple, stamps: tuple, _frames: dict):
    return views.build(views.VIEWS_BY_KEY[view_key], _frames, view_state, lang_code, dict(params))


def built_view(view: views.View, view_state: FilterState, params: Mapping[str, Any] | None = None,
               frames: dict | None = None) -> views.Built:
    """One view built under this state and these parameters, shared by reruns and sessions (keyed by the files'
    versions, and without the display mode: a view is the same on its page, in the briefing and in the slide
    show). Raises DatasetError when a file it reads is broken."""
    frames = frames if frames is not None else view_frames(view)
    key_state = views.scoped(view, view_state)  # cached by the filters the view uses, not by the others
    built = _built_cached(view.key, key_state, key_state.lang, view.resolve(params), view_stamps(view), frames)
    # The cached view is shared: hand out its own shallow copies of the frames (copy-on-write).
    return replace(built, rows=built.rows.copy(deep=False),
                   data=None if built.data is None else built.data.copy(deep=False))


@st.cache_resource(show_spinner=False, max_entries=256)
def _projection_cached(view_key: str, view_state: FilterState, lang_code: str, params: tuple, stamps: tuple,
                       _frames: dict):
    return views.build_projection(views.VIEWS_BY_KEY[view_key], _frames, view_state, lang_code, dict(params))


def built_projection(view: views.View, view_state: FilterState, params: Mapping[str, Any] | None = None) -> views.Built:
    """The view as the slide show and the deck draw it: its projection variant (fewer marks) when it has one."""
    if view.projection is None:
        return built_view(view, view_state, params)
    key_state = views.scoped(view, view_state)
    built = _projection_cached(view.key, key_state, key_state.lang, view.resolve(params), view_stamps(view),
                               view_frames(view))
    return replace(built, rows=built.rows.copy(deep=False))


def view(view_key: str, params: Mapping[str, Any] | None = None, state: FilterState | None = None) -> views.Built:
    """A view of the registry under the current filters (or ``state``: a company's page ignores them); raises
    (inside a section) when it cannot be built."""
    return built_view(views.VIEWS_BY_KEY[view_key], filter_state() if state is None else state, params)


def key_message(*view_keys: str, params: Mapping[str, Mapping[str, Any]] | None = None, extra: str = "") -> None:
    """The page's answer: the takeaways of its main views (each computed in its own section: a view that cannot
    be built shows its error box, the others still answer), then ``extra``. What it says is not said again by an
    empty view below it."""
    texts = []
    for key in view_keys:
        with section():
            texts.append(view(key, (params or {}).get(key)).takeaway)
    texts = list(dict.fromkeys(t for t in texts if t))  # the same sentence once
    for text in texts:
        already_said(text)
    _say(*texts, extra)


def show_view(view_key: str, params: Mapping[str, Any] | None = None, state: FilterState | None = None,
              wrap: bool = False, **chart_options) -> views.Built:
    """A view of the registry on its page: the very chart or table its slide and its deck slide show, under the
    same filters and parameters, with its source line and export menu (the rows it draws). Call it inside a
    section: a view that cannot be built raises."""
    built = view(view_key, params, state)
    key = view_key  # one element key per view: tests and the export menu find a view by it
    if built.badge and built.kind != "empty":  # a post-study view says so before anything else
        st.badge(built.badge, icon=":material/travel_explore:", color="orange")
    if built.kind == "chart":
        show_chart(built.content, data=built.drawn, key=key, source_rows=built.rows, extra_ids=built.extra_source_ids,
                   source=built.source or None, **chart_options)
    elif built.kind == "table" and wrap:  # a fact sheet reads as a table that wraps (a grid cuts long values)
        st.table(built.content.set_index(built.content.columns[0]), border="horizontal")
        source = built.source or source_text(built.rows, built.extra_source_ids)
        st.caption(escape_md(source))
        export_menu(key, built.content, title=built.title, source=source)
    elif built.kind == "table":
        show_table(built.content, key=key, source_rows=None if built.source else built.rows, title=built.title,
                   source=built.source or None)
        if built.source:
            st.caption(escape_md(built.source))
    elif built.kind == "figure":  # one value: a figure and its sentence, not a one-bar chart
        with st.container(border=True, key=f"figure_{key}"):
            st.markdown(f"**{escape_md(built.title)}**")
            st.metric(built.content.label, built.content.value)
            if built.content.detail and built.content.detail != built.takeaway:
                st.caption(escape_md(built.content.detail))
            st.markdown(escape_md(built.takeaway))
        source = built.source or source_text(built.rows, built.extra_source_ids)
        st.caption(escape_md(source))
        export_menu(key, built.drawn, title=built.title, source=source)
    elif built.kind == "empty" and not already_said(built.takeaway):
        st.info(escape_md(built.takeaway), icon=":material/search_off:")
    return built


def show_map(view_key: str, params: Mapping[str, Any] | None = None, state: FilterState | None = None, *,
             widget_key: str, height: int = 600, on_select=None, alt: str | None = None) -> views.Built:
    """A map view on its page: the same map its slide and its deck slide draw (rows, outlined regions, measure),
    here clickable (pydeck), with its legend and source line. Returns the built view (its takeaway, its rows)."""
    from smt_dashboard import map_legend, maps

    built = view(view_key, params, state)
    image = built.content
    current = lang()
    deck = maps.build_deck(image.geo, image.rows, image.products, image.metric, current, image.selected)
    if image.centre is not None:
        deck = maps.centred(deck, *image.centre)
    kwargs = {"on_select": on_select, "selection_mode": "single-object"} if on_select is not None else {}
    st.pydeck_chart(deck, key=widget_key, height=height, alt=alt or built.title, **kwargs)
    if image.legend and on_select is not None:  # the ecosystem map's legend (a locator needs none)
        st.image(map_legend.legend_svg(*image.legend, current), alt=map_legend.legend_text(*image.legend, current))
    return built


# --- charts and tables: every view renders through these two, so exports live in one place ---

def chart_title(chart) -> str:
    """The text of a chart's title ("" when it has none)."""
    return views.chart_titles(chart)[0]


def show_chart(chart, data: pd.DataFrame, key: str, source_rows: pd.DataFrame | None = None,
               alt_text: str | None = None, height: int | str = "content", on_select=None, selection_mode=None,
               extra_ids: tuple[str, ...] = (), source: str | None = None):
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
    source = source or source_text(source_rows, extra_ids)
    if source:
        st.caption(escape_md(source))
    export_menu(key, data, title=title, source=source, chart=chart)
    return event


def show_table(df: pd.DataFrame, key: str, source_rows: pd.DataFrame | None = None,
               column_config: dict | None = None, hide_index: bool = True, title: str | None = None,
               source: str | None = None, height: int | str = "auto", shown: list[str] | None = None) -> None:
    """A sortable table, its source line and its export menu (CSV in UTF-8 with BOM for Excel, XLSX; both
    formula-safe). ``shown``: the columns that fit a laptop screen (the export keeps them all)."""
    st.dataframe(df, hide_index=hide_index, column_config=column_config, key=f"table_{key}", height=height,
                 column_order=shown)
    if source_rows is not None:  # otherwise ``source`` (if any) is the caller's to print
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


# --- pictures and projection SVGs of views (the deck and the slide show) ---------------------------------

@st.cache_data(show_spinner=False, max_entries=256)
def view_picture(view_key: str, view_state: FilterState, lang_code: str, params: tuple, stamps: tuple) -> bytes:
    """The PNG of one chart or map view under these filters, at slide size (rendering is the slow part)."""
    from smt_dashboard import pictures

    view_ = views.VIEWS_BY_KEY[view_key]
    return pictures.render_picture(view_, built_view(view_, view_state, dict(params)), lang_code)


@st.cache_data(show_spinner=False, max_entries=64)
def view_map_svg(view_key: str, view_state: FilterState, lang_code: str, params: tuple, stamps: tuple) -> str:
    """The SVG of the map view under these filters (the slide show)."""
    from smt_dashboard import pictures

    return pictures.render_map_svg(built_view(views.VIEWS_BY_KEY[view_key], view_state, dict(params)), lang_code)


@st.cache_data(show_spinner=False, max_entries=256)
def view_projection_svg(view_key: str, view_state: FilterState, lang_code: str, params: tuple, stamps: tuple) -> str:
    """The SVG of one chart view at projection size (the slide show)."""
    from smt_dashboard import slides

    view_ = views.VIEWS_BY_KEY[view_key]
    return slides.projection_svg(view_, built_projection(view_, view_state, dict(params)).content, lang_code)


# --- search ---------------------------------------------------------------------------------------------------

@st.cache_resource(show_spinner=False, max_entries=8)
def _search_index(lang_code: str, stamps: tuple, _frames: dict, _regions: dict, areas: tuple):
    from smt_dashboard import search

    return search.build_index(_frames, _regions, areas, lang_code)


def search_index(lang_code: str):
    """The search index of every dataset it reads, built once per data version and language (shared by sessions)."""
    from smt_dashboard import search

    frames = {name: load(name) for name in search.DATASETS}
    stamps = tuple(_file_stamp(n) for n in (*search.DATASETS, views.REGIONS))
    try:
        regions = datasets.region_names(regions_geojson())
    except datasets.DatasetError:
        regions = {}
    return _search_index(lang_code, stamps, frames, regions, search.areas_present(frames))
