"""Which plan file belongs to which unit: a light index of a folder of plan files.

In: a folder of YAML plan files. Out: :class:`PlanFile` entries (path, document kind, unit code,
top-level keys, and the reason when the file is not a usable plan) and :func:`find_entry` /
:func:`find_plan`. Kept free of pandas so the batch runner can plan its jobs quickly; the full
validation of a plan is :func:`strategy.plan.load_plan`.

A file that cannot be read as a plan is kept in the index with its error (file, line, column),
attributed - when its text still says so - to the document kind and unit it was written for, so
the documents that would use it fail with that message instead of vanishing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import PlanError
from .yaml_text import read_yaml

#: Document kinds a plan file may declare (names in Polish are in strategy.plan.model.DOCUMENT_KINDS).
KINDS = ("strategia_powiatu", "program_wspierania_rodziny", "program_pieczy_zastepczej")


@dataclass(frozen=True)
class PlanFile:
    """What a plan file says about itself: its path, document kind, unit and parts.

    ``error`` is empty for a readable plan; otherwise it says why the file cannot be used, and
    ``kind``/``unit`` are what its text suggests ("" when even that is unknown).
    """
    path: Path
    kind: str
    unit: str
    parts: frozenset
    error: str = ""
    inputs: tuple[Path, ...] = ()   # other files the plan names (the register of remarks)


def unit_code(value) -> str:
    """Return the unit code of a plan's ``jednostka`` as a 4- or 7-digit string.

    Raise :class:`PlanError` (Polish) for anything else, naming a code that lost its leading
    zero (``607`` for ``0607``, as a spreadsheet or an unquoted number leaves it).
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        raise PlanError("brak pola 'jednostka' (kod TERC: 4 cyfry powiatu albo 7 cyfr gminy)")
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise PlanError(f"pole 'jednostka': '{value}' nie jest kodem TERC")
    code = re.sub(r"[\s\u00a0\u202f]", "", str(value)).strip("\"'")
    if re.fullmatch(r"\d{4}|\d{7}", code):
        return code
    if re.fullmatch(r"\d{3}|\d{6}", code):
        raise PlanError(
            f"pole 'jednostka': '{code}' ma {len(code)} cyfr - to kod 0{code} bez zera na "
            f"początku (utracone zero); wpisz kod w cudzysłowie: jednostka: \"0{code}\"")
    raise PlanError(f"pole 'jednostka': '{value}' nie jest kodem TERC (4 cyfry powiatu albo "
                    "7 cyfr gminy, w cudzysłowie)")


_KEY_LINE = re.compile(r"^([ \t]*)([A-Za-z_][\w-]*)\s*:(.*)$", re.MULTILINE)


def _guess(text: str) -> tuple[str, str, frozenset]:
    """Return (kind, unit, top-level keys) as the text of an unreadable file suggests them.

    ``dokument`` and ``jednostka`` count wherever their line is indented (a stray tab or space
    is a common reason why the file does not parse); other keys only at the left margin.
    """
    keys, kind, unit = set(), "", ""
    for m in _KEY_LINE.finditer(text):
        key = m.group(2)
        if not m.group(1):
            keys.add(key)
        value = m.group(3).split("#")[0].strip().strip("\"'")
        if key == "dokument" and value in KINDS:
            kind = kind or value
        elif key == "jednostka" and re.fullmatch(r"\d{3,7}", value):
            unit = unit or (value if len(value) in (4, 7) else
                            "0" + value if len(value) in (3, 6) else "")
    return kind, unit, frozenset(keys)


