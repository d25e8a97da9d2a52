"""The sentences of the powiat's foster-care programme (Powiatowy program rozwoju pieczy
zastępczej), in the order of its chapters: introduction, diagnosis (children by form of care,
movements and the coordinators' load against the limit, the gminas' share of the costs), the
annual limit of professional foster families.

The funding sentences and the notes under the targets are in :mod:`.wspolne`.

In: plain values (the powiat's name, years, numbers). Out: Polish paragraphs; ``{t}`` is the
place of a cross-reference to a table.
"""
from __future__ import annotations

from .grammar import in_unit, plural, plural_category
from .numbers import NBSP, fmt_amount, fmt_number


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
