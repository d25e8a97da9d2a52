"""What the notebooks in ``notebooks/`` call besides the analysis: parameters, paths, display.

In: the values of a notebook's ``parameters`` cell (paths relative to the project root, ``rok = 0``
for "the last year with data", ``szablon = ""`` for the built-in template, ``wersja = ""`` for a
final document) and the objects of :mod:`strategy.diagnosis`.
Out: resolved paths (a notebook runs with the project root as its working directory under
papermill and the batch runner, and from ``notebooks/`` or an author copy's folder in
JupyterLab: :func:`project_root` walks up), the loaded store and plan, everything a document
needs in one call of the setup cell (:func:`document_inputs`, the loaders of
:mod:`strategy.inputs.load`: documents read no files) and the path each notebook writes its
DOCX to (``output_dir`` + a fixed name per document).

Nothing here draws, shows or writes documents: a notebook shows its document's chapters as
their blocks (``dok.chapter(...)``, :mod:`strategy.documents.render_notebook`), the same
blocks the Word file holds.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .diagnosis import horizon_for
from .errors import InputError, PlanError, StoreError, StrategyError
from .inputs import load as inputs_load
from .inputs import reads, rows_read
from .plan import load_plan
from .project import project_root  # the notebooks call nh.project_root
from .store import load
from .units import kind_of, normalize_code
from .validate import check_store_values

#: Name of the DOCX each notebook writes into ``output_dir`` (the batch job table expects them).
OUTPUT_NAMES = {
    "diagnoza": "diagnoza.docx",
    "strategia": "strategia.docx",
    "program_wspierania_rodziny": "program_wspierania_rodziny.docx",
    "program_pieczy_zastepczej": "program_pieczy_zastepczej.docx",
    "sprawozdanie": "sprawozdanie_z_realizacji.docx",
    "kontrola_spojnosci": "kontrola_spojnosci.docx",
    # the draft resolutions adopting the strategy and the programmes, separate documents
    "uchwala_strategia": "projekt_uchwaly_strategia.docx",
    "uchwala_program_pieczy_zastepczej": "projekt_uchwaly_program_pieczy_zastepczej.docx",
    "uchwala_program_wspierania_rodziny": "projekt_uchwaly_program_wspierania_rodziny.docx",
}


#: Plan kind each document reads (``sprawozdanie``: a plan of any kind).
PLAN_KINDS = {"strategia": "strategia_powiatu",
              "program_wspierania_rodziny": "program_wspierania_rodziny",
              "program_pieczy_zastepczej": "program_pieczy_zastepczej",
              "kontrola_spojnosci": "strategia_powiatu",
              **inputs_load.RESOLUTION_PLANS}


def _candidates(path: str | Path, cwd: Path | None = None) -> list[Path]:
    p = Path(path).expanduser()
    if p.is_absolute():
        return [p]
    here = (Path.cwd() if cwd is None else Path(cwd)).resolve()
    root = project_root(here)
    return list(dict.fromkeys([here / p, root / p]))


def resolve_path(path: str | Path, what: str = "plik", *, cwd: Path | None = None) -> Path:
    """Return an existing input path: relative to ``cwd``, else to the project root
    (:func:`project_root`).

    Raise :class:`InputError` naming the places searched when the path is found in none.
    """
    if not str(path).strip():
        raise InputError(f"nie podano ścieżki ({what})")
    tried = _candidates(path, cwd)
    for p in tried:
        if p.exists():
            return p.resolve()
    where = " ani ".join(f"'{p}'" for p in tried)
    raise InputError(f"nie znaleziono: {what} '{path}' (szukano: {where})")


def resolve_output_dir(output_dir: str | Path, *, cwd: Path | None = None) -> Path:
    """Return the folder to write into (created if missing); relative to the project root."""
    if not str(output_dir).strip():
        raise InputError("nie podano katalogu wyjściowego (output_dir)")
    p = Path(output_dir).expanduser()
    if not p.is_absolute():
        p = project_root(cwd) / p
    p.mkdir(parents=True, exist_ok=True)
    return p.resolve()


def output_path(output_dir: str | Path, kind: str, *, cwd: Path | None = None) -> Path:
    """Return the path of the DOCX of document ``kind`` inside ``output_dir``."""
    if kind not in OUTPUT_NAMES:
        raise InputError(f"nieznany rodzaj dokumentu '{kind}'; "
                         f"dozwolone: {', '.join(OUTPUT_NAMES)}")
    return resolve_output_dir(output_dir, cwd=cwd) / OUTPUT_NAMES[kind]


def check_teryt(teryt: str, kind: str | None = None) -> str:
    """Return the normalised TERC code of a gmina (7 digits) or powiat (4 digits).

    ``kind`` ('gmina' or 'powiat') names the kind the notebook needs; ``None`` accepts either.
    Raise :class:`InputError` when the code is of another kind of unit.
    """
    names = {"gmina": "gminy (7 cyfr)", "powiat": "powiatu (4 cyfry)"}
    try:
        code = normalize_code(str(teryt))
        found = kind_of(code)
    except StrategyError:
        found = None
    allowed = [kind] if kind else list(names)
    if found not in allowed:
        expected = " ani ".join(names[k] for k in allowed)
        raise InputError(f"parametr teryt: '{teryt}' nie jest kodem TERC {expected}")
    return code


def year_param(rok: int) -> int | None:
    """Return the year asked for, or ``None`` (the last year with data) for ``rok = 0``."""
    if isinstance(rok, bool) or not isinstance(rok, int):
        try:
            rok = int(str(rok).strip())
        except ValueError:
            raise InputError(f"parametr rok: '{rok}' nie jest liczbą całkowitą") from None
    if rok == 0:
        return None
    if not 1990 <= rok <= 2100:
        raise InputError(f"parametr rok: {rok} poza zakresem 1990-2100 (0 = ostatni dostępny)")
    return rok


def horizon_param(horyzont: int, plan=None) -> int:
    """Return the forecast horizon asked for; ``horyzont = 0`` means the last year of the
    plan's period (a strategy for 2026-2035 forecasts to 2035), or the default horizon of
    :func:`strategy.diagnosis.horizon_for` without a plan."""
    if isinstance(horyzont, bool) or not isinstance(horyzont, int):
        try:
            horyzont = int(str(horyzont).strip())
        except ValueError:
            raise InputError(f"parametr horyzont: '{horyzont}' nie jest liczbą całkowitą") \
                from None
    if horyzont and not 1990 <= horyzont <= 2100:
        raise InputError(f"parametr horyzont: {horyzont} poza zakresem 1990-2100 "
                         "(0 = ostatni rok okresu planu)")
    return horizon_for(horyzont, plan)


def template_param(szablon: str) -> Path | None:
    """Return the office's own DOCX template, or ``None`` for the built-in one (empty value)."""
    if not str(szablon).strip():
        return None
    path = resolve_path(szablon, "szablon DOCX")
    if path.suffix.lower() != ".docx":
        raise InputError(f"szablon '{szablon}' nie jest plikiem .docx")
    return path


