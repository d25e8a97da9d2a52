"""Units of measure: does the unit a file declares fit the catalogue indicator, and by what factor.

In: the unit text of a file (BDL's "Jednostka miary" column, the ``[osoba]`` of a CTAB header,
the template's unit column) and the unit of a catalogue indicator (``osoba``, ``%``,
``na 10 tys. mieszkańców``, ``zł``).
Out: :func:`fit` - ``(True, factor)`` when the figures may be stored as the indicator (``factor``
turns them into the indicator's unit: 1000 for ``tys. osób``), ``(False, why)`` when they may
not: a count is never stored as a rate or a share, nor a rate as a count.

Units are compared by class: *count* (osoba, rodzina, dziecko, placówka, miejsce...), *amount*
(zł), *share* (%), *rate* with its base (``na 10 tys.`` = 10 000, ``na 1000`` = 1 000). A unit
the workbench does not recognise (or none) is not checked: the file may not say.
"""
from __future__ import annotations

import re

#: Multipliers written before a unit ("tys. osób" is thousands of persons).
_MULTIPLIERS = {"tys.": 1_000, "tys": 1_000, "tysiące": 1_000, "tysięcy": 1_000,
                "mln": 1_000_000, "mln.": 1_000_000}
_COUNT = ("osob", "osób", "osoba", "osoby", "os.", "rodzin", "dzieck", "dzieci", "placów",
          "miejsc", "procedur", "szt", "asystent", "mieszkań", "gospodarstw", "urodzen",
          "zgon", "bezrobotn", "beneficjent", "świadczen", "karta", "karty", "kart", "wniosk",
          "decyzj", "etat", "pracownik", "orzecz", "wniose")
_BASES = {"10 tys.": 10_000, "10tys.": 10_000, "10 000": 10_000, "10000": 10_000,
          "1000": 1_000, "1 000": 1_000, "1 tys.": 1_000, "100": 100, "100 tys.": 100_000,
          "100 000": 100_000}


def clean(unit: str | None) -> str:
    """Return the unit text without brackets, quotes and extra spaces, lower case."""
    s = str(unit or "").replace("\u00a0", " ").strip().strip('"').strip()
    s = s.strip("[]()").strip()
    return re.sub(r"\s+", " ", s).casefold()


def classify(unit: str | None) -> tuple[str | None, float, int | None]:
    """Return ``(class, multiplier, rate base)`` of a unit; class None when not recognised."""
    s = clean(unit)
    if not s or s in ("-", "x", "."):
        return None, 1.0, None
    if s.startswith("%") or s in ("procent", "odsetek"):
        return "share", 1.0, None
    m = re.match(r"^na\s+(.*)$", s)
    if m:
        rest = m.group(1)
        for text, base in sorted(_BASES.items(), key=lambda kv: -len(kv[0])):
            if rest.startswith(text):
                return "rate", 1.0, base
        return "rate", 1.0, None
    if " na " in s:
        return None, 1.0, None  # a ratio such as "rodzin na asystenta": not checked
    factor = 1.0
    first, _, tail = s.partition(" ")
    if first in _MULTIPLIERS and tail:
        factor, s = float(_MULTIPLIERS[first]), tail
    if s in ("zł", "zl", "złoty", "pln") or s.startswith("zł"):
        return "amount", factor, None
    if s.startswith(_COUNT):
        return "count", factor, None
    return None, 1.0, None


def fit(file_unit: str | None, indicator_unit: str | None) -> tuple[bool, float | str]:
    """Return ``(True, factor)`` if figures in ``file_unit`` fit ``indicator_unit``, else
    ``(False, reason in Polish)``."""
    fc, ff, fb = classify(file_unit)
    ic, if_, ib = classify(indicator_unit)
    if fc is None or ic is None:
        return True, 1.0
    if fc != ic:
        what = {"count": "liczby bezwzględne", "amount": "kwoty", "share": "odsetki (%)",
                "rate": "wskaźniki na określoną liczbę mieszkańców"}
        return False, (f"plik podaje {what[fc]} (jednostka '{clean(file_unit)}'), a wskaźnik "
                       f"ma jednostkę '{indicator_unit}' ({what[ic]})")
    if fc == "rate" and fb and ib and fb != ib:
        return False, (f"plik podaje wartości '{clean(file_unit)}', a wskaźnik "
                       f"'{indicator_unit}' (inna podstawa przeliczenia)")
    return True, ff / if_
