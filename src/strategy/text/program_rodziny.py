"""The sentences of a gmina's family-support programme (Gminny program wspierania rodziny), in
the order of its chapters: introduction, diagnosis of the families' situation (the families
helped, the assistants' load against the statutory limit, the gmina's children in foster care),
resources, effects and results (the rule of the proposed targets), funding, monitoring.

The notes under the targets and the funding sentences the programme shares with the foster-care
programme are in :mod:`.wspolne`; its area sections in :mod:`.diagnoza_obszary`.

In: plain values (the gmina's name, years, numbers; an indicator of the catalogue where a value
is printed by its kind). Out: Polish paragraphs; ``{t}`` is the place of a cross-reference to a
table.
"""
from __future__ import annotations

from .grammar import plural
from .numbers import fmt_amount, fmt_number, is_missing
from .values import fmt_value

#: The operational goal a proposal adds for the actions it derives from the gmina's own data.
PROPOSED_GOAL = ("Odpowiedź na problemy rodzin i braki zasobów wskazane w danych gminy "
                 "(propozycja)")
#: Actions a proposal offers, by the problem they answer: (name, partners, output indicator,
#: its unit).
ACTIONS: dict[str, tuple[str, list[str], str, str]] = {
    "bezradnosc": (
        ("Objęcie pracą socjalną i wsparciem asystenta rodziny rodzin bezradnych w sprawach "
        "opiekuńczo-wychowawczych oraz warsztaty umiejętności wychowawczych dla rodziców"),
        ["szkoły", "poradnia psychologiczno-pedagogiczna"],
        "Liczba rodzin bezradnych w sprawach opiekuńczo-wychowawczych objętych wsparciem",
        "rodzina"),
    "alkohol": (
        ("Wsparcie rodzin z problemem alkoholowym: rozpoznawanie problemu w pracy socjalnej i "
        "pracy asystenta rodziny, motywowanie do leczenia, grupy wsparcia dla rodzin i zajęcia "
        "dla dzieci z tych rodzin"),
        ["gminna komisja rozwiązywania problemów alkoholowych", "placówki leczenia uzależnień"],
        "Liczba rodzin z problemem alkoholowym objętych wsparciem", "rodzina"),
    "przemoc": (
        ("Przeciwdziałanie przemocy domowej w rodzinach z dziećmi: procedura „Niebieskie "
        "Karty”, praca zespołu interdyscyplinarnego i grup diagnostyczno-pomocowych, wsparcie "
        "psychologiczne dla dzieci i rodziców"),
        ["zespół interdyscyplinarny", "policja", "szkoły"],
        "Liczba rodzin z dziećmi doznających przemocy domowej objętych wsparciem", "rodzina"),
    "ubostwo": (
        ("Przeciwdziałanie ubóstwu rodzin z dziećmi: kontrakty socjalne, aktywizacja zawodowa "
        "rodziców, pomoc w uzyskaniu świadczeń rodzinnych i alimentacyjnych"),
        ["powiatowy urząd pracy"],
        "Liczba rodzin z dziećmi objętych kontraktem socjalnym", "rodzina"),
    "piecza": (
        ("Ograniczanie umieszczeń dzieci w pieczy zastępczej: wczesna praca asystenta rodziny z "
        "rodzinami zagrożonymi umieszczeniem dziecka, plan pracy z rodziną każdego dziecka "
        "umieszczonego w pieczy na rzecz jego powrotu, współpraca z powiatowym centrum pomocy "
        "rodzinie i sądem rodzinnym"),
        ["powiatowe centrum pomocy rodzinie", "sąd rodzinny"],
        "Liczba rodzin zagrożonych umieszczeniem dziecka w pieczy objętych pracą asystenta",
        "rodzina"),
    "wsparcie_dzienne": (
        ("Utworzenie placówki wsparcia dziennego (np. świetlicy środowiskowej) albo porozumienie "
        "z sąsiednią gminą o udziale dzieci z gminy w zajęciach jej placówki"),
        ["szkoły", "organizacje pozarządowe", "sąsiednie gminy"],
        "Liczba dzieci z gminy korzystających z placówki wsparcia dziennego", "dziecko"),
}
#: What a worsening indicator measures, as the subject of a sentence ("liczba rodzin, ...").
PROBLEM_SUBJECTS = {
    "powod_bezradnosc_rodziny": "liczba rodzin, którym przyznano pomoc z powodu bezradności "
                                "w sprawach opiekuńczo-wychowawczych",
    "powod_alkoholizm_rodziny": "liczba rodzin, którym przyznano pomoc z powodu alkoholizmu",
    "powod_przemoc_rodziny": "liczba rodzin, którym przyznano pomoc z powodu przemocy domowej",
    "powod_ubostwo_rodziny": "liczba rodzin, którym przyznano pomoc z powodu ubóstwa",
    "dzieci_piecza_z_gminy": "liczba dzieci z gminy przebywających w pieczy zastępczej",
}
#: What an institution the gmina lacks is, in the sentence saying so.
MISSING_INSTITUTIONS = {
    "placowki_wsparcia_dziennego": "nie działała żadna placówka wsparcia dziennego",
    "rodziny_wspierajace": "nie było rodzin wspierających",
}


