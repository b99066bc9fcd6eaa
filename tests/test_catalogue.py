"""The SMT catalogue's computations and charts reproduce the study's counts (40 = 6 + 30 + 4, 55 % diabetology,
21 CE / 22 FDA of 33, 12 of 33 financed or in progress, 8 digital therapeutics)."""

from __future__ import annotations

import pytest

from smt_dashboard import catalogue as cat
from smt_dashboard.charts import catalogue as charts
from smt_dashboard.datasets import load_dataset
from smt_dashboard.filters import FilterState
from tests.conftest import DATA


@pytest.fixture(scope="module")
def frames():
    names = ("smt_catalogue", "smt_examples", "smt_approvals", "smt_reimbursement", "digital_therapeutics",
             "digital_therapeutics_areas")
    return {n: load_dataset(n, DATA) for n in names}


def test_category_totals_are_the_studys_6_30_4(frames):
    totals = cat.category_totals(frames["smt_catalogue"]).set_index("category")
    assert totals["smt_count"].to_dict() == {"app_web": 6, "external_device": 30, "internal_device": 4}
    assert totals["smt_count"].sum() == 40
    # "75 % des SMT identifiées" are external devices.
    assert totals.loc["external_device", "share_pct"] == pytest.approx(75)


def test_area_totals_diabetology_55_percent(frames):
    areas = cat.area_totals(frames["smt_catalogue"])
    first = areas.iloc[0]
    assert (first["therapy_area"], first["smt_count"], round(first["share_pct"])) == ("diabetology", 22, 55)
    shares = dict(zip(areas["therapy_area"], areas["share_pct"].round()))
    assert shares["respiratory"] == 15 and shares["neurology"] == 8  # as on the study's pie chart


def test_heatmap_cells_add_up_to_category_and_area_totals(frames):
    cells = cat.heatmap_cells(frames["smt_catalogue"], "fr")
    assert len(cells) == 3 * 9  # 3 categories × the 9 areas present in the catalogue
    assert cells["smt_count"].sum() == 40
    by_cat = cells.groupby("category")["smt_count"].sum().to_dict()
    assert by_cat == {"app_web": 6, "external_device": 30, "internal_device": 4}
    cell = cells[(cells["category"] == "external_device") & (cells["therapy_area"] == "diabetology")].iloc[0]
    assert cell["smt_count"] == 19
    assert cell["area_label"] == "Diabétologie (55\u202f%)"
    assert cell["category_short"] == "Dispositif externe connecté (30)"
    # A pair the study does not list is a true zero (the counts are exhaustive).
    zero = cells[(cells["category"] == "internal_device") & (cells["therapy_area"] == "diabetology")]
    assert zero["smt_count"].tolist() == [0]


def test_area_filter_keeps_shares_of_the_whole_catalogue(frames):
    state = FilterState(areas=("respiratory",))
    rows = cat.filtered_catalogue(frames["smt_catalogue"], state)
    cells = cat.heatmap_cells(rows, "en", total=40)
    assert cells["smt_count"].sum() == 6
    assert set(cells["area_label"]) == {"Respiratory diseases (15%)"}
    assert cat.category_totals(rows, 40).set_index("category")["smt_count"].to_dict() == {
        "app_web": 0, "external_device": 6, "internal_device": 0}


def test_examples_under_each_category_and_area_filter(frames):
    examples = frames["smt_examples"]
    shown, hidden = cat.examples_for(examples, "internal_device", FilterState())
    assert set(shown["name"]) >= {"Abilify MyCite", "SynchroMed II"}
    assert hidden == 0
    shown, hidden = cat.examples_for(examples, "internal_device", FilterState(areas=("psychiatry",)))
    assert shown["name"].tolist() == ["Abilify MyCite"]
    assert hidden == 1  # SynchroMed II: the study gives no area
    line = cat.example_line(examples.set_index("example_id").loc["abilify_mycite"], "fr")
    assert line.startswith("Abilify MyCite (Abilify · Psychiatrie) — Capteur ingérable")  # the study names no molecule


