"""Exports: formula-safe CSV/XLSX, PNG at slide resolution and SVG with title and source inside."""

from __future__ import annotations

import io

import altair as alt
import openpyxl
import pandas as pd

from smt_dashboard import export
from smt_dashboard.charts.common import titled

DANGEROUS = pd.DataFrame({
    "Entreprise": ["=HYPERLINK(\"http://x\")", "+33 1", "-2+3", "@SUM(A1)", "Ad Scientiam", "Île-de-France"],
    "Montant (M€)": [1.5, 2.0, None, 4.0, 5.0, 6.0],
})


def test_neutralize():
    assert export.neutralize("=1+1") == "'=1+1"
    assert export.neutralize("@cmd") == "'@cmd"
    assert export.neutralize("Voluntis") == "Voluntis"
    assert export.neutralize(-2.0) == -2.0  # numbers stay numbers


def test_csv_has_bom_accents_and_no_formula():
    raw = export.table_csv(DANGEROUS)
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "Île-de-France" in text
    lines = text.splitlines()[1:]
    assert not any(line.startswith(("=", "+", "-", "@", '"=', '"+', '"-', '"@')) for line in lines)
    assert "'=HYPERLINK" in text


def test_xlsx_cells_are_text_not_formulas():
    wb = openpyxl.load_workbook(io.BytesIO(export.table_xlsx(DANGEROUS, "Financements", source="Source : AEC Partners (2020)")))
    ws = wb.active
    assert ws.title == "Financements"
    assert ws["A1"].value == "Entreprise"
    values = [ws.cell(row=r, column=1).value for r in range(2, 8)]
    assert values[0] == "'=HYPERLINK(\"http://x\")"
    assert all(ws.cell(row=r, column=1).data_type == "s" for r in range(2, 8))
    assert ws.cell(row=2, column=2).value == 1.5
    assert ws.cell(row=len(DANGEROUS) + 3, column=1).value == "Source : AEC Partners (2020)"


def _chart():
    data = pd.DataFrame({"region": ["Île-de-France", "Bretagne"], "n": [8, 1]})
    return titled(alt.Chart(data).mark_bar().encode(x="n:Q", y="region:N"), "Entreprises par région")


def test_png_is_at_least_1600_pixels_wide():
    png = export.chart_png(_chart(), "fr", "Source : AEC Partners (2020)")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = export.png_size(png)
    assert width >= 1600 and height > 200


def test_svg_contains_title_and_source():
    svg = export.chart_svg(_chart(), "fr", "Source : AEC Partners (2020)")
    assert "Entreprises par région" in svg
    assert "Source : AEC Partners (2020)" in svg


def test_container_width_charts_export():
    chart = _chart().properties(width="container")
    width, _ = export.png_size(export.chart_png(chart, "en", None))
    assert width >= 1600


def test_safe_filename():
    assert export.safe_filename("Levées de fonds : 80,8 M€ !") == "levees-de-fonds-80-8-m"


def test_charts_without_width_export_at_slide_proportions():
    width, height = export.png_size(export.chart_png(_chart(), "fr", "Source"))
    assert width >= 1600 and height < width  # not a tall, upscaled sliver
