"""Benchmark of the data step of a gmina diagnosis notebook on a national store (not a test).

Run: ``.venv/bin/python bench/bench_data_step.py [--gminas N] [--src DIR] [--store PATH]``.

The step every diagnosis notebook starts with, per gmina in a fresh store object (as in a new
notebook)::

    magazyn = nh.open_store(store, kod)          # the powiat, its województwo and PL only
    diagnoza = diagnose(kod, magazyn, horizon=2030)
    wartosci, _ = powiat_values(magazyn, kod[:4])

The store is the generated national one of ``bench_build.write_real_store`` (2 477 gminas,
~1.9 million rows), written to ``bench/_work/data_store.parquet`` with its units file when
missing (``--store`` to time another file, e.g. one written by an older version). ``--src``
times the package in another checkout's ``src`` (compare two versions by running both, one
after the other, several times). Prints the minimum and median per gmina of each part and the
peak of the Arrow memory pool over the run (the reads of the store are its largest users).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Pomiar kroku danych diagnozy gminy.")
    ap.add_argument("--gminas", type=int, default=30, help="liczba gmin spoza powiatu demo")
    ap.add_argument("--src", default=str(ROOT / "src"), help="katalog src pakietu")
    ap.add_argument("--store", help="plik magazynu (domyślnie wygenerowany krajowy)")
    args = ap.parse_args(argv)
    work = HERE / "_work"
    units = work / "data_units.csv"
    store = Path(args.store) if args.store else work / "data_store.parquet"
    if not (work / "data_store.parquet").exists() or not units.exists():
        # in a separate process: the registry of the run below must include the units file
        work.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-c",
                        "import sys; sys.path.insert(0, sys.argv[1]); import bench_build as B; "
                        "from pathlib import Path; B.write_real_store(Path(sys.argv[2]), "
                        "B.generated_codes(), Path(sys.argv[3]))",
                        str(HERE), str(work / "data_store.parquet"), str(units)],
                       check=True, env={k: v for k, v in os.environ.items()
                                        if k != "STRATEGY_UNITS"})
    os.environ["STRATEGY_UNITS"] = str(units)
    sys.path.insert(0, args.src)
    sys.path.insert(1, str(HERE))
    import bench_build as B  # noqa: E402

    codes = B.generated_codes()
    import pyarrow as pa

    import strategy.notebook_helpers as nh
    from strategy.diagnosis import diagnose, powiat_values

    step = max(1, (len(codes) - 11) // max(args.gminas, 1))
    sample = codes[:11] + codes[11::step][:args.gminas]
    m = nh.open_store(store, sample[0])                  # warm-up: imports, caches
    diagnose(sample[0], m, horizon=2030)
    powiat_values(m, sample[0][:4])
    times = {"open_store": [], "diagnose": [], "powiat_values": [], "razem": []}
    for kod in sample:
        t0 = time.perf_counter()
        m = nh.open_store(store, kod)
        t1 = time.perf_counter()
        diagnose(kod, m, horizon=2030)
        t2 = time.perf_counter()
        powiat_values(m, kod[:4])
        t3 = time.perf_counter()
        for k, v in zip(times, (t1 - t0, t2 - t1, t3 - t2, t3 - t0)):
            times[k].append(v)
    print(f"Magazyn: {store} ({store.stat().st_size / 2**20:.1f} MB); pakiet: {args.src}; "
          f"gmin: {len(sample)}")
    print(f"{'część':<16}{'min [ms]':>10}{'mediana [ms]':>14}")
    for k, v in times.items():
        print(f"{k:<16}{min(v) * 1000:>10.1f}{statistics.median(v) * 1000:>14.1f}")
    print(f"Szczyt pamięci Arrow w całym przebiegu: "
          f"{pa.default_memory_pool().max_memory() / 2**20:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
