"""Schemas: Study content that had no table before issues #17 and #22 (shown through smt_dashboard/study.py and
smt_dashboard/study_context.py)."""

from smt_dashboard.schemas.blocks import (
    ADOPTION_TOPICS,
    CHALLENGE_NATURES,
    COALITION_KINDS,
    COLLABORATION_ACTORS,
    DATE,
    DIGITAL_CONTEXT_TOPICS,
    DIPLOMA_LEVELS,
    DMH_KINDS,
    DTX_CONTEXT_KINDS,
    FRAMEWORK_TOPICS,
    ID,
    INSTITUTION_KINDS,
    INSTITUTION_LEVELS,
    JOBS_CONTEXT_TOPICS,
    MARKET_ACTORS,
    MARKET_PLAYER_KINDS,
    METHOD_KINDS,
    NEED_KINDS,
    PHARMA_ORG_KINDS,
    PLATFORM_KINDS,
    POSITION_TOPICS,
    PROJECTION_SCOPE_KINDS,
    READING_BASIS,
    REGULATOR_KINDS,
    REIMBURSED_STATUSES,
    SHARED_SKILL_SCOPES,
    SMT_CATEGORIES,
    SMT_COMPONENTS,
    SMT_DEFINITION_KINDS,
    TEXT_FR_EN,
    TRAINING_CONTEXT_TOPICS,
    TRAINING_OBJECTIVES,
    VALUE_KINDS,
    codes,
    num,
    sourced,
    spec,
    text,
)


def _note() -> dict:
    return {"note_fr": text(nullable=True), "note_en": text(nullable=True)}


def _kinds(topics: dict[str, list[str]]) -> list[str]:
    return list(dict.fromkeys(k for ks in topics.values() for k in ks))


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
    # --- issue #22 ----------------------------------------------------------------------------------------------
    spec("stakeholder_needs", ("need_id",), "Besoins des entreprises (métiers) et des professionnels de santé (santé digitale)",
         sourced(need_id=text(regex=ID), kind=text(isin=NEED_KINDS), order=num(integer=True, ge=1),
                 objective=text(nullable=True, isin=TRAINING_OBJECTIVES), **TEXT_FR_EN, **_note())),
    spec("smt_value_added", ("item_id",), "Valeur ajoutée d'une SMT et valeur ajoutée attendue par catégorie", sourced(
        item_id=text(regex=ID), kind=text(isin=VALUE_KINDS), category=text(nullable=True, isin=SMT_CATEGORIES),
        order=num(integer=True, ge=1), kind_basis=text(isin=READING_BASIS), **TEXT_FR_EN, **_note(),
    )),
    spec("market_players", ("item_id",), "Acteurs de la santé digitale et virage des entreprises du médicament", sourced(
        item_id=text(regex=ID), kind=text(isin=MARKET_PLAYER_KINDS), actors=codes(MARKET_ACTORS),
        order=num(integer=True, ge=1), kind_basis=text(isin=READING_BASIS), **TEXT_FR_EN, **_note(),
    )),
    spec("smt_collaboration", ("item_id",), "Ce qu'apportent entreprises du médicament et entreprises de SMT", sourced(
        item_id=text(regex=ID), actor=text(isin=COLLABORATION_ACTORS), order=num(integer=True, ge=1), **TEXT_FR_EN,
    )),
    spec("regulator_roles", ("item_id",), "FDA (produits combinés, plan d'action, Pre-Cert) et prémisse de la HAS", sourced(
        item_id=text(regex=ID), body=text(isin=list(REGULATOR_KINDS)),
        kind=text(isin=[k for ks in REGULATOR_KINDS.values() for k in ks]), order=num(integer=True, ge=1),
        event_id=text(nullable=True, regex=ID), **TEXT_FR_EN,
    )),
    spec("policy_quotes", ("quote_id",), "Citations de l'axe 1 (rapport Polton, e-santé 2020, CSIS, Alliance eHealth)", sourced(
        quote_id=text(regex=ID), event_id=text(regex=ID), event_basis=text(isin=READING_BASIS), order=num(integer=True, ge=1),
        context_fr=text(nullable=True), context_en=text(nullable=True), **TEXT_FR_EN, **_note(),
    )),
    spec("aphp_digital_medical_hub", ("item_id",), "Digital Medical Hub de l'AP-HP : champs d'action et première étude", sourced(
        item_id=text(regex=ID), kind=text(isin=DMH_KINDS), order=num(integer=True, ge=1), name=text(nullable=True),
        **TEXT_FR_EN,
    )),
    spec("dtx_context", ("item_id",), "Thérapies numériques : définition, formes, pathologies visées, apports", sourced(
        item_id=text(regex=ID), kind=text(isin=DTX_CONTEXT_KINDS), order=num(integer=True, ge=1),
        dtx_id=text(nullable=True, regex=ID), label_fr=text(nullable=True), label_en=text(nullable=True),
        kind_basis=text(isin=READING_BASIS), **TEXT_FR_EN, **_note(),
    )),
    spec("adoption_findings", ("item_id",), "Adoption : changer la pratique, rémunérer le service, plateformes d'applications",
         sourced(item_id=text(regex=ID), topic=text(isin=list(ADOPTION_TOPICS)),
                 kind=text(isin=[k for ks in ADOPTION_TOPICS.values() for k in ks]), order=num(integer=True, ge=1),
                 **TEXT_FR_EN)),
    # --- issue #35 ----------------------------------------------------------------------------------------------
    spec("digital_health_context", ("item_id",), "Contexte de la santé digitale : ce qui la porte, ses domaines, les besoins "
         "qu'elle sert, les données qu'elle produit, des solutions pensées pour un besoin", sourced(
        item_id=text(regex=ID), topic=text(isin=list(DIGITAL_CONTEXT_TOPICS)), kind=text(isin=_kinds(DIGITAL_CONTEXT_TOPICS)),
        parent_id=text(nullable=True, regex=ID), order=num(integer=True, ge=1), value=num(nullable=True),
        kind_basis=text(isin=READING_BASIS), **TEXT_FR_EN, **_note(),
    )),
    spec("smt_definition", ("item_id",), "Définition des SMT : ses composants et leur rôle, l'appellation", sourced(
        item_id=text(regex=ID), kind=text(isin=SMT_DEFINITION_KINDS), component=text(nullable=True, isin=SMT_COMPONENTS),
        order=num(integer=True, ge=1), **TEXT_FR_EN,
    )),
    spec("position_findings", ("item_id",), "Constats de l'étude sur la position de la France (écosystème, pays de "
         "référence, adoption, eHealth Hub)", sourced(
        item_id=text(regex=ID), topic=text(isin=list(POSITION_TOPICS)), kind=text(isin=_kinds(POSITION_TOPICS)),
        order=num(integer=True, ge=1), name=text(nullable=True), ref_id=text(nullable=True, regex=ID),
        kind_basis=text(isin=READING_BASIS), **TEXT_FR_EN, **_note(),
    )),
    spec("jobs_context", ("item_id",), "Métiers : chaîne de valeur de la donnée, difficultés de recrutement, profils "
         "recherchés", sourced(
        item_id=text(regex=ID), topic=text(isin=list(JOBS_CONTEXT_TOPICS)), kind=text(isin=_kinds(JOBS_CONTEXT_TOPICS)),
        order=num(integer=True, ge=1), kind_basis=text(isin=READING_BASIS), **TEXT_FR_EN, **_note(),
    )),
]
