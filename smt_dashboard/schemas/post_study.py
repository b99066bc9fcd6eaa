"""Schemas: what happened after the study (September 2020 → today), each row from a public source opened and
quoted. Kept apart from the study's tables: their own files, their own checks, a badge on screen, never added to a
study figure."""

from __future__ import annotations

from datetime import date

import pandera.pandas as pa

from smt_dashboard.schemas.blocks import DATE, ID, LIST_OF_IDS, THERAPY_AREAS, codes, num, spec, text

# The study's date (September 2020): a development must be dated on or after it, and not after today.
STUDY_DATE = date(2020, 9, 1)
DEVELOPMENT_KINDS = ["policy", "reimbursement", "regulation", "company", "funding", "market", "training"]
DEVELOPMENT_JURISDICTIONS = ["FR", "EU", "DE", "GB", "US", "BE", "IL", "AU"]
# Indicators: a country (ISO 3166-1 alpha-2, as the rest of the data), the EU average, or the world.
GEOGRAPHY = r"^([A-Z]{2}|EU|WORLD)$"
INDICATOR_UNITS = ["count", "EUR", "MEUR", "BUSD", "score_0_100", "percent", "million_accounts", "million_documents"]
FOLLOWUP_STATUSES = ["done", "under_way", "no_evidence"]
QUOTE_LANGS = ["fr", "en", "de", "nl"]
MAX_QUOTE_WORDS = 40
_FULL_DATE = r"^\d{4}-\d{2}-\d{2}$"
_URL = r"^https?://[^\s/$.?#][^\s]*\.[^\s]+$"


def earliest(value: str) -> date | None:
    """The first day a partial date (``2021``, ``2021-06``, ``2021-06-29``) can mean (None if it is not a date)."""
    try:
        parts = [int(p) for p in str(value).split("-")]
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def _after_study(value: str) -> bool:
    day = earliest(value)
    return day is not None and STUDY_DATE <= day <= date.today()


def _not_future(value: str) -> bool:
    day = earliest(value)
    return day is not None and day <= date.today()


def _dated(regex: str, nullable: bool, check: pa.Check) -> pa.Column:
    column = text(nullable=nullable, regex=regex)
    return pa.Column(str, checks=[*column.checks, check], nullable=nullable, coerce=True)


def _day(nullable: bool = False) -> pa.Column:
    """A full date (YYYY-MM-DD), not in the future."""
    return _dated(_FULL_DATE, nullable, pa.Check(_not_future, element_wise=True, error="date in the future"))


def _from_2020(value: str) -> bool:
    day = earliest(value)
    return day is not None and date(2020, 1, 1) <= day <= date.today()


def _quote() -> pa.Column:
    return pa.Column(str, checks=[*text().checks, pa.Check(
        lambda s: s.str.split().str.len() <= MAX_QUOTE_WORDS, error=f"quote longer than {MAX_QUOTE_WORDS} words")],
        nullable=False, coerce=True)


