"""Reader of BDL API JSON responses (``/api/v1/data/by-variable/{varId}?unit-level=6...``).

In: files holding one response page::

    {"totalRecords": 14, "page": 0, "pageSize": 100, "links": {"next": ...}, "variableId": 72305,
     "measureUnitId": 26, "lastUpdate": "...",
     "results": [{"id": "023011807012", "name": "Blizanów",
                  "values": [{"year": "2024", "val": 8650.0, "attrId": 1}]}]}

(an answer that fits on one page may carry no ``page``, ``pageSize`` or ``links`` at all:
``{"totalRecords", "variableId", "measureUnitId", "aggregateId", "lastUpdate", "results"}``)

or a JSON list of such pages, or several page files (one per page) read together with
:func:`read_bdl_json_files`. Pages are numbered from 0, as the API numbers them.

Responses of ``/api/v1/data/by-unit/{unitId}?var-id=...`` (one unit, several variables; how
``strategy pobierz`` gets the powiat's own figures) are read too::

    {"totalRecords": 2, "page": 0, "pageSize": 100, "links": {...}, "unitId": "060611207000",
     "unitName": "Powiat kraśnicki", "aggregateId": 1,
     "results": [{"id": 72305, "measureUnitId": 5, "values": [{"year": "2024", ...}]}]}

each result being read as the values of variable ``id`` for that unit.
Out: :class:`~strategy.ingest.raw.ReadResult` with one raw row per (unit, year): ``teryt_raw``
the 12-digit BDL unit id as text, ``value_raw`` the value as text (None when ``val`` is null),
``value_num`` the number, ``attr_raw`` the ``attrId`` as text. The indicator comes from the
mapping rules whose ``zmienna_bdl`` is the response's ``variableId`` (file-name globs and
filters do not apply to API responses).
Problems: malformed JSON (line and column), an unexpected structure, a missing page or a
``totalRecords`` the pages do not add up to ("brakuje strony ..."), a variable no mapping names.

Level 6 lists the town (type 4) and rural (type 5) parts of urban-rural gminas next to the whole
gmina (type 3); only units whose TERC ends in 1, 2 or 3 are kept (TERC = ``id[2:4] + id[7:12]``).
Records repeated identically on several pages are kept once.

Attributes (``attrId``; the "Atrybut" column of CSV exports) are read from the API's own
``/attributes`` dictionary, which ``strategy pobierz`` saves in the ``manifest.json`` next to the
pages (key ``attributes``); without it the built-in copy :data:`BUILTIN_ATTRIBUTES` (the
dictionary as public code saved it) is used. Each attribute is one of three kinds
(:func:`attribute_kind`, from its description):

- ``value`` - an ordinary figure, possibly with a footnote (``1``; ``3`` incomplete aggregate,
  ``9`` preliminary, ``11`` change of method, ``20``/``21`` low precision, ``7``/``17`` smaller
  than the unit shown, ``94``/``98`` a real zero);
- ``none`` - the cell holds no figure whatever ``val`` says (``4``, ``14``, ``91`` no
  information or confidentiality, ``15`` "-", ``50`` not yet published): read as an empty cell;
- ``combined`` - **not the unit's own figure**: ``97`` "Łącznie dla powiatu i miasta na prawach
  powiatu" is the powiat together with the city-powiat it surrounds; such values are skipped
  (one note per file says how many), never stored as the powiat's figure.

Readers keep the attribute as text; mapping it to a flag is the validator's job.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from ..errors import UnitError
from ..units import terc_from_bdl
from .mapping import MappingChain, mapping_for
from .problems import Problem
from .raw import ReadResult
from .textfile import is_demo, load_text, raw_frame

#: Largest JSON file read (one page of 100 gminas over 30 years is well under 1 MB).
MAX_JSON_BYTES = 50 * 1024 * 1024
#: The API's ``/attributes`` dictionary as public code saved it: id -> (name, symbol,
#: description). Used when the download did not save the API's own answer.
BUILTIN_ATTRIBUTES: dict[str, tuple[str, str, str]] = {
    "0": ("0", " ", ""),
    "1": ("wartość", " ", ""),
    "3": ("wartość", "k", "Agregat może być niekompletny"),
    "4": ("0", "x", ("Brak informacji, konieczność zachowania tajemnicy statystycznej lub "
                    "wypełnienie pozycji jest niemożliwe albo niecelowe")),
    "7": ("0", "a", "Wartość mniejsza niż przyjęty format prezentacji"),
    "9": ("wartość", "s", "Szacunki wstępne"),
    "11": ("wartość", "M", "Zmiany metodologiczne"),
    "13": ("wartość", "K", "Zmiany metodologiczne, agregat może być niekompletny"),
    "14": ("0", "X", ("Zmiany metodologiczne, brak informacji, konieczność zachowania tajemnicy "
                     "statystycznej lub wypełnienie pozycji jest niemożliwe albo niecelowe")),
    "15": ("-", " ", ("Znak '-' oznacza brak informacji z powodu: zmiany poziomu prezentacji, "
                     "zmian wprowadzonych do wykazu jednostek terytorialnych lub modyfikacji "
                     "listy cech w danym okresie sprawozdawczym")),
    "17": ("0", "A", "Zmiany metodologiczne, wartość mniejsza niż przyjęty format prezentacji"),
    "20": ("wartość", "v", "Dane o niskiej precyzji"),
    "21": ("wartość", "v", "Dane o niskiej precyzji"),
    "50": ("- lub 0", "n", "Dana jeszcze niedostępna, będzie dostępna"),
    "91": ("0", "x", ("Brak informacji, konieczność zachowania tajemnicy statystycznej lub "
                     "wypełnienie pozycji jest niemożliwe albo niecelowe")),
    "94": ("0", "z", ("Wartość znacząca, wartość zerowa wynika z bilansu niezerowych danych "
                     "wejściowych algorytmu, np. przyrost naturalny, jeśli liczba zgonów jest "
                     "równa liczbie urodzeń")),
    "97": ("wartość", "p", "Łącznie dla powiatu i miasta na prawach powiatu"),
    "98": ("0", "Z", ("Zmiany metodologiczne, wartość znacząca, wartość zerowa wynika z bilansu "
                     "niezerowych danych wejściowych algorytmu, np. przyrost naturalny, jeśli "
                     "liczba zgonów jest równa liczbie urodzeń")),
}
VALUE, NONE, COMBINED = "value", "none", "combined"


def attribute_kind(name: str, description: str) -> str:
    """Return what an attribute means for the figure: ``value``, ``none`` or ``combined``."""
    desc = " ".join(str(description or "").casefold().split())
    if "łącznie dla powiatu i miasta" in desc or "razem z miastem na prawach powiatu" in desc:
        return COMBINED
    if ("brak informacji" in desc or "niedostępn" in desc
            or str(name or "").strip() in ("-", "- lub 0")):
        return NONE
    return VALUE


def attribute_kinds(attributes: dict[str, dict] | None = None) -> dict[str, str]:
    """Return ``attrId -> kind`` from an ``/attributes`` dictionary (default: the built-in one).

    ``attributes``: ``{"97": {"name": ..., "symbol": ..., "description": ...}}``; ids it lacks
    keep their built-in kind.
    """
    kinds = {a: attribute_kind(n, d) for a, (n, _s, d) in BUILTIN_ATTRIBUTES.items()}
    for attr, rec in (attributes or {}).items():
        if isinstance(rec, dict):
            kinds[str(attr).strip()] = attribute_kind(rec.get("name", ""),
                                                      rec.get("description", ""))
    return kinds


def attribute_text(attr: str, attributes: dict[str, dict] | None = None) -> str:
    """Return the description of an attribute (API dictionary first, then the built-in one)."""
    rec = (attributes or {}).get(str(attr))
    if isinstance(rec, dict) and rec.get("description"):
        return str(rec["description"])
    return BUILTIN_ATTRIBUTES.get(str(attr), ("", "", ""))[2]


#: attrId values that, per the built-in dictionary, mean the cell holds no figure.
NO_VALUE_ATTRS = frozenset(a for a, k in attribute_kinds().items() if k == NONE)
#: Last TERC digits of whole gminas (parts 4 and 5 of urban-rural gminas are dropped).
WHOLE_GMINA_TYPES = frozenset("123")


@dataclass
class Page:
    """One response page and the file (as named to the user) it came from."""

    data: dict
    file: str
    position: int     # index of the page in a file holding a list of pages, else 0


def load_pages(path: Path, name: str) -> tuple[list[Page], list[Problem], bool]:
    """Return the pages of one JSON file, the problems met reading it and its demo mark."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return [], [Problem(name, f"nie można otworzyć pliku: {exc.strerror or exc}",
                            rule="odczyt")], False
    if size > MAX_JSON_BYTES:
        return [], [Problem(name, f"plik JSON jest zbyt duży ({size // (1024 * 1024)} MB, "
                            f"najwyżej {MAX_JSON_BYTES // (1024 * 1024)} MB)",
                            rule="rozmiar")], False
    text, problem = load_text(path, name)
    if problem:
        return [], [problem], is_demo(path.name)
    demo = is_demo(path.name, text.text)
    try:
        data = json.loads(text.text)
    except json.JSONDecodeError as exc:
        snippet = text.text[max(0, exc.pos - 20):exc.pos + 20]
        return [], [Problem(name, f"plik JSON jest uszkodzony: błąd składni w wierszu "
                            f"{exc.lineno}, kolumnie {exc.colno}", row=exc.lineno,
                            value=snippet, rule="json",
                            expected="odpowiedź API BDL zapisana bez zmian")], demo
    except RecursionError:  # thousands of nested brackets: no answer of the API looks so
        return [], [Problem(name, "plik JSON ma zbyt głęboko zagnieżdżone nawiasy (tysiące "
                            "poziomów) - to nie jest odpowiedź API BDL", rule="json",
                            expected="odpowiedź API BDL zapisana bez zmian")], demo
    pages = data if isinstance(data, list) else [data]
    out, problems = [], []
    for i, page in enumerate(pages):
        if not isinstance(page, dict) or not isinstance(page.get("results"), list):
            where = f"element {i + 1} listy stron" if isinstance(data, list) else "plik"
            problems.append(Problem(name, f"{where} nie jest odpowiedzią API BDL (brak listy "
                                    "'results')", rule="json",
                                    expected='obiekt {"variableId": ..., "results": [...]}'))
            continue
        out.append(Page(page, name, i))
    return out, problems, demo


