"""The document a notebook fills: chapters from the package and an author's own content.

In: a notebook's cells. The notebook opens the document near the top (``dok = ...`` through
one of the ``*_document`` functions of the builders), each cell adds a chapter of the default
content (``dok.chapter("prognoza")``) or the author's own material - Markdown paragraphs, a
pandas DataFrame as a numbered table, a matplotlib figure, a "Wnioski" box - at the point
where the cell stands or into a named chapter or section; the last cell saves.
Out: the Word file (through :class:`.report.Report`), and next to it ``<name>.kontrola.json``
with the warnings of the save (a statutory chapter missing, findings of the checks) when there
are any; ``strategy build`` reports them.

Nothing is written to Word until :meth:`Document.save`: the cells only record what goes where,
so a cell run later can still add to an earlier chapter, and a re-run cell replaces nothing
behind the author's back (adding the same chapter twice is an error). Captions are numbered in
the order the document is written, so an author's tables and figures join the numbering and
the lists of tables and figures like the package's own.

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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import DocumentError
from .markdown import add_markdown, box_paragraphs
from .report import Ref, Report

#: Name of the control file written next to a document: ``<document>.kontrola.json``.
CONTROL_SUFFIX = ".kontrola.json"
_KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


@dataclass(frozen=True)
class Chapter:
    """One chapter of a document's default content.

    ``title`` is the heading (a string, or a function of the context for titles that name the
    unit); ``statute`` the statutory element it fulfils ('' when none); ``write(rep, ctx)``
    adds its content; ``heading=False`` for chapters that write their own headings (annexes).
    """

    key: str
    title: str | Callable
    statute: str
    write: Callable
    heading: bool = True

    def title_for(self, ctx) -> str:
        return self.title(ctx) if callable(self.title) else self.title


class Slots:
    """Author content waiting for a named section; chapters call :meth:`emit` where a
    section ends (e.g. after each area of a diagnosis)."""

    def __init__(self) -> None:
        self.waiting: dict[str, list[Callable[[Report], None]]] = {}
        self.offered: list[str] = []

    def emit(self, rep: Report, section: str) -> None:
        """Write the author's content for ``section`` here (nothing when there is none)."""
        self.offered.append(section)
        for block in self.waiting.pop(section, []):
            block(rep)


@dataclass
class _Part:
    key: str
    title: str
    statute: str = ""
    write: Callable | None = None
    heading: bool = True
    author: bool = False
    replaces: str = ""
    blocks: list = field(default_factory=list)


