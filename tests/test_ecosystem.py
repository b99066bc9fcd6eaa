"""Ecosystem computations on the real data, checked against the study's figures."""

from __future__ import annotations

import pytest

from smt_dashboard import ecosystem
from smt_dashboard.datasets import load_dataset, load_regions, region_names
from smt_dashboard.filters import FilterState
from tests.conftest import DATA

NNBSP = "\u202f"


@pytest.fixture(scope="module")
def names() -> dict[str, str]:
    return region_names(load_regions(DATA))


def test_france_view_has_the_10_french_companies_and_7_subsidiaries(companies):
    rows = ecosystem.france_view(companies, FilterState())
    c = ecosystem.counts(rows)
    # "10 entreprises françaises identifiées … et les 7 entreprises étrangères ayant des filiales en France"
    assert (c.french, c.foreign) == (10, 7)
    # "Les 10 entreprises françaises développant des SMT emploient ~635 personnes"; "~4 587 employés dans les filiales"
    assert c.employees_french == 635
    assert c.employees_foreign == 4587


def test_revenue_known_range_and_undisclosed(companies):
    c = ecosystem.counts(ecosystem.france_view(companies, FilterState()))
    # "chiffres d'affaires compris entre 0 et 19,3 millions d'euros pour 2018"; Ad Scientiam, Kap Code and
    # Diabnext: "Information non disponible"; the study gives no revenue for the subsidiaries.
    assert (c.revenue_min, c.revenue_max) == (0.0, 19.3)
    assert c.revenue_known == 7
    assert c.revenue_unknown == 3 + 7


def test_region_summary_matches_the_study_map(companies, names):
    rows = ecosystem.france_view(companies, FilterState())
    summary = ecosystem.region_summary(rows, names).set_index("region_code")
    assert len(summary) == 18
    # Study map: Région parisienne 8; Lyon 1 + Grenoble 2 + Cournon 1; Dijon + Besançon; Le Vaudreuil; Brest; Martillac.
    assert summary.loc["11", "companies"] == 8
    assert (summary.loc["11", "french"], summary.loc["11", "foreign"]) == (4, 4)  # "4 sont en région parisienne"
    assert summary.loc["84", "companies"] == 4
    assert summary.loc["27", "companies"] == 2
    assert summary.loc["28", "companies"] == 1 and summary.loc["53", "companies"] == 1
    assert summary.loc["75", "companies"] == 1
    assert summary["companies"].sum() == 17
    assert summary.loc["84", "employees"] == 40 + 25 + 250 + 56  # Biocorp, Eveon, Nemera, Diabeloop
    assert summary.loc["94", "companies"] == 0
    assert ecosystem.overseas_companies(ecosystem.region_summary(rows, names)) == 0


def test_companies_by_region(companies):
    groups = ecosystem.companies_by_region(ecosystem.france_view(companies, FilterState()))
    assert groups[0] == ("Île-de-France", ["Abbott", "Ad Scientiam", "Capsule Technologies", "Diabnext", "GE Healthcare",
                                          "Kap Code", "Medtronic", "Voluntis"])
    assert groups[1] == ("Auvergne-Rhône-Alpes", ["Biocorp", "Diabeloop", "Eveon", "Nemera"])
    assert dict(groups)["Bretagne"] == ["Jabil"]
    assert sum(len(names) for _, names in groups) == 17


def test_region_summary_follows_filters(companies, names):
    state = FilterState(regions=("84",), areas=("diabetology",))
    rows = ecosystem.france_view(companies, state)
    summary = ecosystem.region_summary(rows, names).set_index("region_code")
    assert summary.loc["84", "companies"] == 4  # Biocorp, Eveon, Nemera, Diabeloop
    assert summary["companies"].sum() == 4
    assert ecosystem.france_view(companies, FilterState(regions=("53",), nationalities=("french",))).empty


