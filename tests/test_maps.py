"""Maps of a powiat's gminas (strategy.maps) on the boundaries of strategy.geo.

The map is read back from its PNG: the pixel at an interior point of each gmina (its
``representative_point()`` away from the number drawn on it, turned into pixels with the map
axes' transform) must have the colour of the class its value belongs to. Expected classes and
labels come from values chosen so the natural breaks are obvious by hand.
"""
from __future__ import annotations

import io
import itertools
import math
import struct

import matplotlib.colors as mcolors
import numpy as np
import pytest
from PIL import Image
from shapely.geometry import box

from strategy import caches, charts, geo, maps
from strategy.units import default_registry

KALISKI = "3007"
# Gminas of powiat kaliski (current codes) in code order: their numbers on the map are 1..11.
KALISKI_GMINAS = ["3007012", "3007022", "3007032", "3007042", "3007053", "3007062", "3007072",
                  "3007083", "3007093", "3007102", "3007112"]
# Five obvious clusters (pairs) and one gmina without data: natural breaks are the pairs.
VALUES = {"3007012": 1, "3007022": 2, "3007032": 10, "3007052": 11,   # Koźminek by its old code
          "3007062": 20, "3007072": 21, "3007083": 30, "3007093": 31, "3007102": 40,
          "3007112": 41, "3007042": math.nan}
CLASS_OF = {"3007012": 0, "3007022": 0, "3007032": 1, "3007053": 1, "3007062": 2,
            "3007072": 2, "3007083": 3, "3007093": 3, "3007102": 4, "3007112": 4}
BLUES5 = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]   # ColorBrewer Blues, 5


@pytest.fixture(scope="module")
def registry():
    return default_registry()


@pytest.fixture(scope="module")
def boundaries(registry):
    return geo.load_boundaries(registry=registry)


@pytest.fixture(scope="module")
def kaliski_map(boundaries, registry):
    fig = maps.mapa_gmin(VALUES, KALISKI, unit="osoby na 1000 mieszkańców",
                         source="GUS BDL, 2024", highlight="3007083", boundaries=boundaries,
                         registry=registry)
    return fig, charts.figure_to_png(fig)


def rgb(color) -> tuple[int, int, int]:
    return tuple(round(c * 255) for c in mcolors.to_rgb(color))


def luma(color) -> float:
    r, g, b = mcolors.to_rgb(color)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def png_chunks(data: bytes) -> list[bytes]:
    out, pos = [], 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        out.append(kind)
        pos += 12 + length
    return out


def sample_point(fig, ax, geom, label_gid: str):
    """Return (column, row) in the PNG of an interior point of ``geom``: the representative
    point of the polygon shrunk by 8 px (off borders and the outline of the highlighted
    gmina), without the box of the number drawn on it."""
    renderer = fig.canvas.get_renderer()
    label = next(t for t in ax.texts if t.get_gid() == label_gid)
    bb = label.get_window_extent(renderer=renderer).expanded(1.0, 1.0)
    inv = ax.transData.inverted()
    (x0, y0), (x1, y1) = inv.transform([(bb.x0 - 4, bb.y0 - 4), (bb.x1 + 4, bb.y1 + 4)])
    px_size = abs(inv.transform((8, 0))[0] - inv.transform((0, 0))[0])   # 8 px in metres
    region = geom.buffer(-px_size).difference(box(x0, y0, x1, y1))
    p = region.representative_point()
    x, y = ax.transData.transform((p.x, p.y))
    height = fig.get_size_inches()[1] * fig.dpi
    return int(x), int(round(height) - y)


# ---- classes ---------------------------------------------------------------------------------

def test_natural_breaks_find_the_obvious_groups():
    cls = maps.classify([1, 2, 3, 10, 11, 12, 30], k=3)
    assert cls.ranges == [(1, 3), (10, 12), (30, 30)]
    assert cls.labels == ["1\u20133", "10\u201312", "30"]          # en dash, one value alone
    assert cls.colors == ["#deebf7", "#9ecae1", "#3182bd"]


def test_quantiles_keep_equal_values_together():
    # 8 values, 2 classes: the four 1s have middle rank 2 of 8 -> class 0; 2 has 4.5 -> class 1
    cls = maps.classify([1, 1, 1, 1, 2, 3, 4, 5], k=2, method="quantiles")
    assert cls.ranges == [(1, 1), (2, 5)]


