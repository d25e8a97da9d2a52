"""The sentences of the annual report on a programme or the strategy (Sprawozdanie z
realizacji), in the order of its chapters: introduction, indicators (how the degree of
achievement is computed, how many targets were reached), activities (the summary of the year in
the words of the council report), spending, conclusions.

What one target's degree of achievement means is :mod:`.realizacja`; the justification of a
target that accepts a worse value is :func:`strategy.text.wspolne.justification`.

In: plain values (the document's title, the year, counts, amounts). Out: Polish paragraphs;
``{t}`` is the place of a cross-reference to a table.
"""
from __future__ import annotations

import math

from ..analysis.achievement import EXCEEDED
from .grammar import plural, plural_category
from .numbers import NBSP, fmt_amount, fmt_number, fmt_percent


def introduction(title: str, year: int, institution: str, organ: str, council: str,
                 basis: str) -> str:
    """Return the first paragraph: what is reported (``title`` in ``year``), by whom, to whom
    (``organ`` "wójt gminy" to ``council`` "radzie gminy", dative) and on what ``basis``
    (instrumental after "zgodnie z")."""
    return (f"Sprawozdanie przedstawia realizację dokumentu „{title}” w {year} r. "
            f"Opracowanie: {institution}. {organ.capitalize()} przedkłada je {council} zgodnie "
            f"z {basis}.")


def achievement_rule() -> str:
    """Return the paragraph that says how the degree of achievement is computed and read."""
    return (
        "Stopień realizacji wskaźnika to część zaplanowanej zmiany, którą osiągnięto do roku "
        "sprawozdania: (wartość osiągnięta − wartość bazowa) / (wartość docelowa − wartość "
        "bazowa) × 100%. 100% oznacza osiągnięcie celu; wynik powyżej 100% oznacza, że cel "
        f"przekroczono (kolumna „Ocena”: „{EXCEEDED}”), wynik ujemny – oddalenie się od celu. "
        "Liczy się kierunek korzystnej zmiany wskaźnika (np. mniej rodzin na jednego asystenta, "
        "więcej miejsc opieki): wzrost wskaźnika, który powinien maleć, nigdy nie jest "
        "wykazywany jako realizacja celu, a wartość docelowa wyznaczona wbrew temu kierunkowi "
        "nie jest oceniana procentem. Bez wartości bazowej stopnia realizacji nie można ustalić.")


def _reached(n: int) -> str:
    """Return how many indicators reached their target, the verb agreed with the number:
    1 - masculine singular (one indicator), 2-4 - plural, 0 and 5+ - neuter singular."""
    if n == 0:
        return "żaden z nich nie osiągnął celu"
    cat = plural_category(n, 0)
    verbs = {"one": "osiągnął lub przekroczył", "few": "osiągnęły lub przekroczyły"}.get(
        cat, "osiągnęło lub przekroczyło")
    return f"cel {verbs} {n} z nich"


def indicators_summary(year: int, known: int, total: int, reached: int) -> str:
    """Return the sentence under the table of indicators (``{t}``): the achieved value is known
    for ``known`` of ``total`` indicators, ``reached`` reached or exceeded their target."""
    of = "wskaźnika" if total == 1 else "wskaźników"      # "z 1 wskaźnika", "z 4 wskaźników"
    return (f"Wartość osiągniętą w {year} r. znamy dla {known} z {total} {of}; "
            f"{_reached(reached)} (zob. {{t}}). Brak wartości („–”, „b.d.”) oznacza, że "
            "realizator jej nie podał, a dane za ten rok nie są jeszcze dostępne.")


def activities_missing() -> str:
    return ("Opis działań zrealizowanych w roku sprawozdania – do uzupełnienia przez "
            "realizatora.")


def _with_families(n) -> str:
    """Return "1 rodziną" / "13 rodzinami": the instrumental after "pracował z" agrees with the
    number as printed (a whole number)."""
    shown = fmt_number(n, 0)
    return f"{shown}{NBSP}{'rodziną' if shown == '1' else 'rodzinami'}"


