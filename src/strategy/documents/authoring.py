"""The document a notebook fills: chapters from the package and an author's own content.

In: a notebook's cells. The notebook opens the document near the top (``dok = ...`` through
one of the ``*_document`` functions of the builders), each cell adds a chapter of the default
content (``dok.chapter("prognoza")``) or the author's own material - Markdown paragraphs, a
pandas DataFrame as a numbered table, a matplotlib figure, a "Wnioski" box - at the point
where the cell stands or into a named chapter or section; the last cell saves.
Out: blocks (:mod:`.blocks`): a chapter is computed once, when its cell runs
(``dok.chapter("prognoza")`` records what the chapter function writes and returns those blocks,
which the cell displays through :mod:`.render_notebook`); an author's content becomes blocks
too, shown by its cell. :meth:`Document.save` places the author's blocks (at the chapter's slot
for a ``section=``, else at the end of the chapter), writes them all to Word through
:func:`.render_word.render` - the same blocks the cells showed, no chapter computed again -
and writes next to the Word file ``<name>.bloki.json`` (the blocks by chapter, tables as
JSON, figures as base64 PNG; what the consultation drafts are made from) and
``<name>.kontrola.json`` with the warnings of the save (a statutory chapter missing, findings
of the checks) when there are any; ``strategy build`` reports them.

A cell run later can still add to an earlier chapter, and a re-run cell replaces nothing
behind the author's back (adding the same chapter twice is an error). Captions are numbered in
the order of the document, so an author's tables and figures join the numbering and the lists
of tables and figures like the package's own. A chapter that speaks of the whole document (the
list of abbreviations) reads the blocks added before its cell ran.

Example (a cell of a gmina's diagnosis notebook)::

    dok.markdown("Wzrost liczby rodzin z **niebieską kartą** wiąże się z ...",
                 chapter="obszary", section="przemoc")
    dok.table(ankieta, "Wyniki ankiety wśród mieszkańców", "badanie ankietowe OPS, 2025",
              chapter="obszary", key="ankieta")
    dok.markdown("Odpowiedzi zestawiono w tabeli (zob. {ankieta}).", chapter="obszary")
    dok.figure(fig, "Rodziny objęte pracą socjalną", "dane OPS", chapter="obszary")
    dok.conclusions("Potrzebny jest drugi asystent rodziny.", chapter="obszary",
                    section="rodzina")
"""
from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib.figure
import pandas as pd

from ..charts import figure_to_png
from ..errors import DocumentError
from ..writing import file_mode
from .blocks import (
    FORMAT_VERSION,
    Bullets,
    Figure,
    Heading,
    Numbering,
    PageBreak,
    Paragraph,
    Recorder,
    RefTo,
    Slot,
    Table,
    blocks_from_json,
    blocks_to_json,
    chapter_blocks,
    runs,
)
from .markdown import add_markdown, box_paragraphs
from .render_notebook import BlocksView, label_blocks, render_html
from .render_word import render

#: Name of the control file written next to a document: ``<document>.kontrola.json``.
CONTROL_SUFFIX = ".kontrola.json"
#: Name of the blocks file written next to a document: ``<document>.bloki.json``.
BLOCKS_SUFFIX = ".bloki.json"
_KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


@dataclass(frozen=True)
class Chapter:
    """One chapter of a document's default content.

    ``title`` is the heading (a string, or a function of the context for titles that name the
    unit); ``statute`` the statutory element it fulfils ('' when none); ``write(rep, ctx)``
    adds its content to a :class:`.blocks.Recorder`; ``heading=False`` for chapters that write their own headings (annexes).
    """

    key: str
    title: str | Callable
    statute: str
    write: Callable
    heading: bool = True

    def title_for(self, ctx) -> str:
        return self.title(ctx) if callable(self.title) else self.title


class Slots:
    """Where a chapter offers a named section to the author's content; chapters call
    :meth:`emit` where a section ends (e.g. after each area of a diagnosis)."""

    def __init__(self) -> None:
        self.offered: list[str] = []

    def emit(self, rep: Recorder, section: str) -> None:
        """Record the place of the author's content for ``section`` (a :class:`.blocks.Slot`)."""
        self.offered.append(section)
        rep.slot(section)


@dataclass
class _Part:
    key: str
    title: str
    statute: str = ""
    heading: bool = True
    author: bool = False
    replaces: str = ""
    blocks: list = field(default_factory=list)      # the chapter's own blocks (heading first)
    added: list = field(default_factory=list)       # (section or None, [blocks]) of the author


