"""AppTest of the policy & regulatory page: timeline with its source, filters from the address, Israel's
budget, undated milestones apart, barriers, country cards, and broken data shown as a named error."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from smt_dashboard import st_internals
from tests.conftest import open_app_page, rewrite_cell, scope_lines

PAGE = "app_pages/policy.py"


def open_page(query: dict | None = None) -> AppTest:
    return open_app_page(PAGE, query)


def timeline(at: AppTest):
    """(title, rows drawn) of the timeline chart."""
    for element in at.get("vega_lite_chart"):
        spec = json.loads(element.proto.spec)
        if spec["title"]["text"].startswith("Jalons politiques"):
            return spec["title"]["text"], st_internals.frame_from_arrow_bytes(element.proto.datasets[0].data.data)
    raise AssertionError("no timeline")


def test_page_shows_timeline_budget_undated_barriers_and_cards():
    at = open_page()
    assert not at.exception and not at.error
    title, rows = timeline(at)
    # The FDA's 2002 milestone, 13 years before the others, is named off the axis instead of squeezing them.
    assert title == "Jalons politiques et réglementaires des SMT, 2015–2020"
    assert len(rows) == 21 and "fda_combination_2002" not in set(rows["event_id"])
    subtitle = next(json.loads(c.proto.spec)["title"]["subtitle"] for c in at.get("vega_lite_chart")
                    if json.loads(c.proto.spec)["title"]["text"] == title)
    assert "Hors de l'axe" in subtitle[-1] and "2002" in subtitle[-1]
    assert any(c.value.startswith("Source") and "FDA" in c.value for c in at.caption)
    budget = [m.value for m in at.markdown if m.value.startswith(":material/payments:")]
    assert len(budget) == 1 and "Plan national de santé numérique 264\u00a0M$" in budget[0].replace("\\", "")
    undated = next(m.value for m in at.markdown if "fast\\-track" in m.value)
    assert undated.count("\n- ") == 3  # four undated milestones
    headings = [m.value for m in at.markdown if m.value.startswith("#### ")]
    assert [h for h in headings if "Système" in h or "Écosystème" in h or "Entreprise elle" in h]
    for country in ("Israël", "Royaume\\-Uni", "États\\-Unis", "Allemagne", "Australie", "Belgique"):
        assert f"#### {country}" in headings


def test_jurisdiction_and_period_filters_from_the_address():
    # The address holds codes, so the same link works in French and English.
    at = open_page({"policy_jur": ["FR", "IL"], "policy_period": ["2018", "2019"]})
    assert not at.exception
    title, rows = timeline(at)
    assert title.endswith("2018–2019")
    assert set(rows["jurisdiction_label"]) == {"France", "Israël"} and len(rows) == 7
    assert "Jalons datés affichés : 7 sur 22." in [c.value for c in at.caption]


def test_a_filter_with_no_dated_milestone_says_so():
    at = open_page({"policy_jur": "DE"})
    assert not at.exception
    assert any(i.value.startswith("Aucun jalon daté") for i in at.info)
    assert any("fast\\-track" in m.value for m in at.markdown)  # still listed among the undated


def test_global_filters_do_not_apply():
    at = open_page({"region": "84"})
    assert any("ne s'appliquent pas" in i.value for i in scope_lines(at))


def test_broken_timeline_shows_a_named_error(data_copy):
    rewrite_cell(data_copy / "policy_timeline.csv", 4, "date", "en 2016")
    at = open_page()
    assert not at.exception
    assert len(at.error) == 1 and "policy\\_timeline" in at.error[0].value and "ligne 4" in at.error[0].value


def test_broken_barriers_keep_the_timeline(data_copy):
    rewrite_cell(data_copy / "barriers.csv", 2, "level", "national")
    at = open_page()
    assert not at.exception
    assert len(at.error) == 1 and "barriers" in at.error[0].value
    assert timeline(at)[1].shape[0] == 21


def test_jurisdiction_codes_in_the_address_work_in_english():
    at = open_page({"policy_jur": ["IL"], "lang": "en"})
    assert not at.exception
    spec = next(json.loads(e.proto.spec) for e in at.get("vega_lite_chart")
                if json.loads(e.proto.spec)["title"]["text"].startswith("Policy"))
    rows = st_internals.frame_from_arrow_bytes(
        next(e for e in at.get("vega_lite_chart") if json.loads(e.proto.spec) == spec).proto.datasets[0].data.data)
    assert set(rows["jurisdiction"]) == {"IL"}
