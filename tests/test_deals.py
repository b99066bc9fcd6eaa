"""Deal benchmark computations and chart on the study's 2018 figures (StartUp Health via the study)."""

from __future__ import annotations

import pandas as pd
import pytest

from smt_dashboard import deals as dl
from smt_dashboard.datasets import load_dataset
from smt_dashboard.i18n import ordinal
from tests.conftest import DATA


@pytest.fixture(scope="module")
def deals() -> pd.DataFrame:
    return load_dataset("deals_2018", DATA)


@pytest.fixture(scope="module")
def geo(deals) -> pd.DataFrame:
    return dl.geographies(deals, "fr")


def _by_id(geo: pd.DataFrame) -> pd.DataFrame:
    return geo.set_index("geo_id")


def test_france_share_is_computed_from_the_rows(deals):
    share = dl.france_share(deals)
    assert (share.deals, share.world) == (7, 500)
    assert round(share.share_pct, 1) == 1.4
    assert share.amount_musd == 108
    assert set(share.rows["geo_id"]) == {"paris", "world"}


def test_average_deal_size_where_the_amount_is_known(geo):
    g = _by_id(geo)
    assert g.loc["paris", "avg_deal_musd"] == pytest.approx(108 / 7)
    assert round(g.loc["paris", "avg_deal_musd"], 1) == 15.4
    assert round(g.loc["us", "avg_deal_musd"], 1) == 28.2  # 9 748 M$ / 346
    assert round(g.loc["tel_aviv", "avg_deal_musd"], 1) == 13.1
    assert round(g.loc["london", "avg_deal_musd"], 1) == 9.4
    assert round(g.loc["stockholm", "avg_deal_musd"], 1) == 5.3
    assert round(g.loc["cn", "avg_deal_musd"], 1) == 42.7
    for no_amount in ("in", "ca", "singapore", "berlin"):
        assert pd.isna(g.loc[no_amount, "avg_deal_musd"]), no_amount
    assert round(g.loc["us", "share_pct"], 1) == 69.2
    assert "world" not in g.index


def test_ranks_are_kept_within_a_level(geo):
    ranked = dl.ordered(geo, "deals")
    assert ranked["level"].tolist() == ["country"] * 4 + ["city"] * 6
    assert ranked["geo_id"].tolist()[:4] == ["us", "cn", "in", "ca"]
    r = _by_id(ranked)
    # London leads the cities with 21 deals although the US has 346: ranks never mix levels.
    assert r.loc["london", "rank"] == 1
    assert r.loc["us", "rank"] == 1
    assert r.loc["paris", "rank"] == 6


def test_sorting_puts_missing_amounts_last_without_rank(geo):
    ranked = dl.ordered(geo, "amount_musd")
    countries = ranked[ranked["level"] == "country"]
    assert countries["geo_id"].tolist() == ["us", "cn", "ca", "in"]
    assert countries["rank"].isna().tolist() == [False, False, True, True]
    ascending = dl.ordered(geo, "avg_deal_musd", "asc")
    cities = ascending[ascending["level"] == "city"]["geo_id"].tolist()
    assert cities[:4] == ["stockholm", "london", "tel_aviv", "paris"]
    by_name = dl.ordered(geo, "deals", "name")
    assert by_name[by_name["level"] == "city"]["name"].tolist() == sorted(
        ["Londres", "Stockholm", "Singapour", "Tel Aviv", "Berlin", "Paris"])
    with pytest.raises(ValueError):
        dl.ordered(geo, "valuation")


def test_france_average_position_among_cities(geo):
    pos = dl.france_average_position(geo)
    assert pos.name == "Paris" and pos.level == "city"
    assert pos.rank == 1 and pos.known == 4
    assert pos.others["name"].tolist() == ["Tel Aviv", "Londres", "Stockholm"]


def test_chart_rows_label_france_and_write_missing_values(geo):
    rows = dl.chart_rows(dl.ordered(geo, "amount_musd"), "amount_musd", "fr")
    paris = rows[rows["is_france"]]
    assert paris["geography"].item() == "Paris (France)"
    assert paris["value_text"].item() == "108\u00a0M$"
    assert rows.loc[rows["geography"] == "Inde", "value_text"].item() == "non communiqué"
    assert set(rows["level"]) == {"Pays", "Villes"}


def test_display_table_shows_level_and_rank_in_level(geo):
    table = dl.display_table(dl.ordered(geo, "deals"), "deals", "fr")
    assert list(table.columns[:2]) == ["Géographie", "Niveau"]
    london = table[table["Géographie"] == "Londres"].iloc[0]
    assert london["Niveau"] == "Villes"
    assert london["Rang dans le niveau (Nombre de deals)"] == "1er"
    paris = table[table["Géographie"] == "Paris"].iloc[0]
    assert paris["Part des deals mondiaux"] == "1,4\u202f%"
    assert paris["M$ par deal"] == "15,4"
    assert ordinal(2, "en") == "2nd"
