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
           "cell_texts", "column_items", "frame_for_table", "is_na", "is_number", "keep_rows",
           "layout_table", "measured_widths", "shared_widths", "row_heights", "table_height", "wrapped_lines", "write_table"]


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


#: Line height of a table cell as a share of the font size (Arial's line spacing at the style's
#: single spacing) and the cell's room above and below the text (points).
CELL_LINE, CELL_PAD_PT = 1.15, 2.0


def wrapped_lines(text: str, width_twips: float, size: float, bold: bool = False) -> int:
    """Return how many lines ``text`` takes in a column of ``width_twips`` (cell margins
    included) at ``size`` points: words set greedily, as Word and LibreOffice break lines."""
    room = max(width_twips - CELL_PADDING, 1.0) / 20
    lines, used = 1, 0.0
    space = measure.text_width(" ", size, bold)
    for word in measure.words(text):
        w = measure.text_width(word, size, bold)
        if used and used + space + w > room:
            lines += 1
            used = w
        else:
            used += (space if used else 0.0) + w
    return lines


def table_height(header: Sequence[str], body: Sequence[Sequence[str]], twips: Sequence[float],
                 size: float) -> float:
    """Return the estimated height (points) of a table whose columns are ``twips`` wide."""
    return _row_height(header, twips, size, True) + sum(_row_height(r, twips, size) for r in body)


def _row_height(texts: Sequence[str], twips: Sequence[float], size: float,
                bold: bool = False) -> float:
    """Return the estimated height (points) of a table row of ``texts`` in columns ``twips``
    wide: its most wrapped cell's lines and the cell's room above and below."""
    n = max(wrapped_lines(t, w, size, bold) for t, w in zip(texts, twips)) if texts else 1
    return n * size * CELL_LINE + 2 * CELL_PAD_PT


#: Column width hints that add up to more than this share of the text width were meant for
#: a wider page: they are left out and the measured needs share the width.
HINTS_OVER = 1.1
#: A table goes on a landscape page only when it would take more than this share of its
#: landscape height on portrait pages (a portrait page holds about 1,5 times the lines of a
#: landscape one: below that share portrait pages give no more pages and no section break).
LANDSCAPE_GAIN = 1.5


