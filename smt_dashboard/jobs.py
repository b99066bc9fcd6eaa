"""Jobs and skills for SMT: the job families, the development phases their fiches name, their skills,
and the projection simulator built on :mod:`smt_dashboard.projections`. Pure functions."""

from __future__ import annotations

import math
from dataclasses import replace

import pandas as pd

from smt_dashboard import i18n
from smt_dashboard.memo import memoized
from smt_dashboard.projections import ProjectionInputs, jobs_per_type, project_jobs
from smt_dashboard.schemas import PHASES

# The study spreads its +30 % headcount growth over 2021-2025; a longer horizon keeps that yearly pace.
GROWTH_YEARS = 5
SCENARIO_SERIES = ("jobs_new_companies", "jobs_headcount_growth")


def round_half_up(value: float) -> int:
    """Round as the study does (67.5 → 68), not to even; a tiny epsilon absorbs float noise."""
    return int(math.floor(float(value) + 0.5 + 1e-9))


def short_name(name: str) -> str:
    """A family's name without its parenthesised detail ("Métiers de la donnée (Data…)" → "Métiers de la donnée")."""
    return name.split(" (")[0].strip()


# --- families, phases, skills ---------------------------------------------------------------------------

@memoized
def eight_families(families: pd.DataFrame) -> pd.DataFrame:
    """The study's "8 families": not the coordinating function, not a sub-family (the developer)."""
    return families[(families["kind"] != "function") & families["parent_family_id"].isna()]


@memoized
def matrix_families(families: pd.DataFrame) -> pd.DataFrame:
    """Rows of the phase matrix: the project-manager function first, then the 8 families in data order."""
    function = families[families["kind"] == "function"]
    return pd.concat([function, eight_families(families)])


def family_label(row: pd.Series, lang: str) -> str:
    """Short display name of a family in ``lang``."""
    return short_name(i18n.pick(row, "name", lang) or row["family_id"])


def hard_label(value: object, lang: str) -> str:
    """"oui" / "non" for a three-valued ``hard_to_recruit``, "non précisé dans le texte" when the study does not say."""
    if value is True:
        return i18n.t("common.yes", lang)
    if value is False:
        return i18n.t("common.no", lang)
    return i18n.t("jobs.cell.not_stated", lang)


