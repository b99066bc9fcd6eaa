"""The ecosystem map as a static PNG (for the briefing deck): the WebGL map of the map page cannot be captured
on the server, so the same regions, colours and company points are drawn here with geopandas / matplotlib
(Agg, offline). Pure: GeoJSON and company rows in, PNG bytes out."""

from __future__ import annotations

import io
import math
import re
import textwrap

import pandas as pd

from smt_dashboard import ecosystem, i18n, maps
from smt_dashboard.datasets import region_names
from smt_dashboard.filters import NATIONALITIES

# 1800 × 640 px, the slide show's visual box (and the deck's, 16:9 under a title and a takeaway): shown at about
# its own size on a 1920 px screen, so 13 pt at 150 dpi (27 px) reads as 24 px or more from the back of a room.
WIDTH_IN, HEIGHT_IN, DPI = 12.0, 640 / 150, 150
MAP_BOX = (0.0, 0.01, 0.40, 0.98)  # left, bottom, width, height (figure fraction)
LEGEND_X, REGIONS_X = 0.41, 0.76  # the legend's column, then the regions in words
TEXT_PT, TITLE_PT = 13, 14
# Page points are sized in screen pixels (maps.point_radius); this maps them to matplotlib points at slide scale.
POINT_SCALE = 0.6
TEXT_COLOR = "#1F2933"
MUTED_TEXT = "#5B6570"
FONT = "DejaVu Sans"  # bundled with matplotlib: the same image on every server


def _rgb(color: list[int]) -> tuple[float, ...]:
    """matplotlib colour from an [r, g, b(, a)] list of 0-255 values."""
    return tuple(c / 255 for c in color)


def metropolitan(geo: dict):
    """The regions of metropolitan France as a GeoDataFrame (the overseas regions lie outside the frame)."""
    import geopandas as gpd

    features = [f for f in geo["features"] if f["properties"]["region_code"] not in ecosystem.OVERSEAS_REGIONS]
    return gpd.GeoDataFrame.from_features(features, crs="EPSG:4326")


def map_png(geo: dict, rows: pd.DataFrame, lang: str = "fr", selected_regions: tuple[str, ...] = (),
            metric: str = "companies", products: pd.DataFrame | None = None) -> bytes:
    """PNG (1800 × 640 px) of the companies in ``rows``: regions coloured by ``metric`` (as on the map page),
    one point per company coloured by nationality with area ∝ staff, city labels, a legend and the regions'
    counts in words; the regions of ``selected_regions`` (the region filter) are outlined. The deck's picture."""
    return _render(geo, rows, lang, selected_regions, metric, products, "png")


def map_svg(geo: dict, rows: pd.DataFrame, lang: str = "fr", selected_regions: tuple[str, ...] = (),
            metric: str = "companies", products: pd.DataFrame | None = None) -> str:
    """The same map as SVG with its text as text: the slide show draws it vector, like the charts."""
    svg = _render(geo, rows, lang, selected_regions, metric, products, "svg").decode()
    # matplotlib sizes the picture in points (864 pt): shown at its pixel size (1800 px), as the charts are.
    width, height = round(WIDTH_IN * DPI), round(HEIGHT_IN * DPI)
    return re.sub(r'width="[\d.]+pt" height="[\d.]+pt"', f'width="{width}" height="{height}"', svg, count=1)


