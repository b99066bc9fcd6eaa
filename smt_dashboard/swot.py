"""SWOT of France's position and the evidence behind each item.

``data/swot_evidence.csv`` ties an item to a page and to a *figure*: the name of a computation below and its
parameters (ids of rows). The figure itself is computed from the datasets when it is shown, never typed in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from smt_dashboard import health_index, i18n
from smt_dashboard.filters import france_companies
from smt_dashboard.jobs import hard_label
from smt_dashboard.jobs import hard_to_recruit as hard_to_recruit_rows
from smt_dashboard.market import context_figures, fmt_bn_usd, growth, size_ranges
from smt_dashboard.policy import budget_label, format_partial_date, jurisdiction_label
from smt_dashboard.schemas import AXES, SWOT_QUADRANTS

Frames = Mapping[str, pd.DataFrame]


@dataclass(frozen=True)
class Figure:
    """A computed piece of evidence: what it is, its headline value (None for a qualitative finding such as
    a barrier), a context line, further findings as (head, text) pairs, and the rows behind it."""

    label: str
    value: str | None
    detail: str
    rows: pd.DataFrame
    lines: tuple[tuple[str, str], ...] = field(default_factory=tuple)


class EvidenceError(LookupError):
    """An evidence row names a row that is not in the data (e.g. an event id that was removed)."""


def params_of(cell: object) -> tuple[str, ...]:
    """The ``;``-separated ids of an evidence row's ``params`` cell."""
    return () if i18n.is_missing(cell) else tuple(p for p in str(cell).split(";") if p)


def _select(df: pd.DataFrame, column: str, ids: tuple[str, ...], what: str) -> pd.DataFrame:
    """The rows whose ``column`` is in ``ids``, in the order of ``ids``; EvidenceError if one is missing."""
    missing = [i for i in ids if i not in set(df[column].astype(str))]
    if missing:
        raise EvidenceError(f"{what}: {', '.join(missing)}")
    return pd.concat([df[df[column].astype(str) == i] for i in ids])


def _t(key: str, lang: str, **kwargs: object) -> str:
    return i18n.t(f"swot.fig.{key}", lang, **kwargs)


# --- the computations ---------------------------------------------------------------------------------

def timeline_event(frames: Frames, params: tuple[str, ...], lang: str) -> Figure:
    """A policy milestone: its date at the study's precision, title, detail and budget."""
    rows = _select(frames["policy_timeline"], "event_id", params[:1], "policy_timeline")
    row = rows.iloc[0]
    detail = i18n.pick(row, "detail", lang) or ""
    budget = budget_label(row, lang)
    if budget:
        detail = _t("timeline_event.budget", lang, budget=budget) + " " + detail
    label = f"{jurisdiction_label(row['jurisdiction'], lang)} · {i18n.pick(row, 'title', lang)}"
    return Figure(label, format_partial_date(row["date"], lang), detail, rows)


def barrier(frames: Frames, params: tuple[str, ...], lang: str) -> Figure:
    """Barriers to SMT named by the study, with their level and the actors who face them."""
    rows = _select(frames["barriers"], "barrier_id", params, "barriers")
    first = rows.iloc[0]
    label = _t("barrier.label", lang, level=i18n.t(f"policy.level.{first['level']}", lang),
               actor=i18n.t(f"policy.actor.{first['actor']}", lang))
    lines = tuple(("", i18n.pick(r, "text", lang) or "") for _, r in rows.iterrows())
    return Figure(label, None, "", rows, lines)


def pharma_units(frames: Frames, params: tuple[str, ...], lang: str) -> Figure:
    """How many digital-health teams drug companies run in France, and which."""
    rows = frames["pharma_digital_units"]
    lines = []
    for _, r in rows.iterrows():
        text = f"{r['unit']} ({r['company']})"
        if not i18n.is_missing(r["since"]):
            text += " · " + _t("pharma_units.since", lang, date=format_partial_date(r["since"], lang))
        lines.append(("", text))
    return Figure(_t("pharma_units.label", lang), i18n.fmt_number(len(rows), lang), "", rows, tuple(lines))


