"""The sentences of the powiat strategy's chapters (Strategia rozwiązywania problemów
społecznych), in the order of the chapters: introduction, consistency with higher-level
documents, diagnosis, SWOT, forecast, goals, services, implementation and the financial frame,
indicators, monitoring.

The chapters on the powiat's resources, the consultation, the abbreviations and the draft
resolution are in :mod:`.strategia_zakres`; an area section of the diagnosis in
:mod:`.diagnoza_obszary`; the ranking rule in :mod:`.ranking`; the forecast's method in
:mod:`.prognoza`; the notes under the targets in :mod:`.wspolne`.

In: plain values (the powiat's name, years, counts, amounts). Out: Polish paragraphs; a
``{t}`` (``{a}``, ``{b}``, ``{d}``, ``{g}``) in a paragraph is the place of a cross-reference to
a table.
"""
from __future__ import annotations

from .grammar import count, powiat_genitive
from .numbers import fmt_amount, fmt_number, fmt_percent

#: The legal basis of the strategy, one bullet each.
LEGAL_BASIS = [
    ("ustawa z dnia 12 marca 2004 r. o pomocy społecznej – art. 16b (zawartość strategii), "
     "art. 19 pkt 1 (obowiązek opracowania strategii powiatu po konsultacji z gminami);"),
    "ustawa z dnia 9 czerwca 2011 r. o wspieraniu rodziny i systemie pieczy zastępczej;",
    "ustawa z dnia 29 lipca 2005 r. o przeciwdziałaniu przemocy domowej;",
    ("ustawa z dnia 27 sierpnia 1997 r. o rehabilitacji zawodowej i społecznej oraz "
     "zatrudnianiu osób niepełnosprawnych;"),
    ("ustawa z dnia 19 lipca 2019 r. o realizowaniu usług społecznych przez centrum usług "
     "społecznych – art. 2 ust. 1 (usługi społeczne);"),
    ("ustawa z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie – "
     "art. 4 ust. 1 (zadania publiczne zlecane organizacjom pozarządowym);"),
    "ustawa z dnia 6 grudnia 2006 r. o zasadach prowadzenia polityki rozwoju.",
]
CEL_STRATEGICZNY = ("cel strategiczny", "cele strategiczne", "celów strategicznych")
CEL_OPERACYJNY = ("cel operacyjny", "cele operacyjne", "celów operacyjnych")
KIERUNEK = ("kierunek działań", "kierunki działań", "kierunków działań")


# -- introduction ------------------------------------------------------------------------------
def purpose(powiat: str, first: int, last: int, institution: str) -> str:
    """Return the first paragraph: what the strategy of powiat ``powiat`` ("kaliski") for the
    years ``first``–``last`` does, and who prepared it."""
    return (f"Strategia rozwiązywania problemów społecznych powiatu {powiat_genitive(powiat)} "
            f"na lata {first}–{last} określa, jak powiat – we współpracy z gminami, "
            "instytucjami i organizacjami pozarządowymi – będzie przeciwdziałał problemom "
            "społecznym mieszkańców. Powiat opracowuje ją po konsultacji z gminami z jego "
            "obszaru (art. 19 pkt 1 ustawy o pomocy społecznej). Opracowanie dokumentu: "
            f"{institution}.")


def work_order() -> str:
    """Return the paragraph on the order of work, ending with a colon before the list of the
    chapters that hold the statutory elements."""
    return ("Prace prowadzono w kolejności: diagnoza, pogrupowanie i uszeregowanie problemów, "
            "cele, zasoby, rezultaty, wskaźniki, działania i koszty, monitoring, konsultacje. "
            "Elementy wymagane przez art. 16b ustawy o pomocy społecznej znajdują się w "
            "następujących rozdziałach:")


def statute_item(statute: str, chapter: int) -> str:
    """Return a bullet "art. 16b ust. 2 pkt 1 – rozdział 3"."""
    return f"art. 16b {statute} – rozdział {chapter}"