class Document:
    """A document being assembled by notebook cells. Made by the builders' ``*_document``
    functions; see the module docstring."""

    def __init__(self, *, kind: str, outline: Sequence[Chapter], ctx, open_report: Callable,
                 out_path: str | Path | None, heading: Callable | None = None,
                 statutory_name: str = "", closing: Callable | None = None) -> None:
        self.kind = kind
        self.outline = {c.key: c for c in outline}
        self.ctx = ctx
        self.out_path = Path(out_path) if out_path is not None else None
        self.statutory_name = statutory_name
        self.warnings: list[dict] = []
        self._open_report = open_report
        self._heading = heading or (lambda rep, title, level: rep.heading(title, level))
        self._closing = closing
        self._parts: list[_Part] = [_Part("", "")]   # content before the first chapter
        self._keys: set[str] = set()
        self._slots = Slots()
        if hasattr(ctx, "slots"):
            ctx.slots = self._slots

    # ---------------------------------------------------------------- chapters
    def chapter(self, key: str) -> str:
        """Add the default chapter ``key`` here; return its key.

        The chapters of this kind of document and their order are in :attr:`outline`
        (``dok.outline_table()`` shows them).
        """
        if key not in self.outline:
            raise DocumentError(f"nie ma rozdziału „{key}” w dokumencie tego rodzaju; dostępne: "
                                f"{', '.join(self.outline)}")
        self._check_new(key)
        c = self.outline[key]
        self._parts.append(_Part(key, c.title_for(self.ctx), c.statute, c.write, c.heading))
        self._keys.add(key)
        return key

    def default_chapters(self) -> None:
        """Add every default chapter in the outline's order (what the builders do)."""
        for key in self.outline:
            self.chapter(key)

    def own_chapter(self, title: str, *, key: str | None = None, replaces: str | None = None) -> str:
        """Start a chapter of the author's own, titled ``title``; return its key.

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
        self._parts.append(_Part(key, str(title).strip(), statute, author=True,
                                 replaces=replaces or ""))
        self._keys.add(key)
        if replaces:
            self._keys.add(replaces)
        return key

    def _check_new(self, key: str) -> None:
        if key in self._keys:
            raise DocumentError(f"rozdział „{key}” jest już w dokumencie (komórka uruchomiona "
                                "dwa razy? uruchom notatnik od początku)")

    # ---------------------------------------------------------------- author content
    def markdown(self, text: str, *, chapter: str | None = None, section: str | None = None) -> None:
        """Add paragraphs written in Markdown (headings, bold, italics, lists, links).

        ``{key}`` in the text becomes a cross-reference to the table or figure added with
        that ``key`` earlier in the document ("zob. {ankieta}" -> "zob. Tabela 7").
        """
        if not isinstance(text, str) or not text.strip():
            raise DocumentError("tekst akapitu jest pusty")
        self._add(lambda rep: add_markdown(rep, text, self._refs), chapter, section)

    def table(self, df: pd.DataFrame, caption: str, source: str, *, chapter: str | None = None,
              section: str | None = None, key: str | None = None, decimals=None,
              widths: Sequence[float] | None = None, landscape: bool = False) -> None:
        """Add ``df`` as a numbered table with ``caption`` and the ``source`` line.

        Numbers are written the Polish way (``decimals``: one number for every column, or a
        mapping column -> decimals); ``key`` names the table for cross-references.
        """
        if not isinstance(df, pd.DataFrame):
            raise DocumentError(f"tabela musi być ramką danych pandas (DataFrame), podano "
                                f"{type(df).__name__}")
        _need(caption, "tabela musi mieć tytuł (podpis)")
        _need(source, f"tabela „{caption}” musi mieć źródło danych")
        frame = df.copy()
        if isinstance(decimals, int):
            decimals = {c: decimals for c in frame.columns
                        if pd.api.types.is_numeric_dtype(frame[c])}
        self._check_key(key)

        def write(rep: Report) -> None:
            ref = rep.table(frame, caption, source, formats=decimals, widths=widths,
                            landscape=landscape, bookmark=_bookmark(key))
            if key:
                self._refs[key] = ref
        self._add(write, chapter, section)

    def figure(self, fig, caption: str, source: str, *, chapter: str | None = None,
               section: str | None = None, key: str | None = None, width_cm: float = 15) -> None:
        """Add a matplotlib figure (or PNG bytes or a PNG file) as a numbered figure.

        The figure is drawn now, as it is when the cell runs (plain matplotlib; for the house
        look draw it inside ``with strategy.charts.house_style():``).
        """
        _need(caption, "wykres musi mieć tytuł (podpis)")
        _need(source, f"wykres „{caption}” musi mieć źródło danych")
        png = _png(fig)
        self._check_key(key)

        def write(rep: Report) -> None:
            ref = rep.figure(png, caption, source, width_cm=width_cm, bookmark=_bookmark(key))
            if key:
                self._refs[key] = ref
        self._add(write, chapter, section)

    def conclusions(self, text: str, *, chapter: str | None = None, section: str | None = None,
                    title: str = "Wnioski") -> None:
        """Add a framed box titled ``title`` ("Wnioski") with the author's interpretation
        (Markdown paragraphs and lists)."""
        if not isinstance(text, str) or not text.strip():
            raise DocumentError("treść wniosków jest pusta")

        def write(rep: Report) -> None:
            rep.note_box(title, box_paragraphs(text, self._refs))
        self._add(write, chapter, section)

    def page_break(self, *, chapter: str | None = None) -> None:
        """Start what follows on a new page."""
        self._add(lambda rep: rep.page_break(), chapter, None)

    def warn(self, kind: str, text: str) -> None:
        """Record a warning for the build summary and the control file (``kind``: a short id)."""
        self.warnings.append({"kind": str(kind), "text": str(text)})

    def _check_key(self, key: str | None) -> None:
        if key is not None and not _KEY_RE.match(key):
            raise DocumentError(f"nieprawidłowa nazwa odsyłacza „{key}”: małe litery łacińskie, "
                                "cyfry i podkreślenia, na początku litera")

    def _add(self, block: Callable[[Report], None], chapter: str | None,
             section: str | None) -> None:
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
        part.blocks.append((section, block))

    # ---------------------------------------------------------------- checks and saving
    def missing_statutory(self) -> list[Chapter]:
        """Return the default chapters with a statutory element that the document lacks."""
        return [c for c in self.outline.values() if c.statute and c.key not in self._keys]

    def outline_table(self) -> pd.DataFrame:
        """Return the chapters now in the document, in order, with the author's additions."""
        rows = [{"Rozdział": p.title, "Identyfikator": p.key,
                 "Rodzaj": "własny autora" if p.author else "domyślny",
                 "Element ustawowy": p.statute or "–", "Dodatki autora": len(p.blocks)}
                for p in self._parts if p.key]
        return pd.DataFrame(rows)

    def save(self, path: str | Path | None = None) -> Path:
        """Write the document (and its control file when there are warnings); return the path.

        A strategy that lacks a statutory chapter is saved all the same, with a control page
        naming the missing elements, and the warning goes to the build summary.
        """
        out = Path(path) if path is not None else self.out_path
        if out is None:
            raise DocumentError("nie podano ścieżki zapisu dokumentu")
        for c in self.missing_statutory():
            self.warn("statutowy", f"brak rozdziału „{c.title}” wymaganego przez art. 16b "
                                   f"ustawy o pomocy społecznej ({c.statute})")
        self._refs: dict[str, Ref] = {}
        self._slots.waiting.clear()
        self._slots.offered.clear()
        rep = self._open_report()
        for part in self._parts:
            for section, block in part.blocks:
                if section is not None:
                    self._slots.waiting.setdefault(section, []).append(block)
        for part in self._parts:
            if part.key and part.heading:
                self._refs[part.key] = self._heading(rep, part.title, 1)
            if part.write is not None:
                part.write(rep, self.ctx)
            for section, block in part.blocks:
                if section is None:
                    block(rep)
        if self._slots.waiting:
            names = ", ".join(sorted(self._slots.waiting))
            offered = ", ".join(dict.fromkeys(self._slots.offered)) or "brak"
            raise DocumentError(f"treść autora skierowana do sekcji, których w dokumencie nie "
                                f"ma: {names}; sekcje w dokumencie: {offered}")
        if self._closing is not None:
            self._closing(rep, self.ctx)
        missing = self.missing_statutory()
        if missing:
            rep.page_break()
            rep.heading("Kontrola kompletności dokumentu", 1, numbered=False)
            rep.paragraph(f"Projekt nie zawiera wszystkich elementów, których art. 16b ustawy "
                          f"o pomocy społecznej wymaga od {self.statutory_name or 'dokumentu'}. "
                          "Brakujące elementy:")
            rep.bullets([f"{c.statute} (rozdział „{c.title}”)" for c in missing])
        result = rep.save(out)
        write_control(result, self.warnings)
        for w in self.warnings:
            print(f"UWAGA: {w['text']}")
        return result

    def _repr_markdown_(self) -> str:
        lines = [f"**Dokument** ({self.kind}), rozdziały w kolejności:"]
        for p in self._parts:
            if p.key:
                extra = f" + {len(p.blocks)} dodatki autora" if p.blocks else ""
                lines.append(f"1. {p.title}{' (własny)' if p.author else ''}{extra}")
        for c in self.missing_statutory():
            lines.append(f"\n**Brak rozdziału wymaganego ustawą:** {c.title} ({c.statute})")
        return "\n".join(lines)


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
    os.chmod(tmp, 0o644)
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
    from matplotlib.figure import Figure

    if isinstance(fig, Figure):
        from ..charts import figure_to_png
        return figure_to_png(fig)
    raise DocumentError(f"wykres musi być figurą matplotlib, obrazem PNG (bajty) albo ścieżką "
                        f"pliku PNG, podano {type(fig).__name__}")


def _slug(title: str) -> str:
    import unicodedata

    s = unicodedata.normalize("NFKD", title.lower().replace("ł", "l"))
    s = re.sub(r"[^a-z0-9]+", "_", s.encode("ascii", "ignore").decode()).strip("_")
    if not s or not s[0].isalpha():
        s = "rozdzial_" + s
    return s[:40]
