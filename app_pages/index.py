"""Indice de santé numérique: the Bertelsmann #SmartHealthSystems ranking, the comparison of countries on
its three sub-indices, a live re-weighting and how robust France's rank is over every weighting."""

import pandas as pd
import streamlit as st

from smt_dashboard import address, i18n, ui, ui_since, ui_views
from smt_dashboard import health_index as hx
from smt_dashboard import study_findings as sf

lang = ui.lang()
tr = ui.tr

ui.page_header("index")
SUB_LABELS = {code: tr(f"index.sub.{code}") for code in hx.SUBINDICES}
# Short URL keys of the weight sliders (also listed in navigation.PAGES).
WEIGHT_KEYS = dict(zip(hx.SUBINDICES, ("ix_w_policy", "ix_w_ready", "ix_w_use")))
WEIGHTS = {code: address.Binding(key, "int", 50, bounds=(0, 100)) for code, key in WEIGHT_KEYS.items()}
# Every part of the page reads the index: without it, the page says what is wrong and stops there.
ready = False
with ui.section():
    index = ui.load("digital_health_index")
    published = hx.published_ranking(index, lang)
    complete, excluded = hx.split_complete(index)
    france = published[published["is_france"]]
    n_all = len(published)
    names = dict(zip(published["country_code"], published["name"]))
    has_france_sub = hx.FRANCE in set(complete["country_code"])
    robust = hx.rank_over_simplex(index) if has_france_sub else None
    try:
        chart_rank, chart_n = hx.rank_in_study_chart(index)
    except KeyError:  # France (or the study's chart) is not in the data
        chart_rank = chart_n = None
    ready = True
if not ready:
    st.stop()


def _caveats(codes) -> None:
    """The data caveats of the given countries, next to where their values are used."""
    lines = ["\\* " + ui.escape_md(tr("index.caveat_line", name=name, note=note))
             for name, note in hx.caveats(index, list(codes), lang)]
    if lines:  # one element for all of them (with the 1,000× benchmark data there are thousands)
        st.caption("  \n".join(lines))


SHORT_LABELS = {code: tr(f"index.sub_short.{code}") for code in hx.SUBINDICES}


def _weights_text(w: tuple[float, float, float]) -> str:
    return hx.weights_text(w, lang)


# --- the answer: France's published rank, its rank on the study's own chart, the weighting range ----------
with ui.section():
    if not france.empty:
        # One rank first, and which list it is (the published ranking); the other readings in one sentence.
        fr = france.iloc[0]
        ui.key_message(tr("index.key_published", rank=i18n.ordinal(int(fr["rank"]), lang), n=n_all,
                          score=i18n.fmt_number(fr["index"], lang, 2)))
        left, right = st.columns([1, 3], vertical_alignment="center")
        left.metric(tr("index.metric_published"), tr("index.rank_of", rank=i18n.ordinal(int(fr["rank"]), lang), n=n_all))
        others = []
        if chart_rank is not None:
            others.append(tr("index.key_study_chart", rank=i18n.ordinal(chart_rank, lang), n=chart_n))
        if robust is not None:
            others.append(tr("index.key_range", best=i18n.ordinal(robust.min_rank, lang),
                             worst=i18n.ordinal(robust.max_rank, lang), n=robust.countries))
        right.markdown(ui.escape_md(tr("index.other_readings") + " " + " ".join(others)) if others else "")
        ui.source_caption(index)
    else:
        ui_views.key_message("index_ranking")


def _chosen_weights() -> tuple[float, float, float]:
    """The weights the sliders hold (also when their tab is closed: from the session, else the address)."""
    raw = [float(address.value(WEIGHTS[code])) for code in hx.SUBINDICES]
    try:
        return hx.normalise_weights(raw)
    except ValueError:
        return hx.EQUAL


tab_ranking, tab_compare, tab_weights, tab_robust = ui.tabs(
    "index", [tr("index.ranking_heading"),
     tr("index.compare_heading"),
     tr("index.reweight_heading"),
     tr("index.tab_robust")])

if tab_ranking.open:
    with tab_ranking:
        # --- published ranking ------------------------------------------------------------------------------------
        ui_views.show_view("index_ranking")
        _caveats(published["country_code"])
        with ui.section():  # and today: a later public figure beside the study's, badged and sourced
            ui_since.show_then_now(("index",))
        with ui.section():  # the study's reading of France's place
            lag = sf.position_items(ui.load("position_findings"), lang, "index_lag")
            with st.expander(tr("index.lag_heading"), icon=":material/trending_down:"):
                ui.bullets(lag)

