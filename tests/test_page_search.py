"""The search page and the sidebar's box: results grouped with links to the right page and filter, the query in the
address, nothing found said with the nearest names, an area result that sets the filter."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import APP, open_app_page

PAGE = "app_pages/search.py"


def links(at) -> list[tuple[str, str, dict]]:
    return [(p.proto.label, p.proto.page, dict(p.proto.query_string and
                                               [kv.split("=", 1) for kv in p.proto.query_string.split("&")] or {}))
            for p in at.main.get("page_link")]


def test_a_query_in_the_address_lists_results_grouped_by_kind():
    at = open_app_page(PAGE, {"q": "volontis"})
    assert not at.exception and not at.error
    headings = [s.value for s in at.subheader]
    assert headings[0] == "1 entreprise"
    first = at.main.get("page_link")[0].proto
    assert first.label == "Voluntis" and "company" in first.page
    assert "company=voluntis" in first.query_string
    assert any("« volontis »" in m.value.replace("\\", "") for m in at.markdown)


def test_pecan_leads_to_the_post_study_page():
    at = open_app_page(PAGE, {"q": "PECAN"})
    assert not at.exception
    headings = [s.value for s in at.subheader]
    assert any("évolution" in h and "hors étude" in h for h in headings)
    assert all("since" in p.proto.page for p in at.main.get("page_link"))


def test_nothing_found_says_so_and_offers_the_nearest_names():
    at = open_app_page(PAGE, {"q": "Voluntis Zorglub"})
    assert not at.exception
    assert any("Aucun résultat pour « Voluntis Zorglub »" in i.value.replace("\\", "") for i in at.info)
    suggestion = next(b for b in at.button if b.label == "Voluntis")
    at = suggestion.click().run()
    assert at.query_params["q"] == "Voluntis"
    assert at.main.get("page_link")[0].proto.label == "Voluntis"


def test_an_area_result_opens_the_profile_with_the_filter_set():
    at = open_app_page(PAGE, {"q": "diabéto"})
    assert [s.value for s in at.subheader][0] == "1 aire thérapeutique"
    area = next(b for b in at.button if b.label == "Diabétologie")
    at = area.click().run()
    assert not at.exception
    assert [t.value for t in at.title][0].startswith("Profil")
    assert at.query_params.get("area") in ("diabetology", ["diabetology"])


def test_the_sidebar_box_opens_the_search_from_any_page():
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert [t.value for t in at.title] != ["Rechercher"]
    at.sidebar.text_input(key="smt_search_box").input("Biocorp").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Rechercher"]
    assert at.query_params["q"] == "Biocorp"
    assert at.main.get("page_link")[0].proto.label == "Biocorp"
    # Again from the search page itself: the new query wins over the one in the address.
    at.sidebar.text_input(key="smt_search_box").input("Crossject").run()
    assert at.query_params["q"] == "Crossject"
    assert at.main.get("page_link")[0].proto.label == "Crossject"


def test_english():
    at = open_app_page(PAGE, {"q": "insulin", "lang": "en"})
    assert not at.exception and not at.error
    headings = " ".join(s.value for s in at.subheader)
    assert "companies" in headings and "product" in headings
