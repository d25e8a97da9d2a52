"""Boundaries of gminas and powiats for maps: the shipped PRG layers or the project's own file.

In: the boundary layers shipped in the package (``strategy/data/geo``: simplified PRG of all
2 477 gminas and 380 powiats, GeoJSON in EPSG:4326, codes of the 2020 state - see the README
there), or the project's boundaries (``data/granice/granice.gpkg``) that ``strategy granice
PLIK`` made from a PRG file the user downloaded from GUGiK (shapefile, zipped shapefile,
GeoJSON or GeoPackage; validated and stored by :func:`read_boundary_file` and
:func:`install_boundaries`).
Out: :class:`Boundaries` - GeoDataFrames in EPSG:2180 (PUWG 1992, the projection maps are drawn
in) keyed by the **current** TERC code - and :func:`powiat_map`, the gminas of one powiat with
the list of its gminas that have no polygon of their own.

Codes: every code of a layer goes through the units registry
(:meth:`strategy.units.Registry.current`): a gmina that became urban-rural after the layer was
made (Koźminek 3007052 in the shipped layer) is returned under its current code (3007053). A
gmina of the powiat the layer does not have (Szczawa 1207132, created in 2025, in the shipped
layer) is listed in :attr:`PowiatMap.without_polygon`, never silently left out.

Reading is done by geopandas with the pyogrio engine (GDAL); the country layers are read once
per process and file state (0.2-0.3 s) and kept projected; the layers with current codes and
each powiat's map are kept too (a diagnosis draws two or three maps of one powiat). All three
are registered caches (:mod:`strategy.caches`): a long-lived process that empties them reads
the layers again on its next map.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely
from pyproj import CRS

from . import caches, terc
from .errors import InputError, UnitError
from .units import IMPORT_HINT, Registry, default_registry, normalize_code

#: The projection maps are drawn in: PUWG 1992 (the national grid of the PRG itself).
MAP_CRS = "EPSG:2180"
PACKAGED_GMINAS = "poland.municipalities.json"
PACKAGED_POWIATS = "poland.counties.json"
#: The project's own boundaries (relative to the project folder, like ``data/rejestr``).
LOCAL_DIR = Path("data/granice")
LOCAL_FILE = LOCAL_DIR / "granice.gpkg"
LOCAL_INFO = LOCAL_DIR / "granice.json"
GMINA_LAYER = "gminy"
POWIAT_LAYER = "powiaty"
#: Credit printed with a map drawn on the shipped layers.
PACKAGED_CREDIT = "granice gmin: PRG (GUGiK), stan z 2020 r., uproszczone"
#: Column names that hold the TERC code in PRG files and common exports (checked first).
CODE_COLUMNS = ("JPT_KOD_JE", "TERC", "TERYT", "KOD_TERC", "KOD_TERYT", "KOD", "CODE")
NAME_COLUMNS = ("JPT_NAZWA_", "NAZWA", "NAME")
#: A column holds the codes when at least this share of its values are gmina codes.
CODE_SHARE = 0.9
#: Default tolerance of the simplification of an imported file, in metres (PUWG 1992). At the
#: scale of a powiat map (about 40 m a pixel) nothing is lost; a full PRG file shrinks ~20x.
SIMPLIFY_M = 10.0
#: PUWG 1992 coordinates of Poland lie in this box (with a margin): a check of the CRS.
POLAND_2180 = (100_000.0, 100_000.0, 900_000.0, 820_000.0)
_MAX_LISTED = 20
_GMINA_KINDS = {"1", "2", "3"}


class GeoError(InputError):
    """A boundary file cannot be used (Polish message naming the file, object and column)."""


@dataclass(frozen=True)
class Boundaries:
    """Gmina and powiat layers in :data:`MAP_CRS`, indexed by current TERC code.

    ``gminas`` columns: ``teryt`` (current code), ``source_code`` (the code(s) in the file,
    joined by ``+``), ``name`` (as in the file), ``geometry``; ``powiats``: ``teryt``,
    ``name``, ``geometry``. ``source``: where they come from (for messages); ``credit``: the
    words a map prints with its source.
    """

    gminas: gpd.GeoDataFrame
    powiats: gpd.GeoDataFrame
    source: str
    credit: str
    packaged: bool


@dataclass(frozen=True)
class PowiatMap:
    """The gminas of one powiat, ready to draw.

    ``order``: every current gmina of the powiat (registry, sorted by code) - a map numbers
    them 1..n in this order; ``gminas``: those with a polygon (a GeoDataFrame in
    :data:`MAP_CRS` indexed by code, in ``order``); ``without_polygon``: those the boundary
    layer lacks; ``inside``: for such a gmina carved out of another one (Szczawa out of
    Kamienica in 2025, by the packaged list of code changes), the code of the gmina whose
    polygon holds its land and the year of the split; ``outline``: the powiat's boundary.
    """

    powiat: str
    order: list[str]
    gminas: gpd.GeoDataFrame
    without_polygon: list[str]
    outline: object
    credit: str
    source: str
    inside: dict[str, tuple[str, int]] = field(default_factory=dict)


@dataclass
class ImportReport:
    """What :func:`read_boundary_file` found: the layer to store and what to tell the user."""

    path: Path
    layer: str
    code_column: str
    crs: str
    gminas: gpd.GeoDataFrame
    powiats: gpd.GeoDataFrame
    renamed: list[tuple[str, str]] = field(default_factory=list)   # (code in file, current)
    missing: list[str] = field(default_factory=list)               # registry gminas absent
    repaired: list[int] = field(default_factory=list)              # object numbers made valid
    merged: list[str] = field(default_factory=list)                # codes of several objects
    padded: int = 0                                                 # codes that lost a zero
    vertices: tuple[int, int] = (0, 0)                              # before, after simplifying
    simplify_m: float = 0.0


# --- reading -------------------------------------------------------------------------------

_RAW: dict[tuple, tuple[int, gpd.GeoDataFrame]] = caches.register_dict({})
#: Boundaries with current codes, by (source, registry): the raw layers they were made from
#: and the result (made anew when a layer was read anew or the registry is another object).
_LOADED: dict[tuple, tuple[object, object, Registry, Boundaries]] = caches.register_dict({})
#: Powiat maps, by (powiat, registry): the boundaries they were cut from and the result.
_POWIAT_MAPS: dict[tuple, tuple[Boundaries, Registry, PowiatMap]] = caches.register_dict({})


def _read_raw(path: Path, layer: str | None) -> gpd.GeoDataFrame:
    """Return a layer read by pyogrio and projected to :data:`MAP_CRS` (cached by file state)."""
    key = (str(path.resolve()), layer)
    stamp = path.stat().st_mtime_ns
    kept = _RAW.get(key)
    if kept is None or kept[0] != stamp:     # a file replaced by 'strategy granice' is read anew
        frame = gpd.read_file(path, layer=layer, engine="pyogrio", use_arrow=True)
        if frame.crs is None:
            raise GeoError(f"plik granic {path} nie podaje układu współrzędnych")
        kept = _RAW[key] = (stamp, frame.to_crs(MAP_CRS))
    return kept[1]


def _packaged_path(name: str) -> Path:
    return Path(str(resources.files("strategy") / "data" / "geo" / name))


def load_boundaries(path: str | Path | None = None, *, registry: Registry | None = None
                    ) -> Boundaries:
    """Return the boundary layers with current codes.

    ``path``: a GeoPackage written by :func:`install_boundaries`; ``None`` means the project's
    (:data:`LOCAL_FILE`, when it exists in the working directory) or else the shipped layers.
    """
    registry = registry or default_registry()
    if path is None and LOCAL_FILE.is_file():
        path = LOCAL_FILE
    if path is None:
        g_raw = _read_raw(_packaged_path(PACKAGED_GMINAS), None)
        p_raw = _read_raw(_packaged_path(PACKAGED_POWIATS), None)
        source = f"granice w pakiecie ({PACKAGED_GMINAS}, kody z 2020 r.)"
        credit, packaged = PACKAGED_CREDIT, True
        g_code, p_code = "terc", "terc"
    else:
        path = Path(path)
        if not path.is_file():
            raise GeoError(f"nie ma pliku granic {path}")
        try:
            g_raw = _read_raw(path, GMINA_LAYER)
            p_raw = _read_raw(path, POWIAT_LAYER)
        except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
            raise GeoError(f"nie można odczytać granic z {path} (warstwy {GMINA_LAYER} i "
                           f"{POWIAT_LAYER}): {exc}; wczytaj granice ponownie poleceniem "
                           "'strategy granice PLIK'") from None
        source = f"granice projektu ({path})"
        credit, packaged = _local_credit(path), False
        g_code, p_code = "teryt", "teryt"
    key = (source, id(registry))
    kept = _LOADED.get(key)
    if kept is not None and kept[0] is g_raw and kept[1] is p_raw and kept[2] is registry:
        return kept[3]
    gminas = _current_codes(g_raw, g_code, registry)
    powiats = gpd.GeoDataFrame(
        {"teryt": p_raw[p_code].astype(str).to_numpy(),
         "name": p_raw["name"].astype(str).to_numpy()},
        geometry=p_raw.geometry.to_numpy(), crs=MAP_CRS, index=p_raw[p_code].astype(str).to_numpy())
    loaded = Boundaries(gminas=gminas, powiats=powiats.sort_index(), source=source,
                        credit=credit, packaged=packaged)
    _LOADED[key] = (g_raw, p_raw, registry, loaded)
    return loaded


def boundaries_credit(path: str | Path | None = None) -> str:
    """Return the words a map prints with its source for the boundaries :func:`load_boundaries`
    would use (same ``path`` rule), without reading any layer (a document that draws its maps
    later states the origin of the boundaries under each one)."""
    if path is None and LOCAL_FILE.is_file():
        path = LOCAL_FILE
    return PACKAGED_CREDIT if path is None else _local_credit(Path(path))


def _local_credit(path: Path) -> str:
    info = path.with_name(LOCAL_INFO.name)
    try:
        meta = json.loads(info.read_text(encoding="utf-8"))
        return f"granice gmin: {meta['plik']} (wczytany {meta['wczytano']})"
    except (OSError, ValueError, KeyError):
        return f"granice gmin: {path.name}"


def current_code(code: str, registry: Registry) -> str:
    """Return the current TERC code of a gmina code found in a boundary layer.

    A code the registry knows goes to :meth:`Registry.current` (Koźminek 3007052 -> 3007053).
    A rural gmina's code the registry does not know (the layer is older than the registry's
    history: the shipped layer has Piątek 1004062, urban-rural since 2019 as 1004063) is mapped
    by the rule of such changes - the same six digits with type 3 - when the registry has that
    urban-rural gmina. Any other code is returned as it is.
    """
    if code in registry:
        return registry.current(code)
    if len(code) == 7 and code[6] == "2" and code[:6] + "3" in registry:
        return registry.current(code[:6] + "3")
    return code


def _current_codes(raw: gpd.GeoDataFrame, column: str, registry: Registry) -> gpd.GeoDataFrame:
    """Return the layer keyed by current codes; features of one current code are merged."""
    codes = raw[column].astype(str).to_numpy()
    current = [current_code(c, registry) for c in codes]
    frame = gpd.GeoDataFrame({"teryt": current, "source_code": codes,
                              "name": raw["name"].astype(str).to_numpy()},
                             geometry=raw.geometry.to_numpy(), crs=MAP_CRS)
    if frame["teryt"].duplicated().any():
        frame = frame.dissolve(by="teryt", aggfunc={"source_code": "+".join, "name": "first"},
                               as_index=False)
    return frame.set_index("teryt", drop=False).sort_index()


def powiat_map(powiat: str, *, boundaries: Boundaries | None = None,
               registry: Registry | None = None) -> PowiatMap:
    """Return the gminas of ``powiat`` (4-digit TERC) to draw, numbered in code order.

    Raises :class:`GeoError` for a city with powiat rights (one gmina: nothing to map), a code
    that is not a powiat, or boundaries that do not cover the powiat.
    """
    registry = registry or default_registry()
    powiat = normalize_code(powiat)
    if len(powiat) != 4:
        raise GeoError(f"'{powiat}' nie jest kodem TERC powiatu (4 cyfry)")
    unit = registry.get(powiat)
    order = [u.teryt for u in registry.gminas_of(powiat)]
    if unit.city_rights or len(order) < 2:
        raise GeoError(
            f"{unit.name} to miasto na prawach powiatu - jedna gmina, więc mapa gmin powiatu "
            "nie ma czego porównać; pokaż wskaźnik na tle innych powiatów albo w tabeli")
    boundaries = boundaries or load_boundaries(registry=registry)
    kept = _POWIAT_MAPS.get((powiat, id(registry)))
    if kept is not None and kept[0] is boundaries and kept[1] is registry:
        return kept[2]
    layer = boundaries.gminas
    mine = layer[layer["teryt"].str.startswith(powiat)]
    if mine.empty:
        raise GeoError(f"{boundaries.source}: brak granic gmin powiatu {powiat} "
                       f"({unit.label}); wczytaj granice obejmujące ten powiat poleceniem "
                       "'strategy granice PLIK'")
    extra = sorted(set(mine.index) - set(order))
    if extra:
        raise GeoError(f"{boundaries.source}: gminy o kodach {', '.join(extra)} leżą w powiecie "
                       f"{powiat}, ale rejestr TERC ich nie zna (stan na {registry.as_of}); "
                       f"{IMPORT_HINT}")
    gminas = mine.loc[[c for c in order if c in mine.index]]
    without = [c for c in order if c not in mine.index]
    if powiat in boundaries.powiats.index:
        outline = boundaries.powiats.geometry.loc[powiat]
    else:
        outline = shapely.union_all(gminas.geometry.to_numpy())
    carved = _carved_out()
    inside = {}
    for code in without:
        if code in carved:
            parent, year = carved[code]
            parent = registry.current(parent)
            if parent in gminas.index:
                inside[code] = (parent, year)
    pmap = PowiatMap(powiat=powiat, order=order, gminas=gminas, without_polygon=without,
                     outline=outline, credit=boundaries.credit, source=boundaries.source,
                     inside=inside)
    _POWIAT_MAPS[(powiat, id(registry))] = (boundaries, registry, pmap)
    return pmap


@caches.lru_cache(maxsize=1)
def _carved_out() -> dict[str, tuple[str, int]]:
    """Return new gminas -> (the code they were carved out of, year), from the packaged list
    of code changes (``terc_changes_2020-2026.csv``)."""
    with resources.as_file(resources.files("strategy") / "data" / terc.PACKAGED_CHANGES) as p:
        changes = terc.read_changes(p, terc.PACKAGED_CHANGES)
    new = changes[changes["split_from"] != ""]
    return {r.new_code: (r.split_from, int(r.year)) for r in new.itertuples()}


# --- importing a user's file -----------------------------------------------------------------

def _open_target(path: Path) -> tuple[str, str | None, str]:
    """Return (what pyogrio opens, layer or None, label): a zip's gmina shapefile is picked."""
    if path.suffix.lower() == ".zip":
        try:
            with zipfile.ZipFile(path) as zf:
                members = [n for n in zf.namelist() if n.lower().endswith(".shp")]
        except zipfile.BadZipFile:
            raise GeoError(f"{path}: to nie jest poprawne archiwum ZIP") from None
        gmin = [n for n in members if "gmin" in Path(n).name.lower()]
        pick = gmin if len(gmin) == 1 else members if len(members) == 1 else []
        if not pick:
            raise GeoError(f"{path}: w archiwum nie ma jednoznacznej warstwy granic gmin (pliki "
                           f".shp: {', '.join(members) or 'brak'}); rozpakuj archiwum i podaj "
                           "plik A03_Granice_gmin.shp")
        return f"/vsizip/{path.resolve()}/{pick[0]}", None, f"{path}:{pick[0]}"
    layer = None
    try:
        layers = [str(name) for name, _ in pyogrio.list_layers(path)]
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise GeoError(_unreadable(path, exc)) from None
    if len(layers) > 1:
        gmin = [n for n in layers if "gmin" in n.lower()]
        if len(gmin) != 1:
            raise GeoError(f"{path}: plik ma kilka warstw ({', '.join(layers)}) i żadna nie "
                           "jest jednoznacznie warstwą gmin (nazwa zawierająca 'gmin')")
        layer = gmin[0]
    return str(path), layer, str(path)


