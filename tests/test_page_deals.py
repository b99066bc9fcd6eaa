"""AppTest of the deal benchmark page: France's share, the level-separated ranking, toggles, broken data."""

from __future__ import annotations

import pyarrow as pa
from streamlit.testing.v1 import AppTest

from tests.conftest import chart_specs, metrics, open_app_page, open_export, page_with_broken_cell, scope_lines

PAGE = "app_pages/deals.py"
NBSP = "\u00a0"


def open_page(query: dict | None = None) -> AppTest:
    return open_app_page(PAGE, query)


def drawn(at: AppTest) -> list[dict]:
    """The bars sent to the browser with the (single) chart of the page (its model's rows: panel, category, value,
    label)."""
    (chart,) = at.get("vega_lite_chart")
    (dataset,) = chart.proto.datasets
    rows = pa.ipc.open_stream(dataset.data.data).read_all().to_pylist()
    return [{"geography": r["category"], "level": r["panel"], "value_text": r["label"]} for r in rows
            if r["row"] == "bar"]


def test_default_view():
    at = open_page()
    assert not at.exception and not at.error
    assert at.title[0].value == "Benchmark international des deals"
    m = metrics(at)
    assert m["Part de la France dans les deals"] == "1,4\u202f%"
    assert m["Montant levé en France"] == f"108{NBSP}M$"
    assert m["M$ par deal en France"] == f"15,4{NBSP}M$"
    assert m["Part des États-Unis"] == "69,2\u202f%"
    specs = chart_specs(at)
    assert len(specs) == 1
    assert specs[0]["facet"]["row"]["field"] == "panel"  # one panel per level, each on its own scale
    rows = drawn(at)
    assert [r["geography"] for r in rows][:5] == ["États-Unis", "Chine", "Inde", "Canada", "Londres"]
    assert "Paris (France)" in [r["geography"] for r in rows]
    assert any("jamais classée face à un pays" in c.value for c in at.caption)
    assert at.dataframe  # the table, with its export menu
    open_export(at, "deals_table")
    assert any("CSV" in b.label for b in at.get("download_button"))


def test_amount_toggle_and_sort():
    at = open_page()
    at.segmented_control(key="dl_metric").set_value("amount_musd").run()
    assert not at.exception and not at.error
    spec = chart_specs(at)[0]
    assert spec["title"]["text"].startswith("Montant levé en santé digitale en 2018")
    rows = drawn(at)
    countries = [r["geography"] for r in rows if r["level"] == "Pays"]
    assert countries == ["États-Unis", "Chine", "Canada", "Inde"]  # missing amounts last
    assert any("Montant non communiqué" in c.value and "Inde" in c.value for c in at.caption)
    at.segmented_control(key="dl_sort").set_value("asc").run()
    cities = [r["geography"] for r in drawn(at) if r["level"] == "Villes"]
    assert cities[:4] == ["Stockholm", "Paris (France)", "Tel Aviv", "Londres"]


def test_average_deal_size():
    at = open_page({"lang": "en"})
    at.segmented_control(key="dl_metric").set_value("avg_deal_musd").run()
    assert not at.exception and not at.error
    rows = drawn(at)
    cities = [(r["geography"], r["value_text"]) for r in rows if r["level"] == "Cities"]
    assert cities[0] == ("Paris (France)", "$15.4m")
    countries = [(r["geography"], r["value_text"]) for r in rows if r["level"] == "Countries"]
    assert countries[:2] == [("China", "$42.7m"), ("United States", "$28.2m")]


def test_global_filters_do_not_apply_and_say_so():
    at = open_page({"region": ["84"]})
    assert not at.exception and not at.error
    assert any("ne s'appliquent pas" in i.value for i in scope_lines(at))
    assert metrics(at)["Part de la France dans les deals"] == "1,4\u202f%"


def test_broken_deals_file_shows_the_named_error(data_copy):
    at, _ = page_with_broken_cell(open_page, data_copy, "deals_2018.csv", 3, "deals", "beaucoup")
    assert not at.get("vega_lite_chart")
