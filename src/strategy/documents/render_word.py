"""Blocks into Word: the one place where a document's content becomes .docx paragraphs.

In: a list of blocks (:mod:`.blocks`) and a :class:`.report.Report` with its front matter
(title page, table of contents) already written. Out: the blocks added to the report in their
order - headings numbered and bookmarked, captions numbered, cross-references as REF fields to
the tables, figures and headings they name - and {block id: :class:`.report.Ref`} of what was
written, so that later blocks (an author's "zob. {ankieta}") can refer to earlier ones.

Before writing, the page plan (:mod:`.flow`) lays out every table once: the tables too wide for
a portrait page go on landscape pages together with the short text around them and the wide
tables near them, and a page break that would end a page of a few lines is left out.

With ``section_bookmarks`` (consultation drafts) every numbered heading gets a ``sec_<id>``
bookmark: its number ("3.2" -> ``sec_3_2``), or its ``section_id`` with ``{chapter}`` replaced
by the number of the chapter it stands in (goals: ``sec_8_1``), so that a returned draft's
remarks can be placed (:mod:`strategy.consultation`). (A draft's unnumbered headings - its
annexes - carry bookmarks of their own.)
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..errors import DocumentError
from .blocks import (
    Block,
    Box,
    Bullets,
    Figure,
    Heading,
    PageBreak,
    Paragraph,
    RefTo,
    Run,
    Slot,
    Table,
)
from . import flow, tables
from .report import Ref, Report

#: Prefix of the section bookmarks of consultation drafts.
SECTION_PREFIX = "sec_"


def render(blocks: Sequence[Block], rep: Report, *, refs: dict[str, Ref] | None = None,
           section_bookmarks: bool = False) -> dict[str, Ref]:
    """Add ``blocks`` to ``rep``; return ``refs`` (id -> Ref) with the targets written.

    A :class:`.blocks.Slot` left in the list writes nothing (the document object puts the
    author's content in its place before rendering).
    """
    refs = {} if refs is None else refs
    blocks = list(blocks)
    starts, ends, skip, layouts = _landscape_plan(blocks, rep)
    inside = False
    for pos, block in enumerate(blocks):
        if pos in starts:
            rep.landscape_begin()
            inside = True
        if pos not in skip:     # a table outside a landscape part: laid out as planned
            _render_one(block, rep, refs, section_bookmarks,
                        None if inside else layouts.get(pos))
        if pos in ends:
            rep.landscape_end()
            inside = False
    return refs


def _landscape_plan(blocks: list[Block], rep: Report
                    ) -> tuple[set[int], set[int], set[int], dict[int, tables.Layout]]:
    """Return the positions where landscape parts begin and end (:func:`.flow.landscape_parts`,
    from the tables' measured layouts), those of the page breaks to leave out
    (:func:`.flow.short_breaks`) and the layouts by position."""
    layouts = {i: rep.table_layout(b.frame, formats=b.format_map(),
                                   widths=list(b.widths) if b.widths is not None else None,
                                   row_decimals=list(b.row_decimals)
                                   if b.row_decimals is not None else None)
               for i, b in enumerate(blocks) if isinstance(b, Table)}
    page, fresh = rep.page_size(), rep.at_page_start()
    parts = flow.landscape_parts(blocks, layouts, page, fresh=fresh)
    skip = flow.short_breaks(blocks, layouts, page, parts, fresh=fresh)
    return {a for a, _ in parts}, {b for _, b in parts}, skip, layouts


def _render_one(block: Block, rep: Report, refs: dict[str, Ref], section_bookmarks: bool,
                layout: tables.Layout | None = None) -> None:
    """Add one block to ``rep`` (a table with its ``layout`` when planned already)."""
    if isinstance(block, Heading):
        bookmark = block.bookmark
        if bookmark is None and section_bookmarks and (block.numbered or block.section_id):
            bookmark = section_bookmark(rep, block)
        ref = rep.heading(block.text, block.level, bookmark=bookmark, numbered=block.numbered)
        _remember(refs, block.id, ref)
    elif isinstance(block, Paragraph):
        style = block.style if block.style and rep.has_style(block.style) else None
        rep.paragraph(content(block.runs, refs), style)
    elif isinstance(block, Bullets):
        rep.bullets([content(i, refs) for i in block.items], numbered=block.numbered)
    elif isinstance(block, Box):
        rep.note_box(block.title, [content(p, refs) for p in block.paragraphs])
    elif isinstance(block, PageBreak):
        rep.page_break()
    elif isinstance(block, Table):
        ref = rep.table(block.frame, block.caption, block.source, formats=block.format_map(),
                        widths=list(block.widths) if block.widths is not None else None,
                        bookmark=block.bookmark,
                        row_decimals=list(block.row_decimals)
                        if block.row_decimals is not None else None,
                        groups=[r for r in block.bold_rows if r != -1], layout=layout)
        if block.bold_rows:
            _bold_rows(rep, block.bold_rows)
        _remember(refs, block.id, ref)
    elif isinstance(block, Figure):
        ref = rep.figure(block.png, block.caption, block.source, width_cm=block.width_cm,
                         bookmark=block.bookmark)
        _remember(refs, block.id, ref)
    elif isinstance(block, Slot):
        return
    else:
        raise DocumentError(f"nieznany rodzaj bloku: {type(block).__name__}")


def section_bookmark(rep: Report, block: Heading) -> str:
    """Return the ``sec_<id>`` bookmark of a heading about to be written."""
    if block.section_id:
        chapter = rep.current_heading_number(1)
        return SECTION_PREFIX + block.section_id.format(chapter=chapter).replace(".", "_")
    return SECTION_PREFIX + rep.next_heading_number(block.level).replace(".", "_")


def content(items: Sequence, refs: Mapping[str, Ref]) -> list:
    """Return runs and references as :meth:`.report.Report.paragraph` takes them."""
    out: list = []
    for r in items:
        if isinstance(r, RefTo):
            if r.target not in refs:
                raise DocumentError(f"odwołanie do „{r.target}”, którego nie ma w dokumencie "
                                    "przed tym miejscem (tabelę, wykres lub rozdział trzeba "
                                    "dodać wcześniej niż tekst, który je przywołuje)")
            out.append(refs[r.target])
        elif isinstance(r, Run):
            if r.brk:
                out.append({"break": True})
            elif r.link:
                out.append({"text": r.text, "link": r.link, "bold": r.bold, "italic": r.italic})
            else:
                out.append({"text": r.text, "bold": r.bold, "italic": r.italic, "code": r.code})
    return out or [""]


def _remember(refs: dict, block_id: str | None, ref: Ref) -> None:
    if block_id:
        refs[block_id] = ref


def _bold_rows(rep: Report, rows: Sequence[int]) -> None:
    """Print body rows ``rows`` of the table just written in bold (python-docx's runs)."""
    table = rep.doc.tables[-1]
    body = table.rows[1:]   # the first row is the header
    for i in rows:
        for cell in body[i].cells:
            for para in cell.paragraphs:
                for run in para.runs:
                    run.bold = True
