"""Maps of gminas in the demo documents: the figures a diagnosis prepares and their place in
the DOCX.

Every map of the demo strategy (the powiat's diagnosis) and of every demo gmina diagnosis is
read back from its PNG: the pixel at an interior point of each gmina has a colour of the
palette, and the classes those colours stand for follow the values (a higher value never in a
lower class, equal values in one class, the lowest value in the first class and the highest in
the last, each value inside the range its class prints in the legend). The DOCX of a gmina's
diagnosis and of the strategy hold the map PNGs with a numbered caption and the source under
them.
"""
from __future__ import annotations

import io
import itertools
import math
import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from lxml import etree
from PIL import Image
from test_maps import BLUES5, rgb, sample_point

from strategy import charts, geo, maps
from strategy.diagnosis import diagnose, powiat_values
from strategy.documents.builders import build_diagnoza, build_strategia
from strategy.ingest.loading import load_inputs
from strategy.inputs.load import load_strategy
from strategy.plan import load_plan
from strategy.store import Store, conform
from strategy.text import wykresy
from strategy.units import default_registry

ROOT = Path(__file__).resolve().parents[1]
POWIAT = "3007"
GMINAS = ["3007012", "3007022", "3007032", "3007042", "3007053", "3007062", "3007072",
          "3007083", "3007093", "3007102", "3007112"]
DEMO = "DANE DEMONSTRACYJNE"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def store():
    s, problems, _ = load_inputs([ROOT / "data/raw/demo"], powiat=POWIAT)
    assert not problems
    return s


@pytest.fixture(scope="module")
def diagnoses(store):
    return {t: diagnose(t, store) for t in [POWIAT, *GMINAS]}


@pytest.fixture(scope="module")
def boundaries():
    return geo.load_boundaries(registry=default_registry())


def gmina_values(store, year: int, indicator: str) -> dict[str, float]:
    values, _ = powiat_values(store, POWIAT)
    v = values[(values["year"] == year) & (values["indicator"] == indicator)
               & (values["level"] == "gmina")]
    return dict(zip(v["teryt"], v["value"].astype(float)))


def test_each_demo_document_has_a_map_for_each_pressing_area(diagnoses):
    for teryt, d in diagnoses.items():
        rankings = [k[len("ranking_"):] for k in d.figures if k.startswith("ranking_")]
        map_keys = [k[len("mapa_"):] for k in d.figures if k.startswith("mapa_")]
        assert map_keys and map_keys == rankings, teryt
        for key in map_keys:
            fig = d.figures[f"mapa_{key}"]
            assert DEMO in fig.source and "granice gmin: PRG (GUGiK)" in fig.source
            assert " w gminach powiatu kaliskiego w 2024 r. – mapa" in fig.caption
            if d.kind == "gmina":
                assert fig.caption.endswith(f"(wyróżniona {d.unit_label})")
        assert d.no_map == ""


@pytest.mark.parametrize("teryt", [POWIAT, *GMINAS])
def test_map_colours_follow_the_classes_of_the_values(teryt, diagnoses, store, boundaries):
    d = diagnoses[teryt]
    palette = {rgb(c): c for k in maps.PALETTES for c in maps.PALETTES[k]}
    for key in [k for k in d.figures if k.startswith("mapa_")]:
        figure = d.figures[key]
        values = gmina_values(store, d.year, key[len("mapa_"):])
        known = {c: v for c, v in values.items() if not math.isnan(v)}
        assert len(known) >= 2
        mpl = figure.chart()
        png = charts.figure_to_png(mpl)
        assert png == figure.png                       # the same data give the same bytes
        image = Image.open(io.BytesIO(png)).convert("RGB")
        ax = mpl.axes[0]
        seen = {}
        for code in GMINAS:
            col, row = sample_point(mpl, ax, boundaries.gminas.geometry.loc[code],
                                    f"gmina-{code}")
            pixel = image.getpixel((col, row))
            assert pixel in palette, (key, code, pixel)
            seen[code] = palette[pixel]
        colors = maps.PALETTES[len(set(seen.values()))]
        assert set(seen.values()) == set(colors), key        # one palette, every class shown
        cls = {c: colors.index(col) for c, col in seen.items()}
        ordered = sorted(known, key=known.get)
        assert cls[ordered[0]] == 0 and cls[ordered[-1]] == len(colors) - 1
        for a, b in itertools.pairwise(ordered):
            assert cls[a] <= cls[b], (key, a, b)
            if known[a] == known[b]:
                assert cls[a] == cls[b]
        assert len(colors) <= min(5, math.ceil(len(known) / 2))
        classes = maps.classify(list(known.values()))
        for c, i in cls.items():
            lo, hi = classes.ranges[i]
            assert lo <= known[c] <= hi, (key, c)
        outlined = [p for p in ax.patches if p.get_gid() == "wyrozniona"]
        assert len(outlined) == (1 if d.kind == "gmina" else 0)


