"""The chart model: each bar, column or line view yields categories, series, labels and marks as data, and the page's
chart, the slide and the deck are drawn from it. Here: the models of the views against the study's figures, and the
model's own rules (a missing value is no bar, a stack's total, a note, the deck's categories)."""

from __future__ import annotations

import pandas as pd
import pytest

from smt_dashboard import chart_model, native_charts, views
from smt_dashboard.chart_model import ChartModel, Panel, Series
from smt_dashboard.charts.common import FRANCE_COLOR
from smt_dashboard.charts.model import frame, render
from smt_dashboard.datasets import load_dataset, load_regions
from smt_dashboard.filters import FilterState
from tests.conftest import DATA

NNBSP = "\u202f"


@pytest.fixture(scope="module")
def frames() -> dict:
    out: dict = {n: load_dataset(n, DATA) for n in views.datasets_of(views.VIEWS) if n != views.REGIONS}
    out[views.REGIONS] = load_regions(DATA)
    return out


def model(frames, key: str, lang: str = "fr", state: FilterState | None = None, **params) -> ChartModel:
    built = views.build(views.VIEWS_BY_KEY[key], frames, state or FilterState(lang=lang), lang, params or None)
    assert built.kind == "chart" and built.model is not None, key
    return built.model


def values(panel: Panel, series: int = 0) -> dict[str, float | None]:
    return dict(zip(panel.categories, panel.series[series].values))


def test_adoption_bars_by_audience_in_percent(frames):
    m = model(frames, "adoption")
    (panel,) = m.panels
    assert m.percent and m.series_names == ("Professionnels de santé", "Pharmaciens d'officine", "Grand public")
    assert len(panel.categories) == 9
    pros = panel.series[0]
    assert [v for v in pros.values if v is not None] == [90] and f"90{NNBSP}%" in pros.labels


def test_recommendation_targets_most_solicited_first(frames):
    (panel,) = model(frames, "recommendation_targets").panels
    counts = values(panel)
    assert panel.categories[0] == "Organismes de formation" and counts["Organismes de formation"] == 5
    assert counts["Autorités de santé"] == 3 and len(panel.categories) == 7
    assert list(counts.values()) == sorted(counts.values(), reverse=True)


def test_companies_by_model_stacks_french_then_subsidiaries_with_totals(frames):
    m = model(frames, "companies_by_model")
    (panel,) = m.panels
    assert m.stacked and m.totals and m.title == "Entreprises par type de SMT développé"
    assert panel.categories[0] == "Technologies de santé"  # 10 of the 17 companies
    assert m.series_names == ("Entreprise française", "Filiale d'entreprise étrangère")
    assert panel.series[0].color == FRANCE_COLOR
    totals = m.stack_totals(panel)
    assert list(totals) == sorted(totals, reverse=True) and sum(totals) == 17


def test_us_comparison_every_band_every_group(frames):
    m = model(frames, "us_comparison", "en")
    (panel,) = m.panels
    assert m.kind == "column" and m.title == "Size of the companies developing SMT: United States and France"
    assert panel.categories[0] == "Fewer than 20" and panel.categories[-1] == "More than 10,000"
    assert m.series_names == ("US companies (worldwide staff)", "French companies",
                              "Subsidiaries of foreign companies (staff in France)")
    assert values(panel)["More than 10,000"] == 5  # five US companies over 10,000 staff


def test_approvals_label_each_bar_with_the_counts_the_deck_writes_too(frames):
    m = model(frames, "approvals")
    (panel,) = m.panels
    assert m.percent and len(panel.categories) == 3 and len(panel.series) == 2
    labels = {label for s in panel.series for label in s.labels}
    assert f"CE : 2 / 5 (40{NNBSP}%)" in labels
    native = native_charts.from_model(m, "fr")[0]
    assert {label for texts in native.labels for label in texts} == labels


def test_reimbursement_counts_the_33(frames):
    (panel,) = model(frames, "reimbursement").panels
    assert list(panel.series[0].values) == [11, 1, 6, 15]


def test_funding_yearly_keeps_every_year_and_says_what_is_undisclosed(frames):
    m = model(frames, "funding_yearly")
    (panel,) = m.panels
    assert panel.categories == tuple(str(y) for y in range(2010, 2020))
    totals = dict(zip(panel.categories, m.stack_totals(panel)))
    assert totals["2011"] is None and totals["2016"] is None  # no amount disclosed: no bar, never 0
    assert dict(zip(panel.categories, panel.notes))["2012"] == "+1 n.c."
    # The legend lists the types that have an amount to draw.
    assert "Acquisition" not in m.series_names and m.series_names[0] == "Levée de fonds"