@memoized
def family_overview(families: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every family (and the developer sub-family) with its kind and whether it is hard to recruit: yes, no, or
    not stated (the study only speaks of the new jobs and of the technical jobs; the reasons are long texts,
    shown beside the table)."""
    parents = families.set_index("family_id")
    rows = []
    for _, row in families.iterrows():
        name = family_label(row, lang)
        if not i18n.is_missing(row["parent_family_id"]) and row["parent_family_id"] in parents.index:
            parent = family_label(parents.loc[row["parent_family_id"]], lang)
            name = i18n.t("jobs.subfamily_of", lang, name=name, parent=parent)
        rows.append({
            i18n.t("jobs.col.family", lang): name,
            i18n.t("jobs.col.kind", lang): i18n.t(f"jobs.kind.{row['kind']}", lang),
            i18n.t("jobs.col.hard", lang): hard_label(row["hard_to_recruit"], lang),
        })
    return pd.DataFrame(rows)


@memoized
def phase_matrix(families: pd.DataFrame, phases: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Family × development phase grid: ``cited`` where the family's fiche text names the phase (with the
    quote), otherwise not stated — which the study's text does not say means "not involved"."""
    evidence = phases.set_index(["family_id", "phase"])
    rows = []
    for _, fam in matrix_families(families).iterrows():
        for phase in PHASES:
            key = (fam["family_id"], phase)
            cited = key in evidence.index
            quote = i18n.pick(evidence.loc[key], "evidence", lang) if cited else None
            rows.append({
                "family_id": fam["family_id"], "family_label": family_label(fam, lang),
                "is_function": fam["kind"] == "function",
                "phase": phase, "phase_label": i18n.label("phase", phase, lang), "cited": cited,
                "status_label": i18n.t("jobs.cell.cited" if cited else "jobs.cell.not_stated", lang),
                "mark": i18n.t("jobs.cell.cited_mark" if cited else "jobs.cell.not_stated_mark", lang),
                "evidence": quote or i18n.t("jobs.cell.not_stated_long", lang),
            })
    return pd.DataFrame(rows)


def phase_matrix_table(matrix: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The matrix as a wide table (one column per phase) with the cell marks shown in the chart."""
    wide = matrix.pivot(index="family_label", columns="phase_label", values="status_label")
    order = list(dict.fromkeys(matrix["family_label"]))
    phases = list(dict.fromkeys(matrix["phase_label"]))
    wide = wide.reindex(index=order, columns=phases).reset_index()
    return wide.rename(columns={"family_label": i18n.t("jobs.col.family", lang)})


def phase_counts(matrix: pd.DataFrame) -> pd.Series:
    """Number of families whose fiche names each phase (phase code → count), in phase order."""
    return matrix[matrix["cited"]].groupby("phase").size().reindex(list(PHASES), fill_value=0)


def hard_to_recruit(families: pd.DataFrame) -> pd.DataFrame:
    """The families the study says are hard to recruit (UX/UI designer, data jobs, developer)."""
    return families[families["hard_to_recruit"].map(lambda v: v is True).astype(bool)]


def not_hard_to_recruit(families: pd.DataFrame) -> pd.DataFrame:
    """The families the study says raise no particular recruiting problem (the technical jobs)."""
    return families[families["hard_to_recruit"].map(lambda v: v is False).astype(bool)]


def recruiting_not_stated(families: pd.DataFrame) -> pd.DataFrame:
    """The families whose recruiting difficulty the study does not state (empty cell: neither yes nor no)."""
    return families[families["hard_to_recruit"].map(lambda v: v is not True and v is not False).astype(bool)]


@memoized
def skills_for(skills: pd.DataFrame, family_id: str, lang: str) -> dict[str, list[str]]:
    """Know-how and soft skills of one family, in ``lang`` (French wording as fallback)."""
    rows = skills[skills["family_id"] == family_id]
    return {kind: [i18n.pick(r, "text", lang) for _, r in rows[rows["skill_type"] == kind].iterrows()]
            for kind in ("know_how", "soft_skill")}


# --- company history and the projection simulator --------------------------------------------------------

def history_cagr(history: pd.DataFrame) -> float:
    """Compound yearly growth of the number of companies between the first and last year (2009-2020: 6.5 %,
    which the study rounds to +7 %)."""
    h = history.sort_values("year")
    first, last = h.iloc[0], h.iloc[-1]
    years = int(last["year"]) - int(first["year"])
    if years < 1 or first["companies"] <= 0:
        raise ValueError("need two years and a positive first count")
    return (float(last["companies"]) / float(first["companies"])) ** (1 / years) - 1


def scenario_inputs(defaults: ProjectionInputs, cagr_pct: float, employees: float, growth_pct: float,
                    horizon: int, base_headcount: float | None = None, job_types: int | None = None) -> ProjectionInputs:
    """The simulator's assumptions (percentages as shown on the sliders) on top of the study's defaults."""
    return replace(defaults, companies_cagr=cagr_pct / 100, employees_per_company=employees,
                   headcount_growth=growth_pct / 100, horizon_year=int(horizon),
                   base_headcount=defaults.base_headcount if base_headcount is None else base_headcount,
                   job_types=defaults.job_types if job_types is None else int(job_types))


def simulate(inputs: ProjectionInputs) -> pd.DataFrame:
    """The study's model for these assumptions (headcount growth spread over the study's 5 years)."""
    return project_jobs(inputs, growth_years=GROWTH_YEARS)


def scenario_summary(projection: pd.DataFrame, job_types: int) -> dict[str, float]:
    """Figures at the horizon, rounded as the study prints them (377 jobs, 168 + 209, 4.0 companies, ≈ 25 per type)."""
    last = projection.iloc[-1]
    return {
        "year": int(last["year"]),
        "jobs_total": round_half_up(last["jobs_total"]),
        "jobs_new_companies": round_half_up(last["jobs_new_companies"]),
        "jobs_headcount_growth": round_half_up(last["jobs_headcount_growth"]),
        "new_companies": round(float(last["new_companies"]), 1),
        "companies": round(float(last["companies"]), 1),
        "per_type": round_half_up(jobs_per_type(float(last["jobs_total"]), job_types)),
    }


def scenario_chart_data(projection: pd.DataFrame, published: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Long rows drawn by the scenario chart: the two stacked components, the scenario total (labels)
    and the study's published total (line), each with its display label and rounded value."""
    rows = []
    for _, r in projection.iterrows():
        for series in SCENARIO_SERIES:
            rows.append({"year": int(r["year"]), "series": series, "jobs": float(r[series])})
        rows.append({"year": int(r["year"]), "series": "scenario_total", "jobs": float(r["jobs_total"])})
    for _, r in published.iterrows():
        rows.append({"year": int(r["year"]), "series": "published_total", "jobs": float(r["jobs_total"])})
    out = pd.DataFrame(rows)
    out["jobs_rounded"] = [round_half_up(v) for v in out["jobs"]]
    out["series_label"] = [i18n.t(f"jobs.series.{s}", lang) for s in out["series"]]
    out["jobs_label"] = [i18n.fmt_number(v, lang) for v in out["jobs_rounded"]]
    return out


def comparison_table(projection: pd.DataFrame, published: pd.DataFrame, job_types: int, lang: str) -> pd.DataFrame:
    """Per year: the scenario (companies, new jobs and their split, jobs per type) beside the study's total."""
    pub = published.set_index("year")["jobs_total"]
    t = lambda key: i18n.t(f"jobs.col.{key}", lang)  # noqa: E731
    # The two totals first: they are what a reader compares.
    return pd.DataFrame({
        t("year"): [str(int(y)) for y in projection["year"]],
        t("jobs_total"): [round_half_up(v) for v in projection["jobs_total"]],
        t("published_total"): [i18n.fmt_number(pub.get(int(y)), lang) for y in projection["year"]],
        t("jobs_new_companies"): [round_half_up(v) for v in projection["jobs_new_companies"]],
        t("jobs_headcount_growth"): [round_half_up(v) for v in projection["jobs_headcount_growth"]],
        t("companies"): [i18n.fmt_number(v, lang, 1) for v in projection["companies"]],
        t("new_companies"): [i18n.fmt_number(v, lang, 1) for v in projection["new_companies"]],
        t("per_type"): [round_half_up(jobs_per_type(v, job_types)) for v in projection["jobs_total"]],
    })


def scenario_table(chart_data: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The scenario chart's rows as a table: year, series, new jobs (rounded as labelled)."""
    return pd.DataFrame({
        i18n.t("jobs.col.year", lang): [str(y) for y in chart_data["year"]],
        i18n.t("jobs.legend_series", lang): chart_data["series_label"].tolist(),
        i18n.t("jobs.axis_jobs", lang): chart_data["jobs_rounded"].tolist(),
    })


def history_table(history: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The creation-history bars as a table."""
    return pd.DataFrame({
        i18n.t("jobs.col.year", lang): [str(int(y)) for y in history["year"]],
        i18n.t("jobs.axis_companies", lang): history["companies"].astype(int).tolist(),
    })


def cagr_options(default_pct: float, upper: float = 20.0, step: float = 0.5) -> list[float]:
    """Values offered by the CAGR selector (0 to ``upper`` by ``step``), always including the study's value."""
    n = int(round(upper / step))
    values = {round(i * step, 1) for i in range(n + 1)} | {round(default_pct, 1)}
    return sorted(values)
