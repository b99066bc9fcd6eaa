"""The study's model of new jobs in French SMT companies (2021-2025), as a pure function.

Reconstructed from the study's published figures: the number of companies grows at a constant
rate (figures rounded to one decimal, as the study does); each new company brings
``employees_per_company`` jobs; headcount grows linearly by ``headcount_growth / years`` a year on
the 2020 staff (``base_headcount``) and, from the year after their creation, on the new companies'
staff. With the defaults this gives 68 / 137 / 216 / 294 / 377 new jobs, as published.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class ProjectionInputs:
    """Assumptions of the jobs projection (defaults: the study's)."""

    companies_cagr: float = 0.07
    base_companies: float = 10
    employees_per_company: float = 42
    base_headcount: float = 635
    headcount_growth: float = 0.30
    start_year: int = 2020
    horizon_year: int = 2025
    job_types: int = 15

    @property
    def years(self) -> int:
        return self.horizon_year - self.start_year


def inputs_from_table(table: pd.DataFrame) -> ProjectionInputs:
    """Build the inputs from ``jobs_projection_inputs`` (percentages stored as %, years as years)."""
    v = dict(zip(table["parameter"], table["value"]))
    return ProjectionInputs(
        companies_cagr=v["companies_cagr"] / 100,
        base_companies=v["base_companies"],
        employees_per_company=v["employees_per_company"],
        base_headcount=v["base_headcount"],
        headcount_growth=v["headcount_growth"] / 100,
        start_year=int(v["start_year"]),
        horizon_year=int(v["horizon_year"]),
        job_types=int(v["job_types"]),
    )


def project_jobs(inputs: ProjectionInputs = ProjectionInputs(), growth_years: int | None = None) -> pd.DataFrame:
    """Yearly projection: companies, new companies and new jobs (from new companies, from growth, total).

    ``growth_years`` is the period over which ``headcount_growth`` is spread (default: the
    study's 5 years, 2021-2025), so that extending the horizon keeps the same yearly pace.
    """
    if inputs.years < 1:
        raise ValueError("horizon_year must be after start_year")
    if inputs.companies_cagr <= -1:
        raise ValueError("companies_cagr must be above -100 %")
    spread = growth_years or 5
    yearly_growth = inputs.headcount_growth / spread
    rows = []
    cumulative_new: list[float] = []
    for k in range(1, inputs.years + 1):
        companies = round(inputs.base_companies * (1 + inputs.companies_cagr) ** k, 1)
        new_companies = round(companies - inputs.base_companies, 1)
        jobs_new = inputs.employees_per_company * new_companies
        # Staff of companies created up to the previous year also grows.
        grown_staff = inputs.base_headcount * k + inputs.employees_per_company * sum(cumulative_new)
        jobs_growth = yearly_growth * grown_staff
        cumulative_new.append(new_companies)
        rows.append({
            "year": inputs.start_year + k,
            "companies": companies,
            "new_companies": new_companies,
            "jobs_new_companies": jobs_new,
            "jobs_headcount_growth": jobs_growth,
            "jobs_total": jobs_new + jobs_growth,
        })
    return pd.DataFrame(rows)


def jobs_per_type(total_jobs: float, job_types: int) -> float:
    """Average new jobs per job type (the study: 377 jobs over ~15 types ≈ 25)."""
    if job_types < 1:
        raise ValueError("job_types must be at least 1")
    return total_jobs / job_types


def compare_with_published(projection: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """Side by side, per year: the model's values and the study's, with absolute differences."""
    cols = ["companies", "new_companies", "jobs_new_companies", "jobs_headcount_growth", "jobs_total"]
    merged = projection.merge(published[["year", *cols]], on="year", suffixes=("", "_published"))
    for c in cols:
        merged[f"{c}_diff"] = (merged[c] - merged[f"{c}_published"]).abs()
    return merged
