"""Benchmark of the gmina diagnosis DOCX (``build_diagnoza``), one document per demo gmina.

Run: ``.venv/bin/python bench/bench_docx.py [--repeat N] [--compare REV] [--profile]``.
The diagnoses of the demo gminas (charts drawn) are computed once, from
``data/processed/indicators.parquet`` if present, otherwise from ``data/raw/demo`` (see
``bench_diagnosis._store``); then only ``build_diagnoza`` is timed, per gmina. Prints a table
and writes ``bench/docx.json``. Not a test: timings depend on the machine and its load.

``--compare REV`` (default ``HEAD``) times, in the same process, ``strategy.documents`` and
``strategy.text`` as they are in the git revision REV ("przed") against the working tree
("po"), alternating the two in every repetition and gmina so that the load of the machine falls
on both alike, and checks that both write the same bytes (the saved .docx is deterministic; if
the files differ, ``word/document.xml`` is compared as well). ``--compare ''`` times the working
tree alone. ``--profile`` prints the cProfile of one pass of the working tree instead.
``--keep`` leaves the written documents (``przed_<n>.docx``, ``po_<n>.docx``) in the temporary
folder it prints, e.g. to convert them to PDF; otherwise the folder is removed.
"""
from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

import strategy  # noqa: E402
from bench_diagnosis import _drawn, _store  # noqa: E402
from strategy.diagnosis import diagnose  # noqa: E402
from strategy.documents.builders import build_diagnoza  # noqa: E402
from strategy.units import default_registry  # noqa: E402


@contextlib.contextmanager
def _text_as(module):
    """Make ``from ..text import ...`` inside the packages imported now return ``module``."""
    saved = sys.modules["strategy.text"]
    strategy.text, sys.modules["strategy.text"] = module, module
    try:
        yield
    finally:
        strategy.text, sys.modules["strategy.text"] = saved, saved


def _package(alias: str, directory: Path):
    spec = importlib.util.spec_from_file_location(alias, directory / "__init__.py",
                                                  submodule_search_locations=[str(directory)])
    mod = importlib.util.module_from_spec(spec)
    sys.modules[alias] = mod
    spec.loader.exec_module(mod)
    return mod


def builder_at(rev: str, workdir: Path):
    """Return ``build_diagnoza`` of git revision ``rev`` (its documents and text packages),
    loaded as ``strategy._rev_documents`` / ``strategy._rev_text`` next to the working tree's."""
    archive = subprocess.run(["git", "archive", rev, "src/strategy/documents", "src/strategy/text"],
                             cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(workdir)], input=archive, check=True)
    src = workdir / "src" / "strategy"
    text = _package("strategy._rev_text", src / "text")
    with _text_as(text):
        docs = _package("strategy._rev_documents", src / "documents")
        importlib.import_module("strategy._rev_documents.builders")
    return docs.builders.build_diagnoza


def _document_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Pomiar czasu budowy DOCX diagnozy gminy.")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--compare", metavar="REV", default="HEAD",
                    help="porównaj z dokumentami z rewizji git REV (przed/po); '' - bez porównania")
    ap.add_argument("--gminas", type=int, default=0, help="tylko tyle pierwszych gmin (0 - wszystkie)")
    ap.add_argument("--profile", action="store_true", help="wypisz profil jednego przebiegu")
    ap.add_argument("--keep", action="store_true", help="zostaw zapisane dokumenty")
    ap.add_argument("--out", default=str(HERE / "docx.json"))
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="bench_docx_"))
    try:
        return run(args, tmp)
    finally:
        if args.keep:
            print(f"Dokumenty: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def run(args, tmp: Path) -> int:

    store, source = _store()
    units = [u.teryt for u in default_registry().gminas_of("3007")]
    if args.gminas:
        units = units[:args.gminas]
    t = time.perf_counter()
    diagnoses = [_drawn(diagnose(u, store)) for u in units]
    t_diag = time.perf_counter() - t

    builders = {"po": build_diagnoza}
    if args.compare:
        builders = {"przed": builder_at(args.compare, tmp), "po": build_diagnoza}

    def out(which, i):
        return tmp / f"{which}_{i}.docx"

    for which, build in builders.items():   # warm-up: imports, template, caches of the libraries
        build(diagnoses[0], out(which, "warm"))

    if args.profile:
        import cProfile
        import pstats
        pr = cProfile.Profile()
        pr.enable()
        for i, d in enumerate(diagnoses):
            build_diagnoza(d, out("po", i))
        pr.disable()
        pstats.Stats(pr).sort_stats("cumulative").print_stats(40)
        pstats.Stats(pr).sort_stats("tottime").print_stats(25)
        return 0

    per_gmina = {w: [] for w in builders}     # one mean per repetition
    for r in range(args.repeat):
        total = {w: 0.0 for w in builders}
        for i, d in enumerate(diagnoses):
            order = list(builders) if (r + i) % 2 == 0 else list(builders)[::-1]
            for which in order:
                t = time.perf_counter()
                builders[which](d, out(which, i))
                total[which] += time.perf_counter() - t
        for w in builders:
            per_gmina[w].append(total[w] / len(diagnoses))

    same_bytes = same_xml = None
    if len(builders) == 2:
        same_bytes = same_xml = 0
        for i in range(len(diagnoses)):
            a, b = out("przed", i).read_bytes(), out("po", i).read_bytes()
            same_bytes += int(a == b)
            same_xml += int(_document_xml(a) == _document_xml(b))

    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),)
    results = {w: {"median_s": statistics.median(v), "min_s": min(v), "runs": len(v)}
               for w, v in per_gmina.items()}
    print(f"Dane: {source}; {len(diagnoses)} gmin (diagnozy z wykresami: {t_diag:.1f} s); "
          f"przed = {args.compare or '-'}, po = katalog roboczy; obciążenie (1 min) {load[0]:.2f}")
    if same_bytes is not None:
        print(f"Te same bajty pliku: {same_bytes} z {len(diagnoses)}; "
              f"ten sam word/document.xml: {same_xml} z {len(diagnoses)}")
    print(f"{'build_diagnoza na gminę':<26}{'mediana [s]':>12}{'min [s]':>10}{'powt.':>7}"
          f"{'gmin/min (1 rdzeń)':>20}")
    for w, r in results.items():
        print(f"{w:<26}{r['median_s']:>12.3f}{r['min_s']:>10.3f}{r['runs']:>7}"
              f"{60 / r['median_s']:>20.0f}")
    if len(builders) == 2:
        print(f"{'po/przed':<26}{results['po']['median_s'] / results['przed']['median_s']:>12.2f}"
              f"{results['po']['min_s'] / results['przed']['min_s']:>10.2f}")
    data = {"source": source, "gminas": units, "baseline": args.compare or None,
            "python": platform.python_version(), "machine": platform.machine(),
            "cpus": os.cpu_count(), "load": list(load),
            "same_bytes": same_bytes, "same_document_xml": same_xml, "results": results,
            "time": time.strftime("%Y-%m-%dT%H:%M:%S")}
    Path(args.out).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n",
                              encoding="utf-8")
    return 0 if same_bytes in (None, len(diagnoses)) else 1


if __name__ == "__main__":
    sys.exit(main())
