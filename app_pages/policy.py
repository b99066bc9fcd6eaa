"""Environnement politique & réglementaire: the answer first, then tabs: the milestones the study cites on a
timeline (filterable by jurisdiction and period, undated ones listed apart), the barriers to SMT by level, the
country cards; the method in the notes."""

import streamlit as st

from smt_dashboard import address, i18n, policy, study, study_context, ui, ui_since, ui_views
from smt_dashboard import developments as dv
from smt_dashboard import study_findings as sf

LEVEL_ICONS = {"system": ":material/account_balance:", "ecosystem": ":material/hub:", "company": ":material/business:"}

lang = ui.lang()
ui.page_header("policy")
ui_views.key_message("policy_france", "policy_international")
tab_timeline, tab_barriers, tab_assessment, tab_actors, tab_countries = ui.tabs(
    "policy", [ui.tr("policy.section_timeline"),
     ui.tr("policy.section_barriers"),
     ui.tr("policy.tab_assessment"),
     ui.tr("policy.tab_actors"),
     ui.tr("policy.section_benchmark")])

# --- timeline -------------------------------------------------------------------------------------------
if tab_timeline.open:
    with tab_timeline:
        events = ui.load("policy_timeline")
        first_year, last_year = policy.year_bounds(events)
        # The pills on their own line (nine countries never run off the screen), the period under them.
        chosen = address.widget(st.pills, ui.tr("policy.filter_jurisdictions"),
                                address.Binding("policy_jur", "codes", (), tuple(policy.JURISDICTIONS)),
                                selection_mode="multi",
                                help=ui.tr("policy.filter_jurisdictions_help") + " " + ui.tr("policy.uk_england"),
                                format_func=lambda code: policy.jurisdiction_label(code, lang))
        left, _ = st.columns([2, 3])
        with left:
            period = address.widget(st.slider, ui.tr("policy.filter_period"),
                                    address.Binding("policy_period", "range", (first_year, last_year),
                                                    bounds=(first_year, last_year)),
                                    min_value=first_year, max_value=last_year, step=1)
        jurisdictions = tuple(c for c in (chosen or ()) if c in policy.JURISDICTIONS)
        years = (int(period[0]), int(period[1])) if isinstance(period, (tuple, list)) else (first_year, last_year)

        rows = policy.timeline_rows(events, lang, jurisdictions, years)
        st.caption(ui.tr("policy.shown", n=len(rows), total=len(policy.dated(events))))
        ui_views.show_view("policy_timeline", {"jurisdictions": jurisdictions,
                                               "period": None if years == (first_year, last_year) else years})

        # Budgets cited with a milestone (Israel's 2018 plan): the figure and its breakdown, in one line.
        for _, event in policy.budgets(rows if not rows.empty else events.iloc[0:0]).iterrows():
            budget_title = ui.tr("policy.budget_label", title=i18n.pick(event, "title", lang))
            st.markdown(":material/payments: **" + ui.escape_md(budget_title
                                                                 + " " + policy.budget_label(event, lang)) + "** — "
                        + ui.escape_md(i18n.pick(event, "detail", lang)))
            ui.source_caption(events[events["event_id"] == event["event_id"]])

        undated = policy.undated(events, jurisdictions)
        if undated.empty:
            st.caption(ui.tr("policy.undated_none"))
        else:
            with st.expander(ui.trp("policy.undated_count", len(undated), n=i18n.fmt_number(len(undated), lang)),
                             icon=":material/event_busy:"):
                lines = []
                for _, r in undated.iterrows():
                    title, place = i18n.pick(r, "title", lang), policy.jurisdiction_label(r["jurisdiction"], lang)
                    # Most titles already start with the country ("Allemagne : …"): do not repeat it.
                    head = "" if title.startswith(place) else f"{place} · "
                    lines.append(f"- {ui.escape_md(head + title)} — {ui.escape_md(i18n.pick(r, 'detail', lang) or '')}")
                st.markdown("\n".join(lines))
                ui.source_caption(undated)

        # What the texts behind the milestones say, in the study's quotes.
        with ui.section():
            quoted = study_context.quotes(ui.load("policy_quotes"), lang)
            titles = dict(zip(events["event_id"], [i18n.pick(r, "title", lang) for _, r in events.iterrows()]))
            with st.expander(ui.trp("policy.quotes_heading", len(quoted), n=i18n.fmt_number(len(quoted), lang)),
                             icon=":material/format_quote:"):
                for event_id, rows in quoted.groupby("event_id", sort=False):
                    st.markdown(f"**{ui.escape_md(titles.get(event_id, event_id))}**")
                    st.markdown("\n".join("- " + ("" if i18n.is_missing(r["context"]) else ui.escape_md(r["context"]) + " ")
                                          + "« " + ui.escape_md(r["text"]) + " »" + (" \\*" if r["inferred"] else "")
                                          for _, r in rows.iterrows()))
                if quoted["inferred"].any():
                    ui.reading_note(quoted[quoted["inferred"]])
                ui.source_caption(quoted)

        # What has happened since the study to the milestones it cites (their own badge and sources).
        with ui.section():
            prepared = dv.prepare(ui.load("developments"), ui.load("companies"), lang)
            tied = [(event, dv.tied_to(prepared, "policy_event_ids", event["event_id"]).iloc[::-1])
                    for _, event in events.iterrows()]
            tied = [(event, rows) for event, rows in tied if not rows.empty]
            if tied:
                n_tied = len({d for _, rows in tied for d in rows["development_id"]})
                with st.expander(ui.trp("policy.since_count", n_tied, n=i18n.fmt_number(n_tied, lang),
                                        k=i18n.fmt_number(len(tied), lang)), icon=":material/update:"):
                    for event, rows in tied:
                        ui_since.show_developments(rows, i18n.pick(event, "title", lang))
                    ui.page_link("since")


