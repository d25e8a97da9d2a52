"""The Word engine: a :class:`Report` is built block by block and saved as a .docx.

In: headings, paragraphs (text with bold/italic runs and cross-references), bullet and numbered
lists, pandas DataFrames for tables, PNG bytes for figures, with their captions and sources.
Out: a Word-native document on the reference template (or a user's template): numbered headings,
a table of contents and lists of tables and figures as TOC fields whose cached result already
lists the entries (page numbers on request, see :mod:`.toc`) and that Word refreshes on open,
captions "Tabela 3. ..." / "Wykres 2. ..." above each table/figure with SEQ fields whose cached
numbers are already right, bookmarks and REF fields for cross-references ("zob. Tabela 3"), a
source line under every table and figure, landscape sections for wide tables, a header with the
title (and "PROJEKT", version and date for drafts, "DANE DEMONSTRACYJNE" for demo data), a footer
"Strona X z Y", core and custom properties. The same inputs give byte-identical files.

Example::

    rep = Report(title="Strategia rozwiązywania problemów społecznych Powiatu Kaliskiego",
                 author="PCPR w Kaliszu", demo=True, draft={"version": "0.3", "date": "2025-05-12"})
    rep.title_page(subtitle="na lata 2026-2035")
    rep.toc()
    rep.heading("Diagnoza")
    tab = rep.table(df, "Ludność gmin powiatu w 2024 r.", "GUS BDL")
    rep.paragraph("Liczbę mieszkańców gmin podano w zestawieniu (zob. {t}).", refs={"t": tab})
    rep.save("reports/strategia.docx")
"""
from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date as _date, datetime
from pathlib import Path

import pandas as pd
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.shape import CT_Inline
from docx.section import Section
from docx.shared import Cm, Emu
from docx.text.paragraph import Paragraph

from .. import DEMO_MARK
from ..errors import DocumentError
from ..text import fmt_date
from . import ooxml, reference, tables, toc
from .ooxml import OxmlElement
from .package import FIXED_DATE, write_docx
from .properties import set_core, set_custom
from .template import open_template

TABLE_LABEL = "Tabela"
FIGURE_LABEL = "Wykres"
DRAFT_MARK = "PROJEKT"
TOC_PLACEHOLDER = ("Spis zostanie uzupełniony po otwarciu dokumentu. Jeśli się nie pojawił, "
                   "zaznacz cały dokument (Ctrl+A) i naciśnij F9, aby zaktualizować pola.")


@dataclass(frozen=True)
class Ref:
    """A cross-reference target: a bookmark and the text a REF field to it shows.

    ``text`` is "Tabela 3" / "Wykres 2" for captions, the number ("2.1") for numbered headings
    and the heading text for unnumbered ones.
    """

    name: str
    text: str
    kind: str            # "Tabela", "Wykres" or "rozdział"
    number: str = ""

    def __str__(self) -> str:
        return self.text


Content = str | Ref | Mapping | Sequence


