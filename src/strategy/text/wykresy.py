"""The captions and the source line of a diagnosis' charts (the charts themselves are drawn by
:mod:`strategy.charts`; which charts a diagnosis has is decided in :mod:`strategy.diagnosis`).

In: the indicator's name, the unit's label ("gmina Blizanów"), years. Out: one caption per kind
of chart, without its number ("Wykres 3."), and :func:`source` - the line under every figure.
"""
from __future__ import annotations

from .. import DEMO_MARK
from .grammar import powiat_genitive

#: The note of a trend chart whose unit has figures of one year only.
ONE_YEAR = "dane z jednego roku – za mało, aby pokazać zmiany"

_BASE_SOURCE = "opracowanie własne na podstawie danych GUS BDL i sprawozdań jednostek"


def source(demo: bool) -> str:
    """Return the source line of a diagnosis' charts (marked when the data are demo)."""
    return f"{_BASE_SOURCE} ({DEMO_MARK})" if demo else _BASE_SOURCE


def trend_caption(name: str, first_year: int, last_year: int, *, against_powiat: bool,
                  horizon: int | None = None) -> str:
    """Return e.g. "<name> w latach 2015–2024 na tle powiatu wraz z prognozą do 2035 r."
    (``horizon`` None: no forecast drawn)."""
    return (f"{name} w latach {first_year}–{last_year}"
            + (" na tle powiatu" if against_powiat else "")
            + (f" wraz z prognozą do {horizon} r." if horizon is not None else ""))


def ranking_caption(name: str, powiat_name: str, year: int, left_out=()) -> str:
    """Return "<name> w gminach powiatu kaliskiego w 2024 r."; with the gminas ``left_out``
    (no figure): "... w 2024 r. (brak danych z gmin: Szczytniki, Żelazków)"."""
    caption = f"{name} w gminach powiatu {powiat_genitive(powiat_name)} w {year} r."
    if left_out:
        caption += f" (brak danych z {'gminy' if len(left_out) == 1 else 'gmin'}: "
        caption += f"{', '.join(left_out)})"
    return caption


def reasons_caption(unit_label: str, year: int) -> str:
    """Return the caption of the chart of the reasons for social assistance."""
    return (f"Rodziny objęte pomocą społeczną według powodów przyznania pomocy – {unit_label}, "
            f"{year} r.")


def age_caption(unit_label: str) -> str:
    """Return the caption of the chart of the economic age groups."""
    return f"Ludność według ekonomicznych grup wieku – {unit_label}"


def foster_care_caption(unit_label: str) -> str:
    """Return the caption of the chart of foster care by form (a powiat)."""
    return f"Dzieci w pieczy zastępczej według form pieczy – {unit_label}"


def map_caption(name: str, powiat_name: str, year: int, gmina_label: str | None = None) -> str:
    """Return "<name> w gminach powiatu kaliskiego w 2024 r. – mapa" and, for a gmina's
    document, "(wyróżniona gmina Opatówek)"."""
    own = f" (wyróżniona {gmina_label})" if gmina_label else ""
    return f"{name} w gminach powiatu {powiat_genitive(powiat_name)} w {year} r. – mapa{own}"


def map_source(demo: bool, credit: str) -> str:
    """Return the source line under a map: the data's source and the origin of the
    boundaries."""
    return f"{source(demo)}; {credit}"


def no_map_city(city_name: str) -> str:
    """Return why a document of a city with powiat rights has no map of gminas."""
    return (f"Mapy gmin powiatu nie zamieszczono: {city_name} jest miastem na prawach powiatu, "
            "czyli jedną gminą, więc na mapie nie byłoby gmin do porównania.")


def no_map_boundaries(powiat_name: str) -> str:
    """Return why a document has no map of gminas when no boundaries of its powiat are at
    hand."""
    return (f"Mapy gmin powiatu {powiat_genitive(powiat_name)} nie zamieszczono: brak danych "
            "o granicach gmin tego powiatu.")