def layout_table(df: pd.DataFrame, *, text_width: int, landscape_width: int | None = None,
                 formats=None, widths: Sequence[float] | None = None,
                 row_decimals: Sequence[int | None] | None = None,
                 landscape: bool = False) -> Layout:
    """Return the :class:`Layout` of the table of ``df``.

    Column widths come from the measured widths of the texts (:mod:`.measure`): no column is
    narrower than its longest header word, number or word, so nothing breaks inside a number
    or a word. ``widths`` (cm, from a builder) are hints, kept where they leave that room.

    The page comes from the measured needs, not from a wish: a table goes on a landscape page
    of ``landscape_width`` (EMU, when given) only when its columns do not fit ``text_width`` at
    9 or 8 pt, or when wrapped to the portrait width it would be more than
    :data:`LANDSCAPE_GAIN` times as tall as on the landscape page. ``landscape`` (a builder's
    old wish) is accepted and changes nothing. A table too wide even for the landscape page
    gets 8 or 7 pt.
    """
    del landscape   # the measured needs decide (see above)
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
    hints = [Cm(w) * TWIPS_PER_EMU for w in widths] if widths is not None else None

    def fit(wide: bool, sizes) -> tuple[float, list[float], float] | None:
        """The first size of ``sizes`` whose columns fit: (size, widths in twips, total)."""
        total = (landscape_width if wide else text_width) * TWIPS_PER_EMU
        for size in sizes:
            scale = size / BASE_SIZE
            lo = [_room(m * scale) for m in mins]
            if sum(lo) <= total:
                hi = [_room(m * scale) for m in maxs]
                # hints for a wider page (a landscape table that fits portrait) would squeeze
                # the columns they make widest: the measured needs share the width instead
                if hints is not None and sum(hints) > total * HINTS_OVER:
                    shared = shared_widths(head_texts, body_texts, size, total / 567)
                    if shared is not None:
                        return size, [w * 567 for w in shared], total
                    return size, _distribute(lo, hi, None, total), total
                return size, _distribute(lo, hi, hints, total), total
        return None

    portrait = fit(False, (BASE_SIZE, SMALLER_SIZES[0]))
    wide = None
    if landscape_width is not None:
        wide = fit(True, (BASE_SIZE, *SMALLER_SIZES))
    if portrait is not None and wide is not None:
        tall = table_height(head_texts, body_texts, portrait[1], portrait[0])
        low = table_height(head_texts, body_texts, wide[1], wide[0])
        if tall > LANDSCAPE_GAIN * low:
            portrait = None
    if portrait is not None:
        chosen, is_wide = portrait, False
    elif wide is not None:
        chosen, is_wide = wide, True
    else:       # too wide for any page: the smallest size on the widest page there is
        last = landscape_width is not None
        total = (landscape_width if last else text_width) * TWIPS_PER_EMU
        size = SMALLER_SIZES[-1]
        scale = size / BASE_SIZE
        lo, hi = [_room(m * scale) for m in mins], [_room(m * scale) for m in maxs]
        chosen, is_wide = (size, _distribute(lo, hi, hints, total), total), last
    size, twips, _ = chosen
    header = [(t, numeric_cols[j]) for j, t in enumerate(head_texts)]
    body = [[(text, nrow[j] or (numeric_cols[j] and text == MISSING)) for j, text in enumerate(trow)]
            for trow, nrow in zip(body_texts, nums)]
    return Layout(header, body, [round(w / TWIPS_PER_EMU) for w in twips],
                  None if size == BASE_SIZE else size, is_wide, has_missing)


#: A column whose longest cell text is at most this wide (cm) is given the width in which it
#: does not wrap; wider ones share the rest (:func:`measured_widths`).
SHORT_COLUMN_CM = 2.6


def measured_widths(df: pd.DataFrame, text_width_cm: float, *, formats=None,
                    row_decimals: Sequence[int | None] | None = None,
                    least: Mapping[int, float] | None = None) -> list[float]:
    """Return column widths (cm) for ``df`` on ``text_width_cm`` from its measured texts
    (:func:`shared_widths`); ``least`` gives some columns (by position) a minimum (cm)."""
    layout = layout_table(df, text_width=int(Cm(text_width_cm)), formats=formats,
                          row_decimals=row_decimals)
    heads = [t for t, _ in layout.header]
    body = [[t for t, _ in row] for row in layout.body]
    size = layout.size or BASE_SIZE
    out = shared_widths(heads, body, size, text_width_cm, least)
    return out if out is not None else [w / 360000 for w in layout.widths]


