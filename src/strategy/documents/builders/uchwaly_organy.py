"""The council adopting a document and the organ carrying the resolution out, for the draft
resolutions (:mod:`.uchwaly`) and the covers of the adopted documents ("Załącznik do uchwały nr …
Rady … z dnia …", :func:`.common.front_matter`).

In: the plan of the adopted document, the unit's code and the register of units. Out:
:class:`Organs` - the council in the nominative and genitive, the executive organ in the dative.
A powiat's organs come from :func:`.strategia_scope.council_names`; a gmina's from the plan's
``uchwala`` when the plan is the gmina's own, else from the register (the gmina's type,
:mod:`strategy.text.organs`). Light: imports no other builder of a document.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...errors import PlanError
from ...plan import Plan
from ...text import organ_of
from ...text import uchwaly as text
from ...units import Registry
from .strategia_scope import council_names

__all__ = ["Organs", "council_of", "organs_of"]


@dataclass(frozen=True)
class Organs:
    """The council adopting a document and the organ carrying the resolution out."""
    council: str            # Rada Powiatu Kaliskiego, Rada Gminy Blizanów
    council_gen: str        # Rady Powiatu Kaliskiego, Rady Gminy Blizanów
    executive_dative: str   # Zarządowi Powiatu Kaliskiego, Wójtowi Gminy Blizanów


def organs_of(plan: Plan, teryt: str, registry: Registry) -> Organs:
    """Return the council and the executive organ of unit ``teryt``.

    A powiat's from :func:`.strategia_scope.council_names` (the plan's ``uchwala`` or the
    powiat's name). A gmina's from the plan's ``uchwala`` (``rada``, ``zarzad``) when the plan is
    the gmina's own, else from the register: the council by the gmina's type
    (:func:`strategy.text.uchwaly.gmina_council`) and the wójt, burmistrz or prezydent miasta
    (:func:`strategy.text.organs.organ_of`).
    """
    if len(teryt) == 4:
        names = council_names(plan, registry.name(teryt))
        return Organs(names.council, names.council_gen, names.board_dative)
    unit = registry.get(teryt)
    name, kind = unit.name, teryt[6]
    council, council_gen = text.gmina_council(name, kind)
    if unit.city_rights:
        council, council_gen = f"Rada Miasta {name}", f"Rady Miasta {name}"
    executive = text.gmina_executive_dative(organ_of(teryt), name, kind)
    r = plan.resolution if plan.unit == teryt else None
    if r is not None and r.council:
        council, council_gen = r.council, text.council_genitive(r.council)
    if r is not None and r.board:
        executive = text.organ_dative(r.board)
    if council_gen is None or executive is None:
        raise PlanError(f"plik {plan.path.name}, wiersz {r.line}: uchwala - organ '{r.council}' "
                        f"lub '{r.board}' nie zaczyna się od słów: Rada; Wójt, Burmistrz, "
                        "Prezydent, Zarząd")
    return Organs(council, council_gen, executive)


def council_of(plan: Plan, teryt: str, registry: Registry) -> str:
    """Return the council adopting the document of unit ``teryt`` in the genitive ("Rady
    Powiatu Kaliskiego"), for the cover's line "Załącznik do uchwały nr … Rady … z dnia …"."""
    return organs_of(plan, teryt, registry).council_gen
