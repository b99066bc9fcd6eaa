"""Training offer: 15 UX/UI programmes of 14 establishments (71 % private), 17 continuing programmes of 5
organisations, 8 regulatory-affairs Master 2 (DM module 4/8, digital module 1/8), 2 DUs, 2 engineering masters."""

from __future__ import annotations

import pytest

from smt_dashboard import trainings as trn
from smt_dashboard.datasets import load_dataset
from tests.conftest import DATA


@pytest.fixture(scope="module")
def frames():
    names = ("training_ux_establishments", "training_ux_lengths", "training_ux_continuing",
             "training_ux_continuing_orgs", "training_ra_masters", "training_dus", "training_engineering_masters",
             "training_gaps", "recommendations")
    return {n: load_dataset(n, DATA) for n in names}


def test_fourteen_establishments_71_percent_private(frames):
    campuses = frames["training_ux_establishments"]
    assert len(trn.establishments(campuses)) == 14
    types = trn.by_establishment_type(campuses, "fr").set_index("establishment_type")
    assert types["count"].to_dict() == {"private_school": 10, "university": 2, "engineering_school": 2}
    assert round(types.loc["private_school", "share_pct"]) == 71
    assert types.loc["university", "label"] == "2 (14\u202f%)"
    assert "Université Paris 13" in types.loc["university", "names"]


def test_campuses_by_city(frames):
    cities = trn.campuses_by_city(frames["training_ux_establishments"], "fr")
    counts = dict(zip(cities["city"], cities["campuses"]))
    assert counts["Paris"] == 10 and counts["Lyon"] == 4 and counts["Nantes"] == 4 and counts["Bordeaux"] == 3
    assert cities.iloc[0]["city"] == "Paris"
    for city in ("Lille", "Toulouse", "Aix-en-Provence", "Montpellier"):
        assert counts[city] == 1
    assert "Bellecour Ecole" in cities.set_index("city").loc["Lyon", "names"]


def test_programmes_by_length(frames):
    rows = trn.by_length(frames["training_ux_lengths"], "fr")
    assert rows["programmes"].tolist() == [5, 7, 3] and rows["programmes"].sum() == 15
    assert [round(s) for s in rows["computed_share_pct"]] == [33, 47, 20]
    assert rows["length_label"].tolist() == ["1 an", "2 ans", "5 ans"]


def test_continuing_programmes(frames):
    groups = trn.continuing_groups(frames["training_ux_continuing"], "fr")
    assert [g["programmes"] for g in groups] == [1, 2, 1, 9, 4] and sum(g["programmes"] for g in groups) == 17
    assert len(frames["training_ux_continuing_orgs"]) == 5
    g4 = groups[3]
    assert g4["note"] == "L'étude annonce 9 formations mais n'en nomme que 8"
    assert len(g4["names"]) == 8 and g4["names"][0] == "Maquette et prototypage avec Sketch"
    assert groups[0]["note"] is None


def test_ra_masters_module_columns(frames):
    masters = frames["training_ra_masters"]
    assert trn.module_counts(masters) == {"total": 8, "dm_module": 4, "digital_module": 1}
    table = trn.ra_masters_table(masters, "fr")
    assert list(table.columns) == ["Université", "Module dispositifs médicaux", "Module santé digitale", "Master 2"]
    assert table["Module dispositifs médicaux"].tolist().count("oui") == 4
    digital = table[table["Module santé digitale"] == "oui"]
    assert digital["Université"].tolist() == ["Université de Strasbourg"]
    assert table["Module santé digitale"].tolist().count("non") == 7
    modules = trn.ra_modules(masters, "en")
    assert [m["university"] for m in modules] == ["Université Paris-Saclay", "Université de Lille",
                                                   "Université de Montpellier", "Université de Strasbourg"]
    strasbourg = modules[-1]
    assert len(strasbourg["modules"]) == 2 and "choose between" in strasbourg["note"]


def test_dus_and_engineering_masters(frames):
    dus = frames["training_dus"]
    assert len(dus) == 2 and not dus["digital_module"].any()
    assert trn.du_modules(dus.iloc[1])[0] == "Économie de la santé et règlementation"
    eng = frames["training_engineering_masters"]
    assert len(eng) == 2
    assert trn.course_list(eng.iloc[0]["partners"]) == ["Sup'Biotech", "ESME Sudria"]
    assert "Data Science" in trn.course_list(eng.iloc[1]["example_courses"])


def test_gaps_paired_with_training_recommendations(frames):
    groups = trn.gaps_with_recommendations(frames["training_gaps"], frames["recommendations"])
    assert [g[0] for g in groups] == ["training_ux_data_dev", "training_ra", "training_engineers"]
    ux_gaps, ux_recos = groups[0][1], groups[0][2]
    assert "aucune n'intègre" in ux_gaps.iloc[0]["text_fr"]
    assert ux_recos["reco_id"].tolist() == ["tr_ux1"]
    assert groups[1][2]["reco_id"].tolist() == ["tr_ra1", "tr_ra2"]
    assert groups[2][1]["kind"].tolist() == ["gap", "progress"]
    assert groups[2][2]["reco_id"].tolist() == ["tr_eng1", "tr_eng2"]
