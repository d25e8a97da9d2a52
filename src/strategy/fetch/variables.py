"""Which BDL variables to download, what each must be, and which catalogue indicator it feeds.

In: the package's BDL mapping (``data/bdl_mapping.csv``): its API rows (empty ``plik``, a
``zmienna_bdl``) name the variable, the catalogue indicator, the units it is stored for
(``jednostki``: ``gmina+powiat`` or ``powiat``), the status of the id (``status``:
``potwierdzony`` - two independent public sources give this meaning, ``jedno źródło``,
``sprzeczne źródła``), where the id comes from (``zrodlo``, after ``bdl_variable_ids.md``) and
the description the API must give of it (``api_temat`` subject id, ``api_opis`` name fragments,
``api_jednostka`` unit of measure, ``api_poziom`` the lowest level). Optionally a user's choice
(``--zmienne``: variable ids or indicator ids).
Out: :class:`BdlVariable` list sorted by id, and the catalogue indicators no BDL variable feeds
(they come from the XLSX template: OPS/PCPR reports, local records).

The expected description is checked against the API's own ``/variables/{id}`` answer before any
data are asked for (:func:`description_problems`): the subject id, every name fragment (in the
variable's dimension texts ``n1``...``n5`` or, when not there, in its subject's name), the unit
(``measureUnitName``, else the ``measureUnitId`` of ``/measures``) and the level. A variable whose
description does not match is refused: its figures are never stored under another meaning.

``api_opis``: fragments separated by ``;``, all required; alternatives inside one fragment
separated by ``|``; a fragment matches at the start of a word, ignoring case (``produkcyjn``
does not match ``przedprodukcyjny``). An empty ``api_jednostka`` means the sources do not name
the unit, so it is not checked (the manifest says so).

The ingest reads an API page only through a mapping rule naming its variable; a variable only the
user named gets a rule in the ``mapping.csv`` written next to the downloaded pages
(:func:`local_mapping_rows`), so the folder reads the same way later with ``strategy ingest``.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..catalog import Catalog, Indicator, default_catalog
from ..errors import FetchError

#: Status words of the mapping (``status`` column) and what the summary calls them.
STATUSES = {"potwierdzony": "potwierdzony w dwóch niezależnych źródłach",
            "jedno źródło": "z jednego źródła",
            "sprzeczne źródła": "źródła podają różne znaczenia"}
#: Units a mapped variable is stored for.
UNIT_SCOPES = {"gmina+powiat": ("gmina", "powiat"), "powiat": ("powiat",)}
#: ``measureUnitId`` of the API's ``/measures`` dictionary, for answers without a unit name.
MEASURE_UNITS = {26: "osoba", 4: "zł", 50: "%"}


@dataclass
class Expected:
    """What the API's ``/variables/{id}`` must say of a variable."""

    subject: str = ""
    fragments: tuple[tuple[str, ...], ...] = ()
    unit: str = ""
    level: int | None = None

    def text(self) -> str:
        parts = []
        if self.subject:
            parts.append(f"temat {self.subject}")
        if self.fragments:
            parts.append("opis zawiera " + ", ".join(" lub ".join(f"„{a}”" for a in alts)
                                                     for alts in self.fragments))
        parts.append(f"jednostka {self.unit}" if self.unit else "jednostka niesprawdzana")
        if self.level is not None:
            parts.append(f"poziom co najmniej {self.level}")
        return "; ".join(parts)


@dataclass
class BdlVariable:
    """One BDL variable and the catalogue indicators it feeds."""

    id: str
    indicators: list[str] = field(default_factory=list)
    verified: bool = False          # checked against a live /variables answer (zweryfikowane)
    in_default_mapping: bool = False
    status: str = ""                # potwierdzony / jedno źródło / sprzeczne źródła
    sources: str = ""               # where the id comes from (mapping column zrodlo)
    scope: tuple[str, ...] = ("gmina", "powiat")
    expected: Expected | None = None

    @property
    def gminas(self) -> bool:
        return "gmina" in self.scope

    @property
    def checked_how(self) -> str:
        return self.sources


