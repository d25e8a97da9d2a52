"""The sentences of the powiat's foster-care programme (Powiatowy program rozwoju pieczy
zastępczej), in the order of its chapters: introduction, diagnosis (children by form of care,
movements and the coordinators' load against the limit, the gminas' share of the costs), the
annual limit of professional foster families.

The funding sentences and the notes under the targets are in :mod:`.wspolne`.

In: plain values (the powiat's name, years, numbers). Out: Polish paragraphs; ``{t}`` is the
place of a cross-reference to a table.
"""
from __future__ import annotations

from .grammar import count, in_unit, plural, plural_category
from .numbers import NBSP, fmt_amount, fmt_number, is_missing


def purpose(powiat: str, first: int, last: int) -> str:
    """Return the first paragraph: the programme of powiat ``powiat`` ("kaliski"), its legal
    basis and contents."""
    return (f"Program rozwoju pieczy zastępczej {in_unit('powiat ' + powiat)} na lata "
            f"{first}–{last} jest trzyletnim programem powiatu, o którym mowa w art. 180 pkt 1 "
            "ustawy z dnia 9 czerwca 2011 r. o wspieraniu rodziny i systemie pieczy zastępczej. "
            "Zawiera diagnozę pieczy zastępczej w powiecie, coroczny limit rodzin zastępczych "
            "zawodowych, cele, zadania, wskaźniki i źródła finansowania.")


# -- diagnosis ---------------------------------------------------------------------------------
def forms_summary(year: int, children, first_year: int, children_first, in_family,
                  family_share) -> str:
    """Return the sentence under the table of forms of care (``{t}``): the ``children`` in
    foster care at the end of ``year`` (``children_first`` in ``first_year``), of them
    ``in_family`` in family foster care, ``family_share`` percent."""
    return (f"Na koniec {year} r. w pieczy zastępczej przebywało {plural(children, 'dziecko')} "
            f"(w {first_year} r. – {fmt_number(children_first, 0)}), z czego w rodzinnej pieczy "
            f"zastępczej {fmt_number(in_family, 0)}, tj. {fmt_number(family_share, 1)}% "
            "(zob. {t}).")


def flows_note() -> str:
    """Return the sentence under the table of movements, families and coordinators (``{t}``)."""
    return ("Liczby dzieci umieszczonych w pieczy i ją opuszczających, powrotów do rodzin, "
            "usamodzielnień, rodzin zastępczych, koordynatorów i kandydatów zestawiono w tabeli "
            "(zob. {t}).")


def coordinator_load(year: int, families, coordinators, limit: int) -> str:
    """Return the sentence on the foster ``families`` (and family homes) per coordinator in
    ``year`` against the statutory ``limit``."""
    per = families / coordinators
    verdict = "mieści się w limicie" if per <= limit else "przekracza limit"
    # a number with a decimal part takes the genitive singular: "9,6 rodziny zastępczej"
    return (f"W {year} r. na jednego koordynatora rodzinnej pieczy zastępczej przypadało średnio "
            f"{plural(per, 'rodzina zastępcza', decimals=1)} lub rodzinnego domu dziecka "
            f"({fmt_number(families, 0)} na {plural(coordinators, 'koordynator', 'acc')}), co "
            f"{verdict} {limit} rodzin na koordynatora (art. 77 ust. 4 ustawy o wspieraniu "
            "rodziny i systemie pieczy zastępczej).")


def gminas_cost(year: int, amount) -> str:
    """Return the sentence under the table of children by gmina of origin (``{t}``): what the
    gminas paid in ``year``."""
    return (f"Gminy powiatu współfinansowały w {year} r. pobyt dzieci w pieczy zastępczej "
            f"łączną kwotą {fmt_amount(amount)} (zob. {{t}}).")


# -- the limit ---------------------------------------------------------------------------------
def _such_families(n) -> str:
    """Return "działały 3 takie rodziny" with the verb and the words agreed with ``n``."""
    cat = plural_category(n, 0)
    verb, words = {"one": ("działała", "taka rodzina"), "few": ("działały", "takie rodziny")}.get(
        cat, ("działało", "takich rodzin"))
    return f"{verb} {fmt_number(n, 0)}{NBSP}{words}"


