"""The content people author - mission, vision, goals, actions, targets, budget - in YAML plan files.

Modules: ``index`` (which plan file belongs to which unit and document; light, no pandas, used by
the batch runner), ``model`` (the typed parts: :class:`Plan`, goals, targets, funding) and
``load`` (:func:`load_plan`: read and validate one file, every problem with file and line).

``load_plan`` is imported on first use, so ``import strategy.plan`` (and the index) stays free of
pandas for a build with nothing to do.
"""
from __future__ import annotations

from .index import KINDS, PlanFile, find_plan, plan_index
from .model import (
    DOCUMENT_KINDS,
    Consultation,
    Direction,
    Funding,
    Institution,
    OperationalGoal,
    Plan,
    RemarkCounts,
    Resolution,
    StrategicGoal,
    Target,
)

__all__ = ["DOCUMENT_KINDS", "KINDS", "Consultation", "Direction", "Funding", "Institution",
           "OperationalGoal", "Plan", "PlanFile", "RemarkCounts", "Resolution", "StrategicGoal",
           "Target", "find_plan", "load_plan", "load_programmes",
           "plan_index"]


def __getattr__(name):  # lazy: load_plan needs the catalogue (pandas)
    if name == "load_plan":
        from .load import load_plan
        return load_plan
    if name == "load_programmes":
        from .load import load_programmes
        return load_programmes
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
