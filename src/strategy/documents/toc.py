"""Tables of contents and lists of tables/figures: their entries and their page numbers.

In: a python-docx document whose body holds TOC fields (``TOC \\o "1-3" ...`` for headings,
``TOC \\c "Tabela"`` / ``TOC \\c "Wykres"`` for captions), headings in the Heading 1-3 styles and
captions with SEQ fields. Out: the same document where every TOC field's cached result lists its
entries the way Word writes them (:func:`fill_tocs`; the XML is made by :mod:`.ooxml`), so Word,
LibreOffice and PDFs show the entries without refreshing the fields; Word refreshes them, page
numbers included, when the document opens (``w:updateFields``).

Page numbers need a layout engine. :func:`paginate_docx` asks LibreOffice, through its own
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
                          reference.TABLE_OF_FIGURES, pages)
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
