"""Polish numeral and gender agreement: noun forms after numbers, verb and adjective forms.

In: a number and a noun (``plural(5, "osoba")`` -> ``5 osób``), a verb and a grammatical gender
(``verb("wzrósł", "f")`` -> ``wzrosła``), a rank, a unit name.
Out: agreed Polish strings.

Which form follows a number is decided by babel's CLDR plural rules for ``pl``
(``one``/``few``/``many``/``other``): 1 osoba, 2-4 osoby, 5-21 osób, 22-24 osoby, 25 osób,
112 osób; ``other`` covers fractions, which take the genitive singular (2,5 osoby). babel has no
declension data, so the word forms themselves are kept in the small tables below.
"""
from __future__ import annotations

import re

from babel import Locale

from ..errors import StrategyError
from .numbers import NBSP, fmt_number, is_missing, round_half_up

_PL = Locale.parse("pl")
GENDERS = ("m", "f", "n", "pl")


class TextError(StrategyError):
    """A word, gender or value the Polish text builders cannot handle."""


# noun -> (nominative sg [one], nominative pl [few], genitive pl [many], genitive sg [fraction],
#          accusative sg [after "o" with 1]). Masculine-personal nouns use the genitive plural
# after 2-4 ("3 asystentów"), which is right both as subject and object.
NOUNS: dict[str, tuple[str, str, str, str, str]] = {
    "osoba": ("osoba", "osoby", "osób", "osoby", "osobę"),
    "rodzina": ("rodzina", "rodziny", "rodzin", "rodziny", "rodzinę"),
    "dziecko": ("dziecko", "dzieci", "dzieci", "dziecka", "dziecko"),
    "gospodarstwo domowe": ("gospodarstwo domowe", "gospodarstwa domowe",
                            "gospodarstw domowych", "gospodarstwa domowego",
                            "gospodarstwo domowe"),
    "procedura": ("procedura", "procedury", "procedur", "procedury", "procedurę"),
    "placówka": ("placówka", "placówki", "placówek", "placówki", "placówkę"),
    "miejsce": ("miejsce", "miejsca", "miejsc", "miejsca", "miejsce"),
    "asystent": ("asystent", "asystentów", "asystentów", "asystenta", "asystenta"),
    "koordynator": ("koordynator", "koordynatorów", "koordynatorów", "koordynatora",
                    "koordynatora"),
    "kandydat": ("kandydat", "kandydatów", "kandydatów", "kandydata", "kandydata"),
    "mieszkaniec": ("mieszkaniec", "mieszkańców", "mieszkańców", "mieszkańca", "mieszkańca"),
    "wychowanek": ("wychowanek", "wychowanków", "wychowanków", "wychowanka", "wychowanka"),
    "uczestnik": ("uczestnik", "uczestników", "uczestników", "uczestnika", "uczestnika"),
    "orzeczenie": ("orzeczenie", "orzeczenia", "orzeczeń", "orzeczenia", "orzeczenie"),
    "wniosek": ("wniosek", "wnioski", "wniosków", "wniosku", "wniosek"),
    "gmina": ("gmina", "gminy", "gmin", "gminy", "gminę"),
    "powiat": ("powiat", "powiaty", "powiatów", "powiatu", "powiat"),
    "rok": ("rok", "lata", "lat", "roku", "rok"),
    "miesiąc": ("miesiąc", "miesiące", "miesięcy", "miesiąca", "miesiąc"),
    "dzień": ("dzień", "dni", "dni", "dnia", "dzień"),
    "złoty": ("złoty", "złote", "złotych", "złotego", "złoty"),
    "punkt procentowy": ("punkt procentowy", "punkty procentowe", "punktów procentowych",
                         "punktu procentowego", "punkt procentowy"),
    "punkt": ("punkt", "punkty", "punktów", "punktu", "punkt"),
    "świadczenie": ("świadczenie", "świadczenia", "świadczeń", "świadczenia", "świadczenie"),
    "rodzina zastępcza": ("rodzina zastępcza", "rodziny zastępcze", "rodzin zastępczych",
                          "rodziny zastępczej", "rodzinę zastępczą"),
    "usługa": ("usługa", "usługi", "usług", "usługi", "usługę"),
    "obserwacja": ("obserwacja", "obserwacje", "obserwacji", "obserwacji", "obserwację"),
    "przypadek": ("przypadek", "przypadki", "przypadków", "przypadku", "przypadek"),
}
#: Abbreviations and aliases: "zł" declines as "złoty" when spelled out.
ALIASES = {"zł": "złoty", "osób": "osoba", "rodzin": "rodzina", "dzieci": "dziecko",
           "pkt proc.": "punkt procentowy"}

