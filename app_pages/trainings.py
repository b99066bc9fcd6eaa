"""Formations: the answer first, then one tab per training need (UX/UI design, regulatory affairs, engineers
bridging drug, device and digital) and one for the gaps the study concludes with its training recommendations."""

import pandas as pd
import streamlit as st

from smt_dashboard import filters, i18n, study, study_context, ui, ui_views
from smt_dashboard import trainings as trn

lang = ui.lang()
tr = ui.tr
state = ui.filter_state()


def _french_only_note() -> None:
    if lang != "fr":
        st.caption(tr("trainings.french_names"))


def _in_region(rows: pd.DataFrame, noun: str) -> pd.DataFrame:
    """Rows whose city lies in the selected regions (all rows without a region filter); the rows the filter
    cannot place (no known city) are counted, not dropped silently."""
    if not state.regions:
        return rows
    judged = filters.judge_region(rows, state, ui.load("cities"))
    ui.unjudged_note(judged, noun)
    return judged.rows


def _region_not_applied() -> None:
    if state.regions:
        st.caption(":material/filter_alt_off: " + tr("trainings.region_not_applied"))


def _empty_in_region() -> None:
    options, _ = ui.filter_options()
    st.info(tr("trainings.empty_region", regions=ui.escape_md(", ".join(filters.filter_values(state, "regions", options,
                                                                                                 lang)))),
            icon=":material/search_off:")


ui.page_header("trainings", reason_key="trainings.filter_reason")
ra_line = ""
with ui.section():
    ra_counts = trn.module_counts(ui.load("training_ra_masters"))
    ra_line = tr("trainings.key_ra", total=i18n.fmt_number(ra_counts["total"], lang),
                 digital=i18n.fmt_number(ra_counts["digital_module"], lang), dm=i18n.fmt_number(ra_counts["dm_module"], lang))
ui_views.key_message("trainings_by_city", extra=ra_line)
tab_ux, tab_ra, tab_eng, tab_gaps = ui.tabs(
    "trainings", [tr("trainings.tab.ux"),
     tr("trainings.tab.ra"),
     tr("trainings.tab.eng"),
     tr("trainings.tab.gaps")])

# --- UX / UI designer --------------------------------------------------------------------------------
context = None
with ui.section():
    context = study.training_context(ui.load("training_context"), lang)


def _context(topic: str, ref_id: str | None = None):
    """The study's training-context statements on one topic (only called when the file is valid)."""
    rows = context[context["topic"] == topic]
    return rows if ref_id is None else rows[rows["ref_id"] == ref_id]


