"""Cross-table checks of the study content tables (issue #17 and later): internal links, foreign keys and the
counts the study states."""

from __future__ import annotations

import pandas as pd

from smt_dashboard import checks
from smt_dashboard.datasets import DatasetError
from smt_dashboard.schemas.blocks import ADOPTION_TOPICS, REGULATOR_KINDS


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
            checks.count(out, "smt_challenges.csv", "nature", ch[ch["nature"] == nature], n, f"{nature} challenges listed")
    if f("reco_conditions") is not None:
        checks.count(out, "reco_conditions.csv", "condition_id", f("reco_conditions"), 4, "conditions before the recommendations")
    org = f("pharma_smt_organisation")
    if org is not None:
        name = "pharma_smt_organisation.csv"
        checks.count(out, name, "kind", org[org["kind"] == "setup"], 3, "team set-ups")
        factors = org[org["kind"] == "success_factor"]
        checks.count(out, name, "kind", factors, 4, "success factors (« Quatre éléments »)")
        # Only the strategy factor can be matched to the study's numbering (2, on the next slide): no other number.
        numbered = factors[factors["study_number"].notna()]
        if numbered["study_number"].tolist() != [2]:
            out.append(checks.problem(name, "only one success factor carries the study's number (2, the strategy factor); "
                                      f"data numbers {numbered['study_number'].tolist()}", column="study_number"))
        if org["study_number"].notna().sum() != len(numbered):
            out.append(checks.problem(name, "study_number is for the success factors only", column="study_number"))
        checks.count(out, name, "kind", org[org["kind"] == "question"], 5, "strategic questions (« Cinq grandes questions »)")
        ids = dict(zip(org["item_id"], org["kind"]))
        for pos, row in enumerate(org.itertuples()):
            is_setup = row.kind == "setup"
            for col in ("level", "objective_fr", "organisation_fr"):
                if pd.isna(getattr(row, col)) == is_setup:
                    out.append(checks.problem(name, f"{col} is for set-ups only" if not is_setup else f"a set-up needs {col}",
                                        pos + 2, col))
            parent = row.parent_id
            if not pd.isna(parent):
                want = {"sub_question": "question", "question": "success_factor"}.get(row.kind)
                if parent not in ids:
                    out.append(checks.problem(name, f"unknown parent_id {parent!r}", pos + 2, "parent_id"))
                elif ids[parent] != want:
                    out.append(checks.problem(name, f"a {row.kind} cannot hang under a {ids[parent]}", pos + 2, "parent_id"))
            elif row.kind == "sub_question":
                out.append(checks.problem(name, "a sub-question needs its question in parent_id", pos + 2, "parent_id"))
    if f("smt_shared_skills") is not None:
        sk = f("smt_shared_skills")
        checks.count(out, "smt_shared_skills.csv", "scope", sk[sk["scope"] == "all_jobs"], 3, "skills shared by all SMT jobs")
    tc = f("training_context")
    if tc is not None:
        name = "training_context.csv"
        refs = {"engineering_master_objective": ("training_engineering_masters", "master_id"),
                "du_objective": ("training_dus", "du_id")}
        for pos, row in enumerate(tc.itertuples()):
            if row.topic in refs:
                table, key = refs[row.topic]
                if table in frames and row.ref_id not in set(frames[table][key]):
                    out.append(checks.problem(name, f"unknown {key} {row.ref_id!r} in ref_id", pos + 2, "ref_id"))
            elif not pd.isna(row.ref_id):
                out.append(checks.problem(name, f"ref_id is only for {sorted(refs)}", pos + 2, "ref_id"))
        values = tc.set_index("item_id")["value"]
        if "cti_schools" not in values.index:
            out.append(checks.problem(name, "missing item cti_schools (205 schools accredited by the CTI)", column="item_id"))
        else:
            checks.expect(out, name, "value", values.get("cti_schools"), 205, "engineering schools accredited by the CTI")
        if "training_engineering_masters" in frames and "eng_partnerships" in values.index:
            checks.expect(out, name, "value", values.get("eng_partnerships"), len(frames["training_engineering_masters"]),
                    "engineering-school partnerships vs the masters listed")
    if tc is not None:
        checks.basis_with(out, "training_context.csv", tc, "level", "level_basis")
    ap = f("app_guidance_platforms")
    if ap is not None:
        checks.basis_with(out, "app_guidance_platforms.csv", ap, "country_code", "country_basis")
    js = f("job_skills")
    if js is not None:
        # The traditional-jobs slide's « Savoir faire » / « Savoir être » table: the only rows whose type the study gives.
        slide = js[js["skill_type_basis"] == "study"]
        counts = slide.groupby("family_id").size().to_dict()
        want = {"project_manager": 7, "medical_affairs": 1, "market_access": 3, "regulatory_affairs": 5, "marketing_sales": 3}
        if counts != want:
            out.append(checks.problem("job_skills.csv", f"skills of the traditional-jobs slide by family: data gives {counts}, "
                                      f"the study prints {want}", column="skill_type_basis"))
    rp = f("smt_reimbursed_products")
    if rp is not None:
        name = "smt_reimbursed_products.csv"
        checks.count(out, name, "product", rp, 12, "SMT funded / reimbursed or under way")
        if "smt_reimbursement" in frames:
            listed = {}
            for _, row in frames["smt_reimbursement"].iterrows():
                for product in checks.ids(row["products"]):
                    listed[product] = row["status"]
            for pos, row in enumerate(rp.itertuples()):
                if row.product not in listed:
                    out.append(checks.problem(name, f"{row.product!r} is not named in smt_reimbursement.csv", pos + 2, "product"))
                elif listed[row.product] != row.status:
                    out.append(checks.problem(name, f"status {row.status!r} differs from smt_reimbursement.csv "
                                        f"({listed[row.product]!r})", pos + 2, "status"))
    ev = f("evaluation_framework")
    if ev is not None:
        from smt_dashboard.schemas import FRAMEWORK_TOPICS
        for pos, row in enumerate(ev.itertuples()):
            if row.topic not in FRAMEWORK_TOPICS.get(row.body, []):
                out.append(checks.problem("evaluation_framework.csv", f"topic {row.topic!r} is not one of {row.body!r}",
                                    pos + 2, "topic"))
        checks.count(out, "evaluation_framework.csv", "topic", ev[ev["topic"] == "has_axis"], 4, "axes of the HAS proposals")
    inst = f("institutions")
    if inst is not None:
        checks.count(out, "institutions.csv", "level", inst[inst["level"] == "national"], 3,
               "national bodies created (« Trois instances nationales »)")
        for pos, row in enumerate(inst.itertuples()):
            if pd.isna(row.created) != (row.date_precision == "none"):
                out.append(checks.problem("institutions.csv", "date_precision must be 'none' exactly when created is empty",
                                    pos + 2, "date_precision"))
        if "policy_timeline" in frames:
            events = frames["policy_timeline"].set_index("event_id")
            dns = inst[inst["institution_id"] == "dns"]
            if "dns_2019" in events.index and not dns.empty and dns.iloc[0]["created"] != events.loc["dns_2019", "date"]:
                out.append(checks.problem("institutions.csv", "DNS creation date differs from policy_timeline.csv dns_2019",
                                    int(dns.index[0]) + 2, "created"))
    co = f("coalition_innovation_sante")
    if co is not None:
        checks.count(out, "coalition_innovation_sante.csv", "kind", co[co["kind"] == "first_project"], 3,
               "first projects selected")
        for pos, row in enumerate(co.itertuples()):
            if row.kind in ("first_project", "initiator", "participant", "supporter", "member") and pd.isna(row.name):
                out.append(checks.problem("coalition_innovation_sante.csv", f"a {row.kind} needs a name", pos + 2, "name"))
    dev = f("dtx_developers")
    if dev is not None:
        checks.count(out, "dtx_developers.csv", "country_code", dev[dev["country_code"] == "US"], 5,
               "US digital-therapeutics developers (« 5 entreprises américaines »)")
        if "companies" in frames:
            checks.fk(out, "dtx_developers.csv", dev, "company_id", set(frames["companies"]["company_id"]), "company_id")
        if "digital_therapeutics" in frames:
            checks.fk(out, "digital_therapeutics.csv", frames["digital_therapeutics"], "developer_id",
                set(dev["developer_id"]), "developer_id")
    sm = f("study_method")
    if sm is not None:
        name = "study_method.csv"
        checks.fk(out, name, sm, "parent_id", set(sm["item_id"]), "parent_id")
        experts = sm[sm["item_id"] == "approach_2"]["value"]
        checks.expect(out, name, "value", float(experts.iloc[0]) if len(experts) and not pd.isna(experts.iloc[0]) else 0, 13,
                "experts interviewed")
        for kind, n in {"objective": 3, "approach": 3, "search_approach": 5, "analysis_axis": 4, "edec_axis": 4}.items():
            checks.count(out, name, "kind", sm[sm["kind"] == kind], n, f"{kind} items")
    ps = f("jobs_projection_scope")
    if ps is not None:
        if not ((ps["kind"] == "scenario") & ps["text_fr"].str.contains("optimiste")).any():
            out.append(checks.problem("jobs_projection_scope.csv", "the study's « scenario optimiste » is missing",
                                      column="kind"))
        if not ((ps["kind"] == "out_of_scope") & (ps["actor"] == "drug_makers")).any():
            out.append(checks.problem("jobs_projection_scope.csv", "the drug makers' jobs left out (stable) are missing",
                                column="actor"))
    out += check_issue22(frames)
    idx = f("digital_health_index")
    if idx is not None:
        from smt_dashboard.health_index import rank_in_study_chart, study_chart
        checks.count(out, "digital_health_index.csv", "in_study_chart", study_chart(idx), 14, "countries on the study's chart")
        try:
            rank, _ = rank_in_study_chart(idx)
            checks.expect(out, "digital_health_index.csv", "in_study_chart", rank, 12, "France's rank on the study's chart")
        except KeyError:
            out.append(checks.problem("digital_health_index.csv", "France is not on the study's chart", column="in_study_chart"))
    return out


