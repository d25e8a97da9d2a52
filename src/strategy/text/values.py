"""Values of catalogue indicators written the way their kind requires.

In: a number and a :class:`strategy.catalog.Indicator` (only ``kind``, ``unit`` and ``noun`` are
read, so any object with those attributes will do).
Out: ``1234`` (count), ``-12`` (balance), ``128 437,15 zł`` (amount), ``12,5%`` (share),
``45,3 na 10 tys. mieszkańców`` (rate), ``12,3 rodziny na asystenta`` (ratio), and changes of
them (``2,3 pkt proc.`` for shares).
"""
from __future__ import annotations

from .grammar import NOUNS, TextError, noun_form, plural
from .numbers import (NBSP, NO_DATA, fmt_amount, fmt_number, fmt_percent, fmt_pp, fmt_signed,
                      is_missing)

#: Decimal places each kind is printed with.
KIND_DECIMALS = {"count": 0, "balance": 0, "amount": 2, "share": 1, "rate": 1, "ratio": 1}
_GEN_PL = {forms[2]: key for key, forms in NOUNS.items()}


def _decimals(indicator, decimals):
    if decimals is not None:
        return decimals
    try:
        return KIND_DECIMALS[indicator.kind]
    except KeyError:
        raise TextError(f"nieznany rodzaj wskaźnika '{indicator.kind}'") from None


def _agreed_unit(x, unit: str, decimals: int) -> str:
    """Return a unit such as "rodzin na asystenta" agreed with ``x`` (12,3 rodziny na ...)."""
    head, _, rest = unit.partition(" ")
    key = _GEN_PL.get(head)
    if key is None:
        return unit
    return noun_form(x, key, decimals=decimals) + (" " + rest if rest else "")


def fmt_value(x, indicator, *, with_unit: bool = True, decimals: int | None = None,
              group4: bool = False) -> str:
    """Return ``x`` formatted by the indicator's kind; NaN -> ``brak danych``.

    Counts and balances are whole numbers followed (``with_unit``) by the agreed noun
    (``5 osób``) when the catalogue names one; shares are percentages; rates and ratios have
    one decimal and the unit; amounts are in zł with grosze.
    """
    if is_missing(x):
        return NO_DATA
    kind = indicator.kind
    d = _decimals(indicator, decimals)
    if kind == "share":
        return fmt_percent(x, d) if with_unit else fmt_number(x, d, group4=group4)
    if kind == "amount":
        return fmt_amount(x, d, group4=group4) if with_unit else fmt_number(x, d, group4=group4)
    if not with_unit:
        return fmt_number(x, d, group4=group4)
    if kind in ("count", "balance"):
        noun = indicator.noun or indicator.unit
        try:
            return plural(x, noun, decimals=d, group4=group4)
        except TextError:
            return fmt_number(x, d, group4=group4)
    unit = _agreed_unit(x, indicator.unit, d) if kind == "ratio" else indicator.unit
    return fmt_number(x, d, group4=group4) + (NBSP + unit if unit else "")


def fmt_change(delta, indicator, *, signed: bool = False, decimals: int | None = None) -> str:
    """Return a change of the indicator: ``2,3 pkt proc.`` for shares, ``30`` for counts,
    ``200,00 zł`` for amounts, ``5,2`` for rates; ``signed`` adds ``+``/``-``.
    Without ``signed`` the absolute value is printed (the sentence says which way it went).
    """
    if is_missing(delta):
        return NO_DATA
    kind = indicator.kind
    d = _decimals(indicator, decimals)
    v = float(delta) if signed else abs(float(delta))
    if kind == "share":
        return fmt_pp(v, d, signed=signed)
    unit = "zł" if kind == "amount" else ""
    if signed:
        return fmt_signed(v, d, unit)
    return fmt_number(v, d) + (NBSP + unit if unit else "")
