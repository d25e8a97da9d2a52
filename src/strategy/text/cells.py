"""Table cells as text: the one rule the notebooks and the Word documents print tables by.

In: a DataFrame (any dtypes: numbers, text, lists, missing values), optional per-column
formats (decimals or a callable) and per-row decimals (rows holding different indicators).
Out: the text of every body cell, which cells hold numbers (aligned right by the caller) and
whether any value is missing. :mod:`strategy.notebook_helpers` shows these texts through
pandas' Styler, :mod:`strategy.documents.tables` writes them into a Word table.

The rule:

* A number gets a decimal comma and its thousands grouped with a no-break space by the one
  rule of running text (:func:`strategy.text.fmt_number`): from five digits on (``12 345``),
  four-digit numbers unbroken (``1234``), so a table prints a figure as the text around it.
* Decimals: a column's format when given, else the row's decimals (``row_decimals``) in the
  columns they apply to, else the fewest places (0-2) that print every number of the column as
  it is at two places (:func:`auto_decimals`): ``12 345`` and ``6,5`` in one column print as
  ``12 345,0`` and ``6,5``.
* A missing value (None, NaN, NA, NaT) prints as :data:`MISSING`, ``b.d.``, and the table
  gets :data:`MISSING_NOTE` under it. Not GUS's own symbols: in GUS tables a dash means "the
  phenomenon did not occur" (a true zero) and a dot "no data or no reliable data"; a dash
  read as zero would falsify a table, and a lone dot in a column of numbers is easy to miss.
  ``b.d.`` with its explanation under the table is the abbreviation Polish reports
  commonly use for "brak danych" and is unambiguous. Running text writes ``brak danych`` in
  full (:data:`strategy.text.NO_DATA`).
* Lists print as their items joined with ``, ``; other text as it is.
"""
from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from .. import caches
from .grammar import TextError
from .numbers import fmt_number, is_missing, round_decimal, to_decimal

#: How a missing value (NaN, None, NA) is printed in a table cell.
MISSING = "b.d."
#: Explanation printed under a table that has missing values.
MISSING_NOTE = "b.d. – brak danych"

Format = int | Callable[[object], str]
_INFINITIES = (math.inf, -math.inf)


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


def column_items(df: pd.DataFrame, k: int) -> list:
    """Return the values of column ``k`` of ``df`` (by position, so repeated names are fine)
    as Python scalars, as ``df.itertuples()`` gives them."""
    return df.iloc[:, k].tolist()


def frame_for_table(df: pd.DataFrame) -> pd.DataFrame:
    """Return ``df`` with a meaningful index (named, or not the default 0, 1, 2...) moved
    into columns; raise :class:`TextError` for anything but a DataFrame."""
    if not isinstance(df, pd.DataFrame):
        raise TextError(f"tabela wymaga ramki danych (DataFrame), otrzymano {type(df).__name__}")
    if isinstance(df.index, pd.RangeIndex) and df.index.name is None:
        return df
    return df.reset_index()


def cell_texts(df: pd.DataFrame, formats: Mapping[str, Format] | None = None,
               row_decimals: Sequence[int | None] | None = None, *,
               row_columns: Sequence[str] | None = None
               ) -> tuple[list[list[str]], list[list[bool]], bool]:
    """Return (texts, numeric flags, has_missing) for every body cell of ``df``.

    ``formats`` maps a column name to a number of decimals or to a callable that formats one
    value (it receives every value, missing ones included). ``row_decimals`` gives, per row,
    the decimals of the numbers in ``row_columns`` (default: every column without a format;
    a ``None`` entry: the column's own), for tables whose rows hold different indicators
    (counts next to rates). Raise :class:`TextError` for a format of a column the table does
    not have and for ``row_decimals`` of another length than the table.
    """
    formats = dict(formats or {})
    unknown = [c for c in formats if c not in df.columns]
    if unknown:
        raise TextError(f"formaty podano dla kolumn, których nie ma w tabeli: {unknown}")
    if row_decimals is not None and len(row_decimals) != len(df):
        raise TextError(f"podano miejsca po przecinku dla {len(row_decimals)} wierszy, "
                        f"a tabela ma {len(df)} wierszy")
    cols = list(df.columns)
    values = [column_items(df, k) for k in range(df.shape[1])]
    rows = list(zip(*values)) if len(df) else []
    numeric_dtype = [pd.api.types.is_numeric_dtype(t) for t in df.dtypes]
    spec = [formats.get(c) if formats.get(c) is not None else auto_decimals(values[j])
            for j, c in enumerate(cols)]
    if row_columns is None:
        free = [c not in formats for c in cols]
    else:
        wanted = set(row_columns)
        free = [c in wanted and c not in formats for c in cols]
    texts, nums, has_missing = [], [], False
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
            elif tv in (list, tuple, set):
                na, number = False, False
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
                trow.append(fmt_number(v, int(f)))
                nrow.append(True)
            elif tv in (list, tuple, set):
                trow.append(", ".join(str(x) for x in v))
                nrow.append(False)
            else:
                trow.append(str(v))
                nrow.append(False)
        texts.append(trow)
        nums.append(nrow)
    return texts, nums, has_missing


def numeric_columns(df: pd.DataFrame, texts, nums) -> list[bool]:
    """Return, per column, whether it holds numbers (aligned right): a numeric dtype (not bool),
    or numbers in some cells and numbers or :data:`MISSING` in all."""
    return [(pd.api.types.is_numeric_dtype(dt) and not pd.api.types.is_bool_dtype(dt))
            or (any(r[j] for r in nums) and all(r[j] or t[j] == MISSING
                                                for r, t in zip(nums, texts)))
            for j, dt in enumerate(df.dtypes)]
