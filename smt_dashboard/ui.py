"""Streamlit helpers of the pages: the current language and filter state, cached loading, contained sections
(a failure becomes a named error box for that section only), page headers and the filter-scope line, key
messages, tabs, notes and links. Views, charts, tables and their exports are drawn by ``ui_views``."""

from __future__ import annotations

import logging
import os
import re
import threading
from pathlib import Path

import pandas as pd
import streamlit as st

from smt_dashboard import datasets, filters, i18n, navigation, provenance, st_internals, state
from smt_dashboard.datasets import DatasetError
from smt_dashboard.filters import FilterOptions, FilterState

LANG_KEY = state.LANG_KEY
_log = logging.getLogger("smt_dashboard")


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
    copy-on-write, changing it never changes the shared cached frame. The section being drawn notes the file,
    so that its error box can name it."""
    _note_file(f"{name}.csv")
    folder = datasets.data_dir()
    return _load_cached(name, str(folder), _stamp(folder / f"{name}.csv")).copy(deep=False)


def regions_geojson() -> dict:
    """The regions GeoJSON (cached and shared: treat it as read-only); raises DatasetError."""
    _note_file("regions.geojson")
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


def option_counts() -> dict:
    """What each filter option holds (empty when the files it reads are broken: the options then show names only)."""
    try:
        return filters.option_counts(load("companies"), load("smt_catalogue"))
    except DatasetError:
        return {}


FILTER_ATTRS = ("regions", "areas", "models", "nationalities")


def filter_widgets(options: FilterOptions, attrs: tuple[str, ...] = FILTER_ATTRS) -> None:
    """The global filters' choices, with the state's widget keys: the sidebar draws them all, the slide show's
    Filtres popover the region and the therapy area (one owner, whichever place shows them)."""
    lang_ = lang()
    # Each option says what it holds ("Gastro-entérologie — 1 SMT, 0 entreprise"): no one is surprised by zeros.
    counts = option_counts() if {"regions", "areas"} & set(attrs) else {}
    labels = {
        "regions": lambda code: filters.option_label("regions", code, options.regions.get(code, code), counts, lang_),
        "areas": lambda code: filters.option_label("areas", code, i18n.label("area", code, lang_), counts, lang_),
        "models": lambda code: i18n.label("model", code, lang_),
        "nationalities": lambda code: i18n.label("nationality", code, lang_),
    }
    for attr in attrs:
        st.multiselect(i18n.t(filters.FILTER_TITLES[attr], lang_), options=list(getattr(options, attr)),
                       key=state.WIDGET_KEYS[attr], format_func=labels[attr], select_all=False,
                       placeholder=i18n.t("filters.placeholder", lang_))


# --- contained sections ---------------------------------------------------------------------------

_sections = threading.local()  # Streamlit runs each session's script in its own thread


def _note_file(file: str) -> None:
    for files in getattr(_sections, "stack", ()):
        files.append(file)


def begin_run() -> None:
    """Called first on every rerun: no file has been reported, nothing has been said yet on this page."""
    _sections.reported = set()
    _sections.said = set()


def already_said(text: str) -> bool:
    """True when ``text`` was already said on this page in this run (an empty result is said once); notes it."""
    said = getattr(_sections, "said", None)
    if said is None:
        return False
    if text in said:
        return True
    said.add(text)
    return False


def show_dataset_error(exc: DatasetError) -> None:
    """A red box naming the file, and each problem's row and column (once per page: a second part of the page that
    needs the same file says so in a line)."""
    reported = getattr(_sections, "reported", None)
    if reported is not None and exc.file in reported:
        st.caption(":material/error: " + tr("errors.dataset_again", file=escape_md(exc.file)))
        return
    if reported is not None:
        reported.add(exc.file)
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


class section:  # noqa: N801 - used as ``with ui.section():``, like Streamlit's own containers
    """Run a part of a page so that any failure in it (a broken file, a table too short for a computation, a
    bug) becomes one error box naming the files it read, and the rest of the page still renders. Streamlit's
    own control flow (st.stop, st.rerun, st.switch_page) passes through."""

    def __init__(self, container=None):
        self.container = container
        self.files: list[str] = []

    def __enter__(self):
        if not hasattr(_sections, "stack"):
            _sections.stack = []
        _sections.stack.append(self.files)
        return self.container.__enter__() if self.container is not None else self

    def __exit__(self, exc_type, exc, tb) -> bool:
        _sections.stack.pop()
        try:
            if exc is not None and not st_internals.is_control_flow(exc):
                if isinstance(exc, DatasetError):
                    show_dataset_error(exc)
                else:
                    _log.error("section failed (files read: %s)", self.files, exc_info=(exc_type, exc, tb))
                    files = ", ".join(dict.fromkeys(self.files)) or tr("errors.section_no_file")
                    st.error(tr("errors.section_title", files=escape_md(files),
                                error=escape_md(f"{type(exc).__name__}: {exc}"[:200])), icon=":material/error:")
                _note_failure(self.files)
                swallow = True
            else:
                swallow = False
        finally:
            if self.container is not None:
                self.container.__exit__(None, None, None)
        return swallow


def _note_failure(files: list[str]) -> None:
    # An enclosing section also read these files: its own box, if it fails later, names them too.
    for outer in getattr(_sections, "stack", ()):
        outer.extend(files)


# --- page furniture ---------------------------------------------------------------------------

def page_header(key: str, reason_key: str | None = None) -> None:
    """The page title, then which global filters act on the page (derived from the views it shows)."""
    st.title(tr(f"nav.{key}"))
    from smt_dashboard import views

    with section():
        filter_scope(views.page_scope(key), reason_key)


def filter_scope(applies: tuple[str, ...], reason_key: str | None = None) -> None:
    """Say which global filters act on this page, naming their values, and which do not (and why), instead of
    ignoring them silently. Always one line in the same place (also "no filter active"): choosing a filter never
    pushes the page down under the reader's cursor."""
    current = filter_state()
    active = filters.active_filters(current)
    box = st.container(key="filter_scope")
    if not active:
        box.markdown(":material/filter_alt_off: " + tr("common.filters_none"))
        return
    options, _ = filter_options()
    used = [a for a in active if a in applies]
    ignored = [a for a in active if a not in applies]
    names = ", ".join(tr(filters.FILTER_TITLES[a]) for a in ignored)
    reason = (" " + tr(reason_key)) if reason_key else ""
    if used:
        text = tr("common.filters_apply", filters=escape_md(filters.describe(current, options, lang(), used)))
        if ignored:
            text += " " + tr("common.filters_not_apply", filters=names) + reason
        box.markdown(":material/filter_alt: " + text)
    elif applies:
        box.markdown(":material/filter_alt_off: " + tr("common.filters_not_apply_page", filters=names) + reason)
    else:
        box.markdown(":material/filter_alt_off: " + tr("common.filters_not_apply_all", filters=names) + reason)