class Report:
    """A Word document under construction. See the module docstring for an example."""

    def __init__(self, template: str | Path | None = None, *, title: str, subject: str = "",
                 author: str = "", keywords: Iterable[str] | str = (),
                 draft: Mapping | bool | None = None, demo: bool = False,
                 date: _date | datetime | str | None = None,
                 custom_props: Mapping[str, object] | None = None,
                 header_text: str | None = None):
        if not title or not str(title).strip():
            raise DocumentError("dokument musi mieć tytuł")
        self.title = str(title)
        self.subject, self.author = subject, author
        self.keywords = keywords
        self.draft = ({} if draft is True else dict(draft)) if draft else None
        self.demo = bool(demo)
        self.when = _resolve_date(date)
        self.custom_props = dict(custom_props or {})
        self.doc = open_template(template)
        self._bookmark_id = self._max_bookmark_id() + 1
        self._bookmarks: set[str] = set()
        self._seq = {TABLE_LABEL: 0, FIGURE_LABEL: 0}
        self._heading_no = [0, 0, 0]
        self._auto_heading = 0
        self._break_next = False
        self._shape_id: int | None = None   # the id of the next figure (see figure())
        self._image_parts: tuple[int, dict] | None = None   # see _get_or_add_image()
        self._numbered_abstract = self._abstract_of_style(reference.LIST_NUMBER)
        self._setup_header(header_text or self.title)
        self._setup_footer()

    # ----------------------------------------------------------------- header, footer, title page
    def _draft_line(self) -> str:
        parts = [DRAFT_MARK]
        label = self.draft.get("label") or "wersja"  # e.g. "wersja do konsultacji"
        if self.draft.get("version"):
            parts.append(f"{label} {self.draft['version']}")
        elif self.draft.get("label"):
            parts.append(label)
        line = " – ".join(parts)
        if self.draft.get("date"):
            line += f" z {fmt_date(self.draft['date'])}"
        if self.draft.get("deadline"):
            line += f" – uwagi do {fmt_date(self.draft['deadline'])}"
        return line

    def _headers(self, section, kind: str):
        out = [getattr(section, kind)]
        if section.different_first_page_header_footer:
            out.append(getattr(section, f"first_page_{kind}"))
        if self.doc.settings.odd_and_even_pages_header_footer:
            out.append(getattr(section, f"even_page_{kind}"))
        return out

    def _setup_header(self, text: str) -> None:
        section = self.doc.sections[0]
        for header in self._headers(section, "header"):
            header.is_linked_to_previous = False
            paras = header.paragraphs
            blank = all(not p.text.strip() and not p._p.xpath(".//w:drawing|.//w:pict") for p in paras)
            first = paras[0] if blank and paras else header.add_paragraph()
            first.style = self.doc.styles[reference.HEADER]
            first.add_run(text)
            marks = []
            if self.demo:
                marks.append(DEMO_MARK)
            if self.draft is not None:
                marks.append(self._draft_line())
            last = first
            for m in marks:
                last = header.add_paragraph(m, style=self.doc.styles[reference.HEADER_MARK])
            _bottom_border(last)

    def _setup_footer(self) -> None:
        section = self.doc.sections[0]
        for footer in self._headers(section, "footer"):
            footer.is_linked_to_previous = False
            xml = footer._element.xml
            if re.search(r"\bPAGE\b", xml):
                continue  # the user's template numbers pages already
            paras = footer.paragraphs
            p = paras[0] if paras and not any(x.text.strip() for x in paras) else footer.add_paragraph()
            p.style = self.doc.styles[reference.FOOTER]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.add_run("Strona ")
            ooxml.add_field(p, "PAGE", "1")
            p.add_run(" z ")
            ooxml.add_field(p, "NUMPAGES", "1")

    def title_page(self, title: str | None = None, subtitle: str | None = None,
                   lines: Sequence[str] = (), place_date: str | None = None) -> None:
        """Add a title page (title, subtitle, information lines, notices) and start a new page.

        ``lines`` are e.g. the institution and the resolution; ``place_date`` e.g.
        "Kalisz, maj 2025 r.". Drafts and demo documents say so on the title page too.
        """
        p = self._para(title or self.title, reference.TITLE)
        if subtitle:
            self._para(subtitle, reference.SUBTITLE)
        for line in lines:
            self._para(line, reference.TITLE_INFO)
        if self.draft is not None:
            q = self._para(self._draft_line(), reference.TITLE_INFO)
            q.paragraph_format.space_before = Cm(1)
            _emphasise(q, "C00000")
        if self.demo:
            q = self._para(f"{DEMO_MARK} – dokument przygotowany na danych wygenerowanych, "
                           "nie na danych rzeczywistych", reference.TITLE_INFO)
            q.paragraph_format.space_before = Cm(0.5)
            _emphasise(q, "C00000")
        if place_date:
            q = self._para(place_date, reference.TITLE_INFO)
            q.paragraph_format.space_before = Cm(3)
        self._break_next = True

    # ----------------------------------------------------------------------- text blocks
    def _para(self, content: Content | None = None, style: str | None = None, refs=None):
        # The w:p is made here rather than by doc.add_paragraph() and paragraph.style: the
        # same XML (an empty w:pPr for the default style) with fewer python-docx lookups.
        sid = tables.style_id(self.doc, style or "Normal", WD_STYLE_TYPE.PARAGRAPH)
        el = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")
        if sid is not None:
            ps = OxmlElement("w:pStyle")
            ps.set(qn("w:val"), sid)
            ppr.append(ps)
        el.append(ppr)
        body = self.doc.element.body
        sect = body.sectPr
        if sect is not None:
            sect.addprevious(el)
        else:
            body.append(el)
        p = Paragraph(el, self.doc._body)
        if self._break_next:
            p.paragraph_format.page_break_before = True
            self._break_next = False
        if content is not None:
            self._fill(p, content, refs)
        return p

    def _fill(self, p, content: Content, refs: Mapping[str, Ref] | None) -> None:
        if isinstance(content, (str, Ref, Mapping)):
            content = [content]
        for item in content:
            if isinstance(item, Ref):
                self._add_ref(p, item)
            elif isinstance(item, Mapping):
                run = p.add_run(str(item.get("text", "")))
                run.bold = bool(item.get("bold")) or None
                run.italic = bool(item.get("italic")) or None
            elif isinstance(item, str):
                if refs:
                    self._fill_with_refs(p, item, refs)
                else:
                    _add_text(p, item)
            else:
                raise DocumentError(f"nieobsługiwany fragment tekstu: {type(item).__name__}")

    def _fill_with_refs(self, p, text: str, refs: Mapping[str, Ref]) -> None:
        pos = 0
        for m in re.finditer(r"\{(\w+)\}", text):
            if m.group(1) not in refs:
                continue
            if m.start() > pos:
                _add_text(p, text[pos:m.start()])
            self._add_ref(p, refs[m.group(1)])
            pos = m.end()
        if pos < len(text):
            _add_text(p, text[pos:])
        missing = [n for n in re.findall(r"\{(\w+)\}", text) if n not in refs]
        if missing:
            raise DocumentError(f"w tekście są odwołania bez celu: {', '.join(missing)}")

    def _add_ref(self, p, ref: Ref) -> None:
        if ref.name not in self._bookmarks:
            raise DocumentError(f"odwołanie do nieistniejącej zakładki „{ref.name}”")
        switch = r" \r" if ref.kind == "rozdział" and ref.number else ""
        ooxml.add_field(p, f"REF {ref.name}{switch} \\h", ref.text)

    def paragraph(self, content: Content, style: str | None = None,
                  refs: Mapping[str, Ref] | None = None):
        """Add a paragraph; return the python-docx paragraph.

        ``content`` is a string or a list of strings, :class:`Ref` objects (REF fields) and
        mappings ``{"text": ..., "bold": True, "italic": True}``. With ``refs``, ``{name}``
        placeholders in strings become REF fields to ``refs[name]``.
        """
        return self._para(content, style, refs)

    def heading(self, text: str, level: int = 1, *, bookmark: str | None = None,
                numbered: bool = True) -> Ref:
        """Add a heading (level 1-3) and return a :class:`Ref` to it (its number or text)."""
        if level not in (1, 2, 3):
            raise DocumentError(f"poziom nagłówka musi wynosić 1, 2 lub 3, podano {level}")
        p = self._para(None, reference.HEADINGS[level - 1])
        number = ""
        if numbered:
            self._heading_no[level - 1] += 1
            for k in range(level, 3):
                self._heading_no[k] = 0
            number = ".".join(str(n) for n in self._heading_no[:level])
        else:
            ooxml.set_num(p, 0)
        if bookmark is None:
            self._auto_heading += 1
            bookmark = f"_Rozdzial_{self._auto_heading}"
        self._wrap_bookmark(p, bookmark, lambda: _add_text(p, text))
        return Ref(bookmark, number or text, "rozdział", number)

    def bullets(self, items: Iterable[Content], numbered: bool = False) -> None:
        """Add a bullet list (or a numbered list starting at 1) of ``items``."""
        style = reference.LIST_NUMBER if numbered else reference.LIST_BULLET
        num_id = self._restart_numbering() if numbered else None
        for item in items:
            p = self._para(item, style)
            if num_id is not None:
                ooxml.set_num(p, num_id)

    def page_break(self) -> None:
        """Start the next block on a new page."""
        self._break_next = True

    def bookmark(self, name: str) -> Ref:
        """Add an empty bookmark ``name`` at this point (a stable id for a section)."""
        p = self._para(None)
        self._wrap_bookmark(p, name, lambda: None)
        return Ref(name, "", "zakładka")

    # ----------------------------------------------------------------------- fields
    def _field_block(self, heading: str, instruction: str) -> None:
        self._para(heading, reference.TOC_HEADING)
        p = self._para(None)
        ooxml.add_field(p, instruction, TOC_PLACEHOLDER, dirty=True, rpr=_placeholder_rpr())

    def toc(self, heading: str = "Spis treści") -> None:
        """Add the table of contents (headings 1-3)."""
        self._field_block(heading, 'TOC \\o "1-3" \\h \\z \\u')

    def list_of_tables(self, heading: str = "Spis tabel") -> None:
        """Add the list of tables (captions labelled "Tabela")."""
        self._field_block(heading, f'TOC \\h \\z \\c "{TABLE_LABEL}"')

    def list_of_figures(self, heading: str = "Spis wykresów") -> None:
        """Add the list of figures (captions labelled "Wykres")."""
        self._field_block(heading, f'TOC \\h \\z \\c "{FIGURE_LABEL}"')

    # ----------------------------------------------------------------------- tables, figures
    def _caption(self, label: str, caption: str, bookmark: str | None) -> Ref:
        if not caption or not caption.strip():
            raise DocumentError(f"{label.lower()} musi mieć tytuł")
        self._seq[label] += 1
        n = self._seq[label]
        name = bookmark or f"_{label}_{n}"
        p = self._para(None, reference.CAPTION)

        def inner():
            _add_text(p, f"{label} ")
            ooxml.add_field(p, f"SEQ {label} \\* ARABIC", str(n))

        self._wrap_bookmark(p, name, inner)
        _add_text(p, f". {caption.strip()}")
        return Ref(name, f"{label} {n}", label, str(n))

    def _source(self, source: str, note: str | None = None) -> None:
        if not source or not str(source).strip():
            raise DocumentError("pod tabelą lub wykresem musi być podane źródło danych")
        text = str(source).strip()
        if not text.lower().startswith("źródło"):
            text = f"Źródło: {text}"
        p = self._para(text, reference.SOURCE)
        if note:
            p.add_run().add_break()
            _add_text(p, note)

    def table(self, df: pd.DataFrame, caption: str, source: str, *, formats=None,
              landscape: bool = False, widths: Sequence[float] | None = None,
              bookmark: str | None = None,
              row_decimals: Sequence[int | None] | None = None) -> Ref:
        """Add a numbered caption, the table of ``df`` and its source line; return a :class:`Ref`.

        ``formats`` maps columns to decimals (int) or to a callable formatting one value;
        ``row_decimals`` gives decimals per row (rows of different indicators);
        ``widths`` gives column widths in cm; ``landscape`` puts the table on landscape pages.
        """
        if landscape:
            self._new_section(landscape=True)
        ref = self._caption(TABLE_LABEL, caption, bookmark)
        _, has_missing = tables.add_table(self.doc, df, text_width=self._text_width(),
                                          formats=formats, widths=widths,
                                          row_decimals=row_decimals)
        self._source(source, tables.MISSING_NOTE if has_missing else None)
        if landscape:
            self._new_section(landscape=False)
        return ref

    def figure(self, png: bytes, caption: str, source: str, width_cm: float = 16,
               bookmark: str | None = None) -> Ref:
        """Add a numbered caption, the picture ``png`` and its source line; return a :class:`Ref`."""
        if not isinstance(png, (bytes, bytearray)) or not png:
            raise DocumentError("wykres musi być obrazem PNG podanym jako bajty")
        ref = self._caption(FIGURE_LABEL, caption, bookmark)
        p = self._para(None, reference.FIGURE)
        width = min(int(Cm(width_cm)), self._text_width())
        run = p.add_run()
        part = self.doc.part
        try:
            # What run.add_picture() does, except the shape id: python-docx finds the next
            # one by reading every id attribute of the document (an XPath over the whole body
            # for each figure); Report keeps the count after the first figure.
            rid, image = self._get_or_add_image(bytes(png))
        except UnrecognizedImageError as exc:
            raise DocumentError(f"nie rozpoznano obrazu wykresu „{caption}”: {exc}") from exc
        cx, cy = image.scaled_dimensions(Emu(width), None)
        if self._shape_id is None:
            self._shape_id = part.next_id
        inline = CT_Inline.new_pic_inline(self._shape_id, rid, image.filename, cx, cy)
        self._shape_id += 1
        run._r.add_drawing(inline)
        docpr = inline.docPr
        docpr.set("descr", f"{ref.text}. {caption}")
        docpr.set("name", ref.text)
        self._source(source)
        return ref

    def _get_or_add_image(self, blob: bytes):
        """Return (rId, image) of the picture ``blob``, as ``part.get_or_add_image()`` does.

        python-docx looks for an equal picture by hashing every image part of the package
        again for each new one (a diagnosis has 15 charts); the parts' hashes are kept here
        and read again only when something else has added an image part.
        """
        part = self.doc.part
        try:
            parts = part.package.image_parts
            add_part = parts._add_image_part
        except AttributeError:  # a python-docx without these internals
            return part.get_or_add_image(io.BytesIO(blob))
        image = Image.from_blob(blob)
        if self._image_parts is None or self._image_parts[0] != len(parts):
            by_sha1: dict = {}
            for ip in parts:
                by_sha1.setdefault(ip.sha1, ip)   # the first equal part, as python-docx finds it
            self._image_parts = (len(parts), by_sha1)
        by_sha1 = self._image_parts[1]
        sha1 = image.sha1
        image_part = by_sha1.get(sha1)
        if image_part is None:
            image_part = by_sha1[sha1] = add_part(image)
            self._image_parts = (len(parts), by_sha1)
        return part.relate_to(image_part, RT.IMAGE), image_part.image

    # ----------------------------------------------------------------------- save
    def save(self, path: str | Path, paginate: bool = False) -> Path:
        """Write the document to ``path`` atomically and deterministically; return the path.

        The table of contents and the lists of tables and figures get their entries now (see
        :mod:`.toc`); their page numbers stay empty unless ``paginate`` is true, which lays the
        document out with LibreOffice (slow: two or three conversions to PDF) to find them.
        """
        set_core(self.doc, title=self.title, subject=self.subject, author=self.author,
                 keywords=self.keywords, when=self.when)
        if self.custom_props:
            set_custom(self.doc, self.custom_props)
        ooxml.set_update_fields(self.doc.settings.element)
        if paginate:
            toc.paginate(self.doc)
        else:
            toc.fill_tocs(self.doc)
        return write_docx(self.doc, path)

    # ----------------------------------------------------------------------- internals
    def _max_bookmark_id(self) -> int:
        ids = [int(x) for x in self.doc.element.xpath("//w:bookmarkStart/@w:id") if x.isdigit()]
        return max(ids, default=0)

    def _wrap_bookmark(self, p, name: str, inner) -> None:
        if not ooxml.BOOKMARK_RE.match(name):
            raise DocumentError(f"nieprawidłowa nazwa zakładki „{name}”: dozwolone są litery "
                                "łacińskie bez znaków diakrytycznych, cyfry i podkreślenia "
                                "(do 40 znaków), na początku litera")
        if name in self._bookmarks:
            raise DocumentError(f"zakładka „{name}” została już użyta w dokumencie")
        self._bookmarks.add(name)
        bid = self._bookmark_id
        self._bookmark_id += 1
        p._p.append(ooxml.bookmark_start(name, bid))
        inner()
        p._p.append(ooxml.bookmark_end(bid))

    def _text_width(self) -> int:
        # The body's own w:sectPr is the last section (doc.sections runs an XPath over the body).
        sect = self.doc.element.body.sectPr
        s = Section(sect, self.doc.part) if sect is not None else self.doc.sections[-1]
        return int(s.page_width - s.left_margin - s.right_margin)

    def _new_section(self, landscape: bool) -> None:
        body = self.doc.element.body
        sentinel = body.sectPr
        prev = sentinel.getprevious()
        if prev is None or prev.tag != qn("w:p") or (prev.pPr is not None and prev.pPr.sectPr is not None):
            prev = body.add_p()
        prev.set_sectPr(sentinel.clone())
        for ref in sentinel.xpath("w:headerReference|w:footerReference"):
            sentinel.remove(ref)
        title_pg = sentinel.find(qn("w:titlePg"))
        if title_pg is not None:  # a title page exists only in the first section
            sentinel.remove(title_pg)
        sec = self.doc.sections[-1]
        w, h = sec.page_width, sec.page_height
        if landscape != (w > h):
            sec.page_width, sec.page_height = h, w
        sec.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT

    def _abstract_of_style(self, style_name: str) -> int | None:
        el = self.doc.styles[style_name].element
        num = el.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if num is None:
            return None
        numbering = self.doc.part.numbering_part.element
        n = numbering.num_having_numId(int(num.get(qn("w:val"))))
        return n.abstractNumId.val

    def _restart_numbering(self) -> int | None:
        if self._numbered_abstract is None:
            return None
        numbering = self.doc.part.numbering_part.element
        num = numbering.add_num(self._numbered_abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return num.numId


def _resolve_date(value) -> datetime:
    if value is None:
        return FIXED_DATE
    if isinstance(value, str):
        if value == "today":
            t = _date.today()
            return datetime(t.year, t.month, t.day)
        try:
            value = _date.fromisoformat(value[:10])
        except ValueError as exc:
            raise DocumentError(f"nieprawidłowa data dokumentu „{value}” (oczekiwano RRRR-MM-DD "
                                "lub 'today')") from exc
    if isinstance(value, datetime):
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, _date):
        return datetime(value.year, value.month, value.day)
    raise DocumentError(f"nieprawidłowa data dokumentu: {value!r}")


def _add_text(p, text: str) -> None:
    """Append a run of ``text`` to paragraph ``p``, as ``p.add_run(text)`` does.

    Plain text (no tab or line break) is written as one ``w:t`` directly: python-docx's run
    appender handles the text character by character, a noticeable share of a document with
    hundreds of paragraphs.
    """
    if not text or "\t" in text or "\n" in text or "\r" in text:
        p.add_run(text)
        return
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    if len(text.strip()) < len(text):
        t.set(qn("xml:space"), "preserve")
    t.text = text
    r.append(t)
    p._p.append(r)


def _placeholder_rpr():
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:i"))
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "7F7F7F")
    rpr.append(color)
    return rpr


def _bottom_border(p) -> None:
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "4"), ("w:space", "4"), ("w:color", "8EA9DB")):
        bottom.set(qn(k), v)
    bdr.append(bottom)
    ooxml.insert_ppr_child(ppr, bdr)


def _emphasise(p, color: str) -> None:
    from docx.shared import RGBColor
    for run in p.runs:
        run.bold = True
        run.font.color.rgb = RGBColor.from_string(color)