if tab_ux.open:
    with tab_ux:
        st.markdown("#### " + tr("trainings.ux_heading"))
        if context is not None:
            with st.expander(tr("trainings.ux_routes_heading"), icon=":material/route:"), ui.section():
                routes = _context("ux_routes")
                ui.bullets(routes[routes["level_label"].isna()], source=False)
                levels = routes[routes["level_label"].notna()]
                ui.bullets(levels.assign(inferred=levels["level_basis"] == "inferred"), lead="level_label", source=False)
                ui.bullets(_context("ux_on_the_job"), tr("trainings.ux_on_the_job"), source=False)
                ui.source_caption(routes)
        all_campuses, lengths, continuing, orgs = (ui.load(n) for n in (
            "training_ux_establishments", "training_ux_lengths", "training_ux_continuing", "training_ux_continuing_orgs"))
        campuses = _in_region(all_campuses, "common.noun.campus")
        types = trn.by_establishment_type(campuses, lang)
        private = types[types["establishment_type"] == "private_school"]
        columns = st.columns(4)
        columns[0].metric(tr("trainings.metric_initial"), i18n.fmt_number(lengths["programmes"].sum(), lang))
        if state.regions:
            columns[0].caption(tr("common.national"))
        columns[1].metric(tr("trainings.metric_establishments"), i18n.fmt_number(len(trn.establishments(campuses)), lang))
        columns[1].caption(ui.national_reference(len(campuses), len(all_campuses), "common.noun.campus") if state.regions
                           else tr("trainings.metric_campuses", n=i18n.fmt_number(len(campuses), lang)))
        columns[2].metric(tr("trainings.metric_private"),
                          i18n.fmt_pct(private["share_pct"].iloc[0] if not private.empty else None, lang, 0))
        columns[3].metric(tr("trainings.metric_continuing"), i18n.fmt_number(continuing["programmes"].sum(), lang))
        columns[3].caption(tr("trainings.metric_orgs", n=i18n.fmt_number(len(orgs), lang))
                           + (" · " + tr("common.national") if state.regions else ""))
        st.warning(tr("trainings.no_health"), icon=":material/health_and_safety:")

        if campuses.empty:
            _empty_in_region()
        else:
            ui_views.show_view("trainings_by_city")
            for _, row in campuses[campuses["note_fr"].notna()].iterrows():
                st.caption(ui.escape_md(f"{row['establishment']} : " if lang == "fr" else f"{row['establishment']}: ")
                           + ui.escape_md(i18n.pick(row, "note", lang)))
            left, right = st.columns(2)
            with left, ui.section():
                ui_views.show_view("trainings_types")
            with right, ui.section():
                ui_views.show_view("trainings_lengths")
                notes = [i18n.pick(r, "note", lang) for _, r in lengths.iterrows() if not i18n.is_missing(r["note_fr"])]
                if notes:
                    st.caption(ui.escape_md(notes[0]))
                _region_not_applied()

        st.markdown("#### " + tr("trainings.continuing_heading"))
        st.markdown(tr("trainings.continuing_intro"))
        _region_not_applied()
        left, right = st.columns([3, 1])
        with left:
            lines = []
            for group in trn.continuing_groups(continuing, lang):
                count = ui.trp("trainings.n_programmes", group["programmes"], n=i18n.fmt_number(group["programmes"], lang))
                line = f"- **{count}** : " if lang == "fr" else f"- **{count}**: "
                line += ui.escape_md(", ".join(group["names"]))
                if group["note"]:
                    line += " — *" + ui.escape_md(group["note"]) + "*"
                lines.append(line)
            st.markdown("\n".join(lines))
            ui.source_caption(continuing)
        with right:
            st.markdown("**" + tr("trainings.orgs_heading") + "**")
            st.markdown("\n".join("- " + ui.escape_md(o) for o in orgs["organisation"]))
            note = i18n.pick(orgs.iloc[0], "note", lang) if not orgs.empty else None
            if note:
                st.caption(ui.escape_md(note))
        _french_only_note()

# --- regulatory affairs ------------------------------------------------------------------------------
if tab_ra.open:
    with tab_ra:
        st.markdown("#### " + tr("trainings.ra_heading"))
        if context is not None:
            ui.bullets(pd.concat([_context("ra_masters"), _context("du")]))
        masters = _in_region(ui.load("training_ra_masters"), "common.noun.training")
        dus = _in_region(ui.load("training_dus"), "common.noun.training")
        counts = trn.module_counts(masters)
        columns = st.columns(3)
        columns[0].metric(tr("trainings.metric_masters"), i18n.fmt_number(counts["total"], lang))
        columns[0].caption(tr("trainings.metric_masters_help"))
        columns[1].metric(tr("trainings.metric_dm_module"),
                          f"{i18n.fmt_number(counts['dm_module'], lang)} / {i18n.fmt_number(counts['total'], lang)}")
        columns[2].metric(tr("trainings.metric_digital_module"),
                          f"{i18n.fmt_number(counts['digital_module'], lang)} / {i18n.fmt_number(counts['total'], lang)}")
        if masters.empty:
            _empty_in_region()
        else:
            ui_views.show_table(trn.ra_masters_table(masters, lang), key="trainings_ra_masters", source_rows=masters)
        st.markdown("**" + tr("trainings.modules_heading") + "**")
        for item in trn.ra_modules(masters, lang):
            text = f"- **{ui.escape_md(item['university'])}** ({ui.escape_md(item['master'])}) : " if lang == "fr" else \
                f"- **{ui.escape_md(item['university'])}** ({ui.escape_md(item['master'])}): "
            text += " ; ".join(ui.escape_md(m) for m in item["modules"])
            if item["note"]:
                text += " — *" + ui.escape_md(item["note"]) + "*"
            st.markdown(text)
        st.markdown("#### " + tr("trainings.du_heading"))
        if dus.empty:
            _empty_in_region()
        for column, (_, du) in zip(st.columns(max(len(dus), 1)), dus.iterrows()):
            with column, st.container(border=True):
                st.markdown(f"**{ui.escape_md(du['name'])}**")
                st.caption(ui.escape_md(f"{du['university']} · {du['organisation_fr']}"))
                st.markdown("\n".join("- " + ui.escape_md(m) for m in trn.du_modules(du)))
                st.markdown(tr("trainings.du_digital", value=tr("common.yes" if du["digital_module"] else "common.no")))
                if context is not None:
                    ui.bullets(_context("du_objective", du["du_id"]), tr("trainings.objectives"), source=False)
        ui.source_caption(dus)
        _french_only_note()

