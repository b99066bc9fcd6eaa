"""Cross-row checks of the indicators since the study, the access route's dated texts, the follow-up's status
history and the committee's meetings."""

from __future__ import annotations

import re

import pandas as pd

from smt_dashboard import checks, indicators
from smt_dashboard.datasets import DatasetError

_PRECISION = {"year": r"^\d{4}$", "month": r"^\d{4}-\d{2}$", "day": r"^\d{4}-\d{2}-\d{2}$"}


def _precision(out: list, name: str, df: pd.DataFrame) -> None:
    for pos, (value, precision) in enumerate(zip(df["date"], df["date_precision"]), start=2):
        if not re.match(_PRECISION[precision], str(value)):
            out.append(checks.problem(name, f"date {value!r} does not have the precision {precision!r}", pos, "date"))


def check_indicators(frames: dict[str, pd.DataFrame]) -> list[DatasetError]:
    out: list[DatasetError] = []
    if "indicators" in frames:
        _precision(out, "indicators.csv", frames["indicators"])
        out += indicators.check(frames["indicators"])
    if "access_route" in frames:
        _precision(out, "access_route.csv", frames["access_route"])
    history, follow = frames.get("followup_history"), frames.get("recommendation_followup")
    if history is not None and follow is not None:
        name = "followup_history.csv"
        checks.fk(out, name, history, "reco_id", set(follow["reco_id"]), "recommendation")
        last = history.sort_values("since", kind="stable").groupby("reco_id")["status"].last()
        for reco, status in zip(follow["reco_id"], follow["status"]):
            if last.get(reco) != status:
                out.append(checks.problem(name, f"the latest status of {reco!r} is not the follow-up's {status!r}",
                                          column="status"))
    return out