def purpose(gmina: str, first: int, last: int) -> str:
    """Return the first paragraph: the programme's legal basis and aim."""
    return (f"Gminny program wspierania rodziny na lata {first}–{last} jest programem "
            "trzyletnim, o którym mowa w art. 176 pkt 1 i art. 179 ustawy z dnia 9 czerwca "
            "2011 r. o wspieraniu rodziny i systemie pieczy zastępczej. Określa działania "
            f"gminy {gmina} wobec rodzin przeżywających trudności w wypełnianiu funkcji "
            "opiekuńczo-wychowawczych, tak aby dzieci mogły wychowywać się w rodzinie "
            "biologicznej, a umieszczenie w pieczy zastępczej było ostatecznością.")


def template_note(gmina: str, template_gmina: str) -> str:
    """Return the (bold) note of a proposal made from another gmina's programme."""
    return (f"Propozycja do uzupełnienia przez gminę. Gmina {gmina} nie przygotowała jeszcze "
            "własnego programu. Cele i działania zaproponowano według programu gminy "
            f"{template_gmina}; wartości docelowe wskaźników wyznaczono z "
            f"danych gminy {gmina} – z jej wartości bazowych i trendów – a kwoty finansowania "
            f"ustali gmina. Diagnoza dotyczy gminy {gmina}.")


# -- diagnosis ---------------------------------------------------------------------------------
def table_note() -> str:
    """Return the sentence under the table of families, assistants and foster care (``{t}``)."""
    return ("Najważniejsze dane o rodzinach objętych pomocą, asystentach rodziny, placówkach "
            "wsparcia dziennego i dzieciach z gminy w pieczy zastępczej zestawiono w tabeli "
            "(zob. {t}).")


def families_helped(year: int, families, helplessness) -> str:
    """Return the sentence on the ``families`` helped in ``year`` and the ``helplessness``
    among them (families helped for bezradność w sprawach opiekuńczo-wychowawczych), with its
    share."""
    return (f"W {year} r. pomocą społeczną objęto {plural(families, 'rodzina', 'acc')}; liczba "
            "rodzin, którym przyznano pomoc z powodu bezradności w sprawach "
            "opiekuńczo-wychowawczych i prowadzenia gospodarstwa domowego, wyniosła "
            f"{fmt_number(helplessness, 0)} ({fmt_number(helplessness / families * 100, 1)}% "
            "rodzin objętych pomocą).")


def assistant_load(year: int, load, indicator, limit: int) -> str:
    """Return the sentence on the families per assistant in ``year`` (``load``, printed as the
    catalogue ``indicator`` prints it) against the statutory ``limit``."""
    verdict = ("mieści się w ustawowym limicie" if load <= limit else
               "przekracza ustawowy limit")
    return (f"Na jednego asystenta rodziny przypadało w {year} r. średnio "
            f"{fmt_value(load, indicator)}, co {verdict} {limit} rodzin na asystenta (art. 15 "
            "ust. 4 ustawy o wspieraniu rodziny i systemie pieczy zastępczej).")


def children_in_care(year: int, children, cost=None) -> str:
    """Return the sentence on the gmina's ``children`` in foster care in ``year`` and, when
    known (not None), the ``cost`` the gmina paid for them."""
    s = f"W {year} r. w pieczy zastępczej przebywało {plural(children, 'dziecko')} z gminy"
    if cost is not None:
        s += f"; gmina współfinansowała ich pobyt kwotą {fmt_amount(cost)}"
    return s + "."


