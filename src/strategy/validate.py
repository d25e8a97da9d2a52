"""Validation: the raw long frame of the readers -> the canonical frame and every problem found.

In: the raw frame of :mod:`strategy.ingest.raw` (cells as text, with file, sheet, row, column),
the indicator catalogue and the unit registry.
Out: ``(frame, problems)`` from :func:`validate` - the canonical frame (``strategy.store.COLUMNS``
plus provenance) of the rows that passed, and a list of :class:`strategy.ingest.problems.Problem`, one
per thing that is wrong, all collected in one pass. Callers must not store the frame when
``problems`` is non-empty.

Rules (``Problem.rule`` ids): ``kolumny`` required columns missing; ``teryt`` malformed code
(Excel-mangled codes included) or a BDL id that gives no TERC; ``jednostka`` code unknown to the
registry; ``czesc_gminy`` the town or rural part of an urban-rural gmina (only whole gminas are
stored); ``poza_powiatem`` a unit outside the powiat being built; ``rok`` year not an integer;
``rok_zakres`` year outside the sane range; ``wskaznik`` indicator not in the catalogue;
``liczba`` value not a number; ``ujemna`` negative value of a kind that cannot be negative;
``udzial`` share above 100 %; ``calkowita`` a count that is not a whole number; ``duplikat`` the
same (teryt, year, indicator) twice with different values.

Codes of a predecessor (registry ``successor``: Koźminek 3007052 -> 3007053) are replaced with
the current code so series stay continuous. Symbols ``-``, ``.``, ``x`` become NaN values with
the flag of :data:`strategy.store.SYMBOL_FLAGS`. Identical duplicates collapse silently.

:func:`check_frame_consistency` gives warnings (rule ``spojnosc``), e.g. more families helped
because of poverty than families helped at all; they do not stop loading.
"""
from __future__ import annotations

import datetime as _dt
import difflib
import math
import re

import pandas as pd

from . import store as _store
from .catalog import NON_NEGATIVE, Catalog, default_catalog
from .errors import UnitError
from .ingest.numbers import MAX_ABS_TEXT, MAX_ABS_VALUE, parse_number, parse_symbol
from .ingest.problems import Problem
from .units import Registry, default_registry, kind_of, normalize_code, validate_terc

#: Code stored for Poland as a whole (BDL id ``000000000000``); TERC has no code for it.
POLAND = "PL"
#: Columns of the raw frame validation cannot do without.
REQUIRED = ["teryt_raw", "year_raw", "indicator", "value_raw"]
#: BDL attributes (the ``Atrybut`` column / ``attrId``) and the flag each one means, after the
#: list documented in :mod:`strategy.ingest.bdl_api`: ``0``/``1`` and the footnote attributes
#: are ordinary values; ``4``, ``14``, ``91`` (no information or confidentiality), ``15``
#: ("-") and ``50`` (not yet published) mean the cell holds no figure, whatever ``val`` says.
#: Attributes not listed are read as GUS symbols or store flag names (tidy CSV ``flag``
#: column), else ignored (an ordinary value).
ATTR_FLAGS = {"": _store.FLAG_OK, "0": _store.FLAG_OK, "1": _store.FLAG_OK,
              **{a: _store.FLAG_OK for a in ("3", "7", "9", "11", "13", "17", "20", "21", "94",
                                              "97", "98")},
              **{a: _store.FLAG_NO_DATA for a in ("4", "14", "15", "50", "91")}}
_NO_VALUE_FLAGS = {_store.FLAG_NO_DATA, _store.FLAG_NOT_APPLICABLE, _store.FLAG_SUPPRESSED}
#: Rule ids and their Polish descriptions (for summaries).
RULES = {
    "kolumny": "brak wymaganych kolumn",
    "teryt": "błędny kod jednostki",
    "jednostka": "nieznana jednostka",
    "czesc_gminy": "część gminy zamiast całej gminy",
    "poza_powiatem": "jednostka spoza powiatu",
    "powiat": "nie można ustalić powiatu",
    "rok": "rok nie jest liczbą całkowitą",
    "rok_zakres": "rok spoza zakresu",
    "wskaznik": "nieznany wskaźnik",
    "liczba": "wartość nie jest liczbą",
    "ujemna": "wartość ujemna",
    "udzial": "udział powyżej 100%",
    "calkowita": "liczba niecałkowita",
    "duplikat": "powtórzona wartość",
    "spojnosc": "niespójne dane",
}
_TOLERANCE = 1e-9