# --- barriers ---------------------------------------------------------------------------------------------
if tab_barriers.open:
    with tab_barriers:
        barriers = ui.load("barriers")
        groups = policy.barrier_groups(barriers)
        for column, group in zip(st.columns(len(groups)), groups):
            with column, st.container(border=True, height="stretch"):
                st.markdown(f"#### {LEVEL_ICONS[group.level]} {ui.tr(f'policy.level.{group.level}')}")
                st.caption(ui.tr(f"policy.level_desc.{group.level}"))
                actors = ", ".join(ui.tr(f"policy.actor.{a}") for a in group.actors)
                st.markdown(":violet[**" + ui.escape_md(ui.tr("policy.actor_line", actors=actors)) + "**]")
                st.markdown("\n".join(f"{i}. {ui.escape_md(i18n.pick(r, 'text', lang))}"
                                      for i, (_, r) in enumerate(group.rows.iterrows(), start=1)))
        ui.source_caption(barriers)
        with ui.section():  # the slide's commentary: systemic barriers, SMEs', drug makers' (the molecule upstream)
            commentary = sf.position_items(ui.load("position_findings"), lang, "barriers")
            with st.expander(ui.tr("policy.barriers_findings_heading"), icon=":material/record_voice_over:"):
                ui.bullets(commentary)


# --- how SMT are assessed: HAS, EMA, NICE, app-guidance platforms ------------------------------------------
if tab_assessment.open:
    with tab_assessment:
        framework, platform_rows = (ui.load(n) for n in ("evaluation_framework", "app_guidance_platforms"))
        axes = study.evaluation_items(framework, lang, "has_axis")
        st.markdown("#### " + ui.tr("policy.has_heading", n=i18n.fmt_number(len(axes), lang)))
        with ui.section():  # HAS's premise: assessing every digital solution is neither feasible nor relevant
            premise = study_context.regulator_items(ui.load("regulator_roles"), lang, "has_premise")
            ui.bullets(premise, premise.iloc[0]["kind_label"] if not premise.empty else None)
        left, right = st.columns(2)
        with left:
            ui.bullets(axes, ui.tr("policy.has_axes"))
            findings = study.evaluation_items(framework, lang, "has_finding")
            if not findings.empty:
                st.caption("  \n".join(ui.escape_md(t) for t in findings["text"]))
        with right:
            ui.bullets(study.evaluation_items(framework, lang, "has_difficulty"), ui.tr("policy.has_difficulties"))
        with st.expander(ui.tr("policy.has_matrix_heading"), icon=":material/grid_view:"):
            ui.bullets(study.evaluation_items(framework, lang, "has_matrix"), ui.tr("policy.has_matrix"))
            ui.bullets(study.evaluation_items(framework, lang, "has_question"), ui.tr("policy.has_questions"))
        ema = study.evaluation_items(framework, lang, "ema_topic")
        with st.expander(ui.tr("policy.ema_heading", n=i18n.fmt_number(len(ema), lang)), icon=":material/policy:"):
            ui.bullets(ema)
        st.markdown("#### " + ui.tr("policy.nice_heading"))
        ui.bullets(study.evaluation_items(framework, lang, "nice_aim"), source=False)
        left, right = st.columns(2)
        with left:
            ui.bullets(study.evaluation_items(framework, lang, "nice_element"), ui.tr("policy.nice_elements"), source=False)
        with right:
            ui.bullets(study.evaluation_items(framework, lang, "nice_audience"), ui.tr("policy.nice_audience"))
        platforms_box = st.expander(ui.tr("policy.platforms_heading"), icon=":material/apps:")
        with platforms_box:
            shown = study.platforms(platform_rows, lang)
            for start in range(0, len(shown), 2):
                for column, (_, row) in zip(st.columns(2), shown.iloc[start:start + 2].iterrows()):
                    with column, st.container(border=True, height="stretch"):
                        st.markdown(f"**{ui.escape_md(row['name'])}**")
                        # A country or a description the study does not settle is marked as the team's reading.
                        country = None if i18n.is_missing(row["country"]) else row["country"] + (
                            " *" if row["country_basis"] == "inferred" else "")
                        st.caption(ui.escape_md(" · ".join(v for v in (country, row["kind_label"]) if v)))
                        st.markdown(ui.escape_md(row["description"]) + (" \\*" if row["description_basis"] == "inferred"
                                                                        else ""))
                        if not i18n.is_missing(row["note"]):
                            st.caption(ui.escape_md(row["note"]))
            if (shown["country_basis"] == "inferred").any() or (shown["description_basis"] == "inferred").any():
                st.caption("\\* " + ui.escape_md(study.reading_label(lang).capitalize() + "."))
            ui.source_caption(shown)
            with ui.section():  # what the study concludes of these platforms
                ui.bullets(study_context.adoption_findings(ui.load("adoption_findings"), lang, "app_platforms"))
        # The AP-HP Digital Medical Hub: a place to assess digital solutions in the hospital.
        with ui.section():
            hub = study_context.digital_medical_hub(ui.load("aphp_digital_medical_hub"), lang)
            with st.expander(ui.tr("policy.dmh_heading"), icon=":material/local_hospital:"):
                ui.bullets(hub[hub["kind"] != "field_of_action"], lead="kind_label", source=False)
                ui.bullets(hub[hub["kind"] == "field_of_action"], ui.tr("policy.dmh_fields"), lead="name")

