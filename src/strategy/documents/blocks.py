"""The content of a document as a list of blocks, and the recorder chapters write them into.

In: what a chapter function (``chapter(rep, ctx)`` of the builders) or an author's cell says -
through the same method names as :class:`.report.Report` (``heading``, ``paragraph``,
``bullets``, ``table``, ``figure``, ``note_box``, ``page_break``) called on a
:class:`Recorder`. Out: immutable blocks - :class:`Heading`, :class:`Paragraph`,
:class:`Bullets`, :class:`Table`, :class:`Figure`, :class:`Box`, :class:`PageBreak` and
:class:`Slot` (where an author's ``section=`` content goes) - with cross-references as
:class:`RefTo` items that name their target block by id and resolve when a renderer writes
them ("zob. {t}" -> "Tabela 7"). :func:`chapter_blocks` gives a chapter's blocks;
:func:`blocks_to_json` / :func:`blocks_from_json` keep them in a transparent file (tables as
JSON, figures as base64 PNG) next to the Word file.

Two renderers turn blocks into what a reader sees: :mod:`.render_word` (the Word file, through
:class:`.report.Report`) and :mod:`.render_notebook` (the rich display of a notebook cell).

Example::

    rec = Recorder()
    t = rec.table(df, "Ludność gmin", "GUS BDL")
    rec.paragraph("Liczbę mieszkańców podano w zestawieniu (zob. {t}).", refs={"t": t})
    rec.blocks   # [Table(...), Paragraph(runs=(Run('Liczbę ...'), RefTo(...), Run(').')))]
"""
from __future__ import annotations

import base64
import dataclasses
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from ..errors import DocumentError
from ..text import TextError, cells

__all__ = ["Block", "Box", "Bullets", "Figure", "Heading", "PageBreak", "Paragraph", "Recorder",
           "RefTo", "Run", "Slot", "Table", "ValueFormat", "blocks_from_json", "blocks_to_json",
           "chapter_blocks", "plain_text"]

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


# ----------------------------------------------------------------------------------- inline
@dataclass(frozen=True)
class Run:
    """A piece of a paragraph's text with its look; ``link`` makes it a hyperlink, ``brk`` a
    line break."""

    text: str = ""
    bold: bool = False
    italic: bool = False
    code: bool = False
    link: str = ""
    brk: bool = False


@dataclass(frozen=True)
class RefTo:
    """A cross-reference to the block with id ``target`` (a table, figure or heading); shows
    as "Tabela 3", "Wykres 2" or a chapter's number when rendered."""

    target: str


Inline = Run | RefTo