def company_counts(frames: Frames, params: tuple[str, ...], lang: str) -> Figure:
    """French SMT companies + French subsidiaries of foreign companies, and their staff in France."""
    rows = france_companies(frames["companies"])
    french = rows[rows["scope"] == "french"]
    subs = rows[rows["scope"] == "foreign_subsidiary"]
    value = f"{i18n.fmt_number(len(french), lang)} + {i18n.fmt_number(len(subs), lang)}"
    detail = _t("company_counts.detail", lang, staff_french=i18n.fmt_number(french["employees"].sum(), lang),
                staff_subsidiaries=i18n.fmt_number(subs["employees"].sum(), lang))
    return Figure(_t("company_counts.label", lang), value, detail, rows)


def job_family(frames: Frames, params: tuple[str, ...], lang: str) -> Figure:
    """Whether a job family is hard to recruit, its profile, and which of its sub-families are."""
    families = frames["job_families"]
    rows = _select(families, "family_id", params[:1], "job_families")
    row = rows.iloc[0]
    children = families[families["parent_family_id"] == row["family_id"]]
    hard_children = children[children["hard_to_recruit"].map(lambda v: v is True).astype(bool)]
    value = hard_label(row["hard_to_recruit"], lang).capitalize()
    lines = tuple((_t("job_family.hard_child", lang), i18n.pick(c, "name", lang) or "")
                  for _, c in hard_children.iterrows())
    label = _t("job_family.label", lang, family=i18n.pick(row, "name", lang))
    return Figure(label, value, i18n.pick(row, "profile", lang) or "", pd.concat([rows, hard_children]), lines)


def hard_to_recruit(frames: Frames, params: tuple[str, ...], lang: str) -> Figure:
    """The jobs / job families the study finds hard to recruit in health."""
    families = frames["job_families"]
    rows = hard_to_recruit_rows(families)
    lines = tuple((i18n.pick(r, "name", lang) or "", "") for _, r in rows.iterrows())
    return Figure(_t("hard_to_recruit.label", lang), i18n.fmt_number(len(rows), lang), "", rows, lines)


def _fundraising(rounds: pd.DataFrame) -> pd.DataFrame:
    return rounds[rounds["round_type"] == "fundraising"]


def fundraising_total(frames: Frames, params: tuple[str, ...], lang: str) -> Figure:
    """Sum of the French SMT companies' fundraising rounds (undisclosed amounts counted apart), beside the
    total the study publishes."""
    raised = _fundraising(frames["funding_rounds"])
    total = float(raised["amount_meur"].sum())
    undisclosed = int(raised["amount_meur"].isna().sum())
    detail = _t("fundraising_total.detail", lang, n=i18n.fmt_number(len(raised), lang),
                undisclosed=i18n.fmt_number(undisclosed, lang))
    rows = raised
    context = frames.get("funding_context")
    if context is not None:
        published = context[context["item_id"] == "published_fundraising_total"]
        if not published.empty:
            detail += " " + _t("fundraising_total.published", lang,
                               published=i18n.fmt_meur(published.iloc[0]["value_low"], lang))
            rows = pd.concat([raised, published])
    return Figure(_t("fundraising_total.label", lang), i18n.fmt_meur(total, lang), detail, rows)


def large_rounds(frames: Frames, params: tuple[str, ...], lang: str) -> Figure:
    """How many of the French SMT companies' fundraising rounds exceed the study's "large round" threshold."""
    threshold_row = _select(frames["funding_context"], "item_id", params[:1], "funding_context")
    threshold = float(threshold_row.iloc[0]["value_low"])
    known = _fundraising(frames["funding_rounds"]).dropna(subset=["amount_meur"])
    above = known[known["amount_meur"] > threshold].sort_values("amount_meur", ascending=False)
    names = dict(zip(frames["companies"]["company_id"], frames["companies"]["name"]))
    lines = tuple((i18n.fmt_meur(r["amount_meur"], lang),
                   f"{names.get(r['company_id'], r['company_id'])} ({format_partial_date(r['date'], lang)})")
                  for _, r in above.iterrows())
    value = _t("large_rounds.value", lang, n=i18n.fmt_number(len(above), lang), total=i18n.fmt_number(len(known), lang))
    label = _t("large_rounds.label", lang, threshold=i18n.fmt_meur(threshold, lang))
    return Figure(label, value, i18n.pick(threshold_row.iloc[0], "detail", lang) or "",
                  pd.concat([threshold_row, above]), lines)


