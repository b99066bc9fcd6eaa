"""Marché & adoption: the answer first (market size and its growth, the adoption figure), then two tabs: the
market (ranges, growth rate, what drives it) and adoption (survey figures, factors); method in the notes."""

import streamlit as st

from smt_dashboard import i18n, market, study, study_context, ui, ui_since, ui_views
from smt_dashboard import study_findings as sf
from smt_dashboard.views import source_rows

GROUP_ICONS = {"clinicians": ":material/stethoscope:", "patients": ":material/person:", "all": ":material/block:"}

lang = ui.lang()
ui.page_header("market")
ui_views.key_message("market_size", "adoption")

tab_market, tab_adoption, tab_challenges = ui.tabs(
    "market", [ui.tr("market.section_size"),
     ui.tr("market.section_adoption"),
     ui.tr("market.section_challenges")])

if tab_market.open:
    with tab_market:
        left, right = st.columns([3, 2])
        with left, ui.section():
            ui_views.show_view("market_size")
        with right, ui.section():
            size = ui.load("market_size")
            ranges = market.size_ranges(size, lang)
            rate = market.growth(size)
            metrics = st.columns(2)
            for column, (_, row) in zip(metrics, ranges.iterrows()):
                column.metric(ui.tr("market.metric_size", year=int(row["year"])), row["range_label"])
            metrics = st.columns(2)
            metrics[0].metric(ui.tr("market.metric_cagr", start=rate.start, end=rate.end),
                              market.fmt_pct_range(rate.published_low, rate.published_high, lang),
                              help=ui.tr("market.cagr_help"))
            metrics[1].metric(ui.tr("market.metric_implied"), market.fmt_pct_range(rate.implied_min, rate.implied_max, lang, 1),
                              help=ui.tr("market.cagr_help"))
            if not rate.published_within_implied:
                st.warning(ui.tr("market.implied_outside_short"), icon=":material/warning:")
            ui.source_caption(size)

        st.markdown("#### " + ui.tr("market.section_context"))
        with ui.section():
            context = ui.load("health_context")
            figures = market.context_figures(context, lang)
            for start in range(0, len(figures), 3):
                for column, fig in zip(st.columns(3), figures[start:start + 3]):
                    with column, st.container(border=True, height="stretch"):
                        # Markdown rather than st.metric: these labels and values are long and must wrap, not be cut.
                        st.markdown("**" + ui.escape_md(fig.label + (f" ({fig.period})" if fig.period else "")) + "**")
                        st.markdown("### " + ui.escape_md(fig.value))
                        if fig.detail:
                            st.caption(ui.escape_md(fig.detail))
            ui.source_caption(context)

        # Who plays in digital health, and how the drug makers' approach is shifting.
        with ui.section():
            players = study_context.market_players(ui.load("market_players"), lang)
            with st.expander(ui.tr("market.players_heading"), icon=":material/groups:"):
                left, right = st.columns(2)
                with left:
                    for kind in ("player", "other_player", "role"):
                        rows = players[players["kind"] == kind]
                        ui.bullets(rows, rows.iloc[0]["kind_label"] if not rows.empty else None,
                                   lead="actors" if kind == "role" else None, source=False)
                with right:
                    for kind in ("pharma_statement", "pharma_initial_aim", "pharma_driver", "pharma_today", "finding"):
                        rows = players[players["kind"] == kind]
                        ui.bullets(rows, rows.iloc[0]["kind_label"] if not rows.empty else None, source=False)
                ui.source_caption(players)

        # The study's context slides: what drives digital health, its six fields, the needs it serves (FDA / PQRI), the
        # health data it yields; then the solutions built to answer a need.
        with ui.section():
            context = ui.load("digital_health_context")
            with st.expander(ui.tr("market.context_heading"), icon=":material/lightbulb:"):
                left, right = st.columns(2)
                with left:
                    boxes = sf.context_items(context, lang, "drivers", "box")
                    ui.bullets(boxes, ui.tr("market.drivers"), source=False)
                    for note in boxes["note"].dropna():  # what the extracted text keeps of a box
                        st.caption(ui.escape_md(note))
                    ui.bullets(sf.context_items(context, lang, "drivers", "finding"), source=False)
                    ui.source_caption(sf.context_items(context, lang, "drivers"))
                with right:
                    fields = sf.context_items(context, lang, "fields")
                    ui.bullets(fields[fields["kind"] == "finding"], ui.tr("market.fields"), source=False)
                    st.caption("  \n".join(ui.escape_md(t) for t in list(fields.loc[fields["kind"] == "footnote", "text"])
                                           + [n for n in fields["note"].dropna()]))
                    ui.source_caption(fields)
                    ui.bullets(sf.context_items(context, lang, "health_data"), ui.tr("market.health_data"))
                st.markdown("**" + ui.escape_md(ui.tr("market.needs")) + "**")
                needs = sf.context_items(context, lang, "needs")
                for column, (_, audience) in zip(st.columns(2), needs[needs["kind"] == "audience"].iterrows()):
                    with column:
                        st.markdown(f"*{ui.escape_md(audience['text'])}*")
                        for _, group in needs[needs["parent_id"] == audience["item_id"]].iterrows():
                            ui.bullets(needs[needs["parent_id"] == group["item_id"]], group["text"], source=False)
                ui.bullets(needs[needs["kind"] == "finding"])
            driven = sf.context_items(context, lang, "need_driven")
            with st.expander(ui.tr("market.need_driven_heading"), icon=":material/volunteer_activism:"):
                boxes = driven[driven["kind"] == "box"]
                for column, (_, box) in zip(st.columns(len(boxes) or 1), boxes.iterrows()):
                    with column, st.container(border=True, height="stretch"):
                        ui.bullets(driven[driven["parent_id"] == box["item_id"]], box["text"], source=False)
                for text in driven.loc[driven["kind"] == "conclusion", "text"]:
                    st.markdown(":material/arrow_forward: **" + ui.escape_md(text) + "**")
                ui.bullets(driven[driven["kind"] == "finding"])

