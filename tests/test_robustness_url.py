"""Bad links never break the app: any URL query falls back to defaults with a notice."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from smt_dashboard.datasets import load_regions, region_names
from smt_dashboard.filters import FilterOptions, FilterState, parse_query, share_url, to_query
from tests.conftest import DATA, ROOT

OPTIONS = FilterOptions(regions=region_names(load_regions(DATA)))
KEYS = st.sampled_from(["region", "area", "model", "nat", "lang", "mode", "embed", "x", "<b>", "région", "a" * 300])
VALUES = st.one_of(
    st.sampled_from(["11", "84", "53", "diabetology", "integrated", "french", "en", "presentation", "",
                     "<script>alert(1)</script>", "[x](http://evil)", "**gras**", "=HYPERLINK(1)", "99"]),
    st.text(max_size=400),
)
QUERIES = st.dictionaries(KEYS, st.lists(VALUES, min_size=1, max_size=6), max_size=8)


@given(QUERIES)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_parse_never_raises_and_keeps_only_valid_values(query):
    result = parse_query(query, OPTIONS)
    state = result.state
    assert set(state.regions) <= set(OPTIONS.regions)
    assert set(state.areas) <= set(OPTIONS.areas)
    assert state.lang in ("fr", "en") and state.mode in ("normal", "presentation")
    assert all(len(n.value) <= 41 and len(n.key) <= 41 for n in result.notices)
    # The cleaned state is a valid, stable URL.
    assert parse_query(to_query(state), OPTIONS).state == state
    assert parse_query(to_query(state), OPTIONS).notices == ()


@given(QUERIES)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_app_survives_any_query(query):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, values in query.items():
        at.query_params[key] = values
    at.run()
    assert not at.exception
    if parse_query(query, OPTIONS).state.mode == "presentation":
        # The slide show, from its first view.
        assert any(c.value.startswith(("Vue 1 / ", "View 1 / ")) for c in at.caption)
    else:
        assert at.title[0].value in ("Vue d'ensemble", "Overview")
    expected_notices = parse_query(query, OPTIONS).notices
    assert bool(at.warning) == bool(expected_notices)
    for markdown in at.warning:
        assert "<script>" not in markdown.value  # escaped: shown, never executed


def test_share_url():
    state = FilterState(regions=("53",), areas=("diabetology",), lang="en", mode="presentation")
    url = share_url("http://10.0.0.5:8501/funding", "map", state)
    assert url == "http://10.0.0.5:8501/map?region=53&area=diabetology&lang=en&mode=presentation"
    assert share_url(None, "", FilterState()) == "http://localhost:8501/"


def test_share_url_keeps_page_parameters():
    url = share_url("http://h:1/", "jobs", FilterState(), {"sim_cagr": ["10"], "empty": []})
    assert url == "http://h:1/jobs?sim_cagr=10"