def deals_share(frames: Frames, params: tuple[str, ...], lang: str) -> Figure:
    """A country's share of the 2018 worldwide digital-health deals (first param), beside other countries'."""
    deals = frames["deals_2018"]
    world_rows = deals[deals["level"] == "world"]
    world = float(world_rows["deals"].sum())
    shares = []
    for code in params:
        rows = deals[deals["country_code"] == code]
        if rows.empty:
            raise EvidenceError(f"deals_2018: {code}")
        shares.append((code, float(rows["deals"].sum()), rows))
    code, n, rows = shares[0]
    country = jurisdiction_label(code, lang)
    detail = _t("deals_share.detail", lang, country=country, n=i18n.fmt_number(n, lang),
                world=i18n.fmt_number(world, lang))
    lines = tuple((jurisdiction_label(c, lang), _t("deals_share.line", lang, n=i18n.fmt_number(k, lang),
                                                   share=i18n.fmt_pct(100 * k / world, lang)))
                  for c, k, _ in shares[1:])
    all_rows = pd.concat([world_rows] + [r for _, _, r in shares])
    return Figure(_t("deals_share.label", lang, country=country), i18n.fmt_pct(100 * n / world, lang),
                  detail, all_rows, lines)


def index_rank(frames: Frames, params: tuple[str, ...], lang: str) -> Figure:
    """A country's rank in the 2018 digital health index, its score and the leader's."""
    ordered = frames["digital_health_index"].sort_values("index", ascending=False).reset_index(drop=True)
    code = params[0] if params else "FR"
    pos = ordered.index[ordered["country_code"] == code]
    if len(pos) == 0:
        raise EvidenceError(f"digital_health_index: {code}")
    row, leader = ordered.loc[pos[0]], ordered.iloc[0]
    value = _t("index_rank.value", lang, rank=int(pos[0]) + 1, n=len(ordered))
    detail = _t("index_rank.detail", lang, score=i18n.fmt_number(row["index"], lang, 2),
                leader=i18n.pick(leader, "country", lang), leader_score=i18n.fmt_number(leader["index"], lang, 2))
    try:  # the study's own chart (14 countries) gives another rank: name each one
        chart_rank, chart_n = health_index.rank_in_study_chart(frames["digital_health_index"], code)
        detail += " " + _t("index_rank.study_chart", lang, rank=i18n.ordinal(chart_rank, lang), n=chart_n)
    except KeyError:
        pass
    label = _t("index_rank.label", lang, country=i18n.pick(row, "country", lang), n=len(ordered))
    return Figure(label, value, detail, ordered.loc[[pos[0]]])


def reimbursement(frames: Frames, params: tuple[str, ...], lang: str) -> Figure:
    """How many of the available SMT have the given French reimbursement statuses, out of all."""
    rows = frames["smt_reimbursement"]
    _select(rows, "status", params, "smt_reimbursement")
    total = int(rows["smt_count"].sum())
    n = int(rows.loc[rows["status"].isin(params), "smt_count"].sum())
    statuses = " + ".join(_t(f"reimbursement.status.{s}", lang) for s in params)
    lines = tuple((_t(f"reimbursement.status.{r['status']}", lang), i18n.fmt_number(r["smt_count"], lang))
                  for _, r in rows.iterrows())
    value = _t("reimbursement.value", lang, n=i18n.fmt_number(n, lang), total=i18n.fmt_number(total, lang))
    return Figure(_t("reimbursement.label", lang, statuses=statuses), value, "", rows, lines)


