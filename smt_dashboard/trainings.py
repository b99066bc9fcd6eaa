"""The training offer for the jobs SMT need: UX/UI design programmes, regulatory-affairs Master 2 and
university diplomas, engineering masters bridging drug, device and digital, and the study's gaps. Pure."""

from __future__ import annotations

import pandas as pd

from smt_dashboard import i18n
from smt_dashboard.memo import memoized

ESTABLISHMENT_TYPES = ("private_school", "university", "engineering_school")
OBJECTIVES = ("training_ux_data_dev", "training_ra", "training_engineers")


def _share(part: float, whole: float) -> float | None:
    return None if not whole else 100 * part / whole


def _split(cell: object) -> list[str]:
    return [] if i18n.is_missing(cell) else [x.strip() for x in str(cell).split(";") if x.strip()]


@memoized
def establishments(campuses: pd.DataFrame) -> pd.DataFrame:
    """One row per establishment (several campuses count once): the study's 14."""
    return campuses.drop_duplicates("establishment").reset_index(drop=True)


@memoized
def campuses_by_city(campuses: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Campuses per city, most first (Paris 10, Lyon 4, Nantes 4, Bordeaux 3…), with the establishments named."""
    grouped = campuses.groupby("city", sort=False).agg(
        campuses=("establishment", "size"), names=("establishment", lambda s: ", ".join(s)))
    out = grouped.reset_index().sort_values(["campuses", "city"], ascending=[False, True], kind="stable")
    out["label"] = [i18n.fmt_number(n, lang) for n in out["campuses"]]
    return out.reset_index(drop=True)


@memoized
def by_establishment_type(campuses: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Establishments per type with their share (private schools 10 of 14 = 71 %)."""
    est = establishments(campuses)
    counts = est.groupby("establishment_type").agg(count=("establishment", "size"),
                                                   names=("establishment", lambda s: ", ".join(s)))
    out = counts.reindex([t for t in ESTABLISHMENT_TYPES if t in counts.index]).reset_index()
    total = len(est)
    out["share_pct"] = [_share(n, total) for n in out["count"]]
    out["type_label"] = [i18n.t(f"trainings.type.{t}", lang) for t in out["establishment_type"]]
    out["label"] = [f"{i18n.fmt_number(n, lang)} ({i18n.fmt_pct(s, lang, 0)})" for n, s in zip(out["count"], out["share_pct"])]
    return out


@memoized
def by_length(lengths: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Initial programmes per length in years, with the share computed from the counts (5 / 7 / 3 of 15)."""
    out = lengths.sort_values("duration_years").reset_index(drop=True)
    total = out["programmes"].sum()
    out["computed_share_pct"] = [_share(n, total) for n in out["programmes"]]
    out["length_label"] = [i18n.t("trainings.year_one" if y == 1 else "trainings.years", lang, n=i18n.fmt_number(y, lang))
                           for y in out["duration_years"]]
    out["label"] = [f"{i18n.fmt_number(n, lang)} ({i18n.fmt_pct(s, lang, 0)})"
                    for n, s in zip(out["programmes"], out["computed_share_pct"])]
    return out


@memoized
def continuing_groups(groups: pd.DataFrame, lang: str) -> list[dict]:
    """The continuing programmes as the study groups them: announced count, names given, and a note
    where the study names fewer programmes than it counts (titles are long: shown as a list, not a table)."""
    return [{"programmes": int(g["programmes"]), "names": _split(g["programme_names"]),
             "note": i18n.pick(g, "note", lang)} for _, g in groups.iterrows()]


@memoized
def ra_masters_table(masters: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The regulatory-affairs Master 2 with a medical-device module and a digital-health module column
    (yes / no; the module titles are listed by :func:`ra_modules`)."""
    def yes_no(values: pd.Series) -> list[str]:
        return [i18n.t("common.no" if i18n.is_missing(v) else "common.yes", lang) for v in values]

    return pd.DataFrame({
        i18n.t("trainings.col.university", lang): masters["university"].tolist(),
        i18n.t("trainings.col.dm_module", lang): yes_no(masters["dm_module"]),
        i18n.t("trainings.col.digital_module", lang): yes_no(masters["digital_module"]),
        i18n.t("trainings.col.master", lang): masters["master_name"].tolist(),
    })


@memoized
def ra_modules(masters: pd.DataFrame, lang: str) -> list[dict]:
    """The Master 2 that have a medical-device or digital-health module: which, and the study's caveat."""
    out = []
    for _, m in masters.iterrows():
        modules = [str(v) for v in (m["dm_module"], m["digital_module"]) if not i18n.is_missing(v)]
        if modules:
            out.append({"university": m["university"], "master": m["master_name"], "modules": modules,
                        "note": i18n.pick(m, "note", lang)})
    return out


@memoized
def module_counts(masters: pd.DataFrame) -> dict[str, int]:
    """How many of the Master 2 have a medical-device module and a digital-health module (4 and 1 of 8)."""
    return {"total": len(masters), "dm_module": int(masters["dm_module"].notna().sum()),
            "digital_module": int(masters["digital_module"].notna().sum())}


def du_modules(du: pd.Series) -> list[str]:
    """Modules of a university diploma, in order."""
    return _split(du["modules_fr"])


def course_list(cell: object) -> list[str]:
    """A ';'-separated list cell (partners, example courses) as a list."""
    return _split(cell)


@memoized
def gaps_with_recommendations(gaps: pd.DataFrame, recommendations: pd.DataFrame) -> list[tuple[str, pd.DataFrame, pd.DataFrame]]:
    """Per training objective (UX/data/dev, regulatory affairs, engineers): the gaps the study concludes
    and the training recommendations that answer them, in the study's order."""
    training = recommendations[recommendations["group"] == "training"]
    out = []
    for objective in OBJECTIVES:
        g = gaps[gaps["objective"] == objective].sort_values("order")
        r = training[training["objective"] == objective].sort_values("order")
        if not g.empty or not r.empty:
            out.append((objective, g, r))
    return out


@memoized
def city_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The by-city bars as a table, with the establishments of each city."""
    return pd.DataFrame({
        i18n.t("trainings.col.city", lang): rows["city"].tolist(),
        i18n.t("trainings.axis_campuses", lang): rows["campuses"].astype(int).tolist(),
        i18n.t("trainings.col.establishments", lang): rows["names"].tolist(),
    })


@memoized
def type_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The by-type bars as a table: type, count, share, establishments."""
    return pd.DataFrame({
        i18n.t("trainings.col.type", lang): rows["type_label"].tolist(),
        i18n.t("trainings.col.count", lang): rows["count"].astype(int).tolist(),
        i18n.t("trainings.col.share", lang): [i18n.fmt_pct(s, lang, 0) for s in rows["share_pct"]],
        i18n.t("trainings.col.establishments", lang): rows["names"].tolist(),
    })


@memoized
def length_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The by-length bars as a table: length, programmes, share."""
    return pd.DataFrame({
        i18n.t("trainings.col.length", lang): rows["length_label"].tolist(),
        i18n.t("trainings.axis_programmes", lang): rows["programmes"].astype(int).tolist(),
        i18n.t("trainings.col.share", lang): [i18n.fmt_pct(s, lang, 0) for s in rows["computed_share_pct"]],
    })
