"""Reading input files: choose the reader for each file and merge what they found.

In: paths to files or folders (``data/raw/...``) as the user gives them.
Out: one :class:`~strategy.ingest.raw.ReadResult` - the raw long frame of every figure found,
the file-level problems (Polish, naming the file), the demo mark and the list of files read.
The validator (:mod:`.validation`, run by the pipeline :mod:`.loading`) turns the raw frame
into the canonical one.

The reader is chosen by content, not only by extension:

- ``.csv`` / ``.txt``: BDL table export ("CTAB": ``Kod``, ``Nazwa``, then cells with dimension
  values, year and ``[unit]``) -> :mod:`.bdl_ctab`; BDL long-layout header -> :mod:`.bdl_csv`;
  the official TERC register -> a problem saying to import it with ``strategy jednostki``;
  canonical header
  ``teryt,year,indicator,value,...`` -> :mod:`.tidy_csv`; the workbench's input template ->
  ``template.read_template_csv``;
- ``.json`` (or text starting with ``{`` / ``[``) -> :mod:`.bdl_api`; in folders, all JSON files
  of one folder are read together so that the pages of one query are checked as a whole;
- ``.xlsx`` / ``.xlsm`` -> ``template.read_template_xlsx``;
- ``.xls``, ``.ods``, ``.doc``, ``.docx``, ``.pdf`` ... -> a problem asking for XLSX or CSV.

The rest of the ingest stage lives beside the readers: :mod:`.numbers` (Polish/GUS number
notation and statistical symbols), :mod:`.problems` (the located, Polish problem every reader and
the validator report) and :mod:`.loading` (the pipeline: read, validate, choose the powiat,
summarise).

Folders are expanded recursively (a symbolic link leading outside the folder is reported, never
read); hidden files, ``mapping.csv``, ``manifest.json``, ``jednostki.csv`` (the local unit file),
``README*``, ``*.md``, ``*.py`` and notebooks are skipped.
Mapping files are looked up from each file's folder up to the folder
given (see :mod:`.mapping`).
"""
from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from ..terc import is_terc_header
from .problems import Problem
from .bdl_api import read_bdl_json, read_bdl_json_files
from .bdl_csv import is_bdl_header, read_bdl_csv
from .progress import announce
from .bdl_ctab import is_ctab_header, read_bdl_ctab
from .raw import ReadResult
from .textfile import find_header, load_text
from .tidy_csv import is_tidy_header, read_tidy_csv

__all__ = ["read_path", "read_paths", "ReadResult", "SKIP_NAMES", "UNSUPPORTED"]

TEXT_SUFFIXES = {".csv", ".txt", ".tsv", ""}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
#: Formats people have that the workbench does not read, and what they are.
UNSUPPORTED = {
    ".xls": "skoroszyt Excela 97-2003 (XLS)", ".ods": "arkusz OpenDocument (ODS)",
    ".doc": "dokument Word 97-2003 (DOC)", ".docx": "dokument Word (DOCX)",
    ".odt": "dokument OpenDocument (ODT)", ".pdf": "dokument PDF", ".xlsb": "skoroszyt binarny "
    "Excela (XLSB)", ".zip": "archiwum ZIP", ".rtf": "dokument RTF", ".xml": "plik XML",
    ".html": "strona HTML", ".htm": "strona HTML", ".parquet": "plik Parquet",
}
#: File names (lower case) never read as data when a folder is expanded.
#: ``manifest.json`` is the record ``strategy pobierz`` keeps of a download (not data);
#: ``jednostki.csv`` is the project's local unit file (``data/raw/jednostki.csv``, read by
#: :func:`strategy.units.default_registry`, not data).
SKIP_NAMES = {"mapping.csv", "manifest.json", "jednostki.csv", "readme", "readme.txt", "license",
              "licence"}
SKIP_SUFFIXES = {".md", ".py", ".ipynb", ".pyc", ".log"}


def read_path(path: str | Path, root: str | Path | None = None, *, name: str | None = None
              ) -> ReadResult:
    """Return what the reader suited to the file at ``path`` found in it (never raises on content).

    ``root`` is the input root: messages name the file relative to it, and ``mapping.csv`` files
    are looked for up to it. ``name`` overrides how the file is called in messages.
    """
    path = Path(path)
    root = Path(root) if root is not None else None
    name = name or _label(path, root)
    if not path.is_file():
        return ReadResult(files=[name], problems=[Problem(
            name, "plik nie istnieje lub nie jest zwykłym plikiem", rule="odczyt")])
    suffix = path.suffix.lower()
    head = _head(path)
    announce(name, path.stat().st_size)
    if suffix in UNSUPPORTED or head.startswith(b"\xd0\xcf\x11\xe0"):
        what = UNSUPPORTED.get(suffix, "dokument starego formatu Microsoft Office")
        return ReadResult(files=[name], problems=[Problem(
            name, f"nieobsługiwany format pliku: {what}; zapisz go jako XLSX lub CSV",
            rule="format", value=suffix, expected="plik .xlsx, .csv lub .json")])
    if suffix in XLSX_SUFFIXES:
        return _template(name, path, "read_template_xlsx")
    if suffix == ".json":
        return read_bdl_json(path, name, root=root)
    if head.startswith(b"PK\x03\x04") and suffix in TEXT_SUFFIXES:
        return ReadResult(files=[name], problems=[Problem(
            name, f"plik ma rozszerzenie '{suffix}', ale jest skoroszytem lub archiwum ZIP; "
            "jeśli to skoroszyt Excela, zmień rozszerzenie na .xlsx", rule="format")])
    return _read_text_table(path, name, root)