def read_bdl_json(path: str | Path, name: str | None = None, *, root: Path | None = None,
                  mapping: MappingChain | None = None) -> ReadResult:
    """Return the raw figures of one BDL API JSON file (one page or a list of pages)."""
    path = Path(path)
    return read_bdl_json_files([path], [name or path.name], root=root, mapping=mapping)


def read_bdl_json_files(paths: list[Path], names: list[str] | None = None, *,
                        root: Path | None = None, mapping: MappingChain | None = None
                        ) -> ReadResult:
    """Return the raw figures of several JSON files read together (pages of one or more queries).

    Pages of the same variable are checked together for gaps and for ``totalRecords``.
    """
    paths = [Path(p) for p in paths]
    names = names or [p.name for p in paths]
    result = ReadResult(files=list(names), area_files=set(names))
    pages: list[Page] = []
    for path, name in zip(paths, names):
        got, problems, demo = load_pages(path, name)
        pages += got
        result.problems += problems
        result.demo = result.demo or demo
    if not pages:
        return result
    chain = mapping or mapping_for(paths[0], root)
    result.problems += chain.problems
    attributes = _saved_attributes(paths)
    kinds = attribute_kinds(attributes)
    combined: dict[tuple[str, str], int] = {}

    pages, unit_problems = _unit_pages_by_variable(pages)
    result.problems += unit_problems
    by_var: dict[str, list[Page]] = {}
    for page in pages:
        var = page.data.get("variableId")
        if var is None or str(var).strip() == "":
            result.problems.append(Problem(page.file, "odpowiedź API BDL nie podaje zmiennej "
                                           "(brak pola 'variableId')", rule="json"))
            continue
        by_var.setdefault(str(var).strip(), []).append(page)

    rows = []
    for var, var_pages in by_var.items():
        files = ", ".join(dict.fromkeys(p.file for p in var_pages))
        rules = chain.rules_for_variable(var)
        result.problems += _check_pages(var, var_pages, files)
        if not rules:
            result.problems.append(Problem(
                files, f"zmienna BDL {var} nie jest opisana w żadnym pliku mapowania (nie "
                "wiadomo, jaki to wskaźnik); dodaj wiersz do mapping.csv", rule="mapowanie",
                value=var, expected="wiersz mapowania z kolumną zmienna_bdl"))
            continue
        indicators = list(dict.fromkeys(r.indicator for r in rules))
        seen = set()
        for page in var_pages:
            for unit in page.data["results"]:
                if not isinstance(unit, dict):
                    continue
                unit_id = str(unit.get("id", "")).strip()
                if not _whole_unit(unit_id):
                    continue
                for value in unit.get("values") or []:
                    if not isinstance(value, dict):
                        continue
                    val, attr = value.get("val"), value.get("attrId")
                    key = (unit_id, str(value.get("year")), repr(val), repr(attr))
                    if key in seen:
                        continue
                    seen.add(key)
                    kind = kinds.get("" if attr is None else str(attr).strip(), VALUE)
                    if kind == COMBINED:
                        where = (page.file, str(attr).strip())
                        combined[where] = combined.get(where, 0) + 1
                        continue
                    if kind == NONE and val is not None:
                        value = {**value, "val": None}
                    for indicator in indicators:
                        rows.append(_row(unit_id, unit.get("name"), value, indicator, var,
                                         page.file))
    for (file, attr), n in combined.items():
        result.notes.append(
            f"{file}: pominięto {n} {'wartość' if n == 1 else 'wartości'} z atrybutem {attr} "
            f"(„{attribute_text(attr, attributes)}”): to liczby powiatu łącznie z miastem na "
            "prawach powiatu, nie samego powiatu")
    if rows:
        result.frame = raw_frame(rows)
    return result


