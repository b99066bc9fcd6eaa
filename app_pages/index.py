"""Indice de santé numérique: the Bertelsmann #SmartHealthSystems ranking, the comparison of countries on
its three sub-indices, a live re-weighting and how robust France's rank is over every weighting."""

import pandas as pd
import streamlit as st

from smt_dashboard import health_index as hx
from smt_dashboard import i18n, ui
from smt_dashboard.charts import health_index as charts

lang = ui.lang()
tr = ui.tr

ui.page_header("index", "index.intro")
ui.filter_scope(applies=())
(index,) = ui.require("digital_health_index")

SUB_LABELS = {code: tr(f"index.sub.{code}") for code in hx.SUBINDICES}
# Short URL keys of the weight sliders (also listed in navigation.PAGES).
WEIGHT_KEYS = dict(zip(hx.SUBINDICES, ("ix_w_policy", "ix_w_ready", "ix_w_use")))
published = hx.published_ranking(index, lang)
complete, excluded = hx.split_complete(index)
france = published[published["is_france"]]
n_all = len(published)


def _caveats(codes) -> None:
    """The data caveats of the given countries, next to where their values are used."""
    lines = ["\\* " + ui.escape_md(tr("index.caveat_line", name=name, note=note))
             for name, note in hx.caveats(index, list(codes), lang)]
    if lines:  # one element for all of them (with the 1,000× benchmark data there are thousands)
        st.caption("  \n".join(lines))


SHORT_LABELS = {code: tr(f"index.sub_short.{code}") for code in hx.SUBINDICES}


def _weights_text(w: tuple[float, float, float]) -> str:
    return " · ".join(f"{SHORT_LABELS[code]} {i18n.fmt_pct(100 * v, lang, 0)}" for code, v in zip(hx.SUBINDICES, w))


# --- headline: France's rank, published and recomputed ----------------------------------------------------
equal = hx.reweighted(index, hx.EQUAL, lang) if not complete.empty else None
has_france_sub = hx.FRANCE in set(complete["country_code"])
robust = hx.rank_over_simplex(index) if has_france_sub else None
cols = st.columns(4)
if not france.empty:
    fr = france.iloc[0]
    cols[0].metric(tr("index.metric_published"), tr("index.rank_of", rank=i18n.ordinal(int(fr["rank"]), lang), n=n_all))
    cols[0].caption(tr("index.metric_published_detail", score=i18n.fmt_number(fr["index"], lang, 2)))
if equal is not None and has_france_sub:
    fr_eq = equal[equal["is_france"]].iloc[0]
    cols[1].metric(tr("index.metric_equal"), tr("index.rank_of", rank=i18n.ordinal(int(fr_eq["rank"]), lang), n=len(equal)))
    cols[1].caption(tr("index.metric_equal_detail", n=len(equal)))
if robust is not None:
    cols[2].metric(tr("index.metric_range"), tr("index.range_value", best=i18n.ordinal(robust.min_rank, lang),
                                                worst=i18n.ordinal(robust.max_rank, lang)))
    cols[2].caption(tr("index.metric_range_detail", n=len(robust.grid)))
    dist = hx.rank_distribution(robust)
    modal = dist.sort_values(["weights", "rank"], ascending=[False, True]).iloc[0]
    cols[3].metric(tr("index.metric_modal"), i18n.ordinal(int(modal["rank"]), lang))
    cols[3].caption(tr("index.metric_modal_detail", share=i18n.fmt_pct(modal["share_pct"], lang, 0)))
ui.source_caption(index)

# --- published ranking ------------------------------------------------------------------------------------
st.subheader(tr("index.ranking_heading"))
ui.show_view("index_ranking", data=published[["label", "name", "index", "rank", "is_france"]])
_caveats(published["country_code"])

