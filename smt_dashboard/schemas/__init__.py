"""Every curated table's schema, declared once and grouped by concern; ``SPECS`` maps a dataset's name to its spec
(file, schema, key, fewest rows). The vocabularies (allowed codes) live in ``blocks``."""

from smt_dashboard.schemas import ecosystem, position, post_study, skills, study_content
from smt_dashboard.schemas.blocks import (  # noqa: F401 - the vocabularies other modules read
    AXES,
    BENCHMARK_COUNTRIES,
    EVIDENCE_FIGURES,
    FRAMEWORK_TOPICS,
    JURISDICTIONS,
    MODELS,
    PHASES,
    ROUND_TYPES,
    SMT_CATEGORIES,
    SWOT_QUADRANTS,
    THERAPY_AREAS,
    DatasetSpec,
)

SPECS: dict[str, DatasetSpec] = {s.name: s for module in (ecosystem, position, skills, study_content, post_study)
                                 for s in module.SPECS}
DATASET_NAMES = tuple(SPECS)
