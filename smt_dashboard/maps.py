"""Offline pydeck map of the French SMT ecosystem: regions as the basemap and choropleth, companies as
points coloured by nationality and sized by staff in France. Pure builders (data in, ``pydeck.Deck`` out).

No tile provider is used: Streamlit 1.67 replaces a missing ``mapStyle`` by a CARTO basemap, so the deck
is built with ``map_provider=None`` and pydeck's default style sentinel, which Streamlit reads as "no
basemap". Everything drawn comes from ``regions.geojson`` and the companies table.
"""

from __future__ import annotations

import copy
import json
import math
from dataclasses import dataclass

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from smt_dashboard import ecosystem, i18n
from smt_dashboard.charts.common import FRANCE_COLOR, PALETTE
from smt_dashboard.memo import memoized

REGIONS_LAYER = "regions"
OUTLINES_LAYER = "region_outlines"
COMPANIES_LAYER = "companies"
LABELS_LAYER = "city_labels"
METRICS = ("companies", "employees")

# Fixed initial view on metropolitan France: identical on every rerun, so the view does not jump.
VIEW = pdk.ViewState(latitude=46.55, longitude=2.45, zoom=4.75, min_zoom=3.5, max_zoom=11, pitch=0, bearing=0)

# A double click would select then unselect a region (toggling the filter): zoom with the wheel only.
VIEW_CONTROLLER = pdk.View("MapView", controller={"doubleClickZoom": False, "dragRotate": False, "touchRotate": False})

NATIONALITY_COLORS = {"french": FRANCE_COLOR, "foreign_subsidiary": PALETTE[0]}
ZERO_FILL = "#E9ECEF"  # regions without any company: visible outline, no colour
RAMP_LOW, RAMP_HIGH = "#DCEFE6", "#0F7355"
REGION_LINE, SELECTED_LINE = "#FFFFFF", "#1F2933"
POINT_LINE = "#1F2933"  # dark: stays visible when Streamlit fades unselected points during a selection
MIN_RADIUS_PX = 4.5
RADIUS_PER_SQRT_STAFF = 0.28  # GE Healthcare (2,785 staff) ≈ 15 px: its Paris-area neighbours stay visible beside it
# Companies sharing a city are spread on a small circle (about 6 km) so that each stays pickable once zoomed in.
JITTER_DEG = 0.055
# A dense cluster (3+ companies in one cell of CLUSTER_DEG degrees, e.g. Paris and its suburbs) is laid out on a
# ring around its centre, each point tied to its true place by a thin leader line, so that every company stays
# visible and clickable at the national view; the ring grows with the cluster, up to RING_MAX_DEG of latitude.
CLUSTER_DEG = 0.6
RING_DEG_PER_POINT, RING_MIN_DEG, RING_MAX_DEG = 0.04, 0.15, 0.3
# Large circles are drawn translucent, so that the points under and around them stay readable.
LARGE_RADIUS_PX, LARGE_ALPHA = 12, 150
LEADERS_LAYER = "leaders"
# City labels: a city within this distance of a city with more companies gets no label of its own; a
# labelled city less than LABEL_SPAN_LON degrees to the east pushes a label to the left of its point.
LABEL_NEAR_LAT, LABEL_NEAR_LON, LABEL_SPAN_LON = 0.35, 0.5, 2.2

# The tooltip is clipped by the map's box: points in the east open it to the left of the pointer (per-object
# ``tt_shift``). Streamlit 1.67 HTML-escapes every ``{field}`` it interpolates; the data texts are also made
# inert here (no "<" or ">"), so no tag can come from the data whatever the Streamlit version.
TOOLTIP_LEFT_OF_LON = 2.0
_TOOLTIP_BOX = ("translate:{tt_shift};max-width:260px;white-space:pre-line;background:#1F2933;color:#FFFFFF;"
                "padding:8px 10px;border-radius:4px;font-size:13px;line-height:1.35")
TOOLTIP = {
    "html": f'<div style="{_TOOLTIP_BOX}"><b>{{tt_title}}</b>\n{{tt_body}}</div>',
    "style": {"backgroundColor": "transparent", "padding": "0", "color": "#FFFFFF"},
}


def inert(text: object) -> str:
    """Data text for the HTML tooltip: angle brackets replaced, so that it can never form a tag."""
    return str(text).replace("<", "\u2039").replace(">", "\u203a")