# ----------------------------------------------------------------------------------- blocks
@dataclass(frozen=True)
class Heading:
    """A heading of ``level`` 1-3. ``section_id`` names the section in documents whose
    headings carry section bookmarks (consultation drafts): ``"{chapter}_1"`` is section 1 of
    the chapter the heading stands in; None: the heading's number."""

    text: str
    level: int = 1
    numbered: bool = True
    bookmark: str | None = None
    section_id: str | None = None
    id: str | None = None


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of runs and cross-references, in ``style`` (None: body text)."""

    runs: tuple[Inline, ...]
    style: str | None = None


@dataclass(frozen=True)
class Bullets:
    """A bullet list (or a list numbered from 1) of items, each a tuple of runs."""

    items: tuple[tuple[Inline, ...], ...]
    numbered: bool = False


@dataclass(frozen=True)
class ValueFormat:
    """A column's cell texts kept as a table of value -> text (what a formatting function of
    a builder gave for each value of the column), so that a table read back from JSON prints
    as it did."""

    texts: tuple[tuple[object, str], ...]
    missing: str = "–"

    def __call__(self, value) -> str:
        if _is_missing(value):
            return self.missing
        for v, text in self.texts:
            if v == value:
                return text
        raise DocumentError(f"brak tekstu komórki dla wartości {value!r}")


@dataclass(frozen=True, eq=False)
class Table:
    """A numbered table: the frame, its caption and source line, and how Word lays it out.

    ``formats`` maps columns to decimals or to a :class:`ValueFormat`; ``bold_rows`` are
    body rows (by position; -1 the last) printed in bold.
    """

    frame: pd.DataFrame
    caption: str
    source: str
    formats: tuple[tuple[str, int | ValueFormat], ...] = ()
    widths: tuple[float, ...] | None = None
    landscape: bool = False
    row_decimals: tuple[int | None, ...] | None = None
    bold_rows: tuple[int, ...] = ()
    bookmark: str | None = None
    id: str | None = None

    def format_map(self) -> dict | None:
        """Return the formats as :meth:`.report.Report.table` takes them."""
        return dict(self.formats) or None


@dataclass(frozen=True, eq=False)
class Figure:
    """A numbered figure: the picture (PNG bytes), its caption, source line and width."""

    png: bytes
    caption: str
    source: str
    width_cm: float = 15
    bookmark: str | None = None
    id: str | None = None


@dataclass(frozen=True)
class Box:
    """A framed box ("Wnioski"): a bold title line and paragraphs (each a tuple of runs)."""

    title: str
    paragraphs: tuple[tuple[Inline, ...], ...]


@dataclass(frozen=True)
class PageBreak:
    """What follows starts on a new page."""


@dataclass(frozen=True)
class Slot:
    """The place where the author's content for ``section`` goes (``section=`` of
    :meth:`strategy.documents.authoring.Document.markdown` and the like)."""

    section: str


Block = Heading | Paragraph | Bullets | Table | Figure | Box | PageBreak | Slot


# ----------------------------------------------------------------------------------- recorder
class Recorder:
    """Records what a chapter writes, as blocks, with the method names of
    :class:`.report.Report`.

    ``prefix`` makes the ids of the recorded tables, figures and headings unique in the
    document; ``before`` are the document's blocks before these (read by chapters that speak
    of the whole document: the list of abbreviations, the numbering of annexes); ``title``
    the document's title.
    """

    def __init__(self, prefix: str = "b", *, before: Sequence[Block] = (), title: str = "") -> None:
        self.prefix = prefix
        self.before = tuple(before)
        self.title = title
        self.blocks: list[Block] = []
        self._n = 0

    def _id(self) -> str:
        self._n += 1
        return f"{self.prefix}.{self._n}"

    # -- Report's methods
    def heading(self, text: str, level: int = 1, *, bookmark: str | None = None,
                numbered: bool = True, section_id: str | None = None,
                id: str | None = None) -> RefTo:
        """Record a heading; return a reference to it."""
        if level not in (1, 2, 3):
            raise DocumentError(f"poziom nagłówka musi wynosić 1, 2 lub 3, podano {level}")
        hid = id or self._id()
        self.blocks.append(Heading(str(text), level, numbered, bookmark, section_id, hid))
        return RefTo(hid)

    def paragraph(self, content, style: str | None = None,
                  refs: Mapping[str, RefTo] | None = None) -> None:
        """Record a paragraph (content as :meth:`.report.Report.paragraph` takes it)."""
        self.blocks.append(Paragraph(runs(content, refs), style))

    def bullets(self, items: Iterable, numbered: bool = False) -> None:
        """Record a bullet (or numbered) list."""
        self.blocks.append(Bullets(tuple(runs(i) for i in items), bool(numbered)))

    def note_box(self, title: str, content: Sequence) -> None:
        """Record a framed box with a bold ``title`` and the paragraphs of ``content``."""
        self.blocks.append(Box(str(title), tuple(runs(c) for c in content)))

    def page_break(self) -> None:
        """Record that what follows starts on a new page."""
        self.blocks.append(PageBreak())

    def table(self, df: pd.DataFrame, caption: str, source: str, *, formats=None,
              landscape: bool = False, widths: Sequence[float] | None = None,
              bookmark: str | None = None, row_decimals: Sequence[int | None] | None = None,
              id: str | None = None) -> RefTo:
        """Record a numbered table; return a reference to it."""
        if not isinstance(df, pd.DataFrame):
            raise DocumentError(f"tabela musi być ramką danych pandas (DataFrame), podano "
                                f"{type(df).__name__}")
        if not caption or not str(caption).strip():
            raise DocumentError("tabela musi mieć tytuł")
        if not source or not str(source).strip():
            raise DocumentError("pod tabelą lub wykresem musi być podane źródło danych")
        try:   # a meaningful index becomes columns, as in Word
            frame = cells.frame_for_table(df).copy()
        except TextError as exc:
            raise DocumentError(str(exc)) from None
        fmt = tuple((c, _value_format(frame, c, f)) for c, f in (formats or {}).items())
        tid = id or self._id()
        self.blocks.append(Table(
            frame, str(caption), str(source), fmt,
            tuple(float(w) for w in widths) if widths is not None else None, bool(landscape),
            tuple(row_decimals) if row_decimals is not None else None, (), bookmark, tid))
        return RefTo(tid)

    def figure(self, png, caption: str, source: str, width_cm: float = 16,
               bookmark: str | None = None, id: str | None = None) -> RefTo:
        """Record a numbered figure (PNG bytes); return a reference to it."""
        if not isinstance(png, (bytes, bytearray)) or not png:
            raise DocumentError("wykres musi być obrazem PNG (bajty)")
        if not caption or not str(caption).strip():
            raise DocumentError("wykres musi mieć tytuł")
        if not source or not str(source).strip():
            raise DocumentError("pod tabelą lub wykresem musi być podane źródło danych")
        fid = id or self._id()
        self.blocks.append(Figure(bytes(png), str(caption), str(source), float(width_cm),
                                  bookmark, fid))
        return RefTo(fid)

    def has_style(self, name: str) -> bool:
        """Return True: styles are chosen by the Word renderer (a style the template lacks
        falls back to body text there)."""
        return True

    # -- what blocks add
    def slot(self, section: str) -> None:
        """Record the place of the author's content for ``section``."""
        self.blocks.append(Slot(str(section)))

    def bold_rows(self, *rows: int) -> None:
        """Print the body rows ``rows`` (-1: the last) of the table just recorded in bold."""
        for k in range(len(self.blocks) - 1, -1, -1):
            b = self.blocks[k]
            if isinstance(b, Table):
                self.blocks[k] = dataclasses.replace(b, bold_rows=b.bold_rows + tuple(rows))
                return
        raise DocumentError("brak tabeli, której wiersze miałyby zostać pogrubione")

    def headings(self) -> list[str]:
        """Return the texts of the headings of the document so far (``before`` and these)."""
        return [b.text for b in (*self.before, *self.blocks) if isinstance(b, Heading)]

    def document_text(self) -> str:
        """Return the text of the document so far: its title, paragraphs, lists, boxes,
        headings, captions and table cells."""
        return "\n".join([self.title, *(plain_text(b) for b in (*self.before, *self.blocks))])


