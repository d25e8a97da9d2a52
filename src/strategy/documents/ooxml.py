"""WordprocessingML that python-docx has no API for, all in one place.

In: python-docx objects (documents, paragraphs, table rows, inline shapes) and plain values.
Out: the same objects with the XML Word and LibreOffice expect for what python-docx cannot
write: complex fields (TOC, SEQ, REF, PAGEREF, PAGE, NUMPAGES) with cached results, bookmarks,
direct list numbering and numbering restarts, a paragraph's bottom border, table rows that
repeat as a header or never split, a picture's description (alternative text), the
"update fields on open" setting, the cached entries of TOC fields, an emptied body and styles
(with their lists) copied from the reference template into a user's template.

Every function says which python-docx API is missing. The element behind a python-docx object
is reached only through :func:`p_element`, :func:`tr_element` and :func:`inline_element` (the
only private attributes of python-docx the package uses; each says why). Everything else in
``strategy.documents`` goes through python-docx's public API.
"""
from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ..errors import DocumentError

#: Bookmark names Word accepts: a letter or underscore first, then letters, digits, underscores.
BOOKMARK_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,39}$")


# ------------------------------------------------------------------ elements behind the objects
def p_element(paragraph):
    """Return the ``w:p`` element of a python-docx ``Paragraph``."""
    # python-docx has no public accessor of a paragraph's element (Document, styles and
    # settings have ``.element``; Paragraph does not).
    return paragraph._p  # noqa: SLF001 - no public Paragraph.element in python-docx


def tr_element(row):
    """Return the ``w:tr`` element of a python-docx table row."""
    return row._tr  # noqa: SLF001 - no public _Row.element in python-docx


def inline_element(shape):
    """Return the ``wp:inline`` element of a python-docx ``InlineShape``."""
    return shape._inline  # noqa: SLF001 - no public InlineShape.element in python-docx


def _el(tag: str, **attrs: str):
    """Return a new element ``tag`` with attributes given as ``w_val="..."`` (prefix_name)."""
    return OxmlElement(tag, {qn(k.replace("_", ":", 1)): v for k, v in attrs.items()})


# ------------------------------------------------------------------ fields (no field API)
def _run(*children, rpr=None):
    r = _el("w:r")
    if rpr is not None:
        r.append(deepcopy(rpr))
    for c in children:
        r.append(c)
    return r


def _t(text: str):
    t = _el("w:t", xml_space="preserve")
    t.text = text
    return t


def _fld(kind: str, dirty: bool = False):
    return _el("w:fldChar", w_fldCharType=kind, **({"w_dirty": "true"} if dirty else {}))


def _instr(instruction: str):
    el = _el("w:instrText", xml_space="preserve")
    el.text = f" {instruction.strip()} "
    return el


def field_runs(instruction: str, result: str, *, dirty: bool = False, rpr=None) -> list:
    """Return the runs of a complex field ``instruction`` whose cached result is ``result``.

    ``rpr`` (a ``w:rPr``) is copied into every run, so the field looks like its text.
    """
    out = [_run(_fld("begin", dirty), rpr=rpr), _run(_instr(instruction), rpr=rpr),
           _run(_fld("separate"), rpr=rpr)]
    if result:
        out.append(_run(_t(result), rpr=rpr))
    out.append(_run(_fld("end"), rpr=rpr))
    return out


def add_field(paragraph, instruction: str, result: str, *, dirty: bool = False,
              placeholder: bool = False) -> None:
    """Append a complex field with the cached ``result`` to ``paragraph`` (python-docx has no
    field API). ``placeholder`` prints the result in grey italics (a "to be updated" note)."""
    p = p_element(paragraph)
    for r in field_runs(instruction, result, dirty=dirty,
                        rpr=_placeholder_rpr() if placeholder else None):
        p.append(r)


def _placeholder_rpr():
    rpr = _el("w:rPr")
    rpr.append(_el("w:i"))
    rpr.append(_el("w:color", w_val="7F7F7F"))
    return rpr


def field_instructions(paragraph) -> list[str]:
    """Return the instructions of the fields in ``paragraph`` (python-docx does not read fields)."""
    p = p_element(paragraph)
    return ([(i.text or "").strip() for i in p.iter(qn("w:instrText"))]
            + [(f.get(qn("w:instr")) or "").strip() for f in p.iter(qn("w:fldSimple"))])