def tooltip_shift(lon: float) -> str:
    """CSS ``translate`` of the tooltip box: to the right of the pointer in the west, to its left in the east."""
    return "calc(-100% - 12px) 12px" if lon > TOOLTIP_LEFT_OF_LON else "12px 12px"


def _bbox_center_lon(geometry: dict) -> float:
    coords = geometry["coordinates"]
    polygons = [coords] if geometry["type"] == "Polygon" else coords
    lons = [pt[0] for poly in polygons for ring in poly for pt in ring]
    return (min(lons) + max(lons)) / 2


def hex_to_rgb(color: str, alpha: int = 255) -> list[int]:
    """``"#D55E00"`` → ``[213, 94, 0, 255]``."""
    color = color.lstrip("#")
    return [int(color[i:i + 2], 16) for i in (0, 2, 4)] + [alpha]


def ramp_color(value: float, max_value: float, alpha: int = 235) -> list[int]:
    """Choropleth colour: grey for zero, then light to dark green on a square-root scale (Île-de-France's
    4 234 staff would otherwise leave every other region blank)."""
    if value <= 0 or max_value <= 0:
        return hex_to_rgb(ZERO_FILL, alpha)
    return _mix(math.sqrt(min(value, max_value) / max_value)) + [alpha]


def _mix(share: float) -> list[int]:
    low, high = hex_to_rgb(RAMP_LOW), hex_to_rgb(RAMP_HIGH)
    return [round(lo + (hi - lo) * share) for lo, hi in zip(low[:3], high[:3])]


def _rgb_css(rgb: list[int]) -> str:
    return "rgb(" + ",".join(str(c) for c in rgb[:3]) + ")"


def point_radius(employees: float) -> float:
    """Radius in pixels: proportional to the square root of the staff (area ∝ staff), never below the minimum."""
    return round(max(MIN_RADIUS_PX, RADIUS_PER_SQRT_STAFF * math.sqrt(max(float(employees), 0.0))), 2)


def metric_value(row: pd.Series, metric: str) -> int:
    """The region's value for the chosen choropleth metric."""
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}")
    return int(row[metric])


# Region shapes as drawn on the interactive map: simplified to ~1 km, topology kept (a screen pixel is
# ~1.5 km at the default zoom). Both region layers carry them on every rerun: 15,400 points → 4,900 (a third of the JSON).
SIMPLIFY_DEGREES = 0.01
_drawn: dict[int, tuple[dict, list[dict]]] = {}


def drawn_geometries(geo: dict) -> list[dict]:
    """The regions' geometries for the browser (simplified, rounded), computed once per GeoJSON object."""
    cached = _drawn.get(id(geo))
    if cached is not None and cached[0] is geo:
        return cached[1]
    from shapely.geometry import mapping, shape

    def listed(coords):  # shapely gives tuples; the map's JSON wants lists
        return [listed(c) for c in coords] if isinstance(coords[0], (list, tuple)) else list(coords)

    out = []
    for feature in geo["features"]:
        simple = mapping(shape(feature["geometry"]).simplify(SIMPLIFY_DEGREES, preserve_topology=True))
        out.append({"type": simple["type"], "coordinates": listed(simple["coordinates"])})
    _drawn.clear()  # one GeoJSON in use at a time (the data folder's)
    _drawn[id(geo)] = (geo, out)
    return out


