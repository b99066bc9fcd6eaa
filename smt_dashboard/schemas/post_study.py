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
        "read_on": _dated(_FULL_DATE, False, pa.Check(_not_future, element_wise=True, error="date in the future")),
    }, min_rows=1),
    spec("recommendation_followup", ("reco_id",), "Suivi des recommandations depuis l'étude (hors étude)", {
        "reco_id": text(regex=ID), "status": text(isin=FOLLOWUP_STATUSES),
        "development_ids": text(nullable=True, regex=LIST_OF_IDS), "note_fr": text(), "note_en": text(),
        "assessed_on": _dated(_FULL_DATE, False, pa.Check(_not_future, element_wise=True, error="date in the future")),
    }),
    spec("development_searches", ("company_id",), "Recherches d'évolutions par entreprise (date, requêtes)", {
        "company_id": text(regex=ID),
        "searched_on": _dated(_FULL_DATE, False, pa.Check(_not_future, element_wise=True, error="date in the future")),
        "events_found": num(integer=True), "queries": text(),
    }),
]
