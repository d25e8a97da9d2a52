"""Consultation with the gminas: reading the Word drafts they send back.

In: a folder of returned files (.docx with comments, tracked changes and a filled remarks form;
anything else that arrived is refused with a Polish reason). Out: :class:`Remark` rows, a log,
and the working register of remarks (XLSX + CSV) in which the authors type their responses;
:func:`register_frame` gives the register to the consultation report.

Modules: :mod:`.safety` (opening untrusted files), :mod:`.collect` (remarks from one file or a
folder), :mod:`.register` (the XLSX register that keeps typed responses between runs).

Contract with the writer of the drafts (``documents``): a draft sent to a gmina carries

* custom document properties (``docProps/custom.xml``, text values):
  ``strategy_document`` (e.g. ``"strategia_powiatu"``), ``strategy_version`` (e.g. ``"1.0"``),
  ``strategy_teryt`` (TERC of the gmina the draft was sent to, 7 digits),
  ``strategy_gmina`` (its name), ``strategy_sent`` (date sent, ``RRRR-MM-DD``);
* a bookmark ``sec_<id>`` around or just before every section heading (``sec_3_2`` for
  section 3.2); the id never changes between versions of the draft, the heading paragraph has
  a Heading/Nagłówek style (or an outline level) and its text is the section title;
* the remarks form: a table whose header row is
  ``Lp. | Część dokumentu / rozdział | Strona lub akapit | Treść uwagi | Proponowane brzmienie |
  Uzasadnienie``, followed by empty rows the gmina fills in (empty rows are skipped).

A file without the properties is still read: the gmina and version are then guessed from the
file name (a TERC code, a gmina name, ``v1.0`` / ``wersja_2``) and the log says so.
"""
from .collect import (FileRemarks, LogEntry, Remark, collect_file, collect_folder,
                      remark_id)
from .register import (COLUMNS, RESPONSES, RegisterResult, register_frame,
                       update_register)
from .safety import RefusedFile, open_docx

__all__ = [
    "COLUMNS", "RESPONSES", "FileRemarks", "LogEntry", "RefusedFile", "RegisterResult", "Remark",
    "collect_file", "collect_folder", "open_docx", "register_frame", "remark_id",
    "update_register",
]
