"""The sentences of the draft resolutions (projekty uchwał) adopting the documents, and the
line on the cover of an adopted document that names its resolution.

In: plain values: the kind of document adopted (``strategia``, ``program_pieczy_zastepczej``,
``program_wspierania_rodziny``), the council and the executive organ in the forms the sentence
needs ("Rady Powiatu Kaliskiego", "Wójtowi Gminy Blizanów"), the adopted document's title, the
institution that drafted it, the consultation's period. Out: Polish lines and paragraphs with
no-break spaces where a line must not break (:func:`keep_together`: "1998 r.", "§ 1",
"art. 12"); the resolution's number and date are left as "…" for the council's office.

Legal bases: the powiat's council adopts the strategy under art. 12 pkt 11 of the act on powiat
self-government in connection with art. 19 pkt 1 and art. 16b of the act on social assistance,
and the foster-care programme in connection with art. 180 pkt 1 of the act on family support
and foster care; a gmina's council adopts its family-support programme under art. 18 ust. 2
pkt 15 of the act on gmina self-government in connection with art. 176 pkt 1 of that act.
"""
from __future__ import annotations

import re

from .grammar import TextError, count
from .numbers import NBSP, fmt_date

GMINA = ("gmina", "gminy", "gmin")
#: Where the resolution names the Journal of Laws in which an act was published, when the plan
#: does not give it.
JOURNAL_PLACEHOLDER = f"Dz.{NBSP}U. z{NBSP}…{NBSP}r. poz.{NBSP}…"
_NBSP_RULES = [(re.compile(r"(\d{4}) r\."), f"\\1{NBSP}r."), (re.compile(r"§ (\d)"), f"§{NBSP}\\1"),
               (re.compile(r"Dz\. U\."), f"Dz.{NBSP}U."),
               (re.compile(r"(art\.|pkt|ust\.|poz\.) (\d)"), f"\\1{NBSP}\\2")]

#: The acts the resolutions cite, with the day they were passed.
USP = "ustawy z dnia 5 czerwca 1998 r. o samorządzie powiatowym"
USG = "ustawy z dnia 8 marca 1990 r. o samorządzie gminnym"
UPS = "ustawy z dnia 12 marca 2004 r. o pomocy społecznej"
UWR = "ustawy z dnia 9 czerwca 2011 r. o wspieraniu rodziny i systemie pieczy zastępczej"

#: Kinds of adopted documents.
STRATEGY, FOSTER, FAMILY = "strategia", "program_pieczy_zastepczej", "program_wspierania_rodziny"
KINDS = (STRATEGY, FOSTER, FAMILY)

#: The first words of a title and their genitive ("w sprawie przyjęcia Gminnego programu ...").
_GENITIVE_WORDS = {"Strategia": "Strategii", "Gminny": "Gminnego", "Powiatowy": "Powiatowego",
                   "Program": "Programu", "program": "programu", "Strategię": "Strategii"}
_ACCUSATIVE_WORDS = {"Strategia": "Strategię"}
#: The kind's noun when the title is quoted after it (a title starting otherwise).
_NOUNS = {STRATEGY: ("strategii", "strategię"), FOSTER: ("programu", "program"),
          FAMILY: ("programu", "program")}


def keep_together(text: str) -> str:
    """Return ``text`` with no-break spaces where a line must not break (1998 r., § 1, art. 12)."""
    for pattern, repl in _NBSP_RULES:
        text = pattern.sub(repl, text)
    return text


def _check(kind: str) -> None:
    if kind not in KINDS:
        raise TextError(f"nieznany rodzaj przyjmowanego dokumentu '{kind}'; dozwolone: "
                         f"{', '.join(KINDS)}")


def with_period(title: str, years: tuple[int, int]) -> str:
    """Return ``title`` with en dashes in its year ranges and, when it names no period, with
    "na lata Y0–Y1" at its end."""
    title = re.sub(r"(\d{4})\s*[-–]\s*(\d{4})", "\\1–\\2", " ".join(str(title).split()))
    if re.search(r"\d{4}–\d{4}", title):
        return title
    return f"{title} na lata {years[0]}–{years[1]}"


