"""The briefing deck (.pptx, python-pptx): a title slide (title, date, active filters, language), one slide
per view (title, takeaway, the chart as a picture or a native table, the source as a footnote and a link
back to the live view) and a final slide listing every source used. Pure: views in, bytes out."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from urllib.parse import urlsplit

import pandas as pd
from babel.dates import format_date
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from smt_dashboard import config, i18n, native_charts, pictures, pptx_style, provenance, views
from smt_dashboard.charts.common import PALETTE
from smt_dashboard.filters import FilterOptions, FilterState, describe
from smt_dashboard.views import Built, View

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
CONTENT_W = SLIDE_W - 2 * MARGIN
ACCENT = RGBColor.from_string(PALETTE[0][1:])
INK = RGBColor(0x1F, 0x29, 0x33)
MUTED = RGBColor(0x5B, 0x65, 0x70)
TAKEAWAY_FILL = RGBColor(0xE8, 0xF1, 0xF8)
# Darker shades of the page's quadrant colours: headings stay legible (≥ 4.5:1) on the light cell.
QUADRANT_COLORS = {"strength": "#00684A", "weakness": "#B04A00", "opportunity": "#005B8F", "threat": "#8A5A00"}
FONT_NAME = pptx_style.FONT_NAME
MAX_TABLE_ROWS = 14
CHART_FONT = pptx_style.CHART_FONT
_LANGUAGE_IDS = pptx_style.LANGUAGE_IDS
_BABEL = {"fr": "fr_FR", "en": "en_GB"}
MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"

Picture = Callable[[View, Built], bytes]


# --- text helpers ---------------------------------------------------------------------------------------------

def _textbox(slide, left, top, width, height, lang: str, anchor=MSO_ANCHOR.TOP):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = Inches(0.08)
    frame.margin_top = frame.margin_bottom = Inches(0.04)
    return box


def _run(paragraph, text: str, lang: str, size: float, bold: bool = False, color: RGBColor = INK,
         italic: bool = False, link: str | None = None):
    run = paragraph.add_run()
    run.text = text
    font = run.font
    font.size, font.bold, font.italic = Pt(size), bold, italic
    font.name = FONT_NAME
    font.color.rgb = color
    font.language_id = _LANGUAGE_IDS.get(lang, MSO_LANGUAGE_ID.FRENCH)
    if link:
        run.hyperlink.address = link
    return run


def _paragraph(frame, first: bool):
    return frame.paragraphs[0] if first else frame.add_paragraph()


def _write(slide, left, top, width, height, text: str, lang: str, size: float, bold: bool = False,
           color: RGBColor = INK, italic: bool = False, align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP):
    box = _textbox(slide, left, top, width, height, lang, anchor)
    paragraph = box.text_frame.paragraphs[0]
    paragraph.alignment = align
    _run(paragraph, text, lang, size, bold, color, italic)
    return box


def cell_text(value: object, lang: str) -> str:
    """A table cell as text: numbers in the language's format, missing values as "non communiqué"."""
    if isinstance(value, bool):
        return i18n.t("common.yes" if value else "common.no", lang)
    if i18n.is_missing(value):
        return i18n.not_disclosed(lang)
    if isinstance(value, int) or (hasattr(value, "is_integer") and float(value).is_integer()
                                  and not isinstance(value, str)):
        return i18n.fmt_number(value, lang)
    if isinstance(value, float):
        return i18n.fmt_compact(value, lang, 2)
    return str(value)


# --- slides -----------------------------------------------------------------------------------------------------

TITLE_ONLY_LAYOUT = 5  # python-pptx's default template: "Title Only"


def _blank(prs):
    return prs.slides.add_slide(prs.slide_layouts[6])


def _titled(prs, title: str, lang: str, size: float, left, top, width, height, anchor=MSO_ANCHOR.MIDDLE):
    """A slide whose title is the layout's real title placeholder (PowerPoint's outline lists it), placed and
    styled like the rest of the deck."""
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY_LAYOUT])
    placeholder = slide.shapes.title
    placeholder.left, placeholder.top, placeholder.width, placeholder.height = left, top, width, height
    frame = placeholder.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = Inches(0.08)
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    _run(paragraph, title, lang, size, bold=True)
    return slide


