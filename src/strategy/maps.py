"""Maps of a powiat's gminas: a choropleth of one indicator, drawn like the house charts.

In: values of one indicator by gmina TERC code (a dict or a pandas Series; NaN/None = no
data; old codes of a gmina that changed type are accepted), the powiat's 4-digit code, the
words (title, unit, source) and optionally the document's own gmina.
Out: :func:`gmina_map` (for notebook authors also :data:`mapa_gmin`) returns a
:class:`matplotlib.figure.Figure`, 16 cm wide, on an explicit Agg canvas like every chart of
:mod:`strategy.charts`; ``charts.figure_to_png(fig)`` gives its PNG bytes (no metadata: the same
data give the same bytes). In a notebook cell::

    from strategy.maps import mapa_gmin
    fig = mapa_gmin({"3007012": 41.2, "3007022": 55.0, ...}, "3007",
                    unit="osoby na 1000 mieszkańców", source="GUS BDL, 2024",
                    highlight="3007083")
    fig            # shown by Jupyter; dok.figure(fig, "Tytuł", "źródło") in a document

What the map shows (and why):

* the gminas of the powiat (boundaries from :mod:`strategy.geo`: shipped PRG or the project's
  own, projected to PUWG 1992), filled by class of their value; **classes chosen for the
  data** (:func:`classify`): natural breaks (Fisher's exact optimisation of Jenks' criterion,
  the least sum of squared deviations within classes) or quantiles, at most five and never
  more than the distinct values or half the gminas with data, so a class is not one gmina by
  construction; equal values always share a class;
* a sequential single-hue palette (ColorBrewer "Blues", colour-blind safe, lightness falling
  with the class so a grayscale print keeps the order); "brak danych" is white with hatching;
* the number of each gmina (code order) on its area and the key (number -> name, with the type
  where two gminas share a name) beside the map; the document's gmina outlined in black and
  set in bold in the key;
* the legend: the unit as its title (the scale of the numbers), each class as the range of the
  values in it, Polish number format (``1 234,5``, en dash);
* under the map a note naming the gminas without data and those without a polygon of their
  own (with their value: nothing is silently missing), then the source with the origin of the
  boundaries. ``show_source=False`` leaves the source out of the picture (a document that
  prints it under the figure); :func:`strategy.charts.chart_source` reads it either way.

A city with powiat rights is one gmina: :func:`gmina_map` raises :class:`GeoError` saying so.
Layout is in inches with fixed margins (no tight layout), so the pixel size depends only on
the number of gminas and the shape of the powiat.
"""
from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass

import matplotlib
import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path as MplPath
from matplotlib.textpath import text_to_path
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.polygon import orient
from shapely.ops import polylabel

from .charts import DPI, EDGE_COLOR, SOURCE_GID, STYLE, WIDTH_IN
from .errors import UnitError
from .geo import Boundaries, GeoError, PowiatMap, current_code, powiat_map
from .text import NO_DATA, fmt_number
from .units import Registry, default_registry, normalize_code

__all__ = ["MAX_CLASSES", "PALETTES", "Classes", "GeoError", "classify", "gmina_map",
           "mapa_gmin"]

MAX_CLASSES = 5
#: ColorBrewer "Blues" (Brewer, Penn State), the sets for 3, 4 and 5 classes; 1 and 2 classes
#: take members of the set of 3. Luma falls with the class (checked in the tests).
PALETTES = {
    1: ["#9ecae1"],
    2: ["#deebf7", "#3182bd"],
    3: ["#deebf7", "#9ecae1", "#3182bd"],
    4: ["#eff3ff", "#bdd7e7", "#6baed6", "#2171b5"],
    5: ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"],
}
NO_DATA_FACE = "#ffffff"
NO_DATA_HATCH = "////"
HATCH_COLOR = EDGE_COLOR
HIGHLIGHT_COLOR = "#000000"
BORDER_WIDTH = 0.5        # pt, between gminas
OUTLINE_WIDTH = 1.1       # pt, the powiat
HIGHLIGHT_WIDTH = 1.8     # pt, the document's gmina (over a white casing)
NOTE_GID = "uwaga"
KEY_GID = "klucz"
LABEL_GID_PREFIX = "gmina-"   # gid of the number drawn on gmina <teryt>
EN_DASH = "\u2013"
FIGURE_SPACE = "\u2007"
EN_SPACE = "\u2002"
# Layout, inches.
_MARGIN = 0.1
_COLUMN_W = 2.2           # legend and key at the right
_GAP = 0.2
# A map is at most 3,8 in high: with the ranking chart of the same indicator before it
# (about 4 in for 11 gminas) both fit one A4 page with their captions, instead of each
# taking a half-empty page of its own.
_MAP_MAX_H = 3.8
_LINE = 0.135             # a 7-pt line
_ASCENT = 0.1             # from the top of a 7-pt line to its baseline
_SWATCH = (0.30, 0.13)
_FONT = 7.0
_WRAP_NOTE = 112          # characters of a 7-pt line across the figure
_WRAP_KEY = 32            # characters of a 7-pt name in the key (after its number)
_WRAP_UNIT = 30           # characters of the bold 7-pt legend title