# -- consistency -------------------------------------------------------------------------------
def higher_documents_note() -> str:
    """Return the sentence under the table of higher-level documents (``{t}``)."""
    return ("Cele strategii wpisują się w cele dokumentów krajowych, regionalnych i powiatowych "
            "wymienionych w zestawieniu (zob. {t}).")


def higher_documents_missing() -> str:
    return ("Dokumenty wyższego rzędu, z którymi strategia jest zgodna – do uzupełnienia przez "
            "zespół.")


# -- diagnosis ---------------------------------------------------------------------------------
def diagnosis_intro(powiat: str, year: int, population, n_gminas: int) -> str:
    """Return the first paragraph of the diagnosis: the date, the population, the number of
    gminas and how the powiat's values are computed."""
    return (f"Diagnozę sporządzono dla powiatu {powiat_genitive(powiat)} według stanu na 31 "
            f"grudnia {year} r. Powiat {powiat} liczył wtedy {fmt_number(population, 0)} "
            f"mieszkańców w {n_gminas} gminach. Wartości powiatu są sumami liczb z gmin "
            "podzielonymi przez sumy mianowników, a nie średnimi wskaźników gmin.")


def synthesis_note() -> str:
    """Return the sentence under the table of the gminas' key indicators (``{t}``)."""
    return "Wskaźniki kluczowe gmin zestawiono obok wartości całego powiatu (zob. {t})."


def ranking_top(area: str, charts: bool = True) -> str:
    """Return the sentence under the table of problem areas (``{t}``): the area with the
    highest score, and (``charts``) what the charts after it show."""
    text = f"Najwyższy wynik w powiecie ma obszar „{area}” (zob. {{t}})."
    if charts:
        text += " Wykresy pokazują gminy uszeregowane według wskaźników najpilniejszych obszarów."
    return text


def ranking_none() -> str:
    """Return the sentence under the table of problem areas (``{t}``) when every area scored
    zero."""
    return ("Żaden obszar nie uzyskał dodatniego wyniku (zob. {t}): dane nie wskazują obszaru "
            "wyraźnie wyróżniającego się na tle pozostałych.")


def ranking_partial(areas: list[str], gminas: list[str]) -> str:
    """Return the sentence on the areas whose score rests on the data of some gminas only."""
    which = "obszaru" if len(areas) == 1 else "obszarów"
    return (f"Wynik {which} {', '.join(f'„{a}”' for a in areas)} oparto na danych części "
            f"gmin (brak danych z: {', '.join(gminas)}); niski wynik nie oznacza, że w tych "
            "gminach nie ma problemów.")


def ranking_too_few() -> str:
    """Return the paragraph when the data are too few to rank the areas."""
    return ("Danych jest za mało, aby uszeregować obszary problemowe: żaden wskaźnik względny "
            "nie ma w roku diagnozy wartości porównywalnych z powiatem lub województwem.")


def social_economy_missing() -> str:
    return ("Opis potencjału podmiotów ekonomii społecznej – do uzupełnienia przez zespół.")


def social_economy_note(n: int) -> str:
    """Return the sentence under the table of ``n`` social-economy entities (``{t}``)."""
    if n >= 5:
        return (f"W zestawieniu (zob. {{t}}) ujęto {n} podmiotów z ich zakresem usług i "
                "potencjałem.")
    if n >= 2:
        return (f"W zestawieniu (zob. {{t}}) ujęto {n} podmioty z ich zakresem usług i "
                "potencjałem.")
    return "W zestawieniu (zob. {t}) ujęto jeden podmiot z jego zakresem usług i potencjałem."


# -- SWOT and forecast -------------------------------------------------------------------------
def swot_intro() -> str:
    return ("Analizę SWOT przygotował zespół opracowujący strategię na podstawie diagnozy "
            "sytuacji społecznej powiatu.")


def swot_note() -> str:
    """Return the sentence under the SWOT table (``{a}``)."""
    return "Mocne i słabe strony oraz szanse i zagrożenia powiatu zestawiono w tabeli (zob. {a})."


