"""Catalogue des SMT: the answer first, then tabs: the 40 SMT by category × therapy area with named examples,
the approvals and the French reimbursement of the 33 available ones, and the digital therapeutics outside the
SMT scope; the method in the notes."""

import streamlit as st

from smt_dashboard import catalogue as cat
from smt_dashboard import company as co
from smt_dashboard import developments as dv
from smt_dashboard import filters, i18n, metrics, study, study_context, ui, ui_since, ui_views
from smt_dashboard import state as app_state
from smt_dashboard.schemas import SMT_CATEGORIES

lang = ui.lang()
state = ui.filter_state()
tr = ui.tr


def _area_not_applied() -> None:
    if state.areas:
        st.caption(tr("catalogue.area_not_applied"))


ui.page_header("catalogue", reason_key="catalogue.filter_reason")
ui_views.key_message("catalogue_heatmap", "reimbursement")
tab_grid, tab_approvals, tab_reimbursement, tab_dtx = ui.tabs(
    "catalogue", [tr("catalogue.tab.grid"),
     tr("catalogue.tab.approvals"),
     tr("catalogue.tab.reimbursement"),
     tr("catalogue.tab.dtx")])

# --- the 40 SMT: category × therapy area -------------------------------------------------------------
if tab_grid.open:
    with tab_grid:
        catalogue_df = ui.load("smt_catalogue")
        rows = cat.filtered_catalogue(catalogue_df, state)
        grand_total = int(catalogue_df["smt_count"].sum())
        totals = cat.category_totals(rows, grand_total)
        columns = st.columns(4)
        with columns[0]:
            ui.figure(metrics.smt({"smt_catalogue": catalogue_df}, state))
        for column, row in zip(columns[1:], totals.itertuples()):
            column.metric(tr(f"catalogue.category_short.{row.category}"), i18n.fmt_number(row.smt_count, lang))
            column.caption(tr("catalogue.metric_category_share", share=cat.pct_whole(row.share_pct, lang),
                              total=i18n.fmt_number(grand_total, lang)))
        ui_views.show_view("catalogue_heatmap")
        if not rows.empty:
            if not state.areas:
                st.caption(tr("catalogue.heatmap_note"))
            # One click to everything the dashboard says about an area (the profile page sets the area filter).
            shown_areas = [a for a in rows.groupby("therapy_area")["smt_count"].sum().sort_values(ascending=False).index]
            with st.container(horizontal=True, gap="small", key="catalogue_profiles"):
                st.markdown(tr("catalogue.profile_links"))
                for code in shown_areas:
                    ui.page_link("profile", label=i18n.label("area", code, lang),
                                 query_params=app_state.link_params(state, areas=(code,)))

        # What an SMT adds, per the study's definition; each category's expected added value is in its box below.
        with ui.section():
            values = ui.load("smt_value_added")
            with st.expander(tr("catalogue.value_heading"), icon=":material/add_circle:"):
                ui.bullets(study_context.value_added(values, lang, "smt_value"), source=False)
                # Each category's « Valeur ajoutée attendue », as the study's example slides print it.
                for column, category in zip(st.columns(3), SMT_CATEGORIES):
                    with column:
                        ui.bullets(study_context.value_added(values, lang, "category_value", category),
                                   i18n.label("category", category, lang) + " — " + tr("catalogue.value_expected"),
                                   source=False)
                ui.source_caption(values)
        with ui.section():
            examples = ui.load("smt_examples")
            st.markdown("#### " + tr("catalogue.examples_heading"))
            for column, category in zip(st.columns(3), SMT_CATEGORIES):
                shown, hidden = cat.examples_for(examples, category, state)
                with column, st.container(border=True):
                    st.markdown("**" + ui.escape_md(i18n.label("category", category, lang)) + "**")
                    named = shown[shown["kind"] == "named_smt"]
                    devices = shown[shown["kind"] == "device_type"]
                    if not named.empty:
                        st.caption(tr("catalogue.named_smt"))
                        st.markdown("\n".join("- " + ui.escape_md(cat.example_line(r, lang)) for _, r in named.iterrows()))
                    if not devices.empty:
                        st.caption(tr("catalogue.device_types"))
                        st.markdown("\n".join("- " + ui.escape_md(cat.example_line(r, lang)) for _, r in devices.iterrows()))
                    if named.empty and devices.empty:
                        st.caption(tr("catalogue.no_example"))
                    ui.unjudged_caption(hidden, ("areas",), i18n.plural("common.noun.example", hidden, lang))
            ui.source_caption(examples)
            cited = co.cited_by_name(ui.load("companies"), ui.load("company_products"), examples["name"])
            ui.company_links(cited, "examples")

