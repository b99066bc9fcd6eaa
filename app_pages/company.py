"""Fiches entreprises: one page per company of the study (its address names it: ``?company=voluntis``): who it is
and where, its SMT and products, its funding, where the study's other tables cite it, what has happened since the
study (badged, sourced), and the sheet as one slide. The global filters do not act on it; an unknown id falls back
to the search with a notice."""

import streamlit as st

from smt_dashboard import address, deck, filters, metrics, navigation, ui, ui_since, ui_views, views
from smt_dashboard import company as co
from smt_dashboard import developments as dv

lang = ui.lang()
tr = ui.tr
NOTICE_KEY = "search_notice"
LIST_MAX = 60  # companies listed as links when none is chosen (the study has 17)


def notes() -> None:
    with ui.notes():
        st.markdown(tr("company.method"))


st.title(tr("nav.company"))
companies = None
with ui.section():
    companies = ui.load("companies")
if companies is None:
    st.stop()
ids = co.ids(companies)
names = co.names(companies)

# An id the study does not have (mistyped, or a US company): the search, with a notice that says why.
asked = address.asked("company")
if asked and asked not in ids:
    st.session_state[NOTICE_KEY] = tr("company.unknown", value=asked)
    st.switch_page(navigation.PAGES_BY_KEY["search"].file, query_params={"q": asked.replace("_", " ")})

with ui.section():
    ui.filter_scope((), "company.filters_reason")
# The address names the company shown (ids, not names: a link reads the same in both languages).
chosen = address.widget(st.selectbox, tr("company.pick"), address.Binding("company", "code", None, tuple(ids)),
                        format_func=names.__getitem__, placeholder=tr("company.pick_placeholder"),
                        help=tr("company.pick_help"))

if not chosen:
    # The answer first: how many companies the study finds in France (the metrics layer's figures), then the list.
    everywhere = filters.FilterState(lang=lang)
    counted = {key: metrics.figure(key, {"companies": companies}, everywhere)
               for key in ("companies", "french_companies", "subsidiaries")}
    ui.key_message(tr("company.count", n=counted["companies"].display(lang), french=counted["french_companies"].display(lang),
                      subsidiaries=counted["subsidiaries"].display(lang)) + " " + tr("company.choose"))
    france = filters.france_companies(companies)
    if len(france) > LIST_MAX:  # a list of thousands is the choice box's job (it searches as you type)
        notes()
        st.stop()
    for scope, heading in (("french", "company.list_french"), ("foreign_subsidiary", "company.list_subsidiaries")):
        st.markdown(f"**{tr(heading)}**")
        row = st.container(horizontal=True, gap="small")
        for _, c in france[france["scope"] == scope].sort_values("name").iterrows():
            with row:
                ui.page_link("company", label=str(c["name"]), query_params={"company": str(c["company_id"])})
    notes()
    st.stop()

whole = filters.FilterState(lang=lang)  # the page is about one company: no global filter narrows it
params = {"company": chosen}
with ui.section():
    ui_views.key_message("company_sheet", params={"company_sheet": params})

left, right = st.columns([3, 2], gap="medium")
with left, ui.section():
    st.subheader(tr("company.identity"))
    built = ui_views.show_view("company_sheet", params, state=whole, wrap=True)
    sheet_view = views.VIEWS_BY_KEY["company_sheet"]
    url = filters.share_url(st.context.url, "company", whole, {"company": [chosen]})
    st.download_button(tr("company.slide"), icon=":material/slideshow:", help=tr("company.slide_help"),
                       data=lambda: deck.build_slide(sheet_view, built, sources=ui.load("sources"), lang=lang, url=url),
                       file_name=f"{chosen}.pptx", key="company_slide", on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument.presentationml.presentation")
with right, ui.section():
    st.subheader(tr("company.locator"))
    located = ui_views.show_map("company_map", params, state=whole, widget_key="company_map", height=360)
    ui.source_caption(located.rows, extra_ids=located.extra_source_ids)
    ui.page_link("map", label=tr("company.open_map"))

with ui.section():
    st.subheader(tr("company.products"))
    if ui_views.show_view("company_products", params, state=whole).kind != "empty":
        st.caption(tr("company.products_ce_fda"))

with ui.section():
    st.subheader(tr("company.funding"))
    scope = str(companies.loc[companies["company_id"].astype(str) == chosen, "scope"].iloc[0])
    rounds = ui.load("funding_rounds")
    if scope != "french":
        st.caption(tr("company.funding_subsidiary"))
    elif not (rounds["company_id"].astype(str) == chosen).any():
        st.info(tr("company.funding_none"), icon=":material/search_off:")
    else:
        funding = {"companies": (names[chosen],), "types": (), "period": None}
        ui_views.show_view("funding_totals", funding, state=whole)
        ui_views.show_view("funding_timeline", funding, state=whole)
        ui.page_link("funding", label=tr("company.open_funding"), query_params={"fd_company": names[chosen]})

with ui.section():
    st.subheader(tr("company.places"))
    ui_views.show_view("company_places", params, state=whole, wrap=True)  # read whole, never cut
    st.caption(tr("company.deals_note"))

with ui.section():
    st.subheader(tr("company.since"))
    prepared = dv.prepare(ui.load("developments"), companies, lang)
    events, none = dv.company_events(prepared, ui.load("development_searches"), chosen, lang)
    ui_since.show_developments(events, empty=none)

notes()
