"""AppTest of the market & adoption page: sourced figures and charts, English, broken data as a named error."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from tests.conftest import open_app_page, rewrite_cell

PAGE = "app_pages/market.py"
NBSP, NNBSP = "\u00a0", "\u202f"


def open_page(query: dict | None = None) -> AppTest:
    return open_app_page(PAGE, query)


def chart_titles(at: AppTest) -> list[str]:
    return [json.loads(c.proto.spec)["title"]["text"] for c in at.get("vega_lite_chart")]


def test_market_page_shows_ranges_growth_context_and_adoption():
    at = open_page()
    assert not at.exception and not at.error
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Marché 2018"] == f"71–96{NBSP}Md$" and metrics["Marché 2025"] == f"504–531{NBSP}Md$"
    assert metrics["Croissance annuelle annoncée 2018–2025"] == f"28{NNBSP}%"
    assert metrics["Croissance annuelle recalculée"] == f"27,7 à 32,3{NNBSP}%"
    # The abbreviation is spelled out where the rate is explained.
    assert any("Taux de croissance annuel moyen (TCAM)" in (m.proto.help or "") for m in at.metric)
    assert chart_titles(at) == ["Marché mondial de la santé digitale, 2018 et 2025",
                                "Santé connectée : ce que disent les enquêtes, par public interrogé"]
    values = [m.value.replace("\\", "").removeprefix("### ") for m in at.markdown]
    assert f"plus de 10{NBSP}millions" in values and f"98{NNBSP}%" in values
    sources = [c.value for c in at.caption if c.value.startswith("Source")]
    assert any("Microsoft" in s and "OpinionWay" in s for s in sources)
    assert any("DREES" in s for s in sources)
    factor_titles = [m.value for m in at.markdown if m.value.startswith("**:material/")]
    assert len(factor_titles) == 3


def test_english():
    at = open_page({"lang": "en"})
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Market 2025"] == "$504–531bn" and metrics["Announced annual growth 2018–2025"] == "28%"


def test_broken_survey_keeps_the_market_figures(data_copy):
    rewrite_cell(data_copy / "adoption_survey.csv", 2, "value_pct", "beaucoup")
    at = open_page()
    assert not at.exception
    assert len(at.error) == 1 and "adoption\\_survey" in at.error[0].value and "ligne 2" in at.error[0].value
    assert {m.label: m.value for m in at.metric}["Marché 2018"] == f"71–96{NBSP}Md$"


def test_broken_market_size_shows_a_named_error(data_copy):
    rewrite_cell(data_copy / "market_size.csv", 2, "value_low", "")
    at = open_page()
    assert not at.exception
    assert len(at.error) == 1 and "market\\_size" in at.error[0].value
