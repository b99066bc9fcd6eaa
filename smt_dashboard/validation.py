"""Cross-table checks: every reference resolves and the curated figures add up to the study's."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from smt_dashboard.checks import expect as _expect
from smt_dashboard.checks import ids as _ids
from smt_dashboard.checks import problem as _problem
from smt_dashboard.datasets import (
    DATASET_NAMES,
    DatasetError,
    data_dir,
    load_dataset,
    load_regions,
    region_names,
)
from smt_dashboard.projections import compare_with_published, inputs_from_table, project_jobs
from smt_dashboard.schemas.blocks import SOURCE_COLUMNS
from smt_dashboard.swot import unknown_references
from smt_dashboard.validation_indicators import check_indicators
from smt_dashboard.validation_post_study import check_post_study
from smt_dashboard.validation_study import check_study_content


def load_all(directory: Path | str | None = None) -> tuple[dict[str, pd.DataFrame], list[DatasetError]]:
    """Load every dataset; return those that loaded and the errors of those that did not."""
    frames: dict[str, pd.DataFrame] = {}
    errors: list[DatasetError] = []
    for name in DATASET_NAMES:
        try:
            frames[name] = load_dataset(name, directory)
        except DatasetError as exc:
            errors.append(exc)
    return frames, errors


def check_sources(frames: dict[str, pd.DataFrame]) -> list[DatasetError]:
    """Every source reference (source_id, cited_source_ids, …) names a row of sources.csv."""
    if "sources" not in frames:
        return []
    known = set(frames["sources"]["source_id"])
    out = []
    for via in frames["sources"]["via"].dropna():
        if via not in known:
            out.append(_problem("sources.csv", f"unknown source_id {via!r} in via", column="via"))
    for name, df in frames.items():
        for col in SOURCE_COLUMNS:
            if col not in df.columns:
                continue
            for pos, cell in enumerate(df[col]):
                for sid in _ids(cell):
                    if sid not in known:
                        out.append(_problem(f"{name}.csv", f"unknown source_id {sid!r}", row=pos + 2, column=col))
    return out


def check_references(frames: dict[str, pd.DataFrame], regions: dict[str, str] | None) -> list[DatasetError]:
    """Foreign keys between tables and region codes against regions.geojson."""
    out: list[DatasetError] = []
    companies = frames.get("companies")
    if companies is not None:
        ids = set(companies["company_id"])
        for name in ("funding_rounds", "company_products"):
            if name in frames:
                for pos, cid in enumerate(frames[name]["company_id"]):
                    if cid not in ids:
                        out.append(_problem(f"{name}.csv", f"unknown company_id {cid!r}", pos + 2, "company_id"))
        if regions is not None:
            for pos, row in enumerate(companies.itertuples()):
                if pd.isna(row.region_code):
                    continue
                if row.region_code not in regions:
                    out.append(_problem("companies.csv", f"unknown region code {row.region_code!r}", pos + 2, "region_code"))
                elif regions[row.region_code] != row.region_name:
                    out.append(_problem("companies.csv", f"region name {row.region_name!r} does not match code "
                                        f"{row.region_code} ({regions[row.region_code]})", pos + 2, "region_name"))
        cities = frames.get("cities")
        if cities is not None:
            by_city = cities.set_index("city")
            for pos, row in enumerate(companies.itertuples()):
                if pd.isna(row.city):
                    continue
                if row.city not in by_city.index:
                    out.append(_problem("companies.csv", f"city {row.city!r} not in cities.csv", pos + 2, "city"))
                    continue
                ref = by_city.loc[row.city]
                if (abs(ref["lat"] - row.lat) > 1e-6 or abs(ref["lon"] - row.lon) > 1e-6
                        or ref["region_code"] != row.region_code):
                    out.append(_problem("companies.csv", f"coordinates/region of {row.city} differ from cities.csv",
                                        pos + 2, "lat"))
        if regions is not None:
            for pos, code in enumerate(cities["region_code"] if cities is not None else []):
                if code not in regions:
                    out.append(_problem("cities.csv", f"unknown region code {code!r}", pos + 2, "region_code"))
    families = frames.get("job_families")
    if families is not None:
        fam_ids = set(families["family_id"])
        for name in ("job_family_phases", "job_skills"):
            if name in frames:
                for pos, fid in enumerate(frames[name]["family_id"]):
                    if fid not in fam_ids:
                        out.append(_problem(f"{name}.csv", f"unknown family_id {fid!r}", pos + 2, "family_id"))
    if "swot" in frames and "recommendations" in frames:
        items = set(frames["swot"]["item_id"])
        for pos, cell in enumerate(frames["recommendations"]["answers_swot"]):
            for iid in _ids(cell):
                if iid not in items:
                    out.append(_problem("recommendations.csv", f"unknown SWOT item {iid!r}", pos + 2, "answers_swot"))
    if "training_gaps" in frames and "recommendations" in frames:
        # Each gap is shown beside the training recommendations of its objective.
        objectives = set(frames["recommendations"]["objective"])
        for pos, objective in enumerate(frames["training_gaps"]["objective"]):
            if objective not in objectives:
                out.append(_problem("training_gaps.csv", f"no recommendation for objective {objective!r}", pos + 2,
                                    "objective"))
    return out


def check_study_totals(frames: dict[str, pd.DataFrame]) -> list[DatasetError]:
    """The curated rows reproduce the totals the study prints."""
    out: list[DatasetError] = []
    if "companies" in frames:
        c = frames["companies"]
        fr = c[c["scope"] == "french"]
        sub = c[c["scope"] == "foreign_subsidiary"]
        us = c[c["scope"] == "us"]
        _expect(out, "companies.csv", "scope", len(fr), 10, "French companies")
        _expect(out, "companies.csv", "scope", len(sub), 7, "foreign subsidiaries")
        _expect(out, "companies.csv", "scope", len(us), 18, "US companies")
        _expect(out, "companies.csv", "employees", fr["employees"].sum(), 635, "French companies' staff (~635)")
        _expect(out, "companies.csv", "employees", sub["employees"].sum(), 4587, "subsidiaries' staff in France")
    if "smt_catalogue" in frames:
        cat = frames["smt_catalogue"].groupby("category")["smt_count"].sum()
        _expect(out, "smt_catalogue.csv", "smt_count", cat.sum(), 40, "SMT identified")
        for category, n in {"app_web": 6, "external_device": 30, "internal_device": 4}.items():
            _expect(out, "smt_catalogue.csv", "smt_count", cat.get(category, 0), n, f"SMT in {category}")
    if "smt_approvals" in frames:
        a = frames["smt_approvals"]
        _expect(out, "smt_approvals.csv", "available_count", a["available_count"].sum(), 33, "available SMT")
        _expect(out, "smt_approvals.csv", "ce_marked", a["ce_marked"].sum(), 21, "CE-marked SMT")
        _expect(out, "smt_approvals.csv", "fda_approved", a["fda_approved"].sum(), 22, "FDA-approved SMT")
    if "smt_reimbursement" in frames:
        r = frames["smt_reimbursement"]
        _expect(out, "smt_reimbursement.csv", "smt_count", r["smt_count"].sum(), 33, "SMT by reimbursement status")
        for pos, row in enumerate(r.itertuples()):
            if isinstance(row.products, str) and len(row.products.split(";")) != row.smt_count:
                out.append(_problem("smt_reimbursement.csv", "number of named products differs from smt_count",
                                    pos + 2, "products"))
    if "deals_2018" in frames:
        d = frames["deals_2018"].set_index("geo_id")
        _expect(out, "deals_2018.csv", "deals", d.loc["world", "deals"], 500, "deals worldwide")
        share = 100 * d.loc[d["country_code"] == "FR", "deals"].sum() / d.loc["world", "deals"]
        _expect(out, "deals_2018.csv", "deals", round(share, 1), 1.4, "France's share of deals (%)")
    if "swot" in frames:
        counts = frames["swot"]["quadrant"].value_counts()
        for quadrant, n in {"strength": 4, "weakness": 6, "opportunity": 5, "threat": 5}.items():
            _expect(out, "swot.csv", "quadrant", counts.get(quadrant, 0), n, f"SWOT {quadrant} items")
    if "digital_health_index" in frames:
        idx = frames["digital_health_index"].sort_values("index", ascending=False).reset_index(drop=True)
        rank = int(idx.index[idx["country_code"] == "FR"][0]) + 1
        _expect(out, "digital_health_index.csv", "index", rank, 15, "France's rank")
        _expect(out, "digital_health_index.csv", "index", len(idx), 17, "countries")
    if "digital_therapeutics" in frames and "digital_therapeutics_areas" in frames:
        _expect(out, "digital_therapeutics_areas.csv", "dtx_count", frames["digital_therapeutics_areas"]["dtx_count"].sum(),
                len(frames["digital_therapeutics"]), "digital therapeutics by area vs listed")
    if "training_ux_lengths" in frames:
        _expect(out, "training_ux_lengths.csv", "programmes", frames["training_ux_lengths"]["programmes"].sum(), 15,
                "initial UX/UI programmes")
    if "training_ux_establishments" in frames:
        est = frames["training_ux_establishments"].drop_duplicates("establishment")
        _expect(out, "training_ux_establishments.csv", "establishment", len(est), 14, "UX/UI establishments")
        _expect(out, "training_ux_establishments.csv", "establishment_type",
                int((est["establishment_type"] == "private_school").sum()), 10, "private UX/UI schools (71 %)")
    if "training_ux_continuing" in frames:
        _expect(out, "training_ux_continuing.csv", "programmes", frames["training_ux_continuing"]["programmes"].sum(), 17,
                "continuing UX/UI programmes")
    if "training_ra_masters" in frames:
        m = frames["training_ra_masters"]
        _expect(out, "training_ra_masters.csv", "dm_module", m["dm_module"].notna().sum(), 4, "masters with a DM module")
        _expect(out, "training_ra_masters.csv", "digital_module", m["digital_module"].notna().sum(), 1,
                "masters with a digital-health module")
    if "job_families" in frames:
        f = frames["job_families"]
        families = f[(f["kind"] != "function") & f["parent_family_id"].isna()]
        _expect(out, "job_families.csv", "kind", len(families), 8, "job families (without the project manager function)")
    if "company_creation_history" in frames:
        h = frames["company_creation_history"].set_index("year")["companies"]
        _expect(out, "company_creation_history.csv", "companies", h.get(2020, 0), 10, "companies in 2020")
    return out


def check_projection(frames: dict[str, pd.DataFrame]) -> list[DatasetError]:
    """The jobs model, run on jobs_projection_inputs, reproduces the published results within rounding."""
    if "jobs_projection_inputs" not in frames or "jobs_projection_published" not in frames:
        return []
    out: list[DatasetError] = []
    try:
        inputs = inputs_from_table(frames["jobs_projection_inputs"])
    except KeyError as exc:
        return [_problem("jobs_projection_inputs.csv", f"missing parameter {exc}", column="parameter")]
    cmp = compare_with_published(project_jobs(inputs), frames["jobs_projection_published"])
    tolerances = {"companies": 0.05, "new_companies": 0.05, "jobs_new_companies": 1,
                  "jobs_headcount_growth": 1, "jobs_total": 1}
    for pos, row in cmp.iterrows():
        for col, tol in tolerances.items():
            if row[f"{col}_diff"] > tol + 1e-9:
                out.append(_problem("jobs_projection_published.csv",
                                    f"{int(row['year'])}: model gives {row[col]:.2f}, published {row[f'{col}_published']:g}",
                                    row=int(pos) + 2, column=col))
    return out


def check_swot_evidence(frames: dict[str, pd.DataFrame]) -> list[DatasetError]:
    """Every SWOT evidence row names an existing SWOT item, reads the dataset its figure reads and points
    at rows that exist (event ids, barrier ids…)."""
    evidence = frames.get("swot_evidence")
    if evidence is None:
        return []
    out: list[DatasetError] = []
    if "swot" in frames:
        items = set(frames["swot"]["item_id"])
        for pos, iid in enumerate(evidence["item_id"]):
            if iid not in items:
                out.append(_problem("swot_evidence.csv", f"unknown SWOT item {iid!r}", pos + 2, "item_id"))
    for pos, column, message in unknown_references(evidence, frames):
        out.append(_problem("swot_evidence.csv", message, pos + 2, column))
    return out


def _short(name: str) -> str:
    return str(name).split(" (")[0].strip().lower()


def check_company_groups(frames: dict[str, pd.DataFrame]) -> list[DatasetError]:
    """A group present both as a French subsidiary of a foreign company and as a US company is linked by one
    group_id (so that it is never counted twice); a group_id links at most one row of each of those two scopes,
    under the same name, and two such rows with the same name must share it."""
    companies = frames.get("companies")
    if companies is None:
        return []
    out: list[DatasetError] = []
    lines = {cid: pos + 2 for pos, cid in enumerate(companies["company_id"])}
    for gid, rows in companies.groupby("group_id", sort=False):
        if len(rows) == 1:
            continue
        first = rows.iloc[-1]["company_id"]
        if sorted(rows["scope"]) != ["foreign_subsidiary", "us"]:
            out.append(_problem("companies.csv", f"group_id {gid!r} links {len(rows)} rows of scopes "
                                f"{sorted(rows['scope'])}: expected one foreign subsidiary and one US company",
                                lines[first], "group_id"))
        elif len({_short(n) for n in rows["name"]}) != 1:
            out.append(_problem("companies.csv", f"group_id {gid!r} links different names {list(rows['name'])}",
                                lines[first], "group_id"))
    subs = companies[companies["scope"] == "foreign_subsidiary"]
    us = companies[companies["scope"] == "us"]
    for _, sub in subs.iterrows():
        for _, other in us[us["name"].map(_short) == _short(sub["name"])].iterrows():
            if other["group_id"] != sub["group_id"]:
                out.append(_problem("companies.csv", f"{sub['name']} is both a French subsidiary and a US company "
                                    f"but the rows do not share a group_id", lines[other["company_id"]], "group_id"))
    return out


def validate_all(directory: Path | str | None = None) -> list[DatasetError]:
    """Every problem found in the data folder: per-file errors, then cross-table checks."""
    frames, errors = load_all(directory)
    regions = None
    try:
        regions = region_names(load_regions(directory))
    except DatasetError as exc:
        errors.append(exc)
    errors += check_sources(frames)
    errors += check_references(frames, regions)
    errors += check_study_totals(frames)
    errors += check_projection(frames)
    errors += check_swot_evidence(frames)
    errors += check_company_groups(frames)
    errors += check_study_content(frames)
    errors += check_post_study(frames)
    errors += check_indicators(frames)
    return errors


def main(directory: Path | str | None = None) -> int:
    """Print every problem (file, row, column); exit code 1 if any."""
    folder = Path(directory) if directory else data_dir()
    errors = validate_all(folder)
    if not errors:
        print(f"OK: {len(DATASET_NAMES)} datasets and regions.geojson in {folder} are valid and consistent.")
        return 0
    for exc in errors:
        print(exc.describe())
    print(f"{len(errors)} problem(s) found in {folder}.")
    return 1