def year_summary(year: int, assistants=None, families_per_assistant=None,
                 spending: list[tuple[str, float]] = (), children=None, back_home=None) -> str:
    """Return the summary of the family-support year in the council-report form: the
    ``assistants`` and the families they served, the ``spending`` (source, amount), the
    ``children`` in foster care co-financed and, of them, ``back_home`` (returned home, adopted
    or became independent); "" when nothing is known. A missing value is None (or 0)."""
    bits = []
    if assistants:
        verb = "pracował" if assistants == 1 else "pracowało"
        s = f"W {year} r. {verb} {plural(assistants, 'asystent rodziny')}"
        if families_per_assistant:
            s += (f", którzy łącznie pracowali z "
                  f"{_with_families(assistants * families_per_assistant)}" if assistants > 1
                  else f", który pracował z {_with_families(families_per_assistant)}")
        bits.append(s)
    if spending:
        bits.append("wydatki wyniosły: " + "; ".join(
            f"{source} – {fmt_amount(amount)}" for source, amount in spending))
    if children:
        s = (f"liczba dzieci w pieczy zastępczej, których pobyt współfinansowała gmina, "
             f"wyniosła {fmt_number(children, 0)}")
        if back_home is not None:
            s += (f" (w tym powroty do rodziny, przysposobienia i usamodzielnienia: "
                  f"{fmt_number(back_home, 0)})")
        bits.append(s)
    if not bits:
        return ""
    text = "; ".join(bits) + "."
    return text[0].upper() + text[1:]


def spending_total(amount) -> str:
    """Return the sentence under the table of spending (``{t}``)."""
    return f"Łącznie wydatkowano {fmt_amount(amount)} (zob. {{t}})."


def spending_missing() -> str:
    return "Wydatki poniesione w roku sprawozdania – do uzupełnienia przez realizatora."


def conclusions_missing() -> str:
    return "Wnioski zostaną uzupełnione przez realizatora."


# ---- tasks: planned against spent --------------------------------------------------------------
def _range(low: float, high: float) -> str:
    return f"{fmt_number(low, 0)}–{fmt_number(high, 0)}%"


def tasks_rule(year: int, low: float, high: float) -> str:
    """Return the paragraph before the table of tasks: what is compared and when the
    reasons are required (rate outside ``low``-``high`` %)."""
    return (f"Tabela zestawia dla każdego kierunku działań kwotę zaplanowaną na {year}{NBSP}r. "
            "z kwotą faktycznie wydaną ze wszystkich źródeł. Wykonanie to wydatki jako odsetek "
            f"planu. Gdy wykonanie wynosi mniej niż {fmt_percent(low, 0)} albo więcej niż "
            f"{fmt_percent(high, 0)}, realizator wyjaśnia przyczyny odchylenia.")


def reason_missing() -> str:
    """Return the reasons cell of a task whose rate needs reasons the report does not give."""
    return "brak wyjaśnienia – do uzupełnienia przez realizatora"


def reason_not_needed() -> str:
    """Return the reasons cell of a task executed within the range."""
    return "–"


def _ids(ids: list[str]) -> str:
    """Return "1.1.2" / "1.1.2 i 1.1.3" / "1.1.2, 1.1.3 i 1.3.1"."""
    return ids[0] if len(ids) == 1 else ", ".join(ids[:-1]) + " i " + ids[-1]


def tasks_summary(year: int, planned: float, spent: float, outside: list[str],
                  missing: list[str], low: float, high: float) -> str:
    """Return the sentence under the table of tasks (``{t}``): the totals, the rate, the ids of
    the directions of action executed outside ``low``-``high`` % (``outside``) and of those
    of them without reasons (``missing``)."""
    rate = spent / planned * 100 if planned else math.nan
    s = (f"W {year}{NBSP}r. na zadania programu wydano {fmt_amount(spent)} z zaplanowanych "
         f"{fmt_amount(planned)}, czyli {fmt_percent(rate, 1)} planu (zob. {{t}}).")
    if outside:
        which = "kierunku działań" if len(outside) == 1 else "kierunków działań"
        s += f" Poza przedziałem {_range(low, high)} planu jest wykonanie {which} {_ids(outside)}"
        if missing:
            s += (f"; przyczyn odchylenia nie podano przy {_ids(missing)} – realizator powinien je "
                  "uzupełnić.")
        else:
            s += " – przyczyny podano w ostatniej kolumnie."
    return s


def tasks_missing(by_source: bool) -> str:
    """Return the paragraph of a report without spending by direction of action (``by_source``:
    it gives spending by source only)."""
    if not by_source:
        return ("Wydatki poniesione na poszczególne kierunki działań w roku sprawozdania – do "
                "uzupełnienia przez realizatora.")
    return ("Wydatki podano tylko według źródeł finansowania, dlatego nie można porównać ich z "
            "kwotami zaplanowanymi na poszczególne kierunki działań – podział wydatków na "
            "kierunki do uzupełnienia przez realizatora.")


