"""Word tables from pandas DataFrames, with Polish number formatting.

In: a DataFrame (columns = table columns; a named or non-default index becomes the first
columns), optional per-column formats and widths, the usable text width of the section.
Out: a python-docx table in the "Tabela strategii" style: header row repeated on every page,
rows that never split across pages, cell texts by the rule the notebooks show tables with too
(:func:`strategy.text.cells.cell_texts`: decimal comma, no-break-space thousands also for
four-digit numbers so a column aligns, missing values as :data:`MISSING`), numbers
right-aligned (style "Liczba w tabeli"), text left-aligned ("Tekst tabeli").
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Emu

from ..errors import DocumentError
from ..text import TextError, cells
from ..text.cells import (MISSING, MISSING_NOTE, Format, auto_decimals, column_items, is_na,
                          is_number)
from . import ooxml, reference

__all__ = ["MISSING", "MISSING_NOTE", "Format", "add_table", "add_text", "auto_decimals",
           "cell_texts", "column_items", "frame_for_table", "is_na", "is_number"]


def frame_for_table(df: pd.DataFrame) -> pd.DataFrame:
    """Return ``df`` with a meaningful index moved into columns
    (:func:`strategy.text.cells.frame_for_table`)."""
    try:
        return cells.frame_for_table(df)
    except TextError as exc:
        raise DocumentError(str(exc)) from None


def cell_texts(df: pd.DataFrame, formats: Mapping[str, Format] | None = None,
               row_decimals: Sequence[int | None] | None = None
               ) -> tuple[list[list[str]], list[list[bool]], bool]:
    """Return (texts, numeric flags, has_missing) for every body cell of ``df``
    (:func:`strategy.text.cells.cell_texts`; its errors as :class:`DocumentError`)."""
    try:
        return cells.cell_texts(df, formats, row_decimals)
    except TextError as exc:
        raise DocumentError(str(exc)) from None


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
    numeric_cols = cells.numeric_columns(df, texts, nums)
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
