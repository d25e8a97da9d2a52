"""Cells of the spreadsheets we write, kept inert: outside text never becomes a formula.

In: text that comes from outside the program (unit names and codes from a unit file, remarks
and authors from returned files, file names, anything a user typed) on its way into a CSV or
XLSX file we write. Out: CSV lines and XLSX cells in which such text is only text.

The rule, in one place for every writer:

* CSV (OWASP, "CSV Injection"): a text cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or
  a carriage return gets a single quote in front and is always enclosed in double quotes
  (inner double quotes doubled), so a spreadsheet opening the file shows it as text instead of
  evaluating it. Cells the program writes itself - figures such as ``-5`` or ``12,5`` and the
  template's symbols ``-``, ``.``, ``x`` - are passed as *raw* and written as they are.
  :func:`csv_restore` undoes the quote when we read our own CSV files back.
* XLSX (openpyxl): a ``str`` is stored with the string data type (``"s"``), never as a formula
  (openpyxl would take ``"=..."`` as one) nor as an error value (``"#N/A"``); a string that
  begins with one of the characters above also gets Excel's "quote prefix" cell flag, so
  editing the cell in Excel keeps it text. Numbers and dates are written as numbers and dates.
"""
from __future__ import annotations

from collections.abc import Iterable

#: First characters that make a spreadsheet read a cell as a formula (OWASP CSV Injection).
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def needs_neutralising(text: str) -> bool:
    """Return True when ``text`` begins with a character a spreadsheet may evaluate."""
    return text[:1] in TRIGGERS


def csv_cell(value) -> str:
    """Return the CSV text of an outside value: ``None`` -> "", a risky start -> quote prefix."""
    if value is None:
        return ""
    text = str(value)
    return QUOTE + text if needs_neutralising(text) else text


def csv_restore(text: str) -> str:
    """Return ``text`` as it was before :func:`csv_cell` (for reading our own CSV files)."""
    if text[:1] == QUOTE and needs_neutralising(text[1:]):
        return text[1:]
    return text


def csv_line(cells: Iterable, delimiter: str = ";", *, raw: Iterable[int] = ()) -> str:
    """Return one CSV line (without the line end) of ``cells``.

    Every cell is outside text (see :func:`csv_cell`) except the positions in ``raw``, which
    the program wrote itself and are kept as they are. A cell is enclosed in double quotes when
    it was neutralised or holds the delimiter, a double quote or a line break.
    """
    own = set(raw)
    out = []
    for k, value in enumerate(cells):
        if k in own:
            text, quoted = ("" if value is None else str(value)), False
        else:
            text = csv_cell(value)
            quoted = text[:1] == QUOTE and needs_neutralising(text[1:])
        if quoted or any(ch in text for ch in (delimiter, '"', "\n", "\r")):
            text = '"' + text.replace('"', '""') + '"'
        out.append(text)
    return delimiter.join(out)


def csv_text(rows: Iterable[Iterable], delimiter: str = ";", newline: str = "\r\n", *,
             raw: Iterable[int] = ()) -> str:
    """Return the CSV text of ``rows`` (each line ended by ``newline``); see :func:`csv_line`."""
    raw = tuple(raw)
    return "".join(csv_line(row, delimiter, raw=raw) + newline for row in rows)


def text_cell(ws, row: int, column: int, value=None):
    """Write ``value`` into an openpyxl worksheet cell, a ``str`` always as text; return the cell."""
    cell = ws.cell(row=row, column=column, value=value)
    inert(cell)
    return cell


def append_row(ws, values: Iterable) -> None:
    """Append ``values`` as a new last row of ``ws``, every ``str`` as text."""
    values = list(values)
    ws.append(values)
    if values:
        last = ws.max_row
        for cell in next(ws.iter_rows(min_row=last, max_row=last, max_col=len(values))):
            inert(cell)


def inert(cell) -> None:
    """Make an openpyxl cell holding a ``str`` a plain text cell (no formula, no error value)."""
    value = cell.value
    if isinstance(value, str):
        cell.data_type = "s"
        if needs_neutralising(value):
            cell.quotePrefix = True
