"""Synthetic data 1,000× larger than the study's, for the scale benchmark (generated, never committed).

``make_synthetic(target)`` copies data/ to ``target`` and replaces the tables that can grow:
10,000 companies across the cities of cities.csv, ~6,000 SMT products, 100,000 funding rounds,
10,000 deal geographies and 17,000 index countries. Every row keeps a valid source_id.
"""

from __future__ import annotations

import itertools
import shutil
import string
from pathlib import Path

import numpy as np
import pandas as pd

from smt_dashboard.datasets import DATA_DIR, load_dataset

N_COMPANIES = 10_000
N_ROUNDS = 100_000
N_GEOS = 10_000
N_COUNTRIES = 17_000


def _save(df: pd.DataFrame, path: Path) -> None:
    df.to_csv(path, index=False, lineterminator="\n")


def make_synthetic(target: Path, seed: int = 7) -> Path:
    """Write the scaled data folder and return it."""
    rng = np.random.default_rng(seed)
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(DATA_DIR, target)
    companies = load_dataset("companies", DATA_DIR)
    cities = load_dataset("cities", DATA_DIR)
    france = companies[companies["scope"].isin(["french", "foreign_subsidiary"])]
    template = france.sample(N_COMPANIES, replace=True, random_state=seed).reset_index(drop=True)
    picked = cities.sample(N_COMPANIES, replace=True, random_state=seed + 1).reset_index(drop=True)
    template["company_id"] = [f"syn_{i:05d}" for i in range(N_COMPANIES)]
    template["name"] = [f"Entreprise {i:05d}" for i in range(N_COMPANIES)]
    for col in ("city", "region_code", "region_name", "lat", "lon"):
        template[col] = picked[col]
    template["employees"] = rng.integers(5, 3000, N_COMPANIES)
    us = companies[companies["scope"] == "us"]
    _save(pd.concat([template, us], ignore_index=True), target / "companies.csv")

    products = load_dataset("company_products", DATA_DIR)
    french_ids = template.loc[template["scope"] == "french", "company_id"].tolist()
    prod = products.sample(len(french_ids), replace=True, random_state=seed).reset_index(drop=True)
    prod["company_id"] = french_ids
    prod["product"] = [f"Produit {i}" for i in range(len(prod))]
    _save(prod, target / "company_products.csv")

    rounds = load_dataset("funding_rounds", DATA_DIR)
    rnd = rounds.sample(N_ROUNDS, replace=True, random_state=seed).reset_index(drop=True)
    rnd["round_id"] = [f"r{i:06d}" for i in range(N_ROUNDS)]
    rnd["company_id"] = rng.choice(template["company_id"].to_numpy(), N_ROUNDS)
    years = rng.integers(2010, 2020, N_ROUNDS)
    months = rng.integers(1, 13, N_ROUNDS)
    rnd["date"] = [f"{y}-{m:02d}" for y, m in zip(years, months)]
    amounts = np.round(rng.lognormal(1.2, 1.0, N_ROUNDS), 1)
    undisclosed = rng.random(N_ROUNDS) < 0.15
    rnd["amount_meur"] = np.where(undisclosed, np.nan, amounts)
    rnd.loc[rnd["round_type"].isin(["own_funds", "in_progress"]), "date"] = None
    _save(rnd, target / "funding_rounds.csv")

    deals = load_dataset("deals_2018", DATA_DIR)
    world = deals[deals["level"] == "world"].copy()
    geo = deals[deals["level"] != "world"].sample(N_GEOS, replace=True, random_state=seed).reset_index(drop=True)
    geo["geo_id"] = [f"g{i:05d}" for i in range(N_GEOS)]
    geo["geography_fr"] = geo["geography_en"] = [f"Lieu {i:05d}" for i in range(N_GEOS)]
    geo.loc[geo.index[:3], "country_code"] = "FR"
    geo["deals"] = rng.integers(1, 50, N_GEOS)
    geo["amount_musd"] = np.where(rng.random(N_GEOS) < 0.3, np.nan, np.round(rng.uniform(1, 900, N_GEOS)))
    world["deals"] = int(geo["deals"].sum())
    _save(pd.concat([world, geo], ignore_index=True), target / "deals_2018.csv")

    index = load_dataset("digital_health_index", DATA_DIR)
    ix = index.sample(N_COUNTRIES, replace=True, random_state=seed).reset_index(drop=True)
    codes = ("".join(p) for p in itertools.product(string.ascii_uppercase, repeat=5))
    ix["country_code"] = [f"{c[:2]}-{c[2:]}" for c, _ in zip(codes, range(N_COUNTRIES))]
    ix.loc[0, "country_code"] = "FR"
    ix["country_fr"] = ix["country_en"] = [f"Pays {i:05d}" for i in range(N_COUNTRIES)]
    for col in ("index", "policy_activity", "digital_health_readiness", "actual_data_use"):
        ix[col] = np.round(rng.uniform(5, 95, N_COUNTRIES), 2)
    _save(ix, target / "digital_health_index.csv")
    return target


if __name__ == "__main__":
    import sys

    print(make_synthetic(Path(sys.argv[1] if len(sys.argv) > 1 else "bench/tmp/synthetic")))