def adoption_stats(frames: Frames, params: tuple[str, ...], lang: str) -> Figure:
    """Survey percentages cited by the study, each with what it measures."""
    rows = _select(frames["adoption_survey"], "stat_id", params, "adoption_survey")
    lines = tuple((i18n.fmt_pct(r["value_pct"], lang, 0), i18n.pick(r, "label", lang) or "") for _, r in rows.iterrows())
    return Figure(_t("adoption_stats.label", lang), None, "", rows, lines)


def adoption_factors(frames: Frames, params: tuple[str, ...], lang: str) -> Figure:
    """Factors of adoption named by the study, each with its kind and audience."""
    rows = _select(frames["adoption_factors"], "factor_id", params, "adoption_factors")
    lines = tuple((_t("adoption_factors.head", lang, kind=i18n.t(f"market.kind.{r['kind']}", lang),
                      audience=i18n.t(f"market.factor_audience.{r['audience']}", lang)),
                   i18n.pick(r, "text", lang) or "") for _, r in rows.iterrows())
    return Figure(_t("adoption_factors.label", lang), None, "", rows, lines)


def health_context(frames: Frames, params: tuple[str, ...], lang: str) -> Figure:
    """Public-health context figures (chronic diseases, ageing, key technologies), changes over time joined."""
    _select(frames["health_context"], "item_id", params, "health_context")
    figures = context_figures(frames["health_context"], lang, params)
    first = figures[0]
    label = first.label + (f" ({first.period})" if first.period else "")
    lines = tuple((f.value, f.label + (f" ({f.period})" if f.period else "")) for f in figures[1:])
    return Figure(label, first.value, first.detail, pd.concat([f.rows for f in figures]), lines)


def market_size(frames: Frames, params: tuple[str, ...], lang: str) -> Figure:
    """The digital-health market at the end of the study's horizon, from its start, with the published CAGR."""
    market = frames["market_size"]
    sizes = size_ranges(market, lang)
    rate = growth(market)
    first, last = sizes.iloc[0], sizes.iloc[-1]
    detail = _t("market_size.detail", lang, start=int(first["year"]), start_range=first["range_label"],
                cagr=i18n.fmt_pct(rate.published_low, lang, 0))
    return Figure(_t("market_size.label", lang, year=int(last["year"])),
                  fmt_bn_usd(last["value_low"], last["value_high"], lang), detail, market)


@dataclass(frozen=True)
class FigureKind:
    """A computation: the datasets it reads (the first is the one ``params`` refer to, by ``param_column``)."""

    datasets: tuple[str, ...]
    param_column: str | None
    compute: Callable[[Frames, tuple[str, ...], str], Figure]


FIGURES: dict[str, FigureKind] = {
    "timeline_event": FigureKind(("policy_timeline",), "event_id", timeline_event),
    "barrier": FigureKind(("barriers",), "barrier_id", barrier),
    "pharma_units": FigureKind(("pharma_digital_units",), None, pharma_units),
    "company_counts": FigureKind(("companies",), None, company_counts),
    "job_family": FigureKind(("job_families",), "family_id", job_family),
    "hard_to_recruit": FigureKind(("job_families",), None, hard_to_recruit),
    "fundraising_total": FigureKind(("funding_rounds", "funding_context"), None, fundraising_total),
    "large_rounds": FigureKind(("funding_context", "funding_rounds", "companies"), "item_id", large_rounds),
    "deals_share": FigureKind(("deals_2018",), "country_code", deals_share),
    "index_rank": FigureKind(("digital_health_index",), "country_code", index_rank),
    "reimbursement": FigureKind(("smt_reimbursement",), "status", reimbursement),
    "adoption_stats": FigureKind(("adoption_survey",), "stat_id", adoption_stats),
    "adoption_factors": FigureKind(("adoption_factors",), "factor_id", adoption_factors),
    "health_context": FigureKind(("health_context",), "item_id", health_context),
    "market_size": FigureKind(("market_size",), None, market_size),
}