def source_text(rows: pd.DataFrame | None, extra_ids: tuple[str, ...] = ()) -> str | None:
    """The source line of ``rows`` (the bare source ids when the sources file is broken)."""
    if rows is None:
        return None
    try:
        return provenance.source_line(rows, load("sources"), lang(), extra_ids)
    except DatasetError:
        return tr("common.source") + " " + ", ".join(provenance.source_ids(rows) + list(extra_ids))


def source_caption(rows: pd.DataFrame, extra_ids: tuple[str, ...] = ()) -> str:
    """Print (and return) the source line of ``rows`` under a figure or chart."""
    text = source_text(rows, extra_ids)
    st.caption(escape_md(text))
    return text


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


def figure(fig, noun: str | None = None) -> None:
    """A figure of the metrics layer as every surface shows it: its one label, its value, then its scope in the same
    words everywhere ("France : 635" under a filter that acts on it, "France entière" when the filters do not), and
    what the filters could not judge."""
    st.metric(fig.label(lang()), fig.display(lang()))
    if fig.filtered or filter_state().is_filtered:
        st.caption(escape_md(fig.scope(lang())))
    if fig.unjudged and noun:
        unjudged_caption(fig.unjudged, fig.unjudged_by, i18n.plural(noun, fig.unjudged, lang()))


def national_reference(n: int, total: int, noun: str) -> str:
    """A filtered count with its national reference, in the metrics' words: "Campus : 4 · France : 26"."""
    what = i18n.plural(noun, 2, lang())
    return tr("common.of_national", n=i18n.fmt_number(n, lang()), total=i18n.fmt_number(total, lang()),
              what=what[0].upper() + what[1:])


def page_link(key: str, label: str | None = None, query_params: dict | None = None) -> None:
    """A link to another page (optionally opening it with page-level URL parameters), only if it exists.
    The global filters follow through the session, not through these parameters."""
    spec = navigation.PAGES_BY_KEY.get(key)
    if spec is None or not spec.exists():
        return
    st.page_link(spec.file, label=label or tr(f"nav.{key}"), icon=spec.icon, query_params=query_params)


