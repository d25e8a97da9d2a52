"""Blocks as a notebook shows them: HTML of the same headings, paragraphs, tables and figures
the Word file holds.

In: a list of blocks (:mod:`.blocks`), the numbering of the blocks before them in the document
(:class:`.blocks.Numbering`) and the labels of the targets written before ("Tabela 3"). Out:
an HTML fragment - headings with their numbers, paragraphs with bold/italic runs, links and
references resolved to their labels ("zob. Tabela 7"), tables with the cell texts Word shows
(:func:`strategy.text.cells.cell_texts`: Polish number format, "–" for missing values) under
the caption "Tabela N. ..." and over the source line, figures as embedded PNG under "Wykres N.
...", framed boxes. :class:`BlocksView` is what a notebook cell displays
(``_repr_html_`` / ``_repr_mimebundle_``).

Marks the acceptance test reads: each table is ``<table class="strategy-table">`` with its
``<caption>``, each figure ``<figure class="strategy-figure">`` with one ``<img>`` and its
``<figcaption>``.
"""
from __future__ import annotations

import base64
import html
from collections.abc import Sequence

from ..text import TextError, cells
from ..text.typography import typeset
from .blocks import (
    Block,
    Box,
    Bullets,
    Figure,
    Heading,
    Numbering,
    PageBreak,
    Paragraph,
    RefTo,
    Run,
    Slot,
    Table,
)

_STYLE = ("<style>.strategy-doc table.strategy-table{border-collapse:collapse;margin:.3em 0}"
          ".strategy-doc table.strategy-table td,.strategy-doc table.strategy-table th"
          "{border:1px solid #8EA9DB;padding:2px 6px;font-size:90%}"
          ".strategy-doc td.num{text-align:right}"
          ".strategy-doc caption,.strategy-doc figcaption{caption-side:top;text-align:left;"
          "font-weight:bold;padding:.2em 0}"
          ".strategy-doc .source{font-size:85%;color:#555}"
          ".strategy-doc .box{border:1px solid #8EA9DB;background:#EEF3FA;padding:.3em .8em}"
          "</style>")


def render_html(blocks: Sequence[Block], numbering: Numbering | None = None,
                labels: dict[str, str] | None = None) -> str:
    """Return ``blocks`` as HTML; ``numbering`` and ``labels`` (id -> "Tabela 3") carry on
    from the blocks before them and are updated."""
    numbering = numbering if numbering is not None else Numbering()
    labels = labels if labels is not None else {}
    out: list[str] = []
    for b in blocks:
        label = _label(b, numbering, labels)
        if isinstance(b, Heading):
            level = b.level + 1   # h1 is the notebook's own title
            number = f"{label} " if label else ""
            out.append(f"<h{level}>{_e(number + b.text)}</h{level}>")
        elif isinstance(b, Paragraph):
            out.append(f"<p>{_inline(b.runs, labels)}</p>")
        elif isinstance(b, Bullets):
            tag = "ol" if b.numbered else "ul"
            items = "".join(f"<li>{_inline(i, labels)}</li>" for i in b.items)
            out.append(f"<{tag}>{items}</{tag}>")
        elif isinstance(b, Box):
            paras = "".join(f"<p>{_inline(p, labels)}</p>" for p in b.paragraphs)
            out.append(f'<div class="box"><p><b>{_e(b.title)}</b></p>{paras}</div>')
        elif isinstance(b, Table):
            out.append(_table(b, label))
        elif isinstance(b, Figure):
            data = base64.b64encode(b.png).decode("ascii")
            out.append(f'<figure class="strategy-figure"><figcaption>'
                       f'{_e(caption_text(label, b.caption))}</figcaption><img src="data:image/png;base64,{data}" '
                       f'alt="{_e(label)}" style="max-width:{b.width_cm / 16 * 100:.0f}%"/>'
                       f'<div class="source">{_e(_source(b.source))}</div></figure>')
        elif isinstance(b, PageBreak):
            out.append("<hr/>")
        elif isinstance(b, Slot):
            continue
    return "".join(out)


def label_blocks(blocks: Sequence[Block], numbering: Numbering,
                 labels: dict[str, str]) -> None:
    """Count ``blocks`` into ``numbering`` and ``labels`` as :func:`render_html` would,
    without making their HTML (the blocks before those a cell shows)."""
    for b in blocks:
        _label(b, numbering, labels)


def _label(b: Block, numbering: Numbering, labels: dict[str, str]) -> str:
    label = numbering.see(b)
    if getattr(b, "id", None) and label:
        labels[b.id] = label
    elif isinstance(b, Heading) and b.id:
        labels[b.id] = b.text
    return label


def _table(b: Table, label: str) -> str:
    try:
        texts, nums, has_missing = cells.cell_texts(b.frame, b.format_map(),
                                                   list(b.row_decimals)
                                                   if b.row_decimals is not None else None)
    except TextError as exc:
        return f"<p><b>{_e(label)}</b>: {_e(str(exc))}</p>"
    head = "".join(f"<th>{_e(typeset(str(c)))}</th>" for c in b.frame.columns)
    rows = []
    bold = {r % len(texts) for r in b.bold_rows} if texts else set()
    for i, (row, flags) in enumerate(zip(texts, nums)):
        tds = "".join(f'<td class="num">{_e(typeset(t))}</td>' if n else f"<td>{_e(typeset(t))}</td>"
                      for t, n in zip(row, flags))
        rows.append(f'<tr style="font-weight:bold">{tds}</tr>' if i in bold else f"<tr>{tds}</tr>")
    note = f"<br/>{_e(cells.MISSING_NOTE)}" if has_missing else ""
    return (f'<table class="strategy-table"><caption>{_e(caption_text(label, b.caption))}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
            f'<div class="source">{_e(_source(b.source))}{note}</div>')


def caption_text(label: str, caption: str) -> str:
    """Return a caption as Word shows it: "Tabela 3. ..." set by the typography rules."""
    name, _, number = label.rpartition(" ")
    return f"{typeset(name + ' ')}{number}{typeset('. ' + caption.strip())}"


def _source(text: str) -> str:
    text = str(text).strip()
    return text if text.lower().startswith("źródło") else f"Źródło: {text}"


def _inline(items: Sequence, labels: dict[str, str]) -> str:
    out = []
    for r in items:
        if isinstance(r, RefTo):
            out.append(_e(labels.get(r.target, "[odwołanie]")))
        elif isinstance(r, Run):
            if r.brk:
                out.append("<br/>")
                continue
            text = _e(r.text if r.code else typeset(r.text))
            if r.code:
                text = f"<code>{text}</code>"
            if r.bold:
                text = f"<b>{text}</b>"
            if r.italic:
                text = f"<i>{text}</i>"
            if r.link:
                text = f'<a href="{_e(r.link)}">{text}</a>'
            out.append(text)
    return "".join(out)


def _e(text: str) -> str:
    return html.escape(str(text), quote=True)


class BlocksView:
    """What a notebook cell shows for blocks added to a document: their HTML (numbered in
    the document's order) and, as plain text, a short summary."""

    def __init__(self, blocks: Sequence[Block], html_text: str, summary: str) -> None:
        self.blocks = list(blocks)
        self._html = html_text
        self._summary = summary

    def _repr_html_(self) -> str:
        return f'{_STYLE}<div class="strategy-doc">{self._html}</div>'

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {"text/html": self._repr_html_(), "text/plain": self._summary}

    def __repr__(self) -> str:
        return self._summary
