"""What the notebooks in ``notebooks/`` call besides the analysis: parameters, paths, display.

In: the values of a notebook's ``parameters`` cell (paths relative to the project root, ``rok = 0``
for "the last year with data", ``szablon = ""`` for the built-in template, ``wersja = ""`` for a
final document) and the objects of :mod:`strategy.diagnosis`.
Out: resolved paths (a notebook runs with the project root as its working directory under
papermill and the batch runner, and from ``notebooks/`` or an author copy's folder in
JupyterLab: :func:`project_root` walks up), the loaded store and
plan, tables shown through pandas' Styler with the Word tables' cell texts, Markdown text of the generated sentences
and the path each notebook writes its DOCX to (``output_dir`` + a fixed name per document).

Nothing here draws or writes documents: figures come from :mod:`strategy.diagnosis`, the
plan's tables from :mod:`strategy.documents.builders.data` (the same frames the documents show).
"""
from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import InputError, PlanError, StoreError, StrategyError
from .text import cells
from .units import kind_of, normalize_code

#: Name of the DOCX each notebook writes into ``output_dir`` (the batch job table expects them).
OUTPUT_NAMES = {
    "diagnoza": "diagnoza.docx",
    "strategia": "strategia.docx",
    "program_wspierania_rodziny": "program_wspierania_rodziny.docx",
    "program_pieczy_zastepczej": "program_pieczy_zastepczej.docx",
    "sprawozdanie": "sprawozdanie_z_realizacji.docx",
}


#: What marks a project folder: the folders the commands read and write (``data/``) next to
#: the notebooks or the package's own ``pyproject.toml``.
PROJECT_MARKERS = ("notebooks", "pyproject.toml", "reports")


def _is_project(folder: Path) -> bool:
    return (folder / "data").is_dir() and any((folder / m).exists() for m in PROJECT_MARKERS)


def project_root(cwd: Path | None = None) -> Path:
    """Return the project root: the nearest of ``cwd`` and the folders above it that holds a
    ``data`` folder beside ``notebooks``, ``reports`` or ``pyproject.toml`` (else the nearest
    with a ``data`` folder).

    A notebook may be run from the project root (papermill, ``strategy build``), from
    ``notebooks/`` or from an author copy's own folder ``notebooks/autorskie/<kod>/``
    (JupyterLab opened there, ``jupyter nbconvert --execute``): all find the same project.
    Without such a folder above, ``cwd`` itself.
    """
    cwd = (Path.cwd() if cwd is None else Path(cwd)).resolve()
    folders = (cwd, *cwd.parents)
    for folder in folders:
        if _is_project(folder):
            return folder
    return next((f for f in folders if (f / "data").is_dir()), cwd)


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
    from .diagnosis import horizon_for
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


def open_store(store: str | Path, teryt: str | None = None):
    """Return the store loaded from ``store`` (relative paths as in :func:`resolve_path`).

    With ``teryt`` only the rows a document of that unit can use are read: its powiat and the
    powiat's gminas, its województwo and Poland (:func:`strategy.store_scope.rows_read`, the
    same rows the batch runner keys the document's job by). Raise :class:`StoreError` with a
    hint how to build it when the file is missing. Values no validated load would have let in
    (a negative count, a share above 100 %) are warned about on stderr, naming unit, year and
    indicator (:func:`strategy.validate.check_store_values`).
    """
    from .store import load
    from .store_scope import rows_read
    try:
        path = resolve_path(store, "magazyn danych")
    except InputError as exc:
        raise StoreError(f"{exc}. Zbuduj magazyn poleceniem 'strategy ingest' "
                         "(albo 'strategy demo' dla danych demonstracyjnych).") from None
    code = str(teryt or "").strip()
    if len(code) in (4, 7) and code.isdigit():
        opened = load(path, units=rows_read(code))
    else:
        opened = load(path)
    from .validate import check_store_values
    for warning in check_store_values(opened.frame):  # values that bypassed validation
        print(f"UWAGA: {warning}", file=sys.stderr)
    return opened


def open_plan(plan: str | Path, kind: str | None = None):
    """Return the plan loaded from ``plan``; with ``kind`` check it is a plan of that document."""
    from .plan import load_plan
    loaded = load_plan(resolve_path(plan, "plik planu"))
    if kind is not None and loaded.kind != kind:
        raise PlanError(f"{loaded.path}: to plan dokumentu '{loaded.kind}', a notatnik "
                        f"oczekuje planu '{kind}'")
    return loaded


def _year_column(name) -> bool:
    """True for the value columns of a diagnosis table: '2024', 'Powiat (2024)'."""
    name = str(name)
    return bool(re.fullmatch(r"\d{4}", name) or re.fullmatch(r".*\(\d{4}\)", name))


