"""Saving a python-docx document deterministically and atomically.

In: a ``docx.Document``. Out: a .docx file whose bytes depend only on the document's content.
The document is saved by python-docx (``Document.save``) into memory; the zip it wrote is then
copied entry by entry with :mod:`zipfile` into a new zip with a fixed timestamp, fixed
attributes and the entries in a fixed order (``[Content_Types].xml`` first, then by name):
python-docx stamps the current time on every entry. The file is written to a temporary file in
the target folder and renamed over the target, so a failure leaves the previous file untouched
and nothing half-written.
"""
from __future__ import annotations

import io
import os
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path

from ..errors import DocumentError
from ..writing import file_mode

#: Timestamp of every zip entry (the earliest a zip file can hold).
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
#: Default creation/modification date written to core properties when the caller gives none.
FIXED_DATE = datetime(2025, 1, 1, 0, 0, 0)  # naive, meaning UTC
#: Parts already compressed by their own format: stored as they are (deflating a PNG again
#: costs time and saves a few per cent). Word and LibreOffice read stored entries.
STORED_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".emf.gz", ".wdp")
CONTENT_TYPES = "[Content_Types].xml"


def _entries(doc) -> list[tuple[str, bytes]]:
    """Return the package's (member name, bytes) as ``Document.save`` writes them, in a fixed
    order: ``[Content_Types].xml`` first (some readers expect it there), then by name."""
    buf = io.BytesIO()
    doc.save(buf)
    with zipfile.ZipFile(buf) as z:
        entries = [(name, z.read(name)) for name in z.namelist()]
    entries.sort(key=lambda e: (e[0] != CONTENT_TYPES, e[0]))
    return entries


def _write_zip(fileobj, entries: list[tuple[str, bytes]]) -> None:
    with zipfile.ZipFile(fileobj, "w") as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            stored = name.lower().endswith(STORED_SUFFIXES)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o644 << 16
            z.writestr(info, data, compresslevel=6)


def write_docx(doc, path: str | Path) -> Path:
    """Save ``doc`` to ``path`` deterministically and atomically; return the path."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DocumentError(f"nie można utworzyć folderu {path.parent}: {exc}") from exc
    entries = _entries(doc)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            _write_zip(fh, entries)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, file_mode())  # the process's umask, as for any new file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