@dataclass(frozen=True)
class Classes:
    """Classes of a map: ``ranges`` (lowest, highest value in each class, ascending),
    ``labels`` (Polish, ``12,5–18,0``), ``colors`` (one a class, light to dark), ``method``."""

    ranges: list[tuple[float, float]]
    labels: list[str]
    colors: list[str]
    method: str
    decimals: int | None = None     # of the labels; the note prints values with as many

    def index(self, value: float) -> int:
        """Return the class of a value of the classified data (by the classes' upper ends)."""
        for i, (_, hi) in enumerate(self.ranges):
            if value <= hi:
                return i
        return len(self.ranges) - 1

    def color(self, value: float) -> str:
        return self.colors[self.index(value)]


def default_class_count(n_values: int, n_distinct: int) -> int:
    """Return how many classes ``n_values`` values (``n_distinct`` distinct) get: at most
    :data:`MAX_CLASSES`, at most the distinct values, at most half the values (rounded up)."""
    if n_values == 0:
        return 0
    return max(1, min(MAX_CLASSES, n_distinct, math.ceil(n_values / 2)))


def _jenks_groups(values: np.ndarray, counts: np.ndarray, k: int) -> list[int]:
    """Return the first index (into the sorted distinct ``values``) of each of ``k`` classes
    minimising the within-class sum of squared deviations (Fisher 1958; each distinct value
    weighted by how many times it occurs). Exact dynamic programming, O(k n^2)."""
    n = len(values)
    w = np.concatenate([[0.0], np.cumsum(counts)])
    s = np.concatenate([[0.0], np.cumsum(counts * values)])
    q = np.concatenate([[0.0], np.cumsum(counts * values * values)])

    def cost(i: int, j: int) -> float:   # the class of distinct values i..j-1
        ww, ss = w[j] - w[i], s[j] - s[i]
        return (q[j] - q[i]) - ss * ss / ww

    inf = float("inf")
    best = [[inf] * (n + 1) for _ in range(k + 1)]
    start = [[0] * (n + 1) for _ in range(k + 1)]
    best[0][0] = 0.0
    for c in range(1, k + 1):
        for j in range(c, n + 1):
            for i in range(c - 1, j):
                if best[c - 1][i] == inf:
                    continue
                v = best[c - 1][i] + cost(i, j)
                if v < best[c][j] - 1e-12 * max(1.0, abs(best[c][j])) or best[c][j] == inf:
                    best[c][j], start[c][j] = v, i
    firsts, j = [], n
    for c in range(k, 0, -1):
        i = start[c][j]
        firsts.append(i)
        j = i
    return firsts[::-1]


def _quantile_groups(values: np.ndarray, counts: np.ndarray, k: int) -> list[int]:
    """Return the first index of each class by quantiles: a distinct value goes to the class of
    the middle of its ranks (``floor(k * mid / n)``), so equal values share a class; a class
    left empty is dropped."""
    n = counts.sum()
    before = np.concatenate([[0], np.cumsum(counts)[:-1]])
    cls = np.minimum(k - 1, np.floor(k * (before + counts / 2) / n)).astype(int)
    return [i for i in range(len(values)) if i == 0 or cls[i] != cls[i - 1]]


def _decimals(ranges: list[tuple[float, float]], values: np.ndarray) -> int:
    if np.all(np.abs(values - np.round(values)) < 1e-9):
        return 0
    for d in (1, 2, 3):
        shown = [(fmt_number(lo, d), fmt_number(hi, d)) for lo, hi in ranges]
        apart = all(shown[i][1] != shown[i + 1][0] for i in range(len(shown) - 1))
        whole = all(a != b for (a, b), (lo, hi) in zip(shown, ranges) if lo != hi)
        if apart and whole:
            return d
    return 3


