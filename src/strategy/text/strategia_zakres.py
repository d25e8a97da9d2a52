"""The sentences of the strategy's chapters on its resources, consultation, abbreviations and
adoption (the chapters of :mod:`strategy.documents.builders.strategia_scope`): the powiat's
institutions, the team, the consultation with the gminas and NGOs and its remarks, how the
remarks were handled, the adoption, the draft resolution and its justification.

In: plain values (names of the institution and the organs in the forms the sentence needs,
counts, dates). Out: Polish paragraphs with no-break spaces where a line must not break
(:func:`keep_together`: "1998 r.", "§ 1", "art. 12"); a ``{t}`` is the place of a
cross-reference to a table.
"""
from __future__ import annotations

import re

from .grammar import count
from .numbers import NBSP, fmt_date, fmt_number, fmt_percent, is_missing

JEDNOSTKA = ("jednostka", "jednostki", "jednostek")
MIEJSCE = ("miejsce", "miejsca", "miejsc")
GMINA = ("gmina", "gminy", "gmin")
ORGANIZACJA = ("organizacja pozarządowa", "organizacje pozarządowe", "organizacji pozarządowych")
UWAGA = ("uwaga", "uwagi", "uwag")
_NBSP_RULES = [(re.compile(r"(\d{4}) r\."), f"\\1{NBSP}r."), (re.compile(r"§ (\d)"), f"§{NBSP}\\1"),
               (re.compile(r"Dz\. U\."), f"Dz.{NBSP}U."),
               (re.compile(r"(art\.|pkt|ust\.|poz\.) (\d)"), f"\\1{NBSP}\\2")]


def keep_together(text: str) -> str:
    """Return ``text`` with no-break spaces where a line must not break (1998 r., § 1, art. 12)."""
    for pattern, repl in _NBSP_RULES:
        text = pattern.sub(repl, text)
    return text


def _plural_verb(n: int) -> bool:
    """Return True when a numeral ``n`` takes a plural verb (2-4, 22-24 ...: "zgłosiły")."""
    return n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14)


def _reported(k: int) -> str:
    """Return "zgłosiła" (1), "zgłosiły" (2-4, 22-24 ...) or "zgłosiło" (5-21 ...)."""
    return "zgłosiła" if k == 1 else "zgłosiły" if _plural_verb(k) else "zgłosiło"


# -- resources ---------------------------------------------------------------------------------
def resources_intro(institution: str) -> str:
    """Return the first paragraph of the resources chapter: who coordinates the powiat's tasks
    (``institution`` in the nominative) and who carries them out."""
    return (f"Zadania powiatu z zakresu pomocy społecznej, wspierania rodziny i systemu pieczy "
            f"zastępczej oraz rehabilitacji społecznej osób z niepełnosprawnościami koordynuje "
            f"{institution}. Realizują je także jednostki wymienione w tym rozdziale: domy pomocy "
            "społecznej, ośrodki wsparcia, placówki opiekuńczo-wychowawcze i mieszkania "
            "chronione, prowadzone przez powiat, gminy i organizacje pozarządowe.")


#: The powiat's tasks of art. 19 u.p.s. that concern particular groups or the gminas' staff,
#: as the scope names them: key -> the task in words.
DUTIES = {
    "karne": ("pomoc w integracji ze środowiskiem osobom opuszczającym zakłady karne i areszty "
              "śledcze"),
    "cudzoziemcy": ("pomoc cudzoziemcom, którzy uzyskali w Polsce status uchodźcy lub ochronę "
                    "uzupełniającą, w ramach indywidualnych programów integracji"),
    "doradztwo": ("doradztwo metodyczne i szkolenie kierowników i pracowników jednostek "
                  "pomocy społecznej z terenu powiatu, w tym ośrodków pomocy społecznej gmin"),
}