def title_in_case(kind: str, title: str, case: str) -> str:
    """Return the adopted document's ``title`` in ``case`` (``gen``: after "w sprawie
    przyjęcia", ``acc``: after "Przyjmuje się"): its first words declined when the title starts
    with the usual ones ("Strategia", "Gminny program", "Powiatowy program", "Program"), else
    the title quoted after the kind's noun ("programu „...”")."""
    _check(kind)
    words = title.split(" ")
    table = _GENITIVE_WORDS if case == "gen" else _ACCUSATIVE_WORDS
    if case not in ("gen", "acc"):
        raise TextError(f"nieobsługiwany przypadek '{case}' (dozwolone: gen, acc)")
    first = words[0]
    program = first == "Program" or (len(words) > 1 and first in ("Gminny", "Powiatowy")
                                     and words[1] == "program")
    if kind == STRATEGY and first == "Strategia" or kind != STRATEGY and program:
        out = [table.get(first, first)]
        if program and first != "Program" and case == "gen":
            out.append("programu")
            return " ".join(out + words[2:])
        return " ".join(out + words[1:])
    noun = _NOUNS[kind][0 if case == "gen" else 1]
    return f"{noun} „{title}”"


# -- the resolution ----------------------------------------------------------------------------
def head(council_gen: str, title_gen: str) -> list[str]:
    """Return the head lines of the draft resolution: its number, the council, the date (not
    bold) and the subject."""
    return ["UCHWAŁA NR …/…/…", council_gen.upper(), "z dnia … r.",
            f"w sprawie przyjęcia {title_gen}"]


def legal_basis(kind: str, council: str, journals: dict[str, str] | None = None) -> str:
    """Return the legal basis and the formula "... uchwala, co następuje:" (``journals``: where
    the acts were published - keys ``usp``, ``ups``, ``usg``, ``uwr`` -, else a placeholder)."""
    _check(kind)
    j = {k: v for k, v in (journals or {}).items() if v}

    def dz(key: str) -> str:
        return j.get(key) or JOURNAL_PLACEHOLDER

    if kind == STRATEGY:
        basis = (f"art. 12 pkt 11 {USP} ({dz('usp')}) w związku z art. 19 pkt 1 i art. 16b "
                 f"{UPS} ({dz('ups')})")
    elif kind == FOSTER:
        basis = (f"art. 12 pkt 11 {USP} ({dz('usp')}) w związku z art. 180 pkt 1 {UWR} "
                 f"({dz('uwr')})")
    else:
        basis = (f"art. 18 ust. 2 pkt 15 {USG} ({dz('usg')}) w związku z art. 176 pkt 1 {UWR} "
                 f"({dz('uwr')})")
    return keep_together(f"Na podstawie {basis} {council} uchwala, co następuje:")


def paragraphs(kind: str, title_acc: str, executive_dative: str) -> list[str]:
    """Return § 1 (the document adopted as the resolution's annex), § 2 (who carries it out)
    and § 3 (entry into force)."""
    _check(kind)
    forming = "stanowiącą" if kind == STRATEGY else "stanowiący"
    return [keep_together(t) for t in (
        f"§ 1. Przyjmuje się {title_acc}, {forming} załącznik do niniejszej uchwały.",
        f"§ 2. Wykonanie uchwały powierza się {executive_dative}.",
        "§ 3. Uchwała wchodzi w życie z dniem podjęcia.")]


def consulted(consultation: bool, n_gminas: int = 0, start=None, end=None) -> str:
    """Return the strategy's justification sentence on the consultation: with the number of
    gminas and the period when known; ``consultation`` False: the plan says nothing of it."""
    if not consultation:
        return ("Projekt strategii przekazano do konsultacji gminom powiatu; przebieg "
                "konsultacji – do uzupełnienia.")
    return ("Projekt strategii został skonsultowany z gminami powiatu"
            + (f" ({count(n_gminas, GMINA)})" if n_gminas else "")
            + (f" w terminie od {fmt_date(start)} do {fmt_date(end)}" if start and end else "")
            + " oraz z organizacjami pozarządowymi; zgłoszone uwagi rozpatrzono, a sposób ich "
            "rozpatrzenia opisano w strategii.")


