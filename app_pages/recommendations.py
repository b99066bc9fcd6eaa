"""Recommandations: the study's three objectives and its training recommendations, each action with the
players it targets and the SWOT weaknesses / threats it answers (linked to the SWOT page), filterable by
target player."""

import pandas as pd
import streamlit as st

from smt_dashboard import i18n, recommendations, ui
from smt_dashboard.charts import recommendations as reco_charts
from smt_dashboard.datasets import DatasetError

QUADRANT_ICONS = {"weakness": ":material/thumb_down:", "threat": ":material/warning:"}

lang = ui.lang()
ui.page_header("recommendations", "recommendations.intro")
ui.filter_scope(applies=())

(recos,) = ui.require("recommendations")
# The SWOT texts only label the "answers" links: without them the actions still read.
try:
    swot_items = ui.load("swot")
except DatasetError as exc:
    ui.show_dataset_error(exc)
    swot_items = None

ui.codes_from_url("reco_target", list(recommendations.TARGETS))
chosen = st.pills(ui.tr("recommendations.filter_targets"), options=list(recommendations.TARGETS),
                  selection_mode="multi", key="reco_target",
                  help=ui.tr("recommendations.filter_targets_help"),
                  format_func=lambda code: ui.tr(f"recommendations.target.{code}"))
targets = tuple(c for c in (chosen or ()) if c in recommendations.TARGETS)
ui.codes_to_url("reco_target", targets)
shown = recommendations.filter_by_targets(recos, targets)
st.caption(ui.tr("recommendations.shown", n=len(shown), total=len(recos)))

if swot_items is not None:
    missing = recommendations.unanswered(swot_items, recos)
    if missing.empty:
        n = int(swot_items["quadrant"].isin(recommendations.ANSWERED_QUADRANTS).sum())
        st.success(ui.tr("recommendations.coverage_all", n=n), icon=":material/task_alt:")
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
        st.markdown(f"**{ui.tr('recommendations.targets_line')}** {badges}")
        if swot_items is None:
            return
        answered = recommendations.answered_items(reco, swot_items)
        if answered.empty:
            st.caption(ui.tr("recommendations.answers_none"))
            return
        st.markdown(f"**{ui.tr('recommendations.answers')}**\n" + "\n".join(
            f"- {QUADRANT_ICONS[r['quadrant']]} *{ui.tr('swot.singular.' + r['quadrant'])}* — "
            f"{ui.escape_md(i18n.pick(r, 'text', lang))}" for _, r in answered.iterrows()))
        _swot_link(list(answered["item_id"]))


if shown.empty:
    st.info(ui.tr("recommendations.no_match"), icon=":material/filter_alt_off:")
else:
    current_group = None
    for group, objective, rows in recommendations.by_objective(shown):
        if group != current_group:
            st.header(ui.tr(f"recommendations.group.{group}"))
            current_group = group
        st.subheader(ui.tr(f"recommendations.objective.{objective}"))
        for start in range(0, len(rows), 2):
            for column, (_, reco) in zip(st.columns(2), rows.iloc[start:start + 2].iterrows()):
                with column:
                    _action(reco)
    ui.source_caption(shown)
    st.caption(ui.tr("recommendations.tag_note"))

    counts = recommendations.target_counts(shown, lang)
    chart = reco_charts.targets(counts, ui.tr("recommendations.chart_title"), ui.tr("recommendations.chart_subtitle"),
                                ui.tr("recommendations.x_title"))
    ui.show_chart(chart, data=counts[["target_label", "actions"]], key="reco_targets", source_rows=shown)
