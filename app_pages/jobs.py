"""Métiers & compétences: the answer first, then tabs: the job families (hard-to-recruit new jobs, a job sheet
with its skills), the development phases their sheets name, the simulator of new jobs in French SMT companies
and the companies' creation history; the method in the notes."""

import streamlit as st

from smt_dashboard import address, i18n, study, ui, ui_views
from smt_dashboard import jobs as jb
from smt_dashboard import study_findings as sf
from smt_dashboard.projections import inputs_from_table

lang = ui.lang()
tr = ui.tr

# Simulator widgets are bound to the URL (see navigation.PageSpec.query_keys) so a scenario can be shared.
SIM_KEYS = {"cagr": "sim_cagr", "employees": "sim_employees", "growth": "sim_growth", "horizon": "sim_horizon",
            "base": "sim_base", "types": "sim_types"}
MAX_HORIZON = 2030


ui.page_header("jobs")
ui_views.key_message("jobs_projection")
# The projection's scope, read once: said under the simulator (on the same condition as the jobs view's caveat)
# and in the notes; a broken file is named by the section that needs it.
scope, scope_stated = None, False
with ui.section():
    scope = ui.load("jobs_projection_scope")
    scope_stated = study.is_optimistic_scenario(scope) and study.drug_makers_left_out(scope)
tab_families, tab_phases, tab_sim, tab_history = ui.tabs(
    "jobs", [tr("jobs.tab.families"),
     tr("jobs.tab.phases"),
     tr("jobs.tab.projection"),
     tr("jobs.tab.history")])

