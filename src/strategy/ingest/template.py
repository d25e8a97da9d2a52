"""The input template for figures GUS BDL lacks: written as XLSX or CSV, read back as a raw frame.

In (writing): a powiat code, the unit registry, the indicator catalogue, the years, optionally a
canonical frame (teryt, year, indicator, value, flag) whose figures pre-fill the cells.
Out (writing): an XLSX workbook - an "Instrukcja" sheet, then one sheet per catalogue area with
rows = unit x year and one column per indicator - or one CSV file with rows = unit x indicator
and one column per year.

In (reading): such a file as the user filled it. Out (reading): :class:`ReadResult` with the raw
long frame of :mod:`strategy.ingest.raw` (cells as text, typed numbers also in ``value_num``,
row numbers as Excel shows them) and Problems for what cannot be read. Reading never judges
values (that is ``validate``); it only finds them.

XLSX sheet layout (rows as Excel numbers them)::

    1  title (powiat, area, years; "DANE DEMONSTRACYJNE" for demo files)
    2  a short hint, or the demo warning
    3  Kod TERC | Nazwa jednostki | Rok | <Polish indicator name> ...      (header)
    4  #id      | (wiersz techniczny) |  | <catalogue id> ...              (machine row, grey)
    5+ one row per unit and year

The catalogue ids in the machine row decide what a column holds, so renaming a header does not
matter. CSV layout (``;``, UTF-8 with BOM), header in line 1::

    Kod TERC;Nazwa jednostki;Identyfikator wskaźnika;Wskaźnik;Jednostka miary;Źródło;2022;2023;2024;Uwagi
"""
from __future__ import annotations

import csv
import io
import math
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .. import DEMO_MARK
from ..catalog import Catalog, Indicator, default_catalog
from ..errors import InputError
from ..spreadsheet_cells import csv_line, text_cell
from ..store import FLAG_NO_DATA, FLAG_NOT_APPLICABLE
from ..units import Registry, default_registry
from . import limits
from .problems import Problem
from .raw import RAW_COLUMNS, ReadResult, empty_raw

INSTRUCTION_SHEET = "Instrukcja"
CODE_HEADER = "Kod TERC"
NAME_HEADER = "Nazwa jednostki"
YEAR_HEADER = "Rok"
ID_MARK = "#id"
HEADER_ROW, ID_ROW, FIRST_DATA_ROW = 3, 4, 5
FIXED_COLUMNS = 3  # code, name, year
#: CSV header before the year columns, and the last column.
CSV_HEAD = [CODE_HEADER, NAME_HEADER, "Identyfikator wskaźnika", "Wskaźnik", "Jednostka miary",
            "Źródło"]
CSV_NOTE = "Uwagi"
SYMBOLS = {"-": "brak danych", ".": "brak wiarygodnych danych", "x": "nie dotyczy"}
SOURCE_XLSX = "szablon XLSX"
SOURCE_CSV = "szablon CSV"

_FORBIDDEN_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_GREY = PatternFill("solid", fgColor="D9D9D9")
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_ID_FONT = Font(size=7, color="808080")
_DEMO_FONT = Font(bold=True, color="C00000", size=12)


def default_years() -> range:
    """Return the last three complete calendar years (the usual span of an OZPS table)."""
    y = date.today().year
    return range(y - 3, y)


def template_indicators(catalog: Catalog | None = None) -> list[Indicator]:
    """Return the indicators the template asks for: stored ones not taken from GUS BDL,
    and every powiat-level stored one, in catalogue order."""
    catalog = catalog or default_catalog()
    return [i for i in catalog.stored()
            if not i.source.startswith("GUS BDL") or i.level == "powiat"]


