"""Polish typography of running text: what the Word engine applies to every text it writes.

In: a string as a builder or a notebook wrote it (paragraph, list item, heading, caption, source
line, table cell). Out: the same text set by the rules of Polish typesetting (:func:`typeset`):

* a no-break space (U+00A0) between a number and its unit or abbreviation - ``2030 r.``,
  ``15 zł``, ``12 %``, ``10 tys. zł``, ``120 os.`` - and between the groups of digits of one
  number (``1 850 000 zł``), so that a line never breaks inside a figure;
* a real minus sign (U+2212) for a hyphen standing for one before a number (``-84`` ->
  ``−84``); the minus sign does not let a line break after it (Unicode line breaking: it
  is a prefix of the number), the hyphen may;
* Polish quotation marks: ``"tekst"`` -> ``„tekst”``;
* an en dash (U+2013) in a range of numbers: ``2026-2035``, ``1-3``, ``0-17 lat``, ``1,5-2,5``.

Left alone by the rules of numbers (quotation marks are set everywhere): URLs, e-mail addresses, paths and file names, ISO dates
(``2025-05-12``), identifiers with an underscore (``dzieci_rz_zawodowe``), postal codes
(``62-800``), and hyphenated pairs that are not increasing ranges (``3-1``, scores, numbers
inside codes such as ``ABC-12`` or ``12-ABC``). TERC codes (``3007083``) contain nothing the
rules change.

The function is pure and cached (documents repeat the same short texts many times); text with
no digit, quote or hyphen returns at once.
"""
from __future__ import annotations

import re
from functools import lru_cache

NBSP = "\u00a0"
MINUS = "\u2212"
EN_DASH = "\u2013"

#: Units and abbreviations that stay on the line of the number before them ("pkt" is not one:
#: in "ust. 2 pkt 3" it belongs to the number after it; "2,3 pkt proc." comes set from fmt_pp).
UNITS = ("zł", "gr", "tys.", "mln", "mld", "r.", "rr.", "os.", "%", "‰", "proc.",
         "p.p.", "km", "km²", "m²", "ha", "godz.", "min", "szt.", "mies.", "tyg.")
#: Abbreviations that stay on the line of the number after them (``art. 17``, ``§ 3``).
BEFORE_NUMBER = ("art.", "ust.", "pkt", "poz.", "nr", "§", "Dz.U.", "Dz. U.")

_PROTECTED = re.compile(
    r"(?:https?://|ftp://|www\.)\S+"                 # URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"                  # e-mail addresses
    r"|\S*[/\\]\S*"                                   # paths, fractions written with a slash
    r"|\S+\.(?:docx|xlsx|xls|csv|yaml|yml|json|pdf|ipynb|parquet|png|txt|html|md|py|odt|zip)\b"
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?"   # ISO dates (and date-times)
    r"|[\w-]*_[\w-]*"                                 # identifiers with an underscore
    r"|(?<![\w-])\d{2}-\d{3}(?![\w-])",               # postal codes
    re.IGNORECASE)

_UNIT_ALT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
# a number (digits, an optional decimal part) + ordinary spaces + a unit not followed by a letter
_NUMBER_UNIT = re.compile(r"(\d)[ \t]+(" + _UNIT_ALT + r")(?![^\W\d_])")
# "tys. zł", "mln zł": the multiplier and the currency stay together too
_MULTIPLIER_CURRENCY = re.compile(r"\b(tys\.|mln|mld)[ \t]+(zł|os\.)(?![^\W\d_])")
_BEFORE_ALT = "|".join(re.escape(u) for u in sorted(BEFORE_NUMBER, key=len, reverse=True))
_ABBREV_NUMBER = re.compile(r"(?<![^\W\d_])(" + _BEFORE_ALT + r")[ \t]+(?=\d)")
# groups of a number: "1 850 000" (a first group of 1-3 digits, then groups of 3)
_GROUPS = re.compile(r"(?<![\d,.])\d{1,3}(?:[ \t]\d{3})+(?![\d])")
# a numeric range: two numbers (decimal comma allowed) joined by a hyphen, maybe spaced
_RANGE = re.compile(r"(?<![\w,.\-\u2212])(\d+(?:,\d+)?)[ \t]?-[ \t]?(\d+(?:,\d+)?)(?![\w\-]|[.,]\d)")
# a hyphen standing for a minus: at the start or after a space or an opening bracket/quote
_MINUS = re.compile(r"(?<![^\s(\[„\"=:;])-(?=\d)")
_QUOTE = re.compile(r'"')


def typeset(text: str) -> str:
    """Return ``text`` set by the Polish typesetting rules of the module docstring."""
    if not text:
        return text
    try:
        return _typeset_cached(text)
    except TypeError:  # pragma: no cover - str is always hashable
        return _typeset(text)


@lru_cache(maxsize=65536)
def _typeset_cached(text: str) -> str:
    return _typeset(text)


def _quick_skip(text: str) -> bool:
    return not any(c.isdigit() or c in '"-' for c in text)


def _typeset(text: str) -> str:
    if _quick_skip(text):
        return text
    out, pos = [], 0
    for m in _PROTECTED.finditer(text):
        if m.start() > pos:
            out.append(_free(text[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(_free(text[pos:]))
    result = "".join(out)
    return _quotes(result) if '"' in result else result


def _free(s: str) -> str:
    """The rules on a stretch of text with nothing protected in it (quotes come later)."""
    if not s or _quick_skip(s):
        return s
    if "-" in s:
        s = _RANGE.sub(_range, s)
        s = _MINUS.sub(MINUS, s)
    if any(c.isdigit() for c in s):
        s = _GROUPS.sub(lambda m: re.sub(r"[ \t]", NBSP, m.group(0)), s)
        s = _NUMBER_UNIT.sub(lambda m: m.group(1) + NBSP + m.group(2), s)
        s = _ABBREV_NUMBER.sub(lambda m: m.group(1) + NBSP, s)
    s = _MULTIPLIER_CURRENCY.sub(lambda m: m.group(1) + NBSP + m.group(2), s)
    return s


def _range(m: re.Match) -> str:
    a, b = (float(x.replace(",", ".")) for x in m.groups())
    if a >= b:                      # not a range from the smaller to the larger: leave it
        return m.group(0)
    return m.group(1) + EN_DASH + m.group(2)


def _quotes(s: str) -> str:
    """Straight double quotes -> „ (opening: at the start or after a space or bracket) and ”."""
    chars = list(s)
    for i, c in enumerate(chars):
        if c != '"':
            continue
        prev = chars[i - 1] if i else " "
        chars[i] = "„" if (prev.isspace() or prev in "([{–—-/" or prev == NBSP) else "”"
    return "".join(chars)
