"""Vue d'ensemble: the study's headline figures, each sourced and linked to its page (the figures of the
overview view, one card each: the slide and the deck show the same figures)."""

import streamlit as st

from smt_dashboard import headlines, ui, ui_since, ui_views

state = ui.filter_state()
UNJUDGED_NOUN = {"companies": "company", "employees": "company", "funds": "round"}

ui.page_header("overview")
# What this is, before any figure: an SMT in one line, the study, how to use the app (visible without opening anything).
with st.container(key="home_intro"):
    st.markdown(ui.tr("overview.what") + "  \n" + ui.tr("overview.study_line") + "  \n:material/touch_app: "
                + ui.tr("overview.how"))
ui_views.key_message("overview_headlines")
if state.is_filtered:
    st.caption(ui.tr("overview.filtered_note"))


def _card(metric: headlines.Metric) -> None:
    """One headline in a bordered box, computed by the metric the overview view uses; a broken dataset only
    blanks this card."""
    with ui.section(st.container(border=True)):
        frames = {name: ui.load(name) for name in metric.datasets}
        h = metric.compute(frames, state, ui.lang())
        st.metric(h.label, h.display)
        if h.filtered:
            st.badge(ui.tr("common.filtered"), icon=":material/filter_alt:", color="blue")
            if h.national:
                st.caption(ui.escape_md(h.national))
            ui.unjudged_caption(h.unjudged, h.unjudged_by, ui.trp(f"common.noun.{UNJUDGED_NOUN.get(h.key, 'row')}",
                                                                  h.unjudged))
        elif state.is_filtered:
            # Never side by side with filtered figures without saying so.
            st.badge(ui.tr("common.national"), icon=":material/public:", color="gray",
                     help=ui.tr("common.national_help"))
        if h.detail:
            st.markdown(ui.escape_md(h.detail))
        ui.source_caption(h.rows)
        ui.page_link(h.page)


for start in range(0, len(headlines.METRICS), 4):
    for column, metric in zip(st.columns(4), headlines.METRICS[start:start + 4]):
        with column:
            _card(metric)

# Where France stands now: the study's figure beside the latest public one (badged, sourced, never added).
with ui.section():
    ui_since.show_then_now()
    ui.page_link("since")

with ui.notes():
    st.markdown(ui.tr("overview.intro"))
    st.markdown("**" + ui.tr("overview.guide_title") + "**")
    st.markdown(ui.tr("overview.guide"))
    st.caption(ui.tr("common.study"))