def test_model_breakdown(companies):
    data = ecosystem.model_breakdown(ecosystem.france_view(companies, FilterState()), "fr")
    got = {(r.model, r.scope): r.companies for r in data.itertuples()}
    # French table groups: software (Ad Scientiam, Voluntis), health tech (Biocorp, Crossject, Eveon, Kap Code,
    # Nemera), integrated (Diabeloop, Diabilive, Diabnext); subsidiaries: "deux grands groupes … (Medtronic et
    # Abbott)" integrated, "Aptar Pharma, Capsule Technologies, GE Healthcare, Jabil et Sonceboz" health tech.
    assert got == {("software", "french"): 2, ("health_tech", "french"): 5, ("health_tech", "foreign_subsidiary"): 5,
                   ("integrated", "french"): 3, ("integrated", "foreign_subsidiary"): 2}
    assert data["model_label"].tolist()[0] == "Logiciel – application mobile"


@pytest.mark.parametrize("staff, band", [
    (5, "lt20"), (19, "lt20"), (20, "20_49"), (49, "20_49"), (50, "50_100"), (100, "50_100"), (101, "101_500"),
    (500, "101_500"), (501, "501_1000"), (1000, "501_1000"), (1001, "1001_10000"), (10000, "1001_10000"),
    (10001, "gt10000"),
])
def test_size_band_bounds(staff, band):
    assert ecosystem.size_band(staff) == band


def test_band_labels():
    assert ecosystem.band_label("lt20", "fr") == "Moins de 20"
    assert ecosystem.band_label("1001_10000", "fr") == f"1{NNBSP}001 à 10{NNBSP}000"
    assert ecosystem.band_label("gt10000", "en") == "More than 10,000"


def test_size_band_comparison_with_the_us(companies):
    state = FilterState()
    data = ecosystem.size_band_comparison(ecosystem.france_view(companies, state), ecosystem.us_view(companies, state), "fr")
    table = data.pivot(index="band", columns="group", values="companies")
    # The study's 18 US companies (worldwide staff): Microchips Biotech (5); Intuity Medical (76); eight between 101
    # and 500; Tandem (868); Phillips Medisize (1667) and Dexcom (2685); Aptar, GE, Jabil, Abbott, Medtronic > 10 000.
    assert table["us"].to_dict() == {"lt20": 1, "20_49": 0, "50_100": 1, "101_500": 8, "501_1000": 1,
                                     "1001_10000": 2, "gt10000": 5}
    # French companies: Kap Code 16, Diabilive 10 | 37, 40, 25, 20 | 61, 56 | Voluntis 120, Nemera 250.
    assert table["french"].to_dict() == {"lt20": 2, "20_49": 4, "50_100": 2, "101_500": 2, "501_1000": 0,
                                         "1001_10000": 0, "gt10000": 0}
    # Subsidiaries (study's own bands): 0 below 20, 0 from 20 to 49, 1 from 50 to 100, 6 above 100.
    foreign = table["foreign_subsidiary"]
    assert (foreign["lt20"], foreign["20_49"], foreign["50_100"]) == (0, 0, 1)
    assert foreign[["101_500", "501_1000", "1001_10000", "gt10000"]].sum() == 6
    assert set(data["group_label"]) == {"Entreprises américaines (effectif mondial)", "Entreprises françaises",
                                        "Filiales d'entreprises étrangères (effectif en France)"}


def test_size_band_comparison_drops_groups_without_companies(companies):
    state = FilterState(nationalities=("french",), models=("software",))
    data = ecosystem.size_band_comparison(ecosystem.france_view(companies, state), ecosystem.us_view(companies, state), "en")
    assert set(data["group"]) == {"us", "french"}
    assert data.loc[data["group"] == "us", "companies"].sum() == 2  # study: 2 US software companies (Airstrip, Glooko)
    assert data.loc[data["group"] == "french", "companies"].sum() == 2


def test_french_companies_are_small_against_the_us(companies):
    rows = ecosystem.france_view(companies, FilterState())
    rng = ecosystem.size_range(rows[rows["scope"] == "french"])
    assert (rng.n, rng.smallest, rng.largest) == (10, 10, 250)  # "entre 10 à 250 employés par entreprise"
    us = ecosystem.us_view(companies, FilterState())
    assert len(us) == 18  # "18 entreprises sont localisées aux Etats-Unis"
    assert ecosystem.count_larger_than(us, 250) == 10
    assert ecosystem.size_range(rows.iloc[0:0]) == ecosystem.SizeRange(0, None, None)


