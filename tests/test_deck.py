"""The briefing deck, opened back with python-pptx: slide count, titles, pictures, tables, takeaways, source
footnotes, links to the live views and the final sources slide."""

from __future__ import annotations

import io
from datetime import date

import altair as alt
import pandas as pd
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from smt_dashboard import deck, views
from smt_dashboard.datasets import load_dataset, load_regions, region_names
from smt_dashboard.filters import FilterOptions, FilterState
from tests.conftest import DATA

NNBSP = "\u202f"
URL = "https://smt.example.org/briefing"


@pytest.fixture(scope="module")
def frames() -> dict:
    out: dict = {n: load_dataset(n, DATA) for n in views.datasets_of(views.VIEWS) if n != views.REGIONS}
    out[views.REGIONS] = load_regions(DATA)
    return out


@pytest.fixture(scope="module")
def options(frames) -> FilterOptions:
    return FilterOptions(regions=region_names(frames[views.REGIONS]))


def make(frames, options, keys, state: FilterState, lang: str, picture=None):
    entries = [(views.VIEWS_BY_KEY[k], views.build(views.VIEWS_BY_KEY[k], frames, state, lang)) for k in keys]
    data = deck.build_deck(entries, title="Comité du 12 mars" if lang == "fr" else "Committee of 12 March",
                           state=state, options=options, sources=frames_sources(), lang=lang, app_url=URL,
                           today=date(2025, 3, 12), picture=picture)
    return entries, Presentation(io.BytesIO(data))


def frames_sources() -> pd.DataFrame:
    return load_dataset("sources", DATA)


@pytest.fixture(scope="module")
def full(frames, options):
    """Every view, in French, no filter (pictures really rendered)."""
    return make(frames, options, [v.key for v in views.VIEWS], FilterState(), "fr")


def texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def slide_text(slide) -> str:
    parts = texts(slide)
    for shape in slide.shapes:
        if shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts)


def links(slide) -> list[str]:
    return [run.hyperlink.address for shape in slide.shapes if shape.has_text_frame
            for p in shape.text_frame.paragraphs for run in p.runs if run.hyperlink.address]


def test_one_slide_per_view_between_title_and_sources(full):
    entries, prs = full
    slides = list(prs.slides)
    assert len(slides) == len(views.VIEWS) + 2
    assert prs.slide_width / prs.slide_height == pytest.approx(16 / 9, rel=0.01)
    for (view, built), slide in zip(entries, slides[1:-1]):
        assert built.title in texts(slide), view.key
        assert built.takeaway in texts(slide), view.key
    assert "Sources" in texts(slides[-1])


def test_title_slide(full):
    _, prs = full
    text = slide_text(prs.slides[0])
    assert "Comité du 12 mars" in text
    assert "12 mars 2025" in text
    assert "Filtres : Aucun filtre actif" in text
    assert "Langue : français" in text
    assert prs.core_properties.title == "Comité du 12 mars"