@dataclass(frozen=True)
class ApiRow:
    """An API row of the package mapping."""

    variable: str
    indicator: str
    status: str
    sources: str
    scope: tuple[str, ...]
    expected: Expected
    verified: bool
    line: int


@lru_cache(maxsize=1)
def api_rows() -> tuple[ApiRow, ...]:
    """Return the API rows of the package mapping (``plik`` empty, ``zmienna_bdl`` given)."""
    text = (resources.files("strategy") / "data" / "bdl_mapping.csv").read_text(encoding="utf-8")
    out = []
    for line, row in enumerate(csv.DictReader(text.splitlines(), delimiter=";"), start=2):
        var = (row.get("zmienna_bdl") or "").strip()
        if not var or (row.get("plik") or "").strip():
            continue
        where = f"bdl_mapping.csv, wiersz {line} (zmienna {var})"
        status = (row.get("status") or "").strip()
        if status not in STATUSES:
            raise FetchError(f"{where}: kolumna 'status' ma wartość '{status}', dozwolone: "
                             + ", ".join(STATUSES))
        scope = (row.get("jednostki") or "").strip()
        if scope not in UNIT_SCOPES:
            raise FetchError(f"{where}: kolumna 'jednostki' ma wartość '{scope}', dozwolone: "
                             + ", ".join(UNIT_SCOPES))
        level = (row.get("api_poziom") or "").strip()
        if level and not level.isdigit():
            raise FetchError(f"{where}: kolumna 'api_poziom' ma wartość '{level}' (oczekiwano "
                             "liczby 5 lub 6)")
        fragments = tuple(tuple(a.strip() for a in part.split("|") if a.strip())
                          for part in (row.get("api_opis") or "").split(";") if part.strip())
        subject = (row.get("api_temat") or "").strip()
        if not fragments and not subject:
            raise FetchError(f"{where}: brak oczekiwanego opisu zmiennej (kolumny api_temat i "
                             "api_opis są puste), więc nie da się sprawdzić odpowiedzi API")
        out.append(ApiRow(
            variable=var, indicator=(row.get("wskaznik") or "").strip(), status=status,
            sources=(row.get("zrodlo") or "").strip(), scope=UNIT_SCOPES[scope],
            expected=Expected(subject, fragments, (row.get("api_jednostka") or "").strip(),
                              int(level) if level else None),
            verified=(row.get("zweryfikowane") or "").strip().lower() == "tak", line=line))
    return tuple(out)


def catalogue_variables(catalog: Catalog | None = None) -> list[BdlVariable]:
    """Return the mapped BDL variables whose indicator the catalogue knows, by id.

    A catalogue ``bdl_var`` without an API row of the mapping is an error (its expected
    description would be unknown).
    """
    catalog = catalog or default_catalog()
    found: dict[str, BdlVariable] = {}
    for row in api_rows():
        if row.indicator not in catalog:
            continue
        var = found.setdefault(row.variable, BdlVariable(
            row.variable, in_default_mapping=True, status=row.status, sources=row.sources,
            scope=row.scope, expected=row.expected, verified=row.verified))
        if row.indicator not in var.indicators:
            var.indicators.append(row.indicator)
    for ind in catalog:
        for var_id in _ids(ind.bdl_var):
            if var_id not in found or ind.id not in found[var_id].indicators:
                raise FetchError(f"katalog wskaźników: wskaźnik {ind.id} podaje zmienną BDL "
                                 f"{var_id}, której nie opisuje plik bdl_mapping.csv (wiersz "
                                 "API z oczekiwanym opisem zmiennej)")
    return sorted(found.values(), key=lambda v: int(v.id))


def id_checks() -> dict[str, tuple[bool, str]]:
    """Return ``id -> (verified, sources)`` of the mapping's API rows."""
    return {r.variable: (r.verified, r.sources) for r in api_rows()}


