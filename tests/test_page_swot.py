"""AppTest of the SWOT page: every item in its quadrant, evidence opened from the address with its computed
figure, source and page link, axis filter, and broken data shown as a named error."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from smt_dashboard import navigation
from smt_dashboard.datasets import load_dataset
from tests.conftest import DATA, open_app_page, rewrite_cell, scope_lines

PAGE = "app_pages/swot.py"
NNBSP = "\u202f"


def open_page(query: dict | None = None) -> AppTest:
    return open_app_page(PAGE, query)


def quadrant_items(at: AppTest) -> dict[str, list[str]]:
    """Expander labels found in each quadrant column, keyed by the quadrant heading."""
    out = {}
    for column in at.columns:
        headings = [m.value for m in column.markdown if m.value.startswith("### ")]
        if headings and column.expander:
            out[headings[0]] = [e.label for e in column.expander]
    return out


def test_every_item_is_shown_in_its_quadrant():
    at = open_page()
    assert not at.exception and not at.error
    items = load_dataset("swot", DATA)
    found = quadrant_items(at)
    headings = {"strength": "Forces", "weakness": "Faiblesses", "opportunity": "Opportunités", "threat": "Menaces"}
    for quadrant, name in headings.items():
        heading = next(h for h in found if h.endswith(name + "]"))
        expected = items[items["quadrant"] == quadrant].sort_values("order")
        assert len(found[heading]) == len(expected)
        # Labels are Markdown-escaped: compare on the unescaped text.
        assert [label.replace("\\", "") for label in found[heading]] == list(expected["text_fr"])
    assert any("19 des 20 éléments" in c.value for c in at.caption)
    assert any(json.loads(c.proto.spec)["title"]["text"] == "Éléments du SWOT par quadrant et axe d'analyse"
               for c in at.get("vega_lite_chart"))


def test_an_item_from_the_address_opens_with_its_computed_evidence():
    at = open_page({"swot_item": ["w4", "w3"]})
    assert not at.exception and not at.error
    values = [s.value for s in at.subheader]
    assert f"1,4{NNBSP}%" in values and "1 sur 9" in values and "80,9\u00a0M€" in values
    captions = " ".join(c.value for c in at.caption)
    assert "StartUp Health" in captions  # the deal figure's source line
    labels = [p.proto.label for p in at.main.get("page_link")]
    # A link to the page behind each piece of evidence, when that page exists (colleagues build them in parallel).
    for key, title in (("funding", "Financements"), ("deals", "Benchmark international des deals")):
        assert (f"Ouvrir la page « {title} »" in labels) == navigation.PAGES_BY_KEY[key].exists()
    assert labels.count("Voir les recommandations") == 2
    assert set(at.query_params["swot_item"]) == {"w3", "w4"}


def test_an_item_without_evidence_says_so():
    at = open_page({"swot_item": "o2"})
    assert not at.exception
    assert any(i.value == "Pas de preuve chiffrée dans l'étude pour cet élément." for i in at.info)


def test_axis_filter_from_the_address():
    at = open_page({"swot_axis": "resources"})
    assert not at.exception
    found = quadrant_items(at)
    assert sum(len(v) for v in found.values()) == 6  # s3, s4, w3, w4, w6, o3
    assert any("Éléments masqués par le filtre d'axe : 14." == c.value for c in at.caption)


def test_global_filters_do_not_apply_and_the_page_says_so():
    at = open_page({"area": "diabetology"})
    assert any("ne s'appliquent pas" in i.value for i in scope_lines(at))


def test_english():
    at = open_page({"lang": "en", "swot_item": "s3"})
    assert not at.exception
    assert "10 + 7" in [s.value.replace("\\", "") for s in at.subheader]
    assert any(m.value.endswith("Strengths]") for m in at.markdown)


def test_broken_swot_file_shows_a_named_error(data_copy):
    rewrite_cell(data_copy / "swot.csv", 3, "quadrant", "forces")
    at = open_page()
    assert not at.exception
    assert len(at.error) == 1 and "swot" in at.error[0].value and "ligne 3" in at.error[0].value
    assert not at.main.expander


def test_broken_evidence_dataset_only_blanks_that_evidence(data_copy):
    rewrite_cell(data_copy / "deals_2018.csv", 3, "deals", "beaucoup")
    at = open_page({"swot_item": "w4"})
    assert not at.exception
    assert len(at.error) == 1 and "deals" in at.error[0].value
    assert sum(len(v) for v in quadrant_items(at).values()) == 20  # the SWOT itself still renders
