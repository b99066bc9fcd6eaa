"""Cross-table checks of the post-study tables: every id a development names exists in the study's tables, dates
match their stated precision, every recommendation has a follow-up status backed by developments (or none for
"no public evidence found"), and every company in France has a dated search record that counts its developments."""

from __future__ import annotations

import re

import pandas as pd

from smt_dashboard import checks
from smt_dashboard.datasets import DatasetError

_PRECISION = {"year": r"^\d{4}$", "month": r"^\d{4}-\d{2}$", "day": r"^\d{4}-\d{2}-\d{2}$"}
_LINKS = (("company_ids", "companies", "company_id", "company"), ("reco_ids", "recommendations", "reco_id", "recommendation"),
          ("swot_ids", "swot", "item_id", "SWOT item"), ("policy_event_ids", "policy_timeline", "event_id", "policy milestone"))


def check_post_study(frames: dict[str, pd.DataFrame]) -> list[DatasetError]:
    """The post-study tables against the study's tables."""
    out: list[DatasetError] = []
    dev = frames.get("developments")
    if dev is not None:
        name = "developments.csv"
        for pos, (value, precision) in enumerate(zip(dev["date"], dev["date_precision"])):
            if not re.match(_PRECISION[precision], str(value)):
                out.append(checks.problem(name, f"date {value!r} does not have the precision {precision!r}", pos + 2, "date"))
        for column, table, key, what in _LINKS:
            if table not in frames:
                continue
            known = set(frames[table][key])
            for pos, cell in enumerate(dev[column]):
                for value in checks.ids(cell):
                    if value not in known:
                        out.append(checks.problem(name, f"unknown {what} {value!r}", pos + 2, column))
    follow = frames.get("recommendation_followup")
    if follow is not None:
        name = "recommendation_followup.csv"
        known_devs = set(dev["development_id"]) if dev is not None else None
        if "recommendations" in frames:
            checks.fk(out, name, follow, "reco_id", set(frames["recommendations"]["reco_id"]), "recommendation")
            for missing in sorted(set(frames["recommendations"]["reco_id"]) - set(follow["reco_id"])):
                out.append(checks.problem(name, f"recommendation {missing!r} has no follow-up status", column="reco_id"))
        for pos, (status, cell) in enumerate(zip(follow["status"], follow["development_ids"])):
            ids = checks.ids(cell)
            if (status == "no_evidence") != (not ids):
                out.append(checks.problem(name, f"status {status!r} needs developments only when there is evidence",
                                          pos + 2, "development_ids"))
            for value in ids:
                if known_devs is not None and value not in known_devs:
                    out.append(checks.problem(name, f"unknown development {value!r}", pos + 2, "development_ids"))
    searches = frames.get("development_searches")
    if searches is not None and "companies" in frames:
        name = "development_searches.csv"
        companies = frames["companies"]
        in_france = set(companies.loc[companies["scope"].isin(["french", "foreign_subsidiary"]), "company_id"])
        checks.fk(out, name, searches, "company_id", set(companies["company_id"]), "company")
        for missing in sorted(in_france - set(searches["company_id"])):
            out.append(checks.problem(name, f"company {missing!r} in France has no search record", column="company_id"))
        if dev is not None:
            counts = pd.Series([c for cell in dev["company_ids"] for c in checks.ids(cell)]).value_counts()
            for pos, (company, found) in enumerate(zip(searches["company_id"], searches["events_found"])):
                if int(found) != int(counts.get(company, 0)):
                    out.append(checks.problem(name, f"{company}: {found} events recorded, developments.csv names it "
                                                    f"{int(counts.get(company, 0))} times", pos + 2, "events_found"))
    return out