if tab_compare.open:
    with tab_compare:
        # --- compare countries on the three sub-indices -------------------------------------------------------------
        default = [c for c in ("FR", "DE", "EE", "DK") if c in names]
        chosen = st.multiselect(tr("index.compare_pick"), options=list(published["country_code"]), default=default,
                                select_all=False,
                                format_func=lambda code: names.get(code, code), key="ix_countries",
                                placeholder=tr("index.compare_placeholder"))
        if not chosen:
            st.info(tr("index.compare_empty"), icon=":material/search_off:")
        else:
            long = hx.comparison_rows(index, chosen, SUB_LABELS, lang)
            missing = [ui.escape_md(names[c]) for c in chosen if c not in set(long["country_code"])]
            if long.empty:
                st.info(tr("index.compare_no_sub", names=", ".join(missing)), icon=":material/search_off:")
            else:
                ui_views.show_view("index_compare", {"countries": tuple(chosen)})
                if missing:
                    st.warning(tr("index.compare_missing", names=", ".join(missing)), icon=":material/warning:")
            _caveats(chosen)

if tab_weights.open:
    with tab_weights:
        # --- re-weighting ------------------------------------------------------------------------------------------
        st.caption(tr("index.reweight_intro"))
        if not excluded.empty:
            excluded_names = ", ".join(ui.escape_md(n) for n in hx.published_ranking(excluded, lang)["name"])
            st.warning(tr("index.excluded", names=excluded_names, n=len(complete)),
                       icon=":material/block:")
        sliders = st.columns(3)
        raw = []
        for column, code in zip(sliders, hx.SUBINDICES):
            with column:
                raw.append(address.widget(st.slider, tr("index.weight_label", subindex=SHORT_LABELS[code]),
                                          WEIGHTS[code], min_value=0, max_value=100, step=5,
                                          help=tr("index.weight_help")))
        try:
            weights = hx.normalise_weights(raw)
        except ValueError:
            st.warning(tr("index.weights_zero"), icon=":material/warning:")
            weights = hx.EQUAL
        # The weights themselves, in percent summing to 100, under the slider that sets each one.
        for column, code, share in zip(sliders, hx.SUBINDICES, hx.percent_weights(weights)):
            column.markdown(tr("index.weight_share", subindex=SHORT_LABELS[code], pct=i18n.fmt_pct(share, lang, 0)))

        if complete.empty:
            st.info(tr("index.no_subindices"), icon=":material/search_off:")
        else:
            current = hx.reweighted(index, weights, lang)
            fr_now = current[current["is_france"]]
            if not fr_now.empty:
                st.markdown(tr("index.current_rank", rank=i18n.ordinal(int(fr_now.iloc[0]["rank"]), lang), n=len(current),
                               score=i18n.fmt_number(fr_now.iloc[0]["score"], lang, 2)))
            ui_views.show_view("index_reweighted", {"weights": weights})
            _caveats(current["country_code"])
            with st.expander(tr("index.reweighted_table"), icon=":material/table:"):
                table = pd.DataFrame({
                    tr("index.col_country"): current["name"],
                    tr("index.col_score"): current["score"].map(lambda v: i18n.fmt_number(v, lang, 2)),
                    tr("index.col_rank_new", n=len(current)): current["rank"].astype(int),
                    tr("index.col_rank_published", n=n_all): current["published_rank"].astype(int),
                })
                ui_views.show_table(table, key="index_reweighted_table", source_rows=complete)

# --- robustness of France's rank -----------------------------------------------------------------------------
if tab_robust.open:
    with tab_robust:
        if robust is None:
            st.info(tr("index.no_france_sub"), icon=":material/search_off:")
        else:
            st.markdown(tr("index.robust_text", best=i18n.ordinal(robust.min_rank, lang),
                           worst=i18n.ordinal(robust.max_rank, lang),
                           n=robust.countries, grid=len(robust.grid),
                           w_best=_weights_text(robust.example_min), w_worst=_weights_text(robust.example_max)))
            dist = hx.rank_distribution(robust)
            left, right = st.columns([3, 2])
            with left:
                ui_views.show_view("index_rank_range", {"weights": _chosen_weights()})
            with right:
                dist_table = pd.DataFrame({
                    tr("index.col_rank"): dist["rank"].map(lambda r: i18n.ordinal(int(r), lang)),
                    tr("index.col_weights"): dist["weights"],
                    tr("index.col_share"): dist["share_pct"].map(lambda v: i18n.fmt_pct(v, lang, 1)),
                })
                ui_views.show_table(dist_table, key="index_rank_distribution", source_rows=complete)
                st.caption(tr("index.robust_note"))
            _caveats(complete["country_code"])

with ui.notes():
    st.markdown(tr("index.intro"))
    if chart_rank is not None:
        st.markdown(tr("index.study_chart_note", n=chart_n, total=n_all))
    st.markdown(tr("index.sub_definitions"))
    if not complete.empty:
        gaps = hx.equal_weight_gap(index)
        clean = gaps[~gaps["has_caveat"]]
        text = tr("index.equal_vs_published", max_gap=i18n.fmt_number(clean["gap"].abs().max(), lang, 2), n=len(clean))
        for _, gap in gaps[gaps["has_caveat"]].iterrows():
            name = ui.escape_md(names.get(gap["country_code"], gap["country_code"]))
            text += " " + tr("index.equal_vs_published_caveat", name=name, mean=i18n.fmt_number(gap["mean"], lang, 2),
                             published=i18n.fmt_number(gap["published"], lang, 2))
        st.markdown(text)
    st.caption(tr("common.study"))
