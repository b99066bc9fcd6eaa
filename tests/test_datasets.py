"""Every dataset loads and validates; a broken file raises one error naming file, row and column."""

from __future__ import annotations

import pytest

from smt_dashboard.datasets import DATASET_NAMES, SPECS, DatasetError, load_dataset, load_regions, region_names
from tests.conftest import DATA, rewrite_cell

POST_STUDY = {"developments", "recommendation_followup", "development_searches", "indicators", "access_route"}
EMPTY_AT_FIRST = {"meetings"}  # entered by the committee's secretariat: ships with none (never an invented meeting)


@pytest.mark.parametrize("name", DATASET_NAMES)
def test_every_dataset_loads_and_every_row_names_its_source(name):
    df = load_dataset(name, DATA)
    assert len(df) > 0 or name in EMPTY_AT_FIRST
    if name in POST_STUDY:
        # After the study: each row names its own public source (address, publisher, excerpt, day read) or, for the
        # follow-up and search records, the team's review (a source id) and where it searched.
        if {"source_url", "quote", "read_on"} <= set(df.columns):
            assert df["source_url"].notna().all() and df["quote"].notna().all() and df["read_on"].notna().all()
        else:
            assert df["source_id"].notna().all() and df["searched"].notna().all()
    else:
        assert df["source_id"].notna().all()
    assert set(df.columns) == set(SPECS[name].schema.columns)


def test_every_csv_in_data_has_a_schema():
    on_disk = {p.stem for p in DATA.glob("*.csv")}
    assert on_disk == set(DATASET_NAMES)


def test_regions_geojson_has_metropolitan_regions():
    names = region_names(load_regions(DATA))
    assert names["53"] == "Bretagne"
    assert names["11"] == "Île-de-France"
    assert names["27"] == "Bourgogne-Franche-Comté"
    assert {"11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94"} <= set(names)


def test_undisclosed_values_stay_empty_not_zero():
    companies = load_dataset("companies", DATA).set_index("company_id")
    assert companies.loc["ad_scientiam", "revenue_2018_meur"] != companies.loc["ad_scientiam", "revenue_2018_meur"]  # NaN
    assert companies.loc["crossject", "revenue_2018_meur"] == 0  # the study prints 0
    rounds = load_dataset("funding_rounds", DATA).set_index("round_id")
    assert rounds["amount_meur"].isna().sum() == 6
    assert rounds.loc["crossject_2012_07", "amount_meur"] != rounds.loc["crossject_2012_07", "amount_meur"]


def test_wrong_type_names_file_row_and_column(data_copy):
    rewrite_cell(data_copy / "companies.csv", 4, "employees", "beaucoup")
    with pytest.raises(DatasetError) as err:
        load_dataset("companies", data_copy)
    assert err.value.file == "companies.csv"
    assert err.value.row == 4
    assert err.value.column == "employees"
    assert "companies.csv, row 4, column employees" in str(err.value)


def test_negative_amount_is_rejected(data_copy):
    rewrite_cell(data_copy / "funding_rounds.csv", 2, "amount_meur", "-2")
    with pytest.raises(DatasetError) as err:
        load_dataset("funding_rounds", data_copy)
    assert (err.value.row, err.value.column) == (2, "amount_meur")


def test_unknown_code_is_rejected(data_copy):
    rewrite_cell(data_copy / "swot.csv", 3, "quadrant", "strenght")
    with pytest.raises(DatasetError) as err:
        load_dataset("swot", data_copy)
    assert (err.value.row, err.value.column) == (3, "quadrant")


def test_bad_date_is_rejected(data_copy):
    rewrite_cell(data_copy / "funding_rounds.csv", 5, "date", "juillet 2012")
    with pytest.raises(DatasetError) as err:
        load_dataset("funding_rounds", data_copy)
    assert (err.value.row, err.value.column) == (5, "date")


def test_missing_column_is_named(data_copy):
    path = data_copy / "deals_2018.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    import csv
    import io
    rows = list(csv.reader(io.StringIO("\n".join(lines))))
    idx = rows[0].index("deals")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([r[:idx] + r[idx + 1:] for r in rows])
    path.write_text(out.getvalue(), encoding="utf-8")
    with pytest.raises(DatasetError) as err:
        load_dataset("deals_2018", data_copy)
    assert err.value.column == "deals"
    assert "missing column" in str(err.value)


def test_duplicate_key_is_named(data_copy):
    path = data_copy / "sources.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines + [lines[1]]) + "\n", encoding="utf-8")
    with pytest.raises(DatasetError) as err:
        load_dataset("sources", data_copy)
    assert err.value.row == len(lines) + 1
    assert err.value.column == "source_id"


def test_empty_file(data_copy):
    (data_copy / "market_size.csv").write_text("", encoding="utf-8")
    with pytest.raises(DatasetError, match="empty file") as err:
        load_dataset("market_size", data_copy)
    assert err.value.file == "market_size.csv"


def test_non_utf8_bytes_give_the_line(data_copy):
    path = data_copy / "barriers.csv"
    raw = path.read_bytes().splitlines(keepends=True)
    raw[2] = raw[2].replace("é".encode(), b"\xe9", 1)
    path.write_bytes(b"".join(raw))
    with pytest.raises(DatasetError, match="UTF-8") as err:
        load_dataset("barriers", data_copy)
    assert err.value.row == 3


def test_truncated_last_line(data_copy):
    path = data_copy / "adoption_survey.csv"
    text = path.read_text(encoding="utf-8").rstrip("\n")
    last_start = text.rfind("\n") + 1
    path.write_text(text[: last_start + 30], encoding="utf-8")
    n_lines = text.count("\n") + 1
    with pytest.raises(DatasetError) as err:
        load_dataset("adoption_survey", data_copy)
    assert err.value.row == n_lines


def test_broken_geojson_is_named(data_copy):
    (data_copy / "regions.geojson").write_text("{not json", encoding="utf-8")
    with pytest.raises(DatasetError) as err:
        load_regions(data_copy)
    assert err.value.file == "regions.geojson"
