"""AppTest of the recommendations page: every action with its targets and SWOT answers, target filter from
the address, links that open the SWOT on the answered items, and broken data as a named error."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import open_app_page, rewrite_cell

PAGE = "app_pages/recommendations.py"


def open_page(query: dict | None = None) -> AppTest:
    return open_app_page(PAGE, query)


def actions(at: AppTest) -> list[str]:
    return [m.value for m in at.main.markdown if m.value.startswith("**Cibles :**")]


def test_every_action_with_its_objective_targets_and_answers():
    at = open_page()
    assert not at.exception and not at.error
    assert len(actions(at)) == 15
    objectives = [m.value for m in at.markdown if m.value.startswith(("#### Objectif", "#### Formations"))]
    assert objectives[0].startswith("#### Objectif 1 : favoriser un écosystème d'acteurs")
    assert len(objectives) == 6  # one tab per objective of the study, the training objectives in one tab
    assert [t.label for t in at.tabs][-2:] == ["Cibles des actions", "Suivi des recommandations"]
    assert any(":blue-badge[Centres hospitaliers]" in a for a in actions(at))
    # Each action's answers sit in its "Répond à n éléments du SWOT" menu.
    answers = [m.value for m in at.main.markdown if m.value.startswith("- :material/")]
    assert any("Financement limité des entreprises innovantes" in a for a in answers)
    links = [p for p in at.main.get("page_link") if "swot" in p.proto.page]
    assert links and "swot_item=w1" in links[0].proto.query_string and "swot_item=w3" in links[0].proto.query_string
    assert any("Chacune des 11 faiblesses et menaces" in c.value for c in at.caption)
    assert any(c.value.startswith("Source") for c in at.caption)


def test_target_filter_from_the_address():
    at = open_page({"reco_target": "hospitals"})
    assert not at.exception
    assert len(actions(at)) == 1
    assert "Actions affichées : 1 sur 15." in [c.value for c in at.caption]


def test_broken_recommendations_show_a_named_error(data_copy):
    rewrite_cell(data_copy / "recommendations.csv", 5, "targets", "ministere")
    at = open_page()
    assert not at.exception
    assert len(at.error) == 1 and "recommendations" in at.error[0].value and "ligne 5" in at.error[0].value
    assert not actions(at)