# --- families -----------------------------------------------------------------------------------
if tab_families.open:
    with tab_families:
        families, phases, skills = (ui.load(n) for n in ("job_families", "job_family_phases", "job_skills"))
        eight = jb.eight_families(families)
        hard = jb.hard_to_recruit(families)
        matrix = jb.phase_matrix(families, phases, lang)
        columns = st.columns(3)
        columns[0].metric(tr("jobs.metric_families"), i18n.fmt_number(len(eight), lang))
        columns[0].caption(tr("jobs.metric_families_help"))
        columns[1].metric(tr("jobs.metric_new"), i18n.fmt_number(int((families["kind"] == "new").sum()), lang))
        columns[1].caption(", ".join(jb.family_label(r, lang) for _, r in families[families["kind"] == "new"].iterrows()))
        columns[2].metric(tr("jobs.metric_hard"), i18n.fmt_number(len(hard), lang))
        columns[2].caption(", ".join(jb.family_label(r, lang) for _, r in hard.iterrows()))

        with st.expander(tr("jobs.overview_heading"), icon=":material/table:"):
            ui_views.show_table(jb.family_overview(families, lang), key="jobs_families", source_rows=families)

        with st.expander(tr("jobs.hard_heading"), icon=":material/person_search:"):
            st.caption(tr("jobs.hard_intro"))
            for column, (_, row) in zip(st.columns(max(len(hard), 1)), hard.iterrows()):
                with column, st.container(border=True):
                    st.markdown(f"**{ui.escape_md(jb.family_label(row, lang))}**")
                    st.markdown(ui.escape_md(i18n.pick(row, "hard_to_recruit_reason", lang) or i18n.not_disclosed(lang)))
            ui.source_caption(hard)
            with ui.section():  # why health struggles to recruit them, in the study's words
                ui.bullets(sf.jobs_items(ui.load("jobs_context"), lang, "recruiting"), tr("jobs.recruiting_why"))

        # The study's conclusion on the profiles companies need (the volume matters less than attracting talent).
        with ui.section(st.expander(tr("jobs.profiles_heading"), icon=":material/person_add:")):
            profiles = sf.jobs_items(ui.load("jobs_context"), lang, "profiles")
            for text in profiles.loc[profiles["kind"] == "finding", "text"].head(1):
                st.markdown("**" + ui.escape_md(text) + "**")
            rest = profiles[profiles["kind"] == "finding"].iloc[1:]
            ui.bullets(rest, source=False)
            ui.bullets(profiles[profiles["kind"] == "profile_need"], source=False)
            if scope is not None:
                volume = study.projection_scope(scope, lang)
                ui.bullets(volume[volume["kind"] == "conclusion"], source=False)
            for text in profiles.loc[profiles["kind"] == "conclusion", "text"]:
                st.markdown(":material/arrow_forward: " + ui.escape_md(text))
            st.caption("  \n".join(ui.escape_md(t) for t in list(profiles.loc[profiles["kind"] == "footnote", "text"])
                                   + list(rest["note"].dropna())))
            ui.source_caption(profiles)

        # What every SMT job needs, whatever the family (the study's "compétences transverses").
        with ui.section(st.expander(tr("jobs.shared_heading"), icon=":material/diversity_3:")):
            shared = ui.load("smt_shared_skills")
            left, right = st.columns(2)
            with left:
                ui.bullets(study.shared_skills(shared, lang, "all_jobs"), tr("jobs.shared_all"), lead="skill",
                           field="detail", source=False)
            with right:
                ui.bullets(study.shared_skills(shared, lang, "traditional_jobs"), tr("jobs.shared_traditional"),
                           lead="skill", field="detail", source=False)
            ui.source_caption(shared)

        st.markdown("#### " + tr("jobs.fiche_heading"))
        options = list(jb.matrix_families(families)["family_id"]) + [
            f for f in families["family_id"] if f not in set(jb.matrix_families(families)["family_id"])]
        by_id = families.set_index("family_id")
        chosen = st.selectbox(tr("jobs.fiche_pick"), options, key="jobs_family",
                              format_func=lambda fid: i18n.pick(by_id.loc[fid], "name", lang))
        fam = by_id.loc[chosen]
        with st.container(border=True):
            st.markdown(f"##### {ui.escape_md(i18n.pick(fam, 'name', lang))}")
            st.badge(tr(f"jobs.kind.{fam['kind']}"), color="blue")
            if fam["hard_to_recruit"] is True:
                st.badge(tr("jobs.badge_hard"), icon=":material/person_search:", color="orange")
            elif fam["hard_to_recruit"] is False:
                st.badge(tr("jobs.badge_not_hard"), icon=":material/how_to_reg:", color="green")
            st.markdown(f"**{tr('jobs.mission')}** " + ui.escape_md(i18n.pick(fam, "mission", lang)))
            st.markdown(f"**{tr('jobs.profile')}** "
                        + ui.escape_md(i18n.pick(fam, "profile", lang) or i18n.not_disclosed(lang)))
            cited = matrix[(matrix["family_id"] == chosen) & matrix["cited"]]
            st.markdown(f"**{tr('jobs.phases')}** " + (ui.escape_md(", ".join(cited["phase_label"])) if not cited.empty
                                                       else tr("jobs.phases_none")))
            with ui.section():  # the sheet's « Activités et tâches »; the data jobs' value chain
                activities = sf.activities(ui.load("job_activities"), chosen, lang)
                if not activities.empty:
                    with st.expander(tr("jobs.activities"), icon=":material/checklist:"):
                        for group, rows in activities.groupby(activities["group"].fillna(""), sort=False):
                            ui.bullets(rows, group or None, source=False)
                        ui.source_caption(activities)
                if chosen == "data_jobs":
                    chain = sf.jobs_items(ui.load("jobs_context"), lang, "data_value_chain")
                    with st.expander(tr("jobs.value_chain"), icon=":material/account_tree:"):
                        for text in chain.loc[chain["kind"] == "intro", "text"]:
                            st.markdown(ui.escape_md(text))
                        st.markdown(" → ".join(f"**{ui.escape_md(t)}**" for t in chain.loc[chain["kind"] == "step", "text"]))
                        roles = chain[chain["kind"] == "role"]
                        st.markdown(tr("jobs.value_chain_roles") + " " + ui.escape_md(" · ".join(roles["text"])))
                        st.caption("  \n".join(ui.escape_md(n) for n in roles["note"].dropna().unique()))
                        ui.bullets(chain[chain["kind"] == "finding"])
            family_skills = jb.skills_for(skills, chosen, lang)
            left, right = st.columns(2)
            for column, kind in ((left, "know_how"), (right, "soft_skill")):
                with column:
                    st.markdown(f"**{tr(f'jobs.skill.{kind}')}**")
                    items = family_skills[kind]
                    st.markdown("\n".join("- " + ui.escape_md(s) for s in items) if items else tr("jobs.skill_none"))
            if lang != "fr":
                st.caption(tr("jobs.skills_translated"))
            chosen_skills = skills[skills["family_id"] == chosen]
            if (chosen_skills["skill_type_basis"] == "inferred").any():
                st.caption(tr("jobs.skill_type_reading", reading=study.reading_label(lang)))
        ui.source_caption(skills[skills["family_id"] == chosen] if (skills["family_id"] == chosen).any() else families)