#: The title of the team's working material after the annexes of the strategy.
WORKING_TITLE = "Materiał roboczy zespołu – nie jest częścią dokumentu do przyjęcia"


def working_intro() -> str:
    """Return the (italic) paragraph that opens the team's working material."""
    return ("Poniższe propozycje mocnych i słabych stron wynikają wyłącznie z liczb diagnozy "
            "(porównania gmin z powiatem i tendencji). Służyły zespołowi przy przygotowaniu "
            "analizy SWOT; nie są częścią strategii i przed przyjęciem dokumentu należy je "
            "usunąć.")


def forecast_table_note() -> str:
    """Return the sentence under the forecast table (``{t}``)."""
    return "Wyniki prognozy zestawiono w tabeli (zob. {t})."


# -- mission and goals -------------------------------------------------------------------------
def missing_text() -> str:
    """Return what stands for a mission or vision the plan does not give."""
    return "do uzupełnienia"


def goals_summary(n_goals: int, n_operational: int, n_directions: int) -> str:
    """Return "Strategia ma 3 cele strategiczne, 8 celów operacyjnych i 20 kierunków działań.
    ..." with the nouns agreed with the numbers."""
    return (f"Strategia ma {count(n_goals, CEL_STRATEGICZNY)}, "
            f"{count(n_operational, CEL_OPERACYJNY)} i {count(n_directions, KIERUNEK)}. Dla "
            "każdego kierunku podano realizatorów, partnerów, termin i źródła finansowania.")


# -- services ----------------------------------------------------------------------------------
def services_intro() -> str:
    return ("Zgodnie z art. 16b ust. 3 ustawy o pomocy społecznej strategia wskazuje usługi "
            "społeczne (art. 2 ust. 1 ustawy o realizowaniu usług społecznych przez centrum "
            "usług społecznych) oraz zadania publiczne, które będą zlecane organizacjom "
            "pozarządowym (art. 4 ust. 1 ustawy o działalności pożytku publicznego i o "
            "wolontariacie).")


def services_missing() -> str:
    return "Usługi społeczne – do uzupełnienia przez zespół."


def ngo_tasks_missing() -> str:
    return "Zadania zlecane organizacjom pozarządowym – do uzupełnienia przez zespół."


# -- implementation and the financial frame ----------------------------------------------------
def implementation(coordinator: str) -> str:
    """Return the paragraph on who implements the strategy and how it is financed."""
    return (f"Strategię realizują jednostki wskazane przy kierunkach działań, a jej realizację "
            f"koordynuje {coordinator}. Działania są ujmowane w rocznych planach pracy i "
            "budżetach realizatorów; kwoty w ramach finansowych są szacunkami, które co roku "
            "weryfikuje uchwała budżetowa.")


def funding_missing() -> str:
    return "Ramy finansowe strategii nie zostały jeszcze określone – do uzupełnienia."


def funding_total(span: str, total, top_amount, top_source: str) -> str:
    """Return the sentence under the funding table (``{t}``): the total in the years ``span``
    ("2025–2030") and the largest source with its amount and share of the total."""
    share = top_amount / total * 100 if total else float("nan")
    return (f"Łączne szacowane nakłady na realizację strategii w latach {span} wynoszą "
            f"{fmt_amount(total, None)} (zob. {{t}}). Największą część, "
            f"{fmt_amount(top_amount, None)} ({fmt_percent(share)}), ma pochodzić ze źródła: "
            f"{top_source}.")


def costs_missing() -> str:
    return ("Ramy finansowe nie zostały rozpisane na cele i kierunki działań – do "
            "uzupełnienia.")


def direction_costs_note() -> str:
    """Return the sentence under the costs by goal and direction (``{d}``)."""
    return ("Koszty każdego kierunku działań w kolejnych latach, z sumami dla celów "
            "strategicznych, podano w zestawieniu (zob. {d}).")


def goal_costs_note(amount, goal_id: str, goal_name: str) -> str:
    """Return the sentence under the costs by goal and source (``{g}``): the goal that needs
    the most."""
    return (f"Podział kosztów celów strategicznych na źródła finansowania zawiera zestawienie "
            f"(zob. {{g}}). Najwięcej, {fmt_amount(amount, None)}, wymaga cel strategiczny "
            f"{goal_id} „{goal_name}”.")


