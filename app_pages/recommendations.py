"""Recommandations: the answer first, then tabs: the study's three objectives, its training recommendations
(each action with the players it targets and, in a menu, the SWOT weaknesses / threats it answers, linked to
the SWOT page) and the actions per target player; filterable by target player."""

import pandas as pd
import streamlit as st

from smt_dashboard import address, i18n, recommendations, study, ui, ui_views
from smt_dashboard import developments as dv

QUADRANT_ICONS = {"weakness": ":material/thumb_down:", "threat": ":material/warning:"}
STATUS_ICONS = {"done": ":material/task_alt:", "under_way": ":material/pending:", "no_evidence": ":material/help:"}
STATUS_COLORS = {"done": "green", "under_way": "orange", "no_evidence": "gray"}

lang = ui.lang()
ui.page_header("recommendations")
TARGETS = address.Binding("reco_target", "codes", (), tuple(recommendations.TARGETS))
targets = tuple(address.value(TARGETS))
ui_views.key_message("recommendation_targets", "recommendation_followup",
                     params={"recommendation_targets": {"targets": targets}})

# Every part of the page reads the recommendations: without them, the page names the file and stops there.
recos = None
with ui.section():
    recos = ui.load("recommendations")
if recos is None:
    st.stop()
# The SWOT texts only label the "answers" links: without them the actions still read.
swot_items = None
with ui.section():
    swot_items = ui.load("swot")
# What has happened since the study (its own badge and sources): each action's follow-up status.
followup = None
with ui.section():
    prepared = dv.prepare(ui.load("developments"), ui.load("companies"), lang)
    followup = dv.followup(ui.load("recommendation_followup"), recos, prepared, lang).set_index("reco_id")

chosen = address.widget(st.pills, ui.tr("recommendations.filter_targets"), TARGETS, selection_mode="multi",
                        help=ui.tr("recommendations.filter_targets_help"),
                        format_func=lambda code: ui.tr(f"recommendations.target.{code}"))
targets = tuple(c for c in (chosen or ()) if c in recommendations.TARGETS)
shown = recommendations.filter_by_targets(recos, targets)
st.caption(ui.tr("recommendations.shown", n=len(shown), total=len(recos)))

if swot_items is not None:
    missing = recommendations.unanswered(swot_items, recos)
    if missing.empty:
        n = int(swot_items["quadrant"].isin(recommendations.ANSWERED_QUADRANTS).sum())
        st.caption(":material/task_alt: " + ui.tr("recommendations.coverage_all", n=n))
    else:
        st.warning(ui.tr("recommendations.coverage_some", items="; ".join(
            ui.escape_md(i18n.pick(r, "text", lang)) for _, r in missing.iterrows())), icon=":material/help:")


def _swot_link(item_ids: list[str]) -> None:
    """A link that opens the SWOT page with these items (and their evidence) open."""
    # The SWOT page reads swot_item to open these items.
    ui.page_link("swot", ui.tr("recommendations.open_in_swot"), query_params={"swot_item": item_ids})


def _action(reco: pd.Series) -> None:
    with st.container(border=True):
        st.markdown(ui.escape_md(i18n.pick(reco, "text", lang)))
        badges = " ".join(":blue-badge[" + ui.escape_md(ui.tr(f"recommendations.target.{code}")) + "]"
                          for code in recommendations.codes_of(reco["targets"]))
        line = st.container(horizontal=True, gap="small", vertical_alignment="center")
        line.markdown(f"**{ui.tr('recommendations.targets_line')}** {badges}", width="content")
        if followup is not None and reco["reco_id"] in followup.index:
            status = followup.loc[reco["reco_id"]]
            line.badge(ui.tr("since.badge_short") + " · " + status["status_label"], icon=STATUS_ICONS[status["status"]],
                       color=STATUS_COLORS[status["status"]], help=status["note"])
        if swot_items is None:
            return
        answered = recommendations.answered_items(reco, swot_items)
        if answered.empty:
            line.caption(ui.tr("recommendations.answers_none"))
            return
        # The SWOT items it answers, one click away: the card stays short.
        with line.popover(ui.trp("recommendations.answers_n", len(answered), n=len(answered)), type="tertiary",
                        icon=":material/link:"):
            st.markdown("\n".join(
                f"- {QUADRANT_ICONS[r['quadrant']]} *{ui.tr('swot.singular.' + r['quadrant'])}* — "
                f"{ui.escape_md(i18n.pick(r, 'text', lang))}" for _, r in answered.iterrows()))
            _swot_link(list(answered["item_id"]))