def bullets(rows: pd.DataFrame, heading: str | None = None, field: str = "text", lead: str | None = None,
            source: bool = True) -> None:
    """A short list of the study's statements (``field`` of each row), under an optional bold heading, with the
    rows' source line. ``lead`` names a column printed in bold before each statement. Rows marked ``inferred`` (a
    reading of the dashboard team, not stated by the study) carry an asterisk, explained under the list."""
    if rows.empty:
        return
    if heading:
        st.markdown(f"**{escape_md(heading)}**")
    leads = rows[lead] if lead else [None] * len(rows)
    inferred = list(rows["inferred"]) if "inferred" in rows.columns else [False] * len(rows)
    def line(head, text) -> str:
        # A statement without its own text (only its lead) reads as the lead alone: never "— nan".
        if i18n.is_missing(text):
            return f"**{escape_md(head)}**" if not i18n.is_missing(head) else ""
        return ("" if i18n.is_missing(head) else f"**{escape_md(head)}** — ") + escape_md(text)

    st.markdown("\n".join("- " + line(head, text) + (" \\*" if flag else "")
                          for head, text, flag in zip(leads, rows[field], inferred)))
    if any(inferred):
        reading_note(rows[[bool(f) for f in inferred]])
    if source:
        source_caption(rows)


def reading_note(rows: pd.DataFrame) -> None:
    """"* reading of the dashboard team, not stated by the study", with the rows' own notes when they have them."""
    notes = [n for n in dict.fromkeys(rows["note"]) if not i18n.is_missing(n)] if "note" in rows.columns else []
    st.caption("\\* " + escape_md(i18n.t("study.reading", lang()).capitalize()
                                   + (" : " if lang() == "fr" else ": ") + " ".join(notes) if notes else
                                   i18n.t("study.reading", lang()).capitalize() + "."))


class Tab:
    """One tab of a page: ``open`` says whether its content should run now; entering it with ``with`` also runs
    its content as a contained section (a failure in a tab leaves the other tabs and the page intact)."""

    def __init__(self, container, is_open: bool):
        self.open = is_open
        self._section = section(container)

    def __enter__(self):
        return self._section.__enter__()

    def __exit__(self, *exc):
        return self._section.__exit__(*exc)


def tabs(key: str, labels: list[str]) -> list[Tab]:
    """The page's tabs. Only the open tab's content runs (``on_change="rerun"``): a page costs what its open tab
    costs, on the server and in the browser. The tab chosen is kept per language (labels are translated).
    ``SMT_ALL_TABS=1`` (the AppTest suite) runs every tab, so that a test reads a whole page in one run."""
    if os.environ.get("SMT_ALL_TABS") == "1":
        return [Tab(t, True) for t in st.tabs(labels)]
    return [Tab(t, bool(t.open)) for t in st.tabs(labels, key=f"tabs_{key}_{lang()}", on_change="rerun")]


def key_message(*texts: str) -> None:
    """The page's answer, first and in words (one or two sentences computed from the data)."""
    text = " ".join(t for t in texts if t)
    if text:
        with st.container(border=True, key="key_message"):
            st.markdown(f":material/lightbulb: **{escape_md(text)}**")


def notes():
    """The page's one folded "Notes et méthode" section: method, rounding and caveats that do not change how a
    figure reads (those stay beside the figure, short)."""
    return st.expander(tr("common.notes_title"), icon=":material/menu_book:")


# --- links to company pages ---------------------------------------------------------------------------

COMPANY_LINKS_MAX = 20  # more is a list the table beside already gives (and thousands of links at 1,000× data)


def company_links(rows: pd.DataFrame, key: str, label_key: str = "company.pages") -> None:
    """Links to the pages of the companies in ``rows`` (company_id, name), on one line under a short label; none
    when there are more than COMPANY_LINKS_MAX (the search and the company page's list reach them)."""
    if rows.empty or len(rows) > COMPANY_LINKS_MAX or not navigation.PAGES_BY_KEY["company"].exists():
        return
    ordered = rows.drop_duplicates("company_id").sort_values("name")
    with st.container(horizontal=True, gap="small", key=f"company_links_{key}"):
        st.caption(tr(label_key))
        for company_id, name in zip(ordered["company_id"].astype(str), ordered["name"]):
            st.page_link(navigation.PAGES_BY_KEY["company"].file, label=str(name), icon=":material/business:",
                         query_params={"company": company_id})