# --- who acts in France: institutions, the Coalition Innovation Santé -------------------------------------------
if tab_actors.open:
    with tab_actors:
        institution_rows, coalition_rows = (ui.load(n) for n in ("institutions", "coalition_innovation_sante"))
        shown = study.institutions(institution_rows, lang)
        st.markdown("#### " + ui.tr("policy.institutions_heading"))
        for start in range(0, len(shown), 3):
            for column, (_, row) in zip(st.columns(3), shown.iloc[start:start + 3].iterrows()):
                with column, st.container(border=True, height="stretch"):
                    head = row["name"] if i18n.is_missing(row["acronym"]) else row["acronym"]
                    st.markdown(f"**{ui.escape_md(head)}** · {ui.escape_md(row['level_label'])}")
                    st.caption(ui.escape_md(" · ".join([row["name"], row["created_label"]]
                                                       + ([] if i18n.is_missing(row["note"]) else [row["note"]]))))
                    st.markdown(ui.escape_md(row["mission"]))
        ui.source_caption(shown)
        st.markdown("#### " + ui.tr("policy.coalition_heading"))
        items = study.coalition(coalition_rows, lang)
        left, right = st.columns(2)
        for column, kinds in ((left, ("finding", "objective", "call_objective")),
                              (right, ("first_project", "initiator", "supporter", "participant", "member"))):
            with column:
                for kind in kinds:
                    rows = items[items["kind"] == kind]
                    if rows.empty:
                        continue
                    if kind in ("initiator", "supporter", "participant", "member"):
                        names = ", ".join(t if i18n.is_missing(n) else n for n, t in zip(rows["name"], rows["text"]))
                        colon = " :" if lang == "fr" else ":"
                        st.markdown(f"**{ui.escape_md(rows.iloc[0]['kind_label'])}{colon}** {ui.escape_md(names)}")
                    else:
                        ui.bullets(rows, rows.iloc[0]["kind_label"], lead="name" if kind == "first_project" else None,
                                   source=False)
        ui.source_caption(items)
        # The European eHealth Hub: what it offers companies (its launch and platform are milestones on the timeline).
        with ui.section():
            hub = sf.position_items(ui.load("position_findings"), lang, "ehealth_hub")
            with st.expander(ui.tr("policy.ehealth_hub_heading"), icon=":material/euro:"):
                for text in hub.loc[hub["kind"] == "aim", "text"]:
                    st.markdown("**" + ui.escape_md(text) + "**")
                left, right = st.columns(2)
                with left:
                    ui.bullets(hub[hub["kind"] == "service"], ui.tr("policy.ehealth_hub_services"), source=False)
                    ui.bullets(hub[hub["kind"] == "history"], ui.tr("policy.ehealth_hub_history"), source=False)
                with right:
                    ui.bullets(hub[hub["kind"] == "general"], ui.tr("policy.ehealth_hub_general"), source=False)
                ui.source_caption(hub)

