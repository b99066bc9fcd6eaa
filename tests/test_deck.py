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

from smt_dashboard import deck, native_charts, pictures, slides, views
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
    """The deck as the briefing page builds it (projection versions); the entries that made a slide."""
    entries = [(views.VIEWS_BY_KEY[k], views.build_projection(views.VIEWS_BY_KEY[k], frames, state, lang)) for k in keys]
    data = deck.build_deck(entries, title="Comité du 12 mars" if lang == "fr" else "Committee of 12 March",
                           state=state, options=options, sources=frames_sources(), lang=lang, app_url=URL,
                           today=date(2025, 3, 12), picture=picture)
    return [(v, b) for v, b in entries if b.kind != "empty"], Presentation(io.BytesIO(data))


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


def test_one_slide_per_view_with_data_between_title_and_sources(full):
    entries, prs = full
    slides = list(prs.slides)
    # Without a filter the region / area profile has nothing to say: it makes no slide (no "no data" slide).
    # Nor does a company's sheet without its company (it is exported from the company's page).
    company_views = [v.key for v in views.VIEWS if v.page == "company"]
    assert "profile" not in [view.key for view, _ in entries]
    assert not set(company_views) & {v.key for v, _ in entries}
    assert len(entries) == len(views.VIEWS) - 1 - len(company_views)
    assert len(slides) == len(entries) + 2
    assert prs.slide_width / prs.slide_height == pytest.approx(16 / 9, rel=0.01)
    for (view, built), slide in zip(entries, slides[1:-1]):
        assert built.title in texts(slide), view.key
        assert built.takeaway in texts(slide), view.key
        assert "Aucune donnée ne correspond" not in slide_text(slide), view.key
    assert "Sources" in texts(slides[-1])


def test_title_slide(full):
    _, prs = full
    text = slide_text(prs.slides[0])
    assert "Comité du 12 mars" in text
    assert "12 mars 2025" in text
    assert "Filtres : Aucun filtre actif" in text
    assert "Langue : français" in text
    assert prs.core_properties.title == "Comité du 12 mars"


