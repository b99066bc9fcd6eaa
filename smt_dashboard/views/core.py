"""What a view is: its key, page, datasets, the filters that act on it, its own parameters with their slide
defaults, and a pure build from rows + parameters to a :class:`Built` (title, what to draw, takeaway, the rows
drawn and the rows behind it, caveats). Pure: no Streamlit, no rendering."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import altair as alt
import pandas as pd

from smt_dashboard import i18n
from smt_dashboard.chart_model import ChartModel
from smt_dashboard.filters import FilterState

# Datasets by name, plus the regions GeoJSON (a dict) under REGIONS for the map.
Frames = Mapping[str, Any]
Params = Mapping[str, Any]
REGIONS = "regions"
ALL_FILTERS = ("regions", "areas", "models", "nationalities")
# chart: an Altair chart; table: a DataFrame; map: a MapImage; swot: a SwotGrid; figure: one value (a Compact);
# empty: nothing to draw under these filters (the takeaway says what is empty and why).
KINDS = ("chart", "table", "map", "swot", "figure", "empty")
_SOURCE_COLUMNS = ("source_id", "subindex_source_id", "cited_source_ids")


@dataclass(frozen=True)
class MapImage:
    """What a map draws, on the page (pydeck, clickable) and on the slide and in the deck (maps_static): the regions,
    the companies drawn, their products, the regions outlined, the measure that colours the regions, and the
    legend's range (metric, top value, smallest and largest staff). ``national``: the filters left no company, so the
    national map is drawn with the chosen region outlined (the takeaway says so). ``centre``: a company's map."""

    geo: dict
    rows: pd.DataFrame
    products: pd.DataFrame
    selected: tuple[str, ...]
    metric: str = "companies"
    legend: tuple = ()
    national: bool = False
    centre: tuple[float, float] | None = None


