"""The Polish of the forecast (prognoza zmian): why a forecast was not made, the method's name
and the method paragraphs of the "Prognoza zmian" chapter and of the methodology.

In: a :class:`strategy.analysis.forecast.Forecast` (or any object or dict with its fields:
``refusal`` - a code of :mod:`strategy.analysis.forecast` -, ``n_points``, ``last_year``,
``horizon``, ``basis``) and the method's parameters.
Out: Polish text. The sentence of an area section that states a forecast ("... w 2035 r.
wyniesie według prognozy ok. ...") is :func:`strategy.text.diagnoza_obszary.sentence_forecast`;
it takes its refusal clause from here.

Examples (demo data): :func:`refusal_reason` gives "Prognozy nie sporządzono: dostępne są dane z
3 lat, a metoda wymaga danych z co najmniej 5 lat." and "Wielkość zależna od decyzji (asystentów
zatrudnia gmina); jej wartości na kolejne lata ustala się w strategii i programach."
"""
from __future__ import annotations

from ..analysis.forecast import (DAMPING, DECIDED, DEFAULT_HORIZON, HORIZON_NOT_AFTER_DATA, LEVEL,
                                 MIN_POINTS, TOO_FEW_POINTS, WINDOW)
from .numbers import fmt_number, fmt_percent, is_missing
from .sentences import field_of

#: Forecast methods by code, as read after "metodą" ("metodą trendu liniowego"); a name not
#: listed is printed as given (the analysis names its method this way).
METHOD_NAMES = {"linear": "trendu liniowego", "ols": "trendu liniowego",
                "holt": "wygładzania wykładniczego Holta", "ets": "wygładzania wykładniczego",
                "naive": "naiwną (ostatnia wartość)", "drift": "naiwną z dryfem",
                "mean": "średniej z lat poprzednich", "cagr": "średniego tempa zmian"}
#: Why no direction is read from a forecast made (:func:`unreadable`): its interval is wider
#: than the forecast value, or it holds the last observed value.
WIDE, SPANS_LAST = "wide", "spans_last"
#: The clause of a forecast that has no value (and no other reason).
NO_VALUE = "brak wartości prognozy"
_LEAD = "Prognozy nie sporządzono"


def method_name(name) -> str:
    """Return the method as read after "metodą"; "" for none."""
    if not name:
        return ""
    return METHOD_NAMES.get(str(name).lower(), str(name))


def _years_after_z(n: int) -> str:
    """Return 'roku'/'lat' for "z N ..." (genitive after the preposition z)."""
    return "roku" if n == 1 else "lat"


def _worded_clause(reason: str) -> str:
    """Return a reason the caller worded itself (a ``refused_reason`` without a ``refusal``
    code) as a clause after "nie został objęty prognozą:" (no repeated lead)."""
    r = str(reason).strip()
    for lead in (f"{_LEAD}: ", "Nie prognozowano: "):
        r = r.removeprefix(lead)
    if r.startswith("Wielkość zależna od decyzji"):
        return "to w" + r[1:]
    return r[:1].lower() + r[1:] if r[:2] != r[:2].upper() else r


def _decided_clause(basis) -> str:
    return f"wielkość zależna od decyzji ({basis}); jej wartości na kolejne lata ustala się w strategii i programach"


def not_made(forecast) -> bool:
    """True when ``forecast`` was not made: it has a ``refusal`` code or a worded
    ``refused_reason``."""
    return field_of(forecast, "refusal") is not None or bool(field_of(forecast, "refused_reason"))


def refusal_clause(forecast) -> str:
    """Return why ``forecast`` was not made, as a clause that follows "nie został objęty
    prognozą:" (lower case, no full stop): "dostępne są dane z 3 lat, a metoda wymaga danych
    z co najmniej 5 lat", "rok horyzontu (2024) nie jest późniejszy niż ostatni rok z danymi
    (2024)", "to wielkość zależna od decyzji (...); jej wartości na kolejne lata ustala się w strategii i programach";
    :data:`NO_VALUE` for a forecast without values or reason."""
    code = field_of(forecast, "refusal")
    if code == TOO_FEW_POINTS:
        n = int(field_of(forecast, "n_points") or 0)
        return (f"dostępne są dane z {n} {_years_after_z(n)}, a metoda wymaga danych z co "
                f"najmniej {MIN_POINTS} lat")
    if code == HORIZON_NOT_AFTER_DATA:
        return (f"rok horyzontu ({field_of(forecast, 'horizon')}) nie jest późniejszy niż "
                f"ostatni rok z danymi ({field_of(forecast, 'last_year')})")
    if code == DECIDED:
        return "to " + _decided_clause(field_of(forecast, "basis"))
    worded = field_of(forecast, "refused_reason")
    if worded:
        return _worded_clause(worded).rstrip(".")
    return NO_VALUE


def refusal_reason(forecast) -> str | None:
    """Return the sentence a table prints for a forecast not made, None for one made:
    "Prognozy nie sporządzono: <why>." or, for a decided quantity, "Wielkość zależna od
    decyzji (<who decides>); jej wartości na kolejne lata ustala się w strategii i programach."."""
    code = field_of(forecast, "refusal")
    if code is None:
        return None
    if code == DECIDED:
        clause = _decided_clause(field_of(forecast, "basis"))
        return clause[:1].upper() + clause[1:] + "."
    return f"{_LEAD}: {refusal_clause(forecast)}."