def _accent_bar(slide, top=Inches(0), height=Inches(0.12)):
    bar = slide.shapes.add_shape(1, 0, top, SLIDE_W, height)  # 1 = rectangle
    bar.fill.solid()
    bar.fill.fore_color.rgb = ACCENT
    bar.line.fill.background()
    return bar


def _title_slide(prs, title: str, state: FilterState, options: FilterOptions, lang: str, today: date,
                 n_views: int) -> None:
    slide = _titled(prs, title, lang, 40, MARGIN, Inches(0.9), CONTENT_W, Inches(1.1), anchor=MSO_ANCHOR.BOTTOM)
    _accent_bar(slide, top=Inches(2.1), height=Inches(0.08))
    box = _textbox(slide, MARGIN, Inches(2.4), CONTENT_W, Inches(2.8), lang)
    lines = [
        (i18n.t("briefing.deck_date", lang, date=format_date(today, format="long", locale=_BABEL[lang])), 20, True),
        (i18n.t("briefing.deck_filters", lang, filters=describe(state, options, lang)), 16, False),
        (i18n.t("briefing.deck_language", lang, language=i18n.t(f"briefing.language_name.{lang}", lang)), 16, False),
        (i18n.plural("briefing.deck_views", n_views, lang, n=i18n.fmt_number(n_views, lang)), 16, False),
    ]
    for pos, (text, size, bold) in enumerate(lines):
        paragraph = _paragraph(box.text_frame, pos == 0)
        paragraph.space_after = Pt(8)
        _run(paragraph, text, lang, size, bold, INK if bold else MUTED)
    _write(slide, MARGIN, Inches(6.4), CONTENT_W, Inches(0.7), i18n.t("briefing.deck_study", lang), lang, 12,
           color=MUTED, anchor=MSO_ANCHOR.BOTTOM)


def title_size(title: str) -> int:
    """Font size (pt) that keeps a slide title within two lines of the title box."""
    return 26 if len(title) <= 60 else 22 if len(title) <= 120 else 18


NATIONAL = RGBColor(0xB0, 0x4A, 0x00)


def _header(slide, view: View, built: Built, lang: str, number: int, total: int, national: bool = False) -> None:
    _accent_bar(slide)
    _write(slide, MARGIN, Inches(0.2), CONTENT_W, Inches(0.3), i18n.t(f"nav.{view.page}", lang).upper(), lang, 11,
           bold=True, color=ACCENT)
    if national:  # a filtered deck's national context says so on the slide itself
        _write(slide, MARGIN + Inches(4.5), Inches(0.2), CONTENT_W - Inches(4.5), Inches(0.3),
               i18n.t("app.national_slide", lang), lang, 12, bold=True, color=NATIONAL, align=PP_ALIGN.RIGHT)
    takeaway = _write(slide, MARGIN, Inches(1.3), CONTENT_W, Inches(0.55), built.takeaway, lang, 16, bold=True,
                      anchor=MSO_ANCHOR.MIDDLE)
    takeaway.fill.solid()
    takeaway.fill.fore_color.rgb = TAKEAWAY_FILL
    _write(slide, SLIDE_W - MARGIN - Inches(1.2), Inches(7.05), Inches(1.2), Inches(0.3), f"{number} / {total}", lang,
           10, color=MUTED, align=PP_ALIGN.RIGHT)


def _footer(slide, built: Built, source: str, note: str | None, url: str, lang: str) -> None:
    box = _textbox(slide, MARGIN, Inches(6.6), CONTENT_W - Inches(1.3), Inches(0.75), lang, MSO_ANCHOR.BOTTOM)
    first = box.text_frame.paragraphs[0]
    _run(first, source, lang, 10, color=MUTED)
    if note:
        _run(first, " · " + note, lang, 10, color=MUTED, italic=True)
    second = box.text_frame.add_paragraph()
    _run(second, i18n.t("briefing.deck_link", lang) + " ", lang, 10, color=MUTED)
    _run(second, url, lang, 10, color=ACCENT, link=url)


CONTENT_TOP = Inches(1.95)
CONTENT_BOTTOM = Inches(6.55)