def limit_note(year: int | None = None, families=None) -> str:
    """Return the sentence under the table of limits (``{t}``), with the professional foster
    ``families`` that worked in ``year`` when the year is known."""
    text = ("Program ustala limit rodzin zastępczych zawodowych na każdy rok jego realizacji "
            "(zob. {t}).")
    if year:
        text += f" W {year} r. w powiecie {_such_families(families)}."
    return text


def limit_missing() -> str:
    return "Roczny limit rodzin zastępczych zawodowych – do uzupełnienia przez zespół."


# -- the forms of care: their state next to the programme's tasks --------------------------------
#: The family forms of foster care: the noun phrase after 1, after 2-4 and after 5+, its
#: locative plural ("w rodzinach ...") and the gender of its head noun.
FAMILY_FORMS = {
    "spokrewnione": (("rodzina zastępcza spokrewniona", "rodziny zastępcze spokrewnione",
                      "rodzin zastępczych spokrewnionych"),
                     "rodzinach zastępczych spokrewnionych", "f"),
    "niezawodowe": (("rodzina zastępcza niezawodowa", "rodziny zastępcze niezawodowe",
                     "rodzin zastępczych niezawodowych"),
                    "rodzinach zastępczych niezawodowych", "f"),
    "zawodowe": (("rodzina zastępcza zawodowa", "rodziny zastępcze zawodowe",
                  "rodzin zastępczych zawodowych"),
                 "rodzinach zastępczych zawodowych", "f"),
    "rodzinne_domy_dziecka": (("rodzinny dom dziecka", "rodzinne domy dziecka",
                               "rodzinnych domów dziecka"),
                              "rodzinnych domach dziecka", "m"),
}
_WORKED = {"f": ("działała", "działały", "działało"), "m": ("działał", "działały", "działało")}
_WHICH = {"f": "w której", "m": "w którym"}


def _then(first_year: int, value) -> str:
    """Return " (w 2020 r. – 29)" or "" when the earlier value is missing."""
    if is_missing(value) or not first_year:
        return ""
    return f" (w {first_year} r. – {fmt_number(value, 0)})"


def family_form_state(form: str, year: int, families, children, first_year: int = 0,
                      families_first=None, children_first=None) -> str:
    """Return the state of a family form of care (a key of :data:`FAMILY_FORMS`) at the end of
    ``year``: the ``families`` that worked and the ``children`` in them, with the values of
    ``first_year`` in brackets; what the data lack is said."""
    forms, locative, gender = FAMILY_FORMS[form]
    if is_missing(families) and is_missing(children):
        return f"Dane nie podają liczby {forms[2]} ani dzieci w nich przebywających."
    if is_missing(families):
        return (f"Na koniec {year} r. w {locative} przebywało {plural(children, 'dziecko')}"
                f"{_then(first_year, children_first)}; dane nie podają liczby tych rodzin.")
    cat = plural_category(families, 0)
    idx = 0 if cat == "one" else 1 if cat == "few" else 2
    text = (f"Na koniec {year} r. w powiecie {_WORKED[gender][idx]} {count(families, forms)}"
            f"{_then(first_year, families_first)}")
    if is_missing(children):
        return text + "; dane nie podają liczby dzieci w nich przebywających."
    which = _WHICH[gender] if idx == 0 else "w których"
    return (text + f", {which} przebywało {plural(children, 'dziecko')}"
            f"{_then(first_year, children_first)}.")


def emergency_families_missing() -> str:
    """Return the sentence that the data do not count the families acting as pogotowie."""
    return ("Dane nie wyodrębniają rodzin zastępczych zawodowych pełniących funkcję pogotowia "
            "rodzinnego.")


def limits_line(limits: dict) -> str:
    """Return the annual limits of professional foster families ({year: number}) in a sentence:
    "Program ustala roczny limit tych rodzin: 8 w 2026 r., 9 w 2027 r. i 10 w 2028 r." """
    items = [f"{fmt_number(n, 0)} w {int(y)} r." for y, n in
             sorted(limits.items(), key=lambda kv: int(kv[0]))]
    if not items:
        return ""
    listed = _names(items)
    return (f"Program ustala roczny limit tych rodzin: {listed} (zob. rozdział „Limit "
            "rodzin zastępczych zawodowych”).")


