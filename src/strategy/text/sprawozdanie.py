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

from ..analysis.achievement import EXCEEDED
from .grammar import plural, plural_category
from .numbers import NBSP, fmt_amount, fmt_number


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
