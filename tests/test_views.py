"""The registry of briefing views: every view builds on the real data, under the filters its page applies,
with a takeaway computed from the data (figures checked against the study) and the rows behind it."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from smt_dashboard import navigation, provenance, st_internals, views
from smt_dashboard.datasets import load_dataset, load_regions
from smt_dashboard.filters import FilterState
from tests.conftest import DATA

NBSP, NNBSP = "\u00a0", "\u202f"
POST_STUDY = {"developments_timeline", "recommendation_followup", "then_now", "access_route", "ehealth_trend",
              "indicators_table", "news"}


@pytest.fixture(scope="module")
def frames() -> dict:
    out: dict = {n: load_dataset(n, DATA) for n in views.datasets_of(views.VIEWS) if n != views.REGIONS}
    out[views.REGIONS] = load_regions(DATA)
    return out


def drawn(chart: alt.TopLevelMixin) -> list[dict]:
    """The rows a (possibly layered) chart sends to Vega."""
    spec = chart.to_dict()
    data = spec.get("data") or spec["layer"][0]["data"]
    return spec["datasets"][data["name"]]


def build(frames: dict, key: str, state: FilterState | None = None, lang: str = "fr") -> views.Built:
    return views.build(views.VIEWS_BY_KEY[key], frames, state or FilterState(lang=lang), lang)


def test_registry_covers_the_views_the_committee_asked_for():
    keys = set(views.VIEWS_BY_KEY)
    assert {"overview_headlines", "swot", "policy_france", "market_size", "adoption", "recommendation_targets", "map",
            "companies_by_model", "us_comparison", "catalogue_heatmap", "approvals", "reimbursement",
            "funding_totals", "funding_timeline", "deals", "index_ranking", "index_rank_range", "jobs_projection",
            "trainings_by_city"} <= keys
    # Each view links back to a registered page, and the registry follows the navigation order.
    order = [p.key for p in navigation.PAGES]
    pages = [v.page for v in views.VIEWS]
    assert all(p in navigation.PAGES_BY_KEY for p in pages)
    assert pages == sorted(pages, key=order.index)
    assert [p for p, _ in views.views_by_page()] == list(dict.fromkeys(v.page for v in views.SHOW))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_view_builds_with_a_title_a_takeaway_and_sources(frames, lang):
    for view in views.VIEWS:
        # The profile needs a region or an area (without one its slide says so: see its own test).
        state = FilterState(regions=("84",)) if view.key == "profile" else FilterState()
        if view.page == "company":  # a company's sheet, map, products and places need their company
            built = views.build(view, frames, state, lang, {"company": "voluntis"})
        else:
            built = build(frames, view.key, state=state, lang=lang)
        assert built.kind in views.KINDS and built.kind != "empty", view.key
        assert built.title and built.takeaway, view.key
        if view.key in POST_STUDY:
            # After the study: its own public sources and the badge, never the study's sources.
            assert built.badge.startswith(("Hors étude", "Outside the study")) and built.source, view.key
            assert "aec2020" not in provenance.source_ids(built.rows), view.key
        else:
            assert "aec2020" in provenance.source_ids(built.rows) or view.key.startswith("index"), view.key
            assert not built.badge and not built.source, view.key
        assert view.label(lang) != f"briefing.view.{view.key}", view.key
        if built.kind == "chart":
            assert isinstance(built.content, alt.TopLevelMixin)
            assert views.chart_titles(built.content)[0] == built.title


def test_deals_takeaway_is_france_share_of_the_2018_deals(frames):
    # Study: "la France ne représente que 1,4% des deals … (7 deals pour un montant de 108M$)".
    built = build(frames, "deals")
    assert built.takeaway == f"La France : 7 deals sur 500 en 2018 (1,4{NNBSP}%)."
    countries, cities = built.model.panels  # each level on its own scale
    assert (countries.title, cities.title) == ("Pays", "Villes")
    paris = cities.categories.index("Paris (France)")
    assert cities.series[0].values[paris] == 7 and cities.highlight == (paris,)
    assert "Paris (France)" not in countries.categories
    assert {"startuphealth2018", "aec2020"} <= set(provenance.source_ids(built.rows))
    assert build(frames, "deals", lang="en").takeaway == "France: 7 deals out of 500 in 2018 (1.4%)."


def test_market_reimbursement_approvals_and_jobs_takeaways_match_the_study(frames):
    # Study: "71-96", "504-531", "TCAM* : +28%".
    market = build(frames, "market_size").takeaway
    assert f"71–96{NBSP}Md$ en 2018" in market and f"504–531{NBSP}Md$ en 2025" in market and f"28{NNBSP}%" in market
    # Study: "12 SMT sur les 33 SMT" financed / reimbursed or in progress.
    assert build(frames, "reimbursement").takeaway.startswith("12 SMT sur 33")
    # Study: "21 ont un marquage CE", "22 ont une approbation FDA" of the 33 available SMT.
    approvals = build(frames, "approvals").takeaway
    assert "Sur 33 SMT" in approvals and "21 marquées CE" in approvals and "22 approuvées par la FDA" in approvals
    # Study: "377 nouveaux emplois … approx. 15 types de métiers différents (soit approx. 25 …)".
    jobs = build(frames, "jobs_projection").takeaway
    assert jobs.startswith("377 nouveaux emplois d'ici 2025") and "publié : 377" in jobs and "≈ 25" in jobs


def test_index_takeaways_give_france_rank(frames):
    takeaway = build(frames, "index_ranking").takeaway
    # Each rank says whose it is: Bertelsmann's 17 countries, the study's chart's 14.
    assert takeaway.startswith("Classement de la Bertelsmann Stiftung : la France est 15e sur 17 pays")
    assert "Sur le graphique de l'étude (14 pays) : 12e." in takeaway
    ranking = build(frames, "index_ranking")
    (panel,) = ranking.model.panels
    assert panel.highlight == (14,) and panel.categories[14] == "15. France"
    assert next(r for r in ranking.drawn.to_dict("records") if r["is_france"])["rank"] == 15
    spread = build(frames, "index_rank_range").takeaway
    assert "entre le 13e et le 16e rang sur 16 pays" in spread  # Portugal has no sub-indices


def test_overview_table_holds_the_headline_figures(frames):
    built = build(frames, "overview_headlines")
    assert built.kind == "table"
    values = dict(zip(built.content["Indicateur"], built.content["Valeur"]))
    # Study: 40 SMT identified; 10 French companies (~635 staff) + 7 subsidiaries.
    assert values["SMT identifiées"] == "40"
    assert values["Entreprises en France"] == "10 + 7"
    assert values["Salariés des entreprises françaises"] == "635"
    assert values["Deals 2018 : part France"] == f"1,4{NNBSP}%"
    assert built.takeaway.startswith("40 SMT identifiées, 10 + 7 entreprises en France")


def test_overview_table_under_a_filter_marks_filtered_and_national_figures(frames):
    built = build(frames, "overview_headlines", state=FilterState(regions=("84",)))
    values = dict(zip(built.content["Indicateur"], built.content["Valeur"]))
    assert values["Entreprises en France (filtré)"] == "4"
    assert values["Montant des levées de fonds (filtré)"] == "49,3\u00a0M€"
    # The catalogue has no region: its 40 SMT are marked national, not mixed in silently.
    assert values["SMT identifiées (France entière)"] == "40"
    details = dict(zip(built.content["Indicateur"], built.content["Détail"]))
    assert details["Montant des levées de fonds (filtré)"].endswith("France : 80,9\u00a0M€")


def test_one_smt_reads_in_the_singular(frames):
    """Under Vaccination the catalogue holds one SMT (an external device): « 1 SMT identifiée », « dont 1
    dispositif … connecté », never « 1 SMT identifiées » or « 1 dispositifs »."""
    built = build(frames, "overview_headlines", state=FilterState(areas=("vaccination",)))
    details = dict(zip(built.content["Indicateur"], built.content["Détail"]))
    assert "1 SMT identifiée ;" in built.takeaway and "identifiées" not in built.takeaway
    assert details["SMT identifiées (filtré)"].startswith("dont 1 dispositif d'administration externe connecté")


def test_swot_grid_has_the_four_quadrants(frames):
    built = build(frames, "swot")
    assert built.kind == "swot"
    quadrants = {code: items for code, _, items in built.content.quadrants}
    assert [label for _, label, _ in built.content.quadrants] == ["Forces", "Faiblesses", "Opportunités", "Menaces"]
    assert "Financement limité des entreprises innovantes" in quadrants["weakness"]
    assert built.takeaway.startswith("4 forces, 6 faiblesses, 5 opportunités, 5 menaces")


def test_policy_is_split_between_france_and_abroad(frames):
    france, abroad = build(frames, "policy_france"), build(frames, "policy_international")
    fr_data, other_data = drawn(france.content), drawn(abroad.content)
    assert {r["jurisdiction"] for r in fr_data} == {"FR"}
    assert "FR" not in {r["jurisdiction"] for r in other_data}
    assert any("Ma Santé 2022" in r["title"] for r in fr_data)
    assert france.takeaway.startswith(f"{len(fr_data)} jalons en France")


def test_recommendations_chart_counts_actions_per_target(frames):
    built = build(frames, "recommendation_targets")
    by_target = dict(zip(built.data["target_label"], built.data["actions"]))
    recos = frames["recommendations"]
    assert by_target["Organismes de formation"] == int(recos["targets"].str.contains("training_bodies").sum())
    assert list(built.data["actions"]) == sorted(built.data["actions"], reverse=True)  # most solicited first
    # The page's target filter is the view's parameter: only the actions aimed at those players are counted.
    hospitals = views.build(views.VIEWS_BY_KEY["recommendation_targets"], frames, FilterState(), "fr",
                            {"targets": ("hospitals",)})
    assert dict(zip(hospitals.data["target_label"], hospitals.data["actions"]))["Centres hospitaliers"] == 1
    assert hospitals.takeaway.startswith("1 action")


def test_map_and_company_views_apply_the_global_filters(frames):
    everything = build(frames, "map")
    assert everything.kind == "map" and len(everything.content.rows) == 17
    assert "en tête : Île-de-France (8)" in everything.takeaway
    assert "datafrance" in everything.extra_source_ids
    # Auvergne-Rhône-Alpes: Biocorp, Eveon, Nemera, Diabeloop.
    state = FilterState(regions=("84",))
    rhone = build(frames, "map", state)
    assert set(rhone.content.rows["name"]) == {"Biocorp", "Eveon", "Nemera", "Diabeloop"}
    assert rhone.content.selected == ("84",)
    assert rhone.takeaway.startswith("Entreprises en France : 4 (françaises : 4 ; filiales d'entreprises étrangères : 0)")
    models = build(frames, "companies_by_model", state).model
    assert sum(v or 0 for s in models.panels[0].series for v in s.values) == 4
    # Nothing left: the view says so instead of drawing an empty chart.
    nobody = build(frames, "companies_by_model", FilterState(regions=("53",), nationalities=("french",)))
    assert nobody.kind == "empty"
    assert nobody.takeaway == "L'étude ne cite aucune entreprise de SMT en Bretagne, parmi les entreprises françaises."
    # One model left: a figure, not a one-bar chart.
    one = build(frames, "companies_by_model", FilterState(regions=("53",)))
    assert one.kind == "figure" and one.content.value == "1"


def test_catalogue_and_funding_follow_their_page_filters(frames):
    diabetes = build(frames, "catalogue_heatmap", FilterState(areas=("diabetology",)))
    assert diabetes.title == "Nombre de SMT par catégorie et aire thérapeutique (22 SMT)"
    assert diabetes.takeaway.startswith("22 SMT")
    totals = build(frames, "funding_totals")
    raised = totals.content.iloc[0]
    assert raised.iloc[0] == "Levée de fonds" and raised.iloc[1] == 11
    # The table sums to 80,9 M€; the study prints 80,8 M€ (it does not say why), and says so when nothing is filtered.
    assert f"80,9{NBSP}M€" in totals.takeaway and f"80,8{NBSP}M€" in totals.takeaway
    assert "arrondi" not in totals.takeaway and "n'explique pas" in totals.takeaway
    brittany = build(frames, "funding_totals", FilterState(regions=("53",)))
    assert brittany.kind == "empty"
    timeline = build(frames, "funding_timeline")
    assert "Diabeloop" in timeline.takeaway and f"31{NBSP}M€" in timeline.takeaway


def test_trainings_takeaway_names_paris(frames):
    built = build(frames, "trainings_by_city")
    campuses = frames["training_ux_establishments"]
    assert built.takeaway.startswith(f"{len(campuses)} campus")
    assert "en tête : Paris (10)" in built.takeaway


def test_filter_note_names_the_filters_a_view_ignores():
    state = FilterState(regions=("84",), areas=("diabetology",))
    deals, heatmap, company_map = (views.VIEWS_BY_KEY[k] for k in ("deals", "catalogue_heatmap", "map"))
    assert views.filter_note(deals, state, "fr") == "Filtres sans effet sur cette vue : Région, Aire thérapeutique"
    assert views.filter_note(heatmap, state, "en") == "Filters without effect on this view: Region"
    assert views.filter_note(company_map, state, "fr") is None
    assert views.filter_note(deals, FilterState(), "fr") is None


def test_link_back_to_the_live_view_keeps_filters_and_language():
    state = FilterState(regions=("84",), lang="en", mode="presentation")
    url = views.link(views.VIEWS_BY_KEY["deals"], state, "https://smt.example.org/briefing")
    assert url == "https://smt.example.org/deals?region=84&lang=en"
    home = views.link(views.VIEWS_BY_KEY["overview_headlines"], FilterState(), None)
    assert home == "http://localhost:8501/"


def test_datasets_of_lists_each_dataset_once():
    names = views.datasets_of(views.VIEWS)
    assert len(names) == len(set(names))
    assert views.REGIONS in names and "deals_2018" in names
    assert views.datasets_of([views.VIEWS_BY_KEY["deals"]]) == ("deals_2018",)


def test_source_rows_stack_the_source_columns_only():
    a = pd.DataFrame({"x": [1], "source_id": ["aec2020"], "cited_source_ids": ["microsoft2017"]})
    b = pd.DataFrame({"y": [2], "source_id": ["bertelsmann_shs_project"]})
    rows = views.source_rows(a, b, a.iloc[0:0])
    assert list(rows.columns) == ["source_id", "cited_source_ids"]
    assert provenance.source_ids(rows) == ["aec2020", "bertelsmann_shs_project", "microsoft2017"]


# --- one registry: a page and its slide show the same numbers -----------------------------------------------

def _page_chart_rows(at, title: str) -> list[dict]:
    """The rows the page's chart titled ``title`` draws (Arrow datasets, as the browser receives them)."""
    import json


    for element in at.get("vega_lite_chart"):
        spec = json.loads(element.proto.spec)
        text = (spec.get("title") or {}).get("text") if isinstance(spec.get("title"), dict) else spec.get("title")
        if text == title:
            frames = [st_internals.frame_from_arrow_bytes(d.data.data) for d in element.proto.datasets]
            return [row for frame in frames for row in frame.to_dict("records")]
    raise AssertionError(f"no chart titled {title!r} on the page")