def region_features(geo: dict, summary: pd.DataFrame, metric: str, lang: str,
                    selected: tuple[str, ...] = ()) -> list[dict]:
    """The regions as GeoJSON features with their value, colours and tooltip text (one per region)."""
    by_code = summary.set_index("region_code")
    max_value = max((metric_value(r, metric) for _, r in summary.iterrows()), default=0)
    features = []
    for feature, geometry in zip(geo["features"], drawn_geometries(geo)):
        code = feature["properties"]["region_code"]
        row = by_code.loc[code] if code in by_code.index else None
        companies = int(row["companies"]) if row is not None else 0
        value = metric_value(row, metric) if row is not None else 0
        if companies:
            body = "\n".join([
                i18n.t("map.tt.companies", lang, n=i18n.fmt_number(companies, lang),
                       french=i18n.fmt_number(row["french"], lang), foreign=i18n.fmt_number(row["foreign"], lang)),
                i18n.t("map.tt.employees", lang, value=i18n.fmt_number(row["employees"], lang)),
            ])
        else:
            body = i18n.t("map.tt.no_company", lang)
        is_selected = code in selected
        features.append({
            "type": "Feature",
            "geometry": geometry,
            "properties": {
                "region_code": code,
                "region_name": feature["properties"]["region_name"],
                "value": value,
                "fill_color": ramp_color(value, max_value),
                "line_color": hex_to_rgb(SELECTED_LINE if is_selected else REGION_LINE),
                "line_width": 2.5 if is_selected else 1.0,
                "tt_title": inert(feature["properties"]["region_name"]),
                "tt_body": inert(body),
                "tt_shift": tooltip_shift(_bbox_center_lon(feature["geometry"])),
            },
        })
    return features


def _jitter(rows: pd.DataFrame) -> pd.DataFrame:
    """Plot positions (``plot_lat``/``plot_lon``): dense clusters on a ring around their centre (ordered by
    the bearing of each true place, so the layout keeps the geography), other companies that share
    coordinates on a small circle around their city. Deterministic (by name)."""
    out = rows.sort_values("name").copy()
    out["plot_lat"] = out["lat"].astype(float)
    out["plot_lon"] = out["lon"].astype(float)
    cells = list(zip((out["plot_lat"] / CLUSTER_DEG).round(), (out["plot_lon"] / CLUSTER_DEG).round()))
    out["_cell"] = cells
    ringed: set = set()
    for _, group in out.groupby("_cell", sort=False):
        n = len(group)
        if n < 3:
            continue
        lat0, lon0 = float(group["plot_lat"].mean()), float(group["plot_lon"].mean())
        bearing = [math.atan2(float(la) - lat0, (float(lo) - lon0) * math.cos(math.radians(lat0)))
                   for la, lo in zip(group["plot_lat"], group["plot_lon"])]
        order = sorted(zip(bearing, group["name"].astype(str), group.index))
        radius = min(RING_MAX_DEG, max(RING_MIN_DEG, RING_DEG_PER_POINT * n))
        start = order[0][0]
        for k, (_, _, idx) in enumerate(order):
            angle = start + 2 * math.pi * k / n
            out.at[idx, "plot_lat"] = round(lat0 + radius * math.sin(angle), 5)
            out.at[idx, "plot_lon"] = round(lon0 + radius * math.cos(angle) / math.cos(math.radians(lat0)), 5)
            ringed.add(idx)
    rest = out[~out.index.isin(ringed)]
    for _, group in rest.groupby(["lat", "lon"]):
        n = len(group)
        if n < 2:
            continue
        for k, idx in enumerate(group.index):
            angle = math.pi / 2 + 2 * math.pi * k / n
            lat = float(group.at[idx, "lat"])
            out.at[idx, "plot_lat"] = round(lat + JITTER_DEG * math.sin(angle), 5)
            out.at[idx, "plot_lon"] = round(float(group.at[idx, "lon"])
                                            + JITTER_DEG * math.cos(angle) / math.cos(math.radians(lat)), 5)
    out["ringed"] = out.index.isin(ringed)
    return out.drop(columns="_cell")


