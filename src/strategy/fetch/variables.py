"""Which BDL variables to download: every catalogue indicator that has a BDL variable id.

In: the catalogue (``bdl_var`` column) and the package's default BDL mapping
(``data/bdl_mapping.csv``, rules with ``zmienna_bdl``), optionally a user's choice
(``--zmienne``: variable ids or indicator ids). Out: :class:`BdlVariable` list, sorted by id,
and the catalogue indicators that have no BDL variable (they come from the XLSX template:
OPS/PCPR reports, local records).

Whether each id was checked and where is kept in the package mapping (columns ``zweryfikowane``
and ``zrodlo`` of ``data/bdl_mapping.csv``); the download records it in the manifest next to the
API's own description of the variable (``/variables/{id}``: its name and unit), so an id that
names another variable shows.

The ingest reads an API page only through a mapping rule naming its variable; an id that only
the catalogue names gets a rule in the ``mapping.csv`` written next to the downloaded pages
(:func:`local_mapping_rows`), so the folder reads the same way later with ``strategy ingest``.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..catalog import Catalog, Indicator, default_catalog
from ..errors import FetchError
from ..ingest.mapping import Mapping, default_mapping


@dataclass
class BdlVariable:
    """One BDL variable and the catalogue indicators it feeds."""

    id: str
    indicators: list[str] = field(default_factory=list)
    verified: bool = False          # the catalogue or the package mapping marks it checked
    in_default_mapping: bool = False
    checked_how: str = ""           # where the id was checked (mapping column zrodlo)


def catalogue_variables(catalog: Catalog | None = None, mapping: Mapping | None = None
                        ) -> list[BdlVariable]:
    """Return the BDL variables of the catalogue and of the default mapping, by id."""
    catalog = catalog or default_catalog()
    mapping = mapping or default_mapping()
    found: dict[str, BdlVariable] = {}
    for rule in mapping.rules:
        if rule.variable and rule.indicator in catalog:
            var = found.setdefault(rule.variable, BdlVariable(rule.variable))
            var.in_default_mapping = True
            if rule.indicator not in var.indicators:
                var.indicators.append(rule.indicator)
    for ind in catalog:
        for var_id in _ids(ind.bdl_var):
            var = found.setdefault(var_id, BdlVariable(var_id))
            if ind.id not in var.indicators:
                var.indicators.append(ind.id)
            var.verified = var.verified or ind.verified
    checks = id_checks()
    for var in found.values():
        if var.id in checks:
            verified, how = checks[var.id]
            var.verified = var.verified or verified
            var.checked_how = how
    return sorted(found.values(), key=lambda v: int(v.id))


@lru_cache(maxsize=1)
def id_checks() -> dict[str, tuple[bool, str]]:
    """Return ``id -> (verified, where)`` from the package mapping's ``zweryfikowane``/``zrodlo``.

    The first row of a variable marked ``tak`` (else its first row) gives the source text.
    """
    text = (resources.files("strategy") / "data" / "bdl_mapping.csv").read_text(encoding="utf-8")
    out: dict[str, tuple[bool, str]] = {}
    for row in csv.DictReader(text.splitlines(), delimiter=";"):
        var = (row.get("zmienna_bdl") or "").strip()
        if not var:
            continue
        verified = (row.get("zweryfikowane") or "").strip().lower() in ("tak", "yes", "true", "1")
        where = (row.get("zrodlo") or "").strip()
        if var not in out or (verified and not out[var][0]):
            out[var] = (verified, where)
    return out


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


def _ids(text: str) -> list[str]:
    return [p.strip() for p in str(text or "").replace(";", ",").split(",")
            if p.strip().isdigit()]
