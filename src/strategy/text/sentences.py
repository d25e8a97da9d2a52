"""Building blocks shared by the sentence modules: how a sentence names an indicator in a unit,
prints a value or a year, ends, and says on how many observations it rests.

No whole sentence is written here. The sentences themselves live one module per chapter:
:mod:`.diagnoza_obszary` (an area of a diagnosis: level, comparison with the powiat and rank,
trend, forecast, meaning for services), :mod:`.prognoza` (reasons a forecast was not made, the
method paragraphs), :mod:`.ranking`, :mod:`.swot`, :mod:`.metodologia`, :mod:`.realizacja`.

In: a catalogue indicator (``name``, ``gender``, ``kind``, ``unit``, ``noun``, ``direction``), a
unit name (``"gmina Blizanów"``, ``"Blizanów"``, ``"powiat kaliski"``) and analysis results as
any object with the documented attributes or a dict (duck typing).

Conventions expected from the analysis: ``pct_change``, ``avg_annual_rate`` and ``diff_pct`` are
in percent (``12.5`` means 12,5%); ``rank`` 1 is the most favourable position (``None`` when the
indicator has no favourable direction); ``direction`` of the indicator is ``worse`` when a higher
value is worse.
"""
from __future__ import annotations

from .grammar import name_in_unit
from .numbers import NBSP
from .values import fmt_value

#: Kinds whose powiat value is a sum, not a level (compared "w całym powiecie").
TOTAL_KINDS = ("count", "amount", "balance")


def field_of(obj, name, default=None):
    """Return ``obj[name]`` of a dict or ``obj.name`` of any other object (``default`` if
    absent)."""
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def z_prep(number_text: str) -> str:
    """Return the preposition "z" or "ze" before a printed number ("ze 150", "z 12,5%")."""
    digits = number_text.lstrip("+-").split(",")[0].replace(NBSP, "")
    return "ze" if digits.isdigit() and len(digits) % 3 == 0 and digits[0] == "1" else "z"


def year_text(y) -> str:
    """Return "2023 r." (a no-break space before "r.")."""
    return f"{int(y)}{NBSP}r."


def level_text(indicator, x) -> str:
    """Return a value as a sentence shows it: counts bare (the name says what is counted)."""
    return fmt_value(x, indicator, with_unit=indicator.kind not in ("count", "balance"))


def bare_text(indicator, x) -> str:
    """Return a value with the unit only where it is a symbol (%, zł), for second mentions."""
    return fmt_value(x, indicator, with_unit=indicator.kind in ("share", "amount"))


def full_stop(text: str) -> str:
    """Return ``text`` ending with one full stop (units such as "pkt proc." end with one)."""
    return text if text.endswith(".") else text + "."


def sentence_name(indicator) -> str:
    """Return the indicator's name without a closing bracket that only repeats its unit:
    "Przeciętne obciążenie asystenta rodziny (rodziny na asystenta)" with the unit "rodzin na
    asystenta" -> "Przeciętne obciążenie asystenta rodziny" (a sentence prints the value with
    its unit, so the bracket would double it). A bracket that says more (a definition such as
    "(65+ na 100 osób w wieku 15-64)") stays."""
    name, unit = str(indicator.name), str(getattr(indicator, "unit", "") or "")
    if not name.endswith(")") or "(" not in name or not unit:
        return name
    head, _, inner = name[:-1].rpartition("(")
    iw, uw = inner.split(), unit.split()
    same = (len(iw) == len(uw) and iw[1:] == uw[1:]
            and iw[0][:5].lower() == uw[0][:5].lower())
    return head.rstrip() if same and head.strip() else name


def head_of(indicator, unit_name) -> str:
    """Return the subject a sentence starts with: "Liczba rodzin ... w gminie Blizanów"."""
    return name_in_unit(sentence_name(indicator), unit_name)


def observations_basis(n: int, expected) -> str:
    """Return "na podstawie N obserwacji" - only when N differs from ``expected`` (the number
    of years the methodology states once), then with the reason; "" when it is the expected
    number; the bare count when nothing is expected (``None``)."""
    if expected is None:
        return f"na podstawie {int(n)}{NBSP}obserwacji"
    if int(n) >= int(expected):
        return ""
    k = int(expected) - int(n)
    return (f"na podstawie {int(n)}{NBSP}obserwacji – brak danych za {k} z "
            f"{int(expected)}{NBSP}lat")


def year_runs(years) -> str:
    """Return years as runs: [2017, 2018, 2020] -> "2017–2018, 2020"."""
    ys = sorted({int(y) for y in years})
    runs, start = [], None
    for i, y in enumerate(ys):
        start = y if start is None else start
        if i + 1 == len(ys) or ys[i + 1] != y + 1:
            runs.append(str(start) if start == y else f"{start}–{y}")
            start = None
    return ", ".join(runs)
