"""What the notebooks in ``notebooks/`` call besides the analysis: parameters, paths, display.

In: the values of a notebook's ``parameters`` cell (paths relative to the project root, ``rok = 0``
for "the last year with data", ``szablon = ""`` for the built-in template, ``wersja = ""`` for a
final document) and the objects of :mod:`strategy.diagnosis`.
Out: resolved paths (a notebook runs with the project root as its working directory under
papermill and the batch runner, and from ``notebooks/`` in JupyterLab), the loaded store and
plan, DataFrames styled with Polish number formatting, Markdown text of the generated sentences
and the path of the DOCX a builder wrote.

Nothing here draws or writes documents itself: the documents come from
:mod:`strategy.documents.builders`, the figures from :mod:`strategy.diagnosis`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import DocumentError, InputError, PlanError, StoreError, StrategyError
from .text.numbers import fmt_number
from .units import kind_of, normalize_code

#: Name of the DOCX each notebook writes into ``output_dir`` (the batch job table expects them).
OUTPUT_NAMES = {
    "diagnoza": "diagnoza.docx",
    "strategia": "strategia.docx",
    "program_wspierania_rodziny": "program_wspierania_rodziny.docx",
    "program_pieczy_zastepczej": "program_pieczy_zastepczej.docx",
    "sprawozdanie": "sprawozdanie_z_realizacji.docx",
}


def _candidates(path: str | Path, cwd: Path | None = None) -> list[Path]:
    p = Path(path).expanduser()
    if p.is_absolute():
        return [p]
    cwd = Path.cwd() if cwd is None else Path(cwd)
    return [cwd / p, cwd.parent / p]


def resolve_path(path: str | Path, what: str = "plik", *, cwd: Path | None = None) -> Path:
    """Return an existing input path: relative to ``cwd``, else relative to its parent folder.

    Raise :class:`InputError` naming both places when the path is found in neither.
    """
    if not str(path).strip():
        raise InputError(f"nie podano ścieżki ({what})")
    tried = _candidates(path, cwd)
    for p in tried:
        if p.exists():
            return p.resolve()
    where = " ani ".join(f"'{p}'" for p in tried)
    raise InputError(f"nie znaleziono: {what} '{path}' (szukano: {where})")


def project_root(cwd: Path | None = None) -> Path:
    """Return the project root: ``cwd``, or its parent when ``cwd`` is the ``notebooks`` folder."""
    cwd = Path.cwd() if cwd is None else Path(cwd)
    if not (cwd / "data").is_dir() and (cwd.parent / "data").is_dir():
        return cwd.parent
    return cwd


def resolve_output_dir(output_dir: str | Path, *, cwd: Path | None = None) -> Path:
    """Return the folder to write into (created if missing), relative paths from the project root."""
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
        raise InputError(f"nieznany rodzaj dokumentu '{kind}'; dozwolone: {', '.join(OUTPUT_NAMES)}")
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


def open_store(store: str | Path):
    """Return the store loaded from ``store`` (relative paths as in :func:`resolve_path`).

    Raise :class:`StoreError` with a hint how to build it when the file is missing.
    """
    from .store import load
    try:
        path = resolve_path(store, "magazyn danych")
    except InputError as exc:
        raise StoreError(f"{exc}. Zbuduj magazyn poleceniem 'strategy ingest' "
                         "(albo 'strategy demo' dla danych demonstracyjnych).") from None
    return load(path)


def open_plan(plan: str | Path, kind: str | None = None):
    """Return the plan loaded from ``plan``; with ``kind`` check it is a plan of that document."""
    from .plan import load_plan
    loaded = load_plan(resolve_path(plan, "plik planu"))
    if kind is not None and loaded.kind != kind:
        raise PlanError(f"{loaded.path}: to plan dokumentu '{loaded.kind}', a notatnik "
                        f"oczekuje planu '{kind}'")
    return loaded


def _cell(x, decimals: int | None) -> str:
    if isinstance(x, str):
        return x
    if isinstance(x, (list, tuple, set)):
        return ", ".join(str(i) for i in x)
    return fmt_number(x, decimals)


def polish_table(df: pd.DataFrame, decimals: int | None = None) -> pd.DataFrame:
    """Return a copy of ``df`` with numbers as Polish text (decimal comma, 'brak danych' for no data).

    ``decimals=None`` prints whole numbers without decimals and others with up to two places.
    Text columns are kept as they are.
    """
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_numeric_dtype(s) or s.map(lambda v: isinstance(v, (int, float))).any():
            out[col] = [_cell(v, decimals) for v in s]
    return out


def show_table(df: pd.DataFrame, decimals: int | None = None):
    """Return a pandas Styler of ``df`` in Polish number format, numbers aligned right."""
    text = polish_table(df, decimals)
    numeric = [c for c in df.columns if pd.api.types.is_numeric_dtype(df[c])]
    styler = text.style.hide(axis="index")
    if numeric:
        styler = styler.set_properties(subset=numeric, **{"text-align": "right"})
    return styler


def sentences_markdown(sentences, heading: str | None = None) -> str:
    """Return Markdown of the sentences as a bulleted list (optionally under a heading)."""
    if isinstance(sentences, str):
        sentences = [sentences]
    lines = [f"**{heading}**", ""] if heading else []
    lines += [f"- {s.strip()}" for s in sentences if s and s.strip()]
    return "\n".join(lines) if lines else "_Brak zdań do pokazania._"


def area_names(catalog=None) -> dict[str, str]:
    """Return the Polish names of the catalogue's areas by area id."""
    from .catalog import default_catalog
    catalog = catalog or default_catalog()
    return dict(catalog.areas)


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
    """Return the areas of ``diagnosis`` that have a table, sentences or figures, in catalogue order.

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


# ---- what a plan holds, as tables ---------------------------------------------------------------
def goals_table(plan) -> pd.DataFrame:
    """Return one row per direction of action with its goals, leads, partners, time and money."""
    rows = [{"Cel strategiczny": f"{g.id}. {g.name}", "Cel operacyjny": f"{og.id}. {og.name}",
             "Kierunek działań": f"{d.id}. {d.name}", "Realizatorzy": ", ".join(d.leads),
             "Partnerzy": ", ".join(d.partners), "Termin": d.timeframe,
             "Źródła finansowania": ", ".join(d.funding)}
            for g, og, d in plan.directions()]
    return pd.DataFrame(rows, columns=["Cel strategiczny", "Cel operacyjny", "Kierunek działań",
                                       "Realizatorzy", "Partnerzy", "Termin",
                                       "Źródła finansowania"])


def targets_table(plan) -> pd.DataFrame:
    """Return the indicators of implementation: goal, indicator, baseline, target and its year."""
    rows = [{"Cel operacyjny": og.id, "Wskaźnik": t.name,
             "Wartość bazowa": t.baseline if t.baseline is not None else float("nan"),
             "Rok bazowy": t.baseline_year if t.baseline_year is not None else pd.NA,
             "Wartość docelowa": t.target if t.target is not None else float("nan"),
             "Rok docelowy": t.target_year if t.target_year is not None else pd.NA,
             "Źródło": t.source}
            for og, t in plan.targets()]
    return pd.DataFrame(rows, columns=["Cel operacyjny", "Wskaźnik", "Wartość bazowa", "Rok bazowy",
                                       "Wartość docelowa", "Rok docelowy", "Źródło"])


def funding_table(plan) -> pd.DataFrame:
    """Return the financial frame: sources by years in zł, with a 'Razem' column and row."""
    years = plan.funding_years()
    rows = []
    for f in plan.funding:
        r = {"Źródło finansowania": f.source}
        r.update({str(y): float(f.amounts.get(y, 0.0)) for y in years})
        r["Razem"] = float(sum(f.amounts.get(y, 0.0) for y in years))
        rows.append(r)
    df = pd.DataFrame(rows, columns=["Źródło finansowania", *map(str, years), "Razem"])
    total = {"Źródło finansowania": "Razem"}
    total.update({c: float(df[c].sum()) for c in df.columns[1:]})
    return pd.concat([df, pd.DataFrame([total])], ignore_index=True)


#: Parts of the authors' SWOT in a plan file, with their Polish names.
SWOT_PARTS = {"mocne_strony": "Mocne strony", "slabe_strony": "Słabe strony", "szanse": "Szanse",
              "zagrozenia": "Zagrożenia"}


def plan_swot_markdown(plan) -> str:
    """Return Markdown of the authors' SWOT entries from the plan, part by part, in SWOT order."""
    parts = [sentences_markdown(plan.swot[k], heading=name)
             for k, name in SWOT_PARTS.items() if plan.swot.get(k)]
    return "\n\n".join(parts) if parts else "_Plik planu nie zawiera analizy SWOT._"


