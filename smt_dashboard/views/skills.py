"""Views of jobs and skills: the jobs projection (the study's or a simulated scenario), the phases the job sheets
name, the companies' creation history and the UX/UI training offer."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from smt_dashboard import filters, i18n, study
from smt_dashboard import jobs as jb
from smt_dashboard import trainings as trn
from smt_dashboard.chart_model import ChartModel, panel_from
from smt_dashboard.charts import jobs as jobs_charts
from smt_dashboard.charts.common import PALETTE
from smt_dashboard.filters import FilterState
from smt_dashboard.projections import inputs_from_table
from smt_dashboard.views.core import (
    Built,
    Frames,
    Params,
    chart,
    compact,
    crossed,
    empty,
    modelled,
    n,
    nothing,
    source_rows,
    t,
)

# The simulator's assumptions, in the units its sliders show (None: the study's own value).
SCENARIO_PARAMS = (("cagr_pct", None), ("employees", None), ("growth_pct", None), ("horizon", None), ("base", None),
                   ("types", None))


def scenario(inputs_df, p: Params):
    """(the study's inputs, the scenario's inputs) for the view's parameters."""
    defaults = inputs_from_table(inputs_df)

    def pick(name: str, default: float) -> float:
        return default if p[name] is None else p[name]

    inputs = jb.scenario_inputs(defaults, pick("cagr_pct", defaults.companies_cagr * 100),
                                pick("employees", defaults.employees_per_company),
                                pick("growth_pct", defaults.headcount_growth * 100), int(pick("horizon", defaults.horizon_year)),
                                pick("base", defaults.base_headcount), int(pick("types", defaults.job_types)))
    # Sliders show rounded percentages: the study's own values must still read as the study's scenario.
    if p["cagr_pct"] is None:
        inputs = replace(inputs, companies_cagr=defaults.companies_cagr)
    if p["growth_pct"] is None:
        inputs = replace(inputs, headcount_growth=defaults.headcount_growth)
    return defaults, inputs


