"""Digital health index: published rank, re-weighting, France's rank over the weight simplex, caveats."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from smt_dashboard import health_index as hx
from smt_dashboard.charts import health_index as charts
from smt_dashboard.datasets import load_dataset
from smt_dashboard.i18n import ordinal
from tests.conftest import DATA


@pytest.fixture(scope="module")
def index() -> pd.DataFrame:
    return load_dataset("digital_health_index", DATA)


def _rank(rows: pd.DataFrame, code: str) -> int:
    return int(rows.loc[rows["country_code"] == code, "rank"].iloc[0])


def test_published_ranking_france_15th_of_17(index):
    ranking = hx.published_ranking(index, "fr")
    assert len(ranking) == 17
    assert _rank(ranking, "FR") == 15
    assert ranking.iloc[0]["name"] == "Estonie"
    assert ranking.iloc[-1]["name"] == "Pologne"
    assert ranking.loc[ranking["is_france"], "label"].item() == "15. France"
    assert ranking.loc[ranking["country_code"] == "DE", "label"].item() == "16. Allemagne *"
    assert ranking.loc[ranking["country_code"] == "PT", "has_subindices"].item() is False


def test_normalise_weights():
    assert hx.normalise_weights((50, 50, 50)) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert hx.normalise_weights([100, 0, 0]) == (1.0, 0.0, 0.0)
    assert hx.normalise_weights((20, 30, 50)) == pytest.approx((0.2, 0.3, 0.5))
    with pytest.raises(ValueError):
        hx.normalise_weights((0, 0, 0))
    with pytest.raises(ValueError):
        hx.normalise_weights((-1, 1, 1))


def test_portugal_is_excluded_from_reweighting(index):
    complete, excluded = hx.split_complete(index)
    assert excluded["country_code"].tolist() == ["PT"]
    assert len(complete) == 16
    assert "PT" not in set(hx.reweighted(index, hx.EQUAL, "fr")["country_code"])


def test_equal_weights_rank_france_among_16(index):
    equal = hx.reweighted(index, (1, 1, 1), "fr")
    assert len(equal) == 16
    assert _rank(equal, "FR") == 14  # Portugal (8th published) is out; France stays ahead of Germany and Poland
    assert _rank(equal, "DE") == 15 and _rank(equal, "PL") == 16
    fr = equal[equal["is_france"]].iloc[0]
    assert fr["score"] == pytest.approx((39.9 + 33.2 + 21.7) / 3)
    assert fr["published_rank"] == 15
    # Denmark (80.8 + 66.0 + 70.6) and Israel (78.5 + 69.5 + 69.4) both sum to 217.4: a tie, not float noise.
    assert _rank(equal, "DK") == _rank(equal, "IL") == 3


@pytest.mark.parametrize("weights,rank", [((1, 0, 0), 16), ((0, 1, 0), 14), ((0, 0, 1), 13)])
def test_corner_weights(index, weights, rank):
    # Policy activity alone: France's 39.9 is the lowest; data use alone: France (21.7) passes
    # Switzerland (14.0), Germany (15.8) and Poland (11.8).
    assert _rank(hx.reweighted(index, weights, "fr"), "FR") == rank


def test_weight_grid_covers_the_simplex_in_5_percent_steps():
    grid = hx.weight_grid(0.05)
    assert grid.shape == (231, 3)
    assert np.allclose(grid.sum(axis=1), 1)
    assert {(1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)} <= {tuple(row) for row in grid}
    assert len({tuple(np.round(row, 6)) for row in grid}) == 231
    with pytest.raises(ValueError):
        hx.weight_grid(0.3)


def test_rank_range_of_france_over_the_simplex(index):
    result = hx.rank_over_simplex(index)
    assert result.countries == 16
    assert (result.min_rank, result.max_rank) == (13, 16)
    assert (0.0, 0.0, 1.0) in result.weights_min
    assert (1.0, 0.0, 0.0) in result.weights_max
    assert result.grid["rank"].between(13, 16).all()
    assert result.example_min in result.weights_min
    dist = hx.rank_distribution(result).set_index("rank")
    assert dist["weights"].sum() == 231
    assert dist["share_pct"].sum() == pytest.approx(100)


def test_rank_range_matches_one_reweighting_per_grid_point(index):
    """The vectorised grid agrees with recomputing the index triple by triple."""
    result = hx.rank_over_simplex(index, step=0.1)
    assert len(result.grid) == 66
    for row in itertools.islice(result.grid.itertuples(), 0, None, 5):
        weights = (row.policy_activity, row.digital_health_readiness, row.actual_data_use)
        assert _rank(hx.reweighted(index, weights, "fr"), "FR") == row.rank, weights


def test_country_without_subindices_has_no_rank_range(index):
    with pytest.raises(ValueError):
        hx.rank_over_simplex(index, "PT")


def test_equal_weight_score_reproduces_the_published_index_except_germany(index):
    gaps = hx.equal_weight_gap(index).set_index("country_code")
    assert gaps.loc["DE", "mean"] == pytest.approx(29.37, abs=0.005)
    assert gaps.loc["DE", "gap"] == pytest.approx(29.3667 - 30.02, abs=0.001)
    assert bool(gaps.loc["DE", "has_caveat"])
    assert gaps.loc[~gaps["has_caveat"], "gap"].abs().max() <= 0.05 + 1e-9


def test_caveats_where_values_are_used(index):
    notes = dict(hx.caveats(index, ["FR", "DE", "PT"], "fr"))
    assert set(notes) == {"Allemagne", "Portugal"}
    assert "29,4" in notes["Allemagne"] and "30,02" in notes["Allemagne"]
    assert hx.caveats(index, ["FR", "EE"], "en") == []


def test_comparison_rows_drop_countries_without_subindices(index):
    labels = {"policy_activity": "P", "digital_health_readiness": "R", "actual_data_use": "U"}
    long = hx.comparison_rows(index, ["FR", "PT", "EE"], labels, "fr")
    assert set(long["country_code"]) == {"FR", "EE"}
    assert long["subindex"].tolist()[:2] == ["policy_activity", "policy_activity"]
    assert long.loc[(long["country_code"] == "FR") & (long["subindex"] == "actual_data_use"), "score"].item() == 21.7


def test_ordinals():
    assert [ordinal(r, "fr") for r in (1, 2, 15)] == ["1er", "2e", "15e"]
    assert [ordinal(r, "en") for r in (1, 2, 3, 13, 16)] == ["1st", "2nd", "3rd", "13th", "16th"]


# --- charts --------------------------------------------------------------------------------------------

def test_simplex_chart_draws_the_231_weightings_and_the_current_weights(index):
    result = hx.rank_over_simplex(index)
    spec = charts.simplex_chart(result.grid, (1.0, 0.0, 0.0), "fr").to_dict()
    assert spec["title"]["text"] == "Rang de la France selon la pondération des trois sous-indices"
    sizes = sorted(len(v) for v in spec["datasets"].values())
    assert sizes == [1, 231]
    marker = next(v for v in spec["datasets"].values() if len(v) == 1)[0]
    assert (marker["policy_pct"], marker["readiness_pct"]) == (100.0, 0.0)
    assert spec["layer"][0]["encoding"]["color"]["scale"]["domain"] == [13, 14, 15, 16]


def test_ranks_count_strictly_higher_scores_with_ties_sharing_the_better_rank():
    rng = np.random.default_rng(3)
    values = np.round(rng.uniform(0, 100, 400), 0)  # many exact ties
    values[[5, 9]] = np.nan
    scores = pd.Series(values, index=range(100, 500))
    ranks = hx._rank_desc(scores)
    for i in (0, 1, 50, 399):
        expected = 1 + int(np.nansum(values > values[i] + hx._TIE))
        assert ranks.iloc[i] == expected
    assert ranks.iloc[5] == 1 and ranks.index.tolist() == scores.index.tolist()
    assert hx._rank_desc(pd.Series([3.0, 3.0 + hx._TIE / 2, 1.0])).tolist() == [1, 1, 3]  # near-ties share
