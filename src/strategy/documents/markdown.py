"""Markdown written by an author, as the paragraphs, headings and lists of a document.

In: Markdown text (CommonMark through ``mistune``, the parser nbconvert itself uses): headings,
paragraphs with **bold**, *italics*, `code`, [links](https://...), bullet and numbered lists,
block quotes, and ``{name}`` placeholders naming tables, figures or chapters of the document.
Out: the same content added through the report's method names (``heading``, ``paragraph``,
``bullets``) - to a :class:`.blocks.Recorder`, whose blocks both renderers show - with bold and
italic runs, hyperlinks and cross-references for the placeholders ("zob. {ankieta}" -> "zob.
Tabela 7": a REF field in Word).

Only what a strategy text needs is supported; anything else (HTML, images, tables written in
Markdown) is refused with a Polish message that says what to use instead, rather than dropped.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

import mistune

from ..errors import DocumentError
from .report import Ref, Report

_PARSE = mistune.create_markdown(renderer=None)
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def add_markdown(rep: Report, text: str, refs: Mapping[str, Ref] | None = None, *,
                 base_level: int = 2) -> None:
    """Add the Markdown ``text`` to ``rep``.

    ``refs`` maps placeholder names to cross-reference targets. A Markdown heading ``#`` is a
    heading of ``base_level - 1``, ``##`` of ``base_level`` and so on (at most level 3), so
    an author's ``## Wyniki ankiety`` inside a chapter becomes its subsection.
    """
    if not isinstance(text, str):
        raise DocumentError(f"tekst akapitu musi być napisem (Markdown), podano {type(text).__name__}")
    for block in _PARSE(text):
        _block(rep, block, refs or {}, base_level)


def _block(rep: Report, block: dict, refs: Mapping[str, Ref], base_level: int,
           style: str | None = None) -> None:
    kind = block["type"]
    if kind in ("blank_line", "thematic_break"):
        return
    if kind == "heading":
        level = min(3, max(1, block["attrs"]["level"] + base_level - 2))
        rep.heading(_plain(block["children"]), level)
    elif kind in ("paragraph", "block_text"):
        rep.paragraph(_inline(block["children"], refs) or [""], style)
    elif kind == "list":
        rep.bullets(_list_items(block, refs), numbered=bool(block["attrs"].get("ordered")))
    elif kind == "block_quote":
        for child in block["children"]:
            _block(rep, {**child, "type": "paragraph"} if child["type"] == "block_text" else child,
                     refs, base_level, style="Quote" if rep.has_style("Quote") else None)
    elif kind == "block_code":
        rep.paragraph(block.get("raw", "").rstrip("\n"))
    else:
        raise DocumentError(f"Markdown: element „{kind}” nie jest obsługiwany w tekście "
                            "dokumentu; tabelę dodaj jako DataFrame (dok.table), obraz jako "
                            "wykres (dok.figure)")


def _list_items(block: dict, refs: Mapping[str, Ref], depth: int = 0) -> list:
    """Return the items of a (possibly nested) list; nested items follow their parent,
    marked with a dash, as the house list styles have one level."""
    items = []
    for item in block["children"]:
        content: list = []
        nested = []
        for child in item["children"]:
            if child["type"] == "list":
                nested.extend(_list_items(child, refs, depth + 1))
            elif child["type"] in ("block_text", "paragraph"):
                if content:
                    content.append(" ")
                content.extend(_inline(child["children"], refs))
            elif child["type"] != "blank_line":
                raise DocumentError(f"Markdown: element „{child['type']}” wewnątrz listy nie "
                                    "jest obsługiwany")
        if depth:
            content.insert(0, "– ")
        items.append(content or [""])
        items.extend(nested)
    return items


def _plain(children: list) -> str:
    out = []
    for c in children:
        if "children" in c:
            out.append(_plain(c["children"]))
        elif c["type"] in ("softbreak", "linebreak"):
            out.append(" ")
        else:
            out.append(c.get("raw", ""))
    return "".join(out)


def _inline(children: list, refs: Mapping[str, Ref], bold: bool = False,
            italic: bool = False) -> list:
    """Return the runs of inline Markdown as the report's content items."""
    out: list = []
    for c in children:
        kind = c["type"]
        if kind == "text":
            out.extend(_text_runs(c["raw"], refs, bold, italic))
        elif kind == "strong":
            out.extend(_inline(c["children"], refs, True, italic))
        elif kind == "emphasis":
            out.extend(_inline(c["children"], refs, bold, True))
        elif kind == "codespan":
            out.append({"text": c["raw"], "bold": bold, "italic": italic, "code": True})
        elif kind == "link":
            out.append({"text": _plain(c["children"]) or c["attrs"]["url"],
                        "link": c["attrs"]["url"], "bold": bold, "italic": italic})
        elif kind == "softbreak":
            out.append({"text": " ", "bold": bold, "italic": italic})
        elif kind == "linebreak":
            out.append({"text": "", "break": True})
        elif kind == "image":
            raise DocumentError("Markdown: obrazów nie wstawia się w tekście – dodaj wykres "
                                "przez dok.figure(...)")
        else:
            out.append({"text": _plain([c]), "bold": bold, "italic": italic})
    return out


def _text_runs(text: str, refs: Mapping[str, Ref], bold: bool, italic: bool) -> list:
    """Return ``text`` split at ``{name}`` placeholders of ``refs`` (REF fields); other braces
    stay as they are."""
    out: list = []
    pos = 0
    for m in _PLACEHOLDER.finditer(text):
        if m.group(1) not in refs:
            continue
        if m.start() > pos:
            out.append({"text": text[pos:m.start()], "bold": bold, "italic": italic})
        out.append(refs[m.group(1)])
        pos = m.end()
    if pos < len(text):
        out.append({"text": text[pos:], "bold": bold, "italic": italic})
    return out


def box_paragraphs(text: str, refs: Mapping[str, Ref] | None = None) -> list:
    """Return the Markdown ``text`` as the paragraphs of a note box: each paragraph's runs,
    list items as "• item" (or "1. item") paragraphs, headings as bold lines."""
    out = []
    for block in _PARSE(text):
        kind = block["type"]
        if kind in ("blank_line", "thematic_break"):
            continue
        if kind == "heading":
            out.append([{"text": _plain(block["children"]), "bold": True}])
        elif kind in ("paragraph", "block_text"):
            out.append(_inline(block["children"], refs or {}))
        elif kind == "list":
            ordered = bool(block["attrs"].get("ordered"))
            for k, item in enumerate(_list_items(block, refs or {}), start=1):
                out.append([f"{k}. " if ordered else "• ", *item])
        else:
            raise DocumentError(f"Markdown: element „{kind}” nie jest obsługiwany w ramce wniosków")
    return out
