"""Benchmark of the gmina map (``strategy.maps.gmina_map``): what one map adds to a document.

Run: ``.venv/bin/python bench/bench_maps.py [--repeat N] [--powiaty 3007,1207,...]``.
For each powiat: the map of made-up values (one gmina without data, the first gmina
highlighted) drawn ``--repeat`` times; timed apart are building the figure (``gmina_map``) and
turning it into PNG (``charts.figure_to_png``: drawing and encoding), with the ranking chart of
the same values (``charts.ranking_chart``, the bar chart a diagnosis already has) for scale.
Once per process: importing the map modules, the units registry and reading the shipped
boundary layers (cached afterwards). Then what maps add to a gmina's diagnosis document of the
demo powiat (``--gmina``, data/raw/demo): ``diagnose`` and ``build_diagnoza`` with the maps and
without them (``diagnose(..., maps=False)``), the two run alternately ``--repeat`` times after
one warm-up each, medians side by side with their difference and ratio. Prints tables and
writes ``bench/maps.json``. Not a test: timings depend on the machine and its load.
"""
from __future__ import annotations

import argparse
import json
import math
import platform
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

_t0 = time.perf_counter()
from strategy import charts, geo, maps
from strategy.diagnosis import diagnose
from strategy.documents.builders import build_diagnoza
from strategy.ingest.loading import load_inputs
from strategy.units import default_registry

IMPORT_S = time.perf_counter() - _t0
DEFAULT_POWIATY = "3007,1207,0607,1206"
DEMO_POWIAT = "3007"
DEFAULT_GMINA = "3007083"


def _values(gminas: list[str]) -> dict[str, float]:
    """Made-up values, the same every run: spread out, the fourth gmina without data."""
    out = {code: round(20 + 37.3 * ((i * 7) % len(gminas)) / len(gminas), 1)
           for i, code in enumerate(gminas)}
    if len(gminas) > 3:
        out[gminas[3]] = math.nan
    return out


def _ms(samples: list[float]) -> float:
    return round(1000 * statistics.median(samples), 1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--powiaty", default=DEFAULT_POWIATY)
    ap.add_argument("--gmina", default=DEFAULT_GMINA,
                    help="gmina of the demo powiat whose diagnosis document is built")
    ap.add_argument("--out", default=str(HERE / "maps.json"))
    args = ap.parse_args()

    t = time.perf_counter()
    registry = default_registry()
    registry_s = time.perf_counter() - t
    t = time.perf_counter()
    boundaries = geo.load_boundaries(registry=registry)
    load_s = time.perf_counter() - t

    rows = []
    for powiat in [p.strip() for p in args.powiaty.split(",") if p.strip()]:
        gminas = [u.teryt for u in registry.gminas_of(powiat)]
        values = _values(gminas)
        labels = {c: registry.display_name(c) for c in gminas}
        build, png, ranking = [], [], []
        size = None
        for _ in range(args.repeat):
            t = time.perf_counter()
            fig = maps.gmina_map(values, powiat, unit="osoby na 1000 mieszkańców",
                                 source="GUS BDL", highlight=gminas[0],
                                 boundaries=boundaries, registry=registry)
            t1 = time.perf_counter()
            data = charts.figure_to_png(fig, close=True)
            t2 = time.perf_counter()
            charts.chart_png(charts.ranking_chart, "", values, gminas[0], None, "worse",
                             "osoby na 1000 mieszkańców", "GUS BDL", labels=labels)
            t3 = time.perf_counter()
            build.append(t1 - t)
            png.append(t2 - t1)
            ranking.append(t3 - t2)
            size = len(data)
        rows.append({"powiat": powiat, "gmin": len(gminas), "figura_ms": _ms(build),
                     "png_ms": _ms(png), "mapa_ms": _ms([a + b for a, b in zip(build, png)]),
                     "wykres_rankingu_ms": _ms(ranking), "png_kB": round(size / 1024, 1)})

    once = {"import_s": round(IMPORT_S, 2), "rejestr_s": round(registry_s, 2),
            "granice_s": round(load_s, 2)}
    print(f"raz na proces: import {once['import_s']} s, rejestr TERC {once['rejestr_s']} s, "
          f"granice (odczyt pyogrio + EPSG:2180) {once['granice_s']} s")
    head = ["powiat", "gmin", "figura_ms", "png_ms", "mapa_ms", "wykres_rankingu_ms", "png_kB"]
    print(" | ".join(f"{h:>18}" for h in head))
    for r in rows:
        print(" | ".join(f"{r[h]!s:>18}" for h in head))
    doc = _document_row(args.gmina, args.repeat)
    for name, what in (("", "czas"), ("cpu_", "czas procesora")):
        print(f"diagnoza gminy {doc['gmina']} (DOCX, dane demonstracyjne), {what}: bez map "
              f"{doc[name + 'bez_map_s']} s, z mapami ({doc['map']}) "
              f"{doc[name + 'z_mapami_s']} s; różnica {doc[name + 'roznica_s']} s "
              f"({doc[name + 'na_mape_s']} s na mapę), stosunek {doc[name + 'stosunek']}")
    result = {"what": "gmina map: figure + PNG per map (median), one-time loads; a gmina's "
                      "diagnosis document with and without maps (median, alternately)",
              "repeat": args.repeat, "once": once, "maps": rows, "diagnoza": doc,
              "python": platform.python_version(), "machine": platform.machine(),
              "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n",
                              encoding="utf-8")
    print(f"zapisano {args.out}")
    return 0


def _document_row(gmina: str, repeat: int) -> dict:
    """Time diagnose + build_diagnoza of ``gmina`` with and without maps (alternately), wall
    and CPU time of the process (the CPU time is less sensitive to other work on the
    machine)."""
    store, problems, _ = load_inputs([ROOT / "data" / "raw" / "demo"], powiat=DEMO_POWIAT)
    if problems:
        raise SystemExit(f"dane demonstracyjne z problemami: {problems}")
    out = HERE / "_work"
    out.mkdir(exist_ok=True)
    wall = {True: [], False: []}
    cpu = {True: [], False: []}
    n_maps = 0
    for i in range(repeat + 1):                       # the first round warms both up
        for with_maps in (False, True):
            t, c = time.perf_counter(), time.process_time()
            d = diagnose(gmina, store, maps=with_maps)
            build_diagnoza(d, out / f"diagnoza_{'mapy' if with_maps else 'bez'}.docx")
            if i:
                wall[with_maps].append(time.perf_counter() - t)
                cpu[with_maps].append(time.process_time() - c)
            if with_maps:
                n_maps = sum(k.startswith("mapa_") for k in d.figures)
    row = {"gmina": gmina, "map": n_maps}
    for name, samples in (("", wall), ("cpu_", cpu)):
        without, with_ = statistics.median(samples[False]), statistics.median(samples[True])
        row.update({f"{name}bez_map_s": round(without, 2), f"{name}z_mapami_s": round(with_, 2),
                    f"{name}roznica_s": round(with_ - without, 2),
                    f"{name}na_mape_s": round((with_ - without) / max(n_maps, 1), 3),
                    f"{name}stosunek": round(with_ / without, 2)})
    return row


if __name__ == "__main__":
    sys.exit(main())