# One tab per objective of the study, one for its training recommendations, one for the players targeted.
by_group: dict[str, list] = {}
for group, objective, rows in recommendations.by_objective(shown):
    by_group.setdefault(group, []).append((objective, rows))
sections = [(ui.tr(f"recommendations.tab.{objective}"), [(objective, rows)])
            for objective, rows in by_group.get("competitiveness", [])]
if by_group.get("training"):
    sections.append((ui.tr("recommendations.tab.training"), by_group["training"]))
tab_conditions, *tabs = ui.tabs("recommendations", [ui.tr("recommendations.tab_conditions")]
                                + [label for label, _ in sections] + [ui.tr("recommendations.tab_targets"),
                                                                      ui.tr("since.tab.recommendations")])
tab_targets, tab_followup = tabs[-2], tabs[-1]
# --- what the study says must hold first ---------------------------------------------------------------------
if tab_conditions.open:
    with tab_conditions:
        conditions = study.conditions(ui.load("reco_conditions"), lang)
        st.markdown("#### " + ui.tr("recommendations.conditions_heading"))
        st.markdown("\n".join(f"{i}. {ui.escape_md(t)}" for i, t in enumerate(conditions["text"], start=1)))
        ui.source_caption(conditions)
if not sections and tabs[0].open:
    with tabs[0]:
        st.info(ui.tr("recommendations.no_match"), icon=":material/filter_alt_off:")
for tab, (_, objectives) in zip(tabs, sections):
    if not tab.open:
        continue
    with tab:
        for objective, rows in objectives:
            st.markdown("#### " + ui.tr(f"recommendations.objective.{objective}"))
            for start in range(0, len(rows), 2):
                for column, (_, reco) in zip(st.columns(2), rows.iloc[start:start + 2].iterrows()):
                    with column:
                        _action(reco)
        ui.source_caption(pd.concat([rows for _, rows in objectives]))

if tab_targets.open:
    with tab_targets:
        ui_views.show_view("recommendation_targets", {"targets": targets})

if tab_followup.open:
    with tab_followup:
        st.caption(ui.tr("since.followup_intro"))
        ui_views.show_view("recommendation_followup")
        if followup is not None:
            table = followup.reset_index()
            st.badge(dv.badge(ui.load("recommendation_followup")["assessed_on"], lang), icon=":material/travel_explore:",
                     color="orange")
            shown_table = table.assign(evidence=[" · ".join(e) for e in table["evidence"]])[
                ["recommendation", "status_label", "note", "evidence"]].rename(columns={
                    "recommendation": ui.tr("since.col.recommendation"), "status_label": ui.tr("since.col.status"),
                    "note": ui.tr("since.col.note"), "evidence": ui.tr("since.col.evidence")})
            backing = prepared[prepared["development_id"].isin({d for ids in table["development_ids"] for d in ids})]
            source = dv.source_line(backing, lang)
            ui_views.show_table(shown_table, key="reco_followup_table", title=ui.tr("since.followup_title"), source=source)
            st.caption(ui.escape_md(source))
            ui.page_link("since")

with ui.notes():
    st.markdown(ui.tr("recommendations.intro"))
    st.markdown(ui.tr("recommendations.tag_note"))
    st.caption(ui.tr("common.study"))
