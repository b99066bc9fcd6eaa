"""The fast tier (-m "not slow") is chosen by name in conftest.SLOW: every name there is a test that exists, and
the browser tests are all slow."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import ROOT, SLOW


def _test_functions(file: str) -> set[str]:
    tree = ast.parse((ROOT / "tests" / file).read_text(encoding="utf-8"))
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}


@pytest.mark.parametrize("file", sorted(SLOW))
def test_every_slow_name_is_a_test(file):
    names = SLOW[file]
    assert (ROOT / "tests" / file).exists(), file
    if names != "*":
        assert names <= _test_functions(file), names - _test_functions(file)


class _Item:
    """What the collection hooks read of a test item."""

    def __init__(self, path, name):
        self.path, self.originalname, self.markers = path, name, []

    def add_marker(self, marker):
        self.markers.append(marker.name)


def test_the_hooks_mark_the_slow_tests_and_only_them():
    from tests import conftest
    from tests.e2e import conftest as e2e

    tests = ROOT / "tests"
    items = [_Item(tests / "test_one_path.py", "test_no_page_builds_a_chart_itself"),  # a whole file
             _Item(tests / "test_page_map.py", "test_english"),  # a named test
             _Item(tests / "test_page_map.py", "test_map_page_shows_the_ecosystem"),  # the page's fast test
             _Item(tests / "test_search.py", "test_every_word_must_match"),
             _Item(tests / "e2e" / "test_search.py", "test_typing_slash_inside_a_field_types_it")]
    conftest.pytest_collection_modifyitems(items)
    e2e.pytest_collection_modifyitems(items)
    assert [bool(item.markers) for item in items] == [True, True, False, False, True]
