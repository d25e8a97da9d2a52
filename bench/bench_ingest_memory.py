"""Peak memory of ``strategy ingest`` over a corpus of worst cases inside the input limits.

Run: ``.venv/bin/python bench/bench_ingest_memory.py [--only NAME ...] [--json PATH]
[--cap-gb N] [--keep DIR]`` (not a test; a few minutes).

Builds, in a temporary folder, the inputs that once made ``ingest`` take gigabytes while every
file was within the limits of the README: a tidy CSV repeating one unit/year/indicator key with
different values (1 000 and 3 000 rows), a template XLSX repeating one key on 200 and on 52 889
rows, a template XLSX with a 19 MB text in a number cell (one shared string), a CSV whose one
field holds almost the whole size limit, the largest tidy CSV allowed (row limit; all values
good), the same with every value bad (a problem on every row), a national one-file BDL export at
the row limit, a CSV of 1,49 million rows (over the row limit: refused after reading it) and a
JSON answer of the BDL API at its size limit. Each file is loaded by ``strategy ingest FILE --store TMP`` in its own process;
the peak resident memory is ``ru_maxrss`` of that child (``os.wait4``, the per-child form of
``resource.getrusage(RUSAGE_CHILDREN)``), the child's address space capped at ``--cap-gb``
(default 3 GB) so a regression ends in a MemoryError instead of exhausting the machine.

Prints a table (case, input size, exit status, seconds, peak MB, stdout size) and writes JSON
(default ``bench/ingest_memory.json``). The target: every row under 1 GB.
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

from strategy.ingest import limits
from strategy.ingest.template import write_template

HEAD = "teryt,year,indicator,value,unit,source,flag\n"
MB = 1024 * 1024


def dup_csv(path: Path, rows: int) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(HEAD)
        fh.writelines(f"3007012,2024,bezrobotni,{i},osoba,PUP,\n" for i in range(rows))
    return path


def _template_rows(path: Path, rows) -> Path:
    """Write the powiat 3007 template and append ``rows`` (cells from column A) to its first
    area sheet."""
    from openpyxl import load_workbook
    write_template(path, "3007", years=[2024])
    wb = load_workbook(path)
    ws = wb.worksheets[1]
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def dup_xlsx(path: Path, rows: int) -> Path:
    return _template_rows(path, (["3007012", "Blizanów", 2024, i] for i in range(rows)))


def shared_string_xlsx(path: Path) -> Path:
    # short words: the worst case for wrapping the text into a table cell
    return _template_rows(path, [["3007012", "Blizanów", 2024, "1 234 " * (19 * MB // 6)]])


def huge_field_csv(path: Path) -> Path:
    size = limits.MAX_TEXT_BYTES - MB
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(HEAD + '3007012,2024,ludnosc,"')
        chunk = "9" * MB
        fh.writelines(chunk for _ in range(size // MB))
        fh.write('",osoba,GUS,\n')
    return path


def _units() -> list[str]:
    from strategy.units import default_registry
    frame = default_registry().frame()
    gm = frame[(frame["kind"] == "gmina") & frame["gmina_type"].isin(["1", "2", "3"])]
    return sorted(gm["teryt"])


def largest_csv(path: Path, bad: bool = False, rows: int | None = None,
                limit_rows: bool = True) -> Path:
    """The most rows allowed (limits.MAX_TEXT_ROWS, or ``rows``), unique keys, within the size
    limit."""
    from strategy.catalog import default_catalog
    inds = [i.id for i in default_catalog() if not i.derived and i.kind == "count"][:40]
    units = _units()
    years = range(2000, 2025)
    n, size = 0, len(HEAD)
    target = rows if rows and not limit_rows else min(rows or limits.MAX_TEXT_ROWS,
                                                      limits.MAX_TEXT_ROWS)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(HEAD)
        for unit in units:
            for year in years:
                for ind in inds:
                    value = "abc" if bad else str(100 + n % 900)
                    line = f"{unit},{year},{ind},{value},,,\n"
                    size += len(line)
                    if n >= target or size > limits.MAX_TEXT_BYTES - 1024:
                        return path
                    fh.write(line)
                    n += 1
    return path


def json_answer(path: Path) -> Path:
    """A BDL API answer (``/data/by-variable``) at the JSON size limit."""
    from strategy.ingest import bdl_api
    units = _units()
    results, size, k = [], 0, 0
    limit = bdl_api.MAX_JSON_BYTES - MB
    while size < limit:
        unit = units[k % len(units)]
        rec = {"id": "0" * 5 + unit[:6] + unit[6], "name": f"Gmina {k}",
               "values": [{"year": str(y), "val": 100 + k % 50, "attrId": 1}
                          for y in range(1995, 2025)]}
        text = json.dumps(rec)
        size += len(text) + 1
        results.append(rec)
        k += 1
    payload = {"totalRecords": len(results), "variableId": 60270, "results": results}
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path


def bdl_national(folder: Path) -> Path:
    """A national one-file BDL export (long layout, Windows-1250, 12-digit ids, a ``Zmienna``
    column) of every gmina, 20 variables and as many years as the row limit allows, with its
    ``mapping.csv``; the child learns the units through ``STRATEGY_UNITS`` (bench_ingest)."""
    import bench_ingest as bi
    terc = bi.TERC if bi.TERC.exists() else bi.TERC_FALLBACK
    gminas, powiats = bi.terc_gminas(terc), bi.terc_powiats(terc)
    years = list(range(2024 - limits.MAX_TEXT_ROWS // (len(gminas) * 20) + 1, 2025))
    bi.write_export(folder, gminas, years, bi.INDICATORS, one_file=True)
    bi.write_units(folder.parent / "jednostki_bench.csv", gminas, powiats)
    ENV["STRATEGY_UNITS"] = str(folder.parent / "jednostki_bench.csv")
    return folder


#: Environment of the child for the case being run (set by a case that needs it).
ENV: dict[str, str] = {}

CASES = {
    "duplikaty_csv_1000": lambda d: dup_csv(d / "duplikaty_1000.csv", 1000),
    "duplikaty_csv_3000": lambda d: dup_csv(d / "duplikaty_3000.csv", 3000),
    "duplikaty_xlsx_200": lambda d: dup_xlsx(d / "duplikaty_200.xlsx", 200),
    "duplikaty_xlsx_52889": lambda d: dup_xlsx(d / "duplikaty_52889.xlsx", 52_889),
    "tekst_19mb_w_liczbie_xlsx": lambda d: shared_string_xlsx(d / "tekst_19mb.xlsx"),
    "jedno_pole_csv": lambda d: huge_field_csv(d / "jedno_pole.csv"),
    "najwiekszy_csv": lambda d: largest_csv(d / "najwiekszy.csv"),
    "najwiekszy_csv_zle_wartosci": lambda d: largest_csv(d / "najwiekszy_zle.csv", bad=True),
    "json_api_limit": lambda d: json_answer(d / "bdl_api_60270.json"),
    "bdl_kraj_jeden_plik": bdl_national,
    "csv_1490k_ponad_limit": lambda d: largest_csv(d / "csv_1490k.csv", rows=1_490_000,
                                                    limit_rows=False),
}
def _rows_case(n: int, folder: Path) -> Path:
    return largest_csv(folder / f"csv_{n}.csv", rows=n, limit_rows=False)


#: Extra cases (not run by default): tidy CSVs of a given number of rows, to find the row limit.
EXTRA = {f"csv_{n // 1000}k": functools.partial(_rows_case, n)
         for n in (500_000, 600_000, 800_000, 1_000_000)}


def _cap(gb: float):
    def limit():
        cap = int(gb * 1024 ** 3)
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    return limit


def measure(path: Path, work: Path, cap_gb: float) -> dict:
    store = work / "magazyn.parquet"
    store.unlink(missing_ok=True)
    script = Path(sys.executable).with_name("strategy")
    cmd = ([str(script)] if script.exists() else
           [sys.executable, "-c", "import sys; from strategy.cli import main; sys.exit(main())"])
    out_path = work / "stdout.txt"
    t0 = time.perf_counter()
    with open(out_path, "wb") as out, open(work / "stderr.txt", "wb") as err:
        proc = subprocess.Popen(cmd + ["ingest", str(path), "--store", str(store)],
                                stdout=out, stderr=err, preexec_fn=_cap(cap_gb),  # noqa: PLW1509

                                env={**os.environ, "COLUMNS": "160", **ENV})
        _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    stderr = (work / "stderr.txt").read_text(encoding="utf-8", errors="replace")
    size = sum(p.stat().st_size for p in ([path] if path.is_file() else path.iterdir()))
    return {"input_mb": round(size / MB, 2),
            "exit": os.waitstatus_to_exitcode(status), "seconds": round(seconds, 1),
            "peak_mb": round(usage.ru_maxrss / 1024), "stdout_kb": round(out_path.stat().st_size
                                                                       / 1024, 1),
            "traceback": "Traceback" in stderr, "stderr_tail": stderr.strip()[-300:]}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="*", choices=sorted(CASES) + sorted(EXTRA))
    ap.add_argument("--json", type=Path, default=HERE / "ingest_memory.json")
    ap.add_argument("--cap-gb", type=float, default=3.0)
    ap.add_argument("--keep", type=Path, default=None)
    args = ap.parse_args(argv)
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench_ingest_memory.") as tmp:
        work = Path(args.keep or tmp)
        work.mkdir(parents=True, exist_ok=True)
        for name in args.only or CASES:
            folder = work / name
            folder.mkdir(exist_ok=True)
            path = {**CASES, **EXTRA}[name](folder)
            ENV.clear()
            results[name] = measure(path, work, args.cap_gb)
            r = results[name]
            print(f"{name:<30} {r['input_mb']:>8.2f} MB  exit {r['exit']:>3}  {r['seconds']:>6.1f} s"
                  f"  peak {r['peak_mb']:>5} MB  stdout {r['stdout_kb']:>8.1f} KB", flush=True)
            if path.is_file():
                path.unlink()
    worst = max(r["peak_mb"] for r in results.values())
    print(f"Największy szczyt pamięci: {worst} MB (cel: poniżej 1024 MB)")
    args.json.write_text(json.dumps({"cap_gb": args.cap_gb, "limits": {
        "text_bytes": limits.MAX_TEXT_BYTES, "text_rows": limits.MAX_TEXT_ROWS,
        "xlsx_bytes": limits.MAX_XLSX_BYTES, "xlsx_rows": limits.MAX_XLSX_ROWS},
        "results": results}, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0 if worst < 1024 else 1


if __name__ == "__main__":
    sys.exit(main())
