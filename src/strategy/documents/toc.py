"""Tables of contents and lists of tables/figures: Word TOC fields and their current result.

In: a python-docx document whose body holds TOC fields - the table of contents
``TOC \\o "1-3" \\h \\z \\u``, the lists ``TOC \\h \\z \\c "Tabela"`` and
``TOC \\h \\z \\c "Wykres"`` that :class:`.report.Report` writes (or a user's document holds) -
headings in the Heading 1-3 styles and captions with SEQ fields (``SEQ Tabela``, ``SEQ Wykres``).
Out: the same document where the result of every TOC field is its entries (:func:`fill_tocs`;
the XML is made by :mod:`.ooxml`), the way Word writes them: one "toc 1-3" / "table of figures"
paragraph per entry with a dot-leader right tab, a hyperlink to the heading's or caption's
``_Toc`` bookmark and a PAGEREF field for its page. Word's "Update table" (and "update fields
on open", which the engine asks for) and LibreOffice's "Update index" rebuild the lists from the
document as it is then, new and renamed headings included. An engine's list with nothing to list
is left out with its heading.

Page numbers need a layout engine. A document saved by the engine holds the entries with empty
page numbers: Word fills them when it updates the fields on opening; LibreOffice shows a TOC
field's result as saved until its index is updated (Tools > Update). :func:`.pdf.docx_to_pdf`
updates the indexes before exporting, so the PDFs have them. :func:`paginate_docx` asks
LibreOffice, through its own public API (:func:`.pdf.libreoffice_pages`: the indexes updated,
the page of every bookmark read from the layout), on which page each heading and caption is, and
writes those numbers into the PAGEREF results of a saved file: any reader then shows them.
"""
from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path

import docx

from ..errors import DocumentError
from . import ooxml, reference
from .ooxml import TocEntry as Entry
from .package import write_docx
from .pdf import libreoffice_pages

__all__ = ["Entry", "fill_tocs", "paginate_docx"]


def fill_tocs(doc, pages: Mapping[str, int | str] | None = None, *,
              drop_empty: bool = False) -> list[Entry]:
    """Rewrite the result of every TOC field in ``doc`` with its entries.

    ``pages`` maps ``_Toc`` bookmarks to page numbers; entries without one get an empty page
    number (Word recomputes it on open). ``drop_empty`` removes a list with no entries together
    with its heading (the engine's lists); otherwise it says it found none, as Word does.
    Calling it again replaces the previous entries. Returns the heading entries and then the
    caption entries, in document order.
    """
    headings, captions = ooxml.toc_entries(doc, reference.HEADINGS, reference.CAPTION)
    ooxml.fill_toc_fields(doc, headings, captions, reference.TOC_LEVELS,
                          reference.TABLE_OF_FIGURES, pages, heading_style=reference.TOC_HEADING,
                          drop_empty=drop_empty)
    return headings + [e for label in captions for e in captions[label]]


def paginate_docx(path: str | Path, *, pdf_to: str | Path | None = None) -> dict[str, int]:
    """Write into the TOC entries of the saved .docx at ``path`` the page numbers LibreOffice
    lays them out on; rewrite the file in place (atomically). Return {bookmark: page}.

    With ``pdf_to`` the same LibreOffice run also writes the document's PDF there (its lists
    updated, as :func:`.pdf.docx_to_pdf` makes it)."""
    path = Path(path)
    if not path.exists():
        raise DocumentError(f"nie znaleziono dokumentu {path}")
    try:
        doc = docx.Document(str(path))
    except Exception as exc:  # noqa: BLE001 - python-docx raises several types
        raise DocumentError(f"nie można otworzyć dokumentu {path}: {exc}") from exc
    fill_tocs(doc)   # every heading and caption gets its _Toc bookmark before the layout
    with tempfile.TemporaryDirectory(prefix="strategy-toc-") as tmp:
        marked = write_docx(doc, Path(tmp) / "dokument.docx")
        pages = libreoffice_pages(marked, pdf_to=pdf_to)
    found = {name: page for name, page in pages.items() if name.startswith(ooxml.TOC_BOOKMARK_PREFIX)}
    fill_tocs(doc, found)
    write_docx(doc, path)
    return found
