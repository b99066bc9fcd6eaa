"""Bertelsmann #SmartHealthSystems digital health index: published ranking, re-weighting of the three
sub-indices and the range of a country's rank over the whole weight simplex. Pure functions on the
``digital_health_index`` table."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from smt_dashboard import filters
from smt_dashboard.i18n import fmt_pct, normalize_lang, t
from smt_dashboard.memo import memoized

SUBINDICES = ("policy_activity", "digital_health_readiness", "actual_data_use")
FRANCE = "FR"
EQUAL = (1 / 3, 1 / 3, 1 / 3)
# Scores are compared to this tolerance so that float noise (0.1 + 0.2) never breaks or invents a tie.
_TIE = 1e-9




def _names(index: pd.DataFrame, lang: str) -> pd.Series:
    lang = normalize_lang(lang)
    return index[f"country_{lang}"].fillna(index["country_fr"])


def _notes(index: pd.DataFrame, lang: str) -> pd.Series:
    lang = normalize_lang(lang)
    return index[f"quality_note_{lang}"].fillna(index["quality_note_fr"])


def _rank_desc(scores: pd.Series) -> pd.Series:
    """1 + the number of strictly higher scores (ties share the better rank)."""
    values = scores.to_numpy(dtype=float, na_value=np.nan)
    # Sorted search, not a pairwise matrix: n² comparisons need gigabytes at 1,000× the countries.
    known = np.sort(values[~np.isnan(values)])
    higher = len(known) - np.searchsorted(known, values + _TIE, side="right")
    higher[np.isnan(values)] = 0  # a missing score is outranked by nothing (as before: NaN compares false)
    return pd.Series(higher + 1, index=scores.index, dtype="Int64")


def study_chart(index: pd.DataFrame) -> pd.DataFrame:
    """The 14 countries of the study's own chart (no Spain, Sweden, Portugal), by published index."""
    rows = index[index["in_study_chart"].astype(bool)]
    return rows.sort_values("index", ascending=False).reset_index(drop=True)


def rank_in_study_chart(index: pd.DataFrame, code: str = FRANCE) -> tuple[int, int]:
    """(rank, number of countries) of ``code`` among the countries the study's chart shows: France is 12th of 14
    there, while it is 15th of the 17 countries Bertelsmann ranks. Raises KeyError if the country is not on it."""
    chart = study_chart(index)
    ranks = _rank_desc(chart["index"])
    hit = chart.index[chart["country_code"] == code]
    if len(hit) == 0:
        raise KeyError(code)
    return int(ranks.loc[hit[0]]), len(chart)


@memoized
def published_ranking(index: pd.DataFrame, lang: str) -> pd.DataFrame:
    """All countries by published index, with rank, France flag, whether the sub-indices are known and the
    data caveat."""
    out = index.copy()
    out["name"] = _names(index, lang)
    out["rank"] = _rank_desc(out["index"])
    out["is_france"] = out["country_code"] == FRANCE
    out["has_subindices"] = out[list(SUBINDICES)].notna().all(axis=1)
    out["note"] = _notes(index, lang)
    out["label"] = _labels(out)
    return out.sort_values(["rank", "name"]).reset_index(drop=True)


def _labels(rows: pd.DataFrame) -> pd.Series:
    """"15. France", with an asterisk where the row carries a data caveat."""
    star = np.where(rows["note"].notna(), " *", "")
    return rows["rank"].astype(int).astype(str) + ". " + rows["name"] + star


def normalise_weights(weights: tuple[float, float, float] | list[float]) -> tuple[float, float, float]:
    """Weights scaled to sum to 1; raises ValueError if one is negative or all are zero."""
    w = np.asarray(weights, dtype=float)
    if w.shape != (3,) or (w < 0).any() or not np.isfinite(w).all():
        raise ValueError(f"three non-negative weights expected, got {weights!r}")
    total = w.sum()
    if total <= 0:
        raise ValueError("at least one weight must be positive")
    return tuple(float(v) for v in w / total)  # type: ignore[return-value]


@memoized
def percent_weights(weights: tuple[float, float, float]) -> tuple[int, int, int]:
    """Normalised weights as whole percentages that add up to exactly 100 (largest remainders get the rest):
    equal weights read 33 / 33 / 34, never 33 / 33 / 33."""
    exact = [100 * w for w in weights]
    floors = [int(v) for v in exact]
    order = sorted(range(len(exact)), key=lambda i: (exact[i] - floors[i], i), reverse=True)
    for i in order[: 100 - sum(floors)]:
        floors[i] += 1
    return tuple(floors)


def weights_text(weights: tuple[float, float, float], lang: str) -> str:
    """"Politique 33 % · Préparation 33 % · Usage 34 %": the weights in percent summing to 100."""
    return " · ".join(f"{t(f'index.sub_short.{code}', lang)} {fmt_pct(v, lang, 0)}"
                      for code, v in zip(SUBINDICES, percent_weights(tuple(weights))))