# --- regulatory approvals of the 33 available SMT ---------------------------------------------------
if tab_approvals.open:
    with tab_approvals:
        _area_not_applied()
        approvals = ui.load("smt_approvals")
        t = cat.approval_totals(approvals)
        columns = st.columns(4)
        columns[0].metric(tr("catalogue.metric_available"), i18n.fmt_number(t["available"], lang))
        columns[0].caption(tr("catalogue.metric_available_help"))
        columns[1].metric(tr("catalogue.metric_ce"), f"{i18n.fmt_number(t['ce_marked'], lang)} / "
                          f"{i18n.fmt_number(t['available'], lang)}")
        columns[1].caption(i18n.fmt_pct(t["ce_pct"], lang, 1))
        columns[2].metric(tr("catalogue.metric_fda"), f"{i18n.fmt_number(t['fda_approved'], lang)} / "
                          f"{i18n.fmt_number(t['available'], lang)}")
        columns[2].caption(i18n.fmt_pct(t["fda_pct"], lang, 1))
        columns[3].metric(tr("catalogue.metric_mean"), cat.pct_whole(t["mean_pct"], lang))
        columns[3].caption(tr("catalogue.metric_mean_help"))
        ui_views.show_view("approvals")
        st.markdown(tr("catalogue.approvals_different"))
        for _, gap in cat.approval_gaps(approvals).iterrows():
            st.markdown("- " + ui.trp("catalogue.approvals_gap", gap["at_least"],
                                      category=i18n.label("category", gap["category"], lang),
                                      fda=i18n.fmt_number(gap["fda_approved"], lang),
                                      ce=i18n.fmt_number(gap["ce_marked"], lang), n=i18n.fmt_number(gap["at_least"], lang)))
        with ui.section():  # what CE marking means (the market-access slide's definition)
            ce = study_context.adoption_findings(ui.load("adoption_findings"), lang, "smt_market_access")
            with st.expander(tr("catalogue.ce_marking_heading"), icon=":material/verified:"):
                ui.bullets(ce[ce["kind"] == "ce_marking"])

# --- French reimbursement --------------------------------------------------------------------------
if tab_reimbursement.open:
    with tab_reimbursement:
        _area_not_applied()
        reimbursement = ui.load("smt_reimbursement")
        status_rows = cat.reimbursement_rows(reimbursement, lang)
        total = int(reimbursement["smt_count"].sum())
        st.metric(tr("catalogue.metric_financed"),
                  f"{i18n.fmt_number(cat.financed_or_in_progress(reimbursement), lang)} / {i18n.fmt_number(total, lang)}")
        with ui.section():  # and today: Germany's reimbursable apps and France's early coverage (hors étude)
            ui_since.show_then_now(("reimbursed",))
        left, right = st.columns([3, 2])
        with left:
            ui_views.show_view("reimbursement")
        with right:
            for _, row in status_rows.iterrows():
                with st.container(border=True):
                    st.markdown(f"**{ui.escape_md(row['status_label'])}** · {ui.escape_md(row['label'])}")
                    if row["products_list"]:
                        st.markdown(", ".join(ui.escape_md(p) for p in row["products_list"]))
                    else:
                        st.caption(tr("catalogue.products_not_named"))
        # On what evidence, and from which side (drug or device) the reimbursed SMT come, when the study says.
        with ui.section():
            products = study.reimbursed_products(ui.load("smt_reimbursed_products"), lang)
            quote = products["origin_quote"].dropna()
            if not quote.empty:
                st.markdown("**" + ui.escape_md(quote.iloc[0]) + "**")
            evidence = products[products["evidence"].notna()]
            for _, row in evidence.iterrows():
                # The patient count, unless the evidence sentence already gives it.
                patients = ("" if i18n.is_missing(row["evidence_patients"])
                            or str(int(row["evidence_patients"])) in str(row["evidence"]) else
                            " " + ui.trp("catalogue.evidence_patients", row["evidence_patients"],
                                         n=i18n.fmt_number(row["evidence_patients"], lang)))
                st.markdown(f":material/science: **{ui.escape_md(row['product'])}** — {ui.escape_md(row['evidence'])}{patients}")
            table = products[["product", "status_label", "origin_label"]].rename(columns={
                "product": tr("catalogue.col.product"), "status_label": tr("catalogue.col.status"),
                "origin_label": tr("catalogue.col.origin")})
            with st.expander(ui.trp("catalogue.reimbursed_list", len(products), n=i18n.fmt_number(len(products), lang)),
                             icon=":material/list:"):
                ui_views.show_table(table, key="catalogue_reimbursed_products", source_rows=products)

        # Reimbursement in France since the study (its own badge and sources: never added to the study's counts).
        with ui.section():
            prepared = dv.prepare(ui.load("developments"), ui.load("companies"), lang)
            since = dv.select(prepared, filters.FilterState(), ("reimbursement",), ("FR",)).rows.iloc[::-1]
            if not since.empty:
                with st.expander(ui.trp("catalogue.since_reimbursement", len(since), n=i18n.fmt_number(len(since), lang)),
                                 icon=":material/update:"):
                    ui_since.show_developments(since)
                    ui.page_link("since")