# -- proposals from the gmina's own data ------------------------------------------------------
def _n(x) -> str:
    return fmt_number(x, 0 if float(x).is_integer() else 1)


def worsening_reason(action: str, indicator: str, year: int, value, before, before_year,
                     mean, first_year: int) -> str:
    """Return the bullet saying why action ``action`` (its id) is proposed: the ``indicator``
    worsened - ``value`` in ``year`` against ``before`` in ``before_year`` (None: no value)
    and the ``mean`` of ``first_year``..``year - 1``."""
    prev = (f"{_n(before)} w {before_year} r. i " if before is not None else "")
    years = (f"w {first_year} r." if first_year == year - 1
             else f"w latach {first_year}–{year - 1}")
    subject = PROBLEM_SUBJECTS[indicator] + ("," if ", którym" in PROBLEM_SUBJECTS[indicator]
                                             else "")
    return (f"Działanie {action}: {subject} wyniosła w {year} r. "
            f"{_n(value)} wobec {prev}średnio {fmt_number(mean, 1)} {years}.")


def high_rate_reason(action: str, year: int, value, powiat, ratio) -> str:
    """Return the bullet saying why action ``action`` is proposed: the gmina's children in
    foster care per 1000 (``value``) are ``ratio`` times the powiat's (``powiat``)."""
    return (f"Działanie {action}: liczba dzieci w pieczy zastępczej na 1000 dzieci w wieku "
            f"0–17 lat wyniosła w {year} r. {fmt_number(value, 1)} – {fmt_number(ratio, 1)} "
            f"razy więcej niż w powiecie ({fmt_number(powiat, 1)}); program powinien przede "
            "wszystkim ograniczać nowe umieszczenia i umożliwiać powroty dzieci do rodzin.")


def missing_reason(action: str, indicator: str, year: int) -> str:
    """Return the bullet saying why action ``action`` is proposed: an institution the gmina
    lacks (``indicator`` 0 in ``year``)."""
    return (f"Działanie {action}: według danych za {year} r. w gminie "
            f"{MISSING_INSTITUTIONS[indicator]}.")


def proposed_actions_intro() -> str:
    """Return the paragraph before the reasons of the actions a proposal adds."""
    return ("Poniższe działania zaproponowano na podstawie danych gminy: każde odpowiada na "
            "wskaźnik, który się pogorszył (wartość z ostatniego roku wyższa o ponad 10% od "
            "średniej z lat wcześniejszych), na wskaźnik znacznie gorszy niż w powiecie albo "
            "na brak instytucji wsparcia rodziny w gminie. Gmina przyjmuje je, zmienia albo "
            "uzupełnia przed uchwaleniem programu.")


def no_problems_found(gmina: str) -> str:
    """Return the sentence of a proposal whose gmina's data show no worsening."""
    return (f"Dane gminy {gmina} nie wskazują pogorszenia wskaźników rodzin w trudnej sytuacji "
            "ani braku instytucji wsparcia rodziny, na które program powinien dodatkowo "
            "odpowiedzieć.")


def caseload_keep(year: int, assistants, families, lower, more, limit: int) -> str:
    """Return the rule of a proposed families-per-assistant target kept at its baseline: with
    ``assistants`` and ``families`` of ``year``, a lower value needs ``more`` assistants (and
    would then be ``lower``); within the statutory ``limit`` the same assistants may take on
    more families."""
    s = (f"utrzymanie poziomu z {year} r.: przy dotychczasowej liczbie asystentów "
         f"({_n(assistants)}) niższy wskaźnik oznaczałby objęcie pracą asystenta mniejszej "
         f"liczby rodzin niż w {year} r. ({_n(families)}); obniżenie go do "
         f"{fmt_number(lower, 1)} przy tej samej liczbie rodzin wymaga zatrudnienia "
         f"jeszcze jednego asystenta (razem {_n(more)})")
    if families < limit * assistants:
        s += (f"; w ustawowym limicie {limit} rodzin na asystenta ta sama kadra może objąć "
              f"pracą asystenta do {_n(limit * assistants)} rodzin")
    return s


def caseload_limit(year: int, assistants, families, limit: int, needed) -> str:
    """Return the rule of a proposed families-per-assistant target at the statutory ``limit``:
    ``families`` of ``year`` need ``needed`` assistants (``assistants`` then)."""
    return (f"ustawowy limit {limit} rodzin na asystenta: przy liczbie rodzin objętych pracą "
            f"asystenta w {year} r. ({_n(families)}) wymaga to zatrudnienia {_n(needed)} "
            f"asystentów (w {year} r.: {_n(assistants)})")


