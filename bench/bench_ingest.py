"""Benchmark of ``strategy ingest`` on a national-size GUS BDL export (not a test).

Run: ``.venv/bin/python bench/bench_ingest.py [--gminas N] [--years N] [--variables N]
[--keep DIR] [--json PATH] [--src DIR]``.

Generates, in a temporary folder, what an office downloads from BDL for the whole country: one
export per variable in the real long CSV layout (``;``, quoted cells, a trailing ``;``,
Windows-1250, the BDL 12-digit unit ids, a ``Płeć`` dimension column, values with a non-breaking
space as the thousands separator, negative balances) for every gmina of the official TERC
register (``../shared/data/TERC_2020-01-01.csv``: 2 477 gminas), 10 years and 20 variables,
plus the ``mapping.csv`` describing the files. Then runs ``strategy ingest FOLDER --powiat 3007
--store TMP`` in a separate process and measures its wall time and its peak resident memory
(``ru_maxrss`` of that child from ``os.wait4``). The registry of the child learns every gmina
through ``STRATEGY_UNITS`` (a units file written from the same TERC register).

Prints a table and writes JSON (default ``bench/ingest.json``). The target of the project is a
peak under 1 GB. Timings on a shared machine are noisy.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TERC = ROOT.parent.parent / "shared" / "data" / "TERC_2020-01-01.csv"
TERC_FALLBACK = Path("/work/shared/data/TERC_2020-01-01.csv")
#: Catalogue indicators the generated variables are mapped to (gmina counts and balances).
INDICATORS = [
    "ludnosc", "ludnosc_kobiety", "ludnosc_przedprodukcyjna", "ludnosc_produkcyjna",
    "ludnosc_poprodukcyjna", "ludnosc_15_64", "ludnosc_65plus", "przyrost_naturalny",
    "saldo_migracji", "bezrobotni", "bezrobotni_kobiety", "beneficjenci", "rodziny_pomoc",
    "osoby_w_rodzinach_pomoc", "praca_socjalna_rodziny", "powod_ubostwo_rodziny",
    "powod_bezrobocie_rodziny", "powod_niepelnosprawnosc_rodziny", "powod_choroba_rodziny",
    "powod_bezradnosc_rodziny"]
BALANCES = {"przyrost_naturalny", "saldo_migracji"}
NBSP = "\u00a0"


def terc_gminas(path: Path) -> list[tuple[str, str, str]]:
    """Return ``(teryt, name, rodz)`` of every gmina (RODZ 1-3) of the TERC file."""
    text = path.read_text(encoding="utf-8-sig")
    out = []
    for row in csv.DictReader(io.StringIO(text), delimiter=";"):
        if row["GMI"] and row["RODZ"] in ("1", "2", "3"):
            out.append((row["WOJ"] + row["POW"] + row["GMI"] + row["RODZ"], row["NAZWA"],
                        row["RODZ"]))
    return out


def terc_powiats(path: Path) -> list[tuple[str, str]]:
    text = path.read_text(encoding="utf-8-sig")
    return [(r["WOJ"] + r["POW"], r["NAZWA"]) for r in csv.DictReader(io.StringIO(text),
                                                                       delimiter=";")
            if r["POW"] and not r["GMI"]]


def bdl_id(teryt: str) -> str:
    """Return a BDL-style 12-digit id whose structural TERC part is ``teryt``."""
    return "0" + "1" + teryt[:2] + "000" + teryt[2:]


def _number(v: int) -> str:
    s = f"{abs(v):,}".replace(",", NBSP)
    return ("-" if v < 0 else "") + s


def write_export(folder: Path, gminas, years: list[int], indicators: list[str],
                 seed: int = 3, one_file: bool = False) -> int:
    """Write one BDL long-layout CSV per indicator (or, ``one_file``, one file with a
    ``Zmienna`` dimension column for all of them) and ``mapping.csv``; return the data rows."""
    rng = random.Random(seed)
    rows = 0
    mapping = ["plik;zmienna_bdl;filtr;wskaznik;uwagi"]
    head = '"Kod";"Nazwa";"Płeć";"Rok";"Wartosc";"Jednostka miary";"Atrybut";'
    if one_file:
        head = head.replace('"Płeć"', '"Zmienna";"Płeć"')
    every: list[str] = [head]
    for k, ind in enumerate(indicators):
        name = "BDL_kraj_wszystkie_zmienne.csv" if one_file else f"BDL_{k + 1:02d}_{ind}.csv"
        what = f"Zmienna={ind}; Płeć=ogółem" if one_file else "Płeć=ogółem"
        mapping.append(f'{name};{60000 + k};"{what}";{ind};wygenerowane do pomiaru')
        lines = every if one_file else [head]
        dim = f'"{ind}";' if one_file else ""
        for teryt, gname, rodz in gminas:
            base = rng.randint(-400, 400) if ind in BALANCES else rng.randint(50, 40000)
            for y in years:
                v = base + rng.randint(-20, 20)
                lines.append(f'"{bdl_id(teryt)}";"{gname} ({rodz})";{dim}"ogółem";"{y}";'
                             f'{_number(v)};"osoba";"1";')
                rows += 1
        if not one_file:
            (folder / name).write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1250"))
    if one_file:
        (folder / name).write_bytes(("\r\n".join(every) + "\r\n").encode("cp1250"))
    (folder / "mapping.csv").write_text("\n".join(mapping) + "\n", encoding="utf-8")
    return rows


def write_units(path: Path, gminas, powiats) -> None:
    """Write a units file (columns of strategy.units.Registry) for every gmina and powiat."""
    rows = ["teryt,name,kind,gmina_type,valid_from,valid_to,successor,bdl_id,note"]
    rows += [f'{p},"{n}",powiat,,1999,,,{bdl_id(p + "000")[:9]}000,' for p, n in powiats]
    rows += [f'{t},"{n}",gmina,{r},1999,,,{bdl_id(t)},' for t, n, r in gminas]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def strategy_command() -> list[str]:
    exe = Path(sys.executable).with_name("strategy")
    if exe.exists():
        return [str(exe)]
    return [sys.executable, "-c",
            "import sys; from strategy.cli import main; sys.exit(main(sys.argv[1:]))"]


def run_ingest(folder: Path, store: Path, units: Path, powiat: str, src: Path) -> dict:
    """Run ``strategy ingest`` in a child process; return its time, peak memory and output."""
    env = dict(os.environ, STRATEGY_UNITS=str(units), PYTHONPATH=str(src))
    cmd = strategy_command() + ["ingest", str(folder), "--powiat", powiat, "--store", str(store)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=str(folder.parent))
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    return {"seconds": round(seconds, 1), "peak_mb": round(usage.ru_maxrss / 1024, 0),
            "exit": os.waitstatus_to_exitcode(status), "stdout_tail": stdout[-1500:],
            "stderr_tail": stderr[-1500:], "stdout_chars": len(stdout)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Pomiar wczytywania krajowego eksportu BDL.")
    ap.add_argument("--gminas", type=int, default=0, help="liczba gmin (domyślnie wszystkie)")
    ap.add_argument("--years", type=int, default=10, help="liczba lat (domyślnie 10)")
    ap.add_argument("--variables", type=int, default=20, help="liczba zmiennych (do 20)")
    ap.add_argument("--powiat", default="3007", help="powiat wskazany w --powiat")
    ap.add_argument("--keep", type=Path, help="folder na wygenerowane pliki (zostają)")
    ap.add_argument("--json", type=Path, default=HERE / "ingest.json", help="plik wyników")
    ap.add_argument("--one-file", action="store_true",
                    help="jeden plik ze wszystkimi zmiennymi (kolumna Zmienna) zamiast 20 plików")
    ap.add_argument("--src", type=Path, default=ROOT / "src",
                    help="katalog src mierzonego pakietu (domyślnie ten)")
    args = ap.parse_args(argv)
    terc = TERC if TERC.exists() else TERC_FALLBACK
    gminas = terc_gminas(terc)
    if args.gminas:
        own = [g for g in gminas if g[0].startswith(args.powiat)]
        gminas = own + [g for g in gminas if not g[0].startswith(args.powiat)][
            : max(0, args.gminas - len(own))]
    years = list(range(2024 - args.years + 1, 2025))
    indicators = INDICATORS[: args.variables]
    with tempfile.TemporaryDirectory(prefix="bench_ingest_") as tmp:
        work = Path(args.keep) if args.keep else Path(tmp)
        data = work / "bdl"
        data.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        rows = write_export(data, gminas, years, indicators, one_file=args.one_file)
        gen = time.perf_counter() - t0
        units = work / "jednostki.csv"
        write_units(units, gminas, terc_powiats(terc))
        size = sum(p.stat().st_size for p in data.glob("*.csv"))
        largest = max(p.stat().st_size for p in data.glob("BDL_*.csv"))
        res = run_ingest(data, work / "indicators.parquet", units, args.powiat, args.src)
    record = {"src": str(args.src), "gminas": len(gminas), "years": len(years),
              "variables": len(indicators), "files": 1 if args.one_file else len(indicators),
              "rows": rows, "total_mb": round(size / 2**20, 1),
              "largest_file_mb": round(largest / 2**20, 1), "generate_s": round(gen, 1),
              "cpu_count": os.cpu_count(), **res}
    table = [("gminy", f"{record['gminas']}"), ("lata", f"{record['years']}"),
             ("zmienne / pliki", f"{record['variables']} / {record['files']}"),
             ("wiersze danych", f"{rows:,}".replace(",", " ")),
             ("rozmiar plików", f"{record['total_mb']} MB (największy {record['largest_file_mb']} MB)"),
             ("czas ingest", f"{record['seconds']} s"),
             ("szczyt pamięci (RSS)", f"{record['peak_mb']:.0f} MB (cel: < 1024 MB)"),
             ("kod wyjścia", f"{record['exit']}")]
    width = max(len(k) for k, _ in table)
    print("Pomiar: strategy ingest krajowego eksportu BDL")
    for k, v in table:
        print(f"  {k.ljust(width)}  {v}")
    last = [ln for ln in res["stdout_tail"].splitlines() if ln.strip()][-3:]
    for ln in last + [ln for ln in res["stderr_tail"].splitlines() if ln.strip()][-4:]:
        print(f"  > {ln[:160]}")
    args.json.write_text(json.dumps(record, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"Wyniki: {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
