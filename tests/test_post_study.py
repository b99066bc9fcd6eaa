"""What happened after the study: the developments table, its validator (each bad row named by file, row and column),
the pure selections and the recommendations' follow-up, all read from the real data."""

from __future__ import annotations

import pytest

from smt_dashboard import developments as dv
from smt_dashboard.datasets import DatasetError, load_dataset
from smt_dashboard.filters import FilterState
from smt_dashboard.validation import validate_all
from tests.conftest import DATA, rewrite_cell


@pytest.fixture(scope="module")
def prepared():
    return dv.prepare(load_dataset("developments", DATA), load_dataset("companies", DATA), "fr")


def test_the_coverage_the_issue_asks_for(prepared):
    c = dv.counts(prepared)
    assert c["developments"] >= 40 and c["sources"] >= 25
    assert {"FR", "EU"} <= set(prepared["jurisdiction"])
    assert len({"DE", "GB", "US", "BE", "IL", "AU"} & set(prepared["jurisdiction"])) >= 3
    companies = load_dataset("companies", DATA)
    in_france = set(companies.loc[companies["scope"] != "us", "company_id"])
    named = {c for cell in prepared["company_ids"] for c in dv.ids(cell)}
    assert len(named & in_france) >= 10
    # Every row keeps its address, publisher, a short quote and the day it was read; no row is dated before the study.
    assert prepared["source_url"].str.startswith("http").all() and prepared["quote"].str.split().str.len().max() <= 40
    assert (prepared["when"] >= "2020-09-01").all() and prepared["read_on"].notna().all()


def test_pecan_and_the_big_company_moves_are_there(prepared):
    text = " ".join(prepared["text"])
    assert "PECAN" in text
    voluntis = dv.tied_to(prepared, "company_ids", "voluntis")
    assert any("Aptar" in t for t in voluntis["text"])
    biocorp = dv.tied_to(prepared, "company_ids", "biocorp")
    assert any("Novo Nordisk" in t for t in biocorp["text"])


def test_every_recommendation_has_a_status(prepared):
    table = dv.followup(load_dataset("recommendation_followup", DATA), load_dataset("recommendations", DATA), prepared,
                        "fr")
    assert len(table) == 15 and set(table["status"]) <= {"done", "under_way", "no_evidence"}
    backed = table[table["status"] != "no_evidence"]
    assert all(len(ids) > 0 for ids in backed["development_ids"])
    assert all(len(ids) == 0 for ids in table.loc[table["status"] == "no_evidence", "development_ids"])
    counts = dv.followup_counts(table, "fr")
    assert counts["recommendations"].sum() == 15


def test_the_global_filters_reach_developments_through_their_companies(prepared):
    lyon = dv.select(prepared, FilterState(regions=("84",)))
    assert len(lyon.rows) > 0 and lyon.n_unjudged > 0  # national events are counted apart, not dropped silently
    assert "Diabeloop" in " ".join(lyon.rows["companies"])  # Grenoble, through the company
    companies_only = dv.select(prepared, FilterState(), ("company",), ("FR",))
    assert set(companies_only.rows["kind"]) == {"company"} and set(companies_only.rows["jurisdiction"]) == {"FR"}


def test_a_company_with_no_event_says_so_with_the_search_date(prepared):
    searches = load_dataset("development_searches", DATA)
    rows, none = dv.company_events(prepared, searches, "kap_code", "fr")
    assert rows.empty and none == "Aucun événement public trouvé depuis l'étude (recherche du 4 déc. 2026)."


def test_badge_and_source_line(prepared):
    # The latest day a row shown was read (the first rows on 4 Dec 2026, the check and the additions on 6 Dec).
    assert dv.badge(prepared["read_on"], "fr") == "Hors étude — source publique, lue le 6 déc. 2026"
    first = prepared[prepared["read_on"] == "2026-12-04"]
    assert dv.badge(first["read_on"], "fr") == "Hors étude — source publique, lue le 4 déc. 2026"
    line = dv.source_line(first.head(2), "en")
    assert line.startswith("Public sources (outside the study), read on 4 Dec 2026:")


def _named(folder, file: str):
    return [e for e in validate_all(folder) if e.file == file]


@pytest.mark.parametrize("column, value, why", [
    ("date", "2019-06", "before the study"),
    ("date", "2020", "before the study"),
    ("date", "2099-01-01", "in the future"),
    ("quote", "", "required"),
    ("source_url", "", "required"),
    ("source_url", "www.example.org/sans-schema", "fails"),
    ("source_url", "https://exa mple.org", "fails"),
    ("read_on", "2099-12-01", "in the future"),
    ("company_ids", "volontis", "unknown company"),
    ("reco_ids", "o9_a9", "unknown recommendation"),
    ("swot_ids", "x1", "unknown SWOT item"),
    ("date_precision", "day", "precision"),
])
def test_the_validator_names_each_bad_row(data_copy, column, value, why):
    rewrite_cell(data_copy / "developments.csv", 3, column, value)
    errors = _named(data_copy, "developments.csv")
    where = "date" if column == "date_precision" else column  # a precision that does not fit names the date
    assert any((p["row"] == 3 and p["column"] == where) for e in errors for p in e.problems), \
        [e.describe() for e in errors]
    assert any(why in p["message"] or why.split()[0] in p["message"] for e in errors for p in e.problems)


def test_a_long_quote_is_refused(data_copy):
    rewrite_cell(data_copy / "developments.csv", 4, "quote", " ".join(["mot"] * 41))
    with pytest.raises(DatasetError) as err:
        load_dataset("developments", data_copy)
    assert (err.value.row, err.value.column) == (4, "quote")


def test_follow_up_and_search_records_are_cross_checked(data_copy):
    rewrite_cell(data_copy / "recommendation_followup.csv", 2, "status", "done")  # o1_a1 has no development
    rewrite_cell(data_copy / "development_searches.csv", 3, "events_found", "7")
    errors = validate_all(data_copy)
    assert any(e.file == "recommendation_followup.csv" and e.row == 2 for e in errors)
    assert any(e.file == "development_searches.csv" and e.row == 3 and e.column == "events_found" for e in errors)
