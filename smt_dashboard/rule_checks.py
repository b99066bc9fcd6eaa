"""The few cross-table checks no rule kind states (``rules.py`` lists them as ``Custom`` rules): the jobs model
against its published results, SWOT evidence rows, company groups, trees of items, rankings and tallies.
Each takes the loaded frames and returns its problems (file, CSV line, column)."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from smt_dashboard.checks import expect, ids, problem
from smt_dashboard.datasets import DatasetError
from smt_dashboard.health_index import rank_in_study_chart
from smt_dashboard.health_index import study_chart as chart
from smt_dashboard.projections import compare_with_published, inputs_from_table, project_jobs
from smt_dashboard.swot import unknown_references

Frames = Mapping[str, pd.DataFrame]
# How far the jobs model may land from each published figure (the study rounds them).
PROJECTION_TOLERANCES = {"companies": 0.05, "new_companies": 0.05, "jobs_new_companies": 1, "jobs_headcount_growth": 1,
                         "jobs_total": 1}
DATE_PRECISION = {"year": r"^\d{4}$", "month": r"^\d{4}-\d{2}$", "day": r"^\d{4}-\d{2}-\d{2}$"}
# Which kind of item another kind hangs under in pharma_smt_organisation.csv.
ORGANISATION_PARENTS = {"sub_question": "question", "question": "success_factor"}
# The traditional-jobs slide's « Savoir faire » / « Savoir être » table: its skills by family.
SLIDE_SKILLS = {"project_manager": 7, "medical_affairs": 1, "market_access": 3, "regulatory_affairs": 5,
                "marketing_sales": 3}


def projection(frames: Frames) -> list[DatasetError]:
    """The jobs model, run on jobs_projection_inputs, reproduces the published results within rounding."""
    try:
        inputs = inputs_from_table(frames["jobs_projection_inputs"])
    except KeyError as exc:
        return [problem("jobs_projection_inputs.csv", f"missing parameter {exc}", column="parameter")]
    cmp = compare_with_published(project_jobs(inputs), frames["jobs_projection_published"])
    out = []
    for pos, row in cmp.iterrows():
        for col, tol in PROJECTION_TOLERANCES.items():
            if row[f"{col}_diff"] > tol + 1e-9:
                out.append(problem("jobs_projection_published.csv",
                                   f"{int(row['year'])}: model gives {row[col]:.2f}, published {row[f'{col}_published']:g}",
                                   row=int(pos) + 2, column=col))
    return out


def swot_evidence_rows(frames: Frames) -> list[DatasetError]:
    """Each evidence row reads the dataset its figure reads and points at rows that exist (event ids, barrier ids…)."""
    return [problem("swot_evidence.csv", message, pos + 2, column)
            for pos, column, message in unknown_references(frames["swot_evidence"], frames)]


def france_rank(frames: Frames) -> list[DatasetError]:
    """France's rank in the digital health index (15th of 17)."""
    idx = frames["digital_health_index"].sort_values("index", ascending=False).reset_index(drop=True)
    french = idx.index[idx["country_code"] == "FR"]
    if not len(french):
        return [problem("digital_health_index.csv", "France is not in the index", column="country_code")]
    out: list[DatasetError] = []
    expect(out, "digital_health_index.csv", "index", int(french[0]) + 1, 15, "France's rank")
    return out


def _short(name: object) -> str:
    return str(name).split(" (")[0].strip().lower()


def company_groups(frames: Frames) -> list[DatasetError]:
    """A group present both as a French subsidiary of a foreign company and as a US company is linked by one
    group_id (so that it is never counted twice); a group_id links at most one row of each of those two scopes,
    under the same name, and two such rows with the same name must share it."""
    companies = frames["companies"]
    out = []
    lines = {cid: pos + 2 for pos, cid in enumerate(companies["company_id"])}
    for gid, rows in companies.groupby("group_id", sort=False):
        if len(rows) == 1:
            continue
        first = rows.iloc[-1]["company_id"]
        if sorted(rows["scope"]) != ["foreign_subsidiary", "us"]:
            out.append(problem("companies.csv", f"group_id {gid!r} links {len(rows)} rows of scopes "
                               f"{sorted(rows['scope'])}: expected one foreign subsidiary and one US company",
                               lines[first], "group_id"))
        elif len({_short(n) for n in rows["name"]}) != 1:
            out.append(problem("companies.csv", f"group_id {gid!r} links different names {list(rows['name'])}",
                               lines[first], "group_id"))
    subs = companies[companies["scope"] == "foreign_subsidiary"]
    us = companies[companies["scope"] == "us"]
    for _, sub in subs.iterrows():
        for _, other in us[us["name"].map(_short) == _short(sub["name"])].iterrows():
            if other["group_id"] != sub["group_id"]:
                out.append(problem("companies.csv", f"{sub['name']} is both a French subsidiary and a US company "
                                   f"but the rows do not share a group_id", lines[other["company_id"]], "group_id"))
    return out


def success_factor_numbers(frames: Frames) -> list[DatasetError]:
    """Only the strategy factor can be matched to the study's numbering (2, on the next slide): no other number."""
    org, name = frames["pharma_smt_organisation"], "pharma_smt_organisation.csv"
    numbered = org[(org["kind"] == "success_factor") & org["study_number"].notna()]
    if numbered["study_number"].tolist() != [2]:
        return [problem(name, "only one success factor carries the study's number (2, the strategy factor); "
                        f"data numbers {numbered['study_number'].tolist()}", column="study_number")]
    return []


