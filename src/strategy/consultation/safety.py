"""Opening returned Word files from outside without trusting them.

In: a path to whatever a gmina sent back (a .docx, but also PDFs, old .doc files, .odt,
password-protected or macro-enabled documents, damaged or deliberately hostile archives).
Out: a :class:`SafeDocx` that hands out the parsed XML parts of a genuine .docx package, or a
:class:`RefusedFile` error whose message tells the user in Polish why the file was not read.

Rules: the file is never extracted to disk; members are read with bounded reads (the sizes
declared in the ZIP directory are checked first, but never trusted); the number of entries, the
total uncompressed size and the compression ratio of each entry are limited; XML with DOCTYPE or
ENTITY declarations is refused (defusedxml), so nothing is resolved, fetched or expanded;
relationships with ``TargetMode="External"`` are counted and ignored, never followed.
"""
from __future__ import annotations

import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as SafeET

from ..errors import InputError

#: Largest input file that is opened at all (bytes).
MAX_FILE_BYTES = 50 * 1024 * 1024
#: Largest number of entries in the ZIP package.
MAX_ENTRIES = 1000
#: Largest sum of declared uncompressed sizes of all entries.
MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024
#: Largest uncompressed size of one XML part that is read.
MAX_PART_BYTES = 30 * 1024 * 1024
#: Largest compression ratio of one entry (only checked for entries above :data:`RATIO_FLOOR`).
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
MAIN_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
)
MACRO_MARK = "macroenabled"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_DOC_REL = "/officeDocument"


class RefusedFile(InputError):
    """A returned file was not read; the message (Polish) says why and what to do."""

    def __init__(self, message: str, reason: str):
        self.reason = reason
        super().__init__(message)


