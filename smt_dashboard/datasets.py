"""Curated datasets: one pandera schema per CSV file, declared beside a single strict loader.

Every loader is pure (no Streamlit): it reads ``data/<name>.csv`` and returns a validated
DataFrame or raises :class:`DatasetError` naming the file, the row and the column.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import threading
import warnings
from collections import OrderedDict
from pathlib import Path

import pandas as pd

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import pandera.pandas as pa

from smt_dashboard.config import DATA_DIR, data_dir  # noqa: F401 - where the loaders read by default
from smt_dashboard.schemas import DATASET_NAMES, SPECS, DatasetSpec  # noqa: F401 - the schemas, declared in schemas/


class DatasetError(Exception):
    """A data file that cannot be used, with where the problem is (file, CSV line, column)."""

    def __init__(self, file: str, message: str, row: int | None = None, column: str | None = None,
                 problems: list[dict] | None = None):
        self.file = file
        self.row = row
        self.column = column
        self.message = message
        self.problems = problems or [{"row": row, "column": column, "message": message}]
        super().__init__(self.describe())

    def describe(self) -> str:
        """One line per problem, e.g. ``companies.csv, ligne 4, colonne employees : ...``."""
        lines = []
        for p in self.problems:
            where = [self.file]
            if p.get("row") is not None:
                where.append(f"row {p['row']}")
            if p.get("column"):
                where.append(f"column {p['column']}")
            lines.append(", ".join(where) + f": {p['message']}")
        return "\n".join(lines)


# --- reading ------------------------------------------------------------------------------------

def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DatasetError(path.name, "file not found") from None


def _read_rows(name: str, raw: bytes) -> tuple[list[str], list[list[str]], list[int]]:
    """Strictly read a UTF-8 CSV's bytes into header + rows, raising DatasetError with the CSV line number."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DatasetError(name, f"not valid UTF-8 (byte {raw[exc.start]:#04x})", row=line) from None
    if not text.strip():
        raise DatasetError(name, "empty file (no header)", row=1)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
        rows = []
        for record in reader:
            if record:
                rows.append((reader.line_num, record))
    except csv.Error as exc:
        raise DatasetError(name, f"unreadable CSV ({exc})", row=reader.line_num) from None
    header = [h.strip() for h in header]
    problems = []
    for line, record in rows:
        if len(record) != len(header):
            missing = header[len(record)] if len(record) < len(header) else None
            problems.append({"row": line, "column": missing,
                             "message": f"{len(record)} fields where the header has {len(header)}"
                                        " (truncated or shifted line)"})
    if problems:
        raise DatasetError(name, problems[0]["message"], problems[0]["row"], problems[0]["column"], problems)
    return header, [r for _, r in rows], [line for line, _ in rows]


def _frame(header: list[str], records: list[list[str]]) -> pd.DataFrame:
    df = pd.DataFrame(records, columns=header, dtype=object)
    # An empty cell means "not given by the source" (shown as "non communiqué").
    return df.replace({"": None}).map(lambda v: v.strip() if isinstance(v, str) else v)


