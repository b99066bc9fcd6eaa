"""Schemas: Jobs, the jobs projection and the training offer."""

from smt_dashboard.schemas.blocks import (
    ID,
    PHASES,
    READING_BASIS,
    TEXT_FR_EN,
    boolean,
    num,
    sourced,
    spec,
    text,
    tribool,
)

SPECS = [
    spec("job_families", ("family_id",), "Métiers / familles de métiers des SMT", sourced(
        family_id=text(regex=ID), name_fr=text(), name_en=text(),
        kind=text(isin=["function", "new", "traditional", "technical"]),
        parent_family_id=text(nullable=True, regex=ID), hard_to_recruit=tribool(),
        hard_to_recruit_reason_fr=text(nullable=True), hard_to_recruit_reason_en=text(nullable=True),
        mission_fr=text(), mission_en=text(), profile_fr=text(nullable=True), profile_en=text(nullable=True),
    )),
    spec("job_family_phases", ("family_id", "phase"), "Phases de développement citées par fiche métier", sourced(
        family_id=text(regex=ID), phase=text(isin=PHASES), evidence_fr=text(), evidence_en=text(),
    )),
    spec("job_skills", ("family_id", "skill_type", "text_fr"), "Compétences par métier (fiches)", sourced(
        family_id=text(regex=ID), skill_type=text(isin=["know_how", "soft_skill"]),
        skill_type_basis=text(isin=READING_BASIS), text_fr=text(), text_en=text(),
        note_fr=text(nullable=True), note_en=text(nullable=True),
    )),
    spec("job_activities", ("family_id", "order"), "Activités et tâches des fiches métiers", sourced(
        family_id=text(regex=ID), order=num(integer=True, ge=1), group_fr=text(nullable=True), group_en=text(nullable=True),
        **TEXT_FR_EN,
    )),
    spec("jobs_projection_inputs", ("parameter",), "Hypothèses de la projection des emplois 2021-2025", sourced(
        parameter=text(regex=ID), value=num(), unit=text(), note_fr=text(), note_en=text(),
    )),
    spec("company_creation_history", ("year",), "Entreprises de SMT par année de création (cumul)", sourced(
        year=num(integer=True, ge=1990, le=2100), companies=num(integer=True),
    )),
    spec("jobs_projection_published", ("year",), "Résultats publiés de la projection des emplois", sourced(
        year=num(integer=True, ge=2000, le=2100), companies=num(), new_companies=num(),
        jobs_new_companies=num(integer=True), jobs_headcount_growth=num(integer=True),
        jobs_total=num(integer=True),
    )),
    spec("training_ux_establishments", ("establishment", "city"), "Établissements formant au design UX/UI (campus)", sourced(
        establishment=text(), establishment_type=text(isin=["private_school", "university", "engineering_school"]),
        city=text(), note_fr=text(nullable=True), note_en=text(nullable=True),
    )),
    spec("training_ux_lengths", ("duration_years",), "Formations initiales UX/UI par durée", sourced(
        duration_years=num(integer=True, ge=1), programmes=num(integer=True, ge=1),
        share_pct=num(le=100), note_fr=text(nullable=True), note_en=text(nullable=True),
    )),
    spec("training_ux_continuing", ("group_id",), "Formations continues UX/UI", sourced(
        group_id=text(regex=ID), programmes=num(integer=True, ge=1), programme_names=text(),
        note_fr=text(nullable=True), note_en=text(nullable=True),
    )),
    spec("training_ux_continuing_orgs", ("organisation",), "Organismes de formation continue UX/UI", sourced(
        organisation=text(), note_fr=text(nullable=True), note_en=text(nullable=True),
    )),
    spec("training_ra_masters", ("master_id",), "Masters 2 en affaires réglementaires", sourced(
        master_id=text(regex=ID), university=text(), city=text(), master_name=text(),
        dm_module=text(nullable=True), digital_module=text(nullable=True),
        note_fr=text(nullable=True), note_en=text(nullable=True),
    )),
    spec("training_dus", ("du_id",), "Diplômes d'université en réglementation des DM", sourced(
        du_id=text(regex=ID), university=text(), city=text(), name=text(),
        organisation_fr=text(), modules_fr=text(), digital_module=boolean(),
    )),
    spec("training_engineering_masters", ("master_id",), "Masters d'ingénieur médicament – DM – numérique", sourced(
        master_id=text(regex=ID), name=text(), partners=text(), format_fr=text(),
        format_en=text(), example_courses=text(), outcomes_fr=text(), outcomes_en=text(),
    )),
    spec("training_gaps", ("gap_id",), "Écarts entre formations et besoins (conclusion de l'étude)", sourced(
        gap_id=text(regex=ID),
        objective=text(isin=["training_ra", "training_ux_data_dev", "training_engineers"]),
        kind=text(isin=["gap", "progress"]), order=num(integer=True, ge=1), **TEXT_FR_EN,
    )),
]