def test_class_count_at_most_five_and_at_most_half_the_gminas():
    assert len(maps.classify(range(11)).ranges) == 5
    assert len(maps.classify([1, 2, 3]).ranges) == 2               # ceil(3 / 2)
    assert len(maps.classify([7, 7, 7, 7]).ranges) == 1            # one distinct value
    assert len(maps.classify(range(30), k=9).ranges) == 5


def test_labels_polish_numbers_and_decimals_that_tell_classes_apart():
    cls = maps.classify([0.12, 0.14, 0.51, 0.55], k=2)
    # one decimal would print the first class as "0,1-0,1": two are needed
    assert cls.labels == ["0,12\u20130,14", "0,51\u20130,55"] and cls.decimals == 2
    assert maps.range_label(1234.5, 12345, 1) == "1234,5 \u2013 12\u00a0345,0"


def test_palettes_get_darker_class_by_class_also_in_grayscale():
    for k, colors in maps.PALETTES.items():
        assert len(colors) == k
        lumas = [luma(c) for c in colors]
        assert all(a - b >= 0.1 for a, b in itertools.pairwise(lumas)), (k, lumas)
        assert all(luma(c) < luma(maps.NO_DATA_FACE) for c in colors)


# ---- boundaries ------------------------------------------------------------------------------

def test_shipped_layer_maps_2020_codes_to_current_ones(boundaries):
    # the shipped layer has Koźminek as 3007052 (before its town rights of 2024)
    row = boundaries.gminas.loc["3007053"]
    assert row["source_code"] == "3007052"
    assert boundaries.gminas.crs.to_epsg() == 2180
    assert "3007052" not in boundaries.gminas.index


def test_a_gmina_without_polygon_is_listed(boundaries, registry):
    pm = geo.powiat_map("1207", boundaries=boundaries, registry=registry)
    assert pm.without_polygon == ["1207132"]                        # Szczawa, created 2025
    assert pm.order[-1] == "1207132" and len(pm.order) == 13
    assert list(pm.gminas.index) == pm.order[:-1]
    assert pm.inside == {"1207132": ("1207052", 2025)}            # carved out of Kamienica


def test_a_city_with_powiat_rights_gets_a_polish_error(boundaries, registry):
    with pytest.raises(geo.GeoError, match="miasto na prawach powiatu"):
        maps.mapa_gmin({"3061011": 5.0}, "3061", boundaries=boundaries, registry=registry)


def test_values_of_other_units_are_refused(boundaries, registry):
    with pytest.raises(geo.GeoError, match="nie są gminami powiatu 3007.*1207052"):
        maps.mapa_gmin({"3007012": 1.0, "1207052": 2.0}, KALISKI, boundaries=boundaries,
                       registry=registry)


# ---- the picture -----------------------------------------------------------------------------

def test_each_gmina_has_the_colour_of_its_class(kaliski_map, boundaries):
    fig, png = kaliski_map
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size == (1260, round(fig.get_size_inches()[1] * 200))
    ax = fig.axes[0]
    for code, cls in CLASS_OF.items():
        geom = boundaries.gminas.geometry.loc[code]
        col, row = sample_point(fig, ax, geom, f"gmina-{code}")
        assert image.getpixel((col, row)) == rgb(BLUES5[cls]), code


def test_a_gmina_without_data_is_hatched_and_named_in_the_note(kaliski_map, boundaries):
    fig, png = kaliski_map
    image = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    col, row = sample_point(fig, fig.axes[0], boundaries.gminas.geometry.loc["3007042"],
                            "gmina-3007042")
    patch = {tuple(int(v) for v in px) for px in image[row - 8:row + 8, col - 8:col + 8]
             .reshape(-1, 3)}
    assert (255, 255, 255) in patch                                  # white ground
    assert any(sum(px) < 3 * 160 for px in patch)                    # dark hatch lines
    assert not patch & {rgb(c) for c in BLUES5}                       # no class colour
    note = next(t for t in fig.texts if t.get_gid() == maps.NOTE_GID)
    assert note.get_visible()
    assert "Brak danych dla gminy: 4\u00a0Godziesze Wielkie." in note.get_text()