def _unreadable(label, exc) -> str:
    return (f"nie można odczytać pliku {label} jako warstwy granic (shapefile .shp razem z "
            f"plikami .shx, .dbf i .prj, spakowany shapefile .zip, GeoJSON albo GeoPackage): "
            f"{exc}")


def _as_gmina_code(value) -> tuple[str | None, bool]:
    """Return (7-digit code or None, whether a lost leading zero was put back)."""
    try:
        code = normalize_code(value)
    except UnitError:
        return None, False
    if len(code) == 6:
        return "0" + code, True
    return (code, False) if len(code) == 7 else (None, False)


def _find_code_column(frame: pd.DataFrame, label: str) -> str:
    columns = [c for c in frame.columns if c != frame.geometry.name]
    shares = {}
    for col in columns:
        values = frame[col].dropna()
        if values.empty:
            continue
        ok = sum(_as_gmina_code(v)[0] is not None for v in values)
        shares[col] = ok / len(frame)
    preferred = [c for name in CODE_COLUMNS for c in columns if str(c).upper() == name]
    for col in preferred:
        if shares.get(col, 0) >= CODE_SHARE:
            return col
    best = max((c for c in columns if shares.get(c, 0) >= CODE_SHARE), key=lambda c: shares[c],
               default=None)
    if best is not None:
        return best
    for col in columns:
        vals = frame[col].dropna().astype(str).str.strip()
        if len(vals) and vals.str.fullmatch(r"\d{4}").mean() >= CODE_SHARE:
            raise GeoError(f"{label}: kolumna {col} ma 4-cyfrowe kody powiatów - to warstwa "
                           "powiatów; potrzebna jest warstwa gmin (w PRG: A03_Granice_gmin)")
    sample = "; ".join(f"{c}: {', '.join(map(str, frame[c].dropna().astype(str).head(3)))}"
                       for c in columns[:8])
    raise GeoError(f"{label}: żadna kolumna nie zawiera 7-cyfrowych kodów TERC gmin (w plikach "
                   f"PRG to kolumna JPT_KOD_JE); kolumny w pliku: {', '.join(map(str, columns))}"
                   + (f" (przykłady - {sample})" if sample else ""))


