"""Views of the ecosystem: the map and the companies, the region / area profile, the SMT catalogue and the
funding of the French companies."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from smt_dashboard import catalogue as cat
from smt_dashboard import ecosystem, filters, i18n, metrics, policy, profiles
from smt_dashboard import funding as fd
from smt_dashboard.chart_model import ChartModel, panel_from
from smt_dashboard.charts import catalogue as catalogue_charts
from smt_dashboard.charts import ecosystem as eco_charts
from smt_dashboard.charts import funding as funding_charts
from smt_dashboard.charts.common import PALETTE
from smt_dashboard.datasets import region_names
from smt_dashboard.filters import FilterState
from smt_dashboard.schemas import ROUND_TYPES
from smt_dashboard.views.core import (
    REGIONS,
    Built,
    Frames,
    MapImage,
    Params,
    chart,
    compact,
    crossed,
    empty,
    modelled,
    n,
    nothing,
    source_rows,
    t,
)

MAP_PARAMS = (("metric", "companies"),)


def map_image(geo: dict, rows: pd.DataFrame, products: pd.DataFrame, metric: str, selected: tuple[str, ...],
              national: bool = False, centre: tuple[float, float] | None = None) -> MapImage:
    """A map of ``rows`` with its legend's range (the same map on the page, the slide and in the deck)."""
    summary = ecosystem.region_summary(rows, region_names(geo))
    located = rows.dropna(subset=["lat", "lon"])
    staff = (int(located["employees"].min()), int(located["employees"].max())) if not located.empty else (None, None)
    top = int(summary[metric].max()) if not summary.empty else 0
    return MapImage(geo, rows, products[products["company_id"].isin(rows["company_id"])], tuple(selected), metric,
                    (metric, top, *staff), national, centre)


