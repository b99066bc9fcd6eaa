"""Benchmark international des deals: digital-health deals of 2018 by geography, France's share and the
average deal size; countries and cities are ranked separately."""

import streamlit as st

from smt_dashboard import deals as dl
from smt_dashboard import i18n, ui, ui_views

lang = ui.lang()
tr = ui.tr

ui.page_header("deals")
ui_views.key_message("deals")

# --- headline figures ----------------------------------------------------------------------------------
with ui.section():
    deals = ui.load("deals_2018")
    share = dl.france_share(deals)
    geo = dl.geographies(deals, lang)
    cols = st.columns(4)
    cols[0].metric(tr("deals.metric_share"), i18n.fmt_pct(share.share_pct, lang))
    cols[0].caption(tr("deals.metric_share_detail", france=i18n.fmt_number(share.deals, lang),
                       world=i18n.fmt_number(share.world, lang)))
    cols[1].metric(tr("deals.metric_france_amount"), i18n.fmt_musd(share.amount_musd, lang))
    cols[1].caption(tr("deals.metric_france_amount_detail"))
    position = dl.france_average_position(geo)
    if position is not None:
        cols[2].metric(tr("deals.metric_france_avg"), i18n.fmt_musd(position.france_avg, lang, 1))
        cols[2].caption(tr("deals.metric_france_avg_detail", rank=i18n.ordinal(position.rank, lang), known=position.known,
                           level=tr(f"deals.level_plural.{position.level}")))
    us = geo[geo["country_code"] == "US"]
    if not us.empty:
        row = us.iloc[0]
        cols[3].metric(tr("deals.metric_us_share", name=row["name"]), i18n.fmt_pct(row["share_pct"], lang))
        cols[3].caption(tr("deals.metric_us_detail", deals=i18n.fmt_number(row["deals"], lang),
                           avg=i18n.fmt_musd(row["avg_deal_musd"], lang, 1)))
    ui.source_caption(share.rows)
    if position is not None and not position.others.empty:
        peers = ", ".join(f"{name} {i18n.fmt_musd(avg, lang, 1)}"
                          for name, avg in zip(position.others["name"], position.others["avg_deal_musd"]))
        st.markdown(ui.escape_md(tr("deals.avg_reading", name=position.name, deals=i18n.fmt_number(share.deals, lang),
                                    avg=i18n.fmt_musd(position.france_avg, lang, 1),
                                    level=tr(f"deals.level_plural.{position.level}"), peers=peers)))

# --- ranking by level ----------------------------------------------------------------------------------
st.subheader(tr("deals.ranking_heading"))
st.caption(tr("deals.levels_note"))
left, right = st.columns([3, 2])
with left:
    metric = st.segmented_control(tr("deals.toggle_metric"), options=list(dl.METRICS), default="deals",
                                  format_func=lambda m: i18n.t(f"deals.metric.{m}", lang), key="dl_metric") or "deals"
with right:
    sort = st.segmented_control(tr("deals.toggle_sort"), options=list(dl.SORTS), default="desc",
                                format_func=lambda s: i18n.t(f"deals.sort.{s}", lang), key="dl_sort") or "desc"

with ui.section():
    ui_views.show_view("deals", {"metric": metric, "sort": sort})
    ranked = dl.ordered(dl.geographies(ui.load("deals_2018"), lang), metric, sort)
    missing = ranked[ranked[metric].isna()]
    if not missing.empty:
        st.caption(tr("deals.missing_note", names=", ".join(ui.escape_md(n) for n in missing["name"])))
    with st.expander(tr("deals.table_heading"), icon=":material/table:"):
        ui_views.show_table(dl.display_table(ranked, metric, lang), key="deals_table", source_rows=ranked)

with ui.notes():
    st.markdown(tr("deals.intro"))
    st.caption(tr("common.study"))