def _listed(items: list[str]) -> str:
    more = len(items) - _MAX_LISTED
    return ", ".join(items[:_MAX_LISTED]) + (f" i {more} innych" if more > 0 else "")


def read_boundary_file(path: str | Path, *, registry: Registry | None = None,
                       simplify_m: float = SIMPLIFY_M) -> ImportReport:
    """Read and validate a gmina boundary file (a PRG layer from GUGiK or any GIS export).

    Checks, each with a Polish message naming the file (and object number and column): the file
    opens; it states its coordinate system (a shapefile needs its ``.prj``) and its coordinates
    fall in Poland; one column holds 7-digit TERC gmina codes (``JPT_KOD_JE`` in PRG; found by
    name or content); every object has such a code of a whole gmina (type 1-3) the registry
    knows; no gmina twice (an old and a new code of one gmina is an error; several objects
    of one code are merged); polygon geometry (invalid ones are repaired with
    ``shapely.make_valid`` and reported). Codes are mapped to current ones; gminas of the
    registry the file lacks are listed (not an error: a file of one voivodeship is usable for
    its powiats). The layer is projected to :data:`MAP_CRS` and simplified as a coverage
    (``shapely.coverage_simplify``, shared borders stay shared) with ``simplify_m`` metres.
    """
    registry = registry or default_registry()
    path = Path(path)
    if not path.exists():
        raise GeoError(f"nie ma pliku {path}")
    target, layer, label = _open_target(path)
    try:
        frame = gpd.read_file(target, layer=layer, engine="pyogrio")
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError,
            pyogrio.errors.FieldError, pyogrio.errors.GeometryError) as exc:
        raise GeoError(_unreadable(label, exc)) from None
    if len(frame) == 0:
        raise GeoError(f"{label}: warstwa nie ma żadnych obiektów")
    if frame.crs is None:
        raise GeoError(f"{label}: plik nie podaje układu współrzędnych (przy shapefile brakuje "
                       "pliku .prj obok .shp); granice PRG z GUGiK są w układzie PUWG 1992 "
                       "(EPSG:2180) - pobierz komplet plików warstwy")
    crs_label = _crs_label(frame.crs)
    column = _find_code_column(frame, label)
    codes, bad, padded = [], [], 0
    for number, value in enumerate(frame[column].tolist(), start=1):
        code, was_padded = _as_gmina_code(value)
        padded += was_padded
        if code is None:
            bad.append(f"obiekt nr {number}: '{value}'")
        codes.append(code)
    if bad:
        raise GeoError(f"{label}, kolumna {column}: wartości, które nie są 7-cyfrowymi kodami "
                       f"TERC gmin ({len(bad)}): {_listed(bad)}")
    parts = [f"obiekt nr {i} ({c})" for i, c in enumerate(codes, 1) if c[6] not in _GMINA_KINDS]
    if parts:
        raise GeoError(f"{label}, kolumna {column}: kody części gmin (miasto lub obszar wiejski "
                       f"gminy miejsko-wiejskiej, dzielnice, delegatury) - potrzebna jest "
                       f"warstwa całych gmin (w PRG: A03_Granice_gmin): {_listed(parts)}")
    unknown = sorted({c for c in codes if current_code(c, registry) not in registry})
    if unknown:
        raise GeoError(f"{label}, kolumna {column}: kody nieznane w rejestrze TERC (stan na "
                       f"{registry.as_of}): {_listed(unknown)}; {IMPORT_HINT}")
    geoms = frame.geometry
    empty = [f"obiekt nr {i} ({c})" for i, (c, g) in enumerate(zip(codes, geoms), 1)
             if g is None or g.is_empty]
    if empty:
        raise GeoError(f"{label}: obiekty bez geometrii: {_listed(empty)}")
    not_area = [f"obiekt nr {i} ({c}: {g.geom_type})" for i, (c, g) in
                enumerate(zip(codes, geoms), 1) if g.geom_type not in ("Polygon", "MultiPolygon")]
    if not_area:
        raise GeoError(f"{label}: obiekty, które nie są wielokątami (granice gmin to obszary): "
                       f"{_listed(not_area)}")
    projected = geoms.to_crs(MAP_CRS)
    minx, miny, maxx, maxy = projected.total_bounds
    if not (POLAND_2180[0] <= minx and maxx <= POLAND_2180[2] and POLAND_2180[1] <= miny
            and maxy <= POLAND_2180[3]):
        raise GeoError(f"{label}: przy układzie współrzędnych podanym w pliku ({crs_label}) "
                       "obiekty nie leżą w Polsce - plik .prj nie pasuje do współrzędnych")
    invalid = [i for i, ok in enumerate(projected.is_valid.tolist(), 1) if not ok]
    # "structure" with collapsed parts dropped keeps a polygon a polygon (no stray lines).
    geometry = (projected.make_valid(method="structure", keep_collapsed=False) if invalid
                else projected)
    current = [current_code(c, registry) for c in codes]
    by_current: dict[str, set[str]] = {}
    for code, cur in zip(codes, current):
        by_current.setdefault(cur, set()).add(code)
    twice = [f"{cur}: {' i '.join(sorted(src))}" for cur, src in sorted(by_current.items())
             if len(src) > 1]
    if twice:
        raise GeoError(f"{label}, kolumna {column}: te same gminy pod starym i nowym kodem "
                       f"(plik łączy stany rejestru z różnych lat): {_listed(twice)}")
    name_col = next((c for name in NAME_COLUMNS for c in frame.columns
                     if str(c).upper() == name), None)
    names = (frame[name_col].astype(str).tolist() if name_col is not None
             else [registry.name(c) for c in current])
    layer_frame = gpd.GeoDataFrame({"teryt": current, "source_code": codes, "name": names},
                                   geometry=geometry.to_numpy(), crs=MAP_CRS)
    merged = sorted(c for c, n in layer_frame["teryt"].value_counts().items() if n > 1)
    if merged:
        layer_frame = layer_frame.dissolve(by="teryt", aggfunc={"source_code": "first",
                                                                "name": "first"},
                                           as_index=False)
    layer_frame = layer_frame.sort_values("teryt").reset_index(drop=True)
    before = int(shapely.get_num_coordinates(layer_frame.geometry.to_numpy()).sum())
    if simplify_m > 0:
        layer_frame["geometry"] = _simplify(layer_frame.geometry, simplify_m)
    after = int(shapely.get_num_coordinates(layer_frame.geometry.to_numpy()).sum())
    layer_frame = gpd.GeoDataFrame(layer_frame, geometry="geometry", crs=MAP_CRS)
    powiats = layer_frame.assign(powiat=layer_frame["teryt"].str[:4]).dissolve(
        by="powiat", as_index=False)[["powiat", "geometry"]]
    powiats = gpd.GeoDataFrame(
        {"teryt": powiats["powiat"], "name": [registry.name(p) if p in registry else p
                                              for p in powiats["powiat"]]},
        geometry=powiats.geometry, crs=MAP_CRS)
    present = set(layer_frame["teryt"])
    missing = [u.teryt for u in registry if u.is_whole_gmina and not u.successor
               and u.teryt not in present]
    return ImportReport(path=path, layer=label, code_column=str(column), crs=crs_label,
                        gminas=layer_frame, powiats=powiats,
                        renamed=sorted({(c, r) for c, r in zip(codes, current) if c != r}),
                        missing=sorted(missing), repaired=invalid, merged=merged,
                        padded=padded, vertices=(before, after), simplify_m=simplify_m)


