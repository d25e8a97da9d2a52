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
    gmina's data, between ``low`` and ``high`` percent of the baseline."""
    return (f"Wartości docelowe w tabeli (zob. {{t}}) są propozycją wyznaczoną z danych gminy "
            f"{gmina}: od wartości bazowej w kierunku korzystnej zmiany – tyle, ile daje "
            f"dotychczasowy trend gminy, nie mniej niż {low}% i nie więcej niż {high}% wartości "
            "bazowej; liczby osób i etatów zależne od decyzji gminy proponuje się co najmniej "
            "na dotychczasowym poziomie. Gmina przyjmuje je, zmienia albo uzupełnia przed "
            "uchwaleniem programu.")


# -- funding and monitoring --------------------------------------------------------------------
def no_amounts(gmina: str) -> str:
    """Return the (bold) note that a proposal has no amounts."""
    return ("Propozycja nie zawiera kwot: wysokość środków na realizację programu ustali gmina "
            f"{gmina} w uchwale budżetowej.")


def sources_intro() -> str:
    """Return the line before the list of possible sources of funding of a proposal."""
    return "Możliwe źródła finansowania działań programu:"


def annual_report(organ: str) -> str:
    """Return the paragraph on the annual report of the gmina's ``organ`` ("wójt gminy") to
    the council."""
    return (f"{organ[0].upper()}{organ[1:]} składa radzie gminy coroczne sprawozdanie z "
            "realizacji zadań z zakresu wspierania rodziny wraz z wykazem potrzeb (art. 179 ust. "
            "2 ustawy o wspieraniu rodziny i systemie pieczy zastępczej).")
