"""Schemas: Study content that had no table before issue #17 (shown through smt_dashboard/study.py)."""

from smt_dashboard.schemas.blocks import (
    CHALLENGE_NATURES,
    COALITION_KINDS,
    DATE,
    DIPLOMA_LEVELS,
    FRAMEWORK_TOPICS,
    ID,
    INSTITUTION_KINDS,
    INSTITUTION_LEVELS,
    METHOD_KINDS,
    PHARMA_ORG_KINDS,
    PLATFORM_KINDS,
    PROJECTION_SCOPE_KINDS,
    READING_BASIS,
    REIMBURSED_STATUSES,
    SHARED_SKILL_SCOPES,
    TEXT_FR_EN,
    TRAINING_CONTEXT_TOPICS,
    num,
    sourced,
    spec,
    text,
)

SPECS = [
    spec("smt_challenges", ("challenge_id",), "Enjeux du développement des SMT", sourced(
        challenge_id=text(regex=ID), nature=text(isin=CHALLENGE_NATURES), order=num(integer=True, ge=1),
        **TEXT_FR_EN,
    )),
    spec("reco_conditions", ("condition_id",), "Conditions posées avant les recommandations", sourced(
        condition_id=text(regex=ID), order=num(integer=True, ge=1), **TEXT_FR_EN,
    )),
    spec("pharma_smt_organisation", ("item_id",), "Organisation des entreprises du médicament pour les SMT", sourced(
        item_id=text(regex=ID), kind=text(isin=PHARMA_ORG_KINDS), parent_id=text(nullable=True, regex=ID),
        order=num(integer=True, ge=1), study_number=num(nullable=True, integer=True, ge=1),
        level=text(nullable=True, isin=["global", "subsidiary"]), objective_fr=text(nullable=True),
        objective_en=text(nullable=True), organisation_fr=text(nullable=True), organisation_en=text(nullable=True),
        **TEXT_FR_EN, note_fr=text(nullable=True), note_en=text(nullable=True),
    )),
    spec("smt_shared_skills", ("skill_id",), "Compétences transverses communes aux métiers des SMT", sourced(
        skill_id=text(regex=ID), scope=text(isin=SHARED_SKILL_SCOPES), order=num(integer=True, ge=1),
        **TEXT_FR_EN, detail_fr=text(nullable=True), detail_en=text(nullable=True),
    )),
    spec("training_context", ("item_id",), "Contexte des formations (UX/UI, écoles d'ingénieur, masters, DU)", sourced(
        item_id=text(regex=ID), topic=text(isin=TRAINING_CONTEXT_TOPICS), order=num(integer=True, ge=1),
        level=text(nullable=True, isin=DIPLOMA_LEVELS), level_basis=text(nullable=True, isin=READING_BASIS),
        ref_id=text(nullable=True, regex=ID),
        value=num(nullable=True), unit=text(nullable=True), **TEXT_FR_EN,
        note_fr=text(nullable=True), note_en=text(nullable=True),
    )),
    spec("smt_reimbursed_products", ("product",), "SMT financées / remboursées en France et ce qui l'a permis", sourced(
        product=text(), status=text(isin=REIMBURSED_STATUSES), origin=text(nullable=True, isin=["medical_device"]),
        origin_quote_fr=text(nullable=True), origin_quote_en=text(nullable=True),
        evidence_fr=text(nullable=True), evidence_en=text(nullable=True),
        evidence_patients=num(nullable=True, integer=True, ge=1),
    )),
    spec("evaluation_framework", ("item_id",), "Évaluation des solutions numériques : HAS, EMA, NICE", sourced(
        item_id=text(regex=ID), body=text(isin=list(FRAMEWORK_TOPICS)),
        topic=text(isin=[t for ts in FRAMEWORK_TOPICS.values() for t in ts]), order=num(integer=True, ge=1),
        **TEXT_FR_EN,
    )),
    spec("app_guidance_platforms", ("platform_id",), "Plateformes d'orientation et de certification des applications", sourced(
        platform_id=text(regex=ID), name=text(), country_code=text(nullable=True, regex=r"^[A-Z]{2}$"),
        country_basis=text(nullable=True, isin=READING_BASIS), kind=text(isin=PLATFORM_KINDS),
        order=num(integer=True, ge=1), description_fr=text(), description_en=text(),
        description_basis=text(isin=READING_BASIS), note_fr=text(nullable=True), note_en=text(nullable=True),
    )),
    spec("institutions", ("institution_id",), "Institutions françaises de la santé numérique et leurs missions", sourced(
        institution_id=text(regex=ID), acronym=text(nullable=True), name_fr=text(), name_en=text(),
        level=text(isin=INSTITUTION_LEVELS), kind=text(isin=INSTITUTION_KINDS),
        created=text(nullable=True, regex=DATE), date_precision=text(isin=["year", "month", "day", "none"]),
        mission_fr=text(), mission_en=text(), note_fr=text(nullable=True), note_en=text(nullable=True),
    )),
    spec("coalition_innovation_sante", ("item_id",), "Coalition Innovation Santé Crise Sanitaire", sourced(
        item_id=text(regex=ID), kind=text(isin=COALITION_KINDS), order=num(integer=True, ge=1),
        name=text(nullable=True), **TEXT_FR_EN,
    )),
    spec("dtx_developers", ("developer_id",), "Où sont basés les développeurs des thérapies numériques", sourced(
        developer_id=text(regex=ID), name=text(), country_code=text(regex=r"^[A-Z]{2}$"), city=text(nullable=True),
        company_id=text(nullable=True, regex=ID), note_fr=text(nullable=True), note_en=text(nullable=True),
    )),
    spec("study_method", ("item_id",), "Méthode de l'étude (objectifs, approches, recherche des SMT)", sourced(
        item_id=text(regex=ID), kind=text(isin=METHOD_KINDS), parent_id=text(nullable=True, regex=ID),
        order=num(integer=True, ge=1), value=num(nullable=True), **TEXT_FR_EN,
    )),
    spec("jobs_projection_scope", ("item_id",), "Périmètre et hypothèses de la projection des emplois", sourced(
        item_id=text(regex=ID), kind=text(isin=PROJECTION_SCOPE_KINDS),
        actor=text(isin=["smt_companies", "drug_makers", "all"]), order=num(integer=True, ge=1), **TEXT_FR_EN,
    )),
]