def _simplify(geoms: gpd.GeoSeries, tolerance: float) -> gpd.GeoSeries:
    """Simplify a coverage so that neighbours keep one shared border (no slivers, no gaps)."""
    arr = geoms.to_numpy()
    try:
        out = shapely.coverage_simplify(arr, tolerance)
    except shapely.errors.GEOSException:
        # Not a clean coverage (overlapping objects): simplify each on its own, keeping it valid.
        out = shapely.simplify(arr, tolerance, preserve_topology=True)
    return gpd.GeoSeries(out, index=geoms.index, crs=geoms.crs)


def _crs_label(crs) -> str:
    crs = CRS.from_user_input(crs)
    epsg = crs.to_epsg()
    return f"EPSG:{epsg} ({crs.name})" if epsg else crs.name


def install_boundaries(report: ImportReport, folder: str | Path = LOCAL_DIR) -> Path:
    """Store the validated layers as the project's boundaries (``granice.gpkg`` in ``folder``)
    with a note of their origin (``granice.json``); each written to a temporary file in the
    folder and renamed over the old one, so a failure leaves the previous boundaries intact."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / LOCAL_FILE.name
    fd, tmp_name = tempfile.mkstemp(prefix=".granice-", suffix=".gpkg", dir=folder)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        tmp.unlink()   # GDAL creates the GeoPackage itself
        report.gminas[["teryt", "source_code", "name", "geometry"]].to_file(
            tmp, layer=GMINA_LAYER, driver="GPKG", engine="pyogrio")
        report.powiats[["teryt", "name", "geometry"]].to_file(
            tmp, layer=POWIAT_LAYER, driver="GPKG", engine="pyogrio")
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    info = {"plik": report.path.name, "warstwa": report.layer, "kolumna": report.code_column,
            "uklad": report.crs, "wczytano": _dt.date.today().isoformat(),
            "gmin": len(report.gminas), "uproszczenie_m": report.simplify_m,
            "brak_granic": report.missing}
    fd, tmp_info = tempfile.mkstemp(prefix=".granice-", suffix=".json", dir=folder)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(info, fh, ensure_ascii=False, indent=1)
    os.chmod(tmp_info, 0o644)            # mkstemp makes it private; it is a plain project file
    os.replace(tmp_info, folder / LOCAL_INFO.name)
    return target
