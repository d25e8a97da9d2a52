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

from .grammar import direction_of, name_in_unit, rank_phrase, verb
from .numbers import (NBSP, fmt_number, fmt_percent, fmt_pp, is_missing, round_half_up,
                      shown_difference)
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


def _head(indicator, unit_name) -> str:
    return name_in_unit(sentence_name(indicator), unit_name)


def sentence_level(indicator, unit_name, year, value) -> str:
    """Return e.g. "Liczba rodzin ... w gminie Blizanów wyniosła w 2023 r. 125."."""
    head = _head(indicator, unit_name)
    if is_missing(value):
        return f"{head}: brak danych za {_year(year)}"
    return _stop(f"{head} {verb('wyniósł', indicator.gender)} w {_year(year)} "
                 f"{_level(indicator, value)}")


def _change_detail(indicator, trend, abs_change) -> str:
    pct = _get(trend, "pct_change")
    if indicator.kind == "share":
        return f"o {fmt_change(abs_change, indicator)}"
    text = f"o {fmt_change(abs_change, indicator)}"
    if not is_missing(pct):
        text += f", tj. o {fmt_percent(abs(float(pct)))}"
    return text


def _basis(n: int, expected) -> str:
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


def sentence_trend(indicator, unit_name, trend, expected_points=None) -> str:
    """Return the change over the period, said honestly when it is within noise.

    ``trend`` has start_year, end_year, start_value, end_value, abs_change, pct_change,
    avg_annual_rate, slope, significant, direction, last_year_change, n_points.
    ``expected_points``: the number of years the trend is computed over, stated once in the
    methodology; the count of observations is then given only when it is smaller (years
    without data). ``None`` always gives the count.
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
    d = KIND_DECIMALS.get(indicator.kind, 1)
    # the change of the two values as the reader sees them printed
    abs_change = shown_difference(end, start, d)
    endpoint = direction_of(abs_change)
    if endpoint == "bez zmian":
        text = f"{head} {period} {verb('pozostał', g)} bez zmian ({v0} w {_year(y0)} i {v1} w {_year(y1)})"
    elif _get(trend, "direction") == "bez zmian":
        text = (f"{head} {period} {verb('pozostał', g)} praktycznie bez zmian "
                f"({_z(v0)} {v0} do {v1})")
    else:
        word = verb("wzrósł" if endpoint == "wzrost" else "spadł", g)
        text = f"{head} {period} {word} {_z(v0)} {v0} do {v1} ({_change_detail(indicator, trend, abs_change)})"
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
    basis = _basis(n, expected_points)
    sig = "istotna statystycznie" + (f", {basis}" if basis else "")
    if _get(trend, "significant") and direction in ("wzrost", "spadek"):
        kind = "wzrostowa" if direction == "wzrost" else "spadkowa"
        if direction == endpoint:
            text += f" Tendencja {kind} jest wyraźna ({sig})."
        else:
            text += f" Wieloletnia tendencja jest jednak {kind} ({sig})."
    elif endpoint != "bez zmian":
        text += (" Zmiana nie odbiega od wahań losowych" + (f" ({basis})" if basis else "")
                 + ", więc nie świadczy o trwałej tendencji.")
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
        d = KIND_DECIMALS.get(indicator.kind, 1)
        diff = shown_difference(value, pv, d)   # of the two values as printed
        if diff == 0:
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


def _year_runs(years) -> str:
    """Return years as runs: [2017, 2018, 2020] -> "2017–2018, 2020"."""
    ys = sorted({int(y) for y in years})
    runs, start = [], None
    for i, y in enumerate(ys):
        start = y if start is None else start
        if i + 1 == len(ys) or ys[i + 1] != y + 1:
            runs.append(str(start) if start == y else f"{start}–{y}")
            start = None
    return ", ".join(runs)


def _reason(reason) -> str:
    """Return a refusal reason to follow "nie został objęty prognozą:" (no repeated lead)."""
    r = str(reason).strip()
    for lead in ("Prognozy nie sporządzono: ", "Nie prognozowano: "):
        r = r.removeprefix(lead)
    if r.startswith("Wielkość zależna od decyzji"):
        return "to w" + r[1:]
    return r[:1].lower() + r[1:] if r[:2] != r[:2].upper() else r


def sentence_forecast(indicator, unit_name, forecast, window=None) -> str:
    """Return the forecast for the horizon year with its interval, or why there is none.

    ``forecast`` has horizon (a year, or a number of years ahead), years, values, lower, upper,
    n_points, refused_reason and method; an optional ``level`` (0.8 or 80) names the interval,
    optional ``last_year`` and ``obs_years`` (the years the forecast is based on) name the
    missing years. ``window``: the number of years a forecast is based on, stated once in the
    methodology; the count of observations is then given only when it is smaller, with the
    years without data. Intervals of kinds that cannot be negative are not printed below zero.
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
                     f"{_reason(reason)}")
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
    basis = ""
    if not is_missing(n):
        basis = _basis(n, window)
        last, used = _get(forecast, "last_year"), _get(forecast, "obs_years")
        if basis and window is not None and last is not None and used:
            missing = [y for y in range(int(last) - int(window) + 1, int(last) + 1)
                       if y not in {int(u) for u in used}]
            if missing:
                basis = (f"na podstawie {int(n)}{NBSP}obserwacji – brak danych za "
                         f"{'rok' if len(missing) == 1 else 'lata'} {_year_runs(missing)}")
    if method and basis:
        text += f" Prognozę sporządzono metodą {method} {basis}."
    elif method:
        text += f" Prognozę sporządzono metodą {method}."
    return text


