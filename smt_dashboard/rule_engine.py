"""The kinds of cross-table rule and the one engine that runs them.

A rule is data: a frozen dataclass naming its table, columns and what the study prints (``rules.py`` holds the
table of rules). :func:`run` checks each rule whose tables loaded and returns the problems as DatasetErrors naming
file, CSV line and column, as ``python -m smt_dashboard.validate`` prints them.

Conditions and figures are short Python expressions over the table's columns (each a pandas Series), e.g.
``"scope == 'french'"`` or ``"deals[geo_id == 'world'].sum()"``: readable beside the study's wording, and their
column names are checked against the schemas (``tests/test_rules.py``)."""

from __future__ import annotations

import ast
import string
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from smt_dashboard.checks import expect, ids, problem
from smt_dashboard.datasets import DatasetError

# What an expression may call besides the columns' own methods.
HELPERS: dict[str, object] = {"round": round, "len": len, "abs": abs, "int": int, "float": float, "sorted": sorted,
                              "set": set, "list": list}


@dataclass(frozen=True)
class RowsOf:
    """A figure the data fixes itself: the number of rows of ``table``."""

    table: str


@dataclass(frozen=True)
class ForeignKey:
    """Each value of ``table.column`` (each id when ``ids``) names a value of ``ref_table.ref_column``."""

    table: str
    column: str
    ref_table: str
    ref_column: str
    what: str
    ids: bool = False  # the cell is a ";" list of ids
    ref_ids: bool = False  # the referenced cells are ";" lists
    where: str | None = None  # only the rows where this holds
    template: str = "unknown {what} {value!r}"
    required: bool = False  # an empty cell is reported too (as an unknown value)
    cite_row: bool = True


@dataclass(frozen=True)
class Covers:
    """Every value of ``ref_table.ref_column`` (on the rows where ``ref_where`` holds) appears in ``table.column``."""

    table: str
    column: str
    ref_table: str
    ref_column: str
    template: str  # with {value}
    ref_where: str | None = None


@dataclass(frozen=True)
class Matches:
    """A row agrees with the row its ``key`` names in ``ref_table``: each (column, ref column) pair is equal (numbers
    within ``tol``). Keys the reference does not hold are a ForeignKey's business, not this rule's."""

    table: str
    key: str
    ref_table: str
    ref_key: str
    pairs: tuple[tuple[str, str], ...]
    column: str  # where the problem is reported
    template: str  # with {key}, {value} (the row's first column) and {ref} (the reference's)
    tol: float = 0.0
    ref_ids: bool = False  # the reference's key cells are ";" lists (the last row naming a key wins)


@dataclass(frozen=True)
class Count:
    """The rows where ``where`` holds (all rows when None) number what the study prints."""

    table: str
    where: str | None
    want: int | RowsOf
    what: str
    column: str
    distinct: str | None = None  # count each value of this column once (its first row)


@dataclass(frozen=True)
class Total:
    """``column`` adds up (on the rows where ``where`` holds) to what the study prints."""

    table: str
    column: str
    want: float | RowsOf
    what: str
    where: str | None = None
    tol: float = 0.0


@dataclass(frozen=True)
class Figure:
    """A figure computed over the table (``expr``) is the one the study prints."""

    table: str
    expr: str
    want: float | RowsOf
    what: str
    column: str
    tol: float = 0.0


@dataclass(frozen=True)
class FilledExactly:
    """``column`` is filled on the rows where ``when`` holds and empty elsewhere."""

    table: str
    column: str
    when: str
    condition: str  # the end of the default message: "<column> must be set exactly <condition>"
    extra: str | None = None  # message for a cell filled where it should be empty
    missing: str | None = None  # message for a cell empty where it should be filled


@dataclass(frozen=True)
class MemberOf:
    """Each ``column`` value is one of its ``group``'s (a kind to its body or topic)."""

    table: str
    group: str
    column: str
    allowed: Mapping[str, list[str]] = field(hash=False)


@dataclass(frozen=True)
class EveryRow:
    """``expr`` holds on every row; a row where it does not is named with ``message`` (which may quote the row's
    cells, e.g. ``"a {kind} needs a name"``)."""

    table: str
    expr: str
    column: str
    message: str


@dataclass(frozen=True)
class Holds:
    """``expr`` holds over the whole table (no one row is at fault)."""

    table: str
    expr: str
    column: str
    message: str


@dataclass(frozen=True)
class Custom:
    """A check no kind above states: a function of the frames returning its problems."""

    name: str
    tables: tuple[str, ...]
    fn: Callable[[Mapping[str, pd.DataFrame]], list[DatasetError]] = field(compare=False)
    columns: tuple[tuple[str, str], ...] = ()  # (table, column) pairs it reads, checked against the schemas


Rule = ForeignKey | Covers | Matches | Count | Total | Figure | FilledExactly | MemberOf | EveryRow | Holds | Custom


# --- expressions ---------------------------------------------------------------------------------------------

