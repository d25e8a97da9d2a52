"""Polish formatting of numbers, percentages, amounts and dates (babel, locale ``pl_PL``).

In: numbers as Python/numpy/pandas scalars (``None``, NaN and infinities mean "no data"), dates.
Out: strings as Polish documents print them: decimal comma, thousands grouped with a no-break
space (U+00A0), ``12,5%``, ``2,3 pkt proc.``, ``128 437,15 zł``, ``29 maja 2020 r.``; missing
values become ``brak danych``.

Choices, written down:

* Grouping: one rule for running text and tables (the same figure looks the same in both).
  Polish typography (and CLDR's
  ``minimumGroupingDigits`` = 2 for Polish, which babel does not apply) leaves four-digit
  numbers unbroken (``1234``) and groups from five digits on (``12 345``); babel's ``pl``
  pattern (``#,##0.###``) would group every number, so the group space of four-digit numbers
  is dropped here. ``group4=True`` groups them too: the charts' axis labels use it, so that a
  scale 0, 5 000, 10 000 reads as one column of aligned figures. The
  group separator babel emits for pl is U+00A0; any other space babel might emit (U+202F in
  newer CLDR data) is normalised to U+00A0, and the space between a number and its unit
  (``zł``, ``pkt proc.``) is U+00A0 as well, so a line never breaks inside a figure.
* Rounding is half away from zero on the decimal written in the source (``2,675`` -> ``2,68``),
  done with :mod:`decimal` on ``repr(x)`` before babel formats the digits, so binary floats do
  not round ``2.675`` down. A value that rounds to zero never prints as ``-0``.
* The minus sign is the real one, U+2212 (babel emits the ASCII hyphen-minus for pl): a line
  may break after a hyphen, never after a minus sign, so ``−84`` stays in one piece, and it has
  the width of ``+``, so signed columns line up.
* Percentages take values already expressed in percent (shares are stored ×100): ``12.5`` ->
  ``12,5%``, written without a space, as in the documents' style guide.
"""
from __future__ import annotations

import datetime as _dt
import math
from contextlib import nullcontext
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, getcontext, localcontext
from functools import lru_cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import parse_pattern

from .. import caches

LOCALE = "pl_PL"
NBSP = "\u00a0"
MINUS = "\u2212"
NO_DATA = "brak danych"
_OTHER_SPACES = ("\u202f", "\u2009", " ")


def is_missing(x) -> bool:
    """Return True for None, NaN, pandas NA/NaT and infinities (nothing to print)."""
    if x is None:
        return True
    try:
        f = float(x)
    except (TypeError, ValueError):
        return True
    return math.isnan(f) or math.isinf(f)


def to_decimal(x) -> Decimal:
    """Return ``x`` as a Decimal with the digits a person would read (``repr`` of a float)."""
    if isinstance(x, Decimal):
        return x
    if isinstance(x, bool):
        return Decimal(int(x))
    if isinstance(x, int):
        return Decimal(x)
    try:
        if float(x).is_integer() and abs(float(x)) < 2**53 and not isinstance(x, float):
            return Decimal(int(x))  # numpy integers
    except (TypeError, ValueError, OverflowError):
        pass
    try:
        return Decimal(repr(float(x)))
    except (InvalidOperation, ValueError) as exc:  # pragma: no cover - guarded by is_missing
        raise ValueError(f"'{x}' nie jest liczbą") from exc


def round_half_up(x, decimals: int = 0) -> Decimal:
    """Return ``x`` rounded half away from zero to ``decimals`` places, never negative zero."""
    return round_decimal(to_decimal(x), decimals)


def shown_difference(a, b, decimals: int) -> float:
    """Return ``a - b`` from both values rounded as they are printed (half up at ``decimals``),
    so that a difference printed next to them is the difference of the numbers the reader sees
    (18,8 and 18,9 give -0,1, never -0,2); NaN when either is missing."""
    if is_missing(a) or is_missing(b):
        return float("nan")
    return float(round_half_up(a, decimals) - round_half_up(b, decimals))


_QUANTUM = {k: Decimal(1).scaleb(-k) for k in range(0, 7)}


def round_decimal(d: Decimal, decimals: int = 0) -> Decimal:
    """:func:`round_half_up` of a value already converted by :func:`to_decimal`."""
    quantum = _QUANTUM.get(decimals) or Decimal(1).scaleb(-decimals)
    with _room_for(d, decimals):
        q = d.quantize(quantum, rounding=ROUND_HALF_UP)
    return abs(q) if q == 0 else q


def _room_for(d: Decimal, decimals: int):
    """Return a context in which ``d`` can be quantized to ``decimals`` places: the current one,
    or for a huge value (1e300) one with enough digits (the default 28 raise InvalidOperation)."""
    need = d.adjusted() + max(decimals, 0) + 2 if d.is_finite() else 0
    if need <= getcontext().prec:
        return nullcontext()
    ctx = getcontext().copy()
    ctx.prec = need
    return localcontext(ctx)