def duties(directions: dict[str, list[str]]) -> str:
    """Return the paragraph on the tasks of :data:`DUTIES` with the directions of action that
    carry each (``directions``: key -> direction ids; an empty list: none yet)."""
    items = []
    for key, task in DUTIES.items():
        ids = directions.get(key) or []
        if len(ids) == 1:
            where = f"kierunek działań {ids[0]}"
        elif ids:
            where = f"kierunki działań {', '.join(ids[:-1])} i {ids[-1]}"
        else:
            where = "strategia nie przewiduje jeszcze kierunku działań"
        items.append(f"{task} ({where})")
    return keep_together("Do zadań powiatu należą także (art. 19 ustawy o pomocy społecznej): "
                         + "; ".join(items) + ".")


def institutions_missing() -> str:
    return "Wykaz instytucji powiatu z liczbą miejsc – do uzupełnienia."


def summary_intro() -> str:
    """Return the line before the list of kinds of institutions (``{t}``: the summary table)."""
    return "Zestawienie (zob. {t}) obejmuje:"


def kind_item(kind: str, units: int, places=None, occupied=None, occupancy=None,
              waiting=None) -> str:
    """Return one item of the list of kinds, ending with a semicolon: "domy pomocy społecznej
    – 2 jednostki, 150 miejsc (zajęte: 140, tj. 93,3%); osoby oczekujące na miejsce: 12;".
    A missing number (None, NaN) is left out with its words."""
    parts = [count(int(units), JEDNOSTKA)]
    if not is_missing(places):
        parts.append(count(int(places), MIEJSCE))
    line = f"{kind} – " + ", ".join(parts)
    if not is_missing(occupied):
        line += f" (zajęte: {fmt_number(occupied, 0)}"
        line += f", tj. {fmt_percent(occupancy)})" if not is_missing(occupancy) else ")"
    if not is_missing(waiting):
        line += f"; osoby oczekujące na miejsce: {fmt_number(waiting, 0)}"
    return line + ";"


def detail_note(waiting=None) -> str:
    """Return the sentence under the list of institutions (``{t}``), with the people waiting
    for a place in all of them when there are any."""
    text = ("Poszczególne jednostki z ich profilem i podmiotem prowadzącym wymieniono w wykazie "
            "(zob. {t}).")
    if not is_missing(waiting) and waiting > 0:
        text += (" Łączna liczba osób oczekujących na miejsce we wszystkich jednostkach: "
                 f"{fmt_number(waiting, 0)}.")
    return text


# -- the team ----------------------------------------------------------------------------------
def team_intro(appointed_by: str | None = None) -> str:
    """Return the line before the list of the team, with the act that appointed it when given
    ("zarządzeniem nr 12/2025 Starosty Kaliskiego")."""
    basis = f", powołany {appointed_by}," if appointed_by else ""
    return f"Strategię opracował zespół{basis} w składzie:"


def team_coordinated(institution: str) -> str:
    return f"Prace zespołu były koordynowane przez {institution}."


def team_missing(institution: str) -> str:
    return (f"Strategia została opracowana przez {institution}. Skład zespołu opracowującego "
            "strategię – do uzupełnienia.")


# -- the consultation --------------------------------------------------------------------------
def consultation_basis(n_gminas: int) -> str:
    """Return the first paragraph of the consultation: the statute and to whom the draft went."""
    return keep_together(
        "Zgodnie z art. 19 pkt 1 ustawy o pomocy społecznej powiat opracowuje strategię "
        "rozwiązywania problemów społecznych po konsultacji z gminami ze swojego obszaru. "
        f"Projekt strategii przekazano wszystkim gminom powiatu ({count(n_gminas, GMINA)}) oraz "
        "organizacjom pozarządowym działającym w obszarze pomocy społecznej.")


def consultation_under_way() -> str:
    """Return the paragraph of a draft sent for consultation (the results come later)."""
    return ("Niniejszy projekt jest przedmiotem tych konsultacji. Liczbę zgłoszonych uwag i "
            "sposób ich rozpatrzenia przedstawia się w tym rozdziale po zakończeniu konsultacji.")


def consultation_missing() -> str:
    return "Przebieg konsultacji i liczba zgłoszonych uwag – do uzupełnienia."


def consultation_period(start, end, with_forms: bool) -> str:
    """Return "Konsultacje trwały od 1 marca 2025 r. do 31 marca 2025 r." - ending with a colon
    before the list of forms when ``with_forms``."""
    return (f"Konsultacje trwały od {fmt_date(start)} do {fmt_date(end)}"
            + (" i prowadzono je w następujących formach:" if with_forms else "."))


