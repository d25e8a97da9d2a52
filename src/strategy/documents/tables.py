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
from dataclasses import dataclass

import pandas as pd
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Emu, Pt

from ..errors import DocumentError
from ..text import TextError, cells
from ..text.cells import (MISSING, MISSING_NOTE, Format, auto_decimals, column_items, is_na,
                          is_number)
from ..text.typography import typeset
from . import measure, ooxml, reference

__all__ = ["MISSING", "MISSING_NOTE", "Format", "Layout", "add_table", "add_text", "auto_decimals",
           "cell_texts", "column_items", "frame_for_table", "is_na", "is_number", "layout_table",
           "write_table"]


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


#: Cell margins of the table style (left + right), in twips (1/20 pt), and a little room more:
#: LibreOffice and Word round positions, and a word that exactly fills a cell may still wrap.
CELL_PADDING = 2 * 85
SLACK_TWIPS, SLACK_SHARE = 40, 0.03
#: The body font size of the table styles (9 pt) and the smaller sizes a too wide table may use.
BASE_SIZE = 9.0
SMALLER_SIZES = (8.0, 7.0)
TWIPS_PER_EMU = 1 / 635


@dataclass
class Layout:
    """What a table will look like before it is written: the cell texts (set by the rules of
    :func:`strategy.text.typography.typeset`) with a flag for right alignment, the column widths
    (EMU), the font size (``None``: the style's 9 pt) and whether it needs a landscape page."""

    header: list[tuple[str, bool]]
    body: list[list[tuple[str, bool]]]
    widths: list[int]
    size: float | None
    landscape: bool
    has_missing: bool


def _needs(header: list[str], body: list[list[str]]) -> tuple[list[float], list[float]]:
    """Return, per column, the width (twips at 9 pt, without margins) of its longest
    unbreakable piece - a header word, a number, a word of a cell - and of its longest line
    when nothing wraps."""
    mins, maxs = [], []
    for j, head in enumerate(header):
        lo = max([measure.text_width(w, BASE_SIZE, True) for w in measure.words(head)] or [0.0])
        hi = measure.text_width(head, BASE_SIZE, True)
        for row in body:
            text = row[j]
            if not text:
                continue
            width = measure.text_width(text, BASE_SIZE)
            hi = max(hi, width)
            pieces = measure.words(text)
            if len(pieces) == 1:
                lo = max(lo, width)
            else:
                lo = max([lo] + [measure.text_width(w, BASE_SIZE) for w in pieces])
        mins.append(lo * 20)
        maxs.append(hi * 20)
    return mins, maxs


def _room(width: float) -> float:
    """The column width (twips) a text of ``width`` twips needs: with the cell margins."""
    return width * (1 + SLACK_SHARE) + CELL_PADDING + SLACK_TWIPS


def _distribute(mins: list[float], maxs: list[float], hints: list[float] | None,
                total: float) -> list[float]:
    """Return column widths (twips), none below its ``mins``: the hints (a builder's widths)
    raised to the minimum, what a column has beyond its longest line (``maxs``) given to the
    columns that would wrap, the excess over ``total`` taken from the columns above theirs;
    without hints the natural widths (nothing wraps) stretched to ``total``, or, when they do
    not fit, the minimum plus the rest shared by how much each column would otherwise wrap."""
    if hints is not None:
        out = [max(h, m) for h, m in zip(hints, mins)]
        # a column wider than its longest line gives the surplus to those that would wrap
        over = [max(o - hi, 0.0) for o, hi in zip(out, maxs)]
        surplus = sum(over)
        out = [o - ov for o, ov in zip(out, over)]
        want = [max(hi - o, 0.0) for o, hi in zip(out, maxs)]
        give = min(surplus, sum(want))
        if give > 0:
            out = [o + give * w / sum(want) for o, w in zip(out, want)]
        if surplus - give > 0:      # what nobody needs goes back where it came from
            out = [o + (surplus - give) * ov / surplus for o, ov in zip(out, over)]
        excess = sum(out) - total
        spare = [o - m for o, m in zip(out, mins)]
        if excess > 0 and sum(spare) > 0:
            cut = min(excess, sum(spare))
            out = [o - cut * sp / sum(spare) for o, sp in zip(out, spare)]
        return out
    if sum(maxs) <= total:
        grow = total - sum(maxs)
        return [m + grow * m / sum(maxs) for m in maxs]
    rest = max(total - sum(mins), 0.0)
    want = [hi - lo for lo, hi in zip(mins, maxs)]
    return [lo + rest * w / sum(want) for lo, w in zip(mins, want)] if sum(want) > 0 else mins


