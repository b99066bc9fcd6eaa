"""Vue d'ensemble: the study's headline figures, each sourced and linked to its page."""

import streamlit as st

from smt_dashboard import headlines, ui

lang = ui.lang()
state = ui.filter_state()

ui.page_header("overview")
ui.key_message(ui.view_takeaway("overview_headlines"))
if state.is_filtered:
    ui.filter_scope(applies=("regions", "areas", "models", "nationalities"))
    st.caption(ui.tr("overview.filtered_note"))


def _card(build, datasets_needed: tuple[str, ...]) -> None:
    """One headline in a bordered box; a broken dataset only blanks this card."""
    with st.container(border=True):
        frames = ui.load_section(*datasets_needed)
        if frames is None:
            return
        h = build(*frames)
        st.metric(ui.tr(f"overview.label.{h.key}"), h.display)
        if h.filtered:
            st.badge(ui.tr("common.filtered"), icon=":material/filter_alt:", color="blue")
            if h.national:
                st.caption(ui.escape_md(h.national))
        elif state.is_filtered:
            # Never side by side with filtered figures without saying so.
            st.badge(ui.tr("common.national"), icon=":material/public:", color="gray",
                     help=ui.tr("common.national_help"))
        st.markdown(ui.escape_md(h.detail))
        ui.source_caption(h.rows)
        ui.page_link(h.page)


cards = [
    (lambda cat: headlines.smt_identified(cat, state, lang), ("smt_catalogue",)),
    (lambda comp: headlines.companies(comp, state, lang), ("companies",)),
    (lambda comp: headlines.employees(comp, state, lang), ("companies",)),
    (lambda rounds, comp, ctx: headlines.funds_raised(rounds, comp, ctx, state, lang),
     ("funding_rounds", "companies", "funding_context")),
    (lambda deals: headlines.deals_share(deals, lang), ("deals_2018",)),
    (lambda idx: headlines.index_rank(idx, lang), ("digital_health_index",)),
    (lambda inputs: headlines.jobs_2025(inputs, lang), ("jobs_projection_inputs",)),
]
for start in range(0, len(cards), 4):
    columns = st.columns(4)
    for column, (build, needed) in zip(columns, cards[start:start + 4]):
        with column:
            _card(build, needed)

with ui.notes():
    st.markdown(ui.tr("overview.intro"))
    st.markdown("**" + ui.tr("overview.guide_title") + "**")
    st.markdown(ui.tr("overview.guide"))
    st.caption(ui.tr("common.study"))
