"""The export menu: one per view, built only when opened, and what it hands a reader (the rows of the view with
readable column names, never a data name such as ``value_low`` or a chart-only flag such as ``is_france``)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from smt_dashboard import ui_views
from smt_dashboard.navigation import available_pages
from tests.conftest import open_app_page

DATA_NAME = re.compile(r"^[a-z]+(_[a-z]+)*$")


def _menus(at) -> list[str]:
    """Keys of the export menus a page drew."""
    out: list = []

    def walk(node):
        for child in getattr(node, "children", {}).values():
            out.append(child)
            walk(child)

    walk(at._tree)
    ids = [getattr(getattr(n, "proto", None), "id", "") or "" for n in out if getattr(n, "type", "") == "popover"]
    return [i.split("-", 2)[2] for i in ids if "-export_" in i]


def test_display_frame_translates_and_drops_chart_columns():
    frame = pd.DataFrame({"year": [2018], "value_low": [71], "is_france": [False], "Déjà lisible": ["x"]})
    shown = ui_views.display_frame(frame)
    assert list(shown.columns) == ["Année", "Estimation basse", "Déjà lisible"]


@pytest.mark.parametrize("spec", available_pages(), ids=lambda s: s.key)
def test_every_export_menu_shows_readable_columns(spec):
    at = open_app_page(spec.file, {"region": "84"} if spec.key == "profile" else None)
    menus = _menus(at)
    before = len(at.get("download_button"))
    for key in menus:
        at.session_state[key] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    if menus:  # opened, each menu offers its downloads
        assert len(at.get("download_button")) >= before + 2 * len(menus)
    for frame in (d.value for d in at.dataframe):
        raw = [c for c in frame.columns if DATA_NAME.match(str(c))]
        assert not raw, f"{spec.key}: data names shown {raw}"