# --- country benchmark ------------------------------------------------------------------------------------
if tab_countries.open:
    with tab_countries:
        benchmarks = ui.load("country_benchmarks")
        # The index only adds a score to each card: without it the cards still show.
        index = None
        with ui.section():
            index = ui.load("digital_health_index")
        cards = policy.benchmark_cards(benchmarks, index, lang)
        france = policy.france_index(index) if index is not None else None
        # How many post-study developments each country has (the "since the study" page lists them).
        n_since = {}
        with ui.section():
            n_since = ui.load("developments")["jurisdiction"].value_counts().to_dict()
        for start in range(0, len(cards), 3):
            for column, card in zip(st.columns(3), cards[start:start + 3]):
                with column, st.container(border=True, height="stretch"):
                    st.markdown(f"#### {ui.escape_md(card.name)}")
                    st.markdown("\n".join(f"- {ui.escape_md(p)}" for p in card.points))
                    if n_since.get(card.country_code):
                        st.caption(":material/update: " + ui.trp("policy.since_country", n_since[card.country_code],
                                                                 n=i18n.fmt_number(n_since[card.country_code], lang)))
                    if card.index_score is not None and france is not None and not france.empty:
                        st.markdown(":blue[**" + ui.escape_md(ui.tr(
                            "policy.index_line", score=i18n.fmt_number(card.index_score, lang, 2), name=card.index_name,
                            france=i18n.fmt_number(france.iloc[0]["index"], lang, 2))) + "**]")
                        ui.source_caption(card.rows, extra_ids=(card.index_rows.iloc[0]["source_id"],))
                    else:
                        st.caption(ui.tr("policy.index_missing"))
                        ui.source_caption(card.rows)
        # Israel's ecosystem, the United Kingdom's health apps and the US private insurers, in the study's words.
        with ui.section():
            countries = ui.load("position_findings")
            with st.expander(ui.tr("policy.countries_findings_heading"), icon=":material/travel_explore:"):
                israel, uk, insurers = st.columns(3)
                with israel:
                    rows = sf.position_items(countries, lang, "israel_ecosystem")
                    ui.bullets(rows[rows["kind"].isin(["finding", "partnership"])], ui.tr("policy.israel"), source=False)
                    centres = rows[rows["kind"] == "research_centre"]
                    if not centres.empty:
                        st.caption(ui.escape_md(ui.tr("policy.israel_centres") + (" : " if lang == "fr" else ": ")
                                                + ", ".join(centres["text"])))
                    ui.bullets(rows[rows["kind"] == "incubator"], lead="name", source=False)
                    ui.source_caption(rows)
                with uk:
                    rows = sf.position_items(countries, lang, "uk_health_apps")
                    ui.bullets(rows[rows["kind"] == "finding"], ui.tr("policy.uk"), source=False)
                    st.caption("  \n".join(ui.escape_md(t) for t in rows.loc[rows["kind"] == "footnote", "text"]))
                    ui.source_caption(rows)
                with insurers:
                    rows = sf.position_items(countries, lang, "us_insurers")
                    ui.bullets(rows[rows["kind"] == "finding"], ui.tr("policy.us_insurers"), source=False)
                    ui.bullets(rows[rows["kind"] == "insurer_example"], lead="name", source=False)
                    ui.bullets(rows[rows["kind"] == "conclusion"], source=False)
                    ui.source_caption(rows)
        # The United States' combination-products office and its digital-health programmes, as the study describes them.
        with ui.section():
            roles = ui.load("regulator_roles")
            with st.expander(ui.tr("policy.fda_heading"), icon=":material/flag:"):
                left, right = st.columns(2)
                with left:
                    for kind in ("us_step", "ocp_role"):
                        rows = study_context.regulator_items(roles, lang, kind)
                        ui.bullets(rows, rows.iloc[0]["kind_label"] if not rows.empty else None, source=False)
                with right:
                    for kind in ("action_plan_item", "precert_approach", "precert_element"):
                        rows = study_context.regulator_items(roles, lang, kind)
                        ui.bullets(rows, rows.iloc[0]["kind_label"] if not rows.empty else None, source=False)
                ui.source_caption(roles[roles["body"] == "fda"])
        ui.page_link("index")
        ui.page_link("since")

with ui.notes():
    st.markdown(ui.tr("policy.intro"))
    st.markdown(ui.tr("policy.undated_intro"))
    st.markdown(ui.tr("policy.uk_england"))
    st.markdown(ui.tr("policy.barriers_intro"))
    st.markdown(ui.tr("policy.benchmark_intro"))
    st.caption(ui.tr("common.study"))
