"""Collecting remarks from the Word files the gminas send back.

In: returned .docx files (one file or a folder of whatever arrived, bad files included).
Out: :class:`Remark` rows - comments (with replies), tracked changes (as a proposed wording with
the sentence around it) and the filled rows of the remarks form - each tagged with the gmina,
the draft version, the section (``sec_*`` bookmark and heading) and a stable identifier; plus a
log of :class:`LogEntry` lines in Polish (what was read, what was refused and why).

The XML is read directly (see :mod:`.safety`), never through python-docx, so text inside
insertions and deletions is never skipped.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element

from ..errors import UnitError
from ..units import default_registry, normalize_code, validate_terc
from .safety import RefusedFile, SafeDocx, open_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
DCT = "{http://purl.org/dc/terms/}"
REL_COMMENTS = "/comments"
REL_COMMENTS_EXT = "/commentsExtended"
REL_STYLES = "/styles"
REL_CUSTOM = "/custom-properties"
REL_CORE = "/metadata/core-properties"

KINDS = ("komentarz", "zmiana", "formularz")
#: Longest remark text kept; longer texts are cut and the cut is said in the text and the log.
MAX_TEXT_CHARS = 20_000
#: Longest commented passage or context kept.
MAX_FRAGMENT_CHARS = 2_000
#: Custom document properties the draft writer sets (see the package docstring).
PROP_DOCUMENT, PROP_VERSION, PROP_TERYT, PROP_GMINA, PROP_SENT = (
    "strategy_document", "strategy_version", "strategy_teryt", "strategy_gmina", "strategy_sent")
SECTION_PREFIX = "sec_"
#: Header cells of the remarks form, in order (matched loosely: case, spaces, punctuation).
FORM_HEADER = ("Lp.", "Część dokumentu / rozdział", "Strona lub akapit", "Treść uwagi",
               "Proponowane brzmienie", "Uzasadnienie")

_DELETING = ("del", "moveFrom")
_INSERTING = ("ins", "moveTo")
_REVISIONS = {W + k: k for k in _DELETING + _INSERTING}
_SKIP = {W + t for t in ("pPr", "rPr", "instrText", "delInstrText", "drawing", "pict", "object",
                         "p", "txbxContent", "sectPr", "tblPr", "trPr", "tcPr")}
_SKIP.add("{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent")


@dataclass(frozen=True)
class Remark:
    """One remark of a gmina, as it goes into the register."""

    id: str
    teryt: str
    gmina: str
    version: str
    kind: str            # 'komentarz' | 'zmiana' | 'formularz'
    author: str
    date: str            # 'RRRR-MM-DD GG:MM' or 'RRRR-MM-DD' or ''
    section_id: str      # the id of the nearest preceding sec_* bookmark ('3_2'), or ''
    section_title: str   # the heading text of that section
    fragment: str        # the commented passage / the original sentence / 'Strona lub akapit'
    text: str            # the remark itself
    proposed: str = ""   # proposed wording (tracked change: the sentence after the change)
    justification: str = ""
    file: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class LogEntry:
    """One line of the collection log, in Polish."""

    file: str
    status: str          # 'wczytano' | 'odrzucono' | 'pominięto' | 'uwaga'
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.status} - {self.message}" if self.message else \
            f"{self.file}: {self.status}"


@dataclass
class FileRemarks:
    """What one returned file gave: its origin, remarks and notes, or why it was refused."""

    file: str
    teryt: str = ""
    gmina: str = ""
    version: str = ""
    document: str = ""
    sent: str = ""
    remarks: list[Remark] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problem: str | None = None     # Polish reason the file was refused (then remarks == [])
    reason: str = ""               # short machine id of the refusal ('makra', 'xml_dtd', ...)

    @property
    def ok(self) -> bool:
        return self.problem is None


# ---------------------------------------------------------------------------------------------
# Public functions


def collect_file(path: str | Path) -> FileRemarks:
    """Return the remarks of one returned file; a refused file gives ``problem`` set, no raise."""
    path = Path(path)
    result = FileRemarks(file=path.name)
    try:
        with open_docx(path) as pkg:
            _Reader(pkg, result).run()
            if pkg.external_links:
                result.notes.append(
                    f"plik zawiera odwołania zewnętrzne ({pkg.external_links}); pominięto je, "
                    "niczego nie pobierano")
    except RefusedFile as exc:
        result.remarks, result.problem, result.reason = [], str(exc), exc.reason
    except RecursionError:
        result.remarks, result.reason = [], "uszkodzony"
        result.problem = "zbyt głęboko zagnieżdżona struktura XML; plik odrzucono"
    except Exception as exc:  # one odd file must not stop the whole run
        result.remarks, result.reason = [], "blad"
        result.problem = f"nieoczekiwany błąd odczytu ({type(exc).__name__}: {exc})"
    return result


def collect_folder(folder: str | Path, exclude=()) -> tuple[list[Remark], list[LogEntry]]:
    """Return the remarks of every file in ``folder`` (not subfolders) and the log.

    Every entry of the folder gets exactly one log line with the status ``wczytano``,
    ``odrzucono`` or ``pominięto`` (and a reason), hidden names (``.nazwa.docx``) included, so
    the counts add up to the number of entries; notes on read files come as extra ``uwaga``
    lines. Every file is tried whatever its extension; refused files are logged and skipped. A
    remark found again (the same file sent twice, a later copy with the same comments) appears
    once. ``exclude`` lists paths not to read (e.g. the register itself when it lives in the
    folder); they are logged as skipped. Symbolic links are followed only to files inside the
    folder.
    """
    folder = Path(folder)
    root = folder.resolve()
    skip = {Path(p).resolve() for p in exclude}
    remarks: list[Remark] = []
    log: list[LogEntry] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        why = skip_reason(path, root, skip)
        if why:
            log.append(LogEntry(path.name, "pominięto", why))
            continue
        fr = collect_file(path)
        if not fr.ok:
            log.append(LogEntry(fr.file, "odrzucono", fr.problem or ""))
            continue
        new, repeated, first = 0, 0, ""
        for r in fr.remarks:
            if r.id in seen:
                repeated += 1
                first = first or seen[r.id]
                continue
            seen[r.id] = fr.file
            remarks.append(r)
            new += 1
        origin = f"gmina {fr.gmina or '?'} ({fr.teryt or 'kod nieustalony'})"
        if fr.version:
            origin += f", wersja {fr.version}"
        log.append(LogEntry(fr.file, "wczytano", f"{origin}; nowe uwagi: {new}"))
        if repeated:
            log.append(LogEntry(fr.file, "uwaga",
                                f"uwagi powtórzone z pliku {first}: {repeated} (pominięto powtórzenia)"))
        log.extend(LogEntry(fr.file, "uwaga", n) for n in fr.notes)
    return remarks, log


#: Files an operating system leaves in folders by itself (never a returned document).
SYSTEM_FILES = {".ds_store": "macOS", "thumbs.db": "Windows", "desktop.ini": "Windows"}


def skip_reason(path: Path, root: Path, exclude=frozenset()) -> str:
    """Return, in Polish, why the folder entry ``path`` is not read ("" when it is read).

    ``root`` is the resolved folder; ``exclude`` holds resolved paths of our own output files.
    """
    name = path.name
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(root):
            return ("dowiązanie symboliczne do pliku spoza folderu; pliki spoza folderu nie są "
                    "czytane (skopiuj plik do folderu)")
        if not target.exists():
            return "dowiązanie symboliczne do pliku, który nie istnieje"
    if path.resolve() in exclude:
        return "plik utworzony przez to polecenie (rejestr uwag, jego kopia lub raport)"
    if path.is_dir():
        return "podfolder; czytane są tylko pliki leżące bezpośrednio w folderze"
    if not path.is_file():
        return "nie jest zwykłym plikiem (np. potok lub gniazdo)"
    if name.startswith("~$"):
        return "plik tymczasowy programu Word (dokument był otwarty), nie zawiera uwag"
    system = SYSTEM_FILES.get(name.casefold())
    if system:
        return f"plik pomocniczy systemu {system}, nie dokument"
    if name.startswith("._"):
        return "plik pomocniczy systemu macOS (zapis atrybutów pliku), nie dokument"
    return ""


def remark_id(teryt: str, version: str, kind: str, author: str, location: str, text: str) -> str:
    """Return the stable identifier of a remark (the same remark found twice has the same id)."""
    key = "\x1f".join(_norm(x) for x in (teryt, version, kind, author, location, text))
    return "U-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10].upper()


# ---------------------------------------------------------------------------------------------
# Reading one package


@dataclass
class _Rev:
    kind: str
    author: str
    date: str


@dataclass
class _Tok:
    text: str
    rev: _Rev | None      # innermost revision around the text
    visible: bool         # shown in the document as it is now (insertions kept, deletions gone)
    original: bool        # present before any tracked change


class _Reader:
    def __init__(self, pkg: SafeDocx, result: FileRemarks):
        self.pkg, self.res = pkg, result
        self.sections: dict[str, str] = {}
        self.heading_styles: set[str] = set()
        self.form_paragraphs: set[int] = set()
        self.out: list[Remark] = []

    # -- orchestration --
    def run(self) -> None:
        pkg = self.pkg
        root_rels = pkg.relationships("")
        rels = pkg.relationships(pkg.main_part)
        self._identify(self._props(_target(root_rels, REL_CUSTOM, "docProps/custom.xml")))
        core = pkg.xml(_target(root_rels, REL_CORE, "docProps/core.xml"))
        self.core_date = _date(_text_of(core, DCT + "modified")) if core is not None else ""
        self._styles(pkg.xml(_target(rels, REL_STYLES, "word/styles.xml")))
        doc = pkg.xml(pkg.main_part)
        body = doc.find(W + "body") if doc is not None else None
        if body is None:
            raise RefusedFile("dokument nie ma treści (brak elementu w:body)", "uszkodzony")
        comments = self._comments(pkg.xml(_target(rels, REL_COMMENTS, "word/comments.xml")),
                                  pkg.xml(_target(rels, REL_COMMENTS_EXT, "word/commentsExtended.xml")))
        forms = self._find_forms(body)
        placed = self._walk_body(body)
        self._emit_comments(comments, placed)
        for table, cols in forms:
            self._emit_form(table, cols)
        if not self.sections:
            self.res.notes.append("w pliku nie ma zakładek rozdziałów sec_*; rozdziały ustalono "
                                  "tylko z nagłówków")
        self.res.remarks = self.out

    def _remark(self, kind, author, date, sid, title, fragment, text, location,
                proposed="", justification="") -> None:
        res = self.res
        text = self._cap(text, MAX_TEXT_CHARS, kind)
        self.out.append(Remark(
            id=remark_id(res.teryt or res.gmina, res.version, kind, author, location, text),
            teryt=res.teryt, gmina=res.gmina, version=res.version, kind=kind, author=author,
            date=date, section_id=sid, section_title=title,
            fragment=_clip(fragment, MAX_FRAGMENT_CHARS), text=text,
            proposed=self._cap(proposed, MAX_TEXT_CHARS, kind),
            justification=self._cap(justification, MAX_TEXT_CHARS, kind), file=res.file))

    def _cap(self, text: str, limit: int, kind: str) -> str:
        if len(text) <= limit:
            return text
        self.res.notes.append(f"{kind}: tekst miał {len(text)} znaków; skrócono do {limit}")
        return text[:limit] + f" […] (tekst skrócono: oryginał miał {len(text)} znaków)"

    # -- origin: custom properties, file name --
    def _props(self, part: str) -> dict[str, str]:
        root = self.pkg.xml(part)
        out = {}
        if root is not None:
            for prop in root:
                name = prop.get("name")
                if name and len(prop):
                    out[name.strip().lower()] = (prop[0].text or "").strip()
        return out

    def _identify(self, props: dict[str, str]) -> None:
        res = self.res
        res.document, res.sent = props.get(PROP_DOCUMENT, ""), props.get(PROP_SENT, "")
        res.version = props.get(PROP_VERSION, "")
        raw = props.get(PROP_TERYT, "")
        if raw:
            try:
                res.teryt = validate_terc(normalize_code(raw))
            except UnitError:
                res.notes.append(f"właściwość {PROP_TERYT} ma niepoprawną wartość '{raw[:40]}'")
        res.gmina = props.get(PROP_GMINA, "")
        if res.teryt and not res.gmina:
            res.gmina = _registry_name(res.teryt)
        if res.teryt and res.version:
            return
        guess_teryt, guess_name, guess_version = _from_file_name(res.file)
        used = []
        if not res.teryt and guess_teryt:
            res.teryt, res.gmina = guess_teryt, res.gmina or guess_name
            used.append(f"gminę ({guess_teryt} {guess_name})")
        elif not res.teryt and not res.gmina and guess_name:
            res.gmina = guess_name
            used.append(f"gminę ({guess_name})")
        if not res.version and guess_version:
            res.version = guess_version
            used.append(f"wersję ({guess_version})")
        missing = [n for n, v in ((PROP_TERYT, raw), (PROP_VERSION, props.get(PROP_VERSION)))
                   if not v]
        if missing:
            msg = f"brak właściwości dokumentu {', '.join(missing)}"
            msg += f"; z nazwy pliku ustalono {' i '.join(used)}" if used else ""
            if not res.teryt and not res.gmina:
                msg += "; nie ustalono, od której gminy pochodzi plik"
            res.notes.append(msg)

    # -- styles --
    def _styles(self, root: Element | None) -> None:
        if root is None:
            return
        info = {}
        for st in root.iter(W + "style"):
            sid = st.get(W + "styleId") or ""
            name = (_val(st.find(W + "name")) or "").lower()
            based = _val(st.find(W + "basedOn"))
            lvl = _val(st.find(f"{W}pPr/{W}outlineLvl"))
            info[sid] = (name, based, lvl)
        for sid in info:
            cur, depth = sid, 0
            while cur in info and depth < 20:
                name, based, lvl = info[cur]
                if _is_heading_name(name) or _is_heading_name(cur.lower()) or _level_ok(lvl):
                    self.heading_styles.add(sid)
                    break
                cur, depth = based, depth + 1

    def _is_heading(self, p: Element) -> bool:
        ppr = p.find(W + "pPr")
        if ppr is None:
            return False
        lvl = _val(ppr.find(W + "outlineLvl"))
        if lvl is not None:
            return _level_ok(lvl)
        style = _val(ppr.find(W + "pStyle")) or ""
        return style in self.heading_styles or _is_heading_name(style.lower())

    # -- comments --
    def _comments(self, root: Element | None, ext: Element | None) -> dict[str, dict]:
        out: dict[str, dict] = {}
        if root is None:
            return out
        para_owner: dict[str, str] = {}
        for c in root.iter(W + "comment"):
            cid = c.get(W + "id") or ""
            paras = c.findall(f".//{W}p")
            text = "\n".join(_visible(_tokens(p)) for p in paras).strip()
            for p in paras:
                if p.get(W14 + "paraId"):
                    para_owner[p.get(W14 + "paraId")] = cid
            out[cid] = {"author": (c.get(W + "author") or "").strip(),
                        "date": _date(c.get(W + "date")), "text": text, "parent": None,
                        "last_para": paras[-1].get(W14 + "paraId") if paras else None}
        if ext is not None:
            parents = {e.get(W15 + "paraId"): e.get(W15 + "paraIdParent")
                       for e in ext.iter(W15 + "commentEx")}
            for cid, c in out.items():
                parent_para = parents.get(c["last_para"])
                parent = para_owner.get(parent_para) if parent_para else None
                if parent and parent != cid:
                    c["parent"] = parent
        return out

    def _emit_comments(self, comments: dict[str, dict], placed: dict[str, tuple]) -> None:
        def root_of(cid: str) -> str:
            seen = set()
            while comments[cid]["parent"] in comments and cid not in seen:
                seen.add(cid)
                cid = comments[cid]["parent"]
            return cid

        replies: dict[str, list[str]] = {}
        for cid, c in comments.items():
            if c["parent"] in comments:
                who = c["author"] or "autor nieznany"
                when = f", {c['date']}" if c["date"] else ""
                replies.setdefault(root_of(cid), []).append(f"Odpowiedź ({who}{when}): {c['text']}")
        for cid, c in comments.items():
            if c["parent"] in comments:
                continue
            sid, title, fragment = placed.get(cid, ("", "", ""))
            text = "\n".join([c["text"], *replies.get(cid, [])])
            self._remark("komentarz", c["author"], c["date"], sid, title, fragment, text,
                         location=f"{sid or title}|{fragment}")

    # -- body walk: sections, comment ranges, tracked changes --
    def _walk_body(self, body: Element) -> dict[str, tuple]:
        sid, title = "", ""
        open_ranges: dict[str, dict] = {}
        placed: dict[str, tuple] = {}
        for p in body.iter(W + "p"):
            toks = _tokens(p, marks=True)
            texts = [t for t in toks if isinstance(t, _Tok)]
            heading = self._is_heading(p)
            bms = [t[1] for t in toks if isinstance(t, tuple) and t[0] == "bm"
                   and t[1].lower().startswith(SECTION_PREFIX)]
            if bms:
                sid = bms[0][len(SECTION_PREFIX):]
                title = _visible(texts).strip() if heading else ""
            elif heading:
                title = _visible(texts).strip()
            if bms:
                self.sections[sid] = title
            elif heading and sid and not self.sections.get(sid):
                self.sections[sid] = title
            for t in toks:
                if isinstance(t, _Tok):
                    if t.visible:
                        for r in open_ranges.values():
                            r["parts"].append(t.text)
                elif t[0] == "cs":
                    open_ranges[t[1]] = {"parts": [], "where": (sid, title)}
                elif t[0] == "ce" and t[1] in open_ranges:
                    r = open_ranges.pop(t[1])
                    placed[t[1]] = (*r["where"], _squash("".join(r["parts"])))
                elif t[0] == "cr" and t[1] not in placed and t[1] not in open_ranges:
                    placed[t[1]] = (sid, title, "")
            for r in open_ranges.values():
                r["parts"].append("\n")
            if id(p) not in self.form_paragraphs:
                self._emit_changes(texts, sid, title)
        for cid, r in open_ranges.items():  # a range that never ends: keep what was read
            placed.setdefault(cid, (*r["where"], _squash("".join(r["parts"]))))
        return placed

    def _emit_changes(self, toks: list[_Tok], sid: str, title: str) -> None:
        groups: list[list[int]] = []
        current: list[int] | None = None
        author = None
        for i, t in enumerate(toks):
            if t.rev is None:
                if current is not None and not t.text.strip():
                    continue
                current = None
            elif current is not None and t.rev.author == author:
                current.append(i)
            else:
                current, author = [i], t.rev.author
                groups.append(current)
        for g in groups:
            members = set(g)
            before, b0, b1 = _render(toks, lambda i, t: t.original, members)
            after, a0, a1 = _render(
                toks, lambda i, t: t.visible if i in members else t.original, members)
            fragment, proposed = _sentence(before, b0, b1), _sentence(after, a0, a1)
            deleted = "".join(toks[i].text for i in g if not toks[i].visible)
            inserted = "".join(toks[i].text for i in g if toks[i].visible and not toks[i].original)
            moved = any(toks[i].rev.kind.startswith("move") for i in g)
            parts = []
            if deleted.strip():
                parts.append(f"{'przeniesiono stąd' if moved else 'usunięto'}: „{deleted.strip()}”")
            if inserted.strip():
                parts.append(f"{'przeniesiono tutaj' if moved else 'wstawiono'}: „{inserted.strip()}”")
            if not parts:
                continue
            text = "; ".join(parts)
            text = text[0].upper() + text[1:]
            rev = toks[g[0]].rev
            self._remark("zmiana", rev.author, rev.date, sid, title, fragment, text,
                         location=f"{sid or title}|{fragment}", proposed=proposed)

    # -- the remarks form --
    def _find_forms(self, body: Element) -> list[tuple[Element, dict[str, int]]]:
        forms = []
        for tbl in body.iter(W + "tbl"):
            rows = tbl.findall(W + "tr")
            if not rows:
                continue
            cols = _form_columns([_cell_text(c) for c in rows[0].findall(W + "tc")])
            if cols is None:
                continue
            forms.append((tbl, cols))
            self.form_paragraphs.update(id(p) for p in tbl.iter(W + "p"))
        return forms

    def _emit_form(self, tbl: Element, cols: dict[str, int]) -> None:
        for tr in tbl.findall(W + "tr")[1:]:
            cells = [_cell_text(c) for c in tr.findall(W + "tc")]
            get = lambda key: cells[cols[key]].strip() if key in cols and cols[key] < len(cells) else ""
            text, proposed, just = get("text"), get("proposed"), get("justification")
            where, place = get("section"), get("place")
            if not (text or proposed or just):
                continue  # an empty template row (or one with only a chapter typed in)
            sid, title = self._match_section(where)
            self._remark("formularz", self.res.gmina, self.core_date, sid, title, place, text,
                         location=f"{where}|{place}", proposed=proposed, justification=just)

    def _match_section(self, cell: str) -> tuple[str, str]:
        low = _norm(cell).lower()
        # annexes: "Z1.2" or "Załącznik 1" / "zał. nr 1" -> sec_Z1_2 / sec_Z1 (not chapter 1)
        key_of = {k.lower(): k for k in self.sections}
        annex = re.sub(r"\bza[łl](?:[ąa]cznik\w*|\.)\s*(?:nr\.?\s*)?(?=\d)", "z", low)
        for m in re.finditer(r"(?<![\w.])(z?\d+(?:\.\d+)*)", annex):
            key = key_of.get(m.group(1).replace(".", "_"))
            if key is not None:
                return key, self.sections[key]
        for key, title in self.sections.items():
            if title and low and (_norm(title).lower() in low or low in _norm(title).lower()):
                return key, title
        return "", cell


# ---------------------------------------------------------------------------------------------
# XML helpers


def _tokens(p: Element, marks: bool = False) -> list:
    """Return the text tokens of one paragraph (and, with ``marks``, comment/bookmark marks)."""
    out: list = []

    def walk(el: Element, stack: tuple[_Rev, ...]) -> None:
        for child in el:
            tag = child.tag
            if tag in _SKIP:
                continue
            if tag in _REVISIONS:
                rev = _Rev(_REVISIONS[tag], (child.get(W + "author") or "").strip(),
                           _date(child.get(W + "date")))
                walk(child, stack + (rev,))
                continue
            text = None
            if tag in (W + "t", W + "delText"):
                text = child.text or ""
            elif tag in (W + "tab", W + "ptab"):
                text = "\t"
            elif tag in (W + "br", W + "cr"):
                text = "\n"
            elif tag == W + "noBreakHyphen":
                text = "-"
            elif marks and tag == W + "commentRangeStart":
                out.append(("cs", child.get(W + "id") or ""))
            elif marks and tag == W + "commentRangeEnd":
                out.append(("ce", child.get(W + "id") or ""))
            elif marks and tag == W + "commentReference":
                out.append(("cr", child.get(W + "id") or ""))
            elif marks and tag == W + "bookmarkStart":
                out.append(("bm", child.get(W + "name") or ""))
            else:
                walk(child, stack)
            if text is not None:
                kinds = [r.kind for r in stack]
                out.append(_Tok(text, stack[-1] if stack else None,
                                visible=not any(k in _DELETING for k in kinds),
                                original=not any(k in _INSERTING for k in kinds)))

    walk(p, ())
    return out


def _visible(toks) -> str:
    return "".join(t.text for t in toks if isinstance(t, _Tok) and t.visible)


def _render(toks: list[_Tok], keep, members: set[int]) -> tuple[str, int, int]:
    """Return the text of kept tokens and the span the group ``members`` covers in it."""
    buf, start, end = [], None, None
    pos = 0
    for i, t in enumerate(toks):
        if i in members and start is None:
            start = pos
        if keep(i, t):
            buf.append(t.text)
            pos += len(t.text)
        if i in members:
            end = pos
    return "".join(buf), start or 0, end if end is not None else pos


_SENTENCE_END = re.compile(r"[.!?…;](?=\s)|\n")


def _sentence(text: str, start: int, end: int) -> str:
    """Return the sentence(s) of ``text`` around ``text[start:end]``."""
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    m = _SENTENCE_END.search(text, max(end, left))
    right = m.end() if m else len(text)
    return _squash(text[left:right])


def _cell_text(tc: Element) -> str:
    return "\n".join(_visible(_tokens(p)) for p in tc.iter(W + "p")).strip()


def _form_columns(header: list[str]) -> dict[str, int] | None:
    keys = {}
    for i, cell in enumerate(header):
        h = _fold(cell)
        if h.startswith("lp"):
            keys.setdefault("lp", i)
        elif "tresc" in h:
            keys.setdefault("text", i)
        elif "proponowan" in h:
            keys.setdefault("proposed", i)
        elif "uzasadnien" in h:
            keys.setdefault("justification", i)
        elif "czesc" in h or "rozdzial" in h:
            keys.setdefault("section", i)
        elif "strona" in h or "akapit" in h:
            keys.setdefault("place", i)
    return keys if {"lp", "text"} <= keys.keys() else None


def _target(rels: list[tuple[str, str]], suffix: str, default: str) -> str:
    return next((t for rtype, t in rels if rtype.endswith(suffix)), default)


def _val(el: Element | None) -> str | None:
    return None if el is None else el.get(W + "val")


def _text_of(root: Element, tag: str) -> str:
    el = root.find(tag)
    return (el.text or "") if el is not None else ""


def _is_heading_name(name: str) -> bool:
    return name.startswith(("heading", "nagłówek", "naglowek", "nagwek"))


def _level_ok(lvl: str | None) -> bool:
    return lvl is not None and lvl.isdigit() and int(lvl) < 9


def _date(raw: str | None) -> str:
    if not raw:
        return ""
    m = re.match(r"(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?", raw.strip())
    if not m:
        return raw.strip()[:40]
    return f"{m.group(1)} {m.group(2)}" if m.group(2) else m.group(1)


def _squash(text: str) -> str:
    return re.sub(r"[ \t\u00a0]+", " ", re.sub(r"\s*\n\s*", "\n", text)).strip()


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + " […]"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text or "")).strip()


def _fold(text: str) -> str:
    """Return lower-case ASCII letters and digits of ``text`` (for loose header matching)."""
    s = unicodedata.normalize("NFKD", (text or "").lower().replace("ł", "l"))
    return re.sub(r"[^a-z0-9]", "", s.encode("ascii", "ignore").decode())


def _registry_name(teryt: str) -> str:
    try:
        return default_registry().display_name(teryt)
    except Exception:
        return ""


def _from_file_name(name: str) -> tuple[str, str, str]:
    """Return (teryt, gmina name, version) guessed from a file name; empty strings if unknown."""
    stem = Path(name).stem
    teryt = gmina = ""
    for m in re.finditer(r"(?<!\d)(\d{7})(?!\d)", stem):
        try:
            teryt = validate_terc(m.group(1))
            break
        except UnitError:
            continue
    if teryt:
        gmina = _registry_name(teryt)
    else:
        folded = _fold(stem)
        for unit in default_registry():
            if unit.kind == "gmina" and _fold(unit.name) and _fold(unit.name) in folded:
                if not gmina or len(unit.name) > len(gmina):
                    gmina = unit.name
    m = re.search(r"(?:^|[^a-z])(?:v|wersja)[ _-]?(\d+(?:[._]\d+)*)", stem.lower())
    version = m.group(1).replace("_", ".") if m else ""
    return teryt, gmina, version
