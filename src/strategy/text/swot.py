"""The sentences of the SWOT suggestions of a diagnosis ("Propozycje do analizy SWOT"): each
strength or weakness cited with the numbers behind it.

In: a SWOT item of :func:`strategy.analysis.ranking.swot_suggestions` (kind, basis, year, value,
powiat_value, rank, n_units, ...) with its catalogue indicator, and the unit's trend of it.
Out: :func:`sentence_swot` - "Liczba ... w gminie Mycielin wyniosła w 2023 r. ... wobec ... w
powiecie – mniej korzystnie niż średnio w powiecie (9. miejsce spośród 11 gmin powiatu, licząc
od najkorzystniejszej sytuacji)."; :func:`swot_text` - the item's whole justification (that
sentence and/or the trend sentence of :mod:`.diagnoza_obszary`).
"""
from __future__ import annotations

from ..analysis.compare import assessment
from .diagnoza_obszary import ASSESSMENT_PHRASES, sentence_trend
from .grammar import rank_phrase, verb
from .numbers import is_missing
from .sentences import (TOTAL_KINDS, bare_text, field_of, full_stop, head_of, level_text,
                        year_text)


def sentence_swot(item: dict) -> str:
    """Return one sentence citing the numbers behind a SWOT item.

    ``item`` has kind ("mocna strona"/"słaba strona"), indicator (the catalogue indicator),
    unit_name, year, value, powiat_value, rank, n_units.
    """
    ind = field_of(item, "indicator")
    head = head_of(ind, field_of(item, "unit_name"))
    year, value = field_of(item, "year"), field_of(item, "value")
    pv = field_of(item, "powiat_value")
    if is_missing(value):
        return f"{head}: brak danych za {year_text(year)}"
    text = f"{head} {verb('wyniósł', ind.gender)} w {year_text(year)} {level_text(ind, value)}"
    if not is_missing(pv):
        where = "w całym powiecie" if ind.kind in TOTAL_KINDS else "w powiecie"
        text += f" wobec {bare_text(ind, pv)} {where}"
        if ind.kind not in TOTAL_KINDS:   # the comparison table's assessment, never another
            phrase = ASSESSMENT_PHRASES.get(assessment(ind.direction, value, pv))
            if phrase:
                text += f" – {phrase}"
    rank, n = field_of(item, "rank"), field_of(item, "n_units")
    if not is_missing(rank) and not is_missing(n):
        of = field_of(item, "n_powiat")
        text += f" ({rank_phrase(rank, n, of=of)}, licząc od najkorzystniejszej sytuacji)"
    return full_stop(text)


def swot_text(item: dict, indicator, unit_name: str, trend=None,
              trend_years: int | None = None) -> str:
    """Return the justification of a SWOT item: the comparison sentence when its ``basis``
    has "porównanie", the trend sentence (of ``trend``, the unit's trend of the indicator) when
    it has "trend"; the comparison sentence when neither applies."""
    item = {**item, "indicator": indicator}
    parts = []
    if "porównanie" in item["basis"]:
        parts.append(sentence_swot(item))
    if "trend" in item["basis"] and trend is not None:
        parts.append(sentence_trend(indicator, unit_name, trend, expected_points=trend_years,
                                    named=bool(parts)))
    return " ".join(parts) or sentence_swot(item)
