"""Text input files: encoding detection, sanity checks and CSV splitting shared by the readers.

In: the bytes of a file people call "CSV" (a BDL export, a tidy file, a template saved as CSV).
Out: :class:`TextFile` - the decoded text, the encoding found and the CSV records with the
physical line each one starts on - or a :class:`~strategy.ingest.problems.Problem` saying, in Polish,
why the file cannot be read as text (0 bytes, binary content, an HTML page saved as ``.csv``,
bytes that are neither UTF-8 nor Windows-1250).

Encodings tried, in order: UTF-8 with BOM, UTF-16 with BOM (Excel's "Unicode text"), UTF-8,
Windows-1250 (cp1250, what Polish Windows and older BDL exports use). Nothing else is guessed:
a file that decodes as none of these is reported, never read as mojibake.
"""
from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import limits
from .limits import MAX_TEXT_BYTES  # noqa: F401 - the limit, as other modules know it here
from .problems import Problem
from .raw import RAW_COLUMNS

#: Marks of generated (demonstration) figures, searched case-insensitively in names and content.
DEMO_PATTERN = re.compile(r"DANE[ _]DEMONSTRACYJNE", re.IGNORECASE)
_ALLOWED_CONTROLS = set("\t\n\r\f\v")
_HTML_START = re.compile(r"^\s*(<!doctype\s+html|<html|<head|<body|<\?xml[^>]*>\s*<html)",
                         re.IGNORECASE)


@dataclass
class TextFile:
    """A decoded text file: ``text``, the ``encoding`` used and the delimiter guessed."""

    text: str
    encoding: str
    delimiter: str
    #: the line where reading stopped at :data:`~.limits.MAX_TEXT_ROWS` records, else None
    over_limit: int | None = None
    #: ``(line, Polish message)`` when the CSV reader stopped at a record it cannot read (a
    #: field longer than the reader's limit: usually a quote that is never closed), else None
    broken: tuple[int, str] | None = None

    def records(self, limit: int | None = None) -> list[tuple[int, list[str]]]:
        """Return ``(line, cells)`` for every non-blank CSV record; ``line`` is where it starts.

        ``limit`` returns only the first records (enough to find a header).
        """
        out = []
        for rec in self.iter_records():
            if limit is not None and len(out) >= limit:
                break
            out.append(rec)
        return out

    def iter_records(self):
        """Yield ``(line, cells)`` of the non-blank records, one at a time, at most
        :data:`~.limits.MAX_TEXT_ROWS` (then :attr:`over_limit` says where reading stopped)."""
        reader = csv.reader(io.StringIO(self.text, newline=""), delimiter=self.delimiter)
        line, n, most = 1, 0, limits.MAX_TEXT_ROWS
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error:  # its text is English ("field larger than field limit")
                most_chars = csv.field_size_limit()
                self.broken = (line, ("rekord CSV, którego nie można odczytać: pole dłuższe "
                                      f"niż {_chars(most_chars)} albo cudzysłów otwarty i "
                                      "niezamknięty; przeczytano tylko wiersze przed nim, więc "
                                      "niczego nie zapisano: popraw plik"))
                return
            start = line
            line = reader.line_num + 1
            if cells and any(c.strip() for c in cells):
                n += 1
                if n > most:
                    self.over_limit = start
                    return
                yield start, cells

    def limit_problem(self, label: str) -> Problem | None:
        """Return the problem of a file cut at the row limit or at a record the CSV reader
        cannot read (None when it was read whole)."""
        if self.broken:
            return Problem(label, self.broken[1], row=self.broken[0], rule="odczyt")
        return limits.rows_problem(label, self.over_limit) if self.over_limit else None


def _chars(n: int) -> str:
    """Return "131 072 znaki" with the number grouped and the noun agreeing with it."""
    word = ("znak" if n == 1 else "znaki" if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14)
            else "znaków")
    return f"{n:,}".replace(",", "\u00a0") + f" {word}"


def is_demo(*texts: str) -> bool:
    """Return True when any of ``texts`` carries the DANE DEMONSTRACYJNE mark."""
    return any(t and DEMO_PATTERN.search(t) for t in texts)


def fold(s: str) -> str:
    """Return ``s`` folded for tolerant header matching (no case, diacritics, quotes, spaces).

    ``'"Wartość"'`` and ``'WARTOSC '`` both give ``'wartosc'``; ``ł`` becomes ``l``.
    """
    s = str(s).replace("\ufeff", "").strip().strip('"').strip("'").strip()
    s = s.replace("ł", "l").replace("Ł", "L")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[\s\u00a0\u202f]+", " ", s).casefold()


