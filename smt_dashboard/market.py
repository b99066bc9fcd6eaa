"""Digital-health market and adoption: size ranges, growth rates, survey figures, adoption factors and the
public-health context (chronic diseases, ageing). Pure functions (no Streamlit)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from smt_dashboard import i18n
from smt_dashboard.policy import wrap

AUDIENCES = ("professionals", "pharmacists", "public")
FACTOR_GROUPS = (("clinicians", "facilitator"), ("patients", "facilitator"), ("all", "limiting"))


def fmt_bn_usd(low: float, high: float | None = None, lang: str = "fr") -> str:
    """Billions of dollars, single value or range: ``71–96 Md$`` (fr) / ``$71–96bn`` (en)."""
    if i18n.is_missing(low):
        return i18n.not_disclosed(lang)
    num = i18n.fmt_compact(low, lang)
    if high is not None and not i18n.is_missing(high) and high != low:
        num += "–" + i18n.fmt_compact(high, lang)
    return f"{num}\u00a0Md$" if i18n.normalize_lang(lang) == "fr" else f"${num}bn"


def size_ranges(market: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """The market-size rows (one per year), with the range label drawn on the chart."""
    rows = market[market["metric"] == "market_size"].sort_values("period_start").copy()
    rows["year"] = rows["period_start"].astype(int)
    rows["range_label"] = [fmt_bn_usd(lo, hi, lang) for lo, hi in zip(rows["value_low"], rows["value_high"])]
    return rows.reset_index(drop=True)


@dataclass(frozen=True)
class Growth:
    """The growth rate the study publishes and the rates implied by the ends of its two ranges."""

    published_low: float
    published_high: float
    start: int
    end: int
    implied_low_path: float   # low end → low end, %
    implied_high_path: float  # high end → high end, %
    rows: pd.DataFrame

    @property
    def implied_min(self) -> float:
        return min(self.implied_low_path, self.implied_high_path)

    @property
    def implied_max(self) -> float:
        return max(self.implied_low_path, self.implied_high_path)

    @property
    def published_within_implied(self) -> bool:
        """Whether the published rate lies between the rates the range ends imply."""
        return self.implied_min <= self.published_low and self.published_high <= self.implied_max


def cagr(start_value: float, end_value: float, years: int) -> float:
    """Compound annual growth rate in % (``(end/start)^(1/years) − 1``)."""
    return 100 * ((end_value / start_value) ** (1 / years) - 1)


def growth(market: pd.DataFrame) -> Growth:
    """The published CAGR and the CAGR computed from the low ends and from the high ends of the ranges."""
    sizes = size_ranges(market)
    first, last = sizes.iloc[0], sizes.iloc[-1]
    rate = market[market["metric"] == "cagr"].iloc[0]
    years = int(last["year"] - first["year"])
    return Growth(float(rate["value_low"]), float(rate["value_high"]), int(rate["period_start"]),
                  int(rate["period_end"]), cagr(first["value_low"], last["value_low"], years),
                  cagr(first["value_high"], last["value_high"], years), market)


def fmt_pct_range(low: float, high: float, lang: str = "fr", decimals: int = 0) -> str:
    """``28 %`` or ``27,7 à 32,3 %`` / ``27.7–32.3%``."""
    if round(low, decimals) == round(high, decimals):
        return i18n.fmt_pct(low, lang, decimals)
    return i18n.t("market.pct_range", lang, low=i18n.fmt_number(low, lang, decimals),
                  high=i18n.fmt_pct(high, lang, decimals))


def adoption_rows(survey: pd.DataFrame, lang: str = "fr", audiences: tuple[str, ...] = ()) -> pd.DataFrame:
    """Survey figures to chart, grouped by audience (professionals, pharmacists, public) then by value."""
    rows = survey if not audiences else survey[survey["audience"].isin(audiences)]
    out = rows.copy()
    out["audience_order"] = [AUDIENCES.index(a) for a in out["audience"]]
    out = out.sort_values(["audience_order", "value_pct"], ascending=[True, False])
    out["audience_label"] = [i18n.t(f"market.audience.{a}", lang) for a in out["audience"]]
    out["label"] = [i18n.pick(r, "label", lang) for _, r in out.iterrows()]
    out["wrapped_label"] = [wrap(t, 60) for t in out["label"]]
    out["value_label"] = [i18n.fmt_pct(v, lang, 0) for v in out["value_pct"]]
    return out.drop(columns="audience_order").reset_index(drop=True)


def factor_groups(factors: pd.DataFrame) -> list[tuple[str, str, pd.DataFrame]]:
    """Adoption factors as (audience, kind, rows): clinicians' and patients' facilitators, then the limiting
    factors common to all."""
    out = []
    for audience, kind in FACTOR_GROUPS:
        rows = factors[(factors["audience"] == audience) & (factors["kind"] == kind)]
        if not rows.empty:
            out.append((audience, kind, rows))
    return out


def fmt_context_value(value: object, unit: str, comparator: object = None, lang: str = "fr") -> str:
    """A public-health context figure in its unit: "plus de 10 millions", "94,5 Md€", "20,5 %", "10"."""
    if i18n.is_missing(value):
        return i18n.not_disclosed(lang)
    if unit == "pct":
        text = i18n.fmt_pct(value, lang, 0 if float(value).is_integer() else 1)
    else:
        text = i18n.t(f"market.unit.{unit}", lang, value=i18n.fmt_compact(value, lang))
    if comparator == "gt":
        text = i18n.t("market.more_than", lang, value=text)
    return text


@dataclass(frozen=True)
class ContextFigure:
    """One indicator of the context, possibly over two years ("108 → 422 millions")."""

    label: str
    value: str
    period: str
    detail: str
    rows: pd.DataFrame


def context_figures(context: pd.DataFrame, lang: str = "fr", item_ids: tuple[str, ...] = ()) -> list[ContextFigure]:
    """Context indicators, rows with the same label joined as a change over time, in the data's order."""
    rows = context if not item_ids else context[context["item_id"].isin(item_ids)]
    if item_ids:
        rows = rows.set_index("item_id").loc[[i for i in item_ids if i in set(rows["item_id"])]].reset_index()
    out = []
    for label_fr in dict.fromkeys(rows["label_fr"]):
        group = rows[rows["label_fr"] == label_fr].sort_values("year")
        values = [fmt_context_value(r["value"], r["unit"], r["comparator"], lang) for _, r in group.iterrows()]
        years = [str(int(y)) for y in group["year"] if not i18n.is_missing(y)]
        last = group.iloc[-1]
        out.append(ContextFigure(i18n.pick(last, "label", lang) or label_fr, " → ".join(values),
                                 " → ".join(years), i18n.pick(last, "detail", lang) or "", group))
    return out
