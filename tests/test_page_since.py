"""The "Depuis l'étude" page and every place a post-study development shows: each one is badged "hors étude" and
followed by its own public source (address and excerpt); the page's choices and the global filters act on it."""

from __future__ import annotations

import pytest

from smt_dashboard import developments as dv
from smt_dashboard import ui
from smt_dashboard.datasets import load_dataset
from tests.conftest import DATA, metrics, open_app_page

PAGE = "app_pages/since.py"


@pytest.fixture(scope="module")
def prepared():
    return dv.prepare(load_dataset("developments", DATA), load_dataset("companies", DATA), "fr")


def _elements(at) -> list:
    out: list = []

    def walk(node):
        for child in getattr(node, "children", {}).values():
            out.append(child)
            walk(child)

    walk(at._tree)
    return out


def _post_study_items(at, prepared) -> list[tuple[str, str, str]]:
    """(development id, the badge last seen before it, the caption right after it) for each development sentence a
    page shows as text, in page order."""
    texts = {ui.escape_md(t): (d, url) for d, t, url in zip(prepared["development_id"], prepared["text"],
                                                            prepared["source_url"])}
    found, badge, elements = [], "", _elements(at)
    for pos, node in enumerate(elements):
        kind, value = getattr(node, "type", ""), getattr(node, "value", None)
        if not isinstance(value, str):
            continue
        if kind == "markdown" and "-badge[" in value:
            badge = value
        if kind == "markdown":
            for text, (dev_id, url) in texts.items():
                if text in value:
                    after = next((getattr(n, "value", "") for n in elements[pos + 1:] if getattr(n, "type", "") == "caption"),
                                 "")
                    found.append((dev_id, badge, after, url))
    return found


@pytest.mark.parametrize("page, query", [
    ("since", {"since_kind": "company"}),
    ("swot", {"swot_item": ["t4", "w2"]}),
    ("policy", None),
    ("catalogue", None),
    ("funding", None),
    ("profile", {"region": "84"}),
    ("map", None),
])
def test_no_post_study_row_without_its_badge_and_source(prepared, page, query):
    at = open_app_page(f"app_pages/{page}.py", query)
    if page == "map":  # a company card open, as after a click on Biocorp
        at.session_state["map_cards"] = ["biocorp"]
        at.run()
    assert not at.exception and not at.error
    items = _post_study_items(at, prepared)
    assert items, f"{page}: no development shown"
    for dev_id, badge, after, url in items:
        assert "Hors étude — source publique, lue le" in badge, (page, dev_id, badge)
        assert after.startswith("Source publique (hors étude)") and f"]({url})" in after, (page, dev_id, after[:160])


def test_the_page_answers_and_its_choices_act(prepared):
    at = open_app_page(PAGE)
    assert not at.exception and not at.error
    message = " ".join(m.value for m in at.markdown if "évolutions recensées depuis l'étude" in m.value)
    assert f"{len(prepared)} évolutions recensées" in message
    assert "Sur les 15 recommandations de l'étude" in message
    shown = [c.value for c in at.caption if c.value.startswith("Évolutions affichées")]
    assert shown == [f"Évolutions affichées : {len(prepared)} sur {len(prepared)}."]
    companies = int((prepared["kind"] == "company").sum())
    at = open_app_page(PAGE, {"since_kind": "company", "since_jur": "FR"})
    expected = int(((prepared["kind"] == "company") & (prepared["jurisdiction"] == "FR")).sum())
    assert 0 < expected < companies
    assert [c.value for c in at.caption if c.value.startswith("Évolutions affichées")] == [
        f"Évolutions affichées : {expected} sur {len(prepared)}."]
    # The list reads whole (wrapped rows in one section per year, no grid): the sections count the chosen ones.
    chosen = prepared[(prepared["kind"] == "company") & (prepared["jurisdiction"] == "FR")]
    years = {e.label.split(" — ")[0]: int(e.label.split(" — ")[1].split()[0]) for e in at.expander
             if e.label[:4].isdigit() and " — " in e.label}
    assert years == {str(y): int(n) for y, n in chosen["year"].value_counts().items()}
    for text in chosen["text"]:  # each sentence shown whole
        assert any(ui.escape_md(text) in m.value for m in at.markdown), text


def test_the_17_companies_each_have_an_answer():
    at = open_app_page(PAGE)
    table = next(d.value for d in at.dataframe if "Évolutions trouvées" in d.value.columns)
    assert len(table) == 17 and set(table["Recherche du"]) == {"4 déc. 2026"}
    at.selectbox(key="since_company").set_value("kap_code").run()
    assert any("Aucun événement public trouvé depuis l'étude (recherche du 4 déc. 2026)" in c.value.replace("\\", "")
               for c in at.caption)


def test_a_region_filter_keeps_the_developments_of_its_companies():
    at = open_app_page(PAGE, {"region": "84"})
    assert not at.exception and not at.error
    shown = next(c.value for c in at.caption if c.value.startswith("Évolutions affichées"))
    assert "sur 81" in shown or "sur" in shown
    assert any("n'ont pas de valeur" in c.value or "non renseigné" in c.value.lower() for c in at.caption)


def test_english():
    at = open_app_page(PAGE, {"lang": "en"})
    assert not at.exception and not at.error
    assert at.title[0].value == "Since the study"
    assert any("Outside the study — public source, read on 4 Dec 2026" in m.value for m in at.markdown)


def test_recommendation_cards_carry_their_follow_up():
    at = open_app_page("app_pages/recommendations.py")
    assert not at.exception and not at.error
    badges = [m.value for m in at.markdown if "Hors étude · " in m.value]
    assert len(badges) == 15
    assert sum("En cours" in b for b in badges) == 5
    assert "réalisées : 0 ; en cours : 5" in " ".join(m.value for m in at.markdown).replace("\\", "")
    assert metrics(at) is not None
