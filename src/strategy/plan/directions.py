"""Whether a plan's targets move their indicators the favourable way, and what each action yields.

In: a :class:`strategy.plan.Plan`, the baseline of each target (from the data or the plan) and
the indicator catalogue. Out: the Polish problems, each with the plan file and the line of the
target value (``cel``), and the directions of action without an output indicator.

Rules:

* the favourable direction of a catalogue indicator is the catalogue's (``worse``: a higher
  value is worse, ``better``); a typed indicator takes the plan's ``kierunek: wzrost`` or
  ``kierunek: spadek``; otherwise (``neutral``) any target is accepted;
* a target that is worse than the baseline in that direction (unemployment share 3,12 -> 3,5,
  families per assistant 11 -> 12) is an error, unless the target carries ``uzasadnienie``:
  a plan may knowingly accept a worse value (e.g. more families per assistant while more
  families are reached), and the document then prints the justification;
* a target equal to the baseline (keep the level) is accepted.
"""
from __future__ import annotations

import math

from ..text import fmt_number
from .model import Direction, Plan, Target

#: The plan's words for the favourable direction of a typed indicator (``kierunek``).
FAVOURABLE = {"wzrost": "better", "spadek": "worse"}
#: The same, from the catalogue's direction to the Polish word.
WORDS = {"better": "wzrost", "worse": "spadek"}


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def favourable(t: Target, catalog) -> str:
    """Return the favourable direction of target ``t``'s indicator: ``better``, ``worse`` or
    ``neutral`` (the catalogue's for a catalogue indicator, else the plan's ``kierunek``)."""
    if t.indicator and t.indicator in catalog:
        d = catalog.get(t.indicator).direction
        if d != "neutral":
            return d
    return t.direction or "neutral"


def worsens(baseline, target, direction: str) -> bool:
    """Return True when ``target`` is worse than ``baseline`` for an indicator whose
    favourable direction is ``direction`` (False when either value is missing)."""
    if _missing(baseline) or _missing(target):
        return False
    if direction == "worse":
        return float(target) > float(baseline)
    if direction == "better":
        return float(target) < float(baseline)
    return False


def number_text(x: float) -> str:
    """Return ``x`` as the plan's messages print it (decimal comma, no trailing zeros)."""
    return fmt_number(x)


def wrong_way(plan: Plan, og_id: str, t: Target, baseline: float, baseline_year: int | None,
              direction: str) -> str:
    """Return the Polish message for a target that worsens its indicator (file and line)."""
    line = t.target_line or t.line
    where = f"plik {plan.path.name}" + (f", wiersz {line}" if line else "")
    since = f" ({baseline_year} r.)" if baseline_year else ""
    by = f" na {t.target_year} r." if t.target_year else ""
    return (f"{where}: wskaźnik „{t.name}” (cel {og_id}): wartość docelowa {number_text(t.target)}{by} "
            f"oznacza pogorszenie względem wartości bazowej {number_text(baseline)}{since} – korzystny "
            f"kierunek zmiany tego wskaźnika to {WORDS[direction]}. Popraw wartość docelową "
            "albo dodaj pole 'uzasadnienie' z wyjaśnieniem, dlaczego program dopuszcza "
            "pogorszenie.")


def direction_problems(plan: Plan, baselines, catalog) -> list[str]:
    """Return a message per target of ``plan`` that worsens its indicator without a
    justification. ``baselines`` gives (baseline, its year) per target, in the order of
    ``plan.targets()``."""
    out = []
    for (og, t), (b, by) in zip(plan.targets(), baselines):
        direction = favourable(t, catalog)
        if not t.justification and worsens(b, t.target, direction):
            out.append(wrong_way(plan, og.id, t, b, by, direction))
    return out


def justified(plan: Plan) -> list[tuple[str, Target]]:
    """Return (operational goal id, target) of every target with a justification."""
    return [(og.id, t) for og, t in plan.targets() if t.justification]


def without_outputs(plan: Plan) -> list[Direction]:
    """Return the directions of action that name no output indicator (wskazniki_produktu)."""
    return [d for _, _, d in plan.directions() if not d.outputs]
