"""The Word engine: reference template, report builder, properties, PDF conversion.

In: content from the document builders (headings, text, DataFrames, PNG figures). Out: .docx
files built on ``data/reference.docx`` (or a user's template) and, on request, PDFs made by
LibreOffice. This is the only package of ``strategy`` that imports ``docx``.

Public API:

* :class:`Report` / :class:`Ref` - build a document block by block, save it (``report``);
* :func:`build_reference_docx`, :func:`reference_path` - the shipped template (``reference``);
* :func:`open_template` - an empty document on a template with all our styles (``template``);
* :func:`read_custom_properties` - key/value pairs stored in a saved document (``properties``);
* :func:`docx_to_pdf`, :func:`pdf_page_count` - PDF through LibreOffice, indexes updated (``pdf``);
* :func:`paginate_docx` - page numbers from LibreOffice written into a saved file's TOC (``toc``).
"""
from .pdf import docx_to_pdf, pdf_page_count
from .properties import read_custom_properties
from .reference import REQUIRED_STYLES, build_reference_docx, reference_path
from .report import Ref, Report
from .tables import MISSING
from .template import missing_styles, open_template
from .toc import paginate_docx

__all__ = ["MISSING", "REQUIRED_STYLES", "Ref", "Report", "build_reference_docx", "docx_to_pdf",
           "missing_styles", "open_template", "paginate_docx", "pdf_page_count", "read_custom_properties",
           "reference_path"]
