"""Cross-table checks: every reference resolves and the curated figures add up to the study's. The checks are the
rules of ``rules.py``, run by ``rule_engine``; the functions below run one group of them each."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from smt_dashboard import rules
from smt_dashboard.datasets import (
    DATASET_NAMES,
    DatasetError,
    data_dir,
    load_dataset,
    load_regions,
    region_names,
)
from smt_dashboard.rule_engine import run


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


def with_regions(frames: dict[str, pd.DataFrame], regions: dict[str, str] | None) -> dict[str, pd.DataFrame]:
    """The frames and, when regions.geojson loaded, its regions as the table the rules name ``regions``."""
    if regions is None:
        return frames
    table = pd.DataFrame({"region_code": list(regions), "region_name": list(regions.values())})
    return {**frames, "regions": table}


def check_sources(frames: dict[str, pd.DataFrame]) -> list[DatasetError]:
    """Every source reference (source_id, cited_source_ids, …) names a row of sources.csv."""
    return run(rules.SOURCES, frames)


def check_references(frames: dict[str, pd.DataFrame], regions: dict[str, str] | None) -> list[DatasetError]:
    """Foreign keys between tables and region codes against regions.geojson."""
    return run(rules.REFERENCES, with_regions(frames, regions))


def check_study_totals(frames: dict[str, pd.DataFrame]) -> list[DatasetError]:
    """The curated rows reproduce the totals the study prints."""
    return run(rules.TOTALS, frames)


def check_projection(frames: dict[str, pd.DataFrame]) -> list[DatasetError]:
    """The jobs model, run on jobs_projection_inputs, reproduces the published results within rounding."""
    return run(rules.PROJECTION, frames)


def check_swot_evidence(frames: dict[str, pd.DataFrame]) -> list[DatasetError]:
    """Every SWOT evidence row names an existing SWOT item, reads the dataset its figure reads and points
    at rows that exist (event ids, barrier ids…)."""
    return run(rules.SWOT_EVIDENCE, frames)


def check_company_groups(frames: dict[str, pd.DataFrame]) -> list[DatasetError]:
    """A group present both as a French subsidiary and as a US company is linked by one group_id."""
    return run(rules.COMPANY_GROUPS, frames)


def check_study_content(frames: dict[str, pd.DataFrame]) -> list[DatasetError]:
    """The study content tables (issues #17 and #22): counts as printed, internal links, foreign keys."""
    return run(rules.STUDY_CONTENT + rules.ISSUE22 + rules.STUDY_CHART, frames)


def check_post_study(frames: dict[str, pd.DataFrame]) -> list[DatasetError]:
    """The post-study tables against the study's tables."""
    return run(rules.POST_STUDY, frames)


def validate_all(directory: Path | str | None = None) -> list[DatasetError]:
    """Every problem found in the data folder: per-file errors, then cross-table checks."""
    frames, errors = load_all(directory)
    regions = None
    try:
        regions = region_names(load_regions(directory))
    except DatasetError as exc:
        errors.append(exc)
    errors += run(rules.RULES, with_regions(frames, regions))
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
