"""Financements: the answer first, the page filters (company, type, period), then tabs: the amounts by type,
the rounds over time, the investors and the e-health funding context the study gives; the method in the notes.
The page filters are the funding views' parameters: the slide and the deck draw the same views with none."""

import streamlit as st

from smt_dashboard import address, filters, i18n, metrics, ui, ui_since, ui_views
from smt_dashboard import developments as dv
from smt_dashboard import funding as fd
from smt_dashboard.schemas import ROUND_TYPES

lang = ui.lang()
state = ui.filter_state()
tr = ui.tr

ui.page_header("funding")
answer = st.container()  # the answer comes first on the page, computed once the page filters are read
chosen_names, chosen_types, period, full_period = [], [], None, True
scoped = rounds_raw = companies = context = None
with ui.section():
    rounds_raw, companies, context = (ui.load(n) for n in ("funding_rounds", "companies", "funding_context"))
    judged = filters.judge_company_rows(rounds_raw, companies, state)
    scoped = fd.prepare(judged.rows, companies)

    # --- page filters: company, round type, period -------------------------------------------------------
    names = sorted(scoped["company"].unique())
    dated_years = scoped["year"].dropna()
    cols = st.columns([3, 3, 3])
    with cols[0]:
        # Options are company names (not translated), so that the URL value reads the same in both languages.
        chosen_names = address.widget(st.multiselect, tr("funding.filter_company"),
                                      address.Binding("fd_company", "codes", (), tuple(names)), select_all=False,
                                      placeholder=tr("funding.filter_all"))
    with cols[1]:
        present_types = set(scoped["round_type"].unique())
        type_options = [code for code in ROUND_TYPES if code in present_types]
        chosen_types = st.multiselect(tr("funding.filter_type"), options=type_options, key="fd_type", select_all=False,
                                      format_func=lambda code: i18n.label("round", code, lang),
                                      placeholder=tr("funding.filter_all"))
    with cols[2]:
        if not dated_years.empty:
            lo, hi = int(dated_years.min()), int(dated_years.max())
            if lo == hi:
                st.caption(tr("funding.single_year", year=lo))
            else:
                chosen = address.widget(st.slider, tr("funding.filter_period"),
                                        address.Binding("fd_period", "range", (lo, hi), bounds=(lo, hi)),
                                        min_value=lo, max_value=hi)
                full_period = tuple(chosen) == (lo, hi)
                period = None if full_period else (int(chosen[0]), int(chosen[1]))

# The views' parameters: rounds without a date stay in the totals only when the period is not narrowed.
params = {"companies": tuple(chosen_names), "types": tuple(chosen_types), "period": period}
with answer:
    ui_views.key_message("funding_totals", "funding_yearly", params={"funding_totals": params, "funding_yearly": params})
page_filtered = bool(chosen_names or chosen_types or not full_period)
selected = dated = undated_all = None
with ui.section():
    if scoped is not None:
        if state.is_filtered:
            st.markdown("**" + ui.national_reference(len(scoped), len(rounds_raw), "common.noun.round") + "**")
        ui.unjudged_note(judged, "common.noun.round")
        selected = fd.select(rounds_raw, companies, state, *params.values())
        dated, _ = fd.split_dated(selected)
        undated_all = fd.split_dated(fd.select(rounds_raw, companies, state, params["companies"], params["types"]))[1]
        # The companies the page's choice names, else those of the rounds shown (when they are few).
        linked = companies[companies["name"].isin(chosen_names)] if chosen_names else companies[
            companies["company_id"].isin(selected["company_id"].unique())]
        ui.company_links(linked, "funding")

tab_totals, tab_timeline, tab_investors, tab_context = ui.tabs(
    "funding", [tr("funding.totals_heading"),
     tr("funding.timeline_heading"),
     tr("funding.investors_heading"),
     tr("funding.context_heading")])
empty_key = None if selected is None else ("funding.empty_global" if scoped.empty else
                                            ("funding.empty" if selected.empty else None))

if tab_totals.open and selected is not None:
    with tab_totals:
        if empty_key:
            if empty_key == "funding.empty":  # the page's own choices; the sidebar's case is said by the answer above
                st.info(tr(empty_key), icon=":material/search_off:")
        else:
            # --- totals by type -------------------------------------------------------------------------------
            totals = fd.totals_by_type(selected)
            metric_cols = st.columns(4)
            for column, group in zip(metric_cols, fd.group_totals(totals)):
                # "n.c." keeps the figure legible; the caption under it spells out "non communiqué".
                value = i18n.fmt_meur(group.total_meur, lang) if group.total_meur is not None else tr("funding.nc_metric")
                column.metric(tr(f"funding.group.{group.key}"), value if group.rounds else "–")
                detail = "funding.group_detail" if group.undisclosed else "funding.group_detail_all"
                column.caption(ui.trp(detail, group.rounds, n=i18n.fmt_number(group.rounds, lang),
                                  undisclosed=i18n.fmt_number(group.undisclosed, lang)))
            check = fd.published_check(selected, context)
            if state.is_filtered or page_filtered:
                # The national reference in the same words as every page: France's figure, then what the study prints.
                fig = metrics.funds({"funding_rounds": rounds_raw, "companies": companies}, filters.FilterState())
                st.caption(tr("funding.published_filtered", national=tr("metrics.scope_filtered",
                                                                         value=fig.national_display(lang)),
                              published=i18n.fmt_meur(check.published_meur, lang)))
            elif check.published_meur is not None:
                key = "funding.published_rounding" if check.within_rounding else "funding.published_gap"
                st.info(tr(key, computed=i18n.fmt_meur(check.computed_meur, lang),
                           published=i18n.fmt_meur(check.published_meur, lang),
                           gap=i18n.fmt_meur(abs(check.gap_meur), lang, 2), n=i18n.fmt_number(check.disclosed_rounds, lang),
                           tolerance=i18n.fmt_meur(check.tolerance_meur, lang, 2)),
                        icon=":material/calculate:")
            ui_views.show_view("funding_totals", params)
            if not dated.empty:
                ui_views.show_view("funding_yearly", params)
            with ui.section():  # and today: a later public figure beside the study's (hors étude)
                ui_since.show_then_now(("funding",))

