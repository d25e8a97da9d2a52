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

One paragraph per indicator (:func:`area_sentences`, :func:`indicator_paragraph`): its first
sentence names the indicator in full, the next ones refer back to it (``named=True``): "Liczba ta w
latach 2015–2024 spadła ...", "Według prognozy w 2035 r. wyniesie ona ...", "Prognozy dla
tego wskaźnika nie sporządzono: ..." (:func:`referring_subject`).

The assessment against the powiat ("korzystniej", "mniej korzystnie", "podobnie") is
:func:`strategy.analysis.compare.assessment`; the comparison table's column prints it through
:func:`assessment_cell`, so the table and the sentence never disagree. A count too small for a
test of its trend (``reason`` :data:`strategy.analysis.trend.COUNT_NOISE`) gets no word of
statistics, and no direction is read from a forecast whose interval is wider than its value or
holds the last value (:func:`strategy.text.prognoza.unreadable`).

In: catalogue indicators, the unit's name ("gmina Blizanów") and the facts of
:mod:`strategy.analysis` (comparison rows, :class:`~strategy.analysis.trend.Trend`,
:class:`~strategy.analysis.forecast.Forecast`, or any object or dict with their fields).
Out: Polish sentences that start with the indicator's name in the nominative, with verbs agreed
with its gender and every number formatted here from the facts, never typed in.
"""
from __future__ import annotations

import math

from ..analysis.compare import BETTER, SIMILAR, WORSE, assessment
from ..analysis.forecast_rules import decided_basis
from ..analysis.trend import COUNT_NOISE, MIN_COUNT_MEAN, NOISE_Z, SMALL_CHANGE_PCT
from .grammar import TextError, direction_of, plural, rank_phrase, verb
from .numbers import (NBSP, fmt_number, fmt_percent, fmt_pp, is_missing, round_half_up,
                      shown_difference)
from .prognoza import (NO_VALUE, SPANS_LAST, WIDE, method_name, not_made, refusal_clause,
                       unreadable)
from .sentences import (TOTAL_KINDS, bare_text, field_of, full_stop, head_of, level_text,
                        observations_basis, year_runs, year_text, z_prep)
from .values import KIND_DECIMALS, fmt_change

#: Head nouns of the catalogue's names and their gender: a later sentence of the paragraph
#: refers back with the noun and a demonstrative ("Liczba ta", "Udział ten", "Saldo to").
HEAD_NOUNS = {"liczba": "f", "udział": "m", "odsetek": "m", "kwota": "f", "współczynnik": "m",
              "stopa": "f", "saldo": "n", "koszt": "m", "przyrost": "m", "wskaźnik": "m"}
_DEMONSTRATIVE = {"m": "ten", "f": "ta", "n": "to", "pl": "te"}
_PRONOUN = {"m": "on", "f": "ona", "n": "ono", "pl": "one"}


def referring_subject(indicator) -> tuple[str, str]:
    """Return the subject that refers back to an indicator named earlier in its paragraph and
    the gender its verb agrees with ("Liczba ta w latach ..." - the subject before the years:
    "2024 wskaźnik" would read as a number with its noun): "Liczba rodzin ..." -> ("liczba
    ta", "f"), "Udział ..." ->
    ("udział ten", "m"); a name that does not start with one of :data:`HEAD_NOUNS`
    ("Przeciętne obciążenie ...") -> ("wskaźnik ten", "m")."""
    words = str(indicator.name).split()
    first = words[0].lower() if words else ""
    if first in HEAD_NOUNS:
        g = HEAD_NOUNS[first]
        return f"{first} {_DEMONSTRATIVE[g]}", g
    return "wskaźnik ten", "m"


def _pronoun(indicator) -> str:
    """Return "on"/"ona"/"ono", agreed with :func:`referring_subject` ("wskaźnik ten" -> "on")."""
    return _PRONOUN[referring_subject(indicator)[1]]


def sentence_level(indicator, unit_name, year, value) -> str:
    """Return e.g. "Liczba rodzin ... w gminie Blizanów wyniosła w 2023 r. 125."."""
    head = head_of(indicator, unit_name)
    if is_missing(value):
        return f"{head}: brak danych za {year_text(year)}"
    return full_stop(f"{head} {verb('wyniósł', indicator.gender)} w {year_text(year)} "
                     f"{level_text(indicator, value)}")


def _change_detail(indicator, trend, abs_change, small: bool = False) -> str:
    pct = field_of(trend, "pct_change")
    text = f"o {fmt_change(abs_change, indicator)}"
    if indicator.kind == "share" or small:
        return text
    if not is_missing(pct):
        text += f", tj. o {fmt_percent(abs(float(pct)))}"
    return text


def _small_count_note(indicator, trend, abs_change) -> str:
    """Return the sentence after a change of a count too small for a test of its trend: a plain
    change of a few cases, no word of statistics (the rule:
    :func:`strategy.analysis.trend.small_count`)."""
    start, end = float(field_of(trend, "start_value")), float(field_of(trend, "end_value"))
    k = abs(float(abs_change))
    if _decided(indicator):      # staff, places: a change is a decision, not chance
        return ""
    if k > NOISE_Z * math.sqrt(abs(start) + abs(end)):    # beyond noise, but small numbers
        return (f" Liczby są jednak małe (średnio mniej niż {MIN_COUNT_MEAN} w roku), dlatego "
                "zmiany nie oceniano jako trwałej tendencji.")
    cases = _cases(indicator, k)
    if max(start, end) < MIN_COUNT_MEAN:
        return (f" Przy tak małych liczbach to zmiana o {cases}, jaka może wynikać ze zwykłych "
                "wahań z roku na rok; nie świadczy ona o trwałej tendencji.")
    return (f" To zmiana o {cases}, mieszcząca się w zwykłych wahaniach liczb tej wielkości; "
            "nie świadczy ona o trwałej tendencji.")


def _small_basis_note(trend, y0: int, y1: int) -> str:
    """Return the sentence after a change of a rate resting on counts too small for a test of
    its trend (``basis_start``/``basis_end``: the counts behind it), no word of statistics."""
    a, b = field_of(trend, "basis_start"), field_of(trend, "basis_end")
    if is_missing(a) or is_missing(b):
        return (" Wskaźnik opiera się jednak na małych liczbach, dlatego jego zmiany nie "
                "oceniano jako trwałej tendencji.")
    a, b = float(a), float(b)
    if abs(b - a) > NOISE_Z * math.sqrt(abs(a) + abs(b)):
        return (f" Wskaźnik opiera się jednak na małych liczbach (średnio mniej niż "
                f"{MIN_COUNT_MEAN} przypadków w roku), dlatego jego zmiany nie oceniano jako "
                "trwałej tendencji.")
    lead = " Liczba przypadków, na których opiera się wskaźnik,"
    tail = ", dlatego zmiana wskaźnika nie świadczy o trwałej tendencji."
    if a == b:
        return (f"{lead} nie zmieniła się ({fmt_number(a, 0)} w {year_text(y0)} i "
                f"{fmt_number(b, 0)} w {year_text(y1)}){tail}")
    return (f"{lead} zmieniła się jedynie w granicach zwykłych wahań ({z_prep(fmt_number(a, 0))} "
            f"{fmt_number(a, 0)} w {year_text(y0)} do {fmt_number(b, 0)} w {year_text(y1)}){tail}")


def _decided(indicator) -> bool:
    """True for a quantity decided by an organ (staff, places): its change is said plainly."""
    return bool(decided_basis(str(getattr(indicator, "id", "") or "")))


def _cases(indicator, k: float) -> str:
    """Return "2 rodziny", "5 osób" (accusative after "o") with the indicator's counted noun,
    "2 przypadki" when it has none the grammar declines."""
    noun = getattr(indicator, "noun", None) or ""
    if noun:
        try:
            return plural(k, noun, case="acc", decimals=0)
        except TextError:
            pass
    return plural(k, "przypadek", case="acc", decimals=0)


def sentence_trend(indicator, unit_name, trend, expected_points=None, *,
                   named: bool = False) -> str:
    """Return the change over the period, said honestly when it is within noise.

    ``trend`` has start_year, end_year, start_value, end_value, abs_change, pct_change,
    avg_annual_rate, slope, significant, direction, last_year_change, n_points and optionally
    reason (:data:`strategy.analysis.trend.COUNT_NOISE`: a count too small for a test - the
    change is then said plainly, with no percentages and no word of statistics).
    ``expected_points``: the number of years the trend is computed over, stated once in the
    methodology; the count of observations is then given only when it is smaller (years
    without data). ``None`` always gives the count. ``named``: the indicator was named earlier
    in the paragraph; the sentence refers back to it ("Liczba ta w latach 2015–2024 spadła").
    """
    g = indicator.gender
    head = head_of(indicator, unit_name)
    n = field_of(trend, "n_points") or 0
    start, end = field_of(trend, "start_value"), field_of(trend, "end_value")
    if n < 2 or is_missing(start) or is_missing(end):
        if named:
            return f"Danych jest za mało, aby ocenić zmiany (liczba lat z danymi: {int(n)})."
        return f"{head}: za mało danych do oceny zmian (liczba lat z danymi: {int(n)})."
    y0, y1 = int(field_of(trend, "start_year")), int(field_of(trend, "end_year"))
    period = f"w latach {y0}–{y1}"
    if named:
        subject, sg = referring_subject(indicator)

        def lead(word: str) -> str:    # the subject first: "Liczba ta w latach 2015–2024"
            return f"{subject[:1].upper()}{subject[1:]} {period} {verb(word, sg)}"
    else:
        def lead(word: str) -> str:
            return f"{head} {period} {verb(word, g)}"
    v0, v1 = level_text(indicator, start), level_text(indicator, end)
    d = KIND_DECIMALS.get(indicator.kind, 1)
    # a count too small for a test: its change said plainly (a rate on small counts: below)
    small = field_of(trend, "reason") == COUNT_NOISE and indicator.kind == "count"
    small_basis = field_of(trend, "reason") == COUNT_NOISE and not small
    # the change of the two values as the reader sees them printed
    abs_change = shown_difference(end, start, d)
    endpoint = direction_of(abs_change)
    if endpoint == "bez zmian":
        text = f"{lead('pozostał')} bez zmian ({v0} w {year_text(y0)} i {v1} w {year_text(y1)})"
    elif field_of(trend, "direction") == "bez zmian" and not small:
        text = f"{lead('pozostał')} praktycznie bez zmian ({z_prep(v0)} {v0} do {v1})"
    else:
        text = f"{lead('wzrósł' if endpoint == 'wzrost' else 'spadł')} {z_prep(v0)} {v0} do {v1}"
        noise = small and not _decided(indicator) and abs(float(abs_change)) <= NOISE_Z * (
            math.sqrt(abs(float(start)) + abs(float(end))))
        # "z 0 do 109 (o 109)" says it twice; a small count's change is said by its note
        if (float(start) != 0 or indicator.kind == "share") and not noise:
            text += f" ({_change_detail(indicator, trend, abs_change, small)})"
    if endpoint != "bez zmian" and not small:
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
    if small:
        if endpoint != "bez zmian":
            text += _small_count_note(indicator, trend, abs_change)
    elif small_basis:
        if endpoint != "bez zmian":
            text += _small_basis_note(trend, y0, y1)
    elif field_of(trend, "significant") and direction in ("wzrost", "spadek"):
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


#: The comparison table's "Ocena" cell of each assessment (:func:`assessment_cell`).
ASSESSMENT_CELLS = {BETTER: "korzystniej", WORSE: "mniej korzystnie",
                    SIMILAR: "podobnie jak w powiecie"}
#: The comparison sentence's phrase of each assessment (after a dash).
ASSESSMENT_PHRASES = {BETTER: "korzystniej niż średnio w powiecie",
                      WORSE: "mniej korzystnie niż średnio w powiecie",
                      SIMILAR: "podobnie jak średnio w powiecie"}


def assessment_cell(direction, value, powiat_value) -> str:
    """Return the comparison table's "Ocena" of a gmina's value against the powiat's: the
    assessment of :func:`strategy.analysis.compare.assessment`, the one the sentence gives;
    "–" for none (a neutral indicator, a missing value)."""
    return ASSESSMENT_CELLS.get(assessment(direction, value, powiat_value), "–")


def sentence_comparison(indicator, unit_name, row: dict, n_units) -> str:
    """Return the unit's value against the powiat, the difference, the assessment and the rank.

    ``row`` has year, value, powiat_value, diff, diff_pct, rank, n_units, median, position.
    Shares are compared in percentage points, other rates in units and per cent. The
    assessment is that of the comparison table (:func:`assessment_cell`).
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
            phrase = ASSESSMENT_PHRASES.get(assessment(indicator.direction, value, pv))
            if phrase:
                text += f" – {phrase}"
    rank = field_of(row, "rank")
    if not is_missing(rank) and not is_missing(n_units):
        of = field_of(row, "n_powiat")
        text += (f"; to {rank_phrase(rank, n_units, of=of)} (licząc od najkorzystniejszej "
                 "sytuacji)")
    median = field_of(row, "median")
    if not is_missing(median) and indicator.kind not in TOTAL_KINDS:
        text += f"; mediana dla gmin powiatu: {bare_text(indicator, median)}"
    return full_stop(text)


def _not_forecast(indicator, unit_name, clause: str, named: bool = False) -> str:
    """Return "<indicator in unit> nie został objęty prognozą: <clause>." (``named``: "Prognozy
    dla tego wskaźnika nie sporządzono: <clause>.")."""
    if named:
        return full_stop(f"Prognozy dla tego wskaźnika nie sporządzono: {clause}")
    g = indicator.gender
    return full_stop(f"{head_of(indicator, unit_name)} nie {verb('został', g)} "
                     f"{verb('objęty', g)} prognozą: {clause}")


def _horizon_index(forecast, years_int: list[int]) -> int:
    horizon = field_of(forecast, "horizon")
    if horizon is not None and int(horizon) in years_int:
        return years_int.index(int(horizon))
    if horizon is not None and 0 < int(horizon) <= len(years_int):
        return int(horizon) - 1  # horizon given as years ahead
    return len(years_int) - 1


def _bounds(indicator, forecast, i: int):
    """Return the interval (lower, upper) at position ``i`` as printed (a kind that cannot be
    negative not below zero), (None, None) when there is none."""
    lower, upper = field_of(forecast, "lower"), field_of(forecast, "upper")
    lo = list(lower)[i] if lower is not None and len(list(lower)) > i else None
    hi = list(upper)[i] if upper is not None and len(list(upper)) > i else None
    if is_missing(lo) or is_missing(hi):
        return None, None
    lo, hi = float(lo), float(hi)
    if indicator.kind != "balance":
        lo = max(lo, 0.0)
    return lo, hi


def _interval_parts(indicator, forecast, lo, hi) -> tuple[str, str]:
    """Return the interval's label and span: ("przedział prognozy 80%", "od 334,1 do 802,4 na
    10 tys. mieszkańców") - a rate's or ratio's unit once, after the upper bound."""
    level = field_of(forecast, "level")
    label = "przedział prognozy"
    if not is_missing(level):
        pct = float(level) * 100 if float(level) <= 1 else float(level)
        label += f" {fmt_number(pct, 0)}%"
    low = bare_text(indicator, lo) if indicator.kind in ("rate", "ratio") else level_text(
        indicator, lo)
    return label, f"od {low} do {level_text(indicator, hi)}"


def sentence_forecast(indicator, unit_name, forecast, window=None, *,
                      named: bool = False) -> str:
    """Return the forecast for the horizon year with its interval, or why there is none.

    ``forecast`` has horizon (a year, or a number of years ahead), years, values, lower, upper,
    n_points, refusal (a code, with basis for a decided quantity) or a worded
    refused_reason, and method; an optional ``level`` (0.8 or 80) names the interval,
    optional ``last_year`` and ``obs_years`` (the years the forecast is based on) name the
    missing years. ``window``: the number of years a forecast is based on, stated once in the
    methodology; the count of observations is then given only when it is smaller, with the
    years without data. Intervals of kinds that cannot be negative are not printed below zero.
    An interval wider than the forecast value is said to allow no reading of the direction
    (:func:`strategy.text.prognoza.unreadable`). ``named``: the indicator was named earlier in
    the paragraph ("Według prognozy w 2035 r. wyniesie ona ...").
    """
    head = head_of(indicator, unit_name)
    years = list(field_of(forecast, "years") or [])
    values = list(field_of(forecast, "values") or [])
    if not_made(forecast) or not years or not values:
        return _not_forecast(indicator, unit_name, refusal_clause(forecast), named)
    years_int = [int(y) for y in years]
    i = _horizon_index(forecast, years_int)
    value = values[i]
    if is_missing(value):
        return _not_forecast(indicator, unit_name, NO_VALUE, named)
    if named:
        text = (f"Według prognozy w {year_text(years_int[i])} wyniesie {_pronoun(indicator)} "
                f"ok. {level_text(indicator, value)}")
    else:
        text = (f"{head} w {year_text(years_int[i])} wyniesie według prognozy ok. "
                f"{level_text(indicator, value)}")
    lo, hi = _bounds(indicator, forecast, i)
    if lo is not None:
        label, span = _interval_parts(indicator, forecast, lo, hi)
        text += f" ({label}: {span})"
    text = full_stop(text)
    if lo is not None and unreadable(value, lo, hi) == WIDE:
        text += (" Przedział jest szerszy niż sama prognozowana wartość, dlatego prognoza nie "
                 "pozwala ocenić kierunku zmian.")
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
    indicators of supply or coverage (``better``) a rise means the offer grows. No conclusion
    is drawn from a forecast whose interval is wider than its value, nor a direction from one
    whose interval holds ``last_value`` (:func:`strategy.text.prognoza.unreadable`): the
    sentence says so. "" when there is no forecast value or no last value.
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
    lo, hi = _bounds(indicator, forecast, i % len(years))
    why = unreadable(end, lo, hi, start) if lo is not None else None
    services_need = f"zapotrzebowania na {services}"
    interval = ""
    if lo is not None:
        label, span_lohi = _interval_parts(indicator, forecast, lo, hi)
        interval = f"{label} ({span_lohi})"
    if why == WIDE:
        return full_stop(
            f"Znaczenie dla usług: {head} w {year_text(y1)} wyniesie według prognozy ok. {v1}, "
            f"ale {interval} jest szerszy niż ta wartość; prognoza jest zbyt niepewna, aby "
            f"wskazać kierunek zmian i wyciągnąć z niej wnioski dotyczące {services_need}")
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
    if why == SPANS_LAST and not flat:
        return full_stop(
            f"Znaczenie dla usług: według prognozy {head} {change}, ale "
            f"{interval} obejmuje "
            "także obecną wartość: prognoza nie przesądza o kierunku zmian, dlatego nie "
            f"wyciągnięto z niej wniosków dotyczących {services_need}")
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


def indicator_paragraph(indicator, unit_name: str, year: int, *, row=None, level=None,
                        trend=None, forecast=None, trend_years: int | None = None,
                        window: int | None = None) -> str:
    """Return the paragraph of one indicator: its comparison with the powiat (``row``) or its
    level in ``year`` (``level``), its trend and its forecast - the first sentence names the
    indicator, the next ones refer back to it. "" when there is nothing to say."""
    parts: list[str] = []
    if row is not None:
        parts.append(sentence_comparison(indicator, unit_name, row, field_of(row, "n_units")))
    elif level is not None:
        parts.append(sentence_level(indicator, unit_name, year, level))
    if trend is not None:
        parts.append(sentence_trend(indicator, unit_name, trend, expected_points=trend_years,
                                    named=bool(parts)))
    if forecast is not None:
        parts.append(sentence_forecast(indicator, unit_name, forecast, window=window,
                                       named=bool(parts)))
    return " ".join(parts)


def area_sentences(indicators, unit_name: str, year: int, *, rows: dict, levels: dict,
                   trends: dict, forecasts: dict, services: str | None = None,
                   trend_years: int | None = None, window: int | None = None) -> list[str]:
    """Return the paragraphs of one area section, in the order it prints them.

    For each indicator of ``indicators`` (catalogue indicators, the area's key ones) one
    paragraph (:func:`indicator_paragraph`): its comparison with the powiat when ``rows``
    (comparison rows by indicator id, a gmina) has one, else its level in ``year`` from
    ``levels`` (values by indicator id); then its trend (``trends`` by id) and its forecast
    (``forecasts`` by id), the indicator named once. Last, when the area has ``services``
    (accusative after "zapotrzebowanie na"), what the forecast of the first indicator with a
    forecast made and a level in ``year`` means for them (a paragraph of its own).
    ``trend_years`` and ``window``: the numbers of years a trend and a forecast rest on, stated
    once in the methodology.
    """
    lines: list[str] = []
    for ind in indicators:
        para = indicator_paragraph(
            ind, unit_name, year, row=rows.get(ind.id),
            level=levels.get(ind.id),
            trend=trends.get(ind.id), forecast=forecasts.get(ind.id),
            trend_years=trend_years, window=window)
        if para:
            lines.append(para)
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
