"""The jobs model reproduces the study's published projection within rounding."""

from __future__ import annotations

import pytest

from smt_dashboard.datasets import load_dataset
from smt_dashboard.projections import (
    ProjectionInputs,
    compare_with_published,
    inputs_from_table,
    jobs_per_type,
    project_jobs,
)
from tests.conftest import DATA


@pytest.fixture(scope="module")
def published():
    return load_dataset("jobs_projection_published", DATA)


def test_defaults_come_from_the_data_table():
    inputs = inputs_from_table(load_dataset("jobs_projection_inputs", DATA))
    assert inputs == ProjectionInputs()


def test_companies_and_new_companies_match_exactly(published):
    proj = project_jobs()
    assert proj["companies"].tolist() == published["companies"].tolist()
    assert proj["new_companies"].tolist() == published["new_companies"].tolist()


def test_new_jobs_match_within_rounding(published):
    cmp = compare_with_published(project_jobs(), published)
    for col in ("jobs_new_companies", "jobs_headcount_growth", "jobs_total"):
        assert (cmp[f"{col}_diff"] <= 1).all(), cmp[[col, f"{col}_published"]]
    # Totals round to the published integers exactly: 68 / 137 / 216 / 294 / 377.
    assert [int(v + 0.5) for v in cmp["jobs_total"]] == [68, 137, 216, 294, 377]


def test_377_jobs_over_15_types_is_about_25():
    total = project_jobs().iloc[-1]["jobs_total"]
    assert round(jobs_per_type(total, 15)) == 25


def test_assumptions_move_the_result():
    base = project_jobs().iloc[-1]["jobs_total"]
    assert project_jobs(ProjectionInputs(companies_cagr=0.0)).iloc[-1]["jobs_new_companies"] == 0
    assert project_jobs(ProjectionInputs(headcount_growth=0.0)).iloc[-1]["jobs_headcount_growth"] == 0
    assert project_jobs(ProjectionInputs(employees_per_company=84)).iloc[-1]["jobs_total"] > base
    longer = project_jobs(ProjectionInputs(horizon_year=2030))
    assert longer["year"].tolist() == list(range(2021, 2031))


def test_invalid_horizon_raises():
    with pytest.raises(ValueError):
        project_jobs(ProjectionInputs(horizon_year=2020))
