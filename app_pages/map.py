"""Carte de l'écosystème: the answer first, then tabs: the offline map of the companies developing SMT in France
(regions choropleth, company points, cards and counts beside it), the companies (model mix, table, by region),
the comparison with the United States and the pharma companies' digital units; the method in the notes."""


import pandas as pd
import streamlit as st

from smt_dashboard import developments as dv
from smt_dashboard import ecosystem, filters, i18n, maps, metrics, study, study_context, ui, ui_since, ui_views
from smt_dashboard import state as app_state
from smt_dashboard import study_findings as sf
from smt_dashboard.datasets import region_names

METRIC_KEY = "map_metric"
CARDS_KEY = "map_cards"
GENERATION_KEY = "map_generation"
SELECTION_FILTERS_KEY = "map_selection_filters"

lang = ui.lang()
state = ui.filter_state()

ui.page_header("map")
# The answer keeps its room whatever the filters: a click on a region never moves the map under the cursor.
st.html("<style>.st-key-key_message{min-height:6.2rem}</style>")
ui_views.key_message("map", "companies_by_model")

# Every tab reads the companies and the regions: without them, the page names the file and stops there.
ready = False
with ui.section():
    companies, products = ui.load("companies"), ui.load("company_products")
    geo = ui.regions_geojson()
    REGION_NAMES = region_names(geo)
    france = filters.france_companies(companies)
    judged = filters.judge_companies(france, state)
    rows = judged.rows
    ready = True
if not ready:
    st.stop()


def _signature(s: filters.FilterState) -> tuple:
    return (s.regions, s.areas, s.models, s.nationalities)


def _chart_key() -> str:
    # A new key (after the filters changed elsewhere) starts the map without a stale selection.
    return f"map_deck_{st.session_state.get(GENERATION_KEY, 0)}"


def _on_map_select() -> None:
    """Map click: a region sets the global region filter (clicking the filtered region again clears it);
    companies open their cards."""
    event = st.session_state.get(_chart_key())
    # Region codes from the GeoJSON, read here: the callback runs at the start of the next rerun, with
    # this module's globals as the previous run left them.
    known = set(region_names(ui.regions_geojson()))
    action = maps.selection_action(event.get("selection") if event is not None else None, known)
    current = ui.filter_state()
    if action.kind == "region":
        app_state.toggle_region(action.values[0])
        # Start a fresh map: the filter's outline marks the region, whereas Streamlit's selection would fade
        # every other region and all the company points.
        st.session_state[GENERATION_KEY] = st.session_state.get(GENERATION_KEY, 0) + 1
        st.session_state.pop(SELECTION_FILTERS_KEY, None)
    elif action.kind == "companies":
        st.session_state[CARDS_KEY] = list(action.values)
        st.session_state[SELECTION_FILTERS_KEY] = _signature(current)
    else:
        st.session_state.pop(SELECTION_FILTERS_KEY, None)


# A company selected before the filters changed no longer matches the points: start a fresh map.
previous = st.session_state.get(_chart_key())
if previous is not None and previous.get("selection", {}).get("indices") \
        and st.session_state.get(SELECTION_FILTERS_KEY) != _signature(state):
    st.session_state[GENERATION_KEY] = st.session_state.get(GENERATION_KEY, 0) + 1
    st.session_state.pop(SELECTION_FILTERS_KEY, None)

# Shared by the map, the companies' tab and the notes (only the open tab runs).
summary = ecosystem.region_summary(rows, REGION_NAMES)
located = rows.dropna(subset=["lat", "lon"])
overseas = ecosystem.overseas_companies(summary)
tab_map, tab_companies, tab_us, tab_pharma = ui.tabs(
    "map", [ui.tr("map.tab.map"),
     ui.tr("map.tab.companies"),
     ui.tr("map.us.title"),
     ui.tr("map.pharma.title")])


