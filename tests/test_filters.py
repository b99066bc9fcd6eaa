"""URL ⇄ filter state: round trip, unknown values dropped with notices, filters applied to data."""

from __future__ import annotations

import pandas as pd

from smt_dashboard import filters
from smt_dashboard.datasets import load_dataset
from smt_dashboard.filters import (
    FilterOptions,
    FilterState,
    apply_to_companies,
    apply_to_company_rows,
    france_companies,
    parse_query,
    to_query,
)
from tests.conftest import DATA

OPTIONS = FilterOptions(regions={"11": "Île-de-France", "53": "Bretagne", "84": "Auvergne-Rhône-Alpes"})


def test_round_trip():
    state = FilterState(regions=("84", "11"), areas=("diabetology",), models=("integrated",),
                        nationalities=("french",), lang="en", mode="presentation")
    parsed = parse_query(to_query(state), OPTIONS)
    assert parsed.state == state
    assert parsed.notices == ()


def test_default_state_is_an_empty_query():
    assert to_query(FilterState()) == {}


def test_unknown_values_are_dropped_with_notices():
    parsed = parse_query({"region": ["84", "99"], "area": "cardiology", "lang": "de", "foo": "bar"}, OPTIONS)
    assert parsed.state.regions == ("84",)
    assert parsed.state.areas == ()
    assert parsed.state.lang == "fr"
    reasons = {(n.key, n.reason) for n in parsed.notices}
    assert reasons == {("region", "unknown_value"), ("area", "unknown_value"), ("lang", "unknown_value"),
                       ("foo", "unknown_key")}


def test_repeated_and_long_values():
    parsed = parse_query({"lang": ["en", "fr"], "region": ["11", "11", "x" * 500]}, OPTIONS)
    assert parsed.state.lang == "en"
    assert parsed.state.regions == ("11",)
    assert {n.reason for n in parsed.notices} == {"repeated", "too_long"}
    assert all(len(n.value) <= 41 for n in parsed.notices)


def test_company_filters():
    companies = load_dataset("companies", DATA)
    fr = france_companies(companies)
    assert len(fr) == 17
    bzh = apply_to_companies(fr, FilterState(regions=("53",)))
    assert bzh["name"].tolist() == ["Jabil"]
    diab = apply_to_companies(fr, FilterState(areas=("diabetology",)))
    assert set(diab["company_id"]) == {"voluntis", "biocorp", "eveon", "nemera", "diabeloop", "diabilive", "diabnext"}
    integ_french = apply_to_companies(fr, FilterState(models=("integrated",), nationalities=("french",)))
    assert set(integ_french["company_id"]) == {"diabeloop", "diabilive", "diabnext"}


def test_company_linked_rows_follow_the_company_filters():
    companies = load_dataset("companies", DATA)
    rounds = load_dataset("funding_rounds", DATA)
    ara = apply_to_company_rows(rounds, companies, FilterState(regions=("84",)))
    assert set(ara["company_id"]) == {"biocorp", "diabeloop", "eveon", "nemera"}


def test_isin_gives_the_same_mask_on_both_paths():
    column = pd.Series(["a", None, "c", "b"] * 50, dtype="str", index=range(10, 210))
    few, many = ["a", "b"], ["a", "b"] + [f"x{i}" for i in range(200)]  # the long list takes the object path
    assert filters.isin(column, few).tolist() == column.isin(few).tolist()
    assert filters.isin(column, many).tolist() == column.isin(many).tolist()
    assert filters.isin(column, iter(many)).index.equals(column.index)
    assert filters.isin(column, many).sum() == 100