class _Columns(dict):
    """A table's columns by name, read when an expression names them (a name that is no column falls through to
    HELPERS)."""

    def __init__(self, df: pd.DataFrame):
        super().__init__()
        self.df = df

    def __missing__(self, name: str) -> pd.Series:
        if name in self.df.columns:
            return self.df[name]
        raise KeyError(name)


def evaluate(df: pd.DataFrame, expr: str) -> object:
    """``expr`` with the table's columns as names (and HELPERS): a Series for a condition, a number for a figure."""
    return eval(compile(expr, "<rule>", "eval"), {"__builtins__": {}, **HELPERS}, _Columns(df))  # noqa: S307 - our rules


def mask(df: pd.DataFrame, expr: str | None) -> pd.Series:
    """The rows where ``expr`` holds (a missing answer counts as no)."""
    if expr is None:
        return pd.Series(True, index=df.index)
    result = evaluate(df, expr)
    return pd.Series(result, index=df.index).fillna(False).astype(bool)


def names_in(expr: str | None) -> set[str]:
    """The column names an expression reads."""
    if expr is None:
        return set()
    return {node.id for node in ast.walk(ast.parse(expr, mode="eval")) if isinstance(node, ast.Name)} - set(HELPERS)


def fields_in(template: str) -> set[str]:
    """The row cells a message quotes."""
    return {name.split("!")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


def _missing(value: object) -> bool:
    return value is None or bool(pd.isna(value))


def _want(want: float | RowsOf, frames: Mapping[str, pd.DataFrame]) -> float:
    return len(frames[want.table]) if isinstance(want, RowsOf) else want


def _ref_values(df: pd.DataFrame, column: str, split: bool) -> set:
    if split:
        return {value for cell in df[column] for value in ids(cell)}
    return set(df[column])


# --- the checks, one per kind --------------------------------------------------------------------------------

def _foreign_key(rule: ForeignKey, frames) -> list[DatasetError]:
    df, file = frames[rule.table], f"{rule.table}.csv"
    known = _ref_values(frames[rule.ref_table], rule.ref_column, rule.ref_ids)
    out = []
    for pos, (cell, selected) in enumerate(zip(df[rule.column], mask(df, rule.where))):
        if not selected:
            continue
        if rule.ids:
            values = ids(cell)
        else:
            values = [] if _missing(cell) and not rule.required else [cell]
        for value in values:
            if value not in known:
                out.append(problem(file, rule.template.format(what=rule.what, value=value),
                                   pos + 2 if rule.cite_row else None, rule.column))
    return out


def _covers(rule: Covers, frames) -> list[DatasetError]:
    ref = frames[rule.ref_table]
    wanted = set(ref.loc[mask(ref, rule.ref_where), rule.ref_column])
    present = set(frames[rule.table][rule.column])
    return [problem(f"{rule.table}.csv", rule.template.format(value=value), column=rule.column)
            for value in sorted(wanted - present)]


def _differs(value: object, ref: object, tol: float) -> bool:
    if tol and isinstance(value, int | float) and isinstance(ref, int | float):
        return abs(ref - value) > tol
    return bool(ref != value)


def _matches(rule: Matches, frames) -> list[DatasetError]:
    df, ref = frames[rule.table], frames[rule.ref_table]
    by_key: dict = {}
    for _, row in ref.iterrows():
        for key in (ids(row[rule.ref_key]) if rule.ref_ids else [row[rule.ref_key]]):
            by_key[key] = row
    out = []
    for pos, (_, row) in enumerate(df.iterrows()):
        key = row[rule.key]
        if _missing(key) or key not in by_key:
            continue
        other = by_key[key]
        if any(_differs(row[mine], other[theirs], rule.tol) for mine, theirs in rule.pairs):
            mine, theirs = rule.pairs[0]
            message = rule.template.format(key=key, value=row[mine], ref=other[theirs])
            out.append(problem(f"{rule.table}.csv", message, pos + 2, rule.column))
    return out


def _count(rule: Count, frames) -> list[DatasetError]:
    df = frames[rule.table]
    if rule.distinct:
        df = df.drop_duplicates(rule.distinct)
    out: list[DatasetError] = []
    expect(out, f"{rule.table}.csv", rule.column, int(mask(df, rule.where).sum()), _want(rule.want, frames), rule.what)
    return out


def _compare(rule: Total | Figure, frames, got: object) -> list[DatasetError]:
    out: list[DatasetError] = []
    want = _want(rule.want, frames)
    if _missing(got):
        out.append(problem(f"{rule.table}.csv", f"{rule.what}: data gives no value, the study publishes {want:g}",
                           column=rule.column))
    else:
        expect(out, f"{rule.table}.csv", rule.column, got, want, rule.what, rule.tol)
    return out


def _total(rule: Total, frames) -> list[DatasetError]:
    df = frames[rule.table]
    return _compare(rule, frames, df.loc[mask(df, rule.where), rule.column].sum())


def _figure(rule: Figure, frames) -> list[DatasetError]:
    return _compare(rule, frames, evaluate(frames[rule.table], rule.expr))


def _filled_exactly(rule: FilledExactly, frames) -> list[DatasetError]:
    df, file = frames[rule.table], f"{rule.table}.csv"
    default = f"{rule.column} must be set exactly {rule.condition}"
    out = []
    for pos, (value, wanted) in enumerate(zip(df[rule.column], mask(df, rule.when))):
        if _missing(value) == wanted:
            message = (rule.missing if wanted else rule.extra) or default
            out.append(problem(file, message, pos + 2, rule.column))
    return out


def _member_of(rule: MemberOf, frames) -> list[DatasetError]:
    df = frames[rule.table]
    return [problem(f"{rule.table}.csv", f"{rule.column} {value!r} is not one of {head!r}", pos + 2, rule.column)
            for pos, (head, value) in enumerate(zip(df[rule.group], df[rule.column]))
            if value not in rule.allowed.get(head, [])]


def _every_row(rule: EveryRow, frames) -> list[DatasetError]:
    df = frames[rule.table]
    quoted = fields_in(rule.message)
    return [problem(f"{rule.table}.csv", rule.message.format(**{c: df.iloc[pos][c] for c in quoted}), pos + 2,
                    rule.column)
            for pos, ok in enumerate(mask(df, rule.expr)) if not ok]


def _holds(rule: Holds, frames) -> list[DatasetError]:
    if bool(evaluate(frames[rule.table], rule.expr)):
        return []
    return [problem(f"{rule.table}.csv", rule.message, column=rule.column)]


def _custom(rule: Custom, frames) -> list[DatasetError]:
    return list(rule.fn(frames))


CHECKS: dict[type, Callable] = {ForeignKey: _foreign_key, Covers: _covers, Matches: _matches, Count: _count,
                                Total: _total, Figure: _figure, FilledExactly: _filled_exactly, MemberOf: _member_of,
                                EveryRow: _every_row, Holds: _holds, Custom: _custom}


# --- what a rule reads ---------------------------------------------------------------------------------------

def tables_of(rule: Rule) -> tuple[str, ...]:
    """The tables a rule needs: it is skipped when one did not load (its own error says why)."""
    if isinstance(rule, Custom):
        return rule.tables
    found = [rule.table] + [getattr(rule, "ref_table", None)] + [
        want.table for want in (getattr(rule, "want", None),) if isinstance(want, RowsOf)]
    return tuple(dict.fromkeys(t for t in found if t))


def columns_of(rule: Rule) -> set[tuple[str, str]]:
    """Every (table, column) a rule reads: checked against the schemas."""
    if isinstance(rule, Custom):
        return set(rule.columns)
    table = rule.table
    own: set[str] = set()
    for name in ("column", "key", "group", "distinct"):
        value = getattr(rule, name, None)
        if value:
            own.add(value)
    for name in ("where", "when", "expr"):
        own |= names_in(getattr(rule, name, None))
    if isinstance(rule, EveryRow):
        own |= fields_in(rule.message)
    pairs = {(table, c) for c in own}
    if isinstance(rule, Matches):
        pairs |= {(table, mine) for mine, _ in rule.pairs} | {(rule.ref_table, theirs) for _, theirs in rule.pairs}
        pairs.add((rule.ref_table, rule.ref_key))
    if isinstance(rule, ForeignKey | Covers):
        pairs.add((rule.ref_table, rule.ref_column))
        pairs |= {(rule.ref_table, c) for c in names_in(getattr(rule, "ref_where", None))}
    return pairs


def unknown_columns(rule: Rule, schemas: Mapping[str, Iterable[str]]) -> list[str]:
    """The tables and columns a rule names that the schemas do not declare, as "table" or "table.column"."""
    missing = [t for t in tables_of(rule) if t not in schemas]
    missing += sorted(f"{t}.{c}" for t, c in columns_of(rule) if t in schemas and c not in set(schemas[t]))
    return missing


def describe(rule: Rule) -> str:
    return rule.name if isinstance(rule, Custom) else f"{type(rule).__name__} on {rule.table}"


def run(rules: Iterable[Rule], frames: Mapping[str, pd.DataFrame]) -> list[DatasetError]:
    """Every problem the rules find in the tables that loaded, in the rules' order."""
    out: list[DatasetError] = []
    for rule in rules:
        if not all(t in frames for t in tables_of(rule)):
            continue
        try:
            out += CHECKS[type(rule)](rule, frames)
        except (KeyError, NameError, ValueError, TypeError, AttributeError, IndexError, ZeroDivisionError) as exc:
            # Data the rule cannot read (a column of unexpected content): a problem to fix, never a crash.
            out.append(problem(f"{tables_of(rule)[0]}.csv", f"{describe(rule)} could not be checked ({exc!r})"))
    return out
