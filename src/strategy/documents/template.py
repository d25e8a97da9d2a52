"""Opening the template a document is built on: ours or one the user supplies.

In: ``None`` (the shipped reference template) or the path of a user's .docx/.dotx whose look
should be used, the way Quarto or officedown take a reference document. Out: a python-docx
``Document`` with an empty body (page setup, styles, headers and footers kept) that holds every
style in :data:`.reference.REQUIRED_STYLES`: styles missing from a user template are copied in
from ours, together with the styles they are based on and the numbering they use.
"""
from __future__ import annotations

import copy
from pathlib import Path

import docx
from docx.oxml.ns import qn

from ..errors import DocumentError
from . import reference

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


def clear_body(doc) -> None:
    """Remove all content from ``doc``'s body, keeping the final section properties."""
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _style_by_name(doc, name: str):
    """Return the ``w:style`` element named ``name`` (python-docx aliases applied) or None."""
    try:
        return doc.styles[name].element
    except KeyError:
        return None


def _style_by_id(styles_el, sid: str):
    for s in styles_el.findall(qn("w:style")):
        if s.get(qn("w:styleId")) == sid:
            return s
    return None


class _StyleImporter:
    """Copy styles (and the numbering they use) from the reference template into a document."""

    def __init__(self, target, source):
        self.target, self.source = target, source
        self.t_styles = target.styles.element
        self.s_styles = source.styles.element
        self.id_map: dict[str, str] = {}   # source style id -> target style id
        self.num_map: dict[str, str] = {}  # source numId -> target numId

    def ensure(self, name: str) -> None:
        if _style_by_name(self.target, name) is None:
            src = _style_by_name(self.source, name)
            if src is None:  # pragma: no cover - the reference template is complete by test
                raise DocumentError(f"szablon nie ma stylu „{name}” i nie można go uzupełnić")
            self._import(src)

    def _target_id_for(self, sid: str) -> str:
        """Return the target id of source style ``sid``, importing it when the target lacks it."""
        if sid in self.id_map:
            return self.id_map[sid]
        src = _style_by_id(self.s_styles, sid)
        if src is None:
            return sid
        name = src.find(qn("w:name")).get(qn("w:val"))
        existing = _style_by_name(self.target, name)
        if existing is not None:
            self.id_map[sid] = existing.get(qn("w:styleId"))
            return self.id_map[sid]
        return self._import(src)

    def _import(self, src) -> str:
        sid = src.get(qn("w:styleId"))
        new_id = sid
        n = 1
        while _style_by_id(self.t_styles, new_id) is not None:
            n += 1
            new_id = f"{sid}{n}"
        self.id_map[sid] = new_id
        el = copy.deepcopy(src)
        el.set(qn("w:styleId"), new_id)
        el.attrib.pop(qn("w:default"), None)
        self.t_styles.append(el)
        for tag in ("w:basedOn", "w:next", "w:link"):
            ref = el.find(qn(tag))
            if ref is not None:
                target_id = self._target_id_for(ref.get(qn("w:val")))
                if _style_by_id(self.t_styles, target_id) is None:
                    el.remove(ref)
                else:
                    ref.set(qn("w:val"), target_id)
        num_id = el.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if num_id is not None:
            num_id.set(qn("w:val"), self._import_num(num_id.get(qn("w:val"))))
        return new_id

    def _import_num(self, src_num_id: str) -> str:
        if src_num_id in self.num_map:
            return self.num_map[src_num_id]
        s_numbering = self.source.part.numbering_part.element
        t_numbering = self.target.part.numbering_part.element
        num = next(n for n in s_numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == src_num_id)
        aid = num.find(qn("w:abstractNumId")).get(qn("w:val"))
        absn = next(a for a in s_numbering.findall(qn("w:abstractNum"))
                    if a.get(qn("w:abstractNumId")) == aid)
        used_a = [int(a.get(qn("w:abstractNumId"))) for a in t_numbering.findall(qn("w:abstractNum"))]
        new_aid = str(max(used_a, default=-1) + 1)
        new_abs = copy.deepcopy(absn)
        new_abs.set(qn("w:abstractNumId"), new_aid)
        nsid = new_abs.find(qn("w:nsid"))
        if nsid is not None:
            new_abs.remove(nsid)
        for ps in new_abs.iter(qn("w:pStyle")):
            ps.set(qn("w:val"), self.id_map.get(ps.get(qn("w:val")), ps.get(qn("w:val"))))
        first_num = t_numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(new_abs)
        else:
            t_numbering.append(new_abs)
        new_num = t_numbering.add_num(int(new_aid))
        self.num_map[src_num_id] = str(new_num.numId)
        return self.num_map[src_num_id]


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
    importer = _StyleImporter(doc, docx.Document(str(ref_path)))
    for name in reference.REQUIRED_STYLES:
        importer.ensure(name)
    return doc


def missing_styles(doc) -> list[str]:
    """Return the required style names ``doc`` does not define."""
    return [n for n in reference.REQUIRED_STYLES if _style_by_name(doc, n) is None]