def _saved_attributes(paths: list[Path]) -> dict[str, dict] | None:
    """Return the ``/attributes`` dictionary saved in the download's ``manifest.json``.

    The manifest is looked for next to the pages and one folder up (pages are kept in
    ``gminy/`` and ``powiat/``); None when there is none (the built-in dictionary applies).
    """
    for folder in dict.fromkeys(p.parent for p in paths):
        for candidate in (folder / "manifest.json", folder.parent / "manifest.json"):
            try:
                data = json.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            attrs = data.get("attributes") if isinstance(data, dict) else None
            if isinstance(attrs, dict):
                return {str(k): v for k, v in attrs.items() if isinstance(v, dict)}
    return None


def _unit_pages_by_variable(pages: list[Page]) -> tuple[list[Page], list[Problem]]:
    """Return the pages with by-unit pages split into one by-variable page per result.

    By-unit pages of one unit are checked together: no page missing, as many variables as
    ``totalRecords`` says.
    """
    out, by_unit = [], {}
    for page in pages:
        if page.data.get("variableId") is None and page.data.get("unitId") is not None:
            by_unit.setdefault(str(page.data["unitId"]).strip(), []).append(page)
        else:
            out.append(page)
    problems = []
    for unit_id, unit_pages in by_unit.items():
        files = ", ".join(dict.fromkeys(p.file for p in unit_pages))
        variables = set()
        for page in unit_pages:
            for res in page.data["results"]:
                if not isinstance(res, dict) or res.get("id") is None:
                    problems.append(Problem(page.file, f"odpowiedź API BDL dla jednostki "
                                            f"{unit_id}: wynik bez identyfikatora zmiennej "
                                            "(pole 'id')", rule="json"))
                    continue
                variables.add(str(res["id"]).strip())
                out.append(Page({"variableId": res["id"], "results": [
                    {"id": unit_id, "name": page.data.get("unitName"),
                     "values": res.get("values")}]}, page.file, page.position))
        problems += _check_unit_pages(unit_id, unit_pages, variables, files)
    return out, problems


