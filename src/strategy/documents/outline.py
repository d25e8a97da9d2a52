"""The outlines of the documents, each described once.

In: nothing. Out: :data:`STRATEGY`, the chapters of the strategy in their order - id, title,
the element of art. 16b ust. 2 or 3 of the act on social assistance (u.p.s.) the chapter
fulfils, and the function ``chapter(rep, ctx)`` that writes its content
(:mod:`.builders.strategia_outline`) - and the outlines of the other documents, defined next
to their chapters in the builders (:data:`DIAGNOSIS`, :data:`FOSTER_CARE`, :data:`FAMILY`,
:data:`REPORT`, :data:`CONTROL` - the report of the consistency control, a document of its own). The builders, the consultation drafts and the notebooks (one cell per chapter,
``dok.chapter("<id>")``) all go through these lists, so a draft sent to the gminas has the
chapters of the strategy, statutory ones included.
"""
from __future__ import annotations

from .authoring import Chapter
from .builders.diagnoza import OUTLINE as DIAGNOSIS
from .builders.kontrola import OUTLINE as CONTROL
from .builders.piecza import OUTLINE as FOSTER_CARE
from .builders.rodzina import OUTLINE as FAMILY
from .builders.sprawozdanie import OUTLINE as REPORT
from .builders.strategia_outline import OUTLINE as STRATEGY

__all__ = ["CONTROL", "DIAGNOSIS", "FAMILY", "FOSTER_CARE", "REPORT", "STRATEGY", "Chapter"]