def _view_chart_rows(built) -> list[dict]:
    spec = built.content.to_dict()
    return [row for rows in spec.get("datasets", {}).values() for row in rows]


@pytest.mark.parametrize("page,key,query,fields", [
    ("map", "companies_by_model", {"region": "84"}, ("model_label", "nationality_label", "companies")),
    ("map", "us_comparison", {"area": "diabetology"}, ("group_label", "band_label", "companies")),
    ("trainings", "trainings_by_city", {"region": "76"}, ("city", "campuses")),
    ("index", "index_ranking", {}, ("label", "index", "is_france")),
    ("catalogue", "approvals", {"lang": "en"}, ("category_label", "authority_label", "share_pct")),
    ("market", "adoption", {}, ("label", "value_pct")),
], ids=lambda v: v if isinstance(v, str) else None)
def test_a_page_and_its_slide_show_the_same_numbers(frames, page, key, query, fields):
    from tests.conftest import open_app_page

    at = open_app_page(f"app_pages/{page}.py", query)
    assert not at.exception
    state = FilterState(regions=tuple(filter(None, [query.get("region")])),
                        areas=tuple(filter(None, [query.get("area")])), lang=query.get("lang", "fr"))
    built = build(frames, key, state=state, lang=state.lang)

    def pick(rows):
        return sorted(tuple(str(row.get(f)) for f in fields) for row in rows)

    page_rows = pick(_page_chart_rows(at, built.title))
    assert page_rows and page_rows == pick(_view_chart_rows(built))


def test_slide_show_order_and_moves():
    from smt_dashboard import slides

    views_all = slides.ordered()
    assert [v.key for v in views_all] == [v.key for v in views.VIEWS if v.in_show]
    # The briefing page's ticks keep the deck's order.
    assert [v.key for v in slides.ordered(["deals", "swot"])] == ["swot", "deals"]
    # Presenting from a page opens its first view; no wrap-around at either end.
    assert views_all[slides.first_of_page(views_all, "funding")].key == "funding_totals"
    assert slides.move(0, "previous", 22) == 0 and slides.move(21, "next", 22) == 21
    assert slides.move(5, "first", 22) == 0 and slides.move(5, "last", 22) == 21 and slides.move(5, "exit", 22) == 5


def test_slide_table_is_escaped_html():
    import pandas as pd

    from smt_dashboard import slides

    html = slides.table_html(pd.DataFrame({"Nom": ["<script>alert(1)</script>"], "N": [4587]}), "fr")
    assert "<script>" not in html and "&lt;script&gt;" in html and "4\u202f587" in html