# --- development phases named by the job sheets ---------------------------------------------------
if tab_phases.open:
    with tab_phases:
        ui_views.show_view("jobs_phases")
        st.caption(":material/info: " + tr("jobs.matrix_caveat_short"))
        families, phases = (ui.load(n) for n in ("job_families", "job_family_phases"))
        matrix = jb.phase_matrix(families, phases, lang)
        with st.expander(tr("jobs.quotes_heading"), icon=":material/format_quote:"):
            for label, group in matrix[matrix["cited"]].groupby("family_label", sort=False):
                st.markdown(f"**{ui.escape_md(label)}**")
                colon = " :" if lang == "fr" else ":"
                st.markdown("\n".join(f"- {ui.escape_md(r['phase_label'])}{colon} {ui.escape_md(r['evidence'])}"
                                      for _, r in group.iterrows()))

# --- projection simulator ----------------------------------------------------------------------------
if tab_sim.open:
    with tab_sim:
        inputs_df, published = (ui.load(n) for n in ("jobs_projection_inputs", "jobs_projection_published"))
        defaults = inputs_from_table(inputs_df)
        st.markdown(tr("jobs.sim_intro", start=defaults.start_year, years=jb.GROWTH_YEARS,
                       base=i18n.fmt_number(defaults.base_companies, lang),
                       cagr=i18n.fmt_pct(defaults.companies_cagr * 100, lang, 0),
                       employees=i18n.fmt_number(defaults.employees_per_company, lang),
                       growth=i18n.fmt_pct(defaults.headcount_growth * 100, lang, 0),
                       headcount=i18n.fmt_number(defaults.base_headcount, lang),
                       horizon=defaults.horizon_year))

        default_values = {"cagr": round(defaults.companies_cagr * 100, 1), "employees": int(defaults.employees_per_company),
                          "growth": int(round(defaults.headcount_growth * 100)), "horizon": defaults.horizon_year,
                          "base": int(defaults.base_headcount), "types": defaults.job_types}

        def _reset() -> None:
            for name, key in SIM_KEYS.items():
                st.session_state[key] = default_values[name]

        columns = st.columns(4)
        # A select slider so that the rate reads "6,5 %" in French (st.slider formats numbers the English way).
        cagr_options = jb.cagr_options(default_values["cagr"])
        ranges = {"cagr": (min(cagr_options), max(cagr_options)), "employees": (5, max(150, default_values["employees"])),
                  "growth": (0, max(100, default_values["growth"])),
                  "horizon": (defaults.start_year + 1, max(MAX_HORIZON, defaults.horizon_year)),
                  "base": (100, max(2000, default_values["base"])), "types": (1, max(40, default_values["types"]))}
        bound = {name: address.Binding(key, "float" if name == "cagr" else "int", default_values[name],
                                       bounds=ranges[name]) for name, key in SIM_KEYS.items()}
        # The address may hold any rate in range: the slider offers steps, so the nearest one is taken.
        asked = address.value(bound["cagr"])
        st.session_state[SIM_KEYS["cagr"]] = min(cagr_options, key=lambda option: abs(option - float(asked)))
        with columns[0]:
            cagr = address.widget(st.select_slider, tr("jobs.sim_cagr"), bound["cagr"], options=cagr_options,
                                  format_func=lambda v: i18n.fmt_pct(v, lang, 1), help=tr("jobs.sim_cagr_help"))
        with columns[1]:
            employees = address.widget(st.slider, tr("jobs.sim_employees"), bound["employees"],
                                       min_value=ranges["employees"][0], max_value=ranges["employees"][1], step=1,
                                       help=tr("jobs.sim_employees_help"))
        with columns[2]:
            growth = address.widget(st.slider, tr("jobs.sim_growth"), bound["growth"], min_value=ranges["growth"][0],
                                    max_value=ranges["growth"][1], step=5, format=tr("jobs.pct_format"),
                                    help=tr("jobs.sim_growth_help", first=defaults.start_year + 1,
                                            last=defaults.start_year + jb.GROWTH_YEARS))
        with columns[3]:
            horizon = address.widget(st.slider, tr("jobs.sim_horizon"), bound["horizon"],
                                     min_value=ranges["horizon"][0], max_value=ranges["horizon"][1], step=1)
        with st.expander(tr("jobs.sim_advanced"), icon=":material/tune:"):
            left, right = st.columns(2)
            with left:
                base = address.widget(st.slider, tr("jobs.sim_base"), bound["base"], min_value=ranges["base"][0],
                                      max_value=ranges["base"][1], step=5,
                                      help=tr("jobs.sim_base_help", n=i18n.fmt_number(defaults.base_companies, lang)))
            with right:
                types = address.widget(st.slider, tr("jobs.sim_types"), bound["types"], min_value=ranges["types"][0],
                                       max_value=ranges["types"][1], step=1,
                                       help=tr("jobs.sim_types_help", types=defaults.job_types))
        st.button(tr("jobs.sim_reset"), on_click=_reset, icon=":material/restart_alt:", key="sim_reset")

        scenario = jb.scenario_inputs(defaults, cagr, employees, growth, horizon, base, types)
        projection = jb.simulate(scenario)
        summary = jb.scenario_summary(projection, scenario.job_types)
        published_total = published.set_index("year")["jobs_total"]
        is_study = scenario == defaults
        # What the study's projection covers: an optimistic scenario, the SMT companies' jobs only.
        if scope_stated:
            st.caption(":material/info: " + tr("jobs.scope_line"))

        if is_study:
            st.success(tr("jobs.sim_is_study"), icon=":material/check_circle:")
        else:
            st.info(tr("jobs.sim_is_scenario"), icon=":material/science:")
        # Short metric labels (five columns), the detail in the caption under each figure.
        columns = st.columns(5)
        columns[0].metric(tr("jobs.metric_jobs", year=summary["year"]), i18n.fmt_number(summary["jobs_total"], lang))
        if summary["year"] in published_total.index:
            columns[0].caption(tr("jobs.metric_published", value=i18n.fmt_number(published_total[summary["year"]], lang)))
        else:
            columns[0].caption(tr("jobs.metric_not_published", horizon=defaults.horizon_year))
        columns[1].metric(tr("jobs.metric_from_new"), i18n.fmt_number(summary["jobs_new_companies"], lang))
        columns[1].caption(tr("jobs.metric_from_new_help"))
        columns[2].metric(tr("jobs.metric_from_growth"), i18n.fmt_number(summary["jobs_headcount_growth"], lang))
        columns[2].caption(tr("jobs.metric_from_growth_help"))
        columns[3].metric(tr("jobs.metric_new_companies"), i18n.fmt_number(summary["new_companies"], lang, 1))
        columns[3].caption(tr("jobs.metric_companies", n=i18n.fmt_number(summary["companies"], lang, 1)))
        columns[4].metric(tr("jobs.metric_per_type"), "≈ " + i18n.fmt_number(summary["per_type"], lang))
        columns[4].caption(tr("jobs.metric_per_type_help", types=i18n.fmt_number(scenario.job_types, lang)))

        # The slider values are the view's parameters; at the study's values the view reads the study's own.
        sim = {} if is_study else {"cagr_pct": cagr, "employees": employees, "growth_pct": growth, "horizon": horizon,
                                   "base": base, "types": types}
        ui_views.show_view("jobs_projection", sim,
                           alt_text=tr("jobs.sim_chart_alt", year=summary["year"],
                                       jobs=i18n.fmt_number(summary["jobs_total"], lang)))
        st.markdown("##### " + tr("jobs.sim_table_heading"))
        ui_views.show_table(jb.comparison_table(projection, published, scenario.job_types, lang),
                            key="jobs_projection_table", source_rows=published)
# --- companies by creation year ----------------------------------------------------------------------
if tab_history.open:
    with tab_history:
        # --- companies by creation year ----------------------------------------------------------------------
        ui_views.show_view("jobs_history")
        st.warning(tr("jobs.history_caveat"), icon=":material/warning:")

with ui.notes():
    st.markdown(tr("jobs.intro"))
    st.markdown(tr("jobs.matrix_caveat"))
    with ui.section():
        inputs_df = ui.load("jobs_projection_inputs")
        st.markdown("**" + tr("jobs.sim_method_heading") + "** — " + tr("jobs.sim_method"))
        notes = inputs_df.set_index("parameter")
        st.markdown("\n".join("- " + ui.escape_md(i18n.pick(notes.loc[parameter], "note", lang))
                               for parameter in ("employees_per_company", "base_headcount", "companies_cagr", "job_types")
                               if parameter in notes.index))
        ui.source_caption(inputs_df)
    st.markdown(tr("jobs.history_caveat"))
    if scope is not None:
        ui.bullets(study.projection_scope(scope, lang), tr("jobs.scope_heading"), lead="kind_label")
    st.caption(tr("common.study"))