def test_approvals_by_category_and_totals(frames):
    long = cat.approvals_long(frames["smt_approvals"], "fr")
    labels = dict(zip(zip(long["category"], long["authority"]), long["bar_label"]))
    assert labels[("app_web", "ce_marked")] == "CE : 2 / 5 (40\u202f%)"
    assert labels[("external_device", "fda_approved")] == "FDA : 18 / 26 (69\u202f%)"
    assert labels[("internal_device", "fda_approved")] == "FDA : 2 / 2 (100\u202f%)"
    t = cat.approval_totals(frames["smt_approvals"])
    assert (t["available"], t["ce_marked"], t["fda_approved"]) == (33, 21, 22)
    assert round(t["ce_pct"]) == 64
    assert round(t["mean_pct"]) == 65  # "l'approbation … concerne en moyenne 65 % des solutions"


def test_ce_and_fda_sets_differ(frames):
    gaps = cat.approval_gaps(frames["smt_approvals"])
    assert gaps["category"].tolist() == ["internal_device"]
    assert gaps["at_least"].tolist() == [1]


def test_reimbursement_statuses_and_named_products(frames):
    rows = cat.reimbursement_rows(frames["smt_reimbursement"], "fr")
    assert rows["status"].tolist() == ["reimbursed", "in_progress", "free", "not_reimbursed"]
    assert rows["smt_count"].tolist() == [11, 1, 6, 15]
    assert rows["smt_count"].sum() == 33
    assert "Freestyle Libre" in rows.iloc[0]["products_list"] and len(rows.iloc[0]["products_list"]) == 11
    assert rows.iloc[1]["products_list"] == ["Diabeloop"]
    assert rows.iloc[2]["products_list"] == []
    assert cat.financed_or_in_progress(frames["smt_reimbursement"]) == 12
    table = cat.reimbursement_table(rows, "fr")
    assert table.iloc[3].tolist()[:2] == ["Non remboursées", 15]


def test_digital_therapeutics(frames):
    table = cat.dtx_table(frames["digital_therapeutics"], "fr")
    assert len(table) == 8
    assert "Sanofi" in table["Partenaire pharmaceutique"].tolist()
    assert list(table.columns) == ["Thérapie numérique", "Partenaire pharmaceutique", "Aire thérapeutique"]
    # reSET's summary note gave way to the example the slide prints (dtx_context, kind "example").
    assert cat.dtx_notes(frames["digital_therapeutics"], "en") == []
    areas = table["Aire thérapeutique"].tolist()
    assert areas.count("non communiqué") == 7 and "Psychiatrie" in areas
    by_area = cat.dtx_areas(frames["digital_therapeutics_areas"], FilterState(), "fr")
    assert by_area["dtx_count"].tolist() == [3, 2, 1, 1, 1] and by_area["dtx_count"].sum() == 8
    assert by_area["area_label"].str.endswith("*").sum() == 1  # oncology, derived from the total
    filtered = cat.dtx_areas(frames["digital_therapeutics_areas"], FilterState(areas=("psychiatry",)), "fr")
    assert filtered["dtx_count"].tolist() == [3]


def test_heatmap_chart_encodes_counts_and_title(frames):
    cells = cat.heatmap_cells(frames["smt_catalogue"], "fr")
    chart = charts.heatmap(cells, "Nombre de SMT (40 SMT)", "sous-titre", "Catégorie", "Aire", "SMT")
    spec = chart.to_dict()
    assert spec["title"]["text"] == "Nombre de SMT (40 SMT)"
    rect, text = spec["layer"]
    assert rect["encoding"]["x"]["field"] == "category_short"
    assert rect["encoding"]["y"]["field"] == "area_label"
    assert text["encoding"]["text"]["field"] == "smt_count"
    values = next(iter(spec["datasets"].values()))
    assert len(values) == 27 and sum(v["smt_count"] for v in values) == 40
    # Rows ordered by area total: diabetology first.
    assert rect["encoding"]["y"]["sort"][0] == "Diabétologie (55\u202f%)"