# -- indicators and monitoring -----------------------------------------------------------------
def baselines(year: int) -> str:
    """Return the paragraph on where the baselines of the indicators come from."""
    return (f"Wartości bazowe wskaźników przyjętych w diagnozie uzupełniono z danych powiatu za "
            f"rok {year} albo ostatni wcześniejszy rok z danymi; wartości bazowe pozostałych "
            "wskaźników przyjął zespół.")


def monitoring() -> str:
    return ("Monitoring polega na corocznym zbieraniu wartości wskaźników realizacji i "
            "informacji o wykonanych działaniach od realizatorów; ewaluacja ocenia trafność, "
            "skuteczność i efektywność strategii oraz potrzebę jej aktualizacji.")


# -- the gminas' annexes -----------------------------------------------------------------------
def annex_urgent_intro() -> str:
    """Return the (bold) line before the list of a gmina's most urgent problem areas."""
    return "Najpilniejsze obszary problemowe:"


def annex_urgent_item(area: str, score: float, indicator: str) -> str:
    """Return an item of the list: "Bezrobocie (wynik 0,42; najpilniejszy wskaźnik: …)"."""
    return f"{area} (wynik {fmt_number(score, 2)}; najpilniejszy wskaźnik: {indicator})"


def annex_urgent_none() -> str:
    """Return the paragraph when no area of the gmina stands out from the powiat."""
    return "Dane nie wskazują obszarów wyraźnie odbiegających od powiatu."


def annex_urgent_none_checked(areas: list[str]) -> str:
    """Return the paragraph when no area with the gmina's data stands out, some areas having
    no data of the gmina: the all-clear is said of the areas with data only."""
    return ("W obszarach, dla których gmina ma dane, dane nie wskazują obszarów wyraźnie "
            f"odbiegających od powiatu; brak danych gminy w obszarach: {', '.join(areas)}.")


def annex_no_data(areas: list[str]) -> str:
    """Return the paragraph of a gmina's annex on the areas with no data of the gmina."""
    return f"Brak danych gminy w obszarach: {', '.join(areas)} – tych obszarów nie oceniono."


def annex_no_data_at_all() -> str:
    """Return the paragraph of a gmina's annex when the gmina has no data in any area."""
    return ("Brak danych gminy w obszarach diagnozy – nie można wskazać obszarów "
            "problemowych.")


def coverage_partial(year: int, n_with: int, n_all: int, missing: list[str]) -> str:
    """Return the paragraph of an area whose data come from some gminas only: "Dane gmin za
    2024 r. w tym obszarze: dane z 9 z 11 gmin; brak danych z: Szczytniki, Żelazków. ..."
    (a powiat figure summed from the gminas is given only for years all gminas have it:
    :mod:`strategy.analysis.derive`)."""
    return (f"Dane gmin za {year} r. w tym obszarze: dane z {n_with} z {n_all} gmin; brak "
            f"danych z: {', '.join(missing)}. Wartości powiatu, które są sumą danych gmin, "
            "podano tylko za lata, w których dane mają wszystkie gminy: suma danych części gmin "
            "nie opisuje całego powiatu.")


def coverage_none(n_all: int) -> str:
    """Return the paragraph of an area in which no gmina of the powiat has data."""
    who = "Gmina powiatu nie ma" if n_all == 1 else f"Żadna z {n_all} gmin powiatu nie ma"
    return f"{who} danych w tym obszarze; obszaru nie oceniono na podstawie danych gmin."


def coverage_warning(gminas: list[str], areas: list[str]) -> str:
    """Return the build warning on gminas without data: "brak danych z gmin: Szczytniki,
    Żelazków – obszary: pomoc społeczna, rodzina i wspieranie rodziny"."""
    return f"brak danych z gmin: {', '.join(gminas)} – obszary: {', '.join(areas)}"