# verb (masculine form) -> forms for m, f, n and non-masculine-personal plural.
VERBS: dict[str, tuple[str, str, str, str]] = {
    "wzrósł": ("wzrósł", "wzrosła", "wzrosło", "wzrosły"),
    "spadł": ("spadł", "spadła", "spadło", "spadły"),
    "zmniejszył się": ("zmniejszył się", "zmniejszyła się", "zmniejszyło się",
                       "zmniejszyły się"),
    "zwiększył się": ("zwiększył się", "zwiększyła się", "zwiększyło się", "zwiększyły się"),
    "wyniósł": ("wyniósł", "wyniosła", "wyniosło", "wyniosły"),
    "pozostał bez zmian": ("pozostał bez zmian", "pozostała bez zmian", "pozostało bez zmian",
                           "pozostały bez zmian"),
    "pozostał": ("pozostał", "pozostała", "pozostało", "pozostały"),
    "był": ("był", "była", "było", "były"),
    "został": ("został", "została", "zostało", "zostały"),
    "osiągnął": ("osiągnął", "osiągnęła", "osiągnęło", "osiągnęły"),
    "zmienił się": ("zmienił się", "zmieniła się", "zmieniło się", "zmieniły się"),
    # adjectives and participles agree the same way
    "wyższy": ("wyższy", "wyższa", "wyższe", "wyższe"),
    "niższy": ("niższy", "niższa", "niższe", "niższe"),
    "objęty": ("objęty", "objęta", "objęte", "objęte"),
    "taki sam": ("taki sam", "taka sama", "takie samo", "takie same"),
}
_VERB_LEMMAS = {"wzrosnąć": "wzrósł", "spaść": "spadł", "zmniejszyć się": "zmniejszył się",
                "zwiększyć się": "zwiększył się", "wynieść": "wyniósł",
                "pozostać bez zmian": "pozostał bez zmian", "pozostać": "pozostał",
                "być": "był", "zostać": "został", "osiągnąć": "osiągnął", "zmienić się": "zmienił się"}
_VERB_INDEX = {form: key for key, forms in VERBS.items() for form in forms}
_VERB_INDEX.update(_VERB_LEMMAS)

#: The three directions of change the analysis reports.
DIRECTIONS = ("wzrost", "spadek", "bez zmian")
_DIRECTION_VERB = {"wzrost": "wzrósł", "spadek": "spadł", "bez zmian": "pozostał bez zmian"}


def _forms(noun: str) -> tuple[tuple[str, str, str, str, str], str]:
    """Return the form table of ``noun`` (or of its head word) and the words that follow it."""
    key = ALIASES.get(noun, noun)
    if key in NOUNS:
        return NOUNS[key], ""
    for known in sorted(NOUNS, key=len, reverse=True):  # "asystent rodziny" -> "asystent"
        if key.startswith(known + " "):
            return NOUNS[known], key[len(known):]
    raise TextError(f"brak odmiany rzeczownika '{noun}' po liczebniku; "
                    f"dostępne: {', '.join(sorted(NOUNS))}")


def plural_category(n, decimals: int | None = None) -> str:
    """Return babel's plural category (one/few/many/other) of ``n`` as it will be printed.

    A number printed with decimals (``decimals > 0``, or a fraction) is ``other``.
    """
    if decimals:  # printed with a decimal part ("1,0 rodziny")
        return "other"
    shown = round_half_up(n, 2 if decimals is None else decimals)
    if shown != shown.to_integral_value():
        return "other"
    return _PL.plural_form(abs(int(shown)))


def noun_form(n, noun: str, case: str = "nom", decimals: int | None = None) -> str:
    """Return the form of ``noun`` that follows the number ``n``: osoba/osoby/osób.

    ``case="acc"`` gives the accusative after a preposition such as "o" (o 1 osobę, o 2 osoby,
    o 5 osób); other cases are not supported. ``decimals`` must match how ``n`` is printed.
    """
    if case not in ("nom", "acc"):
        raise TextError(f"nieobsługiwany przypadek '{case}'")
    forms, rest = _forms(noun)
    cat = plural_category(n, decimals)
    idx = {"one": 4 if case == "acc" else 0, "few": 1, "many": 2, "other": 3}[cat]
    return forms[idx] + rest


