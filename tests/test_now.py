"""Where France stands now: the indicators table (a quote prints each figure), the then → now pairs (the latest row of
the table beside the study's figure), the access route (counts per step and date, the laws and the study's date
marked), what is new since a date (counted against the tables' own dates), and the rooms a presenter drives."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from smt_dashboard import indicators as ix
from smt_dashboard import news, rooms, then_now, views
from smt_dashboard.datasets import load_dataset, load_regions
from smt_dashboard.filters import FilterState
from smt_dashboard.views import post_study
from tests.conftest import DATA


@pytest.fixture(scope="module")
def frames() -> dict:
    out: dict = {n: load_dataset(n, DATA) for n in views.datasets_of(views.VIEWS) if n != views.REGIONS}
    out[views.REGIONS] = load_regions(DATA)
    return out


def test_the_indicators_table_holds_dated_sourced_series(frames):
    table = frames["indicators"]
    per_indicator = table.groupby("indicator_id")["date"].nunique()
    assert (per_indicator >= 2).sum() >= 10 and len(table) >= 50
    assert ix.check(table) == []  # every quote prints its figure, one unit per indicator
    assert table["date"].map(lambda d: str(d)[:4] >= "2020").all()


@pytest.mark.parametrize("value, quote, prints", [
    (1890, "1.890 opérateurs ont déclaré", True), (7.2, "7,2 millions d'entre eux", True),
    (2300, "elles avaient levé 2,3 milliards d'euros", True), (5, "La cinquième ligne générique", True),
    (7, "27 deals en 2018", False), (84, "un score de 48 %", False), (0, "aucune entreprise n'a obtenu", True),
])
def test_a_quote_must_print_its_figure(value, quote, prints):
    assert ix.quote_prints(value, quote) is prints


def test_a_quote_that_does_not_print_its_value_is_named(frames):
    table = frames["indicators"].copy()
    table.loc[0, "value"] = 123456
    problems = ix.check(table)
    assert problems and problems[0].row == 2 and problems[0].column == "quote"


def test_then_now_shows_the_latest_row_of_the_table(frames):
    pairs = {p.key: p for p in then_now.pairs(frames, "fr")}
    assert set(pairs) == {"index", "reimbursed", "funding", "records"}
    table = ix.shown(frames["indicators"])
    accounts = table[table["indicator_id"] == "mes_accounts_activated"].sort_values("date").iloc[-1]
    assert pairs["records"].now.value == ix.display(accounts["value"], accounts["unit"], "fr")
    assert pairs["records"].then.value == "70\u202f%"  # the study's survey figure, beside it, never added
    assert pairs["index"].then.value.startswith("15e")


def test_the_access_route_counts_each_step_at_its_dates(frames):
    built = views.build(views.VIEWS_BY_KEY["access_route"], frames, FilterState(), "fr")
    france, germany = built.model.panels
    table = ix.shown(frames["indicators"])
    listed = table[(table["indicator_id"] == "diga_listed_current")]
    by_day = dict(zip(germany.categories, next(s for s in germany.series if s.name == listed.iloc[0]["label_fr"]).values))
    for _, row in listed.iterrows():
        assert by_day[post_study._day(row["date"])] == row["value"]
    marks = {(r.panel, r.label) for r in built.model.rules}
    assert ("", "Étude (sept. 2020)") in marks and ("Allemagne", "DVG") in marks and ("France", "Décret PECAN") in marks
    assert built.model.step and built.model.time_axis
    assert built.badge.startswith("Hors étude") and built.table is not None  # the laws, dated, for the deck


def test_what_is_new_counts_the_rows_entered_since_a_day(frames):
    dev, ind, hist = frames["developments"], frames["indicators"], frames["followup_history"]
    day = date(2026, 12, 5)
    table = news.changes(dev, ind, hist, day, "fr")
    counted = news.counts(table)
    entered = (dev["added_on"] >= "2026-12-05") | (dev["changed_on"].fillna("") >= "2026-12-05")
    assert counted["development"] == int(entered.sum())
    assert counted["indicator"] == int(((ind["added_on"] >= "2026-12-05") & (ind["preferred"] == "yes")).sum())
    assert counted["followup"] == int((hist["since"] >= "2026-12-05").sum())


def test_the_last_meeting_is_the_default_and_never_invented():
    empty = pd.DataFrame(columns=["meeting_date", "title_fr", "title_en", "source_id"])
    today = date(2026, 12, 6)
    assert news.resolve(None, empty, today) == news.Since(date(2020, 9, 1), "study")
    meetings = pd.DataFrame({"meeting_date": ["2026-06-10", "2026-11-20", "2027-01-15"]})
    assert news.resolve(None, meetings, today) == news.Since(date(2026, 11, 20), "last_meeting")
    assert news.resolve("3_months", meetings, today).how == "3_months"
    assert news.resolve("2026-10-01", meetings, today) == news.Since(date(2026, 10, 1), "date")
    assert news.resolve("2027-01-01", empty, today).how == "study"  # a day in the future is not a choice


def test_a_room_follows_its_presenter_and_ends_when_idle(monkeypatch):
    rooms.clear()
    name = rooms.new_name()
    assert rooms.valid(name) and not rooms.valid("salle-0000") and rooms.get(name) is None
    first = rooms.publish(name, "deals", {"region": ["84"]})
    same = rooms.publish(name, "deals", {"region": ["84"]})
    moved = rooms.publish(name, "swot", {"region": ["84"]})
    assert first.version == same.version == 1 and moved.version == 2 and rooms.get(name).slide == "swot"
    monkeypatch.setattr(rooms, "IDLE", -1)
    assert rooms.get(name) is None
