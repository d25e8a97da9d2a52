"""The Word engine: a :class:`Report` is built block by block and saved as a .docx.

In: headings, paragraphs (text with bold/italic runs and cross-references), bullet and numbered
lists, pandas DataFrames for tables, PNG bytes for figures, with their captions and sources.
Out: a Word-native document on the reference template (or a user's template): numbered headings,
a table of contents and lists of tables and figures as Word's TOC fields, which Word's "Update
table" and LibreOffice's "Update index" rebuild, saved with their entries linked to the headings
and captions and PAGEREF fields for the page numbers (see :mod:`.toc`),
captions "Tabela 3. ..." / "Wykres 2. ..." above each table/figure with SEQ fields whose cached
numbers are already right, bookmarks and REF fields for cross-references ("zob. Tabela 3"), a
source line under every table and figure, column widths from the measured widths of the texts
and landscape sections for wide tables, every text set by the rules of Polish typography
(:func:`strategy.text.typography.typeset`), a header with the
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
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.image.exceptions import UnrecognizedImageError
from docx.shared import Cm, Emu, RGBColor

from .. import DEMO_MARK
from ..errors import DocumentError
from ..text import fmt_date
from ..text.typography import typeset
from . import ooxml, reference, tables, toc
from .package import FIXED_DATE, write_docx
from .properties import set_core, set_custom
from .tables import add_text
from .template import open_template

TABLE_LABEL = "Tabela"
FIGURE_LABEL = "Wykres"
DRAFT_MARK = "PROJEKT"
#: Height of the space left at the top of a cover for the coat of arms (a template without a
#: picture in its first-page header).
ARMS_HEIGHT_CM = 3.5
#: Line and shading colours of a note box ("Wnioski").
BOX_BORDER, BOX_FILL = "8EA9DB", "EEF3FA"
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
        self._styles: dict[str, object] = {}
        self._keeps: dict[str, bool] = {}
        self._bookmark_id = ooxml.max_bookmark_id(self.doc) + 1
        self._bookmarks: set[str] = set()
        self._seq = {TABLE_LABEL: 0, FIGURE_LABEL: 0}
        self._heading_no = [0, 0, 0]
        self._auto_heading = 0
        self._break_next = False
        self._landscape = False
        self._numbered_abstract = ooxml.style_abstract_numbering(self.doc, reference.LIST_NUMBER)
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
        first_page = section.different_first_page_header_footer
        self._first_header_added = []   # what the header of a template's first page got here
        for k, header in enumerate(self._headers(section, "header")):
            header.is_linked_to_previous = False
            paras = header.paragraphs
            blank = all(not p.text.strip() and not ooxml.has_picture(p) for p in paras)
            first = paras[0] if blank and paras else header.add_paragraph()
            first.style = self.doc.styles[reference.HEADER]
            add_text(first, text)
            added = [first]
            marks = []
            if self.demo:
                marks.append(DEMO_MARK)
            if self.draft is not None:
                marks.append(self._draft_line())
            last = first
            for m in marks:
                last = header.add_paragraph(typeset(m), style=self.doc.styles[reference.HEADER_MARK])
                added.append(last)
            _bottom_border(last)
            if first_page and k == 1:
                self._first_header_added = [ooxml.p_element(p) for p in added]

    def _cover_header(self) -> bool:
        """Give the first page (the cover) its own header and footer, without the running
        header: empty, or the template's own first-page header (with its pictures - the coat of
        arms - and without the title this report put there). Return whether that header holds
        a picture."""
        section = self.doc.sections[0]
        if not section.different_first_page_header_footer:
            section.different_first_page_header_footer = True
            for part in (section.first_page_header, section.first_page_footer):
                part.is_linked_to_previous = False       # an empty header and footer of its own
            return False
        header = section.first_page_header
        for el in self._first_header_added:
            el.getparent().remove(el)
        self._first_header_added = []
        if not header.paragraphs:
            header.add_paragraph()                       # a header holds at least a paragraph
        return any(ooxml.has_picture(p) for p in header.paragraphs)

    def _setup_footer(self) -> None:
        section = self.doc.sections[0]
        for footer in self._headers(section, "footer"):
            footer.is_linked_to_previous = False
            if any(re.search(r"\bPAGE\b", i) for p in footer.paragraphs
                   for i in ooxml.field_instructions(p)):
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
                   lines: Sequence[str] = (), place_date: str | None = None,
                   annex_line: str | None = None) -> None:
        """Add a title page (title, subtitle, information lines, notices) and start a new page.

        ``lines`` are e.g. the institution; ``place_date`` e.g. "Kalisz, maj 2025 r.";
        ``annex_line`` the line at the top naming the resolution the document is the annex of
        ("Załącznik do uchwały nr … Rady … z dnia …"). The cover has no running header (its
        own first-page header: the template's, with the coat of arms, or an empty one); without
        a picture in the template's first-page header a space of :data:`ARMS_HEIGHT_CM` at the
        top is left for the coat of arms. Drafts and demo documents say so on the title page.
        """
        arms = self._cover_header()
        if annex_line:
            q = self._para(annex_line, reference.TITLE_INFO)
            q.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if not arms:
            q = self._para(None, reference.TITLE_INFO)   # room for the coat of arms
            q.paragraph_format.line_spacing = Cm(ARMS_HEIGHT_CM)
            q.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        self._para(title or self.title, reference.TITLE)
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
    def _style(self, name: str):
        """Return the style ``name`` of the document, or None for the default paragraph style
        (looked up once per name)."""
        if name not in self._styles:
            style = self.doc.styles[name]
            default = self.doc.styles.default(style.type)
            self._styles[name] = None if default is not None and style.style_id == default.style_id else style
        return self._styles[name]

    def _para(self, content: Content | None = None, style: str | None = None, refs=None):
        p = self.doc.add_paragraph()
        chosen = self._style(style or "Normal")
        if chosen is not None:
            p.style = chosen
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
                if item.get("link"):
                    ooxml.add_hyperlink(p, str(item["link"]), typeset(str(item.get("text", ""))),
                                        bold=bool(item.get("bold")), italic=bool(item.get("italic")))
                    continue
                if item.get("break"):
                    p.add_run().add_break()
                    continue
                text = str(item.get("text", ""))
                # code is shown as written; any other text is set by the typography rules
                run = p.add_run(text) if item.get("code") else add_text(p, text)
                run.bold = bool(item.get("bold")) or None
                run.italic = bool(item.get("italic")) or None
                if item.get("code"):
                    run.font.name = "Liberation Mono"
            elif isinstance(item, str):
                if refs:
                    self._fill_with_refs(p, item, refs)
                else:
                    add_text(p, item)
            else:
                raise DocumentError(f"nieobsługiwany fragment tekstu: {type(item).__name__}")

    def _fill_with_refs(self, p, text: str, refs: Mapping[str, Ref]) -> None:
        pos = 0
        for m in re.finditer(r"\{(\w+)\}", text):
            if m.group(1) not in refs:
                continue
            if m.start() > pos:
                add_text(p, text[pos:m.start()])
            self._add_ref(p, refs[m.group(1)])
            pos = m.end()
        if pos < len(text):
            add_text(p, text[pos:])
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

    def has_style(self, name: str) -> bool:
        """Return True when the document (its template) has a style called ``name``."""
        return any(s.name == name for s in self.doc.styles)

    def note_box(self, title: str, content: Sequence[Content]) -> None:
        """Add a framed, shaded box: a bold ``title`` line ("Wnioski") and the paragraphs of
        ``content`` (each a string or a list of runs, as :meth:`paragraph` takes)."""
        paras = [self._para({"text": title, "bold": True})]
        paras[0].paragraph_format.keep_with_next = True
        for item in content:
            paras.append(self._para(item))
        for p in paras:
            ooxml.add_box(p, BOX_BORDER, BOX_FILL)

    def next_heading_number(self, level: int) -> str:
        """Return the number ("3.2") the next numbered heading of ``level`` will get."""
        numbers = self._heading_no[:level]
        numbers[level - 1] += 1
        return ".".join(str(n) for n in numbers)

    def current_heading_number(self, level: int) -> str:
        """Return the number of the last numbered heading of ``level`` ("3" for chapter 3)."""
        return ".".join(str(n) for n in self._heading_no[:level])

    def heading(self, text: str, level: int = 1, *, bookmark: str | None = None,
                numbered: bool = True) -> Ref:
        """Add a heading (level 1-3) and return a :class:`Ref` to it (its number or text)."""
        if level not in (1, 2, 3):
            raise DocumentError(f"poziom nagłówka musi wynosić 1, 2 lub 3, podano {level}")
        p = self._para(None, reference.HEADINGS[level - 1])
        self._keep_with_next(p, reference.HEADINGS[level - 1])
        number = ""
        if numbered:
            self._heading_no[level - 1] += 1
            for k in range(level, 3):
                self._heading_no[k] = 0
            number = ".".join(str(n) for n in self._heading_no[:level])
        else:
            ooxml.set_numbering(p, 0)
        if bookmark is None:
            self._auto_heading += 1
            bookmark = f"_Rozdzial_{self._auto_heading}"
        self._wrap_bookmark(p, bookmark, lambda: add_text(p, text))
        return Ref(bookmark, number or text, "rozdział", number)

    def bullets(self, items: Iterable[Content], numbered: bool = False) -> None:
        """Add a bullet list (or a numbered list starting at 1) of ``items``."""
        style = reference.LIST_NUMBER if numbered else reference.LIST_BULLET
        num_id = self._restart_numbering() if numbered else None
        for item in items:
            p = self._para(item, style)
            if num_id is not None:
                ooxml.set_numbering(p, num_id)

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
        """Add ``heading`` and a TOC field ``instruction`` whose result :meth:`save` fills with
        the entries the field lists (:func:`.toc.fill_tocs`)."""
        self._para(heading, reference.TOC_HEADING)
        p = self._para(None)
        ooxml.add_field(p, instruction, TOC_PLACEHOLDER, dirty=True)

    def toc(self, heading: str = "Spis treści") -> None:
        """Add the table of contents: ``heading`` and a TOC field of the headings 1-3."""
        self._field_block(heading, 'TOC \\o "1-3" \\h \\z \\u')

    def list_of_tables(self, heading: str = "Spis tabel") -> None:
        """Add the list of tables: ``heading`` and a TOC field of the captions with a
        ``SEQ Tabela`` field ("Tabela 3. ...")."""
        self._field_block(heading, f'TOC \\h \\z \\c "{TABLE_LABEL}"')

    def list_of_figures(self, heading: str = "Spis wykresów") -> None:
        """Add the list of figures: ``heading`` and a TOC field of the captions with a
        ``SEQ Wykres`` field ("Wykres 2. ...")."""
        self._field_block(heading, f'TOC \\h \\z \\c "{FIGURE_LABEL}"')

    # ----------------------------------------------------------------------- tables, figures
    def _caption(self, label: str, caption: str, bookmark: str | None) -> Ref:
        if not caption or not caption.strip():
            raise DocumentError(f"{label.lower()} musi mieć tytuł")
        self._seq[label] += 1
        n = self._seq[label]
        name = bookmark or f"_{label}_{n}"
        p = self._para(None, reference.CAPTION)
        self._keep_with_next(p, reference.CAPTION)

        def inner():
            add_text(p, f"{label} ")
            ooxml.add_field(p, f"SEQ {label} \\* ARABIC", str(n))

        self._wrap_bookmark(p, name, inner)
        add_text(p, f". {caption.strip()}")
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
            add_text(p, note)

    def table(self, df: pd.DataFrame, caption: str, source: str, *, formats=None,
              landscape: bool = False, widths: Sequence[float] | None = None,
              bookmark: str | None = None,
              row_decimals: Sequence[int | None] | None = None,
              groups: Sequence[int] = (), layout: tables.Layout | None = None) -> Ref:
        """Add a numbered caption, the table of ``df`` and its source line; return a :class:`Ref`.

        ``formats`` maps columns to decimals (int) or to a callable formatting one value;
        ``row_decimals`` gives decimals per row (rows of different indicators); ``widths``
        gives column widths in cm, as hints: a column never gets narrower than its longest
        header word, number or word (:func:`.tables.layout_table`). A table too wide for a
        portrait page goes on a landscape page by itself (or gets a smaller font); one that
        fits stays portrait whatever ``landscape`` says. Headings right before a landscape
        table move to its page. Inside a landscape part (:meth:`landscape_begin`) the table
        takes the landscape width. The caption keeps with the first rows, a short table is
        kept whole, ``groups`` (body rows opening a group, e.g. a goal's row before its
        directions) keep together (:func:`.tables.keep_rows`). ``layout``: what
        :meth:`table_layout` returned for the same table here (not computed again).
        """
        if layout is None:
            layout = self.table_layout(df, formats=formats, widths=widths,
                                       row_decimals=row_decimals)
        alone = layout.landscape and not self._landscape
        if alone:
            self._new_section(landscape=True)
        ref = self._caption(TABLE_LABEL, caption, bookmark)
        keep = tables.keep_rows(layout, self._text_height() / 20, groups)
        tables.write_table(self.doc, layout, keep)
        self._source(source, tables.MISSING_NOTE if layout.has_missing else None)
        if alone:
            self._new_section(landscape=False)
        return ref

    def table_layout(self, df: pd.DataFrame, *, formats=None,
                     widths: Sequence[float] | None = None,
                     row_decimals: Sequence[int | None] | None = None) -> tables.Layout:
        """Return how :meth:`table` would lay out ``df`` here (:func:`.tables.layout_table`):
        in a landscape part on its width, else on the portrait width with a landscape page
        when the measured columns need it."""
        return tables.layout_table(
            df, text_width=self._text_width(),
            landscape_width=None if self._landscape else self._landscape_text_width(),
            formats=formats, widths=widths, row_decimals=row_decimals)

    def landscape_begin(self) -> None:
        """Start a landscape part: what follows, tables and text, goes on landscape pages until
        :meth:`landscape_end` (a wide table with its neighbours, see :mod:`.flow`)."""
        if not self._landscape:
            self._new_section(landscape=True)
            self._landscape = True

    def landscape_end(self) -> None:
        """End the landscape part: what follows goes on portrait pages again."""
        if self._landscape:
            self._new_section(landscape=False)
            self._landscape = False

    def at_page_start(self) -> bool:
        """Return True when the next block starts a page: nothing written yet in the body, or
        a page break asked for (the front matter ends with one)."""
        return self._break_next or ooxml.body_is_empty(self.doc)

    def page_size(self) -> tuple[float, float, float, float]:
        """Return the text width and height (points) of a portrait and of a landscape page."""
        s = self.doc.sections[-1]
        w = (min(s.page_width, s.page_height) - s.left_margin - s.right_margin) / 12700
        h = (max(s.page_width, s.page_height) - s.top_margin - s.bottom_margin) / 12700
        lw = (max(s.page_width, s.page_height) - s.left_margin - s.right_margin) / 12700
        lh = (min(s.page_width, s.page_height) - s.top_margin - s.bottom_margin) / 12700
        return w, h, lw, lh

    def figure(self, png, caption: str, source: str, width_cm: float = 16,
               bookmark: str | None = None) -> Ref:
        """Add a numbered caption, the picture ``png`` and its source line; return a :class:`Ref`.

        ``png`` is the picture as bytes (e.g. ``strategy.charts`` PNG bytes), a path or a
        binary stream (python-docx's ``run.add_picture``).
        """
        if isinstance(png, (bytes, bytearray)):
            if not png:
                raise DocumentError("wykres musi być obrazem PNG (podano puste bajty)")
            picture = io.BytesIO(bytes(png))
        elif isinstance(png, (str, Path)) or hasattr(png, "read"):
            picture = str(png) if isinstance(png, Path) else png
        else:
            raise DocumentError(f"wykres musi być obrazem PNG: bajtami, ścieżką pliku albo "
                                f"strumieniem, a podano {type(png).__name__}")
        ref = self._caption(FIGURE_LABEL, caption, bookmark)
        p = self._para(None, reference.FIGURE)
        width = min(int(Cm(width_cm)), self._text_width())
        try:
            shape = p.add_run().add_picture(picture, width=Emu(width))
        except UnrecognizedImageError as exc:
            raise DocumentError(f"nie rozpoznano obrazu wykresu „{caption}”: {exc}") from exc
        except OSError as exc:
            raise DocumentError(f"nie można odczytać obrazu wykresu „{caption}”: {exc}") from exc
        ooxml.describe_picture(shape, ref.text, f"{ref.text}. {caption}")
        self._source(source)
        return ref

    # ----------------------------------------------------------------------- save
    def save(self, path: str | Path) -> Path:
        """Write the document to ``path`` atomically and deterministically; return the path.

        The TOC fields - the table of contents and the lists of tables and figures - get their
        entries now as their result (see :mod:`.toc`), page numbers left to Word's update on
        opening and to LibreOffice's index update (:func:`.toc.paginate_docx` writes the numbers
        LibreOffice finds into the file); a list with nothing to list is left out with its
        heading.
        """
        set_core(self.doc, title=self.title, subject=self.subject, author=self.author,
                 keywords=self.keywords, when=self.when)
        if self.custom_props:
            set_custom(self.doc, self.custom_props)
        ooxml.set_update_fields(self.doc.settings.element)
        toc.fill_tocs(self.doc, drop_empty=True)
        return write_docx(self.doc, path)

    # ----------------------------------------------------------------------- internals
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
        ooxml.add_bookmark_start(p, name, bid)
        inner()
        ooxml.add_bookmark_end(p, bid)

    def _keep_with_next(self, p, style: str) -> None:
        """Keep ``p`` (a heading or a caption) on the page of what follows it: by its style (the
        reference template's styles do), else - a user's template - by the paragraph itself."""
        if style not in self._keeps:
            chosen = self._style(style)
            self._keeps[style] = bool(chosen is not None and chosen.paragraph_format.keep_with_next)
        if not self._keeps[style]:
            p.paragraph_format.keep_with_next = True

    def _text_width(self) -> int:
        s = self.doc.sections[-1]
        return int(s.page_width - s.left_margin - s.right_margin)

    def _text_height(self) -> int:
        """The text height of the current page (twips)."""
        s = self.doc.sections[-1]
        return int(s.page_height - s.top_margin - s.bottom_margin) // 635

    def _landscape_text_width(self) -> int:
        s = self.doc.sections[-1]
        return int(max(s.page_width, s.page_height) - s.left_margin - s.right_margin)

    def _new_section(self, landscape: bool) -> None:
        sec = self.doc.add_section(WD_SECTION.NEW_PAGE)
        # headings just before the break would be left alone at the bottom of the last page
        ooxml.move_headings_past_section_break(
            self.doc, {self.doc.styles[h].style_id for h in reference.HEADINGS})
        sec.different_first_page_header_footer = False   # a title page only in the first section
        w, h = sec.page_width, sec.page_height
        if landscape != (w > h):
            sec.page_width, sec.page_height = h, w
        sec.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        self._break_next = False        # the new section starts a new page already

    def _restart_numbering(self) -> int | None:
        if self._numbered_abstract is None:
            return None
        return ooxml.restart_numbering(self.doc, self._numbered_abstract)


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


def _bottom_border(p) -> None:
    ooxml.add_bottom_border(p, "8EA9DB")


def _emphasise(p, color: str) -> None:
    for run in p.runs:
        run.bold = True
        run.font.color.rgb = RGBColor.from_string(color)
