"""Sentences of a diagnosis: level, trend, comparison with the powiat, forecast, SWOT item.

In: a catalogue indicator (``name``, ``gender``, ``kind``, ``unit``, ``noun``, ``direction``), a
unit name (``"gmina Blizanów"``, ``"Blizanów"``, ``"powiat kaliski"``) and the analysis result as
any object with the documented attributes (duck typing: the analysis is not imported here).
Out: Polish sentences that start with the indicator's name in the nominative, with verbs agreed
with its gender and every number formatted here from the result, never typed in.

Conventions expected from the analysis: ``pct_change``, ``avg_annual_rate`` and ``diff_pct`` are
in percent (``12.5`` means 12,5%); ``rank`` 1 is the most favourable position (``None`` when the
indicator has no favourable direction); ``direction`` of the indicator is ``worse`` when a higher
value is worse.
"""
from __future__ import annotations

from .grammar import direction_of, in_unit, rank_phrase, verb
from .numbers import NBSP, fmt_number, fmt_percent, fmt_pp, is_missing, round_half_up
from .values import KIND_DECIMALS, fmt_change, fmt_value

_TOTAL_KINDS = ("count", "amount", "balance")  # the powiat value is a sum, not a level
_METHODS = {"linear": "trendu liniowego", "ols": "trendu liniowego",
            "holt": "wygładzania wykładniczego Holta", "ets": "wygładzania wykładniczego",
            "naive": "naiwną (ostatnia wartość)", "drift": "naiwną z dryfem",
            "mean": "średniej z lat poprzednich", "cagr": "średniego tempa zmian"}


def _get(obj, name, default=None):
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _z(number_text: str) -> str:
    """Return the preposition "z" or "ze" before a printed number ("ze 150", "z 12,5%")."""
    digits = number_text.lstrip("+-").split(",")[0].replace(NBSP, "")
    return "ze" if digits.isdigit() and len(digits) % 3 == 0 and digits[0] == "1" else "z"


def _year(y) -> str:
    return f"{int(y)}{NBSP}r."


def _level(indicator, x) -> str:
    """Return a value as a sentence shows it: counts bare (the name says what is counted)."""
    return fmt_value(x, indicator, with_unit=indicator.kind not in ("count", "balance"))


def _stop(text: str) -> str:
    """Return ``text`` ending with one full stop (units such as "pkt proc." end with one)."""
    return text if text.endswith(".") else text + "."


def _bare(indicator, x) -> str:
    """Return a value with the unit only where it is a symbol (%, zł), for second mentions."""
    return fmt_value(x, indicator, with_unit=indicator.kind in ("share", "amount"))


def _head(indicator, unit_name) -> str:
    return f"{indicator.name} {in_unit(unit_name)}"


def sentence_level(indicator, unit_name, year, value) -> str:
    """Return e.g. "Liczba rodzin ... w gminie Blizanów wyniosła w 2023 r. 125."."""
    head = _head(indicator, unit_name)
    if is_missing(value):
        return f"{head}: brak danych za {_year(year)}"
    return _stop(f"{head} {verb('wyniósł', indicator.gender)} w {_year(year)} "
                 f"{_level(indicator, value)}")


def _change_detail(indicator, trend) -> str:
    abs_change = _get(trend, "abs_change")
    pct = _get(trend, "pct_change")
    if indicator.kind == "share":
        return f"o {fmt_change(abs_change, indicator)}"
    text = f"o {fmt_change(abs_change, indicator)}"
    if not is_missing(pct):
        text += f", tj. o {fmt_percent(abs(float(pct)))}"
    return text