_NEED = {"worse", "neutral"}


def sentence_services(indicator, unit_name, forecast, last_value, last_year, services: str,
                      flat_pct: float = 5.0) -> str:
    """Return what the forecast means for services, from the numbers and the direction.

    ``services`` names the area's services in the accusative after "zapotrzebowanie na"
    (e.g. "pracę asystentów rodziny"). The change is the one from ``last_value`` in
    ``last_year`` to the forecast at the horizon; below ``flat_pct`` % it is "zbliżony". For
    indicators of need (direction ``worse`` or ``neutral``) a rise means more demand; for
    indicators of supply or coverage (``better``) a rise means the offer grows. "" when there
    is no forecast value or no last value.
    """
    years = [int(y) for y in (_get(forecast, "years") or [])]
    values = list(_get(forecast, "values") or [])
    if _get(forecast, "refused_reason") or not years or is_missing(last_value):
        return ""
    horizon = _get(forecast, "horizon")
    i = years.index(int(horizon)) if horizon is not None and int(horizon) in years else -1
    end, y1 = values[i], years[i]
    if is_missing(end):
        return ""
    start = float(last_value)
    d = KIND_DECIMALS.get(indicator.kind, 1)
    v0, v1 = _level(indicator, start), _level(indicator, end)
    pct = (float(end) - start) / abs(start) * 100 if start else None
    shown = round_half_up(float(end) - start, d)
    flat = shown == 0 or (pct is not None and abs(pct) < flat_pct)
    name = _head(indicator, unit_name)
    head = f"{name[:1].lower()}{name[1:]}"
    span = f"{_z(v0)} {v0} w {_year(last_year)} do ok. {v1} w {_year(y1)}"
    if flat:
        change = f"ma pozostać na zbliżonym poziomie ({v0} w {_year(last_year)}, ok. {v1} w {_year(y1)})"
    else:
        word = "wzrosnąć" if float(end) > start else "spaść"
        if indicator.kind == "share":
            how = f" o ok. {fmt_pp(abs(float(end) - start), d)}"
        else:
            how = f" o ok. {fmt_percent(abs(pct), 0)}" if pct is not None else ""
        change = f"ma {word}{how} ({span})"
    need = indicator.direction in _NEED
    if flat:
        meaning = (f"zapotrzebowanie na {services} zbliżone do obecnego" if need
                   else "utrzymanie obecnego poziomu wsparcia")
    elif float(end) > start:
        meaning = (f"większe zapotrzebowanie na {services}" if need
                   else f"dalszy rozwój wsparcia, jeśli utrzymane zostaną środki na {services}")
    else:
        meaning = (f"mniejsze zapotrzebowanie na {services}" if need
                   else f"ograniczenie wsparcia, jeśli plan nie zapewni środków na {services}")
    return _stop(f"Znaczenie dla usług: według prognozy {head} {change}, co oznacza {meaning}")


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