def who_fills(ind: Indicator) -> str:
    """Return, in Polish, who usually has the figure (for the instruction sheet)."""
    src = ind.source.lower()
    if ind.level == "powiat" or "pcpr" in src:
        return "PCPR"
    if "urząd pracy" in src or "pup" in src:
        return "PCPR na podstawie danych PUP"
    if "zespół interdyscyplinarny" in src:
        return "OPS gminy (zespół interdyscyplinarny)"
    if "komisja" in src:
        return "OPS gminy (dane GKRPA)"
    return "OPS gminy"


def sheet_name(title: str, taken: set[str] | None = None) -> str:
    """Return a valid, unique Excel sheet name (≤31 characters, no ``[]:*?/\\``) for ``title``."""
    name = _FORBIDDEN_SHEET_CHARS.sub(" ", title).strip().strip("'")
    if len(name) > 31:
        cut = name[:31]
        if " " in cut and name[31:32] not in ("", " "):
            cut = cut[: cut.rfind(" ")]
        words = cut.rstrip(" ,;-").split(" ")
        while len(words) > 1 and words[-1] in ("i", "oraz", "w", "z", "na", "-"):
            words.pop()
        name = " ".join(words).rstrip(" ,;-")
    taken = taken if taken is not None else set()
    base, n = name, 2
    while name.casefold() in {t.casefold() for t in taken}:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(name)
    return name


# --------------------------------------------------------------------------- layout

@dataclass(frozen=True)
class _Row:
    teryt: str
    name: str
    year: int
    level: str  # "gmina" or "powiat"


def _rows(powiat: str, registry: Registry, years, indicators: list[Indicator]) -> list[_Row]:
    levels = {i.level for i in indicators}
    rows: list[_Row] = []
    if "gmina" in levels:
        for g in registry.gminas_of(powiat):
            rows += [_Row(g.teryt, registry.display_name(g.teryt), int(y), "gmina")
                     for y in years]
    if "powiat" in levels:
        p = registry.get(powiat)
        rows += [_Row(p.teryt, p.label, int(y), "powiat") for y in years]
    return rows


def _sheets(catalog: Catalog, areas=None) -> list[tuple[str, str, list[Indicator]]]:
    """Return (area id, area name, indicators) for areas that have template indicators."""
    inds = template_indicators(catalog)
    out = []
    for area, title in catalog.areas.items():
        if areas is not None and area not in areas:
            continue
        in_area = [i for i in inds if i.area == area]
        if in_area:
            out.append((area, title, in_area))
    return out


def _prefill(data: pd.DataFrame | None) -> dict[tuple[str, int, str], object]:
    """Return {(teryt, year, indicator): cell value} from a canonical frame."""
    if data is None or not len(data):
        return {}
    out = {}
    flags = data["flag"] if "flag" in data.columns else pd.Series("", index=data.index)
    for t, y, i, v, f in zip(data["teryt"], data["year"], data["indicator"], data["value"], flags):
        f = "" if f is None or (isinstance(f, float) and math.isnan(f)) or f is pd.NA else str(f)
        if f == FLAG_NOT_APPLICABLE:
            cell = "x"
        elif v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
            cell = "-" if f == FLAG_NO_DATA else None
        else:
            v = float(v)
            cell = int(v) if v.is_integer() else v
        if cell is not None:
            out[(str(t), int(y), str(i))] = cell
    return out


def _number_format(ind: Indicator) -> str:
    if ind.kind in ("count", "balance"):
        return "0"
    if ind.kind == "amount":
        return "#,##0.00"
    return "0.0"


def _rule_text(ind: Indicator) -> str:
    if ind.kind == "count":
        return "liczba całkowita ≥ 0"
    if ind.kind == "balance":
        return "liczba całkowita (może być ujemna)"
    if ind.kind == "amount":
        return "kwota w zł ≥ 0 (z groszami po przecinku)"
    return "liczba ≥ 0"