def jobs_projection(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """The jobs model for the study's assumptions (or the simulator's), against the published figures."""
    inputs_df, published = frames["jobs_projection_inputs"], frames["jobs_projection_published"]
    defaults, inputs = scenario(inputs_df, p)
    projection = jb.simulate(inputs)
    summary = jb.scenario_summary(projection, inputs.job_types)
    chart_data = jb.scenario_chart_data(projection, published, lang)
    content = jobs_charts.scenario(
        chart_data, i18n.t("jobs.sim_chart_title", lang, start=inputs.start_year, year=summary["year"]),
        i18n.t("jobs.sim_chart_subtitle", lang, cagr=i18n.fmt_pct(inputs.companies_cagr * 100, lang, 1),
               employees=n(inputs.employees_per_company, lang), growth=i18n.fmt_pct(inputs.headcount_growth * 100, lang, 0),
               base=n(inputs.base_headcount, lang)),
        i18n.t("jobs.axis_year", lang), i18n.t("jobs.axis_jobs", lang), i18n.t("jobs.legend_series", lang))
    published_total = published.set_index("year")["jobs_total"].get(summary["year"])
    if inputs == defaults:
        takeaway = t("take.jobs", lang, jobs=n(summary["jobs_total"], lang), year=summary["year"],
                     published=n(published_total, lang), per_type=n(summary["per_type"], lang), types=n(inputs.job_types, lang))
    else:
        takeaway = t("take.jobs_scenario", lang, jobs=n(summary["jobs_total"], lang), year=summary["year"],
                     per_type=n(summary["per_type"], lang), types=n(inputs.job_types, lang))
    # The study's own scope, said wherever the figure goes (slide show, deck notes): an optimistic scenario that
    # leaves the drug makers' SMT jobs out.
    scope = frames["jobs_projection_scope"]
    stated = study.is_optimistic_scenario(scope) and study.drug_makers_left_out(scope)
    caveats = (i18n.t("jobs.scope_line", lang),) if stated else ()
    table = jb.scenario_table(chart_data, lang)
    year, series, jobs = table.columns
    return replace(chart(content, takeaway, source_rows(inputs_df, published, scope), table), caveats=caveats,
                   table=crossed(table, year, series, jobs))


def jobs_phases(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """Which development phases each job family's sheet names (an empty cell: not named, not "not involved")."""
    families, phases = frames["job_families"], frames["job_family_phases"]
    eight = jb.eight_families(families)
    matrix = jb.phase_matrix(families, phases, lang)
    content = jobs_charts.phase_matrix(
        matrix, i18n.t("jobs.matrix_title", lang, n=n(len(eight), lang)),
        [i18n.t("jobs.matrix_subtitle", lang), i18n.t("jobs.matrix_subtitle2", lang)],
        i18n.t("jobs.col.family", lang), i18n.t("jobs.axis_phase", lang), i18n.t("jobs.legend_status", lang),
        i18n.t("jobs.tooltip_quote", lang))
    cited = matrix[matrix["cited"]]
    per_phase = cited.groupby("phase_label", sort=False).size()
    takeaway = t("take.jobs_phases", lang, phase=per_phase.idxmax(), k=n(per_phase.max(), lang), total=n(len(eight), lang))
    table = jb.phase_matrix_table(matrix, lang)
    return replace(chart(content, takeaway, phases, table), caveats=(i18n.t("jobs.matrix_caveat_short", lang),),
                   table=table)


def jobs_history(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """SMT companies by year of creation (cumulative), and their yearly growth against the study's assumption."""
    history = frames["company_creation_history"]
    growth = jb.history_cagr(history)
    first, last = int(history["year"].min()), int(history["year"].max())
    try:
        study_cagr = inputs_from_table(frames["jobs_projection_inputs"]).companies_cagr
    except (KeyError, ValueError):
        study_cagr = None
    subtitle = i18n.t("jobs.history_subtitle", lang, first=first, last=last, cagr=i18n.fmt_pct(growth * 100, lang, 1))
    if study_cagr is not None:
        subtitle += i18n.t("jobs.history_study", lang, study=i18n.fmt_pct(study_cagr * 100, lang, 0))
    content = ChartModel("column", (panel_from(history.sort_values("year").assign(year=lambda d: d["year"].astype(str)),
                                               "year", "companies", name=i18n.t("jobs.axis_companies", lang),
                                               colors=PALETTE[0]),),
                         i18n.t("jobs.history_title", lang, first=first, last=last), subtitle,
                         i18n.t("jobs.axis_companies", lang), i18n.t("jobs.axis_year", lang),
                         value_max=float(history["companies"].max()) * 1.15, size={"height": 340})
    end = history.sort_values("year").iloc[-1]
    takeaway = t("take.jobs_history", lang, n=n(end["companies"], lang), year=int(end["year"]), first=first,
                 cagr=i18n.fmt_pct(growth * 100, lang, 1))
    return replace(modelled(content, takeaway, history, lang, jb.history_table(history, lang)),
                   caveats=(i18n.t("jobs.history_caveat", lang),))


def _campuses(frames: Frames, state: FilterState):
    return filters.judge_region(frames["training_ux_establishments"], state, frames["cities"]).rows


def trainings_by_city(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """Campuses offering an initial UX/UI design programme, per city (in the selected regions)."""
    campuses = _campuses(frames, state)
    title = i18n.t("trainings.city_title", lang)
    if campuses.empty:
        return empty(title, frames["training_ux_establishments"], lang, nothing("campuses", frames, state, lang, ("regions",)))
    rows = trn.campuses_by_city(campuses, lang)
    if len(rows) == 1:  # one city: its campuses named, not a single bar
        top = rows.iloc[0]
        takeaway = i18n.plural("briefing.take.trainings_one_city", int(top["campuses"]), lang,
                               n=n(top["campuses"], lang), city=top["city"])
        return compact(title, top["city"], n(top["campuses"], lang), top["names"], takeaway, campuses,
                       trn.city_table(rows, lang))
    content = _hbars(rows, "city", "campuses", i18n.t("trainings.city_title", lang),
                     i18n.t("trainings.city_subtitle", lang), i18n.t("trainings.axis_campuses", lang), PALETTE[0])
    top = rows.iloc[0]
    takeaway = t("take.trainings", lang, campuses=n(rows["campuses"].sum(), lang), cities=n(len(rows), lang),
                 city=top["city"], k=n(top["campuses"], lang))
    return modelled(content, takeaway, campuses, lang, trn.city_table(rows, lang))


def trainings_types(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """UX/UI design schools by type (in the selected regions), and the share of private schools."""
    campuses = _campuses(frames, state)
    title = i18n.plural("trainings.type_title", 0, lang, n=0)
    if campuses.empty:
        return empty(title, frames["training_ux_establishments"], lang, nothing("campuses", frames, state, lang, ("regions",)))
    types = trn.by_establishment_type(campuses, lang)
    if len(types) == 1:
        top = types.iloc[0]
        title = i18n.plural("trainings.type_title", int(top["count"]), lang, n=n(top["count"], lang))
        takeaway = t("take.trainings_one_type", lang, n=n(top["count"], lang), type=top["type_label"].lower())
        return compact(title, top["type_label"], n(top["count"], lang), top["names"], takeaway, campuses,
                       trn.type_table(types, lang))
    content = _hbars(types, "type_label", "count",
                     i18n.plural("trainings.type_title", int(types["count"].sum()), lang, n=n(types["count"].sum(), lang)),
                     "", i18n.t("trainings.axis_establishments", lang), PALETTE[2])
    top = types.sort_values("count", ascending=False, kind="stable").iloc[0]
    takeaway = t("take.trainings_types", lang, n=n(types["count"].sum(), lang), type=top["type_label"],
                 share=i18n.fmt_pct(top["share_pct"], lang, 0))
    return modelled(content, takeaway, campuses, lang, trn.type_table(types, lang))


def trainings_lengths(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """Initial UX/UI design programmes by length (France as a whole: the study gives no city per programme)."""
    lengths = frames["training_ux_lengths"]
    rows = trn.by_length(lengths, lang)
    content = _hbars(rows, "length_label", "programmes",
                     i18n.t("trainings.length_title", lang, n=n(lengths["programmes"].sum(), lang)), "",
                     i18n.t("trainings.axis_programmes", lang), PALETTE[5])
    top = lengths.sort_values("programmes", ascending=False, kind="stable").iloc[0]
    takeaway = t("take.trainings_lengths", lang, n=n(lengths["programmes"].sum(), lang),
                 years=n(top["duration_years"], lang), share=i18n.fmt_pct(top["share_pct"], lang, 0))
    return modelled(content, takeaway, lengths, lang, trn.length_table(rows, lang))


def _hbars(rows: pd.DataFrame, category: str, value: str, title: str, subtitle: str, axis: str,
           color: str) -> ChartModel:
    """Bars in the rows' order, each labelled as the rows print it (count and share), the schools in the tooltip."""
    return ChartModel("bar", (panel_from(rows, category, value, name=axis, colors=color, label="label",
                                         detail="names" if "names" in rows else None),), title,
                      subtitle, axis, value_max=float(rows[value].max()) * 1.3, size={"step": 32})
