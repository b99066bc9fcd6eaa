"""One path per chart: pages draw the registry's views and nothing else, so that a view's page, its slide and its
deck slide show the same rows under any filter. Checked for every view under several filter combinations."""

from __future__ import annotations

import ast
import json

import altair as alt
import pytest

from smt_dashboard import chart_model, native_charts, slides, st_internals, views
from smt_dashboard.datasets import load_dataset, load_regions
from smt_dashboard.filters import FilterState
from tests.conftest import DATA, ROOT, open_app_page

STATES = {
    "none": {},
    "region_84": {"region": ["84"]},
    "area_diabetology": {"area": ["diabetology"]},
    "idf_diabetology": {"region": ["11"], "area": ["diabetology"]},
}


def _state(query: dict, lang: str = "fr") -> FilterState:
    return FilterState(regions=tuple(query.get("region", ())), areas=tuple(query.get("area", ())), lang=lang)


@pytest.fixture(scope="module")
def frames() -> dict:
    out: dict = {n: load_dataset(n, DATA) for n in views.datasets_of(views.VIEWS) if n != views.REGIONS}
    out[views.REGIONS] = load_regions(DATA)
    return out


def _rows(chart: alt.TopLevelMixin) -> list[tuple]:
    spec = chart.to_dict()
    return sorted(tuple(sorted((k, str(v)) for k, v in row.items())) for rows in spec.get("datasets", {}).values()
                  for row in rows)


def _title(spec: dict) -> str:
    title = spec.get("title")
    text = title.get("text") if isinstance(title, dict) else title
    return " ".join(text) if isinstance(text, list) else str(text or "")


def _page_rows(at, title: str) -> list[tuple] | None:
    """The rows of the page's chart titled ``title``, as the browser receives them (None if absent)."""
    for element in at.get("vega_lite_chart"):
        if _title(json.loads(element.proto.spec)) == title:
            frames = [st_internals.frame_from_arrow_bytes(d.data.data) for d in element.proto.datasets]
            rows = [row for frame in frames for row in frame.to_dict("records")]
            return sorted(tuple(sorted((k, _text(v)) for k, v in row.items())) for row in rows)
    return None


def test_no_page_builds_a_chart_itself():
    for path in [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py"))]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            assert not any(n.startswith("smt_dashboard.charts") or n.startswith("altair") for n in names), (path, names)


def test_every_page_filter_scope_comes_from_its_views():
    for page in {v.page for v in views.VIEWS}:
        scope = views.page_scope(page)
        assert set(scope) == {a for v in views.VIEWS if v.page == page for a in v.applies}, page


@pytest.mark.parametrize("state_id", list(STATES))
def test_page_slide_and_deck_draw_the_same_rows(frames, state_id):
    query = STATES[state_id]
    state = _state(query)
    pages: dict[str, object] = {}
    checked_on_page = 0
    for view in views.VIEWS:
        built = views.build(view, frames, state, "fr")
        if built.kind != "chart":
            continue
        expected = _rows(built.content)
        # The slide: the same chart at projection size (its rows unchanged).
        assert _rows(slides.projection_chart(view, built.content)) == expected, view.key
        # The deck: a native chart is the chart's own model, and the page's chart draws that model's values.
        if built.model is not None:
            drawn = {(r["panel"], r["category"], r["series"], r["value"], r["label"])
                     for r in _chart_records(built.content) if r["row"] == "bar"}
            assert drawn == _model_points(built.model), view.key
            for native, panel in zip(native_charts.from_model(built.model, "fr"),
                                     [p for p in built.model.panels if any(v is not None for s in p.series
                                                                           for v in s.values)]):
                assert [c.split("\n")[0] for c in native.categories] == [c.replace("\n", " ")
                                                                           for c in panel.categories], view.key
                by_name = {s.name: s for s in panel.series}
                for (name, values), labels in zip(native.series, native.labels):
                    assert values == by_name[name].values, (view.key, name)
                    assert labels == chart_model.labels_of(built.model, by_name[name], "fr"), (view.key, name)
        # The page, where it shows the view with its default parameters.
        if view.page not in pages:
            pages[view.page] = open_app_page(f"app_pages/{view.page}.py", query)
            assert not pages[view.page].exception, view.page
        on_page = _page_rows(pages[view.page], built.title)
        if on_page is not None:
            assert on_page == _arrow_rows(built.content), (view.key, state_id)
            checked_on_page += 1
    assert checked_on_page >= 15  # the page comparison really ran


def _chart_records(chart: alt.TopLevelMixin) -> list[dict]:
    spec = chart.to_dict()
    return [row for rows in spec.get("datasets", {}).values() for row in rows if "row" in row]


def _model_points(model) -> set[tuple]:
    out = set()
    for panel in model.panels:
        for series in panel.series:
            for category, value, label in zip(panel.categories, series.values,
                                              chart_model.labels_of(model, series, "fr")):
                out.add((panel.title, category, series.name, value, label))
    return out


def _number(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def _arrow_rows(chart: alt.TopLevelMixin) -> list[tuple]:
    """The view's chart rows after the trip to the browser that the page's chart makes."""
    from smt_dashboard.charts.common import to_spec

    datasets = to_spec.uncached(chart, "fr", arrow=True)["datasets"]
    frames = [st_internals.frame_from_arrow_bytes(payload) for payload in datasets.values()]
    return sorted(tuple(sorted((k, _text(v)) for k, v in row.items()))
                  for frame in frames for row in frame.to_dict("records"))


def _text(value) -> str:
    if isinstance(value, (list, tuple)) or hasattr(value, "tolist"):
        return str(list(value.tolist() if hasattr(value, "tolist") else value))
    return "nan" if value is None or value != value else str(value)


def test_a_view_takes_its_page_parameters(frames):
    """The page's own settings (deals metric, funding period, index weights, simulator) change the view, and the
    slide default is the study's reading."""
    deals = views.VIEWS_BY_KEY["deals"]
    default = views.build(deals, frames, FilterState(), "fr")
    by_amount = views.build(deals, frames, FilterState(), "fr", {"metric": "amount_musd"})
    assert json.dumps(by_amount.content.to_dict()) != json.dumps(default.content.to_dict())
    assert by_amount.takeaway == default.takeaway  # France's share of deals, whatever bars are drawn
    funding = views.VIEWS_BY_KEY["funding_timeline"]
    narrowed = views.build(funding, frames, FilterState(), "fr", {"period": (2019, 2020)})
    everything = views.build(funding, frames, FilterState(), "fr")
    assert set(narrowed.rows["year"]) <= {2019, 2020} and len(narrowed.rows) < len(everything.rows)
    jobs = views.VIEWS_BY_KEY["jobs_projection"]
    study = views.build(jobs, frames, FilterState(), "fr")
    scenario = views.build(jobs, frames, FilterState(), "fr", {"employees": 20})
    assert "377" in study.takeaway and "377" not in scenario.takeaway
    with pytest.raises(KeyError):
        views.build(funding, frames, FilterState(), "fr", {"no_such": 1})
