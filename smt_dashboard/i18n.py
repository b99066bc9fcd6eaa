"""User-facing text and number formatting, French by default, English second.

Strings live in ``locales/<lang>/<namespace>.json``; a key ``"title"`` in ``overview.json`` is
looked up as ``"overview.title"``. Numbers are formatted with Babel (French: ``4 587``,
``80,8 M€``, ``1,4 %``).
"""

from __future__ import annotations

import json
import math
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from babel import Locale
from babel.numbers import format_decimal

from smt_dashboard.config import DEFAULT_LANG  # noqa: F401 - the default language is a setting

LANGS = ("fr", "en")
LOCALES_DIR = Path(__file__).resolve().parent / "locales"
_BABEL_LOCALE = {"fr": "fr_FR", "en": "en_GB"}


def normalize_lang(lang: str | None) -> str:
    """A supported language code, falling back to French."""
    return lang if lang in LANGS else DEFAULT_LANG


@cache
def catalog(lang: str) -> dict[str, str]:
    """All strings of one language, keys prefixed by their file's namespace."""
    out: dict[str, str] = {}
    for path in sorted((LOCALES_DIR / lang).glob("*.json")):
        namespace = path.stem
        for key, value in json.loads(path.read_text(encoding="utf-8")).items():
            full = f"{namespace}.{key}"
            if full in out:
                raise ValueError(f"duplicate i18n key {full} in {path}")
            out[full] = value
    return out


def t(key: str, lang: str = DEFAULT_LANG, /, **kwargs: object) -> str:
    """Translate ``key`` into ``lang`` (French, then the key itself, as fallbacks)."""
    text = catalog(normalize_lang(lang)).get(key) or catalog(DEFAULT_LANG).get(key) or key
    return text.format(**kwargs) if kwargs else text


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(_BABEL_LOCALE[normalize_lang(lang)])


def plural_form(n: float, lang: str = DEFAULT_LANG) -> str:
    """CLDR plural category of ``n`` ("one" / "other"; French counts 0 and 1 as "one")."""
    form = _locale(lang).plural_form(abs(n))
    return "one" if form == "one" else "other"


def plural(key: str, n: float, lang: str = DEFAULT_LANG, /, **kwargs: object) -> str:
    """Translate ``key.one`` or ``key.other`` by Babel's plural rule for ``n`` (no "(s)")."""
    return t(f"{key}.{plural_form(n, lang)}", lang, **kwargs)


def label(kind: str, code: str, lang: str = DEFAULT_LANG) -> str:
    """Display label of a data code, e.g. ``label("area", "diabetology") == "Diabétologie"``."""
    return t(f"codes.{kind}.{code}", lang)


def is_missing(value: object) -> bool:
    """True for None, NaN and pandas' NA: a value the source does not give."""
    if value is None:
        return True
    try:
        return bool(value != value) or (isinstance(value, float) and math.isnan(value))
    except (TypeError, ValueError):
        return str(value) == "<NA>"


def not_disclosed(lang: str = DEFAULT_LANG) -> str:
    """The text shown where the source gives no value ("non communiqué" / "n/a")."""
    return t("common.not_disclosed", lang)


def _half_up(value: object, decimals: int) -> Decimal:
    # Babel rounds halves to even (2.5 → "2"); printed statistics round halves up, as the study does.
    return Decimal(str(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def fmt_number(value: object, lang: str = DEFAULT_LANG, decimals: int = 0) -> str:
    """``4587`` → ``4 587`` (fr) / ``4,587`` (en); missing → "non communiqué"."""
    if is_missing(value):
        return not_disclosed(lang)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(_half_up(value, decimals), format=pattern, locale=_BABEL_LOCALE[normalize_lang(lang)])


def fmt_compact(value: object, lang: str = DEFAULT_LANG, max_decimals: int = 1) -> str:
    """Number with up to ``max_decimals`` decimals, trailing zeros dropped (``80,8``, ``20``)."""
    if is_missing(value):
        return not_disclosed(lang)
    pattern = "#,##0" + ("." + "#" * max_decimals if max_decimals else "")
    return format_decimal(_half_up(value, max_decimals), format=pattern, locale=_BABEL_LOCALE[normalize_lang(lang)])


def fmt_meur(value: object, lang: str = DEFAULT_LANG, max_decimals: int = 1) -> str:
    """Millions of euros: ``80,8 M€`` (fr) / ``€80.8m`` (en)."""
    if is_missing(value):
        return not_disclosed(lang)
    num = fmt_compact(value, lang, max_decimals)
    return f"{num}\u00a0M€" if normalize_lang(lang) == "fr" else f"€{num}m"


def fmt_musd(value: object, lang: str = DEFAULT_LANG, max_decimals: int = 0) -> str:
    """Millions of dollars: ``9 748 M$`` (fr) / ``$9,748m`` (en)."""
    if is_missing(value):
        return not_disclosed(lang)
    num = fmt_compact(value, lang, max_decimals)
    return f"{num}\u00a0M$" if normalize_lang(lang) == "fr" else f"${num}m"


def fmt_pct(value: object, lang: str = DEFAULT_LANG, decimals: int = 1) -> str:
    """A percentage given in percent units: ``1.4`` → ``1,4 %`` (fr) / ``1.4%`` (en)."""
    if is_missing(value):
        return not_disclosed(lang)
    num = fmt_number(value, lang, decimals)
    # French typography puts a narrow no-break space before %.
    return f"{num}\u202f%" if normalize_lang(lang) == "fr" else f"{num}%"


_MONTH_PATTERNS = {2: "MMM y", 3: "d MMM y"}


def fmt_month(text: object, lang: str = DEFAULT_LANG) -> str | None:
    """A source date at its own precision, the way a reader writes it: "2019-12" → "déc. 2019" / "Dec 2019",
    "2016" → "2016", "2019-12-21" → "21 déc. 2019"; None when the source gives no date."""
    if is_missing(text) or not str(text).strip():
        return None
    from datetime import date

    from babel.dates import format_date

    parts = [int(p) for p in str(text).strip().split("-")]
    if len(parts) == 1:
        return str(parts[0])
    day = date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
    return format_date(day, _MONTH_PATTERNS[len(parts)], locale=_BABEL_LOCALE[normalize_lang(lang)])


def ordinal(rank: int, lang: str = DEFAULT_LANG) -> str:
    """``1er``, ``15e`` (fr) / ``1st``, ``2nd``, ``15th`` (en)."""
    rank = int(rank)
    if normalize_lang(lang) == "fr":
        return "1er" if rank == 1 else f"{rank}e"
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def pick(row: object, field: str, lang: str = DEFAULT_LANG) -> str | None:
    """``row[field_<lang>]`` with the French column as fallback (for bilingual data columns)."""
    value = row.get(f"{field}_{normalize_lang(lang)}")  # type: ignore[attr-defined]
    if is_missing(value):
        value = row.get(f"{field}_fr")  # type: ignore[attr-defined]
    return None if is_missing(value) else str(value)