def draft_param(wersja: str) -> str | None:
    """Return the draft version label, or ``None`` for a final document (empty value)."""
    text = str(wersja).strip()
    return text or None


def open_store(store: str | Path, teryt: str | None = None, *, kind: str = "diagnoza"):
    """Return the store loaded from ``store`` (relative paths as in :func:`resolve_path`).

    With ``teryt`` only the rows a document of that unit (of ``kind``) can use are read: its
    powiat and the powiat's gminas, its województwo and Poland (:func:`strategy.inputs.rows_read`,
    the same rows the batch runner keys the document's job by). Raise :class:`StoreError` with a
    hint how to build it when the file is missing. Values no validated load would have let in
    (a negative count, a share above 100 %) are warned about on stderr, naming unit, year and
    indicator (:func:`strategy.validate.check_store_values`).
    """
    try:
        path = resolve_path(store, "magazyn danych")
    except InputError as exc:
        raise StoreError(f"{exc}. Zbuduj magazyn poleceniem 'strategy ingest' "
                         "(albo 'strategy demo' dla danych demonstracyjnych).") from None
    code = str(teryt or "").strip()
    if len(code) in (4, 7) and code.isdigit():
        opened = load(path, units=rows_read(kind, code))
    else:
        opened = load(path)
    for warning in check_store_values(opened.frame):  # values that bypassed validation
        print(f"UWAGA: {warning}", file=sys.stderr)
    return opened