def sentence_trend(indicator, unit_name, trend) -> str:
    """Return the change over the period, said honestly when it is within noise.

    ``trend`` has start_year, end_year, start_value, end_value, abs_change, pct_change,
    avg_annual_rate, slope, significant, direction, last_year_change, n_points.
    """
    g = indicator.gender
    head = _head(indicator, unit_name)
    n = _get(trend, "n_points") or 0
    start, end = _get(trend, "start_value"), _get(trend, "end_value")
    if n < 2 or is_missing(start) or is_missing(end):
        return f"{head}: za mało danych do oceny zmian (liczba lat z danymi: {int(n)})."
    y0, y1 = int(_get(trend, "start_year")), int(_get(trend, "end_year"))
    period = f"w latach {y0}–{y1}"
    v0, v1 = _level(indicator, start), _level(indicator, end)
    abs_change = _get(trend, "abs_change")
    if is_missing(abs_change):
        abs_change = float(end) - float(start)
    d = KIND_DECIMALS.get(indicator.kind, 1)
    endpoint = direction_of(round_half_up(abs_change, d))  # as the reader sees the figures
    if endpoint == "bez zmian":
        text = f"{head} {period} {verb('pozostał', g)} bez zmian ({v0} w {_year(y0)} i {v1} w {_year(y1)})"
    elif _get(trend, "direction") == "bez zmian":
        text = (f"{head} {period} {verb('pozostał', g)} praktycznie bez zmian "
                f"({_z(v0)} {v0} do {v1})")
    else:
        word = verb("wzrósł" if endpoint == "wzrost" else "spadł", g)
        text = f"{head} {period} {word} {_z(v0)} {v0} do {v1} ({_change_detail(indicator, trend)})"
    if endpoint != "bez zmian":
        if indicator.kind == "share":
            slope = _get(trend, "slope")
            if not is_missing(slope):
                text += f"; średnia zmiana roczna wyniosła {fmt_pp(slope, signed=True)}"
        else:
            rate = _get(trend, "avg_annual_rate")
            if not is_missing(rate):
                text += f"; średnie roczne tempo zmian wyniosło {fmt_percent(rate, signed=True)}"
    text = _stop(text)
    direction = _get(trend, "direction")
    basis = f"na podstawie {int(n)}{NBSP}obserwacji"
    if _get(trend, "significant") and direction in ("wzrost", "spadek"):
        kind = "wzrostowa" if direction == "wzrost" else "spadkowa"
        if direction == endpoint:
            text += f" Tendencja {kind} jest wyraźna (istotna statystycznie, {basis})."
        else:
            text += f" Wieloletnia tendencja jest jednak {kind} (istotna statystycznie, {basis})."
    elif endpoint != "bez zmian":
        text += (f" Zmiana nie odbiega od wahań losowych ({basis}), "
                 f"więc nie świadczy o trwałej tendencji.")
    last = _get(trend, "last_year_change")
    if not is_missing(last):
        text += _stop(f" W ostatnim roku ({y1} wobec {y1 - 1}) zmiana wyniosła "
                      f"{fmt_change(last, indicator, signed=True)}")
    return text


def _evaluation(indicator, diff) -> str:
    """Return "korzystniej/mniej korzystnie niż średnio w powiecie" from the direction."""
    if indicator.direction not in ("worse", "better") or is_missing(diff) or float(diff) == 0:
        return ""
    higher_is_better = indicator.direction == "better"
    good = (float(diff) > 0) == higher_is_better
    return ("korzystniej" if good else "mniej korzystnie") + " niż średnio w powiecie"


def sentence_comparison(indicator, unit_name, row: dict, n_units) -> str:
    """Return the unit's value against the powiat, the difference and the rank.

    ``row`` has year, value, powiat_value, diff, diff_pct, rank, n_units, median, position.
    Shares are compared in percentage points, other rates in units and per cent.
    """
    g = indicator.gender
    head = _head(indicator, unit_name)
    year, value, pv = _get(row, "year"), _get(row, "value"), _get(row, "powiat_value")
    if is_missing(value):
        return f"{head}: brak danych za {_year(year)}"
    text = f"{head} {verb('wyniósł', g)} w {_year(year)} {_level(indicator, value)}"
    n_units = n_units if not is_missing(n_units) else _get(row, "n_units")
    if indicator.kind in _TOTAL_KINDS:
        if not is_missing(pv):
            text += f" wobec {_bare(indicator, pv)} w całym powiecie"
    elif not is_missing(pv):
        text += f" wobec {_bare(indicator, pv)} w powiecie"
        diff = _get(row, "diff")
        if is_missing(diff):
            diff = float(value) - float(pv)
        d = KIND_DECIMALS.get(indicator.kind, 1)
        if round_half_up(diff, d) == 0:
            text += ", czyli na poziomie powiatu"
        else:
            more = "więcej" if float(diff) > 0 else "mniej"
            amount = fmt_change(diff, indicator)
            pct = _get(row, "diff_pct")
            if indicator.kind != "share" and not is_missing(pct):
                amount += f" ({fmt_percent(abs(float(pct)))})"
            text += f", tj. o {amount} {more}"
            evaluation = _evaluation(indicator, diff)
            if evaluation:
                text += f" – {evaluation}"
    rank = _get(row, "rank")
    if not is_missing(rank) and not is_missing(n_units):
        text += f"; to {rank_phrase(rank, n_units)} (licząc od najkorzystniejszej sytuacji)"
    median = _get(row, "median")
    if not is_missing(median) and indicator.kind not in _TOTAL_KINDS:
        text += f"; mediana dla gmin powiatu: {_bare(indicator, median)}"
    return _stop(text)


