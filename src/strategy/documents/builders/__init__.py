"""Document builders: one module per kind of document the workbench drafts.

In: the objects of the earlier stages - a :class:`strategy.diagnosis.Diagnosis`, the store
(:class:`strategy.store.Store`) and a plan (:class:`strategy.plan.Plan`). Builders never read
``data/raw``. Out: a .docx written by the Word engine (:class:`strategy.documents.Report`); each
``build_<kind>(..., out_path, *, template=None, draft=None, date=None)`` returns its path.

* :func:`build_diagnoza` - diagnoza sytuacji społecznej gminy;
* :func:`build_strategia` - strategia rozwiązywania problemów społecznych powiatu (art. 16b);
* :func:`build_program_wspierania_rodziny` - gminny program wspierania rodziny;
* :func:`build_program_pieczy_zastepczej` - powiatowy program rozwoju pieczy zastępczej;
* :func:`build_sprawozdanie` - sprawozdanie z realizacji programu lub strategii;
* :func:`plan_for_gmina` - a family-support plan of one gmina used as a template for another.
"""
from .diagnoza import build_diagnoza
from .piecza import build_program_pieczy_zastepczej
from .rodzina import build_program_wspierania_rodziny, plan_for_gmina
from .sprawozdanie import build_sprawozdanie
from .strategia import build_strategia

__all__ = ["build_diagnoza", "build_program_pieczy_zastepczej",
           "build_program_wspierania_rodziny", "build_sprawozdanie", "build_strategia",
           "plan_for_gmina"]
