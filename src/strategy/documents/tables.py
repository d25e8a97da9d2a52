"""Word tables from pandas DataFrames, with Polish number formatting.

In: a DataFrame (columns = table columns; a named or non-default index becomes the first
columns), optional per-column formats and widths, the usable text width of the section.
Out: a python-docx table in the "Tabela strategii" style: header row repeated on every page,
rows that never split across pages, numbers formatted by :func:`strategy.text.fmt_number`
(decimal comma, no-break-space thousands, also for four-digit numbers so a column aligns) and
right-aligned (style "Liczba w tabeli"), text left-aligned ("Tekst tabeli"), missing values
printed as :data:`MISSING`.
"""
from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Emu

from .. import caches
from ..errors import DocumentError
from ..text import fmt_number, is_missing
from ..text.numbers import round_decimal, to_decimal
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
        if need < 2 and is_number(v):
            need = max(need, _decimals_needed(v))
    return need


def _decimals_needed(v) -> int:
    """Return the fewest places (0-2) that print ``v`` as it is at 2 places (half up)."""
    try:
        return _decimals_needed_cached(type(v), v)
    except TypeError:  # an unhashable number
        return _decimals_needed_of(v)


@caches.lru_cache(maxsize=65536)
def _decimals_needed_cached(_type, v) -> int:
    # Keyed by type as fmt_number's cache is: 2**60 and 2.0**60 are equal but not the same digits.
    return _decimals_needed_of(v)


def _decimals_needed_of(v) -> int:
    d = to_decimal(v)   # round_half_up(v, k) for k = 2, 0, 1, converting v once
    full = round_decimal(d, 2)
    return next(k for k in (0, 1, 2) if round_decimal(d, k) == full)


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
    values = _column_values(df)
    rows = list(zip(*values)) if len(df) else []
    numeric_dtype = [pd.api.types.is_numeric_dtype(t) for t in df.dtypes]
    spec = [formats.get(c) if formats.get(c) is not None else auto_decimals(values[j])
            for j, c in enumerate(cols)]
    free = [c not in formats for c in cols]   # columns that follow row_decimals
    texts, nums, has_missing = [], [], False
    if row_decimals is not None and len(row_decimals) != len(df):
        raise DocumentError(f"podano miejsca po przecinku dla {len(row_decimals)} wierszy, "
                            f"a tabela ma {len(df)} wierszy")
    for i, row in enumerate(rows):
        trow, nrow = [], []
        row_dec = row_decimals[i] if row_decimals is not None else None
        for j, v in enumerate(row):
            # is_na(v) and is_number(v), at once for the usual text and float cells
            tv = type(v)
            if tv is str:
                na, number = False, False
            elif tv is float:
                na = v != v
                number = not na and v not in _INFINITIES
            else:
                na, number = None, is_number(v)
            f = spec[j]
            if row_dec is not None and free[j] and number:
                f = row_dec
            if callable(f):
                trow.append(str(f(v)))
                nrow.append(number)
            elif na or (na is None and is_na(v)):
                trow.append(MISSING)
                nrow.append(numeric_dtype[j])
                has_missing = True
            elif number:
                trow.append(fmt_number(v, int(f), group4=True))
                nrow.append(True)
            else:
                trow.append(str(v))
                nrow.append(False)
        texts.append(trow)
        nums.append(nrow)
    return texts, nums, has_missing


_INFINITIES = (math.inf, -math.inf)


def column_items(df: pd.DataFrame, k: int) -> list:
    """Return the values of column ``k`` of ``df`` (by position, so repeated names are fine)
    as Python scalars, as ``df.itertuples()`` gives them."""
    return df.iloc[:, k].tolist()


def _column_values(df: pd.DataFrame) -> list[list]:
    """Return :func:`column_items` of every column of ``df``."""
    return [column_items(df, k) for k in range(df.shape[1])]


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


def add_table(doc, df: pd.DataFrame, *, text_width: int, formats=None,
              widths: Sequence[float] | None = None,
              row_decimals: Sequence[int | None] | None = None):
    """Append a table for ``df`` to ``doc`` (python-docx's ``Document.add_table``); return
    (table, has_missing)."""
    df = frame_for_table(df)
    if df.shape[1] == 0:
        raise DocumentError("tabela nie ma żadnej kolumny")
    texts, nums, has_missing = cell_texts(df, formats, row_decimals)
    numeric_cols = [
        (pd.api.types.is_numeric_dtype(dt) and not pd.api.types.is_bool_dtype(dt))
        or (any(r[j] for r in nums) and all(r[j] or t[j] == MISSING for r, t in zip(nums, texts)))
        for j, dt in enumerate(df.dtypes)]
    col_w = [Emu(w) for w in _widths(df, texts, numeric_cols, text_width, widths)]
    if any(w < 0 for w in col_w):
        raise DocumentError(f"szerokości kolumn nie mogą być ujemne: {widths}")
    styles = doc.styles
    head_style, body_style = styles[reference.TABLE_HEADING], styles[reference.TABLE_TEXT]
    number_style = styles[reference.TABLE_NUMBER]
    table = doc.add_table(rows=len(texts) + 1, cols=len(col_w), style=styles[reference.TABLE_STYLE])
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, w in zip(table.columns, col_w):
        column.width = w
    header = [(str(c), numeric_cols[j]) for j, c in enumerate(df.columns)]
    body = [[(text, nrow[j] or (numeric_cols[j] and text == MISSING)) for j, text in enumerate(trow)]
            for trow, nrow in zip(texts, nums)]
    for i, (row, content) in enumerate(zip(table.rows, [header, *body])):
        ooxml.keep_row_together(row)
        if i == 0:
            ooxml.repeat_as_header_row(row)
        for cell, w, (text, right) in zip(row.cells, col_w, content):
            cell.width = w
            p = cell.paragraphs[0]
            if i == 0:
                ooxml.set_paragraph_style(p, head_style)
                if right:
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            else:   # numbers are right-aligned by their style
                ooxml.set_paragraph_style(p, number_style if right else body_style)
            add_text(p, text)
    return table, has_missing


def add_text(paragraph, text: str):
    """Append a run of ``text`` to ``paragraph`` and return it, as ``paragraph.add_run(text)``.

    Text without tabs or line breaks goes in through ``Run.add_text`` (one ``w:t``): the
    ``add_run(text)`` setter reads the text character by character to turn tabs and line
    breaks into ``w:tab``/``w:br``, a noticeable share of a table's cost.
    """
    if not text or "\t" in text or "\n" in text or "\r" in text:
        return paragraph.add_run(text)
    run = paragraph.add_run()
    run.add_text(text)
    return run