def institutional_state(year: int, children, first_year: int = 0, children_first=None,
                        share=None) -> str:
    """Return the children in placówki opiekuńczo-wychowawcze at the end of ``year`` and their
    ``share`` (%) of all children in foster care."""
    if is_missing(children):
        return "Dane nie podają liczby dzieci w placówkach opiekuńczo-wychowawczych."
    text = (f"Na koniec {year} r. w placówkach opiekuńczo-wychowawczych przebywało "
            f"{plural(children, 'dziecko')}{_then(first_year, children_first)}")
    if not is_missing(share):
        text += f", tj. {fmt_number(share, 1)}% dzieci w pieczy zastępczej"
    return text + "."


def institutions_note(places, occupied, as_of: str = "") -> str:
    """Return the sentence under the table of the powiat's placówki (``{t}``): their places and
    the occupied ones (``as_of``: "31.12.2024 r." or "")."""
    when = f", według stanu na {as_of}" if as_of else ""
    if is_missing(places):
        return f"Placówki opiekuńczo-wychowawcze prowadzone przez powiat{when}: zob. {{t}}."
    text = (f"Placówki opiekuńczo-wychowawcze prowadzone przez powiat mają łącznie "
            f"{plural(places, 'miejsce')}")
    if not is_missing(occupied):
        text += f", zajętych {fmt_number(occupied, 0)}"
    return text + f"{when} (zob. {{t}})."


def institutional_path(children, year: int, target=None, target_year=None, share_target=None,
                       share_year=None) -> str:
    """Return the path from institutional to family care the programme sets: fewer children in
    placówki (from ``children`` in ``year`` to ``target`` in ``target_year``), the share of
    family care to reach, no child under 10 in a placówka."""
    parts = []
    if not is_missing(target) and target_year:
        if not is_missing(children):
            parts.append(f"zmniejszenie liczby dzieci w placówkach z {fmt_number(children, 0)} "
                         f"w {year} r. do {fmt_number(target, 0)} w {target_year} r.")
        else:
            parts.append(f"zmniejszenie liczby dzieci w placówkach do {fmt_number(target, 0)} "
                         f"w {target_year} r.")
    if not is_missing(share_target) and share_year:
        parts.append(f"wzrost udziału rodzinnej pieczy zastępczej do "
                     f"{fmt_number(share_target, None)}% w {share_year} r.")
    goal = (" Program zakłada przejście dzieci z pieczy instytucjonalnej do rodzinnej: "
            + " oraz ".join(parts).rstrip(".") + "." if parts else
            " Przejście dzieci z pieczy instytucjonalnej do rodzinnej opisują zadania poniżej.")
    return (goal.strip() + " Dziecko przed ukończeniem 10 lat nie powinno trafiać do placówki "
            "(art. 95 ustawy o wspieraniu rodziny i systemie pieczy zastępczej); dla "
            "najmłodszych dzieci pierwszeństwo mają pogotowie rodzinne i rodziny zawodowe.")


def leaving_state(year: int, people, first_year: int = 0, people_first=None) -> str:
    """Return the number of wychowankowie leaving care (usamodzielniani) in ``year``."""
    if is_missing(people):
        return "Dane nie podają liczby usamodzielnianych wychowanków pieczy zastępczej."
    return (f"Liczba usamodzielnianych wychowanków pieczy zastępczej wyniosła w {year} r. "
            f"{fmt_number(people, 0)}{_then(first_year, people_first)}.")


def directions_caption(og_id: str) -> str:
    return f"Kierunki działań – cel szczegółowy {og_id}"


# -- the gminas with extreme rates -------------------------------------------------------------
def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " i " + names[-1]


def _rate(x) -> str:
    return fmt_number(x, 1)