def _texts(df: pd.DataFrame, decimals: int | None, row_decimals, formats):
    """Return (frame with a meaningful index as columns, texts, numeric flags, has_missing).

    Without ``row_decimals`` a frame's own ``attrs['row_decimals']`` (one entry per row, e.g.
    the targets of a plan: counts as whole numbers) apply to its ``attrs['row_columns']``.
    """
    hints = dict(getattr(df, "attrs", {}) or {})
    df = cells.frame_for_table(df)
    formats = dict(formats or {})
    if decimals is not None:
        formats = {**{c: decimals for c in df.columns}, **formats}
    row_columns = [c for c in df.columns if _year_column(c)]
    own = hints.get("row_decimals")
    if (row_decimals is None and own is not None and len(own) == len(df)
            and hints.get("row_columns")):
        row_decimals = list(own)
        row_columns = [c for c in hints["row_columns"] if c in df.columns]
    texts, nums, has_missing = cells.cell_texts(df, formats, row_decimals,
                                                row_columns=row_columns)
    return df, texts, nums, has_missing


def polish_table(df: pd.DataFrame, decimals: int | None = None, *,
                 row_decimals: list | None = None, formats=None) -> pd.DataFrame:
    """Return the cells of ``df`` as the Polish text a table shows (a frame of strings).

    The rule is the Word tables' (:func:`strategy.text.cells.cell_texts`): decimal comma,
    thousands grouped with a no-break space, ``b.d.`` for a missing value, per column the
    decimals its numbers need (0-2). ``decimals`` fixes the places of every number column,
    ``formats`` those of single columns (or gives a callable), ``row_decimals`` (one entry
    per row) those of the year columns ('2024', 'Powiat (2024)') of tables whose rows are
    different indicators. Text columns are kept. A named or non-default index becomes columns.
    """
    df, texts, _, _ = _texts(df, decimals, row_decimals, formats)
    out = pd.DataFrame(texts, columns=df.columns, index=range(len(texts)), dtype=object)
    return out


def show_table(df: pd.DataFrame, decimals: int | None = None, *, row_decimals: list | None = None,
               formats=None):
    """Return ``df`` for ``display`` as a pandas Styler: the cell texts of
    :func:`polish_table`, number columns aligned right, no index, and the note
    ``b.d. – brak danych`` under a table with missing values.

    The Styler is pandas' own: a notebook may restyle it (``.set_caption``,
    ``.set_properties``...) before displaying it.
    """
    df, texts, nums, has_missing = _texts(df, decimals, row_decimals, formats)
    numeric = cells.numeric_columns(df, texts, nums)
    text = pd.DataFrame(texts, columns=df.columns, index=range(len(texts)), dtype=object)
    # A uuid from the content: the same table gives the same HTML in every run, and tables of
    # one notebook do not share the ids their column styles are scoped by.
    digest = hashlib.sha1(repr((list(map(str, df.columns)), texts)).encode()).hexdigest()[:10]
    # Selectors on the column classes pandas documents for the Styler's cells (col<n>): a
    # table style per column label would look every label up again (~3 ms a table).
    right = [{"selector": f"{cell}.col{j}", "props": "text-align: right"}
             for j, n in enumerate(numeric) if n for cell in ("th", "td")]
    styler = (text.style.format(escape="html").hide(axis="index").set_uuid(digest)
              .set_table_attributes('class="dataframe"').set_table_styles(right))
    if has_missing:
        styler = styler.set_caption(cells.MISSING_NOTE).set_table_styles(
            [{"selector": "caption", "props": "caption-side: bottom; text-align: left"}],
            overwrite=False)
    return styler


def table_decimals(table: pd.DataFrame, catalog=None) -> list | None:
    """Return the decimals of each row of a diagnosis table from its indicators' kinds
    (counts and amounts 0, rates 1...), or ``None`` when the table does not name them."""
    from .catalog import default_catalog
    from .text.values import KIND_DECIMALS
    catalog = catalog or default_catalog()
    indicators = table.attrs.get("indicators")
    if not indicators or len(indicators) != len(table):
        return None
    dec = {**KIND_DECIMALS, "amount": 0}
    return [dec.get(catalog.get(i).kind) if i in catalog else None for i in indicators]


def sentences_markdown(sentences, heading: str | None = None) -> str:
    """Return Markdown of the sentences as a bulleted list (optionally under a heading)."""
    if isinstance(sentences, str):
        sentences = [sentences]
    lines = [f"**{heading}**", ""] if heading else []
    lines += [f"- {s.strip()}" for s in sentences if s and s.strip()]
    return "\n".join(lines) if lines else "_Brak zdań do pokazania._"


# ---- what a diagnosis shows, grouped for the notebooks ------------------------------------------
#: Figures of :func:`strategy.diagnosis.diagnose` that are not named after an indicator.
FIGURE_AREAS = {"powody_pomocy": "pomoc_spoleczna", "struktura_wieku": "demografia",
                "piecza_formy": "piecza_zastepcza"}


@dataclass
class AreaSection:
    """One area of a diagnosis as a notebook shows it: table, sentences and figures."""

    area: str
    name: str
    table: pd.DataFrame | None
    sentences: list[str]
    figures: list = field(default_factory=list)   # strategy.diagnosis.Figure


