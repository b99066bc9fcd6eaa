"""Shared chart conventions: colour-blind-safe palette, France highlight, titles, French number locale.

Builders in the sibling modules return *unconfigured* Altair charts (so they can be layered and
tested with ``chart.to_dict()``); :func:`to_spec` adds the top-level configuration when rendering or exporting.
"""

from __future__ import annotations

import hashlib
import threading

import altair as alt

from smt_dashboard.memo import memoized

# Validate specs once, when they are serialised (tests call chart.to_dict(), which validates), not at
# every construction step: construction-time validation made up a large part of page reruns.
alt.utils.schemapi.disable_debug_mode()

# Okabe-Ito palette (distinguishable with the common colour-vision deficiencies); every colour has
# at least 3:1 contrast against white, as WCAG asks of graphical objects.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000", "#8F7A00"]
FRANCE_COLOR = "#D55E00"  # vermillion: France is also labelled, never shown by colour alone
OTHER_COLOR = "#5B7083"
MUTED_COLOR = "#8A99A8"
FONT = '"Source Sans", "Source Sans Pro", "Liberation Sans", "DejaVu Sans", sans-serif'  # Streamlit's own UI font first

# Vega number/date locales, so that axes read "4 587" and "80,8" in French.
_FR_NUMBER = {"decimal": ",", "thousands": "\u202f", "grouping": [3], "currency": ["", "\u00a0€"]}
_EN_NUMBER = {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["€", ""]}
_FR_TIME = {
    "dateTime": "%A %e %B %Y à %X", "date": "%d/%m/%Y", "time": "%H:%M:%S",
    "periods": ["AM", "PM"],
    "days": ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
    "shortDays": ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
    "months": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
               "octobre", "novembre", "décembre"],
    "shortMonths": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
                    "nov.", "déc."],
}


def label_extent(labels, px_per_char: float = 7.2, cap: int = 460) -> int:
    """Room (px) to reserve for the longest (possibly multi-line) axis label, so that it is not clipped:
    Vega measures labels before the web font is loaded."""
    longest = max((len(line) for label in labels for line in str(label).split("\n")), default=10)
    return min(cap, int(longest * px_per_char) + 12)


def titled(chart: alt.TopLevelMixin, title: str, subtitle: str | list[str] | None = None) -> alt.TopLevelMixin:
    """Give a chart a title that states what it shows (and an optional subtitle)."""
    params = alt.TitleParams(text=title, subtitle=subtitle or alt.Undefined, anchor="start")
    return chart.properties(title=params)


def chart_config(lang: str = "fr") -> dict:
    """The top-level Vega-Lite config: locale for numbers and dates, fonts, no border, no per-mark ARIA."""
    locale = {"number": _FR_NUMBER, "time": _FR_TIME} if lang == "fr" else {"number": _EN_NUMBER}
    return {
        "locale": locale,
        "font": FONT,
        "view": {"stroke": None},
        # Marks carry no ARIA role: the chart's text alternative is its title plus the data table
        # ("afficher les données"); per-mark roles without names are flagged by screen-reader audits.
        "mark": {"aria": False},
        "axis": {"labelFontSize": 12, "titleFontSize": 13, "labelLimit": 260},
        "legend": {"labelFontSize": 12, "titleFontSize": 13, "labelLimit": 320, "orient": "bottom"},
        "title": {"fontSize": 16, "subtitleFontSize": 13, "subtitleColor": "#44505C"},
    }


def merge_config(base: dict, extra: dict) -> dict:
    """``base`` with ``extra`` merged in, nested dicts merged key by key (a Vega-Lite config)."""
    out = dict(base)
    for key, value in extra.items():
        out[key] = merge_config(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


_globals_lock = threading.Lock()


@memoized
def to_spec(chart: alt.TopLevelMixin, lang: str = "fr", arrow: bool = False) -> dict:
    """The chart as a Vega-Lite dict with the app's config, built without Altair's JSON-schema validation
    and deep copies (they cost most of a page's rerun time). The builders' charts are tested with
    ``chart.to_dict()``, which validates. With ``arrow=True`` the data become Arrow-serialised named
    datasets, as Streamlit's own Altair path sends them."""
    from smt_dashboard.st_internals import arrow_bytes

    datasets: dict[str, bytes] = {}

    def to_arrow(data):
        payload = arrow_bytes(data)
        name = hashlib.md5(payload, usedforsecurity=False).hexdigest()
        datasets[name] = payload
        return {"name": name}

    # Altair's theme and transformer settings are process-global: switch them under a lock.
    with _globals_lock:
        alt.data_transformers.register("smt_arrow", to_arrow)
        with alt.theme.enable("none"):
            if arrow:
                with alt.data_transformers.enable("smt_arrow"):
                    spec = chart.to_dict(validate=False)
            else:
                with alt.data_transformers.disable_max_rows():
                    spec = chart.to_dict(validate=False)
    spec.pop("$schema", None)
    if arrow:
        existing = spec.get("datasets") if isinstance(spec.get("datasets"), dict) else {}
        spec["datasets"] = {**existing, **datasets}
    spec["config"] = merge_config(spec.get("config", {}), chart_config(lang))
    return spec