def _method(name) -> str:
    if not name:
        return ""
    return _METHODS.get(str(name).lower(), str(name))


def sentence_forecast(indicator, unit_name, forecast) -> str:
    """Return the forecast for the horizon year with its interval, or why there is none.

    ``forecast`` has horizon (a year, or a number of years ahead), years, values, lower, upper,
    n_points, refused_reason and method; an optional ``level`` (0.8 or 80) names the interval.
    Intervals of kinds that cannot be negative are not printed below zero.
    """
    g = indicator.gender
    head = _head(indicator, unit_name)
    reason = _get(forecast, "refused_reason")
    years = list(_get(forecast, "years") or [])
    values = list(_get(forecast, "values") or [])
    if not reason and (not years or not values):
        reason = "brak wartości prognozy"
    if reason:
        return _stop(f"{head} nie {verb('został', g)} {verb('objęty', g)} prognozą: "
                     f"{str(reason).strip()}")
    horizon = _get(forecast, "horizon")
    years_int = [int(y) for y in years]
    if horizon is not None and int(horizon) in years_int:
        i = years_int.index(int(horizon))
    elif horizon is not None and 0 < int(horizon) <= len(years_int):
        i = int(horizon) - 1  # horizon given as years ahead
    else:
        i = len(years_int) - 1
    value = values[i]
    if is_missing(value):
        return f"{head} nie {verb('został', g)} {verb('objęty', g)} prognozą: brak wartości prognozy."
    text = (f"{head} w {_year(years_int[i])} wyniesie według prognozy ok. "
            f"{_level(indicator, value)}")
    lower, upper = _get(forecast, "lower"), _get(forecast, "upper")
    lo = list(lower)[i] if lower is not None and len(list(lower)) > i else None
    hi = list(upper)[i] if upper is not None and len(list(upper)) > i else None
    if not is_missing(lo) and not is_missing(hi):
        if indicator.kind != "balance":
            lo = max(float(lo), 0.0)
        level = _get(forecast, "level")
        label = "przedział prognozy"
        if not is_missing(level):
            pct = float(level) * 100 if float(level) <= 1 else float(level)
            label += f" {fmt_number(pct, 0)}%"
        text += f" ({label}: od {_level(indicator, lo)} do {_level(indicator, hi)})"
    text = _stop(text)
    method, n = _method(_get(forecast, "method")), _get(forecast, "n_points")
    if method and not is_missing(n):
        text += f" Prognozę sporządzono metodą {method} na podstawie {int(n)}{NBSP}obserwacji."
    elif method:
        text += f" Prognozę sporządzono metodą {method}."
    return text


def sentence_swot(item: dict) -> str:
    """Return one sentence citing the numbers behind a SWOT item.

    ``item`` has kind ("mocna strona"/"słaba strona"), indicator, unit_name, year, value,
    powiat_value, rank, n_units.
    """
    ind = _get(item, "indicator")
    head = _head(ind, _get(item, "unit_name"))
    year, value, pv = _get(item, "year"), _get(item, "value"), _get(item, "powiat_value")
    if is_missing(value):
        return f"{head}: brak danych za {_year(year)}"
    text = f"{head} {verb('wyniósł', ind.gender)} w {_year(year)} {_level(ind, value)}"
    if not is_missing(pv):
        where = "w całym powiecie" if ind.kind in _TOTAL_KINDS else "w powiecie"
        text += f" wobec {_bare(ind, pv)} {where}"
        if ind.kind not in _TOTAL_KINDS:
            kind = _get(item, "kind")
            if kind == "mocna strona":
                text += " – korzystniej niż średnio w powiecie"
            elif kind == "słaba strona":
                text += " – mniej korzystnie niż średnio w powiecie"
    rank, n = _get(item, "rank"), _get(item, "n_units")
    if not is_missing(rank) and not is_missing(n):
        text += f" ({rank_phrase(rank, n)}, licząc od najkorzystniejszej sytuacji)"
    return _stop(text)