def _company_card(company_id: str) -> None:
    row = rows[rows["company_id"].astype(str) == company_id].iloc[0]
    card = ecosystem.company_card(row, products, lang)
    with st.container(border=True, key=f"map_card_{company_id}"):
        st.markdown(f"**{ui.escape_md(card.name)}**")
        st.caption(ui.escape_md(card.subtitle))
        if card.description:
            st.markdown(ui.escape_md(card.description))
        st.markdown("\n".join("- " + ui.tr("map.card_field", label=ui.escape_md(label),
                                           value=ui.escape_md(value)) for label, value in card.fields))
        ui.page_link("company", label=ui.tr("map.company_page"), query_params={"company": company_id})
        with ui.section():  # what has happened to it since the study (its own badge and sources)
            prepared = dv.prepare(ui.load("developments"), companies, lang)
            events, none = dv.company_events(prepared, ui.load("development_searches"), company_id, lang)
            label = ui.trp("map.since_events", len(events), n=i18n.fmt_number(len(events), lang)) if len(events) else none
            with st.expander(label, icon=":material/update:"):
                ui_since.show_developments(events, empty=none)


if tab_map.open:
    with tab_map:
        metric = st.segmented_control(
            ui.tr("map.metric_label"), options=list(maps.METRICS), format_func=lambda m: ui.tr(f"map.metric.{m}"),
            key=METRIC_KEY, default="companies", required=True,
        ) or "companies"


        # The map view (the same map as its slide and its deck slide). A region with no company (Occitanie): the
        # national map stays readable, that region outlined; the sentence that says so sits beside the map, so
        # nothing moves under the cursor.
        left, right = st.columns([3, 1.2], gap="medium")
        with left:
            drawn = ui_views.show_map("map", {"metric": metric}, widget_key=_chart_key(), on_select=_on_map_select,
                                      alt=ui.tr("map.map_alt", metric=ui.tr(f"map.metric.{metric}")))
            empty_region = drawn.content.national
            st.caption(ui.tr("map.click_help"))
            if overseas:
                st.caption(ui.trp("map.overseas_some", overseas, n=i18n.fmt_number(overseas, lang)))
            ui.source_caption(rows, extra_ids=("datafrance",))

        ordered = rows.sort_values("name")
        # Names by id from the columns (one row object per company cost 0.5 s with 10,000 companies).
        company_names = dict(zip(ordered["company_id"].astype(str), ordered["name"]))
        # Keep only companies still shown (a filter may have removed a company picked earlier).
        st.session_state[CARDS_KEY] = [c for c in st.session_state.get(CARDS_KEY, []) if c in company_names]

        with right:
            if rows.empty:  # what is empty and why, once (the key message above says the same sentence)
                st.info(ui.tr("map.empty_national" if empty_region else "map.empty_filters"),
                        icon=":material/search_off:")
            # Next to the map, in view: the cards of the companies clicked (or picked), then the figures.
            chosen = st.multiselect(ui.tr("map.cards_label"), options=list(company_names), select_all=False,
                                    format_func=company_names.__getitem__, key=CARDS_KEY,
                                    placeholder=ui.tr("map.cards_placeholder"))
            for company_id in chosen:
                _company_card(company_id)
            if chosen:
                ui.source_caption(rows[rows["company_id"].isin(chosen)])
            if len(state.regions) == 1:
                ui.page_link("profile", label=ui.tr("map.profile_link"))
            ui.unjudged_note(judged, "common.noun.company")
            if not rows.empty:
                c = ecosystem.counts(rows)
                frames = {"companies": companies}
                for key in ("french_companies", "subsidiaries", "employees_french", "employees_subsidiaries"):
                    ui.figure(metrics.figure(key, frames, state))
                st.metric(ui.tr("map.metrics.revenue"), ui.tr("map.metrics.revenue_value",
                                                              known=i18n.fmt_number(c.revenue_known, lang),
                                                              total=i18n.fmt_number(c.companies, lang)))
                if not c.revenue_known:
                    st.caption(ui.tr("map.metrics.revenue_none"))
                else:
                    revenue = (ui.tr("map.metrics.revenue_single", value=i18n.fmt_meur(c.revenue_min, lang))
                               if c.revenue_min == c.revenue_max else
                               ui.tr("map.metrics.revenue_detail", low=i18n.fmt_meur(c.revenue_min, lang),
                                     high=i18n.fmt_meur(c.revenue_max, lang)))
                    if c.revenue_unknown:
                        revenue += " " + ui.trp("map.metrics.revenue_unknown", c.revenue_unknown,
                                              unknown=i18n.fmt_number(c.revenue_unknown, lang))
                    st.caption(revenue)
                ui.source_caption(rows)