def _validation(ind: Indicator, first_cell: str) -> DataValidation:
    c = first_cell
    symbols = f'OR({c}="-",{c}=".",{c}="x")'
    if ind.kind == "count":
        test = f"AND({c}>=0,{c}=INT({c}))"
    elif ind.kind == "balance":
        test = f"{c}=INT({c})"
    else:
        test = f"{c}>=0"
    dv = DataValidation(type="custom", formula1=f"IF(ISNUMBER({c}),{test},{symbols})",
                        allow_blank=True, showInputMessage=True, showErrorMessage=True)
    dv.promptTitle = _cut(f"Jednostka: {ind.unit}", 32)
    dv.prompt = _cut(f"{_rule_text(ind)}; źródło: {ind.source}. Symbole: - brak danych, "
                     ". brak wiarygodnych danych, x nie dotyczy.", 255)
    dv.errorTitle = "Niedozwolona wartość"
    dv.error = _cut(f"Wpisz {_rule_text(ind)} albo jeden z symboli: - . x", 255)
    return dv


def _cut(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


# --------------------------------------------------------------------------- XLSX writing

def build_workbook(powiat: str, *, registry: Registry | None = None,
                   catalog: Catalog | None = None, years=None, data: pd.DataFrame | None = None,
                   demo: bool = False, areas=None) -> Workbook:
    """Return the template workbook (see the module docstring for its layout).

    ``areas`` (catalogue area ids) limits the workbook to some areas, e.g. a PCPR-only file.
    """
    registry = registry or default_registry()
    catalog = catalog or default_catalog()
    years = list(years if years is not None else default_years())
    punit = registry.get(powiat)
    if punit.kind != "powiat":
        raise InputError(f"'{powiat}' nie jest kodem powiatu (oczekiwano 4 cyfr, np. 3007)")
    values = _prefill(data)
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else f"{years[0]}"
    wb = Workbook()
    ins = wb.active
    ins.title = INSTRUCTION_SHEET
    sheets = _sheets(catalog, areas)
    if not sheets:
        raise InputError("szablon nie obejmowałby żadnego wskaźnika (sprawdź wybrane obszary)")
    taken = {INSTRUCTION_SHEET}
    names = [sheet_name(title, taken) for _, title, _ in sheets]
    _write_instruction(ins, punit, span, sheets, names, demo)

    for (area, title, inds), name in zip(sheets, names):
        ws = wb.create_sheet(name)
        text_cell(ws, 1, 1, f"{title} – {punit.label} ({punit.teryt}), lata {span}"
                  + (f" – {DEMO_MARK}" if demo else "")).font = Font(bold=True, size=12)
        if demo:
            text_cell(ws, 2, 1, f"{DEMO_MARK}: liczby wygenerowane, prawdziwe są tylko kody "
                                "i nazwy jednostek").font = _DEMO_FONT
        else:
            text_cell(ws, 2, 1, "Wpisz wartości w białe komórki; szare komórki nie dotyczą "
                                "danej jednostki. Symbole: - brak danych, . brak wiarygodnych "
                                "danych, x nie dotyczy.").font = Font(italic=True, size=9)
        for col, head in enumerate((CODE_HEADER, NAME_HEADER, YEAR_HEADER), start=1):
            c = text_cell(ws, HEADER_ROW, col, head)
            c.font, c.fill = Font(bold=True), _HEAD_FILL
            c.alignment = Alignment(vertical="center", wrap_text=True)
        idc = text_cell(ws, ID_ROW, 1, ID_MARK)
        idc.font = _ID_FONT
        text_cell(ws, ID_ROW, 2, "(wiersz techniczny – nie zmieniać)").font = _ID_FONT
        rows = _rows(powiat, registry, years, inds)
        for r, row in enumerate(rows, start=FIRST_DATA_ROW):
            code = text_cell(ws, r, 1, row.teryt)
            code.number_format = "@"
            text_cell(ws, r, 2, row.name)
            ws.cell(r, 3, row.year)
        for k, ind in enumerate(inds):
            col = FIXED_COLUMNS + 1 + k
            letter = get_column_letter(col)
            h = text_cell(ws, HEADER_ROW, col, ind.name)
            h.font, h.fill = Font(bold=True, size=9), _HEAD_FILL
            h.alignment = Alignment(wrap_text=True, vertical="top")
            text_cell(ws, ID_ROW, col, ind.id).font = _ID_FONT
            ws.column_dimensions[letter].width = 18
            fmt = _number_format(ind)
            own = [r for r, row in enumerate(rows, start=FIRST_DATA_ROW) if row.level == ind.level]
            for r, row in enumerate(rows, start=FIRST_DATA_ROW):
                cell = ws.cell(r, col)
                if row.level != ind.level:
                    cell.fill = _GREY
                    continue
                cell.number_format = fmt
                v = values.get((row.teryt, row.year, ind.id))
                if v is not None:
                    cell.value = v
            if own:
                dv = _validation(ind, f"{letter}{own[0]}")
                dv.add(f"{letter}{own[0]}:{letter}{own[-1]}")
                ws.add_data_validation(dv)
        ws.column_dimensions["A"].width = 11
        ws.column_dimensions["B"].width = 24
        ws.column_dimensions["C"].width = 7
        ws.row_dimensions[HEADER_ROW].height = 96
        ws.row_dimensions[ID_ROW].height = 10
        ws.freeze_panes = ws.cell(FIRST_DATA_ROW, FIXED_COLUMNS + 1).coordinate
    props = wb.properties
    props.title = f"Szablon danych – {punit.label} ({punit.teryt}), lata {span}"
    props.subject = "Dane wejściowe strategii rozwiązywania problemów społecznych"
    props.creator = "strategy"
    if demo:
        props.title += f" – {DEMO_MARK}"
        props.keywords = DEMO_MARK
        props.description = f"{DEMO_MARK}: liczby wygenerowane, prawdziwe są tylko kody TERC."
    return wb


def _write_instruction(ws, punit, span, sheets, names, demo: bool) -> None:
    lines = [
        (f"Szablon danych do diagnozy – {punit.label} ({punit.teryt}), lata {span}", Font(bold=True, size=14)),
    ]
    if demo:
        lines.append((f"{DEMO_MARK} – liczby w tym pliku są wygenerowane; prawdziwe są tylko "
                      "kody TERC i nazwy jednostek.", _DEMO_FONT))
    lines += [
        ("", None),
        ("Co wpisać", Font(bold=True)),
        ("• Każdy arkusz to jeden obszar diagnozy; wiersz to jednostka (gmina lub powiat) i rok, "
         "kolumna to wskaźnik.", None),
        ("• Wpisuj liczby w białe komórki. Szare komórki nie dotyczą danej jednostki "
         "(np. dane pieczy zastępczej zbiera powiat).", None),
        ("• Liczby osób, rodzin, dzieci itp. wpisuj jako liczby całkowite, bez spacji i kropek.", None),
        ("• Kwoty wpisuj w złotych, grosze po przecinku (np. 128437,15).", None),
        ("• Pustej komórki nie trzeba niczym wypełniać: oznacza, że wartości nie podano.", None),
        ("• Symbole: „-” brak danych, „.” brak wiarygodnych danych, „x” nie dotyczy "
         "(komórka nie może być wypełniona).", None),
        ("• Nie zmieniaj kolumny „Kod TERC” (kody są tekstem i zaczynają się od cyfr "
         "województwa) ani szarego wiersza technicznego „#id” pod nagłówkami: na jego podstawie "
         "program rozpoznaje wskaźniki.", None),
        ("• Kto wypełnia: dane gmin – ośrodki pomocy społecznej (OPS/GOPS/MOPS), dane powiatu – "
         "PCPR. Źródło każdej liczby podaje tabela poniżej.", None),
        ("", None),
        ("Wskaźniki w szablonie", Font(bold=True)),
    ]
    for r, (text, font) in enumerate(lines, start=1):
        c = text_cell(ws, r, 1, text)
        if font is not None:
            c.font = font
    r = len(lines) + 1
    heads = ["Arkusz", "Wskaźnik", "Identyfikator", "Jednostka miary", "Poziom",
             "Źródło (sprawozdanie)", "Kto wypełnia"]
    for col, head in enumerate(heads, start=1):
        c = text_cell(ws, r, col, head)
        c.font, c.fill = Font(bold=True), _HEAD_FILL
    for (area, title, inds), name in zip(sheets, names):
        for ind in inds:
            r += 1
            for col, v in enumerate((name, ind.name, ind.id, ind.unit,
                                     "powiat" if ind.level == "powiat" else "gmina",
                                     ind.source, who_fills(ind)), start=1):
                text_cell(ws, r, col, v)
    for letter, width in zip("ABCDEFG", (26, 70, 30, 16, 9, 40, 30)):
        ws.column_dimensions[letter].width = width


def write_template(path, powiat: str, *, registry: Registry | None = None,
                   catalog: Catalog | None = None, years=None, data: pd.DataFrame | None = None,
                   demo: bool = False, areas=None, timestamp: datetime | None = None) -> Path:
    """Write the XLSX template atomically and return its path.

    ``timestamp`` fixes the document dates and the zip entries' times, so the same inputs give
    byte-identical files (used for the demo data kept in the repository).
    """
    wb = build_workbook(powiat, registry=registry, catalog=catalog, years=years, data=data,
                        demo=demo, areas=areas)
    if timestamp is not None:
        wb.properties.created = timestamp
    buf = io.BytesIO()
    wb.save(buf)
    payload = buf.getvalue()
    if timestamp is not None:
        payload = _freeze_zip(payload, timestamp)
    return _atomic_write(Path(path), payload)


def _freeze_zip(payload: bytes, stamp: datetime) -> bytes:
    """Return the xlsx bytes with fixed entry times and a fixed 'modified' date."""
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    src = zipfile.ZipFile(io.BytesIO(payload))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + iso.encode() + rb"\g<2>", data)
            zi = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, data)
    return out.getvalue()