def test_a_gmina_without_data_is_hatched_and_named(store, boundaries):
    # Godziesze Wielkie (3007042) without its "Niebieskie Karty" of 2024: Blizanów's most
    # pressing area is violence, mapped by the cards per 10 thousand residents
    frame = store.frame
    gone = ((frame["teryt"] == "3007042") & (frame["year"] == 2024)
            & (frame["indicator"] == "niebieskie_karty"))
    assert gone.sum() == 1
    d = diagnose("3007012", Store(frame=frame.loc[~gone].reset_index(drop=True),
                                  demo=store.demo), year=2024)
    mpl = d.figures["mapa_niebieskie_karty_na_10tys"].chart()
    note = next(t for t in mpl.texts if t.get_gid() == maps.NOTE_GID)
    assert note.get_visible()
    assert "Brak danych dla gminy: 4\u00a0Godziesze Wielkie." in note.get_text()
    image = Image.open(io.BytesIO(charts.figure_to_png(mpl))).convert("RGB")
    col, row = sample_point(mpl, mpl.axes[0], boundaries.gminas.geometry.loc["3007042"],
                            "gmina-3007042")
    patch = {image.getpixel((x, y)) for x in range(col - 8, col + 8)
             for y in range(row - 8, row + 8)}
    assert (255, 255, 255) in patch and any(sum(px) < 3 * 160 for px in patch)
    assert not patch & {rgb(c) for c in BLUES5}


def test_a_city_with_powiat_rights_has_no_map_and_says_why(tmp_path):
    registry = default_registry()
    assert registry.get("3064").city_rights                # Poznań
    city = next(u.teryt for u in registry.gminas_of("3064"))
    rows = [(city, y, "ludnosc", 500000.0 + y) for y in range(2018, 2025)]
    rows += [(city, y, "beneficjenci", 9000.0 + 10 * y) for y in range(2018, 2025)]
    frame = pd.DataFrame(rows, columns=["teryt", "year", "indicator", "value"])
    s = Store(frame=conform(frame.assign(unit="", source="", flag="")), demo=False)
    d = diagnose(city, s)
    assert not [k for k in d.figures if k.startswith("mapa_")]
    name = registry.name("3064")
    assert d.no_map == wykresy.no_map_city(name)
    assert d.no_map.startswith(f"Mapy gmin powiatu nie zamieszczono: {name} jest miastem na "
                               "prawach powiatu")
    paras, _ = _captions_and_pictures(build_diagnoza(d, tmp_path / "diagnoza.docx"))
    assert [t for t, _ in paras if t.startswith("Mapy gmin")] == [d.no_map]
    assert not [t for t, _ in paras if "– mapa" in t]


def _captions_and_pictures(path: Path):
    """Return the document's paragraphs in order as (text, has_picture) and its PNG media."""
    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        media = [z.read(n) for n in z.namelist() if n.startswith("word/media/")]
    paras = [("".join(t.text or "" for t in p.iter(f"{W}t")),
              any(True for _ in p.iter(f"{W}drawing"))) for p in body.iter(f"{W}p")]
    return paras, media


def _assert_maps_placed(path: Path, figures) -> None:
    paras, media = _captions_and_pictures(path)
    for fig in figures:
        assert fig.png in media
        at = [i for i, (text, _) in enumerate(paras)
              if re.fullmatch(r"Wykres \d+\. " + re.escape(fig.caption),
                                  text.replace("\u00a0", " "))]   # typeset: "2024 r."
        assert len(at) == 2, fig.caption                 # the list of figures, the caption
        i = at[-1]
        assert paras[i + 1][1]                          # the picture under the caption
        assert DEMO in paras[i + 2][0] and "granice gmin" in paras[i + 2][0]


def test_gmina_diagnosis_docx_holds_its_maps(diagnoses, tmp_path):
    d = diagnoses["3007083"]
    out = build_diagnoza(d, tmp_path / "diagnoza.docx")
    _assert_maps_placed(out, [f for k, f in d.figures.items() if k.startswith("mapa_")])


def test_strategy_docx_holds_a_map_per_priority_area(store, tmp_path):
    plan = load_plan(ROOT / "data/raw/plany/DANE_DEMONSTRACYJNE_3007_strategia.yaml")
    inputs = load_strategy(store, plan)
    out = build_strategia(inputs, tmp_path / "strategia.docx")
    d = inputs.diagnosis
    figures = [f for k, f in d.figures.items() if k.startswith("mapa_")]
    assert len(figures) == len([k for k in d.figures if k.startswith("ranking_")]) >= 1
    _assert_maps_placed(out, figures)


def test_a_powiat_without_boundaries_gets_no_map_and_the_document_says_so(
        store, tmp_path, monkeypatch, capsys):
    # The project's own boundaries (strategy granice) cover powiat kraśnicki only: the demo
    # powiat kaliski has no polygons there. The diagnosis is made without maps, and says why.
    layer = geo.load_boundaries(registry=default_registry())
    only_0607 = layer.gminas[layer.gminas["teryt"].str.startswith("0607")]
    assert len(only_0607) == 10
    src = tmp_path / "granice_0607.geojson"
    only_0607.reset_index(drop=True)[["teryt", "geometry"]].to_crs(4326).to_file(
        src, driver="GeoJSON")
    monkeypatch.chdir(tmp_path)
    geo.install_boundaries(geo.read_boundary_file(src))
    d = diagnose("3007083", store)
    assert not [k for k in d.figures if k.startswith("mapa_")]
    assert [k for k in d.figures if k.startswith("ranking_")]     # the other charts stay
    assert d.no_map == ("Mapy gmin powiatu kaliskiego nie zamieszczono: brak danych o granicach "
                        "gmin tego powiatu.")
    assert "brak granic gmin powiatu 3007" in capsys.readouterr().err
    paras, _ = _captions_and_pictures(build_diagnoza(d, tmp_path / "diagnoza.docx"))
    assert [t for t, _ in paras if t.startswith("Mapy gmin")] == [d.no_map]
