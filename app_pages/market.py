"""Marché & adoption: the digital-health market 2018 → 2025 as ranges with its growth rate, what drives it,
the adoption survey figures by audience and the factors of adoption."""

import streamlit as st

from smt_dashboard import i18n, market, ui
from smt_dashboard.datasets import DatasetError

GROUP_ICONS = {"clinicians": ":material/stethoscope:", "patients": ":material/person:", "all": ":material/block:"}

lang = ui.lang()
ui.page_header("market", "market.intro")
ui.filter_scope(applies=())

# --- market size ------------------------------------------------------------------------------------------
st.header(ui.tr("market.section_size"))
(size,) = ui.require("market_size")
ranges = market.size_ranges(size, lang)
rate = market.growth(size)
left, right = st.columns([3, 2])
with left:
    ui.show_view("market_size", data=ranges[["year", "value_low", "value_high", "unit", "range_label"]])
with right:
    for _, row in ranges.iterrows():
        st.metric(ui.tr("market.metric_size", year=int(row["year"])), row["range_label"])
    st.metric(ui.tr("market.metric_cagr", start=rate.start, end=rate.end),
              market.fmt_pct_range(rate.published_low, rate.published_high, lang))
    st.metric(ui.tr("market.metric_implied"), market.fmt_pct_range(rate.implied_min, rate.implied_max, lang, 1))
    note = "market.implied_note" if rate.published_within_implied else "market.implied_note_outside"
    st.caption(ui.tr(note, low_path=i18n.fmt_pct(rate.implied_low_path, lang),
                     high_path=i18n.fmt_pct(rate.implied_high_path, lang),
                     published=market.fmt_pct_range(rate.published_low, rate.published_high, lang)))
    ui.source_caption(size)

# --- what drives it ---------------------------------------------------------------------------------------
st.header(ui.tr("market.section_context"))
st.markdown(ui.tr("market.context_intro"))
try:
    context = ui.load("health_context")
except DatasetError as exc:
    ui.show_dataset_error(exc)
else:
    figures = market.context_figures(context, lang)
    for start in range(0, len(figures), 3):
        for column, fig in zip(st.columns(3), figures[start:start + 3]):
            with column, st.container(border=True, height="stretch"):
                # Markdown rather than st.metric: these labels and values are long and must wrap, not be cut.
                st.markdown("**" + ui.escape_md(fig.label + (f" ({fig.period})" if fig.period else "")) + "**")
                st.subheader(ui.escape_md(fig.value), anchor=False)
                if fig.detail:
                    st.caption(ui.escape_md(fig.detail))
    ui.source_caption(context)

# --- adoption ---------------------------------------------------------------------------------------------
st.header(ui.tr("market.section_adoption"))
try:
    survey = ui.load("adoption_survey")
except DatasetError as exc:
    ui.show_dataset_error(exc)
else:
    rows = market.adoption_rows(survey, lang)
    ui.show_view("adoption", data=rows[["audience_label", "label", "value_label"]], chart_key="adoption_survey")

st.header(ui.tr("market.section_factors"))
st.markdown(ui.tr("market.factors_intro"))
try:
    factors = ui.load("adoption_factors")
except DatasetError as exc:
    ui.show_dataset_error(exc)
else:
    groups = market.factor_groups(factors)
    for column, (audience, kind, rows) in zip(st.columns(len(groups)), groups):
        with column, st.container(border=True, height="stretch"):
            st.markdown(f"#### {GROUP_ICONS[audience]} {ui.tr(f'market.group.{audience}.{kind}')}")
            st.markdown("\n".join(f"- {ui.escape_md(i18n.pick(r, 'text', lang))}" for _, r in rows.iterrows()))
    ui.source_caption(factors)
