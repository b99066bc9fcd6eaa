"""Shared fixtures: a scratch copy of data/ that a test may break, and AppTest helpers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of data/ used by the app and loaders for this test (SMT_DATA_DIR)."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    monkeypatch.setenv("SMT_DATA_DIR", str(target))
    return target


def rewrite_cell(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell of a CSV (row = line number in the file, header = 1)."""
    import csv
    import io

    text = path.read_text(encoding="utf-8")
    records = list(csv.reader(io.StringIO(text)))
    header = records[0]
    records[row - 1][header.index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(records)
    path.write_text(out.getvalue(), encoding="utf-8")
