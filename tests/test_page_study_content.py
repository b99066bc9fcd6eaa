"""The study content issue #17 added (one table each) is on the page where a reader looks for it: AppTest opens the
page (and the tab content it sends) and finds a value read from each table."""

from __future__ import annotations

import pytest

from tests.conftest import open_app_page


def _text(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [e.label for e in at.expander] + [t.label for t in at.tabs]
    return "\n".join(parts).replace("\\", "")


# (page, dataset, a value read from that dataset, the tab it sits in)
CASES = [
    ("market", "smt_challenges", "Enjeux organisationnels", "Les défis des SMT"),
    ("recommendations", "reco_conditions", "Selon l'étude, l'essor et l'adoption de SMT innovantes nécessiteront",
     "Conditions préalables"),
    ("map", "pharma_smt_organisation", "BU à part avec son propre P&L", "Équipes santé digitale des laboratoires en France"),
    ("jobs", "smt_shared_skills", "Être orienté « résultats »", "Les métiers"),
    ("jobs", "jobs_projection_scope", "Scénario optimiste selon l'étude", "Emplois d'ici 2025"),
    ("trainings", "training_context", "205 écoles d'ingénieur sont accréditées par la CTI", "Ingénieurs"),
    ("catalogue", "smt_reimbursed_products", "Telesage", "Remboursement en France"),
    ("catalogue", "dtx_developers", "Pear Therapeutics (San Francisco, États-Unis)", "Thérapies numériques"),
    ("policy", "evaluation_framework", "La randomisation peut ne pas être possible", "Évaluer les SMT"),
    ("policy", "app_guidance_platforms", "Medappcare", "Évaluer les SMT"),
    ("policy", "institutions", "Délégation ministérielle au numérique en santé", "Acteurs en France"),
    ("policy", "coalition_innovation_sante", "Biosency", "Acteurs en France"),
    ("about", "study_method", "des entretiens avec 13 experts", "Démarche"),
    # issue #35: the study content no table held, on the page where a reader looks for it
    ("market", "digital_health_context", "Priorité donnée par les autorités de santé au virage ambulatoire",
     "Un marché mondial en forte croissance"),
    ("market", "digital_health_context", "Surveillance et/ou accès à l'information par les aidants",
     "Un marché mondial en forte croissance"),
    ("market", "digital_health_context", "qui peut être classifié en 6 grands domaines d'application",
     "Un marché mondial en forte croissance"),
    ("market", "digital_health_context", "Avec des solutions complètes : de l'éducation à la télésurveillance",
     "Un marché mondial en forte croissance"),
    ("market", "position_findings", "le foisonnement des solutions rend difficile l'identification",
     "L'adoption par les utilisateurs finaux"),
    ("about", "smt_definition", "l'appellation « Solutions Multi-Technologiques de Santé » est en cours d'adoption",
     "Définition des SMT"),
    ("about", "smt_definition", "Modification (anatomique ou de processus physiologique)", "Définition des SMT"),
    ("about", "study_method", "Enfin, le quatrième axe vise à comprendre", "Contexte et objectifs"),
    ("map", "position_findings", "mais ils sont disséminés sur le territoire", "Entreprises"),
    ("map", "position_findings", "sur des classes thérapeutiques ou des produits libres de droit", "Entreprises"),
    ("map", "position_findings", "connus sur l'insuline : Sanofi, Novo Nordisk, Roche", "Comparaison avec les États-Unis"),
    ("map", "position_findings", "situé sur son campus à Gentilly", "Équipes santé digitale des laboratoires en France"),
    ("policy", "position_findings", "pensée et intégrée en amont dans le développement de la molécule",
     "Freins à l'essor des SMT"),
    ("policy", "position_findings", "Obtenir des orientations juridiques et réglementaires", "Acteurs en France"),
    ("policy", "position_findings", "MindUP", "Benchmark : ce que font d'autres pays"),
    ("policy", "position_findings", "La reconnaissance précoce des avantages des applications de santé",
     "Benchmark : ce que font d'autres pays"),
    ("policy", "position_findings", "Clover Health", "Benchmark : ce que font d'autres pays"),
    ("policy", "evaluation_framework", "« Cadre normatif de preuves pour les technologies numériques de santé »",
     "Évaluer les SMT"),
    ("index", "position_findings", "où la structuration d'un système de santé est plus récente", "Classement publié"),
    ("jobs", "jobs_context", "des processus de décision et d'approbation longs", "Les métiers"),
    ("jobs", "jobs_context", "L'interface médicament / dispositif médical", "Les métiers"),
    ("jobs", "job_activities", "Fait de la veille concurrentielle", "Les métiers"),
    ("catalogue", "adoption_findings", "Le marquage CE traduit la conformité du produit", "Autorisations"),
]


@pytest.mark.parametrize("page,dataset,value,tab", CASES, ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_study_content_is_on_its_page(page, dataset, value, tab):
    at = open_app_page(f"app_pages/{page}.py")
    assert not at.exception and not at.error, [e.value for e in at.exception]
    assert tab in [t.label for t in at.tabs], [t.label for t in at.tabs]
    assert value in _text(at), f"{dataset}: {value!r} not on the {page} page"


def test_about_page_lists_the_drug_makers_screened():
    at = open_app_page("app_pages/about.py")
    text = _text(at)
    assert "Les 59 entreprises du médicament dont les sites" in text
    assert "Sanofi" in text and "Servier" in text


def test_index_page_gives_the_rank_on_the_studys_chart_in_english():
    at = open_app_page("app_pages/index.py", {"lang": "en"})
    message = next(m.value for m in at.markdown if "lightbulb" in m.value)
    assert "15th of the 17 countries" in message  # one rank first…
    readings = next(m.value for m in at.markdown if m.value.startswith("Other readings"))
    assert "it is 12th" in readings  # …then the rank on the study's own chart


def test_jobs_view_carries_the_projection_scope_to_the_deck():
    from smt_dashboard import datasets, views
    from smt_dashboard.filters import FilterState

    view = views.VIEWS_BY_KEY["jobs_projection"]
    frames = {n: datasets.load_dataset(n, str(datasets.DATA_DIR)) for n in view.datasets}
    built = views.build(view, frames, FilterState(), "fr")
    assert any("Scénario optimiste" in c and "industriels du médicament" in c for c in built.caveats)


def test_data_jobs_sheet_shows_the_data_value_chain():
    at = open_app_page("app_pages/jobs.py")
    at.selectbox(key="jobs_family").select("data_jobs").run()
    text = _text(at)
    assert "La chaîne de valeur de la donnée" in text
    assert "**Acquisition et Stockage** → **Mise à l'échelle**" in text and "Data Engineer · Data Scientist" in text
    assert "la frise de l'étude l'indique, le texte extrait le perd" in text  # which job covers which step: not settled


def test_new_study_content_in_english():
    cases = [("market", "Priority given by the health authorities to the shift to ambulatory care"),
             ("about", "is still being adopted"), ("policy", "Refining the business model"),
             ("map", "they are scattered across the country"), ("jobs", "Keeps watch on competitors"),
             ("index", "digital prescription and the shared medical record")]
    for page, value in cases:
        at = open_app_page(f"app_pages/{page}.py", {"lang": "en"})
        assert not at.exception and not at.error, page
        assert value in _text(at), (page, value)
