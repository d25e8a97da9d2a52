"""Download a powiat's BDL variables from the API into ``data/raw/bdl_api/<powiat>/``.

In: the powiat's TERC code, the years, the variables (:mod:`.variables`), the settings.
Out: the folder ``<out_root>/<powiat>/`` replaced as a whole, and a :class:`FetchReport`
(what was fetched, which unit/year has no value and why, which variable failed, requests).

What is asked (``format=json``, ``page-size=100``, ``page=0, 1, ...``):

- ``/version`` - the API version for the manifest;
- ``/attributes`` - what each ``attrId`` means (saved in the manifest; the ingest reads it):
  a value, no figure, or a figure that is not the unit's own (97, the powiat together with its
  city-powiat: skipped and counted in the summary, never stored as the powiat's figure);
- ``/units?level=5`` - only when the unit register does not know the powiat's 12-digit BDL id
  (TERC = ``id[2:4] + id[7:9]``);
- ``/variables/{id}`` - the variable's description, compared with the one the mapping expects
  (subject, name fragments, unit, level; the subject's name from ``/subjects/{id}`` when the
  dimension texts do not carry the fragments): a variable that does not match is refused and
  nothing of it is asked or stored;
- ``/data/by-variable/{id}?unit-parent-id=<powiat>&unit-level=6&year=...`` - the gminas of
  variables mapped for gminas (the API lists the town and rural parts, types 4 and 5, of
  urban-rural gminas too; the ingest keeps whole gminas, types 1-3);
- ``/data/by-unit/<powiat>?var-id=...&year=...`` - the powiat's own figures for all variables.

Paging as real answers show it: an answer without ``page``/``pageSize``/``links`` is one page;
further pages are asked while fewer records than ``totalRecords`` have come, with the next
page's URL built from our own query (``links.next`` was seen dropping query parameters, and is
never followed).

Layout written (every body exactly as the API sent it)::

    0607/manifest.json                          what, for which units and years, when, API version
    0607/mapping.csv                            only for variables the default mapping lacks
    0607/gminy/zmienna_72305_strona_000.json    pages of the gminas, per variable
    0607/powiat/jednostka_060611207000_strona_000.json

A host that cannot be reached at all ends the run within seconds
(:class:`~strategy.fetch.client.Unreachable`, with how to load BDL exports instead).

Nothing half-written: responses go to the cache first (:mod:`.cache`); the folder is built
under a temporary name and swapped in only when every variable was fetched or found missing
from the API. A run that fails or is interrupted leaves the old folder as it was; the next run
takes what was already downloaded from the cache and asks only for the rest.
"""
from __future__ import annotations

import json
import math
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..errors import FetchError, UnitError
from ..ingest.bdl_api import (
    BUILTIN_ATTRIBUTES,
    COMBINED,
    NONE,
    WHOLE_GMINA_TYPES,
    attribute_kinds,
    attribute_text,
)
from ..units import Registry, default_registry, kind_of, normalize_code, terc_from_bdl
from .cache import atomic_write
from .client import BdlClient, NotFound, Unreachable
from .progress import Progress
from .settings import FetchSettings
from .variables import (
    BdlVariable,
    api_names,
    api_unit,
    description_problems,
    local_mapping_rows,
)

DEFAULT_ROOT = Path("data/raw/bdl_api")
#: Metadata (units, variables, version) changes rarely: revalidated after a week.
META_MAX_AGE = 7 * 24 * 3600
#: Most pages asked for one query (a loop guard).
MAX_PAGES = 1000


@dataclass
class Gap:
    """A unit and year the API gives no value for, and why."""

    variable: str
    unit: str          # TERC code
    label: str
    year: int
    why: str
    combined: bool = False   # a figure of the powiat together with its city (attrId 97)


@dataclass
class VariableResult:
    variable: BdlVariable
    name: str = ""
    measure_unit: str = ""
    level: int | None = None
    pages: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)   # TERC codes with at least one value
    gaps: list[Gap] = field(default_factory=list)
    subject: str = ""
    missing: str | None = None    # the API does not have the variable (or nothing for the units)
    error: str | None = None      # download failed or the response was refused
    refused: str | None = None    # the API's description does not match the mapping's