def validate_frame(spec: DatasetSpec, df: pd.DataFrame, lines: list[int] | None = None) -> pd.DataFrame:
    """Validate ``df`` against the dataset's schema and key, raising a DatasetError on failure."""
    name = spec.filename
    lines = lines if lines is not None else [i + 2 for i in range(len(df))]
    try:
        out = spec.schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        problems = []
        fc = exc.failure_cases
        for _, case in fc.iterrows():
            column = case["column"] if isinstance(case["column"], str) else None
            idx = case["index"]
            if case["check"] == "column_in_dataframe":
                column, row, msg = str(case["failure_case"]), 1, "missing column"
            elif case["check"] == "column_in_schema":
                column, row, msg = str(case["failure_case"]), 1, "unexpected column"
            else:
                row = lines[int(idx)] if idx is not None and not pd.isna(idx) else None
                value = case["failure_case"]
                msg = f"value {value!r} fails {case['check']}"
                if str(case["check"]).startswith(("coerce_dtype", "dtype(")):
                    msg = f"value {value!r} has the wrong type ({case['check']})"
                elif case["check"] == "not_nullable":
                    msg = "required value missing"
            if not any(p["row"] == row and p["column"] == column for p in problems):
                problems.append({"row": row, "column": column, "message": msg})
        problems.sort(key=lambda p: (p["row"] is None, p["row"] or 0))
        first = problems[0]
        raise DatasetError(name, first["message"], first["row"], first["column"], problems) from None
    for col_name, col in spec.schema.columns.items():
        if (col.metadata or {}).get("bool"):
            out[col_name] = out[col_name].eq("True")
        elif (col.metadata or {}).get("tribool"):
            out[col_name] = pd.Series([True if v == "True" else False if v == "False" else None
                                       for v in out[col_name]], index=out.index, dtype=object)
    if len(out) < spec.min_rows:
        what = "no rows" if out.empty else f"{len(out)} row(s) where the table needs at least {spec.min_rows}"
        raise DatasetError(name, f"{what} (file cut short?)", row=lines[-1] + 1 if lines else 2)
    dup = out.duplicated(subset=list(spec.key), keep="first")
    if dup.any():
        pos = int(dup.to_numpy().nonzero()[0][0])
        key = ", ".join(f"{k}={out.iloc[pos][k]}" for k in spec.key)
        raise DatasetError(name, f"duplicate key ({key})", row=lines[pos], column=spec.key[0])
    return out


# Validated frames by file content: the same bytes are validated once per process (validation is most of a load's
# time), whichever folder holds them. Bounded, and locked: the app's sessions share it.
_VALIDATED: OrderedDict[tuple[str, int, bytes], pd.DataFrame] = OrderedDict()
_VALIDATED_MAX = 256
_VALIDATED_LOCK = threading.Lock()


def load_dataset(name: str, directory: Path | str | None = None) -> pd.DataFrame:
    """Read and validate ``<directory>/<name>.csv``; raise DatasetError naming file, row and column."""
    spec = SPECS[name]
    folder = Path(directory) if directory is not None else data_dir()
    raw = _read_bytes(folder / spec.filename)
    key = (name, id(spec), hashlib.blake2b(raw, digest_size=16).digest())
    with _VALIDATED_LOCK:
        cached = _VALIDATED.get(key)
        if cached is not None:
            _VALIDATED.move_to_end(key)
            return cached.copy(deep=False)  # copy-on-write: a caller's change never reaches the cache
    header, records, lines = _read_rows(spec.filename, raw)
    out = validate_frame(spec, _frame(header, records), lines)
    with _VALIDATED_LOCK:
        _VALIDATED[key] = out.copy(deep=False)
        while len(_VALIDATED) > _VALIDATED_MAX:
            _VALIDATED.popitem(last=False)
    return out


def load_regions(directory: Path | str | None = None) -> dict:
    """Read ``regions.geojson`` (FeatureCollection with region_code/region_name) or raise DatasetError."""
    folder = Path(directory) if directory is not None else data_dir()
    path = folder / "regions.geojson"
    try:
        geo = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DatasetError(path.name, "file not found") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DatasetError(path.name, f"not valid UTF-8 JSON ({exc})") from None
    features = geo.get("features") if isinstance(geo, dict) else None
    if not isinstance(features, list) or not features:
        raise DatasetError(path.name, "no features (expected a GeoJSON FeatureCollection)")
    for i, feat in enumerate(features, start=1):
        props = feat.get("properties") or {}
        for col in ("region_code", "region_name", "source_id"):
            if not props.get(col):
                raise DatasetError(path.name, "missing property", row=i, column=col)
        if not feat.get("geometry"):
            raise DatasetError(path.name, "missing geometry", row=i, column="geometry")
    return geo


def region_names(geo: dict) -> dict[str, str]:
    """Map INSEE region code → region name from the regions GeoJSON."""
    return {f["properties"]["region_code"]: f["properties"]["region_name"] for f in geo["features"]}
