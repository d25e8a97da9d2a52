"""The sentences of one area section of a diagnosis ("Sytuacja społeczna gminy w poszczególnych
obszarach"): for each key indicator its level or its comparison with the powiat (with the rank
among the gminas), its trend and its forecast, and for the area the meaning of the forecast for
services. :func:`area_sentences` puts them in the order the section prints them.

Where each sentence is written (one function each; examples from the demo data):

* :func:`sentence_comparison` - "Liczba beneficjentów ... w gminie Blizanów wyniosła w 2024 r.
  ... wobec ... w powiecie, tj. o ... mniej – korzystniej niż średnio w powiecie; to 3. miejsce
  spośród 11 gmin powiatu (licząc od najkorzystniejszej sytuacji); mediana dla gmin powiatu:
  ..." (the rank phrase is :func:`strategy.text.grammar.rank_phrase`);
* :func:`sentence_level` - "... wyniosła w 2024 r. 125." (a powiat, or no comparison);
* :func:`sentence_trend` - "... w latach 2015–2024 spadła ze 150 do 120 (...). Tendencja
  spadkowa jest wyraźna (istotna statystycznie). W ostatnim roku ...";
* :func:`sentence_forecast` - "... w 2035 r. wyniesie według prognozy ok. ... (przedział
  prognozy 80%: od ... do ...). Prognozę sporządzono metodą ...", or "... nie została objęta
  prognozą: <why>" (the why: :func:`strategy.text.prognoza.refusal_clause`);
* :func:`sentence_services` - "Znaczenie dla usług: według prognozy ... ma wzrosnąć o ok. ...,
  co oznacza większe zapotrzebowanie na ...";
* :func:`table_note` - "Wartości wskaźników z tego obszaru zestawiono w tabeli (zob. ...).",
  :func:`no_data` - "Brak danych w tym obszarze dla jednostki: ..." (the section's frame).

In: catalogue indicators, the unit's name ("gmina Blizanów") and the facts of
:mod:`strategy.analysis` (comparison rows, :class:`~strategy.analysis.trend.Trend`,
:class:`~strategy.analysis.forecast.Forecast`, or any object or dict with their fields).
Out: Polish sentences that start with the indicator's name in the nominative, with verbs agreed
with its gender and every number formatted here from the facts, never typed in.
"""
from __future__ import annotations

from ..analysis.trend import SMALL_CHANGE_PCT
from .grammar import direction_of, rank_phrase, verb
from .numbers import (NBSP, fmt_number, fmt_percent, fmt_pp, is_missing, round_half_up,
                      shown_difference)
from .prognoza import NO_VALUE, method_name, not_made, refusal_clause
from .sentences import (TOTAL_KINDS, bare_text, field_of, full_stop, head_of, level_text,
                        observations_basis, year_runs, year_text, z_prep)
from .values import KIND_DECIMALS, fmt_change


def sentence_level(indicator, unit_name, year, value) -> str:
    """Return e.g. "Liczba rodzin ... w gminie Blizanów wyniosła w 2023 r. 125."."""
    head = head_of(indicator, unit_name)
    if is_missing(value):
        return f"{head}: brak danych za {year_text(year)}"
    return full_stop(f"{head} {verb('wyniósł', indicator.gender)} w {year_text(year)} "
                     f"{level_text(indicator, value)}")


def _change_detail(indicator, trend, abs_change) -> str:
    pct = field_of(trend, "pct_change")
    if indicator.kind == "share":
        return f"o {fmt_change(abs_change, indicator)}"
    text = f"o {fmt_change(abs_change, indicator)}"
    if not is_missing(pct):
        text += f", tj. o {fmt_percent(abs(float(pct)))}"
    return text


