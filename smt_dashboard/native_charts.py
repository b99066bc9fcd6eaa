"""Native PowerPoint charts from a view's chart model (``chart_model.ChartModel``): the same categories, series,
values, labels, colours and France highlight as the page's chart, because both are rendered from one model. Bar
(horizontal), column and line charts, clustered or stacked, one per panel (each panel on its own scale); a view
without a model (ranges, heatmaps, timelines) gives none: the deck shows its table."""

from __future__ import annotations

from dataclasses import dataclass

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Pt

from smt_dashboard import pptx_style
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


# --- drawing: an editable PowerPoint chart ---------------------------------------------------------------

_CHART_TYPES = {("bar", "clustered"): XL_CHART_TYPE.BAR_CLUSTERED, ("bar", "stacked"): XL_CHART_TYPE.BAR_STACKED,
                ("column", "clustered"): XL_CHART_TYPE.COLUMN_CLUSTERED,
                ("column", "stacked"): XL_CHART_TYPE.COLUMN_STACKED,
                ("line", "clustered"): XL_CHART_TYPE.LINE_MARKERS, ("line", "stacked"): XL_CHART_TYPE.LINE_MARKERS}


def _every_label(category_axis) -> None:
    """Every category label shown (PowerPoint skips some when it judges them crowded)."""
    axis = category_axis._element
    for old in axis.findall(qn("c:tickLblSkip")):
        axis.remove(old)
    skip = OxmlElement("c:tickLblSkip")
    skip.set("val", "1")
    # The schema's order: tickLblSkip comes before tickMarkSkip, noMultiLvlLbl and extLst.
    following = next((axis.find(qn(tag)) for tag in ("c:tickMarkSkip", "c:noMultiLvlLbl", "c:extLst")
                      if axis.find(qn(tag)) is not None), None)
    if following is not None:
        following.addprevious(skip)
    else:
        axis.append(skip)


def draw(slide, native: NativeChart, left, top, width, height, lang: str) -> None:
    """An editable PowerPoint chart with the view's data, colours, France highlight and value labels."""
    number_format = native.number_format(lang)
    data = CategoryChartData(number_format=number_format)
    data.categories = list(native.categories)
    for name, values in native.series:
        data.add_series(name, list(values))
    frame = slide.shapes.add_chart(_CHART_TYPES[(native.kind, native.grouping)], left, top, width, height, data)
    chart = frame.chart
    chart.has_title = False  # the slide's title says what it shows (PowerPoint would print the series name)
    chart.font.size, chart.font.name = Pt(pptx_style.CHART_FONT), pptx_style.FONT_NAME
    chart.has_legend = len(native.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(pptx_style.CHART_FONT)
    if native.kind == "bar":
        # PowerPoint draws the first category at the bottom of a bar chart: reverse to read as on the page.
        chart.category_axis.reverse_order = True
    _every_label(chart.category_axis)
    chart.category_axis.tick_labels.font.size = Pt(pptx_style.CHART_FONT)
    value_axis = chart.value_axis
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = RGBColor(0xE3, 0xE8, 0xED)
    value_axis.tick_labels.font.size = Pt(pptx_style.CHART_FONT)
    value_axis.tick_labels.number_format = native.axis_format(lang)
    value_axis.tick_labels.number_format_is_linked = False
    if native.percent:  # a share never runs past 100 %
        value_axis.minimum_scale, value_axis.maximum_scale = 0, 100
    if native.value_title and not native.percent:  # a share's ticks say "%": its rows get the room instead
        value_axis.has_title = True
        value_axis.axis_title.text_frame.text = native.value_title
        value_axis.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(pptx_style.CHART_FONT)
    plot = chart.plots[0]
    if native.kind != "line":
        plot.gap_width = 60
        if native.grouping == "stacked":
            plot.overlap = 100
    for series, color in zip(plot.series, native.colors):
        fill = series.format.line if native.kind == "line" else series.format.fill
        if native.kind == "line":
            fill.color.rgb = RGBColor.from_string(color.lstrip("#"))
        else:
            fill.solid()
            fill.fore_color.rgb = RGBColor.from_string(color.lstrip("#"))
            for index in native.highlight:
                point = series.points[index].format.fill
                point.solid()
                point.fore_color.rgb = RGBColor.from_string(native.highlight_color.lstrip("#"))
    if native.value_labels:
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.font.size = Pt(pptx_style.CHART_FONT)
        labels.number_format = number_format
        labels.number_format_is_linked = False
        labels.show_value = True
        position = XL_LABEL_POSITION.CENTER if native.grouping == "stacked" else XL_LABEL_POSITION.OUTSIDE_END
        labels.position = position
        if native.grouping == "stacked":
            labels.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
            labels.font.bold = True
        # Each value carries the page's own label ("CE : 2 / 5 (40 %)", "80,8"), in the deck's language.
        for series, texts in zip(plot.series, native.labels):
            for index, text in enumerate(texts):
                if text:
                    _point_label(series.points[index].data_label, text, lang, position,
                                 native.grouping == "stacked")


def _point_label(label, text: str, lang: str, position, inside: bool) -> None:
    frame = label.text_frame
    frame.text = text
    run = frame.paragraphs[0].runs[0]
    run.font.size = Pt(pptx_style.CHART_FONT)
    run.font.name = pptx_style.FONT_NAME
    run.font.language_id = pptx_style.LANGUAGE_IDS.get(lang, MSO_LANGUAGE_ID.FRENCH)
    if inside:
        run.font.bold = True
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    label.position = position