def chapter_blocks(write: Callable, ctx, *, prefix: str = "b", before: Sequence[Block] = (),
                   title: str = "") -> list[Block]:
    """Return the blocks the chapter function ``write(rep, ctx)`` writes."""
    rec = Recorder(prefix, before=before, title=title)
    write(rec, ctx)
    return rec.blocks


# ----------------------------------------------------------------------------------- content
def runs(content, refs: Mapping[str, RefTo] | None = None) -> tuple[Inline, ...]:
    """Return ``content`` (a string, a mapping ``{"text", "bold", "italic", "code", "link",
    "break"}``, a :class:`RefTo`, or a list of those) as a tuple of runs; with ``refs``,
    ``{name}`` in strings becomes a reference to ``refs[name]`` (an unknown name is an error)."""
    if isinstance(content, (str, Mapping, RefTo, Run)):
        content = [content]
    out: list[Inline] = []
    for item in content:
        if isinstance(item, (Run, RefTo)):
            out.append(item)
        elif isinstance(item, Mapping):
            if item.get("break"):
                out.append(Run(brk=True))
            else:
                out.append(Run(str(item.get("text", "")), bool(item.get("bold")),
                               bool(item.get("italic")), bool(item.get("code")),
                               str(item.get("link") or "")))
        elif isinstance(item, str):
            out.extend(_split_refs(item, refs) if refs else [Run(item)])
        elif hasattr(item, "name") and hasattr(item, "kind"):   # a Report Ref given directly
            raise DocumentError("odwołanie do tabeli lub wykresu musi pochodzić z tego samego "
                                "dokumentu")
        else:
            raise DocumentError(f"nieobsługiwany fragment tekstu: {type(item).__name__}")
    return tuple(out)