def _as_int(v) -> int | None:
    """Return ``v`` as an int, or None when a page field is not a whole number."""
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def _check_unit_pages(unit_id: str, pages: list[Page], variables: set[str], files: str
                      ) -> list[Problem]:
    """Return a problem when by-unit pages are missing (by page numbers or totalRecords)."""
    totals = {_as_int(p.data.get("totalRecords")) for p in pages} - {None}
    if not totals:
        return []
    total = max(totals)
    sizes = {_as_int(p.data.get("pageSize")) for p in pages} - {None}
    numbers = {_as_int(p.data.get("page")) for p in pages} - {None}
    if sizes and numbers and max(sizes) > 0:
        expected = math.ceil(total / max(sizes))
        missing = sorted(set(range(expected)) - numbers)
        if missing:
            return [Problem(files, f"brakuje strony {', '.join(map(str, missing))} wyników "
                            f"jednostki BDL {unit_id} (zmiennych {total}, po {max(sizes)} na "
                            "stronę, numerowanych od 0); pobierz brakujące strony",
                            rule="strony", expected=f"strony 0-{expected - 1}")]
    if len(variables) != total:
        return [Problem(files, f"brakuje strony lub jej części: jednostka BDL {unit_id} ma "
                        f"według API {total} zmiennych (totalRecords), a w plikach jest "
                        f"{len(variables)}", rule="strony", value=str(len(variables)),
                        expected=str(total))]
    return []


