"""Degree of achievement of a target, aware of the indicator's favourable direction.

In: the baseline, the target and the actual value of an indicator, and its catalogue direction
(``worse``: a higher value is worse, ``better``, ``neutral``).
Out: :class:`Achievement` - the percentage, a status and the planned change it rests on. The
sentence that says what the percentage means is
:func:`strategy.text.realizacja.achievement_sentence`.

Rules (:func:`achievement`):

* the favourable direction is the catalogue's; for a ``neutral`` indicator it is the direction
  of the planned change (target - baseline);
* a target that moves the indicator the unfavourable way is not scored (``pct`` None, status
  :data:`WRONG_WAY`): a rise of families per assistant from 11 to 13 against a target of 12 is
  not "200 %", it is a worse caseload under a target that should not have been set so;
* otherwise ``pct = (actual - baseline) / (target - baseline) · 100``: 100 = target reached;
  above 100 the target was exceeded and the status says so (:data:`EXCEEDED`); 0 or less means
  no progress or a move away from the target (:data:`AWAY`, the percentage stays negative);
* a target equal to the baseline (keep the level) is reached (100) when the actual value is not
  worse than the target, otherwise the status is :data:`AWAY` and ``pct`` is 0;
* a target the plan justifies (``uzasadnienie``) although it lets the indicator get worse is a
  ceiling, not progress: it is not scored either (``pct`` None); the status says whether the
  value stayed within the accepted level (:data:`WITHIN_LIMIT`) or went beyond it
  (:data:`BEYOND_LIMIT`) - a rise of an unfavourable indicator is never counted as achievement;
* without a baseline nothing is scored (``pct`` None, status :data:`NO_BASELINE`): the share of
  the target alone (actual / target) says nothing about progress.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

REACHED, IN_PROGRESS, EXCEEDED = "cel osiągnięty", "w trakcie realizacji", "cel przekroczony"
AWAY, WRONG_WAY, NO_BASELINE, NO_DATA = ("oddalenie od celu", "cel wbrew kierunkowi",
                                         "brak wartości bazowej", "brak danych")
WITHIN_LIMIT, BEYOND_LIMIT = "w granicy dopuszczonej w planie", "ponad poziom dopuszczony w planie"


@dataclass(frozen=True)
class Achievement:
    pct: float | None       # part of the planned change achieved, in %; None when not scored
    status: str
    planned: float | None = None    # target - baseline; 0: the target keeps the level


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def achievement(baseline, target, actual, direction: str = "neutral", *,
                justified: bool = False) -> Achievement:
    """Return the direction-aware degree of achievement (see the module's rules);
    ``justified``: the plan explains why its target is worse than the baseline."""
    if _missing(target) or _missing(actual):
        return Achievement(None, NO_DATA)
    if _missing(baseline):
        return Achievement(None, NO_BASELINE)
    baseline, target, actual = float(baseline), float(target), float(actual)
    planned = target - baseline
    if direction == "worse":
        good = -1.0
    elif direction == "better":
        good = 1.0
    else:
        good = math.copysign(1.0, planned) if planned else 0.0
    if planned * good < 0 and justified:
        within = (actual - target) * good >= 0
        return Achievement(None, WITHIN_LIMIT if within else BEYOND_LIMIT, planned)
    if planned * good < 0:
        return Achievement(None, WRONG_WAY, planned)
    if planned == 0:
        worse = good != 0 and (actual - target) * good < 0
        return Achievement(0.0, AWAY, planned) if worse else Achievement(100.0, REACHED, planned)
    pct = (actual - baseline) / planned * 100.0
    if pct <= 0:
        return Achievement(pct, AWAY, planned)
    if pct > 100:
        return Achievement(pct, EXCEEDED, planned)
    if pct == 100:
        return Achievement(pct, REACHED, planned)
    return Achievement(pct, IN_PROGRESS, planned)
