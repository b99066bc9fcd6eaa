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
    # The 7 French companies in diabetology, and Abbott and Medtronic ("les pompes à insuline de Medtronic et
    # Abbott"); the 5 subsidiaries whose area the study does not state are not judged (see the next test).
    assert set(diab["company_id"]) == {"voluntis", "biocorp", "eveon", "nemera", "diabeloop", "diabilive", "diabnext",
                                       "abbott", "medtronic"}
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


def test_rows_a_filter_cannot_judge_are_counted_not_dropped():
    fr = france_companies(load_dataset("companies", DATA))
    judged = filters.judge_companies(fr, FilterState(areas=("diabetology",)))
    assert len(judged.rows) == 9
    # Aptar Pharma, Capsule Technologies, GE Healthcare, Jabil, Sonceboz: no area stated by the study.
    assert set(judged.unjudged["company_id"]) == {"aptar_pharma", "capsule_technologies", "ge_healthcare", "jabil",
                                                  "sonceboz"}
    assert judged.unjudged_by == {"areas": 5}
    # A row that fails a filter it can be judged on is simply out, not "unjudged".
    bzh = filters.judge_companies(fr, FilterState(areas=("diabetology",), regions=("53",)))
    assert bzh.rows.empty and list(bzh.unjudged["company_id"]) == ["jabil"]
    ara = filters.judge_companies(fr, FilterState(areas=("diabetology",), regions=("84",)))
    assert len(ara.rows) == 4 and ara.n_unjudged == 0
    # No filter: nothing to judge.
    assert filters.judge_companies(fr, FilterState()).n_unjudged == 0


def test_company_linked_rows_carry_the_unjudged_count():
    companies = load_dataset("companies", DATA)
    products = load_dataset("company_products", DATA)
    judged = filters.judge_company_rows(products, filters.france_companies(companies), FilterState(areas=("oncology",)))
    assert set(judged.rows["company_id"]) == {"ad_scientiam", "voluntis"}
    assert judged.n_unjudged == 0  # the subsidiaries have no product rows


def test_region_of_a_training_comes_from_its_city():
    cities = load_dataset("cities", DATA)
    campuses = load_dataset("training_ux_establishments", DATA)
    judged = filters.judge_region(campuses, FilterState(regions=("84",)), cities)
    assert set(judged.rows["city"]) == {"Lyon"} and len(judged.rows) == 4
    assert judged.n_unjudged == 0  # every campus city is in cities.csv
    unknown = campuses.assign(city=["Atlantis"] + list(campuses["city"].iloc[1:]))
    assert filters.judge_region(unknown, FilterState(regions=("84",)), cities).n_unjudged == 1


def test_describe_names_the_values():
    state = FilterState(regions=("84",), areas=("diabetology",))
    assert filters.describe(state, OPTIONS, "fr") == "Région : Auvergne-Rhône-Alpes · Aire thérapeutique : Diabétologie"
    assert filters.describe(state, OPTIONS, "en", only=("areas",)) == "Therapy area: Diabetology"


def test_share_links_keep_the_path_prefix_behind_a_proxy():
    state = FilterState(regions=("84",))
    assert filters.share_url("https://intranet.example.org/smt", "deals", state) == \
        "https://intranet.example.org/smt/deals?region=84"
    # From a page's own address: its page path is not a prefix.
    assert filters.share_url("http://127.0.0.1:8501/smt/map?x=1", "", state) == "http://127.0.0.1:8501/smt/?region=84"
    assert filters.share_url("https://smt.example.org/briefing", "funding", state) == \
        "https://smt.example.org/funding?region=84"
