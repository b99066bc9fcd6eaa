"""Memoised pure functions: computed once per argument value, frames detached from the cache."""

from __future__ import annotations

import pandas as pd
import pytest

from smt_dashboard import memo
from smt_dashboard.memo import memoized

CALLS: list[int] = []


@memoized
def _double(df: pd.DataFrame, factor: int = 2) -> pd.DataFrame:
    CALLS.append(1)
    return df.assign(v=df["v"] * factor)


def test_same_values_are_computed_once_and_other_values_again():
    CALLS.clear()
    a = pd.DataFrame({"v": [1, 2]})
    assert _double(a)["v"].tolist() == [2, 4]
    assert _double(pd.DataFrame({"v": [1, 2]}))["v"].tolist() == [2, 4]  # equal value, new object
    assert len(CALLS) == 1
    assert _double(a, factor=3)["v"].tolist() == [3, 6]
    assert _double(pd.DataFrame({"v": [5]}))["v"].tolist() == [10]
    assert len(CALLS) == 3


def test_callers_cannot_change_the_cached_result():
    first = _double(pd.DataFrame({"v": [7]}))
    first["extra"] = 1
    first.loc[0, "v"] = -1
    again = _double(pd.DataFrame({"v": [7]}))
    assert list(again.columns) == ["v"] and again["v"].tolist() == [14]


def test_unpicklable_arguments_are_not_cached():
    @memoized
    def call(fn):
        return fn()

    assert call(lambda: 3) == 3


def _key(value) -> str:
    return memo._key_digest((value,), {})


@pytest.fixture(autouse=True)
def _digest_every_frame(monkeypatch):
    # The buffer digest is used for long frames only; make it apply to these small test frames.
    monkeypatch.setattr(memo, "LARGE_ROWS", 0)


def test_frame_keys_follow_the_content_of_every_kind_of_column():
    base = pd.DataFrame({
        "text": pd.Series(["a", None, "c"], dtype="str"),
        "integer": [1, 2, 3],
        "real": [1.5, float("nan"), 2.0],
        "nullable": pd.array([1, None, 3], dtype="Int64"),
        "date": pd.to_datetime(["2020-01-01", None, "2021-06-30"]),
        "category": pd.Categorical(["u", "v", "u"]),
        "flag": [True, False, True],
        "objects": [(1,), (2,), (3,)],
    })
    assert _key(base) == _key(base.copy(deep=True))  # equal content, other buffers
    changes = {
        "text": pd.Series(["a", "", "c"], dtype="str"),  # empty string is not missing
        "integer": [1, 2, 4],
        "real": [1.5, 0.0, 2.0],
        "nullable": pd.array([1, 2, 3], dtype="Int64"),
        "date": pd.to_datetime(["2020-01-01", None, "2021-07-01"]),
        "category": pd.Categorical(["u", "v", "v"]),
        "flag": [True, True, True],
        "objects": [(1,), (2,), (4,)],
    }
    for column, values in changes.items():
        assert _key(base.assign(**{column: values})) != _key(base), column
    assert _key(base.rename(columns={"text": "other"})) != _key(base)
    assert _key(base.set_axis([10, 11, 12])) != _key(base)  # index is part of the value
    assert _key(base.iloc[1:]) != _key(base.iloc[:2])  # slices of the same buffers
    assert _key(base.iloc[1:].reset_index(drop=True)) == _key(base.iloc[1:].copy().reset_index(drop=True))
    assert _key(base["integer"]) != _key(base["integer"].rename("x"))  # a series' name counts


def test_frames_inside_other_arguments_are_keyed_by_content():
    a, b = pd.DataFrame({"v": ["x"]}), pd.DataFrame({"v": ["y"]})
    long = pd.DataFrame({"v": range(3)})  # over LARGE_ROWS: the frames nested beside it use the digest too
    assert memo._key_digest((long, {"frame": a}), {}) == memo._key_digest((long, {"frame": a.copy()}), {})
    assert memo._key_digest((long, {"frame": a}), {}) != memo._key_digest((long, {"frame": b}), {})


def test_short_and_long_frames_give_the_same_answers(monkeypatch):
    CALLS.clear()
    frame = pd.DataFrame({"v": [1, 2, 3]})
    monkeypatch.setattr(memo, "LARGE_ROWS", 10)  # plain pickling
    assert _double(frame)["v"].tolist() == [2, 4, 6]
    monkeypatch.setattr(memo, "LARGE_ROWS", 0)  # buffer digest
    assert _double(frame.copy())["v"].tolist() == [2, 4, 6]
    assert _double(frame.assign(v=[1, 2, 4]))["v"].tolist() == [2, 4, 8]
    assert len(CALLS) == 3  # a new key space, then one new value


def test_no_caller_can_change_what_the_next_one_receives():
    from smt_dashboard import filters

    @memo.memoized
    def judged_and_list(n: int):
        rows = pd.DataFrame({"a": range(n)})
        return filters.Judged(rows, rows.iloc[0:0], {"areas": 0}), [1, 2], {"k": [3]}

    first, values, mapping = judged_and_list(3)
    first.rows["b"] = 1
    first.unjudged_by["areas"] = 99
    values.append(9)
    mapping["k"].append(4)
    again, values2, mapping2 = judged_and_list(3)
    assert list(again.rows.columns) == ["a"] and again.unjudged_by == {"areas": 0}
    assert values2 == [1, 2] and mapping2 == {"k": [3]}