# --- compare countries on the three sub-indices -------------------------------------------------------------
st.subheader(tr("index.compare_heading"))
names = dict(zip(published["country_code"], published["name"]))
default = [c for c in ("FR", "DE", "EE", "DK") if c in names]
chosen = st.multiselect(tr("index.compare_pick"), options=list(published["country_code"]), default=default,
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
        ui.show_chart(charts.comparison_chart(long, lang), data=long, key="index_compare",
                      source_rows=index[index["country_code"].isin(chosen)])
        if missing:
            st.warning(tr("index.compare_missing", names=", ".join(missing)), icon=":material/warning:")
    _caveats(chosen)
st.caption(tr("index.sub_definitions"))

# --- re-weighting ------------------------------------------------------------------------------------------
st.subheader(tr("index.reweight_heading"))
st.markdown(tr("index.reweight_intro"))
if not excluded.empty:
    excluded_names = ", ".join(ui.escape_md(n) for n in hx.published_ranking(excluded, lang)["name"])
    st.warning(tr("index.excluded", names=excluded_names, n=len(complete)),
               icon=":material/block:")
sliders = st.columns(3)
raw = []
for column, code in zip(sliders, hx.SUBINDICES):
    with column:
        raw.append(st.slider(tr("index.weight_label", subindex=SHORT_LABELS[code]), min_value=0, max_value=100,
                             value=50, step=5, key=WEIGHT_KEYS[code], bind="query-params"))
try:
    weights = hx.normalise_weights(raw)
except ValueError:
    st.warning(tr("index.weights_zero"), icon=":material/warning:")
    weights = hx.EQUAL
st.caption(tr("index.weights_effective", weights=_weights_text(weights)))

if complete.empty:
    st.info(tr("index.no_subindices"), icon=":material/search_off:")
else:
    current = hx.reweighted(index, weights, lang)
    fr_now = current[current["is_france"]]
    if not fr_now.empty:
        st.markdown(tr("index.current_rank", rank=i18n.ordinal(int(fr_now.iloc[0]["rank"]), lang), n=len(current),
                       score=i18n.fmt_number(fr_now.iloc[0]["score"], lang, 2)))
    gaps = hx.equal_weight_gap(index)
    clean = gaps[~gaps["has_caveat"]]
    text = tr("index.equal_vs_published", max_gap=i18n.fmt_number(clean["gap"].abs().max(), lang, 2), n=len(clean))
    for _, gap in gaps[gaps["has_caveat"]].iterrows():
        name = ui.escape_md(names.get(gap["country_code"], gap["country_code"]))
        text += " " + tr("index.equal_vs_published_caveat", name=name,
                         mean=i18n.fmt_number(gap["mean"], lang, 2), published=i18n.fmt_number(gap["published"], lang, 2))
    st.info(text, icon=":material/info:")
    ui.show_chart(charts.reweighted_chart(current, _weights_text(weights), lang),
                  data=current[["label", "name", "score", "rank", "published_rank", "is_france"]],
                  key="index_reweighted", source_rows=complete)
    _caveats(current["country_code"])
    with st.expander(tr("index.reweighted_table"), icon=":material/table:"):
        table = pd.DataFrame({
            tr("index.col_country"): current["name"],
            tr("index.col_score"): current["score"].map(lambda v: i18n.fmt_number(v, lang, 2)),
            tr("index.col_rank_new", n=len(current)): current["rank"].astype(int),
            tr("index.col_rank_published", n=n_all): current["published_rank"].astype(int),
        })
        ui.show_table(table, key="index_reweighted_table", source_rows=complete)

# --- robustness of France's rank -----------------------------------------------------------------------------
st.subheader(tr("index.robust_heading", rank=i18n.ordinal(int(france.iloc[0]["rank"]), lang) if not france.empty else "–"))
if robust is None:
    st.info(tr("index.no_france_sub"), icon=":material/search_off:")
else:
    st.markdown(tr("index.robust_text", best=i18n.ordinal(robust.min_rank, lang), worst=i18n.ordinal(robust.max_rank, lang),
                   n=robust.countries, grid=len(robust.grid),
                   w_best=_weights_text(robust.example_min), w_worst=_weights_text(robust.example_max)))
    left, right = st.columns([3, 2])
    with left:
        ui.show_chart(charts.simplex_chart(robust.grid, weights, lang),
                      data=robust.grid[["policy_pct", "readiness_pct", "use_pct", "rank"]], key="index_simplex",
                      source_rows=complete)
    with right:
        dist_table = pd.DataFrame({
            tr("index.col_rank"): dist["rank"].map(lambda r: i18n.ordinal(int(r), lang)),
            tr("index.col_weights"): dist["weights"],
            tr("index.col_share"): dist["share_pct"].map(lambda v: i18n.fmt_pct(v, lang, 1)),
        })
        ui.show_table(dist_table, key="index_rank_distribution", source_rows=complete)
        st.caption(tr("index.robust_note"))
    _caveats(complete["country_code"])
st.caption(tr("common.study"))
