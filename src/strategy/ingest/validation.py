"""Validation: the raw long frame of the readers -> the canonical frame and every problem found.

The validator is a step of the ingest stage: the load pipeline (:mod:`.loading`) runs it on what
the readers found. It imports the stage's own parts (:mod:`.problems`, :mod:`.numbers`,
:mod:`.measure`) and the layers below (store, catalog, units), never the readers or the pipeline.
:mod:`strategy.validate` is its public name outside the stage (notebooks check a store with
:func:`check_store_values`); nothing in ``strategy.ingest`` imports that module, so the arrow
between the two runs one way: ``strategy.validate -> strategy.ingest.validation``.

In: the raw frame of :mod:`strategy.ingest.raw` (cells as text, with file, sheet, row, column),
the indicator catalogue and the unit registry.
Out: ``(frame, problems)`` from :func:`validate` - the canonical frame (``strategy.store.COLUMNS``
plus provenance) of the rows that passed, and a list of :class:`strategy.ingest.problems.Problem`, one
per thing that is wrong, all collected in one pass. Callers must not store the frame when
``problems`` is non-empty.

Rules (``Problem.rule`` ids): ``kolumny`` required columns missing; ``teryt`` malformed code
(Excel-mangled codes included) or a BDL id that gives no TERC; ``jednostka`` code unknown to the
registry (the message names the unit as the file names it and says how to import a newer TERC
register); ``nazwa_kod`` a unit name in the file whose type suffix or name contradicts the code
(``0607011`` with ``Kraśnik (2)``); ``czesc_gminy`` a file that holds only parts of urban-rural
gminas; ``jednostka_miary`` a file unit that does not fit the indicator's unit (a count given for
a rate); ``poza_powiatem`` a unit outside the powiat being built; ``rok`` year not an integer;
``rok_zakres`` year outside the sane range; ``wskaznik`` indicator not in the catalogue;
``liczba`` value not a number; ``ujemna`` negative value of a kind that cannot be negative;
``udzial`` share above 100 %; ``calkowita`` a count that is not a whole number; ``duplikat`` the
same (teryt, year, indicator) twice with different values; ``kod_poprzedni`` a value for one
year under a gmina's old code and under its current code.

Parts of gminas (types 4 and 5 of urban-rural gminas, 8 Warsaw's districts, 9 delegations) are
not errors: their rows are skipped and :func:`validate` adds one note per file to ``notes`` (how
many rows, which gminas) - the whole gmina (type 3) is what is stored. A code of 6 digits is
explained as a code that lost its leading zero (``607042`` -> ``0607042``). A value in
thousands (``tys. osób``) is multiplied into the indicator's unit (:mod:`strategy.ingest.measure`).

Codes of a predecessor (registry ``successor``: Czarny Dunajec 1211032 -> 1211033, a rural gmina
that became urban-rural in 2023) are replaced with the current code, so a gmina is one series
across years (:func:`join_codes`; what was moved goes to ``recoded``); a value given under both
the old and the current code for one year is a conflict (``kod_poprzedni``), never a silent
choice. A unit named by its former name (Słupsk for Redzikowo 2212082) is no warning. Symbols ``-``, ``.``, ``x`` become NaN values with
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

from .. import store as _store
from ..catalog import NON_NEGATIVE, Catalog, default_catalog
from ..errors import UnitError
from .measure import fit
from .numbers import MAX_ABS_TEXT, MAX_ABS_VALUE, parse_number, parse_symbol
from .problems import Problem, rows_text, rows_word
from ..units import (GMINA_TYPES, IMPORT_HINT, Registry, default_registry,
                    kind_of, normalize_code, validate_terc)

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
    "czesc_gminy": "tylko części gmin zamiast całych gmin",
    "nazwa_kod": "nazwa jednostki niezgodna z kodem",
    "jednostka_miary": "jednostka miary niezgodna ze wskaźnikiem",
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
    "kod_poprzedni": "wartość pod starym i nowym kodem gminy",
    "spojnosc": "niespójne dane",
    "suma_powiatu": "wartość powiatu różna od sumy gmin",
    "nazwa": "nazwa jednostki inna niż w rejestrze",
}
_TOLERANCE = 1e-9


def default_years() -> tuple[int, int]:
    """Return the sane range of years: 1990 to the current year."""
    return (1990, _dt.date.today().year)


def validate(raw: pd.DataFrame, *, catalog: Catalog | None = None,
             registry: Registry | None = None, powiat: str | None = None,
             years: tuple[int, int] | None = None, notes: list[str] | None = None,
             warnings: list[Problem] | None = None, recoded: list[dict] | None = None
             ) -> tuple[pd.DataFrame, list[Problem]]:
    """Return the canonical frame of the valid rows of ``raw`` and every problem found.

    ``notes`` (if given) receives one line per file whose gmina-part rows were skipped;
    ``warnings`` (if given) the non-blocking problems (a unit name that differs from the
    register's); ``recoded`` (if given) one record per old code whose data were stored under the
    current code (see :func:`join_codes`) and per unit a file names by its former name
    (``{"code", "former_name", "name", "renamed_in", "files"}``).
    """
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

    unit_cache: dict[str, tuple[str | None, str, str, str, str]] = {}
    origins: list[str] = []                 # per stored row: the code the file gives
    renamed: dict[str, set[str]] = {}       # code -> files naming the unit by its former name
    name_cache: dict[tuple[str, str], tuple[str, str, bool]] = {}
    parts: dict[str, dict[str, set]] = {}   # file -> gmina code (6 digits + 3) -> file rows
    part_names: dict[str, str] = {}
    whole_rows: dict[str, int] = {}         # file -> rows of units other than gmina parts
    # the valid rows by column (a dict per row of a national file would take a gigabyte)
    rows: dict[str, list] = {c: [] for c in ("teryt", "year", "indicator", "value", "unit",
                                             "source", "flag", "file", "sheet", "row",
                                             "column")}
    for rec in _records(raw):  # in chunks: not a dict per row of a national file at once
        loc = _Loc(rec)
        ok = True
        # --- unit
        code_raw = _text(rec.get("teryt_raw"))
        name_raw = _text(rec.get("name_raw"))
        part = _part_code(code_raw, registry)
        if part is not None:
            whole = part[:6] + "3"
            per_file = parts.setdefault(loc.file, {})
            per_file.setdefault(whole, set()).add((loc.sheet, loc.row, code_raw))
            if whole not in part_names:
                part_names[whole] = (registry.display_name(whole) if whole in registry
                                     else re.sub(r"\s*(-.*)?(\(\d\))?$", "", name_raw) or whole)
            continue
        whole_rows[loc.file] = whole_rows.get(loc.file, 0) + 1
        if code_raw not in unit_cache:
            unit_cache[code_raw] = _unit(code_raw, registry)
        teryt, rule, message, expected, given = unit_cache[code_raw]
        if teryt is None:
            if rule == "jednostka" and name_raw:
                message = message.replace(" nie występuje", f" („{name_raw}” w pliku) nie "
                                          "występuje", 1)
            problems.append(loc.problem("teryt_column", code_raw, message, expected, rule))
            ok = False
        elif name_raw:
            key = (code_raw, name_raw)
            if key not in name_cache:
                name_cache[key] = _name_check(code_raw, teryt, name_raw, registry)
            nmsg, nexp, blocking = name_cache[key]
            if nmsg and blocking:
                problems.append(loc.problem("teryt_column", f"{code_raw} {name_raw}", nmsg, nexp,
                                            "nazwa_kod"))
                ok = False
            elif nmsg and warnings is not None:
                warnings.append(loc.problem("teryt_column", f"{code_raw} {name_raw}", nmsg, nexp,
                                            "nazwa"))
            elif _former_name(name_raw, teryt, registry):
                renamed.setdefault(teryt, set()).add(loc.file)
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
        elif ind is not None:
            fits, factor = fit(_text(rec.get("unit")), ind.unit)
            if not fits:
                problems.append(loc.problem(
                    "column", _text(rec.get("unit")),
                    f"{factor}: wartości nie mogą być zapisane jako '{ind.id}' ({ind.name}); "
                    "wskaż właściwy wskaźnik w mapping.csv", f"jednostka zgodna z '{ind.unit}'",
                    "jednostka_miary"))
                ok = False
            elif factor != 1.0 and not math.isnan(value):
                value = round(value * factor, 6)   # 1181.7 tys. -> 1 181 700, not ...700.0002
        if ok and ind is not None and not math.isnan(value):
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
        origins.append(given)
        for name, v in (("teryt", teryt), ("year", year), ("indicator", ind.id),
                        ("value", value), ("unit", ind.unit or _text(rec.get("unit"))),
                        ("source", _text(rec.get("source"))), ("flag", flag),
                        ("file", loc.file), ("sheet", loc.sheet), ("row", loc.row),
                        ("column", _text(rec.get("column")))):
            rows[name].append(v)
    frame = (_store.conform(pd.DataFrame(rows)) if origins
             else _store.empty_frame(with_provenance=True))
    frame, code_problems, moved = join_codes(frame, origins, registry)
    problems += code_problems
    if recoded is not None:
        recoded += moved
        recoded += [{"code": c, "former_name": registry.get(c).former_name,
                     "name": registry.get(c).name, "renamed_in": registry.get(c).renamed_in,
                     "files": sorted(files)} for c, files in sorted(renamed.items())]
    frame, dup_problems = _collapse_duplicates(frame)
    problems += dup_problems
    if powiat is not None:
        problems += check_powiat(frame, powiat, registry)
    if notes is not None:
        for file, gminas in parts.items():
            n = sum(len(r) for r in gminas.values())
            listed = ", ".join(f"{part_names[c]} ({c})" for c in sorted(gminas))
            kinds = {code for rows in gminas.values() for _, _, code in rows}
            city = any(re.sub(r"\D", "", c)[-1:] in "89" for c in kinds)
            what = ("części gmin (miasto i obszar wiejski gmin miejsko-wiejskich, dzielnice, "
                    "delegatury)" if city else
                    "części gmin miejsko-wiejskich (miasto, obszar wiejski)")
            notes.append(f"{file}: pominięto {n} {_rows_word(n)} {what}; wczytano dane całych "
                         f"gmin – dotyczy: {listed}")
    for file in sorted(f for f in parts if not whole_rows.get(f)):
        listed = ", ".join(f"{part_names[c]} ({c})" for c in sorted(parts[file]))
        problems.append(Problem(
            file, "plik zawiera tylko wiersze części gmin miejsko-wiejskich (miasto, obszar "
            f"wiejski), a nie całe gminy ({listed}); pobierz z BDL dane gmin (poziom: gminy) "
            "razem z wierszami całych gmin (rodzaj 3)", rule="czesc_gminy",
            expected="kody całych gmin (ostatnia cyfra 1, 2 lub 3)"))
    return frame, problems


def _rows_word(n: int) -> str:
    if n == 1:
        return "wiersz"
    return "wiersze" if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else "wierszy"


def _part_code(code_raw: str, registry: Registry) -> str | None:
    """Return the 7-digit code when ``code_raw`` is a part of a gmina (type 4, 5, 8, 9): a part
    the register knows, or a town/rural part (4, 5) of an urban-rural gmina it knows."""
    compact = re.sub(r"[\s\u00a0\u202f\"']", "", code_raw)
    if re.fullmatch(r"\d{12}", compact):
        try:
            compact = registry.from_bdl(compact)
        except UnitError:
            return None
    if re.fullmatch(r"\d{7}", compact) and compact[6] in "4589" and compact[4:6] != "00":
        known = compact in registry and not registry.get(compact).is_whole_gmina
        if known or (compact[6] in "45" and compact[:6] + "3" in registry):
            return compact
    return None


def _name_check(code_raw: str, teryt: str, name_raw: str, registry: Registry
                ) -> tuple[str, str, bool]:
    """Return (message, expected, blocking) when the file's name contradicts the code.

    A type suffix ``(2)`` that is not the code's type digit, or a gmina name that is the name of
    another gmina of the same powiat, block the row; another name is a warning (units get
    renamed). Names as BDL writes them are understood: ``Kraśnik (1)``, ``Powiat kraśnicki``,
    ``Annopol - miasto (4)``, and the template's ``Kraśnik (gmina miejska)``.
    """
    if teryt not in registry or kind_of(teryt) == "wojewodztwo":
        return "", "", False
    unit = registry.get(teryt)
    given = re.sub(r"[\s\u00a0]+", " ", name_raw).strip()
    m = re.fullmatch(r"(.*?)\s*\(([^()]*)\)", given)
    suffix = ""
    if m:
        given, suffix = m.group(1).strip(), m.group(2).strip()
    compact = re.sub(r"[\s\u00a0\u202f\"']", "", code_raw)
    type_digit = compact[-1] if len(compact) in (7, 12) and compact.isdigit() else ""
    if kind_of(teryt) == "gmina":
        type_digit = teryt[6] if not type_digit or type_digit not in "123" else type_digit
        named = {v: k for k, v in GMINA_TYPES.items()}.get(suffix.casefold(), suffix)
        if named in GMINA_TYPES and named != type_digit:
            return (f"kod {code_raw} oznacza gminę {unit.name} "
                    f"({GMINA_TYPES[type_digit]}), a nazwa w pliku „{name_raw}” wskazuje rodzaj "
                    f"{named} ({GMINA_TYPES[named]}); sprawdź, czy kod i nazwa są z tego samego "
                    "wiersza", f"nazwa z rodzajem ({type_digit})", True)
        if given.casefold() != unit.name.casefold() and not _former_name(name_raw, teryt,
                                                                          registry):
            other = [g for g in registry.gminas_of(teryt[:4])
                     if g.name.casefold() == given.casefold() and g.teryt != teryt]
            if other:
                return (f"kod {code_raw} to gmina {registry.display_name(teryt)}, a nazwa w pliku "
                        f"„{name_raw}” to gmina o kodzie {other[0].teryt}; kod i nazwa nie "
                        "pasują do siebie", f"{teryt} {unit.name}", True)
            return (f"nazwa w pliku „{name_raw}” różni się od nazwy w rejestrze TERC "
                    f"({unit.name}) dla kodu {teryt}", unit.name, False)
        return "", "", False
    # a powiat: "Powiat kraśnicki", "kraśnicki", "Powiat m. Kalisz", "Kalisz"
    plain = _powiat_name(given)
    if plain.casefold() != unit.name.casefold() and not _former_name(name_raw, teryt, registry):
        return (f"nazwa w pliku „{name_raw}” różni się od nazwy w rejestrze TERC "
                f"({unit.label}) dla kodu {teryt}", unit.label, False)
    return "", "", False


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


#: Relative difference above which a powiat figure and the sum of its gminas disagree.
SUM_TOLERANCE = 0.001


def check_powiat_sums(frame: pd.DataFrame, powiat: str, registry: Registry | None = None,
                      catalog: Catalog | None = None) -> list[Problem]:
    """Return warnings (rule ``suma_powiatu``) where a powiat's count differs from its gminas'.

    Checked for counts and amounts (they add up) in the years where the file gives the powiat
    and every whole gmina of it; both figures are named, the powiat row is kept as given. A
    difference of at most 0.1 % (rounding of a figure given in thousands) is not reported.
    """
    registry = registry or default_registry()
    catalog = catalog or default_catalog()
    if frame.empty:
        return []
    gminas = {g.teryt for g in registry.gminas_of(powiat)}
    if not gminas:
        return []
    additive = {i.id for i in catalog if i.kind in ("count", "amount", "balance")}
    f = frame[frame["indicator"].isin(additive)].dropna(subset=["value"])
    prow = f[f["teryt"] == powiat]
    grows = f[f["teryt"].isin(gminas)]
    if prow.empty or grows.empty:
        return []
    sums = grows.groupby(["indicator", "year"])["value"].agg(["sum", "count"])
    out = []
    for rec in prow.to_dict("records"):
        key = (rec["indicator"], rec["year"])
        if key not in sums.index or sums.loc[key, "count"] != len(gminas):
            continue
        total = float(sums.loc[key, "sum"])
        if abs(total - rec["value"]) > max(0.5, SUM_TOLERANCE * abs(total)):
            out.append(Problem(
                file=rec.get("file", ""), sheet=rec.get("sheet", ""),
                row=_opt_int(rec.get("row")), column=rec.get("column", ""),
                value=_num_text(rec["value"]), rule="suma_powiatu",
                message=(f"powiat {powiat}, rok {int(rec['year'])}, wskaźnik '{rec['indicator']}':"
                         f" wartość powiatu {_num_text(rec['value'])} różni się od sumy gmin "
                         f"{_num_text(total)}; zostawiono wartość powiatu z pliku"),
                expected=f"suma gmin: {_num_text(total)}"))
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


def _unit(code_raw: str, registry: Registry) -> tuple[str | None, str, str, str, str]:
    """Return (teryt or None, rule, message, expected, code) for one raw code.

    ``teryt`` is the unit's current code (a predecessor's code followed to its successor), the
    last element the code the file gives (read from a BDL id), or "" when it is not one.
    """
    found = _unit_code(code_raw, registry)
    return found if len(found) == 5 else found + ("",)   # a failure: no code


def _unit_code(code_raw: str, registry: Registry) -> tuple:
    """:func:`_unit`, with 4 elements for a failure."""
    expected = "kod TERC (7 cyfr gminy, 4 powiatu, 2 województwa) lub 12-cyfrowy id BDL"
    if not code_raw:
        return None, "teryt", "brak kodu jednostki", expected
    compact = re.sub(r"[\s\u00a0\u202f]", "", code_raw).strip('"').strip("'")
    if compact.upper() in (POLAND, "POLSKA") or compact in ("0" * 12, "0" * 7):
        return POLAND, "", "", "", POLAND
    if re.fullmatch(r"\d{2}(?!00)\d{2}000", compact):
        compact = compact[:4]          # BDL table export: powiat 0607000
    elif re.fullmatch(r"(?!00)\d{2}00000", compact):
        compact = compact[:2]          # BDL table export: voivodeship 0600000
    try:
        if re.fullmatch(r"\d{12}", compact):
            code = registry.from_bdl(compact)
        else:
            code = normalize_code(compact if compact.isdigit() else code_raw)
            if len(code) in (1, 3, 6) and code.isdigit():
                fixed = "0" + code
                try:
                    validate_terc(fixed)
                except UnitError:
                    pass
                else:
                    return None, "teryt", (
                        f"kod '{code_raw}' ma {len(code)} cyfr{'ę' if len(code) == 1 else ''}: "
                        f"to zapewne kod {fixed}, któremu arkusz kalkulacyjny (Excel) uciął zero "
                        "na początku; sformatuj kolumnę kodów jako tekst i wpisz kod z zerem"), \
                        f"{fixed} (kod TERC z zerem na początku)"
            code = validate_terc(code)
    except UnitError as exc:
        return None, "teryt", str(exc), expected
    current = registry.current(code)
    if current not in registry:
        return None, "jednostka", (
            f"jednostka o kodzie {code} nie występuje w rejestrze TERC"
            f"{f' (stan na {registry.as_of})' if registry.as_of else ''}; {IMPORT_HINT}"), \
            "kod jednostki z rejestru (gmina, powiat lub województwo)"
    unit = registry.get(current)
    if kind_of(current) == "gmina" and not unit.is_whole_gmina:
        return None, "czesc_gminy", (
            f"{code} to {unit.type_name} ({unit.name}); wczytuje się dane całych gmin"), \
            "kod całej gminy (ostatnia cyfra 1, 2 lub 3)"
    return current, "", "", "", code


def _former_name(name_raw: str, teryt: str, registry: Registry) -> bool:
    """Return True when ``name_raw`` (``Słupsk (2)``) is the former name of the unit ``teryt``."""
    unit = registry.get(teryt) if teryt in registry else None
    if unit is None or not unit.former_name:
        return False
    given = re.sub(r"\s*\([^()]*\)$", "", re.sub(r"[\s\u00a0]+", " ", name_raw).strip())
    if unit.kind == "powiat":
        given = _powiat_name(given)
    return given.casefold() == unit.former_name.casefold()


def _powiat_name(given: str) -> str:
    """Return a powiat's name as the register has it: ``Powiat kraśnicki`` -> ``kraśnicki``."""
    return re.sub(r"^powiat\s+(m\.\s*(st\.\s*)?)?", "", given, flags=re.IGNORECASE).strip()


