"""Profils région / aire: for the region or therapy area chosen (sidebar, map click, catalogue link or the
pickers here), everything the datasets say about it, each figure beside France's, exportable as a slide."""

import streamlit as st

from smt_dashboard import deck, ecosystem, i18n, profiles, state, ui, ui_since, ui_views, views
from smt_dashboard import developments as dv

REGION_PICK = "profile_region"
AREA_PICK = "profile_area"

lang = ui.lang()
view = ui.filter_state()
tr = ui.tr
options, _ = ui.filter_options()

ui.page_header("profile")


def _pick_region() -> None:
    code = st.session_state.get(REGION_PICK)
    state.set_regions([code] if code else [])


def _pick_area() -> None:
    code = st.session_state.get(AREA_PICK)
    state.set_areas([code] if code else [])


# The pickers show the global filters (one owner: the state module); several values leave them empty.
st.session_state[REGION_PICK] = view.regions[0] if len(view.regions) == 1 else None
st.session_state[AREA_PICK] = view.areas[0] if len(view.areas) == 1 else None
left, right, _ = st.columns([2, 2, 3])
with left:
    st.selectbox(tr("profile.pick_region"), options=list(options.regions), key=REGION_PICK, on_change=_pick_region,
                 format_func=lambda code: options.regions.get(code, code), placeholder=tr("profile.pick_none"))
with right:
    st.selectbox(tr("profile.pick_area"), options=list(options.areas), key=AREA_PICK, on_change=_pick_area,
                 format_func=lambda code: i18n.label("area", code, lang), placeholder=tr("profile.pick_none"))

if not profiles.is_profiled(view):
    st.info(tr("profile.choose"), icon=":material/location_on:")
    with ui.notes():
        st.markdown(tr("profile.intro"))
    st.stop()

# The profile reads every dataset it summarises: without one, the page names the file and stops there.
profile = None
with ui.section():
    frames = {name: ui.load(name) for name in profiles.DATASETS}
    profile = profiles.build(frames, view, options, lang)
if profile is None:
    st.stop()

st.header(tr("profile.title", scope=ui.escape_md(profile.title)))
ui.key_message(profile.takeaway)

for section in profiles.SECTIONS:
    if section in profile.not_applicable:
        continue
    lines = profile.section(section)
    if not lines:
        continue
    st.subheader(tr(f"profile.section.{section}"))
    # Three figures a row: longer labels are cut on a laptop screen beyond that.
    for start in range(0, len(lines), 3):
        for column, line in zip(st.columns(3), lines[start:start + 3]):
            with column:
                st.metric(line.label, line.value)
                st.caption(i18n.t("metrics.scope_filtered", lang, value=line.national))
    # What the filters could not judge, once per section (the companies and their staff lack the same values).
    for key in dict.fromkeys((line.unjudged, line.unjudged_by, line.noun(lang)) for line in lines if line.unjudged):
        ui.unjudged_caption(*key)
    if section == "companies":
        rows = profile.companies
        if not rows.empty:  # with none, the answer above already says so, with where
            partners = profiles.partners(rows)
            st.markdown(tr("profile.partners_list", partners=ui.escape_md(", ".join(partners))) if partners
                        else tr("profile.no_partner"))
            ui_views.show_table(ecosystem.company_table(rows, frames["company_products"], lang), key="profile_companies",
                                title=tr("profile.companies_heading"), shown=ecosystem.company_table_shown(lang))
            ui.company_links(rows, "profile")
    ui.source_caption(views.source_rows(*(line.rows for line in lines)))

# What has happened since the study in this region / area (kept apart from the study's figures above).
with ui.section():
    judged = dv.select(dv.prepare(ui.load("developments"), frames["companies"], lang), view)
    label = ui.trp("map.since_events", len(judged.rows), n=i18n.fmt_number(len(judged.rows), lang))
    with st.expander(label, icon=":material/update:"):
        ui_since.show_developments(judged.rows.iloc[::-1], empty=tr("since.empty"))
        if judged.n_unjudged:
            st.caption(ui.trp("since.profile_note", judged.n_unjudged, n=i18n.fmt_number(judged.n_unjudged, lang)))
        ui.page_link("since")

if profile.not_applicable:
    st.markdown("\n".join("- " + tr(f"profile.not_applicable.{s}") for s in profile.not_applicable))

# --- the profile as one table, and as a slide -------------------------------------------------------------
table = profiles.lines_table(profile, lang)
with st.expander(tr("common.show_data"), icon=":material/table:"):
    ui_views.show_table(table, key="profile_lines", source_rows=profiles.source_rows(profile),
                  title=tr("profile.title", scope=profile.title))

profile_view = views.VIEWS_BY_KEY["profile"]
app_url = st.context.url


def _deck() -> bytes:
    """Built when the button is clicked: title slide, the profile slide, the sources slide."""
    built = ui_views.built_view(profile_view, view)
    title = tr("profile.title", scope=profile.title)
    return deck.build_deck([(profile_view, built)], title=title, state=view, options=options,
                           sources=ui.load("sources"), lang=lang, app_url=app_url)


st.download_button(tr("profile.export"), data=_deck, file_name=deck.file_name(tr("profile.title", scope=profile.title)),
                   mime=deck.MIME, on_click="ignore", icon=":material/slideshow:", help=tr("profile.export_help"),
                   key="profile_download")

with ui.notes():
    st.markdown(tr("profile.intro"))
    st.caption(tr("common.study"))
