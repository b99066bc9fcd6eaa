"""Cross-table checks: every reference resolves and the curated figures add up to the study's."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

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


def _ids(cell: object) -> list[str]:
    return [] if cell is None or pd.isna(cell) else str(cell).split(";")


def _problem(file: str, message: str, row: int | None = None, column: str | None = None) -> DatasetError:
    return DatasetError(file, message, row=row, column=column)


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


def _expect(out: list, file: str, column: str, got: float, want: float, what: str, tol: float = 0) -> None:
    if abs(got - want) > tol:
        out.append(_problem(file, f"{what}: data gives {got:g}, the study publishes {want:g}", column=column))


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


def _count(out: list, file: str, column: str, rows: pd.DataFrame, want: int, what: str) -> None:
    _expect(out, file, column, len(rows), want, what)


def _fk(out: list, file: str, df: pd.DataFrame, column: str, known: set, what: str) -> None:
    for pos, value in enumerate(df[column]):
        if value is not None and not pd.isna(value) and value not in known:
            out.append(_problem(file, f"unknown {what} {value!r}", pos + 2, column))


def check_study_content(frames: dict[str, pd.DataFrame]) -> list[DatasetError]:
    """The tables of study content added for issue #17: their internal links resolve, their foreign keys exist,
    and the counts the study states hold (4 conditions, 3 set-ups, 4 success factors, 5 questions, 3 shared skills,
    205 CTI schools, 12 reimbursed SMT, 4 HAS axes, 3 national institutions, 3 first coalition projects, 5 US
    digital-therapeutics developers, 13 experts, 5 search approaches, France 12th of the study chart's 14)."""
    out: list[DatasetError] = []
    f = frames.get
    if f("smt_challenges") is not None:
        ch = f("smt_challenges")
        for nature, n in {"technical": 6, "economic_regulatory": 3, "organisational": 3}.items():
            _count(out, "smt_challenges.csv", "nature", ch[ch["nature"] == nature], n, f"{nature} challenges listed")
    if f("reco_conditions") is not None:
        _count(out, "reco_conditions.csv", "condition_id", f("reco_conditions"), 4, "conditions before the recommendations")
    org = f("pharma_smt_organisation")
    if org is not None:
        name = "pharma_smt_organisation.csv"
        _count(out, name, "kind", org[org["kind"] == "setup"], 3, "team set-ups")
        _count(out, name, "kind", org[org["kind"] == "success_factor"], 4, "success factors (« Quatre éléments »)")
        _count(out, name, "kind", org[org["kind"] == "question"], 5, "strategic questions (« Cinq grandes questions »)")
        ids = dict(zip(org["item_id"], org["kind"]))
        for pos, row in enumerate(org.itertuples()):
            is_setup = row.kind == "setup"
            for col in ("level", "objective_fr", "organisation_fr"):
                if pd.isna(getattr(row, col)) == is_setup:
                    out.append(_problem(name, f"{col} is for set-ups only" if not is_setup else f"a set-up needs {col}",
                                        pos + 2, col))
            parent = row.parent_id
            if not pd.isna(parent):
                want = {"sub_question": "question", "question": "success_factor"}.get(row.kind)
                if parent not in ids:
                    out.append(_problem(name, f"unknown parent_id {parent!r}", pos + 2, "parent_id"))
                elif ids[parent] != want:
                    out.append(_problem(name, f"a {row.kind} cannot hang under a {ids[parent]}", pos + 2, "parent_id"))
            elif row.kind == "sub_question":
                out.append(_problem(name, "a sub-question needs its question in parent_id", pos + 2, "parent_id"))
    if f("smt_shared_skills") is not None:
        sk = f("smt_shared_skills")
        _count(out, "smt_shared_skills.csv", "scope", sk[sk["scope"] == "all_jobs"], 3, "skills shared by all SMT jobs")
    tc = f("training_context")
    if tc is not None:
        name = "training_context.csv"
        refs = {"engineering_master_objective": ("training_engineering_masters", "master_id"),
                "du_objective": ("training_dus", "du_id")}
        for pos, row in enumerate(tc.itertuples()):
            if row.topic in refs:
                table, key = refs[row.topic]
                if table in frames and row.ref_id not in set(frames[table][key]):
                    out.append(_problem(name, f"unknown {key} {row.ref_id!r} in ref_id", pos + 2, "ref_id"))
            elif not pd.isna(row.ref_id):
                out.append(_problem(name, f"ref_id is only for {sorted(refs)}", pos + 2, "ref_id"))
        values = tc.set_index("item_id")["value"]
        if "cti_schools" not in values.index:
            out.append(_problem(name, "missing item cti_schools (205 schools accredited by the CTI)", column="item_id"))
        else:
            _expect(out, name, "value", values.get("cti_schools"), 205, "engineering schools accredited by the CTI")
        if "training_engineering_masters" in frames and "eng_partnerships" in values.index:
            _expect(out, name, "value", values.get("eng_partnerships"), len(frames["training_engineering_masters"]),
                    "engineering-school partnerships vs the masters listed")
    rp = f("smt_reimbursed_products")
    if rp is not None:
        name = "smt_reimbursed_products.csv"
        _count(out, name, "product", rp, 12, "SMT funded / reimbursed or under way")
        if "smt_reimbursement" in frames:
            listed = {}
            for _, row in frames["smt_reimbursement"].iterrows():
                for product in _ids(row["products"]):
                    listed[product] = row["status"]
            for pos, row in enumerate(rp.itertuples()):
                if row.product not in listed:
                    out.append(_problem(name, f"{row.product!r} is not named in smt_reimbursement.csv", pos + 2, "product"))
                elif listed[row.product] != row.status:
                    out.append(_problem(name, f"status {row.status!r} differs from smt_reimbursement.csv "
                                        f"({listed[row.product]!r})", pos + 2, "status"))
    ev = f("evaluation_framework")
    if ev is not None:
        from smt_dashboard.schemas import FRAMEWORK_TOPICS
        for pos, row in enumerate(ev.itertuples()):
            if row.topic not in FRAMEWORK_TOPICS.get(row.body, []):
                out.append(_problem("evaluation_framework.csv", f"topic {row.topic!r} is not one of {row.body!r}",
                                    pos + 2, "topic"))
        _count(out, "evaluation_framework.csv", "topic", ev[ev["topic"] == "has_axis"], 4, "axes of the HAS proposals")
    inst = f("institutions")
    if inst is not None:
        _count(out, "institutions.csv", "level", inst[inst["level"] == "national"], 3,
               "national bodies created (« Trois instances nationales »)")
        for pos, row in enumerate(inst.itertuples()):
            if pd.isna(row.created) != (row.date_precision == "none"):
                out.append(_problem("institutions.csv", "date_precision must be 'none' exactly when created is empty",
                                    pos + 2, "date_precision"))
        if "policy_timeline" in frames:
            events = frames["policy_timeline"].set_index("event_id")
            dns = inst[inst["institution_id"] == "dns"]
            if "dns_2019" in events.index and not dns.empty and dns.iloc[0]["created"] != events.loc["dns_2019", "date"]:
                out.append(_problem("institutions.csv", "DNS creation date differs from policy_timeline.csv dns_2019",
                                    int(dns.index[0]) + 2, "created"))
    co = f("coalition_innovation_sante")
    if co is not None:
        _count(out, "coalition_innovation_sante.csv", "kind", co[co["kind"] == "first_project"], 3,
               "first projects selected")
        for pos, row in enumerate(co.itertuples()):
            if row.kind in ("first_project", "initiator", "participant", "supporter", "member") and pd.isna(row.name):
                out.append(_problem("coalition_innovation_sante.csv", f"a {row.kind} needs a name", pos + 2, "name"))
    dev = f("dtx_developers")
    if dev is not None:
        _count(out, "dtx_developers.csv", "country_code", dev[dev["country_code"] == "US"], 5,
               "US digital-therapeutics developers (« 5 entreprises américaines »)")
        if "companies" in frames:
            _fk(out, "dtx_developers.csv", dev, "company_id", set(frames["companies"]["company_id"]), "company_id")
        if "digital_therapeutics" in frames:
            _fk(out, "digital_therapeutics.csv", frames["digital_therapeutics"], "developer_id",
                set(dev["developer_id"]), "developer_id")
    sm = f("study_method")
    if sm is not None:
        name = "study_method.csv"
        _fk(out, name, sm, "parent_id", set(sm["item_id"]), "parent_id")
        experts = sm[sm["item_id"] == "approach_2"]["value"]
        _expect(out, name, "value", float(experts.iloc[0]) if len(experts) and not pd.isna(experts.iloc[0]) else 0, 13,
                "experts interviewed")
        for kind, n in {"objective": 3, "approach": 3, "search_approach": 5, "analysis_axis": 4, "edec_axis": 4}.items():
            _count(out, name, "kind", sm[sm["kind"] == kind], n, f"{kind} items")
    ps = f("jobs_projection_scope")
    if ps is not None:
        if not ((ps["kind"] == "scenario") & ps["text_fr"].str.contains("optimiste")).any():
            out.append(_problem("jobs_projection_scope.csv", "the study's « scenario optimiste » is missing", column="kind"))
        if not ((ps["kind"] == "out_of_scope") & (ps["actor"] == "drug_makers")).any():
            out.append(_problem("jobs_projection_scope.csv", "the drug makers' jobs left out (stable) are missing",
                                column="actor"))
    idx = f("digital_health_index")
    if idx is not None:
        from smt_dashboard.health_index import rank_in_study_chart, study_chart
        _count(out, "digital_health_index.csv", "in_study_chart", study_chart(idx), 14, "countries on the study's chart")
        try:
            rank, _ = rank_in_study_chart(idx)
            _expect(out, "digital_health_index.csv", "in_study_chart", rank, 12, "France's rank on the study's chart")
        except KeyError:
            out.append(_problem("digital_health_index.csv", "France is not on the study's chart", column="in_study_chart"))
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
