"""Cross-table checks: sources resolve, regions exist, totals match the study; the CLI reports them."""

from __future__ import annotations

import subprocess
import sys

from smt_dashboard.validation import validate_all
from tests.conftest import DATA, ROOT, rewrite_cell


def test_shipped_data_is_valid_and_consistent():
    errors = validate_all(DATA)
    assert errors == [], "\n".join(e.describe() for e in errors)


def test_unknown_source_id_is_reported(data_copy):
    rewrite_cell(data_copy / "market_size.csv", 2, "cited_source_ids", "market_reports;nowhere")
    errors = validate_all(data_copy)
    assert any(e.file == "market_size.csv" and e.row == 2 and e.column == "cited_source_ids"
               and "nowhere" in e.message for e in errors)


def test_unknown_region_code_is_reported(data_copy):
    rewrite_cell(data_copy / "companies.csv", 2, "region_code", "99")
    errors = validate_all(data_copy)
    assert any(e.file == "companies.csv" and e.row == 2 and e.column == "region_code" for e in errors)


def test_study_totals_are_checked(data_copy):
    rewrite_cell(data_copy / "smt_catalogue.csv", 6, "smt_count", "18")
    errors = validate_all(data_copy)
    assert any(e.file == "smt_catalogue.csv" and "40" in e.message for e in errors)


def test_projection_inputs_must_reproduce_published_results(data_copy):
    path = data_copy / "jobs_projection_inputs.csv"
    text = path.read_text(encoding="utf-8").replace("headcount_growth,30,", "headcount_growth,40,")
    path.write_text(text, encoding="utf-8")
    errors = validate_all(data_copy)
    assert any(e.file == "jobs_projection_published.csv" and e.column == "jobs_headcount_growth" for e in errors)


def test_cli_prints_named_errors(data_copy):
    rewrite_cell(data_copy / "deals_2018.csv", 3, "deals", "beaucoup")
    proc = subprocess.run([sys.executable, "-m", "smt_dashboard.validate", str(data_copy)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "deals_2018.csv, row 3, column deals" in proc.stdout


def test_cli_ok_on_shipped_data():
    proc = subprocess.run([sys.executable, "-m", "smt_dashboard.validate"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("OK")
