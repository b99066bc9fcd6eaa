"""Schemas: The SMT and France's position: catalogue, approvals, digital therapeutics, SWOT, context, policy, market,
adoption, drug makers' digital units, recommendations."""

from smt_dashboard.schemas.blocks import (
    AREA_BASIS,
    AXES,
    BENCHMARK_COUNTRIES,
    DATE,
    EVIDENCE_FIGURES,
    EVIDENCE_PAGES,
    ID,
    JURISDICTIONS,
    LIST_OF_IDS,
    SMT_CATEGORIES,
    SWOT_QUADRANTS,
    TEXT_FR_EN,
    THERAPY_AREAS,
    codes,
    num,
    sourced,
    spec,
    text,
)

SPECS = [
    spec("smt_catalogue", ("category", "therapy_area"), "Les 40 SMT par catégorie et aire thérapeutique", sourced(
        category=text(isin=SMT_CATEGORIES), therapy_area=text(isin=THERAPY_AREAS),
        smt_count=num(integer=True, ge=1),
    )),
    spec("smt_examples", ("example_id",), "Exemples de SMT et types de dispositifs cités", sourced(
        example_id=text(regex=ID), name=text(), name_en=text(nullable=True), category=text(isin=SMT_CATEGORIES),
        kind=text(isin=["named_smt", "device_type"]), drug=text(nullable=True), drug_en=text(nullable=True),
        therapy_area=text(nullable=True, isin=THERAPY_AREAS), therapy_area_basis=text(nullable=True, isin=AREA_BASIS),
        basis_note_fr=text(nullable=True), basis_note_en=text(nullable=True),
        description_fr=text(nullable=True), description_en=text(nullable=True),
    )),
    spec("smt_approvals", ("category",), "Marquage CE et approbation FDA des 33 SMT disponibles", sourced(
        category=text(isin=SMT_CATEGORIES), available_count=num(integer=True, ge=1),
        ce_marked=num(integer=True), fda_approved=num(integer=True),
    )),
    spec("smt_reimbursement", ("status",), "Statut de remboursement en France des 33 SMT", sourced(
        status=text(isin=["reimbursed", "in_progress", "free", "not_reimbursed"]),
        smt_count=num(integer=True), products=text(nullable=True),
    )),
    spec("digital_therapeutics", ("dtx_id",), "Thérapies numériques avec un partenaire pharmaceutique", sourced(
        dtx_id=text(regex=ID), name=text(), pharma_partner=text(),
        therapy_area=text(nullable=True, isin=THERAPY_AREAS), therapy_area_basis=text(nullable=True, isin=AREA_BASIS),
        developer_id=text(regex=ID), developer_basis=text(isin=["study", "inferred"]),
        basis_note_fr=text(nullable=True), basis_note_en=text(nullable=True), note_fr=text(nullable=True),
        note_en=text(nullable=True),
    )),
    spec("digital_therapeutics_areas", ("therapy_area",), "Thérapies numériques par aire thérapeutique", sourced(
        therapy_area=text(isin=THERAPY_AREAS), dtx_count=num(integer=True, ge=1),
        note_fr=text(nullable=True), note_en=text(nullable=True),
    )),
    spec("digital_therapeutics_approvals", ("scope",), "Approbations des thérapies numériques commercialisées", sourced(
        scope=text(), dtx_count=num(integer=True), ce_marked=num(integer=True),
        fda_approved=num(integer=True), note_fr=text(nullable=True), note_en=text(nullable=True),
    ), min_rows=1),  # the study gives one line: the marketed digital therapeutics
    spec("swot", ("item_id",), "SWOT de la position concurrentielle de la France", sourced(
        item_id=text(regex=ID), quadrant=text(isin=SWOT_QUADRANTS), axis=text(isin=AXES),
        order=num(integer=True, ge=1), **TEXT_FR_EN, axis_source_id=text(regex=ID),
    )),
    spec("swot_evidence", ("evidence_id",), "Preuves reliées aux éléments du SWOT (figure calculée, page)", sourced(
        evidence_id=text(regex=ID), item_id=text(regex=ID), order=num(integer=True, ge=1),
        page=text(isin=EVIDENCE_PAGES), figure=text(isin=EVIDENCE_FIGURES),
        params=text(nullable=True, regex=r"^[A-Za-z0-9_\-]+(;[A-Za-z0-9_\-]+)*$"), dataset=text(regex=ID),
        text_fr=text(), text_en=text(), method_fr=text(), method_en=text(), tag_source_id=text(regex=ID),
    )),
    spec("health_context", ("item_id",), "Contexte de santé publique cité par l'étude", sourced(
        item_id=text(regex=ID), year=num(nullable=True, integer=True, ge=1900, le=2100), value=num(),
        comparator=text(nullable=True, isin=["gt"]), unit=text(isin=["million_people", "beur", "pct", "count"]),
        label_fr=text(), label_en=text(), detail_fr=text(nullable=True), detail_en=text(nullable=True),
    )),
    spec("policy_timeline", ("event_id",), "Jalons politiques et réglementaires cités par l'étude", sourced(
        event_id=text(regex=ID), date=text(nullable=True, regex=DATE),
        date_precision=text(isin=["year", "month", "day", "none"]),
        jurisdiction=text(isin=JURISDICTIONS),
        category=text(), title_fr=text(), title_en=text(), detail_fr=text(nullable=True),
        detail_en=text(nullable=True), amount=num(nullable=True), amount_unit=text(nullable=True),
    )),
    spec("country_benchmarks", ("country_code", "order"), "Fiches pays (benchmark)", sourced(
        country_code=text(isin=BENCHMARK_COUNTRIES), country_fr=text(), country_en=text(),
        order=num(integer=True, ge=1), point_fr=text(), point_en=text(),
    )),
    spec("barriers", ("barrier_id",), "Freins à l'essor des SMT", sourced(
        barrier_id=text(regex=ID), level=text(isin=["system", "ecosystem", "company"]),
        actor=text(isin=["all", "sme", "pharma"]), order=num(integer=True, ge=1), **TEXT_FR_EN,
    )),
    spec("market_size", ("metric", "period_start", "period_end"), "Marché mondial de la santé digitale", sourced(
        metric=text(isin=["market_size", "cagr"]), period_start=num(integer=True, ge=2000, le=2100),
        period_end=num(integer=True, ge=2000, le=2100), value_low=num(), value_high=num(), unit=text(),
    )),
    spec("adoption_survey", ("stat_id",), "Chiffres d'adoption de la santé connectée", sourced(
        stat_id=text(regex=ID), audience=text(isin=["professionals", "pharmacists", "public"]),
        value_pct=num(le=100), label_fr=text(), label_en=text(),
    )),
    spec("adoption_factors", ("factor_id",), "Facteurs d'adoption (cliniciens, patients)", sourced(
        factor_id=text(regex=ID), audience=text(isin=["clinicians", "patients", "all"]),
        kind=text(isin=["facilitator", "limiting"]), **TEXT_FR_EN,
    )),
    spec("pharma_digital_units", ("unit_id",), "Équipes santé digitale des laboratoires en France", sourced(
        unit_id=text(regex=ID), company=text(), unit=text(), city=text(nullable=True),
        since=text(nullable=True, regex=DATE), staff=num(nullable=True, integer=True, ge=1),
        staff_note_fr=text(nullable=True), staff_note_en=text(nullable=True),
        projects=num(nullable=True, integer=True, ge=1), projects_note_fr=text(nullable=True),
        projects_note_en=text(nullable=True), investment_meur=num(nullable=True),
        description_fr=text(), description_en=text(),
    )),
    spec("recommendations", ("reco_id",), "Recommandations de l'étude", sourced(
        reco_id=text(regex=ID), group=text(isin=["competitiveness", "training"]),
        objective=text(isin=["obj1", "obj2", "obj3", "training_ra", "training_ux_data_dev", "training_engineers"]),
        order=num(integer=True, ge=1), **TEXT_FR_EN,
        targets=codes(["health_authorities", "clusters_ars", "csis", "hospitals", "new_consortium",
                        "alliance_ehealth", "training_bodies"], nullable=False),
        answers_swot=text(nullable=True, regex=LIST_OF_IDS), tag_source_id=text(regex=ID),
    )),
]