def plural(n, noun: str, case: str = "nom", decimals: int | None = None,
           *, group4: bool = False) -> str:
    """Return the number and the agreed noun: ``plural(5, "osoba")`` -> ``5 osób``."""
    if is_missing(n):
        return "brak danych"
    return (fmt_number(n, decimals, group4=group4) + NBSP
            + noun_form(n, noun, case=case, decimals=decimals))


def verb(word: str, gender: str) -> str:
    """Return ``word`` (a verb or adjective in any listed form or the infinitive) in ``gender``.

    ``gender`` is m/f/n (the catalogue's gender of the indicator's head noun) or ``pl`` for a
    plural non-masculine-personal head noun: ``verb("wzrósł", "f")`` -> ``wzrosła``.
    """
    if gender not in GENDERS:
        raise TextError(f"nieznany rodzaj gramatyczny '{gender}' (dozwolone: m, f, n, pl)")
    key = _VERB_INDEX.get(word)
    if key is None:
        raise TextError(f"brak odmiany słowa '{word}'; dostępne: {', '.join(VERBS)}")
    return VERBS[key][GENDERS.index(gender)]


def direction_of(change, tolerance: float = 0.0) -> str:
    """Return ``wzrost``, ``spadek`` or ``bez zmian`` for a change (``|change| <= tolerance``)."""
    if is_missing(change) or abs(float(change)) <= tolerance:
        return "bez zmian"
    return "wzrost" if float(change) > 0 else "spadek"


def direction_verb(direction: str, gender: str) -> str:
    """Return the verb for a direction: (``spadek``, ``f``) -> ``spadła``."""
    try:
        return verb(_DIRECTION_VERB[direction], gender)
    except KeyError:
        raise TextError(f"nieznany kierunek zmiany '{direction}' "
                        f"(dozwolone: {', '.join(DIRECTIONS)})") from None


_RANK_SCOPE = {"gmin": "powiatu", "powiatów": "województwa"}


def rank_phrase(rank, n, unit_kind: str = "gmin", of=None) -> str:
    """Return ``3. miejsce spośród 11 gmin powiatu`` (a no-break space after the number).

    ``unit_kind`` is the genitive plural of the ranked units ("gmin", "powiatów") or their
    nominative singular ("gmina", "powiat"); "spośród" always takes the genitive plural.
    ``of``: how many such units there are in all; when more than ``n`` (some have no data)
    the phrase says so: ``3. miejsce spośród 9 gmin powiatu, dla których są dane (w powiecie
    11)``.
    """
    if is_missing(rank) or is_missing(n):
        return ""
    if unit_kind in NOUNS:
        unit_kind = NOUNS[unit_kind][2]
    scope = _RANK_SCOPE.get(unit_kind)
    tail = f" {scope}" if scope else ""
    phrase = f"{int(rank)}. miejsce spośród {int(n)}{NBSP}{unit_kind}{tail}"
    if not is_missing(of) and int(of) > int(n):
        where = {"powiatu": "w powiecie", "województwa": "w województwie"}.get(scope, "w sumie")
        phrase += f", dla których są dane ({where} {int(of)})"
    return phrase


# unit type words as they start a unit name -> their locative form
_LOCATIVE_PREFIXES = [
    ("gmina miejsko-wiejska ", "w gminie miejsko-wiejskiej "),
    ("gmina miejska ", "w gminie miejskiej "),
    ("gmina wiejska ", "w gminie wiejskiej "),
    ("gmina ", "w gminie "),
    ("miasto ", "w mieście "),
    ("m. ", "w mieście "),
]


def _adjective_locative(word: str) -> str:
    """Return the locative of an adjective: kaliski -> kaliskim, wielkopolskie -> wielkopolskim."""
    if word.endswith(("skie", "ckie", "dzkie")):
        return word[:-1] + "m"
    if word.endswith(("ski", "cki", "dzki", "ny", "wy")):
        return word + "m"
    return word


def _adjective_genitive(word: str) -> str:
    """Return the genitive of an adjective: kaliski -> kaliskiego, wschodni -> wschodniego."""
    if word.endswith(("skie", "ckie", "dzkie")):
        return word[:-1] + "ego"
    if word.endswith("i"):
        return word + "ego"
    if word.endswith("y"):
        return word[:-1] + "ego"
    return word