def test_us_view_applies_only_the_model_filter(companies):
    assert len(ecosystem.us_view(companies, FilterState(regions=("53",), areas=("oncology",)))) == 18
    assert len(ecosystem.us_view(companies, FilterState(models=("integrated",)))) == 5  # "Les 5 entreprises … SMT entière"


def test_display_texts(companies, products):
    by_id = companies.set_index("company_id", drop=False)
    assert ecosystem.products_text(products, "voluntis", "fr") == \
        "Diabeo (disponible) ; Insulia (disponible) ; eCO (en développement)"
    assert ecosystem.products_text(products, "crossject", "en") == "Zeneo (available) – Other SMT in development"
    assert ecosystem.products_text(products, "abbott", "fr") is None
    assert ecosystem.partners_text(by_id.loc["voluntis"], "fr") == "Sanofi, AstraZeneca"
    assert ecosystem.partners_text(by_id.loc["diabeloop"], "fr") == "aucun"  # the study's "/"
    assert ecosystem.partners_text(by_id.loc["abbott"], "fr") == "non communiqué"
    assert ecosystem.areas_text("diabetology;oncology", "fr") == "Diabétologie, Oncologie"


def test_company_table(companies, products):
    table = ecosystem.company_table(ecosystem.france_view(companies, FilterState()), products, "fr")
    assert len(table) == 17
    assert table["Entreprise"].iloc[0] == "Ad Scientiam" and table["Entreprise"].iloc[-1] == "Sonceboz"
    assert table["Salariés en France"].sum() == 635 + 4587
    row = table.set_index("Entreprise")
    assert row.loc["Ad Scientiam", "CA 2018"] == "non communiqué"
    assert row.loc["Nemera", "CA 2018"] == "19,3\u00a0M€"
    assert row.loc["Crossject", "CA 2018"] == "0\u00a0M€"  # a published zero is not "non communiqué"
    assert row.loc["Diabeloop", "Part des SMT dans l'activité"] == f"100{NNBSP}%"
    assert row.loc["Kap Code", "SMT développées (statut)"] == "Connect'inh (disponible)"


def test_company_card(companies, products):
    row = companies.set_index("company_id", drop=False).loc["kap_code"]
    card = ecosystem.company_card(row, products, "fr")
    fields = dict(card.fields)
    assert card.subtitle == "Entreprise française · Technologies de santé"
    assert fields["Ville"] == "Paris (Île-de-France)"
    assert fields["Salariés en France"] == "16"
    assert fields["CA 2018"] == "non communiqué"
    assert fields["Aires thérapeutiques"] == "Maladies respiratoires"


def test_pharma_units_table():
    units = load_dataset("pharma_digital_units", DATA)
    table = ecosystem.pharma_units_table(units, "fr").set_index("Équipe")
    # Servier WeHealth: "45 personnes", "4 solutions"; Sanofi 39BIS: "Près de 10 solutions", "500 000 euros".
    assert table.loc["WeHealth Digital Medicine", "Effectif"] == "45"
    assert table.loc["WeHealth Digital Medicine", "Projets"] == "4"
    assert table.loc["39BIS", "Effectif"] == "non communiqué"
    assert table.loc["39BIS", "Projets"] == "10"
    assert table.loc["39BIS", "Investissement"] == "0,5\u00a0M€"
    assert table.loc["Biome Paris", "Effectif (précision)"] == "Moins d'une dizaine de personnes pleinement dédiées"
    assert table.loc["Biogen Healthcare Solutions", "Ville"] == "non communiqué"


# --- chart builders ------------------------------------------------------------------------------------

def _values(spec: dict) -> list[dict]:
    datasets = spec["datasets"]
    assert len(datasets) == 1  # the layers share one aggregated table
    return next(iter(datasets.values()))


