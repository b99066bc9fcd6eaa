"""SWOT evidence: every figure is computed from the datasets and matches the study; the evidence file's
references are checked; the quadrant × axis chart draws what it is given."""

from __future__ import annotations

import pandas as pd
import pytest

from smt_dashboard import swot
from smt_dashboard.charts import swot as swot_charts
from smt_dashboard.datasets import load_dataset
from smt_dashboard.schemas import EVIDENCE_FIGURES
from smt_dashboard.validation import check_swot_evidence
from tests.conftest import DATA

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    names = {"swot", "swot_evidence"} | {n for kind in swot.FIGURES.values() for n in kind.datasets}
    return {name: load_dataset(name, DATA) for name in names}


def figure(frames, evidence_id: str, lang: str = "fr") -> swot.Figure:
    evidence = frames["swot_evidence"]
    return swot.compute(evidence[evidence["evidence_id"] == evidence_id].iloc[0], frames, lang)


def test_the_registry_implements_every_figure_the_schema_allows():
    assert list(swot.FIGURES) == EVIDENCE_FIGURES


def test_france_weighs_1_4_percent_of_deals_against_the_us(frames):
    # Study: "la France ne représente que 1,4 % des deals (7 deals…)", 500 deals worldwide, US 346.
    fig = figure(frames, "w4_deals")
    assert fig.value == f"1,4{NNBSP}%"
    assert "7 deals sur 500" in fig.detail
    assert fig.lines == (("États-Unis", f"346 deals (69,2{NNBSP}%)"),)
    assert set(fig.rows["source_id"]) == {"aec2020"} and "startuphealth2018" in set(fig.rows["cited_source_ids"])
    assert figure(frames, "w4_deals", "en").value == "1.4%"


def test_limited_funding_is_the_sum_of_the_rounds_and_the_30_meur_rarity(frames):
    # Study's table: 11 fundraising rounds, 2 without amount; the rounds add up to 80.9 M€ (title: 80,8 M€).
    total = figure(frames, "w3_total")
    assert total.value == f"80,9{NBSP}M€"
    assert "11 levées de fonds, dont 2 de montant non communiqué" in total.detail
    assert f"80,8{NBSP}M€" in total.detail
    # ">30 M€ rounds remain rare": only Diabeloop's 31 M€ (December 2019) among the 9 known amounts.
    large = figure(frames, "w3_large")
    assert large.label.startswith(f"Levées de fonds de plus de 30{NBSP}M€")
    assert large.value == "1 sur 9"
    assert large.lines == ((f"31{NBSP}M€", "Diabeloop (décembre 2019)"),)


def test_companies_and_their_staff(frames):
    fig = figure(frames, "s3_companies")
    assert fig.value == "10 + 7"
    assert "635 salariés" in fig.detail and f"4{NNBSP}587" in fig.detail
    assert len(fig.rows) == 17


def test_talent_and_technical_skills(frames):
    hard = figure(frames, "w6_hard_to_recruit")
    # Study: UX/UI designers, data jobs and software developers are hard to recruit.
    assert hard.value == "3"
    assert [h for h, _ in hard.lines] == ["Designer UX / UI",
                                         "Métiers de la donnée (Data Architect, Engineer, Scientist, Analyst)",
                                         "Développeur informatique"]
    technical = figure(frames, "s4_technical")
    # Study: technical jobs are recruited "sans difficulté particulière" — except the developer sub-family.
    assert technical.value == "Non"
    assert technical.lines == (("Sauf la sous-famille", "Développeur informatique"),)


def test_policy_milestones_and_barriers(frames):
    masante = figure(frames, "s1_masante")
    assert masante.value == "septembre 2018" and masante.label.startswith("France · Ma Santé 2022")
    assert figure(frames, "s1_masante", "en").value == "September 2018"
    assert figure(frames, "w1_dns").value == "21 décembre 2019"
    barrier = figure(frames, "w2_barrier")
    assert barrier.value is None
    assert barrier.lines[0][1].startswith("Environnement d'évaluation réglementaire non spécifique aux SMT")
    assert "Système" in barrier.label and "tous les acteurs" in barrier.label
    assert "entreprises du médicament" in figure(frames, "t1_barrier").label


def test_index_rank_reimbursement_and_market(frames):
    index = figure(frames, "w1_index")
    assert index.value == "15e sur 17"  # France 15th of 17 (Bertelsmann 2018)…
    assert "Bertelsmann (17 pays)" in index.label and "graphique de l'étude (14 pays) : 12e" in index.detail  # …12th of 14
    assert figure(frames, "w5_reimbursement").value == "15 sur 33"  # 15 of the 33 SMT not reimbursed
    assert figure(frames, "t1_reimbursement").value == "21 sur 33"  # + 6 free
    market = figure(frames, "t5_market")
    assert market.value == f"504–531{NBSP}Md$"
    assert f"71–96{NBSP}Md$ en 2018" in market.detail and f"28{NNBSP}%" in market.detail


