"""Which gminas of a powiat have data in each area of the catalogue: what is missing before a build.

In: the store's frame (the canonical columns of :mod:`strategy.store`; a whole national store is
fine, the powiat's rows are picked), the indicator catalogue, the unit registry and the powiat's
code. Out: :func:`coverage` - one :class:`AreaCoverage` per area of the catalogue, in the
catalogue's order: the last year with a figure for any gmina of the powiat in that area, which
gminas have a figure in that year, which have none in any year; :func:`format_coverage` - the
short Polish table ``strategy ingest`` prints after a load (and ``strategy pobierz`` after a
download)::

    from strategy.coverage import coverage, format_coverage
    print(format_coverage(coverage(store.frame, catalog, registry, "1211"), registry))

A figure is a stored value (a row whose value is a number; a ``-`` of GUS, stored with the flag
``brak_danych`` and no value, is no figure). The powiat's gminas are its current whole gminas
(:meth:`strategy.units.Registry.gminas_of`); data of a gmina's old code are already stored
under its current code (see :func:`strategy.validate.join_codes`). An area whose indicators are
all recorded for the powiat (e.g. disability: PCPR's own figures) is shown with the powiat's last
year instead. Pure: nothing is read or written here.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .catalog import Catalog
from .units import Registry


@dataclass
class AreaCoverage:
    """The data of one area for the gminas of a powiat."""

    area_id: str
    area: str                       # the area's Polish name (``Demografia``)
    gminas: list[str]               # the powiat's current gminas (codes)
    last_year: int | None           # last year with a figure for any gmina (None: no figure)
    with_data: list[str] = field(default_factory=list)   # gminas with a figure in last_year
    without: list[str] = field(default_factory=list)     # gminas with no figure in any year
    powiat_only: bool = False       # the area has no gmina indicators in the catalogue
    powiat_year: int | None = None  # last year with a figure for the powiat itself


def coverage(frame: pd.DataFrame, catalog: Catalog, registry: Registry, powiat: str
             ) -> list[AreaCoverage]:
    """Return the coverage of each catalogue area by the gminas of ``powiat`` in ``frame``."""
    gminas = [g.teryt for g in registry.gminas_of(powiat)]
    area_of = {i.id: i.area for i in catalog}
    gmina_areas = {i.area for i in catalog if i.level == "gmina"}
    f = frame[frame["value"].notna() & frame["teryt"].isin(gminas + [powiat])]
    f = f.assign(area=f["indicator"].map(area_of))
    out = []
    for area_id, area in catalog.areas.items():
        rows = f[f["area"] == area_id]
        own = rows[rows["teryt"] == powiat]
        rows = rows[rows["teryt"] != powiat]
        powiat_year = int(own["year"].max()) if len(own) else None
        if rows.empty:
            out.append(AreaCoverage(area_id, area, gminas, None, [], list(gminas),
                                    powiat_only=area_id not in gmina_areas,
                                    powiat_year=powiat_year))
            continue
        last = int(rows["year"].max())
        present = set(rows.loc[rows["year"] == last, "teryt"])
        seen = set(rows["teryt"])
        out.append(AreaCoverage(area_id, area, gminas, last,
                                [g for g in gminas if g in present],
                                [g for g in gminas if g not in seen],
                                powiat_only=False, powiat_year=powiat_year))
    return out


def format_coverage(areas: list[AreaCoverage], registry: Registry, powiat: str | None = None
                    ) -> str:
    """Return the Polish table of :func:`coverage`: area, last year, gminas with data in it,
    gminas with no data at all (names as a reader needs them)."""
    if not areas:
        return ""
    n = len(areas[0].gminas)
    head = "Dane gmin według obszarów"
    if powiat:
        head += f" (powiat {powiat} {registry.display_name(powiat)}, {n} {_gmin(n)})"
    rows = [("obszar", "ostatni rok", "gminy z danymi w tym roku", "gminy bez żadnych danych")]
    for a in areas:
        if a.powiat_only:
            year = str(a.powiat_year) if a.powiat_year else "–"
            rows.append((a.area, year, "dane tylko dla powiatu", ""))
            continue
        year = str(a.last_year) if a.last_year else "–"
        if not a.without:
            missing = "–"
        elif len(a.without) == n:
            missing = "wszystkie"
        else:
            missing = ", ".join(registry.display_name(g) for g in a.without)
        rows.append((a.area, year, f"{len(a.with_data)} z {n}", missing))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = [head + ":"]
    for r in rows:
        cells = [r[i].ljust(widths[i]) for i in range(3)] + [r[3]]
        lines.append("  " + " | ".join(cells).rstrip(" |").rstrip())
    empty = [a.area for a in areas if not a.powiat_only and a.last_year is None]
    if empty:
        lines.append(f"Obszary bez danych gmin: {len(empty)}; jeśli mają się znaleźć w "
                     "dokumentach, uzupełnij je przed budowaniem (szablon danych: 'strategy "
                     "template').")
    return "\n".join(lines)


def _gmin(n: int) -> str:
    if n == 1:
        return "gmina"
    return "gminy" if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else "gmin"