@dataclass
class FetchReport:
    powiat: str
    powiat_bdl: str = ""
    powiat_name: str = ""
    years: list[int] = field(default_factory=list)
    folder: Path | None = None
    written: bool = False
    results: list[VariableResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    api_version: str = ""
    attributes: dict = field(default_factory=dict)   # attrId -> the API's description
    attributes_source: str = ""
    requests: int = 0
    downloaded: int = 0
    not_modified: int = 0
    cache_hits: int = 0
    retries: int = 0
    rate_limited: int = 0
    seconds: float = 0.0
    pages: int = 0

    @property
    def failed(self) -> list[VariableResult]:
        return [r for r in self.results if r.error]

    @property
    def missing(self) -> list[VariableResult]:
        return [r for r in self.results if r.missing and not r.error and not r.refused]

    @property
    def refused(self) -> list[VariableResult]:
        return [r for r in self.results if r.refused]

    @property
    def combined(self) -> list[Gap]:
        """Values skipped because they are the powiat together with its city (attrId 97)."""
        return [g for r in self.results for g in r.gaps if g.combined]


def parse_years(text: str) -> list[int]:
    """Return the years of ``2015-2024``, ``2020`` or ``2018,2020`` (Polish error otherwise)."""
    years: set[int] = set()
    for part in (p.strip() for p in str(text).replace("–", "-").split(",")):
        if not part:
            continue
        bounds = [b.strip() for b in part.split("-")]
        if len(bounds) > 2 or not all(b.isdigit() and len(b) == 4 for b in bounds):
            raise FetchError(f"--lata: '{text}' nie jest zakresem lat (np. 2015-2024 lub "
                             "2018,2020)")
        lo, hi = int(bounds[0]), int(bounds[-1])
        if lo > hi or lo < 1995 or hi > 2100:
            raise FetchError(f"--lata: zakres '{part}' jest niepoprawny (BDL ma dane od 1995 r.; "
                             "pierwszy rok nie może być późniejszy niż ostatni)")
        years.update(range(lo, hi + 1))
    if not years:
        raise FetchError(f"--lata: '{text}' nie podaje żadnego roku")
    return sorted(years)


def fetch_powiat(powiat: str, years: list[int], variables: list[BdlVariable],
                 settings: FetchSettings, *, out_root: Path = DEFAULT_ROOT,
                 registry: Registry | None = None, progress: Progress | None = None,
                 client: BdlClient | None = None) -> FetchReport:
    """Download ``variables`` for the powiat and its gminas; replace ``out_root/<powiat>``."""
    started = time.monotonic()
    code = _powiat_code(powiat)
    report = FetchReport(powiat=code, years=list(years), folder=Path(out_root) / code)
    progress = progress or Progress(enabled=False)
    own_client = client is None
    client = client or BdlClient(settings, on_event=progress.note)
    try:
        _run(report, code, years, variables, client, registry, progress, Path(out_root))
    finally:
        progress.close()
        stats = client.stats
        report.requests, report.downloaded = stats.requests, stats.downloaded
        report.not_modified, report.cache_hits = stats.not_modified, stats.cache_hits
        report.retries, report.rate_limited = stats.retries, stats.rate_limited
        report.seconds = time.monotonic() - started
        if own_client:
            client.close()
    return report


def _run(report: FetchReport, code: str, years: list[int], variables: list[BdlVariable],
         client: BdlClient, registry: Registry | None, progress: Progress, out_root: Path
         ) -> None:
    report.api_version = _api_version(client)    # first: an unreachable API ends the run now
    registry = registry or default_registry()
    report.attributes, report.attributes_source = _attributes(client)
    kinds = attribute_kinds(report.attributes)
    report.powiat_bdl, report.powiat_name = _powiat_id(client, registry, code)
    if code in registry:
        report.powiat_name = registry.get(code).label
    gminas = _expected_gminas(registry, code)
    year_params = [("year", y) for y in years]
    files: dict[str, bytes] = {}
    progress.start(total=len(variables) + 1)
    for var in variables:
        res = VariableResult(var)
        report.results.append(res)
        progress.describe(f"zmienna {var.id}")
        try:
            _metadata(client, res)
            if res.missing is None and res.refused is None and var.gminas:
                pages = _pages(client, f"data/by-variable/{var.id}",
                               [("unit-parent-id", report.powiat_bdl), ("unit-level", 6)]
                               + year_params, f"zmienna {var.id} ({_inds(var)}), gminy",
                               _check_variable_page(var.id), progress)
                for i, page in enumerate(pages):
                    name = f"gminy/zmienna_{var.id}_strona_{i:03d}.json"
                    files[name] = page.body
                    res.pages.append(name)
                if res.level is not None and res.level < 6 and not any(
                        p.data["results"] for p in pages):
                    pass    # published down to powiats only: no gmina is missing
                else:
                    _gaps_gminas(res, [p.data for p in pages], gminas, years, registry, kinds)
        except NotFound as exc:
            res.missing = str(exc)
        except Unreachable:
            raise
        except FetchError as exc:
            res.error = str(exc)
        progress.advance()
    asked = [r for r in report.results if r.missing is None and r.error is None
             and r.refused is None]
    if asked:
        progress.describe(f"powiat {code}")
        try:
            pages = _pages(client, f"data/by-unit/{report.powiat_bdl}",
                           [("var-id", r.variable.id) for r in asked] + year_params,
                           f"powiat {code} (jednostka BDL {report.powiat_bdl}), zmienne "
                           + ", ".join(r.variable.id for r in asked),
                           _check_unit_page(report.powiat_bdl), progress)
            for i, page in enumerate(pages):
                name = f"powiat/jednostka_{report.powiat_bdl}_strona_{i:03d}.json"
                files[name] = page.body
                for r in asked:
                    r.pages.append(name)
            _gaps_powiat(asked, [p.data for p in pages], code, registry, years, kinds,
                         report.attributes)
        except Unreachable:
            raise
        except FetchError as exc:
            for r in asked:
                r.error = r.error or str(exc)
    progress.advance()
    for r in report.results:
        if r.missing is None and r.error is None and r.refused is None and not r.units:
            r.missing = (f"zmienna {r.variable.id}: API nie podaje żadnej wartości dla powiatu "
                         f"{code} ani jego gmin w latach {_span(years)}")
    report.pages = len(files)
    report.errors = [r.error for r in report.failed]
    if report.errors or not files:
        if not files and not report.errors:
            report.errors.append("API nie zwróciło żadnych danych dla wybranych zmiennych")
        return
    manifest = _manifest(report, client, gminas, registry)
    _replace_folder(out_root / code, files, manifest, local_mapping_rows(
        [r.variable for r in report.results if r.pages and r.refused is None]))
    report.written = True


# -- pieces ----------------------------------------------------------------------------------
def _powiat_code(powiat: str) -> str:
    try:
        code = normalize_code(powiat)
        if kind_of(code) != "powiat":
            raise UnitError(f"'{powiat}' nie jest kodem powiatu")
    except UnitError as exc:
        raise FetchError(f"--powiat: {exc}; podaj 4-cyfrowy kod TERC powiatu, np. 0607") from None
    return code


def _api_version(client: BdlClient) -> str:
    try:
        got = client.get(client.url("version"), "wersja API",
                         lambda d: None if isinstance(d, dict) else "oczekiwano obiektu JSON",
                         max_age=_meta_age(client))
    except Unreachable:
        raise
    except FetchError:
        return "nieznana"
    data = got.data
    return str(data.get("id") or data.get("version") or "nieznana")


def _attributes(client: BdlClient) -> tuple[dict[str, dict], str]:
    """Return the API's ``/attributes`` dictionary (``id -> name, symbol, description``).

    When the API does not give it (an error other than an unreachable host), the built-in copy
    is used and the manifest says so.
    """
    builtin = {a: {"name": n, "symbol": s, "description": d}
               for a, (n, s, d) in BUILTIN_ATTRIBUTES.items()}
    try:
        pages = _pages(client, "attributes", [], "słownik atrybutów (/attributes)",
                       lambda n: _check_attributes_page, None, max_age=_meta_age(client))
    except Unreachable:
        raise
    except FetchError as exc:
        return builtin, f"wbudowana kopia słownika (API: {exc})"
    out = {}
    for page in pages:
        for rec in page.data["results"]:
            out[str(rec["id"]).strip()] = {"name": str(rec.get("name") or ""),
                                           "symbol": str(rec.get("symbol") or ""),
                                           "description": str(rec.get("description") or "")}
    return out, "API /attributes"


def _powiat_id(client: BdlClient, registry: Registry, code: str) -> tuple[str, str]:
    """Return the powiat's 12-digit BDL id and name (register first, then ``/units``)."""
    if code in registry:
        unit = registry.get(code)
        if unit.bdl_id:
            return unit.bdl_id, unit.name
    url = client.url("units", [("level", 5), ("page-size", client.settings.page_size),
                               ("page", 0)])
    for n in range(MAX_PAGES):
        page = client.get(url, f"jednostki terytorialne BDL (poziom 5), strona {n}",
                          _check_units_page, max_age=_meta_age(client)).data
        for unit in page["results"]:
            try:
                if terc_from_bdl(str(unit.get("id"))) == code:
                    return str(unit["id"]), str(unit.get("name", ""))
            except UnitError:
                continue
        seen = (n + 1) * client.settings.page_size
        if not page["results"] or not isinstance(page.get("totalRecords"), int) \
                or seen >= page["totalRecords"]:
            break
        url = client.url("units", [("level", 5), ("page-size", client.settings.page_size),
                                   ("page", n + 1)])
    raise FetchError(f"powiat {code}: API BDL nie zna jednostki o tym kodzie TERC (sprawdzono "
                     "listę powiatów /units?level=5)")


def _expected_gminas(registry: Registry, code: str) -> dict[str, str]:
    try:
        return {u.teryt: u.label for u in registry.gminas_of(code)}
    except UnitError:
        return {}


def _metadata(client: BdlClient, res: VariableResult) -> None:
    """Read ``/variables/{id}``; refuse the variable when it is not what the mapping expects."""
    var = res.variable.id
    got = client.get(client.url(f"variables/{var}"), f"zmienna {var}: opis (metadane)",
                     _check_variable_meta(var), max_age=_meta_age(client)).data
    res.name = "; ".join(api_names(got))
    res.measure_unit = api_unit(got)
    res.subject = str(got.get("subjectId") or "").strip()
    try:
        res.level = int(got["level"]) if got.get("level") is not None else None
    except (TypeError, ValueError):
        res.level = None
    expected = res.variable.expected
    if expected is None:
        return      # an id the user named outside the mapping: fetched, described, not mapped
    problems = description_problems(expected, got)
    if any(p.startswith("opis nie zawiera") for p in problems) and res.subject:
        subject = _subject_name(client, res.subject)
        if subject:
            res.name = f"{res.name} (temat {res.subject}: {subject})"
            problems = description_problems(expected, got, subject)
    if problems:
        res.refused = (f"zmienna {var}: opis w API nie zgadza się z tym, czego oczekuje "
                       f"mapowanie dla wskaźnika {_inds(res.variable)} ("
                       + "; ".join(problems) + f"). Opis w API: „{res.name or 'brak nazwy'}”"
                       + (f" [{res.measure_unit}]" if res.measure_unit else "")
                       + f", poziom {res.level if res.level is not None else 'nie podany'}. "
                       "Zmiennej nie pobrano, by nie zapisać jej liczb pod innym znaczeniem; "
                       "sprawdź identyfikator w bdl_mapping.csv.")


def _subject_name(client: BdlClient, subject: str) -> str:
    """Return the name of a BDL subject (``/subjects/{id}``), or "" when the API lacks it."""
    try:
        got = client.get(client.url(f"subjects/{subject}"), f"temat {subject}: opis",
                         lambda d: None if isinstance(d, dict) else "oczekiwano obiektu JSON",
                         max_age=_meta_age(client)).data
    except Unreachable:
        raise
    except FetchError:
        return ""
    return str(got.get("name") or "").strip()


@dataclass
class _Page:
    body: bytes
    data: dict


def _pages(client: BdlClient, path: str, params: list, what: str, check_for, progress,
           *, max_age: float | None = None) -> list[_Page]:
    """Return every page of a query.

    An answer without paging fields is one page. Further pages are asked while the records
    received are fewer than ``totalRecords``; the next page's URL is our own query with the next
    page number (``links`` are not followed: real ones were seen dropping query parameters).
    """
    size = client.settings.page_size
    out: list[_Page] = []
    received = 0
    for n in range(MAX_PAGES):
        url = client.url(path, params + [("page-size", size), ("page", n)])
        got = client.get(url, f"{what}, strona {n}", check_for(n), max_age=max_age)
        data = got.data
        out.append(_Page(got.body, data))
        count = len(data["results"])
        received += count
        total = data.get("totalRecords")
        per_page = data.get("pageSize") if _is_int(data.get("pageSize")) else size
        if progress is not None:
            if n == 0:
                progress.grow(math.ceil(total / per_page) - 1
                              if _is_int(total) and per_page > 0 else 0)
            else:
                progress.advance()
        if not _is_int(total) or received >= total:
            return out
        if count == 0:
            raise FetchError(f"{what}, strona {n}: API podaje {total} rekordów (totalRecords), a "
                             f"strona jest pusta po {received}; odpowiedzi są niepełne, "
                             "odrzucono je")
    raise FetchError(f"{what}: API podaje więcej niż {MAX_PAGES} stron; przerwano")


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


# -- shape checks (the documented JSON of each endpoint) -------------------------------------
def _check_variable_meta(var: str):
    def check(d):
        if not isinstance(d, dict):
            return "oczekiwano obiektu JSON opisu zmiennej"
        if str(d.get("id")) != var:
            return f"opis dotyczy zmiennej {d.get('id')!r}, a nie {var}"
        return None
    return check


def _check_attributes_page(d) -> str | None:
    if not isinstance(d, dict) or not isinstance(d.get("results"), list):
        return "brak listy 'results'"
    if any(not isinstance(a, dict) or a.get("id") is None for a in d["results"]):
        return "atrybut bez pola 'id'"
    return None


def _check_units_page(d) -> str | None:
    if not isinstance(d, dict) or not isinstance(d.get("results"), list):
        return "brak listy 'results'"
    if any(not isinstance(u, dict) or "id" not in u for u in d["results"]):
        return "jednostka bez pola 'id'"
    return None


def _check_page_frame(d, n: int) -> str | None:
    """Check a data page: ``results`` and ``totalRecords`` always; ``page``, ``pageSize`` and
    ``links`` only when present (real one-page answers carry none of them)."""
    if not isinstance(d, dict):
        return "oczekiwano obiektu JSON"
    if not isinstance(d.get("results"), list):
        return "brak listy 'results'"
    if not _is_int(d.get("totalRecords")):
        return "brak liczby 'totalRecords'"
    for key in ("page", "pageSize"):
        if key in d and d[key] is not None and not _is_int(d[key]):
            return f"pole '{key}' nie jest liczbą"
    if _is_int(d.get("page")) and d["page"] != n:
        return f"strona ma numer {d['page']}, a proszono o stronę {n}"
    if d.get("page") is None and n > 0:
        return f"odpowiedź na stronę {n} nie podaje numeru strony"
    if d.get("links") is not None and not isinstance(d.get("links"), dict):
        return "pole 'links' nie jest obiektem"
    return None


def _check_values(values) -> str | None:
    if not isinstance(values, list):
        return "wynik bez listy 'values'"
    for v in values:
        if not isinstance(v, dict) or "year" not in v or "val" not in v:
            return "wartość bez pól 'year' i 'val'"
        if v["val"] is not None and (isinstance(v["val"], bool)
                                     or not isinstance(v["val"], (int, float))):
            return f"wartość {v['val']!r} nie jest liczbą"
    return None


def _check_variable_page(var: str):
    def for_page(n: int):
        def check(d):
            problem = _check_page_frame(d, n)
            if problem:
                return problem
            if str(d.get("variableId")) != var:
                return f"strona dotyczy zmiennej {d.get('variableId')!r}, a nie {var}"
            for unit in d["results"]:
                if not isinstance(unit, dict) or not str(unit.get("id", "")).isdigit() \
                        or len(str(unit.get("id"))) != 12:
                    return "jednostka bez 12-cyfrowego identyfikatora 'id'"
                problem = _check_values(unit.get("values"))
                if problem:
                    return problem
            return None
        return check
    return for_page


def _check_unit_page(unit_id: str):
    def for_page(n: int):
        def check(d):
            problem = _check_page_frame(d, n)
            if problem:
                return problem
            if str(d.get("unitId")) != unit_id:
                return f"strona dotyczy jednostki {d.get('unitId')!r}, a nie {unit_id}"
            for res in d["results"]:
                if not isinstance(res, dict) or res.get("id") is None:
                    return "wynik bez identyfikatora zmiennej 'id'"
                problem = _check_values(res.get("values"))
                if problem:
                    return problem
            return None
        return check
    return for_page


# -- gaps ------------------------------------------------------------------------------------
#: Start of the reason recorded for a powiat-and-city total (how the summary finds them).
COMBINED_WHY = "pominięto: wartość łączna"


def _has_value(v: dict, kinds: dict[str, str], attributes: dict | None = None
               ) -> tuple[bool, str]:
    attr = "" if v.get("attrId") is None else str(v.get("attrId")).strip()
    kind = kinds.get(attr)
    if kind == COMBINED:
        return False, (f"{COMBINED_WHY} (atrybut {attr}: „{attribute_text(attr, attributes)}”),"
                       " nie liczba samego powiatu")
    if v.get("val") is None:
        return False, f"wartość pusta (atrybut {attr or 'brak'})"
    if kind == NONE:
        return False, (f"brak liczby: atrybut {attr} („{attribute_text(attr, attributes)}”)")
    return True, ""


def _collect(values, years, kinds: dict[str, str], attributes: dict | None = None
             ) -> dict[int, str]:
    """Return ``year -> why`` for the years without a value (``""`` when there is a value)."""
    out = {}
    for v in values or []:
        try:
            year = int(v.get("year"))
        except (TypeError, ValueError):
            continue
        ok, why = _has_value(v, kinds, attributes)
        out[year] = "" if ok else why
    return {y: out.get(y, "API nie zwróciło wartości za ten rok") for y in years}


def _gaps_gminas(res: VariableResult, pages: list[dict], gminas: dict[str, str],
                 years: list[int], registry: Registry, kinds: dict[str, str]) -> None:
    """Record the gmina/year pairs without a value; a gmina whose type changed (Koźminek
    3007052 -> 3007053) counts its years under both codes as one gmina, as the ingest does."""
    seen: dict[str, tuple[str, dict[int, str]]] = {}
    for page in pages:
        for unit in page["results"]:
            try:
                terc = terc_from_bdl(str(unit["id"]))
            except UnitError:
                continue
            if len(terc) != 7 or terc[6] not in WHOLE_GMINA_TYPES:
                continue
            terc = registry.current(terc)
            by_year = _collect(unit.get("values"), years, kinds)
            if terc in seen:
                before = seen[terc][1]
                by_year = {y: "" if not before[y] or not why else why
                           for y, why in by_year.items()}
            seen[terc] = (str(unit.get("name", terc)), by_year)
    expected = dict(gminas) or {t: name for t, (name, _) in seen.items()}
    for terc, label in sorted(expected.items()):
        if terc not in seen:
            res.gaps += [Gap(res.variable.id, terc, label, y, "API nie podaje tej gminy")
                         for y in years]
            continue
        by_year = seen[terc][1]
        res.gaps += [Gap(res.variable.id, terc, label, y, why)
                     for y, why in by_year.items() if why]
        if any(not why for why in by_year.values()):
            res.units.append(terc)


def _gaps_powiat(results: list[VariableResult], pages: list[dict], code: str,
                 registry: Registry, years: list[int], kinds: dict[str, str],
                 attributes: dict | None = None) -> None:
    values: dict[str, list] = {}
    for page in pages:
        for r in page["results"]:
            values.setdefault(str(r["id"]).strip(), []).extend(r.get("values") or [])
    label = registry.get(code).label if code in registry else f"powiat {code}"
    for res in results:
        if res.variable.id not in values:
            if res.level is not None and res.level < 5:
                continue
            res.gaps += [Gap(res.variable.id, code, label, y, "API nie podaje wartości dla "
                             "powiatu") for y in years]
            continue
        by_year = _collect(values[res.variable.id], years, kinds, attributes)
        res.gaps += [Gap(res.variable.id, code, label, y, why, why.startswith(COMBINED_WHY))
                     for y, why in by_year.items() if why]
        if any(not why for why in by_year.values()):
            res.units.append(code)


# -- writing ---------------------------------------------------------------------------------
def _manifest(report: FetchReport, client: BdlClient, gminas: dict[str, str],
              registry: Registry) -> dict:
    return {
        "source": "GUS, Bank Danych Lokalnych, API BDL",
        "api_url": client.settings.base_url,
        "api_version": report.api_version,
        "attributes_source": report.attributes_source,
        "attributes": report.attributes,
        "downloaded_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "client_key_used": client.settings.registered,
        "powiat": report.powiat,
        "powiat_bdl_id": report.powiat_bdl,
        "powiat_name": report.powiat_name,
        "gminas": sorted(gminas) or sorted({u for r in report.results for u in r.units
                                            if len(u) == 7}),
        "years": report.years,
        "variables": [{
            "id": r.variable.id, "indicators": r.variable.indicators,
            "id_verified": r.variable.verified, "id_status": r.variable.status,
            "id_sources": r.variable.sources,
            "expected": r.variable.expected.text() if r.variable.expected else "",
            "name": r.name, "subject": r.subject,
            "measure_unit": r.measure_unit, "level": r.level, "files": r.pages,
            "units_with_values": sorted(r.units), "missing": r.missing, "refused": r.refused,
            "gaps": [{"unit": g.unit, "year": g.year, "why": g.why} for g in r.gaps],
        } for r in report.results],
    }


def _replace_folder(target: Path, files: dict[str, bytes], manifest: dict,
                    mapping_rows: list[tuple[str, str]]) -> None:
    """Write the folder under a temporary name, then swap it for ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.nowy-", dir=target.parent))
    try:
        for name, body in files.items():
            atomic_write(tmp / name, body)
        if mapping_rows:
            lines = ["plik;zmienna_bdl;filtr;wskaznik;uwagi"] + [
                f";{var};;{ind};zmienna z katalogu wskaźników (pobrana przez strategy pobierz)"
                for var, ind in mapping_rows]
            atomic_write(tmp / "mapping.csv", ("\n".join(lines) + "\n").encode("utf-8"))
        atomic_write(tmp / "manifest.json",
                     json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"))
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.stary-", dir=target.parent))
            os.replace(target, old / target.name)
        try:
            os.replace(tmp, target)
        except BaseException:
            if old is not None:
                os.replace(old / target.name, target)
            raise
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _meta_age(client: BdlClient) -> float:
    """Return how old cached metadata may be (0 when every answer is to be revalidated)."""
    return META_MAX_AGE if client.settings.max_age > 0 else 0.0


def _inds(var: BdlVariable) -> str:
    return ", ".join(var.indicators) or "spoza katalogu"


def _span(years: list[int]) -> str:
    return f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