def reasons(kind: str, institution: str, years: tuple[int, int],
            consulted_sentence: str = "") -> list[str]:
    """Return the paragraphs of the justification (uzasadnienie): the duty the act sets, what
    the document holds, who drafted it (and, for the strategy, the consultation), the money."""
    _check(kind)
    period = f"{years[0]}–{years[1]}"
    if kind == STRATEGY:
        out = [
            ("Zgodnie z art. 19 pkt 1 ustawy z dnia 12 marca 2004 r. o pomocy społecznej do zadań "
             "własnych powiatu należy opracowanie i realizacja powiatowej strategii rozwiązywania "
             "problemów społecznych, ze szczególnym uwzględnieniem programów pomocy społecznej, "
             "wspierania osób niepełnosprawnych i innych, których celem jest integracja osób i "
             "rodzin z grup szczególnego ryzyka – po konsultacji z właściwymi terytorialnie "
             "gminami."),
            ("Strategia zawiera elementy określone w art. 16b ustawy o pomocy społecznej: diagnozę "
             "sytuacji społecznej, prognozę zmian w zakresie objętym strategią, cele strategiczne "
             "projektowanych zmian, kierunki niezbędnych działań, sposób realizacji strategii i "
             "jej ramy finansowe oraz wskaźniki realizacji działań."),
            f"Projekt strategii został opracowany przez {institution}. {consulted_sentence}".strip(),
            ("Działania określone w strategii będą finansowane w granicach środków ujmowanych "
             "corocznie w uchwałach budżetowych powiatu oraz ze środków zewnętrznych.")]
    elif kind == FOSTER:
        out = [
            ("Zgodnie z art. 180 pkt 1 ustawy z dnia 9 czerwca 2011 r. o wspieraniu rodziny i "
             "systemie pieczy zastępczej do zadań własnych powiatu należy opracowanie i realizacja "
             "3-letnich powiatowych programów dotyczących rozwoju pieczy zastępczej, zawierających "
             "między innymi coroczny limit rodzin zastępczych zawodowych."),
            (f"Program na lata {period} określa cele i zadania powiatu w rozwoju pieczy "
             "zastępczej, coroczny limit rodzin zastępczych zawodowych, wskaźniki realizacji "
             "zadań oraz źródła ich finansowania."),
            f"Projekt programu został opracowany przez {institution}.",
            ("Zadania programu będą finansowane w granicach środków ujmowanych corocznie w "
             "uchwałach budżetowych powiatu oraz ze środków zewnętrznych.")]
    else:
        out = [
            ("Zgodnie z art. 176 pkt 1 ustawy z dnia 9 czerwca 2011 r. o wspieraniu rodziny i "
             "systemie pieczy zastępczej do zadań własnych gminy należy opracowanie i realizacja "
             "3-letnich gminnych programów wspierania rodziny."),
            (f"Program na lata {period} określa cele i działania gminy na rzecz rodzin "
             "przeżywających trudności w wypełnianiu funkcji opiekuńczo-wychowawczych, wskaźniki "
             "ich realizacji oraz źródła finansowania."),
            f"Projekt programu został opracowany przez {institution}.",
            ("Działania programu będą finansowane w granicach środków ujmowanych corocznie w "
             "uchwałach budżetowych gminy oraz ze środków zewnętrznych.")]
    out.append("Wobec powyższego podjęcie uchwały jest zasadne.")
    return [keep_together(t) for t in out]


def document_title(council_gen: str, title_gen: str) -> str:
    """Return the title of the draft resolution as a document (its running header)."""
    return f"Projekt uchwały {council_gen} w sprawie przyjęcia {title_gen}"


DRAFT = "Projekt"
REASONS = "Uzasadnienie"


# -- the cover of an adopted document -----------------------------------------------------------
def annex_line(council_gen: str) -> str:
    """Return the line at the top of an adopted document's cover: "Załącznik do uchwały nr
    …/…/… Rady Powiatu Kaliskiego z dnia … r." (the number and date left to the council's
    office)."""
    return f"Załącznik do uchwały nr …/…/… {council_gen} z dnia … r."


