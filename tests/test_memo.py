"""Memoised pure functions: computed once per argument value, frames detached from the cache."""

from __future__ import annotations

import pandas as pd

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
