"""Benchmark of the diagnosis: one gmina and the whole demo powiat, charts included.

Run: ``.venv/bin/python bench/bench_diagnosis.py [--repeat N] [--gmina TERC] [--compare REV]``.
Uses ``data/processed/indicators.parquet`` if present, otherwise builds the store in memory from
``data/raw/demo``. Prints a table (median and minimum in seconds) and writes
``bench/diagnosis.json``. Not a test: timings depend on the machine and its load.

Cases:
* ``compute_values`` - derived values and powiat aggregates of the powiat (once per store);
* ``gmina (zimny start)`` - a fresh store object, so compute_values is included, and the text
  caches of the charts emptied (as in a new kernel);
* ``gmina (wartości w pamięci)`` - the powiat values already cached for the store;
* ``gmina bez wykresów`` - the analysis and sentences alone;
* ``gmina, jeden wykres`` - the whole diagnosis, one figure drawn (a document that shows only the
  reasons for assistance);
* ``cały powiat`` - 11 gminas and the powiat on a fresh store object, text caches emptied
  first (a batch worker's kernel keeps them from one notebook to the next);
* ``wykres (średnio)`` - the mean time of one chart, from the charts of the whole powiat
  (``--compare``), or ``wykres (średnio, z gminy)``: the gmina with its charts minus the gmina
  without them, per chart.

``--compare REV`` also times each kind of chart on its own (the charts of the whole powiat,
their inputs taken from the diagnoses, drawn one after another in both versions alternately):
``wykresy: <rodzaj>`` per chart, with the text caches kept between repetitions as a batch
worker's kernel keeps them, and ``wykresy: wszystkie (zimny start)`` with them emptied first.

``--compare REV`` times, in the same process, ``strategy.charts`` (with its drawing end
``strategy.charts_agg`` where REV has one) and ``strategy.diagnosis`` as they are in the git
revision REV ("przed") against the working tree ("po"), alternating the two in every repetition
so that the load of the machine falls on both alike; it also counts the charts whose pixels are
the same in both (for information: a change of drawing may change pixels). Each version draws
its charts as its diagnosis does (the working tree: into the figure kept for each kind, then
``figure_to_png``). Run it on a quiet machine and look at the minimums as well.
"""
from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import strategy  # noqa: E402
import strategy.charts  # noqa: E402
import strategy.diagnosis  # noqa: E402
from strategy.analysis.derive import compute_values  # noqa: E402
from strategy.caches import clear_all as clear_caches  # noqa: E402
from strategy.diagnosis import diagnose  # noqa: E402
from strategy.store import load  # noqa: E402
from strategy.units import default_registry  # noqa: E402


def _store():
    path = ROOT / "data" / "processed" / "indicators.parquet"
    if path.exists():
        return load(path), str(path.relative_to(ROOT))
    from strategy.ingest.loading import load_inputs
    store, problems, _ = load_inputs(ROOT / "data" / "raw" / "demo")
    if problems:
        raise SystemExit(f"dane demonstracyjne mają błędy: {problems[0]}")
    return store, "data/raw/demo (w pamięci)"


def _drawn(d):
    """Return the diagnosis with every figure drawn (figures are drawn when first read)."""
    for f in d.figures.values():
        assert f.png[:8] == b"\x89PNG\r\n\x1a\n"
    return d