def _atomic_write(path: Path, payload: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; the usual mode, as the store's
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


# --------------------------------------------------------------------------- CSV writing

def template_csv_text(powiat: str, *, registry: Registry | None = None,
                      catalog: Catalog | None = None, years=None,
                      data: pd.DataFrame | None = None, demo: bool = False, areas=None) -> str:
    """Return the CSV template as text (without BOM): one row per unit and indicator."""
    registry = registry or default_registry()
    catalog = catalog or default_catalog()
    years = [int(y) for y in (years if years is not None else default_years())]
    punit = registry.get(powiat)
    values = _prefill(data)
    inds = [i for _, _, group in _sheets(catalog, areas) for i in group]
    lines = [CSV_HEAD + [str(y) for y in years] + [CSV_NOTE]]
    units = [(g.teryt, registry.display_name(g.teryt), "gmina") for g in registry.gminas_of(powiat)]
    units.append((punit.teryt, punit.label, "powiat"))
    note = DEMO_MARK if demo else ""
    for teryt, name, level in units:
        for ind in inds:
            if ind.level != level:
                continue
            cells = []
            for y in years:
                v = values.get((teryt, y, ind.id))
                cells.append("" if v is None else _csv_number(v))
            lines.append([teryt, name, ind.id, ind.name, ind.unit, ind.source] + cells + [note])
    # unit and indicator texts may come from user files: neutralised; figures and symbols
    # (year columns) and the note are the program's own
    own = range(len(CSV_HEAD), len(CSV_HEAD) + len(years) + 1)
    return "".join(csv_line(cells, ";", raw=own) + "\r\n" for cells in lines)


def _csv_number(v) -> str:
    if isinstance(v, str):
        return v
    if isinstance(v, int):
        return str(v)
    return f"{v:.2f}".replace(".", ",")


def write_template_csv(path, powiat: str, **kwargs) -> Path:
    """Write the CSV template (``;``, UTF-8 with BOM so Excel shows Polish letters) atomically.

    Layout: columns ``Kod TERC; Nazwa jednostki; Identyfikator wskaźnika; Wskaźnik; Jednostka
    miary; Źródło``, one column per year, ``Uwagi``; one row per unit and indicator (gminas
    first, then the powiat with the powiat-level indicators). Users fill the year columns.
    """
    text = template_csv_text(powiat, **kwargs)
    return _atomic_write(Path(path), ("\ufeff" + text).encode("utf-8"))


# --------------------------------------------------------------------------- reading helpers

def _text(v) -> str | None:
    """Return a cell's content as text (None for an empty cell); 2020.0 -> '2020'."""
    if v is None:
        return None
    if isinstance(v, bool):
        return "PRAWDA" if v else "FAŁSZ"
    if isinstance(v, float):
        if v.is_integer():
            return str(int(v))
        return repr(v)
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    s = str(v)
    return s if s.strip() else None


def _num(v) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return math.nan
    return float(v)


def _norm(s) -> str:
    return re.sub(r"\s+", " ", str(s or "")).strip().casefold()


def _frame(records: list[dict]) -> pd.DataFrame:
    if not records:
        return empty_raw()
    f = pd.DataFrame.from_records(records, columns=RAW_COLUMNS)
    f["value_num"] = f["value_num"].astype("float64")
    return f


# --------------------------------------------------------------------------- XLSX reading

def read_template_xlsx(path, name: str, *, catalog: Catalog | None = None) -> ReadResult:
    """Read a filled XLSX template; ``name`` is how files and problems refer to the file."""
    catalog = catalog or default_catalog()
    result = ReadResult(files=[name])
    too_big = limits.xlsx_problem(Path(path), name)  # before openpyxl reads anything
    if too_big:
        result.problems.append(too_big)
        return result
    try:
        wb = load_workbook(path, data_only=True, read_only=True)
    except Exception as exc:  # BadZipFile, InvalidFileException, KeyError, XML errors...
        result.problems.append(Problem(
            file=name, rule="plik_xlsx",
            message=f"nie można otworzyć pliku XLSX (plik uszkodzony, niepełny albo to nie jest "
                    f"skoroszyt Excela: {type(exc).__name__})"))
        return result
    props = wb.properties
    if any(DEMO_MARK in (s or "") for s in (props.title, props.keywords, props.description)):
        result.demo = True
    by_name = {_norm(i.name): i.id for i in catalog}
    records: list[dict] = []
    found_sheet = False
    for ws in wb.worksheets:
        if ws.title == INSTRUCTION_SHEET:
            continue
        ws.reset_dimensions()  # read every row there is, not the size the file declares
        top = [[_text(c) for c in row] for row in ws.iter_rows(min_row=1, max_row=12, values_only=True)]
        if any(DEMO_MARK in (c or "") for row in top[:2] for c in row):
            result.demo = True
        header_row = next((k for k, row in enumerate(top, start=1)
                           if row and _norm(row[0]) == _norm(CODE_HEADER)), None)
        if header_row is None:
            result.problems.append(Problem(
                file=name, sheet=ws.title, rule="szablon_naglowek",
                message="arkusz nie ma nagłówka szablonu (komórki „Kod TERC” w kolumnie A); "
                        "arkusz pominięto",
                expected="wiersz nagłówka: Kod TERC | Nazwa jednostki | Rok | wskaźniki"))
            continue
        found_sheet = True
        records += _read_sheet(ws, name, header_row, top, catalog, by_name, result.problems)
    wb.close()
    if not found_sheet and not result.problems:
        result.problems.append(Problem(file=name, rule="szablon_pusty",
                                       message="skoroszyt nie ma żadnego arkusza z danymi szablonu"))
    result.frame = _frame(records)
    return result


def _read_sheet(ws, name, header_row, top, catalog, by_name, problems) -> list[dict]:
    header = top[header_row - 1]
    below = top[header_row] if len(top) > header_row else []
    has_ids = bool(below) and _norm(below[0]) == _norm(ID_MARK)
    heads = [h or "" for h in header]
    try:
        year_col = next(k for k, h in enumerate(heads) if _norm(h) == _norm(YEAR_HEADER))
    except StopIteration:
        problems.append(Problem(file=name, sheet=ws.title, row=header_row, rule="szablon_naglowek",
                                message="brak kolumny „Rok” w nagłówku; arkusz pominięto",
                                expected="Kod TERC | Nazwa jednostki | Rok | wskaźniki"))
        return []
    name_col = next((k for k, h in enumerate(heads) if _norm(h) == _norm(NAME_HEADER)), None)
    columns: dict[int, str] = {}  # column index -> indicator id
    if not has_ids:
        problems.append(Problem(
            file=name, sheet=ws.title, row=header_row + 1, rule="szablon_brak_id",
            message="brak wiersza technicznego „#id” z identyfikatorami wskaźników pod "
                    "nagłówkiem; kolumny rozpoznano po nazwach tam, gdzie się dało",
            expected="wiersz „#id” pod nagłówkiem, jak w pustym szablonie"))
    for k in range(year_col + 1, len(heads)):
        head = heads[k]
        ind_id = (below[k] or "").strip() if has_ids and k < len(below) else ""
        if not head and not ind_id:
            continue
        letter = get_column_letter(k + 1)
        if has_ids:
            if ind_id in catalog:
                columns[k] = ind_id
            else:
                problems.append(Problem(
                    file=name, sheet=ws.title, row=header_row + 1, column=head or letter,
                    value=ind_id, rule="szablon_wskaznik",
                    message=f"kolumna {letter}: identyfikator wskaźnika nie występuje w katalogu; "
                            "kolumnę pominięto",
                    expected="identyfikator z katalogu wskaźników (wiersz „#id” pustego szablonu)"))
        elif _norm(head) in by_name:
            columns[k] = by_name[_norm(head)]
        else:
            problems.append(Problem(
                file=name, sheet=ws.title, row=header_row, column=head or letter, value=head,
                rule="szablon_wskaznik",
                message=f"kolumna {letter}: nagłówek nie odpowiada żadnemu wskaźnikowi katalogu; "
                        "kolumnę pominięto",
                expected="nazwa wskaźnika z katalogu albo wiersz „#id” z identyfikatorami"))
    first = header_row + (2 if has_ids else 1)
    records = []
    code_head = heads[0] or CODE_HEADER
    year_head = heads[year_col]
    empty_run = 0
    for r, row in enumerate(ws.iter_rows(min_row=first, values_only=True), start=first):
        if not row or all(v is None for v in row):
            empty_run += 1
            if empty_run >= limits.MAX_XLSX_EMPTY_RUN:
                break  # formatted, empty rows below the data (the README states this rule)
            continue
        empty_run = 0
        if r > limits.MAX_XLSX_ROWS:
            problems.append(Problem(
                file=name, sheet=ws.title, row=r, rule="rozmiar",
                message=f"arkusz ma więcej niż {limits.MAX_XLSX_ROWS:,} wierszy z danymi; "
                        "dalszych wierszy nie czytano, więc niczego nie zapisano: podziel dane "
                        "na kilka plików".replace(",", " "),
                expected=f"najwyżej {limits.MAX_XLSX_ROWS:,} wierszy".replace(",", " ")))
            break
        for k, ind_id in columns.items():
            v = row[k] if k < len(row) else None
            text = _text(v)
            if text is None:
                continue
            records.append({
                "teryt_raw": _text(row[0]) or "",
                "name_raw": (_text(row[name_col]) or "") if name_col is not None and name_col < len(row) else "",
                "year_raw": (_text(row[year_col]) or "") if year_col < len(row) else "",
                "indicator": ind_id,
                "value_raw": text,
                "value_num": _num(v),
                "attr_raw": "",
                "unit": catalog.get(ind_id).unit,
                "source": SOURCE_XLSX,
                "file": name,
                "sheet": ws.title,
                "row": r,
                "column": heads[k] or get_column_letter(k + 1),
                "teryt_column": code_head,
                "year_column": year_head,
            })
    return records


# --------------------------------------------------------------------------- CSV reading

def is_template_header(cells: list[str]) -> bool:
    """Return True when ``cells`` (the first line of a CSV, split) is the template's header."""
    norm = [_norm(str(c).lstrip("\ufeff").strip().strip('"')) for c in cells]
    while norm and not norm[-1]:
        norm.pop()
    head = [_norm(h) for h in CSV_HEAD]
    if norm[: len(head)] != head:
        return False
    rest = norm[len(head):]
    if rest and rest[-1] == _norm(CSV_NOTE):
        rest = rest[:-1]
    return bool(rest) and all(re.fullmatch(r"\d{4}", c) for c in rest)


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1250")  # saved as CSV by Excel on Polish Windows


def read_template_csv(path, name: str, *, catalog: Catalog | None = None) -> ReadResult:
    """Read a filled CSV template; ``name`` is how files and problems refer to the file."""
    catalog = catalog or default_catalog()
    result = ReadResult(files=[name])
    too_big = limits.text_size_problem(Path(path), name)
    if too_big:
        result.problems.append(too_big)
        return result
    try:
        text = _decode(Path(path).read_bytes())
    except (OSError, UnicodeDecodeError) as exc:
        result.problems.append(Problem(file=name, rule="plik_csv",
                                       message=f"nie można odczytać pliku CSV ({type(exc).__name__})"))
        return result
    first = text.split("\n", 1)[0]
    delim = ";" if first.count(";") >= first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delim))
    if not rows or not is_template_header(rows[0]):
        result.problems.append(Problem(
            file=name, row=1, rule="szablon_naglowek",
            message="pierwszy wiersz nie jest nagłówkiem szablonu CSV",
            value=delim.join(rows[0]) if rows else "",
            expected=";".join(CSV_HEAD) + ";<lata>;" + CSV_NOTE))
        return result
    header = [c.strip() for c in rows[0]]
    years = [(k, h) for k, h in enumerate(header) if k >= len(CSV_HEAD) and re.fullmatch(r"\d{4}", h)]
    note_col = next((k for k, h in enumerate(header) if _norm(h) == _norm(CSV_NOTE)), None)
    records = []
    for r, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        if note_col is not None and note_col < len(row) and DEMO_MARK in row[note_col]:
            result.demo = True
        ind_id = row[2].strip() if len(row) > 2 else ""
        if ind_id not in catalog:
            result.problems.append(Problem(
                file=name, row=r, column=header[2], value=ind_id, rule="szablon_wskaznik",
                message="identyfikator wskaźnika nie występuje w katalogu; wiersz pominięto",
                expected="identyfikator z katalogu wskaźników (jak w pustym szablonie)"))
            continue
        for k, year in years:
            cell = row[k].strip() if k < len(row) else ""
            if not cell:
                continue
            records.append({
                "teryt_raw": row[0].strip(), "name_raw": row[1].strip() if len(row) > 1 else "",
                "year_raw": year, "indicator": ind_id, "value_raw": cell, "value_num": math.nan,
                "attr_raw": "", "unit": catalog.get(ind_id).unit, "source": SOURCE_CSV,
                "file": name, "sheet": "", "row": r, "column": year,
                "teryt_column": header[0], "year_column": year,
            })
    result.frame = _frame(records)
    return result
