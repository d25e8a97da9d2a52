"""Which plan file belongs to which unit: a light index of a folder of plan files.

In: a folder of YAML plan files. Out: :class:`PlanFile` entries (path, document kind, unit code,
top-level keys) and :func:`find_plan`. Kept free of pandas so the batch runner can plan its jobs
quickly; the full validation of a plan is :func:`strategy.plan.load_plan`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

#: Document kinds a plan file may declare (names in Polish are in strategy.plan.model.DOCUMENT_KINDS).
KINDS = ("strategia_powiatu", "program_wspierania_rodziny", "program_pieczy_zastepczej")


@dataclass(frozen=True)
class PlanFile:
    """What a plan file says about itself: its path, document kind, unit and parts."""
    path: Path
    kind: str
    unit: str
    parts: frozenset


def plan_index(folder: str | Path) -> list[PlanFile]:
    """Return the plan files of a folder (``*.yaml``/``*.yml``) by kind and unit, sorted by name.

    Only the top-level keys are read; a file that is not a readable plan is left out here and
    reported with its line by :func:`load_plan` when a document uses it.
    """
    out = []
    for path in sorted(Path(folder).glob("*.y*ml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if not isinstance(data, dict):
            continue
        unit = str(data.get("jednostka", "")).strip()
        if re.fullmatch(r"\d{4}|\d{7}", unit) and data.get("dokument") in KINDS:
            out.append(PlanFile(path, data["dokument"], unit, frozenset(data)))
    return out


def find_plan(folder: str | Path, kind: str, teryt: str, *, own: bool = False,
              part: str | None = None, index: list[PlanFile] | None = None) -> Path | None:
    """Return the plan of ``kind`` for unit ``teryt`` in ``folder``, or None.

    With ``own=False`` a gmina without a plan of its own gets the plan of another gmina of the
    same powiat, which the document builders use as a template (and say so in the document).
    ``part`` requires a top-level key, e.g. ``sprawozdanie`` for an implementation report.
    """
    plans = [p for p in (index if index is not None else plan_index(folder))
             if p.kind == kind and (part is None or part in p.parts)]
    for p in plans:
        if p.unit == teryt:
            return p.path
    if own:
        return None
    for p in plans:
        if p.unit[:4] == teryt[:4]:
            return p.path
    return None