def sentence_trend(indicator, unit_name, trend, expected_points=None) -> str:
    """Return the change over the period, said honestly when it is within noise.

    ``trend`` has start_year, end_year, start_value, end_value, abs_change, pct_change,
    avg_annual_rate, slope, significant, direction, last_year_change, n_points.
    ``expected_points``: the number of years the trend is computed over, stated once in the
    methodology; the count of observations is then given only when it is smaller (years
    without data). ``None`` always gives the count.
    """
    g = indicator.gender
    head = head_of(indicator, unit_name)
    n = field_of(trend, "n_points") or 0
    start, end = field_of(trend, "start_value"), field_of(trend, "end_value")
    if n < 2 or is_missing(start) or is_missing(end):
        return f"{head}: za mało danych do oceny zmian (liczba lat z danymi: {int(n)})."
    y0, y1 = int(field_of(trend, "start_year")), int(field_of(trend, "end_year"))
    period = f"w latach {y0}–{y1}"
    v0, v1 = level_text(indicator, start), level_text(indicator, end)
    d = KIND_DECIMALS.get(indicator.kind, 1)
    # the change of the two values as the reader sees them printed
    abs_change = shown_difference(end, start, d)
    endpoint = direction_of(abs_change)
    if endpoint == "bez zmian":
        text = (f"{head} {period} {verb('pozostał', g)} bez zmian ({v0} w {year_text(y0)} i "
                f"{v1} w {year_text(y1)})")
    elif field_of(trend, "direction") == "bez zmian":
        text = (f"{head} {period} {verb('pozostał', g)} praktycznie bez zmian "
                f"({z_prep(v0)} {v0} do {v1})")
    else:
        word = verb("wzrósł" if endpoint == "wzrost" else "spadł", g)
        text = f"{head} {period} {word} {z_prep(v0)} {v0} do {v1}"
        if float(start) != 0 or indicator.kind == "share":   # "z 0 do 109 (o 109)" says it twice
            text += f" ({_change_detail(indicator, trend, abs_change)})"
    if endpoint != "bez zmian":
        if indicator.kind == "share":
            slope = field_of(trend, "slope")
            if not is_missing(slope):
                text += f"; średnia zmiana roczna wyniosła {fmt_pp(slope, signed=True)}"
        else:
            rate = field_of(trend, "avg_annual_rate")
            if not is_missing(rate):
                text += f"; średnie roczne tempo zmian wyniosło {fmt_percent(rate, signed=True)}"
    text = full_stop(text)
    direction = field_of(trend, "direction")
    basis = observations_basis(n, expected_points)
    sig = "istotna statystycznie" + (f", {basis}" if basis else "")
    if field_of(trend, "significant") and direction in ("wzrost", "spadek"):
        kind = "wzrostowa" if direction == "wzrost" else "spadkowa"
        if direction == endpoint:
            text += f" Tendencja {kind} jest wyraźna ({sig})."
        else:
            text += f" Wieloletnia tendencja jest jednak {kind} ({sig})."
    elif endpoint != "bez zmian":
        text += (" Zmiana nie odbiega od wahań losowych" + (f" ({basis})" if basis else "")
                 + ", więc nie świadczy o trwałej tendencji.")
    last = field_of(trend, "last_year_change")
    if not is_missing(last):
        text += full_stop(f" W ostatnim roku ({y1} wobec {y1 - 1}) zmiana wyniosła "
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
    head = head_of(indicator, unit_name)
    year, value, pv = field_of(row, "year"), field_of(row, "value"), field_of(row, "powiat_value")
    if is_missing(value):
        return f"{head}: brak danych za {year_text(year)}"
    text = f"{head} {verb('wyniósł', g)} w {year_text(year)} {level_text(indicator, value)}"
    n_units = n_units if not is_missing(n_units) else field_of(row, "n_units")
    if indicator.kind in TOTAL_KINDS:
        if not is_missing(pv):
            text += f" wobec {bare_text(indicator, pv)} w całym powiecie"
    elif not is_missing(pv):
        text += f" wobec {bare_text(indicator, pv)} w powiecie"
        d = KIND_DECIMALS.get(indicator.kind, 1)
        diff = shown_difference(value, pv, d)   # of the two values as printed
        if diff == 0:
            text += ", czyli na poziomie powiatu"
        else:
            more = "więcej" if float(diff) > 0 else "mniej"
            amount = fmt_change(diff, indicator)
            pct = field_of(row, "diff_pct")
            if indicator.kind != "share" and not is_missing(pct):
                amount += f" ({fmt_percent(abs(float(pct)))})"
            text += f", tj. o {amount} {more}"
            evaluation = _evaluation(indicator, diff)
            if evaluation:
                text += f" – {evaluation}"
    rank = field_of(row, "rank")
    if not is_missing(rank) and not is_missing(n_units):
        of = field_of(row, "n_powiat")
        text += (f"; to {rank_phrase(rank, n_units, of=of)} (licząc od najkorzystniejszej "
                 "sytuacji)")
    median = field_of(row, "median")
    if not is_missing(median) and indicator.kind not in TOTAL_KINDS:
        text += f"; mediana dla gmin powiatu: {bare_text(indicator, median)}"
    return full_stop(text)


def _not_forecast(indicator, unit_name, clause: str) -> str:
    """Return "<indicator in unit> nie został objęty prognozą: <clause>."."""
    g = indicator.gender
    return full_stop(f"{head_of(indicator, unit_name)} nie {verb('został', g)} "
                     f"{verb('objęty', g)} prognozą: {clause}")


def sentence_forecast(indicator, unit_name, forecast, window=None) -> str:
    """Return the forecast for the horizon year with its interval, or why there is none.

    ``forecast`` has horizon (a year, or a number of years ahead), years, values, lower, upper,
    n_points, refusal (a code, with basis for a decided quantity) or a worded
    refused_reason, and method; an optional ``level`` (0.8 or 80) names the interval,
    optional ``last_year`` and ``obs_years`` (the years the forecast is based on) name the
    missing years. ``window``: the number of years a forecast is based on, stated once in the
    methodology; the count of observations is then given only when it is smaller, with the
    years without data. Intervals of kinds that cannot be negative are not printed below zero.
    """
    head = head_of(indicator, unit_name)
    years = list(field_of(forecast, "years") or [])
    values = list(field_of(forecast, "values") or [])
    if not_made(forecast) or not years or not values:
        return _not_forecast(indicator, unit_name, refusal_clause(forecast))
    horizon = field_of(forecast, "horizon")
    years_int = [int(y) for y in years]
    if horizon is not None and int(horizon) in years_int:
        i = years_int.index(int(horizon))
    elif horizon is not None and 0 < int(horizon) <= len(years_int):
        i = int(horizon) - 1  # horizon given as years ahead
    else:
        i = len(years_int) - 1
    value = values[i]
    if is_missing(value):
        return _not_forecast(indicator, unit_name, NO_VALUE)
    text = (f"{head} w {year_text(years_int[i])} wyniesie według prognozy ok. "
            f"{level_text(indicator, value)}")
    lower, upper = field_of(forecast, "lower"), field_of(forecast, "upper")
    lo = list(lower)[i] if lower is not None and len(list(lower)) > i else None
    hi = list(upper)[i] if upper is not None and len(list(upper)) > i else None
    if not is_missing(lo) and not is_missing(hi):
        if indicator.kind != "balance":
            lo = max(float(lo), 0.0)
        level = field_of(forecast, "level")
        label = "przedział prognozy"
        if not is_missing(level):
            pct = float(level) * 100 if float(level) <= 1 else float(level)
            label += f" {fmt_number(pct, 0)}%"
        text += f" ({label}: od {level_text(indicator, lo)} do {level_text(indicator, hi)})"
    text = full_stop(text)
    method, n = method_name(field_of(forecast, "method")), field_of(forecast, "n_points")
    basis = ""
    if not is_missing(n):
        basis = observations_basis(n, window)
        last, used = field_of(forecast, "last_year"), field_of(forecast, "obs_years")
        if basis and window is not None and last is not None and used:
            missing = [y for y in range(int(last) - int(window) + 1, int(last) + 1)
                       if y not in {int(u) for u in used}]
            if missing:
                basis = (f"na podstawie {int(n)}{NBSP}obserwacji – brak danych za "
                         f"{'rok' if len(missing) == 1 else 'lata'} {year_runs(missing)}")
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
    years = [int(y) for y in (field_of(forecast, "years") or [])]
    values = list(field_of(forecast, "values") or [])
    if not_made(forecast) or not years or is_missing(last_value):
        return ""
    horizon = field_of(forecast, "horizon")
    i = years.index(int(horizon)) if horizon is not None and int(horizon) in years else -1
    end, y1 = values[i], years[i]
    if is_missing(end):
        return ""
    start = float(last_value)
    d = KIND_DECIMALS.get(indicator.kind, 1)
    v0, v1 = level_text(indicator, start), level_text(indicator, end)
    pct = (float(end) - start) / abs(start) * 100 if start else None
    shown = round_half_up(float(end) - start, d)
    flat = shown == 0 or (pct is not None and abs(pct) < flat_pct)
    name = head_of(indicator, unit_name)
    head = f"{name[:1].lower()}{name[1:]}"
    span = f"{z_prep(v0)} {v0} w {year_text(last_year)} do ok. {v1} w {year_text(y1)}"
    if flat:
        change = (f"ma pozostać na zbliżonym poziomie ({v0} w {year_text(last_year)}, ok. {v1} "
                  f"w {year_text(y1)})")
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
                   else f"ograniczenie wsparcia, jeśli nie zostaną zapewnione środki na {services}")
    return full_stop(f"Znaczenie dla usług: według prognozy {head} {change}, co oznacza {meaning}")