def split_complete(index: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(countries with all three sub-indices, countries left out of any re-weighting)."""
    complete = index[list(SUBINDICES)].notna().all(axis=1)
    return index[complete], index[~complete]


@memoized
def reweighted(index: pd.DataFrame, weights: tuple[float, float, float], lang: str) -> pd.DataFrame:
    """Countries with sub-indices, scored ``Σ weight × sub-index`` (weights normalised) and ranked among
    themselves; the published index and rank are kept for comparison."""
    w = normalise_weights(weights)
    published = published_ranking(index, lang).set_index("country_code")["rank"]
    complete, _ = split_complete(index)
    out = complete.copy()
    out["name"] = _names(complete, lang)
    out["score"] = complete[list(SUBINDICES)].to_numpy(dtype=float) @ np.asarray(w)
    out["rank"] = _rank_desc(out["score"])
    out["published_rank"] = out["country_code"].map(published).astype("Int64")
    out["is_france"] = out["country_code"] == FRANCE
    out["note"] = _notes(complete, lang)
    out["label"] = _labels(out)
    return out.sort_values(["rank", "name"]).reset_index(drop=True)


def weight_grid(step: float = 0.05) -> np.ndarray:
    """Every weight triple of the simplex on a ``step`` grid (231 triples for 5 %), one per row."""
    n = round(1 / step)
    if not np.isclose(n * step, 1):
        raise ValueError("step must divide 1")
    triples = [(i, j, n - i - j) for i in range(n + 1) for j in range(n + 1 - i)]
    return np.asarray(triples, dtype=float) / n


@dataclass(frozen=True)
class RankRange:
    """A country's rank over the weight grid: best and worst rank, the weights reaching them, the grid."""

    country_code: str
    countries: int
    min_rank: int
    max_rank: int
    weights_min: list[tuple[float, float, float]]
    weights_max: list[tuple[float, float, float]]
    grid: pd.DataFrame  # one row per weight triple: the three weights and the rank

    @staticmethod
    def _closest_to_equal(candidates: list[tuple[float, float, float]]) -> tuple[float, float, float]:
        return min(candidates, key=lambda w: (sum((v - 1 / 3) ** 2 for v in w), w))

    @property
    def example_min(self) -> tuple[float, float, float]:
        """Of the weights giving the best rank, those closest to equal weights."""
        return self._closest_to_equal(self.weights_min)

    @property
    def example_max(self) -> tuple[float, float, float]:
        """Of the weights giving the worst rank, those closest to equal weights."""
        return self._closest_to_equal(self.weights_max)


@memoized
def rank_over_simplex(index: pd.DataFrame, country: str = FRANCE, step: float = 0.05) -> RankRange:
    """The rank of ``country`` among the countries with sub-indices for every weight triple of the grid."""
    complete, _ = split_complete(index)
    codes = complete["country_code"].tolist()
    if country not in codes:
        raise ValueError(f"{country} has no sub-indices")
    grid = weight_grid(step)
    scores = grid @ complete[list(SUBINDICES)].to_numpy(dtype=float).T  # weights × countries
    own = scores[:, codes.index(country)]
    ranks = 1 + (scores > own[:, None] + _TIE).sum(axis=1)
    table = pd.DataFrame(grid, columns=list(SUBINDICES))
    for col, short in zip(SUBINDICES, ("policy_pct", "readiness_pct", "use_pct")):
        table[short] = np.rint(100 * table[col]).astype(int)
    table["rank"] = ranks
    lo, hi = int(ranks.min()), int(ranks.max())
    as_tuples = [tuple(round(float(v), 10) for v in row) for row in grid]
    return RankRange(country, len(codes), lo, hi,
                     [w for w, r in zip(as_tuples, ranks) if r == lo],
                     [w for w, r in zip(as_tuples, ranks) if r == hi], table)


@memoized
def rank_distribution(result: RankRange) -> pd.DataFrame:
    """How many weight triples of the grid give each rank, and their share (%)."""
    counts = result.grid["rank"].value_counts().sort_index()
    return pd.DataFrame({"rank": counts.index.astype(int), "weights": counts.to_numpy(),
                         "share_pct": 100 * counts.to_numpy() / len(result.grid)})


def equal_weight_gap(index: pd.DataFrame) -> pd.DataFrame:
    """Published index against the mean of the three sub-indices (= equal-weight score), per country,
    with whether the row carries a data caveat."""
    complete, _ = split_complete(index)
    mean = complete[list(SUBINDICES)].mean(axis=1)
    return pd.DataFrame({"country_code": complete["country_code"], "published": complete["index"],
                         "mean": mean, "gap": mean - complete["index"],
                         "has_caveat": complete["quality_note_fr"].notna()}).reset_index(drop=True)


def caveats(index: pd.DataFrame, codes: list[str] | tuple[str, ...], lang: str) -> list[tuple[str, str]]:
    """(country name, caveat) for the given countries that carry a data caveat, in table order."""
    rows = index[filters.isin(index["country_code"], codes)]
    notes = _notes(rows, lang)
    known = notes.notna()
    return list(zip(_names(rows, lang)[known].astype(str), notes[known].astype(str)))


@memoized
def comparison_rows(index: pd.DataFrame, codes: list[str] | tuple[str, ...], labels: dict[str, str],
                    lang: str) -> pd.DataFrame:
    """Long table for the sub-index comparison: one row per selected country × sub-index with a value
    (countries without sub-indices drop out)."""
    rows = index[index["country_code"].isin(codes)]
    long = rows.melt(id_vars=["country_code"], value_vars=list(SUBINDICES), var_name="subindex", value_name="score")
    long = long[long["score"].notna()]
    names = dict(zip(index["country_code"], _names(index, lang)))
    long["country"] = long["country_code"].map(names)
    long["subindex_label"] = long["subindex"].map(labels)
    long["is_france"] = long["country_code"] == FRANCE
    order = {code: i for i, code in enumerate(codes)}
    long["order"] = long["country_code"].map(order)
    long["sub_order"] = long["subindex"].map(SUBINDICES.index)
    long = long.sort_values(["sub_order", "order"]).drop(columns=["order", "sub_order"]).reset_index(drop=True)
    return long[["country_code", "country", "subindex", "subindex_label", "score", "is_france"]]
