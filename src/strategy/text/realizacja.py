"""The Polish of a target's degree of achievement (the implementation report, "sprawozdanie z
realizacji"): what the percentage of :func:`strategy.analysis.achievement.achievement` means.

In: an :class:`~strategy.analysis.achievement.Achievement` (``pct``, ``status``, ``planned``).
Out: :func:`achievement_sentence` - e.g. "Cel w trakcie realizacji: osiągnięto 50,0% planowanej
zmiany." The status itself ("cel osiągnięty", ...) is the label of the table's "Ocena" column.
"""
from __future__ import annotations

from ..analysis.achievement import (AWAY, BEYOND_LIMIT, EXCEEDED, IN_PROGRESS, NO_BASELINE,
                                    NO_DATA, REACHED, WITHIN_LIMIT, WRONG_WAY)
from .grammar import TextError
from .numbers import fmt_percent

_FIXED = {
    NO_DATA: "Brak wartości docelowej lub osiągniętej.",
    NO_BASELINE: "Brak wartości bazowej: stopnia realizacji nie obliczono.",
    WITHIN_LIMIT: "Plan dopuszczał pogorszenie wskaźnika (z uzasadnieniem); wartość osiągnięta "
                  "mieści się w dopuszczonym poziomie.",
    BEYOND_LIMIT: "Plan dopuszczał pogorszenie wskaźnika (z uzasadnieniem), ale wartość "
                  "osiągnięta przekroczyła dopuszczony poziom.",
    WRONG_WAY: "Wartość docelowa oznacza pogorszenie wskaźnika względem wartości bazowej: "
               "stopnia realizacji nie obliczono, cel wymaga korekty.",
}


def achievement_sentence(a) -> str:
    """Return the sentence that says what the degree of achievement ``a`` means."""
    if a.status in _FIXED:
        return _FIXED[a.status]
    if a.planned == 0:      # the target keeps the level
        if a.status == AWAY:
            return ("Cel (utrzymanie poziomu) nie został osiągnięty: wskaźnik pogorszył się "
                    "względem wartości bazowej.")
        return "Cel (utrzymanie poziomu) został osiągnięty."
    pct = fmt_percent(a.pct)
    if a.status == AWAY:
        what = ("wskaźnik oddalił się od wartości docelowej" if a.pct < 0
                else "wskaźnik nie zmienił się względem wartości bazowej")
        return f"Brak postępu: {what} ({pct} planowanej zmiany)."
    if a.status == EXCEEDED:
        return f"Cel przekroczony: osiągnięto {pct} planowanej zmiany."
    if a.status == REACHED:
        return f"Cel osiągnięto ({pct} planowanej zmiany)."
    if a.status == IN_PROGRESS:
        return f"Cel w trakcie realizacji: osiągnięto {pct} planowanej zmiany."
    raise TextError(f"nieznany stan realizacji celu: {a.status!r}")
