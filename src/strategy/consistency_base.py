"""What the consistency checks share: a finding, a category's status and its states, the short
names of documents and years in the places a finding names.

In: nothing. Out: :class:`Finding`, :class:`Status`, :data:`CHECKED`, :data:`PARTLY`,
:data:`NOT_CHECKED`, :data:`NOTE_KINDS`, the document kinds and :func:`doc_name`,
:func:`year_text`. :mod:`strategy.consistency` (the control) and
:mod:`strategy.consistency_targets` (its checks of targets and unit costs) both build on it;
:mod:`strategy.consistency` re-exports every name.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .text import NBSP

FOSTER, FAMILY, STRATEGY = ("program_pieczy_zastepczej", "program_wspierania_rodziny",
                            "strategia_powiatu")
CHECKED, PARTLY, NOT_CHECKED = "sprawdzono", "sprawdzono częściowo", "nie sprawdzono"
#: Categories whose findings are notes (worth a look), not inconsistencies.
NOTE_KINDS = frozenset({"cel_rok"})


@dataclass(frozen=True)
class Finding:
    """One inconsistency (or note): the check that found it, the unit's TERC code, a Polish
    sentence with both values and where each is; for the checks that compare two places also
    the two values (``values``) and the two places (``where``: document, its part, year).
    ``note`` marks a note (worth a look, not an inconsistency) in a category whose other
    findings are inconsistencies - e.g. a target weaker than the forecast but justified; every
    finding of :data:`NOTE_KINDS` is a note (:attr:`is_note`)."""

    kind: str
    unit: str
    text: str
    values: tuple = ()
    where: tuple = ()
    note: bool = False

    @property
    def is_note(self) -> bool:
        return self.note or self.kind in NOTE_KINDS


@dataclass(frozen=True)
class Status:
    """How far a category was checked (:data:`CHECKED`, :data:`PARTLY`, :data:`NOT_CHECKED`)
    and, in Polish, what was compared or why not (fully)."""

    kind: str
    state: str
    note: str = ""


def year_text(y: int) -> str:
    """Return ``2026 r.`` (with a no-break space)."""
    return f"{y}{NBSP}r."


def doc_name(p, name: Callable[[str], str]) -> str:
    """Short name of a document (a :class:`strategy.plan.Plan`) in a place: strategia, program
    rozwoju pieczy zastępczej, program wspierania rodziny gminy X (``name``: a gmina's name by
    its code)."""
    if p.kind == FOSTER:
        return "program rozwoju pieczy zastępczej"
    if p.kind == FAMILY:
        return f"program wspierania rodziny gminy {name(p.unit)}"
    return "strategia"