def test_context_and_survey_figures(frames):
    assert figure(frames, "o4_ald").value == f"plus de 10{NBSP}millions"
    assert figure(frames, "o4_ald").lines[0][0] == f"94,5{NBSP}Md€"
    assert figure(frames, "o1_diabetes").value == f"108{NBSP}millions → 422{NBSP}millions"
    assert figure(frames, "o1_ageing").value == f"12,8{NNBSP}% → 20,5{NNBSP}%"
    assert figure(frames, "o4_smt_chronic").value == f"98{NNBSP}%"
    public = figure(frames, "o5_public")
    assert [h for h, _ in public.lines] == [f"78{NNBSP}%", f"72{NNBSP}%", f"70{NNBSP}%", f"59{NNBSP}%"]


def test_every_evidence_row_computes_in_both_languages_with_sourced_rows(frames):
    for _, row in frames["swot_evidence"].iterrows():
        for lang in ("fr", "en"):
            fig = swot.compute(row, frames, lang)
            assert fig.label and (fig.value or fig.lines), row["evidence_id"]
            assert not fig.rows.empty and fig.rows["source_id"].notna().all(), row["evidence_id"]


def test_every_item_but_the_budget_one_has_evidence(frames):
    items, evidence = frames["swot"], frames["swot_evidence"]
    assert swot.coverage(items, evidence) == (19, 20)
    without = [i for i in items["item_id"] if swot.evidence_of(i, evidence).empty]
    assert without == ["o2"]  # "Restrictions budgétaires…": the study gives no figure for it
    assert list(swot.evidence_of("w1", evidence)["evidence_id"]) == ["w1_roadmap", "w1_dns", "w1_index"]


def test_quadrants_and_axis_filter(frames):
    quadrants = swot.by_quadrant(frames["swot"])
    assert {q: len(r) for q, r in quadrants.items()} == {"strength": 4, "weakness": 6, "opportunity": 5, "threat": 5}
    assert list(quadrants["weakness"]["item_id"]) == ["w1", "w2", "w3", "w4", "w5", "w6"]
    resources = swot.by_quadrant(frames["swot"], ("resources",))
    assert {q: list(r["item_id"]) for q, r in resources.items()} == {
        "strength": ["s3", "s4"], "weakness": ["w3", "w4", "w6"], "opportunity": ["o3"], "threat": []}


def test_a_missing_row_raises_an_evidence_error(frames):
    row = frames["swot_evidence"].iloc[0].copy()
    row["params"] = "no_such_event"
    with pytest.raises(swot.EvidenceError, match="no_such_event"):
        swot.compute(row, frames)


def test_validation_reports_bad_evidence_rows(frames):
    evidence = frames["swot_evidence"].copy()
    evidence.loc[0, "params"] = "no_such_event"
    evidence.loc[1, "dataset"] = "companies"
    evidence.loc[2, "item_id"] = "zz"
    errors = check_swot_evidence({**frames, "swot_evidence": evidence})
    found = {(e.row, e.column) for e in errors}
    assert {(2, "params"), (3, "dataset"), (4, "item_id")} <= found
    assert all(e.file == "swot_evidence.csv" for e in errors)
    assert check_swot_evidence(frames) == []


def test_axis_grid_chart(frames):
    counts = swot.axis_counts(frames["swot"], frames["swot_evidence"])
    assert len(counts) == 16 and counts["items"].sum() == 20
    cell = counts[(counts["quadrant"] == "weakness") & (counts["axis"] == "resources")].iloc[0]
    assert (cell["items"], cell["with_evidence"], cell["cell_label"]) == (3, 3, "3 (3)")
    spec = swot_charts.axis_grid(counts, ["Forces", "Faiblesses", "Opportunités", "Menaces"],
                                 list(dict.fromkeys(counts["axis_label"])), "Titre", "Sous-titre", "Éléments",
                                 "Avec preuve").to_dict()
    assert spec["title"]["text"] == "Titre"
    layers = spec["layer"]
    assert layers[0]["encoding"]["x"]["field"] == "quadrant_label"
    assert layers[0]["encoding"]["y"]["field"] == "axis_label"
    assert layers[1]["encoding"]["text"]["field"] == "cell_label"
    values = list(spec["datasets"].values())[0]
    assert len(values) == 16
