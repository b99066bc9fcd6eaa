"""Funding computations and charts on the study's table, and at scale on 100,000 synthetic rounds."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from smt_dashboard import funding as fd
from smt_dashboard.charts import funding as charts
from smt_dashboard.datasets import load_dataset
from smt_dashboard.schemas import ROUND_TYPES
from tests.conftest import DATA

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def rounds(companies) -> pd.DataFrame:
    return fd.prepare(load_dataset("funding_rounds", DATA), companies)


@pytest.fixture(scope="module")
def context() -> pd.DataFrame:
    return load_dataset("funding_context", DATA)


def _total(totals: pd.DataFrame, round_type: str) -> pd.Series:
    return totals.set_index("round_type").loc[round_type]


# --- the study's table ---------------------------------------------------------------------------------

def test_parse_dates_keeps_the_precision_of_the_source():
    parsed = fd.parse_dates(pd.Series(["2017-07", "2014", None]))
    assert parsed["year"].tolist()[:2] == [2017, 2014]
    assert pd.isna(parsed["year"].iloc[2])
    assert parsed["date_precision"].tolist() == ["month", "year", "none"]
    assert parsed["when"].iloc[0] == "2017-07-15"
    assert parsed["when"].iloc[1] == "2014-07-01"


def test_fundraising_total_and_undisclosed_rounds(rounds):
    totals = fd.totals_by_type(rounds)
    raised = _total(totals, "fundraising")
    # Ad Scientiam 2 + Crossject 4.6 + Diabeloop 13.5 + 2.8 + 31 + Eveon 2 + Kap Code 3 + Voluntis 20 + 2.
    assert raised["total_meur"] == pytest.approx(80.9)
    assert raised["rounds"] == 11
    # Crossject (July 2012) and Eveon (Nov. 2017): "Levée de fonds (non communiqué)".
    assert raised["undisclosed"] == 2


def test_ipo_and_capital_increase_totals(rounds):
    totals = fd.totals_by_type(rounds)
    assert _total(totals, "ipo")["total_meur"] == pytest.approx(8.9 + 17 + 30.1)
    assert _total(totals, "ipo")["total_meur"] == pytest.approx(56)
    assert _total(totals, "capital_increase")["total_meur"] == pytest.approx(5 + 1 + 4)


def test_undisclosed_amounts_are_missing_not_zero(rounds):
    totals = fd.totals_by_type(rounds)
    assert pd.isna(_total(totals, "acquisition")["total_meur"])
    groups = {g.key: g for g in fd.group_totals(totals)}
    assert groups["acquisition_lbo"].rounds == 2
    assert groups["acquisition_lbo"].undisclosed == 2
    assert groups["acquisition_lbo"].total_meur is None
    assert groups["ipo"].total_meur == pytest.approx(56)
    table = fd.totals_table(totals, "fr")
    assert table.loc[table["Type d'opération"] == "Acquisition LBO", "Total communiqué"].item() \
        == "non communiqué"


def test_published_total_differs_only_by_rounding(rounds, context):
    check = fd.published_check(rounds, context)
    assert check.computed_meur == pytest.approx(80.9)
    assert check.published_meur == pytest.approx(80.8)
    assert check.gap_meur == pytest.approx(0.1)
    assert check.disclosed_rounds == 9
    assert check.tolerance_meur == pytest.approx(0.45)
    assert check.within_rounding


def test_published_check_flags_a_gap_larger_than_rounding(rounds, context):
    inflated = rounds.copy()
    inflated.loc[inflated["round_id"] == "diabeloop_2019_12", "amount_meur"] = 41.0
    assert not fd.published_check(inflated, context).within_rounding


def test_rounds_without_date_are_listed_apart(rounds):
    dated, undated = fd.split_dated(rounds)
    assert sorted(undated["company"]) == ["Diabilive", "Diabnext"]
    assert set(undated["round_type"]) == {"in_progress", "own_funds"}
    assert len(dated) == 19


def test_filters_company_type_and_period(rounds):
    diabeloop = fd.filter_rounds(rounds, company_ids=("diabeloop",))
    assert diabeloop["amount_meur"].sum() == pytest.approx(13.5 + 2.8 + 31)
    ipos = fd.filter_rounds(rounds, types=("ipo",))
    assert sorted(ipos["company"]) == ["Biocorp", "Crossject", "Voluntis"]
    year_2018 = fd.filter_rounds(rounds, years=(2018, 2018))
    # Biocorp (June), Voluntis IPO (May), Nemera LBO (Nov.), Crossject (Dec.).
    assert sorted(year_2018["company"]) == ["Biocorp", "Crossject", "Nemera", "Voluntis"]
    assert fd.filter_rounds(rounds, company_ids=("diabnext",), types=("fundraising",)).empty


def test_rounds_above_the_large_round_threshold(rounds):
    above = fd.rounds_above(rounds, 30)
    assert above["company"].tolist() == ["Diabeloop"]
    assert above["amount_meur"].tolist() == [31]
    with_ipos = fd.rounds_above(rounds, 30, types=("fundraising", "ipo"))
    assert with_ipos["amount_meur"].tolist() == [31, 30.1]


def test_timeline_has_one_mark_per_dated_round(rounds):
    marks, aggregated = fd.timeline_data(rounds, "fr")
    assert not aggregated
    assert len(marks) == 19
    undisclosed = marks[~marks["disclosed"]]
    assert len(undisclosed) == 4
    assert undisclosed["amount_meur"].isna().all()
    assert set(undisclosed["company"]) == {"Crossject", "Eveon", "Nemera"}


def test_yearly_totals(rounds):
    yearly = fd.yearly_totals(rounds, "fr").groupby("year").agg(total=("total_meur", "sum"),
                                                                 nc=("undisclosed", "sum"))
    assert yearly.loc[2013, "total"] == pytest.approx(4.6 + 17)
    assert yearly.loc[2018, "total"] == pytest.approx(5 + 30.1 + 4)
    assert yearly.loc[2018, "nc"] == 1  # Nemera's LBO
    assert yearly.loc[2012, "nc"] == 1 and yearly.loc[2012, "total"] == 0


def test_investors(rounds):
    counts = fd.investor_counts(rounds).set_index("investor")
    assert len(counts) == 27  # « Snpe, EdR, Investment Partners » as printed: three names
    assert counts.loc["Bpifrance", "rounds"] == 2
    assert counts.loc["Bpifrance", "company_names"] == "Ad Scientiam, Voluntis"
    for name in ("Sofimac", "Kreaxi", "Air Liquide ALIAD", "Gemmes Venture"):
        assert counts.loc[name, "rounds"] == 2, name
    assert counts.loc["Qualcomm Ventures", "rounds"] == 1
    assert fd.investor_counts(rounds).iloc[0]["investor"] == "Bpifrance"  # 2 rounds in 2 companies
    pairs = fd.investor_rounds(rounds)
    assert set(pairs.loc[pairs["investor"] == "EASME", "date"]) == {"2019-01"}


def test_context_values_as_printed(context):
    def value(item: str, lang: str = "fr") -> str:
        return fd.format_context_value(fd.context_value(context, item), lang)

    assert value("ehealth_startups_raised_2018") == f"230{NBSP}M€"
    assert value("innobio") == f"173{NBSP}M€"
    assert value("innobio2") == f"200 à 250{NBSP}M€"
    assert value("innobio2", "en") == "€200m to €250m"
    assert value("institutional_agreement_6bn") == "6 Md€"
    assert value("rounds_over_10m_2018") == "≈ 10"
    assert fd.context_value(context, "nope") is None


def test_rounds_table_shows_not_disclosed(rounds):
    table = fd.rounds_table(rounds, "fr")
    crossject = table[(table["Entreprise"] == "Crossject") & (table["Date"] == "juil. 2012")]
    assert crossject["Montant (M€)"].item() == "non communiqué"
    assert table.loc[table["Entreprise"] == "Diabnext", "Date"].item() == "sans date"
    assert table.loc[table["Entreprise"] == "Diabnext", "Remarque"].item() == "Financement sur fonds propres"


# --- charts --------------------------------------------------------------------------------------------

def _layers(spec: dict) -> list[dict]:
    return spec["spec"]["layer"]


def test_timeline_chart_draws_undisclosed_rounds_apart(rounds):
    marks, aggregated = fd.timeline_data(rounds, "fr")
    spec = charts.timeline_chart(marks, "fr", aggregated).to_dict()
    assert spec["title"]["text"] == "Opérations de financement par entreprise et par type, 2010-2019"
    assert spec["facet"]["row"]["field"] == "company"
    assert len(next(iter(spec["datasets"].values()))) == 19
    layers = _layers(spec)
    filters = [layer.get("transform", [{}])[0].get("filter") for layer in layers]
    assert filters.count("!datum.disclosed") == 3  # dashed rule, hollow mark, "n.c." label
    rule = next(layer for layer in layers if layer["mark"]["type"] == "rule")
    assert rule["mark"]["strokeDash"] == [4, 3]
    assert "y" not in rule["encoding"]  # a full-height rule: never placed at 0 on the amount axis
    hollow = next(layer for layer in layers if layer["mark"]["type"] == "point" and layer["mark"].get("filled") is False)
    assert hollow["encoding"]["y"] == {"value": 10}
    points = next(layer for layer in layers if layer["mark"]["type"] == "point" and layer["mark"].get("filled"))
    assert points["encoding"]["y"]["field"] == "amount_meur"
    assert points["encoding"]["shape"]["field"] == "type_label"  # type by shape as well as colour
    assert set(points["encoding"]["color"]["legend"]["values"]) == {
        "Levée de fonds", "Introduction en bourse", "Augmentation de capital", "Acquisition", "Acquisition LBO"}


# --- scale: 100,000 synthetic rounds (generated here, never committed) -------------------------------------

@pytest.fixture(scope="module")
def synthetic(companies) -> pd.DataFrame:
    rng = np.random.default_rng(6)
    n = 100_000
    ids = companies.loc[companies["scope"] == "french", "company_id"].to_numpy()
    years = rng.integers(2000, 2020, n)
    months = rng.integers(1, 13, n)
    dates = np.char.add(np.char.add(years.astype(str), "-"), np.char.zfill(months.astype(str), 2))
    dates = np.where(rng.random(n) < 0.05, None, dates)  # some rounds without a date
    amounts = np.round(rng.gamma(2.0, 4.0, n), 1)
    amounts = np.where(rng.random(n) < 0.2, np.nan, amounts)  # some undisclosed amounts
    raw = pd.DataFrame({
        "round_id": [f"r{i}" for i in range(n)], "company_id": rng.choice(ids, n), "date": dates,
        "round_type": rng.choice(ROUND_TYPES, n), "amount_meur": amounts,
        "investors": np.where(rng.random(n) < 0.5, "Bpifrance;Kreaxi", None),
        "note_fr": None, "note_en": None,
    })
    return fd.prepare(raw, companies)


def test_totals_on_100k_rounds_match_an_independent_count(synthetic):
    totals = fd.totals_by_type(synthetic).set_index("round_type")
    for code in ROUND_TYPES:
        rows = synthetic[synthetic["round_type"] == code]
        amounts = rows["amount_meur"].to_numpy()
        assert totals.loc[code, "rounds"] == len(rows)
        assert totals.loc[code, "undisclosed"] == int(np.isnan(amounts).sum())
        assert totals.loc[code, "total_meur"] == pytest.approx(np.nansum(amounts))


def test_timeline_of_100k_rounds_is_aggregated_before_charting(synthetic):
    start = time.perf_counter()
    marks, aggregated = fd.timeline_data(synthetic, "fr")
    elapsed = time.perf_counter() - start
    assert aggregated
    n_companies = synthetic["company_id"].nunique()
    # At most one mark per company × year × type × disclosed flag.
    assert len(marks) <= n_companies * 20 * len(ROUND_TYPES) * 2
    dated = synthetic[synthetic["year"].notna()]
    assert marks["rounds"].sum() == len(dated)
    assert marks["amount_meur"].sum() == pytest.approx(dated["amount_meur"].sum())
    spec = charts.timeline_chart(marks, "fr", aggregated).to_dict()
    drawn = next(iter(spec["datasets"].values()))
    assert len(drawn) == len(marks) < 3000
    assert elapsed < 2  # generous: the aggregation takes a fraction of a second


def test_yearly_totals_and_investors_of_100k_rounds(synthetic):
    yearly = fd.yearly_totals(synthetic, "fr")
    assert len(yearly) <= 20 * len(ROUND_TYPES)
    assert yearly["rounds"].sum() == synthetic["year"].notna().sum()
    counts = fd.investor_counts(synthetic).set_index("investor")
    assert counts.loc["Bpifrance", "rounds"] == synthetic["investors"].notna().sum()
