"""No "nan", "None" or "NaN" ever reaches the screen: every page, every tab (AppTest runs them all), in French and
English, in its text, captions, metrics, tables and chart data; and French widgets speak French."""

from __future__ import annotations

import json
import re

import pytest

from smt_dashboard import st_internals
from smt_dashboard.navigation import available_pages
from tests.conftest import open_app_page

MISSING = re.compile(r"(?<![\w-])(nan|None|NaN|NaT|<NA>)(?![\w-])")
QUERIES = {"profile": {"region": "84"}}


def _texts(at) -> list[str]:
    out: list[str] = []

    def walk(node):
        for child in getattr(node, "children", {}).values():
            value = getattr(child, "value", None)
            if isinstance(value, str):
                out.append(value)
            label = getattr(child, "label", None)
            if isinstance(label, str):
                out.append(label)
            walk(child)

    walk(at._tree)
    out += [str(v) for frame in (d.value for d in at.dataframe) for v in frame.astype(str).to_numpy().ravel()]
    out += [str(v) for frame in (d.value for d in at.dataframe) for v in frame.columns]
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        out.append(json.dumps({k: v for k, v in spec.items() if k not in ("datasets", "data")}, ensure_ascii=False))
        # The rows a chart draws: its labels and tooltips read them.
        for dataset in chart.proto.datasets:
            frame = st_internals.frame_from_arrow_bytes(dataset.data.data)
            text_columns = [c for c in frame.columns if frame[c].dtype == object or str(frame[c].dtype) == "str"]
            out += [str(v) for c in text_columns for v in frame[c] if isinstance(v, str)]
    return out


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("spec", available_pages(), ids=lambda s: s.key)
def test_no_missing_value_word_on_any_page(spec, lang):
    query = dict(QUERIES.get(spec.key, {}))
    if lang == "en":
        query["lang"] = "en"
    at = open_app_page(spec.file, query)
    assert not at.exception
    found = [t[:160] for t in _texts(at) if MISSING.search(t)]
    assert not found, f"{spec.key} ({lang}): {found[:5]}"