def test_chart_slides_hold_a_native_chart_or_a_table_only_the_map_is_a_picture(full):
    """Bar / column views are editable PowerPoint charts; timelines, ranges and heatmaps their table (a picture of
    them cannot be read when projected); the map is the one picture."""
    entries, prs = full
    native = 0
    for (view, built), slide in zip(entries, list(prs.slides)[1:-1]):
        kinds = [shape.shape_type for shape in slide.shapes]
        has_picture = MSO_SHAPE_TYPE.PICTURE in kinds
        has_chart = any(shape.has_chart for shape in slide.shapes)
        has_table = any(shape.has_table for shape in slide.shapes)
        assert has_picture == (built.kind == "map"), view.key
        if built.kind == "chart":
            assert has_chart != has_table, view.key  # one or the other
            assert has_table == (built.table is not None and not native_charts.from_model(built.model, "fr")), view.key
        if built.kind in ("table", "swot"):
            assert has_table and not has_chart, view.key
        native += has_chart
        if has_picture:
            picture = next(s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
            assert picture.image.content_type == "image/png"
            assert picture.image.size[0] >= 1600, view.key
            # Inside the slide, between the takeaway and the footnote.
            assert picture.left >= 0 and picture.left + picture.width <= prs.slide_width
            assert deck.CONTENT_TOP <= picture.top and picture.top + picture.height <= deck.CONTENT_BOTTOM + 1
    assert native >= 14
    # The timelines, the heatmap, the market ranges and the jobs model: tables a room can read.
    for key, header in (("policy_france", "Jalon"), ("catalogue_heatmap", "Aire thérapeutique"),
                        ("market_size", "Fourchette"), ("jobs_projection", "Étude : total publié")):
        table = next(s for s in _slide_of(full, key).shapes if s.has_table).table
        assert header in [cell.text for cell in table.rows[0].cells], key
    heatmap = next(s for s in _slide_of(full, "catalogue_heatmap").shapes if s.has_table).table
    diabetes = next(row for row in heatmap.rows if row.cells[0].text == "Diabétologie")
    assert [c.text for c in diabetes.cells] == ["Diabétologie", "3", "19", "0"]


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
    # Countries and cities apart, as on the page: two charts, each on its own scale, each titled.
    deals_slide = _slide_of(full, "deals")
    countries, cities = [s.chart for s in deals_slide.shapes if s.has_chart]
    assert dict(zip(countries.plots[0].categories, countries.plots[0].series[0].values))["États-Unis"] == 346
    assert "Paris (France)" not in list(countries.plots[0].categories)
    assert dict(zip(cities.plots[0].categories, cities.plots[0].series[0].values))["Paris (France)"] == 7
    assert "États-Unis" not in list(cities.plots[0].categories)
    assert {"Pays", "Villes"} <= set(texts(deals_slide))


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


def test_a_view_without_data_makes_no_slide(frames, options):
    def no_picture(view, built):
        raise AssertionError(f"{view.key} has nothing to draw")

    state = FilterState(regions=("53",), nationalities=("french",))
    entries, prs = make(frames, options, ["companies_by_model", "funding_totals", "deals"], state, "fr",
                        picture=no_picture)
    assert [view.key for view, _ in entries] == ["deals"]
    slides = list(prs.slides)
    assert len(slides) == 3  # title, deals, sources
    assert "1 vue du tableau de bord" in slide_text(slides[0])  # the title slide counts the slides made
    assert all("Aucune donnée ne correspond" not in slide_text(slide) for slide in slides)


def _chart_frame(built) -> pd.DataFrame:
    """The values the view's page chart draws (its model's rows), under generic column names."""
    from smt_dashboard.charts.model import frame

    rows = frame(built.model, "fr")
    return rows[rows["row"] == "bar"]


# Each native chart of the show: whether its values are shares in percent, and the columns of the rows the view
# exports (category, value, series, panel) when they hold what the chart draws: the deck is checked against them too,
# not only against the chart it shares a model with.
NATIVE = {
    "developments_timeline": (False, None),
    "adoption": (True, None),
    "recommendation_targets": (False, ("target_label", "actions", None, None)),
    "recommendation_followup": (False, None),
    "companies_by_model": (False, ("model_label", "companies", "nationality_label", None)),
    "us_comparison": (False, ("band_label", "companies", "group_label", None)),
    "approvals": (True, None),
    "reimbursement": (False, None),
    "funding_timeline": (False, None),
    "funding_yearly": (False, ("year", "total_meur", "type_label", None)),
    "deals": (False, ("geography", "value", None, "level")),
    "index_ranking": (False, ("label", "index", None, None)),
    "index_rank_range": (False, None),
    "trainings_by_city": (False, None),
}


def _expected(frame: pd.DataFrame, category: str, value: str, series: str | None) -> dict:
    """{series: {category: value}} summed from the rows (series "" when one series), categories in row order."""
    out: dict = {}
    for row in frame.to_dict("records"):
        name = "" if series is None else str(row[series])
        number = row[value]
        if pd.isna(number):
            continue
        cell = out.setdefault(name, {})
        cell[str(row[category])] = cell.get(str(row[category]), 0) + float(number)
    return {name: cells for name, cells in out.items() if any(cells.values()) or series is None}


def _page_orders(built) -> tuple[list[str], list[str]]:
    """The order the page draws: its model's categories (every panel) and its legend's series."""
    return [c for p in built.model.panels for c in p.categories], list(built.model.series_names)


def _xml(chart) -> str:
    from lxml import etree

    return etree.tostring(chart._chartSpace).decode()


@pytest.mark.parametrize("key", list(NATIVE))
def test_each_native_chart_draws_its_views_rows(full, key):
    entries, _ = full
    built = dict((view.key, b) for view, b in entries)[key]
    percent, exported = NATIVE[key]
    frame = _chart_frame(built)
    panels = list(dict.fromkeys(frame["panel"]))
    charts = [s.chart for s in _slide_of(full, key).shapes if s.has_chart]
    assert len(charts) == len(panels), key
    several = frame["series"].nunique() > 1
    for chart, name in zip(charts, panels):
        rows = frame[frame["panel"] == name]
        expected = _expected(rows, "category", "value", "series" if several else None)
        plot = chart.plots[0]
        # A category's name first; a stack's total and a note ("+1 n.c.") on the lines under it.
        categories = [str(c).split("\n")[0] for c in plot.categories]
        drawn = {s.name if several else "": {c: v for c, v in zip(categories, s.values) if v is not None}
                 for s in plot.series}
        # Every category label (those without a value too: a year with nothing disclosed) in the page's order.
        sort, domain = _page_orders(built)
        present = [c.replace("\n", " ") for c in dict.fromkeys(rows["category"])]
        assert categories == [c.replace("\n", " ") for c in sort if c.replace("\n", " ") in present], key
        for name_, cells in expected.items():
            for cat_, number in cells.items():
                assert drawn[name_].get(cat_.replace("\n", " "), 0) == pytest.approx(number), (key, name_, cat_)
        if exported is not None:  # the same values in the rows the view exports
            category, value, series, panel = exported
            data = built.drawn if panel is None else built.drawn[built.drawn[panel] == name]
            for name_, cells in _expected(data, category, value, series).items():
                for cat_, number in cells.items():
                    assert drawn[name_ if several else ""].get(cat_, 0) == pytest.approx(number), (key, name_, cat_)
        xml = _xml(chart)
        assert '<c:tickLblSkip val="1"/>' in xml, key  # every label shown, none skipped
        assert '<c:showVal val="1"/>' in xml, key  # values written on the bars, as on the page
        if percent:
            assert '<c:max val="100.0"/>' in xml or '<c:max val="100"/>' in xml, key  # a share stops at 100 %
        else:
            assert "<c:max " not in xml, key
        if len(plot.series) > 1:
            # Side-by-side series are columns (left to right, as their legend), never horizontal bars whose legend
            # PowerPoint and LibreOffice order differently; the legend holds the series in the bars' order.
            assert not (chart.chart_type.name.startswith("BAR_CLUSTERED")), key
            assert chart.has_legend, key
            assert [s.name for s in plot.series] == [n for n in domain if n in expected], key


def test_native_labels_are_the_pages_labels(full):
    """The deck writes on each bar what the page writes ("CE : 2 / 5 (40 %)"), and the years the page shows
    without a disclosed amount are categories of the deck's chart too."""
    entries, _ = full
    approvals = [s.chart for s in _slide_of(full, "approvals").shapes if s.has_chart][0]
    texts = {p.data_label.text_frame.text for s in approvals.plots[0].series for p in s.points
             if p.data_label.has_text_frame}
    assert "CE : 2 / 5 (40\u202f%)" in texts and "FDA : 2 / 2 (100\u202f%)" in texts
    yearly = [s.chart for s in _slide_of(full, "funding_yearly").shapes if s.has_chart][0]
    years = [str(c).split("\n") for c in yearly.plots[0].categories]
    assert [y[0] for y in years] == [str(y) for y in range(2010, 2020)]  # 2011 and 2016 kept
    assert any("+1 n.c." in y for y in years)


def test_slide_chart_moves_the_title_and_sizes_for_16_9():
    data = pd.DataFrame({"x": ["a", "b"], "y": [1, 2]})
    chart = alt.Chart(data).mark_bar().encode(x="x:N", y="y:Q").properties(title="T", height=600)
    spec = pictures.slide_chart(chart, 900).to_dict()
    assert "title" not in spec and spec["width"] == 900 and spec["height"] == pictures.MAX_PLOT_HEIGHT
    assert chart.to_dict()["title"] == "T"  # the page's chart is left untouched
    facet = alt.Chart(data).mark_bar().encode(x="x:N", y="y:Q").properties(width=300, height=60).facet(row="x:N")
    spec = pictures.slide_chart(facet.properties(title="F"), 900, (1000, 24)).to_dict()
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
    assert deck.file_name("Dossier de séance – SMT", date(2025, 3, 12)) == "dossier-de-seance-smt_2025-03-12.pptx"
    # The national and a filtered deck never share a name: the filters' values are in it.
    options = FilterOptions(regions={"84": "Auvergne-Rhône-Alpes"})
    filtered = FilterState(regions=("84",), areas=("diabetology",))
    assert deck.file_name("Dossier de séance – SMT", date(2026, 12, 6), filtered, options) == \
        "dossier-de-seance-smt_auvergne-rhone-alpes_diabetologie_2026-12-06.pptx"


def test_a_filtered_deck_plays_the_filtered_views_first_and_marks_the_national_ones(frames, options):
    state = FilterState(regions=("84",))
    keys = ["deals", "companies_by_model", "swot"]
    ordered, national = slides.arrange([views.VIEWS_BY_KEY[k] for k in keys], state)
    assert [v.key for v in ordered] == ["companies_by_model", "deals", "swot"] and national == {"deals", "swot"}
    entries = [(v, views.build_projection(v, frames, state, "fr")) for v in ordered]
    data = deck.build_deck(entries, title="T", state=state, options=options, sources=frames_sources(), lang="fr",
                           app_url=URL, today=date(2025, 3, 12), national=national,
                           picture=lambda v, b: b"")
    prs = Presentation(io.BytesIO(data))
    marked = ["France entière — ces filtres ne s'appliquent pas à cette vue" in slide_text(s) for s in prs.slides]
    assert marked == [False, False, True, True, False]  # title, filtered view, two national, sources
