"""Policy & regulatory helpers and timeline chart on the real milestones, barriers and country cards."""

from __future__ import annotations

import pandas as pd
import pytest

from smt_dashboard import policy
from smt_dashboard.charts import policy as policy_charts
from smt_dashboard.datasets import load_dataset
from tests.conftest import DATA


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return load_dataset("policy_timeline", DATA)


def test_dates_keep_the_study_precision():
    assert policy.format_partial_date("2016") == "2016"
    assert policy.format_partial_date("2018-09") == "septembre 2018"
    assert policy.format_partial_date("2019-12-21") == "21 décembre 2019"
    assert policy.format_partial_date("2018-03", "en") == "March 2018"
    assert policy.format_partial_date(None) == "date non communiquée"
    assert policy.event_span("2016") == (pd.Timestamp("2016-01-01"), pd.Timestamp("2016-12-31"))
    assert policy.event_span("2020-02") == (pd.Timestamp("2020-02-01"), pd.Timestamp("2020-02-29"))
    assert policy.event_span("2020-05-26") == (pd.Timestamp("2020-05-26"), pd.Timestamp("2020-05-26"))


def test_timeline_rows_are_the_dated_milestones_in_order(events):
    rows = policy.timeline_rows(events)
    assert len(rows) == len(events) - 4  # Germany's fast-track, Australia, Belgium, UK framework are undated
    assert rows.iloc[0]["event_id"] == "fda_combination_2002"  # FDA "Combination Products", 2002
    assert rows["start"].is_monotonic_increasing
    assert policy.year_bounds(events) == (2002, 2020)
    israel = rows[rows["event_id"] == "israel_plan_2018"].iloc[0]
    assert israel["budget"] == "264\u00a0M$" and israel["date_label"] == "mars 2018"
    assert "(264\u00a0M$)" in israel["label"]
    # Chart labels fit the two lines a row has room for, in both languages.
    for lang in ("fr", "en"):
        assert all(label.count("\n") <= 1 for label in policy.timeline_rows(events, lang)["label"])


def test_timeline_filters_by_jurisdiction_and_period(events):
    eu = policy.timeline_rows(events, jurisdictions=("EU",))
    # EC action plan 2018, eHealth Hub, EMA drug-device guideline (consultation 2019, application 2020).
    assert set(eu["event_id"]) == {"ec_action_plan_2018", "ehealth_hub_2018", "ema_ddc_2019", "ema_ddc_2020"}
    in_2019 = policy.timeline_rows(events, years=(2019, 2019))
    assert set(in_2019["year"]) == {2019}
    assert {"nice_framework_2019", "dns_2019", "has_dmc_guide_2019"} <= set(in_2019["event_id"])
    assert policy.timeline_rows(events, jurisdictions=("DE",)).empty  # only an undated fast-track
    # Study: « En 2019, une concertation a été lancée » (the 2018 date is only that of the cited notice).
    docket = in_2019.set_index("event_id").loc["fda_pdurs_docket_2019"]
    assert docket["date_label"] == "2019" and docket["date_precision"] == "year"
    # The HAS foresight report: the study says 2019, the month was only in its web address.
    assert in_2019.set_index("event_id").loc["has_prospective_2019", "date_label"] == "2019"
    # NICE is England's (« En Angleterre, le NICE »), the NHS framework the United Kingdom's.
    assert policy.timeline_rows(events, jurisdictions=("GB-ENG",))["event_id"].tolist() == ["nice_framework_2019"]
    assert policy.jurisdiction_label("GB-ENG", "fr") == "Angleterre" and policy.jurisdiction_label("GB", "en") == "United Kingdom"


def test_israel_plan_cites_the_slide_source_and_dns_is_dated_alone(events):
    by_id = events.set_index("event_id")
    # The study's slide on Israel cites Bertelsmann's #SmartHealthSystems, not the European Commission.
    assert by_id.loc["israel_plan_2018", "cited_source_ids"] == "bertelsmann_shs_summary"
    # The DNS is dated 21 December 2019; the study does not date the ANS and CNS.
    assert "ANS" not in by_id.loc["dns_2019", "title_fr"] and "ne date pas" in by_id.loc["dns_2019", "detail_fr"]


def test_undated_milestones_are_listed_apart(events):
    assert set(policy.undated(events)["jurisdiction"]) == {"DE", "AU", "BE", "GB"}
    assert list(policy.undated(events, ("DE",))["event_id"]) == ["de_fast_track"]


def test_french_quotes_stay_with_their_words():
    wrapped = policy.wrap("Ma Santé 2022 : « accélérer le virage numérique »", 30)
    assert not any(line.startswith("»") or line.endswith("«") for line in wrapped.split("\n"))


def test_barriers_by_level_and_actor():
    groups = policy.barrier_groups(load_dataset("barriers", DATA))
    # Study: 3 system barriers (all), 3 for SMEs developing SMT, 4 for drug companies.
    assert [(g.level, g.actors, len(g.rows)) for g in groups] == [
        ("system", ("all",), 3), ("ecosystem", ("sme",), 3), ("company", ("pharma",), 4)]


def test_benchmark_cards_with_index_scores():
    cards = policy.benchmark_cards(load_dataset("country_benchmarks", DATA), load_dataset("digital_health_index", DATA))
    assert [c.country_code for c in cards] == ["IL", "GB", "US", "DE", "AU", "BE"]
    by_code = {c.country_code: c for c in cards}
    assert by_code["IL"].index_score == pytest.approx(72.45) and len(by_code["IL"].points) == 4
    assert by_code["GB"].index_name == "Angleterre (NHS)" and by_code["GB"].index_score == pytest.approx(69.98)
    assert by_code["US"].index_score is None  # the index does not cover the United States
    assert policy.benchmark_cards(load_dataset("country_benchmarks", DATA), None)[0].index_score is None


def test_timeline_chart(events):
    rows = policy.timeline_rows(events, jurisdictions=("FR", "IL"))
    spec = policy_charts.timeline(rows, "Jalons", "Sous-titre", "Juridiction",
                                  {"title": "Jalon", "date": "Date", "detail": "Détail"}).to_dict()
    assert spec["title"]["text"] == "Jalons"
    span, point, text_left, text_right = spec["layer"]
    assert span["mark"]["type"] == "bar" and span["encoding"]["x2"]["field"] == "end"  # a span, not a point
    assert point["encoding"]["shape"]["field"] == "jurisdiction_label"  # shape doubles the colour
    assert point["encoding"]["color"]["scale"]["domain"] == ["France", "Israël"]
    assert point["encoding"]["color"]["scale"]["range"] == [policy_charts.PALETTE[0], policy_charts.PALETTE[5]]
    assert text_left["encoding"]["text"]["field"] == "date_label"
    values = list(spec["datasets"].values())[0]
    assert len(values) == len(rows) == 12  # 11 French milestones (Polton 2015 … Coalition 2020) + Israel
    assert {v["event_id"] for v in values} >= {"masante2022_2018", "israel_plan_2018"}