def join_codes(frame: pd.DataFrame, origins: list[str], registry: Registry
               ) -> tuple[pd.DataFrame, list[Problem], list[dict]]:
    """Return ``frame`` with the rows of one gmina under its old and its current code joined,
    the conflicts found, and what was moved.

    ``origins[i]`` is the code row ``i`` had in its file; ``frame`` already has the current code
    (Czarny Dunajec 1211032 -> 1211033). For one (unit, year, indicator) given under several
    codes: a value under one code and no value (``-``) under another is the value (BDL gives the
    old code's row empty after the change and the new code's empty before it); values under two
    codes are a conflict (rule ``kod_poprzedni``, one problem per row, nothing picked); no value
    under any keeps the row of the newest code. Moved: one record per old code,
    ``{"from", "to", "label", "years", "rows", "files"}`` (``label``: ``1211032 Czarny Dunajec
    (gmina wiejska do 2022 r.) → 1211033``).
    """
    if frame.empty or not origins:
        return frame, [], []
    origin = pd.Series(origins, index=frame.index, dtype="string")
    moved = (origin != frame["teryt"]) & (origin != "")
    if not moved.any():
        return frame, [], []
    units = set(frame.loc[moved, "teryt"])
    sub = frame[frame["teryt"].isin(units)].assign(origin=origin, valued=frame["value"].notna())
    keys = [sub[k] for k in _store.KEY]
    codes = sub.groupby(keys, sort=False)["origin"].transform("nunique")
    sub = sub[codes > 1]                       # (unit, year, indicator) under several codes
    valued_codes = (sub["origin"].where(sub["valued"])
                    .groupby([sub[k] for k in _store.KEY], sort=False).transform("nunique"))
    any_value = sub.groupby([sub[k] for k in _store.KEY], sort=False)["valued"].transform("any")
    drop: set = set(sub.index[any_value & ~sub["valued"]])   # "-" beside a value: the value
    # no value under any code: keep the row of the newest code
    empty = sub[~any_value].assign(rank=lambda f: (f["origin"] == f["teryt"]).astype(int))
    empty = empty.sort_values(["rank", "origin"])
    drop |= set(empty.index[empty.duplicated(_store.KEY, keep="last")])
    problems: list[Problem] = []
    conflicts = sub[(valued_codes > 1) & sub["valued"]]
    drop |= set(sub.index[valued_codes > 1])
    for key, group in conflicts.groupby(_store.KEY, sort=False):
        recs = group.to_dict("records")
        old = min(r["origin"] for r in recs)
        for rec in recs:
            others = "; ".join(f"pod kodem {o['origin']} ({_where(o)}) wartość {_shown(o)}"
                               for o in recs if o["origin"] != rec["origin"])
            problems.append(Problem(
                file=rec["file"], sheet=rec["sheet"], row=_opt_int(rec["row"]),
                column=rec["column"], value=f"{rec['origin']}: {_shown(rec)}",
                rule="kod_poprzedni",
                message=(f"gmina {registry.display_name(key[0])} ({key[0]}), rok {key[1]}, "
                         f"wskaźnik '{key[2]}': wartość {_shown(rec)} podana pod kodem "
                         f"{rec['origin']}, a {others}; {registry.change_label(old)}: to ta "
                         "sama gmina, a rok może mieć tylko jedną wartość – usuń jedną z nich "
                         "(nie wybrano żadnej)"),
                expected="wartość pod jednym kodem gminy dla roku"))
    kept = ~frame.index.isin(list(drop))
    out = frame[kept].reset_index(drop=True)
    origin, moved = origin[kept].reset_index(drop=True), moved[kept].reset_index(drop=True)
    records = []
    if moved.any():
        rows = out[moved].assign(origin=origin[moved])
        for (old, new), g in rows.groupby(["origin", "teryt"], sort=True):
            records.append({"from": str(old), "to": str(new),
                            "label": registry.change_label(str(old)),
                            "years": sorted(int(y) for y in g["year"].dropna().unique()),
                            "rows": len(g),
                            "files": sorted(set(g["file"].astype(str))) if "file" in g else []})
    return out, problems, records