# --- engineers bridging drug, device and digital ---------------------------------------------------------
if tab_eng.open:
    with tab_eng:
        st.markdown("#### " + tr("trainings.eng_heading"))
        if context is not None:
            ui.bullets(_context("engineering_schools"))
        else:
            st.markdown(tr("trainings.eng_intro"))
        _region_not_applied()
        eng = ui.load("training_engineering_masters")
        for column, (_, m) in zip(st.columns(max(len(eng), 1)), eng.iterrows()):
            with column, st.container(border=True):
                st.markdown(f"**{ui.escape_md(m['name'])}**")
                st.markdown(f"**{tr('trainings.partners')}** " + ui.escape_md(", ".join(trn.course_list(m["partners"]))))
                st.markdown(f"**{tr('trainings.format')}** " + ui.escape_md(i18n.pick(m, "format", lang)))
                st.markdown(f"**{tr('trainings.courses')}**")
                st.markdown("\n".join("- " + ui.escape_md(c) for c in trn.course_list(m["example_courses"])))
                st.markdown(f"**{tr('trainings.outcomes')}** " + ui.escape_md(i18n.pick(m, "outcomes", lang)))
                if context is not None:
                    ui.bullets(_context("engineering_master_objective", m["master_id"]), tr("trainings.objectives"),
                               source=False)
        ui.source_caption(eng)

# --- gaps and recommendations ------------------------------------------------------------------------
if tab_gaps.open:
    with tab_gaps:
        # The companies' needs the training analysis starts from, each with the training it leads to.
        with ui.section():
            needs = study_context.needs(ui.load("stakeholder_needs"), lang, "company_need")
            needs = needs.assign(objective_label=[tr(f"trainings.objective.{o}") if not i18n.is_missing(o) else None
                                                  for o in needs["objective"]])
            ui.bullets(needs, needs.iloc[0]["kind_label"] if not needs.empty else None, lead="objective_label")
        st.markdown("#### " + tr("trainings.gaps_heading"))
        gaps, recommendations = (ui.load(n) for n in ("training_gaps", "recommendations"))
        for objective, g, r in trn.gaps_with_recommendations(gaps, recommendations):
            with st.container(border=True):
                st.markdown(f"##### {tr(f'trainings.objective.{objective}')}")
                left, right = st.columns(2)
                with left:
                    st.markdown(f"**{tr('trainings.gaps_found')}**")
                    for _, row in g.iterrows():
                        prefix = tr(f"trainings.gap_kind.{row['kind']}")
                        st.markdown(f"- *{prefix}* — " + ui.escape_md(i18n.pick(row, "text", lang)))
                with right:
                    st.markdown(f"**{tr('trainings.recommended')}**")
                    st.markdown("\n".join("- " + ui.escape_md(i18n.pick(row, "text", lang)) for _, row in r.iterrows())
                                or tr("trainings.none"))
        training_recos = recommendations[recommendations["group"] == "training"]
        ui.source_caption(pd.concat([gaps, training_recos]))
        ui.page_link("recommendations", tr("trainings.link_recommendations"))

with ui.notes():
    st.markdown(tr("trainings.intro"))
    st.caption(tr("common.study"))