def company_points(rows: pd.DataFrame, products: pd.DataFrame, lang: str) -> list[dict]:
    """One point per located company: position (spread within its city), radius, colour, tooltip text.
    Largest first, so that small companies are drawn on top and stay reachable."""
    located = rows.dropna(subset=["lat", "lon"])
    if located.empty:
        return []
    points = []
    for _, row in _jitter(located).sort_values(["employees", "name"], ascending=[False, True]).iterrows():
        body = [
            i18n.t("map.tt.location", lang, nationality=i18n.label("nationality", row["scope"], lang),
                   city=row["city"], region=row["region_name"]),
            i18n.t("map.tt.model", lang, value=i18n.label("model", row["model"], lang)),
            i18n.t("map.tt.products", lang,
                   value=ecosystem.or_missing(ecosystem.products_text(products, row["company_id"], lang), lang)),
            i18n.t("map.tt.areas", lang, value=ecosystem.or_missing(ecosystem.areas_text(row["therapy_areas"], lang), lang)),
            i18n.t("map.tt.partners", lang, value=ecosystem.partners_text(row, lang)),
            i18n.t("map.tt.employees", lang, value=i18n.fmt_number(row["employees"], lang)),
            i18n.t("map.tt.revenue", lang, value=i18n.fmt_meur(row["revenue_2018_meur"], lang)),
        ]
        points.append({
            "company_id": str(row["company_id"]),
            "name": str(row["name"]),
            "scope": str(row["scope"]),
            "city": str(row["city"]),
            "lat": float(row["plot_lat"]),
            "lon": float(row["plot_lon"]),
            "true_lat": float(row["lat"]),
            "true_lon": float(row["lon"]),
            "ringed": bool(row["ringed"]),
            "employees": int(row["employees"]),
            "radius_px": point_radius(row["employees"]),
            "fill_color": hex_to_rgb(NATIONALITY_COLORS.get(row["scope"], PALETTE[6]),
                                     LARGE_ALPHA if point_radius(row["employees"]) > LARGE_RADIUS_PX else 235),
            "tt_title": inert(row["name"]),
            "tt_body": inert("\n".join(body)),
            "tt_shift": tooltip_shift(float(row["lon"])),
        })
    return points


def city_labels(rows: pd.DataFrame) -> list[dict]:
    """City names beside the points (the study's map names its cities). A city close to one with more
    companies is left unlabelled (the Paris area reads "Paris"), and a label with a labelled city just to
    its east is written on the left of its point, so that labels do not overlap at the national view."""
    located = rows.dropna(subset=["lat", "lon"])
    grouped = located.groupby("city", as_index=False).agg(
        lat=("lat", "first"), lon=("lon", "first"), companies=("company_id", "size"), employees=("employees", "sum"))
    grouped = grouped.sort_values(["companies", "employees", "city"], ascending=[False, False, True])
    kept: list[dict] = []
    for _, r in grouped.iterrows():
        lat, lon = float(r["lat"]), float(r["lon"])
        if any(abs(k["lat"] - lat) < LABEL_NEAR_LAT and abs(k["lon"] - lon) < LABEL_NEAR_LON for k in kept):
            continue
        kept.append({"city": str(r["city"]), "lat": lat, "lon": lon})
    for label in kept:
        crowded = any(0 < other["lon"] - label["lon"] < LABEL_SPAN_LON and abs(other["lat"] - label["lat"]) < LABEL_NEAR_LAT
                      for other in kept)
        label["text_anchor"] = "end" if crowded else "start"
        label["pixel_offset"] = [-9, 0] if crowded else [9, 0]
    return sorted(kept, key=lambda k: k["city"])


# pydeck reads a bare string as a data accessor expression: constant strings are quoted ("'pixels'").

def regions_layer(features: list[dict]) -> pdk.Layer:
    """The regions' fill: basemap, choropleth and click target (selecting one sets the region filter).
    Not stroked: Streamlit's click selection misses the polygons of a stroked GeoJsonLayer, so the
    borders are drawn by :func:`outlines_layer`."""
    return pdk.Layer(
        "GeoJsonLayer", data=features, id=REGIONS_LAYER, pickable=True, stroked=False, filled=True,
        get_fill_color="properties.fill_color", auto_highlight=True, highlight_color=[255, 255, 255, 70],
    )


def outlines_layer(features: list[dict]) -> pdk.Layer:
    """Region borders (white; dark and thicker for the regions of the filter), not pickable."""
    outlines = [{"type": "Feature", "geometry": f["geometry"],
                 "properties": {k: f["properties"][k] for k in ("region_code", "line_color", "line_width")}}
                for f in features]
    return pdk.Layer(
        "GeoJsonLayer", data=outlines, id=OUTLINES_LAYER, pickable=False, stroked=True, filled=False,
        get_line_color="properties.line_color", get_line_width="properties.line_width", line_width_units="'pixels'",
    )


def companies_layer(points: list[dict]) -> pdk.Layer:
    """The companies as circles (colour = nationality, area ∝ staff in France)."""
    return pdk.Layer(
        "ScatterplotLayer", data=points, id=COMPANIES_LAYER, pickable=True, get_position=["lon", "lat"],
        get_radius="radius_px", radius_units="'pixels'", get_fill_color="fill_color", stroked=True,
        get_line_color=hex_to_rgb(POINT_LINE, 220), line_width_min_pixels=1, auto_highlight=True,
    )