def powiat_genitive(name: str) -> str:
    """Return the powiat's name after "powiatu": ``kaliski`` -> ``kaliskiego``.

    The lower-case adjectives are declined (``łódzki wschodni`` -> ``łódzkiego wschodniego``);
    a bracket (``(mazowiecki)``) and proper names of city-powiats (``Kalisz``) stay as they are.
    """
    out, declining = [], True
    for word in " ".join(str(name).split()).split(" "):
        if word.startswith("(") or not word[:1].islower():
            declining = False
        out.append(_adjective_genitive(word) if declining else word)
    return " ".join(out)


def in_unit(unit_name: str) -> str:
    """Return "in the unit" in Polish: ``gmina Blizanów`` -> ``w gminie Blizanów``.

    Names starting with a type word (gmina, gmina wiejska..., miasto, powiat, województwo)
    are declined; a bare lower-case adjective (``kaliski``) is read as a powiat and a bare
    proper name (``Blizanów``) as a gmina. Pass the type word when in doubt.
    """
    name = " ".join(str(unit_name).split())
    low = name.lower()
    for prefix, loc in _LOCATIVE_PREFIXES:
        if low.startswith(prefix):
            return loc + name[len(prefix):]
    if low.startswith("powiat "):
        rest = name[len("powiat "):]
        words = rest.split(" ")
        return "w powiecie " + " ".join([_adjective_locative(words[0])] + words[1:])
    if low.startswith("województwo "):
        rest = name[len("województwo "):]
        return "w województwie " + _adjective_locative(rest)
    if name and name[0].islower() and _adjective_locative(name) != name:
        return "w powiecie " + _adjective_locative(name)
    return "w gminie " + name


# a gmina's label as it starts -> its genitive and accusative (the forms "gminy"/"gminę" take
# in an indicator's name: "odpłatności gminy", "przez gminę")
_GMINA_CASES = [
    ("gmina miejsko-wiejska ", "gminy miejsko-wiejskiej ", "gminę miejsko-wiejską "),
    ("gmina miejska ", "gminy miejskiej ", "gminę miejską "),
    ("gmina wiejska ", "gminy wiejskiej ", "gminę wiejską "),
    ("gmina ", "gminy ", "gminę "),
    ("miasto ", "miasta ", "miasto "),
]
_GMINA_WORD = re.compile(r"\b(gminy|gminę)\b")


def name_in_unit(name: str, unit_name: str) -> str:
    """Return an indicator's name placed in a unit, without naming the gmina twice.

    A name that speaks of "the gmina" ("Kwota odpłatności gminy za pobyt mieszkańców w DPS",
    "... dostępnych dla gminy", "... przez gminę") gets the gmina's own name there instead of a
    trailing "w gminie X": ``Kwota odpłatności gminy Blizanów za pobyt mieszkańców w DPS``.
    For a powiat such a word becomes the plural (gminy -> gmin, gminę -> gminy: the sum over
    the powiat's gminas) and the powiat follows: ``... odpłatności gmin za pobyt mieszkańców w
    DPS w powiecie kaliskim``. Any other name is followed by :func:`in_unit`.
    """
    name = " ".join(str(name).split())
    where = in_unit(unit_name)
    m = _GMINA_WORD.search(name)
    if m is None:
        return f"{name} {where}"
    if where.startswith(("w powiecie ", "w województwie ")):
        plural_word = "gmin" if m.group(1) == "gminy" else "gminy"
        return f"{name[:m.start()]}{plural_word}{name[m.end():]} {where}"
    label = " ".join(str(unit_name).split())
    if not label[:1].islower():  # a bare proper name is a gmina ("Blizanów")
        label = "gmina " + label
    low = label.lower()
    for prefix, gen, acc in _GMINA_CASES:
        if low.startswith(prefix):
            unit = (gen if m.group(1) == "gminy" else acc) + label[len(prefix):]
            return f"{name[:m.start()]}{unit}{name[m.end():]}"
    return f"{name} {where}"


def count(n, forms: tuple[str, str, str]) -> str:
    """Return ``n`` (a whole number) with the form of the noun phrase ``forms`` (after 1, after
    2-4, after 5+) that agrees with it, a no-break space between: ``count(3, ("uwaga", "uwagi",
    "uwag"))`` -> "3 uwagi", 12 -> "12 uwag", 22 -> "22 uwagi". For phrases the table
    :data:`NOUNS` does not hold ("cel strategiczny", "niespójność")."""
    cat = plural_category(n, 0)
    word = forms[0] if cat == "one" else forms[1] if cat == "few" else forms[2]
    return f"{fmt_number(n, 0)}{NBSP}{word}"