def test_chart_slides_hold_a_native_chart_or_a_picture_tables_a_table(full):
    """Bar / column views are editable PowerPoint charts; pictures only where PowerPoint has no equivalent."""
    entries, prs = full
    native = 0
    for (view, built), slide in zip(entries, list(prs.slides)[1:-1]):
        kinds = [shape.shape_type for shape in slide.shapes]
        has_picture = MSO_SHAPE_TYPE.PICTURE in kinds
        has_chart = any(shape.has_chart for shape in slide.shapes)
        has_table = any(shape.has_table for shape in slide.shapes)
        assert (has_picture or has_chart) == (built.kind in ("chart", "map")), view.key
        assert not (has_picture and has_chart), view.key
        assert has_table == (built.kind in ("table", "swot")), view.key
        if built.kind == "map":
            assert has_picture, view.key
        native += has_chart
        if has_picture:
            picture = next(s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
            assert picture.image.content_type == "image/png"
            assert picture.image.size[0] >= 1600, view.key
            # Inside the slide, between the takeaway and the footnote.
            assert picture.left >= 0 and picture.left + picture.width <= prs.slide_width
            assert deck.CONTENT_TOP <= picture.top and picture.top + picture.height <= deck.CONTENT_BOTTOM + 1
    assert native >= 8


def test_native_charts_hold_the_views_data_and_the_france_highlight(full):
    entries, prs = full
    index_slide = _slide_of(full, "index_ranking")
    chart = next(s for s in index_slide.shapes if s.has_chart).chart
    categories = list(chart.plots[0].categories)
    values = list(chart.plots[0].series[0].values)
    # The published ranking: Estonia first (81,92), France 15th (31,61), in vermillion.
    assert categories[0] == "1. Estonie" and values[0] == pytest.approx(81.92)
    france = categories.index("15. France")
    assert values[france] == pytest.approx(31.61)
    point = chart.plots[0].series[0].points[france]
    assert str(point.format.fill.fore_color.rgb) == "D55E00"
    deals_chart = next(s for s in _slide_of(full, "deals").shapes if s.has_chart).chart
    deals = dict(zip(deals_chart.plots[0].categories, deals_chart.plots[0].series[0].values))
    assert deals["États-Unis"] == 346 and deals["Paris (France)"] == 7


def test_every_slide_has_a_title_placeholder_and_notes(full):
    entries, prs = full
    slides = list(prs.slides)
    for slide in slides:
        assert slide.shapes.title is not None and slide.shapes.title.text_frame.text.strip()
    for (view, built), slide in zip(entries, slides[1:-1]):
        assert slide.shapes.title.text_frame.text == built.title, view.key
        notes = slide.notes_slide.notes_text_frame.text
        assert built.takeaway in notes and "Source" in notes and URL.split("/briefing")[0] in notes, view.key


def test_links_use_the_public_address_when_configured(frames, options, monkeypatch):
    monkeypatch.setenv("SMT_PUBLIC_URL", "https://example.org")
    _, prs = make(frames, options, ["deals", "index_ranking"], FilterState(regions=("84",)), "fr",
                  picture=lambda *_: b"")
    links = [run.hyperlink.address for slide in prs.slides for shape in slide.shapes if shape.has_text_frame
             for paragraph in shape.text_frame.paragraphs for run in paragraph.runs if run.hyperlink.address]
    app_links = [link for link in links if "example.org" in link or "smt.example.org" in link or "127.0.0.1" in link]
    assert app_links and all(link.startswith("https://example.org/") for link in app_links), app_links
    assert "https://example.org/deals?region=84" in app_links


def _slide_of(full, key):
    entries, prs = full
    index = [view.key for view, _ in entries].index(key)
    return list(prs.slides)[index + 1]


def test_deals_slide_takeaway_footnote_and_link(full):
    slide = _slide_of(full, "deals")
    text = slide_text(slide)
    assert f"La France : 7 deals sur 500 en 2018 (1,4{NNBSP}%)." in text
    assert "Source : AEC Partners (2020), d'après StartUp Health (bilan 2018)" in text
    assert links(slide) == ["https://smt.example.org/deals"]
    assert "https://smt.example.org/deals" in slide.notes_slide.notes_text_frame.text


def test_table_and_swot_slides(full):
    overview = slide_text(_slide_of(full, "overview_headlines"))
    assert "Indicateur" in overview and "10 + 7" in overview and "635" in overview
    reco = _slide_of(full, "recommendation_targets")
    chart = next(s for s in reco.shapes if s.has_chart).chart  # a native bar chart: actions per target player
    assert list(chart.plots[0].categories)[:2] == ["Organismes de formation", "Autorités de santé"]
    assert len(chart.plots[0].categories) == 7 and sum(chart.plots[0].series[0].values) == 15
    swot = _slide_of(full, "swot")
    grid = next(s for s in swot.shapes if s.has_table).table
    assert (len(grid.rows), len(grid.columns)) == (2, 2)
    assert grid.cell(0, 0).text.startswith("Forces") and grid.cell(1, 1).text.startswith("Menaces")
    assert "Financement limité des entreprises innovantes" in grid.cell(0, 1).text
    assert links(swot) == ["https://smt.example.org/swot"]
    assert links(_slide_of(full, "overview_headlines")) == ["https://smt.example.org/"]


def test_sources_slide_lists_every_source_used(full):
    entries, prs = full
    last = list(prs.slides)[-1]
    text = slide_text(last)
    sources = frames_sources().set_index("source_id")
    used = deck.used_sources(entries)
    assert {"aec2020", "startuphealth2018", "bertelsmann_shs_project", "datafrance"} <= set(used)
    for source_id in used:
        assert sources.loc[source_id, "citation_fr"] in text, source_id
    # The titles link to the documents.
    assert "https://www.slideshare.net/StartUpHealth/startup-health-insights-global-digital-health-funding-report" \
           "-2018-year-end-review-127302187" in links(last)


def test_english_deck_with_filters(frames, options):
    state = FilterState(regions=("84",), areas=("diabetology",), lang="en")
    entries, prs = make(frames, options, ["deals", "companies_by_model", "swot"], state, "en")
    slides = list(prs.slides)
    assert len(slides) == 5
    title = slide_text(slides[0])
    assert "12 March 2025" in title and "Language: English" in title
    assert "Filters: Region: Auvergne-Rhône-Alpes · Therapy area: Diabetology" in title
    deals = slide_text(slides[1])
    assert "Number of digital-health deals in 2018, by country and by city" in deals
    assert "France: 7 deals out of 500 in 2018 (1.4%)." in deals
    assert "Filters without effect on this view: Region, Therapy area" in deals
    assert links(slides[1]) == ["https://smt.example.org/deals?region=84&area=diabetology&lang=en"]
    # Companies of Auvergne-Rhône-Alpes working on diabetes: the filter applies, no note.
    models = slide_text(slides[2])
    assert "Companies by type of SMT developed" in models and "Filters without effect" not in models
    assert "Strengths" in slide_text(slides[3])
    assert "Sources" in texts(slides[4])


def test_empty_view_gets_a_message_and_no_picture(frames, options):
    def no_picture(view, built):
        raise AssertionError(f"{view.key} has nothing to draw")

    state = FilterState(regions=("53",), nationalities=("french",))
    entries, prs = make(frames, options, ["companies_by_model", "funding_totals"], state, "fr", picture=no_picture)
    for slide in list(prs.slides)[1:3]:
        assert "Aucune donnée ne correspond aux filtres actifs pour cette vue." in slide_text(slide)
        assert MSO_SHAPE_TYPE.PICTURE not in [s.shape_type for s in slide.shapes]
        assert not any(s.has_table for s in slide.shapes)


def test_slide_chart_moves_the_title_and_sizes_for_16_9():
    data = pd.DataFrame({"x": ["a", "b"], "y": [1, 2]})
    chart = alt.Chart(data).mark_bar().encode(x="x:N", y="y:Q").properties(title="T", height=600)
    spec = deck.slide_chart(chart, 900).to_dict()
    assert "title" not in spec and spec["width"] == 900 and spec["height"] == deck.MAX_PLOT_HEIGHT
    assert chart.to_dict()["title"] == "T"  # the page's chart is left untouched
    facet = alt.Chart(data).mark_bar().encode(x="x:N", y="y:Q").properties(width=300, height=60).facet(row="x:N")
    spec = deck.slide_chart(facet.properties(title="F"), 900, (1000, 24)).to_dict()
    assert "title" not in spec and spec["spec"]["width"] == 1000 and spec["spec"]["height"] == 24


def test_cell_text_uses_the_language_formats():
    assert deck.cell_text(4587, "fr") == f"4{NNBSP}587"
    assert deck.cell_text(4587, "en") == "4,587"
    assert deck.cell_text(float("nan"), "fr") == "non communiqué"
    assert deck.cell_text(None, "en") == "n/a"
    assert deck.cell_text(2.5, "fr") == "2,5"
    assert deck.cell_text("=SUM(A1)", "fr") == "=SUM(A1)"  # shown as text, never evaluated by PowerPoint


def test_title_size_and_file_name():
    assert deck.title_size("Court") == 26
    assert deck.title_size("x" * 100) == 22
    assert deck.file_name("Dossier de séance – SMT", date(2025, 3, 12)) == "dossier-de-seance-smt-2025-03-12.pptx"