def read_entry(path: Path) -> PlanFile:
    """Return the index entry of one plan file (never raises for a bad file)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raw = path.read_bytes().decode("utf-8", errors="replace")
        kind, unit, keys = _guess(raw)
        return PlanFile(path, kind, unit, keys, f"plik {path.name}: plik nie jest zapisany w "
                        "UTF-8 (zapisz go w Notatniku jako UTF-8)")
    except OSError as exc:
        return PlanFile(path, "", "", frozenset(),
                        f"plik {path.name}: nie można odczytać ({exc.strerror or exc})")
    try:
        data = read_yaml(text, path.name)
    except PlanError as exc:
        kind, unit, keys = _guess(text)
        return PlanFile(path, kind, unit, keys, str(exc))
    if not isinstance(data, dict):
        kind, unit, keys = _guess(text)
        return PlanFile(path, kind, unit, keys,
                        f"plik {path.name}: plik planu musi zawierać pola (klucz: wartość)")
    kind = data.get("dokument")
    parts = frozenset(str(k) for k in data)
    raw_unit = data.get("jednostka")
    try:
        unit = unit_code(raw_unit)
    except PlanError as exc:
        guess = re.sub(r"\D", "", str(raw_unit or ""))
        unit = guess if len(guess) in (4, 7) else "0" + guess if len(guess) in (3, 6) else ""
        return PlanFile(path, kind if kind in KINDS else "", unit, parts,
                        f"plik {path.name}: {exc}")
    if kind not in KINDS:
        return PlanFile(path, "", unit, parts,
                        f"plik {path.name}: pole 'dokument' ma wartość '{kind or ''}', a powinno "
                        f"mieć jedną z: {', '.join(KINDS)}")
    return PlanFile(path, kind, unit, parts, inputs=_named_files(data, path))


def _named_files(data: dict, path: Path) -> tuple[Path, ...]:
    """Return the files a plan names besides itself (``konsultacje.rejestr``, relative to the
    plan's folder), so a build notices when they change."""
    consultation = data.get("konsultacje")
    register = consultation.get("rejestr") if isinstance(consultation, dict) else None
    if not isinstance(register, str) or not register.strip():
        return ()
    named = Path(register.strip())
    return ((named if named.is_absolute() else path.parent / named).resolve(),)


def plan_index(folder: str | Path) -> list[PlanFile]:
    """Return every plan file of a folder (``*.yaml``/``*.yml``), sorted by name.

    Only the top-level keys are kept; an unreadable file is an entry with its ``error``.
    """
    return [read_entry(p) for p in sorted(Path(folder).glob("*.y*ml")) if p.is_file()]


def find_entry(index: list[PlanFile], kind: str, teryt: str, *, own: bool = False,
               part: str | None = None) -> PlanFile | None:
    """Return the index entry of the plan of ``kind`` for unit ``teryt``, or None.

    With ``own=False`` a gmina without a plan of its own gets the plan of another gmina of the
    same powiat (the first by file name), which the document builders use as a template (and
    say so in the document). ``part`` requires a top-level key, e.g. ``sprawozdanie`` for an
    implementation report. An unreadable file counts where its text says it belongs: the
    document then fails with the file's error instead of silently using another plan.
    """
    plans = [p for p in index if p.kind == kind and (part is None or part in p.parts)]
    for p in plans:
        if p.unit == teryt:
            return p
    if own:
        return None
    for p in plans:
        if len(p.unit) == len(teryt) and p.unit[:4] == teryt[:4]:
            return p
    return None


def programme_entries(index: list[PlanFile], powiat: str) -> list[PlanFile]:
    """Return the entries of the sectoral programmes of ``powiat``: its foster-care programme
    and the family-support programmes of its gminas that have a plan of their own (what the
    strategy's consistency checks read; :mod:`strategy.inputs` declares them as the
    strategy's inputs)."""
    return [e for e in index
            if (e.kind == "program_pieczy_zastepczej" and e.unit == powiat)
            or (e.kind == "program_wspierania_rodziny" and len(e.unit) == 7
                and e.unit[:4] == powiat)]


def find_plan(folder: str | Path, kind: str, teryt: str, *, own: bool = False,
              part: str | None = None, index: list[PlanFile] | None = None) -> Path | None:
    """Return the path of the readable plan :func:`find_entry` picks, or None."""
    entry = find_entry(index if index is not None else plan_index(folder), kind, teryt,
                       own=own, part=part)
    return entry.path if entry is not None and not entry.error else None