# -- a gmina's organs --------------------------------------------------------------------------
#: Endings of a town's name and of its locative ("w Opatówku", "w Stawiszynie"); a name with
#: another ending gets no derived "Rada Miejska w ..." (see :func:`gmina_council`).
_LOCATIVE_ENDINGS = [("ek", "ku"), ("ik", "iku"), ("yn", "ynie"), ("in", "inie"), ("ów", "owie"),
                     ("sk", "sku"), ("ice", "icach"), ("yce", "ycach")]


def town_locative(name: str) -> str | None:
    """Return the locative of a one-word town name by its ending (``Opatówek`` -> ``Opatówku``,
    ``Stawiszyn`` -> ``Stawiszynie``), or None when the ending is not one of the known ones."""
    if " " in name.strip() or "-" in name:
        return None
    for end, loc in _LOCATIVE_ENDINGS:
        if name.endswith(end):
            return name[:-len(end)] + loc
    return None


def gmina_council(name: str, type_digit: str) -> tuple[str, str]:
    """Return the council of a gmina (nominative, genitive): a rural gmina's "Rada Gminy X"; an
    urban or urban-rural gmina's "Rada Miejska w X" (its seat is a town), or - when the town's
    locative is not derived - "Rada Miasta X" (urban) and "Rada Gminy i Miasta X"
    (urban-rural). The plan's ``uchwala: rada`` names the council as its statute does."""
    if str(type_digit) == "2":
        return f"Rada Gminy {name}", f"Rady Gminy {name}"
    loc = town_locative(name)
    if loc:
        return f"Rada Miejska w {loc}", f"Rady Miejskiej w {loc}"
    if str(type_digit) == "1":
        return f"Rada Miasta {name}", f"Rady Miasta {name}"
    return f"Rada Gminy i Miasta {name}", f"Rady Gminy i Miasta {name}"


_DATIVE = {"wójt": "Wójtowi Gminy", "burmistrz": "Burmistrzowi Gminy",
           "prezydent miasta": "Prezydentowi Miasta"}


def gmina_executive_dative(organ: str, name: str, type_digit: str) -> str:
    """Return the gmina's executive organ in the dative, with the gmina: "Wójtowi Gminy
    Blizanów", "Burmistrzowi Gminy Stawiszyn", "Burmistrzowi Miasta X" (an urban gmina),
    "Prezydentowi Miasta X" (``organ``: :func:`strategy.text.organs.gmina_organ`)."""
    if organ == "burmistrz" and str(type_digit) == "1":
        return f"Burmistrzowi Miasta {name}"
    return f"{_DATIVE[organ]} {name}"


#: The first word of an organ named in a plan and its dative ("Zarząd" -> "Zarządowi").
ORGAN_DATIVE = {"Zarząd": "Zarządowi", "Prezydent": "Prezydentowi", "Burmistrz": "Burmistrzowi",
                "Wójt": "Wójtowi"}
#: The first word of a council named in a plan and its genitive.
COUNCIL_GENITIVE = {"Rada": "Rady"}
_ADJECTIVE_GENITIVE = {"Miejska": "Miejskiej"}


def council_genitive(council: str) -> str | None:
    """Return a council's name ("Rada Miejska w Koźminku") in the genitive, or None when it
    does not start with "Rada"."""
    first, _, rest = council.partition(" ")
    if first not in COUNCIL_GENITIVE:
        return None
    second, _, tail = rest.partition(" ")
    if second in _ADJECTIVE_GENITIVE:
        rest = f"{_ADJECTIVE_GENITIVE[second]} {tail}".strip()
    return f"{COUNCIL_GENITIVE[first]} {rest}"


def organ_dative(board: str) -> str | None:
    """Return an executive organ's name ("Wójt Gminy Lisków") in the dative, or None when its
    first word is not a known organ."""
    first, _, rest = board.partition(" ")
    if first not in ORGAN_DATIVE:
        return None
    return f"{ORGAN_DATIVE[first]} {rest}".strip()