def consultation_forms() -> str:
    """Return the line before the list of forms (no period known)."""
    return "Konsultacje prowadzono w następujących formach:"


def gmina_remarks(gminas: int | None, n_gminas: int, submitted: int) -> str:
    """Return the sentence on the gminas' remarks: ``gminas`` of the ``n_gminas`` sent
    ``submitted`` remarks (``gminas`` None: not known how many sent them)."""
    if gminas is None:
        return f"Gminy zgłosiły do projektu łącznie {count(submitted, UWAGA)}."
    if gminas == 0:
        return "Żadna z gmin nie zgłosiła uwag do projektu."
    return (f"Uwagi do projektu {_reported(gminas)} {fmt_number(gminas, 0)} spośród "
            f"{fmt_number(n_gminas, 0)} gmin powiatu – łącznie {count(submitted, UWAGA)}.")


def register_note() -> str:
    """Return the sentence that the gminas' counts come from the register of remarks."""
    return "Liczby uwag gmin pochodzą z rejestru uwag prowadzonego w toku konsultacji."


def ngo_remarks(ngos: int | None, submitted: int, invited: int | None = None) -> str:
    """Return the sentence on the NGOs' remarks: ``ngos`` organisations (of ``invited``) sent
    ``submitted`` remarks (``ngos`` None: not known how many sent them)."""
    of = f" spośród {fmt_number(invited, 0)} zaproszonych" if invited is not None else ""
    if ngos is None:
        return f"Organizacje pozarządowe zgłosiły łącznie {count(submitted, UWAGA)}."
    if ngos == 0:
        return f"Żadna z organizacji pozarządowych{of} nie zgłosiła uwag."
    return (f"Uwagi {_reported(ngos)} {count(ngos, ORGANIZACJA)}{of} – łącznie "
            f"{count(submitted, UWAGA)}.")


def remarks_table_note() -> str:
    """Return the sentence under the table of remarks (``{t}``)."""
    return ("Liczbę uwag według zgłaszających i sposobu ich rozpatrzenia podano w zestawieniu "
            "(zob. {t}).")


def remarks_missing() -> str:
    return "Liczba zgłoszonych uwag i sposób ich rozpatrzenia – do uzupełnienia."


def handling_by_team() -> str:
    """Return how the remarks will be handled, in a draft sent for consultation."""
    return "Uwagi zgłoszone w konsultacjach rozpatrzy zespół opracowujący strategię."


def handling_missing() -> str:
    return "Sposób rozpatrzenia uwag – do uzupełnienia."


def unanswered(n: int) -> str:
    """Return the (bold) warning that ``n`` remarks have no response yet."""
    return (f"Do rozpatrzenia pozostaje {count(n, UWAGA)} bez zajętego stanowiska – należy je "
            "rozpatrzyć przed przedstawieniem strategii Radzie Powiatu.")


def adoption(council: str, board_dative: str, annexed: bool) -> str:
    """Return the paragraph on who adopts the strategy (``council``: "Rada Powiatu
    Kaliskiego") and who carries out the resolution (``board_dative``: "Zarządowi Powiatu
    Kaliskiego"); ``annexed``: say that the draft resolution is a document of its own, the
    strategy its annex (:mod:`strategy.text.uchwaly` writes the resolution)."""
    annex = (" Projekt uchwały jest odrębnym dokumentem; strategia stanowi załącznik do "
             "uchwały." if annexed else "")
    return keep_together(
        f"Strategię przyjmuje {council} w drodze uchwały (art. 12 pkt 11 ustawy o samorządzie "
        "powiatowym w związku z art. 19 pkt 1 ustawy o pomocy społecznej), której wykonanie "
        f"powierza się {board_dative}.{annex}")


# -- abbreviations -----------------------------------------------------------------------------
def abbreviations_none() -> str:
    return "W dokumencie nie użyto skrótów wymagających objaśnienia."


def abbreviations_intro() -> str:
    return "W dokumencie użyto następujących skrótów:"