# --- digital therapeutics (outside the SMT scope) -------------------------------------------------------
if tab_dtx.open:
    with tab_dtx:
        st.badge(tr("catalogue.dtx_badge"), icon=":material/block:", color="orange")
        # What digital therapeutics are, their forms and the conditions they target (the study's focus slide).
        with ui.section():
            context = ui.load("dtx_context")
            with st.expander(tr("catalogue.dtx_context_heading"), icon=":material/info:"):
                ui.bullets(study_context.dtx_items(context, lang, "definition"), source=False)
                left, right = st.columns(2)
                with left:
                    ui.bullets(study_context.dtx_items(context, lang, "form"), tr("catalogue.dtx_forms"), lead="label",
                               source=False)
                    ui.bullets(study_context.dtx_items(context, lang, "benefit"), tr("catalogue.dtx_benefits"),
                               source=False)
                with right:
                    st.markdown("**" + tr("catalogue.dtx_conditions") + "**")
                    st.markdown("\n".join("- " + ui.escape_md(line)
                                          for line in study_context.dtx_conditions(context, lang)))
                    ui.bullets(study_context.dtx_items(context, lang, "finding"), source=False)
                ui.source_caption(context)
        dtx, dtx_approvals = (ui.load(n) for n in ("digital_therapeutics", "digital_therapeutics_approvals"))
        marketed = dtx_approvals.iloc[0]
        columns = st.columns(4)
        with columns[0]:
            ui.figure(metrics.dtx({"digital_therapeutics_areas": ui.load("digital_therapeutics_areas")}, state))
        # Which of the 8 are marketed is not printed: these three follow no filter, and say so as every national figure.
        for column, key, value in ((columns[1], "metric_dtx_marketed", marketed["dtx_count"]),
                                   (columns[2], "metric_dtx_ce", marketed["ce_marked"]),
                                   (columns[3], "metric_dtx_fda", marketed["fda_approved"])):
            column.metric(tr(f"catalogue.{key}"), i18n.fmt_number(value, lang))
            if state.is_filtered:
                column.caption(tr("metrics.scope_national"))
        if state.areas:
            st.caption(tr("catalogue.dtx_marketed_national"))
        note = i18n.pick(marketed, "note", lang)
        if note:
            st.caption(ui.escape_md(note))
        # The named list gives an area for few of them: under an area filter, say what the list can and cannot show
        # (the count by area above is the study's own, never recounted from the list).
        dtx_judged = filters.judge_area(dtx, state)
        if state.areas and dtx_judged.rows.empty:
            st.caption(ui.trp("catalogue.dtx_list_no_area", len(dtx), n=i18n.fmt_number(len(dtx), lang)))
        else:
            ui_views.show_table(cat.dtx_table(dtx_judged.rows, lang), key="catalogue_dtx", source_rows=dtx_judged.rows)
            ui.unjudged_note(dtx_judged, "common.noun.dtx")
        with ui.section():
            located = study.dtx_locations(dtx, ui.load("dtx_developers"), lang)
            st.markdown("**" + tr("catalogue.dtx_where") + "** " + ui.escape_md(" ; ".join(
                f"{row['name']} ({', '.join(v for v in (row['city'], row['country']) if not i18n.is_missing(v))})"
                + (" *" if row["inferred"] else "") for _, row in located.iterrows())))
            for note in located.loc[located["inferred"], "note"].dropna():
                st.caption("\\* " + ui.escape_md(note))
            ui.source_caption(located)
            developers = ui.load("dtx_developers")
            cited = co.cited_by_name(ui.load("companies"), ui.load("company_products"), developers["name"])
            ui.company_links(cited, "dtx")
        # Notes and the example the slide describes, only for the therapies the area filter keeps.
        for name, note in cat.dtx_notes(dtx_judged.rows, lang):
            st.caption(ui.escape_md(f"{name} : {note}" if lang == "fr" else f"{name}: {note}"))
        with ui.section():
            examples = study_context.dtx_examples(ui.load("dtx_context"), dtx_judged.rows, lang)
            for dtx_id, rows in examples.groupby("dtx_id", sort=False):
                name = dtx.loc[dtx["dtx_id"] == dtx_id, "name"].iloc[0]
                with st.expander(tr("catalogue.dtx_example_heading", name=name) + (" *" if rows["inferred"].any() else ""),
                                 icon=":material/psychology:"):
                    ui.bullets(rows)
        left, _ = st.columns([3, 2])
        with left:
            built = ui_views.show_view("dtx_areas")
            if built.kind == "chart":
                for _, row in built.rows[built.rows["note_fr"].notna()].iterrows():
                    st.caption("\\* " + ui.escape_md(i18n.pick(row, "note", lang)))

with ui.notes():
    st.markdown(tr("catalogue.intro"))
    if not state.areas:
        st.markdown(tr("catalogue.heatmap_note"))
    st.markdown(tr("catalogue.dtx_intro"))
    st.caption(tr("common.study"))
