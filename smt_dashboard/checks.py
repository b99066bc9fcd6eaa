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


def basis_with(out: list, file: str, df: pd.DataFrame, column: str, basis: str) -> None:
    """A ``*_basis`` cell is filled exactly when the value it qualifies is."""
    for pos, (value, why) in enumerate(zip(df[column], df[basis])):
        if pd.isna(value) != pd.isna(why):
            out.append(problem(file, f"{basis} must be set exactly when {column} is", pos + 2, basis))
