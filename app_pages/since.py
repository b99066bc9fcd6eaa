"""Depuis l'étude: what has happened since September 2020, from public sources opened and quoted — the answer first,
then tabs: where France stands now (the study's figures beside the latest public ones, the route to reimbursement
beside Germany's, the indicators), what is new since the last meeting or a chosen date, the developments over time
(each with its source, date and an excerpt, read whole), the 17 companies in France, and the recommendations followed
up (each status with its evidence). Never mixed with the study's figures: every element carries the "hors étude"
badge."""

import streamlit as st

from smt_dashboard import address, i18n, ui, ui_since, ui_views
from smt_dashboard import developments as dv

lang = ui.lang()
state = ui.filter_state()
tr = ui.tr

ui.page_header("since")
answer = st.container()  # the answer first, computed once the page's own choices are read

prepared = None
with ui.section():
    prepared = dv.prepare(ui.load("developments"), ui.load("companies"), lang)
    st.caption(":material/travel_explore: " + tr("since.never_mixed"))
    kinds = address.widget(st.pills, tr("since.filter_kinds"),
                           address.Binding("since_kind", "codes", (), tuple(dv.kinds_present(prepared))),
                           selection_mode="multi", help=tr("since.filter_help"),
                           format_func=lambda k: tr(f"since.kind.{k}"))
    jurisdictions = address.widget(st.pills, tr("since.filter_jurisdictions"),
                                   address.Binding("since_jur", "codes", (), tuple(dv.jurisdictions_present(prepared))),
                                   selection_mode="multi", help=tr("since.filter_help"),
                                   format_func=lambda c: i18n.label("country", c, lang))
    params = {"kinds": tuple(kinds or ()), "jurisdictions": tuple(jurisdictions or ())}
    with answer:
        ui_views.key_message("then_now", "developments_timeline", "recommendation_followup",
                             params={"developments_timeline": params})
if prepared is None:
    st.stop()

tab_now, tab_news, tab_timeline, tab_companies, tab_recos = ui.tabs(
    "since", [tr("since.tab.now"), tr("since.tab.news"), tr("since.tab.timeline"), tr("since.tab.companies"),
              tr("since.tab.recommendations")])

if tab_now.open:
    with tab_now:
        with ui.section():
            ui_since.show_then_now()
        with ui.section():
            ui_views.show_view("access_route")
            with st.expander(tr("since.route.steps"), icon=":material/gavel:"):
                built = ui_views.view("access_route")
                if built.table is not None:
                    ui_views.show_table(built.table, key="access_route_steps", title=built.title, source=built.source)
        with ui.section(), st.expander(tr("since.ehealth.title"), icon=":material/health_metrics:"):
            ui_views.show_view("ehealth_trend")
        with ui.section(), st.expander(tr("since.indicators.title"), icon=":material/monitoring:"):
            ui_views.show_view("indicators_table")

if tab_news.open:
    with tab_news, ui.section():
        since = ui_since.news_choice()
        ui_views.show_view("news", {"since": since})

if tab_timeline.open:
    with tab_timeline:
        judged = dv.select(prepared, state, params["kinds"], params["jurisdictions"])
        st.caption(tr("since.shown", n=i18n.fmt_number(len(judged.rows), lang),
                      total=i18n.fmt_number(len(prepared), lang)))
        ui.unjudged_note(judged, "common.noun.development")
        ui_views.show_view("developments_timeline", params)
        if not judged.rows.empty:
            st.markdown("##### " + tr("since.list_heading"))
            # Read whole: wrapped rows grouped by year (newest first), never a grid that cuts the text.
            ui_since.show_developments_by_year(judged.rows, key="since_list")

if tab_companies.open:
    with tab_companies:
        st.caption(tr("since.companies_intro"))
        searches = ui.load("development_searches")
        table = dv.coverage(searches, ui.load("companies"), prepared, lang)
        ui_views.show_table(table.rename(columns={"name": tr("since.col.company"), "developments": tr("since.col.developments"),
                                                  "searched_label": tr("since.col.searched")})[
                                [tr("since.col.company"), tr("since.col.developments"), tr("since.col.searched")]],
                            key="since_companies", title=tr("since.tab.companies"),
                            source=dv.source_line(prepared[prepared["company_ids"].notna()], lang))
        st.caption(ui.escape_md(dv.source_line(prepared[prepared["company_ids"].notna()], lang)))
        names = dict(zip(table["company_id"], table["name"]))
        chosen = st.selectbox(tr("since.col.company"), options=list(names), format_func=names.__getitem__,
                              key="since_company")
        ui_since.show_company_developments(prepared, searches, chosen)

if tab_recos.open:
    with tab_recos:
        st.markdown("#### " + tr("since.followup_heading"))
        st.caption(tr("since.followup_intro"))
        ui_views.show_view("recommendation_followup")
        ui_since.show_followup_evidence()
        ui.page_link("recommendations")

with ui.notes():
    st.markdown(tr("since.intro"))
    st.markdown(tr("since.method"))
    st.caption(tr("since.not_filtered"))