def select(variables: list[BdlVariable], wanted: list[str] | None) -> list[BdlVariable]:
    """Return the variables named in ``wanted`` (ids or indicator ids); all when it is empty."""
    if not wanted:
        return variables
    by_id = {v.id: v for v in variables}
    out: dict[str, BdlVariable] = {}
    unknown = []
    for item in (w.strip() for w in wanted if w.strip()):
        if item in by_id:
            out[item] = by_id[item]
            continue
        hits = [v for v in variables if item in v.indicators]
        if hits:
            out.update((v.id, v) for v in hits)
        elif item.isdigit():
            out[item] = BdlVariable(item)    # an id outside the catalogue: fetched, not mapped
        else:
            unknown.append(item)
    if unknown:
        known = ", ".join(sorted({i for v in variables for i in v.indicators}))
        raise FetchError(f"--zmienne: nie znam wskaźnika {', '.join(unknown)} z identyfikatorem "
                         f"zmiennej BDL; wskaźniki z identyfikatorem: {known}")
    return sorted(out.values(), key=lambda v: int(v.id))


def template_only(catalog: Catalog | None = None, variables: list[BdlVariable] | None = None
                  ) -> list[Indicator]:
    """Return the stored catalogue indicators no BDL variable feeds (XLSX template sources)."""
    catalog = catalog or default_catalog()
    variables = catalogue_variables(catalog) if variables is None else variables
    fed = {i for v in variables for i in v.indicators}
    return [ind for ind in catalog.stored() if ind.id not in fed]


def local_mapping_rows(variables: list[BdlVariable]) -> list[tuple[str, str]]:
    """Return ``(variable, indicator)`` pairs the default mapping lacks (for ``mapping.csv``)."""
    return [(v.id, ind) for v in variables if not v.in_default_mapping for ind in v.indicators]


# -- the API's description against the expected one ----------------------------------------
def api_names(meta: dict) -> list[str]:
    """Return the dimension texts ``n1``...``n5`` of a ``/variables/{id}`` answer."""
    return [str(meta[k]).strip() for k in ("n1", "n2", "n3", "n4", "n5") if meta.get(k)]


def api_unit(meta: dict) -> str:
    """Return the unit of a ``/variables/{id}`` answer (its name, else the known id's name)."""
    name = str(meta.get("measureUnitName") or "").strip()
    if name:
        return name
    try:
        return MEASURE_UNITS.get(int(meta.get("measureUnitId")), "")
    except (TypeError, ValueError):
        return ""


def missing_fragments(expected: Expected, texts: list[str]) -> list[str]:
    """Return the expected name fragments none of whose alternatives occurs in ``texts``."""
    joined = " | ".join(_fold(t) for t in texts)
    return [" lub ".join(f"„{a}”" for a in alts) for alts in expected.fragments
            if not any(re.search(r"(?<!\w)" + re.escape(_fold(a)), joined) for a in alts)]


def description_problems(expected: Expected, meta: dict, subject_name: str = "") -> list[str]:
    """Return what in the API's description differs from the expected one (empty: it matches).

    ``subject_name`` is the name of the variable's subject (``/subjects/{id}``), searched for the
    fragments the dimension texts lack.
    """
    problems = []
    subject = str(meta.get("subjectId") or "").strip()
    if expected.subject and subject != expected.subject:
        problems.append(f"temat {subject or 'nie podany'} zamiast {expected.subject}")
    missing = missing_fragments(expected, api_names(meta) + [subject_name])
    if missing:
        problems.append("opis nie zawiera " + ", ".join(missing))
    if expected.unit:
        unit = api_unit(meta)
        if _fold(unit) != _fold(expected.unit):
            problems.append(f"jednostka miary „{unit or 'nie podana'}” zamiast "
                            f"„{expected.unit}”")
    if expected.level is not None:
        try:
            level = int(meta.get("level"))
        except (TypeError, ValueError):
            level = None
        if level is None or level < expected.level:
            problems.append(f"poziom {level if level is not None else 'nie podany'} zamiast co "
                            f"najmniej {expected.level} ({_level_name(expected.level)})")
    return problems


def _level_name(level: int) -> str:
    return {5: "powiaty", 6: "gminy"}.get(level, f"poziom {level}")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", str(text)).casefold()
    return " ".join(text.replace("\u00a0", " ").split())


def _ids(text: str) -> list[str]:
    return [p.strip() for p in str(text or "").replace(";", ",").split(",")
            if p.strip().isdigit()]