def leaders_layer(points: list[dict]) -> pdk.Layer:
    """Thin lines from each point of a ring to its company's true place (not pickable)."""
    lines = [{"source": [p["lon"], p["lat"]], "target": [p["true_lon"], p["true_lat"]]} for p in points if p["ringed"]]
    return pdk.Layer("LineLayer", data=lines, id=LEADERS_LAYER, pickable=False, get_source_position="source",
                     get_target_position="target", get_color=hex_to_rgb(POINT_LINE, 160), get_width=1,
                     width_units="'pixels'")


def labels_layer(labels: list[dict]) -> pdk.Layer:
    """City names beside the points (not pickable)."""
    return pdk.Layer(
        "TextLayer", data=labels, id=LABELS_LAYER, pickable=False, get_position=["lon", "lat"], get_text="city",
        get_size=12, size_units="'pixels'", get_color=[31, 41, 51, 255], get_text_anchor="text_anchor",
        get_alignment_baseline="'center'", get_pixel_offset="pixel_offset", character_set="'auto'",
        font_family='"Source Sans Pro, Helvetica, Arial, sans-serif"', background=True,
        get_background_color=[255, 255, 255, 200], background_padding=[3, 1, 3, 1],
    )


@memoized
def build_deck(geo: dict, rows: pd.DataFrame, products: pd.DataFrame, metric: str, lang: str,
               selected_regions: tuple[str, ...] = ()) -> pdk.Deck:
    """The whole map: regions choropleth (value under the current filters), company points, city labels."""
    from smt_dashboard.datasets import region_names

    summary = ecosystem.region_summary(rows, region_names(geo))
    features = region_features(geo, summary, metric, lang, selected_regions)
    layers = [regions_layer(features), outlines_layer(features)]
    points = company_points(rows, products, lang)
    if points:
        layers += [leaders_layer(points), companies_layer(points), labels_layer(city_labels(rows))]
    # map_provider=None keeps pydeck's style sentinel, which Streamlit reads as "no basemap" (no network).
    return CompactDeck(layers=layers, initial_view_state=VIEW, views=[VIEW_CONTROLLER], map_provider=None,
                       tooltip=TOOLTIP)


def centred(deck: pdk.Deck, lat: float, lon: float) -> pdk.Deck:
    """The map centred on a place, closer in (a company page's "where it is")."""
    out = copy.copy(deck)  # the built map is shared by sessions (memoized): centre a copy
    out.initial_view_state = pdk.ViewState(latitude=lat, longitude=lon, zoom=4.6, min_zoom=3.5, max_zoom=11, pitch=0,
                                           bearing=0)
    return out


class CompactDeck(pdk.Deck):
    """A Deck serialised without indentation: pretty-printed, the regions' coordinates weigh ~2.9 MB per
    rerun instead of ~0.6 MB."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


# --- selection --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MapAction:
    """What a map selection asks for: set the region filter, open company cards, or nothing."""

    kind: str  # "region" | "companies" | "none"
    values: tuple[str, ...] = ()


def selection_action(selection: object, known_regions: set[str] | frozenset[str]) -> MapAction:
    """Read st.pydeck_chart's selection state (``{"indices": {layer: [...]}, "objects": {layer: [...]}}``)."""
    objects = (selection or {}).get("objects") if isinstance(selection, dict) else None
    objects = objects if isinstance(objects, dict) else {}
    companies = [o.get("company_id") for o in objects.get(COMPANIES_LAYER) or [] if isinstance(o, dict)]
    companies = [str(c) for c in companies if c]
    if companies:
        return MapAction("companies", tuple(companies))
    for obj in objects.get(REGIONS_LAYER) or []:
        props = obj.get("properties") if isinstance(obj, dict) else None
        code = (props or {}).get("region_code") if isinstance(props, dict) else None
        if code in known_regions:
            return MapAction("region", (str(code),))
    return MapAction("none")


def regions_after_click(current: tuple[str, ...], code: str) -> list[str]:
    """The region filter after a click on region ``code``: that region alone, or no region when it was
    already the only one (a second click clears the filter)."""
    return [] if list(current) == [code] else [code]
