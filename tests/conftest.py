"""Shared fixtures: a scratch copy of data/ that a test may break, AppTest helpers, and the check every page makes
of a broken file (a red box naming it, the rest of the page still there)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from smt_dashboard.datasets import load_dataset

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
APP = str(ROOT / "app.py")
# AppTest runs every tab of a page (a test reads a whole page in one run); in the browser only the open tab runs,
# which the browser tests exercise by clicking the tabs (their servers are started without this variable).
os.environ["SMT_ALL_TABS"] = "1"


@pytest.fixture(scope="module")
def companies() -> pd.DataFrame:
    """The curated companies table (read-only)."""
    return load_dataset("companies", DATA)


@pytest.fixture(scope="module")
def products() -> pd.DataFrame:
    """The curated company products table (read-only)."""
    return load_dataset("company_products", DATA)


def open_app_page(page: str, query: dict | None = None) -> AppTest:
    """Run the app opened directly on ``page`` with these URL parameters, as a shared link does
    (page-level URL keys live only on their page)."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.switch_page(page).run()


def open_export(at: AppTest, key: str) -> AppTest:
    """Open the export menu of the view ``key`` (its buttons and its data table are built only when open)."""
    at.session_state[f"export_{key}"] = True
    return at.run()


def metrics(at: AppTest) -> dict[str, str]:
    """Metric label → displayed value."""
    return {m.label: m.value for m in at.metric}


def chart_specs(at: AppTest) -> list[dict]:
    """The Vega-Lite specs the page sent, in page order."""
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


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


def scope_lines(at: AppTest) -> list:
    """The page's line saying which global filters act on it (":material/filter_alt…" Markdown)."""
    return [m for m in at.markdown if m.value.startswith(":material/filter_alt")]


def _named(name: str, message: str) -> bool:
    """``name`` is in an error box, as Markdown escapes it ("deals\\_2018\\.csv") or as is."""
    return name.replace("_", "\\_").replace(".", "\\.") in message or name in message


def page_with_broken_cell(open_page: Callable[[], AppTest], data_copy: Path, file: str, row: int, column: str,
                          value: str) -> tuple[AppTest, str]:
    """Break one cell of ``file`` (in the test's copy of data/) and open the page: nothing is raised and one red box
    names the file, the line and the column. Returns the page and the box's text, for what the page still shows."""
    rewrite_cell(data_copy / file, row, column, value)
    at = open_page()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1, [e.value for e in at.error]
    message = at.error[0].value
    assert _named(file, message), message
    assert f"ligne {row}" in message, message
    assert _named(column, message), message
    return at, message