def set_update_fields(settings) -> None:
    """Ask Word to refresh all fields (TOC, SEQ, REF, pages) when the document opens.

    ``settings`` is ``document.settings.element``: python-docx's ``Settings`` has no
    ``update_fields`` property.
    """
    el = settings.find(qn("w:updateFields"))
    if el is None:
        el = _el("w:updateFields")
        later = {qn(f"w:{t}") for t in _AFTER_UPDATE_FIELDS}
        anchor = next((c for c in settings if c.tag in later), None)
        if anchor is not None:
            anchor.addprevious(el)
        else:
            settings.append(el)
    el.set(qn("w:val"), "true")


# Elements that follow w:updateFields in w:settings (ECMA-376 CT_Settings sequence).
_AFTER_UPDATE_FIELDS = ["hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids",
                        "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
                        "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade",
                        "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary",
                        "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator"]


# ------------------------------------------------------------------ bookmarks (no bookmark API)
def max_bookmark_id(document) -> int:
    """Return the largest numeric bookmark id of ``document``'s body (0 when there is none)."""
    ids = [int(x) for x in document.element.xpath("//w:bookmarkStart/@w:id") if x.isdigit()]
    return max(ids, default=0)


def add_bookmark_start(paragraph, name: str, bid: int) -> None:
    """Append the start of bookmark ``name`` (id ``bid``) to ``paragraph``."""
    p_element(paragraph).append(_el("w:bookmarkStart", w_id=str(bid), w_name=name))


def add_bookmark_end(paragraph, bid: int) -> None:
    """Append the end of bookmark ``bid`` to ``paragraph``."""
    p_element(paragraph).append(_el("w:bookmarkEnd", w_id=str(bid)))


def has_picture(paragraph) -> bool:
    """Return True when ``paragraph`` holds a drawing or a VML picture (python-docx lists
    inline shapes of the body only, not of headers)."""
    return bool(p_element(paragraph).xpath(".//w:drawing|.//w:pict"))


# ------------------------------------------------------------------ numbering (no numbering API)
def set_numbering(paragraph, num_id: int, ilvl: int = 0) -> None:
    """Give ``paragraph`` direct numbering ``num_id`` at level ``ilvl`` (0 = no numbering)."""
    numpr = p_element(paragraph).get_or_add_pPr().get_or_add_numPr()
    numpr.get_or_add_ilvl().val = ilvl
    numpr.get_or_add_numId().val = num_id


def style_abstract_numbering(document, style_name: str) -> int | None:
    """Return the abstract numbering the paragraph style ``style_name`` uses (None: none)."""
    el = document.styles[style_name].element
    num = el.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    if num is None:
        return None
    numbering = document.part.numbering_part.element
    return numbering.num_having_numId(int(num.get(qn("w:val")))).abstractNumId.val


def restart_numbering(document, abstract_id: int) -> int:
    """Return a new numbering instance of ``abstract_id`` that starts again at 1."""
    num = document.part.numbering_part.element.add_num(abstract_id)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    return num.numId


# ------------------------------------------------------------------ paragraph borders
_PPR_ORDER = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
              "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
              "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN",
              "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
              "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
              "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"]


def add_bottom_border(paragraph, color: str) -> None:
    """Draw a thin line of ``color`` under ``paragraph`` (python-docx has no border API)."""
    ppr = p_element(paragraph).get_or_add_pPr()
    bdr = _el("w:pBdr")
    bdr.append(_el("w:bottom", w_val="single", w_sz="4", w_space="4", w_color=color))
    old = ppr.find(bdr.tag)
    if old is not None:
        ppr.remove(old)
    later = {qn(f"w:{t}") for t in _PPR_ORDER[_PPR_ORDER.index("pBdr") + 1:]}
    anchor = next((c for c in ppr if c.tag in later), None)
    if anchor is not None:
        anchor.addprevious(bdr)
    else:
        ppr.append(bdr)


