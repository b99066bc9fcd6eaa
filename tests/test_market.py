"""Market & adoption helpers and charts on the study's figures."""

from __future__ import annotations

import pytest

from smt_dashboard import market
from smt_dashboard.charts import market as market_charts
from smt_dashboard.datasets import load_dataset
from tests.conftest import DATA

NBSP, NNBSP = "\u00a0", "\u202f"


def test_market_size_is_a_range_each_year():
    ranges = market.size_ranges(load_dataset("market_size", DATA))
    # Study: 71-96 bn$ in 2018, 504-531 bn$ in 2025.
    assert list(ranges["year"]) == [2018, 2025]
    assert list(ranges["range_label"]) == [f"71–96{NBSP}Md$", f"504–531{NBSP}Md$"]
    assert market.size_ranges(load_dataset("market_size", DATA), "en")["range_label"].iloc[1] == "$504–531bn"


def test_published_and_implied_growth():
    rate = market.growth(load_dataset("market_size", DATA))
    assert (rate.published_low, rate.start, rate.end) == (28, 2018, 2025)  # "TCAM : +28 %"
    # The ends of the ranges imply about 28 % (high to high) to 32 % (low to low) a year over 7 years.
    assert rate.implied_high_path == pytest.approx(100 * ((531 / 96) ** (1 / 7) - 1))
    assert 27 < rate.implied_min < 28.5 and 32 < rate.implied_max < 33
    assert rate.published_within_implied
    assert market.fmt_pct_range(rate.implied_min, rate.implied_max, "fr", 1) == f"27,7 à 32,3{NNBSP}%"
    assert market.fmt_pct_range(28, 28) == f"28{NNBSP}%"


def test_adoption_rows_grouped_by_audience():
    rows = market.adoption_rows(load_dataset("adoption_survey", DATA))
    assert list(rows["audience"]) == ["professionals", "pharmacists"] + ["public"] * 7
    # Study: 90 % of professionals, 66 % of pharmacists, then the public from 78 % down to 25 %.
    assert list(rows["value_pct"]) == [90, 66, 78, 72, 70, 59, 50, 39, 25]
    assert rows["value_label"].iloc[0] == f"90{NNBSP}%"
    assert all(len(line) <= 60 for label in rows["wrapped_label"] for line in label.split("\n"))


def test_adoption_factor_groups():
    groups = market.factor_groups(load_dataset("adoption_factors", DATA))
    assert [(a, k, len(r)) for a, k, r in groups] == [("clinicians", "facilitator", 5), ("patients", "facilitator", 5),
                                                      ("all", "limiting", 4)]


def test_context_figures():
    figures = market.context_figures(load_dataset("health_context", DATA))
    by_label = {f.label: f for f in figures}
    assert len(figures) == 6
    assert by_label["Personnes diabétiques dans le monde"].value == f"108{NBSP}millions → 422{NBSP}millions"
    assert by_label["Personnes diabétiques dans le monde"].period == "1980 → 2014"
    assert by_label["Dépenses de santé correspondant aux ALD en France"].value == f"94,5{NBSP}Md€"
    assert market.fmt_context_value(10, "million_people", "gt", "en") == f"over 10{NBSP}million"
    assert market.fmt_context_value(None, "pct") == "non communiqué"


def test_size_chart_draws_ranges_not_points():
    ranges = market.size_ranges(load_dataset("market_size", DATA))
    spec = market_charts.size_ranges(ranges, "Marché", "Md$", "Milliards de dollars").to_dict()
    assert spec["title"]["text"] == "Marché"
    bar = spec["layer"][0]
    assert bar["mark"]["type"] == "bar"
    assert bar["encoding"]["y"]["field"] == "value_low" and bar["encoding"]["y2"]["field"] == "value_high"
    values = list(spec["datasets"].values())[0]
    assert [(v["value_low"], v["value_high"]) for v in values] == [(71, 96), (504, 531)]