def compute(evidence_row: pd.Series, frames: Frames, lang: str = "fr") -> Figure:
    """The figure an evidence row names, computed from ``frames`` (which must hold its datasets)."""
    kind = FIGURES[evidence_row["figure"]]
    return kind.compute(frames, params_of(evidence_row["params"]), lang)


def evaluate(evidence_row: pd.Series, frames: Frames, lang: str = "fr") -> Figure | EvidenceError:
    """The figure, or the EvidenceError saying which row it names is missing (shown as a note, not a failure)."""
    try:
        return compute(evidence_row, frames, lang)
    except EvidenceError as exc:
        return exc


def datasets_for(evidence_row: pd.Series) -> tuple[str, ...]:
    """The datasets to load to compute an evidence row's figure."""
    return FIGURES[evidence_row["figure"]].datasets


# --- the SWOT itself ------------------------------------------------------------------------------------

def by_quadrant(swot: pd.DataFrame, axes: tuple[str, ...] = ()) -> dict[str, pd.DataFrame]:
    """Items of each quadrant (strengths, weaknesses, opportunities, threats) in the study's order, limited
    to some analysis axes when given."""
    rows = swot if not axes else swot[swot["axis"].isin(axes)]
    return {q: rows[rows["quadrant"] == q].sort_values("order") for q in SWOT_QUADRANTS}


def evidence_of(item_id: str, evidence: pd.DataFrame) -> pd.DataFrame:
    """The evidence rows of one item, in order."""
    return evidence[evidence["item_id"] == item_id].sort_values("order")


def coverage(swot: pd.DataFrame, evidence: pd.DataFrame) -> tuple[int, int]:
    """(items with at least one evidence row, items)."""
    return int(swot["item_id"].isin(set(evidence["item_id"])).sum()), len(swot)


def axis_counts(swot: pd.DataFrame, evidence: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """Items per quadrant × axis (what the chart draws), with how many have evidence."""
    has = swot["item_id"].isin(set(evidence["item_id"]))
    rows = swot.assign(with_evidence=has.astype(int))
    out = rows.groupby(["quadrant", "axis"], as_index=False).agg(items=("item_id", "count"),
                                                                 with_evidence=("with_evidence", "sum"))
    # Every quadrant × axis cell, so that an empty one reads 0 rather than a hole.
    grid = pd.MultiIndex.from_product([SWOT_QUADRANTS, AXES], names=["quadrant", "axis"]).to_frame(index=False)
    out = grid.merge(out, on=["quadrant", "axis"], how="left").fillna({"items": 0, "with_evidence": 0})
    out[["items", "with_evidence"]] = out[["items", "with_evidence"]].astype(int)
    out["quadrant_label"] = [i18n.label("quadrant", q, lang) for q in out["quadrant"]]
    out["axis_label"] = [i18n.label("axis", a, lang) for a in out["axis"]]
    out["cell_label"] = [i18n.t("swot.cell", lang, items=n, evidence=e) if n else "0"
                         for n, e in zip(out["items"], out["with_evidence"])]
    return out


def unknown_references(evidence: pd.DataFrame, frames: Frames) -> list[tuple[int, str, str]]:
    """Evidence rows whose dataset or params do not match the data: (position, column, message)."""
    out = []
    for pos, (_, row) in enumerate(evidence.iterrows()):
        kind = FIGURES.get(row["figure"])
        if kind is None:
            continue
        if row["dataset"] != kind.datasets[0]:
            out.append((pos, "dataset", f"figure {row['figure']} reads {kind.datasets[0]}, not {row['dataset']}"))
        params = params_of(row["params"])
        if kind.param_column is None:
            if params:
                out.append((pos, "params", f"figure {row['figure']} takes no params"))
            continue
        if not params:
            out.append((pos, "params", f"figure {row['figure']} needs ids of {kind.datasets[0]}.{kind.param_column}"))
            continue
        target = frames.get(kind.datasets[0])
        if target is None:
            continue
        known = set(target[kind.param_column].astype(str))
        for p in params:
            if p not in known:
                out.append((pos, "params", f"unknown {kind.param_column} {p!r} in {kind.datasets[0]}"))
    return out
