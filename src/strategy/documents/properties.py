"""Document properties: core (title, author, dates, language) and custom key/value pairs.

In: a python-docx ``Document`` and the values to store. Out: ``docProps/core.xml`` filled in
with fixed dates (so builds are reproducible) and ``docProps/custom.xml`` holding the caller's
key/value pairs (e.g. ``strategy_teryt``, ``strategy_version``, ``strategy_document``), which
:func:`read_custom_properties` reads back from a saved file without python-docx.
"""
from __future__ import annotations

import zipfile
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape

from defusedxml import ElementTree as SafeET
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from ..errors import DocumentError

CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one fmtid Word uses for user properties


#: The most characters a core property holds (the OPC core properties' limit, which
#: python-docx enforces with a ValueError).
CORE_LIMIT = 255


def fit_core(text: str, limit: int = CORE_LIMIT) -> str:
    """Return ``text`` cut to ``limit`` characters, ending with "…" when cut (a unit's name may
    be long: a title or keywords naming it must not stop the document)."""
    text = str(text or "")
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def set_core(doc, *, title: str, subject: str = "", author: str = "", keywords=(),
             when: datetime, language: str = "pl-PL") -> None:
    """Fill the core properties of ``doc``; created and modified are both ``when``."""
    cp = doc.core_properties
    cp.title = fit_core(title)
    cp.subject = fit_core(subject)
    cp.author = fit_core(author)
    cp.last_modified_by = fit_core(author)
    cp.keywords = fit_core(keywords if isinstance(keywords, str) else ", ".join(keywords))
    cp.language = language
    cp.comments = ""
    cp.category = ""
    cp.revision = 1
    cp.created = cp.modified = when


def _vt(value) -> str:
    if isinstance(value, bool):
        return f"<vt:bool>{'true' if value else 'false'}</vt:bool>"
    if isinstance(value, int) and -2**31 <= value < 2**31:
        return f"<vt:i4>{value}</vt:i4>"
    if isinstance(value, float):
        return f"<vt:r8>{repr(value)}</vt:r8>"
    if isinstance(value, datetime):
        return f"<vt:filetime>{value.strftime('%Y-%m-%dT%H:%M:%SZ')}</vt:filetime>"
    if isinstance(value, date):
        return f"<vt:filetime>{value.isoformat()}T00:00:00Z</vt:filetime>"
    return f"<vt:lpwstr>{escape(str(value))}</vt:lpwstr>"


def custom_xml(props: Mapping[str, object]) -> bytes:
    """Return the bytes of ``docProps/custom.xml`` for ``props`` (in the given order)."""
    items = []
    for pid, (name, value) in enumerate(props.items(), start=2):
        if not str(name).strip():
            raise DocumentError("nazwa właściwości dokumentu nie może być pusta")
        items.append(f'<property fmtid="{FMTID}" pid="{pid}" name="{escape(str(name), {chr(34): "&quot;"})}">'
                     f"{_vt(value)}</property>")
    xml = (f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
           f'<Properties xmlns="{CUSTOM_NS}" xmlns:vt="{VT_NS}">' + "".join(items) + "</Properties>")
    return xml.encode("utf-8")


def parse_custom_xml(blob: bytes) -> dict[str, object]:
    """Return the properties held in a ``custom.xml`` blob, values converted to Python types."""
    root = SafeET.fromstring(blob)
    out: dict[str, object] = {}
    for prop in root.findall(f"{{{CUSTOM_NS}}}property"):
        name = prop.get("name")
        if not len(prop):
            continue
        val = prop[0]
        kind = val.tag.split("}")[-1]
        text = val.text or ""
        if kind == "bool":
            out[name] = text.strip().lower() in ("true", "1")
        elif kind in ("i1", "i2", "i4", "i8", "int", "ui1", "ui2", "ui4", "ui8", "uint"):
            out[name] = int(text)
        elif kind in ("r4", "r8", "decimal"):
            out[name] = float(text)
        else:
            out[name] = text
    return out


def set_custom(doc, props: Mapping[str, object]) -> None:
    """Store ``props`` in ``doc``'s custom properties, keeping other properties already there."""
    package = doc.part.package
    existing_rel = next((r for r in package.rels.values()
                         if r.reltype == RT.CUSTOM_PROPERTIES), None)
    merged: dict[str, object] = {}
    if existing_rel is not None:
        merged.update(parse_custom_xml(existing_rel.target_part.blob))
    merged.update(props)
    replace_package_part(package, RT.CUSTOM_PROPERTIES, "/docProps/custom.xml", CUSTOM_CT,
                         custom_xml(merged))


def replace_package_part(package, reltype: str, partname: str, content_type: str,
                         blob: bytes) -> None:
    """Make ``blob`` the package-level part of relationship type ``reltype``: the old part's
    relationship is dropped and a new part is related in its place (python-docx parts have no
    public way to change their bytes)."""
    for rid, rel in list(package.rels.items()):
        if rel.reltype == reltype:
            package.rels.pop(rid)
    package.relate_to(Part(PackURI(partname), content_type, blob, package), reltype)


def read_custom_properties(path: str | Path) -> dict[str, object]:
    """Return the custom document properties of the .docx at ``path`` ({} when it has none)."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as z:
            rels = SafeET.fromstring(z.read("_rels/.rels"))
            target = next((r.get("Target") for r in rels
                           if r.get("Type") == RT.CUSTOM_PROPERTIES), None)
            if target is None:
                return {}
            return parse_custom_xml(z.read(target.lstrip("/")))
    except (zipfile.BadZipFile, OSError, KeyError, SafeET.ParseError) as exc:
        raise DocumentError(f"nie można odczytać właściwości dokumentu {path}: {exc}") from exc