def test_funding_investors_names_the_companies_funded(frames):
    m = model(frames, "funding_investors", "en")
    (panel,) = m.panels
    assert m.title == "Investors by number of operations"
    assert panel.categories[0] == "Bpifrance" and panel.series[0].values[0] == 2
    assert panel.series[0].labels[0].startswith("2 · ")


def test_deals_one_panel_per_level_france_highlighted(frames):
    m = model(frames, "deals")
    countries, cities = m.panels
    assert m.title == "Nombre de deals en santé digitale en 2018, par pays et par ville"
    assert len(countries.categories) + len(cities.categories) == 10
    assert cities.categories[cities.highlight[0]] == "Paris (France)"
    by_amount = model(frames, "deals", metric="amount_musd")
    amounts = {c: (v, label) for p in by_amount.panels for c, v, label in
               zip(p.categories, p.series[0].values, p.series[0].labels)}
    assert amounts["Inde"] == (None, "non communiqué")  # written, not drawn


def test_index_ranking_and_reweighting_highlight_france(frames):
    (ranking,) = model(frames, "index_ranking").panels
    assert ranking.categories[14] == "15. France" and ranking.highlight == (14,)
    assert len(ranking.categories) == 17
    m = model(frames, "index_reweighted", "en", weights=(0, 0, 1))
    assert m.title == "Re-weighted index: the 16 countries whose sub-indices are published"
    assert m.panels[0].categories[12] == "13. France"


def test_index_compare_names_every_bar_france_in_its_colour(frames):
    m = model(frames, "index_compare", countries=("DE", "FR"))
    colors = {s.name: s.color for s in m.panels[0].series}
    assert colors["France"] == FRANCE_COLOR
    assert all(label.startswith(s.name) for s in m.panels[0].series for label in s.labels)


def test_trainings_bars_label_count_and_share_schools_in_the_tooltip(frames):
    (cities,) = model(frames, "trainings_by_city").panels
    assert cities.categories[0] == "Paris" and len(cities.categories) == 9
    assert all(cities.series[0].details)  # the schools of each city
    (types,) = model(frames, "trainings_types").panels
    assert list(types.series[0].labels) == [f"10 (71{NNBSP}%)", f"2 (14{NNBSP}%)", f"2 (14{NNBSP}%)"]
    (lengths,) = model(frames, "trainings_lengths", "en").panels
    assert list(lengths.series[0].labels) == ["5 (33%)", "7 (47%)", "3 (20%)"]


def test_jobs_history_columns_count_the_companies_each_year(frames):
    m = model(frames, "jobs_history")
    (panel,) = m.panels
    assert m.kind == "column" and panel.categories[0] == "2009"
    assert list(panel.series[0].values) == [5, 5, 5, 5, 7, 8, 8, 8, 9, 10, 10, 10]


def test_a_missing_value_is_no_bar_and_its_label_is_written_at_the_axis():
    m = ChartModel("bar", (chart_model.one_series(["a", "b"], [3, None], "n", "#000000", labels=["3", "n.c."]),))
    rows = frame(m, "fr")
    bars = rows[rows["row"] == "bar"].set_index("category")
    assert bars.loc["a", "end"] == 3 and pd.isna(bars.loc["b", "end"])
    spec = render(m, "fr").to_dict()
    assert any("!isValid(datum.end)" in str(layer.get("transform")) for layer in spec["layer"])


def test_stacks_total_and_notes_reach_the_deck_as_category_lines():
    panel = Panel(("2019", "2020"), (Series("A", (1.0, None), "#000000"), Series("B", (2.5, None), "#111111")),
                  notes=("", "+1 n.c."))
    m = ChartModel("column", (panel,), stacked=True, totals=True, decimals=1)
    assert m.stack_totals(panel) == (3.5, None)
    (native,) = native_charts.from_model(m, "fr")
    assert native.categories == ("2019\n3,5", "2020\n+1 n.c.")
    assert native.grouping == "stacked" and native.labels == (("1", ""), ("2,5", ""))


def test_a_panel_refuses_series_of_the_wrong_length():
    with pytest.raises(ValueError):
        Panel(("a", "b"), (Series("s", (1.0,), "#000000"),))
    with pytest.raises(ValueError):
        ChartModel("pie", (Panel(("a",), (Series("s", (1.0,), "#000000"),)),))
