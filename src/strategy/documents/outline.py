"""The outlines of the documents, each described once.

In: nothing. Out: :data:`STRATEGY`, the chapters of the strategy in their order - id, title,
the element of art. 16b ust. 2 or 3 of the act on social assistance (u.p.s.) the chapter
fulfils, and the function ``chapter(rep, ctx)`` that writes its content
(:mod:`.builders.strategia_chapters`; the powiat's resources, the consultation and adoption,
the abbreviations and the draft resolution in :mod:`.builders.strategia_scope`) - and the outlines of the other documents, defined next
to their chapters in the builders (:data:`DIAGNOSIS`, :data:`FOSTER_CARE`, :data:`FAMILY`,
:data:`REPORT`). The builders, the consultation drafts and the notebooks (one cell per chapter,
``dok.chapter("<id>")``) all go through these lists, so a draft sent to the gminas has the
chapters of the strategy, statutory ones included.
"""
from __future__ import annotations

from .authoring import Chapter
from .builders import kontrola
from .builders import strategia_chapters as ch
from .builders import strategia_scope as scope
from .builders.diagnoza import OUTLINE as DIAGNOSIS
from .builders.piecza import OUTLINE as FOSTER_CARE
from .builders.rodzina import OUTLINE as FAMILY
from .builders.sprawozdanie import OUTLINE as REPORT

__all__ = ["DIAGNOSIS", "FAMILY", "FOSTER_CARE", "REPORT", "STRATEGY", "Chapter"]


STRATEGY: tuple[Chapter, ...] = (
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
    Chapter("uchwala", "Załącznik – projekt uchwały w sprawie przyjęcia strategii", "",
            scope.resolution_annex, heading=False),
    Chapter("kontrola", "Kontrola spójności", "", kontrola.chapter, heading=False),
)