def _time(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def _module_at(rev: str, name: str):
    """Return ``strategy.<name>`` as it is in git revision ``rev``, loaded under a private name."""
    src = subprocess.run(["git", "show", f"{rev}:src/strategy/{name}.py"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    full = f"strategy._bench_{name}_{rev.replace('~', '_').replace('^', '_')}"
    spec = importlib.util.spec_from_loader(full, loader=None, origin=f"{rev}:{name}.py")
    mod = importlib.util.module_from_spec(spec)
    mod.__package__ = "strategy"
    sys.modules[full] = mod
    exec(compile(src, f"{rev}:src/strategy/{name}.py", "exec"), mod.__dict__)
    return mod


@contextlib.contextmanager
def _charts_as(module):
    """Make ``from . import charts`` inside strategy.diagnosis return ``module``."""
    saved = strategy.charts
    strategy.charts, sys.modules["strategy.charts"] = module, module
    try:
        yield
    finally:
        strategy.charts, sys.modules["strategy.charts"] = saved, saved


def _pixels(png: bytes):
    from PIL import Image
    import numpy as np
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


def _same_pictures(a, b) -> tuple[int, int]:
    """Return (figures with equal pixels, figures compared) of two diagnoses."""
    same = 0
    for key in a.figures:
        if key in b.figures:
            pa, pb = _pixels(a.figures[key].png), _pixels(b.figures[key].png)
            same += int(pa.shape == pb.shape and bool((pa == pb).all()))
    return same, len(set(a.figures) | set(b.figures))


def _charts_at(rev: str):
    """Return ``strategy.charts`` of ``rev`` (with ``strategy.charts_agg`` of ``rev`` if it
    has one) and the function emptying its caches."""
    try:
        agg = _module_at(rev, "charts_agg")
    except subprocess.CalledProcessError:      # a revision without charts_agg
        return _module_at(rev, "charts"), clear_caches
    saved = sys.modules.get("strategy.charts_agg")
    sys.modules["strategy.charts_agg"] = agg
    try:
        return _module_at(rev, "charts"), agg.clear_caches
    finally:
        if saved is None:
            sys.modules.pop("strategy.charts_agg")
        else:
            sys.modules["strategy.charts_agg"] = saved


def _png(charts, fn, args, kwargs) -> bytes:
    """Draw one chart as the diagnosis of that version does: chart functions that return PNG
    bytes (before) or a Figure drawn into the figure kept for its kind (now)."""
    out = fn(*args, **kwargs) if not hasattr(charts, "chart_png") else \
        charts.chart_png(fn, *args, **kwargs)
    assert out[:8] == b"\x89PNG\r\n\x1a\n"
    return out


def _chart_calls(diag, charts, units, store) -> list[tuple[str, tuple, dict]]:
    """Return (chart function name, arguments) of every figure of the units' diagnoses, as the
    diagnosis prepares them (figures are drawn when first read)."""
    calls = []
    with _charts_as(charts):
        for teryt in units:
            for f in diag(teryt, store).figures.values():
                draw = getattr(f, "draw", None) or f._draw
                calls.append((draw.func.__name__, draw.args, draw.keywords))
    return calls


def _chart_kinds(paths, calls, repeat: int) -> dict:
    """Time each kind of chart in both versions, alternating; per chart, in seconds."""
    kinds = sorted({name for name, _, _ in calls["po"]})
    times = {}
    for i in range(max(repeat, 2)):
        for which in (("przed", "po") if i % 2 == 0 else ("po", "przed")):
            _, charts, clear = paths[which]
            for cold in (False, True):
                if cold:
                    clear()
                spent = dict.fromkeys(kinds, 0.0)
                start = time.perf_counter()
                for name, a, kw in calls[which]:
                    t = time.perf_counter()
                    _png(charts, getattr(charts, name), a, kw)
                    spent[name] += time.perf_counter() - t
                total = (time.perf_counter() - start) / len(calls[which])
                if cold:
                    times.setdefault(("wykresy: wszystkie (zimny start)", which), []).append(total)
                    continue
                times.setdefault(("wykresy: wszystkie", which), []).append(total)
                for name in kinds:
                    n = sum(1 for c in calls[which] if c[0] == name)
                    times.setdefault((f"wykresy: {name} ({n})", which), []).append(
                        spent[name] / n)
    results = {}
    for (case, which), ts in times.items():
        results.setdefault(case, {})[which] = {"median_s": statistics.median(ts),
                                               "min_s": min(ts), "runs": len(ts)}
    return results


def compare(args, store, source, units) -> int:
    old_diag = _module_at(args.compare, "diagnosis")
    old_charts, old_clear = _charts_at(args.compare)
    paths = {"przed": (old_diag.diagnose, old_charts, old_clear),
             "po": (diagnose, strategy.charts, clear_caches)}

    def run(which, fn):
        diag, charts, clear = paths[which]
        with _charts_as(charts):
            return fn(diag, clear)

    def fresh():
        return replace(store, frame=store.frame.copy())

    cases = {
        "gmina (zimny start)": lambda d, clear: clear() or _drawn(d(args.gmina, fresh())),
        "gmina (wartości w pamięci)": lambda d, clear: _drawn(d(args.gmina, store)),
        "gmina bez wykresów": lambda d, clear: d(args.gmina, store, charts=False),
        "gmina, jeden wykres":
            lambda d, clear: d(args.gmina, store).figures["powody_pomocy"].png,
        f"cały powiat ({len(units)} jednostek)":
            lambda d, clear: clear() or [_drawn(d(t, s)) for s in [fresh()] for t in units],
    }
    # warm-up as well
    checked = {w: run(w, lambda d, clear: _drawn(d(args.gmina, store))) for w in paths}
    same, total = _same_pictures(checked["przed"], checked["po"])
    times = {(c, w): [] for c in cases for w in paths}
    n_figures = 0
    for i in range(args.repeat):
        for case, fn in cases.items():
            if "powiat (" in case and i >= max(2, args.repeat // 2):
                continue
            for which in (("przed", "po") if i % 2 == 0 else ("po", "przed")):
                t = time.perf_counter()
                out = run(which, fn)
                times[(case, which)].append(time.perf_counter() - t)
                if "powiat (" in case and which == "po":
                    n_figures = sum(len(d.figures) for d in out)
    results = {}
    for case in cases:
        row = {}
        for w in paths:
            ts = times[(case, w)]
            row[w] = {"median_s": statistics.median(ts), "min_s": min(ts), "runs": len(ts)}
        results[case] = row
    calls = {w: _chart_calls(paths[w][0], paths[w][1], units, store) for w in paths}
    same_charts = 0
    for old, new in zip(calls["przed"], calls["po"]):     # the same charts, pixel by pixel?
        pa = _pixels(_png(old_charts, getattr(old_charts, old[0]), old[1], old[2]))
        pb = _pixels(_png(strategy.charts, getattr(strategy.charts, new[0]), new[1], new[2]))
        same_charts += int(pa.shape == pb.shape and bool((pa == pb).all()))
    results.update(_chart_kinds(paths, calls, args.repeat))
    powiat_case = f"cały powiat ({len(units)} jednostek)"
    no_charts = "gmina bez wykresów"
    for w in paths:   # charts' share: the powiat minus its analysis, per figure (a rough mean)
        per = (results[powiat_case][w]["median_s"]
               - len(units) * results[no_charts][w]["median_s"]) / max(n_figures, 1)
        results.setdefault("wykres (średnio)", {})[w] = {"median_s": per, "min_s": float("nan"),
                                                         "runs": 0}
    width = max(len(n) for n in results) + 2
    load = os.getloadavg() if hasattr(os, "getloadavg") else ("?",)
    print(f"Dane: {source}; gmina {args.gmina}; przed = {args.compare}, po = katalog roboczy; "
          f"obciążenie (1 min) {load[0]:.2f}")
    print(f"Te same piksele: {same} z {total} wykresów gminy, {same_charts} z "
          f"{len(calls['po'])} wykresów powiatu")
    print(f"{'przypadek':<{width}}{'przed: med.':>12}{'min':>8}{'po: med.':>10}{'min':>8}"
          f"{'po/przed':>10}{'powt.':>7}   [s; wykresy: ms]")
    for case, r in results.items():
        a, b = r["przed"], r["po"]
        scale, digits = (1000, 1) if case.startswith("wykres") else (1, 3)
        print(f"{case:<{width}}{a['median_s'] * scale:>12.{digits}f}"
              f"{a['min_s'] * scale:>8.{digits}f}{b['median_s'] * scale:>10.{digits}f}"
              f"{b['min_s'] * scale:>8.{digits}f}{b['median_s'] / a['median_s']:>10.2f}"
              f"{b['runs']:>7}")
    out = {"source": source, "gmina": args.gmina, "baseline": args.compare,
           "python": platform.python_version(), "machine": platform.machine(),
           "cpus": os.cpu_count(), "load": list(load), "same_pixels": [same, total],
           "same_pixels_powiat": [same_charts, len(calls["po"])],
           "results": results, "time": time.strftime("%Y-%m-%dT%H:%M:%S")}
    Path(args.out).write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n",
                              encoding="utf-8")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Pomiar czasu diagnozy gminy i powiatu.")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--gmina", default="3007012")
    ap.add_argument("--out", default=str(ROOT / "bench" / "diagnosis.json"))
    ap.add_argument("--compare", metavar="REV",
                    help="porównaj z wykresami i diagnozą z rewizji git REV (przed/po)")
    args = ap.parse_args(argv)
    store, source = _store()
    powiat = args.gmina[:4]
    units = [u.teryt for u in default_registry().gminas_of(powiat)] + [powiat]
    if args.compare:
        return compare(args, store, source, units)
    _drawn(diagnose(args.gmina, store))    # warm-up: imports, fonts, caches of the libraries

    def fresh():
        return replace(store, frame=store.frame.copy())   # a new object: nothing cached

    counts = {}

    def one_gmina_cold():
        clear_caches()
        d = _drawn(diagnose(args.gmina, fresh()))
        counts["figures_gmina"] = len(d.figures)

    def whole_powiat():
        clear_caches()
        s = fresh()
        counts["figures_powiat"] = sum(len(_drawn(diagnose(t, s)).figures) for t in units)

    cases = {
        "compute_values": lambda: compute_values(store.frame, powiat),
        "gmina (zimny start)": one_gmina_cold,
        "gmina (wartości w pamięci)": lambda: _drawn(diagnose(args.gmina, store)),
        "gmina bez wykresów": lambda: diagnose(args.gmina, store, charts=False),
        "gmina, jeden wykres": lambda: diagnose(args.gmina, store).figures["powody_pomocy"].png,
        f"cały powiat ({len(units)} jednostek)": whole_powiat,
    }
    results = {}
    for name, fn in cases.items():
        times = _time(fn, args.repeat if "powiat (" not in name else max(2, args.repeat // 2))
        results[name] = {"median_s": statistics.median(times), "min_s": min(times),
                         "runs": len(times)}
    per_chart = ((results["gmina (wartości w pamięci)"]["median_s"]
                  - results["gmina bez wykresów"]["median_s"]) / max(counts["figures_gmina"], 1))
    results["wykres (średnio, z gminy)"] = {"median_s": per_chart, "min_s": float("nan"),
                                            "runs": 0}
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