def caseload_no_assistant(year: int) -> str:
    """Return the rule of a families-per-assistant target of a gmina without an assistant."""
    return (f"gmina nie zatrudniała asystenta rodziny w {year} r. – wartość docelową ustali po "
            "zatrudnieniu asystenta")


def assistants_needed(year: int, families, limit: int) -> str:
    """Return the rule of a proposed number of assistants set by the statutory limit."""
    return (f"liczba asystentów potrzebna, aby przy liczbie rodzin objętych pracą asystenta w "
            f"{year} r. ({_n(families)}) nie przekroczyć ustawowego limitu {limit} rodzin na "
            "asystenta")


def high_rate_rule(year: int, value, powiat, ratio, change: int, fewer, action: str) -> str:
    """Return the rule of a proposed target for a rate ``ratio`` times the powiat's: the largest
    ``change`` (percent) the rules allow, about ``fewer`` children fewer in care."""
    return (f"wskaźnik gminy {fmt_number(ratio, 1)} razy wyższy niż w powiecie "
            f"({fmt_number(value, 1)} wobec {fmt_number(powiat, 1)} w {year} r.): zmniejszenie "
            f"o {change}% wartości bazowej, czyli ok. {plural(fewer, 'dziecko')} mniej "
            f"w pieczy, przez ograniczanie nowych umieszczeń i powroty dzieci do rodzin "
            f"(działanie {action})")


#: The end of the rule of a proposed count ("...; liczba zaokrąglona do całości").
WHOLE_NUMBER = "; liczba zaokrąglona do całości"


def _forecast(year: int, value, low, high, case: str = "a") -> str:
    """Return "prognoza bez działań na 2028 r. (5,1; przedział 80%: 0,0–15,1)" with the noun's
    ending ``case`` ("a", "y": genitive, "ą")."""
    return (f"prognoz{case} bez działań na {year} r. ({fmt_number(value, 1)}; przedział 80%: "
            f"{fmt_number(low, 1)}–{fmt_number(high, 1)})")


def _years_of_data(n: int) -> str:
    return f"{n} roku" if n == 1 else f"{n} lat"


def forecast_refused(n_points: int, min_points: int) -> str:
    """Return the end of a proposal's rule when no forecast was made: data of ``n_points``
    years, ``min_points`` needed."""
    return (f"; prognozy bez działań nie sporządzono (dane z {_years_of_data(n_points)}, "
            f"potrzeba co najmniej {min_points}), więc nie można jej porównać z wartością "
            "docelową")


def forecast_beaten(year: int, value, low, high) -> str:
    """Return the end of a proposal's rule whose value is already better than the forecast."""
    return f"; wartość korzystniejsza od {_forecast(year, value, low, high, 'y')}"


def forecast_too_uncertain(year: int, value, low, high) -> str:
    """Return the end of a proposal's rule when the forecast is too uncertain to use."""
    return (f"; {_forecast(year, value, low, high, 'y')} nie wykorzystano – jej przedział "
            "jest szerszy niż sama prognozowana wartość")


def forecast_uncertain_justification(year: int, value, low, high) -> str:
    """Return the justification of a proposed target no better than a forecast too uncertain
    to use (its interval wider than its value)."""
    f = _forecast(year, value, low, high)
    return (f"{f[:1].upper()}{f[1:]} jest zbyt niepewna, aby na niej oprzeć wartość docelową: "
            "jej przedział jest szerszy niż sama prognozowana wartość. Wartość docelową "
            "wyznaczono z wartości bazowej i trendu gminy")


def forecast_rule(year: int, value, low, high, rule_value, rule: str, whole: bool) -> str:
    """Return the rule of a proposed target set beyond the forecast: the rule's value
    ``rule_value`` (by ``rule``) was no better than it; ``whole``: a count."""
    step = "najbliższa liczba całkowita" if whole else "najbliższa wartość (z dokładnością do 0,1)"
    return (f"{step} korzystniejsza od {_forecast(year, value, low, high, 'y')}; reguła "
            f"({rule}) dawała {_n(rule_value)}, czyli nie więcej, niż przyniesie dotychczasowy "
            "trend bez działań programu")


