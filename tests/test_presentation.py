"""AppTest of the slide show's controls: no slide without data (the status line counts them), the filters inside
the show (the slide, the status line and the address follow; a view the filter empties says so), the speaker notes
(the deck's own), going to a slide by its title. The keys themselves are pressed in tests/e2e/test_presentation.py."""

from __future__ import annotations

from smt_dashboard import deck, presentation, slides, views
from smt_dashboard import state as app_state
from tests.conftest import open_app_page


def open_show(query: dict | None = None, page: str = "app_pages/overview.py"):
    at = open_app_page(page, {"mode": "presentation", **(query or {})})
    assert not at.exception and not at.error, [e.value for e in at.error]
    return at


def status(at) -> str:
    return at.caption[0].value.replace("\\", "")


def shown_keys(at) -> tuple[str, ...]:
    return at.session_state[presentation.SHOW_KEY][0]


def test_views_without_data_are_left_out_and_counted():
    at = open_show()
    # Without a filter the region / area profile has nothing to show: not a slide, and the status line says so.
    assert "profile" not in shown_keys(at)
    assert len(shown_keys(at)) == len(views.SHOW) - 1
    # Without a filter nothing is "without data for these filters": the status line says only where the show is.
    assert status(at) == f"Vue 1 / {len(views.SHOW) - 1} · Filtres : Aucun filtre actif"
    # With a region, the profile has data: a slide, and nothing left out.
    at = open_show({"region": "84"})
    assert "profile" in shown_keys(at) and "sans données" not in status(at)


def test_a_filtered_show_plays_the_filtered_views_first_then_the_national_context_marked():
    at = open_show({"region": "84", "area": "diabetology"})
    keys = shown_keys(at)
    acting = [k for k in keys if set(views.VIEWS_BY_KEY[k].applies) & {"regions", "areas"}]
    national = [k for k in keys if k not in acting]
    assert acting and national and list(keys) == acting + national  # the filtered views first
    at.session_state[app_state.SLIDE_KEY] = national[0]
    at.run()
    marker = [h for h in at.get("html") if "smt-national" in str(h.proto.body)]
    assert marker and "France entière — ces filtres ne s&#x27;appliquent pas" in str(marker[0].proto.body)
    # Left out at the presenter's choice (the switch in the show's filter panel), and the address says so.
    at.toggle(key=app_state.NATIONAL_KEY).set_value(False).run()
    assert list(shown_keys(at)) == acting
    assert at.query_params["national"] in ("0", ["0"])


def test_left_out_views_in_english():
    at = open_show({"lang": "en", "region": "76"})
    left = len(views.SHOW) - len(shown_keys(at))
    assert left >= 4  # Occitanie has no SMT company: the company views and funding are left out
    assert status(at).endswith(f"{left} views without data for these filters")


def test_the_filters_in_the_show_redraw_the_slide_and_the_address():
    at = open_show({"slide": "companies_by_model"}, page="app_pages/map.py")
    assert at.session_state[app_state.SLIDE_KEY] == "companies_by_model"
    before = at.markdown[0].value if at.markdown else ""
    at.multiselect(key="flt_regions").set_value(["84"]).run()
    assert not at.exception
    assert at.session_state[app_state.MODE_KEY] == "presentation"  # the show goes on
    assert at.session_state[app_state.SLIDE_KEY] == "companies_by_model"  # on the same slide
    assert "Région : Auvergne-Rhône-Alpes" in status(at)
    assert at.query_params["region"] in ("84", ["84"]) and at.query_params["mode"] in ("presentation", ["presentation"])
    takeaway = [m.value for m in at.markdown if "entreprises" in m.value][0]
    assert "3 sur 4" in takeaway and takeaway != before  # the view under the region: 3 of its 4 companies


def test_a_filter_that_empties_the_slide_on_screen_says_so_and_the_next_move_drops_it():
    at = open_show({"slide": "companies_by_model"}, page="app_pages/map.py")
    at.multiselect(key="flt_regions").set_value(["76"]).run()
    assert not at.exception
    # The slide stays, says what is empty and where, and draws nothing.
    assert at.session_state[app_state.SLIDE_KEY] == "companies_by_model"
    assert "companies_by_model" in shown_keys(at)
    text = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "L'étude ne cite aucune entreprise de SMT en Occitanie." in text
    assert not at.get("imgs") and not at.get("image")
    at.button(key="slide_next_bottom").click().run()
    assert "companies_by_model" not in shown_keys(at)
    assert "sans données pour ces filtres" in status(at)