def test_legend_key_and_source(kaliski_map):
    fig, _ = kaliski_map
    key = fig.axes[1]
    labels = [t.get_text() for t in key.texts if t.get_gid() == "legenda-klasa"]
    assert labels == ["1\u20132", "10\u201311", "20\u201321", "30\u201331", "40\u201341",
                      "brak danych", "8 Opatówek"]
    unit = next(t for t in key.texts if t.get_gid() == "legenda-jednostka")
    assert unit.get_text() == "osoby na 1000 mieszkańców"
    key_rows = {t.get_gid(): t.get_text() for t in key.texts
                if (t.get_gid() or "").startswith("klucz-")}
    assert len(key_rows) == 11
    # "number, en space, name"; one-digit numbers padded by a figure space to line up
    assert key_rows["klucz-3007053"] == "\u20075\u2002Koźminek"
    assert key_rows["klucz-3007102"] == "10\u2002Szczytniki"
    assert key_rows["klucz-3007083"] == "Opatówek"              # bold: number set apart
    bold = [t for t in key.texts if t.get_fontweight() == "bold"]
    assert sorted(t.get_text() for t in bold) == ["8", "Gminy", "Opatówek",
                                                  "osoby na 1000 mieszkańców"]
    numbers = {t.get_gid(): t.get_text() for t in fig.axes[0].texts}
    assert [numbers[f"gmina-{c}"] for c in KALISKI_GMINAS] == [str(i) for i in range(1, 12)]
    assert charts.chart_source(fig).startswith("Źródło: GUS BDL, 2024; granice gmin: PRG")
    assert any(p.get_gid() == "wyrozniona" for p in fig.axes[0].patches)


def test_same_data_same_png_bytes_without_metadata(kaliski_map, boundaries, registry):
    _, first = kaliski_map
    again = maps.mapa_gmin(dict(reversed(list(VALUES.items()))), KALISKI,
                           unit="osoby na 1000 mieszkańców", source="GUS BDL, 2024",
                           highlight="3007083", boundaries=boundaries, registry=registry)
    assert charts.figure_to_png(again) == first
    chunks = png_chunks(first)
    assert not {b"tEXt", b"iTXt", b"zTXt", b"tIME"} & set(chunks)


def test_gmina_without_polygon_is_named_with_its_value(boundaries, registry):
    values = {c.teryt: 10.0 + i for i, c in enumerate(registry.gminas_of("1207"))}
    values["1207132"] = 12.5
    fig = maps.mapa_gmin(values, "1207", boundaries=boundaries, registry=registry)
    note = next(t for t in fig.texts if t.get_gid() == maps.NOTE_GID).get_text()
    assert "Gmina bez własnego obszaru na mapie" in note
    # the changes list: Szczawa "carved out of 1207052 Kamienica (2025-01-01)", number 5 of 13
    assert ("13\u00a0Szczawa: 12,5 (jej teren jest na mapie częścią gminy 5\u00a0Kamienica, z "
            "której ją wydzielono w 2025\u00a0r.)") in note.replace("\n", " ")


def test_codes_stored_as_numbers_find_their_gmina(boundaries, registry):
    # Excel keeps 0201011 (Bolesławiec, gmina miejska) as the number 201011
    gminas = [u.teryt for u in registry.gminas_of("0201")]
    fig = maps.mapa_gmin({int(c): float(i) for i, c in enumerate(gminas)}, "0201",
                         boundaries=boundaries, registry=registry)
    note = next(t for t in fig.texts if t.get_gid() == maps.NOTE_GID)
    assert not note.get_visible()                                    # every gmina has data


def test_boundaries_and_powiat_maps_are_kept_until_the_caches_are_emptied(registry):
    first = geo.load_boundaries(registry=registry)
    assert geo.load_boundaries(registry=registry) is first          # codes mapped once
    pm = geo.powiat_map(KALISKI, registry=registry)
    assert geo.powiat_map(KALISKI, registry=registry) is pm
    caches.clear_all()                                              # the warm kernel's trim
    again = geo.load_boundaries(registry=registry)
    assert again is not first and again.gminas.equals(first.gminas)
    assert geo.powiat_map(KALISKI, registry=registry) is not pm
