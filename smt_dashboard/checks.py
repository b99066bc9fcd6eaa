"""Small helpers of the cross-table checks: a problem naming file, row and column, id lists, expected counts and
foreign keys."""

from __future__ import annotations

import pandas as pd

from smt_dashboard.datasets import DatasetError


def ids(cell: object) -> list[str]:
    return [] if cell is None or pd.isna(cell) else str(cell).split(";")


def problem(file: str, message: str, row: int | None = None, column: str | None = None) -> DatasetError:
    return DatasetError(file, message, row=row, column=column)


def expect(out: list, file: str, column: str, got: float, want: float, what: str, tol: float = 0) -> None:
    if abs(got - want) > tol:
        out.append(problem(file, f"{what}: data gives {got:g}, the study publishes {want:g}", column=column))


def count(out: list, file: str, column: str, rows: pd.DataFrame, want: int, what: str) -> None:
    expect(out, file, column, len(rows), want, what)


def fk(out: list, file: str, df: pd.DataFrame, column: str, known: set, what: str) -> None:
    for pos, value in enumerate(df[column]):
        if value is not None and not pd.isna(value) and value not in known:
            out.append(problem(file, f"unknown {what} {value!r}", pos + 2, column))


def filled_exactly(out: list, file: str, df: pd.DataFrame, column: str, when: pd.Series, condition: str) -> None:
    """``column`` is filled on the rows where ``when`` holds and empty elsewhere."""
    for pos, (value, wanted) in enumerate(zip(df[column], when)):
        if pd.isna(value) == bool(wanted):
            out.append(problem(file, f"{column} must be set exactly {condition}", pos + 2, column))


def basis_with(out: list, file: str, df: pd.DataFrame, column: str, basis: str) -> None:
    """A ``*_basis`` cell is filled exactly when the value it qualifies is."""
    filled_exactly(out, file, df, basis, df[column].notna(), f"when {column} is")


def member_of(out: list, file: str, df: pd.DataFrame, group: str, column: str, allowed: dict[str, list[str]]) -> None:
    """Each ``column`` value belongs to its ``group`` (a kind to its body or topic)."""
    for pos, (head, value) in enumerate(zip(df[group], df[column])):
        if value not in allowed.get(head, []):
            out.append(problem(file, f"{column} {value!r} is not one of {head!r}", pos + 2, column))


def counts(out: list, file: str, df: pd.DataFrame, column: str, want: dict[str, int], what: str) -> None:
    """The rows of each value of ``column`` number what the study prints."""
    for value, n in want.items():
        count(out, file, column, df[df[column] == value], n, f"{what}: {value}")
