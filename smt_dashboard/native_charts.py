"""Native PowerPoint charts from a view's chart model (``chart_model.ChartModel``): the same categories, series,
values, labels, colours and France highlight as the page's chart, because both are rendered from one model. Bar
(horizontal), column and line charts, clustered or stacked, one per panel (each panel on its own scale); a view
without a model (ranges, heatmaps, timelines) gives none: the deck shows its table."""

from __future__ import annotations

from dataclasses import dataclass

from smt_dashboard.chart_model import FRANCE_COLOR, ChartModel, labels_of, value_label


@dataclass(frozen=True)
class NativeChart:
    """What python-pptx needs: chart kind, categories, series (name, values), one colour per series, the
    categories to highlight (France), the value axis title, how values read (labels, percent, decimals) and the
    text of each value's label when the page prints more than the number ("2 / 5 (40 %)")."""

    kind: str  # "bar" (horizontal) | "column" | "line"
    grouping: str  # "clustered" | "stacked"
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    colors: tuple[str, ...]
    highlight: tuple[int, ...] = ()
    highlight_color: str = FRANCE_COLOR
    value_title: str = ""
    panel: str = ""  # a panel's title (countries, cities): each panel is a chart of its own, on its own scale
    value_labels: bool = True  # every bar or column carries its value, as the page's labels do
    percent: bool = False  # shares in percent: the value axis stops at 100
    decimals: int = 0  # decimals the values need (at most 2)
    labels: tuple[tuple[str, ...], ...] = ()  # per series, the page's label of each value ("" = the number)

    def axis_format(self, lang: str) -> str:
        """The value axis's number format: round ticks need no decimals."""
        return self.number_format(lang) if self.percent else "#,##0"

    def number_format(self, lang: str) -> str:
        """The values' number format (Excel codes), e.g. "0 %" for a share in French, "#,##0.00" for an index."""
        if self.percent:
            return '0" %"' if lang == "fr" else '0"%"'
        return "#,##0" + ("." + "0" * self.decimals if self.decimals else "")


def from_model(model: ChartModel | None, lang: str) -> tuple[NativeChart, ...]:
    """The native charts of a model, one per panel (() without a model), each value labelled with the page's text.
    A stack's total and a category's note ("+1 n.c.") go under the category's name: PowerPoint has no free text
    beside a bar. Series with no value in a panel are left out of it (they would only add a legend entry)."""
    if model is None:
        return ()
    out = []
    for panel in model.panels:
        series = [s for s in panel.series if any(v is not None for v in s.values)]
        if not series:
            continue
        totals = [value_label(model, t, lang) if model.stacked and model.totals else "" for t in model.stack_totals(panel)]
        notes = panel.notes or ("",) * len(panel.categories)
        categories = tuple("\n".join(x for x in (c.replace("\n", " "), total, note) if x)
                           for c, total, note in zip(panel.categories, totals, notes))
        kind = model.kind
        grouping = "stacked" if model.stacked else "clustered"
        if kind == "bar" and grouping == "clustered" and len(series) > 1:
            # Side-by-side bars read top to bottom while a legend reads left to right (and PowerPoint and
            # LibreOffice order a horizontal chart's legend differently): columns keep the bars in the legend's order.
            kind = "column"
        out.append(NativeChart(
            kind, grouping, categories, tuple((s.name, s.values) for s in series), tuple(s.color for s in series),
            panel.highlight, model.highlight_color, model.value_title, panel.title if len(model.panels) > 1 else "",
            value_labels=kind != "line", percent=model.percent, decimals=model.decimals,
            labels=tuple(labels_of(model, s, lang) for s in series)))
    return tuple(out)