def _picture(slide, png: bytes, top) -> None:
    from smt_dashboard.export import png_size

    width_px, height_px = png_size(png)
    box_w, box_h = CONTENT_W, CONTENT_BOTTOM - top
    scale = min(box_w / width_px, box_h / height_px)
    width, height = int(width_px * scale), int(height_px * scale)
    left = MARGIN + (box_w - width) // 2
    slide.shapes.add_picture(io.BytesIO(png), Emu(left), Emu(top), Emu(width), Emu(height))


def _column_widths(df: pd.DataFrame, texts: list[list[str]]) -> list[int]:
    weights = []
    for j, column in enumerate(df.columns):
        longest = max([len(str(column))] + [len(row[j]) for row in texts])
        weights.append(min(max(longest, 8), 70))
    total = sum(weights)
    return [int(CONTENT_W * w / total) for w in weights]


def _table(slide, df: pd.DataFrame, lang: str, top) -> None:
    shown = df.head(MAX_TABLE_ROWS)
    texts = [[cell_text(v, lang) for v in row] for row in shown.itertuples(index=False)]
    size = 14 if len(shown) <= 8 else 12  # 12 pt: 24 px on screen at 1920 wide
    height = min(CONTENT_BOTTOM - top, Inches(0.42) * (len(shown) + 1))
    shape = slide.shapes.add_table(len(shown) + 1, len(df.columns), MARGIN, top, CONTENT_W, height)
    table = shape.table
    for j, width in enumerate(_column_widths(shown, texts)):
        table.columns[j].width = width
    numeric = [pd.api.types.is_numeric_dtype(df[c]) for c in df.columns]
    for j, column in enumerate(df.columns):
        cell = table.cell(0, j)
        cell.text_frame.paragraphs[0].text = ""
        _run(cell.text_frame.paragraphs[0], str(column), lang, size, bold=True, color=RGBColor(0xFF, 0xFF, 0xFF))
    for i, row in enumerate(texts, start=1):
        for j, text in enumerate(row):
            paragraph = table.cell(i, j).text_frame.paragraphs[0]
            paragraph.alignment = PP_ALIGN.RIGHT if numeric[j] else PP_ALIGN.LEFT
            _run(paragraph, text, lang, size)
    if len(df) > len(shown):
        more = len(df) - len(shown)
        _write(slide, MARGIN, CONTENT_BOTTOM - Inches(0.3), CONTENT_W, Inches(0.3),
               i18n.plural("briefing.deck_more_rows", more, lang, n=i18n.fmt_number(more, lang)), lang, 10,
               color=MUTED, italic=True)