def extreme_rates(year: int, powiat_rate, high: list[tuple], low: list[tuple],
                  threshold: float, goal_id: str | None = None) -> list[str]:
    """Return the paragraphs naming the gminas whose rate of children in foster care per 1000
    children is at least ``threshold`` times the powiat's (``high``: (name, rate, ratio,
    children)) or at most ``1/threshold`` of it (``low``: the same tuples), and what the
    programme does for the high ones (its specific goal ``goal_id``; None when the plan names
    none)."""
    if is_missing(powiat_rate):
        return [(f"Brak wskaźnika dzieci w pieczy zastępczej na 1000 dzieci w wieku 0–17 lat dla "
                 f"powiatu za {year} r., więc gmin nie porównano z powiatem.")]
    times = f"{fmt_number(threshold, None)}-krotnie"
    head = (f"Wskaźnik dzieci w pieczy zastępczej na 1000 dzieci w wieku 0–17 lat wyniósł w "
            f"{year} r. w powiecie {_rate(powiat_rate)}.")
    if not high:
        out = [head + f" W żadnej gminie wskaźnik ten nie był co najmniej {times} wyższy niż "
               "w powiecie."]
    else:
        def one(name, rate, ratio, children):
            kids = ("" if is_missing(children) else
                    f" ({plural(children, 'dziecko')} z tej gminy w pieczy)")
            return (f"{_rate(rate)}, tj. {fmt_number(ratio, 1)}-krotność wartości powiatu"
                    f"{kids}")
        if len(high) == 1:
            name, *rest = high[0]
            where = f"w gminie {name}: {one(name, *rest)}"
        else:
            where = "w gminach: " + "; ".join(f"{h[0]} – {one(*h)}" for h in high)
        out = [head + f" Co najmniej {times} wyższy był {where}."]
        many = len(high) > 1
        names = _names([h[0] for h in high])
        if goal_id:
            partner = (f"ośrodkami pomocy społecznej gmin {names} i ich" if many else
                       f"ośrodkiem pomocy społecznej gminy {names} i jej")
            out.append(
                f"Dla {'tych gmin' if many else 'tej gminy'} program przewiduje w celu "
                f"szczegółowym {goal_id} współpracę PCPR z {partner} asystentami rodziny: "
                "wspólne plany pracy z rodzinami zagrożonymi umieszczeniem dziecka w pieczy "
                "i z rodzinami dzieci już umieszczonych, tak aby dzieci mogły wrócić do domu, "
                "oraz działania profilaktyczne na miejscu – warsztaty umiejętności "
                "wychowawczych dla rodziców i dyżury poradnictwa rodzinnego.")
        else:
            out.append(f"Program nie wskazuje celu z zadaniami dla "
                       f"{'tych gmin' if many else 'tej gminy'} – do uzupełnienia przez zespół.")
    if low:
        names = _names([f"{n} ({_rate(r)})" for n, r, *_ in low])
        out.append(f"Co najmniej {times} niższy niż w powiecie był wskaźnik "
                   f"{'w gminach' if len(low) > 1 else 'w gminie'} {names}.")
    return out


def rates_missing(year: int, names: list[str]) -> str:
    """Return the sentence on the gminas without the rate in ``year`` ("" when none)."""
    if not names:
        return ""
    if len(names) == 1:
        return (f"Brak danych o liczbie dzieci w pieczy zastępczej na 1000 dzieci za {year} r. "
                f"dla gminy {names[0]} – jej wskaźnika nie porównano z powiatowym.")
    return (f"Brak danych o liczbie dzieci w pieczy zastępczej na 1000 dzieci za {year} r. "
            f"dla gmin {_names(names)} – ich wskaźników nie porównano z powiatowym.")


def criterion_gminas(year: int, names: list[str], threshold: float) -> str:
    """Return, under the goal for the gminas with the highest rates, which gminas meet the
    criterion in the data of ``year``."""
    times = f"{fmt_number(threshold, None)}-krotnie"
    if not names:
        return (f"Według danych za {year} r. w żadnej gminie wskaźnik dzieci w pieczy "
                f"zastępczej na 1000 dzieci nie był co najmniej {times} wyższy niż w powiecie.")
    who = f"gmina {names[0]}" if len(names) == 1 else f"gminy {_names(names)}"
    verb = "ma" if len(names) == 1 else "mają"
    return (f"Według danych za {year} r. wskaźnik dzieci w pieczy zastępczej na 1000 dzieci co "
            f"najmniej {times} wyższy niż w powiecie {verb} {who} (zob. rozdział o dzieciach "
            "według gminy pochodzenia).")
