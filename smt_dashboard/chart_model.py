"""A chart as data: what a bar, column or line chart shows — categories, series of values, the text printed at
each value, units, the categories to highlight, notes and reference marks — with no drawing library in it. The
page's Altair chart, its projection on a slide and the deck's native PowerPoint chart are all rendered from one
model (``charts/model.py``, ``native_charts.py``): nothing reads a drawing back to find its data."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from smt_dashboard import i18n

FRANCE_COLOR = "#D55E00"  # = charts.common.FRANCE_COLOR (kept here so the model needs no drawing library)
KINDS = ("bar", "column", "line")  # bar: horizontal; column: vertical; line: values joined in category order


@dataclass(frozen=True)
class Series:
    """One series: a value per category (None: no value, never drawn as 0), its colour, and the text printed at
    each value ("" prints nothing; none given: the value in the reader's number format)."""

    name: str
    values: tuple[float | None, ...]
    color: str
    labels: tuple[str, ...] = ()
    details: tuple[str, ...] = ()  # per value, what the page's tooltip adds (the schools of a city)


@dataclass(frozen=True)
class Panel:
    """A group of categories on its own scale (a country is never ranked against a city): the model's panels are
    drawn one above the other on the page and side by side in the deck."""

    categories: tuple[str, ...]
    series: tuple[Series, ...]
    title: str = ""
    highlight: tuple[int, ...] = ()  # categories drawn in the highlight colour (France), by position
    notes: tuple[str, ...] = ()  # per category, a text written after the bar or above the column ("+1 n.c.")

    def __post_init__(self) -> None:
        for s in self.series:
            if len(s.values) != len(self.categories) or (s.labels and len(s.labels) != len(self.categories)):
                raise ValueError(f"series {s.name!r}: {len(s.values)} values for {len(self.categories)} categories")
        if self.notes and len(self.notes) != len(self.categories):
            raise ValueError("one note per category")


@dataclass(frozen=True)
class Rule:
    """A reference mark across the plot: at a category (e.g. the study's date on a time axis) or a value."""

    at: str | float
    label: str
    on: str = "category"  # "category" | "value"
    panel: str = ""  # the panel it marks ("" = every panel)


@dataclass(frozen=True)
class ChartModel:
    kind: str
    panels: tuple[Panel, ...]
    title: str = ""
    subtitle: str = ""
    value_title: str = ""
    category_title: str = ""
    legend_title: str = ""
    stacked: bool = False
    percent: bool = False  # shares in percent: the value axis stops at 100
    decimals: int = 0
    value_max: float | None = None  # the value axis's top, to leave room for the labels (None: from the data)
    totals: bool = False  # stacked: each stack's total is printed at its end
    time_axis: bool = False  # categories are ISO dates (YYYY-MM-DD), placed in time
    step: bool = False  # a line that holds its value until the next one (counts that change on a date)
    rules: tuple[Rule, ...] = ()
    highlight_color: str = FRANCE_COLOR
    size: dict = field(default_factory=dict)  # page sizing hints for the renderer (bar step, height, label room)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown chart kind {self.kind!r}")
        if not self.panels:
            raise ValueError("a chart model needs at least one panel")

    @property
    def series_names(self) -> tuple[str, ...]:
        """Every series name in legend order (a name missing from a panel keeps its place)."""
        return tuple(dict.fromkeys(s.name for p in self.panels for s in p.series))

    @property
    def legend(self) -> bool:
        return len(self.series_names) > 1

    def stack_totals(self, panel: Panel) -> tuple[float | None, ...]:
        """Each category's total over its series (None where no series has a value)."""
        out = []
        for i in range(len(panel.categories)):
            values = [s.values[i] for s in panel.series if s.values[i] is not None]
            out.append(sum(values) if values else None)
        return tuple(out)


def value_label(model: ChartModel, value: float | None, lang: str) -> str:
    """A value as the chart prints it when its series gives no label: "40 %", "80,8", "1 234"."""
    if value is None:
        return ""
    if model.percent:
        return i18n.fmt_pct(value, lang, model.decimals)
    return i18n.fmt_compact(value, lang, model.decimals)


def labels_of(model: ChartModel, series: Series, lang: str) -> tuple[str, ...]:
    """The text printed at each value of a series (its own labels, or the values formatted)."""
    return series.labels or tuple(value_label(model, v, lang) for v in series.values)


def decimals_of(values: Sequence[float | None]) -> int:
    """The decimals the values need (0, 1 or 2)."""
    numbers = [v for v in values if v is not None]
    for decimals in (0, 1):
        if all(abs(round(v, decimals) - v) < 1e-9 for v in numbers):
            return decimals
    return 2


def one_series(categories: Sequence[str], values: Sequence[float | None], name: str, color: str,
               labels: Sequence[str] = (), highlight: Sequence[int] = (), notes: Sequence[str] = (),
               title: str = "") -> Panel:
    """A panel of one series (the common case)."""
    return Panel(tuple(categories), (Series(name, tuple(number(v) for v in values), color, tuple(labels)),),
                 title, tuple(highlight), tuple(notes))


def number(value: object) -> float | None:
    """A cell as a float (None for a missing value: NaN, None, text)."""
    try:
        out = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if out != out else out


def panel_from(rows, category: str, value: str, *, series: str | None = None, name: str = "",
               colors: dict[str, str] | str = "#0072B2", label: str | None = None, highlight: str | None = None,
               note: str | None = None, title: str = "", categories: Sequence[str] | None = None,
               series_order: Sequence[str] | None = None, detail: str | None = None) -> Panel:
    """A panel from a frame's rows: ``category`` (in the rows' order, or ``categories``), ``value``, and optionally
    the ``series`` column (one colour per series name in ``colors``), the printed ``label`` column, a boolean
    ``highlight`` column (France) and a per-category ``note`` column. A category with no row has no value."""
    cats = list(categories) if categories is not None else list(dict.fromkeys(str(c) for c in rows[category]))
    position = {c: i for i, c in enumerate(cats)}
    names = (list(series_order) if series_order is not None
             else list(dict.fromkeys(str(s) for s in rows[series])) if series else [name])
    values = {n: [None] * len(cats) for n in names}
    texts = {n: [""] * len(cats) for n in names}
    details = {n: [""] * len(cats) for n in names}
    notes = [""] * len(cats)
    flagged: set[int] = set()
    for record in rows.to_dict("records"):
        i = position.get(str(record[category]))
        key = str(record[series]) if series else names[0]
        if i is None or key not in values:
            continue
        values[key][i] = number(record[value])
        if label:
            texts[key][i] = "" if record[label] is None or record[label] != record[label] else str(record[label])
        if detail and isinstance(record[detail], str):
            details[key][i] = record[detail]
        if highlight and bool(record[highlight]):
            flagged.add(i)
        if note and isinstance(record[note], str) and record[note]:
            notes[i] = record[note]
    color_of = (lambda n: colors.get(n, "#0072B2")) if isinstance(colors, dict) else (lambda n: colors)
    return Panel(tuple(cats), tuple(Series(n, tuple(values[n]), color_of(n), tuple(texts[n]) if label else (),
                                           tuple(details[n]) if detail else ()) for n in names),
                 title, tuple(sorted(flagged)), tuple(notes) if note else ())
