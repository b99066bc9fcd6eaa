"""The search index: names, typos, accents, both languages, post-study developments, grouping, suggestions."""

from __future__ import annotations

import pytest

from smt_dashboard import datasets, search
from tests.conftest import DATA


@pytest.fixture(scope="module")
def frames():
    return {name: datasets.load_dataset(name, DATA) for name in search.DATASETS}


@pytest.fixture(scope="module")
def index(frames):
    regions = datasets.region_names(datasets.load_regions(DATA))
    return search.build_index(frames, regions, search.areas_present(frames), "fr")


def top(index, query):
    hits = search.search(index, query)
    assert hits, query
    return hits[0].entry


@pytest.mark.parametrize("query", ["Voluntis", "voluntis", "volontis", "VOLUNTIS", "  voluntis "])
def test_a_name_its_case_and_a_typo_find_the_company_first(index, query):
    entry = top(index, query)
    assert (entry.kind, entry.entry_id) == ("company", "voluntis")
    assert entry.target.page == "company" and dict(entry.target.params) == {"company": "voluntis"}


def test_insuline_finds_products_and_companies(index, frames):
    hits = search.search(index, "insuline")
    kinds = {h.entry.kind for h in hits}
    assert {"product", "company"} <= kinds
    companies = {h.entry.entry_id for h in hits if h.entry.kind == "company"}
    # The companies whose description names insulin (Diabeloop's pump, Diabilive's dose app, Diabnext's pen sensor).
    described = frames["companies"].loc[frames["companies"]["description_fr"].str.contains("insuline", na=False),
                                        "company_id"]
    assert set(described) <= companies
    assert any("insuline" in h.entry.title.lower() for h in hits if h.entry.kind == "product")


def test_english_words_find_the_same_rows(index):
    fr = {h.entry.entry_id for h in search.search(index, "insuline") if h.entry.kind == "company"}
    en = {h.entry.entry_id for h in search.search(index, "insulin") if h.entry.kind == "company"}
    assert fr and fr <= en


def test_pecan_finds_the_post_study_development(index, frames):
    hits = search.search(index, "PECAN")
    developments = [h.entry for h in hits if h.entry.kind == "development"]
    assert developments and all(e.target.page == "since" for e in developments)
    texts = frames["developments"].set_index("development_id")["text_fr"]
    assert all("PECAN" in texts[e.entry_id] for e in developments)
    assert all("hors étude" in e.context for e in developments)


@pytest.mark.parametrize("query", ["diabéto", "diabeto", "Diabétologie", "diabetology"])
def test_a_partial_area_leads_to_its_profile_first(index, query):
    groups = search.grouped(search.search(index, query))
    first_kind = next(iter(groups))
    assert first_kind == "area", list(groups)
    area = groups["area"][0].entry
    assert area.entry_id == "diabetology" and area.target.page == "profile" and area.target.areas == ("diabetology",)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("query,area", [("diabète", "diabetology"), ("diabetes", "diabetology"),
                                        ("asthme", "respiratory"), ("asthma", "respiratory"), ("cancer", "oncology")])
def test_the_word_a_reader_types_for_an_area_leads_to_it_before_anything_else(frames, query, area, lang):
    """« diabète » once listed 18 post-study items and 15 companies before Diabétologie; "diabetes" did not find
    the area at all."""
    regions = datasets.region_names(datasets.load_regions(DATA))
    index = search.build_index(frames, regions, search.areas_present(frames), lang)
    groups = search.grouped(search.search(index, query))
    assert list(groups)[:1] == ["area"], list(groups)
    assert groups["area"][0].entry.entry_id == area


def test_the_study_comes_before_what_was_said_of_it_since(index):
    """At an equal match (« diabète » in a development's text and in a company's description), the study's
    entries come before the post-study developments."""
    groups = list(search.grouped(search.search(index, "diabète")))
    assert groups.index("company") < groups.index("development"), groups


@pytest.mark.parametrize("lang,query,title", [("fr", "inhaler", "Inhalateur"), ("en", "inhalateur", "Inhaler"),
                                               ("fr", "inhalateur", "Inhalateur"), ("en", "inhaler", "Inhaler")])
def test_a_device_type_is_found_first_by_its_name_in_either_language(frames, lang, query, title):
    index = search.build_index(frames, {}, search.areas_present(frames), lang)
    first = search.search(index, query)[0].entry
    assert (first.kind, first.title) == ("smt", title)


def test_accents_and_punctuation_do_not_matter():
    assert search.normalize("Diabétologie (Île-de-France) – œil") == "diabetologie ile de france oeil"
    assert search.words("Connect'inh") == ["connect", "inh"]


def test_every_kind_is_indexed(index):
    assert {e.kind for e in index.entries} == set(search.KINDS)


def test_a_region_result_sets_the_region_filter(index):
    entry = top(index, "Auvergne-Rhône-Alpes")
    assert entry.kind == "region" and entry.target.regions == ("84",) and entry.target.page == "profile"


def test_a_us_company_leads_to_the_map_not_a_company_page(index):
    entry = top(index, "Dexcom")
    assert entry.kind == "company" and entry.target.page == "map"
    assert "us_dexcom" not in search.company_ids(index) and "voluntis" in search.company_ids(index)
    assert len(search.company_ids(index)) == 17


def test_nothing_found_says_so_and_suggests_the_nearest_names(index):
    assert search.search(index, "zzqx") == []
    assert search.search(index, "le la des") == []  # only words that say nothing
    assert "Voluntis" in search.suggestions(index, "Voluntisss Medicals")


def test_every_word_must_match(index):
    both = search.search(index, "Voluntis Aptar")
    assert both and all(h.entry.kind == "development" for h in both[:2])
    assert {h.entry.entry_id for h in both} < {h.entry.entry_id for h in search.search(index, "Voluntis")} | {
        h.entry.entry_id for h in search.search(index, "Aptar")}


def test_english_index_shows_english_context(frames):
    index = search.build_index(frames, {}, ("diabetology",), "en")
    entry = next(e for e in index.entries if e.kind == "area")
    assert entry.title == "Diabetology"
    assert top(index, "voluntis").context.startswith("French company")


def test_word_matches_are_cached_per_index_bounded_and_shared_safely(frames, index):
    """Every session shares the index: word matching is a pure function behind a bounded LRU cache (locked by
    functools), keyed by the index's own vocabulary, so another data version never reads this one's matches."""
    from concurrent.futures import ThreadPoolExecutor

    search.clear_word_cache()
    assert search._word_matches.cache_info().maxsize == 4096
    queries = ["volontis", "insuline", "diabto", "stylo connecté", "Biocorp"] * 8
    expected = [search.search(index, q) for q in queries[:5]] * 8
    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(lambda q: search.search(index, q), queries)) == expected
    assert search._word_matches.cache_info().hits > 0
    companies = frames["companies"]
    other = search.build_index({"companies": companies[companies["company_id"] != "voluntis"]}, {}, (), "fr")
    assert other.vocabulary is not index.vocabulary
    assert "voluntis" not in {h.entry.entry_id for h in search.search(other, "volontis")}
    assert top(index, "volontis").entry_id == "voluntis"  # the first index's matches are untouched
