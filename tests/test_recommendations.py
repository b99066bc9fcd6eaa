"""Recommendations: objectives, target filter, SWOT answers and the actions-per-target chart."""

from __future__ import annotations

import pandas as pd
import pytest

from smt_dashboard import recommendations as reco
from smt_dashboard.datasets import load_dataset
from tests.conftest import DATA


@pytest.fixture(scope="module")
def recos() -> pd.DataFrame:
    return load_dataset("recommendations", DATA)


@pytest.fixture(scope="module")
def items() -> pd.DataFrame:
    return load_dataset("swot", DATA)


def test_objectives_in_the_study_order(recos):
    groups = reco.by_objective(recos)
    assert [(g, o) for g, o, _ in groups] == [
        ("competitiveness", "obj1"), ("competitiveness", "obj2"), ("competitiveness", "obj3"),
        ("training", "training_ra"), ("training", "training_ux_data_dev"), ("training", "training_engineers")]
    # Study: objective 3 has a single action (regulators' cooperation); 2 RA and 2 engineering training actions.
    assert [len(r) for _, _, r in groups] == [6, 3, 1, 2, 1, 2]


def test_filter_by_target(recos):
    assert len(reco.filter_by_targets(recos)) == len(recos)
    assert list(reco.filter_by_targets(recos, ("hospitals",))["reco_id"]) == ["o1_a4"]
    assert set(reco.filter_by_targets(recos, ("health_authorities",))["reco_id"]) == {"o1_a5", "o1_a6", "o3_a1"}
    assert len(reco.filter_by_targets(recos, ("training_bodies", "hospitals"))) == 6


def test_answered_items_are_weaknesses_and_threats_in_tag_order(recos, items):
    first = recos[recos["reco_id"] == "o1_a1"].iloc[0]
    assert list(reco.answered_items(first, items)["item_id"]) == ["w1", "w3", "t5"]
    engineers = recos[recos["reco_id"] == "tr_eng1"].iloc[0]
    assert list(reco.answered_items(engineers, items)["item_id"]) == ["w6"]  # s4 is a strength: not "answered"
    assert set(reco.answering("w6", recos)["group"]) == {"training"}
    assert reco.unanswered(items, recos).empty
    assert len(reco.unanswered(items, recos.assign(answers_swot=None))) == 11  # 6 weaknesses + 5 threats


def test_target_counts(recos):
    counts = reco.target_counts(recos)
    by_target = dict(zip(counts["target"], counts["actions"]))
    assert by_target["training_bodies"] == 5 and by_target["health_authorities"] == 3
    assert counts["target_label"].iloc[0] == "Organismes de formation"  # the most solicited first
    assert list(counts["actions"]) == sorted(counts["actions"], reverse=True)
    assert len(counts) == 7
