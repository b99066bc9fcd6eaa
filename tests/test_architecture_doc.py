"""docs/ARCHITECTURE.md names the modules as they are: every module, package or file it names in backquotes exists."""

from __future__ import annotations

import re

from tests.conftest import ROOT

DOC = ROOT / "docs" / "ARCHITECTURE.md"


def _named() -> set[str]:
    text = DOC.read_text(encoding="utf-8")
    names = set(re.findall(r"`([\w/.\-]+\.(?:py|md|template))`", text))
    names |= set(re.findall(r"\b((?:smt_dashboard/|views/|charts/|schemas/|bench/|deploy/)?[\w]+\.py)\b", text))
    return names


def _exists(name: str) -> bool:
    for base in (ROOT, ROOT / "smt_dashboard", ROOT / "tests"):
        if (base / name).exists():
            return True
    return False


def test_every_module_the_architecture_names_exists():
    names = _named()
    assert len(names) >= 40  # the page really names the house
    missing = sorted(n for n in names if not _exists(n))
    assert missing == [], missing


def test_a_missing_module_would_be_caught():
    assert not _exists("smt_dashboard/no_such_module.py") and _exists("smt_dashboard/rooms.py")