SPECS = [
    spec("developments", ("development_id",), "Évolutions depuis l'étude (hors étude, sources publiques citées)", {
        "development_id": text(regex=ID),
        "date": _dated(DATE, False, pa.Check(_after_study, element_wise=True,
                                             error="date before the study (September 2020) or in the future")),
        "date_precision": text(isin=["year", "month", "day"]),
        "kind": text(isin=DEVELOPMENT_KINDS), "jurisdiction": text(isin=DEVELOPMENT_JURISDICTIONS),
        "company_ids": text(nullable=True, regex=LIST_OF_IDS), "reco_ids": text(nullable=True, regex=LIST_OF_IDS),
        "swot_ids": text(nullable=True, regex=LIST_OF_IDS), "policy_event_ids": text(nullable=True, regex=LIST_OF_IDS),
        "therapy_areas": codes(THERAPY_AREAS), "region_codes": text(nullable=True, regex=r"^\d{2}(;\d{2})*$"),
        "text_fr": text(), "text_en": text(),
        "source_url": text(regex=_URL), "source_publisher": text(),
        "source_published": _dated(DATE, True, pa.Check(_not_future, element_wise=True, error="date in the future")),
        "quote": pa.Column(str, checks=[*text().checks, pa.Check(
            lambda s: s.str.split().str.len() <= MAX_QUOTE_WORDS, error=f"quote longer than {MAX_QUOTE_WORDS} words")],
            nullable=False, coerce=True),
        "quote_lang": text(isin=QUOTE_LANGS),
        "read_on": _day(), "added_on": _day(), "changed_on": _day(nullable=True),
    }, min_rows=1),
    spec("recommendation_followup", ("reco_id",), "Suivi des recommandations depuis l'étude (hors étude)", {
        "reco_id": text(regex=ID), "status": text(isin=FOLLOWUP_STATUSES),
        "development_ids": text(nullable=True, regex=LIST_OF_IDS), "note_fr": text(), "note_en": text(),
        "assessed_on": _day(), "source_id": text(regex=ID), "searched": text(),
    }),
    spec("followup_history", ("reco_id", "since"), "Historique des statuts du suivi des recommandations (hors étude)", {
        "reco_id": text(regex=ID), "status": text(isin=FOLLOWUP_STATUSES), "since": _day(), "source_id": text(regex=ID),
    }),
    spec("development_searches", ("company_id",), "Recherches d'évolutions par entreprise (date, requêtes)", {
        "company_id": text(regex=ID), "searched_on": _day(), "events_found": num(integer=True), "queries": text(),
        "source_id": text(regex=ID), "searched": text(),
    }),
    spec("indicators", ("indicator_id", "geography", "date", "source_url"),
         "Indicateurs depuis l'étude (hors étude, sources publiques citées)", {
        "indicator_id": text(regex=ID), "label_fr": text(), "label_en": text(), "geography": text(regex=GEOGRAPHY),
        "date": _dated(DATE, False, pa.Check(_from_2020, element_wise=True,
                                             error="date before 2020 or in the future")),
        "date_precision": text(isin=["year", "month", "day"]), "value": num(ge=None), "unit": text(isin=INDICATOR_UNITS),
        "counted_fr": text(), "counted_en": text(), "source_url": text(regex=_URL), "source_publisher": text(),
        "source_published": _dated(DATE, True, pa.Check(_not_future, element_wise=True, error="date in the future")),
        "quote": _quote(), "quote_lang": text(isin=QUOTE_LANGS), "read_on": _day(),
        "preferred": text(isin=["yes", "no"]), "note": text(nullable=True), "added_on": _day(),
    }, min_rows=1),
    spec("access_route", ("step_id",), "Voie d'accès au remboursement, France et Allemagne (textes datés, hors étude)", {
        "step_id": text(regex=ID), "country": text(isin=["FR", "DE"]), "step_fr": text(), "step_en": text(),
        "law_fr": text(), "law_en": text(), "date": _dated(DATE, False, pa.Check(_not_future, element_wise=True,
                                                                                 error="date in the future")),
        "date_precision": text(isin=["year", "month", "day"]), "source_url": text(regex=_URL),
        "source_publisher": text(),
        "source_published": _dated(DATE, True, pa.Check(_not_future, element_wise=True, error="date in the future")),
        "quote": _quote(), "quote_lang": text(isin=QUOTE_LANGS), "read_on": _day(), "added_on": _day(),
        "short_fr": text(nullable=True), "short_en": text(nullable=True), "on_chart": text(isin=["yes", "no"]),
    }, min_rows=1),
    # The committee's meetings, as its secretariat enters them. It ships empty: a meeting is never invented.
    spec("meetings", ("meeting_date",), "Réunions du comité (saisies par son secrétariat)", {
        "meeting_date": _day(), "title_fr": text(nullable=True), "title_en": text(nullable=True),
        "source_id": text(regex=ID),
    }, min_rows=0),
]
