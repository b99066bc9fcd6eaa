"""Small helpers of the cross-table checks: a problem naming file, row and column, id lists, and a figure against
the study's."""

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