def limits_table(plan) -> pd.DataFrame:
    """Return the annual limit of professional foster families set in a foster-care plan."""
    limits = plan.extra.get("limit_rodzin_zawodowych") or {}
    rows = [{"Rok": int(y), "Limit rodzin zastępczych zawodowych": float(n)}
            for y, n in sorted(limits.items())]
    return pd.DataFrame(rows, columns=["Rok", "Limit rodzin zastępczych zawodowych"])


def actuals_table(plan) -> pd.DataFrame:
    """Return the values reported as achieved (``wykonanie``) per indicator and year."""
    rows = [{"Cel operacyjny": og.id, "Wskaźnik": t.name, "Rok": int(y),
             "Wartość osiągnięta": float(v),
             "Wartość docelowa": t.target if t.target is not None else float("nan")}
            for og, t in plan.targets() for y, v in sorted(t.actual.items())]
    return pd.DataFrame(rows, columns=["Cel operacyjny", "Wskaźnik", "Rok", "Wartość osiągnięta",
                                       "Wartość docelowa"])


def report_part(plan) -> dict:
    """Return the plan's ``sprawozdanie`` part with empty lists for what it does not give."""
    part = dict(plan.extra.get("sprawozdanie") or {})
    for key in ("dzialania", "wydatki", "wnioski"):
        part[key] = list(part.get(key) or [])
    return part