def layout_table(df: pd.DataFrame, *, text_width: int, landscape_width: int | None = None,
                 formats=None, widths: Sequence[float] | None = None,
                 row_decimals: Sequence[int | None] | None = None,
                 landscape: bool = False) -> Layout:
    """Return the :class:`Layout` of the table of ``df``.

    Column widths come from the measured widths of the texts (:mod:`.measure`): no column is
    narrower than its longest header word, number or word, so nothing breaks inside a number
    or a word. ``widths`` (cm, from a builder) are hints, kept where they leave that room. A
    table too wide for ``text_width`` (EMU) gets a smaller font (8 pt), then a landscape page
    of ``landscape_width`` (when given) at 9, 8 and 7 pt; ``landscape`` asks for the landscape
    page from the start.
    """
    df = frame_for_table(df)
    if df.shape[1] == 0:
        raise DocumentError("tabela nie ma żadnej kolumny")
    n = df.shape[1]
    if widths is not None:
        if len(widths) != n:
            raise DocumentError(f"podano {len(widths)} szerokości kolumn, a tabela ma {n} kolumn")
        if any(w < 0 for w in widths):
            raise DocumentError(f"szerokości kolumn nie mogą być ujemne: {list(widths)}")
    texts, nums, has_missing = cell_texts(df, formats, row_decimals)
    numeric_cols = cells.numeric_columns(df, texts, nums)
    head_texts = [typeset(str(c)) for c in df.columns]
    body_texts = [[typeset(t) for t in row] for row in texts]
    mins, maxs = _needs(head_texts, body_texts)
    if landscape:
        options = [(True, BASE_SIZE)] + [(True, s) for s in SMALLER_SIZES]
    else:
        options = [(False, BASE_SIZE), (False, SMALLER_SIZES[0])]
        if landscape_width is not None:
            options += [(True, BASE_SIZE)] + [(True, s) for s in SMALLER_SIZES]
        else:
            options += [(False, s) for s in SMALLER_SIZES[1:]]
    for wide, size in options:
        total = (landscape_width if wide and landscape_width else text_width) * TWIPS_PER_EMU
        scale = size / BASE_SIZE
        lo = [_room(m * scale) for m in mins]
        if sum(lo) <= total:
            break
    hi = [_room(m * scale) for m in maxs]
    hints = [Cm(w) * TWIPS_PER_EMU for w in widths] if widths is not None else None
    twips = _distribute(lo, hi, hints, total)
    header = [(t, numeric_cols[j]) for j, t in enumerate(head_texts)]
    body = [[(text, nrow[j] or (numeric_cols[j] and text == MISSING)) for j, text in enumerate(trow)]
            for trow, nrow in zip(body_texts, nums)]
    return Layout(header, body, [round(w / TWIPS_PER_EMU) for w in twips],
                  None if size == BASE_SIZE else size, wide, has_missing)


def write_table(doc, layout: Layout):
    """Append the table of ``layout`` to ``doc`` (python-docx's ``Document.add_table``): header
    row repeated on every page, rows kept whole, numbers right-aligned."""
    styles = doc.styles
    head_style, body_style = styles[reference.TABLE_HEADING], styles[reference.TABLE_TEXT]
    number_style = styles[reference.TABLE_NUMBER]
    col_w = [Emu(w) for w in layout.widths]
    table = doc.add_table(rows=len(layout.body) + 1, cols=len(col_w),
                          style=styles[reference.TABLE_STYLE])
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, w in zip(table.columns, col_w):
        column.width = w
    size = Pt(layout.size) if layout.size else None
    for i, (row, content) in enumerate(zip(table.rows, [layout.header, *layout.body])):
        ooxml.keep_row_together(row)
        if i == 0:
            ooxml.repeat_as_header_row(row)
        for cell, w, (text, right) in zip(row.cells, col_w, content):
            cell.width = w
            p = cell.paragraphs[0]
            if i == 0:
                p.style = head_style
                if right:
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            else:   # numbers are right-aligned by their style
                p.style = number_style if right else body_style
            run = add_text(p, text)
            if size is not None:
                run.font.size = size
    return table


def add_table(doc, df: pd.DataFrame, *, text_width: int, formats=None,
              widths: Sequence[float] | None = None,
              row_decimals: Sequence[int | None] | None = None):
    """Append a table for ``df`` to ``doc`` on the page as it is (:func:`layout_table` without
    a landscape page, :func:`write_table`); return (table, has_missing)."""
    layout = layout_table(df, text_width=text_width, formats=formats, widths=widths,
                          row_decimals=row_decimals)
    return write_table(doc, layout), layout.has_missing


def add_text(paragraph, text: str):
    """Append a run of ``text`` to ``paragraph`` and return it, as ``paragraph.add_run(text)``,
    the text set by the rules of Polish typography first (:func:`strategy.text.typography.typeset`:
    no-break spaces in figures, minus signs, „…” quotes, en dashes in ranges).

    Text without tabs or line breaks goes in through ``Run.add_text`` (one ``w:t``): the
    ``add_run(text)`` setter reads the text character by character to turn tabs and line
    breaks into ``w:tab``/``w:br``, a noticeable share of a table's cost.
    """
    text = typeset(text)
    if not text or "\t" in text or "\n" in text or "\r" in text:
        return paragraph.add_run(text)
    run = paragraph.add_run()
    run.add_text(text)
    return run
