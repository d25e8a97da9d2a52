"""Sentences several documents share: the demo-data note, the notes under a table of targets
(justified worse values, output indicators), the funding table of a programme and the
"to be filled in" paragraphs of monitoring.

In: plain values (names, ids, amounts already known to the caller). Out: Polish strings; a
``{t}`` in a returned paragraph is the place of a cross-reference the builder fills in.

Who uses what: :func:`demo_note` every document built from demo data; :func:`justification`,
:func:`outputs_table_note`, :func:`outputs_missing` the notes under the targets of the strategy
and the programmes (and :func:`justification` the implementation report); :func:`funding_total`
and :func:`funding_missing` the family-support and foster-care programmes;
:func:`monitoring_missing` the strategy and the programmes.
"""
from __future__ import annotations

from .. import DEMO_MARK
from .numbers import fmt_amount, fmt_number


def demo_note() -> str:
    """Return the bold note of a document made from demo data."""
    return (f"{DEMO_MARK}: liczby w tym dokumencie są wygenerowane i służą wyłącznie do "
            "pokazania działania narzędzia; kody TERYT i nazwy gmin są prawdziwe, wartości nie.")


def justification(indicator: str, goal_id: str, reason: str, worse: bool = True) -> str:
    """Return the sentence on a target with a justification: for a target ``worse`` than its
    baseline "Wskaźnik „…” (cel 1.1): wartość docelowa dopuszcza pogorszenie względem wartości
    bazowej. Uzasadnienie: …."; for one that is not (e.g. an improvement no better than the
    forecast without action) "…: wartość docelowa nie oznacza pogorszenia względem wartości
    bazowej. Uzasadnienie przyjętej wartości: …."."""
    if worse:
        return (f"Wskaźnik „{indicator}” (cel {goal_id}): wartość docelowa dopuszcza pogorszenie "
                f"względem wartości bazowej. Uzasadnienie: {reason.rstrip('.')}.")
    return (f"Wskaźnik „{indicator}” (cel {goal_id}): wartość docelowa nie oznacza pogorszenia "
            f"względem wartości bazowej. Uzasadnienie przyjętej wartości: {reason.rstrip('.')}.")


def outputs_table_note() -> str:
    """Return the sentence under the table of output indicators (``{t}``: the table)."""
    return ("Wskaźniki produktu mówią, co i w jakiej liczbie wykona każdy kierunek działań "
            "(zob. {t}); na ich podstawie realizatorzy rozliczają działania w corocznym "
            "sprawozdaniu.")


def outputs_missing(ids: list[str]) -> str:
    """Return the sentence on the directions of action ``ids`` ("1.1.2") that have no output
    indicator yet; "" when there is none."""
    if not ids:
        return ""
    joined = ", ".join(ids)
    return ((f"Kierunek działań {joined} nie ma" if len(ids) == 1
             else f"Kierunki działań {joined} nie mają")
            + " jeszcze wskaźnika produktu (co zostanie wykonane i w jakiej liczbie); przed "
            "przyjęciem dokumentu należy go określić, aby można było rozliczyć realizację.")


def funding_total(total) -> str:
    """Return the sentence under a programme's funding table (``{t}``): the total in zł."""
    return (f"Łączne szacowane nakłady wynoszą {fmt_amount(total, None)} (zob. {{t}}); kwoty w "
            "kolejnych latach określą uchwały budżetowe.")


def funding_missing() -> str:
    """Return the paragraph of a programme without sources of funding."""
    return "Źródła finansowania – do uzupełnienia przez zespół."


def monitoring_missing() -> str:
    """Return the paragraph of a plan that does not say how it is monitored."""
    return "Sposób monitorowania – do uzupełnienia."


#: The baseline cell of a target whose indicator has no baseline yet (neither in the data nor
#: given by the team): the target cannot be checked until it has one.
BASELINE_PENDING = "do ustalenia – brak wartości bazowej"


def baseline_missing(goal_id: str, indicator: str, target, target_year) -> str:
    """Return the warning on a target without a baseline: "cel 1.1, wskaźnik „…”: brak
    wartości bazowej – wartości docelowej 10 (2030) nie sprawdzono ..."."""
    aim = "" if target is None else f" {fmt_number(target)}"
    when = f" ({target_year})" if target_year else ""
    return (f"cel {goal_id}, wskaźnik „{indicator}”: brak wartości bazowej – wartości "
            f"docelowej{aim}{when} nie można sprawdzić (kierunek zmiany, realność); w tabeli "
            f"wskaźników oznaczono ją: „{BASELINE_PENDING}”")
