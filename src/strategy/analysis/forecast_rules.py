"""Which indicators are forecast and which are decided (shown as plans), kept as data in
``data/forecast_rules.csv``.

In: the CSV shipped with the package (columns ``indicator``, ``rule``, ``basis``).
Out: :func:`forecast_rules` - ``{indicator: (rule, basis)}``; :func:`is_decided`,
:func:`decided_basis`.

A forecast extrapolates a phenomenon the unit observes (people, families, events, money
spent). Capacities and quantities a council or a director decides - places in a ŚDS, a DPS or a
shelter, the number of institutions, staff, professional foster families within the yearly
limit - change when someone decides so, not by a trend: five years at exactly 50 places do not
make "ok. 60 (od 41 do 79)" in ten years. Such indicators have the rule ``decyzja`` and are
shown as a plan ("wielkość zależna od decyzji") with who decides in ``basis`` (Polish, short:
it is printed in a table cell). Indicators not listed are forecast (rule ``prognoza``).
"""
from __future__ import annotations

from importlib import resources

import pandas as pd

from ..caches import lru_cache
from ..catalog import Catalog, default_catalog
from ..errors import CatalogError

FORECAST, DECIDED = "prognoza", "decyzja"
RULES = (FORECAST, DECIDED)
COLUMNS = ["indicator", "rule", "basis"]


def read_rules(path, catalog: Catalog | None = None) -> dict[str, tuple[str, str]]:
    """Return ``{indicator: (rule, basis)}`` from a rules CSV, checked against the catalogue."""
    catalog = catalog or default_catalog()
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    name = getattr(path, "name", str(path))
    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        raise CatalogError(f"plik {name}: brak kolumn {', '.join(missing)}")
    out: dict[str, tuple[str, str]] = {}
    for i, rec in enumerate(df.to_dict("records"), start=2):
        ind, rule, basis = rec["indicator"].strip(), rec["rule"].strip(), rec["basis"].strip()
        if ind not in catalog:
            raise CatalogError(f"plik {name}, wiersz {i}, kolumna indicator: wskaźnika "
                               f"'{ind}' nie ma w katalogu")
        if rule not in RULES:
            raise CatalogError(f"plik {name}, wiersz {i}, kolumna rule: '{rule}' (dozwolone: "
                               f"{', '.join(RULES)})")
        if rule == DECIDED and not basis:
            raise CatalogError(f"plik {name}, wiersz {i}, kolumna basis: brak uzasadnienia")
        if ind in out:
            raise CatalogError(f"plik {name}, wiersz {i}: wskaźnik '{ind}' podano drugi raz")
        out[ind] = (rule, basis)
    return out


@lru_cache(maxsize=1)
def forecast_rules() -> dict[str, tuple[str, str]]:
    """Return the rules shipped with the package."""
    with resources.as_file(resources.files("strategy") / "data" / "forecast_rules.csv") as p:
        return read_rules(p)


def is_decided(indicator: str) -> bool:
    """True when ``indicator`` is a decided quantity, shown as a plan rather than forecast."""
    return forecast_rules().get(indicator, (FORECAST, ""))[0] == DECIDED


def decided_basis(indicator: str) -> str | None:
    """Return who decides a decided quantity (the ``basis`` of the rules file, e.g. "miejsca
    w ŚDS ustala organ prowadzący"), None for indicators that are forecast."""
    rule, basis = forecast_rules().get(indicator, (FORECAST, ""))
    return basis if rule == DECIDED else None
