"""The slide show's charts as projected: every chart of the show fits the slide's 1800 × 640 box with every text at
26 px or more and no label cut, and the projection versions draw the same rows as their views with fewer marks."""

from __future__ import annotations

import re

import pytest

from smt_dashboard import slides, views
from smt_dashboard.datasets import load_dataset, load_regions
from smt_dashboard.filters import FilterState
from tests.conftest import DATA

STATES = {"none": FilterState(), "ara": FilterState(regions=("84",)), "diabetes": FilterState(areas=("diabetology",)),
          "en": FilterState(lang="en")}


@pytest.fixture(scope="module")
def frames() -> dict:
    out: dict = {n: load_dataset(n, DATA) for n in views.datasets_of(views.VIEWS) if n != views.REGIONS}
    out[views.REGIONS] = load_regions(DATA)
    return out


def _svg_facts(svg: str) -> tuple[float, float, list[float], list[str]]:
    width = float(re.search(r'<svg[^>]*\swidth="([\d.]+)"', svg).group(1))
    height = float(re.search(r'<svg[^>]*\sheight="([\d.]+)"', svg).group(1))
    sizes = [float(x) for x in re.findall(r'font-size[=:]\s*"?([\d.]+)', svg)]
    texts = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return width, height, sizes, texts


@pytest.mark.parametrize("state_id", list(STATES))
def test_every_projected_chart_fits_the_slide_with_type_read_from_the_back(frames, state_id):
    state = STATES[state_id]
    checked = 0
    for view in views.SHOW:
        built = views.build_projection(view, frames, state, state.lang)
        if slides.kind_of(built) != "svg":
            continue
        svg = slides.projection_svg(view, built.content, state.lang)
        width, height, sizes, texts = _svg_facts(svg)
        assert width <= slides.CHART_W + 1 and height <= slides.CHART_H + 1, (view.key, width, height)
        # Filling the box: a chart never leaves most of the slide empty.
        assert width >= 0.85 * slides.CHART_W and height >= 0.9 * slides.CHART_H, (view.key, width, height)
        assert sizes and min(sizes) >= slides.MIN_FONT, (view.key, min(sizes))
        assert not any(t.rstrip().endswith("…") for t in texts), view.key  # no label cut
        checked += 1
    assert checked >= 15


def test_projection_versions_draw_the_views_rows_with_fewer_marks(frames):
    state = FilterState()
    projected = [v for v in views.VIEWS if v.projection is not None]
    assert {v.key for v in projected} == {"developments_timeline", "funding_timeline", "index_rank_range"}
    for view in projected:
        base = views.build(view, frames, state, "fr")
        shown = views.build_projection(view, frames, state, "fr")
        assert shown.takeaway == base.takeaway and shown.rows.equals(base.rows), view.key
    # Developments: one bar per kind, their counts add up to every development listed.
    shown = views.build_projection(views.VIEWS_BY_KEY["developments_timeline"], frames, state, "fr")
    (kinds,) = shown.model.panels
    counts = [v for v in kinds.series[0].values]
    assert sum(counts) == len(shown.rows) == len(frames["developments"])
    assert counts == sorted(counts, reverse=True)
    # Funding: operations per year by type, adding up to the dated operations of the timeline.
    base = views.build(views.VIEWS_BY_KEY["funding_timeline"], frames, state, "fr")
    shown = views.build_projection(views.VIEWS_BY_KEY["funding_timeline"], frames, state, "fr")
    assert sum(t or 0 for t in shown.model.stack_totals(shown.model.panels[0])) == 19 and "19" in base.takeaway
    assert shown.title.startswith("Opérations de financement par année et par type")
    # Index: France's rank per weighting, one bar per rank, adding up to the 231 weightings of the heatmap.
    shown = views.build_projection(views.VIEWS_BY_KEY["index_rank_range"], frames, state, "fr")
    (ranks,) = shown.model.panels
    assert sum(ranks.series[0].values) == 231 and ranks.categories == ("13e rang", "14e rang", "15e rang", "16e rang")


def _frame(chart):
    """The rows a chart draws (its own, or its first layer's)."""
    import pandas as pd

    if isinstance(getattr(chart, "data", None), pd.DataFrame):
        return chart.data
    return next(layer.data for layer in chart.layer if isinstance(getattr(layer, "data", None), pd.DataFrame))


def test_an_empty_view_has_no_projection_to_draw(frames):
    state = FilterState(regions=("76",))
    for key in ("funding_timeline", "companies_by_model"):
        built = views.build_projection(views.VIEWS_BY_KEY[key], frames, state, "fr")
        assert built.kind == "empty" and slides.kind_of(built) == "text", key