# --- the companies: model mix, table, by region ---------------------------------------------------------
if tab_companies.open:
    with tab_companies:
        if not rows.empty:
            ui_views.show_view("companies_by_model")
            st.markdown("#### " + ui.tr("map.table_title"))
            ui_views.show_table(ecosystem.company_table(rows, products, lang), key="map_companies",
                                source_rows=pd.concat([rows, products[filters.isin(products["company_id"], rows["company_id"])]]),
                                shown=ecosystem.company_table_shown(lang))
            by_region = ecosystem.companies_by_region(rows)
            if by_region:
                st.markdown(f"**{ui.tr('map.by_region_title')}**\n\n" + "\n".join(
                    "- " + ui.tr("map.region_line", region=ui.escape_md(region), n=i18n.fmt_number(len(names_), lang),
                                 companies=ui.escape_md(", ".join(names_)))
                    for region, names_ in by_region))
            with st.expander(ui.tr("map.region_data"), icon=":material/table:"):
                region_table = ecosystem.region_table(summary, lang)
                ui_views.show_table(region_table, key="map_regions", source_rows=rows,
                              column_config={col: st.column_config.Column(width="medium" if i == 0 else "small")
                                             for i, col in enumerate(region_table.columns)})
        # The study's findings on the French companies as a whole (not filtered: they are about all of them).
        with ui.section():
            findings = ui.load("position_findings")
            with st.expander(ui.tr("map.networks_heading"), icon=":material/hub:"):
                if state.is_filtered:
                    st.caption(ui.tr("metrics.scope_national"))
                left, right = st.columns(2)
                with left:
                    ui.bullets(sf.position_items(findings, lang, "partnerships"), ui.tr("map.partnerships"))
                with right:
                    ui.bullets(sf.position_items(findings, lang, "french_networks"), ui.tr("map.networks"))

if tab_us.open:
    with tab_us:
        # --- comparison with the United States ----------------------------------------------------------------
        all_us = companies[companies["scope"] == "us"]
        us_rows = ecosystem.us_view(companies, state)
        st.markdown(ui.tr("map.us.intro", n=i18n.fmt_number(len(all_us), lang)))
        if state.is_filtered:
            st.caption(ui.tr("map.us.filters"))
        built = ui_views.show_view("us_comparison")
        if built.kind == "chart":  # its takeaway, under the chart (the empty view already says so)
            st.markdown(ui.escape_md(built.takeaway))
        with ui.section():
            us_findings = sf.position_items(ui.load("position_findings"), lang, "us_ecosystem")
            with st.expander(ui.tr("map.us.findings_heading"), icon=":material/location_city:"):
                ui.bullets(us_findings)

