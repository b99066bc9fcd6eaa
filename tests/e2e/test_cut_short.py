"""A data file cut to its header (or to one line) never takes a page down in the browser: the part that needs it
shows a red box naming the file, the rest of the page renders, and no Python exception reaches the screen."""

from __future__ import annotations

import csv
import io
import shutil

import pytest

from tests.conftest import DATA
from tests.e2e.conftest import free_port, main_text, start_server, wait_ready

CUT = {"market_size": 0, "digital_health_index": 0, "recommendations": 1, "adoption_survey": 1}


@pytest.fixture(scope="module")
def short_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cut") / "data"
    shutil.copytree(DATA, folder)
    for name, keep in CUT.items():
        path = folder / f"{name}.csv"
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows[:1 + keep])
        path.write_text(out.getvalue(), encoding="utf-8")
    port = free_port()
    proc = start_server(port, env={"SMT_DATA_DIR": str(folder)})
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)


@pytest.mark.parametrize("path, files, still", [
    ("market", ["market_size.csv", "adoption_survey.csv"], "Ce qui porte la santé digitale"),
    ("", ["digital_health_index.csv"], "SMT identifiées"),
    ("index", ["digital_health_index.csv"], "Indice de santé numérique"),
    ("recommendations", ["recommendations.csv"], "Recommandations"),
    ("briefing", ["market_size.csv", "digital_health_index.csv"], "Dossier de séance"),
])
def test_a_page_names_the_short_file_and_keeps_the_rest(browser, short_server, path, files, still):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR")
    page = context.new_page()
    page.goto(f"{short_server}/{path}")
    wait_ready(page)
    assert page.locator("[data-testid='stException']").count() == 0, main_text(page)[:1500]
    boxes = " ".join(page.locator("[data-testid='stAlertContentError']").all_inner_texts())
    for file in files:
        assert file in boxes, (path, file, boxes[:800])
    assert still in main_text(page)
    context.close()
