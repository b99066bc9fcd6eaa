"""AppTest of the funding page: totals, the published-total note, filters at their extremes, broken data."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from tests.conftest import metrics, open_app_page, page_with_broken_cell

PAGE = "app_pages/funding.py"
NBSP = "\u00a0"


def open_page(query: dict | None = None) -> AppTest:
    return open_app_page(PAGE, query)


def chart_titles(at: AppTest) -> list[str]:
    return [json.loads(c.proto.spec)["title"]["text"] for c in at.get("vega_lite_chart")]


def texts(at: AppTest) -> str:
    return " ".join(e.value for e in [*at.markdown, *at.caption, *at.info])


def test_default_view_shows_totals_charts_and_context():
    at = open_page()
    assert not at.exception
    assert not at.error
    assert at.title[0].value == "Financements"
    m = metrics(at)
    assert m["Levées de fonds"] == f"80,9{NBSP}M€"
    assert m["Introductions en bourse"] == f"56{NBSP}M€"
    assert m["Augmentations de capital"] == f"10{NBSP}M€"
    assert m["Acquisitions / LBO"] == "n.c."
    info = " ".join(i.value for i in at.info)
    assert f"80,8{NBSP}M€" in info and f"80,9{NBSP}M€" in info
    # Rounding is the dashboard team's reading, never the study's explanation.
    assert "sans dire d'où vient l'écart" in info and "non dite par l'étude" in info and "vient de l'arrondi" not in info
    assert chart_titles(at) == [  # tab by tab: amounts, operations over time, investors
        "Montants communiqués par année et par type d'opération",
        "Opérations de financement par entreprise et par type, 2010-2019",
        "Investisseurs par nombre d'opérations",
    ]
    body = texts(at)
    assert "Diabeloop" in body and f"31{NBSP}M€" in body  # the only round above 30 M€
    assert "2 opérations que l'étude ne date pas" in [e.label for e in at.expander]
    sources = [c.value.replace("\\", "") for c in at.caption if "Source" in c.value]  # captions are escaped
    # The context's sources, with the funding slide's own (« Sites internet des entreprises…; Communiqués de presse »).
    assert ("Source : AEC Partners (2020), d'après MindHealth (2019), sites internet des SMT et des entreprises, "
            "Bpifrance (Innobio2), TICPharma (2020)") in sources, sources
    assert len(at.dataframe) >= 4


def test_one_company():
    at = open_page({"fd_company": "Diabeloop"})
    assert not at.exception and not at.error
    assert at.multiselect(key="fd_company").value == ["Diabeloop"]
    m = metrics(at)
    assert m["Levées de fonds"] == f"47,3{NBSP}M€"  # 13.5 + 2.8 + 31
    assert m["Introductions en bourse"] == "–"
    # France's total in the same words as every page, and what the study prints.
    assert "Levées de fonds, France : 80,9" in " ".join(c.value.replace("\\", "") for c in at.caption)


def test_round_type_and_period_widgets():
    at = open_page()
    at.multiselect(key="fd_type").set_value(["capital_increase"]).run()
    assert metrics(at)["Augmentations de capital"] == f"10{NBSP}M€"
    assert metrics(at)["Levées de fonds"] == "–"
    at.multiselect(key="fd_type").set_value([]).run()
    at.slider(key="fd_period").set_value((2018, 2018)).run()
    assert not at.exception and not at.error
    m = metrics(at)
    assert m["Augmentations de capital"] == f"9{NBSP}M€"  # Biocorp 5 (June) + Crossject 4 (December)
    assert m["Introductions en bourse"] == f"30,1{NBSP}M€"  # Voluntis, May 2018


def test_no_result_gives_a_clear_message():
    at = open_page({"fd_company": "Diabnext"})
    at.multiselect(key="fd_type").set_value(["fundraising"]).run()
    assert not at.exception and not at.error
    assert any("Aucune opération ne correspond" in i.value for i in at.info)
    assert not at.get("vega_lite_chart")


def test_global_region_filter_applies_through_the_company():
    at = open_page({"region": ["84"]})  # Auvergne-Rhône-Alpes: Biocorp, Eveon, Nemera, Diabeloop
    assert not at.exception and not at.error
    m = metrics(at)
    assert m["Levées de fonds"] == f"49,3{NBSP}M€"  # Diabeloop 47.3 + Eveon 2
    assert m["Introductions en bourse"] == f"8,9{NBSP}M€"  # Biocorp
    at = open_page({"region": ["53"]})  # Bretagne: only a foreign subsidiary, no round
    assert not at.exception and not at.error
    # Said once, in the answer, with where (not again as a box under it).
    said = [m.value.replace("\\", "") for m in at.markdown if "aucune opération de financement" in m.value]
    assert len(said) == 1 and "L'étude ne cite aucune opération de financement d'une entreprise en Bretagne." in said[0]
    assert not any("Aucune opération de financement" in i.value for i in at.info)


def test_english():
    at = open_page({"lang": "en"})
    assert not at.exception and not at.error
    m = metrics(at)
    assert m["Fundraising rounds"] == "€80.9m"
    assert "Funding operations by company and type, 2010-2019" in chart_titles(at)


def test_broken_funding_file_shows_the_named_error(data_copy):
    at, message = page_with_broken_cell(open_page, data_copy, "funding_rounds.csv", 4, "amount_meur", "cinq")
    assert "amount" in message
    assert not at.get("vega_lite_chart")
