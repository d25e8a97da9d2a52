"""Low-level WordprocessingML helpers: fields, bookmarks, paragraph properties.

In: python-docx paragraph/run objects and plain values. Out: the same objects with the XML
Word and LibreOffice expect (complex fields with a cached result, bookmarks with ids, paragraph
properties in schema order). Nothing here knows about reports; ``report`` composes it. (Table
rows are written as XML text by ``tables``.)
"""
from __future__ import annotations

import re

from docx.oxml import OxmlElement as _OxmlElement
from docx.oxml.ns import qn
from docx.oxml.parser import oxml_parser as _parser

_TAGS: dict[str, tuple[str, dict[str, str]]] = {}


def OxmlElement(tag: str):
    """``docx.oxml.OxmlElement(tag)`` (an element of python-docx's class for ``tag``, declaring
    the tag's namespace) with the tag's name and namespace worked out once per tag, not per
    element: a document makes a few thousand."""
    known = _TAGS.get(tag)
    if known is None:
        probe = _OxmlElement(tag)
        known = _TAGS[tag] = (probe.tag, dict(probe.nsmap))
    return _parser.makeelement(known[0], nsmap=known[1])


def escape_xml(text: str) -> str:
    """Escape ``text`` for element content or a double-quoted attribute value of XML written as
    text, keeping the characters an XML parser would otherwise normalise (tab, line feed,
    carriage return)."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("\t", "&#9;").replace("\n", "&#10;")
            .replace("\r", "&#13;"))


#: Bookmark names Word accepts: a letter or underscore first, then letters, digits, underscores.
BOOKMARK_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,39}$")


def _run(text: str | None = None, rpr=None):
    r = OxmlElement("w:r")
    if rpr is not None:
        r.append(rpr)
    if text is not None:
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        r.append(t)
    return r


def _fld_char(kind: str, dirty: bool = False):
    r = OxmlElement("w:r")
    fc = OxmlElement("w:fldChar")
    fc.set(qn("w:fldCharType"), kind)
    if dirty:
        fc.set(qn("w:dirty"), "true")
    r.append(fc)
    return r


def field_elements(instruction: str, result: str, *, dirty: bool = False, rpr=None) -> list:
    """Return the run elements of a complex field ``instruction`` whose cached result is ``result``.

    ``rpr`` (a ``w:rPr`` element) is copied into every run so the field looks like its text.
    """
    from copy import deepcopy

    def rp():
        return deepcopy(rpr) if rpr is not None else None

    begin = _fld_char("begin", dirty)
    instr_run = OxmlElement("w:r")
    if rpr is not None:
        instr_run.append(rp())
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction.strip()} "
    instr_run.append(instr)
    out = [begin, instr_run, _fld_char("separate")]
    if result:
        out.append(_run(result, rp()))
    out.append(_fld_char("end"))
    return out


def add_field(paragraph, instruction: str, result: str, *, dirty: bool = False, rpr=None) -> None:
    """Append a complex field with a cached ``result`` to ``paragraph``."""
    for el in field_elements(instruction, result, dirty=dirty, rpr=rpr):
        paragraph._p.append(el)


def bookmark_start(name: str, bid: int):
    el = OxmlElement("w:bookmarkStart")
    el.set(qn("w:id"), str(bid))
    el.set(qn("w:name"), name)
    return el


def bookmark_end(bid: int):
    el = OxmlElement("w:bookmarkEnd")
    el.set(qn("w:id"), str(bid))
    return el


def set_keep_next(paragraph, on: bool = True) -> None:
    paragraph.paragraph_format.keep_with_next = on


def set_num(paragraph, num_id: int, ilvl: int = 0) -> None:
    """Give ``paragraph`` direct numbering ``num_id`` at level ``ilvl`` (0 = no numbering)."""
    ppr = paragraph._p.get_or_add_pPr()
    numpr = ppr.get_or_add_numPr()
    numpr.get_or_add_ilvl().val = ilvl
    numpr.get_or_add_numId().val = num_id


_PPR_ORDER = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
              "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
              "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN",
              "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
              "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
              "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"]


def insert_ppr_child(ppr, child) -> None:
    """Insert ``child`` into ``w:pPr`` at the position the schema requires (replacing a twin)."""
    rank = {qn(f"w:{t}"): i for i, t in enumerate(_PPR_ORDER)}
    old = ppr.find(child.tag)
    if old is not None:
        ppr.remove(old)
    mine = rank[child.tag]
    for i, existing in enumerate(ppr):
        if rank.get(existing.tag, -1) > mine:
            existing.addprevious(child)
            return
    ppr.append(child)


# Elements that follow w:updateFields in w:settings (ECMA-376 CT_Settings sequence).
_AFTER_UPDATE_FIELDS = ["hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids",
                        "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
                        "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade",
                        "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary",
                        "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator"]


def set_update_fields(settings) -> None:
    """Ask Word to refresh all fields (TOC, SEQ, REF, pages) when the document opens."""
    el = settings.find(qn("w:updateFields"))
    if el is None:
        el = OxmlElement("w:updateFields")
        later = {qn(f"w:{t}") for t in _AFTER_UPDATE_FIELDS}
        anchor = next((c for c in settings if c.tag in later), None)
        if anchor is not None:
            anchor.addprevious(el)
        else:
            settings.append(el)
    el.set(qn("w:val"), "true")