def add_box(paragraph, border: str, fill: str) -> None:
    """Frame ``paragraph`` with a thin ``border`` line on every side and shade it ``fill``
    (python-docx has no paragraph border or shading API). Consecutive paragraphs with the
    same frame form one box in Word and LibreOffice."""
    ppr = p_element(paragraph).get_or_add_pPr()
    bdr = _el("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        bdr.append(_el(f"w:{side}", w_val="single", w_sz="6", w_space="6", w_color=border))
    shd = _el("w:shd", w_val="clear", w_color="auto", w_fill=fill)
    for el, name in ((bdr, "pBdr"), (shd, "shd")):
        old = ppr.find(el.tag)
        if old is not None:
            ppr.remove(old)
        later = {qn(f"w:{t}") for t in _PPR_ORDER[_PPR_ORDER.index(name) + 1:]}
        anchor = next((c for c in ppr if c.tag in later), None)
        if anchor is not None:
            anchor.addprevious(el)
        else:
            ppr.append(el)


def add_hyperlink(paragraph, url: str, text: str, *, bold: bool = False,
                  italic: bool = False) -> None:
    """Append a hyperlink to ``url`` showing ``text`` (python-docx has no hyperlink API; the
    relationship is added through the public ``part.relate_to``)."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    rid = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = _el("w:hyperlink")
    link.set(qn("r:id"), rid)
    rpr = _el("w:rPr")
    if bold:
        rpr.append(_el("w:b"))
    if italic:
        rpr.append(_el("w:i"))
    rpr.append(_el("w:color", w_val="0563C1"))
    rpr.append(_el("w:u", w_val="single"))
    link.append(_run(_t(text), rpr=rpr))
    p_element(paragraph).append(link)


# ------------------------------------------------------------------ tables and pictures
def repeat_as_header_row(row) -> None:
    """Repeat ``row`` at the top of every page the table spans (no python-docx API)."""
    tr_element(row).get_or_add_trPr().append(_el("w:tblHeader"))


def keep_row_together(row) -> None:
    """Keep ``row`` on one page (python-docx has no "allow row to break" property)."""
    tr_element(row).get_or_add_trPr().append(_el("w:cantSplit"))


def keep_with_next(paragraph) -> None:
    """Keep ``paragraph`` on the page of the next one: ``paragraph_format.keep_with_next =
    True`` in a few times less time (a table sets it on many cells; ``w:keepNext`` comes right
    after ``w:pStyle``)."""
    ppr = p_element(paragraph).get_or_add_pPr()
    if ppr.find(_KEEP_NEXT) is not None:
        return
    first = ppr[0] if len(ppr) else None
    ppr.insert(1 if first is not None and first.tag == _P_STYLE else 0, _el("w:keepNext"))


_KEEP_NEXT, _P_STYLE = qn("w:keepNext"), qn("w:pStyle")


def describe_picture(shape, name: str, description: str) -> None:
    """Set the name and alternative text of an inline picture (no python-docx API)."""
    doc_pr = inline_element(shape).docPr
    doc_pr.set("name", name)
    doc_pr.set("descr", description)


def move_headings_past_section_break(doc, heading_style_ids: set[str]) -> int:
    """Move the heading paragraphs (styles ``heading_style_ids``) that stand right before the
    section break python-docx's ``add_section`` has just appended to after it, into the new
    section, so that a heading opens the page of what it introduces instead of staying alone at
    the bottom of the last page (python-docx puts the break in a new last paragraph). Return
    how many were moved."""
    body = doc.element.body
    paras = body.findall(qn("w:p"))
    if not paras or paras[-1].find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is None:
        return 0
    brk = paras[-1]
    moving = []
    prev = brk.getprevious()
    while prev is not None and prev.tag == qn("w:p") and _p_style(prev) in heading_style_ids:
        moving.append(prev)
        prev = prev.getprevious()
    for p in moving:            # nearest first: each goes right after the break, order kept
        brk.addnext(p)
        for pb in p.findall(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}"):
            pb.getparent().remove(pb)       # the new section starts a new page anyway
    return len(moving)


def body_is_empty(doc) -> bool:
    """Return True when ``doc``'s body holds nothing but its final section properties."""
    return all(el.tag == qn("w:sectPr") for el in doc.element.body.iterchildren())


# ------------------------------------------------------------------ styles from another document
def clear_body(doc) -> None:
    """Remove all content from ``doc``'s body, keeping the final section properties (python-docx
    can add content but not remove it)."""
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def style_by_name(doc, name: str):
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


class StyleImporter:
    """Copy styles (and the numbering they use) from the reference template into a document.

    python-docx can add a style by name and set some of its properties, but not copy a style
    with all its properties, its base styles and its multilevel list from another document.
    """

    def __init__(self, target, source):
        self.target, self.source = target, source
        self.t_styles = target.styles.element
        self.s_styles = source.styles.element
        self.id_map: dict[str, str] = {}   # source style id -> target style id
        self.num_map: dict[str, str] = {}  # source numId -> target numId

    def ensure(self, name: str) -> None:
        if style_by_name(self.target, name) is None:
            src = style_by_name(self.source, name)
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
        existing = style_by_name(self.target, name)
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
        el = deepcopy(src)
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
        new_abs = deepcopy(absn)
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


# ------------------------------------------------------------------ TOC fields: cached entries
TOC_BOOKMARK_PREFIX = "_Toc"
#: Cached text of a TOC field with nothing to list (Polish Word writes the same).
EMPTY_TOC = "Nie znaleziono pozycji spisu treści."
EMPTY_LIST = "Nie znaleziono pozycji spisu ilustracji."
_TOC_NAME_RE = re.compile(r"^_Toc\d{9}$")
_LABEL_RE = re.compile(r'\\c\s+"([^"]+)"')
_LEVELS_RE = re.compile(r'\\o\s+"(\d)-(\d)"')


@dataclass(frozen=True)
class TocEntry:
    """One line of a TOC: heading level (0 for captions), number, text and target bookmark."""

    level: int
    number: str
    text: str
    bookmark: str


def _text(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()


def _instructions(p) -> list[str]:
    return [(i.text or "").strip() for i in p.iter(qn("w:instrText"))]


def _style_numbered(document, name: str) -> bool:
    el = document.styles[name].element
    num = el.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    return num is not None and num.get(qn("w:val")) != "0"


def _p_style(p) -> str | None:
    ps = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return ps.get(qn("w:val")) if ps is not None else None


def _p_unnumbered(p) -> bool:
    num = p.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    return num is not None and num.get(qn("w:val")) == "0"


def _toc_bookmark(p) -> str | None:
    for bm in p.findall(qn("w:bookmarkStart")):
        if _TOC_NAME_RE.match(bm.get(qn("w:name"), "")):
            return bm.get(qn("w:name"))
    return None


class _TocBookmarks:
    """Hands out ``_Toc<n>`` names and bookmark ids not yet used in the document."""

    def __init__(self, document):
        starts = list(document.element.body.iter(qn("w:bookmarkStart")))
        self.names = {b.get(qn("w:name")) for b in starts}
        ids = [int(b.get(qn("w:id"))) for b in starts if (b.get(qn("w:id")) or "").isdigit()]
        self.next_id = max(ids, default=0) + 1
        self.next_no = 1

    def add(self, p) -> str:
        while f"{TOC_BOOKMARK_PREFIX}{self.next_no:09d}" in self.names:
            self.next_no += 1
        name = f"{TOC_BOOKMARK_PREFIX}{self.next_no:09d}"
        self.names.add(name)
        bid, self.next_id = self.next_id, self.next_id + 1
        start = _el("w:bookmarkStart", w_id=str(bid), w_name=name)
        ppr = p.find(qn("w:pPr"))
        if ppr is not None:
            ppr.addnext(start)
        else:
            p.insert(0, start)
        p.append(_el("w:bookmarkEnd", w_id=str(bid)))
        return name


def toc_entries(document, headings: list[str], caption: str
                ) -> tuple[list[TocEntry], dict[str, list[TocEntry]]]:
    """Return the heading entries (styles ``headings``, levels 1-3) and the caption entries per
    SEQ label of the body of ``document``, in document order.

    Headings and captions (style ``caption`` or a paragraph with a SEQ field) without a
    ``_Toc`` bookmark get one (deterministic names in document order). Heading numbers follow
    the multilevel list of the heading styles: a heading whose numbering is switched off
    (``numId`` 0) is listed without a number and does not count.
    """
    ids = {}
    for level, name in enumerate(headings, start=1):
        ids[document.styles[name].style_id] = (level, _style_numbered(document, name))
    caption_id = document.styles[caption].style_id
    marks = _TocBookmarks(document)
    counters = [0, 0, 0]
    heads: list[TocEntry] = []
    captions: dict[str, list[TocEntry]] = {}
    for p in document.element.body.iterchildren(qn("w:p")):
        sid = _p_style(p)
        if sid in ids:
            text = _text(p)
            if not text:
                continue
            level, numbered = ids[sid]
            number = ""
            if numbered and not _p_unnumbered(p):
                counters[level - 1] += 1
                counters[level:] = [0] * (3 - level)
                number = ".".join(str(n) for n in counters[:level])
            heads.append(TocEntry(level, number, text, _toc_bookmark(p) or marks.add(p)))
        elif sid == caption_id or any(i.startswith("SEQ ") for i in _instructions(p)):
            seqs = [i.split()[1] for i in _instructions(p) if i.startswith("SEQ ") and len(i.split()) > 1]
            if not seqs or not _text(p):
                continue
            name = _toc_bookmark(p) or marks.add(p)
            captions.setdefault(seqs[0], []).append(TocEntry(0, "", _text(p), name))
    return heads, captions


def _body_paragraphs(document):
    """Yield the paragraphs of the body and of its content controls (Word keeps a table of
    contents it made or updated in a ``w:sdt``, LibreOffice too), in document order."""
    for el in document.element.body.iterchildren(qn("w:p"), qn("w:sdt")):
        if el.tag == qn("w:p"):
            yield el
            continue
        content = el.find(qn("w:sdtContent"))
        if content is not None:
            yield from content.iterchildren(qn("w:p"))


def _toc_fields(document) -> list[tuple[str, list]]:
    """Return (instruction, body paragraphs from its begin to its end) of every TOC field."""
    out = []
    span = None
    for p in _body_paragraphs(document):
        if span is None:
            instr = next((s for s in _instructions(p) if s.startswith("TOC ")), None)
            if instr is None:
                continue
            depth, span, started = 0, [], False
        span.append(p)
        for fc in p.iter(qn("w:fldChar")):
            kind = fc.get(qn("w:fldCharType"))
            if kind == "begin":
                depth += 1
                started = True
            elif kind == "end":
                depth -= 1
        if started and depth <= 0:
            out.append((instr, span))
            span = None
    if span is not None:   # a field left open runs to the end of the body
        out.append((instr, span))
    return out


def _entry_ppr(style_id: str | None, tabs: list[tuple[str, str, int]]):
    ppr = _el("w:pPr")
    if style_id:
        ppr.append(_el("w:pStyle", w_val=style_id))
    if tabs:
        t = _el("w:tabs")
        for val, leader, pos in tabs:
            t.append(_el("w:tab", w_val=val, **({"w_leader": leader} if leader else {}),
                         w_pos=str(pos)))
        ppr.append(t)
    rpr = _el("w:rPr")
    rpr.append(_el("w:noProof"))
    ppr.append(rpr)
    return ppr


def _entry_run(*children, hidden: bool = False):
    rpr = _el("w:rPr")
    rpr.append(_el("w:noProof"))
    if hidden:
        rpr.append(_el("w:webHidden"))
    return _run(*children, rpr=rpr)


def _toc_paragraphs(document, instr: str, entries: list[TocEntry], styles: dict[int, str],
                    empty: str, pages) -> list:
    """Return the paragraphs of a TOC field ``instr`` whose result lists ``entries`` the way
    Word writes them: the field's begin, instruction and separator open the first paragraph,
    then one "toc N" / "table of figures" paragraph per entry with a hyperlink to the entry's
    bookmark holding the number, a tab, the text, a tab and a PAGEREF field (the last two "web
    hidden", as the ``\\z`` switch asks); the field's end closes the last entry's paragraph (as
    LibreOffice writes it: Word's own extra paragraph for the end would show as an empty line
    after the list). A field with nothing to list holds ``empty`` in one paragraph.
    """
    start = [_entry_run(_fld("begin", dirty=True)), _entry_run(_instr(instr)),
             _entry_run(_fld("separate"))]
    if not entries:
        p = _el("w:p")
        p.append(_entry_ppr(None, []))
        for r in [*start, _entry_run(_t(empty)), _entry_run(_fld("end"))]:
            p.append(r)
        return [p]
    s = document.sections[0]
    right = ("right", "dot", int((s.page_width - s.left_margin - s.right_margin) / 635))  # EMU -> twips
    used = {e.level for e in entries}
    ids = {lvl: document.styles[styles[lvl]].style_id for lvl in used}
    number_tabs = {lvl: _number_tab(document, styles[lvl]) for lvl in used}
    out = []
    for e in entries:
        pos = number_tabs[e.level] if e.number else None
        p = _el("w:p")
        p.append(_entry_ppr(ids[e.level], [("left", "", pos), right] if pos else [right]))
        link = _el("w:hyperlink", w_anchor=e.bookmark, w_history="1")
        if e.number:
            link.append(_entry_run(_t(e.number)))
            link.append(_entry_run(_el("w:tab")))
        link.append(_entry_run(_t(e.text)))
        link.append(_entry_run(_el("w:tab"), hidden=True))
        link.append(_entry_run(_fld("begin"), hidden=True))
        link.append(_entry_run(_instr(f"PAGEREF {e.bookmark} \\h"), hidden=True))
        link.append(_entry_run(_fld("separate"), hidden=True))
        if pages.get(e.bookmark):
            link.append(_entry_run(_t(str(pages[e.bookmark])), hidden=True))
        link.append(_entry_run(_fld("end"), hidden=True))
        p.append(link)
        out.append(p)
    for k, r in enumerate(start):
        out[0].insert(1 + k, r)
    out[-1].append(_entry_run(_fld("end")))
    return out


def _number_tab(document, style_name: str) -> int | None:
    ind = document.styles[style_name].element.find(f"{qn('w:pPr')}/{qn('w:ind')}")
    if ind is None:
        return None
    left = ind.get(qn("w:left")) or ind.get(qn("w:start"))
    return int(left) if left and left.lstrip("-").isdigit() and int(left) > 0 else None


def fill_toc_fields(document, headings: list[TocEntry], captions: dict[str, list[TocEntry]],
                    toc_styles: list[str], figure_style: str, pages=None,
                    heading_style: str | None = None, drop_empty: bool = False) -> None:
    """Rewrite the result of every TOC field of ``document``'s body with its entries
    (python-docx neither reads nor writes fields).

    ``toc_styles`` are the styles of TOC levels 1-3, ``figure_style`` the style of a list of
    tables/figures (``TOC \\c "<label>"``); ``pages`` maps ``_Toc`` bookmarks to page numbers
    (entries without one get an empty PAGEREF result). With ``drop_empty`` a field with nothing
    to list is removed together with its heading (a paragraph of ``heading_style`` right before
    it); otherwise it says so, as Word does. Calling it again replaces the previous entries.
    """
    pages = pages or {}
    heading_id = document.styles[heading_style].style_id if heading_style else None
    for instr, span in _toc_fields(document):
        label = _LABEL_RE.search(instr)
        if label:
            entries = captions.get(label.group(1), [])
            styles, empty = {0: figure_style}, EMPTY_LIST
        else:
            levels = _LEVELS_RE.search(instr)
            lo, hi = (int(levels.group(1)), int(levels.group(2))) if levels else (1, 3)
            entries = [e for e in headings if lo <= e.level <= hi]
            styles, empty = {k: toc_styles[k - 1] for k in (1, 2, 3)}, EMPTY_TOC
        first = span[0]
        if drop_empty and not entries:
            before = first.getprevious()
            if before is not None and before.tag == qn("w:p") and _p_style(before) == heading_id:
                before.getparent().remove(before)
            for p in span:
                p.getparent().remove(p)
            continue
        new = _toc_paragraphs(document, instr, entries, styles, empty, pages)
        old_ppr = first.find(qn("w:pPr"))
        if old_ppr is not None and old_ppr.find(qn("w:pageBreakBefore")) is not None:
            ppr = new[0].find(qn("w:pPr"))
            later = {qn(f"w:{t}") for t in _PPR_ORDER[_PPR_ORDER.index("pageBreakBefore") + 1:]}
            anchor = next((c for c in ppr if c.tag in later), None)
            anchor.addprevious(_el("w:pageBreakBefore"))   # the w:rPr is always there
        for p in new:
            first.addprevious(p)
        for p in span:
            p.getparent().remove(p)
