"""The ecosystem map as a static PNG (for the briefing deck): the WebGL map of the map page cannot be captured
on the server, so the same regions, colours and company points are drawn here with geopandas / matplotlib
(Agg, offline). Pure: GeoJSON and company rows in, PNG bytes out."""

from __future__ import annotations

import io
import math

import pandas as pd

from smt_dashboard import ecosystem, i18n, maps
from smt_dashboard.datasets import region_names
from smt_dashboard.filters import NATIONALITIES

WIDTH_IN, HEIGHT_IN, DPI = 12.0, 7.5, 150  # 1800 × 1125 px: slide resolution
MAP_BOX = (0.0, 0.02, 0.64, 0.96)  # left, bottom, width, height (figure fraction)
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
    """PNG (1800 px wide) of the companies in ``rows``: regions coloured by ``metric`` (as on the map page),
    one point per company coloured by nationality with area ∝ staff, city labels, a legend and the regions'
    counts in words; the regions of ``selected_regions`` (the region filter) are outlined."""
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
                        textcoords="offset points", ha="right" if left else "left", va="center", fontsize=10,
                        family=FONT, color=TEXT_COLOR, zorder=4,
                        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.9})
    else:
        ax.text(0.5, 0.5, i18n.t("briefing.map_empty", lang), transform=ax.transAxes, ha="center", va="center",
                fontsize=14, family=FONT, color=TEXT_COLOR, wrap=True,
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
    legend = fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.65, 0.97), frameon=False,
                        prop={"family": FONT, "size": 12}, labelspacing=0.8,
                        title=i18n.t("briefing.map_legend_title", lang, metric=i18n.t(f"map.legend.metric.{metric}", lang)),
                        title_fontproperties={"family": FONT, "size": 13, "weight": "bold"}, alignment="left")
    lines = _region_lines(summary, metric, lang)
    if lines:
        # Under the legend, wherever it ends.
        fig.canvas.draw()
        bottom = legend.get_window_extent().transformed(fig.transFigure.inverted()).y0
        fig.text(0.66, bottom - 0.06, i18n.t("briefing.map_regions_title", lang), fontsize=13, weight="bold",
                 family=FONT, color=TEXT_COLOR, va="top")
        fig.text(0.66, bottom - 0.11, "\n".join(lines), fontsize=12, family=FONT, color=TEXT_COLOR, va="top",
                 linespacing=1.5)
    fig.text(0.66, 0.03, i18n.t("briefing.map_note", lang), fontsize=10, family=FONT, color=MUTED_TEXT, va="bottom",
             wrap=True)

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, facecolor="white")
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
