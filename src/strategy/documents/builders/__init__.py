"""Document builders: one module per kind of document the workbench drafts.

In: what the notebook loaded for the document (:mod:`strategy.inputs.load`: the plan, the
diagnoses, the values of the powiat and its gminas, the programmes, the remarks counts).
Builders read no files and run no analysis (``tests/test_inputs.py`` checks it). Out: a .docx written by the Word engine (:class:`strategy.documents.Report`); each
``build_<kind>(..., out_path, *, template=None, draft=None, date=None)`` returns its path.

* :func:`build_diagnoza` - diagnoza sytuacji społecznej gminy;
* :func:`build_strategia` - strategia rozwiązywania problemów społecznych powiatu (art. 16b);
* :func:`build_program_wspierania_rodziny` - gminny program wspierania rodziny;
* :func:`build_program_pieczy_zastepczej` - powiatowy program rozwoju pieczy zastępczej;
* :func:`build_sprawozdanie` - sprawozdanie z realizacji programu lub strategii;
* :func:`build_kontrola` - raport z kontroli spójności dokumentów powiatu (strategy, programmes
  and data compared; the team's working material, not part of the strategy);
* :func:`plan_for_gmina` - a family-support plan of one gmina used as a template for another.
* :func:`build_uchwala` - projekt uchwały rady przyjmującej strategię albo program (a document
  of its own; :data:`KINDS_OF_RESOLUTIONS`: job name -> kind of the adopted document).

Each builder has a ``<kind>_document(...)`` twin returning the unsaved
:class:`strategy.documents.authoring.Document` that the notebooks fill chapter by chapter
(``dok.chapter("prognoza")``, an author's ``dok.markdown(...)``...) and then save; the
``build_<kind>`` functions add every default chapter and save.
"""
from .diagnoza import build_diagnoza, diagnosis_document
from .kontrola import build_kontrola, kontrola_document
from .piecza import build_program_pieczy_zastepczej, foster_care_document
from .rodzina import build_program_wspierania_rodziny, family_document, plan_for_gmina
from .sprawozdanie import build_sprawozdanie, report_document
from .strategia import build_strategia, strategy_document
from .uchwaly import KINDS as KINDS_OF_RESOLUTIONS
from .uchwaly import build_uchwala, resolution_document

__all__ = ["KINDS_OF_RESOLUTIONS", "build_diagnoza", "build_kontrola", "build_program_pieczy_zastepczej",
           "build_program_wspierania_rodziny", "build_sprawozdanie", "build_strategia", "build_uchwala",
           "diagnosis_document", "family_document", "foster_care_document", "kontrola_document", "plan_for_gmina",
           "report_document", "resolution_document", "strategy_document"]
