"""Company pages (?company=<id>): every company in France renders in both languages; Biocorp's funding and products;
an unknown id falls back to the search with a notice; the page without a company lists them all; one-slide export."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from smt_dashboard import company as co
from smt_dashboard import datasets, deck, filters, views
from tests.conftest import APP, DATA, open_app_page

PAGE = "app_pages/company.py"


@pytest.fixture(scope="module")
def frames():
    return {name: datasets.load_dataset(name, DATA) for name in co.DATASETS}


def _facts(at) -> dict[str, str]:
    table = at.table[0].value
    return dict(zip(table.index, table.iloc[:, 0]))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_company_in_france_has_a_page_in_both_languages(lang, frames):
    ids = co.ids(frames["companies"])
    assert len(ids) == 17
    names = co.names(frames["companies"])
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = lang
    at.switch_page(PAGE)
    for company_id in ids:
        at.query_params["company"] = company_id
        at.run()
        assert not at.exception, (company_id, at.exception)
        assert not at.error, (company_id, [e.value for e in at.error])
        row = frames["companies"].set_index("company_id").loc[company_id]
        assert at.query_params["company"] == company_id
        message = at.get("markdown")
        assert any(names[company_id] in m.value.replace("\\", "") and "lightbulb" in m.value for m in message), company_id
        facts = _facts(at)
        nationality = "Nationalité et modèle" if lang == "fr" else "Nationality and model"
        assert nationality in facts
        city = "Ville" if lang == "fr" else "City"
        assert facts[city] == f"{row['city']} ({row['region_name']})"
        # No "nan"/"None" anywhere on a company's page.
        texts = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
        assert "nan" not in texts.split() and "None" not in texts.split()


def test_biocorp_shows_its_funding_total_and_products(frames):
    at = open_app_page(PAGE, {"company": "biocorp"})
    assert not at.exception and not at.error
    facts = _facts(at)
    rounds = frames["funding_rounds"]
    own = rounds[rounds["company_id"] == "biocorp"]
    total = own["amount_meur"].sum()
    assert facts["Opérations de financement"] == str(len(own))
    assert facts["Montant total des opérations (montants communiqués)"] == f"{total:.1f}".replace(".", ",") + "\u00a0M€"
    assert facts["Montant des levées de fonds"] == "aucune levée de fonds"  # an IPO and capital increases only
    products = next(d.value for d in at.dataframe if "SMT ou produit" in d.value.columns)
    assert list(products["SMT ou produit"]) == ["Mallya"]
    assert [s.value for s in at.subheader][:3] == ["Qui est-ce", "Où elle est", "Ses SMT et produits"]
    # Its funding view is the funding page's, for Biocorp only.
    specs = [c for c in at.get("vega_lite_chart")]
    assert specs, "the funding timeline of its operations"
    # Post-study events: badged and sourced.
    assert any("Hors étude" in m.value for m in at.markdown)
    assert any("Novo Nordisk" in m.value for m in at.markdown)


def test_voluntis_cites_its_catalogue_examples_and_digital_therapeutic():
    at = open_app_page(PAGE, {"company": "voluntis", "lang": "en"})
    assert not at.exception and not at.error
    # Read whole (a table that wraps): its rows are the entries where the study cites the company.
    places = next(t.value for t in at.table if "Study table" in t.value.columns or t.value.index.name == "Study table")
    places = places.reset_index()
    assert set(places["Entry"]) >= {"Diabeo", "eCO", "Voluntis"}
    products = next(d.value for d in at.dataframe if "SMT or product" in d.value.columns)
    assert dict(zip(products["SMT or product"], products["Reimbursement (study)"]))["Diabeo"] == "reimbursed"
    assert dict(zip(products["SMT or product"], products["Reimbursement (study)"]))["Insulia"] == "n/a"


def test_a_subsidiary_says_its_funding_is_not_studied():
    at = open_app_page(PAGE, {"company": "medtronic"})
    assert not at.exception and not at.error
    assert any("ceux des filiales ne sont pas étudiés" in c.value for c in at.caption)
    assert "Montant des levées de fonds" not in _facts(at)


def test_an_unknown_id_falls_back_to_the_search_with_a_notice():
    at = open_app_page(PAGE, {"company": "volontis"})
    assert not at.exception
    assert [t.value for t in at.title] == ["Rechercher"]
    assert any("« volontis »" in w.value for w in at.warning)
    assert at.query_params["q"] == "volontis" and "company" not in at.query_params
    links = at.main.get("page_link")
    assert links and links[0].proto.label == "Voluntis"  # the typo still finds it


def test_a_us_company_id_has_no_page_and_falls_back_to_the_search():
    at = open_app_page(PAGE, {"company": "us_dexcom"})
    assert [t.value for t in at.title] == ["Rechercher"] and at.warning


def test_without_a_company_the_page_lists_all_of_them():
    at = open_app_page(PAGE)
    assert not at.exception
    labels = [p.proto.label for p in at.main.get("page_link")]
    assert len(labels) == 17 and "Voluntis" in labels and "Medtronic" in labels


def test_the_sheet_exports_as_one_slide(frames):
    view = views.VIEWS_BY_KEY["company_sheet"]
    built = views.build(view, {**frames}, filters.FilterState(), "fr", {"company": "voluntis"})
    pptx = deck.build_slide(view, built, sources=datasets.load_dataset("sources", DATA), lang="fr",
                            url="http://localhost:8501/company?company=voluntis")
    prs = Presentation(io.BytesIO(pptx))
    assert len(prs.slides) == 1
    slide = prs.slides[0]
    texts = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert "Voluntis : fiche entreprise" in texts and "AEC Partners (2020)" in texts
    table = next(s.table for s in slide.shapes if s.has_table)
    cells = [[c.text for c in r.cells] for r in table.rows]
    assert ["Ville", "Suresnes (Île-de-France)"] in cells
    assert "company?company=voluntis" in slide.notes_slide.notes_text_frame.text


def test_map_card_and_funding_link_to_the_company_pages():
    at = open_app_page("app_pages/funding.py", {"fd_company": "Voluntis"})
    links = [(p.proto.label, p.proto.page) for p in at.main.get("page_link")]
    assert any(label == "Voluntis" for label, _ in links)
    at = open_app_page("app_pages/profile.py", {"region": "84"})
    labels = [p.proto.label for p in at.main.get("page_link")]
    assert {"Biocorp", "Eveon"} <= set(labels)