if tab_pharma.open:
    with tab_pharma:
        # --- pharma companies' digital units ---------------------------------------------------------------------
        st.markdown(ui.tr("map.pharma.intro"))
        if state.is_filtered:
            st.caption(ui.tr("map.pharma.filters"))
        with ui.section():
            units = ui.load("pharma_digital_units")
            ui_views.show_table(ecosystem.pharma_units_table(units, lang), key="map_pharma_units", source_rows=units)
            with_city = units["city"].dropna()
            if len(with_city):
                st.caption(ui.trp("map.pharma.cities", len(with_city), n=i18n.fmt_number(len(with_city), lang),
                                  total=i18n.fmt_number(len(units), lang), cities=ui.escape_md(", ".join(with_city))))
        # Each team's points as the study prints them, and the slide's commentary.
        with ui.section():
            findings = ui.load("position_findings")
            with st.expander(ui.tr("map.pharma.points_heading"), icon=":material/apartment:"):
                ui.bullets(sf.position_items(findings, lang, "pharma_units", "finding"), source=False)
                teams = sf.unit_points(findings, ui.load("pharma_digital_units"), lang)
                for start in range(0, len(teams), 3):
                    for column, (team, points) in zip(st.columns(3), teams[start:start + 3]):
                        with column:
                            ui.bullets(points, team, source=False)
                ui.source_caption(sf.position_items(findings, lang, "pharma_units"))
        # How the drug makers organise for SMT (expert interviews): set-ups, what they learned, success factors.
        with ui.section():
            organisation = ui.load("pharma_smt_organisation")
            st.markdown("#### " + ui.tr("map.pharma.organisation_heading"))
            conclusion = study.pharma_statements(organisation, lang, "conclusion")
            if not conclusion.empty:
                st.markdown("**" + ui.escape_md(conclusion.iloc[0]["text"]) + "**")
            setups = study.pharma_setups(organisation, lang)
            for column, (_, row) in zip(st.columns(len(setups) or 1), setups.iterrows()):
                with column, st.container(border=True, height="stretch"):
                    st.markdown(f"**{ui.escape_md(row['level_label'])}** · {ui.escape_md(row['organisation'])}")
                    st.caption(ui.escape_md(row["objective"]))
                    st.markdown(":material/chat: " + ui.escape_md(row["feedback"]))
            ui.source_caption(setups)
            left, right = st.columns(2)
            with left:
                factors = study.pharma_statements(organisation, lang, "success_factor")
                # Not numbered: the study numbers one factor only (the strategy, 2); the notes say so.
                ui.bullets(factors, ui.tr("map.pharma.success_factors"), source=False)
            with right:
                ui.bullets(study.pharma_statements(organisation, lang, "practice"), ui.tr("map.pharma.practices"),
                           source=False)
            questions = study.strategic_questions(organisation, lang)
            with st.expander(ui.trp("map.pharma.questions", len(questions), n=i18n.fmt_number(len(questions), lang)),
                             icon=":material/help:"):
                st.markdown("\n".join(f"{i}. **{ui.escape_md(q['question'])}**" + "".join(
                    f"\n    - {ui.escape_md(sub)}" for sub in q["sub_questions"])
                    for i, (_, q) in enumerate(questions.iterrows(), start=1)))
                quotes = study.pharma_statements(organisation, lang, "quote")
                for text in quotes["text"]:
                    st.caption(ui.escape_md(text))
            ui.source_caption(organisation)
        # What each side brings to an SMT (« mutualiser leurs compétences »).
        with ui.section():
            brings = study_context.collaboration(ui.load("smt_collaboration"), lang)
            with st.expander(ui.tr("map.pharma.brings_heading"), icon=":material/handshake:"):
                for column, actor in zip(st.columns(3), ("drug_makers", "smt_companies", "other_actors")):
                    rows = brings[brings["actor"] == actor]
                    with column:
                        ui.bullets(rows, rows.iloc[0]["actor_label"] if not rows.empty else None, source=False)
                ui.source_caption(brings)

with ui.notes():
    st.markdown(ui.tr("map.intro"))
    st.markdown(ui.tr("map.location_note"))
    if not overseas:
        st.markdown(ui.tr("map.overseas_none"))
    st.markdown(ui.tr("map.us.scope_note"))
    st.markdown(ui.tr("map.pharma.factors_order"))
    st.caption(ui.tr("common.study"))
ui.page_link("catalogue")
ui.page_link("funding")