def unreadable(value, lower, upper, last=None) -> str | None:
    """Return why no direction of change is read from a forecast, None when it can be read.

    The rule (the interval as printed, i.e. not below zero for kinds that cannot be negative):

    * :data:`WIDE` when the interval is wider than the forecast value,
      ``upper - lower > |value|`` (e.g. 20 with an interval from 0,0 to 45,7): the forecast
      allows values from almost none to twice as many, so it says nothing about a direction;
    * :data:`SPANS_LAST` when the interval holds the last observed value ``last``
      (``lower <= last <= upper``): the forecast allows both a rise and a fall.

    None when a bound is missing (nothing is known about the uncertainty) and there is no
    reason above."""
    if any(is_missing(x) for x in (value, lower, upper)):
        return None
    lo, hi, v = float(lower), float(upper), float(value)
    if hi - lo > abs(v):
        return WIDE
    if not is_missing(last) and lo <= float(last) <= hi:
        return SPANS_LAST
    return None


def method_paragraphs(horizon: int = DEFAULT_HORIZON, n_years: int = WINDOW,
                      damping: float = DAMPING) -> list[str]:
    """Return the paragraphs describing the forecast, for the methodology and the forecast
    chapter: the method up to ``horizon`` on ``n_years`` years with damping ``damping``, the
    interval and bounds, the observations and what is not forecast, the caveats."""
    phi = fmt_number(damping)
    pct = fmt_percent(LEVEL * 100, 0).removesuffix("%")
    return [
        "Prognozę zmian (art. 16b ust. 2 pkt 2 ustawy o pomocy społecznej) sporządzono metodą "
        f"tłumionego trendu liniowego do roku {horizon}. Dla każdego wskaźnika dopasowano prostą "
        f"trendu metodą najmniejszych kwadratów do wartości z ostatnich {n_years} lat, a "
        "następnie przedłużono ją od wartości dopasowanej w ostatnim roku z danymi, zmniejszając "
        f"roczny przyrost w każdym kolejnym roku (współczynnik tłumienia {phi}). Dzięki temu "
        "prognoza nie przenosi krótkotrwałej tendencji bez końca, lecz stopniowo się "
        "stabilizuje.",
        f"Wraz z prognozą podano {pct}-procentowy przedział prognozy, wyznaczony z rozrzutu "
        "wartości wokół prostej trendu; przedział rozszerza się z każdym kolejnym rokiem. "
        "Wskaźniki będące relacjami (np. liczba beneficjentów na 10 tys. mieszkańców) "
        "prognozowano bezpośrednio jako wskaźniki, a nie jako iloraz osobno prognozowanych "
        "liczb. Prognozowane liczby osób, kwoty i wskaźniki nie spadają poniżej zera, a udziały "
        "procentowe pozostają w przedziale od 0 do 100%.",
        f"Każdą prognozę oparto na {n_years} obserwacjach – wartościach z {n_years} ostatnich "
        "lat z danymi, po jednej na rok; liczbę obserwacji podano przy wskaźniku tylko wtedy, "
        "gdy jest mniejsza, wraz z latami, za które brak danych. Prognozy nie sporządzano, gdy "
        f"dostępne były dane z mniej niż {MIN_POINTS} lat. Nie prognozowano też wielkości "
        "zależnych od decyzji – liczby miejsc (w ŚDS, DPS, schroniskach, placówkach), placówek, "
        "zatrudnionych asystentów i koordynatorów, zawodowych rodzin zastępczych w ramach "
        "limitu: zmieniają się one w wyniku decyzji organów i instytucji, a nie zgodnie z "
        "trendem, dlatego ich wartości na kolejne lata ustala się w strategii i programach. "
        "Wyniki należy traktować jako ostrożną ekstrapolację dotychczasowych zmian, a nie "
        "przewidywanie: nie uwzględniają zmian przepisów, programów i świadczeń, załamań "
        "trendu takich jak w 2020 r. (pandemia COVID-19) ani skutków działań zaplanowanych w "
        "strategii. W małych gminach wskaźniki oparte na kilku lub kilkunastu przypadkach "
        "zmieniają się skokowo z roku na rok, dlatego ich prognozy są obarczone dużą "
        "niepewnością i powinny być czytane łącznie z przedziałem prognozy. Gdy przedział "
        "prognozy jest szerszy niż sama prognozowana wartość, prognozy nie odczytywano jako "
        "wskazania kierunku zmian; gdy obejmuje ostatnią znaną wartość, nie wyciągano z niej "
        "wniosków o wzroście lub spadku zapotrzebowania na usługi.",
    ]


def in_areas_note() -> str:
    """Return the closing sentence of a "Prognoza zmian" chapter (of a diagnosis and of the
    strategy): where each indicator's forecast is stated."""
    return ("Zdania opisujące prognozę każdego wskaźnika podano w rozdziałach poświęconych "
            "poszczególnym obszarom.")
