"""Tables of contents and lists of tables/figures: their entries and their page numbers.

In: a python-docx document whose body holds the lists the engine marks with a bookmark
(:data:`.ooxml.LIST_BOOKMARK_RE`: the headings of levels 1-3, the captions "Tabela ..." or
"Wykres ...") or TOC fields of a user's template (``TOC \\o "1-3" ...``, ``TOC \\c "Tabela"``),
headings in the Heading 1-3 styles and captions with SEQ fields. Out: the same document where
every list holds its entries (:func:`fill_tocs`; the XML is made by :mod:`.ooxml`), each with a
hyperlink to its heading or caption and a PAGEREF field for its page. The engine's lists are
ordinary paragraphs, not TOC fields: LibreOffice shows a TOC field's cached result as it was
saved (no page numbers, as nothing laid the document out) until someone updates the index by
hand, but it computes PAGEREF fields when it lays the pages out, and so does Word (with
``w:updateFields`` on opening, and on printing). A list with nothing to list is left out with
its heading.

Page numbers in the saved file itself need a layout engine. :func:`paginate_docx` asks LibreOffice, through its own
public API (:func:`.pdf.libreoffice_pages`: the document's indexes updated, the page of every
bookmark read from the layout), on which page each heading and caption is, and writes those
numbers into the cached entries of a saved file: LibreOffice then opens it with page numbers.
PDFs made by :func:`.pdf.docx_to_pdf` have them anyway (LibreOffice updates the indexes).
"""
from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path

from ..errors import DocumentError
from . import ooxml, reference
from .ooxml import TocEntry as Entry

__all__ = ["Entry", "fill_tocs", "paginate_docx"]


def fill_tocs(doc, pages: Mapping[str, int | str] | None = None) -> list[Entry]:
    """Rewrite the cached result of every TOC field in ``doc`` with its entries.

    ``pages`` maps ``_Toc`` bookmarks to page numbers; entries without one get an empty cached
    page number (Word recomputes it on open). Calling it again replaces the previous entries.
    Returns the heading entries and then the caption entries, in document order.
    """
    headings, captions = ooxml.toc_entries(doc, reference.HEADINGS, reference.CAPTION)
    ooxml.fill_toc_fields(doc, headings, captions, reference.TOC_LEVELS,
                          reference.TABLE_OF_FIGURES, pages, heading_style=reference.TOC_HEADING)
    return headings + [e for label in captions for e in captions[label]]


def paginate_docx(path: str | Path) -> dict[str, int]:
    """Write into the TOC entries of the saved .docx at ``path`` the page numbers LibreOffice
    lays them out on; rewrite the file in place (atomically). Return {bookmark: page}."""
    import docx

    from .package import write_docx
    from .pdf import libreoffice_pages

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
        pages = libreoffice_pages(marked)
    found = {name: page for name, page in pages.items() if name.startswith(ooxml.TOC_BOOKMARK_PREFIX)}
    fill_tocs(doc, found)
    write_docx(doc, path)
    return found