def forecast_at_bound(year: int, value, bound) -> str:
    """Return the rule (and justification) of a target whose forecast reaches the bound of the
    indicator (0, or 100 for a share): nothing better is possible."""
    return (f"prognoza bez działań na {year} r. wynosi {fmt_number(value, 1)}, a korzystniejszej "
            f"wartości wskaźnik nie może przyjąć – celem jest jej utrzymanie ({_n(bound)})")


#: An institution in the genitive plural ("wśród zasobów nie wymieniono ...").
INSTITUTION_NOUNS = {"placowki_wsparcia_dziennego": "placówek wsparcia dziennego",
                     "rodziny_wspierajace": "rodzin wspierających"}


def _lacks(indicator: str, year: int | None) -> str:
    return (f"według danych za {year} r. w gminie {MISSING_INSTITUTIONS[indicator]}"
            if year is not None else "dane gminy nie potwierdzają, że działają w niej")


def resource_left_out(indicator: str, year: int | None, action: str | None) -> str:
    """Return the sentence on a resource of the template the gmina lacks by its data (the
    template's wording is not quoted: it carries the other gmina's figures)."""
    s = (f"Wśród zasobów gminy nie wymieniono {INSTITUTION_NOUNS[indicator]} podanych we "
         f"wzorze, bo {_lacks(indicator, year)}")
    if action:
        s += f" – propozycję zawiera działanie {action}"
    return s + "."


def institution_resource(indicator: str, count, places, year: int) -> str:
    """Return the resource line of an institution the gmina has, from its data of ``year``
    (``places``: None when unknown)."""
    if indicator == "placowki_wsparcia_dziennego":
        s = f"Placówki wsparcia dziennego: {plural(count, 'placówka')}"
        if places is not None and not is_missing(places):
            s += f", {plural(places, 'miejsce')}"
        return s + f" (dane za {year} r.)"
    return f"Rodziny wspierające: {plural(count, 'rodzina')} (dane za {year} r.)"


#: The name of an action running the gmina's own day-support centres (a template's action with
#: another gmina's number of centres becomes this one).
RUN_CENTRES = "Prowadzenie placówek wsparcia dziennego działających w gminie"


def action_left_out(indicator: str, year: int | None, proposed: str | None) -> str:
    """Return the sentence on a template's action left out: it runs an institution the gmina
    lacks by its data."""
    s = (f"Pominięto działanie wzoru polegające na prowadzeniu {INSTITUTION_NOUNS[indicator]}, "
         f"bo {_lacks(indicator, year)}")
    if proposed:
        s += f"; w zamian proponuje się działanie {proposed}"
    return s + "."


# -- the team's conclusions from the gmina's diagnosis ----------------------------------------
TEAM_TITLE = "Wnioski zespołu z diagnozy gminy"


def team_intro(gmina: str) -> str:
    """Return the paragraph before the team's conclusions from the diagnosis of ``gmina``."""
    return ("Zespół przygotowujący diagnozę sytuacji społecznej gminy "
            f"{gmina} zapisał w niej własne wnioski i uwagi (treść autorska diagnozy); program "
            "powinien na nie odpowiedzieć.")


def team_conclusions_intro() -> str:
    """Return the line before the team's conclusions."""
    return "Wnioski zespołu:"


def team_notes_intro(after_conclusions: bool) -> str:
    """Return the line before the items the team drew attention to (``after_conclusions``:
    the conclusions were listed before them)."""
    return "Zespół zwrócił też uwagę na:" if after_conclusions else "Zespół zwrócił uwagę na:"


def team_unanswered(items: list[str]) -> str:
    """Return the note on the conclusions no action of the programme mentions yet."""
    listed = "; ".join(f"„{x}”" for x in items)
    return ("Program nie odpowiada jeszcze na: " + listed + " – nazwy celów i działań nie "
            "nawiązują do tych wniosków. Przed uchwaleniem programu warto dodać odpowiadające "
            "im działania albo wyjaśnić, dlaczego gmina ich nie podejmuje.")


def team_answered_all() -> str:
    """Return the note when each conclusion is mentioned by an action."""
    return "Do każdego z tych wniosków nawiązuje co najmniej jedno działanie programu."


# -- resources ---------------------------------------------------------------------------------
def resources_missing() -> str:
    return "Zasoby gminy – do uzupełnienia przez zespół."