def _split_refs(text: str, refs: Mapping[str, RefTo]) -> list[Inline]:
    missing = [n for n in _PLACEHOLDER.findall(text) if n not in refs]
    if missing:
        raise DocumentError(f"w tekście są odwołania bez celu: {', '.join(missing)}")
    out: list[Inline] = []
    pos = 0
    for m in _PLACEHOLDER.finditer(text):
        if m.start() > pos:
            out.append(Run(text[pos:m.start()]))
        out.append(refs[m.group(1)])
        pos = m.end()
    if pos < len(text):
        out.append(Run(text[pos:]))
    return out


def plain_text(block: Block) -> str:
    """Return the words of ``block`` (references left out), for searching the document."""
    def line(items) -> str:
        return "".join(r.text for r in items if isinstance(r, Run))
    if isinstance(block, Heading):
        return block.text
    if isinstance(block, Paragraph):
        return line(block.runs)
    if isinstance(block, Bullets):
        return "\n".join(line(i) for i in block.items)
    if isinstance(block, Box):
        return "\n".join([block.title, *(line(p) for p in block.paragraphs)])
    if isinstance(block, Table):
        cells = [str(c) for c in block.frame.columns]
        cells += [str(v) for row in block.frame.itertuples(index=False) for v in row]
        return "\n".join([block.caption, block.source, *cells])
    if isinstance(block, Figure):
        return f"{block.caption}\n{block.source}"
    return ""


def _is_missing(value) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _value_format(frame: pd.DataFrame, column, fmt) -> int | ValueFormat:
    """Return a column's format as data: decimals as they are, a function as the texts it
    gives for the column's values."""
    if isinstance(fmt, (int, ValueFormat)) and not isinstance(fmt, bool):
        return fmt
    if not callable(fmt):
        raise DocumentError(f"format kolumny „{column}” musi być liczbą miejsc po przecinku "
                            f"albo funkcją, podano {type(fmt).__name__}")
    if column not in frame.columns:
        raise DocumentError(f"tabela nie ma kolumny „{column}”, dla której podano format")
    texts: dict = {}
    missing = "–"
    for v in frame[column].tolist():
        if _is_missing(v):
            missing = str(fmt(v))
        elif v not in texts:
            texts[v] = str(fmt(v))
    return ValueFormat(tuple(texts.items()), missing)


# ----------------------------------------------------------------------------------- JSON
FORMAT_VERSION = 1


def blocks_to_json(blocks: Sequence[Block]) -> dict:
    """Return ``blocks`` as JSON-ready data: tables with their columns, dtypes and rows,
    figures as base64 PNG."""
    return {"format": "strategy-blocks", "version": FORMAT_VERSION,
            "blocks": [_block_json(b) for b in blocks]}


def _inline_json(items) -> list:
    out = []
    for r in items:
        if isinstance(r, RefTo):
            out.append({"ref": r.target})
        else:
            out.append({k: v for k, v in dataclasses.asdict(r).items()
                        if v != getattr(Run, k, None) or k == "text"})
    return out


def _scalar(v):
    if _is_missing(v):
        return None
    if hasattr(v, "item"):
        v = v.item()
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if v is not None and not isinstance(v, (bool, int, float, str)):
        return str(v)    # dates and other objects: as the text they print as
    return v


def _block_json(b: Block) -> dict:
    kind = type(b).__name__
    if isinstance(b, Paragraph):
        return {"type": kind, "runs": _inline_json(b.runs), "style": b.style}
    if isinstance(b, Bullets):
        return {"type": kind, "items": [_inline_json(i) for i in b.items], "numbered": b.numbered}
    if isinstance(b, Box):
        return {"type": kind, "title": b.title, "paragraphs": [_inline_json(p) for p in b.paragraphs]}
    if isinstance(b, Table):
        f = b.frame
        return {"type": kind, "caption": b.caption, "source": b.source,
                "columns": [str(c) for c in f.columns],
                "dtypes": [str(t) for t in f.dtypes],
                "rows": [[_scalar(v) for v in row] for row in f.itertuples(index=False)],
                "formats": [[c, v if isinstance(v, int) else
                             {"texts": [[_scalar(x), t] for x, t in v.texts], "missing": v.missing}]
                            for c, v in b.formats],
                "widths": list(b.widths) if b.widths is not None else None,
                "landscape": b.landscape,
                "row_decimals": list(b.row_decimals) if b.row_decimals is not None else None,
                "bold_rows": list(b.bold_rows), "bookmark": b.bookmark, "id": b.id}
    if isinstance(b, Figure):
        return {"type": kind, "png": base64.b64encode(b.png).decode("ascii"),
                "caption": b.caption, "source": b.source, "width_cm": b.width_cm,
                "bookmark": b.bookmark, "id": b.id}
    return {"type": kind, **dataclasses.asdict(b)}


