"""Corrupted data never crashes the app: for every dataset, generated faults give the named error
(file, row, column); on the pages that need the file a red box names it, every other page renders.
A full pass over every page leaves data/ byte-for-byte unchanged."""

from __future__ import annotations

import csv
import hashlib
import inspect
import io
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from smt_dashboard.datasets import DATASET_NAMES, SPECS, DatasetError, load_dataset
from smt_dashboard.navigation import available_pages
from smt_dashboard.validation import validate_all
from tests.conftest import DATA, ROOT

DATE_COLUMNS = {"funding_rounds": "date", "policy_timeline": "date", "pharma_digital_units": "since",
                "institutions": "created"}


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def _write(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _numeric(name: str, non_negative: bool = False) -> str | None:
    for col_name, col in SPECS[name].schema.columns.items():
        if str(col.dtype) not in ("float64", "Int64"):
            continue
        if not non_negative:
            return col_name
        if any((c.statistics or {}).get("min_value", -1) >= 0 for c in col.checks):
            return col_name
    return None


def _set(path: Path, row: int, column: str, value: str) -> None:
    rows = _rows(path)
    rows[row - 1][rows[0].index(column)] = value
    _write(path, rows)


# Each fault: (applies to dataset?, apply to the file, expected (row, column) or None when not fixed).
def _required_text(name: str) -> str:
    """A required column every row must fill: the source (the post-study tables: their key)."""
    return "source_id" if "source_id" in SPECS[name].schema.columns else SPECS[name].key[0]


def missing_column(path: Path, name: str):
    rows = _rows(path)
    column = _required_text(name)
    idx = rows[0].index(column)
    _write(path, [r[:idx] + r[idx + 1:] for r in rows])
    return 1, column


def wrong_type(path: Path, name: str):
    column = _numeric(name)
    if column is None:
        column = _required_text(name)
        _set(path, 2, column, "pas un identifiant !")
    else:
        _set(path, 2, column, "beaucoup")
    return 2, column


def negative_amount(path: Path, name: str):
    column = _numeric(name, non_negative=True)
    if column is None:
        return None
    _set(path, 2, column, "-5")
    return 2, column


def unparseable_date(path: Path, name: str):
    column = DATE_COLUMNS.get(name)
    if column is None:
        return None
    _set(path, 2, column, "juillet 2012")
    return 2, column


def duplicate_key(path: Path, name: str):
    rows = _rows(path)
    _write(path, rows + [rows[1]])
    return len(rows) + 1, SPECS[name].key[0]


def empty_file(path: Path, name: str):
    path.write_text("", encoding="utf-8")
    return 1, None


def non_utf8(path: Path, name: str):
    raw = path.read_bytes().splitlines(keepends=True)
    raw[1] = b"\xff\xfe" + raw[1]
    path.write_bytes(b"".join(raw))
    return 2, None


def truncated_last_line(path: Path, name: str):
    text = path.read_text(encoding="utf-8").rstrip("\n")
    lines = text.split("\n")
    header_fields = len(next(csv.reader([lines[0]])))
    last = lines[-1]
    # Cut the last line after its first field so that fields are missing.
    cut = last.index(",") if "," in last and not last.startswith('"') else max(1, len(last) // 3)
    path.write_text("\n".join(lines[:-1] + [last[:cut]]), encoding="utf-8")
    assert header_fields > 1
    return len(lines), None


FAULTS = [missing_column, wrong_type, negative_amount, unparseable_date, duplicate_key, empty_file, non_utf8,
          truncated_last_line]
# Faults that exist only for some tables (a non-negative number, a date column); the others apply to every table.
APPLIES = {negative_amount: lambda name: _numeric(name, non_negative=True) is not None,
           unparseable_date: lambda name: name in DATE_COLUMNS}


def _has_rows(name: str) -> bool:
    """A table that ships with rows (the committee's meetings ship with none: only its header can break)."""
    return len(_rows(DATA / f"{name}.csv")) > 1


def applies(fault, name: str) -> bool:
    if not _has_rows(name) and fault not in (missing_column, empty_file):
        return False
    return APPLIES.get(fault, lambda _: True)(name)


# Only the cases where the fault changes the file: a fault a table cannot have is not a case (it would load the
# untouched file and pass, testing nothing).
CASES = [(name, fault) for fault in FAULTS for name in DATASET_NAMES if applies(fault, name)]


def _copy(folder: Path, name: str) -> Path:
    path = folder / f"{name}.csv"
    path.write_bytes((DATA / f"{name}.csv").read_bytes())
    return path


def test_every_generated_case_changes_the_file(tmp_path):
    for name, fault in CASES:
        path = _copy(tmp_path, name)
        assert fault(path, name) is not None, (fault.__name__, name)
        assert path.read_bytes() != (DATA / f"{name}.csv").read_bytes(), (fault.__name__, name)
    # And a fault is left out only where it cannot be made.
    for fault in FAULTS:
        for name in DATASET_NAMES:
            if not applies(fault, name) and _has_rows(name):
                assert fault(_copy(tmp_path, name), name) is None, (fault.__name__, name)


@pytest.mark.parametrize("name, fault", CASES, ids=[f"{name}-{fault.__name__}" for name, fault in CASES])
def test_fault_gives_a_named_error(tmp_path, name, fault):
    folder = tmp_path / "data"
    folder.mkdir()
    path = _copy(folder, name)
    expected = fault(path, name)
    with pytest.raises(DatasetError) as err:
        load_dataset(name, folder)
    row, column = expected
    assert err.value.file == f"{name}.csv"
    if row is not None and fault is not truncated_last_line:
        assert err.value.row == row, err.value.describe()
    if fault is truncated_last_line:
        assert err.value.row is not None and err.value.row >= row - 1, err.value.describe()
    if column is not None:
        assert err.value.column == column, err.value.describe()


def test_every_fault_applies_to_some_datasets():
    cases = {f.__name__: sum(1 for _, fault in CASES if fault is f) for f in FAULTS}
    assert all(n > 0 for n in cases.values()), cases


def test_unknown_source_id_and_region_code_are_cross_checked(data_copy):
    _set(data_copy / "barriers.csv", 3, "source_id", "inconnue")
    _set(data_copy / "cities.csv", 2, "region_code", "99")
    errors = validate_all(data_copy)
    assert any(e.file == "barriers.csv" and e.row == 3 and e.column == "source_id" for e in errors)
    assert any(e.file == "cities.csv" and e.row == 2 and e.column == "region_code" for e in errors)


# --- page level ---------------------------------------------------------------------------------

PAGES = available_pages()


def _run_page(spec) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.switch_page(spec.file)
    return at.run()


@pytest.fixture(scope="module")
def dependencies() -> dict[str, set[str]]:
    """Which datasets each page reads (every read, cached or not, goes through ui's file note), recorded while the
    page runs: the sidebar's option counts read files too, and fall back to names alone when they are broken."""
    from smt_dashboard import ui

    recorded: dict[str, set[str]] = {}
    original = ui._note_file
    current: set[str] = set()

    def spy(file: str) -> None:
        if any("app_pages" in frame.filename for frame in inspect.stack()[1:]):
            current.add(file.rsplit(".", 1)[0])
        original(file)

    ui._note_file = spy
    try:
        for spec in PAGES:
            st.cache_resource.clear()
            current.clear()
            at = _run_page(spec)
            assert not at.exception, spec.key
            recorded[spec.key] = set(current)
    finally:
        ui._note_file = original
        st.cache_resource.clear()
    return recorded


def test_every_dataset_is_used_by_some_page(dependencies):
    used = set().union(*dependencies.values())
    assert set(DATASET_NAMES) - {"sources", "cities"} <= used, set(DATASET_NAMES) - used


def _page_fault(name: str):
    """The fault a table meets on its way through the pages: the file faults and the cuts in turn, table by table
    (each kind is named by validation for every table above; through the pages one is enough per table, so that
    each table is read broken by every page that needs it, and each kind of fault reaches the pages)."""
    kinds = FAULTS + [one_row, header_only]
    first = DATASET_NAMES.index(name) % len(kinds)
    for fault in kinds[first:] + kinds[:first]:
        if fault in (one_row, header_only) or applies(fault, name):
            yield fault


@pytest.mark.parametrize("name", DATASET_NAMES)
def test_broken_dataset_shows_named_error_only_where_needed(data_copy, dependencies, name):
    """A broken or cut-short table: every page that reads it renders, names the file in an error box and raises
    nothing, the other parts of the page still render (a title); a page that does not read it shows no error."""
    path = data_copy / f"{name}.csv"
    original = path.read_bytes()
    fault = None
    for candidate in _page_fault(name):
        path.write_bytes(original)
        if candidate(path, name) is not None and path.read_bytes() != original:
            fault = candidate
            break
    assert fault is not None, name
    st.cache_resource.clear()
    needing = [s for s in PAGES if name in dependencies[s.key]]
    others = [s for s in PAGES if name not in dependencies[s.key]]
    for spec in needing:
        at = _run_page(spec)
        assert not at.exception, (spec.key, fault.__name__, [e.value for e in at.exception])
        assert at.title, spec.key
        if name == "sources":
            continue  # source lines fall back to the raw ids; the page itself keeps working
        boxes = [e.value for e in at.error] + [c.value for c in at.caption if ":material/error:" in c.value]
        assert any(f"{name}.csv" in b.replace("\\", "") for b in boxes), (spec.key, fault.__name__, boxes)
        assert all(f"{name}.csv" in e.value.replace("\\", "") for e in at.error), (spec.key, fault.__name__)
    for spec in others[:1]:  # a page that does not read the table shows no error
        at = _run_page(spec)
        assert not at.exception and not at.error, (spec.key, name)
        assert at.title, spec.key


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_full_pass_leaves_data_unchanged():
    before = _digest(DATA)
    for spec in PAGES:
        at = _run_page(spec)
        assert not at.exception, spec.key
    assert _digest(DATA) == before


# --- a table cut short: its header only, or one row ----------------------------------------------------------

def header_only(path: Path, name: str):
    if SPECS[name].min_rows == 0:
        return None  # a table allowed empty (the meetings) is not cut short by losing its rows
    _write(path, _rows(path)[:1])
    return 2, None


def one_row(path: Path, name: str):
    rows = _rows(path)
    if len(rows) - 1 <= 1 or SPECS[name].min_rows <= 1:
        return None  # the table has one row of its own: nothing is cut
    _write(path, rows[:2])
    return 3, None


SHORT_FAULTS = [header_only, one_row]


@pytest.mark.parametrize("fault", SHORT_FAULTS, ids=[f.__name__ for f in SHORT_FAULTS])
def test_validate_names_every_table_cut_short(data_copy, fault):
    cut = {name for name in DATASET_NAMES if fault(data_copy / f"{name}.csv", name) is not None}
    # Every table is cut, but those whose schema allows one row (one line of the study, one development).
    assert cut >= {n for n in DATASET_NAMES if SPECS[n].min_rows > 1}
    named = {e.file for e in validate_all(data_copy)}
    assert {f"{name}.csv" for name in cut} <= named, {f"{name}.csv" for name in cut} - named
    for name in cut:
        with pytest.raises(DatasetError, match="row") as err:
            load_dataset(name, data_copy)
        assert err.value.file == f"{name}.csv"
