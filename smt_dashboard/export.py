"""Exports for slides and spreadsheets: charts as PNG/SVG (rendered offline by vl-convert, with the
title and source line inside the image) and tables as CSV/XLSX neutralised against formula injection."""

from __future__ import annotations

import io
import struct

import altair as alt
import pandas as pd

from smt_dashboard.charts.common import to_spec

MIN_PNG_WIDTH = 1600
EXPORT_WIDTH = 900
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value: object) -> object:
    """Prefix text that a spreadsheet would run as a formula (=, +, -, @…) with an apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells and headers cannot be interpreted as formulas."""
    out = df.copy()
    out.columns = [neutralize(str(c)) for c in out.columns]
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralize)
    return out


def table_csv(df: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with BOM (Excel then reads French accents), formula-safe."""
    return safe_frame(df).to_csv(index=False).encode("utf-8-sig")


def table_xlsx(df: pd.DataFrame, sheet_name: str = "data", source: str | None = None) -> bytes:
    """An XLSX workbook with the table (formula-safe) and, if given, the source line under it."""
    buffer = io.BytesIO()
    safe = safe_frame(df)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        sheet = (neutralize(sheet_name) or "data")[:31]
        for bad in "[]:*?/\\'":
            sheet = sheet.replace(bad, " ")
        safe.to_excel(writer, index=False, sheet_name=sheet or "data")
        if source:
            ws = writer.sheets[sheet or "data"]
            # Written as a plain string cell so it is never evaluated.
            cell = ws.cell(row=len(safe) + 3, column=1, value=str(neutralize(source)))
            cell.data_type = "s"
        for column_cells in writer.sheets[sheet or "data"].columns:
            width = max(len(str(c.value)) if c.value is not None else 0 for c in column_cells[: len(safe) + 1])
            writer.sheets[sheet or "data"].column_dimensions[column_cells[0].column_letter].width = min(60, max(10, width + 2))
    return buffer.getvalue()


def with_source(chart: alt.TopLevelMixin, source: str | None) -> alt.TopLevelMixin:
    """Wrap a chart so that its source line is printed under it, inside the exported image."""
    if not source:
        return chart
    return alt.vconcat(chart).properties(
        title=alt.TitleParams(source, orient="bottom", anchor="start", fontSize=12, fontWeight="normal",
                              color="#44505C", offset=12),
        padding={"left": 16, "right": 16, "top": 12, "bottom": 12},
    )


def export_spec(chart: alt.TopLevelMixin, lang: str, source: str | None) -> dict:
    spec = to_spec(with_source(chart, source), lang)
    spec["background"] = "white"
    # "container" widths need a browser, and charts that fill their container in the page have no
    # width at all: give exports a fixed slide-friendly width.
    _fix_container_width(spec)
    for view in spec.get("vconcat", [spec]):
        if ("mark" in view or "layer" in view) and "width" not in view:
            view["width"] = EXPORT_WIDTH
    return spec


def _fix_container_width(spec: object) -> None:
    if isinstance(spec, dict):
        if spec.get("width") == "container":
            spec["width"] = EXPORT_WIDTH
        if spec.get("height") == "container":
            spec["height"] = 420
        for value in spec.values():
            _fix_container_width(value)
    elif isinstance(spec, list):
        for item in spec:
            _fix_container_width(item)


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) of a PNG from its header."""
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def chart_png(chart: alt.TopLevelMixin, lang: str = "fr", source: str | None = None,
              min_width: int = MIN_PNG_WIDTH) -> bytes:
    """PNG at slide resolution (at least ``min_width`` pixels wide), title and source inside."""
    import vl_convert as vlc

    spec = export_spec(chart, lang, source)
    png = vlc.vegalite_to_png(spec, scale=2)
    width, _ = png_size(png)
    if width < min_width:
        png = vlc.vegalite_to_png(spec, scale=2 * min_width / width + 0.01)
    return png


def chart_svg(chart: alt.TopLevelMixin, lang: str = "fr", source: str | None = None) -> str:
    """SVG of the chart, title and source inside."""
    import vl_convert as vlc

    return vlc.vegalite_to_svg(export_spec(chart, lang, source))


def safe_filename(text: str) -> str:
    """A file name from a title: ASCII letters, digits, dashes."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = "".join(c if c.isalnum() else "-" for c in ascii_text.lower())
    return "-".join(part for part in cleaned.split("-") if part)[:80] or "export"
