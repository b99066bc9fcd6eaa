"""Position de la France (SWOT): the answer first, then tabs: the study's four quadrants (each item shows its
analysis axis and, when opened, the evidence computed from the data, its source and a link to the page behind
it) and the items per analysis axis; the method in the notes."""

import pandas as pd
import streamlit as st

from smt_dashboard import address, i18n, swot, ui, ui_since, ui_views
from smt_dashboard import developments as dv
from smt_dashboard.recommendations import answering
from smt_dashboard.schemas import AXES, SWOT_QUADRANTS

AXIS_ICONS = {"policy_regulatory": ":material/gavel:", "local_ecosystem": ":material/hub:",
              "resources": ":material/savings:", "market_access": ":material/storefront:"}
QUADRANT_STYLE = {"strength": ("green", ":material/thumb_up:"), "weakness": ("red", ":material/thumb_down:"),
                  "opportunity": ("blue", ":material/lightbulb:"), "threat": ("orange", ":material/warning:")}
ITEM_PARAM = "swot_item"

lang = ui.lang()
ui.page_header("swot")
ui_views.key_message("swot")

# Every part of the page reads the SWOT: without it, the page names the file and stops there.
items = None
with ui.section():
    items = ui.load("swot")
if items is None:
    st.stop()
# Without the evidence file the SWOT itself still reads: show the error and carry on without evidence.
evidence = pd.DataFrame(columns=["evidence_id", "item_id", "order", "page", "figure", "params"])
with ui.section():
    evidence = ui.load("swot_evidence")


def _item_key(item_id: str) -> str:
    return f"swot_ev_{item_id}"


OPENED = address.Binding(ITEM_PARAM, "codes", (), tuple(items["item_id"]))


def _on_toggle() -> None:
    # The address lists the open items, so that a copied link opens them again.
    st.session_state[ITEM_PARAM] = [i for i in items["item_id"] if st.session_state.get(_item_key(i))]
    address.follow(OPENED)


# Items named in the address (a shared link, or a link from the recommendations page) are open.
for item_id in address.value(OPENED):
    if not st.session_state.get(_item_key(item_id)):
        st.session_state[_item_key(item_id)] = True

def _figure(ev: pd.Series) -> None:
    """One piece of evidence: why it supports the item, the computed figure, its source and how it is computed."""
    st.markdown("*" + ui.escape_md(i18n.pick(ev, "text", lang)) + "*")
    frames = {name: ui.load(name) for name in swot.datasets_for(ev)}
    fig = swot.evaluate(ev, frames, lang)
    if isinstance(fig, swot.EvidenceError):
        st.warning(ui.tr("swot.evidence_missing", what=ui.escape_md(fig)), icon=":material/help:")
        return
    # Markdown rather than st.metric: labels are long and must wrap in a narrow quadrant, not be cut.
    st.markdown("**" + ui.escape_md(fig.label) + "**")
    if fig.value is not None:
        st.subheader(ui.escape_md(fig.value), anchor=False)
    if fig.detail:
        st.markdown(ui.escape_md(fig.detail))
    if fig.lines:
        st.markdown("\n".join("- " + (f"**{ui.escape_md(head)}** " if head else "") + ui.escape_md(text)
                              for head, text in fig.lines))
    ui.source_caption(fig.rows)
    st.caption(ui.tr("swot.method", method=ui.escape_md(i18n.pick(ev, "method", lang))))


def _answers(item: pd.Series) -> None:
    """For a weakness or threat, the recommendations tagged as answering it."""
    recos = ui.load("recommendations")
    rows = answering(item["item_id"], recos)
    if rows.empty:
        st.caption(ui.tr("swot.answered_by_none"))
        return
    st.markdown("**" + ui.tr("swot.answered_by", n=len(rows)) + "**")
    st.caption("\n".join("- " + ui.escape_md(i18n.pick(r, "text", lang)) for _, r in rows.iterrows()))
    ui.page_link("recommendations", label=ui.tr("swot.open_recommendations"))


def _panel(item: pd.Series) -> None:
    """What opens under an item: its axis, its evidence (or the lack of it), and the pages behind it."""
    st.caption(ui.tr("swot.axis_line", axis=i18n.label("axis", item["axis"], lang)))
    rows = swot.evidence_of(item["item_id"], evidence)
    if rows.empty:
        st.info(ui.tr("swot.no_evidence"), icon=":material/info:")
    for pos, (_, ev) in enumerate(rows.iterrows()):
        if pos:
            st.divider()
        with ui.section():
            _figure(ev)
    for page in dict.fromkeys(rows["page"]):
        ui.page_link(page, label=ui.tr("swot.open_page", page=ui.tr(f"nav.{page}")))
    if item["quadrant"] in ("weakness", "threat"):
        st.divider()
        with ui.section():
            _answers(item)
    with ui.section():  # what has happened since the study, on this item (its own badge and sources)
        prepared = dv.prepare(ui.load("developments"), ui.load("companies"), lang)
        related = dv.tied_to(prepared, "swot_ids", item["item_id"]).iloc[::-1]
        if not related.empty:
            st.divider()
            ui_since.show_developments(related, ui.tr("since.related"))


def _quadrant(quadrant: str, rows: pd.DataFrame) -> None:
    color, icon = QUADRANT_STYLE[quadrant]
    with st.container(border=True):
        st.markdown(f"### :{color}[{icon} {i18n.label('quadrant', quadrant, lang)}]")
        if rows.empty:
            st.caption(ui.tr("swot.quadrant_empty"))
        for _, item in rows.iterrows():
            box = st.expander(ui.escape_md(i18n.pick(item, "text", lang)), icon=AXIS_ICONS[item["axis"]],
                              key=_item_key(item["item_id"]), on_change=_on_toggle)
            if box.open:
                with box:
                    _panel(item)


tab_grid, tab_axes = ui.tabs(
    "swot", [ui.tr("swot.tab.grid"),
     ui.tr("swot.tab.axes")])

if tab_grid.open:
    with tab_grid:
        axes = address.widget(st.pills, ui.tr("swot.axis_filter"), address.Binding("swot_axis", "codes", (), tuple(AXES)),
                              selection_mode="multi", help=ui.tr("swot.axis_filter_help"),
                              format_func=lambda a: i18n.label("axis", a, lang))
        axes = tuple(a for a in (axes or ()) if a in AXES)
        n_with, n_total = swot.coverage(items, evidence)
        st.caption(ui.tr("swot.coverage", n=n_with, total=n_total) + " " + ui.tr("swot.icon_legend") + " "
                   + " · ".join(f"{AXIS_ICONS[a]} {i18n.label('axis', a, lang)}" for a in AXES))
        quadrants = swot.by_quadrant(items, axes)
        hidden = n_total - sum(len(rows) for rows in quadrants.values())
        if hidden:
            st.caption(ui.tr("swot.hidden", n=hidden))
        for pair in (SWOT_QUADRANTS[:2], SWOT_QUADRANTS[2:]):
            for column, quadrant in zip(st.columns(2), pair):
                with column:
                    _quadrant(quadrant, quadrants[quadrant])

        ui.source_caption(items)

if tab_axes.open:
    with tab_axes:
        ui_views.show_view("swot_axes")

with ui.notes():
    st.markdown(ui.tr("swot.intro"))
    st.markdown(ui.tr("swot.tagging_note"))
    st.caption(ui.tr("common.study"))