def _swot(slide, grid: views.SwotGrid, lang: str, top) -> None:
    height = CONTENT_BOTTOM - top
    shape = slide.shapes.add_table(2, 2, MARGIN, top, CONTENT_W, height)
    table = shape.table
    table.first_row = False
    table.horz_banding = False
    for pos, (code, label, items) in enumerate(grid.quadrants):
        cell = table.cell(pos // 2, pos % 2)
        cell.fill.solid()
        cell.fill.fore_color.rgb = RGBColor(0xF7, 0xF9, 0xFA)
        cell.vertical_anchor = MSO_ANCHOR.TOP
        frame = cell.text_frame
        frame.word_wrap = True
        head = frame.paragraphs[0]
        _run(head, label, lang, 15, bold=True, color=RGBColor.from_string(QUADRANT_COLORS[code][1:]))
        for item in items:
            paragraph = frame.add_paragraph()
            paragraph.space_before = Pt(3)
            _run(paragraph, "• " + item, lang, 12)
    for row in table.rows:
        row.height = int(height / 2)


def _view_slide(prs, view: View, built: Built, natives: Sequence[native_charts.NativeChart], picture_png: bytes | None,
                source: str, note: str | None, url: str, lang: str, number: int, total: int,
                national: bool = False) -> None:
    slide = _titled(prs, built.title, lang, title_size(built.title), MARGIN, Inches(0.45), CONTENT_W, Inches(0.8))
    _header(slide, view, built, lang, number, total, national)
    top = CONTENT_TOP
    if built.subtitle and built.kind == "chart":
        _write(slide, MARGIN, top, CONTENT_W, Inches(0.35), built.subtitle, lang, 12, color=MUTED, italic=True)
        top += Inches(0.4)
    if natives:
        _natives(slide, natives, top, lang)
    elif built.kind == "chart" and built.table is not None:  # no PowerPoint chart like it: its table
        _table(slide, built.table, lang, top)
    elif built.kind in ("chart", "map") and picture_png is not None:
        _picture(slide, picture_png, top)
    elif built.kind == "table":
        _table(slide, built.content, lang, top)
    elif built.kind == "swot":
        _swot(slide, built.content, lang, top)
    elif built.kind == "figure":  # one value: the number large, its label and detail
        _write(slide, MARGIN, top + Inches(0.4), CONTENT_W, Inches(0.5), built.content.label, lang, 20, color=MUTED)
        value = _write(slide, MARGIN, top + Inches(0.9), CONTENT_W, Inches(1.4), built.content.value, lang,
                       72 if len(built.content.value) <= 16 else 48, bold=True)
        value.text_frame.word_wrap = False  # a key figure never breaks ("80,9 M€" on one line)
        if built.content.detail:
            _write(slide, MARGIN, top + Inches(2.4), CONTENT_W, Inches(1.0), built.content.detail, lang, 16)
    else:
        _write(slide, MARGIN, top + Inches(1.2), CONTENT_W, Inches(1.0), i18n.t("briefing.empty_slide", lang), lang, 18,
               color=MUTED, align=PP_ALIGN.CENTER)
    _footer(slide, built, source, note, url, lang)
    slide.notes_slide.notes_text_frame.text = "\n".join(speaker_notes(built, source, note, url, lang))


def speaker_notes(built: Built, source: str, note: str | None, url: str | None, lang: str) -> list[str]:
    """The notes of a view's slide, in the deck and in the live show: the takeaway, the full source line, the
    caveats, the live view's address."""
    caveats = [c for c in (built.subtitle, note, *built.caveats) if c]
    return ([built.takeaway, source]
            + ([i18n.t("briefing.deck_caveats", lang) + " " + " · ".join(caveats)] if caveats else [])
            + ([i18n.t("briefing.deck_link", lang) + " " + url] if url else []))


def _natives(slide, natives: Sequence[native_charts.NativeChart], top, lang: str) -> None:
    """Native charts side by side (a faceted view's panels, each on its own scale, titled), or one chart."""
    width = CONTENT_W // len(natives)
    gap = Inches(0.3) if len(natives) > 1 else 0
    for pos, native in enumerate(natives):
        left, chart_top = MARGIN + pos * width, top
        if native.panel:
            _write(slide, left, top, width - gap, Inches(0.4), native.panel, lang, 16, bold=True)
            chart_top = top + Inches(0.4)
        native_charts.draw(slide, native, left, chart_top, width - gap, CONTENT_BOTTOM - chart_top, lang)


def _sources_slide(prs, source_ids: list[str], sources: pd.DataFrame, lang: str, number: int, total: int) -> None:
    slide = _titled(prs, i18n.t("briefing.deck_sources_title", lang), lang, 24, MARGIN, Inches(0.45), CONTENT_W,
                    Inches(0.8))
    _accent_bar(slide)
    by_id = sources.set_index("source_id")
    known = [s for s in source_ids if s in by_id.index]
    n_columns = 1 if len(known) <= 8 else 2 if len(known) <= 16 else 3
    per_column = -(-len(known) // n_columns) if known else 0
    width = CONTENT_W // n_columns
    size = 12 if n_columns == 1 else 10 if n_columns == 2 else 9
    for c in range(n_columns):
        box = _textbox(slide, MARGIN + c * width, Inches(1.35), width - Inches(0.15), Inches(5.6), lang)
        for pos, source_id in enumerate(known[c * per_column:(c + 1) * per_column]):
            row = by_id.loc[source_id]
            paragraph = _paragraph(box.text_frame, pos == 0)
            paragraph.space_after = Pt(5)
            _run(paragraph, str(row["citation_en" if lang == "en" else "citation_fr"]), lang, size, bold=True)
            url = None if i18n.is_missing(row["url"]) else str(row["url"])
            url = url if url and url.startswith(("http://", "https://")) else None
            # The title carries the link; the site's name is printed for a paper copy.
            _run(paragraph, " — ", lang, size)
            _run(paragraph, str(row["title"]), lang, size, color=ACCENT if url else INK, link=url)
            if url:
                _run(paragraph, f" ({urlsplit(url).netloc})", lang, size, color=MUTED)
    _write(slide, SLIDE_W - MARGIN - Inches(1.2), Inches(7.05), Inches(1.2), Inches(0.3), f"{number} / {total}", lang,
           10, color=MUTED, align=PP_ALIGN.RIGHT)


def used_sources(entries: Sequence[tuple[View, Built]]) -> list[str]:
    """Every source id behind the views, in order of first appearance."""
    ids: list[str] = []
    for _, built in entries:
        ids += provenance.source_ids(built.rows) + list(built.extra_source_ids)
    return list(dict.fromkeys(ids))




def build_deck(entries: Sequence[tuple[View, Built]], *, title: str, state: FilterState, options: FilterOptions,
               sources: pd.DataFrame, lang: str, app_url: str | None = None, today: date | None = None,
               picture: Picture | None = None, national: frozenset[str] | set[str] = frozenset()) -> bytes:
    """The .pptx: title slide, one slide per (view, built) in order (none for a view without data under the
    filters), the sources slide. ``picture`` renders the map and any chart with neither a native chart nor a table
    (default :func:`render_picture`; the page passes a cached one)."""
    lang = i18n.normalize_lang(lang)
    entries = [(view, built) for view, built in entries if built.kind != "empty"]  # no slide without data
    app_url = config.public_url() or app_url  # links point at the configured public address when there is one
    picture = picture or (lambda view, built: pictures.render_picture(view, built, lang))
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    prs.core_properties.title = title
    prs.core_properties.language = "fr-FR" if lang == "fr" else "en-GB"
    prs.core_properties.author = i18n.t("briefing.deck_author", lang)
    total = len(entries) + 2
    _title_slide(prs, title, state, options, lang, today or date.today(), len(entries))
    # Bar, column and line views become native charts, the other charts their table; the map, a picture.
    natives = [native_charts.from_model(built.model, lang) if built.kind == "chart" else () for _, built in entries]
    needs_picture = [built.kind == "map" or (built.kind == "chart" and not native and built.table is None)
                     for (_, built), native in zip(entries, natives)]
    # Rendering the pictures is most of the time: a few at once (vl-convert and Agg work outside Python).
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        pngs = list(pool.map(lambda pair: picture(*pair[0]) if pair[1] else None, zip(entries, needs_picture)))
    for number, ((view, built), native, png) in enumerate(zip(entries, natives, pngs), start=2):
        # A post-study view carries its own public sources (never the study's): its line says so.
        source = built.source or provenance.source_line(built.rows, sources, lang, built.extra_source_ids)
        _view_slide(prs, view, built, native, png, source, views.filter_note(view, state, lang),
                    views.link(view, state, app_url), lang, number, total,
                    national=state.is_filtered and view.key in national)
    _sources_slide(prs, used_sources(entries), sources, lang, total, total)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def build_slide(view: View, built: Built, *, sources: pd.DataFrame, lang: str, url: str) -> bytes:
    """One view as a one-slide .pptx (a company's sheet): its slide as in the deck, its sources in the footer and
    the notes, ``url`` the live page it comes from."""
    lang = i18n.normalize_lang(lang)
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    prs.core_properties.title = built.title
    prs.core_properties.language = "fr-FR" if lang == "fr" else "en-GB"
    prs.core_properties.author = i18n.t("briefing.deck_author", lang)
    source = built.source or provenance.source_line(built.rows, sources, lang, built.extra_source_ids)
    _view_slide(prs, view, built, (), None, source, None, url, lang, 1, 1)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def file_name(title: str, today: date | None = None, state: FilterState | None = None,
              options: FilterOptions | None = None) -> str:
    """``dossier-de-seance-smt_auvergne-rhone-alpes_diabetologie_2025-03-12.pptx``: the deck's title, its filters'
    values and its day (the national and a filtered deck never share a name)."""
    from smt_dashboard.export import safe_filename
    from smt_dashboard.filters import MULTI_KEYS

    parts = [safe_filename(title)]
    if state is not None and options is not None:
        for attr in MULTI_KEYS.values():
            for code in getattr(state, attr):
                name = options.regions.get(code, code) if attr == "regions" else i18n.label(
                    {"areas": "area", "models": "model", "nationalities": "nationality"}[attr], code, state.lang)
                parts.append(safe_filename(name))
    return "_".join([*parts, (today or date.today()).isoformat()]) + ".pptx"