class Document:
    """A document being assembled by notebook cells. Made by the builders' ``*_document``
    functions; see the module docstring.

    Each chapter is computed once, when its cell runs (:meth:`chapter`): its blocks are what
    the cell shows and what :meth:`save` writes to Word.
    """

    def __init__(self, *, kind: str, outline: Sequence[Chapter], ctx, open_report: Callable,
                 out_path: str | Path | None, title: str = "",
                 statutory_name: str = "") -> None:
        self.kind = kind
        self.outline = {c.key: c for c in outline}
        self.ctx = ctx
        self.title = title
        self.out_path = Path(out_path) if out_path is not None else None
        self.statutory_name = statutory_name
        self.warnings: list[dict] = []
        self._open_report = open_report
        self._parts: list[_Part] = [_Part("", "")]   # content before the first chapter
        self._keys: set[str] = set()
        self._ids: set[str] = set()                  # ids an author's {key} may name
        if hasattr(ctx, "slots"):
            ctx.slots = Slots()

    # ---------------------------------------------------------------- chapters
    def chapter(self, key: str) -> BlocksView:
        """Add the default chapter ``key`` here and compute its content now; return its
        blocks as the cell shows them (the same blocks the Word file will hold).

        The chapters of this kind of document and their order are in :attr:`outline`
        (``dok.outline_table()`` shows them).
        """
        if key not in self.outline:
            raise DocumentError(f"nie ma rozdziału „{key}” w dokumencie tego rodzaju; dostępne: "
                                f"{', '.join(self.outline)}")
        self._check_new(key)
        c = self.outline[key]
        title = c.title_for(self.ctx)
        head = [Heading(title, 1, id=key)] if c.heading else []
        content = chapter_blocks(c.write, self.ctx, prefix=key, title=self.title,
                                 before=self.blocks(strict=False) + head)
        part = _Part(key, title, c.statute, c.heading, blocks=head + content)
        self._parts.append(part)
        self._keys.add(key)
        self._ids.add(key)
        return self._view(part.blocks)

    def default_chapters(self) -> None:
        """Add every default chapter in the outline's order (what the builders do)."""
        for key in self.outline:
            self.chapter(key)

    def own_chapter(self, title: str, *, key: str | None = None,
                    replaces: str | None = None) -> BlocksView:
        """Start a chapter of the author's own, titled ``title``; return its heading as shown.

        With ``replaces="swot"`` it stands instead of that default chapter (whose cell the
        author then deletes): it takes over the statutory element the default one fulfils.
        Content added afterwards without ``chapter=`` goes into it.
        """
        if not title or not str(title).strip():
            raise DocumentError("rozdział musi mieć tytuł")
        statute = ""
        if replaces is not None:
            if replaces not in self.outline:
                raise DocumentError(f"rozdział „{replaces}”, który miałby zostać zastąpiony, nie "
                                    f"istnieje; dostępne: {', '.join(self.outline)}")
            if replaces in self._keys:
                raise DocumentError(f"rozdział „{replaces}” jest już w dokumencie; usuń komórkę "
                                    f"dok.chapter(\"{replaces}\"), aby go zastąpić")
            statute = self.outline[replaces].statute
        key = key or replaces or _slug(title)
        if not _KEY_RE.match(key):
            raise DocumentError(f"nieprawidłowy identyfikator rozdziału „{key}”: małe litery "
                                "łacińskie, cyfry i podkreślenia, na początku litera")
        self._check_new(key)
        part = _Part(key, str(title).strip(), statute, author=True, replaces=replaces or "",
                     blocks=[Heading(str(title).strip(), 1, id=key)])
        self._parts.append(part)
        self._keys.add(key)
        self._ids.add(key)
        if replaces:
            self._keys.add(replaces)
        return self._view(part.blocks)

    def _check_new(self, key: str) -> None:
        if key in self._keys:
            raise DocumentError(f"rozdział „{key}” jest już w dokumencie (komórka uruchomiona "
                                "dwa razy? uruchom notatnik od początku)")

    # ---------------------------------------------------------------- author content
    def markdown(self, text: str, *, chapter: str | None = None,
                 section: str | None = None) -> BlocksView:
        """Add paragraphs written in Markdown (headings, bold, italics, lists, links); return
        them as the cell shows them.

        ``{key}`` in the text becomes a cross-reference to the table or figure added with
        that ``key`` earlier in the document ("zob. {ankieta}" -> "zob. Tabela 7").
        """
        if not isinstance(text, str) or not text.strip():
            raise DocumentError("tekst akapitu jest pusty")
        rec = Recorder(self._author_prefix())
        add_markdown(rec, text, self._refs())
        return self._add(rec.blocks, chapter, section)

    def table(self, df: pd.DataFrame, caption: str, source: str, *, chapter: str | None = None,
              section: str | None = None, key: str | None = None, decimals=None,
              widths: Sequence[float] | None = None, landscape: bool = False) -> BlocksView:
        """Add ``df`` as a numbered table with ``caption`` and the ``source`` line; return it
        as the cell shows it.

        Numbers are written the Polish way (``decimals``: one number for every column, or a
        mapping column -> decimals); ``key`` names the table for cross-references.
        """
        if not isinstance(df, pd.DataFrame):
            raise DocumentError(f"tabela musi być ramką danych pandas (DataFrame), podano "
                                f"{type(df).__name__}")
        _need(caption, "tabela musi mieć tytuł (podpis)")
        _need(source, f"tabela „{caption}” musi mieć źródło danych")
        if isinstance(decimals, int):
            decimals = {c: decimals for c in df.columns
                        if pd.api.types.is_numeric_dtype(df[c])}
        self._check_key(key)
        rec = Recorder(self._author_prefix())
        rec.table(df, caption, source, formats=decimals, widths=widths, landscape=landscape,
                  bookmark=_bookmark(key), id=key)
        return self._add(rec.blocks, chapter, section, key)

    def figure(self, fig, caption: str, source: str, *, chapter: str | None = None,
               section: str | None = None, key: str | None = None,
               width_cm: float = 15) -> BlocksView:
        """Add a matplotlib figure (or PNG bytes or a PNG file) as a numbered figure; return
        it as the cell shows it.

        The figure is drawn now, as it is when the cell runs (plain matplotlib; for the house
        look draw it inside ``with strategy.charts.house_style():``).
        """
        _need(caption, "wykres musi mieć tytuł (podpis)")
        _need(source, f"wykres „{caption}” musi mieć źródło danych")
        png = _png(fig)
        self._check_key(key)
        rec = Recorder(self._author_prefix())
        rec.figure(png, caption, source, width_cm=width_cm, bookmark=_bookmark(key), id=key)
        return self._add(rec.blocks, chapter, section, key)

    def conclusions(self, text: str, *, chapter: str | None = None, section: str | None = None,
                    title: str = "Wnioski") -> BlocksView:
        """Add a framed box titled ``title`` ("Wnioski") with the author's interpretation
        (Markdown paragraphs and lists); return it as the cell shows it."""
        if not isinstance(text, str) or not text.strip():
            raise DocumentError("treść wniosków jest pusta")
        rec = Recorder(self._author_prefix())
        rec.note_box(title, box_paragraphs(text, self._refs()))
        return self._add(rec.blocks, chapter, section)

    def page_break(self, *, chapter: str | None = None) -> BlocksView:
        """Start what follows on a new page."""
        return self._add([PageBreak()], chapter, None)

    def warn(self, kind: str, text: str) -> None:
        """Record a warning for the build summary and the control file (``kind``: a short id)."""
        self.warnings.append({"kind": str(kind), "text": str(text)})

    def _check_key(self, key: str | None) -> None:
        if key is None:
            return
        if not _KEY_RE.match(key):
            raise DocumentError(f"nieprawidłowa nazwa odsyłacza „{key}”: małe litery łacińskie, "
                                "cyfry i podkreślenia, na początku litera")
        if key in self._ids:
            raise DocumentError(f"odsyłacz „{key}” jest już użyty w dokumencie (komórka "
                                "uruchomiona dwa razy? uruchom notatnik od początku)")

    def _author_prefix(self) -> str:
        return f"autor{sum(len(b) for p in self._parts for _, b in p.added)}"

    def _refs(self) -> dict[str, RefTo]:
        """Return the names an author's ``{name}`` may use now: keyed tables and figures and
        the chapters added so far."""
        return {k: RefTo(k) for k in self._ids}

    def _add(self, blocks: list, chapter: str | None, section: str | None,
             key: str | None = None) -> BlocksView:
        if chapter is None:
            part = self._parts[-1]
        else:
            found = [p for p in self._parts if chapter in (p.key, p.replaces) and p.key]
            if not found:
                added = [p.key for p in self._parts if p.key]
                raise DocumentError(f"rozdziału „{chapter}” nie ma (jeszcze) w dokumencie; "
                                    "dodaj najpierw jego komórkę. Rozdziały w dokumencie: "
                                    f"{', '.join(added) or 'brak'}")
            part = found[0]
        part.added.append((section, list(blocks)))
        if key:
            self._ids.add(key)
        return self._view(blocks)

    # ---------------------------------------------------------------- blocks
    def parts(self, *, strict: bool = True) -> list[tuple[_Part, list]]:
        """Return each part of the document with its blocks in their final order: the
        author's content for a section at the chapter's slot of that section, the rest at
        the end of its chapter. With ``strict``, content for a section no chapter offers is
        an error."""
        waiting: dict[str, list] = {}
        for part in self._parts:
            for section, blocks in part.added:
                if section is not None:
                    waiting.setdefault(section, []).extend(blocks)
        offered: list[str] = []
        out = []
        for part in self._parts:
            blocks = []
            for b in part.blocks:
                if isinstance(b, Slot):
                    offered.append(b.section)
                    blocks.extend(waiting.pop(b.section, []))
                else:
                    blocks.append(b)
            for section, added in part.added:
                if section is None:
                    blocks.extend(added)
            out.append((part, blocks))
        if strict and waiting:
            names = ", ".join(sorted(waiting))
            shown = ", ".join(dict.fromkeys(offered)) or "brak"
            raise DocumentError(f"treść autora skierowana do sekcji, których w dokumencie nie "
                                f"ma: {names}; sekcje w dokumencie: {shown}")
        return out

    def blocks(self, *, strict: bool = True) -> list:
        """Return the blocks of the document in their final order (see :meth:`parts`)."""
        return [b for _, blocks in self.parts(strict=strict) for b in blocks]

    def _view(self, blocks: list) -> BlocksView:
        """Return ``blocks`` as a cell shows them, numbered by their place in the document."""
        flat = self.blocks(strict=False)
        first = next((k for k, b in enumerate(flat) if any(b is x for x in blocks)), len(flat))
        numbering, labels = Numbering(), {}
        label_blocks(flat[:first], numbering, labels)
        text = render_html(blocks, numbering, labels)
        tables = sum(isinstance(b, Table) for b in blocks)
        figures = sum(isinstance(b, Figure) for b in blocks)
        return BlocksView(blocks, text, f"{len(blocks)} bloków dokumentu ({tables} tabel, "
                                        f"{figures} wykresów)")

    # ---------------------------------------------------------------- checks and saving
    def missing_statutory(self) -> list[Chapter]:
        """Return the default chapters with a statutory element that the document lacks."""
        return [c for c in self.outline.values() if c.statute and c.key not in self._keys]

    def outline_table(self) -> pd.DataFrame:
        """Return the chapters now in the document, in order, with the author's additions."""
        rows = [{"Rozdział": p.title, "Identyfikator": p.key,
                 "Rodzaj": "własny autora" if p.author else "domyślny",
                 "Element ustawowy": p.statute or "–",
                 "Dodatki autora": sum(len(b) for _, b in p.added)}
                for p in self._parts if p.key]
        return pd.DataFrame(rows)

    def save(self, path: str | Path | None = None) -> Path:
        """Write the document (its blocks, through :func:`.render_word.render`), the blocks
        next to it (``<name>.bloki.json``) and its control file when there are warnings;
        return the path.

        A strategy that lacks a statutory chapter is saved all the same, with a control page
        naming the missing elements, and the warning goes to the build summary.
        """
        out = Path(path) if path is not None else self.out_path
        if out is None:
            raise DocumentError("nie podano ścieżki zapisu dokumentu")
        for c in self.missing_statutory():
            self.warn("statutowy", f"brak rozdziału „{c.title}” wymaganego przez art. 16b "
                                   f"ustawy o pomocy społecznej ({c.statute})")
        parts = self.parts()
        blocks = [b for _, bl in parts for b in bl]
        missing = self.missing_statutory()
        closing = []
        if missing:
            closing = [PageBreak(), Heading("Kontrola kompletności dokumentu", 1, numbered=False),
                       Paragraph(runs(f"Projekt nie zawiera wszystkich elementów, których art. "
                                      f"16b ustawy o pomocy społecznej wymaga od "
                                      f"{self.statutory_name or 'dokumentu'}. Brakujące "
                                      "elementy:")),
                       Bullets(tuple(runs(f"{c.statute} (rozdział „{c.title}”)")
                                     for c in missing))]
        rep = self._open_report()
        render(blocks + closing, rep)
        result = rep.save(out)
        write_blocks(result, self.kind, self.title or rep.title,
                     [(p, bl) for p, bl in parts], self.ctx)
        write_control(result, self.warnings)
        for w in self.warnings:
            print(f"UWAGA: {w['text']}")
        return result

    def _repr_markdown_(self) -> str:
        lines = [f"**Dokument** ({self.kind}), rozdziały w kolejności:"]
        for p in self._parts:
            if p.key:
                n = sum(len(b) for _, b in p.added)
                extra = f" + {n} dodatki autora" if n else ""
                lines.append(f"1. {p.title}{' (własny)' if p.author else ''}{extra}")
        for c in self.missing_statutory():
            lines.append(f"\n**Brak rozdziału wymaganego ustawą:** {c.title} ({c.statute})")
        return "\n".join(lines)


