"""The indicator catalogue, kept as data in ``data/catalog.csv`` (areas in ``data/areas.csv``).

In: the CSV shipped with the package (or another with the same columns).
Out: :class:`Catalog` - indicator definitions by id, the areas in their order, and the parts of
derived indicators (numerator and denominator as sums of stored indicators, times ``per``).

Columns: id, name (Polish), gender of the name's head noun (m/f/n, for verb agreement), unit,
kind (count, balance, amount, share, rate, ratio), numerator/denominator/per for derived ones
(``a+b`` means a sum of stored indicators), direction (``worse``: higher is worse, ``better``,
``neutral``), level (gmina/powiat: where the figure is recorded), area, noun (what a count
counts, for numeral agreement), source, bdl_var (BDL variable id), verified (tak/nie).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from .errors import CatalogError

KINDS = {"count", "balance", "amount", "share", "rate", "ratio"}
DIRECTIONS = {"worse", "better", "neutral"}
GENDERS = {"m", "f", "n"}
LEVELS = {"gmina", "powiat"}
#: Kinds that can never be negative when stored.
NON_NEGATIVE = {"count", "amount", "share", "rate", "ratio"}


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    gender: str
    unit: str
    kind: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]
    per: float | None
    direction: str
    level: str
    area: str
    noun: str
    source: str
    bdl_var: str
    verified: bool
    description: str

    @property
    def derived(self) -> bool:
        """True when the value is computed from stored counts (numerator/denominator)."""
        return bool(self.numerator)

    @property
    def inputs(self) -> tuple[str, ...]:
        """Return the stored indicators a derived value is computed from (empty if stored)."""
        return tuple(dict.fromkeys(self.numerator + self.denominator))

    @property
    def is_percent(self) -> bool:
        return self.kind == "share"


class Catalog:
    """Indicator definitions by id, with the areas in report order."""

    COLUMNS = ["id", "name", "gender", "unit", "kind", "numerator", "denominator", "per",
               "direction", "level", "area", "noun", "source", "bdl_var", "verified",
               "description"]

    def __init__(self, frame: pd.DataFrame, areas: pd.DataFrame):
        missing = set(self.COLUMNS) - set(frame.columns)
        if missing:
            raise CatalogError(f"katalog wskaźników: brak kolumn {sorted(missing)}")
        self.areas: dict[str, str] = {
            r["id"]: r["name"] for r in areas.sort_values("order", key=lambda s: s.astype(int))
            .to_dict("records")
        }
        self._ind: dict[str, Indicator] = {}
        problems = []
        for i, rec in enumerate(frame.fillna("").to_dict("records"), start=2):
            rec = {k: str(v).strip() for k, v in rec.items()}
            where = f"katalog, wiersz {i} ({rec['id'] or '?'})"
            if not rec["id"]:
                problems.append(f"{where}: brak identyfikatora"); continue
            if rec["id"] in self._ind:
                problems.append(f"{where}: identyfikator powtórzony")
            for col, allowed in (("kind", KINDS), ("direction", DIRECTIONS), ("gender", GENDERS),
                                 ("level", LEVELS), ("area", set(self.areas))):
                if rec[col] not in allowed:
                    problems.append(f"{where}: kolumna '{col}' ma wartość '{rec[col]}', "
                                    f"dozwolone: {', '.join(sorted(allowed))}")
            num = tuple(x for x in rec["numerator"].split("+") if x)
            den = tuple(x for x in rec["denominator"].split("+") if x)
            if bool(num) != bool(den):
                problems.append(f"{where}: wskaźnik pochodny wymaga licznika i mianownika")
            per = float(rec["per"]) if rec["per"] else None
            if num and per is None:
                problems.append(f"{where}: wskaźnik pochodny wymaga kolumny 'per'")
            self._ind[rec["id"]] = Indicator(
                id=rec["id"], name=rec["name"], gender=rec["gender"], unit=rec["unit"],
                kind=rec["kind"], numerator=num, denominator=den, per=per,
                direction=rec["direction"], level=rec["level"], area=rec["area"],
                noun=rec["noun"], source=rec["source"], bdl_var=rec["bdl_var"],
                verified=rec["verified"].lower() in ("tak", "yes", "true", "1"),
                description=rec["description"],
            )
        for ind in self._ind.values():
            for part in ind.inputs:
                if part not in self._ind:
                    problems.append(f"katalog: '{ind.id}' odwołuje się do nieznanego '{part}'")
                elif self._ind[part].derived:
                    problems.append(f"katalog: '{ind.id}' liczony z wskaźnika pochodnego '{part}'")
        if problems:
            raise CatalogError("; ".join(problems))

    @classmethod
    def from_csv(cls, path: str | Path, areas_path: str | Path) -> "Catalog":
        return cls(pd.read_csv(path, dtype=str, keep_default_na=False),
                   pd.read_csv(areas_path, dtype=str, keep_default_na=False))

    def __contains__(self, ind_id: str) -> bool:
        return ind_id in self._ind

    def __iter__(self):
        return iter(self._ind.values())

    def __len__(self) -> int:
        return len(self._ind)

    def get(self, ind_id: str) -> Indicator:
        try:
            return self._ind[ind_id]
        except KeyError:
            raise CatalogError(f"nieznany wskaźnik '{ind_id}'") from None

    def stored(self) -> list[Indicator]:
        """Return the indicators that are recorded (not derived), in catalogue order."""
        return [i for i in self._ind.values() if not i.derived]

    def derived(self) -> list[Indicator]:
        return [i for i in self._ind.values() if i.derived]

    def in_area(self, area: str) -> list[Indicator]:
        return [i for i in self._ind.values() if i.area == area]

    def frame(self) -> pd.DataFrame:
        rows = []
        for i in self._ind.values():
            d = dict(i.__dict__)
            d["numerator"] = "+".join(i.numerator)
            d["denominator"] = "+".join(i.denominator)
            rows.append(d)
        return pd.DataFrame(rows)


@lru_cache(maxsize=1)
def default_catalog() -> Catalog:
    """Return the catalogue shipped with the package."""
    base = resources.files("strategy") / "data"
    with resources.as_file(base / "catalog.csv") as c, resources.as_file(base / "areas.csv") as a:
        return Catalog.from_csv(c, a)
