"""Word tables from pandas DataFrames, with Polish number formatting.

In: a DataFrame (columns = table columns; a named or non-default index becomes the first
columns), optional per-column formats and widths, the usable text width of the section.
Out: a python-docx table in the "Tabela strategii" style: header row repeated on every page,
rows that never split across pages, numbers formatted by :func:`strategy.text.fmt_number`
(decimal comma, no-break-space thousands, also for four-digit numbers so a column aligns) and
right-aligned, text left-aligned, missing values printed as :data:`MISSING`.
"""
from __future__ import annotations

import numbers
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu

from ..errors import DocumentError
from ..text import fmt_number, is_missing, round_half_up
from . import ooxml, reference

#: How a missing value (NaN, None, NA) is printed in a table cell.
MISSING = "b.d."
#: Explanation printed under a table that has missing values.
MISSING_NOTE = "b.d. – brak danych"

Format = int | Callable[[object], str]


def is_na(v) -> bool:
    """Return True for None, NaN, NaT and pandas NA scalars."""
    if v is None:
        return True
    try:
        r = pd.isna(v)
    except (TypeError, ValueError):
        return False
    return bool(r) if isinstance(r, (bool, np.bool_)) else False


def is_number(v) -> bool:
    """Return True for real numbers (not bools, not missing)."""
    return (isinstance(v, (numbers.Number, np.number)) and not isinstance(v, (bool, np.bool_))
            and not is_missing(v))


def auto_decimals(values) -> int:
    """Return the decimals (0-2) a numeric column needs so that no value loses precision at 2 places."""
    need = 0
    for v in values:
        if not is_number(v):
            continue
        full = round_half_up(v, 2)
        k = next(k for k in (0, 1, 2) if round_half_up(v, k) == full)
        need = max(need, k)
    return need


def frame_for_table(df: pd.DataFrame) -> pd.DataFrame:
    """Return ``df`` with a meaningful index moved into columns."""
    if not isinstance(df, pd.DataFrame):
        raise DocumentError(f"tabela wymaga ramki danych (DataFrame), otrzymano {type(df).__name__}")
    if isinstance(df.index, pd.RangeIndex) and df.index.name is None:
        return df
    return df.reset_index()


def cell_texts(df: pd.DataFrame, formats: Mapping[str, Format] | None = None,
               row_decimals: Sequence[int | None] | None = None
               ) -> tuple[list[list[str]], list[list[bool]], bool]:
    """Return (texts, numeric flags, has_missing) for every body cell of ``df``.

    ``formats`` maps a column name to a number of decimals or to a callable that formats one
    value (it receives every value, missing ones included). ``row_decimals`` gives, per row,
    the decimals of the numbers in the columns without a format (``None``: the column's), for
    tables whose rows hold different indicators (counts next to rates).
    """
    formats = dict(formats or {})
    unknown = [c for c in formats if c not in df.columns]
    if unknown:
        raise DocumentError(f"formaty podano dla kolumn, których nie ma w tabeli: {unknown}")
    cols = list(df.columns)
    spec = {}
    for c in cols:
        f = formats.get(c)
        spec[c] = f if f is not None else auto_decimals(df[c].tolist())
    texts, nums, has_missing = [], [], False
    if row_decimals is not None and len(row_decimals) != len(df):
        raise DocumentError(f"podano miejsca po przecinku dla {len(row_decimals)} wierszy, "
                            f"a tabela ma {len(df)} wierszy")
    for i, row in enumerate(df.itertuples(index=False, name=None)):
        trow, nrow = [], []
        for c, v in zip(cols, row):
            f = spec[c]
            if (row_decimals is not None and row_decimals[i] is not None
                    and c not in formats and is_number(v)):
                f = row_decimals[i]
            if callable(f):
                trow.append(str(f(v)))
                nrow.append(is_number(v))
            elif is_na(v):
                trow.append(MISSING)
                nrow.append(pd.api.types.is_numeric_dtype(df[c]))
                has_missing = True
            elif is_number(v):
                trow.append(fmt_number(v, int(f), group4=True))
                nrow.append(True)
            else:
                trow.append(str(v))
                nrow.append(False)
        texts.append(trow)
        nums.append(nrow)
    return texts, nums, has_missing


