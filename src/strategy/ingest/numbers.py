"""Numbers and statistical symbols as Polish people and GUS tables write them.

In: the text of one cell (``"1 234 567,89"``, ``"−12,5"``, ``"104,5%"``, ``"-"``, ``"x"``).
Out: :func:`parse_number` gives a float or raises :class:`ValueError` with a Polish message;
:func:`parse_symbol` gives the store flag a GUS/OZPS symbol stands for, or ``None`` when the
cell is not a symbol (and should be read as a number).

Accepted number notation:

* decimal comma (``12,5``); a comma is always the decimal separator, so ``1,234`` is 1.234;
* thousands grouped in threes by a space, a no-break space (U+00A0) or a narrow no-break space
  (U+202F): ``1 234 567,89``; a wrongly grouped number (``1 23,4``) is rejected;
* a dot as thousands separator only where it cannot be a decimal point: ``1.234.567`` or
  ``1.234,5``; a dot as decimal point only where it cannot group thousands: ``12.5``,
  ``0.125``, ``1234.5`` (a file written by a program). ``1.234`` is ambiguous and rejected;
* a leading minus ``-`` or the typographic minus U+2212;
* a trailing ``%`` (shares), whitespace around the number;
* magnitudes up to :data:`MAX_ABS_VALUE` (a larger number is rejected as too large).

Anything else (letters, several commas, exponents, ``inf``/``nan``, an empty cell) raises
:class:`ValueError`.

Symbols: ``-``, ``–``, ``—`` and ``.`` mean no data (:data:`strategy.store.FLAG_NO_DATA`),
``x``/``X`` not applicable (:data:`strategy.store.FLAG_NOT_APPLICABLE`). GUS writes ``0`` for
"less than half the unit": that is a value rounded to zero, not a missing one, so
``parse_symbol("0")`` is ``None`` and ``parse_number("0")`` is ``0.0`` (stored without a flag).
"""
from __future__ import annotations

import re

from ..store import FLAG_NO_DATA, SYMBOL_FLAGS

#: Largest magnitude of a figure (a thousand trillion: far above any count or amount of a powiat
#: or of Poland); a larger one is an error in the file, not a figure (1e300 would also overflow
#: the formatting of numbers in the documents).
MAX_ABS_VALUE = 1e15
MAX_ABS_TEXT = "1 000 000 000 000 000"
_SPACES = " \u00a0\u202f"
_MINUSES = "-\u2212"
#: Symbols accepted besides those of :data:`strategy.store.SYMBOL_FLAGS`.
_EXTRA_SYMBOLS = {"\u2014": FLAG_NO_DATA, "...": FLAG_NO_DATA, "\u2026": FLAG_NO_DATA}

_PLAIN = re.compile(r"\d+(?:,\d+)?")
_SPACE_GROUPED = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?")
_DOT_GROUPED_FRACTION = re.compile(r"\d{1,3}(?:\.\d{3})+,\d+")
_DOT_GROUPED_MANY = re.compile(r"\d{1,3}(?:\.\d{3}){2,}")
_DOT_AMBIGUOUS = re.compile(r"[1-9]\d{0,2}\.\d{3}")
_DOT_DECIMAL = re.compile(r"\d+\.\d+")


def _fail(text: str, why: str = "") -> ValueError:
    msg = f"'{text}' nie jest liczbą"
    return ValueError(f"{msg} ({why})" if why else msg)


def parse_number(text: str, *, decimal_point: bool = False) -> float:
    """Return the number written in Polish/GUS notation; raise ValueError (Polish) otherwise.

    ``decimal_point=True`` is for files written by programs (tidy CSV): a single dot is then
    always a decimal point, so ``1.234`` is 1.234 instead of being rejected as ambiguous.
    """
    if text is None:
        raise ValueError("pusta komórka zamiast liczby")
    original = str(text)
    s = original.strip(_SPACES + "\t\r\n")
    if not s:
        raise ValueError("pusta komórka zamiast liczby")
    if s.endswith("%"):
        s = s[:-1].rstrip(_SPACES)
    sign = 1.0
    if s[:1] in _MINUSES:
        sign = -1.0
        s = s[1:].lstrip(_SPACES)
    if not s:
        raise _fail(original)
    if decimal_point and _DOT_DECIMAL.fullmatch(s):
        body = s
    elif _PLAIN.fullmatch(s) or _SPACE_GROUPED.fullmatch(s):
        body = re.sub(f"[{_SPACES}]", "", s).replace(",", ".")
    elif _DOT_GROUPED_FRACTION.fullmatch(s) or _DOT_GROUPED_MANY.fullmatch(s):
        body = s.replace(".", "").replace(",", ".")
    elif _DOT_AMBIGUOUS.fullmatch(s):
        raise _fail(original, "kropka może tu oznaczać separator tysięcy albo ułamek dziesiętny; "
                              "użyj przecinka dziesiętnego, np. 1,234 albo 1 234")
    elif _DOT_DECIMAL.fullmatch(s):
        body = s
    elif re.fullmatch(r"[\d \u00a0\u202f]+(?:,\d+)?", s):
        raise _fail(original, "cyfry źle pogrupowane: grupy tysięcy mają po 3 cyfry, np. 1 234,5")
    elif s.count(",") > 1:
        raise _fail(original, "więcej niż jeden przecinek")
    else:
        raise _fail(original)
    value = sign * float(body)
    if abs(value) > MAX_ABS_VALUE:
        raise _fail(original, f"liczba zbyt duża: większa co do wartości bezwzględnej niż "
                              f"{MAX_ABS_TEXT}")
    return value


def parse_symbol(text: str | None) -> str | None:
    """Return the store flag of a GUS/OZPS symbol (``-``, ``.``, ``x``...), else ``None``.

    ``"0"`` is not a symbol here: GUS uses it for a value below half the unit, read as 0.
    """
    if text is None:
        return None
    s = str(text).strip(_SPACES + "\t\r\n")
    if s in SYMBOL_FLAGS:
        return SYMBOL_FLAGS[s]
    return _EXTRA_SYMBOLS.get(s)


def is_number(text: str) -> bool:
    """Return True when :func:`parse_number` accepts ``text``."""
    try:
        parse_number(text)
    except ValueError:
        return False
    return True
