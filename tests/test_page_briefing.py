"""AppTest of the briefing page: views grouped by page with select-all, the deck's title, filters and
language, the download button, the key messages, and a broken data file."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from smt_dashboard import ui, views
from tests.conftest import open_app_page, page_with_broken_cell

PAGE = "app_pages/briefing.py"
NNBSP = "\u202f"


def open_page(query: dict | None = None) -> AppTest:
    return open_app_page(PAGE, query)


def checkbox(at: AppTest, key: str):
    return at.checkbox(key=key)


def preview(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def download(at: AppTest):
    (button,) = [b for b in at.get("download_button") if b.proto.label.startswith("Télécharger le dossier")
                 or b.proto.label.startswith("Download the meeting pack")]
    return button


def test_default_view():
    at = open_page()
    assert not at.exception and not at.error
    assert at.title[0].value == "Dossier de séance"
    labels = [c.label for c in at.checkbox]
    for view in views.BRIEFING:
        assert view.label("fr") in labels, view.key
        # The views the show plays are ticked at first; the others can be added.
        assert checkbox(at, f"brief_view_{view.key}").value is view.in_show, view.key
    assert 0 < len(views.SHOW) < len(views.VIEWS)
    # Select-all of the map page's views, which says how many are ticked ("3 / 4" when some are).
    map_views = [v for v in views.BRIEFING if v.page == "map"]
    ticked = sum(v.in_show for v in map_views)
    assert f"**Carte de l'écosystème** · {ticked} / {len(map_views)}" in labels
    assert at.text_input(key="briefing_title").value == "Dossier de séance – SMT"
    assert not download(at).proto.disabled
    assert download(at).proto.deferred_file_id  # built on click, not on every rerun
    text = preview(at)
    assert "Aucun filtre actif" in text and "français" in text
    assert ui.escape_md(f"La France : 7 deals sur 500 en 2018 (1,4{NNBSP}%).") in text
    # The count under the button agrees with the answer above it: views ticked, and those that make a slide.
    kept = len(views.SHOW) - 1  # the profile has no data without a filter
    assert any(c.value.startswith(f"{len(views.SHOW)} vues cochées sur {len(views.BRIEFING)}, dont {kept} avec des "
                                  "données") for c in at.caption)
    assert any(f"{kept} vues" in m.value for m in at.markdown if "lightbulb" in m.value)


def test_select_all_per_page():
    at = open_page()
    checkbox(at, "brief_group_map").uncheck().run()
    assert not at.exception
    for key in ("map", "companies_by_model", "us_comparison"):
        assert checkbox(at, f"brief_view_{key}").value is False
    assert "Où sont les entreprises" not in preview(at)
    assert checkbox(at, "brief_view_deals").value is True
    # Ticking the last unticked view of the group ticks the group again.
    for key in ("map", "companies_by_model"):
        checkbox(at, f"brief_view_{key}").check().run()
    assert checkbox(at, "brief_group_map").value is False
    checkbox(at, "brief_view_us_comparison").check().run()
    assert checkbox(at, "brief_group_map").value is True
    assert "Où sont les entreprises" in preview(at)


def test_nothing_selected_disables_the_download():
    at = open_page()
    for view in views.SHOW:
        checkbox(at, f"brief_view_{view.key}").uncheck()
    at.run()
    assert not at.exception
    assert download(at).proto.disabled
    assert any("Cochez au moins une vue" in i.value for i in at.info)


def test_english_and_filters():
    at = open_page({"lang": "en", "region": ["84"]})
    assert not at.exception and not at.error
    assert at.title[0].value == "Meeting pack"
    assert at.text_input(key="briefing_title").value == "Meeting pack – SMT"
    text = preview(at)
    assert ui.escape_md("Region: Auvergne-Rhône-Alpes") in text
    assert ui.escape_md("Companies in France: 4 (French: 4;") in text
    assert ui.escape_md("France: 7 deals out of 500 in 2018 (1.4%).") in text


def test_broken_dataset_disables_only_its_views(data_copy):
    at, _ = page_with_broken_cell(open_page, data_copy, "deals_2018.csv", 3, "deals", "beaucoup")
    deals = checkbox(at, "brief_view_deals")
    assert deals.value is False and deals.proto.disabled
    # The overview's headline figures read the deals too; the other views stay available.
    assert checkbox(at, "brief_view_overview_headlines").proto.disabled
    assert checkbox(at, "brief_view_map").value is True and not checkbox(at, "brief_view_map").proto.disabled
    assert not download(at).proto.disabled


def test_presentation_mode_shows_the_slide_show_of_the_ticked_views():
    """Presenting from the briefing page: the slide show of the views ticked there, in the deck's order."""
    at = open_page()
    checkbox(at, "brief_view_deals").uncheck().run()
    at.toggle(key="presentation_toggle").set_value(True).run()
    assert not at.exception and not at.error
    assert not at.checkbox and not at.text_input
    status = " ".join(c.value for c in at.caption)
    # Neither the unticked view nor the profile, which has no data without a filter (and is not said to be "left
    # out for these filters": there is none).
    total = len(views.SHOW) - 2
    assert f"Vue 1 / {total}" in status
    assert "sans données pour ces filtres" not in status
    assert at.title[0].value.replace("\\", "") == "Les chiffres clés des SMT en France"
    # Stepping to the end never shows the unticked view.
    titles = [at.title[0].value]
    for _ in range(total - 1):
        at.button(key="slide_next_bottom").click().run()
        titles.append(at.title[0].value)
    assert f"Vue {total} / {total}" in " ".join(c.value for c in at.caption)
    assert not any("deals" in t for t in titles)
    assert at.button(key="slide_next_bottom").proto.disabled  # the last slide