if tab_adoption.open:
    with tab_adoption:
        with ui.section():
            ui_views.show_view("adoption")
        with ui.section():  # and today: online records in use (hors étude), beside the study's survey
            ui_since.show_then_now(("records",))

        st.markdown("#### " + ui.tr("market.section_factors"))
        with ui.section():
            factors = ui.load("adoption_factors")
            groups = market.factor_groups(factors)
            for column, (audience, kind, rows) in zip(st.columns(len(groups)), groups):
                with column, st.container(border=True, height="stretch"):
                    st.markdown(f"**{GROUP_ICONS[audience]} {ui.tr(f'market.group.{audience}.{kind}')}**")
                    st.markdown("\n".join(f"- {ui.escape_md(i18n.pick(r, 'text', lang))}" for _, r in rows.iterrows()))
            ui.source_caption(factors)

        # What stands in the way in practice (the service not paid for), and what health professionals need.
        with ui.section():
            findings = study_context.adoption_findings(ui.load("adoption_findings"), lang)
            st.markdown("> " + ui.escape_md(study_context.service_not_paid(ui.load("adoption_findings"), lang)))
            ui.source_caption(findings[findings["kind"] == "reimbursement_gap"])
            needs = study_context.needs(ui.load("stakeholder_needs"), lang, "professional_need")
            with st.expander(ui.tr("market.practice_heading"), icon=":material/stethoscope:"):
                left, right = st.columns(2)
                with left:
                    for topic in ("practice_change", "smt_market_access"):
                        # CE marking's definition is read beside the approvals (catalogue page).
                        rows = findings[(findings["topic"] == topic) & (findings["kind"] != "ce_marking")]
                        ui.bullets(rows, rows.iloc[0]["topic_label"] if not rows.empty else None, source=False)
                with right:
                    ui.bullets(needs, needs.iloc[0]["kind_label"] if not needs.empty else None, source=False)
                ui.source_caption(source_rows(findings, needs))
        # What the study says of adoption by end users (axis 4: market expectations and access), beside its figures.
        with ui.section():
            adoption = sf.position_items(ui.load("position_findings"), lang, "adoption")
            with st.expander(ui.tr("market.adoption_heading"), icon=":material/how_to_reg:"):
                ui.bullets(adoption)

# --- what SMT developers must overcome (technical, economic & regulatory, organisational) ----------------------
if tab_challenges.open:
    with tab_challenges:
        rows = study.challenges(ui.load("smt_challenges"), lang)
        st.caption(ui.tr("market.challenges_intro", n=i18n.fmt_number(len(rows), lang)))
        natures = list(dict.fromkeys(rows["nature"]))
        for column, nature in zip(st.columns(len(natures) or 1), natures):
            group = rows[rows["nature"] == nature]
            with column, st.container(border=True, height="stretch"):
                ui.bullets(group, group.iloc[0]["nature_label"], source=False)
        ui.source_caption(rows)

with ui.notes():
    st.markdown(ui.tr("market.intro"))
    with ui.section():
        rate = market.growth(ui.load("market_size"))
        note = "market.implied_note" if rate.published_within_implied else "market.implied_note_outside"
        st.markdown(ui.tr(note, low_path=i18n.fmt_pct(rate.implied_low_path, lang),
                          high_path=i18n.fmt_pct(rate.implied_high_path, lang),
                          published=market.fmt_pct_range(rate.published_low, rate.published_high, lang)))
    st.markdown(ui.tr("market.context_intro"))
    st.markdown(ui.tr("market.factors_intro"))
    st.caption(ui.tr("common.study"))
