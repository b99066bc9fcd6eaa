"""Native PowerPoint charts from the views' own Altair charts: the categories, series, values, colours and the
France highlight are read from the Vega-Lite spec and the rows it draws, so that the editable chart on the slide
shows the same data as the page. Bar (horizontal), column and line charts, clustered or stacked, one per panel of a
faceted chart; charts with no PowerPoint equivalent (ranges, heatmaps, timelines) give none: the deck shows their
table."""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt

from smt_dashboard.charts.common import FRANCE_COLOR, PALETTE, to_spec


@dataclass(frozen=True)
class NativeChart:
    """What python-pptx needs: chart kind, categories, series (name, values), one colour per series, the
    categories to highlight (France), the value axis title, and how values read (labels, percent, decimals)."""

    kind: str  # "bar" (horizontal) | "column" | "line"
    grouping: str  # "clustered" | "stacked"
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    colors: tuple[str, ...]
    highlight: tuple[int, ...] = ()
    highlight_color: str = FRANCE_COLOR
    value_title: str = ""
    panel: str = ""  # a faceted view's panel (countries, cities): each panel is a chart of its own, on its own scale
    value_labels: bool = True  # every bar or column carries its value, as the page's labels do
    percent: bool = False  # shares in percent: the value axis stops at 100
    decimals: int = 0  # decimals the values need (at most 2)

    def axis_format(self, lang: str) -> str:
        """The value axis's number format: round ticks need no decimals."""
        return self.number_format(lang) if self.percent else "#,##0"

    def number_format(self, lang: str) -> str:
        """The values' number format (Excel codes), e.g. "0 %" for a share in French, "#,##0.00" for an index."""
        if self.percent:
            return '0" %"' if lang == "fr" else '0"%"'
        return "#,##0" + ("." + "0" * self.decimals if self.decimals else "")


def _first_layer(spec: dict) -> dict | None:
    """The first bar or line layer of a (possibly faceted or layered) spec."""
    inner = spec.get("spec", spec)
    candidates = inner.get("layer", [inner])
    for layer in candidates:
        mark = layer.get("mark")
        mark_type = mark.get("type") if isinstance(mark, dict) else mark
        if mark_type in ("bar", "line"):
            return layer
    return None


def _rows(spec: dict) -> list[dict]:
    datasets = spec.get("datasets") or {}
    name = (spec.get("data") or {}).get("name")
    if name in datasets:
        return list(datasets[name])
    return list(next(iter(datasets.values()), []))


def _order(values: list[str], sort: object) -> list[str]:
    seen = list(dict.fromkeys(values))
    if isinstance(sort, list):
        return [v for v in sort if v in seen] + [v for v in seen if v not in sort]
    return seen


def _number(value: object) -> float | None:
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return None if out != out else out


def _decimals(values: list[float]) -> int:
    for decimals in (0, 1):
        if all(abs(round(v, decimals) - v) < 1e-9 for v in values):
            return decimals
    return 2


def from_chart(chart: alt.TopLevelMixin, lang: str = "fr") -> tuple[NativeChart, ...]:
    """The native equivalent of a view's chart (one per panel of a faceted chart), or () where PowerPoint has
    none."""
    spec = to_spec(chart, lang)
    layer = _first_layer(spec)
    if layer is None:
        return ()
    rows = _rows(spec)
    facet = spec.get("facet") or {}
    facet_def = facet.get("row") or facet.get("column") or (facet if "field" in facet else None)
    if not facet_def:
        one = _native(layer, rows, lang)
        return (one,) if one is not None else ()
    field = facet_def["field"]
    panels = _order([str(r.get(field)) for r in rows], facet_def.get("sort"))
    out = tuple(_native(layer, [r for r in rows if str(r.get(field)) == panel], lang, panel) for panel in panels)
    return out if all(n is not None for n in out) else ()


def _native(layer: dict, all_rows: list[dict], lang: str, panel: str = "") -> NativeChart | None:
    mark = layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
    enc = layer.get("encoding", {})
    value_field = (enc.get("x") if (enc.get("x") or {}).get("type") == "quantitative" else enc.get("y") or {}).get("field")
    # A layer that transforms its rows (other than dropping missing values) draws other data than the rows.
    if any(t != {"filter": f"isValid(datum.{value_field})"} for t in layer.get("transform", [])):
        return None
    x, y = enc.get("x", {}), enc.get("y", {})
    if "y2" in enc or "x2" in enc or not x.get("field") or not y.get("field"):
        return None  # ranges and spans: no native equivalent
    if x.get("type") == "quantitative" and y.get("type") != "quantitative":
        kind, value_enc, category_enc, offset = "bar", x, y, enc.get("yOffset")
    elif y.get("type") == "quantitative" and x.get("type") != "quantitative":
        kind, value_enc, category_enc, offset = ("line" if mark == "line" else "column"), y, x, enc.get("xOffset")
    else:
        return None
    rows = [r for r in all_rows if _number(r.get(value_enc["field"])) is not None or r.get(value_enc["field"]) is None]
    if not rows:
        return None
    color = enc.get("color", {})
    series_field = color.get("field") or (offset or {}).get("field")
    cat_field = category_enc["field"]
    categories = _order([str(r[cat_field]) for r in rows], category_enc.get("sort"))
    if series_field:
        series_names = _order([str(r[series_field]) for r in rows], (color.get("scale") or {}).get("domain")
                              or (offset or {}).get("sort"))
    else:
        series_names = [str(value_enc.get("title") or value_enc["field"])]
    values = {}
    for r in rows:
        key = (str(r[cat_field]), str(r[series_field]) if series_field else series_names[0])
        number = _number(r.get(value_enc["field"]))
        values[key] = (values.get(key) or 0) + number if number is not None else values.get(key)
    # A series with no value here (a round type absent from these years) would only add a legend entry.
    every_name = list(series_names)
    series_names = [name for name in series_names if any(values.get((c, name)) is not None for c in categories)]
    series = tuple((name, tuple(values.get((c, name)) for c in categories)) for name in series_names)
    scale = color.get("scale") or {}
    if series_field and isinstance(scale.get("range"), list):
        domain = scale.get("domain") or series_names
        by_name = dict(zip(domain, scale["range"]))
        colors = tuple(by_name.get(n, PALETTE[every_name.index(n) % len(PALETTE)]) for n in series_names)
    elif series_field:
        colors = tuple(PALETTE[every_name.index(n) % len(PALETTE)] for n in series_names)
    else:
        base = color.get("value") or (layer["mark"].get("color") if isinstance(layer["mark"], dict) else None)
        colors = (base or PALETTE[0],)
    highlight = tuple(i for i, c in enumerate(categories)
                      if any(r.get("is_france") and str(r[cat_field]) == c for r in rows))
    grouping = "clustered" if offset or not series_field or kind == "line" else "stacked"
    if kind == "bar" and grouping == "clustered" and len(series) > 1:
        # Side-by-side bars read top to bottom while a legend reads left to right (and PowerPoint and LibreOffice
        # order a horizontal chart's legend differently): columns keep the bars in the legend's order.
        kind = "column"
    title = value_enc.get("title")
    title = title if isinstance(title, str) else ""
    numbers = [v for _, vals in series for v in vals if v is not None]
    percent = "%" in title and bool(numbers) and max(numbers) <= 100 and min(numbers) >= 0
    return NativeChart(kind, grouping, tuple(categories), series, colors, highlight, value_title=title, panel=panel,
                       value_labels=kind != "line", percent=percent, decimals=0 if percent else _decimals(numbers))