def organisation_tree(frames: Frames) -> list[DatasetError]:
    """A sub-question hangs under a question, a question under a success factor; nothing else hangs."""
    org, name = frames["pharma_smt_organisation"], "pharma_smt_organisation.csv"
    kinds = dict(zip(org["item_id"], org["kind"]))
    out = []
    for pos, (kind, parent) in enumerate(zip(org["kind"], org["parent_id"])):
        if pd.isna(parent):
            if kind == "sub_question":
                out.append(problem(name, "a sub-question needs its question in parent_id", pos + 2, "parent_id"))
        elif parent not in kinds:
            out.append(problem(name, f"unknown parent_id {parent!r}", pos + 2, "parent_id"))
        elif kinds[parent] != ORGANISATION_PARENTS.get(kind):
            out.append(problem(name, f"a {kind} cannot hang under a {kinds[parent]}", pos + 2, "parent_id"))
    return out


def slide_skills(frames: Frames) -> list[DatasetError]:
    """The traditional-jobs slide's table: the only rows whose type the study gives, by family."""
    js = frames["job_skills"]
    counts = js[js["skill_type_basis"] == "study"].groupby("family_id").size().to_dict()
    if counts != SLIDE_SKILLS:
        return [problem("job_skills.csv", f"skills of the traditional-jobs slide by family: data gives {counts}, "
                        f"the study prints {SLIDE_SKILLS}", column="skill_type_basis")]
    return []


def dns_creation(frames: Frames) -> list[DatasetError]:
    """The DNS is created on the date of the policy timeline's dns_2019 event."""
    inst, events = frames["institutions"], frames["policy_timeline"].set_index("event_id")
    dns = inst[inst["institution_id"] == "dns"]
    if "dns_2019" in events.index and not dns.empty and dns.iloc[0]["created"] != events.loc["dns_2019", "date"]:
        return [problem("institutions.csv", "DNS creation date differs from policy_timeline.csv dns_2019",
                        int(dns.index[0]) + 2, "created")]
    return []


def player_actors(frames: Frames) -> list[DatasetError]:
    """A player names exactly one actor; a role's actors are players on the illustration."""
    mp, name = frames["market_players"], "market_players.csv"
    players = set(mp.loc[mp["kind"].isin(["player", "other_player"]), "actors"])
    out = []
    for pos, (kind, cell) in enumerate(zip(mp["kind"], mp["actors"])):
        actors = ids(cell)
        if kind in ("player", "other_player") and len(actors) != 1:
            out.append(problem(name, "a player names exactly one actor", pos + 2, "actors"))
        elif kind == "role" and (not actors or not set(actors) <= players):
            out.append(problem(name, f"a role's actors must be players on the illustration: {cell!r}", pos + 2,
                               "actors"))
    return out


def study_chart(frames: Frames) -> list[DatasetError]:
    """The study's chart of the index: 14 countries, France 12th."""
    idx, name = frames["digital_health_index"], "digital_health_index.csv"
    out: list[DatasetError] = []
    expect(out, name, "in_study_chart", len(chart(idx)), 14, "countries on the study's chart")
    try:
        rank, _ = rank_in_study_chart(idx)
    except KeyError:
        out.append(problem(name, "France is not on the study's chart", column="in_study_chart"))
    else:
        expect(out, name, "in_study_chart", rank, 12, "France's rank on the study's chart")
    return out


def _dates(frames: Frames, table: str) -> list[DatasetError]:
    """Each date has the precision its row states (year, month or day)."""
    rows = frames[table]
    return [problem(f"{table}.csv", f"date {value!r} does not have the precision {precision!r}", pos + 2, "date")
            for pos, (value, precision) in enumerate(zip(rows["date"], rows["date_precision"]))
            if not re.match(DATE_PRECISION[precision], str(value))]


def development_dates(frames: Frames) -> list[DatasetError]:
    return _dates(frames, "developments")


def indicator_dates(frames: Frames) -> list[DatasetError]:
    return _dates(frames, "indicators")


def access_route_dates(frames: Frames) -> list[DatasetError]:
    return _dates(frames, "access_route")


def indicator_rows(frames: Frames) -> list[DatasetError]:
    """Each quote prints its value; one unit and one label per indicator; one preferred value per date."""
    from smt_dashboard import indicators

    return indicators.check(frames["indicators"])


def latest_status(frames: Frames) -> list[DatasetError]:
    """The follow-up's current status is the latest of its history."""
    history, follow = frames["followup_history"], frames["recommendation_followup"]
    last = history.sort_values("since", kind="stable").groupby("reco_id")["status"].last()
    return [problem("followup_history.csv", f"the latest status of {reco!r} is not the follow-up's {status!r}",
                    column="status") for reco, status in zip(follow["reco_id"], follow["status"])
            if last.get(reco) != status]


def events_found(frames: Frames) -> list[DatasetError]:
    """A company's search record counts the developments that name it."""
    searches, dev = frames["development_searches"], frames["developments"]
    counts = pd.Series([c for cell in dev["company_ids"] for c in ids(cell)]).value_counts()
    return [problem("development_searches.csv", f"{company}: {found} events recorded, developments.csv names it "
                    f"{int(counts.get(company, 0))} times", pos + 2, "events_found")
            for pos, (company, found) in enumerate(zip(searches["company_id"], searches["events_found"]))
            if int(found) != int(counts.get(company, 0))]