@dataclass(frozen=True)
class SwotGrid:
    """The four SWOT quadrants: (code, label, item texts) in the study's order."""

    quadrants: tuple[tuple[str, str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Compact:
    """One value shown as a figure rather than a chart: a single bar would be a hairline on an empty axis."""

    label: str
    value: str
    detail: str = ""


@dataclass(frozen=True)
class Built:
    """A view ready to show: title, what to draw (``kind`` says which), the takeaway, the rows behind it (for its
    source line) and the rows drawn (``data``: what the export menu gives; the rows behind it when None)."""

    title: str
    kind: str
    content: Any
    takeaway: str
    rows: pd.DataFrame
    subtitle: str = ""
    extra_source_ids: tuple[str, ...] = ()
    caveats: tuple[str, ...] = ()  # what changes how the figure reads (speaker notes, the slide show)
    data: pd.DataFrame | None = None
    figures: tuple = ()  # headline figures (the overview's cards), beside their table
    # Post-study views: their own source line (public sources, with the day they were read) instead of the study's
    # sources, and a badge wherever they are shown: never mixed with a study figure.
    source: str = ""
    badge: str = ""
    # A chart PowerPoint has no chart like (a timeline, a heatmap, ranges) as a short table with readers' column
    # names: the deck shows it instead of a picture nobody can read when projected.
    table: pd.DataFrame | None = None
    # The chart as data (bars, columns, lines): the page's chart, its projection and the deck's native chart are all
    # rendered from it. None for charts with no such model (timelines, heatmaps, ranges): the deck shows their table.
    model: ChartModel | None = None

    @property
    def drawn(self) -> pd.DataFrame:
        """The rows a reader gets in the export menu."""
        return self.rows if self.data is None else self.data


@dataclass(frozen=True)
class View:
    """One view: its page, the datasets it reads, its builder, the global filters that act on it (declared here
    only: the page's "Filtered here by…" line is derived from its views), its own parameters with the defaults
    a slide uses, and whether the slide show and the deck offer it by default."""

    key: str
    page: str
    datasets: tuple[str, ...]
    build: Callable[[Frames, FilterState, str, Params], Built]
    applies: tuple[str, ...] = ()
    params: tuple[tuple[str, Any], ...] = ()
    in_show: bool = True
    in_briefing: bool = True  # False: a view about one subject its page names (a company's sheet)
    chart_width: int = 1000  # px given to charts without their own width, for a 16:9 slide
    facet_size: tuple[int, int | None] | None = None  # panel width (and height) of a faceted chart on a slide
    # A variant for a projector (and the deck): the same rows with fewer marks (a rank per bar rather than 231 cells).
    projection: Callable[[Frames, FilterState, str, Params], Built] | None = None
    defaults: Mapping[str, Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "defaults", MappingProxyType(dict(self.params)))

    def label(self, lang: str) -> str:
        """The view's name in the selection list."""
        return i18n.t(f"briefing.view.{self.key}", lang)

    def resolve(self, params: Mapping[str, Any] | None = None) -> tuple[tuple[str, Any], ...]:
        """The parameters a build uses: the defaults, overridden by ``params`` (lists become tuples, so that the
        result can key a cache). An unknown parameter is a programming error."""
        merged = dict(self.params)
        for name, value in (params or {}).items():
            if name not in merged:
                raise KeyError(f"view {self.key!r} has no parameter {name!r}")
            merged[name] = tuple(value) if isinstance(value, list) else value
        return tuple(sorted(merged.items()))


def t(key: str, lang: str, **kwargs: object) -> str:
    """A string of the views' own catalogue (``briefing.*``)."""
    return i18n.t(f"briefing.{key}", lang, **kwargs)


def n(value: object, lang: str) -> str:
    return i18n.fmt_number(value, lang)


def chart_titles(chart: object) -> tuple[str, str]:
    """(title, subtitle) of a chart made with charts.common.titled ("" when absent)."""
    params = getattr(chart, "title", None)

    def text(value: object) -> str:
        if isinstance(value, (list, tuple)):
            return " ".join(str(v) for v in value)
        return value if isinstance(value, str) else ""

    return text(getattr(params, "text", params)), text(getattr(params, "subtitle", ""))


def chart(content: alt.TopLevelMixin, takeaway: str, rows: pd.DataFrame, data: pd.DataFrame | None = None,
          extra: tuple[str, ...] = ()) -> Built:
    """A chart view: its title and subtitle are the chart's own."""
    title, subtitle = chart_titles(content)
    return Built(title, "chart", content, takeaway, rows, subtitle, extra, data=data)


def modelled(model: ChartModel, takeaway: str, rows: pd.DataFrame, lang: str, data: pd.DataFrame | None = None,
             extra: tuple[str, ...] = ()) -> Built:
    """A chart view drawn from its model (title and subtitle are the model's)."""
    from smt_dashboard.charts.model import render

    return Built(model.title, "chart", render(model, lang), takeaway, rows, model.subtitle, extra, data=data,
                 model=model)


def reader_table(data: pd.DataFrame, columns: Sequence[str], lang: str) -> pd.DataFrame:
    """``columns`` of ``data`` under the names a reader gets (the export's column titles)."""
    return data[list(columns)].rename(columns={c: i18n.t(f"columns.{c}", lang) for c in columns}).reset_index(drop=True)


def crossed(data: pd.DataFrame, index: str, columns: str, values: str) -> pd.DataFrame:
    """A long table set as rows × columns, in the order the rows come (a blank cell where there is no row)."""
    wide = data.pivot_table(index=index, columns=columns, values=values, aggfunc="first", sort=False)
    wide = wide.reindex(index=list(dict.fromkeys(data[index])), columns=list(dict.fromkeys(data[columns])))
    wide.columns.name = None
    return wide.reset_index()


def empty(title: str, rows: pd.DataFrame, lang: str, takeaway: str | None = None) -> Built:
    """No data under the active filters or parameters: the slide says so rather than drawing an empty chart."""
    return Built(title, "empty", None, takeaway or t("empty", lang), rows)


def compact(title: str, label: str, value: str, detail: str, takeaway: str, rows: pd.DataFrame,
            data: pd.DataFrame | None = None) -> Built:
    """A view reduced to one value (one city, one type, one year): a figure and its sentence, not a one-bar chart."""
    return Built(title, "figure", Compact(label, value, detail), takeaway, rows, data=data)


def nothing(noun: str, frames: Frames, state: FilterState, lang: str, only: tuple[str, ...] | None = None) -> str:
    """What is empty and why, once and in words: "L'étude ne cite aucune entreprise en Occitanie."."""
    from smt_dashboard import filters
    from smt_dashboard.datasets import region_names

    names = region_names(frames[REGIONS]) if REGIONS in frames else {}
    place = filters.where(state, filters.FilterOptions(regions=names), lang, only)
    return i18n.t(f"briefing.none.{noun}", lang, where=place) if place else t("empty", lang)


def source_rows(*frames: pd.DataFrame) -> pd.DataFrame:
    """The source columns of several tables stacked (for one source line over different tables)."""
    # Plain lists: selecting and concatenating a score of small frames cost ~30 ms per briefing rerun.
    frames = tuple(f for f in frames if not f.empty)
    present = [c for c in _SOURCE_COLUMNS if any(c in f.columns for f in frames)]
    if not present:
        return pd.DataFrame({"source_id": []})
    values: dict[str, list] = {c: [] for c in present}
    for f in frames:
        for c in present:
            values[c] += f[c].tolist() if c in f.columns else [None] * len(f)
    return pd.DataFrame(values)
