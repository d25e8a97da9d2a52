"""Every document of a powiat at once: the gminas' diagnoses and programmes, the powiat's documents.

In: the loaded store, the folder of plan files (``*.yaml``, read with :func:`strategy.plan.load_plan`;
files that are not valid plans are refused with the reason), the reports folder, the powiat code
and optionally the data year. Out: the .docx files, laid out as::

    <reports_dir>/<powiat>/<rok>/<teryt>_<slug>/<rodzaj>.docx

where ``<rok>`` is the data year of the diagnoses, ``<teryt>_<slug>`` the unit ("3007083_opatowek",
"3007_powiat_kaliski") and ``<rodzaj>`` one of ``diagnoza``, ``program_wspierania_rodziny``,
``sprawozdanie_z_realizacji`` (gminas) and ``strategia``, ``program_pieczy_zastepczej``,
``sprawozdanie_z_realizacji`` (powiat). Every gmina gets a diagnosis and a family-support
programme - from its own plan file or, without one, from another gmina's plan used as a template
(the document says so); a report on implementation is written for each plan that has a
``sprawozdanie`` part. Demo data mark every document "DANE DEMONSTRACYJNE".
"""
from __future__ import annotations

from pathlib import Path

from .catalog import Catalog, default_catalog
from .consultation.drafts import slug
from .diagnosis import diagnose
from .documents.builders import (build_diagnoza, build_program_pieczy_zastepczej,
                                 build_program_wspierania_rodziny, build_sprawozdanie,
                                 build_strategia)
from .errors import InputError
from .plan import Plan, load_plan
from .store import Store
from .units import Registry, default_registry

FILE_NAMES = {"diagnoza": "diagnoza.docx", "strategia": "strategia.docx",
              "program_wspierania_rodziny": "program_wspierania_rodziny.docx",
              "program_pieczy_zastepczej": "program_pieczy_zastepczej.docx",
              "sprawozdanie": "sprawozdanie_z_realizacji.docx"}


def unit_folder(reports_dir, powiat: str, year: int, teryt: str, name: str) -> Path:
    """Return ``<reports_dir>/<powiat>/<rok>/<teryt>_<slug>``."""
    label = f"powiat {name}" if len(teryt) == 4 else name
    return Path(reports_dir) / powiat / str(year) / f"{teryt}_{slug(label)}"


def load_plans(plans_dir, catalog: Catalog | None = None) -> list[Plan]:
    """Return the plans in ``plans_dir`` (``*.yaml``), sorted by file name."""
    folder = Path(plans_dir)
    if not folder.is_dir():
        raise InputError(f"nie znaleziono katalogu planów '{folder}'")
    return [load_plan(p, catalog) for p in sorted(folder.glob("*.yaml"))]


def build_all(store: Store, plans_dir, reports_dir, powiat: str = "3007", year: int | None = None,
              *, horizon: int = 2030, template=None, draft=None, date=None,
              catalog: Catalog | None = None, registry: Registry | None = None) -> list[Path]:
    """Write every document of ``powiat`` (see the module docstring); return their paths."""
    catalog = catalog or default_catalog()
    registry = registry or default_registry()
    plans = [p for p in load_plans(plans_dir, catalog) if p.unit[:4] == powiat]
    gminas = registry.gminas_of(powiat)
    if not gminas:
        raise InputError(f"powiat {powiat} nie ma gmin w rejestrze jednostek")
    opts = {"template": template, "draft": draft, "date": date}
    pd_ = diagnose(powiat, store, year=year, horizon=horizon, catalog=catalog, registry=registry)
    year = pd_.year
    out: list[Path] = []
    family = {p.unit: p for p in plans if p.kind == "program_wspierania_rodziny"}
    model = next(iter(sorted(family.items())), (None, None))[1]
    for unit in gminas:
        folder = unit_folder(reports_dir, powiat, year, unit.teryt, unit.name)
        d = diagnose(unit.teryt, store, year=year, horizon=horizon, catalog=catalog,
                     registry=registry)
        out.append(build_diagnoza(d, folder / FILE_NAMES["diagnoza"], catalog=catalog, **opts))
        plan = family.get(unit.teryt) or model
        if plan is not None:
            out.append(build_program_wspierania_rodziny(
                store, plan, folder / FILE_NAMES["program_wspierania_rodziny"], teryt=unit.teryt,
                diagnosis=d, catalog=catalog, registry=registry, **opts))
        own = family.get(unit.teryt)
        if own is not None and own.extra.get("sprawozdanie"):
            out.append(build_sprawozdanie(store, own, folder / FILE_NAMES["sprawozdanie"],
                                          catalog=catalog, registry=registry, **opts))
    folder = unit_folder(reports_dir, powiat, year, powiat, registry.name(powiat))
    for plan in plans:
        if plan.unit != powiat:
            continue
        if plan.kind == "strategia_powiatu":
            out.append(build_strategia(store, plan, folder / FILE_NAMES["strategia"], diagnosis=pd_,
                                       catalog=catalog, registry=registry, **opts))
        elif plan.kind == "program_pieczy_zastepczej":
            out.append(build_program_pieczy_zastepczej(
                store, plan, folder / FILE_NAMES["program_pieczy_zastepczej"], diagnosis=pd_,
                catalog=catalog, registry=registry, **opts))
        if plan.extra.get("sprawozdanie"):
            out.append(build_sprawozdanie(store, plan, folder / FILE_NAMES["sprawozdanie"],
                                          catalog=catalog, registry=registry, **opts))
    return out