def check_issue22(frames: dict[str, pd.DataFrame]) -> list[DatasetError]:
    """The study content added for issue #22: the lists have the length the study prints (3 companies' needs, 7 health
    professionals' needs, 7 added values, 4 players + 3, 4 roles of the FDA office, 4 Pre-Cert elements, 4 fields of the
    AP-HP hub…), kinds belong to their body or topic, and references resolve (training objectives, policy events)."""
    out: list[DatasetError] = []
    f = frames.get
    events = set(f("policy_timeline")["event_id"]) if f("policy_timeline") is not None else None
    sn = f("stakeholder_needs")
    if sn is not None:
        name = "stakeholder_needs.csv"
        checks.counts(out, name, sn, "kind", {"company_need": 3, "professional_need": 7}, "needs listed")
        checks.filled_exactly(out, name, sn, "objective", sn["kind"] == "company_need", "for the companies' needs")
        if f("recommendations") is not None:
            checks.fk(out, name, sn, "objective", set(f("recommendations")["objective"]), "objective")
    va = f("smt_value_added")
    if va is not None:
        name = "smt_value_added.csv"
        checks.count(out, name, "kind", va[va["kind"] == "smt_value"], 7, "added values of an SMT")
        checks.filled_exactly(out, name, va, "category", va["kind"] != "smt_value", "for a category's items")
        value = va[va["kind"] == "category_value"]
        checks.counts(out, name, value, "category", {"app_web": 3, "external_device": 5, "internal_device": 3},
                      "« Valeur ajoutée attendue » items")
    mp = f("market_players")
    if mp is not None:
        name = "market_players.csv"
        checks.counts(out, name, mp, "kind", {"player": 4, "other_player": 3, "pharma_initial_aim": 2, "pharma_driver": 4},
                      "market players' items")
        named = mp[mp["kind"].isin(["player", "other_player"])]
        players = set(named["actors"])
        for pos, row in enumerate(mp.itertuples()):
            actors = checks.ids(row.actors)
            if row.kind in ("player", "other_player") and len(actors) != 1:
                out.append(checks.problem(name, "a player names exactly one actor", pos + 2, "actors"))
            elif row.kind == "role" and (not actors or not set(actors) <= players):
                out.append(checks.problem(name, f"a role's actors must be players on the illustration: {row.actors!r}", pos + 2,
                                          "actors"))
    co = f("smt_collaboration")
    if co is not None:
        checks.counts(out, "smt_collaboration.csv", co, "actor", {"drug_makers": 3, "smt_companies": 2},
                      "what each side brings")
    rr = f("regulator_roles")
    if rr is not None:
        name = "regulator_roles.csv"
        checks.member_of(out, name, rr, "body", "kind", REGULATOR_KINDS)
        checks.counts(out, name, rr, "kind", {"us_step": 4, "ocp_role": 4, "action_plan_item": 3, "precert_element": 4},
                      "FDA items")
        if events is not None:
            checks.fk(out, name, rr, "event_id", events, "event_id")
    pq = f("policy_quotes")
    if pq is not None:
        name = "policy_quotes.csv"
        if events is not None:
            checks.fk(out, name, pq, "event_id", events, "event_id")
        for pos, quote in enumerate(pq["text_fr"]):
            if "«" not in quote or "»" not in quote:
                out.append(checks.problem(name, "a quote keeps the study's « »", pos + 2, "text_fr"))
    dmh = f("aphp_digital_medical_hub")
    if dmh is not None:
        name = "aphp_digital_medical_hub.csv"
        checks.count(out, name, "kind", dmh[dmh["kind"] == "field_of_action"], 4, "fields of action of the Digital Medical Hub")
        first = dmh[dmh["kind"] == "first_study"]
        if first["name"].tolist() != ["EOLE-VAL"]:
            out.append(checks.problem(name, "the first study is EOLE-VAL", column="name"))
        if f("policy_timeline") is not None:
            created = f("policy_timeline").set_index("event_id")["date"].get("aphp_dmh_2018")
            if created != "2018-01":
                out.append(checks.problem("policy_timeline.csv", "aphp_dmh_2018: the study dates the hub « janvier 2018 »",
                                          column="date"))
    dc = f("dtx_context")
    if dc is not None:
        name = "dtx_context.csv"
        checks.counts(out, name, dc, "kind", {"form": 4, "condition": 6, "benefit": 4}, "digital-therapeutics items")
        for pos, (kind, label) in enumerate(zip(dc["kind"], dc["label_fr"])):
            if not pd.isna(label) and kind != "condition":
                out.append(checks.problem(name, "label_fr is for conditions only", pos + 2, "label_fr"))
    ad = f("adoption_findings")
    if ad is not None:
        name = "adoption_findings.csv"
        checks.member_of(out, name, ad, "topic", "kind", ADOPTION_TOPICS)
        checks.counts(out, name, ad, "kind", {"reimbursement_gap": 1, "implementation_need": 2}, "adoption findings")
    return out