def read_paths(paths: list[str | Path], root: str | Path | None = None) -> ReadResult:
    """Return the merged results of every file in ``paths`` (folders expanded recursively).

    Each folder given is the input root of the files inside it; a file given directly has its
    own folder as the root (unless ``root`` is passed). Problems repeated by several files (a
    faulty mapping file) are reported once.
    """
    result = ReadResult()
    for given in (Path(p) for p in paths):
        if given.is_dir():
            base = Path(root) if root is not None else given
            files = _expand(given)
            if not files:
                result.problems.append(Problem(_label(given, base.parent), "folder nie zawiera "
                                               "plików z danymi", rule="pusty"))
            json_groups: OrderedDict[Path, list[Path]] = OrderedDict()
            for f in files:
                outside = _outside(f, given)
                if outside:
                    result.extend(ReadResult(files=[outside.file], problems=[outside]))
                    continue
                if f.suffix.lower() == ".json":
                    json_groups.setdefault(f.parent, []).append(f)
                    continue
                result.extend(read_path(f, base))
            for group in json_groups.values():
                result.extend(read_bdl_json_files(group, [_label(f, base) for f in group],
                                                  root=base))
        elif given.exists():
            base = Path(root) if root is not None else given.parent
            result.extend(read_path(given, base))
        else:
            result.problems.append(Problem(str(given), "plik lub folder nie istnieje",
                                           rule="odczyt"))
    result.problems = list(dict.fromkeys(result.problems))
    return result


def _read_text_table(path: Path, name: str, root: Path | None) -> ReadResult:
    text, problem = load_text(path, name)
    if problem:
        return ReadResult(files=[name], problems=[problem])
    if text.text.lstrip()[:1] in ("{", "["):
        del text
        return read_bdl_json(path, name, root=root)
    records = text.records(limit=10)  # the header is among the first records
    if find_header(records, is_ctab_header) is not None:
        del text
        return read_bdl_ctab(path, name, root=root)
    if find_header(records, is_bdl_header) is not None:
        return read_bdl_csv(path, name, root=root, text=text)
    if records and _is_terc(records[0][1]):
        return ReadResult(files=[name], problems=[Problem(
            name, "to plik rejestru jednostek TERC, a nie dane; wczytaj go poleceniem "
            "'strategy jednostki PLIK' (od tej chwili będzie używany jako rejestr jednostek)",
            rule="format", expected="plik z danymi (eksport BDL, szablon, plik kolumnowy)")])
    if find_header(records, is_tidy_header) is not None:
        return read_tidy_csv(path, name, text=text)
    del text  # the template reader decodes the file itself
    template = _template_module()
    if template is not None and find_header(records, template.is_template_header) is not None:
        return _template(name, path, "read_template_csv")
    first = ";".join(records[0][1]) if records else ""
    return ReadResult(files=[name], problems=[Problem(
        name, "nie rozpoznano układu pliku CSV (ani eksport BDL w układzie długim lub tabeli, "
        "ani szablon warsztatu, ani plik kolumnowy teryt,year,indicator,value)",
        row=records[0][0] if records else None,
        value=first, rule="format",
        expected='nagłówek "Kod";"Nazwa";...;"Rok";"Wartosc" lub teryt,year,indicator,value')])


def _is_terc(cells: list[str]) -> bool:
    return is_terc_header(cells)


def _template_module():
    # lazily: the template reader needs openpyxl, heavy to import for a folder of CSV files
    try:
        from . import template
    except ImportError:
        return None
    return template


def _template(name: str, path: Path, function: str) -> ReadResult:
    template = _template_module()
    reader = getattr(template, function, None) if template is not None else None
    if reader is None:
        return ReadResult(files=[name], problems=[Problem(
            name, "czytnik szablonu warsztatu (XLSX/CSV) jest niedostępny w tej instalacji; "
            "nie można odczytać pliku", rule="format")])
    return reader(path, name)


def _head(path: Path, n: int = 8) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(n)
    except OSError:
        return b""


def _label(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.name


def _skip(path: Path) -> bool:
    name = path.name.lower()
    return (name.startswith((".", "~$")) or name in SKIP_NAMES or name.startswith("readme")
            or path.suffix.lower() in SKIP_SUFFIXES)


def _outside(path: Path, folder: Path) -> Problem | None:
    """Return a problem when ``path``, found in ``folder``, is a symbolic link leading outside it
    (the file is then not read: nothing outside the input folder is opened)."""
    if not path.is_symlink():
        return None
    try:
        inside = path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):   # a loop of links
        inside = False
    if inside:
        return None
    return Problem(_link_label(path, folder), "dowiązanie symboliczne prowadzi poza folder z "
                   "danymi; pliku nie czytano (skopiuj plik do folderu z danymi)",
                   rule="odczyt", expected="plik wewnątrz folderu z danymi")


def _link_label(path: Path, folder: Path) -> str:
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return path.name


def _expand(folder: Path) -> list[Path]:
    out = []
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).parts
        if any(part.startswith(".") for part in rel) or _skip(p):
            continue
        if p.is_symlink() and not p.resolve().is_relative_to(folder.resolve()):
            out.append(p)    # a link leading outside: reported by read_paths, never read
            continue
        if not p.is_file():
            continue
        if any(part == "__pycache__" for part in rel):
            continue
        out.append(p)
    return out