def blocks_path(docx: str | Path) -> Path:
    """Return the blocks file of ``docx`` (``strategia.docx`` -> ``strategia.bloki.json``)."""
    p = Path(docx)
    return p.with_name(p.stem + BLOCKS_SUFFIX)


def write_blocks(docx: str | Path, kind: str, title: str, parts, ctx=None) -> Path:
    """Write the blocks of a saved document next to it, atomically, by chapter: key, title,
    whether it is an annex (a chapter with its own headings) and its blocks."""
    data = {"format": "strategy-document", "version": FORMAT_VERSION, "kind": kind,
            "title": title, "docx": Path(docx).name,
            "consultation": bool(getattr(ctx, "section_bookmarks", False)),
            "demo": bool(getattr(ctx, "demo", False)),
            "parts": [{"key": p.key, "title": p.title, "annex": not p.heading and not p.author,
                       "author": p.author, **blocks_to_json(bl)} for p, bl in parts]}
    return _write_json(blocks_path(docx), data)


def document_from_json(data) -> dict:
    """Return the content of a blocks file written by :meth:`Document.save` (its JSON data,
    read by the caller): its fields, each part's ``blocks`` as blocks."""
    if not isinstance(data, dict) or data.get("format") != "strategy-document":
        raise DocumentError("to nie jest plik bloków dokumentu (brak pola format: "
                            "strategy-document)")
    try:
        parts = [{**part, "blocks": blocks_from_json({**part, "format": "strategy-blocks"})}
                 for part in data["parts"]]
    except (KeyError, TypeError) as exc:
        raise DocumentError(f"uszkodzony plik bloków: brak pola {exc}") from exc
    return {**data, "parts": parts}