def ecosystem_map(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """The map of the companies in France and the leading region. A region without companies (Occitanie) keeps the
    national map, that region outlined, on the page, the slide and in the deck alike."""
    geo = frames[REGIONS]
    rows = ecosystem.france_view(frames["companies"], state)
    products = frames["company_products"]
    summary = ecosystem.region_summary(rows, region_names(geo))
    national = rows.empty and bool(state.regions)
    drawn = ecosystem.france_view(frames["companies"], replace(state, regions=())) if national else rows
    image = map_image(geo, drawn, products, p["metric"], state.regions, national)
    title = t("title.map", lang)
    if rows.empty:
        takeaway = nothing("companies", frames, state, lang)
    else:
        top = summary.sort_values(["companies", "employees"], ascending=False).iloc[0]
        figs = {key: metrics.figure(key, frames, state) for key in ("companies", "french_companies", "subsidiaries")}
        takeaway = t("take.map", lang, n=figs["companies"].display(lang), french=figs["french_companies"].display(lang),
                     foreign=figs["subsidiaries"].display(lang), regions=n(int((summary["companies"] > 0).sum()), lang),
                     top=top["region_name"], k=n(top["companies"], lang))
    rows_behind = rows if not rows.empty else filters.france_companies(frames["companies"])
    return Built(title, "map", image, takeaway, rows_behind, extra_source_ids=("datafrance",))


def companies_by_model(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """Companies per product model and nationality, and the most common model."""
    rows = ecosystem.france_view(frames["companies"], state)
    title = i18n.t("map.chart.models.title", lang)
    if rows.empty:
        return empty(title, filters.france_companies(frames["companies"]), lang, nothing("companies", frames, state, lang))
    models = ecosystem.model_breakdown(rows, lang)
    per_model = models.groupby("model_label", sort=False)["companies"].sum()
    takeaway = t("take.models", lang, model=per_model.idxmax(), n=n(per_model.max(), lang), total=n(len(rows), lang))
    data = models[["model_label", "nationality_label", "companies"]]
    if len(models) == 1:
        one = models.iloc[0]
        return compact(title, one["model_label"], n(one["companies"], lang), one["nationality_label"], takeaway, rows, data)
    scopes = [c for c in eco_charts.NATIONALITY_ORDER if c in set(models["scope"])]
    names = [i18n.label("nationality", c, lang) for c in scopes]
    # Most frequent type first (ties in the study's order); French companies first in each bar.
    order = (models.groupby(["model_order", "model_label"], as_index=False)["companies"].sum()
             .sort_values(["companies", "model_order"], ascending=[False, True])["model_label"].tolist())
    model = ChartModel("bar", (panel_from(models, "model_label", "companies", series="nationality_label",
                                          series_order=names, categories=order,
                                          colors={nm: eco_charts.NATIONALITY_COLORS[c] for nm, c in zip(names, scopes)}),),
                       i18n.t("map.chart.models.title", lang), i18n.t("map.chart.models.subtitle", lang),
                       i18n.t("map.chart.companies_axis", lang), stacked=True, totals=True)
    return modelled(model, takeaway, rows, lang, data)


def us_comparison(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """Company sizes in France against the study's US companies (the map page's comparison)."""
    companies = frames["companies"]
    rows, us_rows = ecosystem.france_view(companies, state), ecosystem.us_view(companies, state)
    sizes = ecosystem.size_band_comparison(rows, us_rows, lang)
    if sizes.empty or rows.empty:
        return empty(i18n.t("map.chart.sizes.title", lang), companies, lang, nothing("companies", frames, state, lang))
    french = ecosystem.size_range(rows[rows["scope"] == "french"])
    if french.n:
        takeaway = i18n.t("map.us.observation", lang, smallest=n(french.smallest, lang), largest=n(french.largest, lang),
                          n=n(french.n, lang), larger=n(ecosystem.count_larger_than(us_rows, french.largest), lang),
                          us=n(len(us_rows), lang))
    else:
        takeaway = i18n.t("map.us.observation_no_french", lang)
    groups = [g for g in eco_charts.GROUP_COLORS if g in set(sizes["group"])]
    names = [i18n.t(f"map.group.{g}", lang) for g in groups]
    model = ChartModel("column", (panel_from(sizes.sort_values("band_order", kind="stable"), "band_label", "companies",
                                             series="group_label", series_order=names,
                                             colors={nm: eco_charts.GROUP_COLORS[g] for nm, g in zip(names, groups)}),),
                       i18n.t("map.chart.sizes.title", lang), i18n.t("map.chart.sizes.subtitle", lang),
                       i18n.t("map.chart.companies_axis", lang), i18n.t("map.chart.sizes.x", lang),
                       value_max=float(sizes["companies"].max()) + 1, size={"height": 440})
    return modelled(model, takeaway, pd.concat([us_rows, rows]), lang, sizes[["group_label", "band_label", "companies"]])


def profile(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """The region / therapy-area profile as a table: each figure beside France's."""
    title = i18n.t("nav.profile", lang)
    if not profiles.is_profiled(state):
        return Built(title, "empty", None, i18n.t("profile.choose", lang), source_rows(frames["companies"]))
    options = filters.FilterOptions(regions=region_names(frames[REGIONS]))
    built = profiles.build(frames, state, options, lang)
    return Built(i18n.t("profile.title", lang, scope=built.title), "table", profiles.lines_table(built, lang),
                 built.takeaway, profiles.source_rows(built))


def catalogue_heatmap(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """The SMT by category × therapy area (therapy-area filter applied), leading category and area."""
    catalogue = frames["smt_catalogue"]
    rows = cat.filtered_catalogue(catalogue, state)
    grand_total = int(catalogue["smt_count"].sum())
    if rows.empty:
        return empty(i18n.t("catalogue.heatmap_title", lang, n=0), catalogue, lang,
                     nothing("smt", frames, state, lang, ("areas",)))
    totals = cat.category_totals(rows, grand_total)
    total = int(totals["smt_count"].sum())
    cells = cat.heatmap_cells(rows, lang, grand_total)
    content = catalogue_charts.heatmap(
        cells, i18n.t("catalogue.heatmap_title", lang, n=n(total, lang)),
        i18n.t("catalogue.heatmap_subtitle", lang, total=n(grand_total, lang)), i18n.t("catalogue.axis_category", lang),
        i18n.t("catalogue.axis_area", lang), i18n.t("catalogue.axis_count", lang))
    top_category = totals.sort_values("smt_count", ascending=False, kind="stable").iloc[0]
    top_area = cat.area_totals(rows, grand_total).iloc[0]
    takeaway = t("take.catalogue", lang, n=n(total, lang), category=i18n.label("category", top_category["category"], lang),
                 k=n(top_category["smt_count"], lang), area=i18n.label("area", top_area["therapy_area"], lang),
                 a=n(top_area["smt_count"], lang), share=cat.pct_whole(top_area["share_pct"], lang))
    table = cat.heatmap_table(cells, lang)
    category, area, count = table.columns
    return replace(chart(content, takeaway, rows, table), table=crossed(table, area, category, count))


def approvals(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """CE marking and FDA approval of the available SMT, per category."""
    table = frames["smt_approvals"]
    totals = cat.approval_totals(table)
    long = cat.approvals_long(table, lang)
    authorities = list(dict.fromkeys(long["authority_label"]))
    colors = dict(zip(long["authority_label"], (catalogue_charts.AUTHORITY_COLORS[a] for a in long["authority"])))
    # Each bar says what it counts ("CE : 2 / 5 (40 %)"), on the page and in the deck alike.
    model = ChartModel("bar", (panel_from(long, "category_label", "share_pct", series="authority_label",
                                          series_order=authorities, colors=colors, label="bar_label"),),
                       i18n.t("catalogue.approvals_title", lang, n=n(totals["available"], lang)),
                       i18n.t("catalogue.approvals_subtitle", lang), i18n.t("catalogue.axis_share", lang),
                       legend_title=i18n.t("catalogue.authority_legend", lang), percent=True, value_max=130,
                       size={"step": 34})
    takeaway = t("take.approvals", lang, n=n(totals["available"], lang), ce=n(totals["ce_marked"], lang),
                 ce_pct=cat.pct_whole(totals["ce_pct"], lang), fda=n(totals["fda_approved"], lang),
                 fda_pct=cat.pct_whole(totals["fda_pct"], lang))
    return modelled(model, takeaway, table, lang, cat.approvals_table(long, lang))


def reimbursement(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """French reimbursement status of the available SMT."""
    table = frames["smt_reimbursement"]
    total = int(table["smt_count"].sum())
    status_rows = cat.reimbursement_rows(table, lang)
    axis = i18n.t("catalogue.axis_count", lang)
    model = ChartModel("bar", (panel_from(status_rows, "status_label", "smt_count", name=axis, colors=PALETTE[0],
                                          label="label"),),
                       i18n.t("catalogue.reimbursement_title", lang, n=n(total, lang)),
                       i18n.t("catalogue.reimbursement_subtitle", lang), axis,
                       value_max=float(status_rows["smt_count"].max()) * 1.25, size={"step": 40})
    k = cat.financed_or_in_progress(table)
    takeaway = t("take.reimbursement", lang, n=n(k, lang), total=n(total, lang),
                 share=cat.pct_whole(100 * k / total if total else None, lang))
    return modelled(model, takeaway, table, lang, cat.reimbursement_table(status_rows, lang))


def dtx_areas(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """Digital therapeutics with a drug-maker partner, per therapy area (therapy-area filter applied)."""
    rows = cat.dtx_areas(frames["digital_therapeutics_areas"], state, lang)
    title = i18n.t("catalogue.dtx_areas_title", lang)
    if rows.empty:
        return empty(title, frames["digital_therapeutics_areas"], lang, nothing("dtx", frames, state, lang, ("areas",)))
    axis = i18n.t("catalogue.axis_dtx", lang)
    model = ChartModel("bar", (panel_from(rows, "area_label", "dtx_count", name=axis, colors=PALETTE[3]),), title,
                       i18n.t("catalogue.dtx_areas_subtitle", lang), axis, value_max=float(rows["dtx_count"].max()) + 1)
    top = rows.sort_values("dtx_count", ascending=False, kind="stable").iloc[0]
    takeaway = t("take.dtx_areas", lang, n=n(rows["dtx_count"].sum(), lang), area=i18n.label("area", top["therapy_area"], lang),
                 k=n(top["dtx_count"], lang))
    if len(rows) == 1:
        return compact(title, i18n.label("area", top["therapy_area"], lang), n(top["dtx_count"], lang),
                       i18n.pick(top, "note", lang) or "", takeaway, rows, cat.dtx_areas_table(rows, lang))
    return modelled(model, takeaway, rows, lang, cat.dtx_areas_table(rows, lang))


# --- funding: the page's selection (companies, types, period) is each view's parameters ------------------------

FUNDING_PARAMS = (("companies", ()), ("types", ()), ("period", None))


def _selected(frames: Frames, state: FilterState, p: Params) -> pd.DataFrame:
    return fd.select(frames["funding_rounds"], frames["companies"], state, tuple(p["companies"]), tuple(p["types"]),
                     p["period"])


def _no_rounds(frames: Frames, state: FilterState, p: Params, lang: str) -> str:
    """Why no operation is left: the global filters (named), or the page's own choices."""
    if p["companies"] or p["types"] or p["period"]:
        return i18n.t("funding.empty", lang)
    return nothing("rounds", frames, state, lang)


def funding_totals(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """Funding of the French SMT companies by type of operation, as a table."""
    rounds = _selected(frames, state, p)
    title = t("title.funding_totals", lang)
    if rounds.empty:
        return empty(title, frames["funding_rounds"], lang, _no_rounds(frames, state, p, lang))
    totals = fd.totals_by_type(rounds)
    raised = totals[totals["round_type"] == "fundraising"]
    if raised.empty:
        takeaway = t("take.funding_no_raise", lang, n=n(len(rounds), lang))
    else:
        r = raised.iloc[0]
        takeaway = t("take.funding_totals", lang, total=i18n.fmt_meur(r["total_meur"], lang), n=n(r["rounds"], lang),
                     nc=n(r["undisclosed"], lang))
        check = fd.published_check(rounds, frames["funding_context"])
        unselected = not (p["companies"] or p["types"] or p["period"])
        if not state.is_filtered and unselected and check.published_meur is not None:
            takeaway += " " + t("take.funding_published", lang, published=i18n.fmt_meur(check.published_meur, lang))
    return Built(title, "table", fd.totals_table(totals, lang), takeaway, rounds)


def funding_timeline(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """Every dated funding operation, one lane per company, and the largest one."""
    dated, _ = fd.split_dated(_selected(frames, state, p))
    if dated.empty:
        return empty(i18n.t("funding.timeline_title", lang), frames["funding_rounds"], lang,
                     _no_rounds(frames, state, p, lang))
    marks, aggregated = fd.timeline_data(dated, lang)
    known = dated.dropna(subset=["amount_meur"]).sort_values("amount_meur", ascending=False)
    span = {"n": n(len(dated), lang), "first": int(dated["year"].min()), "last": int(dated["year"].max())}
    if known.empty:
        takeaway = t("take.funding_timeline_nc", lang, **span)
    else:
        top = known.iloc[0]
        takeaway = t("take.funding_timeline", lang, company=top["company"], amount=i18n.fmt_meur(top["amount_meur"], lang),
                     date=policy.format_partial_date(top["date"], lang),
                     type=i18n.label("round", top["round_type"], lang).lower(), **span)
    return chart(funding_charts.timeline_chart(marks, lang, aggregated), takeaway, dated, marks)


def funding_timeline_projection(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """The funding timeline for a projector: operations per year by type (the list of operations in the notes and
    the export), not one mark per operation on a lane per company."""
    built = funding_timeline(frames, state, lang, p)
    if built.kind != "chart":
        return built
    dated, _ = fd.split_dated(_selected(frames, state, p))
    yearly = fd.yearly_totals(dated, lang)
    title = i18n.t("funding.timeline_projection_title", lang, start=int(yearly["year"].min()),
                   end=int(yearly["year"].max()))
    model = _yearly_model(yearly, "rounds", title, "", i18n.t("funding.col_rounds", lang), lang, decimals=0)
    return replace(modelled(model, built.takeaway, built.rows, lang, fd.rounds_table(dated, lang)),
                   caveats=built.caveats)


def funding_yearly(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """Disclosed amounts per year and type, and the year that raised the most."""
    dated, _ = fd.split_dated(_selected(frames, state, p))
    title = i18n.t("funding.yearly_title", lang)
    if dated.empty:
        return empty(title, frames["funding_rounds"], lang, _no_rounds(frames, state, p, lang))
    yearly = fd.yearly_totals(dated, lang)
    per_year = yearly.groupby("year")["total_meur"].sum(min_count=1).dropna()
    if dated["year"].nunique() == 1:  # one year: its amount, not a single column on an empty axis
        year = int(dated["year"].iloc[0])
        amount = i18n.fmt_meur(per_year.sum(), lang) if not per_year.empty else i18n.not_disclosed(lang)
        takeaway = t("take.funding_one_year", lang, year=year, amount=amount, n=n(len(dated), lang))
        return compact(title, str(year), amount, takeaway, takeaway, dated, yearly)
    if per_year.empty:
        takeaway = t("take.funding_timeline_nc", lang, n=n(len(dated), lang), first=int(dated["year"].min()),
                     last=int(dated["year"].max()))
    else:
        takeaway = t("take.funding_yearly", lang, year=int(per_year.idxmax()), amount=i18n.fmt_meur(per_year.max(), lang),
                     total=i18n.fmt_meur(per_year.sum(), lang))
    # Every year of the span, those without a disclosed amount included; an undisclosed round is written above its
    # year ("+1 n.c."): it adds to the count, not to the bar.
    model = _yearly_model(yearly, "total_meur", title, i18n.t("funding.yearly_subtitle", lang),
                          i18n.t("funding.axis_amount", lang), lang, decimals=1, notes=True)
    return modelled(model, takeaway, dated, lang, yearly)


def _yearly_model(yearly: pd.DataFrame, value: str, title: str, subtitle: str, value_title: str, lang: str,
                  decimals: int, notes: bool = False) -> ChartModel:
    """Columns per year stacked by round type (the legend lists the types present), the year's total above."""
    years = [str(y) for y in range(int(yearly["year"].min()), int(yearly["year"].max()) + 1)]
    # The legend lists the types that have a value to draw.
    present = [code for code in ROUND_TYPES if code in set(yearly.loc[yearly[value].notna(), "round_type"])]
    names = [i18n.label("round", code, lang) for code in present]
    colors = {i18n.label("round", code, lang): PALETTE[i % len(PALETTE)] for i, code in enumerate(ROUND_TYPES)}
    rows = yearly.assign(year=yearly["year"].astype(str))
    if notes:
        undisclosed = rows.groupby("year")["undisclosed"].sum()
        rows = rows.assign(note=[i18n.t("funding.nc_more", lang, n=int(undisclosed[y])) if undisclosed[y] else ""
                                 for y in rows["year"]])
    panel = panel_from(rows, "year", value, series="type_label", series_order=names, colors=colors, categories=years,
                       note="note" if notes else None)
    top = max((t for t in ChartModel("column", (panel,), stacked=True).stack_totals(panel) if t is not None), default=1.0)
    return ChartModel("column", (panel,), title, subtitle, value_title, i18n.t("funding.axis_year", lang),
                      legend_title=i18n.t("funding.legend_type", lang), stacked=True, totals=True, decimals=decimals,
                      value_max=top * 1.3, size={"height": 460})


def funding_investors(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """Investors seen in more than one operation (bars); the others are named in the takeaway."""
    selected = _selected(frames, state, p)
    title = i18n.t("funding.investors_title", lang)
    counts = fd.investor_counts(selected) if not selected.empty else pd.DataFrame()
    if counts.empty:
        return empty(title, frames["funding_rounds"], lang, i18n.t("funding.no_investors", lang))
    named = selected[selected["investors"].notna()]
    # A bar of 1 for each investor seen once would say nothing that their list does not.
    repeat = counts[counts["rounds"] > 1].head(30)
    if repeat.empty:
        return empty(title, named, lang, i18n.t("funding.investors_none_repeat", lang))
    top = repeat.iloc[0]
    takeaway = t("take.funding_investors", lang, investor=top["investor"], k=n(top["rounds"], lang),
                 repeat=n(len(repeat), lang), total=n(len(counts), lang))
    axis = i18n.t("funding.axis_rounds", lang)
    # The companies each investor funded, written beside its bar (a reader's first question).
    model = ChartModel("bar", (panel_from(repeat.assign(names_label=[f"{r} · {c}" for r, c in zip(
        repeat["rounds"], repeat["company_names"])]), "investor", "rounds", name=axis, colors=PALETTE[0],
        label="names_label"),), i18n.t("funding.investors_title", lang),
        i18n.t("funding.investors_subtitle", lang, shown=len(repeat), total=len(counts)), axis,
        value_max=float(repeat["rounds"].max()) * 1.8, size={"step": 22})
    return modelled(model, takeaway, named, lang, repeat)


# --- one company ----------------------------------------------------------------------------------------------

COMPANY_PARAMS = (("company", ""),)


def company_sheet(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """One company's identity sheet (the global filters do not act on it: the page names the company)."""
    from smt_dashboard import company as co

    if not p["company"]:
        return empty(t("title.company_sheet", lang), frames["companies"], lang, t("take.company_none", lang))
    sheet = co.sheet(frames, p["company"], lang)
    names = {"label": i18n.t("company.col.label", lang), "value": i18n.t("company.col.value", lang)}
    table = sheet.facts.rename(columns=names)
    return Built(i18n.t("company.sheet_title", lang, name=sheet.name), "table", table, sheet.takeaway, sheet.rows,
                 subtitle=sheet.description or "")


def company_map(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """Where one company is: its point on the map, its region outlined, centred on it."""
    from smt_dashboard import company as co

    title = i18n.t("company.locator", lang)
    if not p["company"]:
        return empty(title, frames["companies"], lang, t("take.company_none", lang))
    one = frames["companies"][frames["companies"]["company_id"].astype(str) == p["company"]]
    row = co.row(frames["companies"], p["company"])
    centre = None if pd.isna(row["lat"]) or pd.isna(row["lon"]) else (float(row["lat"]), float(row["lon"]))
    image = map_image(frames[REGIONS], one, frames["company_products"], "companies", (str(row["region_code"]),),
                      centre=centre)
    takeaway = i18n.t("company.take.who", lang, name=row["name"],
                      nationality=i18n.t(f"company.in_sentence.{row['scope']}", lang), city=row["city"],
                      region=row["region_name"]) + "."
    return Built(title, "map", image, takeaway, one, extra_source_ids=("datafrance",))


def company_products(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """One company's SMT and products, with the study's reimbursement where it names the product."""
    from smt_dashboard import company as co

    title = i18n.t("company.products", lang)
    products = co.products(frames, p["company"], lang) if p["company"] else pd.DataFrame()
    if products.empty:
        return empty(title, frames["company_products"], lang, i18n.t("company.products_none", lang))
    shown = ["product", "status", "therapy_area", "reimbursement"] + (["note"] if products["note"].any() else [])
    table = products[shown].rename(columns={c: i18n.t(f"company.col.{c}", lang) for c in shown})
    name = co.row(frames["companies"], p["company"])["name"]
    takeaway = f"{name} : " if lang == "fr" else f"{name}: "
    takeaway += i18n.plural("company.take.products", len(products), lang, n=n(len(products), lang),
                            names=", ".join(products["product"])) + "."
    return Built(title, "table", table, takeaway, products)


def company_places(frames: Frames, state: FilterState, lang: str, p: Params) -> Built:
    """Where the study's other tables cite one company."""
    from smt_dashboard import company as co

    title = i18n.t("company.places", lang)
    places = co.study_places(frames, p["company"], lang) if p["company"] else pd.DataFrame()
    if places.empty:
        return empty(title, frames["companies"], lang, i18n.t("company.places_none", lang))
    shown = ["table", "entry", "detail"]
    table = places[shown].rename(columns={c: i18n.t(f"company.col.{c}", lang) for c in shown})
    tables = list(dict.fromkeys(places["table"]))
    takeaway = i18n.plural("company.take.places", len(tables), lang, n=n(len(tables), lang),
                           name=co.row(frames["companies"], p["company"])["name"], tables=", ".join(tables))
    return Built(title, "table", table, takeaway, places)
