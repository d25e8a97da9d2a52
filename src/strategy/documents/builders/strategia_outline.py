"""The chapters of the powiat strategy in their order, described once.

In: nothing. Out: :data:`OUTLINE` - id, title, the element of art. 16b ust. 2 or 3 of the act
on social assistance (u.p.s.) the chapter fulfils, and the function ``chapter(rep, ctx)`` that
writes its content (:mod:`.strategia_chapters`; the powiat's resources, the consultation and
adoption and the abbreviations in :mod:`.strategia_scope`; after the annexes of the gminas the
team's working material, :func:`.strategia_annexes.working_material`, not part of the text to
adopt). :data:`strategy.documents.outline.STRATEGY` is this list. Neither the consistency
control (:mod:`.kontrola`) nor the draft resolution adopting the strategy (:mod:`.uchwaly`) is
part of the strategy: each is a document of its own.
"""
from __future__ import annotations

from ..authoring import Chapter
from . import strategia_chapters as ch
from . import strategia_scope as scope
from .strategia_annexes import working_material

__all__ = ["OUTLINE"]


OUTLINE: tuple[Chapter, ...] = (
    Chapter("wprowadzenie", "Wprowadzenie i podstawy prawne", "", ch.introduction),
    Chapter("zgodnosc", "Zgodność z dokumentami strategicznymi wyższego rzędu", "", ch.consistency),
    Chapter("diagnoza", "Diagnoza sytuacji społecznej powiatu",
            "ust. 2 pkt 1 – diagnoza sytuacji społecznej, w tym potencjał podmiotów ekonomii "
            "społecznej do realizacji usług społecznych", ch.diagnosis),
    Chapter("zasoby", "Zasoby instytucjonalne powiatu", "", scope.resources),
    Chapter("swot", "Analiza SWOT", "", ch.swot),
    Chapter("prognoza", "Prognoza zmian",
            "ust. 2 pkt 2 – prognoza zmian w zakresie objętym strategią", ch.forecast),
    Chapter("misja", "Misja i wizja", "", ch.mission),
    Chapter("cele", "Cele strategiczne, cele operacyjne i kierunki działań",
            "ust. 2 pkt 3 lit. a i b – cele strategiczne projektowanych zmian i kierunki "
            "niezbędnych działań", ch.goals),
    Chapter("uslugi", "Usługi społeczne i zadania zlecane organizacjom pozarządowym",
            "ust. 3 – usługi społeczne i zadania publiczne zlecane organizacjom pozarządowym",
            ch.services),
    Chapter("ramy", "Sposób realizacji strategii i ramy finansowe",
            "ust. 2 pkt 3 lit. c – sposób realizacji strategii oraz jej ramy finansowe",
            ch.implementation),
    Chapter("wskazniki", "Wskaźniki realizacji działań",
            "ust. 2 pkt 3 lit. d – wskaźniki realizacji działań", ch.indicators),
    Chapter("monitoring", "Monitoring i ewaluacja", "", ch.monitoring),
    Chapter("konsultacje", "Opracowanie, konsultacje i przyjęcie strategii", "",
            scope.consultation),
    Chapter("skroty", "Wykaz skrótów", "", scope.abbreviations),
    Chapter("zalaczniki", "Załączniki – podsumowania diagnoz gmin", "", ch.annexes, heading=False),
    Chapter("material", "Materiał roboczy zespołu", "", working_material, heading=False),
)

