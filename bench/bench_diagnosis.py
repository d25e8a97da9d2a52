"""Benchmark of the diagnosis: one gmina and the whole demo powiat, charts included.

Run: ``.venv/bin/python bench/bench_diagnosis.py [--repeat N] [--gmina TERC]``.
Uses ``data/processed/indicators.parquet`` if present, otherwise builds the store in memory from
``data/raw/demo``. Prints a table (median and minimum in seconds) and writes
``bench/diagnosis.json``. Not a test: timings depend on the machine and its load.

Cases:
* ``compute_values`` - derived values and powiat aggregates of the powiat (once per store);
* ``gmina (zimny start)`` - a fresh store object, so compute_values is included;
* ``gmina (wartości w pamięci)`` - the powiat values already cached for the store;
* ``gmina bez wykresów`` - the analysis and sentences alone;
* ``cały powiat`` - 11 gminas and the powiat on a fresh store object.
"""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from strategy.analysis.derive import compute_values  # noqa: E402
from strategy.diagnosis import diagnose  # noqa: E402
from strategy.store import load  # noqa: E402
from strategy.units import default_registry  # noqa: E402


def _store():
    path = ROOT / "data" / "processed" / "indicators.parquet"
    if path.exists():
        return load(path), str(path.relative_to(ROOT))
    from strategy.loading import load_inputs
    store, problems, _ = load_inputs(ROOT / "data" / "raw" / "demo")
    if problems:
        raise SystemExit(f"dane demonstracyjne mają błędy: {problems[0]}")
    return store, "data/raw/demo (w pamięci)"


def _time(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Pomiar czasu diagnozy gminy i powiatu.")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--gmina", default="3007012")
    ap.add_argument("--out", default=str(ROOT / "bench" / "diagnosis.json"))
    args = ap.parse_args(argv)
    store, source = _store()
    powiat = args.gmina[:4]
    units = [u.teryt for u in default_registry().gminas_of(powiat)] + [powiat]
    diagnose(args.gmina, store)            # warm-up: imports, fonts, caches of the libraries

    def fresh():
        return replace(store, frame=store.frame.copy())   # a new object: nothing cached

    counts = {}

    def one_gmina_cold():
        d = diagnose(args.gmina, fresh())
        counts["figures_gmina"] = len(d.figures)

    def whole_powiat():
        s = fresh()
        counts["figures_powiat"] = sum(len(diagnose(t, s).figures) for t in units)

    cases = {
        "compute_values": lambda: compute_values(store.frame, powiat),
        "gmina (zimny start)": one_gmina_cold,
        "gmina (wartości w pamięci)": lambda: diagnose(args.gmina, store),
        "gmina bez wykresów": lambda: diagnose(args.gmina, store, charts=False),
        f"cały powiat ({len(units)} jednostek)": whole_powiat,
    }
    results = {}
    for name, fn in cases.items():
        times = _time(fn, args.repeat if "powiat (" not in name else max(2, args.repeat // 2))
        results[name] = {"median_s": statistics.median(times), "min_s": min(times),
                         "runs": len(times)}
    width = max(len(n) for n in results) + 2
    print(f"Dane: {source}; gmina {args.gmina}; wykresy: gmina {counts.get('figures_gmina')}, "
          f"powiat łącznie {counts.get('figures_powiat')}")
    print(f"{'przypadek':<{width}}{'mediana [s]':>12}{'min [s]':>10}{'powt.':>7}")
    for name, r in results.items():
        print(f"{name:<{width}}{r['median_s']:>12.3f}{r['min_s']:>10.3f}{r['runs']:>7}")
    out = {"source": source, "gmina": args.gmina, "python": platform.python_version(),
           "machine": platform.machine(), "cpus": __import__("os").cpu_count(),
           "figures": counts, "results": results,
           "time": time.strftime("%Y-%m-%dT%H:%M:%S")}
    Path(args.out).write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n",
                              encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