def _normalise(s: str) -> str:
    for sp in _OTHER_SPACES:
        s = s.replace(sp, NBSP)
    return s.replace("-", MINUS)


@lru_cache(maxsize=None)
def _locale() -> Locale:
    return Locale.parse(LOCALE)


@lru_cache(maxsize=None)
def _pattern(decimals: int | None):
    """Return babel's parsed number pattern for ``decimals`` (parsed once, not per number)."""
    if decimals is None:
        return parse_pattern("#,##0.##")
    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals > 0 else ""))


def fmt_number(x, decimals: int | None = None, *, group4: bool = False) -> str:
    """Return ``x`` with a decimal comma and no-break-space grouping, e.g. ``12 345,5``.

    ``decimals=None`` prints whole numbers without decimals and others with up to two
    (trailing zeros dropped); an int gives exactly that many places. Four-digit numbers are
    not grouped unless ``group4`` (see the module docstring).
    """
    if is_missing(x):
        return NO_DATA
    try:
        # The type is part of the key: 2**60 == 2.0**60, but the int prints all its digits
        # and the float the digits of its repr.
        return _fmt_number_cached(type(x), x, decimals, group4)
    except TypeError:  # an unhashable value
        return _fmt_number(x, decimals, group4)


@caches.lru_cache(maxsize=65536)
def _fmt_number_cached(_type, x, decimals, group4) -> str:
    # Tables of a batch of diagnoses print the same values (years, counts, 0,0) many times
    # and babel's formatting costs tens of microseconds a number.
    return _fmt_number(x, decimals, group4)


def _fmt_number(x, decimals: int | None, group4: bool) -> str:
    q = round_half_up(x, 2 if decimals is None else decimals)
    with _room_for(q, 2 if decimals is None else decimals):  # babel quantizes again
        s = _normalise(_pattern(decimals).apply(q, _locale()))
    if not group4 and abs(q) < 10000:
        s = s.replace(NBSP, "")
    return s


def fmt_signed(x, decimals: int | None = None, unit: str = "", *, group4: bool = False) -> str:
    """Return the number with an explicit sign (``+2,3``, ``−2,3``; zero has none), then ``unit``.

    A ``%`` unit is attached without a space, any other unit after a no-break space.
    """
    if is_missing(x):
        return NO_DATA
    body = fmt_number(x, decimals, group4=group4)
    shown = round_half_up(x, 2 if decimals is None else decimals)
    if shown > 0:
        body = "+" + body
    return _with_unit(body, unit)


def _with_unit(body: str, unit: str) -> str:
    if not unit:
        return body
    return body + unit if unit == "%" else body + NBSP + unit


def fmt_percent(x, decimals: int = 1, *, signed: bool = False) -> str:
    """Return a value given in percent as ``12,5%`` (``+1,5%`` with ``signed``)."""
    if is_missing(x):
        return NO_DATA
    if signed:
        return fmt_signed(x, decimals, "%")
    return fmt_number(x, decimals) + "%"


def fmt_pp(x, decimals: int = 1, *, signed: bool = False) -> str:
    """Return a difference of percentages in percentage points: ``2,3 pkt proc.``."""
    if is_missing(x):
        return NO_DATA
    if signed:
        return fmt_signed(x, decimals, "pkt proc.")
    return fmt_number(x, decimals) + NBSP + "pkt proc."


def fmt_amount(x, decimals: int | None = 2, *, group4: bool = False) -> str:
    """Return an amount in złoty: ``128 437,15 zł``; ``decimals=None`` drops ``,00``."""
    if is_missing(x):
        return NO_DATA
    if decimals is None:
        decimals = 0 if round_half_up(x, 2) == round_half_up(x, 0) else 2
    return fmt_number(x, decimals, group4=group4) + NBSP + "zł"


def fmt_year(year) -> str:
    """Return ``2020 r.`` (a year is never grouped)."""
    if is_missing(year):
        return NO_DATA
    return f"{int(year)}{NBSP}r."


def fmt_date(date) -> str:
    """Return ``29 maja 2020 r.`` (genitive month name from babel's pl data).

    Accepts ``datetime.date``/``datetime``/``pandas.Timestamp`` or an ISO string. All spaces
    are no-break spaces: a date is never split across lines.
    """
    if date is None or date != date or (
            not isinstance(date, (str, _dt.date)) and is_missing(date)):
        return NO_DATA  # None, NaT, NaN
    if isinstance(date, str):
        date = _dt.date.fromisoformat(date.strip()[:10])
    if hasattr(date, "to_pydatetime"):
        date = date.to_pydatetime()
    if isinstance(date, _dt.datetime):
        date = date.date()
    return _normalise(format_date(date, format="d MMMM y", locale=LOCALE)) + NBSP + "r."