def spending_table(plan) -> pd.DataFrame:
    """Return the money spent in the reported year by source, in zł, with a 'Razem' row."""
    rows = [{"Źródło finansowania": str(w.get("zrodlo", "")), "Kwota (zł)": float(w.get("kwota", 0))}
            for w in report_part(plan)["wydatki"]]
    df = pd.DataFrame(rows, columns=["Źródło finansowania", "Kwota (zł)"])
    if len(df):
        total = pd.DataFrame([{"Źródło finansowania": "Razem", "Kwota (zł)": float(df["Kwota (zł)"].sum())}])
        df = pd.concat([df, total], ignore_index=True)
    return df


# ---- the last step of every notebook: the DOCX --------------------------------------------------
def write_document(kind: str, output_dir: str | Path, *, store=None, diagnosis=None, plan=None,
                   szablon: str = "", wersja: str = "", cwd: Path | None = None) -> Path:
    """Write the DOCX of document ``kind`` into ``output_dir`` with its builder; return its path.

    ``szablon`` and ``wersja`` are the notebook parameters (empty: built-in template, final
    document). Raise :class:`DocumentError` when the document builders are not available.
    """
    out = output_path(output_dir, kind, cwd=cwd)
    template = template_param(szablon)
    draft = draft_param(wersja)
    try:
        from .documents import builders
    except ImportError as exc:
        raise DocumentError(f"nie można zbudować dokumentu '{kind}': brak modułu budowania "
                            f"dokumentów ({exc})") from None
    return Path(_call_builder(builders, kind, out, store=store, diagnosis=diagnosis, plan=plan,
                              template=template, draft=draft))


def _call_builder(builders, kind, out, *, store, diagnosis, plan, template, draft):
    opts = {"template": template, "draft": draft}
    if kind == "diagnoza":
        return builders.build_diagnoza(diagnosis, out, **opts)
    if kind == "strategia":
        return builders.build_strategia(store, plan, out, **opts)
    if kind == "program_wspierania_rodziny":
        return builders.build_program_wspierania_rodziny(store, plan, out, **opts)
    if kind == "program_pieczy_zastepczej":
        return builders.build_program_pieczy_zastepczej(store, plan, out, **opts)
    return builders.build_sprawozdanie(store, plan, out, **opts)
