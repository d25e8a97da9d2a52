"""Tables of contents and lists of tables/figures with real cached entries.

In: a python-docx document whose body holds TOC fields (``TOC \\o "1-3" ...`` for headings,
``TOC \\c "Tabela"`` / ``TOC \\c "Wykres"`` for captions), headings in the Heading 1-3 styles and
captions with SEQ fields. Out: the same document where every heading and caption carries a hidden
``_Toc<n>`` bookmark and every TOC field's cached result holds one paragraph per entry, the way
Word writes it: style "toc 1"-"toc 3" (or "table of figures"), a hyperlink to the bookmark with
the number, the text, a right-aligned dot-leader tab and a ``PAGEREF _Toc<n> \\h`` field. Word,
LibreOffice and PDFs made from the file show the entries without refreshing the fields.

Page numbers need a layout engine: :func:`fill_tocs` leaves them empty unless given ``pages``;
:func:`paginate` / :func:`paginate_docx` lay the document out with LibreOffice, find on which PDF
page each heading and caption appears and write those numbers into the cached PAGEREF results.
"""
from __future__ import annotations

import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from ..errors import DocumentError
from . import ooxml, reference
from .ooxml import OxmlElement, escape_xml

TOC_BOOKMARK_PREFIX = "_Toc"
#: Cached text of a TOC field with nothing to list (Polish Word writes the same).
EMPTY_TOC = "Nie znaleziono pozycji spisu treści."
EMPTY_LIST = "Nie znaleziono pozycji spisu ilustracji."
MAX_PASSES = 3

_TOC_NAME_RE = re.compile(r"^_Toc\d{9}$")
_LABEL_RE = re.compile(r'\\c\s+"([^"]+)"')
_LEVELS_RE = re.compile(r'\\o\s+"(\d)-(\d)"')


@dataclass(frozen=True)
class Entry:
    """One line of a TOC: heading level (0 for captions), number, text and target bookmark."""

    level: int
    number: str
    text: str
    bookmark: str

    @property
    def label(self) -> str:
        """The entry text as it appears in the document: "1.2 Text" or "Tabela 1. Text"."""
        return f"{self.number} {self.text}" if self.number else self.text