def test_notes_show_the_decks_notes_and_hide_again():
    at = open_show({"slide": "jobs_projection"}, page="app_pages/jobs.py")
    assert not any(m.value.startswith("### Notes") for m in at.markdown)
    at.button(key="slide_notes_button").click().run()
    notes = [m.value for m in at.markdown]
    assert "### Notes" in notes
    body = notes[notes.index("### Notes") + 1].replace("\\", "")
    # The deck's notes: the takeaway, the full source, the caveats (here the study's optimistic scenario).
    built = views.build(views.VIEWS_BY_KEY["jobs_projection"], _frames(), _state(), "fr")
    assert built.takeaway.replace("\\", "") in body
    assert "Source : AEC Partners (2020)" in body
    assert "Précautions :" in body and "optimiste" in body
    at.button(key="slide_notes_button").click().run()
    assert "### Notes" not in [m.value for m in at.markdown]


def test_go_to_a_slide_by_its_title_then_next_moves_on_from_it():
    at = open_show()
    assert not [s for s in at.selectbox if str(s.key).startswith(presentation.GOTO_WIDGET)]  # drawn when opened
    at.session_state[presentation.GOTO_PANEL] = True
    at.run()
    goto = at.selectbox(key=presentation.GOTO_WIDGET + "_0")
    labels = goto.options
    assert labels[0].startswith("1 · ") and any("Benchmark" in label or "deals" in label.lower() for label in labels)
    assert goto.value is None  # the list never holds the slide on screen
    goto.set_value("deals").run()
    assert at.session_state[app_state.SLIDE_KEY] == "deals"
    assert at.session_state[presentation.GOTO_PANEL] is False  # the list closes once a slide is chosen
    position = shown_keys(at).index("deals")
    assert status(at).startswith(f"Vue {position + 1} / ")
    at.button(key="slide_next_bottom").click().run()
    at.button(key="slide_next_bottom").click().run()
    assert status(at).startswith(f"Vue {position + 3} / ")
    # The next list has a new key: a value a browser kept from the last one can no longer send the show back.
    at.session_state[presentation.GOTO_PANEL] = True
    at.run()
    assert at.selectbox(key=presentation.GOTO_WIDGET + "_1").value is None


def test_panels_open_and_close_from_their_keys(monkeypatch):
    """F, G and ? open their panel (one at a time), Esc over a panel closes it, N toggles the notes."""
    from types import SimpleNamespace

    store: dict = {}
    monkeypatch.setattr(presentation, "st", SimpleNamespace(session_state=store))
    keys = ("overview_headlines", "deals")
    pages = {k: "overview" for k in keys}
    for action, panel in (("filters", presentation.FILTERS_PANEL), ("goto", presentation.GOTO_PANEL),
                          ("keys", presentation.KEYS_PANEL)):
        presentation._apply(action, keys, pages)
        assert store[panel] is True and not any(store[p] for p in presentation.PANELS if p != panel)
        presentation._apply("close", keys, pages)
        assert not any(store[p] for p in presentation.PANELS)
    presentation._apply("notes", keys, pages)
    assert store[presentation.NOTES_KEY] is True
    presentation._apply("notes", keys, pages)
    assert store[presentation.NOTES_KEY] is False


def test_with_data_keeps_the_slide_on_screen_and_the_keys_legend_lists_every_key():
    show = list(views.SHOW)
    kept = slides.with_data(show, {"profile", "deals"}, "deals")
    assert [v.key for v in kept] == [v.key for v in show if v.key != "profile"]
    assert slides.with_data(show, {v.key for v in show}, None) == show[:1]
    assert slides.status_line(3, 20, "Aucun filtre actif", "fr", 2).endswith("2 vues sans données pour ces filtres")
    for key, action in (("f", "filters"), ("N", "notes"), ("g", "goto"), ("?", "keys"), ("h", "keys"),
                        ("PageDown", "next"), ("Escape", "exit")):
        assert slides.KEY_ACTIONS[key] == action


def test_show_notes_are_the_decks_speaker_notes():
    built = views.build(views.VIEWS_BY_KEY["deals"], _frames(), _state(), "fr")
    lines = deck.speaker_notes(built, "Source : X", "Filtre sans effet", "http://x/deals", "fr")
    assert lines[0] == built.takeaway and lines[1] == "Source : X"
    assert lines[2].startswith("Précautions :") and "Filtre sans effet" in lines[2]
    assert lines[-1] == "Vue en ligne : http://x/deals"
    assert deck.speaker_notes(built, "S", None, None, "fr")[-1] != "Vue en ligne : None"


def _frames() -> dict:
    from smt_dashboard.datasets import load_dataset, load_regions
    from tests.conftest import DATA

    out = {n: load_dataset(n, DATA) for n in views.datasets_of(views.VIEWS) if n != views.REGIONS}
    out[views.REGIONS] = load_regions(DATA)
    return out


def _state():
    from smt_dashboard.filters import FilterState

    return FilterState()