def range_label(lo: float, hi: float, decimals: int) -> str:
    """Return a class's range in Polish: ``12,5–18,0`` (en dash; spaced when a number has a
    group space or a minus sign), or one number when both ends print the same."""
    a, b = fmt_number(lo, decimals), fmt_number(hi, decimals)
    if a == b:
        return a
    spaced = any(ch in a + b for ch in "\u00a0 \u2212")
    return f"{a} {EN_DASH} {b}" if spaced else f"{a}{EN_DASH}{b}"


def classify(values, k: int | None = None, method: str = "jenks",
             decimals: int | None = None) -> Classes:
    """Return the classes of ``values`` (numbers; NaN ignored).

    ``method``: ``"jenks"`` (natural breaks, exact) or ``"quantiles"``; ``k``: the number of
    classes (default :func:`default_class_count`; never more than the distinct values or
    :data:`MAX_CLASSES`); ``decimals`` of the labels (default: none for whole numbers, else
    the fewest, at least one, that keep neighbouring classes apart and show each class's
    two ends as two numbers).
    """
    arr = np.asarray([float(v) for v in values], dtype=float)
    arr = arr[np.isfinite(arr)]
    if arr.size == 0:
        return Classes([], [], [], method, decimals)
    distinct, counts = np.unique(arr, return_counts=True)
    k_max = min(MAX_CLASSES, len(distinct))
    k = default_class_count(arr.size, len(distinct)) if k is None else max(1, min(int(k), k_max))
    if method == "jenks":
        firsts = _jenks_groups(distinct, counts.astype(float), k)
    elif method == "quantiles":
        firsts = _quantile_groups(distinct, counts, k)
    else:
        raise ValueError(f"unknown classification method {method!r}")
    ends = firsts[1:] + [len(distinct)]
    ranges = [(float(distinct[a]), float(distinct[b - 1])) for a, b in zip(firsts, ends)]
    d = _decimals(ranges, arr) if decimals is None else decimals
    return Classes(ranges=ranges, labels=[range_label(lo, hi, d) for lo, hi in ranges],
                   colors=list(PALETTES[len(ranges)]), method=method, decimals=d)


# --- drawing -------------------------------------------------------------------------------

def _geometry_path(geom) -> MplPath:
    """Return a matplotlib path of a (multi)polygon: exteriors counter-clockwise, holes
    clockwise, so the hole of a rural gmina around its town stays empty."""
    polys = list(geom.geoms) if isinstance(geom, MultiPolygon) else [geom]
    rings = []
    for poly in polys:
        poly = orient(poly, sign=1.0)
        rings.append(MplPath(np.asarray(poly.exterior.coords), closed=True))
        rings.extend(MplPath(np.asarray(r.coords), closed=True) for r in poly.interiors)
    return MplPath.make_compound_path(*rings)


def label_point(geom) -> tuple[float, float]:
    """Return where a gmina's number goes: the pole of inaccessibility of its largest part
    (the point farthest from its border, outside any hole)."""
    part = max(geom.geoms, key=lambda p: p.area) if isinstance(geom, MultiPolygon) else geom
    if not isinstance(part, Polygon):
        p = geom.representative_point()
        return p.x, p.y
    tolerance = max(1.0, math.sqrt(part.area) / 200)
    p = polylabel(part, tolerance=tolerance)
    return p.x, p.y