def figure_area(key: str, catalog=None) -> str | None:
    """Return the area id a diagnosis figure belongs to (``trend_<ind>``, ``ranking_<ind>``...)."""
    from .catalog import default_catalog
    catalog = catalog or default_catalog()
    if key in FIGURE_AREAS:
        return FIGURE_AREAS[key]
    for prefix in ("trend_", "ranking_"):
        if key.startswith(prefix) and key[len(prefix):] in catalog:
            return catalog.get(key[len(prefix):]).area
    return None


def area_sections(diagnosis, catalog=None) -> list[AreaSection]:
    """Return the areas of ``diagnosis`` with a table, sentences or figures, in catalogue order.

    Figures that belong to no area are put in a last section named 'Pozostałe wykresy'.
    """
    from .catalog import default_catalog
    catalog = catalog or default_catalog()
    by_area: dict[str | None, list] = {}
    for key, fig in diagnosis.figures.items():
        by_area.setdefault(figure_area(key, catalog), []).append(fig)
    out = []
    for area, name in catalog.areas.items():
        table = diagnosis.tables.get(area)
        sentences = list(diagnosis.sentences.get(area, []))
        figures = by_area.get(area, [])
        if table is not None or sentences or figures:
            out.append(AreaSection(area, name, table, sentences, figures))
    if by_area.get(None):
        out.append(AreaSection("inne", "Pozostałe wykresy", None, [], by_area[None]))
    return out


def _indicator_name(ind_id: str, catalog) -> str:
    return catalog.get(ind_id).name if ind_id in catalog else ind_id


def areas_table(diagnosis, catalog=None) -> pd.DataFrame:
    """Return the areas ordered by the ranking score with their most pressing indicators."""
    from .catalog import default_catalog
    catalog = catalog or default_catalog()
    rows = [{"Miejsce": i, "Obszar": r.area_name, "Wynik": float(r.score),
             "Liczba wskaźników": int(r.n_indicators),
             "Najpilniejsze wskaźniki": "; ".join(_indicator_name(x, catalog)
                                                  for x in list(r.top_indicators)[:3])}
            for i, r in enumerate(diagnosis.areas.itertuples(), start=1)]
    return pd.DataFrame(rows, columns=["Miejsce", "Obszar", "Wynik", "Liczba wskaźników",
                                       "Najpilniejsze wskaźniki"])


def comparison_table(diagnosis, catalog=None) -> pd.DataFrame:
    """Return the gmina's key indicators next to the powiat's, with the assessment and rank
    (the table of the diagnosis chapter "na tle powiatu")."""
    from .catalog import default_catalog
    from .documents.builders.common import comparison_frame

    return comparison_frame(diagnosis, catalog or default_catalog())


def swot_table(diagnosis) -> pd.DataFrame:
    """Return the SWOT suggestions computed from the figures: category, area and the reason."""
    rows = [{"Kategoria": s.get("kind", ""), "Obszar": s.get("area_name", ""),
             "Uzasadnienie": s.get("text", "")} for s in diagnosis.swot]
    return pd.DataFrame(rows, columns=["Kategoria", "Obszar", "Uzasadnienie"])


def forecast_table(diagnosis, catalog=None) -> pd.DataFrame:
    """Return one row per forecast: last observed value, the value at the horizon and the method.

    A refused forecast keeps its row with the reason instead of values.
    """
    from .catalog import default_catalog
    catalog = catalog or default_catalog()
    own = diagnosis.values[diagnosis.values["teryt"] == diagnosis.teryt]
    rows = []
    for ind_id, f in diagnosis.forecasts.items():
        s = own[(own["indicator"] == ind_id) & own["value"].notna()].sort_values("year")
        last = float(s["value"].iloc[-1]) if len(s) else float("nan")
        at_h = float(f.values[-1]) if f.values and not f.refused_reason else float("nan")
        rows.append({"Wskaźnik": _indicator_name(ind_id, catalog),
                     "Ostatni rok": int(s["year"].iloc[-1]) if len(s) else pd.NA,
                     "Wartość w ostatnim roku": last,
                     f"Prognoza na {f.horizon}": at_h,
                     "Metoda": f.refused_reason or f.method})
    return pd.DataFrame(rows)


# ---- what a plan holds -------------------------------------------------------------------------
#: Parts of the authors' SWOT in a plan file, with their Polish names.
SWOT_PARTS = {"mocne_strony": "Mocne strony", "slabe_strony": "Słabe strony", "szanse": "Szanse",
              "zagrozenia": "Zagrożenia"}


def plan_swot_markdown(plan) -> str:
    """Return Markdown of the authors' SWOT entries from the plan, part by part, in SWOT order."""
    parts = [sentences_markdown(plan.swot[k], heading=name)
             for k, name in SWOT_PARTS.items() if plan.swot.get(k)]
    return "\n\n".join(parts) if parts else "_Plik planu nie zawiera analizy SWOT._"


def report_part(plan) -> dict:
    """Return the plan's ``sprawozdanie`` part with empty lists for what it does not give."""
    part = dict(plan.extra.get("sprawozdanie") or {})
    for key in ("dzialania", "wydatki", "wnioski"):
        part[key] = list(part.get(key) or [])
    return part


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