def open_plan(plan: str | Path, kind: str | None = None):
    """Return the plan loaded from ``plan``; with ``kind`` check it is a plan of that document."""
    loaded = load_plan(resolve_path(plan, "plik planu"))
    if kind is not None and loaded.kind != kind:
        raise PlanError(f"{loaded.path}: to plan dokumentu '{loaded.kind}', a notatnik "
                        f"oczekuje planu '{kind}'")
    return loaded


def report_part(plan) -> dict:
    """Return the plan's ``sprawozdanie`` part with empty lists for what it does not give."""
    part = dict(plan.extra.get("sprawozdanie") or {})
    for key in ("dzialania", "wydatki", "wnioski"):
        part[key] = list(part.get(key) or [])
    return part


def remark_counts(plan):
    """Return the gminas' remarks from the register of remarks ``plan`` names - (gminas that
    sent remarks, :class:`strategy.plan.RemarkCounts`) - or None when it names none
    (:func:`strategy.inputs.load.remark_counts`; :func:`document_inputs` loads them with the
    rest of the strategy's inputs)."""
    return inputs_load.remark_counts(plan)


def document_inputs(kind: str, teryt: str, store: str | Path, plan: str | Path = "", *,
                    rok: int = 0, horyzont: int = 0):
    """Return everything the document of ``kind`` needs, loaded once for the notebook's setup
    cell: the dataclass of :mod:`strategy.inputs.load` the document's function takes
    (``DiagnosisInputs``, ``StrategyInputs``...).

    ``teryt``, ``store``, ``plan``, ``rok`` and ``horyzont`` are the notebook's parameters:
    the unit is checked to be of the kind the document needs, the store is read in the rows
    :func:`strategy.inputs.rows_read` declares (those the build keys the job by), the plan
    is checked to be of the document's kind and unit. Raise :class:`InputError`,
    :class:`PlanError` or :class:`StoreError` with a Polish message otherwise.
    """
    declared = reads(kind)
    unit_kind = {"diagnoza": "gmina", "program_wspierania_rodziny": "gmina",
                 "strategia": "powiat", "program_pieczy_zastepczej": "powiat",
                 "kontrola_spojnosci": "powiat", "uchwala_strategia": "powiat",
                 "uchwala_program_pieczy_zastepczej": "powiat",
                 "uchwala_program_wspierania_rodziny": "gmina"}.get(kind)
    code = check_teryt(teryt, unit_kind)
    loaded = open_plan(plan, PLAN_KINDS.get(kind)) if declared.plan else None
    if kind in ("strategia", "program_pieczy_zastepczej", "kontrola_spojnosci",
                "uchwala_strategia", "uchwala_program_pieczy_zastepczej"):
        check_plan_unit(loaded, code)
    opened = open_store(store, code, kind=kind)
    if kind in inputs_load.RESOLUTION_PLANS:
        return inputs_load.load_resolution(opened, loaded, kind, code)
    if kind == "kontrola_spojnosci":
        return inputs_load.load_control(opened, loaded, year=year_param(rok))
    year = year_param(rok) if kind != "sprawozdanie" else None
    if kind == "diagnoza":
        return inputs_load.load_diagnosis(opened, code, year=year,
                                          horizon=horizon_param(horyzont))
    if kind == "sprawozdanie":
        return inputs_load.load_report(opened, loaded, code)
    horizon = horizon_param(horyzont, loaded)
    if kind == "strategia":
        return inputs_load.load_strategy(opened, loaded, year=year, horizon=horizon)
    if kind == "program_pieczy_zastepczej":
        return inputs_load.load_foster(opened, loaded, year=year, horizon=horizon)
    return inputs_load.load_family(opened, loaded, code, year=year, horizon=horizon)


def check_plan_unit(plan, teryt: str) -> None:
    """Raise :class:`PlanError` when the plan is written for another unit than ``teryt``."""
    if plan.unit != teryt:
        raise PlanError(f"{plan.path}: plan dotyczy jednostki {plan.unit}, a parametr teryt "
                        f"to {teryt}; podaj plik planu tej jednostki")


def report_year(plan, rok: int, last_data_year: int) -> int:
    """Return the year an annual report covers: ``rok`` when given, else the plan's
    ``sprawozdanie.rok``, else the last year with data."""
    asked = year_param(rok)
    if asked is not None:
        return asked
    planned = report_part(plan).get("rok")
    return int(planned) if planned else int(last_data_year)