def fold_value(s: str) -> str:
    """Return a cell value folded for filter matching: case and spacing ignored, diacritics kept."""
    s = str(s).strip().strip('"').strip()
    return re.sub(r"[\s\u00a0\u202f]+", " ", s).casefold()


def sniff_problem(data: bytes, label: str) -> Problem | None:
    """Return a Problem when ``data`` is obviously not a text table (empty, binary, HTML)."""
    if not data:
        return Problem(label, "plik jest pusty (0 bajtów)", rule="pusty",
                       expected="plik z danymi (CSV, XLSX lub JSON)")
    if not data.strip():
        return Problem(label, "plik zawiera same białe znaki, brak danych", rule="pusty")
    if data.startswith(b"PK\x03\x04"):
        return Problem(label, "plik jest archiwum ZIP lub skoroszytem (XLSX/ODS), a nie plikiem "
                       "tekstowym CSV; zapisz go z właściwym rozszerzeniem (.xlsx) albo jako CSV",
                       rule="format")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return Problem(label, "plik jest dokumentem starego formatu Microsoft Office (XLS/DOC), "
                       "a nie plikiem CSV; zapisz go jako XLSX lub CSV", rule="format")
    if data.startswith(b"%PDF"):
        return Problem(label, "plik jest dokumentem PDF, a nie plikiem z danymi; "
                       "pobierz dane jako CSV lub XLSX", rule="format")
    head = data[:2048].lstrip(codecs.BOM_UTF8)
    if _HTML_START.match(head.decode("latin-1")):
        return Problem(label, "plik zawiera stronę HTML zamiast danych (zapewne zapisano stronę "
                       "internetową lub komunikat o błędzie zamiast pobranego pliku); "
                       "pobierz dane ponownie jako CSV", rule="html")
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise :class:`UnicodeDecodeError` if no known encoding fits."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        return data.decode("cp1250"), "cp1250"
    except UnicodeDecodeError:
        raise utf8_error from None


def binary_share(text: str) -> float:
    """Return the share of control characters (other than tabs and line breaks) in ``text``."""
    sample = text[:65536]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if c not in _ALLOWED_CONTROLS and unicodedata.category(c) == "Cc")
    return bad / len(sample)


def guess_delimiter(text: str) -> str:
    """Return ``;``, ``,`` or tab: the one most frequent outside quotes in the first lines."""
    sample = "\n".join(text.splitlines()[:20])
    sample = re.sub(r'"[^"\n]*"', "", sample)
    counts = {d: sample.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ";"))
    return best if counts[best] else ";"


def load_text(path: Path, label: str) -> tuple[TextFile | None, Problem | None]:
    """Return the decoded file, or ``(None, problem)`` when it cannot be read as a text table."""
    try:
        too_big = limits.text_size_problem(path, label)
        if too_big:
            return None, too_big
        data = path.read_bytes()
    except OSError as exc:
        return None, Problem(label, f"nie można otworzyć pliku: {exc.strerror or exc}",
                             rule="odczyt")
    problem = sniff_problem(data, label)
    if problem:
        return None, problem
    if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None, _binary(label)
    try:
        text, encoding = decode(data)
    except UnicodeDecodeError as exc:
        byte = data[exc.start:exc.start + 1].hex().upper()
        return None, Problem(
            label, f"nie można odczytać znaków pliku: nie jest zapisany ani w UTF-8, ani w "
            f"Windows-1250 (bajt 0x{byte} na pozycji {exc.start})", rule="kodowanie",
            expected="zapis w UTF-8 lub Windows-1250")
    if "\x00" in text or binary_share(text) > 0.01:
        return None, _binary(label)
    return TextFile(text, encoding, guess_delimiter(text)), None


def _binary(label: str) -> Problem:
    return Problem(label, "plik nie jest plikiem tekstowym CSV (zawiera dane binarne); "
                   "zapisz dane jako CSV lub XLSX", rule="binarny")


def find_header(records: list[tuple[int, list[str]]], is_header, limit: int = 10
                ) -> int | None:
    """Return the index of the first of ``records`` (within ``limit``) ``is_header`` accepts."""
    for i, (_, cells) in enumerate(records[:limit]):
        if is_header(cells):
            return i
    return None


def trim_trailing(cells: list[str]) -> list[str]:
    """Return ``cells`` without the empty cells a trailing separator leaves at the end."""
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


def raw_frame(rows: list[dict]) -> pd.DataFrame:
    """Return the raw frame of ``rows`` with text kept as Python objects (None stays None)."""
    frame = pd.DataFrame(rows, columns=RAW_COLUMNS, dtype=object)
    return frame.astype({"value_num": "float64"})
