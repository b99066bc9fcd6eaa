"""Shared fixtures: a scratch copy of data/ that a test may break, AppTest helpers, and the check every page makes
of a broken file (a red box naming it, the rest of the page still there)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from smt_dashboard.datasets import load_dataset

ROOT = Path(__file__).resolve().parent.parent
# The slow tier, left out of the fast one (python -m pytest -m "not slow"): the tests each over ~1.5 s as measured
# with --durations on the 2-core machine (whole pages through AppTest, generated faults on every page, hypothesis,
# validate_all on a copy of data/). Each page keeps one AppTest in the fast tier, so that it touches every module.
# By file: "*" for all its tests, else the test functions (all their parameters). The browser tests (tests/e2e) are
# marked in their own conftest.
SLOW: dict[str, str | set[str]] = {
    "test_app.py": {"test_app_runs_and_overview_shows_headline_figures",
                    "test_corrupted_dataset_shows_named_error_and_other_figures_render"},
    "test_consistency.py": {"test_every_figure_reads_the_same_on_every_pure_surface", "test_pages_show_the_same_figures"},
    # The deck of every view (a module fixture of ~10 s) and the tests that read it.
    "test_deck.py": {"test_one_slide_per_view_with_data_between_title_and_sources", "test_title_slide",
                     "test_chart_slides_hold_a_native_chart_or_a_table_only_the_map_is_a_picture",
                     "test_native_charts_hold_the_views_data_and_the_france_highlight",
                     "test_every_slide_has_a_title_placeholder_and_notes", "test_deals_slide_takeaway_footnote_and_link",
                     "test_table_and_swot_slides", "test_sources_slide_lists_every_source_used",
                     "test_each_native_chart_draws_its_views_rows"},
    "test_export.py": {"test_png_is_at_least_1600_pixels_wide"},
    "test_export_menu.py": {"test_every_export_menu_shows_readable_columns"},
    "test_no_missing_words.py": "*",
    "test_one_path.py": "*",
    "test_page_briefing.py": {"test_broken_dataset_disables_only_its_views", "test_english_and_filters",
                              "test_nothing_selected_disables_the_download", "test_select_all_per_page",
                              "test_presentation_mode_shows_the_slide_show_of_the_ticked_views"},
    "test_page_catalogue.py": {"test_area_filter_narrows_the_grid_and_says_what_it_does_not_filter",
                               "test_area_without_smt_shows_a_clear_message",
                               "test_broken_reimbursement_file_blanks_only_its_section", "test_english"},
    "test_page_company.py": {"test_a_us_company_id_has_no_page_and_falls_back_to_the_search",
                             "test_biocorp_shows_its_funding_total_and_products",
                             "test_every_company_in_france_has_a_page_in_both_languages",
                             "test_map_card_and_funding_link_to_the_company_pages",
                             "test_voluntis_cites_its_catalogue_examples_and_digital_therapeutic",
                             "test_without_a_company_the_page_lists_all_of_them"},
    "test_page_deals.py": {"test_amount_toggle_and_sort", "test_broken_deals_file_shows_the_named_error"},
    "test_page_funding.py": {"test_broken_funding_file_shows_the_named_error", "test_english",
                             "test_global_region_filter_applies_through_the_company", "test_no_result_gives_a_clear_message",
                             "test_one_company", "test_round_type_and_period_widgets"},
    "test_page_index.py": {"test_broken_index_file_shows_the_named_error", "test_compare_one_country_and_edge_selections",
                           "test_weight_sliders_recompute_live", "test_weights_at_a_corner_from_the_url"},
    "test_page_jobs.py": {"test_broken_projection_inputs_show_the_named_error", "test_english",
                          "test_family_picker_shows_that_familys_skills", "test_global_filters_do_not_apply_and_say_so",
                          "test_scenario_from_the_url_with_a_longer_horizon", "test_sliders_change_the_scenario_and_the_url"},
    "test_page_map.py": {"test_broken_regions_file_shows_the_named_error_box", "test_company_cards_follow_the_filters",
                         "test_corrupted_dataset_shows_the_named_error_box", "test_english",
                         "test_every_region_renders_with_its_companies", "test_filters_outside_the_us_panel_are_stated",
                         "test_metric_toggle_colours_regions_by_staff"},
    "test_page_market.py": {"test_broken_market_size_shows_a_named_error", "test_broken_survey_keeps_the_market_figures",
                            "test_english"},
    "test_page_policy.py": {"test_a_filter_with_no_dated_milestone_says_so", "test_broken_barriers_keep_the_timeline",
                            "test_broken_timeline_shows_a_named_error", "test_global_filters_do_not_apply",
                            "test_jurisdiction_and_period_filters_from_the_address",
                            "test_jurisdiction_codes_in_the_address_work_in_english"},
    "test_page_recommendations.py": {"test_broken_recommendations_show_a_named_error",
                                     "test_every_action_with_its_objective_targets_and_answers"},
    "test_page_search.py": {"test_an_area_result_opens_the_profile_with_the_filter_set",
                            "test_nothing_found_says_so_and_offers_the_nearest_names", "test_pecan_leads_to_the_post_study_page",
                            "test_the_sidebar_box_opens_the_search_from_any_page"},
    "test_page_since.py": {"test_a_region_filter_keeps_the_developments_of_its_companies", "test_english",
                           "test_no_post_study_row_without_its_badge_and_source", "test_the_17_companies_each_have_an_answer"},
    "test_page_study_content.py": {"test_study_content_is_on_its_page",
                                   "test_index_page_gives_the_rank_on_the_studys_chart_in_english"},
    "test_page_swot.py": {"test_broken_swot_file_shows_a_named_error"},
    "test_page_trainings.py": {"test_broken_ra_masters_file_shows_the_named_error",
                               "test_region_filter_keeps_the_trainings_of_the_region_and_says_what_it_cannot_place"},
    "test_post_study.py": {"test_follow_up_and_search_records_are_cross_checked", "test_the_validator_names_each_bad_row"},
    "test_presentation.py": {"test_a_filter_that_empties_the_slide_on_screen_says_so_and_the_next_move_drops_it",
                             "test_go_to_a_slide_by_its_title_then_next_moves_on_from_it", "test_left_out_views_in_english",
                             "test_notes_show_the_decks_notes_and_hide_again", "test_show_notes_are_the_decks_speaker_notes",
                             "test_the_filters_in_the_show_redraw_the_slide_and_the_address"},
    "test_profiles.py": {"test_profile_page_follows_and_sets_the_global_filters", "test_profile_slide_in_a_deck"},
    "test_robustness_data.py": {"test_broken_dataset_shows_named_error_only_where_needed",
                                "test_every_dataset_is_used_by_some_page", "test_full_pass_leaves_data_unchanged",
                                "test_unknown_source_id_and_region_code_are_cross_checked",
                                "test_validate_names_every_table_cut_short"},
    "test_robustness_url.py": "*",
    "test_slides.py": {"test_every_projected_chart_fits_the_slide_with_type_read_from_the_back"},
    # validate_all over a broken copy of data/ (every table loaded and checked: seconds each).
    "test_study.py": {"test_condition_count_is_checked", "test_setup_fields_and_question_parents_are_checked",
                      "test_training_context_references_are_checked",
                      "test_reimbursed_products_must_match_the_status_table", "test_framework_topic_must_belong_to_its_body",
                      "test_institution_dates_are_cross_checked", "test_developer_references_are_checked",
                      "test_expert_count_is_checked", "test_study_chart_scope_is_checked", "test_unlinked_group_is_reported",
                      "test_traditional_jobs_slide_count_is_checked", "test_readings_and_numbers_are_checked",
                      "test_needs_counts_and_objectives_are_checked", "test_value_counts_are_checked",
                      "test_roles_must_name_players", "test_regulator_kinds_and_events_are_checked",
                      "test_quote_events_are_checked", "test_hub_fields_and_date_are_checked",
                      "test_dtx_labels_and_counts_are_checked", "test_adoption_kinds_are_checked"},
    "test_validation.py": {"test_cli_prints_named_errors",
                           "test_projection_inputs_must_reproduce_published_results", "test_study_totals_are_checked",
                           "test_unknown_region_code_is_reported", "test_unknown_source_id_is_reported"},
}
DATA = ROOT / "data"
APP = str(ROOT / "app.py")
# AppTest runs every tab of a page (a test reads a whole page in one run); in the browser only the open tab runs,
# which the browser tests exercise by clicking the tabs (their servers are started without this variable).
os.environ["SMT_ALL_TABS"] = "1"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        names = SLOW.get(item.path.name) if item.path.parent == ROOT / "tests" else None
        if names == "*" or (names and item.originalname in names):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="module")
def companies() -> pd.DataFrame:
    """The curated companies table (read-only)."""
    return load_dataset("companies", DATA)


@pytest.fixture(scope="module")
def products() -> pd.DataFrame:
    """The curated company products table (read-only)."""
    return load_dataset("company_products", DATA)


def open_app_page(page: str, query: dict | None = None) -> AppTest:
    """Run the app opened directly on ``page`` with these URL parameters, as a shared link does
    (page-level URL keys live only on their page)."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.switch_page(page).run()


