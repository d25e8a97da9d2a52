"""``strategy pdf PLIK.docx... [--katalog KATALOG] [--strony-w-docx]``: PDFs through LibreOffice.

In: .docx files (e.g. from ``reports/``). Out: a PDF next to each file (or in ``--katalog``)
with the table of contents and the lists of tables and figures, page numbers included
(:func:`strategy.documents.docx_to_pdf`: LibreOffice updates the documents' TOC fields, its
indexes, before exporting); with ``--strony-w-docx`` the page numbers LibreOffice found are also
written into the TOC fields' entries of the .docx itself, so a reader that shows a TOC as saved
(LibreOffice until the index is updated) shows them too (:func:`strategy.documents.paginate_docx`).
A separate command, not a step of ``strategy build``: LibreOffice takes a few seconds per
document. Exit 0 on success, 2 on a file that cannot be converted.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from ..documents import docx_to_pdf, paginate_docx
from ..errors import InputError


def register(sub) -> None:
    p = sub.add_parser(
        "pdf", help="zapisz dokumenty Word jako PDF (spisy treści z numerami stron)",
        description="Zapisuje dokumenty .docx jako PDF przez LibreOffice; spis treści oraz spisy "
                    "tabel i wykresów są uaktualniane, z numerami stron.")
    p.add_argument("paths", nargs="+", type=Path, metavar="PLIK.docx", help="dokumenty Word")
    p.add_argument("--katalog", type=Path, default=None, metavar="KATALOG",
                   help="katalog na pliki PDF (domyślnie obok dokumentów)")
    p.add_argument("--strony-w-docx", dest="pages_in_docx", action="store_true",
                   help="wpisz numery stron także do spisu treści w pliku .docx")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    bad = [p for p in args.paths if p.suffix.lower() != ".docx" or not p.is_file()]
    if bad:
        raise InputError("to nie są istniejące pliki .docx: " + ", ".join(str(p) for p in bad))
    for path in args.paths:
        if args.pages_in_docx:   # one LibreOffice run gives the pages and the PDF
            pdf = (args.katalog or path.parent) / f"{path.stem}.pdf"
            paginate_docx(path, pdf_to=pdf)
        else:
            pdf = docx_to_pdf(path, args.katalog)
        note = " (numery stron wpisane także do dokumentu)" if args.pages_in_docx else ""
        print(f"Zapisano {pdf}{note}")
    return 0
