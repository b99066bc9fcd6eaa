"""Region and therapy-area profiles: the figures beside France's (checked against the study's tables), the rows
no filter can judge, the sections a filter cannot reach, the page (pickers bound to the global filters) and the
profile slide of the deck."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from smt_dashboard import deck, profiles, views
from smt_dashboard.datasets import load_dataset, load_regions, region_names
from smt_dashboard.filters import FilterOptions, FilterState
from tests.conftest import APP, DATA, metrics


@pytest.fixture(scope="module")
def frames() -> dict:
    out = {name: load_dataset(name, DATA) for name in profiles.DATASETS}
    out[views.REGIONS] = load_regions(DATA)
    return out


@pytest.fixture(scope="module")
def options(frames) -> FilterOptions:
    return FilterOptions(regions=region_names(frames[views.REGIONS]))


def values(profile: profiles.Profile) -> dict[str, tuple[str, str]]:
    return {line.key: (line.value, line.national) for line in profile.lines if line.filtered}


def test_region_profile_beside_france(frames, options):
    profile = profiles.build(frames, FilterState(regions=("84",)), options, "fr")
    v = values(profile)
    assert profile.title == "Auvergne-Rhône-Alpes"
    # Biocorp (40), Eveon (25), Nemera (250), Diabeloop (56) of the 10 French companies and 7 subsidiaries.
    assert v["companies"] == ("4", "17")
    assert v["employees_french"] == ("371", "635")
    assert v["employees_subsidiaries"] == ("0", "4\u202f587")
    assert v["funds"] == ("49,3\u00a0M€", "80,9\u00a0M€")
    assert v["ux_campuses"] == ("4", "26")  # the four Lyon campuses
    assert v["ra_masters"] == ("1", "8")
    # The catalogue and the digital therapeutics have no region: not shown as filtered figures.
    assert {"smt", "examples", "dtx"}.isdisjoint(v)
    assert profile.not_applicable == ("catalogue", "dtx", "reimbursement")
    assert profile.takeaway.startswith("Auvergne-Rhône-Alpes : 4 entreprises de SMT sur 17 en France ; salariés des "
                                       "entreprises françaises : 371, salariés en France des filiales : 0")


def test_area_profile_counts_what_it_cannot_judge(frames, options):
    profile = profiles.build(frames, FilterState(areas=("diabetology",)), options, "fr")
    v = values(profile)
    assert v["companies"] == ("9", "17")
    assert v["smt"] == ("22", "40")  # "La moitié des SMT identifiées … sont positionnées en diabétologie"
    lines = {line.key: line for line in profile.lines}
    assert lines["companies"].unjudged == 5 and lines["companies"].unjudged_by == ("areas",)
    # The study counts 2 digital therapeutics in diabetology (its count by area), whatever its named list says.
    assert v["dtx"] == ("2", "8") and lines["dtx"].unjudged == 0
    assert "trainings" in profile.not_applicable


def test_profile_slide_in_a_deck(frames, options):
    state = FilterState(regions=("84",))
    view = views.VIEWS_BY_KEY["profile"]
    built = views.build(view, frames, state, "fr")
    assert built.kind == "table" and built.title == "Profil : Auvergne-Rhône-Alpes"
    data = deck.build_deck([(view, built)], title=built.title, state=state, options=options,
                           sources=load_dataset("sources", DATA), lang="fr", app_url="https://smt.example.org/",
                           today=date(2026, 12, 1), picture=lambda *_: None)
    slides = list(Presentation(io.BytesIO(data)).slides)
    assert len(slides) == 3  # title, the profile, the sources
    cells = [cell.text for shape in slides[1].shapes if shape.has_table for row in shape.table.rows
             for cell in row.cells]
    assert "Entreprises en France" in cells and "4" in cells and "17" in cells
    assert "49,3\u00a0M€" in cells


def test_profile_without_a_choice_says_how_to_choose(frames):
    built = views.build(views.VIEWS_BY_KEY["profile"], frames, FilterState(), "fr")
    assert built.kind == "empty" and "Choisissez une région" in built.takeaway


def _open(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.switch_page("app_pages/profile.py").run()


def test_profile_page_follows_and_sets_the_global_filters():
    at = _open()
    assert not at.exception
    assert any("Choisissez une région" in i.value for i in at.info)
    # The page's region picker sets the global region filter (sidebar and address).
    at.selectbox(key="profile_region").set_value("84").run()
    assert not at.exception
    assert at.multiselect(key="flt_regions").value == ["84"]
    assert at.query_params["region"] in ("84", ["84"])
    m = metrics(at)
    assert m["Entreprises en France"] == "4"
    assert m["Campus formant des designers UX / UI"] == "4"
    # And the sidebar drives the page: an area added in the sidebar shows in the page's area picker.
    at.multiselect(key="flt_areas").set_value(["diabetology"]).run()
    assert at.selectbox(key="profile_area").value == "diabetology"
    assert metrics(at)["SMT identifiées"] == "22"


def test_a_link_that_names_filters_sets_them():
    """A link with filter parameters (the catalogue's area links) replaces the filters of the session."""
    at = _open({"region": "84"})
    assert at.multiselect(key="flt_regions").value == ["84"]
    at.query_params.clear()
    at.query_params["area"] = "oncology"
    at.run()
    assert at.multiselect(key="flt_regions").value == []
    assert at.multiselect(key="flt_areas").value == ["oncology"]
    # A link without filter parameters (the navigation) keeps them.
    at.query_params.clear()
    at.run()
    assert at.multiselect(key="flt_areas").value == ["oncology"]
