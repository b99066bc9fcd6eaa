"""One address binding: every widget that lives in the address goes through ``address.widget`` (codes in the address,
never translated labels; a value the address cannot use falls back to the default with the app's notice), and no page
touches ``st.query_params``."""

from __future__ import annotations

import ast

import pytest

from smt_dashboard import address
from tests.conftest import ROOT, open_app_page


def test_no_page_touches_the_address_itself():
    for path in sorted((ROOT / "app_pages").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            assert not (isinstance(node, ast.Attribute) and node.attr == "query_params"), path.name
            assert not (isinstance(node, ast.keyword) and node.arg == "bind"), path.name


def test_bindings_are_page_query_keys_and_parse_what_they_write():
    with pytest.raises(ValueError):
        address.Binding("not_a_page_key", "codes")
    codes = address.Binding("policy_jur", "codes", (), ("FR", "DE", "US"))
    assert address.parse(codes, ["DE", "FR", "DE"]) == (["DE", "FR"], True)
    assert address.parse(codes, ["DE", "XX"]) == (["DE"], False)  # the unknown code dropped and said
    period = address.Binding("policy_period", "range", (2002, 2020), bounds=(2002, 2020))
    assert address.parse(period, ["2010", "2015"]) == ((2010, 2015), True)
    assert address.parse(period, ["2015", "2010"]) == ((2002, 2020), False)
    assert address.parse(period, ["1990", "2015"]) == ((2002, 2020), False)
    assert address.serialise(period, (2002, 2020)) == []  # the default keeps the address short
    assert address.serialise(period, (2010, 2015)) == ["2010", "2015"]
    weight = address.Binding("ix_w_use", "int", 50, bounds=(0, 100))
    assert address.parse(weight, ["abc"]) == (50, False) and address.parse(weight, ["100"]) == (100, True)
    query = address.Binding("q", "text", "")
    text, usable = address.parse(query, ["x" * 3000])
    assert len(text) == address.MAX_TEXT and not usable  # cut, and said


def test_a_bad_page_value_falls_back_with_a_notice():
    at = open_app_page("app_pages/policy.py", {"policy_jur": ["FR", "ZZ"], "policy_period": ["2019", "2005"]})
    assert not at.exception
    assert at.session_state["policy_jur"] == ["FR"]
    from smt_dashboard import policy
    from smt_dashboard.datasets import load_dataset
    from tests.conftest import DATA

    assert tuple(at.session_state["policy_period"]) == policy.year_bounds(load_dataset("policy_timeline", DATA))
    reasons = {(n.key, n.reason) for n in at.session_state["url_notices"]}
    assert ("policy_jur", "unknown_value") in reasons and ("policy_period", "unknown_value") in reasons


def _all(at, key: str) -> list[str]:
    value = at.query_params[key]
    return list(value) if isinstance(value, list) else [value]


def test_codes_not_labels_reach_the_address_and_a_link_wins_over_the_session():
    at = open_app_page("app_pages/funding.py", {"lang": "en"})
    at.multiselect(key="fd_company").set_value(["Diabeloop"]).run()
    assert _all(at, "fd_company") == ["Diabeloop"]
    at.slider(key="fd_period").set_value((2015, 2018)).run()
    assert _all(at, "fd_period") == ["2015", "2018"]
    at.slider(key="fd_period").set_value((2010, 2019)).run()  # the whole span: the address drops it
    assert "fd_period" not in at.query_params
    # A link that names another company (the company page's "open funding") replaces the session's choice.
    at.query_params["fd_company"] = ["Voluntis"]
    at.run()
    assert at.session_state["fd_company"] == ["Voluntis"]