def _luma(color: str) -> float:
    r, g, b = matplotlib.colors.to_rgb(color)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _values_by_current_code(values, pmap: PowiatMap, registry: Registry) -> dict[str, float]:
    """Return the values of the powiat's gminas by current code; raise for anything else."""
    items = values.items() if isinstance(values, (Mapping, pd.Series)) else None
    if items is None:
        raise GeoError("wartości mapy podaje się jako słownik albo serię pandas: kod TERC "
                       "gminy -> liczba")
    out: dict[str, float] = {}
    foreign, not_numbers = [], []
    for raw_code, raw_value in items:
        try:
            code = normalize_code(raw_code)
        except UnitError:
            foreign.append(str(raw_code))
            continue
        if len(code) in (3, 6):
            code = "0" + code                 # a code stored as a number lost its leading zero
        if code == pmap.powiat:
            continue                          # the powiat's own figure: not a gmina of the map
        cur = current_code(code, registry)
        if cur not in pmap.order:
            foreign.append(code)
            continue
        try:
            value = float(raw_value) if raw_value is not None else math.nan
        except (TypeError, ValueError):
            not_numbers.append(f"{code}: '{raw_value}'")
            continue
        if cur in out and not (math.isnan(out[cur]) or math.isnan(value)) and out[cur] != value:
            raise GeoError(f"gmina {cur} ma na mapie dwie różne wartości (pod kodem obecnym "
                           f"i dawnym): {fmt_number(out[cur])} i {fmt_number(value)}")
        if cur not in out or math.isnan(out[cur]):
            out[cur] = value
    if foreign:
        raise GeoError(f"wartości dla kodów, które nie są gminami powiatu {pmap.powiat}: "
                       f"{', '.join(foreign[:20])}")
    if not_numbers:
        raise GeoError(f"wartości mapy, które nie są liczbami: {', '.join(not_numbers[:20])}")
    return out


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters, broken at spaces only (never inside a
    hyphenated name such as Kocmyrzów-Luborzyca, nor at a no-break space)."""
    return textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False)


def _plural_gmina(n: int) -> str:
    return "gminy" if n == 1 else "gmin"


def gmina_map(values, powiat: str, *, title: str = "", unit: str = "", source: str = "",
              highlight: str | None = None, classes: int | None = None,
              method: str = "jenks", decimals: int | None = None, show_source: bool = True,
              boundaries: Boundaries | None = None, registry: Registry | None = None) -> Figure:
    """Return a choropleth of ``values`` over the gminas of ``powiat`` (see the module doc).

    ``values``: TERC code -> number (NaN/None = brak danych); codes of other units raise
    (the powiat's own code is ignored). ``unit``: the legend's title, the scale of the numbers
    ("osoby na 1000 mieszkańców", "%", "tys. zł"). ``highlight``: the document's gmina.
    ``classes``/``method``/``decimals``: see :func:`classify`. Raises :class:`GeoError` (Polish
    message) for a city with powiat rights, a code that is not a gmina of the powiat, a
    value that is not a number.
    """
    registry = registry or default_registry()
    pmap = powiat_map(powiat, boundaries=boundaries, registry=registry)
    by_code = _values_by_current_code(values, pmap, registry)
    if highlight is not None:
        highlight = current_code(normalize_code(highlight), registry)
        if highlight not in pmap.order:
            raise GeoError(f"gmina {highlight} do wyróżnienia nie leży w powiecie {pmap.powiat}")
    numbers = {code: i for i, code in enumerate(pmap.order, start=1)}
    data = {c: by_code.get(c, math.nan) for c in pmap.order}
    known = [v for v in data.values() if not math.isnan(v)]
    cls = classify(known, classes, method, decimals)

    names = {c: registry.display_name(c) for c in pmap.order}
    no_data = [c for c in pmap.order if math.isnan(data[c]) and c not in pmap.without_polygon]
    note_lines = _note(pmap, data, numbers, names, no_data, cls.decimals)
    source_text = _source_line(source, pmap.credit)

    # --- layout (inches) -----------------------------------------------------------------
    minx, miny, maxx, maxy = pmap.outline.bounds
    pad = 0.02 * max(maxx - minx, maxy - miny)
    minx, miny, maxx, maxy = minx - pad, miny - pad, maxx + pad, maxy + pad
    map_max_w = WIDTH_IN - 2 * _MARGIN - _COLUMN_W - _GAP
    scale = min(map_max_w / (maxx - minx), _MAP_MAX_H / (maxy - miny))
    map_w, map_h = (maxx - minx) * scale, (maxy - miny) * scale
    unit_lines = _wrap(unit, _WRAP_UNIT) if unit else ["wartość"]
    # the outline's legend row only when the outline is drawn (a gmina without a polygon is
    # set in bold in the key and named in the note)
    outlined = highlight if highlight in pmap.gminas.index else None
    legend_rows = len(cls.ranges) + bool(no_data) + (outlined is not None)
    key_lines = [_wrap(names[c], _WRAP_KEY) or [""] for c in pmap.order]
    column_h = (len(unit_lines) * _LINE + 0.05 + legend_rows * (_SWATCH[1] + 0.05)
                + 0.15 + _LINE + sum(len(k) for k in key_lines) * _LINE)
    title_lines = _wrap(title, 78) if title else []
    top = _MARGIN + (0.19 * len(title_lines) + 0.1 if title_lines else 0.0)
    body_h = max(map_h, column_h)
    foot_lines = len(note_lines) + (len(source_text) if show_source else 0)
    height = top + body_h + (0.12 + foot_lines * _LINE if foot_lines else 0.0) + _MARGIN

    with matplotlib.style.context(STYLE):
        fig = Figure(figsize=(WIDTH_IN, height), dpi=DPI)
        FigureCanvasAgg(fig)
        if title_lines:
            fig.suptitle("\n".join(title_lines), x=0.08 / WIDTH_IN, y=1 - 0.12 / height,
                         ha="left", va="top", fontsize=9.5, fontweight="bold")
        ax = fig.add_axes([_MARGIN / WIDTH_IN, (height - top - map_h) / height,
                           map_w / WIDTH_IN, map_h / height])
        ax.set_xlim(minx, maxx)
        ax.set_ylim(miny, maxy)
        ax.set_aspect("equal")
        ax.set_axis_off()
        _draw_gminas(ax, pmap, data, cls, numbers, highlight)
        key = fig.add_axes([(_MARGIN + map_w + _GAP) / WIDTH_IN,
                            (height - top - column_h) / height, _COLUMN_W / WIDTH_IN,
                            column_h / height])
        key.set_xlim(0, _COLUMN_W)
        key.set_ylim(column_h, 0)          # inches from the top
        key.set_axis_off()
        _draw_key(key, cls, unit_lines, no_data, highlight, outlined, names, numbers,
                  key_lines, pmap.order)
        y = (height - top - body_h - 0.12) / height
        note = fig.text(_MARGIN / WIDTH_IN, y, "\n".join(note_lines), ha="left", va="top",
                        fontsize=_FONT, gid=NOTE_GID, linespacing=1.35)
        note.set_visible(bool(note_lines))
        y -= len(note_lines) * _LINE / height
        fig.text(_MARGIN / WIDTH_IN, y, "\n".join(source_text), ha="left", va="top",
                 fontsize=_FONT, color="#4d4d4d", gid=SOURCE_GID, linespacing=1.35,
                 visible=show_source)
    return fig


#: The name notebook authors use (``fig = mapa_gmin(...)``).
mapa_gmin = gmina_map


def _draw_gminas(ax, pmap: PowiatMap, data, cls: Classes, numbers, highlight) -> None:
    for code, geom in zip(pmap.gminas.index, pmap.gminas.geometry):
        path = _geometry_path(geom)
        value = data[code]
        if math.isnan(value):
            patch = PathPatch(path, facecolor=NO_DATA_FACE, edgecolor=EDGE_COLOR,
                              hatch=NO_DATA_HATCH, hatchcolor=HATCH_COLOR,
                              linewidth=BORDER_WIDTH, gid=f"{LABEL_GID_PREFIX}{code}-obszar")
            face = NO_DATA_FACE
        else:
            face = cls.color(value)
            patch = PathPatch(path, facecolor=face, edgecolor=EDGE_COLOR,
                              linewidth=BORDER_WIDTH, gid=f"{LABEL_GID_PREFIX}{code}-obszar")
        ax.add_patch(patch)
        x, y = label_point(geom)
        dark = _luma(face) < 0.45
        ax.text(x, y, str(numbers[code]), ha="center", va="center", fontsize=_FONT,
                fontweight="bold" if code == highlight else "normal",
                color="white" if dark else "black", gid=f"{LABEL_GID_PREFIX}{code}",
                path_effects=[patheffects.withStroke(linewidth=1.6,
                                                     foreground="#08306b" if dark else "white")],
                zorder=5)
    ax.add_patch(PathPatch(_geometry_path(pmap.outline), fill=False, edgecolor=EDGE_COLOR,
                           linewidth=OUTLINE_WIDTH, zorder=3))
    if highlight is not None and highlight in pmap.gminas.index:
        path = _geometry_path(pmap.gminas.geometry.loc[highlight])
        ax.add_patch(PathPatch(path, fill=False, edgecolor="white",
                               linewidth=HIGHLIGHT_WIDTH + 1.4, zorder=4))
        ax.add_patch(PathPatch(path, fill=False, edgecolor=HIGHLIGHT_COLOR,
                               linewidth=HIGHLIGHT_WIDTH, zorder=4, gid="wyrozniona"))


def _draw_key(key, cls: Classes, unit_lines, no_data, highlight, outlined, names, numbers,
              key_lines, order) -> None:
    y = 0.0
    key.text(0, y, "\n".join(unit_lines), ha="left", va="top", fontsize=_FONT,
             fontweight="bold", linespacing=1.35, gid="legenda-jednostka")
    y += len(unit_lines) * _LINE + 0.05
    sw, sh = _SWATCH
    rows = [({"facecolor": c, "edgecolor": EDGE_COLOR}, label) for c, label in
            zip(cls.colors, cls.labels)]
    if no_data:
        rows.append(({"facecolor": NO_DATA_FACE, "edgecolor": EDGE_COLOR,
                      "hatch": NO_DATA_HATCH, "hatchcolor": HATCH_COLOR}, NO_DATA))
    if outlined is not None:
        rows.append(({"fill": False, "edgecolor": HIGHLIGHT_COLOR,
                      "linewidth": HIGHLIGHT_WIDTH}, f"{numbers[outlined]} {names[outlined]}"))
    for style, label in rows:
        key.add_patch(Rectangle((0, y), sw, sh, linewidth=style.pop("linewidth", BORDER_WIDTH),
                                **style))
        key.text(sw + 0.08, y + sh / 2, label, ha="left", va="center", fontsize=_FONT,
                 gid="legenda-klasa")
        y += sh + 0.05
    y += 0.15
    key.text(0, y, "Gminy", ha="left", va="top", fontsize=_FONT, fontweight="bold")
    y += _LINE
    # One text a row, "number, en space, name", the numbers right-aligned by figure spaces
    # (U+2007, as wide as a digit): half the texts of a number and a name apart, and text is
    # most of a map's drawing time. The bold row of the highlighted gmina (bold digits are
    # wider) is set as two texts at the columns the normal rows have.
    width = len(str(len(order)))
    prop = FontProperties(size=_FONT)
    digits_w = text_to_path.get_text_width_height_descent(FIGURE_SPACE * width, prop,
                                                          ismath=False)[0] / 72
    gap_w = text_to_path.get_text_width_height_descent(FIGURE_SPACE * width + EN_SPACE, prop,
                                                       ismath=False)[0] / 72 - digits_w
    x0 = 0.05
    indent = FIGURE_SPACE * width + EN_SPACE
    for code, lines in zip(order, key_lines):
        number = str(numbers[code])
        # Baselines (not tops) aligned: a line with an accent (Żelazków) is taller.
        if code == highlight:
            key.text(x0 + digits_w, y + _ASCENT, number, ha="right", va="baseline",
                     fontsize=_FONT, fontweight="bold")
            key.text(x0 + digits_w + gap_w, y + _ASCENT, "\n".join(lines), ha="left",
                     va="baseline", fontsize=_FONT, fontweight="bold", linespacing=1.35,
                     gid=f"{KEY_GID}-{code}")
        else:
            text = "\n".join([FIGURE_SPACE * (width - len(number)) + number + EN_SPACE + lines[0]]
                             + [indent + line for line in lines[1:]])
            key.text(x0, y + _ASCENT, text, ha="left", va="baseline", fontsize=_FONT,
                     linespacing=1.35, gid=f"{KEY_GID}-{code}")
        y += len(lines) * _LINE


def _note(pmap: PowiatMap, data, numbers, names, no_data, decimals) -> list[str]:
    parts = []
    if no_data:
        # a no-break space keeps a number with its name when the note wraps
        listed = ", ".join(f"{numbers[c]}\u00a0{names[c]}" for c in no_data)
        parts.append(f"Brak danych dla {_plural_gmina(len(no_data))}: {listed}.")
    if pmap.without_polygon:
        listed = "; ".join(f"{numbers[c]}\u00a0{names[c]}: {fmt_number(data[c], decimals)}"
                           + _inside(pmap, c, numbers, names) for c in pmap.without_polygon)
        n = len(pmap.without_polygon)
        head = ("Gmina bez własnego obszaru na mapie (nie ma jej w użytym pliku granic)"
                if n == 1 else
                "Gminy bez własnego obszaru na mapie (nie ma ich w użytym pliku granic)")
        parts.append(f"{head}: {listed}.")
    return [line for part in parts for line in _wrap(part, _WRAP_NOTE)]


def _inside(pmap: PowiatMap, code: str, numbers, names) -> str:
    if code not in pmap.inside:
        return ""
    parent, year = pmap.inside[code]
    return (f" (jej teren jest na mapie częścią gminy {numbers[parent]}\u00a0{names[parent]}, "
            f"z której ją wydzielono w {year}\u00a0r.)")


def _source_line(source: str, credit: str) -> list[str]:
    s = (source or "").strip().rstrip(".")
    if s and not s.lower().startswith("źródło"):
        s = f"Źródło: {s}"
    text = f"{s}; {credit}." if s else f"Źródło: {credit}."
    return _wrap(text, _WRAP_NOTE)