def area_sentences(indicators, unit_name: str, year: int, *, rows: dict, levels: dict,
                   trends: dict, forecasts: dict, services: str | None = None,
                   trend_years: int | None = None, window: int | None = None) -> list[str]:
    """Return the sentences of one area section, in the order it prints them.

    For each indicator of ``indicators`` (catalogue indicators, the area's key ones): its
    comparison with the powiat when ``rows`` (comparison rows by indicator id, a gmina) has one,
    else its level in ``year`` from ``levels`` (values by indicator id); then its trend
    (``trends`` by id) and its forecast (``forecasts`` by id). Last, when the area has
    ``services`` (accusative after "zapotrzebowanie na"), what the forecast of the first
    indicator with a forecast made and a level in ``year`` means for them.
    ``trend_years`` and ``window``: the numbers of years a trend and a forecast rest on, stated
    once in the methodology.
    """
    lines: list[str] = []
    for ind in indicators:
        row = rows.get(ind.id)
        if row is not None:
            lines.append(sentence_comparison(ind, unit_name, row, row["n_units"]))
        elif ind.id in levels:
            lines.append(sentence_level(ind, unit_name, year, levels[ind.id]))
        if ind.id in trends:
            lines.append(sentence_trend(ind, unit_name, trends[ind.id],
                                        expected_points=trend_years))
        if ind.id in forecasts:
            lines.append(sentence_forecast(ind, unit_name, forecasts[ind.id], window=window))
    if services:
        for ind in indicators:
            f = forecasts.get(ind.id)
            if f is not None and not not_made(f) and f.values and ind.id in levels:
                line = sentence_services(ind, unit_name, f, levels[ind.id], year, services,
                                         flat_pct=SMALL_CHANGE_PCT)
                if line:
                    lines.append(line)
                break
    return lines


def table_note() -> str:
    """Return the sentence under an area's table; ``{t}`` is the table's reference."""
    return "Wartości wskaźników z tego obszaru zestawiono w tabeli (zob. {t})."


def no_data(unit_label: str) -> str:
    """Return the paragraph of an area without data: "Brak danych w tym obszarze dla jednostki:
    gmina Blizanów."."""
    return f"Brak danych w tym obszarze dla jednostki: {unit_label}."
