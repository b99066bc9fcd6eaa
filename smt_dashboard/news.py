"""What is new since a date (the last committee meeting, or a date the presenter picks): the developments, indicator
values and follow-up statuses added to the data — or changed — on or after that day. Pure: each row keeps the day it
entered the data (``added_on``; rows already there take the day they entered the repository) and, when it was
corrected, the day it changed (``changed_on``); the follow-up keeps its status history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from smt_dashboard import i18n
from smt_dashboard.schemas.post_study import STUDY_DATE

QUICK = ("last_meeting", "3_months", "12_months", "study")


@dataclass(frozen=True)
class Since:
    """The day counted from and how it was chosen (``last_meeting``, a quick choice, or ``date``)."""

    day: date
    how: str


def last_meeting(meetings: pd.DataFrame, today: date) -> date | None:
    """The latest meeting on or before today (None when the secretariat has entered none)."""
    days = [date.fromisoformat(str(d)) for d in meetings["meeting_date"]] if len(meetings) else []
    past = [d for d in days if d <= today]
    return max(past) if past else None


def resolve(choice: str | None, meetings: pd.DataFrame, today: date) -> Since:
    """The day behind a choice: a date (``YYYY-MM-DD``), a quick choice, or — by default — the last meeting when the
    table has one, else the study's date."""
    if choice:
        try:
            day = date.fromisoformat(choice)
            if STUDY_DATE <= day <= today:
                return Since(day, "date")
        except ValueError:
            pass
    meeting = last_meeting(meetings, today)
    if choice == "3_months":
        return Since(today - timedelta(days=91), "3_months")
    if choice == "12_months":
        return Since(today - timedelta(days=365), "12_months")
    if meeting is not None and choice in (None, "", "last_meeting"):
        return Since(meeting, "last_meeting")
    return Since(STUDY_DATE, "study")


def _on_or_after(column: pd.Series, day: date) -> pd.Series:
    return column.fillna("").astype(str).map(lambda v: bool(v) and date.fromisoformat(v) >= day)


def changes(developments: pd.DataFrame, indicators: pd.DataFrame, history: pd.DataFrame, since: date,
            lang: str) -> pd.DataFrame:
    """Every row added or changed since ``since``: kind (development / indicator / follow-up), what, the date it
    speaks of, whether it is new or corrected, the day it entered or changed, its source publisher and address."""
    rows = []
    added, changed = _on_or_after(developments["added_on"], since), _on_or_after(developments["changed_on"], since)
    for row, is_new, is_changed in zip(developments.to_dict("records"), added, changed):
        if is_new or is_changed:
            rows.append({"kind": "development", "what": row[f"text_{lang}"], "about": row["date"],
                         "change": "added" if is_new else "changed",
                         "on": row["added_on"] if is_new else row["changed_on"],
                         "source_publisher": row["source_publisher"], "source_url": row["source_url"],
                         "read_on": row["read_on"]})
    for row, is_new in zip(indicators.to_dict("records"), _on_or_after(indicators["added_on"], since)):
        if is_new and row["preferred"] == "yes":
            rows.append({"kind": "indicator", "what": f"{row[f'label_{lang}']} ({row['geography']}) : {row['value']:g}"
                         if lang == "fr" else f"{row[f'label_{lang}']} ({row['geography']}): {row['value']:g}",
                         "about": row["date"], "change": "added", "on": row["added_on"],
                         "source_publisher": row["source_publisher"], "source_url": row["source_url"],
                         "read_on": row["read_on"]})
    for row, is_new in zip(history.to_dict("records"), _on_or_after(history["since"], since)):
        if is_new:
            rows.append({"kind": "followup", "what": i18n.t("since.news.followup_line", lang, reco=row["reco_id"],
                                                            status=i18n.t(f"since.status.{row['status']}", lang)),
                         "about": row["since"], "change": "status", "on": row["since"], "source_publisher": "",
                         "source_url": "", "read_on": row["since"]})
    columns = ["kind", "what", "about", "change", "on", "source_publisher", "source_url", "read_on"]
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values(["on", "kind", "about"], ascending=[False, True, False], kind="stable").reset_index(drop=True)


def counts(table: pd.DataFrame) -> dict[str, int]:
    """How many of each kind (development, indicator, follow-up)."""
    return {kind: int((table["kind"] == kind).sum()) for kind in ("development", "indicator", "followup")}