def assistants(year: int, n_assistants, n_centres=None) -> str:
    """Return the sentence on the family assistants employed in ``year`` and, when known (not
    None, not NaN), the day-support centres."""
    s = (f"W {year} r. liczba asystentów rodziny zatrudnionych w gminie wynosiła "
         f"{fmt_number(n_assistants, 0)}")
    if not is_missing(n_centres):
        return s + f", a placówek wsparcia dziennego – {fmt_number(n_centres, 0)}."
    return s + "."


# -- effects and results -----------------------------------------------------------------------
def results_intro(baseline_year: int) -> str:
    """Return the paragraph on the expected effect and where the baselines come from."""
    return ("Oczekiwanym efektem programu jest ograniczenie liczby dzieci umieszczanych w "
            "pieczy zastępczej i wzmocnienie rodzin w wypełnianiu ich funkcji. Rezultaty mierzą "
            "wskaźniki; wartości bazowe wskaźników przyjętych w diagnozie pochodzą z danych "
            f"gminy za {baseline_year} r. lub ostatni wcześniejszy rok z danymi.")


def proposals_rule(gmina: str, low: int, high: int) -> str:
    """Return the sentence under the proposed targets (``{t}``): how they were set from the
    gmina's data, between ``low`` and ``high`` percent of the baseline, and never weaker than
    the forecast without action when it can be used."""
    return (f"Wartości docelowe w tabeli (zob. {{t}}) są propozycją wyznaczoną z danych gminy "
            f"{gmina}: od wartości bazowej w kierunku korzystnej zmiany – tyle, ile daje "
            f"dotychczasowy trend gminy, nie mniej niż {low}% i nie więcej niż {high}% wartości "
            "bazowej; liczby osób i etatów zależne od decyzji gminy proponuje się co najmniej "
            "na dotychczasowym poziomie. Jeżeli tak wyznaczona wartość nie byłaby korzystniejsza "
            "od prognozy bez działań programu na rok docelowy, przyjmuje się najbliższą wartość "
            "korzystniejszą od prognozy; prognozę, której przedział jest szerszy niż sama "
            "prognozowana wartość, uznaje się za zbyt niepewną i wtedy pozostaje wartość "
            "wyznaczona z trendu (w kolumnie „Sposób wyznaczenia” podano prognozę przy każdym "
            "wskaźniku). Liczby rodzin na asystenta nie obniża się bez "
            "asystentów, którzy mogliby to zapewnić: przy tej samej kadrze oznaczałoby to mniej "
            "rodzin objętych pomocą. Wskaźnik znacznie wyższy niż w powiecie dostaje największą "
            f"zmianę ({high}%) i działanie, które ma go obniżyć. Gmina przyjmuje te wartości, "
            "zmienia je albo uzupełnia przed uchwaleniem programu.")


# -- funding and monitoring --------------------------------------------------------------------
def no_amounts(gmina: str) -> str:
    """Return the (bold) note that a proposal has no amounts."""
    return ("Propozycja nie zawiera kwot: wysokość środków na realizację programu ustali gmina "
            f"{gmina} w uchwale budżetowej.")


#: The first-level goal of a programme and the label column of its costs by action (with
#: and without the rows of the main goals).
MAIN_GOAL = "Cel główny"
COSTS_ROW, COSTS_ROW_GOALS = "Działanie", "Cel główny / działanie"


def action_costs_caption(first: str, last: str) -> str:
    """Return the caption of the costs by action (the unit is added by the table)."""
    return f"Koszty działań programu w latach {first}–{last}"


def action_costs_note() -> str:
    """Return the sentence under the costs by action (``{t}``)."""
    return ("Koszty poszczególnych działań w kolejnych latach (zob. {t}) obejmują wszystkie "
            "źródła finansowania; ich suma w każdym roku jest równa nakładom programu według "
            "źródeł.")


def sources_intro() -> str:
    """Return the line before the list of possible sources of funding of a proposal."""
    return "Możliwe źródła finansowania działań programu:"


def annual_report(organ: str) -> str:
    """Return the paragraph on the annual report of the gmina's ``organ`` ("wójt gminy") to
    the council."""
    return (f"{organ[0].upper()}{organ[1:]} składa radzie gminy coroczne sprawozdanie z "
            "realizacji zadań z zakresu wspierania rodziny wraz z wykazem potrzeb (art. 179 ust. "
            "2 ustawy o wspieraniu rodziny i systemie pieczy zastępczej).")