# ------------------------------------------------------------------------------- reading the body
def _text(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()


def _instructions(p) -> list[str]:
    return [(i.text or "").strip() for i in p.iter(qn("w:instrText"))]


def _style_id(doc, name: str) -> str | None:
    try:
        return doc.styles[name].style_id
    except KeyError:
        return None


def _style_numbered(doc, name: str) -> bool:
    try:
        el = doc.styles[name].element
    except KeyError:
        return False
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


_P, _PPR, _PSTYLE, _VAL, _INSTR = (qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:val"),
                                  qn("w:instrText"))


def _candidates(body, style_ids, word: str) -> list:
    """Return, in document order, the ``w:p`` of ``body`` (nested ones included) whose style
    (``w:pPr/w:pStyle``) is one of ``style_ids`` or that hold a field instruction containing
    ``word``: a superset of the paragraphs the callers look for.

    Only the style and instruction elements are visited, not every paragraph (a diagnosis has
    more than a thousand, most of them in table cells).
    """
    ids = {s for s in style_ids if s is not None}
    found: dict = {}
    tags = (_PSTYLE, _INSTR) if ids else (_INSTR,)
    for el in body.iter(*tags):
        if el.tag == _PSTYLE:
            if el.get(_VAL) in ids:
                ppr = el.getparent()
                if ppr.tag == _PPR:
                    p = ppr.getparent()
                    if p is not None and p.tag == _P:
                        found[p] = None
        elif word in (el.text or ""):
            p = next(el.iterancestors(_P), None)
            if p is not None:
                found[p] = None
    # Paragraphs that are not nested in one another come in the order of their first matching
    # element, i.e. in document order; a paragraph inside another (a text box) may not.
    if any(next(p.iterancestors(_P), None) is not None for p in found):
        return [p for p in body.iter(_P) if p in found]
    return list(found)


class _Bookmarks:
    """Hands out ``_Toc<n>`` names and bookmark ids not yet used in the document."""

    def __init__(self, doc):
        starts = list(doc.element.body.iter(qn("w:bookmarkStart")))
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
        ppr = p.find(qn("w:pPr"))
        start = ooxml.bookmark_start(name, bid)
        if ppr is not None:
            ppr.addnext(start)
        else:
            p.insert(0, start)
        p.append(ooxml.bookmark_end(bid))
        return name


def collect_entries(doc) -> tuple[list[Entry], dict[str, list[Entry]]]:
    """Return the heading entries (levels 1-3) and the caption entries per SEQ label.

    Headings and captions without a ``_Toc`` bookmark get one (deterministic names in document
    order). Heading numbers follow the multilevel list of the heading styles: a heading whose
    numbering is switched off (``numId`` 0) is listed without a number and does not count.
    """
    ids = {}
    for level, name in enumerate(reference.HEADINGS, start=1):
        sid = _style_id(doc, name)
        if sid:
            ids[sid] = (level, _style_numbered(doc, name))
    caption_id = _style_id(doc, reference.CAPTION)
    marks = _Bookmarks(doc)
    counters = [0, 0, 0]
    headings: list[Entry] = []
    captions: dict[str, list[Entry]] = {}
    for p in _candidates(doc.element.body, [*ids, caption_id], "SEQ"):
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
            name = _toc_bookmark(p) or marks.add(p)
            headings.append(Entry(level, number, text, name))
        elif sid == caption_id or any(i.startswith("SEQ ") for i in _instructions(p)):
            seqs = [i.split()[1] for i in _instructions(p) if i.startswith("SEQ ") and len(i.split()) > 1]
            if not seqs or not _text(p):
                continue
            name = _toc_bookmark(p) or marks.add(p)
            captions.setdefault(seqs[0], []).append(Entry(0, "", _text(p), name))
    return headings, captions


# ------------------------------------------------------------------------------- TOC fields
def _toc_fields(doc) -> list[tuple[str, list]]:
    """Return (instruction, paragraphs from its begin to its end) of every TOC field in the body."""
    out = []
    body = doc.element.body
    remaining = set(_candidates(body, (), "TOC"))
    span = None
    # The paragraphs are read in document order only up to the end of the last field.
    for p in body.iter(_P):
        if span is None:
            if not remaining:
                break
            if p not in remaining:
                continue
            remaining.discard(p)
            instr = next((s for s in _instructions(p) if s.startswith("TOC ")), None)
            if instr is None:
                continue
            depth, span, started = 0, [], False
        else:
            remaining.discard(p)   # inside a field: not the start of another
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


# The cached entries are written as XML text and parsed once per TOC field: the same elements,
# attributes and order as building them one element at a time (tests/test_documents_toc.py
# compares the two), at a fraction of the cost (a diagnosis lists ~50 entries of ~15 elements).
_R = "<w:r><w:rPr><w:noProof/></w:rPr>"
_R_HIDDEN = "<w:r><w:rPr><w:noProof/><w:webHidden/></w:rPr>"


def _t(text: str) -> str:
    return f'<w:t xml:space="preserve">{escape_xml(text)}</w:t>'


def _fld(kind: str, dirty: bool = False) -> str:
    dirty_attr = ' w:dirty="true"' if dirty else ""
    return f'<w:fldChar w:fldCharType="{kind}"{dirty_attr}/>'


def _instr(text: str) -> str:
    return f'<w:instrText xml:space="preserve">{escape_xml(f" {text} ")}</w:instrText>'


def _ppr(style_id: str | None, tabs: list[tuple[str, str, int]]) -> str:
    out = ["<w:pPr>"]
    if style_id:
        out.append(f'<w:pStyle w:val="{escape_xml(style_id)}"/>')
    if tabs:
        out.append("<w:tabs>")
        for val, leader, pos in tabs:
            lead = f' w:leader="{escape_xml(leader)}"' if leader else ""
            out.append(f'<w:tab w:val="{escape_xml(val)}"{lead} w:pos="{pos}"/>')
        out.append("</w:tabs>")
    out.append("<w:rPr><w:noProof/></w:rPr></w:pPr>")
    return "".join(out)


def _field_start(instr: str) -> str:
    return (f"{_R}{_fld('begin', dirty=True)}</w:r>{_R}{_instr(instr)}</w:r>"
            f"{_R}{_fld('separate')}</w:r>")


def _entry_paragraph(entry: Entry, style_id, tabs, page: str, start: str = "") -> str:
    """Return the XML of one entry's paragraph; ``start`` (the TOC field's begin) goes first."""
    out = ["<w:p>", _ppr(style_id, tabs), start,
           f'<w:hyperlink w:anchor="{escape_xml(entry.bookmark)}" w:history="1">']
    if entry.number:
        out.append(f"{_R}{_t(entry.number)}</w:r>{_R}<w:tab/></w:r>")
    out.append(f"{_R}{_t(entry.text)}</w:r>")
    pageref = _instr(f"PAGEREF {entry.bookmark} \\h")
    out.append(f"{_R_HIDDEN}<w:tab/></w:r>{_R_HIDDEN}{_fld('begin')}</w:r>"
               f"{_R_HIDDEN}{pageref}</w:r>"
               f"{_R_HIDDEN}{_fld('separate')}</w:r>")
    if page:
        out.append(f"{_R_HIDDEN}{_t(page)}</w:r>")
    out.append(f"{_R_HIDDEN}{_fld('end')}</w:r></w:hyperlink></w:p>")
    return "".join(out)


def _text_width(doc) -> int:
    s = doc.sections[0]
    return int((s.page_width - s.left_margin - s.right_margin) / 635)  # EMU -> twips


def _number_tab(doc, style_name: str) -> int | None:
    try:
        ind = doc.styles[style_name].element.find(f"{qn('w:pPr')}/{qn('w:ind')}")
    except KeyError:
        return None
    if ind is None:
        return None
    left = ind.get(qn("w:left")) or ind.get(qn("w:start"))
    return int(left) if left and left.lstrip("-").isdigit() and int(left) > 0 else None


def _build(doc, instr: str, headings, captions, pages: Mapping[str, str]) -> list:
    right = ("right", "dot", _text_width(doc))
    label = _LABEL_RE.search(instr)
    if label:
        entries = captions.get(label.group(1), [])
        styles = {0: reference.TABLE_OF_FIGURES}
        empty = EMPTY_LIST
    else:
        levels = _LEVELS_RE.search(instr)
        lo, hi = (int(levels.group(1)), int(levels.group(2))) if levels else (1, 3)
        entries = [e for e in headings if lo <= e.level <= hi]
        styles = {lvl: reference.TOC_LEVELS[lvl - 1] for lvl in (1, 2, 3)}
        empty = EMPTY_TOC
    if not entries:
        xml = [f"<w:p>{_ppr(None, [])}{_field_start(instr)}{_R}{_t(empty)}</w:r>"
               f"{_R}{_fld('end')}</w:r></w:p>"]
    else:
        # Style lookups once per style, not per entry (python-docx reads the styles part).
        used = {e.level for e in entries}
        ids = {lvl: _style_id(doc, styles[lvl]) for lvl in used}
        tabs = {lvl: _number_tab(doc, styles[lvl]) for lvl in used}
        xml = []
        for k, e in enumerate(entries):
            pos = tabs[e.level] if e.number else None
            t = [("left", "", pos), right] if pos else [right]
            xml.append(_entry_paragraph(e, ids[e.level], t, pages.get(e.bookmark, ""),
                                        _field_start(instr) if k == 0 else ""))
        xml.append(f"<w:p>{_R}{_fld('end')}</w:r></w:p>")
    return list(parse_xml(f"<w:body {nsdecls('w')}>{''.join(xml)}</w:body>"))


def fill_tocs(doc, pages: Mapping[str, str] | None = None) -> list[Entry]:
    """Rewrite the cached result of every TOC field in ``doc`` with its entries.

    ``pages`` maps ``_Toc`` bookmarks to page numbers; entries without one get an empty cached
    page number (Word recomputes it on open). Calling it again replaces the previous entries.
    Returns the heading entries and then the caption entries, in document order.
    """
    headings, captions = collect_entries(doc)
    pages = pages or {}
    for instr, span in _toc_fields(doc):
        first = span[0]
        keep_ppr = first.find(qn("w:pPr"))
        new = _build(doc, instr, headings, captions, pages)
        if keep_ppr is not None and keep_ppr.find(qn("w:pageBreakBefore")) is not None:
            ooxml.insert_ppr_child(new[0].find(qn("w:pPr")), OxmlElement("w:pageBreakBefore"))
        for p in new:
            first.addprevious(p)
        for p in span:
            p.getparent().remove(p)
    return headings + [e for label in captions for e in captions[label]]


# ------------------------------------------------------------------------------- pagination
def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def _pattern(label: str) -> re.Pattern:
    words = [re.escape(w) for w in _norm(label).split(" ")]
    return re.compile(r"(?m)^[ \t]*" + r"\s+".join(words))


def _chrome_lines(doc) -> set[str]:
    """Texts of header and footer paragraphs (repeated on pages, never a heading)."""
    out = set()
    for s in doc.sections:
        for part in (s.header, s.footer, s.first_page_header, s.first_page_footer,
                     s.even_page_header, s.even_page_footer):
            if part.is_linked_to_previous:  # no part of its own (reading it would add one)
                continue
            for p in part.paragraphs:
                if p.text.strip():
                    out.add(_norm(p.text))
    return out


def _clean_pages(pages: list[str], chrome: set[str]) -> list[str]:
    out = []
    for page in pages:
        lines = [ln for ln in page.splitlines()
                 if _norm(ln) not in chrome and not re.match(r"^Strona \d+ z \d+$", _norm(ln))]
        out.append("\n".join(lines))
    return out


def _search_items(doc) -> list[tuple[str, str, bool]]:
    """Return (label, bookmark, is_target) in document order: TOC entries and their targets."""
    headings, captions = collect_entries(doc)
    labels = {e.bookmark: e.label for e in headings}
    labels.update({e.bookmark: e.label for c in captions.values() for e in c})
    toc_paras = {p for _, span in _toc_fields(doc) for p in span}  # the set keeps them alive
    items = []
    for p in doc.element.body.iter(qn("w:p")):
        if p in toc_paras:
            for link in p.findall(qn("w:hyperlink")):
                anchor = link.get(qn("w:anchor"))
                if anchor in labels:
                    items.append((labels[anchor], anchor, False))
        else:
            name = _toc_bookmark(p)
            if name in labels:
                items.append((labels[name], name, True))
    return items


def locate(page_texts: list[str], items: list[tuple[str, str, bool]]) -> dict[str, int]:
    """Return {bookmark: 1-based page} for targets found in ``page_texts``, searching in order.

    ``items`` are (label, bookmark, is_target) in document order; TOC entries are searched too
    so that the search moves past the TOC pages before it looks for the headings themselves.
    An item not found leaves the search position where it was.
    """
    found: dict[str, int] = {}
    page, pos = 0, 0
    for label, bookmark, is_target in items:
        pat = _pattern(label)
        for k in range(page, len(page_texts)):
            m = pat.search(page_texts[k], pos if k == page else 0)
            if m:
                page, pos = k, m.end()
                if is_target:
                    found[bookmark] = k + 1
                break
    return found


def paginate(doc, *, passes: int = MAX_PASSES) -> dict[str, int]:
    """Lay ``doc`` out with LibreOffice and write the page numbers into its TOC entries.

    Repeats the layout (at most ``passes`` times) until the page numbers no longer change, since
    filling them in can change the length of the TOC. Returns {bookmark: page}.
    """
    from .package import docx_bytes
    from .pdf import docx_to_pdf, pdf_pages_text

    fill_tocs(doc)
    chrome = _chrome_lines(doc)
    found: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="strategy-toc-") as tmp:
        src = Path(tmp) / "paginate.docx"
        for _ in range(max(1, passes)):
            src.write_bytes(docx_bytes(doc))
            pdf = docx_to_pdf(src, tmp)
            texts = _clean_pages(pdf_pages_text(pdf), chrome)
            new = locate(texts, _search_items(doc))
            if new == found:
                break
            found = new
            fill_tocs(doc, {k: str(v) for k, v in found.items()})
    return found


def paginate_docx(path: str | Path, *, passes: int = MAX_PASSES) -> Path:
    """Fill the TOC entries and page numbers of the saved .docx at ``path`` in place (atomically)."""
    import docx

    from .package import write_docx

    path = Path(path)
    if not path.exists():
        raise DocumentError(f"nie znaleziono dokumentu {path}")
    try:
        doc = docx.Document(str(path))
    except Exception as exc:  # noqa: BLE001 - python-docx raises several types
        raise DocumentError(f"nie można otworzyć dokumentu {path}: {exc}") from exc
    paginate(doc, passes=passes)
    return write_docx(doc, path)
