"""Size and row limits of the input readers, and the check of an XLSX package before it is opened.

In: a path to an input file. Out: ``None`` when the file is within the limits, else a
:class:`~strategy.ingest.problems.Problem` naming the file and the limit, in Polish. The limits
are stated in the README ("Limity plików wejściowych"); they are far above real inputs (a BDL
export of all 2 477 gminas, 10 years and 20 variables is about 35 MB and 500 000 rows) and keep a
hostile or mistaken file from taking the memory of an office PC.

An XLSX file is a ZIP package: its parts are checked by the sizes the ZIP directory declares
(``zipfile`` never hands out more bytes than declared, so a part cannot grow past its check)
before openpyxl reads anything - a 468 KB workbook can hold a 400-million-character shared
string.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from .problems import Problem

MB = 1024 * 1024
#: Largest text input (CSV, TXT, JSON) read at all.
MAX_TEXT_BYTES = 100 * MB
#: Most CSV records read from one text file (a national BDL export: about 500 000). Memory grows
#: by about 1 KB a row while a file is checked: 700 000 rows stay under 1 GB
#: (``bench/bench_ingest_memory.py``).
MAX_TEXT_ROWS = 700_000
#: Largest XLSX file opened at all.
MAX_XLSX_BYTES = 20 * MB
#: Largest uncompressed shared strings part (``xl/sharedStrings.xml``) of an XLSX file.
MAX_XLSX_SHARED_STRINGS = 20 * MB
#: Largest uncompressed worksheet part (``xl/worksheets/sheetN.xml``).
MAX_XLSX_SHEET_BYTES = 50 * MB
#: Largest sum of the uncompressed parts of an XLSX package, and most parts.
MAX_XLSX_TOTAL_BYTES = 200 * MB
MAX_XLSX_ENTRIES = 1000
#: Most rows read from one sheet; and reading a sheet ends after this many empty rows in a row
#: (Excel users format whole columns: a million formatted, empty rows hold no data).
MAX_XLSX_ROWS = 100_000
MAX_XLSX_EMPTY_RUN = 10_000


def mb(n: int) -> str:
    """Return a byte count in whole MB, at least 1 when not zero ("35 MB")."""
    return f"{max(1, round(n / MB)) if n else 0} MB"


def text_size_problem(path: Path, label: str, limit: int | None = None) -> Problem | None:
    """Return a problem when the text file at ``path`` is larger than the limit."""
    limit = MAX_TEXT_BYTES if limit is None else limit
    size = path.stat().st_size
    if size <= limit:
        return None
    return Problem(label, f"plik jest zbyt duży ({mb(size)}; najwyżej {mb(limit)}): podziel go "
                   "na mniejsze pliki (np. osobno dla każdej zmiennej BDL)", rule="rozmiar",
                   value=mb(size), expected=f"plik do {mb(limit)}")


def rows_problem(label: str, line: int) -> Problem:
    """Return the problem of a text file with more than :data:`MAX_TEXT_ROWS` records."""
    return Problem(label, f"plik ma więcej niż {MAX_TEXT_ROWS:,} wierszy danych".replace(",", " ")
                   + "; przeczytano tylko początek, więc niczego nie zapisano: podziel go na "
                   "mniejsze pliki", row=line, rule="rozmiar",
                   expected=f"najwyżej {MAX_TEXT_ROWS:,} wierszy".replace(",", " "))


def xlsx_problem(path: Path, label: str) -> Problem | None:
    """Return a problem when the XLSX package at ``path`` is beyond the limits (before opening).

    A file that is not a ZIP package at all passes (openpyxl reports it as unreadable).
    """
    size = path.stat().st_size
    if size > MAX_XLSX_BYTES:
        return _xlsx(label, f"plik XLSX jest zbyt duży ({mb(size)}; najwyżej "
                     f"{mb(MAX_XLSX_BYTES)})", mb(size))
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if len(infos) > MAX_XLSX_ENTRIES:
        return _xlsx(label, f"skoroszyt ma zbyt wiele części ({len(infos)}; najwyżej "
                     f"{MAX_XLSX_ENTRIES})", str(len(infos)))
    total = sum(i.file_size for i in infos)
    if total > MAX_XLSX_TOTAL_BYTES:
        return _xlsx(label, f"skoroszyt po rozpakowaniu zajmuje {mb(total)} (najwyżej "
                     f"{mb(MAX_XLSX_TOTAL_BYTES)})", mb(total))
    for info in infos:
        name = info.filename.lower()
        if name == "xl/sharedstrings.xml" and info.file_size > MAX_XLSX_SHARED_STRINGS:
            return _xlsx(label, f"teksty komórek skoroszytu (xl/sharedStrings.xml) zajmują po "
                         f"rozpakowaniu {mb(info.file_size)} (najwyżej "
                         f"{mb(MAX_XLSX_SHARED_STRINGS)}); plik zawiera zapewne bardzo długi "
                         "tekst w jakiejś komórce", mb(info.file_size))
        if name.startswith("xl/worksheets/") and info.file_size > MAX_XLSX_SHEET_BYTES:
            return _xlsx(label, f"arkusz {info.filename} zajmuje po rozpakowaniu "
                         f"{mb(info.file_size)} (najwyżej {mb(MAX_XLSX_SHEET_BYTES)}); usuń "
                         "puste sformatowane wiersze i kolumny albo zapisz dane jako CSV",
                         mb(info.file_size))
    return None


def _xlsx(label: str, message: str, value: str) -> Problem:
    return Problem(label, message + "; pliku nie otwierano", rule="rozmiar", value=value,
                   expected="szablon danych powiatu (zwykle poniżej 1 MB)")
