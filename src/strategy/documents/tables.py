"""Word tables from pandas DataFrames, with Polish number formatting.

In: a DataFrame (columns = table columns; a named or non-default index becomes the first
columns), optional per-column formats and widths, the usable text width of the section.
Out: a python-docx table in the "Tabela strategii" style: header row repeated on every page,
rows that never split across pages, numbers formatted by :func:`strategy.text.fmt_number`
(decimal comma, no-break-space thousands, also for four-digit numbers so a column aligns) and
right-aligned, text left-aligned, missing values printed as :data:`MISSING`.
"""
from __future__ import annotations

import math
import numbers
import re
import weakref
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Emu
from docx.table import Table
from lxml import etree

from .. import caches
from ..errors import DocumentError
from ..text import fmt_number, is_missing
from ..text.numbers import round_decimal, to_decimal
from . import reference
from .ooxml import escape_xml

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


def column_array(df: pd.DataFrame, k: int):
    """Return the values of column ``k`` of ``df`` as stored (ndarray or extension array),
    without a Series (each ``df[c]`` deep-copies the frame's attrs)."""
    get = getattr(df, "_get_column_array", None)
    return get(k) if get is not None else df.iloc[:, k]._values


def column_items(df: pd.DataFrame, k: int) -> list:
    """Return the values of column ``k`` of ``df`` as ``df.itertuples()`` gives them (Python
    scalars for numpy columns, the array's own items otherwise)."""
    arr = column_array(df, k)
    # Series.__iter__: numpy arrays by .item() (== tolist()), other arrays by iteration
    return arr.tolist() if isinstance(arr, np.ndarray) else list(arr)


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


def style_id(doc, name: str, kind) -> str | None:
    """Return the id of style ``name`` of ``doc`` (None for the default style of its kind).

    Resolved once per document: python-docx finds the default style by scanning every style,
    which costs about half a millisecond a call.
    """
    ids = _STYLE_IDS.setdefault(doc.part, {})
    key = (name, kind)
    if key not in ids:
        # doc.part.get_style_id(doc.styles[name], kind), with the default style of the kind
        # looked up once per document rather than once per style.
        style = doc.styles[name]
        if style.type != kind:
            raise ValueError("assigned style is type %s, need type %s" % (style.type, kind))
        default_key = (None, kind)
        if default_key not in ids:
            ids[default_key] = doc.styles.element.default_for(kind)
        ids[key] = None if style.element is ids[default_key] else style.style_id
    return ids[key]


_STYLE_IDS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


@caches.lru_cache(maxsize=65536)   # numbers, "b.d." and names repeat within and across tables
def _run_xml(text: str) -> str:
    """Return the ``w:r`` python-docx's ``paragraph.add_run(text)`` makes: tabs become
    ``w:tab``, line breaks ``w:br``, text with outer whitespace keeps it (``xml:space``)."""
    if not text:
        return "<w:r/>"
    out = ["<w:r>"]
    for piece in _BREAKS.split(text) if _BREAKS.search(text) else (text,):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            out.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            out.append(f"<w:t{space}>{escape_xml(piece)}</w:t>")
    out.append("</w:r>")
    return "".join(out)


_BREAKS = re.compile(r"([\t\r\n])")


def _cell_start(twips: int, sid: str | None, right: bool) -> str:
    """Return the XML of a cell up to its paragraph's run (see :func:`_cell_xml`)."""
    ppr = (f'<w:pStyle w:val="{escape_xml(sid)}"/>' if sid is not None else "") + (
        '<w:jc w:val="right"/>' if right else "")
    ppr = f"<w:pPr>{ppr}</w:pPr>" if ppr else "<w:pPr/>"
    return f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{twips}"/></w:tcPr><w:p>{ppr}'


_CELL_END = "</w:p></w:tc>"


def _cell_xml(twips: int, sid: str | None, right: bool, text: str) -> str:
    return f"{_cell_start(twips, sid, right)}{_run_xml(text)}{_CELL_END}"


def add_table(doc, df: pd.DataFrame, *, text_width: int, formats=None, widths: Sequence[float] | None = None,
              row_decimals: Sequence[int | None] | None = None):
    """Append a table for ``df`` to ``doc``; return (table, has_missing)."""
    df = frame_for_table(df)
    if df.shape[1] == 0:
        raise DocumentError("tabela nie ma żadnej kolumny")
    texts, nums, has_missing = cell_texts(df, formats, row_decimals)
    numeric_cols = [
        (pd.api.types.is_numeric_dtype(dt) and not pd.api.types.is_bool_dtype(dt))
        or (any(r[j] for r in nums) and all(r[j] or t[j] == MISSING for r, t in zip(nums, texts)))
        for j, dt in enumerate(df.dtypes)]
    col_w = _widths(df, texts, numeric_cols, text_width, widths)
    twips = [Emu(w).twips for w in col_w]
    if any(t < 0 for t in twips):
        raise DocumentError(f"szerokości kolumn nie mogą być ujemne: {widths}")
    # The whole table is written as one XML string and parsed once. Building it through
    # python-docx's table, cell, paragraph and run objects (each child found or inserted at its
    # schema position) took about 0.3 s of a gmina diagnosis's 0.45 s; this gives the same XML
    # (tests/test_documents_engine.py compares the two) in a small fraction of that.
    table_id = style_id(doc, reference.TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    head_id = style_id(doc, reference.TABLE_HEADING, WD_STYLE_TYPE.PARAGRAPH)
    body_id = style_id(doc, reference.TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    xml = [f"<w:tbl {nsdecls('w')}><w:tblPr>"]
    if table_id is not None:
        xml.append(f'<w:tblStyle w:val="{escape_xml(table_id)}"/>')
    xml.append('<w:tblW w:type="auto" w:w="0"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
               '<w:tblLook w:firstColumn="0" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
               'w:noHBand="1" w:noVBand="1" w:val="04A0"/></w:tblPr><w:tblGrid>')
    xml.extend(f'<w:gridCol w:w="{t}"/>' for t in twips)
    xml.append("</w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>")
    xml.extend(_cell_xml(twips[j], head_id, numeric_cols[j], str(c))
               for j, c in enumerate(df.columns))
    xml.append("</w:tr>")
    # The start of a body cell depends only on its column and alignment: made once per table.
    starts = [(_cell_start(t, body_id, False), _cell_start(t, body_id, True)) for t in twips]
    add = xml.append
    for trow, nrow in zip(texts, nums):
        add("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        for j, text in enumerate(trow):
            right = nrow[j] or (numeric_cols[j] and text == MISSING)
            add(starts[j][1 if right else 0])
            add(_run_xml(text))
            add(_CELL_END)
        add("</w:tr>")
    xml.append("</w:tbl>")
    try:
        tbl = parse_xml("".join(xml))
    except etree.XMLSyntaxError as exc:  # what python-docx raises for such text, too
        raise ValueError("All strings must be XML compatible: Unicode or ASCII, no NULL bytes "
                         "or control characters") from exc
    doc.element.body._insert_tbl(tbl)
    return Table(tbl, doc._body), has_missing