def open_export(at: AppTest, key: str) -> AppTest:
    """Open the export menu of the view ``key`` (its buttons and its data table are built only when open)."""
    at.session_state[f"export_{key}"] = True
    return at.run()


def metrics(at: AppTest) -> dict[str, str]:
    """Metric label → displayed value."""
    return {m.label: m.value for m in at.metric}


def chart_specs(at: AppTest) -> list[dict]:
    """The Vega-Lite specs the page sent, in page order."""
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of data/ used by the app and loaders for this test (SMT_DATA_DIR)."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    monkeypatch.setenv("SMT_DATA_DIR", str(target))
    return target


def rewrite_cell(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell of a CSV (row = line number in the file, header = 1)."""
    import csv
    import io

    text = path.read_text(encoding="utf-8")
    records = list(csv.reader(io.StringIO(text)))
    header = records[0]
    records[row - 1][header.index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(records)
    path.write_text(out.getvalue(), encoding="utf-8")


def scope_lines(at: AppTest) -> list:
    """The page's line saying which global filters act on it (":material/filter_alt…" Markdown)."""
    return [m for m in at.markdown if m.value.startswith(":material/filter_alt")]


def _named(name: str, message: str) -> bool:
    """``name`` is in an error box, as Markdown escapes it ("deals\\_2018\\.csv") or as is."""
    return name.replace("_", "\\_").replace(".", "\\.") in message or name in message


def page_with_broken_cell(open_page: Callable[[], AppTest], data_copy: Path, file: str, row: int, column: str,
                          value: str) -> tuple[AppTest, str]:
    """Break one cell of ``file`` (in the test's copy of data/) and open the page: nothing is raised and one red box
    names the file, the line and the column. Returns the page and the box's text, for what the page still shows."""
    rewrite_cell(data_copy / file, row, column, value)
    at = open_page()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1, [e.value for e in at.error]
    message = at.error[0].value
    assert _named(file, message), message
    assert f"ligne {row}" in message, message
    assert _named(column, message), message
    return at, message