def _inline_from(items) -> tuple[Inline, ...]:
    return tuple(RefTo(i["ref"]) if "ref" in i else Run(**i) for i in items)


def _frame_from(data: dict) -> pd.DataFrame:
    frame = pd.DataFrame(data["rows"], columns=range(len(data["columns"])), dtype=object)
    for k, dtype in enumerate(data["dtypes"]):
        col = frame[k]
        if dtype.startswith(("float", "int", "Int", "Float")):
            col = pd.to_numeric(col)
            if dtype.startswith("int") and not col.isna().any() or dtype.startswith("float"):
                col = col.astype(dtype)
        elif dtype == "bool":
            col = col.astype(bool)
        frame[k] = col
    frame.columns = pd.Index(data["columns"])
    return frame


def _block_from(d: dict) -> Block:
    kind = d.get("type")
    try:
        if kind == "Heading":
            return Heading(d["text"], d["level"], d["numbered"], d["bookmark"], d["section_id"],
                           d["id"])
        if kind == "Paragraph":
            return Paragraph(_inline_from(d["runs"]), d["style"])
        if kind == "Bullets":
            return Bullets(tuple(_inline_from(i) for i in d["items"]), d["numbered"])
        if kind == "Box":
            return Box(d["title"], tuple(_inline_from(p) for p in d["paragraphs"]))
        if kind == "PageBreak":
            return PageBreak()
        if kind == "Slot":
            return Slot(d["section"])
        if kind == "Table":
            formats = tuple((c, v if isinstance(v, int) else
                             ValueFormat(tuple((x, t) for x, t in v["texts"]), v["missing"]))
                            for c, v in d["formats"])
            return Table(_frame_from(d), d["caption"], d["source"], formats,
                         tuple(d["widths"]) if d["widths"] is not None else None, d["landscape"],
                         tuple(d["row_decimals"]) if d["row_decimals"] is not None else None,
                         tuple(d["bold_rows"]), d["bookmark"], d["id"])
        if kind == "Figure":
            return Figure(base64.b64decode(d["png"]), d["caption"], d["source"], d["width_cm"],
                          d["bookmark"], d["id"])
    except (KeyError, TypeError, ValueError) as exc:
        raise DocumentError(f"uszkodzony blok „{kind}” w pliku bloków: {exc}") from exc
    raise DocumentError(f"nieznany rodzaj bloku „{kind}” w pliku bloków")


def blocks_from_json(data: Mapping) -> list[Block]:
    """Return the blocks of :func:`blocks_to_json`'s data."""
    if not isinstance(data, Mapping) or data.get("format") != "strategy-blocks":
        raise DocumentError("plik nie jest plikiem bloków dokumentu (brak pola format: "
                            "strategy-blocks)")
    if data.get("version") != FORMAT_VERSION:
        raise DocumentError(f"nieobsługiwana wersja pliku bloków: {data.get('version')} "
                            f"(obsługiwana: {FORMAT_VERSION})")
    return [_block_from(d) for d in data.get("blocks", [])]


@dataclass
class Numbering:
    """Running numbers of tables, figures and numbered headings, as Word gives them."""

    tables: int = 0
    figures: int = 0
    heading: list[int] = field(default_factory=lambda: [0, 0, 0])

    def see(self, block: Block) -> str:
        """Count ``block`` and return its label ("Tabela 3", "Wykres 2", "2.1"; '' for others)."""
        if isinstance(block, Table):
            self.tables += 1
            return f"Tabela {self.tables}"
        if isinstance(block, Figure):
            self.figures += 1
            return f"Wykres {self.figures}"
        if isinstance(block, Heading) and block.numbered:
            lv = block.level
            self.heading[lv - 1] += 1
            for k in range(lv, 3):
                self.heading[k] = 0
            return ".".join(str(n) for n in self.heading[:lv])
        return ""
