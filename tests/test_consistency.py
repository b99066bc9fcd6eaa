"""One figure, one value everywhere: each figure of the metrics layer reads the same on every surface that shows it
(overview cards and their slide, region / area profiles and their slide, the map's figures and key message, the
catalogue), under a spread of filters — every region with companies, every therapy area, region × area pairs, the
model and nationality filters — with the same national reference and the same "non renseigné" count."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smt_dashboard import metrics, profiles, views
from smt_dashboard.datasets import load_dataset, load_regions, region_names
from smt_dashboard.filters import FilterOptions, FilterState
from smt_dashboard.schemas import MODELS, THERAPY_AREAS
from tests.conftest import DATA, open_app_page

COMPANIES = load_dataset("companies", DATA)
REGIONS_WITH_COMPANIES = sorted(COMPANIES["region_code"].dropna().unique())
ALL_REGIONS = sorted(region_names(load_regions(DATA)))


@pytest.fixture(scope="module")
def frames() -> dict:
    names = set(views.datasets_of(views.VIEWS)) | {n for m in metrics.METRICS for n in m.datasets}
    out: dict = {n: load_dataset(n, DATA) for n in names if n != views.REGIONS}
    out[views.REGIONS] = load_regions(DATA)
    return out


states = st.builds(
    FilterState,
    regions=st.lists(st.sampled_from(ALL_REGIONS), max_size=2, unique=True).map(tuple),
    areas=st.lists(st.sampled_from(THERAPY_AREAS), max_size=2, unique=True).map(tuple),
    models=st.lists(st.sampled_from(MODELS), max_size=1, unique=True).map(tuple),
    nationalities=st.lists(st.sampled_from(["french", "foreign_subsidiary"]), max_size=1, unique=True).map(tuple),
)


def _check_surfaces(frames: dict, state: FilterState) -> None:
    lang = "fr"
    figs = {m.key: m.compute(frames, state) for m in metrics.METRICS}
    # The overview's slide (the overview page's cards come from the same headlines).
    table = views.build(views.VIEWS_BY_KEY["overview_headlines"], frames, state, lang).content
    values = dict(zip(table["Indicateur"], table["Valeur"]))
    details = dict(zip(table["Indicateur"], table["Détail"]))

    def overview(key: str) -> str:
        label = figs[key].label(lang)
        return next(v for k, v in values.items() if k.startswith(label))

    for key in ("smt", "employees_french", "funds"):
        assert overview(key) == figs[key].display(lang), (key, state)
        if figs[key].filtered:
            assert next(d for k, d in details.items() if k.startswith(figs[key].label(lang))).endswith(
                figs[key].scope(lang)), (key, state)
    if figs["companies"].filtered:
        assert overview("companies") == figs["companies"].display(lang)
    if not (figs["employees_french"].is_none and figs["employees_subsidiaries"].is_none):
        assert figs["employees_subsidiaries"].display(lang) in next(
            d for k, d in details.items() if k.startswith(figs["employees_french"].label(lang)))
    # The profile (page and slide build it the same way) when a region or an area is chosen.
    if profiles.is_profiled(state):
        options = FilterOptions(regions=region_names(frames[views.REGIONS]))
        profile = profiles.build(frames, state, options, lang)
        lines = {line.key: line for line in profile.lines}
        for key in ("companies", "employees_french", "employees_subsidiaries", "funds", "operations", "smt", "dtx",
                    "ux_campuses"):
            assert (lines[key].value, lines[key].national) == (figs[key].display(lang), figs[key].national_display(lang))
            assert lines[key].unjudged == figs[key].unjudged, (key, state)
        if figs["companies"].is_none:  # no company: said in words (where), never as a row of zeros
            assert profile.takeaway.startswith("L'étude ne cite aucune entreprise de SMT "), profile.takeaway
        else:
            # The headline never adds the subsidiaries' staff to the French companies' staff (1 650 for 521 + 1 129).
            assert f"salariés des entreprises françaises : {figs['employees_french'].display(lang)}" in profile.takeaway
            assert f"salariés en France des filiales : {figs['employees_subsidiaries'].display(lang)}" in profile.takeaway
    # The map's key message counts the same companies.
    built = views.build(views.VIEWS_BY_KEY["map"], frames, state, lang)
    if figs["companies"].value:
        assert built.takeaway.startswith(f"Entreprises en France : {figs['companies'].display(lang)} "
                                         f"(françaises : {figs['french_companies'].display(lang)}"), built.takeaway


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(state=states)
def test_every_figure_reads_the_same_on_every_pure_surface(frames, state):
    _check_surfaces(frames, state)


@pytest.mark.parametrize("state", [FilterState(regions=(r,)) for r in REGIONS_WITH_COMPANIES]
                         + [FilterState(areas=(a,)) for a in THERAPY_AREAS]
                         + [FilterState(regions=("84",), areas=("diabetology",)),
                            FilterState(regions=("11",), areas=("oncology",))],
                         ids=lambda s: "-".join(s.regions + s.areas))
def test_every_region_and_area(frames, state):
    _check_surfaces(frames, state)


def test_the_cases_that_used_to_disagree(frames):
    """Diabetology: the French companies' staff is 521 on every surface and the subsidiaries' 1 129 beside it (never
    1 650 under one name); the study counts 2 digital therapeutics in diabetology, so no surface says 0."""
    state = FilterState(areas=("diabetology",))
    assert metrics.employees_french(frames, state).value == 521
    assert metrics.employees_subsidiaries(frames, state).value == 1129
    assert metrics.dtx(frames, state).value == 2
    options = FilterOptions(regions=region_names(frames[views.REGIONS]))
    profile = profiles.build(frames, state, options, "fr")
    assert "1 650" not in profile.takeaway.replace("\u202f", " ")
    assert {line.key: line.value for line in profile.lines}["dtx"] == "2"


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("query", [{"area": "diabetology"}, {"region": "84"}, {"region": "11", "area": "diabetology"},
                                   {"region": "76"}])
def test_pages_show_the_same_figures(frames, query):
    state = FilterState(regions=tuple(filter(None, [query.get("region")])),
                        areas=tuple(filter(None, [query.get("area")])))
    figs = {m.key: m.compute(frames, state) for m in metrics.METRICS}
    shown = {page: _metrics(open_app_page(f"app_pages/{page}.py", query))
             for page in ("overview", "profile", "map", "catalogue")}
    for page, keys in {"overview": ("smt", "employees_french", "funds"),
                       "profile": ("companies", "employees_french", "employees_subsidiaries", "funds", "smt", "dtx"),
                       "map": ("french_companies", "subsidiaries", "employees_french", "employees_subsidiaries"),
                       "catalogue": ("smt", "dtx")}.items():
        for key in keys:
            if page == "map" and not figs["companies"].value:
                continue  # no company: the map says so instead of drawing zeros
            if page == "profile" and not figs[key].filtered:
                continue  # a profile shows the figures its filters can judge (the others are named as not applicable)
            label = figs[key].label("fr")
            assert shown[page].get(label) == figs[key].display("fr"), (page, key, query, shown[page])