def _render(geo: dict, rows: pd.DataFrame, lang: str, selected_regions: tuple[str, ...], metric: str,
            products: pd.DataFrame | None, fmt: str) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)  # Agg, whatever matplotlib's default backend: no display needed
    ax = fig.add_axes(MAP_BOX)
    ax.set_axis_off()
    names = region_names(geo)
    summary = ecosystem.region_summary(rows, names)
    values = dict(zip(summary["region_code"], summary[metric]))
    max_value = max(values.values(), default=0)

    regions = metropolitan(geo)
    regions["fill"] = [_rgb(maps.ramp_color(values.get(code, 0), max_value, 255)) for code in regions["region_code"]]
    regions.plot(ax=ax, color=list(regions["fill"]), edgecolor="white", linewidth=1.0)
    chosen = regions[regions["region_code"].isin(selected_regions)]
    if not chosen.empty:
        chosen.boundary.plot(ax=ax, color=maps.SELECTED_LINE, linewidth=2.4)

    products = products if products is not None else pd.DataFrame({"company_id": pd.Series(dtype="string")})
    points = [p for p in maps.company_points(rows, products, lang) if p["lat"] > 40]  # metropolitan frame only
    if points:
        ax.scatter([p["lon"] for p in points], [p["lat"] for p in points],
                   s=[(2 * POINT_SCALE * p["radius_px"]) ** 2 for p in points],
                   # Opaque (the page's points are slightly transparent): exact nationality colours on a slide.
                   c=[_rgb(p["fill_color"][:3]) for p in points], edgecolors=maps.POINT_LINE, linewidths=0.8, zorder=3)
        for label in maps.city_labels(rows):
            left = label["text_anchor"] == "end"
            ax.annotate(label["city"], (label["lon"], label["lat"]), xytext=(-9 if left else 9, 0),
                        textcoords="offset points", ha="right" if left else "left", va="center", fontsize=TEXT_PT,
                        family=FONT, color=TEXT_COLOR, zorder=4,
                        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.9})
    else:
        ax.text(0.5, 0.5, textwrap.fill(i18n.t("briefing.map_empty", lang), 26), transform=ax.transAxes, ha="center",
                va="center",
                fontsize=TITLE_PT, family=FONT, color=TEXT_COLOR, wrap=True,
                bbox={"boxstyle": "round,pad=0.5", "fc": "white", "ec": "#C5CCD3"})

    # Legend: nationality (colour and label, never colour alone), then the choropleth scale.
    handles = [Line2D([], [], marker="o", linestyle="", markersize=11, markerfacecolor=maps.NATIONALITY_COLORS[s],
                      markeredgecolor=maps.POINT_LINE, label=i18n.label("nationality", s, lang))
               for s in NATIONALITIES]
    steps = _legend_steps(max_value)
    handles += [Patch(facecolor=_rgb(maps.ramp_color(v, max_value, 255)), edgecolor="#C5CCD3",
                      label=i18n.fmt_number(v, lang)) for v in steps]
    # Point sizes last: the largest circle is taller than a legend row.
    located = rows.dropna(subset=["lat", "lon"])
    for staff in dict.fromkeys([int(located["employees"].min()), int(located["employees"].max())] if points else []):
        handles.append(Line2D([], [], marker="o", linestyle="", markerfacecolor="none", markeredgecolor=MUTED_TEXT,
                              markersize=2 * POINT_SCALE * maps.point_radius(staff),
                              label=i18n.t("briefing.map_staff", lang, n=i18n.fmt_number(staff, lang))))
    legend = fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(LEGEND_X, 0.99), frameon=False,
                        prop={"family": FONT, "size": TEXT_PT}, labelspacing=0.35, handletextpad=0.5,
                        title="\n".join(textwrap.fill(line, 32) for line in i18n.t(
                            "briefing.map_legend_title", lang, metric=i18n.t(f"map.legend.metric.{metric}", lang)).split("\n")),
                        title_fontproperties={"family": FONT, "size": TEXT_PT, "weight": "bold"}, alignment="left")
    del legend  # placed: the regions in words go in the next column
    lines = _region_lines(summary, metric, lang)
    if lines:
        fig.text(REGIONS_X, 0.97, i18n.t("briefing.map_regions_title", lang), fontsize=TITLE_PT, weight="bold",
                 family=FONT, color=TEXT_COLOR, va="top")
        fig.text(REGIONS_X, 0.88, "\n".join(lines), fontsize=TEXT_PT, family=FONT, color=TEXT_COLOR, va="top",
                 linespacing=1.35)
    note = fig.text(REGIONS_X, 0.02, i18n.t("briefing.map_note", lang), fontsize=TEXT_PT, family=FONT,
                    color=MUTED_TEXT, va="bottom", wrap=True)
    note._get_wrap_line_width = lambda: (1 - REGIONS_X - 0.01) * fig.bbox.width  # wrap within its column

    buffer = io.BytesIO()
    import matplotlib

    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "smt"}):  # text stays text; stable ids
        fig.savefig(buffer, format=fmt, dpi=DPI, facecolor="white", metadata={"Date": None} if fmt == "svg" else None)
    return buffer.getvalue()


def _legend_steps(max_value: int) -> list[int]:
    """A few values of the choropleth scale to show in the legend: 0, then up to three steps to the maximum."""
    if max_value <= 0:
        return [0]
    candidates = [0, 1, round(math.sqrt(max_value)), max_value] if max_value > 3 else list(range(max_value + 1))
    return list(dict.fromkeys(sorted(candidates)))


def _region_lines(summary: pd.DataFrame, metric: str, lang: str, limit: int = 8) -> list[str]:
    """The regions with companies, most first, as "Île-de-France : 8" (the map in words)."""
    shown = summary[summary["companies"] > 0].sort_values([metric, "region_name"], ascending=[False, True])
    lines = [i18n.t("briefing.map_region_line", lang, region=r["region_name"], n=i18n.fmt_number(r[metric], lang))
             for _, r in shown.head(limit).iterrows()]
    if len(shown) > limit:
        lines.append(i18n.t("briefing.map_more_regions", lang, n=len(shown) - limit))
    return lines