if tab_timeline.open and selected is not None:
    with tab_timeline:
        if empty_key:
            if empty_key == "funding.empty":  # the page's own choices; the sidebar's case is said by the answer above
                st.info(tr(empty_key), icon=":material/search_off:")
        else:
            # --- timeline -------------------------------------------------------------------------------------
            if dated.empty:
                st.info(tr("funding.empty_dated"), icon=":material/search_off:")
            else:
                n_nc = int((~dated["disclosed"]).sum())
                st.caption(ui.trp("funding.timeline_counts", len(dated), n=i18n.fmt_number(len(dated), lang),
                                  nc=i18n.fmt_number(n_nc, lang)))
                ui_views.show_view("funding_timeline", params)
            with st.expander(tr("funding.all_rounds"), icon=":material/list:"):
                ui_views.show_table(fd.rounds_table(selected, lang), key="funding_rounds", source_rows=selected)
        if undated_all is not None and not undated_all.empty:
            with st.expander(ui.trp("funding.undated_count", len(undated_all), n=i18n.fmt_number(len(undated_all), lang)),
                             icon=":material/event_busy:"):
                st.caption(tr("funding.undated_note"))
                ui_views.show_table(fd.rounds_table(undated_all, lang), key="funding_undated", source_rows=undated_all)

if tab_investors.open and selected is not None:
    with tab_investors:
        if empty_key:
            if empty_key == "funding.empty":  # the page's own choices; the sidebar's case is said by the answer above
                st.info(tr(empty_key), icon=":material/search_off:")
        else:
            # --- investors ------------------------------------------------------------------------------------
            pairs = fd.investor_rounds(selected)
            if pairs.empty:
                st.info(tr("funding.no_investors"), icon=":material/search_off:")
            else:
                counts = fd.investor_counts(selected)
                named = selected[selected["investors"].notna()]
                ui_views.show_view("funding_investors", params)
                once = counts[counts["rounds"] == 1]
                if not once.empty:
                    st.markdown(ui.escape_md(ui.trp("funding.investors_once", len(once), n=i18n.fmt_number(len(once), lang),
                                                    names=", ".join(once["investor"]))))
                with st.expander(tr("funding.investor_rounds"), icon=":material/list:"):
                    ui_views.show_table(fd.investors_table(pairs, lang), key="funding_investor_rounds", source_rows=named)

# --- context: e-health funding in France (national figures, not filtered) -----------------------------------
if tab_context.open:
    with tab_context:
        if state.is_filtered or page_filtered:
            st.caption(tr("funding.context_not_filtered"))
        items = ["ehealth_startups_raised_2018", "rounds_over_10m_2018", "series_ab_range", "large_round_threshold",
                 "innobio", "innobio2", "institutional_agreement_6bn"]
        rounds_raw, companies, context = (ui.load(n) for n in ("funding_rounds", "companies", "funding_context"))
        every_round = fd.prepare(rounds_raw, companies)  # the study's whole table: the context is national
        rows = [r for r in (fd.context_value(context, item) for item in items) if r is not None]
        for start in range(0, len(rows), 4):
            for column, row in zip(st.columns(4), rows[start:start + 4]):
                with column, st.container(border=True):
                    # Markdown rather than st.metric: labels and ranges here are too long for a metric and would be cut.
                    st.markdown("**" + ui.escape_md(i18n.pick(row, "label", lang) or "") + "**")
                    st.markdown("### " + ui.escape_md(fd.format_context_value(row, lang)))
                    detail = i18n.pick(row, "detail", lang)
                    if detail:
                        st.caption(ui.escape_md(detail))
                    if row["item_id"] == "large_round_threshold":
                        big = fd.rounds_above(every_round, float(row["value_low"]))
                        listed = ", ".join(f"{r['company']} ({i18n.fmt_meur(r['amount_meur'], lang)}, "
                                           f"{i18n.fmt_month(r['date'], lang)})"
                                           for _, r in big.iterrows())
                        n_raised = int((every_round["round_type"] == "fundraising").sum())
                        st.markdown(ui.escape_md(ui.trp("funding.large_in_table", len(big), n=i18n.fmt_number(len(big), lang),
                                                    total=i18n.fmt_number(n_raised, lang),
                                                    threshold=fd.format_context_value(row, lang),
                                                    rounds=listed or tr("funding.none"))))
        context_rows = context[context["item_id"].isin(items)]
        ui.source_caption(context_rows)
        # Funding since the study (its own badge and sources: never added to the study's totals).
        with ui.section():
            prepared = dv.prepare(ui.load("developments"), companies, lang)
            since = dv.select(prepared, state, ("funding",)).rows.iloc[::-1]
            if not since.empty:
                with st.expander(ui.trp("funding.since_count", len(since), n=i18n.fmt_number(len(since), lang)),
                                 icon=":material/update:"):
                    ui_since.show_developments(since)
                    ui.page_link("since")

with ui.notes():
    st.markdown(tr("funding.intro"))
    st.markdown(tr("funding.investors_note"))
    st.caption(tr("common.study"))