def _write_json(path: Path, data) -> Path:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1)
        os.chmod(tmp, file_mode())
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return path


def control_path(docx: str | Path) -> Path:
    """Return the control file of ``docx`` (``strategia.docx`` -> ``strategia.kontrola.json``)."""
    p = Path(docx)
    return p.with_name(p.stem + CONTROL_SUFFIX)


def write_control(docx: str | Path, warnings: list[dict]) -> Path | None:
    """Write the warnings of a saved document next to it (atomically); remove an old control
    file when there are none. Return the path written, or None."""
    path = control_path(docx)
    if not warnings:
        path.unlink(missing_ok=True)
        return None
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump({"warnings": warnings}, f, ensure_ascii=False, indent=1)
    os.chmod(tmp, file_mode())
    os.replace(tmp, path)
    return path


def _need(value, message: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise DocumentError(message)


def _bookmark(key: str | None) -> str | None:
    return f"Autor_{key}"[:40] if key else None


def _png(fig) -> bytes:
    if isinstance(fig, (bytes, bytearray)):
        return bytes(fig)
    if isinstance(fig, (str, Path)):
        try:
            return Path(fig).read_bytes()
        except OSError as exc:
            raise DocumentError(f"nie można odczytać pliku wykresu {fig}: {exc}") from exc
    if isinstance(fig, matplotlib.figure.Figure):
        return figure_to_png(fig)
    raise DocumentError(f"wykres musi być figurą matplotlib, obrazem PNG (bajty) albo ścieżką "
                        f"pliku PNG, podano {type(fig).__name__}")


def _slug(title: str) -> str:
    s = unicodedata.normalize("NFKD", title.lower().replace("ł", "l"))
    s = re.sub(r"[^a-z0-9]+", "_", s.encode("ascii", "ignore").decode()).strip("_")
    if not s or not s[0].isalpha():
        s = "rozdzial_" + s
    return s[:40]
