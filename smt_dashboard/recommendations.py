"""The study's recommendations: grouped by objective, filtered by target actor, and tied to the SWOT
weaknesses and threats each action answers. Pure functions (no Streamlit)."""

from __future__ import annotations

import pandas as pd

from smt_dashboard import i18n

OBJECTIVES = ("obj1", "obj2", "obj3", "training_ra", "training_ux_data_dev", "training_engineers")
TARGETS = ("health_authorities", "clusters_ars", "csis", "hospitals", "new_consortium", "alliance_ehealth",
           "training_bodies")
ANSWERED_QUADRANTS = ("weakness", "threat")


def codes_of(cell: object) -> tuple[str, ...]:
    """The codes of a ``;``-separated cell (targets, answers_swot)."""
    return () if i18n.is_missing(cell) else tuple(c for c in str(cell).split(";") if c)


def filter_by_targets(recos: pd.DataFrame, targets: tuple[str, ...] = ()) -> pd.DataFrame:
    """Actions aimed at any of ``targets`` (all actions when none is chosen)."""
    if not targets:
        return recos
    wanted = set(targets)
    return recos[recos["targets"].map(lambda cell: bool(wanted.intersection(codes_of(cell))))]


def by_objective(recos: pd.DataFrame) -> list[tuple[str, str, pd.DataFrame]]:
    """(group, objective, actions) in the study's order; objectives without actions are left out."""
    out = []
    for objective in OBJECTIVES:
        rows = recos[recos["objective"] == objective].sort_values("order")
        if not rows.empty:
            out.append((str(rows.iloc[0]["group"]), objective, rows))
    return out


def answered_items(reco: pd.Series, swot: pd.DataFrame, quadrants: tuple[str, ...] = ANSWERED_QUADRANTS) -> pd.DataFrame:
    """The SWOT items an action answers (weaknesses and threats by default), in the order of the tag."""
    # Positions from plain lists: the page asks this for each of its actions on every rerun.
    position = {item: i for i, (item, quadrant) in enumerate(zip(swot["item_id"], swot["quadrant"]))
                if quadrant in quadrants}
    return swot.iloc[[position[i] for i in codes_of(reco["answers_swot"]) if i in position]].reset_index(drop=True)


def answering(item_id: str, recos: pd.DataFrame) -> pd.DataFrame:
    """The actions whose tag says they answer a SWOT item."""
    return recos[recos["answers_swot"].map(lambda cell: item_id in codes_of(cell))]


def target_counts(recos: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """Number of actions per target actor (what the chart draws), most solicited first (ties in the study's order)."""
    counts = {t: 0 for t in TARGETS}
    for cell in recos["targets"]:
        for code in codes_of(cell):
            counts[code] = counts.get(code, 0) + 1
    out = pd.DataFrame({"target": list(counts), "actions": list(counts.values())})
    out = out[out["actions"] > 0].sort_values("actions", ascending=False, kind="stable").reset_index(drop=True)
    out["target_label"] = [i18n.t(f"recommendations.target.{t}", lang) for t in out["target"]]
    return out


def unanswered(swot: pd.DataFrame, recos: pd.DataFrame, quadrants: tuple[str, ...] = ANSWERED_QUADRANTS) -> pd.DataFrame:
    """Weaknesses and threats that no action answers."""
    tagged = {c for cell in recos["answers_swot"] for c in codes_of(cell)}
    rows = swot[swot["quadrant"].isin(quadrants)]
    return rows[~rows["item_id"].isin(tagged)]
