"""Saving a python-docx document deterministically and atomically.

In: a ``docx.Document``. Out: a .docx file whose bytes depend only on the document's content:
zip entries in a fixed order with a fixed timestamp and fixed attributes (python-docx stamps the
current time on every entry). The file is written to a temporary file in the target folder and
renamed over the target, so a failure leaves the previous file untouched and nothing half-written.
"""
from __future__ import annotations

import io
import os
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path

from ..errors import DocumentError

#: Timestamp of every zip entry (the earliest a zip file can hold).
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
#: Default creation/modification date written to core properties when the caller gives none.
FIXED_DATE = datetime(2025, 1, 1, 0, 0, 0)  # naive, meaning UTC


class _Collector:
    """Stands in for python-docx's zip writer: keeps each (member name, bytes) in order."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, bytes]] = []

    def write(self, pack_uri, blob: bytes) -> None:
        self.entries.append((pack_uri.membername, blob))


def _entries(doc) -> list[tuple[str, bytes]]:
    """Return the package's (member name, bytes) in the order python-docx writes them.

    The parts are serialised once and zipped once by :func:`_write_zip` (no save to a
    compressed buffer that is then read back and compressed again).
    """
    try:
        from docx.opc.pkgwriter import PackageWriter

        package = doc.part.package
        for part in package.parts:
            part.before_marshal()
        out = _Collector()
        PackageWriter._write_content_types_stream(out, package.parts)
        PackageWriter._write_pkg_rels(out, package.rels)
        PackageWriter._write_parts(out, package.parts)
        entries = out.entries
    except AttributeError:  # a python-docx without these internals: save and read back
        buf = io.BytesIO()
        doc.save(buf)
        with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
            entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    # [Content_Types].xml first, then the order python-docx wrote (deterministic for given content)
    entries.sort(key=lambda e: e[0] != "[Content_Types].xml")
    return entries


#: Parts already compressed by their own format: stored as they are (deflating a PNG again
#: costs ~3 ms per chart and saves a few per cent). Word and LibreOffice read stored entries.
STORED_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".emf.gz", ".wdp")


def _write_zip(fileobj, entries: list[tuple[str, bytes]]) -> None:
    with zipfile.ZipFile(fileobj, "w") as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            stored = name.lower().endswith(STORED_SUFFIXES)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o644 << 16
            z.writestr(info, data, compresslevel=6)


def docx_bytes(doc) -> bytes:
    """Return the deterministic bytes of ``doc`` as a .docx package."""
    buf = io.BytesIO()
    _write_zip(buf, _entries(doc))
    return buf.getvalue()


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
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
