"""The sentences of the consultation report (raport z konsultacji projektu strategii): the
date, the introduction (which version, how many gminas sent remarks, counts by kind and by
response), what the table holds, the demo note.

In: plain values counted from the register of remarks by
:func:`strategy.consultation.report_docx.intro_sentences`. Out: Polish sentences.
"""
from __future__ import annotations

from .. import DEMO_MARK
from .numbers import fmt_date

#: How a remark was sent, as the report names it ("komentarz" -> "komentarze w tekście").
KIND_NAMES = {"komentarz": "komentarze w tekście", "zmiana": "zmiany w tekście (śledzone)",
              "formularz": "uwagi z formularza"}
#: The name of the kinds not in :data:`KIND_NAMES` that have no name at all.
OTHER_KIND = "inne"


def as_of(date) -> str:
    """Return "Stan na 7 grudnia 2026 r."."""
    return f"Stan na {fmt_date(date)}."


def intro_sentences(versions: list[str], gminas: list[str], n_remarks: int,
                    by_kind: list[tuple[str, int]], by_response: list[tuple[str, int]]
                    ) -> list[str]:
    """Return the introduction: the ``versions`` of the draft (none: no sentence), the
    ``gminas`` that sent remarks, the number of remarks, and the counts by kind (the register's
    kind codes, named by :data:`KIND_NAMES`) and by response, each in the order given (pairs
    with a count of 0 are left out, an empty list leaves its sentence out)."""
    out = []
    if versions:
        out.append(f"Raport dotyczy projektu w wersji {', '.join(versions)}.")
    out.append(f"Liczba gmin, które zgłosiły uwagi: {len(gminas)}"
               + (f" ({', '.join(gminas)})." if gminas else "."))
    out.append(f"Liczba zgłoszonych uwag: {n_remarks}.")
    kinds = [f"{KIND_NAMES.get(k, k or OTHER_KIND)}: {n}" for k, n in by_kind if n]
    if kinds:
        out.append("Według sposobu zgłoszenia – " + "; ".join(kinds) + ".")
    responses = [f"{s}: {n}" for s, n in by_response if n]
    if responses:
        out.append("Według stanowiska – " + "; ".join(responses) + ".")
    return out


def table_intro() -> str:
    """Return the paragraph before the table of remarks."""
    return ("Poniżej zestawiono wszystkie uwagi wraz ze stanowiskiem autorów projektu i jego "
            "uzasadnieniem. Uwagi zgłoszone komentarzem lub zmianą w tekście przypisano do "
            "rozdziału, w którym je naniesiono.")


def demo_note() -> str:
    """Return the (bold) note of a report made from demo drafts."""
    return f"{DEMO_MARK}: raport przygotowano na danych wygenerowanych."