def shared_widths(heads: Sequence[str], body: Sequence[Sequence[str]], size: float,
                  width_cm: float, least: Mapping[int, float] | None = None
                  ) -> list[float] | None:
    """Return column widths (cm) that add up to ``width_cm`` for a table of these texts at
    ``size`` points, or None when its columns do not fit.

    The columns of figures and short texts (at most :data:`SHORT_COLUMN_CM` unwrapped) get the
    width in which they do not wrap (their header may); the columns of long texts - an
    indicator's name, a remark - share the rest in proportion to the square root of the text
    they hold (a row's lines go as its text over its width), none narrower than its longest
    word; two such columns split their room where the table is lowest.
    """
    def room_cm(width_pt: float) -> float:
        return _room(width_pt * 20) / 567

    n = len(heads)
    head_words = [max([measure.text_width(w, size, True) for w in measure.words(h)] or [0.0])
                  for h in heads]
    natural = [room_cm(max([head_words[j]] + [measure.text_width(r[j], size) for r in body]))
               for j in range(n)]
    for j, cm in (least or {}).items():
        natural[j] = max(natural[j], cm)
    long_cols = [j for j in range(n) if natural[j] > SHORT_COLUMN_CM]
    floor = {j: room_cm(max([head_words[j]] + [measure.text_width(w, size) for r in body
                                                for w in measure.words(r[j])]))
             for j in long_cols}
    rest = width_cm - sum(natural[j] for j in range(n) if j not in long_cols)
    if rest < sum(floor.values()) or (not long_cols and rest < 0):
        return None
    out = list(natural)
    if not long_cols:       # nothing wraps: the room left goes to every column alike
        return [w + rest / n for w in out]
    weight = {j: (sum(measure.text_width(r[j], size) for r in body) or 1.0) ** 0.5
              for j in long_cols}
    total = sum(weight.values())
    for j in long_cols:
        out[j] = max(min(rest * weight[j] / total, natural[j]), floor[j])
    # what a column left unused (it needs less than its share) goes to the others
    spare = width_cm - sum(out)
    grow = [j for j in long_cols if out[j] < natural[j]] or long_cols
    if spare > 0:
        for j in grow:
            out[j] += spare * weight[j] / sum(weight[g] for g in grow)
    if len(grow) == 2:      # two long columns: the split that gives the lowest table
        a, b = grow
        both = out[a] + out[b]

        def height(wa: float) -> float:
            cols = list(out)
            cols[a], cols[b] = wa, both - wa
            return table_height(heads, body, [c * 567 for c in cols], size)

        options = [w for w in (both * k / 40 for k in range(4, 37))
                   if w >= floor[a] and both - w >= floor[b]]
        if options:
            best = min(options, key=lambda w: (height(w), abs(w - out[a])))
            out[a], out[b] = best, both - best
    return out


def row_heights(layout: Layout) -> list[float]:
    """Return the estimated height (points) of the header row and of each body row."""
    size = layout.size or BASE_SIZE
    twips = [w * TWIPS_PER_EMU for w in layout.widths]
    return [_row_height([t for t, _ in row], twips, size, k == 0)
            for k, row in enumerate([layout.header, *layout.body])]


def keep_rows(layout: Layout, page_height: float, groups: Sequence[int] = ()) -> set[int]:
    """Return the rows (0 the header, 1... the body) to keep on the page of the row after them.

    A table that takes at most :data:`KEEP_WHOLE` of a page (``page_height``, points) is kept
    whole with its source line; a longer one keeps its header with the first
    :data:`KEEP_FIRST` body rows (the caption keeps with the header by its style) and its
    last :data:`KEEP_LAST` rows together with the source line, so that no row stands alone on
    a page. ``groups`` are the body rows (0-based, negative from the end) that open a group -
    a goal's row before its directions' rows: a group that takes at most :data:`KEEP_WHOLE`
    of a page is kept together, its first row never left at the foot of a page.
    """
    heights = row_heights(layout)
    n = len(heights)
    if sum(heights) <= KEEP_WHOLE * page_height:
        return set(range(n))
    keep = set(range(min(KEEP_FIRST + 1, n)))
    keep |= set(range(max(n - KEEP_LAST, 0), n))
    starts = sorted({(g % (n - 1)) + 1 for g in groups if -(n - 1) <= g < n - 1})
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else n     # the next group's first row
        if end - start > 1 and sum(heights[start:end]) <= KEEP_WHOLE * page_height:
            keep |= set(range(start, end - 1))
    return keep


#: Share of a page a table (or a group of its rows) may take and still be kept whole; the
#: body rows kept with the header; the last rows kept together (with the source line).
KEEP_WHOLE, KEEP_FIRST, KEEP_LAST = 0.4, 2, 2


def write_table(doc, layout: Layout, keep: set[int] | frozenset[int] = frozenset()):
    """Append the table of ``layout`` to ``doc`` (python-docx's ``Document.add_table``): header
    row repeated on every page, rows kept whole, numbers right-aligned; the rows ``keep``
    (:func:`keep_rows`: 0 the header) kept on the page of the row after them."""
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
            if i in keep:
                ooxml.keep_with_next(p)
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
