"""Both languages have the same keys; numbers follow French typography in French."""

from __future__ import annotations

import re

from smt_dashboard import i18n


def test_french_and_english_have_the_same_keys():
    fr, en = i18n.catalog("fr"), i18n.catalog("en")
    assert set(fr) == set(en), sorted(set(fr) ^ set(en))


def test_placeholders_match_between_languages():
    fr, en = i18n.catalog("fr"), i18n.catalog("en")
    for key in fr:
        assert set(re.findall(r"{(\w+)}", fr[key])) == set(re.findall(r"{(\w+)}", en[key])), key


def test_french_number_formats():
    assert i18n.fmt_number(4587, "fr") == "4\u202f587"
    assert i18n.fmt_meur(80.8, "fr") == "80,8\u00a0M€"
    assert i18n.fmt_pct(1.4, "fr") == "1,4\u202f%"
    assert i18n.fmt_musd(9748, "fr") == "9\u202f748\u00a0M$"


def test_english_number_formats():
    assert i18n.fmt_number(4587, "en") == "4,587"
    assert i18n.fmt_meur(80.8, "en") == "€80.8m"
    assert i18n.fmt_pct(1.4, "en") == "1.4%"


def test_missing_values_are_not_disclosed_not_zero():
    assert i18n.fmt_meur(None, "fr") == "non communiqué"
    assert i18n.fmt_number(float("nan"), "en") == "n/a"


def test_unknown_language_falls_back_to_french():
    assert i18n.t("nav.overview", "de") == "Vue d'ensemble"
    assert i18n.t("nav.overview", "en") == "Overview"


def test_ordinals():
    assert [i18n.ordinal(r, "fr") for r in (1, 2, 15)] == ["1er", "2e", "15e"]
    assert [i18n.ordinal(r, "en") for r in (1, 2, 3, 11, 12, 13, 15, 21, 22)] == [
        "1st", "2nd", "3rd", "11th", "12th", "13th", "15th", "21st", "22nd"]


def test_halves_round_up_like_the_study():
    assert i18n.fmt_pct(2.5, "fr", 0) == "3\u202f%"  # Babel alone would print "2 %"
    assert i18n.fmt_number(0.125, "en", 2) == "0.13"
    assert i18n.fmt_compact(67.5, "fr", 0) == "68"


def test_plural_follows_each_language_rule():
    from smt_dashboard.i18n import plural

    # French counts 0 and 1 as singular; English only 1.
    assert [plural("common.noun.company", n, "fr") for n in (0, 1, 2)] == ["entreprise", "entreprise", "entreprises"]
    assert [plural("common.noun.company", n, "en") for n in (0, 1, 2)] == ["companies", "company", "companies"]