def reason_warning(task_id: str, name: str, year: int, rate: float, low: float,
                   high: float) -> str:
    """Return the build warning of a task whose execution rate (``rate``, NaN when nothing was
    planned) lies outside ``low``-``high`` % and whose reasons the report does not give."""
    how = (f"wydano pieniądze, choć na {year}{NBSP}r. nic nie zaplanowano" if math.isnan(rate) else
           f"wykonanie {fmt_percent(rate, 1)} planu na {year}{NBSP}r. (poza przedziałem "
           f"{_range(low, high)})")
    return (f"Sprawozdanie, kierunek działań {task_id} „{name}”: {how}, a sprawozdanie nie "
            f"podaje przyczyn – dopisz je w części „przyczyny” (\"{task_id}\": wyjaśnienie).")


# ---- spending by source ------------------------------------------------------------------------
def spending_against_plan(year: int, planned: float, spent: float) -> str:
    """Return the sentence under the table of spending by source compared with the plan."""
    rate = spent / planned * 100 if planned else math.nan
    return (f"Łącznie wydatkowano {fmt_amount(spent)}, wobec {fmt_amount(planned)} "
            f"zaplanowanych na {year}{NBSP}r. ({fmt_percent(rate, 1)}; zob. {{t}}).")


# ---- institutions and staff --------------------------------------------------------------------
def _were(n: int) -> str:
    """Return "działała" / "działały" / "działało" agreed with ``n`` (a feminine noun)."""
    return {"one": "działała", "few": "działały"}.get(plural_category(n, 0), "działało")


def centres_summary(year: int, n: int, places, children) -> str:
    """Return the sentence under the table of day-support centres (``{t}``): ``n`` centres with
    ``places`` places, attended on average by ``children`` children (None: not given)."""
    s = (f"W {year}{NBSP}r. w gminie {_were(n)} {plural(n, 'placówka')} wsparcia dziennego"
         + (f" z {fmt_number(places, 0)}{NBSP}{'miejscem' if places == 1 else 'miejscami'}"
            if places else ""))
    if children is not None and places:
        s += (f"; uczęszczało do nich średnio {plural(children, 'dziecko')}, czyli "
              f"{fmt_percent(children / places * 100, 0)} miejsc")
    return s + " (zob. {t})."


def centres_missing() -> str:
    return ("Informacja o placówkach wsparcia dziennego (liczba miejsc, liczba dzieci, "
            "zrealizowane zajęcia) – do uzupełnienia przez realizatora.")


def institutions_missing() -> str:
    return ("Informacja o instytucjach i kadrze realizujących dokument w roku sprawozdania – do "
            "uzupełnienia przez realizatora.")


def assistants_paragraph(year: int, number, planned_number, families, spent, planned,
                         data_cost=None, data_year=None) -> str:
    """Return the paragraph on the family assistants in ``year``: their ``number`` against
    ``planned_number``, the ``families`` they worked with, the cost per assistant (``spent``
    over ``number``) against the planned (``planned`` over ``planned_number``) and, when the
    data have it, the cost per assistant in ``data_year`` (``data_cost``). A missing value is
    None."""
    if not number:
        return ""
    s = f"W {year}{NBSP}r. gmina zatrudniała {plural(number, 'asystent rodziny', case='acc')}"
    if planned_number:
        s += f" (program przewidywał {fmt_number(planned_number, 0)})"
    if families and number > 1:
        per = families / number
        d = 0 if per == int(per) else 1
        s += (f"; pracowali oni z {_with_families(families)}, średnio "
              f"{plural(per, 'rodzina', decimals=d)} na asystenta")
    elif families:
        s += f"; asystent pracował z {_with_families(families)}"
    s += "."
    if spent is not None:
        s += (f" Koszt asystentów wyniósł {fmt_amount(spent, None)}, czyli "
              f"{fmt_amount(spent / number, None)} na asystenta" if number > 1 else
              f" Koszt asystenta wyniósł {fmt_amount(spent, None)}")
        if planned and planned_number:
            s += (f", wobec {fmt_amount(planned / planned_number, None)} zaplanowanych na "
                  f"asystenta ({fmt_amount(planned, None)} na "
                  f"{plural(planned_number, 'asystent')})")
        s += "."
    if data_cost and data_year:
        s += (f" Dla porównania: w {data_year}{NBSP}r. zatrudnienie jednego asystenta "
              f"kosztowało gminę średnio {fmt_amount(data_cost, None)}.")
    return s