@dataclass
class SafeDocx:
    """An opened, checked .docx package. Use :meth:`xml` to get parsed parts."""

    path: Path
    zf: zipfile.ZipFile
    main_part: str
    external_links: int = 0
    _names: dict[str, str] = field(default_factory=dict)

    def close(self) -> None:
        self.zf.close()

    def __enter__(self) -> "SafeDocx":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def has(self, part: str) -> bool:
        return part.lower() in self._names

    def read(self, part: str) -> bytes:
        """Return the bytes of one part, read with a bounded read; raise :class:`RefusedFile`."""
        name = self._names[part.lower()]
        info = self.zf.getinfo(name)
        if info.file_size > MAX_PART_BYTES:
            raise _too_big(part)
        try:
            with self.zf.open(info) as fh:
                data = fh.read(MAX_PART_BYTES + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
            raise RefusedFile(
                f"plik jest uszkodzony (nie można odczytać części {part}: {exc}); "
                "poproś gminę o ponowne przesłanie", "uszkodzony") from exc
        except RuntimeError as exc:  # zipfile: "File is encrypted, password required"
            raise RefusedFile(f"część {part} jest zaszyfrowana hasłem; poproś gminę o plik bez "
                              "hasła", "haslo") from exc
        except NotImplementedError as exc:
            raise RefusedFile(f"nieobsługiwany sposób kompresji części {part}", "uszkodzony") from exc
        if len(data) > MAX_PART_BYTES:
            raise _too_big(part)
        return data

    def xml(self, part: str) -> Element | None:
        """Return the parsed root element of ``part`` or ``None`` if the part is absent."""
        if not self.has(part):
            return None
        return parse_xml(self.read(part), part)

    def relationships(self, part: str) -> list[tuple[str, str]]:
        """Return ``(type, target part)`` of the internal relationships of ``part``.

        External targets (``TargetMode="External"``) are counted in :attr:`external_links`
        and left out: they are never opened or fetched.
        """
        folder, base = posixpath.split(part)
        rels = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        out = []
        if rels is None:
            return out
        for rel in rels.iter(f"{{{REL_NS}}}Relationship"):
            if rel.get("TargetMode", "").lower() == "external":
                self.external_links += 1
                continue
            target = rel.get("Target", "")
            if target.startswith("/"):
                resolved = target.lstrip("/")
            else:
                resolved = posixpath.normpath(posixpath.join(folder, target))
            out.append((rel.get("Type", ""), resolved))
        return out


def parse_xml(data: bytes, part: str = "") -> Element:
    """Return the root of an XML document, refusing DTDs, entities and external references."""
    try:
        return SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (defusedxml.DTDForbidden, defusedxml.EntitiesForbidden,
            defusedxml.ExternalReferenceForbidden, defusedxml.NotSupportedError) as exc:
        raise RefusedFile(
            f"część {part} zawiera deklaracje DOCTYPE/ENTITY (możliwy atak XXE lub „billion "
            "laughs”); plik odrzucono ze względów bezpieczeństwa", "xml_dtd") from exc
    except (ParseError, ValueError) as exc:
        raise RefusedFile(f"uszkodzony XML w części {part}: {exc}", "uszkodzony") from exc


def _too_big(part: str) -> RefusedFile:
    return RefusedFile(
        f"część {part} po rozpakowaniu przekracza {MAX_PART_BYTES // (1024 * 1024)} MB; "
        "plik odrzucono (możliwa „bomba ZIP”)", "bomba_zip")


def sniff(head: bytes, blob: bytes = b"") -> str | None:
    """Return a Polish reason why bytes starting with ``head`` are not a .docx, or ``None``."""
    if head.startswith(OLE2_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in blob or "EncryptionInfo".encode("utf-16-le") in blob:
            return ("dokument jest zabezpieczony hasłem (zaszyfrowany); poproś gminę o przesłanie "
                    "wersji bez hasła")
        if "WordDocument".encode("utf-16-le") in blob:
            return ("plik w starym formacie Word 97-2003 (.doc); poproś gminę o zapisanie go jako "
                    "„Dokument programu Word (.docx)” i ponowne przesłanie")
        return "plik w starym formacie pakietu Office (OLE2), a nie dokument Word .docx"
    if head.startswith(b"%PDF"):
        return "plik PDF, a nie dokument Word; uwag z PDF nie da się odczytać - poproś o plik .docx"
    if head.lstrip().startswith(b"{\\rtf"):
        return "plik RTF, a nie dokument Word .docx; poproś o zapisanie go jako .docx"
    if not head:
        return "plik jest pusty"
    if not head.startswith(ZIP_MAGICS):
        return "to nie jest dokument Word .docx (nierozpoznany format pliku)"
    return None


def open_docx(path: str | Path) -> SafeDocx:
    """Return the checked package of a .docx file or raise :class:`RefusedFile`."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise RefusedFile(f"nie można odczytać pliku: {exc.strerror}", "brak_dostepu") from exc
    if size > MAX_FILE_BYTES:
        raise RefusedFile(
            f"plik ma {size / 1024 / 1024:.0f} MB, więcej niż dopuszczalne "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB", "za_duzy")
    with open(path, "rb") as fh:
        head = fh.read(8)
        blob = head + fh.read() if head.startswith(OLE2_MAGIC) else head
    reason = sniff(head, blob)
    if reason:
        kind = {"%P": "pdf", "\xd0\xcf": "ole2"}.get(head[:2].decode("latin-1"), "nie_docx")
        if "hasłem" in reason:
            kind = "haslo"
        elif ".doc)" in reason:
            kind = "doc"
        raise RefusedFile(reason, kind)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise RefusedFile(
            "plik jest uszkodzony lub niekompletny (nieprawidłowe archiwum ZIP, np. przerwane "
            "pobieranie); poproś gminę o ponowne przesłanie", "uszkodzony") from exc
    try:
        return _check_package(path, zf)
    except BaseException:
        zf.close()
        raise


def _check_package(path: Path, zf: zipfile.ZipFile) -> SafeDocx:
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise RefusedFile(
            f"archiwum ma {len(infos)} elementów (dopuszczalne {MAX_ENTRIES}); plik odrzucono",
            "za_duzo_elementow")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise RefusedFile(
                f"element {info.filename} rozpakowuje się z {info.compress_size} B do "
                f"{info.file_size} B (ponad {MAX_RATIO} razy); możliwa „bomba ZIP” - plik "
                "odrzucono", "bomba_zip")
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise RefusedFile(
            f"zawartość archiwum po rozpakowaniu miałaby {total // (1024 * 1024)} MB (dopuszczalne "
            f"{MAX_TOTAL_UNCOMPRESSED // (1024 * 1024)} MB); możliwa „bomba ZIP” - plik odrzucono",
            "bomba_zip")
    names = {i.filename.lower(): i.filename for i in infos}
    pkg = SafeDocx(path=path, zf=zf, main_part="", _names=names)
    if "mimetype" in names:
        mime = pkg.read("mimetype")[:200].decode("ascii", "replace")
        if "opendocument" in mime:
            raise RefusedFile(
                "plik OpenDocument (.odt, LibreOffice/OpenOffice), a nie dokument Word; poproś "
                "gminę o zapisanie go jako .docx", "odt")
    if any(n.endswith("vbaproject.bin") or n.endswith("vbadata.xml") for n in names):
        raise _macros()
    types = pkg.xml("[Content_Types].xml")
    if types is None:
        raise RefusedFile("to archiwum ZIP, a nie dokument Word .docx", "nie_docx")
    overrides = {}
    for el in types:
        ctype = (el.get("ContentType") or "")
        if MACRO_MARK in ctype.lower():
            raise _macros()
        if el.tag == f"{{{CT_NS}}}Override":
            overrides[(el.get("PartName") or "").lstrip("/").lower()] = ctype
    main = None
    for rtype, target in pkg.relationships(""):
        if rtype.endswith(OFFICE_DOC_REL):
            main = target
            break
    if main is None or not pkg.has(main):
        main = "word/document.xml" if pkg.has("word/document.xml") else None
    if main is None or overrides.get(main.lower(), MAIN_TYPES[0]) not in MAIN_TYPES:
        what = "arkusz Excel" if "xl/workbook.xml" in names else (
            "prezentacja PowerPoint" if "ppt/presentation.xml" in names else "dokument innego typu")
        raise RefusedFile(f"to nie jest dokument Word .docx ({what})", "nie_docx")
    pkg.main_part = main
    return pkg


def _macros() -> RefusedFile:
    return RefusedFile(
        "plik z makrami (.docm); ze względów bezpieczeństwa nie jest czytany - poproś gminę o "
        "zapisanie go jako zwykły dokument .docx (bez makr)", "makra")
