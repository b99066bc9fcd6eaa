"""The cross-table rules as data: every rule names tables and columns the schemas declare, and each kind of rule
finds what it states (one small case per kind; the real data's rules are exercised by tests/test_validation.py,
test_study.py and test_post_study.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from smt_dashboard import rules
from smt_dashboard.rule_engine import (
    CHECKS,
    Count,
    Covers,
    Custom,
    EveryRow,
    Figure,
    FilledExactly,
    ForeignKey,
    Holds,
    Matches,
    MemberOf,
    RowsOf,
    Total,
    run,
    unknown_columns,
)
from smt_dashboard.schemas import SPECS

SCHEMAS = {name: list(spec.schema.columns) for name, spec in SPECS.items()} | {
    name: list(columns) for name, columns in rules.EXTRA_TABLES.items()}


@pytest.mark.parametrize("rule", rules.RULES, ids=lambda r: f"{type(r).__name__}-{getattr(r, 'table', '')}")
def test_every_rule_names_tables_and_columns_of_the_schemas(rule):
    assert type(rule) in CHECKS
    assert unknown_columns(rule, SCHEMAS) == []


@pytest.mark.parametrize("rule, missing", [
    (ForeignKey("companies", "no_such_column", "companies", "company_id", "x"), ["companies.no_such_column"]),
    (Count("companies", "scope == 'french' & nationalty == 'FR'", 1, "x", "scope"), ["companies.nationalty"]),
    (Matches("companies", "city", "cities", "city", (("lat", "latitude"),), "lat", "{key}"), ["cities.latitude"]),
    (EveryRow("swot", "text_fr.notna()", "text_fr", "a {quadrnt} item"), ["swot.quadrnt"]),
    (Total("no_such_table", "x", 1, "x"), ["no_such_table"]),
    (Custom("c", ("swot",), lambda frames: [], (("swot", "nothing"),)), ["swot.nothing"]),
])
def test_a_rule_naming_a_missing_column_is_caught(rule, missing):
    assert unknown_columns(rule, SCHEMAS) == missing


def test_the_table_has_every_kind():
    kinds = {type(rule) for rule in rules.RULES}
    assert kinds == set(CHECKS), set(CHECKS) - kinds


def _one(rule, frames):
    return [(e.file, e.row, e.column, e.message) for e in run([rule], frames)]


FRAMES = {
    "a": pd.DataFrame({"id": ["x", "y", "z"], "ref": ["p", "q;r", None], "kind": ["k", "k", "m"], "n": [1, 2, 3],
                       "note": ["yes", None, None], "city": ["Lyon", "Brest", None], "lat": [45.0, 48.0, None]}),
    "b": pd.DataFrame({"key": ["p", "q"], "city": ["Lyon", "Brest"], "lat": [45.0, 48.5]}),
}


def test_each_kind_names_the_file_row_and_column():
    assert _one(ForeignKey("a", "ref", "b", "key", "ref", ids=True), FRAMES) == [("a.csv", 3, "ref", "unknown ref 'r'")]
    assert _one(ForeignKey("a", "ref", "b", "key", "ref", required=True), FRAMES) == [
        ("a.csv", 3, "ref", "unknown ref 'q;r'"), ("a.csv", 4, "ref", "unknown ref nan")]
    assert _one(ForeignKey("a", "ref", "b", "key", "ref", where="kind == 'm'"), FRAMES) == []
    assert _one(Covers("a", "ref", "b", "key", "{value!r} is not covered"), FRAMES) == [
        ("a.csv", None, "ref", "'q' is not covered")]
    assert _one(Matches("a", "city", "b", "city", (("lat", "lat"),), "lat", "{key}: {value} vs {ref}", tol=0.1),
                FRAMES) == [("a.csv", 3, "lat", "Brest: 48.0 vs 48.5")]
    assert _one(Count("a", "kind == 'k'", 3, "k rows", "kind"), FRAMES) == [
        ("a.csv", None, "kind", "k rows: data gives 2, the study publishes 3")]
    assert _one(Count("a", None, RowsOf("b"), "rows", "id", distinct="kind"), FRAMES) == []
    assert _one(Total("a", "n", 5, "total", "kind == 'k'"), FRAMES) == [
        ("a.csv", None, "n", "total: data gives 3, the study publishes 5")]
    assert _one(Figure("a", "n[id == 'z'].sum() * 2", 6, "twice z", "n"), FRAMES) == []
    assert _one(Figure("a", "n[id == 'none'].mean()", 1, "nothing", "n"), FRAMES) == [
        ("a.csv", None, "n", "nothing: data gives no value, the study publishes 1")]
    assert _one(FilledExactly("a", "note", "kind == 'k'", "for k", missing="a k needs a note"), FRAMES) == [
        ("a.csv", 3, "note", "a k needs a note")]
    assert _one(MemberOf("a", "kind", "ref", {"k": ["p"]}), FRAMES) == [
        ("a.csv", 3, "ref", "ref 'q;r' is not one of 'k'"), ("a.csv", 4, "ref", "ref nan is not one of 'm'")]
    assert _one(EveryRow("a", "n < 3", "n", "{id} has {n}"), FRAMES) == [("a.csv", 4, "n", "z has 3")]
    assert _one(Holds("a", "(kind == 'm').sum() == 2", "kind", "two m"), FRAMES) == [("a.csv", None, "kind", "two m")]


def test_a_rule_whose_tables_did_not_load_is_skipped_and_one_that_cannot_read_its_data_is_reported():
    assert _one(Total("a", "n", 5, "total"), {"b": FRAMES["b"]}) == []
    (problem,) = _one(Total("a", "missing_column", 5, "total"), FRAMES)
    assert problem[0] == "a.csv" and "could not be checked" in problem[3]