def _row(unit_id: str, unit_name, value: dict, indicator: str, var: str, file: str) -> dict:
    val = value.get("val")
    if val is None:
        raw, num = None, float("nan")
    elif isinstance(val, bool):
        raw, num = str(val), float("nan")
    elif isinstance(val, (int, float)):
        raw, num = str(val), float(val)
    else:
        raw, num = str(val), float("nan")
    year = value.get("year")
    attr = value.get("attrId")
    return {
        "teryt_raw": unit_id,
        "name_raw": "" if unit_name is None else str(unit_name),
        "year_raw": "" if year is None else str(year),
        "indicator": indicator,
        "value_raw": raw,
        "value_num": num,
        "attr_raw": "" if attr is None else str(attr),
        "unit": "",
        "source": f"GUS BDL, zmienna {var}",
        "file": file,
        "sheet": "",
        "row": None,
        "column": "val",
        "teryt_column": "id",
        "year_column": "year",
    }


def _whole_unit(unit_id: str) -> bool:
    """Return False for the town/rural parts (types 4, 5...) of gminas; True otherwise."""
    try:
        terc = terc_from_bdl(unit_id)
    except UnitError:
        return True  # kept: the validator reports the malformed id with its location
    return len(terc) != 7 or terc[6] in WHOLE_GMINA_TYPES


def _check_pages(var: str, pages: list[Page], files: str) -> list[Problem]:
    """Return problems when pages of ``var`` are missing or do not add up to totalRecords."""
    totals = {_as_int(p.data.get("totalRecords")) for p in pages} - {None}
    sizes = {_as_int(p.data.get("pageSize")) for p in pages} - {None}
    numbers = {_as_int(p.data.get("page")) for p in pages} - {None}
    if not totals:
        return []
    total = max(totals)
    problems = []
    if sizes and numbers and max(sizes) > 0:
        expected = math.ceil(total / max(sizes))
        missing = sorted(set(range(expected)) - numbers)
        if missing:
            listed = ", ".join(str(n) for n in missing)
            problems.append(Problem(
                files, f"brakuje strony {listed} wyników zmiennej BDL {var} (wszystkich "
                f"rekordów {total}, po {max(sizes)} na stronę, czyli stron {expected}, "
                "numerowanych od 0); pobierz brakujące strony", rule="strony",
                expected=f"strony 0-{expected - 1}"))
            return problems
    units = {str(u.get("id")) for p in pages for u in p.data["results"] if isinstance(u, dict)}
    if len(units) != total:
        problems.append(Problem(
            files, f"brakuje strony lub jej części: zmienna BDL {var} ma według API "
            f"{total} jednostek (totalRecords), a w plikach jest {len(units)}",
            rule="strony", value=str(len(units)), expected=str(total)))
    return problems