#: Places and values a duplicate-key problem lists (the rest only counted).
_DUP_SHOWN = 5


def _collapse_duplicates(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """Drop identical repeats of a key; report each key given with different values once,
    however many rows repeat it (the rows, their count, the first few places and values)."""
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
        problems.append(_duplicate_problem(key, group, len(values)))
    return frame[keep].reset_index(drop=True), problems


def _duplicate_problem(key, group: pd.DataFrame, distinct: int) -> Problem:
    """Return the one problem of a key that ``group``'s rows give with ``distinct`` values."""
    n = len(group)
    first = group.iloc[0]
    one_place = group[["file", "sheet"]].drop_duplicates().shape[0] == 1
    rows = tuple(int(r) for r in group["row"] if not pd.isna(r)) if one_place else ()
    head = [dict(r) for r in group.head(_DUP_SHOWN).to_dict("records")]
    if one_place and len(rows) == n:
        where = rows_text(rows)
        listed = "; ".join(f"{_shown(r)} (wiersz {int(r['row'])})" for r in head)
    else:
        where = f"{n} {rows_word(n)} w plikach {', '.join(sorted(set(group['file'])))}"
        listed = "; ".join(f"{_shown(r)} ({_where(r)})" for r in head)
    if n > _DUP_SHOWN:
        listed += f" i {n - _DUP_SHOWN} dalszych"
    shown = list(dict.fromkeys(_shown(r) for r in head))
    value = "; ".join(shown) + ("; …" if distinct > len(shown) else "")
    return Problem(
        file=str(first["file"]), sheet=str(first["sheet"]),
        row=None if rows else _opt_int(first["row"]), rows=rows if len(rows) > 1 else (),
        column=str(first["column"]), value=value, rule="duplikat",
        message=(f"{where} {'podaje' if n == 1 else 'podają'} różne wartości dla "
                 f"{key[0]}, {key[1]}, {key[2]} (jednostka, rok, wskaźnik): {listed}"),
        expected="jedna wartość dla jednostki, roku i wskaźnika")


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
