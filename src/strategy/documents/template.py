"""Opening the template a document is built on: ours or one the user supplies.

In: ``None`` (the shipped reference template) or the path of a user's .docx/.dotx whose look
should be used, the way Quarto or officedown take a reference document. Out: a python-docx
``Document`` with an empty body (page setup, styles, headers and footers kept) that holds every
style in :data:`.reference.REQUIRED_STYLES`: styles missing from a user template are copied in
from ours, together with the styles they are based on and the numbering they use
(:class:`.ooxml.StyleImporter`: python-docx cannot copy a style or a list between documents).
"""
from __future__ import annotations

from pathlib import Path

import docx

from ..errors import DocumentError
from . import ooxml, reference
from .ooxml import clear_body

_DOTX = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _open(path: Path):
    if not path.exists():
        raise DocumentError(f"nie znaleziono szablonu dokumentu {path}")
    try:
        if path.suffix.lower() == ".dotx":
            import io
            import zipfile
            buf = io.BytesIO()
            with zipfile.ZipFile(path) as zin, zipfile.ZipFile(buf, "w") as zout:
                for item in zin.infolist():
                    data = zin.read(item.filename)
                    if item.filename == "[Content_Types].xml":
                        data = data.replace(_DOTX.encode(), _DOCX.encode())
                    zout.writestr(item, data)
            return docx.Document(io.BytesIO(buf.getvalue()))
        return docx.Document(str(path))
    except DocumentError:
        raise
    except Exception as exc:  # python-docx raises several types for a damaged package
        raise DocumentError(f"nie można otworzyć szablonu {path} jako dokumentu Word: {exc}") from exc


def open_template(template: str | Path | None = None):
    """Return an empty ``Document`` built on ``template`` (default: the reference template)."""
    ref_path = reference.reference_path()
    if not ref_path.exists():  # pragma: no cover - shipped with the package
        raise DocumentError(f"brak szablonu wzorcowego {ref_path}")
    if template is None:
        doc = docx.Document(str(ref_path))
        clear_body(doc)
        return doc
    doc = _open(Path(template))
    clear_body(doc)
    importer = ooxml.StyleImporter(doc, docx.Document(str(ref_path)))
    for name in reference.REQUIRED_STYLES:
        importer.ensure(name)
    return doc


def missing_styles(doc) -> list[str]:
    """Return the required style names ``doc`` does not define."""
    return [n for n in reference.REQUIRED_STYLES if ooxml.style_by_name(doc, n) is None]