def _widths(df: pd.DataFrame, texts, numeric_cols, text_width: int, widths) -> list[int]:
    n = len(df.columns)
    if widths is not None:
        if len(widths) != n:
            raise DocumentError(f"podano {len(widths)} szerokości kolumn, a tabela ma {n} kolumn")
        return [int(Cm(w)) for w in widths]
    weights = []
    for j, c in enumerate(df.columns):
        longest = max([len(str(c)) * 0.6] + [len(r[j]) for r in texts] or [1])
        lo, hi = (4, 12) if numeric_cols[j] else (6, 40)
        weights.append(min(max(longest, lo), hi))
    total = sum(weights)
    return [int(text_width * w / total) for w in weights]


def _set_cell_width(cell, emu: int) -> None:
    cell.width = Emu(emu)


def add_table(doc, df: pd.DataFrame, *, text_width: int, formats=None, widths: Sequence[float] | None = None,
              row_decimals: Sequence[int | None] | None = None):
    """Append a table for ``df`` to ``doc``; return (table, has_missing)."""
    df = frame_for_table(df)
    if df.shape[1] == 0:
        raise DocumentError("tabela nie ma żadnej kolumny")
    texts, nums, has_missing = cell_texts(df, formats, row_decimals)
    numeric_cols = [
        (pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c]))
        or (any(r[j] for r in nums) and all(r[j] or t[j] == MISSING for r, t in zip(nums, texts)))
        for j, c in enumerate(df.columns)]
    col_w = _widths(df, texts, numeric_cols, text_width, widths)
    table = doc.add_table(rows=1 + len(texts), cols=df.shape[1])
    table.style = doc.styles[reference.TABLE_STYLE]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_look = table._tbl.tblPr.find(qn("w:tblLook"))
    if tbl_look is None:
        tbl_look = OxmlElement("w:tblLook")
        table._tbl.tblPr.append(tbl_look)
    for k, v in (("w:val", "04A0"), ("w:firstRow", "1"), ("w:lastRow", "0"), ("w:firstColumn", "0"),
                 ("w:lastColumn", "0"), ("w:noHBand", "1"), ("w:noVBand", "1")):
        tbl_look.set(qn(k), v)
    for j, w in enumerate(col_w):
        table.columns[j].width = Emu(w)
    header = table.rows[0]
    ooxml.set_repeat_header(header)
    ooxml.set_cant_split(header)
    # Style ids resolved once: python-docx's ``paragraph.style = ...`` looks the id up
    # (scanning every style for the default) on each of the table's cells.
    head_id = doc.part.get_style_id(doc.styles[reference.TABLE_HEADING], WD_STYLE_TYPE.PARAGRAPH)
    body_id = doc.part.get_style_id(doc.styles[reference.TABLE_TEXT], WD_STYLE_TYPE.PARAGRAPH)
    head_cells = header.cells
    for j, c in enumerate(df.columns):
        cell = head_cells[j]
        _set_cell_width(cell, col_w[j])
        p = cell.paragraphs[0]
        p._p.style = head_id
        p.add_run(str(c))
        if numeric_cols[j]:
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    rows = table.rows
    for i, (trow, nrow) in enumerate(zip(texts, nums), start=1):
        row = rows[i]
        ooxml.set_cant_split(row)
        cells = row.cells
        for j, text in enumerate(trow):
            cell = cells[j]
            _set_cell_width(cell, col_w[j])
            p = cell.paragraphs[0]
            p._p.style = body_id
            p.add_run(text)
            if nrow[j] or (numeric_cols[j] and text == MISSING):
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return table, has_missing
