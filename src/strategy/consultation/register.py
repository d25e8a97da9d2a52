"""The working register of remarks: an XLSX the authors answer in, kept across runs.

In: :class:`~.collect.Remark` rows from :func:`~.collect.collect_folder` and, if it exists, the
register written by an earlier run, in which the authors typed ``Stanowisko`` and
``Uzasadnienie stanowiska``. Out: the updated XLSX (written atomically, the previous file kept
as ``<nazwa>.kopia.xlsx``), a CSV copy (UTF-8 with BOM, ``;``) and :class:`RegisterResult`;
:func:`register_frame` returns the register as a frame for the consultation report.

Rows are matched by ``Identyfikator`` only, never by position: rows the user reordered or
edited keep everything they typed (the whole row is kept as it is), rows the user added by hand
are kept, remarks no longer found in the files are kept and marked in ``Status``, and new
remarks are added at the end with the next ``Lp.``.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..errors import InputError
from ..ingest.limits import xlsx_problem
from ..spreadsheet_cells import append_row, csv_text, text_cell
from .collect import Remark

SHEET = "Rejestr uwag"
COLUMNS = ["Lp.", "Identyfikator", "Gmina", "Wersja", "Rodzaj", "Autor", "Data", "Rozdział",
           "Fragment", "Uwaga", "Proponowana zmiana", "Stanowisko", "Uzasadnienie stanowiska",
           "Plik", "Status"]
#: Allowed answers in ``Stanowisko`` (offered as a drop-down list).
RESPONSES = ("uwzględniono", "nie uwzględniono", "częściowo uwzględniono")
STATUS_MISSING = "nie znaleziono w plikach"
_WIDTHS = {"Lp.": 6, "Identyfikator": 14, "Gmina": 22, "Wersja": 8, "Rodzaj": 11, "Autor": 18,
           "Data": 16, "Rozdział": 26, "Fragment": 40, "Uwaga": 50, "Proponowana zmiana": 40,
           "Stanowisko": 22, "Uzasadnienie stanowiska": 40, "Plik": 24, "Status": 24}
_GREY = PatternFill("solid", fgColor="DDDDDD")


@dataclass
class RegisterResult:
    """What an update did to the register."""

    path: Path
    csv_path: Path | None = None
    backup_path: Path | None = None
    added: list[str] = field(default_factory=list)     # ids of remarks added at the end
    kept: int = 0                                      # rows carried over from the old register
    missing: int = 0                                   # of those, remarks not found any more
    total: int = 0


def remark_row(r: Remark) -> dict[str, object]:
    """Return the register row of a remark (Polish column names, responses empty)."""
    gmina = f"{r.gmina} ({r.teryt})" if r.gmina and r.teryt else (r.gmina or r.teryt)
    section = " ".join(x for x in (r.section_id.replace("_", "."), r.section_title) if x)
    text = r.text
    if r.justification:
        text += f"\n\nUzasadnienie gminy: {r.justification}"
    return {"Identyfikator": r.id, "Gmina": gmina, "Wersja": r.version, "Rodzaj": r.kind,
            "Autor": r.author, "Data": r.date, "Rozdział": section, "Fragment": r.fragment,
            "Uwaga": text, "Proponowana zmiana": r.proposed, "Stanowisko": "",
            "Uzasadnienie stanowiska": "", "Plik": r.file, "Status": ""}


def update_register(remarks: list[Remark], xlsx_path: str | Path,
                    csv_path: str | Path | None = None) -> RegisterResult:
    """Create or update the register with ``remarks``; return what changed.

    The old register is read first; if it cannot be read the function raises
    :class:`~strategy.errors.InputError` and writes nothing.
    """
    path = Path(xlsx_path)
    headers, rows = _read(path) if path.exists() else (list(COLUMNS), [])
    extra = [h for h in headers if h not in COLUMNS]
    found = {r.id for r in remarks}
    today = dt.date.today().isoformat()
    known, missing = set(), 0
    for row in rows:
        rid = _s(row.get("Identyfikator"))
        if not rid:
            continue
        known.add(rid)
        if rid in found:
            row["Status"] = ""
        else:
            missing += 1
            if not _s(row.get("Status")).startswith(STATUS_MISSING):
                row["Status"] = f"{STATUS_MISSING} (odczyt {today})"
    result = RegisterResult(path=path, kept=len(rows), missing=missing)
    next_lp = max([_int(row.get("Lp.")) for row in rows] + [0]) + 1
    for r in remarks:
        if r.id in known:
            continue
        known.add(r.id)
        rows.append({"Lp.": next_lp, **remark_row(r)})
        result.added.append(r.id)
        next_lp += 1
    columns = COLUMNS + extra
    result.total = len(rows)
    wb = _workbook(columns, rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp(path)
    try:
        wb.save(tmp)
        check_headers, check_rows = _read(tmp)  # what is about to replace the old file reads back
        if len(check_rows) != len(rows):
            raise InputError(f"kontrola zapisu rejestru {path.name} nie powiodła się")
        if path.exists():
            result.backup_path = path.with_name(f"{path.stem}.kopia{path.suffix}")
            _copy(path, result.backup_path)
        _replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    if csv_path is not None:
        result.csv_path = _write_csv(columns, rows, Path(csv_path))
    return result


def register_frame(xlsx_path: str | Path) -> pd.DataFrame:
    """Return the register as a frame (columns as in the XLSX, all values as text)."""
    headers, rows = _read(Path(xlsx_path))
    cols = COLUMNS + [h for h in headers if h not in COLUMNS]
    data = {c: [_s(row.get(c)) for row in rows] for c in cols}
    return pd.DataFrame(data, columns=cols).astype("string")


# ---------------------------------------------------------------------------------------------


def _read(path: Path) -> tuple[list[str], list[dict]]:
    too_big = xlsx_problem(Path(path), str(path))  # edited by people: checked before opening
    if too_big:
        raise InputError(f"rejestr uwag {path}: {too_big.message}; plik pozostawiono bez zmian")
    try:
        wb = load_workbook(path)
    except Exception as exc:
        raise InputError(
            f"nie można odczytać rejestru uwag {path}: {exc}; plik pozostawiono bez zmian "
            "(napraw go lub wskaż inny plik)") from exc
    ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
    header_cells = next(ws.iter_rows(min_row=1, max_row=1), ())
    headers = [_s(c.value) for c in header_cells]
    if "Identyfikator" not in headers:
        raise InputError(f"plik {path} nie jest rejestrem uwag: brak kolumny 'Identyfikator' "
                         "w pierwszym wierszu; plik pozostawiono bez zmian")
    rows = []
    for values in ws.iter_rows(min_row=2, values_only=True):
        if all(v is None or _s(v) == "" for v in values):
            continue
        rows.append({h: v for h, v in zip(headers, values) if h})
    wb.close()
    return [h for h in headers if h], rows


def _workbook(columns: list[str], rows: list[dict]) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    append_row(ws, columns)  # extra columns are named by the user
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, row in enumerate(rows, start=2):
        grey = _s(row.get("Status")).startswith(STATUS_MISSING)
        for j, col in enumerate(columns, start=1):
            value = row.get(col)
            if isinstance(value, str) and value == "":
                value = None
            cell = text_cell(ws, i, j, value)  # text from a returned file is never a formula
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if grey:
                cell.fill = _GREY
    for j, col in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(j)].width = _WIDTHS.get(col, 20)
    ws.freeze_panes = "C2"
    letter = get_column_letter(columns.index("Stanowisko") + 1)
    dv = DataValidation(type="list", formula1='"' + ",".join(RESPONSES) + '"', allow_blank=True,
                        showErrorMessage=False)
    dv.prompt, dv.promptTitle = "Wybierz: " + ", ".join(RESPONSES), "Stanowisko"
    dv.add(f"{letter}2:{letter}{len(rows) + 500}")
    ws.add_data_validation(dv)
    return wb


def _write_csv(columns: list[str], rows: list[dict], path: Path) -> Path:
    text = csv_text([columns] + [[_s(row.get(c)) for c in columns] for row in rows],
                    newline="\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp(path)
    try:
        Path(tmp).write_text(text, encoding="utf-8-sig", newline="")
        _replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return path


def _temp(path: Path) -> str:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    return tmp


def _copy(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` through a temporary file and a rename: a copy that fails
    half-way (a full disk) leaves no empty or partial ``target``."""
    tmp = _temp(target)
    try:
        shutil.copy2(source, tmp)
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _replace(tmp: str, path: Path) -> None:
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; give the usual file mode
    try:
        os.replace(tmp, path)
    except PermissionError as exc:
        raise InputError(f"nie można zapisać {path}: plik jest otwarty w innym programie "
                         "(zamknij go i uruchom polecenie ponownie)") from exc


def _s(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M") if (value.hour or value.minute) else \
            value.date().isoformat()
    return str(value).strip()


def _int(value) -> int:
    try:
        return int(float(_s(value)))
    except ValueError:
        return 0
