"""AppTest of the digital-health index page: ranks, country comparison, weight sliders, robustness,
caveats and broken data."""

from __future__ import annotations

import json

import pyarrow as pa
from streamlit.testing.v1 import AppTest

from tests.conftest import metrics, open_app_page, page_with_broken_cell, scope_lines

PAGE = "app_pages/index.py"


def open_page(query: dict | None = None) -> AppTest:
    return open_app_page(PAGE, query)


def charts(at: AppTest) -> dict[str, object]:
    return {json.loads(c.proto.spec)["title"]["text"]: c for c in at.get("vega_lite_chart")}


def rows(chart) -> list[dict]:
    """The largest dataset the chart sends to the browser."""
    tables = [pa.ipc.open_stream(d.data.data).read_all().to_pylist() for d in chart.proto.datasets]
    return max(tables, key=len)


def captions(at: AppTest) -> str:
    return " ".join(c.value.replace("\\", "") for c in at.caption)


def test_default_view_ranks_and_robustness():
    at = open_page()
    assert not at.exception and not at.error
    assert at.title[0].value == "Indice de santé numérique"
    m = metrics(at)
    # One rank first, and which list it is: the published ranking; the other readings in one sentence.
    assert m == {"Rang de la France, classement Bertelsmann": "15e / 17"}
    message = " ".join(md.value for md in at.markdown if "lightbulb" in md.value)
    assert "15e sur les 17 pays" in message and "12e" not in message
    readings = " ".join(md.value for md in at.markdown if md.value.startswith("Autres lectures"))
    assert "elle est 12e" in readings and "du 13e au 16e" in readings  # the study's chart leaves out 3 countries
    titles = list(charts(at))
    assert titles == [
        "Indice de santé numérique 2018 : les 17 pays classés",
        "Les trois sous-indices de l'indice de santé numérique, pays choisis",
        "Indice repondéré : les 16 pays dont les sous-indices sont publiés",
        "Rang de la France selon la pondération des trois sous-indices",
    ]
    simplex = rows(charts(at)[titles[3]])
    assert len(simplex) == 231
    assert {r["rank"] for r in simplex} == {13, 14, 15, 16}
    assert any("Portugal" in w.value for w in at.warning)  # excluded from the re-weighting, visibly
    text = captions(at)
    assert "Allemagne" in text and "29,4" in text and "30,02" in text
    assert "Portugal" in text
    assert any("Allemagne" in md.value and "30,02" in md.value for md in at.markdown)  # equal weights vs published
    # The weights, in percent, add up to 100 (equal weights read 33 / 33 / 34).
    shares = [md.value for md in at.markdown if md.value.startswith("Poids ")]
    assert [int(v.split("**")[1].split("\u202f")[0]) for v in shares] == [33, 33, 34]
    assert any("**14e** sur 16" in md.value for md in at.markdown)


def test_weights_at_a_corner_from_the_url():
    at = open_page({"ix_w_policy": "100", "ix_w_ready": "0", "ix_w_use": "0"})
    assert not at.exception and not at.error
    assert at.slider(key="ix_w_policy").value == 100
    assert any("**16e** sur 16" in md.value for md in at.markdown)
    reweighted = rows(charts(at)["Indice repondéré : les 16 pays dont les sous-indices sont publiés"])
    bars = [r for r in reweighted if r["row"] == "bar"]  # the chart model's rows: one per country
    assert bars[0]["category"] == "1. Estonie" and bars[-1]["category"] == "16. France"


def test_weight_sliders_recompute_live():
    at = open_page()
    at.slider(key="ix_w_policy").set_value(0).run()
    at.slider(key="ix_w_ready").set_value(0).run()
    assert any("**13e** sur 16" in md.value for md in at.markdown)  # data use only
    at.slider(key="ix_w_use").set_value(0).run()
    assert not at.exception
    assert any("zéro" in w.value for w in at.warning)  # all weights at zero: equal weights, said so
    assert any("**14e** sur 16" in md.value for md in at.markdown)


def test_compare_one_country_and_edge_selections():
    at = open_page()
    at.multiselect(key="ix_countries").set_value(["FR"]).run()
    assert not at.exception and not at.error
    compared = rows(charts(at)["Les trois sous-indices de l'indice de santé numérique, pays choisis"])
    assert [(r["series"], r["value"]) for r in compared if r["row"] == "bar"] == [("France", 39.9), ("France", 33.2),
                                                                                 ("France", 21.7)]
    at.multiselect(key="ix_countries").set_value(["PT"]).run()
    assert not at.exception and not at.error
    assert any("Portugal" in i.value and "non publiés" in i.value for i in at.info)
    at.multiselect(key="ix_countries").set_value([]).run()
    assert any("au moins un pays" in i.value for i in at.info)


def test_english_and_global_filters_not_applied():
    at = open_page({"lang": "en", "region": ["11"]})
    assert not at.exception and not at.error
    m = metrics(at)
    assert m["France's rank, Bertelsmann ranking"] == "15th / 17"
    assert "13th to the 16th" in " ".join(md.value for md in at.markdown) or "13th" in " ".join(
        md.value for md in at.markdown)
    assert any("do not apply" in i.value for i in scope_lines(at))


def test_broken_index_file_shows_the_named_error(data_copy):
    at, message = page_with_broken_cell(open_page, data_copy, "digital_health_index.csv", 16, "policy_activity",
                                        "beaucoup")
    assert "policy" in message
    assert not at.get("vega_lite_chart")