def default_years() -> tuple[int, int]:
    """Return the sane range of years: 1990 to the current year."""
    return (1990, _dt.date.today().year)


def validate(raw: pd.DataFrame, *, catalog: Catalog | None = None,
             registry: Registry | None = None, powiat: str | None = None,
             years: tuple[int, int] | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Return the canonical frame of the valid rows of ``raw`` and every problem found."""
    catalog = catalog or default_catalog()
    registry = registry or default_registry()
    years = years or default_years()
    problems: list[Problem] = []
    missing = [c for c in REQUIRED if c not in raw.columns]
    if missing:
        files = sorted(set(raw["file"].dropna().astype(str))) if "file" in raw else []
        problems.append(Problem(
            file=", ".join(files), rule="kolumny",
            message=f"w danych brak wymaganych kolumn: {', '.join(missing)}",
            expected="kolumny: kod jednostki, rok, wskaźnik, wartość"))
        return _store.empty_frame(with_provenance=True), problems

    unit_cache: dict[str, tuple[str | None, str, str, str]] = {}
    rows = []
    for rec in _records(raw):  # in chunks: not a dict per row of a national file at once
        loc = _Loc(rec)
        ok = True
        # --- unit
        code_raw = _text(rec.get("teryt_raw"))
        if code_raw not in unit_cache:
            unit_cache[code_raw] = _unit(code_raw, registry)
        teryt, rule, message, expected = unit_cache[code_raw]
        if teryt is None:
            problems.append(loc.problem("teryt_column", code_raw, message, expected, rule))
            ok = False
        # --- year
        year_raw = _text(rec.get("year_raw"))
        year = _year(year_raw)
        if year is None:
            problems.append(loc.problem("year_column", year_raw, "rok nie jest liczbą całkowitą",
                                        "rok zapisany czterema cyframi, np. 2023", "rok"))
            ok = False
        elif not years[0] <= year <= years[1]:
            problems.append(loc.problem("year_column", year_raw,
                                        f"rok {year} jest spoza zakresu {years[0]}-{years[1]}",
                                        f"rok od {years[0]} do {years[1]}", "rok_zakres"))
            ok = False
        # --- indicator
        ind_id = _text(rec.get("indicator"))
        ind = catalog.get(ind_id) if ind_id in catalog else None
        if ind is None:
            hint = difflib.get_close_matches(ind_id, [i.id for i in catalog], n=1)
            problems.append(loc.problem(
                "indicator_column", ind_id, f"nieznany wskaźnik '{ind_id}'",
                f"identyfikator z katalogu wskaźników (może '{hint[0]}'?)" if hint
                else "identyfikator z katalogu wskaźników", "wskaznik"))
            ok = False
        # --- value and flag
        value, flag, vproblem = _value(rec)
        if vproblem:
            problems.append(loc.problem("column", vproblem[0], vproblem[1], vproblem[2], "liczba"))
            ok = False
        elif ind is not None and not math.isnan(value):
            shown = _text(rec.get("value_raw")) or _num_text(value)
            if value < 0 and ind.kind in NON_NEGATIVE:
                problems.append(loc.problem(
                    "column", shown, f"wartość ujemna dla wskaźnika '{ind.id}' ({ind.name})",
                    "liczba nieujemna", "ujemna"))
                ok = False
            elif ind.kind == "share" and value > 100 + _TOLERANCE:
                problems.append(loc.problem(
                    "column", shown, f"udział powyżej 100% dla wskaźnika '{ind.id}' ({ind.name})",
                    "udział od 0 do 100 (%)", "udzial"))
                ok = False
            elif ind.kind == "count" and abs(value - round(value)) > _TOLERANCE:
                problems.append(loc.problem(
                    "column", shown,
                    f"wartość wskaźnika '{ind.id}' ({ind.name}) musi być liczbą całkowitą",
                    "liczba całkowita", "calkowita"))
                ok = False
        if not ok:
            continue
        rows.append({
            "teryt": teryt, "year": year, "indicator": ind.id, "value": value,
            "unit": ind.unit or _text(rec.get("unit")), "source": _text(rec.get("source")),
            "flag": flag, "file": loc.file, "sheet": loc.sheet, "row": loc.row,
            "column": _text(rec.get("column")),
        })
    frame = (_store.conform(pd.DataFrame(rows)) if rows
             else _store.empty_frame(with_provenance=True))
    frame, dup_problems = _collapse_duplicates(frame)
    problems += dup_problems
    if powiat is not None:
        problems += check_powiat(frame, powiat, registry)
    return frame, problems


def check_powiat(frame: pd.DataFrame, powiat: str, registry: Registry | None = None
                 ) -> list[Problem]:
    """Return a problem for every row whose unit is outside ``powiat``.

    Allowed: the whole gminas of the powiat, the powiat itself, its województwo and Poland
    (benchmarks).
    """
    registry = registry or default_registry()
    allowed = {g.teryt for g in registry.gminas_of(powiat)} | {powiat, powiat[:2], POLAND}
    out = []
    for rec in frame[~frame["teryt"].isin(allowed)].to_dict("records"):
        code = rec["teryt"]
        name = registry.get(code).label if code in registry else code
        out.append(Problem(
            file=rec.get("file", ""), sheet=rec.get("sheet", ""), row=_opt_int(rec.get("row")),
            column="", value=code, rule="poza_powiatem",
            message=f"jednostka {code} ({name}) nie należy do powiatu {powiat}",
            expected=f"gmina powiatu {powiat}, powiat {powiat}, województwo {powiat[:2]} lub Polska"))
    return out


def infer_powiat(frame: pd.DataFrame) -> tuple[str | None, list[str]]:
    """Return ``(powiat, candidates)``: the one powiat of the gminas (or powiats) in ``frame``.

    ``powiat`` is None when the data hold units of several powiats or of none.
    """
    codes = [c for c in frame["teryt"].dropna().unique() if c != POLAND]
    cands = sorted({c[:4] for c in codes if len(c) in (4, 7)})
    return (cands[0] if len(cands) == 1 else None), cands


def check_frame_consistency(frame: pd.DataFrame, catalog: Catalog | None = None
                            ) -> list[Problem]:
    """Return warnings (rule ``spojnosc``) where parts exceed their totals in one unit and year.

    Checked: each reason for help (families, persons) against the families/persons helped,
    women and age groups against the population, women and long-term unemployed against all
    unemployed. (Families served by assistants are a yearly count, so the limit of 15 at a time
    per assistant, art. 15 ust. 4, cannot be checked from it.)
    """
    catalog = catalog or default_catalog()
    pairs = []
    for ind in catalog:
        if ind.id.startswith("powod_") and ind.id.endswith("_rodziny"):
            pairs.append((ind.id, "rodziny_pomoc", 1.0))
        elif ind.id.startswith("powod_") and ind.id.endswith("_osoby"):
            pairs.append((ind.id, "osoby_w_rodzinach_pomoc", 1.0))
    pairs += [(p, "ludnosc", 1.0) for p in ("ludnosc_kobiety", "ludnosc_przedprodukcyjna",
                                             "ludnosc_produkcyjna", "ludnosc_poprodukcyjna",
                                             "ludnosc_15_64", "ludnosc_65plus")]
    pairs += [("bezrobotni_kobiety", "bezrobotni", 1.0), ("bezrobotni_dlugotrwale", "bezrobotni", 1.0)]
    pairs = [p for p in pairs if p[0] in catalog and p[1] in catalog]
    if frame.empty:
        return []
    f = frame.dropna(subset=["value"])
    wide = f.pivot_table(index=["teryt", "year"], columns="indicator", values="value",
                         aggfunc="first")
    where = {}
    if "file" in f:
        where = {(r["teryt"], r["year"], r["indicator"]): r for r in f.to_dict("records")}
    out = []
    for part, total, factor in pairs:
        if part not in wide or total not in wide:
            continue
        both = wide[[part, total]].dropna()
        bad = both[both[part] > both[total] * factor + _TOLERANCE]
        for (teryt, year), r in bad.iterrows():
            loc = where.get((teryt, year, part), {})
            limit = f"{factor:g} × '{total}'" if factor != 1 else f"'{total}'"
            out.append(Problem(
                file=loc.get("file", ""), sheet=loc.get("sheet", ""),
                row=_opt_int(loc.get("row")), column=loc.get("column", ""),
                value=_num_text(r[part]), rule="spojnosc",
                message=(f"jednostka {teryt}, rok {int(year)}: '{part}' ({_num_text(r[part])}) "
                         f"większe niż {limit} ({_num_text(r[total] * factor)})"),
                expected=f"nie więcej niż {limit}"))
    return out


# --- helpers ------------------------------------------------------------------------------------

class _Loc:
    """Where a raw row came from, to build problems."""

    def __init__(self, rec: dict):
        self.rec = rec
        self.file = _text(rec.get("file"))
        self.sheet = _text(rec.get("sheet"))
        self.row = _opt_int(rec.get("row"))

    def problem(self, column_key: str, value: str, message: str, expected: str, rule: str
                ) -> Problem:
        column = _text(self.rec.get(column_key)) or _text(self.rec.get("column"))
        if column_key == "indicator_column" and column.casefold() == "value":
            column = "indicator"  # tidy CSV: the id is in the 'indicator' column
        return Problem(file=self.file, sheet=self.sheet, row=self.row, column=column,
                       value=value, expected=expected, rule=rule, message=message)


def _text(v) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
        return ""
    return str(v).strip()


def _opt_int(v) -> int | None:
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def _num_text(x: float) -> str:
    x = float(x)
    if x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return f"{x:.6f}".rstrip("0").rstrip(".").replace(".", ",")


def _unit(code_raw: str, registry: Registry) -> tuple[str | None, str, str, str]:
    """Return (teryt or None, rule, message, expected) for one raw code."""
    expected = "kod TERC (7 cyfr gminy, 4 powiatu, 2 województwa) lub 12-cyfrowy id BDL"
    if not code_raw:
        return None, "teryt", "brak kodu jednostki", expected
    compact = re.sub(r"[\s\u00a0\u202f]", "", code_raw)
    if compact.upper() in (POLAND, "POLSKA") or compact == "0" * 12:
        return POLAND, "", "", ""
    try:
        if re.fullmatch(r"\d{12}", compact):
            code = registry.from_bdl(compact)
        else:
            code = validate_terc(normalize_code(code_raw))
    except UnitError as exc:
        return None, "teryt", str(exc), expected
    current = registry.current(code)
    if current not in registry:
        return None, "jednostka", f"jednostka o kodzie {code} nie jest znana w rejestrze jednostek", \
            "kod jednostki z rejestru (gmina, powiat lub województwo)"
    unit = registry.get(current)
    if kind_of(current) == "gmina" and not unit.is_whole_gmina:
        return None, "czesc_gminy", (
            f"{code} to {unit.type_name} ({unit.name}); wczytuje się dane całych gmin"), \
            "kod całej gminy (ostatnia cyfra 1, 2 lub 3)"
    return current, "", "", ""


def _collapse_duplicates(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """Drop identical repeats of a key; report keys given twice with different values."""
    dup = frame.duplicated(_store.KEY, keep=False)
    if not dup.any():
        return frame, []
    problems = []
    keep = pd.Series(True, index=frame.index)
    for key, group in frame[dup].groupby(_store.KEY, sort=False):
        values = {(None if math.isnan(v) else round(v, 9), f)
                  for v, f in zip(group["value"], group["flag"])}
        if len(values) == 1:
            keep[group.index[1:]] = False
            continue
        keep[group.index] = False
        recs = group.to_dict("records")
        for rec in recs:
            others = "; ".join(
                f"{_where(o)}: {_shown(o)}" for o in recs if o is not rec)
            problems.append(Problem(
                file=rec["file"], sheet=rec["sheet"], row=_opt_int(rec["row"]),
                column=rec["column"], value=_shown(rec), rule="duplikat",
                message=(f"jednostka {key[0]}, rok {key[1]}, wskaźnik '{key[2]}' podane "
                         f"więcej niż raz z różnymi wartościami (także {others})"),
                expected="jedna wartość dla jednostki, roku i wskaźnika"))
    return frame[keep].reset_index(drop=True), problems


def _where(rec: dict) -> str:
    parts = [f"plik {rec['file']}"] if rec.get("file") else []
    if rec.get("sheet"):
        parts.append(f"arkusz '{rec['sheet']}'")
    if _opt_int(rec.get("row")) is not None:
        parts.append(f"wiersz {int(rec['row'])}")
    return ", ".join(parts) or "inne miejsce"


def _shown(rec: dict) -> str:
    if math.isnan(rec["value"]):
        return _store.FLAG_LABELS.get(rec["flag"], rec["flag"]) or "brak wartości"
    return _num_text(rec["value"])


def _year(text: str) -> int | None:
    m = re.fullmatch(r"(\d{4})(?:[.,]0+)?", text)
    return int(m.group(1)) if m else None


def _value(rec: dict) -> tuple[float, str, tuple[str, str, str] | None]:
    """Return (value, flag, problem) where problem is (value found, message, expected) or None."""
    flag = _store.FLAG_OK
    attr = _text(rec.get("attr_raw"))
    attr_flag = ATTR_FLAGS.get(attr)
    if attr_flag is None:
        attr_flag = parse_symbol(attr) or (attr if attr in _store.FLAGS else _store.FLAG_OK)
    num = rec.get("value_num")
    text = rec.get("value_raw")
    if num is not None and not (isinstance(num, float) and math.isnan(num)):
        try:
            value = float(num)
        except (TypeError, ValueError):
            return math.nan, flag, (_text(num), f"'{_text(num)}' nie jest liczbą", "liczba")
        if not math.isfinite(value):
            return math.nan, flag, (_text(num), f"'{_text(num)}' nie jest liczbą", "liczba")
        if abs(value) > MAX_ABS_VALUE:
            return math.nan, flag, (_text(num), f"liczba zbyt duża: większa co do wartości "
                                    f"bezwzględnej niż {MAX_ABS_TEXT}", "liczba")
        if attr_flag in _NO_VALUE_FLAGS:
            return math.nan, attr_flag, None
        return value, attr_flag, None
    text = _text(text)
    if text == "":
        return math.nan, attr_flag or _store.FLAG_NO_DATA, None
    symbol = parse_symbol(text)
    if symbol is not None:
        return math.nan, symbol, None
    # the tidy CSV (column "value") is written by programs: a dot there is a decimal point
    dot = _text(rec.get("column")).casefold() == "value"
    try:
        value = parse_number(text, decimal_point=dot)
    except ValueError as exc:
        return math.nan, flag, (text, str(exc),
                                "liczba, np. 1234 lub 1 234,5, albo symbol -, . lub x")
    if attr_flag in _NO_VALUE_FLAGS:
        return math.nan, attr_flag, None
    return value, attr_flag, None



def check_store_values(frame: pd.DataFrame, catalog: Catalog | None = None,
                       registry: Registry | None = None, limit: int = 20) -> list[str]:
    """Return Polish warnings for stored values a validated load would not have let in.

    A store written by ``strategy ingest`` passes; one changed by other means (a parquet file
    edited by hand, an older version) may hold a negative count (population -5), a share above
    100 % or an absurd magnitude. Each warning names the unit, the year and the indicator;
    at most ``limit`` are listed, then how many more. Vectorised: cheap on a powiat's rows.
    """
    if frame is None or not len(frame):
        return []
    catalog = catalog or default_catalog()
    kind = frame["indicator"].map({i.id: i.kind for i in catalog})
    value = pd.to_numeric(frame["value"], errors="coerce")
    negative = (value < 0) & kind.isin(NON_NEGATIVE)
    share = (kind == "share") & (value > 100 + _TOLERANCE)
    huge = value.abs() > MAX_ABS_VALUE
    bad = negative | share | huge
    if not bad.any():
        return []
    registry = registry or default_registry()
    out = []
    for i in list(frame.index[bad])[:limit]:
        code, ind_id, x = str(frame.at[i, "teryt"]), str(frame.at[i, "indicator"]), value[i]
        unit = registry.get(code).label if code in registry else code
        ind = catalog.get(ind_id).name if ind_id in catalog else ind_id
        why = ("przekracza wszelką rozsądną wielkość" if huge[i] else
               "jest ujemna, a wskaźnik nie może być ujemny" if negative[i] else
               "to udział powyżej 100%")
        out.append(f"magazyn danych: {unit} ({code}), rok {frame.at[i, 'year']}, wskaźnik "
                   f"„{ind}”: wartość {_num_text(x) if abs(x) < 1e15 else f'{x:.3g}'} {why} "
                   "(wczytanie przez 'strategy ingest' by jej nie przyjęło; sprawdź dane)")
    more = int(bad.sum()) - len(out)
    if more > 0:
        out.append(f"magazyn danych: i {more} innych takich wartości")
    return out


#: Rows of the raw frame turned into dicts at a time by :func:`_records`.
_CHUNK_ROWS = 20_000


def _records(frame: pd.DataFrame):
    """Yield the rows of ``frame`` as dicts, a chunk at a time (bounded memory)."""
    for start in range(0, len(frame), _CHUNK_ROWS):
        yield from frame.iloc[start:start + _CHUNK_ROWS].to_dict("records")
