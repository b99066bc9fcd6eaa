"""À propos de l'étude: who commissioned the study and why, its objectives, how it was done (secondary research,
13 expert interviews, a working session), how the SMT were searched for, and the drug makers screened."""

import streamlit as st

from smt_dashboard import i18n, study, ui
from smt_dashboard import study_findings as sf

lang = ui.lang()
tr = ui.tr

ui.page_header("about")
# Every part of the page reads the study's method: without it, the page names the file and stops there.
method = None
with ui.section():
    method = ui.load("study_method")
    screened = study.screened_companies(method)
    objectives = study.method_items(method, lang, "objective")
    ui.key_message(tr("about.key", experts=i18n.fmt_number(study.experts_interviewed(method), lang),
                      screened=i18n.fmt_number(len(screened), lang), objectives=i18n.fmt_number(len(objectives), lang)))
if method is None:
    st.stop()

tab_context, tab_definition, tab_method, tab_search, tab_screened = ui.tabs(
    "about", [tr("about.tab.context"),
     tr("about.tab.definition"),
     tr("about.tab.method"),
     tr("about.tab.search"),
     tr("about.tab.screened")])

if tab_context.open:
    with tab_context:
        ui.bullets(study.method_items(method, lang, "edec_context"), tr("about.edec"), source=False)
        left, right = st.columns(2)
        with left:
            ui.bullets(study.method_items(method, lang, "edec_axis"), tr("about.edec_axes"), source=False)
        with right:
            ui.bullets(objectives, tr("about.objectives"), source=False)
        # Each axis by name, with what the study says it looks at.
        axes = study.method_items(method, lang, "analysis_axis")
        details = study.method_items(method, lang, "analysis_axis_detail")
        axes = axes.assign(detail=axes["item_id"].map(dict(zip(details["parent_id"], details["text"]))))
        ui.bullets(axes, tr("about.analysis_axes"), field="detail", lead="text")

# --- the definition of an SMT: its components, what each does in the illustration, the name still being adopted ------
if tab_definition.open:
    with tab_definition:
        definition = ui.load("smt_definition")
        for text in sf.definition_items(definition, lang, "definition")["text"]:
            st.markdown("**" + ui.escape_md(text) + "**")
        ui.bullets(sf.definition_items(definition, lang, "component_detail"), tr("about.definition_details"), source=False)
        ui.bullets(sf.definition_items(definition, lang, "value_scope"), source=False)
        for text in sf.definition_items(definition, lang, "naming")["text"]:
            st.caption(ui.escape_md(text))
        st.markdown("**" + ui.escape_md(tr("about.illustration")) + "**")
        for text in sf.definition_items(definition, lang, "association")["text"]:
            st.markdown(ui.escape_md(text))
        roles = sf.component_roles(definition, lang)
        for column, (component, does) in zip(st.columns(len(roles) or 1), roles):
            with column, st.container(border=True, height="stretch"):
                st.markdown(f"**{ui.escape_md(component)}**")
                st.markdown("\n".join("- " + ui.escape_md(d) for d in does))
        ui.source_caption(definition)

if tab_method.open:
    with tab_method:
        approaches = study.method_items(method, lang, "approach")
        for column, (_, approach) in zip(st.columns(len(approaches) or 1), approaches.iterrows()):
            with column, st.container(border=True, height="stretch"):
                st.markdown(f"**{ui.escape_md(approach['text'])}**")
                ui.bullets(study.method_items(method, lang, "approach_task", approach["item_id"]), source=False)
        for note in study.method_items(method, lang, "interview_note")["text"]:
            st.caption(ui.escape_md(note))
        ui.source_caption(approaches)

if tab_search.open:
    with tab_search:
        results = study.method_items(method, lang, "search_result")
        ui.bullets(results, tr("about.search_results"), source=False)
        left, right = st.columns(2)
        with left:
            ui.bullets(study.method_items(method, lang, "search_approach"), tr("about.search_approaches"), source=False)
            keywords = study.method_items(method, lang, "keyword")
            st.markdown(f"**{tr('about.keywords')}** " + ui.escape_md(", ".join(keywords["text"])))
        with right:
            ui.bullets(study.method_items(method, lang, "reference_source"), tr("about.references"), source=False)
        ui.source_caption(results)

if tab_screened.open:
    with tab_screened:
        st.markdown(ui.trp("about.screened_intro", len(screened), n=i18n.fmt_number(len(screened), lang)))
        st.markdown(ui.escape_md(" · ".join(screened)))
        ui.source_caption(method[method["kind"] == "screened_company"])

with ui.notes():
    st.markdown(tr("about.notes"))
    st.caption(tr("common.study"))
